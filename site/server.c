/*
 * site/server.c - newsmine-site, the bundled sample news site.
 *
 * Place in the project: test and benchmark fixture, outside the pipeline.
 * It serves site/www (a fictional crypto-news publisher) on 127.0.0.1, plus
 * fault-injection routes under /_fault/ and a synthetic site under /gen/ so
 * that the crawler, the extractor and the benches have a local, deterministic
 * counterpart to the real web.  It depends on nothing else in newsmine.
 *
 *   newsmine-site [--port N] [--root DIR] [--delay-ms N] [--gen-pages N]
 *                 [--pid-file F] [--port-file F]
 *
 * The first line on stdout is the base URL, e.g. http://127.0.0.1:43123.
 * SIGTERM or SIGINT stops it with exit status 0.  See site/README.md.
 *
 * Every per-request allocation is bounded: static files are read into memory
 * only up to MAX_MEM_FILE (bigger ones are streamed from their fd), streamed
 * fault bodies are produced block by block, and the per-path fault counters
 * live in a fixed table.
 */
#define ZLIB_CONST
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#define MAX_MEM_FILE (16u * 1024 * 1024)  /* bytes read into memory per file */
#define MAX_GZIP_INPUT (8u * 1024 * 1024) /* bytes compressed on the fly */
#define MAX_SLOW_MS 120000                /* cap for /_fault/slow?ms= */
#define MAX_HUGE_MB 4096                  /* cap for /_fault/huge?mb= */
#define COUNTER_SLOTS 4096                /* per-path fault counters */
#define GEN_PAGE_MAX 16384                /* bytes of one /gen/N.html page */
#define BLOCK 32768                       /* callback block size */

/* Process-wide settings, written once in main() before the daemon starts. */
static struct {
	char root[PATH_MAX];  /* realpath of the document root */
	size_t root_len;      /* strlen(root) */
	char base[64];        /* "http://127.0.0.1:PORT", no trailing slash */
	unsigned delay_ms;    /* added before every response */
	unsigned long gen_pages; /* /gen/0.html .. /gen/(gen_pages-1).html */
} cfg;

static volatile sig_atomic_t stopping; /* set once shutdown begins */

/* ------------------------------------------------------------------ util */

static void die(const char *msg)
{
	fprintf(stderr, "newsmine-site: fatal: %s\n", msg);
	exit(71);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

/* Sleeps ms milliseconds in small steps so shutdown is not held up. */
static void sleep_ms(unsigned long ms)
{
	while (ms > 0 && !stopping) {
		unsigned long step = ms > 20 ? 20 : ms;
		struct timespec ts = { 0, (long)step * 1000000L };
		nanosleep(&ts, NULL);
		ms -= step;
	}
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && memcmp(s + a - b, suf, b) == 0;
}

static bool has_prefix(const char *s, const char *pre)
{
	return strncmp(s, pre, strlen(pre)) == 0;
}

/* Parses a decimal query argument; returns def when absent or malformed. */
static unsigned long arg_ulong(struct MHD_Connection *c, const char *key,
			       unsigned long def, unsigned long max)
{
	const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, key);
	char *end;
	unsigned long n;

	if (!v || !*v)
		return def;
	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno || *end || v[0] == '-')
		return def;
	return n > max ? max : n;
}

static void http_date(time_t t, char *out, size_t n)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const mons[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, n, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday],
		 tm.tm_mday, mons[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
		 tm.tm_min, tm.tm_sec);
}

/* Parses an IMF-fixdate; returns -1 when it is not one. */
static time_t parse_http_date(const char *s)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (!end || *end)
		return (time_t)-1;
	return timegm(&tm);
}

/* True when Accept-Encoding lists gzip without q=0. */
static bool accepts_gzip(struct MHD_Connection *c)
{
	const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						    MHD_HTTP_HEADER_ACCEPT_ENCODING);
	const char *p;

	if (!v)
		return false;
	for (p = v; (p = strstr(p, "gzip")) != NULL; p += 4) {
		const char *q = p + 4;
		while (*q == ' ')
			q++;
		if (*q == ';') {
			const char *z = strstr(q, "q=");
			if (z && z[2] == '0' && (z[3] == '\0' || z[3] == ',' ||
						 (z[3] == '.' && strspn(z + 4, "0") > 0 &&
						  (z[4 + strspn(z + 4, "0")] == '\0' ||
						   z[4 + strspn(z + 4, "0")] == ','))))
				continue;
		}
		return true;
	}
	return false;
}

/* Gzips in[0..n) into a fresh buffer; returns NULL on failure. */
static unsigned char *gzip_buf(const unsigned char *in, size_t n, size_t *out_len)
{
	z_stream z;
	unsigned char *out;
	uLong cap;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	cap = deflateBound(&z, (uLong)n) + 32;
	out = xmalloc(cap);
	z.next_in = in;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&z);
		free(out);
		return NULL;
	}
	*out_len = z.total_out;
	deflateEnd(&z);
	return out;
}

/* Replaces every "{{BASE}}" in buf[0..n) with cfg.base; frees buf. */
static char *subst_base(char *buf, size_t n, size_t *out_len)
{
	static const char tag[] = "{{BASE}}";
	const size_t tl = sizeof tag - 1, bl = strlen(cfg.base);
	size_t count = 0, i, o = 0;
	char *out;

	for (i = 0; i + tl <= n; i++)
		if (memcmp(buf + i, tag, tl) == 0) {
			count++;
			i += tl - 1;
		}
	if (count == 0) {
		*out_len = n;
		return buf;
	}
	out = xmalloc(n + count * bl + 1);
	for (i = 0; i < n;) {
		if (i + tl <= n && memcmp(buf + i, tag, tl) == 0) {
			memcpy(out + o, cfg.base, bl);
			o += bl;
			i += tl;
		} else {
			out[o++] = buf[i++];
		}
	}
	free(buf);
	*out_len = o;
	return out;
}

