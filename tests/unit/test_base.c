/* tests/unit/test_base.c — base/ through its public header: buffer caps, arena budget,
 * UTF-8 repair, URLs, rule files, the record's JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "base/base.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void buf_cap_boundaries(void **state)
{
	struct nm_buf b = NM_BUF_INIT(8);
	assert_int_equal(nm_buf_add(&b, "", 0), NM_OK);          /* 0 */
	assert_string_equal(nm_buf_str(&b), "");
	assert_int_equal(nm_buf_add(&b, "a", 1), NM_OK);         /* 1 */
	assert_int_equal(nm_buf_add(&b, "bcdefg", 6), NM_OK);    /* cap-1 = 7 */
	assert_int_equal(b.len, 7);
	assert_int_equal(nm_buf_add(&b, "h", 1), NM_OK);         /* cap = 8 */
	assert_int_equal(nm_buf_add(&b, "i", 1), NM_ETOOBIG);    /* cap+1 fails ... */
	assert_int_equal(b.len, 8);                              /* ... and changes nothing */
	assert_string_equal(nm_buf_str(&b), "abcdefgh");
	assert_int_equal(nm_buf_printf(&b, "%d", 1), NM_ETOOBIG);
	size_t len;
	char *p = nm_buf_take(&b, &len);
	assert_int_equal(len, 8);
	assert_null(b.data);
	free(p);
	assert_int_equal(nm_buf_add(&b, "\0x", 2), NM_OK);        /* any bytes, still terminated */
	assert_int_equal(b.len, 2);
	assert_int_equal(b.data[2], '\0');
	nm_buf_release(&b);
	struct nm_buf z = NM_BUF_INIT(0);
	assert_int_equal(nm_buf_add(&z, "a", 1), NM_ETOOBIG);
	assert_int_equal(nm_buf_add(&z, "", 0), NM_OK);
	nm_buf_release(&z);
}

static void arena_budget(void **state)
{
	struct nm_arena *a = nm_arena_new(64);
	assert_non_null(nm_arena_alloc(a, 0));
	assert_non_null(nm_arena_alloc(a, 32));
	assert_null(nm_arena_alloc(a, 64));   /* over the budget */
	assert_null(nm_arena_alloc(a, SIZE_MAX));
	assert_non_null(nm_arena_strdup(a, "x"));
	nm_arena_free(a);
	nm_arena_free(NULL);

	a = nm_arena_new((size_t)1 << 30);
	void *arr = NULL;
	size_t cap = 0;
	for (size_t n = 1; n <= 1000; n++) {
		assert_int_equal(nm_arena_reserve(a, &arr, &cap, n, sizeof(int)), NM_OK);
		((int *)arr)[n - 1] = (int)n;
	}
	assert_int_equal(((int *)arr)[999], 1000);
	assert_int_equal(((int *)arr)[0], 1);
	nm_arena_free(a);
}

static void utf8_repair(void **state)
{
	struct nm_buf b = NM_BUF_INIT(100);
	assert_int_equal(nm_utf8_repair(&b, "a\xff" "b\0c\xe2\x80\x93", 8), NM_OK);
	assert_string_equal(nm_buf_str(&b), "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xe2\x80\x93");
	assert_true(nm_utf8_valid(b.data, b.len));
	nm_buf_reset(&b);
	/* overlong, surrogate, truncated */
	assert_int_equal(nm_utf8_repair(&b, "\xc0\xaf\xed\xa0\x80\xe2\x80", 7), NM_OK);
	assert_true(nm_utf8_valid(b.data, b.len));
	assert_false(nm_utf8_valid("\xc0\xaf", 2));
	nm_buf_release(&b);
	struct nm_buf small = NM_BUF_INIT(3);
	assert_int_equal(nm_utf8_repair(&small, "ab\xff", 3), NM_ETOOBIG);
	assert_int_equal(small.len, 0);
	nm_buf_release(&small);
}

