// SPDX-License-Identifier: GPL-2.0-only
/*
 * memory.c - page tables of processes and the page fault handler
 * (mm/memory.c, Linux 4.0).
 *
 * A user page is mapped by a pte in the mm's own 4-level tables:
 *
 *   anonymous   do_anonymous_page(): the zero page (read-only, a special
 *               pte, no struct page use) on a read, else a new zeroed page,
 *               _mapcount 0, PG_swapbacked, page->mapping = anon_vma + 1,
 *               page->index = its linear index, on the active anon LRU,
 *               counted in MM_ANONPAGES and NR_ANON_PAGES.
 *   file        do_read_fault(): the page cache page (filemap_fault),
 *               _mapcount up, counted in MM_FILEPAGES and, when first
 *               mapped, NR_FILE_MAPPED; a write to a private mapping
 *               copies it into a new anonymous page (do_cow_fault).
 *   write to a  do_wp_page(): a page only this pte maps is made
 *   read-only   writable; a shared (COW) one is copied.
 *   pte
 *
 * copy_page_range() copies the ptes of a VMA at fork, write-protecting
 * private writable pages in both parent and child; zap_pte_range() takes
 * them down at munmap and exit (the pages go back through put_page, off
 * the LRU), and free_pgtables() returns the table pages no VMA can need
 * any more.
 *
 * Where refmm departs from 4.0: no pagevecs (LRU additions happen at
 * once), no fault-around (a read fault maps one page), no TLB batching
 * (struct mmu_gather frees pages at once: there are no other CPUs that
 * could still use a stale translation), no swap entries, no huge pages.
 *
 * Locking: mmap_sem, the split pte locks (page->ptl) and
 * mm->page_table_lock in the kernel; single-threaded here.
 */
#include <string.h>

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/vmstat.h>
#include <linux/fs.h>
#include <asm/tlb.h>

/* The highest pfn a struct page exists for: sanity check of ptes. */
unsigned long highest_memmap_pfn __kdata;

/* The zero page (arch/x86/kernel/head_64.S), a page of the image. */
unsigned long empty_zero_page[PAGE_SIZE / sizeof(unsigned long)]
	__kdata_page_aligned;

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm,
		    unsigned long start, unsigned long end)
{
	tlb->mm = mm;
	tlb->fullmm = !(start | (end + 1));
	tlb->start = start;
	tlb->end = end;
}

void tlb_finish_mmu(struct mmu_gather *tlb, unsigned long start,
		    unsigned long end)
{
	(void)tlb;
	(void)start;
	(void)end;
}

/* ---- table allocation ---- */

static inline void pmd_populate(struct mm_struct *mm, pmd_t *pmd,
				struct page *pte)
{
	(void)mm;
	pmd_populate_phys(pmd, page_to_phys(pte));
}

int __pte_alloc(struct mm_struct *mm, struct vm_area_struct *vma,
		pmd_t *pmd, unsigned long address)
{
	struct page *new = pte_alloc_one(mm, address);

	(void)vma;
	if (!new)
		return -ENOMEM;

	spin_lock(&mm->page_table_lock);
	if (likely(pmd_none(*pmd))) {	/* Has another populated it ? */
		atomic_long_inc(&mm->nr_ptes);
		pmd_populate(mm, pmd, new);
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (new)
		pte_free(mm, new);
	return 0;
}

/* __pud_alloc - the pgd entry was empty: give it a pud table. */
static int __pud_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long address)
{
	void *new = pud_alloc_one(mm, address);

	if (!new)
		return -ENOMEM;

	spin_lock(&mm->page_table_lock);
	if (pgd_present(*pgd))		/* Another has populated it */
		pud_free(mm, new);
	else
		pgd_populate_phys(pgd, __pa(new));
	spin_unlock(&mm->page_table_lock);
	return 0;
}

/* __pmd_alloc - the pud entry was empty: give it a pmd table. */
static int __pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long address)
{
	void *new = pmd_alloc_one(mm, address);

	if (!new)
		return -ENOMEM;

	spin_lock(&mm->page_table_lock);
	if (!pud_present(*pud)) {
		atomic_long_inc(&mm->nr_pmds);
		pud_populate_phys(pud, __pa(new));
	} else	/* Another has populated it */
		pmd_free(mm, new);
	spin_unlock(&mm->page_table_lock);
	return 0;
}

static inline pud_t *pud_alloc(struct mm_struct *mm, pgd_t *pgd,
			       unsigned long address)
{
	return (unlikely(pgd_none(*pgd)) && __pud_alloc(mm, pgd, address)) ?
		NULL : pud_offset(pgd, address);
}

