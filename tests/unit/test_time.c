/* tests/unit/test_time.c — base/time.c: the date forms of pages, feeds and sitemaps, and
 * the pass rate on feedparser's date cases ($SHARED/eval/crawler/feeds/date_cases.jsonl;
 * the RFC 822 and W3C-DTF ones, which RSS and Atom use, are required). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "base/base.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void parses_to(const char *s, const char *want, bool want_time)
{
	int64_t t = 0;
	bool has = !want_time;
	char iso[21];
	if (nm_time_parse(s, &t, &has) != NM_OK)
		fail_msg("'%s' refused, want %s", s, want);
	nm_time_iso(t, iso);
	if (strcmp(iso, want) || has != want_time)
		fail_msg("'%s' -> %s (time %d), want %s (time %d)", s, iso, has, want, want_time);
}

static void refused(const char *s)
{
	int64_t t;
	if (nm_time_parse(s, &t, NULL) != NM_EPARSE)
		fail_msg("'%s' accepted", s);
}

static void iso_forms(void **state)
{
	(void)state;
	parses_to("2025-11-17T08:00:00Z", "2025-11-17T08:00:00Z", true);
	parses_to("2025-11-17T10:00:00+02:00", "2025-11-17T08:00:00Z", true);
	parses_to("2025-11-17 10:00:00.250-0130", "2025-11-17T11:30:00Z", true);
	parses_to("2025-11-17", "2025-11-17T00:00:00Z", false);
	parses_to("2025-11", "2025-11-01T00:00:00Z", false);
	parses_to("2025", "2025-01-01T00:00:00Z", false);
	parses_to("2024-02-29", "2024-02-29T00:00:00Z", false);
	refused("2025-02-29"); /* no leap day that year */
	refused("2100-02-29");
	refused("2025-02-30");
	refused("2025-11-17T25:00");
	refused("1969-12-31");
}

static void written_forms(void **state)
{
	(void)state;
	parses_to("Mon, 17 Nov 2025 08:00:00 GMT", "2025-11-17T08:00:00Z", true);
	parses_to("17 November 2025 08:00 EST", "2025-11-17T13:00:00Z", true);
	parses_to("Mon, 17 Nov, 2025 08:00:00 UT", "2025-11-17T08:00:00Z", true);
	parses_to("Monday, 17 Sept. 2025 08:00:00 CEST", "2025-09-17T06:00:00Z", true);
	parses_to("Mon, 17 Nov 25 08:00:00 PT", "2025-11-17T16:00:00Z", true);
	parses_to("Mon Nov 17 2025 08:00:00 +0100", "2025-11-17T07:00:00Z", true); /* JavaScript */
	parses_to("Mon Nov  3 08:00:00 2025", "2025-11-03T08:00:00Z", true);     /* asctime */
	parses_to("Mon Nov 17 08:00:00 -0500 2025", "2025-11-17T13:00:00Z", true);
	parses_to("17 Nov 2025 08:00:00 Etc/GMT", "2025-11-17T08:00:00Z", true);
	parses_to("17 Nov 2025", "2025-11-17T00:00:00Z", false);
	refused("yesterday");
	refused("");
	refused("Junk 17 2025");          /* no month: a prefix of one is not enough */
	refused("17 Nov 2025 08:00:00 XYZ"); /* an unknown zone is not UTC */
	refused("17 Nov 2025 banana");
	refused("Nov 17");                /* no year */
	refused("17 Nov 2025 08:00:00 08:00:00");
}

/* feedparser's cases: the rate of each parser family; RFC 822 + W3C-DTF at least 52
 * of 53 (the one left is year 100, before any news date this parser accepts) */
/* Month names whole or cut, weekdays, and years as whole tokens, as extract/ and
 * classify/ read them in text. */
static void names_and_years(void **state)
{
	const char *t = "In 2021, 12021 and 2021x; 1989 is out, 2099 in.";
	assert_int_equal(nm_month_of("Sept.", 5), 9);
	assert_int_equal(nm_month_of("october", 7), 10);
	assert_int_equal(nm_month_of("Oct", 3), 10);
	assert_int_equal(nm_month_of("market", 6), 0);
	assert_int_equal(nm_month_of("decline", 7), 0);
	assert_int_equal(nm_month_of("ma", 2), 0);
	assert_true(nm_weekday_of("Tue", 3) && nm_weekday_of("sunday", 6));
	assert_false(nm_weekday_of("sun-gel", 7));
	assert_int_equal(nm_year_at(t, 0, 3, strlen(t)), 2021);
	assert_int_equal(nm_year_at(t, 0, 10, strlen(t)), 0); /* 12021 */
	assert_int_equal(nm_year_at(t, 0, 19, strlen(t)), 0); /* 2021x */
	assert_int_equal(nm_year_at(t, 0, 26, strlen(t)), 0); /* 1989 */
	assert_int_equal(nm_year_at(t, 0, 39, strlen(t)), 2099);
}

static void feedparser_cases(void **state)
{
	const char *shared = getenv("SHARED");
	char path[4096], *line = NULL;
	size_t cap = 0, n = 0, pass = 0, feed_n = 0, feed_pass = 0;
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/eval/crawler/feeds/date_cases.jsonl",
		 shared ? shared : "../shared");
	if (!(f = fopen(path, "r"))) {
		print_message("skip: %s not found\n", path);
		skip();
	}
	while (getline(&line, &cap, f) > 0) {
		json_t *o = json_loads(line, 0, NULL), *e;
		const char *in, *parser;
		int64_t t;
		bool ok;
		if (!o)
			continue;
		in = json_string_value(json_object_get(o, "input"));
		parser = json_string_value(json_object_get(o, "parser"));
		e = json_object_get(o, "expected_utc_struct_time");
		if (!in || !parser) {
			json_decref(o);
			continue;
		}
		if (json_is_array(e)) {
			char want[32], iso[21];
			snprintf(want, sizeof(want), "%04d-%02d-%02dT%02d:%02d:%02dZ",
				 (int)json_integer_value(json_array_get(e, 0)),
				 (int)json_integer_value(json_array_get(e, 1)),
				 (int)json_integer_value(json_array_get(e, 2)),
				 (int)json_integer_value(json_array_get(e, 3)),
				 (int)json_integer_value(json_array_get(e, 4)),
				 (int)json_integer_value(json_array_get(e, 5)));
			ok = nm_time_parse(in, &t, NULL) == NM_OK && (nm_time_iso(t, iso), !strcmp(iso, want));
		} else {
			ok = nm_time_parse(in, &t, NULL) != NM_OK;
		}
		n++;
		pass += ok;
		if (!strcmp(parser, "rfc822") || !strcmp(parser, "w3dtf")) {
			feed_n++;
			feed_pass += ok;
		}
		json_decref(o);
	}
	free(line);
	fclose(f);
	print_message("date_cases: %zu/%zu pass; RFC 822 + W3C-DTF %zu/%zu\n", pass, n, feed_pass,
		      feed_n);
	assert_true(feed_n > 0);
	assert_true(feed_pass + 1 >= feed_n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(iso_forms),
		cmocka_unit_test(written_forms),
		cmocka_unit_test(feedparser_cases),
		cmocka_unit_test(names_and_years),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
