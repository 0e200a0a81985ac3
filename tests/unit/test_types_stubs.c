/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_types_stubs.c - the session-layer function that core/symbols.c,
 * core/types.c and core/value.c call besides core/error.c's messages
 * (tests/unit/test_error_stubs.c), so that their unit tests link without the
 * rest of core/.  Memory reads go to the test's ELF reader, which overrides
 * this weak ms_readmem().
 */
#include <stdint.h>

#include "core/dump.h"
#include "core/error.h"

__attribute__((weak)) int ms_readmem(uint64_t addr, enum ms_as as, void *buf, size_t len, const char *what)
{
	(void)as;
	(void)buf;
	(void)len;
	return ms_error_set("invalid kernel virtual address: %llx  type: \"%s\"", (unsigned long long)addr, what);
}
