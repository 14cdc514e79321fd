/*
 * fuzz/extract.c — libFuzzer target for the article extractor (`make fuzz`, clang).
 * The first byte picks the mode (plain text or HTML, with or without a Content-Type
 * charset and a page URL); the rest is the page. Looks for crashes, leaks, UB and
 * broken invariants: the text must be valid UTF-8 and NUL-terminated at text_len.
 * Seeds: fuzz/extract.in/; crashers go to fuzz/extract.repro/ and are replayed by
 * tests/unit/test_extract.c under `make check` (no fuzzing engine needed).
 */
#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *cts[] = {NULL, "text/html; charset=iso-8859-1", "text/html; charset=shift_jis",
				    "text/html;charset=utf-16"};
	struct nm_extract_opts o = {0};
	struct nm_doc *doc;
	uint8_t mode;

	if (size < 1)
		return 0;
	mode = data[0];
	o.plain_text = mode & 1;
	o.content_type = cts[(mode >> 1) & 3];
	o.url = (mode & 8) ? "https://example.com/2025/11/17/a/b.html" : NULL;
	doc = nm_doc_new((mode & 16) ? 1 << 16 : NM_DOC_BUDGET_DEFAULT);
	if (nm_extract_article(doc, (const char *)data + 1, size - 1, &o, NULL) == NM_OK) {
		if (!doc->text || doc->text[doc->text_len] != '\0' || !nm_utf8_valid(doc->text, doc->text_len))
			abort();
	}
	nm_doc_free(doc);
	return 0;
}
