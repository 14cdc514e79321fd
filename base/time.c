/*
 * base/time.c — the date forms news pages, feeds and sitemaps use, to Unix seconds UTC.
 * Hand-parsed rather than strptime(): strptime is locale-dependent and silently
 * accepts partial input.
 */
#include "base/base.h"

#include <stdio.h>
#include <string.h>

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
	static const struct { const char *name; int hours; } us[] = {
		{"EST", -5}, {"EDT", -4}, {"CST", -6}, {"CDT", -5},
		{"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7},
	};
	for (size_t i = 0; i < sizeof(us) / sizeof(us[0]); i++) {
		if (!strncmp(*p, us[i].name, 3)) {
			*p += 3;
			*offset = us[i].hours * 3600;
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

static int month_of(const char *p)
{
	static const char *names[] = {"jan", "feb", "mar", "apr", "may", "jun",
				      "jul", "aug", "sep", "oct", "nov", "dec"};
	for (int i = 0; i < 12; i++)
		if (!nm_strncasecmp(p, names[i], 3))
			return i + 1;
	return 0;
}

static bool finish(int y, int mo, int d, int h, int mi, int s, int off, int64_t *out)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return false;
	*out = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + s - off;
	return true;
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
		/* ISO 8601: 2025-11-17[T08:00[:00][.sss]][Z|+hh:mm] */
		if (*p != '-' || (p++, !num(&p, 2, &mo)))
			return NM_EPARSE;
		d = 1;
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
	} else {
		/* RFC 822/1123: [Mon, ]17 Nov 2025 08:00:00 GMT */
		if (nm_isalpha((unsigned char)*p)) {
			while (nm_isalpha((unsigned char)*p))
				p++;
			if (*p == ',')
				p++;
			skip_space(&p);
		}
		if (!nm_isdigit((unsigned char)*p))
			return NM_EPARSE;
		d = *p++ - '0';
		if (nm_isdigit((unsigned char)*p))
			d = d * 10 + (*p++ - '0');
		skip_space(&p);
		if (!(mo = month_of(p)))
			return NM_EPARSE;
		while (nm_isalpha((unsigned char)*p))
			p++;
		skip_space(&p);
		if (!num(&p, 4, &y)) {
			int yy;
			if (!num(&p, 2, &yy))
				return NM_EPARSE;
			y = yy < 70 ? 2000 + yy : 1900 + yy;
		}
		skip_space(&p);
		if (nm_isdigit((unsigned char)*p)) {
			if (!hms(&p, &h, &mi, &s) || !zone(&p, &off))
				return NM_EPARSE;
			t = true;
		}
	}
	skip_space(&p);
	if (*p)
		return NM_EPARSE;
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
