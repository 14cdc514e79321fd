/*
 * cli/cmd_discover.c — `newsmine discover`: parse a feed, sitemap or page (a file or a
 * URL) and print what it points to as JSON Lines, the way the crawler would queue it.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char discover_usage[] =
	"usage: newsmine discover [--base URL] [--links] FILE|URL\n"
	"\n"
	"Parse a feed (RSS 0.9x/2.0, RSS 1.0, Atom 1.0), a sitemap (XML, index, text, Google\n"
	"News; gzip too) or an HTML page and print one JSON object per entry:\n"
	"{url,title,published,lastmod,kind}; kind is item, url, news, sitemap, feed or link.\n"
	"Dates are ISO 8601 UTC or null.\n"
	"\n"
	"  --base URL      resolve relative URLs against URL (default: the URL fetched)\n"
	"  --content-type T  the HTTP Content-Type of FILE (for its charset)\n"
	"  --links         for HTML pages, list <a href> links too (not only feeds)\n"
	"  --user-agent S  when fetching a URL\n"
	"\n"
	"Exit: 0 ok, 65 not a feed/sitemap/page, 66 missing file, 69 fetch failed.\n";

static json_t *date_json(int64_t t)
{
	char iso[21];
	if (!t)
		return json_null();
	nm_time_iso(t, iso);
	return json_string(iso);
}

static int print_entry(const struct nm_discovered *d, void *arg)
{
	json_t *o = json_object();
	(void)arg;
	json_object_set_new(o, "url", json_string(d->url));
	json_object_set_new(o, "title", d->title ? json_string(d->title) : json_null());
	json_object_set_new(o, "published", date_json(d->published));
	json_object_set_new(o, "lastmod", date_json(d->lastmod));
	json_object_set_new(o, "kind", json_string(d->kind));
	if (!json_is_string(json_object_get(o, "title"))) /* invalid UTF-8 in a title */
		json_object_set_new(o, "title", json_null());
	nm_cli_print_json(o);
	return 0;
}

int cmd_discover(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"base", required_argument, NULL, 'b'},
		{"content-type", required_argument, NULL, 'c'},
		{"links", no_argument, NULL, 'l'},
		{"user-agent", required_argument, NULL, 'A'},
		NM_CLI_COMMON_OPTS,
		{NULL, 0, NULL, 0},
	};
	const char *base = NULL, *ctype = NULL, *ua = NM_CRAWL_DEFAULT_AGENT, *src;
	struct nm_buf in = NM_BUF_INIT(NM_DISCOVER_MAX_BYTES);
	char *fetched_ct = NULL, *final = NULL;
	struct nm_err err = {0};
	bool links = false;
	enum nm_code rc;
	int opt;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "b:c:lA:qvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'b': base = optarg; break;
		case 'c': ctype = optarg; break;
		case 'l': links = true; break;
		case 'A': ua = optarg; break;
		case 'h': return nm_cli_usage(discover_usage, true);
		default:
			if (!nm_cli_common(opt, optarg))
				return nm_cli_usage(discover_usage, false);
		}
	}
	if (optind != argc - 1) {
		nm_log(NM_LOG_ERROR, "discover: give one FILE or URL");
		return nm_cli_usage(discover_usage, false);
	}
	src = argv[optind];
	if (!strncmp(src, "http://", 7) || !strncmp(src, "https://", 8)) {
		rc = nm_crawl_fetch_one(src, ua, &in, &fetched_ct, &final, NULL, &err);
		if (!base)
			base = final ? final : src;
		if (!ctype)
			ctype = fetched_ct;
	} else {
		/* read the raw bytes: discovery gunzips by content, not by file name */
		FILE *f = strcmp(src, "-") ? fopen(src, "rb") : stdin;
		rc = NM_OK;
		if (!f) {
			rc = nm_err_set(&err, NM_ENOENT, "cannot open '%s'", src);
		} else {
			char chunk[65536];
			size_t n;
			while (!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
				if (nm_buf_add(&in, chunk, n))
					rc = nm_err_set(&err, NM_ETOOBIG, "'%s': over %zu bytes", src, in.max);
			if (!rc && ferror(f))
				rc = nm_err_set(&err, NM_EIO, "cannot read '%s'", src);
			if (f != stdin)
				fclose(f);
		}
	}
	if (!rc)
		rc = nm_discover(nm_buf_str(&in), in.len, base, ctype, links, print_entry, NULL, NULL, &err);
	free(fetched_ct);
	free(final);
	nm_buf_release(&in);
	return rc ? nm_cli_fail(rc, &err) : 0;
}
