/* tests/unit/test_mentions_words.c — numbers written in words through the mention layer:
 * fractions ("two thirds", "a half", "x and three quarters", "half a million" forms),
 * "point" decimals, ratios ("one over four"), digits with magnitude words ("7 thousand 2
 * hundred and 15"), legal cents ("and 25/100"), and the negatives that keep ordinals,
 * durations and news phrases ("the third quarter", "one of the", "a second wave") out. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tests/unit/mention_fixture.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* No money, price or range at all in text (default mode, as analyze prints). */
static void no_money(const char *text)
{
	struct nm_doc *doc = run(text, 0);
	for (size_t i = 0; i < doc->n_mentions; i++) {
		const struct nm_mention *m = &doc->mentions[i];
		if (m->kind == NM_MENTION_MONEY || m->kind == NM_MENTION_PRICE ||
		    m->kind == NM_MENTION_PRICE_RANGE)
			fail_msg("'%s': unexpected mention '%.*s'", text,
				 (int)(m->span.end - m->span.start), doc->text + m->span.start);
	}
	nm_doc_free(doc);
}

static void fractions(void **state)
{
	value_is("Then two thirds agreed.", "two thirds", 2.0 / 3, NULL);
	value_is("Add one eighth now.", "one eighth", 0.125, NULL);
	value_is("It was five halves.", "five halves", 2.5, NULL);
	value_is("Take seven and a half.", "seven and a half", 7.5, NULL);
	value_is("We counted forty and three quarters.", "forty and three quarters", 40.75, NULL);
	value_is("A total of two hundred and seven tenths.", "two hundred and seven tenths", 200.7,
		 NULL);
	/* after a magnitude, the fraction is of that magnitude */
	value_is("They sold four million and a half.", "four million and a half", 4.5e6, NULL);
	value_is("They sold nine billion and one quarter.", "nine billion and one quarter",
		 9.25e9, NULL);
	/* a magnitude after the fraction multiplies it */
	value_is("It holds eight and a half million.", "eight and a half million", 8.5e6, NULL);
	value_is("It is three quarters billion.", "three quarters billion", 0.75e9, NULL);
	value_is("It is one third of a million.", "one third of a million", 1e6 / 3, NULL);
	value_is("It costs half million euros.", "half million euros", 5e5, "EUR");
	value_is("They paid a quarter million dollars.", "a quarter million dollars", 2.5e5, "USD");
	/* words that run into the denominator */
	value_is("It is one hundred twenty-fifths.", "one hundred twenty-fifths", 100.0 / 25, NULL);
	value_is("It is one hundred twenty three fifths.", "one hundred twenty three fifths",
		 123.0 / 5, NULL);
}

static void points_ratios_mixed(void **state)
{
	value_is("It read three point one four.", "three point one four", 3.14, NULL);
	value_is("It read 7 point 25.", "7 point 25", 7.25, NULL);
	value_is("It read point 5.", "point 5", 0.5, NULL);
	value_is("odds of one over four", "one over four", 0.25, NULL);
	value_is("three out of ten hundred", "three out of ten hundred", 0.003, NULL);
	value_is("It was 7 thousand 2 hundred and 15 in all.", "7 thousand 2 hundred and 15", 7215,
		 NULL);
	value_is("It was 9 hundred and six.", "9 hundred and six", 906, NULL);
	value_is("It was 2 crore and five hundred.", "2 crore and five hundred", 20000500, NULL);
	value_is("ELEVEN THOUSAND FORTY AND 50/100", "ELEVEN THOUSAND FORTY AND 50/100", 11040.5,
		 NULL);
	value_is("two million, six hundred and one", "two million, six hundred and one", 2000601,
		 NULL);
	/* a magnitude never follows itself: two numbers */
	value_is("five thousand thousand", "five thousand", 5000, NULL);
	value_is("five thousand thousand", "thousand", 1000, NULL);
	/* ... and a comma before a larger group is a list */
	value_is("six thousand, two million", "six thousand", 6000, NULL);
	value_is("six thousand, two million", "two million", 2e6, NULL);
}

static void digits_forms(void **state)
{
	/* powers and scientific notation */
	value_is("It is 2.5^3 now.", "2.5^3", 15.625, NULL);
	value_is("It is 10^-2 now.", "10^-2", 0.01, NULL);
	value_is("a factor of 4.1x10^3 more", "4.1x10^3", 4100, NULL);
	value_is("a factor of 3.5\xC3\x97" "10\xE2\x88\x92" "4 less", "3.5\xC3\x97" "10\xE2\x88\x92" "4",
		 3.5e-4, NULL);
	/* Indian grouping */
	value_is("a sum of 4,56,789.50 rupees", "4,56,789.50 rupees", 456789.5, "INR");
	/* a code with a million prefix */
	value_is("losses of 45 MUSD were booked", "45 MUSD", 45e6, "USD");
	value_is("revenue of MEUR 7.5 in all", "MEUR 7.5", 7.5e6, "EUR");
	/* digits among magnitude words, with what follows them */
	value_is("a bill of 20 thousand million dollars", "20 thousand million dollars", 2e10, "USD");
	value_is("up 2 hundred and 12 percent", "2 hundred and 12 percent", 212, NULL);
	value_is("It costs 75,- \xE2\x82\xAC.", "75,- \xE2\x82\xAC", 75, "EUR");
	value_is("The score was nought.", "nought", 0, NULL);
	value_is("back in the 1980s", "1980", 1980, NULL);
	/* "dozen" multiplies the word before it */
	value_is("four hundred and three dozen", "four hundred and three dozen", 436, NULL);
	value_is("It was 5 dzs.", "5 dzs", 60, NULL);
	/* an improper fraction after "and" is one fraction */
	value_is("two hundred and forty-one thirds", "two hundred and forty-one thirds", 241.0 / 3,
		 NULL);
	/* an uncertainty is not an amount of its own */
	struct nm_doc *doc = run("It weighs 12.5\xC2\xB1" "0.2 pounds.", NM_MENTIONS_NUMBERS);
	assert_null(find(doc, "0.2 pounds", -1));
	nm_doc_free(doc);
	/* an age in words is a number, not a span of time */
	doc = run("She is forty years old.", NM_MENTIONS_NUMBERS);
	const struct nm_mention *m = find(doc, "forty", -1);
	assert_non_null(m);
	assert_int_equal(m->kind, NM_MENTION_NUMBER);
	nm_doc_free(doc);
	doc = run("The fund is forty years in the making.", NM_MENTIONS_NUMBERS);
	assert_non_null(m = find(doc, "forty years", -1));
	assert_int_equal(m->kind, NM_MENTION_DURATION);
	nm_doc_free(doc);
}

