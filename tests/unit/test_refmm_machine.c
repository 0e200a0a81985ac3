/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_refmm_machine.c - the simulated machine and its boot.
 *
 * Group "determinism": the parent never boots; each case forks children
 * that boot (once per process), run a fixed workload and report a hash of
 * all of RAM through a pipe.  Two boots of one configuration must agree
 * byte for byte, another configuration must not.
 *
 * Group "machine": the parent boots 256 MiB, two nodes, four CPUs and
 * checks the layout a dump reader relies on: the image aliased into RAM,
 * the page tables, e820, nodes and zones, mem_map, zonelists, per-cpu
 * areas, NUMA placement.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <refmm/machine.h>
#include <linux/bootmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/vmstat.h>
#include <asm/pgtable.h>

#include "internal.h"
#include "test_refmm_slab_util.h"

/* ---- determinism ---- */

struct ram_hash {
	uint64_t after_boot;
	uint64_t after_work;
};

static uint64_t hash_ram(void)
{
	const uint64_t *w = refmm_ram();
	size_t i, n = refmm_ram_bytes() / sizeof(*w);
	uint64_t h = 0xcbf29ce484222325ULL;

	for (i = 0; i < n; i++) {
		h ^= w[i];
		h *= 0x100000001b3ULL;
		h ^= h >> 29;
	}
	return h;
}

/* A fixed workload: some blocks kept, some freed, a few CPUs. */
static void workload(void)
{
	static struct page *kept[64];
	uint64_t x = 12345;
	int i;

	for (i = 0; i < 2000; i++) {
		unsigned int order;
		struct page *page;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		order = x % 4;
		refmm_current_cpu = (x >> 8) % refmm_nr_cpus();
		page = alloc_pages(i & 1 ? GFP_KERNEL : GFP_HIGHUSER_MOVABLE, order);
		if (!page)
			continue;
		memset(page_address(page), i & 0xff, 64);
		if (i % 31 == 0 && i / 31 < 64 && order == 0) {
			kept[i / 31] = page;
			continue;
		}
		__free_pages(page, order);
	}
	/* Give back every other kept block: holes in the middle of RAM. */
	for (i = 0; i < 64; i += 2)
		if (kept[i])
			__free_pages(kept[i], 0);
	refmm_current_cpu = 0;
}

