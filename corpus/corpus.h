/*
 * corpus/ — stage 4: SQLite storage of documents, mentions, events and checks, search,
 * market data and the cross-checks against it. The only folder that speaks SQL.
 *
 * Reads: base/, extract/, classify/ (for the records), crawler/ (implements its store).
 */
#ifndef NM_CORPUS_H
#define NM_CORPUS_H

#include "base/base.h"
#include "classify/classify.h"

#define NM_CORPUS_DEFAULT_PATH "newsmine.db"

struct nm_corpus;

/*
 * Open (creating and migrating as needed) the corpus at path. NM_ECREATE when the file
 * cannot be created, NM_EDB when it is not a newsmine database or is corrupt.
 */
enum nm_code nm_corpus_open(const char *path, struct nm_corpus **out, struct nm_err *err);
void nm_corpus_close(struct nm_corpus *c);

/*
 * Store one analysed document with its mentions, events and checks, in one transaction.
 * A document with the same canonical URL (else URL) or the same content hash replaces
 * the stored one. The doc is borrowed; everything is copied.
 */
enum nm_code nm_corpus_put(struct nm_corpus *c, const struct nm_doc *doc, struct nm_err *err);

/* Filters for nm_corpus_events(); NULL/0 fields do not filter. Strings are borrowed. */
struct nm_event_query {
	const char *type;
	const char *asset;
	const char *modality;
	const char *since;       /* ISO date/time or an event id (events stored after it) */
	const char *until;       /* ISO date/time */
	const char *source;      /* host */
	const char *verdict;
	double min_confidence;
	size_t limit;            /* 0 = no limit */
};

/* Call cb for each stored event matching q, as the JSON event object (borrowed for the
 * call) extended with doc fields (url, title, published). cb returning non-zero stops. */
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

#endif
