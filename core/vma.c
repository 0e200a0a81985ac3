/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vma.c - an mm's VMAs (see vma.h): on the mm->mmap list where the mm has
 * one (Linux 4.0), else in the maple tree mm->mm_mt (6.1), each entry a
 * vm_area_struct stored over [vm_start, vm_end - 1].
 */
#include <inttypes.h>
#include <string.h>

#include "core/dump.h"
#include "core/escape.h"
#include "core/field.h"
#include "core/list.h"
#include "core/maple.h"
#include "core/value.h"
#include "core/vma.h"

#define PATH_DEPTH_MAX	256	/* d_parent links followed before giving up */

static struct ms_error *member(struct ms_program *prog, const char *type, const char *path,
			       uint64_t addr, uint64_t *ret)
{
	const struct ms_field *f;
	struct ms_error *err;

	if ((err = ms_field_find_by_name(prog, type, path, &f)))
		return err;
	return ms_field_read_u64(prog, f, addr, ret, type + 7);	/* "struct " skipped */
}

static struct ms_error *offset_of(struct ms_program *prog, const char *type, const char *path,
				  uint64_t *ret)
{
	const struct ms_field *f;
	struct ms_error *err;

	if ((err = ms_field_find_by_name(prog, type, path, &f)))
		return err;
	*ret = f->offset;
	return NULL;
}

struct ms_error *ms_file_path(struct ms_program *prog, uint64_t file, char *buf, size_t bufsz)
{
	uint64_t dentry, vfsmnt, mnt, mnt_off, root, parent, len, name, mnt_parent;
	struct ms_error *err;
	size_t pos = bufsz - 1;
	int depth;

	if (bufsz < 2)
		return ms_error_usage("path buffer too small");
	buf[pos] = '\0';
	if ((err = member(prog, "struct file", "f_path.dentry", file, &dentry)) ||
	    (err = member(prog, "struct file", "f_path.mnt", file, &vfsmnt)) ||
	    (err = offset_of(prog, "struct mount", "mnt", &mnt_off)))
		return err;
	mnt = vfsmnt - mnt_off;		/* real_mount() */
	for (depth = 0; depth < PATH_DEPTH_MAX; depth++) {
		char comp[256], esc[4 * sizeof(comp)];
		size_t elen;

		if ((err = member(prog, "struct vfsmount", "mnt_root", vfsmnt, &root)) ||
		    (err = member(prog, "struct dentry", "d_parent", dentry, &parent)))
			return err;
		if (dentry == root || dentry == parent) {
			/* the root of this mount: go on in the parent mount */
			if ((err = member(prog, "struct mount", "mnt_parent", mnt, &mnt_parent)))
				return err;
			if (mnt_parent == mnt)
				break;
			if ((err = member(prog, "struct mount", "mnt_mountpoint", mnt, &dentry)))
				return err;
			mnt = mnt_parent;
			vfsmnt = mnt + mnt_off;
			continue;
		}
		if ((err = member(prog, "struct dentry", "d_name.len", dentry, &len)) ||
		    (err = member(prog, "struct dentry", "d_name.name", dentry, &name)))
			return err;
		if (len >= sizeof(comp) || len + 1 > pos)
			return ms_error_corrupt(dentry, "dentry %" PRIx64 ": name too long (%" PRIu64 ")",
						dentry, len);
		if ((err = ms_readmem(prog, name, MS_KVADDR, comp, len, "dentry name")))
			return err;
		/* a name from the dump: its bytes escaped, a NUL in it too */
		ms_escape_mem(esc, sizeof(esc), comp, len);
		elen = strlen(esc);
		if (elen + 1 > pos)
			return ms_error_corrupt(dentry, "dentry %" PRIx64 ": path too long", dentry);
		pos -= elen;
		memcpy(buf + pos, esc, elen);
		buf[--pos] = '/';
		dentry = parent;
	}
	if (depth == PATH_DEPTH_MAX)
		return ms_error_corrupt(dentry, "dentry %" PRIx64 ": more than %d parents", dentry,
					PATH_DEPTH_MAX);
	if (pos == bufsz - 1)
		buf[--pos] = '/';
	memmove(buf, buf + pos, bufsz - pos);
	return NULL;
}

