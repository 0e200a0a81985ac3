/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vm.c - crash's "vm": a task's mm_struct summary and its VMAs
 * (core/vma.h); -p each page's physical address through the task's page
 * tables (core/pgtable.h); -m and -v the mm_struct and each vm_area_struct
 * as gdb prints them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/command.h"
#include "core/dump.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/pgtable.h"
#include "core/record.h"
#include "core/session.h"
#include "core/task.h"
#include "core/types.h"
#include "core/value.h"
#include "core/vma.h"

#define UVADDR_PRLEN	10
#define VADDR_PRLEN	16

static const struct ms_option vm_options[] = {
	{ .letter = 'p', .arg = MS_OPT_NOARG, .help = "each page's physical address, or (not mapped)" },
	{ .letter = 'm', .arg = MS_OPT_NOARG, .help = "the mm_struct, as gdb prints it (text only)" },
	{ .letter = 'v', .arg = MS_OPT_NOARG,
	  .help = "each vm_area_struct, as gdb prints it (text only)" },
	{ 0 },
};

enum vm_mode { VM_LIST, VM_PAGES, VM_MM, VM_VMAS };

/* "PID: 1  TASK: ...  CPU: 0  COMMAND: ..." (crash 8's widths); also search -t's */
static void task_header(const struct ms_record *t)
{
	char cpu[16];

	if (ms_record_has(t, "cpu"))
		snprintf(cpu, sizeof(cpu), "%" PRId64, ms_record_get_s64(t, "cpu", 0));
	else
		snprintf(cpu, sizeof(cpu), "?");
	fprintf(ms_fp, "PID: %-7" PRId64 "  TASK: %-16" PRIx64 "  CPU: %-3s  COMMAND: \"%s\"\n",
		ms_record_get_s64(t, "pid", 0), ms_record_get_u64(t, "task", 0), cpu,
		ms_record_get_str(t, "comm", ""));
}

static void vma_header(void)
{
	char b1[32], b2[32], b3[32];

	fprintf(ms_fp, "%s %s %s  FLAGS FILE\n", ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, "VMA"),
		ms_mkstring(b2, sizeof(b2), UVADDR_PRLEN, MS_CENTER_RIGHT, "START"),
		ms_mkstring(b3, sizeof(b3), UVADDR_PRLEN, MS_CENTER_RIGHT, "END"));
}

static void vma_line(const struct ms_record *v)
{
	char a[24], b[32];

	snprintf(a, sizeof(a), "%" PRIx64, ms_record_get_u64(v, "vma", 0));
	fprintf(ms_fp, "%s %10" PRIx64 " %10" PRIx64 " %6" PRIx64 " %s\n",
		ms_mkstring(b, sizeof(b), VADDR_PRLEN, MS_CENTER, a), ms_record_get_u64(v, "start", 0),
		ms_record_get_u64(v, "end", 0), ms_record_get_u64(v, "flags", 0),
		ms_record_get_str(v, "file", ""));
}

struct vm_text_arg {
	enum vm_mode mode;
	int paddr_prlen;
};

