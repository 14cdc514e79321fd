/* tests/unit/test_seed.c — end-to-end acceptance on the user's article: the whole
 * pipeline (nm_extract_article as plain text, nm_extract_mentions, nm_classify) must
 * satisfy every item of $SHARED/seed/expected.json (default ../shared): the required
 * mentions, exactly the three events with their modality and figures, and the BTC
 * $177M vs $117M internal contradiction. Skips when the seed is absent. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "classify/classify.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct seed {
	struct nm_rules *rules;
	struct nm_mentioner *mentioner;
	struct nm_classifier *classifier;
	struct nm_doc *doc;
	json_t *expected;
};

static const char *shared_dir(void)
{
	const char *s = getenv("SHARED");
	return s && *s ? s : "../shared";
}

static int setup(void **state)
{
	static struct seed sd;
	char path[4096];
	struct nm_buf text = NM_BUF_INIT((size_t)1 << 24);
	struct nm_extract_opts opts = {.plain_text = true};
	struct nm_err err = {0};
	json_error_t jerr;

	memset(&sd, 0, sizeof(sd));
	*state = &sd;
	snprintf(path, sizeof(path), "%s/seed/expected.json", shared_dir());
	if (!(sd.expected = json_load_file(path, 0, &jerr)))
		return 0; /* absent: every test skips */
	snprintf(path, sizeof(path), "%s/seed/liquidations-article.txt", shared_dir());
	if (nm_buf_read_file(&text, path, &err)) {
		fprintf(stderr, "seed: %s\n", err.msg);
		return -1;
	}
	sd.doc = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
	if (nm_rules_load(NULL, &sd.rules, &err) || nm_mentioner_new(sd.rules, &sd.mentioner, &err) ||
	    nm_classifier_new(sd.rules, &sd.classifier, &err) ||
	    nm_extract_article(sd.doc, nm_buf_str(&text), text.len, &opts, &err) ||
	    nm_extract_mentions(sd.mentioner, sd.doc, &err) || nm_classify(sd.classifier, sd.doc, &err)) {
		fprintf(stderr, "seed pipeline: %s\n", err.msg);
		nm_buf_release(&text);
		return -1;
	}
	nm_buf_release(&text);
	return 0;
}

static int teardown(void **state)
{
	struct seed *sd = *state;
	nm_doc_free(sd->doc);
	nm_classifier_free(sd->classifier);
	nm_mentioner_free(sd->mentioner);
	nm_rules_free(sd->rules);
	json_decref(sd->expected);
	return 0;
}

#define NEED_SEED(sd)                                                                          \
	do {                                                                                     \
		if (!(sd)->expected) {                                                           \
			fprintf(stderr, "skip: no %s/seed/expected.json\n", shared_dir());      \
			skip();                                                                  \
		}                                                                                \
	} while (0)

static bool near(double got, double want)
{
	return !isnan(got) && fabs(got - want) <= 0.005 * fabs(want);
}

static bool span_is(const struct nm_doc *d, struct nm_span s, const char *text)
{
	size_t n = strlen(text);
	return s.end - s.start == n && !memcmp(d->text + s.start, text, n);
}

static void seed_mentions(void **state)
{
	struct seed *sd = *state;
	size_t i;
	json_t *want;

	NEED_SEED(sd);
	json_array_foreach(json_object_get(sd->expected, "mentions_required"), i, want) {
		const char *kind = json_string_value(json_object_get(want, "kind"));
		const char *text = json_string_value(json_object_get(want, "text"));
		json_t *v;
		bool found = false;
		for (size_t k = 0; k < sd->doc->n_mentions && !found; k++) {
			const struct nm_mention *m = &sd->doc->mentions[k];
			if (strcmp(nm_mention_kind_name(m->kind), kind) || !span_is(sd->doc, m->span, text))
				continue;
			if ((v = json_object_get(want, "start")) && (size_t)json_integer_value(v) != m->span.start)
				continue;
			if ((v = json_object_get(want, "end")) && (size_t)json_integer_value(v) != m->span.end)
				continue;
			if ((v = json_object_get(want, "value")) && !near(m->value, json_number_value(v)))
				continue;
			if ((v = json_object_get(want, "seconds")) && !near(m->value, json_number_value(v)))
				continue;
			if ((v = json_object_get(want, "low")) && !near(m->low, json_number_value(v)))
				continue;
			if ((v = json_object_get(want, "high")) && !near(m->high, json_number_value(v)))
				continue;
			if ((v = json_object_get(want, "asset")) && strcmp(m->asset, json_string_value(v)))
				continue;
			if ((v = json_object_get(want, "role")) && strcmp(m->role, json_string_value(v)))
				continue;
			if ((v = json_object_get(want, "qualifier")) &&
			    (!nm_qualifier_name(m->qualifier) || strcmp(nm_qualifier_name(m->qualifier), json_string_value(v))))
				continue;
			found = true;
		}
		if (!found)
			fail_msg("required mention %s '%s' not found with its values", kind, text);
	}
}

