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

#include <json-c/json.h>

#include "cmd/kmem.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
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
		case MS_MM_FREE_BAD_ENTRY:
			if (blk->bad == MS_MM_ENTRY_ORDER)
				ms_cmd_error(sess, "%s (list_head %" PRIx64 "): page %" PRIx64 ": order %" PRIu64
					     " in page_private, on the order %d list", name, ev->head,
					     blk->page, blk->found_order, ev->order);
			else if (blk->bad == MS_MM_ENTRY_FLAGS)
				ms_cmd_error(sess, "%s (list_head %" PRIx64 "): page %" PRIx64 ": page flags "
					     "%#" PRIx64 " set on a free page", name, ev->head, blk->page,
					     blk->found_flags);
			else
				ms_cmd_error(sess, "%s (list_head %" PRIx64 "): page %" PRIx64 ": %s", name,
					     ev->head, blk->page, ms_mm_bad_entry_str(blk->bad));
			break;
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
			    const struct ms_mm_zone_free *zf, struct json_object *array)
{
	size_t i;

	for (i = 0; i < zf->nevents; i++) {
		const struct ms_mm_free_event *ev = &zf->events[i];
		char name[160], msg[512];

		if (ev->kind != MS_MM_FREE_BROKEN)
			continue;
		list_name(mm, z, ev->order, ev->mt, name, sizeof(name));
		snprintf(msg, sizeof(msg), "%s: %s", name, ev->message);
		json_object_array_add(array, json_object_new_string(msg));
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
		ms_mkstring(b3, sizeof(b3), 11, MS_CENTER_RIGHT, decstr(t, sizeof(t), z->start_pfn)));
}

static void print_area_prefix(const struct ms_mm *mm, const struct ms_mm_zone *z, int o)
{
	char size[32], b1[64], t[32];

	snprintf(size, sizeof(size), "%" PRIu64 "k", (mm->page_size << o) / 1024);
	fprintf(ms_fp, "%3d  %7s  %s  ", o, size,
		ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER,
			    hexstr(t, sizeof(t), z->free_area + (uint64_t)o * (uint64_t)mm->free_area_size)));
}


static struct json_object *zone_json(struct ms_program *prog, const struct ms_mm *mm, const struct ms_mm_zone *z,
				     const struct ms_mm_zone_free *zf)
{
	struct json_object *jz = json_object_new_object(), *areas = json_object_new_array();
	int o, t;

	json_object_object_add(jz, "index", json_object_new_int(z->idx));
	json_object_object_add(jz, "name", json_object_new_string(z->name));
	json_object_object_add(jz, "addr", kmem_json_hex(z->addr));
	json_object_object_add(jz, "start_pfn", json_object_new_int64((int64_t)z->start_pfn));
	json_object_object_add(jz, "start_paddr", kmem_json_hex(ms_mm_pfn_to_phys(mm, z->start_pfn)));
	json_object_object_add(jz, "spanned_pages", json_object_new_int64((int64_t)z->spanned));
	json_object_object_add(jz, "present_pages", kmem_json_opt(z->has_present, (int64_t)z->present));
	json_object_object_add(jz, "managed_pages", kmem_json_opt(z->has_managed, (int64_t)z->managed));
	json_object_object_add(jz, "mem_map", kmem_json_hex(z->mem_map));
	json_object_object_add(jz, "free_pages", kmem_json_opt(z->has_free_pages, z->free_pages));
	json_object_object_add(jz, "free_pages_found", json_object_new_int64((int64_t)zf->pages));
	{
		uint64_t pcp = 0;
		struct ms_error *err = ms_mm_pcp_walk(prog, z, NULL, NULL, &pcp);

		if (!err)
			json_object_object_add(jz, "pcp_pages", json_object_new_int64((int64_t)pcp));
		ms_error_destroy(err);
	}
	json_object_object_add(jz, "broken_lists", json_object_new_int64((int64_t)broken_lists(zf)));
	json_object_object_add(jz, "bad_entries", json_object_new_int64((int64_t)zf->bad_entries));
	json_object_object_add(jz, "migratetype_mismatches", json_object_new_int64((int64_t)zf->mt_mismatch));
	for (o = 0; o < mm->max_order; o++) {
		struct json_object *ja = json_object_new_object(), *bm = json_object_new_object();
		uint64_t n = ms_mm_zone_free_order_blocks(mm, zf, o);

		json_object_object_add(ja, "order", json_object_new_int(o));
		json_object_object_add(ja, "size_kb",
				       json_object_new_int64((int64_t)((mm->page_size << o) / 1024)));
		json_object_object_add(ja, "free_area", kmem_json_hex(z->free_area +
						(uint64_t)o * (uint64_t)mm->free_area_size));
		json_object_object_add(ja, "nr_free", json_object_new_int64((int64_t)z->nr_free[o]));
		json_object_object_add(ja, "blocks", json_object_new_int64((int64_t)n));
		json_object_object_add(ja, "pages", json_object_new_int64((int64_t)(n << o)));
		for (t = 0; t < mm->nr_migratetypes; t++)
			json_object_object_add(bm, mm->mt_names[t], json_object_new_int64(
				(int64_t)zf->blocks[o * mm->nr_migratetypes + t]));
		json_object_object_add(ja, "by_migratetype", bm);
		json_object_array_add(areas, ja);
	}
	json_object_object_add(jz, "free_area", areas);
	return jz;
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
	struct json_object *jroot = NULL, *jnodes = NULL;
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
		jroot = json_object_new_object();
		jnodes = json_object_new_array();
	}
	for (ni = 0, k = 0; ni < mm->nr_nodes; ni++) {
		const struct ms_mm_node *nd = &mm->nodes[ni];
		struct json_object *jn = NULL, *jzones = NULL;

		if (json) {
			jn = json_object_new_object();
			jzones = json_object_new_array();
			json_object_object_add(jn, "id", json_object_new_int(nd->id));
			json_object_object_add(jn, "pgdat", kmem_json_hex(nd->pgdat));
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
				json_object_array_add(jzones, zone_json(prog, mm, z, zf));
				continue;
			}
			print_zone_header(i > 0);
			print_zone_row(mm, z);
			/* crash omits the table of a zone without free pages; a
			 * table of zeros keeps scripts that read the AREA rows
			 * (truthcheck.py) from seeing a zone with no orders. */
			if (!verbose)
				fprintf(ms_fp, "AREA    SIZE  FREE_AREA_STRUCT  BLOCKS  PAGES\n");
			for (o = 0, next = 0; o < mm->max_order; o++) {
				uint64_t n = ms_mm_zone_free_order_blocks(mm, zf, o);

				if (!verbose) {
					print_area_prefix(mm, z, o);
					fprintf(ms_fp, "%6" PRIu64 " %6" PRIu64 "\n", n, n << o);
					continue;
				}
				fprintf(ms_fp, "AREA    SIZE  FREE_AREA_STRUCT\n");
				print_area_prefix(mm, z, o);
				fprintf(ms_fp, "\n");
				for (; next < zf->nlist && n; next++, n--)
					fprintf(ms_fp, "%" PRIx64 "\n", zf->list[next]);
				if (ms_interrupted()) {
					rc = -1;
					goto out;
				}
			}
		}
		if (json) {
			json_object_object_add(jn, "zones", jzones);
			json_object_array_add(jnodes, jn);
		}
	}
	if (json) {
		json_object_object_add(jroot, "nodes", jnodes);
		json_object_object_add(jroot, "max_order", json_object_new_int(mm->max_order));
		json_object_object_add(jroot, "nr_free_pages", kmem_json_opt(have_sum, sum));
		json_object_object_add(jroot, "found", json_object_new_int64((int64_t)found));
		json_object_object_add(jroot, "verified", json_object_new_boolean(
			have_sum && (uint64_t)sum == found && verified));
		{
			struct json_object *je = json_object_new_array();

			for (ni = 0, k = 0; ni < mm->nr_nodes; ni++)
				for (i = 0; i < mm->nodes[ni].nr_zones; i++, k++)
					add_broken_json(mm, &mm->nodes[ni].zones[i], &zfs[k], je);
			json_object_object_add(jroot, "errors", je);
		}
		kmem_json_print(jroot);
		json_object_put(jroot);
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
};

