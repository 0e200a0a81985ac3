/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vtop.c - crash's "vtop": a virtual address translated through the page
 * tables (core/pgtable.h), each level as crash prints it, the PTE's flags,
 * the VMA of a user address and the page's struct page.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cmd/kmem.h"
#include "core/command.h"
#include "core/dump.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/pgtable.h"
#include "core/record.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/task.h"
#include "core/vma.h"

#define VADDR_PRLEN	16
#define UVADDR_PRLEN	10
#define PHYSICAL_PAGE_MASK	0x000ffffffffff000ULL

static const struct ms_option vtop_options[] = {
	{ .letter = 'u', .arg = MS_OPT_NOARG, .help = "a user address of the context's task" },
	{ .letter = 'k', .arg = MS_OPT_NOARG, .help = "a kernel address" },
	{ .letter = 'c', .arg = MS_OPT_ARG, .argname = "pid | task",
	  .help = "use this task's page tables (and make its VMAs the user ones)" },
	{ 0 },
};

/* x86-64's PTE bits, in crash's order (arch/x86/include/asm/pgtable_types.h) */
static const struct { uint64_t bit; const char *name; } pte_bits[] = {
	{ 1ULL << 0, "PRESENT" }, { 1ULL << 1, "RW" }, { 1ULL << 2, "USER" }, { 1ULL << 3, "PWT" },
	{ 1ULL << 4, "PCD" }, { 1ULL << 5, "ACCESSED" }, { 1ULL << 6, "DIRTY" }, { 1ULL << 7, "PSE" },
	{ 1ULL << 8, "GLOBAL" }, { 1ULL << 63, "NX" },
};

static void pte_flags(uint64_t pte, char *buf, size_t bufsz)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(pte_bits) / sizeof(pte_bits[0]); i++) {
		if (!(pte & pte_bits[i].bit))
			continue;
		if (pte_bits[i].bit == (1ULL << 7) && !(pte & 1))
			continue;
		n += (size_t)snprintf(buf + n, bufsz - n, "%s%s", n ? "|" : "", pte_bits[i].name);
		if (n >= bufsz)
			break;
	}
	if (!pte)
		snprintf(buf, bufsz, "no mapping");
}

/* The record of one translation, its levels as the walk met them. */
struct vt_arg {
	struct ms_record *levels;
	uint64_t leaf_entry;
	uint64_t leaf_size;
	bool leaf;
};

static struct ms_error *level_cb(const struct ms_pgtable_visit *v, bool *descend, void *arg)
{
	struct vt_arg *a = arg;
	struct ms_record *r = ms_record_append_record(a->levels);

	(void)descend;
	ms_record_add_str(r, "level", ms_pgtable_level_name(v->level));
	ms_record_add_addr(r, "entry_addr", v->table + (uint64_t)v->index * 8);
	ms_record_add_addr(r, "entry", v->entry);
	if (v->leaf) {
		a->leaf = true;
		a->leaf_entry = v->entry;
		a->leaf_size = v->size;
	}
	return NULL;
}

struct vt_text {
	bool user;
	struct ms_session *sess;
};

