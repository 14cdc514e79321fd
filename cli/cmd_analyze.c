/*
 * cli/cmd_analyze.c — `newsmine analyze`: each input through the whole pipeline, one
 * JSON object per input on stdout. Nothing is stored.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <string.h>

static const char analyze_usage[] =
	"usage: newsmine analyze [--text] [--url URL] [--input jsonl] [--warc] FILE|- ...\n"
	"\n"
	"Analyse each input (HTML by default) and print one JSON object per input:\n"
	"{source,url,title,published,author,canonical_url,mentions,events,checks}.\n"
	"\n"
	"  --text          inputs are plain text, not HTML\n"
	"  --url URL       the page URL (resolves links and the canonical URL)\n"
	"  --input jsonl   each input holds JSON Lines with \"text\" or \"html\"\n"
	"                  (optional \"id\", \"url\"); \"id\" is echoed back\n"
	"  --warc          inputs are WARC files (plain or gzip, truncated too): each HTML\n"
	"                  response in them is analysed, with its WARC-Target-URI as URL\n"
	"  --rules DIR     load rule files from DIR instead of the compiled-in ones\n"
	"  -q, -v          less or more on stderr\n"
	"\n"
	"Exit: 0 ok, 65 bad input, 66 missing file, 78 bad rules; with several inputs the\n"
	"worst code, after processing every input.\n";

#define LINE_MAX_BYTES ((size_t)128 << 20)

static int analyze_one(const struct nm_pipeline *p, const char *source, const char *id,
		       const char *bytes, size_t len, const struct nm_extract_opts *opts)
{
	struct nm_doc *doc = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
	struct nm_err err = {0};
	enum nm_code rc;

	doc->source = nm_arena_strdup(doc->arena, source);
	doc->id = id ? nm_arena_strdup(doc->arena, id) : NULL;
	rc = nm_pipeline_run(p, doc, bytes, len, opts, &err);
	if (rc) {
		nm_log(NM_LOG_ERROR, "%s: %s", source, err.msg[0] ? err.msg : nm_strerror(rc));
		nm_doc_free(doc);
		return nm_cli_exit(rc);
	}
	nm_cli_print_json(nm_doc_json(doc));
	nm_doc_free(doc);
	return 0;
}

/* --input jsonl: "id" (string or integer) is echoed back. */
static int analyze_jsonl_doc(const struct nm_jsonl_doc *d, void *arg)
{
	const struct nm_pipeline *p = arg;
	json_t *id = json_object_get(d->obj, "id");
	const char *idstr = NULL;
	char idbuf[32];

	if (json_is_string(id)) {
		idstr = json_string_value(id);
	} else if (json_is_integer(id)) {
		snprintf(idbuf, sizeof(idbuf), "%lld", (long long)json_integer_value(id));
		idstr = idbuf;
	}
	return analyze_one(p, d->where, idstr, d->body, d->len, &d->opts);
}

/* --warc: every HTML response record of a WARC through analyze_one(). */
static int analyze_warc(const struct nm_pipeline *p, const char *path, const struct nm_extract_opts *base)
{
	struct nm_warc_reader *r;
	struct nm_warc_record rec;
	struct nm_err err = {0};
	enum nm_code rc;
	bool done = false;
	int worst = 0;

	if ((rc = nm_warc_reader_open(path, &r, &err)))
		return nm_cli_fail(rc, &err);
	while (!(rc = nm_warc_next(r, &rec, &done, &err)) && !done) {
		struct nm_extract_opts opts = *base;
		const char *ct = rec.http_content_type;
		if (strcmp(rec.type, "response") || rec.http_status < 200 || rec.http_status >= 300 ||
		    (ct && !strstr(ct, "html")))
			continue;
		opts.url = rec.target_uri;
		opts.content_type = ct;
		if (rec.truncated)
			nm_log(NM_LOG_WARN, "%s: %s: record truncated", path, rec.target_uri ? rec.target_uri : "?");
		worst = nm_cli_worse(worst, analyze_one(p, rec.target_uri ? rec.target_uri : path, NULL,
							 rec.payload, rec.payload_len, &opts));
	}
	if (rc)
		worst = nm_cli_worse(worst, nm_cli_fail(rc, &err));
	nm_warc_reader_free(r);
	return worst;
}

int cmd_analyze(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"text", no_argument, NULL, 't'},
		{"url", required_argument, NULL, 'u'},
		{"input", required_argument, NULL, 'i'},
		{"warc", no_argument, NULL, 'W'},
		NM_CLI_COMMON_OPTS,
		{NULL, 0, NULL, 0},
	};
	struct nm_extract_opts opts = {0};
	struct nm_pipeline p;
	struct nm_err err = {0};
	bool jsonl = false, warc = false;
	int opt, worst = 0;
	enum nm_code rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "tu:i:qvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 't': opts.plain_text = true; break;
		case 'u': opts.url = optarg; break;
		case 'i':
			if (strcmp(optarg, "jsonl")) {
				nm_log(NM_LOG_ERROR, "--input takes 'jsonl', not '%s'", optarg);
				return EX_USAGE_;
			}
			jsonl = true;
			break;
		case 'W': warc = true; break;
		case 'h': return nm_cli_usage(analyze_usage, true);
		default:
			if (!nm_cli_common(opt, optarg))
				return nm_cli_usage(analyze_usage, false);
		}
	}
	if (optind >= argc) {
		nm_log(NM_LOG_ERROR, "analyze: no input (give FILE or - for standard input)");
		return nm_cli_usage(analyze_usage, false);
	}
	if ((rc = nm_pipeline_open(&p, nm_cli_rules_dir, &err)))
		return nm_cli_fail(rc, &err);
	for (int i = optind; i < argc && warc; i++)
		worst = nm_cli_worse(worst, analyze_warc(&p, argv[i], &opts));
	for (int i = optind; i < argc && !warc; i++) {
		struct nm_buf in = NM_BUF_INIT(jsonl ? LINE_MAX_BYTES * 8 : NM_EXTRACT_INPUT_MAX);
		if ((rc = nm_buf_read_file(&in, argv[i], &err))) {
			worst = nm_cli_worse(worst, nm_cli_fail(rc, &err));
		} else if (jsonl) {
			worst = nm_cli_worse(worst, nm_cli_jsonl_each(argv[i], nm_buf_str(&in), in.len, &opts,
								      analyze_jsonl_doc, &p, NULL, NULL));
		} else {
			worst = nm_cli_worse(worst, analyze_one(&p, argv[i], NULL, nm_buf_str(&in), in.len, &opts));
		}
		nm_buf_release(&in);
	}
	nm_pipeline_close(&p);
	return worst;
}
