// SPDX-License-Identifier: GPL-2.0-only
/*
 * truth.c - the truth file (schema in mmscope-gen(1)).
 *
 * Everything comes from refmm's structures in this process: the zones'
 * counters and the free lists walked in memory.  The dump is never read.
 * Addresses are "0x..." strings; counts are numbers.
 */
/* Kernel headers first: their compiler.h owns __always_inline. */
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/numa.h>
#include <linux/percpu.h>
#include <linux/vmstat.h>
#include <linux/jiffies.h>
#include <asm/pgtable.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <linux/mempool.h>
#include <linux/slab.h>

#include "refmm/crash_core.h"
#include "refmm/machine.h"
#include "refmm/scn_steps.h"
#include "refmm/slab.h"
#include "refmm/truth.h"
#include "refmm/truth_json.h"
#include "refmm/utsname.h"
#include "slab.h"

static const char *const truth_mt_names[MIGRATE_TYPES] = {
	[MIGRATE_UNMOVABLE] = "Unmovable",
	[MIGRATE_RECLAIMABLE] = "Reclaimable",
	[MIGRATE_MOVABLE] = "Movable",
	[MIGRATE_RESERVE] = "Reserve",
#ifdef CONFIG_CMA
	[MIGRATE_CMA] = "CMA",
#endif
#ifdef CONFIG_MEMORY_ISOLATION
	[MIGRATE_ISOLATE] = "Isolate",
#endif
};

static json_object *truth_free_area(struct zone *zone, int order)
{
	struct free_area *area = &zone->free_area[order];
	json_object *fa = json_object_new_object();
	json_object *by = json_object_new_object();
	json_object *blocks = json_object_new_object();

	add(fa, "order", json_object_new_int(order));
	add(fa, "nr_free", jnum(area->nr_free));
	for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
		json_object *pfns = json_object_new_array();
		struct list_head *pos;
		uint64_t n = 0;

		list_for_each(pos, &area->free_list[mt]) {
			struct page *page = list_entry(pos, struct page, lru);

			json_object_array_add(pfns, jnum(page_to_pfn(page)));
			n++;
		}
		if (truth_mt_names[mt]) {
			add(by, truth_mt_names[mt], jnum(n));
			add(blocks, truth_mt_names[mt], pfns);
		} else {
			json_object_put(pfns);
		}
	}
	add(fa, "by_migratetype", by);
	add(fa, "blocks", blocks);
	return fa;
}

/*
 * The pageblocks of each migratetype, counted as /proc/pagetypeinfo's
 * "Number of blocks type" counts them (pagetypeinfo_showblockcount_print
 * of 4.0): one pageblock per pageblock_nr_pages step from zone_start_pfn.
 */
static json_object *truth_pageblocks(struct zone *zone)
{
	unsigned long count[MIGRATE_TYPES] = { 0 };
	json_object *o = json_object_new_object();
	unsigned long pfn;

	for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
	     pfn += pageblock_nr_pages) {
		int mt;

		if (!pfn_valid(pfn))
			continue;
		mt = get_pageblock_migratetype(pfn_to_page(pfn));
		if (mt < MIGRATE_TYPES)
			count[mt]++;
	}
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		if (truth_mt_names[mt])
			add(o, truth_mt_names[mt], jnum(count[mt]));
	return o;
}

/*
 * Free blocks smaller than a pageblock that sit on the list of another
 * migratetype than their pageblock's: 4.0 leaves them so when a fallback
 * moves a block's free pages without claiming the block, or splits a
 * stolen buddy onto the start type's lists.  A reader that compares the
 * lists with the pageblock bitmap finds exactly these.
 */
static json_object *jmt(int mt)
{
	return json_object_new_string(mt >= 0 && mt < MIGRATE_TYPES &&
				      truth_mt_names[mt] ?
				      truth_mt_names[mt] : "?");
}

static void truth_list_mismatches(json_object *arr, struct zone *zone,
				  int order, int mt)
{
	struct list_head *pos;

	list_for_each(pos, &zone->free_area[order].free_list[mt]) {
		struct page *page = list_entry(pos, struct page, lru);
		int pmt = get_pageblock_migratetype(page);
		json_object *b;

		if (pmt == mt)
			continue;
		b = json_object_new_object();
		add(b, "pfn", jnum(page_to_pfn(page)));
		add(b, "order", json_object_new_int(order));
		add(b, "list", jmt(mt));
		add(b, "pageblock", jmt(pmt));
		json_object_array_add(arr, b);
	}
}

