/*
 * base/ — the primitives every stage shares: error codes, diagnostics, allocation,
 * the capped growable buffer, the per-document arena, UTF-8 repair, URLs (libcurl's
 * curl_url wrapped once), hashing, rule-file sources, and the record that flows
 * through the pipeline (struct nm_doc) with its JSON form.
 *
 * Nothing here depends on a later stage. Library code never prints to stdout.
 */
#ifndef NM_BASE_H
#define NM_BASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define NM_WUR __attribute__((warn_unused_result))
#define NM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define NM_NORETURN __attribute__((noreturn))
#else
#define NM_WUR
#define NM_PRINTF(f, a)
#define NM_NORETURN
#endif

/* ---------------------------------------------------------------- errors */

/* Result codes. New values go at the end; nm_strerror() names each one. */
enum nm_code {
	NM_OK = 0,
	NM_EINVAL,    /* bad argument or usage */
	NM_EPARSE,    /* input could not be parsed */
	NM_ETOOBIG,   /* input or document over a size cap */
	NM_EIO,       /* read/write failed */
	NM_ENET,      /* network failure */
	NM_EDB,       /* database error */
	NM_ECONFIG,   /* bad configuration or rule file */
	NM_EINTERNAL, /* broken invariant or unexpected library failure */
	NM_ENOENT,    /* input missing */
	NM_ECREATE,   /* output cannot be created */
	NM_EPARTIAL,  /* batch finished with some failures */
};

const char *nm_strerror(enum nm_code code);

/* Error detail: a code and a one-line message. Optional everywhere (NULL allowed). */
struct nm_err {
	enum nm_code code;
	char msg[512];
};

/* Fill in *err (when not NULL) and return code, so callers can `return nm_err_set(...)`. */
enum nm_code nm_err_set(struct nm_err *err, enum nm_code code, const char *fmt, ...)
	NM_PRINTF(3, 4);

/* ---------------------------------------------------------------- diagnostics */

enum nm_log_level { NM_LOG_ERROR, NM_LOG_WARN, NM_LOG_INFO, NM_LOG_DEBUG };

/* Messages at or below this level are printed (default NM_LOG_WARN). */
void nm_log_set_level(enum nm_log_level level);
enum nm_log_level nm_log_get_level(void);

/* One line on stderr: "newsmine: <level>: <message>", control bytes replaced. */
void nm_log(enum nm_log_level level, const char *fmt, ...) NM_PRINTF(2, 3);

/* Print "newsmine: BUG: file:line: msg" and abort: a broken invariant. */
NM_NORETURN void nm_bug(const char *file, int line, const char *msg);
#define NM_BUG(msg) nm_bug(__FILE__, __LINE__, (msg))

/* ---------------------------------------------------------------- allocation */

/* These never return NULL: out of memory prints "fatal: out of memory" and exits 71. */
void *nm_xmalloc(size_t n);
void *nm_xcalloc(size_t n, size_t size);
void *nm_xrealloc(void *p, size_t n);
char *nm_xstrdup(const char *s);
char *nm_xstrndup(const char *s, size_t n);

/* ---------------------------------------------------------------- buffer */

/*
 * A growable byte buffer with a hard cap. Invariants: data is NULL or holds len bytes
 * followed by a NUL; len < cap when data is set; the buffer never grows past max bytes
 * of content. Any bytes may be stored. A failed append leaves the buffer unchanged.
 */
struct nm_buf {
	char *data;  /* heap, owned by the buffer; NULL until the first append */
	size_t len;  /* bytes of content */
	size_t cap;  /* bytes allocated */
	size_t max;  /* largest len allowed, bytes */
};

#define NM_BUF_INIT(maxbytes) { NULL, 0, 0, (maxbytes) }

