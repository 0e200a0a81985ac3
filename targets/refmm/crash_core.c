// SPDX-License-Identifier: GPL-2.0-only
/*
 * crash_core.c - VMCOREINFO, as kernel/crash_core.c (and, in 4.0,
 * kernel/kexec.c plus arch/x86/kernel/machine_kexec_64.c) writes it.
 *
 * The text names the kernel's symbols and the layout of the structures a
 * dump reader needs; makedumpfile, libkdumpfile, crash and drgn read it.
 * Here in refmm sizeof/offsetof are the kernel's own, as in the kernel.
 */
#define _GNU_SOURCE		/* struct dl_phdr_info, dl_iterate_phdr */

/* Kernel headers first: their compiler.h owns __always_inline. */
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/numa.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>

void log_buf_kexec_setup(void);

#include <elf.h>
#include <link.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "refmm/crash_core.h"
#include "refmm/machine.h"
#include "refmm/utsname.h"

#include <linux/compiler.h>

char vmcoreinfo_data[VMCOREINFO_BYTES] __kdata;
size_t vmcoreinfo_size __kdata;

void vmcoreinfo_append_str(const char *fmt, ...)
{
	va_list args;
	char buf[0x50];
	size_t r;

	va_start(args, fmt);
	r = (size_t)vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (r >= sizeof(buf))
		r = sizeof(buf) - 1;
	r = r < VMCOREINFO_BYTES - vmcoreinfo_size ? r : VMCOREINFO_BYTES - vmcoreinfo_size;
	memcpy(&vmcoreinfo_data[vmcoreinfo_size], buf, r);
	vmcoreinfo_size += r;
}

/* ---- BUILD-ID: NT_GNU_BUILD_ID of the main program ---- */

static char build_id_hex[2 * 64 + 1];

static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	(void)data;
	/* The first object is the main program. */
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const char *p, *end;

		if (ph->p_type != PT_NOTE)
			continue;
		p = (const char *)(info->dlpi_addr + ph->p_vaddr);
		end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *nh = (const ElfW(Nhdr) *)p;
			const char *name = p + sizeof *nh;
			const unsigned char *desc = (const unsigned char *)name +
						    ((nh->n_namesz + 3) & ~3U);

			if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
			    !memcmp(name, "GNU", 4)) {
				size_t n = nh->n_descsz < 64 ? nh->n_descsz : 64;

				for (size_t j = 0; j < n; j++)
					sprintf(build_id_hex + 2 * j, "%02x", desc[j]);
				return 1;
			}
			p = (const char *)desc + ((nh->n_descsz + 3) & ~3U);
		}
	}
	return 1;	/* only the main program */
}

const char *refmm_build_id(void)
{
	if (!build_id_hex[0])
		dl_iterate_phdr(find_build_id, NULL);
	return build_id_hex;
}

/* ---- the text ---- */

static void arch_crash_save_vmcoreinfo(void)
{
	/*
	 * x86-64: the page-table root is a kernel-image symbol.  Readers that
	 * reach it through the kernel-text mapping (makedumpfile always,
	 * libkdumpfile on compressed dumps) compute
	 *     pa = va - __START_KERNEL_map(0xffffffff80000000) + phys_base,
	 * so phys_base is what makes that rule land on our image, which is
	 * linked at 0x40000000 rather than in the top 2 GiB.
	 */
	long ktext_phys_base = (long)(refmm_pgd_phys() - (uint64_t)(unsigned long)&init_level4_pgt +
				      0xffffffff80000000ULL);

	vmcoreinfo_append_str("NUMBER(phys_base)=%ld\n", ktext_phys_base);
	VMCOREINFO_SYMBOL(init_level4_pgt);
	vmcoreinfo_append_str("NUMBER(pgtable_l5_enabled)=%d\n", 0);
	VMCOREINFO_SYMBOL(node_data);
	VMCOREINFO_LENGTH(node_data, MAX_NUMNODES);
	vmcoreinfo_append_str("KERNELOFFSET=%lx\n", 0UL);
}

