/*
 * crawler/crawl.c — the fetch loop: one thread drives a libcurl multi handle; hosts
 * are visited in turn so a slow host never holds up the rest; each host has its own
 * delay, connection limit and robots.txt; URLs come from and go back to the frontier
 * store (persistent, so a killed crawl resumes); fetched pages go to the sink.
 *
 * Politeness state (per-host delay, in-flight count) lives in memory and is rebuilt
 * from the store on start; everything that must survive a kill -9 is in the store.
 */
#include "crawler/crawler_int.h"

#include <curl/curl.h>
#include <math.h>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

const struct nm_crawl_source nm_crawl_default_sources[] = {
	{"https://www.coindesk.com/arc/outboundfeeds/rss/", NM_KIND_FEED},
	{"https://cointelegraph.com/rss", NM_KIND_FEED},
	{"https://decrypt.co/feed", NM_KIND_FEED},
	{"https://www.theblock.co/rss.xml", NM_KIND_FEED},
	{"https://bitcoinmagazine.com/.rss/full/", NM_KIND_FEED},
	{"https://cryptoslate.com/feed/", NM_KIND_FEED},
	{"https://www.coindesk.com/arc/outboundfeeds/news-sitemap-index/", NM_KIND_SITEMAP},
	{"https://cointelegraph.com/sitemap-google-news.xml", NM_KIND_SITEMAP},
	{NULL, NM_KIND_PAGE},
};

void nm_crawl_opts_init(struct nm_crawl_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->user_agent = NM_CRAWL_DEFAULT_AGENT;
	o->concurrency = 16;
	o->per_host = 1;
	o->delay_ms = 1000;
	o->max_delay_ms = 30000;
	o->max_depth = 2;
	o->max_body = (size_t)16 << 20;
	o->connect_timeout_ms = 10000;
	o->timeout_ms = 60000;
	o->low_speed_bytes = 100;
	o->low_speed_secs = 20;
	o->max_redirects = 5;
	o->max_attempts = 4;
	o->retry_base_ms = 2000;
	o->max_retry_ms = 600000;
	o->robots_ttl_s = 86400;
	o->robots_retry_ms = 60000;
	o->same_site_only = true;
	o->requeue_sources = true;
	{
		/* analysis is the CPU-heavy part: one thread per core, a few at most */
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		o->workers = n < 1 ? 1 : n > 4 ? 4 : (unsigned)n;
	}
}

void nm_frontier_entry_release(struct nm_frontier_entry *e)
{
	free(e->url);
	free(e->key);
	free(e->host);
	free(e->etag);
	free(e->last_modified);
	memset(e, 0, sizeof(*e));
}

enum robots_state { R_UNKNOWN, R_FETCHING, R_READY };

struct host {
	char *origin;           /* heap: scheme://host[:port] */
	int active;             /* transfers in flight */
	int64_t next_at;        /* ms: politeness, no request starts before */
	int64_t due_at;         /* ms: earliest queued URL; -1 = nothing queued */
	enum robots_state rstate;
	struct nm_robots *robots; /* owned, NULL until known */
	int64_t robots_expires; /* ms */
	int robots_failures;
	double crawl_delay;     /* seconds, -1 none */
	bool dead;              /* unreachable: its URLs fail without a fetch */
};

struct xfer {
	struct xfer *prev, *next; /* the crawl's in-flight list */
	CURL *easy;
	struct host *host;
	bool robots;            /* a robots.txt fetch, not a frontier URL */
	struct nm_frontier_entry e;
	struct nm_buf body, head, req;
	/* for the WARC: the redirect hops before the final response, and the one in
	 * progress (its URL and raw body as received, capped at HOP_MAX_BODY) */
	struct hop *hops;
	size_t n_hops;
	char *hop_url;
	struct nm_buf raw;
	struct curl_slist *hdrs;
	int64_t start_ms;
	bool too_large, wrong_type;
	char errbuf[CURL_ERROR_SIZE];
};

/* One redirect hop, as exchanged (for the WARC). Everything owned. */
struct hop {
	char *url;
	struct nm_buf req, head, raw; /* raw: the body as received (encodings kept) */
};

#define HOP_MAX_BODY ((size_t)64 << 10)
#define MAX_HOPS 16

/* A fetched page on its way through the sink: analysed on a worker, stored (and its
 * frontier row finished) back on the crawl thread. Everything in it is owned. */
struct job {
	struct job *next;
	struct nm_frontier_entry e;
	struct nm_attempt a;      /* strings below */
	char *final_url, *etag, *last_modified, *content_type;
	char *body;
	size_t len;
	int status;
	int64_t fetched_at;
	void *result;             /* from sink->analyze */
	struct nm_err err;
	bool stored;              /* stored (and its row finished) by the worker */
	enum nm_code fatal;       /* the frontier store failed while finishing it */
	struct nm_err fatal_err;
};

struct workers {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct job *todo, **todo_tail; /* FIFO for the workers */
	struct job *done;              /* analysed, for the crawl thread */
	pthread_t *threads;
	unsigned n;
	bool quit;
	CURLM *multi;                  /* woken when a job is done */
	struct nm_page_sink *sink;
	struct crawl *crawl;           /* for storing on the worker */
};

/* Easy handles kept for reuse: creating, configuring and cleaning up one per URL was a
 * tenth of the fetch thread's work. */
#define IDLE_MAX 64

struct crawl {
	const struct nm_crawl_opts *o;
	struct nm_frontier_store *store;
	struct nm_page_sink *sink;
	struct nm_warc_writer *warc;
	CURLM *multi;
	struct xfer *inflight;   /* list of transfers added to multi */
	struct host **hosts;
	size_t n_hosts, cap_hosts, rr;
	int active;
	int64_t pages_started;
	int dead_hosts;          /* hosts given up on for this run */
	struct workers w;        /* the page analysers (w.n == 0: inline) */
	/* The database (frontier store and sink->store share one SQLite connection) is
	 * used by the crawl thread and, to store what they analysed, by the workers: one
	 * at a time, under db (taken only while workers run). Stats the workers change
	 * (pages, sink_errors, failed, skipped) change under it too. */
	pthread_mutex_t db;
	bool locking;
	/* The crawl thread's hold on db: within a section (db_section_begin/end) it takes
	 * db at the first need and keeps it to the end, so that the links of the pages
	 * just fetched and the leases of the URLs to fetch next cost one wait for the
	 * workers' storage, not one each. Crawl thread only. */
	bool held, sticky;
	int64_t lock_waits, lock_wait_us; /* times the crawl thread found db taken, and for how long */
	/* What the pages finished in one pass of the loop found, stored together (one hold
	 * of db) before their pages go to the analysers: a page's links are in the frontier
	 * before its row can be finished. */
	struct batch *pend;
	size_t n_pend, cap_pend;
	struct job *pend_jobs, **pend_tail;
	int jobs;                /* pages handed to the sink and not yet stored */
	char **seen;             /* KNOWN_SLOTS keys (heap) known to be in the frontier */
	CURL *idle[IDLE_MAX];    /* finished easy handles, options set, for the next transfers */
	int n_idle;
	struct nm_crawl_stats st;
	int64_t t0, last_progress;
	enum nm_code fatal;
	struct nm_err *err;
};

/* ---------------------------------------------------------------- hosts */