/* ------------------------------------------------------- fault counters */

/*
 * Fixed-size open-addressed table of (hash of route+path) -> hits.  When a
 * probe run is full the home slot is overwritten, so memory never grows; a
 * forgotten path simply starts over at zero, which is what a test expects
 * of a path it has not used.
 */
static struct {
	uint64_t key;   /* 0 = empty */
	unsigned hits;  /* requests seen so far */
} counters[COUNTER_SLOTS];
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;

/* Returns how many times this path was seen before this request. */
static unsigned counter_bump(const char *path)
{
	uint64_t h = 1469598103934665603ull;
	const unsigned char *p;
	unsigned i, prev = 0;
	size_t slot, home;

	for (p = (const unsigned char *)path; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	if (h == 0)
		h = 1;
	home = (size_t)(h % COUNTER_SLOTS);
	pthread_mutex_lock(&counter_lock);
	slot = home;
	for (i = 0; i < 64; i++) {
		size_t s = (home + i) % COUNTER_SLOTS;
		if (counters[s].key == h || counters[s].key == 0) {
			slot = s;
			break;
		}
	}
	if (counters[slot].key != h) {
		counters[slot].key = h;
		counters[slot].hits = 0;
	}
	prev = counters[slot].hits;
	if (counters[slot].hits < UINT_MAX)
		counters[slot].hits++;
	pthread_mutex_unlock(&counter_lock);
	return prev;
}

/* ------------------------------------------------------------ responses */

static enum MHD_Result queue_buf(struct MHD_Connection *c, unsigned status,
				 const char *type, const void *data, size_t n)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_buffer(n, (void *)data, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	if (type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result queue_text(struct MHD_Connection *c, unsigned status,
				  const char *msg)
{
	char page[512];
	int n = snprintf(page, sizeof page,
			 "<!doctype html><html><head><meta charset=\"utf-8\">"
			 "<title>%u</title></head><body><h1>%u</h1><p>%s</p>"
			 "</body></html>\n", status, status, msg);
	return queue_buf(c, status, "text/html; charset=utf-8", page, (size_t)n);
}

static enum MHD_Result queue_redirect(struct MHD_Connection *c, unsigned status,
				      const char *path)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	char loc[512];
	char body[700];
	int n;

	snprintf(loc, sizeof loc, "%s%s", cfg.base, path);
	n = snprintf(body, sizeof body,
		     "<!doctype html><html><body><p>Moved to <a href=\"%s\">%s</a></p>"
		     "</body></html>\n", path, path);
	r = MHD_create_response_from_buffer((size_t)n, body, MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, loc);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/html; charset=utf-8");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* ------------------------------------------------------ streamed bodies */

enum stream_kind { ST_RESET, ST_ENDLESS, ST_HUGE, ST_BOMB };

/* State of one streamed body; owned by the MHD response, freed by stream_free. */
struct stream {
	enum stream_kind kind;
	uint64_t total;      /* bytes of body (ST_HUGE, ST_BOMB) */
	char *page;          /* ST_RESET: full page (half is sent) */
	size_t page_len;     /* ST_RESET: bytes in page */
};

static const char huge_head[] =
	"<!doctype html><html><head><meta charset=\"utf-8\"><title>A very large page"
	"</title></head><body><article><h1>A very large page</h1>\n";
static const char huge_line[] =
	"<p>Bitcoin traded sideways while the order books thickened; this line repeats "
	"to make the page big.</p>\n";
static const char huge_tail[] = "</article></body></html>\n";
static const char bomb_head[] =
	"<!doctype html><html><head><title>Compressed</title></head><body><p>";
static const char bomb_tail[] = "</p></body></html>\n";

static void stream_free(void *cls)
{
	struct stream *s = cls;

	if (!s)
		return;
	free(s->page);
	free(s);
}

/* Byte-exact HTML body of s->total bytes built from head, repeated line, tail. */
static ssize_t huge_read(struct stream *s, uint64_t pos, char *buf, size_t max)
{
	const uint64_t hl = sizeof huge_head - 1, tl = sizeof huge_tail - 1;
	const uint64_t ll = sizeof huge_line - 1;
	const uint64_t lines_end = hl + (s->total - tl - hl) / ll * ll;
	size_t o = 0;

	while (o < max && pos < s->total) {
		size_t take;
		if (pos < hl) {
			take = (size_t)(hl - pos);
			if (take > max - o)
				take = max - o;
			memcpy(buf + o, huge_head + pos, take);
		} else if (pos >= s->total - tl) {
			uint64_t off = pos - (s->total - tl);
			take = (size_t)(tl - off);
			if (take > max - o)
				take = max - o;
			memcpy(buf + o, huge_tail + off, take);
		} else if (pos >= lines_end) {
			/* Whole lines only; the gap before the tail is blank. */
			take = (size_t)(s->total - tl - pos);
			if (take > max - o)
				take = max - o;
			memset(buf + o, '\n', take);
		} else {
			uint64_t off = (pos - hl) % ll;
			take = (size_t)(ll - off);
			if (take > max - o)
				take = max - o;
			memcpy(buf + o, huge_line + off, take);
		}
		o += take;
		pos += take;
	}
	return o ? (ssize_t)o : MHD_CONTENT_READER_END_OF_STREAM;
}

/*
 * The gzip bomb is assembled from pieces compressed once at startup, so a
 * request costs neither CPU nor memory: deflate of the head, then the same
 * 1 MiB of spaces BOMB_CHUNKS times, then the tail.  Each piece ends with
 * Z_FULL_FLUSH, which resets the compressor, so the compressed bytes of
 * every chunk after the first are identical and can be repeated.  The gzip
 * trailer's CRC is built with crc32_combine.
 */
#define BOMB_CHUNK (1024u * 1024)
#define BOMB_CHUNKS 1024u /* 1 GiB of spaces in all */
static struct {
	unsigned char *head;   /* gzip header + deflated bomb_head */
	size_t head_len;
	unsigned char *first;  /* first deflated chunk (may differ from the rest) */
	size_t first_len;
	unsigned char *chunk;  /* every later deflated chunk */
	size_t chunk_len;
	unsigned char *tail;   /* deflated bomb_tail, final block, gzip trailer */
	size_t tail_len;
	uint64_t total;        /* compressed bytes in all */
} bomb;

/* Runs deflate on in[0..n) with flush; returns a fresh buffer of the output. */
static unsigned char *deflate_piece(z_stream *z, const void *in, size_t n, int flush,
				    size_t *out_len)
{
	size_t cap = deflateBound(z, (uLong)n) + 64, o = 0;
	unsigned char *out = xmalloc(cap);
	int rc;

	z->next_in = in;
	z->avail_in = (uInt)n;
	do {
		if (o == cap)
			die("gzip bomb: output larger than bound");
		z->next_out = out + o;
		z->avail_out = (uInt)(cap - o);
		rc = deflate(z, flush);
		o = cap - z->avail_out;
	} while (rc == Z_OK && (z->avail_in > 0 || z->avail_out == 0));
	if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
		die("gzip bomb: deflate failed");
	*out_len = o;
	return out;
}

static void bomb_init(void)
{
	static const unsigned char gz_header[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3 };
	char *spaces = xmalloc(BOMB_CHUNK);
	unsigned char *p, *second;
	size_t n, second_len, i;
	uLong crc, crc_chunk;
	uint64_t inflated;
	z_stream z;

	memset(spaces, ' ', BOMB_CHUNK);
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		die("gzip bomb: deflateInit2 failed");
	p = deflate_piece(&z, bomb_head, sizeof bomb_head - 1, Z_FULL_FLUSH, &n);
	bomb.head = xmalloc(n + sizeof gz_header);
	memcpy(bomb.head, gz_header, sizeof gz_header);
	memcpy(bomb.head + sizeof gz_header, p, n);
	bomb.head_len = n + sizeof gz_header;
	free(p);
	bomb.first = deflate_piece(&z, spaces, BOMB_CHUNK, Z_FULL_FLUSH, &bomb.first_len);
	bomb.chunk = deflate_piece(&z, spaces, BOMB_CHUNK, Z_FULL_FLUSH, &bomb.chunk_len);
	second = deflate_piece(&z, spaces, BOMB_CHUNK, Z_FULL_FLUSH, &second_len);
	if (second_len != bomb.chunk_len || memcmp(second, bomb.chunk, second_len) != 0)
		die("gzip bomb: flushed chunks differ");
	free(second);
	/* The stream above has seen one chunk more than we send; the tail piece
	 * is compressed after a full flush, so that does not matter. */
	p = deflate_piece(&z, bomb_tail, sizeof bomb_tail - 1, Z_FINISH, &n);
	deflateEnd(&z);

	crc = crc32(0L, (const unsigned char *)bomb_head, sizeof bomb_head - 1);
	crc_chunk = crc32(0L, (const unsigned char *)spaces, BOMB_CHUNK);
	for (i = 0; i < BOMB_CHUNKS; i++)
		crc = crc32_combine(crc, crc_chunk, BOMB_CHUNK);
	crc = crc32_combine(crc, crc32(0L, (const unsigned char *)bomb_tail,
				       sizeof bomb_tail - 1), sizeof bomb_tail - 1);
	inflated = sizeof bomb_head - 1 + (uint64_t)BOMB_CHUNK * BOMB_CHUNKS +
		   sizeof bomb_tail - 1;
	bomb.tail = xmalloc(n + 8);
	memcpy(bomb.tail, p, n);
	for (i = 0; i < 4; i++) {
		bomb.tail[n + i] = (unsigned char)(crc >> (8 * i));
		bomb.tail[n + 4 + i] = (unsigned char)(inflated >> (8 * i));
	}
	bomb.tail_len = n + 8;
	free(p);
	free(spaces);
	bomb.total = bomb.head_len + bomb.first_len +
		     (uint64_t)bomb.chunk_len * (BOMB_CHUNKS - 1) + bomb.tail_len;
}

/* Copies bytes of the assembled bomb starting at pos. */
static ssize_t bomb_read(uint64_t pos, char *buf, size_t max)
{
	size_t o = 0;

	while (o < max && pos < bomb.total) {
		const unsigned char *src;
		uint64_t off, len;
		size_t take;
		if (pos < bomb.head_len) {
			src = bomb.head, off = pos, len = bomb.head_len;
		} else if (pos < bomb.head_len + bomb.first_len) {
			src = bomb.first, off = pos - bomb.head_len, len = bomb.first_len;
		} else if (pos < bomb.total - bomb.tail_len) {
			off = (pos - bomb.head_len - bomb.first_len) % bomb.chunk_len;
			src = bomb.chunk, len = bomb.chunk_len;
		} else {
			src = bomb.tail, off = pos - (bomb.total - bomb.tail_len);
			len = bomb.tail_len;
		}
		take = (size_t)(len - off);
		if (take > max - o)
			take = max - o;
		memcpy(buf + o, src + off, take);
		o += take;
		pos += take;
	}
	return o ? (ssize_t)o : MHD_CONTENT_READER_END_OF_STREAM;
}

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *s = cls;

	if (stopping)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	switch (s->kind) {
	case ST_RESET: {
		size_t half = s->page_len / 2;
		size_t n;
		if (pos >= half)
			return MHD_CONTENT_READER_END_WITH_ERROR;
		n = half - (size_t)pos;
		if (n > max)
			n = max;
		memcpy(buf, s->page + pos, n);
		return (ssize_t)n;
	}
	case ST_ENDLESS: {
		size_t o = 0;
		if (pos == 0) {
			static const char head[] =
				"<!doctype html><html><head><meta charset=\"utf-8\">"
				"<title>Endless</title></head><body>\n";
			memcpy(buf, head, sizeof head - 1 < max ? sizeof head - 1 : max);
			return (ssize_t)(sizeof head - 1 < max ? sizeof head - 1 : max);
		}
		while (o + 64 <= max) {
			int n = snprintf(buf + o, max - o,
					 "<p>Still streaming at byte %llu.</p>\n",
					 (unsigned long long)(pos + o));
			if (n < 0 || (size_t)n >= max - o)
				break;
			o += (size_t)n;
		}
		if (o == 0) {
			memset(buf, ' ', max);
			o = max;
		}
		return (ssize_t)o;
	}
	case ST_HUGE:
		return huge_read(s, pos, buf, max);
	case ST_BOMB:
		return bomb_read(pos, buf, max);
	}
	return MHD_CONTENT_READER_END_WITH_ERROR;
}

static enum MHD_Result queue_stream(struct MHD_Connection *c, struct stream *s,
				    uint64_t size, const char *type,
				    const char *encoding)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_callback(size, BLOCK, stream_read, s, stream_free);
	if (!r) {
		stream_free(s);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	if (encoding)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, encoding);
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

static struct stream *stream_new(enum stream_kind kind)
{
	struct stream *s = xmalloc(sizeof *s);

	memset(s, 0, sizeof *s);
	s->kind = kind;
	return s;
}

/* --------------------------------------------------------- fault routes */

static const char fault_index[] =
	"<!doctype html><html><head><meta charset=\"utf-8\"><title>Fault routes</title>"
	"</head><body><h1>Fault routes</h1><ul>\n"
	"<li><a href=\"/_fault/slow?ms=2000\">slow</a></li>\n"
	"<li><a href=\"/_fault/reset\">reset</a></li>\n"
	"<li><a href=\"/_fault/429\">429</a></li>\n"
	"<li><a href=\"/_fault/500\">500</a></li>\n"
	"<li><a href=\"/_fault/flaky\">flaky</a></li>\n"
	"<li><a href=\"/_fault/redirect-loop\">redirect-loop</a></li>\n"
	"<li><a href=\"/_fault/redirect-chain\">redirect-chain</a></li>\n"
	"<li><a href=\"/_fault/endless\">endless</a></li>\n"
	"<li><a href=\"/_fault/gzip-bomb\">gzip-bomb</a></li>\n"
	"<li><a href=\"/_fault/wrong-type\">wrong-type</a></li>\n"
	"<li><a href=\"/_fault/bad-charset\">bad-charset</a></li>\n"
	"<li><a href=\"/_fault/huge?mb=10\">huge</a></li>\n"
	"</ul></body></html>\n";

static const char fault_ok_page[] =
	"<!doctype html><html><head><meta charset=\"utf-8\"><title>Recovered</title>"
	"</head><body><article><h1>Recovered</h1><p>The server answered normally "
	"this time. Bitcoin held above $90,000 while traders waited for the next "
	"move.</p></article></body></html>\n";

/* True when url is route itself or route followed by '/'. */
static bool route_is(const char *url, const char *route, const char **rest)
{
	size_t n = strlen(route);

	if (strncmp(url, route, n) != 0 || (url[n] != '\0' && url[n] != '/'))
		return false;
	*rest = url + n;
	return true;
}

static enum MHD_Result serve_fault(struct MHD_Connection *c, const char *url)
{
	const char *rest;

	if (strcmp(url, "/_fault") == 0 || strcmp(url, "/_fault/") == 0)
		return queue_buf(c, MHD_HTTP_OK, "text/html; charset=utf-8",
				 fault_index, sizeof fault_index - 1);

	if (route_is(url, "/_fault/slow", &rest)) {
		sleep_ms(arg_ulong(c, "ms", 2000, MAX_SLOW_MS));
		return queue_buf(c, MHD_HTTP_OK, "text/html; charset=utf-8",
				 fault_ok_page, sizeof fault_ok_page - 1);
	}
	if (route_is(url, "/_fault/reset", &rest)) {
		struct stream *s = stream_new(ST_RESET);
		size_t cap = 20000, o = 0;
		unsigned i;
		s->page = xmalloc(cap);
		o += (size_t)snprintf(s->page + o, cap - o, "%s", huge_head);
		for (i = 0; o + sizeof huge_line + sizeof huge_tail < cap; i++)
			o += (size_t)snprintf(s->page + o, cap - o, "%s", huge_line);
		o += (size_t)snprintf(s->page + o, cap - o, "%s", huge_tail);
		s->page_len = o;
		return queue_stream(c, s, o, "text/html; charset=utf-8", NULL);
	}
	if (route_is(url, "/_fault/429", &rest)) {
		struct MHD_Response *r;
		enum MHD_Result ret;
		static const char msg[] = "<!doctype html><html><body><p>Too many requests"
					  "</p></body></html>\n";
		if (counter_bump(url) > 0)
			return queue_buf(c, MHD_HTTP_OK, "text/html; charset=utf-8",
					 fault_ok_page, sizeof fault_ok_page - 1);
		r = MHD_create_response_from_buffer(sizeof msg - 1, (void *)msg,
						    MHD_RESPMEM_PERSISTENT);
		if (!r)
			return MHD_NO;
		MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "1");
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/html; charset=utf-8");
		ret = MHD_queue_response(c, MHD_HTTP_TOO_MANY_REQUESTS, r);
		MHD_destroy_response(r);
		return ret;
	}
	if (route_is(url, "/_fault/500", &rest))
		return queue_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "always failing");
	if (route_is(url, "/_fault/flaky", &rest)) {
		if (counter_bump(url) < 2)
			return queue_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "flaky failure");
		return queue_buf(c, MHD_HTTP_OK, "text/html; charset=utf-8",
				 fault_ok_page, sizeof fault_ok_page - 1);
	}
	if (route_is(url, "/_fault/redirect-loop", &rest)) {
		if (strcmp(rest, "/b") == 0)
			return queue_redirect(c, MHD_HTTP_FOUND, "/_fault/redirect-loop/a");
		return queue_redirect(c, MHD_HTTP_FOUND, "/_fault/redirect-loop/b");
	}
	if (route_is(url, "/_fault/redirect-chain", &rest)) {
		if (strcmp(rest, "/2") == 0)
			return queue_redirect(c, MHD_HTTP_FOUND, "/_fault/redirect-chain/3");
		if (strcmp(rest, "/3") == 0)
			return queue_redirect(c, MHD_HTTP_TEMPORARY_REDIRECT,
					      "/news/2025/11/crypto-liquidations-reset-or-risk-off.html");
		return queue_redirect(c, MHD_HTTP_MOVED_PERMANENTLY, "/_fault/redirect-chain/2");
	}
	if (route_is(url, "/_fault/endless", &rest))
		return queue_stream(c, stream_new(ST_ENDLESS), MHD_SIZE_UNKNOWN,
				    "text/html; charset=utf-8", NULL);
	if (route_is(url, "/_fault/gzip-bomb", &rest)) {
		return queue_stream(c, stream_new(ST_BOMB), bomb.total,
				    "text/html; charset=utf-8", "gzip");
	}
	if (route_is(url, "/_fault/wrong-type", &rest))
		return queue_buf(c, MHD_HTTP_OK, "image/png", fault_ok_page,
				 sizeof fault_ok_page - 1);
	if (route_is(url, "/_fault/bad-charset", &rest)) {
		/* Latin-1 bytes (e9 = e-acute, a3 = pound, b0 = degree) under a UTF-8 label. */
		static const char page[] =
			"<!doctype html><html><head><meta charset=\"utf-8\">"
			"<title>Caf\xe9 traders</title></head><body><article>"
			"<h1>Caf\xe9 traders shrug off the dip</h1>"
			"<p>At a caf\xe9 near the exchange, traders said Bitcoin slipped to "
			"\xa3" "71,000 before buyers stepped in. Sentiment turned 180\xb0 "
			"within an hour, and Ether's r\xe9sistance near $3,400 held.</p>"
			"</article></body></html>\n";
		return queue_buf(c, MHD_HTTP_OK, "text/html; charset=utf-8", page,
				 sizeof page - 1);
	}
	if (route_is(url, "/_fault/huge", &rest)) {
		struct stream *s = stream_new(ST_HUGE);
		unsigned long mb = arg_ulong(c, "mb", 10, MAX_HUGE_MB);
		s->total = (uint64_t)mb * 1024 * 1024;
		if (s->total < 256)
			s->total = 256;
		return queue_stream(c, s, s->total, "text/html; charset=utf-8", NULL);
	}
	return queue_text(c, MHD_HTTP_NOT_FOUND, "no such fault route");
}

