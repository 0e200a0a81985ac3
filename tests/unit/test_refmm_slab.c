/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_refmm_slab.c - unit tests of refmm's SLAB, slab_common, kmalloc
 * and mempool.
 *
 * One boot per process, in the group setup: 256 MiB, two nodes, four
 * CPUs (0 and 1 on node 0, 2 and 3 on node 1), so alien caches exist.
 * The expected figures are worked out by hand from 4.0's rules, quoted
 * next to each; where CONFIG_DEBUG_SLAB (the alternative build) changes
 * them, both are given.  After each test every page and object it took
 * is back and both allocators pass their invariant checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <refmm/dump_filter.h>
#include <refmm/machine.h>
#include <refmm/slab.h>
#include <linux/bootmem.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/mempool.h>
#include <linux/mm.h>
#include <linux/poison.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmstat.h>

#include "internal.h"
#include "slab.h"
#include "test_refmm_slab_util.h"

#ifdef CONFIG_DEBUG_SLAB
#define DEBUG_BUILD 1
#else
#define DEBUG_BUILD 0
#endif

static unsigned long boot_slab_pages;

static int group_setup(void **state)
{
	struct refmm_config cfg;

	(void)state;
	klog_capture();
	refmm_default_config(&cfg);
	cfg.nr_nodes = 2;
	cfg.nr_cpus = 4;
	if (refmm_boot(&cfg))
		return -1;
	/*
	 * Let the reap timers settle into their two-second period: from
	 * here on, each 2 s of simulated time is one cache_reap() per CPU.
	 */
	refmm_advance_jiffies(3 * HZ);
	boot_slab_pages = count_slab_pages();
	klog_reset();
	return 0;
}

/* Every test ends here. */
static int check_clean(void **state)
{
	(void)state;
	refmm_current_cpu = 0;
	slab_nomerge = 0;
	assert_all_invariants();
	klog_reset();
	return 0;
}

/* A cache of its own, never merged into another. */
static struct kmem_cache *private_cache(const char *name, size_t size,
					size_t align, unsigned long flags,
					void (*ctor)(void *))
{
	struct kmem_cache *c;

	slab_nomerge = 1;
	c = kmem_cache_create(name, size, align, flags, ctor);
	slab_nomerge = 0;
	assert_non_null(c);
	return c;
}

static void destroy(struct kmem_cache *c)
{
	kmem_cache_destroy(c);
	assert_null(strstr(klog_text(), "still has objects"));
}

static struct page *slab_of(const void *obj)
{
	return virt_to_head_page(obj);
}

static struct kmem_cache *cache_of(const void *obj)
{
	return slab_of(obj)->slab_cache;
}

/* ---- kmalloc size classes ---- */

/*
 * include/linux/slab.h: 0 for 0 bytes; up to 32 bytes index 5
 * (KMALLOC_SHIFT_LOW); 65..96 index 1; 129..192 index 2; otherwise the
 * smallest n with size <= 2^n.
 */
static int expected_index(size_t size)
{
	int n;

	if (!size)
		return 0;
	if (size <= 32)
		return 5;
	if (size > 64 && size <= 96)
		return 1;
	if (size > 128 && size <= 192)
		return 2;
	for (n = 6; (1UL << n) < size; n++)
		;
	return n;
}

static void test_kmalloc_index(void **state)
{
	static const struct { int index, size; } table[] = {
		{ 1, 96 }, { 2, 192 }, { 5, 32 }, { 6, 64 }, { 7, 128 },
		{ 8, 256 }, { 9, 512 }, { 10, 1024 }, { 11, 2048 },
		{ 12, 4096 }, { 13, 8192 }, { 17, 131072 }, { 22, 4194304 },
	};
	size_t size;
	int i;

	(void)state;
	for (size = 0; size <= 65536; size++)
		if (kmalloc_index(size) != expected_index(size))
			fail_msg("kmalloc_index(%zu) = %d, want %d", size,
				 kmalloc_index(size), expected_index(size));
	for (size = 65536; size <= KMALLOC_MAX_SIZE; size = size * 3 / 2)
		assert_int_equal(kmalloc_index(size), expected_index(size));
	for (i = 0; i < (int)ARRAY_SIZE(table); i++)
		assert_int_equal(kmalloc_size(table[i].index), table[i].size);
	assert_int_equal(kmalloc_size(0), 0);
	assert_int_equal(kmalloc_size(3), 8);	/* a size, though no cache */
	/* SLAB: up to 32 MiB or the largest block, MAX_ORDER - 1 */
	assert_int_equal(KMALLOC_SHIFT_HIGH, MAX_ORDER + PAGE_SHIFT - 1);
}

