/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pageblock-flags.h - flags per group of pageblock_nr_pages pages.
 *
 * zone->pageblock_flags is a bitmap with NR_PAGEBLOCK_BITS bits per
 * pageblock, counted from the pageblock holding zone_start_pfn.  As in
 * the kernel the bits of one block are stored most significant first
 * inside a word: block b's field is
 *	(word[(b*4)/64] >> (64 - (b*4)%64 - 4)) & 0xf
 * whose low three bits are the migratetype (PB_migrate) and whose top bit
 * is PB_migrate_skip.
 */
#ifndef PAGEBLOCK_FLAGS_H
#define PAGEBLOCK_FLAGS_H

#include <linux/types.h>

enum pageblock_bits {
	PB_migrate,
	PB_migrate_end = PB_migrate + 3 - 1,	/* 3 bits for migrate types */
	PB_migrate_skip,	/* If set the block is skipped by compaction */
	NR_PAGEBLOCK_BITS
};

#ifdef CONFIG_HUGETLB_PAGE_SIZE_VARIABLE
/*
 * Huge page sizes are variable (ia64 and powerpc in 4.0): pageblock_order
 * is a variable the boot sets, set_pageblock_order() in free_area_init_core,
 * so a dump reader finds it by name.  refmm's alternative build takes this
 * path with huge pages of 4 MiB (what x86-32 without PAE has), so that its
 * pageblocks are of order 10 and nothing about them can be guessed.
 */
#define HPAGE_SHIFT		22
#define HUGETLB_PAGE_ORDER	(HPAGE_SHIFT - PAGE_SHIFT)
extern unsigned int pageblock_order;
#else
/*
 * x86-64 with hugetlbfs: a pageblock is a huge page (order 9), or the
 * largest buddy block when MAX_ORDER is smaller.  A macro, as in 4.0: not
 * in the DWARF, so the vmcoreinfo carries NUMBER(pageblock_order).
 */
#define HUGETLB_PAGE_ORDER	9
#define pageblock_order		(HUGETLB_PAGE_ORDER < (MAX_ORDER - 1) ? \
				 HUGETLB_PAGE_ORDER : (MAX_ORDER - 1))
#endif
#define pageblock_nr_pages	(1UL << pageblock_order)

struct page;

unsigned long get_pfnblock_flags_mask(struct page *page, unsigned long pfn,
				      unsigned long end_bitidx,
				      unsigned long mask);
void set_pfnblock_flags_mask(struct page *page, unsigned long flags,
			     unsigned long pfn, unsigned long end_bitidx,
			     unsigned long mask);

#endif /* PAGEBLOCK_FLAGS_H */
