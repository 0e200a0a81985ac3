/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vmalloc.c - vmap_area_list's areas with a vm_struct (see vmalloc.h).
 *
 * Which areas have one: up to 5.3, those flagged VM_VM_AREA in va->flags;
 * from 5.4, when vmap_area has no flags member, every area whose vm is set
 * (vm_map_ram()'s blocks leave it NULL; on vmap_area_list it is never the
 * subtree_max_size it shares a union with, which only free areas use).
 */
#include <inttypes.h>
#include <stdio.h>

#include "core/dump.h"
#include "core/field.h"
#include "core/list.h"
#include "core/slab.h"
#include "core/symbols.h"
#include "core/types.h"
#include "core/vmalloc.h"

#define VM_VM_AREA	0x04	/* mm/vmalloc.c, 2.6.28 to 5.3 */

struct va_fields {
	const struct ms_field *start, *end, *flags, *vm, *list;
	const struct ms_field *addr, *size, *vflags, *nr_pages, *pages, *phys, *caller;
	ms_vm_area_fn *fn;
	void *arg;
	struct ms_program *prog;
	struct ms_slab_free_memo freed;	/* the caches of the areas and vm_structs */
	uint64_t prev_end;		/* the list is sorted by address */
};

/* The vm_struct against its vmap_area and itself (see ms_vm_area.problem). */
static void check_area(struct ms_program *prog, struct ms_vm_area *a)
{
	const struct ms_dump_info *info = ms_dump_info(prog);
	uint64_t page_size = info ? info->page_size : 4096, first;
	struct ms_error *err;

	if (a->addr != a->va_start)
		snprintf(a->problem, sizeof(a->problem), "vm_struct %" PRIx64 ": addr %" PRIx64
			 ", not its vmap_area %" PRIx64 "'s va_start %" PRIx64, a->vm_struct, a->addr,
			 a->vmap_area, a->va_start);
	else if (a->size != a->va_end - a->va_start)
		snprintf(a->problem, sizeof(a->problem), "vm_struct %" PRIx64 ": size %#" PRIx64
			 ", not its vmap_area %" PRIx64 "'s %#" PRIx64, a->vm_struct, a->size,
			 a->vmap_area, a->va_end - a->va_start);
	else if (a->nr_pages > a->size / page_size)
		snprintf(a->problem, sizeof(a->problem), "vm_struct %" PRIx64 ": nr_pages %" PRIu64
			 ", more than its size %#" PRIx64 " holds", a->vm_struct, a->nr_pages, a->size);
	else if (a->nr_pages &&
		 (err = ms_read_u64(prog, a->pages, &first, "vm_struct pages"))) {
		snprintf(a->problem, sizeof(a->problem), "vm_struct %" PRIx64 ": pages %" PRIx64 ": %s",
			 a->vm_struct, a->pages, err->message);
		ms_error_destroy(err);
	}
}

static struct ms_error *va_cb(uint64_t va, void *arg)
{
	struct va_fields *f = arg;
	struct ms_program *prog = f->prog;
	struct ms_vm_area a = { .vmap_area = va };
	uint64_t flags, prev_end = f->prev_end;
	char freed[160];
	struct ms_error *err;

