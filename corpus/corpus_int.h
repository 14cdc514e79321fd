/*
 * corpus/corpus_int.h — what the files of corpus/ share and nothing outside it sees.
 */
#ifndef NM_CORPUS_INT_H
#define NM_CORPUS_INT_H

#include "corpus/corpus.h"

#include <sqlite3.h>

/* The corpus: one SQLite write connection (WAL, foreign keys on). */
struct nm_corpus {
	sqlite3 *db;  /* owned */
	char *path;   /* heap, owned */
};

/* The connection, for the other files of corpus/ (the frontier store creates and
 * migrates its own tables with it). */
static inline sqlite3 *nm_corpus_db(struct nm_corpus *c) { return c->db; }

/* Translate a SQLite failure into NM_EDB with its message. */
enum nm_code nm_corpus_sqlerr(struct nm_corpus *c, struct nm_err *err, const char *what);

#endif
