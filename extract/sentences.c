/*
 * extract/sentences.c — the main text becomes sentence spans (doc->sentences), which the
 * mention layer (a mention never crosses one) and classify/ (evidence, modality scope)
 * both read: one segmentation per text. News text is not tidy prose: headings and list items carry no full
 * stop, bullets start lines, abbreviations (U.S., Inc., Jan.) and amounts ($1.2B,
 * 92.5%) hold dots, ellipses cut text, quotes close after the stop, and scraped copy glues
 * paragraphs together ("in value.Should traders"). The rules below are the whole model:
 *
 *  - a line break ends a sentence, unless the line looks soft-wrapped (no closing
 *    punctuation, and the next line starts with a lower-case letter);
 *  - a bullet or list number at the start of a line is not part of the sentence;
 *  - inside a line, . ! ? … (with any closing quotes or brackets after them) end a
 *    sentence when followed by white space and something that can start one (upper
 *    case, digit, quote, currency sign); a dot never ends one when no space follows
 *    ($1.2B, X.com, BTC.D), except between a lower-case word and a capitalised one;
 *  - a dot after a title (Mr., Dr.), a month before a day (Jan. 5), an initial (J.) or
 *    "vs."/"e.g." does not end a sentence; after a dotted acronym (U.S.) or a company
 *    suffix (Inc.) it does only when the next word is a usual sentence opener ("The").
 */
#include "extract/extract.h"

#include <pthread.h>
#include <string.h>

static bool is_ws(const char *t, size_t i, size_t n)
{
	return i < n && (nm_isspace((unsigned char)t[i]) ||
			 /* no-break space U+00A0 */
			 ((unsigned char)t[i] == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0xA0));
}

static size_t ws_len(const char *t, size_t i, size_t n)
{
	if (!is_ws(t, i, n))
		return 0;
	return (unsigned char)t[i] == 0xC2 ? 2 : 1;
}

/* Length of a closing quote or bracket at i (0 when none). */
static size_t closer_len(const char *t, size_t i, size_t n)
{
	unsigned char c = (unsigned char)t[i];
	if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '*')
		return 1;
	/* ’ U+2019, ” U+201D */
	if (c == 0xE2 && i + 2 < n + 0 && (unsigned char)t[i + 1] == 0x80 &&
	    ((unsigned char)t[i + 2] == 0x99 || (unsigned char)t[i + 2] == 0x9D))
		return 3;
	/* » U+00BB */
	if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0xBB)
		return 2;
	return 0;
}

/* An ellipsis character U+2026 at i. */
static bool is_ellipsis(const char *t, size_t i, size_t n)
{
	return i + 2 < n && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
	       (unsigned char)t[i + 2] == 0xA6;
}

/* Can a sentence start with the byte at i? */
static bool can_start(const char *t, size_t i, size_t n)
{
	unsigned char c;
	if (i >= n)
		return true;
	c = (unsigned char)t[i];
	return nm_isupper(c) || nm_isdigit(c) || c == '"' || c == '\'' || c == '$' || c == '(' ||
	       c == '[' || c == '#' || c == '@' || c >= 0xC0;
}

/* Is w[0..n) one of list's words? longest: bytes of its longest word (a quick no). */
static bool word_is(const char *w, size_t n, const char *const *list, size_t longest)
{
	unsigned char c0 = (unsigned char)nm_tolower((unsigned char)w[0]);
	if (n > longest)
		return false;
	for (size_t i = 0; list[i]; i++) {
		/* the lists are in lower case: compare in place, byte by byte */
		size_t j = 1;
		if ((unsigned char)list[i][0] != c0)
			continue;
		while (j < n && list[i][j] && (unsigned char)list[i][j] == nm_tolower((unsigned char)w[j]))
			j++;
		if (j == n && !list[i][n])
			return true;
	}
	return false;
}

