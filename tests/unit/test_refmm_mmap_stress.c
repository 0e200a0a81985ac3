/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_refmm_mmap_stress.c - mmap, munmap, mprotect, brk, faults and fork
 * at random in one process, with the VMA and page-table invariants.
 *
 * 100,000 operations (REFMM_MMAP_STRESS_OPS overrides): mmap of
 * anonymous and file memory, private and shared, fixed in a 64 MiB window
 * (splitting and merging what is there) or where the kernel chooses;
 * munmap and mprotect of random ranges of the window; brk up and down;
 * reads and writes of random addresses; now and then a fork whose child
 * must see the same VMAs and exits again.
 *
 * After every operation refmm_check_mm() (4.0's validate_mm(): list and
 * rbtree agree, gaps, map_count) and the test's own check: the VMA list
 * sorted and disjoint, map_count and total_vm equal to what the list
 * holds, an in-order walk of mm_rb giving the list.  Each access's result
 * is predicted from the VMAs alone (a user access faults with SIGSEGV
 * outside a VMA or against its protection, with SIGBUS beyond the end of
 * a mapped file).  Every 500 operations the
 * page tables are walked: no present pte outside a VMA, none writable in
 * a VMA without VM_WRITE, every anonymous page's index its linear page
 * index and its anon_vma the VMA's (or an ancestor's, after fork), every
 * file page's mapping the file's and its index the file offset.
 *
 * In the end the process exits: after a warm-up run, the buddy allocator,
 * every slab cache and the anon, page-table and mapped counters are
 * exactly as before.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <refmm/machine.h>
#include <refmm/slab.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/printk.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <linux/fs.h>

#include "slab.h"
#include "test_refmm_procs_util.h"
#include "test_rnd.h"

#define DEFAULT_OPS	100000UL
#define WINDOW		(64UL << 20)
#define NR_FILES	3

static uint64_t rng_state = 0xda942042e4dd58b5ULL;

static uint64_t rnd(void)
{
	return test_rnd(&rng_state);
}

static unsigned long rnd_below(unsigned long n)
{
	return (unsigned long)((rnd() >> 16) % n);
}

static struct file *files[NR_FILES];
static unsigned long window;

/* ---- the checks ---- */

static void check_vmas(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *prev = NULL;
	struct rb_node *rb = rb_first(&mm->mm_rb);
	unsigned long total = 0;
	int n = 0;
	char msg[512];

	if (refmm_check_mm(mm, msg, sizeof(msg)))
		fail_msg("refmm_check_mm: %s", msg);
	for (vma = mm->mmap; vma; prev = vma, vma = vma->vm_next) {
		assert_true(vma->vm_start < vma->vm_end);
		assert_true(vma->vm_start % PAGE_SIZE == 0 && vma->vm_end % PAGE_SIZE == 0);
		assert_ptr_equal(vma->vm_prev, prev);
		assert_ptr_equal(vma->vm_mm, mm);
		if (prev)
			assert_true(prev->vm_end <= vma->vm_start);
		assert_non_null(rb);
		assert_ptr_equal(rb_entry(rb, struct vm_area_struct, vm_rb), vma);
		rb = rb_next(rb);
		total += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
		n++;
	}
	assert_null(rb);
	assert_int_equal(n, mm->map_count);
	assert_int_equal(total, mm->total_vm);
}

/* What a user access of @addr must give, from the VMAs alone. */
static int expected_access(struct mm_struct *mm, unsigned long addr, int write)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma || vma->vm_start > addr)
		return -EFAULT;		/* no stack to grow in the window */
	if (vma->vm_file) {		/* beyond the end of the file: SIGBUS */
		unsigned long pgoff = vma->vm_pgoff +
				      ((addr - vma->vm_start) >> PAGE_SHIFT);
		loff_t size = file_inode(vma->vm_file)->i_size;

		if (pgoff >= (unsigned long)((size + PAGE_SIZE - 1) >> PAGE_SHIFT) &&
		    (vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
			return -EFAULT;
	}
	if (write)
		return vma->vm_flags & VM_WRITE ? 0 : -EFAULT;
	return vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC) ? 0 : -EFAULT;
}

static int anon_vma_related(struct anon_vma *page_av, struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc;

	list_for_each_entry(avc, &vma->anon_vma_chain, same_vma)
		if (avc->anon_vma == page_av)
			return 1;
	return 0;
}

static unsigned long ptes_checked;

