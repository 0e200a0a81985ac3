/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmzone.h - nodes, zones and free areas (Linux 4.0 layout).
 *
 * Physical memory is split into nodes (pg_data_t, one per NUMA node, in
 * node_data[]), each node into zones by address range:
 *
 *	ZONE_DMA	below 16 MiB		(ISA DMA)
 *	ZONE_DMA32	16 MiB .. 4 GiB		(32-bit DMA)
 *	ZONE_NORMAL	above 4 GiB
 *	ZONE_MOVABLE	empty (no kernelcore=)
 *
 * Each zone runs its own buddy allocator: free_area[order] holds the free
 * blocks of 2^order pages, one list per migratetype, and nr_free counts
 * the blocks of that order.  Order-0 pages are also cached per CPU in the
 * zone's per_cpu_pageset (zone->pageset, a __percpu pointer).
 *
 * Locking, as in the kernel (refmm is single-threaded; debug builds check
 * that the lock is held where the kernel needs it):
 *	zone->lock	free_area[], nr_free, the pageblock bits, vm_stat of
 *			NR_FREE_PAGES
 *	(irqs off)	the current CPU's pageset
 *	none		watermarks, lowmem_reserve, spanned/present/managed
 *			pages: written at boot only
 *
 * CONFIG_REFMM_ALT_LAYOUT moves the members of struct zone around for the
 * "other configuration" build, and puts the list_heads of struct free_area,
 * per_cpu_pages, lruvec and wait_queue_head_t (and per_cpu_pageset's pcp)
 * at other offsets, so that a reader that walks them must take every
 * offset from the DWARF.
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <linux/numa.h>
#include <linux/percpu.h>
#include <asm/page.h>

/* Free memory management - zoned buddy allocator. */
#ifndef CONFIG_FORCE_MAX_ZONEORDER
#define MAX_ORDER 11
#else
#define MAX_ORDER CONFIG_FORCE_MAX_ZONEORDER
#endif
#define MAX_ORDER_NR_PAGES (1 << (MAX_ORDER - 1))

#if MAX_ORDER < 4 || MAX_ORDER > 14
#error "MAX_ORDER out of range"
#endif

/*
 * PAGE_ALLOC_COSTLY_ORDER is the order at which allocations are deemed
 * costly to service.
 */
#define PAGE_ALLOC_COSTLY_ORDER 3

enum {
	MIGRATE_UNMOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_MOVABLE,
	MIGRATE_PCPTYPES,	/* the number of types on the pcp lists */
	MIGRATE_RESERVE = MIGRATE_PCPTYPES,
	MIGRATE_ISOLATE,	/* can't allocate from here */
	MIGRATE_TYPES
};

#define is_migrate_isolate(migratetype) ((migratetype) == MIGRATE_ISOLATE)

extern int page_group_by_mobility_disabled;

#define NR_MIGRATETYPE_BITS	3
#define MIGRATETYPE_MASK	((1UL << NR_MIGRATETYPE_BITS) - 1)

#define for_each_migratetype_order(order, type) \
	for (order = 0; order < MAX_ORDER; order++) \
		for (type = 0; type < MIGRATE_TYPES; type++)

struct free_area {
#ifndef CONFIG_REFMM_ALT_LAYOUT
	struct list_head	free_list[MIGRATE_TYPES];
	unsigned long		nr_free;
#else
	unsigned long		nr_free;
	struct list_head	free_list[MIGRATE_TYPES];
#endif
};

struct pglist_data;

/* Cacheline padding, as the kernel separates hot groups of fields. */
struct zone_padding {
	char x[0];
} __attribute__((aligned(64)));
#define ZONE_PADDING(name)	struct zone_padding name;

enum zone_stat_item {
	/* First 128 byte cacheline (assuming 64 bit words) */
	NR_FREE_PAGES,
	NR_ALLOC_BATCH,
	NR_LRU_BASE,
	NR_INACTIVE_ANON = NR_LRU_BASE, /* must match order of LRU_[IN]ACTIVE */
	NR_ACTIVE_ANON,		/*  "     "     "   "       "         */
	NR_INACTIVE_FILE,	/*  "     "     "   "       "         */
	NR_ACTIVE_FILE,		/*  "     "     "   "       "         */
	NR_UNEVICTABLE,		/*  "     "     "   "       "         */
	NR_MLOCK,		/* mlock()ed pages found and moved off LRU */
	NR_ANON_PAGES,		/* Mapped anonymous pages */
	NR_FILE_MAPPED,		/* pagecache pages mapped into pagetables.
				   only modified from process context */
	NR_FILE_PAGES,
	NR_FILE_DIRTY,
	NR_WRITEBACK,
	NR_SLAB_RECLAIMABLE,
	NR_SLAB_UNRECLAIMABLE,
	NR_PAGETABLE,		/* used for pagetables */
	NR_KERNEL_STACK,
	/* Second 128 byte cacheline */
	NR_UNSTABLE_NFS,	/* NFS unstable pages */
	NR_BOUNCE,
	NR_VMSCAN_WRITE,
	NR_VMSCAN_IMMEDIATE,	/* Prioritise for reclaim when writeback ends */
	NR_WRITEBACK_TEMP,	/* Writeback using temporary buffers */
	NR_ISOLATED_ANON,	/* Temporary isolated pages from anon lru */
	NR_ISOLATED_FILE,	/* Temporary isolated pages from file lru */
	NR_SHMEM,		/* shmem pages (included tmpfs/GEM pages) */
	NR_DIRTIED,		/* page dirtyings since bootup */
	NR_WRITTEN,		/* page writings since bootup */
	NR_PAGES_SCANNED,	/* pages scanned since last reclaim */
	NUMA_HIT,		/* allocated in intended node */
	NUMA_MISS,		/* allocated in non intended node */
	NUMA_FOREIGN,		/* was intended here, hit elsewhere */
	NUMA_INTERLEAVE_HIT,	/* interleaver preferred this zone */
	NUMA_LOCAL,		/* allocation from local node */
	NUMA_OTHER,		/* allocation from other node */
	WORKINGSET_REFAULT,
	WORKINGSET_ACTIVATE,
	WORKINGSET_NODERECLAIM,
	NR_ANON_TRANSPARENT_HUGEPAGES,
	NR_FREE_CMA_PAGES,
	NR_VM_ZONE_STAT_ITEMS
};

#define LRU_BASE 0
#define LRU_ACTIVE 1
#define LRU_FILE 2

enum lru_list {
	LRU_INACTIVE_ANON = LRU_BASE,
	LRU_ACTIVE_ANON = LRU_BASE + LRU_ACTIVE,
	LRU_INACTIVE_FILE = LRU_BASE + LRU_FILE,
	LRU_ACTIVE_FILE = LRU_BASE + LRU_FILE + LRU_ACTIVE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};

struct zone_reclaim_stat {
	unsigned long		recent_rotated[2];
	unsigned long		recent_scanned[2];
};

struct lruvec {
#ifndef CONFIG_REFMM_ALT_LAYOUT
	struct list_head lists[NR_LRU_LISTS];
	struct zone_reclaim_stat reclaim_stat;
#else
	struct zone_reclaim_stat reclaim_stat;
	struct list_head lists[NR_LRU_LISTS];
#endif
};

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	NR_WMARK
};