static struct ms_error *find_block(const struct ms_mm_free_block *blk, void *arg)
{
	struct find_ctx *c = arg;

	if (blk->pfn == (uint64_t)-1)
		return NULL;
	if (c->pfn >= blk->pfn && c->pfn < blk->pfn + (1ull << c->order)) {
		c->found = true;
		c->found_page = blk->page;
		c->found_pfn = blk->pfn;
		return &ms_stop;
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
					 bool say_not_free, int *found_ret)
{
	const struct ms_mm *mm;
	const struct ms_mm_zone *z;
	int o, t;
	char ord[32];
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES | MS_MM_PAGES, &mm);

	*found_ret = 0;
	if (err)
		return err;
	z = ms_mm_pfn_zone(prog, ka->pfn);
	if (!z) {
		if (say_not_free)
			fprintf(ms_fp, "%" PRIx64 ": not in any zone\n", ka->addr);
		return NULL;
	}
	for (o = 0; o < mm->max_order; o++) {
		for (t = 0; t < mm->nr_migratetypes; t++) {
			struct find_ctx c = { .pfn = ka->pfn, .order = o };
			struct ms_mm_list_result res;

			if ((err = ms_mm_free_list_walk(prog, z, o, t, find_block, &c, &res)))
				return err;
			if (!c.found)
				continue;
			print_node_header(mm, false, z->nid);
			print_zone_header(false);
			print_zone_row(mm, z);
			fprintf(ms_fp, "AREA    SIZE  FREE_AREA_STRUCT\n");
			print_area_prefix(mm, z, o);
			fprintf(ms_fp, "\n");
			fprintf(ms_fp, "%" PRIx64 "  (%" PRIx64 " is %s%s of %" PRIu64 " pages)\n",
				c.found_page, ka->addr, ka->inner ? "in " : "",
				ms_mm_ordinal(ka->pfn - c.found_pfn + 1, ord, sizeof(ord)), (uint64_t)1 << o);
			*found_ret = 1;
			return NULL;
		}
	}
	/* not in the buddy allocator: maybe free on a per-cpu list (a dump
	 * without pagesets, or with a broken pcp list, just cannot tell) */
	{
		struct pcp_find pf = { ka->page, -1, -1 };

		err = ms_mm_pcp_walk(prog, z, pcp_match, &pf, NULL);
		if (err == &ms_interrupted_error)
			return err;
		ms_error_destroy(err);
		if (!err && pf.cpu >= 0) {
			fprintf(ms_fp, "%" PRIx64 ": not in a free block: page %" PRIx64
				" is free on the per-cpu list of cpu %d (%s)\n", ka->addr, ka->page,
				pf.cpu, pf.mt >= 0 && pf.mt < mm->nr_migratetypes ? mm->mt_names[pf.mt] : "?");
			*found_ret = 2;
			return NULL;
		}
	}
	if (say_not_free)
		fprintf(ms_fp, "%" PRIx64 ": not in a free block (page %" PRIx64 " is in use)\n",
			ka->addr, ka->page);
	return NULL;
}

