/*
 * classify/events.c — step 3 of classify/: trigger hits become events.
 *
 * A trigger hit is kept when its sentence has no veto for its type, it does not come
 * after a history cue ("since the October crash ..."), and the type's own condition
 * holds (a rejection needs a price level or a price word in its sentence; a
 * deleveraging hit about a single trader needs a market-wide cue). Each kept hit gets
 * an asset and a modality; hits of one type and asset become one event whose evidence
 * is their sentences. Figures come from the mentions inside the evidence sentences.
 * A hit in a question ("Reset or Risk-Off?") never makes an event on its own.
 */
#include "classify/classify_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EVIDENCE_MAX 64             /* evidence sentences per event */
#define PREV_SENTENCES_FOR_ASSET 3 /* how far back a rejection looks for its asset */
#define MARKET_VALUE_MIN 1e10      /* a level this high is a market value, not a price */
#define LEVEL_REACH 80             /* bytes from the trigger a level is looked for */
#define CONCESSION_REACH 60       /* bytes before a trigger that "despite" governs */
#define TAG_MAX 24                /* bytes of a risk-off trigger a line may hold alone as a tag */

static bool distracted(const struct scratch *s, size_t sent, const struct nm_mention *m);
static size_t level_before(const struct scratch *s, size_t sent, const char *asset);

/* A kept trigger hit. */
struct cand {
	int type;
	size_t hit;            /* index into s->hits */
	size_t sentence;
	char asset[NM_TICKER_MAX];
	enum nm_modality modality;
	double weight;
	bool question;
	bool conceded;         /* a concession ("despite") stands within CONCESSION_REACH before it */
	bool whole_market;     /* a rejection of the total market cap (or an index of it) */
};

static const struct hit *H(const struct scratch *s, size_t k) { return &s->hits[k]; }

static bool has_veto(const struct scratch *s, size_t sent, int type)
{
	const struct hit *h;
	return cls_group_hits(s, sent, cls_group_index(G_VETO, type), &h) > 0;
}

/*
 * Does a veto of the sentence drop trigger hit h? One that covers the trigger does (the
 * word in another sense: "denied that it had liquidated client funds"); one elsewhere in
 * the sentence (a calm market) leaves a telling that says the event did not happen:
 * "Liquidations remained muted, and there was no major liquidation cascade" is a
 * negated wave.
 */
static bool vetoed(const struct scratch *s, size_t sent, int type, const struct hit *h)
{
	const struct hit *v;
	size_t nv = cls_group_hits(s, sent, cls_group_index(G_VETO, type), &v);
	if (!nv)
		return false;
	for (size_t k = 0; k < nv; k++)
		if (v[k].start < h->end && h->start < v[k].end)
			return true;
	return cls_modality(s, sent, h->start, h->end) != NM_MOD_NEGATED;
}

/* Mentions of sentence sent: [*a, *b) into s->doc->mentions (they are in text order). */
static void sent_mentions(const struct scratch *s, size_t sent, size_t *a, size_t *b)
{
	*a = s->sent_m0[sent];
	*b = s->sent_m0[sent + 1];
}

/* Does [a,b) hold the start of another clause (a semicolon, " as ", " while ", " after ",
 * ...), or with list, a list break too (a comma, " and ")? */
static bool breaks(const char *t, size_t a, size_t b, bool list)
{
	static const struct {
		const char *w;
		size_t n;
	} words[] = {{" and ", 5}, {" while ", 7}, {" versus ", 8}, {" vs", 3}, {" compared ", 10},
		     {" amid ", 6}, {" as ", 4}, {" after ", 7}, {" despite ", 9}, {" before ", 8},
		     {" but ", 5}};
	for (size_t i = a; i < b; i++) {
		if (t[i] == ';' || (list && t[i] == ','))
			return true;
		if (t[i] != ' ')
			continue;
		for (size_t k = list ? 0 : 1; k < sizeof(words) / sizeof(words[0]); k++)
			if (i + words[k].n <= b && !nm_strncasecmp(t + i, words[k].w, words[k].n))
				return true;
	}
	return false;
}

/* Does [a,b) hold a list break: a comma, " and ", or another clause? */
static bool list_break(const char *t, size_t a, size_t b)
{
	return breaks(t, a, b, true);
}

/*
 * Is asset mention i one of a list of different assets ("Solana, XRP and Dogecoin",
 * "BTC & ETH", "Bitcoin (BTC) and Ether")? A figure told of such a list is the group's,
 * never its nearest member's. Mentions a..b are the sentence's.
 */
static bool list_glue(const char *t, size_t i, size_t e)
{
	while (i < e) {
		if (t[i] == ' ' || t[i] == ',' || t[i] == '&' || t[i] == '(' || t[i] == ')') {
			i++;
			continue;
		}
		size_t w = !nm_strncasecmp(t + i, "and", 3) ? 3 : !nm_strncasecmp(t + i, "or", 2) ? 2 : 0;
		if (!w || i + w > e || (i + w < e && nm_isalpha((unsigned char)t[i + w])))
			return false;
		i += w;
	}
	return true;
}

static bool in_asset_list(const struct nm_doc *doc, size_t a, size_t b, size_t i)
{
	const struct nm_mention *m = &doc->mentions[i];
	for (size_t j = i; j-- > a;)
		if (doc->mentions[j].kind == NM_MENTION_ASSET && doc->mentions[j].asset[0]) {
			if (strcmp(doc->mentions[j].asset, m->asset) &&
			    list_glue(doc->text, doc->mentions[j].span.end, m->span.start))
				return true;
			break;
		}
	for (size_t j = i + 1; j < b; j++)
		if (doc->mentions[j].kind == NM_MENTION_ASSET && doc->mentions[j].asset[0])
			return strcmp(doc->mentions[j].asset, m->asset) &&
			       list_glue(doc->text, m->span.end, doc->mentions[j].span.start);
	return false;
}

/* Liquidation amounts are sums of at least a million dollars ("$90,000" is a price). */
#define AMOUNT_MIN 1e6
#define AMOUNT_MAX 1e11 /* the largest waves were tens of billions; trillions are market value */
static bool is_amount(const struct nm_mention *m)
{
	return m->kind == NM_MENTION_MONEY && !isnan(m->value) && m->value >= AMOUNT_MIN &&
	       m->value <= AMOUNT_MAX;
}

/* The figures are dollars: a sum in another currency or in coins tells whose wave it is,
 * but is no dollar figure ("39 billion yuan (approximately $5.7 billion)" is $5.7
 * billion; "132 million DOGE was liquidated" is no $132 million). */
static bool in_dollars(const struct nm_mention *m)
{
	return !m->currency[0] || !strcmp(m->currency, "USD");
}

/* A price in dollars: "the 20-cent mark" is $0.20 (the mention counts cents). */
static double dollars(const struct nm_mention *m, double v)
{
	return !strcmp(m->currency, "cent") ? v / 100 : v;
}

/* (ten million dollars a coin is no coin's price: a larger "price" bound to a coin is a
 * sum, "$3 Billion in Solana Reached as SOL Price Defends Key Support"; unbound or the
 * market's, it is the market's value, which the market cap is rejected at) */
#define COIN_PRICE_MAX 1e7
static bool is_level(const struct nm_mention *m)
{
	if (m->kind == NM_MENTION_PRICE && !isnan(m->value) && m->value >= COIN_PRICE_MAX)
		return !m->asset[0] || !strcmp(m->asset, "TOTAL");
	return m->kind == NM_MENTION_PRICE || m->kind == NM_MENTION_PRICE_RANGE ||
	       (m->kind == NM_MENTION_MONEY && !isnan(m->value) && m->value < COIN_PRICE_MAX);
}

static size_t dist(size_t a0, size_t a1, size_t b0, size_t b1)
{
	if (a1 <= b0)
		return b0 - a1;
	if (b1 <= a0)
		return a0 - b1;
	return 0;
}

/* The asset mention nearest the span inside the sentence (before it first), or "" . */
/* Is asset mention n the currency a level of mentions [a, b) is written in? */
static bool quote_of_level(const struct nm_doc *doc, size_t a, size_t b, const struct nm_mention *n)
{
	for (size_t i = a; i < b; i++) {
		const struct nm_mention *m = &doc->mentions[i];
		if (m != n && is_level(m) && m->span.start <= n->span.start && n->span.end <= m->span.end)
			return true;
	}
	return false;
}

static const char *near_asset(const struct scratch *s, size_t sent, size_t ts, size_t te,
			      bool before_only)
{
	const struct nm_doc *doc = s->doc;
	size_t a, b, best = SIZE_MAX;
	const char *asset = "";

	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b; i++) {
		const struct nm_mention *m = &doc->mentions[i];
		size_t d;
		if (m->kind != NM_MENTION_ASSET || !m->asset[0])
			continue;
		/* the quote currency of a pair ("BTC/USDT") or of a level ("4,100-4,200
		 * USDT") is not what is traded */
		if ((m->span.start > 0 && doc->text[m->span.start - 1] == '/') || quote_of_level(doc, a, b, m))
			continue;
		if (before_only && m->span.start >= ts)
			continue;
		d = dist(m->span.start, m->span.end, ts, te);
		if (m->span.start >= te)
			d += 40; /* an asset after the trigger is a weaker subject */
		if (d < best) {
			best = d;
			asset = m->asset;
		}
	}
	return asset;
}

/* The asset the article is about: the first asset of the first sentences. */
static const char *main_asset(const struct scratch *s)
{
	const struct nm_doc *doc = s->doc;
	for (size_t i = 0; i < doc->n_mentions; i++)
		if (doc->mentions[i].kind == NM_MENTION_ASSET && doc->mentions[i].asset[0])
			return doc->mentions[i].asset;
	return "";
}

#define HEADLINE_ZONE 4 /* the first sentences, where headings are the article's title */

/* Does sentence sent name an asset? */
static bool any_asset(const struct scratch *s, size_t sent)
{
	size_t a, b;
	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b; i++)
		if (s->doc->mentions[i].kind == NM_MENTION_ASSET && s->doc->mentions[i].asset[0])
			return true;
	return false;
}

/* The one asset sentence sent names, or "" when it names none or several. */
static const char *sole_asset(const struct scratch *s, size_t sent)
{
	const char *one = "";
	size_t a, b;
	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b; i++) {
		const struct nm_mention *m = &s->doc->mentions[i];
		if (m->kind != NM_MENTION_ASSET || !m->asset[0])
			continue;
		if (one[0] && strcmp(one, m->asset))
			return "";
		one = m->asset;
	}
	return one;
}

/* The one asset the headline (first sentence) names, or "" when it names none or several. */
static const char *headline_asset(const struct scratch *s)
{
	const struct nm_doc *doc = s->doc;
	size_t h = 0;
	/* (the headline: the first sentence, or the first of the headline lines that names
	 * an asset when a page's labels come before it: "Image default / Featured ... /
	 * Dogecoin hits the $0.26 wall ...") */
	while (h + 1 < doc->n_sentences && h + 1 < HEADLINE_ZONE &&
	       (cls_sent_flags(s, h) & (SF_HEADING | SF_HEADLINE)) && !any_asset(s, h))
		h++;
	if (!doc->n_sentences ||
	    cls_cue_in(s, h, CUE_MARKET, doc->sentences[h].start, doc->sentences[h].end))
		return "";
	return sole_asset(s, h);
}

/* The price level (or zone) mention nearest the trigger in the sentence, or SIZE_MAX. */
static size_t level_near(const struct scratch *s, size_t sent, size_t ts, size_t te)
{
	const struct nm_doc *doc = s->doc;
	size_t a, b, best = SIZE_MAX, bestd = SIZE_MAX;

	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b; i++) {
		const struct nm_mention *m = &doc->mentions[i];
		size_t d;
		if (!is_level(m))
			continue;
		/* "rejected ..., sending prices below $94,000": a destination, not the level */
		if (m->span.start >= te && cls_cue_in(s, sent, CUE_DESTINATION, te, m->span.start))
			continue;
		d = dist(m->span.start, m->span.end, ts, te);
		if (m->span.end <= ts)
			d += d / 2 + 4; /* "rejected at $X" reads the level after the trigger */
		if (d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return best;
}

/* Does a level after te in sentence sent read as where the price went ("pushed it to
 * $65,000")? */
static bool destination_after(const struct scratch *s, size_t sent, size_t te)
{
	size_t a, b;
	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b; i++) {
		const struct nm_mention *m = &s->doc->mentions[i];
		if (is_level(m) && m->span.start >= te && cls_cue_in(s, sent, CUE_DESTINATION, te, m->span.start))
			return true;
	}
	return false;
}

/* An index of the whole market (the lexicon's TOTAL) is the market: no asset. */
static const char *not_index(const char *asset)
{
	return !strcmp(asset, "TOTAL") ? "" : asset;
}

static const char *rejection_asset(const struct scratch *s, size_t sent, const struct hit *h,
				   size_t level, bool *whole_market)
{
	const struct nm_doc *doc = s->doc;
	const char *a;

	*whole_market = true;
	if (cls_cue_in(s, sent, CUE_MARKET_CAP, doc->sentences[sent].start, doc->sentences[sent].end))
		return "";
	*whole_market = false;
	if (level != SIZE_MAX && doc->mentions[level].asset[0]) {
		*whole_market = !*not_index(doc->mentions[level].asset);
		return not_index(doc->mentions[level].asset);
	}
	if (*(a = near_asset(s, sent, h->start, h->end, false)))
		return not_index(a);
	/* a level of tens of billions is no coin's price but a market value: with no asset
	 * named, the whole market's ("the $1.95-trillion capitalization resistance") */
	if (level != SIZE_MAX && dollars(&doc->mentions[level], doc->mentions[level].value) >= MARKET_VALUE_MIN) {
		*whole_market = true;
		return "";
	}
	for (size_t k = 1; k <= PREV_SENTENCES_FOR_ASSET && k <= sent; k++) {
		struct nm_span p = doc->sentences[sent - k];
		if (*(a = near_asset(s, sent - k, p.end, p.end, true)))
			return not_index(a);
		/* a heading opens a section: what came before it is another subject */
		if (cls_sent_flags(s, sent - k) & (SF_HEADING | SF_HEADLINE))
			break;
	}
	return not_index(main_asset(s));
}

