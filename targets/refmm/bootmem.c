// SPDX-License-Identifier: GPL-2.0-only
/*
 * bootmem.c - the boot-time memory allocator (mm/bootmem.c).
 *
 * Each node's memory is described by a bitmap with one bit per page
 * frame, from node_min_pfn to node_low_pfn: set means reserved.  The
 * bitmap starts all ones (everything reserved); setup code frees the
 * usable RAM ranges, then reserves what is already in use (the image,
 * the bitmap itself, low BIOS pages).  Allocations search for a run of
 * clear bits from a goal (by default 16 MiB, to keep ZONE_DMA for those
 * who need it), first in each node in address order; sub-page requests
 * pack behind the previous one (last_end_off), as the kernel's do.
 *
 * free_all_bootmem() finally hands every page whose bit is clear to the
 * buddy allocator, in BITS_PER_LONG-page blocks when a whole aligned word
 * is free, then frees the bitmap's own pages.
 *
 * Locking: none; bootmem runs before anything else, on the boot CPU.
 */
#include <string.h>

#include <linux/bootmem.h>
#include <linux/mm.h>
#include <linux/gfp.h>

unsigned long max_low_pfn __kdata;
unsigned long min_low_pfn __kdata;
unsigned long max_pfn __kdata;

bootmem_data_t bootmem_node_data[MAX_NUMNODES] __kdata;

static struct list_head bdata_list __kdata = LIST_HEAD_INIT(bdata_list);

/* Set once the buddy allocator owns memory: bootmem is gone then. */
static int after_bootmem;

static unsigned long bootmap_bytes(unsigned long pages)
{
	unsigned long bytes = DIV_ROUND_UP(pages, 8);

	return ALIGN(bytes, sizeof(long));
}

/**
 * bootmem_bootmap_pages - calculate bitmap size in pages
 * @pages: number of pages the bitmap has to represent
 */
unsigned long bootmem_bootmap_pages(unsigned long pages)
{
	unsigned long bytes = bootmap_bytes(pages);

	return PAGE_ALIGN(bytes) >> PAGE_SHIFT;
}

static unsigned long find_next_zero_bit(const unsigned long *map,
					unsigned long size, unsigned long off)
{
	while (off < size) {
		unsigned long word = ~map[off / BITS_PER_LONG] >>
				     (off % BITS_PER_LONG);

		if (word) {
			off += __builtin_ctzl(word);
			return off < size ? off : size;
		}
		off = ALIGN(off + 1, BITS_PER_LONG);
	}
	return size;
}

/* Keep bdata_list sorted by start pfn: allocations walk it in order. */
static void link_bootmem(bootmem_data_t *bdata)
{
	bootmem_data_t *ent;

	list_for_each_entry(ent, &bdata_list, list) {
		if (bdata->node_min_pfn < ent->node_min_pfn) {
			list_add_tail(&bdata->list, &ent->list);
			return;
		}
	}
	list_add_tail(&bdata->list, &bdata_list);
}

/*
 * Called once to set up the allocator itself: the bitmap sits at
 * @mapstart and every page starts reserved.
 */
static unsigned long init_bootmem_core(bootmem_data_t *bdata,
				       unsigned long mapstart,
				       unsigned long start, unsigned long end)
{
	unsigned long mapsize;

	bdata->node_bootmem_map = pfn_to_kaddr(mapstart);
	bdata->node_min_pfn = start;
	bdata->node_low_pfn = end;
	link_bootmem(bdata);

	mapsize = bootmap_bytes(end - start);
	memset(bdata->node_bootmem_map, 0xff, mapsize);
	return mapsize;
}

/**
 * init_bootmem_node - register a node as boot memory
 * @pgdat: node to register
 * @freepfn: pfn where the bitmap is placed
 * @startpfn: first pfn on the node
 * @endpfn: first pfn after the node
 *
 * Returns the number of bytes needed to hold the bitmap for this node.
 */
unsigned long init_bootmem_node(pg_data_t *pgdat, unsigned long freepfn,
				unsigned long startpfn, unsigned long endpfn)
{
	return init_bootmem_core(pgdat->bdata, freepfn, startpfn, endpfn);
}

/* refmm's setup registers nodes before their pg_data_t exists. */
unsigned long refmm_init_bootmem_bdata(bootmem_data_t *bdata,
				       unsigned long freepfn,
				       unsigned long startpfn,
				       unsigned long endpfn)
{
	return init_bootmem_core(bdata, freepfn, startpfn, endpfn);
}

