/*
 * classify/hits.c — step 2 of classify/: rule hits, found only where they can be.
 *
 * Running every rule over the whole text costs about as much per rule as the whole
 * mention pass, so nothing runs blind. Each rule needs some words (its `need=` clauses,
 * or the stems of its group's `event-anchor` line that it writes): one pass over the
 * text walks every word start down a trie of the trigger stems (packed as a double
 * array) and notes which stems each sentence holds; a trigger rule then runs on a
 * sentence only when every one of its clauses has a stem there. Cue and veto groups
 * run on a sentence only when a later step asks about it (the sentences of trigger
 * hits and their neighbours): its words are then looked up in the trie of the other
 * groups' stems, and each group's answer is kept. Matching is confined to the sentence,
 * so no rule spans two sentences.
 */
#include "classify/classify_int.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a: the anchor table (stems and their prefixes) that the tries are built from. */
#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL
static inline uint64_t fnv_step(uint64_t h, unsigned char c)
{
	return (h ^ c) * FNV_PRIME;
}

static uint64_t stem_hash(const char *s, size_t n)
{
	uint64_t h = FNV_OFFSET;
	for (size_t i = 0; i < n; i++)
		h = fnv_step(h, (unsigned char)s[i]);
	return h;
}

static const struct anchor *find_hashed(const struct nm_classifier *c, uint64_t h, const char *s,
				       size_t n)
{
	size_t i = (size_t)h & (ANCHOR_SLOTS - 1);
	for (size_t probe = 0; probe < ANCHOR_SLOTS; probe++, i = (i + 1) & (ANCHOR_SLOTS - 1)) {
		const struct anchor *a = &c->anchors[i];
		if (!a->len)
			return NULL;
		if (a->len == n && !memcmp(a->stem, s, n))
			return a;
	}
	return NULL;
}

/* Does pattern pat hold stem literally (ASCII case-insensitive)? */
static bool literal_in(const char *pat, const char *stem)
{
	size_t n = strlen(stem);
	for (const char *p = pat; *p; p++)
		if (!nm_strncasecmp(p, stem, n))
			return true;
	return false;
}

#define STEM_RULES_MIN 3 /* rules a group needs for a stem → rules table */

static void set_bit(uint64_t *w, uint16_t id)
{
	w[id / 64] |= (uint64_t)1 << (id % 64);
}

/* Gate rule r of g by its need= clauses: each stem's id goes into its clause's set. */
static void need_gate(const struct nm_classifier *c, struct rule_group *g, size_t r)
{
	const char *p = g->needs[r];
	unsigned char k = 0;
	while (*p && k < NEED_MAX) {
		size_t n = 0;
		while (p[n] && p[n] != '|' && p[n] != ' ')
			n++;
		if (n) {
			const struct anchor *a = find_hashed(c, stem_hash(p, n), p, n);
			if (!a || a->id == UINT16_MAX)
				NM_BUG("need= stem not anchored");
			set_bit(g->gate[r][k], a->id);
		}
		p += n;
		if (*p == ' ')
			k++;
		if (*p)
			p++;
	}
	g->n_gate[r] = (unsigned char)(k + 1);
}

/* Word byte → trie symbol: 0 for bytes that are not part of a word, then a-z (either
 * case), 0-9, &. */
static void fill_syms(unsigned char *tab)
{
	memset(tab, 0, 256);
	for (int c = 'a'; c <= 'z'; c++)
		tab[c] = tab[c - 32] = (unsigned char)(c - 'a' + 1);
	for (int c = '0'; c <= '9'; c++)
		tab[c] = (unsigned char)(c - '0' + 27);
	tab['&'] = 37;
}

/* Build trie t from the stems of the anchor table whose groups meet keep: first as
 * nodes with a child array each, then packed into a double array. */
