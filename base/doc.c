/*
 * base/doc.c — struct nm_doc, the record every stage fills in, and its JSON form.
 * The JSON lives beside the record so that `analyze`, the corpus and `events` print
 * one shape from one place.
 */
#include "base/base.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

const char *nm_mention_kind_name(enum nm_mention_kind k)
{
	switch (k) {
	case NM_MENTION_ASSET: return "asset";
	case NM_MENTION_MONEY: return "money";
	case NM_MENTION_PRICE: return "price";
	case NM_MENTION_PRICE_RANGE: return "price_range";
	case NM_MENTION_PERCENT: return "percent";
	case NM_MENTION_DURATION: return "duration";
	case NM_MENTION_NUMBER: return "number";
	}
	return "?";
}

const char *nm_qualifier_name(enum nm_qualifier q)
{
	switch (q) {
	case NM_QUAL_NONE: return NULL;
	case NM_QUAL_AT_LEAST: return "at_least";
	case NM_QUAL_AT_MOST: return "at_most";
	case NM_QUAL_ABOUT: return "about";
	}
	return NULL;
}

const char *nm_modality_name(enum nm_modality m)
{
	switch (m) {
	case NM_MOD_REPORTED: return "reported";
	case NM_MOD_FORECAST: return "forecast";
	case NM_MOD_NEGATED: return "negated";
	}
	return "?";
}

bool nm_modality_parse(const char *s, enum nm_modality *out)
{
	for (int m = NM_MOD_REPORTED; m <= NM_MOD_NEGATED; m++) {
		if (!strcmp(s, nm_modality_name((enum nm_modality)m))) {
			*out = (enum nm_modality)m;
			return true;
		}
	}
	return false;
}

const char *nm_check_kind_name(enum nm_check_kind k)
{
	switch (k) {
	case NM_CHECK_INTERNAL: return "internal";
	case NM_CHECK_MARKET: return "market";
	case NM_CHECK_CROSS_SOURCE: return "cross_source";
	}
	return "?";
}

const char *nm_verdict_name(enum nm_verdict v)
{
	switch (v) {
	case NM_VERDICT_CONSISTENT: return "consistent";
	case NM_VERDICT_CONTRADICTED: return "contradicted";
	case NM_VERDICT_UNVERIFIABLE: return "unverifiable";
	}
	return "?";
}

struct nm_doc *nm_doc_new(size_t budget)
{
	struct nm_arena *a = nm_arena_new(budget);
	struct nm_doc *doc = nm_arena_alloc(a, sizeof(*doc));
	if (!doc) {
		nm_arena_free(a);
		return NULL;
	}
	doc->arena = a;
	return doc;
}

void nm_doc_free(struct nm_doc *doc)
{
	if (doc)
		nm_arena_free(doc->arena); /* the doc itself lives in its arena */
}

enum nm_code nm_doc_set_text(struct nm_doc *doc, const char *text, size_t len)
{
	struct nm_buf b = NM_BUF_INIT(len > SIZE_MAX / 4 ? SIZE_MAX / 4 : 3 * len + 1);
	char *copy;
	enum nm_code rc;

	if ((rc = nm_utf8_repair(&b, text, len)))
		return rc;
	copy = nm_arena_memdup(doc->arena, nm_buf_str(&b), b.len + 1);
	if (!copy) {
		nm_buf_release(&b);
		return NM_ETOOBIG;
	}
	doc->text = copy;
	doc->text_len = b.len;
	doc->n_sentences = 0;
	doc->sentences_ready = false;
	nm_hash64_hex(nm_hash64(copy, b.len), doc->content_hash);
	nm_buf_release(&b);
	return NM_OK;
}

#define DOC_ADD(name, type, arr, n, cap)                                                         \
	enum nm_code name(struct nm_doc *doc, const type *item)                                  \
	{                                                                                        \
		void *p = doc->arr;                                                              \
		if (nm_arena_reserve(doc->arena, &p, &doc->cap, doc->n + 1, sizeof(type)))       \
			return NM_ETOOBIG;                                                       \
		doc->arr = p;                                                                    \
		doc->arr[doc->n++] = *item;                                                      \
		return NM_OK;                                                                    \
	}

DOC_ADD(nm_doc_add_mention, struct nm_mention, mentions, n_mentions, cap_mentions)
DOC_ADD(nm_doc_add_event, struct nm_event, events, n_events, cap_events)
DOC_ADD(nm_doc_add_check, struct nm_check, checks, n_checks, cap_checks)

