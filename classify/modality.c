/*
 * classify/modality.c — step 4 of classify/: is a trigger reported, forecast or
 * negated? Cue words only count inside their scope:
 *
 *  - the clause: a sentence is cut into clauses at ; : — – and at ", but", ", while",
 *    ", although", ", whereas", ", yet", ", as", "the fact that" (after the trigger also
 *    ", with");
 *    a hedge in another clause does not reach;
 *  - negation (no, not, never, without, did not, ...) must stand within a few words
 *    before the trigger in its clause, and outside the trigger itself, so "failed to
 *    break above $X" (a trigger) stays reported while "did not face rejection" is
 *    negated;
 *  - forecast words (will, could, may, might, likely, expected, risk of, ...) count
 *    anywhere before the trigger in its clause, or right after it ("a rejection is
 *    likely", "liquidations could follow");
 *  - conditionals (if, unless) and attributed predictions ("analysts warn that") make
 *    the rest of the sentence after them a forecast;
 *  - generic statements ("leverage can trigger liquidations", "rejections typically
 *    ...") tell no happening at all: cls_generic() drops them.
 */
#include "classify/classify_int.h"

#include <string.h>

#define NEGATION_REACH 36 /* bytes before the trigger a negation governs (about 5 words) */
#define FORECAST_AFTER 24 /* bytes after the trigger a modal verb still governs */
#define GENERIC_AFTER 40  /* ... and a word of general statements ("typically") */
#define TOLD_BEFORE 24    /* bytes between a day's possessive and the trigger it dates */
#define TOLD_AFTER 8      /* ... and between a trigger and its relative clause */

static bool starts(const char *t, size_t i, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return i + l <= n && !nm_strncasecmp(t + i, lit, l);
}

/* Is there a clause break at i? Returns its length (0 when none). */
static size_t clause_break(const char *t, size_t i, size_t n)
{
	static const char *const joins[] = {", but ", ", while ", ", although ", ", whereas ",
					    ", yet ", ", though ", ", as ", " but ", NULL};
	unsigned char c = (unsigned char)t[i];
	if (c != ';' && c != ':' && c != 0xE2 && c != ' ' && c != ',')
		return 0; /* the common case, cheaply */
	if (c == ';' || (c == ':' && i + 1 < n && t[i + 1] == ' '))
		return 1;
	/* — U+2014, – U+2013 as dashes between words */
	if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
	    ((unsigned char)t[i + 2] == 0x94 || (unsigned char)t[i + 2] == 0x93) && i > 0 &&
	    t[i - 1] == ' ')
		return 3;
	if (c == ' ') {
		/* the common case among the bytes above: a space before a word */
		if (i + 1 >= n)
			return 0;
		if (t[i + 1] == '-')
			return i + 2 < n && t[i + 2] == ' ' ? 3 : 0;
		if (t[i + 1] == 'f')
			/* a factive clause states a fact: "bulls will take heart from the fact
			 * that the price found support" */
			return i >= 3 && starts(t, i - 3, n, "the fact that ") ? 11 : 0;
		if (t[i + 1] != 'b' && t[i + 1] != 'B')
			return 0;
		return starts(t, i, n, " but ") ? 5 : 0;
	}
	if (c != ',' || i + 2 >= n || t[i + 1] != ' ')
		return 0; /* every join below starts ", " and a letter */
	for (int k = 0; joins[k]; k++)
		/* its third byte first: most commas go on with another word */
		if (joins[k][2] == nm_tolower((unsigned char)t[i + 2]) && starts(t, i, n, joins[k]))
			return strlen(joins[k]);
	return 0;
}

/* Can a clause break start with byte c? (Most bytes are letters: one compare.) */
static inline bool may_break(unsigned char c)
{
	return c <= ',' || c == ':' || c == ';' || c == 0xE2;
}

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/*
 * The first i in [i, lim) where clause_break() may find a break: ; : or a dash's lead
 * byte, a comma before a space, a space before b, B, f or -. Sixteen bytes at a time
 * where SSE2 is there (reading no further than text_len), so the many spaces between
 * words are passed over without a call each.
 */
static size_t next_break(const char *t, size_t i, size_t lim, size_t text_len)
{
#ifdef __SSE2__
	while (i + 17 <= text_len && i < lim) {
		__m128i v = _mm_loadu_si128((const __m128i *)(t + i));
		__m128i nx = _mm_loadu_si128((const __m128i *)(t + i + 1));
		__m128i lead = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(';')), _mm_cmpeq_epi8(v, _mm_set1_epi8(':'))),
			_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2)));
		__m128i comma = _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
					      _mm_cmpeq_epi8(nx, _mm_set1_epi8(' ')));
		__m128i nx_b = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(nx, _mm_set1_epi8(0x20)),
									_mm_set1_epi8('b')),
							 _mm_cmpeq_epi8(nx, _mm_set1_epi8('f'))),
					    _mm_cmpeq_epi8(nx, _mm_set1_epi8('-')));
		__m128i space = _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), nx_b);
		unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(lead, _mm_or_si128(comma, space)));
		if (mask) {
			size_t at = i + (size_t)__builtin_ctz(mask);
			return at < lim ? at : lim;
		}
		i += 16;
	}
