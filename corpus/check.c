/*
 * corpus/check.c — cross-checks of stored events: the article against itself (internal),
 * against market data (candles, liquidation buckets) and against other sources telling
 * the same story. Each check gives a verdict with the data that decided it; the verdicts
 * are stored so that `events --verdict` can filter on them.
 *
 * The rules and their constants are documented in docs/corpus.md; change both together.
 */
#include "corpus/corpus_int.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LEVEL_TOLERANCE 0.01          /* rejection: a zone counts as reached within 1% */
#define REJECTION_BEFORE (120 * 3600) /* rejection window: 5 days before publication ... */
#define REJECTION_AFTER (24 * 3600)   /* ... to 24 h after */
#define RISKOFF_HORIZON (3 * 86400)   /* risk-off: move over 3 days */
#define RISKOFF_MOVE 0.02             /* a 2% fall (rise) decides */
#define WAVE_BASELINE_DAYS 30         /* deleveraging: compared with the 30 days before */
#define WAVE_SPIKE 1.5                /* 1.5x the median window is a wave */
#define WAVE_QUIET 0.8                /* under 0.8x the median is a quiet window */
#define CROSS_TOLERANCE 0.10          /* cross-source figures agree within 10% */

/* One stored event, as the checks need it. */
struct ev {
	char id[17];
	int64_t doc;
	char type[NM_EVENT_TYPE_MAX];
	char asset[NM_TICKER_MAX];    /* "" = market */
	char modality[12];
	char host[256];
	bool has_time;                /* published has a time of day */
	bool dated;                   /* published is at least a day */
	int64_t pub_start, pub_end;   /* publication instant, or the day [start, end) */
	json_t *fig;                  /* figures object (owned) */
};

struct checker {
	struct nm_corpus *c;
	int (*cb)(json_t *, void *);
	void *arg;
	bool stop;
	sqlite3_stmt *ins;            /* insert a verdict */
	int ord;                      /* verdicts of the current event */
	int64_t now;
};

