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
 * __ioremap_caller - map physical [@phys_addr, +@size) into the vmalloc
 * range, uncached; @caller is the area's caller.  (4.0 uses huge pages
 * for large aligned ranges; refmm maps 4 KiB pages.)
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

	/* RAM is never ioremapped: it is in use */
	if (is_ram(phys_addr, size)) {
		WARN(1, "ioremap on RAM at %#llx - %#llx\n",
		     (unsigned long long)phys_addr,
		     (unsigned long long)last_addr);
		return NULL;
	}

	/* whole pages: the offset into the first is added back at the end */
	offset = phys_addr & ~PAGE_MASK;
	phys_addr &= PTE_PFN_MASK;
	size = PAGE_ALIGN(last_addr + 1) - phys_addr;

	prot = __pgprot(__PAGE_KERNEL | _PAGE_CACHE_MODE_UC_MINUS);

	/* map it */
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

/*
 * ioremap_nocache - map @size bytes of device memory at @phys_addr into
 * the vmalloc range, uncached; the address is for readl()/writel() and
 * friends.
 */
void *ioremap_nocache(resource_size_t phys_addr, unsigned long size)
{
	return __ioremap_caller(phys_addr, size, __builtin_return_address(0));
}

void *ioremap(resource_size_t phys_addr, unsigned long size)
{
	return __ioremap_caller(phys_addr, size, __builtin_return_address(0));
}

/* iounmap - undo an ioremap() (once per mapping). */
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
