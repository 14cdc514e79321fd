/*
 * cli/eval_extraction.c — `newsmine eval extraction DIR`: score the article extractor on
 * a directory laid out like the article-extraction-benchmark (html/<id>.html[.gz] and
 * ground-truth.json {id: {articleBody, url}}), with exactly the benchmark's metric:
 * tokens are maximal runs of Unicode L/N code points or '_', shingles of 4 tokens (one
 * shingle of the whole sequence when shorter) counted as a multiset, macro precision
 * (documents with an empty prediction left out) and recall, F1 of the two means, and
 * accuracy = identical token sequences.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "cli/cli.h"

#include <jansson.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char eval_usage[] =
	"usage: newsmine eval extraction DIR [--per-doc] [--dump OUTDIR]\n"
	"\n"
	"Extract every DIR/html/<id>.html(.gz) page (URL from DIR/ground-truth.json) and score\n"
	"the main text against the ground truth's articleBody: shingles of 4 tokens, macro\n"
	"precision and recall, F1 of the means, accuracy. Prints\n"
	"  f1= precision= recall= accuracy= n=\n"
	"  --per-doc      also list the documents scoring below 1, worst first\n"
	"  --dump OUTDIR  write each predicted text to OUTDIR/<id>.txt\n";

#define SHINGLE 4

struct tok {
	size_t off, len;
};

struct toks {
	const char *s;
	struct tok *v;
	size_t n, cap;
};

static void toks_add(struct toks *t, size_t off, size_t len)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 256;
		t->v = nm_xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n].off = off;
	t->v[t->n].len = len;
	t->n++;
}

/* Tokens of s (valid UTF-8): maximal runs of [\p{L}\p{N}_]. */
static void tokenize(const pcre2_code *re, pcre2_match_data *md, const char *s, size_t n,
		     struct toks *out)
{
	size_t at = 0;
	out->s = s;
	out->n = 0;
	while (at < n) {
		int rc = pcre2_match(re, (PCRE2_SPTR)s, n, at, PCRE2_NO_UTF_CHECK, md, NULL);
		if (rc < 0)
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		toks_add(out, ov[0], ov[1] - ov[0]);
		at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
}

static uint64_t tok_hash(const struct toks *t, size_t i)
{
	return nm_hash64(t->s + t->v[i].off, t->v[i].len);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The multiset of shingles, as sorted 64-bit hashes. */
static uint64_t *shingles(const struct toks *t, size_t *count)
{
	size_t k = t->n, n = k >= SHINGLE ? k - SHINGLE + 1 : (k ? 1 : 0);
	size_t w = k >= SHINGLE ? SHINGLE : k;
	uint64_t *th = nm_xmalloc((k + 1) * sizeof(*th));
	uint64_t *sh = nm_xmalloc((n + 1) * sizeof(*sh));
	for (size_t i = 0; i < k; i++)
		th[i] = tok_hash(t, i);
	for (size_t i = 0; i < n; i++) {
		uint64_t h = 1469598103934665603ULL ^ w;
		for (size_t j = 0; j < w; j++) {
			h ^= th[i + j];
			h *= 1099511628211ULL;
			h ^= h >> 29;
		}
		sh[i] = h;
	}
	free(th);
	qsort(sh, n, sizeof(*sh), cmp_u64);
	*count = n;
	return sh;
}

struct counts {
	double tp, fp, fn;
};

static struct counts compare(const struct toks *truth, const struct toks *pred)
{
	size_t nt, np, i = 0, j = 0;
	uint64_t *t = shingles(truth, &nt), *p = shingles(pred, &np);
	struct counts c = {0, 0, 0};
	while (i < nt || j < np) {
		if (j >= np || (i < nt && t[i] < p[j])) {
			c.fn++, i++;
		} else if (i >= nt || p[j] < t[i]) {
			c.fp++, j++;
		} else {
			c.tp++, i++, j++;
		}
	}
	free(t);
	free(p);
	return c;
}

static bool same_tokens(const struct toks *a, const struct toks *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].len != b->v[i].len ||
		    memcmp(a->s + a->v[i].off, b->s + b->v[i].off, a->v[i].len))
			return false;
	return true;
}

struct docscore {
	const char *id;
	double p, r;   /* -1 = undefined */
	bool exact;
};

