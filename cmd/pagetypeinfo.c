/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pagetypeinfo.c - the text of /proc/pagetypeinfo, from the dump (beyond
 * crash): the pageblock size, free blocks per order for every migratetype
 * (counted by walking free_area[order].free_list[type], as the kernel's
 * pagetypeinfo_showfree_print() does) and, when the zones carry their
 * pageblock bitmap, the number of pageblocks of each type.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd/kmem.h"
#include "core/command.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"

extern const struct ms_command cmd_pagetypeinfo;

/*
 * Count the pageblocks of @p z by migratetype into @p count
 * (mm->nr_migratetypes of them); false if the bitmap cannot be read.
 */
static bool zone_block_counts(struct ms_program *prog, const struct ms_mm *mm,
			      const struct ms_mm_zone *z, uint64_t *count)
{
	uint64_t pfn, step = 1ull << mm->pageblock_order;

	for (pfn = z->start_pfn & ~(step - 1); pfn < z->start_pfn + z->spanned; pfn += step) {
		uint64_t p = pfn < z->start_pfn ? z->start_pfn : pfn;
		int mt;
		struct ms_error *err = ms_mm_pageblock_migratetype(prog, z, p, &mt);

		if (err) {
			ms_error_destroy(err);
			return false;
		}
		if (mt < mm->nr_migratetypes)
			count[mt]++;
	}
	return true;
}

/*
 * The pageblocks of each migratetype, per populated zone.  A zone without
 * a bitmap (or one the dump does not hold) ends the table quietly, as the
 * kernel prints nothing for it.
 */
static int print_block_counts(struct ms_session *sess, const struct ms_mm *mm)
{
	struct ms_program *prog = sess->prog;
	int ni, zi, t, printed = 0;

	for (ni = 0; ni < mm->nr_nodes; ni++) {
		for (zi = 0; zi < mm->nodes[ni].nr_zones; zi++) {
			const struct ms_mm_zone *z = &mm->nodes[ni].zones[zi];
			uint64_t *count;

			if (!ms_mm_zone_populated(z))
				continue;
			count = calloc((size_t)mm->nr_migratetypes, sizeof(*count));
			if (!count)
				return ms_cmd_error(sess, "out of memory");
			if (!zone_block_counts(prog, mm, z, count)) {
				free(count);
				return printed;
			}
			if (!printed++) {
				fprintf(ms_fp, "\n%-23s", "Number of blocks type ");
				for (t = 0; t < mm->nr_migratetypes; t++)
					fprintf(ms_fp, "%12s ", mm->mt_names[t]);
				fprintf(ms_fp, "\n");
			}
			fprintf(ms_fp, "Node %d, zone %8s ", z->nid, z->name);
			for (t = 0; t < mm->nr_migratetypes; t++)
				fprintf(ms_fp, "%12" PRIu64 " ", count[t]);
			fprintf(ms_fp, "\n");
			free(count);
		}
	}
	return printed;
}

/*
 * --json: one document, "pageblock_order" and "pages_per_block" (null when
 * unknown), "migratetypes" (the names), and "zones", a record per populated
 * zone: "node", "zone", "zone_index", "address" (kmem_zone_ident()), "free"
 * (per migratetype, the free blocks of each order) and "blocks" (pageblocks
 * per migratetype; null when the bitmap cannot be read or the pageblock
 * order is unknown).
 */
static int pagetypeinfo_json(struct ms_session *sess, const struct ms_mm *mm)
{
	struct ms_record *rec = ms_record_create(), *list, *zones;
	int ni, zi, o, t, rc = 0;

	ms_record_add_opt_s64(rec, "pageblock_order", mm->pageblock_order >= 0, mm->pageblock_order);
	ms_record_add_opt_s64(rec, "pages_per_block", mm->pageblock_order >= 0,
			      mm->pageblock_order >= 0 ? 1ll << mm->pageblock_order : 0);
	ms_record_add_s64(rec, "max_order", mm->max_order);
	list = ms_record_add_list(rec, "migratetypes");
	for (t = 0; t < mm->nr_migratetypes; t++)
		ms_record_append_str(list, mm->mt_names[t]);
	zones = ms_record_add_list(rec, "zones");
	for (ni = 0; ni < mm->nr_nodes; ni++) {
		for (zi = 0; zi < mm->nodes[ni].nr_zones; zi++) {
			const struct ms_mm_zone *z = &mm->nodes[ni].zones[zi];
			struct ms_mm_zone_free zf;
			struct ms_record *jz, *free_l;
			uint64_t *count;

			if (!ms_mm_zone_populated(z))
				continue;
			if (kmem_zone_walk(sess, z, &zf, false, false) < 0) {
				ms_mm_zone_free_release(&zf);
				ms_record_destroy(rec);
				return -1;
			}
			if (zf.broken)
				rc = -1;
			jz = ms_record_append_record(zones);
			kmem_zone_ident(jz, z);
			free_l = ms_record_add_list(jz, "free");
			for (t = 0; t < mm->nr_migratetypes; t++) {
				struct ms_record *f = ms_record_append_record(free_l), *c;

				ms_record_add_str(f, "migratetype", mm->mt_names[t]);
				c = ms_record_add_list(f, "counts");
				for (o = 0; o < mm->max_order; o++)
					ms_record_append_u64(c, zf.blocks[o * mm->nr_migratetypes + t]);
			}
			ms_mm_zone_free_release(&zf);
			count = calloc((size_t)mm->nr_migratetypes, sizeof(*count));
			if (!count) {
				ms_record_destroy(rec);
				return ms_cmd_error(sess, "out of memory");
			}
			if (mm->pageblock_order >= 0 && zone_block_counts(sess->prog, mm, z, count)) {
				struct ms_record *b = ms_record_add_record(jz, "blocks");

				for (t = 0; t < mm->nr_migratetypes; t++)
					ms_record_add_u64(b, mm->mt_names[t], count[t]);
			} else {
				ms_record_add_null(jz, "blocks");
			}
			free(count);
		}
	}
	ms_emit(sess, rec, NULL, NULL);
	if (mm->pageblock_order < 0)
		ms_note(sess, "pageblock lines left out: %s", MS_MM_PAGEBLOCK_UNKNOWN_NOTE);
	if (mm->buddy_rule == MS_MM_BUDDY_UNKNOWN)
		ms_note(sess, "free-list entries not checked for the buddy mark: %s",
			MS_MM_BUDDY_UNKNOWN_NOTE);
	return rc;
}

