/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gfp.h - "get free pages" flags and the page allocator's entry points.
 *
 * The bits are Linux 4.0's.  The low four select a zone through
 * GFP_ZONE_TABLE; __GFP_MOVABLE and __GFP_RECLAIMABLE pick the
 * migratetype; the rest say how hard to try.  refmm has no highmem, so
 * __GFP_HIGHMEM means ZONE_NORMAL (OPT_ZONE_HIGHMEM), and
 * __GFP_HIGHMEM|__GFP_MOVABLE means ZONE_MOVABLE, which is empty and falls
 * back to Normal, DMA32, DMA.
 */
#ifndef __LINUX_GFP_H
#define __LINUX_GFP_H

#include <linux/mmzone.h>

struct page;

#define ___GFP_DMA		0x01u
#define ___GFP_HIGHMEM		0x02u
#define ___GFP_DMA32		0x04u
#define ___GFP_MOVABLE		0x08u
#define ___GFP_WAIT		0x10u
#define ___GFP_HIGH		0x20u
#define ___GFP_IO		0x40u
#define ___GFP_FS		0x80u
#define ___GFP_COLD		0x100u
#define ___GFP_NOWARN		0x200u
#define ___GFP_REPEAT		0x400u
#define ___GFP_NOFAIL		0x800u
#define ___GFP_NORETRY		0x1000u
#define ___GFP_MEMALLOC		0x2000u
#define ___GFP_COMP		0x4000u
#define ___GFP_ZERO		0x8000u
#define ___GFP_NOMEMALLOC	0x10000u
#define ___GFP_HARDWALL		0x20000u
#define ___GFP_THISNODE		0x40000u
#define ___GFP_RECLAIMABLE	0x80000u
/* 0x100000u: unused in 4.0 (__GFP_KMEMCG until 3.15, __GFP_NOACCOUNT in 4.1) */
#define ___GFP_NOTRACK		0x200000u
#define ___GFP_NO_KSWAPD	0x400000u
#define ___GFP_OTHER_NODE	0x800000u
#define ___GFP_WRITE		0x1000000u

/* Zone modifiers (see GFP_ZONE_TABLE). */
#define __GFP_DMA	((__force gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM	((__force gfp_t)___GFP_HIGHMEM)
#define __GFP_DMA32	((__force gfp_t)___GFP_DMA32)
#define __GFP_MOVABLE	((__force gfp_t)___GFP_MOVABLE)	/* Page is movable */
#define GFP_ZONEMASK	(__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)

/* Action modifiers. */
#define __GFP_WAIT	((__force gfp_t)___GFP_WAIT)	/* Can wait and reschedule? */
#define __GFP_HIGH	((__force gfp_t)___GFP_HIGH)	/* Should access emergency pools? */
#define __GFP_IO	((__force gfp_t)___GFP_IO)	/* Can start physical IO? */
#define __GFP_FS	((__force gfp_t)___GFP_FS)	/* Can call down to low-level FS? */
#define __GFP_COLD	((__force gfp_t)___GFP_COLD)	/* Cache-cold page required */
#define __GFP_NOWARN	((__force gfp_t)___GFP_NOWARN)	/* Suppress page allocation failure warning */
#define __GFP_REPEAT	((__force gfp_t)___GFP_REPEAT)	/* Try hard, may fail */
#define __GFP_NOFAIL	((__force gfp_t)___GFP_NOFAIL)	/* Retry forever: here, dip into reserves */
#define __GFP_NORETRY	((__force gfp_t)___GFP_NORETRY)	/* Do not retry */
#define __GFP_MEMALLOC	((__force gfp_t)___GFP_MEMALLOC)/* Allow access to emergency reserves */
#define __GFP_COMP	((__force gfp_t)___GFP_COMP)	/* Add compound page metadata */
#define __GFP_ZERO	((__force gfp_t)___GFP_ZERO)	/* Return zeroed page on success */
#define __GFP_NOMEMALLOC ((__force gfp_t)___GFP_NOMEMALLOC) /* Don't use emergency reserves */
#define __GFP_HARDWALL	((__force gfp_t)___GFP_HARDWALL) /* Enforce hardwall cpuset memory allocs */
#define __GFP_THISNODE	((__force gfp_t)___GFP_THISNODE)/* No fallback, no policies */
#define __GFP_RECLAIMABLE ((__force gfp_t)___GFP_RECLAIMABLE) /* Page is reclaimable */
#define __GFP_NOTRACK	((__force gfp_t)___GFP_NOTRACK)	/* Don't track with kmemcheck */
#define __GFP_NO_KSWAPD	((__force gfp_t)___GFP_NO_KSWAPD)
#define __GFP_OTHER_NODE ((__force gfp_t)___GFP_OTHER_NODE) /* On behalf of other node */
#define __GFP_WRITE	((__force gfp_t)___GFP_WRITE)	/* Allocator intends to dirty page */

#define __GFP_BITS_SHIFT 25	/* Room for N __GFP_FOO bits */
#define __GFP_BITS_MASK	((__force gfp_t)((1 << __GFP_BITS_SHIFT) - 1))

