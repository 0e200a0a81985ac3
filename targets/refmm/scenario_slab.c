// SPDX-License-Identifier: GPL-2.0-only
/*
 * scenario_slab.c - the object-level scenario steps: caches, kmalloc,
 * storms, leaks, mempools, failslab, and the clock (mmscope-scenario(5)).
 *
 * Caches are known by the name they were created with; a name the
 * scenario did not create is looked up on slab_caches (kmalloc-64,
 * dentry...).  A create that 4.0 merges into an existing cache returns
 * that cache, so the name is an alias of it, as in the kernel.
 *
 * Objects are kept in named object handles, apart from the page handles
 * of scenario_pages.c.  A handle holds objects of one kind -- from
 * kmem_cache_alloc(), kmalloc() or mempool_alloc() -- and each object
 * remembers its cache or pool, so the matching free step can return it.
 * Objects a handle still holds at the end stay allocated in the dump.
 *
 * The allocations are made here, so SLAB_STORE_USER (with
 * CONFIG_DEBUG_SLAB) records the address of a step function of this file
 * as each object's last user.
 */
/* Kernel headers first: their compiler.h owns __always_inline. */
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/mempool.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "refmm/machine.h"
#include "refmm/scn_steps.h"
#include "refmm/slab.h"
#include "slab.h"

enum scn_obj_kind { OBJ_CACHE, OBJ_KMALLOC, OBJ_MEMPOOL };

static const char *const obj_kind_names[] = {
	[OBJ_CACHE] = "kmem_cache_alloc",
	[OBJ_KMALLOC] = "kmalloc",
	[OBJ_MEMPOOL] = "mempool_alloc",
};

struct scn_obj {
	void *p;
	void *owner;		/* the kmem_cache or mempool_t; NULL: kmalloc */
};

struct scn_objs {
	char *name;
	enum scn_obj_kind kind;
	struct scn_obj *v;
	size_t n, cap;
};

struct scn_cache {
	char *name;
	struct kmem_cache *cache;
	int destroyed;		/* kmem_cache_destroy'ed (or refused) */
};

#define SCN_MAX_POOLS	64

struct scn_slab {
	struct scn_objs *h;
	size_t nh, caph;
	struct scn_cache *c;
	size_t nc, capc;
};

/* Pools outlive the run's bookkeeping: the truth file lists them. */
static struct scn_mempool_rec mempool_recs[SCN_MAX_POOLS];
static int nr_mempool_recs;

int scn_mempool_records(const struct scn_mempool_rec **ret)
{
	*ret = mempool_recs;
	return nr_mempool_recs;
}

struct scn_slab *scn_slab_create(void)
{
	return calloc(1, sizeof(struct scn_slab));
}

/* Only the bookkeeping goes: objects and caches stay for the dump. */
void scn_slab_destroy(struct scn_slab *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nh; i++) {
		free(s->h[i].name);
		free(s->h[i].v);
	}
	for (size_t i = 0; i < s->nc; i++)
		free(s->c[i].name);
	free(s->h);
	free(s->c);
	free(s);
}

/* ---- object handles ---- */

static struct scn_objs *objs_get(struct scn_ctx *c, const char *name,
				 enum scn_obj_kind kind, int create)
{
	void *n;
	struct scn_slab *s = c->slab;
	struct scn_objs *h;

	for (size_t i = 0; i < s->nh; i++) {
		h = &s->h[i];
		if (strcmp(h->name, name))
			continue;
		if (h->kind != kind) {
			scn_error(c, name, "handle holds objects from %s; use a handle of its own",
				  obj_kind_names[h->kind]);
			return NULL;
		}
		return h;
	}
	if (!create) {
		scn_error(c, name, "no such object handle (nothing was allocated under this name)");
		return NULL;
	}
	n = scn_grow(c, s->h, s->nh, &s->caph, sizeof(*s->h));
	if (!n)
		return NULL;
	s->h = n;
	h = &s->h[s->nh];
	memset(h, 0, sizeof(*h));
	h->name = strdup(name);
	if (!h->name) {
		scn_error(c, NULL, "out of memory");
		return NULL;
	}
	h->kind = kind;
	s->nh++;
	return h;
}

static int objs_add(struct scn_ctx *c, struct scn_objs *h, void *p, void *owner)
{
	void *n = scn_grow(c, h->v, h->n, &h->cap, sizeof(*h->v));

	if (!n)
		return -1;
	h->v = n;
	h->v[h->n].p = p;
	h->v[h->n].owner = owner;
	h->n++;
	return 0;
}

/* Does any handle still hold an object of @owner (a cache or a pool)? */
static size_t objs_of(struct scn_ctx *c, void *owner)
{
	size_t n = 0;

	for (size_t i = 0; i < c->slab->nh; i++)
		for (size_t j = 0; j < c->slab->h[i].n; j++)
			n += c->slab->h[i].v[j].owner == owner;
	return n;
}

/* ---- caches ---- */

static struct kmem_cache *cache_find(struct scn_ctx *c, const char *name)
{
	struct kmem_cache *cachep;

	for (size_t i = 0; i < c->slab->nc; i++) {
		struct scn_cache *e = &c->slab->c[i];

		if (strcmp(e->name, name))
			continue;
		if (e->destroyed) {
			scn_error(c, name, "cache was destroyed");
			return NULL;
		}
		return e->cache;
	}
	list_for_each_entry(cachep, &slab_caches, list)
		if (cachep->name && !strcmp(cachep->name, name))
			return cachep;
	scn_error(c, name, "no such cache (neither created by the scenario nor on slab_caches)");
	return NULL;
}

