/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * slab.h - what the rest of the kernel sees of the object allocator
 * (include/linux/slab.h of Linux 4.0, the CONFIG_SLAB configuration).
 *
 * Two ways in:
 *
 *  - a cache of one kind of object: kmem_cache_create() once, then
 *    kmem_cache_alloc() and kmem_cache_free();
 *  - kmalloc(size) for anything else: the size is rounded up to one of
 *    the general caches, kmalloc-32 .. kmalloc-N where N is the largest
 *    block the page allocator has (4 MiB with MAX_ORDER 11), plus the odd
 *    sizes kmalloc-96 and kmalloc-192; a GFP_DMA request uses the
 *    dma-kmalloc-N twin.  kfree() finds the cache from the page.
 *
 * mm/slab.c is the allocator, mm/slab_common.c what any allocator would
 * share (cache creation and merging, the kmalloc tables, slabinfo).
 *
 * refmm is always NUMA (see <linux/numa.h>) and has neither tracing nor
 * kmemcg, kmemleak, kmemcheck or KASan, so the hooks they add to this
 * header are absent.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/bitops.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <asm/page.h>

/*
 * Flags of kmem_cache_create(), with the kernel's values, which a dump
 * shows in kmem_cache->flags.  The debugging ones take effect only with
 * CONFIG_DEBUG_SLAB; the others always.
 */
/* debugging (CONFIG_DEBUG_SLAB) */
#define SLAB_DEBUG_FREE		0x00000100UL	/* check the cache on free */
#define SLAB_RED_ZONE		0x00000400UL	/* guard words around objects */
#define SLAB_POISON		0x00000800UL	/* fill free objects: 0x6b */
#define SLAB_STORE_USER		0x00010000UL	/* remember the last caller */
/* placement of objects and slabs */
#define SLAB_HWCACHE_ALIGN	0x00002000UL	/* start objects on a line */
#define SLAB_CACHE_DMA		0x00004000UL	/* slabs from ZONE_DMA */
#define SLAB_MEM_SPREAD		0x00100000UL	/* spread over the cpuset */
/* grouping by mobility: these slabs can be shrunk on demand */
#define SLAB_RECLAIM_ACCOUNT	0x00020000UL
#define SLAB_TEMPORARY		SLAB_RECLAIM_ACCOUNT	/* short-lived */
/* behaviour */
#define SLAB_PANIC		0x00040000UL	/* creation failure panics */
#define SLAB_TRACE		0x00200000UL	/* trace allocs and frees */
#define SLAB_NOLEAKTRACE	0x00800000UL	/* not for kmemleak */
#define SLAB_FAILSLAB		0x02000000UL	/* failslab may fail it */
/*
 * SLAB_DESTROY_BY_RCU keeps a slab's pages from going back to the page
 * allocator until an RCU grace period has passed; the objects themselves
 * are reused at once.  refmm has no RCU and frees the pages right away,
 * which a single-threaded machine cannot tell apart.
 */
#define SLAB_DESTROY_BY_RCU	0x00080000UL
/* Features that are configured out here (no DEBUG_OBJECTS, KMEMCHECK). */
#define SLAB_DEBUG_OBJECTS	0x00000000UL
#define SLAB_NOTRACK		0x00000000UL

/*
 * What kmalloc(0) returns: not NULL, since nothing failed, but a pointer
 * whose use faults at once.  kfree() and ksize() accept it like NULL.
 */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	\
	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/* The caller of the current function, recorded by SLAB_STORE_USER. */
#define _RET_IP_		(unsigned long)__builtin_return_address(0)

struct kmem_cache;

/* Boot (mm/slab.c): kmem_cache_init() once the page allocator runs. */
void __init kmem_cache_init(void);
void __init kmem_cache_init_late(void);
int slab_is_available(void);

/* Caches (mm/slab_common.c). */
struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align, unsigned long flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
int kmem_cache_shrink(struct kmem_cache *s);
unsigned int kmem_cache_size(struct kmem_cache *s);

/*
 * A cache for struct @__struct, named after it and aligned as the
 * compiler aligns it.
 */
