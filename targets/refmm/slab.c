// SPDX-License-Identifier: GPL-2.0-only
/*
 * slab.c - the SLAB object allocator (mm/slab.c, Linux 4.0).
 *
 * Design
 *
 * A cache (struct kmem_cache) hands out objects of one size.  It gets its
 * memory from the page allocator a slab at a time: 2^gfporder contiguous
 * pages cut into num objects.  A constructor, if the cache has one, runs
 * when a slab is made, not on every allocation, so objects must go back
 * to the cache in their constructed state.  A cache also has one kind of
 * memory only (ZONE_DMA or not): a user who needs both needs two caches.
 *
 * Each node keeps the cache's slabs on three lists by how many of their
 * objects are in use: slabs_full (all), slabs_partial (some) and
 * slabs_free (none).  Objects come from partial slabs first, so that
 * allocations pack into few slabs and free slabs stay free long enough
 * to be given back.
 *
 * Taking an object off a slab means taking the node's list_lock, so in
 * front of the lists sit arrays of free object pointers:
 *
 *  - one per CPU (cpu_cache), used last-in first-out: an object freed a
 *    moment ago is likely still in that CPU's cache, and most
 *    allocations and frees touch nothing else.  An empty array is
 *    refilled with batchcount objects at once; a full one gives back
 *    batchcount objects at once;
 *  - one per node (kmem_cache_node->shared), which batches pass
 *    through before they reach the slab lists, so that objects freed on
 *    one CPU can be picked up by another without the list work;
 *  - per node, one "alien" array for each other node: an object freed on
 *    node A that belongs to a slab of node B waits there, and goes back
 *    to B's lists in a batch.
 *
 * cache_reap() runs on every CPU every two seconds and trims what has
 * been idle since its last visit: part of the CPU's array, the node's
 * shared array, the alien arrays in turn, and some free slabs.
 *
 * Where a slab's pieces are (what a dump reader walks):
 *
 *   page (first page of the slab, PG_slab):
 *	slab_cache -> the cache; s_mem -> object 0; freelist -> the index
 *	array; active = objects handed out; lru on one of the node's lists.
 *   slab memory, on-slab freelist:
 *	[colour_next * colour_off bytes][freelist: num bytes, padded to
 *	align][object 0][object 1]...[object num-1][left over]
 *   off-slab freelist (CFLGS_OFF_SLAB in flags): the same without the
 *	freelist, which is an object of cache->freelist_cache instead.
 *   freelist: freelist[active .. num-1] are the indices of the free
 *	objects of the slab, the next one handed out first; entries below
 *	active are stale.
 *   object i is at s_mem + i * cache->size; with CONFIG_DEBUG_SLAB the
 *	caller's bytes start obj_offset into it.
 *   array caches: cpu_cache (per CPU), node->shared, node->alien[nid]:
 *	entry[0 .. avail-1] hold free objects that are no longer on their
 *	slab's freelist; /proc/slabinfo counts them as active, crash's
 *	kmem -s as free.
 *
 * Colouring: the bytes a slab cannot use are spent on shifting its first
 * object by a multiple of a cache line, a different one for each new
 * slab, so that the objects of different slabs do not all compete for
 * the same cache sets.
 *
 * Locking
 *
 * Constructors run without any lock.  What __kmem_cache_create() sets
 * (sizes, num, gfporder, colouring, flags) never changes afterwards and
 * is read unlocked.  The tunables (limit, batchcount, shared) change
 * only under slab_mutex.  A CPU's array is touched by that CPU only,
 * with interrupts off.  A node's lists and counters, its shared array's
 * contents and the alien arrays it owns are under its list_lock (an alien
 * array also has its own lock).  next_reap and free_touched are hints,
 * read and written without the lock.
 *
 * Names used throughout: cache is the struct kmem_cache at hand, kn its
 * struct kmem_cache_node for the node in question, nid that node's
 * number, slab the first struct page of a slab (the page that describes
 * the slab), obj an object, ac an array_cache.
 *
 * Departures from 4.0, each because refmm lacks the kernel part: no
 * kmemcg, kmemleak, kmemcheck, KASan or tracing hooks; no pfmemalloc
 * (network swap) objects, so array entries are always plain object
 * pointers and an allocation from a non-empty array cannot fail; no CPU
 * or memory hotplug, so no notifiers; no CONFIG_DEBUG_SLAB_LEAK status
 * bytes; the per-CPU reap works are arrays indexed by CPU rather than
 * DEFINE_PER_CPU variables; there are no interrupts, so the checks that
 * they are off check nothing; SLAB_DESTROY_BY_RCU frees at once (no RCU).
 */
#include <errno.h>
#include <stdio.h>

#include <linux/bitops.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/numa.h>
#include <linux/percpu.h>
#include <linux/poison.h>
#include <linux/reciprocal_div.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include <linux/workqueue.h>
#include <refmm/slab.h>

#include "internal.h"
#include "slab.h"

/*
 * CONFIG_DEBUG_SLAB turns on three things at once:
 *   DEBUG	  red zones, poisoning and the last user, where a cache
 *		  asks for them (and the checks that go with them);
 *   STATS	  the counters /proc/slabinfo shows as globalstat/cpustat;
 *   FORCED_DEBUG every cache asks for them, where the layout allows.
 */
#ifdef CONFIG_DEBUG_SLAB
#define DEBUG		1
#define STATS		1
#define FORCED_DEBUG	1
#else
#define DEBUG		0
#define STATS		0
#define FORCED_DEBUG	0
#endif

#define BYTES_PER_WORD		sizeof(void *)
/* a red zone word is a u64, so it wants that alignment, or a word's */
#define REDZONE_ALIGN		max(BYTES_PER_WORD, \
				    __alignof__(unsigned long long))

/* The kmalloc caches' flags: whole cache lines for objects that need them. */
#ifndef ARCH_KMALLOC_FLAGS
#define ARCH_KMALLOC_FLAGS	SLAB_HWCACHE_ALIGN
#endif

#define cache_line_size()	L1_CACHE_BYTES

/*
 * A freelist entry is an object's index in its slab.  A byte is enough
 * when no slab can hold more than 256 objects, i.e. when the smallest
 * object is at least a 256th of a page; otherwise two bytes.  The
 * largest index value is the most objects a slab may have.
 */
#define FREELIST_BYTE_INDEX	(PAGE_SIZE / 256 <= SLAB_OBJ_MIN_SIZE)

#if FREELIST_BYTE_INDEX
typedef unsigned char freelist_idx_t;
#else
typedef unsigned short freelist_idx_t;
#endif

#define SLAB_OBJ_MAX_NUM \
	((1 << (sizeof(freelist_idx_t) * BITS_PER_BYTE)) - 1)

/*
 * A stack of free objects in front of the slab lists (see the head of
 * this file): entry[0 .. avail-1], the most recently freed on top.
 * limit is the capacity, batchcount how many objects move at a time when
 * it runs empty or full; touched says it was used since cache_reap()
 * last looked.  The entries follow the header in the same allocation,
 * so the header's size sets their alignment.
 */
struct array_cache {
	unsigned int avail;
	unsigned int limit;
	unsigned int batchcount;
	unsigned int touched;
	void *entry[];
};

/* An array of objects of another node, with a lock of its own. */
struct alien_cache {
	spinlock_t lock;
	struct array_cache ac;
};

/*
 * Until kmem_cache_init_late() sizes them, every cache's CPU arrays hold
 * a single object: enough to work, small enough to allocate early.
 */
#define BOOT_CPUCACHE_ENTRIES	1

/*
 * The first two caches (kmem_cache, and the kmalloc cache that will hold
 * struct kmem_cache_node) need their per-node structures before there is
 * anything to allocate them from.  They borrow these static ones, one
 * per node for each, until kmem_cache_init() can kmalloc() replacements.
 */
#define NUM_INIT_LISTS		(2 * MAX_NUMNODES)
#define CACHE_CACHE		0		/* kmem_cache's: [0 .. N-1] */
#define SIZE_NODE		(MAX_NUMNODES)	/* the other's: [N .. 2N-1] */

/*
 * The allocator's statics in the image, defined here together and in
 * this order: each keeps the address it has always had in a dump.
 */
static struct kmem_cache_node init_kmem_cache_node[NUM_INIT_LISTS] __kdata;

/* Set until the kmalloc caches can hold off-slab freelists. */
static int slab_early_init __kdata = 1;

/*
 * The largest order a cache's slabs take unless no object fits in less:
 * 0, or 1 on machines with more than 32 MiB (kmem_cache_init()), unless
 * the command line chose (slab_max_order=, which refmm does not parse).
 */
#define SLAB_MAX_ORDER_HI	1
#define SLAB_MAX_ORDER_LO	0
static int slab_max_order __kdata = SLAB_MAX_ORDER_LO;
static bool slab_max_order_set __kdata;

/*
 * The cache of struct kmem_cache is itself described by one: this static
 * one, the first on slab_caches.  Its name must be in the image too: a
 * string constant would be in the executable's .rodata, which no dump
 * holds.
 */
static char kmem_cache_boot_name[] __kdata = "kmem_cache";

static struct kmem_cache kmem_cache_boot __kdata = {
	.batchcount = 1,
	.limit = BOOT_CPUCACHE_ENTRIES,
	.shared = 1,
	.size = sizeof(struct kmem_cache),
	.name = kmem_cache_boot_name,
};

/* Each CPU's cache_reap() work (DEFINE_PER_CPU in the kernel). */
static struct delayed_work slab_reap_work[NR_CPUS] __kdata;

/*
 * Objects freed on the wrong node go through alien arrays.  With one
 * node there is no wrong node, and kmem_cache_init() turns them off.
 */
static int use_alien_caches __kdata = 1;

/*
 * The node whose alien array each CPU's cache_reap() drains next; it
 * goes round the online nodes (DEFINE_PER_CPU in the kernel).
 */
static unsigned long slab_reap_node[NR_CPUS] __kdata;

static int drain_freelist(struct kmem_cache *cache,
			  struct kmem_cache_node *kn, int tofree);
static void free_block(struct kmem_cache *cache, void **objpp, int len,
		       int nid, struct list_head *list);
static void slabs_destroy(struct kmem_cache *cache, struct list_head *list);
static int enable_cpucache(struct kmem_cache *cache, gfp_t gfp);
static void cache_reap(struct work_struct *unused);
static void *____cache_alloc_node(struct kmem_cache *cache, gfp_t gfp,
				  int nid);

/* The kmalloc index of the cache that holds struct kmem_cache_node. */
#define INDEX_NODE kmalloc_index(sizeof(struct kmem_cache_node))

/* An empty node: no slabs, no arrays, colouring from the start. */
static void kmem_cache_node_init(struct kmem_cache_node *kn)
{
	spin_lock_init(&kn->list_lock);
	INIT_LIST_HEAD(&kn->slabs_partial);
	INIT_LIST_HEAD(&kn->slabs_full);
	INIT_LIST_HEAD(&kn->slabs_free);
	kn->free_objects = 0;
	kn->colour_next = 0;
	kn->shared = NULL;
	kn->alien = NULL;
	kn->free_touched = 0;
}

/*
 * A cache flag of SLAB's own, above the SLAB_* bits callers pass: the
 * cache's slabs keep their freelist in an object of freelist_cache
 * rather than in front of the objects.
 */
#define CFLGS_OFF_SLAB		(0x80000000UL)
#define OFF_SLAB(cache)		(((cache)->flags & CFLGS_OFF_SLAB) != 0)

/* A refill from the lists takes at most this much from an idle array. */
#define BATCHREFILL_LIMIT	16

/*
 * How often cache_reap() trims a CPU's array (and comes round at all),
 * and how often it trims a node's shared array and free slabs.  Less
 * often wastes memory in idle arrays; more often makes busy arrays
 * drain and refill for nothing.
 */
#define REAPTIMEOUT_AC		(2 * HZ)
#define REAPTIMEOUT_NODE	(4 * HZ)

/*
 * The statistics of CONFIG_DEBUG_SLAB.  Without STATS the counters do
 * not exist, and the macros evaluate nothing but a count that would be
 * unused otherwise.
 */
#if STATS
#define STAT_ADD(x, field, v)	((x)->field += (v))
#define STAT_RAISE(x, field, v)						\
	do {								\
		if ((x)->field < (v))					\
			(x)->field = (v);				\
	} while (0)
#define STAT_HIT(x, field)	atomic_inc(&(x)->field)
#else
#define STAT_ADD(x, field, v)	do { (void)(v); } while (0)
#define STAT_RAISE(x, field, v)	do { } while (0)
#define STAT_HIT(x, field)	do { } while (0)
#endif

#define STATS_INC_ACTIVE(x)	STAT_ADD(x, num_active, 1)
#define STATS_DEC_ACTIVE(x)	STAT_ADD(x, num_active, -1)
#define STATS_INC_ALLOCED(x)	STAT_ADD(x, num_allocations, 1)
#define STATS_INC_GROWN(x)	STAT_ADD(x, grown, 1)
#define STATS_ADD_REAPED(x, y)	STAT_ADD(x, reaped, y)
#define STATS_SET_HIGH(x)	STAT_RAISE(x, high_mark, (x)->num_active)
#define STATS_INC_ERR(x)	STAT_ADD(x, errors, 1)
#define STATS_INC_NODEALLOCS(x)	STAT_ADD(x, node_allocs, 1)
#define STATS_INC_NODEFREES(x)	STAT_ADD(x, node_frees, 1)
#define STATS_INC_ACOVERFLOW(x)	STAT_ADD(x, node_overflow, 1)
#define STATS_SET_FREEABLE(x, i) STAT_RAISE(x, max_freeable, i)
#define STATS_INC_ALLOCHIT(x)	STAT_HIT(x, allochit)
#define STATS_INC_ALLOCMISS(x)	STAT_HIT(x, allocmiss)
#define STATS_INC_FREEHIT(x)	STAT_HIT(x, freehit)
#define STATS_INC_FREEMISS(x)	STAT_HIT(x, freemiss)

#if DEBUG
/*
 * An object of a debugging cache, size bytes in all:
 *
 *	[padding][red zone 1][the caller's object_size bytes]...
 *	...[red zone 2][last user]
 *
 * The caller's bytes start at obj_offset.  Red zone 1 is the u64 just
 * before them.  Red zone 2 and the last user's address (SLAB_STORE_USER)
 * end the object, red zone 2 aligned to REDZONE_ALIGN: the padding in
 * front makes the object end where its allocation ends, so that writes
 * past the end hit red zone 2.
 */
static int obj_offset(struct kmem_cache *cache)
{
	return cache->obj_offset;
}

static unsigned long long *dbg_redzone1(struct kmem_cache *cache,
					void *obj)
{
	BUG_ON(!(cache->flags & SLAB_RED_ZONE));
	return (unsigned long long *)((char *)obj + obj_offset(cache)) - 1;
}

static unsigned long long *dbg_redzone2(struct kmem_cache *cache,
					void *obj)
{
	char *end = (char *)obj + cache->size;

	BUG_ON(!(cache->flags & SLAB_RED_ZONE));
	if (cache->flags & SLAB_STORE_USER)
		end -= REDZONE_ALIGN;	/* the last user's slot */
	return (unsigned long long *)end - 1;
}