static struct host *host_find(struct crawl *c, const char *origin, bool create)
{
	struct host *h;
	for (size_t i = 0; i < c->n_hosts; i++)
		if (!strcmp(c->hosts[i]->origin, origin))
			return c->hosts[i];
	if (!create)
		return NULL;
	h = nm_xcalloc(1, sizeof(*h));
	h->origin = nm_xstrdup(origin);
	h->due_at = -1;
	h->crawl_delay = -1;
	if (c->n_hosts == c->cap_hosts) {
		c->cap_hosts = c->cap_hosts ? c->cap_hosts * 2 : 16;
		c->hosts = nm_xrealloc(c->hosts, c->cap_hosts * sizeof(*c->hosts));
	}
	c->hosts[c->n_hosts++] = h;
	return h;
}

/* scheme://host[:port] of url, heap; NULL when it has none. */
static char *origin_of(const char *url)
{
	const char *p = strstr(url, "://");
	size_t n;
	char *o;
	if (!p)
		return NULL;
	p += 3;
	n = (size_t)(p - url) + strcspn(p, "/?#");
	o = nm_xstrndup(url, n);
	for (char *q = o; *q; q++)
		*q = (char)nm_tolower((unsigned char)*q);
	/* drop userinfo */
	{
		char *at = strchr(o, '@');
		if (at) {
			char *s = strstr(o, "://") + 3;
			memmove(s, at + 1, strlen(at + 1) + 1);
		}
	}
	return o;
}

static int64_t host_delay_ms(const struct crawl *c, const struct host *h)
{
	double d = c->o->delay_ms;
	if (h->crawl_delay >= 0 && h->crawl_delay * 1000 > d)
		d = h->crawl_delay * 1000;
	if (d > c->o->max_delay_ms)
		d = c->o->max_delay_ms;
	return (int64_t)d;
}

/* ---------------------------------------------------------------- known keys */

/* A small direct-mapped cache of keys already in the frontier: a page links to the
 * same nav and "related" URLs as its neighbours, and skipping those spares an INSERT
 * OR IGNORE each. Fixed size (the frontier itself stays in SQLite); a miss only costs
 * the INSERT. */
#define KNOWN_SLOTS 16384

static size_t known_slot(const char *key)
{
	return (size_t)(nm_hash64(key, strlen(key)) & (KNOWN_SLOTS - 1));
}

static bool known(const struct crawl *c, const char *key)
{
	const char *k = c->seen ? c->seen[known_slot(key)] : NULL;
	return k && !strcmp(k, key);
}

static void known_add(struct crawl *c, const char *key)
{
	size_t i = known_slot(key);
	if (!c->seen)
		c->seen = nm_xcalloc(KNOWN_SLOTS, sizeof(char *));
	if (c->seen[i] && !strcmp(c->seen[i], key))
		return;
	free(c->seen[i]);
	c->seen[i] = nm_xstrdup(key);
}

static void known_free(struct crawl *c)
{
	if (c->seen)
		for (size_t i = 0; i < KNOWN_SLOTS; i++)
			free(c->seen[i]);
	free(c->seen);
	c->seen = NULL;
}

/* db_lock/db_unlock: the crawl thread's side (workers lock c->db directly). */
static void db_lock(struct crawl *c)
{
	if (!c->locking || c->held)
		return;
	if (pthread_mutex_trylock(&c->db)) {
		int64_t t = nm_mono_us();
		pthread_mutex_lock(&c->db);
		c->lock_waits++;
		c->lock_wait_us += nm_mono_us() - t;
	}
	c->held = true;
}

static void db_unlock(struct crawl *c)
{
	if (!c->locking || c->sticky || !c->held)
		return;
	c->held = false;
	pthread_mutex_unlock(&c->db);
}

static void db_section_begin(struct crawl *c)
{
	c->sticky = true;
}

static void db_section_end(struct crawl *c)
{
	c->sticky = false;
	db_unlock(c);
}

/* ---------------------------------------------------------------- adding URLs */

static bool is_web(const char *u)
{
	return !nm_strncasecmp(u, "http://", 7) || !nm_strncasecmp(u, "https://", 8);
}

/* Canonicalise and add one URL; tells the host it has work. */
static enum nm_code add_url(struct crawl *c, const char *url, enum nm_kind kind, const char *source,
			    int depth, int64_t lastmod, bool requeue)
{
	struct nm_frontier_add a = {0};
	char *key = NULL, *origin = NULL;
	bool added = false;
	enum nm_code rc;

	if (!is_web(url) || nm_url_canonical(url, &key, NULL) != NM_OK)
		return NM_OK; /* not crawlable: dropped */
	if (!(origin = origin_of(key))) {
		free(key);
		return NM_OK;
	}
	a.url = url;
	a.key = key;
	a.host = origin;
	a.kind = kind;
	a.source = source;
	a.depth = depth;
	a.lastmod = lastmod;
	a.requeue = requeue;
	db_lock(c);
	rc = c->store->add(c->store->ctx, &a, &added, c->err);
	db_unlock(c);
	if (!rc && (added || requeue)) {
		struct host *h = host_find(c, origin, true);
		if (h->due_at < 0 || h->due_at > 0)
			h->due_at = 0;
		if (added)
			c->st.discovered++;
	}
	free(key);
	free(origin);
	return rc;
}

/* Discovered entries, batched into one store transaction per document. */
struct batch {
	struct crawl *c;
	struct nm_frontier_add *adds;
	char **strs;
	size_t n, cap, nstr, capstr;
	const char *page_origin; /* for same-site links */
	int depth;               /* depth of the document the entries come from */
};

static char *batch_keep(struct batch *b, char *s)
{
	if (b->nstr == b->capstr) {
		b->capstr = b->capstr ? b->capstr * 2 : 64;
		b->strs = nm_xrealloc(b->strs, b->capstr * sizeof(char *));
	}
	return b->strs[b->nstr++] = s;
}

static bool same_site(const char *a, const char *b)
{
	const char *ha = strstr(a, "://"), *hb = strstr(b, "://");
	if (!ha || !hb)
		return false;
	ha += 3;
	hb += 3;
	if (!strncmp(ha, "www.", 4))
		ha += 4;
	if (!strncmp(hb, "www.", 4))
		hb += 4;
	return !strcmp(ha, hb);
}

static int on_discovered(const struct nm_discovered *d, void *arg)
{
	struct batch *b = arg;
	struct crawl *c = b->c;
	struct nm_frontier_add *a;
	char *key = NULL, *origin;
	int depth = b->depth;
	const char *source = "feed";
	int64_t t = d->published ? d->published : d->lastmod;

	if (!strcmp(d->kind, "link")) {
		depth++;
		source = "link";
		if (depth > c->o->max_depth)
			return 0;
	} else if (!strcmp(d->kind, "url") || !strcmp(d->kind, "news") || !strcmp(d->kind, "sitemap")) {
		source = "sitemap";
	}
	if (c->o->since && t && t < c->o->since && strcmp(d->kind, "sitemap") && strcmp(d->kind, "feed"))
		return 0;
	if (nm_url_plain(d->url))
		key = nm_xstrdup(d->url); /* its own canonical form */
	else if (nm_url_canonical(d->url, &key, NULL) != NM_OK)
		return 0;
	if (!(origin = origin_of(key))) {
		free(key);
		return 0;
	}
	if ((!strcmp(d->kind, "link") && c->o->same_site_only && b->page_origin &&
	     !same_site(origin, b->page_origin)) || known(c, key)) {
		free(key);
		free(origin);
		return 0;
	}
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->adds = nm_xrealloc(b->adds, b->cap * sizeof(*b->adds));
	}
	a = &b->adds[b->n++];
	memset(a, 0, sizeof(*a));
	a->url = batch_keep(b, nm_xstrdup(d->url));
	a->key = batch_keep(b, key);
	a->host = batch_keep(b, origin);
	a->kind = d->fetch_as;
	a->source = source;
	a->depth = depth;
	a->lastmod = t;
	return 0;
}

