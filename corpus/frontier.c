/*
 * corpus/frontier.c — the crawler's frontier store (crawler/crawler.h) in the corpus
 * database: tables frontier (one row per canonical URL), hosts (robots.txt cache) and
 * frontier_attempts (every attempt, for "why was this skipped/failed?").
 *
 * Every call is atomic (a savepoint: its own transaction, or part of the corpus's open
 * batch when there is one, so that a page and its frontier row commit together). A
 * kill -9 loses at most the uncommitted work, which is fetched again: leases are
 * requeued by recover(). The queue lives on disk: RAM does not grow with it.
 *
 * A crawl writes tens of megabytes of WAL; checkpointing all of it when the corpus is
 * closed held the process up for a second after the last page. While the store is open
 * a thread of its own, on a connection of its own, runs a PASSIVE checkpoint twice a
 * second instead (it never blocks the crawl's writes; SQLite keeps it crash-safe), so
 * the close has little left to copy and sync.
 */
#include "corpus/corpus_int.h"
#include "crawler/crawler.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
	S_ADD, S_LEASE, S_LEASE_MARK, S_NEXT_DUE, S_FINISH, S_RETRY, S_ATTEMPT, S_HOST_GET,
	S_HOST_PUT, S_COUNT, S_REQUEUE, S_SAVEPOINT, S_RELEASE, S_UNATTEMPT, N_STMT
};