#define min_wmark_pages(z) (z->watermark[WMARK_MIN])
#define low_wmark_pages(z) (z->watermark[WMARK_LOW])
#define high_wmark_pages(z) (z->watermark[WMARK_HIGH])

#define __PCP_COUNTS							\
	int count;		/* number of pages in the list */	\
	int high;		/* high watermark, emptying needed */	\
	int batch;		/* chunk size for buddy add/remove */

struct per_cpu_pages {
#ifndef CONFIG_REFMM_ALT_LAYOUT
	__PCP_COUNTS

	/* Lists of pages, one per migrate type stored on the pcp-lists */
	struct list_head lists[MIGRATE_PCPTYPES];
#else
	struct list_head lists[MIGRATE_PCPTYPES];
	__PCP_COUNTS
#endif
};

struct per_cpu_pageset {
#ifndef CONFIG_REFMM_ALT_LAYOUT
	struct per_cpu_pages pcp;
#endif
#ifdef CONFIG_NUMA
	s8 expire;
#endif
	s8 stat_threshold;
	s8 vm_stat_diff[NR_VM_ZONE_STAT_ITEMS];
#ifdef CONFIG_REFMM_ALT_LAYOUT
	struct per_cpu_pages pcp;
#endif
};

enum zone_type {
	/*
	 * ZONE_DMA is used when there are devices that are not able
	 * to do DMA to all of addressable memory: the ISA range, < 16 MiB.
	 */
	ZONE_DMA,
	/* x86_64 needs two ZONE_DMAs: the second covers the 32-bit range. */
	ZONE_DMA32,
	/* Normal addressable memory is in ZONE_NORMAL. */
	ZONE_NORMAL,
	/* Pages that can always be migrated: empty unless configured. */
	ZONE_MOVABLE,
	__MAX_NR_ZONES
};

#define MAX_NR_ZONES	__MAX_NR_ZONES
#define ZONES_SHIFT	2