void crash_save_vmcoreinfo_init(void)
{
	vmcoreinfo_size = 0;
	memset(vmcoreinfo_data, 0, sizeof vmcoreinfo_data);

	VMCOREINFO_OSRELEASE(init_uts_ns.name.release);
	VMCOREINFO_BUILD_ID(refmm_build_id());
	VMCOREINFO_PAGESIZE(PAGE_SIZE);

	VMCOREINFO_SYMBOL(init_uts_ns);
	VMCOREINFO_OFFSET(uts_namespace, name);
	/* 4.0: node_online_map is node_states[N_ONLINE] */
	vmcoreinfo_append_str("SYMBOL(node_online_map)=%lx\n",
			      (unsigned long)&node_states[N_ONLINE]);
	VMCOREINFO_SYMBOL(swapper_pg_dir);
	/* FLATMEM readers (makedumpfile) find the pages through mem_map. */
	{
		int nid, nodes = 0;

		for_each_online_node(nid)
			nodes++;
		if (nodes == 1)
			VMCOREINFO_SYMBOL(mem_map);
	}
	VMCOREINFO_SYMBOL_ARRAY(refmm_panic_msg);
	/* kernel/printk/printk.c: log_buf_kexec_setup() */
	log_buf_kexec_setup();
	/* mm/vmalloc.c: the areas, for makedumpfile's vmalloc translation */
	VMCOREINFO_SYMBOL(vmap_area_list);
	VMCOREINFO_OFFSET(vmap_area, va_start);
	VMCOREINFO_OFFSET(vmap_area, list);
	/*
	 * refmm: its address map is not x86-64's (see <asm/page.h>); a
	 * reader that does not know refmm finds the vmalloc range and where
	 * user space starts here.
	 */
	vmcoreinfo_append_str("NUMBER(VMALLOC_START)=%lu\n", VMALLOC_START);
	vmcoreinfo_append_str("NUMBER(VMALLOC_END)=%lu\n", VMALLOC_END);
	vmcoreinfo_append_str("NUMBER(mmap_min_addr)=%lu\n", mmap_min_addr);
	vmcoreinfo_append_str("NUMBER(TASK_SIZE)=%lu\n", TASK_SIZE);
	VMCOREINFO_STRUCT_SIZE(page);
	VMCOREINFO_STRUCT_SIZE(pglist_data);
	VMCOREINFO_STRUCT_SIZE(zone);
	VMCOREINFO_STRUCT_SIZE(free_area);
	VMCOREINFO_STRUCT_SIZE(list_head);
	VMCOREINFO_SIZE(nodemask_t);
	VMCOREINFO_OFFSET(page, flags);
	VMCOREINFO_OFFSET(page, _count);
	VMCOREINFO_OFFSET(page, mapping);
	VMCOREINFO_OFFSET(page, lru);
	VMCOREINFO_OFFSET(page, _mapcount);
	VMCOREINFO_OFFSET(page, private);
	VMCOREINFO_OFFSET(page, index);
	VMCOREINFO_OFFSET(pglist_data, node_zones);
	VMCOREINFO_OFFSET(pglist_data, nr_zones);
	VMCOREINFO_OFFSET(pglist_data, node_mem_map);
	VMCOREINFO_OFFSET(pglist_data, node_start_pfn);
	VMCOREINFO_OFFSET(pglist_data, node_spanned_pages);
	VMCOREINFO_OFFSET(pglist_data, node_id);
	VMCOREINFO_OFFSET(zone, free_area);
	VMCOREINFO_OFFSET(zone, vm_stat);
	VMCOREINFO_OFFSET(zone, spanned_pages);
	VMCOREINFO_OFFSET(free_area, free_list);
	VMCOREINFO_OFFSET(list_head, next);
	VMCOREINFO_OFFSET(list_head, prev);
	VMCOREINFO_LENGTH(zone.free_area, MAX_ORDER);
	VMCOREINFO_LENGTH(free_area.free_list, MIGRATE_TYPES);
	VMCOREINFO_NUMBER(NR_FREE_PAGES);
	VMCOREINFO_NUMBER(MAX_ORDER);
	/*
	 * Not in 4.0's list: x86-64's pageblock_order is a macro, in no
	 * DWARF, and readers assume HUGETLB_PAGE_ORDER.  refmm says it,
	 * since its other build has pageblocks of another order.
	 */
	VMCOREINFO_NUMBER(pageblock_order);
	VMCOREINFO_NUMBER(PG_lru);
	VMCOREINFO_NUMBER(PG_private);
	VMCOREINFO_NUMBER(PG_swapcache);
	VMCOREINFO_NUMBER(PG_slab);
#ifdef CONFIG_REFMM_PG_BUDDY
	/* only the alternative build has the flag (see page-flags.h) */
	VMCOREINFO_NUMBER(PG_buddy);
#endif
	vmcoreinfo_append_str("NUMBER(PG_head_mask)=%lu\n", 1UL << PG_head);
	/* 4.0 marks free blocks in _mapcount; readers need the value */
	VMCOREINFO_NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE);

	arch_crash_save_vmcoreinfo();
}

void crash_save_vmcoreinfo(long crashtime)
{
	vmcoreinfo_append_str("CRASHTIME=%ld\n", crashtime);
}
