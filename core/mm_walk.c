/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mm_walk.c - the walks of the dump's memory model (see mm.h): mem_map in
 * bulk, the per-cpu page lists and the buddy free lists, with the checks of
 * each free-list entry.  The model they walk is built by core/mm.c.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dump.h"
#include "core/error.h"
#include "core/list.h"
#include "core/mm.h"
#include "core/mm_internal.h"
#include "core/output.h"
#include "core/percpu.h"
#include "core/symbols.h"
#include "core/types.h"

#define MM_CHUNK_BYTES	(1u << 20)	/* mem_map is read 1 MiB at a time */
#define PAGE_BUDDY_MAPCOUNT_VALUE (-128)	/* kernels without PG_buddy (ABI) */

/* ---------------------------------------------------------------------- */
/* mem_map scans                                                          */

int ms_mm_pages_walk_raw(struct ms_program *prog, uint64_t start_pfn, uint64_t end_pfn,
			 int (*fn)(const void *raw, uint64_t addr, uint64_t pfn, void *arg), void *arg,
			 uint64_t *unreadable_ret)
{
	const struct ms_mm *mm = ms_mm(prog);
	uint64_t per_chunk, unreadable = 0;
	unsigned char *buf;
	int i, rc = 0;

	if (!mm)
		return -1;
	per_chunk = MM_CHUNK_BYTES / mm->page_struct_size;
	if (!per_chunk)
		per_chunk = 1;
	buf = malloc(per_chunk * mm->page_struct_size);
	if (!buf)
		return ms_error_set("out of memory");
	for (i = 0; i < mm->nr_nodes && rc == 0; i++) {
		const struct ms_mm_node *nd = &mm->nodes[i];
		uint64_t s = start_pfn > nd->start_pfn ? start_pfn : nd->start_pfn;
		uint64_t e = nd->start_pfn + nd->spanned;
		uint64_t pfn;

		if (end_pfn < e)
			e = end_pfn;
		for (pfn = s; pfn < e && rc == 0;) {
			uint64_t n = e - pfn < per_chunk ? e - pfn : per_chunk, k;
			uint64_t addr = nd->mem_map + (pfn - nd->start_pfn) * mm->page_struct_size;
			bool whole;

			if (ms_interrupted()) {
				rc = ms_error_set("interrupted");
				break;
			}
			whole = ms_error_legacy(ms_readmem(prog, addr, MS_KVADDR, buf, n * mm->page_struct_size, "page structs")) == 0;
			for (k = 0; k < n; k++) {
				unsigned char *raw = buf + k * mm->page_struct_size;
				uint64_t pa = addr + k * mm->page_struct_size;

				if (!whole && ms_error_legacy(ms_readmem(prog, pa, MS_KVADDR, raw, mm->page_struct_size,
							 "page struct")) < 0) {
					unreadable++;
					continue;
				}
				rc = fn(raw, pa, pfn + k, arg);
				if (rc)
					break;
			}
			pfn += n;
		}
	}
	free(buf);
	if (unreadable_ret)
		*unreadable_ret = unreadable;
	return rc < 0 ? -1 : 0;
}

struct decode_walk {
	const struct ms_mm *mm;
	int (*fn)(const struct ms_mm_page *pg, void *arg);
	void *arg;
};

static int decode_one(const void *raw, uint64_t addr, uint64_t pfn, void *arg)
{
	struct decode_walk *d = arg;
	struct ms_mm_page pg;

	ms_mm_page_decode(d->mm, raw, addr, pfn, &pg);
	return d->fn(&pg, d->arg);
}

int ms_mm_pages_walk(struct ms_program *prog, uint64_t start_pfn, uint64_t end_pfn,
		     int (*fn)(const struct ms_mm_page *pg, void *arg), void *arg,
		     uint64_t *unreadable_ret)
{
	struct decode_walk d = { ms_mm(prog), fn, arg };

	if (!d.mm)
		return -1;
	return ms_mm_pages_walk_raw(prog, start_pfn, end_pfn, decode_one, &d, unreadable_ret);
}

