/*
 * corpus/index.c — the full-text index, kept up to date lazily: nm_corpus_put() stores
 * documents without search rows and the next search (or nm_corpus_index()) indexes
 * every document stored since, in one transaction.
 *
 * Why: FTS5 indexing is most of the cost of storing an article (~300 us of ~700 us), and
 * indexing many documents in one transaction is cheaper than one batch at a time (fewer,
 * larger segments). Ingest runs at the speed of the plain rows; search pays for the
 * documents it has not seen yet, once.
 */
#include "corpus/corpus_int.h"

#include <jansson.h>
#include <string.h>

/* Pieces of the main text per search row: a row per 64 KiB, cut at a line or sentence end. */
#define NM_FTS_CHUNK ((size_t)64 << 10)

static enum nm_code fts_insert(struct nm_corpus *c, sqlite3_stmt *st, int64_t rowid, const char *s,
			       size_t n, struct nm_err *err)
{
	int rc;
	if (n == 0)
		return NM_OK;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, rowid);
	sqlite3_bind_text(st, 2, s, (int)n, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? NM_OK : nm_corpus_sqlerr(c, err, "index");
}

/* The rows of one document: title (slot 0), text pieces (1...), evidence spans. */
static enum nm_code index_doc(struct nm_corpus *c, sqlite3_stmt *ins, sqlite3_stmt *evs, int64_t id,
			      const char *title, const char *text, size_t len, struct nm_err *err)
{
	int64_t base = id << NM_FTS_DOC_SHIFT, slot = 1;
	const char *p = text, *end = text + len;
	enum nm_code code;
	int rc;

	if (title && (code = fts_insert(c, ins, base, title, strlen(title), err)))
		return code;
	while (p < end) {
		size_t n = (size_t)(end - p);
		if (n > NM_FTS_CHUNK && slot < NM_FTS_EVIDENCE - 1) {
			size_t cut = NM_FTS_CHUNK;
			while (cut > NM_FTS_CHUNK / 2 && p[cut - 1] != '\n' && !(p[cut - 1] == ' ' && p[cut - 2] == '.'))
				cut--;
			if (cut == NM_FTS_CHUNK / 2)
				cut = NM_FTS_CHUNK;
			while (cut > 0 && ((unsigned char)p[cut] & 0xC0) == 0x80)
				cut--; /* never inside a UTF-8 sequence */
			n = cut;
		}
		if ((code = fts_insert(c, ins, base + slot++, p, n, err)))
			return code;
		p += n;
	}
	/* evidence spans, from the stored event objects */
	sqlite3_reset(evs);
	sqlite3_bind_int64(evs, 1, id);
	while ((rc = sqlite3_step(evs)) == SQLITE_ROW) {
		int64_t ord = sqlite3_column_int64(evs, 0);
		json_t *o = json_loads((const char *)sqlite3_column_text(evs, 1), 0, NULL), *ev;
		size_t k;
		if (ord >= NM_FTS_EVIDENCE / NM_FTS_EV_PER) {
			json_decref(o);
			continue;
		}
		json_array_foreach(json_object_get(o, "evidence"), k, ev) {
			json_int_t s = json_integer_value(json_object_get(ev, "start"));
			json_int_t e = json_integer_value(json_object_get(ev, "end"));
			if (k >= NM_FTS_EV_PER || s < 0 || e <= s || (size_t)e > len)
				continue;
			if ((code = fts_insert(c, ins, base + NM_FTS_EVIDENCE + ord * NM_FTS_EV_PER + (int64_t)k,
					       text + s, (size_t)(e - s), err))) {
				json_decref(o);
				sqlite3_reset(evs);
				return code;
			}
		}
		json_decref(o);
	}
	sqlite3_reset(evs);
	return rc == SQLITE_DONE ? NM_OK : nm_corpus_sqlerr(c, err, "index evidence");
}

/* Index documents after *upto, at most NM_INDEX_STEP of them, in one transaction. */
#define NM_INDEX_STEP 10000
static enum nm_code index_step(struct nm_corpus *c, int64_t *upto, size_t *n, struct nm_err *err)
{
	sqlite3_stmt *docs = NULL, *ins = NULL, *evs = NULL, *st = NULL;
	int64_t last = *upto;
	size_t done = 0;
	enum nm_code code;
	int rc;

	if ((code = nm_corpus_exec(c, "BEGIN IMMEDIATE", err)))
		return code;
	if ((code = nm_corpus_prepare(c, "SELECT indexed_upto FROM search_state", &st, err)))
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW) /* again, under the lock */
		last = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if ((code = nm_corpus_prepare(c, "SELECT id, title, text FROM documents WHERE id > ?1 ORDER BY id LIMIT ?2",
				      &docs, err)) ||
	    (code = nm_corpus_prepare(c, "INSERT INTO fts(rowid, body) VALUES(?1, ?2)", &ins, err)) ||
	    (code = nm_corpus_prepare(c, "SELECT ord, json FROM events WHERE doc = ?1 ORDER BY ord", &evs, err)))
		goto fail;
	sqlite3_bind_int64(docs, 1, last);
	sqlite3_bind_int(docs, 2, NM_INDEX_STEP);
	while ((rc = sqlite3_step(docs)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(docs, 0);
		const char *text = (const char *)sqlite3_column_text(docs, 2);
		size_t len = (size_t)sqlite3_column_bytes(docs, 2);
		if ((code = index_doc(c, ins, evs, id, (const char *)sqlite3_column_text(docs, 1), text ? text : "",
				      text ? len : 0, err)))
			goto fail;
		last = id;
		done++;
	}
	if (rc != SQLITE_DONE) {
		code = nm_corpus_sqlerr(c, err, "index");
		goto fail;
	}
	if ((code = nm_corpus_prepare(c, "UPDATE search_state SET indexed_upto = max(indexed_upto, ?1)", &st, err)))
		goto fail;
	sqlite3_bind_int64(st, 1, last);
	if (sqlite3_step(st) != SQLITE_DONE) {
		code = nm_corpus_sqlerr(c, err, "index");
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	if ((code = nm_corpus_exec(c, "COMMIT", err)))
		goto fail;
	sqlite3_finalize(docs);
	sqlite3_finalize(ins);
	sqlite3_finalize(evs);
	*upto = last;
	*n = done;
	return NM_OK;
fail:
	sqlite3_finalize(st);
	sqlite3_finalize(docs);
	sqlite3_finalize(ins);
	sqlite3_finalize(evs);
	sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	return code;
}

enum nm_code nm_corpus_index(struct nm_corpus *c, size_t *indexed, struct nm_err *err)
{
	sqlite3_stmt *st = NULL;
	int64_t upto = 0, last = 0;
	size_t total = 0, n = 0;
	enum nm_code code;

	if (indexed)
		*indexed = 0;
	if ((code = nm_corpus_commit(c, err)))
		return code;
	/* a cheap look first: most searches find nothing to do */
	if ((code = nm_corpus_prepare(c, "SELECT (SELECT indexed_upto FROM search_state),"
					 " (SELECT coalesce(max(id), 0) FROM documents)", &st, err)))
		return code;
	if (sqlite3_step(st) == SQLITE_ROW) {
		upto = sqlite3_column_int64(st, 0);
		last = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	while (upto < last) {
		if ((code = index_step(c, &upto, &n, err)))
			return code;
		total += n;
		if (n == 0)
			break;
	}
	if (total)
		nm_log(NM_LOG_DEBUG, "corpus: indexed %zu documents for search", total);
	if (indexed)
		*indexed = total;
	return NM_OK;
}
