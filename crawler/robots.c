/*
 * crawler/robots.c — robots.txt (RFC 9309): parsed once per host, then asked per URL.
 *
 * The matcher follows the RFC and, where the RFC leaves room, Google's reference
 * implementation (the conformance cases come from it): groups are runs of user-agent
 * lines, the rules of every group naming our product token apply (else those of `*`),
 * the longest matching pattern wins and Allow wins a tie, `*` matches any run of bytes
 * and a final `$` anchors. Patterns are percent-encoded the way URLs are (non-ASCII
 * bytes escaped, hex digits upper-cased) so that both sides compare in one form.
 */
#include "crawler/crawler_int.h"

#include <stdlib.h>
#include <string.h>

struct rule {
	char *pattern;  /* heap, escaped */
	unsigned line;  /* 1-based line of the rule */
	unsigned group; /* index of its group */
	bool allow;
};

struct agent {
	char *name;     /* heap: product token, or "*" */
	unsigned group;
};

struct nm_robots {
	struct rule *rules;
	size_t n_rules, cap_rules;
	struct agent *agents;
	size_t n_agents, cap_agents;
	double *delays;   /* per group: Crawl-delay seconds, <0 = none */
	size_t n_groups, cap_groups;
	char **sitemaps;  /* heap strings */
	size_t n_sitemaps, cap_sitemaps;
	int fixed;        /* 0 = rules, 1 = allow all, -1 = disallow all */
};

#define GROW(arr, n, cap)                                                              \
	do {                                                                           \
		if ((n) == (cap)) {                                                    \
			(cap) = (cap) ? (cap) * 2 : 8;                                 \
			(arr) = nm_xrealloc((arr), (cap) * sizeof(*(arr)));            \
		}                                                                      \
	} while (0)

static bool is_token_char(int c)
{
	return nm_isalpha(c) || c == '_' || c == '-';
}

/* The product token: the leading run of [A-Za-z_-]. */
static size_t token_len(const char *s)
{
	size_t n = 0;
	while (is_token_char((unsigned char)s[n]))
		n++;
	return n;
}

static int hexval(int c)
{
	if (nm_isdigit(c))
		return c - '0';
	c = nm_tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Percent-encode bytes >= 0x80 and controls, upper-case existing %xx escapes. */
char *nm_robots_escape(const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = nm_xmalloc(n * 3 + 1), *o = out;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%' && i + 2 < n && hexval((unsigned char)s[i + 1]) >= 0 &&
		    hexval((unsigned char)s[i + 2]) >= 0) {
			*o++ = '%';
			*o++ = (char)nm_toupper((unsigned char)s[i + 1]);
			*o++ = (char)nm_toupper((unsigned char)s[i + 2]);
			i += 2;
		} else if (c >= 0x80 || c < 0x21) {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		} else {
			*o++ = (char)c;
		}
	}
	*o = '\0';
	return out;
}

char *nm_robots_path(const char *url)
{
	size_t len = strlen(url), start = 0, proto, early, path, hash, end;
	const char *p;

	if (len >= 2 && url[0] == '/' && url[1] == '/')
		start = 2;
	early = start + strcspn(url + start, "/?;");
	p = strstr(url + start, "://");
	proto = p ? (size_t)(p - url) : len;
	if (early < proto)
		proto = len;
	proto = proto == len ? start : proto + 3;
	if (proto > len)
		proto = len;
	path = proto + strcspn(url + proto, "/?;");
	if (path >= len)
		return nm_xstrdup("/");
	p = strchr(url + start, '#');
	hash = p ? (size_t)(p - url) : len;
	if (hash < path)
		return nm_xstrdup("/");
	end = hash;
	if (url[path] != '/') {
		char *s = nm_xmalloc(end - path + 2);
		s[0] = '/';
		memcpy(s + 1, url + path, end - path);
		s[end - path + 1] = '\0';
		return s;
	}
	return nm_xstrndup(url + path, end - path);
}

/* Does pattern (with * and a final $) match the start of path? */
static bool matches(const char *path, const char *pat)
{
	size_t plen = strlen(path), numpos = 1;
	size_t stackpos[64], *pos = plen + 1 <= 64 ? stackpos : nm_xmalloc((plen + 1) * sizeof(size_t));
	bool ok = true;

	pos[0] = 0;
	for (const char *q = pat; *q; q++) {
		if (*q == '$' && q[1] == '\0') {
			ok = pos[numpos - 1] == plen;
			goto out;
		}
		if (*q == '*') {
			numpos = plen - pos[0] + 1;
			for (size_t i = 1; i < numpos; i++)
				pos[i] = pos[i - 1] + 1;
		} else {
			size_t nn = 0;
			for (size_t i = 0; i < numpos; i++)
				if (pos[i] < plen && path[pos[i]] == *q)
					pos[nn++] = pos[i] + 1;
			numpos = nn;
			if (!nn) {
				ok = false;
				goto out;
			}
		}
	}
out:
	if (pos != stackpos)
		free(pos);
	return ok;
}

