/*
 * extract/mentions_int.h — internals shared by the files of the mention layer:
 * mention_rules.c (compiles the rule lines into a mentioner), mention_num.c (turns
 * matched digits and words into numbers) and mentions.c (scans a text and binds).
 */
#ifndef NM_MENTIONS_INT_H
#define NM_MENTIONS_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "extract/extract.h"

/* ------------------------------------------------------------- lexicons */

/* A slot of an open-addressing table: the hash sits beside the index, so a probe that
 * misses never reads the entry. */
struct mslot {
	uint32_t hash; /* the entry's hash (xor a constant for cased keys) */
	uint32_t idx;  /* index + 1 into the entries, 0 = empty */
};

/* One phrase of a word list, with its value as written in the rule file. */
struct mlex_entry {
	char *key;      /* normalised phrase: blanks collapsed; lower-case unless cased */
	char *value;    /* VALUE as written */
	double num;     /* VALUE read as a number (NAN when it is not one) */
	bool cased;
	uint32_t hash;  /* mlex_hash of key: a probe compares it before the bytes */
	uint32_t len;   /* bytes of key */
};

/* A word list (`words LIST ...`): an open-addressing hash of normalised phrases. */
struct mlex {
	char *name;
	struct mlex_entry *entries; /* in file order */
	size_t n, cap;
	struct mslot *slots;        /* nslots is a power of two, at least 4 per entry */
	size_t nslots;
	size_t maxwords;            /* most words in one phrase */
	size_t ncased;              /* entries with exact case */
};

/* Look s[0..n) up: exact case first (cased entries), then lower-cased. NULL when absent. */
const struct mlex_entry *mlex_find(const struct mlex *l, const char *s, size_t n);
/* The same for text already normalised (words joined by single blanks, none around), in
 * any case: hx is mlex_hash of s[0..n) as written, hl of it lower-cased. */
const struct mlex_entry *mlex_find_norm(const struct mlex *l, const char *s, size_t n, uint32_t hx,
					uint32_t hl);

/* ------------------------------------------------------------- assets */

struct masset {
	char ticker[NM_TICKER_MAX];
	bool ambiguous; /* the ticker is an English word: needs context when alone */
};

/* One word form of an asset in the word hash. */
struct mform {
	char *key;        /* exact text, or lower-cased text when !cased */
	uint32_t hash;    /* mlex_hash of key */
	uint32_t len;     /* bytes of key */
	bool cased;
	bool is_ticker;   /* the ticker itself (ambiguity rules apply) */
	unsigned asset;   /* index into assets */
	unsigned nwords;  /* words in the form */
};

/* ------------------------------------------------------------- patterns */

enum mkind { MK_SKIP, MK_PERCENT, MK_DURATION, MK_MONEY, MK_NUMBER, MK_QUANTITY, MK__N };

/* Semantic named groups the C code reads; each may be several group numbers (?J). */
enum mgroup { MG_NUM, MG_WORDS, MG_MAG, MG_CUR, MG_CUR2, MG_NEG, MG_UNIT, MG_DUR, MG_WIN, MG_FRAC,
	      MG__N };
#define MG_MAXDUP 8

/* First words of phrases: one hash lookup per word of the text says which lists may
 * start there. */
#define MF_ASSET 1u
#define MF_ROLE 2u
#define MF_MARKET 4u
#define MF_START 8u /* a pattern may start at this word */
#define MF_START_IF 16u /* ... only when the next word has MF_FOLLOW (start_word "before:") */
#define MF_FOLLOW 32u /* the first word of a list a conditional start word names */

struct mfirst {
	char *key;     /* ASCII letters and digits; lower-case unless cased */
	uint32_t hash; /* mlex_hash of key lower-cased (cased keys too) */
	uint32_t len;  /* bytes of key */
	bool cased;
	unsigned mask; /* MF_* */
	char next[2][8]; /* MF_START: bytes that may follow the word ("$" of "US$"); "*" = any;
			  * [1] for the phrases of a conditional start word (MF_START_IF) */
	bool next_any[2]; /* next[k] holds "*" */
	uint8_t maxw[3]; /* most words of an asset form, role, market phrase starting so */
};

/* The patterns that may start with one byte, in one anchored alternation (their order
 * and MARKs kept): an attempt at a digit never runs the patterns that start with "$". */
