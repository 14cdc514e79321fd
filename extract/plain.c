/*
 * extract/plain.c — boilerplate in text form: the labels that stand alone in a block
 * ("Advertisement", "Related posts", "Share this article", ...) and the cleaning of
 * plain-text input, which must keep every byte offset of the text it keeps (mentions
 * and the user's expected offsets are into the file as given).
 */
#include "extract/extract_int.h"

#include <libxml/HTMLparser.h>
#include <string.h>

/* Whole-block labels, compared after lower-casing, collapsing spaces and dropping
 * trailing punctuation. */
static const char *const labels[] = {
	"advertisement", "advertisements", "advertising", "advert", "ad", "ads", "sponsored",
	"sponsored content", "paid content", "promoted", "related", "related posts",
	"related articles", "related stories", "related news", "related content",
	"related coverage", "related topics", "related links", "read more", "read next",
	"continue reading", "see also", "see more", "recommended", "recommended for you",
	"recommended stories", "you may also like", "you might also like", "more stories",
	"more news", "more on this story", "share", "share this", "share this article",
	"share this story", "share this post", "share on facebook", "share on twitter",
	"share via email", "tweet", "email", "print", "comments", "comment", "leave a comment",
	"leave a reply", "post a comment", "follow us", "follow us on social networks",
	"follow us on social media", "follow us on twitter", "follow us on facebook",
	"subscribe", "subscribe now", "sign up", "newsletter", "table of contents", "contents",
	"in this article", "loading", "story continues below advertisement",
	"article continues below advertisement", "continue reading below",
	"article continues below", "story continues below", "skip to main content",
	"skip advertisement", "advertisement - scroll to continue", "scroll to continue",
	"trending", "trending now", "most popular", "most read", "popular posts", "tags",
	"topics", "filed under", "click to enlarge", "enlarge this image", "toggle caption",
	"hide caption", "back to top", "top stories", "latest news", "latest posts",
	"editor's picks", "editors' picks", "you may like",
	"don't miss", "must read", "up next", "watch", "watch now", "listen", "close",
	"image", "photo", "video", "getty images", "view comments", "show comments",
	"join the conversation", "report an error", "all rights reserved",
	/* "advertisement" in other languages */
	"anzeige", "werbung", "publicidad", "publicit\xc3\xa9", "pubblicit\xc3\xa0", "publicidade",
	"iklan", "reklama", "advertentie", "\xd0\xa0\xd0\xb5\xd0\xba\xd0\xbb\xd0\xb0\xd0\xbc\xd0\xb0", "\xd1\x80\xd0\xb5\xd0\xba\xd0\xbb\xd0\xb0\xd0\xbc\xd0\xb0",
	"\xea\xb4\x91\xea\xb3\xa0", "\xe5\xb9\xbf\xe5\x91\x8a", "\xe5\xba\x83\xe5\x91\x8a", NULL};

/* Labels that begin a short block ("Related: <a headline>"). */
static const char *const label_prefixes[] = {
	"related:", "read more:", "see also:", "also read:", "read also:", "more:",
	"recommended:", "follow us on ", "sign up for our ", "subscribe to our ",
	"click here to ", "also see:", "read next:", "related article:", "related story:",
	"more from ", "get our ", "download our app", "this story has been shared",
	"copyright ", "\xc2\xa9 ", "sign up to ", "filed under:", "tags:", "topics:", NULL};

/* Datelines: "Published November 20th, 2019 - 07:50 GMT", "Updated: 5 min ago". */
static const char *const date_prefixes[] = {
	"published", "updated", "posted", "last updated", "first published", "last modified",
	"modified", NULL};

#define LABEL_MAX 250

/* A short block that is only a date and time: "Nov. 20, 2019, 9:28 AM UTC",
 * "sexta-feira, 22 de outubro de 2010 às 20:13", "05/10/2018 - 14:02". It has a year and
 * a time of day (or an English month name and very few words), and few words. */
/* Is the word at p one a dateline is made of: a month, a day of the week, a clock's or
 * a zone's word? (Numbers are counted apart.) */
static bool date_word(const char *p)
{
	static const char *const w[] = {"am", "pm", "a.m", "p.m", "utc", "gmt", "et", "est",
					"edt", "pt", "pst", "cet", "bst", "ist", "at", "on", "of",
					"de", "published", "updated", "posted", NULL};
	size_t n = 0;
	while (nm_isalpha((unsigned char)p[n]) || (n && p[n] == '.' && nm_isalpha((unsigned char)p[n + 1])))
		n++;
	if (nm_month_of(p, n) || nm_weekday_of(p, n))
		return true;
	for (int i = 0; w[i]; i++)
		if (n == strlen(w[i]) && !strncmp(p, w[i], n))
			return true;
	return false;
}

