/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * slub.c - the SLUB walker (see slub.h).
 *
 * Members are resolved once per program (struct ms_slub_state).  Counting
 * follows crash 8.0.2 (memory.c, get_kmem_cache_slub_data()): a cache's
 * TOTAL is the nodes' total_objects, its SLABS their nr_slabs, and its free
 * objects those on each CPU's lockless freelist (walked), plus objects -
 * inuse of each CPU slab, each per-CPU partial slab and each slab on the
 * nodes' partial lists.  Objects on a CPU's freelist are thus free here, as
 * crash counts them (drgn counts them as allocated).
 *
 * Free pointers are walked inside a copy of the slab's memory, at most
 * slab.objects of them: a pointer outside the slab, off an object's start,
 * or met twice is reported with its address and ends that chain.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dump.h"
#include "core/field.h"
#include "core/list.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/percpu.h"
#include "core/slab_internal.h"
#include "core/slub.h"
#include "core/symbols.h"
#include "core/types.h"

/* Every member the walker reads, resolved once per program. */
struct ms_slub_state {
	struct ms_error *err;		/* why the layout cannot be had (kept) */
	const struct ms_mm *mm;
	uint64_t cache_len;		/* bytes of kmem_cache read (up to node[]) */
	const struct ms_field *c_cpu_slab, *c_flags, *c_size, *c_object_size, *c_offset, *c_oo,
		*c_name, *c_random, *c_red_left_pad;
	uint64_t c_node, c_node_len;
	uint64_t cc_len;
	const struct ms_field *cc_freelist, *cc_slab, *cc_partial;	/* cc_partial may be NULL */
	uint64_t node_len;
	const struct ms_field *n_nr_partial, *n_nr_slabs, *n_total_objects;
	uint64_t n_partial, n_full;
	bool has_full;
	uint64_t slab_len;		/* struct slab, or struct page */
	const struct ms_field *s_flags, *s_cache, *s_freelist, *s_inuse, *s_objects, *s_next,
		*s_compound_head;	/* s_next, s_compound_head may be NULL */
	uint64_t s_list;		/* slab_list (page.lru before struct slab) */
	long next_off;			/* list_head.next */
	uint64_t max_slabs;		/* a list longer than every page is broken */
	int nr_cpus, nr_node_ids;
	uint64_t *cpu_offset;
};

/* ---------------------------------------------------------------------- */
/* the layout                                                             */

/* The first of @paths that @t has (a LOOKUP naming the first if none). */
static struct ms_error *field_any(struct ms_program *prog, const struct ms_type *t,
				  const char *const *paths, const struct ms_field **ret, uint64_t *len)
{
	struct ms_error *err = NULL;

	for (int i = 0; paths[i]; i++) {
		ms_error_destroy(err);
		err = ms_slab_field(prog, t, paths[i], ret, len);
		if (!err || err->kind != MS_ERR_LOOKUP)
			return err;
	}
	return err;
}

/* An optional member: NULL in *@ret when @t lacks it. */
static struct ms_error *field_opt(struct ms_program *prog, const struct ms_type *t,
				  const char *path, const struct ms_field **ret, uint64_t *len)
{
	struct ms_error *err = ms_slab_field(prog, t, path, ret, len);

	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		*ret = NULL;
	return err;
}

bool ms_slub_detect(struct ms_program *prog)
{
	const struct ms_type *t = ms_type_get(prog, "struct kmem_cache");
	const struct ms_field *f;

	return t && ms_error_ok(ms_field_find(prog, t, "cpu_slab", &f));
}

static struct ms_error *state_build(struct ms_program *prog, struct ms_slub_state *st)
{
	static const char *const cpu_slab[] = { "slab", "page", NULL };
	static const char *const counter[] = { "nr_slabs.counter", "nr_slabs", NULL };
	static const char *const total[] = { "total_objects.counter", "total_objects", NULL };
	static const char *const slab_list[] = { "slab_list", "lru", NULL };
	const struct ms_type *cache_t, *cpu_t, *node_t, *slab_t;
	const struct ms_field *f;
	uint64_t len, n, el;
	struct ms_error *err;

