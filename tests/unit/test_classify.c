/* tests/unit/test_classify.c — classify/ through its public header: sentences, the three
 * event types (positive, negative, modality), one event per happening, figures from
 * hand-built mentions, internal checks, confidence and the rule-file errors. Texts are
 * written for these tests. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "classify/classify.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct nm_rules *rules;
static struct nm_classifier *cls;

static int setup(void **state)
{
	struct nm_err err = {0};
	if (nm_rules_load(NULL, &rules, &err) || nm_classifier_new(rules, &cls, &err)) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	nm_classifier_free(cls);
	nm_rules_free(rules);
	return 0;
}

static struct nm_doc *doc_of(const char *text)
{
	struct nm_doc *d = nm_doc_new(1 << 24);
	assert_int_equal(nm_doc_set_text(d, text, strlen(text)), NM_OK);
	return d;
}

/* Add a mention over the n-th (0-based) occurrence of surface; keeps text order. */
static void mention(struct nm_doc *d, enum nm_mention_kind kind, const char *surface, int nth,
		    double value, const char *asset, const char *role)
{
	const char *p = d->text;
	struct nm_mention m;
	for (int i = 0; i <= nth; i++) {
		p = strstr(i ? p + 1 : p, surface);
		assert_non_null(p);
	}
	nm_mention_init(&m, kind, (size_t)(p - d->text), (size_t)(p - d->text) + strlen(surface));
	m.value = value;
	if (asset)
		snprintf(m.asset, sizeof(m.asset), "%s", asset);
	if (role)
		snprintf(m.role, sizeof(m.role), "%s", role);
	if (kind == NM_MENTION_MONEY || kind == NM_MENTION_PRICE)
		snprintf(m.currency, sizeof(m.currency), "USD");
	m.confidence = 0.9;
	assert_int_equal(nm_doc_add_mention(d, &m), NM_OK);
	/* keep text order (tests add mentions in any order) */
	for (size_t i = d->n_mentions - 1; i > 0 && d->mentions[i].span.start < d->mentions[i - 1].span.start; i--) {
		struct nm_mention t = d->mentions[i];
		d->mentions[i] = d->mentions[i - 1];
		d->mentions[i - 1] = t;
	}
}

static void asset(struct nm_doc *d, const char *surface, int nth, const char *ticker)
{
	mention(d, NM_MENTION_ASSET, surface, nth, NAN, ticker, NULL);
}

static void range(struct nm_doc *d, const char *surface, double lo, double hi, const char *tk,
		  const char *role)
{
	mention(d, NM_MENTION_PRICE_RANGE, surface, 0, NAN, tk, role);
	for (size_t i = 0; i < d->n_mentions; i++)
		if (d->mentions[i].kind == NM_MENTION_PRICE_RANGE && isnan(d->mentions[i].low)) {
			d->mentions[i].low = lo;
			d->mentions[i].high = hi;
		}
}

static void run(struct nm_doc *d)
{
	struct nm_err err = {0};
	assert_int_equal(nm_classify(cls, d, &err), NM_OK);
	for (size_t i = 0; i < d->n_events; i++) {
		assert_true(d->events[i].confidence >= 0 && d->events[i].confidence <= 1);
		assert_int_equal(strlen(d->events[i].id), 16);
		assert_true(d->events[i].n_evidence >= 1);
	}
}

static const struct nm_event *find(const struct nm_doc *d, const char *type, const char *asset_)
{
	for (size_t i = 0; i < d->n_events; i++)
		if (!strcmp(d->events[i].type, type) && !strcmp(d->events[i].asset, asset_))
			return &d->events[i];
	return NULL;
}

static size_t count_type(const struct nm_doc *d, const char *type)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n_events; i++)
		n += !strcmp(d->events[i].type, type);
	return n;
}

static void sentence_texts(const struct nm_doc *d, char out[][160], size_t max)
{
	for (size_t i = 0; i < d->n_sentences && i < max; i++)
		snprintf(out[i], 160, "%.*s", (int)(d->sentences[i].end - d->sentences[i].start),
			 d->text + d->sentences[i].start);
}

/* ------------------------------------------------------------------ sentences */

static void sentences_news_text(void **state)
{
	struct nm_doc *d = doc_of(
		"Markets Wobble As Leverage Unwinds\n"
		"\n"
		"TL;DR:\n"
		"  \xe2\x80\xa2 Traders in the U.S. lost $1.2B as prices fell 92.5% on Jan. 5 at Acme Inc. in Boston.\n"
		"  - Second point without a stop\n"
		"1. Numbered item.\n"
		"Dr. Smith said \"sell now.\" Prices dropped... Then they rose. See x.com/a.b for BTC.D data!\n"
		"Is this the end? Nobody knows\xe2\x80\xa6 Maybe not.\n"
		"Prices rose.Analysts cheered at 3.5 times the rate.\n");
	char s[16][160];
	run(d);
	assert_int_equal(d->n_sentences, 14);
	sentence_texts(d, s, 16);
	assert_string_equal(s[0], "Markets Wobble As Leverage Unwinds");
	assert_string_equal(s[1], "TL;DR:");
	assert_string_equal(s[2], "Traders in the U.S. lost $1.2B as prices fell 92.5% on Jan. 5 at Acme Inc. in Boston.");
	assert_string_equal(s[3], "Second point without a stop");
	assert_string_equal(s[4], "Numbered item.");
	assert_string_equal(s[5], "Dr. Smith said \"sell now.\"");
	assert_string_equal(s[6], "Prices dropped...");
	assert_string_equal(s[7], "Then they rose.");
	assert_string_equal(s[8], "See x.com/a.b for BTC.D data!");
	assert_string_equal(s[9], "Is this the end?");
	assert_string_equal(s[10], "Nobody knows\xe2\x80\xa6");
	assert_string_equal(s[11], "Maybe not.");
	assert_string_equal(s[12], "Prices rose.");
	assert_string_equal(s[13], "Analysts cheered at 3.5 times the rate.");
	nm_doc_free(d);
}

static void sentences_abbreviation_before_opener(void **state)
{
	struct nm_doc *d = doc_of("Funds flowed into the U.S. The rally held. Soft\nwrapped line that goes on and on for a while\ncontinues here.");
	char s[8][160];
	run(d);
	sentence_texts(d, s, 8);
	assert_int_equal(d->n_sentences, 3);
	assert_string_equal(s[0], "Funds flowed into the U.S.");
	assert_string_equal(s[1], "The rally held.");
	nm_doc_free(d);
}

static void sentences_boundaries(void **state)
{
	struct nm_doc *d = doc_of("");
	run(d);
	assert_int_equal(d->n_sentences, 0);
	nm_doc_free(d);
	d = doc_of("x");
	run(d);
	assert_int_equal(d->n_sentences, 1);
	nm_doc_free(d);
	d = doc_of(" \n\n \xe2\x80\xa2 \n...\n");
	run(d);
	assert_int_equal(d->n_sentences, 0);
	nm_doc_free(d);
}

static void sentences_cap(void **state)
{
	/* 20000 one-word lines, then a liquidation wave: every line is a sentence, but
	 * classification stops at SENTENCES_MAX, so the wave is no event; before the cap it
	 * is one */
	static const char wave[] = "Over $500 million in longs were liquidated in a day.\n";
	for (int past_cap = 1; past_cap >= 0; past_cap--) {
		size_t n = past_cap ? 20000 : 100, len = n * 3 + sizeof(wave) - 1;
		char *t = malloc(len + 1);
		for (size_t i = 0; i < n; i++)
			memcpy(t + 3 * i, "ab\n", 3);
		memcpy(t + 3 * n, wave, sizeof(wave));
		struct nm_doc *d = doc_of(t);
		mention(d, NM_MENTION_MONEY, "$500 million", 0, 5e8, "", "liquidations");
		run(d);
		assert_int_equal(d->n_sentences, n + 1);
		assert_int_equal(d->n_events, past_cap ? 0 : 1);
		nm_doc_free(d);
		free(t);
	}
}

/* ------------------------------------------------------------------ deleveraging */

static const char delev_text[] =
	"Leverage Flush Rocks Crypto\n"
	"\n"
	"Over $520 million in leveraged long positions were liquidated across the crypto market in the past 12 hours. "
	"Solana traders took the biggest hit with $210 million, ahead of Cardano at $95 million. "
	"Most of the losses came from small accounts.";

static void deleveraging_wave(void **state)
{
	struct nm_doc *d = doc_of(delev_text);
	const struct nm_event *e;
	mention(d, NM_MENTION_MONEY, "Over $520 million", 0, 520e6, NULL, "liquidations");
	d->mentions[0].qualifier = NM_QUAL_AT_LEAST;
	mention(d, NM_MENTION_DURATION, "12 hours", 0, 43200, NULL, NULL);
	asset(d, "Solana", 0, "SOL");
	mention(d, NM_MENTION_MONEY, "$210 million", 0, 210e6, "SOL", "liquidations");
	asset(d, "Cardano", 0, "ADA");
	mention(d, NM_MENTION_MONEY, "$95 million", 0, 95e6, "ADA", "liquidations");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_int_equal(e->modality, NM_MOD_REPORTED);
	assert_true(e->figures.total_usd == 520e6);
	assert_int_equal(e->figures.qualifier, NM_QUAL_AT_LEAST);
	assert_true(e->figures.window_seconds == 43200);
	assert_string_equal(e->figures.side, "long");
	assert_int_equal(e->figures.n_per_asset, 2);
	assert_string_equal(e->figures.per_asset[0].asset, "SOL");
	assert_true(e->figures.per_asset[0].usd == 210e6);
	assert_string_equal(e->figures.per_asset[1].asset, "ADA");
	assert_true(e->confidence >= 0.5);
	assert_int_equal(count_type(d, "rejection"), 0);
	assert_int_equal(count_type(d, "risk-off"), 0);
	nm_doc_free(d);
}

/* A breakdown after the total and one asset's amount: a later sentence whose one asset is
 * its subject gives that asset's amount, however far from the name; not a side's part. */
