/*
 * bench/mentions_bench.c — throughput of the whole mention layer (nm_extract_mentions:
 * the pattern scan, the asset scan, ranges, qualifiers, binding, the records) against
 * a floor measured in the same run on the same text: one PCRE2-JIT scan for a trivial
 * pattern (every digit run, \d+), which is the least any regex layer has to do.
 *
 * usage: mentions_bench MIN_MB FILE...   (each file is one article)
 * Prints MB/s for both and their ratio; 1 MB = 10^6 bytes; one core. Times are the
 * thread's CPU time (the machine is shared: wall-clock time measures the neighbours),
 * the best of five runs of each, the two alternating.
 *
 * A third line splits the layer's time: its PCRE2 match attempts alone, replayed at the
 * places and with the alternations the layer used (recorded by mentions_traced), with
 * nothing else around them. That is the part of the layer the rule files decide, and
 * the least the layer costs with these rules whatever the code around them does.
 *
 *        mentions_bench -l|-f|-r PASSES FILE...
 * Runs only the layer (-l), the floor (-f) or the replayed attempts (-r), PASSES times,
 * untimed: for counting instructions under valgrind (bench/mentions.sh with INSTR=1),
 * which a shared machine does not disturb.
 */
#include "extract/mentions_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The floor runs this many times the passes, so that its runs last about as long as the
 * layer's: a best-of-five over short runs would favour it. */
#define FLOOR_X 10

/* The match attempts of one document, as the layer made them. */
struct attempts {
	struct mattempt *v;
	size_t n, cap;
};

static void record(void *arg, const struct mattempt *a)
{
	struct attempts *at = arg;
	if (at->n == at->cap) {
		at->cap = at->cap ? 2 * at->cap : 64;
		at->v = nm_xrealloc(at->v, at->cap * sizeof(*at->v));
	}
	at->v[at->n++] = *a;
}

