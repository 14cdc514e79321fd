/*
 * extract/article.c — stage 2, first half: the bytes of a page become an article.
 *
 * HTML: pick the charset (charset.c), make the bytes valid for it (UTF-8 input is
 * repaired before libxml2 sees it, NUL bytes included), parse with libxml2's HTML
 * parser (depth and size limits kept: no HTML_PARSE_HUGE), read the metadata (meta.c)
 * and the main text (content.c). When the page's JSON-LD articleBody is much longer
 * than what the DOM gave, the DOM lost the article (script-rendered pages) and the
 * JSON-LD body is used instead. Plain text is kept byte for byte except boilerplate
 * lines and leftover HTML character references (plain.c). Either way the text is repaired once more by nm_doc_set_text, so
 * every offset taken later is into valid UTF-8.
 */
#include "extract/extract_int.h"

#include <string.h>

static enum nm_code too_big(struct nm_err *err)
{
	return nm_err_set(err, NM_ETOOBIG, "document is over its memory budget");
}

/* The first line of plain text, when it reads like a title. */
static const char *plain_title(struct nm_arena *a, const char *s, size_t n)
{
	size_t i = 0, e;
	while (i < n && nm_isspace((unsigned char)s[i]))
		i++;
	e = i;
	while (e < n && s[e] != '\n' && s[e] != '\r')
		e++;
	if (e == i || e - i > 300 || e >= n)
		return NULL;
	return nm_arena_strndup(a, s + i, e - i);
}

/*
 * The date a dateline near the top of plain text gives ("Updated: March 2, 2026 | 8 min
 * read", "Newsletter | Sunday 8 February 2026", "Learn · 8 min read · 12 January 2026",
 * "SINGAPORE, March 3, 2026 /CryptoWire/"): the first run of DATELINE_WORDS_MIN to
 * DATELINE_WORDS_MAX words in one of the first DATELINE_LINES lines after the title that
 * nm_time_parse reads whole. ISO 8601 in a, or NULL.
 */
#define DATELINE_LINES 6
#define DATELINE_WORDS_MIN 3
#define DATELINE_WORDS_MAX 4
#define DATELINE_PART_MAX 48
#define DATELINE_REACH 120 /* bytes of a line where its date may start */
#define DATELINE_YEARS 8
static const char *plain_published(struct nm_arena *a, const char *s, size_t n)
{
	size_t i = 0;
	for (int line = 0; line < DATELINE_LINES && i < n; line++) {
		size_t e = i;
		while (e < n && s[e] != '\n')
			e++;
		/* the title's date is its story's ("Five Years Since May 19, 2021"), not the
		 * article's */
		if (line == 0 && e < n) {
			i = e + 1;
			continue;
		}
		/* a date ends with its year: the years of the line's head first (a press
		 * release's dateline opens its first paragraph) */
		size_t years[DATELINE_YEARS], ny = 0;
		for (size_t k = i; k + 4 <= e && k < i + DATELINE_REACH + DATELINE_PART_MAX && ny < DATELINE_YEARS; k++)
			if (nm_year_at(s, i, k, e))
				years[ny++] = k;
		for (size_t w = i, y = 0; y < ny && w < e && w < i + DATELINE_REACH; w++) {
			if (!nm_isalnum((unsigned char)s[w]) || (w > i && nm_isalnum((unsigned char)s[w - 1])))
				continue;
			/* only a start with a year close after it */
			while (y < ny && years[y] < w)
				y++;
			if (y == ny || years[y] >= w + DATELINE_PART_MAX)
				continue;
			/* the words from w: three or four, without the separators around them */
			size_t k = w;
			for (int words = 1; words <= DATELINE_WORDS_MAX && k < e; words++) {
				char part[DATELINE_PART_MAX + 1];
				int64_t t;
				bool has_time;
				while (k < e && (nm_isalnum((unsigned char)s[k]) || s[k] == ',' || s[k] == '.'))
					k++;
				size_t z = k;
				while (z > w && (s[z - 1] == ',' || s[z - 1] == '.'))
					z--;
				if (words >= DATELINE_WORDS_MIN && z - w <= DATELINE_PART_MAX) {
					memcpy(part, s + w, z - w);
					part[z - w] = '\0';
					if (!nm_time_parse(part, &t, &has_time)) {
						char iso[21];
						nm_time_iso(t, iso);
						return nm_arena_strndup(a, iso, strlen(iso));
					}
				}
				if (k >= e || s[k] != ' ')
					break;
				k++;
			}
		}
		i = e + 1;
	}
	return NULL;
}