#else
	(void)text_len;
#endif
	while (i < lim && !may_break((unsigned char)t[i]))
		i++;
	return i;
}

/* The clause [*cs, *ce) of sentence sent that holds [ts, te). */
static void clause_of(const struct scratch *s, size_t sent, size_t ts, size_t te, size_t *cs,
		      size_t *ce)
{
	const struct nm_doc *doc = s->doc;
	struct clause_memo *m = s->clause;
	struct nm_span sp = doc->sentences[sent];
	const char *t = doc->text;
	size_t i, l;

	if (m && m->sent == sent && m->ts == ts && m->te == te) {
		*cs = m->cs;
		*ce = m->ce;
		return;
	}
	*cs = sp.start;
	*ce = sp.end;
	for (i = next_break(t, sp.start, ts, doc->text_len); i < ts;
	     i = next_break(t, i + 1, ts, doc->text_len))
		if ((l = clause_break(t, i, sp.end)) && i + l <= ts)
			*cs = i + l;
	for (i = next_break(t, te, sp.end, doc->text_len); i < sp.end;
	     i = next_break(t, i + 1, sp.end, doc->text_len))
		/* (after the trigger, ", with" adds a clause of its own: "$790M of longs were
		 * liquidated, with traders watching $90,000 if support gives way"; before it,
		 * the hedge reaches on: "bulls may regroup later, with $500M liquidated") */
		if (clause_break(t, i, sp.end) || starts(t, i, sp.end, ", with ")) {
			*ce = i;
			break;
		}
	if (m)
		*m = (struct clause_memo){sent, ts, te, *cs, *ce};
}

/* Is [a, b) inside a trigger hit of sentence sent? */
static bool in_trigger(const struct scratch *s, size_t sent, size_t a, size_t b)
{
	for (size_t k = s->sent_hit0[sent]; k < s->sent_hit0[sent + 1]; k++)
		if (s->c->groups[s->hits[k].group].kind == G_TRIGGER && s->hits[k].start <= a &&
		    b <= s->hits[k].end)
			return true;
	return false;
}

/* Is the negation at [a, b) a preposition ("without", "lack of", "absence of") whose
 * phrase a comma closes before ts? "Without a catalyst, bitcoin could not push past
 * $68,000" denies the catalyst, not the turn back. */
static bool phrase_closed(const char *t, size_t a, size_t b, size_t ts)
{
	static const char *const preps[] = {"without", "lack of", "absence of", NULL};
	for (int k = 0; preps[k]; k++)
		if (b - a == strlen(preps[k]) && !nm_strncasecmp(t + a, preps[k], b - a))
			return memchr(t + b, ',', ts - b) != NULL;
	return false;
}

/* A negation in [from, ts), not one that belongs to an earlier trigger: in "ether failed
 * to break $3,900 and solana was turned away at $185", "failed to" is ether's (a turn
 * back), and solana's turn back is reported. */
static size_t negated_before(const struct scratch *s, size_t sent, size_t from, size_t ts)
{
	const struct hit *h;
	size_t n = cls_group_hits(s, sent, cls_group_index(G_CUE, CUE_NEGATION), &h);
	for (size_t k = 0; k < n; k++)
		if (h[k].start >= from && h[k].end <= ts && !in_trigger(s, sent, h[k].start, h[k].end) &&
		    !phrase_closed(s->doc->text, h[k].start, h[k].end, ts))
			return h[k].start;
	return SIZE_MAX;
}

/* Is the negation at neg the purpose "to avoid"? What a hedge before it says must be
 * done "to avoid" a wave predicts the wave if it is not: "Bitcoin needs to hold $90,000
 * to avoid a cascade of liquidations". */
static bool avoid_purpose(const char *t, size_t cs, size_t neg)
{
	return neg >= cs + 3 && !nm_strncasecmp(t + neg - 3, "to ", 3) && !nm_strncasecmp(t + neg, "avoid", 5);
}

/* Is there a forecast cue in [from, to) of sentence sent? Not the infinitive of a
 * causative or of a beginning (cue class causative): "caused $1B in futures to be
 * liquidated" and "short sellers began to get liquidated" tell a consequence, where
 * "$10B in shorts to be liquidated at $125,000" foretells. */