static void trie_build(const struct nm_classifier *c, struct trie *t, uint64_t keep,
		       const uint64_t *noted)
{
	const unsigned char *sym = c->sym;
	uint16_t (*next)[TRIE_SYMS];
	uint16_t *id, *slot_of, *queue;
	uint64_t *mask;
	size_t cap = 64, n = 1, scap, head = 0, tail = 0;

	next = nm_xcalloc(cap, sizeof(*next));
	id = nm_xmalloc(cap * sizeof(*id));
	mask = nm_xcalloc(cap, sizeof(*mask));
	id[0] = UINT16_MAX;
	for (size_t i = 0; i < ANCHOR_SLOTS; i++) {
		const struct anchor *a = &c->anchors[i];
		size_t node = 0;
		if (!a->len || a->id == UINT16_MAX || !((a->mask | a->start_mask) & keep))
			continue;
		for (size_t l = 0; l < a->len; l++) {
			unsigned char y = sym[(unsigned char)a->stem[l]];
			if (!next[node][y]) {
				if (n == cap) {
					next = nm_xrealloc(next, 2 * cap * sizeof(*next));
					memset(next + cap, 0, cap * sizeof(*next));
					id = nm_xrealloc(id, 2 * cap * sizeof(*id));
					mask = nm_xrealloc(mask, 2 * cap * sizeof(*mask));
					memset(mask + cap, 0, cap * sizeof(*mask));
					cap *= 2;
				}
				id[n] = UINT16_MAX;
				next[node][y] = (uint16_t)n++;
			}
			node = next[node][y];
		}
		id[node] = a->id;
		mask[node] = a->mask & keep;
		if ((noted[a->id / 64] >> (a->id % 64)) & 1)
			mask[node] |= NOTE_STEM;
	}
	/* pack: breadth first, each node's children at the first base where all fit */
	scap = n + 2 * TRIE_SYMS;
	t->slot = nm_xcalloc(scap, sizeof(*t->slot));
	t->mask = nm_xcalloc(scap, sizeof(*t->mask));
	slot_of = nm_xcalloc(n, sizeof(*slot_of));
	queue = nm_xmalloc(n * sizeof(*queue));
	t->slot[0].check = 0;
	t->slot[0].id = UINT16_MAX;
	t->n = 1;
	queue[tail++] = 0;
	while (head < tail) {
		uint16_t node = queue[head++], x = slot_of[node];
		size_t b = 1;
		bool fits = false;
		int y0 = 0, ys[TRIE_SYMS], nys = 0;
		for (int y = 1; y < TRIE_SYMS; y++)
			if (next[node][y])
				ys[nys++] = y;
		/* look for room near the end of what is used (a few holes stay behind, but
		 * the search stays short) */
		y0 = nys ? ys[0] : 0;
		if (t->n > TRIE_SYMS + (size_t)y0)
			b = t->n - TRIE_SYMS - (size_t)y0;
		t->slot[x].id = id[node];
		t->mask[x] = mask[node];
		while (!fits) {
			if (b + TRIE_SYMS >= scap) {
				if (2 * scap > UINT16_MAX)
					NM_BUG("anchor trie too large");
				t->slot = nm_xrealloc(t->slot, 2 * scap * sizeof(*t->slot));
				memset(t->slot + scap, 0, scap * sizeof(*t->slot));
				t->mask = nm_xrealloc(t->mask, 2 * scap * sizeof(*t->mask));
				memset(t->mask + scap, 0, scap * sizeof(*t->mask));
				scap *= 2;
			}
			fits = true;
			for (int j = 0; j < nys && fits; j++)
				fits = !t->slot[b + ys[j]].check;
			b += !fits;
		}
		t->slot[x].base = (uint16_t)b;
		for (int y = 1; y < TRIE_SYMS; y++)
			if (next[node][y]) {
				size_t z = b + y;
				t->slot[z].check = (uint16_t)(x + 1);
				t->slot[z].id = UINT16_MAX;
				slot_of[next[node][y]] = (uint16_t)z;
				queue[tail++] = next[node][y];
				if (z + 1 > t->n)
					t->n = z + 1;
			}
	}
	/* room after every base for all symbols, so a walk can step without bounds checks */
	{
		size_t need = t->n;
		for (size_t x = 0; x < t->n; x++)
			if ((size_t)t->slot[x].base + TRIE_SYMS > need)
				need = (size_t)t->slot[x].base + TRIE_SYMS;
		if (need > UINT16_MAX)
			NM_BUG("anchor trie too large");
		if (need > scap) {
			t->slot = nm_xrealloc(t->slot, need * sizeof(*t->slot));
			memset(t->slot + scap, 0, (need - scap) * sizeof(*t->slot));
			t->mask = nm_xrealloc(t->mask, need * sizeof(*t->mask));
			memset(t->mask + scap, 0, (need - scap) * sizeof(*t->mask));
		}
		for (size_t x = t->n; x < need; x++)
			t->slot[x].id = UINT16_MAX;
		t->n = need;
	}
	/* can a stem start with a digit or &? (if not, the scan skips such words) */
	t->other_starts = 0;
	for (int y = 27; y < TRIE_SYMS; y++)
		if (t->slot[(size_t)t->slot[0].base + y].check == 1)
			t->other_starts = ~0u;
	/* the first two steps as one table (not when a stem ends after one step) */
	t->two = nm_xcalloc(TRIE_SYMS * TRIE_SYMS, sizeof(*t->two));
	for (size_t y1 = 1; y1 < TRIE_SYMS && t->two; y1++) {
		size_t z1 = (size_t)t->slot[0].base + y1;
		if (t->slot[z1].check != 1)
			continue;
		if (t->slot[z1].id != UINT16_MAX) {
			free(t->two);
			t->two = NULL;
			break;
		}
		for (size_t y2 = 1; y2 < TRIE_SYMS; y2++) {
			size_t z2 = (size_t)t->slot[z1].base + y2;
			if (t->slot[z2].check == z1 + 1)
				t->two[y1 * TRIE_SYMS + y2] = (uint16_t)z2;
		}
	}
	free(next);
	free(id);
	free(mask);
	free(slot_of);
	free(queue);
}

void cls_trie_release(struct trie *t)
{
	free(t->two);
	free(t->slot);
	free(t->mask);
	memset(t, 0, sizeof(*t));
}

/*
 * Where a match can start. Each top-level branch of a pattern must be \b and then a
 * sequence that begins with literal text: a run of letters, digits or & ("liquidat"),
 * possibly continued by a group (?:...) whose every branch goes on with such text
 * ("r(?:esistance|eclaim)" begins "resistance" or "reclaim"), or a group of such
 * branches first ("(?:longs?|shorts?)"). A run loses its last byte when a quantifier
 * follows it ("longs?" begins "long"); a group followed by ?, * or {...} ends the text
 * (it may be skipped). When a stem of one clause of the rule's gate begins every such
 * text, every match starts at a word where the word scan found a stem of that clause,
 * so the rule can be tried at those words alone (compute). Anything else first — a
 * class, an escape, a lookaround, an inline option — leaves the pattern scanned as
 * before.
 */

/* The ) that closes the ( at p, or NULL. */
static const char *group_end(const char *p)
{
	int depth = 0;
	bool in_class = false;
	for (; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
		} else if (in_class) {
			in_class = *p != ']';
		} else if (*p == '[') {
			in_class = true;
			if (p[1] == '^')
				p++;
			if (p[1] == ']')
				p++;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')' && --depth == 0) {
			return p;
		}
	}
	return NULL;
}

