/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kmem_free.c - kmem -f, -F and -f ADDR: the buddy free lists of every zone,
 * walked by core (ms_mm_zone_free_walk()), printed in crash's layout with
 * what the walk found (bad entries, broken lists, migratetype notes), and
 * verified against the zones' counters.  pagetypeinfo and kmem -i walk the
 * lists through kmem_zone_walk() too.
 *
 * Where this differs from crash, on purpose:
 *  - a zone without free pages still gets its AREA table (zeros), so that
 *    a script reading the rows sees every order of every zone;
 *  - a free list that cannot be walked to its end is reported with its list
 *    head, the bad entry and the reason, the walk goes on with the next
 *    list, and nr_free_pages says "(found N)" with the differences per zone;
 *  - a free block whose first page is not marked free or holds another
 *    order in page_private is an error; one whose pageblock has another
 *    migratetype is a NOTE (Linux can leave split blocks so): -F lists
 *    them, -f counts.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "cmd/kmem.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"

#define VADDR_PRLEN 16
#define MAX_BAD_REPORTS 10	/* per list: more bad entries are only counted */

static char *hexstr(char *buf, size_t sz, uint64_t v)
{
	snprintf(buf, sz, "%" PRIx64, v);
	return buf;
}

static char *decstr(char *buf, size_t sz, uint64_t v)
{
	snprintf(buf, sz, "%" PRIu64, v);
	return buf;
}

/* ---------------------------------------------------------------------- */
/* free lists                                                             */

/* "node 0 zone Normal free_area[3].free_list[Movable]" */
static void list_name(const struct ms_mm *mm, const struct ms_mm_zone *z, int order, int mt,
		      char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "node %d zone %s free_area[%d].free_list[%s]", z->nid, z->name, order,
		 mm->mt_names[mt]);
}

/* What is wrong with bad entry @blk of list @name, whose head is @head. */
static void bad_entry_message(const struct ms_mm_free_block *blk, const char *name, uint64_t head,
			      int order, char *buf, size_t len)
{
	if (blk->bad == MS_MM_ENTRY_ORDER)
		snprintf(buf, len, "%s (list_head %" PRIx64 "): page %" PRIx64 ": order %" PRIu64
			 " in page_private, on the order %d list", name, head, blk->page,
			 blk->found_order, order);
	else if (blk->bad == MS_MM_ENTRY_FLAGS)
		snprintf(buf, len, "%s (list_head %" PRIx64 "): page %" PRIx64 ": page flags %#"
			 PRIx64 " set on a free page", name, head, blk->page, blk->found_flags);
	else
		snprintf(buf, len, "%s (list_head %" PRIx64 "): page %" PRIx64 ": %s", name, head,
			 blk->page, ms_mm_bad_entry_str(blk->bad));
}

/* Print what a zone's walk found, in walk order: bad entries and broken
 * lists as errors, migratetype notes as NOTEs. */
static void print_free_events(struct ms_session *sess, const struct ms_mm *mm, const struct ms_mm_zone *z,
			      const struct ms_mm_zone_free *zf)
{
	size_t i;

	for (i = 0; i < zf->nevents; i++) {
		const struct ms_mm_free_event *ev = &zf->events[i];
		const struct ms_mm_free_block *blk = &ev->blk;
		char name[160];

		list_name(mm, z, ev->order, ev->mt, name, sizeof(name));
		switch (ev->kind) {
		case MS_MM_FREE_MT_NOTE:
			ms_note(sess, "%s (list_head %" PRIx64 "): page %" PRIx64
				": pageblock migratetype %s, on the %s list", name, ev->head, blk->page,
				blk->found_mt >= 0 && blk->found_mt < mm->nr_migratetypes ?
				mm->mt_names[blk->found_mt] : "?", mm->mt_names[ev->mt]);
			break;
		case MS_MM_FREE_BAD_ENTRY: {
			char msg[512];

			bad_entry_message(blk, name, ev->head, ev->order, msg, sizeof(msg));
			ms_cmd_error(sess, "%s", msg);
			break;
		}
		case MS_MM_FREE_BROKEN:
			ms_cmd_error(sess, "%s: %s", name, ev->message);
			break;
		case MS_MM_FREE_MORE_BAD:
			ms_cmd_error(sess, "%s: %" PRIu64 " more bad entries", name, ev->count);
			break;
		}
	}
}

