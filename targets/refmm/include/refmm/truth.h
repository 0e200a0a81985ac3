/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * truth.h - the truth file: refmm's own accounting at the time of a dump,
 * as JSON (schema in mmscope-gen(1)).  It is built from the allocator's
 * structures in this process -- the free lists are walked in memory, the
 * dump file is never read -- so it is an independent oracle for any dump
 * reader.  Later issues add "caches", "vmlist", "tasks" and "log".
 */
#ifndef REFMM_TRUTH_H
#define REFMM_TRUTH_H

#include <stddef.h>
#include <stdint.h>

#include "refmm/vmcore.h"

#define TRUTH_FORMAT 1

/** What the truth file says about the run, besides the allocator state. */
struct truth_info {
	const char *scenario;
	uint64_t seed;
	long crashtime;
	int nr_cpus;
	uint64_t mem_bytes;
	const char *dump_format;	/* "elf" or "kdump" */
	int dump_level;			/* makedumpfile -d bits (0 for elf) */
	const char *compression;	/* kdump: "zlib", ...; NULL for elf */
};

/**
 * Serialise the truth of the booted machine into the open temporary file
 * @p f.  0, or -1 with a message in @p err.
 */
int truth_write(struct refmm_afile *f, const struct truth_info *ti, char *err, size_t errlen);

struct json_object;
/** The process level of the truth: vmlist, tasks, log, lru, meminfo. */
int truth_procs(struct json_object *root, char *err, size_t errlen);

/** The truth as a JSON string (caller frees), for tests.  NULL on OOM. */
char *truth_to_string(const struct truth_info *ti);

#endif