static int boot_child(const struct refmm_config *cfg, struct ram_hash *out)
{
	int fds[2], status;
	pid_t pid;

	if (pipe(fds))
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		struct ram_hash h;

		close(fds[0]);
		console_loglevel = 0;
		if (refmm_boot(cfg))
			_exit(2);
		h.after_boot = hash_ram();
		workload();
		h.after_work = hash_ram();
		if (write(fds[1], &h, sizeof(h)) != sizeof(h))
			_exit(3);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], out, sizeof(*out)) != sizeof(*out)) {
		close(fds[0]);
		waitpid(pid, &status, 0);
		return -1;
	}
	close(fds[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	return 0;
}

static void test_same_config_same_ram(void **state)
{
	struct refmm_config cfg;
	struct ram_hash a, b;

	(void)state;
	refmm_default_config(&cfg);
	cfg.mem_bytes = 64ULL << 20;
	assert_int_equal(boot_child(&cfg, &a), 0);
	assert_int_equal(boot_child(&cfg, &b), 0);
	assert_true(a.after_boot == b.after_boot);
	assert_true(a.after_work == b.after_work);
	assert_true(a.after_boot != a.after_work);
}

static void test_other_config_other_ram(void **state)
{
	struct refmm_config cfg;
	struct ram_hash a, b, c;

	(void)state;
	refmm_default_config(&cfg);
	cfg.mem_bytes = 64ULL << 20;
	assert_int_equal(boot_child(&cfg, &a), 0);
	cfg.nr_cpus = 2;
	assert_int_equal(boot_child(&cfg, &b), 0);
	assert_true(a.after_boot != b.after_boot);

	/* Multi-node boots are deterministic too. */
	cfg.nr_nodes = 2;
	cfg.nr_cpus = 3;
	assert_int_equal(boot_child(&cfg, &b), 0);
	assert_int_equal(boot_child(&cfg, &c), 0);
	assert_true(b.after_boot == c.after_boot);
	assert_true(b.after_work == c.after_work);
}

static void test_bad_config(void **state)
{
	struct refmm_config cfg;
	struct ram_hash h;

	(void)state;
	refmm_default_config(&cfg);
	cfg.mem_bytes = 32ULL << 20;
	assert_int_not_equal(boot_child(&cfg, &h), 0);
	refmm_default_config(&cfg);
	cfg.nr_nodes = 5;
	assert_int_not_equal(boot_child(&cfg, &h), 0);
	refmm_default_config(&cfg);
	cfg.nr_cpus = 65;
	assert_int_not_equal(boot_child(&cfg, &h), 0);
	refmm_default_config(&cfg);
	cfg.mem_bytes += 4096;
	assert_int_not_equal(boot_child(&cfg, &h), 0);
}

/* ---- the booted machine ---- */

#define MEM	(256UL << 20)

static unsigned long boot_free_total;

static int machine_setup(void **state)
{
	struct refmm_config cfg;

	(void)state;
	console_loglevel = 0;
	refmm_default_config(&cfg);
	cfg.mem_bytes = MEM;
	cfg.nr_nodes = 2;
	cfg.nr_cpus = 4;
	if (refmm_boot(&cfg))
		return -1;
	boot_free_total = global_page_state(NR_FREE_PAGES);
	return 0;
}

static void test_accounting(void **state)
{
	struct zone *zone;
	unsigned long managed = 0, freep = 0, slab;
	char msg[256];

	(void)state;
	assert_int_equal(refmm_check_invariants(msg, sizeof(msg)), 0);
	for_each_zone(zone) {
		managed += zone->managed_pages;
		freep += zone_page_state(zone, NR_FREE_PAGES);
		assert_true(zone->managed_pages <= zone->present_pages);
		assert_true(zone->present_pages <= zone->spanned_pages);
	}
	/*
	 * Nothing is allocated yet but SLAB's bootstrap (the kmem_cache and
	 * kmalloc caches, their nodes and arrays): every managed page is
	 * free or in a slab.  Slab pages are counted by walking mem_map for
	 * PG_slab heads, not from the NR_SLAB_* counters, which must agree.
	 */
	assert_int_equal(managed, totalram_pages);
	slab = count_slab_pages();
	assert_true(slab > 0);
	assert_int_equal(slab, global_page_state(NR_SLAB_UNRECLAIMABLE) +
			       global_page_state(NR_SLAB_RECLAIMABLE));
	assert_int_equal(freep + slab, totalram_pages);
	assert_int_equal(boot_free_total + slab, totalram_pages);
	/* bootmem kept little: mem_map (56 bytes a page) and small change. */
	assert_true(totalram_pages > (MEM >> PAGE_SHIFT) * 97 / 100);
	assert_int_equal(max_pfn, MEM >> PAGE_SHIFT);
	assert_int_equal(sizeof(struct page), 56);
}

static void test_image_alias(void **state)
{
	unsigned long off = (unsigned long)&min_free_kbytes - refmm_image_virt();
	int *alias = (int *)((char *)refmm_ram() + refmm_image_phys() + off);
	int saved = min_free_kbytes;

	(void)state;
	assert_int_equal(refmm_image_virt(), 0x40000000UL);
	assert_int_equal(refmm_image_phys(), 0x1000000UL);
	assert_int_equal(refmm_image_bytes() % PAGE_SIZE, 0);
	assert_true(off < refmm_image_bytes());
	assert_int_equal(*alias, min_free_kbytes);
	*alias = 4242;
	assert_int_equal(min_free_kbytes, 4242);
	min_free_kbytes = saved;
	assert_int_equal(*alias, saved);
	/* __pa of an image symbol is its physical home. */
	assert_int_equal(__pa(&min_free_kbytes), refmm_image_phys() + off);
	/* The image is reserved memory, never handed to the allocator. */
	assert_true(PageReserved(virt_to_page(__va(refmm_image_phys()))));
	/* Zone names live in the image, so a dump can print them. */
	assert_true((unsigned long)NODE_DATA(0)->node_zones[ZONE_DMA32].name -
		    refmm_image_virt() < refmm_image_bytes());
	assert_string_equal(NODE_DATA(0)->node_zones[ZONE_DMA32].name, "DMA32");
}

static struct page *tables[8];
static int ntables;

static void *alloc_table(void)
{
	struct page *t = alloc_page(GFP_KERNEL | __GFP_ZERO);

	tables[ntables++] = t;
	return t ? page_address(t) : NULL;
}

static void test_page_tables(void **state)
{
	uint64_t pa;
	unsigned long va;

	(void)state;
	assert_ptr_equal(swapper_pg_dir, init_level4_pgt);
	assert_int_equal((unsigned long)init_level4_pgt % PAGE_SIZE, 0);
	assert_int_equal(refmm_pgd_phys(), __pa(init_level4_pgt));

	/* The whole direct map translates, 2 MiB pages and offsets. */
	for (va = PAGE_OFFSET; va < PAGE_OFFSET + MEM; va += 0x1f3000) {
		assert_int_equal(refmm_vtop(va, &pa), 0);
		assert_int_equal(pa, va - PAGE_OFFSET);
	}
	assert_int_equal(refmm_vtop(PAGE_OFFSET + MEM - 1, &pa), 0);
	assert_int_equal(pa, MEM - 1);
	assert_int_equal(refmm_vtop(PAGE_OFFSET + MEM, &pa), -1);

	/* The image, page by page. */
	for (va = refmm_image_virt(); va < refmm_image_virt() + refmm_image_bytes();
	     va += PAGE_SIZE) {
		assert_int_equal(refmm_vtop(va + 8, &pa), 0);
		assert_int_equal(pa, va - refmm_image_virt() + refmm_image_phys() + 8);
	}
	assert_int_equal(refmm_vtop(refmm_image_virt() + refmm_image_bytes(), &pa), -1);
	assert_int_equal(refmm_vtop(0x100000000000UL, &pa), -1);
	assert_int_equal(refmm_vtop(VMALLOC_START, &pa), -1);

	/* Table entries hold physical addresses of reserved RAM pages. */
	{
		unsigned long e = init_level4_pgt[pgd_index(PAGE_OFFSET)].pgd;

		assert_true(e & _PAGE_PRESENT);
		assert_true((e & PTE_PFN_MASK) < MEM);
		assert_true(PageReserved(pfn_to_page((e & PTE_PFN_MASK) >> PAGE_SHIFT)));
	}

	/* map_kernel_range() is general: a 4K mapping elsewhere walks too. */
	{
		struct page *root = alloc_page(GFP_KERNEL | __GFP_ZERO);
		pgd_t *pgd = page_address(root);
		phys_addr_t p;

		ntables = 0;
		assert_int_equal(map_kernel_range(pgd, VMALLOC_START + 0x5000, 0x123000,
						  3 * PAGE_SIZE, PAGE_KERNEL, false,
						  alloc_table), 0);
		assert_int_equal(walk_page_table(pgd, VMALLOC_START + 0x6010, &p), 0);
		assert_int_equal(p, 0x124010);
		assert_int_equal(walk_page_table(pgd, VMALLOC_START + 0x4000, &p), -1);
		assert_int_equal(ntables, 3);
		while (ntables)
			__free_page(tables[--ntables]);
		__free_page(root);
	}
}

static void test_e820_and_nodes(void **state)
{
	struct refmm_range r[4];
	pg_data_t *n0 = NODE_DATA(0), *n1 = NODE_DATA(1);
	unsigned long half = (MEM / 2) >> PAGE_SHIFT;
	int nid;

	(void)state;
	assert_int_equal(refmm_ram_ranges(r, 4), 2);
	assert_int_equal(r[0].start, 0);
	assert_int_equal(r[0].end, 0x9f000);
	assert_int_equal(r[1].start, 0x100000);
	assert_int_equal(r[1].end, MEM);

	assert_int_equal(nr_node_ids, 2);
	assert_int_equal(nr_cpu_ids, 4);
	assert_int_equal(refmm_nr_cpus(), 4);
	assert_null(NODE_DATA(2));
	assert_int_equal(n0->node_start_pfn, 0);
	assert_int_equal(n0->node_spanned_pages, half);
	assert_int_equal(n1->node_start_pfn, half);
	assert_int_equal(n1->node_spanned_pages, half);
	assert_int_equal(n0->node_present_pages, half - (0x100 - 0x9f));
	assert_int_equal(n0->nr_zones, ZONE_DMA32 + 1);
	assert_int_equal(n1->nr_zones, ZONE_DMA32 + 1);
	assert_ptr_equal(mem_map, n0->node_mem_map);

	for (nid = 0; nid < 2; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);
		unsigned long s = pgdat->node_start_pfn, e = pgdat_end_pfn(pgdat);

		/* pgdat and mem_map are allocated on their own node. */
		assert_true(PFN_DOWN(__pa(pgdat)) >= s && PFN_DOWN(__pa(pgdat)) < e);
		assert_true(PFN_DOWN(__pa(pgdat->node_mem_map)) >= s &&
			    PFN_DOWN(__pa(pgdat->node_mem_map)) < e);
		assert_ptr_equal(pgdat->bdata, &bootmem_node_data[nid]);
		assert_int_equal(pgdat->node_id, nid);
	}

	/* Zones: DMA below 16 MiB, DMA32 above; node 1 has DMA32 only. */
	{
		struct zone *z = &n0->node_zones[ZONE_DMA];

		assert_int_equal(z->zone_start_pfn, 0);
		assert_int_equal(z->spanned_pages, 4096);
		assert_int_equal(z->present_pages, 4096 - (0x100 - 0x9f));
		z = &n0->node_zones[ZONE_DMA32];
		assert_int_equal(z->zone_start_pfn, 4096);
		assert_int_equal(z->spanned_pages, half - 4096);
		z = &n1->node_zones[ZONE_DMA];
		assert_int_equal(z->spanned_pages, 0);
		z = &n1->node_zones[ZONE_DMA32];
		assert_int_equal(z->zone_start_pfn, half);
		assert_int_equal(z->spanned_pages, half);
		assert_int_equal(z->present_pages, half);
		assert_int_equal(n1->node_zones[ZONE_NORMAL].spanned_pages, 0);
		assert_ptr_equal(z->zone_pgdat, n1);
		assert_int_equal(z->node, 1);
	}
}

