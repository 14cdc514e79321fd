/*
 * corpus/json.c — the JSON text of stored records, written into a buffer reused per
 * connection.
 *
 * Why not json_dumps(): it builds a fresh strbuffer and a malloc'ed copy for every
 * record, which showed in nm_corpus_put()'s profile. json_dump_callback() is the same
 * encoder (same bytes, same NM_JSON_DUMP_FLAGS) writing through a callback, so the
 * stored text is unchanged and the buffer's memory is reused.
 */
#include "corpus/corpus_int.h"

struct sink {
	struct nm_buf *b;
	enum nm_code code;
};

static int append(const char *s, size_t n, void *arg)
{
	struct sink *k = arg;
	return (k->code = nm_buf_add(k->b, s, n)) ? -1 : 0;
}

enum nm_code nm_corpus_json(struct nm_buf *b, json_t *v)
{
	struct sink k = {b, NM_OK};
	size_t before = b->len;

	if (json_dump_callback(v, append, &k, NM_JSON_DUMP_FLAGS | JSON_ENCODE_ANY)) {
		b->len = before;
		return k.code ? k.code : NM_EINVAL;
	}
	return NM_OK;
}
