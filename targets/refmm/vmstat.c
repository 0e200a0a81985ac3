// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmstat.c - VM counters and their reports (mm/vmstat.c).
 *
 * vm_stat[] is the global sum of every zone's vm_stat[].  The kernel
 * batches updates in per-cpu deltas (vm_stat_diff) and folds them
 * later; refmm updates both at once, so a dump's counters are exact.
 *
 * refmm_show_zones() prints what /proc/zoneinfo and /proc/buddyinfo
 * would, for the boot summary and for tests.
 */
#include <stdio.h>

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <refmm/machine.h>

atomic_long_t vm_stat[NR_VM_ZONE_STAT_ITEMS] __kdata;

const char * const vmstat_text[] = {
	/* enum zone_stat_item countes */
	"nr_free_pages",
	"nr_alloc_batch",
	"nr_inactive_anon",
	"nr_active_anon",
	"nr_inactive_file",
	"nr_active_file",
	"nr_unevictable",
	"nr_mlock",
	"nr_anon_pages",
	"nr_mapped",
	"nr_file_pages",
	"nr_dirty",
	"nr_writeback",
	"nr_slab_reclaimable",
	"nr_slab_unreclaimable",
	"nr_page_table_pages",
	"nr_kernel_stack",
	"nr_unstable",
	"nr_bounce",
	"nr_vmscan_write",
	"nr_vmscan_immediate_reclaim",
	"nr_writeback_temp",
	"nr_isolated_anon",
	"nr_isolated_file",
	"nr_shmem",
	"nr_dirtied",
	"nr_written",
	"nr_pages_scanned",
	"numa_hit",
	"numa_miss",
	"numa_foreign",
	"numa_interleave",
	"numa_local",
	"numa_other",
	"workingset_refault",
	"workingset_activate",
	"workingset_nodereclaim",
	"nr_anon_transparent_hugepages",
	"nr_free_cma",
};

_Static_assert(sizeof(vmstat_text) / sizeof(vmstat_text[0]) ==
	       NR_VM_ZONE_STAT_ITEMS, "vmstat_text out of step");

/*
 * Update the zone counters for one allocation: was it on the preferred
 * node (hit) or not (miss/foreign), local to the current CPU (or, for
 * __GFP_OTHER_NODE, to the node it was made for) or not.
 */
void zone_statistics(struct zone *preferred_zone, struct zone *z, gfp_t flags)
{
	if (z->zone_pgdat == preferred_zone->zone_pgdat) {
		__inc_zone_state(z, NUMA_HIT);
	} else {
		__inc_zone_state(z, NUMA_MISS);
		__inc_zone_state(preferred_zone, NUMA_FOREIGN);
	}
	if (z->node == ((flags & __GFP_OTHER_NODE) ?
			preferred_zone->node : numa_node_id()))
		__inc_zone_state(z, NUMA_LOCAL);
	else
		__inc_zone_state(z, NUMA_OTHER);
}

void refmm_show_zones(FILE *out)
{
	struct zone *zone;
	unsigned int order;

	for_each_zone(zone) {
		int cpu;

		fprintf(out, "Node %d, zone %8s\n", zone_to_nid(zone), zone->name);
		fprintf(out, "  pages free     %lu\n",
			zone_page_state(zone, NR_FREE_PAGES));
		fprintf(out, "        min      %lu\n", min_wmark_pages(zone));
		fprintf(out, "        low      %lu\n", low_wmark_pages(zone));
		fprintf(out, "        high     %lu\n", high_wmark_pages(zone));
		fprintf(out, "        spanned  %lu\n", zone->spanned_pages);
		fprintf(out, "        present  %lu\n", zone->present_pages);
		fprintf(out, "        managed  %lu\n", zone->managed_pages);
		fprintf(out, "        protection: (%ld, %ld, %ld, %ld)\n",
			zone->lowmem_reserve[0], zone->lowmem_reserve[1],
			zone->lowmem_reserve[2], zone->lowmem_reserve[3]);
		if (!populated_zone(zone))
			continue;
		fprintf(out, "  start_pfn:     %lu\n", zone->zone_start_pfn);
		fprintf(out, "  pagesets\n");
		for_each_online_cpu(cpu) {
			struct per_cpu_pageset *pageset;

			if (!zone->pageset)
				break;
			pageset = per_cpu_ptr(zone->pageset, cpu);
			fprintf(out, "    cpu: %i count: %i high: %i batch: %i\n",
				cpu, pageset->pcp.count, pageset->pcp.high,
				pageset->pcp.batch);
		}
	}

	for_each_populated_zone(zone) {
		fprintf(out, "Node %d, zone %8s ", zone_to_nid(zone), zone->name);
		for (order = 0; order < MAX_ORDER; ++order)
			fprintf(out, "%6lu ", zone->free_area[order].nr_free);
		fputc('\n', out);
	}
}
