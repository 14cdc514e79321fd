/*
 * bench/extract_bench.c — speed of the article extractor against libxml2's bare HTML
 * parse of the same pages, measured in the same process and run, on one core.
 *
 *   extract_bench [--repeat N] DIR|FILE...
 *
 * Every page (DIR/html/<id>.html[.gz], the .html[.gz] files of DIR, or the files named) is read
 * into memory first. Then N rounds, each one pass of bare htmlReadMemory+xmlFreeDoc
 * over all pages followed by one pass of full nm_extract_article (charset, parse,
 * metadata, main text, into a fresh nm_doc); alternating keeps machine noise fair to
 * both. Reports CPU seconds (this process), pages/s, MB/s (10^6 bytes of HTML), the
 * ratio extract/parse, and peak RSS (VmHWM).
 */
#include "extract/extract.h"

#include <dirent.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct page {
	char *data;
	size_t len;
};

static struct page *pages;
static size_t n_pages, cap_pages, total_bytes;

static void load(const char *path)
{
	struct nm_buf b = NM_BUF_INIT(NM_EXTRACT_INPUT_MAX);
	struct nm_err err = {0};
	if (nm_buf_read_file(&b, path, &err)) {
		fprintf(stderr, "extract_bench: %s: %s\n", path, err.msg);
		exit(66);
	}
	if (n_pages == cap_pages) {
		cap_pages = cap_pages ? 2 * cap_pages : 256;
		pages = nm_xrealloc(pages, cap_pages * sizeof(*pages));
	}
	pages[n_pages].data = nm_buf_take(&b, &pages[n_pages].len);
	total_bytes += pages[n_pages].len;
	n_pages++;
}

static bool is_page(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && !strcmp(name + n - 5, ".html")) || (n > 8 && !strcmp(name + n - 8, ".html.gz"));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_dir(const char *dir)
{
	char sub[4096], path[8192];
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;

	snprintf(sub, sizeof(sub), "%s/html", dir);
	if (!stat(sub, &st) && S_ISDIR(st.st_mode))
		dir = sub;
	if (!(d = opendir(dir))) {
		fprintf(stderr, "extract_bench: cannot open '%s'\n", dir);
		exit(66);
	}
	while ((e = readdir(d))) {
		if (!is_page(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			names = nm_xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = nm_xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		load(path);
		free(names[i]);
	}
	free(names);
}

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double wall_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmHWM:", 6))
			kib = strtol(line + 6, NULL, 10);
	fclose(f);
	return kib;
}

static size_t sink;

static void pass_parse(void)
{
	for (size_t i = 0; i < n_pages; i++) {
		htmlDocPtr h = htmlReadMemory(pages[i].data, (int)pages[i].len, NULL, "UTF-8",
					      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
						      HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
						      HTML_PARSE_COMPACT);
		sink += h != NULL;
		xmlFreeDoc(h);
	}
}

static size_t failures;

static void pass_extract(void)
{
	for (size_t i = 0; i < n_pages; i++) {
		struct nm_doc *doc = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
		struct nm_extract_opts o = {.url = "https://example.com/2019/11/18/story.html"};
		if (nm_extract_article(doc, pages[i].data, pages[i].len, &o, NULL))
			failures++;
		else
			sink += doc->text_len;
		nm_doc_free(doc);
	}
}

int main(int argc, char **argv)
{
	int repeat = 5;
	double cpu_parse = 0, cpu_extract = 0, wall_parse = 0, wall_extract = 0;
	long rss_loaded;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (!strcmp(argv[i], "--repeat") && i + 1 < argc) {
			repeat = (int)strtol(argv[++i], NULL, 10);
			if (repeat < 1)
				repeat = 1;
		} else if (!stat(argv[i], &st) && S_ISDIR(st.st_mode)) {
			load_dir(argv[i]);
		} else {
			load(argv[i]);
		}
	}
	if (!n_pages) {
		fprintf(stderr, "usage: extract_bench [--repeat N] DIR|FILE...\n");
		return 64;
	}
	xmlInitParser();
	rss_loaded = peak_rss_kib();
	pass_extract(); /* warm-up: first-use costs (iconv tables, allocator) out of the figure */
	for (int r = 0; r < repeat; r++) {
		double c0 = cpu_now(), w0 = wall_now();
		pass_parse();
		double c1 = cpu_now(), w1 = wall_now();
		pass_extract();
		double c2 = cpu_now(), w2 = wall_now();
		cpu_parse += c1 - c0, wall_parse += w1 - w0;
		cpu_extract += c2 - c1, wall_extract += w2 - w1;
	}
	double pages_done = (double)n_pages * repeat, mb = (double)total_bytes * repeat / 1e6;
	printf("pages: %zu (%.2f MB of HTML) x %d passes\n", n_pages, (double)total_bytes / 1e6, repeat);
	printf("%-22s %8.3f cpu s %8.3f wall s %9.1f pages/s %8.2f MB/s\n", "bare htmlReadMemory",
	       cpu_parse, wall_parse, pages_done / cpu_parse, mb / cpu_parse);
	printf("%-22s %8.3f cpu s %8.3f wall s %9.1f pages/s %8.2f MB/s\n", "newsmine extract",
	       cpu_extract, wall_extract, pages_done / cpu_extract, mb / cpu_extract);
	printf("ratio extract/parse: %.2fx cpu (%.2fx wall); target <= 1.50x\n", cpu_extract / cpu_parse,
	       wall_extract / wall_parse);
	printf("peak RSS: %.1f MiB (%.1f MiB with the pages loaded, before the loop)\n",
	       peak_rss_kib() / 1024.0, rss_loaded / 1024.0);
	printf("extract pages/s (cpu): %.1f\n", pages_done / cpu_extract);
	printf("extract pages/s (wall): %.1f\n", pages_done / wall_extract);
	if (failures)
		printf("failures: %zu\n", failures);
	for (size_t i = 0; i < n_pages; i++)
		free(pages[i].data);
	free(pages);
	return sink == 0 ? 1 : 0;
}
