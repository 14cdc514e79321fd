/*
 * cli/jsonl.c — `--input jsonl`: one document a line, read once for every subcommand
 * that takes it (analyze, ingest).
 */
#include "cli/cli.h"

#include <jansson.h>
#include <string.h>

int nm_cli_jsonl_each(const char *source, const char *data, size_t len,
		      const struct nm_extract_opts *base,
		      int (*fn)(const struct nm_jsonl_doc *d, void *arg), void *arg,
		      const bool *stop, size_t *bad)
{
	int worst = 0;
	size_t lineno = 0;
	const char *s = data, *end = data + len;

	while (s < end && !(stop && *stop)) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		char where[600];
		json_error_t jerr;
		json_t *o, *url, *text, *html;
		struct nm_jsonl_doc d;

		lineno++;
		if (n == 0 || (n == 1 && s[0] == '\r')) {
			s += n + 1;
			continue;
		}
		snprintf(where, sizeof(where), "%s:%zu", source, lineno);
		o = json_loadb(s, n, JSON_REJECT_DUPLICATES, &jerr);
		s += n + 1;
		if (!o || !json_is_object(o)) {
			nm_log(NM_LOG_ERROR, "%s: not a JSON object: %s", where, o ? "wrong type" : jerr.text);
			json_decref(o);
			if (bad)
				(*bad)++;
			worst = nm_cli_worse(worst, EX_DATAERR_);
			continue;
		}
		url = json_object_get(o, "url");
		text = json_object_get(o, "text");
		html = json_object_get(o, "html");
		if (!json_is_string(text) && !json_is_string(html)) {
			nm_log(NM_LOG_ERROR, "%s: no \"text\" or \"html\" string", where);
			json_decref(o);
			if (bad)
				(*bad)++;
			worst = nm_cli_worse(worst, EX_DATAERR_);
			continue;
		}
		d.where = where;
		d.obj = o;
		d.opts = *base;
		if (json_is_string(url))
			d.opts.url = json_string_value(url);
		d.opts.plain_text = json_is_string(text);
		d.body = json_string_value(d.opts.plain_text ? text : html);
		d.len = json_string_length(d.opts.plain_text ? text : html);
		worst = nm_cli_worse(worst, fn(&d, arg));
		json_decref(o);
	}
	return worst;
}