int kmem_zone_walk(struct ms_session *sess, const struct ms_mm_zone *z, struct ms_mm_zone_free *zf,
		   bool quiet, bool collect)
{
	const struct ms_mm *mm;
	unsigned flags = quiet ? 0 : MS_MM_FREE_BAD;
	struct ms_error *err = ms_mm(sess->prog, MS_MM_ZONES | MS_MM_PAGES, &mm);

	if (err) {
		memset(zf, 0, sizeof(*zf));
		return ms_cmd_fail(sess, err);
	}
	if (collect)
		flags |= MS_MM_FREE_PAGES | MS_MM_FREE_NOTES;
	err = ms_mm_zone_free_walk(sess->prog, z, flags, MAX_BAD_REPORTS, zf);
	if (!quiet)
		print_free_events(sess, mm, z, zf);
	return err ? ms_cmd_fail(sess, err) : 0;
}

/* The messages of a zone's broken lists, for JSON's "errors". */
static void add_broken_json(const struct ms_mm *mm, const struct ms_mm_zone *z,
			    const struct ms_mm_zone_free *zf, struct ms_record *list)
{
	size_t i;

	for (i = 0; i < zf->nevents; i++) {
		const struct ms_mm_free_event *ev = &zf->events[i];
		char name[160], msg[512];

		if (ev->kind != MS_MM_FREE_BROKEN)
			continue;
		list_name(mm, z, ev->order, ev->mt, name, sizeof(name));
		snprintf(msg, sizeof(msg), "%s: %s", name, ev->message);
		ms_record_append_str(list, msg);
	}
}

/* What the free-list checks could not check, and why. */
static void kmem_free_notes(struct ms_session *sess, const struct ms_mm *mm)
{
	if (mm->buddy_rule == MS_MM_BUDDY_UNKNOWN)
		ms_note(sess, "free-list entries not checked for the buddy mark: %s",
			MS_MM_BUDDY_UNKNOWN_NOTE);
	if (mm->pageblock_order < 0)
		ms_note(sess, "free blocks not checked against their pageblocks: %s",
			MS_MM_PAGEBLOCK_UNKNOWN_NOTE);
}

static uint64_t broken_lists(const struct ms_mm_zone_free *zf)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < zf->nevents; i++)
		n += zf->events[i].kind == MS_MM_FREE_BROKEN;
	return n;
}

/* ---------------------------------------------------------------------- */
/* kmem -f / -F / -f ADDR                                                 */

static void print_node_header(const struct ms_mm *mm, bool separator, int id)
{
	if (!mm->numa)
		return;
	if (separator) {
		fprintf(ms_fp, "\n");
		fprintf(ms_fp, "%.74s\n", "--------------------------------------------------"
			"------------------------------------------");
	}
	fprintf(ms_fp, "%sNODE\n %2d\n", separator ? "\n" : "", id);
}

static void print_zone_header(bool blank)
{
	char b1[64];

	fprintf(ms_fp, "%sZONE  NAME        SIZE    FREE  %s  START_PADDR  START_MAPNR\n",
		blank ? "\n" : "", ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, "MEM_MAP"));
}

/*
 * crash's START_MAPNR: on SPARSEMEM the zone's index in its node's mem_map
 * (0 for an empty zone), else its first pfn.
 */
