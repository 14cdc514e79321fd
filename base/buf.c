/*
 * base/buf.c — the one growable buffer. Every buffer has a cap, so hostile input
 * yields NM_ETOOBIG instead of exhausting memory.
 */
#include "base/base.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

void nm_buf_init(struct nm_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

enum nm_code nm_buf_grow(struct nm_buf *b, size_t n)
{
	size_t need, cap;

	if (n > b->max || b->len > b->max - n)
		return NM_ETOOBIG;
	need = b->len + n + 1;
	if (need <= b->cap)
		return NM_OK;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	b->data = nm_xrealloc(b->data, cap);
	if (b->cap == 0)
		b->data[0] = '\0';
	b->cap = cap;
	return NM_OK;
}

enum nm_code nm_buf_add(struct nm_buf *b, const void *p, size_t n)
{
	enum nm_code rc = nm_buf_grow(b, n);
	if (rc)
		return rc;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return NM_OK;
}

enum nm_code nm_buf_addstr(struct nm_buf *b, const char *s)
{
	return nm_buf_add(b, s, strlen(s));
}

enum nm_code nm_buf_addch(struct nm_buf *b, char c)
{
	return nm_buf_add(b, &c, 1);
}

enum nm_code nm_buf_printf(struct nm_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	enum nm_code rc;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NM_EINVAL;
	rc = nm_buf_grow(b, (size_t)n);
	if (rc)
		return rc;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return NM_OK;
}

void nm_buf_reset(struct nm_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *nm_buf_take(struct nm_buf *b, size_t *len)
{
	char *p = b->data ? b->data : nm_xstrdup("");
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void nm_buf_release(struct nm_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

const char *nm_buf_str(const struct nm_buf *b)
{
	return b->data ? b->data : "";
}

static bool ends_with_gz(const char *path)
{
	size_t n = strlen(path);
	return n > 3 && strcmp(path + n - 3, ".gz") == 0;
}

enum nm_code nm_buf_read_file(struct nm_buf *b, const char *path, struct nm_err *err)
{
	size_t start = b->len;
	enum nm_code rc = NM_OK;

	if (ends_with_gz(path) && strcmp(path, "-") != 0) {
		gzFile gz = gzopen(path, "rb");
		char chunk[65536];
		int n;
		if (!gz)
			return nm_err_set(err, errno == ENOENT ? NM_ENOENT : NM_EIO,
					  "cannot open '%s': %s", path, strerror(errno));
		gzbuffer(gz, 65536);
		while ((n = gzread(gz, chunk, sizeof(chunk))) > 0) {
			if ((rc = nm_buf_add(b, chunk, (size_t)n)))
				break;
		}
		if (!rc && n < 0) {
			int zerr;
			const char *m = gzerror(gz, &zerr);
			rc = nm_err_set(err, NM_EIO, "cannot read '%s': %s", path, m);
		} else if (rc) {
			nm_err_set(err, rc, "'%s' is larger than %zu bytes", path, b->max);
		}
		gzclose(gz);
	} else {
		FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
		char chunk[65536];
		size_t n;
		if (!f)
			return nm_err_set(err, errno == ENOENT ? NM_ENOENT : NM_EIO,
					  "cannot open '%s': %s", path, strerror(errno));
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
			if ((rc = nm_buf_add(b, chunk, n))) {
				nm_err_set(err, rc, "'%s' is larger than %zu bytes", path, b->max);
				break;
			}
		}
		if (!rc && ferror(f))
			rc = nm_err_set(err, NM_EIO, "cannot read '%s': %s", path, strerror(errno));
		if (f != stdin)
			fclose(f);
	}
	if (rc) {
		b->len = start;
		if (b->data)
			b->data[start] = '\0';
	}
	return rc;
}
