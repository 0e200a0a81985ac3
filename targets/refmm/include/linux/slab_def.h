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
 * The members are grouped, and ordered, as in 4.0: first what every
 * allocation and free reads, then what growing and shrinking a cache
 * needs, then identity and list linkage, the debug statistics, and the
 * per-node pointers last since their number varies.
 */
struct kmem_cache {
	struct array_cache __percpu *cpu_cache;

	/* the head arrays' sizes; changed only under slab_mutex */
	unsigned int batchcount;	/* objects moved per refill/flush */
	unsigned int limit;		/* capacity of each CPU's array */
	unsigned int shared;		/* node's shared array: this many
					 * batches */

	unsigned int size;		/* bytes per object in the slab */
	/* for dividing an offset in the slab by size */
	struct reciprocal_value reciprocal_buffer_size;

	unsigned int flags;		/* SLAB_* and CFLGS_OFF_SLAB */
	unsigned int num;		/* objects per slab */

	/* what cache_grow() needs to make a slab */
	unsigned int gfporder;		/* a slab is 2^gfporder pages */
	gfp_t allocflags;		/* added to every page allocation */
	size_t colour;			/* how many colours there are */
	unsigned int colour_off;	/* bytes between two colours */
	struct kmem_cache *freelist_cache;	/* holds off-slab freelists */
	unsigned int freelist_size;	/* bytes of one slab's freelist */
	void (*ctor)(void *obj);	/* run on each object of a new slab */

	/* identity */
	const char *name;
	struct list_head list;		/* on slab_caches */
	int refcount;			/* creators sharing it; -1: boot */
	int object_size;		/* the size asked for */
	int align;

#ifdef CONFIG_DEBUG_SLAB
	/* statistics, shown by /proc/slabinfo's globalstat and cpustat */
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
	 * Where the caller's bytes start within an object: debugging puts
	 * a red zone word in front (and a second one, and the last user,
	 * behind), all counted in size.
	 */
	int obj_offset;
#endif /* CONFIG_DEBUG_SLAB */
	/* (no CONFIG_MEMCG_KMEM, so no memcg_params) */

	struct kmem_cache_node *node[MAX_NUMNODES];
};

#endif	/* _LINUX_SLAB_DEF_H */
