/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * scn_steps.h - what a scenario step kind sees (internal to the interpreter).
 *
 * A kind has a check function, called at parse time, and a run function.
 * Both read the step's words through scn_arg_*(); a check reports errors
 * with scn_error(), which names file, line and word.  Words a check did not
 * take are rejected after it returns, so every option must be read in check.
 */
#ifndef REFMM_SCN_STEPS_H
#define REFMM_SCN_STEPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "refmm/scenario.h"

#define SCN_MAX_WORDS 32

enum scn_type { SCN_BOOT, SCN_RUN, SCN_PANIC };

struct scn_ctx;

struct scn_kind {
	const char *name;
	enum scn_type type;
	void (*check)(struct scn_ctx *c);
	void (*run)(struct scn_ctx *c);
};

struct scn_step {
	const struct scn_kind *kind;
	int line;
	int argc;
	char *argv[SCN_MAX_WORDS];
	char quoted[SCN_MAX_WORDS];
	uint64_t used;		/* bit i: argv[i] was taken by the check */
};

struct scn_run;		/* run-time state: handles, rng (scenario_pages.c) */
struct scn_slab;	/* caches, object handles, pools (scenario_slab.c) */
struct scn_procs;	/* tasks, mappings, vmalloc areas (scenario_procs.c) */

struct scn_ctx {
	const char *file;
	struct scn_step *step;
	struct scn_params *params;	/* parse time */
	struct scn_run *run;		/* run time */
	struct scn_slab *slab;		/* run time */
	struct scn_procs *procs;	/* run time */
	uint64_t seed;
	char *err;
	size_t errlen;
	int failed;
};

