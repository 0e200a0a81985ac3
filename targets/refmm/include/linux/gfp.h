/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gfp.h - the flags every page and object allocation carries ("get free
 * pages"), and the page allocator's entry points.
 *
 * A gfp_t answers three questions about an allocation:
 *
 *  - which zones may serve it: the four zone bits (DMA, HIGHMEM, DMA32,
 *    MOVABLE) index GFP_ZONE_TABLE, which names the highest usable zone;
 *  - which free lists it should come from: MOVABLE and RECLAIMABLE give
 *    the migratetype, so that pages that can be moved or dropped are
 *    grouped apart from those that cannot;
 *  - how hard the allocator may try: whether it may sleep, start I/O,
 *    call into filesystems, dip into reserves, retry, warn.
 *
 * The bit numbers and the combinations built from them are Linux 4.0's,
 * so that a gfp mask printed by refmm or found in a dump means what it
 * means to a kernel reader.  refmm has no highmem: __GFP_HIGHMEM selects
 * ZONE_NORMAL (OPT_ZONE_HIGHMEM), and __GFP_HIGHMEM|__GFP_MOVABLE selects
 * ZONE_MOVABLE, which is empty and falls back to Normal, DMA32, DMA.
 */
#ifndef __LINUX_GFP_H
#define __LINUX_GFP_H

#include <linux/mmzone.h>

struct page;

/*
 * Bit numbers, in the kernel's order.  Bit 20 is left unused: 3.15 used
 * it for __GFP_KMEMCG and 4.1 reuses it for __GFP_NOACCOUNT.
 */
enum gfp_bit_nr {
	/* zone modifiers */
	GFP_NR_DMA,
	GFP_NR_HIGHMEM,
	GFP_NR_DMA32,
	GFP_NR_MOVABLE,		/* also a mobility hint, see below */
	/* what the allocator may do to succeed */
	GFP_NR_WAIT,
	GFP_NR_HIGH,
	GFP_NR_IO,
	GFP_NR_FS,
	GFP_NR_COLD,
	GFP_NR_NOWARN,
	GFP_NR_REPEAT,
	GFP_NR_NOFAIL,
	GFP_NR_NORETRY,
	GFP_NR_MEMALLOC,
	GFP_NR_COMP,
	GFP_NR_ZERO,
	GFP_NR_NOMEMALLOC,
	GFP_NR_HARDWALL,
	GFP_NR_THISNODE,
	GFP_NR_RECLAIMABLE,
	GFP_NR_NOTRACK = GFP_NR_RECLAIMABLE + 2,
	GFP_NR_NO_KSWAPD,
	GFP_NR_OTHER_NODE,
	GFP_NR_WRITE,
	GFP_NR_COUNT		/* __GFP_BITS_SHIFT */
};

/*
 * The plain unsigned values: GFP_ZONE_TABLE and GFP_ZONE_BAD are built
 * from these in preprocessor arithmetic.
 */
#define ___GFP_DMA		(1u << GFP_NR_DMA)
#define ___GFP_HIGHMEM		(1u << GFP_NR_HIGHMEM)
#define ___GFP_DMA32		(1u << GFP_NR_DMA32)
#define ___GFP_MOVABLE		(1u << GFP_NR_MOVABLE)
#define ___GFP_WAIT		(1u << GFP_NR_WAIT)
#define ___GFP_HIGH		(1u << GFP_NR_HIGH)
#define ___GFP_IO		(1u << GFP_NR_IO)
#define ___GFP_FS		(1u << GFP_NR_FS)
#define ___GFP_COLD		(1u << GFP_NR_COLD)
#define ___GFP_NOWARN		(1u << GFP_NR_NOWARN)
#define ___GFP_REPEAT		(1u << GFP_NR_REPEAT)
#define ___GFP_NOFAIL		(1u << GFP_NR_NOFAIL)
#define ___GFP_NORETRY		(1u << GFP_NR_NORETRY)
#define ___GFP_MEMALLOC		(1u << GFP_NR_MEMALLOC)
#define ___GFP_COMP		(1u << GFP_NR_COMP)
#define ___GFP_ZERO		(1u << GFP_NR_ZERO)
#define ___GFP_NOMEMALLOC	(1u << GFP_NR_NOMEMALLOC)
#define ___GFP_HARDWALL		(1u << GFP_NR_HARDWALL)
#define ___GFP_THISNODE		(1u << GFP_NR_THISNODE)
#define ___GFP_RECLAIMABLE	(1u << GFP_NR_RECLAIMABLE)
#define ___GFP_NOTRACK		(1u << GFP_NR_NOTRACK)
#define ___GFP_NO_KSWAPD	(1u << GFP_NR_NO_KSWAPD)
#define ___GFP_OTHER_NODE	(1u << GFP_NR_OTHER_NODE)
#define ___GFP_WRITE		(1u << GFP_NR_WRITE)

/* A flag as a gfp_t, by its short name: GFP_FLAG(IO) is __GFP_IO. */
#define GFP_FLAG(name)		((__force gfp_t)___GFP_##name)

/*
 * Where the memory may come from.  At most one of DMA, DMA32, HIGHMEM;
 * MOVABLE alone still means ZONE_NORMAL, with HIGHMEM it means
 * ZONE_MOVABLE.
 */
#define __GFP_DMA		GFP_FLAG(DMA)
#define __GFP_HIGHMEM		GFP_FLAG(HIGHMEM)
#define __GFP_DMA32		GFP_FLAG(DMA32)
#define __GFP_MOVABLE		GFP_FLAG(MOVABLE)
#define GFP_ZONEMASK		(__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | \
				 __GFP_MOVABLE)