static void **dbg_userword(struct kmem_cache *cache, void *obj)
{
	BUG_ON(!(cache->flags & SLAB_STORE_USER));
	return (void **)((char *)obj + cache->size) - 1;
}
#else
#define obj_offset(x)		0
#endif

/* The cache an object belongs to, from its slab's first page. */
static inline struct kmem_cache *virt_to_cache(const void *obj)
{
	return virt_to_head_page(obj)->slab_cache;
}

/* Object @idx of the slab @slab. */
static inline void *index_to_obj(struct kmem_cache *cache, struct page *slab,
				 unsigned int idx)
{
	return (char *)slab->s_mem + cache->size * idx;
}

/*
 * The index of @obj in its slab: its offset divided by the object size,
 * by multiplying with the precomputed reciprocal rather than dividing.
 */
static inline unsigned int obj_to_index(const struct kmem_cache *cache,
					const struct page *slab, void *obj)
{
	u32 offset = (u32)((char *)obj - (char *)slab->s_mem);

	return reciprocal_divide(offset, cache->reciprocal_buffer_size);
}

/* This CPU's array of @cache. */
static inline struct array_cache *cpu_cache_get(struct kmem_cache *cache)
{
	return this_cpu_ptr(cache->cpu_cache);
}

/* refmm's nodes all have memory: a CPU's memory node is its node. */
static inline int numa_mem_id(void)
{
	return numa_node_id();
}

static inline int cpu_to_mem(int cpu)
{
	return cpu_to_node(cpu);
}

/* How many online CPUs @nid has. */
static int nr_cpus_node(int nid)
{
	int cpu, count = 0;

	for_each_online_cpu(cpu)
		count += cpu_to_node(cpu) == nid;
	return count;
}

static int num_possible_nodes(void)
{
	int nid, count = 0;

	for_each_node(nid)
		count++;
	return count;
}

#define num_possible_cpus()	nr_cpu_ids

/*
 * Bytes of an on-slab freelist for @nr_objs objects, rounded up to
 * @align (0: not rounded) so that the first object after it is aligned.
 */
static size_t calculate_freelist_size(int nr_objs, size_t align)
{
	size_t bytes = nr_objs * sizeof(freelist_idx_t);

	return align ? ALIGN(bytes, align) : bytes;
}

/*
 * How many objects of @buffer_size bytes fit in a slab of @gfporder with
 * an on-slab freelist (when @cflags has CFLGS_OFF_SLAB, the freelist is
 * elsewhere and every byte is for objects), and how many bytes are left
 * over.  With the freelist on the slab, a first guess ignores the
 * freelist's padding to @align; the padding is less than one object, so
 * the guess is right or one too many.
 */
static void cache_estimate(unsigned long gfporder, size_t buffer_size,
			   size_t align, int cflags, size_t *left_over,
			   unsigned int *num)
{
	size_t bytes = PAGE_SIZE << gfporder;
	size_t freelist = 0;
	int nr;

	if (!(cflags & CFLGS_OFF_SLAB)) {
		/* each object costs its size and its freelist index */
		nr = bytes / (buffer_size + sizeof(freelist_idx_t));
		freelist = calculate_freelist_size(nr, align);
		if (nr * buffer_size + freelist > bytes) {
			nr--;	/* the padding did not fit */
			freelist = calculate_freelist_size(nr, align);
		}
	} else {
		nr = bytes / buffer_size;
	}
	*num = nr;
	*left_over = bytes - freelist - nr * buffer_size;
}

#if DEBUG
/* Report a broken object of @cache, found in @function. */
#define slab_error(cache, msg) __slab_error(__func__, cache, msg)

static void __slab_error(const char *function, struct kmem_cache *cache,
			 char *msg)
{
	printk(KERN_ERR "slab error in %s(): cache `%s': %s\n",
	       function, cache->name, msg);
	dump_stack();
	add_taint(TAINT_BAD_PAGE);
}
#endif

/* The first online node after @nid, or MAX_NUMNODES. */
static int next_online_node(int nid)
{
	while (++nid < MAX_NUMNODES)
		if (node_online(nid))
			return nid;
	return MAX_NUMNODES;
}

static int first_online_node(void)
{
	return next_online_node(-1);
}

/* The node after @nid, round the online nodes. */
static int next_reap_target(int nid)
{
	nid = next_online_node(nid);
	return nid < MAX_NUMNODES ? nid : first_online_node();
}

/* Where CPU @cpu's round of alien arrays starts: after its own node. */
static void init_reap_node(int cpu)
{
	slab_reap_node[cpu] = next_reap_target(cpu_to_mem(cpu));
}

/* Move this CPU on to the next node's alien arrays. */
static void next_reap_node(void)
{
	int cpu = smp_processor_id();

	slab_reap_node[cpu] = next_reap_target((int)slab_reap_node[cpu]);
}

/*
 * Start CPU @cpu's cache_reap(), about once a second at first and every
 * REAPTIMEOUT_AC after that.  The first run is rounded so that the CPUs
 * do not all reap at the same jiffy and contend for slab_mutex.  Called
 * from cpucache_init(), once the workqueues run.
 */
static void start_cpu_timer(int cpu)
{
	struct delayed_work *reap_work = &slab_reap_work[cpu];

	if (!keventd_up() || reap_work->work.func)
		return;
	init_reap_node(cpu);
	INIT_DEFERRABLE_WORK(reap_work, cache_reap);
	schedule_delayed_work_on(cpu, reap_work,
				 __round_jiffies_relative(HZ, cpu));
}

/* An empty array with room for @entries objects, moving @batch at a time. */
static void init_arraycache(struct array_cache *ac, int entries, int batch)
{
	if (!ac)
		return;
	ac->avail = 0;
	ac->limit = entries;
	ac->batchcount = batch;
	ac->touched = 0;
}

static struct array_cache *alloc_arraycache(int nid, int entries,
					    int batchcount, gfp_t gfp)
{
	size_t bytes = sizeof(struct array_cache) + entries * sizeof(void *);
	struct array_cache *ac = kmalloc_node(bytes, gfp, nid);

	init_arraycache(ac, entries, batchcount);
	return ac;
}

/*
 * Pop and push an array entry.  In 4.0 these also handle objects of
 * pfmemalloc slabs, which only certain callers may get; refmm has none,
 * so popping a non-empty array always yields an object.
 */
static inline void *ac_get_obj(struct array_cache *ac)
{
	return ac->entry[--ac->avail];
}

static inline void ac_put_obj(struct array_cache *ac, void *obj)
{
	ac->entry[ac->avail++] = obj;
}

/*
 * Move up to @max objects from the top of @from to the top of @to, as
 * many as @to has room for.  The caller holds whatever lock guards the
 * two.  Returns how many moved.
 */
static int transfer_objects(struct array_cache *to,
			    struct array_cache *from, unsigned int want)
{
	unsigned int room = to->limit - to->avail;
	unsigned int nr = min(min(from->avail, want), room);

	if (!nr)
		return 0;
	from->avail -= nr;
	memcpy(&to->entry[to->avail], &from->entry[from->avail],
	       nr * sizeof(void *));
	to->avail += nr;
	return nr;
}

/*
 * Alien arrays (CONFIG_NUMA).
 *
 * alien[b] of node a's kmem_cache_node collects objects freed on
 * node a that belong to slabs of node b.  They go to b in batches: into
 * b's shared array as far as it has room, the rest onto b's lists.
 */

static struct alien_cache *__alloc_alien_cache(int nid, int entries,
					       int batch, gfp_t gfp)
{
	size_t bytes = sizeof(struct alien_cache) + entries * sizeof(void *);
	struct alien_cache *alc = kmalloc_node(bytes, gfp, nid);

	if (!alc)	/* 4.0 dereferences NULL here; refmm reports it */
		return NULL;
	init_arraycache(&alc->ac, entries, batch);
	spin_lock_init(&alc->lock);
	return alc;
}

/*
 * The alien arrays node @nid keeps for a cache whose CPU arrays hold
 * @limit objects: one per other online node, of 12 entries (1 for caches
 * of one-object arrays).  Their batchcount is never used; 0xbaadf00d
 * says so.  The pointer array is on @nid too.
 */
static struct alien_cache **alloc_alien_cache(int nid, int limit, gfp_t gfp)
{
	int entries = limit > 1 ? 12 : limit;
	struct alien_cache **set;
	int i;

	set = kzalloc_node(sizeof(void *) * nr_node_ids, gfp, nid);
	if (!set)
		return NULL;

	for_each_node(i) {
		if (i == nid || !node_online(i))
			continue;
		set[i] = __alloc_alien_cache(nid, entries, 0xbaadf00d, gfp);
		if (set[i])
			continue;
		/* undo, newest first */
		while (--i >= 0)
			kfree(set[i]);
		kfree(set);
		return NULL;
	}
	return set;
}

static void free_alien_cache(struct alien_cache **set)
{
	int i;

	if (!set)
		return;
	for_each_node(i)
		kfree(set[i]);
	kfree(set);
}

/*
 * Hand the objects of the alien array @ac, all of node @nid, back to
 * that node: as many as fit into its shared array (the newest), the rest
 * onto its slab lists.  Slabs that end up free beyond the node's limit
 * are put on @list for the caller to destroy.  The caller holds the
 * alien array's lock.
 */
static void __drain_alien_cache(struct kmem_cache *cache,
				struct array_cache *ac, int nid,
				struct list_head *list)
{
	struct kmem_cache_node *home = get_node(cache, nid);

	if (!ac->avail)
		return;

	spin_lock(&home->list_lock);
	if (home->shared)
		transfer_objects(home->shared, ac, ac->limit);
	free_block(cache, ac->entry, ac->avail, nid, list);
	ac->avail = 0;
	spin_unlock(&home->list_lock);
}

/* Drain one alien array, taking its lock, and destroy what comes free. */
static void drain_one_alien(struct kmem_cache *cache,
			    struct alien_cache *alc, int nid)
{
	unsigned long irqflags;
	LIST_HEAD(list);

	spin_lock_irqsave(&alc->lock, irqflags);
	__drain_alien_cache(cache, &alc->ac, nid, &list);
	spin_unlock_irqrestore(&alc->lock, irqflags);
	slabs_destroy(cache, &list);
}

/*
 * cache_reap()'s share of the alien arrays: the one for the node this
 * CPU's turn has come to, and only if its lock is free right now.
 */
static void reap_alien(struct kmem_cache *cache, struct kmem_cache_node *kn)
{
	int nid = (int)slab_reap_node[smp_processor_id()];
	struct alien_cache *alc;
	LIST_HEAD(list);

	if (!kn->alien)
		return;
	alc = kn->alien[nid];
	if (!alc || !alc->ac.avail || !spin_trylock_irq(&alc->lock))
		return;

	__drain_alien_cache(cache, &alc->ac, nid, &list);
	spin_unlock_irq(&alc->lock);
	slabs_destroy(cache, &list);
}

/* Empty every alien array of one node's set @alien. */
static void drain_alien_cache(struct kmem_cache *cache,
			      struct alien_cache **alien)
{
	int nid;

	for_each_online_node(nid)
		if (alien[nid])
			drain_one_alien(cache, alien[nid], nid);
}

/*
 * Free @obj, which belongs to node @page_node, on node @nid.  If this
 * node keeps an alien array for the object's node, the object waits
 * there (a full array is drained first); otherwise it goes straight
 * back to its slab.
 */
static int __cache_free_alien(struct kmem_cache *cache, void *obj,
			      int nid, int page_node)
{
	struct kmem_cache_node *kn = get_node(cache, nid);
	struct alien_cache *alc = kn->alien ? kn->alien[page_node] : NULL;
	LIST_HEAD(list);

	STATS_INC_NODEFREES(cache);
	if (alc) {
		spin_lock(&alc->lock);
		if (unlikely(alc->ac.avail == alc->ac.limit)) {
			STATS_INC_ACOVERFLOW(cache);
			__drain_alien_cache(cache, &alc->ac, page_node,
					    &list);
		}
		ac_put_obj(&alc->ac, obj);
		spin_unlock(&alc->lock);
	} else {
		struct kmem_cache_node *home = get_node(cache, page_node);

		spin_lock(&home->list_lock);
		free_block(cache, &obj, 1, page_node, &list);
		spin_unlock(&home->list_lock);
	}
	slabs_destroy(cache, &list);
	return 1;
}

/*
 * Is @obj from another node than this CPU's?  Then free it through the
 * alien path and return 1; return 0 for a local object, which belongs in
 * this CPU's array.
 */
static inline int cache_free_alien(struct kmem_cache *cache, void *obj)
{
	int page_node = page_to_nid(virt_to_page(obj));
	int nid = numa_mem_id();

	if (likely(nid == page_node))
		return 0;
	return __cache_free_alien(cache, obj, nid, page_node);
}

/*
 * Flags for an allocation that must come from one particular node and
 * should fail quietly rather than reclaim: the caller has other nodes to
 * try.
 */
static inline gfp_t gfp_exact_node(gfp_t gfp)
{
	return (gfp | __GFP_THISNODE | __GFP_NOWARN) & ~__GFP_WAIT;
}

/* How many slabs @kn's free objects would fill: all it could free. */
static inline int slabs_tofree(struct kmem_cache *cache,
			       struct kmem_cache_node *kn)
{
	return DIV_ROUND_UP(kn->free_objects, cache->num);
}

/*
 * Bootstrap (kmem_cache_init()).
 *
 * struct kmem_cache objects come from the kmem_cache cache, per-node
 * structures and arrays from the kmalloc caches, and none of these exist
 * at first.  So:
 *
 *  1. kmem_cache is set up in the static kmem_cache_boot, with the static
 *     per-node structures init_kmem_cache_node[CACHE_CACHE + node] and
 *     one-object CPU arrays from the per-CPU allocator;
 *  2. the kmalloc cache that will hold struct kmem_cache_node is made
 *     the same way with init_kmem_cache_node[SIZE_NODE + node], its
 *     struct kmem_cache already an object of kmem_cache;
 *  3. both caches' static per-node structures are replaced by kmalloc()ed
 *     copies (init_list());
 *  4. the other kmalloc caches follow, now able to kmalloc() their nodes
 *     (create_kmalloc_caches());
 *  5. kmem_cache_init_late() gives every cache its real arrays
 *     (enable_cpucache()), and cpucache_init() starts the reapers.
 */

/*
 * Move @cache's node @nid from its static structure @list into one
 * of its own, slab lists included.  The static structure keeps its
 * stale list heads: nothing looks at it again.
 */
static void __init init_list(struct kmem_cache *cache,
			     struct kmem_cache_node *list, int nid)
{
	struct kmem_cache_node *old = get_node(cache, nid);
	struct kmem_cache_node *ptr;

	ptr = kmalloc_node(sizeof(*ptr), GFP_NOWAIT, nid);
	BUG_ON(!ptr);
	memcpy(ptr, list, sizeof(*ptr));
	spin_lock_init(&ptr->list_lock);	/* a lock is not copied */

	INIT_LIST_HEAD(&ptr->slabs_full);
	list_splice(&old->slabs_full, &ptr->slabs_full);
	INIT_LIST_HEAD(&ptr->slabs_partial);
	list_splice(&old->slabs_partial, &ptr->slabs_partial);
	INIT_LIST_HEAD(&ptr->slabs_free);
	list_splice(&old->slabs_free, &ptr->slabs_free);

	cache->node[nid] = ptr;
}

