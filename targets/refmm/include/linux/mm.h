/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm.h - struct page helpers: zone and node bits, reference counts,
 * compound pages, page <-> pfn <-> address conversions.
 *
 * page->flags layout (64 bits):
 *	| NODE (2) | ZONE (2) | ... unused ... | enum pageflags (NR_PAGEFLAGS) |
 * NODES_PGSHIFT and ZONES_PGSHIFT give the positions, as in the kernel
 * without SPARSEMEM section bits.
 *
 * Memory model: each node has its own mem_map (pgdat->node_mem_map), so
 * pfn_to_page() finds the node first (DISCONTIGMEM-like); mem_map is node
 * 0's map, which is all of them when there is one node (FLATMEM view).
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/mmzone.h>
#include <linux/page-flags.h>
#include <linux/mmdebug.h>
#include <linux/atomic.h>
#include <linux/err.h>
#include <asm/page.h>

#define NODES_WIDTH		NODES_SHIFT
#define ZONES_WIDTH		ZONES_SHIFT
#define SECTIONS_WIDTH		0
#define NODES_PGOFF		(BITS_PER_LONG - NODES_WIDTH)
#define ZONES_PGOFF		(NODES_PGOFF - ZONES_WIDTH)
#define NODES_PGSHIFT		NODES_PGOFF
#define ZONES_PGSHIFT		ZONES_PGOFF
#define NODES_MASK		((1UL << NODES_WIDTH) - 1)
#define ZONES_MASK		((1UL << ZONES_WIDTH) - 1)
/* zone and node together: what page_zone_id() compares for buddies */
#define ZONEID_SHIFT		(NODES_SHIFT + ZONES_SHIFT)
#define ZONEID_PGSHIFT		ZONES_PGOFF
#define ZONEID_MASK		((1UL << ZONEID_SHIFT) - 1)

#if NR_PAGEFLAGS > ZONES_PGOFF
#error "page->flags: not enough room for zone and node bits"
#endif

extern struct page *mem_map;
extern unsigned long totalram_pages;
extern unsigned long totalreserve_pages;
extern unsigned long max_mapnr;
extern unsigned long num_physpages;

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline int page_to_nid(const struct page *page)
{
	return (page->flags >> NODES_PGSHIFT) & NODES_MASK;
}

static inline int page_zone_id(const struct page *page)
{
	return (page->flags >> ZONEID_PGSHIFT) & ZONEID_MASK;
}

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(page_to_nid(page))->node_zones[page_zonenum(page)];
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT);
	page->flags |= (unsigned long)(zone & ZONES_MASK) << ZONES_PGSHIFT;
}

static inline void set_page_node(struct page *page, unsigned long node)
{
	page->flags &= ~(NODES_MASK << NODES_PGSHIFT);
	page->flags |= (node & NODES_MASK) << NODES_PGSHIFT;
}

static inline void set_page_links(struct page *page, enum zone_type zone,
				  unsigned long node, unsigned long pfn)
{
	(void)pfn;
	set_page_zone(page, zone);
	set_page_node(page, node);
}

/* ---- pfn <-> page <-> address ---- */

static inline bool pfn_valid(unsigned long pfn)
{
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (pgdat && pfn >= pgdat->node_start_pfn &&
		    pfn < pgdat_end_pfn(pgdat))
			return true;
	}
	return false;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (pgdat && pfn >= pgdat->node_start_pfn &&
		    pfn < pgdat_end_pfn(pgdat))
			return pgdat->node_mem_map + (pfn - pgdat->node_start_pfn);
	}
	return NULL;
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	pg_data_t *pgdat = NODE_DATA(page_to_nid(page));

	return (unsigned long)(page - pgdat->node_mem_map) +
		pgdat->node_start_pfn;
}

static inline void *lowmem_page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}

#define page_address(page)	lowmem_page_address(page)
#define virt_to_page(kaddr)	pfn_to_page(__pa(kaddr) >> PAGE_SHIFT)
#define virt_addr_valid(kaddr)	pfn_valid(__pa(kaddr) >> PAGE_SHIFT)
#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))

/* ---- reference counts ---- */

static inline int page_count(const struct page *page)
{
	return atomic_read(&page->_count);
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_count, v);
}

static inline void init_page_count(struct page *page)
{
	atomic_set(&page->_count, 1);
}