static void test_mem_map(void **state)
{
	unsigned long pfn;

	(void)state;
	for (pfn = 0; pfn < (MEM >> PAGE_SHIFT); pfn += 97) {
		struct page *page = pfn_to_page(pfn);
		int nid = pfn >= (MEM / 2) >> PAGE_SHIFT;
		enum zone_type zt = pfn < 4096 ? ZONE_DMA : ZONE_DMA32;

		assert_non_null(page);
		assert_int_equal(page_to_pfn(page), pfn);
		assert_int_equal(page_to_nid(page), nid);
		assert_int_equal(page_zonenum(page), zt);
		assert_ptr_equal(page_zone(page), &NODE_DATA(nid)->node_zones[zt]);
		assert_ptr_equal(page_address(page), __va(PFN_PHYS(pfn)));
		assert_ptr_equal(virt_to_page(page_address(page)), page);
	}
	assert_null(pfn_to_page(MEM >> PAGE_SHIFT));
	assert_false(pfn_valid(MEM >> PAGE_SHIFT));

	/* The legacy hole and the low 64K are reserved, in use, never free. */
	for (pfn = 0; pfn < 0x100; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (pfn < 16 || pfn >= 0x9f) {
			assert_true(PageReserved(page));
			assert_int_equal(page_count(page), 1);
		} else {
			assert_false(PageReserved(page));
		}
	}
	/* Node and zone bits sit at the top of page->flags. */
	assert_int_equal(pfn_to_page(MEM / 2 >> PAGE_SHIFT)->flags >> NODES_PGSHIFT, 1);
	/* Linux 4.0's 25 flags on x86-64; the alternative build adds PG_buddy. */
#ifdef CONFIG_REFMM_PG_BUDDY
	assert_int_equal(NR_PAGEFLAGS, 26);
#else
	assert_int_equal(NR_PAGEFLAGS, 25);
#endif
}

