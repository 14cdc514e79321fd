/*
 * extract/mention_rules.c — stage 2 (mentions): the mention directives of a rule set
 * (define, words, words-cased, pattern, asset; docs/rules.md) compiled once into a
 * read-only nm_mentioner: word lists as hashes, every pattern in one JIT-compiled
 * PCRE2 alternation, the asset lexicon as a hash of word forms.
 */
#include "extract/mentions_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RE_MAX ((size_t)4 << 20)   /* bytes of the combined pattern */
#define KEY_MAX 256                /* bytes of one normalised phrase */

static const char *const group_names[MG__N] = {"num", "words", "mag", "cur", "cur2", "neg",
						 "unit", "dur", "win", "frac"};
static const char *const kind_names[MK__N] = {"skip", "percent", "duration", "money", "number",
					      "quantity"};

/* ------------------------------------------------------------- lexicons */

size_t mlex_norm(const char *s, size_t n, bool fold, char *out, size_t cap)
{
	size_t o = 0;
	bool space = false;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (nm_isspace(c)) {
			space = o > 0;
			continue;
		}
		if (space) {
			if (o + 1 >= cap)
				return (size_t)-1;
			out[o++] = ' ';
			space = false;
		}
		if (o + 1 >= cap)
			return (size_t)-1;
		out[o++] = (char)(fold ? nm_tolower(c) : c);
	}
	out[o] = '\0';
	return o;
}

/* Cased and lower-case keys probe different slots. */
static inline uint32_t slot_of(uint32_t h, bool cased)
{
	return h ^ (cased ? 0x9e3779b9u : 0);
}

static void lex_rehash(struct mlex *l)
{
	size_t ns = 64;
	while (ns < l->n * 4 + 4)
		ns *= 2;
	free(l->slots);
	l->slots = nm_xcalloc(ns, sizeof(*l->slots));
	l->nslots = ns;
	for (size_t i = 0; i < l->n; i++) {
		struct mlex_entry *e = &l->entries[i];
		e->len = (uint32_t)strlen(e->key);
		e->hash = mlex_hash(e->key, e->len);
		uint32_t sh = slot_of(e->hash, e->cased);
		size_t h = sh & (ns - 1);
		while (l->slots[h].idx)
			h = (h + 1) & (ns - 1);
		l->slots[h] = (struct mslot){sh, (uint32_t)i + 1};
	}
}

/* The entry for key[0..n) (hash: its mlex_hash); fold compares key lower-cased. */
static inline const struct mlex_entry *lex_probe(const struct mlex *l, const char *key, size_t n,
						 bool cased, uint32_t hash, bool fold)
{
	if (!l->nslots)
		return NULL;
	uint32_t sh = slot_of(hash, cased);
	size_t h = sh & (l->nslots - 1);
	for (; l->slots[h].idx; h = (h + 1) & (l->nslots - 1)) {
		if (l->slots[h].hash != sh)
			continue;
		const struct mlex_entry *e = &l->entries[l->slots[h].idx - 1];
		if (e->hash == hash && e->len == n && e->cased == cased &&
		    (fold ? mlex_eq_fold(e->key, key, n) : !memcmp(e->key, key, n)))
			return e;
	}
	return NULL;
}

static const struct mlex_entry *lex_lookup(const struct mlex *l, const char *key, size_t n,
					   bool cased)
{
	return lex_probe(l, key, n, cased, mlex_hash(key, n), false);
}

const struct mlex_entry *mlex_find_norm(const struct mlex *l, const char *s, size_t n, uint32_t hx,
					uint32_t hl)
{
	const struct mlex_entry *e;
	if (!l)
		return NULL;
	if (l->ncased && (e = lex_probe(l, s, n, true, hx, false)))
		return e;
	if (l->ncased == l->n)
		return NULL;
	return lex_probe(l, s, n, false, hl, true);
}

const struct mlex_entry *mlex_find(const struct mlex *l, const char *s, size_t n)
{
	char key[KEY_MAX];
	size_t k;
	const struct mlex_entry *e;

	if (!l)
		return NULL;
	{
		/* most look-ups are one word: no copy to normalise it */
		uint32_t hx = MLEX_HASH_SEED, hl = MLEX_HASH_SEED;
		size_t i;
		for (i = 0; i < n && !nm_isspace((unsigned char)s[i]); i++) {
			hx = mlex_hash_step(hx, (unsigned char)s[i]);
			hl = mlex_hash_step(hl, (unsigned char)nm_tolower((unsigned char)s[i]));
		}
		if (i == n)
			return n < KEY_MAX ? mlex_find_norm(l, s, n, hx, hl) : NULL;
	}
	if ((k = mlex_norm(s, n, !l->ncased, key, sizeof(key))) == (size_t)-1)
		return NULL;
	if (l->ncased && (e = lex_lookup(l, key, k, true)))
		return e;
	if (l->ncased == l->n)
		return NULL;
	uint32_t hl = MLEX_HASH_SEED;
	for (size_t i = 0; i < k; i++)
		hl = mlex_hash_step(hl, (unsigned char)nm_tolower((unsigned char)key[i]));
	return lex_probe(l, key, k, false, hl, l->ncased != 0);
}

static struct mlex *lex_get(struct nm_mentioner *m, const char *name, size_t *cap)
{
	for (size_t i = 0; i < m->nlists; i++)
		if (!strcmp(m->lists[i].name, name))
			return &m->lists[i];
	if (m->nlists == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		m->lists = nm_xrealloc(m->lists, *cap * sizeof(*m->lists));
	}
	struct mlex *l = &m->lists[m->nlists++];
	memset(l, 0, sizeof(*l));
	l->name = nm_xstrdup(name);
	return l;
}

static const struct mlex *lex_named(const struct nm_mentioner *m, const char *name)
{
	for (size_t i = 0; i < m->nlists; i++)
		if (!strcmp(m->lists[i].name, name))
			return &m->lists[i];
	return NULL;
}

/* ------------------------------------------------------------- helpers */

/* Split "WORD rest" into word and rest (both trimmed). */
static const char *split_word(const char *s, char *word, size_t cap)
{
	size_t n = 0;
	while (*s && !nm_isspace((unsigned char)*s)) {
		if (n + 1 < cap)
			word[n++] = *s;
		s++;
	}
	word[n] = '\0';
	while (nm_isspace((unsigned char)*s))
		s++;
	return s;
}

/* Append a phrase as a literal regex: metacharacters escaped, blanks as \s+. */
static enum nm_code add_literal(struct nm_buf *re, const char *p, size_t n)
{
	enum nm_code rc = NM_OK;
	bool space = false;
	for (size_t i = 0; i < n && !rc; i++) {
		unsigned char c = (unsigned char)p[i];
		if (nm_isspace(c)) {
			space = true;
			continue;
		}
		if (space) {
			rc = nm_buf_addstr(re, "\\s+");
			space = false;
		}
		if (!rc && strchr("\\^$.|?*+()[]{}#-/", c))
			rc = nm_buf_addch(re, '\\');
		if (!rc)
			rc = nm_buf_addch(re, (char)c);
	}
	return rc;
}

static int cmp_len_desc(const void *a, const void *b)
{
	const struct mlex_entry *x = *(const struct mlex_entry *const *)a;
	const struct mlex_entry *y = *(const struct mlex_entry *const *)b;
	size_t lx = strlen(x->key), ly = strlen(y->key);
	return lx < ly ? 1 : lx > ly ? -1 : strcmp(x->key, y->key);
}

/* The define of a word list: (?<name>(?i:...)|(?-i:...)), longest phrase first. */
/* The first character of a phrase: its bytes, and whether it folds case (an ASCII letter
 * of a case-insensitive phrase). */
static size_t first_unit(const struct mlex_entry *e, bool *fold)
{
	unsigned char c = (unsigned char)e->key[0];
	size_t n = 1;
	*fold = !e->cased && nm_isalpha(c);
	if (c >= 0xC0)
		while (n < 4 && ((unsigned char)e->key[n] & 0xC0) == 0x80)
			n++;
	return n;
}

