// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmalloc.c - virtually contiguous kernel memory (mm/vmalloc.c, Linux 4.0).
 *
 * vmalloc(size) takes size / PAGE_SIZE single pages from the buddy
 * allocator, wherever they are, and maps them one after the other in the
 * vmalloc range [VMALLOC_START, VMALLOC_END]:
 *
 *   alloc_vmap_area()      finds a free range (first fit above the last
 *                          allocation, see free_vmap_cache) and inserts a
 *                          struct vmap_area in vmap_area_root and on
 *                          vmap_area_list, both sorted by address;
 *   setup_vmalloc_vm()     ties a struct vm_struct to it (VM_VM_AREA);
 *   __vmalloc_area_node()  allocates the pages and the pages[] array
 *                          (kmalloc'ed, or itself vmalloc'ed beyond one
 *                          page: VM_VPAGES);
 *   map_vm_area()          fills the kernel page tables (swapper_pg_dir):
 *                          pud/pmd/pte table pages come from the buddy
 *                          allocator as needed and stay (4.0 never frees
 *                          kernel page tables).
 *
 * Every area has a guard page: the range is one page longer than asked
 * for, the last page unmapped, and vm_struct.size includes it, as crash's
 * kmem -v shows.  vm_struct.caller is the return address of the vmalloc()
 * call (__builtin_return_address(0) in the API function), an address in
 * the caller's code that a reader resolves to a symbol.
 *
 * vfree() unmaps the pages (the ptes are cleared at once), frees them and
 * the vm_struct, and leaves the vmap_area to be purged lazily: it stays in
 * the tree with VM_LAZY_FREE (and without VM_VM_AREA) until
 * lazy_max_pages() worth of such areas pile up, or an allocation finds no
 * room, as 4.0 batches the TLB flushes.  A reader lists only VM_VM_AREA
 * areas.
 *
 * The host: refmm code uses vmalloc'ed memory through its vmalloc address.
 * Each mapped run of physically contiguous pages is also mapped at its
 * vmalloc address in the host process (mmap of the RAM memfd, MAP_FIXED),
 * so the same page is visible through the direct map and the vmalloc
 * range, as in a kernel; unmapping removes it.  An ioremap of a range
 * outside RAM gets page tables only: there is nothing to map on the host.
 *
 * Where refmm departs from 4.0 (besides vmlist, see <linux/vmalloc.h>):
 * the pud pages of the whole vmalloc range are allocated at vmalloc_init(),
 * so that every process's pgd copies them (x86-64 syncs new pgd entries
 * lazily); vm_map_ram() has no per-CPU vmap blocks; vfree() from
 * interrupt context is not deferred (there is none).
 *
 * Locking: vmap_area_lock protects the tree, the list and the cache,
 * vmlist_lock the vmlist; single-threaded here.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include <linux/bitops.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>
#include <refmm/machine.h>

/* asm/shmparam.h: x86 aliases nothing, a page is enough */
#define SHMLBA PAGE_SIZE

/*** Page table manipulation functions ***/

#define PGALLOC_GFP (GFP_KERNEL | __GFP_NOTRACK | __GFP_REPEAT | __GFP_ZERO)

static unsigned long vmalloc_table_pages __kdata;

/* A kernel page-table page: pud, pmd or pte (pte_alloc_one_kernel()). */
void *refmm_kernel_pgtable_alloc(void)
{
	unsigned long p = __get_free_page(PGALLOC_GFP);

	if (p)
		vmalloc_table_pages++;
	return (void *)p;
}

/* ---- the host side of the mapping ---- */

static unsigned long host_maps;

static void host_map(unsigned long addr, unsigned long pfn, unsigned long nr)
{
	void *want = (void *)addr;
	void *p;

	p = mmap(want, nr << PAGE_SHIFT, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, refmm_ram_fd(), PFN_PHYS(pfn));
	if (p != want)
		panic("vmalloc: cannot map %lu pages at %#lx on the host: %s",
		      nr, addr, strerror(errno));
	host_maps++;
}

static void host_unmap(unsigned long addr, unsigned long size)
{
	if (munmap((void *)addr, size))
		panic("vmalloc: cannot unmap %#lx on the host: %s", addr,
		      strerror(errno));
}

unsigned long refmm_vmalloc_host_maps(void)
{
	return host_maps;
}