static enum nm_code batch_flush(struct batch *b);

/* Keep b's entries for flush_pending() (b is emptied). */
static void batch_defer(struct crawl *c, struct batch *b)
{
	if (!b->n) {
		batch_flush(b); /* nothing to store: frees what b holds */
		return;
	}
	if (c->n_pend == c->cap_pend) {
		c->cap_pend = c->cap_pend ? 2 * c->cap_pend : 16;
		c->pend = nm_xrealloc(c->pend, c->cap_pend * sizeof(*c->pend));
	}
	c->pend[c->n_pend++] = *b;
	memset(b, 0, sizeof(*b));
}

static enum nm_code batch_flush(struct batch *b)
{
	struct crawl *c = b->c;
	size_t added = 0;
	enum nm_code rc = NM_OK;

	if (b->n) {
		db_lock(c);
		rc = c->store->add_many(c->store->ctx, b->adds, b->n, &added, c->err);
		db_unlock(c);
	}
	if (!rc && added) {
		c->st.discovered += (int64_t)added;
		for (size_t i = 0; i < b->n; i++) {
			struct host *h = host_find(c, b->adds[i].host, true);
			if (h->due_at != 0)
				h->due_at = 0; /* look again: something may be due now */
		}
	}
	if (!rc) /* in the frontier now, new or not (sources are re-queued: not cached) */
		for (size_t i = 0; i < b->n; i++)
			if (!b->adds[i].requeue)
				known_add(c, b->adds[i].key);
	for (size_t i = 0; i < b->nstr; i++)
		free(b->strs[i]);
	free(b->strs);
	free(b->adds);
	memset(b, 0, sizeof(*b));
	return rc;
}

/* ---------------------------------------------------------------- transfers */

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n;
	if (nm_buf_add(&x->body, p, len)) {
		x->too_large = true;
		return 0; /* abort the transfer */
	}
	return len;
}

static size_t on_header(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n;
	/* a new status line starts a new response (redirects, 100-continue) */
	if (len >= 5 && !memcmp(p, "HTTP/", 5))
		nm_buf_reset(&x->head);
	if (nm_buf_add(&x->head, p, len))
		return 0;
	return len;
}

/* The exchange in progress is complete (a redirect): keep it as a hop. */
static void hop_push(struct xfer *x)
{
	struct hop *hp;
	if (!x->req.len || !x->head.len || x->n_hops >= MAX_HOPS)
		return;
	x->hops = nm_xrealloc(x->hops, (x->n_hops + 1) * sizeof(*x->hops));
	hp = &x->hops[x->n_hops++];
	hp->url = x->hop_url ? x->hop_url : nm_xstrdup("");
	x->hop_url = NULL;
	hp->req = x->req;
	hp->head = x->head;
	hp->raw = x->raw;
	nm_buf_init(&x->req, x->req.max);
	nm_buf_init(&x->head, x->head.max);
	nm_buf_init(&x->raw, HOP_MAX_BODY);
}

static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	struct xfer *x = arg;
	(void)h;
	if (type == CURLINFO_HEADER_OUT) {
		char *url = NULL;
		/* a new request: the exchange before it (a redirect) is complete */
		hop_push(x);
		nm_buf_reset(&x->req);
		nm_buf_reset(&x->raw);
		if (nm_buf_add(&x->req, data, size))
			nm_buf_reset(&x->req);
		free(x->hop_url);
		x->hop_url = NULL;
		if (curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &url) == CURLE_OK && url)
			x->hop_url = nm_xstrdup(url);
	} else if (type == CURLINFO_DATA_IN && x->raw.len < HOP_MAX_BODY) {
		size_t n = size < HOP_MAX_BODY - x->raw.len ? size : HOP_MAX_BODY - x->raw.len;
		if (nm_buf_add(&x->raw, data, n))
			nm_buf_reset(&x->raw);
	}
	return 0;
}

static void xfer_free(struct xfer *x)
{
	if (!x)
		return;
	if (x->easy)
		curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->hdrs);
	nm_buf_release(&x->body);
	nm_buf_release(&x->head);
	nm_buf_release(&x->req);
	nm_buf_release(&x->raw);
	for (size_t i = 0; i < x->n_hops; i++) {
		free(x->hops[i].url);
		nm_buf_release(&x->hops[i].req);
		nm_buf_release(&x->hops[i].head);
		nm_buf_release(&x->hops[i].raw);
	}
	free(x->hops);
	free(x->hop_url);
	nm_frontier_entry_release(&x->e);
	free(x);
}

/* The options that point at the transfer (everything else is the same for all). */
static void easy_bind(const struct nm_crawl_opts *o, CURL *e, struct xfer *x, const char *url)
{
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	if (o->warc_path)
		curl_easy_setopt(e, CURLOPT_DEBUGDATA, x);
}

static CURL *easy_new(const struct nm_crawl_opts *o, struct xfer *x, const char *url)
{
	CURL *e = curl_easy_init();
	if (!e)
		return NULL;
	curl_easy_setopt(e, CURLOPT_USERAGENT, o->user_agent);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, ""); /* every encoding curl can decode */
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)o->max_redirects);
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o->timeout_ms);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, o->low_speed_bytes);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, o->low_speed_secs);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_body);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	if (o->warc_path) { /* the request head, for the WARC: through the debug callback */
		curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, on_debug);
		curl_easy_setopt(e, CURLOPT_VERBOSE, 1L); /* feeds on_debug, prints nothing */
	}
	easy_bind(o, e, x, url);
	return e;
}

static struct xfer *xfer_new(struct crawl *c, struct host *h, const char *url)
{
	struct xfer *x = nm_xcalloc(1, sizeof(*x));
	nm_buf_init(&x->body, c->o->max_body);
	nm_buf_init(&x->head, (size_t)1 << 20);
	nm_buf_init(&x->req, (size_t)1 << 20);
	nm_buf_init(&x->raw, HOP_MAX_BODY);
	x->host = h;
	if (c->n_idle) { /* a handle of an earlier transfer: only what points at it changes */
		x->easy = c->idle[--c->n_idle];
		easy_bind(c->o, x->easy, x, url);
	} else {
		x->easy = easy_new(c->o, x, url);
	}
	x->start_ms = nm_now_ms();
	if (!x->easy) {
		xfer_free(x);
		return NULL;
	}
	return x;
}

static void start(struct crawl *c, struct xfer *x)
{
	x->next = c->inflight;
	if (c->inflight)
		c->inflight->prev = x;
	c->inflight = x;
	curl_multi_add_handle(c->multi, x->easy);
	x->host->active++;
	c->active++;
	x->host->next_at = x->start_ms + host_delay_ms(c, x->host);
}

static void start_robots(struct crawl *c, struct host *h)
{
	char url[2048];
	struct xfer *x;

	snprintf(url, sizeof(url), "%s/robots.txt", h->origin);
	x = xfer_new(c, h, url);
	if (!x) {
		c->fatal = nm_err_set(c->err, NM_EINTERNAL, "curl: cannot create a handle");
		return;
	}
	x->robots = true;
	nm_buf_init(&x->body, NM_ROBOTS_MAX_BYTES);
	h->rstate = R_FETCHING;
	start(c, x);
}