#define KMEM_CACHE(__struct, __flags)					\
	kmem_cache_create(#__struct, sizeof(struct __struct),		\
			  __alignof__(struct __struct), (__flags), NULL)

/* Objects (mm/slab.c); the _node variants prefer memory of @node. */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int node);
void kmem_cache_free(struct kmem_cache *s, void *objp);

/* Any kmalloc()ed memory. */
void *__krealloc(const void *p, size_t new_size, gfp_t flags);
void *krealloc(const void *p, size_t new_size, gfp_t flags);
void kfree(const void *objp);
void kzfree(const void *p);
size_t ksize(const void *objp);

/*
 * The least alignment of kmalloc() memory and of any slab object: that
 * of a 64-bit integer.  (x86-64 does DMA into any address, so it has no
 * ARCH_DMA_MINALIGN to raise it.)
 */
#define ARCH_KMALLOC_MINALIGN	__alignof__(unsigned long long)
#define ARCH_SLAB_MINALIGN	__alignof__(unsigned long long)

/*
 * The kmalloc size classes as powers of two.  SLAB serves every size up
 * to the largest block the page allocator has, 2^(MAX_ORDER - 1) pages,
 * but never above 32 MiB: 4 MiB with MAX_ORDER 11, 16 MiB with 13.
 * The smallest class is 32 bytes.
 */
#define KMALLOC_SHIFT_HIGH	min(MAX_ORDER + PAGE_SHIFT - 1, 25)
#define KMALLOC_SHIFT_MAX	KMALLOC_SHIFT_HIGH
#define KMALLOC_SHIFT_LOW	5
#define KMALLOC_MAX_SIZE	(1UL << KMALLOC_SHIFT_MAX)	/* kmalloc */
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)	/* a cache */
#define KMALLOC_MAX_ORDER	(KMALLOC_SHIFT_MAX - PAGE_SHIFT)
#define KMALLOC_MIN_SIZE	(1 << KMALLOC_SHIFT_LOW)

/*
 * A slab's freelist holds one index per object, a byte when a byte can
 * count every object a page can hold.  That is the case when no object
 * is smaller than PAGE_SIZE / 256 = 16 bytes, so that is the smallest
 * object size, unless kmalloc goes lower still (then indices are wider).
 */
#define SLAB_OBJ_MIN_SIZE	min(KMALLOC_MIN_SIZE, 16)

/*
 * The general caches by index: index n > 2 serves sizes up to 2^n,
 * index 1 is 96 bytes and index 2 is 192.  Unused indices stay NULL.
 */
extern struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];
extern struct kmem_cache *kmalloc_dma_caches[KMALLOC_SHIFT_HIGH + 1];

/*
 * The size of the objects of kmalloc_caches[@n], or 0 where no cache
 * exists.  The odd sizes exist only while the smallest class is small
 * enough not to cover them.
 */
static __always_inline int kmalloc_size(int n)
{
	if (n > 2)
		return 1 << n;
	if (n == 1)
		return KMALLOC_MIN_SIZE <= 32 ? 96 : 0;
	if (n == 2)
		return KMALLOC_MIN_SIZE <= 64 ? 192 : 0;
	return 0;
}

/*
 * The index of the kmalloc cache serving @size bytes; 0 for 0 bytes.
 * Inline and branch-only, so that kmalloc() of a constant size picks its
 * cache at compile time.  The 96- and 192-byte caches catch what lies
 * just above 64 and 128, where rounding up to a power of two would waste
 * the most; every other size takes the next power of two.
 */
static __always_inline int kmalloc_index(size_t size)
{
	if (size == 0)
		return 0;
	if (size <= KMALLOC_MIN_SIZE)
		return KMALLOC_SHIFT_LOW;
	if (kmalloc_size(1) && 64 < size && size <= 96)
		return 1;
	if (kmalloc_size(2) && 128 < size && size <= 192)
		return 2;
	if (size > (1UL << 26))
		BUG();		/* beyond any class the kernel has */
	/* the exponent of the smallest power of two >= size */
	return fls64(size - 1);
}

void *__kmalloc(size_t size, gfp_t flags);
void *__kmalloc_node(size_t size, gfp_t flags, int node);
void *kmalloc_order(size_t size, gfp_t flags, unsigned int order);