static inline pmd_t *pmd_alloc(struct mm_struct *mm, pud_t *pud,
			       unsigned long address)
{
	return (unlikely(pud_none(*pud)) && __pmd_alloc(mm, pud, address)) ?
		NULL : pmd_offset(pud, address);
}

#define pte_alloc_map(mm, vma, pmd, address)				\
	((unlikely(pmd_none(*(pmd))) && __pte_alloc(mm, vma,		\
						    pmd, address)) ?	\
	 NULL : pte_offset_map(pmd, address))

pte_t *refmm_find_pte(struct mm_struct *mm, unsigned long address)
{
	pgd_t *pgd = pgd_offset(mm, address);
	pud_t *pud;
	pmd_t *pmd;

	if (pgd_none(*pgd))
		return NULL;
	pud = pud_offset(pgd, address);
	if (pud_none(*pud))
		return NULL;
	pmd = pmd_offset(pud, address);
	if (pmd_none(*pmd))
		return NULL;
	return pte_offset_map(pmd, address);
}

pte_t *refmm_pte_alloc(struct mm_struct *mm, struct vm_area_struct *vma,
		       unsigned long address)
{
	pgd_t *pgd = pgd_offset(mm, address);
	pud_t *pud;
	pmd_t *pmd;

	pud = pud_alloc(mm, pgd, address);
	if (!pud)
		return NULL;
	pmd = pmd_alloc(mm, pud, address);
	if (!pmd)
		return NULL;
	return pte_alloc_map(mm, vma, pmd, address);
}

/* ---- freeing page tables ---- */

/*
 * free_pte_range and its siblings free page tables only; the pages they
 * mapped went when the VMAs were unmapped.
 */
static void free_pte_range(struct mmu_gather *tlb, pmd_t *pmd,
			   unsigned long addr)
{
	struct page *token = pfn_to_page(PHYS_PFN(pmd_val(*pmd) &
						  PTE_PFN_MASK));

	(void)addr;
	pmd->pmd = 0;
	pte_free(tlb->mm, token);
	atomic_long_dec(&tlb->mm->nr_ptes);
}

static inline void free_pmd_range(struct mmu_gather *tlb, pud_t *pud,
				  unsigned long addr, unsigned long end,
				  unsigned long floor, unsigned long ceiling)
{
	pmd_t *pmd;
	unsigned long next;
	unsigned long start;

	start = addr;
	pmd = pmd_offset(pud, addr);
	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*pmd))
			continue;
		free_pte_range(tlb, pmd, addr);
	} while (pmd++, addr = next, addr != end);

	start &= PUD_MASK;
	if (start < floor)
		return;
	if (ceiling) {
		ceiling &= PUD_MASK;
		if (!ceiling)
			return;
	}
	if (end - 1 > ceiling - 1)
		return;

	pmd = pmd_offset(pud, start);
	pud->pud = 0;
	pmd_free(tlb->mm, pmd);
	atomic_long_dec(&tlb->mm->nr_pmds);
}

static inline void free_pud_range(struct mmu_gather *tlb, pgd_t *pgd,
				  unsigned long addr, unsigned long end,
				  unsigned long floor, unsigned long ceiling)
{
	pud_t *pud;
	unsigned long next;
	unsigned long start;

	start = addr;
	pud = pud_offset(pgd, addr);
	do {
		next = pud_addr_end(addr, end);
		if (pud_none(*pud))
			continue;
		free_pmd_range(tlb, pud, addr, next, floor, ceiling);
	} while (pud++, addr = next, addr != end);

	start &= PGDIR_MASK;
	if (start < floor)
		return;
	if (ceiling) {
		ceiling &= PGDIR_MASK;
		if (!ceiling)
			return;
	}
	if (end - 1 > ceiling - 1)
		return;

	pud = pud_offset(pgd, start);
	pgd->pgd = 0;
	pud_free(tlb->mm, pud);
}

/*
 * free_pgd_range - free the page tables of [@addr, @end) that nothing
 * outside [@floor, @ceiling) can need.
 */
