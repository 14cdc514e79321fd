/*
 * extract/meta.c — the article's metadata from the page's own signals: OpenGraph and
 * other <meta> tags, JSON-LD (schema.org Article and kin), <link rel=canonical>,
 * <title>, the first <h1>, <time datetime>, <html lang>, byline elements, and dates in
 * the URL. Each field takes the best source present; dates are normalised to ISO 8601
 * UTC with nm_time_parse/nm_time_iso and URLs resolved with nm_url_resolve.
 */
#include "extract/extract_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Date source priorities (lower wins). */
enum {
	P_JSONLD = 1,
	P_META_ARTICLE, /* article:published_time, itemprop=datePublished */
	P_META_OTHER,   /* pubdate, dc.date, parsely, sailthru, ... */
	P_TIME,         /* <time datetime> */
	P_URL,          /* /2019/11/18/ in the URL */
};

static bool attr_eq(const xmlChar *v, const char *s)
{
	return v && !nm_strcasecmp((const char *)v, s);
}

static const char *attr(xmlNode *n, const char *name)
{
	for (xmlAttr *a = n->properties; a; a = a->next)
		if (a->children && a->children->type == XML_TEXT_NODE && a->children->content &&
		    !nm_strcasecmp((const char *)a->name, name))
			return (const char *)a->children->content;
	return NULL;
}

/* A trimmed, whitespace-collapsed copy into the arena; NULL when empty. */
static const char *clean_copy(struct nm_arena *a, const char *s, size_t n)
{
	char *out, *o;
	bool space = false;
	if (!s)
		return NULL;
	out = o = nm_arena_alloc(a, n + 1);
	if (!out)
		return NULL;
	for (size_t i = 0; i < n && s[i]; i++) {
		if (nm_isspace((unsigned char)s[i])) {
			space = o != out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = s[i];
	}
	*o = '\0';
	return o == out ? NULL : out;
}

static const char *clean(struct nm_arena *a, const char *s)
{
	return s ? clean_copy(a, s, strlen(s)) : NULL;
}

static void set_once(const char **slot, struct nm_arena *a, const char *s)
{
	if (!*slot)
		*slot = clean(a, s);
}

void nm_meta_offer_date(struct nm_meta *m, struct nm_arena *a, const char *s, int prio,
			bool modified)
{
	int64_t t;
	bool has_time;
	char iso[21];
	int *have = modified ? &m->modified_prio : &m->published_prio;
	const char **slot = modified ? &m->modified : &m->published;
	const char *c;

	if (!s || (*have && *have <= prio))
		return;
	if (!(c = clean(a, s)) || nm_time_parse(c, &t, &has_time))
		return;
	nm_time_iso(t, iso);
	if ((*slot = nm_arena_strdup(a, iso)))
		*have = prio;
}

static bool looks_like_url(const char *s)
{
	return s && (!strncmp(s, "http://", 7) || !strncmp(s, "https://", 8) || s[0] == '/');
}

/* Text content of an element, collapsed (for <title>, <h1>, bylines). */
static const char *node_text(struct nm_arena *a, xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	const char *r;
	if (!c)
		return NULL;
	r = clean(a, (const char *)c);
	xmlFree(c);
	return r;
}

/* --------------------------------------------------------------- JSON-LD */

/* Is the JSON-LD @type (a string or an array of them) one of types (NULL-ended)? */
static bool type_in(json_t *type, const char *const *types)
{
	if (json_is_array(type)) {
		size_t i;
		json_t *v;
		json_array_foreach(type, i, v)
			if (type_in(v, types))
				return true;
		return false;
	}
	if (!json_is_string(type))
		return false;
	for (int i = 0; types[i]; i++)
		if (!strcmp(json_string_value(type), types[i]))
			return true;
	return false;
}

static bool is_article_type(json_t *type)
{
	static const char *const types[] = {"Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle",
					    "AnalysisNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle",
					    "BackgroundNewsArticle", "TechArticle", "ScholarlyArticle",
					    "LiveBlogPosting", "Report", "SocialMediaPosting", "WebPage",
					    "MediaObject", "VideoObject", NULL};
	return type_in(type, types);
}

/* WebPage and media objects only lend a date or a body when no article object does. */
static bool is_weak_type(json_t *type)
{
	const char *t = json_string_value(type);
	return t && (!strcmp(t, "WebPage") || !strcmp(t, "MediaObject") || !strcmp(t, "VideoObject"));
}

/* Page types schema.org gives to pages listing other pages. */
static bool is_listing_type(json_t *type)
{
	static const char *const types[] = {"CollectionPage", "ItemList", "SearchResultsPage", "Blog",
					    "ProfilePage", NULL};
	return type_in(type, types);
}

static void author_names(json_t *v, struct nm_buf *b, int depth)
{
	if (depth > 4)
		return;
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		if (*s && !looks_like_url(s) && b->len < 400) {
			if (b->len && nm_buf_add(b, ", ", 2))
				return;
			if (nm_buf_addstr(b, s))
				return;
		}
	} else if (json_is_object(v)) {
		author_names(json_object_get(v, "name"), b, depth + 1);
	} else if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x)
			author_names(x, b, depth + 1);
	}
}

