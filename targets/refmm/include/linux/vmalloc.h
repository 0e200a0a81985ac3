/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmalloc.h - virtually contiguous kernel memory (include/linux/
 * vmalloc.h, Linux 4.0).
 *
 * Two structures describe an area of the vmalloc range
 * [VMALLOC_START, VMALLOC_END]:
 *
 *   struct vmap_area	the address range, [va_start, va_end), guard page
 *			included; every busy range is in vmap_area_root (an
 *			rbtree by address) and on vmap_area_list (sorted by
 *			address).  va->vm is its vm_struct.
 *   struct vm_struct	what the range is for: addr, size (with the guard
 *			page), flags (VM_ALLOC, VM_IOREMAP, VM_MAP), the
 *			pages array and nr_pages, phys_addr of an ioremap,
 *			and caller, the code address that asked for it.
 *
 * 4.0 links only the areas registered before vmalloc_init() on vmlist
 * (vm_struct.next) and makes vmap_area_list the authority (crash's kmem -v
 * walks it).  refmm departs from that: every vm_struct with an area is
 * also on vmlist, sorted by address, as kernels before 3.10 kept it, so
 * that the vmlist walks of older tools and of the reference notes
 * (list vmlist -o vm_struct.next) see every area too.  A vm_struct leaves
 * vmlist when its area is removed.
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/numa.h>
#include <asm/pgtable.h>

struct page;

/* bits in flags of vmalloc's vm_struct below */
#define VM_IOREMAP		0x00000001	/* ioremap() and friends */
#define VM_ALLOC		0x00000002	/* vmalloc() */
#define VM_MAP			0x00000004	/* vmap()ed pages */
#define VM_USERMAP		0x00000008	/* suitable for remap_vmalloc_range */
#define VM_VPAGES		0x00000010	/* buffer for pages was vmalloc'ed */
#define VM_UNINITIALIZED	0x00000020	/* vm_struct is not fully initialized */
#define VM_NO_GUARD		0x00000040	/* don't add guard page */
/* bits [20..32] reserved for arch specific ioremap internals */

/* ioremap() aligns areas to at most this (128 pages) */
#define IOREMAP_MAX_ORDER	(7 + PAGE_SHIFT)	/* 128 pages */

struct vm_struct {
	struct vm_struct	*next;
	void			*addr;
	unsigned long		size;
	unsigned long		flags;
	struct page		**pages;
	unsigned int		nr_pages;
	phys_addr_t		phys_addr;
	const void		*caller;
};

struct vmap_area {
	unsigned long va_start;
	unsigned long va_end;
	unsigned long flags;
	struct rb_node rb_node;         /* address sorted rbtree */
	struct list_head list;          /* address sorted list */
	struct list_head purge_list;    /* "lazy purge" list */
	struct vm_struct *vm;
	struct rcu_head rcu_head;
};

/* vmap_area flags */
#define VM_LAZY_FREE	0x01
#define VM_LAZY_FREEING	0x02
#define VM_VM_AREA	0x04

/* The API */
void vm_unmap_ram(const void *mem, unsigned int count);
void vm_unmap_aliases(void);
void *vm_map_ram(struct page **pages, unsigned int count, int node,
		 pgprot_t prot);

void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void *vmalloc_user(unsigned long size);
void *vmalloc_node(unsigned long size, int node);
void *vzalloc_node(unsigned long size, int node);
void *vmalloc_exec(unsigned long size);
void *vmalloc_32(unsigned long size);
void *__vmalloc(unsigned long size, gfp_t gfp_mask, pgprot_t prot);
void *__vmalloc_node_range(unsigned long size, unsigned long align,
			   unsigned long start, unsigned long end,
			   gfp_t gfp_mask, pgprot_t prot, int node,
			   const void *caller);
void vfree(const void *addr);

void *vmap(struct page **pages, unsigned int count,
	   unsigned long flags, pgprot_t prot);
void vunmap(const void *addr);

/* Lower-level pieces of vmalloc(), for the kernel's own use */
static inline size_t get_vm_area_size(const struct vm_struct *area)
{
	if (!(area->flags & VM_NO_GUARD))
		/* return actual size without guard page */
		return area->size - PAGE_SIZE;
	else
		return area->size;
}

struct vm_struct *get_vm_area(unsigned long size, unsigned long flags);
struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags,
				     const void *caller);
struct vm_struct *__get_vm_area(unsigned long size, unsigned long flags,
				unsigned long start, unsigned long end);
struct vm_struct *__get_vm_area_caller(unsigned long size,
				       unsigned long flags,
				       unsigned long start, unsigned long end,
				       const void *caller);
struct vm_struct *remove_vm_area(const void *addr);
struct vm_struct *find_vm_area(const void *addr);

int map_vm_area(struct vm_struct *area, pgprot_t prot, struct page **pages);
int map_kernel_range_noflush(unsigned long start, unsigned long size,
			     pgprot_t prot, struct page **pages);
void unmap_kernel_range_noflush(unsigned long addr, unsigned long size);
void unmap_kernel_range(unsigned long addr, unsigned long size);

/* Internals */
extern struct list_head vmap_area_list;
extern struct vm_struct *vmlist;
void vm_area_add_early(struct vm_struct *vm);
void vm_area_register_early(struct vm_struct *vm, size_t align);
void vmalloc_init(void);

struct page *vmalloc_to_page(const void *addr);
unsigned long vmalloc_to_pfn(const void *addr);
int is_vmalloc_addr(const void *x);

/* arch/x86/mm/ioremap.c */
void *ioremap_nocache(resource_size_t offset, unsigned long size);
void *ioremap(resource_size_t offset, unsigned long size);
void iounmap(volatile void *addr);

/* refmm: the host mapping of vmalloc pages (see mm/vmalloc.c) */
unsigned long refmm_vmalloc_host_maps(void);
/* a kernel page-table page from the buddy allocator, zeroed, counted */
void *refmm_kernel_pgtable_alloc(void);
/* the kernel page-table pages the vmalloc range has taken */
unsigned long refmm_vmalloc_table_pages(void);
/* arch/x86/kernel/hpet.c */
int hpet_enable(void);

#endif /* _LINUX_VMALLOC_H */
