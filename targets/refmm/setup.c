// SPDX-License-Identifier: GPL-2.0-only
/*
 * setup.c - the simulated machine and its boot (arch/x86/kernel/setup.c,
 * init/main.c start_kernel, arch/x86/mm/numa.c, much condensed).
 *
 * refmm_boot() builds the machine from host resources, then boots the
 * memory manager in the kernel's order:
 *
 *   1. RAM: a memfd of mem_bytes at PAGE_OFFSET (MAP_FIXED_NOREPLACE, so
 *      nothing of the host is ever overwritten).
 *   2. The image: the bytes of section kdata are copied to physical
 *      16 MiB and the memfd is mapped over the section, so every kernel
 *      global lives in simulated RAM, at its link address and at its
 *      direct-map alias.
 *   3. e820 and NUMA: usable RAM is [0, 636K) and [1M, end); it is split
 *      evenly between nodes on 16 MiB boundaries; CPUs are given to nodes
 *      in consecutive groups.
 *   4. bootmem per node, reserving the low 64K, the image and the bitmap.
 *   5. page tables (init_mem_mapping).
 *   6. pg_data_t per node, mem_map, zones (free_area_init_nodes).
 *   7. per-cpu areas, zonelists.
 *   8. mem_init: free_all_bootmem() gives every free page to the buddy
 *      allocator; kmem_cache_init() bootstraps SLAB (the kmem_cache
 *      cache, then the kmalloc and dma-kmalloc caches), vmalloc_init(),
 *      the scheduler and the clock (main.c), and once all GFP flags are
 *      allowed kmem_cache_init_late() sizes their per-CPU arrays; then
 *      per-cpu pagesets, watermarks and lowmem reserves, and
 *      cpucache_init() starts each CPU's cache_reap() timer.
 *   9. the rest of start_kernel() and rest_init() (main.c): pid and task
 *      caches, the VFS, pid 1 and kthreadd, the kernel threads, the root
 *      file system, and init (systemd) exec'ed by pid 1.
 *
 * The same configuration always yields byte-identical RAM: nothing here
 * depends on time, host addresses (other than the fixed ones) or the
 * environment.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/bootmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/pid.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <asm/pgtable.h>
#include <refmm/machine.h>

#include "internal.h"
#include "slab.h"

/* main.c and random.c: the rest of the boot */
void start_kernel_late(void);
void start_kernel_rest(void);
void rest_init(void);
void refmm_random_init(u64 seed);
extern char linux_banner[];

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

/* Debug switches and the boot configuration: host-side, not in the image. */
int refmm_debug_vm = 1;
static struct refmm_config boot_cfg;
static int booted;
static int ram_fd = -1;

/* The machine as the kernel sees it. */
int refmm_current_cpu __kdata;
int nr_cpu_ids __kdata = NR_CPUS;
int nr_node_ids __kdata = MAX_NUMNODES;
int nr_online_nodes __kdata = 1;
nodemask_t node_states[NR_NODE_STATES] __kdata;
int x86_cpu_to_node_map[NR_CPUS] __kdata;
unsigned long phys_base __kdata;

/* The BIOS memory map (arch/x86/include/asm/e820.h). */
#define E820_RAM	1
#define E820_RESERVED	2
#define E820_X_MAX	8

struct e820entry {
	u64 addr;	/* start of memory segment */
	u64 size;	/* size of memory segment */
	u32 type;	/* type of memory segment */
} __attribute__((packed));

struct e820map {
	u32 nr_map;
	struct e820entry map[E820_X_MAX];
};

struct e820map e820 __kdata;

/* Node memory ranges (arch/x86/mm/numa.c's numa_meminfo). */
struct numa_memblk {
	u64 start;
	u64 end;
	int nid;
};

struct numa_meminfo {
	int nr_blks;
	struct numa_memblk blk[MAX_NUMNODES];
};

struct numa_meminfo numa_meminfo __kdata;

extern char __start_kdata[], __stop_kdata[];

#define EBDA_START	0x9f000UL	/* 636K: the usual top of base RAM */
#define ISA_END		0x100000UL	/* 1M */
#define X86_RESERVE_LOW	(64UL << 10)	/* CONFIG_X86_RESERVE_LOW */
#define NODE_ALIGN	(16UL << 20)

static unsigned long image_bytes(void)
{
	return PAGE_ALIGN((unsigned long)__stop_kdata) -
	       (unsigned long)__start_kdata;
}