enum nm_code nm_doc_add_sentence(struct nm_doc *doc, struct nm_span s)
{
	void *p = doc->sentences;
	if (nm_arena_reserve(doc->arena, &p, &doc->cap_sentences, doc->n_sentences + 1, sizeof(s)))
		return NM_ETOOBIG;
	doc->sentences = p;
	doc->sentences[doc->n_sentences++] = s;
	return NM_OK;
}

void nm_mention_init(struct nm_mention *m, enum nm_mention_kind kind, size_t start, size_t end)
{
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->span.start = start;
	m->span.end = end;
	m->value = m->low = m->high = NAN;
	m->confidence = 1.0;
}

void nm_event_init(struct nm_event *e, const char *type, const char *asset)
{
	memset(e, 0, sizeof(*e));
	snprintf(e->type, sizeof(e->type), "%s", type);
	snprintf(e->asset, sizeof(e->asset), "%s", asset ? asset : "");
	e->figures.total_usd = e->figures.window_seconds = NAN;
	e->figures.level = e->figures.low = e->figures.high = NAN;
}

void nm_event_set_id(struct nm_event *e, const struct nm_doc *doc)
{
	const char *who = doc->canonical_url ? doc->canonical_url : doc->url ? doc->url : doc->content_hash;
	uint64_t h = nm_hash64(who, strlen(who));
	h = nm_hash64_more(h, "\x1f", 1);
	h = nm_hash64_more(h, e->type, strlen(e->type));
	h = nm_hash64_more(h, "\x1f", 1);
	h = nm_hash64_more(h, e->asset, strlen(e->asset));
	nm_hash64_hex(h, e->id);
}

/* ------------------------------------------------------------------ JSON */

