/* tests/unit/test_crawler_robots.c — robots.txt (RFC 9309) through crawler.h: our own
 * cases, then every non-Google-only case of $SHARED/eval/crawler/robots_cases.jsonl and
 * the path/escape helpers against robots_aux_cases.jsonl. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "crawler/crawler.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool allowed(const char *txt, const char *agent, const char *url)
{
	struct nm_robots *r;
	bool ok;
	assert_int_equal(nm_robots_parse(txt, strlen(txt), &r, NULL), NM_OK);
	ok = nm_robots_allowed(r, agent, url, NULL);
	nm_robots_free(r);
	return ok;
}

static void own_cases(void **state)
{
	const char *t = "User-agent: *\nDisallow: /private\nAllow: /private/ok\nCrawl-delay: 2.5\n"
			"Sitemap: http://x/sitemap.xml\n\nUser-agent: NewsMine\nDisallow: /nm$\n";
	struct nm_robots *r;
	struct nm_robots_match m;

	assert_false(allowed(t, "Other", "http://x/private/a"));
	assert_true(allowed(t, "Other", "http://x/private/ok/1"));
	assert_true(allowed(t, "newsmine/1.0 (+http://x)", "http://x/private/a")); /* own group only */
	assert_false(allowed(t, "NewsMine", "http://x/nm"));
	assert_true(allowed(t, "NewsMine", "http://x/nm/"));
	assert_int_equal(nm_robots_parse(t, strlen(t), &r, NULL), NM_OK);
	assert_true(nm_robots_crawl_delay(r, "Other") == 2.5);
	assert_true(nm_robots_crawl_delay(r, "NewsMine") < 0);
	assert_int_equal(nm_robots_sitemap_count(r), 1);
	assert_string_equal(nm_robots_sitemap(r, 0), "http://x/sitemap.xml");
	assert_false(nm_robots_allowed(r, "Other", "http://x/private", &m));
	assert_int_equal(m.line, 2);
	assert_string_equal(m.pattern, "/private");
	nm_robots_free(r);
	/* CR and CRLF line ends, BOM, comments */
	assert_false(allowed("\xEF\xBB\xBFUser-agent: a\r\nDisallow: /x # c\r\n", "a", "http://h/x"));
	assert_false(allowed("User-agent: a\rDisallow: /x\r", "a", "http://h/x"));
	/* empty file, empty disallow */
	assert_true(allowed("", "a", "http://h/"));
	assert_true(allowed("User-agent: *\nDisallow:\n", "a", "http://h/x"));
	/* fixed answers */
	r = nm_robots_fixed(false);
	assert_false(nm_robots_allowed(r, "a", "http://h/", NULL));
	nm_robots_free(r);
	/* the 500 KiB cap: a rule past it is not read */
	{
		size_t n = NM_ROBOTS_MAX_BYTES + 100;
		char *big = malloc(n + 64);
		memset(big, '#', n);
		memcpy(big, "User-agent: *\n#", 15);
		big[n - 1] = '\n';
		strcpy(big + n, "Disallow: /\n");
		assert_true(allowed(big, "a", "http://h/x"));
		memcpy(big + 20, "\nDisallow: /\n", 13);
		assert_false(allowed(big, "a", "http://h/x"));
		free(big);
	}
}

static FILE *open_shared(const char *rel)
{
	const char *shared = getenv("SHARED");
	char path[4096];
	if (!shared)
		shared = "../shared";
	snprintf(path, sizeof(path), "%s/eval/crawler/%s", shared, rel);
	return fopen(path, "r");
}

static void conformance(void **state)
{
	FILE *f = open_shared("robots_cases.jsonl");
	char *line = NULL;
	size_t cap = 0, total = 0, pass = 0, google = 0, gpass = 0;

	if (!f) {
		print_message("skip: $SHARED/eval/crawler/robots_cases.jsonl not found\n");
		skip();
	}
	while (getline(&line, &cap, f) > 0) {
		json_t *o = json_loads(line, 0, NULL);
		const char *name = json_string_value(json_object_get(o, "name"));
		bool gonly = json_is_true(json_object_get(o, "google_only")) ||
			     !strcmp(name, "ID_LineSyntax_Line#3");
		bool want = json_is_true(json_object_get(o, "allowed"));
		bool got = allowed(json_string_value(json_object_get(o, "robots_txt")),
				   json_string_value(json_object_get(o, "user_agent")),
				   json_string_value(json_object_get(o, "url")));
		if (gonly) {
			google++;
			gpass += got == want;
		} else {
			total++;
			if (got == want)
				pass++;
			else
				print_message("FAIL %s\n", name);
		}
		json_decref(o);
	}
	free(line);
	fclose(f);
	print_message("robots_cases: %zu/%zu non-Google-only pass (Google-only: %zu/%zu)\n", pass,
		      total, gpass, google);
	assert_true(total > 0);
	assert_int_equal(pass, total);
}

static void aux(void **state)
{
	FILE *f = open_shared("robots_aux_cases.jsonl");
	char *line = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		skip();
	while (getline(&line, &cap, f) > 0) {
		json_t *o = json_loads(line, 0, NULL);
		const char *kind = json_string_value(json_object_get(o, "kind"));
		const char *want = json_string_value(json_object_get(o, "expected"));
		char *got = NULL;
		if (!strcmp(kind, "path_params_query")) {
			got = nm_robots_path(json_string_value(json_object_get(o, "url")));
		} else if (!strcmp(kind, "escape_pattern")) {
			const char *in = json_string_value(json_object_get(o, "input"));
			got = nm_robots_escape(in, strlen(in));
		} else if (!strcmp(kind, "parse") && json_is_string(json_object_get(o, "robots_txt"))) {
			const char *t = json_string_value(json_object_get(o, "robots_txt"));
			struct nm_robots *r;
			assert_int_equal(nm_robots_parse(t, strlen(t), &r, NULL), NM_OK);
			json_t *sm = json_object_get(o, "sitemap");
			if (json_is_string(sm) && json_string_length(sm)) {
				assert_true(nm_robots_sitemap_count(r) >= 1);
				assert_string_equal(nm_robots_sitemap(r, 0), json_string_value(sm));
			}
			nm_robots_free(r);
		}
		if (got) {
			if (strcmp(got, want))
				print_message("FAIL %s: got '%s' want '%s'\n",
					      json_string_value(json_object_get(o, "name")), got, want);
			assert_string_equal(got, want);
			free(got);
			n++;
		}
		json_decref(o);
	}
	free(line);
	fclose(f);
	assert_true(n > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(own_cases),
		cmocka_unit_test(conformance),
		cmocka_unit_test(aux),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
