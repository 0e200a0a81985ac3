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
 * (the kernel's .data..percpu: the DEFINE_PER_CPU variables, laid out
 * by the link in section kdata_percpu, see <linux/percpu.h>); the rest
 * is handed out by the area allocator of 4.0's chunks, on the first chunk
 * only.  The chunk keeps an allocation map, map[0 .. map_used], of area start offsets in
 * increasing order, the low bit of each set when the area (up to the
 * next entry) is in use; map[map_used] is the sentry, the end of the
 * unit, marked in use.  Offsets are even (areas are at least 2-aligned),
 * which is what frees the low bit.  Allocating is first fit: the first
 * free area that holds the aligned request is split into head, the
 * request and tail (a head too small to be worth an entry, under
 * sizeof(int), or next to a free area goes to the previous area; such a
 * tail stays in the allocation).  Freeing marks the area free and merges
 * it with free neighbours, so freed space is reused and the map never
 * holds two free areas in a row.
 *
 * Where this departs from 4.0's mm/percpu.c: there is only the first
 * chunk - no further chunks carved from vmalloc space, no pcpu_slot
 * lists sorting chunks by free space, no page population - so a request
 * that does not fit in the first chunk fails (with the kernel's warning).
 * The map has a fixed number of entries, PCPU_MAP_SLOTS, in the image,
 * where 4.0 extends it with pcpu_extend_area_map(); a request that
 * would need more entries fails too.  There is no reserved area for
 * modules.
 *
 * Locking: pcpu_alloc_mutex and pcpu_lock in the kernel; single-threaded
 * here.
 */
#include <stdio.h>
#include <string.h>

#include <linux/bootmem.h>
#include <linux/mm.h>
#include <linux/percpu.h>

#include "internal.h"

#define PERCPU_STATIC_SIZE	4096UL
#define PCPU_UNIT_MAX		(256UL << 10)
#define PCPU_UNIT_MIN		(32UL << 10)
/* 4.0 grows chunk->map on demand; refmm's first chunk has this many. */
#define PCPU_MAP_SLOTS		1024

struct pcpu_chunk {
	int			free_size;	/* free bytes in the chunk */
	int			contig_hint;	/* max contiguous size hint */
	void			*base_addr;	/* base address of this chunk */

	int			map_used;	/* # of map entries used
						 * before the sentry */
	int			map_alloc;	/* # of map entries allocated */
	int			*map;		/* allocation map */

	int			first_free;	/* no free below this */
	bool			immutable;	/* no [de]population allowed */
};

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

static int pcpu_first_chunk_map[PCPU_MAP_SLOTS] __kdata;
static struct pcpu_chunk pcpu_first_chunk_data __kdata;
/* the only chunk: the one that serves dynamic allocations */
struct pcpu_chunk *pcpu_first_chunk __kdata;

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

/*
 * The first chunk's map as pcpu_setup_first_chunk() starts it: the
 * static area in use, the rest free, and the sentry.
 */
static void pcpu_setup_first_chunk(void)
{
	struct pcpu_chunk *chunk = &pcpu_first_chunk_data;

	chunk->base_addr = pcpu_base_addr;
	chunk->map = pcpu_first_chunk_map;
	chunk->map_alloc = PCPU_MAP_SLOTS;
	chunk->immutable = true;
	chunk->free_size = (int)(pcpu_unit_size - PERCPU_STATIC_SIZE);
	chunk->contig_hint = chunk->free_size;
	chunk->map[0] = 1;
	chunk->map[1] = (int)PERCPU_STATIC_SIZE;
	chunk->map_used = 1;
	chunk->map[++chunk->map_used] = 1 | (int)pcpu_unit_size;
	chunk->first_free = 1;
	pcpu_first_chunk = chunk;
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
	pcpu_setup_first_chunk();
	printk(KERN_INFO "PERCPU: %d units of %zu bytes, static %lu\n",
	       nr_cpu_ids, pcpu_unit_size, PERCPU_STATIC_SIZE);
}

/*
 * pcpu_alloc_area - allocate area from a pcpu_chunk
 * @chunk: chunk of interest
 * @size: wanted size in bytes
 * @align: wanted align (a power of two, at least 2)
 *
 * Walk the map from the first entry that may be free and take the first
 * free area that holds @size bytes at @align.  Returns the offset of the
 * area, or -1 when none fits or the map has no room for the split.
 */
static int pcpu_alloc_area(struct pcpu_chunk *chunk, int size, int align)
{
	bool seen_free = false;
	int i;

	for (i = chunk->first_free; i < chunk->map_used; i++) {
		int *p = chunk->map + i;
		int off = *p, head, tail, this_size;

		if (off & 1)
			continue;
		if (!seen_free) {
			chunk->first_free = i;
			seen_free = true;
		}
		this_size = (p[1] & ~1) - off;
		head = ALIGN(off, align) - off;
		if (this_size < head + size)
			continue;

		/*
		 * A small head, or one next to a free area, goes to the
		 * area before: it is the free area's, or too small to be
		 * worth a map entry.  The first area is the static one, so
		 * there always is an area before.
		 */
		if (head && (head < (int)sizeof(int) || !(p[-1] & 1))) {
			*p = off += head;
			if (p[-1] & 1)
				chunk->free_size -= head;
			this_size -= head;
			head = 0;
		}

		/* if tail is small, just keep it around */
		tail = this_size - head - size;
		if (tail < (int)sizeof(int)) {
			tail = 0;
			size = this_size - head;
		}

		/* split if warranted */
		if (head || tail) {
			int nr_extra = !!head + !!tail;

			if (chunk->map_used + nr_extra >= chunk->map_alloc)
				return -1;
			memmove(p + nr_extra + 1, p + 1,
				sizeof(chunk->map[0]) *
				(size_t)(chunk->map_used - i));
			chunk->map_used += nr_extra;
			if (head) {
				*++p = off += head;
				++i;
			}
			if (tail)
				p[1] = off + size;
		}
		if (chunk->first_free == i)
			chunk->first_free = i + 1;

		chunk->free_size -= size;
		*p |= 1;
		return off;
	}
	return -1;
}

/* The largest free area, for the hint pcpu_alloc() checks first. */
static int pcpu_max_contig(struct pcpu_chunk *chunk)
{
	int i, max_contig = 0;

	for (i = 0; i < chunk->map_used; i++) {
		int size = (chunk->map[i + 1] & ~1) - chunk->map[i];

		if (!(chunk->map[i] & 1))
			max_contig = max(max_contig, size);
	}
	return max_contig;
}

/*
 * pcpu_free_area - free area to a pcpu_chunk
 * @chunk: pcpu_chunk of interest
 * @freeme: offset of area to free
 *
 * Find the area (binary search: the map is sorted), mark it free and
 * merge it with the free areas beside it.  Returns 0, or -1 when no area
 * in use starts at @freeme.
 */
static int pcpu_free_area(struct pcpu_chunk *chunk, int freeme)
{
	int off = 0, to_free = 0;
	int i, j;
	int *p;

	freeme |= 1;	/* we are searching for <given offset, in use> pair */

	i = 0;
	j = chunk->map_used;
	while (i != j) {
		int k = (i + j) / 2;

		off = chunk->map[k];
		if (off < freeme)
			i = k + 1;
		else if (off > freeme)
			j = k;
		else
			i = j = k;
	}
	if (off != freeme)
		return -1;

	if (i < chunk->first_free)
		chunk->first_free = i;

	p = chunk->map + i;
	*p = off &= ~1;
	chunk->free_size += (p[1] & ~1) - off;

	/* merge with next? */
	if (!(p[1] & 1))
		to_free++;
	/* merge with previous? */
	if (i > 0 && !(p[-1] & 1)) {
		to_free++;
		i--;
		p--;
	}
	if (to_free) {
		chunk->map_used -= to_free;
		memmove(p + 1, p + 1 + to_free,
			(size_t)(chunk->map_used - i) * sizeof(chunk->map[0]));
	}

	chunk->contig_hint = max(chunk->map[i + 1] - chunk->map[i] - 1,
				 chunk->contig_hint);
	return 0;
}

/**
 * __alloc_percpu - allocate dynamic percpu area
 * @size: size of area to allocate in bytes
 * @align: alignment of area (max PAGE_SIZE)
 *
 * Allocate zero-filled percpu area of @size bytes aligned at @align.
 * Returns the per-CPU pointer (an offset, see the file comment), or NULL
 * with a warning when the first chunk has no such room.
 */
void __percpu *__alloc_percpu(size_t size, size_t align)
{
	struct pcpu_chunk *chunk = pcpu_first_chunk;
	int off = -1;
	int cpu;

	/*
	 * We want the lowest bit of offset available for in-use/free
	 * indicator, so force >= 16bit alignment and make size even.
	 */
	if (unlikely(align < 2))
		align = 2;
	size = ALIGN(size, 2);

	if (unlikely(!size || size > PCPU_UNIT_MIN || align > PAGE_SIZE ||
		     (align & (align - 1)) || !chunk)) {
		pr_warn("PERCPU: illegal size (%zu) or align (%zu) for percpu allocation\n",
			size, align);
		return NULL;
	}

	if ((int)size <= chunk->contig_hint) {
		off = pcpu_alloc_area(chunk, (int)size, (int)align);
		if (off < 0)
			chunk->contig_hint = pcpu_max_contig(chunk);
	}
	if (off < 0) {
		pr_warn("PERCPU: allocation failed, size=%zu align=%zu, %s\n",
			size, align, "no free area in the first chunk");
		return NULL;
	}

	/* clear the areas and return address relative to base address */
	for_each_possible_cpu(cpu)
		memset((void *)(__per_cpu_offset[cpu] + (unsigned long)off), 0,
		       size);
	return (void __percpu *)(unsigned long)off;
}

/**
 * free_percpu - free percpu area
 * @ptr: pointer to area to free
 *
 * Free percpu area @ptr; its space is reused by later allocations.
 * Freeing what was not allocated (the kernel BUGs) is reported and
 * ignored.
 */
void free_percpu(void __percpu *ptr)
{
	unsigned long off = (unsigned long)ptr;

	if (!ptr)
		return;
	if (!pcpu_first_chunk || off >= pcpu_unit_size ||
	    pcpu_free_area(pcpu_first_chunk, (int)off) < 0) {
		WARN_ON(1);
		pr_err("free_percpu: %#lx is not an allocated per-cpu area\n",
		       off);
	}
}

/*
 * The CONFIG_DEBUG_VM check of the first chunk, for
 * refmm_check_invariants(): offsets increase, the sentry ends the unit,
 * no two free areas are neighbours, free_size is the sum of the free
 * areas and first_free has no free area below it.
 */
int pcpu_check_first_chunk(char *msg, size_t len)
{
	struct pcpu_chunk *chunk = pcpu_first_chunk;
	int i = 0, free_size = 0;

	if (!chunk)
		return 0;
	if (chunk->map_used < 1 || chunk->map_used >= chunk->map_alloc ||
	    chunk->map[chunk->map_used] != (1 | (int)pcpu_unit_size))
		goto bad;
	for (i = 0; i < chunk->map_used; i++) {
		int off = chunk->map[i] & ~1, end = chunk->map[i + 1] & ~1;

		if (end <= off)
			goto bad;
		if (chunk->map[i] & 1)
			continue;
		if (i < chunk->first_free ||
		    (i > 0 && !(chunk->map[i - 1] & 1)))
			goto bad;
		free_size += end - off;
	}
	if (free_size != chunk->free_size)
		goto bad;
	return 0;
bad:
	snprintf(msg, len, "per-cpu first chunk: map[%d] of %d inconsistent (free_size %d)",
		 i, chunk->map_used, chunk->free_size);
	return -1;
}