static const char *const sql[N_STMT] = {
	[S_ADD] = "INSERT OR IGNORE INTO frontier(url_key, url, host, kind, source, depth, prio, "
		  "next_at, lastmod) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_LEASE] = "SELECT id, url, url_key, kind, depth, attempts, etag, last_modified FROM frontier "
		    "WHERE host = ?1 AND state = 0 AND next_at <= ?2 ORDER BY prio, id LIMIT 1",
	[S_LEASE_MARK] = "UPDATE frontier SET state = 1 WHERE id = ?1",
	[S_NEXT_DUE] = "SELECT min(next_at) FROM frontier WHERE host = ?1 AND state = 0",
	[S_FINISH] = "UPDATE frontier SET state = ?2, attempts = attempts + 1, status = ?3, error = ?4, "
		     "fetched_at = ?5, final_url = coalesce(?6, final_url), etag = coalesce(?7, etag), "
		     "last_modified = coalesce(?8, last_modified), "
		     "content_hash = coalesce(?9, content_hash) WHERE id = ?1",
	[S_RETRY] = "UPDATE frontier SET state = 0, attempts = attempts + 1, next_at = ?2, status = ?3, "
		    "error = ?4 WHERE id = ?1",
	[S_ATTEMPT] = "INSERT INTO frontier_attempts(url_id, at, ms, status, error, bytes, final_url) "
		      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[S_HOST_GET] = "SELECT robots, robots_status, robots_expires, failures FROM hosts WHERE host = ?1",
	[S_HOST_PUT] = "INSERT INTO hosts(host, robots, robots_status, robots_expires, failures) "
		       "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(host) DO UPDATE SET robots = ?2, "
		       "robots_status = ?3, robots_expires = ?4, failures = ?5",
	[S_COUNT] = "SELECT count(*) FROM frontier WHERE state = ?1",
	[S_REQUEUE] = "UPDATE frontier SET state = 0, next_at = 0, attempts = 0, prio = min(prio, ?2) "
		      "WHERE url_key = ?1 AND state <> 1",
	/* prepared once: parsing them on every call cost more than the calls' work */
	[S_SAVEPOINT] = "SAVEPOINT frontier",
	[S_RELEASE] = "RELEASE frontier",
	[S_UNATTEMPT] = "DELETE FROM frontier_attempts WHERE id = ?1",
};

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS frontier ("
	" id INTEGER PRIMARY KEY,"
	" url_key TEXT NOT NULL UNIQUE,"       /* canonical form: the dedup key */
	" url TEXT NOT NULL,"                  /* as discovered */
	" host TEXT NOT NULL,"                 /* origin scheme://host[:port] */
	" kind INTEGER NOT NULL,"              /* enum nm_kind */
	" source TEXT,"                        /* seed, feed, sitemap, link, robots */
	" depth INTEGER NOT NULL DEFAULT 0,"
	" prio INTEGER NOT NULL DEFAULT 0,"    /* lease order: sources first, then by depth */
	" state INTEGER NOT NULL DEFAULT 0,"   /* enum nm_url_state */
	" attempts INTEGER NOT NULL DEFAULT 0,"
	" next_at INTEGER NOT NULL DEFAULT 0," /* ms since the epoch */
	" lastmod INTEGER,"                    /* s, from the feed/sitemap */
	" status INTEGER, error TEXT, fetched_at INTEGER, final_url TEXT,"
	" etag TEXT, last_modified TEXT, content_hash TEXT);"
	"CREATE INDEX IF NOT EXISTS frontier_lease ON frontier(host, state, prio, id);"
	"CREATE INDEX IF NOT EXISTS frontier_hash ON frontier(content_hash) WHERE content_hash IS NOT NULL;"
	"CREATE TABLE IF NOT EXISTS hosts ("
	" host TEXT PRIMARY KEY,"
	" robots BLOB,"                        /* robots.txt body, NULL = none */
	" robots_status INTEGER,"
	" robots_expires INTEGER,"             /* ms since the epoch */
	" crawl_delay REAL, next_at INTEGER,"
	" failures INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE IF NOT EXISTS frontier_attempts ("
	" id INTEGER PRIMARY KEY,"
	" url_id INTEGER NOT NULL REFERENCES frontier(id) ON DELETE CASCADE,"
	" at INTEGER, ms INTEGER, status INTEGER, error TEXT, bytes INTEGER, final_url TEXT);"
	"CREATE INDEX IF NOT EXISTS frontier_attempts_url ON frontier_attempts(url_id);";

/* The background checkpointer. */
struct ckpt {
	sqlite3 *db;       /* its own connection to the corpus file */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool quit;
};

struct store {
	struct nm_corpus *c;
	sqlite3 *db;
	sqlite3_stmt *st[N_STMT];
	struct ckpt *ckpt; /* NULL when not running (not WAL, no file, no thread) */
};

#define CKPT_EVERY_MS 500

static void *ckpt_main(void *arg)
{
	struct ckpt *k = arg;

	pthread_mutex_lock(&k->mu);
	while (!k->quit) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += (long)CKPT_EVERY_MS * 1000000L;
		ts.tv_sec += ts.tv_nsec / 1000000000L;
		ts.tv_nsec %= 1000000000L;
		if (pthread_cond_timedwait(&k->cv, &k->mu, &ts) != ETIMEDOUT || k->quit)
			continue;
		pthread_mutex_unlock(&k->mu);
		/* copies what no reader still needs; a busy or failed one is tried again */
		sqlite3_wal_checkpoint_v2(k->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&k->mu);
	}
	pthread_mutex_unlock(&k->mu);
	return NULL;
}

