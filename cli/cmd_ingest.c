/*
 * cli/cmd_ingest.c — `newsmine ingest`: each input through the analysis pipeline (the
 * same as `analyze`), then into the corpus. Transactions are batched; each document is
 * stored whole or not at all.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char ingest_usage[] =
	"usage: newsmine ingest [--db PATH] [--text] [--url URL] [--input jsonl] [--batch N] FILE|- ...\n"
	"\n"
	"Analyse each input (HTML by default) like 'analyze' and store the document with its\n"
	"mentions, events and checks. A document with the same canonical URL (else URL) or the\n"
	"same text replaces the stored one. A listing page (home, section, tag or archive page\n"
	"of teasers, see docs/extraction.md) is not an article and is not stored.\n"
	"\n"
	"  --db PATH       the corpus (default $NEWSMINE_DB, else newsmine.db)\n"
	"  --text          inputs are plain text, not HTML\n"
	"  --url URL       the page URL (one input only)\n"
	"  --input jsonl   each input holds JSON Lines: \"text\" or \"html\", optional \"id\",\n"
	"                  \"url\", \"title\", \"published\"; with an \"events\" array (the event\n"
	"                  objects of docs/schema.md) those events are stored instead of the\n"
	"                  classifier's (and its checks are dropped); a \"checks\" array\n"
	"                  ({kind, verdict, asset, quantity, values}) is stored as given\n"
	"  --batch N       commit every N documents (default 64; 1 = each document)\n"
	"\n"
	"Exit: 0 ok, 65 bad input, 66 missing file, 73 cannot create the database, 74 database\n"
	"error; with several inputs the worst code, after processing every input.\n";

#define LINE_MAX_BYTES ((size_t)128 << 20)

struct ingest {
	struct nm_pipeline p;
	struct nm_corpus *corpus;
	size_t stored, failed, listing;
	bool fatal;            /* a database error: stop */
};

/* Find text s in doc->text (first occurrence); false when absent. */
static bool find_span(const struct nm_doc *doc, const char *s, size_t n, struct nm_span *out)
{
	const char *hit;
	if (!doc->text || n == 0)
		return false;
	hit = memmem(doc->text, doc->text_len, s, n);
	if (!hit)
		return false;
	out->start = (size_t)(hit - doc->text);
	out->end = out->start + n;
	return true;
}

static double num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static enum nm_qualifier qualifier(const char *s)
{
	if (!s)
		return NM_QUAL_NONE;
	for (int q = NM_QUAL_AT_LEAST; q <= NM_QUAL_ABOUT; q++)
		if (!strcmp(s, nm_qualifier_name((enum nm_qualifier)q)))
			return (enum nm_qualifier)q;
	return NM_QUAL_NONE;
}

/* One event object (docs/schema.md) into doc. */
static enum nm_code given_event(struct nm_doc *doc, json_t *o, const char *where, struct nm_err *err)
{
	struct nm_event e;
	json_t *fig = json_object_get(o, "figures"), *ev = json_object_get(o, "evidence"), *v;
	const char *type = json_string_value(json_object_get(o, "type"));
	const char *asset = json_string_value(json_object_get(o, "asset"));
	const char *mod = json_string_value(json_object_get(o, "modality"));
	size_t i;

	if (!type || strlen(type) >= NM_EVENT_TYPE_MAX) {
		return nm_err_set(err, NM_EPARSE, "event without a valid \"type\"");
	}
	nm_event_init(&e, type, asset && strlen(asset) < NM_TICKER_MAX ? asset : "");
	if (mod && !nm_modality_parse(mod, &e.modality)) {
		return nm_err_set(err, NM_EPARSE, "unknown modality '%s'", mod);
	}
	e.confidence = json_is_number(json_object_get(o, "confidence"))
			       ? json_number_value(json_object_get(o, "confidence")) : 1.0;
	if (json_is_object(fig)) {
		json_t *pa = json_object_get(fig, "per_asset_usd");
		const char *side = json_string_value(json_object_get(fig, "side"));
		e.figures.total_usd = num(fig, "total_usd");
		e.figures.qualifier = qualifier(json_string_value(json_object_get(fig, "qualifier")));
		e.figures.window_seconds = num(fig, "window_seconds");
		e.figures.level = num(fig, "level");
		e.figures.low = num(fig, "low");
		e.figures.high = num(fig, "high");
		if (side)
			snprintf(e.figures.side, sizeof(e.figures.side), "%s", side);
		if (json_is_object(pa) && json_object_size(pa)) {
			const char *k;
			size_t n = 0;
			e.figures.per_asset = nm_arena_alloc(doc->arena, json_object_size(pa) * sizeof(*e.figures.per_asset));
			if (!e.figures.per_asset)
				return NM_ETOOBIG;
			json_object_foreach(pa, k, v) {
				struct nm_asset_amount *a = &e.figures.per_asset[n];
				if (!json_is_number(v) || strlen(k) >= NM_TICKER_MAX)
					continue;
				snprintf(a->asset, sizeof(a->asset), "%s", k);
				a->usd = json_number_value(v);
				a->mention = SIZE_MAX;
				n++;
			}
			e.figures.n_per_asset = n;
		}
	}
	if (json_is_array(ev) && json_array_size(ev)) {
		e.evidence = nm_arena_alloc(doc->arena, json_array_size(ev) * sizeof(*e.evidence));
		if (!e.evidence)
			return NM_ETOOBIG;
		json_array_foreach(ev, i, v) {
			struct nm_span s;
			if (json_is_string(v) && find_span(doc, json_string_value(v), json_string_length(v), &s)) {
				e.evidence[e.n_evidence++] = s;
			} else if (json_is_object(v) && json_is_integer(json_object_get(v, "start")) &&
				   json_is_integer(json_object_get(v, "end"))) {
				s.start = (size_t)json_integer_value(json_object_get(v, "start"));
				s.end = (size_t)json_integer_value(json_object_get(v, "end"));
				if (s.start < s.end && s.end <= doc->text_len)
					e.evidence[e.n_evidence++] = s;
			} else {
				nm_log(NM_LOG_DEBUG, "%s: evidence not found in the text", where);
			}
		}
		if (e.n_evidence)
			e.trigger = e.evidence[0];
	}
	nm_event_set_id(&e, doc);
	return nm_doc_add_event(doc, &e);
}

