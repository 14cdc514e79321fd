/*
 * bench/classify_bench.c — what classification adds to extraction + mentions, measured
 * on the same pages in the same process and run.
 *
 *   classify_bench [--repeat N] [--classify-only] DIR|FILE...
 *
 * Every page (the .txt/.html files of each DIR, or the files named; .txt is plain text)
 * is read into memory first. Each round then takes every page through the pipeline
 * into a fresh nm_doc: nm_extract_article + nm_extract_mentions (the baseline), then
 * nm_classify, timing the two parts separately with the process CPU clock. Reports the
 * CPU seconds of each part, pages/s, and the ratio classify / (extract + mentions).
 * --classify-only extracts each page once and then classifies it N times (for perf).
 */
#include "classify/classify.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct page {
	char *data;
	size_t len;
	bool text;
};

static struct page *pages;
static size_t n_pages, cap_pages;

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

static void load(const char *path)
{
	struct nm_buf b = NM_BUF_INIT(NM_EXTRACT_INPUT_MAX);
	struct nm_err err = {0};
	if (nm_buf_read_file(&b, path, &err)) {
		fprintf(stderr, "classify_bench: %s: %s\n", path, err.msg);
		exit(66);
	}
	if (n_pages == cap_pages) {
		cap_pages = cap_pages ? 2 * cap_pages : 64;
		pages = nm_xrealloc(pages, cap_pages * sizeof(*pages));
	}
	pages[n_pages].text = !ends_with(path, ".html") && !ends_with(path, ".htm");
	pages[n_pages].data = nm_buf_take(&b, &pages[n_pages].len);
	n_pages++;
}

static void load_dir(const char *dir)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, alphasort);
	if (n < 0) {
		load(dir);
		return;
	}
	for (int i = 0; i < n; i++) {
		char path[4096];
		if (ends_with(list[i]->d_name, ".txt") || ends_with(list[i]->d_name, ".html")) {
			snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name);
			load(path);
		}
		free(list[i]);
	}
	free(list);
}

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Extract every page once, then classify each page repeat times. */
static int classify_only(const struct nm_mentioner *mentioner, const struct nm_classifier *classifier,
			 int repeat)
{
	struct nm_err err = {0};
	double cls = 0;
	size_t bytes = 0;
	for (size_t p = 0; p < n_pages; p++) {
		struct nm_doc *doc = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
		struct nm_extract_opts opts = {.plain_text = pages[p].text};
		double t0;
		if (nm_extract_article(doc, pages[p].data, pages[p].len, &opts, &err) ||
		    nm_extract_mentions(mentioner, doc, &err)) {
			fprintf(stderr, "classify_bench: page %zu: %s\n", p, err.msg);
			return 65;
		}
		bytes += doc->text_len;
		t0 = cpu_now();
		for (int r = 0; r < repeat; r++)
			if (nm_classify(classifier, doc, &err)) {
				fprintf(stderr, "classify_bench: page %zu: %s\n", p, err.msg);
				return 65;
			}
		cls += cpu_now() - t0;
		nm_doc_free(doc);
	}
	printf("classify only: %zu pages x %d, %.3f s CPU, %.2f us/page, %.0f MB/s of text\n", n_pages,
	       repeat, cls, cls * 1e6 / ((double)n_pages * repeat), bytes * (double)repeat / cls / 1e6);
	return 0;
}

int main(int argc, char **argv)
{
	int repeat = 20, i = 1;
	bool only = false;
	struct nm_rules *rules;
	struct nm_mentioner *mentioner;
	struct nm_classifier *classifier;
	struct nm_err err = {0};
	double base = 0, cls = 0, split = 0;
	size_t events = 0;

	if (argc > 2 && !strcmp(argv[1], "--repeat")) {
		repeat = (int)strtol(argv[2], NULL, 10);
		i = 3;
	}
	if (i < argc && !strcmp(argv[i], "--classify-only")) {
		only = true;
		i++;
	}
	for (; i < argc; i++)
		load_dir(argv[i]);
	if (!n_pages || repeat < 1) {
		fprintf(stderr, "usage: classify_bench [--repeat N] DIR|FILE...\n");
		return 64;
	}
	if (nm_rules_load(NULL, &rules, &err) || nm_mentioner_new(rules, &mentioner, &err) ||
	    nm_classifier_new(rules, &classifier, &err)) {
		fprintf(stderr, "classify_bench: %s\n", err.msg);
		return 78;
	}
	if (only)
		return classify_only(mentioner, classifier, repeat);
	for (int r = 0; r < repeat; r++) {
		for (size_t p = 0; p < n_pages; p++) {
			struct nm_doc *doc = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
			struct nm_extract_opts opts = {.plain_text = pages[p].text};
			double t0 = cpu_now(), t1, t2, ts;
			if (nm_extract_article(doc, pages[p].data, pages[p].len, &opts, &err)) {
				fprintf(stderr, "classify_bench: page %zu: %s\n", p, err.msg);
				return 65;
			}
			/* the sentence split, which the mention layer runs and classify/ reuses:
			 * in the baseline, and reported on its own */
			ts = cpu_now();
			enum nm_code rc = nm_extract_sentences(doc, &err);
			split += cpu_now() - ts;
			if (rc || nm_extract_mentions(mentioner, doc, &err)) {
				fprintf(stderr, "classify_bench: page %zu: %s\n", p, err.msg);
				return 65;
			}
			t1 = cpu_now();
			if (nm_classify(classifier, doc, &err)) {
				fprintf(stderr, "classify_bench: page %zu: %s\n", p, err.msg);
				return 65;
			}
			t2 = cpu_now();
			base += t1 - t0;
			cls += t2 - t1;
			events += doc->n_events;
			nm_doc_free(doc);
		}
	}
	printf("pages %zu x %d rounds, %zu events\n", n_pages, repeat, events / (size_t)repeat);
	printf("extract+mentions  %.3f s CPU  %.0f pages/s  (baseline)\n", base,
	       n_pages * repeat / base);
	printf("classify          %.3f s CPU  %.0f pages/s  %.1f us/page\n", cls, n_pages * repeat / cls,
	       cls * 1e6 / ((double)n_pages * repeat));
	/* Issue 6's target is on pages as a crawl feeds them (HTML: extraction parses each);
	 * on plain text extraction costs little and the ratio is near classify / mentions */
	size_t n_text = 0;
	for (size_t p = 0; p < n_pages; p++)
		n_text += pages[p].text;
	if (n_text)
		printf("classify / (extract+mentions) = %.3f  (%zu of %zu pages plain text: not the "
		       "target's measure)\n",
		       cls / base, n_text, n_pages);
	else
		printf("classify / (extract+mentions) = %.3f  (target <= 0.20: %s)\n", cls / base,
		       cls / base <= 0.20 ? "met" : "missed");
	printf("  of the baseline, the sentence split (shared with classify/): %.1f us/page; "
	       "counted on classify's side instead: %.3f\n",
	       split * 1e6 / ((double)n_pages * repeat), (cls + split) / (base - split));
	nm_classifier_free(classifier);
	nm_mentioner_free(mentioner);
	nm_rules_free(rules);
	for (size_t p = 0; p < n_pages; p++)
		free(pages[p].data);
	free(pages);
	return 0;
}
