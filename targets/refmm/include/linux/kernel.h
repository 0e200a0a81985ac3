/* SPDX-License-Identifier: GPL-2.0-only */
/* kernel.h - helpers every refmm file uses: arithmetic, printk, BUG/WARN. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <errno.h>	/* the host's E* values are Linux's */
#include <stdarg.h>
#include <linux/types.h>
#include <linux/compiler.h>

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#ifndef ULONG_MAX
#define ULONG_MAX	(~0UL)
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define BUILD_BUG_ON(cond)	_Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")")

#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))
#define min_t(t, a, b)	((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b)	((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define clamp(v, lo, hi) min(max(v, lo), hi)

#define __ALIGN_MASK(x, mask)	(((x) + (mask)) & ~(mask))
#define ALIGN(x, a)		__ALIGN_MASK(x, (__typeof__(x))(a) - 1)
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define roundup(x, y)		((((x) + ((y) - 1)) / (y)) * (y))
#define round_down(x, y)	((x) & ~((__typeof__(x))(y) - 1))
#define round_up(x, y)		((((x) - 1) | ((__typeof__(x))(y) - 1)) + 1)
#define BITS_TO_LONGS(n)	DIV_ROUND_UP(n, BITS_PER_LONG)

static inline int ilog2(unsigned long n)
{
	return 63 - __builtin_clzl(n);
}

static inline unsigned long rounddown_pow_of_two(unsigned long n)
{
	return 1UL << ilog2(n);
}

static inline unsigned long roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1 : 1UL << (ilog2(n - 1) + 1);
}

unsigned long int_sqrt(unsigned long x);

#include <linux/printk.h>

/* lib/kasprintf.c: a kmalloc'ed, formatted string */
__printf(2, 3) char *kasprintf(gfp_t gfp, const char *fmt, ...);
char *kvasprintf(gfp_t gfp, const char *fmt, va_list args);

/*
 * kernel/panic.c: panic() logs the message and jumps to the crash kernel
 * when one is loaded (the dump is then written), else stops the process;
 * BUG() is a panic too, WARN() logs and carries on.
 */
__attribute__((noreturn)) __printf(1, 2) void panic(const char *fmt, ...);
void __warn(const char *file, int line, const char *cond);
__attribute__((noreturn)) void __bug(const char *file, int line,
				     const char *cond);

#define BUG()		__bug(__FILE__, __LINE__, "BUG()")
#define BUG_ON(c)	do { if (unlikely(c)) __bug(__FILE__, __LINE__, #c); } while (0)
#define WARN_ON(c)	({ int __w = !!(c);				\
			   if (unlikely(__w))				\
				__warn(__FILE__, __LINE__, #c);		\
			   unlikely(__w); })
#define WARN(c, fmt, ...) ({ int __w = !!(c);				\
			   if (unlikely(__w)) {				\
				__warn(__FILE__, __LINE__, #c);		\
				printk(KERN_WARNING fmt, ##__VA_ARGS__); \
			   }						\
			   unlikely(__w); })
#define WARN_ON_ONCE(c)	({ static int __o; int __w = !!(c);		\
			   if (unlikely(__w) && !__o) {			\
				__o = 1;				\
				__warn(__FILE__, __LINE__, #c);		\
			   }						\
			   unlikely(__w); })

/*
 * lib/dump_stack.c: the "CPU: n PID: n Comm: ..." and "Hardware name:"
 * lines.  The kernel prints the call trace after them; refmm has no
 * unwinder it could trust across the host's frames, so there is none.
 */
void dump_stack(void);

/* No preemption: a long loop has nobody to yield to. */
static inline void cond_resched(void)
{
}

/* Taint flags (kernel/panic.c). */
#define TAINT_PROPRIETARY_MODULE	0
#define TAINT_FORCED_MODULE		1
#define TAINT_CPU_OUT_OF_SPEC		2
#define TAINT_FORCED_RMMOD		3
#define TAINT_MACHINE_CHECK		4
#define TAINT_BAD_PAGE			5
#define TAINT_USER			6
#define TAINT_DIE			7
#define TAINT_OVERRIDDEN_ACPI_TABLE	8
#define TAINT_WARN			9
#define TAINT_CRAP			10
#define TAINT_FIRMWARE_WORKAROUND	11
#define TAINT_OOT_MODULE		12
#define TAINT_UNSIGNED_MODULE		13
#define TAINT_SOFTLOCKUP		14
#define TAINT_LIVEPATCH			15
extern unsigned long tainted_mask;
/* 4.0 adds a lockdep_ok argument; refmm has no lockdep to switch off. */
void add_taint(unsigned int flag);
int test_taint(unsigned flag);
/* print_tainted() is panic.c's own: slab.c has a static one of its own */
extern int panic_timeout;
extern int panic_on_oops;

#endif /* _LINUX_KERNEL_H */
