/* tests/unit/test_classify_fuzz.c — the classifier's libFuzzer target, linked in to replay
 * its seeds and crash reproducers (fuzz/classify.in/, fuzz/classify.repro/) without a
 * fuzzing engine; crashes, leaks and UB show under `make asan`. Runs from the top of the
 * tree. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>

#define LLVMFuzzerTestOneInput fuzz_classify_one
#include "fuzz/classify.c"
#undef LLVMFuzzerTestOneInput

static void replay(void **state)
{
	static const char *const dirs[] = {"fuzz/classify.in", "fuzz/classify.repro", NULL};
	size_t replayed = 0;
	for (int i = 0; dirs[i]; i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *e;
		if (!d)
			continue;
		while ((e = readdir(d))) {
			char path[1024];
			struct nm_buf b = NM_BUF_INIT(1 << 24);
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", dirs[i], e->d_name);
			assert_int_equal(nm_buf_read_file(&b, path, NULL), NM_OK);
			fuzz_classify_one((const uint8_t *)nm_buf_str(&b), b.len);
			nm_buf_release(&b);
			replayed++;
		}
		closedir(d);
	}
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
