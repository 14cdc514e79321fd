/*
 * cli/cmd_stats.c — `newsmine stats`: what the corpus holds (documents, mentions, events,
 * checks, verdicts, stories, market rows) and events by type, asset and day.
 */
#include "cli/fmt_int.h"

#include <jansson.h>
#include <string.h>

static const char stats_usage[] =
	"usage: newsmine stats [--db PATH] [--format table|json]\n"
	"\n"
	"Corpus counts. JSON keys: documents, mentions, events, checks, verdicts, candles,\n"
	"liquidations, stories, stories_multi_source (numbers) and events_by_type,\n"
	"events_by_asset, events_by_day, checks_by_verdict, verdicts_by_verdict,\n"
	"verdicts_by_kind (objects of counts).\n"
	"\n"
	"Exit: 0 ok, 64 bad option, 66 no database, 74 database error.\n";

static void print_table(json_t *o)
{
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v) {
		if (json_is_integer(v))
			printf("%-22s %lld\n", k, (long long)json_integer_value(v));
	}
	json_object_foreach(o, k, v) {
		const char *k2;
		json_t *v2;
		if (!json_is_object(v) || !json_object_size(v))
			continue;
		printf("\n%s\n", k);
		json_object_foreach(v, k2, v2) {
			fputs("  ", stdout);
			nm_cell(stdout, k2, 20);
			printf(" %lld\n", (long long)json_integer_value(v2));
		}
	}
}

int cmd_stats(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"format", required_argument, NULL, 'f'},
		NM_CLI_COMMON_OPTS,
		{NULL, 0, NULL, 0},
	};
	enum nm_fmt fmt = NM_FMT_TABLE;
	struct nm_err err = {0};
	struct nm_corpus *c;
	const char *db = NULL;
	json_t *o = NULL;
	int opt;
	enum nm_code rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "d:f:qvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': db = optarg; break;
		case 'f':
			if (!nm_fmt_parse(optarg, 1u << NM_FMT_TABLE | 1u << NM_FMT_JSON, &fmt))
				return EX_USAGE_;
			break;
		case 'h': return nm_cli_usage(stats_usage, true);
		default:
			if (!nm_cli_common(opt, optarg))
				return nm_cli_usage(stats_usage, false);
		}
	}
	if (optind < argc) {
		nm_log(NM_LOG_ERROR, "stats: unexpected argument '%s'", argv[optind]);
		return nm_cli_usage(stats_usage, false);
	}
	if ((rc = nm_corpus_open_ex(nm_cli_db_path(db), NM_CORPUS_EXISTING, &c, &err)))
		return nm_cli_fail(rc, &err);
	rc = nm_corpus_stats(c, &o, &err);
	nm_corpus_close(c);
	if (rc)
		return nm_cli_fail(rc, &err);
	if (fmt == NM_FMT_JSON) {
		nm_cli_print_json(o);
	} else {
		print_table(o);
		json_decref(o);
	}
	return 0;
}