/* The end of the branch starting at p: the next | at its level, or end. */
static const char *branch_end(const char *p, const char *end)
{
	while (p < end && *p != '|') {
		if (*p == '\\' && p + 1 < end) {
			p += 2;
		} else if (*p == '[') {
			/* a class: on to its ] (a ] first in it is a literal) */
			p++;
			if (p < end && *p == '^')
				p++;
			if (p < end && *p == ']')
				p++;
			while (p < end && *p != ']')
				p += *p == '\\' && p + 1 < end ? 2 : 1;
			p++;
		} else if (*p == '(') {
			const char *q = group_end(p);
			if (!q || q >= end)
				return end;
			p = q + 1;
		} else {
			p++;
		}
	}
	return p < end ? p : end;
}

/*
 * Does a stem of set begin text[0..n)? With set NULL, any stem of the groups in
 * c->start_groups will do, and the longest such stem that begins text goes into
 * c->start_ids.
 */
static bool stem_begins(const struct nm_classifier *c, const uint64_t *set, const char *text, size_t n)
{
	const struct anchor *longest = NULL;
	bool found;
	for (size_t l = 1; l <= n && l < ANCHOR_STEM_MAX; l++) {
		const struct anchor *a = find_hashed(c, stem_hash(text, l), text, l);
		if (!a || a->id == UINT16_MAX)
			continue;
		if (set && a->id < STEMS_MAX && ((set[a->id / 64] >> (a->id % 64)) & 1))
			return true;
		if (!set && ((a->mask | a->start_mask) & c->start_groups))
			longest = a;
	}
	/* only the longest: a word that begins with it begins with the shorter ones too, and
	 * the scan notes it there; a shorter one ("to" of "token") would note every word
	 * it begins for nothing */
	if ((found = longest != NULL))
		((struct nm_classifier *)c)->start_ids[longest->id / 64] |= (uint64_t)1 << (longest->id % 64);
	if (!set && !found && c->start_add && n >= 2 && c->n_wanted < WANTED_MAX) {
		/* the text itself, as a stem the word scan looks up for the rule alone (two
		 * bytes at least: the scan's first two steps are one table) */
		struct nm_classifier *w = (struct nm_classifier *)c;
		size_t l = n < ANCHOR_STEM_MAX ? n : ANCHOR_STEM_MAX - 1;
		memcpy(w->wanted[w->n_wanted], text, l);
		w->wanted[w->n_wanted++][l] = '\0';
		found = true;
	}
	return found;
}

static bool starts_covered(const struct nm_classifier *c, const uint64_t *set, char *text, size_t n,
			   const char *p, const char *end, int depth);

/*
 * Does every match of the sequence [p,end), after the literal text[0..n) it follows,
 * begin with a stem of set? text has room for ANCHOR_STEM_MAX bytes; a longer text is
 * cut there (a stem is shorter).
 */
static bool seq_covered(const struct nm_classifier *c, const uint64_t *set, char *text, size_t n,
			const char *p, const char *end, int depth)
{
	while (p < end && (nm_isalnum((unsigned char)*p) || *p == '&') && n < ANCHOR_STEM_MAX) {
		text[n++] = (char)nm_tolower((unsigned char)*p);
		p++;
	}
	if (p < end && (*p == '?' || *p == '*' || *p == '{'))
		return n > 1 && stem_begins(c, set, text, n - 1); /* the last byte may be missing */
	if (n < ANCHOR_STEM_MAX && p + 3 <= end && (!strncmp(p, "(?:", 3) || !strncmp(p, "(?>", 3)) && depth < 8) {
		const char *q = group_end(p);
		if (q && q < end && !(q + 1 < end && (q[1] == '?' || q[1] == '*' || q[1] == '{')))
			return starts_covered(c, set, text, n, p + 3, q, depth + 1);
		if (q && q + 1 < end && !n && (q[1] == '?' || q[1] == '*')) {
			/* an optional group first: a match begins with one of its branches, or
			 * with what follows it */
			const char *after = q + 2;
			if (after < end && (*after == '?' || *after == '+'))
				after++;
			return starts_covered(c, set, text, 0, p + 3, q, depth + 1) &&
			       seq_covered(c, set, text, 0, after, end, depth + 1);
		}
	}
	return n > 0 && stem_begins(c, set, text, n);
}

/* Is every branch of [p,end) covered, after text[0..n) (and after \b at depth 0)? */
static bool starts_covered(const struct nm_classifier *c, const uint64_t *set, char *text, size_t n,
			   const char *p, const char *end, int depth)
{
	for (;;) {
		const char *e = branch_end(p, end);
		const char *b = p;
		char own[ANCHOR_STEM_MAX];
		if (depth == 0) {
			if (e - b < 2 || strncmp(b, "\\b", 2))
				return false;
			b += 2;
		}
		memcpy(own, text, n);
		if (!seq_covered(c, set, own, n, b, e, depth))
			return false;
		if (e >= end)
			return true;
		p = e + 1;
	}
}

static bool start_stem_add(struct nm_classifier *c, const char *stem, size_t n, int gi);

