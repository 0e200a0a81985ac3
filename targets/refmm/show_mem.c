// SPDX-License-Identifier: GPL-2.0-only
/*
 * show_mem.c - the memory report of the OOM killer and SysRq-m
 * (lib/show_mem.c, Linux 4.0): "Mem-Info:", show_free_areas()'s per zone
 * figures and free lists, then the page totals.
 */
#include <linux/mm.h>
#include <linux/vmstat.h>

void show_swap_cache_info(void);

void show_mem(unsigned int filter)
{
	pg_data_t *pgdat;
	unsigned long total = 0, reserved = 0, highmem = 0;

	printk("Mem-Info:\n");
	show_free_areas(filter);

	for_each_online_pgdat(pgdat) {
		int zoneid;

		for (zoneid = 0; zoneid < MAX_NR_ZONES; zoneid++) {
			struct zone *zone = &pgdat->node_zones[zoneid];

			if (!populated_zone(zone))
				continue;

			total += zone->present_pages;
			reserved += zone->present_pages - zone->managed_pages;

			if (zoneid == ZONE_MOVABLE)	/* is_highmem_idx() */
				highmem += zone->present_pages;
		}
	}

	printk("%lu pages RAM\n", total);
	printk("%lu pages HighMem/MovableOnly\n", highmem);
	printk("%lu pages reserved\n", reserved);
	printk("%lu pages hwpoisoned\n", 0UL);
}