	if ((err = ms_field_read_u64(prog, f->start, va, &a.va_start, "vmap_area va_start")) ||
	    (err = ms_field_read_u64(prog, f->end, va, &a.va_end, "vmap_area va_end")) ||
	    (err = ms_field_read_u64(prog, f->vm, va, &a.vm_struct, "vmap_area vm")))
		return err;
	f->prev_end = a.va_end;
	/*
	 * A vmap_area freed while still on the list (kfree()d, or purged and
	 * reached through a stale pointer): its members are whatever the
	 * allocator left, so they are shown as read but nothing is followed.
	 */
	if (ms_slab_addr_free(prog, &f->freed, va, freed, sizeof(freed))) {
		snprintf(a.problem, sizeof(a.problem), "on vmap_area_list but %s", freed);
		return f->fn(&a, f->arg);
	}
	if (a.va_end <= a.va_start || a.va_start < prev_end) {
		snprintf(a.problem, sizeof(a.problem), "%" PRIx64 "-%" PRIx64 " out of order on "
			 "vmap_area_list (after an area ending at %" PRIx64 ")", a.va_start, a.va_end,
			 prev_end);
		if (a.va_end <= a.va_start)
			snprintf(a.problem, sizeof(a.problem), "%" PRIx64 "-%" PRIx64 " is an empty "
				 "range", a.va_start, a.va_end);
		return f->fn(&a, f->arg);
	}
	flags = VM_VM_AREA;
	if (f->flags && (err = ms_field_read_u64(prog, f->flags, va, &flags, "vmap_area flags")))
		return err;
	if (!(flags & VM_VM_AREA) || !a.vm_struct)
		return NULL;	/* a vmap() range, or lazily freed */
	if ((err = ms_field_read_u64(prog, f->addr, a.vm_struct, &a.addr, "vm_struct addr")) ||
	    (err = ms_field_read_u64(prog, f->size, a.vm_struct, &a.size, "vm_struct size")) ||
	    (err = ms_field_read_u64(prog, f->vflags, a.vm_struct, &a.flags, "vm_struct flags")) ||
	    (err = ms_field_read_u64(prog, f->nr_pages, a.vm_struct, &a.nr_pages, "vm_struct nr_pages")) ||
	    (err = ms_field_read_u64(prog, f->pages, a.vm_struct, &a.pages, "vm_struct pages")) ||
	    (err = ms_field_read_u64(prog, f->phys, a.vm_struct, &a.phys_addr, "vm_struct phys_addr")) ||
	    (err = ms_field_read_u64(prog, f->caller, a.vm_struct, &a.caller, "vm_struct caller")))
		return err;
	/* a vm_struct freed under its area (a use after free): shown as read */
	if (ms_slab_addr_free(prog, &f->freed, a.vm_struct, freed, sizeof(freed)))
		snprintf(a.problem, sizeof(a.problem), "vm_struct %" PRIx64 " is %s", a.vm_struct,
			 freed);
	else
		check_area(prog, &a);
	return f->fn(&a, f->arg);
}

struct ms_error *ms_vm_area_walk(struct ms_program *prog, ms_vm_area_fn *fn, void *arg)
{
	struct va_fields f = { .fn = fn, .arg = arg, .prog = prog };
	const struct ms_symbol *head = ms_symbol_find(prog, "vmap_area_list");
	struct ms_list_walk w = { .circular = true, .max = 10000000 };
	const struct ms_type *va_t;
	struct ms_error *err = NULL;
	static const char va[] = "struct vmap_area", vm[] = "struct vm_struct";

	if (!head)
		return ms_error_lookup("vmap_area_list", "symbol not found: vmap_area_list");
	if ((err = ms_type_find(prog, va, &va_t)))
		return err;
	f.flags = ms_field_find_opt(prog, va_t, "flags", &err);
	if (err ||
	    (err = ms_field_find_by_name(prog, va, "va_start", &f.start)) ||
	    (err = ms_field_find_by_name(prog, va, "va_end", &f.end)) ||
	    (err = ms_field_find_by_name(prog, va, "vm", &f.vm)) ||
	    (err = ms_field_find_by_name(prog, va, "list", &f.list)) ||
	    (err = ms_field_find_by_name(prog, vm, "addr", &f.addr)) ||
	    (err = ms_field_find_by_name(prog, vm, "size", &f.size)) ||
	    (err = ms_field_find_by_name(prog, vm, "flags", &f.vflags)) ||
	    (err = ms_field_find_by_name(prog, vm, "nr_pages", &f.nr_pages)) ||
	    (err = ms_field_find_by_name(prog, vm, "pages", &f.pages)) ||
	    (err = ms_field_find_by_name(prog, vm, "phys_addr", &f.phys)) ||
	    (err = ms_field_find_by_name(prog, vm, "caller", &f.caller)))
		return err;
	w.head = head->value;
	w.next_offset = (long)f.list->offset;
	err = ms_list_walk(prog, &w, va_cb, &f);
	ms_slab_free_memo_clear(&f.freed);
	return err ? ms_error_prepend(ms_list_error_context(&w, err), "vmap_area_list") : NULL;
}
