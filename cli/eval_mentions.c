/*
 * cli/eval_mentions.c — `newsmine eval mentions FILE.jsonl...`: run the mention layer
 * over the peer suites of ../shared/eval/mentions/ and score it as that folder's
 * README says: one-to-one matching of expected to predicted mentions of the same kind
 * (money also counts as a number in the number suites), values within 1e-9 relative,
 * null range bounds must be null, currency compared where expected ("$" is matched by
 * USD and the other dollar codes, labels by their ISO codes), false positives only for
 * the case's exhaustive kinds and outside every matched span. Recall, precision and F1
 * per suite, pooled, and for the USD/$ subset. The same choices as
 * ../shared/peers/score_mentions.py with its defaults, so the two agree.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char eval_mentions_usage[] =
	"usage: newsmine eval mentions [--failures] [--convert-minor] [--pred-out FILE] FILE.jsonl...\n"
	"\n"
	"Score the mention layer on peer suites (../shared/eval/mentions/*.jsonl): recall,\n"
	"precision and F1 per suite, pooled, and for the USD/$ subset.\n"
	"\n"
	"  --failures       list each failed case with its misses and false positives\n"
	"  --convert-minor  also accept a minor-unit amount in its major unit (\"50 cents\"\n"
	"                   as 0.50 $ or EUR, \"$0.24\" as 24 cents), as the suites' README\n"
	"                   allows; the choice is printed with the scores\n"
	"  --pred-out FILE  also write the predictions as JSONL ({id, mentions}) for\n"
	"                   ../shared/peers/score_mentions.py\n"
	"  --rules DIR      load rule files from DIR instead of the compiled-in ones\n";

#define CASE_LINE_MAX ((size_t)1 << 20)
#define MAX_MENTIONS 256
#define REL_TOL 1e-9

enum ekind { EK_MONEY, EK_NUMBER, EK_RANGE, EK_NONE };
static const char *const ekind_names[] = {"money", "number", "range"};

struct em {
	enum ekind kind;
	double value, low, high; /* NAN = null */
	char cur[48];            /* normalised, "" = null */
	long start, end;         /* code points, -1 = unknown */
	char text[96];
};

struct tally {
	char suite[64];
	long cases, case_ok, expected, found, tp, fp;
	long usd_expected, usd_found, usd_tp, usd_fp;
};

/* ------------------------------------------------------------- currencies */

static const char *const dollar_codes = " USD CAD AUD NZD HKD SGD TWD BSD BBD BZD BMD BND KYD "
					"FJD GYD JMD LRD NAD SBD SRD TTD XCD ZWL ";
static const char *const pound_codes = " GBP EGP LBP SYP GIP FKP SHP JEP GGP IMP ";

