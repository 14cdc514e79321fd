/*
 * extract/article.c — HTML or plain text to an article. FIRST CUT (Foundation): the
 * whole visible text of <body>; boilerplate removal and metadata come with issue 4.
 */
#include "extract/extract.h"

#include <libxml/HTMLparser.h>
#include <string.h>

static bool skip_element(const xmlChar *name)
{
	static const char *skip[] = {"script", "style", "noscript", "template", "head", NULL};
	for (int i = 0; skip[i]; i++)
		if (!xmlStrcasecmp(name, (const xmlChar *)skip[i]))
			return true;
	return false;
}

static enum nm_code collect(xmlNode *n, struct nm_buf *out)
{
	for (; n; n = n->next) {
		enum nm_code rc;
		if (n->type == XML_TEXT_NODE && n->content) {
			if ((rc = nm_buf_addstr(out, (const char *)n->content)) || (rc = nm_buf_addch(out, ' ')))
				return rc;
		} else if (n->type == XML_ELEMENT_NODE && !skip_element(n->name)) {
			if ((rc = collect(n->children, out)))
				return rc;
		}
	}
	return NM_OK;
}

enum nm_code nm_extract_article(struct nm_doc *doc, const char *bytes, size_t len,
				const struct nm_extract_opts *opts, struct nm_err *err)
{
	struct nm_buf text = NM_BUF_INIT(NM_EXTRACT_INPUT_MAX);
	enum nm_code rc;

	if (len > NM_EXTRACT_INPUT_MAX)
		return nm_err_set(err, NM_ETOOBIG, "page is larger than %zu bytes", NM_EXTRACT_INPUT_MAX);
	if (opts && opts->url)
		doc->url = nm_arena_strdup(doc->arena, opts->url);
	if (opts && opts->plain_text) {
		rc = nm_doc_set_text(doc, bytes, len);
	} else {
		htmlDocPtr h = htmlReadMemory(bytes, (int)len, opts ? opts->url : NULL, "UTF-8",
					      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
						      HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
		if (!h)
			return nm_err_set(err, NM_EPARSE, "cannot parse HTML");
		rc = collect(xmlDocGetRootElement(h), &text);
		xmlFreeDoc(h);
		if (!rc)
			rc = nm_doc_set_text(doc, nm_buf_str(&text), text.len);
	}
	nm_buf_release(&text);
	if (rc)
		return nm_err_set(err, rc, "document too large");
	return NM_OK;
}
