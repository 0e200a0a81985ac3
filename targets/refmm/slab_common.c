// SPDX-License-Identifier: GPL-2.0-only
/*
 * slab_common.c - the parts of the object allocator that do not depend on
 * how objects are laid out (mm/slab_common.c, Linux 4.0).
 *
 * Three things live here:
 *
 *  - Cache creation and destruction.  kmem_cache_create() first looks for
 *    an existing cache it can reuse ("merging"): two caches whose objects
 *    differ by less than a word in size, have compatible alignment and
 *    flags, and no constructor, can share one set of slabs.  That keeps
 *    the number of half-empty slabs down.  Only when none fits does it
 *    make a struct kmem_cache and let the allocator (mm/slab.c) set it
 *    up.  Destroying a merged cache only drops a reference.
 *
 *  - The kmalloc caches.  kmalloc_caches[i] serves sizes up to
 *    kmalloc_size(i): 2^i for i > 2, and the two odd classes 96 (index 1)
 *    and 192 (index 2).  size_index[] maps small sizes, in steps of 8
 *    bytes, to an index so that the odd classes can be found without a
 *    division; above 192 bytes the index is the bit length of size - 1.
 *    kmalloc_dma_caches[] mirrors the table for GFP_DMA.
 *
 *  - /proc/slabinfo, printed from what the allocator reports.
 *
 * slab_caches lists every cache, newest first, through kmem_cache->list:
 * kmem_cache (the cache of struct kmem_cache) is made first and so ends
 * the list, the kmalloc caches come before it, the workload's caches
 * first.  slab_mutex guards the list and every cache's tunables.
 *
 * Departures from 4.0: no memcg child caches, no sysfs, no RCU barrier
 * when an SLAB_DESTROY_BY_RCU cache goes, and kmem_cache_sanity_check()
 * cannot probe a name's memory as probe_kernel_address() would, so it
 * checks the arguments only.
 */
#include <errno.h>
#include <stdlib.h>

#include <linux/bitops.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <refmm/slab.h>

#include "slab.h"

enum slab_state slab_state __kdata;
struct list_head slab_caches __kdata = LIST_HEAD_INIT(slab_caches);
struct mutex slab_mutex __kdata = __MUTEX_INITIALIZER(slab_mutex);
struct kmem_cache *kmem_cache __kdata;

/*
 * A cache with any of these is never shared: each debugging option
 * watches one cache's objects, tracing and leak tracking would mix
 * callers, RCU-freed slabs have their own lifetime, and failslab picks
 * caches by name.
 */
#define SLAB_NEVER_MERGE	(SLAB_RED_ZONE | SLAB_POISON | \
				 SLAB_STORE_USER | SLAB_TRACE | \
				 SLAB_DESTROY_BY_RCU | SLAB_NOLEAKTRACE | \
				 SLAB_FAILSLAB)

/* Two caches may share slabs only if they agree on these. */
#define SLAB_MERGE_SAME		(SLAB_DEBUG_FREE | SLAB_RECLAIM_ACCOUNT | \
				 SLAB_CACHE_DMA | SLAB_NOTRACK)

/*
 * Turns merging off altogether; the kernel sets it from "slab_nomerge" on
 * its command line, refmm's tests from their code.
 */
int slab_nomerge __kdata;

/**
 * kmem_cache_size - the object size a cache was created with
 * @s: the cache
 *
 * For a merged cache, the largest size any of its creators asked for.
 */
unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}

/*
 * What CONFIG_DEBUG_VM checks of kmem_cache_create()'s arguments: a name,
 * room for the freelist link a free object may hold, and no more than a
 * kmalloc can serve.  A space in the name would break slabinfo's columns.
 */
static int kmem_cache_sanity_check(const char *name, size_t size)
{
	bool sane = name && size >= sizeof(void *) && size <= KMALLOC_MAX_SIZE;

	if (!sane) {
		pr_err("kmem_cache_create(%s) integrity check failed\n", name);
		return -EINVAL;
	}
	WARN_ON(strchr(name, ' '));
	return 0;
}

