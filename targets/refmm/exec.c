// SPDX-License-Identifier: GPL-2.0-only
/*
 * exec.c - a new program image (fs/exec.c, fs/binfmt_elf.c and
 * arch/x86/vdso/vma.c of Linux 4.0), and what the dynamic linker does
 * next in user space.
 *
 * refmm_execve() replaces current's address space with a fresh one laid
 * out as a 4.0 x86-64 process with address space randomization:
 *
 *   the executable (position independent) mapped by the kernel below
 *     mmap_base: text r-x, then its data at +2 MiB rw- (relro r--) and
 *     the bss anonymous; start/end_code, start/end_data, start_brk and
 *     brk (randomized within 32 MiB above the bss) set as load_elf_binary
 *     sets them;
 *   the dynamic linker (ld-linux-x86-64.so.2) mapped the same way below;
 *   the stack at a random top below TASK_SIZE, argv and the environment
 *     in its first page, grown to 128 KiB + a page (setup_arg_pages());
 *   [vdso], two pages of the image just above the stack;
 *   then, as ld.so does it from user space with mmap(2) and mprotect(2),
 *   each shared library: the file mapped r-x over text, gap and data,
 *     the 2 MiB gap made ---p, the data remapped rw- at its offset, the
 *     bss anonymous, the relro part made r--.
 *
 * Every one of these goes through the ordinary paths: vm_mmap_pgoff(),
 * vm_munmap(), sys_mprotect(), vm_brk(), so VMAs merge and split as they
 * would.  The files are refmm's simulated file system's (namei.c): a
 * path names a file whose size follows from its segments.
 *
 * Where refmm departs from 4.0: there are no ELF headers to parse; a
 * program's segments come from the table below (or, for a path it does
 * not know, from sizes derived from the path); the stack is built at its
 * final place instead of being shifted there; the new mm replaces the old
 * one before the stack is built (4.0 builds it first, in bprm->mm); there
 * is no [vvar] mapping.
 */
#include <stdio.h>
#include <string.h>

#include <linux/err.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/fs.h>

unsigned int get_random_int(void);
unsigned long randomize_range(unsigned long start, unsigned long end,
			      unsigned long len);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);

/* /proc/sys/kernel/randomize_va_space: 2, full randomization */
int randomize_va_space __kdata = 2;

#define STACK_RND_MASK		0x3fffffUL	/* 8GB of VA */
#define ELF_MIN_ALIGN		PAGE_SIZE
#define LIB_GAP			(2UL << 20)	/* x86-64 max page size */

/* ---- the programs refmm knows ---- */

#define KB(x)	((unsigned long)(x) << 10)

struct refmm_binary {
	const char *path;
	unsigned long text, relro, data, bss;
	const char *libs;	/* DT_NEEDED, ld.so's search result */
};

#define LD_SO		"/lib64/ld-2.17.so"
#define LIBC		"/lib64/libc-2.17.so"

