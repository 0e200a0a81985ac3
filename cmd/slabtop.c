/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * slabtop.c - procps's slabtop, printed once (slabtop -o), from the dump:
 * the summary of every cache's /proc/slabinfo figures, then one row per
 * cache sorted by a key (slabtop's -s letters).  Ties keep slab_caches
 * order, as slabtop's stable sort keeps /proc/slabinfo's.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/kmem.h"
#include "core/command.h"
#include "core/error.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"
#include "core/slab.h"

extern const struct ms_command cmd_slabtop;

struct row {
	const char *name;
	struct ms_slabinfo si;
	uint64_t cache_size;	/* bytes: pages per slab * slabs * page size */
	unsigned use;		/* percent of objects active */
	size_t order;		/* position on slab_caches */
};

static char sort_key;		/* only during qsort(); commands run one at a time */

static uint64_t key_of(const struct row *r)
{
	switch (sort_key) {
	case 'a': return r->si.active_objs;
	case 'b': return r->si.objperslab;
	case 'c': return r->cache_size;
	case 'l': return r->si.num_slabs;
	case 'v': return r->si.active_slabs;
	case 'p': return r->si.pagesperslab;
	case 's': return r->si.objsize;
	case 'u': return r->use;
	default: return r->si.num_objs;	/* 'o' */
	}
}

static int cmp_row(const void *a, const void *b)
{
	const struct row *p = a, *q = b;

	if (sort_key == 'n') {
		int d = strcmp(p->name, q->name);

		if (d)
			return d;
	} else if (key_of(p) != key_of(q)) {
		return key_of(p) < key_of(q) ? 1 : -1;
	}
	return p->order < q->order ? -1 : p->order > q->order;
}

static double pct(uint64_t a, uint64_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0.0;
}

static int cmd_slabtop_handler(struct ms_session *sess, int argc, char **argv)
{
	struct ms_slab_cache *v;
	struct row *rows;
	size_t nr, nrows = 0;
	uint64_t objs = 0, active = 0, slabs = 0, aslabs = 0, acaches = 0, size = 0, asize = 0;
	uint64_t minsz = UINT64_MAX, maxsz = 0;
	char key = 'o';
	int c, rc = 0;

	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		switch (c) {
		case 's':
			if (strlen(optarg) != 1 || !strchr("abclvnopsu", optarg[0]))
				return ms_cmd_error(sess, "invalid sort criteria: %s "
						    "(one of a b c l v n o p s u)", optarg);
			key = optarg[0];
			break;
		case 'o':
			break;	/* always once */
		default:
			return ms_cmd_usage(sess, NULL);
		}
	}
	if (optind < argc)
		return ms_cmd_usage(sess, NULL);
	if (slabinfo_caches(sess, &v, &nr))
		return -1;
	rows = calloc(nr ? nr : 1, sizeof(*rows));
	if (!rows) {
		free(v);
		return ms_cmd_fail(sess, &ms_enomem);
	}
	for (size_t i = 0; i < nr; i++) {
		struct row *r = &rows[nrows];

		if (v[i].incomplete) {
			rc = ms_cmd_error(sess, "%s: cannot gather relevant slab data", v[i].name);
			continue;
		}
		r->name = v[i].name;
		r->order = i;
		ms_slab_cache_slabinfo(&v[i], &r->si);
		r->cache_size = r->si.num_slabs * v[i].slab_size;
		r->use = r->si.num_objs ? (unsigned)(100 * r->si.active_objs / r->si.num_objs) : 0;
		objs += r->si.num_objs;
		active += r->si.active_objs;
		slabs += r->si.num_slabs;
		aslabs += r->si.active_slabs;
		acaches += r->si.active_objs != 0;
		size += r->si.num_objs * r->si.objsize;
		asize += r->si.active_objs * r->si.objsize;
		if (r->si.objsize < minsz)
			minsz = r->si.objsize;
		if (r->si.objsize > maxsz)
			maxsz = r->si.objsize;
		nrows++;
	}
	if (!nrows)
		minsz = 0;
	sort_key = key;
	qsort(rows, nrows, sizeof(*rows), cmp_row);
	if (ms_json(sess)) {
		struct ms_record *root = ms_record_create(), *a;

		ms_record_add_u64(root, "active_objs", active);
		ms_record_add_u64(root, "num_objs", objs);
		ms_record_add_u64(root, "active_slabs", aslabs);
		ms_record_add_u64(root, "num_slabs", slabs);
		ms_record_add_u64(root, "active_caches", acaches);
		ms_record_add_u64(root, "num_caches", nrows);
		ms_record_add_u64(root, "active_size", asize);
		ms_record_add_u64(root, "total_size", size);
		a = ms_record_add_list(root, "caches");
		for (size_t i = 0; i < nrows; i++) {
			struct ms_record *o = ms_record_append_record(a);

			ms_record_add_str(o, "name", rows[i].name);
			ms_record_add_u64(o, "objs", rows[i].si.num_objs);
			ms_record_add_u64(o, "active", rows[i].si.active_objs);
			ms_record_add_u64(o, "use", rows[i].use);
			ms_record_add_u64(o, "obj_size", rows[i].si.objsize);
			ms_record_add_u64(o, "slabs", rows[i].si.num_slabs);
			ms_record_add_u64(o, "obj_per_slab", rows[i].si.objperslab);
			ms_record_add_u64(o, "cache_size", rows[i].cache_size);
		}
		ms_emit(sess, root, NULL, NULL);
		goto out;
	}
	fprintf(ms_fp, " Active / Total Objects (%% used)    : %" PRIu64 " / %" PRIu64 " (%.1f%%)\n",
		active, objs, pct(active, objs));
	fprintf(ms_fp, " Active / Total Slabs (%% used)      : %" PRIu64 " / %" PRIu64 " (%.1f%%)\n",
		aslabs, slabs, pct(aslabs, slabs));
	fprintf(ms_fp, " Active / Total Caches (%% used)     : %" PRIu64 " / %zu (%.1f%%)\n",
		acaches, nrows, pct(acaches, nrows));
	fprintf(ms_fp, " Active / Total Size (%% used)       : %.2fK / %.2fK (%.1f%%)\n",
		(double)asize / 1024.0, (double)size / 1024.0, pct(asize, size));
	/* slabtop's average is a whole number of bytes */
	fprintf(ms_fp, " Minimum / Average / Maximum Object : %.2fK / %.2fK / %.2fK\n\n",
		(double)minsz / 1024.0, objs ? (double)(size / objs) / 1024.0 : 0.0,
		(double)maxsz / 1024.0);
	fprintf(ms_fp, "%6s %6s %4s %8s %6s %8s %10s %-23s\n", "OBJS", "ACTIVE", "USE", "OBJ SIZE",
		"SLABS", "OBJ/SLAB", "CACHE SIZE", "NAME");
	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];

		fprintf(ms_fp, "%6" PRIu64 " %6" PRIu64 " %3u%% %7.2fK %6" PRIu64 " %8" PRIu64
			" %9" PRIu64 "K %-23s\n", r->si.num_objs, r->si.active_objs, r->use,
			(double)r->si.objsize / 1024.0, r->si.num_slabs, r->si.objperslab,
			r->cache_size / 1024, r->name);
	}
