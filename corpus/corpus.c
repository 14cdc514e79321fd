/*
 * corpus/corpus.c — stage 4: opening the SQLite corpus (WAL, foreign keys, schema version
 * with forward migrations) and storing analysed documents, one transaction (or savepoint
 * inside a batch) per document.
 */
#include "corpus/corpus_int.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* "NMIN": marks the file as a newsmine corpus (PRAGMA application_id). */
#define NM_APP_ID 0x4e4d494e

/*
 * Forward migrations: migrations[i] takes a file from schema version i to i + 1. Never
 * edit a released step; add a new one at the end and bump NM_CORPUS_SCHEMA_VERSION.
 */
static const char *const migrations[NM_CORPUS_SCHEMA_VERSION] = {
	/* 0 -> 1: the first schema */
	"CREATE TABLE documents("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT," /* never reused: search rows are keyed by it */
	"  doc_key TEXT NOT NULL UNIQUE,"   /* canonical URL, else URL, else hash:<content_hash> */
	"  content_hash TEXT NOT NULL,"
	"  url TEXT, canonical_url TEXT, source TEXT, host TEXT,"
	"  title TEXT, published TEXT, published_at INTEGER, author TEXT, site TEXT,"
	"  language TEXT, fetched_at INTEGER, stored_at INTEGER NOT NULL,"
	"  text TEXT NOT NULL);"
	"CREATE INDEX documents_hash ON documents(content_hash);"
	"CREATE INDEX documents_published ON documents(published_at);"
	"CREATE TABLE mentions("
	"  doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  kind TEXT NOT NULL, start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
	"  value REAL, low REAL, high REAL, currency TEXT, asset TEXT, role TEXT,"
	"  qualifier TEXT, confidence REAL,"
	"  PRIMARY KEY(doc, ord)) WITHOUT ROWID;"
	"CREATE TABLE events("
	"  seq INTEGER PRIMARY KEY AUTOINCREMENT,"  /* storage order, never reused */
	"  id TEXT NOT NULL UNIQUE,"
	"  doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  type TEXT NOT NULL, asset TEXT, modality TEXT NOT NULL, confidence REAL NOT NULL,"
	"  published_at INTEGER, host TEXT,"
	"  total_usd REAL, level REAL, low REAL, high REAL, window_seconds REAL, side TEXT,"
	"  json TEXT NOT NULL);"
	"CREATE INDEX events_doc ON events(doc);"
	"CREATE INDEX events_type ON events(type, asset, published_at);"
	"CREATE TABLE checks("
	"  doc INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
	"  ord INTEGER NOT NULL,"
	"  kind TEXT NOT NULL, verdict TEXT NOT NULL, asset TEXT, quantity TEXT,"
	"  value1 REAL, value2 REAL, event TEXT, json TEXT NOT NULL,"
	"  PRIMARY KEY(doc, ord)) WITHOUT ROWID;"
	"CREATE TABLE verdicts("
	"  event TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL, ord INTEGER NOT NULL,"
	"  verdict TEXT NOT NULL, detail TEXT NOT NULL, data TEXT NOT NULL,"
	"  checked_at INTEGER NOT NULL,"
	"  PRIMARY KEY(event, kind, ord)) WITHOUT ROWID;"
	"CREATE TABLE candles("
	"  symbol TEXT NOT NULL, interval INTEGER NOT NULL, t INTEGER NOT NULL,"
	"  open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL,"
	"  volume REAL, PRIMARY KEY(symbol, interval, t)) WITHOUT ROWID;"
	"CREATE TABLE liquidations("
	"  asset TEXT NOT NULL, interval INTEGER NOT NULL, t INTEGER NOT NULL,"
	"  long_usd REAL NOT NULL, short_usd REAL NOT NULL,"
	"  PRIMARY KEY(asset, interval, t)) WITHOUT ROWID;"
	"CREATE TABLE imports("
	"  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, file TEXT NOT NULL, symbol TEXT,"
	"  interval INTEGER, rows INTEGER NOT NULL, first_t INTEGER, last_t INTEGER,"
	"  imported_at INTEGER NOT NULL);"
	"CREATE VIRTUAL TABLE fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');"
	"CREATE TABLE search_state(id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  indexed_upto INTEGER NOT NULL);"  /* documents with a larger id are not in fts yet */
	"INSERT INTO search_state VALUES(1, 0);",
};