static int cmp_group(const void *a, const void *b)
{
	const struct mlex_entry *x = *(const struct mlex_entry *const *)a;
	const struct mlex_entry *y = *(const struct mlex_entry *const *)b;
	bool fx, fy;
	size_t nx = first_unit(x, &fx), ny = first_unit(y, &fy);
	char kx[6], ky[6];
	memcpy(kx, x->key, nx);
	memcpy(ky, y->key, ny);
	kx[nx] = fx ? 'i' : 'c';
	ky[ny] = fy ? 'i' : 'c';
	if (fx)
		kx[0] = (char)nm_tolower((unsigned char)kx[0]);
	if (fy)
		ky[0] = (char)nm_tolower((unsigned char)ky[0]);
	int c = memcmp(kx, ky, (nx < ny ? nx : ny) + 1);
	if (c || nx != ny)
		return c ? c : (nx < ny ? -1 : 1);
	return cmp_len_desc(a, b);
}

/*
 * The define of a word list. PCRE2 tries the branches of an alternation one by one, so
 * the phrases are grouped by their first character: (?<name>[uU](?:sd|s\$)|€(?:ur|)|...).
 * A failing position then costs one comparison per distinct first character, not one
 * per phrase; within a group the longest phrase comes first.
 */
static enum nm_code lex_body(const struct mlex *l, struct nm_buf *re)
{
	const struct mlex_entry **v = nm_xcalloc(l->n ? l->n : 1, sizeof(*v));
	enum nm_code rc;
	size_t i = 0;

	for (size_t k = 0; k < l->n; k++)
		v[k] = &l->entries[k];
	qsort(v, l->n, sizeof(*v), cmp_group);
	rc = nm_buf_addstr(re, "(?:");
	while (i < l->n && !rc) {
		bool fold, f2;
		size_t fu = first_unit(v[i], &fold), j = i;
		while (j < l->n && first_unit(v[j], &f2) == fu && f2 == fold &&
		       (fold ? nm_tolower((unsigned char)v[j]->key[0]) == nm_tolower((unsigned char)v[i]->key[0])
			     : !memcmp(v[j]->key, v[i]->key, fu)))
			j++;
		if (i)
			rc = nm_buf_addch(re, '|');
		if (!rc && fold)
			rc = nm_buf_printf(re, "[%c%c]", nm_tolower((unsigned char)v[i]->key[0]),
					   nm_toupper((unsigned char)v[i]->key[0]));
		else if (!rc)
			rc = add_literal(re, v[i]->key, fu);
		if (!rc)
			rc = nm_buf_addstr(re, "(?:");
		for (size_t k = i; k < j && !rc; k++) {
			const char *rest = v[k]->key + fu;
			if (k > i)
				rc = nm_buf_addch(re, '|');
			if (!rc && *rest) {
				rc = nm_buf_addstr(re, v[k]->cased ? "(?-i:" : "(?i:");
				if (!rc)
					rc = add_literal(re, rest, strlen(rest));
				if (!rc)
					rc = nm_buf_addch(re, ')');
			}
		}
		if (!rc)
			rc = nm_buf_addch(re, ')');
		i = j;
	}
	if (!rc)
		rc = nm_buf_addstr(re, l->n ? ")" : "(*FAIL))");
	free(v);
	return rc;
}

static enum nm_code lex_define(const struct mlex *l, struct nm_buf *re)
{
	enum nm_code rc = nm_buf_printf(re, "(?<%s>", l->name);
	if (!rc)
		rc = lex_body(l, re);
	if (!rc)
		rc = nm_buf_addch(re, ')');
	return rc;
}

/* ------------------------------------------------------------- assets */


static void forms_rehash(struct nm_mentioner *m)
{
	size_t ns = 256;
	while (ns < m->nforms * 4 + 4)
		ns *= 2;
	free(m->form_slots);
	m->form_slots = nm_xcalloc(ns, sizeof(*m->form_slots));
	m->nform_slots = ns;
	for (size_t i = 0; i < m->nforms; i++) {
		struct mform *f = &m->forms[i];
		f->len = (uint32_t)strlen(f->key);
		f->hash = mlex_hash(f->key, f->len);
		uint32_t sh = slot_of(f->hash, f->cased);
		size_t h = sh & (ns - 1);
		while (m->form_slots[h].idx)
			h = (h + 1) & (ns - 1);
		m->form_slots[h] = (struct mslot){sh, (uint32_t)i + 1};
	}
}

static void add_form(struct nm_mentioner *m, const char *text, size_t n, bool cased,
		     bool is_ticker, unsigned asset)
{
	char key[KEY_MAX];
	size_t k = mlex_norm(text, n, !cased, key, sizeof(key));
	unsigned words = 1;

	if (k == (size_t)-1 || !k)
		return;
	for (size_t i = 0; i < k; i++)
		words += key[i] == ' ';
	for (size_t i = 0; i < m->nforms; i++)
		if (m->forms[i].cased == cased && !strcmp(m->forms[i].key, key))
			return; /* the first asset to claim a form keeps it */
	if (m->nforms == m->capforms) {
		m->capforms = m->capforms ? m->capforms * 2 : 256;
		m->forms = nm_xrealloc(m->forms, m->capforms * sizeof(*m->forms));
	}
	m->forms[m->nforms++] = (struct mform){nm_xstrdup(key), 0, 0, cased, is_ticker, asset, words};
	if (words > m->form_maxwords)
		m->form_maxwords = words;
}

static enum nm_code parse_asset(struct nm_mentioner *m, const struct nm_rule_line *l,
				size_t *cap, struct nm_err *err)
{
	char tick[NM_TICKER_MAX + 2];
	const char *rest = split_word(l->rest, tick, sizeof(tick));
	size_t tl = strlen(tick);
	bool amb = false;
	unsigned idx;

	if (tl && tick[tl - 1] == '?') {
		amb = true;
		tick[--tl] = '\0';
	}
	if (!tl || tl >= NM_TICKER_MAX)
		return nm_rules_error(err, l, "asset: a ticker of 1 to %d capitals or digits comes first",
				      NM_TICKER_MAX - 1);
	for (size_t i = 0; i < tl; i++)
		if (!nm_isupper((unsigned char)tick[i]) && !nm_isdigit((unsigned char)tick[i]))
			return nm_rules_error(err, l, "asset: ticker '%s' must be capitals or digits", tick);
	if (m->nassets == *cap) {
		*cap = *cap ? *cap * 2 : 128;
		m->assets = nm_xrealloc(m->assets, *cap * sizeof(*m->assets));
	}
	idx = (unsigned)m->nassets++;
	memset(&m->assets[idx], 0, sizeof(m->assets[idx]));
	memcpy(m->assets[idx].ticker, tick, tl + 1);
	m->assets[idx].ambiguous = amb;
	add_form(m, tick, tl, true, true, idx);
	while (*rest) {
		const char *bar = strchr(rest, '|');
		size_t n = bar ? (size_t)(bar - rest) : strlen(rest);
		const char *a = rest;
		bool lower = true;
		while (n && nm_isspace((unsigned char)a[0]))
			a++, n--;
		while (n && nm_isspace((unsigned char)a[n - 1]))
			n--;
		for (size_t i = 0; i < n; i++)
			if (nm_isupper((unsigned char)a[i]))
				lower = false;
		if (n) {
			if (lower) {
				add_form(m, a, n, false, false, idx);
			} else {
				char up[KEY_MAX];
				add_form(m, a, n, true, false, idx);
				if (n < sizeof(up)) {
					for (size_t i = 0; i < n; i++)
						up[i] = (char)nm_toupper((unsigned char)a[i]);
					add_form(m, up, n, true, false, idx);
				}
			}
		}
		rest = bar ? bar + 1 : rest + n + strlen(rest + n);
	}
	return NM_OK;
}

/* Each ticker with each quote of list pair_quote glued after it, in capitals ("BTCUSDT",
 * "ETHUSD", "SOLPERP"): a form of the ticker's asset, looked up as any word is. (A form
 * already taken keeps its asset; the forms are hashed again after.) */
