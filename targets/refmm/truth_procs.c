// SPDX-License-Identifier: GPL-2.0-only
/*
 * truth_procs.c - the truth file's "vmlist", "tasks", "log", "vm_stat",
 * "lru" and "meminfo" (schema in mmscope-gen(1)).
 *
 * Like the rest of the truth, everything comes from refmm's structures in
 * this process, never from the dump:
 *
 *   vmlist   every vmap_area with a vm_struct (VM_VM_AREA), walked on
 *            vmap_area_list; the caller's symbol from the executable's
 *            own symbol table (read here with a small ELF reader, not
 *            the inspector's libelf code).
 *   tasks    init_task's tasks list, each group's threads, the idle
 *            tasks; per task its VMAs from the mm's list, each file path
 *            built from the dentries (d_path), and the RSS counted by
 *            walking the page tables (present ptes of real pages, anon or
 *            file by page->mapping), not from the rss_stat counters.
 *   log      the copies printk kept of each record as it stored it, not
 *            the ring: every line with its timestamp and level.
 *   lru      each zone's LRU lists walked and counted.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/percpu_counter.h>
#include <linux/sched.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>
#include <linux/fs.h>

#include "refmm/truth.h"
#include "refmm/truth_json.h"
#include "sched.h"

/* ---- the executable's symbols: a small ELF64 reader ---- */

struct tsym {
	uint64_t addr, size;
	const char *name;
};

static struct {
	int loaded;
	void *map;
	size_t len;
	struct tsym *syms;
	size_t nr;
} tsyms;

static int tsym_cmp(const void *a, const void *b)
{
	const struct tsym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static void tsyms_load(void)
{
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh;
	struct stat st;
	int fd, i;

	tsyms.loaded = 1;
	fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &st) < 0 || st.st_size < (off_t)sizeof(*eh)) {
		close(fd);
		return;
	}
	tsyms.len = (size_t)st.st_size;
	tsyms.map = mmap(NULL, tsyms.len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (tsyms.map == MAP_FAILED) {
		tsyms.map = NULL;
		return;
	}
	eh = tsyms.map;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_shoff == 0 ||
	    eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(*sh) > tsyms.len)
		return;
	sh = (const Elf64_Shdr *)((const char *)tsyms.map + eh->e_shoff);
	for (i = 0; i < eh->e_shnum; i++) {
		const Elf64_Sym *sym;
		const char *str;
		size_t n, j;

		if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum)
			continue;
		if (sh[i].sh_offset + sh[i].sh_size > tsyms.len)
			continue;
		sym = (const Elf64_Sym *)((const char *)tsyms.map +
					  sh[i].sh_offset);
		str = (const char *)tsyms.map + sh[sh[i].sh_link].sh_offset;
		n = sh[i].sh_size / sizeof(*sym);
		tsyms.syms = calloc(n, sizeof(*tsyms.syms));
		if (!tsyms.syms)
			return;
		for (j = 0; j < n; j++) {
			if (ELF64_ST_TYPE(sym[j].st_info) != STT_FUNC ||
			    !sym[j].st_value || !sym[j].st_name)
				continue;
			tsyms.syms[tsyms.nr].addr = sym[j].st_value;
			tsyms.syms[tsyms.nr].size = sym[j].st_size;
			tsyms.syms[tsyms.nr].name = str + sym[j].st_name;
			tsyms.nr++;
		}
		qsort(tsyms.syms, tsyms.nr, sizeof(*tsyms.syms), tsym_cmp);
		return;
	}
}

