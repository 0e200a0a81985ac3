/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm_types.h - struct page, in the Linux 4.0 layout.
 *
 * Each physical page frame has a struct page in its node's mem_map.  The
 * layout is 4.0's for CONFIG_SLAB without an aligned struct page: five
 * words of unions that the page allocator, SLAB and the page cache share,
 * 56 bytes in all (crash's kmem -p shows the 0x38 stride).
 *
 * For the page allocator the fields mean:
 *   flags		enum pageflags bits low, zone and node numbers high
 *   _count		references; 0 when free (in the buddy or on a pcp list)
 *   _mapcount		-1 normally; PAGE_BUDDY_MAPCOUNT_VALUE on a free
 *			block's first page (PageBuddy(); the alternative
 *			build sets PG_buddy too)
 *   private		the order of a free block, on its first page
 *   index		the migratetype a free page was freed with
 *			(set_freepage_migratetype), as 4.0 keeps it
 *   lru		links a free block into free_area[order].free_list[mt]
 *			or an order-0 page into a pcp list
 *   first_page		a compound tail's head; the order sits in
 *			page[1].lru.prev and the destructor in page[1].lru.next
 *
 * For SLAB (mm/slab.c), on the first page of a slab (PG_slab set; a slab
 * of order > 0 is a compound page and its tails point to it):
 *   slab_cache		the struct kmem_cache the slab belongs to
 *   s_mem		address of the slab's first object (after colouring
 *			and, when the freelist is on the slab, the freelist)
 *   freelist		the array of free object indices (freelist_idx_t,
 *			one byte each on x86-64), on the slab or off it
 *   active		objects handed out of the slab; freelist[active..
 *			num-1] are the indices of its free objects
 *   lru		links the slab into its kmem_cache_node's
 *			slabs_full, slabs_partial or slabs_free list
 *
 * CONFIG_REFMM_ALT_LAYOUT builds "the other configuration": the same
 * members in another order, so a test can prove mmscope reads struct page
 * through DWARF only.  Code uses member names, never offsets.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/spinlock.h>

struct address_space;
struct kmem_cache;
struct slab;
struct page;

typedef void compound_page_dtor(struct page *);

/* Fields of the page allocator and the page cache. */
#define __PAGE_MAPPING_UNION						\
	union {								\
		struct address_space *mapping;	/* page cache / anon_vma */ \
		void *s_mem;			/* slab: first object */ \
	}

#define __PAGE_INDEX_UNION						\
	union {								\
		pgoff_t index;		/* offset within mapping */	\
		void *freelist;		/* slab: first free object */	\
		bool pfmemalloc;					\
	}

#define __PAGE_MAPCOUNT_UNION						\
	union {								\
		/*							\
		 * Count of ptes mapped in mms, to show when page is	\
		 * mapped & limit reverse map searches.  -1 when unmapped; \
		 * PAGE_BUDDY_MAPCOUNT_VALUE for a free buddy block.	\
		 */							\
		atomic_t _mapcount;					\
		struct { /* SLUB */					\
			unsigned inuse:16;				\
			unsigned objects:15;				\
			unsigned frozen:1;				\
		};							\
		int units;	/* SLOB */				\
	}

#define __PAGE_LRU_UNION						\
	union {								\
		struct list_head lru;	/* free lists, pcp, LRU */	\
		struct {		/* slub per cpu partial pages */ \
			struct page *next;				\
			int pages;					\
			int pobjects;					\
		};							\
		struct slab *slab_page;					\
		struct rcu_head rcu_head;				\
	}

#define __PAGE_PRIVATE_UNION						\
	union {								\
		unsigned long private;	/* buddy order, swp_entry_t... */ \
		spinlock_t ptl;						\
		struct kmem_cache *slab_cache;	/* SL[AU]B: owner */	\
		struct page *first_page;	/* compound tail: head */ \
	}

struct page {
	/* First double word block */
	unsigned long flags;		/* Atomic flags, some possibly
					 * updated asynchronously */
#ifndef CONFIG_REFMM_ALT_LAYOUT
	__PAGE_MAPPING_UNION;

