/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmcore.h - writing refmm's memory as a crash dump.
 *
 * The writers know nothing of the allocator: they take a description of the
 * machine (RAM ranges with their host bytes, the kernel image, the notes) and
 * lay it out as a file.  Format 1 is the ELF64 core /proc/vmcore gives a
 * kdump kernel; format 2 (the compressed kdump of makedumpfile) comes with
 * [kdump] and plugs into the same description.
 *
 * Every file is written atomically (struct refmm_afile): a temporary file in
 * the target directory, fsync, rename.  Errors are returned as a message in a
 * caller-supplied buffer that names the path and what failed.
 */
#ifndef REFMM_VMCORE_H
#define REFMM_VMCORE_H

#include <stddef.h>
#include <stdint.h>

/** One physically contiguous piece of memory to dump. */
struct vmcore_range {
	uint64_t paddr;		/* physical address of the first byte */
	uint64_t vaddr;		/* kernel virtual address (p_vaddr) */
	uint64_t size;		/* bytes, a multiple of the page size */
	const void *data;	/* host pointer to the bytes */
	int fd;			/* if >= 0: a file holding the same bytes at */
	uint64_t fd_off;	/* fd_off, whose holes (SEEK_HOLE) are zeros */
};

/** Registers of one CPU at the time of the crash (x86-64 pt_regs subset). */
struct vmcore_cpu {
	int pid;		/* pid of the task running there (0: idle) */
	uint64_t ip, sp, bp;
};

enum vmcore_format {
	VMCORE_ELF = 1,		/* ELF64 ET_CORE, as /proc/vmcore */
	VMCORE_KDUMP = 2,	/* compressed kdump ([kdump], not yet) */
};

/** Everything a writer needs.  Nothing here is owned by the writer. */
struct vmcore_desc {
	const struct vmcore_range *ram;	/* RAM, ascending paddr, PAGE_OFFSET vaddrs */
	int nr_ram;
	struct vmcore_range image;	/* the kernel image at its link address */
	const char *vmcoreinfo;		/* "KEY=VALUE\n" text */
	size_t vmcoreinfo_len;
	const struct vmcore_cpu *cpus;	/* one NT_PRSTATUS each, in cpu order */
	int nr_cpus;
	int progress;			/* print progress on stderr */
	struct vmcore_stats *stats;	/* if set, filled by the writer */
};

/** What a writer did. */
struct vmcore_stats {
	uint64_t file_bytes;		/* apparent size of the file */
	uint64_t data_bytes;		/* bytes actually written (non-hole) */
};

/* ---- atomic files ---- */

/** A file being written under a temporary name next to its final name. */
struct refmm_afile {
	int fd;
	char *path;		/* final name */
	char *tmp;		/* temporary name, NULL once committed/aborted */
};

/**
 * Create a temporary file beside @p path.  The temporary name is removed
 * again by refmm_afile_abort(), and by the SIGINT/SIGTERM/SIGHUP handler
 * that refmm_afile_signals() installs.
 * @return 0, or -1 with a message in @p err.
 */
int refmm_afile_open(struct refmm_afile *f, const char *path, char *err, size_t errlen);
/** fsync the temporary file and close it (no rename yet).  0 or -1 + @p err. */
int refmm_afile_sync(struct refmm_afile *f, char *err, size_t errlen);
/** Rename the (synced) temporary file to its final name, fsync the directory. */
int refmm_afile_commit(struct refmm_afile *f, char *err, size_t errlen);
/** Close and remove the temporary file; the final name is not touched. */
void refmm_afile_abort(struct refmm_afile *f);
/** Install handlers that remove pending temporary files and exit 128+sig. */
void refmm_afile_signals(void);

/** Write @p len bytes at @p off, retrying short writes.  0 or -1 + @p err. */
int refmm_afile_pwrite(struct refmm_afile *f, const void *buf, size_t len,
		       uint64_t off, char *err, size_t errlen);

/* ---- writers ---- */

/**
 * Write @p d as an ELF vmcore into the open temporary file @p f.
 * All-zero pages become file holes.  0, or -1 with a message in @p err.
 */
int vmcore_write_elf(struct refmm_afile *f, const struct vmcore_desc *d,
		     char *err, size_t errlen);

/** Bytes of @p d's data that the ELF file will describe (its apparent size). */
uint64_t vmcore_elf_size(const struct vmcore_desc *d);

#endif
