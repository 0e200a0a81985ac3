/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_refmm_vmalloc.c - vmalloc, vmap and ioremap as 4.0 keeps them.
 *
 * The page tables are read by the test's own walker: 4-level x86-64
 * entries taken as raw 64-bit words from swapper_pg_dir, each table found
 * at refmm_ram() + the entry's physical address, so a mapping is checked
 * the way a reader of the dump (vtop, kmem -v) would find it.  The rules
 * checked come from 4.0's mm/vmalloc.c: every area one guard page longer
 * than asked, its last page unmapped; vm_struct.addr/size equal to the
 * vmap_area's range; the areas on vmap_area_list in address order without
 * overlap; vfree() leaving a lazily freed area (VM_LAZY_FREE, no
 * VM_VM_AREA) until a purge; kernel page-table pages never freed.
 *
 * The storm: 20,000 random vmalloc, vzalloc, vmalloc_node, vmap and
 * vfree/vunmap of 1 to 300 pages; afterwards, with everything freed and
 * the lazy areas purged and the caches shrunk, the kmalloc caches hold
 * the objects and slabs they held, the buddy allocator its free pages
 * except exactly the page-table pages the vmalloc range gained (counted
 * by walking the tables),
 * and the host no longer maps the freed addresses.
 */
#define _GNU_SOURCE
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
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>

#include "slab.h"
#include "test_refmm_procs_util.h"
#include "test_refmm_slab_util.h"
#include "test_rnd.h"

#define RAW_PRESENT	1ULL
#define RAW_PFN_MASK	0x000ffffffffff000ULL
#define VM_RANGE_START	0x300000000000UL
#define VM_RANGE_END	0x380000000000UL

static uint64_t rng_state = 0x853c49e6748fea9bULL;

static uint64_t rnd(void)
{
	return test_rnd(&rng_state);
}

/* ---- the test's own page-table walker ---- */

static const uint64_t *table_at(uint64_t entry)
{
	return (const uint64_t *)((char *)refmm_ram() + (entry & RAW_PFN_MASK));
}

/* The pte of kernel address @addr, 0 when some level is not present. */
static uint64_t walk(unsigned long addr)
{
	const uint64_t *t = (const uint64_t *)swapper_pg_dir;
	int shift;

	for (shift = 39; shift >= 12; shift -= 9) {
		uint64_t e = t[(addr >> shift) & 511];

		if (shift == 12 || !(e & RAW_PRESENT))
			return e;
		t = table_at(e);
	}
	return 0;
}

/* Page-table pages below the pgd entries of the vmalloc range. */
static unsigned long count_vmalloc_tables(void)
{
	const uint64_t *pgd = (const uint64_t *)swapper_pg_dir;
	unsigned long n = 0;
	unsigned int i, j, k;

	for (i = (VM_RANGE_START >> 39) & 511; i < ((VM_RANGE_END >> 39) & 511); i++) {
		const uint64_t *pud;

		if (!(pgd[i] & RAW_PRESENT))
			continue;
		n++;
		pud = table_at(pgd[i]);
		for (j = 0; j < 512; j++) {
			const uint64_t *pmd;

			if (!(pud[j] & RAW_PRESENT))
				continue;
			n++;
			pmd = table_at(pud[j]);
			for (k = 0; k < 512; k++)
				if (pmd[k] & RAW_PRESENT)
					n++;
		}
	}
	return n;
}

/* ---- helpers ---- */

static unsigned long free_pages_drained(void)
{
	drain_all_pages(NULL);
	return global_page_state(NR_FREE_PAGES);
}

/* Objects handed out by every kmalloc cache (array caches count as free). */
static unsigned long kmalloc_objects(void)
{
	struct kmem_cache *s;
	unsigned long n = 0;

	list_for_each_entry(s, &slab_caches, list)
		if (!strncmp(s->name, "kmalloc-", 8))
			n += cache_objects(s->name);
	return n;
}

static struct vmap_area *va_of(const void *addr)
{
	struct vmap_area *va;

	list_for_each_entry(va, &vmap_area_list, list)
		if (va->va_start == (unsigned long)addr)
			return va;
	return NULL;
}

