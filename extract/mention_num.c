/*
 * extract/mention_num.c — stage 2 (mentions): the digits and words a pattern matched,
 * turned into numbers. Separator guessing follows what news and shops write: a run of
 * one separator is grouping ("1,200,000", "1.144.000"); with both "," and ".", the last
 * is the decimal point ("1,200.50", "1.200,50"); a lone separator is grouping when three
 * digits follow and the integer part is not 0 ("92,000", "12.500"), else decimal
 * ("1,3", "0.125"); blanks and apostrophes always group ("1 200", "1'049,95").
 */
#include "extract/mentions_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DIGITS_MAX 64

/* Length of the separator at s (n bytes available), 0 when none; *kind is ',' '.' or ' '. */
static size_t sep_at(const char *s, size_t n, char *kind)
{
	unsigned char c = (unsigned char)s[0];
	if (c == ',' || c == '.') {
		*kind = (char)c;
		return 1;
	}
	if (c == '\'' || c == ' ') {
		*kind = ' ';
		return 1;
	}
	if (n >= 2 && c == 0xC2 && (unsigned char)s[1] == 0xA0) { /* U+00A0 */
		*kind = ' ';
		return 2;
	}
	if (n >= 3 && c == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0xAF || (unsigned char)s[2] == 0x89 || /* U+202F, U+2009 */
	     (unsigned char)s[2] == 0x99)) {                               /* U+2019 ’ */
		*kind = ' ';
		return 3;
	}
	return 0;
}

bool mnum_parse_digits(const char *s, size_t n, bool prefer_decimal, double *out)
{
	struct {
		char kind;
		size_t digits_after;
	} seps[32];
	size_t nseps = 0, lead = 0, i = 0;
	char buf[DIGITS_MAX];
	size_t o = 0;
	int dec = -1; /* index of the decimal separator among seps */

	/* an exponent: "1e10", "12.32e+14" */
	for (size_t x = 0; x < n; x++) {
		if (s[x] == 'e' || s[x] == 'E') {
			double mant, ex;
			char eb[8];
			size_t el = n - x - 1;
			if (!el || el >= sizeof(eb) || !mnum_parse_digits(s, x, prefer_decimal, &mant))
				return false;
			memcpy(eb, s + x + 1, el);
			eb[el] = '\0';
			ex = strtod(eb, NULL);
			*out = mant * pow(10, ex);
			return true;
		}
	}
	/* pass 1: separators and digit counts */
	while (i < n) {
		char kind;
		size_t l;
		if (nm_isdigit((unsigned char)s[i])) {
			if (nseps)
				seps[nseps - 1].digits_after++;
			else
				lead++;
			i++;
		} else if ((l = sep_at(s + i, n - i, &kind))) {
			if (nseps == sizeof(seps) / sizeof(seps[0]))
				return false;
			seps[nseps].kind = kind;
			seps[nseps].digits_after = 0;
			nseps++;
			i += l;
		} else {
			return false;
		}
	}
	if (nseps) {
		size_t last = nseps - 1;
		char lk = seps[last].kind;
		bool mixed = false;
		size_t same = 0;
		for (size_t k = 0; k < nseps; k++) {
			if (seps[k].kind != lk && seps[k].kind != ' ')
				mixed = true;
			same += seps[k].kind == lk;
		}
		if (lk != ' ') {
			if (mixed)
				dec = (int)last;
			else if (same == 1 && (seps[last].digits_after != 3 || (lead == 1 && s[0] == '0') ||
					       lead == 0 || (prefer_decimal && lk == '.')))
				dec = (int)last;
			else if (same > 1 && seps[last].digits_after != 3)
				dec = -2; /* "1.2.3": not a number we read */
		}
		if (dec == -2)
			return false;
	}
	/* pass 2: copy digits, '.' for the decimal separator */
	i = 0;
	size_t k = 0;
	if (lead == 0 && o + 1 < sizeof(buf))
		buf[o++] = '0';
	while (i < n) {
		char kind;
		size_t l;
		if (nm_isdigit((unsigned char)s[i])) {
			if (o + 2 >= sizeof(buf))
				return false;
			buf[o++] = s[i++];
		} else {
			l = sep_at(s + i, n - i, &kind);
			if ((int)k == dec)
				buf[o++] = '.';
			k++;
			i += l;
		}
	}
	buf[o] = '\0';
	*out = strtod(buf, NULL);
	return true;
}

/* One word of a spelled number, or NULL ("and" and "a" are handled by the caller). */
static const struct mlex_entry *word_at(const struct mlex *numword, const char *s, size_t n)
{
	return mlex_find(numword, s, n);
}

bool mnum_parse_words(const struct mlex *numword, const char *s, size_t n, double *out)
{
	double total = 0, cur = 0, scale = 0;
	bool any = false;
	size_t i = 0;

	while (i < n) {
		size_t j;
		while (i < n && !nm_isalpha((unsigned char)s[i]))
			i++;
		j = i;
		while (j < n && nm_isalpha((unsigned char)s[j]))
			j++;
		if (j == i)
			break;
		if ((j - i == 1 && nm_tolower((unsigned char)s[i]) == 'a') ||
		    (j - i == 2 && !nm_strncasecmp(s + i, "an", 2))) {
			cur = 1;
			any = true;
		} else if (j - i == 3 && !nm_strncasecmp(s + i, "and", 3)) {
			/* joins "hundred and two" */
		} else {
			const struct mlex_entry *e = word_at(numword, s + i, j - i);
			double v;
			if (!e)
				return false;
			if (e->value[0] == '*') {
				/* "dozen": multiplies what came before */
				cur = (cur ? cur : 1) * strtod(e->value + 1, NULL);
				any = true;
				i = j;
				continue;
			}
			if (!e || isnan(e->num))
				return false;
			v = e->num;
			any = true;
			if (v == 100) {
				cur = (cur ? cur : 1) * 100;
			} else if (v >= 1000) {
				if (v > scale && total > 0)
					total = (total + cur) * v; /* "two thousand two million" */
				else
					total += (cur ? cur : 1) * v;
				if (v > scale)
					scale = v;
				cur = 0;
			} else {
				cur += v;
			}
		}
		i = j;
	}
	if (!any)
		return false;
	*out = total + cur;
	return true;
}