/* A cache name: printable, no blanks (they confuse /proc/slabinfo). */
static int check_cache_name(struct scn_ctx *c, const char *name)
{
	if (!name)
		return -1;
	if (!*name || strlen(name) > 63) {
		scn_error(c, name, "a cache name is 1 to 63 characters");
		return -1;
	}
	for (const char *p = name; *p; p++)
		if (*p <= ' ' || *p > '~') {
			scn_error(c, name, "a cache name has no blanks or control characters");
			return -1;
		}
	return 0;
}

struct flag_name {
	const char *name;
	unsigned long flag;
};

#define F(x) { #x, x }
static const struct flag_name slab_flag_names[] = {
	F(SLAB_HWCACHE_ALIGN), F(SLAB_CACHE_DMA), F(SLAB_PANIC),
	F(SLAB_RECLAIM_ACCOUNT), F(SLAB_TEMPORARY), F(SLAB_MEM_SPREAD),
	F(SLAB_DESTROY_BY_RCU), F(SLAB_NOLEAKTRACE), F(SLAB_TRACE),
	F(SLAB_FAILSLAB), F(SLAB_RED_ZONE), F(SLAB_POISON), F(SLAB_STORE_USER),
	F(SLAB_DEBUG_FREE), F(SLAB_NOTRACK), F(SLAB_DEBUG_OBJECTS),
};
#undef F

static unsigned long parse_slab_flags(struct scn_ctx *c, const char *v)
{
	char buf[512], *tok, *save;
	unsigned long flags = 0;

	snprintf(buf, sizeof(buf), "%s", v);
	for (tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		size_t i;

		for (i = 0; i < ARRAY_SIZE(slab_flag_names); i++)
			if (!strcmp(slab_flag_names[i].name, tok))
				break;
		if (i == ARRAY_SIZE(slab_flag_names)) {
			if (!strcmp(tok, "0"))
				continue;
			scn_error(c, v, "unknown slab flag \"%s\"", tok);
			return 0;
		}
		flags |= slab_flag_names[i].flag;
	}
	return flags;
}

/*
 * Constructors a scenario may name.  "init_once" stands for the
 * constructors of inode_cache and friends: it initialises the list_head
 * at the start of each object, so a constructed object points to itself.
 * The function has a name of its own: fs/inode.c's init_once() is the
 * kernel's (a symbol name that two refmm files define would make a
 * lookup by name ambiguous).
 */
static void scn_init_once(void *obj)
{
	INIT_LIST_HEAD((struct list_head *)obj);
}

struct ctor_name {
	const char *name;
	void (*ctor)(void *);
	size_t min_size;
};

static const struct ctor_name ctor_names[] = {
	{ "init_once", scn_init_once, sizeof(struct list_head) },
};

static const struct ctor_name *find_ctor(struct scn_ctx *c, const char *v)
{
	for (size_t i = 0; i < ARRAY_SIZE(ctor_names); i++)
		if (!strcmp(ctor_names[i].name, v))
			return &ctor_names[i];
	scn_error(c, v, "unknown constructor (known: init_once)");
	return NULL;
}

/* ---- kmem_cache_create NAME size=N [align=N] [flags=F] [ctor=C] ---- */

void scn_check_cache_create(struct scn_ctx *c)
{
	const char *ctor = scn_arg_str(c, "ctor", NULL);
	uint64_t size, align;

	check_cache_name(c, scn_arg_pos(c, 0, "cache name"));
	if (!scn_arg_str(c, "size", NULL))
		scn_error(c, c->step->argv[0], "missing size=N");
	size = scn_arg_num(c, "size", 8, 8, KMALLOC_MAX_SIZE);
	align = scn_arg_num(c, "align", 0, 0, PAGE_SIZE);
	if (align & (align - 1))
		scn_error(c, scn_arg_str(c, "align", NULL), "align must be a power of two");
	parse_slab_flags(c, scn_arg_str(c, "flags", "0"));
	if (ctor) {
		const struct ctor_name *cn = find_ctor(c, ctor);

		if (cn && size < cn->min_size)
			scn_error(c, ctor, "%s needs objects of %zu bytes or more",
				  cn->name, cn->min_size);
	}
}

void scn_run_cache_create(struct scn_ctx *c)
{
	void *n;
	const char *name = scn_arg_pos(c, 0, NULL);
	uint64_t size = scn_arg_num(c, "size", 8, 8, KMALLOC_MAX_SIZE);
	uint64_t align = scn_arg_num(c, "align", 0, 0, PAGE_SIZE);
	unsigned long flags = parse_slab_flags(c, scn_arg_str(c, "flags", "0"));
	const char *ctor = scn_arg_str(c, "ctor", NULL);
	void (*fn)(void *) = ctor ? find_ctor(c, ctor)->ctor : NULL;
	struct scn_slab *s = c->slab;
	struct kmem_cache *cachep;

	for (size_t i = 0; i < s->nc; i++)
		if (!strcmp(s->c[i].name, name) && !s->c[i].destroyed) {
			scn_error(c, name, "the scenario created this cache already");
			return;
		}
	cachep = kmem_cache_create(name, size, align, flags, fn);
	if (!cachep) {
		scn_error(c, name, "kmem_cache_create failed (see the kernel log above)");
		return;
	}
	n = scn_grow(c, s->c, s->nc, &s->capc, sizeof(*s->c));
	if (!n)
		return;
	s->c = n;
	s->c[s->nc].name = strdup(name);
	s->c[s->nc].cache = cachep;
	s->c[s->nc].destroyed = 0;
	if (!s->c[s->nc].name) {
		scn_error(c, NULL, "out of memory");
		return;
	}
	s->nc++;
}

