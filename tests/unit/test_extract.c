/* tests/unit/test_extract.c — extract/'s article extraction through its public header:
 * each boilerplate kind on a small hand-written page, each metadata source, charsets,
 * plain text offsets, and hostile pages generated here (deep nesting, no body, frameset,
 * thousands of attributes, NUL bytes, invalid UTF-8). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "extract/extract.h"
#include "tests/unit/fuzz_replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The libFuzzer target, linked in to replay its seeds and crash reproducers. */
#include "fuzz/extract.c"

/* An article body long enough to be found by scoring, with marker sentences. */
#define BODY                                                                                    \
	"<p>Bitcoin fell sharply on Monday, extending losses after a rejection at resistance, "  \
	"and traders said leverage had built up over the weekend across several venues.</p>"     \
	"<p>Ether dropped as well, with analysts pointing to thin liquidity, rising funding "    \
	"rates and a wave of forced selling that hit both large and small tokens.</p>"           \
	"<p>Market makers, according to people familiar with the matter, widened their "        \
	"quotes as volatility rose, which deepened the move into the close.</p>"

static struct nm_doc *run(const char *page, size_t len, const char *url, const char *ct,
			  bool plain)
{
	struct nm_doc *doc = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
	struct nm_extract_opts o = {.url = url, .content_type = ct, .plain_text = plain};
	struct nm_err err = {0};
	assert_non_null(doc);
	assert_int_equal(nm_extract_article(doc, page, len, &o, &err), NM_OK);
	assert_non_null(doc->text);
	return doc;
}

static struct nm_doc *html(const char *page)
{
	return run(page, strlen(page), NULL, NULL, false);
}

static void has(const struct nm_doc *d, const char *s)
{
	if (!strstr(d->text, s))
		fail_msg("'%s' missing from main text:\n%s", s, d->text);
}

static void lacks(const struct nm_doc *d, const char *s)
{
	if (strstr(d->text, s))
		fail_msg("'%s' in main text:\n%s", s, d->text);
}

static void body_kept(const struct nm_doc *d)
{
	has(d, "Bitcoin fell sharply on Monday");
	has(d, "Ether dropped as well");
	has(d, "widened their quotes");
}

/* One boilerplate kind wrapped around the article: the article stays, the junk goes. */
static void check_kind(const char *before, const char *after, const char *junk)
{
	char page[8192];
	struct nm_doc *d;
	snprintf(page, sizeof(page), "<html><body>%s<div class=\"story\">" BODY "</div>%s</body></html>",
		 before, after);
	d = html(page);
	body_kept(d);
	lacks(d, junk);
	nm_doc_free(d);
}

static void boilerplate_kinds(void **state)
{
	check_kind("<nav><a href=/>Home</a> <a href=/m>Markets</a></nav>", "", "Markets");
	check_kind("<header class=\"site-header\"><a href=/>The Daily Ledger</a></header>", "",
		   "Daily Ledger");
	check_kind("", "<footer>Copyright 2025 Example Media. All rights reserved.</footer>",
		   "Copyright 2025");
	check_kind("", "<div class=\"related-posts\"><h3>Related posts</h3><ul><li><a href=/a>Solana "
		   "rallies to a new high after upgrade</a></li><li><a href=/b>Dogecoin jumps</a></li>"
		   "</ul></div>", "Solana rallies");
	check_kind("<div class=\"share-bar\"><a href=#>Share on Facebook</a> <a href=#>Tweet</a></div>",
		   "", "Share on Facebook");
	check_kind("<div class=\"ad-slot\">Advertisement: buy the new phone today for less</div>", "",
		   "buy the new phone");
	check_kind("", "<div class=\"newsletter-signup\"><p>Get the morning briefing in your inbox "
		   "every day, free of charge, by signing up here.</p></div>", "morning briefing");
	check_kind("<div id=\"cookie-consent\">We use cookies to improve your experience on our site. "
		   "Accept all</div>", "", "We use cookies");
	check_kind("", "<section id=\"comments\"><div class=\"comment\"><p>I think this analysis is "
		   "completely wrong and the author should check the data, because prices went up."
		   "</p></div></section>", "completely wrong");
	check_kind("<div class=\"byline\">By Jane Doe, Staff Reporter</div>"
		   "<div class=\"dateline\">November 17, 2025</div>", "", "Jane Doe");
	check_kind("<div class=\"social-follow\">Follow us on Twitter and Telegram</div>", "",
		   "Telegram");
	check_kind("<div style=\"display:none\">Hidden teaser text that nobody sees</div>", "",
		   "Hidden teaser");
	check_kind("", "<aside><p>Most read: the ten coins you need to watch this winter.</p></aside>",
		   "ten coins");
	check_kind("", "<p>Advertisement</p>", "Advertisement");
	/* stand-alone blocks inside the article: datelines, credits, counters, promos */
	check_kind("<p>Nov. 20, 2019, 9:28 AM UTC</p>", "", "9:28");
	check_kind("<p>Published November 20th, 2019 - 07:50 GMT</p>", "", "07:50");
	check_kind("", "<p>(Reporting by Ann Reporter; Editing by Bob Editor)</p>", "Ann Reporter");
	check_kind("", "<p>Jane Doe contributed to this report.</p>", "Jane Doe");
	check_kind("", "<p>Image 3 of 5</p>", "Image 3");
	check_kind("", "<p>Follow us on Twitter @example and on Facebook.</p>", "Follow us");
	check_kind("", "<p>https://example.com/some/page.html</p>", "example.com");
	check_kind("", "<p>Photo \xc2\xa9 Example Agency, 2018</p>", "Example Agency");
	check_kind("", "<p>Related Roundup: MacBook Pro</p>", "Roundup");
	check_kind("", "<p>This slideshow requires JavaScript.</p>", "JavaScript");
	check_kind("", "<p>[button link=\"/x\"] Send us your review[/button]</p>", "Send us");
	check_kind("", "<p>Disclaimer: The views and investment tips expressed by experts here are their "
		   "own and not those of the website or its management.</p>", "investment tips");
	check_kind("", "<p>Tags<br>bitcoin price, ether outlook</p>", "ether outlook");
	check_kind("", "<h3>More great stories</h3><ul><li><a href=/1>One headline</a></li></ul>",
		   "More great stories");
}