static inline void set_page_refcounted(struct page *page)
{
	VM_BUG_ON_PAGE(PageTail(page), page);
	VM_BUG_ON_PAGE(atomic_read(&page->_count), page);
	set_page_count(page, 1);
}

static inline int put_page_testzero(struct page *page)
{
	VM_BUG_ON_PAGE(atomic_read(&page->_count) == 0, page);
	return atomic_dec_and_test(&page->_count);
}

static inline int get_page_unless_zero(struct page *page)
{
	if (atomic_read(&page->_count) == 0)
		return 0;
	atomic_inc(&page->_count);
	return 1;
}

static inline int page_mapcount(const struct page *page)
{
	return atomic_read(&page->_mapcount) + 1;
}

static inline void page_mapcount_reset(struct page *page)
{
	atomic_set(&page->_mapcount, -1);
}

/*
 * For pages that are never mapped to userspace, page->_mapcount may be
 * used for storing extra information about page type.  Any value used for
 * this purpose must be <= -2, but it's better to start not too close to -2
 * so that an underflow of the page_mapcount() won't be mistaken for a
 * special page.  The buddy allocator marks the first page of a free block
 * with PAGE_BUDDY_MAPCOUNT_VALUE (Linux 4.0 has no PG_buddy flag; the
 * vmcoreinfo exports the value for dump readers).
 */
#define PAGE_BUDDY_MAPCOUNT_VALUE (-128)

static inline int PageBuddy(const struct page *page)
{
	return atomic_read(&page->_mapcount) == PAGE_BUDDY_MAPCOUNT_VALUE;
}

/*
 * CONFIG_REFMM_PG_BUDDY (the alternative build) also keeps the pre-2.6.38
 * PG_buddy flag in step with the mark: see <linux/page-flags.h>.
 */
static inline void __SetPageBuddy(struct page *page)
{
	VM_BUG_ON_PAGE(atomic_read(&page->_mapcount) != -1, page);
	atomic_set(&page->_mapcount, PAGE_BUDDY_MAPCOUNT_VALUE);
#ifdef CONFIG_REFMM_PG_BUDDY
	__SetPageBuddyFlag(page);
#endif
}

static inline void __ClearPageBuddy(struct page *page)
{
	VM_BUG_ON_PAGE(!PageBuddy(page), page);
	atomic_set(&page->_mapcount, -1);
#ifdef CONFIG_REFMM_PG_BUDDY
	__ClearPageBuddyFlag(page);
#endif
}

#define page_private(page)		((page)->private)
#define set_page_private(page, v)	((page)->private = (v))

/* ---- compound pages ---- */

static inline struct page *compound_head(struct page *page)
{
	if (unlikely(PageTail(page)))
		return page->first_page;
	return page;
}

static inline struct page *virt_to_head_page(const void *x)
{
	struct page *page = virt_to_page(x);

	return compound_head(page);
}

static inline int compound_order(struct page *page)
{
	if (!PageHead(page))
		return 0;
	return (unsigned long)page[1].lru.prev;
}

static inline void set_compound_order(struct page *page, unsigned long order)
{
	page[1].lru.prev = (void *)order;
}

static inline compound_page_dtor *get_compound_page_dtor(struct page *page)
{
	return (compound_page_dtor *)page[1].lru.next;
}

static inline void set_compound_page_dtor(struct page *page,
					  compound_page_dtor *dtor)
{
	page[1].lru.next = (void *)dtor;
}

void prep_compound_page(struct page *page, unsigned long order);
void get_page(struct page *page);
void put_page(struct page *page);

/* Free-page migratetype, kept in page->index while a page is free. */
static inline void set_freepage_migratetype(struct page *page, int migratetype)
{
	page->index = migratetype;
}

static inline int get_freepage_migratetype(struct page *page)
{
	return page->index;
}

static inline int get_pfnblock_migratetype(struct page *page,
					   unsigned long pfn)
{
	return get_pfnblock_flags_mask(page, pfn, PB_migrate_end,
				       MIGRATETYPE_MASK);
}

static inline int get_pageblock_migratetype(struct page *page)
{
	return get_pfnblock_migratetype(page, page_to_pfn(page));
}

void set_pageblock_migratetype(struct page *page, int migratetype);

/* ---- boot and statistics ---- */