unsigned long refmm_vmalloc_table_pages(void)
{
	return vmalloc_table_pages;
}

static void vunmap_pte_range(pmd_t *pmd, unsigned long addr,
			     unsigned long end)
{
	pte_t *pte;

	pte = pte_offset_kernel(pmd, addr);
	do {
		pte_t ptent = ptep_get_and_clear(&init_mm, addr, pte);

		WARN_ON(!pte_none(ptent) && !pte_present(ptent));
	} while (pte++, addr += PAGE_SIZE, addr != end);
}

static void vunmap_pmd_range(pud_t *pud, unsigned long addr,
			     unsigned long end)
{
	pmd_t *pmd;
	unsigned long next;

	pmd = pmd_offset(pud, addr);
	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*pmd))
			continue;
		vunmap_pte_range(pmd, addr, next);
	} while (pmd++, addr = next, addr != end);
}

static void vunmap_pud_range(pgd_t *pgd, unsigned long addr,
			     unsigned long end)
{
	pud_t *pud;
	unsigned long next;

	pud = pud_offset(pgd, addr);
	do {
		next = pud_addr_end(addr, end);
		if (pud_none(*pud))
			continue;
		vunmap_pmd_range(pud, addr, next);
	} while (pud++, addr = next, addr != end);
}

static void vunmap_page_range(unsigned long addr, unsigned long end)
{
	pgd_t *pgd;
	unsigned long next;

	BUG_ON(addr >= end);
	pgd = pgd_offset_k(addr);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd))
			continue;
		vunmap_pud_range(pgd, addr, next);
	} while (pgd++, addr = next, addr != end);
}

/*
 * Map @pages at [start, end) in the kernel page tables, and on the host.
 * Returns the number of pages mapped, or -ENOMEM when a table page
 * cannot be allocated.
 */
static int vmap_page_range_noflush(unsigned long start, unsigned long end,
				   pgprot_t prot, struct page **pages)
{
	unsigned long addr = start, run_start = start, run_pfn = 0;
	unsigned long run = 0;
	int nr = 0;

	BUG_ON(addr >= end);
	for (; addr < end; addr += PAGE_SIZE, nr++) {
		struct page *page = pages[nr];
		unsigned long pfn;

		if (WARN_ON(!page))
			return -ENOMEM;
		pfn = page_to_pfn(page);
		if (map_kernel_range(init_level4_pgt, addr, PFN_PHYS(pfn),
				     PAGE_SIZE, prot, false,
				     refmm_kernel_pgtable_alloc))
			return -ENOMEM;
		/* host: one mmap per run of consecutive pfns */
		if (run && pfn == run_pfn + run) {
			run++;
			continue;
		}
		if (run)
			host_map(run_start, run_pfn, run);
		run_start = addr;
		run_pfn = pfn;
		run = 1;
	}
	if (run)
		host_map(run_start, run_pfn, run);
	return nr;
}

static int vmap_page_range(unsigned long start, unsigned long end,
			   pgprot_t prot, struct page **pages)
{
	return vmap_page_range_noflush(start, end, prot, pages);
}

int is_vmalloc_addr(const void *x)
{
	unsigned long addr = (unsigned long)x;

	return addr >= VMALLOC_START && addr < VMALLOC_END;
}

/* vmalloc_to_page - the page a vmalloc or vmap address maps, or NULL. */
struct page *vmalloc_to_page(const void *vmalloc_addr)
{
	phys_addr_t pa;

	VM_BUG_ON(!is_vmalloc_addr(vmalloc_addr));
	if (walk_page_table(init_level4_pgt, (unsigned long)vmalloc_addr, &pa))
		return NULL;
	return pfn_valid(PHYS_PFN(pa)) ? pfn_to_page(PHYS_PFN(pa)) : NULL;
}

/* vmalloc_to_pfn - the pfn a vmalloc or vmap address maps. */
unsigned long vmalloc_to_pfn(const void *vmalloc_addr)
{
	return page_to_pfn(vmalloc_to_page(vmalloc_addr));
}

/*** Global kva allocator ***/

static spinlock_t vmap_area_lock __kdata;
/* Export for kexec only */
struct list_head vmap_area_list __kdata = LIST_HEAD_INIT(vmap_area_list);
static struct rb_root vmap_area_root __kdata = { NULL };

