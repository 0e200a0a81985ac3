/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mm_walk.c - the walks of the dump's memory model (see mm.h): mem_map in
 * bulk and the per-cpu page lists.  The model they walk is built by
 * core/mm.c; the buddy free lists are walked in core/mm_free.c.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dump.h"
#include "core/error.h"
#include "core/field.h"
#include "core/list.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/percpu.h"
#include "core/types.h"

#define MM_CHUNK_BYTES	(1u << 20)	/* mem_map is read 1 MiB at a time */

/* ---------------------------------------------------------------------- */
/* mem_map scans                                                          */

struct ms_error *ms_mm_pages_walk_raw(struct ms_program *prog, uint64_t start_pfn, uint64_t end_pfn,
				      struct ms_error *(*fn)(const void *raw, uint64_t addr, uint64_t pfn,
							     void *arg),
				      void *arg, uint64_t *unreadable_ret)
{
	const struct ms_mm *mm;
	const struct ms_dump_info *info = ms_dump_info(prog);
	uint64_t page_size = info && info->page_size ? info->page_size : 4096;
	uint64_t per_chunk, unreadable = 0;
	unsigned char *buf;
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES, &mm);
	int i;

	if (unreadable_ret)
		*unreadable_ret = 0;
	if (err)
		return err;
	per_chunk = MM_CHUNK_BYTES / mm->page_struct_size;
	if (!per_chunk)
		per_chunk = 1;
	buf = malloc(per_chunk * mm->page_struct_size);
	if (!buf)
		return &ms_enomem;
	for (i = 0; i < mm->nr_nodes && !err; i++) {
		const struct ms_mm_node *nd = &mm->nodes[i];
		uint64_t s = start_pfn > nd->start_pfn ? start_pfn : nd->start_pfn;
		uint64_t e = nd->start_pfn + nd->spanned;
		uint64_t pfn, skip_to = 0;	/* [.., skip_to): a page of mem_map not in the dump */

		if (end_pfn < e)
			e = end_pfn;
		for (pfn = s; pfn < e && !err;) {
			uint64_t n = e - pfn < per_chunk ? e - pfn : per_chunk, k;
			uint64_t addr = nd->mem_map + (pfn - nd->start_pfn) * mm->page_struct_size;
			struct ms_error *rerr;
			bool whole;

			if (ms_interrupted()) {
				err = &ms_interrupted_error;
				break;
			}
			rerr = ms_readmem(prog, addr, MS_KVADDR, buf, n * mm->page_struct_size, "page structs");
			whole = !rerr;
			ms_error_destroy(rerr);
			for (k = 0; k < n; k++) {
				unsigned char *raw = buf + k * mm->page_struct_size;
				uint64_t pa = addr + k * mm->page_struct_size;

				if (!whole) {
					/*
					 * A hole in the dump: read struct by struct around
					 * it, but once the page holding a struct's first
					 * byte is known missing, every struct starting in
					 * that page is unreadable too: counted, not read
					 * (a large missing range costs one read a page).
					 */
					unsigned char one;

					if (pa < skip_to) {
						unreadable++;
						continue;
					}
					rerr = ms_readmem(prog, pa, MS_KVADDR, raw, mm->page_struct_size,
							  "page struct");
					if (rerr) {
						ms_error_destroy(rerr);
						unreadable++;
						if (!ms_error_ok(ms_readmem(prog, pa, MS_KVADDR, &one, 1,
									    "page struct")))
							skip_to = (pa | (page_size - 1)) + 1;
						continue;
					}
				}
				err = fn(raw, pa, pfn + k, arg);
				if (err)
					break;
			}
			pfn += n;
		}
	}
	free(buf);
	if (unreadable_ret)
		*unreadable_ret = unreadable;
	return err == &ms_stop ? NULL : err;
}

struct decode_walk {
	const struct ms_mm *mm;
	struct ms_error *(*fn)(const struct ms_mm_page *pg, void *arg);
	void *arg;
};

static struct ms_error *decode_one(const void *raw, uint64_t addr, uint64_t pfn, void *arg)
{
	struct decode_walk *d = arg;
	struct ms_mm_page pg;

	ms_mm_page_decode(d->mm, raw, addr, pfn, &pg);
	return d->fn(&pg, d->arg);
}