/* ---------------------------------------------------------------------- */
/* per-cpu page lists                                                     */

struct pcp_ctx {
	int (*fn)(uint64_t page, int cpu, int mt, void *arg);
	void *arg;
	int cpu, mt;
	uint64_t count;
};

static struct ms_error *pcp_entry(uint64_t entry, void *arg)
{
	struct pcp_ctx *c = arg;
	int rc;

	c->count++;
	rc = c->fn ? c->fn(entry, c->cpu, c->mt, c->arg) : 0;
	return rc > 0 ? &ms_stop : rc < 0 ? ms_error_last() : NULL;
}

int ms_mm_pcp_walk(struct ms_program *prog, const struct ms_mm_zone *z,
		   int (*fn)(uint64_t page, int cpu, int mt, void *arg), void *arg,
		   uint64_t *count_ret)
{
	const struct ms_mm *mm = ms_mm(prog);
	const struct ms_type *ps = ms_type_find(prog, "struct per_cpu_pageset");
	struct ms_mm_field pset, high;
	long lists_off;
	uint64_t nlists, lh_size = 0, pageset;
	int ncpus = 1;
	struct pcp_ctx c = { fn, arg, 0, 0, 0 };
	int cpu, t, rc = 0;

	if (count_ret)
		*count_ret = 0;
	if (!mm)
		return -1;
	if (!ps || !mm_field(mm_zone_type(prog), "pageset", &pset) ||
	    !(nlists = mm_member_array(ps, "pcp.lists", &lists_off, &lh_size)) ||
	    !ms_symbol_find(prog, "__per_cpu_offset"))
		return ms_error_set("no per-cpu pagesets in this dump");
	mm_field(ps, "pcp.high", &high);
	ms_error_destroy(ms_percpu_nr_cpus(prog, &ncpus));	/* 1 if not known */
	if (mm_read_field(prog, z->addr, &pset, &pageset, "zone pageset") < 0)
		return -1;
	if (!pageset)
		return 0;	/* a zone never set up */
	for (cpu = 0; cpu < ncpus && !rc; cpu++) {
		uint64_t base, hi = 0;

		if (ms_error_legacy(ms_per_cpu_ptr(prog, pageset, cpu, &base)) < 0)
			return -1;
		if (high.off >= 0)
			mm_read_field(prog, base, &high, &hi, "pcp.high");
		for (t = 0; t < (int)nlists && !rc; t++) {
			struct ms_list_walk w;

			memset(&w, 0, sizeof(w));
			w.head = base + (uint64_t)lists_off + (uint64_t)t * lh_size;
			w.next_offset = mm->pg_lru.off;
			w.circular = true;
			/* a pcp list holds at most pcp.high pages (a few more while draining) */
			w.max = (hi > 0 && hi < (1u << 24) ? hi : z->spanned) + 64;
			c.cpu = cpu;
			c.mt = t;
			if (ms_error_legacy(ms_list_error_context(&w, ms_list_walk(prog, &w, pcp_entry, &c))) < 0)
				rc = -1;
		}
	}
	if (count_ret)
		*count_ret = c.count;
	return rc;
}

/* ---------------------------------------------------------------------- */
/* free areas                                                             */

uint64_t ms_mm_free_list_head(const struct ms_mm *mm, const struct ms_mm_zone *z, int order, int mt)
{
	return z->free_area + (uint64_t)order * (uint64_t)mm->free_area_size +
	       (uint64_t)mm->free_area_free_list + (uint64_t)mt * (uint64_t)mm->list_head_size;
}