/*
 * When @cache's nodes are reaped first: staggered by the cache's
 * address, so that the caches do not all come due at once.
 */
static unsigned long first_node_reap(struct kmem_cache *cache)
{
	return jiffies + REAPTIMEOUT_NODE +
	       ((unsigned long)cache) % REAPTIMEOUT_NODE;
}

/* Give @cache the static per-node structures from @index on. */
static void __init set_up_node(struct kmem_cache *cache, int index)
{
	int nid;

	for_each_online_node(nid) {
		struct kmem_cache_node *kn = &init_kmem_cache_node[index + nid];

		cache->node[nid] = kn;
		kn->next_reap = first_node_reap(cache);
	}
}

/**
 * kmem_cache_init - bring the slab allocator up (steps 1-4 above)
 *
 * Called once the page allocator and the per-CPU allocator work.
 */
void __init kmem_cache_init(void)
{
	struct kmem_cache *node_cache;
	size_t cache_bytes;
	int i, nid;

	/* SLAB_DESTROY_BY_RCU slabs reuse page->lru as their rcu_head */
	BUILD_BUG_ON(sizeof(struct rcu_head) >
		     sizeof(((struct page *)NULL)->lru));

	kmem_cache = &kmem_cache_boot;
	use_alien_caches = num_possible_nodes() > 1;
	for (i = 0; i < NUM_INIT_LISTS; i++)
		kmem_cache_node_init(init_kmem_cache_node + i);

	/*
	 * Order-1 slabs waste less of large objects, but on a small machine
	 * two-page blocks are scarce: only beyond 32 MiB.
	 */
	if (!slab_max_order_set &&
	    totalram_pages > (32UL << 20) / PAGE_SIZE)
		slab_max_order = SLAB_MAX_ORDER_HI;

	/*
	 * 1: kmem_cache.  Its object size depends on how many nodes there
	 * are: node[] is only as long as nr_node_ids.
	 */
	cache_bytes = offsetof(struct kmem_cache, node) +
		      sizeof(kmem_cache->node[0]) * nr_node_ids;
	create_boot_cache(kmem_cache, kmem_cache_boot_name, cache_bytes,
			  SLAB_HWCACHE_ALIGN);
	list_add(&kmem_cache->list, &slab_caches);
	slab_state = PARTIAL;

	/* 2: the cache of struct kmem_cache_node (named properly later) */
	node_cache = create_kmalloc_cache("kmalloc-node",
					  kmalloc_size(INDEX_NODE),
					  ARCH_KMALLOC_FLAGS);
	kmalloc_caches[INDEX_NODE] = node_cache;
	slab_state = PARTIAL_NODE;
	slab_early_init = 0;

	/* 3: both leave the static node structures */
	for_each_online_node(nid) {
		struct kmem_cache_node *boot = init_kmem_cache_node + nid;

		init_list(kmem_cache, boot + CACHE_CACHE, nid);
		init_list(node_cache, boot + SIZE_NODE, nid);
	}

	/* 4: the other kmalloc caches, which now have all they need */
	create_kmalloc_caches(ARCH_KMALLOC_FLAGS);
}

/**
 * kmem_cache_init_late - size every cache's arrays (step 5)
 *
 * Called once kmalloc() works; caches made from here on get their
 * arrays when they are created.
 */
void __init kmem_cache_init_late(void)
{
	struct kmem_cache *cache;

	slab_state = UP;

	mutex_lock(&slab_mutex);
	list_for_each_entry(cache, &slab_caches, list)
		if (enable_cpucache(cache, GFP_NOWAIT))
			BUG();
	mutex_unlock(&slab_mutex);

	slab_state = FULL;

	/*
	 * The kernel registers its CPU and memory hotplug notifiers here;
	 * refmm's CPUs and nodes are all there from boot.  The reapers
	 * start later, from cpucache_init(), once workqueues run.
	 */
}

/* The initcall that starts each CPU's cache_reap(). */
int __init cpucache_init(void)
{
	int cpu;

	for_each_online_cpu(cpu)
		start_cpu_timer(cpu);

	slab_state = FULL;
	return 0;
}

/*
 * The page allocator could not give @cache a slab on @nodeid.  With
 * debugging, say so, and what the cache holds on each node.
 */
static noinline void
slab_out_of_memory(struct kmem_cache *cache, gfp_t gfpflags, int nodeid)
{
#if DEBUG
	struct kmem_cache_node *kn;
	int nid;

	if (gfpflags & __GFP_NOWARN)
		return;

	printk(KERN_WARNING
	       "SLAB: Unable to allocate memory on node %d (gfp=0x%x)\n",
	       nodeid, gfpflags);
	printk(KERN_WARNING "  cache: %s, object size: %d, order: %d\n",
	       cache->name, cache->size, cache->gfporder);

	for_each_kmem_cache_node(cache, nid, kn) {
		unsigned long used = 0, slabs = 0, empty = 0, free;
		unsigned long irqflags;
		struct page *slab;

		spin_lock_irqsave(&kn->list_lock, irqflags);
		list_for_each_entry(slab, &kn->slabs_full, lru) {
			used += cache->num;
			slabs++;
		}
		list_for_each_entry(slab, &kn->slabs_partial, lru) {
			used += slab->active;
			slabs++;
		}
		list_for_each_entry(slab, &kn->slabs_free, lru)
			empty++;
		free = kn->free_objects;
		spin_unlock_irqrestore(&kn->list_lock, irqflags);

		printk(KERN_WARNING
		       "  node %d: slabs: %ld/%ld, objs: %ld/%ld, free: %ld\n",
		       nid, slabs, slabs + empty, used,
		       (slabs + empty) * cache->num, free);
	}
#else
	(void)cache;
	(void)gfpflags;
	(void)nodeid;
#endif
}

/* The zone counter @cache's pages count in. */
static enum zone_stat_item slab_stat_item(struct kmem_cache *cache)
{
	return (cache->flags & SLAB_RECLAIM_ACCOUNT) ? NR_SLAB_RECLAIMABLE :
							NR_SLAB_UNRECLAIMABLE;
}

/*
 * The pages of a new slab, from node @nid, marked PG_slab and counted
 * in the zone's slab statistics.  Caches of reclaimable objects (the
 * dentry and inode caches) take them from the reclaimable pageblocks.
 * No kmem_cache_node lock is needed.
 */
static struct page *kmem_getpages(struct kmem_cache *cache, gfp_t gfp,
				  int nid)
{
	struct page *slab;

	gfp |= cache->allocflags;
	if (cache->flags & SLAB_RECLAIM_ACCOUNT)
		gfp |= __GFP_RECLAIMABLE;

	slab = alloc_pages_exact_node(nid, gfp | __GFP_NOTRACK,
				      cache->gfporder);
	if (!slab) {
		slab_out_of_memory(cache, gfp, nid);
		return NULL;
	}

	__mod_zone_page_state(page_zone(slab), slab_stat_item(cache),
			      1 << cache->gfporder);
	__SetPageSlab(slab);
	return slab;
}

/* Give a slab's pages back, undoing what kmem_getpages() did to them. */
static void kmem_freepages(struct kmem_cache *cache, struct page *slab)
{
	long nr_pages = 1L << cache->gfporder;

	__mod_zone_page_state(page_zone(slab), slab_stat_item(cache),
			      -nr_pages);
	BUG_ON(!PageSlab(slab));
	__ClearPageSlab(slab);
	page_mapcount_reset(slab);
	slab->mapping = NULL;
	__free_pages(slab, cache->gfporder);
}

#if DEBUG
/*
 * Poisoning: a free object's bytes are @val (POISON_FREE), the last one
 * POISON_END, so that a write to a free object shows when the object is
 * next handed out or its slab destroyed.
 */
static void poison_obj(struct kmem_cache *cache, void *addr,
		       unsigned char val)
{
	unsigned char *bytes = (unsigned char *)addr + obj_offset(cache);
	int size = cache->object_size;

	memset(bytes, val, size);
	bytes[size - 1] = POISON_END;
}

/* print_hex_dump(KERN_CONT, "", 0, 16, 1, buf, len, 1): bytes, then text */
static void print_hex_bytes(const unsigned char *buf, int len)
{
	char line[16 * 3 + 2 + 16 + 2];
	int i, n = 0;

	for (i = 0; i < len; i++)
		n += snprintf(line + n, sizeof(line) - n, "%s%02x",
			      i ? " " : "", buf[i]);
	n += snprintf(line + n, sizeof(line) - n, "  ");
	for (i = 0; i < len; i++)
		line[n++] = (buf[i] >= 0x20 && buf[i] < 0x7f) ? buf[i] : '.';
	line[n] = '\0';
	printk(KERN_CONT "%s\n", line);
}

/*
 * Print @limit bytes of a poisoned object from @offset.  If exactly one
 * byte differs from the poison, and by exactly one bit, memory rather
 * than software is the likelier culprit: say so.
 */
static void dump_line(char *data, int offset, int limit)
{
	unsigned char *line = (unsigned char *)data + offset;
	unsigned char wrong = 0;
	int i, nr_wrong = 0;

	printk(KERN_ERR "%03x: ", offset);
	for (i = 0; i < limit; i++) {
		if (line[i] != POISON_FREE) {
			wrong = line[i];
			nr_wrong++;
		}
	}
	print_hex_bytes(line, limit);

	if (nr_wrong == 1) {
		unsigned char flipped = wrong ^ POISON_FREE;

		if ((flipped & (flipped - 1)) == 0) {
			printk(KERN_ERR "Single bit error detected. "
			       "Probably bad RAM.\n");
			printk(KERN_ERR "Run memtest86+ or a similar memory "
			       "test tool.\n");
		}
	}
}

static const char *print_tainted(void)
{
	return tainted_mask & (1UL << TAINT_BAD_PAGE) ? "Tainted: B" :
							 "Not tainted";
}

/* The red zones, last user and first @lines lines of object @obj. */
static void print_objinfo(struct kmem_cache *cache, void *obj, int lines)
{
	char *realobj = (char *)obj + obj_offset(cache);
	int size = cache->object_size;
	int offset;

	if (cache->flags & SLAB_RED_ZONE)
		printk(KERN_ERR "Redzone: 0x%llx/0x%llx.\n",
		       *dbg_redzone1(cache, obj),
		       *dbg_redzone2(cache, obj));

	/*
	 * The kernel names the function (%pSR); refmm prints the address,
	 * which the executable's symbol table names.
	 */
	if (cache->flags & SLAB_STORE_USER)
		printk(KERN_ERR "Last user: [<%p>]\n",
		       *dbg_userword(cache, obj));

	for (offset = 0; offset < size && lines > 0; offset += 16, lines--)
		dump_line(realobj, offset, min(16, size - offset));
}

/* Print object @objnr of @slab, @what it is to the corrupted one. */
static void print_neighbour(struct kmem_cache *cache, struct page *slab,
			    unsigned int objnr, const char *what)
{
	void *obj = index_to_obj(cache, slab, objnr);

	printk(KERN_ERR "%s obj: start=%p, len=%d\n", what,
	       (char *)obj + obj_offset(cache), cache->object_size);
	print_objinfo(cache, obj, 2);
}

/*
 * Is the poison of the free object @obj intact?  If not, print the
 * object's header and the 16-byte lines that changed (at most six),
 * then its neighbours in the slab, which may have overrun into it.
 */
static void check_poison_obj(struct kmem_cache *cache, void *obj)
{
	char *realobj = (char *)obj + obj_offset(cache);
	int size = cache->object_size;
	int i, lines = 0;

	for (i = 0; i < size && lines <= 5; i++) {
		char want = i == size - 1 ? POISON_END : POISON_FREE;
		int start;

		if (realobj[i] == want)
			continue;
		if (!lines) {
			printk(KERN_ERR "Slab corruption (%s): %s start=%p, "
			       "len=%d\n", print_tainted(), cache->name,
			       realobj, size);
			print_objinfo(cache, obj, 0);
		}
		/*
		 * Print the whole line of the wrong byte and carry on after
		 * it.  Like 4.0, carry on one byte too far: the loop's i++
		 * comes on top of the 16, so the first byte of the next line
		 * is not checked.
		 */
		start = i - i % 16;
		dump_line(realobj, start, min(16, size - start));
		i = start + 16;
		lines++;
	}

	if (lines) {
		struct page *slab = virt_to_head_page(obj);
		unsigned int objnr = obj_to_index(cache, slab, obj);

		if (objnr > 0)
			print_neighbour(cache, slab, objnr - 1, "Prev");
		if (objnr + 1 < cache->num)
			print_neighbour(cache, slab, objnr + 1, "Next");
	}
}

/*
 * A slab about to be destroyed has only free objects: their poison and
 * red zones must be as freeing left them.
 */
static void slab_destroy_debugcheck(struct kmem_cache *cache,
				    struct page *slab)
{
	unsigned int i;

	for (i = 0; i < cache->num; i++) {
		void *obj = index_to_obj(cache, slab, i);

		if (cache->flags & SLAB_POISON)
			check_poison_obj(cache, obj);
		if (!(cache->flags & SLAB_RED_ZONE))
			continue;
		if (*dbg_redzone1(cache, obj) != RED_INACTIVE)
			slab_error(cache, "start of a freed object "
				   "was overwritten");
		if (*dbg_redzone2(cache, obj) != RED_INACTIVE)
			slab_error(cache, "end of a freed object "
				   "was overwritten");
	}
}
#else
static void slab_destroy_debugcheck(struct kmem_cache *cache,
				    struct page *slab)
{
	(void)cache;
	(void)slab;
}
#endif

/**
 * slab_destroy - give a slab's pages back
 * @cache: its cache
 * @slab: its first page, already off the node's lists
 *
 * No lock is needed: the slab is no longer reachable.  An off-slab
 * freelist goes back to its kmalloc cache after the pages.
 */
static void slab_destroy(struct kmem_cache *cache, struct page *slab)
{
	void *freelist = slab->freelist;

	slab_destroy_debugcheck(cache, slab);
	/* SLAB_DESTROY_BY_RCU: no RCU here, the pages go back at once. */
	kmem_freepages(cache, slab);
	if (OFF_SLAB(cache))
		kmem_cache_free(cache->freelist_cache, freelist);
}

/* Destroy the slabs the caller collected on @list, in list order. */
static void slabs_destroy(struct kmem_cache *cache, struct list_head *list)
{
	struct page *slab, *next;

	list_for_each_entry_safe(slab, next, list, lru) {
		list_del(&slab->lru);
		slab_destroy(cache, slab);
	}
}

/**
 * calculate_slab_order - choose how many pages a slab has
 * @cache: the cache being created; num and gfporder are set
 * @size: bytes per object, padding included
 * @align: alignment of the objects
 * @cflags: the cache's flags (CFLGS_OFF_SLAB: freelist elsewhere)
 *
 * Higher orders waste less at the end of each slab but are harder for
 * the page allocator to find.  So take the smallest order that holds an
 * object at all, and go higher only while the waste is more than an
 * eighth of the slab and slab_max_order allows.  Caches of reclaimable
 * objects stay at the smallest order: they are allocated with GFP_NOFS,
 * which cannot reclaim its way to a larger block.  An order is out of
 * the question when it holds more objects than a freelist index can
 * count or, for off-slab freelists, more than size / index bytes (else
 * the freelist could need a slab of its own cache, which cache_grow()
 * would have to allocate recursively).
 *
 * Returns the bytes left over in a slab of the chosen order.
 */
