/*
 * cli/eval_events.c — `newsmine eval events DIR`: run the whole pipeline over a labelled
 * news directory (raw/ pages, labels.jsonl, manifest.jsonl) and score the events as the
 * Scoring section of the annotation guidelines says: per type, a predicted event matches
 * a labelled one of the same article with the same type and asset (null = market), each
 * labelled event at most once; precision, recall and F1 per type summed over articles;
 * over matched events, modality accuracy and figure accuracy (every labelled figure
 * present and within 0.5% of its value).
 */
#include "cli/cli.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char eval_events_usage[] =
	"usage: newsmine eval events DIR [--per-doc] [--min-confidence X]\n"
	"\n"
	"Score event tagging on DIR (raw/ pages, labels.jsonl, manifest.jsonl): precision,\n"
	"recall and F1 per type, modality accuracy and figure accuracy over matched events.\n"
	"\n"
	"  --per-doc           list each article's misses (missed, spurious, wrong modality\n"
	"                      or figure)\n"
	"  --min-confidence X  drop predicted events below confidence X (default 0.5)\n"
	"  --rules DIR         load rule files from DIR instead of the compiled-in ones\n"
	"\n"
	"Exit: 0 scored, 66 DIR or its labels missing, 65 bad labels.\n";

#define NTYPES 3
static const char *const types[NTYPES] = {"deleveraging", "rejection", "risk-off"};
#define FIGURE_TOLERANCE 0.005
#define LABEL_LINE_MAX ((size_t)16 << 20)

struct tally {
	long labelled[NTYPES], predicted[NTYPES], matched[NTYPES];
	long modality_ok, events_figures_ok, figures, figures_ok;
	long docs, failed_docs;
};

static int type_index(const char *t)
{
	for (int i = 0; i < NTYPES; i++)
		if (t && !strcmp(t, types[i]))
			return i;
	return -1;
}

static bool close_enough(double got, double want)
{
	if (isnan(got))
		return false;
	if (want == 0)
		return fabs(got) < 1e-9;
	return fabs(got - want) <= FIGURE_TOLERANCE * fabs(want);
}

/* One labelled number against a predicted one; want may be an array of accepted values. */
static bool number_ok(double got, json_t *want)
{
	size_t i;
	json_t *v;
	if (json_is_number(want))
		return close_enough(got, json_number_value(want));
	if (json_is_array(want)) {
		json_array_foreach(want, i, v)
			if (json_is_number(v) && close_enough(got, json_number_value(v)))
				return true;
	}
	return false;
}

