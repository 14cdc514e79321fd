/* tests/unit/test_crawler.c — crawler/ through crawler.h: discovery of feeds, sitemaps
 * and pages (formats, xml:base, CDATA, gzip, no external entities, caps), the WARC
 * writer read back by the WARC reader, and the reader on $SHARED's sample WARCs. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "crawler/crawler.h"
#include "crawler/crawler_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

struct got {
	char urls[16][256];
	char kinds[16][16];
	char titles[16][128];
	int64_t published[16], lastmod[16];
	enum nm_kind fetch_as[16];
	size_t n;
};

static int collect(const struct nm_discovered *d, void *arg)
{
	struct got *g = arg;
	if (g->n < 16) {
		snprintf(g->urls[g->n], sizeof(g->urls[0]), "%s", d->url);
		snprintf(g->kinds[g->n], sizeof(g->kinds[0]), "%s", d->kind);
		snprintf(g->titles[g->n], sizeof(g->titles[0]), "%s", d->title ? d->title : "");
		g->published[g->n] = d->published;
		g->lastmod[g->n] = d->lastmod;
		g->fetch_as[g->n] = d->fetch_as;
	}
	g->n++;
	return 0;
}

static enum nm_code disc(const char *doc, const char *base, bool links, struct got *g,
			 enum nm_doc_format *fmt)
{
	memset(g, 0, sizeof(*g));
	return nm_discover(doc, strlen(doc), base, NULL, links, collect, g, fmt, NULL);
}

static void rss(void **state)
{
	struct got g;
	enum nm_doc_format f;
	const char *doc =
		"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
		"<item><title><![CDATA[BTC <falls>]]></title><link> /a/1.html </link>"
		"<pubDate>Mon, 17 Nov 2025 08:00:00 GMT</pubDate></item>"
		"<item><guid>http://x.org/guid</guid><title>G</title></item>"
		"<item><guid isPermaLink=\"false\">tag:x,1</guid></item>" /* no URL: skipped */
		"</channel></rss>";
	assert_int_equal(disc(doc, "http://x.org/feed", false, &g, &f), NM_OK);
	assert_int_equal(f, NM_FMT_RSS);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.urls[0], "http://x.org/a/1.html");
	assert_string_equal(g.titles[0], "BTC <falls>");
	assert_int_equal(g.published[0], 1763366400);
	assert_string_equal(g.kinds[0], "item");
	assert_int_equal(g.fetch_as[0], NM_KIND_PAGE);
	assert_string_equal(g.urls[1], "http://x.org/guid");
}

static void atom_and_rdf(void **state)
{
	struct got g;
	enum nm_doc_format f;
	const char *atom =
		"<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://a.org/news/\">"
		"<entry xml:base=\"2025/\"><title>E</title><link rel=\"self\" href=\"/self\"/>"
		"<link rel=\"alternate\" type=\"text/html\" href=\"e1.html\"/>"
		"<updated>2025-11-17T09:00:00Z</updated><published>2025-11-17T08:00:00Z</published></entry>"
		"<entry><id>http://a.org/id2</id></entry></feed>";
	const char *rdf =
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
		"xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
		"<channel><title>c</title></channel><item><title>R</title><link>http://r.org/1</link>"
		"<dc:date>2025-01-02</dc:date></item></rdf:RDF>";
	assert_int_equal(disc(atom, "http://ignored/", false, &g, &f), NM_OK);
	assert_int_equal(f, NM_FMT_ATOM);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.urls[0], "http://a.org/news/2025/e1.html");
	assert_int_equal(g.published[0], 1763366400);
	assert_int_equal(g.lastmod[0], 1763370000);
	assert_string_equal(g.urls[1], "http://a.org/id2");
	assert_int_equal(disc(rdf, NULL, false, &g, &f), NM_OK);
	assert_int_equal(f, NM_FMT_RDF);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.urls[0], "http://r.org/1");
	assert_int_equal(g.published[0], 1735776000);
}

