/*
 * corpus/corpus.c — FIRST CUT placeholder; the SQLite store comes with the corpus work.
 */
#include "corpus/corpus_int.h"

enum nm_code nm_corpus_sqlerr(struct nm_corpus *c, struct nm_err *err, const char *what)
{
	return nm_err_set(err, NM_EDB, "%s: %s", what, c && c->db ? sqlite3_errmsg(c->db) : "no database");
}

enum nm_code nm_corpus_open(const char *path, struct nm_corpus **out, struct nm_err *err)
{
	return nm_err_set(err, NM_EINTERNAL, "corpus: not built yet");
}

void nm_corpus_close(struct nm_corpus *c)
{
}

enum nm_code nm_corpus_put(struct nm_corpus *c, const struct nm_doc *doc, struct nm_err *err)
{
	return nm_err_set(err, NM_EINTERNAL, "corpus: not built yet");
}

enum nm_code nm_corpus_events(struct nm_corpus *c, const struct nm_event_query *q,
			      int (*cb)(struct json_t *event, void *arg), void *arg,
			      struct nm_err *err)
{
	return nm_err_set(err, NM_EINTERNAL, "corpus: not built yet");
}

enum nm_code nm_corpus_stats(struct nm_corpus *c, struct json_t **out, struct nm_err *err)
{
	return nm_err_set(err, NM_EINTERNAL, "corpus: not built yet");
}
