/* tests/unit/test_corpus.c — corpus/ through its public header: opening (and refusing)
 * files, storing handmade documents (replace, batches, all-or-nothing), event filters,
 * search, market import with its CSV errors, stories and the cross-checks. The
 * classifier is not used: every document here is built by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "corpus/corpus.h"
#include "crawler/crawler.h"

#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];
static char path[128];

static int setup(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/nm-test-corpus.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/c.db", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *name, const char *text)
{
	char p[200];
	FILE *f;
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const char *file(const char *name)
{
	static char p[4][200];
	static int i;
	i = (i + 1) % 4;
	snprintf(p[i], sizeof(p[i]), "%s/%s", dir, name);
	return p[i];
}

/* A fresh corpus file for one test. */
static struct nm_corpus *fresh(void)
{
	struct nm_corpus *c = NULL;
	struct nm_err err = {0};
	unlink(path);
	assert_int_equal(nm_corpus_open(path, &c, &err), NM_OK);
	return c;
}

/* A document with text, a deleveraging and a rejection event and one internal check. */
static struct nm_doc *make_doc(const char *url, const char *published, const char *text, double total,
			       double btc, double zone_lo, double zone_hi)
{
	struct nm_doc *doc = nm_doc_new(1 << 20);
	struct nm_mention m;
	struct nm_event e;
	struct nm_check k;
	const char *s;

	doc->source = "test";
	doc->url = url ? nm_arena_strdup(doc->arena, url) : NULL;
	doc->canonical_url = doc->url;
	doc->published = published ? nm_arena_strdup(doc->arena, published) : NULL;
	doc->title = nm_arena_strdup(doc->arena, "Liquidations shake the market");
	assert_int_equal(nm_doc_set_text(doc, text, strlen(text)), NM_OK);
	nm_mention_init(&m, NM_MENTION_MONEY, 0, 4);
	m.value = total;
	snprintf(m.currency, sizeof(m.currency), "USD");
	assert_int_equal(nm_doc_add_mention(doc, &m), NM_OK);
	assert_int_equal(nm_doc_add_sentence(doc, (struct nm_span){0, strcspn(text, ".") + 1}), NM_OK);
	if (strcspn(text, ".") + 2 < strlen(text))
		assert_int_equal(nm_doc_add_sentence(doc, (struct nm_span){strcspn(text, ".") + 2, strlen(text)}),
				 NM_OK);

	nm_event_init(&e, "deleveraging", NULL);
	e.confidence = 0.9;
	e.figures.total_usd = total;
	e.figures.window_seconds = 86400;
	snprintf(e.figures.side, sizeof(e.figures.side), "long");
	if (!isnan(btc)) {
		e.figures.per_asset = nm_arena_alloc(doc->arena, sizeof(*e.figures.per_asset));
		snprintf(e.figures.per_asset[0].asset, NM_TICKER_MAX, "BTC");
		e.figures.per_asset[0].usd = btc;
		e.figures.n_per_asset = 1;
	}
	e.evidence = nm_arena_alloc(doc->arena, sizeof(*e.evidence));
	e.evidence[0] = (struct nm_span){0, strcspn(text, ".") + 1};
	e.n_evidence = 1;
	nm_event_set_id(&e, doc);
	assert_int_equal(nm_doc_add_event(doc, &e), NM_OK);

	if (!isnan(zone_lo)) {
		nm_event_init(&e, "rejection", "BTC");
		e.confidence = 0.6;
		e.figures.low = zone_lo;
		e.figures.high = zone_hi;
		snprintf(e.figures.side, sizeof(e.figures.side), "resistance");
		if ((s = strstr(text, "rejected"))) {
			e.evidence = nm_arena_alloc(doc->arena, sizeof(*e.evidence));
			e.evidence[0] = (struct nm_span){(size_t)(s - text), strlen(text)};
			e.n_evidence = 1;
		}
		nm_event_set_id(&e, doc);
		assert_int_equal(nm_doc_add_event(doc, &e), NM_OK);
	}

	memset(&k, 0, sizeof(k));
	k.kind = NM_CHECK_INTERNAL;
	k.verdict = NM_VERDICT_CONTRADICTED;
	snprintf(k.asset, sizeof(k.asset), "BTC");
	snprintf(k.quantity, sizeof(k.quantity), "liquidations_usd");
	k.values[0] = 177e6;
	k.values[1] = 117e6;
	k.mentions[0] = k.mentions[1] = SIZE_MAX;
	assert_int_equal(nm_doc_add_check(doc, &k), NM_OK);
	return doc;
}

static void put(struct nm_corpus *c, struct nm_doc *doc)
{
	struct nm_err err = {0};
	enum nm_code rc = nm_corpus_put(c, doc, &err);
	if (rc)
		fail_msg("put: %s", err.msg);
	nm_doc_free(doc);
}

static json_int_t stat_of(struct nm_corpus *c, const char *key)
{
	json_t *o = NULL;
	json_int_t n;
	assert_int_equal(nm_corpus_stats(c, &o, NULL), NM_OK);
	n = json_integer_value(json_object_get(o, key));
	json_decref(o);
	return n;
}

static int collect(json_t *v, void *arg)
{
	json_array_append(arg, v);
	return 0;
}

