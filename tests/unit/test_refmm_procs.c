/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_refmm_procs.c - processes, page faults, rmap, the LRU, reclaim and
 * the OOM killer, against 4.0's rules.
 *
 * One boot with tasks: 256 MiB, 4 cpus, init and the kernel threads.
 * What is checked, and the rule it comes from:
 *
 *   the scheduler: the task switched to on a cpu is its runqueue's curr,
 *     current_task there, thread_info->cpu and on_cpu say so (what crash's
 *     ps reads); the one it replaced is not on a cpu any more;
 *   exec: the layout load_elf_binary() and ld.so give (text at
 *     start_code, heap above the data, the stack VM_GROWSDOWN around
 *     start_stack, [vdso], libc), total_vm and map_count from the VMAs;
 *   faults (mm/memory.c): a read of untouched anonymous memory maps the
 *     zero page (a special pte); a write maps a new anonymous page:
 *     mapping = anon_vma | PAGE_MAPPING_ANON, index = the linear page
 *     index, _mapcount 0, PG_swapbacked, on the active anon list; a file
 *     page: mapping = the inode's address_space, index = the file offset,
 *     PG_lru without PG_swapbacked; these are what makedumpfile's page
 *     classes need, and page_dump_class() gives those classes (user data,
 *     cache; the zero page none);
 *   fork: private writable pages shared copy-on-write (both ptes
 *     read-only, _mapcount 1); the first write copies, the last sharer
 *     reuses;
 *   fork and exit: a second identical run after a warm-up leaves the
 *     buddy allocator, the slab caches of tasks, mms, VMAs, anon_vmas and
 *     pids, and the anon/page-table/mapped counters exactly as before;
 *   the LRU: a page read once is inactive and referenced, read twice
 *     active (mark_page_accessed()); reclaim frees clean unmapped page
 *     cache, which leaves the radix tree;
 *   the OOM killer: a task that touches more memory than there is is
 *     chosen (largest rss), gets TIF_MEMDIE, its report and kill lines are
 *     in the log, and its memory returns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <refmm/dump_filter.h>
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

#include "sched.h"
#include "slab.h"
#include "test_refmm_procs_util.h"
#include "test_refmm_slab_util.h"

extern int sysctl_overcommit_memory;

static int access(struct task_struct *t, unsigned long addr, int write)
{
	uint64_t v = addr;

	run_on(t, task_cpu(t));
	return refmm_user_access(addr, write, &v, write ? sizeof(v) : 1);
}

static struct page *user_page(struct mm_struct *mm, unsigned long addr,
			      pte_t *ptep)
{
	pte_t *pte = refmm_find_pte(mm, addr);

	if (!pte || !pte_present(*pte))
		return NULL;
	if (ptep)
		*ptep = *pte;
	return pfn_to_page(pte_pfn(*pte));
}

static struct vm_area_struct *vma_with(struct mm_struct *mm, const char *path,
				       unsigned long flag)
{
	struct vm_area_struct *vma;
	char buf[256];

	for (vma = mm->mmap; vma; vma = vma->vm_next) {
		if (!vma->vm_file)
			continue;
		if (!strcmp(d_path_refmm(&vma->vm_file->f_path, buf, sizeof(buf)), path) &&
		    (vma->vm_flags & flag) == flag)
			return vma;
	}
	return NULL;
}

static int on_list(struct page *page, struct list_head *head)
{
	struct list_head *p;

	list_for_each(p, head)
		if (p == &page->lru)
			return 1;
	return 0;
}

/*
 * The Mem-Info report of show_free_areas() holds, for each zone, a line
 * "Node N NAME free:XkB min:.. low:.. high:.." with min <= low <= high,
 * its lowmem_reserve[] line, and the buddy census "Node N NAME: a*4kB
 * b*8kB ... = YkB" whose terms add up to Y and whose Y is X (both are
 * the zone's free pages, read at the same moment).  Returns the zones
 * seen.
 */