/* ---- kmem_cache_destroy NAME [busy=error|ok], kmem_cache_shrink NAME ---- */

void scn_check_cache_name(struct scn_ctx *c)
{
	check_cache_name(c, scn_arg_pos(c, 0, "cache name"));
}

void scn_check_cache_destroy(struct scn_ctx *c)
{
	const char *busy = scn_arg_str(c, "busy", "error");

	check_cache_name(c, scn_arg_pos(c, 0, "cache name"));
	if (strcmp(busy, "error") && strcmp(busy, "ok"))
		scn_error(c, busy, "busy= must be error or ok");
}

static int cache_on_list(struct kmem_cache *cachep)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		if (s == cachep)
			return 1;
	return 0;
}

void scn_run_cache_destroy(struct scn_ctx *c)
{
	const char *name = scn_arg_pos(c, 0, NULL);
	int busy_ok = !strcmp(scn_arg_str(c, "busy", "error"), "ok");
	struct scn_cache *e = NULL;
	int last;

	for (size_t i = 0; i < c->slab->nc; i++)
		if (!strcmp(c->slab->c[i].name, name) && !c->slab->c[i].destroyed)
			e = &c->slab->c[i];
	if (!e) {
		scn_error(c, name, "not a cache this scenario created (or it was destroyed)");
		return;
	}
	if (objs_of(c, e->cache) && !busy_ok) {
		scn_error(c, name, "handles still hold %zu objects of the cache: free them, "
			  "or add busy=ok to see the kernel refuse", objs_of(c, e->cache));
		return;
	}
	/* An alias (a merged create) only drops its reference. */
	last = e->cache->refcount == 1;
	kmem_cache_destroy(e->cache);
	e->destroyed = 1;
	if (last && cache_on_list(e->cache) && !busy_ok)
		scn_error(c, name, "kmem_cache_destroy refused: the cache still has objects");
}

void scn_run_cache_shrink(struct scn_ctx *c)
{
	struct kmem_cache *cachep = cache_find(c, scn_arg_pos(c, 0, NULL));

	if (cachep)
		kmem_cache_shrink(cachep);
}

/* ---- kmem_cache_tune NAME limit=N batchcount=N shared=N ---- */

void scn_check_cache_tune(struct scn_ctx *c)
{
	uint64_t limit, batch;

	check_cache_name(c, scn_arg_pos(c, 0, "cache name"));
	if (!scn_arg_str(c, "limit", NULL) || !scn_arg_str(c, "batchcount", NULL) ||
	    !scn_arg_str(c, "shared", NULL))
		scn_error(c, c->step->argv[0], "needs limit=N batchcount=N shared=N");
	limit = scn_arg_num(c, "limit", 1, 1, 512);
	batch = scn_arg_num(c, "batchcount", 1, 1, 512);
	scn_arg_num(c, "shared", 0, 0, 64);
	if (batch > limit)
		scn_error(c, scn_arg_str(c, "batchcount", NULL), "batchcount must not exceed limit");
}

/* What writing "NAME LIMIT BATCHCOUNT SHARED" to /proc/slabinfo does. */
void scn_run_cache_tune(struct scn_ctx *c)
{
	struct kmem_cache *cachep = cache_find(c, scn_arg_pos(c, 0, NULL));
	char buf[160];
	int n;

	if (!cachep)
		return;
	n = snprintf(buf, sizeof(buf), "%s %" PRIu64 " %" PRIu64 " %" PRIu64,
		     cachep->name, scn_arg_num(c, "limit", 1, 1, 512),
		     scn_arg_num(c, "batchcount", 1, 1, 512),
		     scn_arg_num(c, "shared", 0, 0, 64));
	if (slabinfo_write(buf, (size_t)n) != n)
		scn_error(c, c->step->argv[0], "slabinfo_write(\"%s\") failed", buf);
}

/* ---- allocation helpers ---- */

/*
 * SLAB BUGs on some requests (kmem_flagcheck(), GFP_SLAB_BUG_MASK); a
 * scenario gets an error instead.
 */
static int slab_gfp_ok(struct scn_ctx *c, struct kmem_cache *cachep, gfp_t gfp)
{
	if (gfp & (__GFP_HIGHMEM | __GFP_DMA32)) {
		scn_error(c, scn_arg_str(c, "gfp", c->step->argv[0]),
			  "__GFP_HIGHMEM and __GFP_DMA32 are for pages, not objects "
			  "(SLAB BUGs on them: GFP_SLAB_BUG_MASK)");
		return 0;
	}
	if (cachep && !(gfp & GFP_DMA) != !(cachep->allocflags & GFP_DMA)) {
		scn_error(c, scn_arg_str(c, "gfp", c->step->argv[0]),
			  "GFP_DMA %s cache %s %s SLAB_CACHE_DMA (SLAB BUGs: kmem_flagcheck)",
			  gfp & GFP_DMA ? "on" : "missing for", cachep->name,
			  gfp & GFP_DMA ? "without" : "with");
		return 0;
	}
	return 1;
}