/* Titles and short forms after which a dot never ends a sentence. */
static const char *const never_end[] = {
	"mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "gov", "sen", "rep", "lt",
	"col", "capt", "vs", "v", "no", "nos", "approx", "fig", "e.g", "i.e", "cf", "ca", "vol",
	"dept", "mt", "ft", "op", NULL,
};
/* Short forms that a number follows: months ("Jan. 5") and currencies written with a
 * dot before the amount ("Rs. 450", "S/. 12", "Nu. 80"). */
static const char *const before_number[] = {
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"rs", "s/", "b/", "nu", NULL,
};
/* After these a dot ends a sentence only before a usual sentence opener. */
static const char *const maybe_end[] = {
	"inc", "corp", "ltd", "co", "llc", "plc", "bros", "etc", "al", NULL,
};
static const char *const openers[] = {
	"the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i",
	"in", "on", "at", "as", "but", "and", "however", "meanwhile", "according", "a", "an",
	"if", "when", "while", "there", "after", "before", "for", "with", "still", "yet",
	"bitcoin", "ethereum", "crypto", "data", "analysts", "traders", NULL,
};

/* Bytes of the longest word of each list above, measured once (word_is says no
 * quickly to a longer word: most words before a dot are). */
enum { L_NEVER_END, L_BEFORE_NUMBER, L_MAYBE_END, L_OPENERS };
static size_t longest[4];
static pthread_once_t longest_once = PTHREAD_ONCE_INIT;

static void measure_lists(void)
{
	const char *const *lists[4] = {never_end, before_number, maybe_end, openers};
	for (int k = 0; k < 4; k++)
		for (size_t i = 0; lists[k][i]; i++)
			if (strlen(lists[k][i]) > longest[k])
				longest[k] = strlen(lists[k][i]);
}

/*
 * Does the dot at t[dot] (followed by white space, then t[next]) end a sentence?
 * Looks at the word before the dot.
 */
static bool dot_ends(const char *t, size_t lo, size_t dot, size_t next, size_t n)
{
	size_t w = dot, nw;
	bool dotted = false, all_upper = true;

	while (w > lo && !nm_isspace((unsigned char)t[w - 1]) && t[w - 1] != '(' && t[w - 1] != '"')
		w--;
	for (size_t i = w; i < dot; i++) {
		if (t[i] == '.')
			dotted = true;
		else if (!nm_isupper((unsigned char)t[i]))
			all_upper = false;
	}
	if (dot - w == 0)
		return true;
	if (word_is(t + w, dot - w, never_end, longest[L_NEVER_END]))
		return false;
	if (word_is(t + w, dot - w, before_number, longest[L_BEFORE_NUMBER]) && next < n && nm_isdigit((unsigned char)t[next]))
		return false;
	/* a single capital: an initial ("J. Powell") */
	if (dot - w == 1 && nm_isupper((unsigned char)t[w]))
		return false;
	if (!(dotted && all_upper && dot - w <= 8) && !word_is(t + w, dot - w, maybe_end, longest[L_MAYBE_END]))
		return true;
	/* U.S. / Inc.: only before an opener */
	nw = next;
	while (nw < n && nm_isalpha((unsigned char)t[nw]))
		nw++;
	return nw > next && word_is(t + next, nw - next, openers, longest[L_OPENERS]);
}

/* Trim and append [a,b) when it holds a letter or digit. */
static enum nm_code emit(struct nm_doc *doc, size_t a, size_t b)
{
	const char *t = doc->text;
	bool any = false;

	while (a < b && is_ws(t, a, b))
		a += ws_len(t, a, b);
	while (b > a && (nm_isspace((unsigned char)t[b - 1]) ||
			 (b - a >= 2 && (unsigned char)t[b - 2] == 0xC2 && (unsigned char)t[b - 1] == 0xA0)))
		b -= nm_isspace((unsigned char)t[b - 1]) ? 1 : 2;
	for (size_t i = a; i < b && !any; i++)
		any = nm_isalnum((unsigned char)t[i]) || (unsigned char)t[i] >= 0xC0;
	if (!any)
		return NM_OK;
	return nm_doc_add_sentence(doc, (struct nm_span){a, b});
}

