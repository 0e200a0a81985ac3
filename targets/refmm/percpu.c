// SPDX-License-Identifier: GPL-2.0-only
/*
 * percpu.c - per-CPU memory (mm/percpu.c, much reduced).
 *
 * One "first chunk" made of one unit per possible CPU.  Each unit is
 * allocated from bootmem on its CPU's node, so units are not contiguous
 * and __per_cpu_offset[cpu] is simply the unit's address: per-CPU
 * pointers are zero-based offsets, as on x86-64, and
 * per_cpu_ptr(p, cpu) == p + __per_cpu_offset[cpu].
 *
 * The first PERCPU_STATIC_SIZE bytes of every unit are the static area
 * (the kernel's .data..percpu: DEFINE_PER_CPU variables, laid out by the
 * link in section kdata_percpu, see <linux/percpu.h>); dynamic allocations are carved after it
 * by a bump allocator.  refmm allocates per-CPU data at boot and for
 * caches (later); free_percpu() does not reuse space (a known gap).
 *
 * Locking: pcpu_lock in the kernel; single-threaded here.
 */
#include <string.h>

#include <linux/bootmem.h>
#include <linux/mm.h>
#include <linux/percpu.h>

#define PERCPU_STATIC_SIZE	4096UL
#define PCPU_UNIT_MAX		(256UL << 10)
#define PCPU_UNIT_MIN		(32UL << 10)

unsigned long __per_cpu_offset[NR_CPUS] __kdata;
extern char __start_kdata_percpu[], __stop_kdata_percpu[];

/*
 * arch/x86/kernel/setup_percpu.c: each CPU's own offset and number, the
 * first static per-CPU variables (this file is where the section starts
 * to exist for every program that uses per-CPU data).
 */
DEFINE_PER_CPU(unsigned long, this_cpu_off);
DEFINE_PER_CPU(int, cpu_number);
void *pcpu_base_addr __kdata;
size_t pcpu_unit_size __kdata;
/* Next free offset in every unit. */
static unsigned long pcpu_free_offset __kdata;

/*
 * Units shrink with RAM and CPU count: at most 1/32 of memory goes to
 * per-CPU areas (64 CPUs on 64 MiB still boot).
 */
static size_t pcpu_choose_unit_size(void)
{
	size_t unit = PCPU_UNIT_MAX;
	unsigned long ram = PFN_PHYS(max_pfn);

	while (unit > PCPU_UNIT_MIN && unit * nr_cpu_ids > ram / 32)
		unit >>= 1;
	return unit;
}

void setup_per_cpu_areas(void)
{
	int cpu;

	/*
	 * Both names of the section's bounds are used: the linker's makes it
	 * define them, crash's (percpu.lds) puts those in the symbol table.
	 */
	if ((void *)__per_cpu_start != (void *)__start_kdata_percpu ||
	    (void *)__per_cpu_end != (void *)__stop_kdata_percpu ||
	    __stop_kdata_percpu - __start_kdata_percpu >
	    (long)PERCPU_STATIC_SIZE)
		panic("PERCPU: static area [%p, %p) does not fit %lu bytes",
		      (void *)__start_kdata_percpu, (void *)__stop_kdata_percpu,
		      PERCPU_STATIC_SIZE);
	pcpu_unit_size = pcpu_choose_unit_size();
	for_each_possible_cpu(cpu) {
		pg_data_t *pgdat = NODE_DATA(cpu_to_node(cpu));
		void *unit = __alloc_bootmem_node(pgdat, pcpu_unit_size,
						  PAGE_SIZE,
						  BOOTMEM_LOW_LIMIT);

		if (cpu == 0)
			pcpu_base_addr = unit;
		__per_cpu_offset[cpu] = (unsigned long)unit;
		per_cpu(this_cpu_off, cpu) = per_cpu_offset(cpu);
		per_cpu(cpu_number, cpu) = cpu;
	}
	pcpu_free_offset = PERCPU_STATIC_SIZE;
	printk(KERN_INFO "PERCPU: %d units of %zu bytes, static %lu\n",
	       nr_cpu_ids, pcpu_unit_size, PERCPU_STATIC_SIZE);
}

/**
 * __alloc_percpu - allocate dynamic percpu area
 * @size: size of area to allocate in bytes
 * @align: alignment of area (max PAGE_SIZE)
 *
 * Returns a zeroed per-CPU pointer, or NULL when the first chunk is full.
 */
void __percpu *__alloc_percpu(size_t size, size_t align)
{
	unsigned long off;

	if (!size || align > PAGE_SIZE || (align & (align - 1)))
		return NULL;
	if (align < sizeof(long))
		align = sizeof(long);
	off = ALIGN(pcpu_free_offset, align);
	if (off + size > pcpu_unit_size) {
		pr_warn("PERCPU: allocation failed, size=%zu align=%zu\n",
			size, align);
		return NULL;
	}
	pcpu_free_offset = off + size;
	/* bootmem zeroed the units; nothing in them was used yet */
	return (void __percpu *)off;
}

void free_percpu(void __percpu *ptr)
{
	(void)ptr;	/* space is not reused: see the file comment */
}