enum nm_code nm_corpus_sqlerr(struct nm_corpus *c, struct nm_err *err, const char *what)
{
	return nm_err_set(err, NM_EDB, "%s: %s", what, c && c->db ? sqlite3_errmsg(c->db) : "no database");
}

enum nm_code nm_corpus_exec(struct nm_corpus *c, const char *sql, struct nm_err *err)
{
	char *msg = NULL;
	if (sqlite3_exec(c->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		nm_err_set(err, NM_EDB, "database '%s': %s", c->path, msg ? msg : sqlite3_errmsg(c->db));
		sqlite3_free(msg);
		return NM_EDB;
	}
	return NM_OK;
}

enum nm_code nm_corpus_prepare(struct nm_corpus *c, const char *sql, sqlite3_stmt **st,
			       struct nm_err *err)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(c->db, sql, -1, &s, NULL) != SQLITE_OK) {
		nm_corpus_sqlerr(c, err, "prepare");
		sqlite3_finalize(s);
		return NM_EDB;
	}
	*st = s;
	return NM_OK;
}

int nm_corpus_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (!s || !*s)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

int nm_corpus_bind_num(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v) || isinf(v))
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_double(st, i, v);
}

bool nm_corpus_time(const char *s, bool end_of_day, int64_t *out)
{
	int64_t t;
	bool has_time = false;
	if (!s || nm_time_parse(s, &t, &has_time))
		return false;
	if (!has_time && end_of_day)
		t += 86400;
	*out = t;
	return true;
}

/* ------------------------------------------------------------------ open */

/* Map the error of a first statement on a fresh connection to our codes. */
static enum nm_code open_error(struct nm_corpus *c, int rc, struct nm_err *err)
{
	switch (rc & 0xff) {
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return nm_err_set(err, NM_EDB, "'%s' is not a newsmine database (%s)", c->path,
				  sqlite3_errstr(rc));
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return nm_err_set(err, NM_ECREATE, "cannot write database '%s': %s", c->path,
				  sqlite3_errmsg(c->db));
	default:
		return nm_err_set(err, NM_EDB, "database '%s': %s", c->path, sqlite3_errmsg(c->db));
	}
}