static unsigned long free_all_bootmem_core(bootmem_data_t *bdata)
{
	struct page *page;
	unsigned long *map, start, end, pages, cur, count = 0;

	if (!bdata->node_bootmem_map)
		return 0;

	map = bdata->node_bootmem_map;
	start = bdata->node_min_pfn;
	end = bdata->node_low_pfn;

	while (start < end) {
		unsigned long idx, vec;
		unsigned shift;

		idx = start - bdata->node_min_pfn;
		shift = idx & (BITS_PER_LONG - 1);
		/*
		 * vec holds at most BITS_PER_LONG map bits,
		 * bit 0 corresponds to start.
		 */
		vec = ~map[idx / BITS_PER_LONG];

		if (shift) {
			vec >>= shift;
			if (end - start >= BITS_PER_LONG)
				vec |= ~map[idx / BITS_PER_LONG + 1] <<
					(BITS_PER_LONG - shift);
		}
		/*
		 * If we have a properly aligned and fully unreserved
		 * BITS_PER_LONG block of pages in front of us, free
		 * it in one go.
		 */
		if (IS_ALIGNED(start, BITS_PER_LONG) && vec == ~0UL) {
			int order = ilog2(BITS_PER_LONG);

			__free_pages_bootmem(pfn_to_page(start), order);
			count += BITS_PER_LONG;
			start += BITS_PER_LONG;
		} else {
			cur = start;

			start = ALIGN(start + 1, BITS_PER_LONG);
			while (vec && cur != start) {
				if (vec & 1) {
					page = pfn_to_page(cur);
					__free_pages_bootmem(page, 0);
					count++;
				}
				vec >>= 1;
				++cur;
			}
		}
	}

	/* The bitmap itself is free memory from now on. */
	page = virt_to_page(bdata->node_bootmem_map);
	pages = bdata->node_low_pfn - bdata->node_min_pfn;
	pages = bootmem_bootmap_pages(pages);
	count += pages;
	while (pages--)
		__free_pages_bootmem(page++, 0);

	return count;
}

static void reset_node_managed_pages(pg_data_t *pgdat)
{
	struct zone *z;

	for (z = pgdat->node_zones; z < pgdat->node_zones + MAX_NR_ZONES; z++)
		z->managed_pages = 0;
}

/**
 * free_all_bootmem - release free pages to the buddy allocator
 *
 * Returns the number of pages actually released.
 */
unsigned long free_all_bootmem(void)
{
	unsigned long total_pages = 0;
	bootmem_data_t *bdata;
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat)
		reset_node_managed_pages(pgdat);

	list_for_each_entry(bdata, &bdata_list, list)
		total_pages += free_all_bootmem_core(bdata);

	after_bootmem = 1;
	totalram_pages += total_pages;
	return total_pages;
}

static void __free(bootmem_data_t *bdata, unsigned long sidx,
		   unsigned long eidx)
{
	unsigned long idx;

	if (bdata->hint_idx > sidx)
		bdata->hint_idx = sidx;

	for (idx = sidx; idx < eidx; idx++)
		if (!test_and_clear_bit(idx, bdata->node_bootmem_map))
			BUG();
}

static int __reserve(bootmem_data_t *bdata, unsigned long sidx,
		     unsigned long eidx, int flags)
{
	unsigned long idx;
	int exclusive = flags & BOOTMEM_EXCLUSIVE;

	for (idx = sidx; idx < eidx; idx++)
		if (test_and_set_bit(idx, bdata->node_bootmem_map)) {
			if (exclusive) {
				__free(bdata, sidx, idx);
				return -1;
			}
		}
	return 0;
}

/*
 * Free or reserve [start, end) in @bdata.  Freeing an already free page
 * is a bug; reserving a reserved one is fine unless BOOTMEM_EXCLUSIVE.
 */
static int mark_bootmem_node(bootmem_data_t *bdata, unsigned long start,
			     unsigned long end, int reserve, int flags)
{
	unsigned long sidx, eidx;

	BUG_ON(start < bdata->node_min_pfn || end > bdata->node_low_pfn);

	sidx = start - bdata->node_min_pfn;
	eidx = end - bdata->node_min_pfn;

	if (reserve)
		return __reserve(bdata, sidx, eidx, flags);
	__free(bdata, sidx, eidx);
	return 0;
}

static int mark_bootmem(unsigned long start, unsigned long end, int reserve,
			int flags)
{
	unsigned long pos;
	bootmem_data_t *bdata;

	pos = start;
	list_for_each_entry(bdata, &bdata_list, list) {
		int err;
		unsigned long max;

		if (pos < bdata->node_min_pfn || pos >= bdata->node_low_pfn) {
			BUG_ON(pos != start);
			continue;
		}

		max = min(bdata->node_low_pfn, end);

		err = mark_bootmem_node(bdata, pos, max, reserve, flags);
		if (reserve && err) {
			mark_bootmem(start, pos, 0, 0);
			return err;
		}

		if (max == end)
			return 0;
		pos = bdata->node_low_pfn;
	}
	BUG();
}