static double fig_num(const struct ev *e, const char *key)
{
	json_t *v = json_object_get(e->fig, key);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static const char *fig_str(const struct ev *e, const char *key)
{
	return json_string_value(json_object_get(e->fig, key));
}

static void iso(int64_t t, char out[21])
{
	nm_time_iso(t, out);
}

static void usd(double v, char *out, size_t n)
{
	if (fabs(v) >= 1e9)
		snprintf(out, n, "$%.3gB", v / 1e9);
	else if (fabs(v) >= 1e6)
		snprintf(out, n, "$%.3gM", v / 1e6);
	else if (fabs(v) >= 1e3)
		snprintf(out, n, "$%.3gK", v / 1e3);
	else
		snprintf(out, n, "$%.0f", v);
}

/* Store and report one verdict; data is stolen. */
static enum nm_code emit(struct checker *k, const struct ev *e, const char *kind, enum nm_verdict v,
			 json_t *data, struct nm_err *err, const char *fmt, ...) NM_PRINTF(7, 8);

static enum nm_code emit(struct checker *k, const struct ev *e, const char *kind, enum nm_verdict v,
			 json_t *data, struct nm_err *err, const char *fmt, ...)
{
	char detail[512], *ds;
	va_list ap;
	json_t *o;
	int rc;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	if (!data)
		data = json_object();
	ds = json_dumps(data, NM_JSON_DUMP_FLAGS);
	sqlite3_reset(k->ins);
	sqlite3_bind_text(k->ins, 1, e->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(k->ins, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(k->ins, 3, k->ord++);
	sqlite3_bind_text(k->ins, 4, nm_verdict_name(v), -1, SQLITE_STATIC);
	sqlite3_bind_text(k->ins, 5, detail, -1, SQLITE_STATIC);
	sqlite3_bind_text(k->ins, 6, ds ? ds : "{}", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(k->ins, 7, k->now);
	rc = sqlite3_step(k->ins);
	sqlite3_reset(k->ins);
	free(ds);
	if (rc != SQLITE_DONE) {
		json_decref(data);
		return nm_corpus_sqlerr(k->c, err, "store verdict");
	}
	o = json_pack("{s:s, s:s, s:s, s:s, s:o}", "event", e->id, "kind", kind, "verdict",
		      nm_verdict_name(v), "detail", detail, "data", data);
	if (k->cb && !k->stop && k->cb(o, k->arg))
		k->stop = true;
	json_decref(o);
	return NM_OK;
}

/* ------------------------------------------------------------------ internal */

/* Which event type a document check's quantity concerns. */
static const char *quantity_type(const char *q)
{
	if (!q)
		return NULL;
	if (strstr(q, "liquidat") || strstr(q, "total"))
		return "deleveraging";
	if (strstr(q, "price") || strstr(q, "resist") || strstr(q, "support") || strstr(q, "level") ||
	    strstr(q, "reject"))
		return "rejection";
	return NULL;
}

static enum nm_code check_internal(struct checker *k, const struct ev *e, struct nm_err *err)
{
	sqlite3_stmt *st = NULL;
	enum nm_code code;
	int rc;
	double total = fig_num(e, "total_usd"), sum = 0;
	const char *qual = fig_str(e, "qualifier");
	json_t *pa = json_object_get(e->fig, "per_asset_usd"), *v;
	const char *key;
	size_t n = 0;

	/* the document's own checks: those naming this event, or else those whose quantity
	 * belongs to this event's type (the first event of that type in the document) */
	if ((code = nm_corpus_prepare(k->c,
				      "SELECT k.kind, k.verdict, k.asset, k.quantity, k.value1, k.value2, k.json, k.event"
				      " FROM checks k WHERE k.doc = ?1 AND (k.event = ?2 OR (k.event IS NULL"
				      " AND ?2 = (SELECT e.id FROM events e WHERE e.doc = ?1 AND e.type = ?3"
				      " ORDER BY e.ord LIMIT 1))) ORDER BY k.ord", &st, err)))
		return code;
	sqlite3_bind_int64(st, 1, e->doc);
	sqlite3_bind_text(st, 2, e->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, e->type, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 0);
		const char *verdict = (const char *)sqlite3_column_text(st, 1);
		const char *asset = (const char *)sqlite3_column_text(st, 2);
		const char *quantity = (const char *)sqlite3_column_text(st, 3);
		const char *js = (const char *)sqlite3_column_text(st, 6);
		const char *qt = quantity_type(quantity);
		char a[32], b[32];
		enum nm_verdict vd = NM_VERDICT_UNVERIFIABLE;
		json_t *data;

		if (strcmp(kind, "internal"))
			continue;
		/* a check that names no event goes to the event its quantity is about
		 * (amounts: the deleveraging) */
		if (sqlite3_column_type(st, 7) == SQLITE_NULL && strcmp(qt ? qt : "deleveraging", e->type))
			continue;
		if (!strcmp(verdict, "contradicted"))
			vd = NM_VERDICT_CONTRADICTED;
		else if (!strcmp(verdict, "consistent"))
			vd = NM_VERDICT_CONSISTENT;
		data = js ? json_loads(js, 0, NULL) : NULL;
		usd(sqlite3_column_double(st, 4), a, sizeof(a));
		usd(sqlite3_column_double(st, 5), b, sizeof(b));
		if ((code = emit(k, e, "internal", vd, data, err, "%s%s%s stated as %s and as %s in the article",
				 asset ? asset : "", asset ? " " : "", quantity ? quantity : "quantity", a, b)))
			goto out;
	}
	if (rc != SQLITE_DONE) {
		code = nm_corpus_sqlerr(k->c, err, "read checks");
		goto out;
	}
	/* per-asset figures that add up to more than the stated total */
	if (!isnan(total) && json_is_object(pa)) {
		json_object_foreach(pa, key, v) {
			if (json_is_number(v)) {
				sum += json_number_value(v);
				n++;
			}
		}
	}
	if (n > 0 && total > 0) {
		char a[32], b[32];
		json_t *data = json_pack("{s:f, s:f, s:O, s:s?}", "total_usd", total, "per_asset_sum_usd", sum,
					 "per_asset_usd", pa, "qualifier", qual);
		usd(sum, a, sizeof(a));
		usd(total, b, sizeof(b));
		/* "at most $X" or a plain total cannot be exceeded by its parts; "over $X" can */
		if (sum > total * 1.005 && !(qual && !strcmp(qual, "at_least")))
			code = emit(k, e, "internal", NM_VERDICT_CONTRADICTED, data, err,
				    "per-asset figures add up to %s, more than the stated total %s", a, b);
		else
			code = emit(k, e, "internal", NM_VERDICT_CONSISTENT, data, err,
				    "per-asset figures add up to %s, within the stated total %s%s", a,
				    qual && !strcmp(qual, "at_least") ? "at least " : "", b);
	}
out:
	sqlite3_finalize(st);
	return code;
}

/* ------------------------------------------------------------------ market: candles */

struct candle {
	int64_t t;
	double o, h, l, c;
};

/* The candles of symbol in [from, to) at the finest interval that has any there. */
static enum nm_code candles(struct nm_corpus *c, const char *symbol, int64_t from, int64_t to,
			    struct candle **out, size_t *n, int64_t *interval, struct nm_err *err)
{
	sqlite3_stmt *st = NULL;
	enum nm_code code;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	*interval = 0;
	if ((code = nm_corpus_prepare(c, "SELECT interval FROM candles WHERE symbol = ?1 AND t >= ?2 AND t < ?3"
					 " GROUP BY interval HAVING count(*) >= 2 ORDER BY interval LIMIT 1",
				      &st, err)))
		return code;
	sqlite3_bind_text(st, 1, symbol, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*interval = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? NM_OK : nm_corpus_sqlerr(c, err, "read candles");
	if ((code = nm_corpus_prepare(c, "SELECT t, open, high, low, close FROM candles WHERE symbol = ?1"
					 " AND interval = ?2 AND t >= ?3 AND t < ?4 ORDER BY t", &st, err)))
		return code;
	sqlite3_bind_text(st, 1, symbol, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, *interval);
	sqlite3_bind_int64(st, 3, from);
	sqlite3_bind_int64(st, 4, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			*out = nm_xrealloc(*out, cap * sizeof(**out));
		}
		(*out)[*n].t = sqlite3_column_int64(st, 0);
		(*out)[*n].o = sqlite3_column_double(st, 1);
		(*out)[*n].h = sqlite3_column_double(st, 2);
		(*out)[*n].l = sqlite3_column_double(st, 3);
		(*out)[*n].c = sqlite3_column_double(st, 4);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return nm_corpus_sqlerr(c, err, "read candles");
	}
	return NM_OK;
}

static json_t *candle_json(const struct candle *k)
{
	char t[21];
	iso(k->t, t);
	return json_pack("{s:s, s:f, s:f, s:f, s:f}", "t", t, "open", k->o, "high", k->h, "low", k->l,
			 "close", k->c);
}

/* "$92,000" or "$0.4521": prices as people write them. */
static void price(double v, char *out, size_t n)
{
	if (v >= 1000 && v < 1e9) {
		v = round(v);
		snprintf(out, n, "$%.0f,%03.0f", floor(v / 1000), fmod(v, 1000));
	} else {
		snprintf(out, n, "$%.10g", v);
	}
}

/*
 * A rejection at resistance: a candle that opens at or below the zone (widened by the
 * tolerance), trades up into it and does not close above it, followed (in the window)
 * by a close below the zone before any close above it. Support is the mirror image,
 * computed on negated prices.
 */
static enum nm_code check_rejection(struct checker *k, const struct ev *e, struct nm_err *err)
{
	double level = fig_num(e, "level"), lo = fig_num(e, "low"), hi = fig_num(e, "high");
	const char *side = fig_str(e, "side");
	int64_t from = e->pub_start - REJECTION_BEFORE, to = e->pub_end + REJECTION_AFTER, interval;
	struct candle *cs = NULL;
	size_t n = 0, test = SIZE_MAX, turn = SIZE_MAX;
	bool resistance, reached = false, above_all = true;
	double zl, zh, lo_t, hi_t, s, ext;
	char a[32], b[32], f[21], t[21], zone[72];
	enum nm_code code;
	enum nm_verdict v;
	json_t *data;

	if (isnan(lo) || isnan(hi))
		lo = hi = level;
	if (isnan(lo) || lo <= 0)
		return emit(k, e, "market", NM_VERDICT_UNVERIFIABLE, NULL, err, "no price level stated");
	if (!e->asset[0])
		return emit(k, e, "market", NM_VERDICT_UNVERIFIABLE, NULL, err,
			    "no asset (a market-wide level cannot be checked against one price)");
	if (!e->dated)
		return emit(k, e, "market", NM_VERDICT_UNVERIFIABLE, NULL, err,
			    "no publication date (or only a month) to place the rejection in time");
	price(fmin(lo, hi), a, sizeof(a));
	price(fmax(lo, hi), b, sizeof(b));
	if (lo == hi)
		snprintf(zone, sizeof(zone), "%s", a);
	else
		snprintf(zone, sizeof(zone), "%s-%s", a, b);
	if ((code = candles(k->c, e->asset, from, to, &cs, &n, &interval, err)))
		return code;
	iso(from, f);
	iso(to, t);
	if (n == 0) {
		free(cs);
		return emit(k, e, "market", NM_VERDICT_UNVERIFIABLE,
			    json_pack("{s:s, s:s, s:s}", "symbol", e->asset, "from", f, "to", t), err,
			    "no %s candles between %s and %s", e->asset, f, t);
	}
	/* side: as stated, else where the zone lies against the window's first open */
	if (side && (!strcmp(side, "resistance") || !strcmp(side, "support")))
		resistance = !strcmp(side, "resistance");
	else
		resistance = (lo + hi) / 2 >= cs[0].o;
	s = resistance ? 1 : -1;
	zl = resistance ? fmin(lo, hi) : -fmax(lo, hi);
	zh = resistance ? fmax(lo, hi) : -fmin(lo, hi);
	lo_t = zl - fabs(zl) * LEVEL_TOLERANCE;
	hi_t = zh + fabs(zh) * LEVEL_TOLERANCE;
	ext = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		double o = s * cs[i].o, h = resistance ? cs[i].h : -cs[i].l, c = s * cs[i].c;
		double l = resistance ? cs[i].l : -cs[i].h;
		ext = fmax(ext, h);
		if (h >= lo_t)
			reached = true;
		if (l <= hi_t)
			above_all = false;
		if (turn != SIZE_MAX || o > hi_t || h < lo_t || c > zh)
			continue;
		/* a test of the zone from the near side: did it turn back? */
		for (size_t j = i; j < n; j++) {
			double cj = s * cs[j].c;
			if (cj < zl) {
				test = i;
				turn = j;
				break;
			}
			if (cj > hi_t)
				break;
		}
	}
	data = json_pack("{s:s, s:I, s:s, s:s, s:f, s:f, s:f, s:s, s:f, s:f, s:I}", "symbol", e->asset,
			 "interval", (json_int_t)interval, "from", f, "to", t, "tolerance_pct",
			 LEVEL_TOLERANCE * 100, "zone_low", fmin(lo, hi), "zone_high", fmax(lo, hi), "side",
			 resistance ? "resistance" : "support", resistance ? "max_high" : "min_low", s * ext,
			 "last_close", cs[n - 1].c, "candles", (json_int_t)n);
	if (test != SIZE_MAX) {
		json_object_set_new(data, "test", candle_json(&cs[test]));
		json_object_set_new(data, "turn", candle_json(&cs[turn]));
	}
	price(s * ext, a, sizeof(a));
	if (test != SIZE_MAX) {
		char when[21];
		iso(cs[test].t, when);
		price(resistance ? cs[test].h : cs[test].l, a, sizeof(a));
		v = NM_VERDICT_CONSISTENT;
		code = emit(k, e, "market", v, data, err,
			    "%s tested the %s %s at %s (%s %s, tolerance %g%%) and closed back %s it",
			    e->asset, resistance ? "resistance" : "support", zone, when, resistance ? "high" : "low",
			    a, LEVEL_TOLERANCE * 100, resistance ? "below" : "above");
	} else if (!reached) {
		code = emit(k, e, "market", NM_VERDICT_CONTRADICTED, data, err,
			    "%s never came within %g%% of %s from %s to %s (%s %s)", e->asset,
			    LEVEL_TOLERANCE * 100, zone, f, t, resistance ? "high" : "low", a);
	} else if (above_all) {
		code = emit(k, e, "market", NM_VERDICT_CONTRADICTED, data, err,
			    "%s traded %s %s the whole time from %s to %s: no test from %s", e->asset,
			    resistance ? "above" : "below", zone, f, t, resistance ? "below" : "above");
	} else if (s * cs[n - 1].c > hi_t) {
		code = emit(k, e, "market", NM_VERDICT_CONTRADICTED, data, err,
			    "%s went through the %s %s and closed %s it (last close $%.10g)", e->asset,
			    resistance ? "resistance" : "support", zone, resistance ? "above" : "below", cs[n - 1].c);
	} else {
		code = emit(k, e, "market", NM_VERDICT_UNVERIFIABLE, data, err,
			    "%s reached %s but no turn back %s it is visible from %s to %s", e->asset, zone,
			    resistance ? "below" : "above", f, t);
	}
	free(cs);
	return code;
}

/* The close of the last candle of symbol finished by time t (within 2 days), daily
 * candles before finer ones. false when none. */
static bool close_at(struct nm_corpus *c, const char *symbol, int64_t t, struct candle *out,
		     int64_t *interval)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;
	if (nm_corpus_prepare(c, "SELECT interval, t, close FROM candles WHERE symbol = ?1 AND t + interval <= ?2"
				 " AND t + interval > ?2 - 172800 ORDER BY interval DESC, t DESC LIMIT 1", &st, NULL))
		return false;
	sqlite3_bind_text(st, 1, symbol, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, t);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*interval = sqlite3_column_int64(st, 0);
		out->t = sqlite3_column_int64(st, 1);
		out->c = out->o = out->h = out->l = sqlite3_column_double(st, 2);
		ok = true;
	}
	sqlite3_finalize(st);
	return ok;
}

