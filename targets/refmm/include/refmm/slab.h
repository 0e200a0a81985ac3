/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * refmm/slab.h - SLAB seen from outside the allocator: the census that
 * the truth file and the tests take of every cache, the invariant check,
 * and the fault injection switch.
 *
 * The census walks what a reader of a dump would walk -- each node's
 * slabs_full, slabs_partial and slabs_free lists, every slab's freelist,
 * the per-CPU, shared and alien array caches -- and counts from that, not
 * from SLAB's own counters (n->free_objects, page->active as a number of
 * objects): a counter that drifts shows up as a mismatch between the two.
 * Every object of every slab is in exactly one of the states below.
 */
#ifndef REFMM_SLAB_H
#define REFMM_SLAB_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include <linux/numa.h>

struct kmem_cache;

/** Where an object of a slab is. */
enum refmm_obj_where {
	REFMM_OBJ_INUSE,	/* handed out: on no freelist, in no array */
	REFMM_OBJ_SLAB_FREE,	/* on its slab's freelist */
	REFMM_OBJ_CPU,		/* in a CPU's array cache (id: the cpu) */
	REFMM_OBJ_SHARED,	/* in a node's shared array (id: the node) */
	REFMM_OBJ_ALIEN,	/* in an alien array (id: node * MAX_NUMNODES
				 * + the objects' home node) */
};

/** One struct array_cache as the census found it (addr 0: none). */
struct refmm_array_census {
	uint64_t addr;
	unsigned int avail;
	unsigned int limit;
	unsigned int batchcount;
	unsigned int touched;
};

struct refmm_node_census {
	uint64_t addr;			/* the struct kmem_cache_node; 0: none */
	unsigned long full_slabs;	/* slabs on slabs_full, walked */
	unsigned long partial_slabs;
	unsigned long free_slabs;
	unsigned long free_in_slabs;	/* objects on the slabs' freelists */
	unsigned long free_objects;	/* the node's counter, as it is */
	unsigned int free_limit;
	struct refmm_array_census shared;
	struct refmm_array_census alien[MAX_NUMNODES];	/* by home node */
};

struct refmm_cache_census {
	bool off_slab;			/* freelists off the slab (CFLGS_OFF_SLAB) */
	unsigned long num_slabs;	/* all slabs of all nodes */
	unsigned long active_slabs;	/* full + partial */
	unsigned long num_objs;		/* num_slabs * num */
	unsigned long free_in_slabs;	/* on freelists */
	unsigned long cpu_cached;	/* in per-CPU arrays */
	unsigned long shared_cached;	/* in shared arrays */
	unsigned long alien_cached;	/* in alien arrays */
	/* num_objs - free_in_slabs: what /proc/slabinfo calls active */
	unsigned long slab_active_objs;
	/* slab_active_objs minus every cached object: crash's ALLOCATED */
	unsigned long active_objs;
	struct refmm_array_census cpu[NR_CPUS];
	struct refmm_node_census node[MAX_NUMNODES];
};

/**
 * Called for every object of every slab of the cache, once: @where and
 * @id say where it is.  A non-zero return stops the census, which then
 * returns that value.
 */
typedef int (*refmm_obj_fn)(void *obj, enum refmm_obj_where where, int id,
			    void *arg);

/**
 * Take the census of @cache into @c, calling @fn (may be NULL) for each
 * object.  Returns 0; -1 with what is inconsistent in @err (an object in
 * two places, a slab on the wrong list, a counter that disagrees with the
 * walk, a list that does not end); or @fn's non-zero value.
 */
int refmm_slab_census(struct kmem_cache *cache, struct refmm_cache_census *c,
		      refmm_obj_fn fn, void *arg, char *err, size_t errlen);

/**
 * The census of every cache on slab_caches, as a CONFIG_DEBUG_VM-style
 * check of the whole slab allocator.  0, or -1 with a message.
 */
int refmm_check_slab(char *msg, size_t len);
/**
 * Damage one slab of the cache @p name (scenario_corrupt.c's slab kinds:
 * slab-freelist-index, double-free, redzone, poison); @p msg says what and
 * where.  -1 with @p msg saying why if the cache has nothing to damage.
 */
int refmm_slab_damage(const char *kind, const char *name, char *msg, size_t len);

/** CONFIG_FAILSLAB's attributes (mm/failslab.c, debugfs in the kernel). */
struct refmm_failslab {
	unsigned long probability;	/* percent of eligible allocations */
	unsigned long interval;		/* only every interval-th (0, 1: all) */
	int times;			/* failures left; -1: no limit */
	bool ignore_gfp_wait;		/* allocations that may sleep succeed */
	bool cache_filter;		/* only caches with SLAB_FAILSLAB */
	uint64_t seed;			/* of the chances drawn */
};

/** Set failslab's attributes; probability 0 turns injection off. */
void refmm_failslab_setup(const struct refmm_failslab *fs);

/**
 * /proc/slabinfo (version 2.1) as slab_common.c prints it, from SLAB's
 * own bookkeeping (get_slabinfo()).  A malloc()ed string, NULL when out
 * of memory.
 */
char *refmm_slabinfo(void);

#endif /* REFMM_SLAB_H */