static void vtop_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	const struct vt_text *o = arg;
	const struct ms_record *levels = ms_record_get(rec, "levels")->rec;
	int vw = o->user ? UVADDR_PRLEN : VADDR_PRLEN;
	char b1[32], b2[32], va[24], pa[24];
	uint64_t vaddr = ms_record_get_u64(rec, "vaddr", 0);

	fprintf(ms_fp, "%s  %s\n", ms_mkstring(b1, sizeof(b1), vw, MS_LJUST, "VIRTUAL"),
		ms_mkstring(b2, sizeof(b2), VADDR_PRLEN, MS_LJUST, "PHYSICAL"));
	snprintf(va, sizeof(va), "%" PRIx64, vaddr);
	if (ms_record_get_str(rec, "status", NULL)) {
		fprintf(ms_fp, "%s  (%s)\n", ms_mkstring(b1, sizeof(b1), vw, MS_LJUST, va),
			ms_record_get_str(rec, "status", ""));
		if (!strcmp(ms_record_get_str(rec, "status", ""), "not accessible"))
			return;
	} else {
		snprintf(pa, sizeof(pa), "%" PRIx64, ms_record_get_u64(rec, "paddr", 0));
		fprintf(ms_fp, "%s  %s\n", ms_mkstring(b1, sizeof(b1), vw, MS_LJUST, va),
			ms_mkstring(b2, sizeof(b2), VADDR_PRLEN, MS_LJUST, pa));
	}
	fputc('\n', ms_fp);
	fprintf(ms_fp, "PGD DIRECTORY: %" PRIx64 "\n", ms_record_get_u64(rec, "pgd", 0));
	for (size_t i = 0; i < levels->nr_fields; i++) {
		const struct ms_record *l = levels->fields[i].rec;
		const char *name = ms_record_get_str(l, "level", "");

		if (!strcmp(name, "PGD"))
			fprintf(ms_fp, "PAGE DIRECTORY: %" PRIx64 "\n", ms_record_get_u64(l, "entry", 0));
		else
			fprintf(ms_fp, "   %s: %" PRIx64 " => %" PRIx64 "\n", name,
				ms_record_get_u64(l, "entry_addr", 0), ms_record_get_u64(l, "entry", 0));
	}
	if (!ms_record_has(rec, "pte"))
		return;
	{
		uint64_t pte = ms_record_get_u64(rec, "pte", 0), size = ms_record_get_u64(rec, "page_size", 0);
		uint64_t page = ms_record_get_u64(rec, "paddr", 0) & ~(size - 1);
		char flags[160], b3[40], ptes[24], phys[24];
		int len1, len2;

		if (size == (1ULL << 30))
			fprintf(ms_fp, "  PAGE: %" PRIx64 "  (1GB)\n\n", page);
		else if (size == (1ULL << 21))
			fprintf(ms_fp, "  PAGE: %" PRIx64 "  (2MB)\n\n", page);
		else
			fprintf(ms_fp, "  PAGE: %" PRIx64 "%s\n\n", page, o->user ? "  " : "");
		snprintf(ptes, sizeof(ptes), "%" PRIx64, pte);
		snprintf(phys, sizeof(phys), "%" PRIx64, page);
		len1 = (int)strlen(ptes) > 3 ? (int)strlen(ptes) : 3;
		len2 = (int)strlen(phys) > 8 ? (int)strlen(phys) : 8;
		fprintf(ms_fp, "%s  ", ms_mkstring(b1, sizeof(b1), len1, MS_CENTER, "PTE"));
		fprintf(ms_fp, "%s  FLAGS\n", ms_mkstring(b2, sizeof(b2), len2, MS_CENTER, "PHYSICAL"));
		pte_flags(pte, flags, sizeof(flags));
		fprintf(ms_fp, "%s  %s  (%s)\n", ms_mkstring(b1, sizeof(b1), len1, MS_CENTER_RIGHT, ptes),
			ms_mkstring(b3, sizeof(b3), len2, MS_CENTER_RIGHT, phys), flags);
	}
	if (ms_record_has(rec, "vma")) {
		const struct ms_record *v = ms_record_get(rec, "vma")->rec;
		char a[24];

		fputc('\n', ms_fp);
		fprintf(ms_fp, "%s %s %s  FLAGS FILE\n",
			ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, "VMA"),
			ms_mkstring(b2, sizeof(b2), UVADDR_PRLEN, MS_CENTER_RIGHT, "START"),
			ms_mkstring(va, sizeof(va), UVADDR_PRLEN, MS_CENTER_RIGHT, "END"));
		snprintf(a, sizeof(a), "%" PRIx64, ms_record_get_u64(v, "vma", 0));
		fprintf(ms_fp, "%s %10" PRIx64 " %10" PRIx64 " %6" PRIx64 " %s\n",
			ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, a), ms_record_get_u64(v, "start", 0),
			ms_record_get_u64(v, "end", 0), ms_record_get_u64(v, "flags", 0),
			ms_record_get_str(v, "file", ""));
	}
	if (ms_record_has(rec, "page")) {
		struct ms_mm_addr ka;

		fputc('\n', ms_fp);
		ms_mm_resolve(sess->prog, ms_record_get_u64(rec, "paddr", 0), true, &ka);
		if (ka.kind != MS_MM_ADDR_NONE)
			kmem_pages(sess, &ka, 1, false);
	}
}

