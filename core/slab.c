/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * slab.c - the SLAB walker (see slab.h).
 *
 * Members are resolved once per program (struct ms_slab_state); a cache is
 * read in one piece, a slab page in one piece, and the freelists of a
 * list's slabs in address order, neighbours in one read (fetch_freelists()).
 * Objects in the arrays are gathered first into a hash set, so that each
 * slab then knows which of its handed-out objects sit in an array: that is
 * how crash tells ALLOCATED from "cached" without a second pass.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/dump.h"
#include "core/field.h"
#include "core/list.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/percpu.h"
#include "core/slab.h"
#include "core/slab_internal.h"
#include "core/slub.h"
#include "core/symbols.h"
#include "core/types.h"

/* Slabs gathered from a list before they are looked at, and the bytes
 * their freelists are fetched into (walk_list(), fetch_freelists()). */
#define SLAB_CHUNK	512
#define FL_ARENA	((size_t)2 << 20)

/* A slab page of a list: its struct page's members, its freelist once read. */
struct slab_ent {
	uint64_t page, s_mem, freelist, active, cache;
	const unsigned char *fl;	/* freelist[active .. num-1], or NULL: read alone */
};

struct fl_ref {
	uint64_t start, end;	/* freelist[active .. num-1] of ... */
	uint32_t ent;		/* ... ents[ent] */
};

/* Every member the walker reads, resolved once per program. */
struct ms_slab_state {
	struct ms_error *err;		/* why the layout cannot be had (kept) */
	uint64_t slab_caches;		/* &slab_caches */
	uint64_t cache_len;		/* bytes of kmem_cache read (up to node[]) */
	const struct ms_field *c_cpu_cache, *c_batchcount, *c_limit, *c_shared, *c_size,
		*c_flags, *c_num, *c_gfporder, *c_name, *c_object_size, *c_obj_offset;
	uint64_t c_list, c_node, c_node_len;
	uint64_t node_len;
	uint64_t n_lists[3];		/* partial, full, free */
	const struct ms_field *n_free_objects, *n_shared, *n_alien;
	const struct ms_field *ac_avail, *ac_limit;
	uint64_t ac_entry;
	uint64_t alien_ac;		/* offset of alien_cache.ac */
	uint64_t page_len;
	const struct ms_field *p_flags, *p_slab_cache, *p_s_mem, *p_freelist, *p_active,
		*p_first_page;
	uint64_t p_lru;
	int pg_slab, pg_tail;
	unsigned idx_size;		/* sizeof(freelist_idx_t) */
	long next_off;			/* list_head.next */
	uint64_t max_slabs;		/* a list longer than every page is broken */
	uint64_t page_size;
	int nr_cpus, nr_node_ids;
	uint64_t *cpu_offset;
	/* a walk's chunk of slabs and their freelists (walk_list()), kept */
	struct slab_ent *ents;
	struct fl_ref *refs;
	unsigned char *fl_arena;
	bool walking;
};

/* ---------------------------------------------------------------------- */
/* the layout                                                             */

static struct ms_error *state_build(struct ms_program *prog, struct ms_slab_state *st)
{
	const struct ms_type *cache_t, *node_t, *ac_t, *page_t, *t;
	const struct ms_field *f;
	const struct ms_mm *mm;
	uint64_t len;
	struct ms_error *err;

	err = ms_symbol_value(prog, "slab_caches", &st->slab_caches);
	if (err)
		return ms_error_prepend(err, "kmem cache slab subsystem not available");
	if (!(cache_t = ms_type_get(prog, "struct kmem_cache")) ||
	    !(node_t = ms_type_get(prog, "struct kmem_cache_node")) ||
	    !(ac_t = ms_type_get(prog, "struct array_cache")))
		return ms_error_lookup("struct kmem_cache",
				       "kmem cache slab subsystem not available: no SLAB types "
				       "(struct kmem_cache, kmem_cache_node, array_cache)");
	err = ms_mm(prog, MS_MM_PAGES | MS_MM_ZONES, &mm);
	if (err)
		return err;
	page_t = mm->page_type;
	st->page_size = mm->page_size;
	st->max_slabs = mm->max_pfn + 1;
	if ((err = ms_list_head_offsets(prog, &st->next_off, NULL)))
		return err;
	st->pg_slab = mm->pg_slab;
	st->pg_tail = mm->pg_tail;
	st->page_len = mm->page_struct_size;

	len = 0;
	if ((err = ms_slab_field(prog, cache_t, "cpu_cache", &st->c_cpu_cache, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "batchcount", &st->c_batchcount, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "limit", &st->c_limit, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "shared", &st->c_shared, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "size", &st->c_size, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "flags", &st->c_flags, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "num", &st->c_num, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "gfporder", &st->c_gfporder, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "name", &st->c_name, &len)) ||
	    (err = ms_slab_field(prog, cache_t, "object_size", &st->c_object_size, &len)))
		return err;
	/* CONFIG_DEBUG_SLAB only */
	err = ms_slab_field(prog, cache_t, "obj_offset", &st->c_obj_offset, &len);
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		st->c_obj_offset = NULL;
	if (err)
		return err;
	if ((err = ms_slab_field(prog, cache_t, "list", &f, NULL)))
		return err;
	st->c_list = f->offset;
	if ((err = ms_slab_field(prog, cache_t, "node", &f, NULL)))
		return err;
	st->c_node = f->offset;
	{
		uint64_t n = 0, el = 0;

		if ((err = ms_field_array(f, &n, &el)))
			return err;
		st->c_node_len = n;
	}
	st->cache_len = len;

	len = 0;
	if ((err = ms_slab_field(prog, node_t, "slabs_partial", &f, &len)))
		return err;
	st->n_lists[MS_SLAB_PARTIAL] = f->offset;
	if ((err = ms_slab_field(prog, node_t, "slabs_full", &f, &len)))
		return err;
	st->n_lists[MS_SLAB_FULL] = f->offset;
	if ((err = ms_slab_field(prog, node_t, "slabs_free", &f, &len)))
		return err;
	st->n_lists[MS_SLAB_FREE] = f->offset;
	if ((err = ms_slab_field(prog, node_t, "free_objects", &st->n_free_objects, &len)) ||
	    (err = ms_slab_field(prog, node_t, "shared", &st->n_shared, &len)) ||
	    (err = ms_slab_field(prog, node_t, "alien", &st->n_alien, &len)))
		return err;
	st->node_len = len;