static void free_pgd_range(struct mmu_gather *tlb,
			   unsigned long addr, unsigned long end,
			   unsigned long floor, unsigned long ceiling)
{
	pgd_t *pgd;
	unsigned long next;

	/*
	 * The tables can go only where no other mapping could need them:
	 * each level's range, rounded out to what one table of it covers,
	 * must lie inside [floor, ceiling).  Round @addr and @end in to
	 * what may be freed at the bottom level first, and give up when
	 * nothing is left.
	 */
	addr &= PMD_MASK;
	if (addr < floor) {
		addr += PMD_SIZE;
		if (!addr)
			return;
	}
	if (ceiling) {
		ceiling &= PMD_MASK;
		if (!ceiling)
			return;
	}
	if (end - 1 > ceiling - 1)
		end -= PMD_SIZE;
	if (addr > end - 1)
		return;

	pgd = pgd_offset(tlb->mm, addr);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd))
			continue;
		free_pud_range(tlb, pgd, addr, next, floor, ceiling);
	} while (pgd++, addr = next, addr != end);
}

void free_pgtables(struct mmu_gather *tlb, struct vm_area_struct *vma,
		   unsigned long floor, unsigned long ceiling)
{
	while (vma) {
		struct vm_area_struct *next = vma->vm_next;
		unsigned long addr = vma->vm_start;

		/* out of rmap's sight before its page tables go */
		unlink_anon_vmas(vma);
		if (vma->vm_file) {
			struct address_space *mapping = vma->vm_file->f_mapping;

			down_write(&mapping->i_mmap_rwsem);
			vma_interval_tree_remove(vma, &mapping->i_mmap);
			up_write(&mapping->i_mmap_rwsem);
		}

		/* neighbouring VMAs are freed in one call */
		while (next && next->vm_start <= vma->vm_end + PMD_SIZE) {
			vma = next;
			next = vma->vm_next;
			unlink_anon_vmas(vma);
			if (vma->vm_file) {
				struct address_space *mapping =
					vma->vm_file->f_mapping;

				down_write(&mapping->i_mmap_rwsem);
				vma_interval_tree_remove(vma, &mapping->i_mmap);
				up_write(&mapping->i_mmap_rwsem);
			}
		}
		free_pgd_range(tlb, addr, vma->vm_end,
			       floor, next ? next->vm_start : ceiling);
		vma = next;
	}
}

/* ---- which page a pte maps ---- */

static void print_bad_pte(struct vm_area_struct *vma, unsigned long addr,
			  pte_t pte, struct page *page)
{
	pr_alert("BUG: Bad page map in process %s  pte:%08lx pmd:%08lx\n",
		 current ? current->comm : "?", pte_val(pte), 0UL);
	if (page)
		dump_page(page, "bad pte");
	pr_alert("addr:%lx vm_flags:%08lx anon_vma:%p mapping:%p index:%lx\n",
		 addr, vma->vm_flags, (void *)vma->anon_vma,
		 (void *)(vma->vm_file ? vma->vm_file->f_mapping : NULL),
		 linear_page_index(vma, addr));
	add_taint(TAINT_BAD_PAGE);
}

/*
 * vm_normal_page - the struct page a pte maps: NULL for the special
 * ptes (the zero page, pfn mappings), whose pages the mapping neither
 * counts nor references.
 */
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr,
			    pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);

	if (likely(!pte_special(pte))) {
		if (unlikely(pfn > highest_memmap_pfn || !pfn_valid(pfn))) {
			print_bad_pte(vma, addr, pte, NULL);
			return NULL;
		}
		return pfn_to_page(pfn);
	}
	return NULL;
}

/* ---- copying at fork ---- */

