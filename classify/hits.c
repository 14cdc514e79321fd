/*
 * classify/hits.c — step 2 of classify/: rule hits, found only where they can be.
 *
 * Running every rule over the whole text costs about as much per rule as the whole
 * mention pass, so nothing runs blind. One cheap pass over the words of each sentence
 * looks up every word prefix in the anchor table (`event-anchor` lines): a group runs
 * on a sentence only when the sentence holds one of its anchor stems (groups without
 * anchors may run anywhere). Trigger groups then run on their candidate sentences;
 * cue and veto groups run on a sentence only when a later step asks about it (the
 * sentences of trigger hits and their neighbours), and the answer is kept. Matching is
 * confined to the sentence, so no rule spans two sentences.
 */
#include "classify/classify_int.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a, one byte at a time, so the prefixes of a word hash incrementally. */
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

static uint64_t lookup_hashed(const struct nm_classifier *c, uint64_t h, const char *s, size_t n)
{
	const struct anchor *a = find_hashed(c, h, s, n);
	return a ? a->mask : 0;
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

/*
 * A rule runs only on sentences holding a stem it needs: the group's stems written
 * literally in its pattern, plus the group's stems no rule writes literally (a stem
 * spelled with regex syntax, such as "ran" for r[au]n, could belong to any rule). A
 * rule that writes none of them runs whenever its group may.
 */
void cls_anchor_gates(struct nm_classifier *c)
{
	if (!c->anchors)
		return;
	for (int gi = 0; gi < NGROUPS; gi++) {
		struct rule_group *g = &c->groups[gi];
		uint64_t orphans[STEM_WORDS] = {0};
		if (!g->n || !(c->anchored & ((uint64_t)1 << gi)))
			continue;
		g->gate = nm_xcalloc(g->n, sizeof(*g->gate));
		for (size_t i = 0; i < ANCHOR_SLOTS; i++) {
			const struct anchor *a = &c->anchors[i];
			bool used = false;
			if (!a->len || a->id == UINT16_MAX || !(a->mask & ((uint64_t)1 << gi)))
				continue;
			for (size_t r = 0; r < g->n; r++)
				if (literal_in(g->patterns[r], a->stem)) {
					g->gate[r][a->id / 64] |= (uint64_t)1 << (a->id % 64);
					used = true;
				}
			if (!used)
				orphans[a->id / 64] |= (uint64_t)1 << (a->id % 64);
		}
		for (size_t r = 0; r < g->n; r++) {
			bool any = false;
			for (int w = 0; w < STEM_WORDS; w++)
				any |= g->gate[r][w] != 0;
			for (int w = 0; w < STEM_WORDS && any; w++)
				g->gate[r][w] |= orphans[w];
		}
	}
}

uint64_t cls_anchor_lookup(const struct nm_classifier *c, const char *s, size_t n)
{
	if (!c->anchors || !n || n >= ANCHOR_STEM_MAX)
		return 0;
	return lookup_hashed(c, stem_hash(s, n), s, n);
}

static bool add_entry(struct nm_classifier *c, const char *stem, size_t n, int gi);

/*
 * Every proper prefix of a stem is in the table too, with no groups, so the scan of a
 * word stops at the first prefix that no stem starts with.
 */
bool cls_anchor_add(struct nm_classifier *c, const char *stem, size_t n, int gi)
{
	if (!n || n >= ANCHOR_STEM_MAX)
		return false;
	for (size_t l = 1; l < n; l++)
		if (!add_entry(c, stem, l, -1))
			return false;
	return add_entry(c, stem, n, gi);
}

static bool add_entry(struct nm_classifier *c, const char *stem, size_t n, int gi)
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
				if (c->n_anchors >= STEMS_MAX)
					return false;
				a->id = (uint16_t)c->n_anchors++;
			}
			a->mask |= (uint64_t)1 << gi;
			c->anchored |= (uint64_t)1 << gi;
			return true;
		}
	}
	return false;
}

