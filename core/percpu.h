/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * percpu.h - per-CPU data: the kernel's per_cpu_ptr().
 *
 * A per-CPU variable's address is an offset that becomes an address by adding
 * __per_cpu_offset[cpu] (SMP x86-64 since 2.6.30; refmm does the same).  The
 * array is read through its DWARF type, so its element size and length are
 * the dump's own.
 */
#ifndef MS_PERCPU_H
#define MS_PERCPU_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "core/program.h"
#include "core/symbols.h"

/**
 * The number of possible CPUs: the kernel's nr_cpu_ids, else the CPUs the
 * dump has notes for, else the length of __per_cpu_offset[].
 * @return NULL, or LOOKUP when none of these is known.
 */
struct ms_error *ms_percpu_nr_cpus(struct ms_program *prog, int *ret);

/**
 * __per_cpu_offset[@p cpu].
 * @return NULL; LOOKUP without __per_cpu_offset; USAGE for a CPU outside the
 * array; a FAULT if it cannot be read.
 */
struct ms_error *ms_percpu_offset(struct ms_program *prog, int cpu, uint64_t *ret);

/** per_cpu_ptr(@p ptr, @p cpu): @p ptr + __per_cpu_offset[@p cpu]. */
struct ms_error *ms_per_cpu_ptr(struct ms_program *prog, uint64_t ptr, int cpu, uint64_t *ret);

/**
 * Whether @p sym is a static per-CPU variable (DEFINE_PER_CPU): a sized
 * data symbol in a section linked at 0 or between __per_cpu_start and
 * __per_cpu_end, as crash's is_percpu_symbol() tells them.  Its value is then an offset, and each
 * CPU's copy is at ms_per_cpu_ptr(value, cpu).  False without those bounds.
 */
bool ms_percpu_symbol(struct ms_program *prog, const struct ms_symbol *sym);

/**
 * crash's cpuspec: "" (the context's CPU, @p current), "a" or "all", or a
 * list "1,3,5-7".  Sets @p cpus[i] (an array of @p ncpus) for each CPU named.
 * @return NULL, or USAGE naming what was wrong.
 */
struct ms_error *ms_percpu_parse_cpuspec(const char *spec, int ncpus, int current, bool *cpus);

#endif