static void check_ptes_range(struct mm_struct *mm, unsigned long start,
			     unsigned long end)
{
	unsigned long addr;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = refmm_find_pte(mm, addr);
		struct vm_area_struct *vma;
		struct page *page;

		if (!pte) {
			addr |= PMD_SIZE - 1;	/* no table: skip it */
			addr -= PAGE_SIZE - 1;
			continue;
		}
		if (!pte_present(*pte))
			continue;
		ptes_checked++;
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr)
			fail_msg("pte at %#lx outside every VMA", addr);
		if (pte_write(*pte) && !(vma->vm_flags & VM_WRITE))
			fail_msg("writable pte at %#lx in a VMA without VM_WRITE", addr);
		if (pte_special(*pte)) {
			assert_int_equal(pte_pfn(*pte), my_zero_pfn(addr));
			continue;
		}
		page = pfn_to_page(pte_pfn(*pte));
		assert_true(page_mapcount(page) >= 1);
		if (PageAnon(page)) {
			struct anon_vma *av = (struct anon_vma *)
				((unsigned long)page->mapping - PAGE_MAPPING_ANON);

			assert_int_equal(page->index, vma->vm_pgoff +
					 ((addr - vma->vm_start) >> PAGE_SHIFT));
			if (!anon_vma_related(av, vma))
				fail_msg("anon page at %#lx: anon_vma not chained to its VMA",
					 addr);
		} else if (!vma->vm_file) {
			/* only a special mapping ([vdso]) maps kernel pages */
			if (!vma->vm_ops || !vma->vm_ops->name)
				fail_msg("page at %#lx: neither anonymous nor a file's",
					 addr);
		} else {
			assert_ptr_equal(page->mapping,
					 file_inode(vma->vm_file)->i_mapping);
			assert_int_equal(page->index, vma->vm_pgoff +
					 ((addr - vma->vm_start) >> PAGE_SHIFT));
		}
	}
}

static void check_ptes(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	/* the window, holes included, and every VMA */
	check_ptes_range(mm, window, window + WINDOW);
	for (vma = mm->mmap; vma; vma = vma->vm_next)
		if (vma->vm_end <= window || vma->vm_start >= window + WINDOW)
			check_ptes_range(mm, vma->vm_start, vma->vm_end);
}

/* ---- the operations ---- */

static const unsigned long prots[] = {
	PROT_READ | PROT_WRITE, PROT_READ, PROT_NONE, PROT_READ | PROT_EXEC,
	PROT_READ | PROT_WRITE,
};

static unsigned long rnd_prot(void)
{
	return prots[rnd_below(sizeof(prots) / sizeof(prots[0]))];
}

static void rnd_range(unsigned long *start, unsigned long *len)
{
	*start = window + rnd_below(WINDOW >> PAGE_SHIFT) * PAGE_SIZE;
	*len = (1 + rnd_below(rnd_below(4) ? 16 : 512)) * PAGE_SIZE;
	if (*start + *len > window + WINDOW)
		*len = window + WINDOW - *start;
}

struct counts {
	unsigned long mmap_fixed, mmap_any, munmap, mprotect, brk, access,
		faults_refused, fork;
};

static void compare_with_child(struct mm_struct *mm, struct mm_struct *cmm)
{
	struct vm_area_struct *a = mm->mmap, *b = cmm->mmap;

	for (; a && b; a = a->vm_next, b = b->vm_next) {
		assert_int_equal(a->vm_start, b->vm_start);
		assert_int_equal(a->vm_end, b->vm_end);
		assert_int_equal(a->vm_flags, b->vm_flags);
		assert_int_equal(a->vm_pgoff, b->vm_pgoff);
		assert_ptr_equal(a->vm_file, b->vm_file);
	}
	assert_null(a);
	assert_null(b);
}

