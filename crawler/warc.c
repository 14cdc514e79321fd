/*
 * crawler/warc.c — WARC 1.1 out (what the crawl fetched, for archiving and replay) and
 * in (`newsmine analyze --warc`). Each record is written as its own gzip member, so a
 * file can be appended to and a reader can seek to any record; reading goes through
 * zlib's gz* functions, which take plain files and concatenated members alike and give
 * back what a truncated file still holds.
 *
 * Bodies are stored as curl decoded them; the recorded head drops Content-Encoding and
 * Transfer-Encoding and restates Content-Length so that it describes the stored bytes.
 */
#include "crawler/crawler_int.h"

#include <nettle/sha1.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <zlib.h>

#define WARC_MAX_HEAD ((size_t)1 << 20)    /* bytes of one record's WARC header */
#define WARC_MAX_BLOCK ((size_t)512 << 20) /* bytes of one record's block */

void nm_warc_digest(const void *data, size_t len, char out[38])
{
	static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	struct sha1_ctx ctx;
	uint8_t d[SHA1_DIGEST_SIZE];
	unsigned bits = 0, acc = 0;
	char *o = out + 5;

	sha1_init(&ctx);
	sha1_update(&ctx, len, data);
	sha1_digest(&ctx, SHA1_DIGEST_SIZE, d);
	memcpy(out, "sha1:", 5);
	/* 160 bits = exactly 32 base32 digits, no padding */
	for (size_t i = 0; i < SHA1_DIGEST_SIZE; i++) {
		acc = (acc << 8) | d[i];
		bits += 8;
		while (bits >= 5) {
			*o++ = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	*o = '\0';
}

/* ---------------------------------------------------------------- writer */

struct seen { /* payload digests already written: identical payloads become revisits */
	char digest[38];
	char *uri;   /* heap */
	int64_t date;
	bool used;
};

struct nm_warc_writer {
	FILE *f;
	char *path;
	struct seen *seen;
	size_t n_seen, cap_seen; /* open addressing, cap a power of two */
	bool failed;
};

static void new_uuid(char out[48])
{
	uint8_t r[16];
	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
		for (size_t i = 0; i < sizeof(r); i++)
			r[i] = (uint8_t)rand();
	r[6] = (uint8_t)((r[6] & 0x0f) | 0x40);
	r[8] = (uint8_t)((r[8] & 0x3f) | 0x80);
	snprintf(out, 48, "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x>",
		 r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13],
		 r[14], r[15]);
}

/* Compress one record (head + block + CRLFCRLF) as a gzip member and append it. */
static enum nm_code put_record(struct nm_warc_writer *w, const struct nm_buf *head, const char *b1,
			       size_t n1, const char *b2, size_t n2, struct nm_err *err)
{
	z_stream z;
	unsigned char out[65536];
	const struct {
		const char *p;
		size_t n;
	} parts[] = {{head->data, head->len}, {b1, n1}, {b2, n2}, {"\r\n\r\n", 4}};
	int zrc = Z_OK;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return nm_err_set(err, NM_EINTERNAL, "zlib: cannot initialise");
	for (size_t i = 0; i < 4; i++) {
		const char *p = parts[i].p;
		size_t left = p ? parts[i].n : 0;
		bool last = i == 3;
		do {
			size_t chunk = left > (1u << 30) ? (1u << 30) : left;
			z.next_in = (Bytef *)(uintptr_t)p;
			z.avail_in = (uInt)chunk;
			p += chunk;
			left -= chunk;
			do {
				z.next_out = out;
				z.avail_out = sizeof(out);
				zrc = deflate(&z, last && !left ? Z_FINISH : Z_NO_FLUSH);
				if (fwrite(out, 1, sizeof(out) - z.avail_out, w->f) != sizeof(out) - z.avail_out)
					w->failed = true;
			} while (z.avail_out == 0);
		} while (left);
	}
	deflateEnd(&z);
	if (zrc != Z_STREAM_END || w->failed) {
		w->failed = true;
		return nm_err_set(err, NM_EIO, "cannot write '%s'", w->path);
	}
	return NM_OK;
}

static void iso_now(int64_t t, char out[21])
{
	nm_time_iso(t, out);
}

enum nm_code nm_warc_open(const char *path, const char *software, struct nm_warc_writer **out,
			  struct nm_err *err)
{
	struct nm_warc_writer *w;
	struct nm_buf head = NM_BUF_INIT(WARC_MAX_HEAD), info = NM_BUF_INIT(4096);
	char id[48], date[21], digest[38];
	enum nm_code rc;
	FILE *f = fopen(path, "ab");

	if (!f)
		return nm_err_set(err, NM_ECREATE, "cannot create '%s'", path);
	w = nm_xcalloc(1, sizeof(*w));
	w->f = f;
	w->path = nm_xstrdup(path);
	new_uuid(id);
	iso_now(nm_now_ms() / 1000, date);
	if (nm_buf_printf(&info, "software: %s\r\nformat: WARC File Format 1.1\r\n"
			  "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n",
			  software))
		NM_BUG("warcinfo over its cap");
	nm_warc_digest(info.data, info.len, digest);
	{
		const char *slash = strrchr(path, '/');
		if (nm_buf_printf(&head,
				  "WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: %s\r\nWARC-Date: %s\r\n"
				  "WARC-Filename: %s\r\nWARC-Block-Digest: %s\r\n"
				  "Content-Type: application/warc-fields\r\nContent-Length: %zu\r\n\r\n",
				  id, date, slash ? slash + 1 : path, digest, info.len))
			NM_BUG("warcinfo over its cap");
	}
	rc = put_record(w, &head, info.data, info.len, NULL, 0, err);
	nm_buf_release(&head);
	nm_buf_release(&info);
	if (rc) {
		nm_warc_close(w, NULL);
		return rc;
	}
	*out = w;
	return NM_OK;
}

static struct seen *seen_find(struct nm_warc_writer *w, const char *digest)
{
	size_t mask, i;
	if (!w->cap_seen)
		return NULL;
	mask = w->cap_seen - 1;
	for (i = nm_hash64(digest, strlen(digest)) & mask; w->seen[i].used; i = (i + 1) & mask)
		if (!strcmp(w->seen[i].digest, digest))
			return &w->seen[i];
	return &w->seen[i];
}

static void seen_add(struct nm_warc_writer *w, const char *digest, const char *uri, int64_t date)
{
	struct seen *s;
	if ((w->n_seen + 1) * 2 > w->cap_seen) {
		struct seen *old = w->seen;
		size_t oldcap = w->cap_seen;
		w->cap_seen = oldcap ? oldcap * 2 : 1024;
		w->seen = nm_xcalloc(w->cap_seen, sizeof(*w->seen));
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].used)
				*seen_find(w, old[i].digest) = old[i];
		free(old);
	}
	s = seen_find(w, digest);
	if (s->used)
		return;
	memcpy(s->digest, digest, sizeof(s->digest));
	s->uri = nm_xstrdup(uri);
	s->date = date;
	s->used = true;
	w->n_seen++;
}

