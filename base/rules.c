/*
 * base/rules.c — reading rule files into lines. The stages give the directives their
 * meaning; this file only knows the shared syntax: comments, continuations, includes.
 */
#include "base/base.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RULE_FILE_MAX ((size_t)8 << 20) /* bytes per rule file */
#define INCLUDE_DEPTH_MAX 8

struct nm_rules {
	struct nm_rule_line *lines;
	size_t n, cap;
	struct nm_rule_source *files; /* owned copies (name, text) */
	size_t nfiles;
	char **strings;               /* every string the lines point to */
	size_t nstrings, capstrings;
};

static char *keep(struct nm_rules *r, char *s)
{
	if (r->nstrings == r->capstrings) {
		r->capstrings = r->capstrings ? r->capstrings * 2 : 256;
		r->strings = nm_xrealloc(r->strings, r->capstrings * sizeof(*r->strings));
	}
	return r->strings[r->nstrings++] = s;
}

static const struct nm_rule_source *find_file(const struct nm_rules *r, const char *name)
{
	for (size_t i = 0; i < r->nfiles; i++)
		if (!strcmp(r->files[i].name, name))
			return &r->files[i];
	return NULL;
}

static enum nm_code parse_file(struct nm_rules *r, const struct nm_rule_source *f, int depth,
			       struct nm_err *err);

static enum nm_code add_line(struct nm_rules *r, const struct nm_rule_source *f, unsigned lineno,
			     const char *text, size_t len, int depth, struct nm_err *err)
{
	size_t i = 0, d;
	struct nm_rule_line l;

	while (i < len && nm_isspace((unsigned char)text[i]))
		i++;
	while (len > i && nm_isspace((unsigned char)text[len - 1]))
		len--;
	if (i == len || text[i] == '#')
		return NM_OK;
	d = i;
	while (d < len && !nm_isspace((unsigned char)text[d]))
		d++;
	l.file = f->name;
	l.line = lineno;
	l.directive = keep(r, nm_xstrndup(text + i, d - i));
	while (d < len && nm_isspace((unsigned char)text[d]))
		d++;
	l.rest = keep(r, nm_xstrndup(text + d, len - d));
	if (!strcmp(l.directive, "include")) {
		const struct nm_rule_source *inc = find_file(r, l.rest);
		if (!inc)
			return nm_rules_error(err, &l, "include: no rule file '%s'", l.rest);
		if (depth >= INCLUDE_DEPTH_MAX)
			return nm_rules_error(err, &l, "include: nested more than %d deep", INCLUDE_DEPTH_MAX);
		return parse_file(r, inc, depth + 1, err);
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 512;
		r->lines = nm_xrealloc(r->lines, r->cap * sizeof(*r->lines));
	}
	r->lines[r->n++] = l;
	return NM_OK;
}

static enum nm_code parse_file(struct nm_rules *r, const struct nm_rule_source *f, int depth,
			       struct nm_err *err)
{
	const char *p = f->text;
	unsigned lineno = 0;
	struct nm_buf joined = NM_BUF_INIT(RULE_FILE_MAX);
	unsigned start_line = 0;
	enum nm_code rc = NM_OK;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		lineno++;
		if (len && p[len - 1] == '\r')
			len--;
		if (!joined.len)
			start_line = lineno;
		if (len && p[len - 1] == '\\') {
			if (nm_buf_add(&joined, p, len - 1))
				NM_BUG("continued rule line over the file cap");
		} else {
			if (nm_buf_add(&joined, p, len))
				NM_BUG("rule line over the file cap");
			rc = add_line(r, f, start_line, nm_buf_str(&joined), joined.len, depth, err);
			nm_buf_reset(&joined);
			if (rc)
				break;
		}
		p += len;
		if (*p == '\r')
			p++;
		if (*p == '\n')
			p++;
	}
	if (!rc && joined.len)
		rc = add_line(r, f, start_line, nm_buf_str(&joined), joined.len, depth, err);
	nm_buf_release(&joined);
	return rc;
}

/* Files that are only included (named "*.inc.rules") are not parsed on their own. */
static bool is_include_only(const char *name)
{
	size_t n = strlen(name);
	return n > 10 && !strcmp(name + n - 10, ".inc.rules");
}

enum nm_code nm_rules_load_sources(const struct nm_rule_source *src, struct nm_rules **out,
				   struct nm_err *err)
{
	struct nm_rules *r = nm_xcalloc(1, sizeof(*r));
	enum nm_code rc = NM_OK;
	size_t n = 0;