static void start_entry(struct crawl *c, struct host *h, struct nm_frontier_entry *e)
{
	struct xfer *x = xfer_new(c, h, e->url);
	char line[1100];

	if (!x) {
		c->fatal = nm_err_set(c->err, NM_EINTERNAL, "curl: cannot create a handle");
		nm_frontier_entry_release(e);
		return;
	}
	x->e = *e;
	memset(e, 0, sizeof(*e));
	/* conditional GET on a re-crawl */
	if (x->e.etag && strlen(x->e.etag) < 1000) {
		snprintf(line, sizeof(line), "If-None-Match: %s", x->e.etag);
		x->hdrs = curl_slist_append(x->hdrs, line);
	}
	if (x->e.last_modified && strlen(x->e.last_modified) < 1000) {
		snprintf(line, sizeof(line), "If-Modified-Since: %s", x->e.last_modified);
		x->hdrs = curl_slist_append(x->hdrs, line);
	}
	if (x->hdrs)
		curl_easy_setopt(x->easy, CURLOPT_HTTPHEADER, x->hdrs);
	if (x->e.kind == NM_KIND_PAGE)
		c->pages_started++;
	start(c, x);
}

/* ---------------------------------------------------------------- outcomes */

static void emit_event(struct crawl *c, const struct nm_frontier_entry *e, const struct nm_attempt *a,
		       const char *result)
{
	struct nm_crawl_event ev;
	if (!c->o->event)
		return;
	ev.url = e->url;
	ev.final_url = a->final_url;
	ev.kind = e->kind;
	ev.status = a->status;
	ev.result = result;
	ev.error = a->error;
	ev.bytes = a->bytes;
	ev.ms = a->ms;
	ev.attempt = e->attempts + 1;
	c->o->event(&ev, c->o->cb_arg);
}

/* Finish a lease; the caller holds db. */
static enum nm_code finish_locked(struct crawl *c, const struct nm_frontier_entry *e,
				  enum nm_url_state state, const struct nm_attempt *a, struct nm_err *err)
{
	enum nm_code rc = c->store->finish(c->store->ctx, e->id, state, a, err);
	if (state == NM_URL_FAILED)
		c->st.failed++;
	else if (state == NM_URL_SKIPPED)
		c->st.skipped++;
	emit_event(c, e, a,
		   state == NM_URL_FAILED ? "failed" : state == NM_URL_SKIPPED ? "skipped"
		   : a->status == 304 ? "not_modified" : "ok");
	return rc;
}

/* Finish a lease, on the crawl thread. */
static void finish(struct crawl *c, const struct nm_frontier_entry *e, enum nm_url_state state,
		   const struct nm_attempt *a)
{
	enum nm_code rc;
	db_lock(c);
	rc = finish_locked(c, e, state, a, c->err);
	db_unlock(c);
	if (rc && !c->fatal)
		c->fatal = rc;
}

/* Retry later, or give up after max_attempts. retry_after_ms < 0 = none given. */
static void retry_or_fail(struct crawl *c, struct host *h, const struct nm_frontier_entry *e,
			  struct nm_attempt *a, int64_t retry_after_ms)
{
	int64_t wait;
	double jitter;

	if ((unsigned)e->attempts + 1 >= c->o->max_attempts) {
		finish(c, e, NM_URL_FAILED, a);
		return;
	}
	/* exponential backoff with jitter in [0.5, 1.5) so retries from many URLs spread */
	jitter = 0.5 + (double)rand() / ((double)RAND_MAX + 1.0);
	wait = (int64_t)((double)c->o->retry_base_ms * pow(2.0, e->attempts) * jitter);
	if (retry_after_ms > wait)
		wait = retry_after_ms;
	if (wait > c->o->max_retry_ms)
		wait = c->o->max_retry_ms;
	{
		int64_t at = nm_now_ms() + wait;
		enum nm_code rc;
		db_lock(c);
		rc = c->store->retry(c->store->ctx, e->id, at, a, c->err);
		emit_event(c, e, a, "retry");
		db_unlock(c);
		if (rc && !c->fatal)
			c->fatal = rc;
		if (h->due_at < 0 || at < h->due_at)
			h->due_at = at; /* the host has work again, later */
	}
	c->st.retried++;
}

/* Retry-After: delta-seconds or an HTTP date; ms from now, -1 when absent. */
static int64_t retry_after(const char *head)
{
	char *v = nm_header_field(head, "Retry-After");
	int64_t ms = -1, t;
	bool has_time;
	if (!v)
		return -1;
	if (nm_isdigit((unsigned char)v[0])) {
		long long s = strtoll(v, NULL, 10);
		ms = s > 86400 ? 86400000 : s * 1000;
	} else if (nm_time_parse(v, &t, &has_time) == NM_OK) {
		ms = t * 1000 - nm_now_ms();
		if (ms < 0)
			ms = 0;
	}
	free(v);
	return ms;
}

static bool type_ok(enum nm_kind kind, const char *ct)
{
	if (!ct || !*ct)
		return true; /* no type: sniffed later */
	if (kind == NM_KIND_PAGE)
		return strstr(ct, "html") || strstr(ct, "xml");
	/* feeds and sitemaps: any XML, text or gzip */
	return strstr(ct, "xml") || strstr(ct, "text/") || strstr(ct, "gzip") || strstr(ct, "rss") ||
	       strstr(ct, "atom") || strstr(ct, "octet-stream") || strstr(ct, "json");
}

static const char *curl_word(CURLcode cc)
{
	switch (cc) {
	case CURLE_OPERATION_TIMEDOUT: return "timeout";
	case CURLE_COULDNT_RESOLVE_HOST: return "dns";
	case CURLE_COULDNT_CONNECT: return "connect";
	case CURLE_RECV_ERROR: return "reset";
	case CURLE_SEND_ERROR: return "send";
	case CURLE_GOT_NOTHING: return "empty_reply";
	case CURLE_PARTIAL_FILE: return "truncated";
	case CURLE_TOO_MANY_REDIRECTS: return "redirect_loop";
	case CURLE_FILESIZE_EXCEEDED: return "too_large";
	case CURLE_BAD_CONTENT_ENCODING: return "bad_encoding";
	case CURLE_SSL_CONNECT_ERROR: return "tls";
	case CURLE_PEER_FAILED_VERIFICATION: return "tls_verify";
	case CURLE_UNSUPPORTED_PROTOCOL: return "bad_scheme";
	default: return "network";
	}
}

/* The redirect hops before the final response: each a request and a response record
 * (linked by WARC-Concurrent-To), recorded as exchanged: head and body as received. */
static void write_hops(struct crawl *c, struct xfer *x)
{
	char *ip = NULL;

	if (!c->warc)
		return;
	curl_easy_getinfo(x->easy, CURLINFO_PRIMARY_IP, &ip);
	for (size_t i = 0; i < x->n_hops && !c->fatal; i++) {
		const struct hop *hp = &x->hops[i];
		struct nm_warc_exchange w = {0};
		struct nm_err err = {0};
		if (!hp->url[0])
			continue;
		w.url = hp->url;
		w.date = x->start_ms / 1000;
		w.ip = ip && *ip ? ip : NULL;
		w.request = hp->req.len ? hp->req.data : NULL;
		w.request_len = hp->req.len;
		w.response_head = hp->head.data;
		w.response_head_len = hp->head.len;
		w.body = hp->raw.data;
		w.body_len = hp->raw.len;
		if (nm_warc_write(c->warc, &w, &err))
			c->fatal = nm_err_set(c->err, err.code ? err.code : NM_EIO, "%s", err.msg);
	}
}