/**
 * free_bootmem_node - mark a page range as usable
 * @pgdat: node the range resides on
 * @physaddr: starting address of the range
 * @size: size of the range in bytes
 *
 * Partial pages will be considered reserved and left as they are.
 */
void free_bootmem_node(pg_data_t *pgdat, unsigned long physaddr,
		       unsigned long size)
{
	unsigned long start, end;

	start = PFN_UP(physaddr);
	end = PFN_DOWN(physaddr + size);
	mark_bootmem_node(pgdat->bdata, start, end, 0, 0);
}

/**
 * free_bootmem - mark a page range as usable
 * @physaddr: starting physical address of the range
 * @size: size of the range in bytes
 *
 * The range must be contiguous but may span node boundaries.
 */
void free_bootmem(unsigned long physaddr, unsigned long size)
{
	unsigned long start, end;

	start = PFN_UP(physaddr);
	end = PFN_DOWN(physaddr + size);
	mark_bootmem(start, end, 0, 0);
}

/**
 * reserve_bootmem_node - mark a page range as reserved
 * @pgdat: node the range resides on
 * @physaddr: starting address of the range
 * @size: size of the range in bytes
 * @flags: reservation flags (see linux/bootmem.h)
 *
 * Partial pages will be reserved.
 */
int reserve_bootmem_node(pg_data_t *pgdat, unsigned long physaddr,
			 unsigned long size, int flags)
{
	unsigned long start, end;

	start = PFN_DOWN(physaddr);
	end = PFN_UP(physaddr + size);
	return mark_bootmem_node(pgdat->bdata, start, end, 1, flags);
}

/**
 * reserve_bootmem - mark a page range as reserved
 * @addr: starting address of the range
 * @size: size of the range in bytes
 * @flags: reservation flags (see linux/bootmem.h)
 *
 * The range must be contiguous but may span node boundaries.
 */
int reserve_bootmem(unsigned long addr, unsigned long size, int flags)
{
	unsigned long start, end;

	start = PFN_DOWN(addr);
	end = PFN_UP(addr + size);
	return mark_bootmem(start, end, 1, flags);
}

static unsigned long align_idx(struct bootmem_data *bdata, unsigned long idx,
			       unsigned long step)
{
	unsigned long base = bdata->node_min_pfn;

	/*
	 * Align the index with respect to the node start so that the
	 * combination of both satisfies the requested alignment.
	 */
	return ALIGN(base + idx, step) - base;
}

static unsigned long align_off(struct bootmem_data *bdata, unsigned long off,
			       unsigned long align)
{
	unsigned long base = PFN_PHYS(bdata->node_min_pfn);

	/* Same as align_idx for byte offsets */
	return ALIGN(base + off, align) - base;
}

static void *alloc_bootmem_bdata(struct bootmem_data *bdata,
				 unsigned long size, unsigned long align,
				 unsigned long goal, unsigned long limit)
{
	unsigned long fallback = 0;
	unsigned long min, max, start, sidx, midx, step;

	BUG_ON(!size);
	BUG_ON(align & (align - 1));
	BUG_ON(limit && goal + size > limit);
	BUG_ON(after_bootmem);

	if (!bdata->node_bootmem_map)
		return NULL;

	min = bdata->node_min_pfn;
	max = bdata->node_low_pfn;

	goal >>= PAGE_SHIFT;
	limit >>= PAGE_SHIFT;

	if (limit && max > limit)
		max = limit;
	if (max <= min)
		return NULL;

	step = max(align >> PAGE_SHIFT, 1UL);

	if (goal && min < goal && goal < max)
		start = ALIGN(goal, step);
	else
		start = ALIGN(min, step);

	sidx = start - bdata->node_min_pfn;
	midx = max - bdata->node_min_pfn;

	if (bdata->hint_idx > sidx) {
		/*
		 * Handle the valid case of sidx being zero and still
		 * catch the fallback below.
		 */
		fallback = sidx + 1;
		sidx = align_idx(bdata, bdata->hint_idx, step);
	}

	while (1) {
		int merge;
		void *region;
		unsigned long eidx, i, start_off, end_off;
find_block:
		sidx = find_next_zero_bit(bdata->node_bootmem_map, midx, sidx);
		sidx = align_idx(bdata, sidx, step);
		eidx = sidx + PFN_UP(size);

		if (sidx >= midx || eidx > midx)
			break;

		for (i = sidx; i < eidx; i++)
			if (test_bit(i, bdata->node_bootmem_map)) {
				sidx = align_idx(bdata, i, step);
				if (sidx == i)
					sidx += step;
				goto find_block;
			}

		if (bdata->last_end_off & (PAGE_SIZE - 1) &&
		    PFN_DOWN(bdata->last_end_off) + 1 == sidx)
			start_off = align_off(bdata, bdata->last_end_off, align);
		else
			start_off = PFN_PHYS(sidx);

		merge = PFN_DOWN(start_off) < sidx;
		end_off = start_off + size;

		bdata->last_end_off = end_off;
		bdata->hint_idx = PFN_UP(end_off);

		/* Reserve the area now: */
		if (__reserve(bdata, PFN_DOWN(start_off) + merge,
			      PFN_UP(end_off), BOOTMEM_EXCLUSIVE))
			BUG();

		region = __va(PFN_PHYS(bdata->node_min_pfn) + start_off);
		memset(region, 0, size);
		return region;
	}

	if (fallback) {
		sidx = align_idx(bdata, fallback - 1, step);
		fallback = 0;
		goto find_block;
	}

	return NULL;
}