static size_t calculate_slab_order(struct kmem_cache *cache,
				   size_t size, size_t align,
				   unsigned long cflags)
{
	size_t left_over = 0;
	int order;

	for (order = 0; order <= KMALLOC_MAX_ORDER; order++) {
		unsigned int num;
		size_t waste;

		cache_estimate(order, size, align, cflags, &waste, &num);
		if (!num)
			continue;
		if (num > SLAB_OBJ_MAX_NUM)
			break;
		if ((cflags & CFLGS_OFF_SLAB) &&
		    num > size / sizeof(freelist_idx_t))
			break;

		/* acceptable: remember it, then see whether to go on */
		cache->num = num;
		cache->gfporder = order;
		left_over = waste;

		if (cflags & SLAB_RECLAIM_ACCOUNT)
			break;
		if (order >= slab_max_order)
			break;
		if (waste * 8 <= (PAGE_SIZE << order))
			break;
	}
	return left_over;
}

/* Per-CPU arrays of @entries entries for @cache, all empty. */
static struct array_cache __percpu *alloc_kmem_cache_cpus(
		struct kmem_cache *cache, int entries, int batchcount)
{
	size_t bytes = sizeof(struct array_cache) + entries * sizeof(void *);
	struct array_cache __percpu *arrays;
	int cpu;

	(void)cache;
	arrays = __alloc_percpu(bytes, sizeof(void *));
	if (!arrays)
		return NULL;

	for_each_possible_cpu(cpu)
		init_arraycache(per_cpu_ptr(arrays, cpu), entries, batchcount);
	return arrays;
}

/* Free a node structure and the arrays it owns. */
static void free_kmem_cache_node(struct kmem_cache *cache, int nid)
{
	struct kmem_cache_node *kn = get_node(cache, nid);

	kfree(kn->shared);
	free_alien_cache(kn->alien);
	kfree(kn);
	cache->node[nid] = NULL;
}

/* Undo a setup_cpu_cache() that failed on the way (refmm, see the caller). */
static void free_cpu_cache_setup(struct kmem_cache *cache)
{
	struct kmem_cache_node *kn;
	int nid;

	if (cache->cpu_cache)
		free_percpu(cache->cpu_cache);
	cache->cpu_cache = NULL;
	for_each_kmem_cache_node(cache, nid, kn)
		free_kmem_cache_node(cache, nid);
}

/*
 * Give a new cache its per-node structures and CPU arrays.  Once the
 * allocator is up, that is enable_cpucache().  During boot the arrays
 * hold one object, and the nodes are the static ones (the first two
 * caches, see kmem_cache_init()) or kmalloc()ed (the other kmalloc
 * caches).  Returns non-zero on failure.
 */
static int setup_cpu_cache(struct kmem_cache *cache, gfp_t gfp)
{
	struct array_cache *ac;
	int nid;

	if (slab_state >= FULL)
		return enable_cpucache(cache, gfp);

	cache->cpu_cache = alloc_kmem_cache_cpus(cache, 1, 1);
	if (!cache->cpu_cache)
		return 1;

	switch (slab_state) {
	case DOWN:		/* this is kmem_cache itself */
		set_up_node(kmem_cache, CACHE_CACHE);
		break;
	case PARTIAL:		/* the cache of kmem_cache_node */
		set_up_node(cache, SIZE_NODE);
		break;
	default:
		for_each_online_node(nid) {
			struct kmem_cache_node *kn;

			kn = kmalloc_node(sizeof(*kn), gfp, nid);
			BUG_ON(!kn);
			kmem_cache_node_init(kn);
			cache->node[nid] = kn;
		}
		break;
	}

	get_node(cache, numa_mem_id())->next_reap = first_node_reap(cache);

	ac = cpu_cache_get(cache);
	init_arraycache(ac, BOOT_CPUCACHE_ENTRIES, 1);
	cache->batchcount = 1;
	cache->limit = BOOT_CPUCACHE_ENTRIES;
	return 0;
}

/* SLUB's slub_debug= hook; SLAB adds nothing to a cache's flags. */
unsigned long kmem_cache_flags(unsigned long object_size, unsigned long flags,
			       const char *name, void (*ctor)(void *))
{
	(void)object_size;
	(void)name;
	(void)ctor;
	return flags;
}

/*
 * kmem_cache_create() found no cache of its own needed: share one if
 * find_mergeable() knows one.  The shared cache's object_size grows to
 * the largest any creator asked for, so that kmem_cache_zalloc() clears
 * every creator's whole object.
 */
struct kmem_cache *
__kmem_cache_alias(const char *name, size_t size, size_t align,
		   unsigned long flags, void (*ctor)(void *))
{
	struct kmem_cache *cache;

	cache = find_mergeable(size, align, flags, name, ctor);
	if (!cache)
		return NULL;

	cache->refcount++;
	if (cache->object_size < (int)size)
		cache->object_size = size;
	return cache;
}

#if DEBUG
/*
 * The debugging options a cache gets on top of what it asked for
 * (FORCED_DEBUG): poisoning, unless its slabs are freed by RCU (whose
 * readers may still look at freed objects); red zones and the last
 * user, unless they would push a large object past the next power of
 * two, where the padding would cost as much as the object.
 */
static unsigned long forced_debug_flags(size_t size, unsigned long flags)
{
	size_t debug_bytes = REDZONE_ALIGN + 2 * sizeof(unsigned long long);
	unsigned long extra = 0;

	if (!FORCED_DEBUG)
		return flags;
	if (size < 4096 || fls(size - 1) == fls(size - 1 + debug_bytes))
		extra |= SLAB_RED_ZONE | SLAB_STORE_USER;
	if ((flags & SLAB_DESTROY_BY_RCU) == 0)
		extra |= SLAB_POISON;
	return flags | extra;
}
#endif

/**
 * __kmem_cache_create - lay out a new cache
 * @cache: the cache, with object_size, size, align, name and ctor set
 * @flags: its SLAB_* flags
 *
 * Works out the real object size (word-aligned, padded for debugging
 * and alignment), the slab order and objects per slab, where the
 * freelist goes and how many colours there are, then gives the cache its
 * nodes and arrays.  Returns 0, or a negative errno (or 1, see
 * setup_cpu_cache()).
 */
int __kmem_cache_create(struct kmem_cache *cache, unsigned long flags)
{
	size_t size = cache->size;
	size_t freelist_size, left_over;
	size_t align_to = BYTES_PER_WORD;
	gfp_t gfp;
	int err;

#if DEBUG
	flags = forced_debug_flags(size, flags);
	/* poison would overwrite what RCU readers may still look at */
	BUG_ON((flags & SLAB_DESTROY_BY_RCU) && (flags & SLAB_POISON));
#endif

	/*
	 * Whole words, so that red zones and on-slab freelists stay word
	 * aligned; with red zones, whole REDZONE_ALIGN units, so that the
	 * second one is aligned too.
	 */
	size = ALIGN(size, BYTES_PER_WORD);
	if (flags & SLAB_RED_ZONE) {
		align_to = REDZONE_ALIGN;
		size = ALIGN(size, REDZONE_ALIGN);
	}

	/* The creator's alignment wins if larger. */
	if (align_to < (size_t)cache->align)
		align_to = cache->align;
	/* Red zones assume u64 alignment: stricter alignment drops them. */
	if (align_to > __alignof__(unsigned long long))
		flags &= ~(SLAB_RED_ZONE | SLAB_STORE_USER);
	cache->align = align_to;

	gfp = slab_is_available() ? GFP_KERNEL : GFP_NOWAIT;

#if DEBUG
	/* Room for the debugging words, see dbg_redzone1() and friends. */
	if (flags & SLAB_RED_ZONE) {
		/* one u64 in front of the object, one behind it */
		cache->obj_offset += sizeof(u64);
		size += sizeof(u64) + sizeof(u64);
	}
	if (flags & SLAB_STORE_USER)
		size += (flags & SLAB_RED_ZONE) ? REDZONE_ALIGN :
						  BYTES_PER_WORD;
#endif

	/*
	 * Objects of an eighth of a page or more: try the freelist off the
	 * slab, which packs the objects better.  Not while the kmalloc
	 * caches that would hold it are missing (boot), and not for
	 * SLAB_NOLEAKTRACE caches, whose users (kmemleak) must not recurse
	 * into kmalloc().
	 */
	if (size >= (PAGE_SIZE >> 5) && !slab_early_init &&
	    !(flags & SLAB_NOLEAKTRACE))
		flags |= CFLGS_OFF_SLAB;

	size = ALIGN(size, cache->align);
	/* byte-sized freelist indices need objects of SLAB_OBJ_MIN_SIZE */
	if (FREELIST_BYTE_INDEX && size < SLAB_OBJ_MIN_SIZE)
		size = ALIGN(SLAB_OBJ_MIN_SIZE, cache->align);

	left_over = calculate_slab_order(cache, size, cache->align, flags);
	if (!cache->num)
		return -E2BIG;

	/*
	 * An off-slab freelist that fits into the slab's leftover after
	 * all comes back on the slab, at the cost of colours.
	 */
	freelist_size = calculate_freelist_size(cache->num, cache->align);
	if ((flags & CFLGS_OFF_SLAB) && left_over >= freelist_size) {
		flags &= ~CFLGS_OFF_SLAB;
		left_over -= freelist_size;
	}
	if (flags & CFLGS_OFF_SLAB)	/* no object follows it: no padding */
		freelist_size = calculate_freelist_size(cache->num, 0);

	/* Colours step by a cache line, or by the alignment if larger. */
	cache->colour_off = max(cache_line_size(),
				 (unsigned int)cache->align);
	cache->colour = left_over / cache->colour_off;
	cache->freelist_size = freelist_size;
	cache->flags = flags;
	cache->allocflags = __GFP_COMP;
	if (flags & SLAB_CACHE_DMA)	/* CONFIG_ZONE_DMA_FLAG */
		cache->allocflags |= GFP_DMA;
	cache->size = size;
	cache->reciprocal_buffer_size = reciprocal_value(size);

	if (flags & CFLGS_OFF_SLAB) {
		/*
		 * From a kmalloc cache: it exists, since off-slab freelists
		 * are only for objects of an eighth of a page or more, whose
		 * freelists are smaller than the objects, and the kmalloc
		 * caches are made smallest first.
		 */
		cache->freelist_cache = kmalloc_slab(freelist_size, 0u);
		BUG_ON(ZERO_OR_NULL_PTR(cache->freelist_cache));
	}

	err = setup_cpu_cache(cache, gfp);
	if (err) {
		/*
		 * 4.0 calls __kmem_cache_shutdown() here, whose drain walks
		 * the per-CPU arrays and nodes that setup_cpu_cache() may
		 * have failed to allocate (when the per-CPU allocator runs
		 * out) and dereferences them.  The cache has no slab yet:
		 * refmm frees what was allocated and nothing else.
		 */
		free_cpu_cache_setup(cache);
		return err;
	}
	return 0;
}

/*
 * The kernel checks, with DEBUG, that interrupts are off and the node's
 * list_lock is held where they must be.  refmm has no interrupts, and
 * its spinlocks check themselves.
 */
#define check_irq_off()			do { } while (0)
#define check_irq_on()			do { } while (0)
#define check_spinlock_acquired(x)	do { } while (0)
#define check_spinlock_acquired_node(x, y) do { } while (0)

static void drain_array(struct kmem_cache *cache, struct kmem_cache_node *kn,
			struct array_cache *ac, int force, int nid);

/* Empty this CPU's array of @arg (a cache) onto the slab lists. */
static void do_drain(void *arg)
{
	struct kmem_cache *cache = arg;
	struct array_cache *ac = cpu_cache_get(cache);
	int nid = numa_mem_id();
	struct kmem_cache_node *kn = get_node(cache, nid);
	LIST_HEAD(list);

	check_irq_off();
	spin_lock(&kn->list_lock);
	free_block(cache, ac->entry, ac->avail, nid, &list);
	spin_unlock(&kn->list_lock);
	slabs_destroy(cache, &list);
	ac->avail = 0;
}

/* Run @func on every CPU in turn, as the IPIs of on_each_cpu() do. */
static void on_each_cpu(void (*func)(void *info), void *info, int wait)
{
	int saved = refmm_current_cpu;
	int cpu;

	(void)wait;
	for_each_online_cpu(cpu) {
		refmm_current_cpu = cpu;
		func(info);
	}
	refmm_current_cpu = saved;
}

/*
 * Put every free object held in an array back on its slab: the CPUs'
 * arrays, then the alien arrays, then the shared ones.
 */
static void drain_cpu_caches(struct kmem_cache *cache)
{
	struct kmem_cache_node *kn;
	int nid;

	on_each_cpu(do_drain, cache, 1);
	check_irq_on();
	for_each_kmem_cache_node(cache, nid, kn)
		if (kn->alien)
			drain_alien_cache(cache, kn->alien);
	for_each_kmem_cache_node(cache, nid, kn)
		drain_array(cache, kn, kn->shared, 1, nid);
}

/*
 * Destroy up to @tofree slabs from the tail of @kn's free list (the ones
 * unused longest).  The lock is taken for each slab and dropped to
 * destroy it.  Returns how many went.
 */
static int drain_freelist(struct kmem_cache *cache,
			  struct kmem_cache_node *kn, int tofree)
{
	int nr_freed;

	for (nr_freed = 0; nr_freed < tofree; nr_freed++) {
		struct page *slab;

		if (list_empty(&kn->slabs_free))
			break;
		spin_lock_irq(&kn->list_lock);
		if (list_empty(&kn->slabs_free)) {
			spin_unlock_irq(&kn->list_lock);
			break;
		}
		slab = list_last_entry(&kn->slabs_free, struct page, lru);
#if DEBUG
		BUG_ON(slab->active);
#endif
		list_del(&slab->lru);
		kn->free_objects -= cache->num;
		spin_unlock_irq(&kn->list_lock);
		slab_destroy(cache, slab);
	}
	return nr_freed;
}

/*
 * kmem_cache_shrink(): drain every array, then free every free slab.
 * Returns 1 if slabs in use remain on some node, else 0.
 */
int __kmem_cache_shrink(struct kmem_cache *cache)
{
	struct kmem_cache_node *kn;
	bool busy = false;
	int nid;

	drain_cpu_caches(cache);
	check_irq_on();
	for_each_kmem_cache_node(cache, nid, kn) {
		drain_freelist(cache, kn, slabs_tofree(cache, kn));
		if (!list_empty(&kn->slabs_full) ||
		    !list_empty(&kn->slabs_partial))
			busy = true;
	}
	return busy;
}

/*
 * The allocator's part of kmem_cache_destroy(): shrink the cache to
 * nothing and free its arrays and nodes.  Non-zero, and nothing freed,
 * while objects are still in use.
 */
int __kmem_cache_shutdown(struct kmem_cache *cache)
{
	struct kmem_cache_node *kn;
	int nid;
	int busy = __kmem_cache_shrink(cache);

	if (busy)
		return busy;

	free_percpu(cache->cpu_cache);
	/* CONFIG_NUMA: the node structures too */
	for_each_kmem_cache_node(cache, nid, kn)
		free_kmem_cache_node(cache, nid);
	return 0;
}

