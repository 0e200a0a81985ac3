/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/thread_info.h - x86-64's struct thread_info and kernel stacks
 * (arch/x86/include/asm/thread_info.h, Linux 4.0).
 *
 * Each task has a kernel stack of THREAD_SIZE bytes (four pages, one
 * order-2 block from the buddy allocator), task->stack.  struct
 * thread_info sits at its lowest address, the stack grows down towards it,
 * and STACK_END_MAGIC just above thread_info catches an overflow.  The CPU
 * a task last ran on is thread_info->cpu (task_cpu()), which is where
 * crash's ps takes its CPU column from.
 */
#ifndef _ASM_X86_THREAD_INFO_H
#define _ASM_X86_THREAD_INFO_H

#include <linux/types.h>
#include <asm/page.h>

#define THREAD_SIZE_ORDER	2
#define THREAD_SIZE		(PAGE_SIZE << THREAD_SIZE_ORDER)
#define STACK_END_MAGIC		0x57AC6E9D

struct task_struct;
struct exec_domain;

typedef struct {
	unsigned long seg;
} mm_segment_t;

struct restart_block {
	long (*fn)(struct restart_block *);
	unsigned long arg0, arg1, arg2, arg3;
};

struct thread_info {
	struct task_struct	*task;		/* main task structure */
	struct exec_domain	*exec_domain;	/* execution domain */
	__u32			flags;		/* low level flags */
	__u32			status;		/* thread synchronous flags */
	__u32			cpu;		/* current CPU */
	int			saved_preempt_count;
	mm_segment_t		addr_limit;
	struct restart_block	restart_block;
	void			*sysenter_return;
	unsigned int		sig_on_uaccess_error:1;
	unsigned int		uaccess_err:1;	/* uaccess failed */
};

/* thread information flags (a few of 4.0's) */
#define TIF_SIGPENDING		2	/* signal pending */
#define TIF_NEED_RESCHED	3	/* rescheduling necessary */
#define TIF_MEMDIE		20	/* is terminating due to OOM killer */

#define KERNEL_DS	((mm_segment_t) { -1UL })
#define USER_DS		((mm_segment_t) { TASK_SIZE_MAX })

#endif /* _ASM_X86_THREAD_INFO_H */