/* label (normalised) -> the codes it may stand for; score_mentions.py's table first */
static const struct {
	const char *label, *codes;
} labels[] = {
	{"us$", " USD "}, {"€", " EUR "}, {"euro", " EUR "}, {"c$", " CAD "}, {"a$", " AUD "},
	{"nz$", " NZD "}, {"hk$", " HKD "}, {"s$", " SGD "}, {"nt$", " TWD "}, {"r$", " BRL "},
	{"kč", " CZK "}, {"zł", " PLN "}, {"₹", " INR "}, {"₪", " ILS "}, {"₫", " VND "},
	{"đ", " VND "}, {"ft", " HUF "}, {"lei", " RON MDL "}, {"tl", " TRY "}, {"₺", " TRY "},
	{"rp", " IDR "}, {"rm", " MYR "}, {"rs", " INR PKR LKR NPR "}, {"kr", " SEK NOK DKK ISK "},
	{"fr.", " CHF "}, {"br", " BYN "}, {"dinara", " RSD "}, {"₤", " GBP ITL "}, {"₩", " KRW "},
	{"元", " CNY "}, {"¥", " JPY CNY "}, {"₽", " RUB "}, {"rupee", " INR PKR LKR NPR "},
	{"franc", " CHF FRF BEF XOF XAF "}, {"peseta", " ESP "}, {"finnish markka", " FIM "},
	{"netherlands guilder", " NLG "}, {"rial", " IRR OMR YER "}, {"riyal", " SAR QAR "},
	{"dinar", " KWD BHD JOD IQD LYD TND DZD RSD "}, {"bitcoin", " BTC "},
	/* Not in score_mentions.py's table: signs and local abbreviations that the suites
	 * keep as labels although each names one currency, where the README's rule gives
	 * the ISO code ("the ISO 4217 code where the suite ... names the currency without
	 * ambiguity"). A shared sign lists every code it is used for. */
	{"mx$", " MXN "}, {"ca$", " CAD "}, {"bz$", " BZD "}, {"cuc$", " CUC "},
	{"rd$", " DOP "}, {"mop$", " MOP "}, {"t$", " TOP "}, {"z$", " ZWL "}, {"₼", " AZN "},
	{"₡", " CRC "}, {"₭", " LAK "}, {"₦", " NGN "}, {"₴", " UAH "}, {"؋", " AFN "},
	{"֏", " AMD "}, {"৳", " BDT "}, {"៛", " KHR "}, {"₣", " FRF "}, {"₲", " PYG "},
	{"₵", " GHS "}, {"kn", " HRK "}, {"kd", " KWD "}, {"fdj", " DJF "}, {"nfk", " ERN "},
	{"tsh", " TZS "}, {"ush", " UGX "}, {"ksh", " KES "}, {"b/.", " PAB "}, {"s/.", " PEN "},
	{"nu.", " BTN "}, {"₨", " PKR INR LKR NPR MUR SCR "}, {"cfa", " XOF XAF CFA "},
	{"fcfa", " XOF XAF CFA "}, {"﷼", " IRR SAR OMR YER QAR rial "},
	{NULL, NULL},
};

static void norm_cur(const char *c, char *out, size_t cap)
{
	size_t n, o = 0;
	bool alpha3;
	while (nm_isspace((unsigned char)*c))
		c++;
	n = strlen(c);
	while (n && nm_isspace((unsigned char)c[n - 1]))
		n--;
	alpha3 = n == 3 && nm_isalpha((unsigned char)c[0]) && nm_isalpha((unsigned char)c[1]) &&
		 nm_isalpha((unsigned char)c[2]);
	for (size_t i = 0; i < n && o + 1 < cap; i++)
		out[o++] = (char)(alpha3 ? nm_toupper((unsigned char)c[i]) : nm_tolower((unsigned char)c[i]));
	out[o] = '\0';
}

static bool in_list(const char *list, const char *code)
{
	char pat[24];
	if (strlen(code) > 16)
		return false;
	snprintf(pat, sizeof(pat), " %s ", code);
	return strstr(list, pat) != NULL;
}

/* Does predicted currency p (normalised) satisfy expected e (normalised)? */
static bool currency_ok(const char *e, const char *p)
{
	if (!e[0])
		return true;
	if (!p[0])
		return false;
	if (!strcmp(e, p))
		return true;
	if (!strcmp(e, "$"))
		return in_list(dollar_codes, p);
	if (!strcmp(e, "£"))
		return in_list(pound_codes, p);
	for (int i = 0; labels[i].label; i++) {
		char lab[48];
		norm_cur(labels[i].label, lab, sizeof(lab)); /* "lei" is "LEI", as a code would be */
		if (!strcmp(e, lab) && in_list(labels[i].codes, p))
			return true;
		/* an ISO code is matched by a label that names that code only */
		if (!strcmp(p, lab) && in_list(labels[i].codes, e) &&
		    !strchr(strchr(labels[i].codes + 1, ' ') + 1, ' '))
			return true;
	}
	return false;
}

static bool is_usd(const char *c)
{
	return !strcmp(c, "$") || !strcmp(c, "USD") || !strcmp(c, "us$");
}

/* ------------------------------------------------------------- matching */

static bool close_to(double a, double b)
{
	if (isnan(a) || isnan(b))
		return false;
	return fabs(a - b) <= REL_TOL * fmax(fabs(a), fabs(b));
}