static inline int is_cow_mapping(vm_flags_t flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/*
 * copy_one_pte - copy one pte of @vma from the parent's tables to the
 * child's (which are empty in that range).
 */
static inline void copy_one_pte(struct mm_struct *dst_mm,
		struct mm_struct *src_mm, pte_t *dst_pte, pte_t *src_pte,
		struct vm_area_struct *vma, unsigned long addr, int *rss)
{
	unsigned long vm_flags = vma->vm_flags;
	pte_t pte = *src_pte;
	struct page *page;

	(void)dst_mm;
	/*
	 * private writable (COW) memory: write-protect the pte in
	 * both parent and child; the first write copies
	 */
	if (is_cow_mapping(vm_flags)) {
		ptep_set_wrprotect(src_mm, addr, src_pte);
		pte = pte_wrprotect(pte);
	}

	/* shared memory: the child's pte starts clean */
	if (vm_flags & VM_SHARED)
		pte = pte_mkclean(pte);
	pte = pte_mkold(pte);

	page = vm_normal_page(vma, addr, pte);
	if (page) {
		get_page(page);
		page_dup_rmap(page);
		if (PageAnon(page))
			rss[MM_ANONPAGES]++;
		else
			rss[MM_FILEPAGES]++;
	}

	set_pte_at(dst_mm, addr, dst_pte, pte);
}

static int copy_pte_range(struct mm_struct *dst_mm, struct mm_struct *src_mm,
			  pmd_t *dst_pmd, pmd_t *src_pmd,
			  struct vm_area_struct *vma,
			  unsigned long addr, unsigned long end)
{
	pte_t *src_pte, *dst_pte;
	int rss[NR_MM_COUNTERS];
	int i;

	memset(rss, 0, sizeof(rss));
	dst_pte = pte_alloc_map(dst_mm, vma, dst_pmd, addr);
	if (!dst_pte)
		return -ENOMEM;
	src_pte = pte_offset_map(src_pmd, addr);

	do {
		if (pte_none(*src_pte))
			continue;
		copy_one_pte(dst_mm, src_mm, dst_pte, src_pte, vma, addr,
			     rss);
	} while (dst_pte++, src_pte++, addr += PAGE_SIZE, addr != end);

	for (i = 0; i < NR_MM_COUNTERS; i++)
		if (rss[i])
			add_mm_counter(dst_mm, i, rss[i]);
	return 0;
}

static inline int copy_pmd_range(struct mm_struct *dst_mm,
		struct mm_struct *src_mm, pud_t *dst_pud, pud_t *src_pud,
		struct vm_area_struct *vma, unsigned long addr,
		unsigned long end)
{
	pmd_t *src_pmd, *dst_pmd;
	unsigned long next;

	dst_pmd = pmd_alloc(dst_mm, dst_pud, addr);
	if (!dst_pmd)
		return -ENOMEM;
	src_pmd = pmd_offset(src_pud, addr);
	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*src_pmd))
			continue;
		if (copy_pte_range(dst_mm, src_mm, dst_pmd, src_pmd,
				   vma, addr, next))
			return -ENOMEM;
	} while (dst_pmd++, src_pmd++, addr = next, addr != end);
	return 0;
}

static inline int copy_pud_range(struct mm_struct *dst_mm,
		struct mm_struct *src_mm, pgd_t *dst_pgd, pgd_t *src_pgd,
		struct vm_area_struct *vma, unsigned long addr,
		unsigned long end)
{
	pud_t *src_pud, *dst_pud;
	unsigned long next;

	dst_pud = pud_alloc(dst_mm, dst_pgd, addr);
	if (!dst_pud)
		return -ENOMEM;
	src_pud = pud_offset(src_pgd, addr);
	do {
		next = pud_addr_end(addr, end);
		if (pud_none(*src_pud))
			continue;
		if (copy_pmd_range(dst_mm, src_mm, dst_pud, src_pud,
				   vma, addr, next))
			return -ENOMEM;
	} while (dst_pud++, src_pud++, addr = next, addr != end);
	return 0;
}

int copy_page_range(struct mm_struct *dst_mm, struct mm_struct *src_mm,
		    struct vm_area_struct *vma)
{
	pgd_t *src_pgd, *dst_pgd;
	unsigned long next;
	unsigned long addr = vma->vm_start;
	unsigned long end = vma->vm_end;

	/*
	 * Mappings that faults fill just as well (no anonymous pages, no
	 * special ptes) are not copied: fork is then cheap for large
	 * shared or read-only mappings, at the cost of later faults.
	 */
	if (!(vma->vm_flags & (VM_HUGETLB | VM_NONLINEAR |
			       VM_PFNMAP | VM_MIXEDMAP))) {
		if (!vma->anon_vma)
			return 0;
	}

	dst_pgd = pgd_offset(dst_mm, addr);
	src_pgd = pgd_offset(src_mm, addr);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*src_pgd))
			continue;
		if (unlikely(copy_pud_range(dst_mm, src_mm, dst_pgd, src_pgd,
					    vma, addr, next)))
			return -ENOMEM;
	} while (dst_pgd++, src_pgd++, addr = next, addr != end);
	return 0;
}

/* ---- unmapping ---- */