static void negatives(void **state)
{
	/* ordinals alone are no fractions */
	struct nm_doc *doc = run("The third attempt and the fifth.", NM_MENTIONS_NUMBERS);
	assert_int_equal(doc->n_mentions, 0);
	nm_doc_free(doc);
	/* "quarters" alone is a span of time */
	doc = run("over the past three quarters", NM_MENTIONS_NUMBERS);
	const struct nm_mention *m = find(doc, "three quarters", -1);
	assert_non_null(m);
	assert_int_equal(m->kind, NM_MENTION_DURATION);
	nm_doc_free(doc);
	/* a ratio never runs into a time unit */
	doc = run("BTC rose 5 over 3 days.", NM_MENTIONS_NUMBERS);
	assert_non_null(m = find(doc, "3 days", -1));
	assert_int_equal(m->kind, NM_MENTION_DURATION);
	nm_doc_free(doc);
	/* "one" after a determiner is a pronoun, unless a number word follows */
	doc = run("I want that one and this one.", NM_MENTIONS_NUMBERS);
	assert_int_equal(doc->n_mentions, 0);
	nm_doc_free(doc);
	value_is("He took the one hundred dollars.", "one hundred dollars", 100, "USD");
	/* "two and a half years" stays a duration's words, never money */
	no_money("Bitcoin fell for two and a half years.");
	no_money("One of the largest funds saw a second wave of selling.");
	no_money("In the third quarter, half of the traders sold.");
	no_money("At one point three exchanges halted withdrawals.");
	no_money("BTC rose 5 over 3 days, then one over the other.");
	no_money("Ether lost a quarter of its value.");
	/* money next to such words keeps its own reading */
	value_is("Bitcoin lost half its value, $1.2 billion.", "$1.2 billion", 1.2e9, "USD");
}

/* Coins and slang count in their currency, only where the phrase ends. */
static void coins_and_slang(void **state)
{
	value_is("He paid 10 grand for it.", "10 grand", 10000, "USD");
	value_is("It cost a grand.", "a grand", 1000, "USD");
	value_is("twenty nickels", "twenty nickels", 1, "USD");
	value_is("Give me a nickel.", "a nickel", 0.05, "USD");
	no_money("It was a grand total of nothing.");
	no_money("The grand jury met.");
	no_money("Indonesia opened a nickel mine.");
	no_money("They own 5 nickel smelters.");
	no_money("It is a nickel, copper and zinc miner.");
	no_money("grand");
	/* a range's end without a currency of its own is a number, not money */
	struct nm_doc *doc = run("7-9 lakh rupees", NM_MENTIONS_NUMBERS);
	const struct nm_mention *m = find(doc, "7", -1);
	assert_non_null(m);
	assert_int_equal(m->kind, NM_MENTION_NUMBER);
	assert_non_null(m = find(doc, "7-9 lakh rupees", NM_MENTION_PRICE_RANGE));
	assert_true(m->low == 7e5 && m->high == 9e5);
	nm_doc_free(doc);
	/* "from X and Y" reads as "between X and Y" */
	doc = run("from 1 point 5 and two point five dollars", NM_MENTIONS_NUMBERS);
	int ranges = 0;
	for (size_t i = 0; i < doc->n_mentions; i++)
		if (doc->mentions[i].kind == NM_MENTION_PRICE_RANGE) {
			ranges++;
			assert_true(doc->mentions[i].low == 1.5 && doc->mentions[i].high == 2.5);
		}
	assert_int_equal(ranges, 1);
	nm_doc_free(doc);
	/* ... but "X and Y" alone is two amounts */
	doc = run("It took $5 and $6.", 0);
	assert_null(find(doc, "$5 and $6", NM_MENTION_PRICE_RANGE));
	nm_doc_free(doc);
}

/* "a" and "an" start a pattern only before a word of numword, currency_name or
 * currency_coin (start_word "before:"): those readings stay, in any case and past blanks
 * or a hyphen. */
static void conditional_start_words(void **state)
{
	value_is("They raised a hundred million dollars.", "a hundred million dollars", 1e8, "USD");
	value_is("A Hundred Dollars was the prize.", "A Hundred Dollars", 100, "USD");
	value_is("It costs a dollar.", "a dollar", 1, "USD");
	value_is("It costs an euro.", "an euro", 1, "EUR");
	value_is("It cost a\tthousand dollars.", "a\tthousand dollars", 1000, "USD");
	value_is("They paid a-half million dollars.", "a-half million dollars", 5e5, "USD");
	no_money("It was a new high, a big day and an odd one.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fractions),
		cmocka_unit_test(points_ratios_mixed),
		cmocka_unit_test(digits_forms),
		cmocka_unit_test(negatives),
		cmocka_unit_test(coins_and_slang),
		cmocka_unit_test(conditional_start_words),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