static void add_pair_forms(struct nm_mentioner *m)
{
	const struct mlex *q = m->l_pair_quote;
	size_t nassets = m->nassets;
	if (!q)
		return;
	for (size_t a = 0; a < nassets; a++) {
		const char *tick = m->assets[a].ticker;
		size_t tl = strlen(tick);
		for (size_t k = 0; k < q->n; k++) {
			char key[KEY_MAX];
			size_t ql = q->entries[k].len;
			if (tl + ql >= sizeof(key) || !strcmp(tick, q->entries[k].key))
				continue;
			memcpy(key, tick, tl);
			memcpy(key + tl, q->entries[k].key, ql);
			key[tl + ql] = '\0';
			if (mform_find(m, key, tl + ql, true))
				continue;
			if (m->nforms == m->capforms) {
				m->capforms *= 2;
				m->forms = nm_xrealloc(m->forms, m->capforms * sizeof(*m->forms));
			}
			m->forms[m->nforms++] = (struct mform){nm_xstrdup(key), 0, 0, true, false, (unsigned)a, 1};
		}
	}
	forms_rehash(m);
}

/* ------------------------------------------------------------- first words */

/* The leading run of ASCII letters and digits of s, lower-cased, into out[cap]. */
static size_t first_word(const char *s, char *out, size_t cap, bool cased)
{
	size_t n = 0;
	while (nm_isalnum((unsigned char)s[n]) && n + 1 < cap) {
		out[n] = cased ? s[n] : (char)nm_tolower((unsigned char)s[n]);
		n++;
	}
	out[n] = '\0';
	return n;
}

static void next_add(char *next, char c)
{
	size_t n = strlen(next);
	if (strchr(next, '*') || (c && strchr(next, c)))
		return;
	if (!c || n + 1 >= 8)
		c = '*';
	next[n] = c;
	next[n + 1] = '\0';
}

static void first_add(struct nm_mentioner *m, const char *phrase, unsigned mask, bool cased,
		      bool start_always)
{
	char key[64];
	size_t n = first_word(phrase, key, sizeof(key), cased);
	struct mfirst *f = NULL;
	if (!n) {
		unsigned char c = (unsigned char)phrase[0];
		if (!(mask & MF_START))
			return;
		if (c < 0x80) {
			m->start_byte[c] = true;
		} else if (m->nstart_chars < 64) {
			size_t l = 1;
			while (l < 4 && ((unsigned char)phrase[l] & 0xC0) == 0x80)
				l++;
			for (size_t i = 0; i < m->nstart_chars; i++)
				if (!memcmp(m->start_chars[i], phrase, l) && !m->start_chars[i][l])
					return;
			memcpy(m->start_chars[m->nstart_chars], phrase, l);
			m->start_chars[m->nstart_chars++][l] = '\0';
			m->start_byte[c] = true;
		}
		return;
	}
	for (size_t i = 0; i < m->nfirsts && !f; i++)
		if (m->firsts[i].cased == cased && !strcmp(m->firsts[i].key, key))
			f = &m->firsts[i];
	if (!f) {
		if (m->nfirsts == m->capfirsts) {
			m->capfirsts = m->capfirsts ? m->capfirsts * 2 : 256;
			m->firsts = nm_xrealloc(m->firsts, m->capfirsts * sizeof(*m->firsts));
		}
		f = &m->firsts[m->nfirsts++];
		memset(f, 0, sizeof(*f));
		f->key = nm_xstrdup(key);
		f->cased = cased;
		unsigned c0 = (unsigned char)nm_tolower((unsigned char)key[0]);
		unsigned c1 = key[1] ? (unsigned char)nm_tolower((unsigned char)key[1]) : 0;
		m->pairs[(c0 << 8 | c1) >> 3] |= (uint8_t)(1u << (c1 & 7));
	}
	f->mask |= mask;
	{
		/* the most words of a phrase of each kind starting with this word */
		int k = mask & MF_ASSET ? 0 : mask & MF_ROLE ? 1 : mask & MF_MARKET ? 2 : -1;
		unsigned words = 1;
		for (const char *c = phrase; *c; c++)
			words += *c == ' ';
		if (k >= 0 && words > f->maxw[k])
			f->maxw[k] = (uint8_t)(words > 255 ? 255 : words);
	}
	if (mask & MF_START) {
		/* what may follow the first word: "US$" needs "$", "us dollar" a blank */
		char c = phrase[n];
		next_add(f->next[!start_always], c == '\0' ? '*' : nm_isspace((unsigned char)c) ? ' ' : c);
		f->next_any[!start_always] = strchr(f->next[!start_always], '*') != NULL;
	}
}

/*
 * The word lists a start word's VALUE "before:LIST,LIST" names, into lists[] (at most
 * max); returns how many, 0 for any other VALUE (the word starts a pattern whatever
 * follows). A name that is no word list goes into bad (else bad is "").
 */
static size_t before_lists(const struct nm_mentioner *m, const char *value, const struct mlex **lists,
			   size_t max, char bad[64])
{
	static const char prefix[] = "before:";
	size_t n = 0;
	bad[0] = '\0';
	if (strncmp(value, prefix, sizeof(prefix) - 1))
		return 0;
	for (const char *p = value + sizeof(prefix) - 1;; p++) {
		char name[64];
		size_t len = strcspn(p, ",");
		const struct mlex *l = NULL;
		if (len < sizeof(name)) {
			memcpy(name, p, len);
			name[len] = '\0';
			l = lex_named(m, name);
		}
		if (!l) {
			snprintf(bad, 64, "%.*s", (int)len, p);
			return 0;
		}
		if (n < max)
			lists[n++] = l;
		p += len;
		if (!*p)
			return n;
	}
}

/* A start word's "before:" must name word lists (they may come later in the files). */
static enum nm_code check_start_condition(const struct nm_mentioner *m, const struct nm_rule_line *l,
					  struct nm_err *err)
{
	char name[64], value[256], bad[64];
	const struct mlex *lists[8];
	if (strcmp(l->directive, "words") && strcmp(l->directive, "words-cased"))
		return NM_OK;
	split_word(split_word(l->rest, name, sizeof(name)), value, sizeof(value));
	if (!strcmp(name, "start_word") && !before_lists(m, value, lists, 8, bad) && bad[0])
		return nm_rules_error(err, l, "%s: start_word VALUE before:LIST,... names no word list '%s'",
				      l->directive, bad);
	return NM_OK;
}

