/*
 * crawler/ — stage 1: batch crawls with libcurl multi: seeds, feeds, sitemaps,
 * robots.txt, per-host politeness, retries, a resumable frontier, optional WARC.
 *
 * The crawler needs persistence but does not speak SQL: it declares the frontier store
 * and the page sink it needs as small interfaces, which corpus/ implements and cli/ wires.
 *
 * Reads: base/.
 */
#ifndef NM_CRAWLER_H
#define NM_CRAWLER_H

#include "base/base.h"

/* ---------------------------------------------------------------- robots.txt */

#define NM_ROBOTS_MAX_BYTES ((size_t)500 << 10) /* bytes parsed; the rest is ignored */
#define NM_ROBOTS_MAX_SITEMAPS 1000             /* Sitemap: lines kept */

/* A parsed robots.txt (RFC 9309). Read-only after parsing. */
struct nm_robots;

/* Parse len bytes (only the first NM_ROBOTS_MAX_BYTES are read). Never fails on
 * content: unknown or broken lines are skipped. Free with nm_robots_free(). */
enum nm_code nm_robots_parse(const char *txt, size_t len, struct nm_robots **out,
			     struct nm_err *err);
/* A robots object that allows (4xx robots.txt) or disallows (5xx, unreachable) all. */
struct nm_robots *nm_robots_fixed(bool allow_all);
void nm_robots_free(struct nm_robots *r);

/* Why a URL was allowed or not. */
struct nm_robots_match {
	bool allowed;
	unsigned line;       /* 1-based line of the deciding rule, 0 = no rule matched */
	const char *pattern; /* the rule's pattern (percent-encoded), belongs to the robots
				object; NULL when no rule matched */
};

/*
 * May agent (a user-agent string; its product token, the leading [A-Za-z_-] run, is
 * what groups are matched on) fetch url? url is used as given (the caller percent-
 * encodes it, as curl does); only its path, params and query matter. m may be NULL.
 */
bool nm_robots_allowed(const struct nm_robots *r, const char *agent, const char *url,
		       struct nm_robots_match *m);
/* Crawl-delay in seconds for agent, or -1 when none is given. */
double nm_robots_crawl_delay(const struct nm_robots *r, const char *agent);
/* The Sitemap: lines, in order; strings belong to r. */
size_t nm_robots_sitemap_count(const struct nm_robots *r);
const char *nm_robots_sitemap(const struct nm_robots *r, size_t i);

/* The path+params+query robots rules are matched against ("/" when empty); heap, free(). */
char *nm_robots_path(const char *url);
/* Percent-encode a pattern or path for matching (non-ASCII bytes escaped, %xx
 * upper-cased); heap, free(). */
char *nm_robots_escape(const char *s, size_t n);

/* ---------------------------------------------------------------- discovery */

/* What a discovered URL is. */
enum nm_kind {
	NM_KIND_PAGE,    /* an article or other HTML page */
	NM_KIND_FEED,    /* an RSS/Atom feed */
	NM_KIND_SITEMAP, /* an XML or text sitemap, or a sitemap index */
	NM_KIND_ROBOTS,  /* a robots.txt (frontier-internal) */
};
const char *nm_kind_name(enum nm_kind k);

/* What a document was parsed as. */
enum nm_doc_format {
	NM_FMT_UNKNOWN, NM_FMT_RSS, NM_FMT_RDF, NM_FMT_ATOM, NM_FMT_URLSET,
	NM_FMT_SITEMAPINDEX, NM_FMT_TEXT, NM_FMT_HTML,
};

/* One entry a feed, sitemap or page yields. Strings are borrowed for the callback. */
struct nm_discovered {
	const char *url;       /* absolute (resolved against xml:base / the document URL) */
	const char *title;     /* feed item or news:title, or NULL */
	int64_t published;     /* Unix seconds, 0 = unknown (item date, news:publication_date) */
	int64_t lastmod;       /* Unix seconds, 0 = unknown (sitemap lastmod, atom updated) */
	const char *kind;      /* "item" (feed entry), "url" (sitemap URL), "news" (Google
				  News sitemap URL), "sitemap" (index child), "feed" (a
				  <link rel=alternate> feed), "link" (an in-page <a href>) */
	enum nm_kind fetch_as; /* how the crawler should treat the URL */
};

