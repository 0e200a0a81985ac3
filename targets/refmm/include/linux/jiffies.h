/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * jiffies.h - the tick count and its arithmetic.
 *
 * refmm's clock only moves when the workload says time passes (the
 * scenario's "sleep" step, refmm_advance_jiffies()): nothing depends on
 * the host's time, so a run is reproducible.  Timers that fall due while
 * the clock advances run in expiry order (kernel/time/timer.c).
 *
 * HZ is 250, the kernel's default CONFIG_HZ; jiffies starts at
 * INITIAL_JIFFIES, five minutes before the 32-bit wrap, as the kernel
 * starts it so that wrap bugs show early.
 */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>

#define HZ		250
#define INITIAL_JIFFIES ((unsigned long)(unsigned int) (-300 * HZ))

extern unsigned long volatile jiffies;

/*
 * These inlines deal with timer wrapping correctly.  You are strongly
 * encouraged to use them:
 *
 * time_after(a,b) returns true if the time a is after time b.
 */
#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)	time_after_eq(b, a)

#define time_is_before_jiffies(a)	time_after(jiffies, a)
#define time_is_after_jiffies(a)	time_before(jiffies, a)

static inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	return (m + (1000 / HZ) - 1) / (1000 / HZ);
}

static inline unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (unsigned int)(j * (1000 / HZ));
}

unsigned long __round_jiffies_relative(unsigned long j, int cpu);
unsigned long round_jiffies_relative(unsigned long j);

#endif /* _LINUX_JIFFIES_H */