static void jsonld_object(struct nm_meta *m, struct nm_arena *a, json_t *o, int depth)
{
	json_t *type, *v;
	if (depth > 6)
		return;
	if (json_is_array(o)) {
		size_t i;
		json_array_foreach(o, i, v)
			jsonld_object(m, a, v, depth + 1);
		return;
	}
	if (!json_is_object(o))
		return;
	if ((v = json_object_get(o, "@graph")))
		jsonld_object(m, a, v, depth + 1);
	type = json_object_get(o, "@type");
	if (is_listing_type(type))
		m->ld_listing = true;
	if (!is_article_type(type))
		return;
	int weak = is_weak_type(type) ? 1 : 0;
	if (!weak)
		m->ld_article = true;
	if (!weak)
		set_once(&m->ld_headline, a, json_string_value(json_object_get(o, "headline")));
	nm_meta_offer_date(m, a, json_string_value(json_object_get(o, "datePublished")), P_JSONLD + weak * 3, false);
	nm_meta_offer_date(m, a, json_string_value(json_object_get(o, "dateModified")), P_JSONLD + weak * 3, true);
	if (!weak && !m->ld_author) {
		struct nm_buf b = NM_BUF_INIT(1024);
		author_names(json_object_get(o, "author"), &b, 0);
		if (b.len)
			m->ld_author = clean(a, nm_buf_str(&b));
		nm_buf_release(&b);
	}
	if ((v = json_object_get(o, "publisher")) && json_is_object(v))
		set_once(&m->ld_site, a, json_string_value(json_object_get(v, "name")));
	set_once(&m->ld_lang, a, json_string_value(json_object_get(o, "inLanguage")));
	v = json_object_get(o, "articleBody");
	if (!weak && json_is_string(v) && json_string_length(v) > m->ld_body_len) {
		const char *s = nm_arena_strndup(a, json_string_value(v), json_string_length(v));
		if (s) {
			m->ld_body = s;
			m->ld_body_len = json_string_length(v);
		}
	}
}

static void jsonld_script(struct nm_meta *m, struct nm_arena *a, xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	json_t *root;
	size_t len;
	if (!c)
		return;
	len = strlen((const char *)c);
	if (len <= NM_EXTRACT_JSONLD_MAX) {
		/* Some sites wrap JSON-LD in <!-- --> or CDATA markers; skip to the JSON. */
		const char *s = (const char *)c;
		while (*s && *s != '{' && *s != '[')
			s++;
		root = json_loadb(s, len - (size_t)(s - (const char *)c), JSON_DISABLE_EOF_CHECK, NULL);
		if (root) {
			jsonld_object(m, a, root, 0);
			json_decref(root);
		}
	}
	xmlFree(c);
}

/* --------------------------------------------------------------- elements */

static bool has_class_word(const char *cls, const char *word)
{
	size_t wl = strlen(word);
	if (!cls)
		return false;
	for (const char *p = cls; (p = strstr(p, word)); p += wl) {
		bool start = p == cls || !nm_isalnum((unsigned char)p[-1]);
		bool end = !nm_isalnum((unsigned char)p[wl]);
		if (start && end)
			return true;
	}
	return false;
}

