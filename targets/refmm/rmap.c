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
		 * a new anon_vma is its own root; anon_vma_fork() points it
		 * at the parent's root instead
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

/*
 * anon_vma_prepare - give @vma an anon_vma before its first anonymous
 * page is mapped, so that the page can name it: a neighbour's that it
 * could merge with (find_mergeable_anon_vma()), or a new one.
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
 * anon_vma_clone - chain @dst to every anon_vma @src is chained to (a
 * split or copied VMA sees the same pages).  Returns 0 or -ENOMEM.
 *
 * When @dst has no anon_vma yet, one of those without a VMA and with at
 * most one child (degree < 2) is reused, so that a long chain of forks
 * does not grow a chain of anon_vmas.
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
		 * unused by any VMA and with at most one child:
		 * take it rather than allocate
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
	 * undo the reuse: unlink_anon_vmas() would otherwise lower its
	 * degree once too often
	 */
	dst->anon_vma = NULL;
	unlink_anon_vmas(dst);
	return -ENOMEM;
}

/*
 * anon_vma_fork - at fork, chain the child's @vma to the parent's
 * anon_vmas and to a new anon_vma of its own.  Returns 0, or -ENOMEM.
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
	 * first the parent's anon_vmas: rmap must find the pages the
	 * child still shares copy-on-write
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

	/* every anon_vma of the tree is locked through its root's lock */
	anon_vma->root = pvma->anon_vma->root;
	anon_vma->parent = pvma->anon_vma;
	/*
	 * an anon_vma may outlive its process (page references): it
	 * pins its root, which holds the lock, until it is freed
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
	 * Unchain every anon_vma from the VMA, newest first, so that
	 * the root goes last.
	 */
	list_for_each_entry_safe(avc, next, &vma->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma = avc->anon_vma;

		anon_vma_interval_tree_remove(avc, &anon_vma->rb_root);

		/* empty ones stay on the list, freed after the lock */
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
	 * Second pass: free the anon_vmas left empty and unlinked (this
	 * needs the root's lock, hence not in the first pass).
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

/*
 * __page_set_anon_rmap - make @page anonymous in @vma at @address
 * @exclusive: only this process maps the page
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
	 * a page that others may map too gets the oldest anon_vma
	 * (the root), which every sharer's chain reaches
	 */
	if (!exclusive)
		anon_vma = anon_vma->root;

	anon_vma = (void *)anon_vma + PAGE_MAPPING_ANON;
	page->mapping = (struct address_space *)anon_vma;
	page->index = linear_page_index(vma, address);
}

/*
 * page_move_anon_rmap - after a COW leaves @page to one process, give it
 * that process's own anon_vma (@vma's), so that rmap no longer searches
 * the parent and siblings.
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

/*
 * page_add_anon_rmap - one more pte maps anonymous @page (in @vma, at
 * @address).
 */
void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma,
			unsigned long address)
{
	int first = atomic_inc_and_test(&page->_mapcount);

	if (first)
		__mod_zone_page_state(page_zone(page), NR_ANON_PAGES, 1);
	__page_set_anon_rmap(page, vma, address, 0);
}

/*
 * page_add_new_anon_rmap - the first pte maps a page just allocated for
 * @vma at @address: nobody else can see it, so no atomic test.
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

/* page_add_file_rmap - one more pte maps page cache @page. */
void page_add_file_rmap(struct page *page)
{
	if (atomic_inc_and_test(&page->_mapcount))
		__inc_zone_page_state(page, NR_FILE_MAPPED);
}

/* page_remove_rmap - one pte less maps @page. */
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

/* called by rmap_walk() for each VMA that maps @page; @arg is the tally */
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
		 * A reference through a mapping read sequentially does not
		 * count (readahead's users touch each page once).  Another
		 * mapping's use is caught there, or by unmap, which sets
		 * PG_referenced or activates the page.
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

/*
 * page_referenced - clear and count the young bits of the ptes
 * mapping @page
 * @page: the page to test
 * @is_locked: the caller holds the page lock
 * @vm_flags: the flags of the VMAs that had referenced it
 *
 * Returns how many ptes had referenced the page.
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
 * try_to_unmap_one - rmap_walk()'s callback: clear @vma's pte of @page
 * (try_to_unmap_anon/_file of 4.0 both end here).
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
	 * An mlocked page stays; a page referenced since
	 * page_referenced() looked is kept for another round.
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

/*
 * try_to_unmap - clear every pte mapping @page, for pageout; the page
 * lock is held.  Returns
 * SWAP_SUCCESS	every mapping is gone
 * SWAP_AGAIN	some mapping could not be cleared now
 * SWAP_FAIL	the page cannot be unmapped
 * SWAP_MLOCK	the page is mlocked
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
