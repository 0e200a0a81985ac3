// SPDX-License-Identifier: GPL-2.0-only
/*
 * rmap.c - reverse mappings: from a page to the ptes that map it
 * (mm/rmap.c and mm/interval_tree.c, Linux 4.0).
 *
 * page->_mapcount counts the ptes mapping a page, from -1 (none).  The
 * first mapping of an anonymous page makes page->mapping its VMA's
 * anon_vma (with PAGE_MAPPING_ANON) and counts NR_ANON_PAGES; the first
 * mapping of a page cache page counts NR_FILE_MAPPED; the last unmapping
 * uncounts them.
 *
 * To find the ptes (page_referenced() for reclaim, try_to_unmap() before a
 * page cache page is dropped), rmap_walk() visits the VMAs that may map
 * the page: for an anonymous page the avcs in its anon_vma's tree, for a
 * file page the VMAs in its mapping's i_mmap, and checks in each the pte
 * of the address the page's index gives there (vma_address()).
 *
 * The anon_vma chains follow 4.0 (anon_vma_prepare, anon_vma_clone,
 * anon_vma_fork, unlink_anon_vmas, degree and refcount).  The trees are
 * plain rbtrees (see <linux/rmap.h>).
 *
 * Locking: anon_vma->rwsem (the root's), mapping->i_mmap_rwsem, the pte
 * locks; single-threaded here.
 */
#include <string.h>

#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <linux/fs.h>

static struct kmem_cache *anon_vma_cachep __kdata;
static struct kmem_cache *anon_vma_chain_cachep __kdata;

/* ---- the trees: i_mmap and anon_vma->rb_root ---- */

/* VMAs of a file by page offset, then address, then mm: a total order. */
static int vma_cmp(const struct vm_area_struct *a,
		   const struct vm_area_struct *b)
{
	if (a->vm_pgoff != b->vm_pgoff)
		return a->vm_pgoff < b->vm_pgoff ? -1 : 1;
	if (a->vm_start != b->vm_start)
		return a->vm_start < b->vm_start ? -1 : 1;
	if (a->vm_mm != b->vm_mm)
		return a->vm_mm < b->vm_mm ? -1 : 1;
	return a < b ? -1 : a > b;
}

static unsigned long vma_last_pgoff(struct vm_area_struct *v)
{
	return v->vm_pgoff + vma_pages(v) - 1;
}

void vma_interval_tree_insert(struct vm_area_struct *node,
			      struct rb_root *root)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		struct vm_area_struct *v;

		parent = *link;
		v = rb_entry(parent, struct vm_area_struct, shared.linear.rb);
		if (vma_cmp(node, v) < 0)
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	node->shared.linear.rb_subtree_last = vma_last_pgoff(node);
	rb_link_node(&node->shared.linear.rb, parent, link);
	rb_insert_color(&node->shared.linear.rb, root);
}

/* 4.0 puts the child's VMA right after the parent's: the order is ours. */
void vma_interval_tree_insert_after(struct vm_area_struct *node,
				    struct vm_area_struct *prev,
				    struct rb_root *root)
{
	(void)prev;
	vma_interval_tree_insert(node, root);
}

void vma_interval_tree_remove(struct vm_area_struct *node,
			      struct rb_root *root)
{
	rb_erase(&node->shared.linear.rb, root);
}

static void anon_vma_interval_tree_insert(struct anon_vma_chain *node,
					  struct rb_root *root)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		struct anon_vma_chain *a;

		parent = *link;
		a = rb_entry(parent, struct anon_vma_chain, rb);
		if (vma_cmp(node->vma, a->vma) < 0)
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	node->rb_subtree_last = vma_last_pgoff(node->vma);
	rb_link_node(&node->rb, parent, link);
	rb_insert_color(&node->rb, root);
}

static void anon_vma_interval_tree_remove(struct anon_vma_chain *node,
					  struct rb_root *root)
{
	rb_erase(&node->rb, root);
}

/*
 * The avcs of @vma are keyed by its vm_pgoff and vm_start: around a
 * change of those, they leave their trees and come back.
 */
void anon_vma_interval_tree_pre_update_vma(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc;

	list_for_each_entry(avc, &vma->anon_vma_chain, same_vma)
		anon_vma_interval_tree_remove(avc, &avc->anon_vma->rb_root);
}