static void firsts_build(struct nm_mentioner *m)
{
	/* currency names only follow a number, so they never start a pattern */
	static const char *const start_lists[] = {"numword", "currency", "start_word", NULL};
	size_t ns = 256;

	for (size_t i = 0; i < m->nforms; i++) {
		first_add(m, m->forms[i].key, MF_ASSET, m->forms[i].cased, false);
	}
	const struct mlex *followed[8]; /* lists whose first words have MF_FOLLOW already */
	size_t nfollowed = 0;
	for (size_t k = 0; start_lists[k]; k++) {
		const struct mlex *l = lex_named(m, start_lists[k]);
		for (size_t i = 0; l && i < l->n; i++) {
			/* "a" starts a pattern only before "hundred", "dollar", "half"...: the
			 * first words of the lists its VALUE names. A list with a phrase that
			 * starts with no letter or digit cannot be told by the next word's
			 * first-word entry: the word starts a pattern whatever follows then. */
			const struct mlex *lists[8];
			const struct mlex_entry *e = &l->entries[i];
			char bad[64];
			size_t nl = strcmp(l->name, "start_word") ? 0 : before_lists(m, e->value, lists, 8, bad);
			for (size_t c = 0; c < nl; c++)
				for (size_t j = 0; j < lists[c]->n; j++)
					if (!nm_isalnum((unsigned char)lists[c]->entries[j].key[0]))
						nl = 0;
			first_add(m, e->key, MF_START, e->cased, nl == 0);
			for (size_t c = 0; c < nl; c++) {
				size_t f = 0;
				while (f < nfollowed && followed[f] != lists[c])
					f++;
				if (f < nfollowed)
					continue; /* added for an earlier start word ("a", then "an") */
				if (nfollowed < 8)
					followed[nfollowed++] = lists[c];
				for (size_t j = 0; j < lists[c]->n; j++)
					first_add(m, lists[c]->entries[j].key, MF_FOLLOW,
						  lists[c]->entries[j].cased, false);
			}
		}
	}
	for (size_t i = 0; m->l_role && i < m->l_role->n; i++)
		first_add(m, m->l_role->entries[i].key, MF_ROLE, m->l_role->entries[i].cased, false);
	for (size_t i = 0; m->l_market && i < m->l_market->n; i++)
		first_add(m, m->l_market->entries[i].key, MF_MARKET, m->l_market->entries[i].cased, false);
	/* the last words of the phrases read before an amount */
	const struct mlex *before[] = {m->l_qualifier, m->l_range_open, m->l_range_prefix};
	for (int k = 0; k < 3; k++)
		for (size_t i = 0; before[k] && i < before[k]->n; i++) {
			const char *key = before[k]->entries[i].key, *sp = strrchr(key, ' ');
			const char *w = sp ? sp + 1 : key;
			char low[KEY_MAX];
			size_t n = mlex_norm(w, strlen(w), true, low, sizeof(low));
			if (n == (size_t)-1 || lex_lookup(&m->lastwords, low, n, false))
				continue;
			if (m->lastwords.n == m->lastwords.cap) {
				m->lastwords.cap = m->lastwords.cap ? m->lastwords.cap * 2 : 64;
				m->lastwords.entries = nm_xrealloc(m->lastwords.entries,
								   m->lastwords.cap * sizeof(struct mlex_entry));
			}
			m->lastwords.entries[m->lastwords.n++] =
				(struct mlex_entry){nm_xstrdup(low), nm_xstrdup("1"), 1, false, 0, 0};
			lex_rehash(&m->lastwords);
		}
	m->lastwords.maxwords = 1;
	for (size_t i = 0; m->l_range_after && i < m->l_range_after->n; i++) {
		const char *key = m->l_range_after->entries[i].key, *sp = strchr(key, ' ');
		char low[KEY_MAX];
		size_t n = mlex_norm(key, sp ? (size_t)(sp - key) : strlen(key), true, low, sizeof(low));
		struct mlex *af = &m->after_first;
		if (n == (size_t)-1 || lex_lookup(af, low, n, false))
			continue;
		if (af->n == af->cap) {
			af->cap = af->cap ? af->cap * 2 : 16;
			af->entries = nm_xrealloc(af->entries, af->cap * sizeof(struct mlex_entry));
		}
		af->entries[af->n++] = (struct mlex_entry){nm_xstrdup(low), nm_xstrdup("1"), 1, false, 0, 0};
		lex_rehash(af);
	}
	for (int k = 0; k < 3; k++)
		for (size_t i = 0; before[k] && i < before[k]->n; i++) {
			const char *key = before[k]->entries[i].key, *sp = strrchr(key, ' ');
			const char *w = sp ? sp + 1 : key;
			char low[KEY_MAX];
			size_t n = mlex_norm(w, strlen(w), true, low, sizeof(low)), words = 1;
			struct mlex *lw = &m->lastw[k];
			struct mlex_entry *e;
			for (const char *c = key; *c; c++)
				words += *c == ' ';
			if (n == (size_t)-1)
				continue;
			if ((e = (struct mlex_entry *)lex_lookup(lw, low, n, false))) {
				if ((double)words > e->num)
					e->num = (double)words;
				continue;
			}
			if (lw->n == lw->cap) {
				lw->cap = lw->cap ? lw->cap * 2 : 64;
				lw->entries = nm_xrealloc(lw->entries, lw->cap * sizeof(struct mlex_entry));
			}
			lw->entries[lw->n++] =
				(struct mlex_entry){nm_xstrdup(low), nm_xstrdup("1"), (double)words, false, 0, 0};
			lex_rehash(lw);
		}
	for (int c = '0'; c <= '9'; c++)
		m->start_byte[c] = true;
	m->start_byte['-'] = m->start_byte['+'] = m->start_byte['.'] = true;
	/* U+2212 MINUS SIGN */
	if (m->nstart_chars < 64) {
		memcpy(m->start_chars[m->nstart_chars++], "\xe2\x88\x92", 4);
		m->start_byte[0xE2] = true;
	}
	m->start_pair_ok = true;
	for (size_t k = 0; k < m->nstart_chars; k++) {
		unsigned c0 = (unsigned char)m->start_chars[k][0], c1 = (unsigned char)m->start_chars[k][1];
		if (!c1)
			m->start_pair_ok = false;
		m->start_pair[(c0 << 8 | c1) >> 3] |= (uint8_t)(1u << (c1 & 7));
	}
	m->prefilter = lex_named(m, "start_word") != NULL;
	for (int c = 0; c < 256; c++)
		m->wordlow[c] = nm_isalnum(c) ? (uint8_t)nm_tolower(c) : 0;
	while (ns < m->nfirsts * 4 + 4)
		ns *= 2;
	m->first_slots = nm_xcalloc(ns, sizeof(*m->first_slots));
	m->nfirst_slots = ns;
	for (size_t i = 0; i < m->nfirsts; i++) {
		/* cased keys too by their lower-case form: one probe finds both kinds */
		struct mfirst *f = &m->firsts[i];
		f->len = (uint32_t)strlen(f->key);
		f->hash = MLEX_HASH_SEED;
		for (size_t k = 0; k < f->len; k++)
			f->hash = mlex_hash_step(f->hash, (unsigned char)nm_tolower((unsigned char)f->key[k]));
		size_t h = f->hash & (ns - 1);
		while (m->first_slots[h].idx)
			h = (h + 1) & (ns - 1);
		m->first_slots[h] = (struct mslot){f->hash, (uint32_t)i + 1};
		m->first_bloom[(f->hash >> 16) >> 6] |= (uint64_t)1 << ((f->hash >> 16) & 63);
	}
}

unsigned mfirst_mask_h(const struct nm_mentioner *m, const char *s, size_t n, uint32_t hl,
		       unsigned maxw[3])
{
	unsigned mask = 0;
	if (!m->nfirst_slots || !n || n >= 64 || !mfirst_maybe(m, hl))
		return 0;
	if (!mfirst_pair(m, s, n)) /* most words start with a pair no phrase starts with */
		return 0;
	/* one probe finds both kinds: cased keys sit at the hash of their lower-case form */
	size_t h = hl & (m->nfirst_slots - 1);
	for (; m->first_slots[h].idx; h = (h + 1) & (m->nfirst_slots - 1)) {
		if (m->first_slots[h].hash != hl)
			continue;
		const struct mfirst *f = &m->firsts[m->first_slots[h].idx - 1];
		if (f->len != n)
			continue;
		size_t k = 0;
		if (f->cased)
			while (k < n && f->key[k] == s[k])
				k++;
		else
			while (k < n && f->key[k] == (char)nm_tolower((unsigned char)s[k]))
				k++;
		if (k < n)
			continue;
		mask |= f->mask & ~MF_START;
		for (int w = 0; maxw && w < 3; w++)
			if (f->maxw[w] > maxw[w])
				maxw[w] = f->maxw[w];
		if (f->mask & MF_START) {
			/* the byte after the word (s[n], readable) must be one that may follow */
			char next = nm_isspace((unsigned char)s[n]) ? ' ' : s[n];
			for (int c = 0; c < 2; c++)
				if (f->next_any[c] || (next && strchr(f->next[c], next)))
					mask |= c ? MF_START_IF : MF_START;
		}
	}
	return mask;
}

unsigned mfirst_mask(const struct nm_mentioner *m, const char *s, size_t n)
{
	uint32_t hl = MLEX_HASH_SEED;
	for (size_t i = 0; i < n; i++)
		hl = mlex_hash_step(hl, (unsigned char)nm_tolower((unsigned char)s[i]));
	return mfirst_mask_h(m, s, n, hl, NULL);
}

/* ------------------------------------------------------------- compile */

/* Where each rule line's text sits in the combined pattern, for error messages. */
struct segment {
	size_t at, len;                  /* bytes: where the user's regex sits */
	const struct nm_rule_line *line;
	bool pattern;                    /* in the pattern buffer, else in the defines */
};

struct build {
	struct nm_buf defs;
	struct nm_buf pats;
	struct segment *segs;
	size_t nsegs, capsegs;
	size_t npat;
};

static void seg_add(struct build *b, size_t at, size_t len, const struct nm_rule_line *l,
		    bool pattern)
{
	if (b->nsegs == b->capsegs) {
		b->capsegs = b->capsegs ? b->capsegs * 2 : 64;
		b->segs = nm_xrealloc(b->segs, b->capsegs * sizeof(*b->segs));
	}
	b->segs[b->nsegs++] = (struct segment){at, len, l, pattern};
}

