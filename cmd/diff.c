/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * diff.c - "mmscope diff OLD NEW": what changed between two dumps of the
 * same kernel, for leak triage.  Both dumps are open at once, each in its
 * own struct ms_program; nothing of one is kept in the other.
 *
 * Caches are matched by name.  A cache is listed when its allocated
 * objects (kmem -s's ALLOCATED), its slabs or its bytes (slabs * slab size)
 * changed, biggest growth in bytes first (then in objects, then by name);
 * a cache only one dump has is listed with the other side's figures 0 and
 * marked.  Then the buddy allocator's free pages per node, zone and order,
 * before and after, for every order whose count changed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/command.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/record.h"
#include "core/slab.h"

struct side {
	const struct ms_slab_cache *c;	/* NULL: not in this dump */
};

struct change {
	const char *name;
	struct side old, new;
	int64_t d_objs, d_slabs, d_bytes;
};

static int64_t objs(const struct ms_slab_cache *c)
{
	return c ? (int64_t)c->active_objs : 0;
}

static int64_t slabs(const struct ms_slab_cache *c)
{
	return c ? (int64_t)c->num_slabs : 0;
}

static int64_t bytes(const struct ms_slab_cache *c)
{
	return c ? (int64_t)(c->num_slabs * c->slab_size) : 0;
}

static int cmp_change(const void *a, const void *b)
{
	const struct change *p = a, *q = b;

	if (p->d_bytes != q->d_bytes)
		return p->d_bytes < q->d_bytes ? 1 : -1;
	if (p->d_objs != q->d_objs)
		return p->d_objs < q->d_objs ? 1 : -1;
	return strcmp(p->name, q->name);
}

static const struct ms_slab_cache *by_name(const struct ms_slab_cache *v, size_t nr,
					   const char *name)
{
	for (size_t i = 0; i < nr; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

static void on_problem(const struct ms_slab_cache *c, const struct ms_slab_problem *p, void *arg)
{
	fprintf(stderr, "mmscope diff: %s: \"%s\" cache %" PRIx64 ": %s\n", (const char *)arg,
		c->name, c->addr, p->message);
}

static struct ms_error *caches_diff(struct ms_program *a, struct ms_program *b,
				    const char *pa, const char *pb, struct ms_record *root)
{
	struct ms_slab_cache *va = NULL, *vb = NULL;
	size_t na = 0, nb = 0, nc = 0;
	struct change *ch = NULL;
	struct ms_record *ja = NULL;
	struct ms_error *err;

	err = ms_slab_caches_counted(a, on_problem, (void *)pa, &va, &na);
	if (err)
		return ms_error_prepend(err, "%s", pa);
	err = ms_slab_caches_counted(b, on_problem, (void *)pb, &vb, &nb);
	if (err) {
		free(va);
		return ms_error_prepend(err, "%s", pb);
	}
	ch = calloc(na + nb + 1, sizeof(*ch));
	if (!ch) {
		err = &ms_enomem;
		goto out;
	}
	for (size_t i = 0; i < na + nb; i++) {
		const struct ms_slab_cache *o = i < na ? &va[i] : NULL;
		const struct ms_slab_cache *n = i < na ? by_name(vb, nb, va[i].name) : &vb[i - na];
		struct change *c = &ch[nc];

		if (!o) {
			if (by_name(va, na, n->name))
				continue;	/* matched from the old side */
		}
		c->name = o ? o->name : n->name;
		c->old.c = o;
		c->new.c = n;
		if ((o && o->incomplete) || (n && n->incomplete)) {
			fprintf(stderr, "mmscope diff: %s: cannot gather relevant slab data\n", c->name);
			continue;
		}
		c->d_objs = objs(n) - objs(o);
		c->d_slabs = slabs(n) - slabs(o);
		c->d_bytes = bytes(n) - bytes(o);
		if (c->d_objs || c->d_slabs || c->d_bytes || !o || !n)
			nc++;
	}
	qsort(ch, nc, sizeof(*ch), cmp_change);
	if (root) {
		ja = ms_record_add_list(root, "caches");
	} else {
		fprintf(ms_fp, "SLAB CACHES THAT CHANGED (biggest growth first):\n");
		fprintf(ms_fp, "%-24s %10s %10s %10s %8s %8s %8s %12s\n", "NAME", "OBJS-OLD", "OBJS-NEW",
			"DELTA", "SLABS", "SLABS", "DELTA", "BYTES-DELTA");
	}
	for (size_t i = 0; i < nc; i++) {
		const struct change *c = &ch[i];

		if (ja) {
			struct ms_record *o = ms_record_append_record(ja);

			ms_record_add_str(o, "name", c->name);
			ms_record_add_opt_s64(o, "old_objs", c->old.c, objs(c->old.c));
			ms_record_add_opt_s64(o, "new_objs", c->new.c, objs(c->new.c));
			ms_record_add_opt_s64(o, "old_slabs", c->old.c, slabs(c->old.c));
			ms_record_add_opt_s64(o, "new_slabs", c->new.c, slabs(c->new.c));
			ms_record_add_opt_s64(o, "old_bytes", c->old.c, bytes(c->old.c));
			ms_record_add_opt_s64(o, "new_bytes", c->new.c, bytes(c->new.c));
			ms_record_add_s64(o, "delta_objs", c->d_objs);
			ms_record_add_s64(o, "delta_slabs", c->d_slabs);
			ms_record_add_s64(o, "delta_bytes", c->d_bytes);
			continue;
		}
		fprintf(ms_fp, "%-24s %10" PRId64 " %10" PRId64 " %+10" PRId64 " %8" PRId64 " %8" PRId64
			" %+8" PRId64 " %+12" PRId64 "%s\n", c->name, objs(c->old.c), objs(c->new.c),
			c->d_objs, slabs(c->old.c), slabs(c->new.c), c->d_slabs, c->d_bytes,
			!c->old.c ? "  (new cache)" : !c->new.c ? "  (gone)" : "");
	}
	if (!ja && !nc)
		fprintf(ms_fp, "  (none)\n");
out:
	free(ch);
	free(va);
	free(vb);
	return err;
}

static const struct ms_mm_zone *zone_of(const struct ms_mm *mm, int nid, const char *name)
{
	for (int n = 0; n < mm->nr_nodes; n++)
		for (int z = 0; z < mm->nodes[n].nr_zones; z++)
			if (mm->nodes[n].zones[z].nid == nid && !strcmp(mm->nodes[n].zones[z].name, name))
				return &mm->nodes[n].zones[z];
	return NULL;
}

static struct ms_error *buddy_diff(struct ms_program *a, struct ms_program *b,
				   struct ms_record *root)
{
	const struct ms_mm *ma, *mb;
	struct ms_record *ja = NULL;
	struct ms_error *err;
	int lines = 0;

	if ((err = ms_mm(a, MS_MM_ZONES, &ma)) || (err = ms_mm(b, MS_MM_ZONES, &mb)))
		return err;
	if (root) {
		ja = ms_record_add_list(root, "free_pages");
	} else {
		fprintf(ms_fp, "\nBUDDY FREE PAGES THAT CHANGED (per node, zone and order):\n");
		fprintf(ms_fp, "NODE  ZONE      ORDER  %10s %10s %10s\n", "OLD", "NEW", "DELTA");
	}
	/* every zone of either dump, old's order first */
	for (int side = 0; side < 2; side++) {
		const struct ms_mm *m = side ? mb : ma, *other = side ? ma : mb;

		for (int n = 0; n < m->nr_nodes; n++) {
			for (int z = 0; z < m->nodes[n].nr_zones; z++) {
				const struct ms_mm_zone *zs = &m->nodes[n].zones[z];
				const struct ms_mm_zone *zo = zone_of(other, zs->nid, zs->name);
				const struct ms_mm_zone *zold = side ? zo : zs, *znew = side ? zs : zo;
				int max = ma->max_order > mb->max_order ? ma->max_order : mb->max_order;

				if (side && zo)
					continue;	/* done from the old side */
				for (int o = 0; o < max; o++) {
					int64_t po = zold && o < ma->max_order ? (int64_t)(zold->nr_free[o] << o) : 0;
					int64_t pn = znew && o < mb->max_order ? (int64_t)(znew->nr_free[o] << o) : 0;

					if (po == pn)
						continue;
					lines++;
					if (ja) {
						struct ms_record *j = ms_record_append_record(ja);

						ms_record_add_s64(j, "node", zs->nid);
						ms_record_add_str(j, "zone", zs->name);
						ms_record_add_s64(j, "order", o);
						ms_record_add_s64(j, "old", po);
						ms_record_add_s64(j, "new", pn);
						ms_record_add_s64(j, "delta", pn - po);
						continue;
					}
					fprintf(ms_fp, "%4d  %-8s  %5d  %10" PRId64 " %10" PRId64 " %+10" PRId64 "\n",
						zs->nid, zs->name, o, po, pn, pn - po);
				}
			}
		}
	}
	if (!ja && !lines)
		fprintf(ms_fp, "  (none)\n");
	return NULL;
}

struct ms_error *ms_diff(struct ms_program *a, struct ms_program *b, const char *pa,
			 const char *pb, bool json)
{
	struct ms_record *root = json ? ms_record_create() : NULL;
	struct ms_error *err;

	if (root) {
		/* no session here: the document is written as ms_emit() would */
		ms_record_add_s64(root, "schema", MS_JSON_SCHEMA);
		ms_record_add_str(root, "command", "diff");
		ms_record_add_str(root, "old", pa);
		ms_record_add_str(root, "new", pb);
	} else {
		fprintf(ms_fp, "OLD: %s\nNEW: %s\n\n", pa, pb);
	}
	err = caches_diff(a, b, pa, pb, root);
	if (!err)
		err = buddy_diff(a, b, root);
	if (root) {
		if (!err) {
			ms_record_write_json(root, ms_fp, true);
			fputc('\n', ms_fp);
		}
		ms_record_destroy(root);
	}
	return err;
}