static const struct refmm_binary refmm_binaries[] = {
	/* the dynamic linker and the C library */
	{ LD_SO, KB(132), KB(4), KB(4), KB(4), "" },
	{ LIBC, KB(1752), KB(16), KB(8), KB(20), "" },
	{ "/lib64/libpthread-2.17.so", KB(92), KB(4), KB(4), KB(16), LIBC },
	{ "/lib64/libdl-2.17.so", KB(12), KB(4), KB(4), 0, LIBC },
	{ "/lib64/librt-2.17.so", KB(28), KB(4), KB(4), 0, LIBC },
	{ "/lib64/libm-2.17.so", KB(1028), KB(4), KB(4), 0, LIBC },
	{ "/lib64/libresolv-2.17.so", KB(88), KB(4), KB(4), KB(8), LIBC },
	{ "/lib64/libnss_files-2.17.so", KB(44), KB(4), KB(4), 0, LIBC },
	{ "/lib64/libcrypt-2.17.so", KB(32), KB(4), KB(4), KB(184), LIBC },
	{ "/lib64/libutil-2.17.so", KB(8), KB(4), KB(4), 0, LIBC },
	{ "/lib64/libz.so.1.2.7", KB(84), KB(4), KB(4), 0, LIBC },
	{ "/lib64/libselinux.so.1", KB(124), KB(4), KB(4), KB(8), LIBC },
	{ "/lib64/libpcre.so.1.2.0", KB(380), KB(4), KB(4), 0, LIBC },
	{ "/lib64/libcap.so.2.22", KB(16), KB(4), KB(4), 0, LIBC },
	{ "/lib64/libpam.so.0.83.1", KB(52), KB(4), KB(4), 0, LIBC },
	{ "/lib64/libaudit.so.1.0.0", KB(100), KB(4), KB(4), KB(40), LIBC },
	{ "/lib64/libcrypto.so.1.0.1e", KB(1960), KB(136), KB(28), KB(16), LIBC },
	{ "/lib64/libgssapi_krb5.so.2.2", KB(292), KB(4), KB(8), 0, LIBC },
	{ "/lib64/libkrb5.so.3.3", KB(852), KB(52), KB(8), 0, LIBC },
	{ "/lib64/libsystemd.so.0.6.0", KB(396), KB(12), KB(4), 0, LIBC },
	{ "/lib64/libdbus-1.so.3.7.4", KB(296), KB(8), KB(4), 0, LIBC },
	{ "/lib64/libtinfo.so.5.9", KB(152), KB(16), KB(4), 0, LIBC },
	{ "/lib64/libglib-2.0.so.0.4200.2", KB(1084), KB(4), KB(4), KB(4), LIBC },
	{ "/lib64/libpython2.7.so.1.0", KB(1620), KB(8), KB(264), KB(132), LIBC },
	/* programs */
	{ "/usr/lib/systemd/systemd", KB(1312), KB(112), KB(4), KB(4),
	  "/lib64/libselinux.so.1,/lib64/libcap.so.2.22,/lib64/libpam.so.0.83.1,"
	  "/lib64/libaudit.so.1.0.0,/lib64/libdl-2.17.so,/lib64/libpcre.so.1.2.0,"
	  "/lib64/librt-2.17.so,/lib64/libpthread-2.17.so," LIBC },
	{ "/usr/lib/systemd/systemd-journald", KB(332), KB(16), KB(4), KB(4),
	  "/lib64/libselinux.so.1,/lib64/libcap.so.2.22,/lib64/librt-2.17.so,"
	  "/lib64/libpthread-2.17.so," LIBC },
	{ "/usr/lib/systemd/systemd-udevd", KB(436), KB(12), KB(4), KB(4),
	  "/lib64/libselinux.so.1,/lib64/librt-2.17.so,/lib64/libpthread-2.17.so,"
	  LIBC },
	{ "/usr/lib/systemd/systemd-logind", KB(392), KB(12), KB(4), KB(4),
	  "/lib64/libpam.so.0.83.1,/lib64/libselinux.so.1,/lib64/librt-2.17.so,"
	  "/lib64/libpthread-2.17.so," LIBC },
	{ "/usr/bin/dbus-daemon", KB(436), KB(8), KB(4), KB(4),
	  "/lib64/libdbus-1.so.3.7.4,/lib64/libsystemd.so.0.6.0,"
	  "/lib64/libselinux.so.1,/lib64/libpthread-2.17.so," LIBC },
	{ "/usr/sbin/sshd", KB(800), KB(20), KB(4), KB(48),
	  "/lib64/libcrypto.so.1.0.1e,/lib64/libz.so.1.2.7,/lib64/libpam.so.0.83.1,"
	  "/lib64/libselinux.so.1,/lib64/libaudit.so.1.0.0,/lib64/libgssapi_krb5.so.2.2,"
	  "/lib64/libkrb5.so.3.3,/lib64/libutil-2.17.so,/lib64/libcrypt-2.17.so,"
	  "/lib64/libresolv-2.17.so,/lib64/libdl-2.17.so,/lib64/libnss_files-2.17.so,"
	  LIBC },
	{ "/usr/bin/bash", KB(904), KB(16), KB(36), KB(24),
	  "/lib64/libtinfo.so.5.9,/lib64/libdl-2.17.so," LIBC },
	{ "/usr/sbin/crond", KB(64), KB(4), KB(4), KB(8),
	  "/lib64/libpam.so.0.83.1,/lib64/libselinux.so.1,/lib64/libaudit.so.1.0.0,"
	  LIBC },
	{ "/usr/sbin/rsyslogd", KB(580), KB(12), KB(8), KB(4),
	  "/lib64/libz.so.1.2.7,/lib64/libpthread-2.17.so,/lib64/libdl-2.17.so,"
	  "/lib64/librt-2.17.so," LIBC },
	{ "/usr/sbin/agetty", KB(48), KB(4), KB(4), KB(4), LIBC },
	{ "/usr/sbin/auditd", KB(124), KB(4), KB(4), KB(32),
	  "/lib64/libaudit.so.1.0.0,/lib64/libpthread-2.17.so," LIBC },
	{ "/usr/sbin/chronyd", KB(220), KB(4), KB(4), KB(24),
	  "/lib64/libm-2.17.so," LIBC },
	{ "/usr/sbin/irqbalance", KB(44), KB(4), KB(4), KB(4),
	  "/lib64/libglib-2.0.so.0.4200.2,/lib64/libm-2.17.so," LIBC },
	{ "/usr/lib/polkit-1/polkitd", KB(96), KB(4), KB(4), 0,
	  "/lib64/libglib-2.0.so.0.4200.2,/lib64/libpthread-2.17.so," LIBC },
	{ "/usr/libexec/postfix/master", KB(76), KB(4), KB(4), KB(8),
	  "/lib64/libcrypto.so.1.0.1e,/lib64/libdl-2.17.so,/lib64/libresolv-2.17.so,"
	  LIBC },
	{ "/usr/bin/python2.7", KB(8), KB(4), KB(4), 0,
	  "/lib64/libpython2.7.so.1.0,/lib64/libpthread-2.17.so,/lib64/libdl-2.17.so,"
	  "/lib64/libutil-2.17.so,/lib64/libm-2.17.so," LIBC },
	{ "/usr/bin/sleep", KB(28), KB(4), KB(4), 0, LIBC },
	{ "/usr/bin/top", KB(104), KB(4), KB(8), KB(1024),
	  "/lib64/libtinfo.so.5.9,/lib64/libdl-2.17.so," LIBC },
	{ NULL, 0, 0, 0, 0, NULL },
};