static enum nm_code parse_words(struct nm_mentioner *m, const struct nm_rule_line *l,
				bool cased, size_t *cap, struct nm_err *err)
{
	char name[64], value[64];
	const char *rest = split_word(l->rest, name, sizeof(name));
	struct mlex *lex;

	if (!nm_rules_valid_name(name, strlen(name)))
		return nm_rules_error(err, l, "%s: list name '%s' must be [a-z_][a-z0-9_]*", l->directive,
				      name);
	for (int g = 0; g < MG__N; g++)
		if (!strcmp(name, group_names[g]))
			return nm_rules_error(err, l, "%s: '%s' is a reserved group name", l->directive, name);
	rest = split_word(rest, value, sizeof(value));
	if (!value[0] || !*rest)
		return nm_rules_error(err, l, "%s: want LIST VALUE PHRASE | PHRASE ...", l->directive);
	double coin_factor = NAN;
	if (!strcmp(name, "currency_coin")) {
		/* CODE*FACTOR: the code fits a mention's currency, the factor (kept as the
		 * entries' num) is positive */
		const char *x = strchr(value, '*');
		char *end = NULL;
		double f = coin_factor = x ? strtod(x + 1, &end) : NAN;
		if (!x || x == value || (size_t)(x - value) >= NM_CURRENCY_MAX || end == x + 1 ||
		    *end || !(f > 0) || !isfinite(f))
			return nm_rules_error(err, l, "%s: currency_coin wants VALUE CODE*FACTOR "
					      "(a code of 1 to %d bytes, a positive factor), not '%s'",
					      l->directive, NM_CURRENCY_MAX - 1, value);
	}
	lex = lex_get(m, name, cap);
	while (*rest) {
		const char *bar = strchr(rest, '|');
		size_t n = bar ? (size_t)(bar - rest) : strlen(rest);
		char key[KEY_MAX];
		size_t k = mlex_norm(rest, n, !cased, key, sizeof(key));
		if (k == (size_t)-1)
			return nm_rules_error(err, l, "%s: phrase longer than %d bytes", l->directive, KEY_MAX - 1);
		if (k && !lex_lookup(lex, key, k, cased)) {
			char *end;
			unsigned words = 1;
			if (lex->n == lex->cap) {
				lex->cap = lex->cap ? lex->cap * 2 : 16;
				lex->entries = nm_xrealloc(lex->entries, lex->cap * sizeof(*lex->entries));
			}
			struct mlex_entry *e = &lex->entries[lex->n++];
			e->key = nm_xstrdup(key);
			e->value = nm_xstrdup(value);
			e->num = strtod(value, &end);
			if (*end || end == value)
				e->num = NAN;
			if (!isnan(coin_factor))
				e->num = coin_factor;
			e->cased = cased;
			lex->ncased += cased;
			for (size_t i = 0; i < k; i++)
				words += key[i] == ' ';
			if (words > lex->maxwords)
				lex->maxwords = words;
			lex_rehash(lex);
		}
		rest = bar ? bar + 1 : rest + n;
	}
	return NM_OK;
}

/* The combined pattern did not compile: find the first rule line that fails on its own
 * (with the lists and the defines before it) and report PCRE2's message there. */
static enum nm_code compile_error(const struct build *b, const char *lists, size_t nlists, int code,
				  size_t off, struct nm_err *err)
{
	PCRE2_UCHAR msg[256];
	struct nm_buf t = NM_BUF_INIT(RE_MAX * 2);

	for (size_t i = 0; i < b->nsegs; i++) {
		const struct segment *sg = &b->segs[i];
		size_t defs_end = sg->pattern ? b->defs.len : sg->at + sg->len + 1;
		size_t prefix_len;
		int ecode;
		PCRE2_SIZE eoff;
		pcre2_code *re;
		nm_buf_reset(&t);
		if (nm_buf_addstr(&t, "(?(DEFINE)") || nm_buf_add(&t, lists, nlists) ||
		    nm_buf_add(&t, b->defs.data ? b->defs.data : "", defs_end) || nm_buf_addch(&t, ')'))
			break;
		prefix_len = t.len;
		if (sg->pattern && (nm_buf_addstr(&t, "(?:") ||
				    nm_buf_add(&t, b->pats.data + sg->at, sg->len) || nm_buf_addch(&t, ')')))
			break;
		re = pcre2_compile((PCRE2_SPTR)t.data, t.len, PCRE2_UTF | PCRE2_DUPNAMES, &ecode, &eoff,
				   NULL);
		if (re) {
			pcre2_code_free(re);
			continue;
		}
		pcre2_get_error_message(ecode, msg, sizeof(msg));
		size_t start = sg->pattern ? prefix_len + 3 : prefix_len - 1 - (defs_end - sg->at);
		size_t rel = eoff > start ? eoff - start : 0;
		if (rel > sg->len)
			rel = sg->len;
		nm_buf_release(&t);
		return nm_rules_error(err, sg->line, "%s: %s at offset %zu", sg->line->directive,
				      (const char *)msg, rel);
	}
	nm_buf_release(&t);
	pcre2_get_error_message(code, msg, sizeof(msg));
	return nm_err_set(err, NM_ECONFIG, "mention rules: %s at offset %zu of the combined pattern",
			  (const char *)msg, off);
}

static enum nm_code find_groups(const pcre2_code *re, uint32_t groups[MG__N][MG_MAXDUP])
{
	uint32_t count, size;
	PCRE2_SPTR table;

	pcre2_pattern_info(re, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(re, PCRE2_INFO_NAMEENTRYSIZE, &size);
	pcre2_pattern_info(re, PCRE2_INFO_NAMETABLE, &table);
	for (uint32_t i = 0; i < count; i++) {
		PCRE2_SPTR e = table + (size_t)i * size;
		uint32_t num = ((uint32_t)e[0] << 8) | e[1];
		for (int g = 0; g < MG__N; g++) {
			if (strcmp((const char *)e + 2, group_names[g]))
				continue;
			for (int k = 0; k < MG_MAXDUP; k++) {
				if (!groups[g][k]) {
					groups[g][k] = num;
					break;
				}
				if (k == MG_MAXDUP - 1)
					return NM_ECONFIG;
			}
		}
	}
	return NM_OK;
}

static size_t jit_size(const pcre2_code *re)
{
	size_t n = 0;
	if (pcre2_pattern_info(re, PCRE2_INFO_JITSIZE, &n) != 0)
		return 0;
	return n;
}

/* The bytes pattern p (alone) may start a match with; false when PCRE2 cannot say. */
static bool start_bytes(const char *p, size_t n, bool set[256])
{
	int ecode;
	PCRE2_SIZE eoff;
	uint32_t type = 0, unit = 0;
	const uint8_t *bits = NULL;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)p, n, PCRE2_UTF | PCRE2_DUPNAMES, &ecode, &eoff, NULL);
	bool ok = false;

	memset(set, 0, 256);
	if (!re)
		return false; /* e.g. a numbered reference to another pattern's group */
	pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type);
	if (type == 1) {
		pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT, &unit);
		if (unit < 256) {
			set[unit] = true;
			if (nm_isalpha((int)unit)) /* it may be caseless */
				set[nm_tolower((int)unit)] = set[nm_toupper((int)unit)] = true;
			ok = true;
		}
	} else if (type == 0 && pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &bits) == 0 && bits) {
		for (int c = 0; c < 256; c++)
			set[c] = (bits[c / 8] >> (c % 8)) & 1;
		ok = true;
	}
	pcre2_code_free(re);
	return ok;
}

/* Does the pattern refer to a group by number (\1, \g, (?1), (?-1), (?R), (?(1)...))?
 * Numbers count the groups of the whole alternation, so a subset would renumber them. */
static bool numbered_refs(const char *x, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (x[i] == '\\' && i + 1 < n) {
			if ((x[i + 1] >= '1' && x[i + 1] <= '9') || x[i + 1] == 'g')
				return true;
			i++;
			continue;
		}
		if (x[i] != '(' || i + 2 >= n || x[i + 1] != '?')
			continue;
		char c = x[i + 2], d = i + 3 < n ? x[i + 3] : '\0';
		if (nm_isdigit((unsigned char)c) || c == 'R' ||
		    ((c == '+' || c == '-' || c == '(') && nm_isdigit((unsigned char)d)))
			return true;
	}
	return false;
}