static void quoted_posts_kept(void **state)
{
	/* the signature of an embedded post is quoted text, not a dateline */
	struct nm_doc *d = html("<html><body><div class=story>" BODY "<blockquote><p>We did it.</p>"
				"<p>\xe2\x80\x94 Some Club (@someclub) November 20, 2019</p></blockquote>"
				"<p>The club confirmed it later that day, in a long statement.</p></div></body></html>");
	has(d, "(@someclub) November 20, 2019");
	nm_doc_free(d);
}

static void structure_kept(void **state)
{
	struct nm_doc *d = html(
		"<html><head><title>Slide deepens | Ledger</title></head><body><article>"
		"<h1>Slide deepens</h1>" BODY "<h2>What analysts expect next</h2>"
		"<ul><li>Funding rates reset to neutral levels</li><li>Open interest rebuilds slowly</li></ul>"
		"<figure><img src=x.jpg><figcaption>Traders at a desk. Photo: Agency</figcaption></figure>"
		"<table><tr><td>BTC</td><td>$177 million</td></tr><tr><td>ETH</td><td>$180 million</td></tr></table>"
		"<p>Line one<br>line two</p></article></body></html>");
	body_kept(d);
	has(d, "What analysts expect next");
	has(d, "Funding rates reset to neutral levels\n\nOpen interest rebuilds slowly");
	has(d, "$177 million");
	has(d, "Line one\nline two");
	lacks(d, "Slide deepens"); /* the headline is metadata, not body */
	lacks(d, "Photo: Agency");
	has(d, "the weekend across several venues.\n\nEther dropped");
	assert_string_equal(d->title, "Slide deepens");
	nm_doc_free(d);
	/* a heading repeating the title without its site suffix is the headline too */
	d = html("<html><head><meta property=\"og:title\" content=\"Rally fades - Ledger\"></head>"
		 "<body><article><h2>Rally fades</h2>" BODY "</article></body></html>");
	lacks(d, "Rally fades");
	body_kept(d);
	nm_doc_free(d);
}

