/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_types_stubs.c - the few session-layer functions that core/symbols.c,
 * core/types.c and core/value.c call, so that their unit tests link without
 * the rest of core/.  Memory reads go to the test's ELF reader.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/dump.h"
#include "core/error.h"

static char msg[1024];

int ms_error_vset(const char *fmt, va_list ap)
{
	vsnprintf(msg, sizeof(msg), fmt, ap);
	return -1;
}

int ms_error_set(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ms_error_vset(fmt, ap);
	va_end(ap);
	return -1;
}

const char *ms_error_msg(void)
{
	return msg;
}

void ms_error_clear(void)
{
	msg[0] = 0;
}

__attribute__((weak)) int ms_readmem(uint64_t addr, enum ms_as as, void *buf, size_t len, const char *what)
{
	(void)as;
	(void)buf;
	(void)len;
	return ms_error_set("invalid kernel virtual address: %llx  type: \"%s\"", (unsigned long long)addr, what);
}
