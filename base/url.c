/*
 * base/url.c — libcurl's URL API (curl_url), wrapped once for crawler/ and extract/:
 * one parser, one resolver, one canonical form; and the fast paths that recognise a URL
 * already in that form, so a crawl's plain links skip curl_url.
 */
#include "base/base.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

static enum nm_code url_error(struct nm_err *err, CURLUcode uc, const char *what, const char *url)
{
	return nm_err_set(err, NM_EPARSE, "bad URL '%.200s': %s (%s)", url ? url : "", curl_url_strerror(uc),
			  what);
}

/*
 * Clean an href the way browsers do before parsing: leading and trailing C0 controls and
 * spaces go, tabs and newlines anywhere go, other controls inside are percent-encoded
 * (curl refuses them). Heap, free().
 */
static char *preclean(const char *ref)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(ref), i = 0;
	char *out, *o;

	while (i < n && (unsigned char)ref[i] <= 0x20)
		i++;
	while (n > i && (unsigned char)ref[n - 1] <= 0x20)
		n--;
	out = o = nm_xmalloc(3 * (n - i) + 1);
	for (; i < n; i++) {
		unsigned char c = (unsigned char)ref[i];
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c < 0x20 || c == 0x7f) {
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

static bool is_http(const char *url)
{
	return !nm_strncasecmp(url, "http:", 5) || !nm_strncasecmp(url, "https:", 6);
}

/* Parse ref against base; the handle is the caller's to curl_url_cleanup(). */
static enum nm_code parse(const char *base, const char *ref0, CURLU **out, struct nm_err *err)
{
	CURLU *u = curl_url();
	CURLUcode uc;
	char *ref = preclean(ref0), *frag = NULL;
	enum nm_code rc = NM_OK;

	if (!u) {
		free(ref);
		return nm_err_set(err, NM_EINTERNAL, "curl_url: out of memory");
	}
	if (base) {
		uc = curl_url_set(u, CURLUPART_URL, base, CURLU_NON_SUPPORT_SCHEME);
		if (uc) {
			rc = url_error(err, uc, "base", base);
			goto out;
		}
		/* In http(s) hrefs a backslash means a slash (as in every browser). */
		if (is_http(base) || is_http(ref))
			for (char *p = ref; *p && *p != '?' && *p != '#'; p++)
				if (*p == '\\')
					*p = '/';
	}
	/* curl mishandles the empty reference and fragment-only ones (it drops the last
	 * segment and the query): RFC 3986 5.2.2 says they are the base itself with the
	 * fragment replaced. */
	if (base && (ref[0] == '\0' || ref[0] == '#')) {
		if (ref[0] == '#')
			frag = ref + 1;
		uc = curl_url_set(u, CURLUPART_FRAGMENT, frag, CURLU_URLENCODE);
		if (uc)
			rc = url_error(err, uc, "fragment", ref);
		goto out;
	}
	uc = curl_url_set(u, CURLUPART_URL, ref, CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE);
	if (uc)
		rc = url_error(err, uc, "reference", ref);
out:
	free(ref);
	if (rc) {
		curl_url_cleanup(u);
		return rc;
	}
	*out = u;
	return NM_OK;
}

/* Length of ref's scheme ("http" in "http:g"), 0 when it has none. */
static size_t scheme_len(const char *ref)
{
	size_t n = 0;
	if (!nm_isalpha((unsigned char)ref[0]))
		return 0;
	while (nm_isalnum((unsigned char)ref[n]) || ref[n] == '+' || ref[n] == '-' || ref[n] == '.')
		n++;
	return ref[n] == ':' ? n : 0;
}

static size_t plain_origin(const char *url);

enum nm_code nm_url_resolve(const char *base, const char *ref, char **out, struct nm_err *err)
{
	CURLU *u;
	char *s = NULL;
	enum nm_code rc;
	CURLUcode uc;
	size_t sl;

	/* the bulk (a site's own absolute-path links) without curl_url: same result */
	if (nm_url_resolve_plain(base, ref, out))
		return NM_OK;
	sl = scheme_len(ref);

	/* A reference with a scheme is absolute (RFC 3986 5.2.2, strict): curl refuses
	 * those without "//" ("g:h", "http:g"), so they are returned as they are. */
	if (sl && strncmp(ref + sl + 1, "//", 2) && nm_strncasecmp(ref, "file:", 5)) {
		*out = nm_xstrdup(ref);
		return NM_OK;
	}

	if ((rc = parse(base, ref, &u, err)))
		return rc;
	uc = curl_url_get(u, CURLUPART_URL, &s, 0);
	curl_url_cleanup(u);
	if (uc)
		return url_error(err, uc, "get", ref);
	*out = nm_xstrdup(s);
	curl_free(s);
	return NM_OK;
}

/* Query parameters that only track the reader; dropping them merges duplicate URLs. */
static bool is_tracking_param(const char *p, size_t n)
{
	static const char *exact[] = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid",
				      "igshid", "yclid", "_ga", "_gl", "ref_src", "cmpid", NULL};
	if (n > 4 && !nm_strncasecmp(p, "utm_", 4))
		return true;
	for (int i = 0; exact[i]; i++)
		if (strlen(exact[i]) == n && !nm_strncasecmp(p, exact[i], n))
			return true;
	return false;
}

