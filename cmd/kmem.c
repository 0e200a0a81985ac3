/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kmem.c - crash's kmem at the page level: -f, -F, -f ADDR, -p, -p ADDR,
 * -g [FLAGS], kmem ADDR, and the option rules; -i, -z, -n live in
 * kmem_info.c and the memory picture -M in kmem_map.c.  Everything is read
 * through core/mm (DWARF member names), never through a target header.
 *
 * Where this differs from crash, on purpose:
 *  - a zone without free pages still gets its AREA table (zeros), so that
 *    a script reading the rows sees every order of every zone;
 *  - a free list that cannot be walked to its end is reported with its list
 *    head, the bad entry and the reason, the walk goes on with the next
 *    list, and nr_free_pages says "(found N)" with the differences per zone;
 *  - a free block whose first page lacks PG_buddy or holds another order in
 *    page_private is an error; one whose pageblock has another migratetype
 *    is a NOTE (Linux can leave split blocks so): -F lists them, -f counts;
 *  - kmem -i prints SHARED only with -i=shared, as crash does since 8.0.3.
 */
#define _GNU_SOURCE	/* asprintf */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cmd/kmem.h"
#include "core/command.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/session.h"
#include "core/symbols.h"

extern const struct ms_command cmd_kmem;

#define VADDR_PRLEN 16
#define MAX_BAD_REPORTS 10	/* per list: more bad entries are only counted */

/* ---------------------------------------------------------------------- */
/* shared helpers                                                         */

struct json_object *kmem_json_hex(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
	return json_object_new_string(buf);
}

struct json_object *kmem_json_opt(bool have, int64_t v)
{
	return have ? json_object_new_int64(v) : NULL;
}

void kmem_json_print(struct json_object *obj)
{
	fprintf(ms_fp, "%s\n", json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY |
							     JSON_C_TO_STRING_SPACED |
							     JSON_C_TO_STRING_NOSLASHESCAPE));
}

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
			else
				ms_cmd_error(sess, "%s (list_head %" PRIx64 "): page %" PRIx64 ": %s", name,
					     ev->head, blk->page, ms_mm_bad_entry_str(mm, blk->bad));
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
			", free lists hold %" PRIu64 " pages (%+" PRId64 ")\n", z->nid, z->name,
			z->free_pages, zf->pages, (int64_t)zf->pages - z->free_pages);
	for (o = 0; o < mm->max_order; o++) {
		uint64_t n = ms_mm_zone_free_order_blocks(mm, zf, o);
		if (n != z->nr_free[o])
			fprintf(ms_fp, "  node %d zone %s order %d: free_area.nr_free %" PRIu64
				", free lists hold %" PRIu64 " blocks\n", z->nid, z->name, o,
				z->nr_free[o], n);
	}
}

