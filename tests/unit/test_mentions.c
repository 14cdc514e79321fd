/* tests/unit/test_mentions.c — the mention layer through extract/extract.h: each form of
 * money, number, range, percent, duration and asset; binding to asset and role; the
 * negatives (years, Web3, 1inch, Q3, phone numbers, dates); rule-file errors; the
 * bench's trace of match attempts; and the seed article's required mentions (read from
 * $SHARED or ../shared, skipped if absent). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "extract/extract.h"
#include "extract/mentions_int.h" /* mentions_traced() */
#include "tests/unit/fuzz_replay.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The libFuzzer targets, linked in to replay their seeds and crash reproducers. */
#define LLVMFuzzerTestOneInput fuzz_rules_one
#include "fuzz/rules.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_mentions_one
#include "fuzz/mentions.c"
#undef LLVMFuzzerTestOneInput

#include "tests/unit/mention_fixture.h"

static size_t count_kind(const struct nm_doc *doc, enum nm_mention_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < doc->n_mentions; i++)
		n += doc->mentions[i].kind == k;
	return n;
}

static void money_is(const char *text, const char *surf, double value, const char *cur)
{
	struct nm_doc *doc = run(text, 0);
	const struct nm_mention *m = find(doc, surf, -1);
	if (!m)
		fail_msg("no mention '%s' in '%s'", surf, text);
	assert_true(m->kind == NM_MENTION_MONEY || m->kind == NM_MENTION_PRICE);
	if (fabs(m->value - value) > 1e-9 * fabs(value))
		fail_msg("'%s': value %.17g, want %.17g", surf, m->value, value);
	assert_string_equal(m->currency, cur);
	nm_doc_free(doc);
}

static void number_is(const char *text, const char *surf, double value)
{
	value_is(text, surf, value, NULL);
}

static void money_forms(void **state)
{
	money_is("ETH lost $180 million.", "$180 million", 180e6, "USD");
	money_is("a $1.2B fund", "$1.2B", 1.2e9, "USD");
	money_is("a $1.2bn fund", "$1.2bn", 1.2e9, "USD");
	/* paragraphs glued without a blank: the magnitude still counts */
	money_is("liquidations soar to $573MAccording to data", "$573M", 573e6, "USD");
	money_is("a $5Bitcoin fund", "$5", 5, "USD");
	money_is("a 12-cent-a-share dividend", "12-cent", 12, "cent");
	money_is("It cost a million dollars.", "a million dollars", 1e6, "USD");
	money_is("raised USD 400m today", "USD 400m", 400e6, "USD");
	money_is("US$3.5 billion in bonds", "US$3.5 billion", 3.5e9, "USD");
	money_is("they lost 400 million dollars", "400 million dollars", 400e6, "USD");
	money_is("BTC at $92k", "$92k", 92e3, "USD");
	money_is("BTC at $92K", "$92K", 92e3, "USD");
	money_is("priced at 92,000 USD", "92,000 USD", 92e3, "USD");
	money_is("costs €5 now", "€5", 5, "EUR");
	money_is("costs £3.50 now", "£3.50", 3.5, "GBP");
	money_is("costs ¥100 now", "¥100", 100, "JPY");
	money_is("a loss of -$5 million", "-$5 million", -5e6, "USD");
	money_is("paid $1,200.50 for it", "$1,200.50", 1200.5, "USD");
	money_is("paid 1.200,50 € for it", "1.200,50 €", 1200.5, "EUR");
	money_is("paid 1 200 € for it", "1 200 €", 1200, "EUR");
	/* before a magnitude a lone "." is decimal, unless "000" follows it */
	money_is("a $1.250 billion wave", "$1.250 billion", 1.25e9, "USD");
	money_is("a liquidation of USD 20.000 million", "USD 20.000 million", 2e10, "USD");
	money_is("two billion dollars were lost", "two billion dollars", 2e9, "USD");
	/* a number before a coin's ticker is an amount of that coin where the phrase ends */
	money_is("Ripple unlocked 1 billion XRP from escrow.", "1 billion XRP", 1e9, "XRP");
	money_is("A whale moved 300,000,000 DOGE.", "300,000,000 DOGE", 3e8, "DOGE");
	money_is("About 1.2 million BNB were burned.", "About 1.2 million BNB", 1.2e6, "BNB");
	money_is("Records show 300 million XRP moved to Binance.", "300 million XRP", 3e8, "XRP");
	/* a fraction of a magnitude, with or without "of", a hyphen for a blank */
	money_is("Half a billion dollars was liquidated", "Half a billion dollars", 5e8, "USD");
	money_is("a half-billion dollar loss", "a half-billion dollar", 5e8, "USD");
	money_is("a quarter of a million dollars", "a quarter of a million dollars", 2.5e5, "USD");
	money_is("a $2.174T market", "$2.174T", 2.174e12, "USD");
	money_is("the fund holds 6.25 BTC", "6.25 BTC", 6.25, "BTC");
	money_is("it costs $20 and 43 cents", "$20 and 43 cents", 20.43, "USD");
	money_is("it costs 5 mn USD", "5 mn USD", 5e6, "USD");
	money_is("a 3 trillion dollar market", "3 trillion dollar", 3e12, "USD");
}

/* The world's other currency signs and local abbreviations: ISO codes where a sign names
 * one currency, a label where several share it; a magnitude letter glued to "$" or "/"
 * starts a currency instead. */
static void world_currencies(void **state)
{
	money_is("rent is 1,500 ৳ a month", "1,500 ৳", 1500, "BDT");
	money_is("a fee of ₲50,000", "₲50,000", 50000, "PYG");
	money_is("costs GH₵ 20 there", "GH₵ 20", 20, "GHS");
	money_is("sold for RD$2,500", "RD$2,500", 2500, "DOP");
	money_is("priced at J$300", "J$300", 300, "JMD");
	money_is("paid TSh 5,000", "TSh 5,000", 5000, "TZS");
	money_is("paid S/. 45.50", "S/. 45.50", 45.5, "PEN");
	money_is("paid Rs. 450 for it", "Rs. 450", 450, "INR"); /* the dot ends no sentence */
	money_is("a 100 ﷼ note", "100 ﷼", 100, "rial");
	money_is("it costs 1 T$ here", "1 T$", 1, "TOP");
	money_is("it costs 1 B/. here", "1 B/.", 1, "PAB");
	/* the magnitude stays a magnitude when no currency is glued to it */
	money_is("a $1 T fund", "$1 T", 1e12, "USD");
	money_is("a 2 B dollar fund", "2 B dollar", 2e9, "USD");
	/* units that share an abbreviation with a currency stay units */
	struct nm_doc *doc = run("The bridge is 5 KM long and 3 DT wide.", 0);
	assert_int_equal(count_kind(doc, NM_MENTION_MONEY), 0);
	nm_doc_free(doc);
}

static void number_forms(void **state)
{
	number_is("total 34,567,890 documents", "34,567,890", 34567890);
	number_is("The number is 1,3.", "1,3", 1.3);
	number_is("one hundred and forty two", "one hundred and forty two", 142);
	number_is("It is 1.2M.", "1.2M", 1.2e6);
	number_is("minus 5 here", "minus 5", -5);
	number_is("a 1e10 guess", "1e10", 1e10);
	number_is("2 1/4 cups", "2 1/4", 2.25);
	number_is("three thousand millions", "three thousand millions", 3e9);
}