/* The vmap cache globals are protected by vmap_area_lock */
static struct rb_node *free_vmap_cache __kdata;
static unsigned long cached_hole_size __kdata;
static unsigned long cached_vstart __kdata;
static unsigned long cached_align __kdata;

static unsigned long vmap_area_pcpu_hole __kdata;

/* all vm_structs with an area, by address (see <linux/vmalloc.h>) */
struct vm_struct *vmlist __kdata;
static bool vmap_initialized __kdata;

static struct vmap_area *__find_vmap_area(unsigned long addr)
{
	struct rb_node *n = vmap_area_root.rb_node;

	while (n) {
		struct vmap_area *va;

		va = rb_entry(n, struct vmap_area, rb_node);
		if (addr < va->va_start)
			n = n->rb_left;
		else if (addr >= va->va_end)
			n = n->rb_right;
		else
			return va;
	}

	return NULL;
}

static void __insert_vmap_area(struct vmap_area *va)
{
	struct rb_node **p = &vmap_area_root.rb_node;
	struct rb_node *parent = NULL;
	struct rb_node *tmp;

	while (*p) {
		struct vmap_area *tmp_va;

		parent = *p;
		tmp_va = rb_entry(parent, struct vmap_area, rb_node);
		if (va->va_start < tmp_va->va_end)
			p = &(*p)->rb_left;
		else if (va->va_end > tmp_va->va_start)
			p = &(*p)->rb_right;
		else
			BUG();
	}

	rb_link_node(&va->rb_node, parent, p);
	rb_insert_color(&va->rb_node, &vmap_area_root);

	/* address-sort this list */
	tmp = rb_prev(&va->rb_node);
	if (tmp) {
		struct vmap_area *prev;

		prev = rb_entry(tmp, struct vmap_area, rb_node);
		list_add_rcu(&va->list, &prev->list);
	} else
		list_add_rcu(&va->list, &vmap_area_list);
}

static void purge_vmap_area_lazy(void);

/*
 * alloc_vmap_area - find [@vstart, @vend) room for @size bytes at
 * @align, and enter it in the tree and the list.
 */
static struct vmap_area *alloc_vmap_area(unsigned long size,
				unsigned long align,
				unsigned long vstart, unsigned long vend,
				int node, gfp_t gfp_mask)
{
	struct vmap_area *va;
	struct rb_node *n;
	unsigned long addr;
	int purged = 0;
	struct vmap_area *first;

	BUG_ON(!size);
	BUG_ON(size & ~PAGE_MASK);
	BUG_ON(align & (align - 1));

	va = kmalloc_node(sizeof(struct vmap_area),
			  gfp_mask & GFP_RECLAIM_MASK, node);
	if (unlikely(!va))
		return ERR_PTR(-ENOMEM);

retry:
	spin_lock(&vmap_area_lock);
	/*
	 * The cache is where the last search ended.  cached_hole_size is
	 * the largest hole seen below it: a request that could fit there,
	 * or one with a lower start or smaller alignment than the cached
	 * search had, scans again from vstart.
	 */
	if (!free_vmap_cache ||
			size < cached_hole_size ||
			vstart < cached_vstart ||
			align < cached_align) {
nocache:
		cached_hole_size = 0;
		free_vmap_cache = NULL;
	}
	/* record if we encounter less permissive parameters */
	cached_vstart = vstart;
	cached_align = align;

	/* find starting point for our search */
	if (free_vmap_cache) {
		first = rb_entry(free_vmap_cache, struct vmap_area, rb_node);
		addr = ALIGN(first->va_end, align);
		if (addr < vstart)
			goto nocache;
		if (addr + size < addr)
			goto overflow;

	} else {
		addr = ALIGN(vstart, align);
		if (addr + size < addr)
			goto overflow;

		n = vmap_area_root.rb_node;
		first = NULL;

		while (n) {
			struct vmap_area *tmp;

			tmp = rb_entry(n, struct vmap_area, rb_node);
			if (tmp->va_end >= addr) {
				first = tmp;
				if (tmp->va_start <= addr)
					break;
				n = n->rb_left;
			} else
				n = n->rb_right;
		}

		if (!first)
			goto found;
	}

	/* from the starting point, walk areas until a suitable hole is found */
	while (addr + size > first->va_start && addr + size <= vend) {
		if (addr + cached_hole_size < first->va_start)
			cached_hole_size = first->va_start - addr;
		addr = ALIGN(first->va_end, align);
		if (addr + size < addr)
			goto overflow;

		if (list_is_last(&first->list, &vmap_area_list))
			goto found;

		first = list_entry(first->list.next,
				   struct vmap_area, list);
	}

found:
	if (addr + size > vend)
		goto overflow;

	va->va_start = addr;
	va->va_end = addr + size;
	va->flags = 0;
	__insert_vmap_area(va);
	free_vmap_cache = &va->rb_node;
	spin_unlock(&vmap_area_lock);

	BUG_ON(va->va_start & (align - 1));
	BUG_ON(va->va_start < vstart);
	BUG_ON(va->va_end > vend);

	return va;

overflow:
	spin_unlock(&vmap_area_lock);
	if (!purged) {
		purge_vmap_area_lazy();
		purged = 1;
		goto retry;
	}
	pr_warn("vmap allocation for size %lu failed: use vmalloc=<size> to increase size.\n",
		size);
	kfree(va);
	return ERR_PTR(-EBUSY);
}

