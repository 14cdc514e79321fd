/*
 * classify/rules.c — the event lines of the rule set, compiled once per process.
 *
 *   event-trigger TYPE WEIGHT [side=S] [need=STEMS]... PATTERN
 *                                       a trigger of TYPE (deleveraging, rejection,
 *                                       risk-off) with strength WEIGHT in (0,1];
 *                                       a rejection trigger may tell its side S
 *                                       (resistance or support) by itself; each
 *                                       need=a|b|c says the rule runs only on
 *                                       sentences holding a word starting with a, b
 *                                       or c (several need= must all hold)
 *   event-veto TYPE PATTERN             in the same sentence, drops TYPE's triggers
 *   event-cue NAME [need=STEMS]... PATTERN   adds PATTERN to the word class NAME
 *   modality NAME [need=STEMS]... PATTERN    the same, for the modality classes
 *
 *   event-anchor TYPE|CLASS STEM...     the group runs only on sentences holding a word
 *                                       that starts with one of the stems (hits.c)
 *   event-define NAME PATTERN           a named sub-pattern: the later patterns call it
 *                                       as (?&NAME), expanded in place before they compile
 *
 * PATTERN is PCRE2 over bytes (no UTF mode: a non-ASCII character is a literal byte
 * sequence, so it may not stand inside [...]), case-insensitive unless it says (?-i),
 * compiled once with JIT. The
 * rules of a group (the triggers of one type, the vetoes of one type, one cue class)
 * are kept apart: one alternation of them all is several times slower, since PCRE2
 * then tries every branch at every word. Lines whose directive belongs to another
 * stage (the mention rules) are skipped.
 */
#include "classify/classify_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ev_type_names[EV_NTYPES] = {"deleveraging", "rejection", "risk-off"};

const char *const cue_names[CUE_NCUES] = {
	"forecast", "conditional", "attribution", "negation", "history", "market", "single",
	"long", "short", "resistance", "support", "price-word", "distractor", "definition",
	"market-cap", "contrast", "destination", "past", "generic", "aside", "day", "whole",
	"concession", "span", "told", "anaphor", "guide", "retrospective", "venue", "weekly",
	"causative", "share", "holders",
};

static int type_index(const char *s, size_t n)
{
	for (int i = 0; i < EV_NTYPES; i++)
		if (strlen(ev_type_names[i]) == n && !strncmp(ev_type_names[i], s, n))
			return i;
	return -1;
}

static int cue_index(const char *s, size_t n)
{
	for (int i = 0; i < CUE_NCUES; i++)
		if (strlen(cue_names[i]) == n && !strncmp(cue_names[i], s, n))
			return i;
	return -1;
}

/* The next blank-separated word of *p; advances *p past it and the blanks after. */
static size_t word(const char **p, const char **w)
{
	const char *s = *p, *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s;
	while (*e && *e != ' ' && *e != '\t')
		e++;
	*w = s;
	*p = e;
	while (**p == ' ' || **p == '\t')
		(*p)++;
	return (size_t)(e - s);
}

/* Per-group source being assembled. */
struct pending {
	pcre2_code **codes;
	char **patterns;
	char **needs;
	double *weights;
	unsigned char *sides;
	char **where;
	size_t n;
};

/* Compile one rule's pattern (JIT when available) into *out. */
static enum nm_code compile_pattern(const struct nm_rule_line *l, const char *pat, pcre2_code **out,
				    struct nm_err *err)
{
	int ec;
	PCRE2_SIZE off;
	pcre2_code *re;

