/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rmap.h - reverse mappings (include/linux/rmap.h, Linux 4.0).
 *
 * An anonymous page's mapping is its anon_vma (plus PAGE_MAPPING_ANON):
 * the VMAs that may map it are those chained to that anon_vma.  A VMA is
 * linked to each anon_vma it may hold pages of by an anon_vma_chain (avc):
 * avc->same_vma strings the VMA's avcs (vma->anon_vma_chain), avc->rb puts
 * it in the anon_vma's tree (anon_vma->rb_root).  fork gives the child's
 * VMA avcs to all of the parent's anon_vmas plus a new anon_vma of its
 * own, whose root is the oldest ancestor's (anon_vma_fork).
 *
 * A file page's mapping is its address_space; the VMAs that may map it
 * are in mapping->i_mmap.
 *
 * Where refmm departs from 4.0: anon_vma->rb_root and mapping->i_mmap are
 * plain red-black trees keyed by vm_pgoff (then by address), not interval
 * trees (rb_subtree_last is the node's own last page offset, not its
 * subtree's), and the rmap walks visit every node of the tree and test
 * the range themselves.
 */
#ifndef _LINUX_RMAP_H
#define _LINUX_RMAP_H

#include <linux/list.h>
#include <linux/mm.h>
#include <linux/rwsem.h>
#include <linux/rbtree.h>

struct anon_vma {
	struct anon_vma *root;		/* Root of this anon_vma tree */
	struct rw_semaphore rwsem;	/* W: modification, R: walking the tree */
	/*
	 * References held by the VMAs' chains (via the root) and by
	 * walkers that must outlive the VMAs; the last one frees it.
	 */
	atomic_t refcount;
	/* child anon_vmas and VMAs pointing here: may a fork reuse it? */
	unsigned degree;
	struct anon_vma *parent;	/* the anon_vma forked from */
	struct rb_root rb_root;		/* the avcs of the related VMAs */
};

/*
 * One link between a VMA and an anon_vma whose pages it may map: on the
 * VMA's list (same_vma) and in the anon_vma's tree (rb).
 */
struct anon_vma_chain {
	struct vm_area_struct *vma;
	struct anon_vma *anon_vma;
	struct list_head same_vma;   /* locked by mmap_sem & page_table_lock */
	struct rb_node rb;			/* locked by anon_vma->rwsem */
	unsigned long rb_subtree_last;
};

enum ttu_flags {
	TTU_UNMAP = 1,			/* unmap mode */
	TTU_MIGRATION = 2,		/* migration mode */
	TTU_MUNLOCK = 4,		/* munlock mode */
	TTU_ACTION_MASK = 0xff,

	TTU_IGNORE_MLOCK = (1 << 8),	/* ignore mlock */
	TTU_IGNORE_ACCESS = (1 << 9),	/* don't age */
	TTU_IGNORE_HWPOISON = (1 << 10),/* corrupted page is recoverable */
};

#define SWAP_SUCCESS	0
#define SWAP_AGAIN	1
#define SWAP_FAIL	2
#define SWAP_MLOCK	3

void anon_vma_init(void);	/* create anon_vma_cachep */
int anon_vma_prepare(struct vm_area_struct *vma);
void unlink_anon_vmas(struct vm_area_struct *vma);
int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src);
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma);

static inline void get_anon_vma(struct anon_vma *anon_vma)
{
	atomic_inc(&anon_vma->refcount);
}

void __put_anon_vma(struct anon_vma *anon_vma);

static inline void put_anon_vma(struct anon_vma *anon_vma)
{
	if (atomic_dec_and_test(&anon_vma->refcount))
		__put_anon_vma(anon_vma);
}

static inline void anon_vma_merge(struct vm_area_struct *vma,
				  struct vm_area_struct *next)
{
	VM_BUG_ON_VMA(vma->anon_vma != next->anon_vma, vma);
	unlink_anon_vmas(next);
}

void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma,
			    unsigned long address);
void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma,
			unsigned long address);
void page_add_file_rmap(struct page *page);
void page_remove_rmap(struct page *page);

static inline void page_dup_rmap(struct page *page)
{
	atomic_inc(&page->_mapcount);
}

int page_referenced(struct page *page, int is_locked,
		    unsigned long *vm_flags);
int try_to_unmap(struct page *page, enum ttu_flags flags);
struct anon_vma *page_anon_vma(struct page *page);

/* the i_mmap tree of a file (mm/interval_tree.c in 4.0) */
void vma_interval_tree_insert(struct vm_area_struct *node,
			      struct rb_root *root);
void vma_interval_tree_insert_after(struct vm_area_struct *node,
				    struct vm_area_struct *prev,
				    struct rb_root *root);
void vma_interval_tree_remove(struct vm_area_struct *node,
			      struct rb_root *root);
void anon_vma_interval_tree_pre_update_vma(struct vm_area_struct *vma);
void anon_vma_interval_tree_post_update_vma(struct vm_area_struct *vma);

#endif	/* _LINUX_RMAP_H */