void free_area_init_nodes(unsigned long *max_zone_pfn);
void build_all_zonelists(pg_data_t *pgdat, struct zone *zone);
void setup_per_cpu_pageset(void);
void setup_per_zone_wmarks(void);
int init_per_zone_wmark_min(void);
void __free_pages_bootmem(struct page *page, unsigned int order);
unsigned long nr_free_buffer_pages(void);
unsigned long nr_free_pagecache_pages(void);
void show_free_areas(unsigned int filter);
void si_meminfo_node_free(int nid, unsigned long *free);

/* ---- address spaces (include/linux/mm.h, Linux 4.0) ---- */

/*
 * vm_flags in vm_area_struct, see mm_types.h.
 */
#define VM_NONE		0x00000000

#define VM_READ		0x00000001	/* currently active flags */
#define VM_WRITE	0x00000002
#define VM_EXEC		0x00000004
#define VM_SHARED	0x00000008

/* mprotect() hardcodes VM_MAYREAD >> 4 == VM_READ, and so for r/w/x bits. */
#define VM_MAYREAD	0x00000010	/* limits for mprotect() etc */
#define VM_MAYWRITE	0x00000020
#define VM_MAYEXEC	0x00000040
#define VM_MAYSHARE	0x00000080

#define VM_GROWSDOWN	0x00000100	/* general info on the segment */
#define VM_PFNMAP	0x00000400	/* Page-ranges managed without "struct page", just pure PFN */
#define VM_DENYWRITE	0x00000800	/* ETXTBSY on write attempts.. */

#define VM_LOCKED	0x00002000
#define VM_IO		0x00004000	/* Memory mapped I/O or similar */

					/* Used by sys_madvise() */
#define VM_SEQ_READ	0x00008000	/* App will access data sequentially */
#define VM_RAND_READ	0x00010000	/* App will not benefit from clustered reads */

#define VM_DONTCOPY	0x00020000	/* Do not copy this vma on fork */
#define VM_DONTEXPAND	0x00040000	/* Cannot expand with mremap() */
#define VM_ACCOUNT	0x00100000	/* Is a VM accounted object */
#define VM_NORESERVE	0x00200000	/* should the VM suppress accounting */
#define VM_HUGETLB	0x00400000	/* Huge TLB Page VM */
#define VM_NONLINEAR	0x00800000	/* Is non-linear (remap_file_pages) */
#define VM_ARCH_1	0x01000000	/* Architecture-specific flag */
#define VM_DONTDUMP	0x04000000	/* Do not include in the core dump */
#define VM_SOFTDIRTY	0x08000000	/* Not soft dirty clean area */
#define VM_MIXEDMAP	0x10000000	/* Can contain "struct page" and pure PFN pages */
#define VM_HUGEPAGE	0x20000000	/* MADV_HUGEPAGE marked this vma */
#define VM_NOHUGEPAGE	0x40000000	/* MADV_NOHUGEPAGE marked this vma */
#define VM_MERGEABLE	0x80000000	/* KSM may merge identical pages */

#define VM_PAT		VM_ARCH_1	/* PAT reserves whole VMA at once (x86) */

