// SPDX-License-Identifier: GPL-2.0-only
/*
 * mempool.c - memory pools: allocations that can always make progress
 * (mm/mempool.c, Linux 4.0).
 *
 * A driver that must be able to finish an I/O even when memory is short
 * (the block layer's request and bio pools are the classic users) cannot
 * simply retry kmalloc() forever: the memory it waits for may only come
 * back once its own I/O completes.  A mempool breaks that cycle by
 * setting aside min_nr elements when it is created.  Allocation always
 * asks the pool's own allocator first, so the reserve is only touched
 * when memory is really short; freeing tops the reserve up before it
 * gives anything back to the allocator.  As long as every element taken
 * from the pool is eventually freed to it, a caller who may sleep always
 * gets an element in the end.
 *
 * The reserve is a stack: elements[0 .. curr_nr-1] are the elements set
 * aside, the most recently returned one on top.  pool->lock guards the
 * stack and min_nr; alloc and free are called without it, since they may
 * sleep.
 *
 * Where refmm departs from 4.0: the kernel puts a caller that may sleep
 * to sleep on pool->wait when the allocator fails and the reserve is
 * empty, until mempool_free() returns an element.  refmm runs a single
 * task, so no one could ever return one; mempool_alloc() reports the
 * situation and returns NULL instead.
 */
#include <errno.h>
#include <string.h>

#include <linux/mempool.h>
#include <linux/mm.h>
#include <linux/slab.h>

/* Push @element onto the reserve; there must be room for it. */
static void add_element(mempool_t *pool, void *element)
{
	int slot = pool->curr_nr;

	BUG_ON(slot >= pool->min_nr);
	pool->elements[slot] = element;
	pool->curr_nr = slot + 1;
}

/* Pop the element on top of the reserve, which must not be empty. */
static void *remove_element(mempool_t *pool)
{
	int top = pool->curr_nr - 1;

	BUG_ON(top < 0);
	pool->curr_nr = top;
	return pool->elements[top];
}

/* Does the reserve hold fewer than min_nr elements? */
static inline bool reserve_short(const mempool_t *pool)
{
	return pool->curr_nr < pool->min_nr;
}

/* Hand every element still held in reserve back to the pool's allocator. */
static void release_reserve(mempool_t *pool)
{
	while (pool->curr_nr > 0)
		pool->free(remove_element(pool), pool->pool_data);
}

/**
 * mempool_destroy - free a pool, its reserve and its bookkeeping
 * @pool: a pool made by mempool_create() or mempool_create_node()
 *
 * Every element the pool handed out must have come back first: those
 * still held by users are not the pool's to free.
 */
void mempool_destroy(mempool_t *pool)
{
	release_reserve(pool);
	kfree(pool->elements);
	kfree(pool);
}

/**
 * mempool_create - make a pool with a reserve of @min_nr elements
 * @min_nr: how many elements to set aside now, and keep set aside
 * @alloc_fn: the allocator elements normally come from
 * @free_fn: gives an element back to that allocator
 * @pool_data: passed to both, e.g. the kmem_cache to use
 *
 * The same as mempool_create_node() with GFP_KERNEL and no preferred
 * node.  Returns the pool, or NULL when the reserve could not be filled.
 */
mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn,
			  mempool_free_t *free_fn, void *pool_data)
{
	return mempool_create_node(min_nr, alloc_fn, free_fn, pool_data,
				   GFP_KERNEL, NUMA_NO_NODE);
}

/**
 * mempool_create_node - make a pool, its bookkeeping on node @node_id
 * @min_nr: size of the reserve
 * @alloc_fn: the pool's allocator
 * @free_fn: its counterpart
 * @pool_data: the allocator's argument
 * @gfp_mask: used for the pool itself and for filling the reserve
 * @node_id: where struct mempool_s and its elements array live
 *
 * The reserve is filled before the pool is returned: a pool that could
 * not get its @min_nr elements is undone and NULL comes back.
 */
