/*
 * corpus/json.c — the JSON text of stored records, written into a buffer reused per
 * connection.
 *
 * Why not json_dumps(): it builds a fresh strbuffer and a malloc'ed copy for every
 * record; and why not json_dump_callback() either: it walks every string a code point
 * at a time, sets up a hash table per call to detect cycles and prints each integer
 * through snprintf — ~50,000 instructions per stored event, a sizeable part of storing
 * a crawled page. This encoder writes the same bytes as json_dumps(v,
 * NM_JSON_DUMP_FLAGS | JSON_ENCODE_ANY) (compact separators, keys in insertion order,
 * the same escapes, integers in decimal, reals as jansson formats them) straight into
 * the buffer. tests/unit/test_corpus_json.c compares the two on edge cases.
 */
#include "corpus/corpus_int.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

/* The escape of byte c in a JSON string, or NULL when it stands for itself. Strings in
 * jansson values are valid UTF-8 (json_string() checks), so bytes >= 0x80 pass. */
static const char *escape(unsigned char c, char tmp[8])
{
	static const char hex[] = "0123456789ABCDEF";
	switch (c) {
	case '\\': return "\\\\";
	case '"': return "\\\"";
	case '\b': return "\\b";
	case '\f': return "\\f";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	default:
		if (c >= 0x20)
			return NULL;
		memcpy(tmp, "\\u00", 4);
		tmp[4] = hex[c >> 4];
		tmp[5] = hex[c & 15];
		tmp[6] = '\0';
		return tmp;
	}
}

static enum nm_code put_string(struct nm_buf *b, const char *s, size_t n)
{
	enum nm_code code;
	size_t run = 0;

	if ((code = nm_buf_add(b, "\"", 1)))
		return code;
	for (size_t i = 0; i < n; i++) {
		char tmp[8];
		const char *e;
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		e = escape(c, tmp);
		if ((code = nm_buf_add(b, s + run, i - run)) || (code = nm_buf_add(b, e, strlen(e))))
			return code;
		run = i + 1;
	}
	if ((code = nm_buf_add(b, s + run, n - run)))
		return code;
	return nm_buf_add(b, "\"", 1);
}

static enum nm_code put_int(struct nm_buf *b, json_int_t v)
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

/* A real as jansson 2.14 writes it with JSON_REAL_PRECISION(15) (jsonp_dtostr without
 * dtoa): "%.15g", the locale's decimal point turned into '.', ".0" appended when it
 * would read as an integer, the exponent's '+' and leading zeros dropped. */
static enum nm_code put_real(struct nm_buf *b, double v)
{
	char tmp[64], *start, *end;
	const char *point = localeconv()->decimal_point;
	int len = snprintf(tmp, sizeof(tmp), "%.15g", v);

	if (len < 0 || (size_t)len >= sizeof(tmp) - 3)
		return NM_EINVAL;
	if (point && *point && *point != '.' && (start = strchr(tmp, *point)))
		*start = '.';
	if (!strchr(tmp, '.') && !strchr(tmp, 'e')) {
		memcpy(tmp + len, ".0", 3);
		len += 2;
	}
	if ((start = strchr(tmp, 'e'))) {
		start++;
		end = start + 1;
		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start) {
			memmove(start, end, (size_t)len - (size_t)(end - tmp) + 1);
			len -= (int)(end - start);
		}
	}
	return nm_buf_add(b, tmp, (size_t)len);
}

/* Depth-capped like jansson's own (which refuses cycles; ours cannot have any). */
static enum nm_code put(struct nm_buf *b, json_t *v, int depth)
{
	enum nm_code code = NM_OK;

	if (!v || depth > 2048)
		return NM_EINVAL;
	switch (json_typeof(v)) {
	case JSON_NULL:
		return nm_buf_add(b, "null", 4);
	case JSON_TRUE:
		return nm_buf_add(b, "true", 4);
	case JSON_FALSE:
		return nm_buf_add(b, "false", 5);
	case JSON_INTEGER:
		return put_int(b, json_integer_value(v));
	case JSON_REAL:
		return put_real(b, json_real_value(v));
	case JSON_STRING:
		return put_string(b, json_string_value(v), json_string_length(v));
	case JSON_ARRAY: {
		size_t n = json_array_size(v);
		if ((code = nm_buf_add(b, "[", 1)))
			return code;
		for (size_t i = 0; i < n && !code; i++)
			if (!(i && (code = nm_buf_add(b, ",", 1))))
				code = put(b, json_array_get(v, i), depth + 1);
		return code ? code : nm_buf_add(b, "]", 1);
	}
	case JSON_OBJECT: {
		bool first = true;
		if ((code = nm_buf_add(b, "{", 1)))
			return code;
		for (void *it = json_object_iter(v); it && !code; it = json_object_iter_next(v, it)) {
			if (!first && (code = nm_buf_add(b, ",", 1)))
				break;
			first = false;
			if (!(code = put_string(b, json_object_iter_key(it), json_object_iter_key_len(it))) &&
			    !(code = nm_buf_add(b, ":", 1)))
				code = put(b, json_object_iter_value(it), depth + 1);
		}
		return code ? code : nm_buf_add(b, "}", 1);
	}
	}
	return NM_EINVAL;
}

enum nm_code nm_corpus_json(struct nm_buf *b, json_t *v)
{
	size_t before = b->len;
	enum nm_code code = put(b, v, 0);

	if (code) {
		b->len = before;
		if (b->data)
			b->data[before] = '\0';
	}
	return code;
}
