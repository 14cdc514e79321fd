/*
 * classify/classify.c — stage 3's entry points: compile the event rules once, then for
 * each document run the steps in order — sentences (sentences.c), rule hits (hits.c),
 * events with figures and modality (events.c, modality.c), internal checks (checks.c).
 * The classifier is read-only after nm_classifier_new(); per-document state lives in a
 * scratch freed before nm_classify() returns.
 */
#include "classify/classify_int.h"

#include <stdlib.h>
#include <string.h>

enum nm_code nm_classifier_new(const struct nm_rules *rules, struct nm_classifier **out,
			       struct nm_err *err)
{
	struct nm_classifier *c = nm_xcalloc(1, sizeof(*c));
	enum nm_code rc;

	c->min_confidence = NM_CLASSIFY_MIN_CONFIDENCE;
	if ((rc = cls_rules_compile(c, rules, err))) {
		nm_classifier_free(c);
		return rc;
	}
	if (!c->groups[EV_DELEVERAGING].n && !c->groups[EV_REJECTION].n && !c->groups[EV_RISK_OFF].n)
		nm_log(NM_LOG_DEBUG, "event rules: no event-trigger lines; no events will be tagged");
	*out = c;
	return NM_OK;
}

void nm_classifier_free(struct nm_classifier *c)
{
	if (!c)
		return;
	cls_rules_release(c);
	free(c->anchors);
	cls_trie_release(&c->rest);
	cls_trie_release(&c->eager);
	free(c);
}

enum nm_code nm_classifier_set_min_confidence(struct nm_classifier *c, double min)
{
	if (!(min >= 0 && min <= 1))
		return NM_EINVAL;
	c->min_confidence = min;
	return NM_OK;
}

double nm_classifier_min_confidence(const struct nm_classifier *c)
{
	return c->min_confidence;
}

/* Does sentence i read the same as the title? */
static bool is_title(const struct nm_doc *doc, size_t i)
{
	struct nm_span sp = doc->sentences[i];
	size_t n = sp.end - sp.start;
	return doc->title && strlen(doc->title) == n && !memcmp(doc->title, doc->text + sp.start, n);
}

/* The SF_* flags of sentence i, worked out on first use: few sentences are asked about. */
unsigned cls_sent_flags(const struct scratch *s, size_t i)
{
	const struct nm_doc *doc = s->doc;
	struct nm_span sp = doc->sentences[i];
	size_t e = sp.end;
	unsigned char f = SF_DONE;

	if (s->sent_flags[i] & SF_DONE)
		return s->sent_flags[i];
	/* closing quotes and brackets do not hide a question mark */
	while (e > sp.start && (doc->text[e - 1] == '"' || doc->text[e - 1] == ')' ||
				((unsigned char)doc->text[e - 1] >= 0x80 && e - sp.start >= 3 &&
				 (unsigned char)doc->text[e - 3] == 0xE2)))
		e -= doc->text[e - 1] == '"' || doc->text[e - 1] == ')' ? 1 : 3;
	if (e > sp.start && doc->text[e - 1] == '?')
		f |= SF_QUESTION;
	if (nm_sentence_is_heading(doc, i))
		f |= SF_HEADING;
	/* the headline: the title, or a first line that reads as one (no full stop) */
	if ((i == 0 && (f & SF_HEADING)) || is_title(doc, i))
		f |= SF_HEADLINE;
	s->sent_flags[i] = f;
	return f;
}

static enum nm_code prepare(struct scratch *s, struct nm_err *err)
{
	struct nm_doc *doc = s->doc;
	size_t m = 0;

	for (size_t i = 1; i < doc->n_mentions; i++)
		if (doc->mentions[i].span.start < doc->mentions[i - 1].span.start)
			return nm_err_set(err, NM_EINTERNAL, "mentions are not in text order");
	s->sent_m0 = nm_xcalloc(doc->n_sentences + 1, sizeof(*s->sent_m0));
	s->sent_flags = nm_xcalloc(doc->n_sentences + 1, 1);
	for (size_t i = 0; i < doc->n_sentences; i++) {
		struct nm_span sp = doc->sentences[i];
		while (m < doc->n_mentions && doc->mentions[m].span.start < sp.start)
			m++;
		s->sent_m0[i] = m;
	}
	s->sent_m0[doc->n_sentences] = doc->n_mentions;
	return NM_OK;
}

enum nm_code nm_classify(const struct nm_classifier *c, struct nm_doc *doc, struct nm_err *err)
{
	struct scratch s;
	struct clause_memo memo = {SIZE_MAX, 0, 0, 0, 0};
	struct stem_list at = {NULL, 0, 0, NULL, 0};
	int latest_year = 0;
	enum nm_code rc;

	memset(&s, 0, sizeof(s));
	s.clause = &memo;
	s.latest_year = &latest_year;
	s.at = &at;
	s.c = c;
	s.doc = doc;
	doc->n_events = 0;
	doc->n_checks = 0;
	/* the mention layer has usually split the text already */
	if (!doc->sentences_ready && (rc = nm_extract_sentences(doc, err)))
		return rc;
	/* past SENTENCES_MAX, the text is not classified (bounded work and scratch) */
	size_t all_sentences = doc->n_sentences;
	if (doc->n_sentences > SENTENCES_MAX)
		doc->n_sentences = SENTENCES_MAX;
	if ((rc = prepare(&s, err)) || (rc = cls_find_hits(&s, err)) || (rc = cls_events(&s, err)) ||
	    (rc = cls_checks(&s, err)))
		doc->n_events = doc->n_checks = 0;
	cls_hits_release(&s);
	doc->n_sentences = all_sentences;
	free(s.sent_m0);
	free(s.sent_flags);
	return rc;
}