static void write_warc(struct crawl *c, struct xfer *x, const char *final_url, int status)
{
	struct nm_warc_exchange w = {0};
	struct nm_buf head = NM_BUF_INIT((size_t)1 << 20);
	char *ip = NULL;
	struct nm_err err = {0};

	if (!c->warc || !x->head.len)
		return;
	write_hops(c, x);
	/* The body is stored decoded, so the head must not claim an encoding or chunking
	 * it no longer has; its length is restated. */
	for (const char *p = nm_buf_str(&x->head); *p;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p + 1) : strlen(p);
		bool blank = n <= 2 && (p[0] == '\r' || p[0] == '\n');
		if (!blank && nm_strncasecmp(p, "Content-Encoding:", 17) &&
		    nm_strncasecmp(p, "Transfer-Encoding:", 18) && nm_strncasecmp(p, "Content-Length:", 15)) {
			if (nm_buf_add(&head, p, n))
				break;
		}
		p += n;
	}
	if (status != 304 && nm_buf_printf(&head, "Content-Length: %zu\r\n", x->body.len)) {
		nm_buf_release(&head);
		return;
	}
	if (nm_buf_addstr(&head, "\r\n")) {
		nm_buf_release(&head);
		return;
	}
	curl_easy_getinfo(x->easy, CURLINFO_PRIMARY_IP, &ip);
	w.url = final_url;
	w.date = x->start_ms / 1000;
	w.ip = ip && *ip ? ip : NULL;
	w.request = x->req.len ? x->req.data : NULL;
	w.request_len = x->req.len;
	w.response_head = head.data;
	w.response_head_len = head.len;
	w.body = status == 304 ? NULL : x->body.data;
	w.body_len = status == 304 ? 0 : x->body.len;
	w.not_modified = status == 304;
	if (nm_warc_write(c->warc, &w, &err) && !c->fatal)
		c->fatal = nm_err_set(c->err, err.code ? err.code : NM_EIO, "%s", err.msg);
	nm_buf_release(&head);
}

/* ---------------------------------------------------------------- the sink's jobs */

static void job_free(struct job *j)
{
	nm_frontier_entry_release(&j->e);
	free(j->final_url);
	free(j->etag);
	free(j->last_modified);
	free(j->content_type);
	free(j->body);
	free(j);
}

static void analyze_job(struct nm_page_sink *sink, struct job *j)
{
	struct nm_page p = {
		.url = j->e.url, .final_url = j->final_url ? j->final_url : j->e.url,
		.content_type = j->content_type, .body = j->body, .len = j->len, .status = j->status,
		.fetched_at = j->fetched_at, .depth = j->e.depth,
	};
	j->result = sink->analyze(sink->ctx, &p, &j->err);
}

/* Store the result and finish the frontier row (together, in the store's open batch);
 * the caller holds db. The result is consumed; failures of the frontier store go to
 * j->fatal. */
static void store_job(struct crawl *c, struct job *j)
{
	char hash[17] = "";
	struct nm_err err = {0};

	if (!j->result) {
		nm_log(NM_LOG_WARN, "%s: %s", j->e.url, j->err.msg[0] ? j->err.msg : "not analysed");
		c->st.sink_errors++;
		j->a.error = "not_analysed";
		j->fatal = finish_locked(c, &j->e, NM_URL_FAILED, &j->a, &j->fatal_err);
	} else if (c->sink->store(c->sink->ctx, j->result, hash, &err)) {
		nm_log(NM_LOG_WARN, "%s: %s", j->e.url, err.msg[0] ? err.msg : "not stored");
		c->st.sink_errors++;
		j->a.error = "not_stored";
		j->fatal = finish_locked(c, &j->e, NM_URL_FAILED, &j->a, &j->fatal_err);
	} else {
		c->st.pages++;
		j->a.content_hash = hash[0] ? hash : NULL;
		j->fatal = finish_locked(c, &j->e, NM_URL_DONE, &j->a, &j->fatal_err);
	}
	j->a.content_hash = NULL;
	j->result = NULL;
	j->stored = true;
}

/* Back on the crawl thread: the job is out of the pipeline. */
static void complete_job(struct crawl *c, struct job *j)
{
	c->jobs--;
	if (!j->stored) {
		db_lock(c);
		store_job(c, j);
		db_unlock(c);
	}
	if (j->fatal && !c->fatal) {
		c->fatal = j->fatal;
		if (c->err)
			*c->err = j->fatal_err;
	}
	job_free(j);
}

static void *worker_main(void *arg)
{
	struct workers *w = arg;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		struct job *j;
		while (!w->todo && !w->quit)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->quit)
			break;
		j = w->todo;
		w->todo = j->next;
		if (!w->todo)
			w->todo_tail = &w->todo;
		pthread_mutex_unlock(&w->mu);
		analyze_job(w->sink, j);
		/* store it here too: the crawl thread keeps to the network */
		pthread_mutex_lock(&w->crawl->db);
		store_job(w->crawl, j);
		pthread_mutex_unlock(&w->crawl->db);
		pthread_mutex_lock(&w->mu);
		j->next = w->done;
		w->done = j;
		/* the crawl thread takes the whole list at once: wake it for the first */
		if (!j->next)
			curl_multi_wakeup(w->multi);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* Hand j (counted in c->jobs already) to the analysers. */
static void submit(struct crawl *c, struct job *j)
{
	if (!c->w.n) {
		analyze_job(c->sink, j);
		complete_job(c, j);
		return;
	}
	pthread_mutex_lock(&c->w.mu);
	j->next = NULL;
	*c->w.todo_tail = j;
	c->w.todo_tail = &j->next;
	pthread_cond_signal(&c->w.cv);
	pthread_mutex_unlock(&c->w.mu);
}

/* Store the links found by the pages finished since the last call (sticky section:
 * one hold of db), then submit those pages. */
static void flush_pending_links(struct crawl *c)
{
	for (size_t i = 0; i < c->n_pend; i++)
		if (batch_flush(&c->pend[i]) && !c->fatal)
			c->fatal = NM_EDB;
	c->n_pend = 0;
}

static void flush_pending_jobs(struct crawl *c)
{
	struct job *j = c->pend_jobs;
	c->pend_jobs = NULL;
	c->pend_tail = &c->pend_jobs;
	while (j) {
		struct job *next = j->next;
		submit(c, j);
		j = next;
	}
}

/* Store what the workers finished; returns how many. */
static int drain(struct crawl *c)
{
	struct job *list;
	int n = 0;

	if (!c->w.n)
		return 0;
	pthread_mutex_lock(&c->w.mu);
	list = c->w.done;
	c->w.done = NULL;
	pthread_mutex_unlock(&c->w.mu);
	while (list) {
		struct job *next = list->next;
		complete_job(c, list);
		list = next;
		n++;
	}
	return n;
}

static void workers_start(struct crawl *c, unsigned n)
{
	struct workers *w = &c->w;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	w->todo_tail = &w->todo;
	w->multi = c->multi;
	w->sink = c->sink;
	w->crawl = c;
	w->threads = nm_xcalloc(n ? n : 1, sizeof(pthread_t));
	if (n) {
		pthread_mutex_init(&c->db, NULL);
		c->locking = true;
	}
	for (unsigned i = 0; i < n; i++) {
		if (pthread_create(&w->threads[i], NULL, worker_main, w))
			break; /* fewer workers (or none: inline) */
		w->n++;
	}
}

/* Stop the workers; jobs not stored are discarded (their URLs stay leased, and the next
 * run requeues them). */