static bool dateline(const char *s)
{
	static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul",
					     "aug", "sep", "oct", "nov", "dec", NULL};
	bool year = false, clock = false, month = false;
	int words = 0, others = 0;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((p == s || !nm_isalnum((unsigned char)p[-1])) && nm_isalnum(c))
			words++;
		if ((p == s || !nm_isdigit((unsigned char)p[-1])) && (p[0] == '1' || p[0] == '2') &&
		    (p[1] == '9' || p[1] == '0') && nm_isdigit((unsigned char)p[2]) &&
		    nm_isdigit((unsigned char)p[3]) && !nm_isdigit((unsigned char)p[4]))
			year = true;
		if (nm_isdigit(c) && p[1] == ':' && nm_isdigit((unsigned char)p[2]) && nm_isdigit((unsigned char)p[3]))
			clock = true;
		if ((p == s || !nm_isalpha((unsigned char)p[-1])) && nm_isalpha(c))
			for (int i = 0; months[i]; i++)
				if (!strncmp(p, months[i], 3))
					month = true;
	}
	/* "— Name (@handle) November 1, 2019" signs an embedded post: that is quoted text */
	if (strchr(s, '@'))
		return false;
	if (!year || words > 10)
		return false;
	if (clock)
		return true;
	if (!month || words > 5)
		return false;
	/* "From the archive: February 2021" heads a section: words of its own */
	for (const char *p = s; *p && others <= 1; p++)
		if ((p == s || !nm_isalnum((unsigned char)p[-1])) && nm_isalpha((unsigned char)*p))
			others += !date_word(p);
	return others <= 1;
}

