/*
 * cli/cmd_events.c — `newsmine events`: stored events for people (table) and for other
 * tools (JSONL, CSV), with filters; `--stories` groups them by happening.
 */
#include "cli/fmt_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char events_usage[] =
	"usage: newsmine events [--db PATH] [--type T] [--asset A] [--since D|EVENT_ID]\n"
	"                       [--until D] [--modality M] [--min-confidence X] [--source HOST]\n"
	"                       [--verdict V] [--limit N] [--stories] [--format jsonl|csv|table]\n"
	"\n"
	"List stored events, oldest stored first: the event object of 'analyze' plus the\n"
	"document's url, title, published and source (host). See docs/schema.md.\n"
	"\n"
	"  --type T            deleveraging, rejection, risk-off\n"
	"  --asset A           ticker (BTC), or 'market' for market-wide events\n"
	"  --since D|ID        published at/after date D, or stored after event ID (polling)\n"
	"  --until D           published before D (a bare date includes that day)\n"
	"  --modality M        reported, forecast, negated\n"
	"  --min-confidence X  confidence at least X (0..1)\n"
	"  --source HOST       from this site (subdomains included)\n"
	"  --verdict V         with a 'check' verdict V: consistent, contradicted, unverifiable\n"
	"  --limit N           at most N events\n"
	"  --stories           one row per story (same type and asset across sources, 48 h)\n"
	"  --format F          jsonl (default), csv (RFC 4180, header row), table\n"
	"\n"
	"Exit: 0 ok (no events too), 64 bad option, 66 no database, 74 database error.\n";

struct out {
	enum nm_fmt fmt;
	size_t rows;
};

static const char *const csv_cols[] = {
	"id", "type", "asset", "modality", "confidence", "published", "source", "url", "title",
	"total_usd", "qualifier", "window_seconds", "side", "level", "low", "high",
	"per_asset_usd", "evidence",
};

static void figures_summary(json_t *ev, char *out, size_t n)
{
	json_t *f = json_object_get(ev, "figures"), *pa = json_object_get(f, "per_asset_usd"), *v;
	char a[32], b[32];
	size_t len = 0;
	const char *k;

	out[0] = '\0';
/* a blank between parts, none before the first */
#define SEP (len ? " " : "")
#define ADD(...) do { if (len < n) len += (size_t)snprintf(out + len, n - len, __VA_ARGS__); } while (0)
	if ((v = json_object_get(f, "total_usd"))) {
		const char *q = json_string_value(json_object_get(f, "qualifier"));
		nm_fmt_usd(json_number_value(v), a, sizeof(a));
		ADD("total %s%s", q && !strcmp(q, "at_least") ? ">=" : q && !strcmp(q, "at_most") ? "<=" :
				  q ? "~" : "", a);
	}
	if ((v = json_object_get(f, "window_seconds")))
		ADD("%sin %gh", SEP, json_number_value(v) / 3600);
	if (json_object_size(pa)) {
		bool first = true;
		ADD("%s(", SEP);
		json_object_foreach(pa, k, v) {
			nm_fmt_usd(json_number_value(v), a, sizeof(a));
			ADD("%s%s %s", first ? "" : ", ", k, a);
			first = false;
		}
		ADD(")");
	}
	if (json_object_get(f, "low") && json_object_get(f, "high")) {
		nm_fmt_usd(json_number_value(json_object_get(f, "low")), a, sizeof(a));
		nm_fmt_usd(json_number_value(json_object_get(f, "high")), b, sizeof(b));
		ADD("%s%s-%s", SEP, a, b);
	} else if ((v = json_object_get(f, "level"))) {
		nm_fmt_usd(json_number_value(v), a, sizeof(a));
		ADD("%s%s", SEP, a);
	}
	if ((v = json_object_get(f, "side")))
		ADD("%s%s", SEP, json_string_value(v));
#undef SEP
#undef ADD
}