out:
	free(rows);
	free(v);
	return rc;
}

static const struct ms_option slabtop_options[] = {
	{ .letter = 'o', .arg = MS_OPT_NOARG, .help = "print once (always so here)" },
	{ .letter = 's', .arg = MS_OPT_ARG, .argname = "key", .help = "sort by a b c l v n o p s or u, as slabtop -s" },
	{ 0 },
};

const struct ms_command cmd_slabtop = {
	.name = "slabtop",
	.handler = cmd_slabtop_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.summary = "slab caches summary and table, as slabtop -o",
	.synopsis = "slabtop [-o] [-s a|b|c|l|v|n|o|p|s|u]",
	.help =
"  Prints what \"slabtop -o\" (procps) would have shown once on the dumped\n"
"  system, from its /proc/slabinfo figures (see slabinfo): active and total\n"
"  objects, slabs, caches and bytes, the smallest, average and largest\n"
"  object, then one row per cache.  -s sorts the rows as slabtop's -s does:\n"
"  a active objects, b objects per slab, c cache size, l slabs, v active\n"
"  slabs, n name, o objects (the default), p pages per slab, s object size,\n"
"  u use; biggest first, the name A to Z, ties in slab_caches order.  -o is\n"
"  accepted for slabtop's sake: the table is always printed once.\n"
"  With --json or \"set output json\", the same figures as JSON.\n"
"\n"
"  EXAMPLE\n"
"    mmscope> slabtop -s c | head -12\n",
	.options = slabtop_options,
};
