/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_refmm_util.h - what refmm's unit tests share: booting the machine
 * for a test group and asserting the allocator's invariants.  Include it
 * after <cmocka.h> and refmm's headers.
 */
#ifndef TEST_REFMM_UTIL_H
#define TEST_REFMM_UTIL_H

#include <refmm/machine.h>

/* Fail the test with refmm_check_invariants()'s description. */
static inline void assert_invariants(void)
{
	char msg[512];

	if (refmm_check_invariants(msg, sizeof(msg)))
		fail_msg("invariant broken: %s", msg);
}

/*
 * Boot refmm's default machine with @mem_bytes of RAM (0: the default),
 * @nr_nodes nodes and @nr_cpus CPUs, the console quiet.  Once per
 * process: refmm maps fixed addresses.  Returns refmm_boot()'s status.
 */
static inline int test_refmm_boot(uint64_t mem_bytes, int nr_nodes, int nr_cpus)
{
	struct refmm_config cfg;

	console_loglevel = 0;
	refmm_default_config(&cfg);
	if (mem_bytes)
		cfg.mem_bytes = mem_bytes;
	cfg.nr_nodes = nr_nodes;
	cfg.nr_cpus = nr_cpus;
	return refmm_boot(&cfg);
}

#endif /* TEST_REFMM_UTIL_H */