static json_t *events(struct nm_corpus *c, const struct nm_event_query *q, enum nm_code want)
{
	json_t *a = json_array();
	struct nm_err err = {0};
	assert_int_equal(nm_corpus_events(c, q, collect, a, &err), want);
	return a;
}

static size_t count_events(struct nm_corpus *c, const struct nm_event_query *q)
{
	json_t *a = events(c, q, NM_OK);
	size_t n = json_array_size(a);
	json_decref(a);
	return n;
}

static const char text1[] = "Over $400 million was liquidated in 24 hours. BTC was rejected at $93,000.";

/* ------------------------------------------------------------------ open */

static void open_refuses_what_is_not_ours(void **state)
{
	struct nm_corpus *c = NULL;
	struct nm_err err = {0};
	sqlite3 *db;
	char p[200];

	/* a missing directory cannot hold a database */
	snprintf(p, sizeof(p), "%s/no/such/dir/x.db", dir);
	assert_int_equal(nm_corpus_open(p, &c, &err), NM_ECREATE);
	assert_null(c);
	assert_non_null(strstr(err.msg, "x.db"));
	/* a directory */
	assert_int_equal(nm_corpus_open(dir, &c, &err), NM_ECREATE);
	/* must exist */
	assert_int_equal(nm_corpus_open_ex(file("none.db"), NM_CORPUS_EXISTING, &c, &err), NM_ENOENT);
	assert_int_equal(access(file("none.db"), F_OK), -1);
	/* garbage bytes */
	write_file("garbage.db", "this is not a database at all, just text that is long enough "
				 "to fill a header of one hundred bytes or so ......................");
	assert_int_equal(nm_corpus_open(file("garbage.db"), &c, &err), NM_EDB);
	assert_non_null(strstr(err.msg, "not a newsmine database"));
	/* another program's SQLite file is left alone */
	assert_int_equal(sqlite3_open(file("other.db"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES(1)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(nm_corpus_open(file("other.db"), &c, &err), NM_EDB);
	assert_non_null(strstr(err.msg, "not a newsmine database"));
	/* an empty file is a new database */
	write_file("empty.db", "");
	assert_int_equal(nm_corpus_open(file("empty.db"), &c, &err), NM_OK);
	nm_corpus_close(c);
	nm_corpus_close(NULL);
}

static void open_migrates_and_refuses_newer(void **state)
{
	struct nm_corpus *c = fresh();
	sqlite3 *db;
	sqlite3_stmt *st;
	struct nm_err err = {0};

	nm_corpus_close(c);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), NM_CORPUS_SCHEMA_VERSION);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	/* reopening an up-to-date file changes nothing */
	sqlite3_close(db);
	assert_int_equal(nm_corpus_open(path, &c, &err), NM_OK);
	nm_corpus_close(c);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(nm_corpus_open(path, &c, &err), NM_EDB);
	assert_non_null(strstr(err.msg, "newer"));
}

/* ------------------------------------------------------------------ put */

static void put_stores_and_replaces(void **state)
{
	struct nm_corpus *c = fresh();
	struct nm_event_query q = {0};
	json_t *a, *ev;
	struct nm_doc *doc;
	char *want, *got;

	doc = make_doc("https://example.com/a", "2025-11-17T08:00:00Z", text1, 400e6, 117e6, 92000, 93000);
	/* what events prints is the analyze event plus the document's fields */
	ev = nm_event_json(doc, &doc->events[0]);
	json_object_set_new(ev, "url", json_string("https://example.com/a"));
	json_object_set_new(ev, "title", json_string("Liquidations shake the market"));
	json_object_set_new(ev, "published", json_string("2025-11-17T08:00:00Z"));
	json_object_set_new(ev, "source", json_string("example.com"));
	want = json_dumps(ev, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(ev);
	put(c, doc);
	assert_int_equal(stat_of(c, "documents"), 1);
	assert_int_equal(stat_of(c, "mentions"), 1);
	assert_int_equal(stat_of(c, "events"), 2);
	assert_int_equal(stat_of(c, "checks"), 1);
	a = events(c, &q, NM_OK);
	assert_int_equal(json_array_size(a), 2);
	got = json_dumps(json_array_get(a, 0), JSON_COMPACT | JSON_SORT_KEYS);
	assert_string_equal(got, want);
	free(got);
	free(want);
	json_decref(a);

	/* the same URL again: replaced, not doubled; the event ids stay */
	put(c, make_doc("https://example.com/a", "2025-11-17T08:00:00Z", "Changed text. $500 million.", 500e6,
			NAN, NAN, NAN));
	assert_int_equal(stat_of(c, "documents"), 1);
	assert_int_equal(stat_of(c, "events"), 1);
	/* the same text under another URL: replaced by content hash */
	put(c, make_doc("https://mirror.example.org/a", NULL, "Changed text. $500 million.", 500e6, NAN, NAN, NAN));
	assert_int_equal(stat_of(c, "documents"), 1);
	/* another document */
	put(c, make_doc(NULL, NULL, text1, 400e6, NAN, NAN, NAN));
	assert_int_equal(stat_of(c, "documents"), 2);
	nm_corpus_close(c);
}

static void put_failure_changes_nothing(void **state)
{
	struct nm_corpus *c = fresh();
	struct nm_err err = {0};
	struct nm_doc *doc;
	sqlite3 *db;

	put(c, make_doc("https://example.com/a", "2025-11-17", text1, 400e6, 117e6, 92000, 93000));
	nm_corpus_close(c);
	/* make the last step of storing a document (its checks) fail */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TRIGGER boom BEFORE INSERT ON checks BEGIN"
					  " SELECT RAISE(ABORT, 'injected failure'); END", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(nm_corpus_open(path, &c, &err), NM_OK);
	nm_corpus_set_batch(c, 4);
	doc = make_doc("https://example.com/a", "2025-11-18", "Other text. $1 billion.", 1e9, NAN, NAN, NAN);
	assert_int_equal(nm_corpus_put(c, doc, &err), NM_EDB);
	assert_non_null(strstr(err.msg, "injected failure"));
	nm_doc_free(doc);
	assert_int_equal(nm_corpus_commit(c, &err), NM_OK);
	/* the replaced document is still there, whole */
	assert_int_equal(stat_of(c, "documents"), 1);
	assert_int_equal(stat_of(c, "events"), 2);
	assert_int_equal(stat_of(c, "mentions"), 1);
	nm_corpus_close(c);
}

/* A new document (nothing replaced) that fails half stored leaves none of its rows, and
 * the documents stored before it in the same batch stay. */
static void put_failure_keeps_the_batch(void **state)
{
	struct nm_corpus *c = fresh();
	struct nm_err err = {0};
	struct nm_doc *doc;
	sqlite3 *db;

	nm_corpus_close(c);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TRIGGER boom BEFORE INSERT ON checks"
					  " WHEN (SELECT url FROM documents WHERE id = NEW.doc) LIKE '%/boom'"
					  " BEGIN SELECT RAISE(ABORT, 'injected failure'); END", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(nm_corpus_open(path, &c, &err), NM_OK);
	nm_corpus_set_batch(c, 8);
	put(c, make_doc("https://example.com/a", "2025-11-17", text1, 400e6, 117e6, 92000, 93000));
	doc = make_doc("https://example.com/boom", "2025-11-18", "Other text. $1 billion.", 1e9, NAN, NAN, NAN);
	assert_int_equal(nm_corpus_put(c, doc, &err), NM_EDB);
	assert_non_null(strstr(err.msg, "injected failure"));
	nm_doc_free(doc);
	put(c, make_doc("https://example.com/b", "2025-11-19", "Third text. $3 million.", 3e6, NAN, NAN, NAN));
	assert_int_equal(nm_corpus_commit(c, &err), NM_OK);
	assert_int_equal(stat_of(c, "documents"), 2);
	assert_int_equal(stat_of(c, "events"), 3);
	assert_int_equal(stat_of(c, "mentions"), 2);
	nm_corpus_close(c);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	{
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM documents WHERE url LIKE '%/boom'),"
						    " (SELECT count(*) FROM mentions WHERE doc NOT IN (SELECT id FROM documents)),"
						    " (SELECT count(*) FROM events WHERE doc NOT IN (SELECT id FROM documents))",
						    -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), 0);
		assert_int_equal(sqlite3_column_int(st, 1), 0);
		assert_int_equal(sqlite3_column_int(st, 2), 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
}

/* One integer from SQL on a fresh connection to the test's corpus file. */
static int64_t scalar(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* The events' and checks' JSON text of the test's corpus file, in order (heap). */
static char *stored_json(void)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *v;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT (SELECT group_concat(json, '|') FROM (SELECT json FROM events"
						" ORDER BY doc, ord)) || '#' || (SELECT group_concat(json, '|') FROM"
						" (SELECT json FROM checks ORDER BY doc, ord))", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_non_null(sqlite3_column_text(st, 0));
	v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* Records encoded ahead of the store give the same rows as nm_corpus_put(). */
static void put_prepared_stores_the_same(void **state)
{
	struct nm_corpus *c = fresh();
	struct nm_err err = {0};
	struct nm_doc *doc = make_doc("https://example.com/a", "2025-11-17", text1, 400e6, 117e6, 92000, 93000);
	struct nm_corpus_prep *prep = nm_corpus_encode(doc);
	char *a, *b;

	assert_non_null(prep);
	assert_int_equal(nm_corpus_put_prepared(c, doc, prep, &err), NM_OK);
	nm_corpus_prep_free(prep);
	nm_doc_free(doc);
	nm_corpus_close(c);
	a = stored_json();
	c = fresh();
	put(c, make_doc("https://example.com/a", "2025-11-17", text1, 400e6, 117e6, 92000, 93000));
	nm_corpus_close(c);
	b = stored_json();
	assert_non_null(strstr(a, "\"evidence\""));
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* A fetch's frontier update and attempt row go together, inside a batch (no savepoint)
 * and outside one: a failed update leaves no attempt row, and the batch's documents stay. */
static void frontier_finish_all_or_nothing(void **state)
{
	struct nm_corpus *c = fresh();
	struct nm_frontier_store fs = {0};
	struct nm_err err = {0};
	struct nm_frontier_entry e[2] = {{0}};
	struct nm_attempt ok = {.at = 1000, .ms = 5, .status = 200, .bytes = 10};
	struct nm_attempt bad = {.at = 1000, .ms = 5, .status = 500, .error = "boom"};
	const char *urls[2] = {"https://example.com/x", "https://example.com/y"};
	bool found;
	int64_t next;
	sqlite3 *db;

	assert_int_equal(nm_corpus_frontier(c, &fs, &err), NM_OK);
	for (int i = 0; i < 2; i++) {
		struct nm_frontier_add a = {.url = urls[i], .key = urls[i], .host = "https://example.com",
					    .kind = NM_KIND_PAGE, .source = "seed"};
		assert_int_equal(fs.add(fs.ctx, &a, NULL, &err), NM_OK);
	}
	for (int i = 0; i < 2; i++) {
		assert_int_equal(fs.lease(fs.ctx, "https://example.com", INT64_MAX / 2, &e[i], &found, &next, &err), NM_OK);
		assert_true(found);
	}
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TRIGGER boom BEFORE UPDATE ON frontier WHEN NEW.error = 'boom'"
					  " BEGIN SELECT RAISE(ABORT, 'injected failure'); END", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);

	nm_corpus_set_batch(c, 8);
	put(c, make_doc("https://example.com/a", "2025-11-17", text1, 400e6, 117e6, 92000, 93000));
	assert_int_equal(fs.finish(fs.ctx, e[0].id, NM_URL_DONE, &ok, &err), NM_OK);
	assert_int_equal(fs.finish(fs.ctx, e[1].id, NM_URL_FAILED, &bad, &err), NM_EDB);
	assert_non_null(strstr(err.msg, "injected failure"));
	assert_int_equal(fs.retry(fs.ctx, e[1].id, 5000, &bad, &err), NM_EDB);
	assert_int_equal(nm_corpus_commit(c, &err), NM_OK);
	/* outside a transaction */
	assert_int_equal(fs.finish(fs.ctx, e[1].id, NM_URL_FAILED, &bad, &err), NM_EDB);
	for (int i = 0; i < 2; i++)
		nm_frontier_entry_release(&e[i]);
	fs.release(fs.ctx);
	nm_corpus_close(c);
	assert_int_equal(scalar("SELECT count(*) FROM documents"), 1);
	assert_int_equal(scalar("SELECT count(*) FROM frontier_attempts"), 1);
	assert_int_equal(scalar("SELECT count(*) FROM frontier_attempts a JOIN frontier f ON f.id = a.url_id"
				" WHERE f.url LIKE '%/x' AND f.state = 2 AND a.status = 200"), 1);
	assert_int_equal(scalar("SELECT state * 100 + attempts FROM frontier WHERE url LIKE '%/y'"), 100);
}

static void put_batches(void **state)
{
	struct nm_corpus *c = fresh(), *r = NULL;
	struct nm_err err = {0};
	char url[64];

	nm_corpus_set_batch(c, 3);
	for (int i = 0; i < 2; i++) {
		snprintf(url, sizeof(url), "https://example.com/%d", i);
		put(c, make_doc(url, NULL, i ? "One. $1 million." : "Two. $2 million.", 1e6, NAN, NAN, NAN));
	}
	/* another connection does not see an open batch */
	assert_int_equal(nm_corpus_open_ex(path, NM_CORPUS_EXISTING, &r, &err), NM_OK);
	assert_int_equal(stat_of(r, "documents"), 0);
	put(c, make_doc("https://example.com/2", NULL, "Three. $3 million.", 3e6, NAN, NAN, NAN));
	assert_int_equal(stat_of(r, "documents"), 3); /* the third put committed the batch */
	put(c, make_doc("https://example.com/3", NULL, "Four. $4 million.", 4e6, NAN, NAN, NAN));
	assert_int_equal(stat_of(r, "documents"), 3);
	assert_int_equal(nm_corpus_commit(c, &err), NM_OK);
	assert_int_equal(stat_of(r, "documents"), 4);
	assert_int_equal(nm_corpus_commit(c, &err), NM_OK); /* nothing pending */
	nm_corpus_close(r);
	nm_corpus_close(c);
}

/* ------------------------------------------------------------------ events */

static void events_filters(void **state)
{
	struct nm_corpus *c = fresh();
	struct nm_event_query q = {0};
	json_t *a;
	char since[17];

	put(c, make_doc("https://www.example.com/a", "2025-11-17T08:00:00Z", text1, 400e6, 117e6, 92000, 93000));
	put(c, make_doc("https://news.other.org/b", "2025-11-18", "Second story. $500 million liquidated.", 500e6,
			NAN, NAN, NAN));
	assert_int_equal(count_events(c, &q), 3);
	q.type = "rejection";
	assert_int_equal(count_events(c, &q), 1);
	q.type = NULL;
	q.asset = "btc";
	assert_int_equal(count_events(c, &q), 1);
	q.asset = "market";
	assert_int_equal(count_events(c, &q), 2);
	q.asset = NULL;
	q.source = "example.com";
	assert_int_equal(count_events(c, &q), 2);
	q.source = "other.org"; /* subdomains included */
	assert_int_equal(count_events(c, &q), 1);
	q.source = "her.org";
	assert_int_equal(count_events(c, &q), 0);
	q.source = NULL;
	q.until = "2025-11-17"; /* a bare date includes its day */
	assert_int_equal(count_events(c, &q), 2);
	q.until = NULL;
	q.since = "2025-11-18";
	assert_int_equal(count_events(c, &q), 1);
	/* polling: events stored after a given one */
	q.since = NULL;
	a = events(c, &q, NM_OK);
	snprintf(since, sizeof(since), "%s", json_string_value(json_object_get(json_array_get(a, 0), "id")));
	json_decref(a);
	q.since = since;
	assert_int_equal(count_events(c, &q), 2);
	q.since = NULL;
	q.min_confidence = 0.7;
	assert_int_equal(count_events(c, &q), 2);
	q.min_confidence = 0;
	q.modality = "reported";
	assert_int_equal(count_events(c, &q), 3);
	q.limit = 1;
	assert_int_equal(count_events(c, &q), 1);
	q.limit = 0;
	q.modality = "guessed";
	json_decref(events(c, &q, NM_EINVAL));
	q.modality = NULL;
	q.since = "yesterday";
	json_decref(events(c, &q, NM_EINVAL));
	q.since = "0123456789abcdef";
	json_decref(events(c, &q, NM_EINVAL));
	q.since = NULL;
	q.verdict = "maybe";
	json_decref(events(c, &q, NM_EINVAL));
	q.verdict = "contradicted";
	assert_int_equal(count_events(c, &q), 0); /* nothing checked yet */
	nm_corpus_close(c);
}

/* ------------------------------------------------------------------ search */

static int first_hit(json_t *h, void *arg)
{
	json_t **out = arg;
	if (!*out)
		*out = json_incref(h);
	return 0;
}

static size_t search_n(struct nm_corpus *c, const struct nm_search_query *q, enum nm_code want)
{
	json_t *a = json_array();
	size_t n;
	assert_int_equal(nm_corpus_search(c, q, collect, a, NULL), want);
	n = json_array_size(a);
	json_decref(a);
	return n;
}

static void search_finds_text_and_evidence(void **state)
{
	struct nm_corpus *c = fresh();
	struct nm_search_query q = {0};
	json_t *h = NULL;
	char big[1100];

	put(c, make_doc("https://example.com/a", "2025-11-17", text1, 400e6, 117e6, 92000, 93000));
	put(c, make_doc("https://example.com/b", "2025-03-01", "Quiet markets and calm traders. $1 million.", 1e6,
			NAN, NAN, NAN));
	q.match = "rejected";
	q.mark_open = "[";
	q.mark_close = "]";
	assert_int_equal(nm_corpus_search(c, &q, first_hit, &h, NULL), NM_OK);
	assert_non_null(h);
	assert_non_null(strstr(json_string_value(json_object_get(h, "snippet")), "[rejected]"));
	assert_string_equal(json_string_value(json_object_get(h, "url")), "https://example.com/a");
	json_decref(h);
	/* evidence rows name their event */
	q.match = "rejected";
	h = NULL;
	assert_int_equal(search_n(c, &q, NM_OK), 2); /* the text line and the evidence */
	/* not FTS syntax: searched as words */
	q.match = "$93,000";
	assert_true(search_n(c, &q, NM_OK) >= 1);
	q.match = "calm"; /* its sentence, and the same sentence as evidence */
	assert_int_equal(search_n(c, &q, NM_OK), 2);
	q.type = "rejection";
	assert_int_equal(search_n(c, &q, NM_OK), 0);
	q.type = NULL;
	q.since = "2025-11-01";
	assert_int_equal(search_n(c, &q, NM_OK), 0);
	q.since = "tomorrow";
	assert_int_equal(search_n(c, &q, NM_EINVAL), 0);
	q.since = NULL;
	q.match = "";
	assert_int_equal(search_n(c, &q, NM_EINVAL), 0);
	/* the query cap: 1024 bytes pass, 1025 do not */
	memset(big, 'a', sizeof(big));
	big[1024] = '\0';
	q.match = big;
	assert_int_equal(search_n(c, &q, NM_OK), 0);
	big[1024] = 'a';
	big[1025] = '\0';
	assert_int_equal(search_n(c, &q, NM_ETOOBIG), 0);
	/* replacing a document replaces its search rows */
	put(c, make_doc("https://example.com/b", "2025-03-01", "Stormy markets. $2 million.", 2e6, NAN, NAN, NAN));
	q.match = "calm";
	assert_int_equal(search_n(c, &q, NM_OK), 0);
	q.match = "stormy";
	assert_int_equal(search_n(c, &q, NM_OK), 2);
	nm_corpus_close(c);
}

/* ------------------------------------------------------------------ market */

static enum nm_code import(struct nm_corpus *c, enum nm_market_kind kind, const char *name, const char *csv,
			   const char *symbol, struct nm_err *err)
{
	struct nm_market_import imp = {.kind = kind, .path = file(name), .symbol = symbol};
	write_file(name, csv);
	return nm_market_import(c, &imp, NULL, err);
}

static void market_import_layouts_and_errors(void **state)
{
	struct nm_corpus *c = fresh();
	struct nm_err err = {0};

	/* Binance export: ms timestamps, symbol from the file name */
	assert_int_equal(import(c, NM_MARKET_CANDLES, "BTCUSDT-1h-2025-01.csv",
				"open_time,open,high,low,close,volume,close_time\n"
				"1735689600000,100,110,95,105,1,1735693199999\n"
				"1735693200000,105,106,101,102,2,1735696799999\n", NULL, &err), NM_OK);
	assert_int_equal(stat_of(c, "candles"), 2);
	/* ISO dates, quoted fields, CRLF, loose names, a symbol column with pairs */
	assert_int_equal(import(c, NM_MARKET_CANDLES, "daily.csv",
				"\"Date (UTC)\",Symbol,Open,High,Low,Close,\"Volume USD\"\r\n"
				"2025-01-01,ETH-USD,\"3,0\",4,2,3,\r\n"
				"2025-01-01,BTC-USD,1,2,1,2,5\r\n"
				"2025-01-02,ETH-USD,3,5,3,4,7\r\n", NULL, &err), NM_EPARSE);
	assert_non_null(strstr(err.msg, "daily.csv:2: open '3,0' is not a number"));
	assert_int_equal(stat_of(c, "candles"), 2); /* nothing of a failed import */
	assert_int_equal(import(c, NM_MARKET_CANDLES, "daily.csv",
				"\"Date (UTC)\",Symbol,Open,High,Low,Close,\"Volume USD\"\r\n"
				"2025-01-01,ETH-USD,3,4,2,3,\r\n"
				"2025-01-01,BTC-USD,1,2,1,2,5\r\n"
				"2025-01-02,ETH-USD,3,5,3,4,7\r\n", "ETH", &err), NM_OK);
	assert_int_equal(stat_of(c, "candles"), 4);
	/* seconds; the same rows again replace */
	assert_int_equal(import(c, NM_MARKET_CANDLES, "s.csv", "time,o,h,l,c\n1735689600,1,2,1,2\n1735776000,2,3,2,3\n",
				"ETH", &err), NM_OK);
	assert_int_equal(stat_of(c, "candles"), 4);

	/* errors: file:line: message, and nothing stored */
	assert_int_equal(import(c, NM_MARKET_CANDLES, "nohigh.csv", "time,open,low,close\n1,1,1,1\n", "BTC", &err),
			 NM_EPARSE);
	assert_string_equal(err.msg, file("nohigh.csv:1: no high column in the header"));
	assert_int_equal(import(c, NM_MARKET_CANDLES, "dup.csv",
				"time,open,high,low,close\n1735689600,1,2,1,2\n1735689600,1,2,1,2\n", "BTC", &err),
			 NM_EPARSE);
	assert_non_null(strstr(err.msg, "dup.csv:3: duplicate timestamp"));
	assert_int_equal(import(c, NM_MARKET_CANDLES, "order.csv",
				"time,open,high,low,close\n1735776000,1,2,1,2\n1735689600,1,2,1,2\n", "BTC", &err),
			 NM_EPARSE);
	assert_non_null(strstr(err.msg, "order.csv:3: out of order"));
	assert_int_equal(import(c, NM_MARKET_CANDLES, "trunc.csv",
				"time,open,high,low,close\n1735689600,1,2,1,2\n1735776000,1,2", "BTC", &err),
			 NM_EPARSE);
	assert_non_null(strstr(err.msg, "trunc.csv:3: truncated last line"));
	assert_int_equal(import(c, NM_MARKET_CANDLES, "nan.csv", "time,open,high,low,close\n1735689600,1,x,1,2\n",
				"BTC", &err), NM_EPARSE);
	assert_non_null(strstr(err.msg, "nan.csv:2: high 'x' is not a number"));
	assert_int_equal(import(c, NM_MARKET_CANDLES, "nosym.csv", "time,open,high,low,close\n1,1,2,1,2\n", NULL, &err),
			 NM_EPARSE);
	assert_int_equal(import(c, NM_MARKET_CANDLES, "one.csv", "time,open,high,low,close\n1735689600,1,2,1,2\n",
				"BTC", &err), NM_EPARSE);
	assert_non_null(strstr(err.msg, "--interval"));
	assert_int_equal(import(c, NM_MARKET_CANDLES, "empty.csv", "", "BTC", &err), NM_EPARSE);
	assert_int_equal(import(c, NM_MARKET_CANDLES, "quote.csv", "time,open,high,low,close\n\"1,1,2,1,2\n", "BTC",
				&err), NM_EPARSE);
	assert_non_null(strstr(err.msg, "unterminated"));
	assert_int_equal(stat_of(c, "candles"), 4);

	/* liquidations: long/short columns, assets from a column */
	assert_int_equal(import(c, NM_MARKET_LIQUIDATIONS, "liq.csv",
				"bucket_start_utc,asset,long_liquidation_usd,short_liquidation_usd\n"
				"2025-01-01T00:00:00Z,BTC,10,5\n2025-01-01T00:00:00Z,ETH,3,1\n"
				"2025-01-01T04:00:00Z,BTC,1,1\n2025-01-01T04:00:00Z,ETH,1,1\n", NULL, &err), NM_OK);
	assert_int_equal(stat_of(c, "liquidations"), 4);
	assert_int_equal(import(c, NM_MARKET_LIQUIDATIONS, "liq2.csv", "t,longs\n1,2\n", "BTC", &err), NM_EPARSE);
	assert_non_null(strstr(err.msg, "no short column"));
	nm_corpus_close(c);
}

/* ------------------------------------------------------------------ checks */

struct verdicts {
	json_t *all;
};

static json_t *run_check(struct nm_corpus *c)
{
	json_t *a = json_array();
	struct nm_err err = {0};
	enum nm_code rc = nm_corpus_check(c, NULL, collect, a, &err);
	if (rc)
		fail_msg("check: %s", err.msg);
	return a;
}

/* The verdict of the first row of event type/kind whose detail contains what. */
static const char *verdict_of(struct nm_corpus *c, json_t *all, const char *type, const char *kind, const char *what)
{
	struct nm_event_query q = {.type = type};
	json_t *evs = events(c, &q, NM_OK), *v;
	size_t i, j;
	const char *out = NULL;
	json_t *ev;
	json_array_foreach(evs, j, ev) {
		const char *id = json_string_value(json_object_get(ev, "id"));
		json_array_foreach(all, i, v) {
			if (!out && !strcmp(json_string_value(json_object_get(v, "event")), id) &&
			    !strcmp(json_string_value(json_object_get(v, "kind")), kind) &&
			    strstr(json_string_value(json_object_get(v, "detail")), what))
				out = json_string_value(json_object_get(v, "verdict"));
		}
	}
	json_decref(evs);
	return out ? out : "none";
}

/* Hourly candles for BTC from 2025-01-01: rises from 90 to a high of 101 at hour 30,
 * closes back at 95, then drifts down. Daily candles fall 10% over three days. */
static void market_fixture(struct nm_corpus *c)
{
	struct nm_buf b = NM_BUF_INIT(1 << 20);
	struct nm_err err = {0};
	int64_t t0 = 1735689600; /* 2025-01-01 */

	assert_int_equal(nm_buf_addstr(&b, "time,open,high,low,close\n"), NM_OK);
	for (int h = 0; h < 96; h++) {
		double o = h < 30 ? 90 + h / 3.0 : 100 - (h - 30) / 10.0, cl = h == 30 ? 95 : o + 0.1;
		double hi = h == 30 ? 101 : fmax(o, cl) + 0.2, lo = fmin(o, cl) - 0.2;
		assert_int_equal(nm_buf_printf(&b, "%lld,%.2f,%.2f,%.2f,%.2f\n", (long long)(t0 + h * 3600), o, hi, lo, cl),
				 NM_OK);
	}
	assert_int_equal(import(c, NM_MARKET_CANDLES, "h.csv", nm_buf_str(&b), "BTC", &err), NM_OK);
	nm_buf_reset(&b);
	assert_int_equal(nm_buf_addstr(&b, "date,open,high,low,close\n"), NM_OK);
	for (int d = -5; d < 10; d++) {
		double o = d < 2 ? 100 : 100 - (d - 1) * 3;
		assert_int_equal(nm_buf_printf(&b, "%lld,%.2f,%.2f,%.2f,%.2f\n", (long long)(t0 + d * 86400), o, o + 1,
					       o - 4, o - 3 * (d >= 1)), NM_OK);
	}
	assert_int_equal(import(c, NM_MARKET_CANDLES, "d.csv", nm_buf_str(&b), "BTC", &err), NM_OK);
	/* liquidations: 1M a day for 40 days, 10M (mostly longs) on 2025-01-02 */
	nm_buf_reset(&b);
	assert_int_equal(nm_buf_addstr(&b, "date,asset,long,short\n"), NM_OK);
	for (int d = -38; d < 2; d++)
		assert_int_equal(nm_buf_printf(&b, "%lld,BTC,%d,%d\n", (long long)(t0 + d * 86400),
					       d == 1 ? 8000000 : 500000, d == 1 ? 2000000 : 500000), NM_OK);
	assert_int_equal(import(c, NM_MARKET_LIQUIDATIONS, "l.csv", nm_buf_str(&b), NULL, &err), NM_OK);
	nm_buf_release(&b);
}

static void checks_give_verdicts_with_data(void **state)
{
	struct nm_corpus *c = fresh();
	struct nm_event_query q = {0};
	json_t *all;
	struct nm_doc *doc;
	struct nm_event e;

	market_fixture(c);
	/* rejection at 100-101 on 2025-01-02: tested and turned back */
	put(c, make_doc("https://a.example/1", "2025-01-02", "Liquidations $400 million. BTC rejected at $100.",
			400e6, 500e6, 100, 101));
	/* the same story elsewhere with another total; a zone BTC never reached */
	put(c, make_doc("https://b.example/2", "2025-01-02T12:00:00Z", "Liquidations $600 million. BTC rejected at $150.",
			600e6, NAN, 150, 152));
	/* a risk-off forecast on 2025-01-02: BTC fell 10% over the next 3 days */
	doc = make_doc("https://c.example/3", "2025-01-02", "Markets may turn risk-off.", 1e6, NAN, NAN, NAN);
	doc->n_events = 0;
	nm_event_init(&e, "risk-off", NULL);
	e.modality = NM_MOD_FORECAST;
	nm_event_set_id(&e, doc);
	assert_int_equal(nm_doc_add_event(doc, &e), NM_OK);
	put(c, doc);

	all = run_check(c);
	assert_string_equal(verdict_of(c, all, "rejection", "market", "tested the resistance $100-$101"), "consistent");
	assert_string_equal(verdict_of(c, all, "rejection", "market", "never came within 1% of $150-$152"),
			    "contradicted");
	assert_string_equal(verdict_of(c, all, "risk-off", "market", "fell"), "consistent");
	assert_string_equal(verdict_of(c, all, "deleveraging", "market", "wave:"), "consistent");
	assert_string_equal(verdict_of(c, all, "deleveraging", "market", "side: long"), "consistent");
	/* BTC $500M inside a $400M total: contradicted by the article itself */
	assert_string_equal(verdict_of(c, all, "deleveraging", "internal", "per-asset figures add up to $500M"),
			    "contradicted");
	/* the document's own check goes to its deleveraging event */
	assert_string_equal(verdict_of(c, all, "deleveraging", "internal", "liquidations_usd stated as $177M"),
			    "contradicted");
	/* $400M vs $600M from two sources */
	assert_string_equal(verdict_of(c, all, "deleveraging", "cross_source", "1 other source"), "contradicted");
	assert_string_equal(verdict_of(c, all, "rejection", "cross_source", "disagree"), "contradicted");
	assert_string_equal(verdict_of(c, all, "risk-off", "cross_source", "no other source"), "unverifiable");
	/* each verdict object has the five keys */
	json_t *v = json_array_get(all, 0);
	assert_int_equal(json_object_size(v), 5);
	assert_true(json_is_object(json_object_get(v, "data")));
	json_decref(all);

	/* stored: events --verdict filters on them; a second run replaces them */
	q.verdict = "contradicted"; /* both deleveraging events, both rejections */
	assert_int_equal(count_events(c, &q), 4);
	json_int_t n = stat_of(c, "verdicts");
	json_decref(run_check(c));
	assert_int_equal(stat_of(c, "verdicts"), n);
	assert_int_equal(nm_corpus_check(c, "0000000000000000", NULL, NULL, NULL), NM_EINVAL);
	nm_corpus_close(c);
}

static void checks_without_data_are_unverifiable(void **state)
{
	struct nm_corpus *c = fresh();
	json_t *all;

	put(c, make_doc("https://a.example/1", NULL, text1, 400e6, 117e6, 92000, 93000));
	put(c, make_doc("https://a.example/2", "2025-11", "Month only. BTC rejected at $93,000.", 1e6, NAN, 92000,
			93000));
	all = run_check(c);
	assert_string_equal(verdict_of(c, all, "rejection", "market", "no publication date"), "unverifiable");
	assert_string_equal(verdict_of(c, all, "deleveraging", "market", "no publication date"), "unverifiable");
	assert_string_equal(verdict_of(c, all, "deleveraging", "internal", "within the stated total"), "consistent");
	json_decref(all);
	nm_corpus_close(c);
}

/* ------------------------------------------------------------------ stories */

static int collect_story(json_t *s, void *arg)
{
	return collect(s, arg);
}

static void stories_group_sources(void **state)
{
	struct nm_corpus *c = fresh();
	json_t *a = json_array(), *s;

	put(c, make_doc("https://a.example/1", "2025-01-02T09:14:00Z", "One. $400 million.", 400e6, NAN, NAN, NAN));
	put(c, make_doc("https://b.example/2", "2025-01-02T10:00:00Z", "Two. $410 million.", 410e6, NAN, NAN, NAN));
	put(c, make_doc("https://b.example/3", "2025-01-03T08:00:00Z", "Three. $420 million.", 420e6, NAN, NAN, NAN));
	put(c, make_doc("https://a.example/4", "2025-01-08T08:00:00Z", "Four. $1 billion.", 1e9, NAN, NAN, NAN));
	assert_int_equal(nm_corpus_stories(c, collect_story, a, NULL), NM_OK);
	assert_int_equal(json_array_size(a), 2);
	s = json_array_get(a, 0);
	assert_string_equal(json_string_value(json_object_get(s, "type")), "deleveraging");
	assert_int_equal(json_integer_value(json_object_get(s, "sources")), 2);
	assert_int_equal(json_integer_value(json_object_get(s, "events")), 3);
	assert_string_equal(json_string_value(json_object_get(s, "first_published")), "2025-01-02T09:14:00Z");
	assert_string_equal(json_string_value(json_object_get(s, "first_source")), "a.example");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(a, 1), "sources")), 1);
	json_decref(a);
	assert_int_equal(stat_of(c, "stories"), 2);
	assert_int_equal(stat_of(c, "stories_multi_source"), 1);
	nm_corpus_close(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_refuses_what_is_not_ours),
		cmocka_unit_test(open_migrates_and_refuses_newer),
		cmocka_unit_test(put_stores_and_replaces),
		cmocka_unit_test(put_failure_changes_nothing),
		cmocka_unit_test(put_failure_keeps_the_batch),
		cmocka_unit_test(put_batches),
		cmocka_unit_test(put_prepared_stores_the_same),
		cmocka_unit_test(frontier_finish_all_or_nothing),
		cmocka_unit_test(events_filters),
		cmocka_unit_test(search_finds_text_and_evidence),
		cmocka_unit_test(market_import_layouts_and_errors),
		cmocka_unit_test(checks_give_verdicts_with_data),
		cmocka_unit_test(checks_without_data_are_unverifiable),
		cmocka_unit_test(stories_group_sources),
	};
	nm_log_set_level(NM_LOG_ERROR);
	return cmocka_run_group_tests(tests, setup, teardown);
}
