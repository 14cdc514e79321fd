/*
 * corpus/query.c — reading the corpus back: events with filters (for other tools and
 * incremental polling), stories (one happening told by several sources) and stats.
 */
#include "corpus/corpus_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* A growing WHERE clause with its parameters (text, integer or real). */
struct where {
	struct nm_buf sql;
	int n;
	struct {
		int kind; /* 0 text, 1 int, 2 real */
		const char *s;
		int64_t i;
		double d;
	} p[16];
};

static void where_add(struct where *w, const char *clause)
{
	if (nm_buf_addstr(&w->sql, w->sql.len ? " AND " : " WHERE ") || nm_buf_addstr(&w->sql, clause))
		NM_BUG("query too long");
}

static void where_text(struct where *w, const char *clause, const char *s)
{
	if (w->n >= 16)
		NM_BUG("too many query parameters");
	where_add(w, clause);
	w->p[w->n].kind = 0;
	w->p[w->n++].s = s;
}

static void where_int(struct where *w, const char *clause, int64_t v)
{
	if (w->n >= 16)
		NM_BUG("too many query parameters");
	where_add(w, clause);
	w->p[w->n].kind = 1;
	w->p[w->n++].i = v;
}

static void where_real(struct where *w, const char *clause, double v)
{
	if (w->n >= 16)
		NM_BUG("too many query parameters");
	where_add(w, clause);
	w->p[w->n].kind = 2;
	w->p[w->n++].d = v;
}

static void where_bind(const struct where *w, sqlite3_stmt *st, int first)
{
	for (int i = 0; i < w->n; i++) {
		if (w->p[i].kind == 0)
			sqlite3_bind_text(st, first + i, w->p[i].s, -1, SQLITE_TRANSIENT);
		else if (w->p[i].kind == 1)
			sqlite3_bind_int64(st, first + i, w->p[i].i);
		else
			sqlite3_bind_double(st, first + i, w->p[i].d);
	}
}