static int print_event(json_t *ev, void *arg)
{
	struct out *o = arg;
	json_t *f = json_object_get(ev, "figures");
	char fig[256];

	if (o->fmt == NM_FMT_JSONL) {
		json_dumpf(ev, stdout, NM_JSON_DUMP_FLAGS);
		fputc('\n', stdout);
	} else if (o->fmt == NM_FMT_CSV) {
		json_t *evid = json_object_get(ev, "evidence"), *e;
		struct nm_buf joined = NM_BUF_INIT(1 << 20);
		size_t i;
		for (int c = 0; c < 9; c++)
			nm_csv_json(stdout, json_object_get(ev, csv_cols[c]), c == 0);
		for (int c = 9; c < 17; c++)
			nm_csv_json(stdout, json_object_get(f, csv_cols[c]), false);
		json_array_foreach(evid, i, e) {
			const char *t = json_string_value(json_object_get(e, "text"));
			if (t && ((i && nm_buf_addstr(&joined, " | ")) || nm_buf_addstr(&joined, t)))
				break;
		}
		nm_csv_field(stdout, nm_buf_str(&joined), false);
		nm_csv_end(stdout);
		nm_buf_release(&joined);
	} else {
		const char *asset = json_string_value(json_object_get(ev, "asset"));
		const char *pub = json_string_value(json_object_get(ev, "published"));
		char conf[16], day[16];
		if (o->rows == 0) {
			printf("%-16s  %-12s  %-6s  %-8s  %-4s  %-10s  %-20s  %s\n", "id", "type", "asset",
			       "modality", "conf", "published", "source", "figures");
		}
		snprintf(conf, sizeof(conf), "%.2f", json_number_value(json_object_get(ev, "confidence")));
		figures_summary(ev, fig, sizeof(fig));
		nm_cell(stdout, json_string_value(json_object_get(ev, "id")), 16);
		fputs("  ", stdout);
		nm_cell(stdout, json_string_value(json_object_get(ev, "type")), 12);
		fputs("  ", stdout);
		nm_cell(stdout, asset ? asset : "market", 6);
		fputs("  ", stdout);
		nm_cell(stdout, json_string_value(json_object_get(ev, "modality")), 8);
		fputs("  ", stdout);
		nm_cell(stdout, conf, 4);
		fputs("  ", stdout);
		snprintf(day, sizeof(day), "%.10s", pub ? pub : "-");
		nm_cell(stdout, day, 10);
		fputs("  ", stdout);
		nm_cell(stdout, json_string_value(json_object_get(ev, "source")), 20);
		fputs("  ", stdout);
		nm_cell(stdout, fig, -1);
		fputc('\n', stdout);
	}
	o->rows++;
	return ferror(stdout) ? 1 : 0;
}

static const char *const story_cols[] = {
	"story", "type", "asset", "first_published", "first_source", "first_event", "sources",
	"events", "hosts", "event_ids",
};

static int print_story(json_t *s, void *arg)
{
	struct out *o = arg;
	if (o->fmt == NM_FMT_JSONL) {
		json_dumpf(s, stdout, NM_JSON_DUMP_FLAGS);
		fputc('\n', stdout);
	} else if (o->fmt == NM_FMT_CSV) {
		size_t n = sizeof(story_cols) / sizeof(story_cols[0]);
		for (size_t c = 0; c < n; c++)
			nm_csv_json(stdout, json_object_get(s, story_cols[c]), c == 0);
		nm_csv_end(stdout);
	} else {
		const char *asset = json_string_value(json_object_get(s, "asset"));
		char line[64];
		if (o->rows == 0)
			printf("%-12s  %-6s  %-20s  %-7s  %-6s  %s\n", "type", "asset", "first_published",
			       "sources", "events", "first_source");
		nm_cell(stdout, json_string_value(json_object_get(s, "type")), 12);
		fputs("  ", stdout);
		nm_cell(stdout, asset ? asset : "market", 6);
		fputs("  ", stdout);
		nm_cell(stdout, json_string_value(json_object_get(s, "first_published")), 20);
		snprintf(line, sizeof(line), "  %-7lld  %-6lld  ",
			 (long long)json_integer_value(json_object_get(s, "sources")),
			 (long long)json_integer_value(json_object_get(s, "events")));
		fputs(line, stdout);
		nm_cell(stdout, json_string_value(json_object_get(s, "first_source")), -1);
		fputc('\n', stdout);
	}
	o->rows++;
	return ferror(stdout) ? 1 : 0;
}