	if ((err = ms_slab_field(prog, ac_t, "avail", &st->ac_avail, NULL)) ||
	    (err = ms_slab_field(prog, ac_t, "limit", &st->ac_limit, NULL)) ||
	    (err = ms_slab_field(prog, ac_t, "entry", &f, NULL)))
		return err;
	st->ac_entry = f->offset;
	if ((t = ms_type_get(prog, "struct alien_cache")) &&
	    ms_error_ok(ms_field_find(prog, t, "ac", &f)))
		st->alien_ac = f->offset;

	if ((err = ms_slab_field(prog, page_t, "flags", &st->p_flags, NULL)) ||
	    (err = ms_slab_field(prog, page_t, "slab_cache", &st->p_slab_cache, NULL)) ||
	    (err = ms_slab_field(prog, page_t, "s_mem", &st->p_s_mem, NULL)) ||
	    (err = ms_slab_field(prog, page_t, "freelist", &st->p_freelist, NULL)) ||
	    (err = ms_slab_field(prog, page_t, "active", &st->p_active, NULL)) ||
	    (err = ms_slab_field(prog, page_t, "lru", &f, NULL)))
		return err;
	st->p_lru = f->offset;
	err = ms_slab_field(prog, page_t, "first_page", &st->p_first_page, NULL);
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		st->p_first_page = NULL;
	if (err)
		return err;

	/*
	 * freelist_idx_t is a byte when a page holds at most 256 of the
	 * smallest objects (mm/slab.c FREELIST_BYTE_INDEX), else a short; the
	 * typedef says which, when the debuginfo kept it.
	 */
	t = ms_type_get(prog, "freelist_idx_t");
	st->idx_size = t ? (unsigned)ms_type_size(t) : 1;
	if (st->idx_size != 1 && st->idx_size != 2)
		return ms_error_lookup("freelist_idx_t", "freelist_idx_t of %u bytes", st->idx_size);

	return ms_slab_cpus_nodes(prog, st->c_node_len, &st->nr_node_ids, &st->nr_cpus,
				  &st->cpu_offset);
}

MS_SLAB_DEFINE_STATE(slab_state, struct ms_slab_state, slab, state_build)

void ms_slab_free(struct ms_program *prog)
{
	struct ms_slab_state *st = prog->slab;

	if (!st)
		return;
	ms_error_destroy(st->err);
	free(st->cpu_offset);
	free(st->ents);
	free(st->refs);
	free(st->fl_arena);
	free(st);
	prog->slab = NULL;
}

const char *ms_slab_list_name(enum ms_slab_list l)
{
	static const char *const names[] = {
		[MS_SLAB_PARTIAL] = "partial",
		[MS_SLAB_FULL] = "full",
		[MS_SLAB_FREE] = "free",
		[MS_SLAB_CPU_SLAB] = "cpu",
		[MS_SLAB_CPU_PARTIAL] = "cpu partial",
	};
	return names[l];
}

/* ---------------------------------------------------------------------- */
/* caches                                                                 */

struct ms_error *ms_slab_cache_read(struct ms_program *prog, uint64_t addr,
				    struct ms_slab_cache *c)
{
	struct ms_slab_state *st;
	struct ms_error *err;
	unsigned char *buf;
	uint64_t name;

	if (ms_slub_detect(prog))
		return ms_slub_cache_read(prog, addr, c);
	if ((err = slab_state(prog, &st)) ||
	    (err = ms_slab_cache_bytes(prog, addr, st->cache_len, st->c_node, st->nr_node_ids, c,
				       &buf)))
		return err;
	c->cpu_cache = ms_field_get_u64(st->c_cpu_cache, buf);
	c->batchcount = ms_field_get_u64(st->c_batchcount, buf);
	c->limit = ms_field_get_u64(st->c_limit, buf);
	c->shared = ms_field_get_u64(st->c_shared, buf);
	c->size = ms_field_get_u64(st->c_size, buf);
	c->flags = ms_field_get_u64(st->c_flags, buf);
	c->num = ms_field_get_u64(st->c_num, buf);
	c->gfporder = ms_field_get_u64(st->c_gfporder, buf);
	c->object_size = ms_field_get_u64(st->c_object_size, buf);
	if (st->c_obj_offset) {
		c->obj_offset = ms_field_get_u64(st->c_obj_offset, buf);
		c->has_obj_offset = true;
	}
	name = ms_field_get_u64(st->c_name, buf);
	free(buf);
	ms_slab_cache_name(prog, name, st->page_size, c);
	return NULL;
}

struct ms_error *ms_slab_for_each_cache(struct ms_program *prog,
					struct ms_error *(*fn)(uint64_t cache, void *arg), void *arg)
{
	const struct ms_type *cache_t = ms_type_get(prog, "struct kmem_cache");
	const struct ms_field *list;
	struct ms_list_walk w = { 0 };
	uint64_t head;
	long next_off;
	struct ms_error *err;

	/* the same list for SLAB and SLUB: kmem_cache.list on slab_caches */
	err = ms_symbol_value(prog, "slab_caches", &head);
	if (err)
		return ms_error_prepend(err, "kmem cache slab subsystem not available");
	if (!cache_t)
		return ms_error_lookup("struct kmem_cache", "kmem cache slab subsystem not available: "
				       "no struct kmem_cache");
	if ((err = ms_field_find(prog, cache_t, "list", &list)) ||
	    (err = ms_list_head_offsets(prog, &next_off, NULL)))
		return err;
	if (!ms_slub_detect(prog)) {
		struct ms_slab_state *st;

		/* a kernel neither SLAB nor SLUB says so here */
		if ((err = slab_state(prog, &st)))
			return err;
	}
	w.head = head;
	w.next_offset = (long)list->offset;
	w.ptr_offset = next_off;
	w.circular = true;
	w.max = 1u << 20;
	err = ms_list_walk(prog, &w, fn, arg);
	if (err && err != &ms_interrupted_error && w.stop != MS_LIST_ERROR)
		err = ms_error_prepend(ms_list_error_context(&w, err), "slab_caches");
	return err;
}

struct find_arg {
	struct ms_program *prog;
	const char *name;
	uint64_t addr;
	struct ms_slab_cache *ret;
	bool found;
};

static struct ms_error *find_one(uint64_t cache, void *arg)
{
	struct find_arg *fa = arg;
	struct ms_error *err;

	if (!fa->name && cache != fa->addr)
		return NULL;
	err = ms_slab_cache_read(fa->prog, cache, fa->ret);
	if (err)
		return fa->name ? (ms_error_destroy(err), NULL) : err;
	if (fa->name && strcmp(fa->ret->name, fa->name))
		return NULL;
	fa->found = true;
	return &ms_stop;
}