static void page_signals(void **state)
{
	/* itemprop=articleBody wins over a longer block of other text */
	struct nm_doc *d = html(
		"<html><body><div class=\"teasers\"><p>A long teaser paragraph about something else that "
		"goes on and on, with commas, clauses, and more words than the article has, really.</p>"
		"<p>Another teaser paragraph about something else that goes on and on, with commas, "
		"and more words than the article body, for sure, to tempt a scorer.</p></div>"
		"<div itemprop=\"articleBody\"><p>The short real article about Zcash, which rose.</p>"
		"<p>It rose again on Tuesday, to the surprise of many traders.</p></div></body></html>");
	has(d, "short real article about Zcash");
	lacks(d, "teaser");
	nm_doc_free(d);

	/* a short post beside a longer list of teaser <article>s: the list is not the article */
	d = html("<html><body><article itemscope itemtype=\"http://schema.org/BlogPosting\">"
		 "<p>The short post itself, about Dogecoin and its loyal community, which rose again "
		 "this week, as traders piled in once more after a quiet month.</p></article><div class=list>"
		 "<article><p>First teaser of another post, long enough, with commas, clauses, and "
		 "many words to outweigh the post above, by far.</p></article>"
		 "<article><p>Second teaser of another post, long enough, with commas, clauses, and "
		 "many words to outweigh the post above, by far.</p></article>"
		 "<article><p>Third teaser of another post, long enough, with commas, clauses, and "
		 "many words to outweigh the post above, by far.</p></article></div></body></html>");
	has(d, "The short post itself");
	lacks(d, "teaser");
	nm_doc_free(d);

	/* a live blog: its entries are <article>s inside the article; all of them stay */
	d = html("<html><body><div class=live-blog>"
		 "<article><p>10:02 First entry of the live blog, about the market open, with commas, "
		 "and enough words to count as a paragraph.</p></article>"
		 "<article><p>10:15 Second entry of the live blog, about the first hour, with commas, "
		 "and enough words to count as a paragraph.</p></article>"
		 "<article><p>10:40 Third entry of the live blog, about liquidations, with commas, "
		 "and enough words to count as a paragraph too.</p></article></div></body></html>");
	has(d, "First entry");
	has(d, "Second entry");
	has(d, "Third entry");
	nm_doc_free(d);

	/* JSON-LD articleBody when the DOM has no article (rendered by script) */
	d = html("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
		 "\"headline\":\"H\",\"articleBody\":\"First paragraph of a script-rendered story about "
		 "Solana and its outage, which lasted hours.\\nSecond paragraph: validators restarted the "
		 "network after a long coordination effort across many time zones, then blocks resumed "
		 "and the price recovered, while exchanges reopened deposits one by one through the "
		 "evening and into the night, with some delays reported by users in Asia.\\nThird "
		 "paragraph, which closes the story with a quote from an engineer about what comes "
		 "next.\"}</script></head><body><div id=app>Loading</div></body></html>");
	has(d, "script-rendered story about Solana");
	has(d, "hours.\n\nSecond paragraph");
	nm_doc_free(d);
}

static void metadata_sources(void **state)
{
	struct nm_doc *d = html(
		"<html lang=\"en-US\"><head><title>Title tag | Site</title>"
		"<meta property=\"og:title\" content=\"OG title\">"
		"<meta property=\"og:site_name\" content=\"Example News\">"
		"<meta property=\"article:published_time\" content=\"2025-11-17T08:00:00+01:00\">"
		"<meta property=\"article:modified_time\" content=\"2025-11-18T10:30:00Z\">"
		"<meta name=\"author\" content=\"Meta Author\">"
		"<link rel=\"canonical\" href=\"/news/a.html?x=1\">"
		"</head><body>" BODY "</body></html>");
	assert_string_equal(d->title, "OG title");
	assert_string_equal(d->site, "Example News");
	assert_string_equal(d->published, "2025-11-17T07:00:00Z");
	assert_string_equal(d->modified, "2025-11-18T10:30:00Z");
	assert_string_equal(d->author, "Meta Author");
	assert_string_equal(d->language, "en-US");
	assert_null(d->canonical_url); /* relative and no page URL: unresolvable */
	nm_doc_free(d);

	const char *p = "<html><head><title>Title tag | Site</title>"
			"<link rel=\"canonical\" href=\"/news/a.html\"></head><body>" BODY "</body></html>";
	d = run(p, strlen(p), "https://www.example.com/x/y", NULL, false);
	assert_string_equal(d->canonical_url, "https://www.example.com/news/a.html");
	assert_string_equal(d->title, "Title tag"); /* <title> minus the site suffix */
	assert_string_equal(d->site, "example.com");  /* from the URL when nothing else says */
	nm_doc_free(d);

	/* JSON-LD beats meta; several authors */
	d = html("<html><head><meta property=\"og:locale\" content=\"de_DE\">"
		 "<script type=\"application/ld+json\">[{\"@context\":\"https://schema.org\",\"@graph\":[{"
		 "\"@type\":\"NewsArticle\",\"headline\":\"LD headline\",\"datePublished\":\"2025-11-17\","
		 "\"dateModified\":\"Mon, 17 Nov 2025 09:00:00 GMT\",\"author\":[{\"@type\":\"Person\","
		 "\"name\":\"Ann One\"},{\"name\":\"Bob Two\"}],\"publisher\":{\"name\":\"LD Site\"}}]}]"
		 "</script><meta property=\"article:published_time\" content=\"2020-01-01\"></head>"
		 "<body><h1>H1 title</h1>" BODY "</body></html>");
	assert_string_equal(d->title, "LD headline");
	assert_string_equal(d->published, "2025-11-17T00:00:00Z");
	assert_string_equal(d->modified, "2025-11-17T09:00:00Z");
	assert_string_equal(d->author, "Ann One, Bob Two");
	assert_string_equal(d->site, "LD Site");
	assert_string_equal(d->language, "de-DE");
	nm_doc_free(d);

	/* <h1>, <time datetime>, rel=author, og:url */
	p = "<html><head><meta property=\"og:url\" content=\"https://ex.org/story\"></head><body>"
	    "<h1>Heading title</h1><a rel=\"author\" href=/u>By Carol Three</a>"
	    "<time datetime=\"2024-02-29T23:00:00-02:00\">Feb 29</time>" BODY "</body></html>";
	d = html(p);
	assert_string_equal(d->title, "Heading title");
	assert_string_equal(d->published, "2024-03-01T01:00:00Z");
	assert_string_equal(d->author, "Carol Three");
	assert_string_equal(d->canonical_url, "https://ex.org/story");
	nm_doc_free(d);

	/* other meta date names, then the URL's date */
	p = "<html><head><meta name=\"pubdate\" content=\"2023-05-06T07:08:09Z\"></head><body>" BODY "</body></html>";
	d = html(p);
	assert_string_equal(d->published, "2023-05-06T07:08:09Z");
	nm_doc_free(d);
	p = "<html><body>" BODY "</body></html>";
	d = run(p, strlen(p), "https://ex.org/2019/11/18/some-story/", NULL, false);
	assert_string_equal(d->published, "2019-11-18T00:00:00Z");
	nm_doc_free(d);
	d = run(p, strlen(p), "https://ex.org/news/a-story", NULL, false);
	assert_null(d->published);
	assert_null(d->title);
	nm_doc_free(d);
}

