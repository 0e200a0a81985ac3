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

struct scn_ctx {
	const char *file;
	struct scn_step *step;
	struct scn_params *params;	/* parse time */
	struct scn_run *run;		/* run time */
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

/* scenario_pages.c */
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

#endif