	if (!*pat)
		return nm_rules_error(err, l, "%s: missing pattern", l->directive);
	if (strlen(pat) > RULE_PATTERN_MAX)
		return nm_rules_error(err, l, "%s: pattern longer than %d bytes", l->directive,
				      RULE_PATTERN_MAX);
	/* patterns match bytes (no UTF mode: several times cheaper), so a non-ASCII
	 * character inside [...] would stand for its bytes one by one */
	{
		bool in_class = false;
		for (const char *q = pat; *q; q++) {
			if (*q == '\\' && q[1]) {
				q++;
				continue;
			}
			if (!in_class && *q == '[') {
				in_class = true;
				if (q[1] == ']')
					q++;
			} else if (in_class && *q == ']') {
				in_class = false;
			} else if (in_class && (unsigned char)*q >= 0x80) {
				return nm_rules_error(err, l, "%s: non-ASCII character inside [...]; write (?:a|b)",
						      l->directive);
			}
		}
	}
	re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_CASELESS, &ec,
			   &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof(msg));
		return nm_rules_error(err, l, "%s: bad pattern at offset %zu: %s", l->directive,
				      (size_t)off, (char *)msg);
	}
	/* JIT is an optimisation: without it (no JIT support) matching still works */
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	*out = re;
	return NM_OK;
}

static enum nm_code add(struct pending *g, const struct nm_rule_line *l, const char *pat,
			double weight, unsigned char side, const char *needs, struct nm_err *err)
{
	enum nm_code rc;
	char where[300];
	pcre2_code *re = NULL;

	if (g->n >= RULES_PER_GROUP_MAX)
		return nm_rules_error(err, l, "%s: more than %d rules in one group", l->directive,
				      RULES_PER_GROUP_MAX);
	if ((rc = compile_pattern(l, pat, &re, err)))
		return rc;
	g->codes = nm_xrealloc(g->codes, (g->n + 1) * sizeof(*g->codes));
	g->patterns = nm_xrealloc(g->patterns, (g->n + 1) * sizeof(*g->patterns));
	g->patterns[g->n] = nm_xstrdup(pat);
	g->needs = nm_xrealloc(g->needs, (g->n + 1) * sizeof(*g->needs));
	g->needs[g->n] = needs && *needs ? nm_xstrdup(needs) : NULL;
	g->weights = nm_xrealloc(g->weights, (g->n + 1) * sizeof(*g->weights));
	g->where = nm_xrealloc(g->where, (g->n + 1) * sizeof(*g->where));
	g->sides = nm_xrealloc(g->sides, (g->n + 1) * sizeof(*g->sides));
	g->codes[g->n] = re;
	g->weights[g->n] = weight;
	g->sides[g->n] = side;
	snprintf(where, sizeof(where), "%s:%u", l->file, l->line);
	g->where[g->n] = nm_xstrdup(where);
	g->n++;
	return NM_OK;
}

/*
 * Read the need=a|b|c words at *p (advancing past them): each stem is anchored to group
 * gi, and the clauses are kept, blank-separated, in out for cls_anchor_gates().
 */
static enum nm_code read_needs(struct nm_classifier *c, const struct nm_rule_line *l, const char **p,
			       int gi, char *out, size_t cap, struct nm_err *err)
{
	size_t used = 0, clauses = 0;
	out[0] = '\0';
	while (!strncmp(*p, "need=", 5)) {
		const char *w;
		size_t n = word(p, &w), i = 5;
		if (++clauses > NEED_MAX)
			return nm_rules_error(err, l, "%s: more than %d need= clauses", l->directive, NEED_MAX);
		if (n == 5)
			return nm_rules_error(err, l, "%s: need= without stems", l->directive);
		while (i < n) {
			char stem[ANCHOR_STEM_MAX];
			size_t k = 0;
			while (i < n && w[i] != '|') {
				if (k + 1 >= ANCHOR_STEM_MAX)
					return nm_rules_error(err, l, "%s: need= stem longer than %d bytes",
							      l->directive, ANCHOR_STEM_MAX - 1);
				if (!nm_isalnum((unsigned char)w[i]) && w[i] != '&')
					return nm_rules_error(err, l, "%s: need= stem '%.*s' is not a word",
							      l->directive, (int)(n - 5), w + 5);
				stem[k++] = (char)nm_tolower((unsigned char)w[i++]);
			}
			i++;
			if (!k)
				return nm_rules_error(err, l, "%s: empty need= stem", l->directive);
			if (!cls_anchor_add(c, stem, k, gi))
				return nm_rules_error(err, l, "%s: more than %d anchor stems (or %d with their prefixes)",
						      l->directive, STEMS_MAX, ANCHOR_SLOTS / 2);
		}
		if (used + n - 5 + 2 > cap)
			return nm_rules_error(err, l, "%s: need= clauses too long", l->directive);
		if (used)
			out[used++] = ' ';
		for (i = 5; i < n; i++)
			out[used++] = (char)nm_tolower((unsigned char)w[i]);
		out[used] = '\0';
	}
	return NM_OK;
}

