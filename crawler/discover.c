/*
 * crawler/discover.c — what a feed, a sitemap or a page points to: the URLs the
 * crawler queues next. Feeds (RSS 0.9x/2.0, RSS 1.0, Atom 1.0) and XML sitemaps are
 * read with libxml2 in recover mode (real feeds are often broken) and never load
 * anything from outside the document (no DTDs, no external entities, no network);
 * text sitemaps are read line by line; HTML pages with libxml2's HTML parser.
 */
#include "crawler/crawler_int.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

const char *nm_kind_name(enum nm_kind k)
{
	switch (k) {
	case NM_KIND_PAGE: return "page";
	case NM_KIND_FEED: return "feed";
	case NM_KIND_SITEMAP: return "sitemap";
	case NM_KIND_ROBOTS: return "robots";
	}
	return "page";
}

enum nm_code nm_crawl_gunzip(const char *in, size_t len, struct nm_buf *out, struct nm_err *err)
{
	z_stream z;
	char chunk[65536];
	int zrc = Z_OK;
	size_t start = out->len;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 15 + 32) != Z_OK) /* 32: gzip or zlib header, detected */
		return nm_err_set(err, NM_EINTERNAL, "zlib: cannot initialise");
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)(len > UINT32_MAX ? UINT32_MAX : len);
	while (zrc != Z_STREAM_END) {
		z.next_out = (Bytef *)chunk;
		z.avail_out = sizeof(chunk);
		zrc = inflate(&z, Z_NO_FLUSH);
		if (zrc != Z_OK && zrc != Z_STREAM_END && !(zrc == Z_BUF_ERROR && z.avail_in == 0))
			break;
		if (nm_buf_add(out, chunk, sizeof(chunk) - z.avail_out)) {
			inflateEnd(&z);
			out->len = start;
			if (out->data)
				out->data[start] = '\0';
			return nm_err_set(err, NM_ETOOBIG, "gzip: more than %zu bytes uncompressed", out->max);
		}
		if (zrc == Z_BUF_ERROR || (z.avail_in == 0 && z.avail_out != 0 && zrc != Z_STREAM_END))
			break; /* a truncated stream: keep what came out */
	}
	inflateEnd(&z);
	if (zrc != Z_STREAM_END && out->len == start)
		return nm_err_set(err, NM_EPARSE, "gzip: corrupt data");
	return NM_OK;
}

/* libxml2 asks this for every external entity or DTD: the answer is always no. */
static xmlParserInputPtr no_external(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void set_loader(void)
{
	xmlSetExternalEntityLoader(no_external);
}

struct walk {
	const char *base_url;
	int (*cb)(const struct nm_discovered *d, void *arg);
	void *arg;
	bool stop;
	size_t n;
};

static bool named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !xmlStrcasecmp(n->name, (const xmlChar *)name);
}

static const char *ns_of(const xmlNode *n)
{
	return n->ns && n->ns->href ? (const char *)n->ns->href : "";
}

/* The trimmed text of a node (heap, free()), or NULL when empty. */
static char *text_of(const xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	const char *s, *e;
	char *out = NULL;

	if (!c)
		return NULL;
	s = (const char *)c;
	while (nm_isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && nm_isspace((unsigned char)e[-1]))
		e--;
	if (e > s)
		out = nm_xstrndup(s, (size_t)(e - s));
	xmlFree(c);
	return out;
}

static char *attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *out;
	if (!v)
		return NULL;
	out = nm_xstrdup((const char *)v);
	xmlFree(v);
	return out;
}

static int64_t date_of(const xmlNode *n)
{
	char *t = text_of(n);
	int64_t v = 0;
	bool has_time;
	if (t && nm_time_parse(t, &v, &has_time) != NM_OK)
		v = 0;
	free(t);
	return v;
}

static bool is_web_url(const char *u)
{
	return !nm_strncasecmp(u, "http://", 7) || !nm_strncasecmp(u, "https://", 8);
}

