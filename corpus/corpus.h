/*
 * corpus/ — stage 4: SQLite storage of documents, mentions, events and checks, search,
 * market data and the cross-checks against it. The only folder that speaks SQL.
 *
 * Reads: base/, extract/, classify/ (for the records), crawler/ (implements its store).
 *
 * One struct nm_corpus is one write connection; it is not shared between threads.
 * Everything the corpus hands out as JSON (events, hits, verdicts, stories) is a jansson
 * object borrowed for the duration of a callback: json_incref() it to keep it.
 */
#ifndef NM_CORPUS_H
#define NM_CORPUS_H

#include "base/base.h"
#include "classify/classify.h"

#define NM_CORPUS_DEFAULT_PATH "newsmine.db"

/* The schema version this build writes (PRAGMA user_version); older files are migrated
 * forward on open, newer ones are refused. */
#define NM_CORPUS_SCHEMA_VERSION 1

struct nm_corpus;

/*
 * Open (creating and migrating as needed) the corpus at path. NM_ECREATE when the file
 * cannot be created, NM_EDB when it is not a newsmine database or is corrupt.
 */
enum nm_code nm_corpus_open(const char *path, struct nm_corpus **out, struct nm_err *err);

/* Flags for nm_corpus_open_ex(). */
enum {
	NM_CORPUS_EXISTING = 1 << 0, /* do not create: NM_ENOENT when path does not exist */
};

/* nm_corpus_open() with flags (0 = the same as nm_corpus_open()). */
enum nm_code nm_corpus_open_ex(const char *path, unsigned flags, struct nm_corpus **out,
			       struct nm_err *err);

/* Commit what is pending (see nm_corpus_set_batch) and close. NULL is allowed. A failed
 * final commit is logged; call nm_corpus_commit() first to see it as a code. */
void nm_corpus_close(struct nm_corpus *c);

/*
 * Store one analysed document with its mentions, events and checks, in one transaction.
 * A document with the same canonical URL (else URL) or the same content hash replaces
 * the stored one. The doc is borrowed; everything is copied. On failure nothing of the
 * document is stored (and a replaced document is still there).
 */
enum nm_code nm_corpus_put(struct nm_corpus *c, const struct nm_doc *doc, struct nm_err *err);

/*
 * nm_corpus_put() in two steps, so that the work that needs no database (encoding the
 * JSON records of doc's events and checks) is done before a shared connection's lock is
 * taken: nm_corpus_encode() on any thread, then nm_corpus_put_prepared() with the same,
 * unchanged doc stores exactly what nm_corpus_put() would. A NULL prep (e.g. encoding
 * failed) makes put_prepared encode under the lock, as nm_corpus_put() does.
 */
struct nm_corpus_prep;
struct nm_corpus_prep *nm_corpus_encode(const struct nm_doc *doc);
enum nm_code nm_corpus_put_prepared(struct nm_corpus *c, const struct nm_doc *doc,
				    const struct nm_corpus_prep *prep, struct nm_err *err);
void nm_corpus_prep_free(struct nm_corpus_prep *prep); /* NULL is allowed */

/*
 * Batched writes: with n > 1, nm_corpus_put() keeps the transaction open and commits every
 * n documents (each document still all-or-nothing, through a savepoint), or at the first
 * document stored once the transaction is NM_CORPUS_BATCH_MS old, so that a slow (polite)
 * crawl commits as often as before while a fast one writes its WAL in large batches. A
 * crash loses at most the uncommitted batch, whole documents only. Default 1 (commit each
 * document).
 */
#define NM_CORPUS_BATCH_MS 2000
void nm_corpus_set_batch(struct nm_corpus *c, unsigned n);
/* Commit the documents pending in the open batch (no-op when none). */
enum nm_code nm_corpus_commit(struct nm_corpus *c, struct nm_err *err);

/* Filters for nm_corpus_events(); NULL/0 fields do not filter. Strings are borrowed. */
struct nm_event_query {
	const char *type;
	const char *asset;       /* ticker, or "market"/"-" for events about the whole market */
	const char *modality;
	const char *since;       /* ISO date/time (published at or after) or an event id
				    (events stored after it, for incremental polling) */
	const char *until;       /* ISO date/time; a bare date includes that whole day */
	const char *source;      /* host, e.g. "example.com" (www. ignored) */
	const char *verdict;     /* consistent|contradicted|unverifiable, from `check` */
	const char *id;          /* one event id */
	double min_confidence;
	size_t limit;            /* 0 = no limit */
};