static unsigned long zap_pte_range(struct mmu_gather *tlb,
				   struct vm_area_struct *vma, pmd_t *pmd,
				   unsigned long addr, unsigned long end)
{
	struct mm_struct *mm = tlb->mm;
	int rss[NR_MM_COUNTERS];
	pte_t *pte;
	int i;

	memset(rss, 0, sizeof(rss));
	pte = pte_offset_map(pmd, addr);
	do {
		pte_t ptent = *pte;
		struct page *page;

		if (pte_none(ptent))
			continue;

		page = vm_normal_page(vma, addr, ptent);
		ptent = ptep_get_and_clear(mm, addr, pte);
		if (!page)
			continue;
		if (PageAnon(page)) {
			rss[MM_ANONPAGES]--;
		} else {
			if (pte_dirty(ptent))
				set_page_dirty(page);
			if (pte_young(ptent) &&
			    likely(!(vma->vm_flags & VM_SEQ_READ)))
				mark_page_accessed(page);
			rss[MM_FILEPAGES]--;
		}
		page_remove_rmap(page);
		if (unlikely(page_mapcount(page) < 0))
			print_bad_pte(vma, addr, ptent, page);
		/* __tlb_remove_page(): no batching, the reference goes now */
		page_cache_release(page);
	} while (pte++, addr += PAGE_SIZE, addr != end);

	for (i = 0; i < NR_MM_COUNTERS; i++)
		if (rss[i])
			add_mm_counter(mm, i, rss[i]);
	return addr;
}

static inline unsigned long zap_pmd_range(struct mmu_gather *tlb,
					  struct vm_area_struct *vma,
					  pud_t *pud, unsigned long addr,
					  unsigned long end)
{
	pmd_t *pmd;
	unsigned long next;

	pmd = pmd_offset(pud, addr);
	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*pmd))
			continue;
		next = zap_pte_range(tlb, vma, pmd, addr, next);
	} while (pmd++, addr = next, addr != end);

	return addr;
}

static inline unsigned long zap_pud_range(struct mmu_gather *tlb,
					  struct vm_area_struct *vma,
					  pgd_t *pgd, unsigned long addr,
					  unsigned long end)
{
	pud_t *pud;
	unsigned long next;

	pud = pud_offset(pgd, addr);
	do {
		next = pud_addr_end(addr, end);
		if (pud_none(*pud))
			continue;
		next = zap_pmd_range(tlb, vma, pud, addr, next);
	} while (pud++, addr = next, addr != end);

	return addr;
}

static void unmap_page_range(struct mmu_gather *tlb,
			     struct vm_area_struct *vma,
			     unsigned long addr, unsigned long end)
{
	pgd_t *pgd;
	unsigned long next;

	BUG_ON(addr >= end);
	pgd = pgd_offset(vma->vm_mm, addr);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd))
			continue;
		next = zap_pud_range(tlb, vma, pgd, addr, next);
	} while (pgd++, addr = next, addr != end);
}

static void unmap_single_vma(struct mmu_gather *tlb,
			     struct vm_area_struct *vma,
			     unsigned long start_addr, unsigned long end_addr)
{
	unsigned long start = max(vma->vm_start, start_addr);
	unsigned long end;

	if (start >= vma->vm_end)
		return;
	end = min(vma->vm_end, end_addr);
	if (end <= vma->vm_start)
		return;

	if (start != end)
		unmap_page_range(tlb, vma, start, end);
}

/*
 * unmap_vmas - clear the ptes of [@start_addr, @end_addr) in each VMA
 * of the list from @vma: every page loses this mapping and the
 * reference it held.  The page tables stay; free_pgtables() frees
 * them.
 * @tlb: the caller's mmu_gather
 */
void unmap_vmas(struct mmu_gather *tlb, struct vm_area_struct *vma,
		unsigned long start_addr, unsigned long end_addr)
{
	for ( ; vma && vma->vm_start < end_addr; vma = vma->vm_next)
		unmap_single_vma(tlb, vma, start_addr, end_addr);
}

/*
 * zap_page_range - clear the ptes of @size bytes from @start in @vma,
 * and drop the pages.
 */
void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long size)
{
	struct mm_struct *mm = vma->vm_mm;
	struct mmu_gather tlb;
	unsigned long end = start + size;

	lru_add_drain();
	tlb_gather_mmu(&tlb, mm, start, end);
	update_hiwater_rss(mm);
	for ( ; vma && vma->vm_start < end; vma = vma->vm_next)
		unmap_single_vma(&tlb, vma, start, end);
	tlb_finish_mmu(&tlb, start, end);
}

/* ---- faults ---- */

/*
 * maybe_mkwrite - make @pte writable if @vma allows writes (a forced
 * write through access_process_vm() may fault where it does not).
 */
static inline pte_t maybe_mkwrite(pte_t pte, struct vm_area_struct *vma)
{
	if (likely(vma->vm_flags & VM_WRITE))
		pte = pte_mkwrite(pte);
	return pte;
}

