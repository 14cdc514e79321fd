/*
 * crawler/crawler_int.h — what the files of crawler/ share and nothing outside sees.
 */
#ifndef NM_CRAWLER_INT_H
#define NM_CRAWLER_INT_H

#include "crawler/crawler.h"

#include <time.h>

/* Milliseconds since the epoch (wall clock). */
static inline int64_t nm_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Gunzip (or inflate any zlib/gzip stream) into out (capped by out->max). */
enum nm_code nm_crawl_gunzip(const char *in, size_t len, struct nm_buf *out, struct nm_err *err);

/*
 * URL fast paths for link discovery, which otherwise spends most of its time in
 * curl_url. Both answer false (and the caller takes the general path of base/url.c)
 * unless the result is certain to equal it:
 *  - nm_crawl_url_plain: url is already in the canonical form of nm_url_canonical
 *    (lower-case http(s) scheme and host, no userinfo, no default port, a path of
 *    unreserved characters and '/' without empty or dot segments, no query or
 *    fragment), so it is its own dedup key.
 *  - nm_crawl_resolve_plain: ref is an absolute path of that kind and base's origin is
 *    plain too; *out (heap) = origin + ref, as nm_url_resolve would give.
 */
bool nm_crawl_url_plain(const char *url);
bool nm_crawl_resolve_plain(const char *base, const char *ref, char **out);

#endif
