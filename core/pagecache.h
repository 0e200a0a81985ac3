/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pagecache.h - a fixed-size page cache with O(1) lookup.
 *
 * libkdumpfile 0.5.1 keeps decoded pages in a cache that it searches
 * linearly, so a big cache there is slower than a small one (notes:
 * libkdumpfile.md §5).  dump.c keeps libkdumpfile's cache small and puts this
 * one in front of it: whole pages keyed by (address space, page number),
 * found through a hash table, evicted by the clock algorithm (a "referenced"
 * bit per slot, a hand that clears bits until it finds a slot whose bit is
 * clear).  Lookups, inserts and evictions are O(1) on average; memory is
 * fixed at creation time.
 *
 * The cache knows nothing about dumps: a miss calls the fill function given
 * at creation, which reads one whole page.  A failed fill is not cached.
 */
#ifndef MS_PAGECACHE_H
#define MS_PAGECACHE_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

struct ms_pagecache;

/**
 * Read the page @p pageno of address space @p as (the page's first byte is at
 * pageno * page_size) into @p buf (page_size bytes).  Return NULL, or the
 * error (a FAULT) when the page cannot be read.
 */
typedef struct ms_error *(*ms_pagecache_fill_fn)(void *arg, int as, uint64_t pageno, void *buf);

/**
 * Create a cache of @p nr_pages pages of @p page_size bytes (a power of two).
 * @param[out] ret  The cache, to be freed with ms_pagecache_destroy().
 * @return NULL, or OTHER for a bad geometry, NOMEM.
 */
struct ms_error *ms_pagecache_create(size_t nr_pages, size_t page_size,
				     ms_pagecache_fill_fn fill, void *arg, struct ms_pagecache **ret);
void ms_pagecache_destroy(struct ms_pagecache *pc);

/**
 * The bytes of page @p pageno of @p as, from the cache or filled on a miss.
 * @param[out] ret  Valid until the next ms_pagecache_get()/flush/destroy on
 *                  this cache.
 * @return NULL, or the fill function's error if the page cannot be read.
 */
struct ms_error *ms_pagecache_get(struct ms_pagecache *pc, int as, uint64_t pageno, const void **ret);

/** Drop every cached page. */
void ms_pagecache_flush(struct ms_pagecache *pc);

struct ms_pagecache_stats {
	uint64_t hits;
	uint64_t misses;	/* fills attempted */
	uint64_t fill_errors;	/* fills that failed */
	uint64_t evictions;
	size_t capacity;	/* pages */
	size_t used;		/* pages held now */
};
void ms_pagecache_get_stats(const struct ms_pagecache *pc, struct ms_pagecache_stats *ret);

#endif
