/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gen.h - the generator's steps, for refmm_gen_main() and for tests that
 * generate a dump in-process and then compare it with the live machine.
 */
#ifndef REFMM_GEN_H
#define REFMM_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "refmm/machine.h"

struct scenario;

struct gen_options {
	struct refmm_config cfg;	/* final: defaults < scenario < options */
	struct scenario *scenario;
	const char *output;		/* the dump; truth goes to OUTPUT.truth.json */
	long crashtime;
	int progress;			/* progress on stderr for dumps over 1 GiB */
	int verbose;			/* phase timings on stderr */
	int format;			/* VMCORE_ELF (0 means it too) or VMCORE_KDUMP */
	int compress;			/* kdump: enum vmcore_compress */
	int dump_level;			/* kdump: makedumpfile -d bits */
	int threads;			/* kdump: compression threads */
	int slabinfo;			/* also OUTPUT.slabinfo: /proc/slabinfo */
};

/**
 * Boot, run the scenario, write the dump and the truth file atomically.
 * 0, or -1 with a message in @p err; no final file is left on failure.
 */
int gen_run(const struct gen_options *go, char *err, size_t errlen);

/** Write the current machine as a dump + truth (after boot and run). */
int gen_write(const struct gen_options *go, char *err, size_t errlen);

#endif
