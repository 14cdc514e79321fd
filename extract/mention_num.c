/*
 * extract/mention_num.c — stage 2 (mentions): the digits and words a pattern matched,
 * turned into numbers. Separator guessing follows what news and shops write: a run of
 * one separator is grouping ("1,200,000", "1.144.000"); with both "," and ".", the last
 * is the decimal point ("1,200.50", "1.200,50"); a lone separator is grouping when three
 * digits follow and the integer part is not 0 ("92,000", "12.500"), else decimal
 * ("1,3", "0.125"); blanks and apostrophes always group ("1 200", "1'049,95"). Before a
 * magnitude word a lone "." is decimal ("$1.250 billion"), unless the three digits are
 * "000", which no decimal writes ("USD 20.000 million": twenty thousand million).
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

/* Is p[0..n) a number grouped in thousands by commas ("24,500", "1,250.5")? */
bool mnum_comma_grouped(const char *p, size_t n)
{
	size_t i = 0, run = 0;
	bool grouped = false;
	while (i < n && nm_isdigit((unsigned char)p[i]) && run < 4)
		i++, run++;
	if (run == 0 || run > 3)
		return false;
	while (i + 3 < n && p[i] == ',' && nm_isdigit((unsigned char)p[i + 1]) &&
	       nm_isdigit((unsigned char)p[i + 2]) && nm_isdigit((unsigned char)p[i + 3]) &&
	       (i + 4 == n || !nm_isdigit((unsigned char)p[i + 4]))) {
		grouped = true;
		i += 4;
	}
	if (grouped && i < n && p[i] == '.')
		for (i++; i < n && nm_isdigit((unsigned char)p[i]); i++)
			;
	return grouped && i == n;
}

/* The value of buf ("123", "12.5": digits with at most one '.'), as strtod() reads it.
 * With at most 15 digits the digits are an exact integer and 10^frac (frac <= 22) an
 * exact double, so one division rounds as strtod() does; longer runs go to strtod(). */
static double digits_value(const char *buf)
{
	static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,	 1e6,  1e7,
				     1e8,  1e9,	 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	uint64_t m = 0;
	int nd = 0, frac = -1;
	for (const char *p = buf; *p; p++) {
		if (*p == '.') {
			frac = 0;
			continue;
		}
		if (++nd > 15)
			return strtod(buf, NULL);
		m = m * 10 + (uint64_t)(*p - '0');
		if (frac >= 0)
			frac++;
	}
	return frac > 0 ? (double)m / p10[frac] : (double)m;
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

	/* a plain digit run, the common case: no powers, separators or copy */
	if (n && n <= 15) {
		uint64_t v = 0;
		while (i < n && nm_isdigit((unsigned char)s[i]))
			v = v * 10 + (uint64_t)(s[i++] - '0');
		if (i == n) {
			*out = (double)v;
			return true;
		}
		i = 0;
	}

	/* a power "1.1^23", "2500^-1" (signs: "^--23" is "^23"), or scientific notation
	 * "1.3x10^6", "2.48×10−5" (× U+00D7, − U+2212) */
	for (size_t x = 0; x < n; x++) {
		size_t e = 0;
		bool sci = false;
		if (s[x] == '^') {
			e = x + 1;
		} else if ((s[x] == 'x' || s[x] == 'X') && x + 3 <= n && s[x + 1] == '1' &&
			   s[x + 2] == '0') {
			e = x + 3;
			sci = true;
		} else if ((unsigned char)s[x] == 0xC3 && x + 4 <= n && (unsigned char)s[x + 1] == 0x97 &&
			   s[x + 2] == '1' && s[x + 3] == '0') {
			e = x + 4;
			sci = true;
		}
		if (!e)
			continue;
		double base, ex;
		int neg = 0;
		size_t d;
		if (!mnum_parse_digits(s, x, prefer_decimal, &base))
			return false;
		if (sci && e < n && s[e] == '^')
			e++;
		while (e < n) {
			if (s[e] == '-')
				neg ^= 1, e++;
			else if (s[e] == '+')
				e++;
			else if (e + 3 <= n && (unsigned char)s[e] == 0xE2 && (unsigned char)s[e + 1] == 0x88 &&
				 (unsigned char)s[e + 2] == 0x92)
				neg ^= 1, e += 3;
			else
				break;
		}
		for (d = e; d < n && nm_isdigit((unsigned char)s[d]); d++)
			;
		if (d == e || d != n || d - e > 3)
			return false;
		ex = strtod(s + e, NULL) * (neg ? -1 : 1);
		*out = sci ? base * pow(10, ex) : pow(base, ex);
		return isfinite(*out);
	}
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
					       lead == 0 ||
					       (prefer_decimal && lk == '.' && memcmp(s + n - 3, "000", 3))))
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
	*out = digits_value(buf);
	return true;
}