static enum nm_code check_riskoff(struct checker *k, const struct ev *e, struct nm_err *err)
{
	const char *sym = e->asset[0] ? e->asset : "BTC";
	bool forecast = !strcmp(e->modality, "forecast"), negated = !strcmp(e->modality, "negated");
	int64_t t0 = forecast ? e->pub_end : e->pub_end - RISKOFF_HORIZON;
	int64_t t1 = forecast ? e->pub_end + RISKOFF_HORIZON : e->pub_end, i0, i1;
	struct candle a, b;
	char f[21], t[21];
	double move;
	json_t *data;
	enum nm_verdict v;

	if (!e->dated)
		return emit(k, e, "market", NM_VERDICT_UNVERIFIABLE, NULL, err,
			    "no publication date (or only a month) to score against");
	iso(t0, f);
	iso(t1, t);
	if (!close_at(k->c, sym, t0, &a, &i0) || !close_at(k->c, sym, t1, &b, &i1) || b.t <= a.t)
		return emit(k, e, "market", NM_VERDICT_UNVERIFIABLE,
			    json_pack("{s:s, s:s, s:s}", "symbol", sym, "from", f, "to", t), err,
			    "no %s candles around %s and %s", sym, f, t);
	move = (b.c - a.c) / a.c;
	iso(a.t + i0, f);
	iso(b.t + i1, t);
	data = json_pack("{s:s, s:s, s:f, s:s, s:f, s:f, s:f, s:s}", "symbol", sym, "from", f, "from_close", a.c,
			 "to", t, "to_close", b.c, "change_pct", round(move * 10000) / 100, "threshold_pct",
			 RISKOFF_MOVE * 100, "scored", forecast ? "following days" : "preceding days");
	if (fabs(move) < RISKOFF_MOVE)
		v = NM_VERDICT_UNVERIFIABLE;
	else if ((move < 0) != negated)
		v = NM_VERDICT_CONSISTENT;
	else
		v = NM_VERDICT_CONTRADICTED;
	return emit(k, e, "market", v, data, err, "%s %s %+.1f%% from %s to %s (%s %s; %g%% decides)%s", sym,
		    move < 0 ? "fell" : "rose", move * 100, f, t, e->modality,
		    forecast ? "risk-off scored on the following 3 days" : "risk-off scored on the 3 days before",
		    RISKOFF_MOVE * 100, v == NM_VERDICT_UNVERIFIABLE ? ": too small a move to tell" : "");
}

