/*
 * corpus/market.c — importing market data (OHLCV candles, liquidation buckets) from CSV
 * into the corpus, for the cross-checks. Header names are matched loosely (case and
 * punctuation ignored, common synonyms), timestamps may be seconds, milliseconds,
 * microseconds or ISO 8601, and a whole file goes in one transaction.
 */
#include "corpus/corpus_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MARKET_FILE_MAX ((size_t)1 << 30) /* bytes of CSV */
#define MARKET_FIELDS_MAX 64
#define MARKET_ROWS_MAX ((size_t)50000000)
#define MARKET_SYMBOLS_MAX 64

/* ------------------------------------------------------------------ CSV records */

struct csv {
	const char *p, *end;
	const char *path;
	size_t line;          /* line of the next record, 1-based */
	struct nm_buf scratch; /* unquoted field bytes, NUL-separated */
	size_t off[MARKET_FIELDS_MAX];
	int n;                /* fields in the current record */
	size_t rec_line;      /* line where the current record started */
	bool last_unterminated; /* the record ran to the end of the file without a newline */
};

static const char *csv_field(const struct csv *s, int i)
{
	return s->scratch.data + s->off[i];
}

/* Read the next record. Returns 1 for a record, 0 at the end, -1 on error (err set). */
static int csv_next(struct csv *s, struct nm_err *err)
{
	for (;;) {
		if (s->p >= s->end)
			return 0;
		if (*s->p == '\n' || (*s->p == '\r' && s->p + 1 < s->end && s->p[1] == '\n')) {
			s->p += *s->p == '\r' ? 2 : 1; /* blank line */
			s->line++;
			continue;
		}
		break;
	}
	nm_buf_reset(&s->scratch);
	s->n = 0;
	s->rec_line = s->line;
	s->last_unterminated = false;
	for (;;) {
		if (s->n >= MARKET_FIELDS_MAX) {
			nm_err_set(err, NM_EPARSE, "%s:%zu: more than %d fields", s->path, s->rec_line, MARKET_FIELDS_MAX);
			return -1;
		}
		s->off[s->n++] = s->scratch.len;
		if (s->p < s->end && *s->p == '"') {
			s->p++;
			for (;;) {
				if (s->p >= s->end) {
					nm_err_set(err, NM_EPARSE, "%s:%zu: unterminated quoted field", s->path, s->rec_line);
					return -1;
				}
				if (*s->p == '"') {
					if (s->p + 1 < s->end && s->p[1] == '"') {
						s->p++;
					} else {
						s->p++;
						break;
					}
				}
				if (*s->p == '\n')
					s->line++;
				if (nm_buf_addch(&s->scratch, *s->p++))
					goto toobig;
			}
		} else {
			while (s->p < s->end && *s->p != ',' && *s->p != '\n' &&
			       !(*s->p == '\r' && s->p + 1 < s->end && s->p[1] == '\n'))
				if (nm_buf_addch(&s->scratch, *s->p++))
					goto toobig;
		}
		if (nm_buf_addch(&s->scratch, '\0'))
			goto toobig;
		if (s->p >= s->end) {
			s->last_unterminated = true;
			return 1;
		}
		if (*s->p == ',') {
			s->p++;
			continue;
		}
		if (*s->p == '\r')
			s->p++;
		if (*s->p == '\n') {
			s->p++;
			s->line++;
			return 1;
		}
		nm_err_set(err, NM_EPARSE, "%s:%zu: text after a closing quote", s->path, s->rec_line);
		return -1;
	}
toobig:
	nm_err_set(err, NM_ETOOBIG, "%s:%zu: record too long", s->path, s->rec_line);
	return -1;
}

/* ------------------------------------------------------------------ columns */

/* Lowercase letters and digits only: "Open Time" and "open_time" both give "opentime". */
static void norm(const char *s, char *out, size_t n)
{
	size_t j = 0;
	for (; *s && j + 1 < n; s++)
		if (nm_isalnum((unsigned char)*s))
			out[j++] = (char)nm_tolower((unsigned char)*s);
	out[j] = '\0';
}

/* The first column named exactly one of names (normalised), else -1. */
static int col_exact(char names[][48], int n, const char *const *want)
{
	for (; *want; want++)
		for (int i = 0; i < n; i++)
			if (!strcmp(names[i], *want))
				return i;
	return -1;
}

