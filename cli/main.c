/*
 * cli/main.c — the newsmine command: global options, subcommand dispatch, and the
 * shared pieces every subcommand uses (exit codes, common options, output).
 */
#include "cli/cli.h"

#include <jansson.h>
#include <libxml/parser.h>
#include <curl/curl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

const char *nm_cli_rules_dir;

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"analyze", cmd_analyze, "analyse pages or text; one JSON object per input"},
	{"extract", cmd_extract, "print a page's main text or article record"},
	{"ingest", cmd_ingest, "analyse and store documents in the corpus"},
	{"events", cmd_events, "list stored events (jsonl, csv, table)"},
	{"search", cmd_search, "full-text search over stored documents and evidence"},
	{"stats", cmd_stats, "corpus counts"},
	{"market", cmd_market, "import market data (candles, liquidations)"},
	{"check", cmd_check, "cross-check stored events against the article and market data"},
	{"crawl", cmd_crawl, "crawl seeds, feeds and sitemaps into the corpus"},
	{"robots", cmd_robots, "say whether robots.txt allows URLs"},
	{"discover", cmd_discover, "list the entries of a feed or sitemap"},
	{"eval", cmd_eval, "score extraction, mentions or events on an evaluation set"},
};

static int usage(bool to_stdout)
{
	FILE *f = to_stdout ? stdout : stderr;
	fputs("usage: newsmine [-q|-v] [--rules DIR] COMMAND [ARGS]\n\ncommands:\n", f);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'newsmine COMMAND --help' describes a command.\n", f);
	return to_stdout ? 0 : EX_USAGE_;
}

int nm_cli_exit(enum nm_code code)
{
	switch (code) {
	case NM_OK: return 0;
	case NM_EINVAL: return EX_USAGE_;
	case NM_EPARSE: return EX_DATAERR_;
	case NM_ETOOBIG: return EX_DATAERR_;
	case NM_EIO: return EX_IOERR_;
	case NM_ENET: return EX_UNAVAILABLE_;
	case NM_EDB: return EX_IOERR_;
	case NM_ECONFIG: return EX_CONFIG_;
	case NM_EINTERNAL: return EX_SOFTWARE_;
	case NM_ENOENT: return EX_NOINPUT_;
	case NM_ECREATE: return EX_CANTCREAT_;
	case NM_EPARTIAL: return EX_TEMPFAIL_;
	}
	return EX_SOFTWARE_;
}

/* Severity order for a batch: a usage or configuration error outranks data errors. */
static int severity(int ex)
{
	switch (ex) {
	case 0: return 0;
	case EX_TEMPFAIL_: return 1;
	case EX_DATAERR_: return 2;
	case EX_NOINPUT_: return 3;
	case EX_UNAVAILABLE_: return 4;
	case EX_IOERR_: return 5;
	case EX_CANTCREAT_: return 6;
	case EX_OSERR_: return 7;
	case EX_CONFIG_: return 8;
	case EX_USAGE_: return 9;
	default: return 10;
	}
}

int nm_cli_worse(int a, int b)
{
	return severity(b) > severity(a) ? b : a;
}

bool nm_cli_common(int opt, const char *arg)
{
	switch (opt) {
	case 'R':
		nm_cli_rules_dir = arg;
		return true;
	case 'q':
		nm_log_set_level(NM_LOG_ERROR);
		return true;
	case 'v':
		nm_log_set_level(nm_log_get_level() < NM_LOG_DEBUG ? nm_log_get_level() + 1 : NM_LOG_DEBUG);
		return true;
	}
	return false;
}

int nm_cli_usage(const char *text, bool to_stdout)
{
	fputs(text, to_stdout ? stdout : stderr);
	return to_stdout ? 0 : EX_USAGE_;
}

const char *nm_cli_db_path(const char *flag)
{
	const char *env = getenv("NEWSMINE_DB");
	if (flag)
		return flag;
	if (env && *env)
		return env;
	return NM_CORPUS_DEFAULT_PATH;
}

int nm_cli_fail(enum nm_code code, const struct nm_err *err)
{
	if (err && err->msg[0])
		nm_log(NM_LOG_ERROR, "%s", err->msg);
	else
		nm_log(NM_LOG_ERROR, "%s", nm_strerror(code));
	return nm_cli_exit(code);
}

void nm_cli_print_json(json_t *v)
{
	json_dumpf(v, stdout, NM_JSON_DUMP_FLAGS);
	fputc('\n', stdout);
	json_decref(v);
}

int main(int argc, char **argv)
{
	int i = 1, rc;

	/* libcurl converts international host names with libidn2, which reads them in the
	 * locale's encoding: ours is UTF-8. Only character classes change; numbers and
	 * messages stay in the C locale. */
	setlocale(LC_CTYPE, "C.UTF-8");
	curl_global_init(CURL_GLOBAL_DEFAULT);
	xmlInitParser();
	/* global options before the subcommand */
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet"))
			nm_cli_common('q', NULL);
		else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose"))
			nm_cli_common('v', NULL);
		else if (!strcmp(argv[i], "--rules") && i + 1 < argc)
			nm_cli_common('R', argv[++i]);
		else if (!strncmp(argv[i], "--rules=", 8))
			nm_cli_common('R', argv[i] + 8);
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return usage(true);
		else if (!strcmp(argv[i], "--version")) {
			puts("newsmine 0.1");
			return 0;
		} else {
			nm_log(NM_LOG_ERROR, "unknown option '%s'", argv[i]);
			return usage(false);
		}
	}
	if (i >= argc)
		return usage(false);
	for (size_t c = 0; c < sizeof(commands) / sizeof(commands[0]); c++) {
		if (!strcmp(argv[i], commands[c].name)) {
			rc = commands[c].run(argc - i, argv + i);
			fflush(stdout);
			if (ferror(stdout)) {
				nm_log(NM_LOG_ERROR, "cannot write output");
				rc = nm_cli_worse(rc, EX_IOERR_);
			}
			xmlCleanupParser();
			curl_global_cleanup();
			return rc;
		}
	}
	nm_log(NM_LOG_ERROR, "unknown command '%s'", argv[i]);
	return usage(false);
}