static void run_ops(struct task_struct *t, unsigned long ops, struct counts *c)
{
	struct mm_struct *mm = t->mm;
	unsigned long any[64];
	size_t nany = 0;
	unsigned long op;

	for (op = 1; op <= ops; op++) {
		unsigned long k = rnd_below(100), start, len, r;

		run_on(t, 0);
		if (k < 15) {			/* mmap fixed in the window */
			int f = (int)rnd_below(NR_FILES + 3);
			unsigned long flags = MAP_FIXED;
			struct file *file = NULL;

			rnd_range(&start, &len);
			if (f < NR_FILES) {
				file = files[f];
				flags |= rnd_below(3) ? MAP_PRIVATE : MAP_SHARED;
			} else {
				flags |= MAP_PRIVATE | MAP_ANONYMOUS;
			}
			r = vm_mmap_pgoff(file, start, len, rnd_prot(), flags,
					  file ? rnd_below(256) : 0);
			assert_int_equal(r, start);
			c->mmap_fixed++;
		} else if (k < 20) {		/* mmap where the kernel likes */
			len = (1 + rnd_below(64)) * PAGE_SIZE;
			if (nany == 64) {
				size_t i = rnd_below(nany);

				assert_int_equal(vm_munmap(any[i], PAGE_SIZE), 0);
				any[i] = any[--nany];
			}
			r = vm_mmap_pgoff(NULL, 0, len, rnd_prot(),
					  MAP_PRIVATE | MAP_ANONYMOUS, 0);
			assert_false(IS_ERR_VALUE(r));
			assert_true(r >= mmap_min_addr && r + len <= mm->mmap_base);
			any[nany++] = r;
			c->mmap_any++;
		} else if (k < 30) {
			rnd_range(&start, &len);
			assert_int_equal(vm_munmap(start, len), 0);
			c->munmap++;
		} else if (k < 40) {
			long err;

			rnd_range(&start, &len);
			err = sys_mprotect(start, len, rnd_prot());
			assert_true(err == 0 || err == -ENOMEM);
			c->mprotect++;
		} else if (k < 44) {
			unsigned long want = mm->start_brk + rnd_below(512) * PAGE_SIZE;

			assert_int_equal(sys_brk(want), want);
			c->brk++;
		} else if (k < 45) {
			struct task_struct *child;

			assert_true(do_fork(SIGCHLD, t, &child) > 0);
			compare_with_child(mm, child->mm);
			check_vmas(child->mm);
			check_ptes(child->mm);
			run_on(child, 1);
			/* the child writes somewhere, then goes */
			start = window + rnd_below(WINDOW >> PAGE_SHIFT) * PAGE_SIZE;
			assert_int_equal(refmm_user_access(start, 1, &start, 8),
					 expected_access(child->mm, start, 1));
			kill_and_reap(child);
			c->fork++;
		} else {			/* an access */
			int write = (int)rnd_below(2), want, got;
			uint64_t v;

			if (rnd_below(8) || !nany) {
				start = window + rnd_below(WINDOW >> PAGE_SHIFT) * PAGE_SIZE +
					rnd_below(PAGE_SIZE / 8) * 8;
			} else {
				start = any[rnd_below(nany)] + rnd_below(64) * PAGE_SIZE;
			}
			want = expected_access(mm, start, write);
			v = start;
			got = refmm_user_access(start, write, &v, write ? 8 : 1);
			if (got != want)
				fail_msg("op %lu: %s of %#lx gave %d, the VMAs say %d",
					 op, write ? "write" : "read", start, got, want);
			if (!got && write) {
				v = 0;
				assert_int_equal(refmm_user_access(start, 0, &v, 8), 0);
				assert_int_equal(v, start);
			}
			c->access++;
			c->faults_refused += got != 0;
		}
		check_vmas(mm);
		if (op % 500 == 0)
			check_ptes(mm);
	}
}

static void one_run(unsigned long ops, struct counts *c)
{
	struct task_struct *t = spawn(init_proc(), "/usr/bin/python2.7", 0);

	run_on(t, 0);
	/* the window: where the kernel would put a 64 MiB mapping */
	window = vm_mmap_pgoff(NULL, 0, WINDOW, PROT_NONE,
			       MAP_PRIVATE | MAP_ANONYMOUS, 0);
	assert_false(IS_ERR_VALUE(window));
	run_ops(t, ops, c);
	check_ptes(t->mm);
	kill_and_reap(t);
	settle();
}

static void test_stress(void **state)
{
	const char *env = getenv("REFMM_MMAP_STRESS_OPS");
	unsigned long ops = env ? strtoul(env, NULL, 10) : DEFAULT_OPS;
	struct counts warm = { 0 }, c = { 0 };
	static struct snap before, after;
	struct timespec t0, t1;
	int i;

	(void)state;
	for (i = 0; i < NR_FILES; i++) {
		struct path p;
		char name[64];

		snprintf(name, sizeof(name), "/srv/stress/file%d", i);
		assert_int_equal(kern_path_refmm(name, 1, S_IFREG | 0644,
						 (__kernel_loff_t)300 << PAGE_SHIFT, &p), 0);
		files[i] = alloc_file(&p, FMODE_READ | FMODE_WRITE, NULL);
		assert_non_null(files[i]);
	}
	/* warm-up: the same operations fill the page cache and the slabs */
	rng_state = 0xda942042e4dd58b5ULL;
	one_run(ops, &warm);
	take_snap(&before);
	rng_state = 0xda942042e4dd58b5ULL;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	one_run(ops, &c);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	take_snap(&after);
	assert_same_snap(&before, &after);
	fprintf(stderr, "# %lu ops in %.2f s: %lu fixed mmaps, %lu other mmaps, "
		"%lu munmaps, %lu mprotects, %lu brks, %lu forks, %lu accesses "
		"(%lu refused), %lu ptes checked\n", ops,
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
		c.mmap_fixed, c.mmap_any, c.munmap, c.mprotect, c.brk, c.fork,
		c.access, c.faults_refused, ptes_checked);
	assert_true(c.faults_refused > 0 && c.faults_refused < c.access);
	for (i = 0; i < NR_FILES; i++)
		fput(files[i]);
}

static int group_setup(void **state)
{
	(void)state;
	return boot_with_tasks();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stress),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
