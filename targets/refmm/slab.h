/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * slab.h - what mm/slab.c and mm/slab_common.c share (mm/slab.h, 4.0,
 * the CONFIG_SLAB parts).  Internal to the allocator; refmm's unit tests
 * include it to drive the paths directly.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

/*
 * How far kmem_cache_init() has got.  The allocator's own structures
 * (struct kmem_cache, kmem_cache_node, the arrays) are slab objects, so
 * the first caches are built by hand from static memory, and each step
 * below makes one more kind of allocation possible.
 */
enum slab_state {
	DOWN,			/* nothing yet: kmem_cache is being made */
	PARTIAL,		/* kmem_cache exists (SLUB: its nodes too) */
	PARTIAL_NODE,		/* the kmalloc cache of kmem_cache_node too */
	UP,			/* every kmalloc cache; arrays still tiny */
	FULL			/* all sized and tuned */
};

extern enum slab_state slab_state;

/* Held while caches are created, destroyed, tuned or listed. */
extern struct mutex slab_mutex;

/* Every cache, newest first, through kmem_cache->list. */
extern struct list_head slab_caches;

/* The cache of struct kmem_cache itself (kmem_cache_boot). */
extern struct kmem_cache *kmem_cache;

/* Set: every cache gets its own ("slab_nomerge" on the command line). */
extern int slab_nomerge;

unsigned long calculate_alignment(unsigned long flags,
		unsigned long align, unsigned long size);

/* What slab_common.c asks of the allocator (mm/slab.c). */
extern int __kmem_cache_create(struct kmem_cache *, unsigned long flags);

extern struct kmem_cache *create_kmalloc_cache(const char *name, size_t size,
			unsigned long flags);
extern void create_boot_cache(struct kmem_cache *, const char *name,
			size_t size, unsigned long flags);

int slab_unmergeable(struct kmem_cache *s);
struct kmem_cache *find_mergeable(size_t size, size_t align,
		unsigned long flags, const char *name, void (*ctor)(void *));
struct kmem_cache *
__kmem_cache_alias(const char *name, size_t size, size_t align,
		   unsigned long flags, void (*ctor)(void *));

unsigned long kmem_cache_flags(unsigned long object_size,
	unsigned long flags, const char *name,
	void (*ctor)(void *));

/*
 * The flags kmem_cache_create() keeps; others are dropped silently.  The
 * debugging ones only with CONFIG_DEBUG_SLAB.
 */
#define SLAB_CORE_FLAGS (SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA | SLAB_PANIC | \
			 SLAB_DESTROY_BY_RCU | SLAB_DEBUG_OBJECTS )

#if defined(CONFIG_DEBUG_SLAB)
#define SLAB_DEBUG_FLAGS (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)
#else
#define SLAB_DEBUG_FLAGS (0)
#endif

/*
 * SLAB_FAILSLAB belongs here with CONFIG_FAILSLAB, which 4.0 lists among
 * SLUB's flags only; refmm honours it in should_failslab() for SLAB too.
 */
#define SLAB_CACHE_FLAGS (SLAB_MEM_SPREAD | SLAB_NOLEAKTRACE | \
			  SLAB_RECLAIM_ACCOUNT | SLAB_TEMPORARY | \
			  SLAB_NOTRACK | SLAB_FAILSLAB)

#define CACHE_CREATE_MASK (SLAB_CORE_FLAGS | SLAB_DEBUG_FLAGS | \
			   SLAB_CACHE_FLAGS)

int __kmem_cache_shutdown(struct kmem_cache *);
int __kmem_cache_shrink(struct kmem_cache *);
void slab_kmem_cache_release(struct kmem_cache *);

struct seq_file;
struct file;

struct slabinfo {
	unsigned long active_objs;
	unsigned long num_objs;
	unsigned long active_slabs;
	unsigned long num_slabs;
	unsigned long shared_avail;
	unsigned int limit;
	unsigned int batchcount;
	unsigned int shared;
	unsigned int objects_per_slab;
	unsigned int cache_order;
};

void print_slabinfo_header(struct seq_file *m);
int cache_show(struct kmem_cache *s, struct seq_file *m);
void get_slabinfo(struct kmem_cache *s, struct slabinfo *sinfo);
void slabinfo_show_stats(struct seq_file *m, struct kmem_cache *s);
int slabinfo_write(const char *buffer, size_t count);

/* Without CONFIG_MEMCG_KMEM there are no per-cgroup child caches. */
static inline bool is_root_cache(struct kmem_cache *s)
{
	(void)s;
	return true;
}

static inline bool slab_equal_or_root(struct kmem_cache *s,
				      struct kmem_cache *p)
{
	return s == p;
}

static inline const char *cache_name(struct kmem_cache *s)
{
	return s->name;
}

static inline struct kmem_cache *cache_from_obj(struct kmem_cache *s, void *x)
{
	struct kmem_cache *cachep;
	struct page *page;

	/*
	 * Without kmemcg the page can only name @s itself, so the lookup is
	 * done only when the cache asks for free-time checks.
	 */
	if (likely(!(s->flags & SLAB_DEBUG_FREE)))
		return s;

	page = virt_to_head_page(x);
	cachep = page->slab_cache;
	if (slab_equal_or_root(cachep, s))
		return cachep;

	pr_err("%s: Wrong slab cache. %s but object is from %s\n",
	       __func__, cachep->name, s->name);
	WARN_ON_ONCE(1);
	return s;
}

/*
 * A cache's slabs on one node, sorted by how full they are, and the
 * node's arrays of free objects.  list_lock guards the lists, the
 * counters and the shared and alien arrays' contents; next_reap and
 * free_touched are only hints and are read and written unlocked.
 */
struct kmem_cache_node {
	spinlock_t list_lock;

	/* CONFIG_SLAB */
	struct list_head slabs_partial;	/* some objects free: used first */
	struct list_head slabs_full;	/* no object free */
	struct list_head slabs_free;	/* no object in use */
	unsigned long free_objects;	/* on the freelists of all three */
	unsigned int free_limit;	/* more free objects: free slabs */
	unsigned int colour_next;	/* colour of the next slab made */
	struct array_cache *shared;	/* free objects any local CPU takes */
	struct alien_cache **alien;	/* by node: objects freed here that
					 * belong to that node */
	unsigned long next_reap;	/* jiffies of the next node reap */
	int free_touched;		/* slabs_free used since last reap */
};

static inline struct kmem_cache_node *get_node(struct kmem_cache *s, int node)
{
	return s->node[node];
}

/* Each node @__node of @__s that has its kmem_cache_node @__n. */
#define for_each_kmem_cache_node(__s, __node, __n) \
	for (__node = 0; __node < nr_node_ids; __node++) \
		 if ((__n = get_node(__s, __node)))

struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags);
void create_kmalloc_caches(unsigned long flags);

/* The initcall that starts every CPU's cache_reap() timer. */
int cpucache_init(void);

/* mm/failslab.c: CONFIG_FAILSLAB fault injection */
bool should_failslab(size_t size, gfp_t gfpflags, unsigned long flags);

#endif /* MM_SLAB_H */
