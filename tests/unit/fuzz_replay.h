/* tests/unit/fuzz_replay.h — replay a libFuzzer target's seeds and crash reproducers
 * without a fuzzing engine: every file of each directory (skipping dot files) through
 * fn. Include after cmocka.h; runs from the top of the tree. Returns the files replayed. */
#ifndef NM_TESTS_FUZZ_REPLAY_H
#define NM_TESTS_FUZZ_REPLAY_H

#include "base/base.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>

static inline size_t fuzz_replay_dir(const char *dir, int (*fn)(const uint8_t *, size_t),
				     size_t max_bytes)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t replayed = 0;
	if (!d)
		return 0; /* a clone has no empty directory */
	while ((e = readdir(d))) {
		char path[1024];
		struct nm_buf b = NM_BUF_INIT(max_bytes);
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		assert_int_equal(nm_buf_read_file(&b, path, NULL), NM_OK);
		fn((const uint8_t *)nm_buf_str(&b), b.len);
		nm_buf_release(&b);
		replayed++;
	}
	closedir(d);
	return replayed;
}

#endif