/* ------------------------------------------------------------- spelled numbers
 *
 * A spelled number is read in two steps: the text becomes tokens (number words looked up
 * in list numword, digit runs, "a", "and", "point", "over"/"out of", "of"), then the
 * tokens are evaluated. Cardinals add up the usual way ("four thousand three hundred and
 * twenty-one", also with digits: "4 thousand 3 hundred and 21"). numword values that
 * start with "/" are fraction words ("thirds" is "/3"), with "*" multipliers ("dozen").
 * Fractions: "two thirds", "a half", "one hundred and three quarters" (a whole part before
 * the last "and"), "six million and two thirds" (a fraction of the last magnitude),
 * "five and a half million", "half million", "two thirds of a million", and words that
 * run into the denominator ("one hundred thirty-fifths" is 100/35, "one one hundred
 * fifth" is 1/105: the split of Recognizers-Text's English parser). "point" decimals
 * ("two hundred point zero three", "point 77"), "one over three", "two out of five",
 * and cents written "and 25/100".
 */

enum wtok { W_CARD, W_HUND, W_SCALE, W_MUL, W_DENOM, W_A, W_AND, W_POINT, W_DIV, W_OF, W_FRAC };

struct wt {
	enum wtok t;
	double v;         /* W_CARD, W_SCALE, W_MUL: value; W_DENOM: denominator; W_FRAC: p/q */
	const char *s;    /* the token's text (digit runs after "point") */
	size_t n;
	bool digits;      /* written in digits */
};

#define WTOK_MAX 64

static bool ascii_word(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && !nm_strncasecmp(s, w, n);
}

/* Tokens of s[0..n); false when a word is no number word. */
static bool wtokenize(const struct mlex *numword, const char *s, size_t n, struct wt *tk,
		      size_t *ntk)
{
	size_t i = 0, k = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t j = i;
		struct wt w = {.s = s + i};
		if (c == '&') {
			w.t = W_AND;
			j = i + 1;
		} else if (nm_isdigit(c)) {
			while (j < n && (nm_isdigit((unsigned char)s[j]) ||
					 ((s[j] == ',' || s[j] == '.') && j + 1 < n &&
					  nm_isdigit((unsigned char)s[j + 1]))))
				j++;
			if (j < n && s[j] == '/') {
				/* "25/100": cents of a legal amount */
				size_t d = j + 1;
				double p = strtod(s + i, NULL), q;
				while (d < n && nm_isdigit((unsigned char)s[d]))
					d++;
				if (d == j + 1 || (q = strtod(s + j + 1, NULL)) == 0)
					return false;
				w.t = W_FRAC;
				w.v = p / q;
				j = d;
			} else {
				if (!mnum_parse_digits(s + i, j - i, false, &w.v))
					return false;
				w.t = W_CARD;
				w.digits = true;
			}
		} else if (nm_isalpha(c)) {
			while (j < n && nm_isalpha((unsigned char)s[j]))
				j++;
			const struct mlex_entry *e;
			if (ascii_word(s + i, j - i, "a") || ascii_word(s + i, j - i, "an")) {
				w.t = W_A;
				w.v = 1;
			} else if (ascii_word(s + i, j - i, "and")) {
				w.t = W_AND;
			} else if (ascii_word(s + i, j - i, "point")) {
				w.t = W_POINT;
			} else if (ascii_word(s + i, j - i, "over")) {
				w.t = W_DIV;
			} else if (ascii_word(s + i, j - i, "out")) {
				w.t = W_DIV; /* "out of": the "of" is skipped below */
				size_t o = j;
				while (o < n && nm_isspace((unsigned char)s[o]))
					o++;
				if (o + 2 <= n && !nm_strncasecmp(s + o, "of", 2) &&
				    (o + 2 == n || !nm_isalpha((unsigned char)s[o + 2])))
					j = o + 2;
				else
					return false;
				goto have;
			} else if (ascii_word(s + i, j - i, "of")) {
				w.t = W_OF;
			} else if (ascii_word(s + i, j - i, "no") && j < n && s[j] == '/') {
				/* "NO/100": no cents */
				size_t d = j + 1;
				while (d < n && nm_isdigit((unsigned char)s[d]))
					d++;
				w.t = W_FRAC;
				w.v = 0;
				j = d;
			} else if ((e = mlex_find(numword, s + i, j - i))) {
				if (e->value[0] == '*') {
					w.t = W_MUL;
					w.v = strtod(e->value + 1, NULL);
				} else if (e->value[0] == '/') {
					w.t = W_DENOM;
					w.v = strtod(e->value + 1, NULL);
				} else if (isnan(e->num)) {
					return false;
				} else {
					w.v = e->num;
					w.t = w.v == 100 ? W_HUND : w.v >= 1000 ? W_SCALE : W_CARD;
				}
				if (!(w.v > 0) && w.t != W_CARD)
					return false;
			} else {
				return false;
			}
		} else {
			i++; /* blanks, hyphens, commas */
			continue;
		}
	have:
		w.n = (size_t)(s + j - w.s);
		/* "ninety-five" is one word of 95 (it matters where fractions split) */
		if (w.t == W_CARD && !w.digits && w.v >= 1 && w.v <= 9 && k &&
		    tk[k - 1].t == W_CARD && !tk[k - 1].digits && tk[k - 1].v >= 20 &&
		    tk[k - 1].v <= 90 && fmod(tk[k - 1].v, 10) == 0) {
			tk[k - 1].v += w.v;
			tk[k - 1].n = (size_t)(s + j - tk[k - 1].s);
		} else {
			if (k == WTOK_MAX)
				return false;
			tk[k++] = w;
		}
		i = j;
	}
	*ntk = k;
	return k > 0;
}

