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

/* One phrase of a word list, with its value as written in the rule file. */
struct mlex_entry {
	char *key;      /* normalised phrase: blanks collapsed; lower-case unless cased */
	char *value;    /* VALUE as written */
	double num;     /* VALUE read as a number (NAN when it is not one) */
	bool cased;
};

/* A word list (`words LIST ...`): an open-addressing hash of normalised phrases. */
struct mlex {
	char *name;
	struct mlex_entry *entries; /* in file order */
	size_t n, cap;
	uint32_t *slots;            /* index + 1, 0 = empty; nslots is a power of two */
	size_t nslots;
	size_t maxwords;            /* most words in one phrase */
	size_t ncased;              /* entries with exact case */
};

/* Look s[0..n) up: exact case first (cased entries), then lower-cased. NULL when absent. */
const struct mlex_entry *mlex_find(const struct mlex *l, const char *s, size_t n);

/* ------------------------------------------------------------- assets */

struct masset {
	char ticker[NM_TICKER_MAX];
	bool ambiguous; /* the ticker is an English word: needs context when alone */
};

/* One word form of an asset in the word hash. */
struct mform {
	char *key;        /* exact text, or lower-cased text when !cased */
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

struct mfirst {
	char *key;     /* ASCII letters and digits; lower-case unless cased */
	bool cased;
	unsigned mask; /* MF_* */
	char next[8];  /* MF_START: bytes that may follow the word ("$" of "US$"); "*" = any */
};

struct nm_mentioner {
	struct mlex *lists;        /* word lists, by name */
	size_t nlists;

	pcre2_code *re;            /* all `pattern` lines in one alternation, JIT-compiled */
	pcre2_code *re_anchored;   /* the same, anchored (JIT ignores PCRE2_ANCHORED at match time) */
	enum mkind *pattern_kind;  /* by MARK index */
	size_t npatterns;
	uint32_t groups[MG__N][MG_MAXDUP]; /* group numbers per semantic group, 0 = unused */
	uint32_t ovec_pairs;

	struct masset *assets;
	size_t nassets;
	struct mform *forms;       /* word forms of assets, hashed */
	size_t nforms, capforms;
	uint32_t *form_slots;      /* index + 1 */
	size_t nform_slots;
	unsigned form_maxwords;

	struct mfirst *firsts;
	size_t nfirsts, capfirsts;
	uint32_t *first_slots;     /* index + 1 */
	size_t nfirst_slots;
	bool start_byte[256];      /* a pattern may start at this byte (digits, symbols) */
	char start_chars[64][5];   /* multi-byte characters a pattern may start with ("€") */
	size_t nstart_chars;
	uint8_t pairs[8192];       /* bit (c0 << 8 | c1), lower-cased: a first word starts so */
	bool prefilter;            /* start_word is defined: scan only where a pattern may start */
	struct mlex lastwords;     /* last words of qualifier and range phrases (a quick reject) */

	/* lists the binder uses (NULL when the rules do not define them) */
	const struct mlex *l_currency, *l_currency_name, *l_magnitude, *l_magnitude_cased,
		*l_numword, *l_duration, *l_qualifier, *l_range_open, *l_range_prefix,
		*l_range_sep, *l_range_after, *l_role, *l_price_role, *l_asset_cue, *l_market;
};

/* The asset form s[0..n) (exact text when cased, else lower-cased), or NULL. */
const struct mform *mform_find(const struct nm_mentioner *m, const char *s, size_t n, bool cased);

/* MF_* of the word s[0..n) (any case), 0 when none; MF_START only when the byte after
 * the word (s[n], readable) may follow it. */
unsigned mfirst_mask(const struct nm_mentioner *m, const char *s, size_t n);

/* ------------------------------------------------------------- numbers */

/* Digits with separators ("1,200.50", "1.200,50", "1 200", "1'049,95") to a number.
 * prefer_decimal reads a lone "." or "," before three digits as a decimal point (used
 * before a magnitude: "2.035 billion"). */
bool mnum_parse_digits(const char *s, size_t n, bool prefer_decimal, double *out);
/* A spelled number ("one hundred and forty-two", "a") to a number, using list numword. */
bool mnum_parse_words(const struct mlex *numword, const char *s, size_t n, double *out);

/* Hash of a normalised key. */
uint64_t mlex_hash(const char *s, size_t n);
/* Normalise s[0..n) into out (cap bytes): blanks collapsed to one space, trimmed, and
 * ASCII lower-cased when fold. Returns the length, or (size_t)-1 when it does not fit. */
size_t mlex_norm(const char *s, size_t n, bool fold, char *out, size_t cap);

#endif