/* vmap_area_list: sorted, disjoint, each busy area's vm_struct agrees. */
static void check_areas(void)
{
	struct vmap_area *va;
	unsigned long last_end = 0;

	list_for_each_entry(va, &vmap_area_list, list) {
		assert_true(va->va_start < va->va_end);
		assert_true(va->va_start >= last_end);
		assert_true(va->va_start % PAGE_SIZE == 0 && va->va_end % PAGE_SIZE == 0);
		last_end = va->va_end;
		if (va->flags & VM_VM_AREA) {
			struct vm_struct *vm = va->vm;

			assert_non_null(vm);
			assert_int_equal((unsigned long)vm->addr, va->va_start);
			assert_int_equal(vm->size, va->va_end - va->va_start);
			assert_false(va->flags & VM_LAZY_FREE);
		} else {
			assert_true(va->flags & VM_LAZY_FREE);
		}
	}
}

/* Is the host page at @addr mapped?  /proc/self/maps says. */
static int host_mapped(const void *addr)
{
	unsigned long a = (unsigned long)addr, lo, hi;
	char line[512];
	int found = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	assert_non_null(f);
	while (!found && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && a >= lo && a < hi)
			found = 1;
	fclose(f);
	return found;
}

/* Every page of @vm is mapped to its pages[], the guard page is not. */
static void check_mapping(const struct vm_struct *vm)
{
	unsigned long addr = (unsigned long)vm->addr;
	unsigned int i;

	for (i = 0; i < vm->nr_pages; i++) {
		uint64_t pte = walk(addr + i * PAGE_SIZE);

		assert_true(pte & RAW_PRESENT);
		assert_int_equal((pte & RAW_PFN_MASK) >> PAGE_SHIFT,
				 page_to_pfn(vm->pages[i]));
		assert_ptr_equal(vmalloc_to_page((void *)(addr + i * PAGE_SIZE)),
				 vm->pages[i]);
	}
	assert_false(walk(addr + vm->size - PAGE_SIZE) & RAW_PRESENT);
}

/* ---- tests ---- */

static noinline void *call_vmalloc(unsigned long size)
{
	void *p = vmalloc(size);

	__asm__ volatile("" ::: "memory");	/* no tail call: we are the caller */
	return p;
}

static void test_layout(void **state)
{
	unsigned long before = free_pages_drained();
	char *p = call_vmalloc(5 * PAGE_SIZE - 100);
	struct vm_struct *vm;
	struct vmap_area *va;
	unsigned int i;

	(void)state;
	assert_non_null(p);
	assert_true(is_vmalloc_addr(p));
	assert_true((unsigned long)p >= VMALLOC_START &&
		    (unsigned long)p < VMALLOC_END);
	vm = find_vm_area(p);
	assert_non_null(vm);
	assert_int_equal(vm->size, 6 * PAGE_SIZE);	/* 5 + the guard */
	assert_int_equal(vm->nr_pages, 5);
	assert_int_equal(vm->flags & (VM_ALLOC | VM_IOREMAP | VM_MAP), VM_ALLOC);
	/* the caller: the return address into call_vmalloc() */
	assert_true((uintptr_t)vm->caller > (uintptr_t)call_vmalloc &&
		    (uintptr_t)vm->caller < (uintptr_t)call_vmalloc + 64);
	va = va_of(p);
	assert_non_null(va);
	assert_ptr_equal(va->vm, vm);
	assert_true(va->flags & VM_VM_AREA);
	check_mapping(vm);
	check_areas();
	/* The same page through the vmalloc address and the direct map. */
	for (i = 0; i < 5; i++) {
		memset(p + i * PAGE_SIZE, 'a' + i, PAGE_SIZE);
		assert_int_equal(((char *)page_address(vm->pages[i]))[100], 'a' + i);
	}
	assert_true(free_pages_drained() <= before - 5);

	vfree(p);
	/* lazily freed: still listed, no longer an area, unmapped */
	va = va_of(p);
	assert_non_null(va);
	assert_true(va->flags & VM_LAZY_FREE);
	assert_false(va->flags & VM_VM_AREA);
	assert_false(walk((unsigned long)p) & RAW_PRESENT);
	assert_false(host_mapped(p));
	assert_null(find_vm_area(p));
	vm_unmap_aliases();
	assert_null(va_of(p));
	check_areas();
}