static uint64_t zone_start_mapnr(const struct ms_mm *mm, const struct ms_mm_zone *z)
{
	int i;

	if (!mm->sparsemem)
		return z->start_pfn;
	for (i = 0; z->spanned && i < mm->nr_nodes; i++)
		if (mm->nodes[i].id == z->nid && z->start_pfn >= mm->nodes[i].start_pfn)
			return z->start_pfn - mm->nodes[i].start_pfn;
	return 0;
}

static void print_zone_row(const struct ms_mm *mm, const struct ms_mm_zone *z)
{
	char b1[64], b2[64], b3[64], t[32];

	fprintf(ms_fp, "%3d   %-9s %6" PRIu64 "  ", z->idx, z->name, z->spanned);
	if (z->has_free_pages)
		fprintf(ms_fp, "%6" PRId64 "  ", z->free_pages);
	else
		fprintf(ms_fp, "%6s  ", "n/a");
	fprintf(ms_fp, "%s  %s  %s\n",
		ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, hexstr(t, sizeof(t), z->mem_map)),
		ms_mkstring(b2, sizeof(b2), 11, MS_CENTER_RIGHT,
			    hexstr(t, sizeof(t), ms_mm_pfn_to_phys(mm, z->start_pfn))),
		ms_mkstring(b3, sizeof(b3), 11, MS_CENTER_RIGHT,
			    decstr(t, sizeof(t), zone_start_mapnr(mm, z))));
}

/* "  3      32k  <free_list address>  ": the start of an AREA row. */
static void print_area_prefix(const struct ms_mm *mm, const struct ms_mm_zone *z, int o, int mt)
{
	char size[32], b1[64], t[32];

	snprintf(size, sizeof(size), "%" PRIu64 "k", (mm->page_size << o) / 1024);
	fprintf(ms_fp, "%3d  %7s  %s  ", o, size,
		ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER,
			    hexstr(t, sizeof(t), ms_mm_free_list_head(mm, z, o, mt))));
}

void kmem_zone_ident(struct ms_record *jz, const struct ms_mm_zone *z)
{
	ms_record_add_s64(jz, "node", z->nid);
	ms_record_add_str(jz, "zone", z->name);
	ms_record_add_s64(jz, "zone_index", z->idx);
	ms_record_add_addr(jz, "address", z->addr);
}

static void zone_json(struct ms_program *prog, const struct ms_mm *mm, const struct ms_mm_zone *z,
		      const struct ms_mm_zone_free *zf, struct ms_record *jz)
{
	struct ms_record *areas;
	int o, t;

	kmem_zone_ident(jz, z);
	ms_record_add_u64(jz, "start_pfn", z->start_pfn);
	ms_record_add_addr(jz, "start_paddr", ms_mm_pfn_to_phys(mm, z->start_pfn));
	ms_record_add_u64(jz, "spanned_pages", z->spanned);
	ms_record_add_opt_s64(jz, "present_pages", z->has_present, (int64_t)z->present);
	ms_record_add_opt_s64(jz, "managed_pages", z->has_managed, (int64_t)z->managed);
	ms_record_add_addr(jz, "mem_map", z->mem_map);
	ms_record_add_opt_s64(jz, "free_pages", z->has_free_pages, z->free_pages);
	ms_record_add_u64(jz, "free_pages_found", zf->pages);
	{
		uint64_t pcp = 0;
		struct ms_error *err = ms_mm_pcp_walk(prog, z, NULL, NULL, &pcp);

		ms_record_add_opt_s64(jz, "pcp_pages", !err, (int64_t)pcp);
		ms_error_destroy(err);
	}
	ms_record_add_u64(jz, "broken_lists", broken_lists(zf));
	ms_record_add_u64(jz, "bad_entries", zf->bad_entries);
	ms_record_add_u64(jz, "migratetype_mismatches", zf->mt_mismatch);
	areas = ms_record_add_list(jz, "free_area");
	for (o = 0; o < mm->max_order; o++) {
		struct ms_record *ja = ms_record_append_record(areas), *bm;
		uint64_t n = ms_mm_zone_free_order_blocks(mm, zf, o);

		ms_record_add_s64(ja, "order", o);
		ms_record_add_u64(ja, "size_kb", (mm->page_size << o) / 1024);
		ms_record_add_addr(ja, "free_area", z->free_area + (uint64_t)o * (uint64_t)mm->free_area_size);
		ms_record_add_u64(ja, "nr_free", z->nr_free[o]);
		ms_record_add_u64(ja, "blocks", n);
		ms_record_add_u64(ja, "pages", n << o);
		bm = ms_record_add_record(ja, "by_migratetype");
		for (t = 0; t < mm->nr_migratetypes; t++)
			ms_record_add_u64(bm, mm->mt_names[t], zf->blocks[o * mm->nr_migratetypes + t]);
	}
}