/* Start the checkpointer when the corpus is a WAL file; quietly none otherwise. */
static void ckpt_start(struct store *s)
{
	const char *path = sqlite3_db_filename(s->db, "main");
	sqlite3_stmt *st = NULL;
	bool wal = false;
	struct ckpt *k;

	if (!path || !*path)
		return;
	if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		wal = !nm_strcasecmp((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	if (!wal)
		return;
	k = nm_xcalloc(1, sizeof(*k));
	if (sqlite3_open_v2(path, &k->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sqlite3_close(k->db);
		free(k);
		return;
	}
	/* a connection only knows the file is WAL once it has read it */
	sqlite3_busy_timeout(k->db, 1000);
	if (sqlite3_exec(k->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_close(k->db);
		free(k);
		return;
	}
	pthread_mutex_init(&k->mu, NULL);
	pthread_cond_init(&k->cv, NULL);
	if (pthread_create(&k->thread, NULL, ckpt_main, k)) {
		pthread_cond_destroy(&k->cv);
		pthread_mutex_destroy(&k->mu);
		sqlite3_close(k->db);
		free(k);
		return;
	}
	s->ckpt = k;
}

static void ckpt_stop(struct store *s)
{
	struct ckpt *k = s->ckpt;
	if (!k)
		return;
	pthread_mutex_lock(&k->mu);
	k->quit = true;
	pthread_cond_signal(&k->cv);
	pthread_mutex_unlock(&k->mu);
	pthread_join(k->thread, NULL);
	pthread_cond_destroy(&k->cv);
	pthread_mutex_destroy(&k->mu);
	sqlite3_close(k->db);
	free(k);
	s->ckpt = NULL;
}

static enum nm_code dberr(struct store *s, struct nm_err *err, const char *what)
{
	return nm_err_set(err, NM_EDB, "frontier: %s: %s", what, sqlite3_errmsg(s->db));
}

/* A cached statement, reset and unbound. A statement left on a row keeps its read
 * snapshot open, and with it every WAL frame since (no checkpoint can pass it): every
 * call resets what it stepped before returning. */
static sqlite3_stmt *stmt(struct store *s, int i, struct nm_err *err)
{
	if (!s->st[i] && sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL)) {
		dberr(s, err, "prepare");
		return NULL;
	}
	sqlite3_reset(s->st[i]);
	sqlite3_clear_bindings(s->st[i]);
	return s->st[i];
}

static enum nm_code exec(struct store *s, const char *q, struct nm_err *err)
{
	if (sqlite3_exec(s->db, q, NULL, NULL, NULL))
		return dberr(s, err, q);
	return NM_OK;
}

/* Open / release the call's savepoint. */
static enum nm_code sp_run(struct store *s, int which, struct nm_err *err)
{
	sqlite3_stmt *st = stmt(s, which, err);
	if (!st)
		return NM_EDB;
	if (sqlite3_step(st) != SQLITE_DONE)
		return dberr(s, err, which == S_SAVEPOINT ? "savepoint" : "release");
	sqlite3_reset(st);
	return NM_OK;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static int prio_of(enum nm_kind kind, int depth)
{
	int d = depth < 0 ? 0 : depth > 999 ? 999 : depth;
	return (kind == NM_KIND_PAGE ? 1000 : 0) + d;
}

static enum nm_code add_one(struct store *s, const struct nm_frontier_add *u, bool *added,
			    struct nm_err *err)
{
	sqlite3_stmt *st = stmt(s, S_ADD, err);
	if (!st)
		return NM_EDB;
	bind_text(st, 1, u->key);
	bind_text(st, 2, u->url);
	bind_text(st, 3, u->host);
	sqlite3_bind_int(st, 4, (int)u->kind);
	bind_text(st, 5, u->source);
	sqlite3_bind_int(st, 6, u->depth);
	sqlite3_bind_int(st, 7, prio_of(u->kind, u->depth));
	sqlite3_bind_int64(st, 8, u->next_at);
	if (u->lastmod)
		sqlite3_bind_int64(st, 9, u->lastmod);
	if (sqlite3_step(st) != SQLITE_DONE)
		return dberr(s, err, "add");
	*added = sqlite3_changes(s->db) > 0;
	if (!*added && u->requeue) {
		if (!(st = stmt(s, S_REQUEUE, err)))
			return NM_EDB;
		bind_text(st, 1, u->key);
		sqlite3_bind_int(st, 2, prio_of(u->kind, u->depth));
		if (sqlite3_step(st) != SQLITE_DONE)
			return dberr(s, err, "requeue");
	}
	return NM_OK;
}

static enum nm_code f_add_many(void *ctx, const struct nm_frontier_add *u, size_t n, size_t *added,
			       struct nm_err *err)
{
	struct store *s = ctx;
	enum nm_code rc;
	size_t count = 0;

	/* one plain INSERT OR IGNORE is atomic by itself: no savepoint (the common case, a
	 * page's one new link) */
	if (n == 1 && !u->requeue) {
		bool a = false;
		if ((rc = add_one(s, u, &a, err)))
			return rc;
		if (added)
			*added = a;
		return NM_OK;
	}
	if ((rc = sp_run(s, S_SAVEPOINT, err)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		bool a = false;
		if ((rc = add_one(s, &u[i], &a, err))) {
			exec(s, "ROLLBACK TO frontier; RELEASE frontier", NULL);
			return rc;
		}
		count += a;
	}
	if ((rc = sp_run(s, S_RELEASE, err))) {
		exec(s, "ROLLBACK TO frontier; RELEASE frontier", NULL);
		return rc;
	}
	if (added)
		*added = count;
	return NM_OK;
}

static enum nm_code f_add(void *ctx, const struct nm_frontier_add *u, bool *added, struct nm_err *err)
{
	struct store *s = ctx;
	bool a = false;
	enum nm_code rc = add_one(s, u, &a, err);
	if (!rc && added)
		*added = a;
	return rc;
}

static enum nm_code f_recover(void *ctx, struct nm_err *err)
{
	return exec(ctx, "UPDATE frontier SET state = 0 WHERE state = 1", err);
}

static enum nm_code f_hosts(void *ctx, int (*cb)(const char *host, int64_t next_at, void *arg),
			    void *arg, struct nm_err *err)
{
	struct store *s = ctx;
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db,
			       "SELECT host, min(next_at) FROM frontier WHERE state = 0 GROUP BY host",
			       -1, &st, NULL))
		return dberr(s, err, "hosts");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (cb((const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1), arg))
			break;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(s, err, "hosts");
	return NM_OK;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? nm_xstrdup((const char *)t) : NULL;
}

static enum nm_code f_lease(void *ctx, const char *host, int64_t now, struct nm_frontier_entry *out,
			    bool *found, int64_t *next_at, struct nm_err *err)
{
	struct store *s = ctx;
	sqlite3_stmt *st = stmt(s, S_LEASE, err);
	struct nm_frontier_entry e = {0};
	int rc;

	*found = false;
	if (!st)
		return NM_EDB;
	bind_text(st, 1, host);
	sqlite3_bind_int64(st, 2, now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		e.id = sqlite3_column_int64(st, 0);
		e.url = col_dup(st, 1);
		e.key = col_dup(st, 2);
		e.kind = (enum nm_kind)sqlite3_column_int(st, 3);
		e.depth = sqlite3_column_int(st, 4);
		e.attempts = sqlite3_column_int(st, 5);
		e.etag = col_dup(st, 6);
		e.last_modified = col_dup(st, 7);
		e.host = nm_xstrdup(host);
		sqlite3_reset(st);
		if (!(st = stmt(s, S_LEASE_MARK, err))) {
			nm_frontier_entry_release(&e);
			return NM_EDB;
		}
		sqlite3_bind_int64(st, 1, e.id);
		if (sqlite3_step(st) != SQLITE_DONE) {
			nm_frontier_entry_release(&e);
			return dberr(s, err, "lease");
		}
		*out = e;
		*found = true;
		return NM_OK;
	}
	if (rc != SQLITE_DONE)
		return dberr(s, err, "lease");
	if (next_at) {
		if (!(st = stmt(s, S_NEXT_DUE, err)))
			return NM_EDB;
		bind_text(st, 1, host);
		*next_at = 0;
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
			*next_at = sqlite3_column_int64(st, 0);
		if (*next_at == 0 && sqlite3_column_type(st, 0) != SQLITE_NULL)
			*next_at = 1;
		sqlite3_reset(st);
	}
	return NM_OK;
}

static enum nm_code log_attempt(struct store *s, int64_t id, const struct nm_attempt *a,
				struct nm_err *err)
{
	sqlite3_stmt *st = stmt(s, S_ATTEMPT, err);
	if (!st)
		return NM_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, a->at);
	sqlite3_bind_int64(st, 3, a->ms);
	sqlite3_bind_int(st, 4, a->status);
	bind_text(st, 5, a->error);
	sqlite3_bind_int64(st, 6, a->bytes);
	bind_text(st, 7, a->final_url);
	if (sqlite3_step(st) != SQLITE_DONE)
		return dberr(s, err, "attempt");
	return NM_OK;
}

/*
 * A fetch's attempt row, then its frontier row updated by st (bound, not stepped yet):
 * both or neither. Inside an open transaction (the crawl's batch) without a savepoint,
 * which would copy every page the two statements touch into a sub-journal: a failed
 * update (SQLite undoes the statement itself) deletes the attempt row again, and only
 * when that fails too is the whole batch rolled back. Outside a transaction, under a
 * savepoint, so that a crash keeps both or neither.
 */
static enum nm_code attempt_and_update(struct store *s, int64_t id, const struct nm_attempt *a,
				       sqlite3_stmt *st, const char *what, struct nm_err *err)
{
	sqlite3_stmt *del;
	int64_t row;
	enum nm_code rc;

	if (sqlite3_get_autocommit(s->db)) {
		if ((rc = sp_run(s, S_SAVEPOINT, err)))
			return rc;
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = dberr(s, err, what);
			goto fail;
		}
		if ((rc = log_attempt(s, id, a, err)) || (rc = sp_run(s, S_RELEASE, err)))
			goto fail;
		return NM_OK;
fail:
		exec(s, "ROLLBACK TO frontier; RELEASE frontier", NULL);
		return rc;
	}
	if ((rc = log_attempt(s, id, a, err))) {
		/* the insert undid itself, unless an I/O error ended the transaction */
		if (sqlite3_get_autocommit(s->db))
			nm_corpus_abort(s->c);
		return rc;
	}
	row = sqlite3_last_insert_rowid(s->db);
	if (sqlite3_step(st) == SQLITE_DONE)
		return NM_OK;
	rc = dberr(s, err, what);
	sqlite3_reset(st);
	if (!sqlite3_get_autocommit(s->db) && (del = stmt(s, S_UNATTEMPT, NULL))) {
		sqlite3_bind_int64(del, 1, row);
		if (sqlite3_step(del) == SQLITE_DONE)
			return rc;
	}
	nm_corpus_abort(s->c);
	return rc;
}

static enum nm_code f_finish(void *ctx, int64_t id, enum nm_url_state state, const struct nm_attempt *a,
			     struct nm_err *err)
{
	struct store *s = ctx;
	sqlite3_stmt *st;

	if (!(st = stmt(s, S_FINISH, err)))
		return NM_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, (int)state);
	sqlite3_bind_int(st, 3, a->status);
	bind_text(st, 4, a->error);
	sqlite3_bind_int64(st, 5, a->at / 1000);
	bind_text(st, 6, a->final_url);
	bind_text(st, 7, a->etag);
	bind_text(st, 8, a->last_modified);
	bind_text(st, 9, a->content_hash);
	return attempt_and_update(s, id, a, st, "finish", err);
}

