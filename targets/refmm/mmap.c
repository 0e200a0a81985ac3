// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmap.c - the VMAs of an address space (mm/mmap.c, Linux 4.0, and
 * arch/x86/mm/mmap.c's layout).
 *
 * An mm's VMAs never overlap.  They are kept twice, consistently:
 *
 *   mm->mmap	a list sorted by address (vm_next, vm_prev)
 *   mm->mm_rb	a red-black tree by address (vm_rb), augmented with
 *		rb_subtree_gap: the largest free gap below any VMA of the
 *		subtree (between a VMA and its predecessor), so that
 *		unmapped_area_topdown() finds the highest gap that fits
 *		without walking the list
 *
 * with mm->map_count VMAs and mm->highest_vm_end.  find_vma() returns the
 * first VMA ending above an address.
 *
 * mmap_region() maps a range: it unmaps what was there, merges with a
 * neighbour when flags, file, offset and anon_vma allow (vma_merge()), or
 * links a new VMA; file VMAs are also put in their file's i_mmap.
 * do_munmap() splits VMAs at the edges of the range (__split_vma()),
 * detaches the ones inside, zaps their ptes and frees the page tables no
 * one needs (unmap_region()).  mprotect.c and do_brk() use the same
 * pieces.  total_vm, exec_vm, stack_vm and shared_vm follow every change
 * (vm_stat_account()), VM_ACCOUNT mappings are charged to vm_committed_as.
 *
 * Where refmm departs from 4.0: user space starts at mmap_min_addr, which
 * is USER_VA_START (above the vmalloc range, see <asm/pgtable.h>), not 4
 * KiB; there are no file or shmem mmap methods beyond generic_file_mmap
 * (file VMAs get generic_file_vm_ops, character devices none); no
 * mlock, hugetlb, uprobes, mmu notifiers or NUMA policies.
 *
 * Locking: mmap_sem for writing around every change, page_table_lock,
 * i_mmap_rwsem and the anon_vma lock where 4.0 takes them.
 */
#include <stdio.h>
#include <string.h>

#include <linux/err.h>
#include <linux/mm.h>
#include <linux/percpu_counter.h>
#include <linux/rbtree_augmented.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <linux/fs.h>
#include <asm/tlb.h>

extern struct kmem_cache *vm_area_cachep;

/*
 * What each mapping type and protection allows on x86, whose page tables
 * cannot express every combination (in parentheses: what was asked):
 *
 * map_type	prot
 * 		PROT_NONE	PROT_READ	PROT_WRITE	PROT_EXEC
 * MAP_SHARED	r: (no) no	r: (yes) yes	r: (no) yes	r: (no) yes
 * 		w: (no) no	w: (no) no	w: (yes) yes	w: (no) no
 * 		x: (no) no	x: (no) yes	x: (no) yes	x: (yes) yes
 *
 * MAP_PRIVATE	r: (no) no	r: (yes) yes	r: (no) yes	r: (no) yes
 * 		w: (no) no	w: (no) no	w: (copy) copy	w: (no) no
 * 		x: (no) no	x: (no) yes	x: (no) yes	x: (yes) yes
 */
pgprot_t protection_map[16] __kdata = {
	__P000, __P001, __P010, __P011, __P100, __P101, __P110, __P111,
	__S000, __S001, __S010, __S011, __S100, __S101, __S110, __S111
};

int sysctl_overcommit_memory __kdata = 0;	/* OVERCOMMIT_GUESS */
int sysctl_overcommit_ratio __kdata = 50;	/* default is 50% */
unsigned long sysctl_overcommit_kbytes __kdata;
int sysctl_max_map_count __kdata = 65530;	/* DEFAULT_MAX_MAP_COUNT */
unsigned long sysctl_user_reserve_kbytes __kdata = 1UL << 17; /* 128MB */
unsigned long sysctl_admin_reserve_kbytes __kdata = 1UL << 13; /* 8MB */
/*
 * vm_committed_as changes on every accounted mmap and munmap, from any
 * CPU: the kernel gives it a cache line of its own.
 */
struct percpu_counter vm_committed_as __kdata __aligned(64);

/* The lowest user address (security/min_addr.c): see the file head. */
unsigned long mmap_min_addr __kdata = USER_VA_START;

#define OVERCOMMIT_GUESS	0
#define OVERCOMMIT_ALWAYS	1
#define OVERCOMMIT_NEVER	2

#define FIRST_USER_ADDRESS	USER_VA_START
#define USER_PGTABLES_CEILING	0UL

#define MAP_NONBLOCK		0x10000
#define VM_GROWSUP		VM_NONE

/* drivers/char/random.c: refmm's deterministic stream */
unsigned int get_random_int(void);

/* CONFIG_DEBUG_VM_RB: check the whole mm after every change */
int refmm_validate_mm __kdata;
void validate_mm(struct mm_struct *mm);

/*
 * A hint below mmap_min_addr is raised to it: the search then starts as
 * low as a process may map.
 */
static inline unsigned long round_hint_to_min(unsigned long hint)
{
	hint &= PAGE_MASK;
	if (((void *)hint != NULL) &&
	    (hint < mmap_min_addr))
		return PAGE_ALIGN(mmap_min_addr);
	return hint;
}