/* Compile the anchored copy of rule r of g when its matches start at its stems. */
static void anchor_starts(struct nm_classifier *c, struct rule_group *g, int gi, size_t r)
{
	const char *pat = g->patterns[r];
	/* the clauses of its gate, then any stem the word scans of a sentence the rule
	 * runs on have looked up (an eager group's sentence may have been scanned for the
	 * eager stems only) */
	for (int k = 0; k <= g->n_gate[r] + 1; k++) {
		int ec;
		PCRE2_SIZE off;
		size_t jit_size = 0;
		pcre2_code *re;
		char text[ANCHOR_STEM_MAX];
		const uint64_t *set = k < g->n_gate[r] ? g->gate[r][k] : NULL;
		if (!set) {
			memset(c->start_ids, 0, sizeof(c->start_ids));
			c->start_groups = ((c->eager_groups >> gi) & 1) ? c->eager_groups : ~(uint64_t)0;
			/* last, with stems of its own for the texts no stem begins */
			c->start_add = k > g->n_gate[r];
			c->n_wanted = 0;
		}
		if (!starts_covered(c, set, text, 0, pat, pat + strlen(pat), 0))
			continue;
		if (!set && c->n_wanted) {
			bool added = true;
			for (size_t i = 0; i < c->n_wanted && added; i++)
				added = start_stem_add(c, c->wanted[i], strlen(c->wanted[i]), gi);
			c->start_add = false;
			c->n_wanted = 0;
			memset(c->start_ids, 0, sizeof(c->start_ids));
			if (!added || !starts_covered(c, NULL, text, 0, pat, pat + strlen(pat), 0))
				return;
		}
		memcpy(g->start_set[r], set ? set : c->start_ids, sizeof(g->start_set[r]));
		re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_CASELESS | PCRE2_ANCHORED,
				   &ec, &off, NULL);
		if (!re)
			return; /* compiled once already without the option: not expected */
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
		g->anchored[r] = re;
		g->anchored_jit[r] = !pcre2_pattern_info(re, PCRE2_INFO_JITSIZE, &jit_size) && jit_size > 0;
		return;
	}
}

/*
 * A rule runs only on sentences holding the stems it needs: its need= clauses when it
 * has them (each clause one stem at least), else the group's stems written literally in
 * its pattern, plus the group's stems no rule writes literally (a stem spelled with regex
 * syntax, such as "ran" for r[au]n, could belong to any rule). A rule without either
 * runs whenever its group may.
 */
void cls_anchor_gates(struct nm_classifier *c)
{
	uint64_t noted[ALL_STEM_WORDS] = {0}; /* the stems whose words' places are kept */
	c->stem_words = 1;
	if (!c->anchors)
		return;
	/* the gates' stems were all added with the rules; the start-only ones come later */
	c->gate_stem_words = ((size_t)c->n_anchors + 63) / 64;
	for (int gi = 0; gi < NGROUPS; gi++) {
		struct rule_group *g = &c->groups[gi];
		uint64_t orphans[STEM_WORDS] = {0};
		if (!g->n || !(c->anchored & ((uint64_t)1 << gi)))
			continue;
		g->gate = nm_xcalloc(g->n, sizeof(*g->gate));
		g->n_gate = nm_xcalloc(g->n, sizeof(*g->n_gate));
		for (size_t r = 0; r < g->n; r++)
			if (g->needs[r])
				need_gate(c, g, r);
		for (size_t i = 0; i < ANCHOR_SLOTS; i++) {
			const struct anchor *a = &c->anchors[i];
			bool used = false;
			if (!a->len || a->id == UINT16_MAX || !(a->mask & ((uint64_t)1 << gi)))
				continue;
			for (size_t r = 0; r < g->n; r++)
				if (!g->needs[r] && literal_in(g->patterns[r], a->stem)) {
					set_bit(g->gate[r][0], a->id);
					g->n_gate[r] = 1;
					used = true;
				} else if (g->needs[r]) {
					for (int k = 0; k < g->n_gate[r]; k++)
						used |= (g->gate[r][k][a->id / 64] >> (a->id % 64)) & 1;
				}
			if (!used)
				orphans[a->id / 64] |= (uint64_t)1 << (a->id % 64);
		}
		for (size_t r = 0; r < g->n; r++)
			for (int w = 0; w < STEM_WORDS && g->n_gate[r] && !g->needs[r]; w++)
				g->gate[r][0][w] |= orphans[w];
		g->gate_words = nm_xcalloc(g->n, sizeof(*g->gate_words));
		for (size_t r = 0; r < g->n; r++)
			for (int k = 0; k < g->n_gate[r]; k++)
				for (int w = 0; w < STEM_WORDS; w++)
					if (g->gate[r][k][w])
						g->gate_words[r][k] |= 1u << w;
		g->anchored = nm_xcalloc(g->n, sizeof(*g->anchored));
		g->anchored_jit = nm_xcalloc(g->n, sizeof(*g->anchored_jit));
		g->start_set = nm_xcalloc(g->n, sizeof(*g->start_set));
		for (size_t r = 0; r < g->n; r++)
			anchor_starts(c, g, gi, r);
		/* the rules a sentence may run, from the stems it holds (see compute); a
		 * group of a few rules checks each rule's gate instead, which costs less than
		 * going over the sentence's stems */
		if (g->n > STEM_RULES_MIN && g->n <= 64 * RULE_WORDS) {
			g->stem_rules = nm_xcalloc(STEMS_MAX, sizeof(*g->stem_rules));
			for (size_t r = 0; r < g->n; r++) {
				if (!g->n_gate[r]) {
					g->ungated[r / 64] |= (uint64_t)1 << (r % 64);
					continue;
				}
				for (int id = 0; id < STEMS_MAX; id++)
					if ((g->gate[r][0][id / 64] >> (id % 64)) & 1)
						g->stem_rules[id][r / 64] |= (uint64_t)1 << (r % 64);
				for (int w = 0; w < STEM_WORDS; w++)
					g->first_stems[w] |= g->gate[r][0][w];
			}
		}
	}
	for (int gi = 0; gi < NGROUPS; gi++) {
		const struct rule_group *g = &c->groups[gi];
		for (size_t r = 0; g->anchored && r < g->n; r++)
			for (int w = 0; w < ALL_STEM_WORDS && g->anchored[r]; w++)
				noted[w] |= g->start_set[r][w];
	}
	/* a sentence holds bits for the stems there are, not for all there may be */
	c->stem_words = c->n_anchors ? ((size_t)c->n_anchors + 63) / 64 : 1;
	fill_syms(c->sym);
	trie_build(c, &c->rest, ~c->eager_groups, noted);
	trie_build(c, &c->eager, c->eager_groups, noted);
}

