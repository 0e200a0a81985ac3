/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * program.c - making, filling and destroying a program (see program.h), and
 * what of its debuginfo belongs to the dump's kernel.
 */
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/dump.h"
#include "core/dwarf.h"
#include "core/field.h"
#include "core/list.h"
#include "core/slab.h"
#include "core/slub.h"
#include "core/mm.h"
#include "core/program.h"
#include "core/task.h"
#include "core/symbols.h"
#include "core/types.h"

/*
 * mmscope embeds refmm, the kernel of the dumps it writes, so their
 * debuginfo is the mmscope executable: its symbols and DWARF hold the
 * inspector as well as the kernel.  This symbol marks an mmscope
 * executable.  A debuginfo that has it shows only the kernel: what the
 * compilation units under MS_KERNEL_CU_DIR define, and what lies in the
 * image (the section between __start_kdata and __stop_kdata).  Any other
 * debuginfo (a vmlinux) is the kernel through and through.
 */
const char mmscope_inspector_marker[] __attribute__((used)) = "mmscope: not the dump's kernel";
#define MS_INSPECTOR_MARKER	"mmscope_inspector_marker"
#define MS_KERNEL_CU_DIR	"targets/refmm/"

struct ms_error *ms_program_create(struct ms_program **ret)
{
	struct ms_program *prog = calloc(1, sizeof(*prog));

	if (!prog)
		return &ms_enomem;
	*ret = prog;
	return NULL;
}

void ms_program_destroy(struct ms_program *prog)
{
	if (!prog)
		return;
	ms_tasks_free(prog);
	ms_mm_free(prog);
	ms_list_free(prog);
	ms_slab_free(prog);
	ms_slub_free(prog);
	ms_field_cache_free(prog);
	ms_types_free(prog);
	ms_symbols_free(prog);
	ms_dump_close(prog);
	free(prog->dump_path);
	free(prog->debuginfo_path);
	free(prog);
}

struct ms_error *ms_program_open_dump(struct ms_program *prog, const char *path)
{
	char *copy = strdup(path);
	struct ms_error *err;