static void test_vzalloc_node(void **state)
{
	unsigned char *p = vzalloc(3 * PAGE_SIZE);
	char *q = vmalloc_node(2 * PAGE_SIZE, 0);
	unsigned long i;

	(void)state;
	assert_non_null(p);
	assert_non_null(q);
	for (i = 0; i < 3 * PAGE_SIZE; i++)
		if (p[i])
			fail_msg("vzalloc byte %lu is %u", i, p[i]);
	assert_int_equal(find_vm_area(q)->nr_pages, 2);
	assert_int_equal(page_to_nid(vmalloc_to_page(q)), 0);
	vfree(p);
	vfree(q);
}

static void test_vmap(void **state)
{
	struct page *pages[4];
	struct vm_struct *vm;
	char *p;
	int i;

	(void)state;
	for (i = 0; i < 4; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		assert_non_null(pages[i]);
		memset(page_address(pages[i]), '0' + i, PAGE_SIZE);
	}
	p = vmap(pages, 4, VM_MAP, PAGE_KERNEL);
	assert_non_null(p);
	vm = find_vm_area(p);
	assert_int_equal(vm->flags & (VM_ALLOC | VM_MAP), VM_MAP);
	assert_int_equal(vm->size, 5 * PAGE_SIZE);
	for (i = 0; i < 4; i++) {
		assert_int_equal((walk((unsigned long)p + i * PAGE_SIZE) & RAW_PFN_MASK)
				 >> PAGE_SHIFT, page_to_pfn(pages[i]));
		assert_int_equal(p[i * PAGE_SIZE + 7], '0' + i);
	}
	vunmap(p);
	/* vunmap() leaves the pages to their owner */
	for (i = 0; i < 4; i++) {
		assert_int_equal(page_count(pages[i]), 1);
		__free_page(pages[i]);
	}
}

static void test_ioremap(void **state)
{
	void *p = ioremap(0xfebf0000UL, 0x4000);
	struct vm_struct *vm;
	int i;

	(void)state;
	assert_non_null(p);
	vm = find_vm_area(p);
	assert_non_null(vm);
	assert_true(vm->flags & VM_IOREMAP);
	assert_int_equal(vm->phys_addr, 0xfebf0000UL);
	assert_int_equal(vm->nr_pages, 0);
	assert_int_equal(vm->size, 5 * PAGE_SIZE);
	for (i = 0; i < 4; i++) {
		uint64_t pte = walk((unsigned long)p + i * PAGE_SIZE);

		assert_true(pte & RAW_PRESENT);
		assert_int_equal((pte & RAW_PFN_MASK) >> PAGE_SHIFT, 0xfebf0 + i);
		assert_true(pte & (1ULL << 4));		/* _PAGE_PCD: uncached */
	}
	iounmap(p);
	assert_false(walk((unsigned long)p) & RAW_PRESENT);
}

/* The boot's own areas: the HPET's registers and the large hashes. */
static void test_boot_areas(void **state)
{
	struct vmap_area *va;
	int ioremaps = 0, hashes = 0;

	(void)state;
	list_for_each_entry(va, &vmap_area_list, list) {
		struct vm_struct *vm = va->vm;

		if (!(va->flags & VM_VM_AREA))
			continue;
		if ((vm->flags & VM_IOREMAP) && vm->phys_addr == 0xfed00000UL)
			ioremaps++;
		if ((vm->flags & VM_ALLOC) && vm->nr_pages >= 8)
			hashes++;
	}
	assert_int_equal(ioremaps, 1);
	assert_true(hashes >= 4);	/* dentry, inode, mount, pid ... */
}

struct live {
	void *addr;
	int kind;		/* 0 vmalloc, 1 vmap */
	struct page **pages;
	unsigned int n;
};

/* vfree() an area, or vunmap() it and free its pages */
static void release(struct live *l)
{
	unsigned int i;

	if (l->kind == 0) {
		vfree(l->addr);
		return;
	}
	vunmap(l->addr);
	for (i = 0; i < l->n; i++)
		__free_page(l->pages[i]);
	free(l->pages);
}

