/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dump.h - reading a dump's memory through libkdumpfile.
 *
 * Opens ELF and compressed kdump files, configures address translation from
 * the dump alone (the page-table root from VMCOREINFO), and reads by kernel
 * virtual or physical address.  Reads go through an O(1) page cache in front
 * of libkdumpfile.  Failures record crash's wording with ms_error_set():
 *   invalid kernel virtual address: ADDR  type: "WHAT"
 *   invalid physical address: ADDR  type: "WHAT"
 *   page excluded: kernel virtual address: ADDR  type: "WHAT"
 * The dump is a session singleton.
 */
#ifndef MS_DUMP_H
#define MS_DUMP_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"	/* enum ms_as */

/** Open @p path as the session's dump.  -1 with a message on failure. */
int ms_dump_open(const char *path);
void ms_dump_close(void);

/**
 * Read @p len bytes at @p addr into @p buf.  @p what names what is being read
 * (crash's "type"), e.g. "zone struct".  On failure nothing is printed; the
 * message names the first unreadable address.
 */
int ms_readmem(uint64_t addr, enum ms_as as, void *buf, size_t len, const char *what);
int ms_read_u64(uint64_t addr, uint64_t *val, const char *what);
int ms_read_u32(uint64_t addr, uint32_t *val, const char *what);
/** Read a NUL-terminated string of at most @p max-1 bytes. */
int ms_read_string(uint64_t addr, char *buf, size_t max, const char *what);

/** Translate a kernel virtual address through the dump's page tables. */
int ms_kvtop(uint64_t vaddr, uint64_t *paddr);

/** The VMCOREINFO value of @p key ("OSRELEASE", "SYMBOL(swapper_pg_dir)"), or NULL. */
const char *ms_vmcoreinfo(const char *key);

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
};
const struct ms_dump_info *ms_dump_info(void);

/* ---- additions (dump engineer) ----------------------------------------- */

/** The whole VMCOREINFO text ("KEY=VALUE\n" lines), or NULL without a dump. */
const char *ms_vmcoreinfo_raw(void);

/** Hits and misses of the page cache in front of libkdumpfile. */
void ms_dump_cache_stats(uint64_t *hits, uint64_t *misses);
/** Drop every cached page (benchmarks measure cold reads with it). */
void ms_dump_cache_flush(void);

/** The libkdumpfile context (kdump_ctx_t *) of the open dump, or NULL. */
void *ms_dump_kdump_ctx(void);

#endif