#define NM_DISCOVER_MAX_BYTES ((size_t)64 << 20) /* bytes of a (gunzipped) document */

/*
 * Parse a feed (RSS 0.9x/2.0, RSS 1.0, Atom 1.0), a sitemap (XML, index, text, Google
 * News; gzip-compressed or not) or an HTML page, and call cb for each entry in document
 * order; cb returning non-zero stops. base_url (may be NULL) resolves relative URLs;
 * content_type (may be NULL) supplies a charset. External entities are never loaded.
 * With links false, HTML pages yield only their feed links, not <a href>s.
 * *format (may be NULL) receives what the bytes were parsed as. NM_EPARSE when the
 * bytes are none of these; NM_ETOOBIG past NM_DISCOVER_MAX_BYTES.
 */
enum nm_code nm_discover(const char *bytes, size_t len, const char *base_url,
			 const char *content_type, bool links,
			 int (*cb)(const struct nm_discovered *d, void *arg), void *arg,
			 enum nm_doc_format *format, struct nm_err *err);

/* ---------------------------------------------------------------- WARC */

/* A WARC 1.1 writer: every record is its own gzip member (an appendable .warc.gz). */
struct nm_warc_writer;

/* Open (append to) path and write a warcinfo record. NM_ECREATE when it cannot. */
enum nm_code nm_warc_open(const char *path, const char *software, struct nm_warc_writer **out,
			  struct nm_err *err);
/* Flush and close; NM_EIO when the last writes failed. NULL is fine. */
enum nm_code nm_warc_close(struct nm_warc_writer *w, struct nm_err *err);

/* One HTTP exchange, as recorded. All borrowed. */
struct nm_warc_exchange {
	const char *url;             /* WARC-Target-URI */
	int64_t date;                /* Unix seconds of the fetch */
	const char *ip;              /* WARC-IP-Address, or NULL */
	const char *request;         /* request head (request line + headers + CRLF) */
	size_t request_len;
	const char *response_head;   /* status line + headers + CRLF, as recorded */
	size_t response_head_len;
	const char *body;            /* payload (after content decoding) */
	size_t body_len;
	bool not_modified;           /* a 304: write a revisit (server-not-modified) */
	const char *refers_to_uri;   /* for revisits: the earlier capture, or NULL */
	int64_t refers_to_date;
};

/* Write request + response (or revisit) records linked by WARC-Concurrent-To. A
 * response whose payload digest was already written in this file becomes a revisit
 * (identical-payload-digest). */
enum nm_code nm_warc_write(struct nm_warc_writer *w, const struct nm_warc_exchange *x,
			   struct nm_err *err);

/* One record read back. Strings and body point into the reader; valid until the
 * next call. */
struct nm_warc_record {
	const char *type;          /* WARC-Type */
	const char *target_uri;    /* WARC-Target-URI (brackets stripped), or NULL */
	const char *date;          /* WARC-Date, or NULL */
	const char *content_type;  /* the record's Content-Type, or NULL */
	const char *block;         /* the record block */
	size_t block_len;
	/* for HTTP responses (application/http; msgtype=response): */
	int http_status;           /* 0 when not an HTTP response */
	const char *http_content_type; /* the HTTP Content-Type header, or NULL */
	const char *payload;       /* the HTTP body, de-chunked and decoded; else block */
	size_t payload_len;
	bool truncated;            /* the record ended before its Content-Length */
};

struct nm_warc_reader;

/* Open a WARC (plain or per-record gzip; "-" = standard input). */
enum nm_code nm_warc_reader_open(const char *path, struct nm_warc_reader **out,
				 struct nm_err *err);
/* Next record: NM_OK with *rec filled, or NM_OK with *done set at the end. A truncated
 * last record is returned with rec->truncated set; unreadable data gives NM_EPARSE. */
enum nm_code nm_warc_next(struct nm_warc_reader *r, struct nm_warc_record *rec, bool *done,
			  struct nm_err *err);
void nm_warc_reader_free(struct nm_warc_reader *r);