/*
 * Market-wide or one asset? A market cue, amounts of several assets, or an unbound
 * amount beside a bound one make the market; one asset named (in an amount or alone)
 * makes that asset's wave; nothing named leaves it open (UNKNOWN_ASSET), decided per
 * article in cls_events().
 */
#define UNKNOWN_ASSET "?"
#define BIND_REACH 40   /* bytes between an amount and its asset's name */
#define MARKET_REACH 48 /* bytes around an amount where a market cue makes it the total */

/* Does a market cue stand within MARKET_REACH of amount m ("$2B in liquidations across
 * the sector")? */
static bool market_cue_near(const struct scratch *s, size_t sent, const struct nm_mention *m)
{
	struct nm_span sp = s->doc->sentences[sent];
	size_t from = m->span.start > sp.start + MARKET_REACH ? m->span.start - MARKET_REACH : sp.start;
	size_t to = m->span.end + MARKET_REACH < sp.end ? m->span.end + MARKET_REACH : sp.end;
	return cls_cue_in(s, sent, CUE_MARKET, from, to);
}

/* The amount's asset when its name stands within reach (binding across a clause, as in
 * "Bitcoin fell ..., sparking $450M in liquidations", is not trusted), else "". */
/* Where an aside right after a name closes: ", which makes up 61% of the market," or
 * ", the second-largest coin," (a relative clause or an appositive, up to the next
 * comma before to); else from. */
static size_t past_aside(const char *t, size_t from, size_t to)
{
	static const char *const openers[] = {"which ", "who ", "whose ", "the ", "a ", "an ",
					      "its ", "now ", "still ", NULL};
	if (to - from < 4 || t[from] != ',' || t[from + 1] != ' ')
		return from;
	for (int k = 0; openers[k]; k++) {
		size_t l = strlen(openers[k]);
		if (from + 2 + l < to && !nm_strncasecmp(t + from + 2, openers[k], l)) {
			const char *c = memchr(t + from + 2, ',', to - from - 2);
			return c ? (size_t)(c - t) + 1 : from;
		}
	}
	return from;
}

/* Does [a,b) hold a comma and a conjunction that start another clause (", and", ", but")? */
static bool joined_clause(const char *t, size_t a, size_t b)
{
	return memmem(t + a, b - a, ", and ", 6) || memmem(t + a, b - a, ", but ", 6) ||
	       memmem(t + a, b - a, ", while ", 8);
}

/*
 * Does sentence sp open with a lead clause ("As ...", "When ...") that holds byte a and
 * ends with a comma before b? "As Bitcoin dropped below $28,000, trades worth $144
 * million were liquidated": the asset is the lead clause's subject, not the amount's.
 */
static bool lead_clause_between(const char *t, struct nm_span sp, size_t a, size_t b)
{
	static const char *const leads[] = {"as ", "when ", "while ", "after ", "once ", "since ",
					    "with ", "although ", "though ", "because ", NULL};
	size_t k = 0;
	while (leads[k] && nm_strncasecmp(t + sp.start, leads[k], strlen(leads[k])))
		k++;
	if (!leads[k])
		return false;
	const char *c = memchr(t + a, ',', b - a);
	return c && !memchr(t + sp.start, ',', a - sp.start);
}

/* Does asset mention n head the liquidations its sentence tells ("Ethereum liquidations
 * accounted for 32% of the total, reaching $105M")? Then an amount the mention layer
 * bound to it, however far in its clause, is the asset's. */
static bool heads_liquidations(const struct scratch *s, size_t sent, const struct nm_mention *n)
{
	int tg = cls_group_index(G_TRIGGER, EV_DELEVERAGING);
	if (s->doc->text[n->span.end] != ' ')
		return false;
	for (size_t k = s->sent_hit0[sent]; k < s->sent_hit0[sent + 1]; k++)
		if (H(s, k)->group == tg && H(s, k)->start == n->span.end + 1)
			return true;
	return false;
}

/* Is there one sum among mentions [a, b) after asset mention n (not a move "from $76.5M
 * to $805M", whose ends are no asset's own)? */
static bool sole_amount_after(const struct nm_doc *doc, size_t a, size_t b, const struct nm_mention *n)
{
	size_t k = 0;
	for (size_t i = a; i < b; i++)
		k += doc->mentions[i].span.start >= n->span.end && is_amount(&doc->mentions[i]);
	return k == 1;
}

static const char *close_asset(const struct scratch *s, size_t sent, const struct nm_mention *m)
{
	const struct nm_doc *doc = s->doc;
	size_t a, b;
	if (!m->asset[0])
		return "";
	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b; i++) {
		const struct nm_mention *n = &doc->mentions[i];
		size_t from;
		if (n->kind != NM_MENTION_ASSET || strcmp(n->asset, m->asset))
			continue;
		/* (not across a clause joined by a comma: "ETH plunged 8%, and over $400M in
		 * positions were liquidated") */
		if (dist(n->span.start, n->span.end, m->span.start, m->span.end) <= BIND_REACH &&
		    !(n->span.end <= m->span.start &&
		      (joined_clause(doc->text, n->span.end, m->span.start) ||
		       lead_clause_between(doc->text, doc->sentences[sent], n->span.end, m->span.start))))
			return m->asset;
		/* the name, an aside about it, then the amount: "Bitcoin, which ..., saw $62M" */
		if (n->span.end <= m->span.start &&
		    (from = past_aside(doc->text, n->span.end, m->span.start)) > n->span.end &&
		    m->span.start - from <= BIND_REACH)
			return m->asset;
		if (n->span.end <= m->span.start && heads_liquidations(s, sent, n) &&
		    sole_amount_after(doc, a, b, n) && !joined_clause(doc->text, n->span.end, m->span.start) &&
		    !lead_clause_between(doc->text, doc->sentences[sent], n->span.end, m->span.start))
			return m->asset;
	}
	return "";
}

/* "$86M in long liquidations on the token": the asset named again, in the amount's clause
 * within ANAPHOR_REACH bytes after it (cue class anaphor) */
#define ANAPHOR_REACH 48
static bool anaphor_after(const struct scratch *s, size_t sent, const struct nm_mention *m)
{
	const char *t = s->doc->text;
	size_t to = m->span.end + ANAPHOR_REACH, end = s->doc->sentences[sent].end;
	size_t a = cls_cue_first(s, sent, CUE_ANAPHOR, m->span.end, to < end ? to : end);
	return a != SIZE_MAX && !memchr(t + m->span.end, ',', a - m->span.end) &&
	       !memchr(t + m->span.end, ';', a - m->span.end);
}

/* Did the mention layer pair amount m with its asset by "respectively" ("Bitcoin and
 * Ether saw $117M and $180M respectively", extract/mentions.c, pair_respectively)? The
 * pairs hold however far apart the lists are. */
static bool paired_respectively(const struct nm_doc *doc, size_t sent, const struct nm_mention *m)
{
	struct nm_span sp = doc->sentences[sent];
	return m->asset[0] && memmem(doc->text + m->span.end, sp.end - m->span.end, "respectively", 12);
}

/* breaks() in the gap between asset mention n and amount m, whichever comes first. */
static bool broken_between(const char *t, const struct nm_mention *n, const struct nm_mention *m, bool list)
{
	size_t g0 = n->span.end <= m->span.start ? n->span.end : m->span.end;
	size_t g1 = n->span.end <= m->span.start ? m->span.start : n->span.start;
	return breaks(t, g0, g1 > g0 ? g1 : g0, list);
}

/*
 * The asset an amount is about: the nearest asset name within reach with no list break
 * between them ("$286M in Bitcoin longs and $114M in Ethereum longs"), else the
 * mention's own binding when its name is within reach. NULL when that name is one of a
 * list of assets: the amount is the group's.
 */
static const char *bind_amount(const struct scratch *s, size_t sent, const struct nm_mention *m)
{
	const struct nm_doc *doc = s->doc;
	size_t a, b, best = BIND_REACH + 1, at = SIZE_MAX;
	const char *asset = NULL;
	if (paired_respectively(doc, sent, m) || (m->asset[0] && anaphor_after(s, sent, m)))
		return m->asset;
	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b; i++) {
		const struct nm_mention *n = &doc->mentions[i];
		size_t d;
		if (n->kind != NM_MENTION_ASSET || !n->asset[0] || !not_index(n->asset)[0] ||
		    (n->span.start > 0 && doc->text[n->span.start - 1] == '/'))
			continue;
		d = dist(n->span.start, n->span.end, m->span.start, m->span.end);
		if (d < best && !broken_between(doc->text, n, m, true)) {
			best = d;
			asset = n->asset;
			at = i;
		}
	}
	if (asset && in_asset_list(doc, a, b, at))
		return NULL;
	return asset ? asset : not_index(close_asset(s, sent, m));
}

/* Where a clause of consequence or circumstance begins in [a,b) (", triggering", ",
 * sparking", " amid", ...), or SIZE_MAX. */
static size_t side_clause_at(const char *t, size_t a, size_t b)
{
	static const char *const words[] = {"triggering ", "sparking ", "causing ", "prompting ",
					    "leading to ", "forcing ", "fueling ", "fuelling ", NULL};
	const char *amid = memmem(t + a, b - a, " amid ", 6);
	for (const char *p = t + a; (p = memchr(p, ',', (size_t)(t + b - p))) != NULL; p++) {
		const char *w = p + 1;
		while (w < t + b && *w == ' ')
			w++;
		for (int k = 0; words[k]; k++)
			if ((size_t)(t + b - w) >= strlen(words[k]) && !nm_strncasecmp(w, words[k], strlen(words[k])))
				return (size_t)((amid && amid < p ? amid : p) - t);
	}
	return amid ? (size_t)(amid - t) : SIZE_MAX;
}

/*
 * A market cue on the trigger's side of a clause of consequence or circumstance in
 * [sp.start, end): not one of the cause or the setting ("a wave of market-wide risk
 * aversion sent SOL down 5%, triggering the liquidations"; "a whale is narrowly avoiding
 * liquidation amid choppy crypto markets").
 */
static bool market_cue_of(const struct scratch *s, size_t sent, const struct hit *h, size_t end)
{
	struct nm_span sp = s->doc->sentences[sent];
	size_t c, from = sp.start, to = end;
	if (!cls_cue_in(s, sent, CUE_MARKET, from, to))
		return false; /* the common case: no market cue at all */
	if ((c = side_clause_at(s->doc->text, sp.start, end)) != SIZE_MAX)
		*(h->start >= c ? &from : &to) = c;
	return cls_cue_in(s, sent, CUE_MARKET, from, to);
}

/* Where sentence sent's own news ends: at its first history cue ("..., the largest since
 * the October crash"), whose background part does not count, else at its end. */
static size_t news_end(const struct scratch *s, size_t sent)
{
	struct nm_span sp = s->doc->sentences[sent];
	size_t hist = cls_cue_first(s, sent, CUE_HISTORY, sp.start, sp.end);
	return hist != SIZE_MAX ? hist : sp.end;
}

static double largest_amount_of(const struct scratch *s, const char *asset, size_t except);

static const char *deleveraging_asset(const struct scratch *s, size_t sent, const struct hit *h,
				      bool forecast)
{
	const struct nm_doc *doc = s->doc;
	size_t a, b, end = news_end(s, sent);
	const char *one = NULL, *named = NULL;
	bool unbound = false, several_named = false;
	double unbound_max = 0;

	if (market_cue_of(s, sent, h, end))
		return "";
	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b; i++) {
		const struct nm_mention *m = &doc->mentions[i];
		const char *ma;
		if (m->span.start >= end)
			break;
		if (m->kind == NM_MENTION_ASSET && m->asset[0]) {
			several_named |= named && strcmp(named, m->asset);
			named = m->asset;
			continue;
		}
		if (!is_amount(m) || distracted(s, sent, m))
			continue;
		if (!(ma = bind_amount(s, sent, m)))
			return ""; /* a list of assets' amount: not one asset's wave */
		if (!*ma) {
			/* a total comes first ("$400M liquidated, BTC $117M"); an unbound
			 * amount after a bound one is its other side ("... compared to $5.5M") */
			unbound |= !one;
			if (m->value > unbound_max)
				unbound_max = m->value;
			continue;
		}
		if (one && strcmp(one, ma))
			return ""; /* several assets' amounts: the market */
		one = ma;
	}
	if (one)
		return unbound ? "" : one;
	if (unbound && !named)
		return UNKNOWN_ASSET;
	/* an amount not tied to the one asset named: foretold at a price, it is read off
	 * that asset's liquidation map ("The Ethereum market faces a crisis as over $500
	 * million in longs could be liquidated if ..."); told as news, it is the market's
	 * when the asset is bitcoin or ether, whose moves set off the whole market's
	 * liquidations ("Bitcoin fell, sparking $450M in liquidations", "ETH plunged 8%,
	 * and over $400M in derivatives positions were liquidated"), or when it outgrows
	 * the asset's own amounts, and otherwise it is the coin's own wave ("nearly $20M of
	 * longs were liquidated, sparked by a sudden crash in the price of SOL") */
	if (unbound) {
		double own;
		if (several_named)
			return "";
		if (forecast)
			return named;
		if (!strcmp(named, "BTC") || !strcmp(named, "ETH"))
			return "";
		own = largest_amount_of(s, named, SIZE_MAX);
		return own > 0 && unbound_max > own ? "" : named;
	}
	if (named)
		return several_named ? "" : named;
	return UNKNOWN_ASSET;
}

/* The largest amount bound to asset in the document's sentences but mention except,
 * flows and market values aside (they are no share of a wave); 0 when there is none. */
static double largest_amount_of(const struct scratch *s, const char *asset, size_t except)
{
	const struct nm_doc *doc = s->doc;
	double best = 0;
	for (size_t j = 0; j < doc->n_sentences; j++) {
		size_t a, b;
		sent_mentions(s, j, &a, &b);
		for (size_t k = a; k < b; k++) {
			const struct nm_mention *n = &doc->mentions[k];
			if (k != except && is_amount(n) && !strcmp(n->asset, asset) && n->value > best &&
			    !distracted(s, j, n))
				best = n->value;
		}
	}
	return best;
}