/*
 * Can @s take on other creators?  Not if merging is off or its flags
 * forbid it, not if it has a constructor (objects of another user would
 * be constructed wrongly), and not while boot has it pinned
 * (refcount < 0: create_boot_cache()).
 */
int slab_unmergeable(struct kmem_cache *s)
{
	if (slab_nomerge || (s->flags & SLAB_NEVER_MERGE))
		return 1;
	if (!is_root_cache(s) || s->ctor)
		return 1;
	return s->refcount < 0;
}

/*
 * Does cache @s suit objects of @size bytes, aligned to @align, with
 * @flags (all three as the new cache would have them)?  Its objects must
 * be at least as large but not a word or more larger, aligned at least
 * as strictly (SLAB compares the cache's alignment too), and the flags
 * that matter must agree.
 */
static bool cache_fits(struct kmem_cache *s, size_t size, size_t align,
		       unsigned long flags)
{
	if (s->size < size || s->size - size >= sizeof(void *))
		return false;
	if ((s->flags ^ flags) & SLAB_MERGE_SAME)
		return false;
	if (s->size & (align - 1))	/* rounding down to align changes it */
		return false;
	/* IS_ENABLED(CONFIG_SLAB) */
	return !align || (align <= (size_t)s->align && s->align % align == 0);
}

/**
 * find_mergeable - an existing cache a new one could share
 * @size: the object size asked for
 * @align: the alignment asked for
 * @flags: SLAB_* flags asked for
 * @name: the new cache's name
 * @ctor: its constructor
 *
 * The size and alignment are first worked out as __kmem_cache_create()
 * would for a cache of its own; the newest suitable cache wins.  Returns
 * NULL when the new cache must be one of its own.
 */
struct kmem_cache *find_mergeable(size_t size, size_t align,
		unsigned long flags, const char *name, void (*ctor)(void *))
{
	size_t own_size, own_align;
	unsigned long own_flags;
	struct kmem_cache *s;

	if (slab_nomerge || ctor || (flags & SLAB_NEVER_MERGE))
		return NULL;

	own_size = ALIGN(size, sizeof(void *));
	own_align = calculate_alignment(flags, align, own_size);
	own_size = ALIGN(own_size, own_align);
	own_flags = kmem_cache_flags(own_size, flags, name, NULL);

	list_for_each_entry(s, &slab_caches, list) {
		if (!slab_unmergeable(s) &&
		    cache_fits(s, own_size, own_align, own_flags))
			return s;
	}
	return NULL;
}

/**
 * calculate_alignment - the alignment a cache's objects will get
 * @flags: SLAB_* flags; SLAB_HWCACHE_ALIGN asks for cache line alignment
 * @align: what the creator asked for (0: nothing in particular)
 * @size: the object size
 *
 * SLAB_HWCACHE_ALIGN means: do not let an object straddle more cache
 * lines than it must.  A small object only needs the largest power of
 * two fraction of a line that it does not fit in twice, so 24-byte
 * objects align to 32 and 16-byte ones to 16.  Never less than
 * ARCH_SLAB_MINALIGN, always a multiple of the word size.
 */
unsigned long calculate_alignment(unsigned long flags,
		unsigned long align, unsigned long size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned long line = L1_CACHE_BYTES;	/* cache_line_size() */

		while (line / 2 >= size)
			line /= 2;
		if (line > align)
			align = line;
	}
	align = max(align, (unsigned long)ARCH_SLAB_MINALIGN);
	return ALIGN(align, sizeof(void *));
}

/*
 * A new cache of its own: its struct kmem_cache from the kmem_cache cache,
 * set up by the allocator, then listed.  Returns it, or an ERR_PTR().
 */
static struct kmem_cache *
do_kmem_cache_create(char *name, size_t object_size, size_t size, size_t align,
		     unsigned long flags, void (*ctor)(void *))
{
	struct kmem_cache *s;
	int err;

	s = kmem_cache_zalloc(kmem_cache, GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);

	s->name = name;
	s->object_size = object_size;
	s->size = size;
	s->align = align;
	s->ctor = ctor;

	err = __kmem_cache_create(s, flags);
	if (err) {
		kmem_cache_free(kmem_cache, s);
		return ERR_PTR(err);
	}

	s->refcount = 1;
	list_add(&s->list, &slab_caches);
	return s;
}

