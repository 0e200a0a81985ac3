/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * buddyinfo.c - the text of /proc/buddyinfo, from the dump: for every
 * populated zone, free_area[order].nr_free for each order (the kernel's
 * frag_show_print(): "Node %d, zone %8s " then "%6lu " per order).
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>

#include <json-c/json.h>

#include "cmd/kmem.h"
#include "core/command.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/session.h"

extern const struct ms_command cmd_buddyinfo;

static int cmd_buddyinfo_handler(struct ms_session *sess, int argc, char **argv)
{
	struct ms_program *prog = sess->prog;
	const struct ms_mm *mm;
	struct json_object *root = NULL;
	int c, ni, zi, o;
	struct ms_error *err;

	optind = 0;
	while ((c = getopt(argc, argv, "")) != -1)
		return ms_cmd_usage(sess, &cmd_buddyinfo);
	if (optind < argc)
		return ms_cmd_usage(sess, &cmd_buddyinfo);
	err = ms_mm(prog, MS_MM_ZONES, &mm);
	if (err)
		return ms_cmd_fail(sess, err);
	if (sess->output_mode == MS_OUTPUT_JSON)
		root = json_object_new_array();
	for (ni = 0; ni < mm->nr_nodes; ni++) {
		for (zi = 0; zi < mm->nodes[ni].nr_zones; zi++) {
			const struct ms_mm_zone *z = &mm->nodes[ni].zones[zi];

			if (!ms_mm_zone_populated(z))	/* populated_zone() */
				continue;
			if (root) {
				struct json_object *jz = json_object_new_object();
				struct json_object *a = json_object_new_array();
				json_object_object_add(jz, "node", json_object_new_int(z->nid));
				json_object_object_add(jz, "zone", json_object_new_string(z->name));
				for (o = 0; o < mm->max_order; o++)
					json_object_array_add(a, json_object_new_int64((int64_t)z->nr_free[o]));
				json_object_object_add(jz, "nr_free", a);
				json_object_array_add(root, jz);
				continue;
			}
			fprintf(ms_fp, "Node %d, zone %8s ", z->nid, z->name);
			for (o = 0; o < mm->max_order; o++)
				fprintf(ms_fp, "%6" PRIu64 " ", z->nr_free[o]);
			fprintf(ms_fp, "\n");
		}
	}
	if (root) {
		kmem_json_print(root);
		json_object_put(root);
	}
	return 0;
}

const struct ms_command cmd_buddyinfo = {
	.name = "buddyinfo",
	.handler = cmd_buddyinfo_handler,
	.summary = "free blocks per zone and order, as /proc/buddyinfo",
	.synopsis = "buddyinfo",
	.help =
"  Prints what /proc/buddyinfo would have shown on the dumped system: for each\n"
"  populated zone of each node, the number of free blocks of each order\n"
"  (free_area[order].nr_free).  With --json or \"set output json\", a JSON array.\n"
"\n"
"  EXAMPLE\n"
"    mmscope> buddyinfo\n"
"    Node 0, zone      DMA      1      1      0      1      2      1      1      0      1      1      3 \n",
};
