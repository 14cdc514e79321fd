/*
 * extract/mentions.c — stage 2 (mentions): doc->text becomes mentions. One PCRE2 scan
 * finds every quantity (money, percent, duration, bare number; dates and phone numbers
 * are skipped), one word scan finds the assets, then C code joins ranges ("$92,000 to
 * $93,000", "between 20 and 30"), reads qualifiers ("over", "about"), and binds each
 * amount to its asset and role from the words of its sentence. Nothing crosses a
 * sentence boundary. The mentioner is read-only: all scratch state lives in this call.
 */
#include "extract/mentions_int.h"

#include <math.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#define MATCH_LIMIT 200000   /* PCRE2 steps per match: a pathological rule fails alone */
#define SCRATCH_MAX ((size_t)64 << 20)
#define BIND_WINDOW 400      /* bytes each side of an amount searched for its asset and role */

/* A quantity found by the pattern scan, before binding. */
struct qtok {
	enum mkind kind;
	size_t start, end;       /* bytes: the amount itself */
	size_t qstart;           /* bytes: start with its qualifier or range prefix */
	double value, low, high; /* low/high: ranges and open bounds */
	double mult;             /* magnitude applied (1 = none) */
	char currency[NM_CURRENCY_MAX];
	enum nm_qualifier qual;
	int open;                /* 0, 'l' (above: low bound) or 'h' (under: high bound) */
	bool range;              /* joined with a second amount */
	bool dead;               /* merged into another token */
	bool part;               /* the far end of a range (evaluation prints it too) */
	bool cur_written;        /* the currency stands in the amount's own text */
	bool dot3;               /* dollars written "1.855": 1,855 or 1.855 (thousand_or_decimal) */
	size_t part_a_end;       /* bytes: where the first end of a range stopped */
	double part_a_value;
	size_t sentence;
};

struct atok {
	size_t start, end;
	unsigned asset;
	bool ambiguous;          /* needs context; cleared when confirmed */
	bool cashtag;
	size_t sentence;
};

/* A role or market cue word found by the word pass. */
struct cue {
	size_t start, end;
	const struct mlex_entry *role; /* NULL for a market phrase */
	bool market;
	size_t sentence;
};

/* Where the last look-ups in the asset and cue arrays landed. */
struct hints {
	size_t asset, cue;
};

struct scan {
	const struct nm_mentioner *m;
	const char *t;
	size_t n;
	size_t *sent_end;        /* sorted ends of sentences (exclusive) */
	size_t nsent, capsent;
	struct qtok *q;
	size_t nq, capq;
	struct atok *a;
	size_t na, capa;
	struct cue *c;
	size_t nc, capc;
	size_t *cand;            /* byte offsets where a pattern may start, ascending */
	size_t sent_hint;        /* sentence_near() of the word scan */
	struct hints *hints;     /* first_at() of the binder (which reads a const scan) */
	size_t ncand, capcand;
	mattempt_fn *trace;      /* NULL, or told of each match attempt (mentions_traced) */
	void *trace_arg;
};

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap * 2 : 64;
	while (c < need)
		c *= 2;
	*cap = c;
	return nm_xrealloc(p, c * elem);
}

/* ------------------------------------------------------------- sentences */

/* The ends of the document's sentences (nm_extract_sentences), as the scans look them
 * up: sentence k holds the bytes before sent_end[k] and from the end of sentence k - 1 on
 * (the blanks and bullets between two sentences go with the second). The last runs to
 * the end of the text. */
static void sentence_ends(struct scan *s, const struct nm_doc *doc)
{
	size_t ns = doc->n_sentences;
	s->sent_end = grow(s->sent_end, &s->capsent, ns + 1, sizeof(size_t));
	for (size_t k = 0; k + 1 < ns; k++)
		s->sent_end[s->nsent++] = doc->sentences[k].end;
	s->sent_end[s->nsent++] = s->n + 1;
}

/* Index of the first of n items (stride bytes apart, in text order, each starting with
 * its size_t start offset) that starts at or after pos, searched from *hint (the answer
 * for a nearby place, updated): the scans and the binder ask in text order, a step or
 * two apart. */
static size_t first_at(const void *items, size_t n, size_t stride, size_t pos, size_t *hint)
{
	const char *p = items;
	size_t k = *hint < n ? *hint : n, start;
	while (k < n && (memcpy(&start, p + k * stride, sizeof(start)), start < pos))
		k++;
	while (k > 0 && (memcpy(&start, p + (k - 1) * stride, sizeof(start)), start >= pos))
		k--;
	*hint = k;
	return k;
}

/* The sentence of byte pos: the first whose end is past pos (first_at() over the ends). */
static size_t sentence_near(const struct scan *s, size_t pos, size_t *hint)
{
	return first_at(s->sent_end, s->nsent, sizeof(*s->sent_end), pos + 1, hint);
}

static size_t sentence_start(const struct scan *s, size_t idx)
{
	return idx ? s->sent_end[idx - 1] : 0;
}

/* ------------------------------------------------------------- words */

/* The span of up to k blank-separated words ending right before pos (not crossing lo or a
 * line break): returns the start, or pos when there is none. */
static size_t words_before(const char *t, size_t lo, size_t pos, unsigned k)
{
	size_t p = pos;
	size_t start = pos;
	for (unsigned w = 0; w < k; w++) {
		size_t e = p;
		while (e > lo && (t[e - 1] == ' ' || t[e - 1] == '\t'))
			e--;
		size_t b = e;
		while (b > lo && !nm_isspace((unsigned char)t[b - 1]))
			b--;
		if (b == e)
			break;
		start = b;
		p = b;
	}
	return start;
}

/* Look up one word without blanks (normalised text already) in l. */
static const struct mlex_entry *word_in(const struct mlex *l, const char *w, size_t n)
{
	uint32_t hx, hl;
	mlex_hash_pair(w, n, &hx, &hl);
	return mlex_find_norm(l, w, n, hx, hl);
}

/* Try the last k..1 words before pos against list l; on a hit set *from and return it. */
/* The word right before pos: [b0, e) as written, [b, e) without a leading "(", quote or
 * comma; ok is false when it ends no phrase of any list before an amount (the quick
 * reject that every phrase_before() at this place shares). */
struct before {
	size_t b0, b, e;
	bool ok;
};

static void word_before(const struct scan *s, size_t lo, size_t pos, struct before *w)
{
	size_t b = words_before(s->t, lo, pos, 1), e = pos, b0;
	w->ok = false;
	while (e > b && nm_isspace((unsigned char)s->t[e - 1]))
		e--;
	b0 = b;
	while (b < e && (s->t[b] == '(' || s->t[b] == '"' || s->t[b] == ','))
		b++;
	if (b == e)
		return;
	if (!word_in(&s->m->lastwords, s->t + b, e - b)) {
		/* or the symbols at the end of it: "x>" */
		size_t g = e;
		while (g > b && !nm_isalnum((unsigned char)s->t[g - 1]))
			g--;
		if (g == e || g == b || !word_in(&s->m->lastwords, s->t + g, e - g))
			return;
	}
	w->b0 = b0;
	w->b = b;
	w->e = e;
	w->ok = true;
}

/* The longest phrase of l that ends right before pos (after lo); w is word_before() of
 * the same place, or NULL to work it out. */
static const struct mlex_entry *phrase_before(const struct scan *s, const struct mlex *l,
					      size_t lo, size_t pos, size_t *from,
					      const struct before *w)
{
	/* the list's own last words: which phrase lengths may end right before pos */
	const struct mlex *lw = l == s->m->l_qualifier ? &s->m->lastw[0] :
				l == s->m->l_range_open ? &s->m->lastw[1] :
				l == s->m->l_range_prefix ? &s->m->lastw[2] : NULL;
	const struct mlex_entry *last_stripped = NULL, *last_word = NULL;
	struct before own;
	if (!l)
		return NULL;
	if (!w) {
		word_before(s, lo, pos, &own);
		w = &own;
	}
	if (!w->ok)
		return NULL;
	if (lw) {
		/* one word: the word stripped; more: it ends with the word as written */
		last_stripped = word_in(lw, s->t + w->b, w->e - w->b);
		last_word = w->b0 == w->b ? last_stripped : word_in(lw, s->t + w->b0, w->e - w->b0);
	}
	for (unsigned k = (unsigned)l->maxwords; k >= 1; k--) {
		if (lw && (k == 1 ? !last_stripped : !last_word || last_word->num + 1 < k))
			continue; /* no phrase of k words ends with this word */
		size_t b = words_before(s->t, lo, pos, k);
		size_t e = pos;
		const struct mlex_entry *hit;
		if (b == pos)
			continue;
		while (e > b && nm_isspace((unsigned char)s->t[e - 1]))
			e--;
		/* a leading "(" or quote is not part of the phrase */
		while (b < e && (s->t[b] == '(' || s->t[b] == '"' || s->t[b] == ','))
			b++;
		if ((hit = mlex_find(l, s->t + b, e - b))) {
			*from = b;
			return hit;
		}
	}
	/* a symbol glued to a word: "x>10", "y<20" */
	{
		size_t e = pos, b = pos;
		while (b > lo && !nm_isspace((unsigned char)s->t[b - 1]) && !nm_isalnum((unsigned char)s->t[b - 1]))
			b--;
		if (b < e && b > lo && nm_isalnum((unsigned char)s->t[b - 1])) {
			const struct mlex_entry *hit = mlex_find(l, s->t + b, e - b);
			if (hit) {
				*from = b;
				return hit;
			}
		}
	}
	return NULL;
}

/* The first k..1 words right after pos (before hi) against list l; on a hit set *to (the
 * end of the phrase) and return it. */
static const struct mlex_entry *phrase_after(const struct scan *s, const struct mlex *l,
					     size_t pos, size_t hi, size_t *to)
{
	size_t ends[8], n = 0, p = pos;
	if (!l || !l->maxwords)
		return NULL;
	while (n < l->maxwords && n < 8) {
		while (p < hi && (s->t[p] == ' ' || s->t[p] == '\t'))
			p++;
		size_t e = p;
		while (e < hi && !nm_isspace((unsigned char)s->t[e]) && s->t[e] != ',' &&
		       s->t[e] != '.' && s->t[e] != ';' && s->t[e] != ')')
			e++;
		if (e == p)
			break;
		ends[n++] = e;
		p = e;
	}
	size_t b = pos;
	while (b < hi && (s->t[b] == ' ' || s->t[b] == '\t'))
		b++;
	if (b == pos)
		return NULL; /* "5or more" is no phrase */
	if (l == s->m->l_range_after && n && !word_in(&s->m->after_first, s->t + b, ends[0] - b))
		return NULL; /* no phrase starts with this word */
	for (size_t k = n; k >= 1; k--) {
		const struct mlex_entry *hit = mlex_find(l, s->t + b, ends[k - 1] - b);
		if (hit) {
			*to = ends[k - 1];
			return hit;
		}
	}
	return NULL;
}

/* ------------------------------------------------------------- quantity scan */

/* The groups of the pattern that matched (numbers per semantic group). */
typedef uint32_t mgroups[MG__N][MG_MAXDUP];

static size_t group(const mgroups *gr, const PCRE2_SIZE *ov, enum mgroup g, size_t *len)
{
	for (int k = 0; k < MG_MAXDUP && (*gr)[g][k]; k++) {
		uint32_t i = (*gr)[g][k];
		if (ov[2 * i] != PCRE2_UNSET) {
			*len = ov[2 * i + 1] - ov[2 * i];
			return ov[2 * i];
		}
	}
	return (size_t)-1;
}

static void set_currency(char *dst, const char *code)
{
	size_t n = strlen(code);
	if (n >= NM_CURRENCY_MAX)
		n = NM_CURRENCY_MAX - 1;
	memcpy(dst, code, n);
	dst[n] = '\0';
}

/* "1.855", "12.500": one to three digits (not a lone 0), a dot, three digits. Read as
 * thousands ("$8.408" is how some translated news write BTC at 8,408), while the dollar
 * prices of coins under $10 write three decimals ("XRP at $1.855"); the amounts around it
 * decide (settle_dot3). */
static bool thousand_or_decimal(const char *p, size_t n)
{
	size_t d = 0;
	while (d < n && nm_isdigit((unsigned char)p[d]))
		d++;
	if (d < 1 || d > 3 || p[0] == '0' || n != d + 4 || p[d] != '.')
		return false;
	for (size_t k = d + 1; k < n; k++)
		if (!nm_isdigit((unsigned char)p[k]))
			return false;
	return true;
}

/* Is range q written as prices are: both ends in thousands ("3,150–3,200", "80-82k"), or
 * a separator or decimal point between the digits of its first end ("105.50–106.20"),
 * rather than as small whole numbers, which are as often hours, days or an indicator's
 * periods ("hours 9-12", "Jan 5–6", "the 12-26 EMA")? */
