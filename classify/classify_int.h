/*
 * classify/classify_int.h — what the files of classify/ share: the compiled event
 * rules, the per-document scratch state, and the internal entry points of each step
 * (sentences → hits → events → modality → checks).
 */
#ifndef NM_CLASSIFY_INT_H
#define NM_CLASSIFY_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#include "classify/classify.h"

/* ---------------------------------------------------------------- caps */

#define SENTENCES_MAX 20000  /* sentences per document; later text is not classified */
#define HITS_MAX 50000       /* rule hits per document */
#define STEMS_MAX 1024       /* distinct anchor stems */
#define STEM_WORDS (STEMS_MAX / 64) /* at most 16: gate_words has a bit each */
#define RULE_WORDS 2 /* words of a bit set over one group's rules (128 rules) */
#define ALL_STEMS_MAX 2048   /* those and the stems only rules' starts ask for (no gate
			      * names them, so they come after the others) */
#define ALL_STEM_WORDS (ALL_STEMS_MAX / 64)
#define RULE_PATTERN_MAX 4096 /* bytes of one pattern */
#define RULES_PER_GROUP_MAX 512
#define NEED_MAX 4           /* need= clauses of one rule */

/* Copy the string src into dst of size bytes (size > 0), cut to fit and NUL-terminated:
 * snprintf(dst, size, "%s", src) without the format machinery. */