/* Useful combinations. */
#define GFP_NOWAIT	(GFP_ATOMIC & ~__GFP_HIGH)
#define GFP_ATOMIC	(__GFP_HIGH)
#define GFP_NOIO	(__GFP_WAIT)
#define GFP_NOFS	(__GFP_WAIT | __GFP_IO)
#define GFP_KERNEL	(__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_TEMPORARY	(__GFP_WAIT | __GFP_IO | __GFP_FS | __GFP_RECLAIMABLE)
#define GFP_USER	(__GFP_WAIT | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_HIGHUSER	(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | __GFP_MOVABLE)
#define GFP_IOFS	(__GFP_IO | __GFP_FS)
#define GFP_TRANSHUGE	(GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_NOMEMALLOC | \
			 __GFP_NORETRY | __GFP_NOWARN | __GFP_NO_KSWAPD)

/* The mobility bits. */
#define GFP_MOVABLE_MASK (__GFP_RECLAIMABLE | __GFP_MOVABLE)

/* The flags a page's allocation may be retried with after reclaim. */
#define GFP_RECLAIM_MASK (__GFP_WAIT | __GFP_HIGH | __GFP_IO | __GFP_FS | \
			  __GFP_NOWARN | __GFP_REPEAT | __GFP_NOFAIL | \
			  __GFP_NORETRY | __GFP_MEMALLOC | __GFP_NOMEMALLOC)
#define GFP_BOOT_MASK	(__GFP_BITS_MASK & ~(__GFP_WAIT | __GFP_IO | __GFP_FS))
#define GFP_CONSTRAINT_MASK (__GFP_HARDWALL | __GFP_THISNODE)
#define GFP_SLAB_BUG_MASK (__GFP_DMA32 | __GFP_HIGHMEM | ~__GFP_BITS_MASK)

#define GFP_DMA		__GFP_DMA
#define GFP_DMA32	__GFP_DMA32

/* Convert GFP flags to their corresponding migrate type. */
static inline int gfpflags_to_migratetype(const gfp_t gfp_flags)
{
	/* Movable gets bit 1, reclaimable bit 0: the MIGRATE_* numbering. */
	return (((gfp_flags & __GFP_MOVABLE) != 0) << 1) |
		((gfp_flags & __GFP_RECLAIMABLE) != 0);
}

#define OPT_ZONE_HIGHMEM ZONE_NORMAL	/* no CONFIG_HIGHMEM on x86-64 */
#define OPT_ZONE_DMA	ZONE_DMA
#define OPT_ZONE_DMA32	ZONE_DMA32

/*
 * GFP_ZONE_TABLE: for each of the 16 combinations of the zone bits, the
 * highest zone the allocation may use, ZONES_SHIFT bits per entry.
 *
 *	bits	zone			bits	zone
 *	0x0	NORMAL			0x8	NORMAL (MOVABLE+0)
 *	0x1	DMA			0x9	DMA (MOVABLE+DMA)
 *	0x2	HIGHMEM->NORMAL		0xa	MOVABLE (needs HIGHMEM too)
 *	0x4	DMA32			0xc	DMA32 (MOVABLE+DMA32)
 *	others: BAD (two of DMA, DMA32, HIGHMEM), see GFP_ZONE_BAD.
 */
#define GFP_ZONE_TABLE ( \
	((unsigned long)ZONE_NORMAL << 0 * ZONES_SHIFT)				\
	| ((unsigned long)OPT_ZONE_DMA << ___GFP_DMA * ZONES_SHIFT)		\
	| ((unsigned long)OPT_ZONE_HIGHMEM << ___GFP_HIGHMEM * ZONES_SHIFT)	\
	| ((unsigned long)OPT_ZONE_DMA32 << ___GFP_DMA32 * ZONES_SHIFT)		\
	| ((unsigned long)ZONE_NORMAL << ___GFP_MOVABLE * ZONES_SHIFT)		\
	| ((unsigned long)OPT_ZONE_DMA << (___GFP_MOVABLE | ___GFP_DMA) * ZONES_SHIFT) \
	| ((unsigned long)ZONE_MOVABLE << (___GFP_MOVABLE | ___GFP_HIGHMEM) * ZONES_SHIFT) \
	| ((unsigned long)OPT_ZONE_DMA32 << (___GFP_MOVABLE | ___GFP_DMA32) * ZONES_SHIFT) \
)

/* One bit per forbidden combination of the zone bits. */
#define GFP_ZONE_BAD ( \
	1 << (___GFP_DMA | ___GFP_HIGHMEM)					\
	| 1 << (___GFP_DMA | ___GFP_DMA32)					\
	| 1 << (___GFP_DMA32 | ___GFP_HIGHMEM)					\
	| 1 << (___GFP_DMA | ___GFP_DMA32 | ___GFP_HIGHMEM)			\
	| 1 << (___GFP_MOVABLE | ___GFP_HIGHMEM | ___GFP_DMA)			\
	| 1 << (___GFP_MOVABLE | ___GFP_DMA32 | ___GFP_DMA)			\
	| 1 << (___GFP_MOVABLE | ___GFP_DMA32 | ___GFP_HIGHMEM)			\
	| 1 << (___GFP_MOVABLE | ___GFP_DMA32 | ___GFP_DMA | ___GFP_HIGHMEM)	\
)

static inline bool gfp_zone_bad(gfp_t flags)
{
	return (GFP_ZONE_BAD >> (flags & GFP_ZONEMASK)) & 1;
}

static inline enum zone_type gfp_zone(gfp_t flags)
{
	int bit = (__force int)(flags & GFP_ZONEMASK);

	return (GFP_ZONE_TABLE >> (bit * ZONES_SHIFT)) &
		((1 << ZONES_SHIFT) - 1);
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