/*
 * Creation failed with @err: panic if the creator cannot go on without
 * the cache, complain otherwise.
 */
static void kmem_cache_create_failed(const char *name, unsigned long flags,
				     int err)
{
	if (flags & SLAB_PANIC)
		panic("kmem_cache_create: Failed to create slab '%s'. "
		      "Error %d\n", name, err);
	printk(KERN_WARNING "kmem_cache_create(%s) failed with error %d",
	       name, err);
	dump_stack();
}

/**
 * kmem_cache_create - make a cache of objects of one size
 * @name: what /proc/slabinfo calls it (copied; no spaces)
 * @size: bytes per object
 * @align: alignment the objects need, 0 for the default
 * @flags: SLAB_* flags: SLAB_HWCACHE_ALIGN for cache-line alignment,
 *	SLAB_CACHE_DMA for ZONE_DMA memory, SLAB_PANIC to panic rather
 *	than fail, SLAB_RECLAIM_ACCOUNT for shrinkable caches; with
 *	CONFIG_DEBUG_SLAB also SLAB_RED_ZONE, SLAB_POISON, SLAB_STORE_USER
 * @ctor: run on every object when its slab is made, or NULL; objects go
 *	back to the cache in their constructed state
 *
 * May sleep.  If an existing cache fits (see find_mergeable()) that cache
 * is returned, with one more reference.  Returns NULL on failure.
 */
struct kmem_cache *
kmem_cache_create(const char *name, size_t size, size_t align,
		  unsigned long flags, void (*ctor)(void *))
{
	struct kmem_cache *s = NULL;
	char *name_copy;
	int err;

	mutex_lock(&slab_mutex);

	err = kmem_cache_sanity_check(name, size);
	if (err)
		goto out_unlock;

	/* Flags this allocator does not know are dropped, not refused. */
	flags &= CACHE_CREATE_MASK;

	s = __kmem_cache_alias(name, size, align, flags, ctor);
	if (s)
		goto out_unlock;

	name_copy = kstrdup(name, GFP_KERNEL);
	if (!name_copy) {
		err = -ENOMEM;
		goto out_unlock;
	}
	s = do_kmem_cache_create(name_copy, size, size,
				 calculate_alignment(flags, align, size),
				 flags, ctor);
	if (IS_ERR(s)) {
		err = PTR_ERR(s);
		kfree(name_copy);
	}

out_unlock:
	mutex_unlock(&slab_mutex);
	if (err) {
		kmem_cache_create_failed(name, flags, err);
		return NULL;
	}
	return s;
}

/* Free what slab_common.c allocated for a cache: its name and itself. */
void slab_kmem_cache_release(struct kmem_cache *s)
{
	kfree(s->name);
	kmem_cache_free(kmem_cache, s);
}

/**
 * kmem_cache_destroy - drop a reference to a cache, freeing it on the last
 * @s: the cache
 *
 * A cache that still has objects in use is left alone (and reported):
 * its slabs cannot be freed under their users.
 */
void kmem_cache_destroy(struct kmem_cache *s)
{
	bool release = false;

	mutex_lock(&slab_mutex);
	if (--s->refcount == 0) {
		if (__kmem_cache_shutdown(s) == 0) {
			list_del(&s->list);
			release = true;
		} else {
			printk(KERN_ERR "kmem_cache_destroy %s: "
			       "Slab cache still has objects\n", s->name);
			dump_stack();
		}
	}
	mutex_unlock(&slab_mutex);

	/* SLAB_DESTROY_BY_RCU would wait here (rcu_barrier()): no RCU. */
	if (release)
		slab_kmem_cache_release(s);
}

/**
 * kmem_cache_shrink - give a cache's free slabs back to the page allocator
 * @cachep: the cache
 *
 * Returns 0 when no slab is left at all, 1 when some still hold objects.
 */
