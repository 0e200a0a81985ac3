/* SPDX-License-Identifier: GPL-2.0-only */
/* test_refmm_slab_util.c - see test_refmm_slab_util.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <refmm/machine.h>
#include <refmm/slab.h>
#include <linux/bootmem.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/slab.h>

#include "test_refmm_slab_util.h"

static char klog[1 << 18];
static size_t klog_len;

static void capture(int level, const char *text)
{
	size_t n = strlen(text);

	(void)level;
	if (klog_len + n >= sizeof(klog))
		n = sizeof(klog) - 1 - klog_len;
	memcpy(klog + klog_len, text, n);
	klog_len += n;
	klog[klog_len] = '\0';
}

void klog_capture(void)
{
	refmm_printk_hook = capture;
	console_loglevel = 0;
}

void klog_reset(void)
{
	klog_len = 0;
	klog[0] = '\0';
}

const char *klog_text(void)
{
	return klog;
}

void census(struct kmem_cache *cachep, struct refmm_cache_census *c)
{
	char err[512];

	if (refmm_slab_census(cachep, c, NULL, NULL, err, sizeof(err)))
		fail_msg("census: %s", err);
}

struct where_arg {
	const void *obj;	/* the slab's object: before obj_offset */
	enum refmm_obj_where where;
	int id;
	int found;
};

static int where_cb(void *obj, enum refmm_obj_where where, int id, void *arg)
{
	struct where_arg *w = arg;

	if (obj != w->obj)
		return 0;
	w->where = where;
	w->id = id;
	w->found++;
	return 0;
}

enum refmm_obj_where obj_where(struct kmem_cache *cachep, const void *obj, int *id)
{
	struct refmm_cache_census *c = malloc(sizeof(*c));
	struct where_arg w = { .obj = obj };
	char err[512];

#ifdef CONFIG_DEBUG_SLAB
	w.obj = (const char *)obj - cachep->obj_offset;
#endif
	assert_non_null(c);
	if (refmm_slab_census(cachep, c, where_cb, &w, err, sizeof(err)))
		fail_msg("census: %s", err);
	free(c);
	if (w.found != 1)
		fail_msg("object %p seen %d times by the census", w.obj, w.found);
	if (id)
		*id = w.id;
	return w.where;
}

void assert_all_invariants(void)
{
	char msg[512];

	if (refmm_check_invariants(msg, sizeof(msg)))
		fail_msg("page allocator: %s", msg);
	if (refmm_check_slab(msg, sizeof(msg)))
		fail_msg("slab allocator: %s", msg);
}

unsigned long count_slab_pages(void)
{
	unsigned long pfn, n = 0;

	for (pfn = 0; pfn < max_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (page && PageSlab(compound_head(page)))
			n++;
	}
	return n;
}

static int cmp_block(const void *a, const void *b)
{
	const struct free_block *x = a, *y = b;

	return x->pfn < y->pfn ? -1 : x->pfn > y->pfn;
}

void zone_snapshot(struct zone *zone, struct zone_snap *s)
{
	unsigned int order;
	size_t n = 0;
	int mt;

	for (order = 0; order < MAX_ORDER; order++)
		n += zone->free_area[order].nr_free;
	s->blocks = calloc(n + 1, sizeof(*s->blocks));
	assert_non_null(s->blocks);
	s->nblocks = 0;
	for (order = 0; order < MAX_ORDER; order++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page;

			list_for_each_entry(page, &zone->free_area[order].free_list[mt], lru) {
				assert_true(s->nblocks < n);
				s->blocks[s->nblocks].pfn = page_to_pfn(page);
				s->blocks[s->nblocks].order = order;
				s->nblocks++;
			}
		}
	qsort(s->blocks, s->nblocks, sizeof(*s->blocks), cmp_block);
	s->nr_free_pages = zone_page_state(zone, NR_FREE_PAGES);
}

void assert_same_free_blocks(const struct zone_snap *then, const struct zone_snap *now,
			     const char *zone_name)
{
	size_t i;

	if (now->nr_free_pages != then->nr_free_pages)
		fail_msg("zone %s: %lu free pages, %lu before", zone_name,
			 now->nr_free_pages, then->nr_free_pages);
	if (now->nblocks != then->nblocks)
		fail_msg("zone %s: %zu free blocks, %zu before", zone_name,
			 now->nblocks, then->nblocks);
	for (i = 0; i < now->nblocks; i++)
		if (now->blocks[i].pfn != then->blocks[i].pfn ||
		    now->blocks[i].order != then->blocks[i].order)
			fail_msg("zone %s: free block %zu is pfn %#lx order %u, was pfn %#lx order %u",
				 zone_name, i, now->blocks[i].pfn, now->blocks[i].order,
				 then->blocks[i].pfn, then->blocks[i].order);
}
