// SPDX-License-Identifier: GPL-2.0-only
/*
 * pgtable.c - page-table pages of processes (arch/x86/mm/pgtable.c,
 * Linux 4.0, x86-64).
 *
 * Every mm has its own pgd page, from the buddy allocator.  pgd_alloc()
 * copies the kernel's entries of swapper_pg_dir into it (KERNEL_PGD_PTRS
 * of them: in refmm the low part, see <asm/pgtable.h>), so that the
 * kernel is mapped in every address space, and puts the page on pgd_list
 * with page->index pointing back to the mm, as x86-64 keeps them to sync
 * kernel mappings.  The lower levels come from the buddy allocator when a
 * fault needs them: pud and pmd pages zeroed, pte pages zeroed and
 * counted in NR_PAGETABLE with their split page-table lock (page->ptl)
 * initialised.
 */
#include <string.h>

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/vmstat.h>

#define PGALLOC_GFP (GFP_KERNEL | __GFP_NOTRACK | __GFP_REPEAT | __GFP_ZERO)
#define PGALLOC_USER_GFP 0

gfp_t __userpte_alloc_gfp __kdata = PGALLOC_GFP | PGALLOC_USER_GFP;

/* pgd pages of all mms, linked through page->lru (pgd_lock) */
struct list_head pgd_list __kdata = LIST_HEAD_INIT(pgd_list);
static spinlock_t pgd_lock __kdata;

static inline void clone_pgd_range(pgd_t *dst, pgd_t *src, int count)
{
	memcpy(dst, src, count * sizeof(pgd_t));
}

static void pgd_list_add(pgd_t *pgd)
{
	struct page *page = virt_to_page(pgd);

	list_add(&page->lru, &pgd_list);
}

static void pgd_list_del(pgd_t *pgd)
{
	struct page *page = virt_to_page(pgd);

	list_del(&page->lru);
}

static void pgd_set_mm(pgd_t *pgd, struct mm_struct *mm)
{
	BUILD_BUG_ON(sizeof(virt_to_page(pgd)->index) < sizeof(mm));
	virt_to_page(pgd)->index = (pgoff_t)mm;
}

static void pgd_ctor(struct mm_struct *mm, pgd_t *pgd)
{
	/* the kernel's part of the address space, shared by every mm */
	clone_pgd_range(pgd + KERNEL_PGD_BOUNDARY,
			swapper_pg_dir + KERNEL_PGD_BOUNDARY,
			KERNEL_PGD_PTRS);

	/* list required to sync kernel mapping updates */
	pgd_set_mm(pgd, mm);
	pgd_list_add(pgd);
}

static void pgd_dtor(pgd_t *pgd)
{
	spin_lock(&pgd_lock);
	pgd_list_del(pgd);
	spin_unlock(&pgd_lock);
}

pgd_t *pgd_alloc(struct mm_struct *mm)
{
	pgd_t *pgd;

	pgd = (pgd_t *)__get_free_page(PGALLOC_GFP);
	if (pgd == NULL)
		return NULL;

	mm->pgd = pgd;

	/*
	 * the kernel part is copied under pgd_lock, so that walkers of
	 * pgd_list never see a half-made pgd
	 */
	spin_lock(&pgd_lock);
	pgd_ctor(mm, pgd);
	spin_unlock(&pgd_lock);

	return pgd;
}

void pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	(void)mm;
	pgd_dtor(pgd);
	virt_to_page(pgd)->index = 0;
	free_page((unsigned long)pgd);
}

/* pte_alloc_one(): a user pte page, counted and with its lock */
struct page *pte_alloc_one(struct mm_struct *mm, unsigned long address)
{
	struct page *pte;

	(void)mm;
	(void)address;
	pte = alloc_pages(__userpte_alloc_gfp, 0);
	if (!pte)
		return NULL;
	/* pgtable_page_ctor() */
	inc_zone_page_state(pte, NR_PAGETABLE);
	spin_lock_init(&pte->ptl);
	return pte;
}

void pte_free(struct mm_struct *mm, struct page *pte)
{
	(void)mm;
	/* pgtable_page_dtor() */
	dec_zone_page_state(pte, NR_PAGETABLE);
	pte->ptl.rlock.raw_lock.slock = 0;
	__free_page(pte);
}

void *pmd_alloc_one(struct mm_struct *mm, unsigned long addr)
{
	struct page *page;

	(void)mm;
	(void)addr;
	page = alloc_pages(GFP_KERNEL | __GFP_REPEAT | __GFP_ZERO, 0);
	if (!page)
		return NULL;
	/* pgtable_pmd_page_ctor(): split pmd locks */
	spin_lock_init(&page->ptl);
	return page_address(page);
}

void pmd_free(struct mm_struct *mm, void *pmd)
{
	(void)mm;
	free_page((unsigned long)pmd);
}

void *pud_alloc_one(struct mm_struct *mm, unsigned long addr)
{
	(void)mm;
	(void)addr;
	return (void *)get_zeroed_page(GFP_KERNEL | __GFP_REPEAT);
}

void pud_free(struct mm_struct *mm, void *pud)
{
	(void)mm;
	free_page((unsigned long)pud);
}