static enum nm_code f_retry(void *ctx, int64_t id, int64_t next_at, const struct nm_attempt *a,
			    struct nm_err *err)
{
	struct store *s = ctx;
	sqlite3_stmt *st;

	if (!(st = stmt(s, S_RETRY, err)))
		return NM_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, next_at);
	sqlite3_bind_int(st, 3, a->status);
	bind_text(st, 4, a->error);
	return attempt_and_update(s, id, a, st, "retry", err);
}

static enum nm_code f_host_get(void *ctx, const char *host, struct nm_host_info *out, char **robots,
			       bool *found, struct nm_err *err)
{
	struct store *s = ctx;
	sqlite3_stmt *st = stmt(s, S_HOST_GET, err);
	int rc;

	*found = false;
	*robots = NULL;
	if (!st)
		return NM_EDB;
	bind_text(st, 1, host);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const void *b = sqlite3_column_blob(st, 0);
		int n = sqlite3_column_bytes(st, 0);
		memset(out, 0, sizeof(*out));
		if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
			*robots = nm_xmalloc((size_t)n + 1);
			if (n)
				memcpy(*robots, b, (size_t)n);
			(*robots)[n] = '\0';
			out->robots = *robots;
			out->robots_len = (size_t)n;
		}
		out->host = host;
		out->robots_status = sqlite3_column_int(st, 1);
		out->robots_expires = sqlite3_column_int64(st, 2);
		out->failures = sqlite3_column_int(st, 3);
		*found = true;
		sqlite3_reset(st);
		return NM_OK;
	}
	return rc == SQLITE_DONE ? NM_OK : dberr(s, err, "host");
}

