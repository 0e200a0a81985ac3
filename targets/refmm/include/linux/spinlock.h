/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * spinlock.h - locks for a single-threaded simulation.
 *
 * refmm runs on one host thread, so a lock protects nothing; it is kept to
 * document the kernel's rules and, under refmm_debug_vm, to check them:
 * lockdep_assert_held() fires when a "Caller holds zone->lock" function is
 * entered without it, and taking a held lock is a self-deadlock report.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/kernel.h>

typedef struct {
	unsigned int slock;
} arch_spinlock_t;

typedef struct raw_spinlock {
	arch_spinlock_t raw_lock;
} raw_spinlock_t;

typedef struct spinlock {
	union {
		struct raw_spinlock rlock;
	};
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name) { { { { 0 } } } }

static inline void spin_lock_init(spinlock_t *lock)
{
	lock->rlock.raw_lock.slock = 0;
}

static inline void spin_lock(spinlock_t *lock)
{
	BUG_ON(lock->rlock.raw_lock.slock);	/* recursive: would deadlock */
	lock->rlock.raw_lock.slock = 1;
}

static inline void spin_unlock(spinlock_t *lock)
{
	BUG_ON(!lock->rlock.raw_lock.slock);
	lock->rlock.raw_lock.slock = 0;
}

static inline int spin_is_locked(const spinlock_t *lock)
{
	return lock->rlock.raw_lock.slock != 0;
}

/* Returns 1 when the lock was taken, 0 when it is held. */
static inline int spin_trylock(spinlock_t *lock)
{
	if (lock->rlock.raw_lock.slock)
		return 0;
	lock->rlock.raw_lock.slock = 1;
	return 1;
}

/* Interrupts do not exist here; the flags word keeps the kernel's shape. */
#define local_irq_enable()		do { } while (0)
#define local_irq_disable()		do { } while (0)
#define spin_lock_irq(lock)		spin_lock(lock)
#define spin_unlock_irq(lock)		spin_unlock(lock)
#define spin_trylock_irq(lock)		spin_trylock(lock)
#define local_irq_save(flags)		do { (flags) = 0; } while (0)
#define local_irq_restore(flags)	do { (void)(flags); } while (0)
#define spin_lock_irqsave(lock, flags) \
	do { local_irq_save(flags); spin_lock(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags) \
	do { spin_unlock(lock); local_irq_restore(flags); } while (0)

extern int refmm_debug_vm;
#define lockdep_assert_held(l) \
	do { if (refmm_debug_vm) BUG_ON(!spin_is_locked(l)); } while (0)

#endif /* _LINUX_SPINLOCK_H */