static bool add_entry(struct nm_classifier *c, const char *stem, size_t n, int gi, bool start);

/*
 * Every proper prefix of a stem is in the table too, with no groups, so the scan of a
 * word stops at the first prefix that no stem starts with.
 */
bool cls_anchor_add(struct nm_classifier *c, const char *stem, size_t n, int gi)
{
	if (!n || n >= ANCHOR_STEM_MAX)
		return false;
	for (size_t l = 1; l < n; l++)
		if (!add_entry(c, stem, l, -1, false))
			return false;
	return add_entry(c, stem, n, gi, false);
}

/* The same for a stem only a rule's start asks for (start_mask, not mask). */
static bool start_stem_add(struct nm_classifier *c, const char *stem, size_t n, int gi)
{
	if (!n || n >= ANCHOR_STEM_MAX)
		return false;
	for (size_t l = 1; l < n; l++)
		if (!add_entry(c, stem, l, -1, false))
			return false;
	return add_entry(c, stem, n, gi, true);
}

static bool add_entry(struct nm_classifier *c, const char *stem, size_t n, int gi, bool start)
{
	size_t i;
	if (!c->anchors)
		c->anchors = nm_xcalloc(ANCHOR_SLOTS, sizeof(*c->anchors));
	i = (size_t)stem_hash(stem, n) & (ANCHOR_SLOTS - 1);
	for (size_t probe = 0; probe < ANCHOR_SLOTS; probe++, i = (i + 1) & (ANCHOR_SLOTS - 1)) {
		struct anchor *a = &c->anchors[i];
		if (!a->len) {
			if (c->n_slots_used >= ANCHOR_SLOTS / 2)
				return false;
			memcpy(a->stem, stem, n);
			a->stem[n] = '\0';
			a->len = (unsigned char)n;
			a->id = UINT16_MAX; /* a prefix only, until a stem ends here */
			c->n_slots_used++;
		}
		if (a->len == n && !memcmp(a->stem, stem, n)) {
			if (gi < 0)
				return true;
			if (a->id == UINT16_MAX) {
				if (c->n_anchors >= (start ? ALL_STEMS_MAX : STEMS_MAX))
					return false;
				a->id = (uint16_t)c->n_anchors++;
			}
			if (start) {
				a->start_mask |= (uint64_t)1 << gi;
				return true;
			}
			a->mask |= (uint64_t)1 << gi;
			c->anchored |= (uint64_t)1 << gi;
			return true;
		}
	}
	return false;
}

/* Walk the word starting at k (before end) down trie t, recording the stems it starts
 * with; returns the groups of those stems. */
static inline __attribute__((always_inline)) uint64_t
walk_word(const struct trie *t, bool two, const unsigned char *sym, const unsigned char *p, size_t k,
	  size_t end, uint64_t *stems, struct stem_at **noted)
{
	size_t start = k;
	const struct trie_slot *slot = t->slot;
	size_t x = 0;
	uint64_t m = 0;
	unsigned y;
	/* k is a word start; no stem ends after one byte when two is set, so a word with
	 * one byte in the sentence starts none. The text ends with a NUL, so p[k + 1] can
	 * be read, and the table has nothing for a second byte that is not a word byte. */
	if (two) {
		x = t->two[sym[p[k]] * TRIE_SYMS + sym[p[k + 1]]];
		if (!x || k + 1 >= end)
			return 0;
		k += 2;
		if (slot[x].id != UINT16_MAX) {
			m |= t->mask[x];
			stems[slot[x].id / 64] |= (uint64_t)1 << (slot[x].id % 64);
			if (t->mask[x] & NOTE_STEM)
				*(*noted)++ = (struct stem_at){start, slot[x].id};
		}
	}
	while (k < end && (y = sym[p[k]])) {
		size_t z = (size_t)slot[x].base + y;
		if (slot[z].check != x + 1)
			break; /* no stem goes on: the rest of the word is skipped */
		x = z;
		k++;
		if (slot[x].id != UINT16_MAX) {
			m |= t->mask[x];
			stems[slot[x].id / 64] |= (uint64_t)1 << (slot[x].id % 64);
			if (t->mask[x] & NOTE_STEM)
				*(*noted)++ = (struct stem_at){start, slot[x].id};
		}
	}
	return m;
}

#ifdef __SSE2__
#include <emmintrin.h>

static inline __m128i in_range(__m128i v, char lo, char n)
{
	/* lo..lo+n-1 move to -128..-128+n-1, below everything else as signed bytes */
	__m128i x = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - (unsigned char)lo)));
	return _mm_cmplt_epi8(x, _mm_set1_epi8((char)(0x80 + n)));
}