/* Call cb for each stored event matching q, in storage order, as the JSON event object
 * (borrowed for the call) extended with doc fields (url, title, published, source = host).
 * cb returning non-zero stops. NM_EINVAL for a bad filter (err says which). */
enum nm_code nm_corpus_events(struct nm_corpus *c, const struct nm_event_query *q,
			      int (*cb)(struct json_t *event, void *arg), void *arg,
			      struct nm_err *err);

/* The crawler's frontier store (crawler/crawler.h) in this corpus: creates its tables
 * (frontier, hosts, frontier_attempts) when missing. The store borrows c; call
 * out->release(out->ctx) before nm_corpus_close(). */
struct nm_frontier_store;
enum nm_code nm_corpus_frontier(struct nm_corpus *c, struct nm_frontier_store *out,
				struct nm_err *err);

/* Counts: {"documents","mentions","events","checks",...}; *out is the caller's. */
enum nm_code nm_corpus_stats(struct nm_corpus *c, struct json_t **out, struct nm_err *err);

/* ------------------------------------------------------------------ search */

/*
 * Bring the full-text index up to date: nm_corpus_put() stores documents without their
 * search rows (indexing is most of the cost of storing), and this indexes every document
 * stored since the last call, 10,000 per transaction. nm_corpus_search() calls it first,
 * so a search always sees every stored document. *indexed (optional) counts them.
 */
enum nm_code nm_corpus_index(struct nm_corpus *c, size_t *indexed, struct nm_err *err);

/* A full-text query over titles, main text and event evidence. */
struct nm_search_query {
	const char *match;       /* user query: words, "phrases", AND/OR/NOT, prefix* */
	const char *since;       /* ISO date/time of publication, NULL = open */
	const char *until;
	const char *type;        /* only documents with an event of this type */
	const char *asset;       /* only documents with an event about this asset */
	size_t limit;            /* 0 = 20 */
	const char *mark_open;   /* highlight around matched terms in "snippet" (NULL = "") */
	const char *mark_close;
};

/* Call cb for each hit, best first (bm25): {"score","kind":"title|text|evidence","event",
 * "snippet","url","title","published","source"} (borrowed for the call). A query matching
 * more than 5,000 rows ranks the 5,000 most recently stored ones (a bound on the work
 * per query). */
enum nm_code nm_corpus_search(struct nm_corpus *c, const struct nm_search_query *q,
			      int (*cb)(struct json_t *hit, void *arg), void *arg,
			      struct nm_err *err);

/* ------------------------------------------------------------------ market data */

enum nm_market_kind { NM_MARKET_CANDLES, NM_MARKET_LIQUIDATIONS };

struct nm_market_import {
	enum nm_market_kind kind;
	const char *path;        /* CSV file (".gz" allowed, "-" = stdin), borrowed */
	const char *symbol;      /* asset ticker (BTC); candles: required unless the file has
				    a symbol column; liquidations: keeps only this asset */
	int64_t interval;        /* seconds per row (3600, 86400); 0 = inferred from the rows */
};

/*
 * Import one CSV of candles or liquidation buckets in one transaction: on any error
 * nothing is stored. Errors read "file:line: message" (NM_EPARSE): missing columns,
 * non-numbers, a truncated last line, duplicate or out-of-order timestamps. Rows already
 * stored for the same symbol, interval and time are replaced. *rows (optional) is set to
 * the number of rows stored on success.
 */
enum nm_code nm_market_import(struct nm_corpus *c, const struct nm_market_import *imp,
			      size_t *rows, struct nm_err *err);

/* ------------------------------------------------------------------ cross-checks */

/*
 * Check stored events (all, or the one with id event_id) against the article's own
 * internal checks, market data and the other sources; store the verdicts (replacing
 * earlier ones for those events) and call cb for each:
 * {"event","kind":"internal|market|cross_source","verdict","detail","data"}.
 */
enum nm_code nm_corpus_check(struct nm_corpus *c, const char *event_id,
			     int (*cb)(struct json_t *verdict, void *arg), void *arg,
			     struct nm_err *err);

/*
 * Stories: events of one type and asset reported within NM_STORY_WINDOW seconds of the
 * story's first report, across documents. cb gets {"story","type","asset","first_published",
 * "first_source","first_event","sources","events","hosts":[...],"event_ids":[...]},
 * earliest story first.
 */
#define NM_STORY_WINDOW (48 * 3600)
enum nm_code nm_corpus_stories(struct nm_corpus *c,
			       int (*cb)(struct json_t *story, void *arg), void *arg,
			       struct nm_err *err);

#endif