void scn_error(struct scn_ctx *c, const char *word, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** The @p n-th positional word (not key=value); NULL (+ error if @p what). */
const char *scn_arg_pos(struct scn_ctx *c, int n, const char *what);
int scn_arg_has_pos(struct scn_ctx *c, int n);
/** The value of key=VALUE, or @p def. */
const char *scn_arg_str(struct scn_ctx *c, const char *key, const char *def);
uint64_t scn_arg_num(struct scn_ctx *c, const char *key, uint64_t def, uint64_t min, uint64_t max);
void scn_arg_range(struct scn_ctx *c, const char *key, uint64_t *lo, uint64_t *hi,
		   uint64_t min, uint64_t max);
uint64_t scn_word_num(struct scn_ctx *c, const char *word, uint64_t min, uint64_t max);

/* scenario_pages.c: what every step kind shares */

/** splitmix64: the next number of the stream @p s. */
uint64_t scn_rnd_next(uint64_t *s);
/** The step's seed=, or the run's seed combined with the line number. */
uint64_t scn_step_seed(struct scn_ctx *c);
/** "GFP_KERNEL|__GFP_ZERO" (or hex) into *@p ret; -1 with an error on @p word. */
int scn_parse_gfp(struct scn_ctx *c, const char *word, const char *v, unsigned int *ret);
/** The step's gfp= (default @p def) and mt= options. */
unsigned int scn_step_gfp(struct scn_ctx *c, const char *def);
/** A handle name: letters, digits, _ - . not starting with a digit. */
int scn_check_name(struct scn_ctx *c, const char *name);
/** The step's node= option, -1 without one. */
int scn_step_node(struct scn_ctx *c);
/** 1 when @p nid is -1 or online; else 0 and an error. */
int scn_node_ok(struct scn_ctx *c, int nid);
/**
 * Room for element @p n of the array @p v (*@p cap elements of @p size
 * bytes): @p v itself, or a copy twice as large (16 at first).  NULL and
 * an "out of memory" error if it cannot grow; @p v stays valid then.
 */
void *scn_grow(struct scn_ctx *c, void *v, size_t n, size_t *cap, size_t size);
/** The step's count= of allocations: 1 without one, at most @p max. */
uint64_t scn_step_count(struct scn_ctx *c, uint64_t max);
/** 1 when the step says fail=ok (an allocation may fail), 0 for fail=error. */
int scn_step_fail_ok(struct scn_ctx *c);
/** Check fail=: error (the default) or ok. */
void scn_check_fail(struct scn_ctx *c);

/*
 * A mix: ITEM[:WEIGHT],... Each entry is a value or a range [val, hi]
 * drawn uniformly; entries are drawn by weight.
 */
#define SCN_MIX_MAX 32
struct scn_mix {
	uint64_t val[SCN_MIX_MAX];
	uint64_t hi[SCN_MIX_MAX];
	uint64_t weight[SCN_MIX_MAX];
	int n;
	uint64_t total;
};
int scn_mix_add(struct scn_ctx *c, const char *word, struct scn_mix *m,
		uint64_t lo, uint64_t hi, uint64_t w);
int scn_mix_item(struct scn_ctx *c, const char *word, char *tok, uint64_t *w);
uint64_t scn_mix_pick(const struct scn_mix *m, uint64_t r);
void scn_parse_gfp_mix(struct scn_ctx *c, const char *def, struct scn_mix *m);

/* A free pattern: every=N start=K count=N random=PCT seed=N. */
struct scn_pick {
	uint64_t every, start, count, pct, rnd, picked;
};
void scn_pick_init(struct scn_ctx *c, struct scn_pick *p);
bool scn_pick(struct scn_pick *p, size_t i);

struct scn_run *scn_run_create(void);
void scn_run_destroy(struct scn_run *r);
void scn_do_panic(struct scn_ctx *c, const char *msg);
/** The code address a panicking cpu's NT_PRSTATUS shows (scn_do_panic). */
uint64_t scn_panic_ip(void);
void scn_check_noargs(struct scn_ctx *c);
void scn_check_alloc(struct scn_ctx *c);
void scn_run_alloc(struct scn_ctx *c);
void scn_check_fill(struct scn_ctx *c);
void scn_run_fill(struct scn_ctx *c);
void scn_check_free(struct scn_ctx *c);
void scn_run_free(struct scn_ctx *c);
void scn_check_storm(struct scn_ctx *c);
void scn_run_storm(struct scn_ctx *c);
void scn_check_write(struct scn_ctx *c);
void scn_run_write(struct scn_ctx *c);
void scn_check_cpu(struct scn_ctx *c);
void scn_run_cpu(struct scn_ctx *c);
void scn_run_drain(struct scn_ctx *c);
void scn_run_check(struct scn_ctx *c);

/* scenario_procs.c: vmalloc, processes, page cache, memory pressure */
struct scn_procs *scn_procs_create(void);
void scn_procs_destroy(struct scn_procs *p);
void scn_check_spawn(struct scn_ctx *c);
void scn_run_spawn(struct scn_ctx *c);
void scn_check_fork(struct scn_ctx *c);
void scn_run_fork(struct scn_ctx *c);
void scn_check_exec(struct scn_ctx *c);
void scn_run_exec(struct scn_ctx *c);
void scn_check_exit(struct scn_ctx *c);
void scn_run_exit(struct scn_ctx *c);
void scn_check_run(struct scn_ctx *c);
void scn_run_run(struct scn_ctx *c);
void scn_check_state(struct scn_ctx *c);
void scn_run_state(struct scn_ctx *c);
void scn_check_mmap(struct scn_ctx *c);
void scn_run_mmap(struct scn_ctx *c);
void scn_check_munmap(struct scn_ctx *c);
void scn_run_munmap(struct scn_ctx *c);
void scn_check_mprotect(struct scn_ctx *c);
void scn_run_mprotect(struct scn_ctx *c);
void scn_check_brk(struct scn_ctx *c);
void scn_run_brk(struct scn_ctx *c);
void scn_check_touch(struct scn_ctx *c);
void scn_run_touch(struct scn_ctx *c);
void scn_check_read(struct scn_ctx *c);
void scn_run_read(struct scn_ctx *c);
void scn_check_bread(struct scn_ctx *c);
void scn_run_bread(struct scn_ctx *c);
void scn_check_reclaim(struct scn_ctx *c);
void scn_run_reclaim(struct scn_ctx *c);
void scn_check_sysctl(struct scn_ctx *c);
void scn_run_sysctl(struct scn_ctx *c);
void scn_check_printk(struct scn_ctx *c);
void scn_run_printk(struct scn_ctx *c);
void scn_check_vmalloc(struct scn_ctx *c);
void scn_run_vmalloc(struct scn_ctx *c);
void scn_check_vfree(struct scn_ctx *c);
void scn_run_vfree(struct scn_ctx *c);
void scn_check_vmap(struct scn_ctx *c);
void scn_run_vmap(struct scn_ctx *c);
void scn_check_ioremap(struct scn_ctx *c);
void scn_run_ioremap(struct scn_ctx *c);
void scn_check_vmalloc_storm(struct scn_ctx *c);
void scn_run_vmalloc_storm(struct scn_ctx *c);

/* scenario_slab.c: caches, kmalloc, mempools, the clock */
struct scn_slab *scn_slab_create(void);
void scn_slab_destroy(struct scn_slab *s);
void scn_check_cache_create(struct scn_ctx *c);
void scn_run_cache_create(struct scn_ctx *c);
void scn_check_cache_name(struct scn_ctx *c);
void scn_check_cache_destroy(struct scn_ctx *c);
void scn_run_cache_destroy(struct scn_ctx *c);
void scn_run_cache_shrink(struct scn_ctx *c);
void scn_check_cache_tune(struct scn_ctx *c);
void scn_run_cache_tune(struct scn_ctx *c);
void scn_check_cache_alloc(struct scn_ctx *c);
void scn_run_cache_alloc(struct scn_ctx *c);
void scn_check_objfree(struct scn_ctx *c);
void scn_run_cache_free(struct scn_ctx *c);
void scn_check_kmalloc(struct scn_ctx *c);
void scn_run_kmalloc(struct scn_ctx *c);
void scn_run_kfree(struct scn_ctx *c);
void scn_check_kmalloc_storm(struct scn_ctx *c);
void scn_run_kmalloc_storm(struct scn_ctx *c);
void scn_check_cache_storm(struct scn_ctx *c);
void scn_run_cache_storm(struct scn_ctx *c);
void scn_check_leak(struct scn_ctx *c);
void scn_run_leak(struct scn_ctx *c);
void scn_check_sleep(struct scn_ctx *c);
void scn_run_sleep(struct scn_ctx *c);
void scn_check_mempool_create(struct scn_ctx *c);
void scn_run_mempool_create(struct scn_ctx *c);
void scn_check_mempool_alloc(struct scn_ctx *c);
void scn_run_mempool_alloc(struct scn_ctx *c);
void scn_run_mempool_free(struct scn_ctx *c);
void scn_check_mempool_resize(struct scn_ctx *c);
void scn_run_mempool_resize(struct scn_ctx *c);
void scn_check_mempool_destroy(struct scn_ctx *c);
void scn_run_mempool_destroy(struct scn_ctx *c);
/* scenario_corrupt.c: damage recorded by the run, applied by gen */
void scn_check_corrupt(struct scn_ctx *c);
void scn_run_corrupt(struct scn_ctx *c);
/* the pid of the scenario's task @name (spawn, fork, "pid:N"), or -1 with an error */
int scn_task_pid(struct scn_ctx *c, const char *name);
void scn_check_failslab(struct scn_ctx *c);
void scn_run_failslab(struct scn_ctx *c);

/** A pool the scenario made, for the truth file (kept after the run). */
struct scn_mempool_rec {
	char name[64];
	void *pool;		/* mempool_t *, NULL once destroyed */
	const char *kind;	/* "slab", "kmalloc" or "pages" */
	uint64_t data;		/* cache address, size or order */
};
/** The pools made in this process, in creation order; the count. */
int scn_mempool_records(const struct scn_mempool_rec **ret);

#endif