/* The caches exist, are named and sized after their index, and serve it. */
static void test_kmalloc_caches(void **state)
{
	char name[32];
	size_t size;
	int i;

	(void)state;
	for (i = 0; i <= KMALLOC_SHIFT_HIGH; i++) {
		struct kmem_cache *c = kmalloc_caches[i];
		struct kmem_cache *d = kmalloc_dma_caches[i];

		if (i == 0 || i == 3 || i == 4) {
			assert_null(c);
			assert_null(d);
			continue;
		}
		assert_non_null(c);
		assert_non_null(d);
		snprintf(name, sizeof(name), "kmalloc-%d", kmalloc_size(i));
		assert_string_equal(c->name, name);
		snprintf(name, sizeof(name), "dma-kmalloc-%d", kmalloc_size(i));
		assert_string_equal(d->name, name);
		assert_int_equal(d->object_size, kmalloc_size(i));
		assert_true(d->allocflags & GFP_DMA);
		assert_false(c->allocflags & GFP_DMA);
	}
	/* The size_index table and fls() agree with kmalloc_index() */
	for (size = 1; size <= 70000; size += size < 300 ? 1 : 97) {
		assert_ptr_equal(kmalloc_slab(size, GFP_KERNEL),
				 kmalloc_caches[expected_index(size)]);
		assert_ptr_equal(kmalloc_slab(size, GFP_DMA),
				 kmalloc_dma_caches[expected_index(size)]);
	}
	assert_ptr_equal(kmalloc_slab(0, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_null(kmalloc_slab(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
	/*
	 * kmalloc-96 is HWCACHE aligned (ARCH_KMALLOC_FLAGS): 96 bytes
	 * round up to 128 per object, as /proc/slabinfo shows on 4.0.
	 */
	if (!DEBUG_BUILD)
		assert_int_equal(kmalloc_caches[1]->size, 128);
}

static void test_kmalloc_api(void **state)
{
	char *p, *q;
	void *z;
	size_t i;
	struct page *page;

	(void)state;
	/* kmalloc(100): kmalloc-128, whose objects are 128 bytes */
	p = kmalloc(100, GFP_KERNEL);
	assert_non_null(p);
	assert_ptr_equal(cache_of(p), kmalloc_caches[7]);
	assert_int_equal(ksize(p), 128);
	memset(p, 'x', 100);
	/* krealloc within ksize keeps the object; beyond it moves and copies */
	assert_ptr_equal(krealloc(p, 120, GFP_KERNEL), p);
	q = krealloc(p, 300, GFP_KERNEL);
	assert_non_null(q);
	assert_ptr_not_equal(q, p);
	assert_ptr_equal(cache_of(q), kmalloc_caches[9]);
	for (i = 0; i < 100; i++)
		assert_int_equal(q[i], 'x');
	assert_ptr_equal(krealloc(q, 0, GFP_KERNEL), ZERO_SIZE_PTR);

	/* kzalloc and kcalloc zero; kcalloc refuses an overflowing product */
	z = kzalloc(700, GFP_KERNEL);
	for (i = 0; i < 700; i++)
		assert_int_equal(((char *)z)[i], 0);
	kfree(z);
	z = kcalloc(10, 30, GFP_KERNEL);
	assert_non_null(z);
	assert_ptr_equal(cache_of(z), kmalloc_caches[9]);
	kzfree(z);
	assert_null(kcalloc(SIZE_MAX / 2, 4, GFP_KERNEL));
	assert_ptr_equal(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);

	/* kstrdup, kmemdup */
	p = kstrdup("dentry", GFP_KERNEL);
	assert_string_equal(p, "dentry");
	assert_ptr_equal(cache_of(p), kmalloc_caches[5]);
	q = kmemdup("abc", 4, GFP_KERNEL);
	assert_string_equal(q, "abc");
	kfree(p);
	kfree(q);
	p = kasprintf(GFP_KERNEL, "kmalloc-%d", 4096);
	assert_string_equal(p, "kmalloc-4096");
	kfree(p);

	/* GFP_DMA: dma-kmalloc-N, in ZONE_DMA */
	p = kmalloc(200, GFP_KERNEL | GFP_DMA);
	assert_ptr_equal(cache_of(p), kmalloc_dma_caches[8]);
	assert_int_equal(page_zonenum(slab_of(p)), ZONE_DMA);
	kfree(p);

	/* kmalloc_node: the object's slab is on the node asked for */
	p = kmalloc_node(64, GFP_KERNEL, 1);
	assert_int_equal(page_to_nid(slab_of(p)), 1);
	kfree(p);

	/*
	 * The large path, kmalloc_order(): a compound block straight from
	 * the page allocator.  With SLAB it only serves sizes above
	 * KMALLOC_MAX_CACHE_SIZE, the largest block there is: kmalloc()
	 * of a constant that large fails, as in 4.0.
	 */
	p = kmalloc_order(3 * PAGE_SIZE, GFP_KERNEL, 2);
	assert_non_null(p);
	page = virt_to_page(p);
	assert_true(PageHead(page));
	assert_false(PageSlab(page));
	assert_int_equal(compound_order(page), 2);
	__free_pages(page, 2);
	assert_null(kmalloc(KMALLOC_MAX_CACHE_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
	drain_all_pages(NULL);
}

/* ---- slab_common: alignment and merging ---- */

static void test_calculate_alignment(void **state)
{
	(void)state;
	/* at least ARCH_SLAB_MINALIGN (8), a multiple of a word */
	assert_int_equal(calculate_alignment(0, 0, 20), 8);
	assert_int_equal(calculate_alignment(0, 4, 20), 8);
	assert_int_equal(calculate_alignment(0, 16, 20), 16);
	/* SLAB_HWCACHE_ALIGN: a cache line, halved while the object fits
	 * in half of it; never less than the caller's alignment */
	assert_int_equal(calculate_alignment(SLAB_HWCACHE_ALIGN, 0, 100), 64);
	assert_int_equal(calculate_alignment(SLAB_HWCACHE_ALIGN, 0, 33), 64);
	assert_int_equal(calculate_alignment(SLAB_HWCACHE_ALIGN, 0, 32), 32);
	assert_int_equal(calculate_alignment(SLAB_HWCACHE_ALIGN, 0, 20), 32);
	assert_int_equal(calculate_alignment(SLAB_HWCACHE_ALIGN, 0, 12), 16);
	assert_int_equal(calculate_alignment(SLAB_HWCACHE_ALIGN, 0, 4), 8);
	assert_int_equal(calculate_alignment(SLAB_HWCACHE_ALIGN, 256, 8), 256);
}

static void ctor_nop(void *obj)
{
	(void)obj;
}

static void test_merging(void **state)
{
	struct kmem_cache *a, *b, *c, *d, *e, *f, *g, *h, *k;
	int krefs96 = kmalloc_caches[1]->refcount;

	(void)state;
	a = kmem_cache_create("merge_a", 100, 0, 0, NULL);
	assert_non_null(a);
	assert_string_equal(a->name, "merge_a");
	/* 100 rounds to 104; no cache has objects of 104..111 bytes */
	assert_int_equal(a->refcount, 1);
	b = kmem_cache_create("merge_b", 100, 0, 0, NULL);	/* same size */
	e = kmem_cache_create("merge_e", 97, 0, 0, NULL);	/* 104 too */
	c = kmem_cache_create("merge_c", 100, 0, 0, ctor_nop);	/* a ctor */
	d = kmem_cache_create("merge_d", 100, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	f = kmem_cache_create("merge_f", 105, 0, 0, NULL);	/* 112 > 104 */
	/* align 64: 128-byte objects, as kmalloc-128's */
	g = kmem_cache_create("merge_g", 100, 64, 0, NULL);
	slab_nomerge = 1;
	h = kmem_cache_create("merge_h", 100, 0, 0, NULL);
	slab_nomerge = 0;
	k = kmem_cache_create("merge_k", 100, 0, 0, NULL);

	assert_ptr_not_equal(c, a);
	assert_ptr_not_equal(d, a);
	assert_ptr_not_equal(f, a);
	assert_ptr_not_equal(h, a);
	if (DEBUG_BUILD) {
		/*
		 * CONFIG_DEBUG_SLAB poisons every cache (FORCED_DEBUG), and
		 * SLAB_NEVER_MERGE forbids merging a poisoned cache: every
		 * create makes a cache.
		 */
		assert_ptr_not_equal(b, a);
		assert_ptr_not_equal(e, a);
		assert_ptr_not_equal(g, kmalloc_caches[1]);
		assert_ptr_not_equal(k, h);
		assert_ptr_not_equal(k, a);
	} else {
		assert_ptr_equal(b, a);
		assert_ptr_equal(e, a);
		assert_int_equal(a->refcount, 3);
		/*
		 * find_mergeable() takes the first fit on slab_caches, which
		 * is newest first: merge_h, made without merging, now
		 * serves merge_k.
		 */
		assert_ptr_equal(k, h);
		assert_int_equal(h->refcount, 2);
		/*
		 * Aligned to 64, 100 bytes need 128: the first 128-byte
		 * cache on the list is kmalloc-96 (HWCACHE aligned, created
		 * after kmalloc-128), and an alias raises its object_size.
		 */
		assert_ptr_equal(g, kmalloc_caches[1]);
		assert_int_equal(kmalloc_caches[1]->refcount, krefs96 + 1);
		assert_int_equal(kmalloc_caches[1]->object_size, 100);
	}
	kmem_cache_destroy(k);
	kmem_cache_destroy(h);
	kmem_cache_destroy(g);
	kmem_cache_destroy(f);
	kmem_cache_destroy(d);
	kmem_cache_destroy(c);
	kmem_cache_destroy(e);
	kmem_cache_destroy(b);
	kmem_cache_destroy(a);
	assert_int_equal(kmalloc_caches[1]->refcount, krefs96);
	assert_null(strstr(klog_text(), "still has objects"));
}

/* ---- cache layout: order, colouring, on- and off-slab freelists ---- */

static void test_layout_colouring(void **state)
{
	struct kmem_cache *c;
	struct page *slabs[3];
	int nslabs = 0, i;
	void *objs[64];

	(void)state;
	c = private_cache("colour", 300, 0, 0, NULL);
	/*
	 * 300 bytes, align 8: 304 per object (328 with the debug words:
	 * 8 red zone, 304, 8 red zone, 8 user word).  One page holds 13
	 * (12), 144 (160) bytes left; the freelist of 13 (12) one-byte
	 * indices padded to 16 fits in them, so it stays on the slab and
	 * leaves 128 (144): two colours of a 64-byte cache line.
	 */
	assert_int_equal(c->gfporder, 0);
	assert_int_equal(c->size, DEBUG_BUILD ? 328 : 304);
	assert_int_equal(c->num, DEBUG_BUILD ? 12 : 13);
	assert_int_equal(c->freelist_size, 16);
	assert_int_equal(c->colour_off, 64);
	assert_int_equal(c->colour, 2);

	/* The slabs, in the order cache_grow() made them: colours 0, 1, 0 */
	for (i = 0; i < (int)(3 * c->num); i++) {
		struct page *page;

		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		assert_non_null(objs[i]);
		page = slab_of(objs[i]);
		if (!nslabs || slabs[nslabs - 1] != page) {
			if (nslabs < 3)
				slabs[nslabs] = page;
			nslabs++;
		}
	}
	assert_int_equal(nslabs, 3);
	for (i = 0; i < 3; i++) {
		char *base = page_address(slabs[i]);
		size_t colour = (i % 2) * 64;

		assert_true(PageSlab(slabs[i]));
		assert_ptr_equal(slabs[i]->slab_cache, c);
		/* on-slab: [colour][freelist][objects] */
		assert_ptr_equal(slabs[i]->freelist, base + colour);
		assert_ptr_equal(slabs[i]->s_mem, base + colour + 16);
	}
	for (i = 0; i < (int)(3 * c->num); i++)
		kmem_cache_free(c, objs[i]);
	destroy(c);
}

static void test_off_slab(void **state)
{
	/*
	 * 512-byte objects: 8 fill a page exactly, nothing is left for
	 * the freelist, which goes off the slab, into kmalloc-32
	 * (kmalloc_slab(8)).  With the debug words 512 bytes would leave
	 * room; 4096 bytes (too large for red zones to fit the power of
	 * two, so only poisoned) fill a page alone.
	 */
	size_t size = DEBUG_BUILD ? 4096 : 512;
	struct kmem_cache *c = private_cache("offslab", size, 0, 0, NULL);
	unsigned int per = PAGE_SIZE / size;
	void *objs[8];
	struct page *page;
	unsigned char *fl;
	unsigned int i;

	(void)state;
	assert_int_equal(c->num, per);
	assert_int_equal(c->freelist_size, per);
	assert_ptr_equal(c->freelist_cache, kmalloc_caches[5]);
	for (i = 0; i < per; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	page = slab_of(objs[0]);
	for (i = 1; i < per; i++)
		assert_ptr_equal(slab_of(objs[i]), page);
	/* no colour left: s_mem is the page; the freelist a kmalloc-32 object */
	assert_ptr_equal(page->s_mem, page_address(page));
	assert_ptr_equal(cache_of(page->freelist), kmalloc_caches[5]);
	assert_int_equal(page->active, per);
	if (per >= 4) {
		/*
		 * Free objects 3 and 1, then drain the CPU's array into the
		 * slab (kmem_cache_shrink): slab_put_obj() pushes each index
		 * on top of the freelist, in the order free_block() sees them.
		 */
		unsigned int idx3 = ((char *)objs[3] - (char *)page->s_mem) / c->size;
		unsigned int idx1 = ((char *)objs[1] - (char *)page->s_mem) / c->size;

		kmem_cache_free(c, objs[3]);
		kmem_cache_free(c, objs[1]);
		assert_int_equal(page->active, per);	/* still in the array */
		kmem_cache_shrink(c);
		fl = page->freelist;
		assert_int_equal(page->active, per - 2);
		assert_int_equal(fl[per - 1], idx3);
		assert_int_equal(fl[per - 2], idx1);
		for (i = 0; i < per; i++)
			if (i != 1 && i != 3)
				kmem_cache_free(c, objs[i]);
	} else {
		for (i = 0; i < per; i++)
			kmem_cache_free(c, objs[i]);
	}
	destroy(c);
}

/* ---- the paths: refill, flush, shrink, reap, aliens ---- */

static void test_refill(void **state)
{
	struct kmem_cache *c = private_cache("refill", 64, 0, 0, NULL);
	struct refmm_cache_census cs;
	void *objs[200];
	unsigned int num = c->num, first, second, i;

	(void)state;
	/*
	 * 64 bytes: limit 120, batchcount 60, shared 8 (enable_cpucache);
	 * the debug build caps limit at 32 (batchcount 16).
	 */
	assert_int_equal(c->limit, DEBUG_BUILD ? 32 : 120);
	assert_int_equal(c->batchcount, DEBUG_BUILD ? 16 : 60);
	assert_int_equal(c->shared, 8);
	/*
	 * The first refill of an untouched array takes BATCHREFILL_LIMIT
	 * (16) objects; later ones the whole batchcount, as far as the
	 * partial slab goes (cache_alloc_refill() grows only when it
	 * found nothing).
	 */
	first = 16;
	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	census(c, &cs);
	assert_int_equal(cs.cpu[0].avail, first - 1);
	assert_int_equal(cs.node[0].partial_slabs, 1);
	assert_int_equal(cs.free_in_slabs, num - first);
	assert_int_equal(cs.active_objs, 1);
	assert_int_equal(cs.slab_active_objs, first);
	for (i = 1; i < first; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	census(c, &cs);
	assert_int_equal(cs.cpu[0].avail, 0);
	objs[first] = kmem_cache_alloc(c, GFP_KERNEL);
	second = min(c->batchcount, num - first);
	census(c, &cs);
	assert_int_equal(cs.cpu[0].avail, second - 1);
	assert_int_equal(cs.free_in_slabs, num - first - second);
	assert_int_equal(cs.node[0].full_slabs, num == first + second);
	/*
	 * Another CPU has its own array; its first refill takes what the
	 * partial slab has left, up to 16, or 16 of a new slab.
	 */
	refmm_current_cpu = 1;
	objs[first + 1] = kmem_cache_alloc(c, GFP_KERNEL);
	census(c, &cs);
	i = num - first - second;
	assert_int_equal(cs.cpu[1].avail, (i ? min(16u, i) : 16u) - 1);
	assert_int_equal(cs.cpu[0].avail, second - 1);
	kmem_cache_free(c, objs[first + 1]);
	refmm_current_cpu = 0;
	for (i = 0; i <= first; i++)
		kmem_cache_free(c, objs[i]);
	destroy(c);
}

struct flush_case {
	struct kmem_cache *c;
	void *o[20];
};

static void flush_run(struct flush_case *fc, int shared)
{
	char buf[64];
	int i, id;

	fc->c = private_cache(shared ? "flush_shared" : "flush", 200, 0, 0, NULL);
	/* /proc/slabinfo tuning: limit 8, batchcount 4 */
	snprintf(buf, sizeof(buf), "%s 8 4 %d", fc->c->name, shared);
	assert_int_equal(slabinfo_write(buf, strlen(buf)), (int)strlen(buf));
	assert_int_equal(fc->c->limit, 8);
	assert_int_equal(fc->c->batchcount, 4);
	for (i = 0; i < 20; i++)
		fc->o[i] = kmem_cache_alloc(fc->c, GFP_KERNEL);
	kmem_cache_shrink(fc->c);	/* nothing left in the arrays */
	/*
	 * Free o0..o19: the array fills with o0..o7; each free that finds
	 * it full flushes its batchcount oldest entries (cache_flusharray)
	 * -- o0..o3, then o4..o7, then o8..o11 -- so o12..o19 remain.
	 */
	for (i = 0; i < 20; i++)
		kmem_cache_free(fc->c, fc->o[i]);
	for (i = 12; i < 20; i++) {
		assert_int_equal(obj_where(fc->c, fc->o[i], &id), REFMM_OBJ_CPU);
		assert_int_equal(id, 0);
	}
}

static void test_flush(void **state)
{
	struct flush_case fc;
	int i;

	(void)state;
	/* No shared array: flushed objects go back to their slabs. */
	flush_run(&fc, 0);
	for (i = 0; i < 12; i++)
		assert_int_equal(obj_where(fc.c, fc.o[i], NULL), REFMM_OBJ_SLAB_FREE);
	destroy(fc.c);

	/*
	 * A shared array of 1 * batchcount = 4 entries: the first flush
	 * (o0..o3) fills it, later ones find it full and go to the slabs.
	 */
	flush_run(&fc, 1);
	for (i = 0; i < 4; i++)
		assert_int_equal(obj_where(fc.c, fc.o[i], NULL), REFMM_OBJ_SHARED);
	for (i = 4; i < 12; i++)
		assert_int_equal(obj_where(fc.c, fc.o[i], NULL), REFMM_OBJ_SLAB_FREE);
	/* ...and the next refill of an empty array takes from it first */
	refmm_current_cpu = 1;
	{
		void *p = kmem_cache_alloc(fc.c, GFP_KERNEL);

		/* transfer_objects() moved the shared entries over; LIFO */
		assert_ptr_equal(p, fc.o[3]);
		kmem_cache_free(fc.c, p);
	}
	refmm_current_cpu = 0;
	destroy(fc.c);
}

static void test_shrink(void **state)
{
	struct kmem_cache *c = private_cache("shrink", 200, 0, 0, NULL);
	struct refmm_cache_census cs;
	unsigned long slab_before = global_page_state(NR_SLAB_UNRECLAIMABLE);
	void *o[100];
	int i;

	(void)state;
	for (i = 0; i < 100; i++)
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
	census(c, &cs);
	assert_true(cs.num_slabs >= 100 / c->num);
	assert_int_equal(global_page_state(NR_SLAB_UNRECLAIMABLE),
			 slab_before + (cs.num_slabs << c->gfporder));
	/* A cache with objects in use shrinks but says so */
	assert_int_equal(kmem_cache_shrink(c), 1);
	for (i = 0; i < 100; i++)
		kmem_cache_free(c, o[i]);
	census(c, &cs);
	assert_true(cs.cpu_cached + cs.shared_cached > 0);
	assert_int_equal(kmem_cache_shrink(c), 0);
	census(c, &cs);
	assert_int_equal(cs.num_slabs, 0);
	assert_int_equal(cs.cpu_cached + cs.shared_cached + cs.alien_cached, 0);
	assert_int_equal(global_page_state(NR_SLAB_UNRECLAIMABLE), slab_before);
	destroy(c);
}

static void test_reap(void **state)
{
	struct kmem_cache *c = private_cache("reap", 200, 0, 0, NULL);
	struct refmm_cache_census cs;
	char buf[64];
	void *o[8];
	int i;
	unsigned int expect[] = { 8, 8, 6, 4, 2, 0 };

	(void)state;
	snprintf(buf, sizeof(buf), "reap 8 4 0");
	assert_int_equal(slabinfo_write(buf, strlen(buf)), (int)strlen(buf));
	refmm_current_cpu = 1;
	for (i = 0; i < 8; i++)
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (i = 0; i < 8; i++)
		kmem_cache_free(c, o[i]);
	refmm_current_cpu = 0;
	census(c, &cs);
	assert_int_equal(cs.cpu[1].avail, 8);
	assert_int_equal(cs.cpu[1].touched, 1);
	/*
	 * cache_reap() every 2 s on each CPU: drain_array() first only
	 * clears 'touched'; then frees (limit + 4) / 5 = 2 entries a time.
	 * (One reap per CPU in each 2 s step: the setup let the timers
	 * settle into their period.)
	 */
	for (i = 0; i < (int)ARRAY_SIZE(expect); i++) {
		census(c, &cs);
		assert_int_equal(cs.cpu[1].avail, expect[i]);
		refmm_advance_jiffies(2 * HZ);
	}
	/*
	 * Every 4 s the node's free slabs go too, up to
	 * (free_limit + 5 * num - 1) / (5 * num) at a time, unless an
	 * allocation looked at them since: within a minute none is left.
	 */
	refmm_advance_jiffies(60 * HZ);
	census(c, &cs);
	assert_int_equal(cs.num_slabs, 0);
	destroy(c);
}

static void test_free_limit(void **state)
{
	struct kmem_cache *c = private_cache("free_limit", 1000, 0, 0, NULL);
	struct refmm_cache_census cs;
	unsigned long peak;
	char buf[64];
	void *o[40];
	int i;

	(void)state;
	snprintf(buf, sizeof(buf), "free_limit 8 4 0");
	assert_int_equal(slabinfo_write(buf, strlen(buf)), (int)strlen(buf));
	/* 4 objects of 1000 (1024 with the debug words) bytes a page */
	assert_int_equal(c->num, 4);
	/* alloc_kmem_cache_node(): (1 + CPUs of the node) * batchcount + num */
	census(c, &cs);
	assert_int_equal(cs.node[0].free_limit, (1 + 2) * 4 + 4);
	for (i = 0; i < 40; i++)
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
	peak = global_page_state(NR_SLAB_UNRECLAIMABLE);
	census(c, &cs);
	assert_int_equal(cs.num_slabs, 10);
	/*
	 * Free them all: 32 reach their slabs through flushes of 4, 8 stay
	 * in the array.  free_block() keeps an empty slab only while the
	 * node's free objects stay within free_limit (16); beyond it the
	 * slab goes back to the page allocator at once.
	 */
	for (i = 0; i < 40; i++)
		kmem_cache_free(c, o[i]);
	census(c, &cs);
	assert_int_equal(cs.cpu[0].avail, 8);
	assert_true(cs.node[0].free_objects <= 16);
	assert_true(cs.num_slabs < 10);
	assert_int_equal(global_page_state(NR_SLAB_UNRECLAIMABLE),
			 peak - ((10 - cs.num_slabs) << c->gfporder));
	destroy(c);
}

static void test_alien(void **state)
{
	struct kmem_cache *c = private_cache("alien", 200, 0, 0, NULL);
	struct refmm_cache_census cs;
	void *o[13];
	int i, id;

	(void)state;
	/* Node 0's objects (CPU 0), freed on CPU 2 of node 1 */
	for (i = 0; i < 13; i++) {
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
		assert_int_equal(page_to_nid(slab_of(o[i])), 0);
	}
	refmm_current_cpu = 2;
	for (i = 0; i < 12; i++)
		kmem_cache_free(c, o[i]);
	/* They wait in node 1's alien array for node 0 (limit 12) */
	census(c, &cs);
	assert_int_equal(cs.node[1].alien[0].avail, 12);
	assert_int_equal(cs.node[1].alien[0].limit, 12);
	assert_int_equal(cs.alien_cached, 12);
	assert_int_equal(cs.cpu[2].avail, 0);
	assert_int_equal(obj_where(c, o[5], &id), REFMM_OBJ_ALIEN);
	assert_int_equal(id, 1 * MAX_NUMNODES + 0);
	/*
	 * The 13th finds it full: __drain_alien_cache() moves all 12 to
	 * node 0's shared array (8 * batchcount entries), then takes it.
	 */
	kmem_cache_free(c, o[12]);
	census(c, &cs);
	assert_int_equal(cs.node[1].alien[0].avail, 1);
	assert_int_equal(cs.node[0].shared.avail, 12);
	assert_int_equal(obj_where(c, o[5], NULL), REFMM_OBJ_SHARED);
	refmm_current_cpu = 0;
	/* kmem_cache_alloc_node() for node 1 from CPU 0 */
	o[0] = kmem_cache_alloc_node(c, GFP_KERNEL, 1);
	assert_int_equal(page_to_nid(slab_of(o[0])), 1);
	kmem_cache_free(c, o[0]);
	destroy(c);
}

static void test_destroy_busy(void **state)
{
	struct kmem_cache *c = private_cache("busy", 100, 0, 0, NULL);
	void *o = kmem_cache_alloc(c, GFP_KERNEL);

	(void)state;
	kmem_cache_destroy(c);
	assert_klog_has("kmem_cache_destroy busy: Slab cache still has objects");
	/* still listed, refcount 0 now, as 4.0 leaves it */
	assert_ptr_equal(cache_of(o), c);
	assert_int_equal(c->refcount, 0);
	kmem_cache_free(c, o);
	/* give back the reference the refused destroy dropped, to clean up */
	c->refcount = 1;
	klog_reset();
	destroy(c);
}

/*
 * A cache's per-CPU arrays come from the first per-cpu chunk and go back
 * to it on destroy; 4.0's area map reuses the space, so create/destroy
 * loops never run out.  A 200-byte cache has limit 120 (32 with
 * CONFIG_DEBUG_SLAB), so each array is 16 + 8 * limit bytes a CPU: a bump
 * allocator would use up the dynamic part of the 256 KiB unit within some
 * 260 rounds (900 in the debug build).  Nothing else takes per-cpu space
 * in between, so first fit gives each new cache the area the last one
 * freed.
 */
static void test_create_destroy_loop(void **state)
{
	void __percpu *first = NULL;
	int i;

	(void)state;
	for (i = 0; i < 2000; i++) {
		struct kmem_cache *c = private_cache("loop", 200, 0, 0, NULL);

		assert_int_equal(c->limit, DEBUG_BUILD ? 32 : 120);
		if (!i)
			first = c->cpu_cache;
		else if (c->cpu_cache != first)
			fail_msg("round %d: cpu_cache %p, the first was %p",
				 i, (void *)c->cpu_cache, (void *)first);
		destroy(c);
	}
}

/* ---- ctor and __GFP_ZERO ---- */

static int ctor_calls;

static void ctor_count(void *obj)
{
	ctor_calls++;
	memset(obj, 0xc7, 16);
}

static void test_ctor(void **state)
{
	struct kmem_cache *c = private_cache("ctor", 48, 0, 0, ctor_count);
	unsigned char *p;

	(void)state;
	ctor_calls = 0;
	p = kmem_cache_alloc(c, GFP_KERNEL);
	/* the constructor runs for each object of a new slab, once */
	assert_int_equal(ctor_calls, DEBUG_BUILD ? 1 : (int)c->num);
	assert_int_equal(p[0], 0xc7);
	kmem_cache_free(c, p);
	p = kmem_cache_zalloc(c, GFP_KERNEL);
	assert_int_equal(p[0], 0);
	assert_int_equal(p[47], 0);
	kmem_cache_free(c, p);
	destroy(c);
}

/* ---- mempool ---- */

static void failslab(int probability)
{
	struct refmm_failslab fs = {
		.probability = probability, .times = -1,
		.ignore_gfp_wait = true, .seed = 1,
	};

	refmm_failslab_setup(&fs);
}

static void test_mempool_reserve(void **state)
{
	struct kmem_cache *c = private_cache("pool_objs", 256, 0, 0, NULL);
	mempool_t *pool;
	void *e[8], *more;
	int i;

	(void)state;
	pool = mempool_create_slab_pool(4, c);
	assert_non_null(pool);
	assert_int_equal(pool->min_nr, 4);
	assert_int_equal(pool->curr_nr, 4);
	/* While the cache serves, the reserve stays untouched */
	e[0] = mempool_alloc(pool, GFP_NOIO);
	assert_int_equal(pool->curr_nr, 4);
	mempool_free(e[0], pool);	/* the reserve is full: to the cache */
	assert_int_equal(pool->curr_nr, 4);

	/*
	 * The allocator fails (failslab, for allocations that may not
	 * sleep): GFP_ATOMIC gets the 4 reserved elements, then NULL.
	 */
	failslab(100);
	for (i = 0; i < 4; i++) {
		e[i] = mempool_alloc(pool, GFP_ATOMIC);
		assert_non_null(e[i]);
		assert_int_equal(pool->curr_nr, 3 - i);
	}
	assert_null(mempool_alloc(pool, GFP_ATOMIC));
	/* a caller that may sleep retries with __GFP_WAIT, which works */
	more = mempool_alloc(pool, GFP_NOIO);
	assert_non_null(more);
	failslab(0);
	/* frees refill the reserve first, then go back to the cache */
	for (i = 0; i < 4; i++) {
		mempool_free(e[i], pool);
		assert_int_equal(pool->curr_nr, i + 1);
	}
	mempool_free(more, pool);
	assert_int_equal(pool->curr_nr, 4);
	assert_int_equal(obj_where(c, more, NULL), REFMM_OBJ_CPU);

	/* resize: shrinking frees elements, growing allocates them */
	assert_int_equal(mempool_resize(pool, 2), 0);
	assert_int_equal(pool->curr_nr, 2);
	assert_int_equal(mempool_resize(pool, 6), 0);
	assert_int_equal(pool->min_nr, 6);
	assert_int_equal(pool->curr_nr, 6);
	mempool_destroy(pool);
	destroy(c);
}

static void test_mempool_kinds(void **state)
{
	mempool_t *kp, *pp;
	void *x;
	struct page *page;

	(void)state;
	kp = mempool_create_kmalloc_pool(3, 1000);
	assert_non_null(kp);
	x = mempool_alloc(kp, GFP_KERNEL);
	assert_ptr_equal(cache_of(x), kmalloc_caches[10]);
	mempool_free(x, kp);
	mempool_destroy(kp);

	pp = mempool_create_page_pool(2, 1);
	assert_non_null(pp);
	page = mempool_alloc(pp, GFP_KERNEL);
	assert_non_null(page);
	assert_int_equal(page_count(page), 1);
	mempool_free(page, pp);
	mempool_destroy(pp);
	drain_all_pages(NULL);
}

/* ---- the kdump page classes ---- */

/*
 * gen --dump-level never leaves a slab page out: makedumpfile's
 * page_is_buddy_v3() rules out PG_slab before it tests the buddy mark,
 * because a slab's first page keeps SLAB's active count in _mapcount's
 * word.  Every page of every slab (heads and the tails of a slab of
 * order > 0) is in no class, also a head whose active count reads as
 * the buddy mark.
 */
static void test_dump_class(void **state)
{
	struct kmem_cache *c = private_cache("dump_class", 64, 0, 0, NULL);
	void *obj = kmem_cache_alloc(c, GFP_KERNEL);
	void *big = kmalloc(16384, GFP_KERNEL);
	struct page *head = slab_of(obj);
	unsigned long pfn, tails = 0;
	unsigned int saved;

	(void)state;
	assert_non_null(big);
	assert_true(compound_order(slab_of(big)) > 0);
	for (pfn = 0; pfn < max_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (!page || !PageSlab(compound_head(page)))
			continue;
		if (page_dump_class(page))
			fail_msg("slab page pfn %#lx is in dump class %#x",
				 pfn, page_dump_class(page));
		tails += PageTail(page);
	}
	assert_true(tails > 0);

	saved = head->active;
	head->active = (unsigned int)PAGE_BUDDY_MAPCOUNT_VALUE;
	assert_true(PageBuddy(head));	/* what the mark alone says */
	assert_int_equal(page_dump_class(head), 0);
	head->active = saved;

	kfree(big);
	kmem_cache_free(c, obj);
	destroy(c);
}

/* ---- CONFIG_DEBUG_SLAB: red zones, poison, the last user ---- */

#ifdef CONFIG_DEBUG_SLAB
/* The call is not its last act, so it cannot become a jump (a tail call). */
static noinline void *alloc_here(struct kmem_cache *c)
{
	void *p = kmem_cache_alloc(c, GFP_KERNEL);

	barrier();
	return p;
}

static void test_debug_layout(void **state)
{
	struct kmem_cache *c = private_cache("dbg", 100, 0, 0, NULL);
	unsigned char *p, *obj;
	unsigned long user;
	int i;

	(void)state;
	/* 104 bytes + 2 red zone words + the user word; obj_offset 8 */
	assert_true(c->flags & SLAB_RED_ZONE);
	assert_true(c->flags & SLAB_POISON);
	assert_true(c->flags & SLAB_STORE_USER);
	assert_int_equal(c->obj_offset, 8);
	assert_int_equal(c->size, 104 + 16 + 8);
	p = alloc_here(c);
	obj = p - 8;
	assert_int_equal(*(unsigned long long *)obj, RED_ACTIVE);
	assert_int_equal(*(unsigned long long *)(obj + 112), RED_ACTIVE);
	/* the caller: an address inside alloc_here() */
	user = *(unsigned long *)(obj + 120);
	assert_true(user > (unsigned long)alloc_here &&
		    user < (unsigned long)alloc_here + 256);
	/* allocated objects are POISON_INUSE, the last byte POISON_END */
	for (i = 0; i < 99; i++)
		assert_int_equal(p[i], POISON_INUSE);
	assert_int_equal(p[99], POISON_END);
	kmem_cache_free(c, p);
	/* freed: red zones inactive, the object POISON_FREE */
	assert_int_equal(*(unsigned long long *)obj, RED_INACTIVE);
	assert_int_equal(p[0], POISON_FREE);
	assert_true(klog_text()[0] == '\0');

	/* A write past the end: reported on free, as slab.c reports it */
	p = kmem_cache_alloc(c, GFP_KERNEL);
	p[104] = 0;
	kmem_cache_free(c, p);
	assert_klog_has("slab error in verify_redzone_free(): cache `dbg': memory outside object was overwritten");
	klog_reset();

	/* A write after free: the poison check finds it on the next alloc */
	p = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p);
	p[10] = 0x42;
	assert_ptr_equal(kmem_cache_alloc(c, GFP_KERNEL), p);
	assert_klog_has("Slab corruption (");
	assert_klog_has("dbg start=");
	kmem_cache_free(c, p);
	klog_reset();
	destroy(c);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_kmalloc_index, check_clean),
		cmocka_unit_test_teardown(test_kmalloc_caches, check_clean),
		cmocka_unit_test_teardown(test_kmalloc_api, check_clean),
		cmocka_unit_test_teardown(test_calculate_alignment, check_clean),
		cmocka_unit_test_teardown(test_merging, check_clean),
		cmocka_unit_test_teardown(test_layout_colouring, check_clean),
		cmocka_unit_test_teardown(test_off_slab, check_clean),
		cmocka_unit_test_teardown(test_refill, check_clean),
		cmocka_unit_test_teardown(test_flush, check_clean),
		cmocka_unit_test_teardown(test_shrink, check_clean),
		cmocka_unit_test_teardown(test_reap, check_clean),
		cmocka_unit_test_teardown(test_free_limit, check_clean),
		cmocka_unit_test_teardown(test_alien, check_clean),
		cmocka_unit_test_teardown(test_destroy_busy, check_clean),
		cmocka_unit_test_teardown(test_create_destroy_loop, check_clean),
		cmocka_unit_test_teardown(test_ctor, check_clean),
		cmocka_unit_test_teardown(test_mempool_reserve, check_clean),
		cmocka_unit_test_teardown(test_mempool_kinds, check_clean),
		cmocka_unit_test_teardown(test_dump_class, check_clean),
#ifdef CONFIG_DEBUG_SLAB
		cmocka_unit_test_teardown(test_debug_layout, check_clean),
#endif
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
