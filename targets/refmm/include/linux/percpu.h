/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * percpu.h - per-CPU areas.
 *
 * As on x86-64, per-CPU pointers are zero-based offsets: a __percpu
 * pointer p names the object at p + __per_cpu_offset[cpu] for each CPU.
 * Each CPU's area ("unit", pcpu_unit_size bytes) is allocated from bootmem
 * on the CPU's node at boot; all units together are the first chunk,
 * starting at pcpu_base_addr.  __alloc_percpu() hands out offsets of that
 * chunk, first fit over its allocation map; free_percpu() gives the area
 * back for reuse (see mm/percpu.c).
 */
#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H

#include <linux/types.h>
#include <linux/numa.h>

extern unsigned long __per_cpu_offset[NR_CPUS];
extern void *pcpu_base_addr;
extern size_t pcpu_unit_size;

#define per_cpu_offset(x)	(__per_cpu_offset[x])

#define per_cpu_ptr(ptr, cpu)						\
	((__typeof__(ptr))((unsigned long)(ptr) + per_cpu_offset(cpu)))
#define this_cpu_ptr(ptr)	per_cpu_ptr(ptr, smp_processor_id())
#define raw_cpu_ptr(ptr)	this_cpu_ptr(ptr)

void setup_per_cpu_areas(void);
void __percpu *__alloc_percpu(size_t size, size_t align);
void free_percpu(void __percpu *ptr);

#define alloc_percpu(type) \
	((type __percpu *)__alloc_percpu(sizeof(type), __alignof__(type)))

/*
 * Static per-CPU variables (DEFINE_PER_CPU) live in the section
 * "kdata_percpu", the template of every unit's static area.  As on x86-64,
 * where .data..percpu is linked at address 0, the section's addresses
 * start at 0: the ELF symbol and the DWARF location of a per-CPU variable
 * are its offset in the static area, and
 *	per_cpu_ptr(&var, cpu) == &var + __per_cpu_offset[cpu]
 * is where a dump reader finds CPU @cpu's copy (crash reads runqueues and
 * current_task so).  The section is not loaded (flags "w", no "a"): the
 * variable itself is never accessed, only its per-CPU copies, which
 * setup_per_cpu_areas() zeroes (static per-CPU data starts out zero in
 * refmm; the kernel copies .data..percpu's initial values).  The link
 * defines __per_cpu_start and __per_cpu_end around it
 * ($(REFMM_LINK_FLAGS)), the names crash uses to tell per-CPU symbols.
 * The '#' ends gcc's own section flags, which would say "aw".
 */
#define __PCPU_ATTRS							\
	__attribute__((section("kdata_percpu,\"w\",@nobits#"), aligned(8)))
#define DEFINE_PER_CPU(type, name)	__PCPU_ATTRS __typeof__(type) name
#define DECLARE_PER_CPU(type, name)	extern __typeof__(type) name
#define DEFINE_PER_CPU_SHARED_ALIGNED(type, name)			\
	__PCPU_ATTRS __attribute__((aligned(64))) __typeof__(type) name
#define DECLARE_PER_CPU_SHARED_ALIGNED(type, name)			\
	extern __typeof__(type) name

#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), cpu))
#define this_cpu_read(var)	per_cpu(var, smp_processor_id())
#define this_cpu_write(var, val) (per_cpu(var, smp_processor_id()) = (val))
#define __this_cpu_read(var)	this_cpu_read(var)
#define __this_cpu_write(var, val) this_cpu_write(var, val)

extern char __per_cpu_start[], __per_cpu_end[];

#endif /* _LINUX_PERCPU_H */