static int boot_error(const char *fmt, ...) __printf(1, 2);
static int boot_error(const char *fmt, ...)
{
	va_list ap;

	fputs("refmm: boot: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

void refmm_default_config(struct refmm_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->mem_bytes = 256ULL << 20;
	cfg->nr_nodes = 1;
	cfg->nr_cpus = 4;
	cfg->seed = 1;
}

static int check_config(const struct refmm_config *cfg)
{
	if (cfg->mem_bytes < (64ULL << 20) || cfg->mem_bytes > REFMM_MAX_RAM)
		return boot_error("memory size %llu out of range (64 MiB to 16 GiB)",
				  (unsigned long long)cfg->mem_bytes);
	if (cfg->mem_bytes & (PMD_SIZE - 1))
		return boot_error("memory size %llu is not a multiple of 2 MiB",
				  (unsigned long long)cfg->mem_bytes);
	if (cfg->nr_nodes < 1 || cfg->nr_nodes > MAX_NUMNODES)
		return boot_error("%d nodes: between 1 and %d", cfg->nr_nodes,
				  MAX_NUMNODES);
	if (cfg->nr_cpus < 1 || cfg->nr_cpus > NR_CPUS)
		return boot_error("%d cpus: between 1 and %d", cfg->nr_cpus,
				  NR_CPUS);
	if (cfg->mem_bytes / cfg->nr_nodes < NODE_ALIGN)
		return boot_error("%d nodes need at least %lu MiB each",
				  cfg->nr_nodes, NODE_ALIGN >> 20);
	return 0;
}

/*
 * Mapping RAM over the image replaces whole pages: the section must be
 * alone in its pages.  The linker gives it a segment of its own; check
 * that no other segment of the executable reaches into its last page.
 */
static int image_overlap_cb(struct dl_phdr_info *info, size_t size, void *data)
{
	unsigned long start = (unsigned long)__start_kdata;
	unsigned long end = start + image_bytes();
	int *overlap = data;
	int i;

	(void)size;
	if (info->dlpi_name && info->dlpi_name[0])
		return 0;	/* only the executable itself */
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		unsigned long s = info->dlpi_addr + ph->p_vaddr;
		unsigned long e = s + ph->p_memsz;

		if (ph->p_type != PT_LOAD || s == start)
			continue;
		if (s < end && start < e)
			*overlap = 1;
	}
	return 1;
}

/* Step 1 and 2: RAM and the image alias. */
static int setup_ram(const struct refmm_config *cfg)
{
	unsigned long image = (unsigned long)__start_kdata;
	int overlap = 0;
	void *p;

	if (image != __START_KERNEL)
		return boot_error("section kdata is at %#lx, not %#lx: link with $(REFMM_LINK_FLAGS)",
				  image, (unsigned long)__START_KERNEL);
	dl_iterate_phdr(image_overlap_cb, &overlap);
	if (overlap)
		return boot_error("another segment shares the pages of section kdata");

	ram_fd = memfd_create("refmm-ram", MFD_CLOEXEC);
	if (ram_fd < 0)
		return boot_error("memfd_create: %s", strerror(errno));
	if (ftruncate(ram_fd, cfg->mem_bytes) < 0)
		return boot_error("cannot size the RAM file to %llu bytes: %s%s",
				  (unsigned long long)cfg->mem_bytes,
				  strerror(errno), errno == EFBIG ?
				  " (the RAM is a memory file: the file size "
				  "limit, ulimit -f, is lower than --mem)" : "");

	p = mmap((void *)PAGE_OFFSET, cfg->mem_bytes, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED_NOREPLACE, ram_fd, 0);
	if (p != MAP_FAILED && p != (void *)PAGE_OFFSET) {
		/* A kernel (or valgrind) without MAP_FIXED_NOREPLACE: a hint. */
		munmap(p, cfg->mem_bytes);
		p = MAP_FAILED;
		errno = EEXIST;
	}
	if (p == MAP_FAILED)
		return boot_error("cannot map RAM at %#lx: %s", PAGE_OFFSET,
				  strerror(errno));

	/*
	 * Copy the image's current bytes to its physical home, then put
	 * that RAM under the section: from here on both addresses are one
	 * set of bytes.
	 */
	memcpy(__va(CONFIG_PHYSICAL_START), __start_kdata,
	       __stop_kdata - __start_kdata);
	p = mmap(__start_kdata, image_bytes(), PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, ram_fd, CONFIG_PHYSICAL_START);
	if (p != (void *)__start_kdata)
		return boot_error("cannot alias the image: %s", strerror(errno));
	return 0;
}

static void e820_add_region(u64 start, u64 size, u32 type)
{
	struct e820entry *e = &e820.map[e820.nr_map++];

	e->addr = start;
	e->size = size;
	e->type = type;
}

/* Step 3: the memory map, nodes and CPUs. */
static void setup_memory_map(const struct refmm_config *cfg)
{
	u64 per_node = round_down(cfg->mem_bytes / cfg->nr_nodes, NODE_ALIGN);
	int nid, cpu;

	e820.nr_map = 0;
	e820_add_region(0, EBDA_START, E820_RAM);
	e820_add_region(EBDA_START, ISA_END - EBDA_START, E820_RESERVED);
	e820_add_region(ISA_END, cfg->mem_bytes - ISA_END, E820_RAM);

	max_pfn = PFN_DOWN(cfg->mem_bytes);
	max_low_pfn = min(max_pfn, MAX_DMA32_PFN);
	min_low_pfn = 0;

	numa_meminfo.nr_blks = cfg->nr_nodes;
	nr_node_ids = cfg->nr_nodes;
	nr_online_nodes = cfg->nr_nodes;
	for (nid = 0; nid < cfg->nr_nodes; nid++) {
		struct numa_memblk *mb = &numa_meminfo.blk[nid];

		mb->nid = nid;
		mb->start = nid * per_node;
		mb->end = nid == cfg->nr_nodes - 1 ? cfg->mem_bytes :
			  (nid + 1) * per_node;
		node_set_state(nid, N_POSSIBLE);
		node_set_state(nid, N_ONLINE);
		/* not %#010llx: glibc drops the 0x of 0, the kernel does not */
		printk(KERN_INFO "NUMA: Node %d [mem 0x%08llx-0x%08llx]\n", nid,
		       (unsigned long long)mb->start,
		       (unsigned long long)mb->end - 1);
	}

	nr_cpu_ids = cfg->nr_cpus;
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		int node = cpu < nr_cpu_ids ?
			   cpu * cfg->nr_nodes / nr_cpu_ids : NUMA_NO_NODE;

		x86_cpu_to_node_map[cpu] = node;
		if (node >= 0)
			node_set_state(node, N_CPU);
	}
	refmm_current_cpu = 0;
}