static int cmd_pagetypeinfo_handler(struct ms_session *sess, int argc, char **argv)
{
	struct ms_program *prog = sess->prog;
	const struct ms_mm *mm;
	int c, ni, zi, o, t, rc = 0;
	struct ms_error *err;

	while ((c = ms_getopt(sess, argc, argv)) != -1)
		return ms_cmd_usage(sess, &cmd_pagetypeinfo);
	if (optind < argc)
		return ms_cmd_usage(sess, &cmd_pagetypeinfo);
	err = ms_mm(prog, MS_MM_ZONES | MS_MM_PAGES, &mm);
	if (err)
		return ms_cmd_fail(sess, err);
	if (ms_json(sess))
		return pagetypeinfo_json(sess, mm);
	if (mm->pageblock_order >= 0) {
		fprintf(ms_fp, "Page block order: %d\n", mm->pageblock_order);
		fprintf(ms_fp, "Pages per block:  %" PRIu64 "\n\n", (uint64_t)1 << mm->pageblock_order);
	}
	fprintf(ms_fp, "%-43s ", "Free pages count per migrate type at order");
	for (o = 0; o < mm->max_order; o++)
		fprintf(ms_fp, "%6d ", o);
	fprintf(ms_fp, "\n");
	for (ni = 0; ni < mm->nr_nodes; ni++) {
		for (zi = 0; zi < mm->nodes[ni].nr_zones; zi++) {
			const struct ms_mm_zone *z = &mm->nodes[ni].zones[zi];
			struct ms_mm_zone_free zf;

			if (!ms_mm_zone_populated(z))
				continue;
			if (kmem_zone_walk(sess, z, &zf, false, false) < 0) {
				ms_mm_zone_free_release(&zf);
				return ms_interrupted() ? 0 : -1;
			}
			if (zf.broken)
				rc = -1;
			for (t = 0; t < mm->nr_migratetypes; t++) {
				fprintf(ms_fp, "Node %4d, zone %8s, type %12s ", z->nid, z->name,
					mm->mt_names[t]);
				for (o = 0; o < mm->max_order; o++)
					fprintf(ms_fp, "%6" PRIu64 " ", zf.blocks[o * mm->nr_migratetypes + t]);
				fprintf(ms_fp, "\n");
			}
			ms_mm_zone_free_release(&zf);
		}
	}
	if (mm->pageblock_order >= 0 && print_block_counts(sess, mm) < 0)
		rc = -1;
	if (mm->pageblock_order < 0)
		ms_note(sess, "pageblock lines left out: %s", MS_MM_PAGEBLOCK_UNKNOWN_NOTE);
	if (mm->buddy_rule == MS_MM_BUDDY_UNKNOWN)
		ms_note(sess, "free-list entries not checked for the buddy mark: %s",
			MS_MM_BUDDY_UNKNOWN_NOTE);
	return rc && ms_interrupted() ? 0 : rc;
}

const struct ms_command cmd_pagetypeinfo = {
	.name = "pagetypeinfo",
	.handler = cmd_pagetypeinfo_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.summary = "free blocks per order and migratetype, as /proc/pagetypeinfo",
	.synopsis = "pagetypeinfo",
	.help =
"  Prints what /proc/pagetypeinfo would have shown on the dumped system: the\n"
"  pageblock order, then for every populated zone and every migratetype the\n"
"  number of free blocks of each order (walking free_area[order].free_list[type]),\n"
"  then the number of pageblocks of each migratetype (from zone->pageblock_flags).\n"
"  Migratetype names come from the dump (migratetype_names[] or enum migratetype).\n"
"  pageblock_order is the kernel's variable or VMCOREINFO's NUMBER(pageblock_order);\n"
"  without either, the pageblock lines are left out and a NOTE says so.\n"
"\n"
"  With --json, one document: \"pageblock_order\", \"pages_per_block\",\n"
"  \"max_order\", \"migratetypes\" and \"zones\", a record per populated zone\n"
"  with \"node\", \"zone\", \"zone_index\", \"address\" (the struct zone),\n"
"  \"free\" (per migratetype, the free blocks of each order) and \"blocks\"\n"
"  (pageblocks per migratetype, or null).\n"
"\n"
"  EXAMPLE\n"
"    mmscope> pagetypeinfo\n",
};