#define VM_STACK_FLAGS	(VM_GROWSDOWN | VM_STACK_DEFAULT_FLAGS | VM_ACCOUNT)
/* x86-64 without READ_IMPLIES_EXEC: data and stacks are not executable */
#define VM_DATA_DEFAULT_FLAGS \
	(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
/* Bits set in the VMA until the stack's final relocation */
#define VM_STACK_INCOMPLETE_SETUP	(VM_RAND_READ | VM_SEQ_READ)
#define VM_STACK_DEFAULT_FLAGS VM_DATA_DEFAULT_FLAGS

/*
 * Special vmas that are non-mergable, non-mlock()able.
 */
#define VM_SPECIAL (VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP)

/* This mask defines which mm->def_flags a process can inherit its parent */
#define VM_INIT_DEF_MASK	VM_NOHUGEPAGE

/*
 * mmap(2) and mprotect(2) arguments (include/uapi/asm-generic/mman*.h);
 * the same values as glibc's <sys/mman.h>, which some files include too.
 */
#ifndef PROT_READ
#define PROT_READ	0x1		/* page can be read */
#endif
#ifndef PROT_WRITE
#define PROT_WRITE	0x2		/* page can be written */
#endif
#ifndef PROT_EXEC
#define PROT_EXEC	0x4		/* page can be executed */
#endif
#ifndef PROT_NONE
#define PROT_NONE	0x0		/* page can not be accessed */
#endif
#ifndef PROT_GROWSDOWN
#define PROT_GROWSDOWN	0x01000000
#endif

#ifndef MAP_SHARED
#define MAP_SHARED	0x01		/* Share changes */
#endif
#ifndef MAP_PRIVATE
#define MAP_PRIVATE	0x02		/* Changes are private */
#endif
#ifndef MAP_TYPE
#define MAP_TYPE	0x0f		/* Mask for type of mapping */
#endif
#ifndef MAP_FIXED
#define MAP_FIXED	0x10		/* Interpret addr exactly */
#endif
#ifndef MAP_ANONYMOUS
#define MAP_ANONYMOUS	0x20		/* don't use a file */
#endif
#ifndef MAP_GROWSDOWN
#define MAP_GROWSDOWN	0x0100		/* stack-like segment */
#endif
#ifndef MAP_DENYWRITE
#define MAP_DENYWRITE	0x0800		/* ETXTBSY */
#endif
#ifndef MAP_EXECUTABLE
#define MAP_EXECUTABLE	0x1000		/* mark it as an executable */
#endif
#ifndef MAP_LOCKED
#define MAP_LOCKED	0x2000		/* pages are locked */
#endif
#ifndef MAP_NORESERVE
#define MAP_NORESERVE	0x4000		/* don't check for reservations */
#endif
#ifndef MAP_POPULATE
#define MAP_POPULATE	0x8000		/* populate (prefault) pagetables */
#endif

/* The VMA's protection bits, from its read/write/exec/shared flags. */
extern pgprot_t protection_map[16];

static inline pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	return protection_map[vm_flags &
			      (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];
}

#define FAULT_FLAG_WRITE	0x01	/* Fault was a write access */
#define FAULT_FLAG_NONLINEAR	0x02	/* Fault was via a nonlinear mapping */
#define FAULT_FLAG_MKWRITE	0x04	/* Fault was mkwrite of existing pte */
#define FAULT_FLAG_ALLOW_RETRY	0x08	/* Retry fault if blocking */
#define FAULT_FLAG_RETRY_NOWAIT	0x10	/* Don't drop mmap_sem and wait when retrying */
#define FAULT_FLAG_KILLABLE	0x20	/* The fault task is in SIGKILL killable region */
#define FAULT_FLAG_TRIED	0x40	/* second try */
#define FAULT_FLAG_USER		0x80	/* The fault originated in userspace */

/*
 * vm_fault is filled by the the pagefault handler and passed to the vma's
 * ->fault function.  The vma's ->fault is responsible for returning a
 * bitmask of VM_FAULT_xxx flags that give details about how the fault
 * was handled.
 */
struct vm_fault {
	unsigned int flags;		/* FAULT_FLAG_xxx flags */
	pgoff_t pgoff;			/* Logical page offset based on vma */
	void *virtual_address;		/* Faulting virtual address */

	struct page *cow_page;		/* Handler may choose to COW */
	struct page *page;		/* ->fault handlers should return a
					 * page here, unless VM_FAULT_NOPAGE
					 * is set (which is also implied by
					 * VM_FAULT_ERROR).
					 */
	/* for ->map_pages() only */
	pgoff_t max_pgoff;
	pte_t *pte;
};

/*
 * These are the virtual MM functions - opening of an area, closing and
 * unmapping it (needed to keep files on disk up-to-date etc), pointer
 * to the functions called when a no-page or a wp-page exception occurs.
 */
struct vm_operations_struct {
	void (*open)(struct vm_area_struct *area);
	void (*close)(struct vm_area_struct *area);
	int (*fault)(struct vm_area_struct *vma, struct vm_fault *vmf);
	void (*map_pages)(struct vm_area_struct *vma, struct vm_fault *vmf);
	/* notification that a previously read-only page is about to become
	 * writable, if an error is returned it will cause a SIGBUS */
	int (*page_mkwrite)(struct vm_area_struct *vma, struct vm_fault *vmf);
	/* Called by the /proc/PID/maps code to ask the vma whether it
	 * has a special name.  Returning non-NULL will also cause this
	 * vma to be dumped unconditionally. */
	const char *(*name)(struct vm_area_struct *vma);
};

#define VM_FAULT_MINOR	0 /* For backwards compat. Remove me quickly. */

#define VM_FAULT_OOM	0x0001
#define VM_FAULT_SIGBUS	0x0002
#define VM_FAULT_MAJOR	0x0004
#define VM_FAULT_WRITE	0x0008	/* Special case for get_user_pages */
#define VM_FAULT_HWPOISON 0x0010	/* Hit poisoned small page */
#define VM_FAULT_HWPOISON_LARGE 0x0020  /* Hit poisoned large page. Index encoded in upper bits */
#define VM_FAULT_SIGSEGV 0x0040

#define VM_FAULT_NOPAGE	0x0100	/* ->fault installed the pte, not return page */
#define VM_FAULT_LOCKED	0x0200	/* ->fault locked the returned page */
#define VM_FAULT_RETRY	0x0400	/* ->fault blocked, must retry */
#define VM_FAULT_FALLBACK 0x0800	/* huge page fault failed, fall back to small */

#define VM_FAULT_ERROR	(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | \
			 VM_FAULT_HWPOISON | VM_FAULT_HWPOISON_LARGE | \
			 VM_FAULT_FALLBACK)