int cmd_events(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"type", required_argument, NULL, 't'},
		{"asset", required_argument, NULL, 'a'},
		{"since", required_argument, NULL, 's'},
		{"until", required_argument, NULL, 'u'},
		{"modality", required_argument, NULL, 'm'},
		{"min-confidence", required_argument, NULL, 'c'},
		{"source", required_argument, NULL, 'S'},
		{"verdict", required_argument, NULL, 'V'},
		{"limit", required_argument, NULL, 'n'},
		{"stories", no_argument, NULL, 'T'},
		{"format", required_argument, NULL, 'f'},
		NM_CLI_COMMON_OPTS,
		{NULL, 0, NULL, 0},
	};
	struct nm_event_query q = {0};
	struct out o = {.fmt = NM_FMT_JSONL};
	struct nm_err err = {0};
	struct nm_corpus *c;
	const char *db = NULL;
	bool stories = false;
	int opt;
	enum nm_code rc;
	char *end;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "d:t:a:s:u:m:c:S:V:n:Tf:qvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': db = optarg; break;
		case 't': q.type = optarg; break;
		case 'a': q.asset = optarg; break;
		case 's': q.since = optarg; break;
		case 'u': q.until = optarg; break;
		case 'm': q.modality = optarg; break;
		case 'S': q.source = optarg; break;
		case 'V': q.verdict = optarg; break;
		case 'T': stories = true; break;
		case 'c':
			q.min_confidence = strtod(optarg, &end);
			if (*end || !*optarg || !(q.min_confidence >= 0 && q.min_confidence <= 1)) {
				nm_log(NM_LOG_ERROR, "--min-confidence takes a number from 0 to 1, not '%s'", optarg);
				return EX_USAGE_;
			}
			break;
		case 'n':
			q.limit = strtoul(optarg, &end, 10);
			if (*end || !*optarg || optarg[0] == '-') {
				nm_log(NM_LOG_ERROR, "--limit takes a count, not '%s'", optarg);
				return EX_USAGE_;
			}
			break;
		case 'f':
			if (!nm_fmt_parse(optarg, 1u << NM_FMT_JSONL | 1u << NM_FMT_CSV | 1u << NM_FMT_TABLE, &o.fmt))
				return EX_USAGE_;
			break;
		case 'h': return nm_cli_usage(events_usage, true);
		default:
			if (!nm_cli_common(opt, optarg))
				return nm_cli_usage(events_usage, false);
		}
	}
	if (optind < argc) {
		nm_log(NM_LOG_ERROR, "events: unexpected argument '%s'", argv[optind]);
		return nm_cli_usage(events_usage, false);
	}
	if ((rc = nm_corpus_open_ex(nm_cli_db_path(db), NM_CORPUS_EXISTING, &c, &err)))
		return nm_cli_fail(rc, &err);
	if (o.fmt == NM_FMT_CSV) {
		/* the header row even when nothing matches */
		const char *const *cols = stories ? story_cols : csv_cols;
		size_t n = stories ? sizeof(story_cols) / sizeof(story_cols[0])
				   : sizeof(csv_cols) / sizeof(csv_cols[0]);
		for (size_t i = 0; i < n; i++)
			nm_csv_field(stdout, cols[i], i == 0);
		nm_csv_end(stdout);
	}
	if (stories)
		rc = nm_corpus_stories(c, print_story, &o, &err);
	else
		rc = nm_corpus_events(c, &q, print_event, &o, &err);
	nm_corpus_close(c);
	if (rc)
		return nm_cli_fail(rc, &err);
	return 0;
}
