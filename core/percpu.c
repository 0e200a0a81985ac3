/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * percpu.c - per_cpu_ptr() through __per_cpu_offset (see percpu.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/dump.h"
#include "core/field.h"
#include "core/percpu.h"
#include "core/symbols.h"
#include "core/types.h"

/* The address, element size and length (0 if unknown) of __per_cpu_offset[]. */
static struct ms_error *offset_array(struct ms_program *prog, uint64_t *addr, uint64_t *elsize,
				     uint64_t *len)
{
	const struct ms_symbol *sym = ms_symbol_find(prog, "__per_cpu_offset");
	const struct ms_type *t, *a;
	uint64_t daddr;
	struct ms_error *err;

	if (!sym)
		return ms_error_lookup("__per_cpu_offset",
				       "per-cpu offsets are not available: no __per_cpu_offset symbol");
	*addr = sym->value;
	err = ms_variable_find(prog, "__per_cpu_offset", &t, &daddr);
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		return ms_error_lookup("__per_cpu_offset", "__per_cpu_offset has no type in the debuginfo");
	if (err)
		return err;
	a = ms_type_strip(t);
	if (ms_type_kind(a) != MS_TYPE_ARRAY || !ms_type_target(a))
		return ms_error_lookup("__per_cpu_offset", "__per_cpu_offset is not an array");
	*elsize = ms_type_size(ms_type_target(a));
	*len = ms_type_array_len(a);
	if (!*elsize || *elsize > 8)
		return ms_error_lookup("__per_cpu_offset", "__per_cpu_offset: elements of %lu bytes",
				       (unsigned long)*elsize);
	return NULL;
}

struct ms_error *ms_percpu_nr_cpus(struct ms_program *prog, int *ret)
{
	const struct ms_dump_info *di;
	uint64_t addr, elsize, len;
	int64_t n;
	struct ms_error *err = ms_global_read_s64(prog, "nr_cpu_ids", &n);

	if (!err && n > 0 && n <= INT32_MAX) {
		*ret = (int)n;
		return NULL;
	}
	if (err && err->kind != MS_ERR_LOOKUP)
		return err;
	ms_error_destroy(err);
	di = ms_dump_info(prog);
	if (di && di->nr_cpus > 0) {
		*ret = di->nr_cpus;
		return NULL;
	}
	err = offset_array(prog, &addr, &elsize, &len);
	if (err)
		return err;
	if (!len || len > INT32_MAX)
		return ms_error_lookup("nr_cpu_ids", "the number of CPUs is not known");
	*ret = (int)len;
	return NULL;
}

struct ms_error *ms_percpu_offset(struct ms_program *prog, int cpu, uint64_t *ret)
{
	uint64_t addr, elsize, len, v = 0;
	struct ms_error *err = offset_array(prog, &addr, &elsize, &len);

	if (err)
		return err;
	if (cpu < 0 || (len && (uint64_t)cpu >= len))
		return ms_error_usage("invalid cpu number: %d", cpu);
	err = ms_readmem(prog, addr + (uint64_t)cpu * elsize, MS_KVADDR, &v, elsize, "__per_cpu_offset");
	if (err)
		return err;
	*ret = v;	/* little-endian: the low bytes */
	return NULL;
}

struct ms_error *ms_per_cpu_ptr(struct ms_program *prog, uint64_t ptr, int cpu, uint64_t *ret)
{
	uint64_t off;
	struct ms_error *err = ms_percpu_offset(prog, cpu, &off);

	if (err)
		return err;
	*ret = ptr + off;
	return NULL;
}

bool ms_percpu_symbol(struct ms_program *prog, const struct ms_symbol *sym)
{
	const struct ms_symbol *start = ms_symbol_find(prog, "__per_cpu_start");
	const struct ms_symbol *end = ms_symbol_find(prog, "__per_cpu_end");

	if (!sym || !sym->size || !sym->type || !strchr("dDbBV", sym->type))
		return false;
	/* a section linked at 0 (x86-64's .data..percpu) says so by itself */
	if (sym->percpu)
		return true;
	if (!start || !end)
		return false;
	return sym->value >= start->value && sym->value < end->value;
}

/*
 * crash's cpuspec: "" (the context task's CPU, @p current), "a" or "all",
 * or a list "1,3,5-7".  Fills @p cpus (a bitmap over @p ncpus); USAGE if bad.
 */
struct ms_error *ms_percpu_parse_cpuspec(const char *spec, int ncpus, int current, bool *cpus)
{
	if (!*spec) {
		if (current < 0 || current >= ncpus)
			return ms_error_usage("invalid cpu number: %d", current);
		cpus[current] = true;
		return NULL;
	}
	if (!strcmp(spec, "a") || !strcmp(spec, "all")) {
		for (int i = 0; i < ncpus; i++)
			cpus[i] = true;
		return NULL;
	}
	const char *p = spec;
	while (*p) {
		char *end;
		long lo = strtol(p, &end, 10), hi = lo;
		if (end == p)
			return ms_error_usage("invalid cpu specification: %s", spec);
		if (*end == '-') {
			p = end + 1;
			hi = strtol(p, &end, 10);
			if (end == p)
				return ms_error_usage("invalid cpu specification: %s", spec);
		}
		if (lo < 0 || hi < lo || hi >= ncpus)
			return ms_error_usage("invalid cpu number: %ld", hi >= ncpus ? hi : lo);
		for (long c = lo; c <= hi; c++)
			cpus[c] = true;
		p = end;
		if (*p == ',')
			p++;
		else if (*p)
			return ms_error_usage("invalid cpu specification: %s", spec);
	}
	return NULL;
}
