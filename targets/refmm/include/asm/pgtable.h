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
#define _PAGE_BIT_SOFTW1	9	/* available for programmer */
#define _PAGE_BIT_SOFTW2	10	/* " */
#define _PAGE_BIT_SOFTW3	11	/* " */
#define _PAGE_BIT_SOFT_DIRTY	_PAGE_BIT_SOFTW3 /* software dirty tracking */
#define _PAGE_BIT_NX		63
/* If _PAGE_BIT_PRESENT is clear, we use these: */
#define _PAGE_BIT_PROTNONE	_PAGE_BIT_GLOBAL	/* PROT_NONE mapping */

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
#define _PAGE_SOFT_DIRTY (1UL << _PAGE_BIT_SOFT_DIRTY)
#define _PAGE_BIT_SPECIAL	_PAGE_BIT_SOFTW1
#define _PAGE_SPECIAL	(1UL << _PAGE_BIT_SPECIAL)	/* no struct page use */
#define _PAGE_PROTNONE	(1UL << _PAGE_BIT_PROTNONE)

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

/* What user mappings get (arch/x86/include/asm/pgtable_types.h). */
#define PAGE_NONE	__pgprot(_PAGE_PROTNONE | _PAGE_ACCESSED)
#define PAGE_SHARED	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | \
				 _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_SHARED_EXEC __pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | \
				  _PAGE_ACCESSED)
#define PAGE_COPY_NOEXEC __pgprot(_PAGE_PRESENT | _PAGE_USER | \
				  _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_COPY_EXEC	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_COPY	PAGE_COPY_NOEXEC
#define PAGE_READONLY	__pgprot(_PAGE_PRESENT | _PAGE_USER | \
				 _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_READONLY_EXEC __pgprot(_PAGE_PRESENT | _PAGE_USER | \
				    _PAGE_ACCESSED)

/*
 * The x86 can't do page protection for execute, and considers that the
 * same are read.  Also, write permissions imply read permissions.  Private
 * writable mappings get read-only ptes: the first write copies (COW).
 */
#define __P000	PAGE_NONE
#define __P001	PAGE_READONLY
#define __P010	PAGE_COPY
#define __P011	PAGE_COPY
#define __P100	PAGE_READONLY_EXEC
#define __P101	PAGE_READONLY_EXEC
#define __P110	PAGE_COPY_EXEC
#define __P111	PAGE_COPY_EXEC

#define __S000	PAGE_NONE
#define __S001	PAGE_READONLY
#define __S010	PAGE_SHARED
#define __S011	PAGE_SHARED
#define __S100	PAGE_READONLY_EXEC
#define __S101	PAGE_READONLY_EXEC
#define __S110	PAGE_SHARED_EXEC
#define __S111	PAGE_SHARED_EXEC

#define __pgprot(x)	((pgprot_t) { (x) })
#define pgprot_val(x)	((x).pgprot)
#define PAGE_KERNEL	__pgprot(__PAGE_KERNEL)
#define PAGE_KERNEL_RO	__pgprot(__PAGE_KERNEL_RO)
#define PAGE_KERNEL_EXEC __pgprot(__PAGE_KERNEL_EXEC)

#define pgd_index(a)	(((a) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pud_index(a)	(((a) >> PUD_SHIFT) & (PTRS_PER_PUD - 1))
#define pmd_index(a)	(((a) >> PMD_SHIFT) & (PTRS_PER_PMD - 1))
#define pte_index(a)	(((a) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

/*
 * The split of the top level between the kernel and user space.  x86-64
 * keeps the kernel in the upper half, pgd entries 256-511.  refmm's
 * kernel lives at low host addresses (the image at 1 GiB, the direct map
 * at PAGE_OFFSET, vmalloc below VMALLOC_END), so here the kernel owns the
 * pgd entries below USER_PGD_START and user space the ones from it:
 * user mappings start at USER_VA_START (mmap_min_addr), above the
 * vmalloc area, and end below TASK_SIZE_MAX as on x86-64.  pgd_alloc()
 * copies the kernel's entries into each new pgd, as pgd_ctor() clones
 * KERNEL_PGD_PTRS entries on x86-64.
 */
#define USER_VA_START		0x380000000000UL
#define USER_PGD_START		pgd_index(USER_VA_START)	/* 112 */
#define KERNEL_PGD_BOUNDARY	0
#define KERNEL_PGD_PTRS		USER_PGD_START
#define TASK_SIZE_MAX		((1UL << 47) - PAGE_SIZE)
#define TASK_SIZE		TASK_SIZE_MAX
#define STACK_TOP		TASK_SIZE
#define STACK_TOP_MAX		TASK_SIZE_MAX

/* ---- entries ---- */

static inline unsigned long pgd_val(pgd_t pgd) { return pgd.pgd; }
static inline unsigned long pud_val(pud_t pud) { return pud.pud; }
static inline unsigned long pmd_val(pmd_t pmd) { return pmd.pmd; }
static inline unsigned long pte_val(pte_t pte) { return pte.pte; }
#define __pgd(x)	((pgd_t) { (x) })
#define __pud(x)	((pud_t) { (x) })
#define __pmd(x)	((pmd_t) { (x) })
#define __pte(x)	((pte_t) { (x) })