/*
 * Is a market-wide telling of deleveraging only a weak sign of the market, in an article
 * whose asset-level tellings all name one asset? So when its sentence names no other
 * asset and tells no amount but ones that asset's amounts repeat or hold: "This crypto
 * liquidation event ..." in a story about Ether shorts, or "Dogecoin rallied after a
 * wave of short liquidations erased $1.57 million" beside "$1.57 million in Dogecoin
 * short positions", or a part of that amount ("That move accounted for $63 million",
 * of LUNA's $106 million). A total of its own ("sparking $450M in liquidations"), an amount
 * beside a market cue ("$2B in liquidations across the sector") or another asset keeps
 * the market.
 */
static bool weak_market_telling(const struct scratch *s, const struct cand *c, const char *only)
{
	const struct nm_doc *doc = s->doc;
	size_t end = news_end(s, c->sentence), a, b;
	int named_market = -1; /* market_cue_of(), asked once when an amount needs it */
	sent_mentions(s, c->sentence, &a, &b);
	for (size_t i = a; i < b && doc->mentions[i].span.start < end; i++) {
		const struct nm_mention *m = &doc->mentions[i];
		if (m->kind == NM_MENTION_ASSET && m->asset[0] && not_index(m->asset)[0] &&
		    strcmp(m->asset, only))
			return false;
		if (!is_amount(m) || distracted(s, c->sentence, m))
			continue;
		/* (an amount in a sentence the market is named in is its total: "89,151 traders
		 * were liquidated, a total loss of $266.10 million") */
		if (named_market < 0)
			named_market = market_cue_of(s, c->sentence, H(s, c->hit), end);
		if (named_market || market_cue_near(s, c->sentence, m))
			return false;
		/* (or a part of it: a total of the market is at least the one asset's share) */
		if (m->value > largest_amount_of(s, only, i) * 1.005)
			return false;
	}
	return true;
}

/* Does the sentence of open telling c hold an amount bound to no asset and larger than
 * every amount of asset (before any history)? */
static bool tells_larger_total(const struct scratch *s, const struct cand *c, const char *asset)
{
	const struct nm_doc *doc = s->doc;
	size_t end = news_end(s, c->sentence), a, b;
	double own = -1;
	sent_mentions(s, c->sentence, &a, &b);
	for (size_t i = a; i < b && doc->mentions[i].span.start < end; i++) {
		const struct nm_mention *m = &doc->mentions[i];
		if (!is_amount(m) || m->asset[0] || distracted(s, c->sentence, m))
			continue;
		if (own < 0)
			own = largest_amount_of(s, asset, SIZE_MAX);
		if (own > 0 && m->value > own * 1.005)
			return true;
	}
	return false;
}

/* The month (0-11) the word at p names ("Oct.", "October"; not "market"), or -1. */
static int month_of(const char *p)
{
	size_t n = 0;
	while (nm_isalpha((unsigned char)p[n]))
		n++;
	return nm_month_of(p, n + (p[n] == '.')) - 1;
}
/*
 * Does the sentence date itself in a past period? "in 2021" does; a range of dates
 * ("between Jan. 19 and March 11", "from mid-Oct to late Nov") does when it spans more
 * than a week — a range of a few days is the period the article covers ("between March
 * 28 and March 29"). A range of months without days counts a month for each. A date after
 * the history cue at hist dates the history, not the sentence.
 */
#define PAST_SPAN_DAYS 7
/* Does [a, b) of t hold one of the phrases (NULL-ended, matched in any case)? */
static bool holds_phrase(const char *t, size_t a, size_t b, const char *const *phrases)
{
	for (size_t i = a; i < b; i++)
		for (int k = 0; phrases[k]; k++)
			if (t[i] == phrases[k][0] && i + strlen(phrases[k]) <= b &&
			    !nm_strncasecmp(t + i, phrases[k], strlen(phrases[k])))
				return true;
	return false;
}

/* Does [a, b) open a relative clause or an aside: ", which", ", when", ", where", "("? */
static bool aside_between(const char *t, size_t a, size_t b)
{
	static const char *const opens[] = {", which ", ", when ", ", where ", ", a level ", " (", NULL};
	return holds_phrase(t, a, b, opens);
}

/* Does [a, b) compare with another time: "up from $300M in 2024", "higher than in 2021"? */
static bool comparison_between(const char *t, size_t a, size_t b)
{
	static const char *const words[] = {" up from ", " down from ", " than ", " compared ",
					    " versus ", " vs", NULL};
	return holds_phrase(t, a, b, words);
}

static bool has_digit(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (nm_isdigit((unsigned char)p[i]))
			return true;
	return false;
}

/* Is the month named in [p, p + n) ("in February") two to eight months before the
 * article's date? False when the date is not known. */
#define MONTH_GONE_MIN 2
#define MONTH_GONE_MAX 8
static bool month_gone(const struct nm_doc *doc, const char *p, size_t n)
{
	int mo = -1, pub;
	if (!doc->published || strlen(doc->published) < 7 || !nm_isdigit((unsigned char)doc->published[5]))
		return false;
	pub = (doc->published[5] - '0') * 10 + (doc->published[6] - '0') - 1;
	for (size_t i = 0; i < n && mo < 0; i++)
		if (nm_isalpha((unsigned char)p[i]) && (i == 0 || !nm_isalpha((unsigned char)p[i - 1])))
			mo = month_of(p + i);
	if (mo < 0 || pub < 0 || pub > 11)
		return false;
	int ago = (pub - mo + 12) % 12;
	return ago >= MONTH_GONE_MIN && ago <= MONTH_GONE_MAX;
}

/* Is the day of a year written in [p, p + n) ("October 10, 2025") DAY_GONE_DAYS or more
 * before the article's date? False when either is not known. */
#define DAY_GONE_DAYS 14
static bool day_gone(const struct nm_doc *doc, const char *p, size_t n)
{
	char day[40];
	int64_t t, pub;
	bool has_time;
	if (!doc->published || n >= sizeof(day))
		return false;
	memcpy(day, p, n);
	day[n] = '\0';
	if (nm_time_parse(day, &t, &has_time) || nm_time_parse(doc->published, &pub, &has_time))
		return false;
	return pub - t >= (int64_t)DAY_GONE_DAYS * 86400;
}

/* Does past cue h (not a span "between ... and ...") date a past? A month named alone
 * does when it is gone (month_gone), a day of a year when it is (day_gone), "last week"
 * unless the article covers a week (s->weekly), the others always. */
static bool dates_past(const struct scratch *s, const struct hit *h)
{
	const struct nm_doc *doc = s->doc;
	const char *p = doc->text + h->start;
	size_t n = h->end - h->start;
	int numbers = 0;
	if (s->weekly && !nm_strncasecmp(p, "last week", 9) && (n == 9 || !nm_isalpha((unsigned char)p[9])))
		return false;
	if (!nm_strncasecmp(p, "in", 2))
		return has_digit(p, n) || month_gone(doc, p, n);
	if (!nm_strncasecmp(p, "during", 6))
		return true;
	/* "October 10, 2025", "10 October 2025": a day and a year */
	for (size_t i = 0; i < n; i++)
		numbers += nm_isdigit((unsigned char)p[i]) && (i == 0 || !nm_isdigit((unsigned char)p[i - 1]));
	return numbers < 2 || day_gone(doc, p, n);
}

static bool past_period(const struct scratch *s, size_t sent, size_t hist, size_t te)
{
	const struct hit *hits, *hh;
	size_t nh = cls_group_hits(s, sent, cls_group_index(G_CUE, CUE_PAST), &hits);
	/* where the history cue ends: a date inside it ("back in May 2021") is its own */
	size_t hist_end = hist;
	if (hist != SIZE_MAX && cls_group_hits(s, sent, cls_group_index(G_CUE, CUE_HISTORY), &hh))
		hist_end = hh->end;
	for (size_t k = 0; k < nh; k++) {
		const struct hit *h = &hits[k];
		if (h->start > hist && h->start >= hist_end)
			break; /* it dates the history: "not seen since the FTX collapse in November 2022" */
		/* it dates a comparison after the trigger: "up from $300M in 2024" */
		if (h->start >= te && comparison_between(s->doc->text, te, h->start))
			continue;
		/* it dates an aside: "defend the $4,000 level, which rejected the price twice
		 * in 2024" */
		if (h->start >= te && aside_between(s->doc->text, te, h->start))
			continue;
		const char *t = s->doc->text;
		int mo[2], day[2], found = 0;
		size_t skip;
		if (!nm_strncasecmp(t + h->start, "between", 7))
			skip = 7;
		else if (!nm_strncasecmp(t + h->start, "from", 4))
			skip = 4;
		else
			return dates_past(s, h);
		for (size_t i = h->start + skip; i < h->end && found < 2; i++) {
			if (nm_isalpha((unsigned char)t[i]) && !nm_isalpha((unsigned char)t[i - 1]) &&
			    (mo[found] = month_of(t + i)) >= 0) {
				while (i < h->end && nm_isalpha((unsigned char)t[i]))
					i++;
				while (i < h->end && (t[i] == '.' || t[i] == ' '))
					i++;
				day[found] = 0;
				while (i < h->end && nm_isdigit((unsigned char)t[i]))
					day[found] = day[found] * 10 + (t[i++] - '0');
				found++;
			}
		}
		if (found == 2 && (!day[0] || !day[1]))
			day[0] = day[1] = 15; /* months only: a month each */
		if (found == 2 && ((mo[1] - mo[0] + 12) % 12) * 30 + day[1] - day[0] > PAST_SPAN_DAYS)
			return true;
	}
	return false;
}

/*
 * Past frames. A paragraph that opens with a dated past before its first comma ("In the
 * first week of February 2018, ...", "A year ago today, ...") tells that past in its
 * other sentences too ("It was rejected at $11,700 later that month"); a heading that
 * dates its section before the article's year (its published date's, else the latest
 * year it names: "From the archive: February 2021") frames the section. A day of the sentence's own (CUE_DAY: "today",
 * "on Monday") takes it out of the frame.
 */
#define FRAME_SENTENCES_MAX 40 /* how far back a sentence looks for its paragraph or heading */
#define OPENER_REACH 80        /* bytes from a paragraph's start where its date may stand */

/* Does a line break stand between sentences i - 1 and i? */
static bool paragraph_starts(const struct nm_doc *doc, size_t i)
{
	return i == 0 || memchr(doc->text + doc->sentences[i - 1].end, '\n',
				doc->sentences[i].start - doc->sentences[i - 1].end) != NULL;
}

/* The years 1990-2099 written in [a, b): the latest, or 0. With first, the first. */
static int year_in(const char *t, size_t a, size_t b, bool first)
{
	int best = 0;
	for (size_t i = a; i + 4 <= b; i++) {
		int y = nm_year_at(t, a, i, b);
		if (y && first)
			return y;
		if (y > best)
			best = y;
	}
	return best;
}

/* May [a, b) hold a date: a digit, or a word a past cue starts with ("ago", "back",
 * "during", a month)? Most openers hold none, and then their cues are not worked out. */
static bool maybe_dated(const char *t, size_t a, size_t b)
{
	if (year_in(t, a, b, true))
		return true;
	for (size_t i = a; i < b; i++)
		if (nm_isalpha((unsigned char)t[i]) && (i == a || !nm_isalpha((unsigned char)t[i - 1])) &&
		    (month_of(t + i) >= 0 || !nm_strncasecmp(t + i, "ago", 3) ||
		     !nm_strncasecmp(t + i, "back", 4) || !nm_strncasecmp(t + i, "last", 4)))
			return true;
	return false;
}

/* Does sentence i open with a dated past, before its first comma? */
static bool opens_in_past(const struct scratch *s, size_t i)
{
	struct nm_span sp = s->doc->sentences[i];
	const char *comma = memchr(s->doc->text + sp.start, ',', sp.end - sp.start);
	size_t to = comma ? (size_t)(comma - s->doc->text) : sp.end;
	const struct hit *hits;
	size_t nh;
	if (to - sp.start > OPENER_REACH || !maybe_dated(s->doc->text, sp.start, to))
		return false;
	nh = cls_group_hits(s, i, cls_group_index(G_CUE, CUE_PAST), &hits);
	for (size_t k = 0; k < nh && hits[k].start < to; k++)
		if (dates_past(s, &hits[k]))
			return true;
	return false;
}


static bool framed(const struct scratch *s, size_t sent);

/* in_past_frame(), worked out once a sentence (several triggers may ask) */
static bool in_past_frame(const struct scratch *s, size_t sent)
{
	unsigned f = cls_sent_flags(s, sent);
	if (!(f & SF_FRAME_KNOWN))
		s->sent_flags[sent] |= (unsigned char)(SF_FRAME_KNOWN | (framed(s, sent) ? SF_FRAMED : 0));
	return s->sent_flags[sent] & SF_FRAMED;
}

static bool framed(const struct scratch *s, size_t sent)
{
	const struct nm_doc *doc = s->doc;
	struct nm_span sp = doc->sentences[sent];
	bool para = true, in_frame = false; /* still in sent's paragraph; a frame found */

	for (size_t k = 0; k < FRAME_SENTENCES_MAX && k <= sent && !in_frame; k++) {
		size_t i = sent - k;
		bool starts = paragraph_starts(doc, i);
		/* a heading stands on a line of its own */
		if (starts && (cls_sent_flags(s, i) & (SF_HEADING | SF_HEADLINE))) {
			int y;
			if (i == sent || (cls_sent_flags(s, i) & SF_HEADLINE))
				return false;
			y = year_in(doc->text, doc->sentences[i].start, doc->sentences[i].end, true);
			if (!y)
				return false;
			/* the article's date, else the latest year it names */
			if (!*s->latest_year)
				*s->latest_year = doc->published ? year_in(doc->published, 0, strlen(doc->published), true)
								 : year_in(doc->text, 0, doc->text_len, false);
			in_frame = y < *s->latest_year;
			break;
		}
		if (starts) {
			if (para && i < sent && opens_in_past(s, i))
				in_frame = true;
			para = false;
		}
	}
	/* a day of its own takes the sentence out */
	return in_frame && !cls_cue_in(s, sent, CUE_DAY, sp.start, sp.end);
}

/* Where the question of a sentence ending in "?" begins: after the last colon or dash
 * that joins a statement to it ("Bitcoin Liquidations Top $1B: Is a Bottom In?",
 * "Rejected at $100K — What Next?"), else at the sentence's start. */
