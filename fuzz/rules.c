/*
 * fuzz/rules.c — libFuzzer target for the rule loaders (`make fuzz`, clang): the input
 * is one rule file; it goes through nm_rules_load_sources() (line syntax, continuations,
 * includes), nm_mentioner_new() (define, words, pattern, asset, the PCRE2 compile) and
 * nm_classifier_new() (the event directives, event-define, need= gates and the analysis
 * of where each rule's matches start). A bad file must give an error, never a crash; a
 * good one is then run over a fixed text. Seeds: fuzz/rules.in/; crashers go to fuzz/rules.repro/ and
 * are replayed by tests/unit/test_mentions.c under `make check`.
 */
#include "classify/classify.h"
#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char text[] = "ETH led with $180M; BTC between $92,000 and $93,000 over 24 hours, "
				   "up 5.2%, about two billion dollars.";
	char *src = malloc(size + 1);
	struct nm_rule_source files[] = {{"fuzz.rules", src}, {"x.inc.rules", "words qualifier about ~\n"},
					 {NULL, NULL}};
	struct nm_rules *rules = NULL;
	struct nm_mentioner *m = NULL;
	struct nm_classifier *c = NULL;

	if (!src)
		return 0;
	memcpy(src, data, size);
	src[size] = '\0';
	if (nm_rules_load_sources(files, &rules, NULL) == NM_OK &&
	    nm_mentioner_new(rules, &m, NULL) == NM_OK) {
		struct nm_doc *doc = nm_doc_new(1 << 22);
		if (nm_doc_set_text(doc, text, sizeof(text) - 1) == NM_OK &&
		    nm_extract_mentions_ex(m, doc, NM_MENTIONS_NUMBERS, NULL) == NM_OK)
			for (size_t i = 0; i < doc->n_mentions; i++)
				if (doc->mentions[i].span.end > doc->text_len ||
				    doc->mentions[i].span.start >= doc->mentions[i].span.end)
					abort();
		if (nm_classifier_new(rules, &c, NULL) == NM_OK && nm_classify(c, doc, NULL) == NM_OK)
			for (size_t i = 0; i < doc->n_events; i++)
				if (doc->events[i].trigger.end > doc->text_len)
					abort();
		nm_doc_free(doc);
	}
	nm_classifier_free(c);
	nm_mentioner_free(m);
	nm_rules_free(rules);
	free(src);
	return 0;
}