static void sitemaps(void **state)
{
	struct got g;
	enum nm_doc_format f;
	const char *index =
		"<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
		"<sitemap><loc>http://s.org/a.xml.gz</loc><lastmod>2025-11-01</lastmod></sitemap>"
		"</sitemapindex>";
	const char *news =
		"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
		"xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">"
		"<url><loc>http://s.org/n1</loc><news:news><news:publication><news:name>P</news:name>"
		"</news:publication><news:publication_date>2025-11-17T08:00:00+00:00</news:publication_date>"
		"<news:title>Headline</news:title></news:news></url>"
		"<url><loc>http://s.org/p</loc><lastmod>2025-11-02T00:00:00Z</lastmod></url></urlset>";
	const char *text = "\xEF\xBB\xBFhttp://t.org/1\n\n  https://t.org/2  \r\nnot a url\nftp://x/\n";
	assert_int_equal(disc(index, NULL, false, &g, &f), NM_OK);
	assert_int_equal(f, NM_FMT_SITEMAPINDEX);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.kinds[0], "sitemap");
	assert_int_equal(g.fetch_as[0], NM_KIND_SITEMAP);
	assert_int_equal(g.lastmod[0], 1761955200);
	assert_int_equal(disc(news, NULL, false, &g, &f), NM_OK);
	assert_int_equal(f, NM_FMT_URLSET);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.kinds[0], "news");
	assert_string_equal(g.titles[0], "Headline");
	assert_int_equal(g.published[0], 1763366400);
	assert_string_equal(g.kinds[1], "url");
	assert_int_equal(disc(text, NULL, false, &g, &f), NM_OK);
	assert_int_equal(f, NM_FMT_TEXT);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.urls[1], "https://t.org/2");
	/* gzip: the same index compressed */
	{
		unsigned char z[1024];
		z_stream s;
		memset(&s, 0, sizeof(s));
		assert_int_equal(deflateInit2(&s, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
		s.next_in = (Bytef *)(uintptr_t)index;
		s.avail_in = (uInt)strlen(index);
		s.next_out = z;
		s.avail_out = sizeof(z);
		assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
		memset(&g, 0, sizeof(g));
		assert_int_equal(nm_discover((const char *)z, sizeof(z) - s.avail_out, NULL, NULL, false,
					     collect, &g, &f, NULL), NM_OK);
		deflateEnd(&s);
		assert_int_equal(f, NM_FMT_SITEMAPINDEX);
		assert_int_equal(g.n, 1);
	}
	/* garbage */
	assert_int_equal(disc("just words", NULL, false, &g, &f), NM_EPARSE);
	assert_int_equal(disc("", NULL, false, &g, &f), NM_EPARSE);
}

static void html_links(void **state)
{
	struct got g;
	enum nm_doc_format f;
	const char *page =
		"<!doctype html><html><head><base href=\"/sub/\">"
		"<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Feed\" href=\"feed.xml\">"
		"<link rel=\"stylesheet\" href=\"s.css\"></head><body>"
		"<a href=\"a.html#frag\">a</a><a href=\"mailto:x@y\">m</a><a href=\"\">self</a>"
		"<a rel=\"nofollow\" href=\"/nf\">n</a><a href=\"https://other.org/x\">o</a></body></html>";
	assert_int_equal(disc(page, "http://h.org/p/q.html", true, &g, &f), NM_OK);
	assert_int_equal(f, NM_FMT_HTML);
	assert_int_equal(g.n, 4);
	assert_string_equal(g.kinds[0], "feed");
	assert_string_equal(g.urls[0], "http://h.org/sub/feed.xml");
	assert_int_equal(g.fetch_as[0], NM_KIND_FEED);
	assert_string_equal(g.urls[1], "http://h.org/sub/a.html");
	assert_string_equal(g.urls[2], "http://h.org/sub/");
	assert_string_equal(g.urls[3], "https://other.org/x");
	/* without links: only the feed */
	assert_int_equal(disc(page, "http://h.org/", false, &g, &f), NM_OK);
	assert_int_equal(g.n, 1);
}

static void no_external_entities(void **state)
{
	char path[] = "/tmp/nm-xxe-XXXXXX", doc[512];
	struct got g;
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "http://leaked.example/secret", 28), 28);
	close(fd);
	snprintf(doc, sizeof(doc),
		 "<?xml version=\"1.0\"?><!DOCTYPE urlset [<!ENTITY x SYSTEM \"file://%s\">]>"
		 "<urlset><url><loc>&x;</loc></url><url><loc>http://ok.org/</loc></url></urlset>", path);
	assert_int_equal(disc(doc, NULL, false, &g, NULL), NM_OK);
	unlink(path);
	for (size_t i = 0; i < g.n && i < 16; i++)
		assert_null(strstr(g.urls[i], "leaked"));
	assert_string_equal(g.urls[g.n - 1], "http://ok.org/");
}