/*
 * The segments of @path: from the table, or sizes derived from the path
 * (a program of 64 KiB to 1 MiB of text linked against libc).
 */
static const struct refmm_binary *binary_lookup(const char *path,
						struct refmm_binary *tmp)
{
	const struct refmm_binary *b;
	unsigned long h = 5381;
	const char *p;

	for (b = refmm_binaries; b->path; b++)
		if (!strcmp(b->path, path))
			return b;
	for (p = path; *p; p++)
		h = h * 33 + (unsigned char)*p;
	tmp->path = path;
	tmp->text = KB(64 + (h % 240) * 4);
	tmp->relro = KB(4 + (h >> 8) % 4 * 4);
	tmp->data = KB(4 + (h >> 12) % 8 * 4);
	tmp->bss = KB((h >> 16) % 16 * 4);
	tmp->libs = LIBC;
	return tmp;
}

/* The file size of a binary: text, then relro and data at the text's end. */
static unsigned long binary_file_size(const struct refmm_binary *b)
{
	return b->text + b->relro + b->data;
}

static struct file *open_binary(const struct refmm_binary *b)
{
	struct path path;

	if (kern_path_refmm(b->path, 1, S_IFREG | 0755,
			    binary_file_size(b), &path))
		return ERR_PTR(-ENOENT);
	return alloc_file(&path, FMODE_READ | FMODE_EXEC, NULL);
}

/* ---- the kernel's part: load_elf_binary() ---- */

static unsigned long randomize_stack_top(unsigned long stack_top)
{
	unsigned long random_variable = 0;

	if ((current->flags & PF_RANDOMIZE) &&
	    !(current->personality & 0x0040000 /* ADDR_NO_RANDOMIZE */)) {
		random_variable = (unsigned long)get_random_int();
		random_variable &= STACK_RND_MASK;
		random_variable <<= PAGE_SHIFT;
	}
	return PAGE_ALIGN(stack_top) - random_variable;
}

unsigned long arch_randomize_brk(struct mm_struct *mm)
{
	unsigned long range_end = mm->brk + 0x02000000;
	unsigned long ret = randomize_range(mm->brk, range_end, 0);

	return ret ? ret : mm->brk;
}