static json_object *truth_pageblock_mismatches(struct zone *zone)
{
	json_object *arr = json_object_new_array();
	int order, mt;

	for (order = 0; order < MAX_ORDER; order++) {
		if (order >= (int)pageblock_order)
			break;
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			truth_list_mismatches(arr, zone, order, mt);
	}
	return arr;
}

static uint64_t zone_pcp_pages(struct zone *zone)
{
	uint64_t n = 0;

	if (!zone->pageset)	/* an empty zone has no per-cpu lists */
		return 0;
	for (int cpu = 0; cpu < refmm_nr_cpus(); cpu++)
		n += (uint64_t)per_cpu_ptr(zone->pageset, cpu)->pcp.count;
	return n;
}

/* The cpus' non-empty pcp lists: cpu, migratetype, pfns in list order. */
static json_object *zone_pcp_lists(struct zone *zone)
{
	json_object *lists = json_object_new_array();

	if (!populated_zone(zone))
		return lists;	/* an empty zone's pagesets are never set up */
	for (int cpu = 0; cpu < refmm_nr_cpus(); cpu++) {
		struct per_cpu_pages *pcp = &per_cpu_ptr(zone->pageset, cpu)->pcp;

		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
			json_object *l, *pfns;
			struct list_head *pos;

			if (list_empty(&pcp->lists[mt]))
				continue;
			l = json_object_new_object();
			pfns = json_object_new_array();
			list_for_each(pos, &pcp->lists[mt])
				json_object_array_add(pfns, jnum(page_to_pfn(
					list_entry(pos, struct page, lru))));
			add(l, "cpu", json_object_new_int(cpu));
			add(l, "migratetype", json_object_new_string(truth_mt_names[mt]));
			add(l, "pfns", pfns);
			json_object_array_add(lists, l);
		}
	}
	return lists;
}

static json_object *truth_zone(struct zone *zone)
{
	json_object *z = json_object_new_object();
	json_object *wm = json_object_new_object();
	json_object *fas = json_object_new_array();
	json_object *lr = json_object_new_array();

	add(z, "name", json_object_new_string(zone->name));
	add(z, "addr", jaddr((uint64_t)(uintptr_t)zone));
	add(z, "start_pfn", jnum(zone->zone_start_pfn));
	add(z, "spanned_pages", jnum(zone->spanned_pages));
	add(z, "present_pages", jnum(zone->present_pages));
	add(z, "managed_pages", jnum(zone->managed_pages));
	add(z, "free_pages", jnum(zone_page_state(zone, NR_FREE_PAGES)));
	add(z, "pcp_pages", jnum(zone_pcp_pages(zone)));
	add(z, "pcp_lists", zone_pcp_lists(zone));
	add(z, "mem_map", zone->spanned_pages ?
			  jaddr((uint64_t)(uintptr_t)pfn_to_page(zone->zone_start_pfn)) :
			  jaddr(0));
	add(wm, "min", jnum(min_wmark_pages(zone)));
	add(wm, "low", jnum(low_wmark_pages(zone)));
	add(wm, "high", jnum(high_wmark_pages(zone)));
	add(z, "watermark", wm);
	for (int i = 0; i < MAX_NR_ZONES; i++)
		json_object_array_add(lr, jnum(zone->lowmem_reserve[i]));
	add(z, "lowmem_reserve", lr);
	for (int order = 0; order < MAX_ORDER; order++)
		json_object_array_add(fas, truth_free_area(zone, order));
	add(z, "free_area", fas);
	add(z, "pageblocks", truth_pageblocks(zone));
	add(z, "pageblock_mismatches", truth_pageblock_mismatches(zone));
	return z;
}

/* ---- caches: a census of every slab, not SLAB's counters ---- */

struct truth_samples {
	uint64_t inuse, slab_free, cached;
};