void refmm_node_pfn_range(int nid, unsigned long *start_pfn,
			  unsigned long *end_pfn)
{
	*start_pfn = PFN_DOWN(numa_meminfo.blk[nid].start);
	*end_pfn = PFN_DOWN(numa_meminfo.blk[nid].end);
}

static bool ranges_overlap(unsigned long s1, unsigned long e1,
			   unsigned long s2, unsigned long e2)
{
	return s1 < e2 && s2 < e1;
}

/*
 * Where a node's bootmem bitmap goes: the first pages above 16 MiB that
 * are in the node and clear of the image, else just above the legacy
 * area at the node's start.
 */
static unsigned long bootmap_place(unsigned long start, unsigned long end,
				   unsigned long pages)
{
	unsigned long img_s = PFN_DOWN(CONFIG_PHYSICAL_START);
	unsigned long img_e = img_s + PFN_UP(image_bytes());
	unsigned long pfn = max(start, MAX_DMA_PFN);

	if (ranges_overlap(pfn, pfn + pages, img_s, img_e))
		pfn = img_e;
	if (pfn + pages <= end)
		return pfn;
	pfn = start ? start : PFN_DOWN(ISA_END);
	if (ranges_overlap(pfn, pfn + pages, img_s, img_e))
		pfn = img_e;
	BUG_ON(pfn + pages > end);
	return pfn;
}

/* Step 4: bootmem, and the reservations early boot makes. */
static void setup_bootmem(void)
{
	int nid;
	unsigned int i;

	for_each_online_node(nid) {
		bootmem_data_t *bdata = &bootmem_node_data[nid];
		unsigned long start, end, mapstart, mappages;

		refmm_node_pfn_range(nid, &start, &end);
		mappages = bootmem_bootmap_pages(end - start);
		mapstart = bootmap_place(start, end, mappages);
		refmm_init_bootmem_bdata(bdata, mapstart, start, end);

		/* Usable RAM of the node is free... */
		for (i = 0; i < e820.nr_map; i++) {
			struct e820entry *e = &e820.map[i];
			unsigned long s = max(start, (unsigned long)PFN_UP(e->addr));
			unsigned long t = min(end, (unsigned long)PFN_DOWN(e->addr + e->size));

			if (e->type == E820_RAM && t > s)
				free_bootmem(PFN_PHYS(s), PFN_PHYS(t - s));
		}
		/* ...except its own bitmap. */
		reserve_bootmem(PFN_PHYS(mapstart), PFN_PHYS(mappages),
				BOOTMEM_DEFAULT);
	}

	/* The BIOS's low pages and the image. */
	reserve_bootmem(0, X86_RESERVE_LOW, BOOTMEM_DEFAULT);
	reserve_bootmem(CONFIG_PHYSICAL_START, image_bytes(), BOOTMEM_DEFAULT);
}