static inline int pgd_none(pgd_t pgd) { return !pgd_val(pgd); }
static inline int pud_none(pud_t pud) { return !pud_val(pud); }
static inline int pmd_none(pmd_t pmd) { return !pmd_val(pmd); }
static inline int pte_none(pte_t pte) { return !pte_val(pte); }
static inline int pgd_present(pgd_t pgd) { return pgd_val(pgd) & _PAGE_PRESENT; }
static inline int pud_present(pud_t pud) { return pud_val(pud) & _PAGE_PRESENT; }
static inline int pmd_present(pmd_t pmd) { return pmd_val(pmd) & _PAGE_PRESENT; }
/* A PROT_NONE pte is present to the kernel, not to the MMU. */
static inline int pte_present(pte_t a)
{
	return pte_val(a) & (_PAGE_PRESENT | _PAGE_PROTNONE);
}

static inline unsigned long pte_pfn(pte_t pte)
{
	return (pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT;
}

static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte((pfn << PAGE_SHIFT) | pgprot_val(prot));
}

static inline int pte_write(pte_t pte) { return pte_val(pte) & _PAGE_RW; }
static inline int pte_dirty(pte_t pte) { return pte_val(pte) & _PAGE_DIRTY; }
static inline int pte_young(pte_t pte) { return pte_val(pte) & _PAGE_ACCESSED; }
static inline pte_t pte_mkwrite(pte_t pte) { return __pte(pte_val(pte) | _PAGE_RW); }
static inline pte_t pte_wrprotect(pte_t pte) { return __pte(pte_val(pte) & ~_PAGE_RW); }
/* CONFIG_MEM_SOFT_DIRTY: a pte made dirty is soft-dirty too. */
static inline pte_t pte_mkdirty(pte_t pte)
{
	return __pte(pte_val(pte) | _PAGE_DIRTY | _PAGE_SOFT_DIRTY);
}
static inline pte_t pte_mkclean(pte_t pte) { return __pte(pte_val(pte) & ~_PAGE_DIRTY); }
static inline pte_t pte_mkyoung(pte_t pte) { return __pte(pte_val(pte) | _PAGE_ACCESSED); }
static inline pte_t pte_mkold(pte_t pte) { return __pte(pte_val(pte) & ~_PAGE_ACCESSED); }
static inline pte_t pte_mkspecial(pte_t pte) { return __pte(pte_val(pte) | _PAGE_SPECIAL); }
static inline int pte_special(pte_t pte) { return pte_val(pte) & _PAGE_SPECIAL; }
static inline int pte_same(pte_t a, pte_t b) { return pte_val(a) == pte_val(b); }
static inline pte_t pte_modify(pte_t pte, pgprot_t newprot)
{
	unsigned long keep = PTE_PFN_MASK | _PAGE_DIRTY | _PAGE_ACCESSED |
			     _PAGE_SOFT_DIRTY | _PAGE_SPECIAL;

	return __pte((pte_val(pte) & keep) | (pgprot_val(newprot) & ~keep));
}

/* ---- walking: the table an entry points to ---- */

#define pgd_page_vaddr(pgd)	((unsigned long)__va(pgd_val(pgd) & PTE_PFN_MASK))
#define pud_page_vaddr(pud)	((unsigned long)__va(pud_val(pud) & PTE_PFN_MASK))
#define pmd_page_vaddr(pmd)	((unsigned long)__va(pmd_val(pmd) & PTE_PFN_MASK))

#define pgd_offset_pgd(pgd, address) ((pgd) + pgd_index(address))
#define pgd_offset(mm, address)	pgd_offset_pgd((mm)->pgd, (address))
#define pgd_offset_k(address)	pgd_offset_pgd(init_level4_pgt, (address))

static inline pud_t *pud_offset(pgd_t *pgd, unsigned long address)
{
	return (pud_t *)pgd_page_vaddr(*pgd) + pud_index(address);
}

static inline pmd_t *pmd_offset(pud_t *pud, unsigned long address)
{
	return (pmd_t *)pud_page_vaddr(*pud) + pmd_index(address);
}

static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long address)
{
	return (pte_t *)pmd_page_vaddr(*pmd) + pte_index(address);
}
#define pte_offset_map(pmd, address)	pte_offset_kernel(pmd, address)
#define pte_unmap(pte)			((void)(pte))

static inline void set_pte(pte_t *ptep, pte_t pte) { *ptep = pte; }
#define set_pte_at(mm, addr, ptep, pte)	set_pte(ptep, pte)
static inline void pte_clear(void *mm, unsigned long addr, pte_t *ptep)
{
	(void)mm;
	(void)addr;
	ptep->pte = 0;
}
static inline pte_t ptep_get_and_clear(void *mm, unsigned long addr,
				       pte_t *ptep)
{
	pte_t pte = *ptep;

	pte_clear(mm, addr, ptep);
	return pte;
}
static inline void ptep_set_wrprotect(void *mm, unsigned long addr,
				      pte_t *ptep)
{
	(void)mm;
	(void)addr;
	ptep->pte &= ~_PAGE_RW;
}
static inline void pgd_populate_phys(pgd_t *pgd, unsigned long pa)
{
	pgd->pgd = pa | _PAGE_TABLE;
}
static inline void pud_populate_phys(pud_t *pud, unsigned long pa)
{
	pud->pud = pa | _PAGE_TABLE;
}
static inline void pmd_populate_phys(pmd_t *pmd, unsigned long pa)
{
	pmd->pmd = pa | _PAGE_TABLE;
}

/* The end of the range a table entry covers, clamped to @end. */
#define pgd_addr_end(addr, end)						\
({	unsigned long __boundary = ((addr) + PGDIR_SIZE) & PGDIR_MASK;	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})
#define pud_addr_end(addr, end)						\
({	unsigned long __boundary = ((addr) + PUD_SIZE) & PUD_MASK;	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})
#define pmd_addr_end(addr, end)						\
({	unsigned long __boundary = ((addr) + PMD_SIZE) & PMD_MASK;	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})

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