static int truth_sample(void *obj, enum refmm_obj_where where, int id, void *arg)
{
	struct truth_samples *ts = arg;
	uint64_t a = (uint64_t)(uintptr_t)obj;

	(void)id;
	if (where == REFMM_OBJ_INUSE && !ts->inuse)
		ts->inuse = a;
	else if (where == REFMM_OBJ_SLAB_FREE && !ts->slab_free)
		ts->slab_free = a;
	else if (where != REFMM_OBJ_INUSE && where != REFMM_OBJ_SLAB_FREE && !ts->cached)
		ts->cached = a;
	return 0;
}

static json_object *truth_array(const struct refmm_array_census *a)
{
	json_object *o;

	if (!a->addr)
		return NULL;
	o = json_object_new_object();
	add(o, "addr", jaddr(a->addr));
	add(o, "avail", jnum(a->avail));
	add(o, "limit", jnum(a->limit));
	add(o, "batchcount", jnum(a->batchcount));
	add(o, "touched", jnum(a->touched));
	return o;
}

static json_object *truth_cache(struct kmem_cache *cachep, struct refmm_cache_census *c,
				char *err, size_t errlen)
{
	json_object *o, *cpus, *nodes, *samples;
	struct truth_samples ts = { 0, 0, 0 };
	int cpu, node;

	if (refmm_slab_census(cachep, c, truth_sample, &ts, err, errlen))
		return NULL;
	o = json_object_new_object();
	add(o, "name", json_object_new_string(cachep->name));
	add(o, "addr", jaddr((uint64_t)(uintptr_t)cachep));
	add(o, "object_size", jnum((uint64_t)cachep->object_size));
	add(o, "size", jnum(cachep->size));
	add(o, "align", jnum((uint64_t)cachep->align));
	add(o, "flags", jnum(cachep->flags));
	add(o, "num", jnum(cachep->num));
	add(o, "gfporder", jnum(cachep->gfporder));
	add(o, "colour", jnum(cachep->colour));
	add(o, "colour_off", jnum(cachep->colour_off));
	add(o, "freelist_size", jnum(cachep->freelist_size));
	/* Off the slab, a slab's freelist is an object of freelist_cache. */
	add(o, "off_slab", json_object_new_boolean(c->off_slab));
	add(o, "freelist_cache", c->off_slab ?
		json_object_new_string(cachep->freelist_cache->name) : NULL);
#ifdef CONFIG_DEBUG_SLAB
	add(o, "obj_offset", jnum((uint64_t)cachep->obj_offset));
#endif
	add(o, "refcount", json_object_new_int(cachep->refcount));
	add(o, "limit", jnum(cachep->limit));
	add(o, "batchcount", jnum(cachep->batchcount));
	add(o, "shared", jnum(cachep->shared));
	add(o, "active_objs", jnum(c->active_objs));
	add(o, "num_objs", jnum(c->num_objs));
	add(o, "active_slabs", jnum(c->active_slabs));
	add(o, "num_slabs", jnum(c->num_slabs));
	add(o, "slab_active_objs", jnum(c->slab_active_objs));
	add(o, "free_objs", jnum(c->free_in_slabs));
	add(o, "cpu_avail", jnum(c->cpu_cached));
	add(o, "shared_avail", jnum(c->shared_cached));
	add(o, "alien_avail", jnum(c->alien_cached));

	cpus = json_object_new_array();
	for (cpu = 0; cpu < refmm_nr_cpus(); cpu++) {
		json_object *a = truth_array(&c->cpu[cpu]);

		if (a) {
			add(a, "cpu", json_object_new_int(cpu));
			json_object_array_add(cpus, a);
		}
	}
	add(o, "cpu", cpus);

	nodes = json_object_new_array();
	for (node = 0; node < MAX_NUMNODES; node++) {
		const struct refmm_node_census *nc = &c->node[node];
		json_object *n, *aliens;

		if (!nc->addr)
			continue;
		n = json_object_new_object();
		add(n, "node", json_object_new_int(node));
		add(n, "addr", jaddr(nc->addr));
		add(n, "slabs_full", jnum(nc->full_slabs));
		add(n, "slabs_partial", jnum(nc->partial_slabs));
		add(n, "slabs_free", jnum(nc->free_slabs));
		add(n, "free_objects", jnum(nc->free_objects));
		add(n, "free_limit", jnum(nc->free_limit));
		add(n, "shared", truth_array(&nc->shared));
		aliens = json_object_new_array();
		for (int i = 0; i < MAX_NUMNODES; i++) {
			json_object *a = truth_array(&nc->alien[i]);

			if (a) {
				add(a, "node", json_object_new_int(i));
				json_object_array_add(aliens, a);
			}
		}
		add(n, "alien", aliens);
		json_object_array_add(nodes, n);
	}
	add(o, "nodes", nodes);

	samples = json_object_new_object();
	add(samples, "inuse", ts.inuse ? jaddr(ts.inuse) : NULL);
	add(samples, "free", ts.slab_free ? jaddr(ts.slab_free) : NULL);
	add(samples, "cached", ts.cached ? jaddr(ts.cached) : NULL);
	add(o, "samples", samples);
	return o;
}

