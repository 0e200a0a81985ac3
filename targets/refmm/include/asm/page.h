/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/page.h - x86-64 page size and the simulated machine's address map.
 *
 *   0x0000000040000000  the image (section kdata): __START_KERNEL_map +
 *                       CONFIG_PHYSICAL_START, as _text is on x86-64
 *   0x0000200000000000  PAGE_OFFSET: direct map of all physical RAM
 *   0x0000300000000000  VMALLOC_START (later)
 *
 * The x86 kernel sits at 0xffff8800... and 0xffffffff8...; a user-space
 * simulation cannot map there, so refmm keeps the kernel's structure at
 * addresses a process can own.  PAGE_OFFSET is chosen clear of ASan's
 * shadow regions.  Host pointer == kernel virtual address everywhere.
 */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#include <linux/types.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x)	(((x) + PAGE_SIZE - 1) & PAGE_MASK)

#define PAGE_OFFSET		0x200000000000UL
#define __START_KERNEL_map	0x3f000000UL	/* image virt - its phys */
#define VMALLOC_START		0x300000000000UL
#define VMALLOC_END		0x37ffffffffffUL

/*
 * The image's physical load address.  As on x86-64, image virtual
 * addresses are __START_KERNEL_map + physical + phys_base, and phys_base
 * (the relocation offset) is 0 because the image is where it was linked
 * for: 0x40000000 <-> physical 16 MiB.
 */
#define CONFIG_PHYSICAL_START	0x1000000UL
#define __START_KERNEL		(__START_KERNEL_map + CONFIG_PHYSICAL_START)
extern unsigned long phys_base;

/* Largest RAM refmm can simulate (16 GiB) and the address width. */
#define MAX_PHYSMEM_BITS	46
#define REFMM_MAX_RAM		(16UL << 30)

#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))

/* __pa: direct-map addresses and image addresses, as x86's __phys_addr. */
static inline unsigned long __phys_addr(unsigned long x)
{
	if (x >= PAGE_OFFSET)
		return x - PAGE_OFFSET;
	return x - __START_KERNEL_map + phys_base;
}

#define __pa(x)		__phys_addr((unsigned long)(x))
#define __pa_symbol(x)	__pa(x)
#define __va(x)		((void *)((unsigned long)(x) + PAGE_OFFSET))

/* The order of the smallest block of pages holding @size bytes. */
static inline int get_order(unsigned long size)
{
	if (size <= PAGE_SIZE)
		return 0;
	size = (size - 1) >> PAGE_SHIFT;
	return 64 - __builtin_clzl(size);
}

#define pfn_to_kaddr(pfn)	__va((unsigned long)(pfn) << PAGE_SHIFT)

/* Sizes the bootmem and page-table code use. */
#define SMP_CACHE_BYTES		64
#define L1_CACHE_BYTES		64
#define MAX_DMA_ADDRESS		(PAGE_OFFSET + 0x1000000UL)	/* 16 MiB */
#define MAX_DMA_PFN		((16UL << 20) >> PAGE_SHIFT)
#define MAX_DMA32_PFN		((4UL << 30) >> PAGE_SHIFT)
#define ARCH_LOW_ADDRESS_LIMIT	0xffffffffUL	/* bootmem "low": below 4 GiB */

#endif /* _ASM_X86_PAGE_H */