static void alloc_failed(struct scn_ctx *c, uint64_t i, uint64_t count)
{
	if (!scn_step_fail_ok(c))
		scn_error(c, c->step->argv[0],
			  "allocation %" PRIu64 " of %" PRIu64 " failed: out of memory "
			  "(add fail=ok to allow it)", i + 1, count);
}

static void *cache_alloc(struct kmem_cache *cachep, gfp_t gfp, int nid)
{
	if (nid >= 0)
		return kmem_cache_alloc_node(cachep, gfp, nid);
	return kmem_cache_alloc(cachep, gfp);
}

static void *do_kmalloc(size_t size, gfp_t gfp, int nid)
{
	if (nid >= 0)
		return kmalloc_node(size, gfp, nid);
	return kmalloc(size, gfp);
}

/* ---- kmem_cache_alloc HANDLE cache=NAME [count=N] [gfp=F] [node=N] [fail=ok] ---- */

void scn_check_cache_alloc(struct scn_ctx *c)
{
	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	if (!scn_arg_str(c, "cache", NULL))
		scn_error(c, c->step->argv[0], "missing cache=NAME");
	check_cache_name(c, scn_arg_str(c, "cache", "x"));
	scn_step_count(c, 1ULL << 32);
	scn_step_gfp(c, "GFP_KERNEL");
	scn_step_node(c);
	scn_check_fail(c);
}

void scn_run_cache_alloc(struct scn_ctx *c)
{
	struct kmem_cache *cachep = cache_find(c, scn_arg_str(c, "cache", ""));
	uint64_t count = scn_step_count(c, 1ULL << 32);
	gfp_t gfp = scn_step_gfp(c, "GFP_KERNEL");
	int nid = scn_step_node(c);
	struct scn_objs *h;

	if (!cachep || !scn_node_ok(c, nid) || !slab_gfp_ok(c, cachep, gfp))
		return;
	h = objs_get(c, scn_arg_pos(c, 0, NULL), OBJ_CACHE, 1);
	if (!h)
		return;
	if (scn_step_fail_ok(c))
		gfp |= __GFP_NOWARN;
	for (uint64_t i = 0; i < count; i++) {
		void *p = cache_alloc(cachep, gfp, nid);

		if (!p) {
			alloc_failed(c, i, count);
			return;
		}
		if (objs_add(c, h, p, cachep) < 0)
			return;
	}
}

/* ---- the free steps: kmem_cache_free, kfree, mempool_free HANDLE [pattern] ---- */

void scn_check_objfree(struct scn_ctx *c)
{
	struct scn_pick p;

	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	scn_pick_init(c, &p);
}

static void free_obj(enum scn_obj_kind kind, struct scn_obj *o)
{
	switch (kind) {
	case OBJ_CACHE:
		kmem_cache_free(o->owner, o->p);
		break;
	case OBJ_KMALLOC:
		kfree(o->p);
		break;
	case OBJ_MEMPOOL:
		mempool_free(o->p, o->owner);
		break;
	}
}

static void run_objfree(struct scn_ctx *c, enum scn_obj_kind kind)
{
	struct scn_objs *h = objs_get(c, scn_arg_pos(c, 0, NULL), kind, 0);
	struct scn_pick p;
	size_t keep = 0;

	scn_pick_init(c, &p);
	if (!h)
		return;
	for (size_t i = 0; i < h->n; i++) {
		if (scn_pick(&p, i))
			free_obj(kind, &h->v[i]);
		else
			h->v[keep++] = h->v[i];
	}
	h->n = keep;
}

void scn_run_cache_free(struct scn_ctx *c)
{
	run_objfree(c, OBJ_CACHE);
}

void scn_run_kfree(struct scn_ctx *c)
{
	run_objfree(c, OBJ_KMALLOC);
}

void scn_run_mempool_free(struct scn_ctx *c)
{
	run_objfree(c, OBJ_MEMPOOL);
}

/* ---- sizes: SIZE or SIZE-SIZE, with K/M suffixes, as a mix ---- */

static int parse_one_size(struct scn_ctx *c, const char *word, const char *s,
			  uint64_t *ret)
{
	if (scn_parse_size(s, ret) < 0 || *ret < 1 || *ret > KMALLOC_MAX_SIZE) {
		scn_error(c, word, "\"%s\": a size from 1 to %lu bytes", s,
			  KMALLOC_MAX_SIZE);
		return -1;
	}
	return 0;
}

/* The option key=SIZE (K and M suffixes), or @def. */
static uint64_t arg_size(struct scn_ctx *c, const char *key, uint64_t def)
{
	const char *v = scn_arg_str(c, key, NULL);
	uint64_t n;

	if (!v || parse_one_size(c, v, v, &n) < 0)
		return def;
	return n;
}

/* size=N or sizes=MIX into @m.  @def: the mix when neither is given. */
static void parse_sizes(struct scn_ctx *c, const char *def, struct scn_mix *m)
{
	const char *one = scn_arg_str(c, "size", NULL);
	const char *v = scn_arg_str(c, "sizes", NULL);
	char buf[512], *tok, *save;

	memset(m, 0, sizeof(*m));
	if (one && v) {
		scn_error(c, one, "size= and sizes= exclude each other");
		return;
	}
	if (one) {
		uint64_t n;

		if (!parse_one_size(c, one, one, &n))
			scn_mix_add(c, one, m, n, n, 1);
		return;
	}
	if (!v)
		v = def;
	if (!v) {
		scn_error(c, c->step->argv[0], "missing size=N or sizes=MIX");
		return;
	}
	snprintf(buf, sizeof(buf), "%s", v);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *dash;
		uint64_t w, lo, hi;

		if (scn_mix_item(c, v, tok, &w) < 0)
			return;
		dash = strchr(tok, '-');
		if (dash)
			*dash++ = 0;
		if (parse_one_size(c, v, tok, &lo) < 0)
			return;
		hi = lo;
		if (dash && parse_one_size(c, v, dash, &hi) < 0)
			return;
		if (hi < lo) {
			scn_error(c, v, "\"%s-%s\": an empty range", tok, dash);
			return;
		}
		if (scn_mix_add(c, v, m, lo, hi, w) < 0)
			return;
	}
	if (!m->n)
		scn_error(c, v, "no size");
}

