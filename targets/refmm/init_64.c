// SPDX-License-Identifier: GPL-2.0-only
/*
 * init_64.c - the kernel's page tables (arch/x86/mm/init_64.c).
 *
 * refmm builds real x86-64 4-level tables in simulated RAM, rooted at
 * init_level4_pgt, a page of the image (swapper_pg_dir is an alias, the
 * name drgn and libkdumpfile look for).  Entries hold physical addresses;
 * table pages come from bootmem at boot.  The host CPU never walks them:
 * they exist so that a dump translates virtual addresses as a real one
 * does, and walk_page_table() lets refmm check itself.
 *
 * Boot maps:
 *	PAGE_OFFSET + [0, max_pfn)  ->  [0, max_pfn)   2 MiB pages
 *	the image                   ->  16 MiB + ...    4 KiB pages
 * map_kernel_range() is general so that vmalloc and per-process tables
 * (later issues) reuse it with their own table allocator.
 */
#include <linux/bootmem.h>
#include <linux/mm.h>
#include <asm/pgtable.h>

pgd_t init_level4_pgt[PTRS_PER_PGD] __kdata_page_aligned;
extern pgd_t swapper_pg_dir[PTRS_PER_PGD]
	__attribute__((alias("init_level4_pgt")));

/* Image bounds, from the linker (section "kdata"). */
extern char __start_kdata[], __stop_kdata[];

static inline void *entry_table(unsigned long entry)
{
	return __va(entry & PTE_PFN_MASK);
}

/*
 * Return the table an entry points to, allocating it when the entry is
 * empty.  NULL when the entry maps a large page (the caller asked for a
 * finer mapping inside an existing one) or allocation fails.
 */
static unsigned long *get_table(unsigned long *entry,
				void *(*alloc_table)(void))
{
	void *table;

	if (*entry & _PAGE_PRESENT) {
		if (*entry & _PAGE_PSE)
			return NULL;
		return entry_table(*entry);
	}
	table = alloc_table();
	if (!table)
		return NULL;
	*entry = __pa(table) | _KERNPG_TABLE;
	return table;
}

int map_kernel_range(pgd_t *pgd, unsigned long va, phys_addr_t pa,
		     unsigned long size, pgprot_t prot, bool large,
		     void *(*alloc_table)(void))
{
	BUG_ON((va | pa | size) & ~PAGE_MASK);

	while (size) {
		pud_t *pud;
		pmd_t *pmd;
		pte_t *pte;

		pud = (pud_t *)get_table(&pgd[pgd_index(va)].pgd, alloc_table);
		if (!pud)
			return -1;
		pmd = (pmd_t *)get_table(&pud[pud_index(va)].pud, alloc_table);
		if (!pmd)
			return -1;
		pmd += pmd_index(va);

		if (large && IS_ALIGNED(va, PMD_SIZE) &&
		    IS_ALIGNED(pa, PMD_SIZE) && size >= PMD_SIZE &&
		    !(pmd->pmd & _PAGE_PRESENT)) {
			pmd->pmd = pa | pgprot_val(prot) | _PAGE_PSE;
			va += PMD_SIZE;
			pa += PMD_SIZE;
			size -= PMD_SIZE;
			continue;
		}

		pte = (pte_t *)get_table(&pmd->pmd, alloc_table);
		if (!pte)
			return -1;
		pte[pte_index(va)].pte = pa | pgprot_val(prot);
		va += PAGE_SIZE;
		pa += PAGE_SIZE;
		size -= PAGE_SIZE;
	}
	return 0;
}

int walk_page_table(pgd_t *pgd, unsigned long va, phys_addr_t *pa)
{
	unsigned long e, *table;

	e = pgd[pgd_index(va)].pgd;
	if (!(e & _PAGE_PRESENT))
		return -1;
	table = entry_table(e);
	e = table[pud_index(va)];
	if (!(e & _PAGE_PRESENT))
		return -1;
	if (e & _PAGE_PSE) {
		*pa = (e & PTE_PFN_MASK & PUD_MASK) | (va & ~PUD_MASK);
		return 0;
	}
	table = entry_table(e);
	e = table[pmd_index(va)];
	if (!(e & _PAGE_PRESENT))
		return -1;
	if (e & _PAGE_PSE) {
		*pa = (e & PTE_PFN_MASK & PMD_MASK) | (va & ~PMD_MASK);
		return 0;
	}
	table = entry_table(e);
	e = table[pte_index(va)];
	if (!(e & _PAGE_PRESENT))
		return -1;
	*pa = (e & PTE_PFN_MASK) | (va & ~PAGE_MASK);
	return 0;
}

/* Table pages at boot: zeroed bootmem pages above ZONE_DMA. */
static void *alloc_low_page(void)
{
	return __alloc_bootmem(PAGE_SIZE, PAGE_SIZE, BOOTMEM_LOW_LIMIT);
}

/**
 * init_mem_mapping - map all RAM at PAGE_OFFSET and the image at its
 * link address.  Panics when bootmem runs out (it cannot, at 16 GiB the
 * tables take 18 pages).
 */
void init_mem_mapping(void)
{
	unsigned long image = (unsigned long)__start_kdata;
	unsigned long image_size = PAGE_ALIGN((unsigned long)__stop_kdata) -
				   image;

	if (map_kernel_range(init_level4_pgt, PAGE_OFFSET, 0,
			     PFN_PHYS(max_pfn), PAGE_KERNEL, true,
			     alloc_low_page))
		panic("init_mem_mapping: cannot map the direct map");
	if (map_kernel_range(init_level4_pgt, image, __pa(image), image_size,
			     PAGE_KERNEL, false, alloc_low_page))
		panic("init_mem_mapping: cannot map the image");
}