/* Which groups may match each sentence: every word prefix looked up once. */
static void scan_anchors(struct scratch *s)
{
	const struct nm_doc *doc = s->doc;
	const char *t = doc->text;
	uint64_t free_groups = ~s->c->anchored;

	for (size_t i = 0; i < doc->n_sentences; i++) {
		struct nm_span sp = doc->sentences[i];
		uint64_t m = free_groups;
		size_t k = sp.start;
		while (k < sp.end) {
			char w[ANCHOR_STEM_MAX];
			size_t n = 0;
			if (!nm_isalnum((unsigned char)t[k]) && t[k] != '&') {
				k++;
				continue;
			}
			while (k < sp.end && (nm_isalnum((unsigned char)t[k]) || t[k] == '&')) {
				if (n < sizeof(w))
					w[n++] = (char)nm_tolower((unsigned char)t[k]);
				k++;
			}
			if (s->c->anchors) {
				uint64_t h = FNV_OFFSET;
				for (size_t l = 1; l <= n && l < ANCHOR_STEM_MAX; l++) {
					const struct anchor *a;
					h = fnv_step(h, (unsigned char)w[l - 1]);
					if (!(a = find_hashed(s->c, h, w, l)))
						break; /* no stem starts with w[0..l): none longer will */
					if (a->id == UINT16_MAX)
						continue;
					m |= a->mask;
					s->stems[i][a->id / 64] |= (uint64_t)1 << (a->id % 64);
				}
			}
		}
		s->may[i] = m;
	}
}

static size_t next_char(const char *t, size_t i, size_t n)
{
	i++;
	while (i < n && ((unsigned char)t[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* Run group gi over sentence sent and keep its hits (nothing when it cannot match). */
static void compute(const struct scratch *s, size_t sent, int gi)
{
	const struct rule_group *g = &s->c->groups[gi];
	struct sent_cache *sc = &s->cache[sent];
	struct nm_span sp = s->doc->sentences[sent];
	const char *t = s->doc->text;

	sc->done |= (uint64_t)1 << gi;
	sc->first[gi] = (uint32_t)sc->n;
	sc->count[gi] = 0;
	if (!g->n || !(s->may[sent] & ((uint64_t)1 << gi)))
		return;
	for (size_t r = 0; r < g->n; r++) {
		size_t off = sp.start;
		if (g->gate) {
			bool needed = false, gated = false;
			for (int w = 0; w < STEM_WORDS; w++) {
				gated |= g->gate[r][w] != 0;
				needed |= (g->gate[r][w] & s->stems[sent][w]) != 0;
			}
			if (gated && !needed)
				continue;
		}
		while (off < sp.end) {
			int rc = pcre2_match(g->codes[r], (PCRE2_SPTR)t, sp.end, off, PCRE2_NO_UTF_CHECK,
					     s->md, NULL);
			PCRE2_SIZE *ov;
			if (rc < 0)
				break;
			ov = pcre2_get_ovector_pointer(s->md);
			if (ov[1] == ov[0]) {
				off = next_char(t, ov[0], sp.end);
				continue;
			}
			if (sc->n == sc->cap) {
				sc->cap = sc->cap ? 2 * sc->cap : 8;
				sc->h = nm_xrealloc(sc->h, sc->cap * sizeof(*sc->h));
			}
			sc->h[sc->n++] = (struct hit){gi, (int)r, ov[0], ov[1], sent};
			sc->count[gi]++;
			off = ov[1];
		}
	}
	/* the group's hits in text order (rules ran one after another) */
	for (size_t i = sc->first[gi] + 1; i < sc->n; i++)
		for (size_t j = i; j > sc->first[gi] && sc->h[j].start < sc->h[j - 1].start; j--) {
			struct hit tmp = sc->h[j];
			sc->h[j] = sc->h[j - 1];
			sc->h[j - 1] = tmp;
		}
}

size_t cls_group_hits(const struct scratch *s, size_t sent, int gi, const struct hit **out)
{
	struct sent_cache *sc = &s->cache[sent];
	if (!(sc->done & ((uint64_t)1 << gi)))
		compute(s, sent, gi);
	*out = sc->h ? sc->h + sc->first[gi] : NULL;
	return sc->count[gi];
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
	s->stems = nm_xcalloc(doc->n_sentences + 1, sizeof(*s->stems));
	s->cache = nm_xcalloc(doc->n_sentences + 1, sizeof(*s->cache));
	s->sent_hit0 = nm_xcalloc(doc->n_sentences + 1, sizeof(*s->sent_hit0));
	scan_anchors(s);
	for (size_t i = 0; i < doc->n_sentences; i++) {
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
			free(s->cache[i].h);
	free(s->cache);
	free(s->may);
	free(s->stems);
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