/*
 * Making a slab.
 *
 * The freelist of an off-slab cache is an object of a kmalloc cache
 * (freelist_cache), never of the cache itself: looking for a cache of
 * the freelist's size while creating that very cache would recurse.  The
 * kmalloc caches all exist by the time any off-slab cache is made (see
 * slab_early_init).
 */

/*
 * Find the freelist of a new slab @slab coloured by @colour_off bytes,
 * and set where its objects start.  Returns the freelist, or NULL.
 */
static void *alloc_slabmgmt(struct kmem_cache *cache,
			    struct page *slab, int colour_off,
			    gfp_t local_flags, int nid)
{
	char *base = page_address(slab);
	void *freelist;

	if (OFF_SLAB(cache)) {
		freelist = kmem_cache_alloc_node(cache->freelist_cache,
						 local_flags, nid);
		if (!freelist)
			return NULL;
		slab->s_mem = base + colour_off;
	} else {
		freelist = base + colour_off;
		slab->s_mem = base + colour_off + cache->freelist_size;
	}
	slab->active = 0;
	return freelist;
}

/* Entry @idx of a slab's freelist: an object index. */
static inline freelist_idx_t get_free_obj(struct page *slab, unsigned int idx)
{
	freelist_idx_t *freelist = slab->freelist;

	return freelist[idx];
}

static inline void set_free_obj(struct page *slab,
				unsigned int idx, freelist_idx_t val)
{
	freelist_idx_t *freelist = slab->freelist;

	freelist[idx] = val;
}

#if DEBUG
/*
 * Prepare object @obj of a new debugging slab: poisoned (or
 * constructed, not both: the poison would be checked), red zones
 * inactive, no last user, and complain if the constructor wrote outside
 * the object.
 */
static void cache_init_debug_obj(struct kmem_cache *cache, void *obj)
{
	if (cache->flags & SLAB_POISON)
		poison_obj(cache, obj, POISON_FREE);
	if (cache->flags & SLAB_STORE_USER)
		*dbg_userword(cache, obj) = NULL;
	if (cache->flags & SLAB_RED_ZONE) {
		*dbg_redzone1(cache, obj) = RED_INACTIVE;
		*dbg_redzone2(cache, obj) = RED_INACTIVE;
	}

	/*
	 * A constructor must not allocate from its own cache (it would
	 * deadlock on the cache) and must be safe to run concurrently.
	 * Poisoned caches construct at allocation instead.
	 */
	if (cache->ctor && !(cache->flags & SLAB_POISON))
		cache->ctor((char *)obj + obj_offset(cache));

	if (cache->flags & SLAB_RED_ZONE) {
		if (*dbg_redzone2(cache, obj) != RED_INACTIVE)
			slab_error(cache, "constructor overwrote the"
				   " end of an object");
		if (*dbg_redzone1(cache, obj) != RED_INACTIVE)
			slab_error(cache, "constructor overwrote the"
				   " start of an object");
	}
}
#endif

/*
 * Every object of a new slab is free and constructed; the freelist
 * hands them out in address order.
 */
static void cache_init_objs(struct kmem_cache *cache, struct page *slab)
{
	unsigned int i;

	for (i = 0; i < cache->num; i++) {
		void *obj = index_to_obj(cache, slab, i);

#if DEBUG
		cache_init_debug_obj(cache, obj);
#else
		if (cache->ctor)
			cache->ctor(obj);
#endif
		set_free_obj(slab, i, i);
	}
}

/* A GFP_DMA request must go to a DMA cache, and only such a request. */
static void kmem_flagcheck(struct kmem_cache *cache, gfp_t gfp)
{
	/* CONFIG_ZONE_DMA_FLAG */
	bool dma_wanted = gfp & GFP_DMA;
	bool dma_cache = cache->allocflags & GFP_DMA;

	BUG_ON(dma_wanted != dma_cache);
}

/* Take the next free object of slab @slab, of node @nid. */
static void *slab_get_obj(struct kmem_cache *cache, struct page *slab,
			  int nid)
{
	void *obj = index_to_obj(cache, slab,
				  get_free_obj(slab, slab->active));

	slab->active++;
#if DEBUG
	WARN_ON(page_to_nid(virt_to_page(obj)) != nid);
#else
	(void)nid;
#endif
	return obj;
}

/*
 * Put @obj back on its slab's freelist, as the next one to hand out.
 * The freelist slot it takes is the one below active, whatever stale
 * index it held.
 */
static void slab_put_obj(struct kmem_cache *cache, struct page *slab,
			 void *obj, int nid)
{
	unsigned int objnr = obj_to_index(cache, slab, obj);
#if DEBUG
	unsigned int i;

	WARN_ON(page_to_nid(virt_to_page(obj)) != nid);

	/* already on the freelist: freed twice */
	for (i = slab->active; i < cache->num; i++) {
		if (get_free_obj(slab, i) == objnr) {
			printk(KERN_ERR "slab: double free detected in cache "
			       "'%s', objp %p\n", cache->name, obj);
			BUG();
		}
	}
#else
	(void)nid;
#endif
	slab->active--;
	set_free_obj(slab, slab->active, objnr);
}

/*
 * Tie a new slab to its cache and freelist, in the fields kfree(),
 * ksize() and the debugging code find them through.
 */
static void slab_map_pages(struct kmem_cache *cache, struct page *slab,
			   void *freelist)
{
	slab->slab_cache = cache;
	slab->freelist = freelist;
}

/*
 * The colour offset of the next slab made on @kn: colours go round
 * 0 .. colour-1.  Taken under the node's lock.
 */
static size_t next_slab_colour(struct kmem_cache *cache,
			       struct kmem_cache_node *kn)
{
	size_t colour;

	spin_lock(&kn->list_lock);
	colour = kn->colour_next++;
	if (kn->colour_next >= cache->colour)
		kn->colour_next = 0;
	spin_unlock(&kn->list_lock);
	return colour * cache->colour_off;
}

/*
 * Add a slab to @cache on node @nid: made from @slab if the caller
 * already has the pages (fallback_alloc()), else from new ones.  The
 * slab goes on the node's free list.  Returns 1, or 0 if memory ran out
 * (@slab is freed then).
 */
static int cache_grow(struct kmem_cache *cache,
		      gfp_t gfp, int nid, struct page *slab)
{
	struct kmem_cache_node *kn;
	gfp_t page_gfp;
	size_t offset;
	void *freelist;

	/* Checked here, where slabs are made, off the fast paths. */
	if (unlikely(gfp & GFP_SLAB_BUG_MASK)) {
		pr_emerg("gfp: %u\n", gfp & GFP_SLAB_BUG_MASK);
		BUG();
	}
	page_gfp = gfp & (GFP_CONSTRAINT_MASK | GFP_RECLAIM_MASK);

	check_irq_off();
	kn = get_node(cache, nid);
	offset = next_slab_colour(cache, kn);

	/* The page allocator may sleep if the caller may. */
	if (page_gfp & __GFP_WAIT)
		local_irq_enable();

	/* Also off the fast path: a DMA request to a non-DMA cache, etc. */
	kmem_flagcheck(cache, gfp);

	if (!slab)
		slab = kmem_getpages(cache, page_gfp, nid);
	if (!slab)
		goto failed;

	freelist = alloc_slabmgmt(cache, slab, offset,
				  page_gfp & ~GFP_CONSTRAINT_MASK, nid);
	if (!freelist) {
		kmem_freepages(cache, slab);
		goto failed;
	}
	slab_map_pages(cache, slab, freelist);
	cache_init_objs(cache, slab);

	if (page_gfp & __GFP_WAIT)
		local_irq_disable();
	check_irq_off();

	spin_lock(&kn->list_lock);
	list_add_tail(&slab->lru, &kn->slabs_free);
	STATS_INC_GROWN(cache);
	kn->free_objects += cache->num;
	spin_unlock(&kn->list_lock);
	return 1;

failed:
	if (page_gfp & __GFP_WAIT)
		local_irq_disable();
	return 0;
}

#if DEBUG
/* A pointer kfree() is given must at least be in the direct map. */
static void kfree_debugcheck(const void *obj)
{
	if (!virt_addr_valid(obj)) {
		printk(KERN_ERR "kfree_debugcheck: out of range ptr %lxh.\n",
		       (unsigned long)obj);
		BUG();
	}
}

/*
 * An object being freed should have both red zones active.  Both
 * inactive: it is free already.  Anything else: something wrote past
 * one of its ends.
 */
static inline void verify_redzone_free(struct kmem_cache *cache, void *obj)
{
	unsigned long long zone1 = *dbg_redzone1(cache, obj);
	unsigned long long zone2 = *dbg_redzone2(cache, obj);

	if (zone1 == RED_ACTIVE && zone2 == RED_ACTIVE)
		return;

	if (zone1 == RED_INACTIVE && zone2 == RED_INACTIVE)
		slab_error(cache, "double free detected");
	else
		slab_error(cache, "memory outside object was overwritten");

	printk(KERN_ERR "%p: redzone 1:0x%llx, redzone 2:0x%llx.\n",
	       obj, zone1, zone2);
}

/*
 * The debugging side of freeing @obj (the caller's pointer): check and
 * reset the red zones, record @caller, check it is an object's start,
 * poison it.  Returns the object's own start.
 */
static void *cache_free_debugcheck(struct kmem_cache *cache, void *obj,
				   unsigned long caller)
{
	struct page *slab;
	unsigned int objnr;

	BUG_ON(virt_to_cache(obj) != cache);

	obj = (char *)obj - obj_offset(cache);
	kfree_debugcheck(obj);
	slab = virt_to_head_page(obj);

	if (cache->flags & SLAB_RED_ZONE) {
		verify_redzone_free(cache, obj);
		*dbg_redzone1(cache, obj) = RED_INACTIVE;
		*dbg_redzone2(cache, obj) = RED_INACTIVE;
	}
	if (cache->flags & SLAB_STORE_USER)
		*dbg_userword(cache, obj) = (void *)caller;

	objnr = obj_to_index(cache, slab, obj);
	BUG_ON(objnr >= cache->num);
	BUG_ON(obj != index_to_obj(cache, slab, objnr));

	if (cache->flags & SLAB_POISON)
		poison_obj(cache, obj, POISON_FREE);
	return obj;
}
#else
#define kfree_debugcheck(x)			do { } while (0)
#define cache_free_debugcheck(x, obj, z)	(obj)
#endif

/*
 * Move up to @batchcount objects from the slabs of @kn to the CPU array
 * @ac: from partial slabs first, then free ones, re-filing each slab by
 * how full it is afterwards.  Fewer when the node runs out.  Runs under
 * kn->list_lock.
 */
static void refill_from_slabs(struct kmem_cache *cache,
			      struct kmem_cache_node *kn,
			      struct array_cache *ac, int batchcount, int nid)
{
	while (batchcount > 0) {
		struct page *slab;

		if (!list_empty(&kn->slabs_partial)) {
			slab = list_first_entry(&kn->slabs_partial,
						struct page, lru);
		} else {
			kn->free_touched = 1;
			if (list_empty(&kn->slabs_free))
				break;
			slab = list_first_entry(&kn->slabs_free,
						struct page, lru);
		}
		check_spinlock_acquired(cache);

		/* a partial or free slab has a free object */
		BUG_ON(slab->active >= cache->num);

		while (slab->active < cache->num && batchcount--) {
			STATS_INC_ALLOCED(cache);
			STATS_INC_ACTIVE(cache);
			STATS_SET_HIGH(cache);
			ac_put_obj(ac, slab_get_obj(cache, slab, nid));
		}

		list_del(&slab->lru);
		if (slab->active == cache->num)
			list_add(&slab->lru, &kn->slabs_full);
		else
			list_add(&slab->lru, &kn->slabs_partial);
	}
}

/*
 * The CPU's array is empty: fill it with a batch, from the node's shared
 * array if that has objects, else from the slabs, growing the cache by a
 * slab if even they have none.  Returns an object, or NULL.
 */
static void *cache_alloc_refill(struct kmem_cache *cache, gfp_t gfp)
{
	int nid = numa_mem_id();
	struct kmem_cache_node *kn;
	struct array_cache *ac;
	int want;

	check_irq_off();
retry:
	ac = cpu_cache_get(cache);
	want = ac->batchcount;
	/*
	 * An array nobody used since the last reap gets a small batch, or
	 * refills and reaps would chase each other.
	 */
	if (!ac->touched && want > BATCHREFILL_LIMIT)
		want = BATCHREFILL_LIMIT;
	kn = get_node(cache, nid);

	BUG_ON(ac->avail > 0 || !kn);
	spin_lock(&kn->list_lock);
	if (kn->shared && transfer_objects(ac, kn->shared, want)) {
		kn->shared->touched = 1;
	} else {
		refill_from_slabs(cache, kn, ac, want, nid);
		kn->free_objects -= ac->avail;
	}
	spin_unlock(&kn->list_lock);

	if (unlikely(!ac->avail)) {
		int grown = cache_grow(cache, gfp_exact_node(gfp), nid,
				       NULL);

		/* cache_grow() may have slept: look again */
		ac = cpu_cache_get(cache);
		nid = numa_mem_id();

		if (!ac->avail) {
			if (!grown)
				return NULL;
			goto retry;
		}
	}
	ac->touched = 1;
	return ac_get_obj(ac);
}

static inline void cache_alloc_debugcheck_before(struct kmem_cache *cache,
						 gfp_t gfp)
{
#if DEBUG
	kmem_flagcheck(cache, gfp);
#else
	(void)cache;
	(void)gfp;
#endif
}

#if DEBUG
/*
 * The debugging side of handing out @obj: check the poison and the red
 * zones of what should be a free object, mark it in use, record
 * @caller, construct it if poisoning kept the constructor from running
 * earlier.  Returns the caller's pointer (past the first red zone).
 */
static void *cache_alloc_debugcheck_after(struct kmem_cache *cache,
				gfp_t gfp, void *obj, unsigned long caller)
{
	(void)gfp;
	if (!obj)
		return obj;

	if (cache->flags & SLAB_POISON) {
		check_poison_obj(cache, obj);
		poison_obj(cache, obj, POISON_INUSE);
	}
	if (cache->flags & SLAB_STORE_USER)
		*dbg_userword(cache, obj) = (void *)caller;

	if (cache->flags & SLAB_RED_ZONE) {
		if (*dbg_redzone1(cache, obj) != RED_INACTIVE ||
		    *dbg_redzone2(cache, obj) != RED_INACTIVE) {
			slab_error(cache, "double free, or memory outside"
				   " object was overwritten");
			printk(KERN_ERR
			       "%p: redzone 1:0x%llx, redzone 2:0x%llx\n",
			       obj, *dbg_redzone1(cache, obj),
			       *dbg_redzone2(cache, obj));
		}
		*dbg_redzone1(cache, obj) = RED_ACTIVE;
		*dbg_redzone2(cache, obj) = RED_ACTIVE;
	}

	obj = (char *)obj + obj_offset(cache);
	if (cache->ctor && (cache->flags & SLAB_POISON))
		cache->ctor(obj);
	if ((unsigned long)obj & (ARCH_SLAB_MINALIGN - 1))
		printk(KERN_ERR "0x%p: not aligned to ARCH_SLAB_MINALIGN=%d\n",
		       obj, (int)ARCH_SLAB_MINALIGN);
	return obj;
}
#else
#define cache_alloc_debugcheck_after(a, b, obj, d)	(obj)
#endif