mempool_t *mempool_create_node(int min_nr, mempool_alloc_t *alloc_fn,
			       mempool_free_t *free_fn, void *pool_data,
			       gfp_t gfp_mask, int node_id)
{
	mempool_t *pool;
	void **slots;

	pool = kzalloc_node(sizeof(*pool), gfp_mask, node_id);
	if (!pool)
		return NULL;
	slots = kmalloc_node(sizeof(*slots) * min_nr, gfp_mask, node_id);
	if (!slots) {
		kfree(pool);
		return NULL;
	}

	pool->elements = slots;
	pool->min_nr = min_nr;
	pool->alloc = alloc_fn;
	pool->free = free_fn;
	pool->pool_data = pool_data;
	spin_lock_init(&pool->lock);
	init_waitqueue_head(&pool->wait);

	while (reserve_short(pool)) {
		void *elem = alloc_fn(gfp_mask, pool_data);

		if (unlikely(!elem)) {
			mempool_destroy(pool);
			return NULL;
		}
		add_element(pool, elem);
	}
	return pool;
}

/*
 * Shrinking: give back whatever the reserve holds above @new_min_nr.
 * Called and returns with the lock held, but drops it around each
 * free(), which may sleep.
 */
static void mempool_shrink(mempool_t *pool, int new_min_nr,
			   unsigned long *irqflags)
{
	while (pool->curr_nr > new_min_nr) {
		void *surplus = remove_element(pool);

		spin_unlock_irqrestore(&pool->lock, *irqflags);
		pool->free(surplus, pool->pool_data);
		spin_lock_irqsave(&pool->lock, *irqflags);
	}
	pool->min_nr = new_min_nr;
}

/*
 * Growing: a larger elements array first, allocated unlocked since it may
 * sleep, then as many new elements as the allocator gives right now.
 */
static int mempool_grow(mempool_t *pool, int new_min_nr)
{
	unsigned long irqflags;
	void **slots;

	slots = kmalloc_array(new_min_nr, sizeof(*slots), GFP_KERNEL);
	if (!slots)
		return -ENOMEM;

	spin_lock_irqsave(&pool->lock, irqflags);
	if (unlikely(pool->min_nr >= new_min_nr)) {
		/* Someone grew the pool at least as far meanwhile. */
		spin_unlock_irqrestore(&pool->lock, irqflags);
		kfree(slots);
		return 0;
	}
	memcpy(slots, pool->elements, sizeof(*slots) * pool->curr_nr);
	kfree(pool->elements);
	pool->elements = slots;
	pool->min_nr = new_min_nr;

	/*
	 * Top the reserve up, unlocked around each allocation.  The first
	 * failure ends it; so does finding the reserve already full (frees
	 * may have filled it meanwhile), and the surplus element goes back.
	 */
	while (reserve_short(pool)) {
		void *fresh;

		spin_unlock_irqrestore(&pool->lock, irqflags);
		fresh = pool->alloc(GFP_KERNEL, pool->pool_data);
		if (!fresh)
			return 0;
		spin_lock_irqsave(&pool->lock, irqflags);
		if (!reserve_short(pool)) {
			spin_unlock_irqrestore(&pool->lock, irqflags);
			pool->free(fresh, pool->pool_data);
			return 0;
		}
		add_element(pool, fresh);
	}
	spin_unlock_irqrestore(&pool->lock, irqflags);
	return 0;
}

/**
 * mempool_resize - change the size of a pool's reserve
 * @pool: the pool
 * @new_min_nr: the new reserve size, at least 1
 *
 * A smaller reserve gives its surplus back at once.  A larger one gets a
 * larger elements array and is topped up as far as the allocator allows
 * right now; whatever is missing is made good by later mempool_free()
 * calls.  The caller keeps mempool_destroy() away meanwhile.
 *
 * Returns 0, or -ENOMEM when the larger array could not be had (the pool
 * is then unchanged).
 */
int mempool_resize(mempool_t *pool, int new_min_nr)
{
	unsigned long irqflags;
	bool grow;

	BUG_ON(new_min_nr <= 0);

	spin_lock_irqsave(&pool->lock, irqflags);
	grow = new_min_nr > pool->min_nr;
	if (!grow)
		mempool_shrink(pool, new_min_nr, &irqflags);
	spin_unlock_irqrestore(&pool->lock, irqflags);

	return grow ? mempool_grow(pool, new_min_nr) : 0;
}

/**
 * mempool_alloc - take an element, from the allocator or the reserve
 * @pool: the pool
 * @gfp_mask: how the caller may allocate; __GFP_ZERO is not supported
 *
 * The allocator is tried first without __GFP_WAIT and __GFP_IO, so that
 * a shortage dips into the reserve rather than into reclaim.  With the
 * reserve empty too, a caller who may sleep gets a second, full-strength
 * try; what follows that in the kernel (sleeping until an element is
 * freed) refmm cannot do, see the head of this file.
 *
 * Returns the element, or NULL.
 */
