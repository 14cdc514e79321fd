/*
 * fuzz/mentions.c — libFuzzer target for the mention matcher (`make fuzz`, clang): the
 * input is a document's text, run through the compiled-in rules with and without bare
 * numbers. Checks the invariants: every span inside the text, non-empty, on UTF-8
 * character boundaries, within one sentence (doc->sentences); mentions in text order.
 * Seeds: fuzz/mentions.in/; crashers go to fuzz/mentions.repro/ and are replayed by
 * tests/unit/test_mentions.c under `make check`.
 */
#include "extract/extract.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct nm_rules *fz_rules;
static struct nm_mentioner *fz_mentioner;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fz_mentioner && (nm_rules_load(NULL, &fz_rules, NULL) ||
			   nm_mentioner_new(fz_rules, &fz_mentioner, NULL)))
		abort();
	for (unsigned flags = 0; flags <= NM_MENTIONS_NUMBERS; flags += NM_MENTIONS_NUMBERS) {
		struct nm_doc *doc = nm_doc_new(1 << 24);
		if (nm_doc_set_text(doc, (const char *)data, size) == NM_OK &&
		    nm_extract_mentions_ex(fz_mentioner, doc, flags, NULL) == NM_OK) {
			size_t last = 0;
			for (size_t i = 0; i < doc->n_mentions; i++) {
				const struct nm_span *s = &doc->mentions[i].span;
				if (s->start >= s->end || s->end > doc->text_len || s->start < last ||
				    ((unsigned char)doc->text[s->start] & 0xC0) == 0x80 ||
				    (s->end < doc->text_len && ((unsigned char)doc->text[s->end] & 0xC0) == 0x80))
					abort();
				last = s->start;
				/* never across a sentence end (a soft-wrapped line is one sentence) */
				for (size_t k = 0; k + 1 < doc->n_sentences; k++)
					if (s->start < doc->sentences[k].end && doc->sentences[k].end < s->end)
						abort();
			}
		}
		nm_doc_free(doc);
	}
	return 0;
}