/* What the allocator may do to get there. */
#define __GFP_WAIT		GFP_FLAG(WAIT)	   /* sleep, i.e. reclaim */
#define __GFP_IO		GFP_FLAG(IO)	   /* start disk I/O */
#define __GFP_FS		GFP_FLAG(FS)	   /* enter a filesystem */
#define __GFP_HIGH		GFP_FLAG(HIGH)	   /* go below min watermark */
#define __GFP_MEMALLOC		GFP_FLAG(MEMALLOC) /* use all reserves */
#define __GFP_NOMEMALLOC	GFP_FLAG(NOMEMALLOC) /* never the reserves */
#define __GFP_NO_KSWAPD		GFP_FLAG(NO_KSWAPD) /* leave kswapd asleep */

/* How persistent to be, and how loud about failing. */
#define __GFP_REPEAT		GFP_FLAG(REPEAT)   /* try hard, may fail */
#define __GFP_NOFAIL		GFP_FLAG(NOFAIL)   /* may not fail; refmm:
						    * may use the reserves */
#define __GFP_NORETRY		GFP_FLAG(NORETRY)  /* one attempt only */
#define __GFP_NOWARN		GFP_FLAG(NOWARN)   /* fail silently */

/* What the caller wants of the pages. */
#define __GFP_COLD		GFP_FLAG(COLD)	   /* cache-cold is fine */
#define __GFP_COMP		GFP_FLAG(COMP)	   /* a compound page */
#define __GFP_ZERO		GFP_FLAG(ZERO)	   /* zero-filled */
#define __GFP_NOTRACK		GFP_FLAG(NOTRACK)  /* no kmemcheck */
#define __GFP_WRITE		GFP_FLAG(WRITE)	   /* will be dirtied */

/* NUMA and cpuset placement. */
#define __GFP_HARDWALL		GFP_FLAG(HARDWALL) /* stay inside the cpuset */
#define __GFP_THISNODE		GFP_FLAG(THISNODE) /* this node or nothing */
#define __GFP_OTHER_NODE	GFP_FLAG(OTHER_NODE) /* for another node */

/* Mobility: where the page is grouped (and __GFP_MOVABLE above). */
#define __GFP_RECLAIMABLE	GFP_FLAG(RECLAIMABLE)
#define GFP_MOVABLE_MASK	(__GFP_RECLAIMABLE | __GFP_MOVABLE)

#define __GFP_BITS_SHIFT	GFP_NR_COUNT
#define __GFP_BITS_MASK		((__force gfp_t)((1u << __GFP_BITS_SHIFT) - 1))

/*
 * The masks callers use.  Each of the blocking ones grants one more
 * freedom than the one before: sleep, then I/O, then filesystems.
 */
#define GFP_ATOMIC		__GFP_HIGH	/* no sleep; may dip deeper */
#define GFP_NOWAIT		(GFP_ATOMIC & ~__GFP_HIGH)	/* 0 */
#define GFP_NOIO		__GFP_WAIT
#define GFP_NOFS		(GFP_NOIO | __GFP_IO)
#define GFP_KERNEL		(GFP_NOFS | __GFP_FS)
#define GFP_TEMPORARY		(GFP_KERNEL | __GFP_RECLAIMABLE)
#define GFP_USER		(GFP_KERNEL | __GFP_HARDWALL)
#define GFP_HIGHUSER		(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE)
#define GFP_IOFS		(__GFP_IO | __GFP_FS)
/* a transparent huge page: compound, movable, and cheap to give up on */
#define GFP_TRANSHUGE		(GFP_HIGHUSER_MOVABLE | __GFP_COMP | \
				 __GFP_NOMEMALLOC | __GFP_NORETRY | \
				 __GFP_NOWARN | __GFP_NO_KSWAPD)
