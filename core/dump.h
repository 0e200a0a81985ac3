/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dump.h - reading a dump's memory through libkdumpfile.
 *
 * Opens ELF and compressed kdump files, configures address translation from
 * the dump alone (the page-table root from VMCOREINFO), and reads by kernel
 * virtual or physical address.  Reads go through an O(1) page cache in front
 * of libkdumpfile.  A read that fails returns a FAULT in crash's wording:
 *   invalid kernel virtual address: ADDR  type: "WHAT"
 *   invalid physical address: ADDR  type: "WHAT"
 *   page excluded: kernel virtual address: ADDR  type: "WHAT"
 *                  (pfn PFN, left out at dump level N)   [compressed kdump]
 * The dump belongs to its program (core/program.h), which opens it with
 * ms_program_open_dump(); a program without a dump reads through its reader
 * (ms_program_set_reader()) if it has one.
 */
#ifndef MS_DUMP_H
#define MS_DUMP_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"	/* enum ms_as */
#include "core/program.h"

struct ms_vmcoreinfo;

/**
 * Open @p path as @p prog's dump, replacing any dump it had.
 * @return NULL; OS (cannot open), CORRUPT (a cut-short or damaged file,
 * with the file offset) or OTHER (not a dump, not x86-64, no VMCOREINFO),
 * each naming the file.
 */
struct ms_error *ms_dump_open(struct ms_program *prog, const char *path);
/** Close @p prog's dump, if it has one. */
void ms_dump_close(struct ms_program *prog);

/**
 * Read @p len bytes at @p addr into @p buf.  @p what names what is being read
 * (crash's "type"), e.g. "zone struct".
 * @return NULL, or a FAULT naming the first unreadable address.
 */
struct ms_error *ms_readmem(struct ms_program *prog, uint64_t addr, enum ms_as as, void *buf,
			    size_t len, const char *what);
struct ms_error *ms_read_u64(struct ms_program *prog, uint64_t addr, uint64_t *val, const char *what);
struct ms_error *ms_read_u32(struct ms_program *prog, uint64_t addr, uint32_t *val, const char *what);
/** Read a NUL-terminated string of at most @p max-1 bytes (always terminated). */
struct ms_error *ms_read_string(struct ms_program *prog, uint64_t addr, char *buf, size_t max,
				const char *what);
#define MS_TEXT_MAX	1024
/**
 * Text from the dump that is printed (a task's comm, a cache or zone name):
 * a NUL-terminated string of at most @p max bytes (at most MS_TEXT_MAX),
 * stored in @p buf with every byte that is not printable ASCII escaped as
 * p prints it (ms_escape_string()), so that it never reaches a terminal
 * raw.  @p bufsz: 4 * @p max + 1 holds every escape.
 */
struct ms_error *ms_read_text(struct ms_program *prog, uint64_t addr, char *buf, size_t bufsz,
			      size_t max, const char *what);

/** Translate a kernel virtual address through the dump's page tables (libaddrxlat). */
struct ms_error *ms_kvtop(struct ms_program *prog, uint64_t vaddr, uint64_t *paddr);

/** The dump's VMCOREINFO (core/vmcoreinfo.h), NULL without a dump. */
const struct ms_vmcoreinfo *ms_dump_vmcoreinfo(const struct ms_program *prog);

/** Facts about the open dump. */
struct ms_dump_info {
	const char *format;		/* "ELF64 dump", "Compressed KDUMP" */
	uint64_t page_size;
	uint64_t max_pfn;		/* highest pfn + 1 present in the dump */
	uint64_t phys_bytes;		/* bytes of RAM described by the dump */
	int nr_cpus;
	const char *build_id;		/* hex, from VMCOREINFO BUILD-ID, or NULL */
	int64_t kernel_offset;		/* KERNELOFFSET (0 if absent) */
	int64_t crash_time;		/* CRASHTIME, seconds since the epoch */
	int dump_level;			/* kdump: makedumpfile's -d (-1: unknown) */
};
/** Valid until the dump is closed; NULL without a dump. */
const struct ms_dump_info *ms_dump_info(const struct ms_program *prog);

/** Hits and misses of the page cache in front of libkdumpfile (benchmarks). */
void ms_dump_cache_stats(const struct ms_program *prog, uint64_t *hits, uint64_t *misses);
/** Drop every cached page (benchmarks measure cold reads with it). */
void ms_dump_cache_flush(struct ms_program *prog);
/** The libkdumpfile context (kdump_ctx_t *) of the dump, or NULL (benchmarks). */
void *ms_dump_kdump_ctx(const struct ms_program *prog);

#endif