static void trim(const char **s, const char **e)
{
	while (*s < *e && (**s == ' ' || **s == '\t'))
		(*s)++;
	while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
		(*e)--;
}

enum key { K_NONE, K_AGENT, K_ALLOW, K_DISALLOW, K_SITEMAP, K_DELAY };

static enum key key_of(const char *k, size_t n)
{
	static const struct {
		const char *name;
		enum key key;
	} keys[] = {
		{"user-agent", K_AGENT}, {"useragent", K_AGENT}, {"user agent", K_AGENT},
		{"allow", K_ALLOW},      {"disallow", K_DISALLOW}, {"dissallow", K_DISALLOW},
		{"dissalow", K_DISALLOW}, {"disalow", K_DISALLOW}, {"diasllow", K_DISALLOW},
		{"disallaw", K_DISALLOW}, {"sitemap", K_SITEMAP}, {"site-map", K_SITEMAP},
		{"crawl-delay", K_DELAY}, {"crawldelay", K_DELAY},
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strlen(keys[i].name) == n && !nm_strncasecmp(k, keys[i].name, n))
			return keys[i].key;
	return K_NONE;
}

static struct nm_robots *robots_new(int fixed)
{
	struct nm_robots *r = nm_xcalloc(1, sizeof(*r));
	r->fixed = fixed;
	return r;
}

struct nm_robots *nm_robots_fixed(bool allow_all)
{
	return robots_new(allow_all ? 1 : -1);
}

enum nm_code nm_robots_parse(const char *txt, size_t len, struct nm_robots **out, struct nm_err *err)
{
	struct nm_robots *r = robots_new(0);
	const char *p = txt, *end;
	unsigned lineno = 0;
	bool in_agents = false; /* the previous directive was a user-agent line */

	if (len > NM_ROBOTS_MAX_BYTES)
		len = NM_ROBOTS_MAX_BYTES;
	end = txt + len;
	/* a UTF-8 BOM, whole or cut short */
	if (len >= 1 && (unsigned char)p[0] == 0xEF) {
		p++;
		if (p < end && (unsigned char)*p == 0xBB) {
			p++;
			if (p < end && (unsigned char)*p == 0xBF)
				p++;
		}
	}
	while (p < end) {
		const char *eol = p, *ks, *ke, *vs, *ve, *colon;
		enum key k;

		while (eol < end && *eol != '\n' && *eol != '\r')
			eol++;
		lineno++;
		ks = p;
		ve = eol;
		/* next line: \r\n counts once */
		p = eol;
		if (p < end && *p == '\r') {
			if (++p < end && *p == '\n')
				p++;
		} else if (p < end && *p == '\n') {
			p++;
		}
		{
			const char *hash = memchr(ks, '#', (size_t)(ve - ks));
			if (hash)
				ve = hash;
		}
		colon = memchr(ks, ':', (size_t)(ve - ks));
		if (!colon)
			continue;
		ke = colon;
		vs = colon + 1;
		trim(&ks, &ke);
		trim(&vs, &ve);
		k = key_of(ks, (size_t)(ke - ks));
		switch (k) {
		case K_AGENT: {
			struct agent a;
			size_t n;
			if (!in_agents) {
				GROW(r->delays, r->n_groups, r->cap_groups);
				r->delays[r->n_groups++] = -1;
			}
			in_agents = true;
			if (vs < ve && *vs == '*' && (vs + 1 == ve || vs[1] == ' ' || vs[1] == '\t')) {
				a.name = nm_xstrdup("*");
			} else {
				n = 0;
				while (vs + n < ve && is_token_char((unsigned char)vs[n]))
					n++;
				if (!n)
					continue;
				a.name = nm_xstrndup(vs, n);
			}
			a.group = (unsigned)r->n_groups - 1;
			GROW(r->agents, r->n_agents, r->cap_agents);
			r->agents[r->n_agents++] = a;
			break;
		}
		case K_ALLOW:
		case K_DISALLOW:
			if (!r->n_groups) /* rules before any user-agent line belong to nobody */
				break;
			in_agents = false;
			if (vs == ve) /* an empty pattern matches nothing */
				break;
			GROW(r->rules, r->n_rules, r->cap_rules);
			r->rules[r->n_rules].pattern = nm_robots_escape(vs, (size_t)(ve - vs));
			r->rules[r->n_rules].line = lineno;
			r->rules[r->n_rules].group = (unsigned)r->n_groups - 1;
			r->rules[r->n_rules].allow = k == K_ALLOW;
			r->n_rules++;
			break;
		case K_DELAY:
			if (r->n_groups) {
				char buf[32];
				char *e;
				double d;
				size_t n = (size_t)(ve - vs) < sizeof(buf) - 1 ? (size_t)(ve - vs) : sizeof(buf) - 1;
				memcpy(buf, vs, n);
				buf[n] = '\0';
				d = strtod(buf, &e);
				if (e != buf && d >= 0 && d < 1e9)
					r->delays[r->n_groups - 1] = d;
				in_agents = false;
			}
			break;
		case K_SITEMAP:
			/* not a group member: a sitemap line does not end the user-agent run */
			if (vs < ve && r->n_sitemaps < NM_ROBOTS_MAX_SITEMAPS) {
				GROW(r->sitemaps, r->n_sitemaps, r->cap_sitemaps);
				r->sitemaps[r->n_sitemaps++] = nm_xstrndup(vs, (size_t)(ve - vs));
			}
			break;
		case K_NONE: /* unknown lines do not end a run of user-agent lines either */
			break;
		}
	}
	*out = r;
	(void)err;
	return NM_OK;
}

