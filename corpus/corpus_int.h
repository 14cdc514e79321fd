/*
 * corpus/corpus_int.h — what the files of corpus/ share and nothing outside it sees.
 */
#ifndef NM_CORPUS_INT_H
#define NM_CORPUS_INT_H

#include "corpus/corpus.h"

#include <jansson.h>
#include <sqlite3.h>

/* Prepared statements of nm_corpus_put(), compiled once per connection. */
enum put_stmt {
	PUT_FIND,     /* documents replaced by this one */
	PUT_DEL_FTS,  /* the replaced document's search rows */
	PUT_DEL_DOC,
	PUT_DOC,
	PUT_MENTION,
	PUT_MENTIONS2, /* 2, 4 and NM_PUT_MENTION_ROWS mentions in one statement */
	PUT_MENTIONS4,
	PUT_MENTIONS,
	PUT_EVENT,
	PUT_CHECK,
	PUT_SAVEPOINT,
	PUT_RELEASE,
	PUT__N
};

/* Mentions per multi-row INSERT (a document has a dozen on average: one statement
 * instead of one per row spares SQLite's per-statement work). The rest go 4, 2 and 1
 * at a time. */
#define NM_PUT_MENTION_ROWS 8

/* Every JSON record of a document, back to back: its events' (in order), then its
 * checks'. end[i] is where record i ends. */
struct nm_corpus_prep {
	struct nm_buf json;
	size_t *end, cap;
	size_t n;
};

/* The corpus: one SQLite write connection (WAL, foreign keys on). */
struct nm_corpus {
	sqlite3 *db;                  /* owned */
	char *path;                   /* heap, owned */
	sqlite3_stmt *put[PUT__N];    /* owned, lazily prepared */
	unsigned batch;               /* documents per transaction (>= 1) */
	unsigned pending;             /* documents stored in the open transaction */
	bool in_tx;                   /* a batch transaction is open */
	int64_t tx_ms;                /* when it began (CLOCK_MONOTONIC, ms) */
	int64_t *fts_del;             /* replaced documents whose search rows go at the end
					 of the batch (heap, owned) */
	size_t n_del, cap_del;
	int64_t *rep;                 /* documents the one being stored replaces (heap, owned) */
	size_t n_rep, cap_rep;
	bool in_sp;                   /* the savepoint "doc" is open (replacing documents) */
	int64_t new_id;               /* row of the document being stored, 0 before its insert */
	struct nm_corpus_prep prep;   /* the JSON records of the document being stored, when
					 the caller brings none (reused) */
};

/* The connection, for the other files of corpus/ (the frontier store creates and
 * migrates its own tables with it). */
static inline sqlite3 *nm_corpus_db(struct nm_corpus *c) { return c->db; }

/* Translate a SQLite failure into NM_EDB with its message. */
enum nm_code nm_corpus_sqlerr(struct nm_corpus *c, struct nm_err *err, const char *what);

/* Give up the open batch: rolled back here (or by SQLite already, after an I/O error),
 * logged when it held documents. NULL is allowed. */
void nm_corpus_abort(struct nm_corpus *c);

/* Run SQL without results; NM_EDB with its message on failure. */
enum nm_code nm_corpus_exec(struct nm_corpus *c, const char *sql, struct nm_err *err);

/* Prepare sql; NM_EDB on failure (*st untouched then). */
enum nm_code nm_corpus_prepare(struct nm_corpus *c, const char *sql, sqlite3_stmt **st,
			       struct nm_err *err);

/* Bind text or NULL when s is NULL or empty. */
int nm_corpus_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Bind a double, or NULL when it is NaN. */
int nm_corpus_bind_num(sqlite3_stmt *st, int i, double v);

/* Parse a --since/--until style time: ISO date or date-time. A bare date gives the start
 * of that day, or with end_of_day the start of the next day. false when not a date. */
bool nm_corpus_time(const char *s, bool end_of_day, int64_t *out);

/* Append v as json_dumps(v, NM_JSON_DUMP_FLAGS) writes it (same bytes), without the
 * NUL; NM_ETOOBIG past b's max. corpus/json.c */
enum nm_code nm_corpus_json(struct nm_buf *b, json_t *v);

/* Search rows: rowid = doc id << NM_FTS_DOC_SHIFT | slot. Slot 0 is the title, slots
 * 1..NM_FTS_EVIDENCE-1 pieces of the main text, NM_FTS_EVIDENCE + ord * NM_FTS_EV_PER + k the
 * k-th evidence span of the document's ord-th event. */
#define NM_FTS_DOC_SHIFT 20
#define NM_FTS_EVIDENCE ((int64_t)1 << 19)
#define NM_FTS_EV_PER 32

#endif