/* Bit per word byte (letter, digit, &) of the 16 bytes at p. */
static inline unsigned word_bits(const unsigned char *p, unsigned *letters)
{
	__m128i v = _mm_loadu_si128((const __m128i *)p);
	__m128i l = _mm_or_si128(in_range(v, 'A', 26), in_range(v, 'a', 26));
	__m128i w = _mm_or_si128(l, _mm_or_si128(in_range(v, '0', 10), _mm_cmpeq_epi8(v, _mm_set1_epi8('&'))));
	*letters = (unsigned)_mm_movemask_epi8(l);
	return (unsigned)_mm_movemask_epi8(w);
}
#endif

/*
 * Look every word of sentence i up in trie t: the groups whose stems its words start
 * with go into *mask, the stems into s->stems[i], and the places of the noted stems'
 * words (NOTE_STEM) into s->at. Word starts are found first, sixteen bytes at a time
 * (SSE2), then each word is walked only as far as some stem goes on — for most words
 * one or two steps from the root. (Two loops, not one: each keeps its values in
 * registers.)
 */
static inline __attribute__((always_inline)) void
scan_words_with(const struct scratch *s, size_t i, const struct trie *t, bool two, uint64_t *mask)
{
	const unsigned char *sym = s->c->sym, *p = (const unsigned char *)s->doc->text;
	struct nm_span sp = s->doc->sentences[i];
	uint64_t m = 0, *stems = s->stems + i * s->c->stem_words;
	struct stem_list *l = s->at;
	struct stem_at *noted;
	size_t k = sp.start, end = sp.end, *ws, nw = 0;
	bool in_word = false; /* the byte before k is a word byte (the sentence start is not) */

	/* a word starts at most every other byte, and notes at most one stem per byte:
	 * room for the whole sentence */
	if (l->ws_cap < end - k + 1) {
		l->ws_cap = 2 * (end - k + 1);
		l->ws = nm_xrealloc(l->ws, l->ws_cap * sizeof(*l->ws));
	}
	if (l->cap - l->n < end - k) {
		l->cap = 2 * (l->n + (end - k));
		l->a = nm_xrealloc(l->a, l->cap * sizeof(*l->a));
	}
	ws = l->ws;
#ifdef __SSE2__
	/* sixteen bytes at a time while they are inside the text; the last block of the
	 * sentence keeps only its bits before end */
	while (k < end && k + 16 <= s->doc->text_len) {
		unsigned letters, w = word_bits(p + k, &letters);
		unsigned starts = w & ~((w << 1) | (unsigned)in_word) & (letters | t->other_starts);
		if (end - k < 16)
			starts &= (1u << (end - k)) - 1;
		in_word = (w >> 15) & 1;
		for (; starts; starts &= starts - 1)
			ws[nw++] = k + (size_t)__builtin_ctz(starts);
		k += 16;
	}
#endif
	for (; k < end; k++) {
		bool w = sym[p[k]] != 0;
		if (w && !in_word)
			ws[nw++] = k;
		in_word = w;
	}
	noted = l->a + l->n;
	for (size_t j = 0; j < nw; j++)
		m |= walk_word(t, two, sym, p, ws[j], end, stems, &noted);
	l->n = (size_t)(noted - l->a);
	*mask |= m & ~NOTE_STEM;
}

/* The same, compiled once for tries with the two-step table and once without. */
static void scan_words(const struct scratch *s, size_t i, const struct trie *t, uint64_t *mask)
{
	if (t->two)
		scan_words_with(s, i, t, true, mask);
	else
		scan_words_with(s, i, t, false, mask);
}

/* Which eager groups (the triggers, and the cues asked of every sentence) may match
 * each sentence: only their stems are looked up here; the other groups' stems wait
 * until a sentence is asked about (full_scan). */
static void scan_anchors(struct scratch *s)
{
	uint64_t free_groups = ~s->c->anchored;
	for (size_t i = 0; i < s->doc->n_sentences; i++) {
		s->may[i] = free_groups & s->c->eager_groups;
		s->at_range[i][0] = s->at->n;
		if (s->c->eager.n)
			scan_words(s, i, &s->c->eager, &s->may[i]);
		s->at_range[i][1] = s->at->n;
	}
}

static void full_scan(const struct scratch *s, size_t i)
{
	s->full[i] |= 1;
	s->may[i] |= ~s->c->anchored;
	/* the eager stems were looked up in every sentence already (scan_anchors) */
	s->at_range[i][2] = s->at->n;
	if (s->c->rest.n)
		scan_words(s, i, &s->c->rest, &s->may[i]);
	s->at_range[i][3] = s->at->n;
}

static size_t next_char(const char *t, size_t i, size_t n)
{
	i++;
	while (i < n && ((unsigned char)t[i] & 0xC0) == 0x80)
		i++;
	return i;
}

static void add_hit(struct sent_cache *sc, int gi, size_t r, size_t start, size_t end, size_t sent)
{
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? 2 * sc->cap : 8;
		sc->h = nm_xrealloc(sc->h, sc->cap * sizeof(*sc->h));
	}
	sc->h[sc->n++] = (struct hit){gi, (int)r, start, end, sent};
	sc->count[gi]++;
}

#define STARTS_MAX 32 /* words one anchored rule is tried at; more and it scans */

/*
 * Rule r of g, whose matches start at words beginning with a stem of its start clause
 * (anchor_starts), tried at those words of sentence sent alone: the same hits as
 * scanning from the sentence start, since no other byte can start a match. False when
 * it cannot be done so (too many such words, or a '&', which the word scan counts as
 * part of a word though \b does not: "S&Pliquidations").
 */
