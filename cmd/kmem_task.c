/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kmem_task.c - the steps of kmem ADDR that know about tasks: a user
 * address of the context's task (its VMA and page), and a page that holds
 * a page table (the kernel's or a task's, and at which level).
 */
#include <inttypes.h>
#include <stdio.h>

#include "cmd/kmem.h"
#include "core/dump.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/pgtable.h"
#include "core/record.h"
#include "core/session.h"
#include "core/task.h"
#include "core/vma.h"

struct pt_find {
	uint64_t table;			/* the physical page looked for */
	enum ms_pgtable_level level;	/* what it is, when found */
	uint64_t parent;		/* the table whose entry points at it */
	bool found;
};

static struct ms_error *pt_cb(const struct ms_pgtable_visit *v, bool *descend, void *arg)
{
	struct pt_find *f = arg;

	if (v->leaf || !v->present) {
		*descend = false;
		return NULL;
	}
	if (v->paddr == f->table) {
		f->level = (enum ms_pgtable_level)(v->level - 1);
		f->parent = v->table;
		f->found = true;
		return &ms_stop;
	}
	if (v->level == MS_PGT_PMD)
		*descend = false;	/* a PTE table points at no table */
	return ms_interrupted() ? &ms_interrupted_error : NULL;
}

/* whether the tables under @p root hold the page at @p table; *f says where */
static bool pt_search(struct ms_program *prog, uint64_t root, uint64_t table, struct pt_find *f)
{
	struct ms_pgtable_walk w = { root, 0, 0, pt_cb, f, NULL };
	uint64_t unreadable = 0;

	w.unreadable = &unreadable;
	f->table = table;
	f->found = false;
	if (root == table) {
		f->level = MS_PGT_PGD;
		f->parent = 0;
		return f->found = true;
	}
	if (!ms_error_ok(ms_pgtable_walk(prog, &w)))
		return false;
	return f->found;
}

/* kmem ADDR's "page_table": the table's level, whose, and its parent */
static void pgtable_json(struct ms_record *json, const struct pt_find *f, const struct ms_task *t)
{
	struct ms_record *r = ms_record_add_record(json, "page_table");

	ms_record_add_str(r, "level", ms_pgtable_level_name(f->level));
	ms_record_add_bool(r, "kernel", !t);
	if (t) {
		ms_record_add_addr(r, "mm", t->mm);
		ms_record_add_s64(r, "pid", t->pid);
		ms_record_add_str(r, "comm", t->comm);
	} else {
		ms_record_add_null(r, "mm");
		ms_record_add_null(r, "pid");
		ms_record_add_null(r, "comm");
	}
	if (f->parent) {
		ms_record_add_addr(r, "parent", f->parent);
		ms_record_add_str(r, "parent_level", ms_pgtable_level_name(f->level + 1));
	} else {
		ms_record_add_null(r, "parent");
		ms_record_add_null(r, "parent_level");
	}
}

int kmem_pgtable_identify(struct ms_session *sess, uint64_t paddr, uint64_t pfn, struct ms_record *json,
			  bool *found_ret)
{
	struct ms_program *prog = sess->prog;
	const struct ms_tasks *tt;
	const struct ms_mm *mm;
	struct pt_find f;
	uint64_t root, page, last_mm = 0;

	*found_ret = false;
	if (!ms_error_ok(ms_mm(prog, MS_MM_ZONES, &mm)))
		goto none;
	page = ms_mm_pfn_to_phys(mm, pfn);
	if (ms_error_ok(ms_pgtable_kernel_root(prog, &root)) && pt_search(prog, root, page, &f)) {
		*found_ret = true;
		if (json) {
			pgtable_json(json, &f, NULL);
			return 0;
		}
		fprintf(ms_fp, "%" PRIx64 ": %s table of the kernel's page tables", paddr,
			ms_pgtable_level_name(f.level));
		if (f.parent)
			fprintf(ms_fp, " (from the %s table at %" PRIx64 ")", ms_pgtable_level_name(f.level + 1),
				f.parent);
		fprintf(ms_fp, "\n\n");
		return 0;
	}
	if (!ms_error_ok(ms_tasks_get(prog, &tt)))
		goto none;
	for (size_t i = 0; i < tt->nr; i++) {
		const struct ms_task *t = &tt->tasks[i];

		if (!t->mm || t->mm == last_mm || !ms_error_ok(ms_kvtop(prog, t->pgd, &root)))
			continue;
		last_mm = t->mm;
		if (!pt_search(prog, root, page, &f))
			continue;
		*found_ret = true;
		if (json) {
			pgtable_json(json, &f, t);
			return 0;
		}
		fprintf(ms_fp, "%" PRIx64 ": %s table of mm %" PRIx64 " (PID %" PRId64 " \"%s\")", paddr,
			ms_pgtable_level_name(f.level), t->mm, t->pid, t->comm);
		if (f.parent)
			fprintf(ms_fp, ", from the %s table at %" PRIx64, ms_pgtable_level_name(f.level + 1),
				f.parent);
		fprintf(ms_fp, "\n\n");
		return 0;
	}
none:
	if (json)
		ms_record_add_null(json, "page_table");
	return 0;
}

