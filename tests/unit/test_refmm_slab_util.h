/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_refmm_slab_util.h - what the SLAB unit tests share: the kernel log
 * caught in memory, and questions answered by refmm's census of a cache
 * (which walks lists, freelists and arrays instead of trusting SLAB's
 * counters).
 */
#ifndef TEST_REFMM_SLAB_UTIL_H
#define TEST_REFMM_SLAB_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include <refmm/slab.h>

struct kmem_cache;

/* ---- the kernel log ---- */

/** Catch every printk from now on (and keep stderr quiet). */
void klog_capture(void);
void klog_reset(void);
/** What was printed since the last klog_reset(). */
const char *klog_text(void);

#define assert_klog_has(s) do {						\
	if (!strstr(klog_text(), (s)))					\
		fail_msg("kernel log lacks \"%s\"; log:\n%s", (s), klog_text()); \
} while (0)

/* ---- the census ---- */

/** The census of @cachep; fails the test on an inconsistency. */
void census(struct kmem_cache *cachep, struct refmm_cache_census *c);

/**
 * Where the census found @obj, an address kmem_cache_alloc() returned
 * (REFMM_OBJ_*), and the id; fails if it is nowhere or in two places.
 */
enum refmm_obj_where obj_where(struct kmem_cache *cachep, const void *obj, int *id);

/** The whole slab allocator and the page allocator pass their checks. */
void assert_all_invariants(void);

/** Pages in slabs: PG_slab heads with their compound tails, in mem_map. */
unsigned long count_slab_pages(void);

/* ---- the page allocator's free blocks, to compare two moments ---- */

struct zone;

struct free_block {
	unsigned long pfn;
	unsigned int order;
};

struct zone_snap {
	unsigned long nr_free_pages;
	struct free_block *blocks;	/* sorted by pfn */
	size_t nblocks;
};

/** Every free block of @zone (drain the pcp lists first). */
void zone_snapshot(struct zone *zone, struct zone_snap *s);
/** Fail unless @now has the free blocks of @then. */
void assert_same_free_blocks(const struct zone_snap *then, const struct zone_snap *now,
			     const char *zone_name);

#endif /* TEST_REFMM_SLAB_UTIL_H */