	/* Second double word */
	struct {
		__PAGE_INDEX_UNION;
		union {
			struct {
				__PAGE_MAPCOUNT_UNION;
				atomic_t _count;	/* Usage count */
			};
			unsigned int active;		/* SLAB */
		};
	};

	/* Third double word block */
	__PAGE_LRU_UNION;

	/* Remainder is not double word aligned */
	__PAGE_PRIVATE_UNION;
#else
	/* The other configuration: same members, other offsets. */
	__PAGE_PRIVATE_UNION;
	__PAGE_LRU_UNION;
	/*
	 * SLAB's active shares its word with _mapcount, as in the 4.0
	 * layout: kmem_freepages() resets _mapcount, and _count must stay
	 * intact while a slab page is in use.
	 */
	struct {
		atomic_t _count;			/* Usage count */
		union {
			__PAGE_MAPCOUNT_UNION;
			unsigned int active;		/* SLAB */
		};
	};
	__PAGE_INDEX_UNION;
	__PAGE_MAPPING_UNION;
#endif
};

/* ---- address spaces: struct vm_area_struct and struct mm_struct ---- */

#include <linux/rbtree.h>
#include <linux/rwsem.h>
#include <linux/numa.h>
#include <asm/pgtable.h>

struct file;
struct anon_vma;
struct mempolicy;
struct mm_struct;
struct task_struct;
struct vm_operations_struct;

typedef unsigned long vm_flags_t;

/*
 * A special mapping ([vdso]): no file, the given pages, the given name
 * in /proc/PID/maps (install_special_mapping()).
 */
struct vm_special_mapping {
	const char *name;
	struct page **pages;
};

/*
 * The RSS counters of an mm (get_mm_counter()): file-backed pages,
 * anonymous pages and swap entries mapped by its page tables.
 */
enum {
	MM_FILEPAGES,
	MM_ANONPAGES,
	MM_SWAPENTS,
	NR_MM_COUNTERS
};

struct mm_rss_stat {
	atomic_long_t count[NR_MM_COUNTERS];
};

/*
 * 4.0 with split page-table locks (SPLIT_RSS_COUNTING) batches RSS updates
 * per task and folds them into the mm every 64 events; refmm updates the
 * mm's counters directly, so a task's rss_stat stays zero (what a reader
 * that adds it, as crash does, sums to the same figure).
 */
struct task_rss_stat {
	int events;	/* for synchronization threshold */
	int count[NR_MM_COUNTERS];
};

#define VMACACHE_BITS 2
#define VMACACHE_SIZE (1U << VMACACHE_BITS)
#define VMACACHE_MASK (VMACACHE_SIZE - 1)

/*
 * A VMA: the range [vm_start, vm_end) of an mm's user space with one set
 * of flags and one backing (a file from an offset, or anonymous memory).
 * An mm's VMAs are on a list sorted by address (mm->mmap, vm_next and
 * vm_prev) and in a red-black tree keyed by address (mm->mm_rb, vm_rb),
 * augmented with rb_subtree_gap for get_unmapped_area().  The field
 * order is 4.0's.
 */
struct vm_area_struct {
	/* what a walk of the tree reads comes first (one cache line) */

	unsigned long vm_start;		/* first address */
	unsigned long vm_end;		/* first address after the VMA */

	/* the mm's list, by address */
	struct vm_area_struct *vm_next, *vm_prev;

	struct rb_node vm_rb;

	/*
	 * The largest free gap, in bytes, below any VMA of this subtree
	 * (between a VMA and its vm_prev): get_unmapped_area() skips
	 * subtrees whose gaps are all too small.
	 */
	unsigned long rb_subtree_gap;

	struct mm_struct *vm_mm;	/* the mm it belongs to */
	pgprot_t vm_page_prot;		/* pte protection bits */
	unsigned long vm_flags;		/* VM_* (see <linux/mm.h>) */

