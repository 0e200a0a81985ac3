/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_error_stubs.c - the message half of core/error.c (ms_error_set() and
 * friends) for the unit tests that compile core modules without the session
 * layer; the printing half (ms_cmd_error(), ms_error_emit()) needs
 * core/output.c and core/session.c, which those tests stub or leave out.
 * Linked by the dump and types unit tests (tests/dump.mk, tests/types.mk).
 * Not part of mmscope.
 */
#include "config.h"

#include <stdio.h>

#include "core/error.h"

static char msg[1024];

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
