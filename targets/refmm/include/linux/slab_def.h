/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * slab_def.h - struct kmem_cache of the SLAB allocator (4.0).
 *
 * One per cache, on the slab_caches list (linked through @list).  The
 * first one, kmem_cache_boot, is a global of the image; the others are
 * objects of that cache ("kmem_cache"), whose object size is
 * offsetof(struct kmem_cache, node) + nr_node_ids pointers: only
 * node[0 .. nr_node_ids-1] exist in memory, a reader must not look past
 * them.
 *
 *   cpu_cache	per-CPU array_cache: a __percpu pointer, i.e. an offset;
 *		CPU n's array is at cpu_cache + __per_cpu_offset[n]
 *   node[]	one struct kmem_cache_node per online node (mm/slab.h):
 *		the slab lists, free_objects, the shared and alien arrays
 *   size	bytes per object in the slab (object_size plus alignment
 *		padding and, with debugging, red zones and the user word)
 *   object_size  the size the cache was created with (kmem_cache_size())
 *   num	objects per slab; gfporder: a slab is 2^gfporder pages
 *   colour	number of distinct colours; colour_off: bytes per colour
 *   freelist_size  bytes of a slab's freelist (one freelist_idx_t per
 *		object); freelist_cache: the kmalloc cache holding it when
 *		the freelist is off the slab (flags has CFLGS_OFF_SLAB)
 *
 * With CONFIG_DEBUG_SLAB the statistics and obj_offset (bytes before the
 * caller's object: the first red zone word) sit between align and node,
 * so node[] moves; a reader finds it through DWARF.
 */
#ifndef _LINUX_SLAB_DEF_H
#define _LINUX_SLAB_DEF_H

#include <linux/list.h>
#include <linux/numa.h>
#include <linux/reciprocal_div.h>

/*
 * Definitions unique to the original Linux SLAB allocator.
 */

struct kmem_cache {
	struct array_cache __percpu *cpu_cache;

/* 1) Cache tunables. Protected by slab_mutex */
	unsigned int batchcount;
	unsigned int limit;
	unsigned int shared;

	unsigned int size;
	struct reciprocal_value reciprocal_buffer_size;
/* 2) touched by every alloc & free from the backend */

	unsigned int flags;		/* constant flags */
	unsigned int num;		/* # of objs per slab */

/* 3) cache_grow/shrink */
	/* order of pgs per slab (2^n) */
	unsigned int gfporder;

	/* force GFP flags, e.g. GFP_DMA */
	gfp_t allocflags;

	size_t colour;			/* cache colouring range */
	unsigned int colour_off;	/* colour offset */
	struct kmem_cache *freelist_cache;
	unsigned int freelist_size;

	/* constructor func */
	void (*ctor)(void *obj);

/* 4) cache creation/removal */
	const char *name;
	struct list_head list;
	int refcount;
	int object_size;
	int align;

/* 5) statistics */
#ifdef CONFIG_DEBUG_SLAB
	unsigned long num_active;
	unsigned long num_allocations;
	unsigned long high_mark;
	unsigned long grown;
	unsigned long reaped;
	unsigned long errors;
	unsigned long max_freeable;
	unsigned long node_allocs;
	unsigned long node_frees;
	unsigned long node_overflow;
	atomic_t allochit;
	atomic_t allocmiss;
	atomic_t freehit;
	atomic_t freemiss;

	/*
	 * If debugging is enabled, then the allocator can add additional
	 * fields and/or padding to every object. size contains the total
	 * object size including these internal fields, the following two
	 * variables contain the offset to the user object and its size.
	 */
	int obj_offset;
#endif /* CONFIG_DEBUG_SLAB */
	/* no CONFIG_MEMCG_KMEM: no memcg_params */

	struct kmem_cache_node *node[MAX_NUMNODES];
};

#endif	/* _LINUX_SLAB_DEF_H */