static bool is_event_id(const char *s)
{
	size_t n = strlen(s);
	if (n != 16)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!nm_isdigit((unsigned char)s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
			return false;
	return true;
}

static bool is_market(const char *asset)
{
	return !strcmp(asset, "-") || !nm_strcasecmp(asset, "market") || !nm_strcasecmp(asset, "null");
}

/* Upper-case copy of a ticker into out (NM_TICKER_MAX). */
static void ticker(const char *s, char out[NM_TICKER_MAX])
{
	size_t i = 0;
	for (; s[i] && i + 1 < NM_TICKER_MAX; i++)
		out[i] = (char)nm_toupper((unsigned char)s[i]);
	out[i] = '\0';
}

/* The seq of a stored event, or -1. */
static int64_t event_seq(struct nm_corpus *c, const char *id)
{
	sqlite3_stmt *st = NULL;
	int64_t seq = -1;
	if (nm_corpus_prepare(c, "SELECT seq FROM events WHERE id = ?1", &st, NULL))
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		seq = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return seq;
}

/* Turn the filters into a WHERE clause over events e JOIN documents d. */
static enum nm_code event_filters(struct nm_corpus *c, const struct nm_event_query *q,
				  struct where *w, char asset_buf[NM_TICKER_MAX], char host_buf[256],
				  struct nm_err *err)
{
	enum nm_modality m;
	int64_t t;

	if (q->id)
		where_text(w, "e.id = ?", q->id);
	if (q->type)
		where_text(w, "e.type = ?", q->type);
	if (q->asset) {
		if (is_market(q->asset)) {
			where_add(w, "e.asset IS NULL");
		} else {
			ticker(q->asset, asset_buf);
			where_text(w, "e.asset = ?", asset_buf);
		}
	}
	if (q->modality) {
		if (!nm_modality_parse(q->modality, &m))
			return nm_err_set(err, NM_EINVAL, "unknown modality '%s' (reported, forecast, negated)",
					  q->modality);
		where_text(w, "e.modality = ?", q->modality);
	}
	if (q->since) {
		int64_t seq = is_event_id(q->since) ? event_seq(c, q->since) : -1;
		if (seq >= 0)
			where_int(w, "e.seq > ?", seq);
		else if (nm_corpus_time(q->since, false, &t))
			where_int(w, "e.published_at >= ?", t);
		else if (is_event_id(q->since))
			return nm_err_set(err, NM_EINVAL, "--since: no stored event '%s'", q->since);
		else
			return nm_err_set(err, NM_EINVAL, "--since: '%s' is neither a date nor an event id", q->since);
	}
	if (q->until) {
		if (!nm_corpus_time(q->until, true, &t))
			return nm_err_set(err, NM_EINVAL, "--until: '%s' is not a date", q->until);
		where_int(w, "e.published_at < ?", t);
	}
	if (q->source) {
		const char *h = q->source;
		size_t i = 0;
		if (!nm_strncasecmp(h, "www.", 4))
			h += 4;
		for (; h[i] && i + 1 < 256; i++)
			host_buf[i] = (char)nm_tolower((unsigned char)h[i]);
		host_buf[i] = '\0';
		where_text(w, "(d.host = ?", host_buf);
		if (nm_buf_addstr(&w->sql, " OR d.host LIKE '%.' || ?)"))
			NM_BUG("query too long");
		w->p[w->n].kind = 0;
		w->p[w->n++].s = host_buf;
	}
	if (q->verdict) {
		if (strcmp(q->verdict, "consistent") && strcmp(q->verdict, "contradicted") &&
		    strcmp(q->verdict, "unverifiable"))
			return nm_err_set(err, NM_EINVAL,
					  "unknown verdict '%s' (consistent, contradicted, unverifiable)", q->verdict);
		where_text(w, "EXISTS(SELECT 1 FROM verdicts v WHERE v.event = e.id AND v.verdict = ?)",
			   q->verdict);
	}
	if (q->min_confidence > 0)
		where_real(w, "e.confidence >= ?", q->min_confidence);
	return NM_OK;
}

json_t *nm_corpus_event_row(sqlite3_stmt *st);

/* The event object of a row (json, url, title, published, host) with the doc fields. */
json_t *nm_corpus_event_row(sqlite3_stmt *st)
{
	json_error_t jerr;
	const char *js = (const char *)sqlite3_column_text(st, 0);
	json_t *o = js ? json_loads(js, 0, &jerr) : NULL;
	static const char *const fields[] = {"url", "title", "published", "source"};

	if (!o)
		o = json_object();
	for (int i = 0; i < 4; i++) {
		const char *v = (const char *)sqlite3_column_text(st, i + 1);
		json_object_set_new(o, fields[i], v ? json_string(v) : json_null());
	}
	return o;
}

enum nm_code nm_corpus_events(struct nm_corpus *c, const struct nm_event_query *q,
			      int (*cb)(struct json_t *event, void *arg), void *arg,
			      struct nm_err *err)
{
	struct where w = {.sql = NM_BUF_INIT(4096)};
	struct nm_buf sql = NM_BUF_INIT(8192);
	char asset[NM_TICKER_MAX], host[256];
	sqlite3_stmt *st = NULL;
	enum nm_code code;
	int rc;

	if ((code = event_filters(c, q, &w, asset, host, err)))
		goto out;
	if (nm_buf_addstr(&sql, "SELECT e.json, d.url, d.title, d.published, d.host FROM events e"
				" JOIN documents d ON d.id = e.doc") ||
	    nm_buf_addstr(&sql, nm_buf_str(&w.sql)) ||
	    nm_buf_addstr(&sql, " ORDER BY e.seq") ||
	    (q->limit && nm_buf_printf(&sql, " LIMIT %zu", q->limit)))
		NM_BUG("query too long");
	if ((code = nm_corpus_prepare(c, nm_buf_str(&sql), &st, err)))
		goto out;
	where_bind(&w, st, 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *o = nm_corpus_event_row(st);
		int stop = cb(o, arg);
		json_decref(o);
		if (stop)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		code = nm_corpus_sqlerr(c, err, "list events");
out:
	sqlite3_finalize(st);
	nm_buf_release(&sql);
	nm_buf_release(&w.sql);
	return code;
}

/* ------------------------------------------------------------------ stories */

struct story {
	char type[NM_EVENT_TYPE_MAX];
	char asset[NM_TICKER_MAX];
	int64_t first_t;
	json_t *obj;
	json_t *hosts;    /* object used as a set */
	json_t *ids;
};

static int story_cmp(const void *a, const void *b)
{
	const struct story *x = a, *y = b;
	if (x->first_t != y->first_t)
		return x->first_t < y->first_t ? -1 : 1;
	return strcmp(json_string_value(json_object_get(x->obj, "story")),
		      json_string_value(json_object_get(y->obj, "story")));
}

enum nm_code nm_corpus_stories(struct nm_corpus *c,
			       int (*cb)(struct json_t *story, void *arg), void *arg,
			       struct nm_err *err)
{
	sqlite3_stmt *st = NULL;
	struct story *v = NULL;
	size_t n = 0, cap = 0;
	enum nm_code code = NM_OK;
	int rc;

	if ((code = nm_corpus_prepare(c,
				      "SELECT e.id, e.type, coalesce(e.asset, ''), e.published_at, d.host"
				      " FROM events e JOIN documents d ON d.id = e.doc"
				      " WHERE e.published_at IS NOT NULL AND e.modality <> 'negated'"
				      " ORDER BY e.type, coalesce(e.asset, ''), e.published_at, e.seq",
				      &st, err)))
		return code;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		const char *type = (const char *)sqlite3_column_text(st, 1);
		const char *asset = (const char *)sqlite3_column_text(st, 2);
		int64_t t = sqlite3_column_int64(st, 3);
		const char *host = (const char *)sqlite3_column_text(st, 4);
		struct story *s = n ? &v[n - 1] : NULL;

		if (!s || strcmp(s->type, type) || strcmp(s->asset, asset) || t - s->first_t > NM_STORY_WINDOW) {
			char when[21], sid[17];
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				v = nm_xrealloc(v, cap * sizeof(*v));
			}
			s = &v[n++];
			memset(s, 0, sizeof(*s));
			snprintf(s->type, sizeof(s->type), "%s", type);
			snprintf(s->asset, sizeof(s->asset), "%s", asset);
			s->first_t = t;
			nm_time_iso(t, when);
			nm_hash64_hex(nm_hash64(id, strlen(id)), sid);
			s->obj = json_pack("{s:s, s:s, s:o, s:s, s:o, s:s}", "story", sid, "type", type,
					   "asset", *asset ? json_string(asset) : json_null(),
					   "first_published", when, "first_source",
					   host ? json_string(host) : json_null(), "first_event", id);
			s->hosts = json_object();
			s->ids = json_array();
		}
		json_object_set_new(s->hosts, host ? host : "", json_true());
		json_array_append_new(s->ids, json_string(id));
	}
	if (rc != SQLITE_DONE)
		code = nm_corpus_sqlerr(c, err, "list stories");
	sqlite3_finalize(st);
	if (n)
		qsort(v, n, sizeof(*v), story_cmp);
	for (size_t i = 0; i < n; i++) {
		struct story *s = &v[i];
		json_t *hosts = json_array();
		const char *h;
		json_t *val;
		json_object_foreach(s->hosts, h, val)
			if (*h)
				json_array_append_new(hosts, json_string(h));
		json_object_set_new(s->obj, "sources", json_integer((json_int_t)json_object_size(s->hosts)));
		json_object_set_new(s->obj, "events", json_integer((json_int_t)json_array_size(s->ids)));
		json_object_set_new(s->obj, "hosts", hosts);
		json_object_set(s->obj, "event_ids", s->ids);
		if (!code && cb && cb(s->obj, arg))
			code = NM_OK, cb = NULL;
		json_decref(s->obj);
		json_decref(s->hosts);
		json_decref(s->ids);
	}
	free(v);
	return code;
}