void anon_vma_interval_tree_post_update_vma(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc;

	list_for_each_entry(avc, &vma->anon_vma_chain, same_vma)
		anon_vma_interval_tree_insert(avc, &avc->anon_vma->rb_root);
}

/* ---- anon_vmas and their chains ---- */

static inline struct anon_vma *anon_vma_alloc(void)
{
	struct anon_vma *anon_vma;

	anon_vma = kmem_cache_alloc(anon_vma_cachep, GFP_KERNEL);
	if (anon_vma) {
		init_rwsem(&anon_vma->rwsem);
		anon_vma->rb_root = RB_ROOT;
		atomic_set(&anon_vma->refcount, 1);
		anon_vma->degree = 1;	/* Reference for first vma */
		anon_vma->parent = anon_vma;
		/*
		 * Initialise the anon_vma root to point to itself. If called
		 * from fork, the root will be reset to the parents anon_vma.
		 */
		anon_vma->root = anon_vma;
	}

	return anon_vma;
}

static inline void anon_vma_free(struct anon_vma *anon_vma)
{
	VM_BUG_ON(atomic_read(&anon_vma->refcount));
	kmem_cache_free(anon_vma_cachep, anon_vma);
}

static inline struct anon_vma_chain *anon_vma_chain_alloc(gfp_t gfp)
{
	return kmem_cache_alloc(anon_vma_chain_cachep, gfp);
}

static void anon_vma_chain_free(struct anon_vma_chain *anon_vma_chain)
{
	kmem_cache_free(anon_vma_chain_cachep, anon_vma_chain);
}

static void anon_vma_chain_link(struct vm_area_struct *vma,
				struct anon_vma_chain *avc,
				struct anon_vma *anon_vma)
{
	avc->vma = vma;
	avc->anon_vma = anon_vma;
	list_add(&avc->same_vma, &vma->anon_vma_chain);
	anon_vma_interval_tree_insert(avc, &anon_vma->rb_root);
}

struct anon_vma *find_mergeable_anon_vma(struct vm_area_struct *vma);

/**
 * anon_vma_prepare - attach an anon_vma to a memory region
 * @vma: the memory region in question
 *
 * This makes sure the memory mapping described by 'vma' has
 * an 'anon_vma' attached to it, so that we can associate the
 * anonymous pages mapped into it with that anon_vma: a neighbour's
 * that it could merge with (find_mergeable_anon_vma()), or a new one.
 * Returns 0, or -ENOMEM.
 */
int anon_vma_prepare(struct vm_area_struct *vma)
{
	struct anon_vma *anon_vma = vma->anon_vma;
	struct anon_vma_chain *avc;

	if (unlikely(!anon_vma)) {
		struct mm_struct *mm = vma->vm_mm;
		struct anon_vma *allocated;

		avc = anon_vma_chain_alloc(GFP_KERNEL);
		if (!avc)
			goto out_enomem;

		anon_vma = find_mergeable_anon_vma(vma);
		allocated = NULL;
		if (!anon_vma) {
			anon_vma = anon_vma_alloc();
			if (unlikely(!anon_vma))
				goto out_enomem_free_avc;
			allocated = anon_vma;
		}

		spin_lock(&mm->page_table_lock);
		if (likely(!vma->anon_vma)) {
			vma->anon_vma = anon_vma;
			anon_vma_chain_link(vma, avc, anon_vma);
			/* vma reference or self-parent link for new root */
			anon_vma->degree++;
			allocated = NULL;
			avc = NULL;
		}
		spin_unlock(&mm->page_table_lock);

		if (unlikely(allocated))
			put_anon_vma(allocated);
		if (unlikely(avc))
			anon_vma_chain_free(avc);
	}
	return 0;

 out_enomem_free_avc:
	anon_vma_chain_free(avc);
 out_enomem:
	return -ENOMEM;
}

/*
 * Attach the anon_vmas from src to dst.
 * Returns 0 on success, -ENOMEM on failure.
 *
 * If dst->anon_vma is NULL this function tries to find and reuse an
 * anon_vma that no VMA uses and that has at most one child (degree < 2),
 * so that a long chain of forks does not grow a chain of anon_vmas.
 */
