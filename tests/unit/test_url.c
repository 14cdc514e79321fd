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
#include <locale.h>
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

/* The fast paths agree with the curl_url-based functions wherever they answer. */
static void url_fast_paths(void **state)
{
	static const char *const urls[] = {
		"http://example.com/a/b.html", "https://example.com/", "http://127.0.0.1:8080/gen/1.html",
		"http://example.com:80/a", "https://example.com:443/a", "https://example.com:8443/a",
		"HTTP://example.com/a", "http://Example.com/a", "http://example.com", "http://a.b-c.d/x~y_z",
		"http://example.com/a//b", "http://example.com/a/./b", "http://example.com/a/../b",
		"http://example.com/a/.", "http://example.com/..", "http://example.com/a?b=c",
		"http://example.com/a#f", "http://u:p@example.com/a", "http://example.com/%41",
		"http://example.com/a%2fb", "http://example.com/a b", "http://127.1/a", "http://0x7f.0.0.1/a",
		"http://010.0.0.1/a", "http://256.0.0.1/a", "http://1.2.3.4.5/a", "http://1example.com/a",
		"http://example.123/a", "http://example.com:0080/a", "http://example.com:/a",
		"http://example.com:99999/a", "http://example..com/a", "http://.example.com/a",
		"http://example.com/a/.hidden/..x", "http://xn--bcher-kva.example/b", "ftp://example.com/a",
		"http://example.com/a;b", "http://example.com/a:b", "http://example.com/-._~",
	};
	static const char *const bases[] = {
		"http://example.com/dir/page.html", "https://example.com:8443/x?y#z", "http://EXAMPLE.com/",
		"http://example.com:80/", "http://u@example.com/", "http://127.0.0.1:36687/gen/17.html",
		"http://127.1/", "http://example.com", "ftp://example.com/",
	};
	static const char *const refs[] = {
		"/gen/18.html", "/", "//other.com/a", "/a//b", "/a/./b", "/a/../b", "/a?q", "/a#f",
		"/A%20B", "a.html", "/x/", "/.", "/..", "/a b", "/~user/", "",
	};
	int plain = 0, resolved = 0;
	(void)state;
	for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		char *key = NULL;
		if (!nm_url_plain(urls[i]))
			continue;
		plain++;
		assert_int_equal(nm_url_canonical(urls[i], &key, NULL), NM_OK);
		assert_string_equal(key, urls[i]);
		free(key);
	}
	for (size_t i = 0; i < sizeof(bases) / sizeof(bases[0]); i++)
		for (size_t j = 0; j < sizeof(refs) / sizeof(refs[0]); j++) {
			char *fast = NULL, *slow = NULL;
			if (!nm_url_resolve_plain(bases[i], refs[j], &fast))
				continue;
			resolved++;
			assert_int_equal(nm_url_resolve(bases[i], refs[j], &slow, NULL), NM_OK);
			assert_string_equal(fast, slow);
			free(fast);
			free(slow);
		}
	/* the common cases do take the fast path; the odd ones do not */
	assert_true(nm_url_plain("http://127.0.0.1:8080/gen/1.html"));
	assert_true(nm_url_plain("https://news.example.com/2025/11/a-story.html"));
	assert_false(nm_url_plain("http://127.1/a"));
	assert_false(nm_url_plain("http://example.com:80/a"));
	assert_false(nm_url_plain("http://example.com/a/../b"));
	assert_false(nm_url_plain("http://example.com/a?b=c"));
	assert_true(plain >= 8);
	assert_true(resolved >= 10);
}

/* An international host has one key, its ASCII (punycode) form, whatever its spelling;
 * a host that is no valid IDN stays as written. As the CLI does, in a UTF-8 locale. */
static void idn_hosts(void **state)
{
	char *s = NULL;
	(void)state;
	canon_is("http://WWW.B\xc3\xbc" "cher.DE:8080/?q=b\xc3\xbc" "cher",
		 "http://www.xn--bcher-kva.de:8080/?q=b%C3%BCcher");
	canon_is("http://www.xn--bcher-kva.de/", "http://www.xn--bcher-kva.de/");
	canon_is("https://\xe4\xbe\x8b\xe3\x81\x88.jp/p", "https://xn--r8jz45g.jp/p");
	assert_int_equal(nm_url_host("https://B\xc3\xbc" "cher.de/x", &s, NULL), NM_OK);
	assert_string_equal(s, "xn--bcher-kva.de");
	free(s);
	s = NULL;
	/* not valid IDNA (a bare combining mark starts the label): kept, not refused */
	assert_int_equal(nm_url_canonical("http://\xcc\x81x.org/", &s, NULL), NM_OK);
	assert_non_null(s);
	free(s);
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(own_cases),
		cmocka_unit_test(idn_hosts),
		cmocka_unit_test(rfc3986),
		cmocka_unit_test(canon_rate),
		cmocka_unit_test(url_fast_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