/* One check object (docs/schema.md: kind, verdict, asset, quantity, values) into doc. */
static enum nm_code given_check(struct nm_doc *doc, json_t *o, struct nm_err *err)
{
	struct nm_check k;
	const char *kind = json_string_value(json_object_get(o, "kind"));
	const char *verdict = json_string_value(json_object_get(o, "verdict"));
	const char *asset = json_string_value(json_object_get(o, "asset"));
	const char *quantity = json_string_value(json_object_get(o, "quantity"));
	json_t *values = json_object_get(o, "values");
	bool ok = false;

	memset(&k, 0, sizeof(k));
	for (int v = NM_VERDICT_CONSISTENT; v <= NM_VERDICT_UNVERIFIABLE; v++)
		if (verdict && !strcmp(verdict, nm_verdict_name((enum nm_verdict)v))) {
			k.verdict = (enum nm_verdict)v;
			ok = true;
		}
	if (!ok || (kind && strcmp(kind, "internal"))) {
		return nm_err_set(err, NM_EPARSE, "a check needs \"verdict\" (and kind \"internal\")");
	}
	k.kind = NM_CHECK_INTERNAL;
	snprintf(k.asset, sizeof(k.asset), "%s", asset && strlen(asset) < NM_TICKER_MAX ? asset : "");
	snprintf(k.quantity, sizeof(k.quantity), "%s", quantity ? quantity : "");
	for (int i = 0; i < 2; i++) {
		json_t *v = json_array_get(values, (size_t)i);
		k.values[i] = json_is_number(v) ? json_number_value(v) : NAN;
		k.mentions[i] = SIZE_MAX;
	}
	return nm_doc_add_check(doc, &k);
}

/* Analyse one input and store it. Returns an exit code. */
static int ingest_one(struct ingest *in, const char *source, json_t *line, const char *bytes,
		      size_t len, const struct nm_extract_opts *opts)
{
	struct nm_doc *doc = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
	struct nm_err err = {0};
	enum nm_code rc;
	json_t *v;

	doc->source = nm_arena_strdup(doc->arena, source);
	rc = nm_pipeline_run(&in->p, doc, bytes, len, opts, &err);
	if (!rc && line) {
		const char *s;
		if ((s = json_string_value(json_object_get(line, "id"))))
			doc->id = nm_arena_strdup(doc->arena, s);
		if ((s = json_string_value(json_object_get(line, "title"))))
			doc->title = nm_arena_strdup(doc->arena, s);
		if ((s = json_string_value(json_object_get(line, "published")))) {
			int64_t t;
			bool has_time;
			if (nm_time_parse(s, &t, &has_time) == NM_OK)
				doc->published = nm_arena_strdup(doc->arena, s);
			else
				nm_log(NM_LOG_WARN, "%s: \"published\" '%s' is not a date; ignored", source, s);
		}
		if (json_is_array(v = json_object_get(line, "events"))) {
			size_t i;
			json_t *e;
			/* the classifier's events and its checks on them give way */
			doc->n_events = 0;
			doc->n_checks = 0;
			json_array_foreach(v, i, e) {
				if (!json_is_object(e)) {
					rc = nm_err_set(&err, NM_EPARSE, "event %zu is not an object", i + 1);
					break;
				}
				if ((rc = given_event(doc, e, source, &err)))
					break;
			}
		}
		if (!rc && json_is_array(v = json_object_get(line, "checks"))) {
			size_t i;
			json_t *k;
			doc->n_checks = 0;
			json_array_foreach(v, i, k) {
				if (!json_is_object(k) || (rc = given_check(doc, k, &err))) {
					rc = rc ? rc : nm_err_set(&err, NM_EPARSE, "check %zu is not an object", i + 1);
					break;
				}
			}
		}
	}
	if (rc) {
		nm_log(NM_LOG_ERROR, "%s: %s", source, err.msg[0] ? err.msg : nm_strerror(rc));
		in->failed++;
		nm_doc_free(doc);
		return nm_cli_exit(rc);
	}
	/* a listing (home, section, tag ...) or site page (about, contact ...) is not an
	 * article: not stored, unless the line gives its events itself */
	if (doc->page_type != NM_PAGE_ARTICLE && !(line && json_is_array(json_object_get(line, "events")))) {
		nm_log(NM_LOG_INFO, "%s: %s page, not stored", source, nm_page_type_name(doc->page_type));
		in->listing++;
		nm_doc_free(doc);
		return 0;
	}
	rc = nm_corpus_put(in->corpus, doc, &err);
	nm_doc_free(doc);
	if (rc) {
		nm_log(NM_LOG_ERROR, "%s: %s", source, err.msg[0] ? err.msg : nm_strerror(rc));
		in->failed++;
		if (rc == NM_EDB)
			in->fatal = true;
		return nm_cli_exit(rc);
	}
	in->stored++;
	return 0;
}

