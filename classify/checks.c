/*
 * classify/checks.c — step 5 of classify/: internal consistency. The same quantity
 * (one asset's liquidations) stated twice in one article must agree. Only amounts the
 * events step binds to an asset as its liquidations, with the asset named in the
 * amount's clause (cls_asset_amount: not "Bitcoin slides as $780M in longs are
 * liquidated", not a price, not one position), are compared, and only when
 * both tellings have the same side (long/short/none), the same window and no two
 * different named days, so "BTC longs $50M in 1h" and "BTC $117M in 24h", or "$117M on
 * Monday" and "$210M on Tuesday", are never set against each other. A
 * qualifier reconciles: "over $180M" agrees with "$185M", and so does rounding: "$1.2B"
 * with "$1.24B" (not "$117M" with "$177M"). Each differing pair becomes
 * a check with verdict contradicted; an equal restatement, consistent.
 */
#include "classify/classify_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SAME_VALUE_TOLERANCE 0.005 /* relative: 0.5% */
#define COMPARED_MAX 256           /* per-asset amounts compared per event */

struct told {
	size_t mention;
	size_t sentence;
	const char *asset;
	const char *side;
	double window;
	const char *day; /* the sentence's day word, or NULL */
	size_t day_len;
};

static const char *sent_side(const struct scratch *s, size_t sent)
{
	struct nm_span sp = s->doc->sentences[sent];
	bool l = cls_cue_in(s, sent, CUE_LONG, sp.start, sp.end);
	bool sh = cls_cue_in(s, sent, CUE_SHORT, sp.start, sp.end);
	return l && sh ? "both" : l ? "long" : sh ? "short" : "";
}

static double sent_window(const struct scratch *s, size_t sent)
{
	const struct nm_doc *doc = s->doc;
	for (size_t i = s->sent_m0[sent]; i < s->sent_m0[sent + 1]; i++)
		if (doc->mentions[i].kind == NM_MENTION_DURATION)
			return doc->mentions[i].value;
	return NAN;
}

/* The first day word of a sentence ("Monday", "yesterday"), or NULL; its length in *n. */
static const char *sent_day(const struct scratch *s, size_t sent, size_t *n)
{
	const struct hit *h;
	if (!cls_group_hits(s, sent, cls_group_index(G_CUE, CUE_DAY), &h))
		return NULL;
	*n = h[0].end - h[0].start;
	return s->doc->text + h[0].start;
}

/* Tellings on two different named days are two quantities. */
static bool other_days(const struct told *a, const struct told *b)
{
	return a->day && b->day && (a->day_len != b->day_len || nm_strncasecmp(a->day, b->day, a->day_len));
}

