/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * percpu_counter.h - a counter with per-CPU deltas (include/linux/
 * percpu_counter.h, Linux 4.0).  refmm adds straight into count: the
 * per-CPU s32 deltas exist (a reader sums them as
 * percpu_counter_sum() does) and stay zero.
 */
#ifndef _LINUX_PERCPU_COUNTER_H
#define _LINUX_PERCPU_COUNTER_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/percpu.h>

struct percpu_counter {
	raw_spinlock_t lock;
	s64 count;
	struct list_head list;	/* All percpu_counters are on a list */
	s32 __percpu *counters;
};

static inline int percpu_counter_init(struct percpu_counter *fbc, s64 amount,
				      gfp_t gfp)
{
	(void)gfp;
	fbc->lock.raw_lock.slock = 0;
	fbc->count = amount;
	INIT_LIST_HEAD(&fbc->list);
	fbc->counters = alloc_percpu(s32);
	return fbc->counters ? 0 : -12;
}

static inline void percpu_counter_add(struct percpu_counter *fbc, s64 amount)
{
	fbc->count += amount;
}

static inline s64 percpu_counter_read_positive(struct percpu_counter *fbc)
{
	return fbc->count < 0 ? 0 : fbc->count;
}

static inline s64 percpu_counter_sum(struct percpu_counter *fbc)
{
	return fbc->count;
}

#endif /* _LINUX_PERCPU_COUNTER_H */