static int check_mem_info(const char *log)
{
	const char *p = strstr(log, "Mem-Info:");
	int zones = 0;

	assert_non_null(p);
	for (p = strstr(p, "\nNode "); p; p = strstr(p + 1, "\nNode ")) {
		unsigned long fr, mn, lo, hi, n, kb, sum = 0, total;
		char name[16], census[32];
		const char *q, *end;
		int node, len;

		if (sscanf(p, "\nNode %d %15s free:%lukB min:%lukB low:%lukB high:%lukB",
			   &node, name, &fr, &mn, &lo, &hi) != 6)
			continue;
		zones++;
		assert_true(mn <= lo && lo <= hi);
		q = strchr(p + 1, '\n');
		assert_non_null(q);
		assert_int_equal(strncmp(q, "\nlowmem_reserve[]: ",
					 strlen("\nlowmem_reserve[]: ")), 0);
		/* the census line of the same zone */
		len = snprintf(census, sizeof(census), "\nNode %d %s: ", node, name);
		q = strstr(q, census);
		assert_non_null(q);
		end = strchr(q + 1, '\n');
		assert_non_null(end);
		for (q += len; q < end && sscanf(q, "%lu*%lukB", &n, &kb) == 2; ) {
			sum += n * kb;
			q = strchr(q, ' ');
			if (!q)
				break;
			while (*q == ' ')
				q++;
			if (*q == '(') {	/* migratetype letters */
				q = strchr(q, ')');
				assert_non_null(q);
				q++;
				while (*q == ' ')
					q++;
			}
			if (*q == '=')
				break;
		}
		assert_true(q && *q == '=');
		assert_int_equal(sscanf(q, "= %lukB", &total), 1);
		assert_int_equal(sum, total);
		assert_int_equal(total, fr);
	}
	return zones;
}

/* ---- tests ---- */

static void test_runqueues(void **state)
{
	struct task_struct *t = spawn(init_proc(), "/usr/bin/sleep", 2);
	struct task_struct *idle2 = idle_task(2);

	(void)state;
	assert_ptr_equal(cpu_rq(2)->curr, t);
	assert_ptr_equal(per_cpu(current_task, 2), t);
	assert_int_equal(task_cpu(t), 2);
	assert_int_equal(task_thread_info(t)->cpu, 2);
	assert_int_equal(t->on_cpu, 1);
	assert_int_equal(idle2->on_cpu, 0);
	assert_ptr_equal(cpu_rq(2)->idle, idle2);
	assert_int_equal(t->state, TASK_RUNNING);
	/* moving it: cpu 2 goes idle */
	run_on(t, 3);
	assert_ptr_equal(cpu_rq(3)->curr, t);
	assert_ptr_equal(cpu_rq(2)->curr, idle2);
	assert_int_equal(task_thread_info(t)->cpu, 3);
	refmm_task_sleep(t, TASK_INTERRUPTIBLE);
	assert_int_equal(t->on_cpu, 0);
	assert_ptr_equal(cpu_rq(3)->curr, idle_task(3));
	assert_int_equal(refmm_cpu_curr_pid(3), 0);
	/* the family: parent, children, sibling */
	assert_ptr_equal(t->real_parent, init_proc());
	assert_true(!list_empty(&init_proc()->children));
	kill_and_reap(t);
	settle();
}

static void test_exec_layout(void **state)
{
	struct task_struct *t = spawn(init_proc(), "/usr/sbin/sshd", 1);
	struct mm_struct *mm = t->mm;
	struct vm_area_struct *vma, *text, *stack = NULL, *vdso = NULL;
	unsigned long total = 0;
	int n = 0;

	(void)state;
	assert_non_null(mm);
	assert_string_equal(t->comm, "sshd");
	text = vma_with(mm, "/usr/sbin/sshd", VM_EXEC);
	assert_non_null(text);
	assert_int_equal(text->vm_start, mm->start_code);
	assert_true(mm->end_code <= text->vm_end);
	assert_true(mm->start_data >= mm->end_code);
	assert_true(mm->start_brk >= mm->end_data);
	assert_non_null(vma_with(mm, "/lib64/libc-2.17.so", VM_EXEC));
	assert_non_null(vma_with(mm, "/lib64/ld-2.17.so", VM_EXEC));
	for (vma = mm->mmap; vma; vma = vma->vm_next) {
		total += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
		n++;
		if (vma->vm_flags & VM_GROWSDOWN)
			stack = vma;
		if (vma->vm_ops && vma->vm_ops->name &&
		    !strcmp(vma->vm_ops->name(vma), "[vdso]"))
			vdso = vma;
		assert_true(vma->vm_start >= mmap_min_addr);
		assert_true(vma->vm_end <= TASK_SIZE);
	}
	assert_int_equal(total, mm->total_vm);
	assert_int_equal(n, mm->map_count);
	assert_non_null(stack);
	assert_true(mm->start_stack >= stack->vm_start &&
		    mm->start_stack < stack->vm_end);
	assert_non_null(vdso);
	/* ld.so and the libraries are mmap()ed below mmap_base, top-down */
	assert_true(vma_with(mm, "/lib64/libc-2.17.so", VM_EXEC)->vm_end <=
		    mm->mmap_base);
	kill_and_reap(t);
	settle();
}