/* ---- kmalloc HANDLE size=N|sizes=MIX [count=N] [gfp=F] [node=N] [fail=ok] ---- */

void scn_check_kmalloc(struct scn_ctx *c)
{
	struct scn_mix m;

	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	parse_sizes(c, NULL, &m);
	scn_step_count(c, 1ULL << 32);
	scn_arg_num(c, "seed", 0, 0, UINT64_MAX);
	scn_step_gfp(c, "GFP_KERNEL");
	scn_step_node(c);
	scn_check_fail(c);
}

void scn_run_kmalloc(struct scn_ctx *c)
{
	uint64_t count = scn_step_count(c, 1ULL << 32);
	gfp_t gfp = scn_step_gfp(c, "GFP_KERNEL");
	int nid = scn_step_node(c);
	uint64_t rnd = scn_step_seed(c);
	struct scn_objs *h;
	struct scn_mix sizes;

	parse_sizes(c, NULL, &sizes);
	if (!scn_node_ok(c, nid) || !slab_gfp_ok(c, NULL, gfp))
		return;
	h = objs_get(c, scn_arg_pos(c, 0, NULL), OBJ_KMALLOC, 1);
	if (!h)
		return;
	if (scn_step_fail_ok(c))
		gfp |= __GFP_NOWARN;
	for (uint64_t i = 0; i < count; i++) {
		size_t size = scn_mix_pick(&sizes, scn_rnd_next(&rnd));
		void *p = do_kmalloc(size, gfp, nid);

		if (!p) {
			alloc_failed(c, i, count);
			return;
		}
		if (objs_add(c, h, p, NULL) < 0)
			return;
	}
}

/*
 * ---- kmalloc_storm HANDLE ops=N [sizes=MIX] [gfp=MIX] [free=PCT] [node=N] [seed=N] ----
 *
 * Each operation frees a random live object of the storm with
 * probability PCT%, or else kmallocs one of a size drawn from the mix.
 */

#define DEFAULT_STORM_SIZES "8-256:16,257-1024:6,1025-4096:3,4097-32768:1"

void scn_check_kmalloc_storm(struct scn_ctx *c)
{
	struct scn_mix m;

	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	if (!scn_arg_str(c, "ops", NULL))
		scn_error(c, c->step->argv[0], "missing ops=N");
	scn_arg_num(c, "ops", 0, 1, UINT64_MAX);
	scn_arg_num(c, "seed", 0, 0, UINT64_MAX);
	scn_arg_num(c, "free", 50, 0, 100);
	parse_sizes(c, DEFAULT_STORM_SIZES, &m);
	scn_parse_gfp_mix(c, "GFP_KERNEL", &m);
	scn_step_node(c);
}

void scn_run_kmalloc_storm(struct scn_ctx *c)
{
	uint64_t ops = scn_arg_num(c, "ops", 0, 1, UINT64_MAX);
	uint64_t pfree = scn_arg_num(c, "free", 50, 0, 100);
	uint64_t rnd = scn_step_seed(c);
	int nid = scn_step_node(c);
	struct scn_mix sizes, gfps;
	struct scn_objs *h;

	parse_sizes(c, DEFAULT_STORM_SIZES, &sizes);
	scn_parse_gfp_mix(c, "GFP_KERNEL", &gfps);
	if (c->failed || !scn_node_ok(c, nid))
		return;
	for (int i = 0; i < gfps.n; i++)
		if (!slab_gfp_ok(c, NULL, (gfp_t)gfps.val[i]))
			return;
	h = objs_get(c, scn_arg_pos(c, 0, NULL), OBJ_KMALLOC, 1);
	if (!h)
		return;
	for (uint64_t i = 0; i < ops; i++) {
		uint64_t r = scn_rnd_next(&rnd);

		if (h->n && r % 100 < pfree) {
			size_t k = (size_t)((r >> 8) % h->n);

			kfree(h->v[k].p);
			h->v[k] = h->v[--h->n];
		} else {
			size_t size = scn_mix_pick(&sizes, scn_rnd_next(&rnd));
			gfp_t gfp = (gfp_t)scn_mix_pick(&gfps, r >> 24) | __GFP_NOWARN;
			void *p = do_kmalloc(size, gfp, nid);

			if (p && objs_add(c, h, p, NULL) < 0)
				return;
		}
	}
}

/*
 * ---- kmem_cache_storm HANDLE caches=NAME[:W],... ops=N [free=PCT] [gfp=F] [seed=N] ----
 *
 * The same over a weighted set of caches: churn in many caches at once.
 */

#define MAX_STORM_CACHES 64

struct cache_mix {
	char names[MAX_STORM_CACHES][64];
	uint64_t weight[MAX_STORM_CACHES];
	int n;
	uint64_t total;
};