static bool written_as_price(const char *t, const struct qtok *q)
{
	if (q->low >= 1000 && q->high >= 1000)
		return true;
	for (size_t i = q->start + 1; i + 1 < q->part_a_end; i++)
		if ((t[i] == '.' || t[i] == ',') && nm_isdigit((unsigned char)t[i - 1]) &&
		    nm_isdigit((unsigned char)t[i + 1]))
			return true;
	return false;
}

/* Turn one match into a token; false when the match reads as nothing. */
static bool make_token(struct scan *s, enum mkind kind, const mgroups *gr, const PCRE2_SIZE *ov,
		       struct qtok *q)
{
	const struct nm_mentioner *m = s->m;
	const char *t = s->t;
	size_t off, len, moff, mlen = 0;
	double v = NAN, coin = 1;

	memset(q, 0, sizeof(*q));
	if (kind == MK_QUANTITY) /* what follows the number says what it is */
		kind = group(gr, ov, MG_UNIT, &len) != (size_t)-1 ? MK_PERCENT :
		       group(gr, ov, MG_DUR, &len) != (size_t)-1 ? MK_DURATION :
		       group(gr, ov, MG_CUR, &len) != (size_t)-1 ? MK_MONEY : MK_NUMBER;
	q->kind = kind;
	q->start = q->qstart = ov[0];
	q->end = ov[1];
	q->low = q->high = NAN;
	q->mult = 1;
	moff = group(gr, ov, MG_MAG, &mlen);
	if ((off = group(gr, ov, MG_FRAC, &len)) != (size_t)-1) {
		/* "1/4", "2 1/4" */
		const char *sl = memchr(t + off, '/', len);
		double num = strtod(t + off, NULL), den = sl ? strtod(sl + 1, NULL) : 0, whole = 0;
		if (!sl || den == 0)
			return false;
		size_t woff, wlen;
		if ((woff = group(gr, ov, MG_NUM, &wlen)) != (size_t)-1 &&
		    !mnum_parse_digits(t + woff, wlen, false, &whole))
			return false;
		v = whole + num / den;
	} else if ((off = group(gr, ov, MG_NUM, &len)) != (size_t)-1) {
		if (!mnum_parse_digits(t + off, len, moff != (size_t)-1, &v))
			return false;
	} else if ((off = group(gr, ov, MG_WORDS, &len)) != (size_t)-1) {
		if (!mnum_parse_words(m->l_numword, t + off, len, &v))
			return false;
	} else if ((off = group(gr, ov, MG_WIN, &len)) != (size_t)-1) {
		v = 1;
		/* "the past week": the article belongs to the window */
		if (q->start >= 4 && !nm_strncasecmp(t + q->start - 4, "the ", 4) &&
		    (q->start == 4 || !nm_isalnum((unsigned char)t[q->start - 5])))
			q->start = q->qstart = q->start - 4;
	} else {
		return false;
	}
	if ((off = group(gr, ov, MG_CUR2, &len)) != (size_t)-1 ||
	    (off = group(gr, ov, MG_CUR, &len)) != (size_t)-1) {
		const struct mlex_entry *e = mlex_find(m->l_currency, t + off, len);
		if (!e)
			e = mlex_find(m->l_currency_name, t + off, len);
		if (e) {
			set_currency(q->currency, e->value);
		} else if ((e = mlex_find(m->l_currency_coin, t + off, len))) {
			/* a coin or slang word counts in its currency: VALUE is CODE*FACTOR,
			 * checked when the rules loaded, the factor kept as num */
			size_t cn = strcspn(e->value, "*");
			memcpy(q->currency, e->value, cn);
			q->currency[cn] = '\0';
			coin = e->num;
		}
	}
	if (moff != (size_t)-1) {
		const struct mlex_entry *e = mlex_find(m->l_magnitude_cased, t + moff, mlen);
		if (!e)
			e = mlex_find(m->l_magnitude, t + moff, mlen);
		/* a bare "5m" is metres or minutes as often as millions */
		if (mlen == 1 && t[moff] == 'm' && !q->currency[0])
			return false;
		if (e && !isnan(e->num))
			q->mult = e->num;
		v *= q->mult;
	}
	v *= coin;
	q->cur_written = q->currency[0] != '\0';
	if (moff == (size_t)-1 && (off = group(gr, ov, MG_NUM, &len)) != (size_t)-1 && coin == 1 &&
	    !strcmp(q->currency, "USD"))
		q->dot3 = thousand_or_decimal(t + off, len);
	if (group(gr, ov, MG_NEG, &len) != (size_t)-1)
		v = -v;
	if (kind == MK_DURATION) {
		const struct mlex_entry *e = NULL;
		if ((off = group(gr, ov, MG_DUR, &len)) != (size_t)-1 ||
		    (off = group(gr, ov, MG_WIN, &len)) != (size_t)-1)
			e = mlex_find(m->l_duration, t + off, len);
		if (!e || isnan(e->num))
			return false;
		v *= e->num;
	}
	q->value = v;
	return isfinite(v);
}

/* bytes a single mention may span, at most */
#define MATCH_WINDOW 1024

static enum nm_code scan_quantities(struct scan *s, struct nm_err *err)
{
	const struct nm_mentioner *m = s->m;
	pcre2_match_data *md = pcre2_match_data_create(m->ovec_pairs, NULL);
	pcre2_match_context *mc = pcre2_match_context_create(NULL);
	size_t at = 0;
	enum nm_code rc = NM_OK;

	if (!md || !mc)
		NM_BUG("out of memory in PCRE2");
	pcre2_set_match_limit(mc, MATCH_LIMIT);
	size_t ci = 0, si = 0, qhint = 0;
	while (at <= s->n) {
		int r;
		const mgroups *gr = &m->groups;
		if (m->prefilter) {
			/* only where a pattern may start, anchored there */
			while (ci < s->ncand && s->cand[ci] < at)
				ci++;
			if (ci == s->ncand)
				break;
			at = s->cand[ci++];
			/* the subject ends with the sentence (a mention never crosses one), and
			 * within MATCH_WINDOW bytes, so no rule's lookahead reads the whole page */
			while (si < s->nsent && s->sent_end[si] <= at)
				si++; /* the sentence of at: at only grows */
			size_t lim = s->sent_end[si];
			if (lim > s->n)
				lim = s->n;
			if (lim - at > MATCH_WINDOW)
				lim = at + MATCH_WINDOW;
			/* only the patterns that may start with this byte */
			uint8_t sub = m->sub_of[(unsigned char)s->t[at]];
			if (sub == MSUB_NONE) {
				at++;
				continue;
			}
			gr = &m->subs[sub].groups;
			const pcre2_code *re = m->subs[sub].re;
			if (s->trace)
				s->trace(s->trace_arg, &(struct mattempt){re, m->subs[sub].jit, at, lim});
			r = m->subs[sub].jit ?
				    pcre2_jit_match(re, (PCRE2_SPTR)s->t, lim, at, 0, md, mc) :
				    pcre2_match(re, (PCRE2_SPTR)s->t, lim, at, PCRE2_NO_UTF_CHECK, md, mc);
			if (r == PCRE2_ERROR_NOMATCH) {
				at++;
				continue;
			}
		} else {
			if (s->trace)
				s->trace(s->trace_arg, &(struct mattempt){m->re, false, at, s->n});
			r = pcre2_match(m->re, (PCRE2_SPTR)s->t, s->n, at, PCRE2_NO_UTF_CHECK, md, mc);
		}
		const PCRE2_SIZE *ov;
		PCRE2_SPTR mark;
		size_t idx;
		struct qtok q;

		if (r == PCRE2_ERROR_NOMATCH)
			break;
		if (r < 0) {
			/* a rule that blows the match limit loses this position, not the document */
			at++;
			while (at < s->n && ((unsigned char)s->t[at] & 0xC0) == 0x80)
				at++;
			continue;
		}
		ov = pcre2_get_ovector_pointer(md);
		mark = pcre2_get_mark(md);
		at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		while (at < s->n && ((unsigned char)s->t[at] & 0xC0) == 0x80)
			at++;
		if (!mark || ov[1] == ov[0])
			continue; /* an empty match reads as nothing (a user's pattern may allow one) */
		idx = 0; /* the MARK is the pattern's index, in decimal */
		for (const unsigned char *d = mark; *d >= '0' && *d <= '9' && idx < ((size_t)1 << 32); d++)
			idx = idx * 10 + (size_t)(*d - '0');
		if (idx >= m->npatterns || m->pattern_kind[idx] == MK_SKIP)
			continue;
		if (!make_token(s, m->pattern_kind[idx], gr, ov, &q))
			continue;
		q.sentence = sentence_near(s, q.start, &qhint);
		size_t hint_end = q.sentence;
		if (sentence_near(s, q.end - 1, &hint_end) != q.sentence)
			continue; /* never across a sentence boundary */
		if (s->nq * sizeof(*s->q) > SCRATCH_MAX) {
			rc = nm_err_set(err, NM_ETOOBIG, "too many mentions in one document");
			break;
		}
		s->q = grow(s->q, &s->capq, s->nq + 1, sizeof(*s->q));
		s->q[s->nq++] = q;
	}
	pcre2_match_context_free(mc);
	pcre2_match_data_free(md);
	return rc;
}

/* ------------------------------------------------------------- asset scan */

/* The asset form written p[0..n), one word. */
static const struct mform *form_lookup(const struct nm_mentioner *m, const char *p, size_t n)
{
	uint32_t hx, hl;
	mlex_hash_pair(p, n, &hx, &hl);
	return mform_find_text(m, p, n, hx, hl);
}

/* An asset starting at word i: its end, or i when there is none. */
static size_t asset_at(struct scan *s, size_t i, unsigned maxw)
{
	const struct nm_mentioner *m = s->m;
	const char *t = s->t;
	size_t n = s->n, ends[8], nw = 0, j = i, p = i;
	uint32_t hx = MLEX_HASH_SEED, hl = MLEX_HASH_SEED, hxs[8], hls[8];
	const struct mform *f = NULL;
	bool cashtag = i > 0 && t[i - 1] == '$';

	/* up to form_maxwords words separated by single blanks (normalised text already),
	 * hashed as they are read: each prefix is one probe; no more words than the longest
	 * form that starts with this word (maxw, when the first-word table says) */
	while (nw < m->form_maxwords && nw < 8 && nw < maxw) {
		while (j < n && (nm_isalnum((unsigned char)t[j]) || t[j] == '-' || t[j] == '.') &&
		       !(t[j] == '.' && (j + 1 >= n || !nm_isalnum((unsigned char)t[j + 1]))) &&
		       !(t[j] == '-' && (j + 1 >= n || !nm_isalnum((unsigned char)t[j + 1]))))
			j++;
		for (; p < j; p++) {
			hx = mlex_hash_step(hx, (unsigned char)t[p]);
			hl = mlex_hash_step(hl, (unsigned char)nm_tolower((unsigned char)t[p]));
		}
		hxs[nw] = hx;
		hls[nw] = hl;
		ends[nw++] = j;
		if (j + 1 < n && t[j] == ' ' && nm_isalnum((unsigned char)t[j + 1]))
			j++;
		else
			break;
	}
	for (size_t k = nw; k-- > 0 && !f;) {
		f = mform_find_text(m, t + i, ends[k] - i, hxs[k], hls[k]);
		if (f && f->nwords != k + 1)
			f = NULL;
		if (f)
			j = ends[k];
	}
	if (!f) {
		/* a hyphenated word may hold a name: "Bitcoin-based" */
		size_t e = i;
		while (e < n && nm_isalnum((unsigned char)t[e]))
			e++;
		if (e < ends[0] && (f = form_lookup(m, t + i, e - i)) && f->nwords == 1)
			j = e;
		else if (cashtag && e - i < NM_TICKER_MAX) {
			/* a cash-tag in any case: $btc */
			char up[NM_TICKER_MAX];
			for (size_t x = i; x < e; x++)
				up[x - i] = (char)nm_toupper((unsigned char)t[x]);
			f = mform_find(m, up, e - i, true);
			if (f && f->is_ticker && !(e < n && nm_isalnum((unsigned char)t[e])))
				j = e;
			else
				f = NULL;
		} else {
			f = NULL;
		}
	}
	if (!f || (cashtag && !f->is_ticker))
		return i;
	size_t sent = sentence_near(s, i, &s->sent_hint);
	if (sentence_near(s, j - 1, &s->sent_hint) != sent)
		return i; /* not across a sentence end: "chainliNk" glued as "outlookCrypto" */
	cashtag = cashtag && f->is_ticker;
	s->a = grow(s->a, &s->capa, s->na + 1, sizeof(*s->a));
	s->a[s->na++] = (struct atok){cashtag ? i - 1 : i, j, f->asset,
				      f->is_ticker && m->assets[f->asset].ambiguous && !cashtag,
				      cashtag, sent};
	return j;
}