static void vm_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	const struct vm_text_arg *a = arg;
	const struct ms_record *list = ms_record_get(rec, "tasks")->rec;
	char b1[32], b2[32], b3[32], b4[32], n[32];

	(void)sess;
	for (size_t i = 0; i < list->nr_fields; i++) {
		const struct ms_record *t = list->fields[i].rec;
		const struct ms_record_field *vmas = ms_record_get(t, "vmas");

		if (i)
			fputc('\n', ms_fp);
		task_header(t);
		fprintf(ms_fp, "%s  %s  %s  %s\n", ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, "MM"),
			ms_mkstring(b2, sizeof(b2), VADDR_PRLEN, MS_CENTER, "PGD"),
			ms_mkstring(b3, sizeof(b3), 6, MS_CENTER, "RSS"),
			ms_mkstring(b4, sizeof(b4), 8, MS_CENTER, "TOTAL_VM"));
		snprintf(b1, sizeof(b1), "%" PRIx64, ms_record_get_u64(t, "mm", 0));
		snprintf(b2, sizeof(b2), "%" PRIx64, ms_record_get_u64(t, "pgd", 0));
		fprintf(ms_fp, "%s  ", ms_mkstring(b3, sizeof(b3), VADDR_PRLEN, MS_CENTER, b1));
		fprintf(ms_fp, "%s  ", ms_mkstring(b3, sizeof(b3), VADDR_PRLEN, MS_CENTER, b2));
		snprintf(n, sizeof(n), "%" PRIu64 "k", ms_record_get_u64(t, "rss", 0));
		fprintf(ms_fp, "%s  ", ms_mkstring(b3, sizeof(b3), 6, MS_CENTER, n));
		snprintf(n, sizeof(n), "%" PRIu64 "k", ms_record_get_u64(t, "total_vm", 0));
		fprintf(ms_fp, "%s\n", ms_mkstring(b3, sizeof(b3), 8, MS_CENTER, n));
		if (!vmas || vmas->type != MS_FIELD_LIST)
			continue;
		if (a->mode == VM_LIST)
			vma_header();
		for (size_t k = 0; k < vmas->rec->nr_fields && !ms_interrupted(); k++) {
			const struct ms_record *v = vmas->rec->fields[k].rec;
			const struct ms_record_field *pages = ms_record_get(v, "pages");

			if (a->mode == VM_PAGES)
				vma_header();
			vma_line(v);
			if (a->mode != VM_PAGES || !pages)
				continue;
			fprintf(ms_fp, "%s  PHYSICAL\n",
				ms_mkstring(b1, sizeof(b1), UVADDR_PRLEN, MS_LJUST, "VIRTUAL"));
			for (size_t p = 0; p < pages->rec->nr_fields; p++) {
				const struct ms_record *pg = pages->rec->fields[p].rec;
				uint64_t va = ms_record_get_u64(pg, "vaddr", 0);

				if (ms_record_has(pg, "paddr"))
					fprintf(ms_fp, "%-10" PRIx64 "  %*" PRIx64 "\n", va, a->paddr_prlen,
						ms_record_get_u64(pg, "paddr", 0));
				else if (ms_record_has(pg, "file_offset"))
					fprintf(ms_fp, "%-10" PRIx64 "  FILE: %s  OFFSET: %" PRIx64 "\n", va,
						ms_record_get_str(v, "file", ""),
						ms_record_get_u64(pg, "file_offset", 0));
				else
					fprintf(ms_fp, "%-10" PRIx64 "  (not mapped)\n", va);
			}
		}
	}
}

struct pages_arg {
	struct ms_record *list;
	const struct ms_vma *vma;
	uint64_t next;		/* the next page to report */
	uint64_t page_size;
};

static void page_unmapped(struct pages_arg *p, uint64_t upto)
{
	for (; p->next < upto; p->next += p->page_size) {
		struct ms_record *pg = ms_record_append_record(p->list);

		ms_record_add_addr(pg, "vaddr", p->next);
		if (p->vma->file)
			ms_record_add_addr(pg, "file_offset",
					   p->vma->pgoff * p->page_size + (p->next - p->vma->start));
	}
}

static struct ms_error *pages_cb(const struct ms_pgtable_visit *v, bool *descend, void *arg)
{
	struct pages_arg *p = arg;
	uint64_t a, end;

	(void)descend;
	if (!v->leaf)
		return NULL;
	a = v->vaddr > p->vma->start ? v->vaddr : p->vma->start;
	end = v->vaddr + v->size < p->vma->end ? v->vaddr + v->size : p->vma->end;
	page_unmapped(p, a);
	for (; a < end; a += p->page_size) {
		struct ms_record *pg = ms_record_append_record(p->list);

		ms_record_add_addr(pg, "vaddr", a);
		ms_record_add_addr(pg, "paddr", v->paddr + (a - v->vaddr));
	}
	p->next = end;
	return ms_interrupted() ? &ms_interrupted_error : NULL;
}