static enum nm_code f_host_put(void *ctx, const struct nm_host_info *h, struct nm_err *err)
{
	struct store *s = ctx;
	sqlite3_stmt *st = stmt(s, S_HOST_PUT, err);
	if (!st)
		return NM_EDB;
	bind_text(st, 1, h->host);
	if (h->robots)
		sqlite3_bind_blob(st, 2, h->robots, (int)h->robots_len, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, h->robots_status);
	sqlite3_bind_int64(st, 4, h->robots_expires);
	sqlite3_bind_int(st, 5, h->failures);
	if (sqlite3_step(st) != SQLITE_DONE)
		return dberr(s, err, "host");
	return NM_OK;
}

static enum nm_code f_count(void *ctx, enum nm_url_state state, int64_t *n, struct nm_err *err)
{
	struct store *s = ctx;
	sqlite3_stmt *st = stmt(s, S_COUNT, err);
	if (!st)
		return NM_EDB;
	sqlite3_bind_int(st, 1, (int)state);
	if (sqlite3_step(st) != SQLITE_ROW)
		return dberr(s, err, "count");
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return NM_OK;
}

static enum nm_code migrate(struct store *s, struct nm_err *err)
{
	enum nm_code rc;
	if ((rc = exec(s, "SAVEPOINT frontier", err)))
		return rc;
	if ((rc = exec(s, schema, err))) {
		exec(s, "ROLLBACK TO frontier; RELEASE frontier", NULL);
		return rc;
	}
	return exec(s, "RELEASE frontier", err);
}

static void f_release(void *ctx)
{
	struct store *s = ctx;
	if (!s)
		return;
	ckpt_stop(s);
	for (int i = 0; i < N_STMT; i++)
		sqlite3_finalize(s->st[i]);
	free(s);
}

enum nm_code nm_corpus_frontier(struct nm_corpus *c, struct nm_frontier_store *out, struct nm_err *err)
{
	struct store *s = nm_xcalloc(1, sizeof(*s));
	enum nm_code rc;

	s->c = c;
	s->db = nm_corpus_db(c);
	if ((rc = migrate(s, err))) {
		free(s);
		return rc;
	}
	memset(out, 0, sizeof(*out));
	out->ctx = s;
	out->add = f_add;
	out->add_many = f_add_many;
	out->recover = f_recover;
	out->hosts = f_hosts;
	out->lease = f_lease;
	out->finish = f_finish;
	out->retry = f_retry;
	out->host_get = f_host_get;
	out->host_put = f_host_put;
	out->count = f_count;
	out->release = f_release;
	ckpt_start(s);
	return NM_OK;
}