struct msub {
	pcre2_code *re;                    /* anchored, JIT-compiled; may be the whole set */
	bool owned;                        /* re is this sub's own (not re_anchored) */
	bool jit;                          /* re is JIT-compiled: pcre2_jit_match() runs it */
	uint32_t groups[MG__N][MG_MAXDUP]; /* group numbers in re per semantic group */
};
#define MSUB_NONE 255 /* sub_of: no pattern starts with this byte */

struct nm_mentioner {
	struct mlex *lists;        /* word lists, by name */
	size_t nlists;

	pcre2_code *re;            /* all `pattern` lines in one alternation, JIT-compiled */
	pcre2_code *re_anchored;   /* the same, anchored (JIT ignores PCRE2_ANCHORED at match time) */
	enum mkind *pattern_kind;  /* by MARK index */
	size_t npatterns;
	uint32_t groups[MG__N][MG_MAXDUP]; /* group numbers per semantic group, 0 = unused */
	uint32_t ovec_pairs;
	struct msub *subs;         /* by first byte of an attempt: see sub_of */
	size_t nsubs;
	uint8_t sub_of[256];       /* index into subs, or MSUB_NONE */

	struct masset *assets;
	size_t nassets;
	struct mform *forms;       /* word forms of assets, hashed */
	size_t nforms, capforms;
	struct mslot *form_slots;
	size_t nform_slots;
	unsigned form_maxwords;

	struct mfirst *firsts;
	size_t nfirsts, capfirsts;
	struct mslot *first_slots; /* by the hash of the lower-cased key */
	size_t nfirst_slots;
	uint64_t first_bloom[1024]; /* bit (hash >> 16) of every first word: most words miss */
	uint8_t wordlow[256];      /* ASCII letters and digits lower-cased, 0 for other bytes */
	bool start_byte[256];      /* a pattern may start at this byte (digits, symbols) */
	char start_chars[64][5];   /* multi-byte characters a pattern may start with ("€") */
	size_t nstart_chars;
	uint8_t start_pair[8192];  /* bit (c0 << 8 | c1): the first two bytes of a start_char */
	bool start_pair_ok;        /* start_pair says all: every start_char has two bytes */
	uint8_t pairs[8192];       /* bit (c0 << 8 | c1), lower-cased: a first word starts so */
	bool prefilter;            /* start_word is defined: scan only where a pattern may start */
	struct mlex lastwords;     /* last words of qualifier and range phrases (a quick reject) */
	struct mlex lastw[3];      /* the same per list (qualifier, range_open, range_prefix),
				    * lower-cased; num: most words of a phrase ending so */
	struct mlex after_first;   /* first words of range_after phrases, lower-cased */

	/* lists the binder uses (NULL when the rules do not define them) */
	const struct mlex *l_currency, *l_currency_name, *l_currency_coin, *l_magnitude, *l_magnitude_cased,
		*l_numword, *l_duration, *l_qualifier, *l_range_open, *l_range_prefix,
		*l_range_sep, *l_range_after, *l_role, *l_price_role, *l_asset_cue, *l_market, *l_move_verb,
		*l_move_particle, *l_move_aside, *l_move_to, *l_move_aux, *l_move_cause, *l_move_noun, *l_move_reach, *l_move_level, *l_milestone,
		*l_phrase_end, *l_quote_coin, *l_pair_quote, *l_qualifier_glued, *l_level_follow;
	const struct mlex_entry *role_price; /* role "price" (an asset's level), NULL when none */
};

/* The asset form s[0..n) (exact text when cased, else lower-cased), or NULL. */
const struct mform *mform_find(const struct nm_mentioner *m, const char *s, size_t n, bool cased);
/* The asset form written s[0..n) (normalised text in any case; hx and hl as for
 * mlex_find_norm): an exact-case form first, else a lower-case one. NULL when none. */
const struct mform *mform_find_text(const struct nm_mentioner *m, const char *s, size_t n,
				    uint32_t hx, uint32_t hl);

/* MF_* of the word s[0..n) (any case), 0 when none; MF_START (or MF_START_IF) only when
 * the byte after the word (s[n], readable) may follow it. */