const char *ms_mm_bad_entry_str(enum ms_mm_bad_entry bad)
{
	switch (bad) {
	case MS_MM_ENTRY_OK: return "ok";
	case MS_MM_ENTRY_NOT_PAGE: return "not a page struct in mem_map";
	case MS_MM_ENTRY_OUTSIDE_ZONE: return "page outside the zone";
	case MS_MM_ENTRY_NOT_BUDDY: return "page is not marked free (PG_buddy clear)";
	case MS_MM_ENTRY_ORDER: return "page_private holds another order";
	case MS_MM_ENTRY_MIGRATETYPE: return "its pageblock has another migratetype";
	}
	return "?";
}

int ms_mm_pageblock_migratetype(struct ms_program *prog, const struct ms_mm_zone *z, uint64_t pfn)
{
	const struct ms_mm *mm = ms_mm(prog);
	uint64_t bitmap, bitidx, word, start;
	unsigned shift;

	if (!mm || mm->pageblock_order < 0 || !z->pageblock_flags)
		return -1;
	bitmap = z->pageblock_flags;
	/* get_pfnblock_flags_mask() of Linux 4.0 */
	start = z->start_pfn & ~((1ull << mm->pageblock_order) - 1);
	bitidx = ((pfn - start) >> mm->pageblock_order) * (uint64_t)mm->pb_bits;
	if (z->pb_words && bitidx / 64 < z->nr_pb_words)
		word = z->pb_words[bitidx / 64];
	else if (ms_error_legacy(ms_read_u64(prog, bitmap + (bitidx / 64) * 8, &word, "pageblock_flags")) < 0)
		return -1;
	bitidx &= 63;
	shift = (unsigned)(64 - (bitidx + 2) - 1);	/* PB_migrate_end = 2 */
	return (int)((word >> shift) & 7);
}

struct walk_ctx {
	struct ms_program *prog;
	const struct ms_mm *mm;
	const struct ms_mm_zone *z;
	int order, mt;
	int (*fn)(const struct ms_mm_free_block *blk, void *arg);
	void *arg;
	struct ms_mm_list_result *res;
	uint64_t head;
	uint64_t last;		/* the last entry handed to the callback */
	int fn_rc;
	unsigned char *raw;	/* page_struct_size bytes */
	bool check_mt;		/* pageblock migratetypes are readable */
};

static struct ms_error *walk_entry(uint64_t entry, void *arg)
{
	struct walk_ctx *c = arg;
	struct ms_program *prog = c->prog;
	const struct ms_mm *mm = c->mm;
	struct ms_mm_free_block blk = { .page = entry, .pfn = (uint64_t)-1, .found_mt = -1 };
	struct ms_mm_page pg;
	uint64_t inner;

