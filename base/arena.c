/*
 * base/arena.c — one arena per document. Blocks are chained and freed together; the
 * byte budget turns a hostile document into NM_ETOOBIG for that document only.
 */
#include "base/base.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

struct block {
	struct block *next;
	size_t size; /* usable bytes after the header */
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

struct nm_arena {
	struct block *head;
	size_t budget; /* bytes the arena may hand out in all */
	size_t used;   /* bytes handed out so far (with alignment padding) */
};

#define BLOCK_MIN ((size_t)16 << 10)

struct nm_arena *nm_arena_new(size_t budget)
{
	struct nm_arena *a = nm_xcalloc(1, sizeof(*a));
	a->budget = budget;
	return a;
}

void nm_arena_free(struct nm_arena *a)
{
	if (!a)
		return;
	for (struct block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *nm_arena_alloc(struct nm_arena *a, size_t size)
{
	const size_t align = alignof(max_align_t);
	struct block *b = a->head;
	size_t need = (size + align - 1) & ~(align - 1);
	void *p;

	if (size > a->budget || need > a->budget - a->used)
		return NULL;
	if (!b || b->size - b->used < need) {
		size_t bsize = need > BLOCK_MIN ? need : BLOCK_MIN;
		if (b && b->size * 2 > bsize && b->size * 2 <= ((size_t)4 << 20))
			bsize = b->size * 2 >= need ? b->size * 2 : need;
		b = nm_xmalloc(sizeof(*b) + bsize);
		b->size = bsize;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += need;
	a->used += need;
	memset(p, 0, size);
	return p;
}

void *nm_arena_memdup(struct nm_arena *a, const void *p, size_t n)
{
	void *q = nm_arena_alloc(a, n ? n : 1);
	if (q && n)
		memcpy(q, p, n);
	return q;
}

char *nm_arena_strndup(struct nm_arena *a, const char *s, size_t n)
{
	char *q;
	if (!s || n == SIZE_MAX)
		return NULL;
	q = nm_arena_alloc(a, n + 1);
	if (q) {
		memcpy(q, s, n);
		q[n] = '\0';
	}
	return q;
}

char *nm_arena_strdup(struct nm_arena *a, const char *s)
{
	return s ? nm_arena_strndup(a, s, strlen(s)) : NULL;
}

enum nm_code nm_arena_reserve(struct nm_arena *a, void **arr, size_t *cap, size_t n, size_t elem)
{
	size_t ncap;
	void *p;

	if (n <= *cap)
		return NM_OK;
	ncap = *cap ? *cap * 2 : 16;
	if (ncap < n)
		ncap = n;
	if (elem && ncap > SIZE_MAX / elem)
		return NM_ETOOBIG;
	p = nm_arena_alloc(a, ncap * elem);
	if (!p)
		return NM_ETOOBIG;
	if (*arr && *cap)
		memcpy(p, *arr, *cap * elem);
	*arr = p;
	*cap = ncap;
	return NM_OK;
}

size_t nm_arena_used(const struct nm_arena *a)
{
	return a->used;
}