bool nm_boilerplate_label(const char *s, size_t n)
{
	char buf[LABEL_MAX + 1];
	size_t m = 0;
	bool space = false;

	while (n && nm_isspace((unsigned char)*s))
		s++, n--;
	while (n && nm_isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0)
		return false;
	/* a label line heading a short list: "Tags\nbitcoin, ether, ..." */
	{
		const char *nl = memchr(s, '\n', n);
		if (nl && n < 400 && nl > s) {
			static const char *const heads[] = {"tags", "tags:", "topics", "topics:", "keywords",
							    "keywords:", "filed under", "filed under:", NULL};
			size_t l = (size_t)(nl - s);
			while (l && nm_isspace((unsigned char)s[l - 1]))
				l--;
			for (int i = 0; heads[i]; i++)
				if (l == strlen(heads[i]) && !nm_strncasecmp(s, heads[i], l))
					return true;
		}
	}
	/* the outlet's legal notice, however long */
	if (n < 800 && !nm_strncasecmp(s, "disclaimer:", 11))
		return true;
	if (n > LABEL_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (nm_isspace(c)) {
			space = m > 0;
			continue;
		}
		if (space)
			buf[m++] = ' ';
		space = false;
		/* typographic apostrophe U+2019 as ' */
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99) {
			buf[m++] = '\'';
			i += 2;
			continue;
		}
		buf[m++] = (char)nm_tolower(c);
	}
	buf[m] = '\0';
	for (int i = 0; label_prefixes[i]; i++) {
		size_t l = strlen(label_prefixes[i]);
		if (m >= l && !memcmp(buf, label_prefixes[i], l) && m < 120)
			return true;
	}
	if (m < 100 && strpbrk(buf, "0123456789")) {
		for (int i = 0; date_prefixes[i]; i++) {
			size_t l = strlen(date_prefixes[i]);
			if (m > l && !memcmp(buf, date_prefixes[i], l) && (buf[l] == ' ' || buf[l] == ':'))
				return true;
		}
	}
	/* "Image 3 of 5", "Photo 1/12": slideshow counters */
	{
		const char *q = buf;
		static const char *const counted[] = {"image ", "photo ", "picture ", "slide ", "gallery ", ""};
		for (int i = 0; i < 6; i++) {
			size_t l = strlen(counted[i]);
			if (!strncmp(buf, counted[i], l)) {
				q = buf + l;
				break;
			}
		}
		if (nm_isdigit((unsigned char)*q)) {
			while (nm_isdigit((unsigned char)*q))
				q++;
			if (!strncmp(q, " of ", 4))
				q += 4;
			else if (*q == '/')
				q++;
			else
				q = "x";
			while (nm_isdigit((unsigned char)*q))
				q++;
			if (!*q)
				return true;
		}
	}
	/* "Related Roundup: ...", "Related coverage: ..." */
	if (!strncmp(buf, "related ", 8) && m < 120) {
		const char *colon = strchr(buf, ':');
		if (colon && colon - buf < 30)
			return true;
	}
	/* promotion of the outlet's or the author's social accounts */
	if (m < 160 && (strstr(buf, "follow us on ") || strstr(buf, "follow him on ") ||
			strstr(buf, "follow her on ") || strstr(buf, "follow them on ") ||
			strstr(buf, "follow us @") || strstr(buf, "follow him @") || strstr(buf, "follow her @")))
		return true;
	/* scripts the reader needs; leftover shortcodes */
	if (m < 160 && strstr(buf, "javascript") &&
	    (strstr(buf, "enable") || strstr(buf, "require") || strstr(buf, "turn on")))
		return true;
	if (buf[0] == '[' && strstr(buf, "[/"))
		return true;
	/* reporting credits and contact lines that end wire stories */
	if (m < 250) {
		static const char *const credit[] = {
			"reporting by ", "(reporting by ", "additional reporting by ", "editing by ",
			"(editing by ", "write to ", "reach the reporter", "contact the reporter",
			"email the author", "compiled by ", NULL};
		for (int i = 0; credit[i]; i++)
			if (!strncmp(buf, credit[i], strlen(credit[i])))
				return true;
		if (strstr(buf, "contributed to this report") || strstr(buf, "contributed reporting"))
			return true;
		if (!strncmp(buf, "follow ", 7) && (strstr(buf, "twitter") || strstr(buf, "facebook") ||
						     strstr(buf, "instagram")))
			return true;
	}
	if (m < 70 && dateline(buf))
		return true;
	/* a byline and a dateline: "Author: Evans Boto | Date: March 29, 2025", "October 22,
	 * 2025 · Market Update" (parts between '|', '·' or '•') */
	if (m < 120 && (strchr(buf, '|') || strstr(buf, "\xc2\xb7") || strstr(buf, "\xe2\x80\xa2"))) {
		char part[LABEL_MAX + 1];
		for (const char *p = buf; *p;) {
			size_t l = 0;
			while (p[l] && p[l] != '|' && strncmp(p + l, "\xc2\xb7", 2) && strncmp(p + l, "\xe2\x80\xa2", 3))
				l++;
			memcpy(part, p, l);
			part[l] = '\0';
			if (dateline(part))
				return true;
			p += l;
			p += *p == '|' ? 1 : !strncmp(p, "\xc2\xb7", 2) ? 2 : *p ? 3 : 0;
		}
	}
	/* a bare URL, or a short credit line */
	if ((!strncmp(buf, "http://", 7) || !strncmp(buf, "https://", 8)) && !strchr(buf, ' '))
		return true;
	if (m < 120 && strstr(buf, "\xc2\xa9"))
		return true;
	while (m && (buf[m - 1] == ':' || buf[m - 1] == '.' || buf[m - 1] == '!' ||
		     buf[m - 1] == '>' || buf[m - 1] == '|' || buf[m - 1] == '-' || buf[m - 1] == ' '))
		buf[--m] = '\0';
	/* trailing guillemet/arrow (U+00BB, U+203A, U+2192) */
	if (m >= 2 && (unsigned char)buf[m - 2] == 0xC2 && (unsigned char)buf[m - 1] == 0xBB)
		buf[m -= 2] = '\0';
	while (m && buf[m - 1] == ' ')
		buf[--m] = '\0';
	if (!m)
		return false;
	for (int i = 0; labels[i]; i++)
		if (!strcmp(buf, labels[i]))
			return true;
	return false;
}

/* A line that reads like a menu item, not prose: short, no final sentence mark. */
static bool short_line(const char *s, size_t n)
{
	while (n && nm_isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n > 60)
		return n == 0;
	char last = s[n - 1];
	return last != '.' && last != '!' && last != '?' && last != ':' && last != '"';
}

/* A line that reads like a headline: a few words, no final stop ("Bitcoin liquidations
 * top $900 million as longs are wiped out"). */
static bool headline_line(const char *s, size_t n)
{
	size_t b = 0, words = 0;
	while (b < n && nm_isspace((unsigned char)s[b]))
		b++;
	while (n > b && nm_isspace((unsigned char)s[n - 1]))
		n--;
	if (n - b > LABEL_MAX || n == b || s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == ':')
		return false;
	for (size_t i = b; i < n; i++)
		words += !nm_isspace((unsigned char)s[i]) && (i == b || nm_isspace((unsigned char)s[i - 1]));
	return words >= 3;
}

/* A list item that reads like a link's title: a bullet, then words with no final stop
 * ("- Solana Rejected at $150 Again as Bears Eye $120"). */