static inline pte_t mk_pte(struct page *page, pgprot_t pgprot)
{
	return pfn_pte(page_to_pfn(page), pgprot);
}

/* An anonymous page for @vma: GFP_HIGHUSER_MOVABLE, on @vma's node. */
static struct page *alloc_page_vma(gfp_t gfp, struct vm_area_struct *vma,
				   unsigned long address)
{
	(void)vma;
	(void)address;
	return alloc_pages(gfp, 0);
}

static inline struct page *
alloc_zeroed_user_highpage_movable(struct vm_area_struct *vma,
				   unsigned long vaddr)
{
	return alloc_page_vma(GFP_HIGHUSER_MOVABLE | __GFP_ZERO, vma, vaddr);
}

static inline void cow_user_page(struct page *dst, struct page *src)
{
	if (!src)
		memset(page_address(dst), 0, PAGE_SIZE);
	else
		memcpy(page_address(dst), page_address(src), PAGE_SIZE);
}

/*
 * wp_page_copy - the COW proper: copy the page (or zero-fill when it was
 * the zero page) into a new anonymous page and map that instead.
 */
static int wp_page_copy(struct mm_struct *mm, struct vm_area_struct *vma,
			unsigned long address, pte_t *page_table,
			pte_t orig_pte, struct page *old_page)
{
	struct page *new_page = NULL;
	pte_t entry;

	if (unlikely(anon_vma_prepare(vma)))
		goto oom;

	if (is_zero_pfn(pte_pfn(orig_pte))) {
		new_page = alloc_zeroed_user_highpage_movable(vma, address);
		if (!new_page)
			goto oom;
	} else {
		new_page = alloc_page_vma(GFP_HIGHUSER_MOVABLE, vma, address);
		if (!new_page)
			goto oom;
		cow_user_page(new_page, old_page);
	}
	__SetPageUptodate(new_page);

	/* the pte may have changed meanwhile: check it again */
	if (likely(pte_same(*page_table, orig_pte))) {
		if (old_page) {
			if (!PageAnon(old_page)) {
				dec_mm_counter(mm, MM_FILEPAGES);
				inc_mm_counter(mm, MM_ANONPAGES);
			}
		} else {
			inc_mm_counter(mm, MM_ANONPAGES);
		}
		entry = mk_pte(new_page, vma->vm_page_prot);
		entry = maybe_mkwrite(pte_mkdirty(entry), vma);
		/*
		 * clear the old pte before setting the new one, so that no
		 * CPU ever sees the two pages mapped at once
		 */
		ptep_get_and_clear(mm, address, page_table);
		page_add_new_anon_rmap(new_page, vma, address);
		lru_cache_add_active_or_unevictable(new_page, vma);
		set_pte_at(mm, address, page_table, entry);
		if (old_page) {
			/*
			 * the old page loses this mapping only after
			 * the pte has moved: otherwise another process
			 * could see its mapcount drop, reuse it and
			 * write while we still map it
			 */
			page_remove_rmap(old_page);
		}

		/* Free the old page.. */
		new_page = old_page;
	}

	if (new_page)
		page_cache_release(new_page);
	if (old_page)
		page_cache_release(old_page);	/* the reference we took */
	return VM_FAULT_WRITE;
oom:
	if (old_page)
		page_cache_release(old_page);
	return VM_FAULT_OOM;
}

/*
 * do_wp_page - a write to a present, write-protected page.
 * The page is reused in place when this mapping is its only one (an
 * anonymous page no other mm shares any more), made writable when the
 * mapping is shared, and copied otherwise: COW.
 */
static int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma,
		      unsigned long address, pte_t *page_table,
		      pte_t orig_pte)
{
	struct page *old_page;
	pte_t entry;

	old_page = vm_normal_page(vma, address, orig_pte);
	if (!old_page) {
		/* the zero page: a new zeroed page takes its place */
		return wp_page_copy(mm, vma, address, page_table, orig_pte,
				    NULL);
	}

	/*
	 * anonymous pages first (shared anonymous VMAs do no dirty
	 * accounting)
	 */
	if (PageAnon(old_page)) {
		if (page_mapcount(old_page) == 1) {
			/*
			 * only we map it: move it to our own anon_vma, so that
			 * rmap no longer looks in the parent or siblings
			 */
			page_move_anon_rmap(old_page, vma, address);
			goto reuse;
		}
	} else if (unlikely((vma->vm_flags & (VM_WRITE | VM_SHARED)) ==
			    (VM_WRITE | VM_SHARED))) {
		set_page_dirty(old_page);
		goto reuse;
	}

	/* shared with someone else: copy */
	page_cache_get(old_page);
	return wp_page_copy(mm, vma, address, page_table, orig_pte,
			    old_page);

reuse:
	entry = pte_mkyoung(orig_pte);
	entry = maybe_mkwrite(pte_mkdirty(entry), vma);
	set_pte_at(mm, address, page_table, entry);
	return VM_FAULT_WRITE;
}

