/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * seq_file.h - the text a /proc file's show functions produce.
 *
 * The kernel fills a seq_file page by page as user space reads; refmm's
 * readers (the truth file, the tests) want the whole text at once, so a
 * seq_file here is one growing buffer in host memory.  The show functions
 * (print_slabinfo_header(), cache_show()) are the kernel's.
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <stddef.h>
#include <linux/compiler.h>

struct seq_file {
	char *buf;
	size_t size;
	size_t count;
	int overflow;		/* out of host memory: the text is cut */
};

__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);

/* Release the buffer; the seq_file may be reused. */
void seq_release_buf(struct seq_file *m);

#endif /* _LINUX_SEQ_FILE_H */