struct ms_error *ms_slab_cache_find(struct ms_program *prog, const char *name, uint64_t addr,
				    struct ms_slab_cache *ret)
{
	struct find_arg fa = { prog, name, addr, ret, false };
	struct ms_error *err = ms_slab_for_each_cache(prog, find_one, &fa);

	if (err)
		return err;
	if (!fa.found) {
		if (name)
			return ms_error_lookup(name, "no kmem cache named %s", name);
		return ms_error_lookup(NULL, "no kmem cache at %" PRIx64, addr);
	}
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* slab pages                                                             */

struct ms_error *ms_slab_page_of(struct ms_program *prog, uint64_t addr, uint64_t *page_ret,
				 uint64_t *cache_ret)
{
	struct ms_slab_state *st;
	struct ms_error *err;
	struct ms_mm_addr ka;
	unsigned char buf[512];
	uint64_t page, flags;

	if (ms_slub_detect(prog))
		return ms_slub_page_of(prog, addr, page_ret, cache_ret);
	err = slab_state(prog, &st);
	*page_ret = 0;
	if (cache_ret)
		*cache_ret = 0;
	if (err)
		return err;
	if (st->page_len > sizeof(buf))
		return ms_error_lookup("struct page", "struct page of %" PRIu64 " bytes", st->page_len);
	ms_mm_resolve(prog, addr, false, &ka);
	if (ka.kind == MS_MM_ADDR_NONE || ka.kind == MS_MM_ADDR_PHYS)
		return NULL;
	page = ka.page;
	if ((err = ms_readmem(prog, page, MS_KVADDR, buf, st->page_len, "page struct")))
		return err;
	flags = ms_field_get_u64(st->p_flags, buf);
	/* a compound slab's tail pages point at the head (4.0: first_page) */
	if (ms_mm_flag(flags, st->pg_tail) && st->p_first_page) {
		uint64_t tail = page, tail_flags = flags;

		page = ms_field_get_u64(st->p_first_page, buf);
		if ((err = ms_readmem(prog, page, MS_KVADDR, buf, st->page_len, "page struct"))) {
			/* damaged flags or first_page: say which page has them */
			struct ms_error *c = ms_error_corrupt(tail, "page %" PRIx64 ": flags %#" PRIx64
							      " say PG_tail, but its first_page %"
							      PRIx64 " cannot be read: %s", tail,
							      tail_flags, page, err->message);

			ms_error_destroy(err);
			return c;
		}
		flags = ms_field_get_u64(st->p_flags, buf);
	}
	if (!ms_mm_flag(flags, st->pg_slab))
		return NULL;
	*page_ret = page;
	if (cache_ret)
		*cache_ret = ms_field_get_u64(st->p_slab_cache, buf);
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* the objects in arrays: a hash set of addresses                         */

struct cached_ent {
	uint64_t addr;		/* 0: empty */
	uint8_t state;
	uint8_t seen;		/* matched by a slab of this cache */
	uint16_t idx;		/* its entry in the array (avail <= 1 << 16) */
	int32_t where;
};

struct cached_set {
	struct cached_ent *v;
	size_t cap, nr;		/* cap: a power of two */
};

static inline size_t cs_hash(uint64_t a, size_t cap)
{
	a ^= a >> 29;
	a *= 0xbf58476d1ce4e5b9ULL;
	a ^= a >> 32;
	return (size_t)a & (cap - 1);
}

static struct cached_ent *cs_find(const struct cached_set *s, uint64_t addr)
{
	size_t i;

	if (!s->nr)
		return NULL;
	for (i = cs_hash(addr, s->cap); s->v[i].addr; i = (i + 1) & (s->cap - 1))
		if (s->v[i].addr == addr)
			return &s->v[i];
	return NULL;
}

/* Insert @addr; *@dup_ret the entry already there, if any. */
static struct ms_error *cs_add(struct cached_set *s, uint64_t addr, int state, int where,
			       uint16_t idx, struct cached_ent **dup_ret)
{
	size_t i;

	*dup_ret = NULL;
	if ((s->nr + 1) * 2 > s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 256;
		struct cached_ent *nv = calloc(ncap, sizeof(*nv));

		if (!nv)
			return &ms_enomem;
		for (size_t k = 0; k < s->cap; k++) {
			if (!s->v[k].addr)
				continue;
			for (i = cs_hash(s->v[k].addr, ncap); nv[i].addr; i = (i + 1) & (ncap - 1))
				;
			nv[i] = s->v[k];
		}
		free(s->v);
		s->v = nv;
		s->cap = ncap;
	}
	for (i = cs_hash(addr, s->cap); s->v[i].addr; i = (i + 1) & (s->cap - 1)) {
		if (s->v[i].addr == addr) {
			*dup_ret = &s->v[i];
			return NULL;
		}
	}
	s->v[i].addr = addr;
	s->v[i].state = (uint8_t)state;
	s->v[i].idx = idx;
	s->v[i].where = where;
	s->nr++;
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* the walk                                                               */

/* An array_cache gathered: where it is, for the messages about its entries. */
struct array_ref {
	uint64_t ac;
	int state, where;
};

struct walk {
	struct ms_program *prog;
	struct ms_slab_state *st;
	struct ms_slab_cache *c;
	const struct ms_slab_visitor *v;
	void *arg;
	struct cached_set cached;
	struct cached_set cached_pages;	/* the slab pages of those objects */
	struct array_ref *arrays;	/* the array_caches gathered, to name them */
	size_t nr_arrays, cap_arrays;
	/* per slab */
	unsigned char *page_buf;
	unsigned char *fl_buf;		/* num * idx_size */
	uint8_t *obj_state;		/* num */
	int32_t *obj_where;		/* num */
	unsigned char *mem;		/* the slab's bytes (objects checked or callers) */
	/* per chunk of a list (walk_list()) */
	struct slab_ent *ents;		/* SLAB_CHUNK */
	struct fl_ref *refs;		/* SLAB_CHUNK */
	unsigned char *fl_arena;	/* FL_ARENA: their freelists */
	struct slab_ent *own_ents;	/* those, when the program's are in use */
	struct fl_ref *own_refs;
	unsigned char *own_arena;
	bool owns_state;		/* set st->walking */
	/* per list */
	int node;
	enum ms_slab_list list;
	uint64_t heads[MS_SLAB_MAX_NODES * 3];
	int nr_heads;
	uint64_t node_free[MS_SLAB_MAX_NODES];
	bool stopped;
};

static const char *const state_names[] = {
	[MS_SLAB_OBJ_INUSE] = "allocated",
	[MS_SLAB_OBJ_FREE] = "free",
	[MS_SLAB_OBJ_CPU] = "cpu",
	[MS_SLAB_OBJ_SHARED] = "shared",
	[MS_SLAB_OBJ_ALIEN] = "alien",
};

/* ms_slab_problem() for walk @w: its cache, visitor and argument */
#define problem(w, ...) ms_slab_problem((w)->c, (w)->v, (w)->arg, __VA_ARGS__)

static void where_name(int state, int where, char *buf, size_t len)
{
	if (state == MS_SLAB_OBJ_CPU)
		snprintf(buf, len, "cpu %d array", where);
	else if (state == MS_SLAB_OBJ_SHARED)
		snprintf(buf, len, "node %d shared array", where);
	else if (state == MS_SLAB_OBJ_ALIEN)
		snprintf(buf, len, "node %d alien array %d", where / MS_SLAB_MAX_NODES,
			 where % MS_SLAB_MAX_NODES);
	else
		snprintf(buf, len, "%s", state_names[state]);
}

/* The address of the array_cache gathered as (@state, @where), or 0. */
static uint64_t array_addr(const struct walk *w, int state, int where)
{
	for (size_t k = 0; k < w->nr_arrays; k++)
		if (w->arrays[k].state == state && w->arrays[k].where == where)
			return w->arrays[k].ac;
	return 0;
}

/*
 * Array entry @ce by its array_cache, so that a double free can be found
 * in the dump: "cpu 0 array_cache ADDR entry[IDX]".
 */
static void entry_name(const struct walk *w, const struct cached_ent *ce, char *buf, size_t len)
{
	char wn[64];

	where_name(ce->state, ce->where, wn, sizeof(wn));
	snprintf(buf, len, "%s_cache %" PRIx64 " entry[%u]", wn,
		 array_addr(w, ce->state, ce->where), ce->idx);
}

/*
 * Remember the slab page of array entry @obj, so that only the slabs with
 * objects in arrays are searched object by object; an entry in no slab
 * page of this cache is reported here.
 */
static struct ms_error *note_page(struct walk *w, uint64_t obj, const char *wn)
{
	struct cached_ent *dup;
	uint64_t page, cache;
	struct ms_error *err = ms_slab_page_of(w->prog, obj, &page, &cache);

	if (err) {
		problem(w, MS_SLAB_PROB_ARRAY, 0, obj, "%s = %" PRIx64 ": %s", wn, obj,
			err->message);
		ms_error_destroy(err);
		cs_find(&w->cached, obj)->seen = 1;	/* said */
		return NULL;
	}
	if (!page || cache != w->c->addr) {
		problem(w, MS_SLAB_PROB_ARRAY, page, obj,
			"%s = %" PRIx64 " is not an object of a slab of this cache", wn, obj);
		cs_find(&w->cached, obj)->seen = 1;
		return NULL;
	}
	return cs_add(&w->cached_pages, page, 0, 0, 0, &dup);
}

/*
 * Gather the array_cache at @ac: every entry into the set.  An entry must
 * be an object of this cache, and in no other array.
 */
static struct ms_error *gather_array(struct walk *w, uint64_t ac, int state, int where,
				     uint64_t *count)
{
	struct ms_slab_state *st = w->st;
	uint64_t avail, limit, *ent;
	unsigned char hdr[64];
	char wn[64];
	struct ms_error *err;
	size_t hlen = st->ac_entry < sizeof(hdr) ? st->ac_entry : sizeof(hdr);

	where_name(state, where, wn, sizeof(wn));
	err = ms_readmem(w->prog, ac, MS_KVADDR, hdr, hlen, "array_cache");
	if (err) {
		problem(w, MS_SLAB_PROB_READ, 0, ac, "%s %" PRIx64 ": %s", wn, ac, err->message);
		ms_error_destroy(err);
		return NULL;
	}
	avail = ms_field_get_u64(st->ac_avail, hdr);
	limit = ms_field_get_u64(st->ac_limit, hdr);
	if (!avail)
		return NULL;
	if (!ms_array_grow(&w->arrays, &w->cap_arrays, w->nr_arrays + 1, 16))
		return &ms_enomem;
	w->arrays[w->nr_arrays++] = (struct array_ref){ ac, state, where };
	if (avail > limit || avail > 1u << 16) {
		problem(w, MS_SLAB_PROB_COUNTER, 0, ac, "%s %" PRIx64 ": avail %" PRIu64
			" greater than limit %" PRIu64, wn, ac, avail, limit);
		return NULL;
	}
	ent = malloc(avail * 8);
	if (!ent)
		return &ms_enomem;
	err = ms_readmem(w->prog, ac + st->ac_entry, MS_KVADDR, ent, avail * 8, "array_cache entry");
	if (err) {
		problem(w, MS_SLAB_PROB_READ, 0, ac, "%s %" PRIx64 ": %s", wn, ac, err->message);
		ms_error_destroy(err);
		free(ent);
		return NULL;
	}
	*count += avail;
	for (uint64_t i = 0; i < avail; i++) {
		struct cached_ent *dup;

		err = cs_add(&w->cached, ent[i], state, where, (uint16_t)i, &dup);
		if (err)
			break;
		if (!dup) {
			char en[96];

			snprintf(en, sizeof(en), "%s_cache %" PRIx64 " entry[%" PRIu64 "]", wn, ac, i);
			if ((err = note_page(w, ent[i], en)))
				break;
		}
		if (dup) {
			char dn[96];

			/* freed twice: both entries, each by its array_cache */
			entry_name(w, dup, dn, sizeof(dn));
			problem(w, MS_SLAB_PROB_TWICE, 0, ent[i],
				"object %" PRIx64 " in the %s and the %s_cache %" PRIx64
				" entry[%" PRIu64 "]", ent[i], dn, wn, ac, i);
		}
	}
	free(ent);
	return err;
}

static struct ms_error *gather_arrays(struct walk *w)
{
	struct ms_slab_state *st = w->st;
	struct ms_slab_cache *c = w->c;
	struct ms_error *err;
	unsigned char *nbuf;

	if (c->cpu_cache) {
		for (int cpu = 0; cpu < st->nr_cpus; cpu++) {
			err = gather_array(w, c->cpu_cache + st->cpu_offset[cpu], MS_SLAB_OBJ_CPU, cpu,
					   &c->cpu_avail);
			if (err)
				return err;
		}
	}
	nbuf = malloc(st->node_len);
	if (!nbuf)
		return &ms_enomem;
	for (int node = 0; node < c->nr_nodes; node++) {
		uint64_t shared, alien;

		if (!c->node[node])
			continue;
		err = ms_readmem(w->prog, c->node[node], MS_KVADDR, nbuf, st->node_len,
				 "kmem_cache_node");
		if (err) {
			problem(w, MS_SLAB_PROB_READ, 0, c->node[node], "node %d kmem_cache_node %" PRIx64
				": %s", node, c->node[node], err->message);
			ms_error_destroy(err);
			err = NULL;
			continue;
		}
		shared = ms_field_get_u64(st->n_shared, nbuf);
		alien = ms_field_get_u64(st->n_alien, nbuf);
		if (shared && (err = gather_array(w, shared, MS_SLAB_OBJ_SHARED, node,
						  &c->shared_avail)))
			break;
		if (!alien || !st->alien_ac)
			continue;
		for (int i = 0; i < c->nr_nodes; i++) {
			uint64_t alc = 0;

			err = ms_read_u64(w->prog, alien + (uint64_t)i * 8, &alc, "alien_cache pointer");
			if (err) {
				problem(w, MS_SLAB_PROB_READ, 0, alien, "node %d alien %" PRIx64 ": %s",
					node, alien, err->message);
				ms_error_destroy(err);
				err = NULL;
				break;
			}
			if (alc && (err = gather_array(w, alc + st->alien_ac, MS_SLAB_OBJ_ALIEN,
							node * MS_SLAB_MAX_NODES + i, &c->alien_avail)))
				break;
		}
		if (err)
			break;
	}
	free(nbuf);
	return err;
}

static uint64_t get_u64le(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/*
 * Red zones and poison of object @o, whose bytes start at @p
 * (CONFIG_DEBUG_SLAB: mm/slab.c dbg_redzone1/2, poison_obj()).
 */
static void check_object(struct walk *w, const struct ms_slab *s, const struct ms_slab_obj *o,
			 const unsigned char *p)
{
	struct ms_slab_cache *c = w->c;
	bool live = o->state == MS_SLAB_OBJ_INUSE;

	if ((c->flags & MS_SLAB_RED_ZONE) && c->has_obj_offset && c->obj_offset >= 8 &&
	    c->size >= 16) {
		uint64_t want = live ? MS_SLAB_RED_ACTIVE : MS_SLAB_RED_INACTIVE;
		uint64_t off2 = c->size - ((c->flags & MS_SLAB_STORE_USER) ? 16 : 8);
		uint64_t r1 = get_u64le(p + c->obj_offset - 8), r2 = get_u64le(p + off2);

		if (r1 != want)
			problem(w, MS_SLAB_PROB_REDZONE, s->page, o->addr,
				"slab %" PRIx64 ": %s object %" PRIx64 ": red zone 1 at %" PRIx64
				" is %016" PRIx64 ", not %s %016" PRIx64, s->page,
				state_names[o->state], o->addr,
				o->addr + c->obj_offset - 8, r1, live ? "RED_ACTIVE" : "RED_INACTIVE",
				want);
		if (r2 != want)
			problem(w, MS_SLAB_PROB_REDZONE, s->page, o->addr,
				"slab %" PRIx64 ": %s object %" PRIx64 ": red zone 2 at %" PRIx64
				" is %016" PRIx64 ", not %s %016" PRIx64, s->page,
				state_names[o->state], o->addr, o->addr + off2,
				r2, live ? "RED_ACTIVE" : "RED_INACTIVE", want);
	}
	if ((c->flags & MS_SLAB_POISON) && !live && c->object_size &&
	    c->obj_offset + c->object_size <= c->size) {
		const unsigned char *q = p + c->obj_offset;
		uint64_t n = c->object_size;

		for (uint64_t k = 0; k < n; k++) {
			unsigned char want = k == n - 1 ? MS_SLAB_POISON_END : MS_SLAB_POISON_FREE;

			if (q[k] != want) {
				problem(w, MS_SLAB_PROB_POISON, s->page, o->addr,
					"slab %" PRIx64 ": %s object %" PRIx64 ": poison "
					"overwritten at %" PRIx64 " (byte %" PRIu64 " of %" PRIu64
					" is %02x, not %02x)", s->page, state_names[o->state], o->addr, o->addr + c->obj_offset + k,
					k, n, q[k], want);
				break;
			}
		}
	}
}

/* Whether slab @page is handed to the visitor. */
static bool visits(const struct walk *w, uint64_t page)
{
	const struct ms_slab_visitor *v = w->v;

	return v && (v->slab || v->object) && (!v->only_slab || v->only_slab == page);
}

/*
 * Whether the freelist of slab @page is read.  Counting needs only active
 * (free = num - active, as crash counts); the freelist is read where
 * objects are looked at: to list them, to check them, or where an array
 * holds some of them (an object both free and cached is on two lists).
 */
static bool reads_freelist(const struct walk *w, uint64_t page)
{
	return (w->v && w->v->check_objects && (!w->v->only_slab || w->v->only_slab == page)) ||
	       visits(w, page) ||
	       cs_find(&w->cached_pages, page) != NULL;
}

/* One slab page, gathered from a list: count it, check it, visit it. */
static struct ms_error *walk_slab(struct walk *w, const struct slab_ent *e)
{
	struct ms_slab_state *st = w->st;
	struct ms_slab_cache *c = w->c;
	const struct ms_slab_visitor *v = w->v;
	struct ms_slab s = { .page = e->page, .s_mem = e->s_mem, .freelist = e->freelist,
			     .active = e->active, .node = w->node, .list = w->list };
	const char *ln = ms_slab_list_name(w->list);
	uint64_t page = e->page, nfree, active = e->active, i;
	const unsigned char *fl = e->fl;
	bool visit, check, need_mem, has_cached;
	struct ms_error *err;

	c->num_slabs++;
	c->list_slabs[w->list]++;
	c->list_active[w->list] += active;
	if (w->list != MS_SLAB_FREE)
		c->active_slabs++;
	if (e->cache != c->addr)
		problem(w, MS_SLAB_PROB_LIST, page, 0,
			"node %d %s list: slab %" PRIx64 " belongs to cache %" PRIx64, w->node, ln,
			page, e->cache);
	if (active > c->num) {
		problem(w, MS_SLAB_PROB_ACTIVE, page, 0,
			"node %d %s list: slab %" PRIx64 ": bad active counter: %" PRIu64
			" (num %" PRIu64 ")", w->node, ln, page, active, c->num);
		active = c->num;
	} else if ((w->list == MS_SLAB_PARTIAL && (active == 0 || active == c->num)) ||
		   (w->list == MS_SLAB_FULL && active != c->num) ||
		   (w->list == MS_SLAB_FREE && active != 0)) {
		problem(w, MS_SLAB_PROB_ACTIVE, page, 0,
			"node %d %s list: slab %" PRIx64 ": bad active counter: %" PRIu64
			" (num %" PRIu64 ")", w->node, ln, page, active, c->num);
	}
	c->slab_active += active;

	/* freelist[active .. num-1]: the indices of the free objects */
	has_cached = cs_find(&w->cached_pages, page) != NULL;
	visit = visits(w, page);
	check = v && v->check_objects && (!v->only_slab || v->only_slab == page);
	memset(w->obj_state, MS_SLAB_OBJ_INUSE, c->num);
	nfree = c->num - active;
	if (!reads_freelist(w, page)) {
		s.nr_free = nfree;
		nfree = 0;
	} else if (nfree && !fl) {
		/* not fetched with its neighbours (or they could not be read) */
		err = ms_readmem(w->prog, s.freelist + active * st->idx_size, MS_KVADDR, w->fl_buf,
				 nfree * st->idx_size, "slab freelist");
		if (err) {
			problem(w, MS_SLAB_PROB_READ, page, s.freelist, "slab %" PRIx64
				": freelist %" PRIx64 ": %s", page, s.freelist, err->message);
			ms_error_destroy(err);
			nfree = 0;
		}
		fl = w->fl_buf;
	}
	for (i = 0; i < nfree; i++) {
		uint64_t idx = st->idx_size == 1 ? fl[i] :
			(uint64_t)fl[2 * i] | (uint64_t)fl[2 * i + 1] << 8;
		uint64_t obj = s.s_mem + idx * c->size;
		struct cached_ent *ce;

		if (idx >= c->num) {
			problem(w, MS_SLAB_PROB_FREELIST, page, s.freelist + (active + i) * st->idx_size,
				"slab %" PRIx64 ": freelist[%" PRIu64 "] = %" PRIu64
				" out of range (num %" PRIu64 ")", page, active + i, idx, c->num);
			continue;
		}
		if (w->obj_state[idx] == MS_SLAB_OBJ_FREE) {
			problem(w, MS_SLAB_PROB_TWICE, page, obj,
				"slab %" PRIx64 ": object %" PRIx64 " (index %" PRIu64
				") on its freelist twice", page, obj, idx);
			continue;
		}
		w->obj_state[idx] = MS_SLAB_OBJ_FREE;
		s.nr_free++;
		if (has_cached && (ce = cs_find(&w->cached, obj))) {
			char wn[96];

			entry_name(w, ce, wn, sizeof(wn));
			ce->seen = 1;
			problem(w, MS_SLAB_PROB_TWICE, page, obj,
				"slab %" PRIx64 ": object %" PRIx64 " on its freelist and in the %s",
				page, obj, wn);
		}
	}
	c->free_in_slabs += s.nr_free;
	w->node_free[w->node] += s.nr_free;

	if (has_cached) {
		for (i = 0; i < c->num; i++) {
			struct cached_ent *ce;

			if (w->obj_state[i] != MS_SLAB_OBJ_INUSE)
				continue;
			if (!(ce = cs_find(&w->cached, s.s_mem + i * c->size)))
				continue;
			ce->seen = 1;
			w->obj_state[i] = ce->state;
			w->obj_where[i] = ce->where;
			s.nr_cached++;
		}
	}
	/* the objects' bytes: red zones and poison checked, callers read */
	need_mem = (check && (c->flags & (MS_SLAB_RED_ZONE | MS_SLAB_POISON))) ||
		   (visit && v->object && v->want_caller && (c->flags & MS_SLAB_STORE_USER));
	if (visit && v->slab && (err = v->slab(c, &s, w->arg)))
		goto stop;
	if (!(visit && v->object) && !need_mem)
		return NULL;
	if (need_mem) {
		err = ms_readmem(w->prog, s.s_mem, MS_KVADDR, w->mem, c->num * c->size, "slab objects");
		if (err) {
			problem(w, MS_SLAB_PROB_READ, page, s.s_mem, "slab %" PRIx64 ": objects: %s",
				page, err->message);
			ms_error_destroy(err);
			need_mem = false;
		}
	}
	for (i = 0; i < c->num; i++) {
		struct ms_slab_obj o = {
			.addr = s.s_mem + i * c->size,
			.index = i,
			.state = w->obj_state[i],
			.where = w->obj_state[i] >= MS_SLAB_OBJ_CPU ? w->obj_where[i] : -1,
		};
		const unsigned char *p = w->mem + i * c->size;

		if (need_mem && (c->flags & MS_SLAB_STORE_USER) && c->size >= 8)
			o.caller = get_u64le(p + c->size - 8);
		if (need_mem && check)
			check_object(w, &s, &o, p);
		if (visit && v->object && (err = v->object(c, &s, &o, w->arg)))
			goto stop;
	}
	return NULL;
stop:
	if (err == &ms_stop)
		w->stopped = true;
	return err;
}

static int cmp_fl_ref(const void *a, const void *b)
{
	const struct fl_ref *p = a, *q = b;

	return p->start < q->start ? -1 : p->start > q->start;
}

/*
 * Read the freelists that walk_slab() will want of the @n gathered slabs
 * in address order, neighbours (a freelist sits at the start of its slab,
 * or in an off-slab cache's objects) in one read each: a read per slab
 * costs a system call on a cold page, and slabs of a cache lie mostly in
 * runs of pages.  A freelist not read here (a span that could not be read,
 * or the arena full) is read alone by walk_slab(), which reports it.
 */
static void fetch_freelists(struct walk *w, size_t n)
{
	struct ms_slab_state *st = w->st;
	uint64_t gap = 2 * st->page_size;
	size_t m = 0, used = 0, i, j;

	for (i = 0; i < n; i++) {
		struct slab_ent *e = &w->ents[i];
		uint64_t start = e->freelist + e->active * st->idx_size;
		uint64_t len = (w->c->num - e->active) * st->idx_size;

		e->fl = NULL;
		if (e->active >= w->c->num || start + len < start || !reads_freelist(w, e->page))
			continue;
		w->refs[m++] = (struct fl_ref){ start, start + len, (uint32_t)i };
	}
	qsort(w->refs, m, sizeof(*w->refs), cmp_fl_ref);
	for (i = 0; i < m; i = j) {
		uint64_t start = w->refs[i].start, end = w->refs[i].end;
		struct ms_error *err;

		for (j = i + 1; j < m; j++) {
			uint64_t e = w->refs[j].end > end ? w->refs[j].end : end;

			if ((w->refs[j].start > end && w->refs[j].start - end > gap) ||
			    e - start > FL_ARENA - used)
				break;
			end = e;
		}
		if (end - start > FL_ARENA - used)
			break;
		err = ms_readmem(w->prog, start, MS_KVADDR, w->fl_arena + used, end - start,
				 "slab freelists");
		if (err) {
			ms_error_destroy(err);
			continue;
		}
		for (size_t k = i; k < j; k++)
			w->ents[w->refs[k].ent].fl = w->fl_arena + used + (w->refs[k].start - start);
		used += end - start;
	}
}

/*
 * Walk one slab list from its head, SLAB_CHUNK slabs at a time: gather
 * each slab page (read once, its lru.next taken from that copy), fetch
 * their freelists together, then count, check and visit them in list
 * order.  A cycle that does not come back to the head is caught by
 * Brent's algorithm (no memory), a runaway list by a bound of every page
 * of memory; either, or a pointer or page that cannot be read, is reported
 * after the slabs before it, and ends this list only.
 */
static struct ms_error *walk_list(struct walk *w, uint64_t head)
{
	struct ms_slab_state *st = w->st;
	const char *ln = ms_slab_list_name(w->list);
	uint64_t link, tortoise = head, power = 1, lam = 0, n = 0;
	struct ms_error *err;

	err = ms_read_u64(w->prog, head + st->next_off, &link, "kmem_cache_node list_head");
	if (err) {
		problem(w, MS_SLAB_PROB_LIST, 0, head, "node %d %s list: head %" PRIx64 ": %s",
			w->node, ln, head, err->message);
		ms_error_destroy(err);
		w->c->incomplete = true;
		return NULL;
	}
	while (link != head) {
		struct { enum ms_slab_problem_kind kind; uint64_t slab, object; char msg[256]; }
			end = { .kind = MS_SLAB_PROB_LIST };
		size_t nr = 0;

		/* gather */
		while (link != head && nr < SLAB_CHUNK && !end.msg[0]) {
			uint64_t page = link - st->p_lru;
			struct slab_ent *e = &w->ents[nr];

			if (!link) {
				end.object = head;
				snprintf(end.msg, sizeof(end.msg), "node %d %s list: list_head %" PRIx64
					 ": NULL next pointer", w->node, ln, head);
				break;
			}
			if (link == tortoise || ++n > st->max_slabs) {
				end.slab = page;
				end.object = head;
				snprintf(end.msg, sizeof(end.msg), "node %d %s list: list_head %" PRIx64
					 ": entry %" PRIx64 ": %s", w->node, ln, head, page,
					 n > st->max_slabs ? "more slabs than pages, walk stopped" :
					 "duplicate entry (cycle)");
				break;
			}
			if (power == lam) {
				tortoise = link;
				power *= 2;
				lam = 0;
			}
			lam++;
			if (ms_interrupted())
				return &ms_interrupted_error;
			for (int k = 0; k < w->nr_heads; k++) {
				if (link == w->heads[k]) {
					/* crash: "slab chain inconsistency" */
					end.object = link;
					snprintf(end.msg, sizeof(end.msg), "node %d %s list: runs into "
						 "another list's head %" PRIx64, w->node, ln, link);
					break;
				}
			}
			if (end.msg[0])
				break;
			err = ms_readmem(w->prog, page, MS_KVADDR, w->page_buf, st->page_len,
					 "page (slab) buffer");
			if (err) {
				/* the page could not be read: its link neither */
				end.kind = MS_SLAB_PROB_READ;
				end.slab = page;
				snprintf(end.msg, sizeof(end.msg), "node %d %s list: slab %" PRIx64 ": %s",
					 w->node, ln, page, err->message);
				ms_error_destroy(err);
				break;
			}
			e->page = page;
			e->s_mem = ms_field_get_u64(st->p_s_mem, w->page_buf);
			e->freelist = ms_field_get_u64(st->p_freelist, w->page_buf);
			e->active = ms_field_get_u64(st->p_active, w->page_buf) & 0xffffffffu;
			e->cache = ms_field_get_u64(st->p_slab_cache, w->page_buf);
			link = get_u64le(w->page_buf + st->p_lru + st->next_off);
			nr++;
		}

		/* look at them */
		fetch_freelists(w, nr);
		for (size_t i = 0; i < nr; i++) {
			err = walk_slab(w, &w->ents[i]);
			if (err == &ms_stop)
				return NULL;
			if (err)
				return err;
		}
		if (end.msg[0]) {
			problem(w, end.kind, end.slab, end.object, "%s", end.msg);
			w->c->incomplete = true;
			return NULL;
		}
	}
	return NULL;
}

struct ms_error *ms_slab_cache_walk(struct ms_program *prog, struct ms_slab_cache *c,
				    const struct ms_slab_visitor *v, void *arg)
{
	struct walk w = { .prog = prog, .c = c, .v = v, .arg = arg };
	uint64_t node_free_objects[MS_SLAB_MAX_NODES] = { 0 };
	bool have_node[MS_SLAB_MAX_NODES] = { false };
	struct ms_slab_state *st;
	unsigned char *nbuf = NULL;
	struct ms_error *err;

	if (c->slub)
		return ms_slub_cache_walk(prog, c, v, arg);
	if ((err = slab_state(prog, &w.st)))
		return err;
	st = w.st;
	ms_slab_counts_reset(c);
	if (c->num > 1u << 16 || (c->num && c->size > (uint64_t)1 << 26) ||
	    c->num * c->size > (st->page_size << 12))
		return ms_error_corrupt(c->addr, "%s: kmem_cache %" PRIx64 ": num %" PRIu64
					", size %" PRIu64 " make no sense", c->name, c->addr, c->num,
					c->size);
	w.page_buf = malloc(st->page_len);
	w.fl_buf = malloc(c->num * st->idx_size + 1);
	w.obj_state = malloc(c->num + 1);
	w.obj_where = malloc((c->num + 1) * sizeof(*w.obj_where));
	w.mem = malloc(c->num * c->size + 1);
	/* the chunk buffers are the program's, kept from walk to walk */
	if (!st->ents) {
		st->ents = malloc(SLAB_CHUNK * sizeof(*st->ents));
		st->refs = malloc(SLAB_CHUNK * sizeof(*st->refs));
		st->fl_arena = malloc(FL_ARENA);
	}
	if (st->walking) {
		/* a walk from a visitor of another: buffers of its own */
		w.ents = w.own_ents = malloc(SLAB_CHUNK * sizeof(*w.ents));
		w.refs = w.own_refs = malloc(SLAB_CHUNK * sizeof(*w.refs));
		w.fl_arena = w.own_arena = malloc(FL_ARENA);
	} else {
		w.ents = st->ents;
		w.refs = st->refs;
		w.fl_arena = st->fl_arena;
		st->walking = true;
		w.owns_state = true;
	}
	nbuf = malloc(st->node_len);
	if (!w.page_buf || !w.fl_buf || !w.obj_state || !w.obj_where || !w.mem || !w.ents ||
	    !w.refs || !w.fl_arena || !nbuf) {
		err = &ms_enomem;
		goto out;
	}
	if ((err = gather_arrays(&w)))
		goto out;

	for (int node = 0; node < c->nr_nodes; node++) {
		if (!c->node[node])
			continue;
		for (int l = 0; l < 3; l++)
			w.heads[w.nr_heads++] = c->node[node] + st->n_lists[l];
	}
	for (int node = 0; node < c->nr_nodes; node++) {
		if (!c->node[node])
			continue;
		err = ms_readmem(prog, c->node[node], MS_KVADDR, nbuf, st->node_len, "kmem_cache_node");
		if (err) {
			/* reported by gather_arrays() */
			ms_error_destroy(err);
			err = NULL;
			c->incomplete = true;
			continue;
		}
		have_node[node] = true;
		node_free_objects[node] = ms_field_get_u64(st->n_free_objects, nbuf);
		w.node = node;
		for (int l = 0; l < 3; l++) {
			w.list = (enum ms_slab_list)l;
			err = walk_list(&w, c->node[node] + st->n_lists[l]);
			if (err)
				goto out;
			if (w.stopped)
				goto out;
		}
	}
	if (c->incomplete)
		goto out;
	for (int node = 0; node < c->nr_nodes; node++) {
		if (have_node[node] && node_free_objects[node] != w.node_free[node])
			problem(&w, MS_SLAB_PROB_COUNTER, 0, c->node[node],
				"node %d kmem_cache_node %" PRIx64 ": free_objects %" PRIu64
				", but the slabs' freelists hold %" PRIu64, node, c->node[node],
				node_free_objects[node], w.node_free[node]);
	}
	for (size_t k = 0; k < w.cached.cap; k++) {
		struct cached_ent *ce = &w.cached.v[k];
		char wn[96];

		if (!ce->addr || ce->seen)
			continue;
		entry_name(&w, ce, wn, sizeof(wn));
		problem(&w, MS_SLAB_PROB_ARRAY, 0, ce->addr,
			"%s = %" PRIx64 " is not an object of a slab of this cache", wn, ce->addr);
	}
out:
	c->num_objs = c->num_slabs * c->num;
	{
		uint64_t cached = c->cpu_avail + c->shared_avail + c->alien_avail;

		c->active_objs = c->slab_active > cached ? c->slab_active - cached : 0;
	}
	free(w.cached.v);
	free(w.cached_pages.v);
	free(w.arrays);
	free(w.page_buf);
	free(w.fl_buf);
	free(w.obj_state);
	free(w.obj_where);
	free(w.mem);
	free(w.own_ents);
	free(w.own_refs);
	free(w.own_arena);
	if (w.owns_state)
		st->walking = false;
	free(nbuf);
	return err == &ms_stop ? NULL : err;
}

void ms_slab_cache_slabinfo(const struct ms_slab_cache *c, struct ms_slabinfo *si)
{
	if (c->slub) {
		ms_slub_cache_slabinfo(c, si);
		return;
	}
	memset(si, 0, sizeof(*si));
	/* get_slabinfo(): a full slab counts num, whatever its active says */
	si->active_objs = c->list_slabs[MS_SLAB_FULL] * c->num + c->list_active[MS_SLAB_PARTIAL];
	si->active_slabs = c->list_slabs[MS_SLAB_FULL] + c->list_slabs[MS_SLAB_PARTIAL];
	si->num_slabs = si->active_slabs + c->list_slabs[MS_SLAB_FREE];
	si->num_objs = si->num_slabs * c->num;
	si->shared_avail = c->shared_avail;
	si->limit = c->limit;
	si->batchcount = c->batchcount;
	si->shared = c->shared;
	si->objperslab = c->num;
	si->pagesperslab = c->gfporder < 32 ? 1ULL << c->gfporder : 0;
	si->objsize = c->size;
	if (c->list_active[MS_SLAB_FULL] != c->list_slabs[MS_SLAB_FULL] * c->num)
		si->error = "slabs_full accounting error";
	else if (si->num_objs - si->active_objs != c->free_in_slabs)
		si->error = "free_objects accounting error";
}

struct counted {
	struct ms_program *prog;
	struct ms_slab_cache *v;
	size_t nr, cap;
};

static struct ms_error *read_one(uint64_t cache, void *arg)
{
	struct counted *cl = arg;
	struct ms_error *err;

	if (!ms_array_grow(&cl->v, &cl->cap, cl->nr + 1, 128))
		return &ms_enomem;
	err = ms_slab_cache_read(cl->prog, cache, &cl->v[cl->nr]);
	if (err)
		return err;
	cl->nr++;
	return NULL;
}

struct ms_error *ms_slab_caches_read(struct ms_program *prog, struct ms_slab_cache **ret,
				     size_t *nr_ret)
{
	struct counted cl = { .prog = prog };
	struct ms_error *err = ms_slab_for_each_cache(prog, read_one, &cl);

	if (err) {
		free(cl.v);
		return err;
	}
	*ret = cl.v;
	*nr_ret = cl.nr;
	return NULL;
}

struct ms_error *ms_slab_caches_counted(struct ms_program *prog,
					void (*on_problem)(const struct ms_slab_cache *c,
							   const struct ms_slab_problem *p, void *arg),
					void *arg, struct ms_slab_cache **ret, size_t *nr_ret)
{
	struct counted cl = { .prog = prog };
	struct ms_slab_visitor v = { .problem = on_problem };
	struct ms_error *err = ms_slab_caches_read(prog, &cl.v, &cl.nr);

	for (size_t i = 0; !err && i < cl.nr; i++) {
		err = ms_slab_cache_walk(prog, &cl.v[i], &v, arg);
		if (err && err != &ms_interrupted_error && err->kind != MS_ERR_NOMEM) {
			/* this cache cannot be counted: say so in its row */
			struct ms_slab_problem p = { MS_SLAB_PROB_READ, 0, cl.v[i].addr, err->message };

			if (on_problem)
				on_problem(&cl.v[i], &p, arg);
			ms_error_destroy(err);
			err = NULL;
			cl.v[i].incomplete = true;
		}
	}
	if (err) {
		free(cl.v);
		return err;
	}
	*ret = cl.v;
	*nr_ret = cl.nr;
	return NULL;
}