static int cmp_key(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static double f1_of(double p, double r)
{
	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static int cmp_doc(const void *a, const void *b)
{
	const struct docscore *x = a, *y = b;
	double fx = f1_of(x->p < 0 ? 0 : x->p, x->r < 0 ? 0 : x->r);
	double fy = f1_of(y->p < 0 ? 0 : y->p, y->r < 0 ? 0 : y->r);
	return fx < fy ? -1 : fx > fy;
}

/* Read DIR/html/<id>.html.gz or .html. */
static enum nm_code read_page(const char *dir, const char *id, struct nm_buf *b, struct nm_err *err)
{
	char path[4096];
	struct stat st;
	snprintf(path, sizeof(path), "%s/html/%s.html.gz", dir, id);
	if (stat(path, &st))
		snprintf(path, sizeof(path), "%s/html/%s.html", dir, id);
	return nm_buf_read_file(b, path, err);
}

static void dump(const char *outdir, const char *id, const struct nm_doc *doc)
{
	char path[4096];
	FILE *f;
	snprintf(path, sizeof(path), "%s/%s.txt", outdir, id);
	if (!(f = fopen(path, "wb"))) {
		nm_log(NM_LOG_WARN, "cannot write '%s'", path);
		return;
	}
	fwrite(doc->text, 1, doc->text_len, f);
	fclose(f);
}

int eval_extraction(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"per-doc", no_argument, NULL, 'p'},
		{"dump", required_argument, NULL, 'd'},
		NM_CLI_COMMON_OPTS,
		{NULL, 0, NULL, 0},
	};
	bool per_doc = false;
	const char *outdir = NULL, *dir;
	char path[4096];
	json_error_t jerr;
	json_t *gt;
	int opt, errcode;
	PCRE2_SIZE erroff;
	pcre2_code *re;
	pcre2_match_data *md;
	struct toks tt = {0}, tp = {0};
	const char **ids;
	size_t n_ids = 0, n_p = 0, n_r = 0, n_exact = 0, n_fail = 0, n_listing = 0;
	double sum_p = 0, sum_r = 0;
	struct docscore *ds;
	const char *key;
	json_t *val;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "pd:qvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'p': per_doc = true; break;
		case 'd': outdir = optarg; break;
		case 'h': return nm_cli_usage(eval_usage, true);
		default:
			if (!nm_cli_common(opt, optarg))
				return nm_cli_usage(eval_usage, false);
		}
	}
	if (optind != argc - 1) {
		nm_log(NM_LOG_ERROR, "eval extraction: give exactly one DIR");
		return nm_cli_usage(eval_usage, false);
	}
	dir = argv[optind];
	snprintf(path, sizeof(path), "%s/ground-truth.json", dir);
	if (!(gt = json_load_file(path, 0, &jerr))) {
		struct stat st;
		nm_log(NM_LOG_ERROR, "eval extraction: %s: %s", path, jerr.text);
		return stat(path, &st) ? EX_NOINPUT_ : EX_DATAERR_;
	}
	if (!json_is_object(gt)) {
		nm_log(NM_LOG_ERROR, "eval extraction: %s: not a JSON object", path);
		json_decref(gt);
		return EX_DATAERR_;
	}
	re = pcre2_compile((PCRE2_SPTR) "[\\p{L}\\p{N}_]+", PCRE2_ZERO_TERMINATED, PCRE2_UTF,
			   &errcode, &erroff, NULL);
	if (!re)
		NM_BUG("token pattern does not compile");
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	md = pcre2_match_data_create_from_pattern(re, NULL);

	ids = nm_xmalloc((json_object_size(gt) + 1) * sizeof(*ids));
	json_object_foreach(gt, key, val)
		ids[n_ids++] = key;
	qsort(ids, n_ids, sizeof(*ids), cmp_key);
	ds = nm_xcalloc(n_ids + 1, sizeof(*ds));

	for (size_t i = 0; i < n_ids; i++) {
		json_t *o = json_object_get(gt, ids[i]);
		const char *truth = json_string_value(json_object_get(o, "articleBody"));
		const char *url = json_string_value(json_object_get(o, "url"));
		struct nm_buf page = NM_BUF_INIT(NM_EXTRACT_INPUT_MAX);
		struct nm_extract_opts opts = {.url = url};
		struct nm_err err = {0};
		struct nm_doc *doc = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
		const char *pred = "";
		size_t pred_len = 0;
		enum nm_code rc;

		ds[i].id = ids[i];
		if ((rc = read_page(dir, ids[i], &page, &err)) ||
		    (rc = nm_extract_article(doc, nm_buf_str(&page), page.len, &opts, &err))) {
			nm_log(NM_LOG_WARN, "%s: %s", ids[i], err.msg[0] ? err.msg : nm_strerror(rc));
			n_fail++;
		} else {
			pred = doc->text;
			pred_len = doc->text_len;
			/* every benchmark page is an article: a listing here is a misclassification */
			if (doc->page_type != NM_PAGE_ARTICLE) {
				nm_log(NM_LOG_WARN, "%s: classified as a %s page", ids[i],
				       nm_page_type_name(doc->page_type));
				n_listing++;
			}
			if (outdir)
				dump(outdir, ids[i], doc);
		}
		truth = truth ? truth : "";
		tokenize(re, md, truth, strlen(truth), &tt);
		tokenize(re, md, pred, pred_len, &tp);
		struct counts c = compare(&tt, &tp);
		ds[i].p = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : -1;
		ds[i].r = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : -1;
		ds[i].exact = same_tokens(&tt, &tp);
		if (ds[i].p >= 0)
			sum_p += ds[i].p, n_p++;
		if (ds[i].r >= 0)
			sum_r += ds[i].r, n_r++;
		n_exact += ds[i].exact;
		nm_doc_free(doc);
		nm_buf_release(&page);
	}

	double P = n_p ? sum_p / n_p : 0, R = n_r ? sum_r / n_r : 0;
	if (per_doc) {
		qsort(ds, n_ids, sizeof(*ds), cmp_doc);
		for (size_t i = 0; i < n_ids; i++) {
			if (ds[i].exact)
				continue;
			double p = ds[i].p < 0 ? 0 : ds[i].p, r = ds[i].r < 0 ? 0 : ds[i].r;
			printf("%s f1=%.3f precision=%.3f recall=%.3f%s\n", ds[i].id, f1_of(p, r), p, r,
			       ds[i].p < 0 ? " (empty)" : "");
		}
	}
	nm_log(n_listing ? NM_LOG_WARN : NM_LOG_INFO, "eval extraction: %zu of %zu pages classified as listing pages",
	       n_listing, n_ids);
	printf("f1=%.3f precision=%.3f recall=%.3f accuracy=%.3f n=%zu\n", f1_of(P, R), P, R,
	       n_ids ? (double)n_exact / n_ids : 0, n_ids);
	free(tt.v);
	free(tp.v);
	free(ds);
	free(ids);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	json_decref(gt);
	if (n_fail)
		nm_log(NM_LOG_WARN, "eval extraction: %zu page(s) failed", n_fail);
	return n_ids ? 0 : EX_DATAERR_;
}