static size_t question_start(const struct nm_doc *doc, size_t sent)
{
	struct nm_span sp = doc->sentences[sent];
	const char *t = doc->text;
	for (size_t i = sp.end; i-- > sp.start + 1;) {
		if (t[i] == ':' && i + 1 < sp.end && t[i + 1] == ' ')
			return i + 1;
		if (t[i] == ' ' && i + 2 < sp.end && t[i + 2] == ' ' && (t[i + 1] == '-' || t[i + 1] == '|'))
			return i + 2;
		if (t[i] == ' ' && i + 4 < sp.end && (unsigned char)t[i + 1] == 0xE2 &&
		    (unsigned char)t[i + 2] == 0x80 &&
		    ((unsigned char)t[i + 3] == 0x93 || (unsigned char)t[i + 3] == 0x94) && t[i + 4] == ' ')
			return i + 4;
	}
	return sp.start;
}

#define HOLDER_REACH 48 /* bytes between a risk-off word and the holders it is told of */

/* Is the trigger at t the word risk-off (risk off, riskoff) or risk aversion (averse)? */
static bool risk_off_word(const char *t, size_t n)
{
	size_t k = 4;
	if (n < 7 || nm_strncasecmp(t, "risk", 4))
		return false;
	if (t[k] == '-' || t[k] == ' ')
		k++;
	return (k + 3 <= n && !nm_strncasecmp(t + k, "off", 3)) ||
	       (k + 4 <= n && !nm_strncasecmp(t + k, "aver", 4));
}

/*
 * A risk-off move is the market's unless the sentence ties the word itself to one asset's
 * holders: "Ether Traders Turn Risk-Off", "Bitcoin options have turned risk-off",
 * "risk-off sentiment has gripped the ether market", "Bitcoin has entered a risk-off
 * phase" — one asset named right before a cue of class holders, within HOLDER_REACH of
 * a trigger that is the word risk-off or risk aversion. Other triggers ("investors
 * dumped risk assets") tell the market's move whatever asset the sentence names.
 */
static const char *risk_off_holder(const struct scratch *s, size_t sent, const struct hit *h)
{
	const struct nm_doc *doc = s->doc;
	const char *one = "";
	size_t a, b;
	if (!risk_off_word(doc->text + h->start, h->end - h->start))
		return "";
	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b; i++) {
		const struct nm_mention *m = &doc->mentions[i];
		size_t at = m->span.end;
		if (m->kind != NM_MENTION_ASSET || !not_index(m->asset)[0] ||
		    dist(m->span.start, m->span.end, h->start, h->end) > HOLDER_REACH)
			continue;
		while (at < doc->sentences[sent].end && doc->text[at] == ' ')
			at++;
		if (cls_cue_first(s, sent, CUE_HOLDERS, at, doc->sentences[sent].end) != at)
			continue;
		if (one[0] && strcmp(one, m->asset))
			return "";
		one = m->asset;
	}
	return one;
}

/* Is the history cue at hist, before a trigger at ts, a ranking in a clause of its own
 * ("The dollar rose to its highest level since 2022, putting pressure on risk assets")?
 * A ranking ranks what it follows; a trigger past the comma is news. */
static bool ranking_before(const struct scratch *s, size_t sent, size_t hist, size_t ts)
{
	return cls_cue_in(s, sent, CUE_SPAN, hist, ts) && memchr(s->doc->text + hist, ',', ts - hist);
}

/* Keep this trigger hit? Fills c when so; sets *one_trader when it is dropped as a
 * single trader's liquidation. */
static bool keep_hit(const struct scratch *s, size_t k, struct cand *c, bool *one_trader)
{
	const struct nm_doc *doc = s->doc;
	const struct hit *h = H(s, k);
	int type = s->c->groups[h->group].which;
	size_t sent = h->sentence;
	struct nm_span sp = doc->sentences[sent];
	size_t hist;

	if (vetoed(s, sent, type, h))
		return false;
	hist = cls_cue_first(s, sent, CUE_HISTORY, sp.start, sp.end);
	if (hist != SIZE_MAX && hist < h->start && !ranking_before(s, sent, hist, h->start))
		return false;
	if (past_period(s, sent, hist, h->end) || cls_cue_first(s, sent, CUE_ASIDE, sp.start, sp.end) == sp.start ||
	    cls_generic(s, sent, h->start, h->end) || in_past_frame(s, sent))
		return false;
	/* a retrospective ("Five Years On: How the March 2020 Crash Rewired Leverage") tells
	 * history: only a telling with a day of its own ("today", "on Monday") is news */
	if (s->retro && !cls_cue_in(s, sent, CUE_DAY, sp.start, sp.end))
		return false;
	memset(c, 0, sizeof(*c));
	c->type = type;
	c->hit = k;
	c->sentence = sent;
	c->weight = s->c->groups[h->group].weights[h->rule];
	c->question = (cls_sent_flags(s, sent) & SF_QUESTION) && h->end > question_start(doc, sent);
	switch (type) {
	case EV_REJECTION: {
		size_t lv = level_near(s, sent, h->start, h->end);
		bool near = lv != SIZE_MAX &&
			    dist(doc->mentions[lv].span.start, doc->mentions[lv].span.end, h->start,
				 h->end) <= LEVEL_REACH;
		cls_copy(c->asset, sizeof(c->asset),
			 rejection_asset(s, sent, h, near ? lv : SIZE_MAX, &c->whole_market));
		/* no level of its own: a price word, or a price it went to and the level of
		 * the sentence before ("... tried to break past the $71,000 level. However, a
		 * harsh rejection pushed it to $65,000") */
		if (!near && !cls_cue_in(s, sent, CUE_PRICE_WORD, sp.start, sp.end) &&
		    (!destination_after(s, sent, h->end) || level_before(s, sent, c->asset) == SIZE_MAX))
			return false;
		break;
	}
	case EV_DELEVERAGING:
		/* a guide to liquidations tells its waves as examples: only one told with a
		 * day of its own is news ("today", "on Monday") */
		if (s->guide && !cls_cue_in(s, sent, CUE_DAY, sp.start, sp.end))
			return false;
		/* the market cue first: its rules cost less than the single ones */
		if (!market_cue_of(s, sent, h, sp.end) && cls_cue_in(s, sent, CUE_SINGLE, sp.start, sp.end)) {
			*one_trader = true;
			return false;
		}
		c->modality = cls_modality(s, sent, h->start, h->end);
		/* (a wave told beside the total market cap is the market's) */
		cls_copy(c->asset, sizeof(c->asset),
			 not_index(deleveraging_asset(s, sent, h, c->modality == NM_MOD_FORECAST)));
		break;
	case EV_RISK_OFF:
		/* (a line that is the trigger alone, "risk off", is a page's tag, not a telling;
		 * a sentence a long trigger spans, "Bitcoin fell amid a stock market sell-off",
		 * is one) */
		if (s->explainer ||
		    (h->start - sp.start <= 1 && sp.end - h->end <= 1 && h->end - h->start <= TAG_MAX))
			return false;
		cls_copy(c->asset, sizeof(c->asset), risk_off_holder(s, sent, h));
		break;
	}
	if (type != EV_DELEVERAGING)
		c->modality = cls_modality(s, sent, h->start, h->end);
	c->conceded = cls_cue_in(s, sent, CUE_CONCESSION,
				 h->start - sp.start > CONCESSION_REACH ? h->start - CONCESSION_REACH : sp.start,
				 h->start);
	nm_log(NM_LOG_DEBUG, "event hit: %s %s %s at %zu (%s, sentence %zu%s)", ev_type_names[type],
	       c->asset[0] ? c->asset : "market", nm_modality_name(c->modality), h->start,
	       s->c->groups[h->group].where[h->rule], sent, c->question ? ", question" : "");
	return true;
}

/* ------------------------------------------------------------------ figures */

/* Is money mention m (in sentence sent) about something other than liquidations? */
static bool distracted(const struct scratch *s, size_t sent, const struct nm_mention *m)
{
	struct nm_span sp = s->doc->sentences[sent];
	size_t hist = cls_cue_first(s, sent, CUE_HISTORY, sp.start, sp.end);
	int dg = cls_group_index(G_CUE, CUE_DISTRACTOR), tg = cls_group_index(G_TRIGGER, EV_DELEVERAGING);
	size_t dd = SIZE_MAX, dt = SIZE_MAX;

	if (hist != SIZE_MAX && hist < m->span.start)
		return true;
	static const int cues[3] = {CUE_DISTRACTOR, CUE_LONG, CUE_SHORT};

	/* the liquidation words: the sentence's deleveraging triggers, the side words */
	for (size_t k = s->sent_hit0[sent]; k < s->sent_hit0[sent + 1]; k++) {
		const struct hit *h = H(s, k);
		size_t d = dist(h->start, h->end, m->span.start, m->span.end);
		if (h->group == tg && d < dt)
			dt = d;
	}
	for (int c = 0; c < 3; c++) {
		const struct hit *hits;
		size_t nh = cls_group_hits(s, sent, cls_group_index(G_CUE, cues[c]), &hits);
		if (c == 0 && !nh)
			return false; /* no distractor: nothing to weigh the side words against */
		for (size_t k = 0; k < nh; k++) {
			size_t d = dist(hits[k].start, hits[k].end, m->span.start, m->span.end);
			if (c == 0 && d < dd)
				dd = d;
			if (c > 0 && d < dt)
				dt = d;
		}
	}
	(void)dg;
	return dd < dt;
}

static bool refines(double t, enum nm_qualifier tq, double v, const struct nm_mention *m);

/* Does sentence sent foretell a squeeze (a deleveraging trigger told as a forecast: "a
 * similar short squeeze could trigger once ETH surpasses $3,000")? Such a sentence tells
 * no part of the wave told after it. */
static bool foretells_squeeze(const struct scratch *s, size_t sent)
{
	for (size_t k = s->sent_hit0[sent]; k < s->sent_hit0[sent + 1]; k++) {
		const struct hit *h = H(s, k);
		const struct rule_group *g = &s->c->groups[h->group];
		if (g->kind == G_TRIGGER && g->which == EV_DELEVERAGING &&
		    cls_modality(s, sent, h->start, h->end) == NM_MOD_FORECAST)
			return true;
	}
	return false;
}

/*
 * "Notably, Bitcoin bore the brunt of the wipeout. Data showed bulls suffered over
 * $1.02B": after the total, an unbound amount in a sentence that names no asset and no
 * market belongs to the one asset the sentence before names without an amount.
 */
static const char *told_before(const struct scratch *s, size_t sent, const char *ev_asset)
{
	const struct nm_doc *doc = s->doc;
	struct nm_span sp = doc->sentences[sent];
	size_t a, b;

	if (sent == 0 || ev_asset[0] || cls_cue_in(s, sent, CUE_MARKET, sp.start, sp.end) ||
	    (cls_sent_flags(s, sent - 1) & (SF_HEADING | SF_HEADLINE | SF_QUESTION)))
		return "";
	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b; i++)
		if (doc->mentions[i].kind == NM_MENTION_ASSET)
			return "";
	sp = doc->sentences[sent - 1];
	if (cls_cue_in(s, sent - 1, CUE_MARKET, sp.start, sp.end) || foretells_squeeze(s, sent - 1))
		return "";
	sent_mentions(s, sent - 1, &a, &b);
	for (size_t i = a; i < b; i++)
		if (is_amount(&doc->mentions[i]))
			return "";
	return not_index(sole_asset(s, sent - 1));
}

/* A title that is a full sentence ending in a full stop (plain text whose first line is
 * the lede) is prose: its figures are exact, not a headline's rounding. */
static bool prose_title(const struct nm_doc *doc, size_t sent)
{
	struct nm_span sp = doc->sentences[sent];
	size_t e = sp.end;
	while (e > sp.start && nm_isspace((unsigned char)doc->text[e - 1]))
		e--;
	return e > sp.start && doc->text[e - 1] == '.';
}

static enum nm_code add_per_asset(struct nm_doc *doc, struct nm_figures *f, size_t *cap,
				  const struct nm_mention *m, size_t mi)
{
	for (size_t i = 0; i < f->n_per_asset; i++)
		if (!strcmp(f->per_asset[i].asset, m->asset)) {
			/* the first telling stands, unless a later one makes it precise */
			const struct nm_mention *first = &doc->mentions[f->per_asset[i].mention];
			if (refines(f->per_asset[i].usd, first->qualifier, m->value, m)) {
				f->per_asset[i].usd = m->value;
				f->per_asset[i].mention = mi;
			}
			return NM_OK;
		}
	if (nm_arena_reserve(doc->arena, (void **)&f->per_asset, cap, f->n_per_asset + 1,
			     sizeof(*f->per_asset)))
		return NM_ETOOBIG;
	cls_copy(f->per_asset[f->n_per_asset].asset, NM_TICKER_MAX, m->asset);
	f->per_asset[f->n_per_asset].usd = m->value;
	f->per_asset[f->n_per_asset].mention = mi;
	f->n_per_asset++;
	return NM_OK;
}

/* Is an amount of asset among mentions [a, b), starting at from or after, other than
 * the one starting at except? */
static bool amount_of_asset(const struct nm_doc *doc, size_t a, size_t b, const char *asset,
			    size_t from, size_t except)
{
	for (size_t k = a; k < b; k++) {
		const struct nm_mention *m = &doc->mentions[k];
		if (m->span.start >= from && m->span.start != except && is_amount(m) &&
		    !strcmp(m->asset, asset))
			return true;
	}
	return false;
}

/* The asset mention nearest [a,b) inside its clause-free window of the sentence, or "";
 * NULL when that mention is one of a list of assets. */
static const char *bind_near(const struct scratch *s, size_t sent, size_t a, size_t b)
{
	const struct nm_doc *doc = s->doc;
	size_t ma, mb, best = BIND_REACH + 1, at = SIZE_MAX;
	const char *asset = "";
	sent_mentions(s, sent, &ma, &mb);
	for (size_t i = ma; i < mb; i++) {
		const struct nm_mention *m = &doc->mentions[i];
		size_t d;
		if (m->kind != NM_MENTION_ASSET || !m->asset[0])
			continue;
		d = dist(m->span.start, m->span.end, a, b);
		/* an asset told with an amount of its own is that amount's: "$318M of that, with
		 * bitcoin accounting for $142M" */
		if (d < best && !amount_of_asset(doc, ma, mb, m->asset, 0, a)) {
			best = d;
			asset = m->asset;
			at = i;
		}
	}
	return at != SIZE_MAX && in_asset_list(doc, ma, mb, at) ? NULL : asset;
}

