/*
 * extract/ — stage 2: bytes of a page (HTML or plain text) become an article (main
 * text without boilerplate, title, dates, author, canonical URL, site, language), and
 * the article's text becomes mentions (assets, money, prices, ranges, percents,
 * durations) found by PCRE2 rules, normalised and bound to their asset and role.
 *
 * Reads: base/. Fills: doc->text and article fields, doc->sentences, doc->mentions.
 */
#ifndef NM_EXTRACT_H
#define NM_EXTRACT_H

#include "base/base.h"

#define NM_EXTRACT_INPUT_MAX ((size_t)128 << 20) /* bytes of page accepted */

struct nm_extract_opts {
	const char *url;          /* page URL (borrowed), resolves relative links; NULL = unknown */
	const char *content_type; /* HTTP Content-Type (borrowed), for its charset; NULL = none */
	bool plain_text;          /* the bytes are plain text, not HTML */
};

/*
 * Extract the article from len bytes into doc (article fields and text, all copied into
 * doc's arena). Invalid UTF-8 is repaired before any offset is taken. NM_ETOOBIG when
 * the page or the document's arena budget is exceeded; doc is then unusable.
 */
enum nm_code nm_extract_article(struct nm_doc *doc, const char *bytes, size_t len,
				const struct nm_extract_opts *opts, struct nm_err *err);

/*
 * Split doc->text into sentences (doc->sentences, reset first; sets sentences_ready).
 * News text is not tidy prose: headings and list items without full stops, bullets,
 * abbreviations, amounts with dots, quotes after the stop, glued paragraphs. The mention
 * layer runs it when the sentences are not ready; classify/ reuses them.
 */
enum nm_code nm_extract_sentences(struct nm_doc *doc, struct nm_err *err);
/* True when sentence i reads as a heading or list line (no final punctuation). */
bool nm_sentence_is_heading(const struct nm_doc *doc, size_t i);
/* True when a bullet or list number ("- ", "• ", "2. ") starts sentence i's line. */
bool nm_sentence_after_bullet(const struct nm_doc *doc, size_t i);

/* Compiled mention rules: built once, then read-only and shareable between threads. */
struct nm_mentioner;

/* Compile the mention rules of a rule set (borrowed for the call). */
enum nm_code nm_mentioner_new(const struct nm_rules *rules, struct nm_mentioner **out,
			      struct nm_err *err);
void nm_mentioner_free(struct nm_mentioner *m);

/* Find the mentions of doc->text and append them to doc->mentions, in text order. */
enum nm_code nm_extract_mentions(const struct nm_mentioner *m, struct nm_doc *doc,
				 struct nm_err *err);

/* Flags of nm_extract_mentions_ex(). */
#define NM_MENTIONS_NUMBERS 1u /* also bare numbers, unit-less ranges, and an open range
				  beside each qualified amount (evaluation against peers) */

/* nm_extract_mentions() with flags (0 = the same). */
enum nm_code nm_extract_mentions_ex(const struct nm_mentioner *m, struct nm_doc *doc,
				    unsigned flags, struct nm_err *err);

#endif