/* The first column whose name contains sub (and not avoid), else -1. */
static int col_contains(char names[][48], int n, const char *sub, const char *avoid)
{
	for (int i = 0; i < n; i++)
		if (strstr(names[i], sub) && !(avoid && strstr(names[i], avoid)))
			return i;
	return -1;
}

static const char *const time_names[] = {
	"opentime", "timestamp", "time", "date", "dateutc", "bucketstartutc", "datetime", "t", "ts",
	"unix", "unixtime", "starttime", "timeopen", "timeperiodstart", "period", "day", NULL};
static const char *const open_names[] = {"open", "o", "openprice", "opening", NULL};
static const char *const high_names[] = {"high", "h", "highprice", "max", NULL};
static const char *const low_names[] = {"low", "l", "lowprice", "min", NULL};
static const char *const close_names[] = {"close", "c", "closeprice", "closing", "price", "last", NULL};
static const char *const volume_names[] = {"volume", "v", "vol", "volumebase", "basevolume", NULL};
static const char *const symbol_names[] = {"symbol", "asset", "coin", "ticker", "pair", "instrument",
					   "market", "base", NULL};

static int time_column(char names[][48], int n)
{
	int i = col_exact(names, n, time_names);
	if (i < 0)
		i = col_contains(names, n, "time", "close");
	if (i < 0)
		i = col_contains(names, n, "date", NULL);
	return i;
}

/* Ticker from a symbol or pair: "BTCUSDT", "btc-usd", "BTC/USDT:USDT", "XBTUSD" -> "BTC". */
static void base_ticker(const char *s, char out[NM_TICKER_MAX])
{
	static const char *const quotes[] = {"USDT", "USDC", "BUSD", "FDUSD", "USD", "PERP", "EUR", NULL};
	size_t j = 0;
	for (; *s && j + 1 < NM_TICKER_MAX; s++) {
		if (*s == '-' || *s == '/' || *s == '_' || *s == ':' || *s == ' ')
			break;
		out[j++] = (char)nm_toupper((unsigned char)*s);
	}
	out[j] = '\0';
	for (int changed = 1; changed;) {
		changed = 0;
		for (int q = 0; quotes[q]; q++) {
			size_t ql = strlen(quotes[q]), ol = strlen(out);
			if (ol > ql && !strcmp(out + ol - ql, quotes[q])) {
				out[ol - ql] = '\0';
				changed = 1;
			}
		}
	}
	if (!strcmp(out, "XBT"))
		snprintf(out, NM_TICKER_MAX, "BTC");
}

/* Exchange dumps name the pair in the file name ("BTCUSDT-1h-2024-06.csv"): the ticker
 * when the name starts with a pair quoted in a dollar currency, else "". */
static void symbol_from_name(const char *path, char out[NM_TICKER_MAX])
{
	const char *b = strrchr(path, '/');
	char pair[NM_TICKER_MAX];
	size_t n = 0;
	b = b ? b + 1 : path;
	while (nm_isalnum((unsigned char)b[n]) && n + 1 < sizeof(pair)) {
		pair[n] = (char)nm_toupper((unsigned char)b[n]);
		n++;
	}
	pair[n] = '\0';
	out[0] = '\0';
	if (n > 4 && (b[n] == '-' || b[n] == '_' || b[n] == '.') &&
	    (strstr(pair, "USDT") || strstr(pair, "USDC") || strstr(pair, "BUSD") ||
	     !strcmp(pair + n - 3, "USD")))
		base_ticker(pair, out);
	if (!strcmp(out, pair))
		out[0] = '\0';
}

/* ------------------------------------------------------------------ values */