/*
 * Value and asset of a liquidation amount in an evidence sentence: the mention's own
 * asset, unless a market cue stands right beside it ("$640M of crypto positions");
 * an unbound amount in a continuation sentence binds to the nearest asset name.
 */
#define POSITION_REACH 40
/* Is amount m one position's, not a sum of liquidations? "a single $36.78M BTC
 * liquidation", "a $48M BTC-USDT position". */
static bool one_position(const struct scratch *s, size_t sent, const struct nm_mention *m)
{
	const char *t = s->doc->text;
	size_t lo = s->doc->sentences[sent].start, b = m->span.start;
	const struct hit *h;
	size_t n;
	while (b > lo && t[b - 1] == ' ')
		b--;
	if (b >= lo + 6 && !nm_strncasecmp(t + b - 6, "single", 6) && (b == lo + 6 || !nm_isalpha((unsigned char)t[b - 7])))
		return true;
	/* the cue's rules run only where "position" stands near: "a $48M BTC-USDT position",
	 * "an ETH-USDT position worth $12.5M" */
	size_t from = m->span.start > lo + POSITION_REACH ? m->span.start - POSITION_REACH : lo;
	size_t to = m->span.end + POSITION_REACH < s->doc->sentences[sent].end ? m->span.end + POSITION_REACH :
										 s->doc->sentences[sent].end;
	if (!memmem(t + from, to - from, "position", 8))
		return false;
	n = cls_group_hits(s, sent, cls_group_index(G_CUE, CUE_SINGLE), &h);
	for (size_t k = 0; k < n; k++)
		if (h[k].start <= m->span.start && h[k].end >= m->span.end)
			return true;
	return false;
}

/*
 * Is mention m of sentence sent a liquidation amount, and whose? *asset gets the asset
 * it is bound to, "" when none; false when m is no such amount (a price, a flow, one
 * position, a group's amount). continued: the sentence goes on with the one before.
 */
static bool amount_bound(const struct scratch *s, size_t sent, const struct nm_mention *m,
			 bool continued, double *value, const char **asset)
{
	if (!in_dollars(m))
		return false;
	if (m->kind == NM_MENTION_PRICE_RANGE && !isnan(m->high) && m->high >= 1e6)
		*value = m->high;
	else if (is_amount(m) || (m->kind == NM_MENTION_PRICE && m->value >= AMOUNT_MIN && m->value <= AMOUNT_MAX))
		*value = m->value;
	else
		return false;
	/* a sum the mention layer bound to another quantity: "open interest fell by $2B" */
	if (m->kind == NM_MENTION_MONEY && m->role[0] && strcmp(m->role, "liquidations"))
		return false;
	if (distracted(s, sent, m) || one_position(s, sent, m))
		return false;
	if (!(*asset = bind_amount(s, sent, m)))
		return false; /* a group's amount is neither one asset's nor the total */
	if (!*asset[0] && continued)
		*asset = m->asset;
	return true;
}

/* amount_bound(), and the market's when a market cue is near ("across the market"). */
static bool amount_of(const struct scratch *s, size_t sent, const struct nm_mention *m,
		      bool continued, double *value, const char **asset)
{
	if (!amount_bound(s, sent, m, continued, value, asset))
		return false;
	if (market_cue_near(s, sent, m))
		*asset = "";
	else if (!*asset[0] && continued && !(*asset = bind_near(s, sent, m->span.start, m->span.end)))
		return false;
	return true;
}

/*
 * Side of a sentence: "long", "short", "both" or NULL. When both sides are named with
 * amounts, a side with three times the other's amount is the side ("$802M of longs and
 * $156M of shorts"); comparable amounts are both. Without amounts, a contrast word
 * ("compared to", "versus") makes it the side told nearest byte at, else both.
 */
#define SIDE_DOMINANCE 3.0
#define SIDE_CONTRAST_DOMINANCE 1.5 /* ... when the sentence contrasts the sides */

static const char *side_near(const struct scratch *s, size_t sent, size_t at)
{
	const struct nm_doc *doc = s->doc;
	struct nm_span sp = doc->sentences[sent];
	size_t l = cls_cue_first(s, sent, CUE_LONG, sp.start, sp.end);
	size_t sh = cls_cue_first(s, sent, CUE_SHORT, sp.start, sp.end);
	double sum_l = 0, sum_s = 0;
	size_t a, b;

	if (l == SIZE_MAX && sh == SIZE_MAX)
		return NULL;
	if (l == SIZE_MAX || sh == SIZE_MAX)
		return l == SIZE_MAX ? "short" : "long";
	/* each amount goes to the side word nearest it */
	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b; i++) {
		const struct nm_mention *m = &doc->mentions[i];
		size_t dl = SIZE_MAX, ds = SIZE_MAX;
		if (!is_amount(m))
			continue;
		for (int side = 0; side < 2; side++) {
			const struct hit *hits;
			size_t nh = cls_group_hits(s, sent, cls_group_index(G_CUE, side ? CUE_SHORT : CUE_LONG), &hits);
			for (size_t k = 0; k < nh; k++) {
				const struct hit *h = &hits[k];
				size_t d = dist(h->start, h->end, m->span.start, m->span.end);
				/* "$802M and short positions ...": a list break between them parts them */
				if (list_break(doc->text, h->end <= m->span.start ? h->end : m->span.end,
					       h->end <= m->span.start ? m->span.start : h->start))
					d += 1000;
				if (!side && d < dl)
					dl = d;
				if (side && d < ds)
					ds = d;
			}
		}
		if (dl < ds)
			sum_l += m->value;
		else if (ds < dl)
			sum_s += m->value;
	}
	if (sum_l > 0 && sum_s > 0) {
		if (sum_l >= SIDE_DOMINANCE * sum_s)
			return "long";
		if (sum_s >= SIDE_DOMINANCE * sum_l)
			return "short";
		/* "$11.96M of shorts, compared to $5.5M in longs": a contrast sets one side
		 * against the other, and the clearly larger one is the wave's side */
		if (cls_cue_in(s, sent, CUE_CONTRAST, sp.start, sp.end)) {
			if (sum_l >= SIDE_CONTRAST_DOMINANCE * sum_s)
				return "long";
			if (sum_s >= SIDE_CONTRAST_DOMINANCE * sum_l)
				return "short";
		}
		return "both";
	}
	if (!cls_cue_in(s, sent, CUE_CONTRAST, sp.start, sp.end) || at == SIZE_MAX)
		return "both";
	/* "longs $5M, compared to just $0.4M in shorts": the side told with the amount */
	l = cls_cue_last(s, sent, CUE_LONG, sp.start, at + 40 < sp.end ? at + 40 : sp.end);
	sh = cls_cue_last(s, sent, CUE_SHORT, sp.start, at + 40 < sp.end ? at + 40 : sp.end);
	if (l == SIZE_MAX || sh == SIZE_MAX)
		return l == SIZE_MAX ? (sh == SIZE_MAX ? "both" : "short") : "long";
	return (l > at ? l - at : at - l) <= (sh > at ? sh - at : at - sh) ? "long" : "short";
}

/* Does sentence sent hold a trigger hit of a type other than type? */
static bool tells_other_type(const struct scratch *s, size_t sent, int type)
{
	for (size_t k = s->sent_hit0[sent]; k < s->sent_hit0[sent + 1]; k++)
		if (s->c->groups[s->hits[k].group].kind == G_TRIGGER &&
		    s->hits[k].group != cls_group_index(G_TRIGGER, type))
			return true;
	return false;
}

static bool is_continuation(const struct scratch *s, size_t sent)
{
	for (size_t k = s->sent_hit0[sent]; k < s->sent_hit0[sent + 1]; k++)
		if (s->hits[k].group == cls_group_index(G_TRIGGER, EV_DELEVERAGING))
			return false;
	return true;
}

/*
 * Is amount v (mention m) a more precise telling of the figure t (qualifier tq)? t is
 * round, v is not, and v fits t's qualifier: "over $11M" then "$11.96M", "$2B" then
 * "$2.02B" (within 2%, or what rounds to t: "$1.2B" then "$1.24B"), "about $400M" then
 * "$402.5M" (within 5%).
 */
static bool refines(double t, enum nm_qualifier tq, double v, const struct nm_mention *m)
{
	double r = v / t, unit = pow(10, floor(log10(t)) - 1);
	bool fits;
	if (m->qualifier != NM_QUAL_NONE || fmod(t, unit) != 0 || fmod(v, unit) == 0)
		return false;
	switch (tq) {
	case NM_QUAL_AT_LEAST: fits = r > 1 && r <= 1.1; break;
	case NM_QUAL_AT_MOST: fits = r < 1 && r >= 0.95; break; /* "nearly $520M" is not $480M */
	case NM_QUAL_ABOUT: fits = r >= 0.95 && r <= 1.05; break;
	default: fits = (r >= 0.98 && r <= 1.02) || fabs(v - t) <= unit / 2; break;
	}
	return fits && fabs(v - t) > 0.005 * t;
}

/* A total whose sentence names an asset and has no market cue beside the amount may be
 * that asset's figure, left unbound; not when the asset's own amount follows it, as the
 * parts follow a total ("Nearly $520 million ... were wiped out, led by ETH ($210M)"). An
 * amount after the asset's own may be its part ("BTC saw $62M, out of which $48M were
 * longs"). */
static bool weak_total(const struct scratch *s, size_t sent, const struct nm_mention *m)
{
	const struct nm_doc *doc = s->doc;
	size_t a, b;
	bool named = false;
	if (market_cue_near(s, sent, m))
		return false;
	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b && !named; i++) {
		const struct nm_mention *n = &doc->mentions[i];
		if (n->kind == NM_MENTION_ASSET && n->asset[0] && not_index(n->asset)[0])
			named = !amount_of_asset(doc, a, b, n->asset, m->span.start + 1, SIZE_MAX);
	}
	return named;
}

/* A duration that looks ahead ("next week", "the coming days") is no window. */
static bool ahead(const struct nm_doc *doc, const struct nm_mention *m)
{
	static const char *const words[] = {"next", "the next", "coming", "the coming", "upcoming",
					    "the upcoming", "following", "the following", NULL};
	const char *t = doc->text + m->span.start;
	size_t n = m->span.end - m->span.start;
	for (int k = 0; words[k]; k++) {
		size_t l = strlen(words[k]);
		if (n > l && !nm_strncasecmp(t, words[k], l) && t[l] == ' ')
			return true;
		/* the word just before the mention */
		if (m->span.start >= l + 1 && !nm_strncasecmp(t - l - 1, words[k], l) && t[-1] == ' ')
			return true;
	}
	return false;
}

/* Is duration m the span of a comparison ("the first time in two weeks", "a three-week
 * low"), not a window? */
static bool comparison_span(const struct scratch *s, size_t sent, const struct nm_mention *m)
{
	const struct hit *h;
	size_t n = cls_group_hits(s, sent, cls_group_index(G_CUE, CUE_SPAN), &h);
	for (size_t k = 0; k < n; k++)
		if ((h[k].start < m->span.start && h[k].end <= m->span.end && h[k].end + 1 >= m->span.start) ||
		    (h[k].start >= m->span.end && h[k].start <= m->span.end + 1))
			return true;
	return false;
}

/* Is amount m told as one side's ("longs lost $300M", "$100M in shorts")? */
static bool side_amount(const struct scratch *s, size_t sent, const struct nm_mention *m)
{
	struct nm_span sp = s->doc->sentences[sent];
	size_t from = m->span.start > sp.start + BIND_REACH ? m->span.start - BIND_REACH : sp.start;
	size_t to = m->span.end + BIND_REACH < sp.end ? m->span.end + BIND_REACH : sp.end;
	return cls_cue_in(s, sent, CUE_LONG, from, to) || cls_cue_in(s, sent, CUE_SHORT, from, to);
}

/* Is amount m introduced as a whole ("a total of", "totalling", "in all" right before)? */
static bool whole_after(const struct scratch *s, size_t sent, const struct nm_mention *m)
{
	size_t lo = s->doc->sentences[sent].start;
	size_t from = m->span.start > lo + 24 ? m->span.start - 24 : lo;
	return cls_cue_in(s, sent, CUE_WHOLE, from, m->span.start);
}

/*
 * The total when the first market-wide amount was one side's part of it: a later amount
 * of the evidence that is the sum of that part and another ("longs lost $300M and shorts
 * $100M; total liquidations were $400M"). Only unbound, market-wide amounts count, as
 * for the total itself, and the sum must hold to half a percent. True when *total_m
 * (and the figures) moved to the sum; *sent then gets its sentence.
 */
#define PARTS_MAX 16

static bool sum_of_parts(const struct scratch *s, const size_t *sents, size_t n, size_t *total_m,
			 size_t *sent, struct nm_figures *f)
{
	const struct nm_doc *doc = s->doc;
	size_t idx[PARTS_MAX], in[PARTS_MAX], k = 0, x = SIZE_MAX;
	double val[PARTS_MAX];
	for (size_t j = 0; j < n && k < PARTS_MAX; j++) {
		size_t a, b;
		if (is_continuation(s, sents[j]))
			continue;
		sent_mentions(s, sents[j], &a, &b);
		for (size_t i = a; i < b && k < PARTS_MAX; i++) {
			const char *asset;
			double v;
			if (amount_of(s, sents[j], &doc->mentions[i], false, &v, &asset) && !asset[0]) {
				if (i == *total_m)
					x = k;
				idx[k] = i;
				in[k] = sents[j];
				val[k++] = v;
			}
		}
	}
	if (x == SIZE_MAX || !side_amount(s, in[x], &doc->mentions[idx[x]]))
		return false;
	for (size_t y = 0; y < k; y++)
		for (size_t z = 0; z < k; z++)
			if (y != x && z != x && z != y && idx[z] > idx[x] &&
			    fabs(val[x] + val[y] - val[z]) <= 0.005 * val[z]) {
				f->total_usd = val[z];
				f->qualifier = doc->mentions[idx[z]].qualifier;
				*total_m = idx[z];
				*sent = in[z];
				return true;
			}
	return false;
}