/*
 * CONFIG_FAILSLAB: should this allocation fail on purpose?  Never for
 * struct kmem_cache itself.
 */
static bool slab_should_failslab(struct kmem_cache *cache, gfp_t gfp)
{
	if (unlikely(cache == kmem_cache))
		return false;
	return should_failslab(cache->object_size, gfp, cache->flags);
}

/* The fast path: the top of this CPU's array, or a refill. */
static inline void *____cache_alloc(struct kmem_cache *cache, gfp_t gfp)
{
	struct array_cache *ac;

	check_irq_off();
	ac = cpu_cache_get(cache);
	if (likely(ac->avail)) {
		STATS_INC_ALLOCHIT(cache);
		ac->touched = 1;
		return ac_get_obj(ac);
	}
	STATS_INC_ALLOCMISS(cache);
	return cache_alloc_refill(cache, gfp);
}

/*
 * Nothing on the node the allocation wanted: try every node the
 * allocation may use that has free objects, in zonelist order (nearest
 * first).  If none has, get pages from the page allocator, which may
 * reclaim and fall back as it sees fit, make them a slab of whichever
 * node they came from, and allocate from it.
 */
static void *fallback_alloc(struct kmem_cache *cache, gfp_t gfp)
{
	enum zone_type highest = gfp_zone(gfp);
	struct zonelist *zl;
	struct zoneref *z;
	struct zone *zone;
	gfp_t page_gfp;
	struct page *slab;
	void *obj;
	int nid;

	if (gfp & __GFP_THISNODE)
		return NULL;

	page_gfp = gfp & (GFP_CONSTRAINT_MASK | GFP_RECLAIM_MASK);
	/* No mempolicy or cpuset in refmm: the local node's zonelist. */
	zl = node_zonelist(numa_node_id(), gfp);

	for (;;) {
		for_each_zone_zonelist(zone, z, zl, highest) {
			struct kmem_cache_node *kn;

			nid = zone_to_nid(zone);
			kn = get_node(cache, nid);
			if (!kn || !kn->free_objects)
				continue;
			obj = ____cache_alloc_node(cache,
						   gfp_exact_node(gfp), nid);
			if (obj)
				return obj;
		}

		if (page_gfp & __GFP_WAIT)
			local_irq_enable();
		kmem_flagcheck(cache, gfp);
		slab = kmem_getpages(cache, page_gfp, numa_mem_id());
		if (page_gfp & __GFP_WAIT)
			local_irq_disable();
		if (!slab)
			return NULL;

		nid = page_to_nid(slab);
		if (!cache_grow(cache, gfp, nid, slab))
			return NULL;	/* cache_grow() freed the pages */
		obj = ____cache_alloc_node(cache, gfp_exact_node(gfp), nid);
		if (obj)
			return obj;
		/* someone took the new slab's objects first: start again */
	}
}

/*
 * An object from node @nid's slabs, bypassing the CPU array: from a
 * partial slab, else a free one, else a new slab grown on that node;
 * if even that fails, from wherever fallback_alloc() finds one.
 */
static void *____cache_alloc_node(struct kmem_cache *cache, gfp_t gfp,
				  int nid)
{
	struct kmem_cache_node *kn;
	struct page *slab;
	void *obj;

	VM_BUG_ON(nid < 0 || nid >= MAX_NUMNODES);
	kn = get_node(cache, nid);
	BUG_ON(!kn);

	for (;;) {
		check_irq_off();
		spin_lock(&kn->list_lock);
		if (!list_empty(&kn->slabs_partial))
			break;
		kn->free_touched = 1;
		if (!list_empty(&kn->slabs_free))
			break;
		spin_unlock(&kn->list_lock);

		if (!cache_grow(cache, gfp_exact_node(gfp), nid, NULL))
			return fallback_alloc(cache, gfp);
	}

	slab = list_first_entry(list_empty(&kn->slabs_partial) ?
				&kn->slabs_free : &kn->slabs_partial,
				struct page, lru);
	check_spinlock_acquired_node(cache, nid);

	STATS_INC_NODEALLOCS(cache);
	STATS_INC_ACTIVE(cache);
	STATS_SET_HIGH(cache);

	BUG_ON(slab->active == cache->num);
	obj = slab_get_obj(cache, slab, nid);
	kn->free_objects--;

	list_del(&slab->lru);
	if (slab->active == cache->num)
		list_add(&slab->lru, &kn->slabs_full);
	else
		list_add(&slab->lru, &kn->slabs_partial);
	spin_unlock(&kn->list_lock);
	return obj;
}

/* __GFP_ZERO, and nothing else the caller asked for, is done last. */
static __always_inline void *slab_alloc_finish(struct kmem_cache *cache,
					       gfp_t gfp, void *obj)
{
	if (likely(obj) && unlikely(gfp & __GFP_ZERO))
		memset(obj, 0, cache->object_size);
	return obj;
}

/*
 * An object preferably from node @nid (NUMA_NO_NODE: this CPU's).
 * For this CPU's own node the CPU array serves; for another node, or
 * when the array and the local slabs are out, that node's slabs, which
 * may in turn fall back to other nodes.
 */
static __always_inline void *
slab_alloc_node(struct kmem_cache *cache, gfp_t gfp, int nid,
		unsigned long caller)
{
	int local = numa_mem_id();
	unsigned long irqflags;
	void *ptr = NULL;

	gfp &= gfp_allowed_mask;
	if (slab_should_failslab(cache, gfp))
		return NULL;

	cache_alloc_debugcheck_before(cache, gfp);
	local_irq_save(irqflags);

	if (nid == NUMA_NO_NODE)
		nid = local;

	if (unlikely(!get_node(cache, nid))) {
		/* a node whose structures are not set up yet */
		ptr = fallback_alloc(cache, gfp);
	} else {
		if (nid == local)
			ptr = ____cache_alloc(cache, gfp);
		if (!ptr)
			ptr = ____cache_alloc_node(cache, gfp, nid);
	}

	local_irq_restore(irqflags);
	ptr = cache_alloc_debugcheck_after(cache, gfp, ptr, caller);
	(void)caller;
	return slab_alloc_finish(cache, gfp, ptr);
}

/*
 * The local node's object: the CPU array, else the local slabs, which
 * fall back to other nodes when the local node is out of memory.  (No
 * task mempolicy or cpuset spreading in refmm, so no
 * alternate_node_alloc().)
 */
static __always_inline void *
__do_cache_alloc(struct kmem_cache *cache, gfp_t gfp)
{
	void *obj = ____cache_alloc(cache, gfp);

	if (!obj)
		obj = ____cache_alloc_node(cache, gfp, numa_mem_id());
	return obj;
}

static __always_inline void *
slab_alloc(struct kmem_cache *cache, gfp_t gfp, unsigned long caller)
{
	unsigned long irqflags;
	void *obj;

	gfp &= gfp_allowed_mask;
	if (slab_should_failslab(cache, gfp))
		return NULL;

	cache_alloc_debugcheck_before(cache, gfp);
	local_irq_save(irqflags);
	obj = __do_cache_alloc(cache, gfp);
	local_irq_restore(irqflags);
	obj = cache_alloc_debugcheck_after(cache, gfp, obj, caller);
	(void)caller;
	return slab_alloc_finish(cache, gfp, obj);
}

/*
 * Put @nr_objects objects, all of node @nid, back on their slabs, and
 * re-file each slab: a slab with objects still in use goes to the tail
 * of the partial list, where it waits longest for its other objects to
 * come back; a slab now free goes to the free list, or, if the node
 * already holds more than free_limit free objects, onto @list for the
 * caller to destroy once the lock is dropped.  The caller holds the
 * node's list_lock.
 */
static void free_block(struct kmem_cache *cache, void **objpp,
		       int nr_objects, int nid, struct list_head *list)
{
	struct kmem_cache_node *kn = get_node(cache, nid);
	int i;

	for (i = 0; i < nr_objects; i++) {
		void *obj = objpp[i];
		struct page *slab = virt_to_head_page(obj);

		list_del(&slab->lru);
		check_spinlock_acquired_node(cache, nid);
		slab_put_obj(cache, slab, obj, nid);
		STATS_DEC_ACTIVE(cache);
		kn->free_objects++;

		if (slab->active) {
			list_add_tail(&slab->lru, &kn->slabs_partial);
		} else if (kn->free_objects > kn->free_limit) {
			kn->free_objects -= cache->num;
			list_add_tail(&slab->lru, list);
		} else {
			list_add(&slab->lru, &kn->slabs_free);
		}
	}
}

#if STATS
/* The most free slabs the node has had after a flush. */
static void note_freeable(struct kmem_cache *cache,
			  struct kmem_cache_node *kn)
{
	unsigned long nr_free = 0;
	struct page *slab;

	list_for_each_entry(slab, &kn->slabs_free, lru) {
		BUG_ON(slab->active);
		nr_free++;
	}
	STATS_SET_FREEABLE(cache, nr_free);
}
#endif

/*
 * This CPU's array @ac is full: move its oldest batchcount objects (the
 * bottom of the stack) to the node's shared array, as many as it has
 * room for, or if it has none, back onto their slabs.
 */
static void cache_flusharray(struct kmem_cache *cache, struct array_cache *ac)
{
	int batchcount = ac->batchcount;
	int nid = numa_mem_id();
	struct kmem_cache_node *kn;
	struct array_cache *shared;
	LIST_HEAD(list);

#if DEBUG
	BUG_ON(!batchcount || batchcount > (int)ac->avail);
#endif
	check_irq_off();
	kn = get_node(cache, nid);

	spin_lock(&kn->list_lock);
	shared = kn->shared;
	if (shared && shared->avail != shared->limit) {
		int room = shared->limit - shared->avail;

		batchcount = min(batchcount, room);
		memcpy(&shared->entry[shared->avail], ac->entry,
		       batchcount * sizeof(void *));
		shared->avail += batchcount;
	} else {
		free_block(cache, ac->entry, batchcount, nid, &list);
	}
#if STATS
	note_freeable(cache, kn);
#endif
	spin_unlock(&kn->list_lock);
	slabs_destroy(cache, &list);

	ac->avail -= batchcount;
	memmove(ac->entry, &ac->entry[batchcount], ac->avail * sizeof(void *));
}

/*
 * Free an object to its cache: to an alien array if it belongs to
 * another node, else onto this CPU's array, flushing a batch first if
 * the array is full.  A constructed object must be back in its
 * constructed state.  Interrupts are off.
 */
static inline void __cache_free(struct kmem_cache *cache, void *obj,
				unsigned long caller)
{
	struct array_cache *ac = cpu_cache_get(cache);

	check_irq_off();
	obj = cache_free_debugcheck(cache, obj, caller);
	(void)caller;

	/*
	 * Finding the object's node costs a look at its page; with a single
	 * node online there is no need.
	 */
	if (nr_online_nodes > 1 && cache_free_alien(cache, obj))
		return;

	if (ac->avail < ac->limit) {
		STATS_INC_FREEHIT(cache);
	} else {
		STATS_INC_FREEMISS(cache);
		cache_flusharray(cache, ac);
	}
	ac_put_obj(ac, obj);
}

/**
 * kmem_cache_alloc - allocate an object
 * @cache: the cache
 * @gfp: as for kmalloc(); it matters only when a slab must be made
 *
 * Returns the object, or NULL.
 */
noinline void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp)
{
	return slab_alloc(cache, gfp, _RET_IP_);
}

/**
 * kmem_cache_alloc_node - allocate an object, preferably on a node
 * @cache: the cache
 * @gfp: as for kmalloc(); with __GFP_THISNODE, from @nid or not at
 *	all
 * @nid: the node, or NUMA_NO_NODE for this CPU's
 *
 * Returns the object, or NULL.
 */
noinline void *kmem_cache_alloc_node(struct kmem_cache *cache, gfp_t gfp,
				     int nid)
{
	return slab_alloc_node(cache, gfp, nid, _RET_IP_);
}

/*
 * kmalloc(): the cache for @size, and an object of it, recorded as
 * allocated by @caller.  ZERO_SIZE_PTR for 0 bytes, NULL for too many.
 */
static __always_inline void *
__do_kmalloc_node(size_t size, gfp_t gfp, int nid, unsigned long caller)
{
	struct kmem_cache *cache = kmalloc_slab(size, gfp);

	if (unlikely(ZERO_OR_NULL_PTR(cache)))
		return cache;
	return slab_alloc_node(cache, gfp, nid, caller);
}

/*
 * Without CONFIG_TRACING 4.0 calls kmem_cache_alloc_node_trace() here,
 * whose _RET_IP_ is inside this function; refmm passes the caller on, so
 * that SLAB_STORE_USER names the function that called kmalloc_node().
 */
noinline void *__kmalloc_node(size_t size, gfp_t gfp, int nid)
{
	return __do_kmalloc_node(size, gfp, nid, _RET_IP_);
}

noinline void *__kmalloc_node_track_caller(size_t size, gfp_t gfp,
					   int nid, unsigned long caller)
{
	return __do_kmalloc_node(size, gfp, nid, caller);
}

/* As __do_kmalloc_node(), from this CPU's node. */
static __always_inline void *__do_kmalloc(size_t size, gfp_t gfp,
					  unsigned long caller)
{
	struct kmem_cache *cache = kmalloc_slab(size, gfp);

	if (unlikely(ZERO_OR_NULL_PTR(cache)))
		return cache;
	return slab_alloc(cache, gfp, caller);
}

noinline void *__kmalloc(size_t size, gfp_t gfp)
{
	return __do_kmalloc(size, gfp, _RET_IP_);
}

noinline void *__kmalloc_track_caller(size_t size, gfp_t gfp,
				      unsigned long caller)
{
	return __do_kmalloc(size, gfp, caller);
}

/**
 * kmem_cache_free - give an object back to its cache
 * @cache: the cache it came from
 * @obj: the object
 */
noinline void kmem_cache_free(struct kmem_cache *cache, void *obj)
{
	unsigned long irqflags;

	cache = cache_from_obj(cache, obj);
	if (!cache)
		return;

	local_irq_save(irqflags);
	__cache_free(cache, obj, _RET_IP_);
	local_irq_restore(irqflags);
}

/**
 * kfree - free kmalloc()ed memory
 * @obj: what kmalloc() returned; NULL and ZERO_SIZE_PTR are ignored
 *
 * The cache is found from the object's page, so only memory from
 * kmalloc() (or a cache's object, though kmem_cache_free() is meant for
 * those) may be passed.
 */
noinline void kfree(const void *obj)
{
	unsigned long irqflags;

	if (unlikely(ZERO_OR_NULL_PTR(obj)))
		return;

	local_irq_save(irqflags);
	kfree_debugcheck(obj);
	__cache_free(virt_to_cache(obj), (void *)obj, _RET_IP_);
	local_irq_restore(irqflags);
}

/*
 * Tuning: the sizes of a cache's arrays.
 */

/* The free objects beyond which a node gives free slabs back at once. */
static unsigned int node_free_limit(struct kmem_cache *cache, int nid)
{
	return (1 + nr_cpus_node(nid)) * cache->batchcount + cache->num;
}

/*
 * Install new shared and alien arrays in the existing node structure @kn:
 * the objects of the old shared array go back to their slabs; alien
 * arrays are only ever set once, so @new_alien is freed if @kn has some.
 */