/* CURLU_PUNYCODE: libcurl 7.88 and later, when built with an IDN library */
#ifdef CURLU_PUNYCODE
#define URL_PUNYCODE CURLU_PUNYCODE
#else
#define URL_PUNYCODE 0
#endif

static int hexv(int c)
{
	if (nm_isdigit(c))
		return c - '0';
	c = nm_tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool unreserved(int c)
{
	return nm_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/* Characters left as they are in a path or query (RFC 3986 pchar, '/', '?'). */
static bool plain(int c, bool query)
{
	if (unreserved(c) || c == '/' || c == ':' || c == '@' || c == '?')
		return true;
	if (strchr("!$&'()*+,;=", c) && c)
		return true;
	(void)query;
	return false;
}

/*
 * One form for percent-encoding: escapes of unreserved characters are decoded, other
 * escapes upper-cased, a '%' that starts no escape becomes %25, bytes that may not
 * appear raw are escaped. In a path, runs of '/' collapse to one.
 */
static void norm_escapes(struct nm_buf *o, const char *s, bool query)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		enum nm_code rc = NM_OK;
		if (c == '%' && hexv((unsigned char)s[i + 1]) >= 0 && hexv((unsigned char)s[i + 2]) >= 0) {
			int v = hexv((unsigned char)s[i + 1]) * 16 + hexv((unsigned char)s[i + 2]);
			if (unreserved(v)) {
				rc = nm_buf_addch(o, (char)v);
			} else {
				char e[3] = {'%', hex[v >> 4], hex[v & 15]};
				rc = nm_buf_add(o, e, 3);
			}
			i += 2;
		} else if (!query && c == '/' && o->len && o->data[o->len - 1] == '/') {
			continue;
		} else if (c != '%' && plain(c, query)) {
			rc = nm_buf_addch(o, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			rc = nm_buf_add(o, e, 3);
		}
		if (rc)
			NM_BUG("canonical URL part over its cap");
	}
}

enum nm_code nm_url_canonical(const char *url, char **out, struct nm_err *err)
{
	CURLU *u;
	char *q = NULL, *s = NULL, *host = NULL, *scheme = NULL;
	const char *path;
	struct nm_buf o;
	enum nm_code rc;
	CURLUcode uc;

	/* a '%' in the authority must start an escape (curl would re-escape it instead) */
	{
		const char *a = strstr(url, "://");
		if (a)
			for (a += 3; *a && *a != '/' && *a != '?' && *a != '#'; a++)
				if (*a == '%' && (hexv((unsigned char)a[1]) < 0 || hexv((unsigned char)a[2]) < 0))
					return nm_err_set(err, NM_EPARSE, "bad URL '%.200s': bad escape in host", url);
	}
	if ((rc = parse(NULL, url, &u, err)))
		return rc;
	curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
	/* credentials are not part of an http(s) page's identity */
	if (!curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) && scheme &&
	    (!strcmp(scheme, "http") || !strcmp(scheme, "https"))) {
		curl_url_set(u, CURLUPART_USER, NULL, 0);
		curl_url_set(u, CURLUPART_PASSWORD, NULL, 0);
	}
	curl_free(scheme);
	/* lower-case host (curl keeps the case it was given) */
	if (!curl_url_get(u, CURLUPART_HOST, &host, 0) && host) {
		for (char *h = host; *h; h++)
			*h = (char)nm_tolower((unsigned char)*h);
		curl_url_set(u, CURLUPART_HOST, host, 0);
		curl_free(host);
	}
	/* curl rewrites escapes as it stores parts, so the path and query are normalised
	 * on the final string instead */
	curl_url_get(u, CURLUPART_QUERY, &q, 0);
	curl_url_set(u, CURLUPART_QUERY, NULL, 0);
	/* an international host in its ASCII form, so both spellings are one page */
	uc = curl_url_get(u, CURLUPART_URL, &s, CURLU_NO_DEFAULT_PORT | URL_PUNYCODE);
	if (uc) /* not a valid IDN: keep the host as written */
		uc = curl_url_get(u, CURLUPART_URL, &s, CURLU_NO_DEFAULT_PORT);
	curl_url_cleanup(u);
	if (uc) {
		curl_free(q);
		return url_error(err, uc, "get", url);
	}
	nm_buf_init(&o, strlen(s) * 3 + (q ? strlen(q) * 3 : 0) + 8);
	path = strstr(s, "://");
	path = path ? path + 3 + strcspn(path + 3, "/") : s + strlen(s);
	if (nm_buf_add(&o, s, (size_t)(path - s)))
		NM_BUG("canonical URL over its cap");
	norm_escapes(&o, path, false);
	if (q) {
		size_t mark = o.len;
		const char *p = q;
		if (nm_buf_addch(&o, '?'))
			NM_BUG("canonical URL over its cap");
		while (*p) {
			const char *amp = strchr(p, '&');
			size_t len = amp ? (size_t)(amp - p) : strlen(p);
			size_t key = strcspn(p, "=&");
			if (key > len)
				key = len;
			if (len && !is_tracking_param(p, key)) {
				char *part = nm_xstrndup(p, len);
				if (o.len > mark + 1 && nm_buf_addch(&o, '&'))
					NM_BUG("canonical URL over its cap");
				norm_escapes(&o, part, true);
				free(part);
			}
			p += len;
			if (*p == '&')
				p++;
		}
		if (o.len == mark + 1) /* nothing kept: no '?' */
			o.data[--o.len] = '\0';
		curl_free(q);
	}
	curl_free(s);
	*out = nm_buf_take(&o, NULL);
	return NM_OK;
}

