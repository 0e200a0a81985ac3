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

#endif /* _LINUX_PERCPU_H */