static int truth_caches(json_object *root, char *err, size_t errlen)
{
	struct refmm_cache_census *c = malloc(sizeof(*c));
	json_object *caches = json_object_new_array();
	json_object *pools = json_object_new_array();
	const struct scn_mempool_rec *recs;
	struct kmem_cache *cachep;
	char *slabinfo;
	int n;

	if (!c) {
		snprintf(err, errlen, "out of memory");
		json_object_put(caches);
		json_object_put(pools);
		return -1;
	}
	list_for_each_entry(cachep, &slab_caches, list) {
		json_object *o = truth_cache(cachep, c, err, errlen);

		if (!o) {
			free(c);
			json_object_put(caches);
			json_object_put(pools);
			return -1;
		}
		json_object_array_add(caches, o);
	}
	free(c);
	add(root, "caches", caches);

	slabinfo = refmm_slabinfo();
	add(root, "slabinfo", slabinfo ? json_object_new_string(slabinfo) : NULL);
	free(slabinfo);

	n = scn_mempool_records(&recs);
	for (int i = 0; i < n; i++) {
		const mempool_t *pool = recs[i].pool;
		json_object *p;

		if (!pool)
			continue;
		p = json_object_new_object();
		add(p, "name", json_object_new_string(recs[i].name));
		add(p, "addr", jaddr((uint64_t)(uintptr_t)pool));
		add(p, "kind", json_object_new_string(recs[i].kind));
		add(p, !strcmp(recs[i].kind, "slab") ? "cache" :
		       !strcmp(recs[i].kind, "kmalloc") ? "size" : "order",
		    !strcmp(recs[i].kind, "slab") ? jaddr(recs[i].data) : jnum(recs[i].data));
		add(p, "min_nr", json_object_new_int(pool->min_nr));
		add(p, "curr_nr", json_object_new_int(pool->curr_nr));
		add(p, "elements", jaddr((uint64_t)(uintptr_t)pool->elements));
		json_object_array_add(pools, p);
	}
	add(root, "mempools", pools);
	return 0;
}