/* Skip a bullet or list marker at the start of a line; returns the new start. */
static size_t skip_bullet(const char *t, size_t a, size_t b)
{
	size_t i = a, d;
	unsigned char c;

	if (i >= b)
		return a;
	c = (unsigned char)t[i];
	if ((c == '-' || c == '*' || c == '+' || c == '>') && i + 1 < b && nm_isspace((unsigned char)t[i + 1]))
		return i + 2;
	/* • U+2022, ◦ U+25E6, ▪ U+25AA, ► U+25BA, – U+2013, — U+2014, · U+00B7 */
	if (c == 0xE2 && i + 2 < b) {
		unsigned char c1 = (unsigned char)t[i + 1], c2 = (unsigned char)t[i + 2];
		if ((c1 == 0x80 && (c2 == 0xA2 || c2 == 0x93 || c2 == 0x94)) ||
		    (c1 == 0x97 && c2 == 0xA6) || (c1 == 0x96 && (c2 == 0xAA || c2 == 0xBA)))
			return i + 3;
	}
	if (c == 0xC2 && i + 1 < b && (unsigned char)t[i + 1] == 0xB7)
		return i + 2;
	/* "1." or "2)" followed by a space */
	d = i;
	while (d < b && d - i < 3 && nm_isdigit((unsigned char)t[d]))
		d++;
	if (d > i && d + 1 < b && (t[d] == '.' || t[d] == ')') && t[d + 1] == ' ')
		return d + 2;
	return a;
}

/* Does an opening curly quote start a sentence at t[i]: “ then a capital and a
 * lower-case letter? */
static bool quoted_start(const char *t, size_t i, size_t b)
{
	return i + 4 < b && (unsigned char)t[i] == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
	       (unsigned char)t[i + 2] == 0x9C && nm_isupper((unsigned char)t[i + 3]) &&
	       nm_islower((unsigned char)t[i + 4]);
}

/* Is a straight quote open at i: an odd number of them in [s, i)? */
static bool quotes_open(const char *t, size_t s, size_t i)
{
	size_t n = 0;
	for (; s < i; s++)
		n += t[s] == '"';
	return n & 1;
}

/* Can the dot at t[i] end a glued sentence? After a lower-case word ("value.Should")
 * or an amount ("$180.Dogecoin"), never after an initial or a short form. */
static bool glued_end(const char *t, size_t i)
{
	unsigned char p1 = (unsigned char)t[i - 1], p2 = (unsigned char)t[i - 2],
		      p3 = (unsigned char)t[i - 3];
	if (nm_islower(p1) && nm_islower(p2) && nm_islower(p3))
		return true;
	(void)p3;
	/* a number or an amount: "$180.Dogecoin", "$0.29.Cardano" */
	return nm_isdigit(p1) && (nm_isdigit(p2) || p2 == ',' || p2 == '$' || p2 == '.');
}

/*
 * Scraped copy glues paragraphs without a stop: "business outlookCrypto liquidations",
 * "soar to $573MAccording to", "amplify XRP sell-offThe broader market". A capitalised
 * word starting right after a lower-case word of three letters or more (hyphens inside
 * it), or after an amount, starts a sentence. Brand names in
 * camel case start with a capital ("CoinGlass", "TradingView") and are left alone.
 */