static void warc_roundtrip(void **state)
{
	char path[] = "/tmp/nm-warc-XXXXXX";
	struct nm_warc_writer *w;
	struct nm_warc_reader *r;
	struct nm_warc_record rec;
	const char *types[8];
	char *copies[8];
	size_t n = 0;
	bool done = false;
	char dig[38];
	const char *req = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n";
	const char *head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\n";
	struct nm_warc_exchange x = {
		.url = "http://h/a", .date = 1763366400, .request = req, .request_len = strlen(req),
		.response_head = head, .response_head_len = strlen(head), .body = "hello", .body_len = 5,
	};
	int fd = mkstemp(path);
	close(fd);
	unlink(path);

	/* SHA-1 of "abc", base32 (RFC 4648 test vectors are for other inputs; this one
	 * is a9993e36..., in base32 VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5) */
	nm_warc_digest("abc", 3, dig);
	assert_string_equal(dig, "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");

	assert_int_equal(nm_warc_open(path, "test", &w, NULL), NM_OK);
	assert_int_equal(nm_warc_write(w, &x, NULL), NM_OK);
	x.url = "http://h/b"; /* same payload: a revisit */
	assert_int_equal(nm_warc_write(w, &x, NULL), NM_OK);
	x.not_modified = true;
	x.body = NULL;
	x.body_len = 0;
	assert_int_equal(nm_warc_write(w, &x, NULL), NM_OK);
	assert_int_equal(nm_warc_close(w, NULL), NM_OK);

	assert_int_equal(nm_warc_reader_open(path, &r, NULL), NM_OK);
	while (nm_warc_next(r, &rec, &done, NULL) == NM_OK && !done && n < 8) {
		copies[n] = strdup(rec.type);
		types[n] = copies[n];
		if (n == 1) {
			assert_string_equal(rec.target_uri, "http://h/a");
			assert_int_equal(rec.http_status, 200);
			assert_int_equal(rec.payload_len, 5);
			assert_memory_equal(rec.payload, "hello", 5);
			assert_false(rec.truncated);
		}
		n++;
	}
	nm_warc_reader_free(r);
	unlink(path);
	assert_int_equal(n, 7);
	assert_string_equal(types[0], "warcinfo");
	assert_string_equal(types[1], "response");
	assert_string_equal(types[2], "request");
	assert_string_equal(types[3], "revisit");
	assert_string_equal(types[5], "revisit");
	for (size_t i = 0; i < n; i++)
		free(copies[i]);
}

static void warc_samples(void **state)
{
	const char *shared = getenv("SHARED");
	char path[4096];
	struct nm_warc_reader *r;
	struct nm_warc_record rec;
	bool done = false;
	const char *want[] = {"warcinfo", "warcinfo", "response", "request", "revisit", "request"};
	const char *files[] = {"warc/warcio/example.warc", "warc/warcio/example.warc.gz"};
	size_t n;

	snprintf(path, sizeof(path), "%s/eval/crawler/warc/warcio/example.warc", shared ? shared : "../shared");
	if (access(path, R_OK)) {
		print_message("skip: no sample WARCs under $SHARED\n");
		skip();
	}
	for (size_t f = 0; f < 2; f++) {
		snprintf(path, sizeof(path), "%s/eval/crawler/%s", shared ? shared : "../shared", files[f]);
		assert_int_equal(nm_warc_reader_open(path, &r, NULL), NM_OK);
		for (n = 0; nm_warc_next(r, &rec, &done, NULL) == NM_OK && !done; n++) {
			assert_true(n < 6);
			assert_string_equal(rec.type, want[n]);
			if (n == 2)
				assert_non_null(memmem(rec.payload, rec.payload_len, "Example Domain", 14));
		}
		assert_int_equal(n, 6);
		nm_warc_reader_free(r);
	}
	/* chunked payload, de-chunked */
	snprintf(path, sizeof(path), "%s/eval/crawler/warc/warcio/example-iana.org-chunked.warc",
		 shared ? shared : "../shared");
	assert_int_equal(nm_warc_reader_open(path, &r, NULL), NM_OK);
	assert_int_equal(nm_warc_next(r, &rec, &done, NULL), NM_OK);
	assert_int_equal(nm_warc_next(r, &rec, &done, NULL), NM_OK);
	assert_string_equal(rec.type, "response");
	assert_true(rec.payload_len > 15 && !memcmp(rec.payload, "<!doctype html>", 15));
	assert_non_null(memmem(rec.payload, rec.payload_len, "Internet Assigned Numbers Authority", 35));
	nm_warc_reader_free(r);
	/* truncated: the response comes back marked, then one error or the end */
	snprintf(path, sizeof(path), "%s/eval/crawler/warc/warcio/example-trunc.warc",
		 shared ? shared : "../shared");
	assert_int_equal(nm_warc_reader_open(path, &r, NULL), NM_OK);
	{
		size_t responses = 0, errors = 0;
		for (int i = 0; i < 10; i++) {
			enum nm_code rc = nm_warc_next(r, &rec, &done, NULL);
			if (rc) {
				errors++;
				break;
			}
			if (done)
				break;
			responses += !strcmp(rec.type, "response");
		}
		assert_int_equal(responses, 1);
		assert_true(errors <= 1);
	}
	nm_warc_reader_free(r);
	/* an ARC file is refused, not misread */
	snprintf(path, sizeof(path), "%s/eval/crawler/warc/warcio/example.arc", shared ? shared : "../shared");
	assert_int_equal(nm_warc_reader_open(path, &r, NULL), NM_OK);
	assert_int_equal(nm_warc_next(r, &rec, &done, NULL), NM_EPARSE);
	nm_warc_reader_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rss),
		cmocka_unit_test(atom_and_rdf),
		cmocka_unit_test(sitemaps),
		cmocka_unit_test(html_links),
		cmocka_unit_test(no_external_entities),
		cmocka_unit_test(warc_roundtrip),
		cmocka_unit_test(warc_samples),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