static bool number_suite(const char *suite)
{
	return !strcmp(suite, "recognizers-text-number") || !strcmp(suite, "duckling-numeral") ||
	       !strcmp(suite, "lexnlp-amounts") || !strcmp(suite, "number-parser");
}

/* --convert-minor (README rule 2 allows it, reported in the choices line): a minor-unit
 * amount may also be read in a major unit ("50 cents" as 0.50 $ or EUR, "$0.24" as 24
 * cents); the same table as score_mentions.py. */
static bool convert_minor;

static const struct {
	const char *minor;
	double per;
	const char *majors[3];
} minor_units[] = {
	{"cent", 100, {"$", "EUR", NULL}},
	{"penny", 100, {"$", "£", NULL}},
	{"pence", 100, {"£", NULL, NULL}},
	{"dime", 10, {"$", NULL, NULL}},
};

/* The (value, currency) readings of a money mention: itself, and with --convert-minor its
 * value in each major unit of its minor unit. Returns how many (at most 4). */
static int money_views(double v, const char *cur, double *vals, const char **curs)
{
	int n = 0;
	vals[n] = v;
	curs[n++] = cur;
	if (!convert_minor || !cur[0])
		return n;
	for (size_t i = 0; i < sizeof(minor_units) / sizeof(minor_units[0]); i++) {
		if (strcmp(cur, minor_units[i].minor))
			continue;
		for (int k = 0; k < 3 && minor_units[i].majors[k]; k++) {
			vals[n] = v / minor_units[i].per;
			curs[n++] = minor_units[i].majors[k];
		}
	}
	return n;
}

static bool money_ok(const struct em *e, const struct em *p)
{
	double ev[4], pv[4];
	const char *ec[4], *pc[4];
	int ne = money_views(e->value, e->cur, ev, ec), np = money_views(p->value, p->cur, pv, pc);
	for (int i = 0; i < ne; i++)
		for (int j = 0; j < np; j++)
			if (close_to(ev[i], pv[j]) && currency_ok(ec[i], pc[j]))
				return true;
	return false;
}

static bool compatible(const struct em *e, const struct em *p, const char *suite)
{
	if (p->kind != e->kind &&
	    !(e->kind == EK_NUMBER && p->kind == EK_MONEY && number_suite(suite)))
		return false;
	if (e->kind == EK_RANGE) {
		if (isnan(e->low) != isnan(p->low) || isnan(e->high) != isnan(p->high))
			return false;
		if (!isnan(e->low) && !close_to(e->low, p->low))
			return false;
		if (!isnan(e->high) && !close_to(e->high, p->high))
			return false;
		return currency_ok(e->cur, p->cur);
	}
	if (e->kind == EK_NUMBER)
		return close_to(e->value, p->value);
	return money_ok(e, p);
}

static long overlap(const struct em *a, const struct em *b)
{
	if (a->start < 0 || b->start < 0)
		return 0;
	long lo = a->start > b->start ? a->start : b->start;
	long hi = a->end < b->end ? a->end : b->end;
	return hi > lo ? hi - lo : 0;
}

struct matcher {
	int cand[MAX_MENTIONS][MAX_MENTIONS];
	int ncand[MAX_MENTIONS];
	int owner[MAX_MENTIONS]; /* pred -> expected, -1 */
	bool seen[MAX_MENTIONS];
};

static bool augment(struct matcher *mt, int i)
{
	for (int k = 0; k < mt->ncand[i]; k++) {
		int j = mt->cand[i][k];
		if (mt->seen[j])
			continue;
		mt->seen[j] = true;
		if (mt->owner[j] < 0 || augment(mt, mt->owner[j])) {
			mt->owner[j] = i;
			return true;
		}
	}
	return false;
}

static const struct em *sort_e;
static const struct em *sort_p;
static int cmp_cand(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	int kx = sort_p[x].kind != sort_e->kind, ky = sort_p[y].kind != sort_e->kind;
	if (kx != ky)
		return kx - ky;
	long ox = overlap(sort_e, &sort_p[x]), oy = overlap(sort_e, &sort_p[y]);
	if (ox != oy)
		return ox > oy ? -1 : 1;
	return x - y;
}

