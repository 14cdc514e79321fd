/*
 * extract/charset.c — which encoding a page's bytes are in, before libxml2 parses them.
 * Everything after this point is UTF-8: libxml2 converts (iconv) when we name another
 * charset, and UTF-8 input is repaired beforehand so the parser never gives up on it.
 */
#include "extract/extract_int.h"

#include <libxml/encoding.h>
#include <string.h>

/* Copy a charset label (letters, digits, - _ . :) from p into enc. */
static bool take_label(const char *p, const char *end, char enc[64])
{
	size_t n = 0;
	while (p < end && (*p == ' ' || *p == '"' || *p == '\'' || *p == '='))
		p++;
	while (p < end && n < 63 &&
	       (nm_isalnum((unsigned char)*p) || *p == '-' || *p == '_' || *p == '.' || *p == ':'))
		enc[n++] = *p++;
	enc[n] = '\0';
	return n > 0;
}

/* The charset= parameter of a Content-Type value or of a <meta> near the top. */
static bool find_charset(const char *s, size_t n, char enc[64])
{
	for (size_t i = 0; i + 8 <= n; i++) {
		if ((s[i] | 32) == 'c' && !nm_strncasecmp(s + i, "charset", 7)) {
			const char *p = s + i + 7, *end = s + n;
			while (p < end && (*p == ' ' || *p == '\t'))
				p++;
			if (p < end && *p == '=' && take_label(p, end, enc))
				return true;
		}
	}
	return false;
}

static bool is_utf8_label(const char *e)
{
	return !nm_strcasecmp(e, "utf-8") || !nm_strcasecmp(e, "utf8") ||
	       !nm_strcasecmp(e, "unicode-1-1-utf-8");
}

/* Counts valid multi-byte sequences and invalid bytes (NUL counts as invalid), over
 * the whole page: the caller learns at once whether it is clean UTF-8. */
static void utf8_census(const char *s, size_t n, size_t *multi, size_t *bad)
{
	size_t i = 0;
	*multi = *bad = 0;
	while (i < n) {
		uint32_t cp;
		size_t k;
		/* eight ASCII bytes at a time: no high bit and no zero byte */
		while (i + 8 <= n) {
			uint64_t v;
			memcpy(&v, s + i, 8);
			if ((v & 0x8080808080808080ULL) ||
			    ((v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL))
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if ((unsigned char)s[i] < 0x80) {
			*bad += s[i] == '\0';
			i++;
			continue;
		}
		k = nm_utf8_decode(s + i, n - i, &cp);
		if (k) {
			(*multi)++;
			i += k;
		} else {
			(*bad)++;
			i++;
		}
	}
}

void nm_charset_sniff(const char *bytes, size_t len, const char *content_type, char enc[64],
		      size_t *skip, bool *clean)
{
	const unsigned char *u = (const unsigned char *)bytes;
	char declared[64] = "";
	size_t multi, bad;

	*skip = 0;
	*clean = false;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		*skip = 3;
		snprintf(enc, 64, "%s", "UTF-8");
		return;
	}
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		*skip = 2;
		snprintf(enc, 64, "%s", "UTF-16LE");
		return;
	}
	if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		*skip = 2;
		snprintf(enc, 64, "%s", "UTF-16BE");
		return;
	}
	if (!(content_type && find_charset(content_type, strlen(content_type), declared)))
		find_charset(bytes, len < NM_EXTRACT_SNIFF_MAX ? len : NM_EXTRACT_SNIFF_MAX, declared);

	utf8_census(bytes, len, &multi, &bad);
	*clean = bad == 0;
	if (declared[0] && !is_utf8_label(declared)) {
		/* UTF-16/32 declared in an ASCII-compatible page is always a mistake. */
		bool wide = !nm_strncasecmp(declared, "utf-16", 6) || !nm_strncasecmp(declared, "utf-32", 6);
		xmlCharEncodingHandlerPtr h = wide ? NULL : xmlFindCharEncodingHandler(declared);
		if (h) {
			xmlCharEncCloseFunc(h);
			/* valid UTF-8 with real non-ASCII text: the declaration is wrong */
			if (!(multi >= 2 && bad == 0)) {
				snprintf(enc, 64, "%s", declared);
				return;
			}
		}
	}
	/* legacy 8-bit text almost never forms valid UTF-8 sequences; a few bad bytes in
	 * otherwise UTF-8 text are damage to repair */
	if (bad > 0 && (multi == 0 || bad > 8 * multi) && !memchr(bytes, '\0', len))
		snprintf(enc, 64, "%s", "windows-1252");
	else
		snprintf(enc, 64, "%s", "UTF-8");
}
