/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmstat.h - zone and global VM counters.
 *
 * Counters live in zone->vm_stat[] and the global vm_stat[]; refmm
 * updates both at once (stat_threshold 0: no per-cpu deltas to fold), so
 * a dump's figures are exact.
 */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/mmzone.h>

extern atomic_long_t vm_stat[NR_VM_ZONE_STAT_ITEMS];
extern const char * const vmstat_text[];

static inline void zone_page_state_add(long x, struct zone *zone,
				       enum zone_stat_item item)
{
	atomic_long_add(x, &zone->vm_stat[item]);
	atomic_long_add(x, &vm_stat[item]);
}

static inline unsigned long global_page_state(enum zone_stat_item item)
{
	long x = atomic_long_read(&vm_stat[item]);

	return x < 0 ? 0 : x;
}

static inline unsigned long zone_page_state(struct zone *zone,
					    enum zone_stat_item item)
{
	long x = atomic_long_read(&zone->vm_stat[item]);

	return x < 0 ? 0 : x;
}

static inline void __mod_zone_page_state(struct zone *zone,
					 enum zone_stat_item item, long delta)
{
	zone_page_state_add(delta, zone, item);
}

#define mod_zone_page_state	__mod_zone_page_state

static inline void __inc_zone_state(struct zone *zone, enum zone_stat_item item)
{
	zone_page_state_add(1, zone, item);
}

static inline void __dec_zone_state(struct zone *zone, enum zone_stat_item item)
{
	zone_page_state_add(-1, zone, item);
}

/*
 * The counter of the zone @page is in (page_zone(), from <linux/mm.h>):
 * what the page cache, the LRU and the page tables count with.
 */
#define __inc_zone_page_state(page, item) \
	__inc_zone_state(page_zone(page), (item))
#define __dec_zone_page_state(page, item) \
	__dec_zone_state(page_zone(page), (item))
#define inc_zone_page_state	__inc_zone_page_state
#define dec_zone_page_state	__dec_zone_page_state
#define inc_zone_state		__inc_zone_state
#define dec_zone_state		__dec_zone_state

static inline void __mod_zone_freepage_state(struct zone *zone, int nr_pages,
					     int migratetype)
{
	(void)migratetype;	/* no CMA */
	__mod_zone_page_state(zone, NR_FREE_PAGES, nr_pages);
}

void zone_statistics(struct zone *preferred_zone, struct zone *z, gfp_t flags);

#endif /* _LINUX_VMSTAT_H */