/* The differences between the zone counters and what the lists hold. */
static void print_differences(const struct ms_mm *mm, const struct ms_mm_zone *z,
			      const struct ms_mm_zone_free *zf)
{
	int o;

	if (!z->has_free_pages)
		fprintf(ms_fp, "  node %d zone %s: vm_stat NR_FREE_PAGES not available, free lists hold %"
			PRIu64 " pages\n", z->nid, z->name, zf->pages);
	else if ((uint64_t)z->free_pages != zf->pages)
		fprintf(ms_fp, "  node %d zone %s: vm_stat NR_FREE_PAGES %" PRId64
			", free lists hold %" PRIu64 " pages\n", z->nid, z->name,
			z->free_pages, zf->pages);
	if (zf->bad_entries)
		fprintf(ms_fp, "  node %d zone %s: %" PRIu64 " free list entr%s not a free block of "
			"its list's order (see above)\n", z->nid, z->name, zf->bad_entries,
			zf->bad_entries > 1 ? "ies are" : "y is");
	for (o = 0; o < mm->max_order; o++) {
		uint64_t n = ms_mm_zone_free_order_blocks(mm, zf, o);
		if (n != z->nr_free[o])
			fprintf(ms_fp, "  node %d zone %s order %d: free_area.nr_free %" PRIu64
				", free lists hold %" PRIu64 " blocks\n", z->nid, z->name, o,
				z->nr_free[o], n);
	}
}

/*
 * "(verified)" means that every counter agrees with every list and no entry
 * was bad: the zone's vm_stat NR_FREE_PAGES with the pages on its lists,
 * each order's free_area.nr_free with the blocks of that order, and no list
 * broken or holding a block that is not free.  A zone's nr_free of 2^63 or
 * a page that lost its buddy mark is then never called verified.
 */
static bool zone_verified(const struct ms_mm *mm, const struct ms_mm_zone *z,
			  const struct ms_mm_zone_free *zf)
{
	if (!z->has_free_pages || z->free_pages < 0 || (uint64_t)z->free_pages != zf->pages ||
	    zf->broken || zf->bad_entries)
		return false;
	for (int o = 0; o < mm->max_order; o++)
		if (ms_mm_zone_free_order_blocks(mm, zf, o) != z->nr_free[o])
			return false;
	return true;
}

/* @a + @b, at most INT64_MAX: damaged counters must not overflow the sum. */
static int64_t add_sat(int64_t a, int64_t b)
{
	return b > 0 && a > INT64_MAX - b ? INT64_MAX : a + b;
}