/* mmap's PROT_* bits as VM_* flags. */
static inline unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) |
	       (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* mmap's MAP_* bits as VM_* flags. */
static inline unsigned long calc_vm_flag_bits(unsigned long flags)
{
	return (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) |
	       (flags & MAP_DENYWRITE ? VM_DENYWRITE : 0) |
	       (flags & MAP_LOCKED ? VM_LOCKED : 0);
}

void vm_acct_memory(long pages)
{
	percpu_counter_add(&vm_committed_as, pages);
}

void vm_unacct_memory(long pages)
{
	vm_acct_memory(-pages);
}

/* The commit limit of OVERCOMMIT_NEVER: swap plus the ratio of RAM. */
unsigned long vm_commit_limit(void)
{
	unsigned long allowed;

	if (sysctl_overcommit_kbytes)
		allowed = sysctl_overcommit_kbytes >> (PAGE_SHIFT - 10);
	else
		allowed = ((totalram_pages - 0 /* hugetlb */)
			   * sysctl_overcommit_ratio / 100);
	allowed += total_swap_pages;

	return allowed;
}

/*
 * __vm_enough_memory - may @pages more pages be committed?
 *
 * 0 if so, -ENOMEM if not.  vm.overcommit_memory picks the policy:
 * OVERCOMMIT_ALWAYS says yes, OVERCOMMIT_GUESS compares with what could
 * be freed (free pages, page cache, swap, reclaimable slab, minus the
 * reserves), OVERCOMMIT_NEVER with vm_commit_limit().  The pages are
 * charged to vm_committed_as first and given back on refusal.
 * @cap_sys_admin: the caller is privileged (smaller reserve).
 */
static int __vm_enough_memory(struct mm_struct *mm, long pages,
			      int cap_sys_admin)
{
	long free, allowed, reserve;

	vm_acct_memory(pages);

	/* OVERCOMMIT_ALWAYS: anything goes */
	if (sysctl_overcommit_memory == OVERCOMMIT_ALWAYS)
		return 0;

	if (sysctl_overcommit_memory == OVERCOMMIT_GUESS) {
		free = global_page_state(NR_FREE_PAGES);
		free += global_page_state(NR_FILE_PAGES);

		/*
		 * shmem pages are in the page cache too but cannot be dropped,
		 * only swapped: not free for this purpose.
		 */
		free -= global_page_state(NR_SHMEM);

		free += get_nr_swap_pages();

		/*
		 * Slabs of SLAB_RECLAIM_ACCOUNT caches (dentries, inodes) can
		 * be shrunk under pressure: count them as available.
		 */
		free += global_page_state(NR_SLAB_RECLAIMABLE);

		/* the reserve kept for the kernel is not for user memory */
		if (free <= (long)totalreserve_pages)
			goto error;
		else
			free -= totalreserve_pages;

		/* root may also use the admin reserve */
		if (!cap_sys_admin)
			free -= sysctl_admin_reserve_kbytes >> (PAGE_SHIFT - 10);

		if (free > pages)
			return 0;

		goto error;
	}

	allowed = vm_commit_limit();
	/* the admin reserve is for root only */
	if (!cap_sys_admin)
		allowed -= sysctl_admin_reserve_kbytes >> (PAGE_SHIFT - 10);

	/*
	 * the user reserve: leave enough that the user can still
	 * kill a runaway process
	 */
	if (mm) {
		reserve = sysctl_user_reserve_kbytes >> (PAGE_SHIFT - 10);
		allowed -= min_t(long, mm->total_vm / 32, reserve);
	}

	if (percpu_counter_read_positive(&vm_committed_as) < allowed)
		return 0;
error:
	vm_unacct_memory(pages);

	return -ENOMEM;
}

int security_vm_enough_memory_mm(struct mm_struct *mm, long pages)
{
	/* refmm's tasks run as root: cap_vm_enough_memory() says admin */
	return __vm_enough_memory(mm, pages, 1);
}

/* Close @vma and free it; the next VMA of the list is returned. */
static struct vm_area_struct *remove_vma(struct vm_area_struct *vma)
{
	struct vm_area_struct *next = vma->vm_next;

	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	if (vma->vm_file)
		fput(vma->vm_file);
	kmem_cache_free(vm_area_cachep, vma);
	return next;
}

/* ---- the rbtree and its gaps ---- */

static long vma_compute_subtree_gap(struct vm_area_struct *vma)
{
	unsigned long max, subtree_gap;

	max = vma->vm_start;
	if (vma->vm_prev)
		max -= vma->vm_prev->vm_end;
	if (vma->vm_rb.rb_left) {
		subtree_gap = rb_entry(vma->vm_rb.rb_left,
				struct vm_area_struct, vm_rb)->rb_subtree_gap;
		if (subtree_gap > max)
			max = subtree_gap;
	}
	if (vma->vm_rb.rb_right) {
		subtree_gap = rb_entry(vma->vm_rb.rb_right,
				struct vm_area_struct, vm_rb)->rb_subtree_gap;
		if (subtree_gap > max)
			max = subtree_gap;
	}
	return max;
}

RB_DECLARE_CALLBACKS(static, vma_gap_callbacks, struct vm_area_struct, vm_rb,
		     unsigned long, rb_subtree_gap, vma_compute_subtree_gap)

/*
 * A VMA's start, or its predecessor's end, moved: recompute the gaps of
 * its subtree and its ancestors' without moving it in the tree.
 */
static void vma_gap_update(struct vm_area_struct *vma)
{
	/* vma_gap_callbacks_propagate() already walks up and recomputes */
	vma_gap_callbacks_propagate(&vma->vm_rb, NULL);
}

static inline void vma_rb_insert(struct vm_area_struct *vma,
				 struct rb_root *root)
{
	rb_insert_augmented(&vma->vm_rb, root, &vma_gap_callbacks);
}

static inline void vma_rb_erase(struct vm_area_struct *vma,
				struct rb_root *root)
{
	/*
	 * Before an erase every gap in the tree must be right (but the
	 * erased VMA's own).
	 */
	rb_erase_augmented(&vma->vm_rb, root, &vma_gap_callbacks);
}

static int find_vma_links(struct mm_struct *mm, unsigned long addr,
			  unsigned long end, struct vm_area_struct **pprev,
			  struct rb_node ***rb_link, struct rb_node **rb_parent)
{
	struct rb_node **__rb_link, *__rb_parent, *rb_prev;

	__rb_link = &mm->mm_rb.rb_node;
	rb_prev = __rb_parent = NULL;

	while (*__rb_link) {
		struct vm_area_struct *vma_tmp;

		__rb_parent = *__rb_link;
		vma_tmp = rb_entry(__rb_parent, struct vm_area_struct, vm_rb);

		if (vma_tmp->vm_end > addr) {
			/* Fail if an existing vma overlaps the area */
			if (vma_tmp->vm_start < end)
				return -ENOMEM;
			__rb_link = &__rb_parent->rb_left;
		} else {
			rb_prev = __rb_parent;
			__rb_link = &__rb_parent->rb_right;
		}
	}

	*pprev = NULL;
	if (rb_prev)
		*pprev = rb_entry(rb_prev, struct vm_area_struct, vm_rb);
	*rb_link = __rb_link;
	*rb_parent = __rb_parent;
	return 0;
}

void __vma_link_rb(struct mm_struct *mm, struct vm_area_struct *vma,
		   struct rb_node **rb_link, struct rb_node *rb_parent)
{
	/* Update tracking information for the gap following the new vma. */
	if (vma->vm_next)
		vma_gap_update(vma->vm_next);
	else
		mm->highest_vm_end = vma->vm_end;

	/*
	 * The walk down to the insertion point could not update the
	 * ancestors' gaps: the new VMA's predecessor was not known yet.
	 * Insert it with a zero gap, consistent with what the walk left, set
	 * its real gap (propagating up), then rebalance with every augmented
	 * value correct.
	 */
	rb_link_node(&vma->vm_rb, rb_parent, rb_link);
	vma->rb_subtree_gap = 0;
	vma_gap_update(vma);
	vma_rb_insert(vma, &mm->mm_rb);
}

static void __vma_link_list(struct mm_struct *mm, struct vm_area_struct *vma,
			    struct vm_area_struct *prev,
			    struct rb_node *rb_parent)
{
	struct vm_area_struct *next;

	vma->vm_prev = prev;
	if (prev) {
		next = prev->vm_next;
		prev->vm_next = vma;
	} else {
		mm->mmap = vma;
		if (rb_parent)
			next = rb_entry(rb_parent,
					struct vm_area_struct, vm_rb);
		else
			next = NULL;
	}
	vma->vm_next = next;
	if (next)
		next->vm_prev = vma;
}

static void __vma_link_file(struct vm_area_struct *vma)
{
	struct file *file;

	file = vma->vm_file;
	if (file) {
		struct address_space *mapping = file->f_mapping;

		if (vma->vm_flags & VM_DENYWRITE)
			atomic_dec(&file_inode(file)->i_writecount);
		if (vma->vm_flags & VM_SHARED)
			atomic_inc(&mapping->i_mmap_writable);

		vma_interval_tree_insert(vma, &mapping->i_mmap);
	}
}

static void
__vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
	   struct vm_area_struct *prev, struct rb_node **rb_link,
	   struct rb_node *rb_parent)
{
	__vma_link_list(mm, vma, prev, rb_parent);
	__vma_link_rb(mm, vma, rb_link, rb_parent);
}

static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
		     struct vm_area_struct *prev, struct rb_node **rb_link,
		     struct rb_node *rb_parent)
{
	struct address_space *mapping = NULL;

	if (vma->vm_file) {
		mapping = vma->vm_file->f_mapping;
		down_write(&mapping->i_mmap_rwsem);
	}

	__vma_link(mm, vma, prev, rb_link, rb_parent);
	__vma_link_file(vma);

	if (mapping)
		up_write(&mapping->i_mmap_rwsem);

	mm->map_count++;
	validate_mm(mm);
}

/*
 * vma_adjust()'s split case: @vma goes on the list and in the tree;
 * the file's i_mmap has it already.
 */
static void __insert_vm_struct(struct mm_struct *mm,
			       struct vm_area_struct *vma)
{
	struct vm_area_struct *prev;
	struct rb_node **rb_link, *rb_parent;

	if (find_vma_links(mm, vma->vm_start, vma->vm_end,
			   &prev, &rb_link, &rb_parent))
		BUG();
	__vma_link(mm, vma, prev, rb_link, rb_parent);
	mm->map_count++;
}

static inline void
__vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma,
	     struct vm_area_struct *prev)
{
	struct vm_area_struct *next;

	vma_rb_erase(vma, &mm->mm_rb);
	prev->vm_next = next = vma->vm_next;
	if (next)
		next->vm_prev = prev;

	/* Kill the cache */
	mm->vmacache_seqnum++;
}

/*
 * vma_adjust - move @vma's start, end and offset (and perhaps @insert a
 * new VMA or grow over the next one), keeping the file's i_mmap, the
 * anon_vma's tree, the list, the rbtree and its gaps consistent: a VMA
 * already indexed in those cannot simply have its fields rewritten.
 * @insert, if any, is linked before the locks are dropped.
 */