static void test_fault_kinds(void **state)
{
	struct task_struct *t = spawn(init_proc(), "/usr/bin/sleep", 0);
	struct mm_struct *mm = t->mm;
	struct vm_area_struct *vma, *text;
	unsigned long a;
	struct page *page;
	pte_t pte;

	(void)state;
	run_on(t, 0);
	a = vm_mmap_pgoff(NULL, 0, 16 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, 0);
	assert_false(IS_ERR_VALUE(a));
	vma = find_vma(mm, a);
	assert_int_equal(vma->vm_start, a);

	/* a read of untouched anonymous memory: the zero page */
	assert_int_equal(access(t, a, 0), 0);
	page = user_page(mm, a, &pte);
	assert_non_null(page);
	assert_true(pte_special(pte));
	assert_int_equal(pte_pfn(pte), my_zero_pfn(a));
	assert_false(pte_write(pte));

	/* a write: a new anonymous page */
	assert_int_equal(access(t, a + PAGE_SIZE, 1), 0);
	page = user_page(mm, a + PAGE_SIZE, &pte);
	assert_non_null(page);
	assert_true(pte_write(pte) && pte_dirty(pte));
	assert_true(PageAnon(page));
	assert_ptr_equal((void *)((unsigned long)page->mapping - PAGE_MAPPING_ANON),
			 vma->anon_vma);
	assert_int_equal(page->index, vma->vm_pgoff + 1);
	assert_int_equal(page->index, (a + PAGE_SIZE) >> PAGE_SHIFT);
	assert_int_equal(page_mapcount(page), 1);
	assert_int_equal(atomic_read(&page->_mapcount), 0);
	assert_true(PageSwapBacked(page));
	assert_true(PageLRU(page) && PageActive(page));
	assert_true(on_list(page, &page_zone(page)->lruvec.lists[LRU_ACTIVE_ANON]));
	/* makedumpfile's rule: mapping's low bit set, user data (-d 8) */
	assert_int_equal(page_dump_class(page), DL_EXCLUDE_USER_DATA);
	/* the write went to that page */
	assert_int_equal(*(uint64_t *)page_address(page), a + PAGE_SIZE);
	/* writing over the zero page replaces it */
	assert_int_equal(access(t, a, 1), 0);
	page = user_page(mm, a, &pte);
	assert_false(pte_special(pte));
	assert_true(PageAnon(page));
	assert_int_equal(page->index, a >> PAGE_SHIFT);

	/* a file page: the executable's text */
	text = vma_with(mm, "/usr/bin/sleep", VM_EXEC);
	assert_non_null(text);
	assert_int_equal(access(t, text->vm_start + 2 * PAGE_SIZE, 0), 0);
	page = user_page(mm, text->vm_start + 2 * PAGE_SIZE, &pte);
	assert_non_null(page);
	assert_false(PageAnon(page));
	assert_ptr_equal(page->mapping, file_inode(text->vm_file)->i_mapping);
	assert_int_equal(page->index, text->vm_pgoff + 2);
	assert_true(PageLRU(page));
	assert_false(PageSwapBacked(page));
	assert_true(page_mapcount(page) >= 1);
	assert_false(pte_write(pte));
	assert_ptr_equal(find_get_page(page->mapping, page->index), page);
	put_page(page);		/* find_get_page()'s reference */
	/* on the LRU, not anonymous, no PG_private: -d 2 and -d 4 drop it */
	assert_false(PagePrivate(page));
	assert_int_equal(page_dump_class(page), DL_EXCLUDE_CACHE | DL_EXCLUDE_CACHE_PRI);
	/* the zero page is the kernel's: only its bytes (-d 1) leave it out */
	assert_int_equal(page_dump_class(pfn_to_page(my_zero_pfn(a))), 0);
	/* a write to read-only text is refused */
	assert_int_equal(access(t, text->vm_start, 1), -EFAULT);
	kill_and_reap(t);
	settle();
}