static json_t *num_or_null(double v)
{
	if (isnan(v))
		return json_null();
	/* whole numbers print as integers: 400000000, not 400000000.0 */
	if (fabs(v) < 9e15 && v == (double)(long long)v)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* JSON strings must be valid UTF-8; spans always are, since text was repaired. */
static json_t *span_text(const struct nm_doc *doc, struct nm_span s)
{
	if (!doc->text || s.end > doc->text_len || s.start > s.end)
		return json_null();
	return json_stringn(doc->text + s.start, s.end - s.start);
}

json_t *nm_mention_json(const struct nm_doc *doc, const struct nm_mention *m)
{
	json_t *o = json_object();
	json_object_set_new_nocheck(o, "kind", json_string_nocheck(nm_mention_kind_name(m->kind)));
	json_object_set_new_nocheck(o, "start", json_integer((json_int_t)m->span.start));
	json_object_set_new_nocheck(o, "end", json_integer((json_int_t)m->span.end));
	json_object_set_new_nocheck(o, "text", span_text(doc, m->span));
	json_object_set_new_nocheck(o, "value", num_or_null(m->value));
	json_object_set_new_nocheck(o, "low", num_or_null(m->low));
	json_object_set_new_nocheck(o, "high", num_or_null(m->high));
	json_object_set_new_nocheck(o, "currency", str_or_null(m->currency));
	json_object_set_new_nocheck(o, "asset", str_or_null(m->asset));
	json_object_set_new_nocheck(o, "role", str_or_null(m->role));
	json_object_set_new_nocheck(o, "qualifier", str_or_null(nm_qualifier_name(m->qualifier)));
	if (m->kind == NM_MENTION_DURATION)
		json_object_set_new_nocheck(o, "seconds", num_or_null(m->value));
	json_object_set_new_nocheck(o, "confidence", json_real(m->confidence));
	return o;
}

static json_t *evidence_json(const struct nm_doc *doc, const struct nm_span *s, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new_nocheck(o, "start", json_integer((json_int_t)s[i].start));
		json_object_set_new_nocheck(o, "end", json_integer((json_int_t)s[i].end));
		json_object_set_new_nocheck(o, "text", span_text(doc, s[i]));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *figures_json(const struct nm_figures *f)
{
	json_t *o = json_object();
	if (!isnan(f->total_usd))
		json_object_set_new_nocheck(o, "total_usd", num_or_null(f->total_usd));
	if (nm_qualifier_name(f->qualifier))
		json_object_set_new_nocheck(o, "qualifier", json_string_nocheck(nm_qualifier_name(f->qualifier)));
	if (!isnan(f->window_seconds))
		json_object_set_new_nocheck(o, "window_seconds", num_or_null(f->window_seconds));
	if (f->side[0])
		json_object_set_new_nocheck(o, "side", json_string(f->side));
	if (!isnan(f->level))
		json_object_set_new_nocheck(o, "level", num_or_null(f->level));
	if (!isnan(f->low))
		json_object_set_new_nocheck(o, "low", num_or_null(f->low));
	if (!isnan(f->high))
		json_object_set_new_nocheck(o, "high", num_or_null(f->high));
	if (f->n_per_asset) {
		json_t *pa = json_object();
		for (size_t i = 0; i < f->n_per_asset; i++)
			if (!json_object_get(pa, f->per_asset[i].asset))
				json_object_set_new(pa, f->per_asset[i].asset, num_or_null(f->per_asset[i].usd));
		json_object_set_new_nocheck(o, "per_asset_usd", pa);
	}
	return o;
}

json_t *nm_event_json(const struct nm_doc *doc, const struct nm_event *e)
{
	json_t *o = json_object();
	json_object_set_new_nocheck(o, "id", json_string(e->id));
	json_object_set_new_nocheck(o, "type", json_string(e->type));
	json_object_set_new_nocheck(o, "asset", str_or_null(e->asset));
	json_object_set_new_nocheck(o, "modality", json_string_nocheck(nm_modality_name(e->modality)));
	json_object_set_new_nocheck(o, "confidence", json_real(round(e->confidence * 1000) / 1000));
	json_object_set_new_nocheck(o, "figures", figures_json(&e->figures));
	json_object_set_new_nocheck(o, "trigger", evidence_json(doc, &e->trigger, e->trigger.end > e->trigger.start));
	json_object_set_new_nocheck(o, "evidence", evidence_json(doc, e->evidence, e->n_evidence));
	return o;
}

json_t *nm_check_json(const struct nm_doc *doc, const struct nm_check *c)
{
	json_t *o = json_object(), *vals = json_array(), *ev = json_array();
	json_object_set_new_nocheck(o, "kind", json_string_nocheck(nm_check_kind_name(c->kind)));
	json_object_set_new_nocheck(o, "verdict", json_string_nocheck(nm_verdict_name(c->verdict)));
	json_object_set_new_nocheck(o, "asset", str_or_null(c->asset));
	json_object_set_new_nocheck(o, "quantity", json_string(c->quantity));
	for (int i = 0; i < 2; i++) {
		json_array_append_new(vals, num_or_null(c->values[i]));
		if (c->mentions[i] < doc->n_mentions)
			json_array_append_new(ev, nm_mention_json(doc, &doc->mentions[c->mentions[i]]));
	}
	json_object_set_new_nocheck(o, "values", vals);
	json_object_set_new_nocheck(o, "evidence", ev);
	json_object_set_new_nocheck(o, "event", str_or_null(c->event_id));
	return o;
}

json_t *nm_doc_json(const struct nm_doc *doc)
{
	json_t *o = json_object(), *a;
	if (doc->id)
		json_object_set_new_nocheck(o, "id", json_string(doc->id));
	json_object_set_new_nocheck(o, "source", str_or_null(doc->source));
	json_object_set_new_nocheck(o, "url", str_or_null(doc->url));
	json_object_set_new_nocheck(o, "title", str_or_null(doc->title));
	json_object_set_new_nocheck(o, "published", str_or_null(doc->published));
	json_object_set_new_nocheck(o, "author", str_or_null(doc->author));
	json_object_set_new_nocheck(o, "canonical_url", str_or_null(doc->canonical_url));
	json_object_set_new_nocheck(o, "site", str_or_null(doc->site));
	json_object_set_new_nocheck(o, "language", str_or_null(doc->language));
	json_object_set_new_nocheck(o, "content_hash", json_string(doc->content_hash));
	json_object_set_new_nocheck(o, "page_type", json_string_nocheck(nm_page_type_name(doc->page_type)));
	a = json_array();
	for (size_t i = 0; i < doc->n_mentions; i++)
		json_array_append_new(a, nm_mention_json(doc, &doc->mentions[i]));
	json_object_set_new_nocheck(o, "mentions", a);
	a = json_array();
	for (size_t i = 0; i < doc->n_events; i++)
		json_array_append_new(a, nm_event_json(doc, &doc->events[i]));
	json_object_set_new_nocheck(o, "events", a);
	a = json_array();
	for (size_t i = 0; i < doc->n_checks; i++)
		json_array_append_new(a, nm_check_json(doc, &doc->checks[i]));
	json_object_set_new_nocheck(o, "checks", a);
	return o;
}

const char *nm_page_type_name(enum nm_page_type t)
{
	return t == NM_PAGE_LISTING ? "listing" : t == NM_PAGE_SITE ? "page" : "article";
}