/* A labelled amount: a number, or an array of accepted numbers. */
static bool amount_ok(double got, json_t *want)
{
	size_t i;
	json_t *v;
	if (json_is_number(want))
		return near(got, json_number_value(want));
	json_array_foreach(want, i, v)
		if (near(got, json_number_value(v)))
			return true;
	return false;
}

static void seed_events(void **state)
{
	struct seed *sd = *state;
	json_t *events, *want;
	size_t i;

	NEED_SEED(sd);
	events = json_object_get(sd->expected, "events_required");
	/* exactly the three events, nothing else */
	assert_int_equal(sd->doc->n_events, json_array_size(events));
	json_array_foreach(events, i, want) {
		const char *type = json_string_value(json_object_get(want, "type"));
		json_t *asset = json_object_get(want, "asset"), *v;
		const char *mod = json_string_value(json_object_get(want, "modality"));
		const struct nm_event *e = NULL;
		for (size_t k = 0; k < sd->doc->n_events; k++)
			if (!strcmp(sd->doc->events[k].type, type) &&
			    !strcmp(sd->doc->events[k].asset, json_is_string(asset) ? json_string_value(asset) : ""))
				e = &sd->doc->events[k];
		if (!e)
			fail_msg("event %s not found", type);
		/* "forecast_or_hedge": a forecast, never reported as a fact */
		if (!strcmp(mod, "forecast_or_hedge"))
			assert_int_equal(e->modality, NM_MOD_FORECAST);
		else
			assert_string_equal(nm_modality_name(e->modality), mod);
		assert_true(e->confidence >= NM_CLASSIFY_MIN_CONFIDENCE && e->confidence <= 1);
		assert_true(e->n_evidence >= 1);
		if ((v = json_object_get(want, "total_usd")))
			assert_true(near(e->figures.total_usd, json_number_value(v)));
		if ((v = json_object_get(want, "qualifier")))
			assert_string_equal(nm_qualifier_name(e->figures.qualifier), json_string_value(v));
		if ((v = json_object_get(want, "window_seconds")))
			assert_true(near(e->figures.window_seconds, json_number_value(v)));
		if ((v = json_object_get(want, "low")))
			assert_true(near(e->figures.low, json_number_value(v)));
		if ((v = json_object_get(want, "high")))
			assert_true(near(e->figures.high, json_number_value(v)));
		if ((v = json_object_get(want, "per_asset_usd"))) {
			const char *tk;
			json_t *amount;
			json_object_foreach(v, tk, amount) {
				bool ok = false;
				for (size_t k = 0; k < e->figures.n_per_asset; k++)
					if (!strcmp(e->figures.per_asset[k].asset, tk))
						ok = amount_ok(e->figures.per_asset[k].usd, amount);
				if (!ok)
					fail_msg("%s: per-asset %s amount missing or wrong", type, tk);
			}
		}
	}
}

static void seed_contradiction(void **state)
{
	struct seed *sd = *state;
	json_t *want;
	size_t i;

	NEED_SEED(sd);
	json_array_foreach(json_object_get(sd->expected, "contradictions_required"), i, want) {
		const char *asset = json_string_value(json_object_get(want, "asset"));
		const char *quantity = json_string_value(json_object_get(want, "quantity"));
		json_t *values = json_object_get(want, "values"), *texts = json_object_get(want, "texts");
		bool found = false;
		for (size_t k = 0; k < sd->doc->n_checks && !found; k++) {
			const struct nm_check *c = &sd->doc->checks[k];
			if (c->kind != NM_CHECK_INTERNAL || c->verdict != NM_VERDICT_CONTRADICTED ||
			    strcmp(c->asset, asset) || strcmp(c->quantity, quantity))
				continue;
			/* both stated values, in either order, each from its own mention */
			for (int o = 0; o < 2 && !found; o++) {
				int a = o, b = 1 - o;
				found = near(c->values[a], json_number_value(json_array_get(values, 0))) &&
					near(c->values[b], json_number_value(json_array_get(values, 1))) &&
					span_is(sd->doc, sd->doc->mentions[c->mentions[a]].span,
						json_string_value(json_array_get(texts, 0))) &&
					span_is(sd->doc, sd->doc->mentions[c->mentions[b]].span,
						json_string_value(json_array_get(texts, 1)));
			}
		}
		if (!found)
			fail_msg("contradiction %s %s not found", asset, quantity);
	}
	/* and no other contradiction: every other check agrees */
	{
		size_t contradicted = 0;
		for (size_t k = 0; k < sd->doc->n_checks; k++)
			contradicted += sd->doc->checks[k].verdict == NM_VERDICT_CONTRADICTED;
		assert_int_equal(contradicted, json_array_size(json_object_get(sd->expected, "contradictions_required")));
	}
}

int main(void)
{
	char path[4096];
	FILE *f;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seed_mentions),
		cmocka_unit_test(seed_events),
		cmocka_unit_test(seed_contradiction),
	};
	snprintf(path, sizeof(path), "%s/seed/expected.json", shared_dir());
	if (!(f = fopen(path, "r"))) {
		/* the runner counts exit 77 as a skip */
		printf("skip: %s is absent (set SHARED)\n", path);
		return 77;
	}
	fclose(f);
	return cmocka_run_group_tests(tests, setup, teardown);
}