/* Resolve href against the node's xml:base chain (or the document URL) and emit it. */
static void emit(struct walk *w, xmlDoc *doc, const xmlNode *n, const char *href,
		 struct nm_discovered *d)
{
	xmlChar *base = n && doc ? xmlNodeGetBase(doc, n) : NULL;
	const char *b = base ? (const char *)base : w->base_url;
	char *abs = NULL;

	if (!href || w->stop)
		goto out;
	if (b && *b && !nm_url_resolve_plain(b, href, &abs) &&
	    nm_url_resolve(b, href, &abs, NULL) != NM_OK)
		goto out;
	if (!abs)
		abs = nm_xstrdup(href);
	/* drop the fragment: it names a place in the page, not another page */
	{
		char *hash = strchr(abs, '#');
		if (hash)
			*hash = '\0';
	}
	if (!is_web_url(abs))
		goto out;
	d->url = abs;
	w->n++;
	if (w->cb(d, w->arg))
		w->stop = true;
out:
	free(abs);
	if (base)
		xmlFree(base);
}

/* ---------------------------------------------------------------- feeds */

static void rss_item(struct walk *w, xmlDoc *doc, xmlNode *item)
{
	struct nm_discovered d = {.kind = "item", .fetch_as = NM_KIND_PAGE};
	char *link = NULL, *alt = NULL, *guid = NULL, *title = NULL;
	const xmlNode *link_node = item;

	for (xmlNode *c = item->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (named(c, "link")) {
			char *href = attr(c, "href");
			if (href) { /* atom:link inside RSS */
				char *rel = attr(c, "rel");
				if (!alt && (!rel || !strcmp(rel, "alternate")))
					alt = href;
				else
					free(href);
				free(rel);
			} else if (!link) {
				link = text_of(c);
				link_node = c;
			}
		} else if (named(c, "guid") && !guid) {
			/* used only when the item has no link, and only when it is an absolute web
			 * URL: then it names the page even when isPermaLink says "false", as
			 * publishers write that by habit (crawler-commons reads it the same way) */
			guid = text_of(c);
		} else if (named(c, "title") && !title) {
			title = text_of(c);
		} else if (named(c, "pubDate") || (named(c, "date") && !d.published) ||
			   named(c, "published") || named(c, "issued") || named(c, "created")) {
			int64_t t = date_of(c);
			if (t && (!d.published || named(c, "pubDate")))
				d.published = t;
		} else if (named(c, "updated") || named(c, "modified")) {
			d.lastmod = date_of(c);
		}
	}
	d.title = title;
	if (link)
		emit(w, doc, link_node, link, &d);
	else if (alt)
		emit(w, doc, item, alt, &d);
	else if (guid && is_web_url(guid))
		emit(w, doc, item, guid, &d);
	free(link);
	free(alt);
	free(guid);
	free(title);
}

static int link_rank(const xmlNode *l)
{
	char *rel = attr(l, "rel"), *type = attr(l, "type");
	int r = 0;
	if (!rel || !strcmp(rel, "alternate"))
		r = 2 + (!type || strstr(type, "html") != NULL);
	free(rel);
	free(type);
	return r;
}

static void atom_entry(struct walk *w, xmlDoc *doc, xmlNode *entry)
{
	struct nm_discovered d = {.kind = "item", .fetch_as = NM_KIND_PAGE};
	char *title = NULL, *id = NULL, *href = NULL;
	const xmlNode *best = NULL;
	int best_rank = 0;

	for (xmlNode *c = entry->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (named(c, "link")) {
			int r = link_rank(c);
			if (r > best_rank) {
				best = c;
				best_rank = r;
			}
		} else if (named(c, "title") && !title) {
			title = text_of(c);
		} else if (named(c, "id") && !id) {
			id = text_of(c);
		} else if (named(c, "published") || named(c, "issued") || named(c, "created")) {
			if (!d.published)
				d.published = date_of(c);
		} else if (named(c, "updated") || named(c, "modified")) {
			d.lastmod = date_of(c);
		}
	}
	if (!d.published)
		d.published = d.lastmod;
	d.title = title;
	if (best && (href = attr(best, "href")))
		emit(w, doc, best, href, &d);
	else if (id && is_web_url(id))
		emit(w, doc, entry, id, &d);
	free(href);
	free(title);
	free(id);
}