static bool camel_glue(const char *t, size_t lo, size_t i, size_t n)
{
	size_t w = i;
	if (i + 1 >= n || !nm_isupper((unsigned char)t[i]) || !nm_islower((unsigned char)t[i + 1]))
		return false;
	while (w > lo && !nm_isspace((unsigned char)t[w - 1]) && t[w - 1] != '(' && t[w - 1] != '"')
		w--;
	if (i - w >= 3 && nm_islower((unsigned char)t[i - 1]) && nm_islower((unsigned char)t[i - 2]) &&
	    nm_islower((unsigned char)t[i - 3])) {
		/* lower-case letters, and hyphens between them ("sell-offThe"; but
		 * "mid-March" has no letters between its hyphen and the capital) */
		size_t k = w;
		while (k < i && (nm_islower((unsigned char)t[k]) || (t[k] == '-' && k > w)))
			k++;
		if (k == i)
			return true;
	}
	/* "$573MAccording", "$1.2BThe"; but a short capitalised word is a unit or currency
	 * glued to its number ("20Rs", "5Ft"), not a new sentence */
	size_t letters = i;
	while (letters < n && nm_isalpha((unsigned char)t[letters]))
		letters++;
	if (i - w >= 2 && (t[w] == '$' || nm_isdigit((unsigned char)t[w])) && letters - i >= 3) {
		size_t e = i;
		if (t[e - 1] == 'K' || t[e - 1] == 'M' || t[e - 1] == 'B' || t[e - 1] == 'T')
			e--;
		return e > w && nm_isdigit((unsigned char)t[e - 1]);
	}
	return false;
}

/* Byte classes for the scan of a unit: what may end a sentence or start a glued one. */
enum { BC_NONE, BC_STOP, BC_E2, BC_UPPER };
static const unsigned char byte_class[256] = {
	['.'] = BC_STOP, ['!'] = BC_STOP, ['?'] = BC_STOP,
	[0xE2] = BC_E2, /* an ellipsis U+2026 starts with it */
	['A' ... 'Z'] = BC_UPPER,
};

/*
 * The next byte at or after i (below b) that may end a sentence or start a glued one:
 * . ! ? or the lead byte of an ellipsis, or a capital between a letter or digit and a
 * lower-case letter ("outlookCrypto", "$573MAccording"). Sixteen bytes at a time where
 * SSE2 is there (the text is read up to text_len, never past it).
 */
#ifdef __SSE2__
#include <emmintrin.h>

static inline __m128i in_range(__m128i v, char lo, char n)
{
	/* lo..lo+n-1 move to -128..-128+n-1, below everything else as signed bytes */
	__m128i x = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - (unsigned char)lo)));
	return _mm_cmplt_epi8(x, _mm_set1_epi8((char)(0x80 + n)));
}

static size_t next_candidate(const char *t, size_t i, size_t b, size_t len)
{
	while (i >= 1 && i + 17 <= len && i < b) {
		__m128i v = _mm_loadu_si128((const __m128i *)(t + i));
		__m128i stop = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')), _mm_cmpeq_epi8(v, _mm_set1_epi8('!'))),
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('?')), _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2))));
		unsigned mask = (unsigned)_mm_movemask_epi8(stop);
		unsigned upper = (unsigned)_mm_movemask_epi8(in_range(v, 'A', 26));
		if (upper) {
			/* a capital glues when a letter or digit is right before it and a
			 * lower-case letter right after: the block's own bits, shifted, with
			 * the bytes on either side of it */
			unsigned lower = (unsigned)_mm_movemask_epi8(in_range(v, 'a', 26));
			unsigned word = upper | lower | (unsigned)_mm_movemask_epi8(in_range(v, '0', 10));
			unsigned char before = (unsigned char)t[i - 1], after = (unsigned char)t[i + 16];
			unsigned word_before = (word << 1) | (unsigned)(nm_isalnum(before) != 0);
			unsigned lower_after = (lower >> 1) | (unsigned)(nm_islower(after) != 0) << 15;
			mask |= upper & word_before & lower_after;
		}
		if (mask)
			return i + (size_t)__builtin_ctz(mask);
		i += 16;
	}
	return i;
}
#else
static size_t next_candidate(const char *t, size_t i, size_t b, size_t len)
{
	(void)t;
	(void)b;
	(void)len;
	return i;
}
#endif

/* Split one unit (a line or soft-wrapped lines) into sentences. */
static enum nm_code split_unit(struct nm_doc *doc, size_t a, size_t b)
{
	const char *t = doc->text;
	size_t s = a, i = a;
	enum nm_code rc;

