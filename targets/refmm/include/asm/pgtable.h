/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/pgtable.h - x86-64 4-level page tables (pgd -> pud -> pmd -> pte).
 *
 * refmm's tables are real: entries hold physical addresses and the x86
 * flag bits, in pages of simulated RAM, so that a dump reader (crash's
 * vtop, libkdumpfile, drgn) translates addresses by walking them from
 * CR3 = __pa(init_level4_pgt).  The host never uses them.
 */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#include <linux/types.h>
#include <asm/page.h>

typedef struct { unsigned long pgd; } pgd_t;
typedef struct { unsigned long pud; } pud_t;
typedef struct { unsigned long pmd; } pmd_t;
typedef struct { unsigned long pte; } pte_t;
typedef struct { unsigned long pgprot; } pgprot_t;

#define PGDIR_SHIFT	39
#define PTRS_PER_PGD	512
#define PUD_SHIFT	30
#define PTRS_PER_PUD	512
#define PMD_SHIFT	21
#define PTRS_PER_PMD	512
#define PTRS_PER_PTE	512

#define PMD_SIZE	(1UL << PMD_SHIFT)
#define PMD_MASK	(~(PMD_SIZE - 1))
#define PUD_SIZE	(1UL << PUD_SHIFT)
#define PUD_MASK	(~(PUD_SIZE - 1))
#define PGDIR_SIZE	(1UL << PGDIR_SHIFT)
#define PGDIR_MASK	(~(PGDIR_SIZE - 1))

#define _PAGE_BIT_PRESENT	0
#define _PAGE_BIT_RW		1
#define _PAGE_BIT_USER		2
#define _PAGE_BIT_PWT		3
#define _PAGE_BIT_PCD		4
#define _PAGE_BIT_ACCESSED	5
#define _PAGE_BIT_DIRTY		6
#define _PAGE_BIT_PSE		7
#define _PAGE_BIT_GLOBAL	8
#define _PAGE_BIT_NX		63

#define _PAGE_PRESENT	(1UL << _PAGE_BIT_PRESENT)
#define _PAGE_RW	(1UL << _PAGE_BIT_RW)
#define _PAGE_USER	(1UL << _PAGE_BIT_USER)
#define _PAGE_PWT	(1UL << _PAGE_BIT_PWT)
#define _PAGE_PCD	(1UL << _PAGE_BIT_PCD)
#define _PAGE_ACCESSED	(1UL << _PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY	(1UL << _PAGE_BIT_DIRTY)
#define _PAGE_PSE	(1UL << _PAGE_BIT_PSE)
#define _PAGE_GLOBAL	(1UL << _PAGE_BIT_GLOBAL)
#define _PAGE_NX	(1UL << _PAGE_BIT_NX)

/* Physical address bits of an entry (bits 12..51). */
#define PTE_PFN_MASK	0x000ffffffffff000UL

#define _PAGE_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | \
			 _PAGE_ACCESSED | _PAGE_DIRTY)
#define _KERNPG_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | \
			 _PAGE_DIRTY)

#define __PAGE_KERNEL	(_PAGE_PRESENT | _PAGE_RW | _PAGE_DIRTY | \
			 _PAGE_ACCESSED | _PAGE_GLOBAL | _PAGE_NX)
#define __PAGE_KERNEL_EXEC (__PAGE_KERNEL & ~_PAGE_NX)
#define __PAGE_KERNEL_RO (__PAGE_KERNEL & ~_PAGE_RW)
#define __PAGE_KERNEL_LARGE (__PAGE_KERNEL | _PAGE_PSE)

#define __pgprot(x)	((pgprot_t) { (x) })
#define pgprot_val(x)	((x).pgprot)
#define PAGE_KERNEL	__pgprot(__PAGE_KERNEL)
#define PAGE_KERNEL_RO	__pgprot(__PAGE_KERNEL_RO)
#define PAGE_KERNEL_EXEC __pgprot(__PAGE_KERNEL_EXEC)

#define pgd_index(a)	(((a) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pud_index(a)	(((a) >> PUD_SHIFT) & (PTRS_PER_PUD - 1))
#define pmd_index(a)	(((a) >> PMD_SHIFT) & (PTRS_PER_PMD - 1))
#define pte_index(a)	(((a) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

/* The root of the kernel's page tables, a page of the image. */
extern pgd_t init_level4_pgt[PTRS_PER_PGD];
extern pgd_t swapper_pg_dir[PTRS_PER_PGD];

/**
 * map_kernel_range - map [@va, @va + @size) to [@pa, ...) in @pgd.
 * Uses 2 MiB pages where @va, @pa and the remaining size allow it when
 * @large is set, 4 KiB pages elsewhere.  Table pages come from
 * @alloc_table (bootmem at boot, the page allocator later).  Returns 0 or
 * -1 when a table page cannot be allocated.
 */
int map_kernel_range(pgd_t *pgd, unsigned long va, phys_addr_t pa,
		     unsigned long size, pgprot_t prot, bool large,
		     void *(*alloc_table)(void));

/* Walk @pgd for @va: 0 and *@pa, or -1 when unmapped. */
int walk_page_table(pgd_t *pgd, unsigned long va, phys_addr_t *pa);

void init_mem_mapping(void);

#endif /* _ASM_X86_PGTABLE_H */