static void __free_vmap_area(struct vmap_area *va)
{
	BUG_ON(RB_EMPTY_NODE(&va->rb_node));

	if (free_vmap_cache) {
		if (va->va_end < cached_vstart) {
			free_vmap_cache = NULL;
		} else {
			struct vmap_area *cache;

			cache = rb_entry(free_vmap_cache, struct vmap_area,
					 rb_node);
			if (va->va_start <= cache->va_start) {
				free_vmap_cache = rb_prev(&va->rb_node);
				/*
				 * cached_hole_size and cached_align stay as
				 * they were: at worst the next search scans
				 * from the start once more.
				 */
			}
		}
	}
	rb_erase(&va->rb_node, &vmap_area_root);
	RB_CLEAR_NODE(&va->rb_node);
	list_del_rcu(&va->list);

	/*
	 * vmap_area_pcpu_hole follows the highest end freed inside the
	 * vmalloc range (the per-CPU allocator's hint; others are not
	 * counted)
	 */
	if (va->va_end > VMALLOC_START && va->va_end <= VMALLOC_END)
		vmap_area_pcpu_hole = max(vmap_area_pcpu_hole, va->va_end);

	kfree(va);	/* kfree_rcu(va, rcu_head): no readers in flight */
}

/* unmap_vmap_area - clear the ptes of @va's range. */
static void unmap_vmap_area(struct vmap_area *va)
{
	vunmap_page_range(va->va_start, va->va_end);
}

/*
 * How much freed address space may wait for a purge (one global TLB flush
 * for all of it): 32 MiB times log2 of the number of CPUs, plus one.
 */
static unsigned long lazy_max_pages(void)
{
	unsigned int log;

	log = fls(nr_cpu_ids);

	return log * (32UL * 1024 * 1024 / PAGE_SIZE);
}

static atomic_t vmap_lazy_nr __kdata;

/*
 * purge_vmap_area_lazy - free every lazily freed area (one TLB flush
 * for all of them in the kernel).
 */
static void purge_vmap_area_lazy(void)
{
	struct vmap_area *va, *n_va;
	LIST_HEAD(valist);
	int nr = 0;

	spin_lock(&vmap_area_lock);
	list_for_each_entry(va, &vmap_area_list, list) {
		if (va->flags & VM_LAZY_FREE) {
			va->flags |= VM_LAZY_FREEING;
			list_add_tail(&va->purge_list, &valist);
			nr += (va->va_end - va->va_start) >> PAGE_SHIFT;
		}
	}
	atomic_sub(nr, &vmap_lazy_nr);
	/* flush_tlb_kernel_range(start, end) */
	list_for_each_entry_safe(va, n_va, &valist, purge_list)
		__free_vmap_area(va);
	spin_unlock(&vmap_area_lock);
}

/*
 * vm_unmap_aliases - unmap outstanding lazy aliases in the vmap layer
 *
 * A caller that needs no stale alias of a page to remain (before giving
 * the page to a device, say) purges every lazily freed area now.  4.0
 * also flushes the dirty parts of the per-CPU vmap blocks of
 * vm_map_ram(); refmm has none.
 */
void vm_unmap_aliases(void)
{
	purge_vmap_area_lazy();
}

/*
 * free_vmap_area_noflush - @va's ptes are gone already: leave the area
 * for the lazy purge, purging now if too much is waiting.
 */