void nm_meta_element(struct nm_meta *m, struct nm_arena *a, xmlNode *n)
{
	const char *name = (const char *)n->name;

	/* most elements are none of the ones below: decide on the first letter */
	switch (name[0]) {
	case 'm': case 'l': case 't': case 'h': case 's':
		break;
	default:
		goto byline;
	}
	if (!nm_strcasecmp(name, "meta")) {
		const char *prop = attr(n, "property"), *nm = attr(n, "name"), *ip = attr(n, "itemprop");
		const char *content = attr(n, "content"), *he = attr(n, "http-equiv");
		const char *key = prop ? prop : nm;
		if (!content)
			return;
		if (ip) {
			if (!nm_strcasecmp(ip, "datePublished"))
				nm_meta_offer_date(m, a, content, P_META_ARTICLE, false);
			else if (!nm_strcasecmp(ip, "dateModified"))
				nm_meta_offer_date(m, a, content, P_META_ARTICLE, true);
			else if (!nm_strcasecmp(ip, "headline"))
				set_once(&m->ld_headline, a, content);
		}
		if (he && !nm_strcasecmp(he, "content-language"))
			set_once(&m->meta_lang, a, content);
		if (!key)
			return;
		if (!nm_strcasecmp(key, "og:title"))
			set_once(&m->og_title, a, content);
		else if (!nm_strcasecmp(key, "twitter:title"))
			set_once(&m->tw_title, a, content);
		else if (!nm_strcasecmp(key, "og:type"))
			set_once(&m->og_type, a, content);
		else if (!nm_strcasecmp(key, "og:url"))
			set_once(&m->og_url, a, content);
		else if (!nm_strcasecmp(key, "og:site_name"))
			set_once(&m->og_site, a, content);
		else if (!nm_strcasecmp(key, "application-name"))
			set_once(&m->app_name, a, content);
		else if (!nm_strcasecmp(key, "og:locale"))
			set_once(&m->og_locale, a, content);
		else if (!nm_strcasecmp(key, "article:published_time") ||
			 !nm_strcasecmp(key, "og:published_time") ||
			 !nm_strcasecmp(key, "article:published"))
			nm_meta_offer_date(m, a, content, P_META_ARTICLE, false);
		else if (!nm_strcasecmp(key, "article:modified_time") ||
			 !nm_strcasecmp(key, "og:updated_time") ||
			 !nm_strcasecmp(key, "article:modified"))
			nm_meta_offer_date(m, a, content, P_META_ARTICLE, true);
		else if (!nm_strcasecmp(key, "pubdate") || !nm_strcasecmp(key, "publishdate") ||
			 !nm_strcasecmp(key, "publish-date") || !nm_strcasecmp(key, "date") ||
			 !nm_strcasecmp(key, "dc.date") || !nm_strcasecmp(key, "dc.date.issued") ||
			 !nm_strcasecmp(key, "dcterms.created") || !nm_strcasecmp(key, "dcterms.date") ||
			 !nm_strcasecmp(key, "sailthru.date") || !nm_strcasecmp(key, "parsely-pub-date") ||
			 !nm_strcasecmp(key, "article.published") || !nm_strcasecmp(key, "ptime") ||
			 !nm_strcasecmp(key, "cxenseparse:recs:publishtime"))
			nm_meta_offer_date(m, a, content, P_META_OTHER, false);
		else if (!nm_strcasecmp(key, "dcterms.modified") || !nm_strcasecmp(key, "last-modified") ||
			 !nm_strcasecmp(key, "utime"))
			nm_meta_offer_date(m, a, content, P_META_OTHER, true);
		else if ((!nm_strcasecmp(key, "author") || !nm_strcasecmp(key, "article:author") ||
			  !nm_strcasecmp(key, "parsely-author") || !nm_strcasecmp(key, "sailthru.author") ||
			  !nm_strcasecmp(key, "dc.creator") || !nm_strcasecmp(key, "byl")) &&
			 !looks_like_url(content)) {
			const char *c = content;
			if (!nm_strncasecmp(c, "by ", 3))
				c += 3;
			set_once(&m->meta_author, a, c);
		}
	} else if (!nm_strcasecmp(name, "link")) {
		const char *rel = attr(n, "rel"), *href = attr(n, "href");
		if (rel && href && has_class_word(rel, "canonical"))
			set_once(&m->canonical, a, href);
	} else if (!nm_strcasecmp(name, "title")) {
		/* only the document title, not an <svg><title> */
		if (!m->title_tag && (!n->parent || !n->parent->name ||
				      !nm_strcasecmp((const char *)n->parent->name, "head")))
			m->title_tag = node_text(a, n);
	} else if (!nm_strcasecmp(name, "h1")) {
		if (!m->h1)
			m->h1 = node_text(a, n);
	} else if (!nm_strcasecmp(name, "script")) {
		if (attr_eq((const xmlChar *)attr(n, "type"), "application/ld+json"))
			jsonld_script(m, a, n);
	} else if (!nm_strcasecmp(name, "time")) {
		const char *dt = attr(n, "datetime");
		const char *ip = attr(n, "itemprop");
		if (dt && ip && !nm_strcasecmp(ip, "dateModified"))
			nm_meta_offer_date(m, a, dt, P_TIME, true);
		else if (dt)
			nm_meta_offer_date(m, a, dt, ip && !nm_strcasecmp(ip, "datePublished") ?
						     P_META_ARTICLE : P_TIME, false);
	} else if (!nm_strcasecmp(name, "html")) {
		set_once(&m->lang, a, attr(n, "lang") ? attr(n, "lang") : attr(n, "xml:lang"));
	}
byline:
	if (!m->dom_author && n->properties) {
		const char *ip = attr(n, "itemprop"), *rel = attr(n, "rel");
		if ((ip && !nm_strcasecmp(ip, "author")) || (rel && has_class_word(rel, "author"))) {
			xmlNode *name_el = NULL;
			/* itemprop=author often wraps itemprop=name */
			for (xmlNode *c = n->children; c && !name_el; c = c->next)
				if (c->type == XML_ELEMENT_NODE && attr(c, "itemprop") &&
				    !nm_strcasecmp(attr(c, "itemprop"), "name"))
					name_el = c;
			char *t = (char *)node_text(a, name_el ? name_el : n);
			if (t && strlen(t) < 100) {
				/* a byline element often carries the handle and date after the name */
				char *at = strstr(t, " @");
				if (at)
					*at = '\0';
				if (!nm_strncasecmp(t, "by ", 3))
					t += 3;
				m->dom_author = t;
			}
		}
	}
}