struct vma_arg {
	struct ms_program *prog;
	struct ms_record *list;
	enum vm_mode mode;
	uint64_t root;		/* the task's pgd, physical */
	uint64_t page_size;
	const struct ms_type *vma_t;
	struct ms_session *sess;
};

static struct ms_error *vma_cb(const struct ms_vma *v, void *arg)
{
	struct vma_arg *a = arg;
	struct ms_record *r = ms_record_append_record(a->list);
	struct ms_error *err;

	ms_record_add_addr(r, "vma", v->vma);
	ms_record_add_addr(r, "start", v->start);
	ms_record_add_addr(r, "end", v->end);
	ms_record_add_addr(r, "flags", v->flags);
	if (v->file)
		ms_record_add_str(r, "file", v->path);
	else
		ms_record_add_null(r, "file");
	if (a->mode == VM_PAGES) {
		struct pages_arg p = { ms_record_add_list(r, "pages"), v, v->start, a->page_size };
		struct ms_pgtable_walk w = { a->root, v->start, v->end, pages_cb, &p, NULL };

		if ((err = ms_pgtable_walk(a->prog, &w)))
			return err;
		page_unmapped(&p, v->end);
	}
	return NULL;
}

/* -m / -v: gdb's print of each structure, straight to the output */
static struct ms_error *print_struct(struct ms_program *prog, const char *type, uint64_t addr, int radix)
{
	const struct ms_type *t;
	struct ms_error *err;
	void *buf;

	if ((err = ms_type_find(prog, type, &t)))
		return err;
	if (!(buf = malloc(ms_type_size(t))))
		return &ms_enomem;
	if (!(err = ms_readmem(prog, addr, MS_KVADDR, buf, ms_type_size(t), type + 7))) {
		ms_value_print(prog, ms_fp, t, buf, addr, radix, 0);
		fputc('\n', ms_fp);
	}
	free(buf);
	return err;
}

static struct ms_error *print_vma_cb(const struct ms_vma *v, void *arg)
{
	struct vma_arg *a = arg;

	if (ms_interrupted())
		return &ms_interrupted_error;
	return print_struct(a->prog, "struct vm_area_struct", v->vma, a->sess->radix);
}

static struct ms_error *task_record(struct ms_session *sess, struct ms_record *r, const struct ms_task *t,
				    enum vm_mode mode)
{
	struct ms_program *prog = sess->prog;
	const struct ms_dump_info *info = ms_dump_info(prog);
	uint64_t ps = info ? info->page_size : 4096;
	struct vma_arg a = { prog, NULL, mode, 0, ps, NULL, sess };
	struct ms_error *err;

	ms_record_add_s64(r, "pid", t->pid);
	ms_record_add_addr(r, "task", t->task);
	ms_record_add_opt_s64(r, "cpu", t->cpu >= 0, t->cpu);
	ms_record_add_str(r, "comm", t->comm);
	ms_record_add_addr(r, "mm", t->mm);
	ms_record_add_addr(r, "pgd", t->pgd);
	ms_record_add_u64(r, "rss", (uint64_t)t->rss * ps / 1024);
	ms_record_add_u64(r, "total_vm", t->total_vm * ps / 1024);
	if (!t->mm)
		return NULL;
	if (mode == VM_PAGES && (err = ms_kvtop(prog, t->pgd, &a.root)))
		return ms_error_prepend(err, "mm_struct %" PRIx64 " pgd", t->mm);
	a.list = ms_record_add_list(r, "vmas");
	return ms_vma_walk(prog, t->mm, vma_cb, &a);
}