static void free_vmap_area_noflush(struct vmap_area *va)
{
	va->flags |= VM_LAZY_FREE;
	atomic_add((va->va_end - va->va_start) >> PAGE_SHIFT, &vmap_lazy_nr);
	if (unlikely((unsigned long)atomic_read(&vmap_lazy_nr) >
		     lazy_max_pages()))
		purge_vmap_area_lazy();
}

/*
 * Free and unmap a vmap area: the ptes now, the area lazily.  The host
 * mapping goes with the ptes.
 */
static void free_unmap_vmap_area(struct vmap_area *va)
{
	unmap_vmap_area(va);
	free_vmap_area_noflush(va);
}

static struct vmap_area *find_vmap_area(unsigned long addr)
{
	struct vmap_area *va;

	spin_lock(&vmap_area_lock);
	va = __find_vmap_area(addr);
	spin_unlock(&vmap_area_lock);

	return va;
}

/**
 * vm_area_add_early - register a fixed area on vmlist before vmalloc_init()
 * @vm: vm_struct with addr, size and flags set, the rest zero
 *
 * vmalloc_init() gives each such area its vmap_area.
 */
void __init vm_area_add_early(struct vm_struct *vm)
{
	struct vm_struct *tmp, **p;

	BUG_ON(vmap_initialized);
	for (p = &vmlist; (tmp = *p) != NULL; p = &tmp->next) {
		if (tmp->addr >= vm->addr) {
			BUG_ON((char *)tmp->addr < (char *)vm->addr + vm->size);
			break;
		} else
			BUG_ON((char *)tmp->addr + tmp->size > (char *)vm->addr);
	}
	vm->next = *p;
	*p = vm;
}

void __init vmalloc_init(void)
{
	struct vmap_area *va;
	struct vm_struct *tmp;
	unsigned long addr;

	spin_lock_init(&vmap_area_lock);

	/*
	 * refmm: the pud pages of the whole range now, so that every pgd
	 * made later copies complete kernel entries (see the file head).
	 */
	for (addr = VMALLOC_START; addr < VMALLOC_END; addr += PGDIR_SIZE) {
		pgd_t *pgd = pgd_offset_k(addr);
		void *pud;

		if (!pgd_none(*pgd))
			continue;
		pud = refmm_kernel_pgtable_alloc();
		if (!pud)
			panic("vmalloc_init: no page for the vmalloc puds");
		pgd->pgd = __pa(pud) | _KERNPG_TABLE;
	}

	/* Import existing vmlist entries. */
	for (tmp = vmlist; tmp; tmp = tmp->next) {
		va = kzalloc(sizeof(struct vmap_area), GFP_NOWAIT);
		va->flags = VM_VM_AREA;
		va->va_start = (unsigned long)tmp->addr;
		va->va_end = va->va_start + tmp->size;
		va->vm = tmp;
		__insert_vmap_area(va);
	}

	vmap_area_pcpu_hole = VMALLOC_END;

	vmap_initialized = true;
}

/* refmm: keep vmlist sorted by address (see <linux/vmalloc.h>). */
static void vmlist_insert(struct vm_struct *vm)
{
	struct vm_struct **p;

	for (p = &vmlist; *p; p = &(*p)->next)
		if ((*p)->addr >= vm->addr)
			break;
	vm->next = *p;
	*p = vm;
}

static void vmlist_remove(struct vm_struct *vm)
{
	struct vm_struct **p;

	for (p = &vmlist; *p; p = &(*p)->next)
		if (*p == vm) {
			*p = vm->next;
			vm->next = NULL;
			return;
		}
}

/*
 * unmap_kernel_range - clear the kernel ptes of [@addr, @addr + @size)
 * (the kernel flushes caches before and the TLB after).
 */
void unmap_kernel_range(unsigned long addr, unsigned long size)
{
	unsigned long end = addr + size;

	vunmap_page_range(addr, end);
}

int map_vm_area(struct vm_struct *area, pgprot_t prot, struct page **pages)
{
	unsigned long addr = (unsigned long)area->addr;
	unsigned long end = addr + get_vm_area_size(area);
	int err;

	err = vmap_page_range(addr, end, prot, pages);

	return err > 0 ? 0 : err;
}