static inline unsigned long vma_pages(struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

static inline unsigned long linear_page_index(struct vm_area_struct *vma,
					      unsigned long address)
{
	return ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
}

/* ---- RSS counters ---- */

static inline unsigned long get_mm_counter(struct mm_struct *mm, int member)
{
	long val = atomic_long_read(&mm->rss_stat.count[member]);

	/*
	 * counter is updated in asynchronous manner and may go to minus.
	 * But it's never be expected number for users.
	 */
	if (val < 0)
		val = 0;
	return (unsigned long)val;
}

static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	atomic_long_add(value, &mm->rss_stat.count[member]);
}

static inline void inc_mm_counter(struct mm_struct *mm, int member)
{
	atomic_long_inc(&mm->rss_stat.count[member]);
}

static inline void dec_mm_counter(struct mm_struct *mm, int member)
{
	atomic_long_dec(&mm->rss_stat.count[member]);
}

static inline unsigned long get_mm_rss(struct mm_struct *mm)
{
	return get_mm_counter(mm, MM_FILEPAGES) +
		get_mm_counter(mm, MM_ANONPAGES);
}

static inline void update_hiwater_rss(struct mm_struct *mm)
{
	unsigned long _rss = get_mm_rss(mm);

	if (mm->hiwater_rss < _rss)
		mm->hiwater_rss = _rss;
}

static inline void update_hiwater_vm(struct mm_struct *mm)
{
	if (mm->hiwater_vm < mm->total_vm)
		mm->hiwater_vm = mm->total_vm;
}

static inline unsigned long mm_nr_pmds(struct mm_struct *mm)
{
	return atomic_long_read(&mm->nr_pmds);
}

/* ---- anonymous pages: page->mapping's low bit ---- */

/*
 * On an anonymous page mapped into a user virtual memory area,
 * page->mapping points to its anon_vma, not to a struct address_space;
 * with the PAGE_MAPPING_ANON bit set to distinguish it.  makedumpfile
 * and crash tell user data from the page cache by this bit.
 */
#define PAGE_MAPPING_ANON	1
#define PAGE_MAPPING_KSM	2
#define PAGE_MAPPING_FLAGS	(PAGE_MAPPING_ANON | PAGE_MAPPING_KSM)

static inline int PageAnon(const struct page *page)
{
	return ((unsigned long)page->mapping & PAGE_MAPPING_ANON) != 0;
}

static inline struct address_space *page_mapping(struct page *page)
{
	struct address_space *mapping = page->mapping;

	if ((unsigned long)mapping & PAGE_MAPPING_ANON)
		mapping = NULL;
	return mapping;
}

#define VM_BUG_ON_VMA(cond, vma) VM_BUG_ON(cond)

static inline int page_mapped(struct page *page)
{
	return atomic_read(&page->_mapcount) >= 0;
}

/* ---- the rest of the VM, by file ---- */

struct anon_vma;
struct address_space;
struct mmu_gather;
struct percpu_counter;