static void workers_stop(struct crawl *c)
{
	struct workers *w = &c->w;
	struct job *lists[2];

	if (!w->threads)
		return;
	pthread_mutex_lock(&w->mu);
	w->quit = true;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	for (unsigned i = 0; i < w->n; i++)
		pthread_join(w->threads[i], NULL);
	lists[0] = w->todo;
	lists[1] = w->done;
	for (int k = 0; k < 2; k++)
		while (lists[k]) {
			struct job *next = lists[k]->next;
			if (lists[k]->stored) { /* stored: only its bookkeeping is left */
				complete_job(c, lists[k]);
			} else {
				if (lists[k]->result && c->sink->discard)
					c->sink->discard(c->sink->ctx, lists[k]->result);
				job_free(lists[k]);
			}
			lists[k] = next;
		}
	if (c->locking) {
		c->locking = false;
		pthread_mutex_destroy(&c->db);
	}
	free(w->threads);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	memset(w, 0, sizeof(*w));
}

static void robots_done(struct crawl *c, struct xfer *x, CURLcode cc, long status)
{
	struct host *h = x->host;
	struct nm_host_info hi = {0};
	int64_t now = nm_now_ms();

	nm_robots_free(h->robots);
	h->robots = NULL;
	if (cc == CURLE_OK && status >= 200 && status < 300) {
		if (nm_robots_parse(nm_buf_str(&x->body), x->body.len, &h->robots, NULL))
			h->robots = nm_robots_fixed(true);
		h->robots_failures = 0;
		hi.robots = x->body.data ? x->body.data : "";
		hi.robots_len = x->body.len;
	} else if (cc == CURLE_OK && status >= 400 && status < 500 && status != 429) {
		h->robots = nm_robots_fixed(true); /* no robots.txt: everything allowed */
		h->robots_failures = 0;
	} else if (x->too_large || cc == CURLE_FILESIZE_EXCEEDED || cc == CURLE_WRITE_ERROR) {
		/* over the cap: parse what fits (RFC 9309 2.5) */
		if (nm_robots_parse(nm_buf_str(&x->body), x->body.len, &h->robots, NULL))
			h->robots = nm_robots_fixed(true);
		hi.robots = x->body.data ? x->body.data : "";
		hi.robots_len = x->body.len;
	} else {
		/* 5xx or unreachable: disallow everything for a while (RFC 9309 2.3.1.4).
		 * A server that answers 5xx is asked again after robots_retry_ms, up to three
		 * times; one that cannot be reached at all is left for this run: its URLs stay
		 * queued for the next run (--resume) instead of failing one by one. */
		h->robots = nm_robots_fixed(false);
		h->robots_failures++;
		if (cc || h->robots_failures >= 3) {
			h->dead = true;
			c->dead_hosts++;
			nm_log(NM_LOG_WARN, "%s: unreachable (%s); its URLs stay queued", h->origin,
			       cc ? curl_word(cc) : "robots.txt keeps failing");
		} else {
			nm_log(NM_LOG_INFO, "%s/robots.txt: HTTP %ld; host paused", h->origin, status);
		}
		if (cc)
			c->st.net_errors++;
	}
	h->crawl_delay = h->robots ? nm_robots_crawl_delay(h->robots, c->o->user_agent) : -1;
	h->robots_expires = h->robots_failures ? now + c->o->robots_retry_ms
					       : now + (int64_t)c->o->robots_ttl_s * 1000;
	h->rstate = R_READY;
	if (h->robots_failures)
		h->next_at = h->robots_expires;
	hi.host = h->origin;
	hi.robots_status = cc ? 0 : (int)status;
	hi.robots_expires = h->robots_expires;
	hi.failures = h->robots_failures;
	if (!h->dead) {
		enum nm_code rc;
		db_lock(c);
		rc = c->store->host_put(c->store->ctx, &hi, c->err);
		db_unlock(c);
		if (rc && !c->fatal)
			c->fatal = rc;
	}
	/* Sitemap: lines are sources too, unless the crawl stays on the given URLs */
	if (h->robots && c->o->max_depth > 0)
		for (size_t i = 0; i < nm_robots_sitemap_count(h->robots); i++)
			if (add_url(c, nm_robots_sitemap(h->robots, i), NM_KIND_SITEMAP, "robots", 0, 0, false) &&
			    !c->fatal)
				c->fatal = NM_EDB;
}

static void entry_done(struct crawl *c, struct xfer *x, CURLcode cc, long status)
{
	struct nm_frontier_entry *e = &x->e;
	struct nm_attempt a = {0};
	char *final = NULL, *ct = NULL, *etag = NULL, *lm = NULL;
	int64_t now = nm_now_ms();

	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &final);
	a.at = x->start_ms;
	a.ms = now - x->start_ms;
	a.status = (int)status;
	a.bytes = (int64_t)x->body.len;
	a.final_url = final && strcmp(final, e->url) ? final : NULL;
	c->st.bytes += (int64_t)x->body.len;
	if (status)
		c->st.fetched++;

	if (x->too_large || cc == CURLE_FILESIZE_EXCEEDED) {
		a.error = "too_large";
		finish(c, e, NM_URL_FAILED, &a);
		return;
	}
	if (x->wrong_type) {
		a.error = "wrong_type";
		finish(c, e, NM_URL_SKIPPED, &a);
		return;
	}
	if (cc != CURLE_OK) {
		a.error = curl_word(cc);
		c->st.net_errors++;
		nm_log(NM_LOG_DEBUG, "%s: %s (%s)", e->url, a.error, x->errbuf);
		if (cc == CURLE_TOO_MANY_REDIRECTS) { /* the loop, as it went */
			hop_push(x);
			write_hops(c, x);
		}
		if (cc == CURLE_TOO_MANY_REDIRECTS || cc == CURLE_UNSUPPORTED_PROTOCOL ||
		    cc == CURLE_BAD_CONTENT_ENCODING || cc == CURLE_PEER_FAILED_VERIFICATION)
			finish(c, e, NM_URL_FAILED, &a);
		else
			retry_or_fail(c, x->host, e, &a, -1);
		return;
	}
	if (status == 429 || status >= 500) {
		a.error = status == 429 ? "http_429" : "http_5xx";
		write_warc(c, x, final ? final : e->url, (int)status);
		retry_or_fail(c, x->host, e, &a, retry_after(nm_buf_str(&x->head)));
		return;
	}
	etag = nm_header_field(nm_buf_str(&x->head), "ETag");
	lm = nm_header_field(nm_buf_str(&x->head), "Last-Modified");
	a.etag = etag;
	a.last_modified = lm;
	write_warc(c, x, final ? final : e->url, (int)status);
	if (status == 304) {
		c->st.not_modified++;
		finish(c, e, NM_URL_DONE, &a);
		goto out;
	}
	if (status >= 300) {
		static char word[16];
		snprintf(word, sizeof(word), "http_%ld", status);
		a.error = word;
		finish(c, e, NM_URL_FAILED, &a);
		goto out;
	}
	curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
	if (!type_ok(e->kind, ct)) {
		a.error = "wrong_type";
		finish(c, e, NM_URL_SKIPPED, &a);
		goto out;
	}
	{
		struct batch b = {.c = c, .depth = e->depth};
		enum nm_doc_format fmt = NM_FMT_UNKNOWN;
		bool html = false;
		char *page_origin = origin_of(final ? final : e->url);
		b.page_origin = page_origin;
		/* feeds, sitemaps and pages alike: what does it point to? */
		if (nm_discover(nm_buf_str(&x->body), x->body.len, final ? final : e->url, ct,
				e->kind == NM_KIND_PAGE && e->depth < c->o->max_depth, on_discovered, &b,
				&fmt, NULL) == NM_OK)
			html = fmt == NM_FMT_HTML;
		batch_defer(c, &b);
		free(page_origin);
		if (e->kind == NM_KIND_PAGE && (html || (ct && strstr(ct, "html"))) && c->sink) {
			struct job *j = nm_xcalloc(1, sizeof(*j));
			j->e = *e;
			memset(e, 0, sizeof(*e));
			j->a = a;
			j->final_url = a.final_url ? nm_xstrdup(a.final_url) : NULL;
			j->a.final_url = j->final_url;
			j->etag = etag;
			j->last_modified = lm;
			j->a.etag = etag;
			j->a.last_modified = lm;
			etag = lm = NULL;
			j->content_type = ct ? nm_xstrdup(ct) : NULL;
			j->body = nm_buf_take(&x->body, &j->len);
			j->status = (int)status;
			j->fetched_at = x->start_ms / 1000;
			c->jobs++; /* submitted by flush_pending(), after its links */
			j->next = NULL;
			*c->pend_tail = j;
			c->pend_tail = &j->next;
			goto out;
		}
		finish(c, e, NM_URL_DONE, &a);
	}