/* ------------------------------------------------------------------ market: liquidations */

/* Sum of long and short liquidations of asset ("" = every asset) in [from, to), using the
 * finest bucket size that covers the window; *buckets = 0 when there is no data. */
static enum nm_code liq_sum(struct nm_corpus *c, const char *asset, int64_t from, int64_t to,
			    int64_t interval, double *lng, double *sht, int64_t *buckets, struct nm_err *err)
{
	sqlite3_stmt *st = NULL;
	enum nm_code code;
	if ((code = nm_corpus_prepare(c, "SELECT coalesce(sum(long_usd), 0), coalesce(sum(short_usd), 0),"
					 " count(DISTINCT t) FROM liquidations WHERE (?1 = '' OR asset = ?1)"
					 " AND interval = ?2 AND t >= ?3 AND t < ?4", &st, err)))
		return code;
	sqlite3_bind_text(st, 1, asset, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, interval);
	sqlite3_bind_int64(st, 3, from);
	sqlite3_bind_int64(st, 4, to);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return nm_corpus_sqlerr(c, err, "read liquidations");
	}
	*lng = sqlite3_column_double(st, 0);
	*sht = sqlite3_column_double(st, 1);
	*buckets = sqlite3_column_int64(st, 2);
	sqlite3_finalize(st);
	return NM_OK;
}

