/*
 * cli/cmd_extract.c — `newsmine extract`: the article alone (main text or JSON record).
 */
#include "cli/cli.h"

#include <jansson.h>
#include <string.h>

static const char extract_usage[] =
	"usage: newsmine extract [--format text|json] [--text] [--url URL] FILE|-\n"
	"\n"
	"Print the main text of a page (text, the default) or its article record (json:\n"
	"title, published, modified, author, canonical_url, site, language, text).\n"
	"FILE may be gzip-compressed (.gz).\n";

int cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"url", required_argument, NULL, 'u'},
		{"text", no_argument, NULL, 't'},
		NM_CLI_COMMON_OPTS,
		{NULL, 0, NULL, 0},
	};
	struct nm_extract_opts opts = {0};
	struct nm_buf in = NM_BUF_INIT(NM_EXTRACT_INPUT_MAX);
	struct nm_err err = {0};
	struct nm_doc *doc;
	bool json = false;
	int opt;
	enum nm_code rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "f:u:tqvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			if (!strcmp(optarg, "json"))
				json = true;
			else if (strcmp(optarg, "text")) {
				nm_log(NM_LOG_ERROR, "--format takes text or json, not '%s'", optarg);
				return EX_USAGE_;
			}
			break;
		case 'u': opts.url = optarg; break;
		case 't': opts.plain_text = true; break;
		case 'h': return nm_cli_usage(extract_usage, true);
		default:
			if (!nm_cli_common(opt, optarg))
				return nm_cli_usage(extract_usage, false);
		}
	}
	if (optind != argc - 1) {
		nm_log(NM_LOG_ERROR, "extract: give exactly one FILE (or -)");
		return nm_cli_usage(extract_usage, false);
	}
	if ((rc = nm_buf_read_file(&in, argv[optind], &err)))
		return nm_cli_fail(rc, &err);
	doc = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
	doc->source = nm_arena_strdup(doc->arena, argv[optind]);
	rc = nm_extract_article(doc, nm_buf_str(&in), in.len, &opts, &err);
	nm_buf_release(&in);
	if (rc) {
		nm_doc_free(doc);
		return nm_cli_fail(rc, &err);
	}
	if (json) {
		json_t *o = json_object();
		json_object_set_new(o, "source", json_string(doc->source));
		json_object_set_new(o, "url", doc->url ? json_string(doc->url) : json_null());
		json_object_set_new(o, "title", doc->title ? json_string(doc->title) : json_null());
		json_object_set_new(o, "published", doc->published ? json_string(doc->published) : json_null());
		json_object_set_new(o, "modified", doc->modified ? json_string(doc->modified) : json_null());
		json_object_set_new(o, "author", doc->author ? json_string(doc->author) : json_null());
		json_object_set_new(o, "canonical_url", doc->canonical_url ? json_string(doc->canonical_url) : json_null());
		json_object_set_new(o, "site", doc->site ? json_string(doc->site) : json_null());
		json_object_set_new(o, "language", doc->language ? json_string(doc->language) : json_null());
		json_object_set_new(o, "page_type", json_string(nm_page_type_name(doc->page_type)));
		json_object_set_new(o, "text", json_stringn(doc->text, doc->text_len));
		nm_cli_print_json(o);
	} else {
		fwrite(doc->text, 1, doc->text_len, stdout);
		if (doc->text_len && doc->text[doc->text_len - 1] != '\n')
			fputc('\n', stdout);
	}
	nm_doc_free(doc);
	return 0;
}
