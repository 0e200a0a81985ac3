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
#include "core/dump.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/types.h"

extern const struct ms_command cmd_kmem;

#define VADDR_PRLEN 16
#define MAX_BAD_REPORTS 10	/* per list: more bad entries are only counted */

/* ---------------------------------------------------------------------- */
/* shared helpers                                                         */

int kmem_walk_fail(void)
{
	return ms_interrupted() ? -1 : ms_cmd_fail();
}

struct json_object *kmem_json_hex(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
	return json_object_new_string(buf);
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

struct zone_walk_ctx {
	const struct ms_mm *mm;
	const struct ms_mm_zone *z;
	int order, mt;
	unsigned reported;
	bool quiet;
	struct kmem_zone_free *collect;	/* -F: keep the pages, list migratetype notes */
	struct kmem_zone_free *counts;
	unsigned mt_listed;
};

static int check_block(const struct ms_mm_free_block *blk, void *arg)
{
	struct zone_walk_ctx *c = arg;

	if (c->collect) {
		struct kmem_zone_free *zf = c->collect;
		if (zf->nlist == zf->caplist) {
			size_t cap = zf->caplist ? 2 * zf->caplist : 1024;
			uint64_t *n = realloc(zf->list, cap * sizeof(*n));
			if (!n)
				return ms_error_set("out of memory");
			zf->list = n;
			zf->caplist = cap;
		}
		zf->list[zf->nlist++] = blk->page;
	}

	if (blk->bad == MS_MM_ENTRY_MIGRATETYPE && c->counts && c->quiet)
		c->counts->mt_mismatch++;
	if (blk->bad == MS_MM_ENTRY_OK || blk->bad == MS_MM_ENTRY_NOT_PAGE ||
	    blk->bad == MS_MM_ENTRY_OUTSIDE_ZONE || c->quiet)
		return 0;	/* the last two end the walk and are reported by the caller */
	if (c->reported++ >= MAX_BAD_REPORTS && blk->bad != MS_MM_ENTRY_MIGRATETYPE)
		return 0;
	if (blk->bad == MS_MM_ENTRY_MIGRATETYPE) {
		/* Not an error: Linux may leave a split block on the list of
		 * the type it was taken for while its pageblock keeps another
		 * type.  Counted for kmem -f, listed by kmem -F. */
		c->reported--;
		if (c->collect && c->mt_listed++ < MAX_BAD_REPORTS)
			ms_note("node %d zone %s free_area[%d].free_list[%s] (list_head %" PRIx64
				"): page %" PRIx64 ": pageblock migratetype %s, on the %s list",
				c->z->nid, c->z->name, c->order, c->mm->mt_names[c->mt],
				ms_mm_free_list_head(c->mm, c->z, c->order, c->mt), blk->page,
				blk->found_mt >= 0 && blk->found_mt < c->mm->nr_migratetypes ?
				c->mm->mt_names[blk->found_mt] : "?", c->mm->mt_names[c->mt]);
		if (c->counts)
			c->counts->mt_mismatch++;
	} else if (blk->bad == MS_MM_ENTRY_ORDER)
		ms_cmd_error("node %d zone %s free_area[%d].free_list[%s] (list_head %" PRIx64
			     "): page %" PRIx64 ": order %" PRIu64 " in page_private, on the order %d list",
			     c->z->nid, c->z->name, c->order, c->mm->mt_names[c->mt],
			     ms_mm_free_list_head(c->mm, c->z, c->order, c->mt), blk->page,
			     blk->found_order, c->order);
	else
		ms_cmd_error("node %d zone %s free_area[%d].free_list[%s] (list_head %" PRIx64
			     "): page %" PRIx64 ": %s",
			     c->z->nid, c->z->name, c->order, c->mm->mt_names[c->mt],
			     ms_mm_free_list_head(c->mm, c->z, c->order, c->mt), blk->page,
			     ms_mm_bad_entry_str(blk->bad));
	return 0;
}

int kmem_zone_walk(const struct ms_mm_zone *z, struct kmem_zone_free *zf, bool quiet, bool collect)
{
	const struct ms_mm *mm = ms_mm();
	int o, t;

	memset(zf, 0, sizeof(*zf));
	if (!mm)
		return -1;
	zf->blocks = calloc((size_t)mm->max_order * (size_t)mm->nr_migratetypes, sizeof(uint64_t));
	if (!zf->blocks)
		return ms_error_set("out of memory");
	if (!z->spanned)
		return 0;
	for (o = 0; o < mm->max_order; o++) {
		for (t = 0; t < mm->nr_migratetypes; t++) {
			struct zone_walk_ctx c = { mm, z, o, t, 0, quiet, collect ? zf : NULL, zf, 0 };
			struct ms_mm_list_result res;

			if (ms_mm_free_list_walk(z, o, t, check_block, &c, &res) < 0)
				return -1;
			zf->bad_entries += res.bad_entries;
			if (res.broken) {
				char **e = realloc(zf->errors, (zf->nerrors + 2) * sizeof(*e));
				zf->broken = true;
				if (e) {
					zf->errors = e;
					if (asprintf(&e[zf->nerrors], "node %d zone %s free_area[%d].free_list[%s]: %s",
						     z->nid, z->name, o, mm->mt_names[t], res.message) > 0)
						zf->nerrors++;
					e[zf->nerrors] = NULL;
				}
				if (!quiet)
					ms_cmd_error("node %d zone %s free_area[%d].free_list[%s]: %s",
						     z->nid, z->name, o, mm->mt_names[t], res.message);
			}
			if (!quiet && c.reported > MAX_BAD_REPORTS)
				ms_cmd_error("node %d zone %s free_area[%d].free_list[%s]: "
					     "%u more bad entries", z->nid, z->name, o,
					     mm->mt_names[t], c.reported - MAX_BAD_REPORTS);
			zf->blocks[o * mm->nr_migratetypes + t] = res.blocks;
			zf->pages += res.blocks << o;
		}
	}
	return 0;
}

void kmem_zone_free_release(struct kmem_zone_free *zf)
{
	size_t i;

	for (i = 0; i < zf->nerrors; i++)
		free(zf->errors[i]);
	free(zf->errors);
	free(zf->blocks);
	free(zf->list);
	zf->blocks = NULL;
	zf->list = NULL;
	zf->errors = NULL;
	zf->nerrors = 0;
}

static uint64_t zf_order_blocks(const struct ms_mm *mm, const struct kmem_zone_free *zf, int o)
{
	uint64_t n = 0;
	int t;

	for (t = 0; t < mm->nr_migratetypes; t++)
		n += zf->blocks[o * mm->nr_migratetypes + t];
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

	fprintf(ms_fp, "%3d   %-9s %6" PRIu64 "  %6" PRId64 "  ", z->idx, z->name, z->spanned,
		z->free_pages < 0 ? 0 : z->free_pages);
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


static struct json_object *zone_json(const struct ms_mm *mm, const struct ms_mm_zone *z,
				     const struct kmem_zone_free *zf)
{
	struct json_object *jz = json_object_new_object(), *areas = json_object_new_array();
	int o, t;

	json_object_object_add(jz, "index", json_object_new_int(z->idx));
	json_object_object_add(jz, "name", json_object_new_string(z->name));
	json_object_object_add(jz, "addr", kmem_json_hex(z->addr));
	json_object_object_add(jz, "start_pfn", json_object_new_int64((int64_t)z->start_pfn));
	json_object_object_add(jz, "start_paddr", kmem_json_hex(ms_mm_pfn_to_phys(mm, z->start_pfn)));
	json_object_object_add(jz, "spanned_pages", json_object_new_int64((int64_t)z->spanned));
	json_object_object_add(jz, "present_pages", json_object_new_int64((int64_t)z->present));
	json_object_object_add(jz, "managed_pages", json_object_new_int64((int64_t)z->managed));
	json_object_object_add(jz, "mem_map", kmem_json_hex(z->mem_map));
	json_object_object_add(jz, "free_pages", json_object_new_int64(z->free_pages));
	json_object_object_add(jz, "free_pages_found", json_object_new_int64((int64_t)zf->pages));
	{
		uint64_t pcp = 0;
		if (ms_mm_pcp_walk(z, NULL, NULL, &pcp) == 0)
			json_object_object_add(jz, "pcp_pages", json_object_new_int64((int64_t)pcp));
	}
	json_object_object_add(jz, "broken_lists", json_object_new_int64((int64_t)zf->nerrors));
	json_object_object_add(jz, "bad_entries", json_object_new_int64((int64_t)zf->bad_entries));
	json_object_object_add(jz, "migratetype_mismatches", json_object_new_int64((int64_t)zf->mt_mismatch));
	for (o = 0; o < mm->max_order; o++) {
		struct json_object *ja = json_object_new_object(), *bm = json_object_new_object();
		uint64_t n = zf_order_blocks(mm, zf, o);

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
			      const struct kmem_zone_free *zf)
{
	int o;

	if (z->free_pages >= 0 && (uint64_t)z->free_pages != zf->pages)
		fprintf(ms_fp, "  node %d zone %s: vm_stat NR_FREE_PAGES %" PRId64
			", free lists hold %" PRIu64 " pages (%+" PRId64 ")\n", z->nid, z->name,
			z->free_pages, zf->pages, (int64_t)zf->pages - z->free_pages);
	for (o = 0; o < mm->max_order; o++) {
		uint64_t n = zf_order_blocks(mm, zf, o);
		if (n != z->nr_free[o])
			fprintf(ms_fp, "  node %d zone %s order %d: free_area.nr_free %" PRIu64
				", free lists hold %" PRIu64 " blocks\n", z->nid, z->name, o,
				z->nr_free[o], n);
	}
}

static int kmem_free(bool verbose, bool json)
{
	const struct ms_mm *mm = ms_mm();
	struct json_object *jroot = NULL, *jnodes = NULL;
	struct kmem_zone_free *zfs;
	int64_t sum = 0;
	uint64_t found = 0;
	int ni, i, nzones = 0, k, rc = 0;
	bool broken = false;

	if (!mm)
		return ms_cmd_fail();
	for (ni = 0; ni < mm->nr_nodes; ni++)
		nzones += mm->nodes[ni].nr_zones;
	zfs = calloc((size_t)nzones, sizeof(*zfs));
	if (!zfs)
		return ms_cmd_error("out of memory");
	/* Walk first, so that a broken list is reported before the tables. */
	for (ni = 0, k = 0; ni < mm->nr_nodes && !rc; ni++)
		for (i = 0; i < mm->nodes[ni].nr_zones && !rc; i++, k++)
			if (kmem_zone_walk(&mm->nodes[ni].zones[i], &zfs[k], json, verbose && !json) < 0)
				rc = -1;
	if (rc) {
		kmem_walk_fail();
		goto out;
	}
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
			struct kmem_zone_free *zf = &zfs[k];
			size_t next;
			int o;

			sum += z->free_pages > 0 ? z->free_pages : 0;
			found += zf->pages;
			broken |= zf->broken;
			if (json) {
				json_object_array_add(jzones, zone_json(mm, z, zf));
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
				uint64_t n = zf_order_blocks(mm, zf, o);

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
		json_object_object_add(jroot, "nr_free_pages", json_object_new_int64(sum));
		json_object_object_add(jroot, "found", json_object_new_int64((int64_t)found));
		json_object_object_add(jroot, "verified",
				       json_object_new_boolean((uint64_t)sum == found && !broken));
		{
			struct json_object *je = json_object_new_array();
			size_t e;
			for (k = 0; k < nzones; k++)
				for (e = 0; e < zfs[k].nerrors; e++)
					json_object_array_add(je, json_object_new_string(zfs[k].errors[e]));
			json_object_object_add(jroot, "errors", je);
		}
		kmem_json_print(jroot);
		json_object_put(jroot);
		goto out;
	}
	fprintf(ms_fp, "\nnr_free_pages: %" PRId64 "  ", sum);
	if ((uint64_t)sum == found && !broken) {
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
			ms_note("%" PRIu64 " free block%s lie%s in pageblocks of another migratetype "
				"(kmem -F lists them)", mism, mism > 1 ? "s" : "", mism > 1 ? "" : "s");
	}
out:
	for (k = 0; k < nzones; k++)
		kmem_zone_free_release(&zfs[k]);
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

static int find_block(const struct ms_mm_free_block *blk, void *arg)
{
	struct find_ctx *c = arg;

	if (blk->pfn == (uint64_t)-1)
		return 0;
	if (c->pfn >= blk->pfn && c->pfn < blk->pfn + (1ull << c->order)) {
		c->found = true;
		c->found_page = blk->page;
		c->found_pfn = blk->pfn;
		return 1;
	}
	return 0;
}

struct pcp_find {
	uint64_t page;
	int cpu, mt;
};

static int pcp_match(uint64_t page, int cpu, int mt, void *arg)
{
	struct pcp_find *f = arg;

	if (page != f->page)
		return 0;
	f->cpu = cpu;
	f->mt = mt;
	return 1;
}

/* kmem -f ADDR and the free-page step of kmem ADDR: 1 if in a free block,
 * 2 if free on a per-cpu list, 0 if not free, -1 on error. */
static int kmem_free_search(const struct ms_mm_addr *ka, bool say_not_free)
{
	const struct ms_mm *mm = ms_mm();
	const struct ms_mm_zone *z;
	int o, t;
	char ord[32];

	if (!mm)
		return -1;
	z = ms_mm_pfn_zone(ka->pfn);
	if (!z) {
		if (say_not_free)
			fprintf(ms_fp, "%" PRIx64 ": not in any zone\n", ka->addr);
		return 0;
	}
	for (o = 0; o < mm->max_order; o++) {
		for (t = 0; t < mm->nr_migratetypes; t++) {
			struct find_ctx c = { .pfn = ka->pfn, .order = o };
			struct ms_mm_list_result res;

			if (ms_mm_free_list_walk(z, o, t, find_block, &c, &res) < 0)
				return -1;
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
			return 1;
		}
	}
	/* not in the buddy allocator: maybe free on a per-cpu list */
	{
		struct pcp_find pf = { ka->page, -1, -1 };
		if (ms_mm_pcp_walk(z, pcp_match, &pf, NULL) == 0 && pf.cpu >= 0) {
			fprintf(ms_fp, "%" PRIx64 ": not in a free block: page %" PRIx64
				" is free on the per-cpu list of cpu %d (%s)\n", ka->addr, ka->page,
				pf.cpu, pf.mt >= 0 && pf.mt < mm->nr_migratetypes ? mm->mt_names[pf.mt] : "?");
			return 2;
		}
	}
	if (say_not_free)
		fprintf(ms_fp, "%" PRIx64 ": not in a free block (page %" PRIx64 " is in use)\n",
			ka->addr, ka->page);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* kmem -p                                                                */

struct prow_ctx {
	const struct ms_mm *mm;
	int paddr_w;
	char *buf;
	size_t len, cap;
	/* a small cache of flag-name strings: flags repeat page after page */
	uint64_t cache_key[256];
	char *cache_val[256];
	bool json;
	bool first;
};

static char *put_hex(char *p, uint64_t v)
{
	char tmp[16];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_hex_w(char *p, uint64_t v, int width, bool left)
{
	int n = ms_mm_hex_digits(v);

	if (!left)
		for (; n < width; n++)
			*p++ = ' ';
	p = put_hex(p, v);
	if (left)
		for (; n < width; n++)
			*p++ = ' ';
	return p;
}

static const char *cached_names(struct prow_ctx *c, uint64_t flags)
{
	unsigned h = (unsigned)((flags * 0x9e3779b97f4a7c15ull) >> 56);
	char buf[1024];

	if (c->cache_val[h] && c->cache_key[h] == flags)
		return c->cache_val[h];
	ms_mm_flags_names(c->mm, flags, buf, sizeof(buf));
	free(c->cache_val[h]);
	c->cache_val[h] = strdup(buf);
	c->cache_key[h] = flags;
	return c->cache_val[h] ? c->cache_val[h] : "";
}

static void prow_flush(struct prow_ctx *c)
{
	if (c->len)
		fwrite(c->buf, 1, c->len, ms_fp);
	c->len = 0;
}

static void print_page_header(int paddr_w)
{
	char b1[32], b2[32], b3[32], b4[32];

	fprintf(ms_fp, "%s %s %s %sCNT FLAGS\n",
		ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, "PAGE"),
		ms_mkstring(b2, sizeof(b2), paddr_w, MS_RJUST, "PHYSICAL"),
		ms_mkstring(b3, sizeof(b3), VADDR_PRLEN, MS_CENTER_RIGHT, "MAPPING"),
		ms_mkstring(b4, sizeof(b4), 8, MS_CENTER_RIGHT, "INDEX"));
}

static int page_row(const struct ms_mm_page *pg, void *arg)
{
	struct prow_ctx *c = arg;
	const char *names = cached_names(c, pg->flags);
	size_t need = 128 + strlen(names);
	char *p;

	if (c->json) {
		struct json_object *o = json_object_new_object(), *fl = json_object_new_array();
		const char *s, *e;

		json_object_object_add(o, "page", kmem_json_hex(pg->addr));
		json_object_object_add(o, "pfn", json_object_new_int64((int64_t)pg->pfn));
		json_object_object_add(o, "physical", kmem_json_hex(ms_mm_pfn_to_phys(c->mm, pg->pfn)));
		json_object_object_add(o, "mapping", kmem_json_hex(pg->mapping));
		json_object_object_add(o, "index", json_object_new_int64((int64_t)pg->index));
		json_object_object_add(o, "count", json_object_new_int64(pg->count));
		json_object_object_add(o, "mapcount", json_object_new_int64(pg->mapcount));
		json_object_object_add(o, "private", kmem_json_hex(pg->private_));
		json_object_object_add(o, "flags", kmem_json_hex(pg->flags));
		for (s = names; *s; s = *e ? e + 1 : e) {
			e = strchr(s, ',');
			if (!e)
				e = s + strlen(s);
			json_object_array_add(fl, json_object_new_string_len(s, (int)(e - s)));
		}
		json_object_object_add(o, "flag_names", fl);
		fprintf(ms_fp, "%s%s", c->first ? "\n  " : ",\n  ",
			json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
						       JSON_C_TO_STRING_NOSLASHESCAPE));
		c->first = false;
		json_object_put(o);
		return ms_interrupted() ? -1 : 0;
	}
	if (c->len + need > c->cap) {
		prow_flush(c);
		if (need > c->cap)
			return -1;
	}
	p = c->buf + c->len;
	/* %-16lx %*llx %16lx %8lx %2d <flags> <names> */
	p = put_hex_w(p, pg->addr, VADDR_PRLEN, true);
	*p++ = ' ';
	p = put_hex_w(p, ms_mm_pfn_to_phys(c->mm, pg->pfn), c->paddr_w, false);
	*p++ = ' ';
	p = put_hex_w(p, pg->mapping, VADDR_PRLEN, false);
	*p++ = ' ';
	p = put_hex_w(p, pg->index, 8, false);
	p += sprintf(p, " %2d ", (int)pg->count);
	p = put_hex(p, pg->flags);
	if (*names) {
		*p++ = ' ';
		memcpy(p, names, strlen(names));
		p += strlen(names);
	}
	*p++ = '\n';
	c->len = (size_t)(p - c->buf);
	return ms_interrupted() ? -1 : 0;
}

static int prow_init(struct prow_ctx *c, bool json)
{
	const struct ms_mm *mm = ms_mm();
	int w;

	memset(c, 0, sizeof(*c));
	if (!mm)
		return -1;
	c->mm = mm;
	c->json = json;
	c->first = true;
	w = ms_mm_hex_digits(mm->max_pfn << mm->page_shift);
	c->paddr_w = w > 8 ? w : 8;
	c->cap = 1 << 20;
	c->buf = malloc(c->cap);
	return c->buf ? 0 : ms_error_set("out of memory");
}

static void prow_done(struct prow_ctx *c)
{
	int i;

	prow_flush(c);
	free(c->buf);
	for (i = 0; i < 256; i++)
		free(c->cache_val[i]);
}

static int kmem_pages(struct ms_mm_addr *addrs, int naddrs, bool json)
{
	const struct ms_mm *mm = ms_mm();
	struct prow_ctx c;
	uint64_t unreadable = 0;
	int i, rc = 0;

	if (!mm || prow_init(&c, json) < 0)
		return ms_cmd_fail();
	if (json)
		fprintf(ms_fp, "[");
	else
		print_page_header(c.paddr_w);
	if (!naddrs) {
		rc = ms_mm_pages_walk(0, mm->max_pfn, page_row, &c, &unreadable);
	} else {
		for (i = 0; i < naddrs && !rc; i++) {
			struct ms_mm_page pg;
			if (addrs[i].kind == MS_MM_ADDR_NONE)
				continue;
			if (ms_mm_page_read(addrs[i].page, &pg) < 0) {
				prow_flush(&c);
				ms_cmd_fail();
				continue;
			}
			pg.pfn = addrs[i].pfn;
			rc = page_row(&pg, &c);
		}
	}
	prow_flush(&c);
	if (json)
		fprintf(ms_fp, "%s]\n", c.first ? "" : "\n");
	prow_done(&c);
	if (rc < 0)
		return kmem_walk_fail();
	if (unreadable)
		ms_cmd_error("%" PRIu64 " page structs could not be read", unreadable);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* kmem -m member[,member]                                                */

enum mcol_kind { MCOL_HEX, MCOL_PTR, MCOL_DEC, MCOL_RADIX, MCOL_LIST, MCOL_BYTES };

struct mcol {
	char *name;
	long off;
	unsigned size;
	bool is_signed;
	enum mcol_kind kind;
	long next_off, prev_off;	/* MCOL_LIST */
};

struct mrow_ctx {
	struct mcol *cols;
	int ncols;
	const unsigned char *raw;
};

static uint64_t mcol_uint(const unsigned char *raw, long off, unsigned size)
{
	uint64_t v = 0;

	memcpy(&v, raw + off, size > 8 ? 8 : size);
	return v;
}

static int64_t mcol_int(const unsigned char *raw, long off, unsigned size)
{
	uint64_t v = mcol_uint(raw, off, size);

	if (size && size < 8 && (v >> (size * 8 - 1)) & 1)
		v |= ~0ull << (size * 8);
	return (int64_t)v;
}

/* Resolve "lru", "flags", "_count", "lru.next" ... in struct page, by DWARF. */
static int mcol_resolve(const struct ms_type *page_t, const char *name, struct mcol *c)
{
	struct ms_member m;
	const struct ms_type *t;

	memset(c, 0, sizeof(*c));
	if (ms_type_member_path(page_t, name, &m) < 0)
		return ms_error_set("invalid data structure reference: page.%s", name);
	c->name = strdup(name);
	c->off = (long)m.offset;
	t = ms_type_strip(m.type);
	c->size = (unsigned)ms_type_size(m.type);
	if (t && (ms_type_kind(t) == MS_TYPE_STRUCT || ms_type_kind(t) == MS_TYPE_UNION)) {
		struct ms_member n, p;
		if (ms_type_member_path(t, "next", &n) == 0 && ms_type_member_path(t, "prev", &p) == 0) {
			c->kind = MCOL_LIST;
			c->next_off = c->off + (long)n.offset;
			c->prev_off = c->off + (long)p.offset;
			return 0;
		}
		if (ms_type_member_path(t, "counter", &n) == 0) {	/* atomic_t */
			c->off += (long)n.offset;
			c->size = (unsigned)ms_type_size(n.type);
			c->is_signed = true;
			c->kind = MCOL_DEC;
			return 0;
		}
		c->kind = MCOL_BYTES;
		return 0;
	}
	if (t && ms_type_kind(t) == MS_TYPE_POINTER) {
		c->kind = MCOL_PTR;
	} else if (!strcmp(name, "flags")) {
		c->kind = MCOL_HEX;
	} else {
		c->kind = MCOL_RADIX;
		c->is_signed = t && ms_type_kind(t) == MS_TYPE_INT && ms_type_is_signed(t);
	}
	return 0;
}

static int mrow(const void *rawv, uint64_t addr, uint64_t pfn, void *arg)
{
	struct mrow_ctx *c = arg;
	const unsigned char *raw = rawv;
	int i, k;

	(void)pfn;
	fprintf(ms_fp, "%-16" PRIx64, addr);
	for (i = 0; i < c->ncols; i++) {
		const struct mcol *col = &c->cols[i];
		fprintf(ms_fp, "  ");
		switch (col->kind) {
		case MCOL_LIST:
			fprintf(ms_fp, "%016" PRIx64 ",%016" PRIx64, mcol_uint(raw, col->next_off, 8),
				mcol_uint(raw, col->prev_off, 8));
			break;
		case MCOL_PTR:
			fprintf(ms_fp, "%016" PRIx64, mcol_uint(raw, col->off, col->size));
			break;
		case MCOL_HEX:
			fprintf(ms_fp, "%" PRIx64, mcol_uint(raw, col->off, col->size));
			break;
		case MCOL_DEC:
			fprintf(ms_fp, "%" PRId64, mcol_int(raw, col->off, col->size));
			break;
		case MCOL_RADIX:
			if (ms_sess.radix == 16)
				fprintf(ms_fp, "0x%" PRIx64, mcol_uint(raw, col->off, col->size));
			else if (col->is_signed)
				fprintf(ms_fp, "%" PRId64, mcol_int(raw, col->off, col->size));
			else
				fprintf(ms_fp, "%" PRIu64, mcol_uint(raw, col->off, col->size));
			break;
		case MCOL_BYTES:
			for (k = 0; k < (int)col->size && k < 32; k++)
				fprintf(ms_fp, "%02x", raw[col->off + k]);
			break;
		}
	}
	fprintf(ms_fp, "\n");
	return ms_interrupted() ? -1 : 0;
}

struct mwalk_ctx {
	struct mrow_ctx *rc;
	const struct ms_mm *mm;
	unsigned char *raw;
};

/* One page given by address (kmem -m ADDR). */
static int mrow_page(uint64_t addr, uint64_t pfn, struct mwalk_ctx *w)
{
	if (ms_readmem(addr, MS_KVADDR, w->raw, w->mm->page_struct_size, "page struct") < 0)
		return ms_cmd_fail();
	return mrow(w->raw, addr, pfn, w->rc);
}

static int kmem_members(const char *spec, struct ms_mm_addr *addrs, int naddrs)
{
	const struct ms_mm *mm = ms_mm();
	const struct ms_type *page_t = ms_type_find("struct page");
	struct mcol cols[32];
	struct mrow_ctx rc = { cols, 0, NULL };
	struct mwalk_ctx w;
	char *copy, *tok, *save = NULL, b1[32];
	int i, ret = 0;

	if (!mm || !page_t)
		return ms_cmd_fail();
	copy = strdup(spec);
	if (!copy)
		return ms_cmd_error("out of memory");
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (rc.ncols == 32 || mcol_resolve(page_t, tok, &cols[rc.ncols]) < 0) {
			ret = rc.ncols == 32 ? ms_cmd_error("too many members") : ms_cmd_fail();
			goto out;
		}
		rc.ncols++;
	}
	if (!rc.ncols) {
		ret = ms_cmd_error("no member given");
		goto out;
	}
	fprintf(ms_fp, "%s", ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, "PAGE"));
	for (i = 0; i < rc.ncols; i++)
		fprintf(ms_fp, "  %s", cols[i].name);
	fprintf(ms_fp, "\n");
	w.rc = &rc;
	w.mm = mm;
	w.raw = malloc(mm->page_struct_size);
	if (!w.raw) {
		ret = ms_cmd_error("out of memory");
		goto out;
	}
	if (!naddrs) {
		if (ms_mm_pages_walk_raw(0, mm->max_pfn, mrow, &rc, NULL) < 0)
			ret = kmem_walk_fail();
	} else {
		for (i = 0; i < naddrs; i++)
			if (addrs[i].kind != MS_MM_ADDR_NONE &&
			    mrow_page(addrs[i].page, addrs[i].pfn, &w) < 0)
				ret = -1;
	}
	free(w.raw);
out:
	for (i = 0; i < rc.ncols; i++)
		free(cols[i].name);
	free(copy);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* kmem -g                                                                */

static int kmem_flags(const char *arg)
{
	const struct ms_type *e = ms_type_find("enum pageflags");
	unsigned long long flags = 0;
	size_t i, n, maxlen = strlen("PAGE-FLAG");
	int64_t maxbit = 0;
	const char *ind = "";
	int width;
	bool any = false;

	if (!e)
		return ms_cmd_error("enum pageflags does not exist in this kernel");
	if (arg) {
		if (ms_parse_addr(arg, &flags) < 0)
			return ms_cmd_fail();
		fprintf(ms_fp, "FLAGS: %llx\n", flags);
		ind = "  ";
	}
	n = ms_type_enumerator_count(e);
	for (i = 0; i < n; i++) {
		const struct ms_enumerator *en = ms_type_enumerator(e, i);
		if (strncmp(en->name, "PG_", 3) || en->value < 0 || en->value >= 64)
			continue;
		if (strlen(en->name) > maxlen)
			maxlen = strlen(en->name);
		if (en->value > maxbit)
			maxbit = en->value;
	}
	width = ms_mm_hex_digits(1ull << maxbit);
	for (i = 0; i < n; i++) {
		const struct ms_enumerator *en = ms_type_enumerator(e, i);
		if (strncmp(en->name, "PG_", 3) || en->value < 0 || en->value >= 64)
			continue;
		if (arg && !((flags >> en->value) & 1))
			continue;
		if (!any)
			fprintf(ms_fp, "%s%-*s BIT  VALUE\n", ind, (int)maxlen, "PAGE-FLAG");
		any = true;
		fprintf(ms_fp, "%s%-*s  %2d  %0*llx\n", ind, (int)maxlen, en->name, (int)en->value,
			width, 1ull << en->value);
	}
	if (arg && !any)
		fprintf(ms_fp, "  (none found)\n");
	return 0;
}

/* ---------------------------------------------------------------------- */
/* kmem ADDR                                                              */

static int kmem_identify(const struct ms_mm_addr *ka, bool phys)
{
	const struct ms_symbol *sym;
	uint64_t off = 0;
	int printed = 0, rc;

	if (!phys && (sym = ms_symbol_containing(ka->addr, &off))) {
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
		return ms_cmd_error("%" PRIx64 ": %s address not found in mem map", ka->addr,
				    phys ? "physical" : "kernel virtual");
	}
	rc = kmem_free_search(ka, false);
	if (rc < 0)
		return ms_cmd_fail();
	if (rc > 0)
		fprintf(ms_fp, "\n");
	return kmem_pages((struct ms_mm_addr *)ka, 1, false);
}

/* ---------------------------------------------------------------------- */
/* the command                                                            */

static int usage(void)
{
	return ms_cmd_usage(&cmd_kmem);
}

static int cmd_kmem_handler(int argc, char **argv)
{
	bool f = false, F = false, p = false, g = false, i = false, z = false, n = false,
	     M = false, P = false, other = false, shared = false;
	char other_opt = 0;
	const char *m_spec = NULL;
	int mainflags = 0, c, k, rc = 0, naddr = 0;
	bool json = ms_output_mode() == MS_OUTPUT_JSON;
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
				return usage();
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
			return usage();
		}
	}
	if (mainflags > 1) {
		ms_cmd_error("only one flag allowed!");
		return usage();
	}
	naddr = argc - optind;
	if (!mainflags && !z && !n && !naddr)
		return usage();
	if (other)
		return ms_cmd_error("-%c: not supported by this version of kmem", other_opt);
	if (naddr && (z || n || i || F || M) && !g) {
		ms_cmd_error("no address arguments allowed with this option");
		return usage();
	}
	if (g) {
		if (naddr > 1)
			return usage();
		return kmem_flags(naddr ? argv[optind] : NULL);
	}
	if (!ms_mm())
		return ms_cmd_fail();
	if (naddr) {
		addrs = calloc((size_t)naddr, sizeof(*addrs));
		if (!addrs)
			return ms_cmd_error("out of memory");
		for (k = 0; k < naddr; k++) {
			unsigned long long v;
			if (ms_parse_addr(argv[optind + k], &v) < 0) {
				free(addrs);
				/* a word that is not hex would be a slab name: -s only */
				return usage();
			}
			ms_mm_resolve(v, P, &addrs[k]);
		}
	}
	if (z)
		rc |= kmem_zones(json && !naddr);
	if (n)
		rc |= kmem_nodes();
	if (f || F) {
		if (!naddr) {
			rc |= kmem_free(F, json);
		} else {
			for (k = 0; k < naddr; k++) {
				if (addrs[k].kind == MS_MM_ADDR_NONE) {
					rc |= ms_cmd_error("%" PRIx64 ": %s address not found in mem map",
							   addrs[k].addr, P ? "physical" : "kernel virtual");
					continue;
				}
				if (kmem_free_search(&addrs[k], true) < 0)
					rc |= ms_cmd_fail();
			}
		}
	} else if (p) {
		int good = 0;
		for (k = 0; k < naddr; k++) {
			if (addrs[k].kind == MS_MM_ADDR_NONE)
				rc |= ms_cmd_error("%" PRIx64 ": %s address not found in mem map",
						   addrs[k].addr, P ? "physical" : "kernel virtual");
			else
				good++;
		}
		if (!naddr || good)
			rc |= kmem_pages(addrs, naddr, json);
	} else if (m_spec) {
		for (k = 0; k < naddr; k++)
			if (addrs[k].kind == MS_MM_ADDR_NONE)
				rc |= ms_cmd_error("%" PRIx64 ": %s address not found in mem map",
						   addrs[k].addr, P ? "physical" : "kernel virtual");
		rc |= kmem_members(m_spec, addrs, naddr);
	} else if (i) {
		rc |= kmem_info(json, shared);
	} else if (M) {
		rc |= kmem_map();
	} else if (naddr) {
		for (k = 0; k < naddr; k++)
			rc |= kmem_identify(&addrs[k], P);
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
"\n"
"  EXAMPLES\n"
"    mmscope> kmem -f\n"
"    mmscope> kmem -p 200000100000\n"
"    mmscope> kmem -g 400\n"
"    mmscope> kmem -f | grep nr_free_pages\n",
	.options = kmem_options,
};