static int ingest_jsonl_doc(const struct nm_jsonl_doc *d, void *arg)
{
	return ingest_one(arg, d->where, d->obj, d->body, d->len, &d->opts);
}

int cmd_ingest(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"text", no_argument, NULL, 't'},
		{"url", required_argument, NULL, 'u'},
		{"input", required_argument, NULL, 'i'},
		{"batch", required_argument, NULL, 'b'},
		NM_CLI_COMMON_OPTS,
		{NULL, 0, NULL, 0},
	};
	struct nm_extract_opts opts = {0};
	struct ingest in = {0};
	struct nm_err err = {0};
	const char *db = NULL;
	bool jsonl = false;
	unsigned long batch = 64;
	int opt, worst = 0;
	enum nm_code rc;
	char *end;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "d:tu:i:b:qvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': db = optarg; break;
		case 't': opts.plain_text = true; break;
		case 'u': opts.url = optarg; break;
		case 'i':
			if (strcmp(optarg, "jsonl")) {
				nm_log(NM_LOG_ERROR, "--input takes 'jsonl', not '%s'", optarg);
				return EX_USAGE_;
			}
			jsonl = true;
			break;
		case 'b':
			batch = strtoul(optarg, &end, 10);
			if (*end || !*optarg || batch == 0 || batch > 1000000) {
				nm_log(NM_LOG_ERROR, "--batch takes a number from 1 to 1000000, not '%s'", optarg);
				return EX_USAGE_;
			}
			break;
		case 'h': return nm_cli_usage(ingest_usage, true);
		default:
			if (!nm_cli_common(opt, optarg))
				return nm_cli_usage(ingest_usage, false);
		}
	}
	if (optind >= argc) {
		nm_log(NM_LOG_ERROR, "ingest: no input (give FILE or - for standard input)");
		return nm_cli_usage(ingest_usage, false);
	}
	if (opts.url && argc - optind > 1) {
		nm_log(NM_LOG_ERROR, "ingest: --url names one page; give one FILE with it");
		return EX_USAGE_;
	}
	if ((rc = nm_pipeline_open(&in.p, nm_cli_rules_dir, &err)))
		return nm_cli_fail(rc, &err);
	if ((rc = nm_corpus_open(nm_cli_db_path(db), &in.corpus, &err))) {
		nm_pipeline_close(&in.p);
		return nm_cli_fail(rc, &err);
	}
	nm_corpus_set_batch(in.corpus, (unsigned)batch);
	for (int i = optind; i < argc && !in.fatal; i++) {
		struct nm_buf buf = NM_BUF_INIT(jsonl ? LINE_MAX_BYTES * 8 : NM_EXTRACT_INPUT_MAX);
		if ((rc = nm_buf_read_file(&buf, argv[i], &err))) {
			in.failed++;
			worst = nm_cli_worse(worst, nm_cli_fail(rc, &err));
		} else if (jsonl) {
			worst = nm_cli_worse(worst, nm_cli_jsonl_each(argv[i], nm_buf_str(&buf), buf.len, &opts, ingest_jsonl_doc, &in, &in.fatal, &in.failed));
		} else {
			worst = nm_cli_worse(worst, ingest_one(&in, argv[i], NULL, nm_buf_str(&buf), buf.len, &opts));
		}
		nm_buf_release(&buf);
	}
	if ((rc = nm_corpus_commit(in.corpus, &err)))
		worst = nm_cli_worse(worst, nm_cli_fail(rc, &err));
	nm_corpus_close(in.corpus);
	nm_pipeline_close(&in.p);
	nm_log(in.failed ? NM_LOG_WARN : NM_LOG_INFO, "ingest: %zu stored, %zu listing or site pages skipped, %zu failed",
	       in.stored, in.listing, in.failed);
	return worst;
}