int kmem_cache_shrink(struct kmem_cache *cachep)
{
	return __kmem_cache_shrink(cachep);
}

/* Can kmalloc() be used yet? */
int slab_is_available(void)
{
	return slab_state >= UP;
}

/*
 * Set up a cache whose struct kmem_cache the caller provides, during boot
 * before kmalloc works.  Such a cache starts pinned against merging
 * (refcount -1); the kmalloc caches are unpinned once made.
 */
void __init create_boot_cache(struct kmem_cache *s, const char *name,
			      size_t size, unsigned long flags)
{
	int err;

	s->name = name;
	s->object_size = size;
	s->size = size;
	s->align = calculate_alignment(flags, ARCH_KMALLOC_MINALIGN, size);

	err = __kmem_cache_create(s, flags);
	if (err)
		panic("Creation of kmalloc slab %s size=%zu failed. "
		      "Reason %d\n", name, size, err);

	s->refcount = -1;
}

/* One kmalloc cache, during boot: failure is fatal. */
struct kmem_cache *__init create_kmalloc_cache(const char *name, size_t size,
					       unsigned long flags)
{
	struct kmem_cache *s;

	s = kmem_cache_zalloc(kmem_cache, GFP_NOWAIT);
	if (!s)
		panic("Out of memory when creating slab %s\n", name);

	create_boot_cache(s, name, size, flags);
	list_add(&s->list, &slab_caches);
	s->refcount = 1;
	return s;
}

struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1] __kdata;
/* CONFIG_ZONE_DMA: the same classes from ZONE_DMA */
struct kmem_cache *kmalloc_dma_caches[KMALLOC_SHIFT_HIGH + 1] __kdata;

/*
 * The kmalloc index for sizes up to 192, one entry per 8 bytes (entry e
 * covers sizes 8e+1 .. 8e+8).  create_kmalloc_caches() adjusts the first
 * entries to the smallest class there is.
 */
static s8 size_index[24] __kdata = {
	3, 4, 5, 5,			/*   8 ..  32 */
	6, 6, 6, 6,			/*  40 ..  64 */
	1, 1, 1, 1,			/*  72 ..  96: kmalloc-96 */
	7, 7, 7, 7,			/* 104 .. 128 */
	2, 2, 2, 2, 2, 2, 2, 2		/* 136 .. 192: kmalloc-192 */
};

/* The size_index[] entry that covers @bytes (at least 1). */
static inline int size_index_elem(size_t bytes)
{
	return (bytes - 1) / 8;
}

/*
 * The cache kmalloc() takes @size bytes from: ZERO_SIZE_PTR for 0 bytes,
 * NULL beyond KMALLOC_MAX_SIZE (with a warning unless __GFP_NOWARN).
 */
struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags)
{
	int index;

	if (unlikely(size > KMALLOC_MAX_SIZE)) {
		WARN_ON_ONCE(!(flags & __GFP_NOWARN));
		return NULL;
	}
	if (!size)
		return ZERO_SIZE_PTR;

	if (size > 192)
		index = fls(size - 1);
	else
		index = size_index[size_index_elem(size)];

	/* CONFIG_ZONE_DMA */
	return (flags & GFP_DMA) ? kmalloc_dma_caches[index] :
				   kmalloc_caches[index];
}

/* Point the size_index[] entries for sizes @from .. @to at @index. */
static void __init size_index_redirect(int from, int to, s8 index)
{
	int bytes;

	for (bytes = from; bytes <= to; bytes += 8) {
		int elem = size_index_elem(bytes);

		if (elem >= (int)ARRAY_SIZE(size_index))
			break;
		size_index[elem] = index;
	}
}

/* The name kmalloc cache @s goes by, from the heap: "kmalloc-96". */
static char *__init kmalloc_cache_name(const char *prefix, int index)
{
	char *name = kasprintf(GFP_NOWAIT, "%s-%d", prefix,
			       kmalloc_size(index));

	BUG_ON(!name);
	return name;
}