struct walk_arg {
	struct ms_program *prog;
	ms_vma_fn *fn;
	void *arg;
	uint64_t prev_end;
	uint64_t task_size;	/* the mm's end of user space; ~0 if unknown */
	uint64_t total_vm;	/* the mm's pages, in all its VMAs; ~0 if unknown */
	uint64_t page_size;
	const struct ms_field *start, *end, *flags, *pgoff, *file, *anon_vma;
};

static struct ms_error *vma_cb(uint64_t entry, void *arg)
{
	struct walk_arg *w = arg;
	struct ms_vma v = { .vma = entry };
	struct ms_error *err;

	if ((err = ms_field_read_u64(w->prog, w->start, entry, &v.start, "vm_area_struct vm_start")) ||
	    (err = ms_field_read_u64(w->prog, w->end, entry, &v.end, "vm_area_struct vm_end")) ||
	    (err = ms_field_read_u64(w->prog, w->flags, entry, &v.flags, "vm_area_struct vm_flags")) ||
	    (err = ms_field_read_u64(w->prog, w->pgoff, entry, &v.pgoff, "vm_area_struct vm_pgoff")) ||
	    (err = ms_field_read_u64(w->prog, w->file, entry, &v.file, "vm_area_struct vm_file")) ||
	    (err = ms_field_read_u64(w->prog, w->anon_vma, entry, &v.anon_vma,
				     "vm_area_struct anon_vma")))
		return err;
	if (v.end <= v.start || v.start < w->prev_end)
		return ms_error_corrupt(entry, "vm_area_struct %" PRIx64 ": %" PRIx64 "-%" PRIx64
					" out of order", entry, v.start, v.end);
	/* a VMA past user space, or bigger than the whole mm, is damage */
	if (v.end > w->task_size)
		return ms_error_corrupt(entry, "vm_area_struct %" PRIx64 ": %" PRIx64 "-%" PRIx64
					" ends past the mm's task_size %" PRIx64, entry, v.start, v.end,
					w->task_size);
	if ((v.end - v.start) / w->page_size > w->total_vm)
		return ms_error_corrupt(entry, "vm_area_struct %" PRIx64 ": %" PRIx64 "-%" PRIx64
					" is %" PRIu64 " pages, more than the mm's total_vm %" PRIu64,
					entry, v.start, v.end, (v.end - v.start) / w->page_size,
					w->total_vm);
	w->prev_end = v.end;
	if (v.file && (err = ms_file_path(w->prog, v.file, v.path, sizeof(v.path))))
		return ms_error_prepend(err, "vm_area_struct %" PRIx64 " vm_file %" PRIx64, entry, v.file);
	return w->fn(&v, w->arg);
}

/* A maple tree entry: the VMA must cover exactly the range it is stored over. */
static struct ms_error *maple_cb(uint64_t first, uint64_t last, uint64_t entry, void *arg)
{
	struct walk_arg *w = arg;
	uint64_t start, end;
	struct ms_error *err;

	if ((err = ms_field_read_u64(w->prog, w->start, entry, &start, "vm_area_struct vm_start")) ||
	    (err = ms_field_read_u64(w->prog, w->end, entry, &end, "vm_area_struct vm_end")))
		return err;
	if (start != first || end - 1 != last)
		return ms_error_corrupt(entry, "vm_area_struct %" PRIx64 ": %" PRIx64 "-%" PRIx64
					" stored in the maple tree at %" PRIx64 "-%" PRIx64, entry,
					start, end, first, last + 1);
	return vma_cb(entry, w);
}

static struct ms_error *fields(struct ms_program *prog, struct walk_arg *w)
{
	struct ms_error *err;