/* The alternation of the patterns that may start with byte c (may[p * 256 + c]), in
 * their order, into sb; false when it does not compile on its own. */
static bool sub_compile(const char *ex, const size_t *alt_at, size_t npat, const uint8_t *may,
			int c, struct nm_buf *re, struct msub *sb)
{
	enum nm_code rc = NM_OK;
	int ecode;
	PCRE2_SIZE eoff;

	nm_buf_reset(re);
	for (size_t p = 0, j = 0; p < npat && !rc; p++) {
		if (!may[p * 256 + (size_t)c])
			continue;
		if (j++)
			rc = nm_buf_addch(re, '|');
		if (!rc)
			rc = nm_buf_add(re, ex + alt_at[2 * p], alt_at[2 * p + 1] - alt_at[2 * p]);
	}
	if (rc)
		return false;
	memset(sb, 0, sizeof(*sb));
	sb->re = pcre2_compile((PCRE2_SPTR)re->data, re->len,
			       PCRE2_UTF | PCRE2_DUPNAMES | PCRE2_ANCHORED | PCRE2_NO_START_OPTIMIZE,
			       &ecode, &eoff, NULL);
	if (!sb->re)
		return false;
	if (find_groups(sb->re, sb->groups)) {
		pcre2_code_free(sb->re);
		memset(sb, 0, sizeof(*sb));
		return false;
	}
	sb->owned = true;
	if (pcre2_jit_compile(sb->re, PCRE2_JIT_COMPLETE) != 0)
		nm_log(NM_LOG_DEBUG, "mention rules: JIT not available, matching interpreted");
	sb->jit = jit_size(sb->re) > 0;
	return true;
}

/* The bytes each pattern may start with (sets[p * 256 + c]); all of them when PCRE2
 * cannot say. */
static void start_sets(const char *ex, const size_t *alt_at, size_t npat, bool *sets)
{
	bool renumber = npat && numbered_refs(ex, alt_at[2 * npat - 1]);
	for (size_t p = 0; p < npat; p++)
		if (renumber || !start_bytes(ex + alt_at[2 * p], alt_at[2 * p + 1] - alt_at[2 * p],
					     sets + p * 256))
			memset(sets + p * 256, 1, 256);
}

/* Does x[0..n) hold a backtracking verb that acts beyond its own branch ((*COMMIT),
 * (*PRUNE), (*SKIP), (*THEN), (*ACCEPT))? A guard could not skip such a pattern. */
static bool has_verb(const char *x, size_t n)
{
	static const char *const verbs[] = {"(*COMMIT", "(*PRUNE", "(*SKIP", "(*THEN", "(*ACCEPT",
					    NULL};
	for (size_t i = 0; i + 2 < n; i++) {
		if (x[i] == '\\') {
			i++;
			continue;
		}
		if (x[i] != '(' || x[i + 1] != '*')
			continue;
		for (int k = 0; verbs[k]; k++)
			if (n - i >= strlen(verbs[k]) && !memcmp(x + i, verbs[k], strlen(verbs[k])))
				return true;
	}
	return false;
}

/* A class of the characters whose UTF-8 form starts with a byte of set, into re: ASCII
 * bytes as themselves, a lead byte as the range of code points it starts. */
static enum nm_code start_class(const bool set[256], struct nm_buf *re)
{
	enum nm_code rc = nm_buf_addch(re, '[');
	for (int c = 0; c < 0x80 && !rc; c++)
		if (set[c])
			rc = nm_buf_printf(re, "\\x{%x}", (unsigned)c);
	for (int c = 0xC2; c <= 0xF4 && !rc; c++) {
		unsigned long lo, hi;
		if (!set[c])
			continue;
		if (c < 0xE0) {
			lo = (unsigned long)(c & 0x1F) << 6;
			hi = lo + 0x3F;
		} else if (c < 0xF0) {
			lo = (unsigned long)(c & 0x0F) << 12;
			hi = lo + 0xFFF;
			if (lo < 0x800)
				lo = 0x800;
			if (c == 0xED)
				hi = 0xD7FF; /* no surrogates */
		} else {
			lo = (unsigned long)(c & 0x07) << 18;
			hi = lo + 0x3FFFF;
			if (lo < 0x10000)
				lo = 0x10000;
			if (hi > 0x10FFFF)
				hi = 0x10FFFF;
		}
		rc = nm_buf_printf(re, "\\x{%lx}-\\x{%lx}", lo, hi);
	}
	return rc ? rc : nm_buf_addch(re, ']');
}

/*
 * The alternation with each pattern behind a guard, a look-ahead for the bytes it may
 * start with: (?=[...])(?:pattern)(*MARK:n)|... A pattern that cannot start with the
 * byte at hand cannot match there, so skipping it changes nothing, but the guard fails
 * in a few instructions where the pattern would run its look-behinds and alternations
 * first: the whole alternation serves all letters (and bytes from 0x80 up), and most of
 * its patterns start with few of them. Patterns that may start with any byte, or hold
 * a verb, go unguarded.
 */
static enum nm_code guarded(const char *ex, const size_t *alt_at, size_t npat, const bool *sets,
			    struct nm_buf *out)
{
	enum nm_code rc = NM_OK;
	for (size_t p = 0; p < npat && !rc; p++) {
		const bool *set = sets + p * 256;
		const char *x = ex + alt_at[2 * p];
		size_t n = alt_at[2 * p + 1] - alt_at[2 * p], k;
		for (k = 0; k < 256 && set[k]; k++)
			;
		if (p)
			rc = nm_buf_addch(out, '|');
		if (!rc && k < 256 && !has_verb(x, n)) {
			rc = nm_buf_addstr(out, "(?=");
			if (!rc)
				rc = start_class(set, out);
			if (!rc)
				rc = nm_buf_addch(out, ')');
		}
		if (!rc)
			rc = nm_buf_add(out, x, n);
	}
	if (!rc && !npat)
		rc = nm_buf_addstr(out, "(*FAIL)");
	return rc;
}

/*
 * One anchored alternation per set of patterns that may start with a byte. PCRE2 tries
 * the branches of an alternation in turn, so an attempt at "$" used to run every
 * number pattern first; the patterns that cannot start with the byte cannot match
 * there, so leaving them out changes no result. Bytes from 0x80 up (UTF-8 lead bytes,
 * whose characters may fold case to other lead bytes) keep the whole alternation.
 */
static enum nm_code build_subs(struct nm_mentioner *m, const char *ex, const size_t *alt_at,
			       size_t npat, const bool *sets, struct nm_err *err)
{
	uint8_t *may = nm_xcalloc(npat ? npat : 1, 256); /* may[p * 256 + c] */
	struct nm_buf re = NM_BUF_INIT(RE_MAX);
	enum nm_code rc = NM_OK;
	int all = -1;

	memset(m->sub_of, MSUB_NONE, sizeof(m->sub_of));
	m->subs = nm_xcalloc(129, sizeof(*m->subs));
	for (size_t p = 0; p < npat; p++) {
		const bool *set = sets + p * 256;
		/* letters share one set (the union), and digits: one alternation to compile
		 * for all of them instead of one per letter, at the price of a few quick
		 * failures */
		bool letter = false, digit = false;
		for (int c = 0; c < 256; c++) {
			letter |= nm_isalpha(c) && set[c];
			digit |= nm_isdigit(c) && set[c];
		}
		for (int c = 0; c < 256; c++)
			may[p * 256 + (size_t)c] = set[c] || (letter && nm_isalpha(c)) ||
						   (digit && nm_isdigit(c));
	}
	for (int c = 0; c < 256 && !rc; c++) {
		size_t k, nin = 0;
		size_t bytes = 0, total = 0; /* of pattern text: in the set, in all */
		for (size_t p = 0; p < npat; p++) {
			bool in = may[p * 256 + (size_t)c] || c >= 0x80;
			nin += in;
			bytes += in ? alt_at[2 * p + 1] - alt_at[2 * p] : 0;
			total += alt_at[2 * p + 1] - alt_at[2 * p];
		}
		if (!nin)
			continue;
		/* nearly all of it (letters: every pattern but the short digit-led ones): the
		 * whole alternation, rather than JIT-compile another copy */
		bool whole = nin == npat || bytes * 10 >= total * 9;
		if (!whole) {
			/* the same set as an earlier byte? */
			for (k = 0; k < (size_t)c; k++) {
				size_t p;
				if (m->sub_of[k] == MSUB_NONE || (int)m->sub_of[k] == all || k >= 0x80)
					continue;
				for (p = 0; p < npat && may[p * 256 + k] == may[p * 256 + (size_t)c]; p++)
					;
				if (p == npat)
					break;
			}
			if (k < (size_t)c) {
				m->sub_of[c] = m->sub_of[k];
				continue;
			}
			struct msub *sb = &m->subs[m->nsubs];
			if (sub_compile(ex, alt_at, npat, may, c, &re, sb)) {
				m->sub_of[c] = (uint8_t)m->nsubs++;
				continue;
			}
			/* e.g. a numbered reference into a pattern left out: the whole set */
		}
		if (all < 0) {
			all = (int)m->nsubs++;
			m->subs[all].re = m->re_anchored;
			m->subs[all].jit = jit_size(m->re_anchored) > 0;
			memcpy(m->subs[all].groups, m->groups, sizeof(m->groups));
		}
		m->sub_of[c] = (uint8_t)all;
	}
	nm_buf_release(&re);
	free(may);
	return rc;
}

