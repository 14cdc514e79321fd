/* tests/unit/test_corpus_json.c — the JSON writer of stored records (corpus/json.c) gives
 * the same bytes as json_dumps(v, NM_JSON_DUMP_FLAGS), which the stored rows always held:
 * handpicked edge cases (escapes, exponents, signed zero, big and tiny reals, nesting)
 * and a few thousand random trees. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "corpus/corpus_int.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void same(json_t *v)
{
	struct nm_buf b = NM_BUF_INIT(1 << 20);
	char *want = json_dumps(v, NM_JSON_DUMP_FLAGS | JSON_ENCODE_ANY);

	assert_non_null(want);
	assert_int_equal(nm_corpus_json(&b, v), NM_OK);
	if (strcmp(want, nm_buf_str(&b)))
		fail_msg("want %s\n got %s", want, nm_buf_str(&b));
	free(want);
	nm_buf_release(&b);
	json_decref(v);
}

static void edge_cases(void **state)
{
	static const double reals[] = {0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1.0 / 3, 4e8, -4e8, 92000.0,
				       86400.0, 177e6, 0.8, 1e14, 999999999999999.0, 1e15, -1e15, 1e16,
				       1e20, 1e100, 1e300, 1e-5, 1.5e-7, 1e-300, 5e-324, 123456789.125,
				       1.7976931348623157e308, 9007199254740993.0, 0.30000000000000004,
				       -2.5e-10, 3.14159265358979};
	static const char *const strs[] = {"", "plain", "quote\" back\\ slash/", "tab\t nl\n cr\r",
					   "\b\f", "\x01\x02\x1f\x7f", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x9a\x80",
					   "\xe2\x80\xa8 line sep", "end\\"};
	for (size_t i = 0; i < sizeof(reals) / sizeof(reals[0]); i++)
		same(json_pack("{sf}", "v", reals[i]));
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		same(json_pack("{ss}", strs[i], strs[i]));
	same(json_stringn("nul\0inside", 10));
	same(json_pack("{sIsIsI}", "a", (json_int_t)0, "b", (json_int_t)INT64_MIN, "c", (json_int_t)INT64_MAX));
	same(json_pack("{s[]s{}s[nbb]s[[[{}]]]}", "e", "o", "l", 0, 1, "deep"));
	same(json_pack("[i,f,s,n]", -7, 2.0, "x"));
}

static uint64_t rng = 0x2545F4914F6CDD1DULL;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static json_t *random_value(int depth)
{
	switch (next() % (depth > 3 ? 5 : 7)) {
	case 0: {
		char s[32];
		size_t n = next() % sizeof(s);
		for (size_t i = 0; i < n; i++)
			s[i] = (char)(next() % 0x7f + 1); /* ASCII incl. control characters */
		return json_stringn(s, n);
	}
	case 1: return json_integer((json_int_t)(next() >> (next() % 64)) * (next() % 2 ? 1 : -1));
	case 2: {
		double v;
		uint64_t bits = next();
		switch (next() % 3) {
		case 0: memcpy(&v, &bits, sizeof(v)); break;                  /* any double */
		case 1: v = (double)(int64_t)(bits % 2000000000000000ULL) - 1e15; break; /* whole */
		default: v = (double)(bits % 1000000) / 1000.0; break;        /* money-like */
		}
		return isfinite(v) ? json_real(v) : json_null();
	}
	case 3: return json_boolean(next() % 2);
	case 4: return json_null();
	case 5: {
		json_t *a = json_array();
		for (unsigned n = next() % 5; n; n--)
			json_array_append_new(a, random_value(depth + 1));
		return a;
	}
	default: {
		json_t *o = json_object();
		for (unsigned n = next() % 6; n; n--) {
			char key[16];
			snprintf(key, sizeof(key), "k%u\t\"%u", (unsigned)(next() % 100), n);
			json_object_set_new(o, key, random_value(depth + 1));
		}
		return o;
	}
	}
}

static void random_trees(void **state)
{
	for (int i = 0; i < 3000; i++)
		same(random_value(0));
}

static void grows_and_refuses_past_max(void **state)
{
	struct nm_buf b = NM_BUF_INIT(16);
	json_t *v = json_pack("{ss}", "key", "a value longer than sixteen bytes");
	assert_int_equal(nm_corpus_json(&b, v), NM_ETOOBIG);
	json_decref(v);
	nm_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(edge_cases),
		cmocka_unit_test(random_trees),
		cmocka_unit_test(grows_and_refuses_past_max),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