void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask)
{
	unsigned long irqflags;
	gfp_t gfp_try;
	void *elem;

	VM_WARN_ON(gfp_mask & __GFP_ZERO);

	/*
	 * The pool is the fallback, so the allocator need not strain for
	 * it: no emergency reserves, no looping, no failure warnings.
	 */
	gfp_mask |= __GFP_NOMEMALLOC | __GFP_NORETRY | __GFP_NOWARN;
	gfp_try = gfp_mask & ~(__GFP_WAIT | __GFP_IO);

	for (;;) {
		elem = pool->alloc(gfp_try, pool->pool_data);
		if (likely(elem))
			return elem;

		spin_lock_irqsave(&pool->lock, irqflags);
		if (likely(pool->curr_nr > 0)) {
			elem = remove_element(pool);
			spin_unlock_irqrestore(&pool->lock, irqflags);
			/* orders the pop before any later free, see there */
			smp_wmb();
			return elem;
		}
		spin_unlock_irqrestore(&pool->lock, irqflags);

		if (gfp_try == gfp_mask)
			break;
		gfp_try = gfp_mask;	/* the second, full-strength try */
	}

	if (!(gfp_mask & __GFP_WAIT))
		return NULL;	/* may not wait: the caller copes */

	printk(KERN_WARNING "mempool_alloc: pool %p is empty and its allocator "
	       "fails; the kernel would sleep until an element is freed, refmm "
	       "returns NULL\n", pool);
	return NULL;
}

/*
 * Put @elem into the reserve if the reserve is still short once the lock
 * is held.  Returns whether it did.
 */
static bool mempool_refill(mempool_t *pool, void *elem)
{
	unsigned long irqflags;
	bool taken = false;

	spin_lock_irqsave(&pool->lock, irqflags);
	if (likely(reserve_short(pool))) {
		add_element(pool, elem);
		taken = true;
	}
	spin_unlock_irqrestore(&pool->lock, irqflags);
	return taken;
}

/**
 * mempool_free - give an element back to its pool
 * @element: what mempool_alloc() returned; NULL is ignored
 * @pool: the pool it came from
 *
 * The element refills the reserve if that is short, and goes back to the
 * allocator otherwise.
 */
void mempool_free(void *element, mempool_t *pool)
{
	if (unlikely(!element))
		return;

	/*
	 * Pairs with the barrier in mempool_alloc(): the curr_nr read below
	 * is then no older than the allocation of @element, even if the
	 * element reached this task by a path without barriers of its own.
	 */
	smp_rmb();

	/*
	 * The unlocked test can only err towards taking the lock for
	 * nothing, never towards missing a shortage: any allocation that
	 * took the reserve below min_nr happened before @element came
	 * back, so its effect on curr_nr is visible here.  A refilled
	 * reserve is what a sleeping mempool_alloc() waits for.
	 */
	if (unlikely(reserve_short(pool)) && mempool_refill(pool, element)) {
		wake_up(&pool->wait);
		return;
	}
	pool->free(element, pool->pool_data);
}

/*
 * Ready-made allocators for the common kinds of pool.  Each pair reads
 * pool_data as what it needs: a slab cache, a kmalloc size, a page order.
 */

/* Objects of the kmem_cache in @pool_data (mempool_create_slab_pool()). */
void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data)
{
	return kmem_cache_alloc((struct kmem_cache *)pool_data, gfp_mask);
}

void mempool_free_slab(void *element, void *pool_data)
{
	kmem_cache_free((struct kmem_cache *)pool_data, element);
}

/* kmalloc() buffers of @pool_data bytes (mempool_create_kmalloc_pool()). */
void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data)
{
	return kmalloc((size_t)pool_data, gfp_mask);
}

void mempool_kfree(void *element, void *pool_data)
{
	(void)pool_data;
	kfree(element);
}

/* 2^@pool_data pages at a time (mempool_create_page_pool()). */
void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data)
{
	return alloc_pages(gfp_mask, (unsigned int)(long)pool_data);
}

void mempool_free_pages(void *element, void *pool_data)
{
	__free_pages(element, (unsigned int)(long)pool_data);
}