static void charsets(void **state)
{
	/* HTTP header charset: latin-1 bytes become UTF-8 */
	const char latin[] = "<html><body><p>Caf\xe9 cr\xe8me prices rose, and the caf\xe9 owners said so "
			     "in a long interview, with many words in it.</p></body></html>";
	struct nm_doc *d = run(latin, sizeof(latin) - 1, NULL, "text/html; charset=ISO-8859-1", false);
	has(d, "Caf\xc3\xa9 cr\xc3\xa8me");
	nm_doc_free(d);
	/* <meta charset> */
	const char meta[] = "<html><head><meta charset=\"windows-1252\"></head><body><p>Price \x80"
			    "100 and \x93quoted\x94 words in a long enough paragraph, with commas.</p></body></html>";
	d = run(meta, sizeof(meta) - 1, NULL, NULL, false);
	has(d, "Price \xe2\x82\xac" "100");
	has(d, "\xe2\x80\x9cquoted\xe2\x80\x9d");
	nm_doc_free(d);
	/* a wrong declaration: UTF-8 bytes declared as latin-1 stay UTF-8 */
	const char wrong[] = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
			     "charset=iso-8859-1\"></head><body><p>Caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3\xa9 "
			     "and a long enough sentence to be a paragraph.</p></body></html>";
	d = run(wrong, sizeof(wrong) - 1, NULL, NULL, false);
	has(d, "Caf\xc3\xa9 na\xc3\xafve");
	nm_doc_free(d);
	/* BOM dropped */
	const char bom[] = "\xef\xbb\xbf<html><body><p>After a byte order mark, a paragraph of text, "
			   "long enough.</p></body></html>";
	d = run(bom, sizeof(bom) - 1, NULL, NULL, false);
	has(d, "After a byte order mark");
	assert_true(nm_utf8_valid(d->text, d->text_len));
	nm_doc_free(d);
	/* undeclared and not UTF-8: read as windows-1252 */
	const char legacy[] = "<p>Na\xefve caf\xe9 d\xe9j\xe0 vu, a paragraph long enough to count.</p>";
	d = run(legacy, sizeof(legacy) - 1, NULL, NULL, false);
	has(d, "Na\xc3\xafve caf\xc3\xa9");
	nm_doc_free(d);
}

