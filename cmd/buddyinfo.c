/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * buddyinfo.c - the text of /proc/buddyinfo, from the dump: for every
 * populated zone, free_area[order].nr_free for each order (the kernel's
 * frag_show_print(): "Node %d, zone %8s " then "%6lu " per order).
 */
#include <inttypes.h>
#include <stdio.h>

#include "cmd/kmem.h"
#include "core/command.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"

/* crash's text: one line per zone, "%6lu " per order. */
static void buddyinfo_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	const struct ms_record_field *zones = ms_record_get(rec, "zones");

	(void)sess;
	(void)arg;
	for (size_t i = 0; i < zones->rec->nr_fields; i++) {
		const struct ms_record *z = zones->rec->fields[i].rec;
		const struct ms_record *nr_free = ms_record_get(z, "nr_free")->rec;

		fprintf(ms_fp, "Node %" PRId64 ", zone %8s ", ms_record_get_s64(z, "node", 0),
			ms_record_get_str(z, "zone", ""));
		for (size_t o = 0; o < nr_free->nr_fields; o++)
			fprintf(ms_fp, "%6" PRIu64 " ", nr_free->fields[o].u);
		fprintf(ms_fp, "\n");
	}
}

static int cmd_buddyinfo_handler(struct ms_session *sess, int argc, char **argv)
{
	struct ms_program *prog = sess->prog;
	const struct ms_mm *mm;
	struct ms_record *rec, *zones;
	int ni, zi, o;
	struct ms_error *err;

	if (ms_getopt(sess, argc, argv) != -1 || optind < argc)
		return ms_cmd_usage(sess, NULL);
	err = ms_mm(prog, MS_MM_ZONES, &mm);
	if (err)
		return ms_cmd_fail(sess, err);
	rec = ms_record_create();
	zones = ms_record_add_list(rec, "zones");
	for (ni = 0; ni < mm->nr_nodes; ni++) {
		for (zi = 0; zi < mm->nodes[ni].nr_zones; zi++) {
			const struct ms_mm_zone *z = &mm->nodes[ni].zones[zi];
			struct ms_record *jz, *a;

			if (!ms_mm_zone_populated(z))	/* populated_zone() */
				continue;
			jz = ms_record_append_record(zones);
			kmem_zone_ident(jz, z);
			a = ms_record_add_list(jz, "nr_free");
			for (o = 0; o < mm->max_order; o++)
				ms_record_append_u64(a, z->nr_free[o]);
		}
	}
	ms_emit(sess, rec, buddyinfo_text, NULL);
	return 0;
}

const struct ms_command cmd_buddyinfo = {
	.name = "buddyinfo",
	.handler = cmd_buddyinfo_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.summary = "free blocks per zone and order, as /proc/buddyinfo",
	.synopsis = "buddyinfo",
	.help =
"  Prints what /proc/buddyinfo would have shown on the dumped system: for each\n"
"  populated zone of each node, the number of free blocks of each order\n"
"  (free_area[order].nr_free).  With --json or \"set output json\", one JSON document\n"
"  whose \"zones\" list holds node, zone, zone_index, address (the struct\n"
"  zone) and nr_free per order.\n"
"\n"
"  EXAMPLE\n"
"    mmscope> buddyinfo\n"
"    Node 0, zone      DMA      1      1      1      0      0      0      0      0      1      0      0 \n"
"    Node 0, zone    DMA32      2     33     16      2      3      2      0      2      1      5     15 \n",
};
