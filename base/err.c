/*
 * base/err.c — result codes, the one voice of diagnostics on stderr, and allocation
 * that treats running out of memory as fatal.
 */
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum nm_log_level log_level = NM_LOG_WARN;

const char *nm_strerror(enum nm_code code)
{
	switch (code) {
	case NM_OK: return "success";
	case NM_EINVAL: return "invalid argument";
	case NM_EPARSE: return "cannot parse input";
	case NM_ETOOBIG: return "too large";
	case NM_EIO: return "input/output error";
	case NM_ENET: return "network error";
	case NM_EDB: return "database error";
	case NM_ECONFIG: return "bad configuration";
	case NM_EINTERNAL: return "internal error";
	case NM_ENOENT: return "no such file";
	case NM_ECREATE: return "cannot create output";
	case NM_EPARTIAL: return "finished with some failures";
	}
	return "unknown error";
}

enum nm_code nm_err_set(struct nm_err *err, enum nm_code code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

void nm_log_set_level(enum nm_log_level level) { log_level = level; }
enum nm_log_level nm_log_get_level(void) { return log_level; }

static const char *level_name(enum nm_log_level l)
{
	switch (l) {
	case NM_LOG_ERROR: return "error";
	case NM_LOG_WARN: return "warning";
	case NM_LOG_INFO: return "info";
	case NM_LOG_DEBUG: return "debug";
	}
	return "?";
}

/* Control bytes from hostile input must not reach a terminal: print them as '?'. */
static void put_clean(const char *s, FILE *f)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		fputc(c < 0x20 || c == 0x7f ? '?' : c, f);
	}
}

void nm_log(enum nm_log_level level, const char *fmt, ...)
{
	char line[2048];
	va_list ap;

	if (level > log_level)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(stderr, "newsmine: %s: ", level_name(level));
	put_clean(line, stderr);
	fputc('\n', stderr);
}

void nm_bug(const char *file, int line, const char *msg)
{
	fprintf(stderr, "newsmine: BUG: %s:%d: %s\n", file, line, msg);
	abort();
}

static NM_NORETURN void oom(void)
{
	fputs("newsmine: fatal: out of memory\n", stderr);
	exit(71);
}

void *nm_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *nm_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *nm_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

char *nm_xstrdup(const char *s)
{
	return nm_xstrndup(s, strlen(s));
}

char *nm_xstrndup(const char *s, size_t n)
{
	char *p = nm_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int nm_strcasecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = nm_tolower((unsigned char)*a), cb = nm_tolower((unsigned char)*b);
		if (ca != cb || !ca)
			return ca - cb;
	}
}

int nm_strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int ca = nm_tolower((unsigned char)*a), cb = nm_tolower((unsigned char)*b);
		if (ca != cb || !ca)
			return ca - cb;
	}
	return 0;
}

uint64_t nm_hash64_more(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	while (n--) {
		h ^= *s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t nm_hash64(const void *p, size_t n)
{
	return nm_hash64_more(0xcbf29ce484222325ULL, p, n);
}

void nm_hash64_hex(uint64_t h, char out[17])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 15; i >= 0; i--, h >>= 4)
		out[i] = hex[h & 15];
	out[16] = '\0';
}
