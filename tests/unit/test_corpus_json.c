/* tests/unit/test_corpus_json.c — stored records' JSON text (corpus/json.c, jansson's
 * encoder writing into a reused buffer) is the same bytes as json_dumps(v,
 * NM_JSON_DUMP_FLAGS), which the stored rows always held: escapes, exponents, signed
 * zero, big and tiny reals, nesting; and a record over the buffer's cap is refused. */
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
		cmocka_unit_test(grows_and_refuses_past_max),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