/* A role or market phrase starting at word i (longest first): record it as a cue. */
static size_t cue_at(struct scan *s, size_t i, const struct mlex *l, bool market, unsigned maxw)
{
	const char *t = s->t;
	size_t ends[6], nw = 0, j = i, hi = s->n, p = i;
	uint32_t hx = MLEX_HASH_SEED, hl = MLEX_HASH_SEED, hxs[6], hls[6];
	const struct mlex_entry *e = NULL;
	size_t k;

	if (!l)
		return i;
	/* words joined by single blanks: normalised already, hashed as they are read */
	while (nw < l->maxwords && nw < 6 && nw < maxw) {
		while (j < hi && (nm_isalpha((unsigned char)t[j]) || t[j] == '-'))
			j++;
		for (; p < j; p++) {
			hx = mlex_hash_step(hx, (unsigned char)t[p]);
			hl = mlex_hash_step(hl, (unsigned char)nm_tolower((unsigned char)t[p]));
		}
		hxs[nw] = hx;
		hls[nw] = hl;
		ends[nw++] = j;
		if (j + 1 < hi && t[j] == ' ' && nm_isalpha((unsigned char)t[j + 1]))
			j++;
		else
			break;
	}
	k = nw;
	while (k-- > 0 && !(e = mlex_find_norm(l, t + i, ends[k] - i, hxs[k], hls[k])))
		;
	if (!e)
		return i;
	s->c = grow(s->c, &s->capc, s->nc + 1, sizeof(*s->c));
	s->c[s->nc++] = (struct cue){i, ends[k], market ? NULL : e, market,
				     sentence_near(s, i, &s->sent_hint)};
	return ends[k];
}

/* May a pattern start at the symbol t[i]? Punctuation only before a number ("-5", ".5",
 * "+1-222"); a multi-byte character only when a phrase starts with it ("€", "−"). */
static bool symbol_starts(const struct scan *s, size_t i)
{
	const struct nm_mentioner *m = s->m;
	const char *t = s->t;
	unsigned char c = (unsigned char)t[i];
	if (c >= 0x80) {
		if (m->start_pair_ok && i + 1 < s->n) {
			/* most are other characters (quotes, dashes): their first two bytes
			 * start none */
			unsigned c1 = (unsigned char)t[i + 1];
			if (!((m->start_pair[(c << 8 | c1) >> 3] >> (c1 & 7)) & 1))
				return false;
		}
		for (size_t k = 0; k < m->nstart_chars; k++) {
			if (m->start_chars[k][1] && (i + 1 >= s->n || m->start_chars[k][1] != t[i + 1] ||
						     m->start_chars[k][0] != t[i]))
				continue; /* most are other characters with the same lead byte (quotes) */
			size_t l = strlen(m->start_chars[k]);
			if (i + l <= s->n && !memcmp(t + i, m->start_chars[k], l))
				return true;
		}
		return false;
	}
	if (c == '.' || c == '+' || c == '-') {
		size_t j = i + 1;
		if (c == '-' && j < s->n && t[j] == ' ')
			j++;
		return j < s->n && (nm_isdigit((unsigned char)t[j]) ||
				    (c == '-' && m->start_byte[(unsigned char)t[j]] && !nm_isalnum((unsigned char)t[j])));
	}
	return true;
}

/* The hash of t[0..n) lower-cased (alphanumerics only: wordlow), as mlex_hash of it. */
static inline uint32_t hash_low(const struct nm_mentioner *m, const char *t, size_t n)
{
	uint32_t h = MLEX_HASH_SEED;
	for (size_t k = 0; k < n; k++)
		h = mlex_hash_step(h, m->wordlow[(unsigned char)t[k]]);
	return h;
}

/* mfirst_mask_h() of the alphanumeric word t[0..n) whose hash lower-cased is h. */
static inline unsigned first_mask(const struct nm_mentioner *m, const char *t, size_t n, uint32_t h,
				  unsigned maxw[3])
{
	return mfirst_maybe(m, h) ? mfirst_mask_h(m, t, n, h, maxw) : 0;
}

/* MF_* of the word (ASCII letters and digits) at t[k], whose end goes to *end. */
static unsigned word_mask(const struct nm_mentioner *m, const char *t, size_t k, size_t *end,
			  unsigned maxw[3])
{
	size_t e = k;
	while (m->wordlow[(unsigned char)t[e]]) /* t[n] is a NUL */
		e++;
	*end = e;
	return e > k ? first_mask(m, t + k, e - k, hash_low(m, t + k, e - k), maxw) : 0;
}

/* Does the word after t[j] (past blanks and hyphens) start a phrase of a list that a
 * conditional start word names (MF_FOLLOW)? "a" is worth a match attempt before
 * "hundred" or "dollar", not before "new". */
static bool follows(const struct nm_mentioner *m, const char *t, size_t j, size_t n)
{
	size_t e;
	while (j < n && (nm_isspace((unsigned char)t[j]) || t[j] == '-'))
		j++;
	return word_mask(m, t, j, &e, NULL) & MF_FOLLOW;
}

/* Role cues among the later words of an asset phrase t[j..e): "total crypto market cap"
 * names the market-cap index and says that its amount is a market cap. */
static void roles_within(struct scan *s, size_t j, size_t e)
{
	for (size_t k = j; k < e; k++) {
		unsigned maxw[3] = {0, 0, 0};
		size_t w;
		if (word_mask(s->m, s->t, k, &w, maxw) & MF_ROLE)
			cue_at(s, k, s->m->l_role, false, maxw[1]);
		if (w > k)
			k = w;
	}
}

/* One pass over the words: where patterns may start, assets, role and market cues. */
static void scan_words(struct scan *s)
{
	const struct nm_mentioner *m = s->m;
	const char *t = s->t;
	size_t n = s->n;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		if (!m->wordlow[c]) { /* not alphanumeric */
			if (m->start_byte[c] && symbol_starts(s, i)) {
				s->cand = grow(s->cand, &s->capcand, s->ncand + 1, sizeof(size_t));
				s->cand[s->ncand++] = i;
			}
			continue;
		}
		/* a word starts here: every word is read to its end (asset_at ends a form
		 * where a word ends too), so the byte before is never alphanumeric */
		/* the word; all holds the bits its bytes (lower-cased) share: a digit (0x3X)
		 * clears bit 0x40, which every lower-case letter has */
		size_t j = i + 1;
		unsigned all = m->wordlow[c];
		uint32_t h = mlex_hash_step(MLEX_HASH_SEED, m->wordlow[c]);
		unsigned char lc;
		while ((lc = m->wordlow[(unsigned char)t[j]])) { /* t[n] is a NUL */
			all &= lc;
			h = mlex_hash_step(h, lc);
			j++;
		}
		if (nm_isdigit(c) || ((c == 'v' || c == 'V') && j > i + 1 && nm_isdigit((unsigned char)t[i + 1]))) {
			s->cand = grow(s->cand, &s->capcand, s->ncand + 1, sizeof(size_t));
			s->cand[s->ncand++] = i;
			unsigned maxw[3] = {0, 0, 0};
			if (nm_isdigit(c) && (first_mask(m, t + i, j - i, h, maxw) & MF_ASSET))
				asset_at(s, i, maxw[0]); /* "1INCH" */
			i = j - 1;
			continue;
		}
		unsigned maxw[3] = {0, 0, 0};
		unsigned mask = first_mask(m, t + i, j - i, h, maxw);
		if (!(all & 0x40)) {
			/* letters glued to a number ("USD3.14", "Rs20"): the letters before the
			 * first digit */
			size_t l = i + 1;
			while (!nm_isdigit((unsigned char)t[l]))
				l++;
			mask |= first_mask(m, t + i, l - i, hash_low(m, t + i, l - i), NULL) & MF_START;
		}
		if (!mask && !(i > 0 && t[i - 1] == '$')) {
			i = j - 1; /* most words */
			continue;
		}
		if ((mask & (MF_START | MF_START_IF)) == MF_START_IF && follows(m, t, j, n))
			mask |= MF_START;
		if (mask & MF_START) {
			s->cand = grow(s->cand, &s->capcand, s->ncand + 1, sizeof(size_t));
			s->cand[s->ncand++] = i;
		}
		size_t e = i;
		if ((mask & MF_ASSET) || (i > 0 && t[i - 1] == '$'))
			e = asset_at(s, i, mask & MF_ASSET ? maxw[0] : 8); /* a cash-tag: any form */
		if (mask & MF_ROLE)
			cue_at(s, i, m->l_role, false, maxw[1]);
		if (mask & MF_MARKET)
			cue_at(s, i, m->l_market, true, maxw[2]);
		if (e > j)
			roles_within(s, j, e);
		i = (e > j ? e : j) - 1;
	}
}

/* qsort() unless base is in order already (the usual case: the scans go left to right).
 * glibc's qsort() is a merge sort, stable: on sorted input it changes nothing either. */
static void sort_unless_sorted(void *base, size_t n, size_t size,
			       int (*cmp)(const void *, const void *))
{
	const char *p = base;
	for (size_t i = 1; i < n; i++)
		if (cmp(p + (i - 1) * size, p + i * size) > 0) {
			qsort(base, n, size, cmp);
			return;
		}
}