int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	struct anon_vma_chain *avc, *pavc;

	list_for_each_entry_reverse(pavc, &src->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma;

		avc = anon_vma_chain_alloc(GFP_KERNEL);
		if (unlikely(!avc))
			goto enomem_failure;
		anon_vma = pavc->anon_vma;
		anon_vma_chain_link(dst, avc, anon_vma);

		/*
		 * Reuse existing anon_vma if its degree lower than two,
		 * that means it has no vma and only one anon_vma child.
		 */
		if (!dst->anon_vma && anon_vma != src->anon_vma &&
		    anon_vma->degree < 2)
			dst->anon_vma = anon_vma;
	}
	if (dst->anon_vma)
		dst->anon_vma->degree++;
	return 0;

 enomem_failure:
	/*
	 * dst->anon_vma is dropped here otherwise its degree can be
	 * incorrectly decremented in unlink_anon_vmas().
	 */
	dst->anon_vma = NULL;
	unlink_anon_vmas(dst);
	return -ENOMEM;
}

/*
 * Attach vma to its own anon_vma, as well as to the anon_vmas that
 * the corresponding VMA in the parent process is attached to.
 * Returns 0 on success, non-zero on failure.
 */
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma)
{
	struct anon_vma_chain *avc;
	struct anon_vma *anon_vma;
	int error;

	/* Don't bother if the parent process has no anon_vma here. */
	if (!pvma->anon_vma)
		return 0;

	/* Drop inherited anon_vma, we'll reuse existing or allocate new. */
	vma->anon_vma = NULL;

	/*
	 * First, attach the new VMA to the parent VMA's anon_vmas,
	 * so rmap can find non-COWed pages in child processes.
	 */
	error = anon_vma_clone(vma, pvma);
	if (error)
		return error;

	/* An existing anon_vma has been reused, all done then. */
	if (vma->anon_vma)
		return 0;

	/* Then add our own anon_vma. */
	anon_vma = anon_vma_alloc();
	if (!anon_vma)
		goto out_error;
	avc = anon_vma_chain_alloc(GFP_KERNEL);
	if (!avc)
		goto out_error_free_anon_vma;

	/*
	 * The root anon_vma's spinlock is the lock actually used when we
	 * lock any of the anon_vmas in this anon_vma tree.
	 */
	anon_vma->root = pvma->anon_vma->root;
	anon_vma->parent = pvma->anon_vma;
	/*
	 * With refcounts, an anon_vma can stay around longer than the
	 * process it belongs to. The root anon_vma needs to be pinned until
	 * this anon_vma is freed, because the lock lives in the root.
	 */
	get_anon_vma(anon_vma->root);
	/* Mark this anon_vma as the one where our new (COWed) pages go. */
	vma->anon_vma = anon_vma;
	anon_vma_chain_link(vma, avc, anon_vma);
	anon_vma->parent->degree++;

	return 0;

 out_error_free_anon_vma:
	put_anon_vma(anon_vma);
 out_error:
	unlink_anon_vmas(vma);
	return -ENOMEM;
}

void unlink_anon_vmas(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc, *next;

	/*
	 * Unlink each anon_vma chained to the VMA.  This list is ordered
	 * from newest to oldest, ensuring the root anon_vma gets freed last.
	 */
	list_for_each_entry_safe(avc, next, &vma->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma = avc->anon_vma;

		anon_vma_interval_tree_remove(avc, &anon_vma->rb_root);

		/*
		 * Leave empty anon_vmas on the list - we'll need
		 * to free them outside the lock.
		 */
		if (RB_EMPTY_ROOT(&anon_vma->rb_root)) {
			anon_vma->parent->degree--;
			continue;
		}

		list_del(&avc->same_vma);
		anon_vma_chain_free(avc);
	}
	if (vma->anon_vma)
		vma->anon_vma->degree--;

	/*
	 * Iterate the list once more, it now only contains empty and
	 * unlinked anon_vmas, destroy them.  Could not do before due to
	 * __put_anon_vma() needing to write-acquire the anon_vma->root->rwsem.
	 */
	list_for_each_entry_safe(avc, next, &vma->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma = avc->anon_vma;

		BUG_ON(anon_vma->degree);
		put_anon_vma(anon_vma);

		list_del(&avc->same_vma);
		anon_vma_chain_free(avc);
	}
}

void __init anon_vma_init(void)
{
	anon_vma_cachep = kmem_cache_create("anon_vma",
			sizeof(struct anon_vma), 0,
			SLAB_DESTROY_BY_RCU | SLAB_PANIC, NULL);
	anon_vma_chain_cachep = KMEM_CACHE(anon_vma_chain, SLAB_PANIC);
}