enum nm_code nm_warc_write(struct nm_warc_writer *w, const struct nm_warc_exchange *x,
			   struct nm_err *err)
{
	struct nm_buf head = NM_BUF_INIT(WARC_MAX_HEAD);
	char req_id[48], resp_id[48], date[21], pdigest[38], bdigest[38], rdate[21];
	struct seen *dup = NULL;
	enum nm_code rc = NM_OK;
	bool revisit;
	const char *profile = NULL;

	if (!w || w->failed)
		return w ? nm_err_set(err, NM_EIO, "cannot write '%s'", w->path) : NM_OK;
	if (strpbrk(x->url, " \r\n"))
		return NM_OK; /* not a URI a WARC header can carry */
	new_uuid(req_id);
	new_uuid(resp_id);
	iso_now(x->date, date);
	nm_warc_digest(x->body ? x->body : "", x->body_len, pdigest);
	if (!x->not_modified && x->body_len)
		dup = seen_find(w, pdigest);
	if (dup && !dup->used)
		dup = NULL;
	revisit = x->not_modified || dup;
	if (dup)
		iso_now(dup->date, rdate);
	if (x->not_modified)
		profile = "http://netpreserve.org/warc/1.1/revisit/server-not-modified";
	else if (dup)
		profile = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest";

	/* response (or revisit): the block is the head plus, for a response, the body */
	{
		size_t blen = x->response_head_len + (revisit ? 0 : x->body_len);
		char *block = nm_xmalloc(blen + 1);
		memcpy(block, x->response_head, x->response_head_len);
		if (!revisit && x->body_len)
			memcpy(block + x->response_head_len, x->body, x->body_len);
		nm_warc_digest(block, blen, bdigest);
		free(block);
		if (nm_buf_printf(&head, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\nWARC-Date: %s\r\n"
				  "WARC-Target-URI: %s\r\n",
				  revisit ? "revisit" : "response", resp_id, date, x->url) ||
		    (x->ip && nm_buf_printf(&head, "WARC-IP-Address: %s\r\n", x->ip)) ||
		    (profile && nm_buf_printf(&head, "WARC-Profile: %s\r\n", profile)) ||
		    (dup && nm_buf_printf(&head, "WARC-Refers-To-Target-URI: %s\r\nWARC-Refers-To-Date: %s\r\n",
					  dup->uri, rdate)) ||
		    (x->not_modified && x->refers_to_uri &&
		     nm_buf_printf(&head, "WARC-Refers-To-Target-URI: %s\r\n", x->refers_to_uri)) ||
		    nm_buf_printf(&head,
				  "WARC-Payload-Digest: %s\r\nWARC-Block-Digest: %s\r\n"
				  "Content-Type: application/http; msgtype=response\r\nContent-Length: %zu\r\n\r\n",
				  pdigest, bdigest, blen)) {
			rc = nm_err_set(err, NM_ETOOBIG, "WARC header over %zu bytes", head.max);
			goto out;
		}
		if ((rc = put_record(w, &head, x->response_head, x->response_head_len,
				     revisit ? NULL : x->body, revisit ? 0 : x->body_len, err)))
			goto out;
	}
	if (!revisit && x->body_len)
		seen_add(w, pdigest, x->url, x->date);
	/* request, linked to the response */
	if (x->request && x->request_len) {
		nm_buf_reset(&head);
		nm_warc_digest(x->request, x->request_len, bdigest);
		if (nm_buf_printf(&head,
				  "WARC/1.1\r\nWARC-Type: request\r\nWARC-Record-ID: %s\r\nWARC-Date: %s\r\n"
				  "WARC-Target-URI: %s\r\nWARC-Concurrent-To: %s\r\nWARC-Block-Digest: %s\r\n"
				  "Content-Type: application/http; msgtype=request\r\nContent-Length: %zu\r\n\r\n",
				  req_id, date, x->url, resp_id, bdigest, x->request_len)) {
			rc = nm_err_set(err, NM_ETOOBIG, "WARC header over %zu bytes", head.max);
			goto out;
		}
		rc = put_record(w, &head, x->request, x->request_len, NULL, 0, err);
	}
out:
	nm_buf_release(&head);
	return rc;
}