static int cmd_vm_handler(struct ms_session *sess, int argc, char **argv)
{
	const struct ms_dump_info *info = ms_dump_info(sess->prog);
	struct vm_text_arg ta = { VM_LIST, 8 };
	const struct ms_task *t;
	const struct ms_tasks *tt;
	struct ms_record *rec, *list;
	struct ms_error *err;
	int c, nmodes = 0;

	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		switch (c) {
		case 'p':
			ta.mode = VM_PAGES;
			nmodes++;
			break;
		case 'm':
			ta.mode = VM_MM;
			nmodes++;
			break;
		case 'v':
			ta.mode = VM_VMAS;
			nmodes++;
			break;
		default:
			return ms_cmd_usage(sess, NULL);
		}
	}
	if (nmodes > 1)
		return ms_cmd_usage(sess, NULL);
	if ((ta.mode == VM_MM || ta.mode == VM_VMAS) && ms_json(sess))
		return ms_cmd_error(sess, "-%c has no JSON output", ta.mode == VM_MM ? 'm' : 'v');
	if ((err = ms_tasks_get(sess->prog, &tt)))
		return ms_cmd_fail(sess, err);
	if (info) {
		int d = ms_mm_hex_digits(info->max_pfn * info->page_size);

		ta.paddr_prlen = d > 8 ? d : 8;
	}
	rec = ms_record_create();
	list = ms_record_add_list(rec, "tasks");
	for (int i = optind; i <= argc; i++) {
		struct ms_record *r;

		if (i == argc && optind < argc)
			break;
		if (i == argc) {
			t = ms_task_context(sess->prog);
			if (!t) {
				ms_record_destroy(rec);
				return ms_cmd_error(sess, "no task context: no task could be read");
			}
		} else if ((err = ms_task_lookup(sess->prog, argv[i], &t))) {
			ms_record_destroy(rec);
			return ms_cmd_fail(sess, err);
		}
		if (ta.mode == VM_MM || ta.mode == VM_VMAS) {
			struct ms_record *one = ms_record_create();
			struct vma_arg a = { sess->prog, NULL, ta.mode, 0, 0, NULL, sess };

			ms_record_add_s64(one, "pid", t->pid);
			ms_record_add_addr(one, "task", t->task);
			ms_record_add_opt_s64(one, "cpu", t->cpu >= 0, t->cpu);
			ms_record_add_str(one, "comm", t->comm);
			if (i > optind && !(i == argc))
				fputc('\n', ms_fp);
			task_header(one);
			ms_record_destroy(one);
			if (!t->mm)
				continue;
			err = ta.mode == VM_MM ? print_struct(sess->prog, "struct mm_struct", t->mm, sess->radix) :
						 ms_vma_walk(sess->prog, t->mm, print_vma_cb, &a);
			if (err) {
				ms_record_destroy(rec);
				return ms_cmd_fail(sess, err);
			}
			continue;
		}
		r = ms_record_append_record(list);
		if ((err = task_record(sess, r, t, ta.mode))) {
			/* the VMAs before the damage are right: shown, then the damage */
			ms_emit(sess, rec, vm_text, &ta);
			return ms_cmd_fail(sess, err);
		}
	}
	if (ta.mode == VM_MM || ta.mode == VM_VMAS) {
		ms_record_destroy(rec);
		return 0;
	}
	ms_emit(sess, rec, vm_text, &ta);
	return 0;
}

const struct ms_command cmd_vm = {
	.name = "vm",
	.handler = cmd_vm_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.summary = "virtual memory information",
	.synopsis = "vm [-p | -m | -v] [pid | task] ...",
	.options = vm_options,
	.help =
"  Shows a task's virtual memory: the task header, its mm_struct, page\n"
"  directory, RSS and total_vm (in KiB), then one line per VMA in address\n"
"  order: the vm_area_struct, its start and end, vm_flags and the path of\n"
"  its file (empty for anonymous memory).  Without a pid or task, the\n"
"  context's task (set) is shown; a kernel thread has no VMAs.\n"
"\n"
"    -p  after each VMA, each of its pages: the physical address its\n"
"        page-table entry maps, the file offset of a file page not mapped,\n"
"        or (not mapped).\n"
"    -m  the mm_struct, as gdb prints it.\n"
"    -v  each vm_area_struct, as gdb prints it.\n"
"\n"
"EXAMPLES\n"
"    mmscope> vm 0\n",
};