static void setup_vmalloc_vm(struct vm_struct *vm, struct vmap_area *va,
			     unsigned long flags, const void *caller)
{
	spin_lock(&vmap_area_lock);
	vm->flags = flags;
	vm->addr = (void *)va->va_start;
	vm->size = va->va_end - va->va_start;
	vm->caller = caller;
	va->vm = vm;
	va->flags |= VM_VM_AREA;
	vmlist_insert(vm);
	spin_unlock(&vmap_area_lock);
}

static void clear_vm_uninitialized_flag(struct vm_struct *vm)
{
	/*
	 * every field is set: the area may now be shown as complete
	 * (the kernel pairs this with a read barrier in /proc/vmallocinfo)
	 */
	smp_wmb();
	vm->flags &= ~VM_UNINITIALIZED;
}

static struct vm_struct *__get_vm_area_node(unsigned long size,
		unsigned long align, unsigned long flags, unsigned long start,
		unsigned long end, int node, gfp_t gfp_mask, const void *caller)
{
	struct vmap_area *va;
	struct vm_struct *area;

	if (flags & VM_IOREMAP)
		align = 1ul << clamp(fls(size), PAGE_SHIFT, IOREMAP_MAX_ORDER);

	size = PAGE_ALIGN(size);
	if (unlikely(!size))
		return NULL;

	area = kzalloc_node(sizeof(*area), gfp_mask & GFP_RECLAIM_MASK, node);
	if (unlikely(!area))
		return NULL;

	if (!(flags & VM_NO_GUARD))
		size += PAGE_SIZE;

	va = alloc_vmap_area(size, align, start, end, node, gfp_mask);
	if (IS_ERR(va)) {
		kfree(area);
		return NULL;
	}

	setup_vmalloc_vm(area, va, flags, caller);

	return area;
}

struct vm_struct *__get_vm_area(unsigned long size, unsigned long flags,
				unsigned long start, unsigned long end)
{
	return __get_vm_area_node(size, 1, flags, start, end, NUMA_NO_NODE,
				  GFP_KERNEL, __builtin_return_address(0));
}

struct vm_struct *__get_vm_area_caller(unsigned long size, unsigned long flags,
				       unsigned long start, unsigned long end,
				       const void *caller)
{
	return __get_vm_area_node(size, 1, flags, start, end, NUMA_NO_NODE,
				  GFP_KERNEL, caller);
}

/*
 * get_vm_area - reserve @size bytes of the vmalloc range, with @flags
 * (VM_IOREMAP, VM_ALLOC, ...).  Returns the vm_struct, or NULL.
 */
struct vm_struct *get_vm_area(unsigned long size, unsigned long flags)
{
	return __get_vm_area_node(size, 1, flags, VMALLOC_START, VMALLOC_END,
				  NUMA_NO_NODE, GFP_KERNEL,
				  __builtin_return_address(0));
}

struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags,
				     const void *caller)
{
	return __get_vm_area_node(size, 1, flags, VMALLOC_START, VMALLOC_END,
				  NUMA_NO_NODE, GFP_KERNEL, caller);
}

/*
 * find_vm_area - the busy area that starts at @addr, or NULL (the caller
 * keeps it from going away).
 */
struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va;

	va = find_vmap_area((unsigned long)addr);
	if (va && va->flags & VM_VM_AREA)
		return va->vm;

	return NULL;
}

/*
 * remove_vm_area - take the area that starts at @addr out of use: its
 * ptes are cleared and its vmap_area left for the lazy purge.  Returns
 * its vm_struct for the caller to free.
 */
struct vm_struct *remove_vm_area(const void *addr)
{
	struct vmap_area *va;

	va = find_vmap_area((unsigned long)addr);
	if (va && va->flags & VM_VM_AREA) {
		struct vm_struct *vm = va->vm;

		spin_lock(&vmap_area_lock);
		va->vm = NULL;
		va->flags &= ~VM_VM_AREA;
		vmlist_remove(vm);
		spin_unlock(&vmap_area_lock);

		/* the host mapping of every page but the guard's */
		if (!(vm->flags & VM_IOREMAP) || vm->pages)
			host_unmap(va->va_start, get_vm_area_size(vm));
		free_unmap_vmap_area(va);

		return vm;
	}
	return NULL;
}

