/* tests/unit/test_classify_hits.c — classify/'s rule hits through its internal header:
 * a rule whose matches start at its stems' words is tried at those words alone, and
 * must find exactly the hits a scan of the whole sentence finds; the compiled-in groups
 * pick their candidate rules by stems. Each case runs one
 * pattern twice, once as written (tried at its words) and once wrapped so that it is
 * scanned, and compares the hits. Texts are written for these tests. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "classify/classify_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct found {
	size_t n;
	size_t start[64], end[64];
};

/* The trigger hits of rules on text; *anchored tells whether the rule is tried at its
 * words. */
static void hits_of(const char *rules_text, const char *text, struct found *f, bool *anchored)
{
	struct nm_rule_source src[] = {{"t.rules", rules_text}, {NULL, NULL}};
	struct stem_list at = {NULL, 0, 0, NULL, 0};
	struct nm_rules *r;
	struct nm_classifier *c;
	struct nm_err err = {0};
	struct nm_doc *d = nm_doc_new(1 << 24);
	struct scratch s;

	assert_int_equal(nm_doc_set_text(d, text, strlen(text)), NM_OK);
	assert_int_equal(nm_rules_load_sources(src, &r, &err), NM_OK);
	assert_int_equal(nm_classifier_new(r, &c, &err), NM_OK);
	*anchored = c->groups[EV_RISK_OFF].anchored && c->groups[EV_RISK_OFF].anchored[0];
	memset(&s, 0, sizeof(s));
	s.c = c;
	s.doc = d;
	s.at = &at;
	assert_int_equal(nm_extract_sentences(d, &err), NM_OK);
	assert_int_equal(cls_find_hits(&s, &err), NM_OK);
	assert_true(s.n_hits <= 64);
	f->n = s.n_hits;
	for (size_t i = 0; i < s.n_hits; i++) {
		f->start[i] = s.hits[i].start;
		f->end[i] = s.hits[i].end;
	}
	cls_hits_release(&s);
	nm_classifier_free(c);
	nm_rules_free(r);
	nm_doc_free(d);
}

/* pattern as written is tried at its words; wrapped in a group it is scanned: both
 * give the same hits, n of them. */
static void same_hits(const char *need, const char *pattern, const char *text, size_t n)
{
	char direct[512], wrapped[512];
	struct found a, b;
	bool anchored;

	snprintf(direct, sizeof(direct), "event-trigger risk-off 0.9 %s %s\n", need, pattern);
	snprintf(wrapped, sizeof(wrapped), "event-trigger risk-off 0.9 %s (?:%s)\n", need, pattern);
	hits_of(direct, text, &a, &anchored);
	if (!anchored)
		fail_msg("%s: not anchored", direct);
	hits_of(wrapped, text, &b, &anchored);
	if (anchored)
		fail_msg("%s: anchored", wrapped);
	assert_int_equal(a.n, n);
	assert_int_equal(b.n, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(a.start[i], b.start[i]);
		assert_int_equal(a.end[i], b.end[i]);
	}
}

static void anchored_rules_find_the_same_hits(void **state)
{
	(void)state;
	/* a match that takes the next start word in: that word starts no match of its own */
	same_hits("need=jitter", "\\bjitter\\w*(?:\\s+jitter\\w*)?", "Jitters jitters jitters spread.", 2);
	/* '&' glues a word for the word scan but not for \b: the sentence is scanned */
	same_hits("need=jitter", "\\bjitters\\b", "Markets &jitters, then more jitters.", 2);
	/* '_' is a word byte for \b: no match inside "un_jitters" either way */
	same_hits("need=jitter", "\\bjitters\\b", "Un_jitters and jitters.", 1);
	/* branches, a group of runs, a run that loses its last byte to a quantifier */
	same_hits("need=jitter|nerv need=market", "\\b(?:jitters?|nerv(?:es|ous))\\s+markets?\\b|\\bnerves\\s+(?:in|of)\\s+markets?",
		  "Nervous markets met jittery traders. Jitter market and nerves in markets.", 3);
	/* a run continued by a group */
	same_hits("need=jitter", "\\bj(?:itter(?:s|y)|itters)\\s+\\w+", "Jittery traders and jitters abound.", 2);
	/* more start words than are tried one by one: the sentence is scanned */
	same_hits("need=jitter", "\\bjitters\\s+end\\b",
		  "jitters jitters jitters jitters jitters jitters jitters jitters jitters jitters "
		  "jitters jitters jitters jitters jitters jitters jitters jitters jitters jitters "
		  "jitters jitters jitters jitters jitters jitters jitters jitters jitters jitters "
		  "jitters jitters jitters end.",
		  1);
	/* start words that are not stems of the gate: they get stems of their own */
	same_hits("need=jitter", "\\b(?:calm|tense|no)\\s+(?:\\w+\\s+){0,2}?jitters\\b",
		  "Tense jitters, calm and no jitters; notably calm traders jitters. No, tense.", 3);
	same_hits("need=jitter", "\\bjit(?:ters)?\\b", "Jit jitters jitt jittery jit.", 3);
	/* an optional group first: its words, or the words after it */
	same_hits("need=jitter", "\\b(?:(?:calm|tense)\\s+)?jitter\\w*", "Calm jitters, jittery calm, tense  jitter.", 3);
	/* in the second sentence only: no hit across the boundary */
	same_hits("need=jitter", "\\bjitter\\w*(?:\\W+jitter\\w*)?", "Calm jitter. Jitters again.", 2);
}