#define GFP_DMA			__GFP_DMA
#define GFP_DMA32		__GFP_DMA32

/*
 * Masks the allocators apply to a caller's flags.  The reclaim mask is
 * what a slab passes on to the page allocator when it grows; the
 * constraint mask is the placement part of it.  During boot nothing may
 * sleep or do I/O (GFP_BOOT_MASK is gfp_allowed_mask until the machine
 * is up).  A slab cache cannot hand out highmem or DMA32 objects.
 */
#define GFP_RECLAIM_MASK	(GFP_KERNEL | __GFP_HIGH | __GFP_NOWARN | \
				 __GFP_REPEAT | __GFP_NOFAIL | __GFP_NORETRY | \
				 __GFP_MEMALLOC | __GFP_NOMEMALLOC)
#define GFP_CONSTRAINT_MASK	(__GFP_HARDWALL | __GFP_THISNODE)
#define GFP_BOOT_MASK		(__GFP_BITS_MASK & ~GFP_KERNEL)
#define GFP_SLAB_BUG_MASK	(~__GFP_BITS_MASK | __GFP_HIGHMEM | \
				 __GFP_DMA32)

/*
 * The migratetype of an allocation.  MIGRATE_UNMOVABLE is 0,
 * MIGRATE_RECLAIMABLE 1 and MIGRATE_MOVABLE 2, so the two mobility bits
 * only need moving into place.
 */
static inline int gfpflags_to_migratetype(const gfp_t gfp_flags)
{
	int movable = (gfp_flags & __GFP_MOVABLE) != 0;
	int reclaimable = (gfp_flags & __GFP_RECLAIMABLE) != 0;

	return movable * 2 + reclaimable;
}

/* The zones x86-64 has (no CONFIG_HIGHMEM: highmem requests get Normal). */
#define OPT_ZONE_HIGHMEM	ZONE_NORMAL
#define OPT_ZONE_DMA		ZONE_DMA
#define OPT_ZONE_DMA32		ZONE_DMA32

/*
 * GFP_ZONE_TABLE packs, for each of the 16 values of the zone bits, the
 * highest zone such an allocation may use into ZONES_SHIFT bits at
 * position value * ZONES_SHIFT.  The combinations not listed are invalid
 * (GFP_ZONE_BAD) and their entries are 0.
 *
 *	zone bits		zone
 *	none			NORMAL
 *	DMA			DMA
 *	HIGHMEM			NORMAL (OPT_ZONE_HIGHMEM)
 *	DMA32			DMA32
 *	MOVABLE			NORMAL
 *	MOVABLE|DMA		DMA
 *	MOVABLE|HIGHMEM		MOVABLE
 *	MOVABLE|DMA32		DMA32
 */
#define GFP_ZONE_ENTRY(bits, zone) \
	((unsigned long)(zone) << ((bits) * ZONES_SHIFT))
#define GFP_ZONE_TABLE (						\
	GFP_ZONE_ENTRY(0, ZONE_NORMAL)					\
	| GFP_ZONE_ENTRY(___GFP_DMA, OPT_ZONE_DMA)			\
	| GFP_ZONE_ENTRY(___GFP_HIGHMEM, OPT_ZONE_HIGHMEM)		\
	| GFP_ZONE_ENTRY(___GFP_DMA32, OPT_ZONE_DMA32)			\
	| GFP_ZONE_ENTRY(___GFP_MOVABLE, ZONE_NORMAL)			\
	| GFP_ZONE_ENTRY(___GFP_MOVABLE | ___GFP_DMA, OPT_ZONE_DMA)	\
	| GFP_ZONE_ENTRY(___GFP_MOVABLE | ___GFP_HIGHMEM, ZONE_MOVABLE)	\
	| GFP_ZONE_ENTRY(___GFP_MOVABLE | ___GFP_DMA32, OPT_ZONE_DMA32)	\
)

/*
 * GFP_ZONE_BAD has bit v set for each invalid value v of the zone bits:
 * two or three of DMA, DMA32 and HIGHMEM together, with or without
 * MOVABLE.
 */