int kmem_free(struct ms_session *sess, bool verbose, bool json)
{
	struct ms_program *prog = sess->prog;
	const struct ms_mm *mm;
	struct ms_record *jroot = NULL, *jnodes = NULL;
	struct ms_mm_zone_free *zfs;
	int64_t sum = 0;
	uint64_t found = 0;
	int ni, i, nzones = 0, k, rc = 0;
	bool broken = false, have_sum = true, verified = true;
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES | MS_MM_PAGES, &mm);

	if (err)
		return ms_cmd_fail(sess, err);
	for (ni = 0; ni < mm->nr_nodes; ni++)
		nzones += mm->nodes[ni].nr_zones;
	zfs = calloc((size_t)nzones, sizeof(*zfs));
	if (!zfs)
		return ms_cmd_error(sess, "out of memory");
	/* Walk first, so that a broken list is reported before the tables. */
	for (ni = 0, k = 0; ni < mm->nr_nodes && !rc; ni++)
		for (i = 0; i < mm->nodes[ni].nr_zones && !rc; i++, k++)
			if (kmem_zone_walk(sess, &mm->nodes[ni].zones[i], &zfs[k], json, verbose && !json) < 0)
				rc = -1;
	if (rc)
		goto out;
	if (json) {
		jroot = ms_record_create();
		jnodes = ms_record_add_list(jroot, "nodes");
	}
	for (ni = 0, k = 0; ni < mm->nr_nodes; ni++) {
		const struct ms_mm_node *nd = &mm->nodes[ni];
		struct ms_record *jn = NULL, *jzones = NULL;

		if (json) {
			jn = ms_record_append_record(jnodes);
			ms_record_add_s64(jn, "node", nd->id);
			ms_record_add_addr(jn, "pgdat", nd->pgdat);
			jzones = ms_record_add_list(jn, "zones");
		} else {
			print_node_header(mm, ni > 0, nd->id);
		}
		for (i = 0; i < nd->nr_zones; i++, k++) {
			const struct ms_mm_zone *z = &nd->zones[i];
			struct ms_mm_zone_free *zf = &zfs[k];
			size_t next;
			int o;

			if (z->has_free_pages)
				sum = add_sat(sum, z->free_pages > 0 ? z->free_pages : 0);
			else
				have_sum = false;
			found += zf->pages;
			broken |= zf->broken;
			verified &= zone_verified(mm, z, zf);
			if (json) {
				zone_json(prog, mm, z, zf, ms_record_append_record(jzones));
				continue;
			}
			print_zone_header(i > 0);
			print_zone_row(mm, z);
			/* crash prints no table for a zone whose free counter is 0 */
			if (z->has_free_pages && !z->free_pages)
				continue;
			if (!verbose)
				fprintf(ms_fp, "AREA    SIZE  FREE_AREA_STRUCT  BLOCKS  PAGES\n");
			/* one row per order and free_list, as crash's
			 * dump_zone_free_area() on a kernel with migratetypes */
			for (o = 0, next = 0; o < mm->max_order; o++) {
				for (int t = 0; t < mm->nr_migratetypes; t++) {
					uint64_t n = zf->blocks[o * mm->nr_migratetypes + t];

					if (!verbose) {
						print_area_prefix(mm, z, o, t);
						fprintf(ms_fp, "%6" PRIu64 " %6" PRIu64 "\n", n, n << o);
						continue;
					}
					fprintf(ms_fp, "AREA    SIZE  FREE_AREA_STRUCT\n");
					print_area_prefix(mm, z, o, t);
					fprintf(ms_fp, "\n");
					for (; next < zf->nlist && n; next++, n--)
						fprintf(ms_fp, "%" PRIx64 "\n", zf->list[next]);
				}
				if (ms_interrupted()) {
					rc = -1;
					goto out;
				}
			}
		}
	}
	if (json) {
		struct ms_record *je;

		ms_record_add_s64(jroot, "max_order", mm->max_order);
		ms_record_add_opt_s64(jroot, "nr_free_pages", have_sum, sum);
		ms_record_add_u64(jroot, "found", found);
		ms_record_add_bool(jroot, "verified", have_sum && (uint64_t)sum == found && verified);
		je = ms_record_add_list(jroot, "errors");
		for (ni = 0, k = 0; ni < mm->nr_nodes; ni++)
			for (i = 0; i < mm->nodes[ni].nr_zones; i++, k++)
				add_broken_json(mm, &mm->nodes[ni].zones[i], &zfs[k], je);
		ms_emit(sess, jroot, NULL, NULL);
		jroot = NULL;
		goto out;
	}
	if (have_sum)
		fprintf(ms_fp, "\nnr_free_pages: %" PRId64 "  ", sum);
	else
		fprintf(ms_fp, "\nnr_free_pages: not available  ");
	if (have_sum && (uint64_t)sum == found && verified) {
		fprintf(ms_fp, "(verified)\n");
	} else {
		fprintf(ms_fp, "(found %" PRIu64 ")\n", found);
		for (ni = 0, k = 0; ni < mm->nr_nodes; ni++)
			for (i = 0; i < mm->nodes[ni].nr_zones; i++, k++)
				print_differences(mm, &mm->nodes[ni].zones[i], &zfs[k]);
		if (broken)
			fprintf(ms_fp, "  (some free lists could not be walked to their end: see above)\n");
	}
	{
		uint64_t mism = 0;
		for (k = 0; k < nzones; k++)
			mism += zfs[k].mt_mismatch;
		if (mism && !verbose)
			ms_note(sess, "%" PRIu64 " free block%s lie%s in pageblocks of another migratetype "
				"(kmem -F lists them)", mism, mism > 1 ? "s" : "", mism > 1 ? "" : "s");
	}
	kmem_free_notes(sess, mm);