static bool link_item(const char *s, size_t n)
{
	static const char *const bullets[] = {"- ", "* ", "\xe2\x80\xa2 ", "\xe2\x80\x93 ", "\xc2\xbb ", NULL};
	size_t b = 0;
	while (b < n && nm_isspace((unsigned char)s[b]))
		b++;
	while (n > b && nm_isspace((unsigned char)s[n - 1]))
		n--;
	if (n - b > LABEL_MAX || s[n - 1] == '.')
		return false;
	for (int k = 0; bullets[k]; k++)
		if (n - b > strlen(bullets[k]) && !memcmp(s + b, bullets[k], strlen(bullets[k])))
			return true;
	return false;
}

void nm_plain_clean(char *text, size_t *len)
{
	size_t n = *len, i = 0, cut = n;
	size_t run_start = SIZE_MAX, first_label = SIZE_MAX;
	bool after_label = false; /* a label, then only blank lines and the links it heads */
	bool right_after = false; /* ... and no blank line yet */

	/* blank label lines in place (same length) so later offsets still hold */
	while (i < n) {
		char *nl = memchr(text + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - text) : n;
		bool is_label = nm_boilerplate_label(text + i, e - i);
		bool is_short = short_line(text + i, e - i);
		bool blank = true;
		for (size_t k = i; k < e && blank; k++)
			blank = nm_isspace((unsigned char)text[k]);
		/* "Read more:" and the list of links under it: bulleted, or headlines on the
		 * lines right under it */
		if (!is_label && after_label && !blank &&
		    (link_item(text + i, e - i) || (right_after && headline_line(text + i, e - i))))
			is_label = true;
		if (!blank)
			after_label = right_after = is_label;
		else
			right_after = false;
		/* a long label (the legal notice) goes on the footer's run too */
		if (is_short || is_label) {
			if (run_start == SIZE_MAX)
				run_start = i;
			if (is_label && first_label == SIZE_MAX)
				first_label = i;
		} else {
			run_start = first_label = SIZE_MAX;
		}
		if (is_label)
			for (size_t k = i; k < e; k++)
				if (text[k] != '\r')
					text[k] = ' ';
		i = e + 1;
	}
	/* a trailing run of short lines that holds a label is the page's footer */
	if (run_start == SIZE_MAX || first_label == SIZE_MAX)
		return;
	cut = first_label;
	while (cut > 0 && nm_isspace((unsigned char)text[cut - 1]))
		cut--;
	/* keep one final newline */
	if (cut > 0 && cut < n)
		text[cut++] = '\n';
	text[cut] = '\0';
	*len = cut;
}

/* The code point of the character reference at s ("&rsquo;", "&#8217;", "&#x2019;"),
 * with its length in *ref_len; 0 when s does not start a complete, valid one. Names
 * come from libxml2's HTML 4 table; the longest name there ("thetasym") is 8 bytes. */
static uint32_t char_ref(const char *s, size_t n, size_t *ref_len)
{
	size_t i = 1;
	uint32_t cp = 0;

	if (n < 4 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		bool hex = s[2] == 'x' || s[2] == 'X';
		size_t digits = 0;
		for (i = hex ? 3 : 2; i < n && digits < 7; i++, digits++) {
			unsigned char c = (unsigned char)s[i];
			int v = nm_isdigit(c) ? c - '0' : hex && nm_isxdigit(c) ? (c | 0x20) - 'a' + 10 : -1;
			if (v < 0)
				break;
			cp = cp * (hex ? 16 : 10) + (uint32_t)v;
		}
		if (!digits || i >= n || s[i] != ';' || cp == 0 || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
	} else {
		char name[9];
		const htmlEntityDesc *e;
		for (; i < n && i <= sizeof name && nm_isalnum((unsigned char)s[i]); i++)
			name[i - 1] = s[i];
		if (i == 1 || i > sizeof name || i >= n || s[i] != ';')
			return 0;
		name[i - 1] = '\0';
		if (!(e = htmlEntityLookup((const xmlChar *)name)))
			return 0;
		cp = e->value;
	}
	*ref_len = i + 1;
	return cp;
}

size_t nm_plain_unescape(char *text, size_t len)
{
	char *amp = memchr(text, '&', len);
	size_t in, out;

	if (!amp)
		return len;
	in = out = (size_t)(amp - text);
	while (in < len) {
		size_t ref_len;
		uint32_t cp = text[in] == '&' ? char_ref(text + in, len - in, &ref_len) : 0;
		if (cp) {
			/* a reference is never shorter than its UTF-8 form, so this stays in place */
			out += nm_utf8_encode(cp, text + out);
			in += ref_len;
		} else {
			text[out++] = text[in++];
		}
	}
	text[out] = '\0';
	return out;
}