/* ------------------------------------------------------- generated site */

/* splitmix64: a small deterministic generator, so /gen/N.html never changes. */
static uint64_t mix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

struct page {
	char buf[GEN_PAGE_MAX]; /* page text */
	size_t len;             /* bytes used, truncated silently at the cap */
};

static void put(struct page *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct page *p, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->len >= sizeof p->buf - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(p->buf + p->len, sizeof p->buf - p->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	p->len += (size_t)n;
	if (p->len > sizeof p->buf - 1)
		p->len = sizeof p->buf - 1;
}

static const char *const gen_assets[][2] = {
	{ "Bitcoin", "BTC" }, { "Ethereum", "ETH" }, { "Solana", "SOL" },
	{ "XRP", "XRP" }, { "Dogecoin", "DOGE" }, { "Cardano", "ADA" },
	{ "BNB", "BNB" }, { "Chainlink", "LINK" }, { "Avalanche", "AVAX" },
	{ "Zcash", "ZEC" },
};
static const unsigned gen_base_price[] = { 90000, 3200, 150, 2, 0, 1, 600, 15, 25, 60 };
#define N_GEN_ASSETS (sizeof gen_assets / sizeof gen_assets[0])

static void gen_page(struct page *p, unsigned long n)
{
	uint64_t seed = n * 2654435761ull + 17;
	unsigned a = (unsigned)(mix(&seed) % N_GEN_ASSETS);
	unsigned b = (unsigned)((a + 1 + mix(&seed) % (N_GEN_ASSETS - 1)) % N_GEN_ASSETS);
	unsigned total = 120 + (unsigned)(mix(&seed) % 800);
	unsigned share_a = total * (30 + (unsigned)(mix(&seed) % 30)) / 100;
	unsigned share_b = (total - share_a) * (20 + (unsigned)(mix(&seed) % 40)) / 100;
	unsigned hours = (unsigned[]){ 1, 4, 12, 24 }[mix(&seed) % 4];
	unsigned day = (unsigned)(n % 270);
	unsigned month = 3, mday = 1 + day;
	static const unsigned mlen[] = { 31, 30, 31, 30, 31, 31, 30, 31, 30 };
	unsigned price = gen_base_price[a];
	unsigned level;
	unsigned long k;

	while (month - 3 < 9 && mday > mlen[month - 3]) {
		mday -= mlen[month - 3];
		month++;
	}
	if (price == 0)
		price = 1;
	level = price + price * (unsigned)(mix(&seed) % 8) / 100;

	put(p, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	       "<title>%s leads $%u million liquidation wave | Generated Wire</title>\n"
	       "<meta property=\"article:published_time\" content=\"2025-%02u-%02uT%02u:00:00Z\">\n"
	       "<link rel=\"canonical\" href=\"/gen/%lu.html\">\n</head><body>\n"
	       "<nav><a href=\"/gen/\">Generated Wire</a> | <a href=\"/\">Home</a></nav>\n"
	       "<article><h1>%s leads $%u million liquidation wave</h1>\n"
	       "<p class=\"byline\">By Desk %lu &middot; <time datetime=\"2025-%02u-%02u\">"
	       "2025-%02u-%02u</time></p>\n",
	    gen_assets[a][0], total, month, mday, (unsigned)(n % 24), n,
	    gen_assets[a][0], total, n % 7, month, mday, month, mday);
	put(p, "<p>Leveraged traders lost about $%u million in the past %u hours, "
	       "according to derivatives data. %s (%s) accounted for $%u million of the "
	       "total and %s (%s) for $%u million.</p>\n",
	    total, hours, gen_assets[a][0], gen_assets[a][1], share_a,
	    gen_assets[b][0], gen_assets[b][1], share_b);
	if (price >= 10)
		put(p, "<p>The move started when %s was rejected at $%u, a level that had "
		       "capped rallies twice this month. Sellers pressed the price back toward "
		       "$%u within the hour.</p>\n",
		    gen_assets[a][1], level, price - price / 20);
	else
		put(p, "<p>The move started when %s failed to hold its recent range and "
		       "slid by %u%% in a single session.</p>\n",
		    gen_assets[a][1], 3 + (unsigned)(mix(&seed) % 9));
	switch (mix(&seed) % 3) {
	case 0:
		put(p, "<p>Analysts warn that another test of resistance could face "
		       "rejection if funding rates stay elevated.</p>\n");
		break;
	case 1:
		put(p, "<p>Desk strategists said there was no sign of a broad risk-off "
		       "move; equities were flat and the dollar was steady.</p>\n");
		break;
	default:
		put(p, "<p>Investors dumped risk assets across the board, a flight to "
		       "safety that also hit technology shares.</p>\n");
		break;
	}
	put(p, "<p>Open interest fell by %u%% across major venues as positions were "
	       "closed.</p>\n</article>\n<aside><h2>Related posts</h2><ul>\n",
	    5 + (unsigned)(mix(&seed) % 20));
	for (k = n + 1; k <= n + 5 && k < cfg.gen_pages; k++)
		put(p, "<li><a href=\"/gen/%lu.html\">Generated story %lu</a></li>\n", k, k);
	put(p, "</ul></aside>\n<footer><p>&copy; 2025 Generated Wire. Synthetic page %lu.</p>"
	       "</footer>\n</body></html>\n", n);
}

static enum MHD_Result serve_gen(struct MHD_Connection *c, const char *url)
{
	const char *num = url + strlen("/gen/");
	struct page *p;
	enum MHD_Result ret;
	char *end;
	unsigned long n;

	if (*num == '\0' || strcmp(num, "index.html") == 0) {
		char page[512];
		int len = snprintf(page, sizeof page,
				   "<!doctype html><html><head><meta charset=\"utf-8\">"
				   "<title>Generated Wire</title></head><body><h1>Generated "
				   "Wire</h1><p>%lu synthetic pages.</p><p><a href=\"/gen/0.html\">"
				   "Start reading</a></p></body></html>\n", cfg.gen_pages);
		return queue_buf(c, MHD_HTTP_OK, "text/html; charset=utf-8", page, (size_t)len);
	}
	if (num[0] < '0' || num[0] > '9' || (num[0] == '0' && num[1] != '.'))
		return queue_text(c, MHD_HTTP_NOT_FOUND, "no such generated page");
	errno = 0;
	n = strtoul(num, &end, 10);
	if (errno || strcmp(end, ".html") != 0 || n >= cfg.gen_pages)
		return queue_text(c, MHD_HTTP_NOT_FOUND, "no such generated page");
	p = xmalloc(sizeof *p);
	p->len = 0;
	gen_page(p, n);
	ret = queue_buf(c, MHD_HTTP_OK, "text/html; charset=utf-8", p->buf, p->len);
	free(p);
	return ret;
}

/* --------------------------------------------------------- static files */

static const struct {
	const char *suffix;
	const char *type;
	bool text; /* compressible, and {{BASE}} is substituted when templated */
	bool templated;
} types[] = {
	{ "feed.xml", "application/rss+xml; charset=utf-8", true, true },
	{ "atom.xml", "application/atom+xml; charset=utf-8", true, true },
	{ ".html", "text/html; charset=utf-8", true, false },
	{ ".htm", "text/html; charset=utf-8", true, false },
	{ ".xml", "application/xml; charset=utf-8", true, true },
	{ ".txt", "text/plain; charset=utf-8", true, true },
	{ ".css", "text/css; charset=utf-8", true, false },
	{ ".js", "application/javascript; charset=utf-8", true, false },
	{ ".json", "application/json", true, true },
	{ ".svg", "image/svg+xml", true, false },
	{ ".png", "image/png", false, false },
	{ ".jpg", "image/jpeg", false, false },
	{ ".jpeg", "image/jpeg", false, false },
	{ ".gif", "image/gif", false, false },
	{ ".ico", "image/x-icon", false, false },
	{ ".gz", "application/gzip", false, false },
};

static size_t type_of(const char *path)
{
	size_t i;

	for (i = 0; i < sizeof types / sizeof types[0]; i++)
		if (has_suffix(path, types[i].suffix))
			return i;
	return SIZE_MAX;
}

/* Rejects "..", ".", empty-looking tricks and backslashes in a decoded path. */
static bool path_is_safe(const char *url)
{
	const char *p = url;

	if (url[0] != '/' || strchr(url, '\\'))
		return false;
	while (*p) {
		const char *seg = ++p;
		size_t len;
		while (*p && *p != '/')
			p++;
		len = (size_t)(p - seg);
		if ((len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.'))
			return false;
	}
	return true;
}

/* Reads at most MAX_MEM_FILE bytes of fd; returns NULL when bigger or on error. */
static char *read_fd(int fd, size_t size)
{
	char *buf;
	size_t got = 0;

	if (size > MAX_MEM_FILE)
		return NULL;
	buf = xmalloc(size + 1);
	while (got < size) {
		ssize_t n = read(fd, buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(buf);
			return NULL;
		}
		got += (size_t)n;
	}
	buf[got] = '\0';
	return buf;
}

static bool not_modified(struct MHD_Connection *c, const char *etag, time_t mtime)
{
	const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						      MHD_HTTP_HEADER_IF_NONE_MATCH);
	const char *ims;

	if (inm)
		return strcmp(inm, "*") == 0 || strstr(inm, etag) != NULL;
	ims = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
					  MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
	if (ims) {
		time_t t = parse_http_date(ims);
		return t != (time_t)-1 && mtime <= t;
	}
	return false;
}

static enum MHD_Result serve_file(struct MHD_Connection *c, const char *url)
{
	char path[PATH_MAX], real[PATH_MAX], etag[96], lastmod[64];
	struct stat st;
	bool gz_virtual = false, use_gzip = false;
	size_t ti, n;
	struct MHD_Response *r;
	enum MHD_Result ret;
	char *body;
	int fd;

	if (!path_is_safe(url))
		return queue_text(c, MHD_HTTP_BAD_REQUEST, "bad path");
	if ((size_t)snprintf(path, sizeof path, "%s%s", cfg.root, url) >= sizeof path - 16)
		return queue_text(c, MHD_HTTP_NOT_FOUND, "not found");
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (!has_suffix(url, "/")) {
			char loc[PATH_MAX];
			snprintf(loc, sizeof loc, "%s/", url);
			return queue_redirect(c, MHD_HTTP_MOVED_PERMANENTLY, loc);
		}
		size_t pl = strlen(path);
		snprintf(path + pl, sizeof path - pl, "index.html");
	}
	if (stat(path, &st) != 0 && has_suffix(path, ".gz")) {
		/* /x.xml.gz is x.xml with {{BASE}} filled in, gzipped on request. */
		path[strlen(path) - 3] = '\0';
		gz_virtual = true;
	}
	if (!realpath(path, real) || strncmp(real, cfg.root, cfg.root_len) != 0 ||
	    real[cfg.root_len] != '/')
		return queue_text(c, MHD_HTTP_NOT_FOUND, "not found");
	fd = open(real, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return queue_text(c, MHD_HTTP_NOT_FOUND, "not found");
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return queue_text(c, MHD_HTTP_NOT_FOUND, "not found");
	}
	ti = type_of(real);
	if (gz_virtual && (ti == SIZE_MAX || !types[ti].templated)) {
		close(fd);
		return queue_text(c, MHD_HTTP_NOT_FOUND, "not found");
	}
	use_gzip = !gz_virtual && ti != SIZE_MAX && types[ti].text &&
		   (size_t)st.st_size <= MAX_GZIP_INPUT && st.st_size >= 256 &&
		   accepts_gzip(c);
	snprintf(etag, sizeof etag, "\"%llx-%llx%s\"",
		 (unsigned long long)st.st_mtime, (unsigned long long)st.st_size,
		 gz_virtual ? "-z" : use_gzip ? "-gzip" : "");
	http_date(st.st_mtime, lastmod, sizeof lastmod);

	if (not_modified(c, etag, st.st_mtime)) {
		close(fd);
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
		if (!r)
			return MHD_NO;
		MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
		MHD_add_response_header(r, MHD_HTTP_HEADER_LAST_MODIFIED, lastmod);
		ret = MHD_queue_response(c, MHD_HTTP_NOT_MODIFIED, r);
		MHD_destroy_response(r);
		return ret;
	}

	body = read_fd(fd, (size_t)st.st_size);
	if (!body) {
		/* Too big for memory: stream it as-is, no template, no gzip. */
		if ((uint64_t)st.st_size > MAX_MEM_FILE) {
			r = MHD_create_response_from_fd((size_t)st.st_size, fd);
			if (!r) {
				close(fd);
				return MHD_NO;
			}
			goto headers;
		}
		close(fd);
		return queue_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "read error");
	}
	close(fd);
	n = (size_t)st.st_size;
	if (ti != SIZE_MAX && types[ti].templated)
		body = subst_base(body, n, &n);
	if (gz_virtual || use_gzip) {
		size_t zn;
		unsigned char *z = gzip_buf((unsigned char *)body, n, &zn);
		if (!z) {
			free(body);
			return queue_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "gzip error");
		}
		free(body);
		body = (char *)z;
		n = zn;
	}
	r = MHD_create_response_from_buffer(n, body, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(body);
		return MHD_NO;
	}