static void parse_cache_mix(struct scn_ctx *c, struct cache_mix *m)
{
	const char *v = scn_arg_str(c, "caches", NULL);
	char buf[4096], *tok, *save;

	memset(m, 0, sizeof(*m));
	if (!v) {
		scn_error(c, c->step->argv[0], "missing caches=NAME[:WEIGHT],...");
		return;
	}
	snprintf(buf, sizeof(buf), "%s", v);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		uint64_t w;

		if (scn_mix_item(c, v, tok, &w) < 0 || check_cache_name(c, tok) < 0)
			return;
		if (m->n == MAX_STORM_CACHES) {
			scn_error(c, v, "at most %d caches", MAX_STORM_CACHES);
			return;
		}
		snprintf(m->names[m->n], sizeof(m->names[0]), "%s", tok);
		m->weight[m->n++] = w;
		m->total += w;
	}
	if (!m->n)
		scn_error(c, v, "no cache");
}

void scn_check_cache_storm(struct scn_ctx *c)
{
	struct cache_mix m;

	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	parse_cache_mix(c, &m);
	if (!scn_arg_str(c, "ops", NULL))
		scn_error(c, c->step->argv[0], "missing ops=N");
	scn_arg_num(c, "ops", 0, 1, UINT64_MAX);
	scn_arg_num(c, "seed", 0, 0, UINT64_MAX);
	scn_arg_num(c, "free", 50, 0, 100);
	scn_step_gfp(c, "GFP_KERNEL");
	scn_step_node(c);
}

void scn_run_cache_storm(struct scn_ctx *c)
{
	uint64_t ops = scn_arg_num(c, "ops", 0, 1, UINT64_MAX);
	uint64_t pfree = scn_arg_num(c, "free", 50, 0, 100);
	uint64_t rnd = scn_step_seed(c);
	gfp_t gfp = scn_step_gfp(c, "GFP_KERNEL") | __GFP_NOWARN;
	int nid = scn_step_node(c);
	struct kmem_cache *caches[MAX_STORM_CACHES];
	struct cache_mix *m = malloc(sizeof(*m));
	struct scn_objs *h;

	if (!m) {
		scn_error(c, NULL, "out of memory");
		return;
	}
	parse_cache_mix(c, m);
	for (int i = 0; i < m->n && !c->failed; i++) {
		caches[i] = cache_find(c, m->names[i]);
		if (caches[i])
			slab_gfp_ok(c, caches[i], gfp);
	}
	if (c->failed || !scn_node_ok(c, nid))
		goto out;
	h = objs_get(c, scn_arg_pos(c, 0, NULL), OBJ_CACHE, 1);
	if (!h)
		goto out;
	for (uint64_t i = 0; i < ops; i++) {
		uint64_t r = scn_rnd_next(&rnd);

		if (h->n && r % 100 < pfree) {
			size_t k = (size_t)((r >> 8) % h->n);

			kmem_cache_free(h->v[k].owner, h->v[k].p);
			h->v[k] = h->v[--h->n];
		} else {
			uint64_t x = (r >> 24) % m->total;
			int j = 0;
			void *p;

			while (x >= m->weight[j]) {
				x -= m->weight[j];
				j++;
			}
			p = cache_alloc(caches[j], gfp, nid);
			if (p && objs_add(c, h, p, caches[j]) < 0)
				goto out;
		}
	}
out:
	free(m);
}

/* ---- the clock: sleep DURATION; DURATION is N followed by s, ms or j ---- */

static uint64_t parse_duration(struct scn_ctx *c, const char *w)
{
	char *end;
	unsigned long long n;

	if (!w)
		return 0;
	n = strtoull(w, &end, 10);
	if (end == w || n > 1000000000ULL)
		goto bad;
	if (!strcmp(end, "s"))
		return n * HZ;
	if (!strcmp(end, "ms"))
		return msecs_to_jiffies((unsigned int)n);
	if (!strcmp(end, "j"))
		return n;
bad:
	scn_error(c, w, "a duration is a number and s, ms or j (jiffies, %d a second)", HZ);
	return 0;
}

void scn_check_sleep(struct scn_ctx *c)
{
	parse_duration(c, scn_arg_pos(c, 0, "duration (e.g. 10s)"));
}

void scn_run_sleep(struct scn_ctx *c)
{
	refmm_advance_jiffies(parse_duration(c, scn_arg_pos(c, 0, NULL)));
}

/*
 * ---- leak HANDLE cache=NAME|size=N count=N over=DURATION [gfp=F] [node=N] ----
 *
 * count objects allocated evenly over the duration while the clock runs:
 * the reaper works around a cache that only grows.
 */

void scn_check_leak(struct scn_ctx *c)
{
	const char *cache = scn_arg_str(c, "cache", NULL);

	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	if (cache && scn_arg_str(c, "size", NULL))
		scn_error(c, cache, "cache= and size= exclude each other");
	else if (cache)
		check_cache_name(c, cache);
	else if (scn_arg_str(c, "size", NULL))
		arg_size(c, "size", 1);
	else
		scn_error(c, c->step->argv[0], "missing cache=NAME or size=N");
	if (!scn_arg_str(c, "count", NULL) || !scn_arg_str(c, "over", NULL))
		scn_error(c, c->step->argv[0], "needs count=N and over=DURATION");
	scn_step_count(c, 1ULL << 32);
	parse_duration(c, scn_arg_str(c, "over", "1s"));
	scn_step_gfp(c, "GFP_KERNEL");
	scn_step_node(c);
}