/* The finest liquidation bucket size whose buckets cover [*from, *to) completely, with
 * the window widened to whole buckets; 0 when no data covers it. */
static int64_t liq_interval(struct nm_corpus *c, int64_t *from, int64_t *to)
{
	sqlite3_stmt *st = NULL, *cnt = NULL;
	int64_t best = 0;
	if (nm_corpus_prepare(c, "SELECT DISTINCT interval FROM liquidations ORDER BY interval", &st, NULL) ||
	    nm_corpus_prepare(c, "SELECT count(DISTINCT t) FROM liquidations WHERE interval = ?1 AND t >= ?2"
				 " AND t < ?3", &cnt, NULL)) {
		sqlite3_finalize(st);
		return 0;
	}
	while (!best && sqlite3_step(st) == SQLITE_ROW) {
		int64_t iv = sqlite3_column_int64(st, 0), f, t;
		if (iv <= 0)
			continue;
		f = *from - (((*from % iv) + iv) % iv);
		t = *to % iv ? *to + iv - (((*to % iv) + iv) % iv) : *to;
		sqlite3_reset(cnt);
		sqlite3_bind_int64(cnt, 1, iv);
		sqlite3_bind_int64(cnt, 2, f);
		sqlite3_bind_int64(cnt, 3, t);
		if (sqlite3_step(cnt) == SQLITE_ROW && sqlite3_column_int64(cnt, 0) == (t - f) / iv) {
			best = iv;
			*from = f;
			*to = t;
		}
	}
	sqlite3_finalize(cnt);
	sqlite3_finalize(st);
	return best;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static enum nm_code check_deleveraging(struct checker *k, const struct ev *e, struct nm_err *err)
{
	double w = fig_num(e, "window_seconds"), lng, sht, base[WAVE_BASELINE_DAYS];
	const char *side = fig_str(e, "side");
	json_t *pa = json_object_get(e->fig, "per_asset_usd"), *v;
	int64_t win, from, to, iv, nb;
	char f[21], t[21], a[32], b[32];
	enum nm_code code;
	size_t nbase = 0;
	const char *key;

	if (!e->dated)
		return emit(k, e, "market", NM_VERDICT_UNVERIFIABLE, NULL, err,
			    "no publication date (or only a month) to place the wave in time");
	win = isnan(w) || w <= 0 || w > 30 * 86400 ? 86400 : (int64_t)w;
	/* the reported window ends at publication; a bare date could be any time that day */
	from = e->pub_start - win;
	to = e->pub_end;
	iso(from, f);
	iso(to, t);
	if (!(iv = liq_interval(k->c, &from, &to)))
		return emit(k, e, "market", NM_VERDICT_UNVERIFIABLE, json_pack("{s:s, s:s}", "from", f, "to", t), err,
			    "no liquidation data for %s to %s", f, t);
	iso(from, f);
	iso(to, t);
	if ((code = liq_sum(k->c, e->asset, from, to, iv, &lng, &sht, &nb, err)))
		return code;
	if (nb == 0 || lng + sht <= 0)
		return emit(k, e, "market", NM_VERDICT_UNVERIFIABLE, json_pack("{s:s, s:s}", "from", f, "to", t), err,
			    "no liquidation data for %s%s%s to %s", e->asset[0] ? e->asset : "", e->asset[0] ? " " : "", f, t);

	/* 1. a wave: the window against the same window on each of the 30 days before */
	for (int d = 1; d <= WAVE_BASELINE_DAYS; d++) {
		double l2, s2;
		int64_t n2;
		if ((code = liq_sum(k->c, e->asset, from - d * 86400, to - d * 86400, iv, &l2, &s2, &n2, err)))
			return code;
		if (n2 == nb)
			base[nbase++] = l2 + s2;
	}
	if (nbase >= WAVE_BASELINE_DAYS / 2) {
		double median, ratio;
		enum nm_verdict vd;
		json_t *data;
		qsort(base, nbase, sizeof(base[0]), cmp_double);
		median = nbase % 2 ? base[nbase / 2] : (base[nbase / 2 - 1] + base[nbase / 2]) / 2;
		ratio = median > 0 ? (lng + sht) / median : INFINITY;
		vd = ratio >= WAVE_SPIKE ? NM_VERDICT_CONSISTENT
		     : ratio < WAVE_QUIET ? NM_VERDICT_CONTRADICTED : NM_VERDICT_UNVERIFIABLE;
		data = json_pack("{s:s, s:s, s:s, s:I, s:f, s:f, s:f, s:f, s:i, s:s}", "asset",
				 e->asset[0] ? e->asset : "all", "from", f, "to", t, "interval", (json_int_t)iv,
				 "long_usd", lng, "short_usd", sht, "baseline_median_usd", median, "ratio",
				 round(ratio * 100) / 100, "baseline_days", (int)nbase, "note",
				 "exchange data may cover fewer venues than the article's totals");
		usd(lng + sht, a, sizeof(a));
		usd(median, b, sizeof(b));
		if ((code = emit(k, e, "market", vd, data, err,
				 "wave: %s liquidated %s to %s, %.1fx the %d-day median %s%s", a, f, t, ratio, (int)nbase,
				 b, vd == NM_VERDICT_CONSISTENT ? "" : vd == NM_VERDICT_CONTRADICTED ?
				 " (a quiet window)" : " (not clearly a wave)")))
			return code;
	}

	/* 2. the side: longs or shorts */
	if (side && (!strcmp(side, "long") || !strcmp(side, "short"))) {
		bool longs = lng >= sht, claim_long = !strcmp(side, "long");
		json_t *data = json_pack("{s:s, s:s, s:f, s:f}", "from", f, "to", t, "long_usd", lng, "short_usd", sht);
		usd(lng, a, sizeof(a));
		usd(sht, b, sizeof(b));
		if ((code = emit(k, e, "market", longs == claim_long ? NM_VERDICT_CONSISTENT : NM_VERDICT_CONTRADICTED,
				 data, err, "side: %s stated; the data has longs %s vs shorts %s", side, a, b)))
			return code;
	}

	/* 3. the per-asset ranking: the asset the article puts first should lead the data */
	if (json_is_object(pa) && json_object_size(pa) >= 2) {
		const char *top_claim = NULL, *top_data = NULL;
		double best_claim = -1, best_data = -1;
		json_t *data = json_object(), *rows = json_object();
		int covered = 0;
		json_object_foreach(pa, key, v) {
			double l2, s2;
			int64_t n2;
			if (!json_is_number(v))
				continue;
			if ((code = liq_sum(k->c, key, from, to, iv, &l2, &s2, &n2, err))) {
				json_decref(data);
				json_decref(rows);
				return code;
			}
			if (n2 == 0)
				continue;
			covered++;
			json_object_set_new(rows, key, json_real(l2 + s2));
			if (json_number_value(v) > best_claim) {
				best_claim = json_number_value(v);
				top_claim = key;
			}
			if (l2 + s2 > best_data) {
				best_data = l2 + s2;
				top_data = key;
			}
		}
		json_object_set_new(data, "data_usd", rows);
		json_object_set(data, "stated_usd", pa);
		json_object_set_new(data, "from", json_string(f));
		json_object_set_new(data, "to", json_string(t));
		if (covered >= 2)
			code = emit(k, e, "market", strcmp(top_claim, top_data) ? NM_VERDICT_CONTRADICTED
									   : NM_VERDICT_CONSISTENT,
				    data, err, "ranking: the article puts %s first, the data %s", top_claim, top_data);
		else
			json_decref(data);
		if (code)
			return code;
	}
	return NM_OK;
}

/* ------------------------------------------------------------------ cross-source */

/* Do two amounts agree, given their qualifiers ("over $X" agrees with anything above)? */
static bool amounts_agree(double a, const char *qa, double b, const char *qb)
{
	if (qa && !strcmp(qa, "at_least") && b >= a * (1 - CROSS_TOLERANCE))
		return true;
	if (qb && !strcmp(qb, "at_least") && a >= b * (1 - CROSS_TOLERANCE))
		return true;
	return fabs(a - b) <= CROSS_TOLERANCE * fmax(fabs(a), fabs(b));
}

static bool figures_agree(const struct ev *e, const struct ev *o, json_t *row)
{
	bool agree = true;
	if (!strcmp(e->type, "deleveraging")) {
		double a = fig_num(e, "total_usd"), b = fig_num(o, "total_usd");
		double wa = fig_num(e, "window_seconds"), wb = fig_num(o, "window_seconds");
		json_t *pa = json_object_get(e->fig, "per_asset_usd"), *pb = json_object_get(o->fig, "per_asset_usd");
		const char *key;
		json_t *v;
		/* totals over different stated windows are different quantities */
		bool same_window = isnan(wa) || isnan(wb) || wa == wb;
		if (!isnan(a) && !isnan(b) && same_window) {
			json_object_set_new(row, "total_usd", json_real(b));
			if (!amounts_agree(a, fig_str(e, "qualifier"), b, fig_str(o, "qualifier")))
				agree = false;
		}
		json_object_foreach(pa, key, v) {
			json_t *w = json_object_get(pb, key);
			if (json_is_number(v) && json_is_number(w) && same_window) {
				if (!json_object_get(row, "per_asset_usd"))
					json_object_set_new(row, "per_asset_usd", json_object());
				json_object_set(json_object_get(row, "per_asset_usd"), key, w);
				if (!amounts_agree(json_number_value(v), NULL, json_number_value(w), NULL))
					agree = false;
			}
		}
	} else if (!strcmp(e->type, "rejection")) {
		double l1 = fig_num(e, "low"), h1 = fig_num(e, "high"), l2 = fig_num(o, "low"), h2 = fig_num(o, "high");
		if (isnan(l1) || isnan(h1))
			l1 = h1 = fig_num(e, "level");
		if (isnan(l2) || isnan(h2))
			l2 = h2 = fig_num(o, "level");
		if (!isnan(l1) && !isnan(l2)) {
			json_object_set_new(row, "low", json_real(l2));
			json_object_set_new(row, "high", json_real(h2));
			/* the two zones overlap once widened by the tolerance */
			if (fmax(l1, l2) > fmin(h1, h2) * (1 + LEVEL_TOLERANCE) + fmax(l1, l2) * LEVEL_TOLERANCE)
				agree = false;
		}
	}
	if (!strcmp(e->modality, "negated") != !strcmp(o->modality, "negated"))
		agree = false;
	return agree;
}

static bool read_event(sqlite3_stmt *st, struct ev *e);

static enum nm_code check_cross(struct checker *k, const struct ev *e, struct nm_err *err)
{
	sqlite3_stmt *st = NULL;
	enum nm_code code;
	json_t *others = json_array();
	size_t agree = 0, disagree = 0;
	int rc;

	if (!e->dated) {
		json_decref(others);
		return emit(k, e, "cross_source", NM_VERDICT_UNVERIFIABLE, NULL, err,
			    "no publication date to find other reports of the same event");
	}
	if ((code = nm_corpus_prepare(k->c,
				      "SELECT e.id, e.doc, e.type, coalesce(e.asset, ''), e.modality, d.host, d.published,"
				      " e.json FROM events e JOIN documents d ON d.id = e.doc"
				      " WHERE e.type = ?1 AND coalesce(e.asset, '') = ?2 AND e.doc <> ?3"
				      " AND coalesce(d.host, '') <> ?4 AND e.published_at BETWEEN ?5 AND ?6"
				      " ORDER BY e.published_at, e.seq", &st, err))) {
		json_decref(others);
		return code;
	}
	sqlite3_bind_text(st, 1, e->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, e->asset, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, e->doc);
	sqlite3_bind_text(st, 4, e->host, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, e->pub_start - NM_STORY_WINDOW);
	sqlite3_bind_int64(st, 6, e->pub_end + NM_STORY_WINDOW);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ev o;
		json_t *row;
		bool ok;
		if (!read_event(st, &o))
			continue;
		row = json_pack("{s:s, s:s, s:s}", "event", o.id, "source", o.host, "modality", o.modality);
		ok = figures_agree(e, &o, row);
		json_object_set_new(row, "agrees", json_boolean(ok));
		json_array_append_new(others, row);
		ok ? agree++ : disagree++;
		json_decref(o.fig);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		json_decref(others);
		return nm_corpus_sqlerr(k->c, err, "read other sources");
	}
	if (agree + disagree == 0) {
		json_decref(others);
		return emit(k, e, "cross_source", NM_VERDICT_UNVERIFIABLE, NULL, err,
			    "no other source reports this %s within %d h", e->type, NM_STORY_WINDOW / 3600);
	}
	return emit(k, e, "cross_source", disagree ? NM_VERDICT_CONTRADICTED : NM_VERDICT_CONSISTENT,
		    json_pack("{s:o, s:f}", "others", others, "tolerance_pct", CROSS_TOLERANCE * 100), err,
		    "%zu other source%s: %zu agree%s, %zu disagree%s (tolerance %g%%)", agree + disagree,
		    agree + disagree == 1 ? "" : "s", agree, agree == 1 ? "s" : "", disagree,
		    disagree == 1 ? "s" : "", CROSS_TOLERANCE * 100);
}