int vma_adjust(struct vm_area_struct *vma, unsigned long start,
	       unsigned long end, pgoff_t pgoff, struct vm_area_struct *insert)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *next = vma->vm_next;
	struct vm_area_struct *importer = NULL;
	struct address_space *mapping = NULL;
	struct rb_root *root = NULL;
	struct anon_vma *anon_vma = NULL;
	struct file *file = vma->vm_file;
	bool start_changed = false, end_changed = false;
	long adjust_next = 0;
	int remove_next = 0;

	if (next && !insert) {
		struct vm_area_struct *exporter = NULL;

		if (end >= next->vm_end) {
			/*
			 * @vma grows over all of next, and maybe the VMA
			 * after it too (mprotect case 6).
			 */
again:			remove_next = 1 + (end > next->vm_end);
			end = next->vm_end;
			exporter = next;
			importer = vma;
		} else if (end > next->vm_start) {
			/*
			 * @vma grows over the start of next: mprotect
			 * case 5 moves the boundary up.
			 */
			adjust_next = (end - next->vm_start) >> PAGE_SHIFT;
			exporter = next;
			importer = vma;
		} else if (end < vma->vm_end) {
			/*
			 * @vma shrinks and nothing is inserted, so this is
			 * no split: mprotect's case 4 moves the boundary down
			 * into @vma.
			 */
			adjust_next = -((vma->vm_end - end) >> PAGE_SHIFT);
			exporter = vma;
			importer = next;
		}

		/*
		 * When mprotect moves a boundary, the VMA that grows
		 * takes over pages of the one that shrinks: it needs
		 * the anon_vma they are in.
		 */
		if (exporter && exporter->anon_vma && !importer->anon_vma) {
			int error;

			importer->anon_vma = exporter->anon_vma;
			error = anon_vma_clone(importer, exporter);
			if (error) {
				importer->anon_vma = NULL;
				return error;
			}
		}
	}

	if (file) {
		mapping = file->f_mapping;
		root = &mapping->i_mmap;

		down_write(&mapping->i_mmap_rwsem);
		if (insert) {
			/*
			 * Into the file's i_mmap now, so that rmap finds
			 * the pages of the range throughout (architectures
			 * with aliasing caches depend on it); the address
			 * space sees the change once start and end move.
			 */
			__vma_link_file(insert);
		}
	}

	anon_vma = vma->anon_vma;
	if (!anon_vma && adjust_next)
		anon_vma = next->anon_vma;
	if (anon_vma)
		VM_BUG_ON_VMA(adjust_next && next->anon_vma &&
			      anon_vma != next->anon_vma, next);

	if (anon_vma) {
		anon_vma_interval_tree_pre_update_vma(vma);
		if (adjust_next)
			anon_vma_interval_tree_pre_update_vma(next);
	}

	if (root) {
		vma_interval_tree_remove(vma, root);
		if (adjust_next)
			vma_interval_tree_remove(next, root);
	}

	if (start != vma->vm_start) {
		vma->vm_start = start;
		start_changed = true;
	}
	if (end != vma->vm_end) {
		vma->vm_end = end;
		end_changed = true;
	}
	vma->vm_pgoff = pgoff;
	if (adjust_next) {
		/* adjust_next may be negative: no left shift of it */
		next->vm_start += adjust_next * (long)PAGE_SIZE;
		next->vm_pgoff += adjust_next;
	}

	if (root) {
		if (adjust_next)
			vma_interval_tree_insert(next, root);
		vma_interval_tree_insert(vma, root);
	}

	if (anon_vma) {
		anon_vma_interval_tree_post_update_vma(vma);
		if (adjust_next)
			anon_vma_interval_tree_post_update_vma(next);
	}

	if (remove_next) {
		/*
		 * vma_merge() absorbed next into vma: next goes before the
		 * locks are dropped.
		 */
		__vma_unlink(mm, next, vma);
		if (file)
			vma_interval_tree_remove(next, root);
	} else if (insert) {
		/*
		 * __split_vma() cut insert off vma (before or after it): it
		 * is linked before the locks are dropped.
		 */
		__insert_vm_struct(mm, insert);
	} else {
		if (start_changed)
			vma_gap_update(vma);
		if (end_changed) {
			if (!next)
				mm->highest_vm_end = end;
			else if (!adjust_next)
				vma_gap_update(next);
		}
	}

	if (mapping)
		up_write(&mapping->i_mmap_rwsem);

	if (remove_next) {
		if (file) {
			if (next->vm_flags & VM_DENYWRITE)
				atomic_inc(&file_inode(file)->i_writecount);
			fput(file);
		}
		if (next->anon_vma)
			anon_vma_merge(vma, next);
		mm->map_count--;
		kmem_cache_free(vm_area_cachep, next);
		/*
		 * mprotect's case 6 (see vma_merge()) absorbed the VMA after
		 * next as well: go round again for it rather than handle both
		 * at once.
		 */
		next = vma->vm_next;
		if (remove_next == 2)
			goto again;
		else if (next)
			vma_gap_update(next);
		else
			mm->highest_vm_end = end;
	}

	validate_mm(mm);

	return 0;
}

/*
 * A VMA with a ->close method may hold per-VMA state of a driver:
 * never merged.
 */
static inline int is_mergeable_vma(struct vm_area_struct *vma,
				   struct file *file, unsigned long vm_flags)
{
	/*
	 * VM_SOFTDIRTY alone does not keep VMAs apart (the caller marks
	 * the merged VMA soft-dirty); otherwise every write-protect
	 * cycle of the soft-dirty tracker would multiply VMAs.
	 */
	if ((vma->vm_flags ^ vm_flags) & ~VM_SOFTDIRTY)
		return 0;
	if (vma->vm_file != file)
		return 0;
	if (vma->vm_ops && vma->vm_ops->close)
		return 0;
	return 1;
}

static inline int is_mergeable_anon_vma(struct anon_vma *anon_vma1,
					struct anon_vma *anon_vma2,
					struct vm_area_struct *vma)
{
	/*
	 * An anon_vma shared with other VMAs (more than one chain entry,
	 * as after fork) is not merged across: one VMA per anon_vma keeps
	 * the anon_vma lock from spanning unrelated processes.
	 */
	if ((!anon_vma1 || !anon_vma2) && (!vma ||
		list_is_singular(&vma->anon_vma_chain)))
		return 1;
	return anon_vma1 == anon_vma2;
}

/*
 * May a mapping (@vm_flags, @anon_vma, @vm_file, @vm_pgoff) that ends
 * where @vma starts be merged into it (at lower addresses and file
 * offsets)?  Not with a different non-NULL anon_vma, nor with file
 * offsets that do not line up.  (do_mmap_pgoff() refuses mappings that
 * would wrap around the page cache's last index, so no check here.)
 */
static int
can_vma_merge_before(struct vm_area_struct *vma, unsigned long vm_flags,
		     struct anon_vma *anon_vma, struct file *file,
		     pgoff_t vm_pgoff)
{
	if (is_mergeable_vma(vma, file, vm_flags) &&
	    is_mergeable_anon_vma(anon_vma, vma->anon_vma, vma)) {
		if (vma->vm_pgoff == vm_pgoff)
			return 1;
	}
	return 0;
}

/*
 * The same for a mapping that starts where @vma ends (at higher
 * addresses and file offsets).
 */
static int
can_vma_merge_after(struct vm_area_struct *vma, unsigned long vm_flags,
		    struct anon_vma *anon_vma, struct file *file,
		    pgoff_t vm_pgoff)
{
	if (is_mergeable_vma(vma, file, vm_flags) &&
	    is_mergeable_anon_vma(anon_vma, vma->anon_vma, vma)) {
		pgoff_t vm_pglen;

		vm_pglen = vma_pages(vma);
		if (vma->vm_pgoff + vm_pglen == vm_pgoff)
			return 1;
	}
	return 0;
}

/*
 * vma_merge - can [@addr, @end) with these flags, anon_vma, file and
 * offset join @prev, @next, or both (filling the hole between them)?
 *
 * For mmap, brk and mremap the range is not mapped yet.  For mprotect
 * it is, within prev or at the start of next, and its flags are about
 * to become @vm_flags (mprotect_fixup() has excluded no-change).  The
 * shapes, with AAAA the range (never beyond one VMA), PPPP prev, NNNN
 * next and XXXX the VMA after next:
 *
 *     AAAA             AAAA                AAAA          AAAA
 *    PPPPPPNNNNNN    PPPPPPNNNNNN    PPPPPPNNNNNN    PPPPNNNNXXXX
 *    cannot merge    might become    might become    might become
 *                    PPNNNNNNNNNN    PPPPPPPPPPNN    PPPPPPPPPPPP 6 or
 *    mmap, brk or    case 4 below    case 5 below    PPPPPPPPXXXX 7 or
 *    mremap move:                                    PPPPNNNNNNNN 8
 *        AAAA
 *    PPPP    NNNN    PPPPPPPPPPPP    PPPPPPPPNNNN    PPPPNNNNNNNN
 *    might become    case 1 below    case 2 below    case 3 below
 *
 * Case 8 grows NNNN but with XXXX's flags: mprotect_fixup() sets
 * vm_flags and vm_page_prot after a successful merge.
 * Returns the VMA the range became part of, or NULL.
 */
