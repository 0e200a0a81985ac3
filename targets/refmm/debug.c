// SPDX-License-Identifier: GPL-2.0-only
/*
 * debug.c - dump_page() and the CONFIG_DEBUG_VM check of the whole page
 * allocator (mm/debug.c, plus refmm_check_invariants()).
 *
 * The invariant check walks every zone's free lists and pcp lists and the
 * struct pages of the zone, and verifies what the buddy allocator relies
 * on:
 *   - each free block is on exactly one list, of its order, and no two
 *     free blocks overlap;
 *   - a free block's first page is PageBuddy (_mapcount ==
 *     PAGE_BUDDY_MAPCOUNT_VALUE, and PG_buddy set in the build that has
 *     the flag), page_private == order, _count == 0, its pfn aligned to
 *     2^order, the block inside the zone;
 *   - nr_free equals the length of the order's lists;
 *   - no two free buddies of the same order are left unmerged;
 *   - no page inside a free block is in use or marked as a buddy head,
 *     and with PG_buddy, the flag and the mapcount mark agree on every
 *     page;
 *   - pcp pages are free order-0 pages of the zone (not PageBuddy, _count
 *     0), pcp->count matches the lists, and count < high + batch;
 *   - NR_FREE_PAGES of each zone equals the pages on its buddy lists, and
 *     the global counter is the sum of the zones';
 *   - the per-cpu first chunk's allocation map is sorted, merged and
 *     agrees with its free_size (pcpu_check_first_chunk()).
 * Lists are walked with a bound, so a corrupted (cyclic) list is reported
 * rather than looped on.  Host memory holds the check's bitmaps; nothing
 * in simulated RAM is written.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/mm.h>
#include <linux/vmstat.h>
#include <refmm/machine.h>

#include "internal.h"

struct trace_print_flags {
	unsigned long mask;
	const char *name;
};

static const struct trace_print_flags pageflag_names[] = {
	{1UL << PG_locked,		"locked"	},
	{1UL << PG_error,		"error"		},
	{1UL << PG_referenced,		"referenced"	},
	{1UL << PG_uptodate,		"uptodate"	},
	{1UL << PG_dirty,		"dirty"		},
	{1UL << PG_lru,			"lru"		},
	{1UL << PG_active,		"active"	},
	{1UL << PG_slab,		"slab"		},
	{1UL << PG_owner_priv_1,	"owner_priv_1"	},
	{1UL << PG_arch_1,		"arch_1"	},
	{1UL << PG_reserved,		"reserved"	},
	{1UL << PG_private,		"private"	},
	{1UL << PG_private_2,		"private_2"	},
	{1UL << PG_writeback,		"writeback"	},
	{1UL << PG_head,		"head"		},
	{1UL << PG_tail,		"tail"		},
	{1UL << PG_swapcache,		"swapcache"	},
	{1UL << PG_mappedtodisk,	"mappedtodisk"	},
	{1UL << PG_reclaim,		"reclaim"	},
	{1UL << PG_swapbacked,		"swapbacked"	},
	{1UL << PG_unevictable,		"unevictable"	},
	{1UL << PG_mlocked,		"mlocked"	},
	{1UL << PG_uncached,		"uncached"	},
	{1UL << PG_hwpoison,		"hwpoison"	},
	{1UL << PG_compound_lock,	"compound_lock"	},
#ifdef CONFIG_REFMM_PG_BUDDY
	{1UL << PG_buddy,		"buddy"		},
#endif
};

static void dump_flags(unsigned long flags,
		       const struct trace_print_flags *names, int count)
{
	const char *delim = "";
	unsigned long mask;
	int i;

	printk(KERN_ALERT "flags: %#lx(", flags);

	/* remove zone id */
	flags &= (1UL << NR_PAGEFLAGS) - 1;

	for (i = 0; i < count && flags; i++) {
		mask = names[i].mask;
		if ((flags & mask) != mask)
			continue;

		flags &= ~mask;
		printk(KERN_CONT "%s%s", delim, names[i].name);
		delim = "|";
	}

	/* check for left over flags */
	if (flags)
		printk(KERN_CONT "%s%#lx", delim, flags);

	printk(KERN_CONT ")\n");
}