static double pred_number(json_t *figs, const char *key)
{
	json_t *v = json_object_get(figs, key);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

/* Compare labelled figures with predicted ones; report misses when per_doc. */
static bool figures_ok(json_t *want, json_t *got_event, struct tally *t, bool per_doc,
		       const char *file, const char *what)
{
	json_t *got = json_object_get(got_event, "figures");
	const char *key;
	json_t *v;
	bool all = true;

	json_object_foreach(want, key, v) {
		bool ok;
		if (!strcmp(key, "per_asset_usd") && json_is_object(v)) {
			const char *asset;
			json_t *amount;
			json_t *gp = json_object_get(got, "per_asset_usd");
			json_object_foreach(v, asset, amount) {
				double g = pred_number(gp, asset);
				ok = number_ok(g, amount);
				t->figures++;
				t->figures_ok += ok;
				all &= ok;
				if (!ok && per_doc) {
					if (isnan(g)) /* (as the other figures say it: not predicted) */
						printf("  %s  %s: per_asset_usd.%s got none want %.15g\n", file,
						       what, asset, json_number_value(amount));
					else
						printf("  %s  %s: per_asset_usd.%s got %.15g\n", file, what,
						       asset, g);
				}
			}
			continue;
		}
		if (!strcmp(key, "asset")) {
			json_t *ga = json_object_get(got_event, "asset");
			ok = (json_is_null(v) && json_is_null(ga)) ||
			     (json_is_string(v) && json_is_string(ga) && !strcmp(json_string_value(v), json_string_value(ga)));
		} else if (json_is_string(v)) {
			json_t *gs = json_object_get(got, key);
			ok = json_is_string(gs) && !strcmp(json_string_value(gs), json_string_value(v));
		} else {
			ok = number_ok(pred_number(got, key), v);
		}
		t->figures++;
		t->figures_ok += ok;
		all &= ok;
		if (!ok && per_doc) {
			json_t *g = !strcmp(key, "asset") ? json_object_get(got_event, "asset") : json_object_get(got, key);
			char *gs = g ? json_dumps(g, JSON_ENCODE_ANY) : NULL;
			char *ws = json_dumps(v, JSON_ENCODE_ANY);
			printf("  %s  %s: %s got %s want %s\n", file, what, key, gs ? gs : "none", ws ? ws : "?");
			free(gs);
			free(ws);
		}
	}
	return all;
}

static bool same_asset(json_t *a, json_t *b)
{
	if (!json_is_string(a) || !json_is_string(b))
		return !json_is_string(a) && !json_is_string(b);
	return !strcmp(json_string_value(a), json_string_value(b));
}

static const char *asset_str(json_t *a)
{
	return json_is_string(a) ? json_string_value(a) : "market";
}

/* Score one article: labelled events vs predicted (the analyze JSON of the document). */
static void score(json_t *labelled, json_t *predicted, struct tally *t, bool per_doc,
		  const char *file)
{
	size_t nl = json_array_size(labelled), np = json_array_size(predicted);
	bool *used = calloc(np ? np : 1, 1);
	size_t i, j;

	for (j = 0; j < np; j++) {
		int ti = type_index(json_string_value(json_object_get(json_array_get(predicted, j), "type")));
		if (ti >= 0)
			t->predicted[ti]++;
	}
	for (i = 0; i < nl; i++) {
		json_t *l = json_array_get(labelled, i);
		const char *type = json_string_value(json_object_get(l, "type"));
		int ti = type_index(type);
		json_t *la = json_object_get(l, "asset");
		char what[64];
		if (ti < 0)
			continue;
		t->labelled[ti]++;
		snprintf(what, sizeof(what), "%s %s", type, asset_str(la));
		for (j = 0; j < np; j++) {
			json_t *p = json_array_get(predicted, j);
			if (used[j] || strcmp(json_string_value(json_object_get(p, "type")), type) ||
			    !same_asset(json_object_get(p, "asset"), la))
				continue;
			break;
		}
		if (j == np) {
			if (per_doc)
				printf("  %s  missed %s (%s)\n", file, what,
				       json_string_value(json_object_get(l, "modality")));
			continue;
		}
		used[j] = true;
		t->matched[ti]++;
		{
			json_t *p = json_array_get(predicted, j);
			const char *wm = json_string_value(json_object_get(l, "modality"));
			const char *gm = json_string_value(json_object_get(p, "modality"));
			if (wm && gm && !strcmp(wm, gm))
				t->modality_ok++;
			else if (per_doc)
				printf("  %s  %s: modality got %s want %s\n", file, what, gm ? gm : "?", wm ? wm : "?");
			if (figures_ok(json_object_get(l, "figures"), p, t, per_doc, file, what))
				t->events_figures_ok++;
		}
	}
	if (per_doc)
		for (j = 0; j < np; j++)
			if (!used[j]) {
				json_t *p = json_array_get(predicted, j);
				printf("  %s  spurious %s %s (%s, confidence %.2f)\n", file,
				       json_string_value(json_object_get(p, "type")),
				       asset_str(json_object_get(p, "asset")),
				       json_string_value(json_object_get(p, "modality")),
				       json_number_value(json_object_get(p, "confidence")));
			}
	free(used);
}

/* The manifest's url per file (NULL when none). */
static json_t *load_manifest(const char *dir)
{
	char path[4096];
	json_t *map = json_object();
	struct nm_buf b = NM_BUF_INIT(LABEL_LINE_MAX * 4);
	const char *s, *end;

	snprintf(path, sizeof(path), "%s/manifest.jsonl", dir);
	if (nm_buf_read_file(&b, path, NULL)) {
		nm_buf_release(&b);
		return map;
	}
	for (s = nm_buf_str(&b), end = s + b.len; s < end;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		json_t *o = json_loadb(s, n, 0, NULL);
		const char *file = json_string_value(json_object_get(o, "file"));
		if (file)
			json_object_set(map, file, o);
		json_decref(o);
		s += n + 1;
	}
	nm_buf_release(&b);
	return map;
}

static void print_row(const char *name, long lab, long pred, long match)
{
	double p = pred ? (double)match / pred : 1, r = lab ? (double)match / lab : 1;
	double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
	printf("%-13s %8ld %9ld %7ld %9.3f %6.3f %6.3f\n", name, lab, pred, match, p, r, f);
}

int eval_events(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"per-doc", no_argument, NULL, 'd'},
		{"min-confidence", required_argument, NULL, 'c'},
		NM_CLI_COMMON_OPTS,
		{NULL, 0, NULL, 0},
	};
	bool per_doc = false;
	double min_conf = NM_CLASSIFY_MIN_CONFIDENCE;
	int opt, worst = 0;
	const char *dir;
	char path[4096];
	struct nm_buf labels = NM_BUF_INIT(LABEL_LINE_MAX * 16);
	struct nm_err err = {0};
	struct nm_pipeline p;
	struct tally t;
	json_t *manifest;
	enum nm_code rc;
	const char *s, *end;
	size_t lineno = 0;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "dc:qvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': per_doc = true; break;
		case 'c': {
			char *e;
			min_conf = strtod(optarg, &e);
			if (*e || !(min_conf >= 0 && min_conf <= 1)) {
				nm_log(NM_LOG_ERROR, "--min-confidence takes a number in [0,1], not '%s'", optarg);
				return EX_USAGE_;
			}
			break;
		}
		case 'h': return nm_cli_usage(eval_events_usage, true);
		default:
			if (!nm_cli_common(opt, optarg))
				return nm_cli_usage(eval_events_usage, false);
		}
	}
	if (optind + 1 != argc)
		return nm_cli_usage(eval_events_usage, false);
	dir = argv[optind];
	snprintf(path, sizeof(path), "%s/labels.jsonl", dir);
	if ((rc = nm_buf_read_file(&labels, path, &err)))
		return nm_cli_fail(rc, &err);
	if ((rc = nm_pipeline_open(&p, nm_cli_rules_dir, &err))) {
		nm_buf_release(&labels);
		return nm_cli_fail(rc, &err);
	}
	if (nm_classifier_set_min_confidence(p.classifier, min_conf))
		NM_BUG("min confidence checked above");
	manifest = load_manifest(dir);
	memset(&t, 0, sizeof(t));
	for (s = nm_buf_str(&labels), end = s + labels.len; s < end;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		json_error_t jerr;
		json_t *o, *lab_events, *m;
		const char *file, *base;
		struct nm_extract_opts opts = {0};
		struct nm_buf page = NM_BUF_INIT(NM_EXTRACT_INPUT_MAX);
		struct nm_doc *doc;
		size_t flen;

		lineno++;
		o = n ? json_loadb(s, n, 0, &jerr) : NULL;
		s += n + 1;
		if (!n)
			continue;
		file = json_string_value(json_object_get(o, "file"));
		lab_events = json_object_get(o, "events");
		if (!file || !json_is_array(lab_events)) {
			nm_log(NM_LOG_ERROR, "%s:%zu: want {\"file\": ..., \"events\": [...]}", path, lineno);
			worst = nm_cli_worse(worst, EX_DATAERR_);
			json_decref(o);
			continue;
		}
		base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
		m = json_object_get(manifest, base);
		opts.url = json_string_value(json_object_get(m, "url"));
		flen = strlen(file);
		opts.plain_text = !(flen > 5 && !strcmp(file + flen - 5, ".html")) &&
				  !(flen > 4 && !strcmp(file + flen - 4, ".htm"));
		{
			char fpath[4096];
			snprintf(fpath, sizeof(fpath), "%s/%s", dir, file);
			rc = nm_buf_read_file(&page, fpath, &err);
		}
		t.docs++;
		doc = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
		if (!rc)
			rc = nm_pipeline_run(&p, doc, nm_buf_str(&page), page.len, &opts, &err);
		if (rc) {
			nm_log(NM_LOG_ERROR, "%s: %s", file, err.msg[0] ? err.msg : nm_strerror(rc));
			t.failed_docs++;
			worst = nm_cli_worse(worst, EX_TEMPFAIL_);
			score(lab_events, NULL, &t, per_doc, base);
		} else {
			json_t *pred = json_array();
			for (size_t i = 0; i < doc->n_events; i++)
				json_array_append_new(pred, nm_event_json(doc, &doc->events[i]));
			score(lab_events, pred, &t, per_doc, base);
			json_decref(pred);
		}
		nm_doc_free(doc);
		nm_buf_release(&page);
		json_decref(o);
	}
	{
		long lab = 0, pred = 0, match = 0;
		printf("%-13s %8s %9s %7s %9s %6s %6s\n", "type", "labelled", "predicted", "matched",
		       "precision", "recall", "F1");
		for (int i = 0; i < NTYPES; i++) {
			print_row(types[i], t.labelled[i], t.predicted[i], t.matched[i]);
			lab += t.labelled[i];
			pred += t.predicted[i];
			match += t.matched[i];
		}
		print_row("all", lab, pred, match);
		printf("modality accuracy %ld/%ld = %.3f\n", t.modality_ok, match,
		       match ? (double)t.modality_ok / match : 1.0);
		printf("figure accuracy %ld/%ld = %.3f (events with every labelled figure right; "
		       "figures %ld/%ld)\n", t.events_figures_ok, match,
		       match ? (double)t.events_figures_ok / match : 1.0, t.figures_ok, t.figures);
		printf("documents %ld (failed %ld), min confidence %.2f\n", t.docs, t.failed_docs, min_conf);
	}
	json_decref(manifest);
	nm_pipeline_close(&p);
	nm_buf_release(&labels);
	return worst;
}