static void test_cow(void **state)
{
	struct task_struct *p = spawn(init_proc(), "/usr/bin/bash", 1), *c;
	unsigned long a;
	struct page *pp, *cp;
	pte_t ppte, cpte;
	uint64_t v;

	(void)state;
	run_on(p, 1);
	a = vm_mmap_pgoff(NULL, 0, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, 0);
	assert_int_equal(access(p, a, 1), 0);	/* the parent's value: a */
	assert_true(do_fork(SIGCHLD, p, &c) > 0);
	pp = user_page(p->mm, a, &ppte);
	cp = user_page(c->mm, a, &cpte);
	assert_ptr_equal(pp, cp);
	assert_false(pte_write(ppte));
	assert_false(pte_write(cpte));
	assert_int_equal(page_mapcount(pp), 2);
	assert_int_equal(atomic_read(&pp->_mapcount), 1);

	/* the child writes: its own copy */
	run_on(c, 2);
	v = 0x1234;
	assert_int_equal(refmm_user_access(a, 1, &v, sizeof(v)), 0);
	cp = user_page(c->mm, a, &cpte);
	assert_ptr_not_equal(cp, pp);
	assert_true(pte_write(cpte));
	assert_true(PageAnon(cp));
	assert_int_equal(*(uint64_t *)page_address(cp), 0x1234);
	assert_int_equal(*(uint64_t *)page_address(pp), a);
	assert_int_equal(page_mapcount(pp), 1);
	assert_int_equal(page_mapcount(cp), 1);

	/* the parent, now alone, reuses its page (do_wp_page's reuse) */
	assert_int_equal(access(p, a, 1), 0);
	assert_ptr_equal(user_page(p->mm, a, &ppte), pp);
	assert_true(pte_write(ppte));
	kill_and_reap(c);
	kill_and_reap(p);
	settle();
}

/* One run of a small family: exec, touch everything, fork, COW, exit. */
static void family_run(void)
{
	struct task_struct *p = spawn(init_proc(), "/usr/sbin/crond", 3), *c;
	struct vm_area_struct *vma;
	unsigned long a;

	run_on(p, 3);
	assert_int_equal(sys_brk(p->mm->start_brk + 64 * PAGE_SIZE),
			 p->mm->start_brk + 64 * PAGE_SIZE);
	a = vm_mmap_pgoff(NULL, 0, 32 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, 0);
	assert_false(IS_ERR_VALUE(a));
	for (vma = p->mm->mmap; vma; vma = vma->vm_next) {
		unsigned long x;

		if (!(vma->vm_flags & (VM_READ | VM_WRITE)))
			continue;
		for (x = vma->vm_start; x < vma->vm_end; x += PAGE_SIZE)
			assert_int_equal(access(p, x, !!(vma->vm_flags & VM_WRITE)), 0);
	}
	assert_true(do_fork(SIGCHLD, p, &c) > 0);
	run_on(c, 2);
	for (unsigned long x = a; x < a + 16 * PAGE_SIZE; x += PAGE_SIZE)
		assert_int_equal(access(c, x, 1), 0);
	assert_int_equal(vm_munmap(a + 8 * PAGE_SIZE, 4 * PAGE_SIZE), 0);
	kill_and_reap(c);
	kill_and_reap(p);
	settle();
}

static void test_fork_exit_returns_everything(void **state)
{
	static struct snap before, after;
	char msg[256];

	(void)state;
	family_run();		/* warm-up: page cache, slabs, pid maps */
	settle();
	take_snap(&before);
	family_run();
	take_snap(&after);
	assert_same_snap(&before, &after);
	assert_int_equal(refmm_check_invariants(msg, sizeof(msg)), 0);
}

static struct file *open_file(const char *path, unsigned long pages)
{
	struct path p;
	struct file *f;

	assert_int_equal(kern_path_refmm(path, 1, S_IFREG | 0644,
					 (__kernel_loff_t)pages << PAGE_SHIFT, &p), 0);
	f = alloc_file(&p, FMODE_READ, NULL);
	assert_non_null(f);
	return f;
}

