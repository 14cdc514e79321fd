/* tests/unit/mention_fixture.h — what the mention-layer tests share: the compiled-in
 * rules and one mentioner for the whole group, a text run through the layer (with the
 * span invariants every mention must keep), a mention found by its surface, and its
 * value checked. */
#ifndef NM_TEST_MENTION_FIXTURE_H
#define NM_TEST_MENTION_FIXTURE_H

#include "extract/extract.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static struct nm_rules *rules;
static struct nm_mentioner *mentioner;

static inline int setup(void **state)
{
	struct nm_err err = {0};
	if (nm_rules_load(NULL, &rules, &err) || nm_mentioner_new(rules, &mentioner, &err)) {
		fprintf(stderr, "rules: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static inline int teardown(void **state)
{
	nm_mentioner_free(mentioner);
	nm_rules_free(rules);
	return 0;
}

static inline struct nm_doc *run(const char *text, unsigned flags)
{
	struct nm_doc *doc = nm_doc_new(1 << 24);
	struct nm_err err = {0};
	assert_int_equal(nm_doc_set_text(doc, text, strlen(text)), NM_OK);
	assert_int_equal(nm_extract_mentions_ex(mentioner, doc, flags, &err), NM_OK);
	for (size_t i = 0; i < doc->n_mentions; i++) {
		const struct nm_mention *m = &doc->mentions[i];
		assert_true(m->span.start < m->span.end);
		assert_true(m->span.end <= doc->text_len);
	}
	return doc;
}

/* The mention whose surface is exactly surf (and of kind k, or any kind when k < 0). */
static inline const struct nm_mention *find(const struct nm_doc *doc, const char *surf, int k)
{
	size_t n = strlen(surf);
	for (size_t i = 0; i < doc->n_mentions; i++) {
		const struct nm_mention *m = &doc->mentions[i];
		if ((k < 0 || (int)m->kind == k) && m->span.end - m->span.start == n &&
		    !memcmp(doc->text + m->span.start, surf, n))
			return m;
	}
	return NULL;
}

/* The mention of surface surf in text (numbers mode) has this value, and currency cur
 * unless cur is NULL. */
static inline void value_is(const char *text, const char *surf, double value, const char *cur)
{
	struct nm_doc *doc = run(text, NM_MENTIONS_NUMBERS);
	const struct nm_mention *m = find(doc, surf, -1);
	if (!m)
		fail_msg("no mention '%s' in '%s'", surf, text);
	if (fabs(m->value - value) > 1e-9 * fabs(value))
		fail_msg("'%s': value %.17g, want %.17g", surf, m->value, value);
	if (cur)
		assert_string_equal(m->currency, cur);
	nm_doc_free(doc);
}

#endif
