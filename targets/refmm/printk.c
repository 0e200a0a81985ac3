// SPDX-License-Identifier: GPL-2.0-only
/*
 * printk.c - the kernel's console, minimal.
 *
 * Messages carry the kernel's level prefixes (KERN_ERR is "\0013").  Each
 * complete message goes to refmm_printk_hook, whatever its level, and to
 * stderr when its level is below console_loglevel, as a console would
 * show it.  The log buffer (log_buf, for "log" in mmscope) comes with a
 * later issue and will be fed from here.
 *
 * Also here: panic(), the BUG/WARN reporters and the taint mask.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/numa.h>
#include <refmm/machine.h>

int console_loglevel __kdata = 5;	/* show KERN_WARNING and above */
unsigned long tainted_mask __kdata;

/* A host function pointer: deliberately outside the image. */
refmm_printk_hook_t refmm_printk_hook;

/* Partial lines (KERN_CONT pieces) wait here until their newline. */
static char cont_buf[1024];
static size_t cont_len;
static int cont_level = LOGLEVEL_DEFAULT;

static void emit(int level, const char *text)
{
	if (refmm_printk_hook)
		refmm_printk_hook(level, text);
	if (level < console_loglevel) {
		fputs(text, stderr);
		fflush(stderr);
	}
}

static void flush_cont(void)
{
	if (!cont_len)
		return;
	cont_buf[cont_len] = '\0';
	emit(cont_level, cont_buf);
	cont_len = 0;
}

int vprintk(const char *fmt, va_list args)
{
	char buf[1024];
	const char *text = buf;
	int level = -1;
	int len;

	len = vsnprintf(buf, sizeof(buf), fmt, args);
	if (len < 0)
		return len;
	if ((size_t)len >= sizeof(buf))
		len = sizeof(buf) - 1;

	if (text[0] == KERN_SOH[0] && text[1]) {
		if (text[1] >= '0' && text[1] <= '7')
			level = text[1] - '0';
		else if (text[1] == 'd')
			level = LOGLEVEL_DEFAULT;
		text += 2;
		len -= 2;
	}

	/* A new leveled message ends any pending continuation. */
	if (level >= 0)
		flush_cont();
	if (!cont_len)
		cont_level = level >= 0 ? level : LOGLEVEL_DEFAULT;

	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text + 1) : strlen(text);

		if (cont_len + n >= sizeof(cont_buf) - 1)
			n = sizeof(cont_buf) - 2 - cont_len;
		memcpy(cont_buf + cont_len, text, n);
		cont_len += n;
		text += n;
		if (nl || cont_len >= sizeof(cont_buf) - 2)
			flush_cont();
		if (!nl)
			break;
	}
	return len;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);
	return r;
}

void add_taint(unsigned int flag)
{
	tainted_mask |= 1UL << flag;
}

void panic(const char *fmt, ...)
{
	char buf[512];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	flush_cont();
	abort();
}

void __warn(const char *file, int line, const char *cond)
{
	printk(KERN_WARNING "WARNING: CPU: %d PID: 0 at %s:%d %s\n",
	       refmm_current_cpu, file, line, cond);
}

void __bug(const char *file, int line, const char *cond)
{
	printk(KERN_EMERG "kernel BUG at %s:%d! (%s)\n", file, line, cond);
	flush_cont();
	abort();
}