/* Is asset named in the clause of amount m (no clause break between them: a comma or
 * " and " may go on with the clause, "Ethereum, with losses of $180M"), or paired with it
 * by "respectively"? */
static bool told_in_clause(const struct scratch *s, size_t sent, const struct nm_mention *m, const char *asset)
{
	const struct nm_doc *doc = s->doc;
	size_t a, b;
	if (paired_respectively(doc, sent, m))
		return true;
	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b; i++) {
		const struct nm_mention *n = &doc->mentions[i];
		if (n->kind == NM_MENTION_ASSET && !strcmp(n->asset, asset) && !broken_between(doc->text, n, m, false))
			return true;
	}
	return false;
}

const char *cls_asset_amount(const struct scratch *s, size_t sent, const struct nm_mention *m)
{
	const char *asset;
	double v;
	if (!amount_bound(s, sent, m, is_continuation(s, sent), &v, &asset) || !asset[0])
		return NULL;
	return told_in_clause(s, sent, m, asset) ? asset : NULL;
}

/*
 * Do the evidence sentences give amounts of two assets or more? "About $1.2B in shorts
 * were wiped out. Bitcoin shorts made up $570M of the total and Ether shorts $250M": the
 * wave an article about one asset tells is the market's, and its unbound amount the total.
 */
static bool several_assets_amounts(const struct scratch *s, const size_t *sents, size_t n)
{
	const char *first = NULL;
	for (size_t j = 0; j < n; j++) {
		size_t a, b;
		sent_mentions(s, sents[j], &a, &b);
		for (size_t i = a; i < b; i++) {
			const char *asset;
			double v;
			if (!amount_of(s, sents[j], &s->doc->mentions[i], is_continuation(s, sents[j]), &v, &asset) ||
			    !asset[0])
				continue;
			if (first && strcmp(first, asset))
				return true;
			first = asset;
		}
	}
	return false;
}

/*
 * Is amount m an exchange's share of the wave? An exchange named right before it in its
 * clause ("Binance saw $120.58 million", "Binance led with $127M") or just after it ("$52M
 * on Bybit").
 */
#define VENUE_REACH 24
static bool venue_amount(const struct scratch *s, size_t sent, const struct nm_mention *m)
{
	const struct hit *h;
	size_t nh = cls_group_hits(s, sent, cls_group_index(G_CUE, CUE_VENUE), &h);
	const char *t = s->doc->text;
	for (size_t k = 0; k < nh; k++) {
		if (h[k].end <= m->span.start && m->span.start - h[k].end <= VENUE_REACH &&
		    !list_break(t, h[k].end, m->span.start))
			return true;
		if (h[k].start >= m->span.end && h[k].start - m->span.end <= VENUE_REACH &&
		    !list_break(t, m->span.end, h[k].start) &&
		    (memmem(t + m->span.end, h[k].start - m->span.end, " on ", 4) ||
		     memmem(t + m->span.end, h[k].start - m->span.end, " at ", 4)))
			return true;
	}
	return false;
}

/*
 * The asset whose amount m is in a breakdown of the total, after another asset's: the one
 * asset its sentence names, to which the mention layer bound m from the sentence's
 * structure, however far the name stands ("Ethereum has also not been spared in this
 * downward trend, with $108.5 million of its positions being liquidated"). Not beside a
 * market cue, not a side's part ("short-position traders losing $46.68 million"), not
 * the asset's second amount of the sentence, and not an asset the breakdown already
 * holds. "" when none.
 */
static const char *breakdown_subject(const struct scratch *s, size_t sent, const struct nm_mention *m,
				     const struct nm_figures *f)
{
	const struct nm_doc *doc = s->doc;
	const char *one;
	size_t a, b;
	if (!m->asset[0] || market_cue_near(s, sent, m) || side_amount(s, sent, m) ||
	    strcmp(one = sole_asset(s, sent), m->asset))
		return "";
	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b && doc->mentions[i].span.start < m->span.start; i++)
		if (is_amount(&doc->mentions[i]) && !strcmp(doc->mentions[i].asset, one))
			return "";
	for (size_t k = 0; k < f->n_per_asset; k++)
		if (!strcmp(f->per_asset[k].asset, one))
			return "";
	return one;
}

/*
 * The side that the sentence right after evidence sentence sent gives as a share of the
 * wave ("Most of the losses came from long positions", "~92% were long positions"), or
 * NULL: one side named with a share word (cue class share), in a sentence that is no
 * question, tells no other event, no history and no one trader's loss.
 */
static const char *share_after(const struct scratch *s, size_t sent)
{
	size_t next = sent + 1;
	struct nm_span sp;
	const char *side;
	if (next >= s->doc->n_sentences || (cls_sent_flags(s, next) & SF_QUESTION))
		return NULL;
	sp = s->doc->sentences[next];
	if (tells_other_type(s, next, EV_DELEVERAGING))
		return NULL;
	if (!cls_cue_in(s, next, CUE_SHARE, sp.start, sp.end) || cls_cue_in(s, next, CUE_HISTORY, sp.start, sp.end) ||
	    cls_cue_in(s, next, CUE_SINGLE, sp.start, sp.end))
		return NULL;
	side = side_near(s, next, SIZE_MAX);
	return side && strcmp(side, "both") ? side : NULL;
}

static enum nm_code deleveraging_figures(struct scratch *s, struct nm_event *e, const size_t *sents,
					 size_t n)
{
	struct nm_doc *doc = s->doc;
	struct nm_figures *f = &e->figures;
	size_t cap = 0, prim_sent = SIZE_MAX, prim_at = SIZE_MAX, total_m = SIZE_MAX;
	bool total_weak = false;

	/* amounts: the body in order, then the headline (a headline rounds: "$2B") */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t j = 0; j < n; j++) {
			size_t sent = sents[j], a, b;
			bool headline = (cls_sent_flags(s, sent) & (SF_HEADLINE | SF_HEADING)) != 0 &&
					!prose_title(doc, sent);
			if (headline != (pass == 1))
				continue;
			size_t part = SIZE_MAX; /* per_asset entry that a side's amount of this sentence set */
			sent_mentions(s, sent, &a, &b);
			for (size_t i = a; i < b; i++) {
				const struct nm_mention *m = &doc->mentions[i];
				struct nm_mention am;
				const char *asset;
				double v;
				if (!amount_of(s, sent, m, is_continuation(s, sent), &v, &asset) ||
				    (!asset[0] && venue_amount(s, sent, m)))
					continue;
				if (!asset[0] && part != SIZE_MAX && v > f->per_asset[part].usd &&
				    whole_after(s, sent, m)) {
					/* "$43M in long liquidations of a total of $51.76M": the asset's
					 * figure is the whole, not its long side */
					f->per_asset[part].usd = v;
					f->per_asset[part].mention = i;
					part = SIZE_MAX;
					continue;
				}
				if (!asset[0] && e->asset[0])
					asset = e->asset; /* one asset's wave: its unbound amounts are its own */
				else if (!asset[0] && total_m >= a && total_m < i && v > f->total_usd &&
					 whole_after(s, sent, m)) {
					/* "$780M in longs ..., out of a total of $912M": the whole told
					 * with the total's part is the total */
					total_weak = false;
					total_m = i;
					f->total_usd = v;
					f->qualifier = m->qualifier;
					prim_sent = sent;
					prim_at = m->span.start;
					continue;
				} else if (!asset[0] && total_m != SIZE_MAX &&
					   fabs(v - f->total_usd) <= 0.005 * f->total_usd) {
					/* the total told again: "Over $620M", then "more than $620M" */
					continue;
				} else if (!asset[0] && total_m != SIZE_MAX && f->n_per_asset &&
					   v < f->total_usd * 0.995 && (asset = breakdown_subject(s, sent, m, f))[0]) {
					; /* a breakdown's next asset, told as its sentence's subject */
				} else if (!asset[0] && total_m != SIZE_MAX &&
					   !refines(f->total_usd, doc->mentions[total_m].qualifier, v, m) &&
					   !(v < f->total_usd && side_amount(s, sent, m))) {
					/* an asset's, unless it is a side's part of the total ("with
					 * longs accounting for $510M") */
					asset = told_before(s, sent, e->asset);
				}
				if (asset[0] && (!e->asset[0] || !strcmp(asset, e->asset))) {
					am = *m;
					am.value = v;
					cls_copy(am.asset, sizeof(am.asset), asset);
					if (add_per_asset(doc, f, &cap, &am, i))
						return NM_ETOOBIG;
					for (size_t k = 0; k < f->n_per_asset; k++)
						if (f->per_asset[k].mention == i && side_amount(s, sent, m))
							part = k;
					if (prim_sent == SIZE_MAX) {
						prim_sent = sent;
						prim_at = m->span.start;
					}
				} else if (!asset[0] && !e->asset[0] && !is_continuation(s, sent) &&
					   (total_m == SIZE_MAX || refines(f->total_usd, doc->mentions[total_m].qualifier, v, m) ||
					    (total_weak && !weak_total(s, sent, m)))) {
					/* the first total, or a more precise telling of it ("$2B" then
					 * "$2.02B"), or a market-wide one after a total that may be one
					 * asset's ("Bitcoin ... saw $62M"; "the total crypto market
					 * liquidations came in at $257M") */
					total_weak = weak_total(s, sent, m);
					total_m = i;
					f->total_usd = v;
					f->qualifier = m->qualifier;
					prim_sent = sent;
					prim_at = m->span.start;
				}
			}
		}
	}
	if (total_m != SIZE_MAX && !e->asset[0] && sum_of_parts(s, sents, n, &total_m, &prim_sent, f))
		prim_at = doc->mentions[total_m].span.start;
	/* the headline's qualifier of the same figure ("Nearly $2B"), else a bare figure
	 * takes the qualifier of the same figure told elsewhere */
	for (size_t j = 0; total_m != SIZE_MAX && j < n; j++) {
		size_t a, b;
		if (!(cls_sent_flags(s, sents[j]) & (SF_HEADLINE | SF_HEADING)) || sents[j] >= HEADLINE_ZONE)
			continue;
		sent_mentions(s, sents[j], &a, &b);
		for (size_t i = a; i < b; i++) {
			const struct nm_mention *m = &doc->mentions[i];
			if (is_amount(m) && m->qualifier != NM_QUAL_NONE &&
			    fabs(m->value - f->total_usd) <= 0.005 * f->total_usd)
				f->qualifier = m->qualifier;
		}
	}
	for (size_t j = 0; total_m != SIZE_MAX && f->qualifier == NM_QUAL_NONE && j < n; j++) {
		size_t a, b;
		sent_mentions(s, sents[j], &a, &b);
		for (size_t i = a; i < b; i++) {
			const struct nm_mention *m = &doc->mentions[i];
			if (i != total_m && is_amount(m) && m->qualifier != NM_QUAL_NONE &&
			    fabs(m->value - f->total_usd) <= 0.005 * f->total_usd) {
				f->qualifier = m->qualifier;
				break;
			}
		}
	}
	/* side and window: the primary amount's sentence first, then the evidence in order */
	for (size_t j = 0; j <= n; j++) {
		size_t sent = j == 0 ? prim_sent : sents[j - 1], a, b;
		struct nm_span sp;
		const char *side;
		if (sent == SIZE_MAX)
			continue;
		sp = doc->sentences[sent];
		if (f->side[0] && !isnan(f->window_seconds))
			continue; /* nothing left to find */
		/* a sentence about the past tells nothing of this wave, unless the history
		 * comes after the primary amount: "Over $500M in shorts were liquidated, the
		 * largest short squeeze since March" */
		size_t hist = cls_cue_first(s, sent, CUE_HISTORY, sp.start, sp.end);
		if (hist != SIZE_MAX && !(j == 0 && hist > prim_at))
			continue;
		if (!f->side[0] && (side = side_near(s, sent, j == 0 ? prim_at : SIZE_MAX)))
			cls_copy(f->side, sizeof(f->side), side);
		sent_mentions(s, sent, &a, &b);
		for (size_t i = a; i < b && isnan(f->window_seconds); i++) {
			const struct nm_mention *m = &doc->mentions[i];
			if (m->span.start >= hist)
				break;
			if (m->kind == NM_MENTION_DURATION && !isnan(m->value) && m->value > 0 &&
			    m->value <= 31 * 86400.0 && !ahead(doc, m) && !comparison_span(s, sent, m))
				f->window_seconds = m->value;
		}
	}
	/* no side in the evidence: the sentence right after it may give one side's share */
	for (size_t j = 0; j <= n && !f->side[0]; j++) {
		size_t sent = j == 0 ? prim_sent : sents[j - 1];
		const char *side;
		if (sent != SIZE_MAX && (side = share_after(s, sent)))
			cls_copy(f->side, sizeof(f->side), side);
	}
	return NM_OK;
}

/*
 * "the $94,500 and $95,000 resistance zones": two levels joined by "and", "to" or a dash
 * under one zone noun are one zone, its low and high. Returns the other level's index
 * (the mention before or after lv in the sentence), or SIZE_MAX.
 */
static bool zone_noun_after(const char *t, size_t at, size_t end)
{
	static const char *const pre[] = {"resistance ", "support ", "overhead ", "key ", ""};
	while (at < end && t[at] == ' ')
		at++;
	for (size_t k = 0; k < sizeof(pre) / sizeof(*pre); k++) {
		size_t n = strlen(pre[k]), i = at;
		if (i + n > end || nm_strncasecmp(t + i, pre[k], n))
			continue;
		i += n;
		if (i + 4 <= end && !nm_strncasecmp(t + i, "zone", 4) &&
		    (i + 4 == end || !nm_isalpha((unsigned char)t[i + 4]) || t[i + 4] == 's'))
			return true;
	}
	return false;
}

static bool zone_join(const char *t, size_t a, size_t b)
{
	static const char *const joins[] = {"and", "to", "-", "\xe2\x80\x93"};
	while (a < b && t[a] == ' ')
		a++;
	while (b > a && t[b - 1] == ' ')
		b--;
	for (size_t k = 0; k < sizeof(joins) / sizeof(*joins); k++)
		if (b - a == strlen(joins[k]) && !nm_strncasecmp(t + a, joins[k], b - a))
			return true;
	return false;
}

