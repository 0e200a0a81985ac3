/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mutex.h - sleeping locks, for a single-threaded simulation.
 *
 * As with spinlocks (see spinlock.h) nothing can contend, so a mutex only
 * records that it is held: count is 1 when unlocked and 0 when locked, as
 * the kernel's, and taking a mutex that is already held is reported as
 * the self-deadlock it would be.  slab_mutex is the one a dump reader
 * sees.
 */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct mutex {
	/* 1: unlocked, 0: locked, negative: locked, possible waiters */
	atomic_t count;
	spinlock_t wait_lock;
	struct list_head wait_list;
};

#define __MUTEX_INITIALIZER(lockname)					\
	{ .count = ATOMIC_INIT(1),					\
	  .wait_lock = __SPIN_LOCK_UNLOCKED(lockname.wait_lock),	\
	  .wait_list = LIST_HEAD_INIT(lockname.wait_list) }

static inline void mutex_init(struct mutex *lock)
{
	atomic_set(&lock->count, 1);
	spin_lock_init(&lock->wait_lock);
	INIT_LIST_HEAD(&lock->wait_list);
}

static inline int mutex_is_locked(struct mutex *lock)
{
	return atomic_read(&lock->count) != 1;
}

static inline void mutex_lock(struct mutex *lock)
{
	BUG_ON(mutex_is_locked(lock));	/* recursive: would deadlock */
	atomic_set(&lock->count, 0);
}

/* Returns 1 when the lock was taken, 0 when it is held. */
static inline int mutex_trylock(struct mutex *lock)
{
	if (mutex_is_locked(lock))
		return 0;
	atomic_set(&lock->count, 0);
	return 1;
}

static inline void mutex_unlock(struct mutex *lock)
{
	BUG_ON(!mutex_is_locked(lock));
	atomic_set(&lock->count, 1);
}

#endif /* _LINUX_MUTEX_H */