	while (src[n].name)
		n++;
	r->files = nm_xcalloc(n ? n : 1, sizeof(*r->files));
	for (size_t i = 0; i < n; i++) {
		r->files[i].name = keep(r, nm_xstrdup(src[i].name));
		r->files[i].text = keep(r, nm_xstrdup(src[i].text));
	}
	r->nfiles = n;
	for (size_t i = 0; i < n && !rc; i++)
		if (!is_include_only(r->files[i].name))
			rc = parse_file(r, &r->files[i], 0, err);
	if (rc) {
		nm_rules_free(r);
		return rc;
	}
	*out = r;
	return NM_OK;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(((const struct nm_rule_source *)a)->name, ((const struct nm_rule_source *)b)->name);
}

enum nm_code nm_rules_load(const char *dir, struct nm_rules **out, struct nm_err *err)
{
	DIR *d;
	struct dirent *de;
	struct nm_rule_source *src = NULL;
	size_t n = 0, cap = 0;
	enum nm_code rc = NM_OK;

	if (!dir)
		return nm_rules_load_sources(nm_rules_embedded, out, err);
	if (!(d = opendir(dir)))
		return nm_err_set(err, errno == ENOENT ? NM_ENOENT : NM_ECONFIG,
				  "cannot open rules directory '%s': %s", dir, strerror(errno));
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char path[4096];
		struct nm_buf b = NM_BUF_INIT(RULE_FILE_MAX);
		if (len < 7 || strcmp(de->d_name + len - 6, ".rules"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if ((rc = nm_buf_read_file(&b, path, err))) {
			nm_buf_release(&b);
			if (rc == NM_ENOENT || rc == NM_ETOOBIG)
				rc = NM_ECONFIG;
			break;
		}
		if (n + 2 > cap) {
			cap = cap ? cap * 2 : 16;
			src = nm_xrealloc(src, cap * sizeof(*src));
		}
		src[n].name = nm_xstrdup(de->d_name);
		src[n].text = nm_buf_take(&b, NULL);
		n++;
	}
	closedir(d);
	if (!rc) {
		if (!n) {
			rc = nm_err_set(err, NM_ECONFIG, "no *.rules files in '%s'", dir);
		} else {
			qsort(src, n, sizeof(*src), cmp_names);
			src[n].name = src[n].text = NULL;
			rc = nm_rules_load_sources(src, out, err);
		}
	}
	for (size_t i = 0; i < n; i++) {
		free((char *)src[i].name);
		free((char *)src[i].text);
	}
	free(src);
	return rc;
}

void nm_rules_free(struct nm_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nstrings; i++)
		free(r->strings[i]);
	free(r->strings);
	free(r->lines);
	free(r->files);
	free(r);
}

size_t nm_rules_count(const struct nm_rules *r)
{
	return r->n;
}

const struct nm_rule_line *nm_rules_line(const struct nm_rules *r, size_t i)
{
	return i < r->n ? &r->lines[i] : NULL;
}

enum nm_code nm_rules_error(struct nm_err *err, const struct nm_rule_line *l, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return nm_err_set(err, NM_ECONFIG, "%s:%u: %s", l->file, l->line, msg);
}

bool nm_rules_valid_name(const char *s, size_t n)
{
	if (!n || n > 32 || !(nm_islower((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(nm_islower((unsigned char)s[i]) || nm_isdigit((unsigned char)s[i]) || s[i] == '_'))
			return false;
	return true;
}

enum nm_code nm_rules_expand(const struct nm_rule_macro *mac, size_t nmac, const char *rx, size_t n,
			     struct nm_buf *out)
{
	enum nm_code rc = NM_OK;
	for (size_t i = 0; i < n && !rc;) {
		size_t bs = 0;
		while (bs < i && rx[i - 1 - bs] == '\\')
			bs++;
		if (i + 3 < n && !memcmp(rx + i, "(?&", 3) && !(bs & 1)) {
			const char *close = memchr(rx + i + 3, ')', n - i - 3);
			size_t len = close ? (size_t)(close - (rx + i + 3)) : 0;
			const struct nm_rule_macro *hit = NULL;
			for (size_t k = 0; k < nmac && close && !hit; k++)
				if (strlen(mac[k].name) == len && !memcmp(mac[k].name, rx + i + 3, len))
					hit = &mac[k];
			if (hit) {
				if (!(rc = nm_buf_addstr(out, "(?:")) &&
				    !(rc = nm_buf_add(out, hit->body.data ? hit->body.data : "", hit->body.len)))
					rc = nm_buf_addch(out, ')');
				i += 3 + len + 1;
				continue;
			}
		}
		rc = nm_buf_addch(out, rx[i++]);
	}
	return rc;
}
