/*
 * cli/cmd_check.c — `newsmine check`: verdicts for stored events against the article
 * itself, market data and other sources (corpus/check.c holds the rules).
 */
#include "cli/fmt_int.h"

#include <jansson.h>
#include <string.h>

static const char check_usage[] =
	"usage: newsmine check [--db PATH] [--event ID] [--format table|jsonl]\n"
	"\n"
	"Check stored events and print one verdict per line: {event, kind, verdict, detail,\n"
	"data} with kind internal|market|cross_source and verdict consistent|contradicted|\n"
	"unverifiable. Verdicts are stored ('events --verdict V' filters on them) and replace\n"
	"earlier ones. Import market data first ('newsmine market import'). The rules and\n"
	"their tolerances are in docs/corpus.md.\n"
	"\n"
	"  --event ID    check one event\n"
	"  --format F    jsonl (default) or table\n"
	"\n"
	"Exit: 0 ok, 64 bad option or unknown event, 66 no database, 74 database error.\n";

struct out {
	enum nm_fmt fmt;
	size_t rows;
};

static int print_verdict(json_t *v, void *arg)
{
	struct out *o = arg;
	if (o->fmt == NM_FMT_JSONL) {
		json_dumpf(v, stdout, NM_JSON_DUMP_FLAGS);
		fputc('\n', stdout);
	} else {
		if (o->rows == 0)
			printf("%-16s  %-12s  %-12s  %s\n", "event", "kind", "verdict", "detail");
		nm_cell(stdout, json_string_value(json_object_get(v, "event")), 16);
		fputs("  ", stdout);
		nm_cell(stdout, json_string_value(json_object_get(v, "kind")), 12);
		fputs("  ", stdout);
		nm_cell(stdout, json_string_value(json_object_get(v, "verdict")), 12);
		fputs("  ", stdout);
		nm_cell(stdout, json_string_value(json_object_get(v, "detail")), -1);
		fputc('\n', stdout);
	}
	o->rows++;
	return ferror(stdout) ? 1 : 0;
}

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"event", required_argument, NULL, 'e'},
		{"format", required_argument, NULL, 'f'},
		NM_CLI_COMMON_OPTS,
		{NULL, 0, NULL, 0},
	};
	struct out o = {.fmt = NM_FMT_JSONL};
	struct nm_err err = {0};
	struct nm_corpus *c;
	const char *db = NULL, *event = NULL;
	int opt;
	enum nm_code rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "d:e:f:qvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': db = optarg; break;
		case 'e': event = optarg; break;
		case 'f':
			if (!nm_fmt_parse(optarg, 1u << NM_FMT_JSONL | 1u << NM_FMT_TABLE, &o.fmt))
				return EX_USAGE_;
			break;
		case 'h': return nm_cli_usage(check_usage, true);
		default:
			if (!nm_cli_common(opt, optarg))
				return nm_cli_usage(check_usage, false);
		}
	}
	if (optind < argc) {
		nm_log(NM_LOG_ERROR, "check: unexpected argument '%s'", argv[optind]);
		return nm_cli_usage(check_usage, false);
	}
	if ((rc = nm_corpus_open_ex(nm_cli_db_path(db), NM_CORPUS_EXISTING, &c, &err)))
		return nm_cli_fail(rc, &err);
	rc = nm_corpus_check(c, event, print_verdict, &o, &err);
	nm_corpus_close(c);
	if (rc)
		return nm_cli_fail(rc, &err);
	return 0;
}
