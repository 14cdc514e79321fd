/*
 * bench/corpus_bench.c — corpus/ speed against baselines measured in the same run.
 *
 *   corpus_bench put N DIR        N analysed articles through nm_corpus_put (batched),
 *                                 vs a bare SQLite insert of the same rows
 *   corpus_bench search S DIR Q   a corpus of S stored sentences, then Q searches:
 *                                 median and p90 latency, vs a LIKE scan of every
 *                                 document (what finding all matches costs unindexed)
 *
 * The articles are synthetic (a fixed pseudo-random vocabulary with a skewed word
 * frequency), so runs are comparable across machines and need no data files.
 */
#include "corpus/corpus.h"

#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SENTENCES 25
#define WORDS 12

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static const char *const common[] = {
	"bitcoin", "ether", "market", "price", "traders", "liquidations", "leverage", "resistance",
	"support", "rally", "selloff", "funding", "open", "interest", "longs", "shorts", "risk",
	"volatility", "exchange", "whales", "etf", "inflows", "outflows", "macro", "fed", "rates",
};

/* A word: common market words often, otherwise one of 20,000 synthetic ones (Zipf-like). */
static void word(char *out, size_t n)
{
	uint32_t r = next() % 100;
	if (r < 30) {
		snprintf(out, n, "%s", common[next() % (sizeof(common) / sizeof(common[0]))]);
	} else {
		/* skewed: small ids are frequent */
		double u = (next() % 1000000 + 1) / 1000000.0;
		unsigned id = (unsigned)(pow(u, 3) * 20000);
		static const char syl[][3] = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "be", "do"};
		out[0] = '\0';
		do {
			strncat(out, syl[id % 10], n - strlen(out) - 1);
			id /= 10;
		} while (id);
	}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds of this process: "on one core" is CPU time; wall time adds the disk. */
static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One analysed article: 25 sentences, 15 mentions, two events with evidence, a check. */
static struct nm_doc *make_doc(unsigned i)
{
	struct nm_doc *doc = nm_doc_new(1 << 22);
	struct nm_buf b = NM_BUF_INIT(1 << 20);
	size_t starts[SENTENCES], ends[SENTENCES];
	char url[64], w[64];

	for (int s = 0; s < SENTENCES; s++) {
		starts[s] = b.len;
		for (int k = 0; k < WORDS; k++) {
			word(w, sizeof(w));
			if ((k ? nm_buf_addch(&b, ' ') : NM_OK) || nm_buf_addstr(&b, w))
				abort();
		}
		if (nm_buf_printf(&b, " $%u million.", next() % 900 + 10))
			abort();
		ends[s] = b.len;
		if (s + 1 < SENTENCES && nm_buf_addch(&b, ' '))
			abort();
	}
	snprintf(url, sizeof(url), "https://news%u.example/article/%u", i % 50, i);
	doc->url = doc->canonical_url = nm_arena_strdup(doc->arena, url);
	doc->title = nm_arena_strdup(doc->arena, "Liquidations shake bitcoin and ether markets");
	doc->published = nm_arena_strdup(doc->arena, "2025-11-17T08:00:00Z");
	doc->source = doc->url;
	if (nm_doc_set_text(doc, nm_buf_str(&b), b.len))
		abort();
	for (int s = 0; s < SENTENCES; s++)
		if (nm_doc_add_sentence(doc, (struct nm_span){starts[s], ends[s]}))
			abort();
	for (int m = 0; m < 15; m++) {
		struct nm_mention mm;
		nm_mention_init(&mm, NM_MENTION_MONEY, ends[m] - 10, ends[m] - 1);
		mm.value = 1e6 * (m + 1);
		snprintf(mm.currency, sizeof(mm.currency), "USD");
		snprintf(mm.asset, sizeof(mm.asset), m % 2 ? "BTC" : "ETH");
		snprintf(mm.role, sizeof(mm.role), "liquidations");
		if (nm_doc_add_mention(doc, &mm))
			abort();
	}
	for (int e = 0; e < 2; e++) {
		struct nm_event ev;
		nm_event_init(&ev, e ? "rejection" : "deleveraging", e ? "BTC" : NULL);
		ev.confidence = 0.8;
		if (e) {
			ev.figures.low = 92000;
			ev.figures.high = 93000;
		} else {
			ev.figures.total_usd = 4e8;
			ev.figures.window_seconds = 86400;
		}
		ev.evidence = nm_arena_alloc(doc->arena, 2 * sizeof(*ev.evidence));
		ev.evidence[0] = (struct nm_span){starts[e * 3], ends[e * 3]};
		ev.evidence[1] = (struct nm_span){starts[e * 3 + 1], ends[e * 3 + 1]};
		ev.n_evidence = 2;
		ev.trigger = ev.evidence[0];
		nm_event_set_id(&ev, doc);
		if (nm_doc_add_event(doc, &ev))
			abort();
	}
	{
		struct nm_check k = {.kind = NM_CHECK_INTERNAL, .verdict = NM_VERDICT_CONTRADICTED,
				     .values = {177e6, 117e6}, .mentions = {1, 3}};
		snprintf(k.asset, sizeof(k.asset), "BTC");
		snprintf(k.quantity, sizeof(k.quantity), "liquidations_usd");
		if (nm_doc_add_check(doc, &k))
			abort();
	}
	nm_buf_release(&b);
	return doc;
}

