/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_vmcoreinfo.c - the VMCOREINFO parser (core/vmcoreinfo.c): any bytes
 * as the note, then every getter on the keys mmscope asks for.
 */
#include <stdlib.h>

#include "core/vmcoreinfo.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"phys_base", "pageblock_order", "PAGE_BUDDY_MAPCOUNT_VALUE", "MAX_ORDER",
		"swapper_pg_dir", "init_level4_pgt", "page", "page.flags", "zone.free_area",
		"NR_FREE_PAGES", "",
	};
	struct ms_vmcoreinfo *vi;
	uint64_t u;
	int64_t s;

	if (!ms_error_ok(ms_vmcoreinfo_parse((const char *)data, size, &vi)))
		return 0;	/* refused: fine */
	ms_error_destroy(ms_vmcoreinfo_check(vi, 4096));
	(void)ms_vmcoreinfo_text(vi);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		ms_error_destroy(ms_vmcoreinfo_number(vi, names[i], INT64_MIN, INT64_MAX, &s));
		ms_error_destroy(ms_vmcoreinfo_number(vi, names[i], 0, 20, &s));
		ms_error_destroy(ms_vmcoreinfo_symbol(vi, names[i], &u));
		ms_error_destroy(ms_vmcoreinfo_size(vi, names[i], &u));
		ms_error_destroy(ms_vmcoreinfo_offset(vi, names[i], &u));
		ms_error_destroy(ms_vmcoreinfo_length(vi, names[i], &u));
	}
	ms_error_destroy(ms_vmcoreinfo_hex(vi, "KERNELOFFSET", &u));
	ms_error_destroy(ms_vmcoreinfo_decimal(vi, "CRASHTIME", 0, INT64_MAX, &s));
	ms_error_destroy(ms_vmcoreinfo_decimal(vi, "PAGESIZE", 1, INT64_MAX, &s));
	(void)ms_vmcoreinfo_get(vi, "BUILD-ID");
	(void)ms_vmcoreinfo_get(vi, "OSRELEASE");
	ms_vmcoreinfo_destroy(vi);
	return 0;
}
