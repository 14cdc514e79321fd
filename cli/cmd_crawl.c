/*
 * cli/cmd_crawl.c — `newsmine crawl`: wires the crawler to the corpus: the frontier
 * store is the corpus's, and every fetched page goes through extract → classify →
 * corpus as it arrives.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char crawl_usage[] =
	"usage: newsmine crawl [--seeds FILE] [--feeds FILE] [--sitemaps FILE] [URL...]\n"
	"                      [--db PATH] [--warc FILE.warc.gz] [--max-pages N] [--max-depth N]\n"
	"                      [--since DATE] [--concurrency N] [--per-host N] [--delay MS]\n"
	"                      [--user-agent S] [--resume] [--log-json]\n"
	"\n"
	"Crawl pages (URL arguments, --seeds), feeds and sitemaps politely into the corpus;\n"
	"each article is analysed and stored as it arrives. With no sources (and no --resume)\n"
	"the compiled-in list of major crypto-news feeds and sitemaps is crawled.\n"
	"\n"
	"  --seeds/--feeds/--sitemaps FILE  one URL a line (# comments)\n"
	"  --db PATH         corpus database (default $NEWSMINE_DB or newsmine.db)\n"
	"  --warc FILE       also write a WARC 1.1 archive (one gzip member per record)\n"
	"  --max-pages N     stop after N pages (default no limit)\n"
	"  --max-depth N     follow in-page links this deep from a seed (default 2)\n"
	"  --since DATE      skip feed/sitemap entries dated before DATE\n"
	"  --concurrency N   transfers in flight (default 16)\n"
	"  --per-host N      connections per host (default 1)\n"
	"  --delay MS        between requests to a host (default 1000; Crawl-delay wins\n"
	"                    when larger; capped at 30000)\n"
	"  --user-agent S    (default " NM_CRAWL_DEFAULT_AGENT ")\n"
	"  --resume          continue the crawl in the database (sources are optional)\n"
	"  --log-json        one JSON line per attempt on stdout, and a summary object\n"
	"                    (listing pages, i.e. home/section/tag pages, and site pages\n"
	"                    such as about/contact/legal have their links followed but are\n"
	"                    not stored: counted as \"listing\" and \"site_pages\")\n"
	"  --max-attempts N  per URL (default 4);  --retry-ms MS  first backoff (default 2000)\n"
	"  --timeout MS      per transfer (default 60000)\n"
	"  --workers N       threads analysing pages beside the fetch loop (default one per\n"
	"                    core, at most 4; 0 = inline)\n"
	"\n"
	"Exit: 0 all fetched, 75 some URLs failed (run again to retry them), 69 nothing could\n"
	"be fetched, 64 usage, 66 missing source file, 74 database error.\n";

static volatile int stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

struct sink_ctx {
	struct nm_pipeline *pipeline;
	struct nm_corpus *corpus;
	int64_t listing; /* listing pages (home, section, tag ...): links followed, not stored */
	int64_t site;    /* the site's own pages (about, contact, legal): the same */
};

/* An analysed page, with its stored records encoded ahead of the database lock. */
struct sink_result {
	struct nm_doc *doc;
	struct nm_corpus_prep *prep; /* NULL for a listing or site page, or if encoding failed */
};

/* On the crawl's worker thread: the page through extract → classify, and the JSON of
 * what will be stored (so that the store, under the crawl's database lock, only writes
 * rows). */
static void *sink_analyze(void *ctx, const struct nm_page *p, struct nm_err *err)
{
	struct sink_ctx *s = ctx;
	struct nm_doc *doc = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
	struct nm_extract_opts opts = {0};
	struct sink_result *r;

	doc->source = nm_arena_strdup(doc->arena, p->url);
	doc->url = nm_arena_strdup(doc->arena, p->final_url);
	doc->content_type = p->content_type ? nm_arena_strdup(doc->arena, p->content_type) : NULL;
	doc->fetched_at = p->fetched_at;
	opts.url = p->final_url;
	opts.content_type = p->content_type;
	if (nm_pipeline_run(s->pipeline, doc, p->body, p->len, &opts, err)) {
		nm_doc_free(doc);
		return NULL;
	}
	r = nm_xcalloc(1, sizeof(*r));
	r->doc = doc;
	if (doc->page_type == NM_PAGE_ARTICLE)
		r->prep = nm_corpus_encode(doc);
	return r;
}

