// SPDX-License-Identifier: GPL-2.0-only
/*
 * timer.c - jiffies, round_jiffies and delayed work (kernel/time/timer.c
 * and kernel/workqueue.c, reduced to what refmm's mm code uses).
 *
 * Time is simulated: jiffies moves only in refmm_advance_jiffies(), called
 * by the workload (the scenario's "sleep" step).  While it moves, every
 * delayed work whose timer falls due runs, earliest first, with jiffies
 * set to the timer's expiry and refmm_current_cpu to the work's CPU, as
 * if that CPU's worker ran it on that tick.  A work may queue itself again
 * (SLAB's cache_reap does, every REAPTIMEOUT_AC); it then runs again in
 * the same advance if its new expiry is still within it.
 *
 * The pending list lives in the image, so a dump shows which works were
 * queued and when they expire.
 */
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/numa.h>
#include <linux/workqueue.h>
#include <refmm/machine.h>

unsigned long volatile jiffies __kdata = INITIAL_JIFFIES;

/* Delayed works waiting for their timer, by expiry then queueing order. */
static struct list_head timer_pending __kdata = LIST_HEAD_INIT(timer_pending);

static unsigned long round_jiffies_common(unsigned long j, int cpu,
					  bool force_up)
{
	int rem;
	unsigned long original = j;

	/*
	 * We don't want all cpus firing their timers at once hitting the
	 * same lock or cachelines, so we skew each extra cpu with an extra
	 * 3 jiffies.  The skew is done by adding 3*cpunr, then round, then
	 * subtract this extra offset again.
	 */
	j += cpu * 3;

	rem = j % HZ;

	/*
	 * If the target jiffie is just after a whole second (which can happen
	 * due to delays of the timer irq, long irq off times etc etc) then
	 * we should round down to the whole second, not up. Use 1/4th second
	 * as cutoff for this rounding as an extreme upper bound for this.
	 * But never round down if @force_up is set.
	 */
	if (rem < HZ / 4 && !force_up) /* round down */
		j = j - rem;
	else /* round up */
		j = j - rem + HZ;

	/* now that we have rounded, subtract the extra skew again */
	j -= cpu * 3;

	/*
	 * Make sure j is still in the future. Otherwise return the
	 * unmodified value.
	 */
	return time_is_after_jiffies(j) ? j : original;
}

/**
 * __round_jiffies_relative - function to round jiffies to a full second
 * @j: the time in (relative) jiffies that should be rounded
 * @cpu: the processor number on which the timeout will happen
 *
 * Rounds a time delta in the future (in jiffies) up or down to (approximately)
 * full seconds, so that timers of a CPU fire together.
 */
unsigned long __round_jiffies_relative(unsigned long j, int cpu)
{
	unsigned long j0 = jiffies;

	/* Use j0 because jiffies might change while we run */
	return round_jiffies_common(j + j0, cpu, false) - j0;
}

unsigned long round_jiffies_relative(unsigned long j)
{
	return __round_jiffies_relative(j, smp_processor_id());
}

/**
 * schedule_delayed_work_on - queue work on specific CPU after delay
 * @cpu: cpu to use
 * @dwork: work to queue
 * @delay: number of jiffies to wait before queueing
 *
 * Returns %false if @dwork was already pending, %true otherwise.
 */
bool schedule_delayed_work_on(int cpu, struct delayed_work *dwork,
			      unsigned long delay)
{
	struct timer_list *timer = &dwork->timer;
	struct list_head *pos;

	if (dwork->work.data.counter & WORK_STRUCT_PENDING)
		return false;
	dwork->work.data.counter |= WORK_STRUCT_PENDING;
	dwork->cpu = cpu;
	timer->expires = jiffies + delay;

	/* Behind every timer that expires no later: first queued, first run. */
	list_for_each(pos, &timer_pending) {
		struct timer_list *t = list_entry(pos, struct timer_list,
						  entry);

		if (time_after(t->expires, timer->expires))
			break;
	}
	list_add_tail(&timer->entry, pos);
	return true;
}

bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay)
{
	return schedule_delayed_work_on(smp_processor_id(), dwork, delay);
}

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	if (!(dwork->work.data.counter & WORK_STRUCT_PENDING))
		return false;
	list_del_init(&dwork->timer.entry);
	dwork->work.data.counter &= ~WORK_STRUCT_PENDING;
	return true;
}

/*
 * refmm_advance_jiffies - let @ticks jiffies pass, running what falls due.
 *
 * The kernel's timer interrupt raises the timer softirq, which runs the
 * expired timers of its CPU; a delayed work's timer then queues the work
 * for that CPU's worker.  Here both happen at once, in expiry order.
 */
void refmm_advance_jiffies(unsigned long ticks)
{
	unsigned long target = jiffies + ticks;
	int saved_cpu = refmm_current_cpu;

	while (!list_empty(&timer_pending)) {
		struct timer_list *timer = list_first_entry(&timer_pending,
							    struct timer_list,
							    entry);
		struct delayed_work *dwork = container_of(timer,
							  struct delayed_work,
							  timer);

		if (time_after(timer->expires, target))
			break;
		if (time_after(timer->expires, jiffies))
			jiffies = timer->expires;
		list_del_init(&timer->entry);
		dwork->work.data.counter &= ~WORK_STRUCT_PENDING;
		refmm_current_cpu = dwork->cpu;
		dwork->work.func(&dwork->work);
	}
	refmm_current_cpu = saved_cpu;
	jiffies = target;
}