static bool same_window(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

/*
 * The unit of the last digit amount m is written with: "$1.2B" 100 million, "$117
 * million" one million, "$2B" a billion; 0 when its text holds no digit. The value is
 * its digits read as one integer, times that unit, whichever marks separate them
 * ("1.2", "1,200,000", "1.200.000").
 */
static double written_unit(const struct scratch *s, const struct nm_mention *m)
{
	const char *t = s->doc->text + m->span.start, *e = s->doc->text + m->span.end;
	double digits = 0;
	while (t < e && !nm_isdigit((unsigned char)*t))
		t++;
	for (; t < e && (nm_isdigit((unsigned char)*t) || *t == '.' || *t == ','); t++)
		if (nm_isdigit((unsigned char)*t))
			digits = digits * 10 + (*t - '0');
	return digits > 0 && isfinite(m->value) ? m->value / digits : 0;
}

static bool agree(const struct scratch *s, const struct nm_mention *a, const struct nm_mention *b)
{
	double lo = a->value < b->value ? a->value : b->value;
	double hi = a->value < b->value ? b->value : a->value;
	const struct nm_mention *low = a->value < b->value ? a : b;
	double ua = written_unit(s, a), ub = written_unit(s, b);
	if (hi - lo <= SAME_VALUE_TOLERANCE * hi)
		return true;
	/* the coarser telling rounds the finer one: "$1.2B" and "$1.24B" */
	if (hi - lo <= (ua > ub ? ua : ub) / 2)
		return true;
	/* "over $X" is satisfied by a larger figure, "nearly $X" by a smaller one */
	if (low->qualifier == NM_QUAL_AT_LEAST)
		return true;
	if ((low == a ? b : a)->qualifier == NM_QUAL_AT_MOST)
		return true;
	return false;
}

static size_t sentence_of(const struct scratch *s, size_t off)
{
	const struct nm_doc *doc = s->doc;
	size_t lo = 0, hi = doc->n_sentences;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->sentences[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < doc->n_sentences && doc->sentences[lo].start <= off ? lo : SIZE_MAX;
}

static enum nm_code check_event(struct scratch *s, const struct nm_event *e)
{
	struct nm_doc *doc = s->doc;
	struct told t[COMPARED_MAX];
	size_t n = 0;

	for (size_t j = 0; j < e->n_evidence; j++) {
		size_t sent = sentence_of(s, e->evidence[j].start);
		if (sent == SIZE_MAX)
			continue;
		for (size_t i = s->sent_m0[sent]; i < s->sent_m0[sent + 1] && n < COMPARED_MAX; i++) {
			const struct nm_mention *m = &doc->mentions[i];
			if (!m->asset[0] || (m->kind != NM_MENTION_MONEY && m->kind != NM_MENTION_PRICE))
				continue; /* the mention layer bound it to no asset: no asset's figure */
			/* a contradiction needs each figure told of its asset in one clause */
			const char *asset = cls_asset_amount(s, sent, m);
			bool used = false;
			for (size_t k = 0; asset && k < e->figures.n_per_asset; k++)
				used |= !strcmp(e->figures.per_asset[k].asset, asset);
			if (!used)
				continue;
			t[n] = (struct told){i, sent, asset, sent_side(s, sent), sent_window(s, sent), NULL, 0};
			t[n].day = sent_day(s, sent, &t[n].day_len);
			n++;
		}
	}
	/* each later telling against the first telling of the same asset */
	for (size_t b = 1; b < n; b++) {
		const struct nm_mention *mb = &doc->mentions[t[b].mention];
		for (size_t a = 0; a < b; a++) {
			const struct nm_mention *ma = &doc->mentions[t[a].mention];
			struct nm_check c;
			bool dup = false;
			if (strcmp(t[a].asset, t[b].asset) || strcmp(t[a].side, t[b].side) ||
			    !same_window(t[a].window, t[b].window) || t[a].sentence == t[b].sentence ||
			    other_days(&t[a], &t[b]))
				continue;
			/* one check per pair of values */
			for (size_t k = 0; k < doc->n_checks && !dup; k++)
				dup = !strcmp(doc->checks[k].asset, t[a].asset) &&
				      doc->checks[k].values[0] == ma->value && doc->checks[k].values[1] == mb->value;
			if (!dup) {
				memset(&c, 0, sizeof(c));
				c.kind = NM_CHECK_INTERNAL;
				c.verdict = agree(s, ma, mb) ? NM_VERDICT_CONSISTENT : NM_VERDICT_CONTRADICTED;
				cls_copy(c.asset, sizeof(c.asset), t[a].asset);
				cls_copy(c.quantity, sizeof(c.quantity), "liquidations_usd");
				c.values[0] = ma->value;
				c.values[1] = mb->value;
				c.mentions[0] = t[a].mention;
				c.mentions[1] = t[b].mention;
				memcpy(c.event_id, e->id, sizeof(c.event_id));
				if (nm_doc_add_check(doc, &c))
					return NM_ETOOBIG;
			}
			break; /* compared with the first telling only */
		}
	}
	return NM_OK;
}

enum nm_code cls_checks(struct scratch *s, struct nm_err *err)
{
	struct nm_doc *doc = s->doc;
	for (size_t i = 0; i < doc->n_events; i++)
		if (!strcmp(doc->events[i].type, "deleveraging") && check_event(s, &doc->events[i]))
			return nm_err_set(err, NM_ETOOBIG, "document over its memory budget while adding checks");
	return NM_OK;
}
