/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_kmem_refmm.c - the floor for "make bench" of kmem: refmm boots a
 * scenario in-process and walks its own structures with plain pointers,
 * doing the work of each kmem command and writing the same text to
 * /dev/null (kmem -f's table, kmem -F's block list, kmem -p's rows, kmem
 * -i's free count, and with -i=shared the walk of every page).
 *
 *   bench_kmem_refmm SCENARIO [ROUNDS]     (big: BENCH_SCALE's RAM, if set)
 * prints "refmm <what> <seconds>" lines (the best of ROUNDS) for
 * bench_kmem.sh.  Only tests/ and targets/ may include refmm headers.
 */
/* the kernel headers first, as in targets/refmm: they define __always_inline */
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mmzone.h>
#include <linux/numa.h>
#include <linux/page-flags.h>
#include <linux/vmstat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_refmm.h"

static FILE *devnull;

/* kmem -f: every list of every zone, the per-order table, the total. */
static unsigned long walk_free(int verbose)
{
	unsigned long found = 0;
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);
		int zi;

		if (!pgdat)
			continue;
		fprintf(devnull, "NODE\n %2d\n", pgdat->node_id);
		for (zi = 0; zi < MAX_NR_ZONES; zi++) {
			struct zone *z = &pgdat->node_zones[zi];
			int order;

			fprintf(devnull, "%3d   %-9s %6lu  %6lu  %16lx  %11lx  %11lu\n", zi, z->name,
				z->spanned_pages, (unsigned long)atomic_long_read(&z->vm_stat[NR_FREE_PAGES]),
				(unsigned long)(uintptr_t)z, z->zone_start_pfn << PAGE_SHIFT,
				z->zone_start_pfn);
			for (order = 0; order < MAX_ORDER; order++) {
				unsigned long blocks = 0;
				int mt;

				for (mt = 0; mt < MIGRATE_TYPES; mt++) {
					struct list_head *pos;
					list_for_each(pos, &z->free_area[order].free_list[mt]) {
						struct page *page = list_entry(pos, struct page, lru);
						/* the checks kmem does on each entry */
						if (!PageBuddy(page) || page_private(page) != (unsigned long)order)
							fprintf(devnull, "bad %p\n", (void *)page);
						if (verbose)
							fprintf(devnull, "%lx\n", (unsigned long)(uintptr_t)page);
						blocks++;
					}
				}
				fprintf(devnull, "%3d  %7luk  %16lx  %6lu %6lu\n", order,
					(PAGE_SIZE << order) / 1024,
					(unsigned long)(uintptr_t)&z->free_area[order], blocks, blocks << order);
				found += blocks << order;
			}
		}
	}
	fprintf(devnull, "nr_free_pages: %lu  (verified)\n", found);
	return found;
}

/* kmem -p: every struct page, one formatted row each. */
static unsigned long walk_pages(int print)
{
	unsigned long shared = 0;
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);
		unsigned long i;

		if (!pgdat)
			continue;
		for (i = 0; i < pgdat->node_spanned_pages; i++) {
			struct page *p = pgdat->node_mem_map + i;
			unsigned long pfn = pgdat->node_start_pfn + i;
			int cnt = atomic_read(&p->_count);

			if (print)
				fprintf(devnull, "%-16lx %9lx %16lx %8lx %2d %lx\n",
					(unsigned long)(uintptr_t)p, pfn << PAGE_SHIFT,
					(unsigned long)(uintptr_t)p->mapping, p->index, cnt, p->flags);
			else if (cnt > 1)
				shared += (unsigned long)cnt - 1;
		}
	}
	return shared;
}

int main(int argc, char **argv)
{
	const struct scn_builtin *b;
	struct scenario *s;
	uint64_t scale = 0;
	char err[512];
	int rounds = argc > 2 ? atoi(argv[2]) : 3, r;
	double best[5] = { 1e9, 1e9, 1e9, 1e9, 1e9 };
	unsigned long found = 0;
	volatile unsigned long shared = 0;	/* used, so the walk is not optimised away */

	if (argc < 2) {
		fprintf(stderr, "usage: %s SCENARIO [ROUNDS]\n", argv[0]);
		return 2;
	}
	b = scenario_builtin(argv[1]);
	if (!b) {
		fprintf(stderr, "no scenario %s\n", argv[1]);
		return 2;
	}
	s = scenario_parse(b->name, b->name, b->text, err, sizeof(err));
	if (!s) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	/* make bench SCALE=16G: the RAM of the dump it compares with (gen --mem) */
	if (getenv("BENCH_SCALE") && !strcmp(argv[1], "big") &&
	    scn_parse_size(getenv("BENCH_SCALE"), &scale) < 0) {
		fprintf(stderr, "BENCH_SCALE=%s: not a size\n", getenv("BENCH_SCALE"));
		return 1;
	}
	if (bench_refmm_boot(s, scale) < 0)
		return 1;
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		return 1;
	for (r = 0; r < rounds; r++) {
		double t0 = bench_now(), t;

		found = walk_free(0);
		t = bench_now() - t0;
		if (t < best[0])
			best[0] = t;
		t0 = bench_now();
		walk_free(1);
		t = bench_now() - t0;
		if (t < best[1])
			best[1] = t;
		t0 = bench_now();
		walk_pages(1);
		t = bench_now() - t0;
		if (t < best[2])
			best[2] = t;
		t0 = bench_now();
		walk_free(0);
		t = bench_now() - t0;
		if (t < best[3])
			best[3] = t;
		t0 = bench_now();
		walk_free(0);
		shared = walk_pages(0);
		t = bench_now() - t0;
		if (t < best[4])
			best[4] = t;
	}
	printf("refmm kmem-f %.6f\nrefmm kmem-F %.6f\nrefmm kmem-p %.6f\nrefmm kmem-i %.6f\n"
	       "refmm kmem-i=shared %.6f\n", best[0], best[1], best[2], best[3], best[4]);
	printf("refmm nr_free_pages %lu\nrefmm shared %lu\n", found, (unsigned long)shared);
	return 0;
}