	const unsigned char *cls = byte_class;

	while (i < b) {
		unsigned char c;
		size_t j, k;
		bool ell;

		if ((i = next_candidate(t, i, b, doc->text_len)) >= b)
			break;
		c = (unsigned char)t[i];

		/* most bytes can neither end a sentence nor start a glued one */
		if (!cls[c]) {
			i++;
			continue;
		}
		if (cls[c] == BC_UPPER || (cls[c] == BC_E2 && !is_ellipsis(t, i, b))) {
			/* a glued start needs a word right before it (no space, quote or bracket) */
			if (cls[c] == BC_UPPER && i > s && !nm_isspace((unsigned char)t[i - 1]) &&
			    t[i - 1] != '(' && t[i - 1] != '"' && camel_glue(t, s, i, b)) {
				if ((rc = emit(doc, s, i)))
					return rc;
				s = i;
			}
			i++;
			continue;
		}
		ell = c != '.' && c != '!' && c != '?';
		j = i + (ell ? 3 : 1);
		while (j < b && (t[j] == '.' || t[j] == '!' || t[j] == '?' || is_ellipsis(t, j, b))) {
			ell = ell || t[j] == '.' || (unsigned char)t[j] == 0xE2;
			j += (unsigned char)t[j] == 0xE2 ? 3 : 1;
		}
		size_t stop_end = j;
		while (j < b && closer_len(t, j, b))
			j += closer_len(t, j, b);
		if (j >= b)
			break;
		if (is_ws(t, j, b)) {
			k = j;
			while (k < b && is_ws(t, k, b))
				k += ws_len(t, k, b);
			if (can_start(t, k, b) && (c != '.' || ell || dot_ends(t, s, i, k, b))) {
				if ((rc = emit(doc, s, j)))
					return rc;
				s = k;
			}
			i = k;
			continue;
		}
		/* glued paragraphs: "word.Next" (a lower-case word, then a capitalised one),
		 * "markets.24-hour" (a word, then a number) */
		if (c == '.' && j == i + 1 && i >= a + 3 && glued_end(t, i) && j + 1 < b &&
		    ((nm_isupper((unsigned char)t[j]) && nm_islower((unsigned char)t[j + 1])) ||
		     (nm_isdigit((unsigned char)t[j]) && nm_islower((unsigned char)t[i - 1])))) {
			size_t w = i;
			while (w > s && !nm_isspace((unsigned char)t[w - 1]))
				w--;
			/* not a domain or file name: the word before has no other dot or slash
			 * (an amount such as "$2.81" may hold one) */
			bool amount = nm_isdigit((unsigned char)t[i - 1]);
			if (!memchr(t + w, '/', i - w) && (amount || !memchr(t + w, '.', i - w)) &&
			    !memchr(t + w, '@', i - w)) {
				if ((rc = emit(doc, s, j)))
					return rc;
				s = j;
			}
		}
		/* a quote glued between them: 'ahead."Bitcoin is down', 'ahead.“Bitcoin': the
		 * quote opens the next sentence, or closes this one when a quote is open */
		else if (c == '.' && stop_end == i + 1 && i >= a + 3 && glued_end(t, i) &&
			 (quoted_start(t, j, b) || (j == i + 2 && t[i + 1] == '"' && j + 1 < b &&
						    nm_isupper((unsigned char)t[j]) &&
						    nm_islower((unsigned char)t[j + 1])))) {
			size_t at = j == i + 2 && quotes_open(t, s, i) ? j : i + 1;
			if ((rc = emit(doc, s, at)))
				return rc;
			s = at;
		}
		i = j;
	}
	return emit(doc, s, b);
}

static bool ends_closed(const char *t, size_t a, size_t b)
{
	while (b > a && (nm_isspace((unsigned char)t[b - 1]) || closer_len(t, b - 1, b) == 1))
		b--;
	if (b >= a + 3 && closer_len(t, b - 3, b) == 3)
		b -= 3;
	return b > a && (t[b - 1] == '.' || t[b - 1] == '!' || t[b - 1] == '?' || t[b - 1] == ':' ||
			 t[b - 1] == ';' || t[b - 1] == ',');
}