struct vm_area_struct *vma_merge(struct mm_struct *mm,
			struct vm_area_struct *prev, unsigned long addr,
			unsigned long end, unsigned long vm_flags,
			struct anon_vma *anon_vma, struct file *file,
			pgoff_t pgoff, struct mempolicy *policy)
{
	pgoff_t pglen = (end - addr) >> PAGE_SHIFT;
	struct vm_area_struct *area, *next;
	int err;

	(void)policy;
	/*
	 * Merged VMAs end up with exactly @vm_flags, so testing
	 * @vm_flags for VM_SPECIAL covers the VMAs too.
	 */
	if (vm_flags & VM_SPECIAL)
		return NULL;

	if (prev)
		next = prev->vm_next;
	else
		next = mm->mmap;
	area = next;
	if (next && next->vm_end == end)		/* cases 6, 7, 8 */
		next = next->vm_next;

	/* Does the range continue prev? */
	if (prev && prev->vm_end == addr &&
	    can_vma_merge_after(prev, vm_flags, anon_vma, file, pgoff)) {
		/* yes: and does next continue it as well (case 1)? */
		if (next && end == next->vm_start &&
		    can_vma_merge_before(next, vm_flags, anon_vma, file,
					 pgoff + pglen) &&
		    is_mergeable_anon_vma(prev->anon_vma, next->anon_vma,
					  NULL)) {
							/* cases 1, 6 */
			err = vma_adjust(prev, prev->vm_start,
					 next->vm_end, prev->vm_pgoff, NULL);
		} else					/* cases 2, 5, 7 */
			err = vma_adjust(prev, prev->vm_start,
					 end, prev->vm_pgoff, NULL);
		if (err)
			return NULL;
		return prev;
	}

	/* Does the range lead into next? */
	if (next && end == next->vm_start &&
	    can_vma_merge_before(next, vm_flags, anon_vma, file,
				 pgoff + pglen)) {
		if (prev && addr < prev->vm_end)	/* case 4 */
			err = vma_adjust(prev, prev->vm_start,
					 addr, prev->vm_pgoff, NULL);
		else					/* cases 3, 8 */
			err = vma_adjust(area, addr, next->vm_end,
					 next->vm_pgoff - pglen, NULL);
		if (err)
			return NULL;
		return area;
	}

	return NULL;
}

/*
 * Could @a and @b share an anon_vma?  Same file, and flags that differ
 * at most in what mprotect changes.  (Sharing an anon_vma is weaker than
 * merging: a ->close method forbids the merge but not the sharing.)
 */
static int anon_vma_compatible(struct vm_area_struct *a,
			       struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start &&
		a->vm_file == b->vm_file &&
		!((a->vm_flags ^ b->vm_flags) & ~(VM_READ | VM_WRITE |
						   VM_EXEC | VM_SOFTDIRTY)) &&
		b->vm_pgoff == a->vm_pgoff + ((b->vm_start - a->vm_start) >>
					      PAGE_SHIFT);
}

/*
 * Is @old's anon_vma reusable for the VMA beside it?  @a and @b are in
 * address order, one of them @old; they must be adjacent, compatible,
 * with offsets that line up, and @old's anon_vma not shared by a fork
 * (one chain entry).
 */
static struct anon_vma *reusable_anon_vma(struct vm_area_struct *old,
					  struct vm_area_struct *a,
					  struct vm_area_struct *b)
{
	if (anon_vma_compatible(a, b)) {
		struct anon_vma *anon_vma = old->anon_vma;

		if (anon_vma && list_is_singular(&old->anon_vma_chain))
			return anon_vma;
	}
	return NULL;
}

/*
 * find_mergeable_anon_vma - an anon_vma of a neighbour that @vma could
 * use.  anon_vma_prepare() asks before allocating a new one: otherwise
 * alternating mprotects and faults would give each piece of a region its
 * own anon_vma, and the pieces could never merge again.
 */
struct anon_vma *find_mergeable_anon_vma(struct vm_area_struct *vma)
{
	struct anon_vma *anon_vma;
	struct vm_area_struct *near;

	near = vma->vm_next;
	if (!near)
		goto try_prev;

	anon_vma = reusable_anon_vma(near, vma, near);
	if (anon_vma)
		return anon_vma;
try_prev:
	near = vma->vm_prev;
	if (!near)
		goto none;

	anon_vma = reusable_anon_vma(near, near, vma);
	if (anon_vma)
		return anon_vma;
none:
	/*
	 * Only the touching neighbours are tried: looking further
	 * would cost time and pile VMAs onto one anon_vma; the point
	 * is to let mprotect merge pieces again, not to save
	 * anon_vmas.
	 */
	return NULL;
}

/* ---- finding VMAs ---- */

/* Look up the first VMA which satisfies  addr < vm_end,  NULL if none. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *rb_node;
	struct vm_area_struct *vma = NULL;

	rb_node = mm->mm_rb.rb_node;

	while (rb_node) {
		struct vm_area_struct *tmp;

		tmp = rb_entry(rb_node, struct vm_area_struct, vm_rb);

		if (tmp->vm_end > addr) {
			vma = tmp;
			if (tmp->vm_start <= addr)
				break;
			rb_node = rb_node->rb_left;
		} else
			rb_node = rb_node->rb_right;
	}

	return vma;
}

/* find_vma(), and the VMA before it in *@pprev. */
struct vm_area_struct *
find_vma_prev(struct mm_struct *mm, unsigned long addr,
	      struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma;

	vma = find_vma(mm, addr);
	if (vma) {
		*pprev = vma->vm_prev;
	} else {
		struct rb_node *rb_node = mm->mm_rb.rb_node;

		*pprev = NULL;
		while (rb_node) {
			*pprev = rb_entry(rb_node, struct vm_area_struct, vm_rb);
			rb_node = rb_node->rb_right;
		}
	}
	return vma;
}

/* ---- statistics ---- */

void vm_stat_account(struct mm_struct *mm, unsigned long flags,
		     struct file *file, long pages)
{
	const unsigned long stack_flags
		= VM_STACK_FLAGS & (VM_GROWSUP | VM_GROWSDOWN);

	mm->total_vm += pages;