static int pragma_int(struct nm_corpus *c, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(c->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int(st, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* Bring the schema to NM_CORPUS_SCHEMA_VERSION inside one write transaction. */
static enum nm_code migrate(struct nm_corpus *c, struct nm_err *err)
{
	int app = 0, version = 0, tables = 0, rc;
	enum nm_code code;

	if ((rc = pragma_int(c, "PRAGMA application_id", &app)) != SQLITE_OK)
		return open_error(c, rc, err);
	if ((rc = pragma_int(c, "PRAGMA user_version", &version)) != SQLITE_OK)
		return open_error(c, rc, err);
	if ((rc = pragma_int(c, "SELECT count(*) FROM sqlite_master", &tables)) != SQLITE_OK)
		return open_error(c, rc, err);
	if (app != NM_APP_ID && (app != 0 || tables > 0))
		return nm_err_set(err, NM_EDB, "'%s' is not a newsmine database", c->path);
	if (version > NM_CORPUS_SCHEMA_VERSION)
		return nm_err_set(err, NM_EDB,
				  "database '%s' has schema version %d, newer than this newsmine (%d)",
				  c->path, version, NM_CORPUS_SCHEMA_VERSION);
	if (version == NM_CORPUS_SCHEMA_VERSION)
		return NM_OK;
	rc = sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return open_error(c, rc, err);
	/* read again under the write lock: another process may have migrated meanwhile */
	if ((rc = pragma_int(c, "PRAGMA user_version", &version)) != SQLITE_OK) {
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		return open_error(c, rc, err);
	}
	for (; version < NM_CORPUS_SCHEMA_VERSION; version++) {
		char sql[64];
		if ((code = nm_corpus_exec(c, migrations[version], err)))
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", version + 1);
		if ((code = nm_corpus_exec(c, sql, err)))
			goto fail;
		nm_log(NM_LOG_DEBUG, "corpus: '%s' migrated to schema version %d", c->path, version + 1);
	}
	{
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA application_id = %d", NM_APP_ID);
		if ((code = nm_corpus_exec(c, sql, err)) || (code = nm_corpus_exec(c, "COMMIT", err)))
			goto fail;
	}
	return NM_OK;
fail:
	sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	return code;
}

/* Process-wide SQLite settings, before its first use. Memory statistics off: with them
 * on every sqlite3_malloc()/free() takes a global mutex and updates counters (several
 * percent of a crawl's CPU, for numbers nothing reads). When SQLite is initialised
 * already (another user in the process), the call fails harmlessly. */
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

enum nm_code nm_corpus_open_ex(const char *path, unsigned flags, struct nm_corpus **out,
			       struct nm_err *err)
{
	struct nm_corpus *c;
	struct stat sb;
	enum nm_code code;
	int rc;

	if (!path || !*path)
		return nm_err_set(err, NM_EINVAL, "no database path");
	if ((flags & NM_CORPUS_EXISTING) && stat(path, &sb) != 0)
		return nm_err_set(err, NM_ENOENT, "no database '%s' (store documents with 'newsmine ingest' first)",
				  path);
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return nm_err_set(err, NM_ECREATE, "cannot open database '%s': is a directory", path);
	c = nm_xcalloc(1, sizeof(*c));
	c->path = nm_xstrdup(path);
	c->batch = 1;
	nm_buf_init(&c->prep.json, (size_t)1 << 30);
	pthread_once(&sqlite_once, sqlite_setup);
	rc = sqlite3_open_v2(path, &c->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		code = nm_err_set(err, NM_ECREATE, "cannot open database '%s': %s", path,
				  c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(c->db, 1);
	/* A larger lookaside (SQLite's per-connection slab for small allocations): the
	 * default's slots are taken by the prepared statements a crawl keeps, and each row
	 * written then went through malloc()/free() several times. */
	sqlite3_db_config(c->db, SQLITE_DBCONFIG_LOOKASIDE, NULL, 512, 1024);
	sqlite3_busy_timeout(c->db, 10000);
	if (sqlite3_db_readonly(c->db, "main") == 1) {
		code = nm_err_set(err, NM_ECREATE, "cannot write database '%s': read-only", path);
		goto fail;
	}
	/* the first statements read the header: garbage or a foreign file shows up here */
	if ((code = migrate(c, err)))
		goto fail;
	if ((rc = sqlite3_exec(c->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL)) != SQLITE_OK) {
		code = open_error(c, rc, err);
		goto fail;
	}
	/* WAL + NORMAL: a crash (kill -9) never corrupts and loses no committed transaction;
	 * only a power cut may lose the last commits. */
	if ((code = nm_corpus_exec(c, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
				      "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768;"
				      "PRAGMA wal_autocheckpoint = 16384", err)))
		goto fail;
	*out = c;
	return NM_OK;
fail:
	nm_corpus_close(c);
	return code;
}

enum nm_code nm_corpus_open(const char *path, struct nm_corpus **out, struct nm_err *err)
{
	return nm_corpus_open_ex(path, 0, out, err);
}

void nm_corpus_close(struct nm_corpus *c)
{
	struct nm_err err = {0};

	if (!c)
		return;
	if (c->in_tx && nm_corpus_commit(c, &err))
		nm_log(NM_LOG_ERROR, "%s", err.msg);
	for (int i = 0; i < PUT__N; i++)
		sqlite3_finalize(c->put[i]);
	if (c->db && sqlite3_close(c->db) != SQLITE_OK)
		nm_log(NM_LOG_WARN, "closing '%s': %s", c->path, sqlite3_errmsg(c->db));
	free(c->fts_del);
	free(c->rep);
	nm_buf_release(&c->prep.json);
	free(c->prep.end);
	free(c->path);
	free(c);
}

/* ------------------------------------------------------------------ put */

void nm_corpus_set_batch(struct nm_corpus *c, unsigned n)
{
	c->batch = n ? n : 1;
}

#define MENTION_COLS "doc, ord, kind, start, \"end\", value, low, high, currency, asset, role, " \
	"qualifier, confidence"
#define MENTION_ROW "(?,?,?,?,?,?,?,?,?,?,?,?,?)"
#define MENTION_NCOL 13

static const char *const put_sql[PUT__N] = {
	[PUT_FIND] = "SELECT id FROM documents WHERE doc_key = ?1 OR content_hash = ?2",
	[PUT_DEL_FTS] = "DELETE FROM fts WHERE rowid BETWEEN ?1 AND ?2",
	[PUT_DEL_DOC] = "DELETE FROM documents WHERE id = ?1",
	[PUT_DOC] = "INSERT INTO documents(doc_key, content_hash, url, canonical_url, source, host,"
		    " title, published, published_at, author, site, language, fetched_at, stored_at, text)"
		    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)",
	[PUT_MENTION] = "INSERT INTO mentions(" MENTION_COLS ") VALUES" MENTION_ROW,
	[PUT_MENTIONS2] = "INSERT INTO mentions(" MENTION_COLS ") VALUES" MENTION_ROW "," MENTION_ROW,
	[PUT_MENTIONS4] = "INSERT INTO mentions(" MENTION_COLS ") VALUES" MENTION_ROW "," MENTION_ROW ","
			  MENTION_ROW "," MENTION_ROW,
	[PUT_MENTIONS] = "INSERT INTO mentions(" MENTION_COLS ") VALUES" MENTION_ROW "," MENTION_ROW ","
			 MENTION_ROW "," MENTION_ROW "," MENTION_ROW "," MENTION_ROW "," MENTION_ROW ","
			 MENTION_ROW,
	[PUT_EVENT] = "INSERT OR IGNORE INTO events(id, doc, ord, type, asset, modality, confidence,"
		      " published_at, host, total_usd, level, low, high, window_seconds, side, json)"
		      " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)",
	[PUT_CHECK] = "INSERT INTO checks(doc, ord, kind, verdict, asset, quantity, value1, value2, event,"
		      " json) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
	[PUT_SAVEPOINT] = "SAVEPOINT doc",
	[PUT_RELEASE] = "RELEASE doc",
};

static sqlite3_stmt *put_stmt(struct nm_corpus *c, enum put_stmt which, struct nm_err *err)
{
	if (!c->put[which] && nm_corpus_prepare(c, put_sql[which], &c->put[which], err))
		return NULL;
	sqlite3_reset(c->put[which]);
	sqlite3_clear_bindings(c->put[which]);
	return c->put[which];
}

/* Step a write statement to completion. */
static enum nm_code step_done(struct nm_corpus *c, sqlite3_stmt *st, struct nm_err *err, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return nm_corpus_sqlerr(c, err, what);
	return NM_OK;
}

/* Remove the search rows of the documents replaced in this batch (those indexed
 * already; the others have none). Outside any savepoint: FTS5 flushes its pending
 * changes at every savepoint. */
static enum nm_code fts_flush(struct nm_corpus *c, struct nm_err *err)
{
	sqlite3_stmt *st;
	enum nm_code code = NM_OK;

	for (size_t i = 0; i < c->n_del && !code; i++) {
		if (!(st = put_stmt(c, PUT_DEL_FTS, err)))
			return NM_EDB;
		sqlite3_bind_int64(st, 1, c->fts_del[i] << NM_FTS_DOC_SHIFT);
		sqlite3_bind_int64(st, 2, ((c->fts_del[i] + 1) << NM_FTS_DOC_SHIFT) - 1);
		code = step_done(c, st, err, "replace search text");
	}
	c->n_del = 0;
	return code;
}

enum nm_code nm_corpus_commit(struct nm_corpus *c, struct nm_err *err)
{
	enum nm_code code;
	if (!c->in_tx)
		return NM_OK;
	if ((code = fts_flush(c, err)) || (code = nm_corpus_exec(c, "COMMIT", err))) {
		/* the whole batch is lost, never part of a document */
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		c->in_tx = false;
		c->pending = 0;
		return code;
	}
	c->in_tx = false;
	c->pending = 0;
	return NM_OK;
}

void nm_corpus_abort(struct nm_corpus *c)
{
	if (!c)
		return;
	if (!sqlite3_get_autocommit(c->db))
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	if (c->in_tx && c->pending)
		nm_log(NM_LOG_ERROR, "%s: the %u documents of the open batch are lost", c->path, c->pending);
	c->in_tx = false;
	c->in_sp = false;
	c->pending = 0;
	c->n_del = 0;
}

/* doc's records into p (emptied first); NM_ETOOBIG past the buffer's cap. */
static enum nm_code encode_into(struct nm_corpus_prep *p, const struct nm_doc *doc)
{
	size_t n = doc->n_events + doc->n_checks;
	enum nm_code code = NM_OK;

	nm_buf_reset(&p->json);
	p->n = 0;
	if (n > p->cap) {
		p->end = nm_xrealloc(p->end, n * sizeof(*p->end));
		p->cap = n;
	}
	for (size_t i = 0; i < n && !code; i++) {
		json_t *o;
		if (i < doc->n_events) {
			struct nm_event e = doc->events[i];
			if (!e.id[0])
				nm_event_set_id(&e, doc);
			o = nm_event_json(doc, &e);
		} else {
			o = nm_check_json(doc, &doc->checks[i - doc->n_events]);
		}
		if (!o)
			NM_BUG("no JSON record");
		code = nm_corpus_json(&p->json, o);
		json_decref(o);
		p->end[p->n++] = p->json.len;
	}
	return code;
}

struct nm_corpus_prep *nm_corpus_encode(const struct nm_doc *doc)
{
	struct nm_corpus_prep *p = nm_xcalloc(1, sizeof(*p));

	/* the same cap as a connection's own: past it, the put encodes again under the lock
	 * and fails there as nm_corpus_put() would */
	nm_buf_init(&p->json, (size_t)1 << 30);
	if (encode_into(p, doc)) {
		nm_corpus_prep_free(p);
		return NULL;
	}
	return p;
}

void nm_corpus_prep_free(struct nm_corpus_prep *p)
{
	if (!p)
		return;
	nm_buf_release(&p->json);
	free(p->end);
	free(p);
}

/* Bind record i of p (see struct nm_corpus_prep) as parameter at; p outlives the step. */
static void bind_prep(sqlite3_stmt *st, int at, const struct nm_corpus_prep *p, size_t i)
{
	size_t start = i ? p->end[i - 1] : 0;
	sqlite3_bind_text(st, at, p->json.data ? p->json.data + start : "", (int)(p->end[i] - start),
			  SQLITE_STATIC);
}

/* The stored documents this one replaces (same key or same content hash), into c->rep. */
static enum nm_code put_find(struct nm_corpus *c, const char *key, const char *hash, struct nm_err *err)
{
	sqlite3_stmt *find;
	int rc;

	c->n_rep = 0;
	if (!(find = put_stmt(c, PUT_FIND, err)))
		return NM_EDB;
	sqlite3_bind_text(find, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(find, 2, hash, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(find)) == SQLITE_ROW) {
		if (c->n_rep == c->cap_rep) {
			c->cap_rep = c->cap_rep ? 2 * c->cap_rep : 8;
			c->rep = nm_xrealloc(c->rep, c->cap_rep * sizeof(*c->rep));
		}
		c->rep[c->n_rep++] = sqlite3_column_int64(find, 0);
	}
	sqlite3_reset(find);
	if (rc != SQLITE_DONE)
		return nm_corpus_sqlerr(c, err, "find stored document");
	return NM_OK;
}

/* Delete the documents found by put_find(), inside the savepoint. */
static enum nm_code put_replace(struct nm_corpus *c, struct nm_err *err)
{
	sqlite3_stmt *st;
	enum nm_code code;

	for (size_t i = 0; i < c->n_rep; i++) {
		/* its search rows (if indexed yet) go at the end of the batch */
		if (c->n_del == c->cap_del) {
			c->cap_del = c->cap_del ? 2 * c->cap_del : 16;
			c->fts_del = nm_xrealloc(c->fts_del, c->cap_del * sizeof(*c->fts_del));
		}
		c->fts_del[c->n_del++] = c->rep[i];
		if (!(st = put_stmt(c, PUT_DEL_DOC, err)))
			return NM_EDB;
		sqlite3_bind_int64(st, 1, c->rep[i]);
		if ((code = step_done(c, st, err, "replace document")))
			return code;
	}
	return NM_OK;
}

/* Bind mention m (the i-th of document id) to parameters at + 1 .. at + MENTION_NCOL. */
static void bind_mention(sqlite3_stmt *st, int at, int64_t id, size_t i, const struct nm_mention *m)
{
	sqlite3_bind_int64(st, at + 1, id);
	sqlite3_bind_int64(st, at + 2, (int64_t)i);
	sqlite3_bind_text(st, at + 3, nm_mention_kind_name(m->kind), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, at + 4, (int64_t)m->span.start);
	sqlite3_bind_int64(st, at + 5, (int64_t)m->span.end);
	nm_corpus_bind_num(st, at + 6, m->value);
	nm_corpus_bind_num(st, at + 7, m->low);
	nm_corpus_bind_num(st, at + 8, m->high);
	nm_corpus_bind_text(st, at + 9, m->currency);
	nm_corpus_bind_text(st, at + 10, m->asset);
	nm_corpus_bind_text(st, at + 11, m->role);
	nm_corpus_bind_text(st, at + 12, nm_qualifier_name(m->qualifier));
	nm_corpus_bind_num(st, at + 13, m->confidence);
}

static enum nm_code put_doc(struct nm_corpus *c, const struct nm_doc *doc, const struct nm_corpus_prep *prep,
			    struct nm_err *err)
{
	sqlite3_stmt *st;
	char key_buf[32], *host = NULL;
	const char *key, *ident = doc->canonical_url ? doc->canonical_url : doc->url;
	int64_t id, published_at = 0;
	/* a month ("2025-11") is too coarse to order or place an event: keep the text only */
	bool has_published = doc->published && strlen(doc->published) >= 10 &&
			     nm_corpus_time(doc->published, false, &published_at);
	enum nm_code code;

	if (ident && *ident) {
		key = ident;
	} else {
		snprintf(key_buf, sizeof(key_buf), "hash:%s", doc->content_hash);
		key = key_buf;
	}
	if (ident && *ident && nm_url_host(ident, &host, NULL) == NM_OK && !strncmp(host, "www.", 4))
		memmove(host, host + 4, strlen(host + 4) + 1);
	if (!host && doc->site && *doc->site)
		host = nm_xstrdup(doc->site);

	if ((code = put_find(c, key, doc->content_hash, err)))
		goto out;
	if (c->n_rep) {
		/* replacing: a savepoint, so that a failure gives the replaced documents back */
		if (!(st = put_stmt(c, PUT_SAVEPOINT, err)) || (code = step_done(c, st, err, "savepoint"))) {
			code = NM_EDB;
			goto out;
		}
		c->in_sp = true;
		if ((code = put_replace(c, err)))
			goto out;
	}

	if (!(st = put_stmt(c, PUT_DOC, err))) {
		code = NM_EDB;
		goto out;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, doc->content_hash, -1, SQLITE_STATIC);
	nm_corpus_bind_text(st, 3, doc->url);
	nm_corpus_bind_text(st, 4, doc->canonical_url);
	nm_corpus_bind_text(st, 5, doc->source);
	nm_corpus_bind_text(st, 6, host);
	nm_corpus_bind_text(st, 7, doc->title);
	nm_corpus_bind_text(st, 8, doc->published);
	if (has_published)
		sqlite3_bind_int64(st, 9, published_at);
	nm_corpus_bind_text(st, 10, doc->author);
	nm_corpus_bind_text(st, 11, doc->site);
	nm_corpus_bind_text(st, 12, doc->language);
	if (doc->fetched_at)
		sqlite3_bind_int64(st, 13, doc->fetched_at);
	sqlite3_bind_int64(st, 14, (int64_t)time(NULL));
	sqlite3_bind_text(st, 15, doc->text ? doc->text : "", doc->text ? (int)doc->text_len : 0,
			  SQLITE_STATIC);
	if ((code = step_done(c, st, err, "store document")))
		goto out;
	c->new_id = id = sqlite3_last_insert_rowid(c->db);

	for (size_t i = 0; i < doc->n_mentions;) {
		size_t left = doc->n_mentions - i;
		size_t rows = left >= NM_PUT_MENTION_ROWS ? NM_PUT_MENTION_ROWS : left >= 4 ? 4 : left >= 2 ? 2 : 1;
		if (!(st = put_stmt(c, rows == NM_PUT_MENTION_ROWS ? PUT_MENTIONS : rows == 4 ? PUT_MENTIONS4 :
				       rows == 2 ? PUT_MENTIONS2 : PUT_MENTION, err))) {
			code = NM_EDB;
			goto out;
		}
		for (size_t r = 0; r < rows; r++, i++)
			bind_mention(st, (int)r * MENTION_NCOL, id, i, &doc->mentions[i]);
		if ((code = step_done(c, st, err, "store mention")))
			goto out;
	}

	for (size_t i = 0; i < doc->n_events; i++) {
		struct nm_event e = doc->events[i];
		if (!e.id[0])
			nm_event_set_id(&e, doc);
		if (!(st = put_stmt(c, PUT_EVENT, err))) {
			code = NM_EDB;
			goto out;
		}
		bind_prep(st, 16, prep, i);
		sqlite3_bind_text(st, 1, e.id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, id);
		sqlite3_bind_int64(st, 3, (int64_t)i);
		sqlite3_bind_text(st, 4, e.type, -1, SQLITE_STATIC);
		nm_corpus_bind_text(st, 5, e.asset);
		sqlite3_bind_text(st, 6, nm_modality_name(e.modality), -1, SQLITE_STATIC);
		sqlite3_bind_double(st, 7, isnan(e.confidence) ? 0 : e.confidence);
		if (has_published)
			sqlite3_bind_int64(st, 8, published_at);
		nm_corpus_bind_text(st, 9, host);
		nm_corpus_bind_num(st, 10, e.figures.total_usd);
		nm_corpus_bind_num(st, 11, e.figures.level);
		nm_corpus_bind_num(st, 12, e.figures.low);
		nm_corpus_bind_num(st, 13, e.figures.high);
		nm_corpus_bind_num(st, 14, e.figures.window_seconds);
		nm_corpus_bind_text(st, 15, e.figures.side);
		if ((code = step_done(c, st, err, "store event")))
			goto out;
		if (sqlite3_changes(c->db) == 0)
			nm_log(NM_LOG_DEBUG, "%s: event %s stored once (same type and asset twice)",
			       doc->source ? doc->source : key, e.id);
	}

	for (size_t i = 0; i < doc->n_checks; i++) {
		const struct nm_check *k = &doc->checks[i];
		if (!(st = put_stmt(c, PUT_CHECK, err))) {
			code = NM_EDB;
			goto out;
		}
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		sqlite3_bind_text(st, 3, nm_check_kind_name(k->kind), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, nm_verdict_name(k->verdict), -1, SQLITE_STATIC);
		nm_corpus_bind_text(st, 5, k->asset);
		nm_corpus_bind_text(st, 6, k->quantity);
		nm_corpus_bind_num(st, 7, k->values[0]);
		nm_corpus_bind_num(st, 8, k->values[1]);
		nm_corpus_bind_text(st, 9, k->event_id);
		bind_prep(st, 10, prep, doc->n_events + i);
		if ((code = step_done(c, st, err, "store check")))
			goto out;
	}
out:
	free(host);
	return code;
}

/* Take back what a failed put_doc() stored: the savepoint when it replaced documents,
 * else its new document row (its mentions, events and checks go with it, ON DELETE
 * CASCADE). Only when that fails too, the whole open batch. */
static void put_undo(struct nm_corpus *c, size_t n_del)
{
	bool ok = !sqlite3_get_autocommit(c->db); /* an I/O error may have ended the transaction */

	if (ok && c->in_sp) {
		ok = sqlite3_exec(c->db, "ROLLBACK TO doc; RELEASE doc", NULL, NULL, NULL) == SQLITE_OK;
	} else if (ok && c->new_id) {
		sqlite3_stmt *st = NULL;
		struct nm_err e2 = {0};
		ok = (st = put_stmt(c, PUT_DEL_DOC, &e2)) != NULL;
		if (ok) {
			sqlite3_bind_int64(st, 1, c->new_id);
			ok = step_done(c, st, &e2, "undo document") == NM_OK;
		}
	}
	c->n_del = n_del;
	if (!ok || c->pending == 0) {
		if (!sqlite3_get_autocommit(c->db))
			sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		if (c->pending)
			nm_log(NM_LOG_ERROR, "%s: the %u documents of the open batch are lost", c->path, c->pending);
		c->in_tx = false;
		c->pending = 0;
		c->n_del = 0;
	}
}

enum nm_code nm_corpus_put(struct nm_corpus *c, const struct nm_doc *doc, struct nm_err *err)
{
	return nm_corpus_put_prepared(c, doc, NULL, err);
}

enum nm_code nm_corpus_put_prepared(struct nm_corpus *c, const struct nm_doc *doc,
				    const struct nm_corpus_prep *prep, struct nm_err *err)
{
	size_t n_del;
	sqlite3_stmt *st;
	enum nm_code code;
	int rc;

	if (!prep) {
		if ((code = encode_into(&c->prep, doc)))
			return nm_err_set(err, code, "record too large to store");
		prep = &c->prep;
	}
	if (prep->n != doc->n_events + doc->n_checks)
		NM_BUG("prepared records of another document");
	if (!c->in_tx) {
		if ((rc = sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
			return nm_corpus_sqlerr(c, err, "begin");
		c->in_tx = true;
		c->pending = 0;
		c->tx_ms = nm_mono_us() / 1000;
	}
	/* No savepoint unless this document replaces stored ones (it copies every page the
	 * document touches, ~15% of a put): a new document is undone by deleting its row. */
	n_del = c->n_del;
	c->in_sp = false;
	c->new_id = 0;
	if ((code = put_doc(c, doc, prep, err))) {
		/* all or nothing for this document; the batch's earlier documents stay */
		put_undo(c, n_del);
		return code;
	}
	if (c->in_sp && (!(st = put_stmt(c, PUT_RELEASE, err)) || (code = step_done(c, st, err, "release")))) {
		put_undo(c, n_del);
		return NM_EDB;
	}
	c->in_sp = false;
	if (++c->pending >= c->batch || (c->batch > 1 && nm_mono_us() / 1000 - c->tx_ms >= NM_CORPUS_BATCH_MS))
		return nm_corpus_commit(c, err);
	return NM_OK;
}