/* Cardinal value of tk[0..n): *total (magnitudes done) and *cur (the part below the last
 * magnitude), *scale the last magnitude. */
static bool wcard(const struct wt *tk, size_t n, double *total_out, double *cur_out,
		  double *scale_out)
{
	double total = 0, cur = 0, scale = 0, fr = 0, last = 0;
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		double v = tk[i].v;
		switch (tk[i].t) {
		case W_A:
			cur = last = 1;
			any = true;
			break;
		case W_AND:
			break; /* joins "hundred and two" */
		case W_MUL:
			/* "dozen" multiplies the number right before it: "three hundred and two
			 * dozen" is 300 + 24 */
			if (!last)
				last = cur = 1;
			cur += last * (v - 1);
			last *= v;
			any = true;
			break;
		case W_HUND:
			cur = last = (cur ? cur : 1) * 100;
			any = true;
			break;
		case W_SCALE:
			if (v > scale && total > 0)
				total = (total + cur) * v; /* "two thousand two million" */
			else
				total += (cur ? cur : 1) * v;
			if (v > scale)
				scale = v;
			cur = last = 0;
			any = true;
			break;
		case W_CARD:
			cur += v;
			last = v;
			any = true;
			break;
		case W_FRAC:
			fr += v; /* "and 25/100" */
			break;
		default:
			return false;
		}
	}
	if (!any)
		return false;
	*total_out = total;
	*cur_out = cur + fr;
	if (scale_out)
		*scale_out = scale;
	return true;
}

static bool wcard_value(const struct wt *tk, size_t n, double *out)
{
	double t, c;
	if (!wcard(tk, n, &t, &c, NULL))
		return false;
	*out = t + c;
	return true;
}

static double wval(const struct wt *w)
{
	return w->t == W_HUND ? 100 : w->t == W_MUL ? w->v : w->v;
}

/* Can small be read as the lower part of big ("thirty" + "five", "hundred" + "thirty")? */
static bool composable(double big, double small)
{
	double base = small >= 10 ? 100 : 10;
	return fmod(big, base) == 0 && big / base >= 1;
}

/* "N DENOM": where the numerator ends in words[0..n) before a denominator of value dv
 * ("one hundred | thirty fifths", "one | one hundred fifth"). */
static size_t wsplit(const struct wt *w, size_t n, double dv)
{
	double cur = dv, round = 1;
	for (size_t ii = n; ii-- > 0;) {
		double prev = cur;
		cur = wval(&w[ii]);
		if ((prev >= 100 && prev > cur) || (prev < 100 && composable(cur, prev))) {
			if (prev < 100 && cur >= round)
				round = cur;
			else if (prev < 100 && cur < round)
				return ii + 1;
			if (ii == 0) {
				size_t sp = 1;
				while (sp + 1 <= n) {
					double next = sp + 1 < n ? wval(&w[sp + 1]) : dv;
					if (wval(&w[sp]) >= 100 && next < 100)
						return sp + 1;
					sp++;
				}
				return sp;
			}
			continue;
		}
		return ii + 1;
	}
	return 0;
}

static bool weval(const struct wt *tk, size_t n, double *out);