void dump_page_badflags(struct page *page, const char *reason,
			unsigned long badflags)
{
	char mapping[24];

	if (page->mapping)
		snprintf(mapping, sizeof(mapping), "%016lx",
			 (unsigned long)page->mapping);
	else
		snprintf(mapping, sizeof(mapping), "%16s", "(null)");
	printk(KERN_ALERT "page:%016lx count:%d mapcount:%d mapping:%s index:%#lx\n",
	       (unsigned long)page, atomic_read(&page->_count),
	       page_mapcount(page), mapping, page->index);
	dump_flags(page->flags, pageflag_names, ARRAY_SIZE(pageflag_names));
	if (reason)
		printk(KERN_ALERT "page dumped because: %s\n", reason);
	if (page->flags & badflags) {
		printk(KERN_ALERT "bad because of flags:\n");
		dump_flags(page->flags & badflags, pageflag_names,
			   ARRAY_SIZE(pageflag_names));
	}
}

void dump_page(struct page *page, const char *reason)
{
	dump_page_badflags(page, reason, 0);
}

/* ------------------------------------------------------------------ */
/* the invariant check                                                 */

struct inv_ctx {
	char *msg;
	size_t len;
	int failed;
};

static int inv_fail(struct inv_ctx *c, const char *fmt, ...) __printf(2, 3);
static int inv_fail(struct inv_ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->failed && c->msg && c->len) {
		va_start(ap, fmt);
		vsnprintf(c->msg, c->len, fmt, ap);
		va_end(ap);
	}
	c->failed = 1;
	return -1;
}

static inline void bit_set(unsigned char *m, unsigned long i)
{
	m[i >> 3] |= 1 << (i & 7);
}

static inline int bit_test(const unsigned char *m, unsigned long i)
{
	return (m[i >> 3] >> (i & 7)) & 1;
}

#define ZFMT "node %d zone %s: "
#define ZARG(z) zone_to_nid(z), (z)->name

static int check_free_lists(struct inv_ctx *c, struct zone *zone,
			    unsigned char *free_map, unsigned char *head_map,
			    unsigned long *free_pages)
{
	unsigned long start = zone->zone_start_pfn;
	unsigned long bound = zone->spanned_pages + 1;
	unsigned int order;
	int mt;

	*free_pages = 0;
	for (order = 0; order < MAX_ORDER; order++) {
		struct free_area *area = &zone->free_area[order];
		unsigned long blocks = 0;

		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct list_head *head = &area->free_list[mt];
			struct list_head *pos;
			unsigned long n = 0;

			for (pos = head->next; pos != head; pos = pos->next) {
				struct page *page = list_entry(pos, struct page, lru);
				unsigned long pfn, i;

				if (++n > bound)
					return inv_fail(c, ZFMT "free_area[%u].free_list[%d] does not end (cycle?)",
							ZARG(zone), order, mt);
				if (pos->next->prev != pos)
					return inv_fail(c, ZFMT "free_area[%u].free_list[%d]: broken links at page %p",
							ZARG(zone), order, mt, (void *)page);
				if (page_zone(page) != zone)
					return inv_fail(c, ZFMT "free_area[%u].free_list[%d]: page %p belongs to another zone",
							ZARG(zone), order, mt, (void *)page);
				pfn = page_to_pfn(page);
				if (!zone_spans_pfn(zone, pfn) ||
				    !zone_spans_pfn(zone, pfn + (1UL << order) - 1))
					return inv_fail(c, ZFMT "free block pfn %#lx order %u outside the zone",
							ZARG(zone), pfn, order);
				if (pfn & ((1UL << order) - 1))
					return inv_fail(c, ZFMT "free block pfn %#lx not aligned to order %u",
							ZARG(zone), pfn, order);
				if (!PageBuddy(page))
					return inv_fail(c, ZFMT "free block pfn %#lx order %u: _mapcount %d, not PAGE_BUDDY_MAPCOUNT_VALUE",
							ZARG(zone), pfn, order,
							atomic_read(&page->_mapcount));
#ifdef CONFIG_REFMM_PG_BUDDY
				if (!PageBuddyFlag(page))
					return inv_fail(c, ZFMT "free block pfn %#lx order %u lacks PG_buddy",
							ZARG(zone), pfn, order);
#endif
				if (page_private(page) != order)
					return inv_fail(c, ZFMT "free block pfn %#lx on order %u list has page_private %lu",
							ZARG(zone), pfn, order, page_private(page));
				if (page_count(page) != 0)
					return inv_fail(c, ZFMT "free block pfn %#lx has _count %d",
							ZARG(zone), pfn, page_count(page));
				if (bit_test(head_map, pfn - start))
					return inv_fail(c, ZFMT "free block pfn %#lx is on more than one list",
							ZARG(zone), pfn);
				bit_set(head_map, pfn - start);
				for (i = 0; i < (1UL << order); i++) {
					if (bit_test(free_map, pfn - start + i))
						return inv_fail(c, ZFMT "free blocks overlap at pfn %#lx",
								ZARG(zone), pfn + i);
					bit_set(free_map, pfn - start + i);
				}
				*free_pages += 1UL << order;
			}
			blocks += n;
		}
		if (blocks != area->nr_free)
			return inv_fail(c, ZFMT "free_area[%u].nr_free is %lu but its lists hold %lu blocks",
					ZARG(zone), order, area->nr_free, blocks);
	}
	return 0;
}