/* --------------------------------------------------------------- finish */

/* Drop a " | Site" / " - Site" suffix (or "Site | " prefix) from a title. */
static const char *strip_site(struct nm_arena *a, const char *t, const char *site, bool guess)
{
	static const char *seps[] = {" | ", " - ", " — ", " – ", " :: ", " » ", " · ", NULL};
	size_t tl;
	if (!t)
		return NULL;
	tl = strlen(t);
	if (site) {
		size_t sl = strlen(site);
		for (int i = 0; seps[i]; i++) {
			size_t pl = strlen(seps[i]);
			if (tl > sl + pl && !nm_strcasecmp(t + tl - sl, site) &&
			    !strncmp(t + tl - sl - pl, seps[i], pl))
				return nm_arena_strndup(a, t, tl - sl - pl);
			if (tl > sl + pl && !nm_strncasecmp(t, site, sl) && !strncmp(t + sl, seps[i], pl))
				return nm_arena_strdup(a, t + sl + pl);
		}
	}
	/* Without a known site name (and only for <title>, which carries one): cut at the
	 * last separator when the tail is short. */
	for (int i = 0; guess && seps[i]; i++) {
		const char *last = NULL;
		for (const char *p = t; (p = strstr(p, seps[i])); p++)
			last = p;
		if (last && strlen(last + strlen(seps[i])) * 2 < (size_t)(last - t) &&
		    strlen(last + strlen(seps[i])) < 40)
			return nm_arena_strndup(a, t, (size_t)(last - t));
	}
	return t;
}