	if (file) {
		mm->shared_vm += pages;
		if ((flags & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			mm->exec_vm += pages;
	} else if (flags & stack_flags)
		mm->stack_vm += pages;
}

/* ---- mmap ---- */

/* Called with current->mm->mmap_sem held for writing. */
unsigned long do_mmap_pgoff(struct file *file, unsigned long addr,
			    unsigned long len, unsigned long prot,
			    unsigned long flags, unsigned long pgoff,
			    unsigned long *populate)
{
	struct mm_struct *mm = current->mm;
	vm_flags_t vm_flags;

	*populate = 0;

	if (!len)
		return -EINVAL;

	if (!(flags & MAP_FIXED))
		addr = round_hint_to_min(addr);

	/* Careful about overflows.. */
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;

	/* offset overflow? */
	if ((pgoff + (len >> PAGE_SHIFT)) < pgoff)
		return -EOVERFLOW;

	/* Too many mappings? */
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;

	/*
	 * Find (or check) the address: get_unmapped_area() returns a free range
	 * that the address space allows.
	 */
	addr = get_unmapped_area(file, addr, len, pgoff, flags);
	if (addr & ~PAGE_MASK)
		return addr;

	/*
	 * Only sanity checks of the request: opening the file checked the
	 * access rights already.
	 */
	vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) |
			mm->def_flags | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	if (file) {
		struct inode *inode = file_inode(file);

		switch (flags & MAP_TYPE) {
		case MAP_SHARED:
			if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
				return -EACCES;

			vm_flags |= VM_SHARED | VM_MAYSHARE;
			if (!(file->f_mode & FMODE_WRITE))
				vm_flags &= ~(VM_MAYWRITE | VM_SHARED);

			/* fall through */
		case MAP_PRIVATE:
			if (!(file->f_mode & FMODE_READ))
				return -EACCES;
			if (!S_ISREG(inode->i_mode) && !S_ISCHR(inode->i_mode))
				return -ENODEV;
			break;

		default:
			return -EINVAL;
		}
	} else {
		switch (flags & MAP_TYPE) {
		case MAP_SHARED:
			/* shmem is not simulated */
			return -EINVAL;
		case MAP_PRIVATE:
			/* anonymous: the offset is the address (anon_vma) */
			pgoff = addr >> PAGE_SHIFT;
			break;
		default:
			return -EINVAL;
		}
	}

	/*
	 * MAP_NORESERVE under an overcommit policy that allows it: the
	 * mapping is not charged to vm_committed_as.
	 */
	if (flags & MAP_NORESERVE) {
		/* MAP_NORESERVE counts only where overcommit allows it */
		if (sysctl_overcommit_memory != OVERCOMMIT_NEVER)
			vm_flags |= VM_NORESERVE;
	}

	addr = mmap_region(file, addr, len, vm_flags, pgoff);
	if (!IS_ERR_VALUE(addr) &&
	    ((vm_flags & VM_LOCKED) ||
	     (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE))
		*populate = len;
	return addr;
}

unsigned long vm_mmap_pgoff(struct file *file, unsigned long addr,
			    unsigned long len, unsigned long prot,
			    unsigned long flag, unsigned long pgoff)
{
	unsigned long ret;
	struct mm_struct *mm = current->mm;
	unsigned long populate;

	down_write(&mm->mmap_sem);
	ret = do_mmap_pgoff(file, addr, len, prot, flag, pgoff, &populate);
	up_write(&mm->mmap_sem);
	return ret;
}

/*
 * accountable_mapping - is this mapping charged to the commit total?
 * Private writable ones are, unless VM_NORESERVE.
 */
static inline int accountable_mapping(struct file *file, vm_flags_t vm_flags)
{
	(void)file;
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

/* generic_file_mmap() and mmap_zero(): the VMA's operations */
static int file_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct inode *inode = file_inode(file);

	/* character devices (/dev/zero): private anonymous memory */
	if (S_ISCHR(inode->i_mode))
		return 0;
	if (!file->f_mapping->a_ops || !file->f_mapping->a_ops->readpage)
		return -ENOEXEC;
	vma->vm_ops = &generic_file_vm_ops;
	return 0;
}

unsigned long mmap_region(struct file *file, unsigned long addr,
			  unsigned long len, vm_flags_t vm_flags,
			  unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev;
	int error;
	struct rb_node **rb_link, *rb_parent;
	unsigned long charged = 0;

	/* Clear old maps */
	error = -ENOMEM;
munmap_back:
	if (find_vma_links(mm, addr, addr + len, &prev, &rb_link, &rb_parent)) {
		if (do_munmap(mm, addr, len))
			return -ENOMEM;
		goto munmap_back;
	}

	/* a private writable mapping is charged to the commit total first */
	if (accountable_mapping(file, vm_flags)) {
		charged = len >> PAGE_SHIFT;
		if (security_vm_enough_memory_mm(mm, charged))
			return -ENOMEM;
		vm_flags |= VM_ACCOUNT;
	}

	/* Can a neighbour simply grow over the range? */
	vma = vma_merge(mm, prev, addr, addr + len, vm_flags, NULL, file,
			pgoff, NULL);
	if (vma)
		goto out;

	/*
	 * Otherwise a new VMA: the file's ->mmap method (generic_file_mmap)
	 * sets it up, or it is anonymous.  The range is free by now (its old
	 * VMAs are gone from the list).
	 */
	vma = kmem_cache_zalloc(vm_area_cachep, GFP_KERNEL);
	if (!vma) {
		error = -ENOMEM;
		goto unacct_error;
	}

	vma->vm_mm = mm;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_pgoff = pgoff;
	INIT_LIST_HEAD(&vma->anon_vma_chain);

	if (file) {
		/*
		 * ->mmap may replace vm_file; vma_link() below relies on the
		 * new file allowing VM_DENYWRITE and shared writable mappings.
		 */
		vma->vm_file = get_file(file);
		error = file_mmap(file, vma);
		if (error)
			goto unmap_and_free_vma;

		/*
		 * A driver's ->mmap may move vm_start (refmm has no such
		 * driver): prev and the tree links would then be stale, which
		 * 4.0 does not handle either.
		 */
		WARN_ON_ONCE(addr != vma->vm_start);

		addr = vma->vm_start;
		vm_flags = vma->vm_flags;
	}

	vma_link(mm, vma, prev, rb_link, rb_parent);

out:
	vm_stat_account(mm, vm_flags, file, len >> PAGE_SHIFT);

	/*
	 * A new or grown VMA is soft-dirty: the soft-dirty tracker must see
	 * an unmap followed by a new map in place as new data.
	 */
	vma->vm_flags |= VM_SOFTDIRTY;

	return addr;

unmap_and_free_vma:
	vma->vm_file = NULL;
	fput(file);
	kmem_cache_free(vm_area_cachep, vma);
unacct_error:
	if (charged)
		vm_unacct_memory(charged);
	return error;
}

struct vm_unmapped_area_info {
#define VM_UNMAPPED_AREA_TOPDOWN 1
	unsigned long flags;
	unsigned long length;
	unsigned long low_limit;
	unsigned long high_limit;
	unsigned long align_mask;
	unsigned long align_offset;
};

static unsigned long unmapped_area(struct vm_unmapped_area_info *info)
{
	/*
	 * The search looks for the tree node that comes right after a gap
	 * that fits:
	 * - gap_start = vma->vm_prev->vm_end <= info->high_limit - length
	 * - gap_end   = vma->vm_start        >= info->low_limit  + length
	 * - gap_end - gap_start >= length
	 */

	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long length, low_limit, high_limit, gap_start, gap_end;

	/* Adjust search length to account for worst case alignment overhead */
	length = info->length + info->align_mask;
	if (length < info->length)
		return -ENOMEM;

	/* Adjust search limits by the desired length */
	if (info->high_limit < length)
		return -ENOMEM;
	high_limit = info->high_limit - length;

	if (info->low_limit > high_limit)
		return -ENOMEM;
	low_limit = info->low_limit + length;

	/* Check if rbtree root looks promising */
	if (RB_EMPTY_ROOT(&mm->mm_rb))
		goto check_highest;
	vma = rb_entry(mm->mm_rb.rb_node, struct vm_area_struct, vm_rb);
	if (vma->rb_subtree_gap < length)
		goto check_highest;

	while (true) {
		/* Visit left subtree if it looks promising */
		gap_end = vma->vm_start;
		if (gap_end >= low_limit && vma->vm_rb.rb_left) {
			struct vm_area_struct *left =
				rb_entry(vma->vm_rb.rb_left,
					 struct vm_area_struct, vm_rb);
			if (left->rb_subtree_gap >= length) {
				vma = left;
				continue;
			}
		}

		gap_start = vma->vm_prev ? vma->vm_prev->vm_end : 0;
check_current:
		/* Check if current node has a suitable gap */
		if (gap_start > high_limit)
			return -ENOMEM;
		if (gap_end >= low_limit && gap_end - gap_start >= length)
			goto found;

		/* Visit right subtree if it looks promising */
		if (vma->vm_rb.rb_right) {
			struct vm_area_struct *right =
				rb_entry(vma->vm_rb.rb_right,
					 struct vm_area_struct, vm_rb);
			if (right->rb_subtree_gap >= length) {
				vma = right;
				continue;
			}
		}

		/* Go back up the rbtree to find next candidate node */
		while (true) {
			struct rb_node *prev = &vma->vm_rb;

			if (!rb_parent(prev))
				goto check_highest;
			vma = rb_entry(rb_parent(prev),
				       struct vm_area_struct, vm_rb);
			if (prev == vma->vm_rb.rb_left) {
				gap_start = vma->vm_prev->vm_end;
				gap_end = vma->vm_start;
				goto check_current;
			}
		}
	}

check_highest:
	/* Check highest gap, which does not precede any rbtree node */
	gap_start = mm->highest_vm_end;
	gap_end = ULONG_MAX;  /* Only for VM_BUG_ON below */
	if (gap_start > high_limit)
		return -ENOMEM;

found:
	/* a gap that fits: keep it above the caller's low_limit */
	if (gap_start < info->low_limit)
		gap_start = info->low_limit;

	/* Adjust gap address to the desired alignment */
	gap_start += (info->align_offset - gap_start) & info->align_mask;

	VM_BUG_ON(gap_start + info->length > info->high_limit);
	VM_BUG_ON(gap_start + info->length > gap_end);
	return gap_start;
}

static unsigned long unmapped_area_topdown(struct vm_unmapped_area_info *info)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long length, low_limit, high_limit, gap_start, gap_end;

	/* Adjust search length to account for worst case alignment overhead */
	length = info->length + info->align_mask;
	if (length < info->length)
		return -ENOMEM;

	/*
	 * Shrink the limits by the length, as unmapped_area() does (see the
	 * comment there).
	 */
	gap_end = info->high_limit;
	if (gap_end < length)
		return -ENOMEM;
	high_limit = gap_end - length;

	if (info->low_limit > high_limit)
		return -ENOMEM;
	low_limit = info->low_limit + length;

	/* Check highest gap, which does not precede any rbtree node */
	gap_start = mm->highest_vm_end;
	if (gap_start <= high_limit)
		goto found_highest;

	/* Check if rbtree root looks promising */
	if (RB_EMPTY_ROOT(&mm->mm_rb))
		return -ENOMEM;
	vma = rb_entry(mm->mm_rb.rb_node, struct vm_area_struct, vm_rb);
	if (vma->rb_subtree_gap < length)
		return -ENOMEM;

	while (true) {
		/* Visit right subtree if it looks promising */
		gap_start = vma->vm_prev ? vma->vm_prev->vm_end : 0;
		if (gap_start <= high_limit && vma->vm_rb.rb_right) {
			struct vm_area_struct *right =
				rb_entry(vma->vm_rb.rb_right,
					 struct vm_area_struct, vm_rb);
			if (right->rb_subtree_gap >= length) {
				vma = right;
				continue;
			}
		}

check_current:
		/* Check if current node has a suitable gap */
		gap_end = vma->vm_start;
		if (gap_end < low_limit)
			return -ENOMEM;
		if (gap_start <= high_limit && gap_end - gap_start >= length)
			goto found;

		/* Visit left subtree if it looks promising */
		if (vma->vm_rb.rb_left) {
			struct vm_area_struct *left =
				rb_entry(vma->vm_rb.rb_left,
					 struct vm_area_struct, vm_rb);
			if (left->rb_subtree_gap >= length) {
				vma = left;
				continue;
			}
		}

		/* Go back up the rbtree to find next candidate node */
		while (true) {
			struct rb_node *prev = &vma->vm_rb;

			if (!rb_parent(prev))
				return -ENOMEM;
			vma = rb_entry(rb_parent(prev),
				       struct vm_area_struct, vm_rb);
			if (prev == vma->vm_rb.rb_right) {
				gap_start = vma->vm_prev ?
					vma->vm_prev->vm_end : 0;
				goto check_current;
			}
		}
	}

found:
	/* a gap that fits: keep it below the caller's high_limit */
	if (gap_end > info->high_limit)
		gap_end = info->high_limit;

found_highest:
	/* Compute highest gap address at the desired alignment */
	gap_end -= info->length;
	gap_end -= (gap_end - info->align_offset) & info->align_mask;

	VM_BUG_ON(gap_end < info->low_limit);
	VM_BUG_ON(gap_end < gap_start);
	return gap_end;
}

static inline unsigned long vm_unmapped_area(struct vm_unmapped_area_info *info)
{
	if (!(info->flags & VM_UNMAPPED_AREA_TOPDOWN))
		return unmapped_area(info);
	else
		return unmapped_area_topdown(info);
}

/*
 * arch_get_unmapped_area_topdown() of arch/x86/kernel/sys_x86_64.c for
 * the default layout: new areas come from below mmap_base (the stack's
 * low limit), highest first.
 */
static unsigned long
arch_get_unmapped_area_topdown(struct file *filp, unsigned long addr0,
			       unsigned long len, unsigned long pgoff,
			       unsigned long flags)
{
	struct vm_area_struct *vma;
	struct mm_struct *mm = current->mm;
	unsigned long addr = addr0;
	struct vm_unmapped_area_info info;

	(void)filp;
	(void)pgoff;
	/* requested length too big for entire address space */
	if (len > TASK_SIZE)
		return -ENOMEM;

	if (flags & MAP_FIXED)
		return addr;

	/* requesting a specific address */
	if (addr) {
		addr = PAGE_ALIGN(addr);
		vma = find_vma(mm, addr);
		if (TASK_SIZE - len >= addr &&
		    (!vma || addr + len <= vma->vm_start))
			return addr;
	}

	info.flags = VM_UNMAPPED_AREA_TOPDOWN;
	info.length = len;
	info.low_limit = max(PAGE_SIZE, mmap_min_addr);
	info.high_limit = mm->mmap_base;
	info.align_mask = 0;
	info.align_offset = 0;
	addr = vm_unmapped_area(&info);
	if (!(addr & ~PAGE_MASK))
		return addr;
	VM_BUG_ON(addr != (unsigned long)-ENOMEM);

	/*
	 * Nothing fits below mmap_base: a failed mmap() usually kills the
	 * program, so try bottom-up from TASK_UNMAPPED_BASE as well (large
	 * stack limits and large mappings can get here).
	 */
	info.flags = 0;
	info.low_limit = mm->mmap_legacy_base;
	info.high_limit = TASK_SIZE;
	return vm_unmapped_area(&info);
}

unsigned long get_unmapped_area(struct file *file, unsigned long addr,
				unsigned long len, unsigned long pgoff,
				unsigned long flags)
{
	/* Careful about overflows.. */
	if (len > TASK_SIZE)
		return -ENOMEM;

	addr = arch_get_unmapped_area_topdown(file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;

	if (addr > TASK_SIZE - len)
		return -ENOMEM;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	/* refmm: the kernel's half lies below mmap_min_addr */
	if (addr < mmap_min_addr)
		return -EPERM;

	return addr;
}

/* ---- unmapping ---- */

/*
 * remove_vma_list - the VMAs detached by do_munmap() (linked by vm_next
 * from @vma): update the counters and free them.  mmap_sem is held.
 */
static void remove_vma_list(struct mm_struct *mm, struct vm_area_struct *vma)
{
	unsigned long nr_accounted = 0;

	/* the high-water mark first: total_vm is about to drop */
	update_hiwater_vm(mm);
	do {
		long nrpages = vma_pages(vma);

		if (vma->vm_flags & VM_ACCOUNT)
			nr_accounted += nrpages;
		vm_stat_account(mm, vma->vm_flags, vma->vm_file, -nrpages);
		vma = remove_vma(vma);
	} while (vma);
	vm_unacct_memory(nr_accounted);
	validate_mm(mm);
}

/*
 * unmap_region - zap the ptes of [@start, @end) in the detached VMAs
 * and free the page tables only they used, between the neighbours
 * @prev and @next.  mmap_sem is held.
 */
static void unmap_region(struct mm_struct *mm,
			 struct vm_area_struct *vma,
			 struct vm_area_struct *prev,
			 unsigned long start, unsigned long end)
{
	struct vm_area_struct *next = prev ? prev->vm_next : mm->mmap;
	struct mmu_gather tlb;

	lru_add_drain();
	tlb_gather_mmu(&tlb, mm, start, end);
	update_hiwater_rss(mm);
	unmap_vmas(&tlb, vma, start, end);
	free_pgtables(&tlb, vma, prev ? prev->vm_end : FIRST_USER_ADDRESS,
		      next ? next->vm_start : USER_PGTABLES_CEILING);
	tlb_finish_mmu(&tlb, start, end);
}

/*
 * Move the VMAs from @vma up to @end off the list and out of the tree
 * onto their own list (ended by NULL) for unmap_region() and
 * remove_vma_list().
 */
static void
detach_vmas_to_be_unmapped(struct mm_struct *mm, struct vm_area_struct *vma,
			   struct vm_area_struct *prev, unsigned long end)
{
	struct vm_area_struct **insertion_point;
	struct vm_area_struct *tail_vma = NULL;

	insertion_point = (prev ? &prev->vm_next : &mm->mmap);
	vma->vm_prev = NULL;
	do {
		vma_rb_erase(vma, &mm->mm_rb);
		mm->map_count--;
		tail_vma = vma;
		vma = vma->vm_next;
	} while (vma && vma->vm_start < end);
	*insertion_point = vma;
	if (vma) {
		vma->vm_prev = prev;
		vma_gap_update(vma);
	} else
		mm->highest_vm_end = prev ? prev->vm_end : 0;
	tail_vma->vm_next = NULL;

	/* Kill the cache */
	mm->vmacache_seqnum++;
}

/*
 * __split_vma - cut @vma at @addr; @new_below says whether the new VMA
 * takes the lower part.  No map_count limit here: munmap must not fail
 * for it.
 */
static int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		       unsigned long addr, int new_below)
{
	struct vm_area_struct *new;
	int err = -ENOMEM;

	(void)mm;
	new = kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);
	if (!new)
		goto out_err;