headers:
	if (gz_virtual)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/gzip");
	else
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
					ti == SIZE_MAX ? "application/octet-stream"
						       : types[ti].type);
	if (use_gzip)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	if (ti != SIZE_MAX && types[ti].text && !gz_virtual)
		MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
	MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
	MHD_add_response_header(r, MHD_HTTP_HEADER_LAST_MODIFIED, lastmod);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "max-age=60");
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

/* ------------------------------------------------------------- dispatch */

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version,
			      const char *upload_data, size_t *upload_data_size,
			      void **con_cls)
{
	(void)cls;
	(void)version;
	(void)upload_data;

	/*
	 * First call: headers only.  Answering here would make MHD close the
	 * connection (it cannot know the body is empty), so wait for the second
	 * call to keep keep-alive working.  Request bodies are never wanted and
	 * are dropped unread.
	 */
	if (*con_cls == NULL) {
		*con_cls = (void *)1;
		return MHD_YES;
	}
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		if (*upload_data_size) {
			*upload_data_size = 0;
			return MHD_YES;
		}
		return queue_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed");
	}
	if (*upload_data_size) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (cfg.delay_ms)
		sleep_ms(cfg.delay_ms);
	if (strcmp(url, "/_fault") == 0 || has_prefix(url, "/_fault/"))
		return serve_fault(c, url);
	if (has_prefix(url, "/gen/"))
		return serve_gen(c, url);
	return serve_file(c, url);
}