/*
 * Make every kmalloc cache that kmem_cache_init() has not made already,
 * name them, and make their DMA twins.  Creation order decides the order
 * on slab_caches and where each struct kmem_cache lies: powers of two
 * upwards, kmalloc-96 right after kmalloc-64 and kmalloc-192 right after
 * kmalloc-128, as in the kernel.
 */
void __init create_kmalloc_caches(unsigned long flags)
{
	int i;

	/*
	 * The table above assumes the smallest class is a power of two of at
	 * most 256 bytes.  Sizes below it go to it; with a 64-byte minimum
	 * kmalloc-96 would be pointless (sizes 72..96 go to 128), with 128
	 * kmalloc-192 too (136..192 go to 256).  x86-64's minimum is 32.
	 */
	BUILD_BUG_ON(KMALLOC_MIN_SIZE > 256 ||
		     (KMALLOC_MIN_SIZE & (KMALLOC_MIN_SIZE - 1)));
	size_index_redirect(8, KMALLOC_MIN_SIZE - 8, KMALLOC_SHIFT_LOW);
	if (KMALLOC_MIN_SIZE >= 64)
		size_index_redirect(72, 96, 7);
	if (KMALLOC_MIN_SIZE >= 128)
		size_index_redirect(136, 192, 8);

	for (i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; i++) {
		if (!kmalloc_caches[i])
			kmalloc_caches[i] = create_kmalloc_cache(NULL, 1 << i,
								 flags);
		if (i == 6 && kmalloc_size(1) && !kmalloc_caches[1])
			kmalloc_caches[1] = create_kmalloc_cache(NULL, 96,
								 flags);
		if (i == 7 && kmalloc_size(2) && !kmalloc_caches[2])
			kmalloc_caches[2] = create_kmalloc_cache(NULL, 192,
								 flags);
	}

	/* kmalloc() works from here on, so names can be kasprintf()ed. */
	slab_state = UP;

	for (i = 0; i <= KMALLOC_SHIFT_HIGH; i++)
		if (kmalloc_caches[i])
			kmalloc_caches[i]->name =
				kmalloc_cache_name("kmalloc", i);

	/* CONFIG_ZONE_DMA */
	for (i = 0; i <= KMALLOC_SHIFT_HIGH; i++) {
		char *name;

		if (!kmalloc_caches[i])
			continue;
		name = kmalloc_cache_name("dma-kmalloc", i);
		kmalloc_dma_caches[i] = create_kmalloc_cache(name,
				kmalloc_size(i), SLAB_CACHE_DMA | flags);
	}
}

/*
 * kmalloc() beyond the largest cache: whole pages, as a compound page so
 * that the order is known when they are freed.  (alloc_kmem_pages() in
 * 4.0 adds kmemcg accounting, which refmm has not.)
 */
void *kmalloc_order(size_t size, gfp_t flags, unsigned int order)
{
	struct page *page;

	(void)size;
	page = alloc_pages(flags | __GFP_COMP, order);
	return page ? page_address(page) : NULL;
}

/* CONFIG_SLABINFO */

/*
 * The two header lines of /proc/slabinfo, version 2.1; with statistics
 * (CONFIG_DEBUG_SLAB) the columns of slabinfo_show_stats() follow.
 */
void print_slabinfo_header(struct seq_file *m)
{
#ifdef CONFIG_DEBUG_SLAB
	seq_puts(m, "slabinfo - version: 2.1 (statistics)\n");
#else
	seq_puts(m, "slabinfo - version: 2.1\n");
#endif
	seq_puts(m, "# name            <active_objs> <num_objs> <objsize> "
		 "<objperslab> <pagesperslab>");
	seq_puts(m, " : tunables <limit> <batchcount> <sharedfactor>");
	seq_puts(m, " : slabdata <active_slabs> <num_slabs> <sharedavail>");
#ifdef CONFIG_DEBUG_SLAB
	seq_puts(m, " : globalstat <listallocs> <maxobjs> <grown> <reaped> "
		 "<error> <maxfreeable> <nodeallocs> <remotefrees> "
		 "<alienoverflow>");
	seq_puts(m, " : cpustat <allochit> <allocmiss> <freehit> <freemiss>");
#endif
	seq_putc(m, '\n');
}