static void deleveraging_breakdown_subject(void **state)
{
	struct nm_doc *d = doc_of("Over the past 24 hours, liquidations wiped out $620.5 million across the "
				  "crypto market. Bitcoin led with $239.5 million in liquidations. Ethereum has "
				  "also not been spared in this downward trend, with $108.5 million of its "
				  "positions being liquidated.");
	const struct nm_event *e;
	mention(d, NM_MENTION_MONEY, "$620.5 million", 0, 620.5e6, NULL, "liquidations");
	mention(d, NM_MENTION_DURATION, "24 hours", 0, 86400, NULL, NULL);
	asset(d, "Bitcoin", 0, "BTC");
	mention(d, NM_MENTION_MONEY, "$239.5 million", 0, 239.5e6, "BTC", "liquidations");
	asset(d, "Ethereum", 0, "ETH");
	mention(d, NM_MENTION_MONEY, "$108.5 million", 0, 108.5e6, "ETH", "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_true(e->figures.total_usd == 620.5e6);
	assert_int_equal(e->figures.n_per_asset, 2);
	assert_string_equal(e->figures.per_asset[1].asset, "ETH");
	assert_true(e->figures.per_asset[1].usd == 108.5e6);
	nm_doc_free(d);

	/* the sides of an asset's wave are no figure of the asset's whole */
	d = doc_of("Over the past 24 hours, liquidations wiped out $620.5 million across the crypto "
		   "market. Dogecoin led with $39.5 million in liquidations. Interestingly, Bitcoin "
		   "traders witnessed the same liquidation imbalance, with short-position traders "
		   "losing $46.68 million as against $20.56 million lost by long-position traders.");
	mention(d, NM_MENTION_MONEY, "$620.5 million", 0, 620.5e6, NULL, "liquidations");
	mention(d, NM_MENTION_DURATION, "24 hours", 0, 86400, NULL, NULL);
	asset(d, "Dogecoin", 0, "DOGE");
	mention(d, NM_MENTION_MONEY, "$39.5 million", 0, 39.5e6, "DOGE", "liquidations");
	asset(d, "Bitcoin", 0, "BTC");
	mention(d, NM_MENTION_MONEY, "$46.68 million", 0, 46.68e6, "BTC", "liquidations");
	mention(d, NM_MENTION_MONEY, "$20.56 million", 0, 20.56e6, "BTC", "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_int_equal(e->figures.n_per_asset, 1);
	assert_string_equal(e->figures.per_asset[0].asset, "DOGE");
	nm_doc_free(d);
}

static void deleveraging_one_asset(void **state)
{
	struct nm_doc *d = doc_of("Dogecoin shorts were liquidated for $7.5 million as the meme coin jumped.");
	const struct nm_event *e;
	asset(d, "Dogecoin", 0, "DOGE");
	mention(d, NM_MENTION_MONEY, "$7.5 million", 0, 7.5e6, "DOGE", "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", "DOGE"));
	assert_string_equal(e->figures.side, "short");
	assert_true(isnan(e->figures.total_usd));
	assert_int_equal(e->figures.n_per_asset, 1);
	nm_doc_free(d);
}

/* A forecast telling in a reported wave's article is no evidence of it: its level is no
 * figure and sets off no check. A comparison's span is no window. */
static void deleveraging_evidence_of_its_modality(void **state)
{
	struct nm_doc *d = doc_of("Over $1.1 billion was liquidated on Wednesday, the first time in two "
				  "weeks, with Bitcoin at $298 million. Analysts warn that if BTC fails to "
				  "hold $80,000, another wave of liquidations could follow.");
	const struct nm_event *e;
	mention(d, NM_MENTION_MONEY, "$1.1 billion", 0, 1.1e9, NULL, "liquidations");
	mention(d, NM_MENTION_DURATION, "two weeks", 0, 1209600, NULL, NULL);
	asset(d, "Bitcoin", 0, "BTC");
	mention(d, NM_MENTION_MONEY, "$298 million", 0, 298e6, "BTC", "liquidations");
	asset(d, "BTC", 0, "BTC");
	mention(d, NM_MENTION_MONEY, "$80,000", 0, 80000, "BTC", "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_int_equal(e->modality, NM_MOD_REPORTED);
	assert_int_equal(e->n_evidence, 1);
	assert_true(isnan(e->figures.window_seconds));
	assert_int_equal(e->figures.n_per_asset, 1);
	assert_true(e->figures.per_asset[0].usd == 298e6);
	assert_int_equal(d->n_checks, 0);
	nm_doc_free(d);

	/* nor is the span of an extreme: "a three-week low" */
	d = doc_of("Bitcoin fell to a three-week low as $600 million in longs were liquidated.");
	asset(d, "Bitcoin", 0, "BTC");
	mention(d, NM_MENTION_DURATION, "three-week", 0, 1814400, NULL, NULL);
	mention(d, NM_MENTION_MONEY, "$600 million", 0, 600e6, NULL, "liquidations");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_true(isnan(d->events[0].figures.window_seconds));
	nm_doc_free(d);

	/* the window stays when no comparison measures it */
	d = doc_of("Over $1.1 billion was liquidated in the past two weeks.");
	mention(d, NM_MENTION_MONEY, "$1.1 billion", 0, 1.1e9, NULL, "liquidations");
	mention(d, NM_MENTION_DURATION, "the past two weeks", 0, 1209600, NULL, NULL);
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_true(e->figures.window_seconds == 1209600);
	nm_doc_free(d);
}

/* across the exchanges of a kind is the market, in an article about one asset too */
static void deleveraging_market_across_exchanges(void **state)
{
	struct nm_doc *d = doc_of("Bitcoin slid to $69,800 on Wednesday. The drop triggered $500 million "
				  "in liquidations across derivatives exchanges.");
	const struct nm_event *e;
	asset(d, "Bitcoin", 0, "BTC");
	mention(d, NM_MENTION_PRICE, "$69,800", 0, 69800, "BTC", "price");
	mention(d, NM_MENTION_MONEY, "$500 million", 0, 500e6, NULL, "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_true(e->figures.total_usd == 500e6);
	nm_doc_free(d);
	/* the headline past a page's labels names the asset open tellings join */
	d = doc_of("Image default\n\nFeatured News Dogecoin DOGE\n\nDogecoin hits the $0.26 wall\n\n"
		   "The rejection triggered a cascade of liquidations. Long positions were forcibly "
		   "closed.");
	asset(d, "DOGE", 0, "DOGE");
	asset(d, "Dogecoin", 1, "DOGE");
	run(d);
	assert_non_null(find(d, "deleveraging", "DOGE"));
	nm_doc_free(d);
	/* a squeeze or a liquidation defined tells none */
	d = doc_of("Overview. A long squeeze indicates that prices quickly decrease. Liquidations "
		   "occur when positions get forcibly closed. A long squeeze is the opposite of a "
		   "short squeeze, happening when long positions are liquidated in series.");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 0);
	nm_doc_free(d);
	/* a squeeze of one coin across the venues stays the coin's; the crypto derivatives
	 * market is the market */
	d = doc_of("Solana surged 20% on Monday. The rally triggered a short squeeze across major "
		   "exchanges.");
	asset(d, "Solana", 0, "SOL");
	run(d);
	assert_non_null(find(d, "deleveraging", "SOL"));
	nm_doc_free(d);
	d = doc_of("Solana surged 20% on Monday. The crypto derivatives market went through a sharp "
		   "leverage reset.");
	asset(d, "Solana", 0, "SOL");
	run(d);
	assert_non_null(find(d, "deleveraging", ""));
	nm_doc_free(d);
}

/* the amount may stand between the side and its verb, and "squeezed" alone tells it */
static void deleveraging_amount_between(void **state)
{
	struct nm_doc *d = doc_of("Shorts worth $78.4 million were squeezed on Tuesday.");
	const struct nm_event *e;
	mention(d, NM_MENTION_MONEY, "$78.4 million", 0, 78.4e6, NULL, "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_string_equal(e->figures.side, "short");
	assert_true(e->figures.total_usd == 78.4e6);
	nm_doc_free(d);
	d = doc_of("Profit margins were squeezed worth noting.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);
}

/* positions closed by force, with the amount on either side; a place closed by force
 * is no deleveraging */
static void deleveraging_forced_close(void **state)
{
	struct nm_doc *d = doc_of("More than $620 million in leveraged positions were forcibly closed "
				  "over the past day.");
	const struct nm_event *e;
	mention(d, NM_MENTION_MONEY, "$620 million", 0, 620e6, NULL, "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_true(e->figures.total_usd == 620e6);
	nm_doc_free(d);
	d = doc_of("The exchange force-closed $90 million of long positions on Monday.");
	mention(d, NM_MENTION_MONEY, "$90 million", 0, 90e6, NULL, "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_string_equal(e->figures.side, "long");
	nm_doc_free(d);
	d = doc_of("The exchange was forcibly closed by regulators in 2019.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);
	/* traders forced out of their positions, told as a forecast; a wipe-out of bulls
	 * predicted; a firm forced to close is none */
	{
		static const char *const texts[] = {
			"If the rally continues, shorts may be forced to close their positions.",
			"These investors could be forced to close their leveraged positions.",
			"A reversal below $100k could wipe out $12.5 billion of leveraged bulls.",
		};
		for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
			d = doc_of(texts[i]);
			run(d);
			if (!(e = find(d, "deleveraging", "")) || e->modality != NM_MOD_FORECAST)
				fail_msg("text %zu: no forecast deleveraging: %s", i, texts[i]);
			nm_doc_free(d);
		}
	}
	d = doc_of("The lender was forced to close its branches after the losses.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);
}

/* a squeeze names the side it liquidates; so does a side's share of the wave */
static void deleveraging_squeeze_side(void **state)
{
	static const char *const texts[][3] = {
		{"A long squeeze liquidated $150 million of positions in two hours.", "$150 million", "long"},
		{"A short-squeeze liquidated $90 million of positions on Friday.", "$90 million", "short"},
		{"A squeeze on shorts took out $90 million as tokens jumped.", "$90 million", "short"},
		{"Monday's sell-off flushed out over-leveraged longs worth $90 million.", "$90 million", "long"},
		{"Short sellers were forced to cover $90 million as tokens jumped.", "$90 million", "short"},
		/* trades and wagers, bulls and bears of a side */
		{"Long trades made up most of the $90 million liquidated on Friday.", "$90 million", "long"},
		{"About $90 million worth of bullish crypto wagers were liquidated.", "$90 million", "long"},
		/* a side's share, told in the sentence right after */
		{"Over $90 million in positions were liquidated on Friday. Most of the losses came "
		 "from long positions.", "$90 million", "long"},
		{"Over $90 million in positions were liquidated on Friday. An overwhelming 93% of "
		 "them were shorts.", "$90 million", "short"},
		{"Over $90 million in positions were liquidated on Friday. Long positions are "
		 "popular with retail traders.", "$90 million", ""},
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct nm_doc *d = doc_of(texts[i][0]);
		mention(d, NM_MENTION_MONEY, texts[i][1], 0, 1e8, NULL, "liquidations");
		run(d);
		assert_int_equal(count_type(d, "deleveraging"), 1);
		if (strcmp(d->events[0].figures.side, texts[i][2]))
			fail_msg("text %zu: side '%s', want '%s'", i, d->events[0].figures.side, texts[i][2]);
		nm_doc_free(d);
	}
}

/* the noun tells it too, in a warning a forecast */
static void deleveraging_flush_noun(void **state)
{
	struct nm_doc *d = doc_of("Strategists warn that a flush of overleveraged shorts is near if "
				  "Litecoin clears $130.");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_int_equal(d->events[0].modality, NM_MOD_FORECAST);
	nm_doc_free(d);
	d = doc_of("A flush of new buyers arrived on Monday.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);
}

static void deleveraging_negatives(void **state)
{
	static const char *const texts[] = {
		"A single whale was liquidated for $30 million on a decentralised exchange.",
		"Hyperliquid Trader Jane Doe Liquidated as Bitcoin Slides",
		"Jane Doe (@janedoe) just got liquidated for 300 $ETH ($1.1M).",
		"The court-appointed liquidators of the bankrupt lender began selling its assets.",
		"The exchange was hacked and attackers drained $150 million from its wallets.",
		"Spot bitcoin ETFs saw $400 million in outflows on Tuesday.",
		"Liquidity improved as market makers returned.",
		"Liquidation heatmaps show clusters of orders above the price.",
		/* a sale of holdings, advice, a general statement */
		"The lender denied reports that it had liquidated client funds.",
		"Traders should avoid getting liquidated by sizing positions sensibly.",
		"A long squeeze would typically follow such a crowded trade.",
		/* calm, not a wave */
		"Liquidations remained muted at $80 million, far below last week's levels.",
		"Liquidations stayed low at roughly $60 million a day.",
		"Liquidations across the market stayed low at $85 million.",
		"Liquidations were largely absent on Tuesday.",
		"Liquidations in the past 24 hours fell to $110 million as markets calmed.",
		"Liquidations were light at about $90 million over the day.",
		"Liquidation figures were unremarkable as ether hovered near $3,000.",
		"Liquidations over the week have been moderate, at roughly $250 million a day on average.",
		"Liquidations were limited to about $40 million.",
		"Total liquidations came to $310 million, a typical figure for a weekday.",
		"Liquidations were $65 million over 24 hours, the lowest figure this month.",
		"Liquidations this month averaged $280 million a day.",
		"Liquidations of DOGE positions came to less than $2 million on Monday.",
		"The broader market was quiet, with total liquidations below $150 million.",
		"Only $12 million was liquidated over the day, a quiet session for futures traders.",
		/* a small figure told first; seized coins sold by a state; wealth wiped out */
		"Only $148,000 in positions were liquidated during the last four hours.",
		"Just $7.2 million in futures were liquidated as bitcoin held steady.",
		"Authorities have been liquidating seized digital assets to fund the budget.",
		"The government's liquidation of $1.4 billion in seized bitcoin drew criticism.",
		"The crash wiped out $1 trillion of investor wealth in a few hours.",
		"The sell-off wiped $200 billion off the total market cap on Monday.",
		"Thin leverage limits the scope for liquidation cascades, analysts said.",
		"Liquidations across exchanges totaled just $70 million on Tuesday.",
		"Forced selling stayed rare: liquidations came well below the monthly average.",
		"A squeeze on margins hurt miners this quarter.",
		"The exchange was forced to close its doors.",
		/* an earlier period's turmoil named is background */
		"Markets were calm after last week's turbulence, which saw $1 billion in liquidations.",
		/* the word in other senses, and what liquidations are in general */
		"The startup's investors negotiated a 1x liquidation preference in the $40 million round.",
		"The contract sets liquidated damages at $2 million.",
		"The FTX estate continued the liquidation of its remaining assets.",
		/* a firm wound up */
		"The crypto lender fell into liquidation on Thursday.",
		"The bank announced that it would be liquidating its business.",
		"Prices slid after the liquidation of troubled hedge fund Arrowhead Capital.",
		"Exchange Shocks Users by Going into Liquidation",
		"The liquidation process will involve a thorough investigation of the exchange.",
		"Many users did not seem to understand what liquidation entails.",
		"Arrowhead Capital faces liquidation by crypto exchanges after missing margin calls.",
		"Aave's liquidation engine processed positions smoothly.",
		"Liquidations are a normal part of DeFi lending, developers said.",
		/* hashtags tag a post's topics; they tell nothing */
		"Stay safe and manage your risk! #Crypto #Liquidations #RiskOff",
		/* one order is no wave */
		"The largest liquidation order took place on OKX, where an ETH-USDT position worth "
		"$12.5 million was closed.",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct nm_doc *d = doc_of(texts[i]);
		run(d);
		if (d->n_events)
			fail_msg("text %zu: unexpected %s event", i, d->events[0].type);
		nm_doc_free(d);
	}
}

/* Calm is no wave, but a calm word that is not about the liquidations leaves them be; a
 * calm sentence after a wave is no telling of it (no continuation). */
static void deleveraging_calm(void **state)
{
	static const char *const waves[] = {
		"Liquidations were heavy, with $900 million wiped out over 24 hours.",
		"Liquidations came in just under $1 billion as bitcoin slid 8%.",
		"Liquidations totaled just over $2 billion, far above the monthly average.",
		"Liquidations surged as bitcoin fell below $90,000, wiping out $700 million in longs.",
		"Long liquidations topped $500 million, the largest figure in two weeks.",
		"Liquidations were limited to altcoins, where $300 million in longs were wiped out.",
		/* positions, not a firm, in forced liquidation */
		"As ETH reversed, leveraged positions fell into forced liquidation, wiping out $300 "
		"million.",
		"Prices slid after the liquidation of the exchange's long positions worth $300 million.",
		/* "only" before a part of a large wave */
		"Only about $1 billion in long bitcoin positions were liquidated in the $19 billion crash.",
	};
	for (size_t i = 0; i < sizeof(waves) / sizeof(waves[0]); i++) {
		struct nm_doc *d = doc_of(waves[i]);
		run(d);
		if (count_type(d, "deleveraging") != 1)
			fail_msg("text %zu: no deleveraging event", i);
		nm_doc_free(d);
	}

	struct nm_doc *d = doc_of("About $50 million in SOL shorts were liquidated on Monday. "
				  "Liquidations of BTC positions came to less than $2 million.");
	const struct nm_event *e;
	mention(d, NM_MENTION_MONEY, "$50 million", 0, 50e6, "SOL", "liquidations");
	mention(d, NM_MENTION_MONEY, "$2 million", 0, 2e6, "BTC", "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_int_equal(e->n_evidence, 1);
	nm_doc_free(d);
}

/* An article about one asset whose evidence gives two assets' parts tells the market's
 * wave: the unbound amount is its total, not the asset's. */
static void deleveraging_parts_of_several_assets(void **state)
{
	struct nm_doc *d = doc_of("Ether jumped 12% on Tuesday, triggering a wave of short liquidations. "
				  "About $800 million in short positions were wiped out in 24 hours. "
				  "Ether shorts made up $310 million of the total and Bitcoin shorts "
				  "$220 million.");
	const struct nm_event *e;
	asset(d, "Ether", 0, "ETH");
	mention(d, NM_MENTION_PERCENT, "12%", 0, 12, "ETH", "price");
	mention(d, NM_MENTION_MONEY, "About $800 million", 0, 800e6, NULL, "liquidations");
	mention(d, NM_MENTION_DURATION, "24 hours", 0, 86400, NULL, NULL);
	asset(d, "Ether", 1, "ETH");
	mention(d, NM_MENTION_MONEY, "$310 million", 0, 310e6, "ETH", "liquidations");
	asset(d, "Bitcoin", 0, "BTC");
	mention(d, NM_MENTION_MONEY, "$220 million", 0, 220e6, "BTC", "liquidations");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_true(e->figures.total_usd == 800e6);
	assert_int_equal(e->figures.n_per_asset, 2);
	nm_doc_free(d);

	/* one asset's parts keep the wave its own */
	d = doc_of("Ether jumped 12% on Tuesday, triggering a wave of short liquidations. About "
		   "$80 million in ETH shorts were wiped out in 24 hours.");
	asset(d, "Ether", 0, "ETH");
	mention(d, NM_MENTION_PERCENT, "12%", 0, 12, "ETH", "price");
	mention(d, NM_MENTION_MONEY, "About $80 million", 0, 80e6, "ETH", "liquidations");
	asset(d, "ETH", 0, "ETH");
	mention(d, NM_MENTION_DURATION, "24 hours", 0, 86400, NULL, NULL);
	run(d);
	assert_non_null(e = find(d, "deleveraging", "ETH"));
	nm_doc_free(d);
}

/* "On the token" names the asset the sentence named before, however far. */
static void deleveraging_anaphor(void **state)
{
	struct nm_doc *d = doc_of("Litecoin slid 12% to $61 on Wednesday, triggering $86 million in long "
				  "liquidations on the token. Across the market, liquidations reached "
				  "$640 million.");
	const struct nm_event *e;
	asset(d, "Litecoin", 0, "LTC");
	mention(d, NM_MENTION_PERCENT, "12%", 0, 12, "LTC", "price");
	mention(d, NM_MENTION_PRICE, "$61", 0, 61, "LTC", "price");
	mention(d, NM_MENTION_MONEY, "$86 million", 0, 86e6, "LTC", "liquidations");
	mention(d, NM_MENTION_MONEY, "$640 million", 0, 640e6, NULL, "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_true(e->figures.total_usd == 640e6);
	assert_int_equal(e->figures.n_per_asset, 1);
	assert_true(e->figures.per_asset[0].usd == 86e6);
	nm_doc_free(d);
}

/* A summary's total told again in the body stays the total, and a side's part of it is
 * no asset's figure. */
static void deleveraging_total_told_again(void **state)
{
	struct nm_doc *d = doc_of("TL;DR\n- Over $620M liquidated in 24h, longs hit hardest\n\n"
				  "Bitcoin's attempt to reclaim $98,000 failed on Wednesday. The move "
				  "flushed out more than $620 million in leveraged positions, with longs "
				  "accounting for $510 million.");
	const struct nm_event *e;
	mention(d, NM_MENTION_MONEY, "Over $620M", 0, 620e6, NULL, "liquidations");
	d->mentions[d->n_mentions - 1].qualifier = NM_QUAL_AT_LEAST;
	mention(d, NM_MENTION_DURATION, "24h", 0, 86400, NULL, NULL);
	asset(d, "Bitcoin", 0, "BTC");
	mention(d, NM_MENTION_PRICE, "$98,000", 0, 98000, "BTC", "price");
	mention(d, NM_MENTION_MONEY, "more than $620 million", 0, 620e6, NULL, "liquidations");
	d->mentions[d->n_mentions - 1].qualifier = NM_QUAL_AT_LEAST;
	mention(d, NM_MENTION_MONEY, "$510 million", 0, 510e6, NULL, "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_int_equal(e->n_evidence, 2);
	assert_true(e->figures.total_usd == 620e6);
	assert_int_equal(e->figures.n_per_asset, 0);
	nm_doc_free(d);
}

/* lines of figures after the telling go on with it: a bulleted list, or "ETH: $180M"
 * lines from a page's list; a heading after them ends the list */
static void deleveraging_list_of_figures(void **state)
{
	static const char *const texts[] = {
		"Wrap\n\nLiquidations hit $400M in 24 hours.\n\n- BTC $117M\n- ETH $180M\n\n"
		"Solana Outlook $40M\n\nMore to come.",
		"Wrap\n\nLiquidations hit $400M in 24 hours.\n\nBTC: $117M\n\nETH: $180M\n\n"
		"Solana Outlook $40M\n\nMore to come.",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct nm_doc *d = doc_of(texts[i]);
		const struct nm_event *e;
		mention(d, NM_MENTION_MONEY, "$400M", 0, 400e6, NULL, "liquidations");
		asset(d, "BTC", 0, "BTC");
		mention(d, NM_MENTION_MONEY, "$117M", 0, 117e6, "BTC", NULL);
		asset(d, "ETH", 0, "ETH");
		mention(d, NM_MENTION_MONEY, "$180M", 0, 180e6, "ETH", NULL);
		asset(d, "Solana", 0, "SOL");
		mention(d, NM_MENTION_MONEY, "$40M", 0, 40e6, "SOL", NULL);
		run(d);
		assert_non_null(e = find(d, "deleveraging", ""));
		if (e->figures.n_per_asset != 2)
			fail_msg("text %zu: %zu per-asset figures", i, e->figures.n_per_asset);
		assert_string_equal(e->figures.per_asset[0].asset, "BTC");
		assert_string_equal(e->figures.per_asset[1].asset, "ETH");
		nm_doc_free(d);
	}
}

/* the amounts of a "respectively" sentence are each its asset's, not the group's */
static void deleveraging_respectively(void **state)
{
	static const char *const ends[] = {" respectively.", "."};
	for (int k = 0; k < 2; k++) {
		char text[160];
		snprintf(text, sizeof(text), "Liquidations reached $400M today. Bitcoin and Ether saw "
			 "$117M and $180M%s", ends[k]);
		struct nm_doc *d = doc_of(text);
		const struct nm_event *e;
		mention(d, NM_MENTION_MONEY, "$400M", 0, 400e6, NULL, "liquidations");
		asset(d, "Bitcoin", 0, "BTC");
		asset(d, "Ether", 0, "ETH");
		/* as the mention layer binds them: paired, else the nearest name */
		mention(d, NM_MENTION_MONEY, "$117M", 0, 117e6, k ? "ETH" : "BTC", NULL);
		mention(d, NM_MENTION_MONEY, "$180M", 0, 180e6, "ETH", NULL);
		run(d);
		assert_non_null(e = find(d, "deleveraging", ""));
		bool btc = false;
		for (size_t i = 0; i < e->figures.n_per_asset; i++)
			btc |= !strcmp(e->figures.per_asset[i].asset, "BTC") && e->figures.per_asset[i].usd == 117e6;
		assert_int_equal(btc, !k);
		nm_doc_free(d);
	}
}

/* the one who tells the news is not the one liquidated */
static void deleveraging_source_is_no_single(void **state)
{
	static const char *const texts[] = {
		"Analysts at a crypto fund said that about $350 million in longs had been liquidated.",
		"About $350 million in longs had been liquidated overnight, a trader said.",
		"According to one trader, $350 million in longs were liquidated overnight.",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct nm_doc *d = doc_of(texts[i]);
		mention(d, NM_MENTION_MONEY, "$350 million", 0, 350e6, NULL, "liquidations");
		run(d);
		if (count_type(d, "deleveraging") != 1)
			fail_msg("text %zu: no deleveraging", i);
		assert_int_equal(d->events[0].modality, NM_MOD_REPORTED);
		nm_doc_free(d);
	}
	/* while one trader's loss stays none */
	struct nm_doc *d = doc_of("A whale lost $35 million when its longs were liquidated, a trader said.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);
}

static void deleveraging_history_is_background(void **state)
{
	struct nm_doc *d = doc_of("Prices were calm today, in contrast with last year. "
				  "The market is far from the record seen since the March crash when liquidations hit $1 billion.");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 0);
	nm_doc_free(d);
	/* an earlier period's wave, by name ("last month's", "last week's"), is background
	 * too, and gives the wave of the news none of its figures */
	d = doc_of("Over $420M in longs were liquidated today. Analysts said the move (vs. last "
		   "week's $1.1B wipeout) was modest.");
	mention(d, NM_MENTION_MONEY, "$420M", 0, 420e6, NULL, "liquidations");
	d->mentions[d->n_mentions - 1].qualifier = NM_QUAL_AT_LEAST; /* a larger figure would fit */
	mention(d, NM_MENTION_DURATION, "last week", 0, 604800, NULL, NULL);
	mention(d, NM_MENTION_MONEY, "$1.1B", 0, 1.1e9, NULL, "liquidations");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_true(d->events[0].figures.total_usd == 420e6);
	assert_true(isnan(d->events[0].figures.window_seconds));
	nm_doc_free(d);
	d = doc_of("Last month's $1.3B liquidation wave still weighs on traders. They remain "
		   "cautious after last month's wave, in which $1.3 billion was liquidated.");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 0);
	nm_doc_free(d);
	/* history after the wave's own amount leaves the rest of its sentence to the wave */
	d = doc_of("Over $500 million in shorts were liquidated in 24 hours, the largest short "
		   "squeeze since the March crash.");
	mention(d, NM_MENTION_MONEY, "$500 million", 0, 500e6, NULL, "liquidations");
	mention(d, NM_MENTION_DURATION, "24 hours", 0, 86400, NULL, NULL);
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_string_equal(d->events[0].figures.side, "short");
	assert_true(d->events[0].figures.window_seconds == 86400);
	nm_doc_free(d);
}

static void deleveraging_modality(void **state)
{
	struct nm_doc *d = doc_of("Analysts warn that $2 billion in shorts could be liquidated if bitcoin climbs to $130,000.");
	const struct nm_event *e;
	mention(d, NM_MENTION_MONEY, "$2 billion", 0, 2e9, NULL, "liquidations");
	asset(d, "bitcoin", 0, "BTC");
	run(d);
	assert_int_equal(d->n_events, 1);
	e = &d->events[0];
	assert_string_equal(e->type, "deleveraging");
	assert_int_equal(e->modality, NM_MOD_FORECAST);
	nm_doc_free(d);

	d = doc_of("Despite the drop, there were no liquidations of note on the venue.");
	run(d);
	assert_int_equal(d->n_events, 1);
	assert_int_equal(d->events[0].modality, NM_MOD_NEGATED);
	nm_doc_free(d);

	/* told as having happened inside a prediction: a day's possessive, or a relative
	 * clause in the past; not a day's level that may break */
	static const struct {
		const char *text;
		enum nm_modality want;
	} told[] = {
		{"Some analysts expect a rebound after Monday's $900 million liquidation cascade.",
		 NM_MOD_REPORTED},
		{"If Monday's lows break, liquidations could follow.", NM_MOD_FORECAST},
		{"Monday's drop could trigger more liquidations.", NM_MOD_FORECAST},
		/* what must hold "to avoid" a wave predicts it; avoided is none */
		{"Bitcoin needs to hold $90,000 to avoid a cascade of liquidations.", NM_MOD_FORECAST},
		{"The market avoided a liquidation cascade on Monday.", NM_MOD_NEGATED},
		/* a liquidation map says where liquidations would happen */
		{"The heatmap shows a dense cluster of long liquidations near $88,000.", NM_MOD_FORECAST},
		{"Cumulative long liquidation leverage at $60,000 stands at $1.1 billion.",
		 NM_MOD_FORECAST},
		{"A move to $3,900 would liquidate roughly $1.4 billion in shorts.", NM_MOD_FORECAST},
		{"A push above $190 could trigger a massive squeeze.", NM_MOD_FORECAST},
		{"The rally to $190 sparked a squeeze that lifted prices 9%.", NM_MOD_REPORTED},
		/* a wave told as coming, made ready, feared or warned of */
		{"A long squeeze looms as leverage builds up.", NM_MOD_FORECAST},
		{"Short squeeze incoming as funding turns negative.", NM_MOD_FORECAST},
		{"A massive short squeeze is inevitable.", NM_MOD_FORECAST},
		{"The order books are setting the stage for a massive short squeeze.", NM_MOD_FORECAST},
		{"The market is primed for a liquidation cascade.", NM_MOD_FORECAST},
		{"Fears of a long squeeze grow as the price retraces.", NM_MOD_FORECAST},
		{"Short squeeze alert: shorts pile up above the range.", NM_MOD_FORECAST},
		{"Fears of inflation triggered a short squeeze on Monday.", NM_MOD_REPORTED},
		/* a comparison with what was expected tells a fact */
		{"Faster-than-expected growth triggered a short squeeze on Monday.", NM_MOD_REPORTED},
		{"Analysts expected a short squeeze on Monday.", NM_MOD_FORECAST},
		/* a threat that was made is past; a threat to come foretells */
		{"The president threatened new tariffs, triggering a short squeeze on Monday.", NM_MOD_REPORTED},
		{"Leverage at these levels threatens a short squeeze.", NM_MOD_FORECAST},
		{"The rally set the stage for a short squeeze that lifted prices 9%.", NM_MOD_REPORTED},
		/* an infinitive foretells, unless a cause or a start governs it */
		{"Over $600 million in long positions to be liquidated below $80,000.", NM_MOD_FORECAST},
		{"The drop caused over $600 million in long positions to be liquidated.", NM_MOD_REPORTED},
		{"Bitcoin fell 5%, causing about 10,000 BTC of long positions to be liquidated.",
		 NM_MOD_REPORTED},
		{"As the price rose, short sellers began to get liquidated.", NM_MOD_REPORTED},
		{"A drop below $80,000 could cause $600 million in longs to be liquidated.",
		 NM_MOD_FORECAST},
		/* a chance, a watch, a fear named after the wave, positions read off a map, and
		 * a failure that opens a sentence all foretell */
		{"Rising leverage heightens the probability of forced liquidations across the market.",
		 NM_MOD_FORECAST},
		{"The likelihood of a liquidation cascade rose as bitcoin slid.", NM_MOD_FORECAST},
		{"The possibilities of a long squeeze in bitcoin are rising.", NM_MOD_FORECAST},
		{"Watch-out for a short squeeze above $70,000.", NM_MOD_FORECAST},
		{"Bitcoin Long Squeeze Fears Resurface as Price Slips Toward $60,000", NM_MOD_FORECAST},
		{"Bitcoin Set for Short Squeeze as Shorts Pile Up Near $120,000", NM_MOD_FORECAST},
		{"Over $11 billion in shorts face liquidation above $4,200.", NM_MOD_FORECAST},
		{"Failure to break above the $100,000 resistance keeps the bears in control.",
		 NM_MOD_FORECAST},
		{"Bitcoin's failure to break above the $100,000 resistance sparked a sell-off on Monday.",
		 NM_MOD_REPORTED},
		/* denied: lacked, minimal evidence of, rather than, instead of */
		{"There is minimal evidence of forced liquidation across the market.", NM_MOD_NEGATED},
		{"The sell-off lacked a liquidation cascade.", NM_MOD_NEGATED},
		{"The drop came from spot selling rather than a liquidation cascade.", NM_MOD_NEGATED},
		{"Spot buyers stepped in instead of a long squeeze.", NM_MOD_NEGATED},
		{"Investors bought the dip rather than dumping risk assets.", NM_MOD_NEGATED},
	};
	for (size_t i = 0; i < sizeof(told) / sizeof(told[0]); i++) {
		d = doc_of(told[i].text);
		run(d);
		assert_int_equal(d->n_events, 1);
		if (d->events[0].modality != told[i].want)
			fail_msg("'%s': modality %d", told[i].text, (int)d->events[0].modality);
		nm_doc_free(d);
	}
	d = doc_of("Strategists suggest that the risk-off mood that gripped markets this week may "
		   "persist.");
	run(d);
	assert_non_null(find(d, "risk-off", ""));
	assert_int_equal(find(d, "risk-off", "")->modality, NM_MOD_REPORTED);
	nm_doc_free(d);
}

/* A hedge reaches the trigger only inside its clause: " - ", ", but", " but " and ";"
 * end a clause, a plain space or comma does not (modality.c clause_break). */
static void modality_clause_breaks(void **state)
{
	static const struct {
		const char *text;
		enum nm_modality want;
	} cases[] = {
		{"Bulls may regroup later - $500 million in longs were liquidated across the crypto market.", NM_MOD_REPORTED},
		{"Bulls may regroup later, but $500 million in longs were liquidated across the crypto market.", NM_MOD_REPORTED},
		{"Bulls may regroup later but $500 million in longs were liquidated across the crypto market.", NM_MOD_REPORTED},
		{"Bulls may regroup later; $500 million in longs were liquidated across the crypto market.", NM_MOD_REPORTED},
		{"Bulls may regroup later as $500 million in longs were liquidated across the crypto market.", NM_MOD_FORECAST},
		{"Bulls may regroup later, $500 million in longs were liquidated across the crypto market.", NM_MOD_FORECAST},
		{"Bulls may regroup later -$500 million in longs were liquidated across the crypto market.", NM_MOD_FORECAST},
		{"Bulls may regroup later butt $500 million in longs were liquidated across the crypto market.", NM_MOD_FORECAST},
		/* a factive clause states a fact */
		{"Bulls will take heart from the fact that $500 million in longs were liquidated across the crypto market.", NM_MOD_REPORTED},
		{"Bulls will take heart from a fact: $500 million in longs were liquidated across the crypto market.", NM_MOD_REPORTED},
		{"Bulls will take heart from fact that $500 million in longs were liquidated across the crypto market.", NM_MOD_FORECAST},
		/* a possibility of, an anticipation of: foretold; a possibility strengthened is
		 * not */
		{"Leverage raises the possibility of $500 million in longs being liquidated across the crypto market.", NM_MOD_FORECAST},
		{"The anticipation of $500 million in longs liquidated across the crypto market grew.", NM_MOD_FORECAST},
		/* "due to" a cause tells why; "is due to" a plan foretells */
		{"Due to margin calls, over $500 million in longs were liquidated across the crypto market.", NM_MOD_REPORTED},
		{"The exchange is due to report $500 million in longs liquidated across the crypto market.", NM_MOD_FORECAST},
		/* what ", with" adds after the trigger is its own clause; before it, it is not */
		{"$500 million in longs were liquidated across the crypto market, with traders watching $90,000 if support gives way.", NM_MOD_REPORTED},
		{"$500 million in longs were liquidated across the crypto market if support gives way.", NM_MOD_FORECAST},
		{"Bulls may regroup later, with $500 million in longs liquidated across the crypto market.", NM_MOD_FORECAST},
		/* ", as" opens a clause of its own, on either side of the trigger */
		{"Bulls may regroup later, as $500 million in longs were liquidated across the crypto market.", NM_MOD_REPORTED},
		{"$500 million in longs were liquidated across the crypto market, as traders assess whether support holds.", NM_MOD_REPORTED},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nm_doc *d = doc_of(cases[i].text);
		mention(d, NM_MENTION_MONEY, "$500 million", 0, 5e8, NULL, "liquidations");
		run(d);
		assert_int_equal(count_type(d, "deleveraging"), 1);
		assert_int_equal(find(d, "deleveraging", "")->modality, cases[i].want);
		nm_doc_free(d);
	}
}

static void deleveraging_glued_subheading_and_contrast(void **state)
{
	/* a subheading glued to the paragraph after it rounds like a headline: the body's
	 * precise figure is the asset's; a contrast of sides makes the clearly larger the side */
	struct nm_doc *d = doc_of("Ripple rallies on court news\n\n"
				  "The token rose 10% within an hour.Over $7 million in short XRP positions "
				  "liquidated in an hourTraders saw $7.42 million of short XRP positions "
				  "liquidated over the last hour, compared to $3.1 million in long liquidations.");
	const struct nm_event *e;
	asset(d, "Ripple", 0, "XRP");
	mention(d, NM_MENTION_MONEY, "$7 million", 0, 7e6, NULL, NULL);
	asset(d, "XRP", 0, "XRP");
	mention(d, NM_MENTION_MONEY, "$7.42 million", 0, 7.42e6, NULL, NULL);
	asset(d, "XRP", 1, "XRP");
	mention(d, NM_MENTION_MONEY, "$3.1 million", 0, 3.1e6, NULL, NULL);
	run(d);
	assert_non_null(e = find(d, "deleveraging", "XRP"));
	assert_int_equal(e->figures.n_per_asset, 1);
	assert_true(e->figures.per_asset[0].usd == 7.42e6);
	assert_string_equal(e->figures.side, "short");
	nm_doc_free(d);

	/* no contrast: two sides of like size are both */
	d = doc_of("Some $7.42 million of short XRP positions and $3.1 million of longs were liquidated.");
	mention(d, NM_MENTION_MONEY, "$7.42 million", 0, 7.42e6, NULL, NULL);
	asset(d, "XRP", 0, "XRP");
	mention(d, NM_MENTION_MONEY, "$3.1 million", 0, 3.1e6, NULL, NULL);
	run(d);
	assert_non_null(e = find(d, "deleveraging", "XRP"));
	assert_string_equal(e->figures.side, "both");
	nm_doc_free(d);
}

static void deleveraging_prose_title_is_exact(void **state)
{
	/* a title that is a full sentence (plain text's lede) is exact, not rounded: its
	 * total stands over the body's part of it; a headline-style title rounds */
	static const char lede[] = "Traders were hit as $500 million of crypto positions were liquidated.";
	static const char head[] = "Crypto Liquidations Top $500 million";
	for (int k = 0; k < 2; k++) {
		const char *title = k ? head : lede;
		char text[512];
		struct nm_doc *d;
		const struct nm_event *e;
		snprintf(text, sizeof(text), "%s\nIn the last hour, about $510 million worth of crypto "
			 "positions across the market were liquidated.", title);
		d = doc_of(text);
		d->title = nm_arena_strdup(d->arena, title);
		mention(d, NM_MENTION_MONEY, "$500 million", 0, 5e8, NULL, NULL);
		mention(d, NM_MENTION_MONEY, "$510 million", 0, 5.1e8, NULL, NULL);
		run(d);
		assert_non_null(e = find(d, "deleveraging", ""));
		assert_true(e->figures.total_usd == (k ? 5.1e8 : 5e8));
		nm_doc_free(d);
	}
}

static void deleveraging_asset_told_before(void **state)
{
	/* after the total, an unbound amount takes the one asset the sentence before names */
	static const char *const second[] = {"Notably, Solana bore the brunt of the wipeout. ",
					     "Notably, Solana and Cardano bore the brunt. "};
	for (int k = 0; k < 2; k++) {
		char text[512];
		struct nm_doc *d;
		const struct nm_event *e;
		snprintf(text, sizeof(text), "Across the crypto market, $900 million of positions were "
			 "liquidated in a day. %sData showed bulls lost $410 million in forced closures.",
			 second[k]);
		d = doc_of(text);
		mention(d, NM_MENTION_MONEY, "$900 million", 0, 9e8, NULL, NULL);
		asset(d, "Solana", 0, "SOL");
		if (k)
			asset(d, "Cardano", 0, "ADA");
		mention(d, NM_MENTION_MONEY, "$410 million", 0, 4.1e8, NULL, NULL);
		run(d);
		assert_non_null(e = find(d, "deleveraging", ""));
		assert_true(e->figures.total_usd == 9e8);
		if (k) {
			assert_int_equal(e->figures.n_per_asset, 0);
		} else {
			assert_int_equal(e->figures.n_per_asset, 1);
			assert_string_equal(e->figures.per_asset[0].asset, "SOL");
			assert_true(e->figures.per_asset[0].usd == 4.1e8);
		}
		nm_doc_free(d);
	}
}

/* sides first, then their sum: the sum is the total; a sum with no side before it, or
 * a side's amount with no sum after it, leaves the first amount the total */
static void deleveraging_total_of_sides(void **state)
{
	static const struct {
		const char *text;
		double total;
	} cases[] = {
		{"Longs lost $300 million while shorts lost $100 million; total liquidations were "
		 "$400 million in a day.", 4e8},
		{"Long liquidations reached $300 million and short liquidations $100 million, bringing "
		 "the total to $400 million in a day.", 4e8},
		{"Over $300 million was liquidated in a day, after $100 million on Monday and $400 "
		 "million on Sunday.", 3e8},
		{"Longs lost $300 million in liquidations in a day, while shorts lost $200 million.", 3e8},
	};
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct nm_doc *d = doc_of(cases[k].text);
		const struct nm_event *e;
		static const char *const amounts[] = {"$300 million", "$100 million", "$200 million",
						      "$400 million"};
		for (int a = 0; a < 4; a++)
			if (strstr(cases[k].text, amounts[a]))
				mention(d, NM_MENTION_MONEY, amounts[a], 0,
					strtod(amounts[a] + 1, NULL) * 1e6, NULL, NULL);
		run(d);
		assert_non_null(e = find(d, "deleveraging", ""));
		if (e->figures.total_usd != cases[k].total)
			fail_msg("case %zu: total %.0f, want %.0f", k, e->figures.total_usd, cases[k].total);
		nm_doc_free(d);
	}
}

/* one asset's side, then the whole it is part of: the asset's figure is the whole; an
 * amount that is no side's keeps its figure */
static void deleveraging_asset_part_of_whole(void **state)
{
	static const char *const lines[] = {"in long liquidations of a total of",
					    "in liquidations, on a total of"};
	for (int k = 0; k < 2; k++) {
		char text[512];
		struct nm_doc *d;
		const struct nm_event *e;
		snprintf(text, sizeof(text), "Across the crypto market, $500 million of positions were "
			 "liquidated in a day. Ether suffered $30 million %s $40 million.", lines[k]);
		d = doc_of(text);
		mention(d, NM_MENTION_MONEY, "$500 million", 0, 5e8, NULL, NULL);
		asset(d, "Ether", 0, "ETH");
		mention(d, NM_MENTION_MONEY, "$30 million", 0, 3e7, "ETH", "liquidations");
		mention(d, NM_MENTION_MONEY, "$40 million", 0, 4e7, NULL, NULL);
		run(d);
		assert_non_null(e = find(d, "deleveraging", ""));
		assert_true(e->figures.total_usd == 5e8);
		assert_int_equal(e->figures.n_per_asset, 1);
		assert_string_equal(e->figures.per_asset[0].asset, "ETH");
		if (e->figures.per_asset[0].usd != (k ? 3e7 : 4e7))
			fail_msg("case %d: ETH %.0f", k, e->figures.per_asset[0].usd);
		nm_doc_free(d);
	}
}

/* an aside between the name and its amount keeps the binding */
static void deleveraging_asset_across_aside(void **state)
{
	struct nm_doc *d = doc_of("Across the crypto market, $700 million of positions were "
				  "liquidated. Cardano, which ranks among the ten largest coins, "
				  "recorded $21 million in liquidations.");
	const struct nm_event *e;
	mention(d, NM_MENTION_MONEY, "$700 million", 0, 7e8, NULL, NULL);
	asset(d, "Cardano", 0, "ADA");
	mention(d, NM_MENTION_MONEY, "$21 million", 0, 2.1e7, "ADA", "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_true(e->figures.total_usd == 7e8);
	assert_int_equal(e->figures.n_per_asset, 1);
	assert_string_equal(e->figures.per_asset[0].asset, "ADA");
	nm_doc_free(d);
}

static void deleveraging_amount_of_a_list(void **state)
{
	/* an amount told of several assets together is neither the last one's nor the
	 * total; one asset alone in the same place still takes it */
	static const char *const told[] = {"Litecoin, Cardano and Polkadot together made up",
					   "Polkadot alone made up"};
	for (int k = 0; k < 2; k++) {
		char text[512];
		struct nm_doc *d;
		const struct nm_event *e;
		snprintf(text, sizeof(text), "Traders saw $600 million of positions liquidated over "
			 "the day. Bitcoin accounted for $250 million of that. %s roughly $70 million.",
			 told[k]);
		d = doc_of(text);
		mention(d, NM_MENTION_MONEY, "$600 million", 0, 6e8, NULL, "liquidations");
		asset(d, "Bitcoin", 0, "BTC");
		mention(d, NM_MENTION_MONEY, "$250 million", 0, 2.5e8, "BTC", "liquidations");
		if (!k) {
			asset(d, "Litecoin", 0, "LTC");
			asset(d, "Cardano", 0, "ADA");
		}
		asset(d, "Polkadot", 0, "DOT");
		mention(d, NM_MENTION_MONEY, "$70 million", 0, 7e7, NULL, NULL);
		run(d);
		assert_non_null(e = find(d, "deleveraging", ""));
		assert_true(e->figures.total_usd == 6e8);
		assert_int_equal(e->figures.n_per_asset, k ? 2 : 1);
		assert_string_equal(e->figures.per_asset[0].asset, "BTC");
		if (k) {
			assert_string_equal(e->figures.per_asset[1].asset, "DOT");
			assert_true(e->figures.per_asset[1].usd == 7e7);
		}
		nm_doc_free(d);
	}
}

/* ------------------------------------------------------------------ rejection */

static void rejection_reported_zone(void **state)
{
	struct nm_doc *d = doc_of("Ether failed to break above the $4,100\xe2\x80\x93$4,200 resistance and slid.");
	const struct nm_event *e;
	asset(d, "Ether", 0, "ETH");
	range(d, "$4,100\xe2\x80\x93$4,200", 4100, 4200, "ETH", "resistance");
	run(d);
	assert_non_null(e = find(d, "rejection", "ETH"));
	assert_int_equal(e->modality, NM_MOD_REPORTED); /* "failed to" is the trigger, not a negation */
	assert_true(e->figures.low == 4100 && e->figures.high == 4200);
	assert_string_equal(e->figures.side, "resistance");
	nm_doc_free(d);
}

/* Figures are dollars of liquidations: a sum bound to another quantity is no total, and
 * a level in cents is a fraction of a dollar. */
static void figures_roles_and_cents(void **state)
{
	struct nm_doc *d = doc_of("Open interest collapsed by $2 billion as leveraged longs were "
				  "flushed, with $300 million liquidated.");
	const struct nm_event *e;
	mention(d, NM_MENTION_MONEY, "$2 billion", 0, 2e9, NULL, "open_interest");
	mention(d, NM_MENTION_MONEY, "$300 million", 0, 3e8, NULL, "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_true(e->figures.total_usd == 3e8);
	nm_doc_free(d);

	d = doc_of("Dogecoin sellers defended the 20-cent mark, rejecting every attempt higher.");
	asset(d, "Dogecoin", 0, "DOGE");
	mention(d, NM_MENTION_PRICE, "20-cent", 0, 20, "DOGE", "price");
	snprintf(d->mentions[1].currency, sizeof(d->mentions[1].currency), "cent");
	run(d);
	assert_non_null(e = find(d, "rejection", "DOGE"));
	assert_true(fabs(e->figures.level - 0.2) < 1e-12);
	nm_doc_free(d);
}

static void rejection_support_and_two_assets(void **state)
{
	struct nm_doc *d = doc_of("Litecoin bounced off support at $70 on Friday. "
				  "Meanwhile Avalanche was rejected at $31 for the third time this week.");
	const struct nm_event *e;
	asset(d, "Litecoin", 0, "LTC");
	mention(d, NM_MENTION_PRICE, "$70", 0, 70, "LTC", "support");
	asset(d, "Avalanche", 0, "AVAX");
	mention(d, NM_MENTION_PRICE, "$31", 0, 31, "AVAX", "price");
	run(d);
	assert_int_equal(count_type(d, "rejection"), 2);
	assert_non_null(e = find(d, "rejection", "LTC"));
	assert_string_equal(e->figures.side, "support");
	assert_true(e->figures.level == 70);
	assert_non_null(e = find(d, "rejection", "AVAX"));
	assert_true(e->figures.level == 31);
	assert_string_equal(e->figures.side, "resistance");
	nm_doc_free(d);
}

/* "pushed above $X, only to fall back": tested and turned back in one sentence. */
static void rejection_only_to_fall_back(void **state)
{
	struct nm_doc *d = doc_of("Overview. Solana pushed above $150 twice this week, only to fall back each time.");
	const struct nm_event *e;
	asset(d, "Solana", 0, "SOL");
	mention(d, NM_MENTION_PRICE, "$150", 0, 150, "SOL", NULL);
	run(d);
	assert_non_null(e = find(d, "rejection", "SOL"));
	assert_int_equal(e->modality, NM_MOD_REPORTED);
	assert_true(e->figures.level == 150);
	assert_string_equal(e->figures.side, "resistance");
	nm_doc_free(d);
	/* a rise with no turn back is no rejection */
	d = doc_of("Overview. Solana pushed above $150 this week and held there.");
	asset(d, "Solana", 0, "SOL");
	mention(d, NM_MENTION_PRICE, "$150", 0, 150, "SOL", NULL);
	run(d);
	assert_int_equal(count_type(d, "rejection"), 0);
	nm_doc_free(d);
}

/* other wordings of a turn-back: "its failure to clear $X", "repelled at $X" */
static void rejection_failure_noun(void **state)
{
	static const struct {
		const char *text, *level;
		double value;
	} cases[] = {
		{"Litecoin's failure to clear $120 sent sellers back in.", "$120", 120},
		{"Litecoin was repelled at $140 and slid.", "$140", 140},
		/* could not get through, told in the past */
		{"Litecoin couldn't crack $95 again, sliding to $88.", "$95", 95},
		{"Litecoin did not break $96 and was rejected there again.", "$96", 96},
		{"Litecoin wasn't able to clear $97, sliding back to $90.", "$97", 97},
		/* resistance met and a turn back told */
		{"Litecoin faced stiff resistance at $90 and fell back to $84.", "$90", 90},
		/* a rally that fizzled at a level */
		{"Litecoin's rally fizzled at $110, where sellers emerged.", "$110", 110},
		/* pierced, then not held */
		{"Litecoin wicked above $130 before being sold off to $121.", "$130", 130},
		{"Litecoin briefly broke above $135 but could not hold the level.", "$135", 135},
		{"Litecoin was sold off sharply after tagging $150.", "$150", 150},
		{"Litecoin could stall near $160, where sellers are expected to step in.", "$160", 160},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nm_doc *d = doc_of(cases[i].text);
		const struct nm_event *e;
		asset(d, "Litecoin", 0, "LTC");
		mention(d, NM_MENTION_PRICE, cases[i].level, 0, cases[i].value, "LTC", "price");
		run(d);
		assert_non_null(e = find(d, "rejection", "LTC"));
		assert_true(e->figures.level == cases[i].value);
		nm_doc_free(d);
	}
	/* a proposal rebuffed is no price turned back */
	struct nm_doc *d = doc_of("The regulator rebuffed the exchange's proposal.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);
}

/* Each text tells a reported turn of asset `name` (ticker tk) at level lv ($value) on
 * side `side`; a second amount in the text, `other`, is where the price went after. */
static void expect_turns(const char *const *texts, size_t n, const char *name, const char *tk,
			 const char *lv, double value, const char *other, double other_value,
			 const char *side)
{
	for (size_t i = 0; i < n; i++) {
		struct nm_doc *d = doc_of(texts[i]);
		const struct nm_event *e;
		asset(d, name, 0, tk);
		mention(d, NM_MENTION_PRICE, lv, 0, value, tk, "price");
		if (other && strstr(texts[i], other))
			mention(d, NM_MENTION_PRICE, other, 0, other_value, tk, "price");
		run(d);
		if (!(e = find(d, "rejection", tk)))
			fail_msg("'%s': no rejection", texts[i]);
		assert_string_equal(e->figures.side, side);
		assert_true(e->figures.level == value);
		assert_int_equal(e->modality, NM_MOD_REPORTED);
		nm_doc_free(d);
	}
}

/* a support tested and held: the turn back up */
static void rejection_support_wordings(void **state)
{
	static const char *const texts[] = {
		"Litecoin held support at $80 for a third day.",
		"Litecoin held the $80 support for a third straight session.",
		"Litecoin found buyers at $80 and rebounded 8%.",
		"Litecoin found a floor at $80 and rebounded 8%.",
		"Litecoin rebounded off the 200-day moving average near $80.",
		"Litecoin slipped below $80 but buyers quickly pushed it back above the level.",
		"Litecoin tested $80 support and bounced 6% within hours.",
		"Litecoin bounced precisely from the $80 demand zone.",
		"Litecoin rebounded after touching the $80 support.",
		"Litecoin is bouncing back from the $80 level this week.",
		"The Litecoin decline stalled just above $80 on Monday.",
		"The Litecoin downside was contained by support at $80.",
		"Litecoin is turning upwards from the key support of $80.",
		"Litecoin picked up a bid after a repeated defense of $80 in the last three days.",
		"Litecoin bounced right off that level of $80 on Monday.",
		"A Litecoin rebound at the $80 mark calmed traders.",
	};
	expect_turns(texts, sizeof(texts) / sizeof(texts[0]), "Litecoin", "LTC", "$80", 80, NULL, 0,
		     "support");
	/* a rebound (the noun) from lows names no level turned back at */
	struct nm_doc *d = doc_of("Despite a sharp rebound from recent lows, volume stayed thin.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);
}

static void rejection_resistance_wordings(void **state)
{
	static const char *const texts[] = {
		"Avalanche got knocked back from $40 on Tuesday as sellers took profits.",
		"The Avalanche rally ran out of steam just shy of $40.",
		"Bulls failed to push Avalanche above the $40 resistance.",
		"The Avalanche recovery fizzled out near $40.",
		"Avalanche failed to continue higher above the $40 resistance zone.",
		"Sellers emerged at $40, capping Avalanche's advance.",
		"Profit-taking kicked in at $40, sending Avalanche down 4%.",
		"The Avalanche rally was sold into at $40.",
		"The Avalanche advance was halted at $40.",
		"The $40 level proved too strong for Avalanche bulls.",
		"Avalanche rallied to $40 before sellers pushed it back to $36.",
		"Avalanche was denied a breakout above $40 and slid to $36.",
		"The Avalanche rally hit a ceiling at $40 before reversing to $36.",
		"Avalanche reversed from the $40 resistance and fell to $36.",
		"The $40 level acted as a ceiling for Avalanche once again, sending it to $36.",
		"Avalanche tested the $40 resistance and pulled back to $36.",
		/* a cap stops a rise, whatever support the sentence names */
		"Avalanche held support, but its upside was capped at $40 and the token slid to $36.",
		/* the level tried, not where the price went after */
		"Avalanche tried to reclaim $40, but each attempt was met with heavy selling and "
		"the token retreated to $36.",
		/* resistance run into at a level, a rally that sputtered or stopped there */
		"Avalanche hit resistance at $40 for the second time this week.",
		"Avalanche encountered strong resistance near $40 on Tuesday.",
		"The Avalanche rally sputtered just shy of $40.",
		"The Avalanche rally stopped at $40, the upper bound of its channel.",
		"Sellers were active near $40, stopping Avalanche's climb.",
		"Avalanche could not sustain the upbeat momentum beyond $40 and resumed its fall.",
		"Avalanche tested the hurdle at $40 twice this month.",
		"Avalanche was down 2% today, as its $40 resistance was hit.",
		"Avalanche faced stiff resistance trying to flip $40 into support.",
		"Avalanche bears continue to block the upside momentum at the $40 resistance zone.",
		"Avalanche broke $38 but failed to head past the $40 resistance.",
		"Avalanche slid for days after its inability to surpass the $40 high.",
		"Avalanche surged to over $40, which sparked a wave of selling pressure.",
		"The Avalanche attempt to push the price above the $40 mark fell short this week.",
		/* failed at a level, resistance met and a fall, a pullback at resistance, a
		 * resistance that proved tough */
		"Avalanche failed at $40 and began sliding toward $36.",
		"Avalanche retested $40, encountering resistance and falling to $36.",
		"Avalanche encountered a pullback at the $40 resistance and fell to $36.",
		"The $40 level has proven to be tough resistance for Avalanche this week.",
		/* a price wall hit; selling met at a level, a pullback following */
		"Avalanche hits the $40 wall and slides to $36.",
		"Avalanche encountered heavy selling pressure at the $40 level, leading to a pullback "
		"to $36.",
	};
	expect_turns(texts, sizeof(texts) / sizeof(texts[0]), "Avalanche", "AVAX", "$40", 40, "$36", 36,
		     "resistance");
	/* a plan met with resistance names no price, nor does a halt of trading */
	static const char *const none[] = {
		"The plan was met with resistance from lawmakers.",
		"Trading was halted at Binance for two hours.",
		"The team's bid proved too strong for its rivals.",
		"The bill ran into resistance at the committee stage.",
		"The proposal has proven to be a tough hurdle for the committee.",
	};
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		struct nm_doc *d = doc_of(none[i]);
		run(d);
		if (d->n_events)
			fail_msg("'%s': an event", none[i]);
		nm_doc_free(d);
	}
}

/* an attempt at a level that failed */
static void rejection_failed_attempt(void **state)
{
	static const char *const texts[] = {
		"Avalanche's attempt to reclaim $40 failed on Tuesday, and the token slid to $36.",
		"An Avalanche push to break the $40 resistance fizzled out as the token slid to $36.",
	};
	expect_turns(texts, sizeof(texts) / sizeof(texts[0]), "Avalanche", "AVAX", "$40", 40, "$36", 36,
		     "resistance");
	struct nm_doc *d = doc_of("The attempt to reclaim the title failed.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);
}

static void rejection_negatives(void **state)
{
	static const char *const texts[] = {
		"The SEC rejected the application for a spot fund on Monday.",
		"Shareholders rejected the merger proposal by a wide margin.",
		"Bitcoin could rally to $150,000 by the end of the year.",
		"Resistance sits at $3,000 and support at $2,600.",
		/* resistance only faced, a condition, a team's backlog */
		"Ether faces resistance at $3,100, analysts said.",
		"If bulls cannot reclaim $112, the next stop could be $95.",
		"The team could not clear the backlog of withdrawals.",
		"The team did not break any rules, the regulator said.",
		"Ripple rejected the SEC's settlement offer of $50 million.",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct nm_doc *d = doc_of(texts[i]);
		const char *p;
		if ((p = strstr(d->text, "$150,000")))
			mention(d, NM_MENTION_PRICE, "$150,000", 0, 150000, "BTC", "target");
		if ((p = strstr(d->text, "$3,000"))) {
			mention(d, NM_MENTION_PRICE, "$3,000", 0, 3000, "ETH", "resistance");
			mention(d, NM_MENTION_PRICE, "$2,600", 0, 2600, "ETH", "support");
		}
		if ((p = strstr(d->text, "$50 million"))) {
			asset(d, "Ripple", 0, "XRP");
			mention(d, NM_MENTION_PRICE, "$50 million", 0, 50e6, "XRP", "rejection");
		}
		run(d);
		if (d->n_events)
			fail_msg("text %zu: unexpected %s event", i, d->events[0].type);
		nm_doc_free(d);
	}
}

/* a negation inside an earlier trigger ("failed to break") is that trigger's: the next
 * asset's turn back stays reported; a denial before both covers both */
static void rejection_negation_of_earlier_trigger(void **state)
{
	struct nm_doc *d = doc_of("Ether failed to break $3,900 and Solana was turned away at $185.");
	const struct nm_event *e;
	asset(d, "Ether", 0, "ETH");
	mention(d, NM_MENTION_PRICE, "$3,900", 0, 3900, "ETH", NULL);
	asset(d, "Solana", 0, "SOL");
	mention(d, NM_MENTION_PRICE, "$185", 0, 185, "SOL", NULL);
	run(d);
	assert_non_null(e = find(d, "rejection", "SOL"));
	assert_int_equal(e->modality, NM_MOD_REPORTED);
	assert_non_null(e = find(d, "rejection", "ETH"));
	assert_int_equal(e->modality, NM_MOD_REPORTED);
	nm_doc_free(d);
	d = doc_of("There were no liquidations or rejections at $70,000 for bitcoin.");
	mention(d, NM_MENTION_PRICE, "$70,000", 0, 70000, "BTC", NULL);
	run(d);
	for (size_t i = 0; i < d->n_events; i++)
		assert_int_equal(d->events[i].modality, NM_MOD_NEGATED);
	nm_doc_free(d);
}

/* Polkadot's turn at $9, told with each modality; -1: no event (a level only named) */
static void rejection_modality(void **state)
{
	static const struct {
		const char *text;
		int want;
	} cases[] = {
		{"Polkadot could face rejection at $9 if volume stays thin.", NM_MOD_FORECAST},
		{"This time Polkadot did not face rejection at $9 and pushed higher.", NM_MOD_NEGATED},
		/* predicted turns told in other words; a hedge inside a trigger's gap is its own */
		{"Sellers are expected to step in near $9 for Polkadot.", NM_MOD_FORECAST},
		{"Polkadot may struggle to break above $9 in the near term.", NM_MOD_FORECAST},
		{"Resistance at $9 could cap gains for Polkadot.", NM_MOD_FORECAST},
		/* nobody expecting a turn denies it */
		{"Nobody expects Polkadot to be rejected at $9 this time.", NM_MOD_NEGATED},
		/* a zone where buyers could step in is only named */
		{"The green area near $9 is a high-demand zone where Polkadot bulls could step in.", -1},
		/* an expectation with its subject between ("we expect sellers to defend") */
		{"\"We expect sellers to defend $9 aggressively,\" said one Polkadot trader.", NM_MOD_FORECAST},
		/* "without" denies its own phrase: closed by a comma, it leaves the turn back
		 * reported; the trigger inside it is denied */
		{"Without a catalyst, Polkadot could not push past $9 this week.", NM_MOD_REPORTED},
		{"Without a rejection at $9, Polkadot kept climbing.", NM_MOD_NEGATED},
		/* a past year in an aside dates the aside, not the prediction */
		{"Analysts expect sellers to defend the $9 level for Polkadot, which rejected the "
		 "price twice in 2024.", NM_MOD_FORECAST},
		{"Polkadot was rejected at $9 twice in 2024.", -1},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nm_doc *d = doc_of(cases[i].text);
		asset(d, "Polkadot", 0, "DOT");
		mention(d, NM_MENTION_PRICE, "$9", 0, 9, "DOT", "price");
		run(d);
		if (cases[i].want < 0 ? d->n_events != 0
				      : d->n_events != 1 || (int)d->events[0].modality != cases[i].want)
			fail_msg("'%s': %zu events, modality %d", cases[i].text, d->n_events,
				 d->n_events ? (int)d->events[0].modality : -1);
		nm_doc_free(d);
	}
	/* where a turn would push the price back to is no level */
	struct nm_doc *d = doc_of("A rejection at $9 could push DOT back to $7.50, analysts said.");
	asset(d, "DOT", 0, "DOT");
	mention(d, NM_MENTION_PRICE, "$9", 0, 9, "DOT", "price");
	mention(d, NM_MENTION_PRICE, "$7.50", 0, 7.5, "DOT", "price");
	run(d);
	assert_int_equal(d->n_events, 1);
	assert_true(d->events[0].figures.level == 9);
	nm_doc_free(d);
}

static void rejection_headline_first(void **state)
{
	/* two tellings of one asset's rejection: the headline's level is the event's */
	struct nm_doc *d = doc_of("Monero Rejected At $410 Resistance\n\n"
				  "Earlier in the week the token was rejected at $395. Monero now trades lower.");
	const struct nm_event *e;
	asset(d, "Monero", 0, "XMR");
	mention(d, NM_MENTION_PRICE, "$410", 0, 410, "XMR", "resistance");
	mention(d, NM_MENTION_PRICE, "$395", 0, 395, NULL, "price");
	asset(d, "Monero", 1, "XMR");
	run(d);
	assert_int_equal(count_type(d, "rejection"), 1);
	assert_non_null(e = find(d, "rejection", "XMR"));
	assert_true(e->figures.level == 410);
	assert_int_equal(e->n_evidence, 2);
	nm_doc_free(d);
}

static void rejection_zone_of_two_levels(void **state)
{
	/* two levels joined by "and" under one zone noun are a zone: low and high */
	struct nm_doc *d = doc_of("Cardano slid after it struggled to clear the $1.10 and $1.15 "
				  "resistance zones on Tuesday.");
	const struct nm_event *e;
	asset(d, "Cardano", 0, "ADA");
	mention(d, NM_MENTION_PRICE, "$1.10", 0, 1.10, NULL, "resistance");
	mention(d, NM_MENTION_PRICE, "$1.15", 0, 1.15, NULL, "resistance");
	run(d);
	assert_non_null(e = find(d, "rejection", "ADA"));
	assert_true(e->figures.low == 1.10 && e->figures.high == 1.15);
	assert_true(isnan(e->figures.level));
	nm_doc_free(d);

	/* without a zone noun they stay two levels: the nearest is the level */
	d = doc_of("Cardano was rejected at $1.10 and $1.15 held as support.");
	asset(d, "Cardano", 0, "ADA");
	mention(d, NM_MENTION_PRICE, "$1.10", 0, 1.10, NULL, "resistance");
	mention(d, NM_MENTION_PRICE, "$1.15", 0, 1.15, NULL, "support");
	run(d);
	assert_non_null(e = find(d, "rejection", "ADA"));
	assert_true(e->figures.level == 1.10);
	assert_true(isnan(e->figures.low));
	nm_doc_free(d);
}

static void rejection_level_named_elsewhere(void **state)
{
	/* no telling states the level: the asset's level of the telling's side, named later */
	struct nm_doc *d = doc_of("Overview. Dogecoin retreats after a failure to cross multi-month resistance. "
				  "The memecoin had rallied for seven weeks. Its turn came at the March "
				  "resistance line, close to $0.2930, while $0.25 is support.");
	const struct nm_event *e;
	(void)state;
	asset(d, "Dogecoin", 0, "DOGE");
	mention(d, NM_MENTION_PRICE, "$0.2930", 0, 0.293, "DOGE", "resistance");
	mention(d, NM_MENTION_PRICE, "$0.25", 0, 0.25, "DOGE", "support");
	run(d);
	assert_non_null(e = find(d, "rejection", "DOGE"));
	assert_true(e->figures.level == 0.293);
	assert_string_equal(e->figures.side, "resistance");
	nm_doc_free(d);

	/* not a level of the other side, nor another asset's */
	d = doc_of("Overview. Dogecoin retreats after a failure to cross multi-month resistance. "
		   "Solana's resistance sits at $150, while Dogecoin's support is $0.25.");
	asset(d, "Dogecoin", 0, "DOGE");
	asset(d, "Solana", 0, "SOL");
	mention(d, NM_MENTION_PRICE, "$150", 0, 150, "SOL", "resistance");
	asset(d, "Dogecoin", 1, "DOGE");
	mention(d, NM_MENTION_PRICE, "$0.25", 0, 0.25, "DOGE", "support");
	run(d);
	assert_non_null(e = find(d, "rejection", "DOGE"));
	assert_true(isnan(e->figures.level) && isnan(e->figures.low));
	nm_doc_free(d);
}

static void rejection_level_in_sentence_before(void **state)
{
	/* "defend the support zone": the zone is the unbound range of the sentence before */
	struct nm_doc *d = doc_of("Polkadot slipped below its moving average on Monday. "
				  "Sellers will try to sink the price to the $4 to $3.50 support zone. "
				  "Buyers are expected to defend the support zone aggressively.");
	const struct nm_event *e;
	asset(d, "Polkadot", 0, "DOT");
	range(d, "$4 to $3.50", 3.5, 4, NULL, "support");
	run(d);
	assert_non_null(e = find(d, "rejection", "DOT"));
	assert_true(e->figures.low == 3.5 && e->figures.high == 4);
	assert_string_equal(e->figures.side, "support");
	nm_doc_free(d);

	/* a rejection with only the price it was pushed to: the level of the sentence before */
	d = doc_of("Overview. Bitcoin bulls tried to break past the $71,000 level on Friday. However, a "
		   "harsh rejection pushed the top coin to around $65,000.");
	asset(d, "Bitcoin", 0, "BTC");
	mention(d, NM_MENTION_PRICE, "$71,000", 0, 71000, "BTC", "resistance");
	mention(d, NM_MENTION_PRICE, "$65,000", 0, 65000, NULL, "price");
	run(d);
	assert_non_null(e = find(d, "rejection", "BTC"));
	assert_true(e->figures.level == 71000);
	nm_doc_free(d);

	/* rejections read off a chart's timeframe are the price's */
	d = doc_of("Overview. Bitcoin met the weekly ceiling at $71,000. Despite multiple rejections on "
		   "the daily and the four-hour timeframes, bears have not taken control.");
	asset(d, "Bitcoin", 0, "BTC");
	mention(d, NM_MENTION_PRICE, "$71,000", 0, 71000, "BTC", "resistance");
	run(d);
	assert_non_null(e = find(d, "rejection", "BTC"));
	nm_doc_free(d);

	/* a feed's footer is no telling; a level the price is driven to is no rejected level */
	d = doc_of("Overview. Avalanche was rejected at $21.29 on Monday. The recent rejection is "
		   "likely to drive the altcoin into the $13.86 demand zone.\n\nThe post Avalanche "
		   "Fails To Break $25 Resistance appeared first on Coinsite.");
	asset(d, "Avalanche", 0, "AVAX");
	mention(d, NM_MENTION_PRICE, "$21.29", 0, 21.29, "AVAX", "resistance");
	mention(d, NM_MENTION_PRICE, "$13.86", 0, 13.86, "AVAX", "support");
	asset(d, "Avalanche", 1, "AVAX");
	mention(d, NM_MENTION_PRICE, "$25", 0, 25, "AVAX", "resistance");
	run(d);
	assert_non_null(e = find(d, "rejection", "AVAX"));
	assert_true(e->figures.level == 21.29);
	for (size_t k = 0; k < e->n_evidence; k++)
		assert_null(memmem(d->text + e->evidence[k].start, e->evidence[k].end - e->evidence[k].start,
				   "appeared first", 14));
	nm_doc_free(d);

	/* a coin's "price" of billions is a sum, never its rejected level */
	d = doc_of("$3 Billion in Solana Reached as SOL Price Defends Key Support\n\nThe price held.");
	asset(d, "Solana", 0, "SOL");
	mention(d, NM_MENTION_PRICE, "$3 Billion", 0, 3e9, "SOL", "price");
	run(d);
	if ((e = find(d, "rejection", "SOL")) != NULL)
		assert_true(isnan(e->figures.level));
	nm_doc_free(d);

	/* a level bound to another asset is not carried over */
	d = doc_of("Polkadot slipped below its moving average on Monday. "
		   "Solana sits near the $120 support zone. "
		   "Buyers are expected to defend the support zone for Polkadot.");
	asset(d, "Polkadot", 0, "DOT");
	asset(d, "Solana", 0, "SOL");
	mention(d, NM_MENTION_PRICE, "$120", 0, 120, "SOL", "support");
	asset(d, "Polkadot", 1, "DOT");
	run(d);
	assert_non_null(e = find(d, "rejection", "DOT"));
	assert_true(isnan(e->figures.level) && isnan(e->figures.low));
	nm_doc_free(d);
}

static void rejection_asset_not_across_heading(void **state)
{
	/* the zone's sentence names no asset: the sentences before it may, but not past a
	 * heading, which starts another part of the story (then the article's asset) */
	static const char *const between[] = {"\n\nA stubborn ceiling\n\n", " "};
	for (int k = 0; k < 2; k++) {
		char text[512];
		struct nm_doc *d;
		const struct nm_event *e;
		snprintf(text, sizeof(text), "Bitcoin slid on Tuesday as sellers returned. Dogecoin "
			 "fell with it.%sThe zone between $88,000 and $89,500 has capped every rally "
			 "since February.", between[k]);
		d = doc_of(text);
		asset(d, "Bitcoin", 0, "BTC");
		asset(d, "Dogecoin", 0, "DOGE");
		range(d, "$88,000 and $89,500", 88000, 89500, NULL, "resistance");
		run(d);
		assert_int_equal(count_type(d, "rejection"), 1);
		assert_non_null(e = find(d, "rejection", k ? "DOGE" : "BTC"));
		assert_true(e->figures.low == 88000 && e->figures.high == 89500);
		nm_doc_free(d);
	}
}

/* The headline rounds the zone the body tells: the zone; a body's own level stays. */
static void rejection_headline_level_and_body_zone(void **state)
{
	struct nm_doc *d = doc_of("Bitcoin Fails to Break $93K Again\n\nBitcoin failed to break above "
				  "the $92,000-$93,000 resistance for a fourth session.");
	const struct nm_event *e;
	asset(d, "Bitcoin", 0, "BTC");
	asset(d, "Bitcoin", 1, "BTC");
	mention(d, NM_MENTION_PRICE, "$93K", 0, 93000, "BTC", "resistance");
	range(d, "$92,000-$93,000", 92000, 93000, "BTC", "resistance");
	run(d);
	assert_non_null(e = find(d, "rejection", "BTC"));
	assert_true(e->figures.low == 92000 && e->figures.high == 93000 && isnan(e->figures.level));
	nm_doc_free(d);
	d = doc_of("Overview. After failing to break above $3,180, Ether rolled over. The $3,175-$3,180 "
		   "band has capped every recovery attempt.");
	asset(d, "Ether", 0, "ETH");
	mention(d, NM_MENTION_PRICE, "$3,180", 0, 3180, "ETH", "resistance");
	range(d, "$3,175-$3,180", 3175, 3180, "ETH", "resistance");
	run(d);
	assert_non_null(e = find(d, "rejection", "ETH"));
	assert_true(e->figures.level == 3180);
	nm_doc_free(d);
}

static void rejection_of_total_market_cap(void **state)
{
	/* GUIDELINES.md: the market cap's rejection is an event of no asset, as sure as an
	 * asset's; a rejection that only lacks its asset stays below the threshold */
	struct nm_doc *d = doc_of("The total crypto market cap was rejected at $3.3 trillion on "
				  "Friday and slid to $3.14 trillion.");
	const struct nm_event *e;
	asset(d, "total crypto market cap", 0, "TOTAL");
	mention(d, NM_MENTION_PRICE, "$3.3 trillion", 0, 3.3e12, "TOTAL", "rejection");
	mention(d, NM_MENTION_PRICE, "$3.14 trillion", 0, 3.14e12, "TOTAL", "price");
	run(d);
	assert_non_null(e = find(d, "rejection", ""));
	assert_true(e->figures.level == 3.3e12);
	assert_int_equal(e->modality, NM_MOD_REPORTED);
	assert_true(e->confidence >= NM_CLASSIFY_MIN_CONFIDENCE);
	nm_doc_free(d);
	/* a level of trillions with no asset named is the market's value, whatever coin the
	 * article named before */
	d = doc_of("Overview. Bitcoin rose 2% on Monday. Crypto prices failed to break the $3.2 "
		   "trillion resistance and fell back.");
	asset(d, "Bitcoin", 0, "BTC");
	mention(d, NM_MENTION_PRICE, "$3.2 trillion", 0, 3.2e12, NULL, "resistance");
	run(d);
	assert_non_null(find(d, "rejection", ""));
	assert_null(find(d, "rejection", "BTC"));
	nm_doc_free(d);
	d = doc_of("It was rejected at $93,000 on Friday.");
	mention(d, NM_MENTION_PRICE, "$93,000", 0, 93000, NULL, "rejection");
	run(d);
	assert_int_equal(count_type(d, "rejection"), 0);
	nm_doc_free(d);
}

/* "May" the month is no modal; a date inside a history cue dates the trigger; a date of a
 * comparison after the trigger does not; a candle's wick is a turn back. */
static void rejection_months_and_wicks(void **state)
{
	static const struct {
		const char *text, *amount;
		double value;
		size_t events; /* rejections */
		enum nm_modality modality;
	} cases[] = {
		{"Overview. Dogecoin was rejected near $0.74 back in May 2021, at the height of the "
		 "mania.", "$0.74", 0.74, 0, 0},
		{"Overview. Dogecoin was rejected near $0.74 two years ago.", "$0.74", 0.74, 0, 0},
		{"Overview. Dogecoin was rejected near $0.74 on Monday, up from a low of $0.61 in "
		 "2024.", "$0.74", 0.74, 1, NM_MOD_REPORTED},
		{"Dogecoin May Face Rejection at $0.74 as Sellers Gather", "$0.74", 0.74, 1,
		 NM_MOD_FORECAST},
		{"Overview. On 19 May, Dogecoin was rejected near $0.74 once more.", "$0.74", 0.74, 1,
		 NM_MOD_REPORTED},
		{"Overview. Dogecoin broke above $0.40, a round number that had capped rallies back "
		 "in the spring.", "$0.40", 0.40, 0, 0},
		{"Overview. Dogecoin spiked to $0.42 on Sunday and left a long upper wick at that "
		 "level.", "$0.42", 0.42, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin printed a long lower wick at $0.31 as buyers absorbed the "
		 "selling.", "$0.31", 0.31, 1, NM_MOD_REPORTED},
		/* a failure told with words between, or to cross; still trying is no failure */
		{"Overview. Dogecoin failed for the third time to surpass the $0.31 resistance.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin retreats after a failure to cross the $0.31 resistance.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin hovers near $0.31, struggling to break overhead resistance.",
		 "$0.31", 0.31, 0, 0},
		/* failed attempts; a rally paused at a level; selling met on reaching it;
		 * failures told beside a level finally broken are its past */
		{"Overview. Dogecoin surged toward resistance at $0.31. After seven failed attempts, "
		 "the price sits just below the key level.", "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. The Dogecoin rally has paused at the crucial $0.31 resistance point.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin encountered strong selling pressure after reaching the 50-day EMA "
		 "of $0.31.", "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. After two failed attempts in November, Dogecoin finally punched through "
		 "$0.31 on Tuesday.", "$0.31", 0.31, 0, 0},
		/* bears blocking a recovery; a turn down from an average; falling back short of
		 * a level */
		{"Overview. Dogecoin rallied, but the bears blocked any attempt at a recovery at the "
		 "50-day moving average ($0.31).", "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin fell from its 20-day exponential moving average ($0.31) on "
		 "Tuesday.", "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin reached $0.31 on Friday but fell back just before crossing the "
		 "round number.", "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin fell from $0.31 to $0.25 this week.", "$0.31", 0.31, 0, 0},
		{"Overview. Tariffs sparked a modest Dogecoin selloff from $0.31 to $0.25.", "$0.31",
		 0.31, 0, 0},
		{"Overview. Dogecoin bulls need to defend $0.31 and push above $0.35.", "$0.31", 0.31,
		 0, 0},
		{"Overview. No daily Dogecoin candle closes above $0.31, confirming it as a rejection "
		 "zone.", "$0.31", 0.31, 0, 0},
		/* a decimal price inside a telling; a level's support held; support tested
		 * before a bounce */
		{"Overview. Dogecoin faced resistance near $0.31 and has struggled to sustain upward "
		 "momentum.", "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin pools flipped bullish after the key $0.31 support held again.", "$0.31",
		 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin tested the support at $0.31 before bouncing back above $0.34.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		/* levels foretold to hold: forecasts */
		{"Overview. Dogecoin has massive resistance at the $0.31 level and that should hold "
		 "into the Fed meeting.", "$0.31", 0.31, 1, NM_MOD_FORECAST},
		{"Overview. We expect technical support around $0.31 for Dogecoin this week.", "$0.31",
		 0.31, 1, NM_MOD_FORECAST},
		{"Overview. Dogecoin is retesting resistance at $0.31; if the resistance holds, it could "
		 "drift sideways.", "$0.31", 0.31, 1, NM_MOD_FORECAST},
		/* resistance proven too strong again; a fall after meeting resistance; a slide
		 * from an attempt; unable to tackle a level */
		{"Overview. Resistance above $0.31 has proven once again too strong for Dogecoin bulls "
		 "to break.", "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin dropped today after encountering a resistance level of $0.31 "
		 "earlier.", "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin has slid from the attempt to top $0.31 this week.", "$0.31", 0.31,
		 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin bulls proved unable to tackle ask liquidity at $0.31.", "$0.31",
		 0.31, 1, NM_MOD_REPORTED},
		/* failed in its attempt, failing to surmount, sellers defending, resistance hit
		 * and momentum lost */
		{"Overview. Dogecoin failed in its attempt to surpass $0.31 in the last hour.", "$0.31",
		 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin is failing to surmount the crucial $0.31 resistance.", "$0.31",
		 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Each Dogecoin push higher is sold, as sellers are defending the $0.31 zone.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin hit resistance around $0.31, stalled, and began to lose momentum.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		/* a level defended with words before it; support found after a low */
		{"Overview. The long candle on Dogecoin shows they are fiercely defending the breakout "
		 "level at $0.31.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin dropped 8%, briefly hitting $0.31 before finding support.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		/* a push too weak for the level; a close that was not strong; turned down by a
		 * level; short-term lows defended; a level re-tested before a climb (a level
		 * named "short-term" is no forecast) */
		{"Overview. The rally in Dogecoin was not strong enough to successfully breach $0.31.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin has failed to close strongly above $0.31 for several weeks.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin had a difficult week after being turned down by the $0.31 "
		 "resistance level.", "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin defended its short-term lows near $0.31 and rebounded sharply.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin climbed this week after re-testing the sub-$0.31 level and "
		 "climbing back towards $0.36.", "$0.31", 0.31, 1, NM_MOD_REPORTED},
		/* two tests and no breakthrough; a pullback after ramming into resistance; a
		 * level that can't be cleared (not a condition); an attempt that failed; a fall
		 * after coming within reach (the level, not the distance) */
		{"Overview. Dogecoin made two tests of the $0.31 resistance level but was unable to "
		 "make a strong breakthrough.", "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin saw a modest pullback after ramming into a critical technical "
		 "resistance near $0.31.", "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Dogecoin Price Can't Clear $0.31 Hurdle Even as Stocks Rise", "$0.31", 0.31, 1,
		 NM_MOD_REPORTED},
		{"Overview. Dogecoin can't break $0.31 without new inflows, analysts say.", "$0.31", 0.31,
		 0, NM_MOD_REPORTED},
		{"Overview. Dogecoin's latest attempt to push beyond $0.31 looks to have failed again.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin came within $0.002 of $0.31 before falling 5%.", "$0.31", 0.31, 1,
		 NM_MOD_REPORTED},
		/* an attempt to gain strength above a level that failed; bears active at a level
		 * (not bears active in the market) */
		{"Overview. Dogecoin made another attempt to gain strength above $0.31 but failed.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin climbed toward $0.31, but the bears were active near $0.31.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin bears were active in the derivatives market at $0.31 a coin.",
		 "$0.31", 0.31, 0, NM_MOD_REPORTED},
		/* a level challenged to no avail; failed to settle above; sellers that could not
		 * break support */
		{"Overview. Dogecoin even challenged $0.31 on a couple of occasions but to no avail.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Dogecoin failed to settle above the $0.31 level and reacted to the downside.",
		 "$0.31", 0.31, 1, NM_MOD_REPORTED},
		{"Overview. Bears failing to push the price of Dogecoin below the support level of $0.31 "
		 "attracted strong buying.", "$0.31", 0.31, 1, NM_MOD_REPORTED},
		/* not a level: an application turned down, a push that was strong enough */
		{"Overview. The Dogecoin fund was turned down by the regulator near $0.31 a unit.",
		 "$0.31", 0.31, 0, NM_MOD_REPORTED},
		{"Overview. The rally in Dogecoin was strong enough to breach $0.31.",
		 "$0.31", 0.31, 0, NM_MOD_REPORTED},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nm_doc *d = doc_of(cases[i].text);
		const struct nm_event *e;
		asset(d, "Dogecoin", 0, "DOGE");
		mention(d, NM_MENTION_PRICE, cases[i].amount, 0, cases[i].value, "DOGE", "price");
		run(d);
		if (count_type(d, "rejection") != cases[i].events)
			fail_msg("text %zu: %zu rejections: %s", i, (size_t)count_type(d, "rejection"), cases[i].text);
		if (cases[i].events && (e = find(d, "rejection", "DOGE")) && e->modality != cases[i].modality)
			fail_msg("text %zu: modality %d", i, (int)e->modality);
		nm_doc_free(d);
	}
}

/* The summary's total leads its parts; a body's total far under "nearly" is no finer
 * telling of it. */
static void deleveraging_summary_total_kept(void **state)
{
	struct nm_doc *d = doc_of("Overview. Nearly $520 million in leveraged positions were wiped out "
				  "over 24 hours, led by ETH ($210M). Data show $480.3 million in "
				  "liquidations across the crypto market in the past 24 hours.");
	const struct nm_event *e;
	asset(d, "ETH", 0, "ETH");
	mention(d, NM_MENTION_MONEY, "Nearly $520 million", 0, 5.2e8, NULL, "liquidations");
	mention(d, NM_MENTION_MONEY, "$210M", 0, 2.1e8, "ETH", "liquidations");
	for (size_t i = 0; i < d->n_mentions; i++)
		if (d->mentions[i].value == 5.2e8)
			d->mentions[i].qualifier = NM_QUAL_AT_MOST;
	mention(d, NM_MENTION_MONEY, "$480.3 million", 0, 4.803e8, NULL, "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_true(e->figures.total_usd == 5.2e8);
	nm_doc_free(d);	/* a list under its head line: each asset and its amount */
	d = doc_of("Overview\n\nUSD 416m was liquidated across exchanges in the last 4 hours.\n"
		   "Breakdown by coin (4h):\nBTC $150M\nETH $98M\n");
	mention(d, NM_MENTION_MONEY, "USD 416m", 0, 4.16e8, NULL, "liquidations");
	asset(d, "BTC", 0, "BTC");
	mention(d, NM_MENTION_MONEY, "$150M", 0, 1.5e8, "BTC", NULL);
	asset(d, "ETH", 0, "ETH");
	mention(d, NM_MENTION_MONEY, "$98M", 0, 9.8e7, "ETH", NULL);
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_int_equal(e->figures.n_per_asset, 2);
	nm_doc_free(d);
	/* a side's part of the total, then an asset with its own amount: the asset's is
	 * its own */
	d = doc_of("Overview. More than $410 million in positions were liquidated over the past 24 "
		   "hours. Long positions made up about $318 million of that, with bitcoin "
		   "accounting for $142 million.");
	mention(d, NM_MENTION_MONEY, "More than $410 million", 0, 4.1e8, NULL, "liquidations");
	mention(d, NM_MENTION_MONEY, "about $318 million", 0, 3.18e8, NULL, NULL);
	asset(d, "bitcoin", 0, "BTC");
	mention(d, NM_MENTION_MONEY, "$142 million", 0, 1.42e8, "BTC", NULL);
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_int_equal(e->figures.n_per_asset, 1);
	assert_true(e->figures.per_asset[0].usd == 1.42e8);
	nm_doc_free(d);
}

/* A calm sentence vetoes the wave but keeps a telling that denies it; a wave denied
 * market-wide stays apart from one asset's forecast. */
/* A sum bound to no asset, told as news beside one named asset: an altcoin's own wave,
 * but bitcoin's fall is the market's (its moves drive the whole market's liquidations);
 * the majors together and a total value of liquidations are the market's, a coin's own
 * total is the coin's. */
static void deleveraging_unbound_sum(void **state)
{
	static const struct {
		const char *text, *name, *ticker, *amount;
		double value;
		const char *want, *bound; /* bound: the asset the mention layer bound it to */
	} cases[] = {
		{"Overview. Traders were dealt a blow on Monday as nearly $20 million worth of long "
		 "positions were liquidated, sparked by a sudden crash in the price of Solana.",
		 "Solana", "SOL", "$20 million", 2e7, "SOL", NULL},
		{"Overview. Bitcoin fell 5% on Monday, sparking $450 million in liquidations.", "Bitcoin",
		 "BTC", "$450 million", 4.5e8, "", NULL},
		{"Overview. Futures tracking major cryptocurrencies racked up $80 million in "
		 "liquidations in the past hour as Solana fell.", "Solana", "SOL", "$80 million", 8e7, "", NULL},
		{"Overview. As Solana was rejected, the total value of liquidations on a daily scale "
		 "soared to $200 million.", "Solana", "SOL", "$200 million", 2e8, "", NULL},
		{"Overview. As Solana rose, the total value of liquidations in the SOL futures market "
		 "exceeded $200 million.", "Solana", "SOL", "$200 million", 2e8, "SOL", NULL},
		/* a coin's own total is not the market's, nor is a coin ranked "among major
		 * tokens"; a total with no coin of its own still is */
		{"Overview. Data from Coinglass reveals that DOGE saw total liquidations of $1.85 "
		 "million over a four-hour period.", "DOGE", "DOGE", "$1.85 million", 1.85e6, "DOGE", "DOGE"},
		{"Overview. Over the past 24 hours, the total liquidations in the Solana market have "
		 "reached $25.48 million.", "Solana", "SOL", "$25.48 million", 2.548e7, "SOL", "SOL"},
		{"Overview. XRP plunged 16% in its worst performance among major tokens as $46 million "
		 "in derivatives liquidations amplified the selloff.", "XRP", "XRP", "$46 million", 4.6e7,
		 "XRP", NULL},
		{"Overview. Total liquidations reached $400 million as Solana fell.", "Solana", "SOL",
		 "$400 million", 4e8, "", NULL},
		{"Overview. Liquidations across major tokens reached $400 million as Solana fell.",
		 "Solana", "SOL", "$400 million", 4e8, "", NULL},
		/* "combined with" joins a cause, not the market's parts */
		{"Overview. As Solana fell, the liquidation of over $300 million in long positions "
		 "combined with rising volume signals forced selling.", "Solana", "SOL",
		 "$300 million", 3e8, "SOL", NULL},
		{"Overview. Solana fell 9% as liquidations across exchanges combined reached $300 "
		 "million.", "Solana", "SOL", "$300 million", 3e8, "", NULL},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nm_doc *d = doc_of(cases[i].text);
		asset(d, cases[i].name, 0, cases[i].ticker);
		if (strstr(cases[i].text, "SOL futures"))
			asset(d, "SOL", 0, "SOL");
		mention(d, NM_MENTION_MONEY, cases[i].amount, 0, cases[i].value, cases[i].bound,
			"liquidations");
		run(d);
		if (count_type(d, "deleveraging") != 1 || !find(d, "deleveraging", cases[i].want))
			fail_msg("case %zu: want one wave of '%s'", i, cases[i].want);
		nm_doc_free(d);
	}
}

/* The market told in other words: crypto wagers or short liquidations, the total value
 * of wrecked positions; a single entity liquidated is one position. */
static void deleveraging_market_wordings(void **state)
{
	static const struct {
		const char *text, *amount, *bound;
		double value;
		size_t events;
	} cases[] = {
		/* (bound to bitcoin, as the mention layer binds it) */
		{"Overview. Bitcoin slid 7% as about $758 million worth of bullish crypto wagers were "
		 "liquidated.", "$758 million", "BTC", 7.58e8, 1},
		{"Crypto short liquidations near 800 million as Bitcoin price spikes\n\nBears were "
		 "punished.", NULL, NULL, 0, 1},
		{"Overview. Bitcoin plunged to $76,000. The total value of wrecked positions has shot "
		 "up to more than $2.5 billion.", "$2.5 billion", NULL, 2.5e9, 1},
		{"Overview. Bitcoin fell as a single entity was liquidated for $1 billion.", "$1 billion",
		 NULL, 1e9, 0},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nm_doc *d = doc_of(cases[i].text);
		asset(d, "Bitcoin", 0, "BTC");
		if (cases[i].amount)
			mention(d, NM_MENTION_MONEY, cases[i].amount, 0, cases[i].value, cases[i].bound,
				NULL);
		run(d);
		if (count_type(d, "deleveraging") != cases[i].events ||
		    (cases[i].events && !find(d, "deleveraging", "")))
			fail_msg("case %zu: want %zu market wave(s)", i, cases[i].events);
		nm_doc_free(d);
	}
}

/* A total told only of one asset is that asset's wave, even beside a market cue of the
 * setting; told unbound as well, it stays the market's. */
static void deleveraging_total_of_one_asset(void **state)
{
	struct nm_doc *d = doc_of("Ether Long Liquidations Hit $170M as Sell-Off Resets Leverage\n\nEther "
				  "long liquidations reached $170 million as the latest crypto market "
				  "sell-off forced leveraged bulls out.");
	(void)state;
	asset(d, "Ether", 0, "ETH");
	asset(d, "Ether", 1, "ETH");
	mention(d, NM_MENTION_MONEY, "$170M", 0, 1.7e8, "ETH", "liquidations");
	mention(d, NM_MENTION_MONEY, "$170 million", 0, 1.7e8, "ETH", "liquidations");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_non_null(find(d, "deleveraging", "ETH"));
	nm_doc_free(d);

	d = doc_of("Bitcoin Nears $80K as Liquidations Hit $2 Billion\n\nThe plunge triggered over $2 "
		   "billion in liquidations across the sector.");
	asset(d, "Bitcoin", 0, "BTC");
	mention(d, NM_MENTION_MONEY, "$2 Billion", 0, 2e9, "BTC", "liquidations");
	mention(d, NM_MENTION_MONEY, "$2 billion", 0, 2e9, NULL, "liquidations");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_non_null(find(d, "deleveraging", ""));
	nm_doc_free(d);
}

/* Figures: an amount after a lead clause is not that clause's asset's ("As Bitcoin
 * dropped ..., trades worth over $144 million got liquidated"); a sum in yuan is no
 * dollar figure, its dollar equivalent is. */
static void deleveraging_figures_clause_and_currency(void **state)
{
	const struct nm_event *e;
	struct nm_doc *d = doc_of("Overview. As Bitcoin dropped below $28,000, trades worth over "
				  "$144 million got liquidated in the past 24 hours.");
	(void)state;
	asset(d, "Bitcoin", 0, "BTC");
	mention(d, NM_MENTION_PRICE, "$28,000", 0, 28000, "BTC", "price");
	mention(d, NM_MENTION_MONEY, "over $144 million", 0, 1.44e8, "BTC", "liquidations");
	d->mentions[d->n_mentions - 1].qualifier = NM_QUAL_AT_LEAST;
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_true(e->figures.total_usd == 1.44e8);
	assert_int_equal(e->figures.qualifier, NM_QUAL_AT_LEAST);
	assert_int_equal(e->figures.n_per_asset, 0);
	nm_doc_free(d);

	d = doc_of("Crash day. Over 500,000 traders were liquidated within 24 hours, with losses "
		   "exceeding 39 billion yuan (approximately $5.7 billion).");
	mention(d, NM_MENTION_MONEY, "exceeding 39 billion yuan", 0, 3.9e10, NULL, NULL);
	snprintf(d->mentions[d->n_mentions - 1].currency, NM_CURRENCY_MAX, "CNY");
	mention(d, NM_MENTION_MONEY, "approximately $5.7 billion", 0, 5.7e9, NULL, NULL);
	d->mentions[d->n_mentions - 1].qualifier = NM_QUAL_ABOUT;
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_true(e->figures.total_usd == 5.7e9);
	assert_int_equal(e->figures.qualifier, NM_QUAL_ABOUT);
	nm_doc_free(d);
}

/* An asset that heads the liquidations its sentence tells owns the amount bound to it,
 * however far on in its clause. */
static void deleveraging_asset_heads_liquidations(void **state)
{
	const struct nm_event *e;
	struct nm_doc *d = doc_of("Wave. More than $330 million was liquidated across the crypto "
				  "market in 24 hours. Ethereum liquidations accounted for around a "
				  "third of the total, reaching $105.13 million. Bitcoin liquidations "
				  "totaled $96.53 million.");
	(void)state;
	mention(d, NM_MENTION_MONEY, "More than $330 million", 0, 3.3e8, NULL, "liquidations");
	asset(d, "Ethereum", 0, "ETH");
	mention(d, NM_MENTION_MONEY, "$105.13 million", 0, 1.0513e8, "ETH", "liquidations");
	asset(d, "Bitcoin", 0, "BTC");
	mention(d, NM_MENTION_MONEY, "$96.53 million", 0, 9.653e7, "BTC", "liquidations");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_true(e->figures.total_usd == 3.3e8);
	assert_int_equal(e->figures.n_per_asset, 2);
	assert_string_equal(e->figures.per_asset[0].asset, "ETH");
	assert_true(e->figures.per_asset[0].usd == 1.0513e8);
	assert_string_equal(e->figures.per_asset[1].asset, "BTC");
	nm_doc_free(d);
}

/* "a liquidation-led breakdown" is a wave, not one liquidation: it keeps the headline's
 * wave the coin's. */
static void deleveraging_liquidation_led(void **state)
{
	struct nm_doc *d = doc_of("Dogecoin Slides 6% in a Liquidation-Led Selloff\n\nDerivatives "
				  "data shows the decline was not driven by spot selling alone. "
				  "Instead, the move unfolded as a liquidation-led breakdown.");
	(void)state;
	asset(d, "Dogecoin", 0, "DOGE");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_non_null(find(d, "deleveraging", "DOGE"));
	nm_doc_free(d);
}

static void deleveraging_denied(void **state)
{
	/* told beside the total market cap (an index, not an asset): the market's */
	{
		struct nm_doc *t = doc_of("Overview. Despite a 36% decline in the total crypto market "
					  "cap, the move has not led to a sharp rise in liquidations.");
		asset(t, "total crypto market cap", 0, "TOTAL");
		run(t);
		assert_int_equal(count_type(t, "deleveraging"), 1);
		assert_non_null(find(t, "deleveraging", ""));
		assert_int_equal(find(t, "deleveraging", "")->modality, NM_MOD_NEGATED);
		nm_doc_free(t);
	}
	struct nm_doc *d = doc_of("Overview. Liquidations remained muted across venues, and there was "
				  "no major liquidation cascade on either side.");
	const struct nm_event *e;
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_int_equal(e->modality, NM_MOD_NEGATED);
	nm_doc_free(d);
	d = doc_of("Overview. Bitcoin has lost 6% in a week, but derivatives data show no broad "
		   "liquidation cascade so far. Analysts warn a break below $88,000 could trigger "
		   "about $1 billion in bitcoin long liquidations.");
	asset(d, "Bitcoin", 0, "BTC");
	asset(d, "bitcoin", 0, "BTC");
	mention(d, NM_MENTION_MONEY, "$1 billion", 0, 1e9, "BTC", "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_int_equal(e->modality, NM_MOD_NEGATED);
	assert_non_null(e = find(d, "deleveraging", "BTC"));
	assert_int_equal(e->modality, NM_MOD_FORECAST);
	nm_doc_free(d);
}

/* A story about one asset's wave stays that asset's when its market-wide tellings are
 * weak: no amount of their own ("This crypto liquidation event"), or only the asset's
 * amount told again. A total of their own, a market cue by the amount, or an asset known
 * only by name keeps the market; a market cue of a cause ("market-wide risk aversion
 * sent Dogecoin down, triggering liquidations") is not the wave's. */
static void deleveraging_one_asset_story(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{"Overview. Ether shorts lost $40 million in one hour as Ether jumped. This crypto "
		 "liquidation event shook traders.", "ETH"},
		{"Overview. Over $1.5 million in Dogecoin shorts were liquidated in an hour. Dogecoin "
		 "rallied after a wave of short liquidations erased $1.5 million.", "DOGE"},
		{"Overview. Over $1.5 million in Dogecoin shorts were liquidated in an hour. Dogecoin "
		 "fell later, sparking $450 million in liquidations.", ""},
		{"Overview. Ether shorts lost $40 million in one hour as Ether jumped. A cascade of "
		 "$40 million in liquidations across the sector followed.", ""},
		{"Overview. Ether was rejected and liquidations hit it hard. The crypto derivatives "
		 "market went through a leverage reset, with positions liquidated across major "
		 "exchanges.", ""},
		/* every exchange: "across the entire network", "network-wide" */
		{"Overview. Dogecoin fell 3% and Dogecoin longs were liquidated. Positions were "
		 "liquidated across the entire network.", ""},
		{"Overview. Dogecoin fell 3% and Dogecoin longs were liquidated. The liquidations "
		 "were network-wide.", ""},
		/* an asset's own total is no market cue */
		{"Overview. Dogecoin fell 3%. Dogecoin's total liquidations stood at $450 million in a "
		 "day.", "DOGE"},
		/* liquidations across all digital assets */
		{"Overview. Dogecoin fell 3% and Dogecoin longs were liquidated. Positions were "
		 "liquidated across all digital assets.", ""},
		/* cryptocurrency liquidations, liquidations for crypto */
		{"Overview. Dogecoin fell 3% and Dogecoin longs were liquidated. Cryptocurrency "
		 "liquidations totaled $450 million over four hours.", ""},
		{"Overview. Dogecoin fell 3% and Dogecoin longs were liquidated. Market liquidations "
		 "for crypto have surged, hitting nearly $450 million.", ""},
		/* a market cue of the cause, before a clause of consequence */
		{"Overview. Dogecoin shorts bore the brunt. A wave of market-wide risk aversion sent "
		 "Dogecoin down 5%, triggering a cascade of liquidations.", "DOGE"},
		{"Overview. Dogecoin shorts bore the brunt. Dogecoin fell 5%, triggering a cascade of "
		 "liquidations across the crypto market.", ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nm_doc *d = doc_of(cases[i].text);
		const char *coin = strstr(cases[i].text, "Ether") ? "Ether" : "Dogecoin";
		const char *tk = coin[0] == 'E' ? "ETH" : "DOGE";
		const char *p = cases[i].text;
		int n = 0;
		while ((p = strstr(p, coin)) != NULL)
			asset(d, coin, n++, tk), p++;
		if (strstr(cases[i].text, "$40 million in one"))
			mention(d, NM_MENTION_MONEY, "$40 million", 0, 4e7, "ETH", "liquidations");
		if (strstr(cases[i].text, "$40 million in liq"))
			mention(d, NM_MENTION_MONEY, "$40 million", 1, 4e7, NULL, "liquidations");
		if (strstr(cases[i].text, "Over $1.5"))
			mention(d, NM_MENTION_MONEY, "$1.5 million", 0, 1.5e6, "DOGE", "liquidations");
		if (strstr(cases[i].text, "erased $1.5"))
			mention(d, NM_MENTION_MONEY, "$1.5 million", 1, 1.5e6, NULL, "liquidations");
		if (strstr(cases[i].text, "$450"))
			mention(d, NM_MENTION_MONEY, "$450 million", 0, 4.5e8, NULL, "liquidations");
		run(d);
		if (count_type(d, "deleveraging") != 1 || !find(d, "deleveraging", cases[i].want))
			fail_msg("case %zu: want one deleveraging event of '%s'", i, cases[i].want);
		nm_doc_free(d);
	}
	/* a wave foretold at a price is read off the named asset's liquidation map; a wave
	 * of last weekend is the past */
	{
		struct nm_doc *d = doc_of("Overview. The Ethereum market is facing a crisis this weekend "
					  "as over $500 million in long positions could be liquidated if "
					  "the price drops. Last weekend, the price of ETH plunged, "
					  "triggering liquidations for some long positions.");
		const struct nm_event *e;
		asset(d, "Ethereum", 0, "ETH");
		asset(d, "ETH", 0, "ETH");
		mention(d, NM_MENTION_MONEY, "$500 million", 0, 5e8, NULL, "liquidations");
		run(d);
		assert_int_equal(count_type(d, "deleveraging"), 1);
		assert_non_null(e = find(d, "deleveraging", "ETH"));
		assert_int_equal(e->modality, NM_MOD_FORECAST);
		nm_doc_free(d);
	}
	/* a market named in the sentence of an amount makes it the total, even one below
	 * the asset's */
	{
		struct nm_doc *d = doc_of("Overview. Over $1.2 billion in Bitcoin longs were liquidated "
					  "on Saturday. In the past 24 hours, 89,151 traders were "
					  "liquidated, a total loss of $266.10 million.");
		asset(d, "Bitcoin", 0, "BTC");
		mention(d, NM_MENTION_MONEY, "$1.2 billion", 0, 1.2e9, "BTC", "liquidations");
		mention(d, NM_MENTION_MONEY, "$266.10 million", 0, 2.661e8, NULL, "liquidations");
		run(d);
		assert_non_null(find(d, "deleveraging", ""));
		nm_doc_free(d);
	}
	/* an exchange's share is not the total */
	{
		struct nm_doc *d = doc_of("Overview. The derivatives market saw a liquidation event "
					  "totaling $333.56 million within 24 hours, driven by Bitcoin's "
					  "surge. Binance saw $120.58 million in liquidations.");
		const struct nm_event *e;
		asset(d, "Bitcoin", 0, "BTC");
		mention(d, NM_MENTION_MONEY, "$333.56 million", 0, 3.3356e8, NULL, "liquidations");
		mention(d, NM_MENTION_MONEY, "$120.58 million", 0, 1.2058e8, NULL, "liquidations");
		run(d);
		assert_non_null(e = find(d, "deleveraging", ""));
		assert_true(e->figures.total_usd == 3.3356e8);
		nm_doc_free(d);
	}
	/* an open amount larger than the asset's is the market's total */
	{
		struct nm_doc *d = doc_of("Overview. Bitcoin shorts lost $260 million. Short liquidations "
					  "totalled $410 million over 24 hours.");
		const struct nm_event *e;
		asset(d, "Bitcoin", 0, "BTC");
		mention(d, NM_MENTION_MONEY, "$260 million", 0, 2.6e8, "BTC", "liquidations");
		mention(d, NM_MENTION_MONEY, "$410 million", 0, 4.1e8, NULL, "liquidations");
		run(d);
		assert_int_equal(count_type(d, "deleveraging"), 1);
		assert_non_null(e = find(d, "deleveraging", ""));
		assert_true(e->figures.total_usd == 4.1e8);
		nm_doc_free(d);
	}
	/* a part of the asset's amount, with the asset named after it, is the asset's;
	 * its flows are no share of the wave */
	{
		struct nm_doc *d = doc_of("Overview. Liquidations on LUNA crossed $106 million in a day. "
					  "That move accounted for over $63 million in liquidations, one of "
					  "the largest for LUNA futures.");
		asset(d, "LUNA", 0, "LUNA");
		asset(d, "LUNA", 1, "LUNA");
		mention(d, NM_MENTION_MONEY, "$106 million", 0, 1.06e8, "LUNA", "liquidations");
		mention(d, NM_MENTION_MONEY, "$63 million", 0, 6.3e7, NULL, "liquidations");
		run(d);
		assert_int_equal(count_type(d, "deleveraging"), 1);
		assert_non_null(find(d, "deleveraging", "LUNA"));
		nm_doc_free(d);
		d = doc_of("Overview. Bitcoin shorts lost $260 million. Then bitcoin jumped, sparking $410 "
			   "million of liquidations. Spot bitcoin ETFs had taken in $1.9 billion in inflows.");
		asset(d, "Bitcoin", 0, "BTC");
		asset(d, "bitcoin", 0, "BTC");
		asset(d, "bitcoin", 1, "BTC");
		mention(d, NM_MENTION_MONEY, "$260 million", 0, 2.6e8, "BTC", "liquidations");
		mention(d, NM_MENTION_MONEY, "$410 ", 0, 4.1e8, NULL, "liquidations");
		mention(d, NM_MENTION_MONEY, "$1.9 billion", 0, 1.9e9, "BTC", "inflows");
		run(d);
		assert_non_null(find(d, "deleveraging", ""));
		nm_doc_free(d);
	}
}

/* One asset's squeeze foretold beside the market's wave told as news is another
 * happening; told as part of the wave it joins it. And a clause of its own makes an
 * amount the market's. */
static void deleveraging_forecast_beside_market_wave(void **state)
{
	/* (an amount in a clause joined by a comma is not the asset's before it, however
	 * the mention layer bound it) */
	{
		struct nm_doc *f = doc_of("Overview. ETH prices plunged by 8%, and over $400 million in "
					  "derivatives positions were liquidated within hours.");
		asset(f, "ETH", 0, "ETH");
		mention(f, NM_MENTION_MONEY, "$400 million", 0, 4e8, "ETH", "liquidations");
		run(f);
		assert_non_null(find(f, "deleveraging", ""));
		nm_doc_free(f);
	}
	struct nm_doc *d = doc_of("Overview. Short liquidations across the crypto market exceeded $560 million "
				  "within the last hour. A similar short squeeze could trigger once Ether "
				  "surpasses $3,000.");
	const struct nm_event *e;
	asset(d, "Ether", 0, "ETH");
	mention(d, NM_MENTION_MONEY, "$560 million", 0, 5.6e8, NULL, "liquidations");
	mention(d, NM_MENTION_PRICE, "$3,000", 0, 3000, "ETH", "price");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_int_equal(e->modality, NM_MOD_REPORTED);
	assert_non_null(e = find(d, "deleveraging", "ETH"));
	assert_int_equal(e->modality, NM_MOD_FORECAST);
	nm_doc_free(d);
	/* (a wave only foretold of an asset does not take in the market's told one) */
	d = doc_of("Overview. In the last 24 hours, 190,000 traders were liquidated. If BTC drops below "
		   "$100,000, long positions worth over $2 billion could be liquidated.");
	asset(d, "BTC", 0, "BTC");
	mention(d, NM_MENTION_PRICE, "$100,000", 0, 1e5, "BTC", "price");
	mention(d, NM_MENTION_MONEY, "$2 billion", 0, 2e9, "BTC", "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	assert_int_equal(e->modality, NM_MOD_REPORTED);
	assert_non_null(e = find(d, "deleveraging", "BTC"));
	assert_int_equal(e->modality, NM_MOD_FORECAST);
	nm_doc_free(d);
	/* (nor does a sentence that foretells it lend its asset to the wave's amounts after it) */
	d = doc_of("Overview. Bitcoin hit a record as shorts were squeezed. A similar short squeeze "
		   "could trigger once Ether surpasses $3,000. Within the last hour, short liquidations "
		   "exceeded $560 million, with 24-hour liquidations nearing the $1 billion threshold.");
	asset(d, "Bitcoin", 0, "BTC");
	asset(d, "Ether", 0, "ETH");
	mention(d, NM_MENTION_PRICE, "$3,000", 0, 3000, "ETH", "price");
	mention(d, NM_MENTION_MONEY, "$560 million", 0, 5.6e8, NULL, "liquidations");
	mention(d, NM_MENTION_MONEY, "$1 billion", 0, 1e9, NULL, "liquidations");
	run(d);
	assert_non_null(e = find(d, "deleveraging", ""));
	for (size_t k = 0; k < e->figures.n_per_asset; k++)
		assert_string_not_equal(e->figures.per_asset[k].asset, "ETH");
	nm_doc_free(d);
	d = doc_of("Overview. Short liquidations across the crypto market exceeded $560 million within "
		   "the last hour. Ether shorts lost $180 million of it.");
	asset(d, "Ether", 0, "ETH");
	mention(d, NM_MENTION_MONEY, "$560 million", 0, 5.6e8, NULL, "liquidations");
	mention(d, NM_MENTION_MONEY, "$180 million", 0, 1.8e8, "ETH", "liquidations");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	nm_doc_free(d);
}

/* A paragraph opened by a dated past, a section under a heading dated before the
 * article, and a month named alone months before the article's date are background. */
static void past_frames(void **state)
{
	static const struct {
		const char *text, *published;
		size_t events;
	} cases[] = {
		{"Overview\n\nIn the first week of February 2018, prices slid for days. Bitcoin was "
		 "rejected at $11,700 later that month.\n\nToday the market is calm.", NULL, 0},
		{"Overview\n\nPrices slid for days. Bitcoin was rejected at $11,700 on Tuesday.\n\n"
		 "Today the market is calm.", NULL, 1},
		{"Almanac\n\nFrom the archive: February 2021\n\nThe rally was fierce. Bitcoin was "
		 "rejected at $11,700 in a single day.\n\nToday's market\n\nBitcoin is up.",
		 "2026-02-08T00:00:00Z", 0},
		{"Almanac\n\nFrom the archive: February 2021\n\nThe rally was fierce. Bitcoin was "
		 "rejected at $11,700 in a single day.\n\nToday's market\n\nBitcoin is up.", NULL, 1},
		{"Overview. Bitcoin was rejected at $11,700 in February, a turn traders still recall.",
		 "2026-10-10T00:00:00Z", 0},
		/* a day of a year two weeks or more before the article's date */
		{"Overview. The most dramatic rejection came on October 10, 2025, when Bitcoin was "
		 "rejected at $11,700.", "2026-01-12T00:00:00Z", 0},
		{"Overview. The most dramatic rejection came on October 10, 2025, when Bitcoin was "
		 "rejected at $11,700.", "2025-10-11T00:00:00Z", 1},
		{"Overview. The most dramatic rejection came on October 10, 2025, when Bitcoin was "
		 "rejected at $11,700.", NULL, 1},
		/* a month of a year written with "of"; an anniversary */
		{"Overview. In March of 2025 Bitcoin was rejected at $11,700 after the tariffs.", NULL, 0},
		{"Five Years Since May 19, 2021: How Bitcoin Was Rejected at $11,700", NULL, 0},
		/* the period before the article's: last week, last month (not since then) */
		{"Overview. Last week Bitcoin was rejected at $11,700 twice.", NULL, 0},
		{"Overview. Bitcoin was rejected at $11,700, its highest since last week.", NULL, 1},
		/* a recap of the week gone: its "last week" is its own period (not a story of
		 * "this week", whose last week is the one before) */
		{"Weekly Market Analysis\n\nLast week Bitcoin was rejected at $11,700 twice.", NULL, 1},
		{"Bitcoin's Worst Week Since FTX\n\nLast week Bitcoin was rejected at $11,700 twice.", NULL, 1},
		{"Bitcoin Falls 5% This Week\n\nLast week Bitcoin was rejected at $11,700 twice.", NULL, 0},
		{"Bitcoin Hits a 3-Week Low\n\nLast week Bitcoin was rejected at $11,700 twice.", NULL, 0},
		{"Overview. Bitcoin was rejected at $11,700 in February, a turn traders still recall.",
		 "2026-02-20T00:00:00Z", 1},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nm_doc *d = doc_of(cases[i].text);
		d->published = cases[i].published;
		asset(d, "Bitcoin", 0, "BTC");
		mention(d, NM_MENTION_PRICE, "$11,700", 0, 11700, "BTC", "rejection");
		run(d);
		if (count_type(d, "rejection") != cases[i].events)
			fail_msg("text %zu: %zu rejections", i, count_type(d, "rejection"));
		nm_doc_free(d);
	}
}

/* ------------------------------------------------------------------ risk-off */

/* A risk-off move is the market's unless the word itself is told of one asset's holders,
 * traders, options or market, or of the asset entering it. */
static void risk_off_asset(void **state)
{
	static const struct {
		const char *text, *name, *ticker, *want;
	} cases[] = {
		{"Overview. Ether traders turn risk-off as put demand soars.", "Ether", "ETH", "ETH"},
		{"Overview. Positioning in Bitcoin options has turned risk-off this week.", "Bitcoin", "BTC",
		 "BTC"},
		{"Overview. A risk-off mood has settled over the ether market this week.", "ether", "ETH",
		 "ETH"},
		{"Overview. Bitcoin has entered a risk-off phase, analysts said.", "Bitcoin", "BTC", "BTC"},
		/* the market's: another trigger, or the asset's holders far from the word */
		{"Overview. Bitcoin traders watched as investors dumped risk assets.", "Bitcoin", "BTC", ""},
		{"Overview. A risk-off environment took hold across markets, and after weeks of selling "
		 "the 250,000 BTC futures wipeout was complete.", "BTC", "BTC", ""},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nm_doc *d = doc_of(cases[i].text);
		asset(d, cases[i].name, 0, cases[i].ticker);
		run(d);
		if (count_type(d, "risk-off") != 1 || !find(d, "risk-off", cases[i].want))
			fail_msg("case %zu: want one risk-off move of '%s'", i, cases[i].want);
		nm_doc_free(d);
	}
}

static void risk_off_cases(void **state)
{
	/* investors driven out of risky assets */
	{
		struct nm_doc *f = doc_of("Overview. Bitcoin fell 4% as a jump in yields sent investors "
					  "out of stocks and other risky assets.");
		run(f);
		assert_non_null(find(f, "risk-off", ""));
		nm_doc_free(f);
	}
	/* risk left in words written for the project after real wraps: appetite crushed, a
	 * flight to traditional safety, safer assets, risk assets hit, demand for them
	 * dampened, investors taking less risk, a sell-off across asset classes; and a
	 * risk-off phase in general is none */
	{
		static const struct {
			const char *text;
			size_t events;
			enum nm_modality mod;
		} cases[] = {
			{"Overview. The tariff chaos crushed risk appetite this week.", 1, NM_MOD_REPORTED},
			{"Overview. Gold hit a record, a flight to traditional safety.", 1, NM_MOD_REPORTED},
			{"Overview. The strike led investors to turn to safer assets on Tuesday.", 1, NM_MOD_REPORTED},
			{"Overview. Traders flocked to havens as the tariffs landed.", 1, NM_MOD_REPORTED},
			{"Overview. Macro fears hit risk assets on Monday.", 1, NM_MOD_REPORTED},
			{"Overview. The jump in yields threw cold water on risk assets.", 1, NM_MOD_REPORTED},
			{"Overview. Trade worries dampened demand for speculative assets like tokens.", 1, NM_MOD_REPORTED},
			{"Overview. The debt ceiling fight is causing investors to take on less risk.", 1, NM_MOD_REPORTED},
			{"Overview. Tokens slid in a broader sell-off across crypto markets, tech equities, and "
			 "commodities.", 1, NM_MOD_REPORTED},
			{"Overview. Top tokens slipped as risk appetite remains low.", 1, NM_MOD_REPORTED},
			{"Overview. Tokens slid as the trade war put investors on edge and pushed them out "
			 "of risky assets.", 1, NM_MOD_REPORTED},
			{"Overview. The trade fight continues to plague risk assets beyond crypto.", 1, NM_MOD_REPORTED},
			{"Overview. The sell-off was part of a worldwide drop in financial markets.", 1, NM_MOD_REPORTED},
			{"Overview. The Fed has led investors to move away from riskier assets, with tokens "
			 "potentially suffering most.", 1, NM_MOD_REPORTED},
			{"Overview. Tokens slid amid a global rout in cryptocurrencies.", 0, NM_MOD_REPORTED},
			{"Overview. Tokens slid, mirroring the bearish sentiment in the stock market.", 1, NM_MOD_REPORTED},
			{"Overview. Tokens sold off heading into the week, underscoring a clear risk-off "
			 "sentiment.", 1, NM_MOD_REPORTED},
			{"Overview. Markets are heading into a risk-off phase.", 1, NM_MOD_FORECAST},
			{"Overview. Inflation rose again, putting more pressure on riskier assets.", 1, NM_MOD_REPORTED},
			{"Overview. Risk assets broadly lost ground as the dollar jumped.", 1, NM_MOD_REPORTED},
			{"Overview. Tokens dropped in line with equities after the jobs data.", 1, NM_MOD_REPORTED},
			{"Overview. The bank's failure set off a fire sale in both crypto and financial markets.", 1, NM_MOD_REPORTED},
			{"Overview. The turmoil led investors to withdraw capital from risky assets.", 1, NM_MOD_REPORTED},
			{"Overview. The shock led investors to seek safe-haven assets like gold.", 1, NM_MOD_REPORTED},
			{"Overview. The dollar jumped and risk appetite drastically receded.", 1, NM_MOD_REPORTED},
			{"Overview. Gold was flat, suggesting investors saw little reason to seek safety.", 1, NM_MOD_NEGATED},
			{"Overview. Investors were shifting into safer assets as stocks declined.", 1, NM_MOD_REPORTED},
			{"Overview. Riskier assets saw outflows as investors pivot to safer bets.", 1, NM_MOD_REPORTED},
			{"Overview. Growth fears triggered a sell-off of bonds and risk assets alike.", 1, NM_MOD_REPORTED},
			{"Overview. The nomination sent a shockwave through global risk assets.", 1, NM_MOD_REPORTED},
			{"Overview. Tokens fell, mirroring falls across global markets.", 1, NM_MOD_REPORTED},
			{"Overview. Risk-on sentiment in equities and bonds has vanished over the past week.", 1, NM_MOD_REPORTED},
			{"Overview. If so, risk assets could sell off on the announcement.", 1, NM_MOD_FORECAST},
			{"Overview. Equities and risk assets such as bitcoin took a hit on Monday.", 1, NM_MOD_REPORTED},
			{"Overview. Oil jumped as investors scrambled for perceived safe-haven assets.", 1, NM_MOD_REPORTED},
			{"Overview. Tokens slid, with many moving funds into stablecoins or safer assets.", 1, NM_MOD_REPORTED},
			{"Overview. With risk appetite fading, tokens trended lower on Wednesday.", 1, NM_MOD_REPORTED},
			{"Overview. Token holders backed off risk-on assets amid worries over stocks.", 1, NM_MOD_REPORTED},
			{"Overview. Stocks fell in Asia amid a move to less risky assets.", 1, NM_MOD_REPORTED},
			{"Overview. War fears have worsened the decline in risky assets this week.", 1, NM_MOD_REPORTED},
			{"Overview. Crypto is reacting negatively to the strikes, in line with major risk assets.", 1, NM_MOD_REPORTED},
			{"Overview. Crypto rose alongside other risk assets on Friday.", 0, NM_MOD_REPORTED},
			{"Overview. Indices slumped. The uncertainty spilled into crypto on Monday.", 1, NM_MOD_REPORTED},
			/* risk assets pressured or made to fall, risk markets shaken, confidence in
			 * them lost, risk repriced, a meltdown of the world's markets; a ranking
			 * in a clause before the trigger is not its background */
			{"Overview. The dollar rose to its highest level since 2022, putting pressure on "
			 "risk assets like tokens.", 1, NM_MOD_REPORTED},
			{"Overview. The tariff war is pressuring equities and risk assets, including tokens.", 1,
			 NM_MOD_REPORTED},
			{"Overview. The threat caused global risk assets to tumble on Friday.", 1, NM_MOD_REPORTED},
			{"Overview. Tokens slid amid the current global market meltdown.", 1, NM_MOD_REPORTED},
			{"Overview. Tokens fell as the tariff news rattled risk asset markets globally.", 1,
			 NM_MOD_REPORTED},
			{"Overview. The listing sparked panic across risk asset markets.", 1, NM_MOD_REPORTED},
			{"Overview. The new levies shook investor confidence in risk assets like tokens.", 1,
			 NM_MOD_REPORTED},
			{"Overview. The data led to a global repricing of risk on Thursday.", 1, NM_MOD_REPORTED},
			/* risk unwound, markets turned defensive, risk-sensitive money weaker, a
			 * cross-asset deleveraging, drives and pushes to safety; crypto pressured
			 * by, pushed down by or falling with a fall of stocks */
			{"Overview. Traders rushed to unwind risk on Tuesday.", 1, NM_MOD_REPORTED},
			{"Overview. Tokens slipped as macro markets turned defensive.", 1, NM_MOD_REPORTED},
			{"Overview. The risk-sensitive Australian dollar weakened on Monday.", 1, NM_MOD_REPORTED},
			{"Overview. The slide came alongside a wider cross-asset deleveraging.", 1, NM_MOD_REPORTED},
			{"Overview. The hawkish remarks drove capital toward safe-haven assets.", 1, NM_MOD_REPORTED},
			{"Overview. The tariff threat pushed traders toward safer assets.", 1, NM_MOD_REPORTED},
			{"Overview. Token prices are being pressured by a decline in equity markets.", 1,
			 NM_MOD_REPORTED},
			{"Overview. Stock market crash pushes tokens down to new lows.", 1, NM_MOD_REPORTED},
			{"Overview. The tokens' plummet was accompanied with a slump in tech stocks.", 1,
			 NM_MOD_REPORTED},
			{"Overview. The bulls turned defensive at the range high.", 0, NM_MOD_REPORTED},
			/* crypto falling alongside the world's or equity markets, both markets
			 * falling told with verbs, a defensive stance adopted, capital driven into
			 * traditional havens; a rise alongside them is none */
			{"Overview. Tokens crashed violently alongside global markets this morning.", 1,
			 NM_MOD_REPORTED},
			{"Overview. Bitcoin continued to fall along with equity markets on Monday.", 1,
			 NM_MOD_REPORTED},
			{"Overview. Stocks and cryptocurrencies both continued to decline.", 1, NM_MOD_REPORTED},
			{"Overview. Ahead of the data, traders adopted a defensive stance.", 1, NM_MOD_REPORTED},
			{"Overview. War fears are driving capital into traditional safe havens.", 1,
			 NM_MOD_REPORTED},
			{"Overview. Tokens rose alongside global markets this morning.", 0, NM_MOD_REPORTED},
			{"Overview. Traders unwound their risk-on bets after the rally.", 0, NM_MOD_REPORTED},
			{"Overview. Tokens fell as stocks and other risk assets take a beating.", 1, NM_MOD_REPORTED},
			{"Overview. The data had a negative impact on risk-on assets such as stocks and tokens.", 1, NM_MOD_REPORTED},
			{"Overview. Indices fell. Bearish sentiment has bled into the crypto market.", 1, NM_MOD_REPORTED},
			{"Overview. Trade tensions are pushing investors toward U.S. Treasuries and gold.", 1, NM_MOD_REPORTED},
			{"Overview. Bond yields rose, pressuring risk assets such as stocks and tokens.", 1, NM_MOD_REPORTED},
			{"Overview. To further de-risk the position, the whale added margin.", 0, NM_MOD_REPORTED},
			{"Overview. Equities were leaning risk\xe2\x80\x91off on Friday.", 1, NM_MOD_REPORTED},
			{"Overview. Rising yields are reducing risk appetite this week.", 1, NM_MOD_REPORTED},
			{"Overview. A hike could hurt Bitcoin and other risk assets.", 1, NM_MOD_FORECAST},
			{"Overview. The VIX topped 35, reflecting deepening panic across traditional markets.", 1, NM_MOD_REPORTED},
			{"Overview. Investors are moving out of any risky assets this week.", 1, NM_MOD_REPORTED},
			{"Overview. Tokens tumbled during one of the worst global markets sell-offs in years.", 1, NM_MOD_REPORTED},
			{"Overview. Holders reel as tokens fall in tandem with other asset classes.", 1, NM_MOD_REPORTED},
			{"Overview. During Nasdaq-led risk-off phases, Bitcoin tends to swing harder.", 0, NM_MOD_REPORTED},
			{"Bitcoin slides to $90K\n\nrisk off\n\nBitcoin fell 3% on Thursday.", 0, NM_MOD_REPORTED},
			/* safety sought in other words; safer securities, Treasurys; risk assets
			 * across the world; haven flows; risk appetite declining, tightened */
			{"Overview. Seeking safety, they poured money into U.S. Treasurys on Monday.", 1, NM_MOD_REPORTED},
			{"Overview. Bond prices rose as investors look for shelter.", 1, NM_MOD_REPORTED},
			{"Overview. Investors piled into safer securities such as sovereign bonds on Monday.", 1, NM_MOD_REPORTED},
			{"Overview. Investors are nervous about the markets and piling into gold this week.", 1, NM_MOD_REPORTED},
			{"Overview. Risk assets across the world slumped after the tariff threat.", 1, NM_MOD_REPORTED},
			{"Overview. The dollar firmed, buoyed by haven flows.", 1, NM_MOD_REPORTED},
			{"Overview. Rate fears tightened risk appetite this week.", 1, NM_MOD_REPORTED},
			{"Overview. Tokens slid with short-term risk appetite rapidly declining.", 1, NM_MOD_REPORTED},
			{"Overview. The ruling is the main reason, with a decline in risk appetite among investors.", 1, NM_MOD_REPORTED},
			/* wire copy: demand for riskier assets diminished, declines that mirrored a
			 * sell-off, risky crypto assets left, a slump in risk assets, risk assets
			 * extending their sell-off, crypto following them down, "risk adverse" */
			{"Overview. Rate expectations diminish demand for riskier assets this week.", 1, NM_MOD_REPORTED},
			{"Overview. The declines in digital assets mirrored a broad equities sell-off.", 1, NM_MOD_REPORTED},
			{"Overview. Prices slumped Monday as investors veered away from risky cryptocurrency assets.", 1, NM_MOD_REPORTED},
			{"Overview. Tokens dipped after the tariffs, triggering a slump in risk assets.", 1, NM_MOD_REPORTED},
			{"Overview. War fears saw riskier assets worldwide extend their sell-off on Monday.", 1, NM_MOD_REPORTED},
			{"Overview. Bitcoin fights to hold $36,000, following risk assets down.", 1, NM_MOD_REPORTED},
			{"Overview. The correlation climbed this month as investors grew more risk adverse.", 1, NM_MOD_REPORTED},
			{"Overview. Rising yields push capital toward safer income assets this week.", 1, NM_MOD_REPORTED},
			{"Overview. The Fed's hike sent a chill across global markets on Wednesday.", 1, NM_MOD_REPORTED},
			/* market wraps: exposure reduced, appetite for taking risks low, losses
			 * in equities tracked, havens looked to and risky assets avoided, high-risk
			 * plays left, sentiment toward risk assets soured or weakening, stronger
			 * haven demand */
			{"Overview. Investors continue to reduce their exposure to speculative assets this week.", 1, NM_MOD_REPORTED},
			{"Overview. Altcoins dropped on Monday, as investors' appetite for taking risks remains low.", 1, NM_MOD_REPORTED},
			{"Overview. Most cryptocurrencies traded lower on Friday, tracking losses in equities.", 1, NM_MOD_REPORTED},
			{"Overview. Inflation is causing investors to look to safe havens and avoid \"risky\" assets.", 1, NM_MOD_REPORTED},
			{"Overview. Investors are pulling out of high-risk plays this week.", 1, NM_MOD_REPORTED},
			{"Overview. The Fed's plan soured investor sentiment toward risk assets on Monday.", 1, NM_MOD_REPORTED},
			{"Overview. Bitcoin fell 3%, reflecting weakening sentiment for risk assets.", 1, NM_MOD_REPORTED},
			{"Overview. Today's selloff came with rising bond yields and stronger safe-haven demand.", 1, NM_MOD_REPORTED},
			/* gold's usual haven demand on a day stocks rose; safety as a motive in
			 * a forecast of demand */
			{"Overview. Stocks rallied, and gold climbed, boosted by safe-haven demand.", 0, NM_MOD_REPORTED},
			{"Overview. It could draw investors looking for safety amid volatile equities.", 0, NM_MOD_REPORTED},
			/* crypto's fall met by a fall of stocks, crypto following stocks down, one
			 * fall of both markets; a rise, or crypto's own indices, is none */
			{"Overview. The drop in crypto assets on Monday came amid a slide in Asian and US stocks.", 1, NM_MOD_REPORTED},
			{"Overview. Bitcoin's fall coincides with a global stock market sell-off.", 1, NM_MOD_REPORTED},
			{"Overview. Bitcoin rose 3%, a move that coincided with a slump in stocks.", 0, NM_MOD_REPORTED},
			{"Overview. The decline across the crypto market mirrored losses in the global stock market.", 1, NM_MOD_REPORTED},
			{"Overview. The token followed US indices, where sellers pushed the Nasdaq 3% lower.", 1, NM_MOD_REPORTED},
			{"Overview. Bitcoin reacted to the dollar's strength on Monday to follow stocks downward.", 1, NM_MOD_REPORTED},
			{"Overview. Bitcoin tracked stocks higher after the jobs report.", 0, NM_MOD_REPORTED},
			{"Overview. Tokens tracked bitcoin, and most tracked indices posted losses this year.", 0, NM_MOD_REPORTED},
			{"Overview. Sharp declines in cryptocurrency and U.S. stock indices followed the tariffs.", 1, NM_MOD_REPORTED},
			{"Overview. The news caused a flash crash across the crypto and stock markets.", 1, NM_MOD_REPORTED},
			{"Overview. Friday saw a significant downturn in both stocks and crypto.", 1, NM_MOD_REPORTED},
			{"Overview. Friday saw gains in both stocks and crypto.", 0, NM_MOD_REPORTED},
		};
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			struct nm_doc *f = doc_of(cases[i].text);
			run(f);
			if (count_type(f, "risk-off") != cases[i].events ||
			    (cases[i].events && find(f, "risk-off", "")->modality != cases[i].mod))
				fail_msg("case %zu: want %zu risk-off events: %s", i, cases[i].events, cases[i].text);
			nm_doc_free(f);
		}
	}
	/* a firm's de-risked balance sheet is no market's move */
	{
		struct nm_doc *f = doc_of("Overview. Analysts cited a materially de-risked capital "
					  "structure after the miner repaid its notes.");
		run(f);
		assert_int_equal(count_type(f, "risk-off"), 0);
		nm_doc_free(f);
	}
	struct nm_doc *d = doc_of("Investors dumped risk assets on Thursday as bond yields jumped.");
	run(d);
	assert_non_null(find(d, "risk-off", ""));
	assert_int_equal(find(d, "risk-off", "")->modality, NM_MOD_REPORTED);
	nm_doc_free(d);

	d = doc_of("A risk-on mood lifted tokens and tech shares alike.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);

	d = doc_of("Strategists warn that a sticky inflation print may tip markets into a risk-off phase.");
	run(d);
	assert_int_equal(d->n_events, 1);
	assert_int_equal(d->events[0].modality, NM_MOD_FORECAST);
	nm_doc_free(d);

	d = doc_of("So far there is no sign of a risk-off move in crypto.");
	run(d);
	assert_int_equal(d->n_events, 1);
	assert_int_equal(d->events[0].modality, NM_MOD_NEGATED);
	nm_doc_free(d);
	/* next to nothing is a denial too */
	d = doc_of("Tokens held steady, and there was little sign of the risk-off mood seen in "
		   "equities.");
	run(d);
	assert_int_equal(d->n_events, 1);
	assert_int_equal(d->events[0].modality, NM_MOD_NEGATED);
	nm_doc_free(d);
	d = doc_of("Stocks hardly moved, but investors dumped risk assets in Asia.");
	run(d);
	assert_non_null(find(d, "risk-off", ""));
	assert_int_equal(find(d, "risk-off", "")->modality, NM_MOD_REPORTED);
	nm_doc_free(d);

	/* a general statement is no happening; a comma keeps the event */
	d = doc_of("A risk-off backdrop would usually favour stablecoins.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);
	d = doc_of("Markets turned risk-off on Friday, which usually happens before long weekends.");
	run(d);
	assert_non_null(find(d, "risk-off", ""));
	nm_doc_free(d);

	/* money moving into the safe assets themselves; a company buying gold is no move */
	d = doc_of("Tokens slid with tech shares while traders rushed into Treasuries and gold.");
	run(d);
	assert_non_null(find(d, "risk-off", ""));
	nm_doc_free(d);
	d = doc_of("The issuer poured $1 billion into gold reserves this year.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);

	/* a conceded telling ("despite ...") gives way to the sentence's denial; alone, or
	 * with no denial, it stays reported */
	d = doc_of("Despite the selloff in equities, strategists said there was no flight to "
		   "safety, with gold flat.");
	run(d);
	assert_non_null(find(d, "risk-off", ""));
	assert_int_equal(find(d, "risk-off", "")->modality, NM_MOD_NEGATED);
	nm_doc_free(d);
	d = doc_of("Despite a flight to safety in stocks, tokens held firm on Friday.");
	run(d);
	assert_non_null(find(d, "risk-off", ""));
	assert_int_equal(find(d, "risk-off", "")->modality, NM_MOD_REPORTED);
	nm_doc_free(d);

	/* other wordings: sentiment or appetite for risk souring, haven demand rising, the
	 * fall told before the stocks it went with; their opposites are none */
	static const char *const more[][2] = {
		{"Risk sentiment soured across markets, dragging tokens down 6%.", "risk-off"},
		{"Appetite for risk collapsed after the bank failure.", "risk-off"},
		{"Haven demand surged as gold hit a record.", "risk-off"},
		{"Crypto sold off alongside tech stocks amid fears of a recession.", "risk-off"},
		{"US stocks fell for a third day on tariff worries, and bitcoin dropped with them.",
		 "risk-off"},
		{"US stocks fell on tariff worries, but bitcoin rose 3%.", NULL},
		{"Investors shunned risky assets as yields climbed to a 16-year high.", "risk-off"},
		{"The move into safe havens continued as gold set a record.", "risk-off"},
		{"A stronger dollar weighed on risk assets, tokens included.", "risk-off"},
		{"The move into the new office was completed on Tuesday.", NULL},
		{"Regulators shunned the proposal on Monday.", NULL},
		{"The fund's risk-off strategy returned 12% last year.", NULL},
		{"A dash for cash swept global markets, dragging tokens lower.", "risk-off"},
		{"The VIX spiked as a global sell-off hit equities and tokens.", "risk-off"},
		{"Traders sought safety in Treasuries and gold as tokens slid.", "risk-off"},
		{"Safe-haven assets such as gold rallied, while tokens fell 5%.", "risk-off"},
		{"Global markets sold off on Tuesday, tokens included.", "risk-off"},
		{"Risk appetite was muted across markets, with the Nasdaq down 0.8%.", "risk-off"},
		{"The broader market fell 3% as tokens slid.", NULL},
		{"The team made a dash for the exit.", NULL},
		{"On this week's Risk Off podcast, hosts discussed the ETF approvals.", NULL},
		{"Risk sentiment improved after the jobs report.", NULL},
		{"Demand for the new token surged after the listing.", NULL},
		{"Crypto fell alongside stocks on Monday, then recovered.", NULL},
		{"Gold hit a record as investors sought safety amid trade tensions.", "risk-off"},
		{"Analysts said the moves reflected a broad retreat from risk.", "risk-off"},
		{"The exchange sought safety certification for its custody unit.", NULL},
		{"He sought refuge at the embassy to avoid extradition.", NULL},
		{"Investors pared exposure to risky assets ahead of the Fed decision.", "risk-off"},
		{"The army's retreat from the river was orderly.", NULL},
	};
	for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++) {
		d = doc_of(more[i][0]);
		run(d);
		if (more[i][1] ? !find(d, "risk-off", "") : d->n_events != 0)
			fail_msg("'%s': %s", more[i][0], more[i][1] ? "no risk-off" : "an event");
		nm_doc_free(d);
	}

	/* the flight is from risk as well as to safety */
	d = doc_of("Funds led a flight from risk assets on Tuesday as yields spiked.");
	run(d);
	assert_non_null(find(d, "risk-off", ""));
	nm_doc_free(d);
	d = doc_of("The flight from Lisbon landed late on Tuesday.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);

	/* a headline question alone carries no event */
	d = doc_of("Rally Or Risk-Off?\n\nTokens traded sideways all day.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);
	/* the statement a colon or a dash joins to a question is told */
	d = doc_of("Markets Turn Risk-Off: Is a Bottom In?\n\nTokens traded sideways all day.");
	run(d);
	assert_non_null(find(d, "risk-off", ""));
	nm_doc_free(d);
	d = doc_of("Markets Turn Risk-Off \xE2\x80\x94 What Comes Next?\n\nTokens traded sideways.");
	run(d);
	assert_non_null(find(d, "risk-off", ""));
	nm_doc_free(d);
	d = doc_of("What Comes Next: Risk-Off or a Rally?\n\nTokens traded sideways all day.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);

	/* an explainer defines the term */
	d = doc_of("What Risk-Off Means\n\nIn a risk-off phase investors move into safe havens.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);

	/* the general risk of a hack is no risk-off */
	d = doc_of("The risk of a hack is the main worry for the bridge's users.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);
}

/* ------------------------------------------------------------------ checks */

static void internal_checks(void **state)
{
	struct nm_doc *d = doc_of(
		"Summary: crypto liquidations topped $300 million across the market, with Solana at $80 million and Cardano at $40 million.\n\n"
		"In the body the article says Solana saw $60 million in liquidations and Cardano $40 million, out of $300 million across the market.");
	const struct nm_check *c = NULL;
	size_t contradicted = 0, consistent = 0;
	mention(d, NM_MENTION_MONEY, "$300 million", 0, 300e6, NULL, "liquidations");
	asset(d, "Solana", 0, "SOL");
	mention(d, NM_MENTION_MONEY, "$80 million", 0, 80e6, "SOL", "liquidations");
	asset(d, "Cardano", 0, "ADA");
	mention(d, NM_MENTION_MONEY, "$40 million", 0, 40e6, "ADA", "liquidations");
	asset(d, "Solana", 1, "SOL");
	mention(d, NM_MENTION_MONEY, "$60 million", 0, 60e6, "SOL", "liquidations");
	asset(d, "Cardano", 1, "ADA");
	mention(d, NM_MENTION_MONEY, "$40 million", 1, 40e6, "ADA", "liquidations");
	mention(d, NM_MENTION_MONEY, "$300 million", 1, 300e6, NULL, "liquidations");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	for (size_t i = 0; i < d->n_checks; i++) {
		assert_int_equal(d->checks[i].kind, NM_CHECK_INTERNAL);
		if (d->checks[i].verdict == NM_VERDICT_CONTRADICTED) {
			contradicted++;
			c = &d->checks[i];
		} else {
			consistent++;
		}
	}
	assert_int_equal(contradicted, 1);
	assert_int_equal(consistent, 1);
	assert_string_equal(c->asset, "SOL");
	assert_string_equal(c->quantity, "liquidations_usd");
	assert_true(c->values[0] == 80e6 && c->values[1] == 60e6);
	assert_string_equal(d->text + d->mentions[c->mentions[0]].span.start, d->text + d->mentions[c->mentions[0]].span.start);
	assert_memory_equal(d->text + d->mentions[c->mentions[1]].span.start, "$60 million", 11);
	assert_string_equal(c->event_id, d->events[0].id);
	nm_doc_free(d);

	/* a rounder telling agrees with what rounds to it, and the finer one is the figure;
	 * a digit apart at the same precision does not */
	static const struct {
		const char *a, *b;
		double va, vb;
		enum nm_verdict want;
	} rounding[] = {
		{"$1.2B", "$1.24 billion", 1.2e9, 1.24e9, NM_VERDICT_CONSISTENT},
		{"$2B", "$2.3 billion", 2e9, 2.3e9, NM_VERDICT_CONSISTENT},
		{"$1.2B", "$1.26 billion", 1.2e9, 1.26e9, NM_VERDICT_CONTRADICTED},
		{"$177M", "$117 million", 177e6, 117e6, NM_VERDICT_CONTRADICTED},
	};
	for (size_t k = 0; k < sizeof(rounding) / sizeof(rounding[0]); k++) {
		char text[256];
		snprintf(text, sizeof(text), "Ether Liquidations Hit %s\n\nEther liquidations reached %s "
			 "in 24 hours.", rounding[k].a, rounding[k].b);
		d = doc_of(text);
		asset(d, "Ether", 0, "ETH");
		mention(d, NM_MENTION_MONEY, rounding[k].a, 0, rounding[k].va, "ETH", "liquidations");
		asset(d, "Ether", 1, "ETH");
		mention(d, NM_MENTION_MONEY, rounding[k].b, 0, rounding[k].vb, "ETH", "liquidations");
		run(d);
		assert_int_equal(d->n_checks, 1);
		if (d->checks[0].verdict != rounding[k].want)
			fail_msg("%s and %s: verdict %d", rounding[k].a, rounding[k].b, (int)d->checks[0].verdict);
		if (k == 0)
			assert_true(d->events[0].figures.per_asset[0].usd == 1.24e9);
		nm_doc_free(d);
	}

	/* two named days are two quantities; one day twice is one */
	static const char *const days[2] = {"Tuesday", "Monday"};
	for (int k = 0; k < 2; k++) {
		char text[256];
		snprintf(text, sizeof(text), "Solana liquidations hit $80 million on Monday. On %s, "
			 "Solana liquidations reached $60 million.", days[k]);
		d = doc_of(text);
		asset(d, "Solana", 0, "SOL");
		mention(d, NM_MENTION_MONEY, "$80 million", 0, 80e6, "SOL", "liquidations");
		asset(d, "Solana", 1, "SOL");
		mention(d, NM_MENTION_MONEY, "$60 million", 0, 60e6, "SOL", "liquidations");
		run(d);
		assert_int_equal(d->n_checks, (size_t)k);
		nm_doc_free(d);
	}

	/* a summary's "longs lost $X" is a telling of the same wave, checked against the body */
	d = doc_of("Summary\n\n- Ether longs lost $310M\n\nCrypto liquidations reached $850 million. "
		   "Ether led with $301 million in long liquidations.");
	asset(d, "Ether", 0, "ETH");
	mention(d, NM_MENTION_MONEY, "$310M", 0, 310e6, "ETH", "liquidations");
	mention(d, NM_MENTION_MONEY, "$850 million", 0, 850e6, NULL, "liquidations");
	asset(d, "Ether", 1, "ETH");
	mention(d, NM_MENTION_MONEY, "$301 million", 0, 301e6, "ETH", "liquidations");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_int_equal(d->n_checks, 1);
	assert_int_equal(d->checks[0].verdict, NM_VERDICT_CONTRADICTED);
	assert_true(d->checks[0].values[0] == 310e6 && d->checks[0].values[1] == 301e6);
	nm_doc_free(d);
	/* only figures told of the asset in their clause are set against each other: a price
	 * bound to it, a headline's "Bitcoin slides as $780M ...", one position's amount are
	 * not the asset's liquidations */
	d = doc_of("Bitcoin Slides 6% as $780M in Longs Get Liquidated\n\nBitcoin dropped to $91,200 as "
		   "$780 million of long positions were liquidated, out of a total of $912 million. "
		   "Bitcoin longs accounted for $310 million, including a single $36 million BTC "
		   "liquidation, while Ether longs lost $205 million.");
	asset(d, "Bitcoin", 0, "BTC");
	mention(d, NM_MENTION_PERCENT, "6%", 0, 6, "BTC", "price");
	mention(d, NM_MENTION_MONEY, "$780M", 0, 780e6, "BTC", "liquidations");
	asset(d, "Bitcoin", 1, "BTC");
	mention(d, NM_MENTION_MONEY, "$91,200", 0, 91200, "BTC", "liquidations");
	mention(d, NM_MENTION_MONEY, "$780 million", 0, 780e6, NULL, "liquidations");
	mention(d, NM_MENTION_MONEY, "$912 million", 0, 912e6, NULL, "liquidations");
	asset(d, "Bitcoin", 2, "BTC");
	mention(d, NM_MENTION_MONEY, "$310 million", 0, 310e6, "BTC", "liquidations");
	mention(d, NM_MENTION_MONEY, "$36 million", 0, 36e6, "BTC", "liquidations");
	asset(d, "BTC", 0, "BTC");
	asset(d, "Ether", 0, "ETH");
	mention(d, NM_MENTION_MONEY, "$205 million", 0, 205e6, "ETH", "liquidations");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_true(d->events[0].figures.total_usd == 912e6);
	assert_int_equal(d->n_checks, 0);
	nm_doc_free(d);
	/* lists paired by "respectively" are told of their assets however far apart */
	d = doc_of("Bitcoin led with $960 million in liquidations, followed by Ethereum at $403 million. "
		   "Bitcoin and Ethereum led liquidations with roughly $960 million and $403 million "
		   "wiped respectively.");
	asset(d, "Bitcoin", 0, "BTC");
	mention(d, NM_MENTION_MONEY, "$960 million", 0, 960e6, "BTC", "liquidations");
	asset(d, "Ethereum", 0, "ETH");
	mention(d, NM_MENTION_MONEY, "$403 million", 0, 403e6, "ETH", "liquidations");
	asset(d, "Bitcoin", 1, "BTC");
	asset(d, "Ethereum", 1, "ETH");
	mention(d, NM_MENTION_MONEY, "$960 million", 1, 960e6, "BTC", "liquidations");
	mention(d, NM_MENTION_MONEY, "$403 million", 1, 403e6, "ETH", "liquidations");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_true(isnan(d->events[0].figures.total_usd));
	assert_int_equal(d->n_checks, 2);
	nm_doc_free(d);
	/* spot bulls losing money is no liquidation */
	d = doc_of("Bulls lost $2 billion in market value as the token slid.");
	run(d);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);
}

/* ------------------------------------------------------------------ confidence, rules */

/* A month range in the past is background; "a ... liquidation" alone is one position. */
static void deleveraging_past_range_and_single(void **state)
{
	struct nm_doc *d = doc_of("Overview. The slide from early-Sep to late-Oct brought repeated liquidation waves. "
				  "Prices were quiet today.");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 0);
	nm_doc_free(d);
	d = doc_of("Overview. The exchange raised margin rules after a large Solana liquidation. "
		   "Prices were quiet today.");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 0);
	nm_doc_free(d);
	/* a wave stays a wave, and a risk of liquidation is no single position */
	d = doc_of("Overview. Thin books set off a wave of heavy liquidation across the market today.");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	nm_doc_free(d);
	d = doc_of("Overview. The drop set off a $500 million liquidation in an hour.");
	mention(d, NM_MENTION_MONEY, "$500 million", 0, 5e8, NULL, "liquidations");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	nm_doc_free(d);
	/* a month of a past year dates the sentence, unless it dates the history it names */
	d = doc_of("Overview. Heavy liquidations swept the market in March 2024. Prices were quiet today.");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 0);
	nm_doc_free(d);
	d = doc_of("Overview. Some 391,000 traders were liquidated, a level not seen since the FTX "
		   "collapse in November 2022.");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	nm_doc_free(d);
	d = doc_of("Overview. Leveraged longs face an elevated risk of liquidation if support breaks.");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	assert_int_equal(find(d, "deleveraging", "")->modality, NM_MOD_FORECAST);
	nm_doc_free(d);
	/* the exchanges' auto-deleveraging is a mechanism, not a wave; a period told before
	 * ("during that phase", "during the August 2024 episode") is background */
	static const char *const none[] = {
		"Overview. The exchange will change how positions are closed through auto-deleveraging.",
		"Overview. During that risk-off phase, liquidations routinely topped $1 billion a day.",
		"Overview. During the August 2024 episode, more than $1 billion of positions were "
		"liquidated in a single day.",
	};
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		d = doc_of(none[i]);
		run(d);
		if (count_type(d, "deleveraging") || count_type(d, "risk-off"))
			fail_msg("text %zu: an event", i);
		nm_doc_free(d);
	}
	/* one coin's total, days added up: no market cue, the coin's wave */
	d = doc_of("Overview. Some $27 million in DOGE shorts were liquidated in the past hour, more "
		   "than the token's total liquidations for the previous three days combined.");
	asset(d, "DOGE", 0, "DOGE");
	mention(d, NM_MENTION_MONEY, "$27 million", 0, 2.7e7, "DOGE", "liquidations");
	run(d);
	assert_non_null(find(d, "deleveraging", "DOGE"));
	nm_doc_free(d);
	/* a guide to liquidations tells its waves as examples; a product acts on them */
	static const char *const guides[] = {
		"What Is a Liquidation Cascade? A Beginner's Guide\n\nA cascade is when many "
		"liquidations push the price and trigger even more liquidations.",
		"Liquidation Cascades Explained\n\nWhen shorts are liquidated, the forced buying "
		"lifts the price.",
		"Overview. The exchange launched a margin engine to reduce forced liquidations. It "
		"also pauses partial liquidations for up to 30 seconds.",
		/* selling, not forced closing: holders liquidating their tokens, insider
		 * liquidations, risk assets liquidated; a court's order; a term named */
		"Overview. Many holders are already liquidating their tokens ahead of the unlock.",
		"Overview. Skeptics said the airdrop distracted from insider liquidations.",
		"Overview. Higher rates drain liquidity and force liquidation of risk assets.",
		"Overview. The liquidation order comes after a notice of default on a loan.",
		"Overview. To limit losses, firms sell bonds, a process called \"deleveraging.\"",
		/* miners paying down debt */
		"Overview. Bitcoin miners are trying to deleverage their balance of loans this year.",
		/* a firm in liquidation */
		"Overview. Markets slid. Three Arrows Capital is also undergoing liquidation in "
		"multiple jurisdictions, including a filing in New York.",
		"Overview. Records show the exchange has been in liquidation since the 14th May.",
		"Overview. The firm's liquidation team has lost $11.5 million on a short.",
		"Overview. The agency will sell $56 million of tokens as part of the liquidation "
		"process of the lender.",
		"Overview. The court, which made the order on Monday, appointed two partners at an "
		"advisory firm to handle the fund\xe2\x80\x99s liquidation, a person said.",
		"Overview. Markets fell. Advisers will oversee the lender's liquidation.",
		/* a firm's margin calls missed, one fund's positions liquidated */
		"Overview. The fund's failure to meet margin calls this weekend makes it the latest "
		"victim of the fall.",
		"Overview. Lenders liquidated some of the crypto hedge fund's positions on Friday.",
		/* a wave looked back on: since it, or the largest on a day gone */
		"Overview. Since the $20 billion liquidation event, analysts have watched the market.",
		"Crypto today: momentum fades\n\nThe derivatives market has stabilized over the last two "
		"weeks, following the largest deleveraging event on October 10, which liquidated $2 "
		"billion in crypto assets.",
		"Overview. Local media reported on the liquidation order earlier.",
		/* a throwback, a look at what happened on a day, a day now infamous */
		"Black Thursday in crypto, explored in today's throwback.\n\nThe crash caused mass "
		"liquidations on the exchanges.",
		"What Really Happened on the Day the Market Crashed\n\nLeveraged longs were "
		"liquidated in two waves.",
		"Overview. That day, now infamous among traders, set off a wave of liquidations.",
		/* one trader's positions; one DeFi vault */
		"Overview. Bitcoin fell below $105,000, triggering a series of liquidations on his "
		"highly leveraged positions.",
		"Overview. Owners saved all vaults except the first, and the vault got liquidated at "
		"auction.",
		/* a whale's bet or position, also with a curly apostrophe */
		"Whale's $300M Ether Bet Ends in Forced Liquidation\n\nThe bet was closed on Tuesday.",
		"Overview. The drop stemmed from the liquidation of a whale\xe2\x80\x99s position on Tuesday.",
		/* the body's first sentence defines the term; a glossary's definition */
		"A liquidation heatmap is a chart of where leveraged traders will be forced out. Over "
		"$2 billion in leveraged positions were liquidated within 24 hours in one such wave.",
		"Long Squeezes\n\nDefinition: Long squeezes occur when prices fall fast. More long "
		"positions are liquidated in a cascade.",
	};
	for (size_t i = 0; i < sizeof(guides) / sizeof(guides[0]); i++) {
		d = doc_of(guides[i]);
		if (strstr(guides[i], "$2 billion"))
			mention(d, NM_MENTION_MONEY, "$2 billion", 0, 2e9, NULL, "liquidations");
		run(d);
		if (count_type(d, "deleveraging"))
			fail_msg("guide %zu: a deleveraging event", i);
		nm_doc_free(d);
	}
	d = doc_of("What Is a Liquidation Cascade? A Beginner's Guide\n\nToday more than $500 "
		   "million in longs were liquidated.");
	mention(d, NM_MENTION_MONEY, "$500 million", 0, 5e8, NULL, "liquidations");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	nm_doc_free(d);
	/* a squeeze named as a risk, shorts that could be squeezed, positions waiting on a
	 * liquidation map: forecasts */
	static const char *const maps[] = {
		"Overview\n\nShort squeeze risk\n\nThe rally stalled.",
		"Overview. If the price breaks above $130, these shorts could be squeezed.",
		"Overview. The liquidation map shows about $45 million of LTC short positions sitting "
		"between $130 and $135.",
	};
	for (size_t i = 0; i < sizeof(maps) / sizeof(maps[0]); i++) {
		d = doc_of(maps[i]);
		run(d);
		if (count_type(d, "deleveraging") != 1 || d->events[0].modality != NM_MOD_FORECAST)
			fail_msg("map %zu: no forecast wave", i);
		nm_doc_free(d);
	}
	/* a retrospective tells history; a telling with its own day is news */
	d = doc_of("Five Years On: How the March 2020 Crash Rewired Crypto Leverage\n\nMore than $1 "
		   "billion in long positions were liquidated on one exchange alone.\n\nToday "
		   "liquidations topped $300 million.");
	mention(d, NM_MENTION_MONEY, "$1 billion", 0, 1e9, NULL, "liquidations");
	mention(d, NM_MENTION_MONEY, "$300 million", 0, 3e8, NULL, "liquidations");
	run(d);
	{
		const struct nm_event *e0 = find(d, "deleveraging", "");
		assert_non_null(e0);
		assert_true(e0->figures.total_usd == 3e8);
	}
	nm_doc_free(d);
	/* a sharp fall in open interest is leverage leaving */
	d = doc_of("Overview. The sharp fall in open interest suggests that traders are scaling back "
		   "their exposure.");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	nm_doc_free(d);
	/* a crash named by its day is history */
	d = doc_of("Overview. Traders compare every wobble to the October 10 crash, when more than "
		   "$19 billion in leveraged positions were wiped out.");
	mention(d, NM_MENTION_MONEY, "$19 billion", 0, 1.9e10, NULL, NULL);
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 0);
	nm_doc_free(d);
	/* one trader named as headlines do, one position closed, one borrower; and the
	 * story's bare tellings after it speak of that one */
	static const char *const one[] = {
		"Solana Whale Loses $12 Million as Leveraged Positions Are Liquidated\n\nThe "
		"price slipped on Friday.",
		"Overview. A 40x ether long is liquidated as the price slips to $3,080.",
		"Overview. A single borrower on the lending market had $6.4 million of collateral "
		"liquidated on Tuesday. The liquidations were carried out smoothly, the protocol "
		"said.",
		"Overview. The trader shorted bitcoin at 40x. BTC then rallied and liquidated him.",
		"Overview. Counting this latest liquidation, his total losses rose above $20.5 "
		"million.",
		/* facing one liquidation; a market named as the setting, not the wave */
		"Crypto Whale Faces Imminent Liquidation on Maker\n\nThe loan is backed by ETH.",
		"Overview. A crypto whale is narrowly avoiding a painful liquidation on Maker amid "
		"choppy crypto markets.",
		"Solana Drops 15% After $16M Whale Liquidation\n\nThe price slid on Monday.",
		"Overview. A well-known trader recently experienced liquidation on a Chainlink position.",
	};
	for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++) {
		d = doc_of(one[i]);
		if (strstr(one[i], "$12 Million"))
			mention(d, NM_MENTION_MONEY, "$12 Million", 0, 12e6, "SOL", NULL);
		if (strstr(one[i], "$6.4 million"))
			mention(d, NM_MENTION_MONEY, "$6.4 million", 0, 6.4e6, NULL, "liquidations");
		if (strstr(one[i], "$20.5"))
			mention(d, NM_MENTION_MONEY, "$20.5 million", 0, 2.05e7, NULL, NULL);
		run(d);
		if (count_type(d, "deleveraging"))
			fail_msg("text %zu: a deleveraging event", i);
		nm_doc_free(d);
	}
	/* ... and a wave of various traders after one trader's story is the market's */
	d = doc_of("Overview. BTC rallied and liquidated him. Forced liquidations of short positions "
		   "from various traders exceeded $543 million in one hour.");
	mention(d, NM_MENTION_MONEY, "$543 million", 0, 5.43e8, NULL, "liquidations");
	run(d);
	assert_non_null(find(d, "deleveraging", ""));
	assert_int_equal(count_type(d, "deleveraging"), 1);
	nm_doc_free(d);
	/* many traders, or a market cue, make a wave again */
	d = doc_of("Overview. Solana traders lost $120 million as longs were liquidated. A single "
		   "whale lost $12 million. Liquidations across the market topped $900 million.");
	mention(d, NM_MENTION_MONEY, "$120 million", 0, 1.2e8, "SOL", "liquidations");
	mention(d, NM_MENTION_MONEY, "$12 million", 0, 1.2e7, NULL, NULL);
	mention(d, NM_MENTION_MONEY, "$900 million", 0, 9e8, NULL, "liquidations");
	run(d);
	assert_int_equal(count_type(d, "deleveraging"), 1);
	nm_doc_free(d);
}

/* Confidence grows with distinct tellings; a repeated sentence counts once, and strong
 * wording told once without figures stays below 0.8. */
static void confidence_from_evidence(void **state)
{
	struct nm_doc *d = doc_of("Overview. Investors turned risk-off on Tuesday. Prices were quiet.");
	double once, twice, dup;
	run(d);
	assert_int_equal(count_type(d, "risk-off"), 1);
	once = d->events[0].confidence;
	assert_true(once < 0.8);
	nm_doc_free(d);
	d = doc_of("Overview. Investors turned risk-off on Tuesday. Prices were quiet. "
		   "Investors turned risk-off on Tuesday.");
	run(d);
	dup = d->events[0].confidence;
	assert_int_equal(d->events[0].n_evidence, 2);
	nm_doc_free(d);
	d = doc_of("Overview. Investors turned risk-off on Tuesday. Prices were quiet. "
		   "The risk-off mood spread to stocks.");
	run(d);
	twice = d->events[0].confidence;
	nm_doc_free(d);
	assert_true(dup == once);
	assert_true(twice > once);
}

static void confidence_threshold(void **state)
{
	struct nm_doc *d = doc_of(delev_text);
	struct nm_classifier *strict;
	struct nm_err err = {0};
	assert_int_equal(nm_classifier_new(rules, &strict, &err), NM_OK);
	assert_int_equal(nm_classifier_set_min_confidence(strict, 1.5), NM_EINVAL);
	assert_int_equal(nm_classifier_set_min_confidence(strict, -0.1), NM_EINVAL);
	assert_int_equal(nm_classifier_set_min_confidence(strict, 1.0), NM_OK);
	assert_true(nm_classifier_min_confidence(strict) == 1.0);
	run(d);
	assert_int_equal(d->n_events, 1);
	double conf = d->events[0].confidence;
	assert_int_equal(nm_classify(strict, d, &err), NM_OK);
	assert_int_equal(d->n_events, conf >= 1.0 ? 1 : 0);
	assert_int_equal(nm_classifier_set_min_confidence(strict, 0), NM_OK);
	assert_int_equal(nm_classify(strict, d, &err), NM_OK);
	assert_int_equal(d->n_events, 1);
	nm_classifier_free(strict);
	nm_doc_free(d);
}

static void rule_errors(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{"event-trigger deleveraging 0.5 (unclosed\n", "bad.rules:1:"},
		{"\n\nevent-trigger rumour 0.5 x\n", "bad.rules:3: event-trigger: unknown event type"},
		{"event-trigger rejection 1.5 x\n", "weight"},
		{"event-trigger rejection 0 x\n", "weight"},
		{"event-trigger rejection 0.5\n", "missing pattern"},
		{"event-anchor mood calm\n", "event-anchor: unknown event type or class 'mood'"},
		{"event-anchor risk-off\n", "no stems"},
		{"event-anchor risk-off risk-on\n", "is not a word"},
		{"event-anchor risk-off abcdefghijklmnopqrstuvwxyz\n", "longer than"},
		{"event-cue mood x\n", "unknown class"},
		{"modality maybe x\n", "unknown class"},
		{"event-frobnicate x\n", "unknown directive"},
		{"event-trigger rejection 0.5 side=up x\n", "side must be"},
		{"event-trigger risk-off 0.5 side=support x\n", "only rejection triggers"},
		{"event-define Stocks x\n", "event-define: want NAME PATTERN"},
		{"event-define stocks\n", "event-define: want NAME PATTERN"},
		{"event-define stocks x\nevent-define stocks y\n", "bad.rules:2: event-define: 'stocks' is defined already"},
		{"event-define stocks (x\n", "bad.rules:1: event-define: bad pattern"},
		{"event-trigger risk-off 0.5 (?&nowhere)\n", "bad.rules:1: event-trigger: bad pattern"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nm_rule_source src[] = {{"bad.rules", cases[i].text}, {NULL, NULL}};
		struct nm_rules *r;
		struct nm_classifier *c = NULL;
		struct nm_err err = {0};
		assert_int_equal(nm_rules_load_sources(src, &r, &err), NM_OK);
		assert_int_equal(nm_classifier_new(r, &c, &err), NM_ECONFIG);
		assert_null(c);
		if (!strstr(err.msg, cases[i].want))
			fail_msg("case %zu: '%s' lacks '%s'", i, err.msg, cases[i].want);
		nm_rules_free(r);
	}
	/* a define that grows past the pattern limit once its calls are expanded */
	{
		char *text = malloc(8 * 1024), *p = text;
		assert_non_null(text);
		p += sprintf(p, "event-define big (?:");
		for (int k = 0; k < 400; k++)
			p += sprintf(p, "%sw%04d", k ? "|" : "", k);
		p += sprintf(p, ")\nevent-define bigger (?&big)(?&big)\n");
		struct nm_rule_source src[] = {{"big.rules", text}, {NULL, NULL}};
		struct nm_rules *r;
		struct nm_classifier *c = NULL;
		struct nm_err err = {0};
		assert_int_equal(nm_rules_load_sources(src, &r, &err), NM_OK);
		assert_int_equal(nm_classifier_new(r, &c, &err), NM_ECONFIG);
		assert_non_null(strstr(err.msg, "big.rules:2: event-define: longer than"));
		nm_rules_free(r);
		free(text);
	}
	/* past the stem limit: a clear error, not a silent gate */
	{
		char *text = malloc(64 * 1024), *p = text;
		assert_non_null(text);
		for (int line = 0; line < 44; line++) {
			p += sprintf(p, "event-trigger deleveraging 0.5 need=");
			for (int k = 0; k < 25; k++)
				p += sprintf(p, "%sw%dx%d", k ? "|" : "", line, k);
			p += sprintf(p, " \\bw%dx0\n", line);
		}
		struct nm_rule_source src[] = {{"many.rules", text}, {NULL, NULL}};
		struct nm_rules *r;
		struct nm_classifier *c = NULL;
		struct nm_err err = {0};
		assert_int_equal(nm_rules_load_sources(src, &r, &err), NM_OK);
		assert_int_equal(nm_classifier_new(r, &c, &err), NM_ECONFIG);
		assert_null(c);
		assert_non_null(strstr(err.msg, "more than 1024 anchor stems"));
		nm_rules_free(r);
		free(text);
	}
	/* other stages' directives are not ours; an empty set tags nothing */
	{
		struct nm_rule_source src[] = {{"m.rules", "asset BTC bitcoin\n"}, {NULL, NULL}};
		struct nm_rules *r;
		struct nm_classifier *c;
		struct nm_err err = {0};
		struct nm_doc *d = doc_of("Liquidations hit $1 billion in a risk-off rout.");
		assert_int_equal(nm_rules_load_sources(src, &r, &err), NM_OK);
		assert_int_equal(nm_classifier_new(r, &c, &err), NM_OK);
		assert_int_equal(nm_classify(c, d, &err), NM_OK);
		assert_int_equal(d->n_events, 0);
		assert_true(d->n_sentences == 1);
		nm_classifier_free(c);
		nm_rules_free(r);
		nm_doc_free(d);
	}
}

/* Rule files of their own: each gives one risk-off event, told by the sentences (by
 * their starts) listed, and by no other. */
static void own_rule_files(void **state)
{
	static const struct {
		const char *rules, *text;
		size_t n_evidence, first;
	} cases[] = {
		/* an anchored group runs only on sentences holding one of its stems: the
		 * second sentence matches the pattern but holds no anchor */
		{"event-trigger risk-off 0.9 \\bjitters\\b|\\bnerves\\b\n"
		 "event-anchor risk-off jitter\n",
		 "Markets had the jitters.\nMarkets lost their nerves.", 1, 0},
		/* a rule whose matches start in an atomic group is tried at its start words,
		 * and a start word found through its longest stem ("tokens" through "tok",
		 * not "to" alone, a stem of another rule) is still tried */
		{"event-trigger risk-off 0.9 need=tok|crypto need=stock "
		 "\\b(?>tokens?|crypto\\w*)\\s+fell\\s+with\\s+stocks\\b\n"
		 "event-trigger risk-off 0.9 need=to need=haven \\bto\\s+havens\\b\n",
		 "Tokens fell with stocks on Monday.\nCryptocurrencies fell with stocks again.\n"
		 "Money ran to havens.\nToday tokens rose with stocks.", 3, 0},
		/* event-define: a named sub-pattern, expanded in place where later patterns
		 * (and defines) call it; its stems count as the calling rule's own */
		{"event-define stock_index (?:stocks|equities)\n"
		 "event-define both (?:crypto\\s+and\\s+(?&stock_index))\n"
		 "event-trigger risk-off 0.9 need=crypto need=stock|equit \\bslump\\s+in\\s+(?&both)\\b\n",
		 "There was a slump in crypto and equities on Friday.\n"
		 "There was a slump in crypto and bonds on Monday.", 1, 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct nm_rule_source src[] = {{"e.rules", cases[i].rules}, {NULL, NULL}};
		struct nm_rules *r;
		struct nm_classifier *c;
		struct nm_err err = {0};
		struct nm_doc *d = doc_of(cases[i].text);
		assert_int_equal(nm_rules_load_sources(src, &r, &err), NM_OK);
		assert_int_equal(nm_classifier_new(r, &c, &err), NM_OK);
		assert_int_equal(nm_classify(c, d, &err), NM_OK);
		if (d->n_events != 1 || d->events[0].n_evidence != cases[i].n_evidence ||
		    d->events[0].evidence[0].start != cases[i].first)
			fail_msg("case %zu: %zu events, want one told by %zu sentences", i, d->n_events,
				 cases[i].n_evidence);
		nm_classifier_free(c);
		nm_rules_free(r);
		nm_doc_free(d);
	}
	/* a group of more than 64 rules still runs a rule, early or late in the group, on
	 * the sentences holding its stems, and only there */
	{
		char *text = malloc(16 * 1024), *p = text;
		assert_non_null(text);
		for (int k = 0; k < 100; k++)
			p += sprintf(p, "event-trigger risk-off 0.9 need=word%03d \\bword%03d\\s+fear\\b\n", k, k);
		struct nm_rule_source src[] = {{"many.rules", text}, {NULL, NULL}};
		struct nm_rules *r;
		struct nm_classifier *c;
		struct nm_err err = {0};
		struct nm_doc *d = doc_of("Markets felt word007 fear.\nMarkets felt word093 fear.\n"
					  "Markets felt word050 calm.");
		assert_int_equal(nm_rules_load_sources(src, &r, &err), NM_OK);
		assert_int_equal(nm_classifier_new(r, &c, &err), NM_OK);
		assert_int_equal(nm_classify(c, d, &err), NM_OK);
		assert_int_equal(d->n_events, 1);
		assert_int_equal(d->events[0].n_evidence, 2);
		nm_classifier_free(c);
		nm_rules_free(r);
		nm_doc_free(d);
		free(text);
	}
}

/* need= clauses: every clause must find a word starting with one of its stems. */
static void need_clauses_gate_rules(void **state)
{
	struct nm_rule_source src[] = {
		{"e.rules", "event-trigger risk-off 0.9 need=jitter|nerv need=stock|equit \\b(?:jitters|nerves)\\b\n"},
		{NULL, NULL}};
	struct nm_rule_source bad[][2] = {
		{{"b.rules", "event-trigger risk-off 0.9 need= \\bx\\b\n"}, {NULL, NULL}},
		{{"b.rules", "event-trigger risk-off 0.9 need=a-b \\bx\\b\n"}, {NULL, NULL}},
		{{"b.rules", "event-trigger risk-off 0.9 need=a||b \\bx\\b\n"}, {NULL, NULL}},
		{{"b.rules", "event-trigger risk-off 0.9 need=a need=b need=c need=d need=e \\bx\\b\n"},
		 {NULL, NULL}},
		{{"b.rules", "event-cue forecast need=x x[’']ll\n"}, {NULL, NULL}},
	};
	struct nm_rules *r;
	struct nm_classifier *c;
	struct nm_err err = {0};
	struct nm_doc *d = doc_of("Markets had the jitters.\nStocks had the jitters too.\nEquities lost their nerves.");
	assert_int_equal(nm_rules_load_sources(src, &r, &err), NM_OK);
	assert_int_equal(nm_classifier_new(r, &c, &err), NM_OK);
	assert_int_equal(nm_classify(c, d, &err), NM_OK);
	assert_int_equal(d->n_events, 1);
	/* the first sentence matches the pattern but holds no word of the second clause */
	assert_int_equal(d->events[0].n_evidence, 2);
	assert_int_equal(d->events[0].evidence[0].start, 25);
	nm_classifier_free(c);
	nm_rules_free(r);
	nm_doc_free(d);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(nm_rules_load_sources(bad[i], &r, &err), NM_OK);
		assert_int_equal(nm_classifier_new(r, &c, &err), NM_ECONFIG);
		assert_non_null(strstr(err.msg, "b.rules:1"));
		nm_rules_free(r);
	}
}

/* The stem trie's first two steps are one table lookup, except when a stem has one byte:
 * two-byte stems, longer ones and a one-byte stem all gate the same way. */
static void need_stems_short_and_long(void **state)
{
	struct nm_rule_source two[] = {
		{"e.rules", "event-trigger risk-off 0.9 need=at need=jitter \\bjitters\\b\n"}, {NULL, NULL}};
	struct nm_rule_source one[] = {
		{"e.rules", "event-trigger risk-off 0.9 need=q need=jitter \\bjitters\\b\n"}, {NULL, NULL}};
	struct nm_rule_source *srcs[] = {two, one};
	const char *texts[] = {"Jitters at the open.\nA jitters day again.\nIt had a few jitters at noon.",
			       "Jitters q the open.\nA jitters day again.\nIt had a few jitters q"};
	for (int i = 0; i < 2; i++) {
		struct nm_rules *r;
		struct nm_classifier *c;
		struct nm_err err = {0};
		struct nm_doc *d = doc_of(texts[i]);
		assert_int_equal(nm_rules_load_sources(srcs[i], &r, &err), NM_OK);
		assert_int_equal(nm_classifier_new(r, &c, &err), NM_OK);
		assert_int_equal(nm_classify(c, d, &err), NM_OK);
		assert_int_equal(d->n_events, 1);
		/* the second sentence holds no word starting with the short stem */
		assert_int_equal(d->events[0].n_evidence, 2);
		assert_int_equal(d->events[0].evidence[0].start, 0);
		assert_int_equal(d->n_sentences, 3);
		assert_int_equal(d->events[0].evidence[1].start, d->sentences[2].start);
		nm_classifier_free(c);
		nm_rules_free(r);
		nm_doc_free(d);
	}
}

static void sentences_glued_paragraphs(void **state)
{
	struct nm_doc *d = doc_of("Prices fell on Monday.Traders sold into the close at $1.2B in volume"
				  "Related data shows liquidations soar to $573MAccording to analysts, "
				  "CoinGlass and TradingView agree. See x.com/a.b and v1.2.3 notes.");
	char s[8][160];
	run(d);
	sentence_texts(d, s, 8);
	assert_int_equal(d->n_sentences, 5);
	assert_string_equal(s[0], "Prices fell on Monday.");
	assert_string_equal(s[1], "Traders sold into the close at $1.2B in volume");
	assert_string_equal(s[2], "Related data shows liquidations soar to $573M");
	assert_string_equal(s[3], "According to analysts, CoinGlass and TradingView agree.");
	nm_doc_free(d);
	/* a hyphenated word glued to the next paragraph; "mid-March" is one word */
	d = doc_of("Tariffs could amplify the sell-offThe broader market turned cautious in mid-March.");
	run(d);
	sentence_texts(d, s, 8);
	assert_int_equal(d->n_sentences, 2);
	assert_string_equal(s[0], "Tariffs could amplify the sell-off");
	assert_string_equal(s[1], "The broader market turned cautious in mid-March.");
	nm_doc_free(d);
	/* a short capitalised word glued to a number is its unit or currency */
	d = doc_of("It cost 20Rs in 2024Then prices rose.");
	run(d);
	sentence_texts(d, s, 8);
	assert_int_equal(d->n_sentences, 2);
	assert_string_equal(s[0], "It cost 20Rs in 2024");
	nm_doc_free(d);
	/* a quote glued between two paragraphs opens the next one, or closes this one when a
	 * quote is open */
	d = doc_of("It can be a leading indicator of sentiment in the week ahead.\"Bitcoin is down, "
		   "implying a risk-off mood,\" he said. He said \"the trend is clear.\"Prices fell. "
		   "Volumes dropped.\xe2\x80\x9cWe are cautious,\xe2\x80\x9d she said.");
	run(d);
	sentence_texts(d, s, 8);
	assert_int_equal(d->n_sentences, 6);
	assert_string_equal(s[0], "It can be a leading indicator of sentiment in the week ahead.");
	assert_string_equal(s[1], "\"Bitcoin is down, implying a risk-off mood,\" he said.");
	assert_string_equal(s[2], "He said \"the trend is clear.\"");
	assert_string_equal(s[3], "Prices fell.");
	assert_string_equal(s[4], "Volumes dropped.");
	nm_doc_free(d);
}

static void unordered_mentions_rejected(void **state)
{
	struct nm_doc *d = doc_of("Bitcoin and Ether fell.");
	struct nm_mention m;
	struct nm_err err = {0};
	nm_mention_init(&m, NM_MENTION_ASSET, 12, 17);
	assert_int_equal(nm_doc_add_mention(d, &m), NM_OK);
	nm_mention_init(&m, NM_MENTION_ASSET, 0, 7);
	assert_int_equal(nm_doc_add_mention(d, &m), NM_OK);
	assert_int_equal(nm_classify(cls, d, &err), NM_EINTERNAL);
	assert_int_equal(d->n_events, 0);
	nm_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sentences_news_text),
		cmocka_unit_test(sentences_abbreviation_before_opener),
		cmocka_unit_test(sentences_boundaries),
		cmocka_unit_test(sentences_cap),
		cmocka_unit_test(deleveraging_wave),
		cmocka_unit_test(deleveraging_calm),
		cmocka_unit_test(deleveraging_total_told_again),
		cmocka_unit_test(deleveraging_anaphor),
		cmocka_unit_test(deleveraging_parts_of_several_assets),
		cmocka_unit_test(deleveraging_breakdown_subject),
		cmocka_unit_test(deleveraging_one_asset),
		cmocka_unit_test(deleveraging_amount_between),
		cmocka_unit_test(deleveraging_market_across_exchanges),
		cmocka_unit_test(deleveraging_evidence_of_its_modality),
		cmocka_unit_test(deleveraging_forced_close),
		cmocka_unit_test(deleveraging_squeeze_side),
		cmocka_unit_test(deleveraging_flush_noun),
		cmocka_unit_test(deleveraging_negatives),
		cmocka_unit_test(deleveraging_source_is_no_single),
		cmocka_unit_test(deleveraging_respectively),
		cmocka_unit_test(deleveraging_list_of_figures),
		cmocka_unit_test(deleveraging_history_is_background),
		cmocka_unit_test(deleveraging_modality),
		cmocka_unit_test(modality_clause_breaks),
		cmocka_unit_test(deleveraging_glued_subheading_and_contrast),
		cmocka_unit_test(deleveraging_prose_title_is_exact),
		cmocka_unit_test(deleveraging_asset_told_before),
		cmocka_unit_test(deleveraging_asset_across_aside),
		cmocka_unit_test(deleveraging_total_of_sides),
		cmocka_unit_test(deleveraging_asset_part_of_whole),
		cmocka_unit_test(deleveraging_amount_of_a_list),
		cmocka_unit_test(rejection_reported_zone),
		cmocka_unit_test(figures_roles_and_cents),
		cmocka_unit_test(rejection_support_and_two_assets),
		cmocka_unit_test(rejection_failure_noun),
		cmocka_unit_test(rejection_support_wordings),
		cmocka_unit_test(rejection_resistance_wordings),
		cmocka_unit_test(rejection_failed_attempt),
		cmocka_unit_test(rejection_negatives),
		cmocka_unit_test(rejection_only_to_fall_back),
		cmocka_unit_test(rejection_negation_of_earlier_trigger),
		cmocka_unit_test(rejection_modality),
		cmocka_unit_test(rejection_headline_first),
		cmocka_unit_test(rejection_zone_of_two_levels),
		cmocka_unit_test(rejection_level_in_sentence_before),
		cmocka_unit_test(rejection_level_named_elsewhere),
		cmocka_unit_test(rejection_asset_not_across_heading),
		cmocka_unit_test(rejection_of_total_market_cap),
		cmocka_unit_test(rejection_headline_level_and_body_zone),
		cmocka_unit_test(rejection_months_and_wicks),
		cmocka_unit_test(past_frames),
		cmocka_unit_test(deleveraging_liquidation_led),
		cmocka_unit_test(deleveraging_unbound_sum),
		cmocka_unit_test(deleveraging_market_wordings),
		cmocka_unit_test(deleveraging_total_of_one_asset),
		cmocka_unit_test(deleveraging_figures_clause_and_currency),
		cmocka_unit_test(deleveraging_asset_heads_liquidations),
		cmocka_unit_test(deleveraging_denied),
		cmocka_unit_test(deleveraging_one_asset_story),
		cmocka_unit_test(deleveraging_forecast_beside_market_wave),
		cmocka_unit_test(deleveraging_summary_total_kept),
		cmocka_unit_test(risk_off_asset),
		cmocka_unit_test(risk_off_cases),
		cmocka_unit_test(internal_checks),
		cmocka_unit_test(confidence_threshold),
		cmocka_unit_test(confidence_from_evidence),
		cmocka_unit_test(deleveraging_past_range_and_single),
		cmocka_unit_test(rule_errors),
		cmocka_unit_test(own_rule_files),
		cmocka_unit_test(need_clauses_gate_rules),
		cmocka_unit_test(need_stems_short_and_long),
		cmocka_unit_test(sentences_glued_paragraphs),
		cmocka_unit_test(unordered_mentions_rejected),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
