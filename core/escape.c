/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * escape.c - text from a dump, or typed, made safe for a terminal: each
 * byte that is not printable ASCII written as gdb's p writes it in a C
 * string ("\\n", "\\033", "\\377").
 */
#include <stdio.h>
#include <string.h>

#include "core/escape.h"


size_t ms_escape_char(unsigned char ch, char out[8])
{
	static const char names[] = "\aa\bb\ff\nn\rr\tt\vv\\\\";

	for (const char *n = names; *n; n += 2) {
		if ((unsigned char)n[0] == ch) {
			out[0] = '\\';
			out[1] = n[1];
			out[2] = '\0';
			return 2;
		}
	}
	if (ch == '\033')
		return (size_t)snprintf(out, 8, "\\033");
	if (ch >= 0x20 && ch < 0x7f) {
		out[0] = (char)ch;
		out[1] = '\0';
		return 1;
	}
	return (size_t)snprintf(out, 8, "\\%03o", ch);
}

char *ms_escape_mem(char *dst, size_t dstsz, const void *src, size_t len)
{
	const unsigned char *p = src;
	size_t n = 0;

	if (!dstsz)
		return dst;
	/* cut short only between escapes: never half of "\\033" */
	for (size_t i = 0; i < len; i++) {
		char e[8];
		size_t k = ms_escape_char(p[i], e);

		if (n + k > dstsz - 1)
			break;
		memcpy(dst + n, e, k);
		n += k;
	}
	dst[n] = '\0';
	return dst;
}

char *ms_escape_string(char *dst, size_t dstsz, const char *src)
{
	return ms_escape_mem(dst, dstsz, src, strlen(src));
}