/* ------------------------------------------------------------- reading */

static double jnum(json_t *v)
{
	if (json_is_number(v))
		return json_number_value(v);
	if (json_is_string(v))
		return strtod(json_string_value(v), NULL);
	return NAN;
}

static void cp_text(char *dst, size_t cap, const char *s, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static size_t byte_to_cp(const char *t, size_t off)
{
	size_t cp = 0;
	for (size_t i = 0; i < off; i++)
		cp += ((unsigned char)t[i] & 0xC0) != 0x80;
	return cp;
}

static int read_expected(json_t *arr, struct em *out)
{
	size_t i;
	json_t *m;
	int n = 0;
	json_array_foreach(arr, i, m) {
		const char *k = json_string_value(json_object_get(m, "kind"));
		struct em *e = &out[n];
		if (!k || n >= MAX_MENTIONS)
			continue;
		memset(e, 0, sizeof(*e));
		e->kind = !strcmp(k, "money") ? EK_MONEY : !strcmp(k, "number") ? EK_NUMBER :
			  !strcmp(k, "range") ? EK_RANGE : EK_NONE;
		if (e->kind == EK_NONE)
			continue;
		e->value = jnum(json_object_get(m, "value"));
		e->low = jnum(json_object_get(m, "low"));
		e->high = jnum(json_object_get(m, "high"));
		if (json_is_string(json_object_get(m, "currency")))
			norm_cur(json_string_value(json_object_get(m, "currency")), e->cur, sizeof(e->cur));
		json_t *s = json_object_get(m, "start"), *en = json_object_get(m, "end");
		e->start = json_is_integer(s) && json_is_integer(en) ? (long)json_integer_value(s) : -1;
		e->end = e->start >= 0 ? (long)json_integer_value(en) : -1;
		if (json_is_string(json_object_get(m, "span")))
			cp_text(e->text, sizeof(e->text), json_string_value(json_object_get(m, "span")),
				strlen(json_string_value(json_object_get(m, "span"))));
		n++;
	}
	return n;
}

static int predict(const struct nm_mentioner *mr, const char *text, size_t len, struct em *out,
		   json_t *jout)
{
	struct nm_doc *doc = nm_doc_new(NM_DOC_BUDGET_DEFAULT);
	struct nm_err err = {0};
	int n = 0;

	if (nm_doc_set_text(doc, text, len) ||
	    nm_extract_mentions_ex(mr, doc, NM_MENTIONS_NUMBERS, &err)) {
		nm_doc_free(doc);
		return 0;
	}
	for (size_t i = 0; i < doc->n_mentions && n < MAX_MENTIONS; i++) {
		const struct nm_mention *m = &doc->mentions[i];
		struct em *p = &out[n];
		memset(p, 0, sizeof(*p));
		switch (m->kind) {
		case NM_MENTION_MONEY: case NM_MENTION_PRICE: p->kind = EK_MONEY; break;
		case NM_MENTION_NUMBER: p->kind = EK_NUMBER; break;
		case NM_MENTION_PRICE_RANGE: p->kind = EK_RANGE; break;
		default: p->kind = EK_NONE; break;
		}
		if (p->kind == EK_NONE)
			continue;
		p->value = m->value;
		p->low = m->low;
		p->high = m->high;
		norm_cur(m->currency, p->cur, sizeof(p->cur));
		p->start = (long)byte_to_cp(doc->text, m->span.start);
		p->end = (long)byte_to_cp(doc->text, m->span.end);
		cp_text(p->text, sizeof(p->text), doc->text + m->span.start, m->span.end - m->span.start);
		if (jout)
			json_array_append_new(jout, nm_mention_json(doc, m));
		n++;
	}
	nm_doc_free(doc);
	return n;
}

/* ------------------------------------------------------------- report */

static double ratio(long a, long b)
{
	return b ? (double)a / (double)b : NAN;
}

static double f1(double p, double r)
{
	if (r == 0)
		return 0;
	if (isnan(p) || isnan(r))
		return NAN;
	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void fmt(char *out, double x)
{
	if (isnan(x))
		snprintf(out, 8, "%6s", "-");
	else
		snprintf(out, 8, "%6.3f", x);
}

static void row(const char *name, const struct tally *t)
{
	char r[8], p[8], f[8], c[8];
	double rr = ratio(t->found, t->expected), pp = ratio(t->tp, t->tp + t->fp);
	fmt(r, rr);
	fmt(p, pp);
	fmt(f, f1(pp, rr));
	fmt(c, ratio(t->case_ok, t->cases));
	printf("%-30s %6ld %6ld %6ld %6ld %6ld %s %s %s %s\n", name, t->cases, t->expected, t->found,
	       t->tp, t->fp, r, p, f, c);
}

static void usd_row(const char *name, const struct tally *t)
{
	char r[8], p[8], f[8];
	double rr = ratio(t->usd_found, t->usd_expected), pp = ratio(t->usd_tp, t->usd_tp + t->usd_fp);
	if (!t->usd_expected && !t->usd_fp)
		return;
	fmt(r, rr);
	fmt(p, pp);
	fmt(f, f1(pp, rr));
	printf("%-30s %6ld %6ld %6ld %s %s %s\n", name, t->usd_expected, t->usd_found, t->usd_fp, r, p,
	       f);
}

static void describe(const struct em *m)
{
	if (m->kind == EK_RANGE) {
		printf("range [%.10g, %.10g]", m->low, m->high);
	} else {
		printf("%s %.10g", ekind_names[m->kind], m->value);
	}
	if (m->cur[0])
		printf(" %s", m->cur);
	if (m->start >= 0)
		printf(" @%ld-%ld", m->start, m->end);
	if (m->text[0])
		printf(" \"%s\"", m->text);
	printf("\n");
}

/* ------------------------------------------------------------- the command */

static struct tally *suite_tally(struct tally **ts, size_t *n, const char *suite)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*ts)[i].suite, suite))
			return &(*ts)[i];
	*ts = nm_xrealloc(*ts, (*n + 1) * sizeof(**ts));
	struct tally *t = &(*ts)[(*n)++];
	memset(t, 0, sizeof(*t));
	snprintf(t->suite, sizeof(t->suite), "%s", suite);
	return t;
}