static void __vunmap(const void *addr, int deallocate_pages)
{
	struct vm_struct *area;

	if (!addr)
		return;

	if (WARN(((unsigned long)addr & (PAGE_SIZE - 1)),
		 "Trying to vfree() bad address (%p)\n", addr))
		return;

	area = remove_vm_area(addr);
	if (unlikely(!area)) {
		WARN(1, "Trying to vfree() nonexistent vm area (%p)\n", addr);
		return;
	}

	if (deallocate_pages) {
		unsigned int i;

		for (i = 0; i < area->nr_pages; i++) {
			struct page *page = area->pages[i];

			BUG_ON(!page);
			__free_page(page);
		}

		if (area->flags & VM_VPAGES)
			vfree(area->pages);
		else
			kfree(area->pages);
	}

	kfree(area);
}

/* vfree - free an area from vmalloc() and its pages; NULL is ignored. */
void vfree(const void *addr)
{
	if (!addr)
		return;
	__vunmap(addr, 1);
}

/*
 * vunmap - undo a vmap(): the area goes, the pages stay with their
 * owner.
 */
void vunmap(const void *addr)
{
	if (addr)
		__vunmap(addr, 0);
}

/*
 * vmap - map the @count pages of @pages one after the other in a new
 * area of the vmalloc range, with @flags (VM_MAP ...) and @prot.
 * Returns the address, or NULL.
 */
void *vmap(struct page **pages, unsigned int count,
	   unsigned long flags, pgprot_t prot)
{
	struct vm_struct *area;

	if (count > totalram_pages)
		return NULL;

	area = get_vm_area_caller((unsigned long)count << PAGE_SHIFT, flags,
				  __builtin_return_address(0));
	if (!area)
		return NULL;

	if (map_vm_area(area, prot, pages)) {
		vunmap(area->addr);
		return NULL;
	}

	return area->addr;
}

static void *__vmalloc_node(unsigned long size, unsigned long align,
			    gfp_t gfp_mask, pgprot_t prot,
			    int node, const void *caller);

static void *__vmalloc_area_node(struct vm_struct *area, gfp_t gfp_mask,
				 pgprot_t prot, int node)
{
	const int order = 0;
	struct page **pages;
	unsigned int nr_pages, array_size, i;
	const gfp_t nested_gfp = (gfp_mask & GFP_RECLAIM_MASK) | __GFP_ZERO;
	const gfp_t alloc_mask = gfp_mask | __GFP_NOWARN;

	nr_pages = get_vm_area_size(area) >> PAGE_SHIFT;
	array_size = (nr_pages * sizeof(struct page *));

	area->nr_pages = nr_pages;
	/* Please note that the recursion is strictly bounded. */
	if (array_size > PAGE_SIZE) {
		pages = __vmalloc_node(array_size, 1, nested_gfp | __GFP_HIGHMEM,
				       PAGE_KERNEL, node, area->caller);
		area->flags |= VM_VPAGES;
	} else {
		pages = kmalloc_node(array_size, nested_gfp, node);
	}
	area->pages = pages;
	if (!area->pages) {
		remove_vm_area(area->addr);
		kfree(area);
		return NULL;
	}

	for (i = 0; i < area->nr_pages; i++) {
		struct page *page;

		if (node == NUMA_NO_NODE)
			page = alloc_page(alloc_mask);
		else
			page = alloc_pages_node(node, alloc_mask, order);

		if (unlikely(!page)) {
			/* Successfully allocated i pages, free them in __vunmap() */
			area->nr_pages = i;
			goto fail;
		}
		area->pages[i] = page;
	}

	if (map_vm_area(area, prot, pages))
		goto fail;
	return area->addr;

fail:
	if (!(gfp_mask & __GFP_NOWARN))
		pr_warn("%s: page allocation failure: order:%d, mode:0x%x\n"
			"vmalloc: allocation failure, allocated %lu of %lu bytes\n",
			current ? current->comm : "swapper", order, gfp_mask,
			(unsigned long)area->nr_pages * PAGE_SIZE, area->size);
	/* the pages allocated so far go back; unmapping nothing is fine */
	vfree(area->addr);
	return NULL;
}

/*
 * __vmalloc_node_range - the allocator under every vmalloc variant:
 * @size bytes of single pages from @node (or anywhere) with @gfp_mask,
 * mapped with @prot in an area between @start and @end aligned to
 * @align; @caller is recorded as the area's caller.
 * Returns the address, or NULL.
 */
