/* SPDX-License-Identifier: GPL-2.0-only */
/* kernel.h - helpers every refmm file uses: arithmetic, printk, BUG/WARN. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <stdarg.h>
#include <linux/types.h>
#include <linux/compiler.h>

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

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

unsigned long int_sqrt(unsigned long x);

/* printk: levels are the kernel's "\001" + digit prefixes. */
#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_DEFAULT	KERN_SOH "d"
#define KERN_CONT	""

#define LOGLEVEL_DEFAULT 4	/* default_message_loglevel: KERN_WARNING */

extern int console_loglevel;

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list args);

#define pr_emerg(fmt, ...)	printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_alert(fmt, ...)	printk(KERN_ALERT fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG fmt, ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

/* lib/kasprintf.c: a kmalloc'ed, formatted string */
__printf(2, 3) char *kasprintf(gfp_t gfp, const char *fmt, ...);
char *kvasprintf(gfp_t gfp, const char *fmt, va_list args);

/* The simulation cannot oops; these report and, for BUG, stop the process. */
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
#define WARN_ON_ONCE(c)	({ static int __o; int __w = !!(c);		\
			   if (unlikely(__w) && !__o) {			\
				__o = 1;				\
				__warn(__FILE__, __LINE__, #c);		\
			   }						\
			   unlikely(__w); })

/*
 * The kernel prints the call trace here.  refmm has no unwinder it could
 * trust across the host's frames, so a report ends with its own text.
 */
static inline void dump_stack(void)
{
}

/* No preemption: a long loop has nobody to yield to. */
static inline void cond_resched(void)
{
}

/* Taint flags the allocator sets (kernel/panic.c). */
#define TAINT_BAD_PAGE	5
extern unsigned long tainted_mask;
void add_taint(unsigned int flag);

#endif /* _LINUX_KERNEL_H */
