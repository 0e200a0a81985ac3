/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * escape.h - text from a dump, or typed, made safe for a terminal, as gdb's
 * p writes a C string.
 */
#ifndef MS_ESCAPE_H
#define MS_ESCAPE_H

#include <stddef.h>

/** gdb's C escape of @p ch into @p out ("\\n", "\\033", "a"); its length. */
size_t ms_escape_char(unsigned char ch, char out[8]);
/**
 * Copy @p src into @p dst (at most @p dstsz bytes, always terminated) with
 * every byte that is not printable ASCII escaped as p prints it ("\\n",
 * "\\033", "\\377"): text read from a dump (a panic message, a zone
 * name, a VMCOREINFO line) never reaches the terminal raw.
 * @return @p dst
 */
char *ms_escape_string(char *dst, size_t dstsz, const char *src);
/** ms_escape_string() of the @p len bytes at @p src, NUL bytes included ("\\000"). */
char *ms_escape_mem(char *dst, size_t dstsz, const void *src, size_t len);

#endif
