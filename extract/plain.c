/*
 * extract/plain.c — boilerplate in text form: the labels that stand alone in a block
 * ("Advertisement", "Related posts", "Share this article", ...) and the cleaning of
 * plain-text input, which must keep every byte offset of the text it keeps (mentions
 * and the user's expected offsets are into the file as given).
 */
#include "extract/extract_int.h"

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
	"join the conversation", "report an error", "all rights reserved", NULL};

/* Labels that begin a short block ("Related: <a headline>"). */
static const char *const label_prefixes[] = {
	"related:", "read more:", "see also:", "also read:", "read also:", "more:",
	"recommended:", "follow us on ", "sign up for our ", "subscribe to our ",
	"click here to ", "also see:", "read next:", "related article:", "related story:",
	"more from ", "get our ", "download our app", "this story has been shared",
	"copyright ", "\xc2\xa9 ", NULL};

#define LABEL_MAX 160

bool nm_boilerplate_label(const char *s, size_t n)
{
	char buf[LABEL_MAX + 1];
	size_t m = 0;
	bool space = false;

	while (n && nm_isspace((unsigned char)*s))
		s++, n--;
	while (n && nm_isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n > LABEL_MAX)
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

void nm_plain_clean(char *text, size_t *len)
{
	size_t n = *len, i = 0, cut = n;
	size_t run_start = SIZE_MAX, first_label = SIZE_MAX;

	/* blank label lines in place (same length) so later offsets still hold */
	while (i < n) {
		char *nl = memchr(text + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - text) : n;
		bool is_label = nm_boilerplate_label(text + i, e - i);
		bool is_short = short_line(text + i, e - i);
		if (is_short) {
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
