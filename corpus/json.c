/*
 * corpus/json.c — the JSON text of stored records, written straight into a reused buffer.
 *
 * Why: json_dumps() was ~30% of nm_corpus_put() (a strbuffer per call, a callback per
 * token, a UTF-8 decode per character, a printf per number). This writer gives the same
 * bytes as json_dumps(v, NM_JSON_DUMP_FLAGS) — what the stored rows always held, and what
 * tests/unit/test_corpus.c compares it with — at a fraction of the cost.
 */
#include "corpus/corpus_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static enum nm_code put_string(struct nm_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *run = s, *end = s + n;
	enum nm_code code;

	if ((code = nm_buf_grow(b, n + 2)))
		return code;
	b->data[b->len++] = '"';
	for (const char *p = s; p < end; p++) {
		unsigned char ch = (unsigned char)*p;
		char esc[6];
		size_t k;
		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		switch (ch) {
		case '"': esc[0] = '\\'; esc[1] = '"'; k = 2; break;
		case '\\': esc[0] = '\\'; esc[1] = '\\'; k = 2; break;
		case '\b': esc[0] = '\\'; esc[1] = 'b'; k = 2; break;
		case '\f': esc[0] = '\\'; esc[1] = 'f'; k = 2; break;
		case '\n': esc[0] = '\\'; esc[1] = 'n'; k = 2; break;
		case '\r': esc[0] = '\\'; esc[1] = 'r'; k = 2; break;
		case '\t': esc[0] = '\\'; esc[1] = 't'; k = 2; break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[ch >> 4];
			esc[5] = hex[ch & 15];
			k = 6;
		}
		if ((code = nm_buf_add(b, run, (size_t)(p - run))) || (code = nm_buf_add(b, esc, k)))
			return code;
		run = p + 1;
	}
	if ((code = nm_buf_add(b, run, (size_t)(end - run))))
		return code;
	return nm_buf_addch(b, '"');
}

static enum nm_code put_int(struct nm_buf *b, long long v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	return nm_buf_add(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

/* As jansson writes a real with JSON_REAL_PRECISION(15): "%.15g", ".0" appended when
 * neither '.' nor 'e' shows, no '+' and no leading zeros in the exponent. */
static enum nm_code put_real(struct nm_buf *b, double v)
{
	char tmp[64], *e;
	int n;
	enum nm_code code;

	/* whole numbers below 1e15 print as their digits: the common case, without printf */
	if (v > -1e15 && v < 1e15 && v == (double)(long long)v && !(v == 0 && signbit(v))) {
		if ((code = put_int(b, (long long)v)))
			return code;
		return nm_buf_add(b, ".0", 2);
	}
	n = snprintf(tmp, sizeof(tmp) - 3, "%.15g", v);
	if (n < 0 || (size_t)n >= sizeof(tmp) - 3)
		return NM_EINVAL;
	if (!strchr(tmp, '.') && !strchr(tmp, 'e')) {
		memcpy(tmp + n, ".0", 3);
		n += 2;
	}
	if ((e = strchr(tmp, 'e'))) {
		char *from = e + 1, *to = e + 1;
		if (*from == '-')
			from++, to++;
		else if (*from == '+')
			from++;
		while (*from == '0' && from[1])
			from++;
		memmove(to, from, strlen(from) + 1);
		n = (int)strlen(tmp);
	}
	return nm_buf_add(b, tmp, (size_t)n);
}

enum nm_code nm_corpus_json(struct nm_buf *b, json_t *v)
{
	enum nm_code code = NM_OK;

	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *key;
		json_t *val;
		bool first = true;
		if ((code = nm_buf_addch(b, '{')))
			return code;
		json_object_foreach(v, key, val) {
			if ((!first && (code = nm_buf_addch(b, ','))) ||
			    (code = put_string(b, key, strlen(key))) || (code = nm_buf_addch(b, ':')) ||
			    (code = nm_corpus_json(b, val)))
				return code;
			first = false;
		}
		return nm_buf_addch(b, '}');
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *val;
		if ((code = nm_buf_addch(b, '[')))
			return code;
		json_array_foreach(v, i, val) {
			if ((i && (code = nm_buf_addch(b, ','))) || (code = nm_corpus_json(b, val)))
				return code;
		}
		return nm_buf_addch(b, ']');
	}
	case JSON_STRING:
		return put_string(b, json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		return put_int(b, (long long)json_integer_value(v));
	case JSON_REAL:
		return put_real(b, json_real_value(v));
	case JSON_TRUE:
		return nm_buf_add(b, "true", 4);
	case JSON_FALSE:
		return nm_buf_add(b, "false", 5);
	case JSON_NULL:
		return nm_buf_add(b, "null", 4);
	}
	return NM_EINVAL;
}