/* SHA-1 of data as "sha1:" + 32 base32 characters, into out[38]. */
void nm_warc_digest(const void *data, size_t len, char out[38]);

/* ---------------------------------------------------------------- frontier store */

/* Frontier states. */
enum nm_url_state {
	NM_URL_QUEUED = 0, /* waiting for next_at */
	NM_URL_LEASED = 1, /* handed to a fetch (a killed crawl leaves these; resume requeues) */
	NM_URL_DONE = 2,   /* fetched (or not modified) */
	NM_URL_FAILED = 3, /* gave up (error names why) */
	NM_URL_SKIPPED = 4 /* robots, content type, filters */
};

/* A URL to add. Strings are borrowed for the call. */
struct nm_frontier_add {
	const char *url;      /* absolute */
	const char *key;      /* canonical form (dedup key) */
	const char *host;     /* origin: scheme://host[:port] */
	enum nm_kind kind;
	const char *source;   /* seed, feed, sitemap, link, robots, redirect */
	int depth;
	int64_t next_at;      /* ms since the epoch; 0 = now */
	int64_t lastmod;      /* Unix seconds from the feed/sitemap, 0 = unknown */
	bool requeue;         /* when the key is known and finished: queue it again (a
				 source re-crawled), keeping its validators */
};

/* A leased URL. Strings are heap, owned by the entry: nm_frontier_entry_release(). */
struct nm_frontier_entry {
	int64_t id;
	char *url, *key, *host;
	enum nm_kind kind;
	int depth;
	int attempts;          /* attempts made before this one */
	char *etag;            /* validators from the last successful fetch, or NULL */
	char *last_modified;
};
void nm_frontier_entry_release(struct nm_frontier_entry *e);

/* The outcome of one attempt. Strings borrowed for the call. */
struct nm_attempt {
	int64_t at;             /* ms since the epoch, start of the attempt */
	int64_t ms;             /* duration, ms */
	int status;             /* HTTP status, 0 = none */
	const char *error;      /* NULL on success, else a short word: timeout, reset,
				   too_large, redirect_loop, http_429, http_5xx, ... */
	int64_t bytes;          /* body bytes received */
	const char *final_url;  /* after redirects, or NULL */
	const char *etag, *last_modified; /* validators (kept when NULL) */
	const char *content_hash; /* the stored document's content hash, or NULL */
};

/* Cached per-host state (robots.txt and politeness). */
struct nm_host_info {
	const char *host;       /* origin; borrowed */
	const char *robots;     /* robots.txt body (NULL = none); borrowed */
	size_t robots_len;
	int robots_status;      /* HTTP status of robots.txt, 0 = unreachable */
	int64_t robots_expires; /* ms since the epoch */
	int failures;           /* consecutive robots failures */
};

/*
 * The frontier: what the crawler needs from persistent storage. Every call is atomic
 * (its own transaction). Implemented by corpus/ (nm_corpus_frontier); ctx is the
 * implementation's. Strings passed in are borrowed for the call.
 */