static void percent_duration_forms(void **state)
{
	struct nm_doc *doc = run("BTC rose 5.2% and ETH fell -3 percent over the past week, "
				 "in 24 hours, after a 7-day slide.", 0);
	const struct nm_mention *m;
	assert_non_null(m = find(doc, "5.2%", NM_MENTION_PERCENT));
	assert_true(m->value == 5.2);
	assert_string_equal(m->asset, "BTC");
	assert_non_null(m = find(doc, "-3 percent", NM_MENTION_PERCENT));
	assert_true(m->value == -3);
	assert_non_null(m = find(doc, "the past week", NM_MENTION_DURATION));
	assert_true(m->value == 604800);
	assert_non_null(m = find(doc, "24 hours", NM_MENTION_DURATION));
	assert_true(m->value == 86400);
	assert_non_null(m = find(doc, "7-day", NM_MENTION_DURATION));
	assert_true(m->value == 7 * 86400);
	nm_doc_free(doc);
	/* a sentence glued to the last one's stop still starts a number; a decimal does not */
	doc = run("Fear spread across markets.24-hour liquidations hit $338 million.", 0);
	assert_non_null(m = find(doc, "24-hour", NM_MENTION_DURATION));
	assert_true(m->value == 86400);
	nm_doc_free(doc);
	/* a window of one unit after "in", "within", "over"; not the rate "a day" */
	doc = run("Longs lost $90M in an hour and $650M within a single day, about $60M a day.", 0);
	assert_non_null(m = find(doc, "an hour", NM_MENTION_DURATION));
	assert_true(m->value == 3600);
	assert_non_null(m = find(doc, "a single day", NM_MENTION_DURATION));
	assert_true(m->value == 86400);
	assert_null(find(doc, "a day", NM_MENTION_DURATION));
	nm_doc_free(doc);
	/* the units traders write glued: "24h", "4H", "7d" */
	doc = run("Longs lost $140M in 4H and $2.3B over 7d.", 0);
	assert_non_null(m = find(doc, "4H", NM_MENTION_DURATION));
	assert_true(m->value == 4 * 3600);
	assert_non_null(m = find(doc, "7d", NM_MENTION_DURATION));
	assert_true(m->value == 7 * 86400);
	nm_doc_free(doc);
	doc = run("BTC rose 1.24 percent.", 0);
	assert_non_null(m = find(doc, "1.24 percent", NM_MENTION_PERCENT));
	assert_null(find(doc, "24 percent", -1));
	nm_doc_free(doc);
}

static void range_is(const char *text, const char *surf, double lo, double hi)
{
	struct nm_doc *doc = run(text, 0);
	const struct nm_mention *m = find(doc, surf, NM_MENTION_PRICE_RANGE);
	if (!m)
		fail_msg("no range '%s' in '%s'", surf, text);
	if (isnan(lo) ? !isnan(m->low) : m->low != lo)
		fail_msg("'%s': low %g, want %g", surf, m->low, lo);
	if (isnan(hi) ? !isnan(m->high) : m->high != hi)
		fail_msg("'%s': high %g, want %g", surf, m->high, hi);
	nm_doc_free(doc);
}

static void range_forms(void **state)
{
	range_is("BTC met resistance at $92,000–$93,000.", "$92,000–$93,000", 92000, 93000);
	range_is("BTC traded from $92,800 to $93,900.", "from $92,800 to $93,900", 92800, 93900);
	range_is("BTC was rejected at $92,800 to $93,900.", "$92,800 to $93,900", 92800, 93900);
	range_is("BTC resistance between $92,000 and $93,000.", "between $92,000 and $93,000", 92000,
		 93000);
	range_is("BTC support at $92K-$93K.", "$92K-$93K", 92000, 93000);
	range_is("BTC price held at 10-20 dollars.", "10-20 dollars", 10, 20);
	range_is("If the BTC price breaks above $100K, bulls win.", "above $100K", 100000, NAN);
	range_is("The BTC price fell under $80,000 today.", "under $80,000", NAN, 80000);

	struct nm_doc *doc = run("Bitcoin held the $90,000 level.", 0);
	const struct nm_mention *m = find(doc, "$90,000", NM_MENTION_PRICE);
	assert_non_null(m);
	assert_string_equal(m->asset, "BTC");
	assert_string_equal(m->role, "price");
	nm_doc_free(doc);

	/* a zone without a currency or an asset, written as prices are, is a level range;
	 * small whole numbers are hours, days or an indicator's periods */
	range_is("Price failed to hold above the 3,150–3,200 resistance zone.", "3,150–3,200", 3150, 3200);
	range_is("Bids were rejected near the 105.50–106.20 resistance zone.", "105.50–106.20", 105.5, 106.2);
	doc = run("The 12-26 EMA shows support. It broke the support level during hours 9-12.", 0);
	assert_int_equal(count_kind(doc, NM_MENTION_PRICE_RANGE), 0);
	nm_doc_free(doc);

	/* a range written downwards, both ends with a currency; or after "between" */
	range_is("SOL may drop to the $120 to $110 support zone.", "$120 to $110", 110, 120);
	range_is("ETH support lies between $2,700 and $2,450.", "between $2,700 and $2,450", 2450, 2700);
	range_is("BTC support lies between 92,000 and 90,000 dollars.", "between 92,000 and 90,000 dollars",
		 90000, 92000);

	doc = run("ETH fell from $4,400 to $3,700.", 0);
	assert_int_equal(count_kind(doc, NM_MENTION_PRICE_RANGE), 0);
	nm_doc_free(doc);
	doc = run("ETH suffered a decline from a daily high of $2,550 to $2,000.", 0); /* a move too */
	assert_int_equal(count_kind(doc, NM_MENTION_PRICE_RANGE), 0);
	nm_doc_free(doc);

	/* scraped text: a bare "92.3k" next to its asset and a price cue is a price level */
	doc = run("BTC at 90.9k after a 92.3k rejection.", 0);
	assert_non_null(m = find(doc, "92.3k", NM_MENTION_PRICE));
	assert_true(m->value == 92300);
	assert_string_equal(m->asset, "BTC");
	assert_string_equal(m->currency, "USD");
	nm_doc_free(doc);
	/* ... but not without a price cue or an asset */
	doc = run("BTC addresses grew by 92.3k last month. The 5k rejection.", 0);
	assert_int_equal(count_kind(doc, NM_MENTION_PRICE), 0);
	nm_doc_free(doc);
	/* chart columns quote levels grouped in thousands without a currency */
	doc = run("Bitcoin met resistance at 68,600 again this week.", 0);
	assert_non_null(m = find(doc, "68,600", NM_MENTION_PRICE));
	assert_true(m->value == 68600);
	assert_string_equal(m->asset, "BTC");
	assert_string_equal(m->role, "resistance");
	nm_doc_free(doc);
	/* ... not counts, nor ungrouped numbers, nor numbers without a price cue */
	doc = run("Bitcoin met resistance at 68600. Bitcoin has 21,000 nodes. Ether fell "
		  "as 1,250,000 coins moved. The 12,500 level held. Ether support came from 4,000 "
		  "addresses. Bitcoin shorts at a high of 11,057 contracts.", 0);
	assert_int_equal(count_kind(doc, NM_MENTION_PRICE), 0);
	nm_doc_free(doc);

	/* numbers mode: unit-less ranges and open bounds */
	doc = run("The number is between 20 and 30.", NM_MENTIONS_NUMBERS);
	assert_non_null(m = find(doc, "between 20 and 30", NM_MENTION_PRICE_RANGE));
	assert_true(m->low == 20 && m->high == 30);
	nm_doc_free(doc);
	/* an open bound written after the amount, unless it leads to another amount */
	doc = run("There are 500 or more of them.", NM_MENTIONS_NUMBERS);
	assert_non_null(m = find(doc, "500 or more", NM_MENTION_PRICE_RANGE));
	assert_true(m->low == 500 && isnan(m->high));
	nm_doc_free(doc);
	doc = run("The number is above 1000 and below 1500.", NM_MENTIONS_NUMBERS);
	assert_non_null(m = find(doc, "above 1000 and below 1500", NM_MENTION_PRICE_RANGE));
	assert_true(m->low == 1000 && m->high == 1500);
	nm_doc_free(doc);
	/* opposite bounds in the wrong order are two ranges */
	doc = run("More than 40 and less than 10 are two ranges.", NM_MENTIONS_NUMBERS);
	assert_non_null(m = find(doc, "More than 40", NM_MENTION_PRICE_RANGE));
	assert_true(m->low == 40 && isnan(m->high));
	assert_non_null(m = find(doc, "less than 10", NM_MENTION_PRICE_RANGE));
	assert_true(isnan(m->low) && m->high == 10);
	nm_doc_free(doc);
	doc = run("+1-222-2222-2222 is a phone number.", NM_MENTIONS_NUMBERS);
	assert_int_equal(count_kind(doc, NM_MENTION_PRICE_RANGE), 0);
	nm_doc_free(doc);
}

