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

/* The value of field name in a block of "Name: value" lines (an HTTP response head or a
 * WARC record header), trimmed; heap, or NULL when absent. */
char *nm_header_field(const char *head, const char *name);

#endif
