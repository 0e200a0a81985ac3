/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pagecache.c - fixed-size page cache: hash lookup, clock eviction.
 *
 *   buckets[hash(as, pageno)] -> slot -> slot -> -1     (chains through slot.next)
 *   slots[0 .. capacity-1]: key, referenced bit, chain link
 *   data[slot * page_size]: the page's bytes
 *
 * A hit sets the slot's referenced bit.  A miss takes a free slot while there
 * is one, else advances the clock hand: a referenced slot loses its bit and
 * is passed over, the first unreferenced one is evicted (unlinked from its
 * chain) and refilled.  The bucket array has at least twice as many heads as
 * there are slots, so chains stay short.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/error.h"
#include "core/pagecache.h"

#define PC_HUGE	((size_t)2 << 20)	/* x86-64's transparent huge page */

struct pc_slot {
	uint64_t pageno;
	int as;
	int32_t next;		/* next slot in the bucket chain, -1 at the end */
	bool valid;
	bool referenced;
};

struct ms_pagecache {
	size_t capacity;
	size_t page_size;
	size_t used;
	size_t hand;		/* clock hand */
	unsigned hash_bits;
	int32_t *buckets;	/* 1 << hash_bits heads, -1 = empty */
	struct pc_slot *slots;
	unsigned char *data;
	ms_pagecache_fill_fn fill;
	void *arg;
	uint64_t hits, misses, fill_errors, evictions;
};

static inline size_t
pc_hash(const struct ms_pagecache *pc, int as, uint64_t pageno)
{
	uint64_t k = pageno ^ ((uint64_t)as << 58);

	return (size_t)((k * 0x9e3779b97f4a7c15ULL) >> (64 - pc->hash_bits));
}

struct ms_error *
ms_pagecache_create(size_t nr_pages, size_t page_size,
		    ms_pagecache_fill_fn fill, void *arg, struct ms_pagecache **ret)
{
	struct ms_pagecache *pc;
	size_t nbuckets;

	if (nr_pages == 0 || nr_pages > INT32_MAX / 4 || page_size == 0 ||
	    (page_size & (page_size - 1)))
		return ms_error_create(MS_ERR_OTHER, "page cache: bad geometry: %zu pages of %zu bytes",
				       nr_pages, page_size);
	pc = calloc(1, sizeof(*pc));
	if (!pc)
		goto nomem;
	pc->capacity = nr_pages;
	pc->page_size = page_size;
	pc->fill = fill;
	pc->arg = arg;
	pc->hash_bits = 1;
	while (((size_t)1 << pc->hash_bits) < 2 * nr_pages)
		pc->hash_bits++;
	nbuckets = (size_t)1 << pc->hash_bits;
	pc->buckets = malloc(nbuckets * sizeof(*pc->buckets));
	pc->slots = calloc(nr_pages, sizeof(*pc->slots));
	if (!pc->buckets || !pc->slots)
		goto nomem;
	/*
	 * Slots are handed out in order, so a session touches the data from
	 * the start: in 2 MiB transparent huge pages (where the kernel offers
	 * them) a first run takes a few faults instead of one per page filled.
	 */
	if (posix_memalign((void **)&pc->data, nr_pages * page_size >= PC_HUGE ? PC_HUGE : 64,
			   nr_pages * page_size))
		goto nomem;
#ifdef MADV_HUGEPAGE
	if (nr_pages * page_size >= PC_HUGE)
		(void)madvise(pc->data, nr_pages * page_size / PC_HUGE * PC_HUGE, MADV_HUGEPAGE);
#endif
	memset(pc->buckets, 0xff, nbuckets * sizeof(*pc->buckets));
	*ret = pc;
	return NULL;

nomem:
	ms_pagecache_destroy(pc);
	return &ms_enomem;
}

void
ms_pagecache_destroy(struct ms_pagecache *pc)
{
	if (!pc)
		return;
	free(pc->buckets);
	free(pc->slots);
	free(pc->data);
	free(pc);
}

void
ms_pagecache_flush(struct ms_pagecache *pc)
{
	memset(pc->buckets, 0xff, ((size_t)1 << pc->hash_bits) * sizeof(*pc->buckets));
	memset(pc->slots, 0, pc->capacity * sizeof(*pc->slots));
	pc->used = 0;
	pc->hand = 0;
}

/* Remove slot @i from its bucket chain. */
static void
pc_unlink(struct ms_pagecache *pc, int32_t i)
{
	struct pc_slot *s = &pc->slots[i];
	int32_t *link = &pc->buckets[pc_hash(pc, s->as, s->pageno)];

	while (*link != i)
		link = &pc->slots[*link].next;
	*link = s->next;
	s->valid = false;
}

/* A slot to fill: a never-used one, or the clock's victim. */
static int32_t
pc_victim(struct ms_pagecache *pc)
{
	int32_t i;

	if (pc->used < pc->capacity)
		return (int32_t)pc->used++;
	for (;;) {
		i = (int32_t)pc->hand;
		pc->hand = (pc->hand + 1 == pc->capacity) ? 0 : pc->hand + 1;
		if (!pc->slots[i].valid)
			return i;		/* freed by a failed fill */
		if (pc->slots[i].referenced) {
			pc->slots[i].referenced = false;
			continue;
		}
		pc_unlink(pc, i);
		pc->evictions++;
		return i;
	}
}

/* The miss path, out of line so that a hit costs no more than the probe. */
static __attribute__((noinline)) struct ms_error *
pc_miss(struct ms_pagecache *pc, size_t b, int as, uint64_t pageno, const void **ret)
{
	struct ms_error *err;
	int32_t i;
	void *buf;

	pc->misses++;
	i = pc_victim(pc);
	buf = pc->data + (size_t)i * pc->page_size;
	err = pc->fill(pc->arg, as, pageno, buf);
	if (err) {
		/* the slot stays invalid; the clock hands it out again */
		pc->fill_errors++;
		return err;
	}
	pc->slots[i].pageno = pageno;
	pc->slots[i].as = as;
	pc->slots[i].valid = true;
	pc->slots[i].referenced = false;
	pc->slots[i].next = pc->buckets[b];
	pc->buckets[b] = i;
	*ret = buf;
	return NULL;
}

struct ms_error *
ms_pagecache_get(struct ms_pagecache *pc, int as, uint64_t pageno, const void **ret)
{
	size_t b = pc_hash(pc, as, pageno);
	int32_t i;

	for (i = pc->buckets[b]; i >= 0; i = pc->slots[i].next) {
		struct pc_slot *s = &pc->slots[i];

		if (s->pageno == pageno && s->as == as) {
			s->referenced = true;
			pc->hits++;
			*ret = pc->data + (size_t)i * pc->page_size;
			return NULL;
		}
	}
	return pc_miss(pc, b, as, pageno, ret);
}

void
ms_pagecache_get_stats(const struct ms_pagecache *pc, struct ms_pagecache_stats *ret)
{
	size_t i, n = 0;

	for (i = 0; i < pc->used; i++)
		n += pc->slots[i].valid;
	ret->hits = pc->hits;
	ret->misses = pc->misses;
	ret->fill_errors = pc->fill_errors;
	ret->evictions = pc->evictions;
	ret->capacity = pc->capacity;
	ret->used = n;
}
