/* SPDX-License-Identifier: GPL-2.0-or-later */
/* error.c - the last error message (see error.h). */
#include <stdio.h>
#include <string.h>

#include "core/error.h"

static char errbuf[4096];

int ms_error_vset(const char *fmt, va_list ap)
{
	char tmp[sizeof(errbuf)];

	/* The message may quote the previous one (ms_error_msg() as an argument). */
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	memcpy(errbuf, tmp, sizeof(errbuf));
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
	return errbuf;
}

void ms_error_clear(void)
{
	errbuf[0] = '\0';
}