/*
 * The _trace variants record the requested size for tracepoints; refmm
 * has none, so they are the plain calls.  Being inline, they leave
 * kmem_cache_alloc()'s return address in kmalloc()'s caller, which is
 * the caller SLAB_STORE_USER should record.
 */
static __always_inline void *
kmem_cache_alloc_trace(struct kmem_cache *s, gfp_t flags, size_t size)
{
	(void)size;
	return kmem_cache_alloc(s, flags);
}

static __always_inline void *
kmem_cache_alloc_node_trace(struct kmem_cache *s, gfp_t gfpflags, int node,
			    size_t size)
{
	(void)size;
	return kmem_cache_alloc_node(s, gfpflags, node);
}

static __always_inline void *
kmalloc_order_trace(size_t size, gfp_t flags, unsigned int order)
{
	return kmalloc_order(size, flags, order);
}

/*
 * Sizes beyond the largest kmalloc cache would go straight to the page
 * allocator.  With SLAB that largest cache is already as large as the
 * largest block, so this path can only fail, as it does in 4.0.
 */
static __always_inline void *kmalloc_large(size_t size, gfp_t flags)
{
	return kmalloc_order_trace(size, flags, get_order(size));
}

/**
 * kmalloc - allocate @size bytes of kernel memory
 * @size: bytes needed; the object may be larger (see ksize())
 * @flags: GFP_KERNEL where the caller may sleep, GFP_ATOMIC where it may
 *	not (interrupts, spinlocks held), GFP_NOIO / GFP_NOFS to keep
 *	reclaim from recursing into the block layer or a filesystem,
 *	GFP_DMA for memory a legacy device can reach, __GFP_ZERO for
 *	zeroed memory
 *
 * A constant @size is resolved to its cache here, at compile time;
 * anything else goes through __kmalloc().  Returns NULL on failure and
 * ZERO_SIZE_PTR for 0 bytes.
 */
static __always_inline void *kmalloc(size_t size, gfp_t flags)
{
	if (!__builtin_constant_p(size))
		return __kmalloc(size, flags);
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_large(size, flags);
	if (flags & GFP_DMA)
		return __kmalloc(size, flags);
	if (!kmalloc_index(size))
		return ZERO_SIZE_PTR;
	return kmem_cache_alloc_trace(kmalloc_caches[kmalloc_index(size)],
				      flags, size);
}

/* kmalloc() preferring memory of @node. */
static __always_inline void *kmalloc_node(size_t size, gfp_t flags, int node)
{
	if (!__builtin_constant_p(size) || size > KMALLOC_MAX_CACHE_SIZE ||
	    (flags & GFP_DMA))
		return __kmalloc_node(size, flags, node);
	if (!kmalloc_index(size))
		return ZERO_SIZE_PTR;
	return kmem_cache_alloc_node_trace(kmalloc_caches[kmalloc_index(size)],
					   flags, node, size);
}

/* An array of @n elements of @size bytes; NULL if that overflows. */
static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return __kmalloc(bytes, flags);
}

/* The same, zeroed. */
static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

/*
 * For allocators built on kmalloc() (kstrdup(), krealloc()...): the
 * caller recorded as the last user is the allocator's caller, passed in,
 * rather than the allocator itself.
 */
void *__kmalloc_track_caller(size_t size, gfp_t flags, unsigned long caller);
void *__kmalloc_node_track_caller(size_t size, gfp_t flags, int node,
				  unsigned long caller);
#define kmalloc_track_caller(size, flags) \
	__kmalloc_track_caller(size, flags, _RET_IP_)
#define kmalloc_node_track_caller(size, flags, node) \
	__kmalloc_node_track_caller(size, flags, node, _RET_IP_)

/* Zeroed variants. */
static inline void *kmem_cache_zalloc(struct kmem_cache *k, gfp_t flags)
{
	return kmem_cache_alloc(k, flags | __GFP_ZERO);
}

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

static inline void *kzalloc_node(size_t size, gfp_t flags, int node)
{
	return kmalloc_node(size, flags | __GFP_ZERO, node);
}

#include <linux/slab_def.h>

#endif	/* _LINUX_SLAB_H */