static void repair(void **state)
{
	/* invalid UTF-8 and NUL bytes: repaired to U+FFFD before offsets exist */
	const char bad[] = "<html><body><p>Valid \xc3\xa9 then bad \xff\xfe and a NUL \0 here, all in "
			   "one paragraph that is long enough.</p></body></html>";
	struct nm_doc *d = run(bad, sizeof(bad) - 1, NULL, NULL, false);
	assert_true(nm_utf8_valid(d->text, d->text_len));
	has(d, "Valid \xc3\xa9 then bad");
	has(d, "\xef\xbf\xbd");
	has(d, "here, all in one paragraph");
	nm_doc_free(d);
	/* plain text too */
	const char pbad[] = "a\xff" "b\0c";
	d = run(pbad, sizeof(pbad) - 1, NULL, NULL, true);
	assert_true(nm_utf8_valid(d->text, d->text_len));
	assert_string_equal(d->text, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c");
	nm_doc_free(d);
}

static void plain_text(void **state)
{
	const char t[] = "A title line\n\nTable of Contents\n\nThe market fell over $400 million.\n"
			 "More text here, with a full sentence.\n\nRELATED POSTS\n\nAds\n\nFollow us\n\n"
			 "Some Menu\n\nOther Menu\n";
	struct nm_doc *d = run(t, sizeof(t) - 1, NULL, NULL, true);
	const char *m = strstr(t, "over $400 million");
	size_t off = (size_t)(m - t);
	/* offsets into the input still hold in the text */
	assert_memory_equal(d->text + off, "over $400 million", 17);
	lacks(d, "Table of Contents");
	lacks(d, "RELATED POSTS");
	lacks(d, "Follow us");
	lacks(d, "Some Menu");
	has(d, "with a full sentence.");
	assert_string_equal(d->title, "A title line");
	nm_doc_free(d);
	/* the links under "Read more:", in the body or in a footer that a long legal
	 * notice ends; a list in the body stays */
	const char links[] = "Headline\n\nBitcoin held $90,000 on Monday.\n\nRead more:\n"
			     "- Solana Rejected at $150 Again as Bears Eye $120 and the Rest\n"
			     "- Ether Longs Liquidated: What Happened on Friday Night\n\n"
			     "Analysts listed three risks:\n- a stronger dollar\n- thin books\n\n"
			     "The price was steady.\n\nShare this article\n\nRelated:\n"
			     "- Whales Load Up Ahead of the Upgrade\n\n"
			     "Disclaimer: The information on this website is for general information "
			     "only and is not financial advice. Prices are volatile; do your own "
			     "research before you trade.\n";
	d = run(links, sizeof(links) - 1, NULL, NULL, true);
	lacks(d, "Solana Rejected");
	lacks(d, "Ether Longs");
	lacks(d, "Whales Load");
	lacks(d, "Share this article");
	lacks(d, "Disclaimer");
	has(d, "thin books");
	has(d, "The price was steady.");
	nm_doc_free(d);
	/* headlines right under "Related:" with no bullet; a byline with its dateline */
	const char related[] = "Headline\n\nAuthor: Evans Boto | Date: March 29, 2025\n\n"
			       "Bitcoin held $90,000 on Monday.\n\nRelated:\n"
			       "Bitcoin liquidations top $900 million as longs are wiped out\n"
			       "XRP rejected at $3 as traders take profits\n";
	d = run(related, sizeof(related) - 1, NULL, NULL, true);
	lacks(d, "liquidations top");
	lacks(d, "XRP rejected");
	lacks(d, "Evans Boto");
	has(d, "Bitcoin held $90,000 on Monday.");
	nm_doc_free(d);
	/* a dateline between dots is a label; "Market" is no month */
	const char dotted[] = "Headline\n\nOctober 22, 2025 \xc2\xb7 Market Update\n\nBitcoin held.\n";
	d = run(dotted, sizeof(dotted) - 1, NULL, NULL, true);
	lacks(d, "Market Update");
	has(d, "Bitcoin held.");
	nm_doc_free(d);
	/* a dateline near the top gives the date (and is blanked); a heading that names a
	 * month is no dateline */
	const char dated[] = "Headline\nUpdated: March 2, 2026 | 8 min read | By the desk\n\n"
			     "From the archive: February 2021\n\nBitcoin held $90,000.\n";
	d = run(dated, sizeof(dated) - 1, NULL, NULL, true);
	assert_non_null(d->published);
	assert_string_equal(d->published, "2026-03-02T00:00:00Z");
	lacks(d, "8 min read");
	has(d, "From the archive: February 2021");
	nm_doc_free(d);
	/* other datelines: dots between the parts, a press release's opening */
	static const char *const datelines[] = {
		"Headline\n\nLearn \xc2\xb7 Derivatives \xc2\xb7 8 min read \xc2\xb7 Updated 12 January 2026\n\nText.\n",
		"Headline\n\nSINGAPORE, January 12, 2026 /Wire/ -- The exchange said on Monday it had "
		"launched a product.\n",
	};
	for (size_t i = 0; i < 2; i++) {
		d = run(datelines[i], strlen(datelines[i]), NULL, NULL, true);
		assert_non_null(d->published);
		assert_string_equal(d->published, "2026-01-12T00:00:00Z");
		nm_doc_free(d);
	}
	/* the title's date is its story's */
	const char titled[] = "Five Years Since May 19, 2021: What Changed\n\nText of the article.\n";
	d = run(titled, sizeof(titled) - 1, NULL, NULL, true);
	assert_null(d->published);
	nm_doc_free(d);
	/* plain text without boilerplate is unchanged, byte for byte */
	const char keep[] = "Just one line.\nAnd another one, kept as is.  \n";
	d = run(keep, sizeof(keep) - 1, NULL, NULL, true);
	assert_string_equal(d->text, keep);
	nm_doc_free(d);
}

/* Feed bodies keep HTML character references; plain text decodes complete, valid ones
 * and leaves anything else as written. */
static void plain_text_references(void **state)
{
	const char t[] = "Ether&rsquo;s drop &mdash; 5&nbsp;% &amp; more: &#8217;&#x2019; "
			 "&bogus; &amp no &#0; &#xD800; &#x110000; &rsquo &thetasym; &;\n";
	struct nm_doc *d = run(t, sizeof(t) - 1, NULL, NULL, true);
	assert_string_equal(d->text, "Ether\xe2\x80\x99s drop \xe2\x80\x94 5\xc2\xa0% & more: "
				     "\xe2\x80\x99\xe2\x80\x99 &bogus; &amp no &#0; &#xD800; "
				     "&#x110000; &rsquo \xcf\x91 &;\n");
	nm_doc_free(d);
	/* a reference cut off by the end of the text stays as written */
	d = run("Up 5&#82", 8, NULL, NULL, true);
	assert_string_equal(d->text, "Up 5&#82");
	nm_doc_free(d);
}

/* A page of n teasers, each a heading linking to a story and a one-line standfirst;
 * link_outside puts the link around the heading instead of inside it. */
static char *teasers(const char *head, int n, bool link_outside)
{
	size_t cap = 4096 + (size_t)n * 400, len;
	char *p = malloc(cap);
	assert_non_null(p);
	len = (size_t)snprintf(p, cap, "<html><head>%s</head><body><nav><a href=\"/\">Home</a></nav>"
				       "<main><h1>Latest news</h1>", head);
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(p + len, cap - len,
					link_outside ? "<div class=\"card\"><a href=\"/story-%d.html\"><h3>"
						       "Token number %d rallies as shorts are squeezed</h3></a>"
						       "<p>Traders covered positions.</p></div>"
						     : "<article><h2><a href=\"/story-%d.html\">Token number %d "
						       "rallies as shorts are squeezed</a></h2><p>Traders covered "
						       "positions.</p></article>",
					i, i);
	snprintf(p + len, cap - len, "</main><footer><p>(c) Site</p></footer></body></html>");
	return p;
}

static enum nm_page_type type_of(const char *page, const char *url)
{
	struct nm_doc *d = run(page, strlen(page), url, NULL, false);
	enum nm_page_type t = d->page_type;
	nm_doc_free(d);
	return t;
}

static void page_types(void **state)
{
	char *p;
	/* an article with a box of related headlines stays an article */
	assert_int_equal(type_of("<html><head><meta property=\"og:type\" content=\"article\"></head><body>"
				 "<article><h1>Bitcoin falls</h1>" BODY "</article><div class=\"related-stories\">"
				 "<h3><a href=\"/a\">Another story about the market</a></h3>"
				 "<h3><a href=\"/b\">Yet another story about the market</a></h3>"
				 "<h3><a href=\"/c\">A third story about the market</a></h3>"
				 "<h3><a href=\"/d\">A fourth story about the market</a></h3>"
				 "<h3><a href=\"/e\">A fifth story about the market</a></h3></div></body></html>",
				 "https://example.com/"),
			 NM_PAGE_ARTICLE);
	/* an article with no type claim at all */
	assert_int_equal(type_of("<html><body><div>" BODY "</div></body></html>",
				 "https://example.com/markets/bitcoin-falls-after-rejection"),
			 NM_PAGE_ARTICLE);
	/* a home page of teasers */
	p = teasers("<title>Site</title>", 8, false);
	assert_int_equal(type_of(p, "https://example.com/"), NM_PAGE_LISTING);
	free(p);
	/* many teasers with links around their headings, no URL at all */
	p = teasers("<title>Site</title>", 10, true);
	assert_int_equal(type_of(p, NULL), NM_PAGE_LISTING);
	free(p);
	/* a few teasers on a page that says it is a collection, URL neutral */
	p = teasers("<meta property=\"og:type\" content=\"website\"><script type=\"application/ld+json\">"
		    "{\"@context\":\"https://schema.org\",\"@type\":\"CollectionPage\",\"name\":\"Markets\"}"
		    "</script>",
		    4, false);
	assert_int_equal(type_of(p, "https://example.com/markets"), NM_PAGE_LISTING);
	/* the same teasers where the page says it is a news article: its word wins */
	free(p);
	p = teasers("<meta property=\"og:type\" content=\"article\"><script type=\"application/ld+json\">"
		    "{\"@type\":\"NewsArticle\",\"headline\":\"Live: markets\"}</script>",
		    10, false);
	assert_int_equal(type_of(p, "https://example.com/live/markets-today"), NM_PAGE_ARTICLE);
	free(p);
	/* a URL alone never makes a listing */
	assert_int_equal(type_of("<html><head><meta property=\"og:type\" content=\"website\"></head><body>"
				 "<div>" BODY "</div></body></html>", "https://example.com/tag/bitcoin/"),
			 NM_PAGE_ARTICLE);
	/* the site's own pages, told by their address when nothing marks an article */
	{
		const char *about = "<html><head><title>About us</title></head><body><div>" BODY
				    "</div></body></html>";
		assert_int_equal(type_of(about, "https://example.com/about-us/"), NM_PAGE_SITE);
		assert_int_equal(type_of(about, "https://example.com/legal/privacy-policy.html"),
				 NM_PAGE_SITE);
		assert_int_equal(type_of(about, "https://example.com/Contact.php?ref=nav"), NM_PAGE_SITE);
		/* a story whose slug only starts like one, or another kind of file */
		assert_int_equal(type_of(about, "https://example.com/about-the-bitcoin-crash"),
				 NM_PAGE_ARTICLE);
		assert_int_equal(type_of(about, "https://example.com/files/about.pdf"), NM_PAGE_ARTICLE);
		/* an article at such an address says so: dated, or article markup */
		assert_int_equal(type_of("<html><head><meta property=\"article:published_time\" "
					 "content=\"2025-11-18T09:00:00Z\"></head><body><div>" BODY
					 "</div></body></html>", "https://example.com/news/contact"),
				 NM_PAGE_ARTICLE);
		assert_int_equal(type_of("<html><head><meta property=\"og:type\" content=\"article\">"
					 "</head><body><div>" BODY "</div></body></html>",
					 "https://example.com/about"),
				 NM_PAGE_ARTICLE);
	}
	/* plain text is always an article */
	p = teasers("", 10, false);
	struct nm_doc *d = run(p, strlen(p), "https://example.com/", NULL, true);
	assert_int_equal(d->page_type, NM_PAGE_ARTICLE);
	nm_doc_free(d);
	free(p);
}

static void hostile_pages(void **state)
{
	struct nm_doc *d;
	size_t n = 100000, len = 0;
	char *p = malloc(n * 11 + 200);
	/* 100,000 nested divs: libxml2 stops at its depth limit; we return what it built */
	for (size_t i = 0; i < n; i++)
		memcpy(p + len, "<div>", 5), len += 5;
	memcpy(p + len, "deep text", 9), len += 9;
	for (size_t i = 0; i < n; i++)
		memcpy(p + len, "</div>", 6), len += 6;
	d = run(p, len, NULL, NULL, false);
	nm_doc_free(d);
	/* 10,000 attributes on one tag */
	len = 0;
	len += (size_t)snprintf(p + len, n * 11 + 200 - len, "<html><body><div ");
	for (int i = 0; i < 10000; i++)
		len += (size_t)snprintf(p + len, n * 11 + 200 - len, "a%d=\"%d\" ", i, i);
	len += (size_t)snprintf(p + len, n * 11 + 200 - len, "class=\"story\">" BODY "</div></body></html>");
	d = run(p, len, NULL, NULL, false);
	body_kept(d);
	nm_doc_free(d);
	free(p);
	/* a page with 3 MB of text: the main text stops at its cap (1 MiB, at a block or, in
	 * one giant block, a word boundary), still valid UTF-8 */
	{
		struct nm_buf b = NM_BUF_INIT((size_t)8 << 20);
		assert_int_equal(nm_buf_addstr(&b, "<html><body>"), NM_OK);
		for (int i = 0; i < 40000; i++)
			assert_int_equal(nm_buf_addstr(&b, "<p>Caf\xc3\xa9 prices rose again today, traders said, and more.</p>"), NM_OK);
		assert_int_equal(nm_buf_addstr(&b, "<p>"), NM_OK);
		for (int i = 0; i < 200000; i++)
			assert_int_equal(nm_buf_addstr(&b, "w\xc3\xa9rd "), NM_OK);
		assert_int_equal(nm_buf_addstr(&b, "</p></body></html>"), NM_OK);
		d = run(b.data, b.len, NULL, NULL, false);
		assert_true(d->text_len >= ((size_t)1 << 20) && d->text_len <= ((size_t)1 << 20) + (64 << 10));
		assert_true(nm_utf8_valid(d->text, d->text_len));
		nm_doc_free(d);
		nm_buf_reset(&b);
		assert_int_equal(nm_buf_addstr(&b, "<p>"), NM_OK);
		for (int i = 0; i < 300000; i++)
			assert_int_equal(nm_buf_addstr(&b, "w\xc3\xa9rd "), NM_OK);
		d = run(b.data, b.len, NULL, NULL, false);
		assert_true(d->text_len > 0 && d->text_len <= ((size_t)1 << 20) + (64 << 10));
		assert_true(nm_utf8_valid(d->text, d->text_len));
		assert_true(d->text[d->text_len - 1] == 'd');
		nm_doc_free(d);
		nm_buf_release(&b);
	}
	/* no <body>, only a <frameset>, empty input, only a comment */
	d = html("<p>Text with no html, head or body element, but long enough anyway to count.</p>");
	has(d, "Text with no html");
	nm_doc_free(d);
	d = html("<html><frameset><frame src=a.html><frame src=b.html></frameset></html>");
	assert_int_equal(d->text_len, 0);
	nm_doc_free(d);
	d = run("", 0, NULL, NULL, false);
	assert_int_equal(d->text_len, 0);
	nm_doc_free(d);
	d = html("<!-- nothing -->");
	assert_int_equal(d->text_len, 0);
	nm_doc_free(d);
	/* garbage that declares an unknown charset */
	const char junk[] = "<meta charset=\"x-no-such-charset\"><p>Still read as UTF-8 text \xc3\xa9, "
			    "and a long enough paragraph.</p>";
	d = run(junk, sizeof(junk) - 1, NULL, NULL, false);
	has(d, "Still read as UTF-8 text \xc3\xa9");
	nm_doc_free(d);
}

static void caps(void **state)
{
	struct nm_doc *d = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
	struct nm_err err = {0};
	struct nm_extract_opts o = {0};
	/* cap+1 is refused before a byte is read */
	assert_int_equal(nm_extract_article(d, "x", NM_EXTRACT_INPUT_MAX + 1, &o, &err), NM_ETOOBIG);
	assert_non_null(strstr(err.msg, "larger than"));
	nm_doc_free(d);
	/* a document arena too small for the text: NM_ETOOBIG, not a crash */
	d = nm_doc_new(4096);
	char page[] = "<html><body>" BODY BODY BODY BODY BODY BODY BODY BODY BODY BODY "</body></html>";
	assert_int_equal(nm_extract_article(d, page, strlen(page), &o, &err), NM_ETOOBIG);
	nm_doc_free(d);
	/* NULL opts and zero bytes are fine */
	d = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
	assert_int_equal(nm_extract_article(d, NULL, 0, NULL, NULL), NM_OK);
	assert_int_equal(d->text_len, 0);
	nm_doc_free(d);
}

/* Every seed and every crasher the fuzzer found, replayed (crashes and leaks show
 * under `make asan`). Runs from the top of the tree. */
static void fuzz_replay(void **state)
{
	size_t replayed = fuzz_replay_dir("fuzz/extract.in", LLVMFuzzerTestOneInput, NM_EXTRACT_INPUT_MAX) +
			  fuzz_replay_dir("fuzz/extract.repro", LLVMFuzzerTestOneInput, NM_EXTRACT_INPUT_MAX);
	assert_true(replayed > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(boilerplate_kinds),
		cmocka_unit_test(quoted_posts_kept),
		cmocka_unit_test(structure_kept),
		cmocka_unit_test(page_signals),
		cmocka_unit_test(metadata_sources),
		cmocka_unit_test(charsets),
		cmocka_unit_test(repair),
		cmocka_unit_test(plain_text),
		cmocka_unit_test(plain_text_references),
		cmocka_unit_test(page_types),
		cmocka_unit_test(hostile_pages),
		cmocka_unit_test(caps),
		cmocka_unit_test(fuzz_replay),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