/* mm/mmap.c */
extern struct kmem_cache *vm_area_cachep;
extern unsigned long mmap_min_addr;
extern int sysctl_overcommit_memory;
extern int sysctl_overcommit_ratio;
extern unsigned long sysctl_overcommit_kbytes;
extern int sysctl_max_map_count;
extern unsigned long sysctl_user_reserve_kbytes;
extern unsigned long sysctl_admin_reserve_kbytes;
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
static inline struct vm_area_struct *find_vma_intersection(
	struct mm_struct *mm, unsigned long start_addr, unsigned long end_addr)
{
	struct vm_area_struct *vma = find_vma(mm, start_addr);

	if (vma && end_addr <= vma->vm_start)
		vma = NULL;
	return vma;
}
unsigned long get_unmapped_area(struct file *file, unsigned long addr,
				unsigned long len, unsigned long pgoff,
				unsigned long flags);
unsigned long mmap_region(struct file *file, unsigned long addr,
			  unsigned long len, vm_flags_t vm_flags,
			  unsigned long pgoff);
unsigned long do_mmap_pgoff(struct file *file, unsigned long addr,
			    unsigned long len, unsigned long prot,
			    unsigned long flags, unsigned long pgoff,
			    unsigned long *populate);
unsigned long vm_mmap_pgoff(struct file *file, unsigned long addr,
			    unsigned long len, unsigned long prot,
			    unsigned long flag, unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
int vm_munmap(unsigned long start, size_t len);
unsigned long vm_brk(unsigned long addr, unsigned long len);
unsigned long sys_brk(unsigned long brk);
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr, int new_below);
struct vm_area_struct *vma_merge(struct mm_struct *mm,
	struct vm_area_struct *prev, unsigned long addr, unsigned long end,
	unsigned long vm_flags, struct anon_vma *anon_vma, struct file *file,
	pgoff_t pgoff, struct mempolicy *policy);
int vma_adjust(struct vm_area_struct *vma, unsigned long start,
	       unsigned long end, pgoff_t pgoff,
	       struct vm_area_struct *insert);
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
void exit_mmap(struct mm_struct *mm);
void vm_stat_account(struct mm_struct *mm, unsigned long flags,
		     struct file *file, long pages);
int security_vm_enough_memory_mm(struct mm_struct *mm, long pages);
void vm_acct_memory(long pages);
void vm_unacct_memory(long pages);
struct vm_area_struct *_install_special_mapping(struct mm_struct *mm,
	unsigned long addr, unsigned long len, unsigned long vm_flags,
	const struct vm_special_mapping *spec);
void mmap_init(void);
void arch_pick_mmap_layout(struct mm_struct *mm);

/* mm/mprotect.c */
int mprotect_fixup(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		   unsigned long start, unsigned long end,
		   unsigned long newflags);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);

/* mm/memory.c */
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long address, unsigned int flags);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma);
void unmap_vmas(struct mmu_gather *tlb, struct vm_area_struct *start_vma,
		unsigned long start, unsigned long end);
void free_pgtables(struct mmu_gather *tlb, struct vm_area_struct *start_vma,
		   unsigned long floor, unsigned long ceiling);
void zap_page_range(struct vm_area_struct *vma, unsigned long address,
		    unsigned long size);
int __pte_alloc(struct mm_struct *mm, struct vm_area_struct *vma,
		pmd_t *pmd, unsigned long address);
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr,
			    pte_t pte);
/* Walk @mm's page tables for @address: the pte, or NULL (no table). */
pte_t *refmm_find_pte(struct mm_struct *mm, unsigned long address);
/* The same, allocating the missing tables (NULL: out of memory). */
pte_t *refmm_pte_alloc(struct mm_struct *mm, struct vm_area_struct *vma,
		       unsigned long address);
/* The VMA invariants of @mm (list, tree, gaps, map_count): 0 or -1 + @msg. */
int refmm_check_mm(struct mm_struct *mm, char *msg, size_t len);
extern int refmm_validate_mm;
void __vma_link_rb(struct mm_struct *mm, struct vm_area_struct *vma,
		   struct rb_node **rb_link, struct rb_node *rb_parent);
void page_move_anon_rmap(struct page *page, struct vm_area_struct *vma,
			 unsigned long address);
struct anon_vma *find_mergeable_anon_vma(struct vm_area_struct *vma);
int expand_stack(struct vm_area_struct *vma, unsigned long address);

/* mm/swapfile.c: refmm has no swap devices */
extern long total_swap_pages;
extern atomic_long_t nr_swap_pages;
static inline long get_nr_swap_pages(void)
{
	return atomic_long_read(&nr_swap_pages);
}