/*
 * Map an ELF object the way elf_map() and load_elf_interp() do: the
 * whole span (text, gap, data) first, the span beyond the text unmapped
 * again, the data mapped at its place, the bss anonymous.  Returns the
 * load address, or an error value.
 */
static unsigned long elf_map_object(struct file *file,
				    const struct refmm_binary *b,
				    unsigned long *data_start,
				    unsigned long *data_end,
				    unsigned long *bss_end)
{
	/* total_mapping_size(): the first to the end of the last, bss too */
	unsigned long total = b->text + LIB_GAP + b->relro + b->data + b->bss;
	unsigned long base, d, r;

	base = vm_mmap_pgoff(file, 0, total, PROT_READ | PROT_EXEC,
			     MAP_PRIVATE | MAP_DENYWRITE | MAP_EXECUTABLE, 0);
	if (IS_ERR_VALUE(base))
		return base;
	vm_munmap(base + b->text, total - b->text);

	d = base + b->text + LIB_GAP;
	r = vm_mmap_pgoff(file, d, b->relro + b->data,
			  PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_DENYWRITE | MAP_EXECUTABLE |
			  MAP_FIXED, b->text >> PAGE_SHIFT);
	if (IS_ERR_VALUE(r))
		return r;
	*data_start = d;
	*data_end = d + b->relro + b->data;
	*bss_end = *data_end + b->bss;
	if (b->bss) {
		r = vm_brk(*data_end, b->bss);
		if (IS_ERR_VALUE(r))
			return r;
	}
	return base;
}

/* [vdso]: two pages of the image (arch/x86/vdso/vdso-image-64.c) */
static unsigned char vdso_image_64_data[2 * PAGE_SIZE] __kdata_page_aligned =
	"\177ELF\002\001\001\000refmm vdso: linux-vdso.so.1";
static struct page *vdso_pages[3] __kdata;
static struct vm_special_mapping vdso_mapping __kdata = {
	.name = "[vdso]",
	.pages = vdso_pages,
};

static unsigned long vdso_addr(unsigned long start, unsigned len)
{
	unsigned long addr, end;
	unsigned offset;

	end = (start + PMD_SIZE - 1) & PMD_MASK;
	if (end >= TASK_SIZE_MAX)
		end = TASK_SIZE_MAX;
	end -= len;
	/* This loses some more bits than a modulo, but is cheaper */
	offset = get_random_int() & (PTRS_PER_PTE - 1);
	addr = start + ((unsigned long)offset << PAGE_SHIFT);
	if (addr >= end)
		addr = end;

	/*
	 * page-align it here so that get_unmapped_area doesn't
	 * align it wrongfully again to the next page. addr can come in 4K
	 * unaligned here as a result of stack start randomization.
	 */
	return PAGE_ALIGN(addr);
}

static int map_vdso(struct mm_struct *mm)
{
	unsigned long len = sizeof(vdso_image_64_data);
	unsigned long addr;
	struct vm_area_struct *vma;

	if (!vdso_pages[0]) {
		vdso_pages[0] = virt_to_page(vdso_image_64_data);
		vdso_pages[1] = virt_to_page(vdso_image_64_data + PAGE_SIZE);
	}
	addr = vdso_addr(mm->start_stack, len);
	addr = get_unmapped_area(NULL, addr, len, 0, 0);
	if (IS_ERR_VALUE(addr))
		return (int)addr;
	vma = _install_special_mapping(mm, addr, len,
				       VM_READ | VM_EXEC |
				       VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC,
				       &vdso_mapping);
	if (IS_ERR(vma))
		return (int)PTR_ERR(vma);
	mm->context.vdso = (void *)addr;
	return 0;
}

/*
 * exec_mmap(): current gets @mm; the old mm (or the borrowed one of a
 * kernel thread) goes.
 */
static void exec_mmap(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old_mm, *active_mm;

	old_mm = tsk->mm;
	task_lock(tsk);
	active_mm = tsk->active_mm;
	tsk->mm = mm;
	tsk->active_mm = mm;
	/* activate_mm(): this CPU runs on the new mm */
	mm->cpu_vm_mask.bits[task_cpu(tsk) / BITS_PER_LONG] |=
		1UL << (task_cpu(tsk) % BITS_PER_LONG);
	task_unlock(tsk);
	if (old_mm) {
		mmput(old_mm);
		return;
	}
	if (active_mm)
		mmdrop(active_mm);
}

