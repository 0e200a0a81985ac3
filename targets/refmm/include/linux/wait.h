/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wait.h - wait queue heads.  refmm has one thread and so no sleepers: a
 * wait queue is only ever empty, but it keeps the kernel's shape in the
 * structures that embed one (mempool_t).
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>
/* wait_queue_head_t itself: <linux/mmzone.h> has it, for pg_data_t. */
#include <linux/mmzone.h>

static inline void init_waitqueue_head(wait_queue_head_t *q)
{
	spin_lock_init(&q->lock);
	INIT_LIST_HEAD(&q->task_list);
}

/* Nobody sleeps, so nobody needs waking. */
static inline void wake_up(wait_queue_head_t *q)
{
	(void)q;
}

#endif /* _LINUX_WAIT_H */