/* The event-defines read so far, in file order. */
struct defines {
	struct nm_rule_macro *mac; /* heap */
	size_t n, cap;
};

static enum nm_code read_define(struct defines *d, const struct nm_rule_line *l, const char *p,
				struct nm_err *err)
{
	const char *w;
	size_t n = word(&p, &w);
	struct nm_rule_macro *m;
	pcre2_code *re;
	enum nm_code rc;

	if (!nm_rules_valid_name(w, n) || !*p)
		return nm_rules_error(err, l, "event-define: want NAME PATTERN with NAME [a-z_][a-z0-9_]*");
	for (size_t k = 0; k < d->n; k++)
		if (strlen(d->mac[k].name) == n && !strncmp(d->mac[k].name, w, n))
			return nm_rules_error(err, l, "event-define: '%.*s' is defined already", (int)n, w);
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		d->mac = nm_xrealloc(d->mac, d->cap * sizeof(*d->mac));
	}
	m = &d->mac[d->n];
	snprintf(m->name, sizeof(m->name), "%.*s", (int)n, w);
	nm_buf_init(&m->body, RULE_PATTERN_MAX + 1);
	/* a define may call the ones before it; alone, it must compile */
	if (nm_rules_expand(d->mac, d->n, p, strlen(p), &m->body))
		rc = nm_rules_error(err, l, "event-define: longer than %d bytes once expanded",
				    RULE_PATTERN_MAX);
	else
		rc = compile_pattern(l, nm_buf_str(&m->body), &re, err);
	if (rc) {
		nm_buf_release(&m->body);
		return rc;
	}
	pcre2_code_free(re);
	d->n++;
	return NM_OK;
}

/* Add the rule PATTERN p to g with the defines it calls expanded. */
static enum nm_code add_expanded(struct pending *g, const struct defines *d, const struct nm_rule_line *l,
				 const char *p, double weight, unsigned char side, const char *needs,
				 struct nm_err *err)
{
	struct nm_buf ex = NM_BUF_INIT(RULE_PATTERN_MAX + 1);
	enum nm_code rc;
	if (!strstr(p, "(?&"))
		return add(g, l, p, weight, side, needs, err);
	if (nm_rules_expand(d->mac, d->n, p, strlen(p), &ex))
		rc = nm_rules_error(err, l, "%s: pattern longer than %d bytes once expanded", l->directive,
				    RULE_PATTERN_MAX);
	else
		rc = add(g, l, nm_buf_str(&ex), weight, side, needs, err);
	nm_buf_release(&ex);
	return rc;
}