	if (!(cache_t = ms_type_get(prog, "struct kmem_cache")) ||
	    !(cpu_t = ms_type_get(prog, "struct kmem_cache_cpu")) ||
	    !(node_t = ms_type_get(prog, "struct kmem_cache_node")))
		return ms_error_lookup("struct kmem_cache",
				       "kmem cache slab subsystem not available: no SLUB types "
				       "(struct kmem_cache, kmem_cache_cpu, kmem_cache_node)");
	if ((err = ms_mm(prog, MS_MM_PAGES | MS_MM_ZONES, &st->mm)))
		return err;
	st->max_slabs = st->mm->max_pfn + 1;
	if ((err = ms_list_head_offsets(prog, &st->next_off, NULL)))
		return err;

	len = 0;
	if ((err = ms_slab_field(prog, cache_t, "cpu_slab", &st->c_cpu_slab, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "flags", &st->c_flags, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "size", &st->c_size, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "object_size", &st->c_object_size, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "offset", &st->c_offset, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "oo", &st->c_oo, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "name", &st->c_name, &len)) ||
	    (err = field_opt(prog, cache_t, "random", &st->c_random, &len)) ||
	    (err = field_opt(prog, cache_t, "red_left_pad", &st->c_red_left_pad, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "node", &f, NULL)))
		return err;
	st->c_node = f->offset;
	if ((err = ms_field_array(f, &n, &el)))
		return err;
	st->c_node_len = n;
	st->cache_len = len;

	len = 0;
	if ((err = ms_slab_field(prog, cpu_t, "freelist", &st->cc_freelist, &len)) ||
	    (err = field_any(prog, cpu_t, cpu_slab, &st->cc_slab, &len)) ||
	    (err = field_opt(prog, cpu_t, "partial", &st->cc_partial, &len)))
		return err;
	st->cc_len = len;

	/* crash needs CONFIG_SLUB_DEBUG's counters for its totals, and so do we */
	len = 0;
	if ((err = ms_slab_field(prog, node_t, "nr_partial", &st->n_nr_partial, &len)) ||
	    (err = field_any(prog, node_t, counter, &st->n_nr_slabs, &len)) ||
	    (err = field_any(prog, node_t, total, &st->n_total_objects, &len)) ||
	    (err = ms_slab_field(prog, node_t, "partial", &f, &len)))
		return ms_error_prepend(err, "kmem_cache_node (the kernel must be built with "
					"CONFIG_SLUB_DEBUG)");
	st->n_partial = f->offset;
	if ((err = field_opt(prog, node_t, "full", &f, &len)))
		return err;
	st->has_full = f != NULL;
	st->n_full = f ? f->offset : 0;
	st->node_len = len;

	/* the slab's descriptor: struct slab (5.17+), else struct page */
	slab_t = ms_type_get(prog, "struct slab");
	if (!slab_t || !ms_error_ok(ms_field_find(prog, slab_t, "slab_cache", &f)))
		slab_t = st->mm->page_type;
	len = 0;
	if ((err = field_any(prog, slab_t, (const char *const[]){ "__page_flags", "flags", NULL },
			     &st->s_flags, &len)) ||
	    (err = ms_slab_field(prog, slab_t, "slab_cache", &st->s_cache, &len)) ||
	    (err = ms_slab_field(prog, slab_t, "freelist", &st->s_freelist, &len)) ||
	    (err = ms_slab_field(prog, slab_t, "inuse", &st->s_inuse, &len)) ||
	    (err = ms_slab_field(prog, slab_t, "objects", &st->s_objects, &len)) ||
	    (err = field_opt(prog, slab_t, "next", &st->s_next, &len)) ||
	    (err = field_any(prog, slab_t, slab_list, &f, &len)))
		return err;
	st->s_list = f->offset;
	/* a tail page's compound_head (bit 0 set) is in struct page */
	if ((err = field_opt(prog, st->mm->page_type, "compound_head", &st->s_compound_head, NULL)))
		return err;
	st->slab_len = len > st->mm->page_struct_size ? len : st->mm->page_struct_size;