/* ------------------------------------------------------------------ driver */

#define EVENT_COLS "e.id, e.doc, e.type, coalesce(e.asset, ''), e.modality, d.host, d.published, e.json"

/* Fill e from a row of EVENT_COLS; e->fig is a new reference. */
static bool read_event(sqlite3_stmt *st, struct ev *e)
{
	const char *pub = (const char *)sqlite3_column_text(st, 6);
	const char *js = (const char *)sqlite3_column_text(st, 7);
	json_t *o;
	int64_t t;
	bool has_time = false;

	memset(e, 0, sizeof(*e));
	snprintf(e->id, sizeof(e->id), "%s", (const char *)sqlite3_column_text(st, 0));
	e->doc = sqlite3_column_int64(st, 1);
	snprintf(e->type, sizeof(e->type), "%s", (const char *)sqlite3_column_text(st, 2));
	snprintf(e->asset, sizeof(e->asset), "%s", (const char *)sqlite3_column_text(st, 3));
	snprintf(e->modality, sizeof(e->modality), "%s", (const char *)sqlite3_column_text(st, 4));
	if (sqlite3_column_text(st, 5))
		snprintf(e->host, sizeof(e->host), "%s", (const char *)sqlite3_column_text(st, 5));
	/* "2025-11" names a month: too coarse to place an event */
	if (pub && strlen(pub) >= 10 && nm_time_parse(pub, &t, &has_time) == NM_OK) {
		e->dated = true;
		e->has_time = has_time;
		e->pub_start = t;
		e->pub_end = has_time ? t : t + 86400;
	}
	o = js ? json_loads(js, 0, NULL) : NULL;
	e->fig = json_incref(json_object_get(o, "figures"));
	if (!e->fig)
		e->fig = json_object();
	json_decref(o);
	return true;
}

