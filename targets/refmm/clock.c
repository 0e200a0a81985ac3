// SPDX-License-Identifier: GPL-2.0-only
/*
 * clock.c - the scheduler clock (kernel/sched/clock.c, x86's TSC-based
 * sched_clock()), simulated.
 *
 * local_clock() is what printk stamps its records with and what task
 * start times are read from.  In the kernel it counts nanoseconds since
 * boot from the TSC; refmm has no time source but jiffies, which moves
 * only when the workload lets time pass (refmm_advance_jiffies()).  So the
 * clock is
 *	max(the last value + CLOCK_STEP_NS, (jiffies - INITIAL_JIFFIES) * TICK_NSEC)
 * every reading a little later than the one before (work takes time) and
 * never behind the tick.  Readings before sched_clock_running is set (the
 * kernel's time_init()) are 0, as the first lines of a boot log are
 * [    0.000000].  Nothing depends on the host: the same run gives the same
 * readings.
 *
 * Locking: none; the value lives in the image (sched_clock_last) so that a
 * dump shows the clock at the crash.
 */
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/printk.h>

#define NSEC_PER_SEC	1000000000ULL
#define TICK_NSEC	(NSEC_PER_SEC / HZ)
/* One reading of the clock costs a microsecond of simulated time. */
#define CLOCK_STEP_NS	1000ULL

int sched_clock_running __kdata;
static u64 sched_clock_last __kdata;

unsigned long long sched_clock(void)
{
	u64 tick = (u64)(jiffies - INITIAL_JIFFIES) * TICK_NSEC;
	u64 next = sched_clock_last + CLOCK_STEP_NS;

	if (!sched_clock_running)
		return 0;
	sched_clock_last = next > tick ? next : tick;
	return sched_clock_last;
}

u64 local_clock(void)
{
	return sched_clock();
}

/* Called where 4.0's start_kernel() calls time_init(). */
void sched_clock_init(void)
{
	sched_clock_running = 1;
}