static bool foretold_in(const struct scratch *s, size_t sent, size_t from, size_t to)
{
	const struct hit *f, *c;
	size_t nc;
	if (!cls_cue_in(s, sent, CUE_FORECAST, from, to))
		return false;
	/* (asked first: computing a group may move the sentence's hits) */
	nc = cls_group_hits(s, sent, cls_group_index(G_CUE, CUE_CAUSATIVE), &c);
	size_t nf = cls_group_hits(s, sent, cls_group_index(G_CUE, CUE_FORECAST), &f);
	for (size_t k = 0; k < nf; k++) {
		bool inside = false;
		if (f[k].start < from || f[k].end > to)
			continue;
		for (size_t j = 0; j < nc && !inside; j++)
			inside = c[j].start <= f[k].start && f[k].end <= c[j].end;
		if (!inside)
			return true;
	}
	return false;
}

/* Is the trigger at [ts, te) told as having happened, whatever frames it: right after a
 * day's possessive ("Monday's $900M liquidation cascade": no comma and no hedge
 * between, so not "Monday's lows could trigger liquidations") or right before a
 * relative clause in the past ("the risk-off mood that gripped markets")? Cue class
 * told. */
static bool told_as_past(const struct scratch *s, size_t sent, size_t ts, size_t te, size_t cs, size_t ce)
{
	const char *t = s->doc->text;
	const struct hit *h;
	size_t n = cls_group_hits(s, sent, cls_group_index(G_CUE, CUE_TOLD), &h);
	for (size_t k = 0; k < n; k++) {
		if (h[k].end <= ts && h[k].end + TOLD_BEFORE >= ts && h[k].start >= cs &&
		    !memchr(t + h[k].end, ',', ts - h[k].end) &&
		    !foretold_in(s, sent, h[k].end, ts) &&
		    !cls_cue_in(s, sent, CUE_CONDITIONAL, h[k].end, ts))
			return true;
		if (h[k].start >= te && h[k].start <= te + TOLD_AFTER && h[k].end <= ce)
			return true;
	}
	return false;
}

enum nm_modality cls_modality(const struct scratch *s, size_t sent, size_t ts, size_t te)
{
	const struct nm_doc *doc = s->doc;
	struct nm_span sp = doc->sentences[sent];
	size_t cs, ce, neg_from;

	clause_of(s, sent, ts, te, &cs, &ce);
	neg_from = ts > cs + NEGATION_REACH ? ts - NEGATION_REACH : cs;
	size_t neg = negated_before(s, sent, neg_from, ts);
	if (neg != SIZE_MAX)
		return avoid_purpose(doc->text, cs, neg) && cls_cue_in(s, sent, CUE_FORECAST, cs, neg) ?
			       NM_MOD_FORECAST :
			       NM_MOD_NEGATED;
	if (told_as_past(s, sent, ts, te, cs, ce))
		return NM_MOD_REPORTED;
	if (foretold_in(s, sent, cs, ts))
		return NM_MOD_FORECAST;
	/* inside a trigger with words between its parts ("sellers are expected to step in"),
	 * unless a negation makes it a past failure there ("could not crack") */
	if (foretold_in(s, sent, ts, te) && !cls_cue_in(s, sent, CUE_NEGATION, ts, te))
		return NM_MOD_FORECAST;
	/* (not past a comma: "investors moved away from riskier assets, with DOGE
	 * potentially suffering" hedges DOGE, not the move; a trigger that holds its own
	 * condition is foretold: "if the resistance holds, SUI could ...") */
	size_t f = cls_cue_first(s, sent, CUE_FORECAST, te, te + FORECAST_AFTER < ce ? te + FORECAST_AFTER : ce);
	if (f != SIZE_MAX && (!memmem(doc->text + te, f - te, ", ", 2) ||
			      cls_cue_in(s, sent, CUE_CONDITIONAL, ts, te)))
		return NM_MOD_FORECAST;
	if (cls_cue_in(s, sent, CUE_CONDITIONAL, sp.start, ts) || cls_cue_in(s, sent, CUE_CONDITIONAL, te, ce))
		return NM_MOD_FORECAST;
	if (cls_cue_in(s, sent, CUE_ATTRIBUTION, sp.start, ts))
		return NM_MOD_FORECAST;
	return NM_MOD_REPORTED;
}

bool cls_generic(const struct scratch *s, size_t sent, size_t ts, size_t te)
{
	size_t cs, ce;
	clause_of(s, sent, ts, te, &cs, &ce);
	/* before the trigger in its clause, or a few words after it with no comma between
	 * ("a risk-off environment would typically ...", but not "$300M was liquidated as
	 * BTC fell, which usually ...") */
	if (cls_cue_in(s, sent, CUE_GENERIC, cs, ts))
		return true;
	size_t g = cls_cue_first(s, sent, CUE_GENERIC, te, te + GENERIC_AFTER < ce ? te + GENERIC_AFTER : ce);
	return g != SIZE_MAX && !memchr(s->doc->text + te, ',', g - te); /* not past a comma */
}
