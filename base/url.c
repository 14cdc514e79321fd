/*
 * base/url.c — libcurl's URL API (curl_url), wrapped once for crawler/ and extract/:
 * one parser, one resolver, one canonical form.
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

/* Parse ref against base; the handle is the caller's to curl_url_cleanup(). */
static enum nm_code parse(const char *base, const char *ref, CURLU **out, struct nm_err *err)
{
	CURLU *u = curl_url();
	CURLUcode uc;

	if (!u)
		return nm_err_set(err, NM_EINTERNAL, "curl_url: out of memory");
	if (base) {
		uc = curl_url_set(u, CURLUPART_URL, base, CURLU_NON_SUPPORT_SCHEME);
		if (uc) {
			curl_url_cleanup(u);
			return url_error(err, uc, "base", base);
		}
	}
	/* curl treats an empty reference as an error; RFC 3986 says it is the base itself
	 * (minus fragment). */
	if (ref[0] != '\0' || !base) {
		uc = curl_url_set(u, CURLUPART_URL, ref, CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE);
		if (uc) {
			curl_url_cleanup(u);
			return url_error(err, uc, "reference", ref);
		}
	} else {
		curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
	}
	*out = u;
	return NM_OK;
}

enum nm_code nm_url_resolve(const char *base, const char *ref, char **out, struct nm_err *err)
{
	CURLU *u;
	char *s = NULL;
	enum nm_code rc;
	CURLUcode uc;

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

enum nm_code nm_url_canonical(const char *url, char **out, struct nm_err *err)
{
	CURLU *u;
	char *q = NULL, *s = NULL, *host = NULL;
	enum nm_code rc;
	CURLUcode uc;

	if ((rc = parse(NULL, url, &u, err)))
		return rc;
	curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
	/* lower-case host (curl keeps the case it was given) */
	if (!curl_url_get(u, CURLUPART_HOST, &host, 0) && host) {
		for (char *h = host; *h; h++)
			*h = (char)nm_tolower((unsigned char)*h);
		curl_url_set(u, CURLUPART_HOST, host, 0);
		curl_free(host);
	}
	if (!curl_url_get(u, CURLUPART_QUERY, &q, 0) && q) {
		struct nm_buf kept = NM_BUF_INIT(strlen(q) + 1);
		const char *p = q;
		while (*p) {
			const char *amp = strchr(p, '&');
			size_t len = amp ? (size_t)(amp - p) : strlen(p);
			size_t key = strcspn(p, "=&");
			if (key > len)
				key = len;
			if (len && !is_tracking_param(p, key)) {
				if ((kept.len && nm_buf_addch(&kept, '&')) || nm_buf_add(&kept, p, len))
					NM_BUG("canonical query over its own length");
			}
			p += len;
			if (*p == '&')
				p++;
		}
		curl_url_set(u, CURLUPART_QUERY, kept.len ? kept.data : NULL, 0);
		nm_buf_release(&kept);
		curl_free(q);
	}
	uc = curl_url_get(u, CURLUPART_URL, &s, CURLU_NO_DEFAULT_PORT);
	curl_url_cleanup(u);
	if (uc)
		return url_error(err, uc, "get", url);
	*out = nm_xstrdup(s);
	curl_free(s);
	return NM_OK;
}

enum nm_code nm_url_host(const char *url, char **out, struct nm_err *err)
{
	CURLU *u;
	char *h = NULL;
	enum nm_code rc;
	CURLUcode uc;

	if ((rc = parse(NULL, url, &u, err)))
		return rc;
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
