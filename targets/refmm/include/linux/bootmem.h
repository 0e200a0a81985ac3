/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bootmem.h - the boot-time bitmap allocator (mm/bootmem.c).
 *
 * Before the buddy allocator exists, each node's memory is described by a
 * bitmap with one bit per page, set when the page is reserved.  Early
 * data (page tables, pg_data_t, mem_map, pageblock bitmaps, per-cpu
 * areas) is carved out of it; free_all_bootmem() then hands every clear
 * bit's page to the buddy allocator and retires the bitmap.
 */
#ifndef _LINUX_BOOTMEM_H
#define _LINUX_BOOTMEM_H

#include <linux/mmzone.h>

extern unsigned long max_low_pfn;
extern unsigned long min_low_pfn;
extern unsigned long max_pfn;

/* node_bootmem_map is a map pointer - the bits represent all physical
 * memory pages (including holes) on the node. */
typedef struct bootmem_data {
	unsigned long node_min_pfn;
	unsigned long node_low_pfn;
	void *node_bootmem_map;
	unsigned long last_end_off;
	unsigned long hint_idx;
	struct list_head list;
} bootmem_data_t;

extern bootmem_data_t bootmem_node_data[];

unsigned long bootmem_bootmap_pages(unsigned long pages);
unsigned long init_bootmem_node(pg_data_t *pgdat, unsigned long freepfn,
				unsigned long startpfn, unsigned long endpfn);
unsigned long refmm_init_bootmem_bdata(bootmem_data_t *bdata,
				       unsigned long freepfn,
				       unsigned long startpfn,
				       unsigned long endpfn);
unsigned long free_all_bootmem(void);
void free_bootmem_node(pg_data_t *pgdat, unsigned long addr,
		       unsigned long size);
void free_bootmem(unsigned long physaddr, unsigned long size);
int reserve_bootmem_node(pg_data_t *pgdat, unsigned long physaddr,
			 unsigned long size, int flags);
int reserve_bootmem(unsigned long addr, unsigned long size, int flags);

#define BOOTMEM_DEFAULT		0
#define BOOTMEM_EXCLUSIVE	(1 << 0)

void *__alloc_bootmem(unsigned long size, unsigned long align,
		      unsigned long goal);
void *__alloc_bootmem_nopanic(unsigned long size, unsigned long align,
			      unsigned long goal);
void *__alloc_bootmem_node(pg_data_t *pgdat, unsigned long size,
			   unsigned long align, unsigned long goal);
void *__alloc_bootmem_node_nopanic(pg_data_t *pgdat, unsigned long size,
				   unsigned long align, unsigned long goal);
void *__alloc_bootmem_low(unsigned long size, unsigned long align,
			  unsigned long goal);
/* Node allocation before the node's pg_data_t exists. */
void *__alloc_bootmem_bdata(bootmem_data_t *bdata, unsigned long size,
			    unsigned long align, unsigned long goal);

#define BOOTMEM_LOW_LIMIT	__pa(MAX_DMA_ADDRESS)

#define alloc_bootmem(x) \
	__alloc_bootmem(x, SMP_CACHE_BYTES, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_align(x, align) \
	__alloc_bootmem(x, align, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_nopanic(x) \
	__alloc_bootmem_nopanic(x, SMP_CACHE_BYTES, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_pages(x) \
	__alloc_bootmem(x, PAGE_SIZE, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_node(pgdat, x) \
	__alloc_bootmem_node(pgdat, x, SMP_CACHE_BYTES, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_node_nopanic(pgdat, x) \
	__alloc_bootmem_node_nopanic(pgdat, x, SMP_CACHE_BYTES, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_pages_node(pgdat, x) \
	__alloc_bootmem_node(pgdat, x, PAGE_SIZE, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_low_pages(x) \
	__alloc_bootmem_low(x, PAGE_SIZE, 0)

/* Hash tables sized to memory (mm/page_alloc.c). */
void *alloc_large_system_hash(const char *tablename,
			      unsigned long bucketsize,
			      unsigned long numentries,
			      int scale,
			      int flags,
			      unsigned int *_hash_shift,
			      unsigned int *_hash_mask,
			      unsigned long low_limit,
			      unsigned long high_limit);

#define HASH_EARLY	0x00000001	/* Allocating during early boot? */
#define HASH_SMALL	0x00000002	/* sub-page allocation allowed, min
					 * shift passed via *_hash_shift */

/* Only NUMA needs hash distribution. 64bit NUMA architectures have
 * sufficient vmalloc space.
 */
#define HASHDIST_DEFAULT 1
extern int hashdist;		/* Distribute hashes across NUMA nodes? */

#endif /* _LINUX_BOOTMEM_H */