static int kmem_free(struct ms_session *sess, bool verbose, bool json)
{
	struct ms_program *prog = sess->prog;
	const struct ms_mm *mm;
	struct json_object *jroot = NULL, *jnodes = NULL;
	struct ms_mm_zone_free *zfs;
	int64_t sum = 0;
	uint64_t found = 0;
	int ni, i, nzones = 0, k, rc = 0;
	bool broken = false, have_sum = true;
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
				sum += z->free_pages > 0 ? z->free_pages : 0;
			else
				have_sum = false;
			found += zf->pages;
			broken |= zf->broken;
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
			have_sum && (uint64_t)sum == found && !broken));
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
	if (have_sum && (uint64_t)sum == found && !broken) {
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

/* kmem -f ADDR and the free-page step of kmem ADDR: *found_ret 1 if in a
 * free block, 2 if free on a per-cpu list, 0 if not free. */
static struct ms_error *kmem_free_search(struct ms_program *prog, const struct ms_mm_addr *ka,
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

/* ---------------------------------------------------------------------- */
/* kmem ADDR                                                              */

static int kmem_identify(struct ms_session *sess, const struct ms_mm_addr *ka, bool phys)
{
	struct ms_program *prog = sess->prog;
	const struct ms_symbol *sym;
	uint64_t off = 0;
	int printed = 0, rc;
	struct ms_error *err;

	if (!phys && (sym = ms_symbol_containing(prog, ka->addr, &off))) {
		if (off)
			fprintf(ms_fp, "%" PRIx64 " (%c) %s+%" PRIu64 "\n\n", ka->addr, sym->type,
				sym->name, off);
		else
			fprintf(ms_fp, "%" PRIx64 " (%c) %s\n\n", ka->addr, sym->type, sym->name);
		printed = 1;
	}
	if (ka->kind == MS_MM_ADDR_NONE) {
		if (printed)
			return 0;
		return ms_cmd_error(sess, "%" PRIx64 ": %s address not found in mem map", ka->addr,
				    phys ? "physical" : "kernel virtual");
	}
	err = kmem_free_search(prog, ka, false, &rc);
	if (err)
		return ms_cmd_fail(sess, err);
	if (rc > 0)
		fprintf(ms_fp, "\n");
	return kmem_pages(sess, (struct ms_mm_addr *)ka, 1, false);
}

/* ---------------------------------------------------------------------- */
/* the command                                                            */

static int usage(struct ms_session *sess)
{
	return ms_cmd_usage(sess, &cmd_kmem);
}

static int cmd_kmem_handler(struct ms_session *sess, int argc, char **argv)
{
	struct ms_program *prog = sess->prog;
	bool f = false, F = false, p = false, g = false, i = false, z = false, n = false,
	     M = false, P = false, other = false, shared = false;
	char other_opt = 0;
	const char *m_spec = NULL;
	int mainflags = 0, c, k, rc = 0, naddr = 0;
	bool json = sess->output_mode == MS_OUTPUT_JSON;
	struct ms_mm_addr *addrs = NULL;

	optind = 0;
	opterr = 1;
	while ((c = getopt(argc, argv, "fFpgi::znMPsSrvVcCohm:I:")) != -1) {
		switch (c) {
		case 'f': f = true; mainflags++; break;
		case 'F': F = true; mainflags++; break;
		case 'p': p = true; mainflags++; break;
		case 'g': g = true; mainflags++; break;
		case 'i':
			if (optarg && strcmp(optarg, "=shared"))
				return usage(sess);
			shared = optarg != NULL;
			i = true; mainflags++; break;
		case 'M': M = true; mainflags++; break;
		case 'z': z = true; break;
		case 'n': n = true; break;
		case 'P': P = true; break;
		case 'I': break;
		case 'm':
			m_spec = optarg;
			mainflags++;
			break;
		case 's': case 'S': case 'r': case 'v': case 'V': case 'c': case 'C':
		case 'o': case 'h':
			other = true;
			other_opt = (char)c;
			mainflags++;
			break;
		default:
			return usage(sess);
		}
	}
	if (mainflags > 1) {
		ms_cmd_error(sess, "only one flag allowed!");
		return usage(sess);
	}
	naddr = argc - optind;
	if (!mainflags && !z && !n && !naddr)
		return usage(sess);
	if (other)
		return ms_cmd_error(sess, "-%c: not supported by this version of kmem", other_opt);
	if (naddr && (z || n || i || F || M) && !g) {
		ms_cmd_error(sess, "no address arguments allowed with this option");
		return usage(sess);
	}
	if (g) {
		if (naddr > 1)
			return usage(sess);
		return kmem_flags(sess, naddr ? argv[optind] : NULL);
	}
	{
		const struct ms_mm *mm;
		struct ms_error *err = ms_mm(prog, MS_MM_ZONES, &mm);

		if (err)
			return ms_cmd_fail(sess, err);
	}
	if (naddr) {
		addrs = calloc((size_t)naddr, sizeof(*addrs));
		if (!addrs)
			return ms_cmd_error(sess, "out of memory");
		for (k = 0; k < naddr; k++) {
			unsigned long long v;
			struct ms_error *err = ms_parse_addr(argv[optind + k], &v);

			if (err) {
				/* a word that is not hex would be a slab name: -s only */
				ms_error_destroy(err);
				free(addrs);
				return usage(sess);
			}
			ms_mm_resolve(prog, v, P, &addrs[k]);
		}
	}
	if (z)
		rc |= kmem_zones(sess, json && !naddr);
	if (n)
		rc |= kmem_nodes(sess);
	if (f || F) {
		if (!naddr) {
			rc |= kmem_free(sess, F, json);
		} else {
			for (k = 0; k < naddr; k++) {
				if (addrs[k].kind == MS_MM_ADDR_NONE) {
					rc |= ms_cmd_error(sess, "%" PRIx64 ": %s address not found in mem map",
							   addrs[k].addr, P ? "physical" : "kernel virtual");
					continue;
				}
				int found;
				struct ms_error *err = kmem_free_search(prog, &addrs[k], true, &found);

				if (err)
					rc |= ms_cmd_fail(sess, err);
			}
		}
	} else if (p) {
		int good = 0;
		for (k = 0; k < naddr; k++) {
			if (addrs[k].kind == MS_MM_ADDR_NONE)
				rc |= ms_cmd_error(sess, "%" PRIx64 ": %s address not found in mem map",
						   addrs[k].addr, P ? "physical" : "kernel virtual");
			else
				good++;
		}
		if (!naddr || good)
			rc |= kmem_pages(sess, addrs, naddr, json);
	} else if (m_spec) {
		for (k = 0; k < naddr; k++)
			if (addrs[k].kind == MS_MM_ADDR_NONE)
				rc |= ms_cmd_error(sess, "%" PRIx64 ": %s address not found in mem map",
						   addrs[k].addr, P ? "physical" : "kernel virtual");
		rc |= kmem_members(sess, m_spec, addrs, naddr);
	} else if (i) {
		rc |= kmem_info(sess, json, shared);
	} else if (M) {
		rc |= kmem_map(sess);
	} else if (naddr) {
		for (k = 0; k < naddr; k++)
			rc |= kmem_identify(sess, &addrs[k], P);
	}
	free(addrs);
	/* stopped by ^C or by the reader of a pipe going away ("| head"):
	 * what was wanted was printed, the command did not fail */
	if (rc && ms_interrupted())
		return 0;
	return rc ? -1 : 0;
}

static const char *const kmem_options[] = {
	"-f", "-F", "-p", "-m", "-g", "-i", "-z", "-n", "-M", "-P", NULL,
};

const struct ms_command cmd_kmem = {
	.name = "kmem",
	.handler = cmd_kmem_handler,
	.summary = "kernel memory: free areas, page structs, zones, memory usage",
	.synopsis = "kmem [-f|-F|-c|-C|-i[=shared]|-v|-V|-n|-z|-o|-h|-M] [-p | -m member[,member]]\n"
		    "     [[-s|-S|-S=cpu[s]|-r] [slab] [-I slab[,slab]]] [-g [flags]] [[-P] address]]",
	.help =
"  This command displays information about the use of kernel memory, read\n"
"  from the dump through the debuginfo's DWARF (struct page, struct zone,\n"
"  enum pageflags ...).\n"
"\n"
"        -f  displays the contents of the buddy free-area lists of every zone\n"
"            of every node and verifies the total against the zones' counters.\n"
"        -F  same as -f, but also lists the first page struct of every free block.\n"
"   -f addr  shows whether the page holding addr is in a free block, and which.\n"
"        -p  displays basic information about every page struct in mem_map:\n"
"            page, physical address, mapping, index, reference count, flags.\n"
"   -p addr  the page struct(s) of the given addresses only.\n"
"  -m member[,member]  like -p, but prints the named struct page members\n"
"            (list_head as next,prev; pointers in full; flags in hex;\n"
"            atomic counters in decimal; other integers in the radix).\n"
"        -g  displays the enum pageflags bits; -g flags decodes a flags value.\n"
"        -i  displays general memory usage information (as /proc/meminfo);\n"
"            -i=shared also counts shared pages (walks every page struct).\n"
"        -z  displays per-zone statistics and watermarks.\n"
"        -n  displays memory nodes, their zones and mem_map.\n"
"        -M  draws a picture of physical memory, one character per run of\n"
"            pages (free, slab, user, page tables, reserved/image, other),\n"
"            sized to the terminal width (COLUMNS), with a legend and scale.\n"
"        -P  the address that follows is physical.\n"
"   address  a page struct address, a kernel virtual address (direct map,\n"
"            image) or a physical address (with -P, or a plain number below\n"
"            the end of memory): shows the symbol, the free block holding it\n"
"            and its page struct.\n"
"\n"
"  With --json or \"set output json\", -f, -p, -i and -z print JSON.\n"
"  A counter this kernel does not have is \"not available\" (JSON null),\n"
"  never a zero.  A free page is told by PG_buddy, else by _mapcount equal\n"
"  to VMCOREINFO's NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE); without either, -f, -F\n"
"  and -M say in a NOTE what they could not check.\n"
"\n"
"  The synopsis is crash's: -s, -S, -r, -I (slab caches), -v, -V (vmalloc,\n"
"  vm_stat), -c, -C, -o and -h are accepted and answered \"not supported by\n"
"  this version of kmem\".\n"
"\n"
"  EXAMPLES\n"
"    mmscope> kmem -f\n"
"    mmscope> kmem -p 200000100000\n"
"    mmscope> kmem -g 400\n"
"    mmscope> kmem -f | grep nr_free_pages\n",
	.options = kmem_options,
};
