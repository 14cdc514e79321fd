/*
 * base/time.c — the date forms news pages, feeds and sitemaps use, to Unix seconds UTC.
 * Hand-parsed rather than strptime(): strptime is locale-dependent and silently
 * accepts partial input.
 */
#include "base/base.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	/* Howard Hinnant's algorithm: proleptic Gregorian, no time zone tables needed. */
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static bool num(const char **p, int digits, int *out)
{
	int v = 0;
	for (int i = 0; i < digits; i++) {
		if (!nm_isdigit((unsigned char)(*p)[i]))
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += digits;
	*out = v;
	return true;
}

static void skip_space(const char **p)
{
	while (nm_isspace((unsigned char)**p))
		(*p)++;
}

/* "Z", "UTC", "GMT", "+02:00", "+0200", "-05", or nothing (= UTC). */
static bool zone(const char **p, int *offset)
{
	int h = 0, m = 0, sign;
	skip_space(p);
	*offset = 0;
	if (**p == 'Z' || **p == 'z') {
		(*p)++;
		return true;
	}
	if (!strncmp(*p, "UTC", 3) || !strncmp(*p, "GMT", 3)) {
		*p += 3;
		if (**p != '+' && **p != '-')
			return true;
	}
	if (**p == '+' || **p == '-') {
		sign = **p == '-' ? -1 : 1;
		(*p)++;
		if (!num(p, 2, &h))
			return false;
		if (**p == ':')
			(*p)++;
		if (nm_isdigit((unsigned char)**p) && !num(p, 2, &m))
			return false;
		*offset = sign * (h * 3600 + m * 60);
		return true;
	}
	/* names feeds use: North American zones, with or without S/D (feedparser reads "ET"
	 * as standard time), and central Europe's; "Etc/GMT" is tz-database UTC */
	static const struct { const char *name; int minutes; } names[] = {
		{"Etc/GMT", 0}, {"Etc/UTC", 0}, {"UT", 0},
		{"EST", -300}, {"EDT", -240}, {"ET", -300}, {"CST", -360}, {"CDT", -300},
		{"CT", -360}, {"MST", -420}, {"MDT", -360}, {"MT", -420}, {"PST", -480},
		{"PDT", -420}, {"PT", -480}, {"AST", -240}, {"ADT", -180}, {"AT", -240},
		{"MEST", 120}, {"MESZ", 120}, {"CEST", 120}, {"MET", 60}, {"CET", 60},
		{"MEZ", 60}, {"EEST", 180}, {"EET", 120}, {"WEST", 60}, {"WET", 0},
		{"JST", 540}, {"KST", 540},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i].name);
		if (!strncmp(*p, names[i].name, n) && !nm_isalpha((unsigned char)(*p)[n])) {
			*p += n;
			*offset = names[i].minutes * 60;
			return true;
		}
	}
	return true;
}

static bool hms(const char **p, int *h, int *mi, int *s)
{
	*s = 0;
	if (!num(p, 2, h) || **p != ':')
		return false;
	(*p)++;
	if (!num(p, 2, mi))
		return false;
	if (**p == ':') {
		(*p)++;
		if (!num(p, 2, s))
			return false;
		if (**p == '.' || **p == ',') /* fractional seconds: dropped */
			for ((*p)++; nm_isdigit((unsigned char)**p); (*p)++)
				;
	}
	return *h <= 24 && *mi <= 59 && *s <= 60;
}

/* Index + 1 of the name w[0..n) in names (each at least its first three letters, a
 * trailing '.' allowed: "Sep", "Sept.", "September"), or 0. */
static int name_of(const char *const *names, int count, const char *w, size_t n)
{
	if (n && w[n - 1] == '.')
		n--;
	for (int i = 0; n >= 3 && i < count; i++)
		if (n <= strlen(names[i]) && !nm_strncasecmp(w, names[i], n))
			return i + 1;
	return 0;
}

int nm_month_of(const char *w, size_t n)
{
	static const char *const names[] = {"january", "february", "march", "april", "may",
					    "june", "july", "august", "september", "october",
					    "november", "december"};
	return name_of(names, 12, w, n);
}

bool nm_weekday_of(const char *w, size_t n)
{
	static const char *const names[] = {"monday", "tuesday", "wednesday", "thursday",
					    "friday", "saturday", "sunday"};
	return name_of(names, 7, w, n) > 0;
}

int nm_year_at(const char *t, size_t lo, size_t i, size_t hi)
{
	int y;
	if (i + 4 > hi || (t[i] != '1' && t[i] != '2') || (i > lo && nm_isalnum((unsigned char)t[i - 1])) ||
	    !nm_isdigit((unsigned char)t[i + 1]) || !nm_isdigit((unsigned char)t[i + 2]) ||
	    !nm_isdigit((unsigned char)t[i + 3]) || (i + 4 < hi && nm_isalnum((unsigned char)t[i + 4])))
		return 0;
	y = (t[i] - '0') * 1000 + (t[i + 1] - '0') * 100 + (t[i + 2] - '0') * 10 + (t[i + 3] - '0');
	return y >= NM_YEAR_MIN && y <= NM_YEAR_MAX ? y : 0;
}

