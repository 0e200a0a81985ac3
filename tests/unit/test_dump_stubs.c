/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_dump_stubs.c - just enough of core/output.c for the dump, page cache
 * and list walker unit tests, so that they link without the session layer
 * (with tests/unit/test_error_stubs.c for core/error.c).  Not part of mmscope.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>

#include "core/output.h"
#include "tests/unit/test_dump_stubs.h"

/*
 * Where commands print: core/record.c (which core/value.c builds JSON data
 * with) names it; nothing here prints through it.
 */
FILE *ms_fp;

int ms_test_interrupt_after = -1;	/* >= 0: ms_interrupted() true after N calls */

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
