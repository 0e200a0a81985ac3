/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * slabinfo.c - the text of /proc/slabinfo (version 2.1), from the dump: the
 * kernel's print_slabinfo_header() and cache_show() over get_slabinfo()'s
 * figures (core/slab.c: ms_slab_cache_slabinfo()).  There, unlike in
 * kmem -s, objects in the array caches count as active.  A kernel built
 * with CONFIG_DEBUG_SLAB (kmem_cache has num_allocations) adds the
 * globalstat and cpustat columns, read from the cache's statistics.  On a
 * SLUB kernel the figures are mm/slub.c's get_slabinfo()'s (core/slub.c).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd/kmem.h"
#include "core/command.h"
#include "core/error.h"
#include "core/field.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"
#include "core/slab.h"
#include "core/types.h"

extern const struct ms_command cmd_slabinfo;

/* CONFIG_DEBUG_SLAB's statistics, in slabinfo_show_stats()'s order */
static const char *const globalstat[] = {
	"num_allocations", "high_mark", "grown", "reaped", "errors", "max_freeable",
	"node_allocs", "node_frees", "node_overflow",
};
static const char *const cpustat[] = { "allochit", "allocmiss", "freehit", "freemiss" };

static void on_problem(const struct ms_slab_cache *c, const struct ms_slab_problem *p, void *arg)
{
	ms_cmd_error(arg, "\"%s\" cache %" PRIx64 ": %s", c->name, c->addr, p->message);
}

int slabinfo_caches(struct ms_session *sess, struct ms_slab_cache **ret, size_t *nr_ret)
{
	struct ms_error *err = ms_slab_caches_counted(sess->prog, on_problem, sess, ret, nr_ret);

	return err ? ms_cmd_fail(sess, err) : 0;
}

/* Member @name of the kmem_cache at @addr; an atomic_t's counter. */
static struct ms_error *stat_read(struct ms_program *prog, const struct ms_type *t, uint64_t addr,
				  const char *name, uint64_t *ret)
{
	struct ms_error *err = ms_member_read_u64(prog, t, addr, name, ret);

	if (ms_error_catch(&err, MS_ERR_LOOKUP)) {
		char path[64];

		snprintf(path, sizeof(path), "%s.counter", name);
		err = ms_member_read_u64(prog, t, addr, path, ret);
	}
	return err;
}