/* ------------------------------------------------------------------ stats */

static enum nm_code count(struct nm_corpus *c, const char *sql, json_int_t *out, struct nm_err *err)
{
	sqlite3_stmt *st = NULL;
	enum nm_code code;
	if ((code = nm_corpus_prepare(c, sql, &st, err)))
		return code;
	if (sqlite3_step(st) != SQLITE_ROW) {
		code = nm_corpus_sqlerr(c, err, "count");
	} else {
		*out = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return code;
}

/* {key: count} from a two-column GROUP BY query (NULL keys become "market" or "unknown"). */
static enum nm_code groups(struct nm_corpus *c, const char *sql, const char *null_key, json_t **out,
			   struct nm_err *err)
{
	sqlite3_stmt *st = NULL;
	json_t *o;
	enum nm_code code;
	int rc;
	if ((code = nm_corpus_prepare(c, sql, &st, err)))
		return code;
	o = json_object();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		json_object_set_new(o, k ? k : null_key, json_integer(sqlite3_column_int64(st, 1)));
	}
	if (rc != SQLITE_DONE) {
		json_decref(o);
		code = nm_corpus_sqlerr(c, err, "stats");
	} else {
		*out = o;
	}
	sqlite3_finalize(st);
	return code;
}

static int count_story(json_t *s, void *arg)
{
	json_int_t *n = arg;
	n[0]++;
	if (json_integer_value(json_object_get(s, "sources")) > 1)
		n[1]++;
	return 0;
}