void __put_anon_vma(struct anon_vma *anon_vma)
{
	struct anon_vma *root = anon_vma->root;

	anon_vma_free(anon_vma);
	if (root != anon_vma && atomic_dec_and_test(&root->refcount))
		anon_vma_free(root);
}

struct anon_vma *page_anon_vma(struct page *page)
{
	unsigned long mapping = (unsigned long)page->mapping;

	if ((mapping & PAGE_MAPPING_FLAGS) != PAGE_MAPPING_ANON)
		return NULL;
	return (struct anon_vma *)(mapping - PAGE_MAPPING_ANON);
}

/* ---- adding and removing mappings ---- */

/**
 * __page_set_anon_rmap - set up new anonymous rmap
 * @page:	Page to add to rmap
 * @vma:	VM area to add page to.
 * @address:	User virtual address of the mapping
 * @exclusive:	the page is exclusively owned by the current process
 */
static void __page_set_anon_rmap(struct page *page,
				 struct vm_area_struct *vma,
				 unsigned long address, int exclusive)
{
	struct anon_vma *anon_vma = vma->anon_vma;

	BUG_ON(!anon_vma);

	if (PageAnon(page))
		return;

	/*
	 * If the page isn't exclusively mapped into this vma,
	 * we must use the _oldest_ possible anon_vma for the
	 * page mapping!
	 */
	if (!exclusive)
		anon_vma = anon_vma->root;

	anon_vma = (void *)anon_vma + PAGE_MAPPING_ANON;
	page->mapping = (struct address_space *)anon_vma;
	page->index = linear_page_index(vma, address);
}

/**
 * page_move_anon_rmap - move a page to our anon_vma
 * @page:	the page to move to our anon_vma
 * @vma:	the vma the page belongs to
 * @address:	the user virtual address mapped
 *
 * When a page belongs exclusively to one process after a COW event,
 * that page can be moved into the anon_vma that belongs to just that
 * process, so the rmap code will not search the parent or sibling
 * processes.
 */
void page_move_anon_rmap(struct page *page, struct vm_area_struct *vma,
			 unsigned long address)
{
	struct anon_vma *anon_vma = vma->anon_vma;

	(void)address;
	VM_BUG_ON_PAGE(!PageAnon(page), page);
	anon_vma = (void *)anon_vma + PAGE_MAPPING_ANON;
	page->mapping = (struct address_space *)anon_vma;
}

/**
 * page_add_anon_rmap - add pte mapping to an anonymous page
 * @page:	the page to add the mapping to
 * @vma:	the vm area in which the mapping is added
 * @address:	the user virtual address mapped
 */
void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma,
			unsigned long address)
{
	int first = atomic_inc_and_test(&page->_mapcount);

	if (first)
		__mod_zone_page_state(page_zone(page), NR_ANON_PAGES, 1);
	__page_set_anon_rmap(page, vma, address, 0);
}

/**
 * page_add_new_anon_rmap - add pte mapping to a new anonymous page
 * @page:	the page to add the mapping to
 * @vma:	the vm area in which the mapping is added
 * @address:	the user virtual address mapped
 *
 * Same as page_add_anon_rmap but must only be called on *new* pages.
 * This means the inc-and-test can be bypassed.
 */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma,
			    unsigned long address)
{
	VM_BUG_ON(address < vma->vm_start || address >= vma->vm_end);
	SetPageSwapBacked(page);
	atomic_set(&page->_mapcount, 0); /* increment count (starts at -1) */
	__mod_zone_page_state(page_zone(page), NR_ANON_PAGES, 1);
	__page_set_anon_rmap(page, vma, address, 1);
}

/**
 * page_add_file_rmap - add pte mapping to a file page
 * @page: the page to add the mapping to
 */
void page_add_file_rmap(struct page *page)
{
	if (atomic_inc_and_test(&page->_mapcount))
		__inc_zone_page_state(page, NR_FILE_MAPPED);
}

/**
 * page_remove_rmap - take down pte mapping from a page
 * @page:	page to remove mapping from
 */