/* ----------------------------------------------------------------- main */

static void usage(void)
{
	fputs("usage: newsmine-site [--port N] [--root DIR] [--delay-ms N] "
	      "[--gen-pages N] [--pid-file F] [--port-file F]\n", stderr);
	exit(64);
}

static unsigned long parse_num(const char *s, unsigned long max)
{
	char *end;
	unsigned long n;

	errno = 0;
	if (!s || !*s || s[0] == '-')
		usage();
	n = strtoul(s, &end, 10);
	if (errno || *end || n > max)
		usage();
	return n;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		fprintf(stderr, "newsmine-site: error: cannot write '%s': %s\n", path,
			strerror(errno));
		exit(73);
	}
}

/* Finds site/www next to the executable (repo root), or www next to it. */
static bool default_root(char *out, size_t n)
{
	static const char *const tries[] = { "/site/www", "/www", "/../site/www" };
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;
	size_t i;

	if (len <= 0)
		return false;
	exe[len] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	for (i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		struct stat st;
		if ((size_t)snprintf(out, n, "%s%s", exe, tries[i]) < n &&
		    stat(out, &st) == 0 && S_ISDIR(st.st_mode))
			return true;
	}
	return false;
}

int main(int argc, char **argv)
{
	unsigned long port = 0;
	const char *root = NULL, *pid_file = NULL, *port_file = NULL;
	char root_buf[PATH_MAX];
	struct sockaddr_in addr;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t set;
	int i, sig;

	cfg.gen_pages = 10000;
	for (i = 1; i < argc; i += 2) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--port") == 0)
			port = parse_num(v, 65535);
		else if (strcmp(a, "--root") == 0 && v)
			root = v;
		else if (strcmp(a, "--delay-ms") == 0)
			cfg.delay_ms = (unsigned)parse_num(v, 600000);
		else if (strcmp(a, "--gen-pages") == 0)
			cfg.gen_pages = parse_num(v, 100000000);
		else if (strcmp(a, "--pid-file") == 0 && v)
			pid_file = v;
		else if (strcmp(a, "--port-file") == 0 && v)
			port_file = v;
		else
			usage();
	}
	if (!root) {
		if (!default_root(root_buf, sizeof root_buf)) {
			fputs("newsmine-site: error: cannot find site/www next to the "
			      "executable; use --root\n", stderr);
			return 66;
		}
		root = root_buf;
	}
	if (!realpath(root, cfg.root)) {
		fprintf(stderr, "newsmine-site: error: cannot open root '%s': %s\n", root,
			strerror(errno));
		return 66;
	}
	cfg.root_len = strlen(cfg.root);
	if (cfg.root_len == 1) /* "/" as root: keep the prefix check meaningful */
		cfg.root_len = 0;
	bomb_init();

	/* Block the stop signals before any thread exists, then sigwait for them. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (port)
		snprintf(cfg.base, sizeof cfg.base, "http://127.0.0.1:%lu", port);
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
			     MHD_USE_POLL,
			     0, NULL, NULL, handle, NULL,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned int)512,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)60,
			     MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "newsmine-site: error: cannot listen on 127.0.0.1:%lu\n", port);
		return 71;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (!info || info->port == 0) {
		MHD_stop_daemon(d);
		fputs("newsmine-site: error: cannot learn the bound port\n", stderr);
		return 71;
	}
	snprintf(cfg.base, sizeof cfg.base, "http://127.0.0.1:%u", (unsigned)info->port);
	if (port_file) {
		char txt[16];
		snprintf(txt, sizeof txt, "%u\n", (unsigned)info->port);
		write_file(port_file, txt);
	}
	if (pid_file) {
		char txt[32];
		snprintf(txt, sizeof txt, "%ld\n", (long)getpid());
		write_file(pid_file, txt);
	}
	printf("%s\n", cfg.base);
	fflush(stdout);

	do {
		if (sigwait(&set, &sig) != 0)
			sig = SIGTERM;
	} while (sig != SIGTERM && sig != SIGINT);
	stopping = 1;
	MHD_stop_daemon(d);
	if (pid_file)
		unlink(pid_file);
	if (port_file)
		unlink(port_file);
	return 0;
}