static void sink_discard(void *ctx, void *result)
{
	struct sink_result *r = result;
	(void)ctx;
	nm_corpus_prep_free(r->prep);
	nm_doc_free(r->doc);
	free(r);
}

/* Under the crawl's database lock: into the corpus. */
static enum nm_code sink_store(void *ctx, void *result, char hash[17], struct nm_err *err)
{
	struct sink_ctx *s = ctx;
	struct sink_result *r = result;
	struct nm_doc *doc = r->doc;
	enum nm_code rc = NM_OK;
	if (doc->page_type != NM_PAGE_ARTICLE) {
		/* not an article: the crawler has its links already; nothing to store */
		nm_log(NM_LOG_INFO, "%s: %s page, not stored", doc->url ? doc->url : doc->source,
		       nm_page_type_name(doc->page_type));
		if (doc->page_type == NM_PAGE_LISTING)
			s->listing++;
		else
			s->site++;
	} else if (!(rc = nm_corpus_put_prepared(s->corpus, doc, r->prep, err))) {
		memcpy(hash, doc->content_hash, 17);
	}
	sink_discard(ctx, r);
	return rc;
}

struct ui {
	bool tty, json;
	const struct sink_ctx *sink;
};

static void on_progress(const struct nm_crawl_stats *s, void *arg)
{
	struct ui *ui = arg;
	if (!ui->tty)
		return;
	fprintf(stderr, "\r\033[Kcrawl: %lld fetched (%.1f/s), %lld stored, %lld queued, %d in flight, "
		"%d hosts waiting, %lld errors",
		(long long)s->fetched, s->elapsed > 0 ? (double)s->fetched / s->elapsed : 0.0,
		(long long)(s->pages - ui->sink->listing - ui->sink->site), (long long)s->queued, s->active, s->hosts_waiting,
		(long long)(s->failed + s->retried));
	if (s->fetched && s->queued && s->elapsed > 0)
		fprintf(stderr, ", ETA %.0fs", (double)s->queued / ((double)s->fetched / s->elapsed));
	fflush(stderr);
}

static void on_event(const struct nm_crawl_event *e, void *arg)
{
	struct ui *ui = arg;
	json_t *o;
	if (!ui->json) {
		if (!strcmp(e->result, "failed"))
			nm_log(NM_LOG_INFO, "%s: failed (%s)", e->url, e->error ? e->error : "?");
		return;
	}
	o = json_object();
	json_object_set_new(o, "url", json_string(e->url));
	if (e->final_url)
		json_object_set_new(o, "final_url", json_string(e->final_url));
	json_object_set_new(o, "kind", json_string(nm_kind_name(e->kind)));
	json_object_set_new(o, "result", json_string(e->result));
	json_object_set_new(o, "status", json_integer(e->status));
	json_object_set_new(o, "error", e->error ? json_string(e->error) : json_null());
	json_object_set_new(o, "bytes", json_integer(e->bytes));
	json_object_set_new(o, "ms", json_integer(e->ms));
	json_object_set_new(o, "attempt", json_integer(e->attempt));
	nm_cli_print_json(o);
	fflush(stdout);
}

/* Read one URL a line (# comments, blank lines skipped) into the source list. */
static enum nm_code read_sources(const char *path, enum nm_kind kind, struct nm_crawl_source **src,
				 size_t *n, size_t *cap, char ***keep, size_t *nkeep, struct nm_err *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *line = NULL;
	size_t lcap = 0;
	ssize_t len;

	if (!f)
		return nm_err_set(err, NM_ENOENT, "cannot open '%s'", path);
	while ((len = getline(&line, &lcap, f)) > 0) {
		char *s = line, *e = line + len;
		while (s < e && nm_isspace((unsigned char)*s))
			s++;
		while (e > s && nm_isspace((unsigned char)e[-1]))
			e--;
		if (s == e || *s == '#')
			continue;
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*src = nm_xrealloc(*src, *cap * sizeof(**src));
			*keep = nm_xrealloc(*keep, *cap * sizeof(char *));
		}
		(*keep)[*nkeep] = nm_xstrndup(s, (size_t)(e - s));
		(*src)[*n].url = (*keep)[(*nkeep)++];
		(*src)[(*n)++].kind = kind;
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return NM_OK;
}