/* The groups of fields of struct zone, so that both layouts share them. */
#define __ZONE_READ_MOSTLY						\
	/* zone watermarks, access with *_wmark_pages(zone) macros */	\
	unsigned long watermark[NR_WMARK];				\
	/*								\
	 * We don't know if the memory that we're going to allocate	\
	 * will be freeable or/and it will be released eventually, so	\
	 * to avoid totally wasting several GB of ram we must reserve	\
	 * some of the lower zone memory (otherwise we risk to run OOM	\
	 * on the lower zones despite there being tons of freeable ram	\
	 * on the higher zones).					\
	 */								\
	long lowmem_reserve[MAX_NR_ZONES];				\
	int node;							\
	unsigned int inactive_ratio;					\
	struct pglist_data *zone_pgdat;					\
	struct per_cpu_pageset __percpu *pageset;			\
	unsigned long dirty_balance_reserve;				\
	/*								\
	 * Flags for a pageblock_nr_pages block: NR_PAGEBLOCK_BITS per	\
	 * block, see pageblock-flags.h.				\
	 */								\
	unsigned long *pageblock_flags;					\
	unsigned long min_unmapped_pages;				\
	unsigned long min_slab_pages;					\
	/* zone_start_pfn == zone_start_paddr >> PAGE_SHIFT */		\
	unsigned long zone_start_pfn;					\
	/*								\
	 * spanned_pages: the pages the zone spans, holes included;	\
	 * present_pages: the physical pages in it;			\
	 * managed_pages: present pages the buddy allocator manages	\
	 * (present minus what bootmem kept: mem_map, the image...).	\
	 */								\
	unsigned long managed_pages;					\
	unsigned long spanned_pages;					\
	unsigned long present_pages;					\
	const char *name;						\
	/* Number of MIGRATE_RESERVE page blocks. */			\
	int nr_migrate_reserve_block;					\
	unsigned long nr_isolate_pageblock;				\
	/* wait queues of page-lock waiters (none in a simulation) */	\
	void *wait_table;						\
	unsigned long wait_table_hash_nr_entries;			\
	unsigned long wait_table_bits;

#define __ZONE_FREE_AREA						\
	/* free areas of different sizes */				\
	struct free_area free_area[MAX_ORDER];				\
	/* zone flags, see below */					\
	unsigned long flags;						\
	/* Write-intensive fields used from the page allocator */	\
	spinlock_t lock;

#define __ZONE_RECLAIM							\
	/* Write-intensive fields used by page reclaim */		\
	spinlock_t lru_lock;						\
	struct lruvec lruvec;						\
	atomic_long_t inactive_age;					\
	unsigned long percpu_drift_mark;				\
	unsigned long compact_cached_free_pfn;				\
	unsigned long compact_cached_migrate_pfn[2];			\
	unsigned int compact_considered;				\
	unsigned int compact_defer_shift;				\
	int compact_order_failed;					\
	bool compact_blockskip_flush;

struct zone {
#ifndef CONFIG_REFMM_ALT_LAYOUT
	/* Read-mostly fields */
	__ZONE_READ_MOSTLY
	ZONE_PADDING(_pad1_)
	__ZONE_FREE_AREA
	ZONE_PADDING(_pad2_)
	__ZONE_RECLAIM
	ZONE_PADDING(_pad3_)
	/* Zone statistics */
	atomic_long_t vm_stat[NR_VM_ZONE_STAT_ITEMS];
#else
	__ZONE_FREE_AREA
	ZONE_PADDING(_pad1_)
	atomic_long_t vm_stat[NR_VM_ZONE_STAT_ITEMS];
	ZONE_PADDING(_pad2_)
	__ZONE_READ_MOSTLY
	ZONE_PADDING(_pad3_)
	__ZONE_RECLAIM
#endif
} __attribute__((aligned(64)));

/* Bits of zone->flags (set_bit() and friends). */
enum zone_flags {
	ZONE_RECLAIM_LOCKED,		/* prevents concurrent reclaim */
	ZONE_OOM_LOCKED,		/* zone is in OOM killer zonelist */
	ZONE_CONGESTED,			/* zone has many dirty pages backed by
					 * a congested BDI
					 */
	ZONE_DIRTY,			/* reclaim scanning has recently found
					 * many dirty file pages at the tail
					 * of the LRU.
					 */
	ZONE_WRITEBACK,			/* reclaim scanning has recently found
					 * many pages under writeback
					 */
	ZONE_FAIR_DEPLETED,		/* fair zone policy batch depleted */
};

/*
 * The zonelists: each node has two, a list of all zones to try for an
 * allocation starting on that node (node order: the node's own zones
 * highest first, then each other node's), and one with the node's zones
 * only (__GFP_THISNODE).
 */
#define MAX_ZONES_PER_ZONELIST (MAX_NUMNODES * MAX_NR_ZONES)
#define MAX_ZONELISTS 2

struct zoneref {
	struct zone *zone;	/* Pointer to actual zone */
	int zone_idx;		/* zone_idx(zoneref->zone) */
};

struct zonelist_cache;

struct zonelist {
	struct zonelist_cache *zlcache_ptr;	/* NULL: no "full zone" cache */
	struct zoneref _zonerefs[MAX_ZONES_PER_ZONELIST + 1];
};

