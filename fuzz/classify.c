/*
 * fuzz/classify.c — libFuzzer target for the classifier (`make fuzz`, clang): the input
 * is a document's text, given its mentions by the compiled-in rules and then classified
 * at two confidence floors. Checks the invariants: sentences in order, inside the text
 * and not overlapping; each event with a 16-hex id, a confidence in [0,1], at least one
 * evidence span and every evidence span one of the sentences; each check's mentions
 * real indexes. Seeds: fuzz/classify.in/; crashers go to fuzz/classify.repro/ and are
 * replayed by tests/unit/test_classify_fuzz.c under `make check`.
 */
#include "classify/classify.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct nm_rules *fz_rules;
static struct nm_mentioner *fz_mentioner;
static struct nm_classifier *fz_classifiers[2];

static bool is_sentence(const struct nm_doc *doc, struct nm_span sp)
{
	for (size_t i = 0; i < doc->n_sentences; i++)
		if (doc->sentences[i].start == sp.start && doc->sentences[i].end == sp.end)
			return true;
	return false;
}

static void check_doc(const struct nm_doc *doc)
{
	size_t last = 0;
	for (size_t i = 0; i < doc->n_sentences; i++) {
		struct nm_span sp = doc->sentences[i];
		if (sp.start >= sp.end || sp.end > doc->text_len || sp.start < last)
			abort();
		last = sp.end;
	}
	for (size_t i = 0; i < doc->n_events; i++) {
		const struct nm_event *e = &doc->events[i];
		if (strlen(e->id) != 16 || !(e->confidence >= 0 && e->confidence <= 1) ||
		    !e->n_evidence)
			abort();
		for (int k = 0; k < 16; k++)
			if (!isxdigit((unsigned char)e->id[k]))
				abort();
		for (size_t k = 0; k < e->n_evidence; k++)
			if (!is_sentence(doc, e->evidence[k]))
				abort();
	}
	for (size_t i = 0; i < doc->n_checks; i++)
		for (int k = 0; k < 2; k++)
			if (doc->checks[i].mentions[k] >= doc->n_mentions)
				abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fz_mentioner) {
		if (nm_rules_load(NULL, &fz_rules, NULL) ||
		    nm_mentioner_new(fz_rules, &fz_mentioner, NULL) ||
		    nm_classifier_new(fz_rules, &fz_classifiers[0], NULL) ||
		    nm_classifier_new(fz_rules, &fz_classifiers[1], NULL) ||
		    nm_classifier_set_min_confidence(fz_classifiers[1], 0))
			abort();
	}
	for (int c = 0; c < 2; c++) {
		struct nm_doc *doc = nm_doc_new(1 << 24);
		if (nm_doc_set_text(doc, (const char *)data, size) == NM_OK &&
		    nm_extract_mentions(fz_mentioner, doc, NULL) == NM_OK &&
		    nm_classify(fz_classifiers[c], doc, NULL) == NM_OK)
			check_doc(doc);
		nm_doc_free(doc);
	}
	return 0;
}