enum nm_code nm_warc_close(struct nm_warc_writer *w, struct nm_err *err)
{
	enum nm_code rc = NM_OK;
	if (!w)
		return NM_OK;
	if (fclose(w->f) || w->failed)
		rc = nm_err_set(err, NM_EIO, "cannot write '%s'", w->path);
	for (size_t i = 0; i < w->cap_seen; i++)
		free(w->seen[i].uri);
	free(w->seen);
	free(w->path);
	free(w);
	return rc;
}

/* ---------------------------------------------------------------- reader */

struct nm_warc_reader {
	gzFile gz;
	char *path;
	struct nm_buf head, block, payload, tmp;
	char *fields[8]; /* heap copies of the header values we return */
};

enum nm_code nm_warc_reader_open(const char *path, struct nm_warc_reader **out,
				 struct nm_err *err)
{
	struct nm_warc_reader *r;
	gzFile gz = strcmp(path, "-") ? gzopen(path, "rb") : gzdopen(0, "rb");

	if (!gz)
		return nm_err_set(err, NM_ENOENT, "cannot open '%s'", path);
	gzbuffer(gz, 1 << 16);
	r = nm_xcalloc(1, sizeof(*r));
	r->gz = gz;
	r->path = nm_xstrdup(path);
	nm_buf_init(&r->head, WARC_MAX_HEAD);
	nm_buf_init(&r->block, WARC_MAX_BLOCK);
	nm_buf_init(&r->payload, WARC_MAX_BLOCK);
	nm_buf_init(&r->tmp, WARC_MAX_BLOCK);
	*out = r;
	return NM_OK;
}