static enum nm_code extract_plain(struct nm_doc *doc, const char *bytes, size_t len,
				  struct nm_err *err)
{
	struct nm_buf b = NM_BUF_INIT(len > SIZE_MAX / 4 ? SIZE_MAX / 4 : 3 * len + 1);
	const char *published = NULL;
	size_t n;
	enum nm_code rc;

	if ((rc = nm_utf8_repair(&b, bytes, len)))
		return nm_err_set(err, rc, "text too large");
	n = b.len;
	if (b.data) {
		n = nm_plain_unescape(b.data, n);
		/* the dateline is read before the cleaning blanks it */
		published = plain_published(doc->arena, b.data, n);
		nm_plain_clean(b.data, &n);
		b.len = n;
	}
	rc = nm_doc_set_text(doc, nm_buf_str(&b), b.len);
	if (!rc) {
		doc->title = plain_title(doc->arena, doc->text, doc->text_len);
		if (!doc->published)
			doc->published = published;
	}
	nm_buf_release(&b);
	return rc ? too_big(err) : NM_OK;
}

/* JSON-LD articleBody as text: tags stripped (some sites put HTML there), single line
 * breaks turned into paragraph breaks. */
static enum nm_code ld_body_text(const char *s, size_t n, struct nm_buf *out)
{
	bool in_tag = false;
	size_t nl = 0;
	nm_buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		enum nm_code rc = NM_OK;
		if (in_tag) {
			if (c == '>')
				in_tag = false;
			continue;
		}
		if (c == '<' && i + 1 < n && (nm_isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/')) {
			in_tag = true;
			continue;
		}
		if (c == '\n') {
			nl++;
			continue;
		}
		if (c == '\r')
			continue;
		if (nl && out->len >= NM_EXTRACT_TEXT_MAX)
			break;
		if (nl && out->len)
			rc = nm_buf_add(out, "\n\n", 2);
		nl = 0;
		if (!rc)
			rc = nm_buf_addch(out, c);
		if (rc)
			return rc;
	}
	return NM_OK;
}

/* libxml2 prints encoding and I/O complaints on stderr by itself; a library must not.
 * Recovery is what we asked for, so they are dropped (the handler is per thread). */
static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static size_t nonspace(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += !nm_isspace((unsigned char)s[i]);
	return k;
}

static void walk_meta(struct nm_meta *m, struct nm_arena *a, xmlNode *root)
{
	for (xmlNode *n = root; n; n = nm_dom_next(n, root, n->type == XML_ELEMENT_NODE))
		if (n->type == XML_ELEMENT_NODE)
			nm_meta_element(m, a, n);
}

