/*
 * corpus/search.c — full-text search (FTS5, bm25) over titles, sentences of the main
 * text and event evidence. Search rows are keyed by document (rowid = doc << 20 | slot,
 * see corpus_int.h) so replacing a document deletes its rows by one rowid range.
 */
#include "corpus/corpus_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define NM_SEARCH_QUERY_MAX 1024 /* bytes of user query */
#define NM_SEARCH_RANK_MAX 5000  /* matches ranked per query, newest first */

/* The user's words as FTS5 phrases ("a" "b"), for queries that are not FTS5 syntax
 * (e.g. "$93,000" or "risk-off"): every whitespace-separated token must match. */
static enum nm_code quote_terms(const char *q, struct nm_buf *out)
{
	const char *p = q;
	while (*p) {
		while (nm_isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		if (out->len && nm_buf_addch(out, ' '))
			return NM_ETOOBIG;
		if (nm_buf_addch(out, '"'))
			return NM_ETOOBIG;
		for (; *p && !nm_isspace((unsigned char)*p); p++) {
			if (*p == '"' && nm_buf_addch(out, '"')) /* "" inside a phrase */
				return NM_ETOOBIG;
			if (nm_buf_addch(out, *p))
				return NM_ETOOBIG;
		}
		if (nm_buf_addch(out, '"'))
			return NM_ETOOBIG;
	}
	return NM_OK;
}

static const char *slot_kind(int64_t slot)
{
	if (slot == 0)
		return "title";
	return slot >= NM_FTS_EVIDENCE ? "evidence" : "text";
}

/* The id of the event whose evidence a row holds, or NULL (heap string). */
static char *slot_event(struct nm_corpus *c, sqlite3_stmt **st, int64_t doc, int64_t slot)
{
	char *id = NULL;
	if (slot < NM_FTS_EVIDENCE)
		return NULL;
	if (!*st && nm_corpus_prepare(c, "SELECT id FROM events WHERE doc = ?1 AND ord = ?2", st, NULL))
		return NULL;
	sqlite3_reset(*st);
	sqlite3_bind_int64(*st, 1, doc);
	sqlite3_bind_int64(*st, 2, (slot - NM_FTS_EVIDENCE) / NM_FTS_EV_PER);
	if (sqlite3_step(*st) == SQLITE_ROW)
		id = nm_xstrdup((const char *)sqlite3_column_text(*st, 0));
	sqlite3_reset(*st);
	return id;
}

/* Run one MATCH expression. *emitted counts the hits handed to cb. */
static enum nm_code run(struct nm_corpus *c, const struct nm_search_query *q, const char *match,
			int (*cb)(json_t *, void *), void *arg, size_t *emitted, struct nm_err *err)
{
	struct nm_buf sql = NM_BUF_INIT(4096);
	char asset[NM_TICKER_MAX];
	sqlite3_stmt *st = NULL, *ev = NULL;
	int64_t since = 0, until = 0;
	enum nm_code code = NM_OK;
	int rc;

	if (q->since && !nm_corpus_time(q->since, false, &since))
		return nm_err_set(err, NM_EINVAL, "--since: '%s' is not a date", q->since);
	if (q->until && !nm_corpus_time(q->until, true, &until))
		return nm_err_set(err, NM_EINVAL, "--until: '%s' is not a date", q->until);
	/* Rank the newest NM_SEARCH_RANK_MAX matches (FTS5 walks them in rowid order, newest
	 * documents first, without sorting), keep the best N, and only then build their
	 * snippets. Ranking every match cost 3 us a row: 150 ms for a word found in 50,000
	 * rows of a million; snippet() in the ranking query even ran for every match. */
	if (nm_buf_addstr(&sql, "WITH cand(r, score) AS (SELECT fts.rowid, bm25(fts) FROM fts") ||
	    ((q->since || q->until || q->type || q->asset) &&
	     nm_buf_addstr(&sql, " JOIN documents d ON d.id = (fts.rowid >> 20)")) ||
	    nm_buf_addstr(&sql, " WHERE fts MATCH ?3") ||
	    (q->since && nm_buf_addstr(&sql, " AND d.published_at >= ?5")) ||
	    (q->until && nm_buf_addstr(&sql, " AND d.published_at < ?6")) ||
	    ((q->type || q->asset) &&
	     nm_buf_addstr(&sql, " AND EXISTS(SELECT 1 FROM events e WHERE e.doc = d.id")) ||
	    (q->type && nm_buf_addstr(&sql, " AND e.type = ?7")) ||
	    (q->asset && nm_buf_addstr(&sql, " AND e.asset = ?8")) ||
	    ((q->type || q->asset) && nm_buf_addstr(&sql, ")")) ||
	    nm_buf_printf(&sql, " ORDER BY fts.rowid DESC LIMIT %d),", NM_SEARCH_RANK_MAX) ||
	    nm_buf_addstr(&sql, " top(r, score) AS (SELECT r, score FROM cand ORDER BY score, r LIMIT ?4)"
				" SELECT top.score, top.r, snippet(fts, 0, ?1, ?2, '…', 24),"
				" d.url, d.title, d.published, d.host"
				" FROM top JOIN fts ON fts.rowid = top.r JOIN documents d ON d.id = (top.r >> 20)"
				" WHERE fts MATCH ?3 ORDER BY top.score, top.r"))
		NM_BUG("query too long");
	if ((code = nm_corpus_prepare(c, nm_buf_str(&sql), &st, err)))
		goto out;
	sqlite3_bind_text(st, 1, q->mark_open ? q->mark_open : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, q->mark_close ? q->mark_close : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, q->limit ? (int64_t)q->limit : 20);
	if (q->since)
		sqlite3_bind_int64(st, 5, since);
	if (q->until)
		sqlite3_bind_int64(st, 6, until);
	if (q->type)
		sqlite3_bind_text(st, 7, q->type, -1, SQLITE_STATIC);
	if (q->asset) {
		size_t i = 0;
		for (; q->asset[i] && i + 1 < sizeof(asset); i++)
			asset[i] = (char)nm_toupper((unsigned char)q->asset[i]);
		asset[i] = '\0';
		sqlite3_bind_text(st, 8, asset, -1, SQLITE_STATIC);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t rowid = sqlite3_column_int64(st, 1);
		int64_t doc = rowid >> NM_FTS_DOC_SHIFT, slot = rowid & (((int64_t)1 << NM_FTS_DOC_SHIFT) - 1);
		char *event = slot_event(c, &ev, doc, slot);
		json_t *o = json_object();
		int stop;
		static const char *const fields[] = {"url", "title", "published", "source"};

		/* bm25() is lower-is-better and negative; report higher-is-better */
		json_object_set_new(o, "score", json_real(-sqlite3_column_double(st, 0)));
		json_object_set_new(o, "kind", json_string(slot_kind(slot)));
		json_object_set_new(o, "event", event ? json_string(event) : json_null());
		json_object_set_new(o, "snippet", json_string((const char *)sqlite3_column_text(st, 2)));
		for (int i = 0; i < 4; i++) {
			const char *v = (const char *)sqlite3_column_text(st, 3 + i);
			json_object_set_new(o, fields[i], v ? json_string(v) : json_null());
		}
		free(event);
		(*emitted)++;
		stop = cb(o, arg);
		json_decref(o);
		if (stop)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		code = nm_err_set(err, NM_EDB, "search: %s", sqlite3_errmsg(c->db));
out:
	sqlite3_finalize(ev);
	sqlite3_finalize(st);
	nm_buf_release(&sql);
	return code;
}

enum nm_code nm_corpus_search(struct nm_corpus *c, const struct nm_search_query *q,
			      int (*cb)(struct json_t *hit, void *arg), void *arg,
			      struct nm_err *err)
{
	struct nm_buf quoted = NM_BUF_INIT(4 * NM_SEARCH_QUERY_MAX);
	size_t emitted = 0;
	enum nm_code code;

	if (!q->match || !*q->match)
		return nm_err_set(err, NM_EINVAL, "search: empty query");
	if (strlen(q->match) > NM_SEARCH_QUERY_MAX)
		return nm_err_set(err, NM_ETOOBIG, "search: query longer than %d bytes", NM_SEARCH_QUERY_MAX);
	if ((code = nm_corpus_index(c, NULL, err)))
		return code;
	code = run(c, q, q->match, cb, arg, &emitted, err);
	if (code == NM_EDB && emitted == 0) {
		/* not FTS5 syntax: search the words as given */
		if (quote_terms(q->match, &quoted) == NM_OK && quoted.len)
			code = run(c, q, nm_buf_str(&quoted), cb, arg, &emitted, err);
		if (code == NM_EDB)
			code = nm_err_set(err, NM_EINVAL, "search: cannot search for '%s'", q->match);
	}
	nm_buf_release(&quoted);
	return code;
}