static int cmd_slabinfo_handler(struct ms_session *sess, int argc, char **argv)
{
	struct ms_program *prog = sess->prog;
	const struct ms_type *cache_t;
	const struct ms_field *f;
	struct ms_record *doc = NULL, *root = NULL;
	struct ms_slab_cache *v;
	size_t nr;
	bool stats;
	int c, rc = 0;
	struct ms_error *err;

	while ((c = ms_getopt(sess, argc, argv)) != -1)
		return ms_cmd_usage(sess, NULL);
	if (optind < argc)
		return ms_cmd_usage(sess, NULL);
	if (slabinfo_caches(sess, &v, &nr))
		return -1;
	cache_t = ms_type_get(prog, "struct kmem_cache");
	stats = cache_t && ms_error_ok(ms_field_find(prog, cache_t, "num_allocations", &f));
	if (ms_json(sess)) {
		doc = ms_record_create();
		ms_record_add_bool(doc, "statistics", stats);
		root = ms_record_add_list(doc, "caches");
	} else {
		fprintf(ms_fp, "slabinfo - version: 2.1%s\n", stats ? " (statistics)" : "");
		fprintf(ms_fp, "# name            <active_objs> <num_objs> <objsize> <objperslab> "
			"<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
			"<active_slabs> <num_slabs> <sharedavail>");
		if (stats)
			fprintf(ms_fp, " : globalstat <listallocs> <maxobjs> <grown> <reaped> <error> "
				"<maxfreeable> <nodeallocs> <remotefrees> <alienoverflow> : cpustat "
				"<allochit> <allocmiss> <freehit> <freemiss>");
		fprintf(ms_fp, "\n");
	}
	for (size_t i = 0; i < nr; i++) {
		struct ms_slab_cache *cp = &v[i];
		uint64_t gs[9] = { 0 }, cs[4] = { 0 };
		struct ms_slabinfo si;

		if (cp->incomplete) {
			rc = ms_cmd_error(sess, "%s: cannot gather relevant slab data", cp->name);
			continue;
		}
		ms_slab_cache_slabinfo(cp, &si);
		if (si.error)
			ms_warn(sess, "slab: cache %s error: %s", cp->name, si.error);
		for (size_t k = 0; stats && !err && k < 9; k++)
			err = stat_read(prog, cache_t, cp->addr, globalstat[k], &gs[k]);
		for (size_t k = 0; stats && !err && k < 4; k++)
			err = stat_read(prog, cache_t, cp->addr, cpustat[k], &cs[k]);
		if (err) {
			rc = ms_cmd_fail(sess, ms_error_prepend(err, "%s", cp->name));
			err = NULL;
			continue;
		}
		if (root) {
			struct ms_record *o = ms_record_append_record(root);

			ms_record_add_str(o, "name", cp->name);
			ms_record_add_u64(o, "active_objs", si.active_objs);
			ms_record_add_u64(o, "num_objs", si.num_objs);
			ms_record_add_u64(o, "objsize", si.objsize);
			ms_record_add_u64(o, "objperslab", si.objperslab);
			ms_record_add_u64(o, "pagesperslab", si.pagesperslab);
			ms_record_add_u64(o, "limit", si.limit);
			ms_record_add_u64(o, "batchcount", si.batchcount);
			ms_record_add_u64(o, "sharedfactor", si.shared);
			ms_record_add_u64(o, "active_slabs", si.active_slabs);
			ms_record_add_u64(o, "num_slabs", si.num_slabs);
			ms_record_add_u64(o, "sharedavail", si.shared_avail);
			continue;
		}
		/* cache_show() */
		fprintf(ms_fp, "%-17s %6" PRIu64 " %6" PRIu64 " %6" PRIu64 " %4" PRIu64 " %4" PRIu64,
			cp->name, si.active_objs, si.num_objs, si.objsize, si.objperslab, si.pagesperslab);
		fprintf(ms_fp, " : tunables %4" PRIu64 " %4" PRIu64 " %4" PRIu64, si.limit, si.batchcount,
			si.shared);
		fprintf(ms_fp, " : slabdata %6" PRIu64 " %6" PRIu64 " %6" PRIu64, si.active_slabs,
			si.num_slabs, si.shared_avail);
		if (stats) {
			fprintf(ms_fp, " : globalstat %7" PRIu64 " %6" PRIu64 " %5" PRIu64 " %4" PRIu64
				" %4" PRIu64 " %4" PRIu64 " %4" PRIu64 " %4" PRIu64 " %4" PRIu64,
				gs[0], gs[1], gs[2], gs[3], gs[4], gs[5], gs[6], gs[7], gs[8]);
			fprintf(ms_fp, " : cpustat %6" PRIu64 " %6" PRIu64 " %6" PRIu64 " %6" PRIu64,
				cs[0], cs[1], cs[2], cs[3]);
		}
		fprintf(ms_fp, "\n");
	}
	if (doc)
		ms_emit(sess, doc, NULL, NULL);
	free(v);
	return rc;
}

static const struct ms_option slabinfo_options[] = { { 0 } };

const struct ms_command cmd_slabinfo = {
	.name = "slabinfo",
	.handler = cmd_slabinfo_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.summary = "slab caches, as /proc/slabinfo",
	.synopsis = "slabinfo",
	.options = slabinfo_options,
	.help =
"  Prints what /proc/slabinfo (version 2.1) would have shown on the dumped\n"
"  system, by the kernel's rules.  SLAB: active_objs counts the objects of\n"
"  full slabs and page.active of partial ones, so objects in the per-CPU\n"
"  and shared arrays count as active here (kmem -s counts them free); with\n"
"  CONFIG_DEBUG_SLAB the globalstat and cpustat columns follow.  SLUB:\n"
"  num_objs and the slabs are the nodes' total_objects and nr_slabs, and\n"
"  active_objs leaves out only the free objects of the nodes' partial\n"
"  lists (a CPU's freelist counts as active); tunables and sharedavail\n"
"  are 0.  With --json\n"
"  or \"set output json\", the same figures (\"caches\": name, active_objs,\n"
"  num_objs, objsize, objperslab, pagesperslab, limit, batchcount,\n"
"  sharedfactor, active_slabs, num_slabs, sharedavail).\n"
"\n"
"  EXAMPLE\n"
"    mmscope> slabinfo | grep dentry\n"
"    dentry             10348  14154    192   21    1 : tunables  120   60    8 : slabdata    674    674    384\n",
};