void nm_warc_reader_free(struct nm_warc_reader *r)
{
	if (!r)
		return;
	gzclose(r->gz);
	nm_buf_release(&r->head);
	nm_buf_release(&r->block);
	nm_buf_release(&r->payload);
	nm_buf_release(&r->tmp);
	for (size_t i = 0; i < 8; i++)
		free(r->fields[i]);
	free(r->path);
	free(r);
}

char *nm_header_field(const char *head, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = head; p && *p;) {
		const char *eol = strchr(p, '\n');
		if (!nm_strncasecmp(p, name, n) && p[n] == ':') {
			const char *v = p + n + 1, *e = eol ? eol : p + strlen(p);
			while (v < e && (*v == ' ' || *v == '\t'))
				v++;
			while (e > v && nm_isspace((unsigned char)e[-1]))
				e--;
			return nm_xstrndup(v, (size_t)(e - v));
		}
		p = eol ? eol + 1 : NULL;
	}
	return NULL;
}

/* De-chunk an HTTP/1.1 chunked body into out; false when it is not chunked data. */
static bool dechunk(const char *s, size_t n, struct nm_buf *out)
{
	size_t i = 0;
	nm_buf_reset(out);
	while (i < n) {
		char *end;
		unsigned long long len = strtoull(s + i, &end, 16);
		const char *nl;
		if (end == s + i)
			return false;
		nl = memchr(s + i, '\n', n - i);
		if (!nl)
			return out->len > 0;
		i = (size_t)(nl - s) + 1;
		if (len == 0)
			return true;
		if (len > n - i)
			len = n - i; /* truncated: keep what is there */
		if (nm_buf_add(out, s + i, (size_t)len))
			return false;
		i += (size_t)len;
		while (i < n && (s[i] == '\r' || s[i] == '\n'))
			i++;
	}
	return true;
}

static void parse_http(struct nm_warc_reader *r, struct nm_warc_record *rec)
{
	const char *b = rec->block, *end = b + rec->block_len, *sep;
	char *te, *ce, *hdr;
	size_t hlen;

	if (rec->block_len < 12 || memcmp(b, "HTTP/", 5))
		return;
	/* "HTTP/1.1 200 OK": three digits after the first space, read within the block */
	sep = memchr(b, ' ', rec->block_len);
	rec->http_status = 0;
	if (sep)
		for (const char *d = sep + 1; d < end && d < sep + 4 && nm_isdigit((unsigned char)*d); d++)
			rec->http_status = rec->http_status * 10 + (*d - '0');
	sep = NULL;
	for (const char *p = b; p + 1 < end; p++) {
		if (p[0] == '\n' && p[1] == '\n') {
			sep = p + 2;
			break;
		}
		if (p + 3 < end && !memcmp(p, "\r\n\r\n", 4)) {
			sep = p + 4;
			break;
		}
	}
	if (!sep)
		sep = end;
	hlen = (size_t)(sep - b);
	hdr = nm_xstrndup(b, hlen);
	free(r->fields[5]);
	r->fields[5] = nm_header_field(hdr, "Content-Type");
	rec->http_content_type = r->fields[5];
	rec->payload = sep;
	rec->payload_len = (size_t)(end - sep);
	te = nm_header_field(hdr, "Transfer-Encoding");
	ce = nm_header_field(hdr, "Content-Encoding");
	if (te && strstr(te, "chunked") && dechunk(sep, (size_t)(end - sep), &r->payload)) {
		rec->payload = nm_buf_str(&r->payload);
		rec->payload_len = r->payload.len;
	}
	if (ce && (strstr(ce, "gzip") || strstr(ce, "deflate"))) {
		nm_buf_reset(&r->tmp);
		if (nm_crawl_gunzip(rec->payload, rec->payload_len, &r->tmp, NULL) == NM_OK) {
			rec->payload = nm_buf_str(&r->tmp);
			rec->payload_len = r->tmp.len;
		}
	}
	free(te);
	free(ce);
	free(hdr);
}

