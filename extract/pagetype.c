/*
 * extract/pagetype.c — is the page an article, a listing of other articles (a home,
 * section, tag, archive or search page), or one of the site's own pages? A listing's "main text" is headlines and
 * teasers of many stories, so mentions and events on it would mix figures of unrelated
 * articles. The decision weighs general signals, never a site's URLs:
 *  - what the page says it is: og:type (article / website), JSON-LD @type (an
 *    Article-like object vs CollectionPage, ItemList, SearchResultsPage, Blog);
 *  - its shape: many headings that are each a link (teaser blocks), outside navigation,
 *    footers, sidebars and related/recommended boxes, against the long paragraphs of
 *    the extracted text (a listing has many linked headings and few long paragraphs);
 *  - the URL, as a weak hint (the site root, /tag/, /category/, /page/2 ... vs a dated
 *    path or a long slug).
 * Each signal adds to a score; the page is a listing only when the score reaches
 * NM_LISTING_SCORE, so a single signal never decides. Plain text is always an article.
 * A third kind, the site's own pages (about, contact, legal ...), is told by its address
 * when nothing marks it as an article.
 */
#include "extract/extract_int.h"

#include <string.h>

#define NM_LISTING_SCORE 3
/* A paragraph of the extracted text this long (bytes) is article prose, not a teaser. */
#define NM_LONG_PARAGRAPH 200

static const char *find_ci(const char *h, const char *n)
{
	size_t k = strlen(n);
	for (; *h; h++)
		if (!nm_strncasecmp(h, n, k))
			return h;
	return NULL;
}

static bool is_tag(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !nm_strcasecmp((const char *)n->name, name);
}

static bool has_attr(xmlNode *n, const char *name)
{
	return xmlHasProp(n, (const xmlChar *)name) != NULL;
}

/* class/id words of boxes whose links are never the page's own content */
static bool boxed(xmlNode *n)
{
	static const char *words[] = {"related", "recommend", "sidebar", "widget", "footer",
				      "menu", "trending", "popular", "promo", "newsletter",
				      "comment", "more-", "read-next", "readnext", "also", NULL};
	static const char *attrs[] = {"class", "id", NULL};
	for (int a = 0; attrs[a]; a++) {
		xmlChar *v = xmlGetProp(n, (const xmlChar *)attrs[a]);
		bool hit = false;
		if (!v)
			continue;
		for (int i = 0; words[i] && !hit; i++)
			hit = find_ci((const char *)v, words[i]) != NULL;
		xmlFree(v);
		if (hit)
			return true;
	}
	return false;
}

/* Inside navigation, a header/footer, an aside, a form or a related box? */
static bool outside_content(xmlNode *n)
{
	for (xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
		static const char *tags[] = {"nav", "aside", "footer", "header", "form", "menu", NULL};
		for (int i = 0; tags[i]; i++)
			if (is_tag(p, tags[i]))
				return true;
		if (boxed(p))
			return true;
	}
	return false;
}

static size_t text_bytes(xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	size_t k = 0;
	if (!c)
		return 0;
	for (const xmlChar *s = c; *s; s++)
		k += !nm_isspace(*s);
	xmlFree(c);
	return k;
}

/* The first <a href> below n, or NULL. */
static xmlNode *link_below(xmlNode *n, int depth)
{
	if (depth > 4)
		return NULL;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_tag(c, "a") && has_attr(c, "href"))
			return c;
		xmlNode *r = link_below(c, depth + 1);
		if (r)
			return r;
	}
	return NULL;
}

/* A heading that is a link to another page (a teaser's headline)? */
static bool linked_heading(xmlNode *h)
{
	size_t all = text_bytes(h), in;
	xmlNode *a;
	int up = 0;
	if (all < 12 || all > 400)
		return false;
	for (xmlNode *p = h->parent; p && p->type == XML_ELEMENT_NODE && up < 3; p = p->parent, up++)
		if (is_tag(p, "a") && has_attr(p, "href"))
			return true;
	if (!(a = link_below(h, 0)))
		return false;
	in = text_bytes(a);
	return in * 10 >= all * 6;
}

size_t nm_pagetype_linked_headings(xmlNode *root)
{
	size_t k = 0;
	for (xmlNode *n = root; n;) {
		const char *t = n->type == XML_ELEMENT_NODE ? (const char *)n->name : "";
		bool heading = (t[0] == 'h' || t[0] == 'H') && t[1] >= '2' && t[1] <= '4' && !t[2];
		if (heading && linked_heading(n) && !outside_content(n))
			k++;
		/* a heading's own links are counted by linked_heading, not walked */
		n = nm_dom_next(n, root, n->type == XML_ELEMENT_NODE && !heading);
	}
	return k;
}