/*
 * A user address of the context's task: the task, its VMA and the page.
 * With @p json: "user" (the task, its "vma" and whether the address is
 * "mapped", at which "physical" address) and "page" (kmem -p's record).
 */
int kmem_user_identify(struct ms_session *sess, uint64_t addr, struct ms_record *json, bool *found_ret)
{
	struct ms_program *prog = sess->prog;
	const struct ms_task *t = ms_task_context(prog);
	struct ms_vma v;
	uint64_t root, pa;
	bool found = false, mapped;
	struct ms_mm_addr ka;
	char b[24];
	struct ms_error *err;
	int rc = 0;

	*found_ret = false;
	if (!t || !t->mm)
		return 0;
	/* a damaged VMA list is said; a VMA met before the damage still shown */
	if ((err = ms_vma_find(prog, t->mm, addr, &v, &found))) {
		ms_cmd_fail(sess, err);
		rc = -1;
	}
	if (!found)
		return 0;
	*found_ret = true;
	mapped = ms_error_ok(ms_kvtop(prog, t->pgd, &root)) &&
		 ms_error_ok(ms_pgtable_translate(prog, root, addr, NULL, NULL, &pa));
	if (mapped) {
		ms_mm_resolve(prog, pa, true, &ka);
		mapped = ka.kind != MS_MM_ADDR_NONE;
	}
	if (json) {
		struct ms_record *u = ms_record_add_record(json, "user"), *r;

		ms_record_add_s64(u, "pid", t->pid);
		ms_record_add_addr(u, "task", t->task);
		ms_record_add_opt_s64(u, "cpu", t->cpu >= 0, t->cpu);
		ms_record_add_str(u, "comm", t->comm);
		ms_record_add_addr(u, "mm", t->mm);
		r = ms_record_add_record(u, "vma");
		ms_record_add_addr(r, "vma", v.vma);
		ms_record_add_addr(r, "start", v.start);
		ms_record_add_addr(r, "end", v.end);
		ms_record_add_addr(r, "flags", v.flags);
		if (v.path[0])
			ms_record_add_str(r, "file", v.path);
		else
			ms_record_add_null(r, "file");
		ms_record_add_bool(u, "mapped", mapped);
		if (mapped)
			ms_record_add_addr(u, "physical", pa);
		else
			ms_record_add_null(u, "physical");
		if (!mapped) {
			ms_record_add_null(json, "page");
			return rc;
		}
		return kmem_page_record(sess, &ka, ms_record_add_record(json, "page")) || rc ? -1 : 0;
	}
	fprintf(ms_fp, "PID: %-7" PRId64 "  TASK: %-16" PRIx64 "  CPU: %-3d  COMMAND: \"%s\"\n", t->pid, t->task,
		t->cpu, t->comm);
	fprintf(ms_fp, "      VMA           START       END     FLAGS FILE\n");
	snprintf(b, sizeof(b), "%" PRIx64, v.vma);
	{
		char c[32];

		fprintf(ms_fp, "%s %10" PRIx64 " %10" PRIx64 " %6" PRIx64 " %s\n\n",
			ms_mkstring(c, sizeof(c), 16, MS_CENTER, b), v.start, v.end, v.flags, v.path);
	}
	if (mapped)
		return kmem_pages(sess, &ka, 1, false) || rc ? -1 : 0;
	fprintf(ms_fp, "%" PRIx64 ": user virtual address not mapped\n", addr);
	return rc;
}