static void test_storm(void **state)
{
	enum { OPS = 20000, MAX_LIVE = 400 };
	struct live *live = calloc(MAX_LIVE, sizeof(*live));
	void **freed = calloc(OPS, sizeof(*freed));
	size_t nlive = 0, nfreed = 0, op;
	unsigned long free0, tables0, objs0, slab0, i;

	(void)state;
	assert_non_null(live);
	assert_non_null(freed);
	vm_unmap_aliases();
	shrink_all_caches();
	free0 = free_pages_drained();
	tables0 = count_vmalloc_tables();
	objs0 = kmalloc_objects();
	slab0 = count_slab_pages();
	/* refmm's count of the range's table pages agrees with the walk */
	assert_int_equal(tables0, refmm_vmalloc_table_pages());

	for (op = 0; op < OPS; op++) {
		uint64_t r = rnd();

		if (nlive && (r % 100 < 48 || nlive == MAX_LIVE)) {
			size_t k = (r >> 8) % nlive;
			struct live *l = &live[k];

			release(l);
			freed[nfreed++] = l->addr;
			*l = live[--nlive];
		} else {
			unsigned int n = (unsigned int)((r >> 16) % 100 < 95 ?
					 1 + (r >> 24) % 24 : 1 + (r >> 24) % 300);
			struct live *l = &live[nlive];

			l->n = n;
			switch ((r >> 40) % 5) {
			case 0:
				l->kind = 0;
				l->addr = vzalloc((unsigned long)n * PAGE_SIZE);
				break;
			case 1:
				l->kind = 0;
				l->addr = vmalloc_node((unsigned long)n * PAGE_SIZE, 0);
				break;
			case 2:
				l->kind = 1;
				l->pages = calloc(n, sizeof(*l->pages));
				assert_non_null(l->pages);
				for (i = 0; i < n; i++) {
					l->pages[i] = alloc_page(GFP_KERNEL);
					assert_non_null(l->pages[i]);
				}
				l->addr = vmap(l->pages, n, VM_MAP, PAGE_KERNEL);
				break;
			default:
				l->kind = 0;
				l->addr = vmalloc((unsigned long)n * PAGE_SIZE);
				break;
			}
			assert_non_null(l->addr);
			/* the first word of each area is ours: written, then read back */
			*(uint64_t *)l->addr = (uint64_t)(uintptr_t)l->addr;
			nlive++;
		}
		if (op % 1000 == 999) {
			check_areas();
			for (i = 0; i < nlive; i++) {
				struct vm_struct *vm = find_vm_area(live[i].addr);

				assert_non_null(vm);
				assert_int_equal(vm->size, (live[i].n + 1) * PAGE_SIZE);
				assert_int_equal(*(uint64_t *)live[i].addr,
						 (uint64_t)(uintptr_t)live[i].addr);
				if (live[i].kind == 0)
					check_mapping(vm);
			}
		}
	}
	while (nlive) {
		struct live *l = &live[--nlive];

		release(l);
		freed[nfreed++] = l->addr;
	}
	vm_unmap_aliases();
	check_areas();
	/* no freed address is still an area, mapped, or mapped on the host */
	for (i = 0; i < nfreed; i++) {
		if (va_of(freed[i]) && (va_of(freed[i])->flags & VM_VM_AREA))
			continue;	/* reused by a later allocation */
		assert_false(walk((unsigned long)freed[i]) & RAW_PRESENT);
		assert_false(host_mapped(freed[i]));
	}
	/*
	 * With the slabs kmalloc grew for the vmap_areas, vm_structs and page
	 * arrays shrunk away: the same objects and slabs as before, and every
	 * page back but the page-table pages the range gained.
	 */
	shrink_all_caches();
	assert_int_equal(kmalloc_objects(), objs0);
	assert_int_equal(count_slab_pages(), slab0);
	assert_int_equal(free0 - free_pages_drained(),
			 count_vmalloc_tables() - tables0);
	assert_int_equal(count_vmalloc_tables(), refmm_vmalloc_table_pages());
	printk(KERN_INFO "vmalloc storm: %d ops, %lu page-table pages kept\n",
	       OPS, count_vmalloc_tables() - tables0);
	free(live);
	free(freed);
}

static int group_setup(void **state)
{
	(void)state;
	return boot_with_tasks();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_vzalloc_node),
		cmocka_unit_test(test_vmap),
		cmocka_unit_test(test_ioremap),
		cmocka_unit_test(test_boot_areas),
		cmocka_unit_test(test_storm),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