void page_remove_rmap(struct page *page)
{
	/* page still mapped by someone else? */
	if (!atomic_add_negative(-1, &page->_mapcount))
		return;

	if (PageAnon(page))
		__mod_zone_page_state(page_zone(page), NR_ANON_PAGES, -1);
	else
		__dec_zone_page_state(page, NR_FILE_MAPPED);
	/*
	 * An anonymous page keeps its anon_vma in page->mapping until it
	 * is freed (free_pages_prepare() clears it): a racing fault may
	 * map it again meanwhile.
	 */
}

/* ---- walking the mappings of a page ---- */

/*
 * The address @page would be mapped at in @vma, or -EFAULT when its index
 * is outside the VMA.
 */
static inline unsigned long vma_address(struct page *page,
					struct vm_area_struct *vma)
{
	pgoff_t pgoff = page->index;
	unsigned long address;

	address = vma->vm_start + ((pgoff - vma->vm_pgoff) << PAGE_SHIFT);
	if (pgoff < vma->vm_pgoff || address >= vma->vm_end)
		return -EFAULT;
	return address;
}

/* The pte mapping @page at @address in @mm, or NULL. */
static pte_t *page_check_address(struct page *page, struct mm_struct *mm,
				 unsigned long address)
{
	pte_t *pte = refmm_find_pte(mm, address);

	if (!pte || !pte_present(*pte) || pte_special(*pte))
		return NULL;
	if (pte_pfn(*pte) != page_to_pfn(page))
		return NULL;
	return pte;
}

struct rmap_walk_control {
	void *arg;
	int (*rmap_one)(struct page *page, struct vm_area_struct *vma,
			unsigned long addr, void *arg);
	int (*done)(struct page *page);
};

static int rmap_walk_anon(struct page *page, struct rmap_walk_control *rwc)
{
	struct anon_vma *anon_vma = page_anon_vma(page);
	struct rb_node *n;
	int ret = SWAP_AGAIN;

	if (!anon_vma)
		return ret;
	for (n = rb_first(&anon_vma->rb_root); n; n = rb_next(n)) {
		struct anon_vma_chain *avc =
			rb_entry(n, struct anon_vma_chain, rb);
		struct vm_area_struct *vma = avc->vma;
		unsigned long address = vma_address(page, vma);

		if (IS_ERR_VALUE(address))
			continue;
		ret = rwc->rmap_one(page, vma, address, rwc->arg);
		if (ret != SWAP_AGAIN)
			break;
		if (rwc->done && rwc->done(page))
			break;
	}
	return ret;
}

static int rmap_walk_file(struct page *page, struct rmap_walk_control *rwc)
{
	struct address_space *mapping = page->mapping;
	struct rb_node *n;
	int ret = SWAP_AGAIN;

	if (!mapping)
		return ret;
	down_read(&mapping->i_mmap_rwsem);
	for (n = rb_first(&mapping->i_mmap); n; n = rb_next(n)) {
		struct vm_area_struct *vma =
			rb_entry(n, struct vm_area_struct, shared.linear.rb);
		unsigned long address = vma_address(page, vma);

		if (IS_ERR_VALUE(address))
			continue;
		ret = rwc->rmap_one(page, vma, address, rwc->arg);
		if (ret != SWAP_AGAIN)
			break;
		if (rwc->done && rwc->done(page))
			break;
	}
	up_read(&mapping->i_mmap_rwsem);
	return ret;
}

static int rmap_walk(struct page *page, struct rmap_walk_control *rwc)
{
	if (PageAnon(page))
		return rmap_walk_anon(page, rwc);
	return rmap_walk_file(page, rwc);
}

struct page_referenced_arg {
	int mapcount;
	int referenced;
	unsigned long vm_flags;
};

/*
 * arg: page_referenced_arg will be passed
 */
static int page_referenced_one(struct page *page, struct vm_area_struct *vma,
			       unsigned long address, void *arg)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page_referenced_arg *pra = arg;
	pte_t *pte;
	int referenced = 0;

	pte = page_check_address(page, mm, address);
	if (!pte)
		return SWAP_AGAIN;

	if (vma->vm_flags & VM_LOCKED) {
		pra->vm_flags |= VM_LOCKED;
		return SWAP_FAIL; /* To break the loop */
	}

	/* ptep_clear_flush_young_notify(): the accessed bit, cleared */
	if (pte_young(*pte)) {
		*pte = pte_mkold(*pte);
		/*
		 * Don't treat a reference through a sequentially read
		 * mapping as such.  If the page has been used in
		 * another mapping, we will catch it; if this other
		 * mapping is already gone, the unmap path will have
		 * set PG_referenced or activated the page.
		 */
		if (likely(!(vma->vm_flags & VM_SEQ_READ)))
			referenced++;
	}

	if (referenced) {
		pra->referenced++;
		pra->vm_flags |= vma->vm_flags;
	}

	pra->mapcount--;
	if (!pra->mapcount)
		return SWAP_SUCCESS; /* To break the loop */

	return SWAP_AGAIN;
}

