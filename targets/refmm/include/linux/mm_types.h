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

#endif /* _LINUX_MM_TYPES_H */