static void update_kmem_cache_node(struct kmem_cache *cache,
				   struct kmem_cache_node *kn, int nid,
				   struct array_cache *fresh_shared,
				   struct alien_cache **fresh_alien)
{
	struct array_cache *old_shared = kn->shared;
	LIST_HEAD(list);

	spin_lock_irq(&kn->list_lock);
	if (old_shared)
		free_block(cache, old_shared->entry, old_shared->avail, nid,
			   &list);
	kn->shared = fresh_shared;
	if (!kn->alien) {
		kn->alien = fresh_alien;
		fresh_alien = NULL;
	}
	kn->free_limit = node_free_limit(cache, nid);
	spin_unlock_irq(&kn->list_lock);

	slabs_destroy(cache, &list);
	kfree(old_shared);
	free_alien_cache(fresh_alien);
}

/*
 * Give every online node of @cache its shared and alien arrays for the
 * current tunables, making its node structure if it has none.  If that
 * fails for a cache not yet on slab_caches (being created), the node
 * structures made so far are freed again.  Returns 0 or -ENOMEM.
 */
static int alloc_kmem_cache_node(struct kmem_cache *cache, gfp_t gfp)
{
	struct kmem_cache_node *kn;
	int nid;

	for_each_online_node(nid) {
		struct alien_cache **fresh_alien = NULL;
		struct array_cache *fresh_shared = NULL;

		if (use_alien_caches) {
			fresh_alien = alloc_alien_cache(nid, cache->limit, gfp);
			if (!fresh_alien)
				goto fail;
		}
		if (cache->shared) {
			fresh_shared = alloc_arraycache(nid,
					cache->shared * cache->batchcount,
					0xbaadf00d, gfp);
			if (!fresh_shared) {
				free_alien_cache(fresh_alien);
				goto fail;
			}
		}

		kn = get_node(cache, nid);
		if (kn) {
			update_kmem_cache_node(cache, kn, nid, fresh_shared,
					       fresh_alien);
			continue;
		}

		kn = kmalloc_node(sizeof(*kn), gfp, nid);
		if (!kn) {
			free_alien_cache(fresh_alien);
			kfree(fresh_shared);
			goto fail;
		}
		kmem_cache_node_init(kn);
		kn->next_reap = first_node_reap(cache);
		kn->shared = fresh_shared;
		kn->alien = fresh_alien;
		kn->free_limit = node_free_limit(cache, nid);
		cache->node[nid] = kn;
	}
	return 0;

fail:
	if (!cache->list.next) {
		/* not yet in use: undo, from the node before the failed one */
		while (--nid >= 0)
			if (get_node(cache, nid))
				free_kmem_cache_node(cache, nid);
	}
	return -ENOMEM;
}

/*
 * Set @cache's tunables: new CPU arrays of @limit entries moving
 * @batchcount at a time, and a shared array of @shared batches per node.
 * The old CPU arrays' objects go back to their slabs.  Called with
 * slab_mutex held.
 */
static int __do_tune_cpucache(struct kmem_cache *cache, int limit,
			      int batchcount, int shared, gfp_t gfp)
{
	struct array_cache __percpu *fresh, *old;
	int cpu;

	fresh = alloc_kmem_cache_cpus(cache, limit, batchcount);
	if (!fresh)
		return -ENOMEM;

	old = cache->cpu_cache;
	cache->cpu_cache = fresh;
	check_irq_on();
	cache->batchcount = batchcount;
	cache->limit = limit;
	cache->shared = shared;

	if (old) {
		for_each_online_cpu(cpu) {
			struct array_cache *ac = per_cpu_ptr(old, cpu);
			int nid = cpu_to_mem(cpu);
			struct kmem_cache_node *kn = get_node(cache, nid);
			LIST_HEAD(list);

			spin_lock_irq(&kn->list_lock);
			free_block(cache, ac->entry, ac->avail, nid, &list);
			spin_unlock_irq(&kn->list_lock);
			slabs_destroy(cache, &list);
		}
		free_percpu(old);
	}
	return alloc_kmem_cache_node(cache, gfp);
}

static int do_tune_cpucache(struct kmem_cache *cache, int limit,
			    int batchcount, int shared, gfp_t gfp)
{
	/* No kmemcg: no child caches to tune alike. */
	return __do_tune_cpucache(cache, limit, batchcount, shared, gfp);
}

/*
 * How many objects a CPU's array of @cache holds.  The numbers are
 * guesses, as in 4.0 (Bonwick's paper suggests tuning them at run
 * time): fewer for larger objects, whose arrays pin more memory, and a
 * single one for the very large.
 */
static int cpucache_limit(struct kmem_cache *cache)
{
	if (cache->size > 131072)
		return 1;
	if (cache->size > PAGE_SIZE)
		return 8;
	if (cache->size > 1024)
		return 24;
	if (cache->size > 256)
		return 54;
	return 120;
}

/*
 * Size a cache's arrays for its object size.  A shared array, of 8
 * batches per node, helps where objects are allocated on one CPU and
 * freed on another; with one CPU it would only be a larger CPU array,
 * and caches of objects over a page do without.  Called with slab_mutex
 * held.
 */
static int enable_cpucache(struct kmem_cache *cache, gfp_t gfp)
{
	int limit = cpucache_limit(cache);
	int shared = 0;
	int err;

	if (cache->size <= PAGE_SIZE && num_possible_cpus() > 1)
		shared = 8;
#if DEBUG
	/*
	 * Debugging makes each object slower to move: keep batches short,
	 * as they run with interrupts off.
	 */
	limit = min(limit, 32);
#endif
	err = do_tune_cpucache(cache, limit, (limit + 1) / 2, shared, gfp);
	if (err)
		printk(KERN_ERR "enable_cpucache failed for %s, error %d.\n",
		       cache->name, -err);
	return err;
}

/*
 * Trim array @ac (a CPU's, or node @nid's shared one) of @cache.  With
 * @force, empty it.  Otherwise leave an array used since the last visit
 * alone (only clearing touched), and trim an idle one by a fifth of its
 * limit, or half of what it holds if that is less.  The oldest objects
 * (the bottom) go.  kn->list_lock is taken only when there is work.
 */
static void drain_array(struct kmem_cache *cache, struct kmem_cache_node *kn,
			struct array_cache *ac, int force, int nid)
{
	LIST_HEAD(list);

	if (!ac || !ac->avail)
		return;
	if (ac->touched && !force) {
		ac->touched = 0;
		return;
	}

	spin_lock_irq(&kn->list_lock);
	if (ac->avail) {
		int nr = force ? (int)ac->avail : (int)(ac->limit + 4) / 5;

		if (nr > (int)ac->avail)
			nr = (ac->avail + 1) / 2;
		free_block(cache, ac->entry, nr, nid, &list);
		ac->avail -= nr;
		memmove(ac->entry, &ac->entry[nr],
			ac->avail * sizeof(void *));
	}
	spin_unlock_irq(&kn->list_lock);
	slabs_destroy(cache, &list);
}

/*
 * One cache's share of a reap on this CPU's node: the alien array whose
 * turn it is, this CPU's array; and, if the node is due (every
 * REAPTIMEOUT_NODE), the shared array and a fifth of free_limit's worth
 * of free slabs, unless the free slabs were used since the last time.
 */
static void cache_reap_one(struct kmem_cache *cache, int nid)
{
	struct kmem_cache_node *kn = get_node(cache, nid);

	reap_alien(cache, kn);
	drain_array(cache, kn, cpu_cache_get(cache), 0, nid);

	/* unlocked: a reap done twice or skipped once does no harm */
	if (time_after(kn->next_reap, jiffies))
		return;
	kn->next_reap = jiffies + REAPTIMEOUT_NODE;

	drain_array(cache, kn, kn->shared, 0, nid);

	if (kn->free_touched) {
		kn->free_touched = 0;
	} else {
		unsigned int batch = 5 * cache->num;
		int tofree = (kn->free_limit + batch - 1) / batch;
		int freed = drain_freelist(cache, kn, tofree);

		STATS_ADD_REAPED(cache, freed);
	}
}

/**
 * cache_reap - give back what the caches have not used lately
 * @w: this CPU's reap work
 *
 * Runs every REAPTIMEOUT_AC on each CPU (a workqueue item): trims every
 * cache on this CPU's node (cache_reap_one()), then moves on to the next
 * node's alien arrays.  If slab_mutex is taken, it skips this round
 * rather than wait.
 */
static void cache_reap(struct work_struct *w)
{
	struct delayed_work *reap_work = to_delayed_work(w);
	int nid = numa_mem_id();
	struct kmem_cache *cache;

	if (mutex_trylock(&slab_mutex)) {
		list_for_each_entry(cache, &slab_caches, list) {
			check_irq_on();
			cache_reap_one(cache, nid);
			cond_resched();
		}
		check_irq_on();
		mutex_unlock(&slab_mutex);
		next_reap_node();
	}
	schedule_delayed_work(reap_work,
			      round_jiffies_relative(REAPTIMEOUT_AC));
}

/* CONFIG_SLABINFO */

/*
 * The figures of @cache's /proc/slabinfo line, counted from its slab
 * lists.  The lists are checked against the counters as they are
 * walked; the first disagreement is reported.
 */
void get_slabinfo(struct kmem_cache *cache, struct slabinfo *sinfo)
{
	unsigned long objs_used = 0, slabs_used = 0, slabs_empty = 0;
	unsigned long objs_free = 0, objs_shared = 0, objs_total;
	const char *problem = NULL;
	struct kmem_cache_node *kn;
	struct page *slab;
	int nid;

	for_each_kmem_cache_node(cache, nid, kn) {
		check_irq_on();
		spin_lock_irq(&kn->list_lock);

		list_for_each_entry(slab, &kn->slabs_full, lru) {
			if (slab->active != cache->num && !problem)
				problem = "slabs_full accounting error";
			objs_used += cache->num;
			slabs_used++;
		}
		list_for_each_entry(slab, &kn->slabs_partial, lru) {
			if ((slab->active == cache->num || !slab->active) &&
			    !problem)
				problem = "slabs_partial accounting error";
			objs_used += slab->active;
			slabs_used++;
		}
		list_for_each_entry(slab, &kn->slabs_free, lru) {
			if (slab->active && !problem)
				problem = "slabs_free accounting error";
			slabs_empty++;
		}
		objs_free += kn->free_objects;
		if (kn->shared)
			objs_shared += kn->shared->avail;

		spin_unlock_irq(&kn->list_lock);
	}
	objs_total = (slabs_used + slabs_empty) * cache->num;
	if (objs_total - objs_used != objs_free && !problem)
		problem = "free_objects accounting error";
	if (problem)
		printk(KERN_ERR "slab: cache %s error: %s\n", cache->name,
		       problem);

	sinfo->active_objs = objs_used;
	sinfo->num_objs = objs_total;
	sinfo->active_slabs = slabs_used;
	sinfo->num_slabs = slabs_used + slabs_empty;
	sinfo->shared_avail = objs_shared;
	sinfo->limit = cache->limit;
	sinfo->batchcount = cache->batchcount;
	sinfo->shared = cache->shared;
	sinfo->objects_per_slab = cache->num;
	sinfo->cache_order = cache->gfporder;
}

/* The statistics columns of @cache's slabinfo line (CONFIG_DEBUG_SLAB). */
void slabinfo_show_stats(struct seq_file *m, struct kmem_cache *cache)
{
#if STATS
	seq_printf(m, " : globalstat %7lu %6lu %5lu %4lu %4lu %4lu %4lu "
		   "%4lu %4lu", cache->num_allocations, cache->high_mark,
		   cache->grown, cache->reaped, cache->errors,
		   cache->max_freeable, cache->node_allocs,
		   cache->node_frees, cache->node_overflow);
	seq_printf(m, " : cpustat %6lu %6lu %6lu %6lu",
		   (unsigned long)atomic_read(&cache->allochit),
		   (unsigned long)atomic_read(&cache->allocmiss),
		   (unsigned long)atomic_read(&cache->freehit),
		   (unsigned long)atomic_read(&cache->freemiss));
#else
	(void)m;
	(void)cache;
#endif
}

#define MAX_SLABINFO_WRITE 128
/**
 * slabinfo_write - tune a cache, as a write to /proc/slabinfo does
 * @buffer: "NAME LIMIT BATCHCOUNT SHAREDFACTOR"
 * @count: its length
 *
 * Values out of range (a limit or batchcount below 1, a batchcount
 * above the limit, a negative shared factor) are ignored, as in 4.0.
 * Returns @count, or -EINVAL for a malformed line or unknown cache, or
 * the tuning's error.
 */
int slabinfo_write(const char *buffer, size_t count)
{
	char kbuf[MAX_SLABINFO_WRITE + 1], *args;
	int limit, batchcount, shared, res = -EINVAL;
	struct kmem_cache *cache;

	if (count > MAX_SLABINFO_WRITE)
		return -EINVAL;
	memcpy(kbuf, buffer, count);
	kbuf[count] = '\0';

	args = strchr(kbuf, ' ');
	if (!args)
		return -EINVAL;
	*args++ = '\0';
	if (sscanf(args, " %d %d %d", &limit, &batchcount, &shared) != 3)
		return -EINVAL;

	mutex_lock(&slab_mutex);
	list_for_each_entry(cache, &slab_caches, list) {
		if (strcmp(cache->name, kbuf))
			continue;
		if (limit < 1 || batchcount < 1 || batchcount > limit ||
		    shared < 0)
			res = 0;
		else
			res = do_tune_cpucache(cache, limit, batchcount,
					       shared, GFP_KERNEL);
		break;
	}
	mutex_unlock(&slab_mutex);
	return res < 0 ? res : (int)count;
}

/**
 * ksize - the usable size of a kmalloc()ed object
 * @obj: the object
 *
 * kmalloc() rounds requests up to its size classes; the caller may use
 * all of the object, not only what it asked for.  @obj must be a live
 * object of kmalloc() or of a cache.  0 for ZERO_SIZE_PTR.
 */
size_t ksize(const void *obj)
{
	BUG_ON(!obj);
	if (unlikely(obj == ZERO_SIZE_PTR))
		return 0;
	return virt_to_cache(obj)->object_size;
}

/*
 * ---- refmm: the census (see <refmm/slab.h>) ----
 *
 * Not kernel code: the check a CONFIG_DEBUG_VM-minded reader of mm/slab.c
 * would write, and the source of the truth file's "caches".  It reads the
 * structures only, in host memory of its own, and reports the first
 * inconsistency instead of trusting a counter.
 */
#include <stdarg.h>
#include <stdlib.h>

struct census_slab {
	struct page *slab;
	int nid;
	u64 free[4];		/* indices on the freelist (num <= 255) */
	u64 cached[4];		/* indices found in an array cache */
};

struct census {
	struct kmem_cache *cache;
	struct census_slab *slabs;
	size_t nr, cap;
	char *err;
	size_t errlen;
};

static int census_fail(struct census *cs, const char *fmt, ...)
	__printf(2, 3);