static void test_lru_and_reclaim(void **state)
{
	struct file *once = open_file("/var/tmp/once", 64);
	struct file *twice = open_file("/var/tmp/twice", 64);
	struct address_space *m1 = file_inode(once)->i_mapping;
	struct address_space *m2 = file_inode(twice)->i_mapping;
	struct zonelist *zl = &NODE_DATA(0)->node_zonelists[0];
	struct page *page;
	unsigned long i, cached0, gone = 0, loops = 0;

	(void)state;
	assert_int_equal(refmm_read_file(once, 0, 64, 1), 64);
	assert_int_equal(refmm_read_file(twice, 0, 64, 2), 64);
	for (i = 0; i < 64; i++) {
		page = find_get_page(m1, i);
		assert_non_null(page);
		assert_true(PageLRU(page) && !PageActive(page) && PageReferenced(page));
		assert_ptr_equal(page->mapping, m1);
		assert_int_equal(page->index, i);
		assert_int_equal(page_mapcount(page), 0);
		put_page(page);
		page = find_get_page(m2, i);
		assert_true(PageLRU(page) && PageActive(page));
		assert_true(on_list(page, &page_zone(page)->lruvec.lists[LRU_ACTIVE_FILE]));
		put_page(page);
	}
	cached0 = global_page_state(NR_FILE_PAGES);
	/* reclaim until the pages read once have gone */
	while (loops++ < 200) {
		try_to_free_pages(zl, 0, GFP_KERNEL, NULL);
		gone = 0;
		for (i = 0; i < 64; i++) {
			page = find_get_page(m1, i);
			if (!page)
				gone++;
			else
				put_page(page);
		}
		if (gone == 64)
			break;
	}
	assert_int_equal(gone, 64);
	assert_true(global_page_state(NR_FILE_PAGES) <= cached0 - 64);
	fput(once);
	fput(twice);
}

static void test_oom_kill(void **state)
{
	struct task_struct *hog;
	unsigned long a, x, len = 512UL << 20;	/* twice the RAM */
	int pid, killed = 0, old = sysctl_overcommit_memory;
	char want[64];
	static struct snap before, after;

	(void)state;
	take_snap(&before);
	hog = spawn(init_proc(), "/usr/local/bin/hog", 1);
	pid = hog->pid;
	klog_reset();
	sysctl_overcommit_memory = 1;
	run_on(hog, 1);
	a = vm_mmap_pgoff(NULL, 0, len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, 0);
	assert_false(IS_ERR_VALUE(a));
	for (x = a; x < a + len; x += PAGE_SIZE) {
		access(hog, x, 1);
		if (test_tsk_thread_flag(hog, TIF_MEMDIE)) {
			killed = 1;
			break;
		}
	}
	sysctl_overcommit_memory = old;
	assert_true(killed);
	snprintf(want, sizeof(want), "Out of memory: Kill process %d (hog)", pid);
	if (!strstr(klog_text(), want))
		fail_msg("log lacks \"%s\":\n%.3000s", want, klog_text());
	assert_non_null(strstr(klog_text(), "hog invoked oom-killer"));
	/* this machine has DMA and DMA32 */
	assert_int_equal(check_mem_info(klog_text()), 2);
	assert_non_null(strstr(klog_text(), "[ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name"));
	snprintf(want, sizeof(want), "Killed process %d (hog)", pid);
	assert_non_null(strstr(klog_text(), want));
	kill_and_reap(hog);
	assert_null(find_task_by_vpid(pid));
	settle();
	/* its memory is back (and the page cache reclaim took stays taken) */
	take_snap(&after);
	assert_true(after.free >= before.free);
	assert_int_equal(after.anon, before.anon);
	assert_int_equal(after.pagetable, before.pagetable);
}

static int group_setup(void **state)
{
	(void)state;
	if (boot_with_tasks())
		return -1;
	klog_capture();
	refmm_validate_mm = 1;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_runqueues),
		cmocka_unit_test(test_exec_layout),
		cmocka_unit_test(test_fault_kinds),
		cmocka_unit_test(test_cow),
		cmocka_unit_test(test_fork_exit_returns_everything),
		cmocka_unit_test(test_lru_and_reclaim),
		cmocka_unit_test(test_oom_kill),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
