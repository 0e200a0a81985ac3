/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * scenario.h - the scenario language (mmscope-scenario(5)).
 *
 * A scenario is parsed whole before anything runs, so a syntax error is
 * reported (file, line and the offending word) before the machine boots.
 * Boot parameters (mem, nodes, cpus, seed) are collected into the config;
 * the other steps run in order once the machine is up.  Step kinds are rows
 * of a table of handlers in scenario.c: a later step kind (slab, vmalloc,
 * processes, corruption) is one row and one function.
 */
#ifndef REFMM_SCENARIO_H
#define REFMM_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

/** Boot parameters a scenario may set.  @p set says which ones it did. */
struct scn_params {
	uint64_t mem_bytes;
	int nr_nodes;
	int nr_cpus;
	uint64_t seed;
	int slab_nomerge;
	unsigned int set;	/* SCN_SET_* */
};
#define SCN_SET_MEM	0x1
#define SCN_SET_NODES	0x2
#define SCN_SET_CPUS	0x4
#define SCN_SET_SEED	0x8
#define SCN_SET_NOMERGE	0x10

struct scenario;

/** A scenario compiled into the program (fixtures/scenarios/NAME.scn). */
struct scn_builtin {
	const char *name;
	const char *summary;	/* the first comment line, without "# NAME: " */
	const char *text;
};
extern const struct scn_builtin refmm_builtin_scenarios[];
extern const int refmm_nr_builtin_scenarios;

/** The built-in scenario @p name, or NULL. */
const struct scn_builtin *scenario_builtin(const char *name);

/**
 * Parse @p text; @p file names it in messages.  NULL on error with
 * "FILE:LINE: WORD: what is wrong" in @p err.
 */
struct scenario *scenario_parse(const char *file, const char *name, const char *text,
				char *err, size_t errlen);
/** Parse the file @p path (its basename without .scn is the scenario name). */
struct scenario *scenario_load(const char *path, char *err, size_t errlen);
void scenario_free(struct scenario *s);

const char *scenario_name(const struct scenario *s);
const struct scn_params *scenario_params(const struct scenario *s);

/**
 * Run the steps after refmm_boot() with the final @p seed.
 * Stops after a `panic` step.  0, or -1 with "FILE:LINE: ..." in @p err.
 */
int scenario_run(struct scenario *s, uint64_t seed, char *err, size_t errlen);
/**
 * Apply the damage the run's "corrupt" steps recorded (scenario_corrupt.c):
 * gen calls it after the truth file and before the dump.
 * @return 0, or -1 with @p err set if a damage found nothing to damage.
 */
int scn_corrupt_apply(char *err, size_t errlen);
/** How many damages are recorded and not yet applied. */
int scn_corrupt_pending(void);

/** Size with optional K/M/G/T suffix (powers of 1024).  0 on success. */
int scn_parse_size(const char *s, uint64_t *ret);

#endif