static enum nm_code extract_html(struct nm_doc *doc, const char *bytes, size_t len,
				 const struct nm_extract_opts *opts, struct nm_err *err)
{
	struct nm_buf fixed = NM_BUF_INIT(NM_EXTRACT_PARSE_MAX * 3 + 16);
	struct nm_buf text = NM_BUF_INIT(NM_EXTRACT_INPUT_MAX);
	struct nm_meta meta = {0};
	char enc[64];
	size_t skip;
	htmlDocPtr h;
	xmlNode *root;
	enum nm_code rc = NM_OK;
	bool utf16, clean;
	size_t linked = 0;

	nm_charset_sniff(bytes, len, opts ? opts->content_type : NULL, enc, &skip, &clean);
	bytes += skip;
	len -= skip;
	utf16 = !nm_strncasecmp(enc, "utf-16", 6);
	if (len > NM_EXTRACT_PARSE_MAX) {
		nm_log(NM_LOG_INFO, "page of %zu bytes: parsing its first %zu", len, NM_EXTRACT_PARSE_MAX);
		len = NM_EXTRACT_PARSE_MAX;
		if (utf16)
			len &= ~(size_t)1;
		else /* not in the middle of a UTF-8 sequence */
			while (len > 0 && ((unsigned char)bytes[len] & 0xC0) == 0x80)
				len--;
	}
	if (!nm_strcasecmp(enc, "UTF-8")) {
		if (!clean && !nm_utf8_valid(bytes, len)) {
			if ((rc = nm_utf8_repair(&fixed, bytes, len)))
				return nm_err_set(err, rc, "page too large");
			bytes = nm_buf_str(&fixed);
			len = fixed.len;
		}
	} else if (!utf16 && memchr(bytes, '\0', len)) {
		/* NUL bytes stop libxml2's parser: make them spaces */
		if ((rc = nm_buf_add(&fixed, bytes, len)))
			return nm_err_set(err, rc, "page too large");
		for (size_t i = 0; i < fixed.len; i++)
			if (!fixed.data[i])
				fixed.data[i] = ' ';
		bytes = fixed.data;
	}
	if (len == 0) {
		nm_buf_release(&fixed);
		return nm_doc_set_text(doc, "", 0) ? too_big(err) : NM_OK;
	}

	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet);
	h = htmlReadMemory(bytes, (int)len, opts ? opts->url : NULL, enc,
			   HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				   HTML_PARSE_NONET | HTML_PARSE_COMPACT);
	nm_buf_release(&fixed);
	if (!h)
		return nm_err_set(err, NM_EPARSE, "cannot parse HTML");
	root = xmlDocGetRootElement(h);
	if (root) {
		walk_meta(&meta, doc->arena, root);
		linked = nm_pagetype_linked_headings(root);
	}
	rc = nm_content_extract(h, &meta, &text);
	xmlFreeDoc(h);
	if (rc) {
		nm_buf_release(&text);
		return nm_err_set(err, rc, "main text too large");
	}

	/* the DOM lost the article (rendered by script): take JSON-LD's body */
	if (meta.ld_body && meta.ld_body_len >= 400) {
		size_t dom = nonspace(text.data ? text.data : "", text.len);
		size_t ld = nonspace(meta.ld_body, meta.ld_body_len);
		if (dom * 2 < ld) {
			struct nm_buf lb = NM_BUF_INIT(NM_EXTRACT_INPUT_MAX);
			if (!ld_body_text(meta.ld_body, meta.ld_body_len, &lb)) {
				nm_buf_release(&text);
				text = lb;
			} else {
				nm_buf_release(&lb);
			}
		}
	}
	doc->page_type = nm_pagetype_decide(&meta, linked, opts ? opts->url : NULL,
					    nm_buf_str(&text), text.len);
	rc = nm_doc_set_text(doc, nm_buf_str(&text), text.len);
	nm_buf_release(&text);
	if (rc)
		return too_big(err);
	if ((rc = nm_meta_finish(&meta, doc, opts ? opts->url : NULL)))
		return nm_err_set(err, rc, "metadata too large");
	return NM_OK;
}

enum nm_code nm_extract_article(struct nm_doc *doc, const char *bytes, size_t len,
				const struct nm_extract_opts *opts, struct nm_err *err)
{
	if (!doc || (!bytes && len))
		return nm_err_set(err, NM_EINVAL, "no document or no bytes");
	if (len > NM_EXTRACT_INPUT_MAX)
		return nm_err_set(err, NM_ETOOBIG, "page is larger than %zu bytes", NM_EXTRACT_INPUT_MAX);
	if (!bytes)
		bytes = "";
	if (opts && opts->url && !(doc->url = nm_arena_strdup(doc->arena, opts->url)))
		return too_big(err);
	if (opts && opts->content_type && !(doc->content_type = nm_arena_strdup(doc->arena, opts->content_type)))
		return too_big(err);
	if (opts && opts->plain_text)
		return extract_plain(doc, bytes, len, err);
	return extract_html(doc, bytes, len, opts, err);
}