out:
	free(etag);
	free(lm);
}

static void done(struct crawl *c, CURLMsg *m)
{
	struct xfer *x = NULL;
	long status = 0;

	curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
	curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &status);
	curl_multi_remove_handle(c->multi, m->easy_handle);
	if (x->prev)
		x->prev->next = x->next;
	else
		c->inflight = x->next;
	if (x->next)
		x->next->prev = x->prev;
	x->host->active--;
	c->active--;
	/* politeness counts from the end of a fetch */
	{
		int64_t next = nm_now_ms() + host_delay_ms(c, x->host);
		if (next > x->host->next_at)
			x->host->next_at = next;
	}
	if (x->robots)
		robots_done(c, x, m->data.result, status);
	else
		entry_done(c, x, m->data.result, status);
	if (c->n_idle < IDLE_MAX) {
		/* nothing may point into x once it is freed */
		curl_easy_setopt(x->easy, CURLOPT_HTTPHEADER, NULL);
		curl_easy_setopt(x->easy, CURLOPT_ERRORBUFFER, NULL);
		c->idle[c->n_idle++] = x->easy;
		x->easy = NULL;
	}
	xfer_free(x);
}

/* ---------------------------------------------------------------- scheduling */

static void load_robots(struct crawl *c, struct host *h, int64_t now)
{
	struct nm_host_info hi = {0};
	char *body = NULL;
	bool found = false;
	enum nm_code rc;

	db_lock(c);
	rc = c->store->host_get(c->store->ctx, h->origin, &hi, &body, &found, c->err);
	db_unlock(c);
	if (rc == NM_OK && found && hi.robots_expires > now && !hi.failures) {
		nm_robots_free(h->robots);
		h->robots = NULL;
		if (body)
			nm_robots_parse(body, hi.robots_len, &h->robots, NULL);
		else
			h->robots = nm_robots_fixed(true);
		if (!h->robots)
			h->robots = nm_robots_fixed(true);
		h->crawl_delay = nm_robots_crawl_delay(h->robots, c->o->user_agent);
		h->robots_expires = hi.robots_expires;
		h->rstate = R_READY;
	}
	free(body);
}

/* Start what may start now; returns ms until something might become due. */
static int64_t schedule(struct crawl *c, int64_t now)
{
	int64_t wake = 1000;
	size_t n = c->n_hosts;

	c->st.hosts_waiting = 0;
	/* backpressure: while the analysers are behind, fetch nothing new */
	if (c->jobs >= (int)(2 * c->o->concurrency + 8))
		return 50;
	for (size_t k = 0; k < n && !c->fatal; k++) {
		struct host *h = c->hosts[(c->rr + k) % n];
		if ((unsigned)c->active >= c->o->concurrency)
			break;
		if (h->dead || h->due_at < 0 || (unsigned)h->active >= c->o->per_host)
			continue;
		if (h->due_at > now) {
			if (h->due_at - now < wake)
				wake = h->due_at - now;
			continue;
		}
		if (c->o->max_pages && c->pages_started >= c->o->max_pages)
			continue;
		if (h->next_at > now) {
			c->st.hosts_waiting++;
			if (h->next_at - now < wake)
				wake = h->next_at - now;
			continue;
		}
		if (h->rstate != R_FETCHING &&
		    (h->rstate == R_UNKNOWN || h->robots_expires <= now)) {
			if (h->rstate == R_UNKNOWN)
				load_robots(c, h, now);
			if (h->rstate != R_READY || h->robots_expires <= now) {
				if (h->active)
					continue; /* let in-flight fetches finish first */
				start_robots(c, h);
				continue;
			}
		}
		if (h->rstate == R_FETCHING)
			continue;
		/* lease: several at once when the host takes several connections */
		while ((unsigned)h->active < c->o->per_host && (unsigned)c->active < c->o->concurrency &&
		       !c->fatal && (h->next_at <= now || h->active == 0)) {
			struct nm_frontier_entry e = {0};
			bool found = false;
			int64_t next = 0;
			if (c->o->max_pages && c->pages_started >= c->o->max_pages)
				break;
			db_lock(c);
			c->fatal = c->store->lease(c->store->ctx, h->origin, now, &e, &found, &next, c->err);
			db_unlock(c);
			if (c->fatal)
				break;
			if (!found) {
				h->due_at = next ? next : -1;
				if (next && next - now < wake)
					wake = next - now;
				break;
			}
			if (h->robots && !nm_robots_allowed(h->robots, c->o->user_agent, e.url, NULL)) {
				struct nm_attempt a = {.at = now, .error = "robots"};
				finish(c, &e, NM_URL_SKIPPED, &a);
				nm_frontier_entry_release(&e);
				continue;
			}
			start_entry(c, h, &e);
			if (c->o->delay_ms || h->crawl_delay > 0)
				break; /* one start per host per pass when a delay applies */
		}
	}
	if (n)
		c->rr = (c->rr + 1) % n;
	return wake < 1 ? 1 : wake;
}

static int on_host(const char *host, int64_t next_at, void *arg)
{
	struct crawl *c = arg;
	struct host *h = host_find(c, host, true);
	if (h->due_at < 0 || next_at < h->due_at)
		h->due_at = next_at;
	return 0;
}

static bool any_work(const struct crawl *c)
{
	if (c->active || c->jobs)
		return true;
	if (c->o->max_pages && c->pages_started >= c->o->max_pages)
		return false;
	for (size_t i = 0; i < c->n_hosts; i++)
		if (c->hosts[i]->due_at >= 0 && !c->hosts[i]->dead)
			return true;
	return false;
}

static void progress(struct crawl *c, int64_t now, bool force)
{
	int64_t q = 0;
	if (!c->o->progress || (!force && now - c->last_progress < 500))
		return;
	c->last_progress = now;
	db_lock(c);
	if (c->store->count(c->store->ctx, NM_URL_QUEUED, &q, NULL) == NM_OK)
		c->st.queued = q;
	c->st.active = c->active;
	c->st.elapsed = (double)(now - c->t0) / 1000.0;
	c->o->progress(&c->st, c->o->cb_arg);
	db_unlock(c);
}