void scn_run_leak(struct scn_ctx *c)
{
	const char *cname = scn_arg_str(c, "cache", NULL);
	struct kmem_cache *cachep = cname ? cache_find(c, cname) : NULL;
	uint64_t size = arg_size(c, "size", 1);
	uint64_t count = scn_step_count(c, 1ULL << 32);
	uint64_t over = parse_duration(c, scn_arg_str(c, "over", "1s"));
	gfp_t gfp = scn_step_gfp(c, "GFP_KERNEL");
	int nid = scn_step_node(c);
	unsigned long start = jiffies;
	struct scn_objs *h;

	if ((cname && !cachep) || !scn_node_ok(c, nid) || !slab_gfp_ok(c, cachep, gfp))
		return;
	h = objs_get(c, scn_arg_pos(c, 0, NULL), cachep ? OBJ_CACHE : OBJ_KMALLOC, 1);
	if (!h)
		return;
	for (uint64_t i = 0; i < count; i++) {
		unsigned long due = start + (unsigned long)(over * (i + 1) / count);
		void *p = cachep ? cache_alloc(cachep, gfp, nid) :
				   do_kmalloc(size, gfp, nid);

		if (!p) {
			scn_error(c, c->step->argv[0], "leak: allocation %" PRIu64
				  " of %" PRIu64 " failed: out of memory", i + 1, count);
			return;
		}
		if (objs_add(c, h, p, cachep) < 0)
			return;
		if (time_after(due, jiffies))
			refmm_advance_jiffies(due - jiffies);
	}
}

/* ---- mempools ---- */

static struct scn_mempool_rec *pool_find(struct scn_ctx *c, const char *name)
{
	for (int i = 0; i < nr_mempool_recs; i++)
		if (!strcmp(mempool_recs[i].name, name) && mempool_recs[i].pool)
			return &mempool_recs[i];
	scn_error(c, name, "no such mempool (made by mempool_create)");
	return NULL;
}

/* mempool_create NAME min=N cache=NAME|kmalloc=SIZE|pages=ORDER [node=N] */
void scn_check_mempool_create(struct scn_ctx *c)
{
	const char *name = scn_arg_pos(c, 0, "pool name");
	int kinds = !!scn_arg_str(c, "cache", NULL) + !!scn_arg_str(c, "kmalloc", NULL) +
		    !!scn_arg_str(c, "pages", NULL);

	scn_check_name(c, name);
	if (name && strlen(name) >= sizeof(mempool_recs[0].name))
		scn_error(c, name, "a pool name has at most %zu characters",
			  sizeof(mempool_recs[0].name) - 1);
	if (kinds != 1)
		scn_error(c, c->step->argv[0], "needs one of cache=NAME, kmalloc=SIZE, pages=ORDER");
	if (!scn_arg_str(c, "min", NULL))
		scn_error(c, c->step->argv[0], "missing min=N");
	scn_arg_num(c, "min", 1, 1, 1 << 20);
	if (scn_arg_str(c, "cache", NULL))
		check_cache_name(c, scn_arg_str(c, "cache", NULL));
	arg_size(c, "kmalloc", 1);
	scn_arg_num(c, "pages", 0, 0, MAX_ORDER - 1);
	scn_step_node(c);
}

void scn_run_mempool_create(struct scn_ctx *c)
{
	const char *name = scn_arg_pos(c, 0, NULL);
	int min = (int)scn_arg_num(c, "min", 1, 1, 1 << 20);
	int nid = scn_step_node(c);
	struct scn_mempool_rec *r;
	mempool_alloc_t *alloc_fn;
	mempool_free_t *free_fn;
	void *data;

	for (int i = 0; i < nr_mempool_recs; i++)
		if (!strcmp(mempool_recs[i].name, name) && mempool_recs[i].pool) {
			scn_error(c, name, "a mempool of this name exists");
			return;
		}
	if (nr_mempool_recs == SCN_MAX_POOLS) {
		scn_error(c, name, "at most %d mempools in a run", SCN_MAX_POOLS);
		return;
	}
	if (!scn_node_ok(c, nid))
		return;
	r = &mempool_recs[nr_mempool_recs];
	if (scn_arg_str(c, "cache", NULL)) {
		struct kmem_cache *cachep = cache_find(c, scn_arg_str(c, "cache", NULL));

		if (!cachep || !slab_gfp_ok(c, cachep, GFP_KERNEL))
			return;
		alloc_fn = mempool_alloc_slab;
		free_fn = mempool_free_slab;
		data = cachep;
		r->kind = "slab";
		r->data = (uintptr_t)cachep;
	} else if (scn_arg_str(c, "kmalloc", NULL)) {
		uint64_t size = arg_size(c, "kmalloc", 1);

		alloc_fn = mempool_kmalloc;
		free_fn = mempool_kfree;
		data = (void *)(uintptr_t)size;
		r->kind = "kmalloc";
		r->data = size;
	} else {
		uint64_t order = scn_arg_num(c, "pages", 0, 0, MAX_ORDER - 1);

		alloc_fn = mempool_alloc_pages;
		free_fn = mempool_free_pages;
		data = (void *)(uintptr_t)order;
		r->kind = "pages";
		r->data = order;
	}
	r->pool = mempool_create_node(min, alloc_fn, free_fn, data, GFP_KERNEL, nid);
	if (!r->pool) {
		scn_error(c, name, "mempool_create failed: out of memory");
		return;
	}
	snprintf(r->name, sizeof(r->name), "%s", name);
	nr_mempool_recs++;
}

