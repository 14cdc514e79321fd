/*
 * base/utf8.c — UTF-8 decoding and repair. Text is repaired once, before any offset
 * is taken, so every byte offset downstream points into valid UTF-8.
 */
#include "base/base.h"

size_t nm_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	size_t len;

	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] < 0xC2)
		return 0; /* continuation byte or overlong 2-byte lead */
	if (u[0] < 0xE0) {
		len = 2;
		c = u[0] & 0x1F;
	} else if (u[0] < 0xF0) {
		len = 3;
		c = u[0] & 0x0F;
	} else if (u[0] < 0xF5) {
		len = 4;
		c = u[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

size_t nm_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool nm_utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k;
		if ((unsigned char)s[i] < 0x80) {
			if (s[i] == '\0')
				return false;
			i++;
			continue;
		}
		k = nm_utf8_decode(s + i, n - i, &cp);
		if (!k)
			return false;
		i += k;
	}
	return true;
}

enum nm_code nm_utf8_repair(struct nm_buf *out, const char *s, size_t n)
{
	static const char fffd[] = "\xEF\xBF\xBD";
	size_t start = out->len, i = 0, run = 0;
	enum nm_code rc = NM_OK;

	/* Copy valid runs in one append; replace each bad byte (and NUL) with U+FFFD. */
	while (i < n) {
		uint32_t cp;
		size_t k;
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x01 && c < 0x80) {
			i++;
			continue;
		}
		k = c ? nm_utf8_decode(s + i, n - i, &cp) : 0;
		if (k) {
			i += k;
			continue;
		}
		if ((rc = nm_buf_add(out, s + run, i - run)) || (rc = nm_buf_add(out, fffd, 3)))
			goto fail;
		i++;
		run = i;
	}
	if ((rc = nm_buf_add(out, s + run, n - run)))
		goto fail;
	return NM_OK;
fail:
	out->len = start;
	if (out->data)
		out->data[start] = '\0';
	return rc;
}