/* ---------------------------------------------------------------- sitemaps */

static void sitemap_entry(struct walk *w, xmlDoc *doc, xmlNode *e, bool index)
{
	struct nm_discovered d = {.kind = index ? "sitemap" : "url",
				  .fetch_as = index ? NM_KIND_SITEMAP : NM_KIND_PAGE};
	char *loc = NULL, *title = NULL;
	const xmlNode *loc_node = e;

	for (xmlNode *c = e->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (named(c, "loc") && !loc) {
			loc = text_of(c);
			loc_node = c;
		} else if (named(c, "lastmod")) {
			d.lastmod = date_of(c);
		} else if (named(c, "news") && !index) {
			d.kind = "news";
			for (xmlNode *g = c->children; g; g = g->next) {
				if (named(g, "publication_date"))
					d.published = date_of(g);
				else if (named(g, "title") && !title)
					title = text_of(g);
			}
		}
	}
	d.title = title;
	/* lenient: some indexes put the URL straight into <sitemap> without a <loc> */
	if (!loc && e->children && e->children->type == XML_TEXT_NODE && !e->children->next) {
		loc = text_of(e);
		if (loc && !is_web_url(loc)) {
			free(loc);
			loc = NULL;
		}
	}
	if (loc)
		emit(w, doc, loc_node, loc, &d);
	free(loc);
	free(title);
}

static void walk_xml(struct walk *w, xmlDoc *doc, xmlNode *root, enum nm_doc_format *fmt)
{
	if (named(root, "rss") || named(root, "channel")) {
		*fmt = NM_FMT_RSS;
		for (xmlNode *c = root->children; c && !w->stop; c = c->next) {
			if (named(c, "channel")) {
				for (xmlNode *i = c->children; i && !w->stop; i = i->next)
					if (named(i, "item"))
						rss_item(w, doc, i);
			} else if (named(c, "item")) {
				rss_item(w, doc, c);
			}
		}
	} else if (named(root, "RDF")) {
		*fmt = NM_FMT_RDF;
		for (xmlNode *c = root->children; c && !w->stop; c = c->next) {
			if (named(c, "item"))
				rss_item(w, doc, c);
			else if (named(c, "channel")) /* some put items inside the channel */
				for (xmlNode *i = c->children; i && !w->stop; i = i->next)
					if (named(i, "item") && i->children)
						rss_item(w, doc, i);
		}
	} else if (named(root, "feed")) {
		*fmt = NM_FMT_ATOM;
		for (xmlNode *c = root->children; c && !w->stop; c = c->next)
			if (named(c, "entry"))
				atom_entry(w, doc, c);
	} else if (named(root, "urlset")) {
		*fmt = NM_FMT_URLSET;
		for (xmlNode *c = root->children; c && !w->stop; c = c->next)
			if (named(c, "url"))
				sitemap_entry(w, doc, c, false);
	} else if (named(root, "sitemapindex")) {
		*fmt = NM_FMT_SITEMAPINDEX;
		for (xmlNode *c = root->children; c && !w->stop; c = c->next)
			if (named(c, "sitemap"))
				sitemap_entry(w, doc, c, true);
	}
	(void)ns_of;
}

/* ---------------------------------------------------------------- HTML */

static int hexdig(int c)
{
	if (nm_isdigit(c))
		return c - '0';
	c = nm_tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool is_feed_type(const char *t)
{
	return t && (strstr(t, "rss+xml") || strstr(t, "atom+xml") || strstr(t, "rdf+xml") ||
		     strstr(t, "feed+json"));
}

static bool rel_has(const char *rel, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = rel; p && *p;) {
		while (nm_isspace((unsigned char)*p))
			p++;
		const char *e = p;
		while (*e && !nm_isspace((unsigned char)*e))
			e++;
		if ((size_t)(e - p) == n && !nm_strncasecmp(p, word, n))
			return true;
		p = e;
	}
	return false;
}

