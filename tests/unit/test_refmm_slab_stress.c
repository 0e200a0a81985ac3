/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_refmm_slab_stress.c - SLAB under a random storm.
 *
 * 1,000,000 operations (400,000 in the CONFIG_DEBUG_SLAB build;
 * REFMM_SLAB_STRESS_OPS overrides it, e.g. under valgrind): kmalloc of random sizes (some GFP_DMA, some for a given
 * node) and kfree, kmem_cache_alloc and kmem_cache_free in a dozen caches
 * of assorted sizes, alignments, flags and constructors, from random
 * CPUs of two nodes, so that objects are freed on other CPUs and nodes
 * than they came from.  Now and then the clock moves on (cache_reap()),
 * a cache is shrunk, or one is destroyed and another created.  The live
 * set swings between a few objects and tens of thousands.
 *
 * 512 MiB in two nodes, four CPUs.  Each object carries a tag in its first word, checked when it is freed
 * (an object handed out twice shows).  Every CHECK_EVERY operations the
 * census walks every cache: each object of every slab must be in exactly
 * one place (a slab's freelist, one array cache, or handed out), the
 * nodes' free_objects must match the freelists, slabs must sit on the
 * list their active count says; every live object must be handed out,
 * and in the test's own caches every handed-out object must be live.
 * At the end everything is freed and every test cache destroyed; with
 * the caches shrunk and the pcp lists drained, the page allocator holds
 * exactly the free blocks it held after boot.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <refmm/machine.h>
#include <refmm/slab.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmstat.h>

#include "internal.h"
#include "slab.h"
#include "test_refmm_slab_util.h"
#include "test_rnd.h"

/*
 * With CONFIG_DEBUG_SLAB every allocation checks the poison of the whole
 * object and every free rewrites it: the same storm, shorter.
 */
#ifdef CONFIG_DEBUG_SLAB
#define DEFAULT_OPS	400000UL
#else
#define DEFAULT_OPS	1000000UL
#endif
#define CHECK_EVERY	20000UL
#define NR_CACHES	12
#define MAX_LIVE	40000

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static uint64_t rnd(void)
{
	return test_rnd(&rng_state);
}

static unsigned int rnd_below(unsigned int n)
{
	return (unsigned int)((rnd() >> 32) % n);
}

/* ---- the test's caches ---- */

static void ctor_stamp(void *obj)
{
	*(uint64_t *)obj = 0xc0c0c0c0c0c0c0c0ULL;
}

struct cache_kind {
	size_t size, align;
	unsigned long flags;
	void (*ctor)(void *);
};

/* Sizes on and off the slab, over and under a page, aligned or not. */
static const struct cache_kind kinds[] = {
	{ 24, 0, 0, NULL },
	{ 56, 0, SLAB_HWCACHE_ALIGN, NULL },
	{ 100, 0, SLAB_RECLAIM_ACCOUNT, NULL },
	{ 184, 0, SLAB_PANIC, ctor_stamp },
	{ 192, 0, SLAB_RECLAIM_ACCOUNT | SLAB_MEM_SPREAD, NULL },
	{ 300, 32, 0, NULL },
	{ 512, 0, 0, NULL },
	{ 640, 0, SLAB_HWCACHE_ALIGN, ctor_stamp },
	{ 896, 64, 0, NULL },
	{ 1500, 0, SLAB_CACHE_DMA, NULL },
	{ 3000, 0, 0, NULL },
	{ 6336, 16, 0, NULL },
	{ 9000, 0, 0, NULL },
	{ 40000, 0, 0, NULL },
};

struct tcache {
	struct kmem_cache *cache;
	const struct cache_kind *kind;
	char name[32];
	size_t live;		/* objects of it in the live set */
};

static struct tcache caches[NR_CACHES];
static unsigned long creates;

static void cache_make(struct tcache *t)
{
	t->kind = &kinds[rnd_below(ARRAY_SIZE(kinds))];
	snprintf(t->name, sizeof(t->name), "stress_%lu", creates++);
	/* Merging would hand the cache over to another; keep them apart. */
	slab_nomerge = 1;
	t->cache = kmem_cache_create(t->name, t->kind->size, t->kind->align,
				     t->kind->flags, t->kind->ctor);
	slab_nomerge = 0;
	assert_non_null(t->cache);
	t->live = 0;
}

/* ---- the live set, with a hash of its addresses ---- */

struct obj {
	void *p;
	struct tcache *t;	/* NULL: kmalloc */
	size_t size;
	uint64_t tag;
};

static struct obj live[MAX_LIVE];
static size_t nlive;

#define HASH_BITS	17
#define HASH_SIZE	(1U << HASH_BITS)
static void *hash[HASH_SIZE];	/* open addressing; tombstones */
static const char tombstone;

static size_t hash_slot(const void *p)
{
	return (size_t)(((uintptr_t)p * 0x9e3779b97f4a7c15ULL) >> (64 - HASH_BITS));
}

static void hash_add(void *p)
{
	size_t i = hash_slot(p);

	while (hash[i] && hash[i] != &tombstone) {
		if (hash[i] == p)
			fail_msg("%p handed out while live", p);
		i = (i + 1) & (HASH_SIZE - 1);
	}
	hash[i] = p;
}

static int hash_has(const void *p)
{
	size_t i = hash_slot(p);

	while (hash[i]) {
		if (hash[i] == p)
			return 1;
		i = (i + 1) & (HASH_SIZE - 1);
	}
	return 0;
}

static void hash_del(const void *p)
{
	size_t i = hash_slot(p);

	while (hash[i] != p) {
		assert_non_null(hash[i]);
		i = (i + 1) & (HASH_SIZE - 1);
	}
	hash[i] = (void *)&tombstone;
}

static void hash_rebuild(void)
{
	size_t i;

	memset(hash, 0, sizeof(hash));
	for (i = 0; i < nlive; i++)
		hash_add(live[i].p);
}

/* ---- operations ---- */

static size_t random_kmalloc_size(void)
{
	unsigned int r = rnd_below(100);

	if (r < 60)
		return 1 + rnd_below(256);
	if (r < 88)
		return 257 + rnd_below(1792);
	if (r < 99)
		return 2049 + rnd_below(14336);
	return 16385 + rnd_below(200000);
}

static void do_alloc(void)
{
	struct obj *o = &live[nlive];
	int node = rnd_below(8) == 0 ? (int)rnd_below(nr_node_ids) : NUMA_NO_NODE;
	gfp_t gfp = rnd_below(4) ? GFP_KERNEL : GFP_ATOMIC;

	if (rnd_below(3)) {
		o->t = NULL;
		o->size = random_kmalloc_size();
		if (rnd_below(50) == 0)
			gfp |= GFP_DMA;
		o->p = node == NUMA_NO_NODE ? kmalloc(o->size, gfp | __GFP_NOWARN) :
			kmalloc_node(o->size, gfp | __GFP_NOWARN, node);
		if (o->p)
			assert_true(ksize(o->p) >= o->size);
	} else {
		o->t = &caches[rnd_below(NR_CACHES)];
		o->size = o->t->kind->size;
		if (o->t->kind->flags & SLAB_CACHE_DMA)
			gfp |= GFP_DMA;
		o->p = node == NUMA_NO_NODE ?
			kmem_cache_alloc(o->t->cache, gfp | __GFP_NOWARN) :
			kmem_cache_alloc_node(o->t->cache, gfp | __GFP_NOWARN, node);
		if (o->p && o->t->kind->ctor)
			assert_true(*(uint64_t *)o->p == 0xc0c0c0c0c0c0c0c0ULL);
	}
	if (!o->p)
		return;
	if (o->t && o->t->kind->align)
		assert_int_equal((uintptr_t)o->p % o->t->kind->align, 0);
	if (gfp & GFP_DMA)
		assert_int_equal(page_zonenum(virt_to_head_page(o->p)), ZONE_DMA);
	hash_add(o->p);
	o->tag = rnd() | 1;
	if (o->size >= sizeof(uint64_t))
		*(uint64_t *)o->p = o->tag;
	if (o->t)
		o->t->live++;
	nlive++;
}

static void free_at(size_t i)
{
	struct obj o = live[i];

	live[i] = live[--nlive];
	if (o.size >= sizeof(uint64_t) && *(uint64_t *)o.p != o.tag)
		fail_msg("%p (%zu bytes): tag overwritten: handed out twice?",
			 o.p, o.size);
	if (o.t && o.t->kind->ctor)
		*(uint64_t *)o.p = 0xc0c0c0c0c0c0c0c0ULL;	/* constructed state */
	hash_del(o.p);
	if (o.t) {
		o.t->live--;
		kmem_cache_free(o.t->cache, o.p);
	} else {
		kfree(o.p);
	}
}

/* Free what is live of @t, destroy it, and make another in its place. */
static void cache_renew(struct tcache *t)
{
	size_t i;

	for (i = nlive; i-- > 0;)
		if (live[i].t == t)
			free_at(i);
	assert_int_equal(t->live, 0);
	kmem_cache_destroy(t->cache);
	cache_make(t);
	hash_rebuild();
}

/* ---- the check ---- */

struct check_arg {
	struct kmem_cache *cache;
	int owned;		/* a test cache: every object handed out is live */
	size_t offset;		/* obj_offset: slab object -> caller's pointer */
	size_t found;
};

static int check_obj(void *obj, enum refmm_obj_where where, int id, void *arg)
{
	struct check_arg *a = arg;
	void *p = (char *)obj + a->offset;
	int is_live = hash_has(p);

	(void)id;
	if (is_live && where != REFMM_OBJ_INUSE)
		fail_msg("cache %s: live object %p is free (where %d)",
			 a->cache->name, p, where);
	if (a->owned && !is_live && where == REFMM_OBJ_INUSE)
		fail_msg("cache %s: object %p is handed out but nobody holds it",
			 a->cache->name, p);
	a->found += is_live;
	return 0;
}

static void check_all(unsigned long op)
{
	static struct refmm_cache_census cs;
	struct kmem_cache *cachep;
	size_t found = 0;
	char msg[512];

	if (refmm_check_invariants(msg, sizeof(msg)))
		fail_msg("after %lu operations: page allocator: %s", op, msg);
	list_for_each_entry(cachep, &slab_caches, list) {
		struct check_arg a = { .cache = cachep };
		int i;

		for (i = 0; i < NR_CACHES; i++)
			a.owned |= caches[i].cache == cachep;
#ifdef CONFIG_DEBUG_SLAB
		a.offset = cachep->obj_offset;
#endif
		if (refmm_slab_census(cachep, &cs, check_obj, &a, msg, sizeof(msg)))
			fail_msg("after %lu operations: %s", op, msg);
		found += a.found;
	}
	if (found != nlive)
		fail_msg("after %lu operations: %zu live objects, the census found %zu",
			 op, nlive, found);
}

/* ---- the test ---- */

static struct zone_snap boot_snap[MAX_NUMNODES][MAX_NR_ZONES];
static unsigned long boot_slab_pages, boot_nr_slab;

static void shrink_all(void)
{
	struct kmem_cache *cachep;

	list_for_each_entry(cachep, &slab_caches, list)
		kmem_cache_shrink(cachep);
	drain_all_pages(NULL);
}

static int group_setup(void **state)
{
	struct refmm_config cfg;
	struct zone *zone;

	(void)state;
	klog_capture();
	refmm_default_config(&cfg);
	cfg.mem_bytes = 512ULL << 20;
	cfg.nr_nodes = 2;
	cfg.nr_cpus = 4;
	if (refmm_boot(&cfg))
		return -1;
	shrink_all();
	for_each_populated_zone(zone)
		zone_snapshot(zone, &boot_snap[zone_to_nid(zone)][zone_idx(zone)]);
	boot_slab_pages = count_slab_pages();
	boot_nr_slab = global_page_state(NR_SLAB_UNRECLAIMABLE) +
		       global_page_state(NR_SLAB_RECLAIMABLE);
	return 0;
}

static int group_teardown(void **state)
{
	int n, z;

	(void)state;
	for (n = 0; n < MAX_NUMNODES; n++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			free(boot_snap[n][z].blocks);
	return 0;
}

static void test_storm(void **state)
{
	const char *env = getenv("REFMM_SLAB_STRESS_OPS");
	unsigned long ops = env ? strtoul(env, NULL, 0) : DEFAULT_OPS;
	unsigned long op, allocs = 0, frees = 0, checks = 0, renewals = 0;
	unsigned long reaps_before = jiffies, peak = 0;
	size_t target = MAX_LIVE / 2;
	struct timespec t0, t1;
	double secs;
	int i;

	(void)state;
	for (i = 0; i < NR_CACHES; i++)
		cache_make(&caches[i]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (op = 1; op <= ops; op++) {
		unsigned int r = rnd_below(1000);

		/* The live set drifts towards a target that moves now and then. */
		if (r == 0)
			target = rnd_below(MAX_LIVE);
		if (rnd_below(64) == 0)
			refmm_current_cpu = rnd_below(nr_cpu_ids);
		if (r < 3) {
			/* 4 ms to 3 s: reaps run when they fall due */
			refmm_advance_jiffies(1 + rnd_below(3 * HZ));
		} else if (r < 4) {
			kmem_cache_shrink(caches[rnd_below(NR_CACHES)].cache);
		} else if (r == 4 && rnd_below(16) == 0) {
			cache_renew(&caches[rnd_below(NR_CACHES)]);
			renewals++;
		} else if (nlive && (nlive >= MAX_LIVE ||
				     rnd_below(100) < (nlive > target ? 65u : 35u))) {
			free_at(rnd_below(nlive));
			frees++;
		} else {
			do_alloc();
			allocs++;
		}
		if (nlive > peak)
			peak = nlive;
		if (op % CHECK_EVERY == 0) {
			check_all(op);
			checks++;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_message("%lu operations (%lu allocations, %lu frees, %lu caches renewed, "
		      "%lu checks, %.0f s of simulated time, peak %lu live) in %.2f s\n",
		      ops, allocs, frees, renewals, checks,
		      (double)(jiffies - reaps_before) / HZ, peak, secs);
	check_all(ops);

	/* Everything back, every test cache gone: the page allocator as booted. */
	while (nlive)
		free_at(nlive - 1);
	for (i = 0; i < NR_CACHES; i++)
		kmem_cache_destroy(caches[i].cache);
	assert_null(strstr(klog_text(), "still has objects"));
	refmm_current_cpu = 0;
	shrink_all();
	assert_all_invariants();
}

static void test_back_to_boot(void **state)
{
	struct zone *zone;

	(void)state;
	assert_int_equal(count_slab_pages(), boot_slab_pages);
	assert_int_equal(global_page_state(NR_SLAB_UNRECLAIMABLE) +
			 global_page_state(NR_SLAB_RECLAIMABLE), boot_nr_slab);
	for_each_populated_zone(zone) {
		struct zone_snap now;

		zone_snapshot(zone, &now);
		assert_same_free_blocks(&boot_snap[zone_to_nid(zone)][zone_idx(zone)],
					&now, zone->name);
		free(now.blocks);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_storm),
		cmocka_unit_test(test_back_to_boot),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