/* mm/page-writeback.c */
int set_page_dirty(struct page *page);
int clear_page_dirty_for_io(struct page *page);

/* include/linux/pagemap.h: the page lock */
void unlock_page(struct page *page);
static inline int trylock_page(struct page *page)
{
	if (PageLocked(page))
		return 0;
	SetPageLocked(page);
	return 1;
}
static inline void lock_page(struct page *page)
{
	BUG_ON(!trylock_page(page));	/* nobody else could unlock it */
}
extern unsigned long highest_memmap_pfn;

/* arch/x86/mm/fault.c */
int __do_page_fault(unsigned long address, unsigned long error_code);
int refmm_user_access(unsigned long address, int write, void *buf,
		      size_t len);
#define PF_PROT		(1 << 0)
#define PF_WRITE	(1 << 1)
#define PF_USER		(1 << 2)
#define PF_RSVD		(1 << 3)
#define PF_INSTR	(1 << 4)

/* arch/x86/mm/pgtable.c */
pgd_t *pgd_alloc(struct mm_struct *mm);
void pgd_free(struct mm_struct *mm, pgd_t *pgd);
extern struct list_head pgd_list;
struct page *pte_alloc_one(struct mm_struct *mm, unsigned long address);
void pte_free(struct mm_struct *mm, struct page *pte);
void *pmd_alloc_one(struct mm_struct *mm, unsigned long addr);
void pmd_free(struct mm_struct *mm, void *pmd);
void *pud_alloc_one(struct mm_struct *mm, unsigned long addr);
void pud_free(struct mm_struct *mm, void *pud);

/* The zero page: read faults on anonymous memory map it (special pte). */
extern unsigned long empty_zero_page[PAGE_SIZE / sizeof(unsigned long)];
#define ZERO_PAGE(vaddr)	(virt_to_page(empty_zero_page))
#define my_zero_pfn(addr)	(__pa(empty_zero_page) >> PAGE_SHIFT)
static inline int is_zero_pfn(unsigned long pfn)
{
	return pfn == my_zero_pfn(0);
}

/* mm/swap.c: drop a reference to a page cache or user page */
#define page_cache_get(page)		get_page(page)
#define page_cache_release(page)	put_page(page)

/* mm/swap.c */
void lru_cache_add(struct page *page);
void lru_cache_add_active_or_unevictable(struct page *page,
					 struct vm_area_struct *vma);
void mark_page_accessed(struct page *page);
void activate_page(struct page *page);
void lru_add_drain(void);
void release_pages(struct page **pages, int nr, bool cold);
void __page_cache_release(struct page *page);
void swap_setup(void);

/* mm/util.c */
unsigned long vm_commit_limit(void);
extern struct percpu_counter vm_committed_as;

/* mm/filemap.c */
struct page *find_get_page(struct address_space *mapping, pgoff_t offset);
int add_to_page_cache_lru(struct page *page, struct address_space *mapping,
			  pgoff_t offset, gfp_t gfp_mask);
void __delete_from_page_cache(struct page *page, void *shadow);
void delete_from_page_cache(struct page *page);
int filemap_fault(struct vm_area_struct *vma, struct vm_fault *vmf);
extern const struct vm_operations_struct generic_file_vm_ops;
struct page *read_cache_page_refmm(struct address_space *mapping,
				   pgoff_t index);

/* mm/vmscan.c, mm/oom_kill.c */
unsigned long try_to_free_pages(struct zonelist *zonelist, int order,
				gfp_t gfp_mask, nodemask_t *mask);
void wakeup_kswapd(struct zone *zone, int order, enum zone_type classzone_idx);
bool zone_reclaimable(struct zone *zone);
int kswapd_run(int nid);
void kswapd_init(void);
bool out_of_memory(struct zonelist *zonelist, gfp_t gfp_mask, int order,
		   nodemask_t *mask, bool force_kill);
extern int sysctl_panic_on_oom;
extern int sysctl_oom_kill_allocating_task;
extern int sysctl_oom_dump_tasks;
void show_mem(unsigned int filter);
#define SHOW_MEM_FILTER_NODES		(0x0001u)

/* mm/page_alloc.c: hashes sized to memory (4.0's declaration is in bootmem.h) */
extern int hashdist;

#endif /* _LINUX_MM_H */