	/* most fields are the same, copy all, and then fixup */
	*new = *vma;

	INIT_LIST_HEAD(&new->anon_vma_chain);

	if (new_below)
		new->vm_end = addr;
	else {
		new->vm_start = addr;
		new->vm_pgoff += ((addr - vma->vm_start) >> PAGE_SHIFT);
	}

	err = anon_vma_clone(new, vma);
	if (err)
		goto out_free_vma;

	if (new->vm_file)
		get_file(new->vm_file);

	if (new->vm_ops && new->vm_ops->open)
		new->vm_ops->open(new);

	if (new_below)
		err = vma_adjust(vma, addr, vma->vm_end, vma->vm_pgoff +
			((addr - new->vm_start) >> PAGE_SHIFT), new);
	else
		err = vma_adjust(vma, vma->vm_start, addr, vma->vm_pgoff, new);

	/* Success. */
	if (!err)
		return 0;

	/* Clean everything up if vma_adjust failed. */
	if (new->vm_ops && new->vm_ops->close)
		new->vm_ops->close(new);
	if (new->vm_file)
		fput(new->vm_file);
	unlink_anon_vmas(new);
 out_free_vma:
	kmem_cache_free(vm_area_cachep, new);
 out_err:
	return err;
}

/* split_vma - __split_vma() within the map_count limit. */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr, int new_below)
{
	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;

	return __split_vma(mm, vma, addr, new_below);
}