#define GFP_ZONE_BAD_IF(bits)	(1 << (bits))
#define GFP_ZONE_DMA_HIGH	(___GFP_DMA | ___GFP_HIGHMEM)
#define GFP_ZONE_DMA_DMA32	(___GFP_DMA | ___GFP_DMA32)
#define GFP_ZONE_DMA32_HIGH	(___GFP_DMA32 | ___GFP_HIGHMEM)
#define GFP_ZONE_ALL_THREE	(GFP_ZONE_DMA_HIGH | ___GFP_DMA32)
#define GFP_ZONE_BAD (							\
	GFP_ZONE_BAD_IF(GFP_ZONE_DMA_HIGH)				\
	| GFP_ZONE_BAD_IF(GFP_ZONE_DMA_DMA32)				\
	| GFP_ZONE_BAD_IF(GFP_ZONE_DMA32_HIGH)				\
	| GFP_ZONE_BAD_IF(GFP_ZONE_ALL_THREE)				\
	| GFP_ZONE_BAD_IF(___GFP_MOVABLE | GFP_ZONE_DMA_HIGH)		\
	| GFP_ZONE_BAD_IF(___GFP_MOVABLE | GFP_ZONE_DMA_DMA32)		\
	| GFP_ZONE_BAD_IF(___GFP_MOVABLE | GFP_ZONE_DMA32_HIGH)	\
	| GFP_ZONE_BAD_IF(___GFP_MOVABLE | GFP_ZONE_ALL_THREE)		\
)

/* Is the combination of zone bits in @flags one no zone can serve? */
static inline bool gfp_zone_bad(gfp_t flags)
{
	unsigned int zone_bits = flags & GFP_ZONEMASK;

	return (GFP_ZONE_BAD >> zone_bits) & 1;
}

/* The highest zone an allocation with @flags may use. */
static inline enum zone_type gfp_zone(gfp_t flags)
{
	unsigned int zone_bits = flags & GFP_ZONEMASK;
	unsigned long entry = GFP_ZONE_TABLE >> (zone_bits * ZONES_SHIFT);

	return entry & ((1UL << ZONES_SHIFT) - 1);
}

/*
 * Two zonelists per node: [0] all zones of all nodes with memory, [1]
 * only the node's own zones, for __GFP_THISNODE.
 */
static inline int gfp_zonelist(gfp_t flags)
{
	return (flags & __GFP_THISNODE) ? 1 : 0;
}

static inline struct zonelist *node_zonelist(int nid, gfp_t flags)
{
	return NODE_DATA(nid)->node_zonelists + gfp_zonelist(flags);
}

struct page *__alloc_pages_nodemask(gfp_t gfp_mask, unsigned int order,
				    struct zonelist *zonelist,
				    nodemask_t *nodemask);

static inline struct page *__alloc_pages(gfp_t gfp_mask, unsigned int order,
					 struct zonelist *zonelist)
{
	return __alloc_pages_nodemask(gfp_mask, order, zonelist, NULL);
}

/* Allocate 2^@order pages preferring node @nid (-1: the current CPU's). */
struct page *alloc_pages_node(int nid, gfp_t gfp_mask, unsigned int order);
struct page *alloc_pages_exact_node(int nid, gfp_t gfp_mask,
				    unsigned int order);
/* The default NUMA policy: local allocation on the current CPU's node. */
struct page *alloc_pages_current(gfp_t gfp_mask, unsigned int order);

static inline struct page *alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	return alloc_pages_current(gfp_mask, order);
}

#define alloc_page(gfp_mask) alloc_pages(gfp_mask, 0)

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp_mask);
void *alloc_pages_exact(size_t size, gfp_t gfp_mask);
void free_pages_exact(void *virt, size_t size);

#define __get_free_page(gfp_mask) __get_free_pages((gfp_mask), 0)
#define __get_dma_pages(gfp_mask, order) \
	__get_free_pages((gfp_mask) | GFP_DMA, (order))

void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
void free_hot_cold_page(struct page *page, bool cold);
void free_hot_cold_page_list(struct list_head *list, bool cold);

#define __free_page(page) __free_pages((page), 0)
#define free_page(addr) free_pages((addr), 0)

void page_alloc_init(void);
void drain_zone_pages(struct zone *zone, struct per_cpu_pages *pcp);
void drain_all_pages(struct zone *zone);
void drain_local_pages(struct zone *zone);

extern gfp_t gfp_allowed_mask;

#endif /* __LINUX_GFP_H */