static size_t zone_pair(const struct scratch *s, size_t sent, size_t lv)
{
	const struct nm_doc *doc = s->doc;
	struct nm_span sp = doc->sentences[sent];
	size_t a, b;

	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b; i++) {
		const struct nm_mention *x = &doc->mentions[i], *y;
		size_t j = i + 1;
		if (x->kind != NM_MENTION_PRICE && x->kind != NM_MENTION_MONEY)
			continue;
		while (j < b && doc->mentions[j].kind == NM_MENTION_ASSET)
			j++;
		if (j >= b || (i != lv && j != lv))
			continue;
		y = &doc->mentions[j];
		if ((y->kind != NM_MENTION_PRICE && y->kind != NM_MENTION_MONEY) || !is_level(x) ||
		    !is_level(y) || isnan(x->value) || isnan(y->value) || x->value == y->value)
			continue;
		if (y->span.start < x->span.end ||
		    !zone_join(doc->text, x->span.end, y->span.start) ||
		    !zone_noun_after(doc->text, y->span.end, sp.end))
			continue;
		return i == lv ? j : i;
	}
	return SIZE_MAX;
}

/*
 * The level of a trigger with none in its sentence ("Buyers are expected to defend the
 * support zone") is the one the sentence before stated, when that level is bound to no
 * other asset: the last level there, unbound or the event's asset's.
 */
static size_t level_before(const struct scratch *s, size_t sent, const char *asset)
{
	const struct nm_doc *doc = s->doc;
	size_t a, b, best = SIZE_MAX;

	if (sent == 0 || (cls_sent_flags(s, sent - 1) & (SF_HEADING | SF_HEADLINE | SF_QUESTION)))
		return SIZE_MAX;
	sent_mentions(s, sent - 1, &a, &b);
	for (size_t i = a; i < b; i++) {
		const struct nm_mention *m = &doc->mentions[i];
		if (is_level(m) && (!m->asset[0] || !strcmp(m->asset, asset)))
			best = i;
	}
	return best;
}

/*
 * The level of a rejection none of whose tellings states one ("Dogecoin price retreats
 * ... following a failure to cross multi-month resistance"): the first level the article
 * binds to the asset in the telling's role ("the March resistance line, close to
 * $0.2930"). Sets *sent to the level's sentence.
 */
static size_t level_named(const struct scratch *s, const char *asset, const char *role, size_t *sent)
{
	for (size_t i = 0; i < s->doc->n_sentences && asset[0]; i++) {
		size_t a, b;
		sent_mentions(s, i, &a, &b);
		for (size_t j = a; j < b; j++) {
			const struct nm_mention *m = &s->doc->mentions[j];
			if (is_level(m) && !strcmp(m->asset, asset) && !strcmp(m->role, role)) {
				*sent = i;
				return j;
			}
		}
	}
	return SIZE_MAX;
}

/* The zone that level mention lv of sentence sent bounds (two levels paired, or a range
 * of two bounds), in dollars. */
#define ZONE_SLACK 0.005 /* a level this close above a zone's top is its top, rounded */
static bool zone_of(const struct scratch *s, size_t sent, size_t lv, double *low, double *high)
{
	const struct nm_doc *doc = s->doc;
	const struct nm_mention *m = &doc->mentions[lv];
	size_t p = zone_pair(s, sent, lv);
	if (p != SIZE_MAX) {
		double x = dollars(m, m->value), y = dollars(&doc->mentions[p], doc->mentions[p].value);
		*low = x < y ? x : y;
		*high = x < y ? y : x;
		return true;
	}
	if (m->kind == NM_MENTION_PRICE_RANGE && !isnan(m->low) && !isnan(m->high)) {
		*low = dollars(m, m->low);
		*high = dollars(m, m->high);
		return true;
	}
	return false;
}

/* The side of a rejection told by hit h of sentence sent: the trigger's own (bounced
 * off, turned up from), else a support word with no resistance word makes it support;
 * resistance otherwise. */
static unsigned char telling_side(const struct scratch *s, size_t sent, const struct hit *h)
{
	const struct rule_group *g = &s->c->groups[h->group];
	struct nm_span sp = s->doc->sentences[sent];
	unsigned char side = g->sides ? g->sides[h->rule] : SIDE_NONE;
	if (side != SIDE_NONE)
		return side;
	return cls_cue_in(s, sent, CUE_SUPPORT, sp.start, sp.end) &&
			       !cls_cue_in(s, sent, CUE_RESISTANCE, sp.start, sp.end)
		       ? SIDE_SUPPORT
		       : SIDE_RESISTANCE;
}

static void rejection_figures(struct scratch *s, struct nm_event *e, const struct cand *primary,
			      const struct cand *all, size_t n)
{
	const struct nm_doc *doc = s->doc;
	struct nm_figures *f = &e->figures;
	const struct hit *h = H(s, primary->hit);
	size_t lv = level_near(s, primary->sentence, h->start, h->end);
	size_t sent = primary->sentence;
	size_t lv_sent;
	unsigned char side;

	for (size_t j = 0; j < n && lv == SIZE_MAX; j++) {
		const struct hit *o = H(s, all[j].hit);
		if ((lv = level_near(s, all[j].sentence, o->start, o->end)) != SIZE_MAX) {
			h = o;
			sent = all[j].sentence;
		}
	}
	lv_sent = sent;
	if (lv == SIZE_MAX && (lv = level_before(s, primary->sentence, e->asset)) != SIZE_MAX) {
		h = H(s, primary->hit);
		sent = primary->sentence;
		lv_sent = sent - 1;
	}
	side = telling_side(s, sent, h);
	if (lv == SIZE_MAX)
		lv = level_named(s, e->asset, side == SIDE_SUPPORT ? "support" : "resistance", &lv_sent);
	if (lv != SIZE_MAX && !zone_of(s, lv_sent, lv, &f->low, &f->high)) {
		const struct nm_mention *m = &doc->mentions[lv];
		f->level = dollars(m, !isnan(m->value) ? m->value : !isnan(m->low) ? m->low : m->high);
	}
	/* a headline's level told as a zone by the body ("Fails to Break $93K", then "the
	 * $92,000-$93,000 resistance"): the zone, which the headline rounded off. (A body's
	 * level stays: "failing to sustain momentum above $3,180" is the level tested.) */
	bool headline = cls_sent_flags(s, primary->sentence) & SF_HEADLINE;
	for (size_t j = 0; j < n && headline && !isnan(f->level); j++) {
		const struct hit *o = H(s, all[j].hit);
		size_t zl;
		double lo, hi;
		if (all[j].modality != primary->modality ||
		    (zl = level_near(s, all[j].sentence, o->start, o->end)) == SIZE_MAX ||
		    !zone_of(s, all[j].sentence, zl, &lo, &hi))
			continue;
		if (lo <= f->level * (1 + ZONE_SLACK) && f->level <= hi * (1 + ZONE_SLACK)) {
			f->low = lo;
			f->high = hi;
			f->level = NAN;
		}
	}
	cls_copy(f->side, sizeof(f->side), side == SIDE_SUPPORT ? "support" : "resistance");
}

/*
 * A line of figures ("- BTC: $117M", or "ETH: $180M" from a list item of a page): a
 * bulleted line, an amount right after a colon, or only an asset and its amount ("BTC
 * $150M" under "Breakdown by coin:"). It reads as a heading (no full stop), but it goes
 * on with the sentence before it.
 */
static bool data_line(const struct scratch *s, size_t sent)
{
	const struct nm_doc *doc = s->doc;
	size_t a, b;
	if (nm_sentence_after_bullet(doc, sent))
		return true;
	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b; i++) {
		size_t k = doc->mentions[i].span.start;
		while (k > doc->sentences[sent].start && doc->text[k - 1] == ' ')
			k--;
		if (is_amount(&doc->mentions[i]) && k > doc->sentences[sent].start && doc->text[k - 1] == ':')
			return true;
	}
	/* the asset's name, then its amount, and nothing else */
	if (b - a == 2 && doc->mentions[a].kind == NM_MENTION_ASSET && is_amount(&doc->mentions[a + 1])) {
		struct nm_span sp = doc->sentences[sent];
		size_t e = sp.end;
		while (e > sp.start && nm_isspace((unsigned char)doc->text[e - 1]))
			e--;
		size_t g = doc->mentions[a].span.end;
		while (g < doc->mentions[a + 1].span.start && doc->text[g] == ' ')
			g++;
		/* (not a heading with words between: "Solana Outlook $40M") */
		return doc->mentions[a].span.start == sp.start && g == doc->mentions[a + 1].span.start &&
		       doc->mentions[a + 1].span.end == e;
	}
	return false;
}

/*
 * A wave is often told over several sentences: "... $640M liquidated. Some $262M of
 * those came from Bitcoin, with Ethereum at $109M." Up to CONTINUATION_MAX sentences
 * right after an evidence sentence join the evidence while each carries an amount of at
 * least a million dollars, no trigger of another type, no deleveraging veto (calm: "came
 * to less than $3M"), no distractor (flows, hacks) and no history, and is not a
 * heading; lines of figures (data_line) go on a list of up to DATA_LINES_MAX.
 */
#define CONTINUATION_MAX 3
#define DATA_LINES_MAX 10
static bool continuation(const struct scratch *s, size_t sent)
{
	const struct nm_doc *doc = s->doc;
	struct nm_span sp = doc->sentences[sent];
	size_t a, b;
	bool amounts = false;
	unsigned flags = cls_sent_flags(s, sent);

	if ((flags & SF_QUESTION) || ((flags & SF_HEADING) && !data_line(s, sent)))
		return false;
	if (tells_other_type(s, sent, EV_DELEVERAGING))
		return false;
	/* the amounts first: they cost a look at the sentence's mentions, the cues a
	 * run of their rules */
	sent_mentions(s, sent, &a, &b);
	for (size_t i = a; i < b; i++)
		amounts |= is_amount(&doc->mentions[i]);
	/* (a veto: told as calm, or the word in another sense) */
	return amounts && !cls_cue_in(s, sent, CUE_DISTRACTOR, sp.start, sp.end) &&
	       !cls_cue_in(s, sent, CUE_HISTORY, sp.start, sp.end) &&
	       !cls_cue_in(s, sent, CUE_SINGLE, sp.start, sp.end) && !has_veto(s, sent, EV_DELEVERAGING);
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Add continuation sentences to the sorted list (*sents, n); returns the new count. */
/* Is sentence i a short line that heads a list ("Breakdown by coin (4h):")? */
#define LIST_HEAD_MAX 60
static bool list_head(const struct nm_doc *doc, size_t i)
{
	struct nm_span sp = doc->sentences[i];
	size_t e = sp.end;
	while (e > sp.start && nm_isspace((unsigned char)doc->text[e - 1]))
		e--;
	return e > sp.start && e - sp.start <= LIST_HEAD_MAX && doc->text[e - 1] == ':';
}

static size_t add_continuations(const struct scratch *s, size_t **sents, size_t n)
{
	size_t m = n;
	for (size_t i = 0; i < n; i++) {
		if (cls_sent_flags(s, (*sents)[i]) & (SF_HEADING | SF_HEADLINE))
			continue;
		for (size_t next = (*sents)[i] + 1, k = 0, lines = 0;
		     k < CONTINUATION_MAX && lines < DATA_LINES_MAX && next < s->doc->n_sentences; next++) {
			/* the first n are sorted; the ones added so far only grow */
			bool have = bsearch(&next, *sents, n, sizeof(**sents), cmp_size) ||
				    (m > n && (*sents)[m - 1] == next);
			if (have)
				break; /* the next evidence sentence goes on from there */
			if (list_head(s->doc, next))
				continue; /* "Breakdown by coin (4h):", then its lines */
			if (!continuation(s, next))
				break;
			if (cls_sent_flags(s, next) & SF_HEADING)
				lines++; /* a line of figures */
			else
				k++;
			*sents = nm_xrealloc(*sents, (m + 1) * sizeof(**sents));
			(*sents)[m++] = next;
		}
	}
	qsort(*sents, m, sizeof(**sents), cmp_size);
	return m;
}

/* ------------------------------------------------------------------ grouping */

/*
 * Confidence from the strength of the evidence: the strongest trigger's weight, more
 * for each further *distinct* telling (a page that repeats a sentence word for word —
 * a duplicated body, a teaser — tells it once), more with figures, less when the event
 * is not reported. Strong wording alone is not enough for a high score: one telling
 * with no figure stays at or below CONF_BARE_MAX. A rejection bound to no asset, unless
 * of the total market cap (GUIDELINES.md: asset null), rests on a guess that the level
 * is no price of an asset named elsewhere: no figure credit and less.
 */
#define CONF_SECOND 0.10   /* a second distinct evidence sentence */
#define CONF_THIRD 0.05    /* a third one */
#define CONF_FIGURES 0.10  /* an amount, a level or a zone */
#define CONF_HEDGED 0.05   /* forecast or negated */
#define CONF_NO_ASSET 0.20 /* a rejection of no asset */
#define CONF_BARE_MAX 0.75 /* one telling, no figure */

static bool same_text(const struct nm_doc *doc, struct nm_span a, struct nm_span b)
{
	return b.end - b.start == a.end - a.start &&
	       !memcmp(doc->text + a.start, doc->text + b.start, a.end - a.start);
}

static size_t distinct_tellings(const struct nm_doc *doc, const struct nm_event *e)
{
	size_t n = 0;
	for (size_t i = 0; i < e->n_evidence; i++) {
		struct nm_span a = e->evidence[i];
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = same_text(doc, a, e->evidence[j]);
		n += !seen;
	}
	return n;
}

/* Tellings of another modality than the event's (left out of its evidence) still show
 * that the article is about it: distinct ones, not repeating an evidence sentence. */
static size_t other_tellings(const struct nm_doc *doc, const struct nm_event *e, const struct cand *cs,
			     size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		struct nm_span a = doc->sentences[cs[i].sentence];
		bool seen = cs[i].question || cs[i].modality == e->modality;
		for (size_t j = 0; j < e->n_evidence && !seen; j++)
			seen = same_text(doc, a, e->evidence[j]);
		for (size_t j = 0; j < i && !seen; j++)
			seen = !cs[j].question && cs[j].modality != e->modality &&
			       same_text(doc, a, doc->sentences[cs[j].sentence]);
		k += !seen;
	}
	return k;
}