struct nm_frontier_store {
	void *ctx;
	/* Add u unless its key is known (*added false then; may be NULL). */
	enum nm_code (*add)(void *ctx, const struct nm_frontier_add *u, bool *added,
			    struct nm_err *err);
	/* Several adds in one transaction; added (may be NULL) counts the new ones. */
	enum nm_code (*add_many)(void *ctx, const struct nm_frontier_add *u, size_t n,
				 size_t *added, struct nm_err *err);
	/* Requeue leases left by a killed crawl. */
	enum nm_code (*recover)(void *ctx, struct nm_err *err);
	/* Call cb for each host with queued URLs and the earliest next_at (ms). */
	enum nm_code (*hosts)(void *ctx, int (*cb)(const char *host, int64_t next_at, void *arg),
			      void *arg, struct nm_err *err);
	/* Lease the next queued URL of host due at now (ms): robots first, then feeds
	 * and sitemaps, then pages by depth. *found false when none is due; *next_at
	 * (may be NULL) then gets the earliest future next_at, or 0 when none is queued. */
	enum nm_code (*lease)(void *ctx, const char *host, int64_t now,
			      struct nm_frontier_entry *out, bool *found, int64_t *next_at,
			      struct nm_err *err);
	/* Finish a lease: state DONE, FAILED or SKIPPED, with the attempt recorded. */
	enum nm_code (*finish)(void *ctx, int64_t id, enum nm_url_state state,
			       const struct nm_attempt *a, struct nm_err *err);
	/* Requeue a lease for another attempt at next_at (ms), with the attempt recorded. */
	enum nm_code (*retry)(void *ctx, int64_t id, int64_t next_at, const struct nm_attempt *a,
			      struct nm_err *err);
	/* Cached host state: *found false when unknown. out's strings are heap, owned by
	 * the caller (free() robots). */
	enum nm_code (*host_get)(void *ctx, const char *host, struct nm_host_info *out,
				 char **robots, bool *found, struct nm_err *err);
	enum nm_code (*host_put)(void *ctx, const struct nm_host_info *h, struct nm_err *err);
	/* Count URLs in a state (for progress and the summary). */
	enum nm_code (*count)(void *ctx, enum nm_url_state state, int64_t *n, struct nm_err *err);
	/* Free ctx (the store's statements); the store is unusable afterwards. */
	void (*release)(void *ctx);
};

/* ---------------------------------------------------------------- page sink */

/* A fetched page handed to the sink. All borrowed for the call. */
struct nm_page {
	const char *url;          /* the URL requested */
	const char *final_url;    /* after redirects */
	const char *content_type; /* HTTP Content-Type, or NULL */
	const char *body;         /* decoded body, NUL-terminated */
	size_t len;
	int status;               /* HTTP status */
	int64_t fetched_at;       /* Unix seconds */
	int depth;
};

/*
 * Where fetched HTML pages go (cli/ wires extract → classify → corpus), in two steps so
 * that the CPU work runs beside the fetch loop:
 *  - analyze turns a page into a result (opaque to the crawler, e.g. an analysed
 *    document). It runs on the crawl's worker thread (or inline with workers = 0) and
 *    must not touch the frontier store's database; p is borrowed for the call.
 *  - store saves a result and frees it; it writes the stored document's content hash
 *    (16 hex + NUL) into hash, or leaves it empty. It runs on the worker that analysed
 *    the page, right after analyze, but never at the same time as another store or
 *    any frontier store call (the crawl serialises them under one lock), so store and
 *    the frontier store may share one database connection; the page's frontier row is
 *    finished under the same lock, right after it. The event callback (nm_crawl_opts)
 *    is called under that lock too.
 *  - discard frees a result that will not be stored (the crawl was stopped).
 * A NULL result from analyze, or a failed store, counts against the page (the crawl
 * goes on).
 */
struct nm_page_sink {
	void *ctx;
	void *(*analyze)(void *ctx, const struct nm_page *p, struct nm_err *err);
	enum nm_code (*store)(void *ctx, void *result, char hash[17], struct nm_err *err);
	void (*discard)(void *ctx, void *result);
};

/* ---------------------------------------------------------------- the crawl */

struct nm_crawl_stats {
	int64_t fetched;      /* responses received (any status) */
	int64_t pages;        /* pages handed to the sink successfully */
	int64_t not_modified; /* 304s */
	int64_t failed;       /* URLs given up on */
	int64_t retried;      /* attempts rescheduled */
	int64_t skipped;      /* robots, type, duplicates */
	int64_t sink_errors;  /* pages the sink refused */
	int64_t discovered;   /* new URLs added */
	int64_t bytes;        /* body bytes */
	int64_t queued;       /* queued now (approximate) */
	int64_t net_errors;   /* transport-level failures (no HTTP response) */
	int hosts_waiting;    /* hosts whose next request waits on politeness */
	int active;           /* transfers in flight */
	double elapsed;       /* seconds */
};

/* One finished attempt, for --log-json. Borrowed for the call. */
struct nm_crawl_event {
	const char *url;
	const char *final_url;
	enum nm_kind kind;
	int status;
	const char *result; /* "ok", "not_modified", "retry", "failed", "skipped" */
	const char *error;  /* or NULL */
	int64_t bytes;
	int64_t ms;
	int attempt;        /* 1-based */
};