/* Copy @strs onto the stack below *@p: argv or envp.  Returns the count. */
static int copy_strings(struct mm_struct *mm, struct vm_area_struct *vma,
			const char *const *strs, unsigned long *p)
{
	int n = 0;

	for (; strs && strs[n]; n++)
		;
	for (int i = n - 1; i >= 0; i--) {
		size_t len = strlen(strs[i]) + 1;
		unsigned long addr = *p - len;
		pte_t *pte;

		if ((addr & PAGE_MASK) != ((*p - 1) & PAGE_MASK) ||
		    addr < vma->vm_start)
			break;	/* refmm keeps the strings in one page */
		if (handle_mm_fault(mm, vma, addr, FAULT_FLAG_WRITE) &
		    VM_FAULT_ERROR)
			break;
		pte = refmm_find_pte(mm, addr);
		memcpy(__va(PFN_PHYS(pte_pfn(*pte)) | (addr & ~PAGE_MASK)),
		       strs[i], len);
		*p = addr;
	}
	return n;
}

/*
 * What ld.so does for one library: map, make the gap inaccessible,
 * remap the data, map the bss, protect the relro part.
 */
static int map_library(const struct refmm_binary *lib)
{
	/* ld.so reserves the whole span, to the end of the bss */
	unsigned long total = lib->text + LIB_GAP + lib->relro + lib->data +
			      lib->bss;
	unsigned long base, d, r;
	struct file *file = open_binary(lib);

	if (IS_ERR(file))
		return (int)PTR_ERR(file);
	/* MAP_DENYWRITE from user space is ignored (sys_mmap_pgoff()) */
	base = vm_mmap_pgoff(file, 0, total, PROT_READ | PROT_EXEC,
			     MAP_PRIVATE, 0);
	if (IS_ERR_VALUE(base))
		goto out;
	r = sys_mprotect(base + lib->text, LIB_GAP, PROT_NONE);
	if (IS_ERR_VALUE(r))
		goto out_err;
	d = base + lib->text + LIB_GAP;
	r = vm_mmap_pgoff(file, d, lib->relro + lib->data,
			  PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED,
			  lib->text >> PAGE_SHIFT);
	if (IS_ERR_VALUE(r))
		goto out_err;
	if (lib->bss) {
		r = vm_mmap_pgoff(NULL, d + lib->relro + lib->data, lib->bss,
				  PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, 0);
		if (IS_ERR_VALUE(r))
			goto out_err;
	}
	r = sys_mprotect(d, lib->relro, PROT_READ);
	if (IS_ERR_VALUE(r))
		goto out_err;
	fput(file);
	return 0;
out_err:
	base = r;
out:
	fput(file);
	return (int)base;
}

/**
 * refmm_execve - execve(2) of @path by current, with @argv and @envp
 * @libs: the libraries ld.so maps, comma separated (NULL: the program's
 *	own list; "" none but libc)
 *
 * Returns 0 or a negative errno; on failure after the point of no return
 * the task is left with what was mapped so far, as a kernel would kill it.
 */