static void qualifier_is(const char *text, const char *surf, enum nm_qualifier q)
{
	struct nm_doc *doc = run(text, 0);
	const struct nm_mention *m = find(doc, surf, -1);
	if (!m)
		fail_msg("no mention '%s' in '%s'", surf, text);
	assert_int_equal(m->qualifier, q);
	nm_doc_free(doc);
}

static void qualifiers(void **state)
{
	qualifier_is("Liquidations hit over $400 million.", "over $400 million", NM_QUAL_AT_LEAST);
	qualifier_is("Liquidations hit more than $400 million.", "more than $400 million",
		     NM_QUAL_AT_LEAST);
	qualifier_is("Liquidations hit nearly $400 million.", "nearly $400 million", NM_QUAL_AT_MOST);
	qualifier_is("Liquidations hit almost $400 million.", "almost $400 million", NM_QUAL_AT_MOST);
	qualifier_is("Liquidations hit up to $400 million.", "up to $400 million", NM_QUAL_AT_MOST);
	qualifier_is("Liquidations hit about $400 million.", "about $400 million", NM_QUAL_ABOUT);
	qualifier_is("Liquidations hit roughly $400 million.", "roughly $400 million", NM_QUAL_ABOUT);
	qualifier_is("Liquidations hit ~$400 million.", "~$400 million", NM_QUAL_ABOUT);
	qualifier_is("Liquidations hit $400 million.", "$400 million", NM_QUAL_NONE);
	/* a total that went past an amount is at least it, as after "exceeded" */
	qualifier_is("Liquidations topped $700 million.", "topped $700 million", NM_QUAL_AT_LEAST);
	qualifier_is("Liquidations on LUNA crossed $106 million.", "crossed $106 million", NM_QUAL_AT_LEAST);
	qualifier_is("Bitcoin breached $100,000 for the first time.", "breached $100,000", NM_QUAL_AT_LEAST);
	qualifier_is("Bitcoin is trading near $90,000.", "near $90,000", NM_QUAL_ABOUT);
	/* a lower bound glued after a sum; not a sum of two */
	qualifier_is("Liquidations of $400M+ hit longs.", "$400M+", NM_QUAL_AT_LEAST);
	qualifier_is("a $1.2 billion-plus wave", "$1.2 billion-plus", NM_QUAL_AT_LEAST);
	qualifier_is("$4M+$2M in total", "$4M", NM_QUAL_NONE);
	/* "traded near" is a price, as "traded at" */
	struct nm_doc *doc = run("Dogecoin traded near 17 cents.", 0);
	const struct nm_mention *m = find(doc, "near 17 cents", -1);
	assert_non_null(m);
	assert_int_equal(m->kind, NM_MENTION_PRICE);
	assert_string_equal(m->role, "price");
	nm_doc_free(doc);
}

static const char *asset_at(const struct nm_doc *doc, const char *surf)
{
	const struct nm_mention *m = find(doc, surf, NM_MENTION_ASSET);
	return m ? m->asset : NULL;
}

