/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * slab.h - the SLAB allocator (mm/slab.c of Linux 3.13 to 4.x, where a
 * slab's descriptor is its struct page) read through DWARF alone.
 *
 * caches -> slabs -> objects, as slab.c keeps them: slab_caches links every
 * struct kmem_cache through .list; each cache has a struct kmem_cache_node
 * per node (node[]) with three lists of slab pages (slabs_full,
 * slabs_partial, slabs_free, linked through page.lru); a slab page says how
 * many of its num objects are handed out (page.active), where the first
 * object is (page.s_mem) and holds in page.freelist an array of object
 * indices whose entries [active, num) are the free objects.  Freed objects
 * first go to LIFO arrays (struct array_cache): one per CPU (cpu_cache, a
 * __percpu pointer), one shared per node, and alien arrays for objects of
 * other nodes.  For the slab they are still handed out; crash counts them
 * as free, and so does this walker: ALLOCATED = sum(page.active) minus the
 * objects in any array.
 *
 * The walker reads each member by name (core/field.h), so it serves any
 * layout of these structures, CONFIG_DEBUG_SLAB's included (obj_offset,
 * red zones, the last user).  It never stops at damaged data: what does
 * not add up is handed to the visitor's problem() with the cache, slab and
 * object addresses, and the walk goes on where it can.
 *
 * A SLUB kernel (struct kmem_cache has cpu_slab; Linux 6.1) is walked by
 * core/slub.c behind the same functions: ms_slab_cache_read() sets
 * ms_slab_cache.slub and the SLUB members, ms_slab_cache_walk() counts as
 * crash 8.0.2 counts SLUB caches and visits each CPU's slab and partial
 * chain and each node's lists (section() announces each), with objects in
 * the states FREE, CPU (free on a CPU's slab) and INUSE.
 *
 * Rendering is the caller's: this module fills structures and calls a
 * visitor.  Everything it returns is valid until the next call unless said.
 */
#ifndef MS_SLAB_H
#define MS_SLAB_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "core/program.h"

/* The kernel's own flag values (include/linux/slab.h, mm/slab.c): ABI. */
#define MS_SLAB_RED_ZONE	0x00000400UL
#define MS_SLAB_POISON		0x00000800UL
#define MS_SLAB_STORE_USER	0x00010000UL
#define MS_SLAB_CFLGS_OFF_SLAB	0x80000000UL
/* include/linux/poison.h */
#define MS_SLAB_RED_INACTIVE	0x09F911029D74E35BULL
#define MS_SLAB_RED_ACTIVE	0xD84156C5635688C0ULL
#define MS_SLAB_POISON_FREE	0x6b
#define MS_SLAB_POISON_END	0xa5

#define MS_SLAB_MAX_NODES	64
#define MS_SLAB_NAME_MAX	64

/** The kmem_cache_node lists, in the order crash walks them. */
enum ms_slab_list {
	MS_SLAB_PARTIAL,
	MS_SLAB_FULL,
	MS_SLAB_FREE,
	MS_SLAB_CPU_SLAB,	/* SLUB: a CPU's slab (kmem_cache_cpu.slab) */
	MS_SLAB_CPU_PARTIAL,	/* SLUB: on a CPU's partial chain */
};
#define MS_SLAB_NR_LISTS 5

/** Where an object is. */
enum ms_slab_obj_state {
	MS_SLAB_OBJ_INUSE,	/* handed out and in no array: allocated */
	MS_SLAB_OBJ_FREE,	/* on its slab's freelist */
	MS_SLAB_OBJ_CPU,	/* in CPU @where's array cache */
	MS_SLAB_OBJ_SHARED,	/* in node @where's shared array */
	MS_SLAB_OBJ_ALIEN,	/* in an alien array: node @where / MAX, for @where % MAX */
};

/** One cache: its kmem_cache and, after ms_slab_cache_walk(), its counts. */
struct ms_slab_cache {
	uint64_t addr;			/* the struct kmem_cache */
	char name[MS_SLAB_NAME_MAX];
	uint64_t size;			/* bytes per object in the slab (crash's OBJSIZE) */
	uint64_t object_size;		/* as created */
	uint64_t num;			/* objects per slab */
	uint64_t gfporder;		/* a slab is 2^gfporder pages */
	uint64_t flags;
	uint64_t obj_offset;		/* CONFIG_DEBUG_SLAB: bytes before the caller's object */
	bool has_obj_offset;
	uint64_t limit, batchcount, shared;	/* tunables */
	uint64_t cpu_cache;		/* __percpu array_cache pointer */
	int nr_nodes;			/* node[0 .. nr_nodes-1] read */
	uint64_t node[MS_SLAB_MAX_NODES];	/* kmem_cache_node addresses (0: none) */
	uint64_t slab_size;		/* bytes: page_size << gfporder */

	/* counted by ms_slab_cache_walk() */
	uint64_t num_slabs, active_slabs;	/* all slabs; those on full or partial */
	uint64_t num_objs;			/* num_slabs * num */
	uint64_t slab_active;			/* sum of page.active */
	uint64_t free_in_slabs;			/* on the slabs' freelists */
	uint64_t cpu_avail, shared_avail, alien_avail;	/* objects in arrays */
	uint64_t active_objs;			/* crash's ALLOCATED */
	uint64_t list_slabs[MS_SLAB_NR_LISTS];	/* slabs per list (enum ms_slab_list) */
	uint64_t list_active[MS_SLAB_NR_LISTS];	/* sum of page.active (SLUB: inuse) per list */
	uint64_t nr_problems;			/* consistency problems reported */
	bool incomplete;			/* a list could not be walked to its end */

	/* SLUB (core/slub.c) */
	bool slub;
	uint64_t offset;		/* of the free pointer in an object */
	uint64_t random;		/* SLAB_FREELIST_HARDENED's key, 0 without it */
	uint64_t red_left_pad;
	uint64_t cpu_slab;		/* __percpu kmem_cache_cpu pointer */
	/* counted: as crash 8.0.2 counts, free = objects on CPU freelists, CPU
	   slabs' and partial slabs' slab freelists; num_objs and num_slabs are
	   the nodes' total_objects and nr_slabs */
	uint64_t partial_free;		/* free objects of the nodes' partial slabs */
	uint64_t nr_partial;		/* sum of kmem_cache_node.nr_partial */
};

/** One slab. */
struct ms_slab {
	uint64_t page;			/* its struct page (crash's SLAB column) */
	uint64_t s_mem;			/* first object (crash's MEMORY column) */
	uint64_t freelist;		/* the index array */
	uint64_t active;		/* page.active */
	int node;
	enum ms_slab_list list;
	uint64_t nr_cached;		/* its objects in arrays (-S counts them free) */
	uint64_t nr_free;		/* on its freelist */
	/* SLUB */
	uint64_t objects;		/* slab.objects */
	int cpu;			/* the CPU whose slab or partial chain it is on, or -1 */
};

/** One object, as crash lists it: s_mem + index * size. */
struct ms_slab_obj {
	uint64_t addr;
	uint64_t index;
	enum ms_slab_obj_state state;
	int where;			/* the CPU, node, or alien slot (see the state) */
	uint64_t caller;		/* SLAB_STORE_USER: the last user word, 0 if none */
};

/** What a consistency problem is about. */
enum ms_slab_problem_kind {
	MS_SLAB_PROB_LIST,		/* a slab list cannot be walked */
	MS_SLAB_PROB_ACTIVE,		/* page.active out of range or wrong for its list */
	MS_SLAB_PROB_FREELIST,		/* a freelist index out of range */
	MS_SLAB_PROB_TWICE,		/* an object on two lists */
	MS_SLAB_PROB_COUNTER,		/* a counter that disagrees with the lists */
	MS_SLAB_PROB_ARRAY,		/* an array entry that is no object of the cache */
	MS_SLAB_PROB_REDZONE,		/* a red zone word that is not the kernel's */
	MS_SLAB_PROB_POISON,		/* a free object's poison overwritten */
	MS_SLAB_PROB_READ,		/* something could not be read */
};

struct ms_slab_problem {
	enum ms_slab_problem_kind kind;
	uint64_t slab;			/* struct page, or 0 */
	uint64_t object;		/* object, array entry or list entry, or 0 */
	const char *message;		/* what is wrong, with the values read */
};

/** SLUB: where a walk is (kmem -S prints a heading for each). */
enum ms_slab_section_kind {
	MS_SLAB_SEC_CPU,		/* CPU @index's kmem_cache_cpu at @addr */
	MS_SLAB_SEC_CPU_SLAB,		/* its slab follows, or @empty */
	MS_SLAB_SEC_CPU_PARTIAL,	/* its partial chain follows, or @empty */
	MS_SLAB_SEC_NODE,		/* node @index's kmem_cache_node at @addr */
	MS_SLAB_SEC_NODE_PARTIAL,	/* its partial list follows, or @empty */
	MS_SLAB_SEC_NODE_FULL,		/* its full list follows, @empty, or @not_tracked */
};

struct ms_slab_section {
	enum ms_slab_section_kind kind;
	int index;
	uint64_t addr;
	bool empty, not_tracked;
	uint64_t nr_slabs, nr_partial, per_cpu;	/* MS_SLAB_SEC_NODE */
};

/**
 * What a walk calls.  Any member may be NULL.  slab() and object() return
 * NULL to go on, &ms_stop to end the walk early (the walk then returns
 * NULL), or an error that ends it.  Objects are visited only when object()
 * is set, and then every object of each slab, in index order, after its
 * slab.
 */
struct ms_slab_visitor {
	struct ms_error *(*slab)(const struct ms_slab_cache *c, const struct ms_slab *s, void *arg);
	struct ms_error *(*object)(const struct ms_slab_cache *c, const struct ms_slab *s,
				   const struct ms_slab_obj *o, void *arg);
	void (*problem)(const struct ms_slab_cache *c, const struct ms_slab_problem *p, void *arg);
	/* SLUB only: each CPU and node, and each list of theirs, before its slabs */
	struct ms_error *(*section)(const struct ms_slab_cache *c, const struct ms_slab_section *sec,
				    void *arg);
	/*
	 * check every freelist, and the red zones and poison of every object
	 * (reads every slab).  Without it, and without slab() or object(),
	 * freelists are read only where an array holds objects of the slab.
	 * With only_slab, only that slab is checked.
	 */
	bool check_objects;
	/* read the last user word of every object (SLAB_STORE_USER caches) */
	bool want_caller;
	/* only the slab whose page is this (kmem ADDR), 0 for all */
	uint64_t only_slab;
};

/**
 * Call @p fn for the address of every struct kmem_cache on slab_caches, in
 * list order.  @p fn returns NULL, &ms_stop or an error, as for a list walk.
 * @return NULL; LOOKUP without slab_caches or struct kmem_cache (not a SLAB
 * kernel); the list walk's error with the list named.
 */
struct ms_error *ms_slab_for_each_cache(struct ms_program *prog,
					struct ms_error *(*fn)(uint64_t cache, void *arg), void *arg);

/** Read the kmem_cache at @p addr (counts zeroed). */
struct ms_error *ms_slab_cache_read(struct ms_program *prog, uint64_t addr,
				    struct ms_slab_cache *ret);

/**
 * Walk every array and every slab of @p c, counting into @p c, and visiting
 * what @p v asks for (@p v may be NULL: counts only).
 * @return NULL when the counts are complete; an error when something that
 * the counts need could not be read (the counts are then partial), or the
 * visitor's error.
 */
struct ms_error *ms_slab_cache_walk(struct ms_program *prog, struct ms_slab_cache *c,
				    const struct ms_slab_visitor *v, void *arg);

/**
 * The cache named @p name, or whose kmem_cache is at @p addr (when
 * @p name is NULL).  LOOKUP when there is none.
 */
struct ms_error *ms_slab_cache_find(struct ms_program *prog, const char *name, uint64_t addr,
				    struct ms_slab_cache *ret);

/**
 * The slab page holding kernel address @p addr: its head struct page, if it
 * is a slab page (PG_slab), and the cache it belongs to.
 * @return NULL and *@p page_ret 0 when @p addr is in no slab page; LOOKUP
 * when this is not a SLAB kernel; a FAULT.
 */
struct ms_error *ms_slab_page_of(struct ms_program *prog, uint64_t addr, uint64_t *page_ret,
				 uint64_t *cache_ret);

/** /proc/slabinfo's figures of a counted cache, by mm/slab.c's get_slabinfo(). */
struct ms_slabinfo {
	uint64_t active_objs;	/* full slabs * num + partial slabs' active */
	uint64_t num_objs, active_slabs, num_slabs, shared_avail;
	uint64_t limit, batchcount, shared, objperslab, pagesperslab, objsize;
	const char *error;	/* the kernel's "... accounting error", or NULL */
};
void ms_slab_cache_slabinfo(const struct ms_slab_cache *c, struct ms_slabinfo *ret);

/** Every cache's kmem_cache, read, in slab_caches order.  Free *@p ret. */
struct ms_error *ms_slab_caches_read(struct ms_program *prog, struct ms_slab_cache **ret,
				     size_t *nr_ret);

/**
 * Every cache, read and counted (ms_slab_cache_walk() without a visitor but
 * @p problem), in slab_caches order; a cache that could not be counted is
 * kept with incomplete set.  Free *@p ret with free().
 */
struct ms_error *ms_slab_caches_counted(struct ms_program *prog,
					void (*problem)(const struct ms_slab_cache *c,
							const struct ms_slab_problem *p, void *arg),
					void *arg, struct ms_slab_cache **ret, size_t *nr_ret);

/** "partial", "full", "free" */
const char *ms_slab_list_name(enum ms_slab_list l);

/*
 * Whether addresses are inside free objects: for the walkers of structures
 * that live in slab objects (a vmap_area, a vm_struct), a pointer to an
 * object that was freed is a use after free.  Each cache asked about is
 * walked once (its objects' states kept, sorted); clear with
 * ms_slab_free_memo_clear().
 */
struct ms_slab_free_cache;
struct ms_slab_free_memo {
	struct ms_slab_free_cache *v;
	size_t nr;
};

/**
 * Whether @p addr is inside a free object of a slab cache: true, and in
 * @p buf where it is ("a free object of kmalloc-64 (in cpu 0's
 * array_cache)").  False when it is in an allocated object, in no slab
 * page, or when its slab cannot be read (nothing is claimed then).
 */
bool ms_slab_addr_free(struct ms_program *prog, struct ms_slab_free_memo *m, uint64_t addr,
		       char *buf, size_t len);
void ms_slab_free_memo_clear(struct ms_slab_free_memo *m);

/** Free the walker's state kept in @p prog (ms_program_destroy() calls it). */
void ms_slab_free(struct ms_program *prog);

#endif