static enum nm_code parse_line(struct nm_classifier *c, struct pending *pend, struct defines *defs,
			       const struct nm_rule_line *l, struct nm_err *err)
{
	const char *p = l->rest, *w;
	size_t n;
	int idx;
	enum nm_code rc;
	char needs[1024];

	if (!strcmp(l->directive, "event-define"))
		return read_define(defs, l, p, err);

	if (!strcmp(l->directive, "event-trigger")) {
		char num[32], *end;
		double weight;
		unsigned char side = SIDE_NONE;
		n = word(&p, &w);
		if ((idx = type_index(w, n)) < 0)
			return nm_rules_error(err, l, "event-trigger: unknown event type '%.*s'", (int)n, w);
		n = word(&p, &w);
		snprintf(num, sizeof(num), "%.*s", (int)(n < sizeof(num) ? n : sizeof(num) - 1), w);
		weight = strtod(num, &end);
		if (!n || *end || !(weight > 0 && weight <= 1))
			return nm_rules_error(err, l, "event-trigger: weight must be a number in (0,1], not '%s'",
					      num);
		/* optional side=resistance|support: the side this trigger tells by itself */
		if (!strncmp(p, "side=", 5)) {
			const char *q = p;
			n = word(&q, &w);
			if (n == 15 && !strncmp(w, "side=resistance", 15))
				side = SIDE_RESISTANCE;
			else if (n == 12 && !strncmp(w, "side=support", 12))
				side = SIDE_SUPPORT;
			else
				return nm_rules_error(err, l, "event-trigger: side must be resistance or support, not '%.*s'",
						      (int)n, w);
			if (idx != EV_REJECTION)
				return nm_rules_error(err, l, "event-trigger: only rejection triggers have a side");
			p = q;
		}
		if ((rc = read_needs(c, l, &p, cls_group_index(G_TRIGGER, idx), needs, sizeof(needs), err)))
			return rc;
		return add_expanded(&pend[cls_group_index(G_TRIGGER, idx)], defs, l, p, weight, side, needs, err);
	}
	if (!strcmp(l->directive, "event-veto")) {
		n = word(&p, &w);
		if ((idx = type_index(w, n)) < 0)
			return nm_rules_error(err, l, "event-veto: unknown event type '%.*s'", (int)n, w);
		if ((rc = read_needs(c, l, &p, cls_group_index(G_VETO, idx), needs, sizeof(needs), err)))
			return rc;
		return add_expanded(&pend[cls_group_index(G_VETO, idx)], defs, l, p, 1, SIDE_NONE, needs, err);
	}
	if (!strcmp(l->directive, "event-cue") || !strcmp(l->directive, "modality")) {
		n = word(&p, &w);
		if ((idx = cue_index(w, n)) < 0)
			return nm_rules_error(err, l, "%s: unknown class '%.*s'", l->directive, (int)n, w);
		if ((rc = read_needs(c, l, &p, cls_group_index(G_CUE, idx), needs, sizeof(needs), err)))
			return rc;
		return add_expanded(&pend[cls_group_index(G_CUE, idx)], defs, l, p, 1, SIDE_NONE, needs, err);
	}
	if (!strcmp(l->directive, "event-anchor")) {
		int gi;
		n = word(&p, &w);
		if ((idx = type_index(w, n)) >= 0)
			gi = cls_group_index(G_TRIGGER, idx);
		else if ((idx = cue_index(w, n)) >= 0)
			gi = cls_group_index(G_CUE, idx);
		else
			return nm_rules_error(err, l, "event-anchor: unknown event type or class '%.*s'", (int)n, w);
		if (!*p)
			return nm_rules_error(err, l, "event-anchor: no stems");
		while ((n = word(&p, &w))) {
			char stem[ANCHOR_STEM_MAX];
			if (n >= ANCHOR_STEM_MAX)
				return nm_rules_error(err, l, "event-anchor: stem '%.*s' longer than %d bytes",
						      (int)n, w, ANCHOR_STEM_MAX - 1);
			for (size_t i = 0; i < n; i++) {
				if (!nm_isalnum((unsigned char)w[i]) && w[i] != '&')
					return nm_rules_error(err, l, "event-anchor: stem '%.*s' is not a word",
							      (int)n, w);
				stem[i] = (char)nm_tolower((unsigned char)w[i]);
			}
			if (!cls_anchor_add(c, stem, n, gi))
				return nm_rules_error(err, l, "event-anchor: more than %d stems (or %d with their prefixes)",
						      STEMS_MAX, ANCHOR_SLOTS / 2);
		}
		return NM_OK;
	}
	if (!strncmp(l->directive, "event-", 6))
		return nm_rules_error(err, l, "unknown directive '%s'", l->directive);
	return NM_OK; /* another stage's line */
}