enum nm_code nm_crawl(const struct nm_crawl_opts *o, const struct nm_crawl_source *sources,
		      size_t n_sources, struct nm_frontier_store *store, struct nm_page_sink *sink,
		      struct nm_crawl_stats *stats, struct nm_err *err)
{
	struct crawl c = {.o = o, .store = store, .sink = sink, .err = err};
	enum nm_code rc = NM_OK;

	c.t0 = nm_now_ms();
	c.pend_tail = &c.pend_jobs;
	srand((unsigned)c.t0);
	if (o->warc_path && (rc = nm_warc_open(o->warc_path, "newsmine/0.1", &c.warc, err)))
		return rc;
	if ((rc = store->recover(store->ctx, err)))
		goto out;
	/* sources go in batches of a thousand, one transaction each (a million seeds take
	 * seconds, not an hour of single-row commits) */
	for (size_t i = 0; i < n_sources;) {
		struct batch b = {.c = &c};
		for (; i < n_sources && b.n < 1000; i++) {
			struct nm_frontier_add *a;
			char *key = NULL, *origin;
			if (!is_web(sources[i].url) || nm_url_canonical(sources[i].url, &key, NULL)) {
				nm_log(NM_LOG_WARN, "'%s': not an http(s) URL, skipped", sources[i].url);
				continue;
			}
			if (!(origin = origin_of(key))) {
				free(key);
				continue;
			}
			if (b.n == b.cap) {
				b.cap = b.cap ? b.cap * 2 : 64;
				b.adds = nm_xrealloc(b.adds, b.cap * sizeof(*b.adds));
			}
			a = &b.adds[b.n++];
			memset(a, 0, sizeof(*a));
			a->url = sources[i].url;
			a->key = batch_keep(&b, key);
			a->host = batch_keep(&b, origin);
			a->kind = sources[i].kind;
			a->source = "seed";
			a->requeue = o->requeue_sources;
		}
		if ((rc = batch_flush(&b)))
			goto out;
	}
	if ((rc = store->hosts(store->ctx, on_host, &c, err)))
		goto out;
	c.multi = curl_multi_init();
	curl_multi_setopt(c.multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	curl_multi_setopt(c.multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)o->per_host);
	curl_multi_setopt(c.multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)o->concurrency);
	if (sink)
		workers_start(&c, o->workers);

	while (!c.fatal && !(o->stop && *o->stop) && any_work(&c)) {
		int64_t now = nm_now_ms(), wake;
		int running = 0, left = 0, numfds = 0, finished = 0;
		CURLMsg *m;

		db_section_begin(&c);
		wake = schedule(&c, now);
		db_section_end(&c);
		curl_multi_perform(c.multi, &running);
		/* the pages' links and the next leases: one hold of the database */
		db_section_begin(&c);
		while ((m = curl_multi_info_read(c.multi, &left)))
			if (m->msg == CURLMSG_DONE) {
				done(&c, m);
				finished++;
			}
		flush_pending_links(&c);
		/* put the URLs just found on the wire before storing analysed pages: on a
		 * link-by-link crawl the next requests wait on nothing else */
		if (finished)
			schedule(&c, nm_now_ms());
		db_section_end(&c);
		flush_pending_jobs(&c);
		if (finished)
			curl_multi_perform(c.multi, &running);
		finished += drain(&c);
		progress(&c, nm_now_ms(), false);
		/* a finished transfer frees a slot and may have queued work: schedule again
		 * at once instead of waiting on sockets */
		if (!finished)
			curl_multi_poll(c.multi, NULL, 0, (int)(wake > 200 ? 200 : wake), &numfds);
	}
	{
		/* where the time went: the fetch thread is the crawl's serial part */
		struct rusage ru;
		if (!getrusage(RUSAGE_THREAD, &ru))
			nm_log(NM_LOG_INFO, "crawl: fetch thread %.2f s user, %.2f s system over %.2f s; "
			       "waited %.2f s for the database (%lld times)",
			       (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6,
			       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6,
			       (double)(nm_now_ms() - c.t0) / 1000.0, (double)c.lock_wait_us / 1e6,
			       (long long)c.lock_waits);
	}
	/* stopped early: in-flight URLs stay leased; the next run requeues them */
	workers_stop(&c);
	if (c.multi) {
		while (c.inflight) {
			struct xfer *x = c.inflight;
			c.inflight = x->next;
			curl_multi_remove_handle(c.multi, x->easy);
			xfer_free(x);
		}
		curl_multi_cleanup(c.multi);
	}
	while (c.n_idle)
		curl_easy_cleanup(c.idle[--c.n_idle]);
	progress(&c, nm_now_ms(), true);
	rc = c.fatal;
out:
	for (size_t i = 0; i < c.n_hosts; i++) {
		nm_robots_free(c.hosts[i]->robots);
		free(c.hosts[i]->origin);
		free(c.hosts[i]);
	}
	free(c.hosts);
	free(c.pend);
	known_free(&c);
	{
		struct nm_err werr = {0};
		if (nm_warc_close(c.warc, &werr) && !rc)
			rc = nm_err_set(err, NM_EIO, "%s", werr.msg);
	}
	c.st.elapsed = (double)(nm_now_ms() - c.t0) / 1000.0;
	if (stats)
		*stats = c.st;
	if (rc)
		return rc;
	if (c.st.failed || c.st.sink_errors || c.dead_hosts || (o->stop && *o->stop))
		return c.st.fetched == 0 && c.st.net_errors
			       ? nm_err_set(err, NM_ENET, "nothing could be fetched")
			       : nm_err_set(err, NM_EPARTIAL, "%lld URLs failed, %d hosts unreachable",
					    (long long)c.st.failed, c.dead_hosts);
	return NM_OK;
}

/* ---------------------------------------------------------------- one fetch */

enum nm_code nm_crawl_fetch_one(const char *url, const char *user_agent, struct nm_buf *body,
				char **content_type, char **final_url, int *status,
				struct nm_err *err)
{
	struct nm_crawl_opts o;
	struct xfer x = {0};
	CURLcode cc;
	long code = 0;
	char *ct = NULL, *eff = NULL;

	nm_crawl_opts_init(&o);
	o.user_agent = user_agent ? user_agent : NM_CRAWL_DEFAULT_AGENT;
	o.max_body = body->max;
	x.body = *body;
	nm_buf_init(&x.head, (size_t)1 << 20);
	nm_buf_init(&x.req, (size_t)1 << 20);
	x.easy = easy_new(&o, &x, url);
	if (!x.easy)
		return nm_err_set(err, NM_EINTERNAL, "curl: cannot create a handle");
	cc = curl_easy_perform(x.easy);
	*body = x.body;
	curl_easy_getinfo(x.easy, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(x.easy, CURLINFO_CONTENT_TYPE, &ct);
	curl_easy_getinfo(x.easy, CURLINFO_EFFECTIVE_URL, &eff);
	if (status)
		*status = (int)code;
	if (content_type)
		*content_type = ct ? nm_xstrdup(ct) : NULL;
	if (final_url)
		*final_url = eff ? nm_xstrdup(eff) : NULL;
	curl_easy_cleanup(x.easy);
	nm_buf_release(&x.head);
	nm_buf_release(&x.req);
	if (x.too_large || cc == CURLE_FILESIZE_EXCEEDED)
		return nm_err_set(err, NM_ETOOBIG, "%s: over %zu bytes", url, body->max);
	if (cc)
		return nm_err_set(err, NM_ENET, "%s: %s", url, curl_easy_strerror(cc));
	if (code >= 400)
		return nm_err_set(err, NM_ENOENT, "%s: HTTP %ld", url, code);
	return NM_OK;
}