void *__vmalloc_node_range(unsigned long size, unsigned long align,
			   unsigned long start, unsigned long end,
			   gfp_t gfp_mask, pgprot_t prot, int node,
			   const void *caller)
{
	struct vm_struct *area;
	void *addr;
	unsigned long real_size = size;

	size = PAGE_ALIGN(size);
	if (!size || (size >> PAGE_SHIFT) > totalram_pages)
		goto fail;

	area = __get_vm_area_node(size, align, VM_ALLOC | VM_UNINITIALIZED,
				  start, end, node, gfp_mask, caller);
	if (!area)
		goto fail;

	addr = __vmalloc_area_node(area, gfp_mask, prot, node);
	if (!addr)
		return NULL;

	/*
	 * the vm_struct is complete now (until here, VM_UNINITIALIZED
	 * kept readers of vmlist from trusting it)
	 */
	clear_vm_uninitialized_flag(area);

	return addr;

fail:
	if (!(gfp_mask & __GFP_NOWARN))
		pr_warn("%s: page allocation failure: order:0, mode:0x%x\n"
			"vmalloc: allocation failure: %lu bytes\n",
			current ? current->comm : "swapper", gfp_mask,
			real_size);
	return NULL;
}

/*
 * __vmalloc_node - __vmalloc_node_range() over the whole vmalloc
 * range.
 */
static void *__vmalloc_node(unsigned long size, unsigned long align,
			    gfp_t gfp_mask, pgprot_t prot,
			    int node, const void *caller)
{
	return __vmalloc_node_range(size, align, VMALLOC_START, VMALLOC_END,
				    gfp_mask, prot, node, caller);
}

void *__vmalloc(unsigned long size, gfp_t gfp_mask, pgprot_t prot)
{
	return __vmalloc_node(size, 1, gfp_mask, prot, NUMA_NO_NODE,
			      __builtin_return_address(0));
}

/*
 * Always inlined, so that __builtin_return_address(0) is the return
 * address of the API function it is expanded in: in that function's
 * caller, the address kmem -v names.
 */
static __always_inline void *__vmalloc_node_flags(unsigned long size,
						  int node, gfp_t flags)
{
	return __vmalloc_node(size, 1, flags, PAGE_KERNEL,
			      node, __builtin_return_address(0));
}

/*
 * vmalloc - @size bytes of pages, wherever they come from, mapped
 * contiguously in the vmalloc range (__vmalloc() takes flags and a
 * protection).
 */
void *vmalloc(unsigned long size)
{
	return __vmalloc_node_flags(size, NUMA_NO_NODE,
				    GFP_KERNEL | __GFP_HIGHMEM);
}

/* vzalloc - vmalloc() with the memory zeroed. */
void *vzalloc(unsigned long size)
{
	return __vmalloc_node_flags(size, NUMA_NO_NODE,
				    GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO);
}

/* vmalloc_node - vmalloc() with pages from @node. */
void *vmalloc_node(unsigned long size, int node)
{
	return __vmalloc_node(size, 1, GFP_KERNEL | __GFP_HIGHMEM, PAGE_KERNEL,
			      node, __builtin_return_address(0));
}

/* vzalloc_node - vmalloc_node() with the memory zeroed. */
void *vzalloc_node(unsigned long size, int node)
{
	return __vmalloc_node_flags(size, node,
				    GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO);
}

/*
 * vmalloc_32 - vmalloc() with pages below 4 GiB (GFP_DMA32 on
 * x86-64).
 */
void *vmalloc_32(unsigned long size)
{
	return __vmalloc_node(size, 1, GFP_KERNEL | GFP_DMA32, PAGE_KERNEL,
			      NUMA_NO_NODE, __builtin_return_address(0));
}

/*
 * vmalloc_user - zeroed vmalloc() memory that may be mapped into user
 * space (nothing of the kernel's leaks).
 */
void *vmalloc_user(unsigned long size)
{
	struct vm_struct *area;
	void *ret;

	ret = __vmalloc_node(size, SHMLBA, GFP_KERNEL | __GFP_HIGHMEM |
			     __GFP_ZERO, PAGE_KERNEL, NUMA_NO_NODE,
			     __builtin_return_address(0));
	if (ret) {
		area = find_vm_area(ret);
		area->flags |= VM_USERMAP;
	}
	return ret;
}
