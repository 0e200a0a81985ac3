/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_slab_refmm.c - the floor for "make bench" of kmem -s and -S: refmm
 * runs a scenario in-process and takes its own census of every cache with
 * plain pointers (refmm_slab_census(): every list, slab, freelist and
 * array), writing kmem -s's row per cache, and for -S one line per object,
 * to /dev/null.
 *
 *   bench_slab_refmm SCENARIO-FILE [ROUNDS]
 * prints "refmm <what> <value>" lines (times: the best of ROUNDS) for
 * bench_slab_kmem.py.  Only tests/ and targets/ may include refmm headers.
 */
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/slab_def.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "refmm/machine.h"
#include "refmm/scenario.h"
#include "refmm/slab.h"
#include "slab.h"	/* targets/refmm/slab.h: slab_caches */

static FILE *devnull;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int print_obj(void *obj, enum refmm_obj_where where, int id, void *arg)
{
	(void)arg;
	if (where == REFMM_OBJ_INUSE)
		fprintf(devnull, "  [%lx]\n", (unsigned long)(uintptr_t)obj);
	else if (where == REFMM_OBJ_CPU)
		fprintf(devnull, "   %lx  (cpu %d cache)\n", (unsigned long)(uintptr_t)obj, id);
	else
		fprintf(devnull, "   %lx\n", (unsigned long)(uintptr_t)obj);
	return 0;
}

/* kmem -s (objects NULL) or -S: every cache's census and row */
static unsigned long walk(struct refmm_cache_census *c, refmm_obj_fn objects,
			  unsigned long *total)
{
	struct kmem_cache *cachep;
	unsigned long active = 0;
	char err[256];

	*total = 0;
	list_for_each_entry(cachep, &slab_caches, list) {
		if (refmm_slab_census(cachep, c, objects, NULL, err, sizeof(err))) {
			fprintf(stderr, "census: %s\n", err);
			exit(1);
		}
		fprintf(devnull, "%-16lx %8u  %9lu  %8lu  %5lu  %4luk  %s\n",
			(unsigned long)(uintptr_t)cachep, cachep->size, c->active_objs, c->num_objs,
			c->num_slabs, (4096UL << cachep->gfporder) / 1024, cachep->name);
		active += c->active_objs;
		*total += c->num_objs;
	}
	return active;
}

int main(int argc, char **argv)
{
	struct refmm_cache_census *c = malloc(sizeof(*c));
	const struct scn_params *sp;
	struct refmm_config cfg;
	struct scenario *s;
	char err[512];
	int rounds = argc > 2 ? atoi(argv[2]) : 3;
	double best_s = 1e9, best_S = 1e9;
	unsigned long active = 0, total = 0;

	if (argc < 2 || !c) {
		fprintf(stderr, "usage: %s SCENARIO-FILE [ROUNDS]\n", argv[0]);
		return 2;
	}
	s = scenario_load(argv[1], err, sizeof(err));
	if (!s) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	/* boot as "mmscope gen" does (targets/refmm/gen.c): the whole system */
	refmm_default_config(&cfg);
	cfg.boot_tasks = 1;
	sp = scenario_params(s);
	if (sp->set & SCN_SET_MEM)
		cfg.mem_bytes = sp->mem_bytes;
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
		return 1;
	}
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		return 1;
	for (int r = 0; r < rounds; r++) {
		double t0 = now(), t;

		active = walk(c, NULL, &total);
		t = now() - t0;
		if (t < best_s)
			best_s = t;
		t0 = now();
		walk(c, print_obj, &total);
		t = now() - t0;
		if (t < best_S)
			best_S = t;
	}
	printf("refmm kmem-s %.6f\nrefmm kmem-S %.6f\nrefmm active_objs %lu\nrefmm num_objs %lu\n",
	       best_s, best_S, active, total);
	free(c);
	return 0;
}