struct nm_crawl_opts {
	const char *user_agent;    /* required */
	unsigned concurrency;      /* transfers in flight (default 16) */
	unsigned per_host;         /* connections per host (default 1) */
	unsigned delay_ms;         /* between requests to a host (default 1000); the larger
				      of this and Crawl-delay, capped at max_delay_ms */
	unsigned max_delay_ms;     /* default 30000 */
	int64_t max_pages;         /* stop after this many pages (0 = no limit) */
	int max_depth;             /* in-page links followed this deep (default 2) */
	int64_t since;             /* Unix seconds; feed/sitemap entries older are skipped (0 = off) */
	size_t max_body;           /* bytes of decoded body (default 16 MiB) */
	long connect_timeout_ms;   /* default 10000 */
	long timeout_ms;           /* whole transfer (default 60000) */
	long low_speed_bytes;      /* abort below this many bytes/s ... (default 100) */
	long low_speed_secs;       /* ... for this long (default 20) */
	unsigned max_redirects;    /* default 5 */
	unsigned max_attempts;     /* per URL (default 4) */
	unsigned retry_base_ms;    /* first backoff (default 2000), doubled each attempt */
	unsigned max_retry_ms;     /* cap on one backoff or Retry-After (default 600000) */
	unsigned robots_ttl_s;     /* robots.txt cache lifetime (default 86400) */
	unsigned robots_retry_ms;  /* after a 5xx/unreachable robots.txt (default 60000) */
	bool same_site_only;       /* in-page links only within the page's site (default on) */
	bool requeue_sources;      /* sources already fetched are fetched again, with their
				      validators (default on; off to resume a killed crawl) */
	const char *warc_path;     /* write a WARC here, or NULL */
	unsigned workers;          /* threads analysing pages (default: one per core, at most
				      4; 0 = inline). The sink's analyze must be thread-safe. */
	/* Progress, about twice a second, and one event per finished attempt; may be NULL.
	 * Called one at a time, from the crawl thread or a worker (under the lock that
	 * serialises the database). */
	void (*progress)(const struct nm_crawl_stats *s, void *arg);
	void (*event)(const struct nm_crawl_event *e, void *arg);
	void *cb_arg;
	volatile int *stop;        /* set non-zero (a signal handler) to stop; may be NULL */
};

/* Defaults for every field (user_agent included). */
void nm_crawl_opts_init(struct nm_crawl_opts *o);

/* A source to crawl: a page (seed), a feed or a sitemap. */
struct nm_crawl_source {
	const char *url;
	enum nm_kind kind;
};

/*
 * Crawl: add sources (re-queued when known), then fetch until the frontier has nothing
 * due, max_pages is reached or *stop is set. Pages go to sink as they arrive. NM_OK
 * when everything succeeded, NM_EPARTIAL when some URLs failed, NM_ENET when nothing
 * at all could be fetched, other codes for store/WARC failures. stats (may be NULL)
 * gets the final counts.
 */
enum nm_code nm_crawl(const struct nm_crawl_opts *o, const struct nm_crawl_source *sources,
		      size_t n_sources, struct nm_frontier_store *store, struct nm_page_sink *sink,
		      struct nm_crawl_stats *stats, struct nm_err *err);

/*
 * Fetch one URL (GET, redirects followed, content decoded) for the inspection
 * commands: body is appended to (capped by body->max: NM_ETOOBIG); *content_type and
 * *final_url (each may be NULL) get heap strings. NM_ENET on transport failure,
 * NM_ENOENT on an HTTP status >= 400 (*status, may be NULL, tells which).
 */
enum nm_code nm_crawl_fetch_one(const char *url, const char *user_agent, struct nm_buf *body,
				char **content_type, char **final_url, int *status,
				struct nm_err *err);

#define NM_CRAWL_DEFAULT_AGENT "newsmine/0.1 (+https://github.com/newsmine/newsmine)"

/* The compiled-in default sources (major crypto-news feeds and sitemaps), ending in
 * {NULL, 0}. */
extern const struct nm_crawl_source nm_crawl_default_sources[];

#endif
