/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mempool.h - memory buffer pools (include/linux/mempool.h, 4.0).
 *
 * A pool keeps min_nr elements in reserve, allocated when it is created.
 * mempool_alloc() asks the pool's allocator first and takes a reserved
 * element only when that fails; mempool_free() puts an element back into
 * the reserve while it is below min_nr.  elements[0 .. curr_nr-1] are the
 * reserve; pool_data is the allocator's argument (the kmem_cache, the
 * kmalloc size, or the page order).
 */
#ifndef _LINUX_MEMPOOL_H
#define _LINUX_MEMPOOL_H

#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

struct kmem_cache;

typedef void * (mempool_alloc_t)(gfp_t gfp_mask, void *pool_data);
typedef void (mempool_free_t)(void *element, void *pool_data);

typedef struct mempool_s {
	spinlock_t lock;	/* guards curr_nr, min_nr and elements */
	int min_nr;		/* the reserve's size (slots in elements) */
	int curr_nr;		/* how many slots hold an element now */
	void **elements;	/* the reserve, a stack: top at curr_nr-1 */

	void *pool_data;	/* the argument of alloc and free */
	mempool_alloc_t *alloc;
	mempool_free_t *free;
	wait_queue_head_t wait;	/* the kernel's waiters for a free element */
} mempool_t;

extern mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn,
			mempool_free_t *free_fn, void *pool_data);
extern mempool_t *mempool_create_node(int min_nr, mempool_alloc_t *alloc_fn,
			mempool_free_t *free_fn, void *pool_data,
			gfp_t gfp_mask, int nid);

extern int mempool_resize(mempool_t *pool, int new_min_nr);
extern void mempool_destroy(mempool_t *pool);
extern void * mempool_alloc(mempool_t *pool, gfp_t gfp_mask);
extern void mempool_free(void *element, mempool_t *pool);

/* Pools of slab objects: pool_data is the struct kmem_cache. */
void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data);
void mempool_free_slab(void *element, void *pool_data);
static inline mempool_t *
mempool_create_slab_pool(int min_nr, struct kmem_cache *kc)
{
	return mempool_create(min_nr, mempool_alloc_slab, mempool_free_slab,
			      (void *) kc);
}

/* Pools of kmalloc() buffers: pool_data is their size in bytes. */
void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data);
void mempool_kfree(void *element, void *pool_data);
static inline mempool_t *mempool_create_kmalloc_pool(int min_nr, size_t size)
{
	return mempool_create(min_nr, mempool_kmalloc, mempool_kfree,
			      (void *) size);
}

/* Pools of page blocks: pool_data is their order. */
void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data);
void mempool_free_pages(void *element, void *pool_data);
static inline mempool_t *mempool_create_page_pool(int min_nr, int order)
{
	return mempool_create(min_nr, mempool_alloc_pages, mempool_free_pages,
			      (void *)(long)order);
}

#endif /* _LINUX_MEMPOOL_H */