/*
 * HTML pages are scanned for their <a>, <link> and <base> tags directly rather than
 * parsed into a tree: link discovery sits on the crawl's critical path (a page's links
 * are queued before its successors can be fetched), and a tag scanner does it in a
 * fraction of the time of a full parse. Comments and the insides of <script>, <style>,
 * <textarea> and <template> are skipped; attribute values are entity-decoded.
 */
static const char *find_ci(const char *p, const char *e, const char *needle)
{
	size_t n = strlen(needle);
	for (; p + n <= e; p++) {
		p = memchr(p, needle[0], (size_t)(e - p));
		if (!p || p + n > e)
			return NULL;
		if (!nm_strncasecmp(p, needle, n))
			return p;
	}
	return NULL;
}

/* Decode the character references HTML allows in attribute values (the common ones). */
static char *decode_attr(const char *v, size_t n)
{
	static const struct {
		const char *name;
		char c;
	} named[] = {{"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}, {"lt;", '<'}, {"gt;", '>'}};
	char *out = nm_xmalloc(n * 4 + 1), *o = out;

	for (size_t i = 0; i < n; i++) {
		if (v[i] == '&') {
			bool done = false;
			for (size_t k = 0; k < 5 && !done; k++) {
				size_t l = strlen(named[k].name);
				if (i + 1 + l <= n && !memcmp(v + i + 1, named[k].name, l)) {
					*o++ = named[k].c;
					i += l;
					done = true;
				}
			}
			if (!done && i + 2 < n && v[i + 1] == '#') {
				unsigned long cp = 0;
				size_t k = i + 2;
				bool hex = v[k] == 'x' || v[k] == 'X';
				if (hex)
					k++;
				while (k < n && (hex ? hexdig(v[k]) >= 0 : nm_isdigit((unsigned char)v[k])) && cp < 0x110000) {
					cp = cp * (hex ? 16 : 10) + (unsigned long)(hex ? hexdig(v[k]) : v[k] - '0');
					k++;
				}
				if (k > i + 2 + hex && cp && cp < 0x110000) {
					o += nm_utf8_encode((uint32_t)cp, o);
					i = k < n && v[k] == ';' ? k : k - 1;
					done = true;
				}
			}
			if (done)
				continue;
		}
		*o++ = v[i];
	}
	*o = '\0';
	return out;
}

/* The value of attribute name in a tag's text [p, e), decoded (heap), or NULL. */
static char *tag_attr(const char *p, const char *e, const char *name)
{
	size_t nlen = strlen(name);
	while (p < e) {
		const char *ns, *vs, *ve;
		while (p < e && (nm_isspace((unsigned char)*p) || *p == '/'))
			p++;
		ns = p;
		while (p < e && !nm_isspace((unsigned char)*p) && *p != '=' && *p != '>' && *p != '/')
			p++;
		if (p == ns) {
			p++;
			continue;
		}
		{
			size_t an = (size_t)(p - ns);
			const char *q = p;
			while (q < e && nm_isspace((unsigned char)*q))
				q++;
			vs = ve = NULL;
			if (q < e && *q == '=') {
				q++;
				while (q < e && nm_isspace((unsigned char)*q))
					q++;
				if (q < e && (*q == '"' || *q == '\'')) {
					char quote = *q++;
					vs = q;
					while (q < e && *q != quote)
						q++;
					ve = q;
					if (q < e)
						q++;
				} else {
					vs = q;
					while (q < e && !nm_isspace((unsigned char)*q) && *q != '>')
						q++;
					ve = q;
				}
				p = q;
			}
			if (an == nlen && !nm_strncasecmp(ns, name, nlen))
				return vs ? decode_attr(vs, (size_t)(ve - vs)) : nm_xstrdup("");
		}
	}
	return NULL;
}

static void html_tag(struct walk *w, const char *name, size_t nlen, const char *a, const char *e,
		     bool links, char **base)
{
#define IS(t) (nlen == sizeof(t) - 1 && !nm_strncasecmp(name, t, nlen))
	if (IS("base") && !*base) {
		char *href = tag_attr(a, e, "href");
		if (href) {
			char *abs = NULL;
			if (w->base_url && nm_url_resolve(w->base_url, href, &abs, NULL) == NM_OK)
				*base = abs;
			else
				*base = nm_xstrdup(href);
			free(href);
		}
	} else if (IS("link")) {
		char *rel = tag_attr(a, e, "rel"), *type, *href;
		if (rel && rel_has(rel, "alternate")) {
			type = tag_attr(a, e, "type");
			href = tag_attr(a, e, "href");
			if (is_feed_type(type) && href) {
				char *title = tag_attr(a, e, "title");
				struct nm_discovered d = {.kind = "feed", .fetch_as = NM_KIND_FEED, .title = title};
				const char *saved = w->base_url;
				if (*base)
					w->base_url = *base;
				emit(w, NULL, NULL, href, &d);
				w->base_url = saved;
				free(title);
			}
			free(type);
			free(href);
		}
		free(rel);
	} else if (links && IS("a")) {
		char *href = tag_attr(a, e, "href"), *rel = NULL;
		if (href && !((rel = tag_attr(a, e, "rel")) && rel_has(rel, "nofollow"))) {
			struct nm_discovered d = {.kind = "link", .fetch_as = NM_KIND_PAGE};
			const char *saved = w->base_url;
			if (*base)
				w->base_url = *base;
			emit(w, NULL, NULL, href, &d);
			w->base_url = saved;
		}
		free(href);
		free(rel);
	}
#undef IS
}

static void scan_html(struct walk *w, const char *s, size_t len, bool links)
{
	const char *p = s, *end = s + len;
	char *base = NULL;

	while (p < end && !w->stop) {
		const char *lt = memchr(p, '<', (size_t)(end - p)), *name, *gt;
		size_t nlen;
		if (!lt)
			break;
		if (end - lt >= 4 && !memcmp(lt, "<!--", 4)) {
			const char *c = find_ci(lt + 4, end, "-->");
			p = c ? c + 3 : end;
			continue;
		}
		name = lt + 1;
		nlen = 0;
		while (name + nlen < end && nm_isalnum((unsigned char)name[nlen]))
			nlen++;
		if (!nlen) {
			p = lt + 1;
			continue;
		}
		/* the tag's end, with quoted values allowed to hold '>' */
		gt = name + nlen;
		{
			char quote = 0;
			while (gt < end && (quote || *gt != '>')) {
				if (quote && *gt == quote)
					quote = 0;
				else if (!quote && (*gt == '"' || *gt == '\'') && nm_isspace((unsigned char)gt[-1]) == 0 &&
					 gt[-1] == '=')
					quote = *gt;
				gt++;
			}
		}
		html_tag(w, name, nlen, name + nlen, gt, links, &base);
		p = gt < end ? gt + 1 : end;
		/* raw-text elements: their content is not markup */
		if ((nlen == 6 && (!nm_strncasecmp(name, "script", 6))) || (nlen == 5 && !nm_strncasecmp(name, "style", 5)) ||
		    (nlen == 8 && (!nm_strncasecmp(name, "textarea", 8) || !nm_strncasecmp(name, "template", 8)))) {
			char close[12] = "</";
			const char *c;
			memcpy(close + 2, name, nlen);
			close[2 + nlen] = '\0';
			c = find_ci(p, end, close);
			p = c ? c : end;
		}
	}
	free(base);
}

/* ---------------------------------------------------------------- text sitemaps */

static void walk_text(struct walk *w, const char *s, size_t len)
{
	const char *end = s + len;
	while (s < end && !w->stop) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end, *b = s;
		s = nl ? nl + 1 : end;
		while (b < e && nm_isspace((unsigned char)*b))
			b++;
		while (e > b && nm_isspace((unsigned char)e[-1]))
			e--;
		if (e > b && (size_t)(e - b) < 4096) {
			char *line = nm_xstrndup(b, (size_t)(e - b));
			if (is_web_url(line) && !strpbrk(line, " \t<>\"")) {
				struct nm_discovered d = {.kind = "url", .fetch_as = NM_KIND_PAGE};
				emit(w, NULL, NULL, line, &d);
			}
			free(line);
		}
	}
}

/* The charset parameter of a Content-Type, heap, or NULL. */
static char *charset_of(const char *ct)
{
	const char *p = ct ? strstr(ct, "charset") : NULL;
	size_t n;
	if (!p)
		return NULL;
	p += 7;
	while (*p == ' ')
		p++;
	if (*p++ != '=')
		return NULL;
	while (*p == ' ' || *p == '"' || *p == '\'')
		p++;
	n = strcspn(p, " ;\"'");
	return n && n < 40 ? nm_xstrndup(p, n) : NULL;
}

static bool looks_html(const char *s, size_t len, const char *ct)
{
	size_t n = len < 2048 ? len : 2048;
	if (ct && (strstr(ct, "text/html") || strstr(ct, "xhtml")))
		return true;
	for (size_t i = 0; i + 5 <= n; i++)
		if (s[i] == '<' && (!nm_strncasecmp(s + i, "<html", 5) ||
				    (i + 14 <= n && !nm_strncasecmp(s + i, "<!doctype html", 14))))
			return true;
	return false;
}

enum nm_code nm_discover(const char *bytes, size_t len, const char *base_url,
			 const char *content_type, bool links,
			 int (*cb)(const struct nm_discovered *d, void *arg), void *arg,
			 enum nm_doc_format *format, struct nm_err *err)
{
	struct nm_buf unz = NM_BUF_INIT(NM_DISCOVER_MAX_BYTES);
	struct walk w = {.base_url = base_url, .cb = cb, .arg = arg};
	enum nm_doc_format fmt = NM_FMT_UNKNOWN;
	enum nm_code rc = NM_OK;
	const char *s = bytes;
	size_t i = 0;
	char *charset;

	if (len > NM_DISCOVER_MAX_BYTES)
		return nm_err_set(err, NM_ETOOBIG, "document over %zu bytes", NM_DISCOVER_MAX_BYTES);
	if (len >= 2 && (unsigned char)bytes[0] == 0x1f && (unsigned char)bytes[1] == 0x8b) {
		if ((rc = nm_crawl_gunzip(bytes, len, &unz, err)))
			return rc;
		s = nm_buf_str(&unz);
		len = unz.len;
	}
	/* a UTF-8 BOM and leading white space say nothing about the format */
	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && nm_isspace((unsigned char)s[i]))
		i++;
	charset = charset_of(content_type);
	{
		static pthread_once_t once = PTHREAD_ONCE_INIT;
		pthread_once(&once, set_loader);
	}
	if (looks_html(s + i, len - i, content_type)) {
		fmt = NM_FMT_HTML;
		scan_html(&w, s, len, links);
	} else if (i < len && (s[i] == '<' || (len >= 2 && (!s[0] || !s[1])))) {
		/* XML (a NUL in the first two bytes: UTF-16/32 without a BOM) */
		xmlDocPtr doc = xmlReadMemory(s, (int)len, base_url, charset,
					      XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
						      XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
						      XML_PARSE_COMPACT);
		if (!doc && charset) /* a wrong HTTP charset: let the document say */
			doc = xmlReadMemory(s, (int)len, base_url, NULL,
					    XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
						    XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
		if (doc) {
			xmlNode *root = xmlDocGetRootElement(doc);
			if (root)
				walk_xml(&w, doc, root, &fmt);
			xmlFreeDoc(doc);
		}
	} else {
		walk_text(&w, s + i, len - i);
		if (w.n)
			fmt = NM_FMT_TEXT;
	}
	free(charset);
	nm_buf_release(&unz);
	if (format)
		*format = fmt;
	if (fmt == NM_FMT_UNKNOWN)
		return nm_err_set(err, NM_EPARSE, "not a feed, sitemap or page");
	return NM_OK;
}