out:
	ms_record_destroy(jroot);
	for (k = 0; k < nzones; k++)
		ms_mm_zone_free_release(&zfs[k]);
	free(zfs);
	return rc;
}

/* Find the free block holding @p pfn by walking the lists of its zone. */
struct find_ctx {
	uint64_t pfn;
	int order;
	uint64_t found_page;
	uint64_t found_pfn;
	bool found;
	struct ms_mm_free_block bad;	/* the first bad entry met, bad.page 0: none */
};

static struct ms_error *find_block(const struct ms_mm_free_block *blk, void *arg)
{
	struct find_ctx *c = arg;

	if (blk->bad != MS_MM_ENTRY_OK && blk->bad != MS_MM_ENTRY_MIGRATETYPE && !c->bad.page)
		c->bad = *blk;
	if (blk->pfn == (uint64_t)-1 || c->found)
		return NULL;
	/* found: the rest of its list is still walked, for its damage */
	if (c->pfn >= blk->pfn && c->pfn < blk->pfn + (1ull << c->order)) {
		c->found = true;
		c->found_page = blk->page;
		c->found_pfn = blk->pfn;
	}
	return NULL;
}

struct pcp_find {
	uint64_t page;
	int cpu, mt;
};

static struct ms_error *pcp_match(uint64_t page, int cpu, int mt, void *arg)
{
	struct pcp_find *f = arg;

	if (page != f->page)
		return NULL;
	f->cpu = cpu;
	f->mt = mt;
	return &ms_stop;
}

