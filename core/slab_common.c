/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * slab_common.c - what the SLAB and SLUB walkers share (see
 * slab_internal.h), as mm/slab_common.c holds what the kernel's two
 * allocators share.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/dump.h"
#include "core/percpu.h"
#include "core/slab_internal.h"

struct ms_error *ms_slab_field(struct ms_program *prog, const struct ms_type *t, const char *path,
			      const struct ms_field **ret, uint64_t *len)
{
	struct ms_error *err = ms_field_find(prog, t, path, ret);

	if (!err && len && (*ret)->offset + (*ret)->size > *len)
		*len = (*ret)->offset + (*ret)->size;
	return err;
}

struct ms_error *ms_slab_cpus_nodes(struct ms_program *prog, uint64_t node_len, int *nr_node_ids,
				    int *nr_cpus, uint64_t **cpu_offset)
{
	int64_t v;
	struct ms_error *err = ms_global_read_s64(prog, "nr_node_ids", &v);

	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		v = 1;	/* no NUMA */
	if (err)
		return err;
	if (v < 1 || (uint64_t)v > node_len || v > MS_SLAB_MAX_NODES)
		return ms_error_corrupt(0, "nr_node_ids %" PRId64 " out of range (node[] has %" PRIu64 ")",
				       v, node_len);
	*nr_node_ids = (int)v;
	if ((err = ms_percpu_nr_cpus(prog, nr_cpus)))
		return err;
	if (*nr_cpus > 65536)
		return ms_error_corrupt(0, "%d CPUs", *nr_cpus);
	*cpu_offset = calloc((size_t)*nr_cpus, sizeof(**cpu_offset));
	if (!*cpu_offset)
		return &ms_enomem;
	for (int cpu = 0; cpu < *nr_cpus; cpu++)
		if ((err = ms_percpu_offset(prog, cpu, &(*cpu_offset)[cpu])))
			return err;
	return NULL;
}

void ms_slab_problem(struct ms_slab_cache *c, const struct ms_slab_visitor *v, void *arg,
		     enum ms_slab_problem_kind kind, uint64_t slab, uint64_t object,
		     const char *fmt, ...)
{
	struct ms_slab_problem p = { kind, slab, object, NULL };
	char msg[256];
	va_list ap;

	c->nr_problems++;
	if (!v || !v->problem)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p.message = msg;
	v->problem(c, &p, arg);
}

struct ms_error *ms_slab_cache_bytes(struct ms_program *prog, uint64_t addr, uint64_t len,
				     uint64_t node_off, int nr_nodes, struct ms_slab_cache *c,
				     unsigned char **buf_ret)
{
	unsigned char *buf;
	struct ms_error *err;

	*buf_ret = NULL;
	memset(c, 0, sizeof(*c));
	c->addr = addr;
	buf = malloc(len);
	if (!buf)
		return &ms_enomem;
	err = ms_readmem(prog, addr, MS_KVADDR, buf, len, "kmem_cache buffer");
	if (!err)
		err = ms_readmem(prog, addr + node_off, MS_KVADDR, c->node, (size_t)nr_nodes * 8,
				 "kmem_cache node array");
	if (err) {
		free(buf);
		return err;
	}
	c->nr_nodes = nr_nodes;
	*buf_ret = buf;
	return NULL;
}

void ms_slab_cache_name(struct ms_program *prog, uint64_t name, uint64_t page_size,
			struct ms_slab_cache *c)
{
	struct ms_error *err;

	c->slab_size = c->gfporder < 20 ? page_size << c->gfporder : 0;
	err = ms_read_text(prog, name, c->name, sizeof(c->name), sizeof(c->name) - 1,
			   "kmem_cache name");
	if (err) {
		ms_error_destroy(err);
		snprintf(c->name, sizeof(c->name), "(unknown)");
	}
}

void ms_slab_counts_reset(struct ms_slab_cache *c)
{
	c->num_slabs = c->active_slabs = c->num_objs = c->slab_active = c->free_in_slabs = 0;
	c->cpu_avail = c->shared_avail = c->alien_avail = c->active_objs = c->nr_problems = 0;
	c->partial_free = c->nr_partial = 0;
	c->incomplete = false;
	memset(c->list_slabs, 0, sizeof(c->list_slabs));
	memset(c->list_active, 0, sizeof(c->list_active));
}

/* ---------------------------------------------------------------------- */
/* free objects (ms_slab_addr_free())                                     */

struct free_obj {
	uint64_t addr;
	int state, where;
};