/*
 * do_anonymous_page - a fault in anonymous memory with no pte: a read
 * maps the zero page, a write a new zeroed page.
 */
static int do_anonymous_page(struct mm_struct *mm, struct vm_area_struct *vma,
			     unsigned long address, pte_t *page_table,
			     unsigned int flags)
{
	struct page *page;
	pte_t entry;

	/* File mapping without ->vm_ops ? */
	if (vma->vm_flags & VM_SHARED)
		return VM_FAULT_SIGBUS;

	/* Use the zero-page for reads */
	if (!(flags & FAULT_FLAG_WRITE)) {
		entry = pte_mkspecial(pfn_pte(my_zero_pfn(address),
					      vma->vm_page_prot));
		if (!pte_none(*page_table))
			return 0;
		goto setpte;
	}

	/* Allocate our own private page. */
	if (unlikely(anon_vma_prepare(vma)))
		goto oom;
	page = alloc_zeroed_user_highpage_movable(vma, address);
	if (!page)
		goto oom;
	/*
	 * the page's contents must be visible before the pte that
	 * maps it
	 */
	__SetPageUptodate(page);

	entry = mk_pte(page, vma->vm_page_prot);
	if (vma->vm_flags & VM_WRITE)
		entry = pte_mkwrite(pte_mkdirty(entry));

	if (!pte_none(*page_table)) {
		page_cache_release(page);
		return 0;
	}

	inc_mm_counter(mm, MM_ANONPAGES);
	page_add_new_anon_rmap(page, vma, address);
	lru_cache_add_active_or_unevictable(page, vma);
setpte:
	set_pte_at(mm, address, page_table, entry);
	return 0;
oom:
	return VM_FAULT_OOM;
}

/*
 * __do_fault - the VMA's ->fault method (filemap_fault) finds or reads
 * the page.
 */
static int __do_fault(struct vm_area_struct *vma, unsigned long address,
		      pgoff_t pgoff, unsigned int flags,
		      struct page **page)
{
	struct vm_fault vmf;
	int ret;

	vmf.virtual_address = (void *)(address & PAGE_MASK);
	vmf.pgoff = pgoff;
	vmf.flags = flags;
	vmf.page = NULL;
	vmf.cow_page = NULL;

	ret = vma->vm_ops->fault(vma, &vmf);
	if (unlikely(ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE |
			    VM_FAULT_RETRY)))
		return ret;

	*page = vmf.page;
	return ret;
}

/*
 * do_set_pte - map @page at @address in @vma (@pte), with the rmap
 * and counters that go with it.
 * @write: make the pte writable (dirty)
 * @anon: @page is a new anonymous page (a private COW copy)
 */
static void do_set_pte(struct vm_area_struct *vma, unsigned long address,
		       struct page *page, pte_t *pte, bool write, bool anon)
{
	pte_t entry;

	entry = mk_pte(page, vma->vm_page_prot);
	if (write)
		entry = maybe_mkwrite(pte_mkdirty(entry), vma);
	if (anon) {
		inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
		page_add_new_anon_rmap(page, vma, address);
	} else {
		inc_mm_counter(vma->vm_mm, MM_FILEPAGES);
		page_add_file_rmap(page);
	}
	set_pte_at(vma->vm_mm, address, pte, entry);
}

static int do_read_fault(struct mm_struct *mm, struct vm_area_struct *vma,
			 unsigned long address, pte_t *pte, pgoff_t pgoff,
			 unsigned int flags)
{
	struct page *fault_page;
	int ret;

	(void)mm;
	ret = __do_fault(vma, address, pgoff, flags, &fault_page);
	if (unlikely(ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE | VM_FAULT_RETRY)))
		return ret;

	if (unlikely(!pte_none(*pte))) {
		unlock_page(fault_page);
		page_cache_release(fault_page);
		return ret;
	}
	do_set_pte(vma, address, fault_page, pte, false, false);
	unlock_page(fault_page);
	return ret;
}