/* One line of /proc/slabinfo: cache @s. */
int cache_show(struct kmem_cache *s, struct seq_file *m)
{
	struct slabinfo info = { 0 };

	get_slabinfo(s, &info);
	seq_printf(m, "%-17s %6lu %6lu %6u %4u %4d", cache_name(s),
		   info.active_objs, info.num_objs, s->size,
		   info.objects_per_slab, 1 << info.cache_order);
	seq_printf(m, " : tunables %4u %4u %4u",
		   info.limit, info.batchcount, info.shared);
	seq_printf(m, " : slabdata %6lu %6lu %6lu",
		   info.active_slabs, info.num_slabs, info.shared_avail);
	slabinfo_show_stats(m, s);
	seq_putc(m, '\n');
	return 0;
}

/*
 * The whole of /proc/slabinfo: the header, then one line per cache in
 * slab_caches order.  The kernel produces it piecewise through a seq_file
 * iterator under slab_mutex (s_start, slab_next, s_show); refmm prints it
 * in one go into a malloc()ed string, NULL when out of memory.
 */
char *refmm_slabinfo(void)
{
	struct seq_file m = { 0 };
	struct kmem_cache *s;

	mutex_lock(&slab_mutex);
	print_slabinfo_header(&m);
	list_for_each_entry(s, &slab_caches, list)
		if (is_root_cache(s))
			cache_show(s, &m);
	mutex_unlock(&slab_mutex);

	if (m.overflow) {
		seq_release_buf(&m);
		return NULL;
	}
	return m.buf;
}

/*
 * The common part of krealloc() and __krealloc(): @p itself if its object
 * is already large enough, else a new object, recorded as allocated by
 * @caller, holding a copy of @p's bytes.  @p is not freed.
 */
static __always_inline void *__do_krealloc(const void *p, size_t new_size,
					   gfp_t flags, unsigned long caller)
{
	size_t have = p ? ksize(p) : 0;
	void *q;

	if (have >= new_size)
		return (void *)p;

	q = __kmalloc_track_caller(new_size, flags, caller);
	if (q && p)
		memcpy(q, p, have);
	return q;
}

/**
 * __krealloc - resize kmalloc()ed memory, keeping the old buffer
 * @p: the buffer, or NULL
 * @new_size: bytes needed
 * @flags: as for kmalloc()
 *
 * Like krealloc(), but when a new buffer is needed the old one is left
 * to the caller to free, for callers that must not free it yet (RCU
 * readers may still see it).  Returns ZERO_SIZE_PTR for 0 bytes.
 */
noinline void *__krealloc(const void *p, size_t new_size, gfp_t flags)
{
	if (unlikely(!new_size))
		return ZERO_SIZE_PTR;
	return __do_krealloc(p, new_size, flags, _RET_IP_);
}

/**
 * krealloc - resize kmalloc()ed memory
 * @p: the buffer, or NULL (then it is kmalloc())
 * @new_size: bytes needed; 0 frees @p
 * @flags: as for kmalloc()
 *
 * Keeps the contents up to the smaller of the two sizes.  If the object
 * @p lives in is large enough already, @p itself comes back; otherwise a
 * new buffer, and @p is freed.  On failure @p is untouched and NULL is
 * returned.
 */
noinline void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	void *q;

	if (unlikely(!new_size)) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}

	q = __do_krealloc(p, new_size, flags, _RET_IP_);
	if (q && q != p)
		kfree(p);
	return q;
}

/**
 * kzfree - kfree() after clearing the memory
 * @p: the buffer, or NULL
 *
 * For buffers that held secrets.  The whole object is cleared, which may
 * be much more than was asked of kmalloc().
 */
void kzfree(const void *p)
{
	void *mem = (void *)p;

	if (unlikely(ZERO_OR_NULL_PTR(mem)))
		return;
	memset(mem, 0, ksize(mem));
	kfree(mem);
}