void nm_buf_init(struct nm_buf *b, size_t max);
/* Append; NM_ETOOBIG when len would pass max. */
enum nm_code nm_buf_add(struct nm_buf *b, const void *p, size_t n) NM_WUR;
enum nm_code nm_buf_addstr(struct nm_buf *b, const char *s) NM_WUR;
enum nm_code nm_buf_addch(struct nm_buf *b, char c) NM_WUR;
enum nm_code nm_buf_printf(struct nm_buf *b, const char *fmt, ...) NM_PRINTF(2, 3) NM_WUR;
/* Make room for n more bytes without changing len (NM_ETOOBIG past max). */
enum nm_code nm_buf_grow(struct nm_buf *b, size_t n) NM_WUR;
/* Drop the content, keep the allocation. */
void nm_buf_reset(struct nm_buf *b);
/* Detach the data (caller frees with free(); never NULL) and reset the buffer. */
char *nm_buf_take(struct nm_buf *b, size_t *len);
/* Free the data; the buffer is empty and reusable afterwards. */
void nm_buf_release(struct nm_buf *b);
/* Always a valid C string ("" when empty); belongs to the buffer. */
const char *nm_buf_str(const struct nm_buf *b);

/*
 * Read a whole file ("-" = standard input) into b, appending. NM_ENOENT when missing,
 * NM_EIO on a read error, NM_ETOOBIG past b->max. Files ending in .gz are gunzipped
 * (the cap applies to the uncompressed bytes).
 */
enum nm_code nm_buf_read_file(struct nm_buf *b, const char *path, struct nm_err *err);

/* ---------------------------------------------------------------- arena */

/*
 * An arena for allocations that share one lifetime (one document), with a byte budget.
 * Allocation past the budget returns NULL: the caller rejects that document with
 * NM_ETOOBIG. Everything is freed at once by nm_arena_free().
 */
struct nm_arena;

struct nm_arena *nm_arena_new(size_t budget);
void nm_arena_free(struct nm_arena *a);
/* size bytes aligned for any type, or NULL past the budget. Zeroed. */
void *nm_arena_alloc(struct nm_arena *a, size_t size);
/* Copies; NULL past the budget (or when s is NULL for strdup). */
char *nm_arena_strdup(struct nm_arena *a, const char *s);
char *nm_arena_strndup(struct nm_arena *a, const char *s, size_t n);
void *nm_arena_memdup(struct nm_arena *a, const void *p, size_t n);
/* Grow an array allocated from the arena to hold n elements (amortised doubling):
 * *arr and *cap are updated only on success. */
enum nm_code nm_arena_reserve(struct nm_arena *a, void **arr, size_t *cap, size_t n,
			      size_t elem) NM_WUR;
size_t nm_arena_used(const struct nm_arena *a);

/* ---------------------------------------------------------------- text */