	if ((err = ms_field_find_by_name(prog, "struct vm_area_struct", "vm_start", &w->start)) ||
	    (err = ms_field_find_by_name(prog, "struct vm_area_struct", "vm_end", &w->end)) ||
	    (err = ms_field_find_by_name(prog, "struct vm_area_struct", "vm_flags", &w->flags)) ||
	    (err = ms_field_find_by_name(prog, "struct vm_area_struct", "vm_pgoff", &w->pgoff)) ||
	    (err = ms_field_find_by_name(prog, "struct vm_area_struct", "vm_file", &w->file)) ||
	    (err = ms_field_find_by_name(prog, "struct vm_area_struct", "anon_vma", &w->anon_vma)))
		return err;
	return NULL;
}

struct ms_error *ms_vma_walk(struct ms_program *prog, uint64_t mm, ms_vma_fn *fn, void *arg)
{
	const struct ms_dump_info *info = ms_dump_info(prog);
	struct walk_arg w = { prog, fn, arg, 0, UINT64_MAX, UINT64_MAX, info ? info->page_size : 4096,
			      NULL, NULL, NULL, NULL, NULL, NULL };
	const struct ms_field *next, *mt, *f;
	const struct ms_type *mm_t;
	struct ms_list_walk lw = { .max = 1000000, .null_ended = true };
	uint64_t first;
	struct ms_error *err = NULL;

	if ((err = ms_type_find(prog, "struct mm_struct", &mm_t)) || (err = fields(prog, &w)))
		return err;
	/* the bounds, where the kernel has them (4.0 and 6.1 both do) */
	if (ms_error_ok(ms_field_find_by_name(prog, "struct mm_struct", "task_size", &f)) &&
	    (err = ms_field_read_u64(prog, f, mm, &w.task_size, "mm_struct task_size")))
		return err;
	if (ms_error_ok(ms_field_find_by_name(prog, "struct mm_struct", "total_vm", &f)) &&
	    (err = ms_field_read_u64(prog, f, mm, &w.total_vm, "mm_struct total_vm")))
		return err;
	/* 6.1: no mmap list, the maple tree alone */
	if (!ms_field_find_opt(prog, mm_t, "mmap", &err) && !err &&
	    (mt = ms_field_find_opt(prog, mm_t, "mm_mt", &err))) {
		err = ms_maple_walk(prog, mm + mt->offset, maple_cb, &w);
		return err ? ms_error_prepend(err, "mm_struct %" PRIx64 " mm_mt", mm) : NULL;
	}
	if (err)
		return err;
	if ((err = ms_field_find_by_name(prog, "struct vm_area_struct", "vm_next", &next)) ||
	    (err = member(prog, "struct mm_struct", "mmap", mm, &first)))
		return err;
	lw.head = first;
	lw.next_offset = (long)next->offset;
	if (!first)
		return NULL;
	err = ms_list_walk(prog, &lw, vma_cb, &w);
	if (err && err != &ms_stop)
		return ms_error_prepend(ms_list_error_context(&lw, err), "mm_struct %" PRIx64 " mmap", mm);
	return NULL;
}

struct find_arg {
	uint64_t addr;
	struct ms_vma *ret;
	bool *found;
};

/*
 * The whole list is walked, not only up to @addr: a VMA out of order past
 * it may be the one that holds it, and the damage is said either way.
 */
static struct ms_error *find_cb(const struct ms_vma *v, void *arg)
{
	struct find_arg *f = arg;

	if (!*f->found && f->addr >= v->start && f->addr < v->end) {
		*f->ret = *v;
		*f->found = true;
	}
	return NULL;
}

struct ms_error *ms_vma_find(struct ms_program *prog, uint64_t mm, uint64_t addr, struct ms_vma *ret,
			     bool *found)
{
	struct find_arg f = { addr, ret, found };

	*found = false;
	return ms_vma_walk(prog, mm, find_cb, &f);
}