static bool finish(int y, int mo, int d, int h, int mi, int s, int off, int64_t *out)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && !leap))
		return false;
	*out = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + s - off;
	return true;
}

/*
 * A date written with a month name, its parts in any of the orders feeds use:
 * RFC 822/1123 "Mon, 17 Nov 2025 08:00:00 GMT" (and "17 Nov, 2025"), JavaScript's
 * "Mon Nov 17 2025 08:00:00 +0000", asctime "Mon Nov 17 08:00:00 2025" (and Twitter's
 * "Mon Nov 17 08:00:00 +0000 2025"). Each part at most once; a word that is no weekday,
 * month or zone rejects the whole.
 */
static bool written_date(const char **pp, int *y, int *mo, int *d, int *h, int *mi, int *s,
			 int *off, bool *t)
{
	const char *p = *pp;
	bool wday = false, zoned = false;

	*y = *mo = *d = -1;
	for (;;) {
		while (nm_isspace((unsigned char)*p) || *p == ',')
			p++;
		if (!*p)
			break;
		if (nm_isdigit((unsigned char)*p)) {
			const char *q = p;
			int v = 0, len = 0;
			while (nm_isdigit((unsigned char)*q) && len < 5)
				v = v * 10 + (*q++ - '0'), len++;
			if (*q == ':') {
				if (*t || !hms(&p, h, mi, s))
					return false;
				*t = true;
				continue;
			}
			if (nm_isdigit((unsigned char)*q) || nm_isalpha((unsigned char)*q))
				return false;
			if (len == 4 && *y < 0)
				*y = v;
			else if (len <= 2 && *d < 0 && *y < 0)
				*d = v;
			else if (len == 2 && *y < 0 && *d >= 0 && *mo > 0)
				*y = v < 70 ? 2000 + v : 1900 + v;
			else
				return false;
			p = q;
			continue;
		}
		if ((*p == '+' || *p == '-' || nm_isalpha((unsigned char)*p)) && *t && !zoned) {
			const char *q = p;
			if (zone(&q, off) && q != p) {
				zoned = true;
				p = q;
				continue;
			}
		}
		if (!nm_isalpha((unsigned char)*p))
			return false;
		const char *w = p;
		while (nm_isalpha((unsigned char)*p) || *p == '.')
			p++;
		size_t n = (size_t)(p - w);
		int m = nm_month_of(w, n);
		if (m && *mo < 0)
			*mo = m;
		else if (!m && nm_weekday_of(w, n) && !wday && *mo < 0 && *d < 0)
			wday = true;
		else
			return false;
	}
	*pp = p;
	return *y >= 0 && *mo > 0 && *d >= 0;
}

enum nm_code nm_time_parse(const char *str, int64_t *out, bool *has_time)
{
	const char *p = str;
	int y, mo, d, h = 0, mi = 0, s = 0, off = 0;
	bool t = false;

	if (!str)
		return NM_EPARSE;
	skip_space(&p);
	if (num(&p, 4, &y)) {
		/* ISO 8601: 2025[-11[-17[T08:00[:00][.sss]][Z|+hh:mm]]] */
		mo = d = 1;
		skip_space(&p);
		if (!*p)
			goto done; /* a year alone (W3C-DTF allows it) */
		if (*p != '-' || (p++, !num(&p, 2, &mo)))
			return NM_EPARSE;
		if (*p == '-') {
			p++;
			if (!num(&p, 2, &d))
				return NM_EPARSE;
		}
		if (*p == 'T' || *p == 't' || (*p == ' ' && nm_isdigit((unsigned char)p[1]))) {
			p++;
			if (!hms(&p, &h, &mi, &s) || !zone(&p, &off))
				return NM_EPARSE;
			t = true;
		}
	} else if (!written_date(&p, &y, &mo, &d, &h, &mi, &s, &off, &t)) {
		return NM_EPARSE;
	}
	skip_space(&p);
	if (*p)
		return NM_EPARSE;
done:
	if (!finish(y, mo, d, h, mi, s, off, out))
		return NM_EPARSE;
	if (has_time)
		*has_time = t;
	return NM_OK;
}

void nm_time_iso(int64_t t, char out[21])
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t secs = t - days * 86400;
	/* civil_from_days, the inverse of days_from_civil */
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	unsigned hh = (unsigned)(secs / 3600) % 24, mm = (unsigned)(secs / 60 % 60), ss = (unsigned)(secs % 60);
	if (y < 0 || y > 9999)
		y = y < 0 ? 0 : 9999;
	snprintf(out, 21, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)y % 10000, m % 13, d % 32, hh, mm, ss);
}

int64_t nm_mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}