static void test_zonelists(void **state)
{
	struct zonelist *zl;
	pg_data_t *n0 = NODE_DATA(0), *n1 = NODE_DATA(1);

	(void)state;
	zl = &n0->node_zonelists[0];
	assert_ptr_equal(zl->_zonerefs[0].zone, &n0->node_zones[ZONE_DMA32]);
	assert_int_equal(zl->_zonerefs[0].zone_idx, ZONE_DMA32);
	assert_ptr_equal(zl->_zonerefs[1].zone, &n0->node_zones[ZONE_DMA]);
	assert_ptr_equal(zl->_zonerefs[2].zone, &n1->node_zones[ZONE_DMA32]);
	assert_null(zl->_zonerefs[3].zone);

	zl = &n1->node_zonelists[0];
	assert_ptr_equal(zl->_zonerefs[0].zone, &n1->node_zones[ZONE_DMA32]);
	assert_ptr_equal(zl->_zonerefs[1].zone, &n0->node_zones[ZONE_DMA32]);
	assert_ptr_equal(zl->_zonerefs[2].zone, &n0->node_zones[ZONE_DMA]);
	assert_null(zl->_zonerefs[3].zone);

	zl = &n1->node_zonelists[1];	/* __GFP_THISNODE */
	assert_ptr_equal(zl->_zonerefs[0].zone, &n1->node_zones[ZONE_DMA32]);
	assert_null(zl->_zonerefs[1].zone);
}