/* Dates in the URL path: /2019/11/18/, /2019-11-18, /20191118/. */
static void url_date(struct nm_meta *m, struct nm_arena *a, const char *url)
{
	const char *p;
	if (!url || !(p = strstr(url, "://")) || !(p = strchr(p + 3, '/')))
		return;
	for (; *p; p++) {
		char d[16];
		int y, mo, dd;
		if (*p != '/' && *p != '-' && *p != '_')
			continue;
		const char *s = p + 1;
		if (nm_isdigit((unsigned char)s[0]) && nm_isdigit((unsigned char)s[1]) &&
		    nm_isdigit((unsigned char)s[2]) && nm_isdigit((unsigned char)s[3])) {
			y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
			if (y < 1995 || y > 2100)
				continue;
			char sep = s[4];
			if ((sep == '/' || sep == '-') && nm_isdigit((unsigned char)s[5]) &&
			    nm_isdigit((unsigned char)s[6]) && s[7] == sep && nm_isdigit((unsigned char)s[8]) &&
			    nm_isdigit((unsigned char)s[9]) && !nm_isdigit((unsigned char)s[10])) {
				mo = (s[5] - '0') * 10 + (s[6] - '0');
				dd = (s[8] - '0') * 10 + (s[9] - '0');
			} else if (nm_isdigit((unsigned char)s[4]) && nm_isdigit((unsigned char)s[5]) &&
				   nm_isdigit((unsigned char)s[6]) && nm_isdigit((unsigned char)s[7]) &&
				   (s[8] == '/' || s[8] == '-' || s[8] == '_')) {
				mo = (s[4] - '0') * 10 + (s[5] - '0');
				dd = (s[6] - '0') * 10 + (s[7] - '0');
			} else {
				continue;
			}
			snprintf(d, sizeof(d), "%04d-%02d-%02d", y, mo, dd);
			nm_meta_offer_date(m, a, d, P_URL, false);
			return;
		}
	}
}

static const char *resolve(struct nm_arena *a, const char *base, const char *ref)
{
	char *out = NULL;
	const char *r;
	if (!ref)
		return NULL;
	if (nm_url_resolve(base, ref, &out, NULL))
		return NULL;
	r = nm_arena_strdup(a, out);
	free(out);
	return r;
}

/* "en_US" -> "en-US"; NULL for an empty or odd value. */
static const char *lang_tag(struct nm_arena *a, const char *s)
{
	char buf[36];
	size_t n = 0;
	if (!s)
		return NULL;
	for (; *s && n < sizeof(buf) - 1; s++) {
		if (nm_isalnum((unsigned char)*s))
			buf[n++] = *s;
		else if (*s == '-' || *s == '_')
			buf[n++] = '-';
		else
			break;
	}
	if (n < 2 || !nm_isalpha((unsigned char)buf[0]))
		return NULL;
	buf[n] = '\0';
	/* BCP 47 case: language lower, two-letter region upper ("en-US") */
	size_t i = 0;
	for (; i < n && buf[i] != '-'; i++)
		buf[i] = (char)nm_tolower((unsigned char)buf[i]);
	if (i + 3 == n)
		buf[i + 1] = (char)nm_toupper((unsigned char)buf[i + 1]),
		buf[i + 2] = (char)nm_toupper((unsigned char)buf[i + 2]);
	return nm_arena_strdup(a, buf);
}

enum nm_code nm_meta_finish(struct nm_meta *m, struct nm_doc *doc, const char *page_url)
{
	struct nm_arena *a = doc->arena;
	const char *site = m->og_site ? m->og_site : m->ld_site ? m->ld_site : m->app_name;
	const char *title;

	url_date(m, a, page_url);
	title = m->og_title ? m->og_title : m->ld_headline ? m->ld_headline : m->tw_title;
	if (!title)
		title = m->h1;
	doc->title = title ? strip_site(a, title, site, false) : strip_site(a, m->title_tag, site, true);
	doc->published = m->published;
	doc->modified = m->modified;
	doc->author = m->ld_author ? m->ld_author : m->meta_author ? m->meta_author : m->dom_author;
	doc->canonical_url = resolve(a, page_url, m->canonical);
	if (!doc->canonical_url)
		doc->canonical_url = resolve(a, page_url, m->og_url);
	if (!doc->canonical_url && page_url)
		doc->canonical_url = resolve(a, NULL, page_url);
	if (!site && page_url) {
		char *host = NULL;
		if (!nm_url_host(page_url, &host, NULL) && host) {
			site = nm_arena_strdup(a, !strncmp(host, "www.", 4) ? host + 4 : host);
			free(host);
		}
	}
	doc->site = site;
	doc->language = lang_tag(a, m->lang ? m->lang : m->meta_lang ? m->meta_lang :
				    m->ld_lang ? m->ld_lang : m->og_locale);
	return NM_OK;
}