static void die(const char *what, const struct nm_err *err)
{
	fprintf(stderr, "corpus_bench: %s: %s\n", what, err ? err->msg : "");
	exit(1);
}

/* The baseline: the same rows into plain tables, one transaction, prepared statements,
 * JSON texts precomputed — what any program storing these records would at least do. */
static double bare_insert(struct nm_doc **docs, unsigned n, const char *path, double *cpu_s)
{
	sqlite3 *db;
	sqlite3_stmt *d, *m, *e, *k;
	char **ev_json = malloc(2 * n * sizeof(char *)), **ck_json = malloc(n * sizeof(char *));
	double t0;

	for (unsigned i = 0; i < n; i++) {
		json_t *o;
		for (size_t j = 0; j < 2; j++) {
			o = nm_event_json(docs[i], &docs[i]->events[j]);
			ev_json[2 * i + j] = json_dumps(o, JSON_COMPACT);
			json_decref(o);
		}
		o = nm_check_json(docs[i], &docs[i]->checks[0]);
		ck_json[i] = json_dumps(o, JSON_COMPACT);
		json_decref(o);
	}
	unlink(path);
	if (sqlite3_open(path, &db) ||
	    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
			     "CREATE TABLE documents(id INTEGER PRIMARY KEY, url TEXT, hash TEXT, title TEXT,"
			     " published TEXT, text TEXT);"
			     "CREATE TABLE mentions(doc INTEGER, kind TEXT, start INTEGER, \"end\" INTEGER, value REAL,"
			     " currency TEXT, asset TEXT, role TEXT);"
			     "CREATE TABLE events(id TEXT, doc INTEGER, type TEXT, asset TEXT, json TEXT);"
			     "CREATE TABLE checks(doc INTEGER, json TEXT);", NULL, NULL, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO documents VALUES(NULL,?,?,?,?,?)", -1, &d, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO mentions VALUES(?,?,?,?,?,?,?,?)", -1, &m, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO events VALUES(?,?,?,?,?)", -1, &e, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO checks VALUES(?,?)", -1, &k, NULL))
		die("baseline", NULL);
	t0 = now();
	*cpu_s = cpu();
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	for (unsigned i = 0; i < n; i++) {
		struct nm_doc *doc = docs[i];
		int64_t id;
		sqlite3_bind_text(d, 1, doc->url, -1, SQLITE_STATIC);
		sqlite3_bind_text(d, 2, doc->content_hash, -1, SQLITE_STATIC);
		sqlite3_bind_text(d, 3, doc->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(d, 4, doc->published, -1, SQLITE_STATIC);
		sqlite3_bind_text(d, 5, doc->text, (int)doc->text_len, SQLITE_STATIC);
		sqlite3_step(d);
		sqlite3_reset(d);
		id = sqlite3_last_insert_rowid(db);
		for (size_t j = 0; j < doc->n_mentions; j++) {
			const struct nm_mention *mm = &doc->mentions[j];
			sqlite3_bind_int64(m, 1, id);
			sqlite3_bind_text(m, 2, nm_mention_kind_name(mm->kind), -1, SQLITE_STATIC);
			sqlite3_bind_int64(m, 3, (int64_t)mm->span.start);
			sqlite3_bind_int64(m, 4, (int64_t)mm->span.end);
			sqlite3_bind_double(m, 5, mm->value);
			sqlite3_bind_text(m, 6, mm->currency, -1, SQLITE_STATIC);
			sqlite3_bind_text(m, 7, mm->asset, -1, SQLITE_STATIC);
			sqlite3_bind_text(m, 8, mm->role, -1, SQLITE_STATIC);
			sqlite3_step(m);
			sqlite3_reset(m);
		}
		for (size_t j = 0; j < doc->n_events; j++) {
			sqlite3_bind_text(e, 1, doc->events[j].id, -1, SQLITE_STATIC);
			sqlite3_bind_int64(e, 2, id);
			sqlite3_bind_text(e, 3, doc->events[j].type, -1, SQLITE_STATIC);
			sqlite3_bind_text(e, 4, doc->events[j].asset, -1, SQLITE_STATIC);
			sqlite3_bind_text(e, 5, ev_json[2 * i + j], -1, SQLITE_STATIC);
			sqlite3_step(e);
			sqlite3_reset(e);
		}
		sqlite3_bind_int64(k, 1, id);
		sqlite3_bind_text(k, 2, ck_json[i], -1, SQLITE_STATIC);
		sqlite3_step(k);
		sqlite3_reset(k);
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_finalize(d);
	sqlite3_finalize(m);
	sqlite3_finalize(e);
	sqlite3_finalize(k);
	sqlite3_close(db); /* the final checkpoint belongs to the insert */
	t0 = now() - t0;
	*cpu_s = cpu() - *cpu_s;
	for (unsigned i = 0; i < 2 * n; i++)
		free(ev_json[i]);
	for (unsigned i = 0; i < n; i++)
		free(ck_json[i]);
	free(ev_json);
	free(ck_json);
	return t0;
}

static double corpus_put(struct nm_doc **docs, unsigned n, const char *path, unsigned batch, double *cpu_s)
{
	struct nm_corpus *c;
	struct nm_err err = {0};
	double t0;

	unlink(path);
	if (nm_corpus_open(path, &c, &err))
		die("open", &err);
	nm_corpus_set_batch(c, batch);
	t0 = now();
	*cpu_s = cpu();
	for (unsigned i = 0; i < n; i++)
		if (nm_corpus_put(c, docs[i], &err))
			die("put", &err);
	if (nm_corpus_commit(c, &err))
		die("commit", &err);
	nm_corpus_close(c);
	*cpu_s = cpu() - *cpu_s;
	return now() - t0;
}

static int bench_put(unsigned n, const char *dir)
{
	struct nm_doc **docs = malloc(n * sizeof(*docs));
	char a[512], b[512];
	double ours, base, ours_cpu, base_cpu, put_rate;

	for (unsigned i = 0; i < n; i++)
		docs[i] = make_doc(i);
	snprintf(a, sizeof(a), "%s/put.db", dir);
	snprintf(b, sizeof(b), "%s/bare.db", dir);
	base = bare_insert(docs, n, b, &base_cpu);
	ours = corpus_put(docs, n, a, 500, &ours_cpu);
	printf("put: %u articles (25 sentences, 15 mentions, 2 events, 1 check each)\n", n);
	printf("                                            per CPU second   per wall second\n");
	printf("  newsmine put (batch 500, indexes):       %8.0f articles  %8.0f articles\n", n / ours_cpu, n / ours);
	{
		struct nm_corpus *c;
		struct nm_err err = {0};
		size_t indexed = 0;
		double t0, c0;
		if (nm_corpus_open(a, &c, &err))
			die("open", &err);
		t0 = now();
		c0 = cpu();
		if (nm_corpus_index(c, &indexed, &err))
			die("index", &err);
		nm_corpus_close(c);
		c0 = cpu() - c0;
		t0 = now() - t0;
		printf("  full-text index catch-up (FTS5):         %8.0f articles  %8.0f articles\n", indexed / c0,
		       indexed / t0);
		printf("  put + index together:                    %8.0f articles  %8.0f articles\n",
		       n / (ours_cpu + c0), n / (ours + t0));
	}
	printf("  bare SQLite insert of the same rows:     %8.0f articles  %8.0f articles\n", n / base_cpu, n / base);
	printf("  ratio newsmine put/bare insert: %.2f (CPU), %.2f (wall)\n", base_cpu / ours_cpu, base / ours);
	put_rate = n / ours_cpu;
	ours = corpus_put(docs, n / 10, a, 1, &ours_cpu);
	printf("  newsmine put, one transaction each:      %8.0f articles  %8.0f articles\n", (n / 10) / ours_cpu,
	       (n / 10) / ours);
	printf("  target >= 2,000 articles/s on one core (batched put, CPU time): %s\n",
	       put_rate >= 2000 ? "met" : "missed");
	for (unsigned i = 0; i < n; i++)
		nm_doc_free(docs[i]);
	free(docs);
	return 0;
}

static int count_hit(json_t *h, void *arg)
{
	(*(size_t *)arg)++;
	return 0;
}

static int cmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

static int bench_search(unsigned sentences, const char *dir, unsigned nq)
{
	unsigned ndocs = sentences / SENTENCES;
	struct nm_corpus *c;
	struct nm_err err = {0};
	char path[512], q[128], w1[64], w2[64];
	double *lat = malloc(nq * sizeof(double)), *base = malloc(nq * sizeof(double)), t0, c0;
	double *lat_cpu = malloc(nq * sizeof(double)), *base_cpu = malloc(nq * sizeof(double));
	size_t hits = 0;
	sqlite3 *db;
	sqlite3_stmt *like;

	snprintf(path, sizeof(path), "%s/search-%u.db", dir, sentences);
	if (access(path, F_OK) != 0) {
		t0 = now();
		if (nm_corpus_open(path, &c, &err))
			die("open", &err);
		nm_corpus_set_batch(c, 1000);
		for (unsigned i = 0; i < ndocs; i++) {
			struct nm_doc *doc = make_doc(i);
			if (nm_corpus_put(c, doc, &err))
				die("put", &err);
			nm_doc_free(doc);
		}
		if (nm_corpus_commit(c, &err) || nm_corpus_index(c, NULL, &err))
			die("commit", &err);
		nm_corpus_close(c);
		printf("search: built %u articles, %u sentences in %.1f s\n", ndocs, ndocs * SENTENCES, now() - t0);
	}
	if (nm_corpus_open(path, &c, &err))
		die("open", &err);
	if (sqlite3_open(path, &db) ||
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM documents WHERE text LIKE ?1", -1,
			       &like, NULL))
		die("baseline", NULL);
	rng = 42;
	for (unsigned i = 0; i < nq; i++) {
		struct nm_search_query sq = {.match = q, .limit = 20, .mark_open = "[", .mark_close = "]"};
		size_t n = 0;
		char pat[160];
		/* a mix: one frequent word, one rare word, two words, a phrase */
		word(w1, sizeof(w1));
		word(w2, sizeof(w2));
		switch (i % 4) {
		case 0: snprintf(q, sizeof(q), "%s", common[i / 4 % (sizeof(common) / sizeof(common[0]))]); break;
		case 1: snprintf(q, sizeof(q), "%s", w1); break;
		case 2: snprintf(q, sizeof(q), "%s %s", w1, w2); break;
		default: snprintf(q, sizeof(q), "\"%s %s\"", common[i % 26], w1); break;
		}
		t0 = now();
		c0 = cpu();
		if (nm_corpus_search(c, &sq, count_hit, &n, &err))
			die("search", &err);
		lat_cpu[i] = (cpu() - c0) * 1000;
		lat[i] = (now() - t0) * 1000;
		hits += n;
		snprintf(pat, sizeof(pat), "%% %s %%", i % 4 == 0 ? q : w1);
		t0 = now();
		c0 = cpu();
		sqlite3_bind_text(like, 1, pat, -1, SQLITE_STATIC);
		sqlite3_step(like);
		sqlite3_reset(like);
		base_cpu[i] = (cpu() - c0) * 1000;
		base[i] = (now() - t0) * 1000;
	}
	qsort(lat, nq, sizeof(double), cmp);
	qsort(base, nq, sizeof(double), cmp);
	qsort(lat_cpu, nq, sizeof(double), cmp);
	qsort(base_cpu, nq, sizeof(double), cmp);
	printf("search: %u queries over %u sentences (%zu hits; words, rare words, pairs, phrases)\n", nq,
	       ndocs * SENTENCES, hits);
	printf("                                          median      p90      max   (ms; CPU, then wall)\n");
	printf("  newsmine search (FTS5, bm25, snippets): %7.2f  %7.2f  %7.2f   CPU\n", lat_cpu[nq / 2],
	       lat_cpu[nq * 9 / 10], lat_cpu[nq - 1]);
	printf("                                          %7.2f  %7.2f  %7.2f   wall\n", lat[nq / 2], lat[nq * 9 / 10],
	       lat[nq - 1]);
	printf("  baseline LIKE scan of every document:   %7.2f  %7.2f  %7.2f   CPU\n", base_cpu[nq / 2],
	       base_cpu[nq * 9 / 10], base_cpu[nq - 1]);
	printf("  ratio LIKE/newsmine (median CPU): %.1f; target median < 50 ms: %s\n", base_cpu[nq / 2] / lat_cpu[nq / 2],
	       lat[nq / 2] < 50 ? "met (wall)" : lat_cpu[nq / 2] < 50 ? "met on CPU time only" : "missed");
	free(lat_cpu);
	free(base_cpu);
	sqlite3_finalize(like);
	sqlite3_close(db);
	nm_corpus_close(c);
	free(lat);
	free(base);
	return 0;
}

int main(int argc, char **argv)
{
	nm_log_set_level(NM_LOG_ERROR);
	if (argc == 4 && !strcmp(argv[1], "put"))
		return bench_put((unsigned)strtoul(argv[2], NULL, 10), argv[3]);
	if (argc == 5 && !strcmp(argv[1], "search"))
		return bench_search((unsigned)strtoul(argv[2], NULL, 10), argv[3], (unsigned)strtoul(argv[4], NULL, 10));
	fprintf(stderr, "usage: corpus_bench put N DIR | search SENTENCES DIR QUERIES\n");
	return 64;
}
