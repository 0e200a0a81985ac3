/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rwsem.h - reader/writer semaphores, for a single-threaded simulation.
 *
 * mmap_sem and i_mmap_rwsem keep the kernel's shape: count is 0 when free,
 * the number of readers while read-held, RWSEM_ACTIVE_WRITE_BIAS (as a
 * negative count) while write-held.  Nothing can contend; taking a write
 * lock that is held is the self-deadlock it would be.
 */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct task_struct;

struct rw_semaphore {
	long count;
	struct list_head wait_list;
	raw_spinlock_t wait_lock;
	struct task_struct *owner;	/* the write owner, when write-held */
};

#define RWSEM_ACTIVE_WRITE_BIAS	(-0xffffffffL)

static inline void init_rwsem(struct rw_semaphore *sem)
{
	sem->count = 0;
	INIT_LIST_HEAD(&sem->wait_list);
	sem->wait_lock.raw_lock.slock = 0;
	sem->owner = NULL;
}

#define __RWSEM_INITIALIZER(name)				\
	{ .count = 0,						\
	  .wait_list = LIST_HEAD_INIT((name).wait_list),	\
	  .wait_lock = { { 0 } },				\
	  .owner = NULL }

static inline void down_read(struct rw_semaphore *sem)
{
	BUG_ON(sem->count < 0);		/* write-held: would deadlock */
	sem->count++;
}

static inline void up_read(struct rw_semaphore *sem)
{
	BUG_ON(sem->count <= 0);
	sem->count--;
}

static inline void down_write(struct rw_semaphore *sem)
{
	BUG_ON(sem->count);		/* held: would deadlock */
	sem->count = RWSEM_ACTIVE_WRITE_BIAS;
}

static inline void up_write(struct rw_semaphore *sem)
{
	BUG_ON(sem->count != RWSEM_ACTIVE_WRITE_BIAS);
	sem->count = 0;
	sem->owner = NULL;
}

static inline int rwsem_is_locked(struct rw_semaphore *sem)
{
	return sem->count != 0;
}

#endif /* _LINUX_RWSEM_H */