	if (!copy)
		return &ms_enomem;
	err = ms_dump_open(prog, path);
	if (err) {
		free(copy);
		return err;
	}
	free(prog->dump_path);
	prog->dump_path = copy;
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* the kernel of an mmscope debuginfo                                     */

/* A function or variable a kernel CU defines (dw_kernel_defs()). */
struct kernel_def {
	char *name;
	uint64_t addr;		/* link-time */
	bool has_addr;
};

struct kernel_set {
	struct kernel_def *defs;	/* sorted by name */
	size_t n, cap;
	bool nomem;
	uint64_t image_start, image_end;	/* relocated; 0/0: no image */
	int64_t reloc;			/* added to DWARF addresses */
};

static void add_def(const char *name, uint64_t addr, bool has_addr, void *arg)
{
	struct kernel_set *ks = arg;

	if (ks->nomem)
		return;
	if (!ms_array_grow(&ks->defs, &ks->cap, ks->n + 1, 1024)) {
		ks->nomem = true;
		return;
	}
	ks->defs[ks->n].name = strdup(name);
	if (!ks->defs[ks->n].name) {
		ks->nomem = true;
		return;
	}
	ks->defs[ks->n].addr = addr;
	ks->defs[ks->n++].has_addr = has_addr;
}

static int def_cmp(const void *a, const void *b)
{
	return strcmp(((const struct kernel_def *)a)->name, ((const struct kernel_def *)b)->name);
}

/* The index of the first definition of @name, or ks->n if there is none. */
static size_t first_def(const struct kernel_set *ks, const char *name)
{
	size_t lo = 0, hi = ks->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ks->defs[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ks->n && !strcmp(ks->defs[lo].name, name) ? lo : ks->n;
}

/*
 * Whether @sym is the kernel's: in the image, or a function or variable of a
 * kernel CU at its address.  gcc's clones and split parts ("foo.cold",
 * "foo.part.0", "foo.isra.0") count as foo's; so does a function whose
 * code is split into ranges (no single address to compare).
 */
static bool keep_symbol(const struct ms_symbol *sym, void *arg)
{
	const struct kernel_set *ks = arg;
	size_t len = strcspn(sym->name, "."), i;
	char base[256];

	if (ks->image_end && sym->value >= ks->image_start && sym->value <= ks->image_end)
		return true;	/* __stop_kdata, the end, included */
	/* the static per-CPU area's bounds, which the link defines for the
	 * kernel (targets/refmm/percpu.lds): how crash tells per-CPU symbols */
	if (!strcmp(sym->name, "__per_cpu_start") || !strcmp(sym->name, "__per_cpu_end"))
		return true;
	if (!len || len >= sizeof(base) || sym->type == 'a' || sym->type == 'A')
		return false;
	memcpy(base, sym->name, len);
	base[len] = '\0';
	for (i = first_def(ks, base); i < ks->n && !strcmp(ks->defs[i].name, base); i++) {
		const struct kernel_def *d = &ks->defs[i];

		if (sym->name[len] || !d->has_addr || d->addr + (uint64_t)ks->reloc == sym->value)
			return true;
	}
	return false;
}

/*
 * For an mmscope debuginfo: show only the kernel's symbols and types
 * (unless prog->show_hidden).  Nothing changes for any other debuginfo.
 */
static struct ms_error *kernel_only(struct ms_program *prog)
{
	const struct ms_symbol *start, *end;
	struct kernel_set ks = { .reloc = ms_symbols_offset(prog) };
	struct ms_error *err;
	size_t i;

	if (!ms_symbol_find(prog, MS_INSPECTOR_MARKER))
		return NULL;
	if ((err = dw_set_kernel_cus(prog->dwarf, MS_KERNEL_CU_DIR)))
		return err;
	start = ms_symbol_find(prog, "__start_kdata");
	end = ms_symbol_find(prog, "__stop_kdata");
	if (start && end && end->value > start->value) {
		ks.image_start = start->value;
		ks.image_end = end->value;
	}
	dw_kernel_defs(prog->dwarf, add_def, &ks);
	if (!ks.nomem) {
		if (ks.n)	/* a damaged DWARF may define nothing: qsort(NULL) is UB */
			qsort(ks.defs, ks.n, sizeof(*ks.defs), def_cmp);
		err = ms_symbols_keep(prog, keep_symbol, &ks);
	}
	for (i = 0; i < ks.n; i++)
		free(ks.defs[i].name);
	free(ks.defs);
	if (ks.nomem)
		return &ms_enomem;
	if (!err)
		prog->kernel_only = true;
	return err;
}

bool ms_program_kernel_only(const struct ms_program *prog)
{
	return prog->kernel_only && !prog->show_hidden;
}

void ms_program_show_hidden(struct ms_program *prog, bool on)
{
	prog->show_hidden = on;
}

struct ms_error *ms_program_open_debuginfo(struct ms_program *prog, const char *path)
{
	const struct ms_dump_info *info = ms_dump_info(prog);
	char *copy = strdup(path);
	struct ms_error *err;

	if (!copy)
		return &ms_enomem;
	if ((err = ms_symbols_load(prog, path))) {
		free(copy);
		return err;
	}
	ms_symbols_relocate(prog, info ? info->kernel_offset : 0);
	if ((err = ms_types_load(prog, path)) || (err = kernel_only(prog)) ||
	    (err = ms_types_check(prog, path))) {
		ms_types_free(prog);
		ms_symbols_free(prog);
		free(copy);
		return err;
	}
	free(prog->debuginfo_path);
	prog->debuginfo_path = copy;
	return NULL;
}

void ms_program_set_reader(struct ms_program *prog, ms_program_read_fn *fn, void *arg)
{
	prog->read_fn = fn;
	prog->read_arg = arg;
}

bool ms_program_has_debuginfo(const struct ms_program *prog)
{
	return prog->debuginfo_path != NULL;
}