static enum nm_code compile_all(struct nm_mentioner *m, struct build *b, struct nm_err *err)
{
	struct nm_buf re = NM_BUF_INIT(RE_MAX), ex = NM_BUF_INIT(RE_MAX), exg = NM_BUF_INIT(RE_MAX);
	bool *sets = NULL; /* sets[p * 256 + c]: pattern p may start with byte c */
	struct nm_rule_macro *mac = NULL;
	size_t nmac = 0, npat = 0;
	size_t *alt_at = nm_xcalloc(b->nsegs + 1, 2 * sizeof(size_t)); /* [start, end) in ex */
	int ecode;
	PCRE2_SIZE eoff;
	size_t lists_len;
	enum nm_code rc;
	pcre2_code *check;

	/* 1. the (?(DEFINE)...) form: validation and error positions */
	if ((rc = nm_buf_addstr(&re, "(?(DEFINE)")))
		goto fail;
	for (size_t i = 0; i < m->nlists && !rc; i++)
		rc = lex_define(&m->lists[i], &re);
	if (rc)
		goto fail;
	lists_len = re.len - 10;
	if ((rc = nm_buf_add(&re, b->defs.data ? b->defs.data : "", b->defs.len)) ||
	    (rc = nm_buf_addstr(&re, ")(?:")))
		goto fail;
	if ((rc = nm_buf_add(&re, b->pats.data ? b->pats.data : "", b->pats.len)) ||
	    (rc = nm_buf_addstr(&re, b->npat ? ")" : "(*FAIL))")))
		goto fail;
	check = pcre2_compile((PCRE2_SPTR)re.data, re.len, PCRE2_UTF | PCRE2_DUPNAMES, &ecode, &eoff,
			      NULL);
	if (!check) {
		rc = compile_error(b, re.data + 10, lists_len, ecode, eoff, err);
		goto fail;
	}
	pcre2_code_free(check);

	/* 2. the expanded form that runs: each (?&NAME) in place (nm_rules_expand) */
	mac = nm_xcalloc(m->nlists + b->nsegs + 1, sizeof(*mac));
	for (size_t i = 0; i < m->nlists && !rc; i++) {
		snprintf(mac[nmac].name, sizeof(mac[nmac].name), "%s", m->lists[i].name);
		nm_buf_init(&mac[nmac].body, RE_MAX);
		rc = lex_body(&m->lists[i], &mac[nmac++].body);
	}
	for (size_t i = 0; i < b->nsegs && !rc; i++) {
		const struct segment *sg = &b->segs[i];
		if (sg->pattern) {
			if (!(rc = nm_buf_addstr(&ex, npat ? "|" : "")))
				alt_at[2 * npat] = ex.len;
			if (!rc && !(rc = nm_buf_addstr(&ex, "(?:")) &&
			    !(rc = nm_rules_expand(mac, nmac, b->pats.data + sg->at, sg->len, &ex)))
				rc = nm_buf_printf(&ex, ")(*MARK:%zu)", npat);
			alt_at[2 * npat + 1] = ex.len;
			npat++;
		} else {
			char name[64];
			split_word(sg->line->rest, name, sizeof(name));
			snprintf(mac[nmac].name, sizeof(mac[nmac].name), "%s", name);
			nm_buf_init(&mac[nmac].body, RE_MAX);
			rc = nm_rules_expand(mac, nmac, b->defs.data + sg->at, sg->len, &mac[nmac].body);
			nmac++;
		}
	}
	if (!rc && !npat)
		rc = nm_buf_addstr(&ex, "(*FAIL)");
	if (rc) {
		rc = nm_err_set(err, NM_ECONFIG, "mention rules: patterns over %zu bytes once expanded",
				RE_MAX);
		goto fail;
	}
	sets = nm_xcalloc(npat ? npat : 1, 256);
	start_sets(ex.data, alt_at, npat, sets);
	/* the whole alternation with guards (see guarded()); as it is when that does not
	 * compile (PCRE2's 64 KB), which also reports the rules' own errors */
	for (int g = guarded(ex.data, alt_at, npat, sets, &exg) ? 1 : 0; g < 2; g++) {
		const struct nm_buf *w = g ? &ex : &exg;
		m->re = pcre2_compile((PCRE2_SPTR)w->data, w->len, PCRE2_UTF | PCRE2_DUPNAMES, &ecode,
				      &eoff, NULL);
		m->re_anchored = pcre2_compile((PCRE2_SPTR)w->data, w->len,
					       PCRE2_UTF | PCRE2_DUPNAMES | PCRE2_ANCHORED |
						       PCRE2_NO_START_OPTIMIZE,
					       &ecode, &eoff, NULL);
		if (m->re && m->re_anchored)
			break;
		pcre2_code_free(m->re);
		pcre2_code_free(m->re_anchored);
		m->re = m->re_anchored = NULL;
		if (!g)
			nm_log(NM_LOG_DEBUG, "mention rules: no room for start guards");
	}
	if (!m->re || !m->re_anchored) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ecode, msg, sizeof(msg));
		rc = nm_err_set(err, NM_ECONFIG, "mention rules: %s once expanded", (const char *)msg);
		goto fail;
	}
	/* the unanchored form runs only without start_word (no prefilter) */
	if ((!lex_named(m, "start_word") && pcre2_jit_compile(m->re, PCRE2_JIT_COMPLETE) != 0) ||
	    pcre2_jit_compile(m->re_anchored, PCRE2_JIT_COMPLETE) != 0)
		nm_log(NM_LOG_DEBUG, "mention rules: JIT not available, matching interpreted");
	if (find_groups(m->re, m->groups)) {
		rc = nm_err_set(err, NM_ECONFIG, "mention rules: a group name is used more than %d times",
				MG_MAXDUP);
		goto fail;
	}
	{
		uint32_t cap;
		pcre2_pattern_info(m->re, PCRE2_INFO_CAPTURECOUNT, &cap);
		m->ovec_pairs = cap + 1;
	}
	rc = build_subs(m, ex.data, alt_at, npat, sets, err);
fail:
	free(sets);
	nm_buf_release(&exg);
	free(alt_at);
	for (size_t i = 0; i < nmac; i++)
		nm_buf_release(&mac[i].body);
	free(mac);
	nm_buf_release(&ex);
	nm_buf_release(&re);
	return rc;
}

enum nm_code nm_mentioner_new(const struct nm_rules *rules, struct nm_mentioner **out,
			      struct nm_err *err)
{
	struct nm_mentioner *m = nm_xcalloc(1, sizeof(*m));
	struct build b = {NM_BUF_INIT(RE_MAX), NM_BUF_INIT(RE_MAX), NULL, 0, 0, 0};
	size_t caplists = 0, capassets = 0, cappat = 0;
	enum nm_code rc = NM_OK;

