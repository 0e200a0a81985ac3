/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * refmm/machine.h - the simulated machine refmm runs on, seen from outside.
 *
 * refmm is a user-space Linux 4.0 memory allocator.  It runs on a machine
 * made of host resources:
 *
 *   physical RAM   a memfd of cfg->mem_bytes, mapped MAP_SHARED at the fixed
 *                  host address PAGE_OFFSET (0x200000000000): the direct map.
 *                  Host pointer == kernel virtual address, for every byte.
 *   kernel image   the ELF section "kdata" of the running executable, linked
 *                  at __START_KERNEL_map (0x40000000).  At boot its bytes are
 *                  copied to physical 16 MiB and the memfd is mapped over the
 *                  section, so each global is one set of bytes visible at its
 *                  link address and at PAGE_OFFSET + 16 MiB + offset.
 *   page tables    real x86-64 4-level tables in RAM, rooted at the kdata
 *                  page init_level4_pgt (alias swapper_pg_dir), mapping the
 *                  direct map and the image.
 *   CPUs, nodes    nr_cpus per-cpu areas, nr_nodes pglist_data; the "current
 *                  CPU" is refmm_current_cpu, switched by the workload.
 *
 * The allocator API itself is the kernel's, in the kernel headers:
 * <linux/gfp.h> (alloc_pages, alloc_pages_node, alloc_page,
 * __get_free_pages, get_zeroed_page, free_pages, __free_pages,
 * drain_all_pages, GFP_*), <linux/mm.h> (page_address, virt_to_page,
 * page_to_pfn, pfn_to_page, compound pages), <linux/mmzone.h> (zones,
 * nodes, NODE_DATA, for_each_populated_zone).
 *
 * Everything here is single-threaded and deterministic: the same config
 * boots to byte-identical RAM.  refmm_boot() may run once per process
 * because it maps fixed addresses; test programs boot once per process (or
 * fork a child per boot).
 */
#ifndef REFMM_MACHINE_H
#define REFMM_MACHINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/** What to boot.  Limits: 64 MiB..16 GiB, 1..4 nodes, 1..64 cpus. */
struct refmm_config {
	uint64_t mem_bytes;	/* physical RAM, a multiple of 2 MiB */
	int nr_nodes;		/* NUMA nodes; RAM is split evenly */
	int nr_cpus;		/* possible == online CPUs (nr_cpu_ids) */
	uint64_t seed;		/* for workloads; boot itself uses no randomness */
	int slab_nomerge;	/* the "slab_nomerge" boot option: no cache merging */
	/*
	 * Boot on past the memory manager: vmalloc, the scheduler and the
	 * clock, the pid, task and VFS caches, the kernel threads, the root
	 * file system and init -- the whole start_kernel() and rest_init().
	 * "mmscope gen" always does; 0 stops where the page allocator and
	 * SLAB are up (their own tests boot so).
	 */
	int boot_tasks;
};

/** A range of physical RAM, [start, end) in bytes (an e820 "usable" entry). */
struct refmm_range {
	uint64_t start;
	uint64_t end;
};

/** Fill @cfg with the defaults: 256 MiB, 1 node, 4 cpus, seed 1, no tasks. */
void refmm_default_config(struct refmm_config *cfg);

/**
 * Boot the machine described by @cfg: RAM, image alias, bootmem, page
 * tables, pgdats and mem_map, per-cpu areas, zonelists, watermarks, then
 * free_all_bootmem() hands every free page to the buddy allocator.
 * Once per process.  Returns 0, or -1 after a message on stderr.
 */
int refmm_boot(const struct refmm_config *cfg);

/** True once refmm_boot() has succeeded. */
int refmm_booted(void);

/** The configuration refmm_boot() was given (valid after boot). */
const struct refmm_config *refmm_config(void);

/* ---- the machine, for the dump writers ---- */

/** Host pointer of physical address 0 (== PAGE_OFFSET). */
void *refmm_ram(void);
/** Size of physical RAM in bytes (the memfd's size). */
uint64_t refmm_ram_bytes(void);
/** The memfd backing RAM (for sparse copies: SEEK_DATA/SEEK_HOLE). */
int refmm_ram_fd(void);
/**
 * Physical RAM ranges, for PT_LOAD segments: like e820, the 640K-1M legacy
 * hole is absent.  Fills up to @max entries; returns the total count.
 */
int refmm_ram_ranges(struct refmm_range *r, int max);

/** Physical address where the image (section kdata) lives: 16 MiB. */
uint64_t refmm_image_phys(void);
/** Virtual (link) address of the image: __START_KERNEL_map, 0x40000000. */
uint64_t refmm_image_virt(void);
/** Size of the image in bytes, a multiple of the page size. */
uint64_t refmm_image_bytes(void);
/** Physical address of init_level4_pgt (swapper_pg_dir), the CR3 value. */
uint64_t refmm_pgd_phys(void);

/**
 * Translate a kernel virtual address with a walk of refmm's own page
 * tables, as a dump reader would.  Returns 0 and sets *@pa, or -1 when
 * the address is not mapped.
 */
int refmm_vtop(uint64_t va, uint64_t *pa);

/** The pid of the task running on @cpu (runqueues.curr; 0: idle). */
int refmm_cpu_curr_pid(int cpu);

/** Number of CPUs (nr_cpu_ids). */
int refmm_nr_cpus(void);
/** "smp_processor_id()": the CPU the workload currently runs on. */
extern int refmm_current_cpu;

/**
 * The CONFIG_DEBUG_VM check of the whole page allocator: every free block
 * on exactly one list of its order and migratetype, nr_free equal to the
 * lists' lengths, PageBuddy/page_private consistent, no free page in use,
 * no two free buddies left unmerged, pcp lists sane, free counters agree.
 * Returns 0, or -1 with a description in @msg.
 */
int refmm_check_invariants(char *msg, size_t len);

/**
 * Debug mode (CONFIG_DEBUG_VM): bad requests are reported as the kernel's
 * bad_page() does and refused instead of corrupting state.  On (1) by
 * default; setting it to 0 keeps only the kernel's always-on checks.
 */
extern int refmm_debug_vm;

/* ---- time ---- */

/**
 * Let @ticks jiffies (HZ = 250 a second) pass on the simulated machine.
 * Delayed works that fall due run in expiry order on their CPU: SLAB's
 * cache_reap() every two seconds per CPU.  Nothing else moves the clock.
 */
void refmm_advance_jiffies(unsigned long ticks);

/* ---- console ---- */

/**
 * Where printk() output goes besides stderr (set to NULL for none).  The
 * hook sees every message, with its level, whatever console_loglevel is.
 */
typedef void (*refmm_printk_hook_t)(int level, const char *text);
extern refmm_printk_hook_t refmm_printk_hook;

/**
 * The crash kernel: panic() calls it after logging the panic, and it must
 * not return (the generator longjmps back to write the dump).  NULL: no
 * crash kernel, panic() ends the process.
 */
typedef void (*refmm_crash_kexec_t)(void) __attribute__((noreturn));
extern refmm_crash_kexec_t refmm_crash_kexec_hook;

/** Print the zones and free areas (/proc/zoneinfo + buddyinfo flavour). */
void refmm_show_zones(FILE *out);

#endif /* REFMM_MACHINE_H */
