/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * printk.h - printk, its levels and the log buffer's records
 * (include/linux/printk.h, include/linux/kern_levels.h and the record
 * format of kernel/printk/printk.c, Linux 4.0).
 */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H

#include <stdarg.h>
#include <linux/types.h>
#include <linux/compiler.h>

/* printk: levels are the kernel's "\001" + digit prefixes. */
#define KERN_SOH	"\001"		/* ASCII Start Of Header */
#define KERN_SOH_ASCII	'\001'
#define KERN_EMERG	KERN_SOH "0"	/* system is unusable */
#define KERN_ALERT	KERN_SOH "1"	/* action must be taken immediately */
#define KERN_CRIT	KERN_SOH "2"	/* critical conditions */
#define KERN_ERR	KERN_SOH "3"	/* error conditions */
#define KERN_WARNING	KERN_SOH "4"	/* warning conditions */
#define KERN_NOTICE	KERN_SOH "5"	/* normal but significant condition */
#define KERN_INFO	KERN_SOH "6"	/* informational */
#define KERN_DEBUG	KERN_SOH "7"	/* debug-level messages */
#define KERN_DEFAULT	KERN_SOH "d"	/* the default kernel loglevel */
/*
 * Annotation for a "continued" line of log printout (only done after a
 * line that had no enclosing \n).
 */
#define KERN_CONT	""

/* A message without a level prefix gets default_message_loglevel. */
#define LOGLEVEL_DEFAULT_UNSET	(-1)
#define LOGLEVEL_DEFAULT	4	/* KERN_WARNING, 4.0's default */

#define CONSOLE_LOGLEVEL_SILENT	0	/* Mum's the word */
#define CONSOLE_LOGLEVEL_MIN	1	/* Minimum loglevel we let people use */
#define CONSOLE_LOGLEVEL_QUIET	4	/* Shhh ..., when booted with "quiet" */
#define CONSOLE_LOGLEVEL_DEFAULT 7	/* anything MORE serious than KERN_DEBUG */
/* refmm's console starts quieter: KERN_WARNING and worse reach stderr. */
#define CONSOLE_LOGLEVEL_REFMM	5

extern int console_printk[];
#define console_loglevel (console_printk[0])
#define default_message_loglevel (console_printk[1])
#define minimum_console_loglevel (console_printk[2])
#define default_console_loglevel (console_printk[3])

/*
 * The log buffer's record, as 4.0 keeps it in log_buf: this header, the
 * text (no trailing newline, no terminating NUL), the dictionary, and
 * padding up to LOG_ALIGN.  len is the whole record; a header with len 0
 * marks the end of the used buffer before a wrap.
 */
enum log_flags {
	LOG_NOCONS	= 1,	/* already flushed, do not print to console */
	LOG_NEWLINE	= 2,	/* text ended with a newline */
	LOG_PREFIX	= 4,	/* text started with a prefix */
	LOG_CONT	= 8,	/* text is a fragment of a continuation line */
};

struct printk_log {
	u64 ts_nsec;		/* timestamp in nanoseconds */
	u16 len;		/* length of entire record */
	u16 text_len;		/* length of text buffer */
	u16 dict_len;		/* length of dictionary buffer */
	u8 facility;		/* syslog facility */
	u8 flags:5;		/* internal record flags */
	u8 level:3;		/* syslog level */
} __attribute__((packed, aligned(4)));
/*
 * refmm: records are LOG_ALIGN (4) aligned, as on x86, so the header's
 * u64 may sit at a 4-byte boundary; declaring that (as later kernels do)
 * keeps the compiler's accesses honest.  The layout is 4.0's: 16 bytes,
 * the same offsets.
 */

/* x86 has efficient unaligned access: records are 4-aligned (4.0). */
#define LOG_ALIGN		4
#define CONFIG_LOG_BUF_SHIFT	18	/* 256 KiB, x86-64's default */

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list args);
int vprintk_emit(int facility, int level, const char *dict, size_t dictlen,
		 const char *fmt, va_list args);
/* Store a pending continuation line now (panic, dump time). */
void printk_flush(void);

#define pr_emerg(fmt, ...)	printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_alert(fmt, ...)	printk(KERN_ALERT fmt, ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(KERN_CRIT fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_warning		pr_warn
#define pr_notice(fmt, ...)	printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG fmt, ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

/* kernel/sched/clock.c: the simulated clock the records are stamped with */
u64 local_clock(void);
unsigned long long sched_clock(void);

/*
 * refmm: the log as a reader sees it (records from log_first_idx to
 * log_next_idx), and a second, host-side copy of every record kept as it
 * was stored, so that the truth file does not depend on the ring's
 * bookkeeping.  @fn returns non-zero to stop the walk.
 */
int refmm_log_walk(int (*fn)(u64 seq, const struct printk_log *msg,
			     const char *text, void *arg), void *arg);
void refmm_log_bounds(u64 *first_seq, u64 *next_seq, u32 *first_idx,
		      u32 *next_idx);
u32 refmm_log_buf_len(void);

struct refmm_log_copy {
	u64 seq;
	u64 ts_nsec;
	int level;
	size_t len;
	char *text;		/* len bytes, NUL-terminated */
};
/* The copies of the records still in the buffer (seq >= log_first_seq). */
const struct refmm_log_copy *refmm_log_copies(size_t *nr);

#endif /* _LINUX_PRINTK_H */