typedef struct {
#ifndef CONFIG_REFMM_ALT_LAYOUT
	spinlock_t lock;
	struct list_head task_list;
#else
	struct list_head task_list;
	spinlock_t lock;
#endif
} wait_queue_head_t;

struct bootmem_data;

/*
 * The pg_data_t structure is used in machines with CONFIG_DISCONTIGMEM
 * (mostly NUMA machines?) to denote a higher-level memory zone than the
 * zone denotes.  On NUMA machines, each NUMA node would have a pg_data_t
 * to describe it's memory layout.
 */
typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_ZONELISTS];
	int nr_zones;
	struct page *node_mem_map;	/* first struct page of the node */
	struct bootmem_data *bdata;
	unsigned long node_start_pfn;
	unsigned long node_present_pages; /* total number of physical pages */
	unsigned long node_spanned_pages; /* total size of physical page
					     range, including holes */
	int node_id;
	wait_queue_head_t kswapd_wait;
	wait_queue_head_t pfmemalloc_wait;
	void *kswapd;			/* Protected by mem_hotplug_begin/end() */
	int kswapd_max_order;
	enum zone_type classzone_idx;
	unsigned long min_unmapped_pages;
	unsigned long min_slab_pages;
} pg_data_t;

#define node_present_pages(nid)	(NODE_DATA(nid)->node_present_pages)
#define node_spanned_pages(nid)	(NODE_DATA(nid)->node_spanned_pages)

static inline unsigned long pgdat_end_pfn(pg_data_t *pgdat)
{
	return pgdat->node_start_pfn + pgdat->node_spanned_pages;
}

extern struct pglist_data *node_data[];
#define NODE_DATA(nid)		(node_data[(nid)])

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}

static inline int populated_zone(struct zone *zone)
{
	return !!zone->present_pages;
}

/* zone_idx() returns 0 for the ZONE_DMA zone, 1 for ZONE_DMA32... */
#define zone_idx(zone)	((zone) - (zone)->zone_pgdat->node_zones)

static inline int zone_to_nid(struct zone *zone)
{
	return zone->node;
}

static inline struct zone *zonelist_zone(struct zoneref *zoneref)
{
	return zoneref->zone;
}

static inline int zonelist_zone_idx(struct zoneref *zoneref)
{
	return zoneref->zone_idx;
}

static inline int zonelist_node_idx(struct zoneref *zoneref)
{
	return zone_to_nid(zoneref->zone);
}

struct zoneref *next_zones_zonelist(struct zoneref *z,
				    enum zone_type highest_zoneidx,
				    nodemask_t *nodes, struct zone **zone);

static inline struct zoneref *first_zones_zonelist(struct zonelist *zonelist,
						   enum zone_type highest_zoneidx,
						   nodemask_t *nodes,
						   struct zone **zone)
{
	return next_zones_zonelist(zonelist->_zonerefs, highest_zoneidx,
				   nodes, zone);
}

/* Each zone in @zlist at or below @highidx (and in @nodemask if set). */
#define for_each_zone_zonelist_nodemask(zone, z, zlist, highidx, nodemask) \
	for (z = first_zones_zonelist(zlist, highidx, nodemask, &zone);	\
	     zone;							\
	     z = next_zones_zonelist(++z, highidx, nodemask, &zone))

#define for_each_zone_zonelist(zone, z, zlist, highidx) \
	for_each_zone_zonelist_nodemask(zone, z, zlist, highidx, NULL)

struct zone *next_zone(struct zone *zone);
struct pglist_data *first_online_pgdat(void);
struct pglist_data *next_online_pgdat(struct pglist_data *pgdat);

#define for_each_online_pgdat(pgdat)			\
	for (pgdat = first_online_pgdat();		\
	     pgdat;					\
	     pgdat = next_online_pgdat(pgdat))

#define for_each_zone(zone)				\
	for (zone = (first_online_pgdat())->node_zones;	\
	     zone;					\
	     zone = next_zone(zone))

#define for_each_populated_zone(zone)			\
	for (zone = (first_online_pgdat())->node_zones;	\
	     zone;					\
	     zone = next_zone(zone))			\
		if (!populated_zone(zone))		\
			; /* do nothing */		\
		else

bool zone_watermark_ok(struct zone *z, unsigned int order,
		       unsigned long mark, int classzone_idx, int alloc_flags);
bool zone_watermark_ok_safe(struct zone *z, unsigned int order,
			    unsigned long mark, int classzone_idx,
			    int alloc_flags);

/* Boot-time policy, sysctl-like. */
extern int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES - 1];
extern int min_free_kbytes;
extern char *zone_names[MAX_NR_ZONES];

#include <linux/pageblock-flags.h>

#endif /* _LINUX_MMZONE_H */