/**
 * page_referenced - test if the page was referenced
 * @page: the page to test
 * @is_locked: caller holds lock on the page
 * @vm_flags: collect encountered vma->vm_flags who actually referenced the page
 *
 * Quick test_and_clear_referenced for all mappings to a page,
 * returns the number of ptes which referenced the page.
 */
int page_referenced(struct page *page, int is_locked,
		    unsigned long *vm_flags)
{
	struct page_referenced_arg pra = {
		.mapcount = page_mapcount(page),
	};
	struct rmap_walk_control rwc = {
		.rmap_one = page_referenced_one,
		.arg = (void *)&pra,
	};

	(void)is_locked;
	*vm_flags = 0;
	if (!page_mapped(page))
		return 0;

	if (!page_mapping(page) && !PageAnon(page))
		return 0;

	rmap_walk(page, &rwc);
	*vm_flags = pra.vm_flags;

	return pra.referenced;
}

/*
 * Subfunctions of try_to_unmap: try_to_unmap_one called
 * repeatedly from try_to_unmap_ksm, try_to_unmap_anon or try_to_unmap_file.
 */
static int try_to_unmap_one(struct page *page, struct vm_area_struct *vma,
			    unsigned long address, void *arg)
{
	struct mm_struct *mm = vma->vm_mm;
	enum ttu_flags flags = (enum ttu_flags)(unsigned long)arg;
	pte_t *pte, pteval;

	pte = page_check_address(page, mm, address);
	if (!pte)
		return SWAP_AGAIN;

	/*
	 * If the page is mlock()d, we cannot swap it out.
	 * If it's recently referenced (perhaps page_referenced
	 * skipped over this mm) then we should reactivate it.
	 */
	if (!(flags & TTU_IGNORE_MLOCK) && (vma->vm_flags & VM_LOCKED))
		return SWAP_MLOCK;
	if (!(flags & TTU_IGNORE_ACCESS) && pte_young(*pte)) {
		*pte = pte_mkold(*pte);
		return SWAP_FAIL;
	}

	/* Nuke the page table entry. */
	pteval = ptep_get_and_clear(mm, address, pte);

	/* Move the dirty bit to the physical page now the pte is gone. */
	if (pte_dirty(pteval))
		set_page_dirty(page);

	/* Update high watermark before we lower rss */
	update_hiwater_rss(mm);

	if (PageAnon(page)) {
		/* without swap an anonymous page cannot be unmapped */
		set_pte_at(mm, address, pte, pteval);
		return SWAP_FAIL;
	}
	dec_mm_counter(mm, MM_FILEPAGES);

	page_remove_rmap(page);
	page_cache_release(page);

	return SWAP_AGAIN;
}

static int page_not_mapped(struct page *page)
{
	return !page_mapped(page);
}

/**
 * try_to_unmap - try to remove all page table mappings to a page
 * @page: the page to get unmapped
 * @flags: action and flags
 *
 * Tries to remove all the page table entries which are mapping this
 * page, used in the pageout path.  Caller must hold the page lock.
 * Return values are:
 *
 * SWAP_SUCCESS	- we succeeded in removing all mappings
 * SWAP_AGAIN	- we missed a mapping, try again later
 * SWAP_FAIL	- the page is unswappable
 * SWAP_MLOCK	- page is mlocked.
 */
int try_to_unmap(struct page *page, enum ttu_flags flags)
{
	int ret;
	struct rmap_walk_control rwc = {
		.rmap_one = try_to_unmap_one,
		.arg = (void *)(unsigned long)flags,
		.done = page_not_mapped,
	};

	ret = rmap_walk(page, &rwc);
	if (ret != SWAP_MLOCK && !page_mapped(page))
		ret = SWAP_SUCCESS;
	return ret;
}