/* +1 for a URL shaped like a listing, -1 for one shaped like an article, else 0. */
static int url_hint(const char *url)
{
	static const char *listing[] = {"/tag/", "/tags/", "/category/", "/categories/", "/topic/",
					"/topics/", "/section/", "/author/", "/page/", "/archive",
					"/search", NULL};
	const char *p, *q, *last;
	size_t n, hyphens = 0;
	if (!url)
		return 0;
	if ((p = strstr(url, "://")))
		p = strchr(p + 3, '/');
	else
		p = url[0] == '/' ? url : NULL;
	if (!p)
		return 1; /* a bare host: the site's root */
	n = strcspn(p, "?#");
	if (n <= 1)
		return 1;
	if (p[n] == '?' && (strstr(p + n, "?page=") || strstr(p + n, "&page=") ||
			    strstr(p + n, "?q=") || strstr(p + n, "&q=")))
		return 1;
	for (int i = 0; listing[i]; i++) {
		const char *h = find_ci(p, listing[i]);
		if (h && (size_t)(h - p) < n)
			return 1;
	}
	/* a dated path: /2019/11/ or /2019-11-18 */
	for (q = p; q + 6 <= p + n; q++)
		if (q[0] == '/' && (q[1] == '1' || q[1] == '2') && nm_isdigit((unsigned char)q[2]) &&
		    nm_isdigit((unsigned char)q[3]) && nm_isdigit((unsigned char)q[4]) &&
		    (q[5] == '/' || q[5] == '-') && q + 6 < p + n && nm_isdigit((unsigned char)q[6]))
			return -1;
	for (last = p + n; last > p && last[-1] == '/';)
		last--;
	q = last;
	while (q > p && q[-1] != '/')
		q--;
	for (const char *c = q; c < last; c++)
		hyphens += *c == '-' || *c == '_';
	if (hyphens >= 3)
		return -1;
	if (p[n - 1] == '/' || (last - q >= 5 && !nm_strncasecmp(q, "index", 5)))
		return 1;
	return 0;
}

static size_t long_paragraphs(const char *text, size_t len)
{
	size_t k = 0, i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && !(text[j] == '\n' && j + 1 < len && text[j + 1] == '\n'))
			j++;
		if (j - i >= NM_LONG_PARAGRAPH)
			k++;
		i = j + 2;
	}
	return k;
}

/* The last path segment of url names one of the site's own pages (about, contact,
 * legal, sign-up ...)? The names are the web's conventions, not any one site's. */
static bool site_page_url(const char *url)
{
	static const char *names[] = {
		"about", "about-us", "aboutus", "contact", "contact-us", "contactus", "privacy",
		"privacy-policy", "privacypolicy", "terms", "terms-of-service", "terms-of-use",
		"terms-and-conditions", "tos", "cookies", "cookie-policy", "legal", "imprint",
		"impressum", "disclaimer", "advertise", "advertising", "careers", "jobs",
		"editorial-policy", "ethics-policy", "newsletter", "newsletters", "subscribe",
		"login", "signin", "sign-in", "signup", "sign-up", "register", "faq", "help", NULL};
	const char *p, *last, *q, *dot;
	size_t n;
	if (!url || !(p = strstr(url, "://")) || !(p = strchr(p + 3, '/')))
		return false;
	n = strcspn(p, "?#");
	for (last = p + n; last > p && last[-1] == '/';)
		last--;
	for (q = last; q > p && q[-1] != '/';)
		q--;
	for (dot = q; dot < last && *dot != '.';)
		dot++;
	if (dot < last && nm_strncasecmp(dot, ".htm", 4) && nm_strncasecmp(dot, ".php", 4) &&
	    nm_strncasecmp(dot, ".asp", 4))
		return false; /* another kind of file */
	for (int i = 0; names[i]; i++)
		if (strlen(names[i]) == (size_t)(dot - q) && !nm_strncasecmp(q, names[i], (size_t)(dot - q)))
			return true;
	return false;
}

enum nm_page_type nm_pagetype_decide(const struct nm_meta *m, size_t linked_headings,
				     const char *url, const char *text, size_t len)
{
	size_t lp = long_paragraphs(text, len), lh = linked_headings;
	int score = 0;

	/* a site page says so by its address, and has nothing of an article: no date, no
	 * article markup (a story at /about would have them) */
	if (site_page_url(url) && !m->ld_article && !m->published &&
	    !(m->og_type && !nm_strncasecmp(m->og_type, "article", 7)))
		return NM_PAGE_SITE;

	if (m->ld_article)
		score -= 3;
	if (m->ld_listing)
		score += 2;
	if (m->og_type) {
		if (!nm_strncasecmp(m->og_type, "article", 7))
			score -= 2;
		else if (!nm_strcasecmp(m->og_type, "website"))
			score += 1;
	}
	/* many teaser headlines, few paragraphs of prose */
	if ((lh >= 4 && lh >= 2 * lp) || (lh >= 3 && lp == 0))
		score += 2;
	if (lh >= 8 && lh >= 4 * lp)
		score += 1;
	score += url_hint(url);
	nm_log(NM_LOG_DEBUG, "page type: score %d (linked headings %zu, long paragraphs %zu, og:type %s%s%s)",
	       score, lh, lp, m->og_type ? m->og_type : "-", m->ld_article ? ", JSON-LD article" : "",
	       m->ld_listing ? ", JSON-LD listing" : "");
	return score >= NM_LISTING_SCORE ? NM_PAGE_LISTING : NM_PAGE_ARTICLE;
}