enum nm_code nm_url_host(const char *url, char **out, struct nm_err *err)
{
	CURLU *u;
	char *h = NULL;
	enum nm_code rc;
	CURLUcode uc;

	size_t n = plain_origin(url);

	if (n) { /* "http[s]://host[:port]", host already lower-case: curl would agree */
		const char *b = url + (url[4] == 's' ? 8 : 7), *e = b;
		while (e < url + n && *e != ':')
			e++;
		*out = nm_xstrndup(b, (size_t)(e - b));
		return NM_OK;
	}
	if ((rc = parse(NULL, url, &u, err)))
		return rc;
	uc = curl_url_get(u, CURLUPART_HOST, &h, URL_PUNYCODE);
	if (uc)
		uc = curl_url_get(u, CURLUPART_HOST, &h, 0);
	curl_url_cleanup(u);
	if (uc)
		return url_error(err, uc, "host", url);
	for (char *p = h; *p; p++)
		*p = (char)nm_tolower((unsigned char)*p);
	*out = nm_xstrdup(h);
	curl_free(h);
	return NM_OK;
}

/* Fast paths: plain URLs, the bulk of a crawl's links, without curl_url. */

static bool url_unreserved(int c)
{
	return nm_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/* Length of a plain origin at the start of url ("http[s]://host[:port]"), 0 if none.
 * Any numeric label (digits, or 0x...) makes curl read the host as an IPv4 address
 * and rewrite it, so then only a canonical dotted quad counts as plain. */
static size_t plain_origin(const char *url)
{
	const char *p, *h;
	size_t labels = 0, numeric = 0, quad = 0;
	bool https;

	if (!strncmp(url, "http://", 7))
		https = false, p = url + 7;
	else if (!strncmp(url, "https://", 8))
		https = true, p = url + 8;
	else
		return 0;
	h = p;
	for (;;) { /* dot-separated labels of [a-z0-9-], none empty */
		const char *l = p;
		bool digits = true, hex = p[0] == '0' && p[1] == 'x';
		while (nm_islower((unsigned char)*p) || nm_isdigit((unsigned char)*p) || *p == '-') {
			if (!nm_isdigit((unsigned char)*p))
				digits = false;
			if (p - l >= 2 && !nm_isdigit((unsigned char)*p) && !(*p >= 'a' && *p <= 'f'))
				hex = false;
			p++;
		}
		if (p == l || p - l > 63)
			return 0;
		labels++;
		if (digits || hex)
			numeric++;
		if (digits && p - l <= 3 && (p - l == 1 || l[0] != '0') && strtol(l, NULL, 10) <= 255)
			quad++;
		if (*p != '.')
			break;
		p++;
	}
	if (p - h > 253 || (numeric && !(labels == 4 && quad == 4)))
		return 0;
	if (*p == ':') {
		const char *q = ++p;
		long port;
		while (nm_isdigit((unsigned char)*p))
			p++;
		if (p == q || p - q > 5 || *q == '0')
			return 0;
		port = strtol(q, NULL, 10);
		if (port > 65535 || port == (https ? 443 : 80))
			return 0;
	}
	return *p == '/' || !*p ? (size_t)(p - url) : 0;
}

/* A path of unreserved characters and '/', starting with '/', with no empty, "." or
 * ".." segment after the first '/' (and nothing after it: no query, no fragment). */
static bool plain_path(const char *p)
{
	if (*p != '/')
		return false;
	while (*p) {
		const char *seg = ++p; /* after a '/' */
		while (url_unreserved((unsigned char)*p))
			p++;
		if (*p && *p != '/')
			return false;
		if (p == seg && *p) /* "//" */
			return false;
		if ((p - seg == 1 && seg[0] == '.') || (p - seg == 2 && seg[0] == '.' && seg[1] == '.'))
			return false;
	}
	return true;
}

bool nm_url_plain(const char *url)
{
	size_t n = plain_origin(url);
	return n && url[n] == '/' && plain_path(url + n);
}

bool nm_url_resolve_plain(const char *base, const char *ref, char **out)
{
	size_t n, rl;
	if (!base || ref[0] != '/' || ref[1] == '/' || !(n = plain_origin(base)) || !plain_path(ref))
		return false;
	rl = strlen(ref);
	*out = nm_xmalloc(n + rl + 1);
	memcpy(*out, base, n);
	memcpy(*out + n, ref, rl + 1);
	return true;
}