	/*
	 * A file VMA's node in the file's address_space->i_mmap tree
	 * (keyed by vm_pgoff in refmm: see __vma_link_file() in mmap.c).
	 */
	union {
		struct {
			struct rb_node rb;
			unsigned long rb_subtree_last;
		} linear;
		struct list_head nonlinear;
	} shared;

	/*
	 * The anon_vmas whose pages the VMA may map: anonymous VMAs
	 * (private mappings, heap, stacks) and private file VMAs that
	 * copied pages on write are on anon_vma chains; file VMAs are in
	 * their file's i_mmap as well (shared ones only there).
	 */
	struct list_head anon_vma_chain; /* mmap_sem, page_table_lock */
	struct anon_vma *anon_vma;	/* page_table_lock */

	const struct vm_operations_struct *vm_ops;

	/* the backing */
	unsigned long vm_pgoff;		/* offset in vm_file, in pages (or
					   the start address, anonymous) */
	struct file *vm_file;		/* the file mapped, or NULL */
	void *vm_private_data;		/* the owner's (special mappings) */

	struct mempolicy *vm_policy;	/* NUMA policy (none in refmm) */
};

typedef struct {
	unsigned long bits[(NR_CPUS + BITS_PER_LONG - 1) / BITS_PER_LONG];
} cpumask_t;

/* x86's mm_context_t, without the LDT and perf state refmm never sets. */
typedef struct {
	void *ldt;
	int size;
	unsigned short ia32_compat;
	void *vdso;
} mm_context_t;

#define AT_VECTOR_SIZE	44	/* x86-64: 2 * (AT_VECTOR_SIZE_ARCH + 20 + 1) */

struct mm_struct {
	struct vm_area_struct *mmap;		/* the VMAs by address */
	struct rb_root mm_rb;			/* the same, as a tree */
	u32 vmacache_seqnum;			/* tasks' VMA caches' epoch */
	unsigned long (*get_unmapped_area)(struct file *filp,
				unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags);
	unsigned long mmap_base;		/* top of the mmap area */
	unsigned long mmap_legacy_base;		/* its bottom-up start */
	unsigned long task_size;		/* end of user space */
	unsigned long highest_vm_end;		/* end of the last VMA */
	pgd_t *pgd;
	atomic_t mm_users;			/* tasks using the mm */
	atomic_t mm_count;			/* references to the struct;
						   all users together hold 1 */
	atomic_long_t nr_ptes;			/* pte table pages */
	atomic_long_t nr_pmds;			/* pmd table pages */
	int map_count;				/* VMAs */

	spinlock_t page_table_lock;		/* page tables, counters */
	struct rw_semaphore mmap_sem;

	struct list_head mmlist;		/* mms that may have swap
						   entries, from init_mm */

	unsigned long hiwater_rss;	/* highest rss seen */
	unsigned long hiwater_vm;	/* highest total_vm seen */

	unsigned long total_vm;		/* pages of all VMAs */
	unsigned long locked_vm;	/* mlocked pages */
	unsigned long pinned_vm;	/* pages pinned by drivers */
	unsigned long shared_vm;	/* pages of shared file VMAs */
	unsigned long exec_vm;		/* executable, not writable */
	unsigned long stack_vm;		/* VM_GROWSUP/DOWN VMAs */
	unsigned long def_flags;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;

	unsigned long saved_auxv[AT_VECTOR_SIZE]; /* the ELF aux vector */

	/* pages mapped, by kind (see struct mm_rss_stat) */
	struct mm_rss_stat rss_stat;

	struct linux_binfmt *binfmt;

	cpumask_t cpu_vm_mask;

	mm_context_t context;

	unsigned long flags;		/* MMF_*, changed atomically */

	struct core_state *core_state;	/* a core dump in progress */

	struct task_struct *owner;	/* the task that owns the mm */

	struct file *exe_file;		/* what /proc/PID/exe shows */
};

#endif /* _LINUX_MM_TYPES_H */