enum nm_code nm_extract_sentences(struct nm_doc *doc, struct nm_err *err)
{
	const char *t = doc->text;
	size_t n = doc->text_len, i = 0, unit = SIZE_MAX;
	enum nm_code rc;

	doc->n_sentences = 0;
	doc->sentences_ready = false;
	if (!t)
		return NM_OK;
	pthread_once(&longest_once, measure_lists);
	while (i < n) {
		const char *nl = memchr(t + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - t) : n, a = i, nx;
		bool blank = true, join;

		for (size_t k = a; k < e && blank; k++)
			blank = nm_isspace((unsigned char)t[k]);
		if (!blank) {
			while (a < e && is_ws(t, a, e))
				a += ws_len(t, a, e);
			if (unit == SIZE_MAX)
				unit = skip_bullet(t, a, e);
			/* soft wrap: this line does not close, the next starts in lower case */
			nx = e + 1;
			while (nx < n && (t[nx] == ' ' || t[nx] == '\t'))
				nx++;
			join = nx < n && nm_islower((unsigned char)t[nx]) && !ends_closed(t, a, e) &&
			       e - a >= 40;
			if (!join) {
				if ((rc = split_unit(doc, unit, e)))
					return nm_err_set(err, rc, "too many sentences for the document budget");
				unit = SIZE_MAX;
			}
		} else if (unit != SIZE_MAX) {
			if ((rc = split_unit(doc, unit, i)))
				return nm_err_set(err, rc, "too many sentences for the document budget");
			unit = SIZE_MAX;
		}
		i = e + 1;
	}
	if (unit != SIZE_MAX && (rc = split_unit(doc, unit, n)))
		return nm_err_set(err, rc, "too many sentences for the document budget");
	doc->sentences_ready = true;
	return NM_OK;
}

bool nm_sentence_after_bullet(const struct nm_doc *doc, size_t i)
{
	const char *t = doc->text;
	size_t start = doc->sentences[i].start, ls = start, k;
	while (ls > 0 && t[ls - 1] != '\n')
		ls--;
	while (ls < start && (t[ls] == ' ' || t[ls] == '\t'))
		ls++;
	if (ls == start || (k = skip_bullet(t, ls, start + 1)) == ls)
		return false;
	while (k < start && (t[k] == ' ' || t[k] == '\t'))
		k++;
	return k == start;
}

/*
 * A heading: no closing punctuation, and either short (a few words), in title case
 * (most longer words capitalised) or glued to the capitalised start of the next. A line that ends in an emoji is still prose.
 */
bool nm_sentence_is_heading(const struct nm_doc *doc, size_t i)
{
	struct nm_span sp = doc->sentences[i];
	const char *t = doc->text;
	size_t words = 0, longw = 0, caps = 0, k = sp.start;

	if (ends_closed(t, sp.start, sp.end))
		return false;
	/* scraped copy glued a subheading to the paragraph after it: "in an hourToday's" */
	if (i + 1 < doc->n_sentences && doc->sentences[i + 1].start == sp.end && sp.end > sp.start &&
	    nm_islower((unsigned char)t[sp.end - 1]) && nm_isupper((unsigned char)t[sp.end]))
		return true;
	while (k < sp.end) {
		size_t w;
		while (k < sp.end && nm_isspace((unsigned char)t[k]))
			k++;
		w = k;
		while (k < sp.end && !nm_isspace((unsigned char)t[k]))
			k++;
		if (k == w)
			break;
		words++;
		if (k - w >= 4 && nm_isalpha((unsigned char)t[w])) {
			longw++;
			caps += nm_isupper((unsigned char)t[w]);
		}
	}
	return words <= 6 || (longw && caps * 10 >= longw * 6);
}