void nm_robots_free(struct nm_robots *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_rules; i++)
		free(r->rules[i].pattern);
	for (size_t i = 0; i < r->n_agents; i++)
		free(r->agents[i].name);
	for (size_t i = 0; i < r->n_sitemaps; i++)
		free(r->sitemaps[i]);
	free(r->rules);
	free(r->agents);
	free(r->delays);
	free(r->sitemaps);
	free(r);
}

/* Mark in sel[] the groups that apply to agent; false when none do. */
static bool select_groups(const struct nm_robots *r, const char *agent, bool *sel)
{
	size_t alen = token_len(agent);
	bool specific = false, global = false;

	for (size_t i = 0; i < r->n_agents; i++) {
		const struct agent *a = &r->agents[i];
		if (strcmp(a->name, "*") && alen && strlen(a->name) == alen &&
		    !nm_strncasecmp(a->name, agent, alen)) {
			if (!specific)
				memset(sel, 0, r->n_groups * sizeof(bool));
			specific = true;
			sel[a->group] = true;
		} else if (!specific && !strcmp(a->name, "*")) {
			global = true;
			sel[a->group] = true;
		}
	}
	return specific || global;
}

bool nm_robots_allowed(const struct nm_robots *r, const char *agent, const char *url,
		       struct nm_robots_match *m)
{
	bool *sel;
	char *path;
	const struct rule *best = NULL;
	size_t best_len = 0;

	if (m)
		memset(m, 0, sizeof(*m));
	if (r->fixed) {
		if (m)
			m->allowed = r->fixed > 0;
		return r->fixed > 0;
	}
	if (!r->n_groups)
		goto allowed;
	sel = nm_xcalloc(r->n_groups, sizeof(bool));
	if (!select_groups(r, agent, sel)) {
		free(sel);
		goto allowed;
	}
	/* The URL is matched as given (the caller percent-encodes it); only the case of
	 * its escapes is normalised, as the patterns' is. */
	path = nm_robots_path(url);
	for (char *q = path; *q; q++)
		if (q[0] == '%' && hexval((unsigned char)q[1]) >= 0 && hexval((unsigned char)q[2]) >= 0) {
			q[1] = (char)nm_toupper((unsigned char)q[1]);
			q[2] = (char)nm_toupper((unsigned char)q[2]);
			q += 2;
		}
	for (size_t i = 0; i < r->n_rules; i++) {
		const struct rule *ru = &r->rules[i];
		size_t plen;
		if (!sel[ru->group])
			continue;
		plen = strlen(ru->pattern);
		if (best && (plen < best_len || (plen == best_len && (best->allow || !ru->allow))))
			continue;
		if (matches(path, ru->pattern)) {
			best = ru;
			best_len = plen;
		}
	}
	free(path);
	free(sel);
	if (best) {
		if (m) {
			m->allowed = best->allow;
			m->line = best->line;
			m->pattern = best->pattern;
		}
		return best->allow;
	}
allowed:
	if (m)
		m->allowed = true;
	return true;
}

double nm_robots_crawl_delay(const struct nm_robots *r, const char *agent)
{
	double d = -1;
	bool *sel;

	if (r->fixed || !r->n_groups)
		return -1;
	sel = nm_xcalloc(r->n_groups, sizeof(bool));
	if (select_groups(r, agent, sel))
		for (size_t g = 0; g < r->n_groups; g++)
			if (sel[g] && r->delays[g] > d)
				d = r->delays[g];
	free(sel);
	return d;
}

size_t nm_robots_sitemap_count(const struct nm_robots *r)
{
	return r->n_sitemaps;
}

const char *nm_robots_sitemap(const struct nm_robots *r, size_t i)
{
	return i < r->n_sitemaps ? r->sitemaps[i] : NULL;
}