/* the virtual address of the top table, as crash prints it */
static uint64_t root_vaddr(struct ms_program *prog, uint64_t root)
{
	static const char *const names[] = { "init_top_pgt", "init_level4_pgt", "swapper_pg_dir" };
	const struct ms_mm *mm;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct ms_symbol *s = ms_symbol_find(prog, names[i]);
		uint64_t pa;

		if (s && ms_error_ok(ms_kvtop(prog, s->value, &pa)) && pa == root)
			return s->value;
	}
	if (ms_error_ok(ms_mm(prog, MS_MM_ZONES, &mm)))
		return ms_mm_pfn_to_kvaddr(mm, root >> mm->page_shift);
	return root;
}

static int vtop_one(struct ms_session *sess, uint64_t vaddr, bool user, const struct ms_task *t, bool blank)
{
	struct ms_program *prog = sess->prog;
	struct ms_record *rec = ms_record_create();
	struct vt_arg a = { NULL, 0, 0, false };
	struct vt_text o = { user, sess };
	uint64_t root, paddr, pfn;
	struct ms_error *err, *damage = NULL;
	struct ms_vma vma;
	bool found = false;

	ms_record_add_addr(rec, "vaddr", vaddr);
	ms_record_add_bool(rec, "user", user);
	if (user) {
		if (!t || !t->mm) {
			ms_record_destroy(rec);
			return ms_cmd_error(sess, "no current user process");
		}
		/* a damaged VMA list: a VMA met before the damage is still
		 * translated, then the damage said */
		damage = ms_vma_find(prog, t->mm, vaddr, &vma, &found);
		if ((damage && (!found || damage->kind != MS_ERR_CORRUPT)) ||
		    (err = ms_kvtop(prog, t->pgd, &root))) {
			ms_record_destroy(rec);
			if (damage)
				return ms_cmd_fail(sess, damage);
			return ms_cmd_fail(sess, err);
		}
		ms_record_add_addr(rec, "pgd", t->pgd);
	} else {
		if ((err = ms_pgtable_kernel_root(prog, &root))) {
			ms_record_destroy(rec);
			return ms_cmd_fail(sess, err);
		}
		ms_record_add_addr(rec, "pgd", root_vaddr(prog, root));
	}
	if (user && !found) {
		ms_record_add_str(rec, "status", "not accessible");
		ms_record_add_list(rec, "levels");
	} else {
		a.levels = ms_record_add_list(rec, "levels");
		err = ms_pgtable_translate(prog, root, vaddr, level_cb, &a, &paddr);
		if (err && err->kind != MS_ERR_FAULT) {
			ms_record_destroy(rec);
			ms_error_destroy(damage);
			return ms_cmd_fail(sess, err);
		}
		if (err || !a.leaf) {
			ms_error_destroy(err);
			ms_record_add_str(rec, "status", "not mapped");
		} else {
			ms_record_add_addr(rec, "paddr", paddr);
			ms_record_add_addr(rec, "pte", a.leaf_entry);
			ms_record_add_u64(rec, "page_size", a.leaf_size);
		}
	}
	if (user && found) {
		struct ms_record *v = ms_record_add_record(rec, "vma");

		ms_record_add_addr(v, "vma", vma.vma);
		ms_record_add_addr(v, "start", vma.start);
		ms_record_add_addr(v, "end", vma.end);
		ms_record_add_addr(v, "flags", vma.flags);
		if (vma.file)
			ms_record_add_str(v, "file", vma.path);
		else
			ms_record_add_null(v, "file");
	}
	if (ms_record_has(rec, "pte")) {
		const struct ms_mm *mm;

		if (ms_error_ok(ms_mm(prog, MS_MM_ZONES, &mm))) {
			uint64_t page;

			pfn = paddr >> mm->page_shift;
			if (ms_error_ok(ms_mm_pfn_to_page(prog, pfn, &page)))
				ms_record_add_addr(rec, "page", page);
		}
	}
	if (blank && !ms_json(sess))
		fputc('\n', ms_fp);
	ms_emit(sess, rec, vtop_text, &o);
	return damage ? ms_cmd_fail(sess, damage) : 0;
}