static int census_fail(struct census *cs, const char *fmt, ...)
{
	va_list ap;
	int len;

	len = snprintf(cs->err, cs->errlen, "cache %s: ",
		     cs->cache->name ? cs->cache->name : "(null)");
	if (len < 0 || (size_t)len >= cs->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(cs->err + len, cs->errlen - len, fmt, ap);
	va_end(ap);
	return -1;
}

static inline bool bit_test(const u64 *b, unsigned int i)
{
	return (b[i / 64] >> (i % 64)) & 1;
}

static inline void bit_set(u64 *b, unsigned int i)
{
	b[i / 64] |= 1ULL << (i % 64);
}

static const char *const census_list_names[] = {
	"slabs_full", "slabs_partial", "slabs_free"
};

/* Walk one slab list of node @nid; @which indexes census_list_names. */
static int census_walk_list(struct census *cs, struct list_head *head,
			    int nid, int which, unsigned long *count)
{
	struct kmem_cache *cache = cs->cache;
	unsigned long bound = totalram_pages + 1;
	struct list_head *pos;

	*count = 0;
	for (pos = head->next; pos != head; pos = pos->next) {
		struct page *slab = list_entry(pos, struct page, lru);
		struct census_slab *s;
		unsigned int i;

		if (++*count > bound)
			return census_fail(cs, "node %d: %s does not end",
					   nid, census_list_names[which]);
		if (!virt_addr_valid(slab) || !PageSlab(slab) ||
		    slab->slab_cache != cache)
			return census_fail(cs, "node %d: %s holds %p, not a slab of this cache",
					   nid, census_list_names[which], slab);
		if (page_to_nid(slab) != nid)
			return census_fail(cs, "node %d: %s holds slab %p of node %d",
					   nid, census_list_names[which], slab,
					   page_to_nid(slab));
		if ((which == 0 && slab->active != cache->num) ||
		    (which == 1 && (slab->active == 0 ||
				    slab->active >= cache->num)) ||
		    (which == 2 && slab->active != 0))
			return census_fail(cs, "node %d: slab %p on %s has active %u of %u",
					   nid, slab, census_list_names[which],
					   slab->active, cache->num);
		if (cs->nr == cs->cap) {
			size_t cap = cs->cap ? 2 * cs->cap : 256;
			struct census_slab *grown;

			grown = realloc(cs->slabs, cap * sizeof(*grown));

			if (!grown)
				return census_fail(cs, "out of memory");
			cs->slabs = grown;
			cs->cap = cap;
		}
		s = &cs->slabs[cs->nr++];
		memset(s, 0, sizeof(*s));
		s->slab = slab;
		s->nid = nid;
		for (i = slab->active; i < cache->num; i++) {
			unsigned int idx = get_free_obj(slab, i);

			if (idx >= cache->num)
				return census_fail(cs, "slab %p: freelist[%u] = %u, beyond num %u",
						   slab, i, idx, cache->num);
			if (bit_test(s->free, idx))
				return census_fail(cs, "slab %p: object %u twice on the freelist",
						   slab, idx);
			bit_set(s->free, idx);
		}
	}
	return 0;
}

static int census_cmp_slab(const void *a, const void *b)
{
	const struct census_slab *x = a, *y = b;

	return x->slab < y->slab ? -1 : x->slab > y->slab;
}

static struct census_slab *census_find(struct census *cs, struct page *slab)
{
	struct census_slab key = { .slab = slab };

	if (!cs->nr)
		return NULL;
	return bsearch(&key, cs->slabs, cs->nr, sizeof(key), census_cmp_slab);
}

/* Every entry of an array cache: a free object of this cache, once. */
static int census_array(struct census *cs, struct array_cache *ac,
			const char *what, enum refmm_obj_where where, int id,
			refmm_obj_fn fn, void *arg)
{
	struct kmem_cache *cache = cs->cache;
	unsigned int i;

	if (ac->avail > ac->limit)
		return census_fail(cs, "%s array %p: avail %u > limit %u",
				   what, ac, ac->avail, ac->limit);
	for (i = 0; i < ac->avail; i++) {
		void *obj = ac->entry[i];
		struct census_slab *s;
		struct page *slab;
		unsigned int idx;

		if (!virt_addr_valid(obj))
			return census_fail(cs, "%s array %p: entry %u = %p is not in RAM",
					   what, ac, i, obj);
		slab = virt_to_head_page(obj);
		s = census_find(cs, slab);
		if (!s)
			return census_fail(cs, "%s array %p: entry %u = %p is in no slab of the cache",
					   what, ac, i, obj);
		idx = obj_to_index(cache, slab, obj);
		if (idx >= cache->num || index_to_obj(cache, slab, idx) != obj)
			return census_fail(cs, "%s array %p: entry %u = %p is not an object's start",
					   what, ac, i, obj);
		if (bit_test(s->free, idx))
			return census_fail(cs, "%s array %p: object %p is also on its slab's freelist",
					   what, ac, obj);
		if (bit_test(s->cached, idx))
			return census_fail(cs, "%s array %p: object %p is in an array twice",
					   what, ac, obj);
		bit_set(s->cached, idx);
		if (fn) {
			int r = fn(obj, where, id, arg);

			if (r)
				return r;
		}
	}
	return 0;
}

static void census_note_array(struct refmm_array_census *a,
			      struct array_cache *ac)
{
	a->addr = (unsigned long)ac;
	a->avail = ac->avail;
	a->limit = ac->limit;
	a->batchcount = ac->batchcount;
	a->touched = ac->touched;
}

int refmm_slab_census(struct kmem_cache *cache, struct refmm_cache_census *c,
		      refmm_obj_fn fn, void *arg, char *err, size_t errlen)
{
	struct census cs = { .cache = cache, .err = err, .errlen = errlen };
	struct kmem_cache_node *kn;
	int nid, cpu, ret = 0;
	size_t k;

	memset(c, 0, sizeof(*c));
	c->off_slab = OFF_SLAB(cache);
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		struct refmm_node_census *nc = &c->node[nid];
		unsigned long lists[3];

		kn = nid < nr_node_ids ? get_node(cache, nid) : NULL;
		if (!kn) {
			if (nid < MAX_NUMNODES && node_online(nid)) {
				ret = census_fail(&cs, "node %d is online but has no kmem_cache_node",
						  nid);
				goto out;
			}
			continue;
		}
		nc->addr = (unsigned long)kn;
		ret = census_walk_list(&cs, &kn->slabs_full, nid, 0, &lists[0]);
		if (!ret)
			ret = census_walk_list(&cs, &kn->slabs_partial, nid, 1,
					       &lists[1]);
		if (!ret)
			ret = census_walk_list(&cs, &kn->slabs_free, nid, 2,
					       &lists[2]);
		if (ret)
			goto out;
		nc->full_slabs = lists[0];
		nc->partial_slabs = lists[1];
		nc->free_slabs = lists[2];
		nc->free_objects = kn->free_objects;
		nc->free_limit = kn->free_limit;
	}

	if (cs.nr)	/* qsort() and bsearch() want an array, even empty */
		qsort(cs.slabs, cs.nr, sizeof(*cs.slabs), census_cmp_slab);
	for (k = 1; k < cs.nr; k++)
		if (cs.slabs[k].slab == cs.slabs[k - 1].slab) {
			ret = census_fail(&cs, "slab %p is on two lists",
					  cs.slabs[k].slab);
			goto out;
		}
	for (k = 0; k < cs.nr; k++) {
		struct census_slab *s = &cs.slabs[k];
		unsigned long nfree = cache->num - s->slab->active;

		c->node[s->nid].free_in_slabs += nfree;
	}
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		struct refmm_node_census *nc = &c->node[nid];

		if (nc->addr && nc->free_in_slabs != nc->free_objects) {
			ret = census_fail(&cs, "node %d: free_objects %lu, but the slabs' freelists hold %lu",
					  nid, nc->free_objects,
					  nc->free_in_slabs);
			goto out;
		}
	}

	/* The arrays: per CPU, then each node's shared and alien arrays. */
	if (cache->cpu_cache) {
		for_each_online_cpu(cpu) {
			struct array_cache *ac = per_cpu_ptr(cache->cpu_cache,
							     cpu);

			census_note_array(&c->cpu[cpu], ac);
			ret = census_array(&cs, ac, "cpu", REFMM_OBJ_CPU, cpu,
					   fn, arg);
			if (ret)
				goto out;
			c->cpu_cached += ac->avail;
		}
	}
	for_each_kmem_cache_node(cache, nid, kn) {
		struct refmm_node_census *nc = &c->node[nid];
		int i;

		if (kn->shared) {
			census_note_array(&nc->shared, kn->shared);
			ret = census_array(&cs, kn->shared, "shared",
					   REFMM_OBJ_SHARED, nid, fn, arg);
			if (ret)
				goto out;
			c->shared_cached += kn->shared->avail;
		}
		if (!kn->alien)
			continue;
		for (i = 0; i < nr_node_ids; i++) {
			struct alien_cache *alc = kn->alien[i];

			if (!alc)
				continue;
			census_note_array(&nc->alien[i], &alc->ac);
			ret = census_array(&cs, &alc->ac, "alien",
					   REFMM_OBJ_ALIEN,
					   nid * MAX_NUMNODES + i, fn, arg);
			if (ret)
				goto out;
			/* An alien array holds objects of node i only. */
			c->alien_cached += alc->ac.avail;
		}
	}

	/* Every object of every slab, in slab order. */
	for (k = 0; k < cs.nr; k++) {
		struct census_slab *s = &cs.slabs[k];
		unsigned int i;

		for (i = 0; i < cache->num; i++) {
			if (bit_test(s->cached, i))
				continue;	/* reported with its array */
			if (fn) {
				ret = fn(index_to_obj(cache, s->slab, i),
					 bit_test(s->free, i) ?
					 REFMM_OBJ_SLAB_FREE : REFMM_OBJ_INUSE,
					 s->nid, arg);
				if (ret)
					goto out;
			}
		}
	}

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		struct refmm_node_census *nc = &c->node[nid];

		c->active_slabs += nc->full_slabs + nc->partial_slabs;
		c->num_slabs += nc->full_slabs + nc->partial_slabs +
				nc->free_slabs;
		c->free_in_slabs += nc->free_in_slabs;
	}
	c->num_objs = c->num_slabs * cache->num;
	c->slab_active_objs = c->num_objs - c->free_in_slabs;
	c->active_objs = c->slab_active_objs - c->cpu_cached -
			 c->shared_cached - c->alien_cached;
out:
	free(cs.slabs);
	return ret;
}

int refmm_check_slab(char *msg, size_t len)
{
	struct refmm_cache_census *c = malloc(sizeof(*c));
	unsigned long bound = totalram_pages + 1, seen = 0;
	struct list_head *pos;
	int ret = 0;

	if (!c) {
		snprintf(msg, len, "out of memory");
		return -1;
	}
	for (pos = slab_caches.next; pos != &slab_caches; pos = pos->next) {
		struct kmem_cache *cache;

		cache = list_entry(pos, struct kmem_cache, list);

		if (++seen > bound) {
			snprintf(msg, len, "slab_caches does not end");
			ret = -1;
			break;
		}
		ret = refmm_slab_census(cache, c, NULL, NULL, msg, len);
		if (ret)
			break;
	}
	free(c);
	return ret ? -1 : 0;
}

/*
 * refmm only (scenario_corrupt.c): damage one slab of the cache @name the
 * way a bug of its user would, just before the dump, and say in @msg what
 * was damaged where.  Node 0's first partial slab, or its first full one:
 *   slab-freelist-index  the next free index points past the slab's objects
 *   double-free          this cpu's array_cache holds its first object twice
 *   redzone              object 0's trailing red zone overwritten
 *   poison               a free object's poison written after the free
 * Returns -1 with @msg saying why when the cache has nothing to damage (no
 * slab, an empty array_cache, no red zone or poisoning).
 */
int refmm_slab_damage(const char *kind, const char *name, char *msg, size_t len)
{
	struct kmem_cache *cachep = NULL;
	struct kmem_cache_node *n;
	struct page *page = NULL;
	struct list_head *pos;

	for (pos = slab_caches.next; pos != &slab_caches; pos = pos->next) {
		struct kmem_cache *c = list_entry(pos, struct kmem_cache, list);

		if (!strcmp(c->name, name)) {
			cachep = c;
			break;
		}
	}
	if (!cachep) {
		snprintf(msg, len, "no cache %s", name);
		return -1;
	}
	/* a slab with a free object (partial, then free), else a full one */
	n = get_node(cachep, 0);
	if (n) {
		struct page *p;

		list_for_each_entry(p, &n->slabs_partial, lru)
			if (!page && p->active < cachep->num)
				page = p;
		list_for_each_entry(p, &n->slabs_free, lru)
			if (!page && p->active < cachep->num)
				page = p;
		if (!page && !list_empty(&n->slabs_full))
			page = list_first_entry(&n->slabs_full, struct page, lru);
	}

	if (!strcmp(kind, "double-free")) {
		struct array_cache *ac = cpu_cache_get(cachep);

		if (!ac || !ac->avail || ac->avail >= ac->limit) {
			snprintf(msg, len, "cache %s: no room in this cpu's array_cache", name);
			return -1;
		}
		ac->entry[ac->avail] = ac->entry[0];
		ac->avail++;
		snprintf(msg, len, "cache %s: array_cache %p entry[%u] = entry[0] = %p", name,
			 (void *)ac, ac->avail - 1, ac->entry[0]);
		return 0;
	}
	if (!page) {
		snprintf(msg, len, "cache %s: node 0 has no slab", name);
		return -1;
	}
	if (!strcmp(kind, "slab-freelist-index")) {
		if (page->active >= cachep->num) {
			snprintf(msg, len, "cache %s: slab page %p has no free object", name, (void *)page);
			return -1;
		}
		set_free_obj(page, page->active, (freelist_idx_t)(cachep->num + 7));
		snprintf(msg, len, "cache %s: slab page %p freelist[%u] = %u (%u objects)", name,
			 (void *)page, page->active, cachep->num + 7, cachep->num);
		return 0;
	}
#if DEBUG
	if (!strcmp(kind, "redzone")) {
		void *objp = index_to_obj(cachep, page, 0);

		if (!(cachep->flags & SLAB_RED_ZONE)) {
			snprintf(msg, len, "cache %s has no red zones (flags=SLAB_RED_ZONE)", name);
			return -1;
		}
		*dbg_redzone2(cachep, objp) = 0x0123456789abcdefULL;
		snprintf(msg, len, "cache %s: slab page %p object %p red zone 2 at %p overwritten",
			 name, (void *)page, objp, (void *)dbg_redzone2(cachep, objp));
		return 0;
	}
	if (!strcmp(kind, "poison")) {
		void *objp;

		if (!(cachep->flags & SLAB_POISON) || page->active >= cachep->num) {
			snprintf(msg, len, "cache %s: no poisoned free object (flags=SLAB_POISON)",
				 name);
			return -1;
		}
		objp = index_to_obj(cachep, page, get_free_obj(page, page->active));
		((unsigned char *)objp)[obj_offset(cachep)] = 0;
		snprintf(msg, len, "cache %s: slab page %p free object %p written after free", name,
			 (void *)page, objp);
		return 0;
	}
#else
	if (!strcmp(kind, "redzone") || !strcmp(kind, "poison")) {
		snprintf(msg, len, "this refmm has no CONFIG_DEBUG_SLAB: no red zones or poison "
			 "(refmm-alt has them)");
		return -1;
	}
#endif
	snprintf(msg, len, "unknown slab damage %s", kind);
	return -1;
}
