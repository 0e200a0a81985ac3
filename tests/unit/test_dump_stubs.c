/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_dump_stubs.c - just enough of core/error.c and core/output.c for the
 * dump, page cache and list walker unit tests, so that they link without the
 * session layer.  Not part of mmscope.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>

#include "core/error.h"
#include "core/output.h"
#include "tests/unit/test_dump_stubs.h"

static char msg[1024];
int ms_test_interrupt_after = -1;	/* >= 0: ms_interrupted() true after N calls */

int
ms_error_vset(const char *fmt, va_list ap)
{
	char tmp[sizeof(msg)];

	vsnprintf(tmp, sizeof(tmp), fmt, ap);	/* fmt's arguments may point into msg */
	snprintf(msg, sizeof(msg), "%s", tmp);
	return -1;
}

int
ms_error_set(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ms_error_vset(fmt, ap);
	va_end(ap);
	return -1;
}

const char *
ms_error_msg(void)
{
	return msg;
}

void
ms_error_clear(void)
{
	msg[0] = '\0';
}

bool
ms_interrupted(void)
{
	if (ms_test_interrupt_after < 0)
		return false;
	if (ms_test_interrupt_after == 0)
		return true;
	ms_test_interrupt_after--;
	return false;
}