	for (size_t i = 0; i < nm_rules_count(rules) && !rc; i++) {
		const struct nm_rule_line *l = nm_rules_line(rules, i);
		const char *d = l->directive;
		if (!strcmp(d, "define")) {
			char name[64];
			const char *rx = split_word(l->rest, name, sizeof(name));
			if (!nm_rules_valid_name(name, strlen(name)) || !*rx) {
				rc = nm_rules_error(err, l, "define: want NAME REGEX with NAME [a-z_][a-z0-9_]*");
				break;
			}
			for (int g = 0; g < MG__N && !rc; g++)
				if (!strcmp(name, group_names[g]))
					rc = nm_rules_error(err, l, "define: '%s' is a reserved group name", name);
			if (!rc && !(rc = nm_buf_printf(&b.defs, "(?<%s>", name))) {
				size_t at = b.defs.len;
				if (!(rc = nm_buf_addstr(&b.defs, rx)) && !(rc = nm_buf_addch(&b.defs, ')')))
					seg_add(&b, at, strlen(rx), l, false);
			}
		} else if (!strcmp(d, "words") || !strcmp(d, "words-cased")) {
			rc = parse_words(m, l, d[5] == '-', &caplists, err);
		} else if (!strcmp(d, "asset")) {
			rc = parse_asset(m, l, &capassets, err);
		} else if (!strcmp(d, "pattern")) {
			char kind[32];
			const char *rx = split_word(l->rest, kind, sizeof(kind));
			int k = -1;
			for (int j = 0; j < MK__N; j++)
				if (!strcmp(kind, kind_names[j]))
					k = j;
			if (k < 0 || !*rx) {
				rc = nm_rules_error(err, l, "pattern: want KIND REGEX, KIND one of skip, percent, "
							"duration, money, number, quantity");
				break;
			}
			if (m->npatterns == cappat) {
				cappat = cappat ? cappat * 2 : 32;
				m->pattern_kind = nm_xrealloc(m->pattern_kind, cappat * sizeof(*m->pattern_kind));
			}
			m->pattern_kind[m->npatterns] = (enum mkind)k;
			if (!(rc = nm_buf_addstr(&b.pats, m->npatterns ? "|(?:" : "(?:"))) {
				size_t at = b.pats.len;
				if (!(rc = nm_buf_addstr(&b.pats, rx)) &&
				    !(rc = nm_buf_printf(&b.pats, ")(*MARK:%zu)", m->npatterns)))
					seg_add(&b, at, strlen(rx), l, true);
			}
			m->npatterns++;
			b.npat++;
		}
		/* Other directives belong to other stages (events: classify/). */
		if (rc == NM_ETOOBIG)
			rc = nm_rules_error(err, l, "mention rules over %zu bytes", RE_MAX);
	}
	if (!rc)
		rc = compile_all(m, &b, err);
	for (size_t i = 0; i < nm_rules_count(rules) && !rc; i++)
		rc = check_start_condition(m, nm_rules_line(rules, i), err);
	if (!rc) {
		forms_rehash(m);
		m->l_currency = lex_named(m, "currency");
		m->l_currency_name = lex_named(m, "currency_name");
		m->l_currency_coin = lex_named(m, "currency_coin");
		m->l_magnitude = lex_named(m, "magnitude");
		m->l_magnitude_cased = lex_named(m, "magnitude_cased");
		m->l_numword = lex_named(m, "numword");
		m->l_duration = lex_named(m, "duration_unit");
		m->l_qualifier = lex_named(m, "qualifier");
		m->l_range_open = lex_named(m, "range_open");
		m->l_range_prefix = lex_named(m, "range_prefix");
		m->l_range_sep = lex_named(m, "range_sep");
		m->l_range_after = lex_named(m, "range_after");
		m->l_role = lex_named(m, "role");
		m->l_price_role = lex_named(m, "price_role");
		m->l_asset_cue = lex_named(m, "asset_cue");
		m->l_market = lex_named(m, "market");
		m->l_move_verb = lex_named(m, "move_verb");
		m->l_move_particle = lex_named(m, "move_particle");
		m->l_move_aside = lex_named(m, "move_aside");
		m->l_move_to = lex_named(m, "move_to");
		m->l_move_aux = lex_named(m, "move_aux");
		m->l_move_cause = lex_named(m, "move_cause");
		m->l_move_noun = lex_named(m, "move_noun");
		m->l_move_reach = lex_named(m, "move_reach");
		m->l_move_level = lex_named(m, "move_level");
		m->l_phrase_end = lex_named(m, "phrase_end");
		m->l_quote_coin = lex_named(m, "quote_coin");
		m->l_pair_quote = lex_named(m, "pair_quote");
		add_pair_forms(m);
		m->l_qualifier_glued = lex_named(m, "qualifier_glued");
		m->l_level_follow = lex_named(m, "level_follow");
		m->l_milestone = lex_named(m, "milestone");
		m->role_price = m->l_role ? mlex_find(m->l_role, "price", 5) : NULL;
		firsts_build(m);
	}
	nm_buf_release(&b.defs);
	nm_buf_release(&b.pats);
	free(b.segs);
	if (rc) {
		nm_mentioner_free(m);
		return rc == NM_ETOOBIG ? NM_ECONFIG : rc;
	}
	*out = m;
	return NM_OK;
}

void nm_mentioner_free(struct nm_mentioner *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nlists; i++) {
		struct mlex *l = &m->lists[i];
		for (size_t j = 0; j < l->n; j++) {
			free(l->entries[j].key);
			free(l->entries[j].value);
		}
		free(l->entries);
		free(l->slots);
		free(l->name);
	}
	free(m->lists);
	for (size_t i = 0; i < m->nforms; i++)
		free(m->forms[i].key);
	free(m->forms);
	free(m->form_slots);
	for (size_t i = 0; i < m->nfirsts; i++)
		free(m->firsts[i].key);
	for (size_t i = 0; i < m->lastwords.n; i++) {
		free(m->lastwords.entries[i].key);
		free(m->lastwords.entries[i].value);
	}
	free(m->lastwords.entries);
	free(m->lastwords.slots);
	for (size_t i = 0; i < m->after_first.n; i++) {
		free(m->after_first.entries[i].key);
		free(m->after_first.entries[i].value);
	}
	free(m->after_first.entries);
	free(m->after_first.slots);
	for (int k = 0; k < 3; k++) {
		for (size_t i = 0; i < m->lastw[k].n; i++) {
			free(m->lastw[k].entries[i].key);
			free(m->lastw[k].entries[i].value);
		}
		free(m->lastw[k].entries);
		free(m->lastw[k].slots);
	}
	free(m->firsts);
	free(m->first_slots);
	free(m->assets);
	free(m->pattern_kind);
	for (size_t i = 0; i < m->nsubs; i++)
		if (m->subs[i].owned)
			pcre2_code_free(m->subs[i].re);
	free(m->subs);
	pcre2_code_free(m->re);
	pcre2_code_free(m->re_anchored);
	free(m);
}

static inline const struct mform *form_probe(const struct nm_mentioner *m, const char *s, size_t n,
					     bool cased, uint32_t hash, bool fold)
{
	if (!m->nform_slots)
		return NULL;
	uint32_t sh = slot_of(hash, cased);
	size_t h = sh & (m->nform_slots - 1);
	for (; m->form_slots[h].idx; h = (h + 1) & (m->nform_slots - 1)) {
		if (m->form_slots[h].hash != sh)
			continue;
		const struct mform *f = &m->forms[m->form_slots[h].idx - 1];
		if (f->hash == hash && f->len == n && f->cased == cased &&
		    (fold ? mlex_eq_fold(f->key, s, n) : !memcmp(f->key, s, n)))
			return f;
	}
	return NULL;
}

const struct mform *mform_find(const struct nm_mentioner *m, const char *s, size_t n, bool cased)
{
	return form_probe(m, s, n, cased, mlex_hash(s, n), false);
}

const struct mform *mform_find_text(const struct nm_mentioner *m, const char *s, size_t n,
				    uint32_t hx, uint32_t hl)
{
	const struct mform *f = form_probe(m, s, n, true, hx, false);
	return f ? f : form_probe(m, s, n, false, hl, true);
}