static int cmp_atok(const void *a, const void *b)
{
	const struct atok *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_cue(const void *a, const void *b)
{
	const struct cue *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Only blanks, commas, "&", "/", "and", "or" between a and b. */
static bool list_gap(const char *t, size_t a, size_t b)
{
	if (b < a || b - a > 8)
		return false;
	for (size_t i = a; i < b; i++) {
		char c = t[i];
		if (c == ' ' || c == ',' || c == '&' || c == '/')
			continue;
		if (i + 3 <= b && !nm_strncasecmp(t + i, "and", 3)) {
			i += 2;
			continue;
		}
		if (i + 2 <= b && !nm_strncasecmp(t + i, "or", 2)) {
			i += 1;
			continue;
		}
		return false;
	}
	return true;
}

/* An ambiguous ticker ("LINK", "ONE") stays only with context. */
#define NAMED_ASSETS_MAX 4096
static void confirm_assets(struct scan *s)
{
	const char *t = s->t;
	/* the assets the text names without doubt ("Chainlink"): their ticker is theirs
	 * anywhere in it ("LINK held support at $14") */
	uint64_t named[NAMED_ASSETS_MAX / 64] = {0};
	for (size_t i = 0; i < s->na; i++)
		if (!s->a[i].ambiguous && s->a[i].asset < NAMED_ASSETS_MAX)
			named[s->a[i].asset / 64] |= (uint64_t)1 << (s->a[i].asset % 64);
	for (size_t i = 0; i < s->na; i++) {
		struct atok *a = &s->a[i];
		if (!a->ambiguous)
			continue;
		if (a->asset < NAMED_ASSETS_MAX && (named[a->asset / 64] >> (a->asset % 64) & 1)) {
			a->ambiguous = false;
			continue;
		}
		size_t e = a->end;
		if (a->start > 0 && t[a->start - 1] == '(' && e < s->n && t[e] == ')') {
			a->ambiguous = false;
			continue;
		}
		if ((i > 0 && !s->a[i - 1].ambiguous && list_gap(t, s->a[i - 1].end, a->start)) ||
		    (i + 1 < s->na && !s->a[i + 1].ambiguous && list_gap(t, e, s->a[i + 1].start))) {
			a->ambiguous = false;
			continue;
		}
		/* a cue word or an amount right after it */
		size_t w = e;
		while (w < s->n && t[w] == ' ')
			w++;
		size_t we = w;
		while (we < s->n && nm_isalpha((unsigned char)t[we]))
			we++;
		if (we > w && mlex_find(s->m->l_asset_cue, t + w, we - w)) {
			a->ambiguous = false;
			continue;
		}
		size_t k0 = 0, hi = s->nq;
		while (k0 < hi) { /* the first quantity at or after e */
			size_t mid = (k0 + hi) / 2;
			if (s->q[mid].start < e)
				k0 = mid + 1;
			else
				hi = mid;
		}
		for (size_t k = k0; k < s->nq && s->q[k].start <= e + 3; k++) {
			if (s->q[k].start >= e && s->q[k].start <= e + 3 &&
			    (s->q[k].kind == MK_MONEY || s->q[k].kind == MK_PERCENT)) {
				a->ambiguous = false;
				break;
			}
		}
	}
	/* drop the unconfirmed ones */
	size_t o = 0;
	for (size_t i = 0; i < s->na; i++)
		if (!s->a[i].ambiguous)
			s->a[o++] = s->a[i];
	s->na = o;
}

/* Does an amount's phrase end at e? The text's end, a stop or closing mark, a word of
 * list phrase_end ("to", "worth", "tokens", "sent"), or a verb in "-ed" ("moved"). */
static bool coin_phrase_ends(const struct scan *s, size_t e)
{
	const char *t = s->t;
	if (e >= s->n || (t[e] && strchr(".,;:!?)]\"'", t[e])))
		return true;
	if (t[e] != ' ')
		return false;
	size_t w = e + 1, we = w;
	while (we < s->n && nm_isalpha((unsigned char)t[we]))
		we++;
	if (we == w || (we < s->n && nm_isalnum((unsigned char)t[we])))
		return false;
	return (we - w > 3 && t[we - 2] == 'e' && t[we - 1] == 'd') ||
	       mlex_find(s->m->l_phrase_end, t + w, we - w);
}

/*
 * A number right before a coin's ticker is an amount of that coin: "1 billion XRP
 * unlocked from escrow", "300,000 DOGE." (the money rules name only a few coins as
 * currencies: BTC, ETH, SOL, USDT, USDC). Only a confirmed ticker written in capitals,
 * and only where the phrase ends after it (list phrase_end): "5 SOL ETFs" is no amount.
 */
static void coin_amounts(struct scan *s)
{
	const struct nm_mentioner *m = s->m;
	const char *t = s->t;
	size_t k = 0;
	if (!m->l_phrase_end)
		return;
	for (size_t i = 0; i < s->nq; i++) {
		struct qtok *q = &s->q[i];
		if (q->kind != MK_NUMBER || q->dead || q->range || q->currency[0] || q->end >= s->n ||
		    t[q->end] != ' ')
			continue;
		while (k < s->na && s->a[k].start < q->end + 1)
			k++;
		if (k == s->na || s->a[k].start != q->end + 1 || s->a[k].cashtag)
			continue;
		const struct atok *a = &s->a[k];
		const char *ticker = m->assets[a->asset].ticker;
		size_t len = strlen(ticker);
		if (a->end - a->start != len || memcmp(t + a->start, ticker, len) ||
		    !coin_phrase_ends(s, a->end))
			continue;
		q->kind = MK_MONEY;
		set_currency(q->currency, ticker);
		q->cur_written = true;
		q->end = a->end;
	}
}

/* ------------------------------------------------------------- qualifiers and ranges */

static bool is_amount(const struct qtok *q)
{
	return q->kind == MK_MONEY || q->kind == MK_NUMBER;
}

/* The qualifier a list VALUE names (at_least, at_most, about). */
static enum nm_qualifier qualifier_of(const char *value)
{
	return !strcmp(value, "at_least") ? NM_QUAL_AT_LEAST : !strcmp(value, "at_most") ? NM_QUAL_AT_MOST :
	       !strcmp(value, "about") ? NM_QUAL_ABOUT : NM_QUAL_NONE;
}

/* "surpassed the $1 billion mark", "below the $90,000 level": where "the" starts right
 * before amount q when a word of list milestone follows it, else SIZE_MAX. */
static size_t the_milestone(const struct scan *s, size_t lo, const struct qtok *q)
{
	const char *t = s->t;
	size_t b = q->start, a = q->end, e;
	while (b > lo && t[b - 1] == ' ')
		b--;
	if (b < lo + 3 || nm_strncasecmp(t + b - 3, "the", 3) || (b > lo + 3 && nm_isalnum((unsigned char)t[b - 4])))
		return SIZE_MAX;
	while (a < s->n && t[a] == ' ')
		a++;
	for (e = a; e < s->n && nm_isalpha((unsigned char)t[e]); e++)
		;
	return e > a && e - a <= 16 && word_in(s->m->l_milestone, t + a, e - a) ? b - 3 : SIZE_MAX;
}

/* The open bound (list range_open) and the qualifier whose phrases end right before pos,
 * into q; bound_only: no "about" ("about the $5 million mark" may be what was talked
 * about). */
static void bounds_before(const struct scan *s, struct qtok *q, size_t lo, size_t pos, bool bound_only)
{
	const struct nm_mentioner *m = s->m;
	const struct mlex_entry *e;
	struct before w;
	size_t from;
	word_before(s, lo, pos, &w);
	if ((e = phrase_before(s, m->l_range_open, lo, pos, &from, &w))) {
		q->open = e->value[0] == 'l' ? 'l' : e->value[0] == 'e' ? 'e' : 'h';
		q->qstart = from;
	}
	if ((e = phrase_before(s, m->l_qualifier, lo, pos, &from, &w)) &&
	    !(bound_only && qualifier_of(e->value) == NM_QUAL_ABOUT)) {
		q->qual = qualifier_of(e->value);
		if (from < q->qstart)
			q->qstart = from;
	}
}

static void read_qualifiers(struct scan *s, bool numbers)
{
	const struct nm_mentioner *m = s->m;
	for (size_t i = 0; i < s->nq; i++) {
		struct qtok *q = &s->q[i];
		size_t lo = sentence_start(s, q->sentence);
		const struct mlex_entry *e;
		if (!is_amount(q) && q->kind != MK_PERCENT)
			continue;
		/* a bare number far from any other amount is never printed: skip its words */
		if (!numbers && q->kind == MK_NUMBER &&
		    !(i + 1 < s->nq && s->q[i + 1].start < q->end + 16) &&
		    !(i > 0 && q->start < s->q[i - 1].end + 16))
			continue;
		if (i > 0 && s->q[i - 1].end > lo)
			lo = s->q[i - 1].end; /* not across the previous amount */
		size_t th;
		bounds_before(s, q, lo, q->start, false);
		if (!q->open && !q->qual && m->l_milestone && (th = the_milestone(s, lo, q)) != SIZE_MAX)
			bounds_before(s, q, lo, th, true);
		/* a bound glued after a sum, list qualifier_glued: "$400M+", "$1.2 billion-plus";
		 * not where another amount follows ("$4M+$2M") */
		if (q->kind == MK_MONEY && !q->qual && m->l_qualifier_glued) {
			const char *t = s->t;
			size_t g = q->end;
			while (g < s->n && (t[g] == '+' || t[g] == '-' || nm_isalpha((unsigned char)t[g])))
				g++;
			if (g > q->end && !nm_isdigit((unsigned char)t[g]) && t[g] != '$' &&
			    (e = mlex_find(m->l_qualifier_glued, t + q->end, g - q->end))) {
				q->qual = qualifier_of(e->value);
				q->end = g;
			}
		}
		/* "500 or more", "200 or greater than": an open bound after the amount */
		size_t hi = s->sent_end[q->sentence] < s->n ? s->sent_end[q->sentence] : s->n, to;
		if (i + 1 < s->nq && s->q[i + 1].start < hi)
			hi = s->q[i + 1].start;
		if (q->end < hi && (s->t[q->end] == ' ' || s->t[q->end] == '\t') &&
		    (e = phrase_after(s, m->l_range_after, q->end, hi, &to)) &&
		    !(i + 1 < s->nq && s->q[i + 1].qstart <= to + 2)) {
			/* not when the words lead to the next amount: "200 or more than 190" */
			q->open = e->value[0] == 'l' ? 'l' : 'h';
			q->end = to;
			q->qual = e->value[0] == 'l' ? NM_QUAL_AT_LEAST : NM_QUAL_AT_MOST;
		}
	}
}

/* Trimmed gap text between a and b, normalised, looked up in l. */
static const struct mlex_entry *gap_in(const struct scan *s, const struct mlex *l, size_t a,
				       size_t b)
{
	while (a < b && nm_isspace((unsigned char)s->t[a]))
		a++;
	while (b > a && nm_isspace((unsigned char)s->t[b - 1]))
		b--;
	if (b - a > 24)
		return NULL;
	return mlex_find(l, s->t + a, b - a);
}

static bool minor_unit(const char *c)
{
	return !strcmp(c, "cent") || !strcmp(c, "pence") || !strcmp(c, "penny");
}

/* "$20 and 43 cents", "3 dollars 50", "twenty dollar 43c": one sum in two parts. */
static void join_minor(struct scan *s)
{
	for (size_t i = 0; i + 1 < s->nq; i++) {
		struct qtok *a = &s->q[i], *b = &s->q[i + 1];
		const char *t = s->t;
		size_t g = a->end, ge = b->start;
		if (a->kind != MK_MONEY || !a->currency[0] || minor_unit(a->currency) || a->mult != 1 ||
		    a->value != floor(a->value) || a->sentence != b->sentence || a->dead)
			continue;
		if (!(b->kind == MK_NUMBER || (b->kind == MK_MONEY && minor_unit(b->currency))) ||
		    b->mult != 1 || b->value < 1 || b->value > 99 || b->value != floor(b->value))
			continue;
		while (g < ge && t[g] == ' ')
			g++;
		if (ge - g >= 3 && !nm_strncasecmp(t + g, "and", 3))
			g += 3;
		else if (g < ge && t[g] == '&')
			g++;
		while (g < ge && t[g] == ' ')
			g++;
		if (g != ge || ge == a->end)
			continue;
		/* a bare number must end the phrase: "$20 and 43 investors" is not a sum */
		if (b->kind == MK_NUMBER) {
			size_t e = b->end;
			while (e < s->n && t[e] == ' ')
				e++;
			if (e < s->n && nm_isalpha((unsigned char)t[e]))
				continue;
		}
		a->value += (a->value < 0 ? -b->value : b->value) / 100;
		a->end = b->end;
		b->dead = true;
		i++;
	}
}

static bool comma_gap(const char *t, size_t a, size_t b)
{
	while (a < b && nm_isspace((unsigned char)t[a]))
		a++;
	while (b > a && nm_isspace((unsigned char)t[b - 1]))
		b--;
	return b == a + 1 && t[a] == ',';
}

/* Does "from" stand a few words before amount q, in its sentence ("a decline from a daily
 * high of $2,550 to $2,000": a move, not a range written downwards)? */
static bool from_shortly_before(const struct scan *s, const struct qtok *q)
{
	const char *t = s->t;
	size_t b = words_before(t, sentence_start(s, q->sentence), q->qstart, 6);
	for (size_t i = b; i + 4 <= q->qstart; i++)
		if (!nm_strncasecmp(t + i, "from", 4) && (i == b || !nm_isalnum((unsigned char)t[i - 1])) &&
		    !nm_isalnum((unsigned char)t[i + 4]))
			return true;
	return false;
}

static void join_ranges(struct scan *s)
{
	const struct nm_mentioner *m = s->m;
	for (size_t i = 0; i + 1 < s->nq; i++) {
		struct qtok *a = &s->q[i], *b = &s->q[i + 1];
		const struct mlex_entry *sep, *pre = NULL;
		size_t from = a->qstart;
		if (a->dead || b->dead || !is_amount(a) || !is_amount(b) || a->sentence != b->sentence ||
		    a->range)
			continue;
		/* "above 10 and below 20", "at most 100 and at least 20" */
		if (((a->open == 'l' && b->open == 'h') || (a->open == 'h' && b->open == 'l')) &&
		    (gap_in(s, m->l_range_sep, a->end, b->qstart) || comma_gap(s->t, a->end, b->qstart))) {
			double lo = a->open == 'l' ? a->value : b->value;
			double hi = a->open == 'l' ? b->value : a->value;
			if (lo >= hi)
				continue; /* "more than 40 and less than 10": two ranges */
			a->low = lo;
			a->high = hi;
		} else {
			if (b->qstart != b->start || a->open || b->open)
				continue;
			sep = gap_in(s, m->l_range_sep, a->end, b->start);
			if (!sep)
				continue;
			size_t pfrom;
			pre = phrase_before(s, m->l_range_prefix, sentence_start(s, a->sentence), a->start,
					    &pfrom, NULL);
			if (!strcmp(sep->value, "and") && !pre)
				continue; /* "X and Y" is a range only after "between" or "from" */
			if (pre && !strcmp(pre->value, "none"))
				continue; /* "dropped by $1.1B to $4.3B": a change, then a level */
			if (pre && !strcmp(pre->value, sep->value))
				from = pfrom;
			/* currencies and magnitudes carry over: "$92K-$93K", "10-20 dollars", "5-20k" */
			if (a->currency[0] && b->currency[0] && strcmp(a->currency, b->currency))
				continue;
			double lo = a->value, hi = b->value;
			if (a->mult == 1 && b->mult != 1 && lo * b->mult <= hi)
				lo *= b->mult;
			if (lo > hi) {
				/* "the $120 to $110 support zone", "between $2,700 and $2,450": a
				 * range written downwards; "from $4,400 to $3,700" is a move, not a
				 * range */
				bool between = pre && !strcmp(pre->value, "and") && !strcmp(sep->value, "and");
				if (a->mult != b->mult ||
				    (!between && (strcmp(sep->value, "to") || !a->currency[0] || !b->currency[0] || pre ||
						  from_shortly_before(s, a))))
					continue;
				double x = lo;
				lo = hi;
				hi = x;
			}
			if (!a->currency[0])
				memcpy(a->currency, b->currency, sizeof(a->currency));
			a->low = lo;
			a->high = hi;
			a->qual = NM_QUAL_NONE;
		}
		a->range = true;
		a->dot3 = a->dot3 && b->dot3; /* both ends written so, read alike */
		a->qstart = from < a->qstart ? from : a->qstart;
		/* the ends stay as parts (evaluation) */
		b->part = true;
		if (!b->currency[0])
			memcpy(b->currency, a->currency, sizeof(b->currency));
		a->part_a_end = a->end;
		a->part_a_value = a->value;
		a->end = b->end;
		if (!a->currency[0])
			memcpy(a->currency, b->currency, sizeof(a->currency));
		if (a->kind == MK_NUMBER && b->kind == MK_MONEY)
			a->kind = MK_MONEY;
		b->dead = true;
		i++;
	}
}

/* ------------------------------------------------------------- binding */

/* The words in t[a..b), counted up to max + 1: the callers only compare the count with
 * small bounds. */
static size_t count_words(const char *t, size_t a, size_t b, size_t max)
{
	size_t n = 0;
	bool in = false;
	for (size_t i = a; i < b; i++) {
		bool w = !nm_isspace((unsigned char)t[i]);
		if (w && !in && ++n > max)
			break;
		in = w;
	}
	return n;
}

/* Is there a clause break (";", ":" or a dash between blanks) in t[a..b)? */
static bool clause_break(const char *t, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (t[i] == ';' || (t[i] == ':' && (i + 1 >= b || t[i + 1] == ' ')))
			return true;
	return false;
}

struct binding {
	int asset;          /* index into assets, -1 = market/none */
	char role[NM_ROLE_MAX];
	double confidence;
};

_Static_assert(offsetof(struct atok, start) == 0 && offsetof(struct cue, start) == 0,
	       "first_at reads an item's start at its head");

static size_t first_asset_at(const struct scan *s, size_t pos)
{
	return first_at(s->a, s->na, sizeof(*s->a), pos, &s->hints->asset);
}

static size_t first_cue_at(const struct scan *s, size_t pos)
{
	return first_at(s->c, s->nc, sizeof(*s->c), pos, &s->hints->cue);
}

/* Does a bare number ending at t[end] stand as a level, not a count: punctuation or the
 * clause's end after it, or a word of list level_follow ("the 68,600 resistance", "to
 * 91,200 - causing", "at 68,625 on Monday"), not a noun it counts ("4,000 ONDO
 * addresses", "11,057 contracts")? */
static bool level_follows(const struct nm_mentioner *m, const char *t, size_t end, size_t n)
{
	size_t i = end, w;
	while (i < n && t[i] == ' ')
		i++;
	if (i >= n || !nm_isalpha((unsigned char)t[i]))
		return i >= n || t[i] != '(';
	for (w = i; w < n && nm_isalpha((unsigned char)t[w]); w++)
		;
	return mlex_find(m->l_level_follow, t + i, w - i) != NULL;
}

/* Is role one of the price-level roles (list price_role)? */
static bool price_role(const struct nm_mentioner *m, const char *role)
{
	return role[0] && mlex_find(m->l_price_role, role, strlen(role));
}

/* A level's own role, not the price itself: support, resistance, rejection. */
static bool level_role(const struct nm_mentioner *m, const char *role)
{
	return strcmp(role, "price") && price_role(m, role);
}

/* Where the next amount of quantity i's sentence starts (money, a percent, a range),
 * SIZE_MAX when none. */
static size_t next_amount(const struct scan *s, size_t i)
{
	for (size_t j = i + 1; j < s->nq && s->q[j].sentence == s->q[i].sentence; j++)
		if (!s->q[j].dead && (s->q[j].currency[0] || s->q[j].kind == MK_PERCENT || s->q[j].range))
			return s->q[j].qstart;
	return SIZE_MAX;
}

/* Is the word t[b..e) one of words (NULL-ended), in any case? */
static bool word_is(const char *t, size_t b, size_t e, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (strlen(words[i]) == e - b && !nm_strncasecmp(t + b, words[i], e - b))
			return true;
	return false;
}

/* The word ending at e (after lo, past blanks back from e): its start, or e when none. */
static size_t word_ending(const char *t, size_t lo, size_t *e)
{
	while (*e > lo && nm_isspace((unsigned char)t[*e - 1]))
		(*e)--;
	size_t b = *e;
	while (b > lo && (nm_isalnum((unsigned char)t[b - 1]) || t[b - 1] == '-'))
		b--;
	return b;
}

/* The word that ends at at (past blanks): [*b, *e). Is it in list l? */
static bool word_of(const struct scan *s, const struct mlex *l, size_t lo, size_t at, size_t *b,
		    size_t *e)
{
	*e = at;
	*b = word_ending(s->t, lo, e);
	return l && *b < *e && *e - *b <= 16 && word_in(l, s->t + *b, *e - *b);
}

/* The role of the cue ending at e in sentence sent, or NULL. */
static const struct mlex_entry *cue_ending(const struct scan *s, size_t lo, size_t e, size_t sent)
{
	for (size_t k = first_cue_at(s, lo); k < s->nc && s->c[k].start < e; k++)
		if (s->c[k].end == e && !s->c[k].market && s->c[k].sentence == sent)
			return s->c[k].role;
	return NULL;
}

/* The role of the move subject whose last word is [b, e): a cue's role (first: "the
 * total crypto market cap" names an index and says market cap), or an asset's price (a
 * name of several words, "Bitcoin Cash", ends there too; so does an asset and a noun
 * of list move_noun, "the $TRUMP memecoin", and "the token"), unless the asset follows a
 * cue and a preposition ("volume for XRP": the cue's role). */
static const struct mlex_entry *subject_role(const struct scan *s, size_t lo, size_t b, size_t e,
					     size_t sent)
{
	const struct mlex_entry *role;
	if (b == e)
		return NULL;
	if ((role = cue_ending(s, lo, e, sent)))
		return role;
	if (s->m->l_move_noun && e - b <= 16 && word_in(s->m->l_move_noun, s->t + b, e - b)) {
		e = b;
		b = word_ending(s->t, lo, &e);
		if (b == e)
			return NULL;
		/* "the token fell 9% to $128": the asset named before */
		if (e - b == 3 && !nm_strncasecmp(s->t + b, "the", 3))
			return s->m->role_price;
	}
	for (size_t k = first_asset_at(s, lo); k < s->na && s->a[k].start <= b; k++)
		if (s->a[k].end == e || (s->a[k].start == b && s->a[k].end >= e)) {
			/* "volume for XRP surged", "long liquidations on ETH reached": the
			 * quantity of the asset moved, not its price */
			size_t pe = s->a[k].start, pb = word_ending(s->t, lo, &pe);
			static const char *const preps[] = {"for", "of", "on", "in", NULL};
			if (word_is(s->t, pb, pe, preps)) {
				size_t ce = pb;
				while (ce > lo && s->t[ce - 1] == ' ')
					ce--;
				if ((role = cue_ending(s, lo, ce, sent)))
					return role;
			}
			return s->m->role_price;
		}
	return NULL;
}

/*
 * subject_role() of a subject that may end with a place: "open interest on major
 * exchanges has fallen", "funding across venues turned" are the head's (up to
 * PLACE_WORDS words after "on", "across" or "at").
 */
#define PLACE_WORDS 3
static const struct mlex_entry *placed_subject_role(const struct scan *s, size_t lo, size_t b,
						    size_t e, size_t sent)
{
	static const char *const preps[] = {"on", "across", "at", NULL};
	const struct mlex_entry *role = subject_role(s, lo, b, e, sent);
	if (role || b == e)
		return role;
	for (int k = 0; k < PLACE_WORDS && b > lo && nm_isspace((unsigned char)s->t[b - 1]); k++) {
		size_t pe = b, pb = word_ending(s->t, lo, &pe);
		if (pb == pe)
			return NULL;
		if (word_is(s->t, pb, pe, preps)) {
			size_t he = pb, hb = word_ending(s->t, lo, &he);
			return subject_role(s, lo, hb, he, sent);
		}
		b = pb;
	}
	return NULL;
}

#define SUBJECT_CUE_WORDS 2 /* words after an asset that may end its quantity's cue */

/* The role of the subject a clause after a comma leaves unsaid: the sentence's first
 * word's (subject_role), else, past an opening phrase ("Over the past week, AVAX has
 * shed 12%, now at $24.60"), an asset's price when one stands before at. */
static const struct mlex_entry *sentence_subject_role(const struct scan *s, size_t lo, size_t at,
						      size_t sent)
{
	const char *t = s->t;
	const struct mlex_entry *role;
	size_t b = lo, e;
	while (b < at && !nm_isalnum((unsigned char)t[b]))
		b++;
	for (e = b; e < at && (nm_isalnum((unsigned char)t[e]) || t[e] == '-'); e++)
		;
	role = subject_role(s, lo, b, e, sent);
	/* an asset and the quantity it heads: "Ethereum liquidations accounted for 32%,
	 * reaching $105 million" (not the asset's price; a level's cue, as in "Ethereum
	 * rejected at $4,800, dropping below $4,500", is no subject) */
	for (size_t k = 0, w = e; k < SUBJECT_CUE_WORDS && role && role == s->m->role_price; k++) {
		const struct mlex_entry *cue;
		while (w < at && t[w] == ' ')
			w++;
		size_t we = w;
		while (we < at && (nm_isalnum((unsigned char)t[we]) || t[we] == '-'))
			we++;
		if (we == w)
			break;
		if ((cue = cue_ending(s, lo, we, sent)))
			return price_role(s->m, cue->value) ? role : cue;
		w = we;
	}
	if (role)
		return role;
	size_t k = first_asset_at(s, lo);
	return k < s->na && s->a[k].sentence == sent && s->a[k].start < at ? s->m->role_price : NULL;
}

/* Is the word before at "now" or "currently", right after a comma ("..., now at $24.60")? */
static bool now_after_comma(const char *t, size_t lo, size_t at)
{
	size_t e = at, b = word_ending(t, lo, &e);
	if (!((e - b == 3 && !nm_strncasecmp(t + b, "now", 3)) ||
	      (e - b == 9 && !nm_strncasecmp(t + b, "currently", 9))))
		return false;
	while (b > lo && t[b - 1] == ' ')
		b--;
	return b > lo && t[b - 1] == ',';
}

/*
 * An aside closed by a comma right before at, opened by a word of list move_aside within
 * MOVE_ASIDE_WORDS words: "has fallen 12% since last Thursday's peak, from $31 billion".
 * Its start in *b.
 */
#define MOVE_ASIDE_WORDS 6
static bool move_aside(const struct scan *s, size_t lo, size_t at, size_t *b)
{
	const char *t = s->t;
	size_t e = at, wb, we;
	while (e > lo && nm_isspace((unsigned char)t[e - 1]))
		e--;
	if (!s->m->l_move_aside || e == lo || t[e - 1] != ',')
		return false;
	e--;
	for (int k = 0; k < MOVE_ASIDE_WORDS; k++) {
		if (word_of(s, s->m->l_move_aside, lo, e, &wb, &we)) {
			*b = wb;
			return true;
		}
		/* only words and the marks inside them ("Thursday's") */
		if (wb == we)
			return false;
		e = wb;
		if (e > lo && (t[e - 1] == '\'' || t[e - 1] == '.'))
			e--;
		else if (e >= lo + 3 && !memcmp(t + e - 3, "\xe2\x80\x99", 3))
			e -= 3; /* a typographic apostrophe */
		if (e > lo && !nm_isspace((unsigned char)t[e - 1]) && !nm_isalnum((unsigned char)t[e - 1]))
			return false;
	}
	return false;
}

/* Does the word at t[at] end with "ing" ("falling", "climbing")? */
static bool participle(const char *t, size_t at, size_t n)
{
	size_t e = at;
	while (e < n && nm_isalpha((unsigned char)t[e]))
		e++;
	return e >= at + 5 && !nm_strncasecmp(t + e - 3, "ing", 3);
}

/*
 * "fell to a three-week low of $74,000", "climbed to a record above $118,000", "hit a
 * fresh high of $126,000": a level's noun (list move_level) and up to four words before
 * it stand between the <to> or the verb of reaching and the amount, which is then "of"
 * or a <to>; no word of it is a role cue but a price's. Sets *to or *reach, and *b to
 * where that word starts.
 */
#define LEVEL_PHRASE_WORDS 4
static void level_phrase(const struct scan *s, size_t lo, size_t qs, bool *to, bool *reach, size_t *b)
{
	const struct nm_mentioner *m = s->m;
	size_t at = qs, wb, we = qs;
	if (*reach)
		return;
	if (*to)
		at = *b;
	else if ((wb = word_ending(s->t, lo, &we)) + 2 == we && !nm_strncasecmp(s->t + wb, "of", 2))
		at = wb;
	else
		return;
	if (!word_of(s, m->l_move_level, lo, at, &wb, &we))
		return;
	at = wb;
	for (int k = 0; k <= LEVEL_PHRASE_WORDS; k++) {
		if (word_of(s, m->l_move_to, lo, at, &wb, &we) || word_of(s, m->l_move_reach, lo, at, &wb, &we)) {
			*reach = !word_in(m->l_move_to, s->t + wb, we - wb);
			*to = !*reach;
			*b = wb;
			return;
		}
		if (wb == we || k == LEVEL_PHRASE_WORDS)
			return; /* punctuation, or too far */
		const struct mlex_entry *cue = m->l_role ? word_in(m->l_role, s->t + wb, we - wb) : NULL;
		if (cue && strcmp(cue->value, "price"))
			return; /* the phrase names its role: "the next support level at $1,500" */
		at = wb;
	}
}

/*
 * A move to a level: "<subject> <verb> [<change>] <to> <amount>", <to> a word of list
 * move_to ("Bitcoin fell 5% to $58,200", "Ether hovered near $2,950", "open interest
 * slid 8% to $31.5 billion"), or the change itself when it is a percent ("BNB jumped
 * 9%"). The amount is what its subject is: an asset's price, or the role of the cue
 * that is the subject. This outranks the nearest cue, which may belong to another
 * clause ("Shorts worth $78M were squeezed as BNB jumped 9% to $612"). Particles may
 * stand around the change ("fell back by 5% in 24 hours to"), an auxiliary may be the
 * verb ("BTC is down 3% at $59,800", "is at"), and a causing verb may come
 * before its object ("sending ETH back to $3,000"), a level's noun phrase may stand
 * before the amount (level_phrase), and a participle after a comma moves the sentence's
 * subject. NULL when the amount ends no such move. Lists: move_verb, move_to,
 * move_particle, move_aside, move_aux, move_cause, move_level.
 */
static const struct mlex_entry *move_role(const struct scan *s, size_t qs, size_t sent, size_t i)
{
	const struct nm_mentioner *m = s->m;
	const char *t = s->t;
	size_t lo = sentence_start(s, sent), at, b, e;
	const struct mlex_entry *role;
	if (!m->l_move_verb || !m->l_move_to || !m->role_price)
		return NULL;
	/* <to> before the qualifier ("to about $60K") or as it ("near $3,050") */
	bool to = word_of(s, m->l_move_to, lo, qs, &b, &e) ||
		  (s->q[i].start > qs && word_of(s, m->l_move_to, lo, s->q[i].start, &b, &e));
	/* or a verb of reaching a level right before the amount: "BTC briefly hit $69k" */
	bool reach = !to && m->l_move_reach && word_of(s, m->l_move_reach, lo, qs, &b, &e);
	if (m->l_move_level)
		level_phrase(s, lo, qs, &to, &reach, &b);
	if (!to && !reach && s->q[i].kind != MK_PERCENT)
		return NULL; /* the change itself only as a percent: "BNB jumped 9%" (a sum
			      * after a verb may be a flow: "Bitcoin gained $500M in inflows") */
	at = to || reach ? b : qs;
	/* back over particles and the quantities between them: the change, a window */
	for (size_t j = i, k = 0; to && k < 4; k++) {
		while (j > 0 && s->q[j - 1].dead)
			j--;
		e = at;
		while (e > lo && nm_isspace((unsigned char)t[e - 1]))
			e--;
		if (j > 0 && s->q[j - 1].sentence == sent && !s->q[j - 1].range && s->q[j - 1].end == e)
			at = s->q[--j].qstart;
		else if (word_of(s, m->l_move_particle, lo, at, &b, &e) || move_aside(s, lo, at, &b))
			at = b;
		else
			break;
	}
	/* the verb: one of move_verb, maybe before particles ("edged up", "fell back by"),
	 * or an auxiliary ("is down 3% at", "is at") */
	bool verb = reach || word_of(s, m->l_move_verb, lo, at, &b, &e) || word_of(s, m->l_move_aux, lo, at, &b, &e);
	for (int k = 0; k < 2 && !verb && word_of(s, m->l_move_particle, lo, at, &b, &e); k++) {
		at = b;
		verb = word_of(s, m->l_move_verb, lo, at, &b, &e) ||
		       word_of(s, m->l_move_aux, lo, at, &b, &e);
	}
	if (!verb && to && now_after_comma(t, lo, at))
		return sentence_subject_role(s, lo, at, sent); /* "..., now at $24.60" */
	if (!verb) {
		/* "sending ETH back to": a causing verb, then its object */
		e = at;
		size_t ob = word_ending(t, lo, &e);
		if ((role = subject_role(s, lo, ob, e, sent)) != m->role_price ||
		    !word_of(s, m->l_move_cause, lo, ob, &b, &e))
			return NULL;
		return role;
	}
	/* the subject, past an auxiliary ("has fallen"), an adverb ("briefly"), a pair
	 * ("ETH/USD") or a bracketed ticker ("Cardano (ADA)") */
	at = b;
	if (word_of(s, m->l_move_aux, lo, at, &b, &e))
		at = b;
	e = at;
	b = word_ending(t, lo, &e);
	if (e - b > 2 && !nm_strncasecmp(t + e - 2, "ly", 2)) {
		e = b;
		b = word_ending(t, lo, &e);
	}
	if (b > lo && t[b - 1] == '/') {
		e = b - 1;
		b = word_ending(t, lo, &e);
	}
	if (e > lo && t[e - 1] == ')') {
		const char *open = memrchr(t + lo, '(', e - lo);
		if (open) {
			e = (size_t)(open - t);
			b = word_ending(t, lo, &e);
		}
	}
	/* "Bitcoin dropped 6% on Thursday, falling from $97,400 to ...": the subject of a
	 * participle after a comma is the sentence's */
	if (b == e && e > lo && t[e - 1] == ',' && participle(t, at, s->n))
		return sentence_subject_role(s, lo, at, sent);
	return placed_subject_role(s, lo, b, e, sent);
}

/* Role: the subject of a move to the amount (move_role()), a cue in brackets right after
 * it, else the nearest cue in the sentence; words after the amount count a little more.
 * qi is the amount's index in s->q, next_qs where the next amount of the sentence starts
 * (next_amount()). */
static void bind_role(const struct scan *s, size_t qi, size_t qs, size_t qe, size_t next_qs,
		      size_t sent, struct binding *b)
{
	const char *t = s->t;
	size_t best = (size_t)-1;
	size_t lo = sentence_start(s, sent), c0 = first_cue_at(s, lo);
	/* a move's subject is the amount's asset or a cue of the sentence */
	const struct mlex_entry *hit =
		b->asset >= 0 || (c0 < s->nc && s->c[c0].sentence == sent) ? move_role(s, qs, sent, qi) : NULL;
	/* a cue in brackets right after the amount is its own: "$180 (support) and $205
	 * (resistance)" */
	size_t br = qe;
	while (br < s->n && t[br] == ' ')
		br++;
	if (!hit && br < s->n && t[br] == '(')
		for (size_t i = first_cue_at(s, br); i < s->nc && s->c[i].start == br + 1; i++)
			if (!s->c[i].market && s->c[i].sentence == sent && s->c[i].end < s->n &&
			    t[s->c[i].end] == ')')
				hit = s->c[i].role;
	/* a level's own noun right after it: "tested $88,000 support", "the $92K resistance" */
	if ((!hit || hit == s->m->role_price) && br < s->n && s->q[qi].kind != MK_PERCENT)
		for (size_t i = first_cue_at(s, br); i < s->nc && s->c[i].start == br; i++)
			if (!s->c[i].market && s->c[i].sentence == sent && level_role(s->m, s->c[i].role->value))
				hit = s->c[i].role;
	bool decided = hit != NULL; /* else the nearest cue, below */

	if (qs > BIND_WINDOW && qs - BIND_WINDOW > lo)
		lo = qs - BIND_WINDOW;
	/* Words and clause breaks before the amount, read once for every cue: starts[k]
	 * is the k-th word start back from qs (a byte after a blank, or lo). */
	size_t starts[BIND_WINDOW + 1], nstarts = 0, last_break = (size_t)-1, last_comma = (size_t)-1;
	bool scanned = false;
	for (size_t i = first_cue_at(s, lo); !decided && i < s->nc && s->c[i].start < qe + BIND_WINDOW; i++) {
		const struct cue *c = &s->c[i];
		size_t d;
		if (c->sentence != sent)
			break;
		if (c->market || (c->start >= qs && c->start < qe))
			continue;
		if (c->start >= qe) {
			/* d = words * 2 + 3 (+ 20 across a clause break) wins when d < best:
			 * no need to count the words past best / 2 + 1, nor to look for a
			 * break when the words alone lose */
			size_t wmax = best == (size_t)-1 ? (size_t)-1 : best / 2 + 1;
			d = count_words(t, qe, c->start, wmax) * 2 + 3 +
			    (memchr(t + qe, ',', c->start - qe) ? 4 : 0);
			/* a sum's cue after another amount is that amount's: "$88,400 on
			 * Tuesday as more than $520M ... were liquidated"; amounts in a list
			 * share it ("$117M and $60M in liquidations"), and so do price levels
			 * ("the 50-day EMA ($2.88T) and 200-day EMA ($2.86T) ... form
			 * resistance") */
			if (next_qs < c->start && !price_role(s->m, c->role->value) &&
			    !list_gap(t, qe, next_qs))
				break;
			if (d < best && !(clause_break(t, qe, c->start) && d + 20 >= best))
				hit = c->role;
			break; /* a later cue is as many words away or more: it never wins */
		}
		if (!scanned) {
			/* from the earliest end of a cue before the amount (a cue nested in an
			 * earlier one may end before it) */
			size_t from = qs;
			for (size_t k = i; k < s->nc && s->c[k].start < qs; k++)
				if (s->c[k].sentence == sent && s->c[k].end < from)
					from = s->c[k].end;
			for (size_t p = qs; p-- > from;) {
				if (!nm_isspace((unsigned char)t[p]) &&
				    (p == from || nm_isspace((unsigned char)t[p - 1])))
					starts[nstarts++] = p;
				if (last_break == (size_t)-1 &&
				    (t[p] == ';' || (t[p] == ':' && (p + 1 >= qs || t[p + 1] == ' '))))
					last_break = p;
				if (last_comma == (size_t)-1 && t[p] == ',')
					last_comma = p;
			}
			scanned = true;
		}
		/* count_words(t, c->end, qs): the word starts after c->end, and c->end itself
		 * when a word goes on there */
		size_t w = 0;
		if (c->end < qs) {
			while (w < nstarts && starts[w] > c->end)
				w++;
			w += !nm_isspace((unsigned char)t[c->end]);
		}
		/* a cue behind a comma is in another clause or an aside ("Ether, the
		 * second-largest coin by market cap, suffered $43M in liquidations"): it
		 * loses to a cue as near in the amount's own clause (after it, the same) */
		d = w * 2 + (last_break != (size_t)-1 && last_break >= c->end ? 20 : 0) +
		    (last_comma != (size_t)-1 && last_comma >= c->end ? 4 : 0);
		if (d < best) {
			best = d;
			hit = c->role;
		}
	}
	/* a change in percent is no level: "bounced 4% off support" is the price's */
	if (hit && s->q[qi].kind == MK_PERCENT && level_role(s->m, hit->value))
		hit = s->m->role_price;
	if (hit) {
		size_t n = strlen(hit->value);
		if (n >= NM_ROLE_MAX)
			n = NM_ROLE_MAX - 1;
		memcpy(b->role, hit->value, n);
		b->role[n] = '\0';
	}
}

/* Market-wide phrase ("crypto market") inside t[a..b)? */
static bool market_between(const struct scan *s, size_t a, size_t b)
{
	for (size_t i = first_cue_at(s, a); i < s->nc && s->c[i].start < b; i++)
		if (s->c[i].market && s->c[i].end <= b)
			return true;
	return false;
}

/* Does the gap t[a..b) start with a word that ties an amount to what follows ("$5M of
 * BTC", "$2B worth of ETH", "$117M in BTC liquidations")? */
static bool preposition_at(const char *t, size_t a, size_t b)
{
	static const char *const preps[] = {"of", "in", "worth", "for", "on", "into", "across", NULL};
	static const char *const joins[] = {" and ", " but ", " while ", " as ", NULL};
	while (a < b && (t[a] == ' ' || t[a] == ','))
		a++;
	size_t e = a;
	while (e < b && nm_isalpha((unsigned char)t[e]))
		e++;
	/* the phrase it opens reaches the asset: not past a comma or a conjunction ("$1
	 * billion on Thursday, and Ether led") */
	if (memchr(t + e, ',', b - e))
		return false;
	for (int i = 0; joins[i]; i++)
		if (b - e >= strlen(joins[i]) && memmem(t + e, b - e, joins[i], strlen(joins[i])))
			return false;
	return word_is(t, a, e, preps);
}

/* Is t[as..ae) inside an aside that closes before the amount at qs: "Bitcoin, which
 * makes up 61% of the total crypto market cap, has seen $62M" (the index is not it)? */
static bool in_aside(const char *t, size_t lo, size_t as, size_t ae, size_t qs)
{
	static const char *const opens[] = {", which ", ", who ", ", that ", ", whose ", NULL};
	size_t open = (size_t)-1, close = (size_t)-1;
	for (size_t i = as; i > lo; i--) {
		if (t[i - 1] == ',') {
			for (int k = 0; opens[k]; k++)
				if (!nm_strncasecmp(t + i - 1, opens[k], strlen(opens[k])))
					open = i - 1;
			break;
		}
	}
	if (open == (size_t)-1)
		return false;
	for (size_t i = ae; i < qs; i++)
		if (t[i] == ',') {
			close = i;
			break;
		}
	return close != (size_t)-1;
}

/* Is asset token k the quote of a pair ("ETH/USDT", "BTC-USDC")? The pair is its base's
 * (bind_asset), and the quote names no asset of its own. */
static bool pair_quote(const struct scan *s, size_t k)
{
	const struct atok *a = &s->a[k];
	return k > 0 && s->m->l_pair_quote && s->a[k - 1].end + 1 == a->start &&
	       (s->t[a->start - 1] == '/' || s->t[a->start - 1] == '-') &&
	       mlex_find(s->m->l_pair_quote, s->t + a->start, a->end - a->start);
}

/* Is asset token a a stablecoin an amount is quoted in ("tagged 94,150 USDT")? It binds
 * no other amount: "... was rejected from the 93,800-94,200 USDT band" is the subject's. */
static bool quoted_in(const struct scan *s, const struct atok *a)
{
	size_t k = a->start;
	if (!s->m->l_quote_coin || !mlex_find(s->m->l_quote_coin, s->t + a->start, a->end - a->start))
		return false;
	while (k > 0 && s->t[k - 1] == ' ')
		k--;
	return k > 0 && nm_isdigit((unsigned char)s->t[k - 1]);
}

/* Does a sum of money stand between byte a and quantity q (of s->q, which the scan fills
 * in text order), set apart from q by a comma (not a move "from $1.00 to $0.65")? */
static bool amount_between(const struct scan *s, const struct qtok *q, size_t a)
{
	size_t b = q->qstart;
	for (size_t i = (size_t)(q - s->q); i-- > 0 && s->q[i].start >= a;)
		if (s->q[i].end <= b && !s->q[i].dead && !s->q[i].part && s->q[i].kind == MK_MONEY &&
		    memchr(s->t + s->q[i].end, ',', b - s->q[i].end))
			return true;
	return false;
}

/* Is asset token r, after the amount ending at qe, tied to it by a preposition a word or
 * two on ("$125 million in bitcoin futures", "$2B worth of ETH"), in the same clause? */
static bool tied_right(const struct scan *s, size_t qe, long r)
{
	const struct atok *a = &s->a[r];
	return count_words(s->t, qe, a->start, 3) <= 2 && preposition_at(s->t, qe, a->start) &&
	       !clause_break(s->t, qe, a->start) && !market_between(s, qe, a->start);
}

static void bind_asset(const struct scan *s, const struct qtok *q, struct binding *b)
{
	size_t qs = q->qstart, qe = q->end, sent = q->sentence;
	const char *t = s->t;
	long left = -1, right = -1;

	b->asset = -1;
	b->confidence = 0.5;
	size_t lo = sentence_start(s, sent);
	if (qs > BIND_WINDOW && qs - BIND_WINDOW > lo)
		lo = qs - BIND_WINDOW; /* a sentence without end is not searched whole */
	size_t i0 = first_asset_at(s, lo), i1 = i0;
	for (; i1 < s->na && s->a[i1].start < qe + BIND_WINDOW; i1++) {
		const struct atok *a = &s->a[i1];
		if (a->sentence != sent)
			break;
		if (a->end > qs && a->start >= qe && right < 0)
			right = (long)i1;
	}
	/* left: the last asset before the amount that is not in an aside (from the end: the
	 * asides of the earlier ones need not be read) */
	for (size_t i = i1; i-- > i0;) {
		const struct atok *a = &s->a[i];
		if (a->end <= qs && !in_aside(t, sentence_start(s, sent), a->start, a->end, qs) &&
		    !quoted_in(s, a)) {
			left = (long)i;
			break;
		}
	}
	/* a pair is its base's: "an ETH-USDT position worth $12.5M", "BTC/USDT at $94,000" */
	if (left > 0 && s->a[left - 1].sentence == sent && s->a[left - 1].end + 1 == s->a[left].start &&
	    (t[s->a[left].start - 1] == '-' || t[s->a[left].start - 1] == '/'))
		left--;
	if (left >= 0) {
		const struct atok *a = &s->a[left];
		bool listed = left > 0 && s->a[left - 1].sentence == sent &&
			      s->a[left - 1].asset != a->asset &&
			      list_gap(t, s->a[left - 1].end, a->start);
		/* "Ethereum (ETH)": the name and its ticker are one asset */
		if (listed && s->a[left - 1].asset == a->asset)
			listed = false;
		size_t from = a->end;
		{
			/* skip an aside right after the asset: "Bitcoin, which ... market cap, has" */
			static const char *const opens[] = {", which ", ", who ", ", that ", ", whose ", NULL};
			for (int k = 0; opens[k]; k++)
				if (!nm_strncasecmp(t + a->end, opens[k], strlen(opens[k]))) {
					for (size_t i = a->end + 1; i < qs; i++)
						if (t[i] == ',') {
							from = i;
							break;
						}
				}
		}
		/* "BTC: $117M", "Bitcoin (BTC): $91,200" label the amount; a colon further on
		 * breaks the clause */
		size_t colon = a->end + (t[a->end] == ')'), k = colon + 1;
		while (k < qs && t[k] == ' ')
			k++;
		bool label = t[colon] == ':' && k == qs;
		/* the asset before has an amount of its own, and this one names its asset
		 * after it: "Ether futures lost $236 million, nearly double the $125 million
		 * on bitcoin futures" */
		bool own_right = q->kind == MK_MONEY && right >= 0 && amount_between(s, q, a->end) &&
				 tied_right(s, qe, right);
		if (!listed && !own_right && !market_between(s, from, qs) &&
		    (label || !clause_break(t, a->end, qs))) {
			size_t gap = count_words(t, a->end, qs, 6);
			b->asset = (int)a->asset;
			b->confidence = gap <= 2 ? 0.9 : gap <= 6 ? 0.75 : 0.6;
			return;
		}
	}
	if (market_between(s, left >= 0 ? s->a[left].end : sentence_start(s, sent), qs)) {
		b->confidence = 0.7; /* the market itself */
		return;
	}
	if (right >= 0) {
		const struct atok *a = &s->a[right];
		size_t gap = count_words(t, qe, a->start, 0);
		if (gap && !preposition_at(t, qe, a->start))
			right = -1;
	}
	if (right >= 0) {
		const struct atok *a = &s->a[right];
		size_t gap = count_words(t, qe, a->start, 3);
		bool listed = (size_t)right + 1 < s->na && s->a[right + 1].sentence == sent &&
			      s->a[right + 1].asset != a->asset &&
			      list_gap(t, a->end, s->a[right + 1].start);
		if (gap <= 3 && !listed && !clause_break(t, qe, a->start) &&
		    !market_between(s, qe, a->start)) {
			b->asset = (int)a->asset;
			b->confidence = gap <= 1 ? 0.85 : 0.65;
			return;
		}
	}
	if (market_between(s, sentence_start(s, sent), qs))
		b->confidence = 0.7; /* the market itself */
}

/* ------------------------------------------------------------- output */

static enum nm_code emit(struct nm_doc *doc, const struct nm_mention *mm, struct nm_err *err)
{
	if (nm_doc_add_mention(doc, mm))
		return nm_err_set(err, NM_ETOOBIG, "document arena budget exceeded by mentions");
	return NM_OK;
}

static void put_ticker(char *dst, const struct nm_mentioner *m, int asset)
{
	if (asset >= 0)
		memcpy(dst, m->assets[asset].ticker, NM_TICKER_MAX);
}

struct outm {
	struct nm_mention m;
};

static int cmp_mention(const void *a, const void *b)
{
	const struct nm_mention *x = a, *y = b;
	if (x->span.start != y->span.start)
		return x->span.start < y->span.start ? -1 : 1;
	if (x->span.end != y->span.end)
		return x->span.end > y->span.end ? -1 : 1;
	return (int)x->kind - (int)y->kind;
}

/* The end of the run of mentions in order (cmp_mention) that starts at ix[a]. */
static size_t run_end(const struct nm_mention *v, const size_t *ix, size_t a, size_t n)
{
	size_t b = a + 1;
	while (b < n && cmp_mention(&v[ix[b - 1]], &v[ix[b]]) <= 0)
		b++;
	return b;
}

/*
 * The order of v[0..n) by cmp_mention, stable (ties keep their order, as glibc's merge
 * sort left them): a merge sort of the runs already in order, of which the output has
 * few (the assets, the amounts). ix and tmp hold n indices each; returns the one that
 * holds the order.
 */
static size_t *sort_mentions(const struct nm_mention *v, size_t n, size_t *ix, size_t *tmp)
{
	for (size_t i = 0; i < n; i++)
		ix[i] = i;
	for (;;) {
		size_t i = 0, o = 0, runs = 0;
		while (i < n) {
			size_t b = run_end(v, ix, i, n), c = b < n ? run_end(v, ix, b, n) : n;
			size_t x = i, y = b;
			while (x < b && y < c)
				tmp[o++] = cmp_mention(&v[ix[x]], &v[ix[y]]) <= 0 ? ix[x++] : ix[y++];
			while (x < b)
				tmp[o++] = ix[x++];
			while (y < c)
				tmp[o++] = ix[y++];
			runs++;
			i = c;
		}
		size_t *sw = ix;
		ix = tmp;
		tmp = sw;
		if (runs <= 1)
			return ix;
	}
}

/* A price the document states plainly, for settle_dot3(): its asset, log10 of its value. */
struct plain_price {
	const char *asset;
	double lv;
};

static int cmp_plain_asset(const void *a, const void *b)
{
	const struct plain_price *x = a, *y = b;
	int c = strcmp(x->asset, y->asset);
	return c ? c : (x->lv < y->lv ? -1 : x->lv > y->lv);
}

static int cmp_plain_lv(const void *a, const void *b)
{
	const struct plain_price *x = a, *y = b;
	return x->lv < y->lv ? -1 : x->lv > y->lv;
}

/* How far lv is from the nearest of r[0..n) (in order of lv); INFINITY when n is 0. */
static double nearest(const struct plain_price *r, size_t n, double lv)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r[mid].lv < lv)
			lo = mid + 1;
		else
			hi = mid;
	}
	double d = lo < n ? r[lo].lv - lv : INFINITY;
	return lo > 0 ? fmin(d, lv - r[lo - 1].lv) : d;
}