/* What makes a pattern tried at its words, and what keeps it scanned. */
static void anchored_only_when_starts_are_stems(void **state)
{
	static const struct {
		const char *line;
		bool anchored;
	} cases[] = {
		{"need=jitter \\bjitters\\b", true},
		{"need=jitter \\b(?:jitters|jittery)\\b", true},
		{"need=jitter need=stock \\bstocks?\\s+jitter", true},  /* the second clause */
		{"need=jitter \\bjitters\\b|nerves", false},            /* a branch without \b */
		{"need=jitter \\b(?:calm\\s+)?jitters\\b", true},        /* an optional group first */
		{"need=jitter \\b(?:\\w+\\s+)?jitters\\b", false},       /* one that starts unknown */
		{"need=jitter \\b(?:jitters|[Nn]erves)\\b", false},      /* a class first */
		{"need=jitter \\bjit(?:ters|tery)\\b", true},           /* a run, then a group */
		/* texts no stem of the gate begins get stems of their own (two bytes at least) */
		{"need=jitter \\bjit(?:ters)?\\b", true},                /* a run shorter than the stem */
		{"need=jitter \\bjit(?:ters|\\w+)\\b", true},            /* one branch goes on unknown */
		{"need=jitters \\bjitters?\\b", true},                   /* "jitter" after the quantifier */
		{"need=jitter \\b(?:calm|tense)\\s+jitters", true},       /* start words no gate asks for */
		{"need=jitter \\b(?:a|tense)\\s+jitters", false},         /* a one-byte start word */
		{"need=jitter (?-i)\\bjitters\\b", false},               /* an inline option */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char line[256];
		struct found f;
		bool anchored;
		snprintf(line, sizeof(line), "event-trigger risk-off 0.9 %s\n", cases[i].line);
		hits_of(line, "Jitters.", &f, &anchored);
		if (anchored != cases[i].anchored)
			fail_msg("%s: anchored %d", cases[i].line, anchored);
	}
	(void)state;
}

/* Every compiled-in group of more than a few rules picks its candidate rules from the
 * stems a sentence holds: a group past 64 * RULE_WORDS rules would run every rule's gate
 * on every sentence, which cost 75% more classification time when the rejection and
 * risk-off groups first passed 64 rules. Raise RULE_WORDS when a group grows past it. */
static void default_groups_pick_candidates(void **state)
{
	struct nm_rules *r;
	struct nm_classifier *c;
	struct nm_err err = {0};
	assert_int_equal(nm_rules_load(NULL, &r, &err), NM_OK);
	assert_int_equal(nm_classifier_new(r, &c, &err), NM_OK);
	for (int gi = 0; gi < NGROUPS; gi++)
		if (c->groups[gi].n > 3 && !c->groups[gi].stem_rules)
			fail_msg("group %d: %zu rules, no stem-to-rules table (RULE_WORDS %d)", gi,
				 c->groups[gi].n, RULE_WORDS);
	nm_classifier_free(c);
	nm_rules_free(r);
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(anchored_rules_find_the_same_hits),
		cmocka_unit_test(anchored_only_when_starts_are_stems),
		cmocka_unit_test(default_groups_pick_candidates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
