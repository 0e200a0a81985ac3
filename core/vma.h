/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vma.h - an mm's virtual memory areas, in address order.
 *
 * Linux 4.0 keeps them on mm->mmap, linked by vm_next (and in an rbtree
 * for lookups); 6.1 replaced both with the maple tree, whose walk goes
 * beside this one.  A file-backed VMA's path is built as d_path() builds
 * it: up the d_parent chain, crossing from a mount's root to its
 * mountpoint in the parent mount.  Everything by member name.
 */
#ifndef MS_VMA_H
#define MS_VMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/program.h"

#define MS_VMA_PATH_MAX	512

struct ms_vma {
	uint64_t vma;		/* struct vm_area_struct address */
	uint64_t start, end;	/* [vm_start, vm_end) */
	uint64_t flags;		/* vm_flags */
	uint64_t pgoff;		/* vm_pgoff */
	uint64_t file;		/* vm_file, 0 if anonymous */
	uint64_t anon_vma;
	char path[MS_VMA_PATH_MAX];	/* the file's path, "" if anonymous */
};

/** Called for each VMA; &ms_stop ends the walk early (with success). */
typedef struct ms_error *ms_vma_fn(const struct ms_vma *vma, void *arg);

/**
 * Visit the VMAs of the mm_struct at @p mm in address order.
 * @return NULL, the callback's error, a FAULT, or CORRUPT when the list
 * loops or is not in address order.
 */
struct ms_error *ms_vma_walk(struct ms_program *prog, uint64_t mm, ms_vma_fn *fn, void *arg);

/**
 * The VMA of @p mm holding @p addr.  The whole list is walked and checked.
 * @return NULL with *@p found true and @p ret filled, or *@p found false;
 * or the walk's error (*@p found and @p ret then say whether the VMA was
 * met before the damage).
 */
struct ms_error *ms_vma_find(struct ms_program *prog, uint64_t mm, uint64_t addr,
			     struct ms_vma *ret, bool *found);

/** The path of the struct file at @p file, as d_path() gives it. */
struct ms_error *ms_file_path(struct ms_program *prog, uint64_t file, char *buf, size_t bufsz);

#endif