struct ms_error *kmem_free_search(struct ms_program *prog, const struct ms_mm_addr *ka,
					 bool pcp, struct ms_record *json, int *found_ret)
{
	const struct ms_mm *mm;
	const struct ms_mm_zone *z;
	int o, t;
	char ord[32];
	struct ms_error *damage = NULL;	/* the first broken list or bad entry met */
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES | MS_MM_PAGES, &mm);

	*found_ret = 0;
	if (err)
		return err;
	if (json) {
		ms_record_add_addr(json, "address", ka->addr);
		ms_record_add_bool(json, "physical", ka->kind == MS_MM_ADDR_PHYS);
	}
	z = ms_mm_pfn_zone(prog, ka->pfn);
	if (!z) {
		if (json)
			ms_record_add_bool(json, "free", false);
		return NULL;
	}
	for (o = 0; o < mm->max_order; o++) {
		for (t = 0; t < mm->nr_migratetypes; t++) {
			struct find_ctx c = { .pfn = ka->pfn, .order = o };
			struct ms_mm_list_result res;

			if ((err = ms_mm_free_list_walk(prog, z, o, t, find_block, &c, &res))) {
				ms_error_destroy(damage);
				return err;
			}
			/* damage met on the way: said once the search is done */
			if (!damage && (res.broken || c.bad.page)) {
				uint64_t head = ms_mm_free_list_head(mm, z, o, t);
				char name[160], msg[512];

				list_name(mm, z, o, t, name, sizeof(name));
				if (res.broken)
					snprintf(msg, sizeof(msg), "%s: %s", name, res.message);
				else
					bad_entry_message(&c.bad, name, head, o, msg, sizeof(msg));
				damage = ms_error_corrupt(res.broken ? head : c.bad.page, "%s", msg);
			}
			if (!c.found)
				continue;
			*found_ret = 1;
			if (json) {
				ms_record_add_bool(json, "free", true);
				ms_record_add_s64(json, "node", z->nid);
				ms_record_add_str(json, "zone", z->name);
				ms_record_add_s64(json, "zone_index", z->idx);
				ms_record_add_s64(json, "order", o);
				ms_record_add_str(json, "migratetype", mm->mt_names[t]);
				ms_record_add_addr(json, "free_list", ms_mm_free_list_head(mm, z, o, t));
				ms_record_add_addr(json, "page", c.found_page);
				ms_record_add_u64(json, "pfn", c.found_pfn);
				ms_record_add_u64(json, "pages", (uint64_t)1 << o);
				ms_record_add_u64(json, "index", ka->pfn - c.found_pfn);
				return damage;
			}
			print_node_header(mm, false, z->nid);
			print_zone_header(false);
			print_zone_row(mm, z);
			fprintf(ms_fp, "AREA    SIZE  FREE_AREA_STRUCT\n");
			print_area_prefix(mm, z, o, t);
			fprintf(ms_fp, "\n");
			/* crash: the ordinal only in a block of more than one
			 * page, "in" only for a physical address inside a page */
			fprintf(ms_fp, "%" PRIx64 "  ", c.found_page);
			if (o)
				fprintf(ms_fp, "(%" PRIx64 " is %s%s of %" PRIu64 " pages)", ka->addr,
					ka->kind == MS_MM_ADDR_PHYS && ka->inner ? "in " : "",
					ms_mm_ordinal(ka->pfn - c.found_pfn + 1, ord, sizeof(ord)),
					(uint64_t)1 << o);
			fprintf(ms_fp, "\n");
			return damage;
		}
	}
	if (json)
		ms_record_add_bool(json, "free", false);
	if (!pcp)
		return damage;
	/* not in the buddy allocator: maybe free on a per-cpu list (a dump
	 * without pagesets, or with a broken pcp list, just cannot tell) */
	{
		struct pcp_find pf = { ka->page, -1, -1 };

		err = ms_mm_pcp_walk(prog, z, pcp_match, &pf, NULL);
		if (err == &ms_interrupted_error) {
			ms_error_destroy(damage);
			return err;
		}
		ms_error_destroy(err);
		if (json) {
			struct ms_record *r;

			if (err || pf.cpu < 0) {
				ms_record_add_null(json, "per_cpu_list");
				return NULL;
			}
			*found_ret = 2;
			r = ms_record_add_record(json, "per_cpu_list");
			ms_record_add_s64(r, "cpu", pf.cpu);
			if (pf.mt >= 0 && pf.mt < mm->nr_migratetypes)
				ms_record_add_str(r, "migratetype", mm->mt_names[pf.mt]);
			else
				ms_record_add_null(r, "migratetype");
			ms_record_add_addr(r, "page", ka->page);
			return NULL;
		}
		if (!err && pf.cpu >= 0) {
			fprintf(ms_fp, "%" PRIx64 ": not in a free block: page %" PRIx64
				" is free on the per-cpu list of cpu %d (%s)\n", ka->addr, ka->page,
				pf.cpu, pf.mt >= 0 && pf.mt < mm->nr_migratetypes ? mm->mt_names[pf.mt] : "?");
			*found_ret = 2;
			return damage;
		}
	}
	return damage;
}