/* The first of r[0..n) (in cmp_plain_asset order) whose asset is not before asset. */
static size_t first_of_asset(const struct plain_price *r, size_t n, const char *asset, bool after)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(r[mid].asset, asset);
		if (c < 0 || (after && c == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Dollar amounts written "1.855" (thousand_or_decimal) are read as thousands unless the
 * document's prices sit nearer the decimal reading: "TON holds $5.20 ... tested $5.344"
 * is 5.344, "BTC slid from $9,800 to $8.408" stays 8,408. The prices of the amount's own
 * asset decide; an amount bound to no asset goes by all the document's prices; with none,
 * thousands. (A range's ends and an open bound go with its value.) */
static void settle_dot3(struct nm_mention *out, size_t n, const size_t *amb_at, size_t namb)
{
	bool *amb = nm_xcalloc(n, sizeof(*amb));
	struct plain_price *byasset = nm_xcalloc(3 * n, sizeof(*byasset)), *all;
	size_t np = 0;

	for (size_t k = 0; k < namb; k++)
		amb[amb_at[k]] = true;
	for (size_t j = 0; j < n; j++) {
		const struct nm_mention *r = &out[j];
		if (amb[j] || strcmp(r->currency, "USD") ||
		    (r->kind != NM_MENTION_PRICE && r->kind != NM_MENTION_PRICE_RANGE))
			continue;
		const double rv[3] = {r->value, r->low, r->high};
		for (int e = 0; e < 3; e++)
			if (rv[e] > 0 && !isinf(rv[e]))
				byasset[np++] = (struct plain_price){r->asset, log10(rv[e])};
	}
	all = nm_xmalloc((np ? np : 1) * sizeof(*all));
	memcpy(all, byasset, np * sizeof(*all));
	qsort(byasset, np, sizeof(*byasset), cmp_plain_asset);
	qsort(all, np, sizeof(*all), cmp_plain_lv);
	for (size_t k = 0; k < namb; k++) {
		struct nm_mention *x = &out[amb_at[k]];
		double v = fabs(!isnan(x->value) ? x->value : !isnan(x->low) ? x->low : x->high);
		const struct plain_price *r = all;
		size_t nr = np;
		if (!(v >= 1000))
			continue;
		if (x->asset[0]) {
			size_t a = first_of_asset(byasset, np, x->asset, false);
			r = byasset + a;
			nr = first_of_asset(byasset, np, x->asset, true) - a;
		}
		if (nearest(r, nr, log10(v) - 3) < nearest(r, nr, log10(v))) {
			x->value /= 1000;
			x->low /= 1000;
			x->high /= 1000;
		}
	}
	free(all);
	free(byasset);
	free(amb);
}

#define RESPECTIVE_MAX 8

/*
 * "Bitcoin and Ether saw $117M and $180M respectively": the last list of assets before
 * "respectively" in its sentence and the list of as many amounts after it (each list
 * joined as list_gap() says) pair up in order; what comes earlier in the sentence ("SOL
 * longs lost $95M, while XRP and DOGE saw $60M and $41M respectively") is not part of
 * them. out is in text order through order[]. (The binder gave each amount the nearest
 * asset.)
 */
static void pair_respectively(const struct scan *s, struct nm_mention *out, const size_t *order, size_t n)
{
	const char *t = s->t, *p = t;
	size_t hint = 0;
	while ((p = memmem(p, s->n - (size_t)(p - t), "respectively", 12))) {
		size_t at = (size_t)(p - t), lo = sentence_start(s, sentence_near(s, at, &hint));
		size_t as[RESPECTIVE_MAX], am[RESPECTIVE_MAX], na = 0, nam = 0;
		bool ok = true;
		p += 12;
		for (size_t k = 0; k < n && ok; k++) {
			struct nm_mention *m = &out[order[k]];
			if (m->span.start < lo)
				continue;
			if (m->span.start >= at)
				break;
			if (m->kind == NM_MENTION_ASSET) {
				/* a new list of assets starts after amounts or apart from the last */
				if (nam || (na && !list_gap(t, out[as[na - 1]].span.end, m->span.start)))
					na = nam = 0;
				ok = na < RESPECTIVE_MAX;
				if (ok)
					as[na++] = order[k];
			} else if (m->kind == NM_MENTION_MONEY || m->kind == NM_MENTION_PRICE ||
				   m->kind == NM_MENTION_PERCENT || m->kind == NM_MENTION_PRICE_RANGE) {
				if (nam && !list_gap(t, out[am[nam - 1]].span.end, m->span.start))
					nam = 0;
				ok = nam < RESPECTIVE_MAX;
				if (ok && na)
					am[nam++] = order[k];
			}
		}
		if (!ok || na < 2 || na != nam)
			continue;
		for (size_t i = 0; i < na; i++) {
			memcpy(out[am[i]].asset, out[as[i]].asset, sizeof(out[am[i]].asset));
			out[am[i]].confidence = 0.9;
		}
	}
}

enum nm_code mentions_traced(const struct nm_mentioner *m, struct nm_doc *doc, unsigned flags,
			     mattempt_fn *fn, void *arg, struct nm_err *err)
{
	struct scan s = {0};
	struct hints hints = {0, 0};
	struct nm_mention *out = NULL;
	char *nul_copy = NULL;
	size_t nout = 0, capout = 0;
	size_t *dot3 = NULL, ndot3 = 0, capdot3 = 0; /* out[] indexes of q->dot3 amounts */
	enum nm_code rc;
	bool numbers = flags & NM_MENTIONS_NUMBERS;

	if (!doc->text || !doc->text_len)
		return NM_OK;
	s.m = m;
	s.hints = &hints;
	s.trace = fn;
	s.trace_arg = arg;
	s.t = doc->text;
	if (doc->text[doc->text_len]) {
		/* struct nm_doc promises a NUL after the text, which ends the word loop;
		 * without it, the scans read a copy that has one */
		nul_copy = nm_xmalloc(doc->text_len + 1);
		memcpy(nul_copy, doc->text, doc->text_len);
		nul_copy[doc->text_len] = '\0';
		s.t = nul_copy;
	}
	s.n = doc->text_len;
	if (!doc->sentences_ready && (rc = nm_extract_sentences(doc, err)))
		goto done;
	sentence_ends(&s, doc);
	scan_words(&s);
	if ((rc = scan_quantities(&s, err)))
		goto done;
	if (s.na)
		sort_unless_sorted(s.a, s.na, sizeof(*s.a), cmp_atok);
	if (s.nc)
		sort_unless_sorted(s.c, s.nc, sizeof(*s.c), cmp_cue);
	confirm_assets(&s);
	coin_amounts(&s);
	join_minor(&s);
	read_qualifiers(&s, numbers);
	join_ranges(&s);

	for (size_t i = 0; i < s.na; i++) {
		struct nm_mention mm;
		if (pair_quote(&s, i))
			continue;
		nm_mention_init(&mm, NM_MENTION_ASSET, s.a[i].start, s.a[i].end);
		put_ticker(mm.asset, m, (int)s.a[i].asset);
		mm.confidence = s.a[i].cashtag ? 1.0 : 0.9;
		out = grow(out, &capout, nout + 1, sizeof(*out));
		out[nout++] = mm;
	}
	for (size_t i = 0; i < s.nq; i++) {
		struct qtok *q = &s.q[i];
		struct binding b = {-1, "", 0.5};
		struct nm_mention mm;
		bool unit = q->currency[0] != '\0';
		if (q->dead && !(numbers && q->part))
			continue;
		if (q->dead || (q->range && numbers)) {
			/* evaluation: each end of a range as an amount of its own */
			struct nm_mention pm;
			bool far = q->dead;
			/* an end without a currency of its own is a number: the "7" of
			 * "7-9 lakh rupees" is no amount of rupees by itself */
			nm_mention_init(&pm, q->cur_written ? NM_MENTION_MONEY : NM_MENTION_NUMBER,
					q->start, far ? q->end : q->part_a_end);
			pm.value = far ? q->value : q->part_a_value;
			set_currency(pm.currency, q->currency);
			out = grow(out, &capout, nout + 1, sizeof(*out));
			out[nout++] = pm;
			if (far)
				continue;
		}
		if (q->kind == MK_DURATION) {
			nm_mention_init(&mm, NM_MENTION_DURATION, q->start, q->end);
			mm.value = q->value;
			mm.confidence = 1;
			out = grow(out, &capout, nout + 1, sizeof(*out));
			out[nout++] = mm;
			continue;
		}
		/* a bare number alone is not printed, unless it is a price level written
		 * "92.3k" or "24,500" next to its asset and a price cue (checked after
		 * binding): chart columns quote levels without the currency ("capped at
		 * 68,625") */
		bool bare_k = !numbers && q->kind == MK_NUMBER && !unit && !q->range &&
			      (q->mult == 1e3 || (mnum_comma_grouped(s.t + q->start, q->end - q->start) &&
						  level_follows(m, s.t, q->end, s.n)));
		if (!numbers && q->kind == MK_NUMBER && !unit && !q->range && !bare_k)
			continue;
		bind_asset(&s, q, &b);
		bool roled = false;
		if (q->currency[0]) {
			const struct mform *f = mform_find(m, q->currency, strlen(q->currency), true);
			/* "6.25 BTC" is an amount of BTC; "at 3,050 USDT" a price in USDT of
			 * the asset bound (list quote_coin) */
			bool quote = m->l_quote_coin && mlex_find(m->l_quote_coin, q->currency, strlen(q->currency));
			if (f && f->is_ticker && !(quote && b.asset >= 0)) {
				struct binding unbound = b;
				b.asset = (int)f->asset;
				b.confidence = 0.95;
				bind_role(&s, i, q->qstart, q->end, next_amount(&s, i), q->sentence, &b);
				roled = true;
				/* "ran into the 4,100-4,200 USDT supply zone": a level quoted in a
				 * stablecoin is no amount of it */
				if (quote && price_role(m, b.role)) {
					memcpy(unbound.role, b.role, sizeof(unbound.role));
					b = unbound;
				}
			}
		}
		if (!roled)
			bind_role(&s, i, q->qstart, q->end, next_amount(&s, i), q->sentence, &b);
		bool pricey = price_role(m, b.role);
		if (bare_k) {
			if (!pricey || b.asset < 0 || q->open)
				continue;
			unit = true; /* quoted in the market's currency */
			set_currency(q->currency, "USD");
		}
		if (q->kind == MK_PERCENT) {
			nm_mention_init(&mm, NM_MENTION_PERCENT, q->qual ? q->qstart : q->start, q->end);
			mm.value = q->value;
			mm.qualifier = q->qual;
		} else if (q->range) {
			/* without a currency: a level of the asset bound, or a level zone written as
			 * prices are ("the 3,150–3,200 resistance zone", "Resistance: 105.50–106.20")
			 * when no asset is named */
			if (!unit && !numbers &&
			    !(pricey && (b.asset >= 0 || (level_role(m, b.role) && written_as_price(s.t, q)))))
				continue;
			nm_mention_init(&mm, NM_MENTION_PRICE_RANGE, q->qstart, q->end);
			mm.low = q->low;
			mm.high = q->high;
		} else if (q->open && (pricey || numbers) && (unit || numbers)) {
			/* "above $100K" as a price level: an open range */
			nm_mention_init(&mm, NM_MENTION_PRICE_RANGE, q->qstart, q->end);
			if (q->open == 'l' || q->open == 'e')
				mm.low = q->value;
			if (q->open == 'h' || q->open == 'e')
				mm.high = q->value;
			if (numbers) {
				/* the amount itself too, qualified (evaluation reads both) */
				struct nm_mention am;
				nm_mention_init(&am, unit ? NM_MENTION_MONEY : NM_MENTION_NUMBER,
						q->qual ? q->qstart : q->start, q->end);
				am.value = q->value;
				am.qualifier = q->qual;
				set_currency(am.currency, q->currency);
				put_ticker(am.asset, m, b.asset);
				memcpy(am.role, b.role, sizeof(am.role));
				am.confidence = b.confidence;
				out = grow(out, &capout, nout + 1, sizeof(*out));
				out[nout++] = am;
			}
		} else if (unit) {
			nm_mention_init(&mm, pricey ? NM_MENTION_PRICE : NM_MENTION_MONEY,
					q->qual ? q->qstart : q->start, q->end);
			mm.value = q->value;
			mm.qualifier = q->qual;
		} else if (numbers) {
			nm_mention_init(&mm, NM_MENTION_NUMBER, q->qual ? q->qstart : q->start, q->end);
			mm.value = q->value;
			mm.qualifier = q->qual;
		} else {
			continue;
		}
		set_currency(mm.currency, q->currency);
		put_ticker(mm.asset, m, b.asset);
		memcpy(mm.role, b.role, sizeof(mm.role));
		mm.confidence = b.confidence;
		if (q->dot3) {
			dot3 = grow(dot3, &capdot3, ndot3 + 1, sizeof(*dot3));
			dot3[ndot3++] = nout;
		}
		out = grow(out, &capout, nout + 1, sizeof(*out));
		out[nout++] = mm;
	}
	if (ndot3)
		settle_dot3(out, nout, dot3, ndot3);
	if (nout) {
		size_t *ix = nm_xcalloc(2 * nout, sizeof(*ix)), *order;
		order = sort_mentions(out, nout, ix, ix + nout);
		pair_respectively(&s, out, order, nout);
		for (size_t i = 0; i < nout && !rc; i++)
			rc = emit(doc, &out[order[i]], err);
		free(ix);
	}
done:
	free(nul_copy);
	free(out);
	free(dot3);
	free(s.sent_end);
	free(s.q);
	free(s.a);
	free(s.c);
	free(s.cand);
	return rc;
}

enum nm_code nm_extract_mentions_ex(const struct nm_mentioner *m, struct nm_doc *doc,
				    unsigned flags, struct nm_err *err)
{
	return mentions_traced(m, doc, flags, NULL, NULL, err);
}

enum nm_code nm_extract_mentions(const struct nm_mentioner *m, struct nm_doc *doc,
				 struct nm_err *err)
{
	return nm_extract_mentions_ex(m, doc, 0, err);
}