static int do_cow_fault(struct mm_struct *mm, struct vm_area_struct *vma,
			unsigned long address, pte_t *pte, pgoff_t pgoff,
			unsigned int flags)
{
	struct page *fault_page, *new_page;
	int ret;

	(void)mm;
	if (unlikely(anon_vma_prepare(vma)))
		return VM_FAULT_OOM;

	new_page = alloc_page_vma(GFP_HIGHUSER_MOVABLE, vma, address);
	if (!new_page)
		return VM_FAULT_OOM;

	ret = __do_fault(vma, address, pgoff, flags, &fault_page);
	if (unlikely(ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE | VM_FAULT_RETRY)))
		goto uncharge_out;

	cow_user_page(new_page, fault_page);
	__SetPageUptodate(new_page);

	if (unlikely(!pte_none(*pte))) {
		unlock_page(fault_page);
		page_cache_release(fault_page);
		goto uncharge_out;
	}
	do_set_pte(vma, address, new_page, pte, true, true);
	lru_cache_add_active_or_unevictable(new_page, vma);
	unlock_page(fault_page);
	page_cache_release(fault_page);
	return ret;
uncharge_out:
	page_cache_release(new_page);
	return ret;
}

static int do_shared_fault(struct mm_struct *mm, struct vm_area_struct *vma,
			   unsigned long address, pte_t *pte, pgoff_t pgoff,
			   unsigned int flags)
{
	struct page *fault_page;
	int ret;

	(void)mm;
	ret = __do_fault(vma, address, pgoff, flags, &fault_page);
	if (unlikely(ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE | VM_FAULT_RETRY)))
		return ret;

	if (unlikely(!pte_none(*pte))) {
		unlock_page(fault_page);
		page_cache_release(fault_page);
		return ret;
	}
	do_set_pte(vma, address, fault_page, pte, true, false);
	set_page_dirty(fault_page);
	unlock_page(fault_page);
	return ret;
}

/*
 * A fault on a pte that maps nothing: a file page (through the VMA's
 * ->fault), or anonymous memory.
 */
static int do_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long address, pte_t *page_table,
		    unsigned int flags)
{
	pgoff_t pgoff = (((address & PAGE_MASK)
			  - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;

	if (!(flags & FAULT_FLAG_WRITE))
		return do_read_fault(mm, vma, address, page_table, pgoff,
				     flags);
	if (!(vma->vm_flags & VM_SHARED))
		return do_cow_fault(mm, vma, address, page_table, pgoff,
				    flags);
	return do_shared_fault(mm, vma, address, page_table, pgoff, flags);
}

/*
 * handle_pte_fault - the pte level of a fault: map what is missing,
 * copy on write, or set the accessed and dirty bits (which x86 sets
 * itself; refmm's MMU model does it in refmm_user_access()).
 */
static int handle_pte_fault(struct mm_struct *mm,
			    struct vm_area_struct *vma, unsigned long address,
			    pte_t *pte, unsigned int flags)
{
	pte_t entry;

	entry = *pte;
	if (!pte_present(entry)) {
		if (pte_none(entry)) {
			if (vma->vm_ops && vma->vm_ops->fault)
				return do_fault(mm, vma, address, pte, flags);
			return do_anonymous_page(mm, vma, address, pte,
						 flags);
		}
		/* no swap, no migration entries in refmm */
		return VM_FAULT_SIGBUS;
	}

	if (flags & FAULT_FLAG_WRITE) {
		if (!pte_write(entry))
			return do_wp_page(mm, vma, address, pte, entry);
		entry = pte_mkdirty(entry);
	}
	entry = pte_mkyoung(entry);
	set_pte_at(mm, address, pte, entry);
	return 0;
}

/* __handle_mm_fault - find or make the page tables, then the pte. */
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long address, unsigned int flags)
{
	pgd_t *pgd;
	pud_t *pud;
	pmd_t *pmd;
	pte_t *pte;

	pgd = pgd_offset(mm, address);
	pud = pud_alloc(mm, pgd, address);
	if (!pud)
		return VM_FAULT_OOM;
	pmd = pmd_alloc(mm, pud, address);
	if (!pmd)
		return VM_FAULT_OOM;
	/*
	 * __pte_alloc rather than pte_alloc_map: refmm has no huge
	 * pmds either, but keep the kernel's shape
	 */
	if (unlikely(pmd_none(*pmd)) &&
	    unlikely(__pte_alloc(mm, vma, pmd, address)))
		return VM_FAULT_OOM;
	pte = pte_offset_map(pmd, address);

	return handle_pte_fault(mm, vma, address, pte, flags);
}