/* The attempts again, on their own: what the rules cost. */
static long replay(const struct attempts *at, const struct nm_doc *doc, pcre2_match_data *md)
{
	long hits = 0;
	for (size_t i = 0; i < at->n; i++) {
		const struct mattempt *a = &at->v[i];
		int r = a->jit ? pcre2_jit_match(a->re, (PCRE2_SPTR)doc->text, a->lim, a->at, 0, md, NULL) :
				 pcre2_match(a->re, (PCRE2_SPTR)doc->text, a->lim, a->at, PCRE2_NO_UTF_CHECK, md,
					     NULL);
		hits += r > 0;
	}
	return hits;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct nm_rules *rules;
	struct nm_mentioner *m;
	struct nm_err err = {0};
	struct nm_doc **docs;
	int ndocs = argc - 2;
	int only = 0; /* 'l', 'f' or 'r': one side, untimed */
	size_t total = 0, mentions = 0, tries = 0;
	double min_mb, t0, t_layer, t_floor, t_replay;
	long rounds = 0, hits = 0; /* matches of the floor and the replay: work the compiler keeps */
	struct attempts *att;

	if (argc < 3) {
		fprintf(stderr, "usage: mentions_bench MIN_MB FILE...\n");
		return 64;
	}
	if (argv[1][0] == '-' && (argv[1][1] == 'l' || argv[1][1] == 'f' || argv[1][1] == 'r') && argc >= 4) {
		only = argv[1][1];
		argv++;
		argc--;
		ndocs--;
	}
	min_mb = strtod(argv[1], NULL);
	if (nm_rules_load(NULL, &rules, &err) || nm_mentioner_new(rules, &m, &err)) {
		fprintf(stderr, "rules: %s\n", err.msg);
		return 78;
	}
	docs = nm_xcalloc((size_t)ndocs, sizeof(*docs));
	att = nm_xcalloc((size_t)ndocs, sizeof(*att));
	for (int i = 0; i < ndocs; i++) {
		struct nm_buf b = NM_BUF_INIT((size_t)64 << 20);
		if (nm_buf_read_file(&b, argv[i + 2], &err)) {
			fprintf(stderr, "%s\n", err.msg);
			return 66;
		}
		docs[i] = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
		if (nm_doc_set_text(docs[i], b.data ? b.data : "", b.len))
			return 70;
		total += docs[i]->text_len;
		nm_buf_release(&b);
	}
	if (!total)
		return 65;
	rounds = (long)(min_mb * 1e6 / (double)total) + 1;
	if (only)
		rounds = (long)min_mb; /* PASSES */

	/* warm-up, the mention count of one pass, and its match attempts */
	for (int i = 0; i < ndocs; i++) {
		docs[i]->n_mentions = 0;
		if (mentions_traced(m, docs[i], 0, record, &att[i], &err)) {
			fprintf(stderr, "mentions: %s\n", err.msg);
			return 70;
		}
		mentions += docs[i]->n_mentions;
		tries += att[i].n;
	}
	pcre2_match_data *md_r = pcre2_match_data_create(m->ovec_pairs, NULL);
	/* the floor: one JIT scan of the same text for \d+ */
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR) "\\d+", PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ec, &eo,
				       NULL);
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	if (only) {
		for (long r = 0; r < rounds; r++)
			for (int i = 0; i < ndocs; i++) {
				PCRE2_SIZE at = 0, n = docs[i]->text_len;
				docs[i]->n_mentions = 0;
				if (only == 'l')
					nm_extract_mentions(m, docs[i], NULL);
				else if (only == 'r')
					hits += replay(&att[i], docs[i], md_r);
				else
					while (pcre2_jit_match(re, (PCRE2_SPTR)docs[i]->text, n, at, 0, md,
							       NULL) > 0) {
						at = pcre2_get_ovector_pointer(md)[1];
						hits++;
					}
			}
		printf("%s: %ld passes\n", only == 'l' ? "layer" : only == 'r' ? "attempts" : "floor", rounds);
		goto out;
	}
	/* the three alternate, five times each, so all see the same neighbours */
	t_layer = t_floor = t_replay = INFINITY;
	for (int rep = 0; rep < 5; rep++) {
		t0 = now();
		for (long r = 0; r < rounds; r++)
			for (int i = 0; i < ndocs; i++) {
				docs[i]->n_mentions = 0;
				if (nm_extract_mentions(m, docs[i], &err)) {
					fprintf(stderr, "mentions: %s\n", err.msg);
					return 70;
				}
			}
		t0 = now() - t0;
		if (t0 < t_layer)
			t_layer = t0;
		t0 = now();
		for (long r = 0; r < rounds * FLOOR_X; r++)
			for (int i = 0; i < ndocs; i++) {
				PCRE2_SIZE at = 0, n = docs[i]->text_len;
				while (pcre2_jit_match(re, (PCRE2_SPTR)docs[i]->text, n, at, 0, md, NULL) > 0) {
					at = pcre2_get_ovector_pointer(md)[1];
					hits++;
				}
			}
		t0 = (now() - t0) / FLOOR_X;
		if (t0 < t_floor)
			t_floor = t0;
		t0 = now();
		for (long r = 0; r < rounds; r++)
			for (int i = 0; i < ndocs; i++)
				hits += replay(&att[i], docs[i], md_r);
		t0 = now() - t0;
		if (t0 < t_replay)
			t_replay = t0;
	}
	{
		double mb = (double)total * (double)rounds / 1e6;
		double layer = mb / t_layer, fl = mb / t_floor;
		printf("text: %d articles, %.3f MB per pass, %ld passes (%.1f MB), %zu mentions per pass\n",
		       ndocs, (double)total / 1e6, rounds, mb, mentions);
		printf("floor (one PCRE2-JIT scan for \\d+):   %8.1f MB/s of CPU time\n", fl);
		printf("mention layer (nm_extract_mentions): %8.1f MB/s of CPU time  (%.2fx the floor's time)\n", layer,
		       fl / layer);
		printf("  of which its %zu PCRE2 match attempts a pass, replayed alone: %.1f MB/s  (%.2fx the floor's time)\n",
		       tries, mb / t_replay, fl / (mb / t_replay));
	}
out:
	for (int i = 0; i < ndocs; i++)
		free(att[i].v);
	free(att);
	pcre2_match_data_free(md_r);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	for (int i = 0; i < ndocs; i++)
		nm_doc_free(docs[i]);
	free(docs);
	nm_mentioner_free(m);
	nm_rules_free(rules);
	return hits < 0;
}
