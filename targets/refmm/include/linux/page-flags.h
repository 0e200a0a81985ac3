/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * page-flags.h - the bits of page->flags.
 *
 * Names and order are Linux 4.0's (include/linux/page-flags.h with
 * CONFIG_PAGEFLAGS_EXTENDED, so compound pages use PG_head/PG_tail).
 *
 * Linux 4.0 has no PG_buddy: the first page of a free block in the buddy
 * allocator is marked by _mapcount == PAGE_BUDDY_MAPCOUNT_VALUE (PageBuddy()
 * in <linux/mm.h>), and the default refmm build does the same.
 *
 * CONFIG_REFMM_PG_BUDDY (set by the alternative build, librefmm_alt.a) adds
 * the PG_buddy flag that kernels before 2.6.38 had, set and cleared together
 * with the mapcount mark.  It is not 4.0's; it is there so that the test of
 * the alternative build (tests/e2e/kmem/alt.*) exercises a dump reader's
 * flag path (crash and makedumpfile use PG_buddy, or NUMBER(PG_buddy) from
 * the vmcoreinfo, when the kernel has it) while the default build exercises
 * the mapcount path.
 *
 * The zone and node numbers live in the top bits of page->flags: see
 * ZONES_PGSHIFT / NODES_PGSHIFT in <linux/mm.h>.
 */
#ifndef _LINUX_PAGE_FLAGS_H
#define _LINUX_PAGE_FLAGS_H

#include <linux/types.h>

enum pageflags {
	PG_locked,		/* Page is locked. Don't touch. */
	PG_error,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_active,
	PG_slab,
	PG_owner_priv_1,	/* Owner use. If pagecache, fs may use */
	PG_arch_1,
	PG_reserved,
	PG_private,		/* If pagecache, has fs-private data */
	PG_private_2,
	PG_writeback,		/* Page is under writeback */
	PG_head,		/* A head page */
	PG_tail,		/* A tail page */
	PG_swapcache,		/* Swap page: swp_entry_t in private */
	PG_mappedtodisk,
	PG_reclaim,		/* To be reclaimed asap */
	PG_swapbacked,		/* Page is backed by RAM/swap */
	PG_unevictable,		/* Page is "unevictable"  */
	PG_mlocked,		/* Page is vma mlocked */
	PG_uncached,
	PG_hwpoison,		/* hardware poisoned page. Don't touch */
	PG_compound_lock,
#ifdef CONFIG_REFMM_PG_BUDDY
	PG_buddy,		/* Page is free, on the buddy free lists */
#endif
	__NR_PAGEFLAGS,

	/* Filesystems */
	PG_checked = PG_owner_priv_1,
	/* Two page bits are conscripted by FS-Cache to maintain local caching state. */
	PG_fscache = PG_private_2,
	/* XEN */
	PG_pinned = PG_owner_priv_1,
	PG_savepinned = PG_dirty,
	/* SLOB */
	PG_slob_free = PG_private,
};

#define NR_PAGEFLAGS	__NR_PAGEFLAGS

struct page;

static inline int __test_page_flag(unsigned int nr, const unsigned long *f)
{
	return (*f >> nr) & 1;
}

#define TESTPAGEFLAG(uname, lname)					\
static inline int Page##uname(const struct page *page)			\
	{ return __test_page_flag(PG_##lname, (const unsigned long *)page); }

#define SETPAGEFLAG(uname, lname)					\
static inline void SetPage##uname(struct page *page)			\
	{ *(unsigned long *)page |= 1UL << PG_##lname; }		\
static inline void __SetPage##uname(struct page *page)			\
	{ *(unsigned long *)page |= 1UL << PG_##lname; }

#define CLEARPAGEFLAG(uname, lname)					\
static inline void ClearPage##uname(struct page *page)			\
	{ *(unsigned long *)page &= ~(1UL << PG_##lname); }		\
static inline void __ClearPage##uname(struct page *page)		\
	{ *(unsigned long *)page &= ~(1UL << PG_##lname); }

#define PAGEFLAG(uname, lname) TESTPAGEFLAG(uname, lname)		\
	SETPAGEFLAG(uname, lname) CLEARPAGEFLAG(uname, lname)

/* page->flags is the first member in both layouts; the macros rely on it. */
PAGEFLAG(Locked, locked)
PAGEFLAG(Error, error)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(LRU, lru)
PAGEFLAG(Active, active)
PAGEFLAG(Slab, slab)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Private, private)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(Head, head)
PAGEFLAG(Tail, tail)
PAGEFLAG(SwapCache, swapcache)
PAGEFLAG(Reclaim, reclaim)
PAGEFLAG(SwapBacked, swapbacked)
PAGEFLAG(Unevictable, unevictable)
PAGEFLAG(Mlocked, mlocked)
PAGEFLAG(HWPoison, hwpoison)
#ifdef CONFIG_REFMM_PG_BUDDY
/* PageBuddy() itself is 4.0's mapcount test, in <linux/mm.h>. */
PAGEFLAG(BuddyFlag, buddy)
#define __PG_BUDDY		(1UL << PG_buddy)
#else
#define __PG_BUDDY		0
#endif

static inline int PageCompound(const struct page *page)
{
	return PageHead(page) || PageTail(page);
}

#define __PG_MLOCKED		(1UL << PG_mlocked)
#define __PG_HWPOISON		(1UL << PG_hwpoison)
#define __PG_COMPOUND_LOCK	(1UL << PG_compound_lock)

/*
 * Flags checked when a page is freed.  Pages being freed should not have
 * these flags set.  If they are, there is a problem.  (With PG_buddy, a
 * page still marked free is one of them, as in 2.6 kernels.)
 */
#define PAGE_FLAGS_CHECK_AT_FREE \
	(1UL << PG_lru | 1UL << PG_locked | 1UL << PG_private |		\
	 1UL << PG_private_2 | 1UL << PG_writeback | 1UL << PG_reserved |	\
	 1UL << PG_slab | 1UL << PG_swapcache | 1UL << PG_active |	\
	 1UL << PG_unevictable | __PG_BUDDY | __PG_MLOCKED |		\
	 __PG_HWPOISON | __PG_COMPOUND_LOCK)

/*
 * Flags checked when a page is prepped for return by the page allocator.
 * Pages being prepped should not have any flags set.
 */
#define PAGE_FLAGS_CHECK_AT_PREP	((1UL << NR_PAGEFLAGS) - 1)

#endif /* _LINUX_PAGE_FLAGS_H */