/* mempool_alloc HANDLE pool=NAME [count=N] [gfp=F] [fail=error|ok] */
void scn_check_mempool_alloc(struct scn_ctx *c)
{
	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	if (!scn_arg_str(c, "pool", NULL))
		scn_error(c, c->step->argv[0], "missing pool=NAME");
	scn_step_count(c, 1ULL << 32);
	if (scn_step_gfp(c, "GFP_NOIO") & __GFP_ZERO)
		scn_error(c, scn_arg_str(c, "gfp", NULL), "mempool_alloc does not support __GFP_ZERO");
	scn_check_fail(c);
}

void scn_run_mempool_alloc(struct scn_ctx *c)
{
	struct scn_mempool_rec *r = pool_find(c, scn_arg_str(c, "pool", ""));
	uint64_t count = scn_step_count(c, 1ULL << 32);
	gfp_t gfp = scn_step_gfp(c, "GFP_NOIO");
	struct scn_objs *h;

	if (!r)
		return;
	if (!strcmp(r->kind, "slab") &&
	    !slab_gfp_ok(c, (struct kmem_cache *)(uintptr_t)r->data, gfp))
		return;
	h = objs_get(c, scn_arg_pos(c, 0, NULL), OBJ_MEMPOOL, 1);
	if (!h)
		return;
	for (uint64_t i = 0; i < count; i++) {
		void *p = mempool_alloc(r->pool, gfp);

		if (!p) {
			if (!scn_step_fail_ok(c))
				scn_error(c, c->step->argv[0],
					  "mempool_alloc %" PRIu64 " of %" PRIu64 " failed: the "
					  "allocator failed and the reserve is empty (add fail=ok)",
					  i + 1, count);
			return;
		}
		if (objs_add(c, h, p, r->pool) < 0)
			return;
	}
}

/* mempool_resize NAME min=N */
void scn_check_mempool_resize(struct scn_ctx *c)
{
	scn_check_name(c, scn_arg_pos(c, 0, "pool name"));
	if (!scn_arg_str(c, "min", NULL))
		scn_error(c, c->step->argv[0], "missing min=N");
	scn_arg_num(c, "min", 1, 1, 1 << 20);
}

void scn_run_mempool_resize(struct scn_ctx *c)
{
	struct scn_mempool_rec *r = pool_find(c, scn_arg_pos(c, 0, NULL));

	if (r && mempool_resize(r->pool, (int)scn_arg_num(c, "min", 1, 1, 1 << 20)))
		scn_error(c, c->step->argv[0], "mempool_resize failed: out of memory");
}

/* mempool_destroy NAME */
void scn_check_mempool_destroy(struct scn_ctx *c)
{
	scn_check_name(c, scn_arg_pos(c, 0, "pool name"));
}

void scn_run_mempool_destroy(struct scn_ctx *c)
{
	struct scn_mempool_rec *r = pool_find(c, scn_arg_pos(c, 0, NULL));

	if (!r)
		return;
	if (objs_of(c, r->pool)) {
		scn_error(c, r->name, "handles still hold %zu elements of the pool: "
			  "mempool_free them first", objs_of(c, r->pool));
		return;
	}
	mempool_destroy(r->pool);
	r->pool = NULL;
}

/*
 * ---- failslab off | probability=PCT [times=N] [interval=N]
 *	[ignore_gfp_wait=yes|no] [cache_filter=yes|no] [seed=N] ----
 */

static int yes_no(struct scn_ctx *c, const char *key, int def)
{
	const char *v = scn_arg_str(c, key, NULL);

	if (!v)
		return def;
	if (!strcmp(v, "yes"))
		return 1;
	if (!strcmp(v, "no"))
		return 0;
	scn_error(c, v, "%s= must be yes or no", key);
	return def;
}

void scn_check_failslab(struct scn_ctx *c)
{
	const char *off = scn_arg_has_pos(c, 0) ? scn_arg_pos(c, 0, NULL) : NULL;

	if (off && strcmp(off, "off"))
		scn_error(c, off, "expected \"off\" or probability=PCT");
	if (off && scn_arg_str(c, "probability", NULL))
		scn_error(c, off, "\"off\" takes no options");
	if (!off && !scn_arg_str(c, "probability", NULL))
		scn_error(c, c->step->argv[0], "missing probability=PCT (or off)");
	scn_arg_num(c, "probability", 0, 0, 100);
	scn_arg_num(c, "times", 0, 0, INT32_MAX);
	scn_arg_num(c, "interval", 1, 1, UINT32_MAX);
	scn_arg_num(c, "seed", 0, 0, UINT64_MAX);
	yes_no(c, "ignore_gfp_wait", 1);
	yes_no(c, "cache_filter", 0);
}

void scn_run_failslab(struct scn_ctx *c)
{
	struct refmm_failslab fs;

	memset(&fs, 0, sizeof(fs));
	if (!scn_arg_has_pos(c, 0)) {
		fs.probability = scn_arg_num(c, "probability", 0, 0, 100);
		fs.times = scn_arg_str(c, "times", NULL) ?
			   (int)scn_arg_num(c, "times", 0, 0, INT32_MAX) : -1;
		fs.interval = scn_arg_num(c, "interval", 1, 1, UINT32_MAX);
		fs.ignore_gfp_wait = yes_no(c, "ignore_gfp_wait", 1);
		fs.cache_filter = yes_no(c, "cache_filter", 0);
		fs.seed = scn_step_seed(c);
	}
	refmm_failslab_setup(&fs);
}