static void *___alloc_bootmem_nopanic(unsigned long size, unsigned long align,
				      unsigned long goal, unsigned long limit)
{
	bootmem_data_t *bdata;
	void *region;

restart:
	list_for_each_entry(bdata, &bdata_list, list) {
		if (goal && bdata->node_low_pfn <= PFN_DOWN(goal))
			continue;
		if (limit && bdata->node_min_pfn >= PFN_DOWN(limit))
			break;

		region = alloc_bootmem_bdata(bdata, size, align, goal, limit);
		if (region)
			return region;
	}

	if (goal) {
		goal = 0;
		goto restart;
	}

	return NULL;
}

/**
 * __alloc_bootmem_nopanic - allocate boot memory without panicking
 * @size: size of the request in bytes
 * @align: alignment of the region
 * @goal: preferred starting address of the region
 *
 * The goal is dropped if it can not be satisfied and the allocation will
 * fall back to memory below @goal.  Returns NULL on failure.
 */
void *__alloc_bootmem_nopanic(unsigned long size, unsigned long align,
			      unsigned long goal)
{
	return ___alloc_bootmem_nopanic(size, align, goal, 0);
}

static void *___alloc_bootmem(unsigned long size, unsigned long align,
			      unsigned long goal, unsigned long limit)
{
	void *mem = ___alloc_bootmem_nopanic(size, align, goal, limit);

	if (mem)
		return mem;
	panic("Out of memory: bootmem allocation of %lu bytes failed", size);
}

/**
 * __alloc_bootmem - allocate boot memory
 * @size: size of the request in bytes
 * @align: alignment of the region
 * @goal: preferred starting address of the region
 *
 * Memory is zeroed.  The function panics if the request can not be
 * satisfied.
 */
void *__alloc_bootmem(unsigned long size, unsigned long align,
		      unsigned long goal)
{
	return ___alloc_bootmem(size, align, goal, 0);
}

void *__alloc_bootmem_bdata(bootmem_data_t *bdata, unsigned long size,
			    unsigned long align, unsigned long goal)
{
	void *ptr = alloc_bootmem_bdata(bdata, size, align, goal, 0);

	if (!ptr)
		ptr = alloc_bootmem_bdata(bdata, size, align, 0, 0);
	if (!ptr)
		ptr = ___alloc_bootmem_nopanic(size, align, goal, 0);
	return ptr;
}

void *__alloc_bootmem_node_nopanic(pg_data_t *pgdat, unsigned long size,
				   unsigned long align, unsigned long goal)
{
	return __alloc_bootmem_bdata(pgdat->bdata, size, align, goal);
}

/**
 * __alloc_bootmem_node - allocate boot memory from a specific node
 * @pgdat: node to allocate from
 * @size: size of the request in bytes
 * @align: alignment of the region
 * @goal: preferred starting address of the region
 *
 * The node is tried first, then any node: panics when all fail.
 */
void *__alloc_bootmem_node(pg_data_t *pgdat, unsigned long size,
			   unsigned long align, unsigned long goal)
{
	void *ptr = __alloc_bootmem_node_nopanic(pgdat, size, align, goal);

	if (ptr)
		return ptr;
	panic("Out of memory: bootmem allocation of %lu bytes on node %d failed",
	      size, pgdat->node_id);
}

void *__alloc_bootmem_low(unsigned long size, unsigned long align,
			  unsigned long goal)
{
	return ___alloc_bootmem(size, align, goal, ARCH_LOW_ADDRESS_LIMIT);
}
