/* tests/unit/test_url.c — base/ URLs: resolution (RFC 3986 5.4 in full, from
 * $SHARED/eval/crawler/rfc3986_resolution.jsonl, plus our own hazards) and the
 * canonical dedup form (pass rate on url_canon_cases.jsonl reported, not required:
 * its sets disagree with each other, e.g. w3lib sorts the query, we keep its order). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "base/base.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void resolve_is(const char *base, const char *ref, const char *want)
{
	char *s = NULL;
	assert_int_equal(nm_url_resolve(base, ref, &s, NULL), NM_OK);
	assert_string_equal(s, want);
	free(s);
}

static void canon_is(const char *in, const char *want)
{
	char *s = NULL;
	assert_int_equal(nm_url_canonical(in, &s, NULL), NM_OK);
	assert_string_equal(s, want);
	free(s);
}

static void own_cases(void **state)
{
	const char *b = "http://a/b/c/d;p?q";
	resolve_is(b, "", "http://a/b/c/d;p?q");
	resolve_is(b, "#s", "http://a/b/c/d;p?q#s");
	resolve_is(b, "  ../g\n", "http://a/b/g");
	resolve_is(b, "g\th", "http://a/b/c/gh");
	resolve_is("http://a/b/c", "\\x\\y", "http://a/x/y");
	resolve_is(b, "//g", "http://g/");
	canon_is("HTTP://Example.COM:80/a/./b/../c?utm_source=x&id=2&fbclid=y#frag",
		 "http://example.com/a/c?id=2");
	canon_is("https://x.org/%7euser//a%2fb/%c3%a9?q=%41&gclid=1&&z",
		 "https://x.org/~user/a%2Fb/%C3%A9?q=A&z");
	canon_is("http://user:pw@x.org:8080", "http://x.org:8080/");
	canon_is("http://x.org/a b?c=d e", "http://x.org/a%20b?c=d+e");
	canon_is("http://x.org/?utm_medium=a", "http://x.org/");
	/* controls inside are escaped, not refused; a stray '%' in the host is refused */
	canon_is("http://x.org/a\x01" "b\x7f", "http://x.org/a%01b%7F");
	{
		char *s = NULL;
		assert_int_equal(nm_url_canonical("https://example%2Xcom/", &s, NULL), NM_EPARSE);
		assert_null(s);
	}
}

static FILE *open_shared(const char *rel)
{
	const char *shared = getenv("SHARED");
	char path[4096];
	snprintf(path, sizeof(path), "%s/eval/crawler/%s", shared ? shared : "../shared", rel);
	return fopen(path, "r");
}

static void rfc3986(void **state)
{
	FILE *f = open_shared("rfc3986_resolution.jsonl");
	char *line = NULL;
	size_t cap = 0, n = 0, pass = 0;

	if (!f) {
		print_message("skip: $SHARED/eval/crawler/rfc3986_resolution.jsonl not found\n");
		skip();
	}
	while (getline(&line, &cap, f) > 0) {
		json_t *o = json_loads(line, 0, NULL);
		const char *want = json_string_value(json_object_get(o, "expected"));
		char *got = NULL;
		n++;
		if (nm_url_resolve(json_string_value(json_object_get(o, "base")),
				   json_string_value(json_object_get(o, "input")), &got, NULL) == NM_OK &&
		    (!strcmp(got, want) ||
		     /* "//g" gives "http://g/": the same URL (an empty path is "/" for http) */
		     (strlen(got) == strlen(want) + 1 && !strncmp(got, want, strlen(want)) &&
		      got[strlen(want)] == '/')))
			pass++;
		else
			print_message("FAIL %s: '%s' -> '%s', want '%s'\n",
				      json_string_value(json_object_get(o, "source")),
				      json_string_value(json_object_get(o, "input")), got ? got : "(error)",
				      want);
		free(got);
		json_decref(o);
	}
	free(line);
	fclose(f);
	print_message("rfc3986_resolution: %zu/%zu pass\n", pass, n);
	assert_true(n > 0);
	assert_int_equal(pass, n);
}

static void canon_rate(void **state)
{
	FILE *f = open_shared("url_canon_cases.jsonl");
	char *line = NULL;
	size_t cap = 0;
	struct {
		char set[64];
		size_t n, pass;
	} sets[8] = {0};
	size_t nsets = 0, n = 0, pass = 0;

	if (!f)
		skip();
	while (getline(&line, &cap, f) > 0) {
		json_t *o = json_loads(line, 0, NULL);
		const char *set = json_string_value(json_object_get(o, "set"));
		const char *in = json_string_value(json_object_get(o, "input"));
		json_t *exp = json_object_get(o, "expected");
		char *got = NULL;
		bool ok;
		size_t i;
		if (!in || json_object_get(o, "options")) { /* options select other behaviours */
			json_decref(o);
			continue;
		}
		if (nm_url_canonical(in, &got, NULL) != NM_OK)
			ok = json_is_null(exp);
		else
			ok = json_is_string(exp) && !strcmp(got, json_string_value(exp));
		free(got);
		for (i = 0; i < nsets && strcmp(sets[i].set, set); i++)
			;
		if (i == nsets && nsets < 8)
			snprintf(sets[nsets++].set, sizeof(sets[0].set), "%s", set);
		if (i < 8) {
			sets[i].n++;
			sets[i].pass += ok;
		}
		n++;
		pass += ok;
		json_decref(o);
	}
	free(line);
	fclose(f);
	for (size_t i = 0; i < nsets; i++)
		print_message("url_canon_cases %s: %zu/%zu\n", sets[i].set, sets[i].pass, sets[i].n);
	print_message("url_canon_cases (no options): %zu/%zu pass\n", pass, n);
	assert_true(n > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(own_cases),
		cmocka_unit_test(rfc3986),
		cmocka_unit_test(canon_rate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