static json_object *truth_build(const struct truth_info *ti, char *err, size_t errlen)
{
	json_object *root = json_object_new_object();
	json_object *nodes = json_object_new_array();
	json_object *mts = json_object_new_array();
	json_object *ranges = json_object_new_array();
	json_object *img = json_object_new_object();
	json_object *pgd = json_object_new_object();
	struct refmm_range rr[64];
	uint64_t total_free = 0;
	int nr, nid;

	add(root, "format", json_object_new_int(TRUTH_FORMAT));
	add(root, "release", json_object_new_string(init_uts_ns.name.release));
	add(root, "scenario", json_object_new_string(ti->scenario));
	/* any 64-bit seed: jnum()'s int64 would write one above 2^63 negative */
	add(root, "seed", json_object_new_uint64(ti->seed));
	add(root, "crashtime", jnum((uint64_t)ti->crashtime));
	add(root, "dump_format", json_object_new_string(ti->dump_format));
	add(root, "dump_level", json_object_new_int(ti->dump_level));
	add(root, "compression", ti->compression ? json_object_new_string(ti->compression) : NULL);
	add(root, "build_id", json_object_new_string(refmm_build_id()));
	add(root, "pagesize", jnum(PAGE_SIZE));
	add(root, "max_order", json_object_new_int(MAX_ORDER));
	add(root, "pageblock_order", json_object_new_int(pageblock_order));
	add(root, "mem_bytes", jnum(ti->mem_bytes));
	add(root, "nr_cpus", json_object_new_int(ti->nr_cpus));
	nr = 0;
	for_each_online_node(nid)
		nr++;
	add(root, "nr_nodes", json_object_new_int(nr));
	add(root, "page_offset", jaddr(PAGE_OFFSET));

	add(pgd, "symbol", json_object_new_string("swapper_pg_dir"));
	add(pgd, "vaddr", jaddr((uint64_t)(uintptr_t)&swapper_pg_dir));
	add(pgd, "paddr", jaddr(refmm_pgd_phys()));
	add(root, "pgd", pgd);
	add(img, "vaddr", jaddr(refmm_image_virt()));
	add(img, "paddr", jaddr(refmm_image_phys()));
	add(img, "size", jnum(refmm_image_bytes()));
	add(root, "image", img);
	nr = refmm_ram_ranges(rr, 64);
	for (int i = 0; i < nr && i < 64; i++) {
		json_object *r = json_object_new_object();

		add(r, "start", jaddr(rr[i].start));
		add(r, "end", jaddr(rr[i].end));
		json_object_array_add(ranges, r);
	}
	add(root, "ram_ranges", ranges);

	if (refmm_panic_cpu >= 0) {
		json_object *p = json_object_new_object();

		add(p, "message", json_object_new_string(refmm_panic_msg));
		add(p, "cpu", json_object_new_int(refmm_panic_cpu));
		add(p, "symbol", json_object_new_string("refmm_panic_msg"));
		add(root, "panic", p);
	} else {
		add(root, "panic", NULL);
	}

	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		if (truth_mt_names[mt])
			json_object_array_add(mts, json_object_new_string(truth_mt_names[mt]));
	add(root, "migratetypes", mts);

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);
		json_object *n = json_object_new_object();
		json_object *zones = json_object_new_array();

		add(n, "id", json_object_new_int(nid));
		add(n, "pgdat", jaddr((uint64_t)(uintptr_t)pgdat));
		add(n, "node_start_pfn", jnum(pgdat->node_start_pfn));
		add(n, "node_spanned_pages", jnum(pgdat->node_spanned_pages));
		add(n, "node_present_pages", jnum(pgdat->node_present_pages));
		add(n, "node_mem_map", jaddr((uint64_t)(uintptr_t)pgdat->node_mem_map));
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			total_free += zone_page_state(zone, NR_FREE_PAGES);
			json_object_array_add(zones, truth_zone(zone));
		}
		add(n, "zones", zones);
		json_object_array_add(nodes, n);
	}
	add(root, "nr_free_pages", jnum(total_free));
	add(root, "nodes", nodes);
	add(root, "kmem_cache", jaddr((uint64_t)(uintptr_t)kmem_cache));
	add(root, "jiffies", jnum(jiffies));
	if (truth_caches(root, err, errlen) ||
	    truth_procs(root, err, errlen)) {
		json_object_put(root);
		return NULL;
	}
	return root;
}

static char *truth_string(const struct truth_info *ti, char *err, size_t errlen)
{
	json_object *root = truth_build(ti, err, errlen);
	const char *s;
	char *ret;

	if (!root)
		return NULL;
	s = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
					   JSON_C_TO_STRING_SPACED);
	ret = s ? strdup(s) : NULL;
	if (!ret)
		snprintf(err, errlen, "out of memory");
	json_object_put(root);
	return ret;
}

char *truth_to_string(const struct truth_info *ti)
{
	char err[512];

	return truth_string(ti, err, sizeof(err));
}

int truth_write(struct refmm_afile *f, const struct truth_info *ti, char *err, size_t errlen)
{
	char msg[512];
	char *s = truth_string(ti, msg, sizeof(msg));
	size_t len;
	int ret;

	if (!s) {
		snprintf(err, errlen, "writing %s: %s", f->path, msg);
		return -1;
	}
	len = strlen(s);
	s[len] = '\n';		/* replace the NUL: the file ends in a newline */
	ret = refmm_afile_pwrite(f, s, len + 1, 0, err, errlen);
	free(s);
	return ret;
}
