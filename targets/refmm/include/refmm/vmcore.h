/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmcore.h - writing refmm's memory as a crash dump.
 *
 * The writers know nothing of the allocator: they take a description of the
 * machine (RAM ranges with their host bytes, the kernel image, the notes) and
 * lay it out as a file.  Format 1 is the ELF64 core /proc/vmcore gives a
 * kdump kernel (vmcore.c); format 2 is the compressed kdump ("diskdump")
 * that makedumpfile makes of it (diskdump.c).
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
	VMCORE_KDUMP = 2,	/* compressed kdump, as makedumpfile writes it */
};

/** How a compressed kdump stores its pages (makedumpfile -c, -l, -p, -z). */
enum vmcore_compress {
	VMCORE_COMPRESS_NONE,
	VMCORE_COMPRESS_ZLIB,
	VMCORE_COMPRESS_LZO,
	VMCORE_COMPRESS_SNAPPY,
	VMCORE_COMPRESS_ZSTD,
};

/** "zlib", "lzo", ... for @p c; NULL if out of range. */
const char *vmcore_compress_name(enum vmcore_compress c);
/** The compression named @p name; -1 if none is. */
int vmcore_compress_parse(const char *name);

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

	/* the compressed kdump only */
	const char *utsname;		/* struct new_utsname: 6 strings of 65 bytes */
	long timestamp;			/* seconds: the header's time stamp */
	enum vmcore_compress compress;
	int dump_level;			/* makedumpfile -d bits (refmm/dump_filter.h) */
	/*
	 * Per pfn below nr_page_class: the DL_EXCLUDE_* bits any of which
	 * leaves the page out (refmm_dump_classes()); NULL: none does.
	 * Zero pages are found by the writer itself.
	 */
	const unsigned char *page_class;
	uint64_t nr_page_class;
	int threads;			/* compression threads (at least 1) */
};

/** What a writer did. */
struct vmcore_stats {
	uint64_t file_bytes;		/* apparent size of the file */
	uint64_t data_bytes;		/* bytes actually written (non-hole) */
	/* the compressed kdump only, in pages */
	uint64_t pages_ram;		/* set in the first bitmap */
	uint64_t pages_dumped;		/* set in the second: with a descriptor */
	uint64_t pages_zero;		/* dumped as the one shared zero page */
	uint64_t pages_compressed;	/* stored compressed (the rest raw) */
};

/* ---- atomic files ---- */

/** A file being written under a temporary name next to its final name. */
struct refmm_afile {
	int fd;
	char *path;		/* final name (a symbolic link's target) */
	char *tmp;		/* temporary name, NULL once committed/aborted */
	char *old;		/* while committing: a link to the file replaced */
};

/**
 * Create a temporary file ".NAME.tmp.PID.XXXXXX" beside @p path.  The
 * temporary name is removed again by refmm_afile_abort(), and by the
 * SIGINT/SIGTERM/SIGHUP handler that refmm_afile_signals() installs; those
 * of runs killed outright are pruned here (refmm_afile_prune()).
 * @p path must be a regular file, a symbolic link to one (whose target is
 * then written), or not exist: anything else (a directory, a device node,
 * a FIFO) is refused and left alone.
 * @return 0, or -1 with a message in @p err.
 */
int refmm_afile_open(struct refmm_afile *f, const char *path, char *err, size_t errlen);
/** Remove the temporaries of dead processes beside @p path; how many. */
int refmm_afile_prune(const char *path);
/** fsync the temporary file and close it (no rename yet).  0 or -1 + @p err. */
int refmm_afile_sync(struct refmm_afile *f, char *err, size_t errlen);
/** Rename the (synced) temporary file to its final name, fsync the directory. */
int refmm_afile_commit(struct refmm_afile *f, char *err, size_t errlen);
/**
 * Commit @p a and @p b both or neither: sync both, put @p a in place so
 * that it can be undone, rename @p b; if that fails, the file @p a
 * replaced (or its absence) is restored.  Signals are held off meanwhile.
 * 0, or -1 with a message in @p err (the temporaries are then still there
 * for refmm_afile_abort()).
 */
int refmm_afile_commit_pair(struct refmm_afile *a, struct refmm_afile *b,
			    char *err, size_t errlen);
/** The most files refmm_afile_commit_all() commits together. */
#define REFMM_AFILE_MAX_SET	4
/**
 * refmm_afile_commit_pair() for @p n files (at most REFMM_AFILE_MAX_SET):
 * each is put in place so that it can be undone, and if one cannot be,
 * the ones before it get back what they replaced (or their absence).
 */
int refmm_afile_commit_all(struct refmm_afile *const *f, int n, char *err, size_t errlen);
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

/**
 * Write @p d's RAM as makedumpfile's compressed kdump (header version 6)
 * into the open temporary file @p f: pages compressed on d->threads
 * threads, the same bytes whatever their number; pages whose class meets
 * d->dump_level left out; with DL_EXCLUDE_ZERO, zero pages share one copy.
 * 0, or -1 with a message in @p err.
 */
int vmcore_write_kdump(struct refmm_afile *f, const struct vmcore_desc *d,
		       char *err, size_t errlen);

/* ---- shared by the writers ---- */

/** Progress on stderr, at most once a second ("gen: writing dump: 42% ..."). */
struct vmcore_progress {
	int on, finished;
	uint64_t done, total;
	long last;
};
void vmcore_progress_init(struct vmcore_progress *pg, int on, uint64_t total);
void vmcore_progress_tick(struct vmcore_progress *pg, uint64_t bytes);

/**
 * The PT_NOTE contents: "CORE"/NT_PRSTATUS per cpu, then "VMCOREINFO".
 * Sets *@p len, and *@p vmcoreinfo_off to the offset of the VMCOREINFO
 * text within.  Free with free(); NULL when out of memory.
 */
unsigned char *vmcore_build_notes(const struct vmcore_desc *d, size_t *len,
				  size_t *vmcoreinfo_off);

#endif