int refmm_execve(const char *path, const char *const *argv,
		 const char *const *envp, const char *libs)
{
	struct task_struct *tsk = current;
	struct refmm_binary tmp, ld_tmp;
	const struct refmm_binary *exe, *ld;
	struct vm_area_struct *vma, *prev;
	struct mm_struct *mm;
	struct file *file;
	unsigned long stack_top, p, base, data_start, data_end, bss_end;
	unsigned long ld_ds, ld_de, ld_be, ld_base;
	int nargs, ret;
	char name[TASK_COMM_LEN];
	const char *slash;

	exe = binary_lookup(path, &tmp);
	file = open_binary(exe);
	if (IS_ERR(file))
		return (int)PTR_ERR(file);

	mm = mm_alloc();
	if (!mm) {
		fput(file);
		return -ENOMEM;
	}

	/* flush_old_exec(): the point of no return */
	exec_mmap(mm);
	mm->exe_file = get_file(file);
	tsk->flags &= ~(PF_FORKNOEXEC | PF_KTHREAD | PF_NOFREEZE);
	if (randomize_va_space)
		tsk->flags |= PF_RANDOMIZE;

	/* setup_new_exec() */
	arch_pick_mmap_layout(mm);
	mm->task_size = TASK_SIZE;
	slash = strrchr(path, '/');
	snprintf(name, sizeof(name), "%s", slash ? slash + 1 : path);
	set_task_comm(tsk, name);

	/* __bprm_mm_init() and setup_arg_pages(): the stack */
	stack_top = randomize_stack_top(STACK_TOP);
	down_write(&mm->mmap_sem);
	vma = kmem_cache_zalloc(vm_area_cachep, GFP_KERNEL);
	if (!vma) {
		up_write(&mm->mmap_sem);
		ret = -ENOMEM;
		goto out;
	}
	vma->vm_mm = mm;
	vma->vm_end = stack_top;
	vma->vm_start = vma->vm_end - PAGE_SIZE;
	vma->vm_flags = VM_SOFTDIRTY | VM_STACK_FLAGS |
			VM_STACK_INCOMPLETE_SETUP;
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	INIT_LIST_HEAD(&vma->anon_vma_chain);
	ret = insert_vm_struct(mm, vma);
	if (ret) {
		kmem_cache_free(vm_area_cachep, vma);
		up_write(&mm->mmap_sem);
		goto out;
	}
	mm->stack_vm = mm->total_vm = 1;

	p = stack_top - sizeof(void *);
	mm->env_end = p;
	copy_strings(mm, vma, envp, &p);
	mm->env_start = p;
	mm->arg_end = p;
	nargs = copy_strings(mm, vma, argv, &p);
	mm->arg_start = p;
	(void)nargs;
	/* auxv, envp[], argv[], argc below the strings, 16-aligned */
	p = (p - 64 * sizeof(long)) & ~15UL;
	mm->start_stack = p;

	ret = expand_stack(vma, vma->vm_start - 131072UL);
	if (!ret) {
		prev = vma->vm_prev;
		ret = mprotect_fixup(vma, &prev, vma->vm_start, vma->vm_end,
				     VM_STACK_FLAGS);
	}
	up_write(&mm->mmap_sem);
	if (ret)
		goto out;

	/* the executable */
	base = elf_map_object(file, exe, &data_start, &data_end, &bss_end);
	if (IS_ERR_VALUE(base)) {
		ret = (int)base;
		goto out;
	}
	mm->start_code = base;
	mm->end_code = base + exe->text;
	mm->start_data = data_start;
	mm->end_data = data_end;
	mm->start_brk = mm->brk = PAGE_ALIGN(bss_end);
	if ((tsk->flags & PF_RANDOMIZE) && randomize_va_space > 1)
		mm->brk = mm->start_brk = arch_randomize_brk(mm);

	/* the interpreter */
	ld = binary_lookup(LD_SO, &ld_tmp);
	{
		struct file *ldf = open_binary(ld);

		if (IS_ERR(ldf)) {
			ret = (int)PTR_ERR(ldf);
			goto out;
		}
		ld_base = elf_map_object(ldf, ld, &ld_ds, &ld_de, &ld_be);
		fput(ldf);
		if (IS_ERR_VALUE(ld_base)) {
			ret = (int)ld_base;
			goto out;
		}
	}

	ret = map_vdso(mm);
	if (ret)
		goto out;

	/* start_thread(): the registers of the new program */
	tsk->thread.usersp = mm->start_stack;

	/* ---- user space: ld.so maps the libraries ---- */
	{
		const char *list = libs ? libs : exe->libs;
		char buf[1024], *tok, *save;

		snprintf(buf, sizeof(buf), "%s", list);
		if (!strstr(buf, LIBC))
			strncat(buf, buf[0] ? "," LIBC : LIBC,
				sizeof(buf) - strlen(buf) - 1);
		for (tok = strtok_r(buf, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			struct refmm_binary ltmp;
			const struct refmm_binary *lib;

			if (!*tok || !strcmp(tok, LD_SO))
				continue;
			lib = binary_lookup(tok, &ltmp);
			ret = map_library(lib);
			if (ret)
				goto out;
		}
	}
	/* the relro of the program and of ld.so */
	ret = (int)sys_mprotect(data_start, exe->relro, PROT_READ);
	if (!ret)
		ret = (int)sys_mprotect(ld_ds, ld->relro, PROT_READ);
out:
	fput(file);
	return ret;
}
