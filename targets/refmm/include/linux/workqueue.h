/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workqueue.h - delayed work, as far as SLAB's reaper needs it.
 *
 * A delayed work is a function to run on a CPU once a timer expires.
 * refmm has no threads: the work runs when the simulated clock passes its
 * expiry (refmm_advance_jiffies()), with refmm_current_cpu switched to the
 * work's CPU for the call, which is what "runs on that CPU's kworker"
 * means for code that uses this_cpu_ptr().  Pending works sit on one list
 * in the image (timer_pending), ordered by expiry and then by the order
 * they were queued, so their order never depends on the host.
 */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/types.h>

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	atomic_long_t data;
	struct list_head entry;
	work_func_t func;
};

struct timer_list {
	/*
	 * All fields that change during normal runtime grouped to the
	 * same cacheline
	 */
	struct list_head entry;
	unsigned long expires;
	void (*function)(unsigned long);
	unsigned long data;
};

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;

	/* target workqueue and CPU ->timer uses to queue ->work */
	int cpu;
};

#define WORK_STRUCT_PENDING	1UL

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

#define INIT_DELAYED_WORK(_work, _func)					\
	do {								\
		(_work)->work.data.counter = 0;				\
		INIT_LIST_HEAD(&(_work)->work.entry);			\
		(_work)->work.func = (_func);				\
		INIT_LIST_HEAD(&(_work)->timer.entry);			\
		(_work)->timer.expires = 0;				\
		(_work)->timer.function = NULL;				\
		(_work)->timer.data = 0;				\
		(_work)->cpu = -1;					\
	} while (0)

/* A deferrable timer does not wake an idle CPU; here every timer is alike. */
#define INIT_DEFERRABLE_WORK(_work, _func) INIT_DELAYED_WORK(_work, _func)

bool schedule_delayed_work_on(int cpu, struct delayed_work *dwork,
			      unsigned long delay);
bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay);
bool cancel_delayed_work_sync(struct delayed_work *dwork);

/* keventd (the system workqueue) exists once refmm has booted. */
static inline int keventd_up(void)
{
	return 1;
}

#endif /* _LINUX_WORKQUEUE_H */