static void urls(void **state)
{
	char *s = NULL;
	assert_int_equal(nm_url_resolve("http://a/b/c/d;p?q", "../g", &s, NULL), NM_OK);
	assert_string_equal(s, "http://a/b/g");
	free(s);
	assert_int_equal(nm_url_resolve("http://a/b/c/d;p?q", "", &s, NULL), NM_OK);
	assert_string_equal(s, "http://a/b/c/d;p?q");
	free(s);
	assert_int_equal(nm_url_canonical("HTTP://Example.COM:80/a/./b/../c?utm_source=x&id=2&fbclid=y#frag", &s, NULL), NM_OK);
	assert_string_equal(s, "http://example.com/a/c?id=2");
	free(s);
	assert_int_equal(nm_url_host("https://News.Example.org/x", &s, NULL), NM_OK);
	assert_string_equal(s, "news.example.org");
	free(s);
	struct nm_err err = {0};
	assert_int_equal(nm_url_canonical("http://[::1", &s, &err), NM_EPARSE);
	assert_non_null(strstr(err.msg, "bad URL"));
}

static void rules_files(void **state)
{
	static const struct nm_rule_source src[] = {
		{"a.rules", "# comment\n\nasset BTC Bitcoin\ninclude b.inc.rules\nmoney \\\n  continued here\n"},
		{"b.inc.rules", "asset ETH Ether\n"},
		{NULL, NULL},
	};
	static const struct nm_rule_source bad[] = {{"x.rules", "include nowhere.rules\n"}, {NULL, NULL}};
	struct nm_rules *r;
	struct nm_err err = {0};
	assert_int_equal(nm_rules_load_sources(src, &r, &err), NM_OK);
	assert_int_equal(nm_rules_count(r), 3);
	assert_string_equal(nm_rules_line(r, 0)->rest, "BTC Bitcoin");
	assert_string_equal(nm_rules_line(r, 1)->file, "b.inc.rules");
	assert_string_equal(nm_rules_line(r, 2)->rest, "continued here");
	assert_int_equal(nm_rules_line(r, 2)->line, 5);
	assert_null(nm_rules_line(r, 3));
	nm_rules_free(r);
	assert_int_equal(nm_rules_load_sources(bad, &r, &err), NM_ECONFIG);
	assert_string_equal(err.msg, "x.rules:1: include: no rule file 'nowhere.rules'");
	assert_int_equal(nm_rules_load("/nonexistent/dir", &r, &err), NM_ENOENT);
	assert_int_equal(nm_rules_load(NULL, &r, &err), NM_OK); /* compiled-in defaults load */
	nm_rules_free(r);
}

static void doc_json(void **state)
{
	struct nm_doc *doc = nm_doc_new(1 << 20);
	struct nm_mention m;
	assert_int_equal(nm_doc_set_text(doc, "over $400 million\xff", 18), NM_OK);
	assert_true(nm_utf8_valid(doc->text, doc->text_len));
	nm_mention_init(&m, NM_MENTION_MONEY, 0, 17);
	m.value = 400e6;
	m.qualifier = NM_QUAL_AT_LEAST;
	snprintf(m.currency, sizeof(m.currency), "USD");
	assert_int_equal(nm_doc_add_mention(doc, &m), NM_OK);
	json_t *o = nm_doc_json(doc);
	json_t *jm = json_array_get(json_object_get(o, "mentions"), 0);
	assert_string_equal(json_string_value(json_object_get(jm, "text")), "over $400 million");
	assert_int_equal(json_integer_value(json_object_get(jm, "value")), 400000000);
	assert_string_equal(json_string_value(json_object_get(jm, "qualifier")), "at_least");
	assert_true(json_is_null(json_object_get(jm, "asset")));
	json_decref(o);

	struct nm_event e1, e2;
	nm_event_init(&e1, "rejection", "BTC");
	nm_event_init(&e2, "rejection", "BTC");
	doc->canonical_url = "https://example.com/a";
	nm_event_set_id(&e1, doc);
	nm_event_set_id(&e2, doc);
	assert_string_equal(e1.id, e2.id); /* stable */
	nm_event_init(&e2, "rejection", "ETH");
	nm_event_set_id(&e2, doc);
	assert_string_not_equal(e1.id, e2.id);
	nm_doc_free(doc);

	struct nm_doc *tiny = nm_doc_new(sizeof(struct nm_doc) + 16);
	assert_non_null(tiny);
	assert_int_equal(nm_doc_set_text(tiny, "this text is longer than the budget allows, surely", 51), NM_ETOOBIG);
	nm_doc_free(tiny);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_cap_boundaries),
		cmocka_unit_test(arena_budget),
		cmocka_unit_test(utf8_repair),
		cmocka_unit_test(urls),
		cmocka_unit_test(rules_files),
		cmocka_unit_test(doc_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