static int score_case(json_t *c, const struct nm_mentioner *mr, struct tally *t, bool failures,
		      FILE *pred_out, struct matcher *mt, struct em *exp, struct em *pred)
{
	const char *id = json_string_value(json_object_get(c, "id"));
	json_t *text = json_object_get(c, "text"), *exh = json_object_get(c, "exhaustive");
	bool exhaustive[3] = {false, false, false};
	int ne, np, nmatched = 0;
	long fp = 0;
	char suite[64];
	json_t *jm = pred_out ? json_array() : NULL;
	size_t i;
	json_t *v;

	if (!id || !json_is_string(text) || !json_is_array(json_object_get(c, "expected"))) {
		json_decref(jm);
		return -1;
	}
	cp_text(suite, sizeof(suite), id, strrchr(id, '/') ? (size_t)(strrchr(id, '/') - id) : strlen(id));
	json_array_foreach(exh, i, v) {
		const char *k = json_string_value(v);
		for (int k2 = 0; k && k2 < 3; k2++)
			if (!strcmp(k, ekind_names[k2]))
				exhaustive[k2] = true;
	}
	ne = read_expected(json_object_get(c, "expected"), exp);
	np = predict(mr, json_string_value(text), json_string_length(text), pred, jm);
	if (pred_out) {
		json_t *line = json_pack("{s:s, s:o}", "id", id, "mentions", jm);
		char *s = json_dumps(line, JSON_COMPACT | JSON_ENSURE_ASCII);
		fprintf(pred_out, "%s\n", s);
		free(s);
		json_decref(line);
	}
	for (int e = 0; e < ne; e++) {
		mt->ncand[e] = 0;
		for (int p = 0; p < np; p++)
			if (compatible(&exp[e], &pred[p], suite))
				mt->cand[e][mt->ncand[e]++] = p;
		sort_e = &exp[e];
		sort_p = pred;
		qsort(mt->cand[e], (size_t)mt->ncand[e], sizeof(int), cmp_cand);
	}
	for (int p = 0; p < np; p++)
		mt->owner[p] = -1;
	for (int e = 0; e < ne; e++) {
		memset(mt->seen, 0, sizeof(mt->seen));
		augment(mt, e);
	}
	int match_of[MAX_MENTIONS];
	for (int e = 0; e < ne; e++)
		match_of[e] = -1;
	for (int p = 0; p < np; p++)
		if (mt->owner[p] >= 0) {
			match_of[mt->owner[p]] = p;
			nmatched++;
		}
	/* false positives: exhaustive kind, unmatched, not inside a matched span */
	bool is_fp[MAX_MENTIONS];
	for (int p = 0; p < np; p++) {
		is_fp[p] = false;
		if (mt->owner[p] >= 0 || !exhaustive[pred[p].kind])
			continue;
		bool inside = false;
		for (int e = 0; e < ne && !inside; e++) {
			int q = match_of[e];
			if (q < 0)
				continue;
			if (exp[e].start >= 0 && exp[e].start <= pred[p].start && pred[p].end <= exp[e].end)
				inside = true;
			if (pred[q].start <= pred[p].start && pred[p].end <= pred[q].end)
				inside = true;
		}
		if (!inside) {
			is_fp[p] = true;
			fp++;
			t->usd_fp += is_usd(pred[p].cur);
		}
	}
	t->cases++;
	t->expected += ne;
	t->found += nmatched;
	t->fp += fp;
	for (int e = 0; e < ne; e++) {
		bool found = match_of[e] >= 0;
		t->tp += found && exhaustive[exp[e].kind];
		if (is_usd(exp[e].cur)) {
			t->usd_expected++;
			t->usd_found += found;
			t->usd_tp += found && exhaustive[exp[e].kind];
		}
	}
	bool ok = nmatched == ne && !fp;
	t->case_ok += ok;
	if (!ok && failures) {
		printf("%s  %.160s\n", id, json_string_value(text));
		for (int e = 0; e < ne; e++)
			if (match_of[e] < 0) {
				printf("    missed ");
				describe(&exp[e]);
			}
		for (int p = 0; p < np; p++)
			if (is_fp[p]) {
				printf("    fp     ");
				describe(&pred[p]);
			}
	}
	return 0;
}

