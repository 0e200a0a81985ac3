/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dump_filter.h - which pages makedumpfile's -d would leave out of a dump.
 *
 * makedumpfile (a user-space tool, so no kernel file of this name) decides
 * from each struct page whether a page is free, page cache or user data;
 * the kdump writer asks the same of refmm here, from refmm's own structures.
 */
#ifndef REFMM_DUMP_FILTER_H
#define REFMM_DUMP_FILTER_H

#include <stdint.h>

/* makedumpfile.h's dump level bits (makedumpfile -d, 0..31) */
#define DL_EXCLUDE_ZERO		0x001	/* pages filled with zeros */
#define DL_EXCLUDE_CACHE	0x002	/* page cache, without private data */
#define DL_EXCLUDE_CACHE_PRI	0x004	/* page cache, with private data too */
#define DL_EXCLUDE_USER_DATA	0x008	/* anonymous (user process) pages */
#define DL_EXCLUDE_FREE		0x010	/* free pages */
#define DL_MAX_DUMP_LEVEL	31

struct page;

/**
 * page_dump_class - the dump level bits that exclude @page's data
 *
 * makedumpfile's rule (__exclude_unnecessary_pages()) for one struct page,
 * in its order: a free buddy block's head page, then page cache without and
 * with PG_private, then anonymous pages.  0 for everything else: struct
 * page arrays, slab, zones, page tables and the kernel image are never left
 * out.  Zero pages are decided by their bytes, by the writer.
 */
unsigned int page_dump_class(const struct page *page);

/**
 * refmm_dump_classes - page_dump_class() of every pfn below @nr_pfns
 *
 * Fills @cls (one byte per pfn, 0 for pfns that are no node's) with the
 * bits that exclude each page, spreading a free block's and a compound
 * page's class over all their pages.  Pages on the cpus' pcp lists count as
 * free too: refmm knows them (makedumpfile, which sees only struct page,
 * keeps them).
 */
void refmm_dump_classes(unsigned char *cls, uint64_t nr_pfns);

#endif
