// SPDX-License-Identifier: GPL-2.0-only
/*
 * seq_file.c - seq_printf() and friends over one growing host buffer
 * (fs/seq_file.c, reduced: see <linux/seq_file.h>).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/seq_file.h>

static int seq_reserve(struct seq_file *m, size_t len)
{
	size_t size;
	char *buf;

	if (m->overflow)
		return -1;
	if (m->count + len + 1 <= m->size)
		return 0;
	size = m->size ? m->size : 4096;
	while (size < m->count + len + 1)
		size *= 2;
	buf = realloc(m->buf, size);
	if (!buf) {
		m->overflow = 1;
		return -1;
	}
	m->buf = buf;
	m->size = size;
	return 0;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(NULL, 0, fmt, args);
	va_end(args);
	if (len < 0 || seq_reserve(m, (size_t)len) < 0)
		return;
	va_start(args, fmt);
	vsnprintf(m->buf + m->count, m->size - m->count, fmt, args);
	va_end(args);
	m->count += (size_t)len;
}

void seq_puts(struct seq_file *m, const char *s)
{
	size_t len = strlen(s);

	if (seq_reserve(m, len) < 0)
		return;
	memcpy(m->buf + m->count, s, len + 1);
	m->count += len;
}

void seq_putc(struct seq_file *m, char c)
{
	if (seq_reserve(m, 1) < 0)
		return;
	m->buf[m->count++] = c;
	m->buf[m->count] = '\0';
}

void seq_release_buf(struct seq_file *m)
{
	free(m->buf);
	memset(m, 0, sizeof(*m));
}