static void assets(void **state)
{
	struct nm_doc *doc = run("Ether, XBT, Binance Coin, BNB, $SOL, $btc, USDT, USDC and the total "
				 "crypto market cap. Bitcoin Cash is not Bitcoin.", 0);
	assert_string_equal(asset_at(doc, "Ether"), "ETH");
	assert_string_equal(asset_at(doc, "XBT"), "BTC");
	assert_string_equal(asset_at(doc, "Binance Coin"), "BNB");
	assert_string_equal(asset_at(doc, "BNB"), "BNB");
	assert_string_equal(asset_at(doc, "$SOL"), "SOL");
	assert_string_equal(asset_at(doc, "$btc"), "BTC");
	assert_string_equal(asset_at(doc, "USDT"), "USDT");
	assert_string_equal(asset_at(doc, "USDC"), "USDC");
	assert_string_equal(asset_at(doc, "total crypto market cap"), "TOTAL");
	assert_string_equal(asset_at(doc, "Bitcoin Cash"), "BCH");
	assert_string_equal(asset_at(doc, "Bitcoin"), "BTC");
	nm_doc_free(doc);
	/* newer tokens the derivatives news reports on */
	doc = run("Pudgy Penguins (PENGU) and Fartcoin led, ahead of Berachain.", 0);
	assert_string_equal(asset_at(doc, "Pudgy Penguins"), "PENGU");
	assert_string_equal(asset_at(doc, "PENGU"), "PENGU");
	assert_string_equal(asset_at(doc, "Fartcoin"), "FARTCOIN");
	assert_string_equal(asset_at(doc, "Berachain"), "BERA");
	nm_doc_free(doc);

	/* English words stay words */
	doc = run("ONE OF THE BEST: click the LINK, get NEAR the GAS station, OP ED, DOT matrix, "
		  "a sol-gel process. The avalanche risk is high.", 0);
	assert_int_equal(count_kind(doc, NM_MENTION_ASSET), 0);
	nm_doc_free(doc);

	/* with context they are assets */
	doc = run("Chainlink (LINK) and $NEAR rallied; LINK price jumped; BTC, ETH and DOT fell.", 0);
	assert_string_equal(asset_at(doc, "Chainlink"), "LINK");
	assert_string_equal(asset_at(doc, "LINK"), "LINK");
	assert_string_equal(asset_at(doc, "$NEAR"), "NEAR");
	assert_string_equal(asset_at(doc, "DOT"), "DOT");
	nm_doc_free(doc);

	/* a pair is its base's */
	const struct nm_mention *m;
	doc = run("If bulls fail, the BTC/USDT pair could slide to $81,000. An ETH-USDT position "
		  "worth $12.5 million was closed.", 0);
	assert_non_null(m = find(doc, "$81,000", NM_MENTION_PRICE));
	assert_string_equal(m->role, "price");
	assert_string_equal(m->asset, "BTC");
	assert_non_null(m = find(doc, "$12.5 million", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "ETH");
	nm_doc_free(doc);
	/* ... and names no asset of its own: the quote (list pair_quote) is no mention; a
	 * pair glued in capitals is its base ("BTCUSDT", "LINKUSDT", not an English word's
	 * ambiguity); a stablecoin alone or as a base stays one */
	doc = run("The ETH/USDT pair fell. BTCUSDT perpetual futures longs liquidated $120 million. "
		  "LINKUSDT slid. The USDC/USDT spread widened as USDT supply grew. BITCOIN rose.", 0);
	assert_int_equal(count_kind(doc, NM_MENTION_ASSET), 6);
	assert_string_equal(asset_at(doc, "ETH"), "ETH");
	assert_string_equal(asset_at(doc, "BTCUSDT"), "BTC");
	assert_string_equal(asset_at(doc, "LINKUSDT"), "LINK");
	assert_string_equal(asset_at(doc, "USDC"), "USDC");
	assert_non_null(m = find(doc, "$120 million", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "BTC");
	nm_doc_free(doc);

	/* an exchange is no asset: Hyperliquid is where positions were liquidated */
	doc = run("Hyperliquid saw $200 million in liquidations, most of them ETH longs.", 0);
	assert_int_equal(count_kind(doc, NM_MENTION_ASSET), 1);
	assert_string_equal(asset_at(doc, "ETH"), "ETH");
	nm_doc_free(doc);

	/* a text that names the asset makes its ticker the asset anywhere in it */
	doc = run("Polkadot and Avalanche took different paths on Tuesday.\n\n"
		  "DOT held support at $4.10 for the fourth time in a month.", 0);
	assert_int_equal(count_kind(doc, NM_MENTION_ASSET), 3);
	assert_string_equal(asset_at(doc, "DOT"), "DOT");
	nm_doc_free(doc);
	doc = run("Avalanche took a different path on Tuesday.\n\nDOT held the line, the "
		  "transport department said.", 0);
	assert_int_equal(count_kind(doc, NM_MENTION_ASSET), 1);
	nm_doc_free(doc);
}

static void binding(void **state)
{
	struct nm_doc *doc = run("ETH $180M, BTC $177M. Bitcoin registering $117 million in "
				 "liquidations. ETH led with $180M in liquidations. The market lost "
				 "$400M while BTC held.", 0);
	const struct nm_mention *m;
	assert_non_null(m = find(doc, "$180M", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "ETH");
	assert_non_null(m = find(doc, "$177M", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "BTC");
	assert_non_null(m = find(doc, "$117 million", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "BTC");
	assert_string_equal(m->role, "liquidations");
	assert_true(m->confidence > 0.5 && m->confidence <= 1);
	assert_non_null(m = find(doc, "$400M", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "");
	nm_doc_free(doc);

	/* the asset before has its own amount; the next one names its asset after it */
	doc = run("Ether futures lost $236 million, nearly double the $125 million on bitcoin "
		  "futures. Ether made up $202M of margin calls, while $154.4 million worth of BTC "
		  "positions were taken out. Solana lost $40M, then $12M in a day. USDe fell from "
		  "$1.00 to $0.65 on the USDe/USDT pair.", 0);
	assert_non_null(m = find(doc, "$236 million", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "ETH");
	assert_non_null(m = find(doc, "$125 million", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "BTC");
	assert_non_null(m = find(doc, "$154.4 million", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "BTC");
	assert_non_null(m = find(doc, "$12M", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "SOL"); /* no asset after it */
	assert_non_null(m = find(doc, "$0.65", NM_MENTION_PRICE));
	assert_string_equal(m->asset, "USDE"); /* a move, not a second sum */
	nm_doc_free(doc);

	/* a participle after a comma moves the quantity the subject names */
	doc = run("Ethereum liquidations accounted for around 32% of the total, reaching $105.13 "
		  "million. Ethereum rejected at $4,800 resistance, dropping 3% to $4,450.", 0);
	assert_non_null(m = find(doc, "$105.13 million", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "ETH");
	assert_string_equal(m->role, "liquidations");
	assert_non_null(m = find(doc, "$4,450", NM_MENTION_PRICE));
	assert_string_equal(m->role, "price"); /* a level's cue is no subject */
	nm_doc_free(doc);

	doc = run("ETH volume hit $2 billion. Open interest rose to $30 billion.\nBTC\n$5 million", 0);
	assert_non_null(m = find(doc, "$2 billion", NM_MENTION_MONEY));
	assert_string_equal(m->role, "volume");
	assert_non_null(m = find(doc, "$30 billion", NM_MENTION_MONEY));
	assert_string_equal(m->role, "open_interest");
	assert_string_equal(m->asset, ""); /* not across the sentence boundary */
	assert_non_null(m = find(doc, "$5 million", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "");
	nm_doc_free(doc);

	/* a mention never crosses a sentence boundary */
	doc = run("It cost $5.\nMillion people", NM_MENTIONS_NUMBERS);
	assert_null(find(doc, "$5.\nMillion", -1));
	nm_doc_free(doc);
	/* a role word in an aside loses to one in the amount's own clause */
	doc = run("Solana, the fifth-largest coin by market cap, saw $31 million in "
		  "liquidations.", 0);
	assert_non_null(m = find(doc, "$31 million", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "SOL");
	assert_string_equal(m->role, "liquidations");
	nm_doc_free(doc);
	/* "by X to Y" is a change, then a level, not a range */
	doc = run("Solana open interest dropped by $1.1 billion to $4.3 billion.", 0);
	assert_null(find(doc, "$1.1 billion to $4.3 billion", NM_MENTION_PRICE_RANGE));
	assert_non_null(m = find(doc, "$4.3 billion", NM_MENTION_MONEY));
	assert_string_equal(m->role, "open_interest");
	nm_doc_free(doc);
	/* a sum's cue after a later amount is that amount's; a list of amounts shares it */
	doc = run("Bitcoin slid 4% to $88,400 on Tuesday as more than $520 million in long "
		  "positions were liquidated. BTC and ETH saw $117 million and $60 million in "
		  "liquidations.", 0);
	assert_non_null(m = find(doc, "$88,400", NM_MENTION_PRICE));
	assert_string_equal(m->role, "price"); /* a move to a level: move_role */
	assert_non_null(m = find(doc, "4%", NM_MENTION_PERCENT));
	assert_string_equal(m->role, "price");
	assert_non_null(m = find(doc, "more than $520 million", NM_MENTION_MONEY));
	assert_string_equal(m->role, "liquidations");
	assert_non_null(m = find(doc, "$117 million", NM_MENTION_MONEY));
	assert_string_equal(m->role, "liquidations");
	assert_non_null(m = find(doc, "$60 million", NM_MENTION_MONEY));
	assert_string_equal(m->role, "liquidations");
	nm_doc_free(doc);
	/* a move to a level is what its subject is: an asset's price, or the subject cue's
	 * role; the nearest cue, in another clause, loses */
	doc = run("Shorts worth $78.4M were squeezed as BNB jumped 9% to $612. Cardano (ADA) "
		  "briefly fell by 3.2% to $0.452. Ether dropped to $2,950, triggering $95 million "
		  "in long liquidations. ETF inflows rose 20% to $1.2 billion. Bitcoin funds "
		  "gained $500 million in inflows.", 0);
	assert_non_null(m = find(doc, "$78.4M", NM_MENTION_MONEY));
	assert_string_equal(m->role, "liquidations");
	assert_non_null(m = find(doc, "$612", NM_MENTION_PRICE));
	assert_string_equal(m->asset, "BNB");
	assert_string_equal(m->role, "price");
	assert_non_null(m = find(doc, "9%", NM_MENTION_PERCENT));
	assert_string_equal(m->role, "price");
	assert_non_null(m = find(doc, "$0.452", NM_MENTION_PRICE));
	assert_string_equal(m->asset, "ADA");
	assert_non_null(m = find(doc, "$2,950", NM_MENTION_PRICE));
	assert_string_equal(m->asset, "ETH");
	assert_non_null(m = find(doc, "$95 million", NM_MENTION_MONEY));
	assert_string_equal(m->role, "liquidations");
	assert_non_null(m = find(doc, "$1.2 billion", NM_MENTION_MONEY));
	assert_string_equal(m->role, "inflows");
	assert_non_null(m = find(doc, "20%", NM_MENTION_PERCENT));
	assert_string_equal(m->role, "inflows");
	/* a sum right after the verb may be a flow, not a price change */
	assert_non_null(m = find(doc, "$500 million", NM_MENTION_MONEY));
	assert_string_equal(m->role, "inflows");
	nm_doc_free(doc);
	/* a subject whose name has several words */
	doc = run("Bitcoin Cash fell 4% to $310 as $20M in shorts were liquidated.", 0);
	assert_non_null(m = find(doc, "$310", NM_MENTION_PRICE));
	assert_string_equal(m->asset, "BCH");
	assert_non_null(m = find(doc, "$20M", NM_MENTION_MONEY));
	assert_string_equal(m->role, "liquidations");
	nm_doc_free(doc);
	/* an auxiliary as the verb, particles and a window around the change, a pair, and a
	 * causing verb before its object */
	doc = run("BTC is down 3% at $59,800. Dogecoin jumped 15% in 24 hours to $0.21. ETH/USD "
		  "fell back to $2,880. The $3,200 resistance held, sending ETH back to $3,000.", 0);
	assert_non_null(m = find(doc, "$59,800", NM_MENTION_PRICE));
	assert_string_equal(m->asset, "BTC");
	assert_non_null(m = find(doc, "3%", NM_MENTION_PERCENT));
	assert_string_equal(m->role, "price");
	assert_non_null(m = find(doc, "$0.21", NM_MENTION_PRICE));
	assert_string_equal(m->asset, "DOGE");
	assert_non_null(m = find(doc, "$2,880", NM_MENTION_PRICE));
	assert_string_equal(m->asset, "ETH");
	assert_non_null(m = find(doc, "$3,000", NM_MENTION_PRICE));
	assert_string_equal(m->role, "price");
	assert_non_null(m = find(doc, "$3,200", NM_MENTION_PRICE));
	assert_string_equal(m->role, "resistance");
	nm_doc_free(doc);
	/* a level crossed: "fell below $2K" is an open price range, not money "at most" */
	doc = run("Ether fell below $2K for the first time since March. Liquidations rose over "
		  "$500 million.", 0);
	assert_non_null(m = find(doc, "below $2K", NM_MENTION_PRICE_RANGE));
	assert_true(isnan(m->low) && m->high == 2000);
	assert_string_equal(m->asset, "ETH");
	assert_non_null(m = find(doc, "over $500 million", NM_MENTION_MONEY));
	assert_string_equal(m->role, "liquidations");
	nm_doc_free(doc);
	/* a cue in brackets right after an amount is that amount's; demand and supply zones
	 * are support and resistance */
	doc = run("SOL's key levels are $180 (support) and $205 (resistance). A drop toward the "
		  "$110-$115 demand zone looks likely.", 0);
	assert_non_null(m = find(doc, "$180", NM_MENTION_PRICE));
	assert_string_equal(m->role, "support");
	assert_non_null(m = find(doc, "$205", NM_MENTION_PRICE));
	assert_string_equal(m->role, "resistance");
	assert_non_null(m = find(doc, "$110-$115", NM_MENTION_PRICE_RANGE));
	assert_string_equal(m->role, "support");
	nm_doc_free(doc);
	/* staying at a level too, the word before the amount or its qualifier ("near") */
	doc = run("Ether hovered near $3,050. The total crypto market value hovers around $3.9 "
		  "trillion. Rate-cut odds are hovering around 90%.", 0);
	assert_non_null(m = find(doc, "near $3,050", NM_MENTION_PRICE));
	assert_string_equal(m->role, "price");
	assert_non_null(m = find(doc, "around $3.9 trillion", NM_MENTION_MONEY));
	assert_string_equal(m->role, "market_cap");
	assert_non_null(m = find(doc, "around 90%", NM_MENTION_PERCENT));
	assert_string_equal(m->role, "");
	nm_doc_free(doc);
	/* a range the subject moved within or from; money taken in is an inflow, whatever
	 * the clause before said */
	doc = run("Bitcoin traded between $61,200 and $63,850 while ether ranged from $2,410 to "
		  "$2,530. BTC dropped from $122,000 to $105,000. Bitcoin funds saw outflows of "
		  "$287.5 million, while ether funds took in $12m.", 0);
	assert_non_null(m = find(doc, "between $61,200 and $63,850", NM_MENTION_PRICE_RANGE));
	assert_string_equal(m->role, "price");
	assert_non_null(m = find(doc, "from $2,410 to $2,530", NM_MENTION_PRICE_RANGE));
	assert_string_equal(m->asset, "ETH");
	assert_string_equal(m->role, "price");
	assert_non_null(m = find(doc, "$122,000", NM_MENTION_PRICE));
	assert_string_equal(m->asset, "BTC");
	assert_non_null(m = find(doc, "$12m", NM_MENTION_MONEY));
	assert_string_equal(m->role, "inflows");
	nm_doc_free(doc);
	/* a colon right after the asset labels the amount; further on it breaks the clause */
	doc = run("Liquidations by coin: BTC: $117M, ETH: $180M. Bitcoin: the $90M question.", 0);
	assert_non_null(m = find(doc, "$117M", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "BTC");
	assert_non_null(m = find(doc, "$180M", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "ETH");
	assert_non_null(m = find(doc, "$90M", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "");
	nm_doc_free(doc);
	/* "respectively" pairs a list of assets with a list of as many amounts */
	doc = run("Bitcoin and Ether saw $117M and $180M respectively. Liquidations of $9M and "
		  "$4M hit SOL, XRP and ADA respectively.", 0);
	assert_non_null(m = find(doc, "$117M", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "BTC");
	assert_non_null(m = find(doc, "$180M", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "ETH");
	assert_non_null(m = find(doc, "$9M", NM_MENTION_MONEY));
	assert_string_not_equal(m->asset, "SOL"); /* two amounts, three assets: no pairs */
	nm_doc_free(doc);
	/* a subject may end with a noun after its asset; "targets" names price levels */
	doc = run("The $TRUMP memecoin jumped 12% to $14.20, with targets at $16 and $18.", 0);
	assert_non_null(m = find(doc, "$14.20", NM_MENTION_PRICE));
	assert_string_equal(m->asset, "TRUMP");
	assert_string_equal(m->role, "price");
	assert_non_null(m = find(doc, "$16", NM_MENTION_PRICE));
	assert_string_equal(m->role, "price");
	nm_doc_free(doc);
	/* a bound before "the" when the amount names a milestone; not "about the ... mark" */
	doc = run("Liquidations surpassed the $1 billion mark as Bitcoin fell below the $90,000 "
		  "level. Talks were about the $5 million mark.", 0);
	assert_non_null(m = find(doc, "surpassed the $1 billion", NM_MENTION_MONEY));
	assert_int_equal(m->qualifier, NM_QUAL_AT_LEAST);
	assert_string_equal(m->role, "liquidations");
	assert_non_null(m = find(doc, "below the $90,000", NM_MENTION_PRICE_RANGE));
	assert_true(m->high == 90000 && isnan(m->low));
	assert_non_null(m = find(doc, "$5 million", -1));
	assert_int_equal(m->qualifier, NM_QUAL_NONE);
	nm_doc_free(doc);
	/* "liquidation volume" is liquidations */
	doc = run("Liquidation volume reached $1.2 billion.", 0);
	assert_non_null(m = find(doc, "$1.2 billion", NM_MENTION_MONEY));
	assert_string_equal(m->role, "liquidations");
	nm_doc_free(doc);
	/* an asset after a preposition binds only within its phrase: "$2B worth of ETH",
	 * not "$1 billion on Thursday, and Ether led" */
	doc = run("Liquidations reached $1 billion on Thursday, and Ether led the way with $400 million.", 0);
	assert_non_null(m = find(doc, "$1 billion", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "");
	assert_non_null(m = find(doc, "$400 million", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "ETH");
	nm_doc_free(doc);
	/* a label with its ticker in brackets */
	doc = run("1. Bitcoin (BTC): $91,200, +1.2%", 0);
	assert_non_null(m = find(doc, "$91,200", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "BTC");
	nm_doc_free(doc);
	/* a level reached: the subject says what the amount is */
	doc = run("Crypto liquidations hit $2B as BTC briefly hit $81K.", 0);
	assert_non_null(m = find(doc, "$2B", NM_MENTION_MONEY));
	assert_string_equal(m->role, "liquidations");
	assert_non_null(m = find(doc, "$81K", NM_MENTION_PRICE));
	assert_string_equal(m->asset, "BTC");
	assert_string_equal(m->role, "price");
	nm_doc_free(doc);
	/* a level's noun phrase between the move and the amount: "a three-week low of",
	 * "a record above", "a fresh high of"; a phrase that names its role keeps it */
	static const struct {
		const char *text, *amount;
		enum nm_mention_kind kind;
		const char *asset, *role;
	} levels[] = {
		{"Solana dropped to a three-week low of $118 as longs were liquidated.", "$118",
		 NM_MENTION_PRICE, "SOL", "price"},
		{"Bitcoin climbed to a record above $118,000, triggering short liquidations.",
		 "above $118,000", NM_MENTION_PRICE_RANGE, "BTC", "price"},
		{"Ether hit a fresh high of $4,900 before liquidations piled up.", "$4,900",
		 NM_MENTION_PRICE, "ETH", "price"},
		{"Liquidations climbed to a three-month high of $2 billion.", "$2 billion",
		 NM_MENTION_MONEY, "", "liquidations"},
		{"The price could drop until ETH reaches the next support level at $1,500.", "$1,500",
		 NM_MENTION_PRICE, "ETH", "support"},
		/* a participle after a comma moves the sentence's subject */
		{"Bitcoin dropped 6% on Thursday, falling from $97,400 to a low of $91,200 as long "
		 "liquidations swept the market.", "$91,200", NM_MENTION_PRICE, "BTC", "price"},
		{"Liquidations jumped on Monday, climbing to $2 billion by the evening.", "$2 billion",
		 NM_MENTION_MONEY, "", "liquidations"},
		/* ... and so does "now at" after a comma, past an opening phrase */
		{"Over the past week, AVAX has shed 12% of its value, now at $24.60.", "$24.60",
		 NM_MENTION_PRICE, "AVAX", "price"},
		/* the quantity of an asset moved, not its price; "the token" is the asset's */
		{"Trading volume for XRP surged 150% to $9.8 billion in 24 hours.", "$9.8 billion",
		 NM_MENTION_MONEY, "XRP", "volume"},
		{"Long liquidations on ETH reached $210 million on Friday.", "$210 million",
		 NM_MENTION_MONEY, "ETH", "liquidations"},
		{"Solana's market cap slipped after the token fell 9% to $128.", "$128",
		 NM_MENTION_PRICE, "SOL", "price"},
		/* a level's noun right after it is its role; a change in percent is no level */
		{"Bitcoin tested $88,000 support and bounced 4% within hours.", "$88,000",
		 NM_MENTION_PRICE, "BTC", "support"},
		{"Bitcoin tested $88,000 support and bounced 4% within hours.", "4%",
		 NM_MENTION_PERCENT, "BTC", "price"},
		/* a place after the subject's head, an aside before the level: the head's */
		{"Bitcoin open interest on major exchanges has fallen 12% since last Thursday's "
		 "peak, from $31 billion to $27.3 billion, as longs were liquidated.",
		 "$31 billion", NM_MENTION_MONEY, "BTC", "open_interest"},
		{"Bitcoin open interest on major exchanges has fallen 12% since last Thursday's "
		 "peak, from $31 billion to $27.3 billion, as longs were liquidated.",
		 "$27.3 billion", NM_MENTION_MONEY, "BTC", "open_interest"},
		/* a price quoted in a stablecoin is the bound asset's; alone, the coin's own */
		{"ETH was rejected at 3,050 USDT on Binance.", "3,050 USDT", NM_MENTION_PRICE,
		 "ETH", "rejection"},
		{"Tether minted 1 billion USDT on Monday.", "1 billion USDT", NM_MENTION_MONEY,
		 "USDT", ""},
		{"Open interest on major venues climbed 8% to $9.1 billion, as short "
		 "liquidations piled up.", "$9.1 billion", NM_MENTION_MONEY, "", "open_interest"},
	};
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		doc = run(levels[i].text, 0);
		if (!(m = find(doc, levels[i].amount, levels[i].kind)))
			fail_msg("text %zu: no %s", i, levels[i].amount);
		if (strcmp(m->asset, levels[i].asset) || strcmp(m->role, levels[i].role))
			fail_msg("text %zu: %s is %s's %s", i, levels[i].amount, m->asset, m->role);
		nm_doc_free(doc);
	}
	/* the lists right before "respectively"; an earlier clause keeps its own binding */
	doc = run("Solana longs lost $95M, while XRP and Dogecoin saw $60M and $41M respectively.", 0);
	assert_non_null(m = find(doc, "$95M", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "SOL");
	assert_non_null(m = find(doc, "$60M", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "XRP");
	assert_non_null(m = find(doc, "$41M", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "DOGE");
	nm_doc_free(doc);
	/* losing and adding are moves too */
	doc = run("Bitcoin lost 4% to $60,100 on Friday as liquidations climbed.", 0);
	assert_non_null(m = find(doc, "$60,100", NM_MENTION_PRICE));
	assert_string_equal(m->asset, "BTC");
	assert_string_equal(m->role, "price");
	nm_doc_free(doc);
	/* an asset phrase may say the role too: the market-cap index's amount is a market
	 * cap, and so is what a sentence takes from it */
	doc = run("The total crypto market cap fell to $2.78 trillion. Traders lost $240 billion "
		  "from the total market cap in liquidations of leverage.", 0);
	assert_non_null(m = find(doc, "$2.78 trillion", NM_MENTION_MONEY));
	assert_string_equal(m->asset, "TOTAL");
	assert_string_equal(m->role, "market_cap");
	assert_non_null(m = find(doc, "$240 billion", NM_MENTION_MONEY));
	assert_string_equal(m->role, "market_cap");
	nm_doc_free(doc);
}

static void negatives(void **state)
{
	struct nm_doc *doc;
	static const char *const texts[] = {
		"the 2024 halving is near",
		"Web3 projects and 1inch swaps in Q3",
		"call +1-222-2222-2222 or 555-123-4567",
		"on 2024-01-15 and 12/05/2024 at 10:30",
		"version v1.2.3 of the app, X100 model",
		/* a ticker that goes on as a noun: no amount of the coin */
		"the top 10 XRP holders and 3 DOGE ETFs",
		NULL,
	};
	for (int i = 0; texts[i]; i++) {
		doc = run(texts[i], 0);
		for (size_t k = 0; k < doc->n_mentions; k++)
			if (doc->mentions[k].kind != NM_MENTION_ASSET)
				fail_msg("'%s': unexpected %s mention", texts[i],
					 nm_mention_kind_name(doc->mentions[k].kind));
		nm_doc_free(doc);
	}
	/* a chart's period after a pair is no money (a duration) */
	doc = run("the ETH/USDT 4H chart and the BTC/USD 1-day chart", 0);
	assert_int_equal(count_kind(doc, NM_MENTION_MONEY) + count_kind(doc, NM_MENTION_PRICE), 0);
	nm_doc_free(doc);
	/* a plural of a level and a glued sentence keep their amount */
	money_is("prices in the $27,200s held", "$27,200", 27200, "USD");
	money_is("a tumble to $81,000BTC continued lower", "$81,000", 81000, "USD");
	/* a level quoted in a stablecoin is no amount of the stablecoin */
	{
		const struct nm_mention *m;
		doc = run("ETH did what the chart said: it ran into the 4,100-4,200 USDT supply zone.", 0);
		assert_non_null(m = find(doc, "4,100-4,200 USDT", NM_MENTION_PRICE_RANGE));
		assert_string_equal(m->asset, "");
		nm_doc_free(doc);
		/* nor is the stablecoin of an earlier price an asset that binds the next one */
		doc = run("BTC tagged 94,150 USDT and was rejected from the 93,800-94,200 USDT band.", 0);
		assert_non_null(m = find(doc, "93,800-94,200 USDT", NM_MENTION_PRICE_RANGE));
		assert_string_equal(m->asset, "BTC");
		nm_doc_free(doc);
	}
	/* even as bare numbers, glued digits are no numbers */
	doc = run("Web3 and 1inch in Q3", NM_MENTIONS_NUMBERS);
	assert_int_equal(count_kind(doc, NM_MENTION_NUMBER), 0);
	nm_doc_free(doc);
}

/* "$5.344": thousands or three decimals, as the document's other prices of the asset */
static void dot_three_digits(void **state)
{
	money_is("TON holds the $5.20 support. TON was rejected at $5.344 resistance.", "$5.344", 5.344, "USD");
	money_is("BTC was at $9,800 on Monday. BTC slid to $8.408 on Friday.", "$8.408", 8408, "USD");
	/* another asset's prices say nothing of this one's; an amount bound to no asset goes
	 * by the document's */
	static const char mixed[] = "XRP trades at $0.52. BTC trades at $6.336. The next level is $0.555 or $1.045.";
	money_is(mixed, "$6.336", 6336, "USD");
	money_is(mixed, "$1.045", 1.045, "USD");
	/* nothing to go by: thousands, as "$1.200" is in most of the world */
	money_is("XRP hit $1.855 on Tuesday.", "$1.855", 1855, "USD");
}

struct attempt_log {
	size_t n, last_at, text_len;
	bool ordered, inside;
};

static void log_attempt(void *arg, const struct mattempt *a)
{
	struct attempt_log *l = arg;
	l->ordered &= !l->n || a->at > l->last_at;
	l->inside &= a->re && a->at < a->lim && a->lim <= l->text_len;
	l->last_at = a->at;
	l->n++;
}

/* The bench's trace: each match attempt told once, in text order, inside the text; the
 * mentions the same as without it. */
static void traced_attempts(void **state)
{
	static const char txt[] = "BTC fell to $92,000 after 24 hours; last week it was 3 million.";
	struct nm_doc *plain = run(txt, 0), *doc = nm_doc_new(1 << 20);
	struct attempt_log l = {0, 0, sizeof(txt) - 1, true, true};
	assert_int_equal(nm_doc_set_text(doc, txt, sizeof(txt) - 1), NM_OK);
	assert_int_equal(mentions_traced(mentioner, doc, 0, log_attempt, &l, NULL), NM_OK);
	assert_true(l.n >= 4); /* "$", "24", "last", "3" at least */
	assert_true(l.ordered);
	assert_true(l.inside);
	assert_int_equal(doc->n_mentions, plain->n_mentions);
	for (size_t i = 0; i < doc->n_mentions; i++) {
		assert_int_equal(doc->mentions[i].span.start, plain->mentions[i].span.start);
		assert_int_equal(doc->mentions[i].span.end, plain->mentions[i].span.end);
		assert_int_equal(doc->mentions[i].kind, plain->mentions[i].kind);
	}
	nm_doc_free(doc);
	nm_doc_free(plain);
}

static void empty_and_edges(void **state)
{
	struct nm_doc *doc = nm_doc_new(1 << 20);
	assert_int_equal(nm_extract_mentions(mentioner, doc, NULL), NM_OK); /* no text */
	assert_int_equal(doc->n_mentions, 0);
	nm_doc_free(doc);
	doc = run("$", NM_MENTIONS_NUMBERS);
	assert_int_equal(doc->n_mentions, 0);
	nm_doc_free(doc);
	doc = run("1", NM_MENTIONS_NUMBERS);
	assert_int_equal(doc->n_mentions, 1);
	nm_doc_free(doc);
	doc = run("$1", 0);
	assert_int_equal(doc->n_mentions, 1);
	nm_doc_free(doc);
	/* a budget too small for the mentions is an error, not a crash */
	doc = nm_doc_new(4096);
	struct nm_buf b = NM_BUF_INIT(1 << 20);
	for (int i = 0; i < 200; i++)
		assert_int_equal(nm_buf_addstr(&b, "$5 "), NM_OK);
	if (nm_doc_set_text(doc, b.data, b.len) == NM_OK)
		assert_int_equal(nm_extract_mentions(mentioner, doc, NULL), NM_ETOOBIG);
	nm_buf_release(&b);
	nm_doc_free(doc);
	/* a text without the NUL struct nm_doc promises after it: the same mentions, and
	 * nothing read past it (the word scan relies on the NUL: it reads a copy) */
	{
		static const char txt[] = "Bitcoin fell 5% to $92,000 as a half of the ETH";
		struct nm_doc *a = run(txt, NM_MENTIONS_NUMBERS), *bd = nm_doc_new(1 << 20);
		size_t n = sizeof(txt) - 1 - 4; /* ends inside "the" */
		assert_int_equal(nm_doc_set_text(bd, txt, sizeof(txt) - 1), NM_OK);
		bd->text_len = n; /* the byte after the text is now "e", not a NUL */
		assert_int_equal(nm_extract_mentions_ex(mentioner, bd, NM_MENTIONS_NUMBERS, NULL), NM_OK);
		struct nm_doc *c = nm_doc_new(1 << 20);
		assert_int_equal(nm_doc_set_text(c, txt, n), NM_OK);
		assert_int_equal(nm_extract_mentions_ex(mentioner, c, NM_MENTIONS_NUMBERS, NULL), NM_OK);
		assert_int_equal(bd->n_mentions, c->n_mentions);
		for (size_t i = 0; i < c->n_mentions; i++) {
			assert_int_equal(bd->mentions[i].span.start, c->mentions[i].span.start);
			assert_int_equal(bd->mentions[i].span.end, c->mentions[i].span.end);
			assert_int_equal(bd->mentions[i].kind, c->mentions[i].kind);
		}
		assert_true(a->n_mentions > 0);
		nm_doc_free(a);
		nm_doc_free(bd);
		nm_doc_free(c);
	}
}

static enum nm_code load_one(const char *name, const char *text, struct nm_err *err)
{
	struct nm_rule_source src[] = {{name, text}, {NULL, NULL}};
	struct nm_rules *r = NULL;
	struct nm_mentioner *m = NULL;
	enum nm_code rc = nm_rules_load_sources(src, &r, err);
	if (!rc)
		rc = nm_mentioner_new(r, &m, err);
	nm_mentioner_free(m);
	nm_rules_free(r);
	return rc;
}

static void bad_rules(void **state)
{
	struct nm_err err = {0};
	assert_int_equal(load_one("x.rules", "# ok\n\npattern money (?<num>\\d+\n", &err), NM_ECONFIG);
	assert_non_null(strstr(err.msg, "x.rules:3: pattern: "));
	assert_non_null(strstr(err.msg, "offset"));
	assert_int_equal(load_one("y.rules", "define a (?&nothere)\npattern number (?&a)\n", &err),
			 NM_ECONFIG);
	assert_non_null(strstr(err.msg, "y.rules:1:"));
	assert_int_equal(load_one("z.rules", "pattern nonsense \\d+\n", &err), NM_ECONFIG);
	assert_non_null(strstr(err.msg, "z.rules:1:"));
	assert_int_equal(load_one("w.rules", "words num 1 a\n", &err), NM_ECONFIG);
	assert_int_equal(load_one("v.rules", "asset btc bitcoin\n", &err), NM_ECONFIG);
	assert_non_null(strstr(err.msg, "v.rules:1:"));
	assert_int_equal(load_one("c.rules", "words currency_coin USD grand\n", &err), NM_ECONFIG);
	assert_non_null(strstr(err.msg, "c.rules:1:"));
	assert_non_null(strstr(err.msg, "CODE*FACTOR"));
	assert_int_equal(load_one("c.rules", "words currency_coin USD*-1 grand\n", &err), NM_ECONFIG);
	assert_int_equal(load_one("c.rules", "words currency_coin USD*1000 grand\n", &err), NM_OK);
	/* a conditional start word names word lists, which may come later */
	assert_int_equal(load_one("s.rules", "words start_word before:nolist a\n", &err), NM_ECONFIG);
	assert_non_null(strstr(err.msg, "s.rules:1:"));
	assert_non_null(strstr(err.msg, "'nolist'"));
	assert_int_equal(load_one("s.rules", "words start_word before:numword,nums a\n"
					     "words numword 100 hundred\n", &err), NM_ECONFIG);
	assert_non_null(strstr(err.msg, "'nums'"));
	assert_int_equal(load_one("s.rules", "words start_word before:numword a\n"
					     "words numword 100 hundred\n", &err), NM_OK);
	/* other stages' directives are not ours to judge */
	assert_int_equal(load_one("e.rules", "trigger deleveraging liquidat\n", &err), NM_OK);
	/* a minimal rule set works */
	assert_int_equal(load_one("m.rules", "pattern number (?<num>\\d+)\n", &err), NM_OK);
}

/* ------------------------------------------------------------- the seed article */

static char *slurp(const char *path, size_t *len)
{
	struct nm_buf b = NM_BUF_INIT(1 << 24);
	if (nm_buf_read_file(&b, path, NULL)) {
		nm_buf_release(&b);
		return NULL;
	}
	return nm_buf_take(&b, len);
}

static void seed_article(void **state)
{
	const char *shared = getenv("SHARED");
	char path[1024];
	size_t len, elen;
	char *text, *exp;
	json_t *j, *req, *r;
	size_t i;
	struct nm_doc *doc;
	struct nm_err err = {0};
	struct nm_extract_opts opts = {.plain_text = true};

	snprintf(path, sizeof(path), "%s/seed/liquidations-article.txt", shared ? shared : "../shared");
	if (!(text = slurp(path, &len))) {
		print_message("skip: no seed article at %s\n", path);
		skip();
	}
	snprintf(path, sizeof(path), "%s/seed/expected.json", shared ? shared : "../shared");
	exp = slurp(path, &elen);
	assert_non_null(exp);
	j = json_loads(exp, 0, NULL);
	assert_non_null(j);
	doc = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
	assert_int_equal(nm_extract_article(doc, text, len, &opts, &err), NM_OK);
	assert_int_equal(nm_extract_mentions(mentioner, doc, &err), NM_OK);
	/* offsets are checked exactly when extraction kept the file's text as it is */
	bool same = doc->text_len == len && !memcmp(doc->text, text, len);
	req = json_object_get(j, "mentions_required");
	assert_true(json_array_size(req) >= 9);
	json_array_foreach(req, i, r) {
		const char *kind = json_string_value(json_object_get(r, "kind"));
		const char *surf = json_string_value(json_object_get(r, "text"));
		const struct nm_mention *m = find(doc, surf, -1);
		if (!m)
			fail_msg("seed: no mention '%s'", surf);
		assert_string_equal(nm_mention_kind_name(m->kind), kind);
		if (same && json_object_get(r, "start")) {
			assert_int_equal(m->span.start, json_integer_value(json_object_get(r, "start")));
			assert_int_equal(m->span.end, json_integer_value(json_object_get(r, "end")));
		}
		if (json_object_get(r, "value"))
			assert_true(m->value == json_number_value(json_object_get(r, "value")));
		if (json_object_get(r, "seconds"))
			assert_true(m->value == json_number_value(json_object_get(r, "seconds")));
		if (json_object_get(r, "low")) {
			assert_true(m->low == json_number_value(json_object_get(r, "low")));
			assert_true(m->high == json_number_value(json_object_get(r, "high")));
		}
		if (json_object_get(r, "qualifier"))
			assert_string_equal(nm_qualifier_name(m->qualifier),
					    json_string_value(json_object_get(r, "qualifier")));
		if (json_object_get(r, "asset"))
			assert_string_equal(m->asset, json_string_value(json_object_get(r, "asset")));
		if (json_object_get(r, "role"))
			assert_string_equal(m->role, json_string_value(json_object_get(r, "role")));
	}
	/* every listed asset is found */
	json_array_foreach(json_object_get(j, "assets"), i, r) {
		bool found = false;
		for (size_t k = 0; k < doc->n_mentions; k++)
			found |= doc->mentions[k].kind == NM_MENTION_ASSET &&
				 !strcmp(doc->mentions[k].asset, json_string_value(r));
		if (!found)
			fail_msg("seed: asset %s not found", json_string_value(r));
	}
	nm_doc_free(doc);
	json_decref(j);
	free(exp);
	free(text);
}

/* Every seed and crasher of both fuzz targets, replayed (crashes and leaks show under
 * `make asan`). Runs from the top of the tree. */
static void fuzz_replay(void **state)
{
	size_t replayed = fuzz_replay_dir("fuzz/rules.in", fuzz_rules_one, 1 << 24) +
			  fuzz_replay_dir("fuzz/rules.repro", fuzz_rules_one, 1 << 24) +
			  fuzz_replay_dir("fuzz/mentions.in", fuzz_mentions_one, 1 << 24) +
			  fuzz_replay_dir("fuzz/mentions.repro", fuzz_mentions_one, 1 << 24);
	assert_true(replayed > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(money_forms),
		cmocka_unit_test(world_currencies),
		cmocka_unit_test(number_forms),
		cmocka_unit_test(percent_duration_forms),
		cmocka_unit_test(range_forms),
		cmocka_unit_test(qualifiers),
		cmocka_unit_test(assets),
		cmocka_unit_test(binding),
		cmocka_unit_test(negatives),
		cmocka_unit_test(empty_and_edges),
		cmocka_unit_test(traced_attempts),
		cmocka_unit_test(dot_three_digits),
		cmocka_unit_test(bad_rules),
		cmocka_unit_test(seed_article),
		cmocka_unit_test(fuzz_replay),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