/* Step 6a: a pg_data_t on each node. */
static void setup_node_data(void)
{
	int nid;

	for_each_online_node(nid) {
		bootmem_data_t *bdata = &bootmem_node_data[nid];
		pg_data_t *pgdat;

		pgdat = __alloc_bootmem_bdata(bdata, sizeof(pg_data_t),
					      SMP_CACHE_BYTES,
					      max(PFN_PHYS(bdata->node_min_pfn),
						  (phys_addr_t)BOOTMEM_LOW_LIMIT));
		if (!pgdat)
			panic("Cannot allocate pg_data_t for node %d", nid);
		node_data[nid] = pgdat;
		pgdat->node_id = nid;
		pgdat->bdata = bdata;
		printk(KERN_INFO "NODE_DATA(%d) allocated [mem %#010lx-%#010lx]\n",
		       nid, __pa(pgdat), __pa(pgdat) + sizeof(pg_data_t) - 1);
	}
}

static void zone_sizes_init(void)
{
	unsigned long max_zone_pfns[MAX_NR_ZONES];

	memset(max_zone_pfns, 0, sizeof(max_zone_pfns));
	max_zone_pfns[ZONE_DMA] = min(MAX_DMA_PFN, max_pfn);
	max_zone_pfns[ZONE_DMA32] = min(MAX_DMA32_PFN, max_pfn);
	max_zone_pfns[ZONE_NORMAL] = max_pfn;

	free_area_init_nodes(max_zone_pfns);
}

static void mem_init(void)
{
	unsigned long freed = free_all_bootmem();

	printk(KERN_INFO "Memory: %luK/%luK available (%luK kernel data)\n",
	       freed << (PAGE_SHIFT - 10), max_pfn << (PAGE_SHIFT - 10),
	       image_bytes() >> 10);
}

int refmm_boot(const struct refmm_config *cfg)
{
	if (booted)
		return boot_error("already booted: refmm boots once per process");
	if (check_config(cfg))
		return -1;
	if (setup_ram(cfg))
		return -1;
	boot_cfg = *cfg;
	refmm_random_init(cfg->seed);

	pr_notice("%s", linux_banner);

	/* setup_arch() */
	setup_memory_map(cfg);
	setup_bootmem();
	init_mem_mapping();
	setup_node_data();
	zone_sizes_init();

	/* start_kernel() */
	setup_per_cpu_areas();
	build_all_zonelists(NULL, NULL);
	page_alloc_init();
	if (cfg->boot_tasks)
		pidhash_init();
	/* mm_init() */
	mem_init();
	slab_nomerge = cfg->slab_nomerge;	/* __setup("slab_nomerge") */
	kmem_cache_init();
	if (cfg->boot_tasks)
		start_kernel_late();	/* vmalloc, sched_init, clock, hpet */
	/* Interrupts are enabled now so all GFP allocations are safe. */
	gfp_allowed_mask = __GFP_BITS_MASK;
	kmem_cache_init_late();
	setup_per_cpu_pageset();
	if (cfg->boot_tasks)
		start_kernel_rest();	/* pid and task caches, the VFS */
	/* do_initcalls(): mm/page_alloc.o's, then mm/slab.o's */
	init_per_zone_wmark_min();
	cpucache_init();
	if (cfg->boot_tasks)
		rest_init();

	booted = 1;
	return 0;
}

int refmm_booted(void)
{
	return booted;
}

const struct refmm_config *refmm_config(void)
{
	return &boot_cfg;
}

void *refmm_ram(void)
{
	return (void *)PAGE_OFFSET;
}

uint64_t refmm_ram_bytes(void)
{
	return boot_cfg.mem_bytes;
}

int refmm_ram_fd(void)
{
	return ram_fd;
}

int refmm_ram_ranges(struct refmm_range *r, int max)
{
	unsigned int i;
	int n = 0;

	for (i = 0; i < e820.nr_map; i++) {
		if (e820.map[i].type != E820_RAM)
			continue;
		if (n < max) {
			r[n].start = e820.map[i].addr;
			r[n].end = e820.map[i].addr + e820.map[i].size;
		}
		n++;
	}
	return n;
}

uint64_t refmm_image_phys(void)
{
	return CONFIG_PHYSICAL_START;
}

uint64_t refmm_image_virt(void)
{
	return (uint64_t)(unsigned long)__start_kdata;
}

uint64_t refmm_image_bytes(void)
{
	return image_bytes();
}

uint64_t refmm_pgd_phys(void)
{
	return __pa_symbol(init_level4_pgt);
}

int refmm_vtop(uint64_t va, uint64_t *pa)
{
	phys_addr_t p;

	if (!booted || walk_page_table(init_level4_pgt, va, &p))
		return -1;
	*pa = p;
	return 0;
}

int refmm_nr_cpus(void)
{
	return nr_cpu_ids;
}