	return ms_slab_cpus_nodes(prog, st->c_node_len, &st->nr_node_ids, &st->nr_cpus,
				  &st->cpu_offset);
}

MS_SLAB_DEFINE_STATE(slub_state, struct ms_slub_state, slub, state_build)

void ms_slub_free(struct ms_program *prog)
{
	struct ms_slub_state *st = prog->slub;

	if (!st)
		return;
	ms_error_destroy(st->err);
	free(st->cpu_offset);
	free(st);
	prog->slub = NULL;
}

/* ---------------------------------------------------------------------- */
/* caches                                                                 */

struct ms_error *ms_slub_cache_read(struct ms_program *prog, uint64_t addr,
				    struct ms_slab_cache *c)
{
	struct ms_slub_state *st;
	struct ms_error *err;
	unsigned char *buf;
	uint64_t name, oo;

	if ((err = slub_state(prog, &st)) ||
	    (err = ms_slab_cache_bytes(prog, addr, st->cache_len, st->c_node, st->nr_node_ids, c,
				       &buf)))
		return err;
	c->slub = true;
	c->cpu_slab = ms_field_get_u64(st->c_cpu_slab, buf);
	c->flags = ms_field_get_u64(st->c_flags, buf);
	c->size = ms_field_get_u64(st->c_size, buf);
	c->object_size = ms_field_get_u64(st->c_object_size, buf);
	c->offset = ms_field_get_u64(st->c_offset, buf);
	/* struct kmem_cache_order_objects: order << OO_SHIFT (16) | objects */
	oo = ms_field_get_u64(st->c_oo, buf) & 0xffffffffu;
	c->num = oo & 0xffff;
	c->gfporder = oo >> 16;
	c->random = st->c_random ? ms_field_get_u64(st->c_random, buf) : 0;
	c->red_left_pad = st->c_red_left_pad && (c->flags & MS_SLAB_RED_ZONE) ?
		ms_field_get_u64(st->c_red_left_pad, buf) : 0;
	name = ms_field_get_u64(st->c_name, buf);
	free(buf);
	ms_slab_cache_name(prog, name, st->mm->page_size, c);
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* slabs                                                                  */

struct ms_error *ms_slub_page_of(struct ms_program *prog, uint64_t addr, uint64_t *page_ret,
				 uint64_t *cache_ret)
{
	struct ms_slub_state *st;
	struct ms_error *err = slub_state(prog, &st);
	struct ms_mm_addr ka;
	unsigned char buf[512];
	uint64_t page, head;

	*page_ret = 0;
	if (cache_ret)
		*cache_ret = 0;
	if (err)
		return err;
	if (st->slab_len > sizeof(buf))
		return ms_error_lookup("struct slab", "struct slab of %" PRIu64 " bytes", st->slab_len);
	ms_mm_resolve(prog, addr, false, &ka);
	if (ka.kind == MS_MM_ADDR_NONE || ka.kind == MS_MM_ADDR_PHYS)
		return NULL;
	page = ka.page;
	if ((err = ms_readmem(prog, page, MS_KVADDR, buf, st->slab_len, "page struct")))
		return err;
	/* a compound slab's tail pages point at the head: compound_head | 1 */
	head = st->s_compound_head ? ms_field_get_u64(st->s_compound_head, buf) : 0;
	if (head & 1) {
		page = head - 1;
		if ((err = ms_readmem(prog, page, MS_KVADDR, buf, st->slab_len, "page struct")))
			return err;
	}
	if (!ms_mm_flag(ms_field_get_u64(st->s_flags, buf), st->mm->pg_slab))
		return NULL;
	*page_ret = page;
	if (cache_ret)
		*cache_ret = ms_field_get_u64(st->s_cache, buf);
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* the walk                                                               */

struct walk {
	struct ms_program *prog;
	struct ms_slub_state *st;
	struct ms_slab_cache *c;
	const struct ms_slab_visitor *v;
	void *arg;
	unsigned char *slab_buf;	/* st->slab_len */
	unsigned char *mem;		/* the slab's objects: num * size */
	uint8_t *obj_state;		/* per object */
	uint64_t mem_len;
	uint64_t per_cpu[MS_SLAB_MAX_NODES];	/* CPU slabs per node */
	bool visit;			/* slab() or object() set */
	bool only_seen;			/* v->only_slab reached */
};

/* ms_slab_problem() for walk @w: its cache, visitor and argument */
#define problem(w, ...) ms_slab_problem((w)->c, (w)->v, (w)->arg, __VA_ARGS__)

static struct ms_error *section(struct walk *w, enum ms_slab_section_kind kind, int index,
				uint64_t addr, bool empty)
{
	struct ms_slab_section sec = { .kind = kind, .index = index, .addr = addr, .empty = empty };

	if (!w->v || !w->v->section)
		return NULL;
	return w->v->section(w->c, &sec, w->arg);
}

/* 6.1's freelist_ptr(): ptr ^ s->random ^ swab(ptr_addr) when hardened */
static uint64_t freelist_ptr(const struct ms_slab_cache *c, uint64_t ptr, uint64_t ptr_addr)
{
	if (!c->random)
		return ptr;
	return ptr ^ c->random ^ __builtin_bswap64(ptr_addr);
}

/*
 * Follow the free pointers from @head inside slab @s (its objects copied in
 * w->mem), marking each object @mark in w->obj_state.  At most s->objects
 * steps; a pointer that is no object of the slab, or an object met again,
 * is reported and ends the chain.  @return the objects counted.
 */
static uint64_t chain_walk(struct walk *w, const struct ms_slab *s, uint64_t head, uint8_t mark,
			   const char *what)
{
	const struct ms_slab_cache *c = w->c;
	uint64_t q = head, n = 0, end = s->s_mem + s->objects * c->size;

	while (q) {
		uint64_t rel, idx, raw;

		if (q < s->s_mem + c->red_left_pad || q >= end ||
		    (rel = q - s->s_mem - c->red_left_pad) % c->size) {
			problem(w, MS_SLAB_PROB_FREELIST, s->page, q,
				"slab %" PRIx64 ": %s: free pointer %" PRIx64 " is no object of the "
				"slab (%" PRIx64 "-%" PRIx64 ")", s->page, what, q, s->s_mem, end);
			break;
		}
		idx = rel / c->size;
		if (w->obj_state[idx] != MS_SLAB_OBJ_INUSE) {
			problem(w, MS_SLAB_PROB_TWICE, s->page, q,
				"slab %" PRIx64 ": %s: object %" PRIx64 " met twice (a cycle, or on "
				"two freelists)", s->page, what, q);
			break;
		}
		w->obj_state[idx] = mark;
		n++;
		if (rel + c->offset + 8 > s->objects * c->size)
			break;
		memcpy(&raw, w->mem + rel + c->offset, 8);
		q = freelist_ptr(c, raw, q + c->offset);
	}
	return n;
}

/*
 * Read the slab at @addr into @s (its counters and memory address); false
 * when it cannot be read (reported).
 */
static bool slab_read(struct walk *w, uint64_t addr, enum ms_slab_list list, int cpu,
		      struct ms_slab *s)
{
	struct ms_slub_state *st = w->st;
	uint64_t pfn, cache;
	const struct ms_mm_node *node;
	struct ms_error *err;

	memset(s, 0, sizeof(*s));
	s->page = addr;
	s->list = list;
	s->cpu = cpu;
	err = ms_mm_page_to_pfn(w->prog, addr, &pfn, NULL);
	if (!err)
		err = ms_readmem(w->prog, addr, MS_KVADDR, w->slab_buf, st->slab_len, "slab");
	if (err) {
		problem(w, MS_SLAB_PROB_READ, addr, 0, "%s slab %" PRIx64 ": %s",
			ms_slab_list_name(list), addr, err->message);
		ms_error_destroy(err);
		w->c->incomplete = true;
		return false;
	}
	s->s_mem = ms_mm_pfn_to_kvaddr(st->mm, pfn);
	node = ms_mm_pfn_node(w->prog, pfn);
	s->node = node ? node->id : 0;
	s->freelist = ms_field_get_u64(st->s_freelist, w->slab_buf);
	s->active = ms_field_get_u64(st->s_inuse, w->slab_buf);
	s->objects = ms_field_get_u64(st->s_objects, w->slab_buf);
	cache = ms_field_get_u64(st->s_cache, w->slab_buf);
	if (cache != w->c->addr)
		problem(w, MS_SLAB_PROB_LIST, addr, 0, "%s slab %" PRIx64 " belongs to cache %" PRIx64,
			ms_slab_list_name(list), addr, cache);
	if (s->objects > w->c->num || s->objects * w->c->size > w->mem_len) {
		problem(w, MS_SLAB_PROB_ACTIVE, addr, 0, "%s slab %" PRIx64 ": objects %" PRIu64
			" (the cache's slabs hold %" PRIu64 ")", ms_slab_list_name(list), addr,
			s->objects, w->c->num);
		s->objects = w->c->num;
	}
	if (s->active > s->objects) {
		problem(w, MS_SLAB_PROB_ACTIVE, addr, 0, "%s slab %" PRIx64 ": inuse %" PRIu64
			" above objects %" PRIu64, ms_slab_list_name(list), addr, s->active,
			s->objects);
		s->active = s->objects;
	}
	return true;
}

/* The slab's objects in w->mem; false when they cannot be read (reported). */
static bool slab_mem(struct walk *w, const struct ms_slab *s)
{
	struct ms_error *err = ms_readmem(w->prog, s->s_mem, MS_KVADDR, w->mem,
					  s->objects * w->c->size, "slab objects");

	if (err) {
		problem(w, MS_SLAB_PROB_READ, s->page, s->s_mem, "slab %" PRIx64 ": objects at %"
			PRIx64 ": %s", s->page, s->s_mem, err->message);
		ms_error_destroy(err);
		return false;
	}
	return true;
}

/* Hand slab @s and, if asked, its objects to the visitor. */
static struct ms_error *visit_slab(struct walk *w, struct ms_slab *s)
{
	const struct ms_slab_visitor *v = w->v;
	struct ms_error *err;

	if (!w->visit || (v->only_slab && v->only_slab != s->page))
		return NULL;
	if (v->only_slab)
		w->only_seen = true;
	if (v->slab && (err = v->slab(w->c, s, w->arg)))
		return err;
	if (!v->object)
		return NULL;
	for (uint64_t i = 0; i < s->objects; i++) {
		struct ms_slab_obj o = {
			.addr = s->s_mem + i * w->c->size,
			.index = i,
			.state = w->obj_state[i],
			.where = w->obj_state[i] == MS_SLAB_OBJ_CPU ? s->cpu : -1,
		};

		if ((err = v->object(w->c, s, &o, w->arg)))
			return err;
	}
	return NULL;
}

/*
 * A slab not held by a CPU: count its free objects (objects - inuse) and,
 * when visited, mark them from its freelist.
 */
static struct ms_error *plain_slab(struct walk *w, struct ms_slab *s)
{
	bool visit = w->visit && (!w->v->only_slab || w->v->only_slab == s->page);

	w->c->list_slabs[s->list]++;
	w->c->list_active[s->list] += s->active;
	s->nr_free = s->objects - s->active;
	if (!visit)
		return NULL;
	memset(w->obj_state, MS_SLAB_OBJ_INUSE, s->objects);
	if (w->v->object && s->freelist && slab_mem(w, s)) {
		uint64_t n = chain_walk(w, s, s->freelist, MS_SLAB_OBJ_FREE, "freelist");

		if (n != s->nr_free)
			problem(w, MS_SLAB_PROB_COUNTER, s->page, s->freelist, "slab %" PRIx64
				": %" PRIu64 " objects on its freelist, objects - inuse is %" PRIu64,
				s->page, n, s->nr_free);
	}
	return visit_slab(w, s);
}

/* CPU @cpu's kmem_cache_cpu: its slab and its partial chain. */
static struct ms_error *walk_cpu(struct walk *w, int cpu, uint64_t *free_ret)
{
	struct ms_slub_state *st = w->st;
	struct ms_slab_cache *c = w->c;
	uint64_t kcc = c->cpu_slab + st->cpu_offset[cpu], slab, freelist, partial, n = 0;
	unsigned char buf[256];
	struct ms_slab s;
	struct ms_error *err;

	if (st->cc_len > sizeof(buf))
		return ms_error_lookup("struct kmem_cache_cpu", "kmem_cache_cpu of %" PRIu64 " bytes",
				       st->cc_len);
	if ((err = section(w, MS_SLAB_SEC_CPU, cpu, kcc, false)))
		return err;
	err = ms_readmem(w->prog, kcc, MS_KVADDR, buf, st->cc_len, "kmem_cache_cpu");
	if (err) {
		problem(w, MS_SLAB_PROB_READ, 0, kcc, "cpu %d kmem_cache_cpu %" PRIx64 ": %s", cpu,
			kcc, err->message);
		ms_error_destroy(err);
		c->incomplete = true;
		return NULL;
	}
	slab = ms_field_get_u64(st->cc_slab, buf);
	freelist = ms_field_get_u64(st->cc_freelist, buf);
	partial = st->cc_partial ? ms_field_get_u64(st->cc_partial, buf) : 0;

	if ((err = section(w, MS_SLAB_SEC_CPU_SLAB, cpu, slab, !slab)))
		return err;
	if (slab && slab_read(w, slab, MS_SLAB_CPU_SLAB, cpu, &s)) {
		uint64_t on_cpu = 0, on_slab = 0;

		c->list_slabs[MS_SLAB_CPU_SLAB]++;
		if (s.node >= 0 && s.node < MS_SLAB_MAX_NODES)
			w->per_cpu[s.node]++;
		/*
		 * The CPU allocates from its lockless freelist; frees by other
		 * CPUs go to the slab's freelist, inuse counting them down.
		 */
		memset(w->obj_state, MS_SLAB_OBJ_INUSE, s.objects);
		if (slab_mem(w, &s)) {
			on_cpu = chain_walk(w, &s, freelist, MS_SLAB_OBJ_CPU, "cpu freelist");
			on_slab = chain_walk(w, &s, s.freelist, MS_SLAB_OBJ_CPU, "freelist");
			if (on_slab != s.objects - s.active)
				problem(w, MS_SLAB_PROB_COUNTER, s.page, s.freelist, "cpu %d slab %"
					PRIx64 ": %" PRIu64 " objects on its freelist, objects - inuse "
					"is %" PRIu64, cpu, s.page, on_slab, s.objects - s.active);
		} else {
			c->incomplete = true;
		}
		c->cpu_avail += on_cpu;
		*free_ret += s.objects - s.active + on_cpu;
		/* crash's ALLOCATED of a CPU slab: objects - both freelists */
		s.nr_free = on_cpu + (s.freelist ? s.objects - s.active : 0);
		s.active = s.objects - (s.nr_free < s.objects ? s.nr_free : s.objects);
		c->list_active[MS_SLAB_CPU_SLAB] += s.active;
		if ((err = visit_slab(w, &s)))
			return err;
	}

	if (!st->cc_partial)
		return NULL;
	if ((err = section(w, MS_SLAB_SEC_CPU_PARTIAL, cpu, partial, !partial)))
		return err;
	while (partial) {
		if (++n > st->max_slabs) {
			problem(w, MS_SLAB_PROB_LIST, partial, kcc, "cpu %d partial chain: more slabs "
				"than pages, walk stopped", cpu);
			c->incomplete = true;
			break;
		}
		if (!slab_read(w, partial, MS_SLAB_CPU_PARTIAL, cpu, &s))
			break;
		*free_ret += s.objects - s.active;
		if ((err = plain_slab(w, &s)))
			return err;
		partial = st->s_next ? ms_field_get_u64(st->s_next, w->slab_buf) : 0;
		if (partial == s.page) {
			problem(w, MS_SLAB_PROB_LIST, partial, kcc, "cpu %d partial chain: slab %"
				PRIx64 " points at itself", cpu, partial);
			c->incomplete = true;
			break;
		}
	}
	return NULL;
}

/*
 * One node list from its head (slab_list links), Brent's algorithm against
 * cycles and a bound of every page against runaway lists.  @return the
 * slabs walked in *@nr_ret.
 */
static struct ms_error *walk_list(struct walk *w, int node, uint64_t head, enum ms_slab_list list,
				  uint64_t *free_ret, uint64_t *nr_ret)
{
	struct ms_slub_state *st = w->st;
	const char *ln = ms_slab_list_name(list);
	uint64_t link, tortoise = head, power = 1, lam = 0, n = 0;
	struct ms_slab s;
	struct ms_error *err;

	*nr_ret = 0;
	err = ms_read_u64(w->prog, head + st->next_off, &link, "kmem_cache_node list_head");
	if (err) {
		problem(w, MS_SLAB_PROB_LIST, 0, head, "node %d %s list: head %" PRIx64 ": %s",
			node, ln, head, err->message);
		ms_error_destroy(err);
		w->c->incomplete = true;
		return NULL;
	}
	if ((err = section(w, list == MS_SLAB_PARTIAL ? MS_SLAB_SEC_NODE_PARTIAL :
			   MS_SLAB_SEC_NODE_FULL, node, head, link == head)))
		return err;
	while (link != head) {
		if (ms_interrupted())
			return &ms_interrupted_error;
		if (!link || link == tortoise || ++n > st->max_slabs) {
			problem(w, MS_SLAB_PROB_LIST, link ? link - st->s_list : 0, head,
				"node %d %s list: list_head %" PRIx64 ": %s", node, ln, head,
				!link ? "NULL next pointer" : n > st->max_slabs ?
				"more slabs than pages, walk stopped" : "duplicate entry (cycle)");
			w->c->incomplete = true;
			return NULL;
		}
		if (power == lam) {
			tortoise = link;
			power *= 2;
			lam = 0;
		}
		lam++;
		if (!slab_read(w, link - st->s_list, list, -1, &s))
			return NULL;
		s.node = node;
		*free_ret += s.objects - s.active;
		if (list == MS_SLAB_PARTIAL)
			w->c->partial_free += s.objects - s.active;
		(*nr_ret)++;
		if ((err = plain_slab(w, &s)))
			return err;
		memcpy(&link, w->slab_buf + st->s_list + st->next_off, 8);
	}
	return NULL;
}

static struct ms_error *walk_node(struct walk *w, int node, uint64_t *free_ret)
{
	struct ms_slub_state *st = w->st;
	struct ms_slab_cache *c = w->c;
	uint64_t addr = c->node[node], nr_partial, nr_slabs, total, walked;
	struct ms_slab_section sec = { .kind = MS_SLAB_SEC_NODE, .index = node, .addr = addr };
	unsigned char buf[512];
	struct ms_error *err;

	if (st->node_len > sizeof(buf))
		return ms_error_lookup("struct kmem_cache_node", "kmem_cache_node of %" PRIu64 " bytes",
				       st->node_len);
	err = ms_readmem(w->prog, addr, MS_KVADDR, buf, st->node_len, "kmem_cache_node");
	if (err) {
		problem(w, MS_SLAB_PROB_READ, 0, addr, "node %d kmem_cache_node %" PRIx64 ": %s", node,
			addr, err->message);
		ms_error_destroy(err);
		c->incomplete = true;
		return NULL;
	}
	nr_partial = ms_field_get_u64(st->n_nr_partial, buf);
	nr_slabs = ms_field_get_u64(st->n_nr_slabs, buf);
	total = ms_field_get_u64(st->n_total_objects, buf);
	c->nr_partial += nr_partial;
	c->num_slabs += nr_slabs;
	c->num_objs += total;
	sec.nr_slabs = nr_slabs;
	sec.nr_partial = nr_partial;
	sec.per_cpu = w->per_cpu[node];
	if (w->v && w->v->section && (err = w->v->section(c, &sec, w->arg)))
		return err;

	if ((err = walk_list(w, node, addr + st->n_partial, MS_SLAB_PARTIAL, free_ret, &walked)))
		return err;
	if (!c->incomplete && walked != nr_partial)
		problem(w, MS_SLAB_PROB_COUNTER, 0, addr, "node %d kmem_cache_node %" PRIx64
			": nr_partial %" PRIu64 ", but its partial list holds %" PRIu64 " slabs",
			node, addr, nr_partial, walked);
	/* slub.c keeps the full list for SLAB_STORE_USER caches only */
	if (!st->has_full || !(c->flags & MS_SLAB_STORE_USER)) {
		sec = (struct ms_slab_section){ .kind = MS_SLAB_SEC_NODE_FULL, .index = node,
						.not_tracked = true };
		if (w->v && w->v->section && (err = w->v->section(c, &sec, w->arg)))
			return err;
		return NULL;
	}
	{
		uint64_t full_free = 0;

		if ((err = walk_list(w, node, addr + st->n_full, MS_SLAB_FULL, &full_free, &walked)))
			return err;
		if (full_free)
			problem(w, MS_SLAB_PROB_ACTIVE, 0, addr, "node %d full list: %" PRIu64
				" free objects on full slabs", node, full_free);
	}
	return NULL;
}

struct ms_error *ms_slub_cache_walk(struct ms_program *prog, struct ms_slab_cache *c,
				    const struct ms_slab_visitor *v, void *arg)
{
	struct walk w = { .prog = prog, .c = c, .v = v, .arg = arg };
	struct ms_slub_state *st;
	struct ms_error *err = slub_state(prog, &st);
	uint64_t nfree = 0;

	if (err)
		return err;
	w.st = st;
	ms_slab_counts_reset(c);
	if (c->num > 1u << 15 || !c->size || c->size > (uint64_t)1 << 26 ||
	    c->num * c->size > (st->mm->page_size << 12) || c->offset + 8 > c->size)
		return ms_error_corrupt(c->addr, "%s: kmem_cache %" PRIx64 ": objects %" PRIu64
					", size %" PRIu64 ", offset %" PRIu64 " make no sense",
					c->name, c->addr, c->num, c->size, c->offset);
	w.visit = v && (v->slab || v->object);
	w.mem_len = c->num * c->size;
	w.slab_buf = malloc(st->slab_len);
	w.mem = malloc(w.mem_len + 8);
	w.obj_state = malloc(c->num + 1);
	if (!w.slab_buf || !w.mem || !w.obj_state) {
		err = &ms_enomem;
		goto out;
	}
	for (int cpu = 0; cpu < st->nr_cpus; cpu++) {
		if (ms_interrupted()) {
			err = &ms_interrupted_error;
			goto out;
		}
		if ((err = walk_cpu(&w, cpu, &nfree)))
			goto out;
	}
	for (int node = 0; node < c->nr_nodes; node++) {
		if (c->node[node] && (err = walk_node(&w, node, &nfree)))
			goto out;
	}
	/* kmem ADDR in a full slab that no list tracks: that slab alone */
	if (w.visit && v->only_slab && !w.only_seen) {
		struct ms_slab s;

		if (slab_read(&w, v->only_slab, MS_SLAB_FULL, -1, &s))
			err = plain_slab(&w, &s);
	}
out:
	c->free_in_slabs = nfree;
	c->active_objs = c->num_objs > nfree ? c->num_objs - nfree : 0;
	c->active_slabs = c->num_slabs;
	c->slab_active = c->active_objs;
	free(w.slab_buf);
	free(w.mem);
	free(w.obj_state);
	return err == &ms_stop ? NULL : err;
}

/* mm/slub.c get_slabinfo() and slabinfo_show() of 6.1 */
void ms_slub_cache_slabinfo(const struct ms_slab_cache *c, struct ms_slabinfo *si)
{
	memset(si, 0, sizeof(*si));
	si->num_objs = c->num_objs;
	si->active_objs = c->num_objs > c->partial_free ? c->num_objs - c->partial_free : 0;
	si->active_slabs = si->num_slabs = c->num_slabs;
	si->objperslab = c->num;
	si->pagesperslab = c->gfporder < 32 ? 1ULL << c->gfporder : 0;
	si->objsize = c->size;
	/* tunables 0 0 0, sharedavail 0: SLUB has neither */
}
