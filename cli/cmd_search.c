/*
 * cli/cmd_search.c — `newsmine search`: full-text search over stored titles, sentences
 * and event evidence, best first (bm25), with highlighted snippets on a terminal.
 */
#include "cli/fmt_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char search_usage[] =
	"usage: newsmine search [--db PATH] [--since D] [--until D] [--type T] [--asset A]\n"
	"                       [--limit N] [--format table|jsonl|csv] QUERY\n"
	"\n"
	"Search stored titles, main text (by sentence) and event evidence; best match first\n"
	"(bm25). QUERY is FTS5 syntax (words, \"a phrase\", AND/OR/NOT, prefix*); anything\n"
	"else is searched as plain words. One hit per line: score, kind (title, text,\n"
	"evidence), event (for evidence), snippet, url, title, published, source.\n"
	"\n"
	"  --since D, --until D   published from D / up to D (a bare date includes that day)\n"
	"  --type T, --asset A    only documents with an event of that type / about that asset\n"
	"  --limit N              at most N hits (default 20)\n"
	"  --format F             table (default on a terminal, matches highlighted), jsonl\n"
	"                         (default otherwise), csv (RFC 4180, header row)\n"
	"\n"
	"Exit: 0 ok (no hits too), 64 bad option or query, 66 no database, 74 database error.\n";

static const char *const cols[] = {"score", "kind", "event", "snippet", "url", "title", "published", "source"};

struct out {
	enum nm_fmt fmt;
	bool tty;
	size_t rows;
};

static int print_hit(json_t *h, void *arg)
{
	struct out *o = arg;
	if (o->fmt == NM_FMT_JSONL) {
		json_dumpf(h, stdout, JSON_COMPACT | JSON_REAL_PRECISION(6));
		fputc('\n', stdout);
	} else if (o->fmt == NM_FMT_CSV) {
		char score[32];
		snprintf(score, sizeof(score), "%.4f", json_real_value(json_object_get(h, "score")));
		nm_csv_field(stdout, score, true);
		for (size_t i = 1; i < sizeof(cols) / sizeof(cols[0]); i++)
			nm_csv_json(stdout, json_object_get(h, cols[i]), false);
		nm_csv_end(stdout);
	} else {
		const char *title = json_string_value(json_object_get(h, "title"));
		const char *url = json_string_value(json_object_get(h, "url"));
		const char *pub = json_string_value(json_object_get(h, "published"));
		printf("%s%.2f  %-8s  %.10s  ", o->rows ? "\n" : "", json_real_value(json_object_get(h, "score")),
		       json_string_value(json_object_get(h, "kind")), pub ? pub : "-");
		nm_cell(stdout, title ? title : url ? url : "(untitled)", -1);
		fputs("\n    ", stdout);
		if (url && title) {
			nm_cell(stdout, url, -1);
			fputs("\n    ", stdout);
		}
		/* the snippet carries the terminal's highlight escapes: print it as is, bar
		 * control bytes of the text itself (those were never stored: text is UTF-8
		 * from extract/, and the markers are ours) */
		fputs(json_string_value(json_object_get(h, "snippet")), stdout);
		fputc('\n', stdout);
	}
	o->rows++;
	return ferror(stdout) ? 1 : 0;
}

int cmd_search(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"since", required_argument, NULL, 's'},
		{"until", required_argument, NULL, 'u'},
		{"type", required_argument, NULL, 't'},
		{"asset", required_argument, NULL, 'a'},
		{"limit", required_argument, NULL, 'n'},
		{"format", required_argument, NULL, 'f'},
		NM_CLI_COMMON_OPTS,
		{NULL, 0, NULL, 0},
	};
	struct nm_search_query q = {0};
	struct out o = {.tty = isatty(STDOUT_FILENO) == 1};
	struct nm_err err = {0};
	struct nm_corpus *c;
	const char *db = NULL;
	struct nm_buf query = NM_BUF_INIT(4096);
	bool fmt_set = false;
	int opt;
	enum nm_code rc;
	char *end;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "d:s:u:t:a:n:f:qvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': db = optarg; break;
		case 's': q.since = optarg; break;
		case 'u': q.until = optarg; break;
		case 't': q.type = optarg; break;
		case 'a': q.asset = optarg; break;
		case 'n':
			q.limit = strtoul(optarg, &end, 10);
			if (*end || !*optarg || optarg[0] == '-' || q.limit == 0 || q.limit > 100000) {
				nm_log(NM_LOG_ERROR, "--limit takes a count from 1 to 100000, not '%s'", optarg);
				return EX_USAGE_;
			}
			break;
		case 'f':
			if (!nm_fmt_parse(optarg, 1u << NM_FMT_JSONL | 1u << NM_FMT_CSV | 1u << NM_FMT_TABLE, &o.fmt))
				return EX_USAGE_;
			fmt_set = true;
			break;
		case 'h': return nm_cli_usage(search_usage, true);
		default:
			if (!nm_cli_common(opt, optarg))
				return nm_cli_usage(search_usage, false);
		}
	}
	if (optind >= argc) {
		nm_log(NM_LOG_ERROR, "search: no query");
		return nm_cli_usage(search_usage, false);
	}
	/* several words without quotes are one query */
	for (int i = optind; i < argc; i++)
		if ((i > optind && nm_buf_addch(&query, ' ')) || nm_buf_addstr(&query, argv[i])) {
			nm_log(NM_LOG_ERROR, "search: query too long");
			nm_buf_release(&query);
			return EX_USAGE_;
		}
	q.match = nm_buf_str(&query);
	if (!fmt_set)
		o.fmt = o.tty ? NM_FMT_TABLE : NM_FMT_JSONL;
	if (o.fmt == NM_FMT_TABLE && o.tty) {
		q.mark_open = "\033[1;33m";
		q.mark_close = "\033[0m";
	} else if (o.fmt == NM_FMT_TABLE) {
		q.mark_open = "[";
		q.mark_close = "]";
	}
	if ((rc = nm_corpus_open_ex(nm_cli_db_path(db), NM_CORPUS_EXISTING, &c, &err))) {
		nm_buf_release(&query);
		return nm_cli_fail(rc, &err);
	}
	if (o.fmt == NM_FMT_CSV) {
		for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
			nm_csv_field(stdout, cols[i], i == 0);
		nm_csv_end(stdout);
	}
	rc = nm_corpus_search(c, &q, print_hit, &o, &err);
	nm_corpus_close(c);
	nm_buf_release(&query);
	if (rc)
		return nm_cli_fail(rc, &err);
	return 0;
}