/*
 * do_munmap - unmap [@start, @start + @len): split the VMAs at both
 * ends, detach what lies inside, zap and free, account.  Partial
 * unmaps of a VMA are the splits.
 */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	unsigned long end;
	struct vm_area_struct *vma, *prev, *last;

	if ((start & ~PAGE_MASK) || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;

	len = PAGE_ALIGN(len);
	if (len == 0)
		return -EINVAL;

	/* Find the first overlapping VMA */
	vma = find_vma(mm, start);
	if (!vma)
		return 0;
	prev = vma->vm_prev;
	/* here start < vma->vm_end */

	/* nothing mapped in the range: nothing to do */
	end = start + len;
	if (vma->vm_start >= end)
		return 0;

	/*
	 * Split at the start first.  (mremap's VM_ACCOUNT handling
	 * relies on which side keeps the original VMA: a split below
	 * leaves the new VMA above, a split above leaves it below.)
	 */
	if (start > vma->vm_start) {
		int error;

		/*
		 * Refuse if the unmap would leave more VMAs than the
		 * limit (a split in the middle adds one); going over it
		 * briefly, as the second split does, is allowed.
		 */
		if (end < vma->vm_end && mm->map_count >= sysctl_max_map_count)
			return -ENOMEM;

		error = __split_vma(mm, vma, start, 0);
		if (error)
			return error;
		prev = vma;
	}

	/* Does it split the last one? */
	last = find_vma(mm, end);
	if (last && end > last->vm_start) {
		int error = __split_vma(mm, last, end, 1);

		if (error)
			return error;
	}
	vma = prev ? prev->vm_next : mm->mmap;

	/* Detach the VMAs, zap their pages, free them. */
	detach_vmas_to_be_unmapped(mm, vma, prev, end);
	unmap_region(mm, vma, prev, start, end);

	/* Fix up all other VM information */
	remove_vma_list(mm, vma);

	return 0;
}

int vm_munmap(unsigned long start, size_t len)
{
	int ret;
	struct mm_struct *mm = current->mm;

	down_write(&mm->mmap_sem);
	ret = do_munmap(mm, start, len);
	up_write(&mm->mmap_sem);
	return ret;
}

/* ---- brk ---- */

static inline int mlock_future_check(struct mm_struct *mm,
				     unsigned long flags, unsigned long len)
{
	(void)mm;
	(void)flags;
	(void)len;
	return 0;
}

/*
 * do_brk - the heap grows: an anonymous mapping, merged into the heap
 * VMA when it can be (do_mmap without a file, and with brk's own
 * checks).
 */
static unsigned long do_brk(unsigned long addr, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev;
	unsigned long flags;
	struct rb_node **rb_link, *rb_parent;
	pgoff_t pgoff = addr >> PAGE_SHIFT;
	int error;

	len = PAGE_ALIGN(len);
	if (!len)
		return addr;

	flags = VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT | mm->def_flags;

	error = get_unmapped_area(NULL, addr, len, 0, MAP_FIXED);
	if (error & ~PAGE_MASK)
		return error;

	error = mlock_future_check(mm, mm->def_flags, len);
	if (error)
		return error;

	/* whatever is mapped there goes first (with its checks) */
 munmap_back:
	if (find_vma_links(mm, addr, addr + len, &prev, &rb_link, &rb_parent)) {
		if (do_munmap(mm, addr, len))
			return -ENOMEM;
		goto munmap_back;
	}

	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;

	if (security_vm_enough_memory_mm(mm, len >> PAGE_SHIFT))
		return -ENOMEM;

	/* can the heap VMA simply grow? */
	vma = vma_merge(mm, prev, addr, addr + len, flags,
			NULL, NULL, pgoff, NULL);
	if (vma)
		goto out;

	/* no neighbour to grow: a new anonymous VMA */
	vma = kmem_cache_zalloc(vm_area_cachep, GFP_KERNEL);
	if (!vma) {
		vm_unacct_memory(len >> PAGE_SHIFT);
		return -ENOMEM;
	}

	INIT_LIST_HEAD(&vma->anon_vma_chain);
	vma->vm_mm = mm;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_pgoff = pgoff;
	vma->vm_flags = flags;
	vma->vm_page_prot = vm_get_page_prot(flags);
	vma_link(mm, vma, prev, rb_link, rb_parent);
out:
	mm->total_vm += len >> PAGE_SHIFT;
	vma->vm_flags |= VM_SOFTDIRTY;
	return addr;
}

unsigned long vm_brk(unsigned long addr, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	down_write(&mm->mmap_sem);
	ret = do_brk(addr, len);
	up_write(&mm->mmap_sem);
	return ret;
}

/*
 * brk(2) (mm/mmap.c's SYSCALL_DEFINE1(brk)): move the end of the heap,
 * growing it with do_brk() or shrinking it with do_munmap().  Returns the
 * new break, or the old one when it could not move.
 */
unsigned long sys_brk(unsigned long brk)
{
	unsigned long retval;
	unsigned long newbrk, oldbrk;
	struct mm_struct *mm = current->mm;
	unsigned long min_brk;

	down_write(&mm->mmap_sem);

	min_brk = mm->start_brk;
	if (brk < min_brk)
		goto out;

	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (oldbrk == newbrk)
		goto set_brk;

	/* Always allow shrinking brk. */
	if (brk <= mm->brk) {
		if (!do_munmap(mm, newbrk, oldbrk - newbrk))
			goto set_brk;
		goto out;
	}

	/* Check against existing mmap mappings. */
	if (find_vma_intersection(mm, oldbrk, newbrk + PAGE_SIZE))
		goto out;

	/* Ok, looks good - let it rip. */
	if (do_brk(oldbrk, newbrk - oldbrk) != oldbrk)
		goto out;

set_brk:
	mm->brk = brk;
	up_write(&mm->mmap_sem);
	return brk;

out:
	retval = mm->brk;
	up_write(&mm->mmap_sem);
	return retval;
}

/* ---- the stack ---- */

#define RLIMIT_STACK_CUR	(8UL * 1024 * 1024)

/*
 * acct_stack_growth - may @vma grow to @size bytes (by @grow pages)?
 * Within RLIMIT_STACK and the overcommit policy; the counters
 * follow.  Both growth directions use it.
 */
static int acct_stack_growth(struct vm_area_struct *vma, unsigned long size,
			     unsigned long grow)
{
	struct mm_struct *mm = vma->vm_mm;

	/* Stack limit test */
	if (size > RLIMIT_STACK_CUR)
		return -ENOMEM;

	/* Check to ensure the stack will not grow into a hugetlb-only region */
	if (security_vm_enough_memory_mm(mm, grow))
		return -ENOMEM;

	/* Ok, everything looks good - let it rip */
	vm_stat_account(mm, vma->vm_flags, vma->vm_file, grow);
	return 0;
}

/*
 * expand_downwards - @address is below @vma, a VM_GROWSDOWN stack:
 * extend @vma down to it.
 */
static int expand_downwards(struct vm_area_struct *vma, unsigned long address)
{
	int error;

	address &= PAGE_MASK;
	if (address < mmap_min_addr)
		return -EPERM;

	/* the stack's pages will need its anon_vma */
	if (unlikely(anon_vma_prepare(vma)))
		return -ENOMEM;

	error = 0;
	if (address < vma->vm_start) {
		unsigned long size, grow;

		size = vma->vm_end - address;
		grow = (vma->vm_start - address) >> PAGE_SHIFT;

		error = -ENOMEM;
		if (grow <= vma->vm_pgoff) {
			error = acct_stack_growth(vma, size, grow);
			if (!error) {
				spin_lock(&vma->vm_mm->page_table_lock);
				anon_vma_interval_tree_pre_update_vma(vma);
				vma->vm_start = address;
				vma->vm_pgoff -= grow;
				anon_vma_interval_tree_post_update_vma(vma);
				vma_gap_update(vma);
				spin_unlock(&vma->vm_mm->page_table_lock);
			}
		}
	}
	validate_mm(vma->vm_mm);
	return error;
}

int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct vm_area_struct *prev;

	address &= PAGE_MASK;
	prev = vma->vm_prev;
	if (prev && prev->vm_end > address)
		return -ENOMEM;
	return expand_downwards(vma, address);
}

/* Release all mmaps. */
void exit_mmap(struct mm_struct *mm)
{
	struct mmu_gather tlb;
	struct vm_area_struct *vma;
	unsigned long nr_accounted = 0;

	vma = mm->mmap;
	if (!vma)	/* Can happen if dup_mmap() received an OOM */
		return;

	lru_add_drain();
	tlb_gather_mmu(&tlb, mm, 0, -1);
	/* update_hiwater_rss(mm) here? but nobody should be looking */
	/* Use -1 here to ensure all VMAs in the mm are unmapped */
	unmap_vmas(&tlb, vma, 0, -1);

	free_pgtables(&tlb, vma, FIRST_USER_ADDRESS, USER_PGTABLES_CEILING);
	tlb_finish_mmu(&tlb, 0, -1);

	/* then close and free every VMA */
	while (vma) {
		if (vma->vm_flags & VM_ACCOUNT)
			nr_accounted += vma_pages(vma);
		vma = remove_vma(vma);
	}
	vm_unacct_memory(nr_accounted);
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->map_count = 0;
	mm->total_vm = mm->shared_vm = mm->exec_vm = mm->stack_vm = 0;
}