/* ASCII-only byte tests (never locale-dependent). */
static inline bool nm_isdigit(int c) { return c >= '0' && c <= '9'; }
static inline bool nm_isalpha(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static inline bool nm_isalnum(int c) { return nm_isdigit(c) || nm_isalpha(c); }
static inline bool nm_isspace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static inline bool nm_isupper(int c) { return c >= 'A' && c <= 'Z'; }
static inline bool nm_islower(int c) { return c >= 'a' && c <= 'z'; }
static inline bool nm_isxdigit(int c) { return nm_isdigit(c) || ((c | 32) >= 'a' && (c | 32) <= 'f'); }
static inline int nm_tolower(int c) { return nm_isupper(c) ? c + 32 : c; }
static inline int nm_toupper(int c) { return nm_islower(c) ? c - 32 : c; }

/*
 * Decode one UTF-8 sequence at s (n bytes available). Returns its length (1..4) and sets
 * *cp, or returns 0 for an invalid/truncated/overlong/surrogate sequence.
 */
size_t nm_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp (<= 0x10FFFF) into out (4 bytes room); returns its length. */
size_t nm_utf8_encode(uint32_t cp, char *out);
/* True when s[0..n) is valid UTF-8 with no NUL byte. */
bool nm_utf8_valid(const char *s, size_t n);
/*
 * Append s[0..n) to out as valid UTF-8: each invalid byte becomes U+FFFD and each NUL
 * byte becomes U+FFFD too, so offsets taken afterwards are into clean text. Returns
 * NM_ETOOBIG when out's cap is reached (out unchanged then).
 */
enum nm_code nm_utf8_repair(struct nm_buf *out, const char *s, size_t n) NM_WUR;

/* Case-insensitive ASCII comparisons. */
int nm_strcasecmp(const char *a, const char *b);
int nm_strncasecmp(const char *a, const char *b, size_t n);

/* ---------------------------------------------------------------- hashing */

/* 64-bit FNV-1a; nm_hash64_more continues a running hash. Stable across runs/machines. */
uint64_t nm_hash64(const void *p, size_t n);
uint64_t nm_hash64_more(uint64_t h, const void *p, size_t n);
/* 16 lowercase hex digits + NUL into out[17]. */
void nm_hash64_hex(uint64_t h, char out[17]);

/* ---------------------------------------------------------------- time */

/*
 * Parse a date/time in the forms news uses (ISO 8601 with or without time/zone,
 * RFC 822/1123 as in RSS, "2025-11-17 08:00:00") into Unix seconds (UTC). Returns
 * NM_EPARSE when the text is not a date. *has_time tells whether a time of day was given.
 */
enum nm_code nm_time_parse(const char *s, int64_t *out, bool *has_time);
/* Format Unix seconds as "YYYY-MM-DDTHH:MM:SSZ" into out[21]. */
void nm_time_iso(int64_t t, char out[21]);
/* The month a word w[0..n) names, whole or cut to three letters or more ("Sep", "Sept.",
 * "September"; not "market"): 1-12, or 0. */
int nm_month_of(const char *w, size_t n);
/* Does the word w[0..n) name a day of the week ("Tue", "Tuesday")? */
bool nm_weekday_of(const char *w, size_t n);
/* The year NM_YEAR_MIN..NM_YEAR_MAX written as a whole token at t[i] of [lo, hi) ("in
 * 2021", not "12021" nor "2021x"), or 0. */
#define NM_YEAR_MIN 1990
#define NM_YEAR_MAX 2099
int nm_year_at(const char *t, size_t lo, size_t i, size_t hi);
/* Microseconds of a monotonic clock: for intervals, never for dates. */
int64_t nm_mono_us(void);

/* ---------------------------------------------------------------- URLs */

/*
 * URLs go through libcurl's URL API, wrapped here once so that crawler/ and extract/
 * share one parser, resolver and canonical form. Returned strings are heap, free().
 */
/* Resolve ref against base (base may be NULL when ref is absolute). */
enum nm_code nm_url_resolve(const char *base, const char *ref, char **out, struct nm_err *err);
/* Canonical form for deduplication: lower-case scheme/host, default port dropped,
 * dot segments removed, fragment dropped, tracking parameters removed. */
enum nm_code nm_url_canonical(const char *url, char **out, struct nm_err *err);
/* The host part, lower-case. */
enum nm_code nm_url_host(const char *url, char **out, struct nm_err *err);
/*
 * Fast paths for the bulk of a crawl's links, which would otherwise spend most of
 * their time in curl_url. Both answer false (take the general functions above) unless
 * the result is certain to equal theirs:
 *  - nm_url_plain: url is already in nm_url_canonical's form (lower-case http(s) scheme
 *    and host, no userinfo, no default port, a path of unreserved characters and '/'
 *    without empty or dot segments, no query or fragment): it is its own dedup key.
 *  - nm_url_resolve_plain: ref is an absolute path of that kind and base's origin is
 *    plain too; *out (heap) = origin + ref, as nm_url_resolve would give.
 */
bool nm_url_plain(const char *url);
bool nm_url_resolve_plain(const char *base, const char *ref, char **out);

/* ---------------------------------------------------------------- rules */

/* A rule file as text: the compiled-in defaults are an array of these ending in {NULL,NULL}. */
struct nm_rule_source {
	const char *name; /* file name, e.g. "assets.rules" */
	const char *text; /* whole file, NUL-terminated */
};

extern const struct nm_rule_source nm_rules_embedded[];

/*
 * A loaded rule set: the lines of every rule file, in order, with comments, blank lines
 * and `include` directives resolved. The line format is shared by all rule files
 * (docs/rules.md): `DIRECTIVE rest-of-line`, `#` starts a comment line, a line ending
 * in a backslash continues on the next. What each directive means belongs to the
 * stage that reads it (extract/ for mentions, classify/ for events).
 */
struct nm_rule_line {
	const char *file;      /* rule file name, e.g. "assets.rules" */
	unsigned line;         /* 1-based line number of the directive */
	const char *directive; /* first word */
	const char *rest;      /* the rest of the line, trimmed ("" when none) */
};

struct nm_rules;

/* Load every *.rules file of dir (sorted by name), or the compiled-in defaults when dir
 * is NULL. Errors read "file:line: message" (NM_ECONFIG), or NM_ENOENT for a missing dir. */
enum nm_code nm_rules_load(const char *dir, struct nm_rules **out, struct nm_err *err);
/* Load from an array of sources ending in {NULL, NULL} (the texts are copied). */
enum nm_code nm_rules_load_sources(const struct nm_rule_source *src, struct nm_rules **out,
				   struct nm_err *err);
void nm_rules_free(struct nm_rules *rules);
size_t nm_rules_count(const struct nm_rules *rules);
/* Line i (< count); belongs to rules. */
const struct nm_rule_line *nm_rules_line(const struct nm_rules *rules, size_t i);
/* Report a problem with a rule line: "file:line: message", NM_ECONFIG. */
enum nm_code nm_rules_error(struct nm_err *err, const struct nm_rule_line *l, const char *fmt, ...)
	NM_PRINTF(3, 4);
/* Is s[0..n) a name a rule file may give a list or a sub-pattern: [a-z_][a-z0-9_]*, at
 * most 32 bytes? */
bool nm_rules_valid_name(const char *s, size_t n);

/* A named sub-pattern of a rule file (`define`, `event-define`: docs/rules.md). Rule
 * patterns call it as (?&NAME), and it is expanded in place, like a macro, before they
 * compile: PCRE2 saves and restores the captures around every subroutine call, which
 * made each match attempt of the mention patterns cost microseconds. */
struct nm_rule_macro {
	char name[64];
	struct nm_buf body; /* its pattern, its own calls expanded */
};
/* Append rx[0..n) to out, each (?&NAME) of mac[0..nmac) replaced by (?:its body); a call
 * of another name stays as written, for PCRE2 to compile or report. */
enum nm_code nm_rules_expand(const struct nm_rule_macro *mac, size_t nmac, const char *rx, size_t n,
			     struct nm_buf *out);

/* ---------------------------------------------------------------- the record that flows */

/*
 * struct nm_doc is one document on its way through the pipeline. It owns one arena;
 * every pointer inside it points into that arena (or is NULL) and dies with
 * nm_doc_free(). Stages fill it in order: extract/ sets the article and the mentions,
 * classify/ the sentences, events and internal checks. corpus/ copies what it stores.
 *
 * Every span is a half-open byte range [start,end) into doc->text (never into HTML).
 */

struct nm_span {
	size_t start; /* bytes into doc->text */
	size_t end;   /* bytes, exclusive */
};

enum nm_mention_kind {
	NM_MENTION_ASSET,
	NM_MENTION_MONEY,
	NM_MENTION_PRICE,
	NM_MENTION_PRICE_RANGE,
	NM_MENTION_PERCENT,
	NM_MENTION_DURATION,
	NM_MENTION_NUMBER, /* a bare quantity with no unit (for evaluation; not stored as a claim) */
};
const char *nm_mention_kind_name(enum nm_mention_kind k);

enum nm_qualifier {
	NM_QUAL_NONE,
	NM_QUAL_AT_LEAST, /* over, more than, above */
	NM_QUAL_AT_MOST,  /* nearly, almost, up to */
	NM_QUAL_ABOUT,    /* about, around, roughly, ~ */
};
const char *nm_qualifier_name(enum nm_qualifier q); /* NULL for NM_QUAL_NONE */

#define NM_TICKER_MAX 16
#define NM_ROLE_MAX 24
#define NM_CURRENCY_MAX 16

/* One mention: a value type, no pointers. Absent numbers are NAN. */
struct nm_mention {
	enum nm_mention_kind kind;
	struct nm_span span;
	double value;     /* money/price: amount in currency units; percent: 5.2 for 5.2%;
			     duration: seconds; asset: NAN */
	double low, high; /* price_range (and open ranges): bounds, NAN = open */
	char currency[NM_CURRENCY_MAX]; /* ISO 4217 code ("USD") or "" */
	char asset[NM_TICKER_MAX];      /* ticker it is about ("BTC"), "" = none/market */
	char role[NM_ROLE_MAX];         /* liquidations, price, resistance, support, ... or "" */
	enum nm_qualifier qualifier;
	double confidence;              /* [0,1], how sure the binding (asset, role) is */
};

enum nm_modality { NM_MOD_REPORTED, NM_MOD_FORECAST, NM_MOD_NEGATED };
const char *nm_modality_name(enum nm_modality m);
/* Parse "reported"/"forecast"/"negated"; false when unknown. */
bool nm_modality_parse(const char *s, enum nm_modality *out);

/* One per-asset amount inside an event's figures. */
struct nm_asset_amount {
	char asset[NM_TICKER_MAX];
	double usd;
	size_t mention; /* index into doc->mentions */
};

/* Figures of an event. Absent numbers are NAN; empty strings mean "not stated". */
struct nm_figures {
	double total_usd;                /* deleveraging: market-wide total */
	enum nm_qualifier qualifier;     /* of total_usd */
	double window_seconds;           /* deleveraging: "24 hours" = 86400 */
	char side[12];                   /* long|short|both (deleveraging), resistance|support (rejection) */
	double level;                    /* rejection: one price */
	double low, high;                /* rejection: a zone */
	struct nm_asset_amount *per_asset; /* from doc arena */
	size_t n_per_asset;
};

#define NM_EVENT_TYPE_MAX 16

struct nm_event {
	char id[17];                     /* stable: hash of (canonical URL or content hash, type, asset) */
	char type[NM_EVENT_TYPE_MAX];    /* "deleveraging" | "rejection" | "risk-off" */
	char asset[NM_TICKER_MAX];       /* ticker, "" = the market (JSON null) */
	enum nm_modality modality;
	double confidence;               /* [0,1] */
	struct nm_figures figures;
	struct nm_span trigger;          /* the trigger words */
	struct nm_span *evidence;        /* evidence sentences, from doc arena */
	size_t n_evidence;
};

enum nm_check_kind { NM_CHECK_INTERNAL, NM_CHECK_MARKET, NM_CHECK_CROSS_SOURCE };
enum nm_verdict { NM_VERDICT_CONSISTENT, NM_VERDICT_CONTRADICTED, NM_VERDICT_UNVERIFIABLE };
const char *nm_check_kind_name(enum nm_check_kind k);
const char *nm_verdict_name(enum nm_verdict v);

/* A check on the document's own claims (market checks live in the corpus). */
struct nm_check {
	enum nm_check_kind kind;
	enum nm_verdict verdict;
	char asset[NM_TICKER_MAX];   /* "" = market */
	char quantity[32];           /* e.g. "liquidations_usd" */
	double values[2];            /* the two stated values */
	size_t mentions[2];          /* indexes into doc->mentions */
	char event_id[17];           /* the event it concerns, or "" */
};

/* What a page is (extract/): an article, or a listing of other articles (home, section,
 * tag, archive pages). Listing pages yield no mentions or events and are not stored. */
/* article; listing (home, section, tag pages of teasers); page (the site's own pages:
 * about, contact, legal) */
enum nm_page_type { NM_PAGE_ARTICLE = 0, NM_PAGE_LISTING, NM_PAGE_SITE };
const char *nm_page_type_name(enum nm_page_type t); /* "article" | "listing" | "page" */

struct nm_doc {
	struct nm_arena *arena;      /* owns everything below */

	/* source, set by the caller */
	const char *source;          /* file path or URL the bytes came from */
	const char *url;             /* page URL (for resolving/canonical), or NULL */
	const char *id;              /* caller's id (--input jsonl), or NULL */
	const char *content_type;    /* HTTP Content-Type, or NULL */
	int64_t fetched_at;          /* Unix seconds, 0 = unknown */

	/* article, set by extract/ */
	char *text;                  /* main text, valid UTF-8, NUL-terminated */
	size_t text_len;             /* bytes */
	const char *title;
	const char *published;       /* ISO 8601 UTC, or NULL */
	const char *modified;        /* ISO 8601 UTC, or NULL */
	const char *author;
	const char *canonical_url;
	const char *site;
	const char *language;
	char content_hash[17];       /* nm_hash64 of text, hex */
	enum nm_page_type page_type; /* extract/: article (default) or listing of teasers */

	struct nm_mention *mentions; /* extract/ */
	size_t n_mentions, cap_mentions;
	struct nm_span *sentences;   /* extract/ (nm_extract_sentences), for mentions and classify/ */
	size_t n_sentences, cap_sentences;
	bool sentences_ready;        /* sentences are those of text (nm_doc_set_text clears it) */
	struct nm_event *events;     /* classify/ */
	size_t n_events, cap_events;
	struct nm_check *checks;     /* classify/ */
	size_t n_checks, cap_checks;
};

#define NM_DOC_BUDGET_DEFAULT ((size_t)256 << 20) /* bytes per document arena */

/* A new empty document with an arena of budget bytes; free with nm_doc_free(). */
struct nm_doc *nm_doc_new(size_t budget);
void nm_doc_free(struct nm_doc *doc);

/* Set the main text (copied, repaired to valid UTF-8) and its content hash. */
enum nm_code nm_doc_set_text(struct nm_doc *doc, const char *text, size_t len) NM_WUR;

/* Append a copy; NM_ETOOBIG past the arena budget (doc unchanged then). */
enum nm_code nm_doc_add_mention(struct nm_doc *doc, const struct nm_mention *m) NM_WUR;
enum nm_code nm_doc_add_sentence(struct nm_doc *doc, struct nm_span s) NM_WUR;
enum nm_code nm_doc_add_event(struct nm_doc *doc, const struct nm_event *e) NM_WUR;
enum nm_code nm_doc_add_check(struct nm_doc *doc, const struct nm_check *c) NM_WUR;

/* A mention with every number NAN and every string empty. */
void nm_mention_init(struct nm_mention *m, enum nm_mention_kind kind, size_t start, size_t end);
/* An event of the given type/asset with NAN figures. */
void nm_event_init(struct nm_event *e, const char *type, const char *asset);
/* Compute e->id from the document's identity (canonical URL, else URL, else content hash). */
void nm_event_set_id(struct nm_event *e, const struct nm_doc *doc);

/* How newsmine writes JSON with jansson: compact, and 15 significant digits so that a
 * confidence of 0.9 prints as 0.9 rather than 0.90000000000000002. */
#define NM_JSON_DUMP_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(15))

/* JSON form of the records (jansson). Each returns a new reference: json_decref() it. */
struct json_t;
struct json_t *nm_mention_json(const struct nm_doc *doc, const struct nm_mention *m);
struct json_t *nm_event_json(const struct nm_doc *doc, const struct nm_event *e);
struct json_t *nm_check_json(const struct nm_doc *doc, const struct nm_check *c);
/* The analyze object: source, url, id, title, published, author, canonical_url, ...,
 * mentions, events, checks. */
struct json_t *nm_doc_json(const struct nm_doc *doc);

#endif