/* One match of re from at, within the sentence that ends at end: a non-empty one is a
 * hit of rule r, and *off moves past it (past one character after an empty one). False
 * when there is none. */
static bool match_from(const struct scratch *s, const pcre2_code *re, bool jit, size_t end,
		       size_t at, struct sent_cache *sc, int gi, size_t r, size_t sent, size_t *off)
{
	const char *t = s->doc->text;
	int rc = jit ? pcre2_jit_match(re, (PCRE2_SPTR)t, end, at, PCRE2_NO_UTF_CHECK, s->md, NULL)
		     : pcre2_match(re, (PCRE2_SPTR)t, end, at, PCRE2_NO_UTF_CHECK, s->md, NULL);
	PCRE2_SIZE *ov;
	if (rc < 0)
		return false;
	ov = pcre2_get_ovector_pointer(s->md);
	if (ov[1] == ov[0]) {
		*off = next_char(t, ov[0], end);
		return true;
	}
	add_hit(sc, gi, r, ov[0], ov[1], sent);
	*off = ov[1];
	return true;
}

static bool run_anchored(const struct scratch *s, const struct rule_group *g, int gi, size_t r,
			 size_t sent, struct sent_cache *sc)
{
	const uint64_t *set = g->start_set[r];
	const size_t *rg = s->at_range[sent];
	struct nm_span sp = s->doc->sentences[sent];
	const char *t = s->doc->text;
	size_t pos[STARTS_MAX], n = 0, off = sp.start;

	/* whether the sentence holds a '&' is looked up once (bit 2 known, bit 4 yes) */
	if (!(s->full[sent] & 2))
		s->full[sent] |= (unsigned char)(2 | (memchr(t + sp.start, '&', sp.end - sp.start) ? 4 : 0));
	if (s->full[sent] & 4)
		return false;
	for (int part = 0; part < 2; part++) {
		/* the other stems' range stays empty until the sentence is scanned in full */
		size_t lo = rg[2 * part], hi = rg[2 * part + 1];
		for (size_t j = lo; j < hi; j++) {
			uint16_t id = s->at->a[j].id;
			size_t p = s->at->a[j].pos, k;
			if (!((set[id / 64] >> (id % 64)) & 1))
				continue;
			/* in order, once each (a word can start with several of the stems) */
			for (k = n; k > 0 && pos[k - 1] > p; k--)
				;
			if (k > 0 && pos[k - 1] == p)
				continue;
			if (n == STARTS_MAX)
				return false;
			memmove(pos + k + 1, pos + k, (n - k) * sizeof(*pos));
			pos[k] = p;
			n++;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (pos[i] >= off)
			match_from(s, g->anchored[r], g->anchored_jit[r], sp.end, pos[i], sc, gi, r, sent, &off);
	return true;
}

/* The first candidate rule at or after r (64 * RULE_WORDS when none). */
static inline size_t next_rule(const uint64_t *cand, size_t r)
{
	for (size_t w = r / 64; w < RULE_WORDS; w++, r = w * 64) {
		uint64_t rest = cand[w] >> (r % 64);
		if (rest)
			return r + (size_t)__builtin_ctzll(rest);
	}
	return 64 * RULE_WORDS;
}

/* Run group gi over sentence sent and keep its hits (nothing when it cannot match). */
static void compute(const struct scratch *s, size_t sent, int gi)
{
	const struct rule_group *g = &s->c->groups[gi];
	struct sent_cache *sc = &s->cache[sent];
	uint64_t cand[RULE_WORDS];
	struct nm_span sp = s->doc->sentences[sent];

	sc->done |= (uint64_t)1 << gi;
	sc->first[gi] = (uint32_t)sc->n;
	sc->count[gi] = 0;
	if (!((s->c->eager_groups >> gi) & 1) && !(s->full[sent] & 1))
		full_scan(s, sent);
	if (!g->n || !(s->may[sent] & ((uint64_t)1 << gi)))
		return;
	/* the candidate rules: those whose first clause meets a stem of the sentence */
	if (g->stem_rules) {
		memcpy(cand, g->ungated, sizeof(cand));
		for (size_t w = 0; w < s->c->gate_stem_words; w++)
			for (uint64_t b = s->stems[sent * s->c->stem_words + w] & g->first_stems[w]; b; b &= b - 1)
				for (int k = 0; k < RULE_WORDS; k++)
					cand[k] |= g->stem_rules[w * 64 + __builtin_ctzll(b)][k];
	}
	for (size_t r = 0; r < g->n; r++) {
		size_t off;
		bool run = true;
		if (g->stem_rules && (r = next_rule(cand, r)) >= g->n)
			break;
		off = sp.start;
		for (int k = g->stem_rules ? 1 : 0; g->gate && k < g->n_gate[r] && run; k++) {
			const uint64_t *need = g->gate[r][k];
			bool any = false;
			/* only the words of the stem set the clause uses (usually one or two) */
			for (unsigned nz = g->gate_words[r][k]; nz && !any; nz &= nz - 1) {
				int w = __builtin_ctz(nz);
				any = (need[w] & s->stems[sent * s->c->stem_words + w]) != 0;
			}
			run = any;
		}
		if (!run)
			continue;
		if (g->anchored && g->anchored[r] && run_anchored(s, g, gi, r, sent, sc))
			continue;
		while (off < sp.end &&
		       match_from(s, g->codes[r], g->jit[r], sp.end, off, sc, gi, r, sent, &off))
			;
	}
	/* the group's hits in text order (rules ran one after another) */
	for (size_t i = sc->first[gi] + 1; i < sc->n; i++)
		for (size_t j = i; j > sc->first[gi] && sc->h[j].start < sc->h[j - 1].start; j--) {
			struct hit tmp = sc->h[j];
			sc->h[j] = sc->h[j - 1];
			sc->h[j - 1] = tmp;
		}
}

void cls_group_compute(const struct scratch *s, size_t sent, int gi)
{
	compute(s, sent, gi);
}

static int cmp_hit(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	if (x->sentence != y->sentence)
		return x->sentence < y->sentence ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->group - y->group;
}

enum nm_code cls_find_hits(struct scratch *s, struct nm_err *err)
{
	const struct nm_doc *doc = s->doc;
	size_t k = 0;

	s->md = pcre2_match_data_create(4, NULL);
	if (!s->md)
		NM_BUG("pcre2_match_data_create failed");
	s->may = nm_xcalloc(doc->n_sentences + 1, sizeof(*s->may));
	s->stems = nm_xcalloc((doc->n_sentences + 1) * s->c->stem_words, sizeof(*s->stems));
	s->full = nm_xcalloc(doc->n_sentences + 1, 1);
	s->at_range = nm_xcalloc(doc->n_sentences + 1, sizeof(*s->at_range));
	/* first[] and count[] are written before they are read (see done): only the rest
	 * is cleared, which saves clearing a few hundred bytes per sentence */
	s->cache = nm_xmalloc((doc->n_sentences + 1) * sizeof(*s->cache));
	for (size_t i = 0; i <= doc->n_sentences; i++) {
		s->cache[i].h = NULL;
		s->cache[i].n = s->cache[i].cap = 0;
		s->cache[i].done = 0;
	}
	s->sent_hit0 = nm_xcalloc(doc->n_sentences + 1, sizeof(*s->sent_hit0));
	/* the word scans' buffers at their sizes for this text, once: the longest
	 * sentence's word starts, and a noted stem every 16 bytes (they grow past that) */
	{
		size_t longest = 0;
		for (size_t i = 0; i < doc->n_sentences; i++)
			if (doc->sentences[i].end - doc->sentences[i].start > longest)
				longest = doc->sentences[i].end - doc->sentences[i].start;
		if (s->at->ws_cap < longest + 1) {
			free(s->at->ws);
			s->at->ws_cap = longest + 1;
			s->at->ws = nm_xmalloc(s->at->ws_cap * sizeof(*s->at->ws));
		}
		if (s->at->cap - s->at->n < doc->text_len / 16 + longest) {
			s->at->cap = s->at->n + doc->text_len / 16 + longest;
			s->at->a = nm_xrealloc(s->at->a, s->at->cap * sizeof(*s->at->a));
		}
	}
	scan_anchors(s);
	for (size_t i = 0; i < doc->n_sentences; i++) {
		/* most sentences hold no trigger's stems: nothing to compute (a group left
		 * undone here is computed, to nothing, if it is asked for later) */
		if (!(s->may[i] & (((uint64_t)1 << EV_NTYPES) - 1)))
			continue;
		for (int type = 0; type < EV_NTYPES; type++) {
			const struct hit *h;
			size_t n = cls_group_hits(s, i, cls_group_index(G_TRIGGER, type), &h);
			if (s->n_hits + n > HITS_MAX)
				return nm_err_set(err, NM_ETOOBIG, "more than %d event rule hits in one document",
						  HITS_MAX);
			if (s->n_hits + n > s->cap_hits) {
				s->cap_hits = s->cap_hits ? 2 * s->cap_hits + n : 64 + n;
				s->hits = nm_xrealloc(s->hits, s->cap_hits * sizeof(*s->hits));
			}
			if (n)
				memcpy(s->hits + s->n_hits, h, n * sizeof(*h));
			s->n_hits += n;
		}
	}
	if (s->n_hits)
		qsort(s->hits, s->n_hits, sizeof(*s->hits), cmp_hit);
	for (size_t i = 0; i <= doc->n_sentences; i++) {
		while (k < s->n_hits && s->hits[k].sentence < i)
			k++;
		s->sent_hit0[i] = k;
	}
	return NM_OK;
}

void cls_hits_release(struct scratch *s)
{
	if (s->cache)
		for (size_t i = 0; i <= s->doc->n_sentences; i++)
			if (s->cache[i].h) /* most sentences computed nothing: no call */
				free(s->cache[i].h);
	free(s->cache);
	free(s->may);
	free(s->stems);
	free(s->full);
	free(s->at_range);
	if (s->at) {
		free(s->at->a);
		free(s->at->ws);
	}
	free(s->hits);
	free(s->sent_hit0);
	pcre2_match_data_free(s->md);
}

size_t cls_cue_first(const struct scratch *s, size_t sent, enum cue q, size_t from, size_t to)
{
	const struct hit *h;
	size_t n = cls_group_hits(s, sent, cls_group_index(G_CUE, q), &h);
	for (size_t k = 0; k < n; k++)
		if (h[k].start >= from && h[k].end <= to)
			return h[k].start;
	return SIZE_MAX;
}

size_t cls_cue_last(const struct scratch *s, size_t sent, enum cue q, size_t from, size_t to)
{
	const struct hit *h;
	size_t n = cls_group_hits(s, sent, cls_group_index(G_CUE, q), &h), best = SIZE_MAX;
	for (size_t k = 0; k < n; k++)
		if (h[k].start >= from && h[k].end <= to)
			best = h[k].start;
	return best;
}

bool cls_cue_in(const struct scratch *s, size_t sent, enum cue q, size_t from, size_t to)
{
	return cls_cue_first(s, sent, q, from, to) != SIZE_MAX;
}