static enum nm_code check_event(struct checker *k, const struct ev *e, struct nm_err *err)
{
	sqlite3_stmt *del = NULL;
	enum nm_code code;

	if ((code = nm_corpus_prepare(k->c, "DELETE FROM verdicts WHERE event = ?1", &del, err)))
		return code;
	sqlite3_bind_text(del, 1, e->id, -1, SQLITE_STATIC);
	if (sqlite3_step(del) != SQLITE_DONE)
		code = nm_corpus_sqlerr(k->c, err, "clear verdicts");
	sqlite3_finalize(del);
	if (code)
		return code;
	k->ord = 0;
	if ((code = check_internal(k, e, err)))
		return code;
	if (!strcmp(e->type, "rejection"))
		code = check_rejection(k, e, err);
	else if (!strcmp(e->type, "deleveraging"))
		code = check_deleveraging(k, e, err);
	else if (!strcmp(e->type, "risk-off"))
		code = check_riskoff(k, e, err);
	if (code)
		return code;
	return check_cross(k, e, err);
}

enum nm_code nm_corpus_check(struct nm_corpus *c, const char *event_id,
			     int (*cb)(struct json_t *verdict, void *arg), void *arg,
			     struct nm_err *err)
{
	struct checker k = {.c = c, .cb = cb, .arg = arg, .now = (int64_t)time(NULL)};
	sqlite3_stmt *st = NULL;
	enum nm_code code;
	size_t n = 0;
	int rc = SQLITE_DONE;