static void test_percpu_and_numa(void **state)
{
	struct zone *z1 = &NODE_DATA(1)->node_zones[ZONE_DMA32];
	struct page *page;
	unsigned long local_before;
	int cpu;

	(void)state;
	for (cpu = 0; cpu < 4; cpu++) {
		unsigned long unit = __per_cpu_offset[cpu];

		assert_int_equal(cpu_to_node(cpu), cpu / 2);
		assert_true(unit >= PAGE_OFFSET);
		assert_int_equal(unit % PAGE_SIZE, 0);
		/* Each CPU's unit sits on its node. */
		assert_int_equal(page_to_nid(virt_to_page((void *)unit)), cpu / 2);
		if (cpu)
			assert_true(unit != __per_cpu_offset[cpu - 1]);
		/* A zone's pageset is a zero-based per-cpu pointer. */
		assert_true((unsigned long)z1->pageset < pcpu_unit_size);
		assert_ptr_equal(per_cpu_ptr(z1->pageset, cpu),
				 (void *)(unit + (unsigned long)z1->pageset));
	}
	assert_int_equal(cpu_to_node(4), NUMA_NO_NODE);

	/* Local allocation follows the current CPU's node. */
	refmm_current_cpu = 3;
	local_before = zone_page_state(z1, NUMA_LOCAL);
	page = alloc_page(GFP_KERNEL);
	assert_non_null(page);
	assert_int_equal(page_to_nid(page), 1);
	assert_int_equal(zone_page_state(z1, NUMA_LOCAL), local_before + 1);
	__free_page(page);
	refmm_current_cpu = 0;
	page = alloc_pages_node(1, GFP_KERNEL | __GFP_THISNODE, 2);
	assert_int_equal(page_to_nid(page), 1);
	__free_pages(page, 2);
	page = alloc_page(GFP_KERNEL);
	assert_int_equal(page_to_nid(page), 0);
	__free_page(page);
	drain_all_pages(NULL);
	assert_int_equal(global_page_state(NR_FREE_PAGES), boot_free_total);
}

static void test_boot_once(void **state)
{
	struct refmm_config cfg;

	(void)state;
	refmm_default_config(&cfg);
	assert_int_equal(refmm_boot(&cfg), -1);
	assert_true(refmm_booted());
	assert_int_equal(refmm_config()->nr_nodes, 2);
}

int main(void)
{
	const struct CMUnitTest determinism[] = {
		cmocka_unit_test(test_same_config_same_ram),
		cmocka_unit_test(test_other_config_other_ram),
		cmocka_unit_test(test_bad_config),
	};
	const struct CMUnitTest machine[] = {
		cmocka_unit_test(test_accounting),
		cmocka_unit_test(test_image_alias),
		cmocka_unit_test(test_page_tables),
		cmocka_unit_test(test_e820_and_nodes),
		cmocka_unit_test(test_mem_map),
		cmocka_unit_test(test_zonelists),
		cmocka_unit_test(test_percpu_and_numa),
		cmocka_unit_test(test_boot_once),
	};
	int failed;

	failed = cmocka_run_group_tests_name("refmm determinism", determinism,
					     NULL, NULL);
	failed += cmocka_run_group_tests_name("refmm machine", machine,
					      machine_setup, NULL);
	return failed;
}