/* "name+0xoff" of the function containing @addr, or NULL. */
static json_object *truth_symbol(uint64_t addr)
{
	size_t lo = 0, hi;
	char buf[256];

	if (!tsyms.loaded)
		tsyms_load();
	hi = tsyms.nr;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (tsyms.syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	lo--;
	if (tsyms.syms[lo].size && addr >= tsyms.syms[lo].addr +
					   tsyms.syms[lo].size)
		return NULL;
	snprintf(buf, sizeof buf, "%s+0x%" PRIx64, tsyms.syms[lo].name,
		 addr - tsyms.syms[lo].addr);
	return json_object_new_string(buf);
}

/* ---- vmlist ---- */

static json_object *truth_vmlist(uint64_t *total, uint64_t *lazy)
{
	json_object *arr = json_object_new_array();
	struct vmap_area *va;

	*total = 0;
	*lazy = 0;
	list_for_each_entry(va, &vmap_area_list, list) {
		struct vm_struct *vm = va->vm;
		json_object *o, *sym;

		if (!(va->flags & VM_VM_AREA) || !vm) {
			(*lazy)++;
			continue;
		}
		o = json_object_new_object();
		add(o, "vmap_area", jaddr((uintptr_t)va));
		add(o, "vm_struct", jaddr((uintptr_t)vm));
		add(o, "addr", jaddr((uintptr_t)vm->addr));
		add(o, "end", jaddr((uintptr_t)vm->addr + vm->size));
		add(o, "size", jnum(vm->size));
		add(o, "flags", jnum(vm->flags));
		add(o, "nr_pages", jnum(vm->nr_pages));
		add(o, "pages", jaddr((uintptr_t)vm->pages));
		add(o, "phys_addr", jaddr(vm->phys_addr));
		add(o, "caller", jaddr((uintptr_t)vm->caller));
		sym = truth_symbol((uintptr_t)vm->caller);
		add(o, "caller_symbol", sym);
		if (vm->nr_pages) {
			json_object *pfns = json_object_new_array();
			unsigned int i;

			for (i = 0; i < vm->nr_pages && i < 4; i++)
				json_object_array_add(pfns,
					jnum(page_to_pfn(vm->pages[i])));
			add(o, "first_pfns", pfns);
		}
		json_object_array_add(arr, o);
		*total += vm->size;
	}
	return arr;
}

/* ---- tasks ---- */

/* crash's two-letter task state */
static const char *task_state_str(struct task_struct *p)
{
	if (p->exit_state & EXIT_ZOMBIE)
		return "ZO";
	if (p->exit_state & EXIT_DEAD)
		return "DE";
	switch (p->state & (TASK_STATE_MAX - 1)) {
	case TASK_RUNNING:
		return "RU";
	case TASK_INTERRUPTIBLE:
		return "IN";
	case TASK_UNINTERRUPTIBLE:
		return "UN";
	case __TASK_STOPPED:
	case TASK_STOPPED:
		return "ST";
	case __TASK_TRACED:
		return "TR";
	case TASK_DEAD:
		return "DE";
	case TASK_WAKING:
		return "WA";
	case TASK_PARKED:
		return "PA";
	}
	return "??";
}

struct rss_walk {
	uint64_t anon, file, zero, pte_pages;
};

/* the pages a VMA maps, from the page tables */
static void vma_rss(struct vm_area_struct *vma, struct rss_walk *w)
{
	unsigned long addr;

	for (addr = vma->vm_start; addr < vma->vm_end; ) {
		pte_t *pte = refmm_find_pte(vma->vm_mm, addr);
		unsigned long end = (addr + PMD_SIZE) & PMD_MASK;

		if (end > vma->vm_end || !end)
			end = vma->vm_end;
		if (!pte) {
			addr = end;
			continue;
		}
		for (; addr < end; addr += PAGE_SIZE, pte++) {
			struct page *page;

			if (!pte_present(*pte))
				continue;
			if (pte_special(*pte)) {
				w->zero++;
				continue;
			}
			page = pfn_to_page(pte_pfn(*pte));
			if (PageAnon(page))
				w->anon++;
			else
				w->file++;
		}
	}
}

static json_object *truth_vma(struct vm_area_struct *vma, struct rss_walk *w)
{
	json_object *o = json_object_new_object();
	char buf[512];

	add(o, "vma", jaddr((uintptr_t)vma));
	add(o, "start", jaddr(vma->vm_start));
	add(o, "end", jaddr(vma->vm_end));
	add(o, "flags", jaddr(vma->vm_flags));
	add(o, "pgoff", jnum(vma->vm_pgoff));
	if (vma->vm_file) {
		char *p = d_path_refmm(&vma->vm_file->f_path, buf, sizeof buf);

		add(o, "file", p ? json_object_new_string(p) : NULL);
	} else if (vma->vm_ops && vma->vm_ops->name) {
		add(o, "file", NULL);
		add(o, "name", json_object_new_string(vma->vm_ops->name(vma)));
	} else {
		add(o, "file", NULL);
	}
	add(o, "anon_vma", jaddr((uintptr_t)vma->anon_vma));
	{
		struct rss_walk vw = { 0, 0, 0, 0 };

		vma_rss(vma, &vw);
		add(o, "rss_anon", jnum(vw.anon));
		add(o, "rss_file", jnum(vw.file));
		add(o, "zero_pages", jnum(vw.zero));
		w->anon += vw.anon;
		w->file += vw.file;
		w->zero += vw.zero;
	}
	return o;
}

static json_object *truth_task(struct task_struct *p, bool idle)
{
	json_object *o = json_object_new_object();
	int cpu = (int)task_cpu(p);
	struct mm_struct *mm = p->mm;

	add(o, "pid", json_object_new_int(p->pid));
	add(o, "tgid", json_object_new_int(p->tgid));
	add(o, "ppid", json_object_new_int(idle ? 0 : p->real_parent->pid));
	add(o, "comm", json_object_new_string(p->comm));
	add(o, "task", jaddr((uintptr_t)p));
	add(o, "stack", jaddr((uintptr_t)p->stack));
	add(o, "state", json_object_new_string(task_state_str(p)));
	add(o, "state_value", jnum((uint64_t)p->state));
	add(o, "exit_state", json_object_new_int(p->exit_state));
	add(o, "flags", jaddr(p->flags));
	add(o, "cpu", json_object_new_int(cpu));
	add(o, "on_cpu", json_object_new_boolean(cpu_rq(cpu)->curr == p));
	add(o, "kthread", json_object_new_boolean(!mm));
	add(o, "mm", jaddr((uintptr_t)mm));
	add(o, "active_mm", jaddr((uintptr_t)p->active_mm));
	add(o, "oom_score_adj", json_object_new_int(p->signal ?
					p->signal->oom_score_adj : 0));
	if (mm) {
		json_object *vmas = json_object_new_array();
		struct rss_walk w = { 0, 0, 0, 0 };
		struct vm_area_struct *vma;
		uint64_t total = 0;

		add(o, "pgd", jaddr((uintptr_t)mm->pgd));
		add(o, "pgd_phys", jaddr(__pa(mm->pgd)));
		for (vma = mm->mmap; vma; vma = vma->vm_next) {
			json_object_array_add(vmas, truth_vma(vma, &w));
			total += vma_pages(vma);
		}
		add(o, "total_vm", jnum(total));
		add(o, "rss", jnum(w.anon + w.file));
		add(o, "rss_anon", jnum(w.anon));
		add(o, "rss_file", jnum(w.file));
		/* the mm's own counters, what ps reads: the walk checks them */
		add(o, "rss_stat_file", jnum(get_mm_counter(mm, MM_FILEPAGES)));
		add(o, "rss_stat_anon", jnum(get_mm_counter(mm, MM_ANONPAGES)));
		add(o, "map_count", json_object_new_int(mm->map_count));
		add(o, "mm_users", json_object_new_int(atomic_read(&mm->mm_users)));
		add(o, "start_code", jaddr(mm->start_code));
		add(o, "end_code", jaddr(mm->end_code));
		add(o, "start_data", jaddr(mm->start_data));
		add(o, "end_data", jaddr(mm->end_data));
		add(o, "start_brk", jaddr(mm->start_brk));
		add(o, "brk", jaddr(mm->brk));
		add(o, "start_stack", jaddr(mm->start_stack));
		add(o, "arg_start", jaddr(mm->arg_start));
		add(o, "arg_end", jaddr(mm->arg_end));
		add(o, "mmap_base", jaddr(mm->mmap_base));
		add(o, "nr_ptes", jnum((uint64_t)atomic_long_read(&mm->nr_ptes)));
		add(o, "vmas", vmas);
	} else {
		add(o, "total_vm", jnum(0));
		add(o, "rss", jnum(0));
	}
	return o;
}

static json_object *truth_tasks(void)
{
	json_object *arr = json_object_new_array();
	struct task_struct *g, *t;
	int cpu;

	/* the idle tasks first, by CPU, as crash's task table has them */
	for_each_possible_cpu(cpu)
		json_object_array_add(arr, truth_task(idle_task(cpu), true));
	for (g = next_task(&init_task); g != &init_task; g = next_task(g)) {
		t = g;
		do {
			json_object_array_add(arr, truth_task(t, false));
		} while ((t = next_thread(t)) != g);
	}
	return arr;
}

/* ---- the log ---- */

static json_object *truth_log(void)
{
	json_object *o = json_object_new_object();
	json_object *lines = json_object_new_array();
	const struct refmm_log_copy *c;
	const char *panic_text = NULL;
	u64 first_seq, next_seq;
	u32 first_idx, next_idx;
	size_t nr, i;
	uint64_t nlines = 0;

	refmm_log_bounds(&first_seq, &next_seq, &first_idx, &next_idx);
	c = refmm_log_copies(&nr);
	add(o, "buf_len", jnum(refmm_log_buf_len()));
	add(o, "first_seq", jnum(first_seq));
	add(o, "next_seq", jnum(next_seq));
	add(o, "first_idx", jnum(first_idx));
	add(o, "next_idx", jnum(next_idx));
	add(o, "records", jnum(nr));
	for (i = 0; i < nr; i++) {
		json_object *r = json_object_new_object();
		const char *p = c[i].text;

		add(r, "seq", jnum(c[i].seq));
		add(r, "ts_nsec", jnum(c[i].ts_nsec));
		add(r, "level", json_object_new_int(c[i].level));
		add(r, "text", json_object_new_string_len(c[i].text,
							  (int)c[i].len));
		json_object_array_add(lines, r);
		nlines++;
		while ((p = memchr(p, '\n', c[i].len - (size_t)(p - c[i].text)))) {
			nlines++;
			p++;
		}
		if (!strncmp(c[i].text, "Kernel panic - not syncing: ", 28))
			panic_text = c[i].text;
	}
	add(o, "lines", jnum(nlines));
	add(o, "panic", panic_text ? json_object_new_string(panic_text) : NULL);
	add(o, "entries", lines);
	return o;
}

/* ---- counters and lists ---- */

static json_object *truth_vm_stat(atomic_long_t *stat)
{
	json_object *o = json_object_new_object();
	int i;

	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		add(o, vmstat_text[i], jnum((uint64_t)atomic_long_read(&stat[i])));
	return o;
}

static const char *const lru_names[NR_LRU_LISTS] = {
	"inactive_anon", "active_anon", "inactive_file", "active_file",
	"unevictable",
};

static json_object *truth_lru(void)
{
	json_object *arr = json_object_new_array();
	struct zone *zone;

	for_each_populated_zone(zone) {
		json_object *z = json_object_new_object();
		enum lru_list lru;

		add(z, "node", json_object_new_int(zone_to_nid(zone)));
		add(z, "zone", json_object_new_string(zone->name));
		for (lru = 0; lru < NR_LRU_LISTS; lru++) {
			struct list_head *pos;
			uint64_t n = 0;

			list_for_each(pos, &zone->lruvec.lists[lru])
				n++;
			add(z, lru_names[lru], jnum(n));
		}
		add(z, "vm_stat", truth_vm_stat(zone->vm_stat));
		json_object_array_add(arr, z);
	}
	return arr;
}

/* mem_map-wide figures: what kmem -i walks for SHARED, and the page kinds */
static json_object *truth_meminfo(void)
{
	json_object *o = json_object_new_object();
	uint64_t shared = 0, anon = 0, cache = 0, cache_private = 0;
	uint64_t lru = 0, mapped = 0;
	int nid;

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);
		unsigned long i;

		for (i = 0; i < pgdat->node_spanned_pages; i++) {
			struct page *page = pgdat->node_mem_map + i;

			if (page_count(page) > 1)
				shared++;
			if (PageLRU(page))
				lru++;
			if (PageAnon(page))
				anon++;
			else if (PageLRU(page) && page->mapping) {
				if (PagePrivate(page))
					cache_private++;
				else
					cache++;
			}
			if (page_mapped(page) && !PageSlab(page))
				mapped++;
		}
	}
	add(o, "totalram_pages", jnum(totalram_pages));
	add(o, "buffers", jnum((uint64_t)nr_blockdev_pages()));
	add(o, "file_pages", jnum(global_page_state(NR_FILE_PAGES)));
	add(o, "pages_count_gt1", jnum(shared));
	add(o, "lru_pages", jnum(lru));
	add(o, "anon_pages", jnum(anon));
	add(o, "cache_pages", jnum(cache));
	add(o, "cache_private_pages", jnum(cache_private));
	add(o, "mapped_pages", jnum(mapped));
	add(o, "total_swap_pages", jnum((uint64_t)total_swap_pages));
	add(o, "committed_as", jnum((uint64_t)vm_committed_as.count));
	add(o, "commit_limit", jnum(vm_commit_limit()));
	return o;
}

int truth_procs(json_object *root, char *err, size_t errlen)
{
	uint64_t total, lazy;
	json_object *vml;

	(void)err;
	(void)errlen;
	vml = truth_vmlist(&total, &lazy);
	add(root, "vmlist", vml);
	add(root, "vmlist_total", jnum(total));
	add(root, "vmap_lazy_areas", jnum(lazy));
	add(root, "init_mm", jaddr((uintptr_t)&init_mm));
	add(root, "tasks", truth_tasks());
	add(root, "log", truth_log());
	add(root, "vm_stat", truth_vm_stat(vm_stat));
	add(root, "lru", truth_lru());
	add(root, "meminfo", truth_meminfo());
	return 0;
}