static void take_group(struct rule_group *g, struct pending *p)
{
	g->codes = p->codes;
	g->patterns = p->patterns;
	g->needs = p->needs;
	g->weights = p->weights;
	g->sides = p->sides;
	g->where = p->where;
	g->n = p->n;
	g->jit = nm_xcalloc(g->n ? g->n : 1, sizeof(*g->jit));
	for (size_t r = 0; r < g->n; r++) {
		size_t jit_size = 0;
		g->jit[r] = !pcre2_pattern_info(g->codes[r], PCRE2_INFO_JITSIZE, &jit_size) &&
			    jit_size > 0;
	}
	memset(p, 0, sizeof(*p));
}

static void free_pending(struct pending *p)
{
	for (size_t k = 0; k < p->n; k++) {
		pcre2_code_free(p->codes[k]);
		free(p->patterns[k]);
		free(p->needs[k]);
		free(p->where[k]);
	}
	free(p->codes);
	free(p->patterns);
	free(p->needs);
	free(p->where);
	free(p->weights);
	free(p->sides);
	memset(p, 0, sizeof(*p));
}

enum nm_code cls_rules_compile(struct nm_classifier *c, const struct nm_rules *rules,
			       struct nm_err *err)
{
	struct pending pend[NGROUPS];
	struct defines defs = {NULL, 0, 0};
	enum nm_code rc = NM_OK;

	memset(pend, 0, sizeof(pend));
	for (size_t i = 0; i < nm_rules_count(rules) && !rc; i++)
		rc = parse_line(c, pend, &defs, nm_rules_line(rules, i), err);
	for (size_t i = 0; i < defs.n; i++)
		nm_buf_release(&defs.mac[i].body);
	free(defs.mac);
	for (int i = 0; i < NGROUPS; i++) {
		c->groups[i].kind = i < EV_NTYPES ? G_TRIGGER : i < 2 * EV_NTYPES ? G_VETO : G_CUE;
		c->groups[i].which = i < EV_NTYPES ? i : i < 2 * EV_NTYPES ? i - EV_NTYPES : i - 2 * EV_NTYPES;
		if (!rc)
			take_group(&c->groups[i], &pend[i]);
		else
			free_pending(&pend[i]);
	}
	/* the triggers, and the explainer cue asked of every sentence of an article with a
	 * risk-off hit */
	for (int t = 0; t < EV_NTYPES; t++)
		c->eager_groups |= (uint64_t)1 << cls_group_index(G_TRIGGER, t);
	c->eager_groups |= (uint64_t)1 << cls_group_index(G_CUE, CUE_DEFINITION);
	if (!rc)
		cls_anchor_gates(c);
	return rc;
}

void cls_rules_release(struct nm_classifier *c)
{
	for (int i = 0; i < NGROUPS; i++) {
		struct rule_group *g = &c->groups[i];
		for (size_t k = 0; k < g->n; k++) {
			pcre2_code_free(g->codes[k]);
			if (g->anchored)
				pcre2_code_free(g->anchored[k]);
			free(g->patterns[k]);
			free(g->needs[k]);
			free(g->where[k]);
		}
		free(g->codes);
		free(g->jit);
		free(g->patterns);
		free(g->needs);
		free(g->gate);
		free(g->n_gate);
		free(g->gate_words);
		free(g->stem_rules);
		free(g->anchored);
		free(g->anchored_jit);
		free(g->start_set);
		free(g->where);
		free(g->weights);
		free(g->sides);
		memset(g, 0, sizeof(*g));
	}
}