static bool parse_num(const char *s, long long lo, long long hi, long long *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (end == s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

int cmd_crawl(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"seeds", required_argument, NULL, 'S'},
		{"feeds", required_argument, NULL, 'F'},
		{"sitemaps", required_argument, NULL, 'M'},
		{"db", required_argument, NULL, 'd'},
		{"warc", required_argument, NULL, 'w'},
		{"max-pages", required_argument, NULL, 'p'},
		{"max-depth", required_argument, NULL, 'D'},
		{"since", required_argument, NULL, 's'},
		{"concurrency", required_argument, NULL, 'c'},
		{"per-host", required_argument, NULL, 'H'},
		{"delay", required_argument, NULL, 'y'},
		{"user-agent", required_argument, NULL, 'A'},
		{"resume", no_argument, NULL, 'r'},
		{"log-json", no_argument, NULL, 'j'},
		{"max-attempts", required_argument, NULL, 'a'},
		{"retry-ms", required_argument, NULL, 'b'},
		{"timeout", required_argument, NULL, 't'},
		{"workers", required_argument, NULL, 'k'},
		NM_CLI_COMMON_OPTS,
		{NULL, 0, NULL, 0},
	};
	struct nm_crawl_opts o;
	struct nm_crawl_source *src = NULL;
	size_t n_src = 0, cap_src = 0, nkeep = 0;
	char **keep = NULL;
	const char *db = NULL, *files[3] = {NULL, NULL, NULL};
	bool resume = false;
	struct ui ui = {0};
	struct nm_err err = {0};
	struct nm_pipeline pipeline;
	struct nm_corpus *corpus = NULL;
	struct nm_frontier_store store = {0};
	struct sink_ctx sctx;
	struct nm_page_sink sink;
	struct nm_crawl_stats st = {0};
	enum nm_code rc = NM_OK;
	int opt, ex;
	long long v;

	nm_crawl_opts_init(&o);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "qvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'S': files[0] = optarg; break;
		case 'F': files[1] = optarg; break;
		case 'M': files[2] = optarg; break;
		case 'd': db = optarg; break;
		case 'w': o.warc_path = optarg; break;
		case 'A': o.user_agent = optarg; break;
		case 'r': resume = true; o.requeue_sources = false; break;
		case 'j': ui.json = true; break;
		case 's': {
			bool has_time;
			if (nm_time_parse(optarg, &o.since, &has_time)) {
				nm_log(NM_LOG_ERROR, "--since: '%s' is not a date", optarg);
				return EX_USAGE_;
			}
			break;
		}
		case 'p': case 'D': case 'c': case 'H': case 'y': case 'a': case 'b': case 't': case 'k':
			if (!parse_num(optarg, opt == 'c' || opt == 'H' || opt == 'a' ? 1 : 0, 1000000000, &v)) {
				nm_log(NM_LOG_ERROR, "bad number '%s'", optarg);
				return nm_cli_usage(crawl_usage, false);
			}
			if (opt == 'p') o.max_pages = v;
			else if (opt == 'D') o.max_depth = (int)v;
			else if (opt == 'c') o.concurrency = (unsigned)v;
			else if (opt == 'H') o.per_host = (unsigned)v;
			else if (opt == 'y') o.delay_ms = (unsigned)v;
			else if (opt == 'a') o.max_attempts = (unsigned)v;
			else if (opt == 'b') o.retry_base_ms = (unsigned)v;
			else if (opt == 'k') o.workers = (unsigned)(v > 16 ? 16 : v);
			else o.timeout_ms = (long)v;
			break;
		case 'h': return nm_cli_usage(crawl_usage, true);
		default:
			if (!nm_cli_common(opt, optarg))
				return nm_cli_usage(crawl_usage, false);
		}
	}
	for (int k = 0; k < 3 && !rc; k++)
		if (files[k])
			rc = read_sources(files[k], k == 0 ? NM_KIND_PAGE : k == 1 ? NM_KIND_FEED : NM_KIND_SITEMAP,
					  &src, &n_src, &cap_src, &keep, &nkeep, &err);
	for (int i = optind; i < argc && !rc; i++) {
		if (n_src == cap_src) {
			cap_src = cap_src ? cap_src * 2 : 16;
			src = nm_xrealloc(src, cap_src * sizeof(*src));
		}
		src[n_src].url = argv[i];
		src[n_src++].kind = NM_KIND_PAGE;
	}
	if (rc)
		goto out;
	if (!n_src && !resume) {
		size_t k = 0;
		while (nm_crawl_default_sources[k].url)
			k++;
		nm_log(NM_LOG_INFO, "no sources given: crawling the %zu default crypto-news sources", k);
	}
	if ((rc = nm_pipeline_open(&pipeline, nm_cli_rules_dir, &err)))
		goto out;
	if ((rc = nm_corpus_open(nm_cli_db_path(db), &corpus, &err)) ||
	    (rc = nm_corpus_frontier(corpus, &store, &err))) {
		nm_pipeline_close(&pipeline);
		goto out;
	}
	/* Pages and their frontier rows commit together, 512 pages or 2 s a transaction,
	 * whichever comes first (a kill -9 loses at most that batch, which the next run
	 * fetches again); per-page commits would cost more than the fetch, and small batches
	 * rewrite the same index pages into the WAL over and over. */
	nm_corpus_set_batch(corpus, 512);
	sctx.pipeline = &pipeline;
	sctx.corpus = corpus;
	sctx.listing = 0;
	sctx.site = 0;
	ui.sink = &sctx;
	sink.ctx = &sctx;
	sink.analyze = sink_analyze;
	sink.store = sink_store;
	sink.discard = sink_discard;
	ui.tty = !ui.json && isatty(2) && nm_log_get_level() >= NM_LOG_WARN;
	o.progress = on_progress;
	o.event = on_event;
	o.cb_arg = &ui;
	o.stop = &stop_flag;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	if (!n_src && !resume) {
		size_t k = 0;
		while (nm_crawl_default_sources[k].url)
			k++;
		rc = nm_crawl(&o, nm_crawl_default_sources, k, &store, &sink, &st, &err);
	} else {
		rc = nm_crawl(&o, src, n_src, &store, &sink, &st, &err);
	}
	if (ui.tty)
		fputs("\r\033[K", stderr);
	if (ui.json) {
		json_t *s = json_object();
		json_object_set_new(s, "summary", json_true());
		json_object_set_new(s, "fetched", json_integer(st.fetched));
		json_object_set_new(s, "stored", json_integer(st.pages - sctx.listing - sctx.site));
		json_object_set_new(s, "listing", json_integer(sctx.listing));
		json_object_set_new(s, "site_pages", json_integer(sctx.site));
		json_object_set_new(s, "not_modified", json_integer(st.not_modified));
		json_object_set_new(s, "failed", json_integer(st.failed));
		json_object_set_new(s, "retried", json_integer(st.retried));
		json_object_set_new(s, "skipped", json_integer(st.skipped));
		json_object_set_new(s, "discovered", json_integer(st.discovered));
		json_object_set_new(s, "bytes", json_integer(st.bytes));
		json_object_set_new(s, "seconds", json_real(st.elapsed));
		nm_cli_print_json(s);
	}
	if (nm_log_get_level() >= NM_LOG_WARN)
		fprintf(stderr,
			"crawl: %lld fetched, %lld stored, %lld listing, %lld site pages, %lld not modified, "
			"%lld failed, %lld skipped, "
			"%lld retried, %lld new URLs, %.1f s (%.1f pages/s)\n",
			(long long)st.fetched, (long long)(st.pages - sctx.listing - sctx.site),
			(long long)sctx.listing, (long long)sctx.site,
			(long long)st.not_modified,
			(long long)st.failed, (long long)st.skipped, (long long)st.retried,
			(long long)st.discovered, st.elapsed,
			st.elapsed > 0 ? (double)st.fetched / st.elapsed : 0.0);
	if (store.release)
		store.release(store.ctx);
	nm_corpus_close(corpus);
	nm_pipeline_close(&pipeline);
out:
	for (size_t i = 0; i < nkeep; i++)
		free(keep[i]);
	free(keep);
	free(src);
	if (!rc)
		return 0;
	ex = nm_cli_exit(rc);
	if (rc == NM_EPARTIAL || rc == NM_ENET)
		nm_log(NM_LOG_WARN, "%s", err.msg[0] ? err.msg : nm_strerror(rc));
	else
		nm_log(NM_LOG_ERROR, "%s", err.msg[0] ? err.msg : nm_strerror(rc));
	return ex;
}