int eval_mentions(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"failures", no_argument, NULL, 'f'},
		{"pred-out", required_argument, NULL, 'o'},
		{"convert-minor", no_argument, NULL, 'm'},
		NM_CLI_COMMON_OPTS,
		{NULL, 0, NULL, 0},
	};
	bool failures = false;
	const char *pred_path = NULL;
	FILE *pred_out = NULL;
	struct nm_rules *rules = NULL;
	struct nm_mentioner *mr = NULL;
	struct nm_err err = {0};
	struct tally *ts = NULL, total;
	size_t nts = 0;
	int opt, worst = 0;
	enum nm_code rc;
	struct matcher *mt;
	struct em *exp, *pred;

	memset(&total, 0, sizeof(total));
	optind = 1;
	convert_minor = false;
	while ((opt = getopt_long(argc, argv, "fo:qvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f': failures = true; break;
		case 'o': pred_path = optarg; break;
		case 'm': convert_minor = true; break;
		case 'h': return nm_cli_usage(eval_mentions_usage, true);
		default:
			if (!nm_cli_common(opt, optarg))
				return nm_cli_usage(eval_mentions_usage, false);
		}
	}
	if (optind >= argc)
		return nm_cli_usage(eval_mentions_usage, false);
	if ((rc = nm_rules_load(nm_cli_rules_dir, &rules, &err)) ||
	    (rc = nm_mentioner_new(rules, &mr, &err))) {
		nm_rules_free(rules);
		return nm_cli_fail(rc == NM_ENOENT ? NM_ECONFIG : rc, &err);
	}
	if (pred_path && !(pred_out = fopen(pred_path, "w"))) {
		nm_log(NM_LOG_ERROR, "cannot create '%s'", pred_path);
		nm_mentioner_free(mr);
		nm_rules_free(rules);
		return EX_CANTCREAT_;
	}
	mt = nm_xcalloc(1, sizeof(*mt));
	exp = nm_xcalloc(MAX_MENTIONS, sizeof(*exp));
	pred = nm_xcalloc(MAX_MENTIONS, sizeof(*pred));
	if (failures)
		printf("failures\n");
	for (int a = optind; a < argc; a++) {
		struct nm_buf in = NM_BUF_INIT((size_t)256 << 20);
		size_t lineno = 0;
		if ((rc = nm_buf_read_file(&in, argv[a], &err))) {
			nm_log(NM_LOG_ERROR, "%s", err.msg);
			worst = nm_cli_worse(worst, nm_cli_exit(rc));
			nm_buf_release(&in);
			continue;
		}
		const char *s = nm_buf_str(&in), *end = s + in.len;
		while (s < end) {
			const char *nl = memchr(s, '\n', (size_t)(end - s));
			size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
			json_error_t jerr;
			json_t *c;
			lineno++;
			if (n == 0 || n > CASE_LINE_MAX) {
				s += n + 1;
				continue;
			}
			c = json_loadb(s, n, 0, &jerr);
			s += n + 1;
			const char *id = c ? json_string_value(json_object_get(c, "id")) : NULL;
			char suite[64];
			if (!id) {
				nm_log(NM_LOG_ERROR, "%s:%zu: bad case line", argv[a], lineno);
				worst = nm_cli_worse(worst, EX_DATAERR_);
				json_decref(c);
				continue;
			}
			cp_text(suite, sizeof(suite), id,
				strrchr(id, '/') ? (size_t)(strrchr(id, '/') - id) : strlen(id));
			if (score_case(c, mr, suite_tally(&ts, &nts, suite), failures, pred_out, mt, exp,
				       pred)) {
				nm_log(NM_LOG_ERROR, "%s:%zu: bad case line", argv[a], lineno);
				worst = nm_cli_worse(worst, EX_DATAERR_);
			}
			json_decref(c);
		}
		nm_buf_release(&in);
	}
	printf("%-30s %6s %6s %6s %6s %6s %6s %6s %6s %6s\n", "suite", "cases", "exp", "found", "tp",
	       "fp", "recall", "prec", "F1", "caseAc");
	for (size_t i = 0; i < nts; i++) {
		row(ts[i].suite, &ts[i]);
		total.cases += ts[i].cases;
		total.case_ok += ts[i].case_ok;
		total.expected += ts[i].expected;
		total.found += ts[i].found;
		total.tp += ts[i].tp;
		total.fp += ts[i].fp;
		total.usd_expected += ts[i].usd_expected;
		total.usd_found += ts[i].usd_found;
		total.usd_tp += ts[i].usd_tp;
		total.usd_fp += ts[i].usd_fp;
	}
	row("overall (pooled)", &total);
	printf("\nUSD/$ subset (expected currency $, USD or US$; fp = unmatched $/USD predictions)\n");
	printf("%-30s %6s %6s %6s %6s %6s %6s\n", "suite", "exp", "found", "fp", "recall", "prec", "F1");
	for (size_t i = 0; i < nts; i++)
		usd_row(ts[i].suite, &ts[i]);
	usd_row("overall (pooled)", &total);
	printf("\nchoices: money counts as number in the number suites; '$' is matched by USD and "
	       "the other dollar codes; labels match their ISO codes (score_mentions.py's table, plus the "
	       "signs it lacks that name one currency); no span matching; %s\n",
	       convert_minor ? "minor units converted (50 cents = 0.50 $ or EUR)" :
			       "no minor-unit conversion");
	if (pred_out)
		fclose(pred_out);
	free(ts);
	free(mt);
	free(exp);
	free(pred);
	nm_mentioner_free(mr);
	nm_rules_free(rules);
	return worst;
}