/* A value with a fraction word at tk[d]. */
static bool weval_frac(const struct wt *tk, size_t n, size_t d, double *out)
{
	double mult = 1, dv = tk[d].v;
	bool mag = false;
	/* after the denominator: "million", "of a million" */
	for (size_t i = d + 1; i < n; i++) {
		if (tk[i].t == W_SCALE || tk[i].t == W_HUND) {
			mult *= wval(&tk[i]);
			mag = true;
		} else if (tk[i].t != W_OF && tk[i].t != W_A) {
			return false;
		}
	}
	/* a whole part before the last "and": "one hundred and three quarters" */
	size_t k = d;
	while (k > 0 && tk[k - 1].t != W_AND)
		k--;
	double num_after = 0;
	if (k > 0 && k < d && wcard_value(tk + k, d - k, &num_after) && num_after < dv) {
		/* a proper fraction after "and" is a fraction part; "one hundred and thirty-two
		 * fifths" is 132/5, as "one hundred thirty-two fifths" */
		double total = 0, cur = 0, scale = 0;
		if (k > 1 && !wcard(tk, k - 1, &total, &cur, &scale))
			return false;
		double fr = num_after / dv;
		if (mag)
			*out = total + (cur + fr) * mult; /* "five and a half million" */
		else if (cur == 0 && scale >= 1000)
			*out = total + fr * scale; /* "one million and a half" */
		else
			*out = total + cur + fr;
		return true;
	}
	/* no numerator after "and" ("one hundred and fifth"): the words run on */
	struct wt w[WTOK_MAX];
	size_t nw = 0;
	for (size_t i = 0; i < d; i++)
		if (tk[i].t != W_AND)
			w[nw++] = tk[i];
	for (size_t i = 0; i < nw; i++)
		if (w[i].t != W_CARD && w[i].t != W_HUND && w[i].t != W_SCALE && w[i].t != W_A &&
		    w[i].t != W_MUL)
			return false;
	size_t sp = wsplit(w, nw, dv);
	double num = 1, den = dv;
	if (sp > 0 && !wcard_value(w, sp, &num))
		return false;
	if (sp < nw) {
		double head;
		if (!wcard_value(w + sp, nw - sp, &head))
			return false;
		den = dv >= 100 ? head * dv : head + dv;
	}
	if (den == 0)
		return false;
	*out = num / den * mult;
	return true;
}

static bool weval(const struct wt *tk, size_t n, double *out)
{
	if (!n)
		return false;
	/* "one over three", "two out of five hundred" */
	for (size_t i = 0; i < n; i++) {
		if (tk[i].t == W_DIV) {
			double a, b;
			if (!weval(tk, i, &a) || !weval(tk + i + 1, n - i - 1, &b) || b == 0)
				return false;
			*out = a / b;
			return true;
		}
	}
	/* "two hundred point zero three", "point 77" */
	for (size_t i = 0; i < n; i++) {
		if (tk[i].t == W_POINT) {
			char buf[DIGITS_MAX];
			size_t o = 0;
			double whole = 0;
			if (i > 0 && !wcard_value(tk, i, &whole))
				return false;
			buf[o++] = '0';
			buf[o++] = '.';
			for (size_t j = i + 1; j < n; j++) {
				if (tk[j].t != W_CARD)
					return false;
				if (tk[j].digits) {
					for (size_t x = 0; x < tk[j].n; x++) {
						if (!nm_isdigit((unsigned char)tk[j].s[x]) ||
						    o + 2 >= sizeof(buf))
							return false;
						buf[o++] = tk[j].s[x];
					}
				} else {
					if (tk[j].v > 9 || o + 2 >= sizeof(buf))
						return false;
					buf[o++] = (char)('0' + (int)tk[j].v);
				}
			}
			if (o == 2)
				return false;
			buf[o] = '\0';
			*out = whole + strtod(buf, NULL);
			return true;
		}
	}
	for (size_t i = n; i-- > 0;)
		if (tk[i].t == W_DENOM)
			return weval_frac(tk, n, i, out);
	for (size_t i = 0; i < n; i++)
		if (tk[i].t == W_OF)
			return false;
	return wcard_value(tk, n, out);
}

bool mnum_parse_words(const struct mlex *numword, const char *s, size_t n, double *out)
{
	struct wt tk[WTOK_MAX];
	size_t ntk = 0;
	double v;
	if (!wtokenize(numword, s, n, tk, &ntk) || !weval(tk, ntk, &v) || !isfinite(v))
		return false;
	*out = v;
	return true;
}