static inline void cls_copy(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* ---------------------------------------------------------------- event types */

enum ev_type { EV_DELEVERAGING, EV_REJECTION, EV_RISK_OFF, EV_NTYPES };
extern const char *const ev_type_names[EV_NTYPES];

/*
 * Cues: named word classes the code reasons with. Each `event-cue NAME PATTERN` or
 * `modality NAME PATTERN` line adds a pattern to one of them (docs/events.md).
 */
enum cue {
	CUE_FORECAST,    /* will, could, may, might, likely, expected, set to, ... */
	CUE_CONDITIONAL, /* if, unless, should ... (clause-wide forecast) */
	CUE_ATTRIBUTION, /* analysts warn/expect/predict that ... (clause-wide forecast) */
	CUE_NEGATION,    /* no, not, never, without, did not ... (scoped to the trigger) */
	CUE_HISTORY,     /* since the October crash, back in 2022, compared with ... */
	CUE_MARKET,      /* market-wide scope: crypto market, total, across the market */
	CUE_SINGLE,      /* a single trader/whale/wallet */
	CUE_LONG,        /* long positions */
	CUE_SHORT,       /* short positions */
	CUE_RESISTANCE,  /* resistance side of a rejection */
	CUE_SUPPORT,     /* support side of a rejection */
	CUE_PRICE_WORD,  /* words that make a bare level a price: resistance, level, SMA, ... */
	CUE_DISTRACTOR,  /* money that is not liquidations: outflows, hacks, losses, volume */
	CUE_DEFINITION,  /* "risk-off refers to", "what is ..." */
	CUE_MARKET_CAP,  /* total crypto market cap (a rejection of it has no asset) */
	CUE_CONTRAST,    /* compared to, versus, while: one side set against the other */
	CUE_DESTINATION, /* sending prices below ...: where the price went, not the level */
	CUE_PAST,        /* between Jan. 19 and March 11, in 2021: a dated past period */
	CUE_GENERIC,     /* can, typically, tends to: a general statement, not a happening */
	CUE_ASIDE,       /* "Related:", "Read more:": a link to another story */
	CUE_DAY,         /* on Monday, yesterday, over the weekend: the day a figure is of */
	CUE_WHOLE,       /* a total of, totalling, in all: the amount after it is the whole */
	CUE_CONCESSION,  /* despite, in spite of: what follows is conceded, not claimed */
	CUE_SPAN,        /* first time in, highest in: a duration after it is no window */
	CUE_TOLD,        /* Monday's ..., ... that gripped markets: told as having happened */
	CUE_ANAPHOR,     /* on the token, of the coin: the asset the sentence named before */
	CUE_GUIDE,       /* a headline that explains liquidations: "What Is a Liquidation?" */
	CUE_RETRO,       /* a headline that looks back: "Five Years On", "One Year After" */
	CUE_VENUE,       /* an exchange: "Binance saw $120M", "$52M on Bybit" (no total) */
	CUE_WEEKLY,      /* a headline that covers a week: "Weekly Wrap", "Worst Week Since" */
	CUE_CAUSATIVE,   /* caused ... to be, began to get: the infinitive is no forecast */
	CUE_SHARE,       /* most of, 92% of, the bulk: a side's share of the wave */
	CUE_HOLDERS,     /* traders, holders, options: whose the risk-off move is */
	CUE_NCUES
};
extern const char *const cue_names[CUE_NCUES];

enum { SIDE_NONE, SIDE_RESISTANCE, SIDE_SUPPORT };

/* Rule groups: the rules of one trigger type, veto type or cue class, each its own pattern. */
enum group_kind { G_TRIGGER, G_VETO, G_CUE };

struct rule_group {
	enum group_kind kind;
	int which;            /* ev_type for triggers/vetoes, enum cue for cues */
	pcre2_code **codes;   /* per rule, compiled (JIT when available), heap */
	bool *jit;            /* per rule: codes[r] has JIT code (matched by pcre2_jit_match,
			       * which skips pcre2_match's checks), heap */
	char **patterns;      /* per rule, its source, heap */
	uint64_t (*gate)[NEED_MAX][STEM_WORDS]; /* per rule: clauses of stems it needs, heap */
	unsigned char *n_gate; /* per rule: clauses (0 = runs whenever its group may), heap */
	uint16_t (*gate_words)[NEED_MAX]; /* per rule and clause: bit per nonzero word of gate, heap */
	uint64_t (*stem_rules)[RULE_WORDS]; /* per stem id: bit per rule whose first clause
					     * holds it (groups of at most 64 * RULE_WORDS
					     * rules; NULL otherwise), heap */
	uint64_t ungated[RULE_WORDS]; /* bit per rule with no gate (with stem_rules) */
	uint64_t first_stems[STEM_WORDS]; /* the stems of the rules' first clauses (with
					   * stem_rules) */
	pcre2_code **anchored; /* per rule: its pattern compiled PCRE2_ANCHORED when every match
				* starts at a word beginning with a stem of start_set[r]
				* (see cls_anchor_gates), else NULL; heap (NULL = none) */
	bool *anchored_jit;    /* per rule: anchored[r] has JIT code, heap */
	uint64_t (*start_set)[ALL_STEM_WORDS]; /* per rule: the stems its matches start with, heap */
	char **needs;         /* per rule: its `need=` clauses, "a|b c|d" (NULL = derived), heap */
	double *weights;      /* per rule (triggers), heap */
	unsigned char *sides; /* per rule: SIDE_* a rejection trigger tells by itself, heap */
	char **where;         /* per rule "file:line", heap, for diagnostics */
	size_t n;
};

#define NGROUPS (2 * EV_NTYPES + CUE_NCUES)
#define ANCHOR_STEM_MAX 24   /* bytes of one anchor stem */
#define ANCHOR_SLOTS 8192    /* hash table slots (anchor stems and their prefixes, a power of two) */
#define WANTED_MAX 32        /* start texts of one rule given stems of their own */

/* An anchor stem: a sentence holding a word that starts with it may match the groups
 * of mask. Groups without anchors may match anywhere. */
struct anchor {
	char stem[ANCHOR_STEM_MAX]; /* lower case */
	unsigned char len;          /* bytes of stem; 0 = empty slot */
	uint16_t id;                /* 0..n_anchors-1 */
	uint64_t mask;              /* bit per group index */
	uint64_t start_mask;        /* bit per group one of whose rules' matches may start at
				     * a word beginning with this stem (no gate asks for it) */
};

/*
 * The anchor stems as a trie over word bytes (letters folded to lower case, digits, &),
 * so a word is looked up one byte at a time and the walk stops where no stem goes on.
 * It is stored as a double array: the child of slot x by symbol y is slot base[x] + y
 * when that slot's check names x. A few kilobytes, so it stays in cache between pages.
 */
#define TRIE_SYMS 38 /* 0 = not a word byte, then a-z, 0-9, & */
struct trie_slot {
	uint16_t base;  /* first slot of this node's children (symbol added) */
	uint16_t check; /* 1 + the parent slot; 0 = free */
	uint16_t id;    /* the stem ending here, UINT16_MAX = none */
};
#define NOTE_STEM ((uint64_t)1 << 63) /* in a trie mask: keep the places of this stem's
					 * words (a group bit otherwise: NGROUPS < 63) */
struct trie {
	struct trie_slot *slot; /* slot 0 = root, heap */
	uint64_t *mask;         /* per slot: the groups of the stem ending there, and
				 * NOTE_STEM; heap */
	uint16_t *two;          /* per first two symbols (y1 * TRIE_SYMS + y2): the slot two
				 * steps down, 0 = no stem goes on; NULL when a stem has one
				 * byte. Most words stop within two steps: one lookup. Heap */
	size_t n;               /* slots, with room for every symbol after each base */
	unsigned other_starts;  /* ~0 when a stem starts with a digit or &, else 0 (words
				 * that start so are then not walked) */
};

struct nm_classifier {
	struct rule_group groups[NGROUPS];
	struct anchor *anchors;    /* ANCHOR_SLOTS slots, heap */
	struct trie rest;          /* the stems of the groups that are not eager (a stem
				    * that is in both has only those groups' bits here) */
	struct trie eager;         /* the eager groups' stems alone */
	unsigned char sym[256];    /* byte → trie symbol */
	size_t n_anchors;          /* stems (with an id) */
	size_t n_slots_used;       /* stems and their prefixes */
	uint64_t anchored;         /* groups that have anchors */
	uint64_t eager_groups;     /* groups whose stems are looked up in every sentence */
	size_t stem_words;         /* words of a sentence's stem bits: one per 64 stems there are */
	size_t gate_stem_words;    /* the first of them, which hold the gates' stems */
	uint64_t start_groups;     /* while building: the groups whose stems may start a rule */
	uint64_t start_ids[ALL_STEM_WORDS]; /* while building: the stems found to start it */
	bool start_add;            /* while building: start texts no stem begins are wanted */
	size_t n_wanted;           /* while building: such texts, in wanted */
	char wanted[WANTED_MAX][ANCHOR_STEM_MAX];
	uint32_t stem_lens;        /* bit per stem length in use */
	double min_confidence; /* events below this are not emitted */
};

/* One rule hit inside a sentence. */
struct hit {
	int group;            /* index into classifier groups */
	int rule;             /* rule within the group */
	size_t start, end;    /* bytes into doc->text */
	size_t sentence;      /* index into doc->sentences */
};

/* Hits of one sentence, computed group by group on first use. */
struct sent_cache {
	struct hit *h;         /* heap; each computed group's hits are contiguous */
	size_t n, cap;
	uint64_t done;         /* groups computed */
	uint32_t first[NGROUPS], count[NGROUPS];
};

/* The last clause asked for (modality.c): cls_generic and cls_modality ask for the
 * same trigger's clause one after the other. */
struct clause_memo {
	size_t sent, ts, te; /* the question; sent = SIZE_MAX when empty */
	size_t cs, ce;       /* its answer */
};

/* Where the word scans found stems: one entry per stem a word starts with. */
struct stem_at {
	size_t pos;  /* byte offset of the word in doc->text */
	uint16_t id; /* the stem's id */
};
struct stem_list {
	struct stem_at *a; /* heap */
	size_t n, cap;
	size_t *ws;        /* the word scan's word starts of one sentence, heap */
	size_t ws_cap;
};

/* Per-document scratch: heap, freed at the end of nm_classify. */
struct scratch {
	const struct nm_classifier *c;
	struct nm_doc *doc;
	struct hit *hits;      /* trigger hits, sorted by (sentence, start) */
	size_t n_hits, cap_hits;
	size_t *sent_hit0;     /* per sentence: first trigger hit; [n_sentences] = n_hits */
	uint64_t *may;         /* per sentence: groups whose anchors it holds (trigger groups
				* only until the sentence is fully scanned: see full) */
	unsigned char *full;   /* per sentence: 1 every anchor stem looked up (not just triggers'),
				* 2 whether it holds a '&' known, 4 it does */
	uint64_t *stems; /* per sentence, c->stem_words words: the anchor stems its words start with */
	struct stem_list *at;  /* the stems found and where (pointer to mutable data) */
	size_t (*at_range)[4]; /* per sentence: its entries of at from the eager scan [0],[1)
				* and from the scan of the other stems [2],[3) */
	struct sent_cache *cache; /* per sentence, filled lazily (pointer to mutable data) */
	size_t n_cached_hits;  /* all hits computed, against HITS_MAX */
	pcre2_match_data *md;
	size_t *sent_m0;       /* per sentence: first mention index (mentions in text order) */
	unsigned char *sent_flags; /* per sentence: SF_* once SF_DONE is set (cls_sent_flags;
				    * pointer to mutable data) */
	bool explainer;        /* the article defines risk-off (CUE_DEFINITION) */
	bool one_trader;       /* a liquidation told of one trader (CUE_SINGLE) was dropped */
	bool guide;            /* the headline explains liquidations (CUE_GUIDE) */
	bool retro;            /* the headline looks back (CUE_RETRO) */
	bool weekly;           /* the headline covers a week (CUE_WEEKLY) */
	struct clause_memo *clause; /* nm_classify's stack (pointer to mutable data) */
	int *latest_year;      /* the latest year the text names, 0 until asked (mutable) */
};

enum { SF_QUESTION = 1, SF_HEADING = 2, SF_HEADLINE = 4, SF_DONE = 8,
       SF_FRAME_KNOWN = 16, SF_FRAMED = 32 /* events.c: in a past frame (in_past_frame) */ };
/* classify.c: the SF_* flags of sentence i (with SF_DONE), worked out on first use. */
unsigned cls_sent_flags(const struct scratch *s, size_t i);

/* rules.c: compile the event lines of a rule set. */
enum nm_code cls_rules_compile(struct nm_classifier *c, const struct nm_rules *rules,
			       struct nm_err *err);
void cls_rules_release(struct nm_classifier *c);

/* hits.c: find the trigger hits (on sentences holding a trigger anchor). */
enum nm_code cls_find_hits(struct scratch *s, struct nm_err *err);
void cls_hits_release(struct scratch *s);
/* Anchor group gi on stem[0..n); false when the anchor table is full. */
bool cls_anchor_add(struct nm_classifier *c, const char *stem, size_t n, int gi);
/* Give each rule of an anchored group the stems it needs and build the tries (after
 * all lines are read). */
void cls_anchor_gates(struct nm_classifier *c);
/* Free a trie built by cls_anchor_gates(). */
void cls_trie_release(struct trie *t);
/* Compute the hits of group gi in sentence sent (cls_group_hits does when needed). */
void cls_group_compute(const struct scratch *s, size_t sent, int gi);
/* Hits of group gi in sentence sent, computed on first use. *out points to the count
 * returned; it stays valid until another group of the same sentence is computed. */
static inline size_t cls_group_hits(const struct scratch *s, size_t sent, int gi,
				    const struct hit **out)
{
	const struct sent_cache *sc = &s->cache[sent];
	if (!(sc->done & ((uint64_t)1 << gi)))
		cls_group_compute(s, sent, gi);
	*out = sc->h ? sc->h + sc->first[gi] : NULL;
	return sc->count[gi];
}

/* Cue lookups within one sentence (hits must be found). */
bool cls_cue_in(const struct scratch *s, size_t sent, enum cue q, size_t from, size_t to);
/* Position of the first/last cue q in [from,to) of the sentence, or SIZE_MAX. */
size_t cls_cue_first(const struct scratch *s, size_t sent, enum cue q, size_t from, size_t to);
size_t cls_cue_last(const struct scratch *s, size_t sent, enum cue q, size_t from, size_t to);
/* Index into the classifier's groups of a rule group. */
static inline int cls_group_index(enum group_kind kind, int which)
{
	return kind == G_TRIGGER ? which : kind == G_VETO ? EV_NTYPES + which : 2 * EV_NTYPES + which;
}

/* modality.c: the modality of a trigger at [ts,te) in sentence sent. */
enum nm_modality cls_modality(const struct scratch *s, size_t sent, size_t ts, size_t te);
/* True when the trigger's clause states a general truth ("can trigger liquidations"). */
bool cls_generic(const struct scratch *s, size_t sent, size_t ts, size_t te);

/* events.c: detect and append doc->events. */
enum nm_code cls_events(struct scratch *s, struct nm_err *err);
/* events.c: the asset whose liquidations mention m of evidence sentence sent tells, bound
 * as the figures bind it and named in its clause; NULL when m is no such amount (a
 * price, a flow, one position, an unbound total) or its asset is named in another clause
 * ("Bitcoin slides as $780M in longs are liquidated" tells no figure of Bitcoin's). */
const char *cls_asset_amount(const struct scratch *s, size_t sent, const struct nm_mention *m);

/* checks.c: internal consistency checks, appended to doc->checks. */
enum nm_code cls_checks(struct scratch *s, struct nm_err *err);

#endif
