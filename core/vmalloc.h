/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vmalloc.h - the vmalloc areas: each busy vmap_area with a vm_struct.
 *
 * Linux 2.6.28 to 5.3 keep every busy range on vmap_area_list, sorted by
 * address, and flag those that belong to a vm_struct with VM_VM_AREA
 * (0x04 in mm/vmalloc.c; a #define, so not in the DWARF); 5.4 dropped the
 * flag (va->vm alone says it), as 6.1 has it.  kmem -v and kmem ADDR use it.
 */
#ifndef MS_VMALLOC_H
#define MS_VMALLOC_H

#include <stdint.h>

#include "core/error.h"
#include "core/program.h"

struct ms_vm_area {
	uint64_t vmap_area;	/* struct vmap_area address */
	uint64_t vm_struct;
	uint64_t va_start, va_end;	/* the range, guard page included */
	uint64_t addr, size;	/* vm_struct.addr and .size */
	uint64_t flags;		/* vm_struct.flags */
	uint64_t nr_pages;
	uint64_t pages;		/* the struct page * array */
	uint64_t phys_addr;
	uint64_t caller;
	/*
	 * What is wrong with the area, "" if nothing: a vmap_area that is a
	 * free slab object (freed while on the list: its vm_struct is then
	 * not read) or out of address order (likewise); a vm_struct that is
	 * a free slab object, or whose addr or size is not its vmap_area's
	 * range (4.0's setup_vmalloc_vm() sets both from it), with more
	 * nr_pages than the size holds, or an unreadable pages array.  The
	 * area is still visited; its caller says so.
	 */
	char problem[192];
};

typedef struct ms_error *ms_vm_area_fn(const struct ms_vm_area *area, void *arg);

/**
 * Visit the areas in address order; &ms_stop from @p fn ends the walk.
 * A damaged vm_struct is visited with its problem said (ms_vm_area.problem).
 * @return NULL, the callback's error, LOOKUP (no vmap_area_list), a FAULT
 * or the list walker's CORRUPT.
 */
struct ms_error *ms_vm_area_walk(struct ms_program *prog, ms_vm_area_fn *fn, void *arg);

#endif