static int cmd_vtop_handler(struct ms_session *sess, int argc, char **argv)
{
	const struct ms_task *t = NULL;
	bool user = false, kernel = false;
	struct ms_error *err;
	int c, rc = 0;

	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		switch (c) {
		case 'u':
			user = true;
			break;
		case 'k':
			kernel = true;
			break;
		case 'c':
			if ((err = ms_task_lookup(sess->prog, optarg, &t)))
				return ms_cmd_fail(sess, err);
			break;
		default:
			return ms_cmd_usage(sess, NULL);
		}
	}
	if (user && kernel)
		return ms_cmd_error(sess, "-u and -k options are mutually exclusive");
	if (optind == argc)
		return ms_cmd_usage(sess, NULL);
	if (!t)
		t = ms_task_context(sess->prog);
	for (int i = optind; i < argc; i++) {
		unsigned long long v;
		bool u = user;

		if ((err = ms_parse_addr_or_symbol(sess->prog, argv[i], &v))) {
			rc = ms_cmd_fail(sess, err);
			continue;
		}
		if (!user && !kernel && t && t->mm) {
			/* refmm's address spaces do not tell user from kernel by the
			 * top bits: a VMA of the task's holding it makes it a user one */
			struct ms_vma vma;
			bool found = false;
			uint64_t root, pa;

			/* a VMA list that cannot be walked: the user path says why */
			if (ms_error_ok(ms_pgtable_kernel_root(sess->prog, &root)) &&
			    !ms_error_ok(ms_pgtable_translate(sess->prog, root, v, NULL, NULL, &pa)) &&
			    (!ms_error_ok(ms_vma_find(sess->prog, t->mm, v, &vma, &found)) || found))
				u = true;
		}
		rc |= vtop_one(sess, v, u, t, i > optind);
	}
	return rc;
}

const struct ms_command cmd_vtop = {
	.name = "vtop",
	.handler = cmd_vtop_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.summary = "virtual to physical",
	.synopsis = "vtop [-c [pid | taskp]] [-u|-k] address ...",
	.options = vtop_options,
	.help =
"  Translates each virtual address to its physical address through the\n"
"  page tables, showing every level as it is read: the top table (PGD\n"
"  DIRECTORY), its entry (PAGE DIRECTORY), then for PUD, PMD and PTE the\n"
"  address of the entry and its value, and the PAGE it maps (2MB and 1GB\n"
"  pages marked); then the PTE's physical address and flags, and the page's\n"
"  struct page.  A kernel address goes through the kernel's page tables; a\n"
"  user address (-u, or one inside a VMA of the context's task) through the\n"
"  task's, and its VMA is shown.  An address no entry maps is \"(not\n"
"  mapped)\"; a user address outside every VMA is \"(not accessible)\".\n"
"\n"
"    -u  a user address of the context's task (set), or of -c's.\n"
"    -k  a kernel address.\n"
"    -c pid | task  that task's page tables.\n"
"\n"
"EXAMPLES\n"
"    mmscope> vtop node_data\n",
};
