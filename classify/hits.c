/*
 * classify/hits.c — step 2 of classify/: every rule group runs once over the main text;
 * each match becomes a hit tied to the sentence that holds it. A match that runs past
 * its sentence is retried inside the sentence, so no rule ever spans two sentences.
 */
#include "classify/classify_int.h"

#include <stdlib.h>
#include <string.h>

static size_t next_char(const char *t, size_t i, size_t n)
{
	i++;
	while (i < n && ((unsigned char)t[i] & 0xC0) == 0x80)
		i++;
	return i;
}

static int cmp_hit(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	if (x->sentence != y->sentence)
		return x->sentence < y->sentence ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->group - y->group;
}

static enum nm_code add_hit(struct scratch *s, int group, int rule, size_t a, size_t b, size_t sent)
{
	if (s->n_hits >= HITS_MAX)
		return NM_ETOOBIG;
	if (s->n_hits == s->cap_hits) {
		s->cap_hits = s->cap_hits ? s->cap_hits * 2 : 256;
		s->hits = nm_xrealloc(s->hits, s->cap_hits * sizeof(*s->hits));
	}
	s->hits[s->n_hits++] = (struct hit){group, rule, a, b, sent};
	return NM_OK;
}

/* Each sentence is its own subject: a rule can never see past its sentence, and a
 * lookahead in a rule costs at most one sentence, not the rest of the document. */
static enum nm_code run_group(struct scratch *s, int gi, pcre2_match_data *md)
{
	const struct rule_group *g = &s->c->groups[gi];
	const struct nm_doc *doc = s->doc;
	const char *t = doc->text;

	for (size_t sent = 0; sent < doc->n_sentences; sent++) {
		size_t off = doc->sentences[sent].start, end = doc->sentences[sent].end;
		while (off < end) {
			int rc = pcre2_match(g->code, (PCRE2_SPTR)t, end, off, PCRE2_NO_UTF_CHECK, md, NULL);
			PCRE2_SIZE *ov;
			PCRE2_SPTR mark;
			size_t a, b;

			if (rc < 0)
				break;
			ov = pcre2_get_ovector_pointer(md);
			a = ov[0];
			b = ov[1];
			if (b == a) {
				off = next_char(t, a, end);
				continue;
			}
			mark = pcre2_get_mark(md);
			if (add_hit(s, gi, mark ? (int)strtol((const char *)mark, NULL, 10) : 0, a, b, sent))
				return NM_ETOOBIG;
			off = b;
		}
	}
	return NM_OK;
}

enum nm_code cls_find_hits(struct scratch *s, struct nm_err *err)
{
	const struct nm_doc *doc = s->doc;
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	enum nm_code rc = NM_OK;
	size_t k = 0;

	if (!md)
		NM_BUG("pcre2_match_data_create failed");
	for (int gi = 0; gi < NGROUPS && !rc; gi++)
		if (s->c->groups[gi].code && doc->n_sentences)
			rc = run_group(s, gi, md);
	pcre2_match_data_free(md);
	if (rc)
		return nm_err_set(err, rc, "more than %d event rule hits in one document", HITS_MAX);
	qsort(s->hits, s->n_hits, sizeof(*s->hits), cmp_hit);
	s->sent_hit0 = nm_xcalloc(doc->n_sentences + 1, sizeof(*s->sent_hit0));
	for (size_t i = 0; i <= doc->n_sentences; i++) {
		while (k < s->n_hits && s->hits[k].sentence < i)
			k++;
		s->sent_hit0[i] = k;
	}
	return NM_OK;
}

size_t cls_cue_first(const struct scratch *s, size_t sent, enum cue q, size_t from, size_t to)
{
	int gi = cls_group_index(G_CUE, q);
	for (size_t k = s->sent_hit0[sent]; k < s->sent_hit0[sent + 1]; k++)
		if (s->hits[k].group == gi && s->hits[k].start >= from && s->hits[k].end <= to)
			return s->hits[k].start;
	return SIZE_MAX;
}

size_t cls_cue_last(const struct scratch *s, size_t sent, enum cue q, size_t from, size_t to)
{
	int gi = cls_group_index(G_CUE, q);
	size_t best = SIZE_MAX;
	for (size_t k = s->sent_hit0[sent]; k < s->sent_hit0[sent + 1]; k++)
		if (s->hits[k].group == gi && s->hits[k].start >= from && s->hits[k].end <= to)
			best = s->hits[k].start;
	return best;
}

bool cls_cue_in(const struct scratch *s, size_t sent, enum cue q, size_t from, size_t to)
{
	return cls_cue_first(s, sent, q, from, to) != SIZE_MAX;
}
