// SPDX-License-Identifier: GPL-2.0-only
/*
 * ioremap.c - mapping device memory into the vmalloc range
 * (arch/x86/mm/ioremap.c, Linux 4.0, reduced).
 *
 * __ioremap_caller() reserves an area (VM_IOREMAP, aligned to its size
 * up to 128 pages) and maps it, uncached, to a physical range that is not
 * RAM; vm_struct.phys_addr records where.  There is nothing on the host
 * behind such a range: the page tables say where the device is, and a
 * dump has no pages there.  RAM cannot be ioremapped (4.0 refuses it with
 * a warning too).
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#define _PAGE_CACHE_MODE_UC_MINUS	(_PAGE_PCD)

static bool is_ram(resource_size_t phys, unsigned long size)
{
	return pfn_valid(PHYS_PFN(phys)) ||
	       pfn_valid(PHYS_PFN(phys + size - 1));
}

/*
 * Remap an arbitrary physical address space into the kernel virtual
 * address space. It transparently creates kernel huge I/O mapping when
 * the physical address is aligned by a huge page size (1GB or 2MB) and
 * the requested size is at least the huge page size.
 */
static void *__ioremap_caller(resource_size_t phys_addr, unsigned long size,
			      const void *caller)
{
	unsigned long offset, vaddr;
	resource_size_t last_addr;
	struct vm_struct *area;
	pgprot_t prot;

	/* Don't allow wraparound or zero size */
	last_addr = phys_addr + size - 1;
	if (!size || last_addr < phys_addr)
		return NULL;

	/*
	 * Don't allow anybody to remap normal RAM that we're using..
	 */
	if (is_ram(phys_addr, size)) {
		WARN(1, "ioremap on RAM at %#llx - %#llx\n",
		     (unsigned long long)phys_addr,
		     (unsigned long long)last_addr);
		return NULL;
	}

	/*
	 * Mappings have to be page-aligned
	 */
	offset = phys_addr & ~PAGE_MASK;
	phys_addr &= PTE_PFN_MASK;
	size = PAGE_ALIGN(last_addr + 1) - phys_addr;

	prot = __pgprot(__PAGE_KERNEL | _PAGE_CACHE_MODE_UC_MINUS);

	/*
	 * Ok, go for it..
	 */
	area = get_vm_area_caller(size, VM_IOREMAP, caller);
	if (!area)
		return NULL;
	area->phys_addr = phys_addr;
	vaddr = (unsigned long)area->addr;

	/* ioremap_page_range(): page tables only, nothing on the host */
	if (map_kernel_range(init_level4_pgt, vaddr, phys_addr, size, prot,
			     false, refmm_kernel_pgtable_alloc)) {
		remove_vm_area(area->addr);
		return NULL;
	}

	return (void *)(vaddr + offset);
}

/**
 * ioremap_nocache     -   map bus memory into CPU space
 * @phys_addr:    bus address of the memory
 * @size:      size of the resource to map
 *
 * ioremap_nocache performs a platform specific sequence of operations to
 * make bus memory CPU accessible via the readb/readw/readl/writeb/
 * writew/writel functions and the other mmio helpers. The returned
 * address is not guaranteed to be usable directly as a virtual
 * address.
 */
void *ioremap_nocache(resource_size_t phys_addr, unsigned long size)
{
	return __ioremap_caller(phys_addr, size, __builtin_return_address(0));
}

void *ioremap(resource_size_t phys_addr, unsigned long size)
{
	return __ioremap_caller(phys_addr, size, __builtin_return_address(0));
}

/**
 * iounmap - Free a IO remapping
 * @addr: virtual address from ioremap_*
 *
 * Caller must ensure there is only one unmapping for the same pointer.
 */
void iounmap(volatile void *addr)
{
	struct vm_struct *p;

	addr = (volatile void *)(PAGE_MASK & (unsigned long)addr);
	p = remove_vm_area((void *)addr);
	if (!p) {
		printk(KERN_ERR "iounmap: bad address %p\n", (void *)addr);
		return;
	}
	kfree(p);
}