	/* ^C: ms_list_walk(prog) polls it every 4096 entries */
	c->last = entry;
	c->res->blocks++;
	if (ms_mm_page_to_pfn(prog, entry, &blk.pfn, &inner) < 0 || inner) {
		blk.bad = MS_MM_ENTRY_NOT_PAGE;
		blk.pfn = (uint64_t)-1;
	} else if (blk.pfn < c->z->start_pfn || blk.pfn >= c->z->start_pfn + c->z->spanned) {
		blk.bad = MS_MM_ENTRY_OUTSIDE_ZONE;
	} else if (ms_error_legacy(ms_readmem(prog, entry, MS_KVADDR, c->raw, mm->page_struct_size, "page struct")) < 0) {
		blk.bad = MS_MM_ENTRY_NOT_PAGE;
	} else {
		/* only what the checks need: flags, private, _mapcount */
		pg.flags = mm_get_uint(c->raw, mm->pg_flags.off, mm->pg_flags.size);
		pg.private_ = mm_get_uint(c->raw, mm->pg_private.off, mm->pg_private.size);
		pg.mapcount = mm->pg_mapcount.off >= 0 ?
			mm_get_int(c->raw, mm->pg_mapcount.off, mm->pg_mapcount.size) : -1;
		bool buddy = mm->pg_buddy >= 0 ? ms_mm_flag(pg.flags, mm->pg_buddy) :
			pg.mapcount == PAGE_BUDDY_MAPCOUNT_VALUE;
		if (!buddy) {
			blk.bad = MS_MM_ENTRY_NOT_BUDDY;
		} else if (pg.private_ != (uint64_t)c->order) {
			blk.bad = MS_MM_ENTRY_ORDER;
			blk.found_order = pg.private_;
		} else if (c->check_mt) {
			/* Linux keeps a free block's migratetype in its pageblock
			 * (page->index is stale after expand()); the lists and
			 * the pageblocks agree unless a fallback left a split
			 * block behind, which is worth showing too. */
			int pmt = ms_mm_pageblock_migratetype(prog, c->z, blk.pfn);
			if (pmt >= 0 && pmt != c->mt && c->mt < mm->nr_migratetypes) {
				blk.bad = MS_MM_ENTRY_MIGRATETYPE;
				blk.found_mt = pmt;
			}
		}
	}
	if (blk.bad != MS_MM_ENTRY_OK && blk.bad != MS_MM_ENTRY_MIGRATETYPE)
		c->res->bad_entries++;
	if (c->fn) {
		c->fn_rc = c->fn(&blk, c->arg);
		if (c->fn_rc)
			return c->fn_rc > 0 ? &ms_stop : ms_error_last();
	}
	/* Following the links of something that is not a page of this zone
	 * leads into another list, or into garbage: stop here. */
	if (blk.bad == MS_MM_ENTRY_NOT_PAGE || blk.bad == MS_MM_ENTRY_OUTSIDE_ZONE) {
		c->res->broken = true;
		snprintf(c->res->message, sizeof(c->res->message),
			 "list_head %" PRIx64 ": entry %" PRIx64 ": %s", c->head, entry,
			 ms_mm_bad_entry_str(blk.bad));
		return &ms_stop;
	}
	return NULL;
}

int ms_mm_free_list_walk(struct ms_program *prog, const struct ms_mm_zone *z, int order, int mt,
			 int (*fn)(const struct ms_mm_free_block *blk, void *arg), void *arg,
			 struct ms_mm_list_result *res)
{
	const struct ms_mm *mm = ms_mm(prog);
	struct walk_ctx c;
	struct ms_list_walk w;
	struct ms_error *err;

	memset(res, 0, sizeof(*res));
	if (!mm)
		return -1;
	c = (struct walk_ctx){ .prog = prog, .mm = mm, .z = z, .order = order, .mt = mt, .fn = fn, .arg = arg,
			       .res = res, .head = ms_mm_free_list_head(mm, z, order, mt) };
	c.check_mt = z->pageblock_flags && mm->pageblock_order >= 0 && order < mm->pageblock_order;
	c.raw = malloc(mm->page_struct_size);
	if (!c.raw)
		return ms_error_set("out of memory");
	memset(&w, 0, sizeof(w));
	w.head = c.head;
	w.next_offset = mm->pg_lru.off;
	w.circular = true;
	w.include_head = false;
	/* a zone cannot hold more blocks of this order than this */
	w.max = (z->spanned >> order) + 2;
	err = ms_list_walk(prog, &w, walk_entry, &c);
	free(c.raw);
	if (c.fn_rc < 0 || w.stop == MS_LIST_INTERRUPTED || w.stop == MS_LIST_ERROR) {
		if (ms_interrupted()) {
			ms_error_destroy(err);
			ms_error_set("interrupted");
			return -1;
		}
		return ms_error_legacy(err);
	}
	if (err && !res->broken) {
		res->broken = true;
		err = ms_list_error_context(&w, err);
		if (w.stop == MS_LIST_BADPTR && c.last)
			snprintf(res->message, sizeof(res->message), "%s (the lru.next of page %" PRIx64 ")",
				 err->message, c.last);
		else
			snprintf(res->message, sizeof(res->message), "%s", err->message);
	}
	ms_error_destroy(err);
	return 0;
}
