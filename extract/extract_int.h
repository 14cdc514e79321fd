/*
 * extract/extract_int.h — internals shared by the files of extract/ that turn a page
 * into an article: the charset sniffer (charset.c), page metadata (meta.c), the
 * main-text finder (content.c), the plain-text cleaner (plain.c) and the flow that
 * ties them together (article.c). Nothing here is public.
 */
#ifndef NM_EXTRACT_INT_H
#define NM_EXTRACT_INT_H

#include "extract/extract.h"

#include <libxml/HTMLparser.h>

/* Pages larger than this are parsed only up to here (bytes): the article is always
 * near the top, and the DOM of a giant page would cost gigabytes. */
#define NM_EXTRACT_PARSE_MAX ((size_t)16 << 20)
/* Main text kept at most (bytes, at a block boundary): no news article comes near it, and
 * mentions and events downstream cost time in proportion to the text. */
#define NM_EXTRACT_TEXT_MAX ((size_t)1 << 20)
/* Bytes of one JSON-LD script parsed at most. */
#define NM_EXTRACT_JSONLD_MAX ((size_t)2 << 20)
/* Bytes of the page's head searched for a <meta charset>. */
#define NM_EXTRACT_SNIFF_MAX 4096

/*
 * The node after n in document order inside root's subtree: n's first child when
 * descend is true, else the next sibling of n or of its nearest ancestor below root;
 * NULL when the subtree is done. The walks of extract/ step with it so that none recurses.
 */
static inline xmlNode *nm_dom_next(xmlNode *n, const xmlNode *root, bool descend)
{
	if (descend && n->children)
		return n->children;
	while (n && n != root && !n->next)
		n = n->parent;
	return !n || n == root ? NULL : n->next;
}

/* ------------------------------------------------------------ charset.c */

/*
 * Decide how to decode the page: writes a libxml2 encoding name into enc ("UTF-8" when
 * the bytes are to be read as UTF-8). Order: BOM, the HTTP Content-Type's charset, a
 * <meta charset> or http-equiv near the top, else UTF-8. A declared single-byte or
 * legacy charset is overridden by UTF-8 when the bytes are valid UTF-8 with non-ASCII
 * content (a common misdeclaration); undeclared bytes that are mostly not UTF-8 are
 * read as windows-1252, as browsers do. *skip is the BOM length to drop; *clean tells
 * whether the bytes after it are valid UTF-8 with no NUL byte.
 */
void nm_charset_sniff(const char *bytes, size_t len, const char *content_type, char enc[64],
		      size_t *skip, bool *clean);

/* ------------------------------------------------------------ meta.c */

/* Metadata gathered while walking the page; strings from the doc arena or NULL. */
struct nm_meta {
	const char *og_title, *ld_headline, *tw_title, *title_tag, *h1;
	const char *published, *modified;         /* ISO 8601 UTC, first found by priority */
	int published_prio, modified_prio;        /* lower = better source; 0 = none yet */
	const char *ld_author, *meta_author, *dom_author;
	const char *canonical, *og_url;
	const char *og_site, *ld_site, *app_name;
	const char *lang, *meta_lang, *og_locale, *ld_lang;
	const char *ld_body;                      /* JSON-LD articleBody */
	size_t ld_body_len;
	const char *og_type;                      /* og:type ("article", "website", ...) */
	bool ld_article;                          /* JSON-LD names an Article-like object */
	bool ld_listing;                          /* JSON-LD names a CollectionPage, ItemList, ... */
};

/* Look at one element (called for every element, in document order). */
void nm_meta_element(struct nm_meta *m, struct nm_arena *a, xmlNode *n);
/* Fill doc's article fields from what was gathered (and the page URL). */
enum nm_code nm_meta_finish(struct nm_meta *m, struct nm_doc *doc, const char *page_url);
/* Offer a date (any nm_time_parse form) with a priority (lower wins). */
void nm_meta_offer_date(struct nm_meta *m, struct nm_arena *a, const char *s, int prio,
			bool modified);

/* ------------------------------------------------------------ content.c */

/* The main text of a parsed page into out ("\n\n" between paragraphs). title (may be
 * NULL) is the article title, so a heading repeating it is left out. */
enum nm_code nm_content_extract(xmlDoc *html, const struct nm_meta *m, struct nm_buf *out);

/* ------------------------------------------------------------ pagetype.c */

/* Headings (h2-h4) that each link to another page, outside navigation, headers,
 * footers, asides and related/sidebar boxes: a listing's teasers. Call before
 * nm_content_extract (which prunes the tree). */
size_t nm_pagetype_linked_headings(xmlNode *root);
/* Article or listing, from the page's own type claims (og:type, JSON-LD @type), its
 * linked headings against the long paragraphs of the extracted text, and the URL's
 * shape as a weak hint. */
enum nm_page_type nm_pagetype_decide(const struct nm_meta *m, size_t linked_headings,
				     const char *url, const char *text, size_t len);

/* ------------------------------------------------------------ plain.c */

/*
 * Plain text: the bytes stay as given, except that boilerplate lines (a table of
 * contents marker, "Related posts", "Follow us ...", ad labels) are blanked to spaces of
 * the same length so every later byte offset still holds, and a trailing run of short
 * boilerplate lines is cut off. Writes the new length into *len (text modified in place).
 */
void nm_plain_clean(char *text, size_t *len);

/*
 * Decode the HTML character references left in plain text ("&rsquo;", "&amp;",
 * "&#8217;"; text taken from feeds and scrapers carries them) in place; returns the new
 * length. Only complete references (with their ';') to valid code points are decoded.
 * Text without '&' is untouched, so its offsets stay the file's.
 */
size_t nm_plain_unescape(char *text, size_t len);

/* True when a short block of text is a boilerplate label on its own ("Advertisement",
 * "Related posts", "Share this article", ...). */
bool nm_boilerplate_label(const char *s, size_t n);

#endif