struct ms_error *ms_mm_pages_walk(struct ms_program *prog, uint64_t start_pfn, uint64_t end_pfn,
				  struct ms_error *(*fn)(const struct ms_mm_page *pg, void *arg),
				  void *arg, uint64_t *unreadable_ret)
{
	struct decode_walk d = { NULL, fn, arg };
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES | MS_MM_PAGES, &d.mm);

	if (err) {
		if (unreadable_ret)
			*unreadable_ret = 0;
		return err;
	}
	return ms_mm_pages_walk_raw(prog, start_pfn, end_pfn, decode_one, &d, unreadable_ret);
}

/* ---------------------------------------------------------------------- */
/* per-cpu page lists                                                     */

struct pcp_ctx {
	struct ms_error *(*fn)(uint64_t page, int cpu, int mt, void *arg);
	void *arg;
	int cpu, mt;
	uint64_t count;
};

static struct ms_error *pcp_entry(uint64_t entry, void *arg)
{
	struct pcp_ctx *c = arg;

	c->count++;
	return c->fn ? c->fn(entry, c->cpu, c->mt, c->arg) : NULL;
}

/*
 * What a pcp walk needs from the debuginfo: zone.pageset (a per-cpu
 * pointer), per_cpu_pageset.pcp.lists[] and .pcp.high.
 */
static struct ms_error *pcp_fields(struct ms_program *prog, const struct ms_field **pageset,
				   const struct ms_field **lists, const struct ms_field **high)
{
	struct ms_error *err;

	if ((err = ms_field_find_by_name(prog, "struct zone", "pageset", pageset)) ||
	    (err = ms_field_find_by_name(prog, "struct per_cpu_pageset", "pcp.lists", lists)))
		return ms_error_prepend(err, "no per-cpu pagesets in this dump");
	err = ms_field_find_by_name(prog, "struct per_cpu_pageset", "pcp.high", high);
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		*high = NULL;	/* then the zone's size bounds a list */
	return err;
}

struct ms_error *ms_mm_pcp_walk(struct ms_program *prog, const struct ms_mm_zone *z,
				struct ms_error *(*fn)(uint64_t page, int cpu, int mt, void *arg),
				void *arg, uint64_t *count_ret)
{
	const struct ms_mm *mm;
	const struct ms_field *pset, *lists, *high;
	uint64_t nlists, lh_size, pageset;
	long next_off;
	int ncpus = 1;
	struct pcp_ctx c = { fn, arg, 0, 0, 0 };
	int cpu, t;
	struct ms_error *err;

	if (count_ret)
		*count_ret = 0;
	if ((err = ms_mm(prog, MS_MM_ZONES | MS_MM_PAGES, &mm)))
		return err;
	if (mm->pg_lru < 0)
		return ms_error_lookup("page.lru", "struct page has no lru");
	if ((err = pcp_fields(prog, &pset, &lists, &high)) ||
	    (err = ms_field_array(lists, &nlists, &lh_size)) ||
	    (err = ms_list_head_offsets(prog, &next_off, NULL)))
		return err;
	err = ms_percpu_nr_cpus(prog, &ncpus);
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		ncpus = 1;
	if (err)
		return err;
	if ((err = ms_field_read_u64(prog, pset, z->addr, &pageset, "zone pageset")))
		return err;
	if (!pageset)
		return NULL;	/* a zone never set up */
	for (cpu = 0; cpu < ncpus && !err; cpu++) {
		uint64_t base, hi = 0;

		if ((err = ms_per_cpu_ptr(prog, pageset, cpu, &base)))
			break;
		if (high) {
			struct ms_error *herr = ms_field_read_u64(prog, high, base, &hi, "pcp.high");

			if (herr)
				hi = 0;	/* the zone's size bounds the list */
			ms_error_destroy(herr);
		}
		for (t = 0; t < (int)nlists && !err; t++) {
			struct ms_list_walk w;

			memset(&w, 0, sizeof(w));
			w.head = base + lists->offset + (uint64_t)t * lh_size;
			w.next_offset = mm->pg_lru;
			w.ptr_offset = next_off;
			w.circular = true;
			/* a pcp list holds at most pcp.high pages (a few more while draining) */
			w.max = (hi > 0 && hi < (1u << 24) ? hi : z->spanned) + 64;
			c.cpu = cpu;
			c.mt = t;
			err = ms_list_walk(prog, &w, pcp_entry, &c);
			if (err && err != &ms_interrupted_error && w.stop != MS_LIST_ERROR)
				err = ms_list_error_context(&w, err);
		}
	}
	if (count_ret)
		*count_ret = c.count;
	return err;
}