static bool parse_num(const char *s, double *out)
{
	char *end;
	double v;
	while (nm_isspace((unsigned char)*s))
		s++;
	if (!*s)
		return false;
	v = strtod(s, &end);
	while (nm_isspace((unsigned char)*end))
		end++;
	if (*end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

/* Unix seconds from seconds, ms, µs or ns since the epoch, or an ISO 8601 date/time. */
static bool parse_time(const char *s, int64_t *out)
{
	double v;
	bool has_time;
	if (parse_num(s, &v)) {
		if (v < 0)
			return false;
		if (v >= 1e17)
			v /= 1e9;
		else if (v >= 1e14)
			v /= 1e6;
		else if (v >= 1e11)
			v /= 1e3;
		*out = (int64_t)floor(v);
		return true;
	}
	return nm_time_parse(s, out, &has_time) == NM_OK;
}

/* ------------------------------------------------------------------ import */

struct row {
	int sym;          /* index into syms */
	int64_t t;
	double v[5];      /* candles: o h l c volume (NAN = none); liquidations: long short */
	size_t line;
};

struct import {
	const struct nm_market_import *imp;
	struct row *rows;
	size_t n, cap;
	char syms[MARKET_SYMBOLS_MAX][NM_TICKER_MAX];
	int64_t last_t[MARKET_SYMBOLS_MAX];
	size_t last_line[MARKET_SYMBOLS_MAX];
	int nsyms;
};

static int sym_index(struct import *im, const char *sym)
{
	for (int i = 0; i < im->nsyms; i++)
		if (!strcmp(im->syms[i], sym))
			return i;
	if (im->nsyms == MARKET_SYMBOLS_MAX)
		return -1;
	snprintf(im->syms[im->nsyms], NM_TICKER_MAX, "%s", sym);
	im->last_t[im->nsyms] = INT64_MIN;
	return im->nsyms++;
}

static enum nm_code parse_file(struct import *im, const char *data, size_t len, struct nm_err *err)
{
	const struct nm_market_import *imp = im->imp;
	bool candles = imp->kind == NM_MARKET_CANDLES;
	struct csv s = {.p = data, .end = data + len, .path = imp->path, .line = 1,
			.scratch = NM_BUF_INIT(1 << 20)};
	char names[MARKET_FIELDS_MAX][48], want[NM_TICKER_MAX] = "";
	int nh, ct, cs, cols[5], ncols = candles ? 5 : 2, r;
	enum nm_code code = NM_OK;
	double first_num;
	bool headerless;

	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		s.p += 3; /* UTF-8 byte order mark */
	if ((r = csv_next(&s, err)) <= 0) {
		code = r < 0 ? err->code : nm_err_set(err, NM_EPARSE, "%s:1: empty file (no header row)", imp->path);
		goto out;
	}
	nh = s.n;
	for (int i = 0; i < nh; i++)
		norm(csv_field(&s, i), names[i], sizeof(names[i]));
	headerless = candles && nh >= 6 && parse_num(csv_field(&s, 0), &first_num);
	if (headerless) {
		/* Binance kline dumps (data.binance.vision spot files) have no header row:
		 * open_time, open, high, low, close, volume, close_time, ... */
		static const char *const kline[] = {"opentime", "open", "high", "low", "close", "volume"};
		for (int i = 0; i < nh; i++)
			snprintf(names[i], sizeof(names[i]), "%s", i < 6 ? kline[i] : "x");
		s.p = s.end - len + (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0);
		s.line = 1;
	}
	ct = time_column(names, nh);
	cs = col_exact(names, nh, symbol_names);
	if (candles) {
		cols[0] = col_exact(names, nh, open_names);
		cols[1] = col_exact(names, nh, high_names);
		cols[2] = col_exact(names, nh, low_names);
		cols[3] = col_exact(names, nh, close_names);
		cols[4] = col_exact(names, nh, volume_names);
		if (cols[4] < 0)
			cols[4] = col_contains(names, nh, "volume", "quote");
		if (cols[4] < 0)
			cols[4] = col_contains(names, nh, "volume", NULL);
	} else {
		cols[0] = col_contains(names, nh, "long", NULL);
		cols[1] = col_contains(names, nh, "short", NULL);
	}
	{
		static const char *const cand_names[] = {"open", "high", "low", "close", "volume"};
		static const char *const liq_names[] = {"long", "short"};
		const char *missing = ct < 0 ? "time" : NULL;
		for (int i = 0; !missing && i < (candles ? 4 : 2); i++)
			if (cols[i] < 0)
				missing = candles ? cand_names[i] : liq_names[i];
		if (missing) {
			code = nm_err_set(err, NM_EPARSE, "%s:1: no %s column in the header", imp->path, missing);
			goto out;
		}
	}
	if (imp->symbol)
		base_ticker(imp->symbol, want);
	else if (cs < 0)
		symbol_from_name(imp->path, want);
	if (cs < 0 && !want[0]) {
		code = nm_err_set(err, NM_EPARSE, "%s:1: no symbol column; give the symbol (--symbol)", imp->path);
		goto out;
	}

	while ((r = csv_next(&s, err)) > 0) {
		struct row row = {.line = s.rec_line};
		char sym[NM_TICKER_MAX];
		const char *f;

		if (s.n != nh) {
			code = nm_err_set(err, NM_EPARSE, "%s:%zu: %s: %d fields, the header has %d", imp->path,
					  s.rec_line, s.last_unterminated ? "truncated last line" : "wrong field count",
					  s.n, nh);
			goto out;
		}
		if (cs >= 0) {
			base_ticker(csv_field(&s, cs), sym);
			if (want[0] && strcmp(sym, want))
				continue;
		} else {
			snprintf(sym, sizeof(sym), "%s", want);
		}
		if (!sym[0]) {
			code = nm_err_set(err, NM_EPARSE, "%s:%zu: empty symbol", imp->path, s.rec_line);
			goto out;
		}
		f = csv_field(&s, ct);
		if (!parse_time(f, &row.t)) {
			code = nm_err_set(err, NM_EPARSE, "%s:%zu: '%.40s' is not a timestamp%s", imp->path, s.rec_line,
					  f, s.last_unterminated ? " (truncated last line?)" : "");
			goto out;
		}
		for (int i = 0; i < 5; i++) {
			row.v[i] = NAN;
			if (i >= ncols || cols[i] < 0)
				continue;
			f = csv_field(&s, cols[i]);
			if (!parse_num(f, &row.v[i]) || row.v[i] < 0) {
				if (candles && i == 4 && !*f)
					continue; /* an empty volume is allowed */
				code = nm_err_set(err, NM_EPARSE, "%s:%zu: %s '%.40s' is not a number%s", imp->path,
						  s.rec_line, names[cols[i]], f,
						  s.last_unterminated ? " (truncated last line?)" : "");
				goto out;
			}
		}
		if (candles && (row.v[1] < row.v[2] || row.v[1] < fmax(row.v[0], row.v[3]) ||
				row.v[2] > fmin(row.v[0], row.v[3]))) {
			code = nm_err_set(err, NM_EPARSE, "%s:%zu: high/low do not contain open/close", imp->path,
					  s.rec_line);
			goto out;
		}
		if ((row.sym = sym_index(im, sym)) < 0) {
			code = nm_err_set(err, NM_ETOOBIG, "%s:%zu: more than %d symbols", imp->path, s.rec_line,
					  MARKET_SYMBOLS_MAX);
			goto out;
		}
		if (row.t == im->last_t[row.sym]) {
			code = nm_err_set(err, NM_EPARSE, "%s:%zu: duplicate timestamp (same as line %zu)", imp->path,
					  s.rec_line, im->last_line[row.sym]);
			goto out;
		}
		if (row.t < im->last_t[row.sym]) {
			code = nm_err_set(err, NM_EPARSE, "%s:%zu: out of order (earlier than line %zu)", imp->path,
					  s.rec_line, im->last_line[row.sym]);
			goto out;
		}
		im->last_t[row.sym] = row.t;
		im->last_line[row.sym] = s.rec_line;
		if (im->n == im->cap) {
			if (im->cap >= MARKET_ROWS_MAX) {
				code = nm_err_set(err, NM_ETOOBIG, "%s: more than %zu rows", imp->path, MARKET_ROWS_MAX);
				goto out;
			}
			im->cap = im->cap ? im->cap * 2 : 1024;
			im->rows = nm_xrealloc(im->rows, im->cap * sizeof(*im->rows));
		}
		im->rows[im->n++] = row;
	}
	if (r < 0) {
		code = err->code;
		goto out;
	}
	if (im->n == 0)
		code = want[0] ? nm_err_set(err, NM_EPARSE, "%s: no rows for %s", imp->path, want)
			       : nm_err_set(err, NM_EPARSE, "%s: no data rows", imp->path);
out:
	nm_buf_release(&s.scratch);
	return code;
}

/* Seconds per row: the given interval, else the smallest step between rows of a symbol. */
static enum nm_code row_interval(struct import *im, int64_t *out, struct nm_err *err)
{
	int64_t best = 0;
	if (im->imp->interval > 0) {
		*out = im->imp->interval;
		return NM_OK;
	}
	for (size_t i = 1; i < im->n; i++) {
		for (size_t j = i; j-- > 0;) {
			if (im->rows[j].sym == im->rows[i].sym) {
				int64_t d = im->rows[i].t - im->rows[j].t;
				if (d > 0 && (!best || d < best))
					best = d;
				break;
			}
			if (i - j > (size_t)MARKET_SYMBOLS_MAX)
				break;
		}
	}
	if (!best)
		return nm_err_set(err, NM_EPARSE, "%s: cannot infer the interval from one row; give --interval",
				  im->imp->path);
	*out = best;
	return NM_OK;
}

enum nm_code nm_market_import(struct nm_corpus *c, const struct nm_market_import *imp,
			      size_t *rows, struct nm_err *err)
{
	struct nm_buf data = NM_BUF_INIT(MARKET_FILE_MAX);
	struct import im = {.imp = imp};
	sqlite3_stmt *st = NULL, *log = NULL;
	int64_t interval = 0;
	enum nm_code code;
	bool candles = imp->kind == NM_MARKET_CANDLES;

	if ((code = nm_corpus_commit(c, err)))
		return code;
	if ((code = nm_buf_read_file(&data, imp->path, err)))
		goto out;
	if ((code = parse_file(&im, data.data ? data.data : "", data.len, err)) ||
	    (code = row_interval(&im, &interval, err)))
		goto out;
	if ((code = nm_corpus_prepare(c, candles
				? "INSERT OR REPLACE INTO candles(symbol, interval, t, open, high, low, close, volume)"
				  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"
				: "INSERT OR REPLACE INTO liquidations(asset, interval, t, long_usd, short_usd)"
				  " VALUES(?1,?2,?3,?4,?5)", &st, err)) ||
	    (code = nm_corpus_prepare(c, "INSERT INTO imports(kind, file, symbol, interval, rows, first_t,"
					 " last_t, imported_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)", &log, err)))
		goto out;
	if ((code = nm_corpus_exec(c, "BEGIN IMMEDIATE", err)))
		goto out;
	for (size_t i = 0; i < im.n; i++) {
		const struct row *r = &im.rows[i];
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, im.syms[r->sym], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, interval);
		sqlite3_bind_int64(st, 3, r->t);
		for (int k = 0; k < (candles ? 5 : 2); k++)
			nm_corpus_bind_num(st, 4 + k, r->v[k]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			code = nm_corpus_sqlerr(c, err, "store market data");
			goto rollback;
		}
	}
	for (int s = 0; s < im.nsyms; s++) {
		size_t n = 0;
		int64_t first = INT64_MAX;
		for (size_t i = 0; i < im.n; i++) {
			if (im.rows[i].sym == s) {
				n++;
				if (im.rows[i].t < first)
					first = im.rows[i].t;
			}
		}
		sqlite3_reset(log);
		sqlite3_bind_text(log, 1, candles ? "candles" : "liquidations", -1, SQLITE_STATIC);
		sqlite3_bind_text(log, 2, imp->path, -1, SQLITE_STATIC);
		sqlite3_bind_text(log, 3, im.syms[s], -1, SQLITE_STATIC);
		sqlite3_bind_int64(log, 4, interval);
		sqlite3_bind_int64(log, 5, (int64_t)n);
		sqlite3_bind_int64(log, 6, first);
		sqlite3_bind_int64(log, 7, im.last_t[s]);
		sqlite3_bind_int64(log, 8, (int64_t)time(NULL));
		if (sqlite3_step(log) != SQLITE_DONE) {
			code = nm_corpus_sqlerr(c, err, "log import");
			goto rollback;
		}
	}
	if ((code = nm_corpus_exec(c, "COMMIT", err)))
		goto rollback;
	if (rows)
		*rows = im.n;
	goto out;
rollback:
	sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
out:
	sqlite3_finalize(st);
	sqlite3_finalize(log);
	free(im.rows);
	nm_buf_release(&data);
	return code;
}