static int check_unmerged(struct inv_ctx *c, struct zone *zone,
			  const unsigned char *head_map)
{
	unsigned long start = zone->zone_start_pfn;
	unsigned long pfn;

	for (pfn = start; pfn < zone_end_pfn(zone); pfn++) {
		struct page *page, *buddy;
		unsigned long order, bpfn;

		if (!bit_test(head_map, pfn - start))
			continue;
		page = pfn_to_page(pfn);
		order = page_private(page);
		if (order >= MAX_ORDER - 1)
			continue;
		bpfn = pfn ^ (1UL << order);
		if (!zone_spans_pfn(zone, bpfn) || !bit_test(head_map, bpfn - start))
			continue;
		buddy = pfn_to_page(bpfn);
		if (page_private(buddy) == order)
			return inv_fail(c, ZFMT "free buddies pfn %#lx and %#lx of order %lu are not merged",
					ZARG(zone), pfn, bpfn, order);
	}
	return 0;
}

static int check_pcp(struct inv_ctx *c, struct zone *zone,
		     unsigned char *free_map)
{
	unsigned long start = zone->zone_start_pfn;
	int cpu, mt;

	if (!zone->pageset)
		return 0;
	for_each_possible_cpu(cpu) {
		struct per_cpu_pages *pcp = &per_cpu_ptr(zone->pageset, cpu)->pcp;
		unsigned long n = 0;

		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
			struct list_head *head = &pcp->lists[mt];
			struct list_head *pos;

			for (pos = head->next; pos != head; pos = pos->next) {
				struct page *page = list_entry(pos, struct page, lru);
				unsigned long pfn;

				if (++n > zone->spanned_pages)
					return inv_fail(c, ZFMT "cpu %d pcp list %d does not end (cycle?)",
							ZARG(zone), cpu, mt);
				if (page_zone(page) != zone)
					return inv_fail(c, ZFMT "cpu %d pcp list %d: page of another zone",
							ZARG(zone), cpu, mt);
				pfn = page_to_pfn(page);
				if (PageBuddy(page) || page_count(page) ||
				    page_mapcount(page))
					return inv_fail(c, ZFMT "cpu %d pcp page pfn %#lx: count %d mapcount %d buddy %d",
							ZARG(zone), cpu, pfn, page_count(page),
							page_mapcount(page), PageBuddy(page));
				if (bit_test(free_map, pfn - start))
					return inv_fail(c, ZFMT "pfn %#lx is both on a pcp list and in a free block",
							ZARG(zone), pfn);
				bit_set(free_map, pfn - start);
			}
		}
		if ((long)n != pcp->count)
			return inv_fail(c, ZFMT "cpu %d pcp->count %d but its lists hold %lu pages",
					ZARG(zone), cpu, pcp->count, n);
		/*
		 * Frees keep count below high; a refill may add a batch on
		 * top when another migratetype's list holds the pages.
		 */
		if (pcp->count >= pcp->high + pcp->batch)
			return inv_fail(c, ZFMT "cpu %d pcp->count %d above high %d + batch %d",
					ZARG(zone), cpu, pcp->count, pcp->high,
					pcp->batch);
	}
	return 0;
}

