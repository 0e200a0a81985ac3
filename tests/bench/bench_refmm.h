/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_refmm.h - what the in-process refmm floors of make bench share
 * (bench_kmem_refmm.c, bench_slab_refmm.c): a clock, and booting refmm
 * with a scenario's own parameters, as "mmscope gen" does, then running
 * its steps.  Only tests/ and targets/ may include refmm headers.
 */
#ifndef MS_BENCH_REFMM_H
#define MS_BENCH_REFMM_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "refmm/machine.h"
#include "refmm/scenario.h"

static inline double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Boot refmm as "mmscope gen" boots it for @s - the whole system
 * (boot_tasks), the scenario's mem, nodes, cpus, seed and slab_nomerge,
 * refmm's defaults for what it leaves unset; @mem_bytes, if not 0, in
 * place of its mem: make bench SCALE= - and run its steps, with the
 * console quiet.  The floor then walks what the dump it is compared with
 * holds.
 * @return 0, or -1 after saying why on stderr.
 */
static inline int bench_refmm_boot(struct scenario *s, uint64_t mem_bytes)
{
	const struct scn_params *sp = scenario_params(s);
	struct refmm_config cfg;
	char err[512] = "";

	refmm_default_config(&cfg);
	cfg.boot_tasks = 1;
	if (sp->set & SCN_SET_MEM)
		cfg.mem_bytes = sp->mem_bytes;
	if (mem_bytes)
		cfg.mem_bytes = mem_bytes;
	if (sp->set & SCN_SET_NODES)
		cfg.nr_nodes = sp->nr_nodes;
	if (sp->set & SCN_SET_CPUS)
		cfg.nr_cpus = sp->nr_cpus;
	if (sp->set & SCN_SET_SEED)
		cfg.seed = sp->seed;
	if (sp->set & SCN_SET_NOMERGE)
		cfg.slab_nomerge = sp->slab_nomerge;
	refmm_printk_hook = NULL;
	if (refmm_boot(&cfg) < 0 || scenario_run(s, cfg.seed, err, sizeof(err)) < 0) {
		fprintf(stderr, "boot/run: %s\n", err);
		return -1;
	}
	return 0;
}

#endif /* MS_BENCH_REFMM_H */