	if ((code = nm_corpus_commit(c, err)))
		return code;
	if ((code = nm_corpus_prepare(c, "INSERT INTO verdicts(event, kind, ord, verdict, detail, data, checked_at)"
					 " VALUES(?1,?2,?3,?4,?5,?6,?7)", &k.ins, err)))
		return code;
	if ((code = nm_corpus_prepare(c, "SELECT " EVENT_COLS " FROM events e JOIN documents d ON d.id = e.doc"
					 " WHERE ?1 IS NULL OR e.id = ?1 ORDER BY e.seq", &st, err)))
		goto out;
	sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
	if ((code = nm_corpus_exec(c, "BEGIN IMMEDIATE", err)))
		goto out;
	while (!k.stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ev e;
		read_event(st, &e);
		code = check_event(&k, &e, err);
		json_decref(e.fig);
		n++;
		if (code)
			break;
	}
	if (!code && !k.stop && rc != SQLITE_DONE)
		code = nm_corpus_sqlerr(c, err, "read events");
	if (!code && event_id && n == 0)
		code = nm_err_set(err, NM_EINVAL, "no stored event '%s'", event_id);
	sqlite3_finalize(st);
	st = NULL;
	if (code)
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	else
		code = nm_corpus_exec(c, "COMMIT", err);
out:
	sqlite3_finalize(st);
	sqlite3_finalize(k.ins);
	return code;
}