enum nm_code nm_warc_next(struct nm_warc_reader *r, struct nm_warc_record *rec, bool *done,
			  struct nm_err *err)
{
	char line[8192];
	char *len_s;
	unsigned long long clen;
	int c;

	memset(rec, 0, sizeof(*rec));
	*done = false;
	nm_buf_reset(&r->head);
	/* skip blank lines between records */
	do {
		c = gzgetc(r->gz);
	} while (c == '\r' || c == '\n');
	if (c == -1) {
		*done = true;
		return NM_OK;
	}
	gzungetc(c, r->gz);
	if (!gzgets(r->gz, line, sizeof(line)) || strncmp(line, "WARC/", 5))
		return nm_err_set(err, NM_EPARSE, "'%s': not a WARC record (ARC or whole-file gzip?)",
				  r->path);
	for (;;) {
		if (nm_buf_addstr(&r->head, line))
			return nm_err_set(err, NM_ETOOBIG, "'%s': WARC header too long", r->path);
		if (!gzgets(r->gz, line, sizeof(line))) {
			rec->truncated = true;
			break;
		}
		if (!strcmp(line, "\r\n") || !strcmp(line, "\n"))
			break;
	}
	for (size_t i = 0; i < 5; i++) {
		free(r->fields[i]);
		r->fields[i] = NULL;
	}
	r->fields[0] = nm_header_field(nm_buf_str(&r->head), "WARC-Type");
	r->fields[1] = nm_header_field(nm_buf_str(&r->head), "WARC-Target-URI");
	r->fields[2] = nm_header_field(nm_buf_str(&r->head), "WARC-Date");
	r->fields[3] = nm_header_field(nm_buf_str(&r->head), "Content-Type");
	len_s = nm_header_field(nm_buf_str(&r->head), "Content-Length");
	if (!r->fields[0] || !len_s) {
		free(len_s);
		return nm_err_set(err, NM_EPARSE, "'%s': WARC record without %s", r->path,
				  r->fields[0] ? "Content-Length" : "WARC-Type");
	}
	/* wget 1.x wrote <bracketed> URIs */
	if (r->fields[1] && r->fields[1][0] == '<') {
		size_t n = strlen(r->fields[1]);
		if (n >= 2 && r->fields[1][n - 1] == '>') {
			memmove(r->fields[1], r->fields[1] + 1, n - 2);
			r->fields[1][n - 2] = '\0';
		}
	}
	clen = strtoull(len_s, NULL, 10);
	free(len_s);
	if (clen > WARC_MAX_BLOCK)
		return nm_err_set(err, NM_ETOOBIG, "'%s': WARC record over %zu bytes", r->path,
				  WARC_MAX_BLOCK);
	nm_buf_reset(&r->block);
	if (nm_buf_grow(&r->block, (size_t)clen + 1))
		return nm_err_set(err, NM_ETOOBIG, "'%s': WARC record too large", r->path);
	{
		size_t got = 0;
		while (got < clen) {
			int n = gzread(r->gz, r->block.data + got, (unsigned)(clen - got > (1u << 30) ? (1u << 30)
												 : clen - got));
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		r->block.len = got;
		r->block.data[got] = '\0';
		if (got < clen)
			rec->truncated = true;
	}
	rec->type = r->fields[0];
	rec->target_uri = r->fields[1];
	rec->date = r->fields[2];
	rec->content_type = r->fields[3];
	rec->block = r->block.data;
	rec->block_len = r->block.len;
	rec->payload = rec->block;
	rec->payload_len = rec->block_len;
	if (rec->content_type && strstr(rec->content_type, "application/http") &&
	    (!strcmp(rec->type, "response") || !strcmp(rec->type, "revisit")))
		parse_http(r, rec);
	return NM_OK;
}