unsigned mfirst_mask(const struct nm_mentioner *m, const char *s, size_t n);
/* The same with hl, the mlex_hash of s[0..n) lower-cased, already computed; when maxw
 * is not NULL, maxw[0..2] gets the most words of an asset form, role and market phrase
 * that starts with the word (left alone when none). */
unsigned mfirst_mask_h(const struct nm_mentioner *m, const char *s, size_t n, uint32_t hl,
		       unsigned maxw[3]);
/* May the word s[0..n) start a phrase, by its first two bytes? (false: mfirst_mask_h is
 * 0 whatever the hash) */
static inline bool mfirst_pair(const struct nm_mentioner *m, const char *s, size_t n)
{
	unsigned c0 = (unsigned char)nm_tolower((unsigned char)s[0]);
	unsigned c1 = n > 1 ? (unsigned char)nm_tolower((unsigned char)s[1]) : 0;
	return (m->pairs[(c0 << 8 | c1) >> 3] >> (c1 & 7)) & 1;
}
/* May a word whose lower-cased hash is hl start a phrase? (false: mfirst_mask_h is 0) */
static inline bool mfirst_maybe(const struct nm_mentioner *m, uint32_t hl)
{
	return (m->first_bloom[(hl >> 16) >> 6] >> ((hl >> 16) & 63)) & 1;
}

/* ------------------------------------------------------------- tracing */

/* One match attempt of the quantity scan: the alternation tried, where, and the end of
 * the subject it was given. */
struct mattempt {
	const pcre2_code *re;
	bool jit;
	size_t at, lim;
};
typedef void mattempt_fn(void *arg, const struct mattempt *a);

/* nm_extract_mentions_ex() that also hands each attempt of the quantity scan to fn: the
 * bench times the PCRE2 attempts apart from the rest of the layer (bench/mentions.sh). */
enum nm_code mentions_traced(const struct nm_mentioner *m, struct nm_doc *doc, unsigned flags,
			     mattempt_fn *fn, void *arg, struct nm_err *err);

/* ------------------------------------------------------------- numbers */

/* Digits with separators ("1,200.50", "1.200,50", "1 200", "1'049,95") to a number.
 * prefer_decimal reads a lone "." or "," before three digits as a decimal point (used
 * before a magnitude: "2.035 billion"). */
bool mnum_parse_digits(const char *s, size_t n, bool prefer_decimal, double *out);
/* Is s[0..n) digits grouped in thousands by commas ("24,500", "1,250.5")? */
bool mnum_comma_grouped(const char *s, size_t n);
/* A spelled number ("one hundred and forty-two", "a") to a number, using list numword. */
bool mnum_parse_words(const struct mlex *numword, const char *s, size_t n, double *out);

/* Hash of a normalised key (32-bit FNV-1a), computed a byte at a time with mlex_hash_step
 * from MLEX_HASH_SEED so the word scan can hash a word while it reads it. */
#define MLEX_HASH_SEED 2166136261u
static inline uint32_t mlex_hash_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}
static inline uint32_t mlex_hash(const char *s, size_t n)
{
	uint32_t h = MLEX_HASH_SEED;
	for (size_t i = 0; i < n; i++)
		h = mlex_hash_step(h, (unsigned char)s[i]);
	return h;
}
/* The hashes of s[0..n) as written (*hx) and lower-cased (*hl), the pair a cased look-up
 * needs. */
static inline void mlex_hash_pair(const char *s, size_t n, uint32_t *hx, uint32_t *hl)
{
	uint32_t x = MLEX_HASH_SEED, l = MLEX_HASH_SEED;
	for (size_t i = 0; i < n; i++) {
		x = mlex_hash_step(x, (unsigned char)s[i]);
		l = mlex_hash_step(l, (unsigned char)nm_tolower((unsigned char)s[i]));
	}
	*hx = x;
	*hl = l;
}
/* s[0..n) lower-cased equals key[0..n) (key lower-case already). */
static inline bool mlex_eq_fold(const char *key, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (key[i] != (char)nm_tolower((unsigned char)s[i]))
			return false;
	return true;
}
/* Normalise s[0..n) into out (cap bytes): blanks collapsed to one space, trimmed, and
 * ASCII lower-cased when fold. Returns the length, or (size_t)-1 when it does not fit. */
size_t mlex_norm(const char *s, size_t n, bool fold, char *out, size_t cap);

#endif