/* Does a telling reject the total market cap? Then no asset is the event's asset. */
static bool whole_market(const struct cand *cs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cs[i].whole_market)
			return true;
	return false;
}

static double confidence(const struct scratch *s, const struct nm_event *e, int type,
			 const struct cand *cs, size_t n)
{
	double w = 0, c;
	size_t tellings = distinct_tellings(s->doc, e) + other_tellings(s->doc, e, cs, n);
	bool figures;
	for (size_t i = 0; i < n; i++)
		if (cs[i].weight > w)
			w = cs[i].weight;
	c = w;
	if (tellings >= 2)
		c += CONF_SECOND;
	if (tellings >= 3)
		c += CONF_THIRD;
	figures = !isnan(e->figures.total_usd) || e->figures.n_per_asset || !isnan(e->figures.level) ||
		  !isnan(e->figures.low);
	if (type == EV_REJECTION && !e->asset[0] && !whole_market(cs, n)) {
		figures = false;
		c -= CONF_NO_ASSET;
	}
	if (figures)
		c += CONF_FIGURES;
	else if (tellings <= 1 && c > CONF_BARE_MAX)
		c = CONF_BARE_MAX;
	if (e->modality != NM_MOD_REPORTED)
		c -= CONF_HEDGED;
	return c < 0 ? 0 : c > 1 ? 1 : c;
}

/* Is candidate i a conceded telling that its sentence denies ("Despite the selloff in
 * equities, there was no flight to safety")? Then it makes nothing reported. */
static bool denied(const struct cand *cs, size_t n, size_t i)
{
	if (!cs[i].conceded)
		return false;
	for (size_t j = 0; j < n; j++)
		if (cs[j].sentence == cs[i].sentence && cs[j].modality == NM_MOD_NEGATED)
			return true;
	return false;
}

/*
 * "A single borrower had $6.4M of collateral liquidated ... The liquidations were carried
 * out smoothly": in an article that tells one trader's liquidation, tellings with no
 * figure and no market cue speak of that one, not of a wave.
 */
static bool one_traders_story(const struct scratch *s, const struct nm_event *e,
			      const struct cand *cs, size_t n)
{
	if (!s->one_trader || !isnan(e->figures.total_usd) || e->figures.n_per_asset)
		return false;
	for (size_t i = 0; i < n; i++) {
		struct nm_span sp = s->doc->sentences[cs[i].sentence];
		if (cls_cue_in(s, cs[i].sentence, CUE_MARKET, sp.start, sp.end))
			return false;
	}
	return true;
}

static enum nm_code make_event(struct scratch *s, int type, const char *asset, struct cand *cs,
			       size_t n, struct nm_err *err)
{
	struct nm_doc *doc = s->doc;
	struct nm_event e;
	size_t *sents = nm_xmalloc(n * sizeof(*sents)), ns = 0;
	const struct cand *primary = NULL;
	bool any_reported = false, any_forecast = false;
	enum nm_code rc = NM_OK;

	nm_event_init(&e, ev_type_names[type], asset);
	for (size_t i = 0; i < n; i++) {
		if (cs[i].question)
			continue;
		any_reported |= cs[i].modality == NM_MOD_REPORTED && !denied(cs, n, i);
		any_forecast |= cs[i].modality == NM_MOD_FORECAST;
	}
	e.modality = any_reported ? NM_MOD_REPORTED : any_forecast ? NM_MOD_FORECAST : NM_MOD_NEGATED;
	/* the evidence, and so the figures and the checks, are the tellings of the event's
	 * modality: "if BTC fails to hold $80,000, another wave could follow" tells no
	 * figure of the wave that happened. Capped: the first EVIDENCE_MAX tellings say
	 * what the rest say. */
	for (size_t i = 0; i < n; i++)
		if (!cs[i].question && cs[i].modality == e.modality &&
		    (!ns || sents[ns - 1] != cs[i].sentence) && ns < EVIDENCE_MAX)
			sents[ns++] = cs[i].sentence;
	/* the primary telling: the headline's, else the first, of the chosen modality */
	for (size_t i = 0; i < n && !primary; i++)
		if (!cs[i].question && cs[i].modality == e.modality && (cls_sent_flags(s, cs[i].sentence) & SF_HEADLINE))
			primary = &cs[i];
	for (size_t i = 0; i < n && !primary; i++)
		if (!cs[i].question && cs[i].modality == e.modality)
			primary = &cs[i];
	e.trigger = (struct nm_span){H(s, primary->hit)->start, H(s, primary->hit)->end};
	if (ns) {
		e.evidence = nm_arena_alloc(doc->arena, ns * sizeof(*e.evidence));
		if (!e.evidence) {
			rc = NM_ETOOBIG;
			goto out;
		}
		for (size_t i = 0; i < ns; i++)
			e.evidence[i] = doc->sentences[sents[i]];
		e.n_evidence = ns;
	}
	if (type == EV_DELEVERAGING) {
		ns = add_continuations(s, &sents, ns);
		if (ns != e.n_evidence) {
			e.evidence = nm_arena_alloc(doc->arena, ns * sizeof(*e.evidence));
			if (!e.evidence) {
				rc = NM_ETOOBIG;
				goto out;
			}
			for (size_t i = 0; i < ns; i++)
				e.evidence[i] = doc->sentences[sents[i]];
			e.n_evidence = ns;
		}
		if (e.asset[0] && several_assets_amounts(s, sents, ns))
			e.asset[0] = '\0';
		if ((rc = deleveraging_figures(s, &e, sents, ns)))
			goto out;
		if (one_traders_story(s, &e, cs, n))
			goto out;
	} else if (type == EV_REJECTION) {
		rejection_figures(s, &e, primary, cs, n);
	}
	e.confidence = confidence(s, &e, type, cs, n);
	if (e.confidence < s->c->min_confidence)
		goto out;
	nm_event_set_id(&e, doc);
	rc = nm_doc_add_event(doc, &e);
out:
	free(sents);
	if (rc)
		return nm_err_set(err, rc, "document over its memory budget while adding events");
	return NM_OK;
}

/* Is every telling of amount v in event e's evidence bound to asset? */
static bool told_only_of(const struct nm_doc *doc, const struct nm_event *e, double v, const char *asset)
{
	for (size_t k = 0; k < e->n_evidence; k++)
		for (size_t i = 0; i < doc->n_mentions; i++) {
			const struct nm_mention *m = &doc->mentions[i];
			if (m->span.start < e->evidence[k].start || m->span.end > e->evidence[k].end ||
			    !is_amount(m) || fabs(m->value - v) > 0.005 * v)
				continue;
			if (strcmp(m->asset, asset))
				return false;
		}
	return true;
}

/*
 * A market wave whose total is its one asset's amount, told only of that asset, is that
 * asset's wave: "Ether long liquidations reached $170 million as the latest crypto market
 * sell-off forced leveraged ETH bulls out" (the market cue was the setting). Not when
 * the amount is also told unbound ("over $2 billion in liquidations across the sector"),
 * nor when the asset has a wave of its own already.
 */
static void one_assets_total(struct nm_doc *doc)
{
	for (size_t i = 0; i < doc->n_events; i++) {
		struct nm_event *e = &doc->events[i];
		struct nm_figures *f = &e->figures;
		bool own = false;
		if (strcmp(e->type, ev_type_names[EV_DELEVERAGING]) || e->asset[0] || f->n_per_asset != 1 ||
		    isnan(f->total_usd) || fabs(f->total_usd - f->per_asset[0].usd) > 0.005 * f->total_usd ||
		    !told_only_of(doc, e, f->total_usd, f->per_asset[0].asset))
			continue;
		for (size_t k = 0; k < doc->n_events && !own; k++)
			own = !strcmp(doc->events[k].type, e->type) &&
			      !strcmp(doc->events[k].asset, f->per_asset[0].asset);
		if (own)
			continue;
		cls_copy(e->asset, sizeof(e->asset), f->per_asset[0].asset);
		f->total_usd = NAN;
		f->qualifier = NM_QUAL_NONE;
		nm_event_set_id(e, doc);
	}
}

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	int r;
	if (x->type != y->type)
		return x->type - y->type;
	if ((r = strcmp(x->asset, y->asset)))
		return r;
	return x->hit < y->hit ? -1 : x->hit > y->hit;
}

enum nm_code cls_events(struct scratch *s, struct nm_err *err)
{
	size_t n = 0;
	struct cand *cs = nm_xmalloc((s->n_hits + 1) * sizeof(*cs));
	bool market_delev = false;
	enum nm_code rc = NM_OK;

	/* an article that defines risk-off explains it: its risk-off words are no event */
	for (size_t k = 0; k < s->n_hits && !s->explainer; k++)
		if (s->hits[k].group == cls_group_index(G_TRIGGER, EV_RISK_OFF))
			for (size_t i = 0; i < s->doc->n_sentences && !s->explainer; i++) {
				const struct hit *h;
				s->explainer = cls_group_hits(s, i, cls_group_index(G_CUE, CUE_DEFINITION), &h) > 0;
			}
	/* a headline that explains liquidations makes the article a guide, one that looks
	 * back a retrospective (a title may be split at its question mark: "What Is a
	 * Liquidation? A Beginner's Guide") */
	for (size_t i = 0; i < s->doc->n_sentences && i < HEADLINE_ZONE; i++) {
		struct nm_span sp = s->doc->sentences[i];
		if (i > 0 && paragraph_starts(s->doc, i) && !(cls_sent_flags(s, i) & SF_HEADLINE)) {
			/* (the body's first sentence may define the term: "A liquidation heatmap
			 * is a color-coded chart ...") */
			s->guide = s->guide || cls_cue_in(s, i, CUE_GUIDE, sp.start, sp.end);
			break;
		}
		s->guide = s->guide || cls_cue_in(s, i, CUE_GUIDE, sp.start, sp.end);
		s->retro = s->retro || cls_cue_in(s, i, CUE_RETRO, sp.start, sp.end);
		/* (a headline line, not the lede: "Last week Bitcoin was rejected ...") */
		s->weekly = s->weekly || ((i == 0 || (cls_sent_flags(s, i) & (SF_HEADLINE | SF_HEADING))) &&
					  cls_cue_in(s, i, CUE_WEEKLY, sp.start, sp.end));
	}
	for (size_t k = 0; k < s->n_hits; k++)
		if (s->c->groups[s->hits[k].group].kind == G_TRIGGER && keep_hit(s, k, &cs[n], &s->one_trader))
			n++;
	/*
	 * Deleveraging of one article is one wave: a market-wide telling takes in the
	 * asset-level ones; open tellings join the one asset named, else the market.
	 */
	{
		char only[NM_TICKER_MAX] = "";
		bool several = false, market_reported = false, only_reported = false;
		/* (a market-wide wave said not to have happened makes no asset's forecast the
		 * market's: "no broad liquidation cascade so far ... a break below $88,000 could
		 * trigger $1 billion in bitcoin long liquidations" is two happenings) */
		for (size_t i = 0; i < n; i++) {
			if (cs[i].type != EV_DELEVERAGING || cs[i].question)
				continue;
			if (!cs[i].asset[0] && cs[i].modality == NM_MOD_NEGATED)
				continue;
			if (!cs[i].asset[0]) {
				market_delev = true;
				market_reported |= cs[i].modality == NM_MOD_REPORTED;
			}
			else if (strcmp(cs[i].asset, UNKNOWN_ASSET)) {
				several |= only[0] && strcmp(only, cs[i].asset);
				cls_copy(only, sizeof(only), cs[i].asset);
				only_reported |= cs[i].modality == NM_MOD_REPORTED;
			}
		}
		/* (only when the asset has an amount of its own: a name alone does not
		 * outweigh the market's telling; nor does a wave only foretold of the asset
		 * outweigh one the market is told to have had) */
		if (market_delev && only[0] && !several && (only_reported || !market_reported) &&
		    amount_of_asset(s->doc, 0, s->doc->n_mentions, only, 0, SIZE_MAX)) {
			bool weak = true;
			for (size_t i = 0; i < n && weak; i++)
				if (cs[i].type == EV_DELEVERAGING && !cs[i].question && !cs[i].asset[0] &&
				    cs[i].modality != NM_MOD_NEGATED)
					weak = weak_market_telling(s, &cs[i], only);
			market_delev = !weak;
		}
		/* ... and an open telling whose amount exceeds all of the asset's is the market's
		 * total: "Bitcoin shorts lost $260 million. Short liquidations totalled $410
		 * million" (told as news: a larger sum foretold is the asset's worse case) */
		if (!market_delev && only[0] && !several)
			for (size_t i = 0; i < n && !market_delev; i++)
				market_delev = cs[i].type == EV_DELEVERAGING && !cs[i].question &&
					       !strcmp(cs[i].asset, UNKNOWN_ASSET) &&
					       cs[i].modality == NM_MOD_REPORTED && tells_larger_total(s, &cs[i], only);
		for (size_t i = 0; i < n; i++) {
			if (cs[i].type != EV_DELEVERAGING || (!cs[i].asset[0] && cs[i].modality == NM_MOD_NEGATED))
				continue;
			/* one asset's squeeze foretold beside the market's wave told as news is
			 * another happening: "short liquidations exceeded $560 million ... a
			 * similar short squeeze could trigger once ETH surpasses $3,000" */
			if (market_reported && cs[i].modality == NM_MOD_FORECAST && cs[i].asset[0] &&
			    strcmp(cs[i].asset, UNKNOWN_ASSET))
				continue;
			if (!only[0] && !market_delev)
				cls_copy(only, sizeof(only), headline_asset(s));
			if (market_delev || several || !only[0])
				cs[i].asset[0] = '\0';
			else
				cls_copy(cs[i].asset, sizeof(cs[i].asset), only);
		}
	}
	qsort(cs, n, sizeof(*cs), cmp_cand);
	for (size_t i = 0; i < n && !rc;) {
		size_t j = i;
		bool body = false;
		while (j < n && cs[j].type == cs[i].type && !strcmp(cs[j].asset, cs[i].asset)) {
			body |= !cs[j].question;
			j++;
		}
		if (body)
			rc = make_event(s, cs[i].type, cs[i].asset, cs + i, j - i, err);
		i = j;
	}
	free(cs);
	if (!rc)
		one_assets_total(s->doc);
	return rc;
}