/*
 * insert_vm_struct - link @vma into @mm (list, tree, and the file's
 * i_mmap when it has a file).
 */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev;
	struct rb_node **rb_link, *rb_parent;

	/*
	 * An anonymous VMA's vm_pgoff only matters from its first
	 * write fault on (the pages' index), but give it the value it
	 * will have: the start address in pages.  Merges and splits
	 * then work with the same offset checks as file VMAs, and
	 * /proc/pid/maps shows what it will show later (mmap_region()
	 * and do_brk() do the same).
	 */
	if (!vma->vm_file) {
		BUG_ON(vma->anon_vma);
		vma->vm_pgoff = vma->vm_start >> PAGE_SHIFT;
	}
	if (find_vma_links(mm, vma->vm_start, vma->vm_end,
			   &prev, &rb_link, &rb_parent))
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) &&
	     security_vm_enough_memory_mm(mm, vma_pages(vma)))
		return -ENOMEM;

	vma_link(mm, vma, prev, rb_link, rb_parent);
	return 0;
}

/* ---- special mappings: [vdso] ---- */

static const char *special_mapping_name(struct vm_area_struct *vma)
{
	return ((struct vm_special_mapping *)vma->vm_private_data)->name;
}

static const struct vm_operations_struct special_mapping_vmops = {
	.name = special_mapping_name,
};

/*
 * Called with mm->mmap_sem held for writing.  Insert a new vma covering
 * the given region, with the given flags.  Its pages are supplied by the
 * given array and mapped here at once (4.0 maps them at the first fault
 * through special_mapping_fault(); the vdso is always touched at once).
 */
struct vm_area_struct *_install_special_mapping(struct mm_struct *mm,
	unsigned long addr, unsigned long len,
	unsigned long vm_flags, const struct vm_special_mapping *spec)
{
	struct vm_area_struct *vma;
	unsigned long a;
	int ret, i = 0;

	vma = kmem_cache_zalloc(vm_area_cachep, GFP_KERNEL);
	if (unlikely(vma == NULL))
		return ERR_PTR(-ENOMEM);

	INIT_LIST_HEAD(&vma->anon_vma_chain);
	vma->vm_mm = mm;
	vma->vm_start = addr;
	vma->vm_end = addr + len;

	vma->vm_flags = vm_flags | mm->def_flags | VM_DONTEXPAND | VM_SOFTDIRTY;
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);

	vma->vm_ops = &special_mapping_vmops;
	vma->vm_private_data = (void *)spec;

	ret = insert_vm_struct(mm, vma);
	if (ret)
		goto out;

	mm->total_vm += len >> PAGE_SHIFT;

	/* the pages: each a page of the image, referenced and mapped */
	for (a = addr; a < addr + len && spec->pages[i]; a += PAGE_SIZE, i++) {
		struct page *page = spec->pages[i];
		pte_t *pte = refmm_pte_alloc(mm, vma, a);

		if (!pte)
			break;
		get_page(page);
		page_add_file_rmap(page);
		inc_mm_counter(mm, MM_FILEPAGES);
		set_pte_at(mm, a, pte, pfn_pte(page_to_pfn(page),
					       vma->vm_page_prot));
	}
	return vma;

out:
	kmem_cache_free(vm_area_cachep, vma);
	return ERR_PTR(ret);
}

/* ---- the layout (arch/x86/mm/mmap.c) ---- */

/*
 * mmap_base(): the top of the mmap area, just below the stack, with room
 * for the stack to grow (at least 128 MiB) and its randomization.
 */
#define MIN_GAP (128 * 1024 * 1024UL + stack_maxrandom_size())
#define MAX_GAP (TASK_SIZE / 6 * 5)
#define RLIMIT_STACK_DEFAULT	(8UL * 1024 * 1024)
#define STACK_RND_MASK		0x3fffff	/* 8GB of VA */

static unsigned long stack_maxrandom_size(void)
{
	return (unsigned long)STACK_RND_MASK << PAGE_SHIFT;
}

static unsigned long mmap_base(unsigned long rnd)
{
	unsigned long gap = RLIMIT_STACK_DEFAULT;

	if (gap < MIN_GAP)
		gap = MIN_GAP;
	else if (gap > MAX_GAP)
		gap = MAX_GAP;

	return PAGE_ALIGN(TASK_SIZE - gap - rnd);
}

/*
 * arch_pick_mmap_layout - the layout of a new process image, chosen at
 * exec: refmm always uses the top-down one (no legacy layout), with
 * mmap_base randomized.
 */
void arch_pick_mmap_layout(struct mm_struct *mm)
{
	unsigned long rnd = 0;

	/* mmap_rnd(): 28 bits of page-aligned randomness on 64-bit */
	if (current && (current->flags & PF_RANDOMIZE))
		rnd = ((unsigned long)get_random_int() &
		       ((1UL << 28) - 1)) << PAGE_SHIFT;

	mm->mmap_legacy_base = mmap_min_addr;
	mm->mmap_base = mmap_base(rnd);
	mm->get_unmapped_area = arch_get_unmapped_area_topdown;
}

void __init mmap_init(void)
{
	int ret;

	ret = percpu_counter_init(&vm_committed_as, 0, GFP_KERNEL);
	VM_BUG_ON(ret);
}

/* ---- invariants (CONFIG_DEBUG_VM_RB's validate_mm) ---- */

int refmm_check_mm(struct mm_struct *mm, char *msg, size_t len)
{
	struct vm_area_struct *vma, *prev = NULL;
	struct rb_node *nd;
	unsigned long highest = 0;
	int i = 0, j = 0;

	for (vma = mm->mmap; vma; prev = vma, vma = vma->vm_next, i++) {
		if (vma->vm_prev != prev) {
			snprintf(msg, len, "vma %p: vm_prev %p, list has %p",
				 (void *)vma, (void *)vma->vm_prev,
				 (void *)prev);
			return -1;
		}
		if (vma->vm_start >= vma->vm_end ||
		    (vma->vm_start | vma->vm_end) & ~PAGE_MASK) {
			snprintf(msg, len, "vma %p: bad range %#lx-%#lx",
				 (void *)vma, vma->vm_start, vma->vm_end);
			return -1;
		}
		if (prev && prev->vm_end > vma->vm_start) {
			snprintf(msg, len, "vmas %#lx-%#lx and %#lx-%#lx overlap",
				 prev->vm_start, prev->vm_end, vma->vm_start,
				 vma->vm_end);
			return -1;
		}
		if (vma->vm_mm != mm) {
			snprintf(msg, len, "vma %#lx: vm_mm %p, not %p",
				 vma->vm_start, (void *)vma->vm_mm, (void *)mm);
			return -1;
		}
		if ((long)vma->rb_subtree_gap != vma_compute_subtree_gap(vma)) {
			snprintf(msg, len, "vma %#lx: rb_subtree_gap %#lx, should be %#lx",
				 vma->vm_start, vma->rb_subtree_gap,
				 (unsigned long)vma_compute_subtree_gap(vma));
			return -1;
		}
		highest = vma->vm_end;
	}
	if (i != mm->map_count) {
		snprintf(msg, len, "map_count %d, list has %d", mm->map_count, i);
		return -1;
	}
	if (highest != mm->highest_vm_end) {
		snprintf(msg, len, "highest_vm_end %#lx, last vma ends %#lx",
			 mm->highest_vm_end, highest);
		return -1;
	}
	/* the tree, in order, is the list */
	vma = mm->mmap;
	for (nd = rb_first(&mm->mm_rb); nd; nd = rb_next(nd), j++) {
		struct vm_area_struct *v;

		v = rb_entry(nd, struct vm_area_struct, vm_rb);
		if (v != vma) {
			snprintf(msg, len, "rbtree node %d is vma %p, list has %p",
				 j, (void *)v, (void *)vma);
			return -1;
		}
		vma = vma->vm_next;
	}
	if (j != i) {
		snprintf(msg, len, "rbtree has %d vmas, list %d", j, i);
		return -1;
	}
	return 0;
}

void validate_mm(struct mm_struct *mm)
{
	char msg[256];

	if (!refmm_debug_vm || !refmm_validate_mm)
		return;
	if (refmm_check_mm(mm, msg, sizeof(msg))) {
		pr_emerg("validate_mm: %s\n", msg);
		BUG();
	}
}
