/* tests/unit/test_classify_fuzz.c — the classifier's libFuzzer target, linked in to replay
 * its seeds and crash reproducers (fuzz/classify.in/, fuzz/classify.repro/) without a
 * fuzzing engine; crashes, leaks and UB show under `make asan`. Runs from the top of the
 * tree. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/unit/fuzz_replay.h"

#define LLVMFuzzerTestOneInput fuzz_classify_one
#include "fuzz/classify.c"
#undef LLVMFuzzerTestOneInput

static void replay(void **state)
{
	size_t replayed = fuzz_replay_dir("fuzz/classify.in", fuzz_classify_one, 1 << 24) +
			  fuzz_replay_dir("fuzz/classify.repro", fuzz_classify_one, 1 << 24);
	assert_true(replayed > 0);
}

static int teardown(void **state)
{
	nm_classifier_free(fz_classifiers[0]);
	nm_classifier_free(fz_classifiers[1]);
	nm_mentioner_free(fz_mentioner);
	nm_rules_free(fz_rules);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(replay),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