/* Pages not on any list must not look free; pages in free blocks must not be used. */
static int check_pages(struct inv_ctx *c, struct zone *zone,
		       const unsigned char *free_map,
		       const unsigned char *head_map)
{
	unsigned long start = zone->zone_start_pfn;
	unsigned long pfn;

	for (pfn = start; pfn < zone_end_pfn(zone); pfn++) {
		struct page *page = pfn_to_page(pfn);
		int head = bit_test(head_map, pfn - start);

		if (page_zone(page) != zone)
			return inv_fail(c, ZFMT "page of pfn %#lx has zone/node bits of another zone",
					ZARG(zone), pfn);
		if (PageBuddy(page) && !head)
			return inv_fail(c, ZFMT "pfn %#lx is PageBuddy but is on no free list",
					ZARG(zone), pfn);
#ifdef CONFIG_REFMM_PG_BUDDY
		if (!PageBuddyFlag(page) != !PageBuddy(page))
			return inv_fail(c, ZFMT "pfn %#lx: PG_buddy %d but _mapcount %d",
					ZARG(zone), pfn, PageBuddyFlag(page),
					atomic_read(&page->_mapcount));
#endif
		if (bit_test(free_map, pfn - start) && !head) {
			if (page_count(page) || page_mapcount(page) ||
			    (page->flags & PAGE_FLAGS_CHECK_AT_FREE))
				return inv_fail(c, ZFMT "free pfn %#lx is in use: count %d mapcount %d flags %#lx",
						ZARG(zone), pfn, page_count(page),
						page_mapcount(page), page->flags);
		}
	}
	return 0;
}

int refmm_check_invariants(char *msg, size_t len)
{
	struct inv_ctx c = { msg, len, 0 };
	struct zone *zone;
	long total_free = 0;

	if (msg && len)
		msg[0] = '\0';
	if (!refmm_booted())
		return inv_fail(&c, "refmm is not booted");

	for_each_populated_zone(zone) {
		unsigned long span = zone->spanned_pages;
		unsigned char *free_map = calloc(span / 8 + 1, 1);
		unsigned char *head_map = calloc(span / 8 + 1, 1);
		unsigned long free_pages;
		int err;

		if (!free_map || !head_map) {
			free(free_map);
			free(head_map);
			return inv_fail(&c, "out of host memory");
		}
		err = check_free_lists(&c, zone, free_map, head_map, &free_pages);
		if (!err && (long)free_pages != atomic_long_read(&zone->vm_stat[NR_FREE_PAGES]))
			err = inv_fail(&c, ZFMT "NR_FREE_PAGES is %ld but the free lists hold %lu pages",
				       ZARG(zone), atomic_long_read(&zone->vm_stat[NR_FREE_PAGES]),
				       free_pages);
		if (!err)
			err = check_unmerged(&c, zone, head_map);
		if (!err)
			err = check_pcp(&c, zone, free_map);
		if (!err)
			err = check_pages(&c, zone, free_map, head_map);
		free(free_map);
		free(head_map);
		if (err)
			return err;
		total_free += atomic_long_read(&zone->vm_stat[NR_FREE_PAGES]);
	}
	if (total_free != atomic_long_read(&vm_stat[NR_FREE_PAGES]))
		return inv_fail(&c, "global NR_FREE_PAGES %ld != sum of the zones' %ld",
				atomic_long_read(&vm_stat[NR_FREE_PAGES]), total_free);
	if (pcpu_check_first_chunk(msg, len))
		return -1;
	return 0;
}