struct ms_slab_free_cache {
	uint64_t cache;
	char name[MS_SLAB_NAME_MAX];
	bool slub;
	uint64_t size;
	struct free_obj *v;
	size_t nr, cap;
	bool failed;		/* the walk stopped: nothing is claimed */
};

#define FREE_MEMO_MAX	8	/* caches remembered; the oldest goes first */

static struct ms_error *free_obj_cb(const struct ms_slab_cache *c, const struct ms_slab *s,
				    const struct ms_slab_obj *o, void *arg)
{
	struct ms_slab_free_cache *fc = arg;

	(void)c;
	(void)s;
	if (o->state == MS_SLAB_OBJ_INUSE)
		return NULL;
	if (!ms_array_grow(&fc->v, &fc->cap, fc->nr + 1, 64))
		return &ms_enomem;
	fc->v[fc->nr++] = (struct free_obj){ o->addr, (int)o->state, o->where };
	return NULL;
}

static int cmp_free_obj(const void *a, const void *b)
{
	const struct free_obj *p = a, *q = b;

	return p->addr < q->addr ? -1 : p->addr > q->addr;
}

/* The free objects of the cache at @cache, walked on first use. */
static struct ms_slab_free_cache *free_cache(struct ms_program *prog, struct ms_slab_free_memo *m,
					     uint64_t cache)
{
	struct ms_slab_visitor v = { .object = free_obj_cb };
	struct ms_slab_free_cache *fc;
	struct ms_slab_cache c;
	struct ms_error *err;

	for (size_t i = 0; i < m->nr; i++)
		if (m->v[i].cache == cache)
			return &m->v[i];
	if (!m->v && !(m->v = calloc(FREE_MEMO_MAX, sizeof(*m->v))))
		return NULL;
	if (m->nr == FREE_MEMO_MAX) {
		free(m->v[0].v);
		memmove(&m->v[0], &m->v[1], (FREE_MEMO_MAX - 1) * sizeof(*m->v));
		m->nr--;
	}
	fc = &m->v[m->nr++];
	memset(fc, 0, sizeof(*fc));
	fc->cache = cache;
	err = ms_slab_cache_read(prog, cache, &c);
	if (!err)
		err = ms_slab_cache_walk(prog, &c, &v, fc);
	if (err) {
		fc->failed = true;
		ms_error_destroy(err);
		return fc;
	}
	snprintf(fc->name, sizeof(fc->name), "%s", c.name);
	fc->slub = c.slub;
	fc->size = c.size;
	if (fc->nr)
		qsort(fc->v, fc->nr, sizeof(*fc->v), cmp_free_obj);
	return fc;
}

bool ms_slab_addr_free(struct ms_program *prog, struct ms_slab_free_memo *m, uint64_t addr,
		       char *buf, size_t len)
{
	struct ms_slab_free_cache *fc;
	const struct free_obj *o = NULL;
	uint64_t page, cache;
	size_t lo, hi;
	int n;
	struct ms_error *err = ms_slab_page_of(prog, addr, &page, &cache);

	if (err) {
		ms_error_destroy(err);
		return false;
	}
	if (!page || !(fc = free_cache(prog, m, cache)) || fc->failed)
		return false;
	/* the last free object starting at or below addr */
	for (lo = 0, hi = fc->nr; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (fc->v[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo)
		o = &fc->v[lo - 1];
	if (!o || addr - o->addr >= fc->size)
		return false;
	if (o->addr == addr)
		n = snprintf(buf, len, "a free object of %s", fc->name);
	else
		n = snprintf(buf, len, "inside free object %" PRIx64 " of %s", o->addr, fc->name);
	if (n < 0 || (size_t)n >= len)
		return true;
	buf += n;
	len -= (size_t)n;
	switch (o->state) {
	case MS_SLAB_OBJ_CPU:
		snprintf(buf, len, " (%s cpu %d's %s)", fc->slub ? "on" : "in", o->where,
			 fc->slub ? "slab" : "array_cache");
		break;
	case MS_SLAB_OBJ_SHARED:
		snprintf(buf, len, " (in node %d's shared array_cache)", o->where);
		break;
	case MS_SLAB_OBJ_ALIEN:
		snprintf(buf, len, " (in node %d's alien array_cache)", o->where / MS_SLAB_MAX_NODES);
		break;
	default:
		snprintf(buf, len, " (on its slab's freelist)");
		break;
	}
	return true;
}

void ms_slab_free_memo_clear(struct ms_slab_free_memo *m)
{
	for (size_t i = 0; i < m->nr; i++)
		free(m->v[i].v);
	free(m->v);
	m->v = NULL;
	m->nr = 0;
}
