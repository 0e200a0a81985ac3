// SPDX-License-Identifier: GPL-2.0-only
/*
 * swapfile.c - swap devices (mm/swapfile.c, mm/swap_state.c, Linux 4.0):
 * the counters a reader and the OOM report look at.  refmm has no swap
 * device: total_swap_pages and nr_swap_pages stay 0, anonymous pages
 * cannot be reclaimed, and a machine out of free and clean cache pages
 * is out of memory.
 */
#include <linux/mm.h>

long total_swap_pages __kdata;
atomic_long_t nr_swap_pages __kdata;
unsigned int nr_swapfiles __kdata;

static struct {
	unsigned long add_total;
	unsigned long del_total;
	unsigned long find_success;
	unsigned long find_total;
} swap_cache_info __kdata;

#define K(x) ((x) << (PAGE_SHIFT - 10))

void show_swap_cache_info(void)
{
	printk("%lu pages in swap cache\n", 0UL /* total_swapcache_pages() */);
	printk("Swap cache stats: add %lu, delete %lu, find %lu/%lu\n",
	       swap_cache_info.add_total, swap_cache_info.del_total,
	       swap_cache_info.find_success, swap_cache_info.find_total);
	printk("Free swap  = %ldkB\n", K(get_nr_swap_pages()));
	printk("Total swap = %lukB\n", (unsigned long)K(total_swap_pages));
}