enum nm_code nm_corpus_stats(struct nm_corpus *c, struct json_t **out, struct nm_err *err)
{
	static const struct {
		const char *key, *sql;
	} counts[] = {
		{"documents", "SELECT count(*) FROM documents"},
		{"mentions", "SELECT count(*) FROM mentions"},
		{"events", "SELECT count(*) FROM events"},
		{"checks", "SELECT count(*) FROM checks"},
		{"verdicts", "SELECT count(*) FROM verdicts"},
		{"candles", "SELECT count(*) FROM candles"},
		{"liquidations", "SELECT count(*) FROM liquidations"},
	};
	static const struct {
		const char *key, *sql, *null_key;
	} grouped[] = {
		{"events_by_type", "SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 1", "?"},
		{"events_by_asset", "SELECT asset, count(*) FROM events GROUP BY 1 ORDER BY 1", "market"},
		{"events_by_day", "SELECT date(published_at, 'unixepoch'), count(*) FROM events GROUP BY 1 ORDER BY 1",
		 "unknown"},
		{"checks_by_verdict", "SELECT verdict, count(*) FROM checks GROUP BY 1 ORDER BY 1", "?"},
		{"verdicts_by_verdict", "SELECT verdict, count(*) FROM verdicts GROUP BY 1 ORDER BY 1", "?"},
		{"verdicts_by_kind", "SELECT kind, count(*) FROM verdicts GROUP BY 1 ORDER BY 1", "?"},
	};
	json_t *o = json_object(), *g = NULL;
	json_int_t n = 0, stories[2] = {0, 0};
	enum nm_code code;

	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		if ((code = count(c, counts[i].sql, &n, err)))
			goto fail;
		json_object_set_new(o, counts[i].key, json_integer(n));
	}
	for (size_t i = 0; i < sizeof(grouped) / sizeof(grouped[0]); i++) {
		if ((code = groups(c, grouped[i].sql, grouped[i].null_key, &g, err)))
			goto fail;
		json_object_set_new(o, grouped[i].key, g);
	}
	if ((code = nm_corpus_stories(c, count_story, stories, err)))
		goto fail;
	json_object_set_new(o, "stories", json_integer(stories[0]));
	json_object_set_new(o, "stories_multi_source", json_integer(stories[1]));
	*out = o;
	return NM_OK;
fail:
	json_decref(o);
	return code;
}
