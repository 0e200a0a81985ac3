/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * refmm-alt.c - a generator built from librefmm_alt.a: refmm compiled with
 * another configuration (MAX_ORDER, NR_CPUS, the member order of struct
 * page, struct zone and the structures holding list_heads, pageblock_order
 * in a variable, PG_buddy, CONFIG_DEBUG_SLAB; see REFMM_ALT_FLAGS in
 * targets/refmm/Makefile.inc).
 * Its own executable is the debuginfo of the dumps it writes, so
 * "mmscope -s refmm-alt alt.vmcore" proves mmscope reads a dump through the
 * debuginfo's DWARF alone: the mmscope binary knows nothing of this layout.
 *
 *   refmm-alt gen [gen options] -o FILE
 */
#include <stdio.h>
#include <string.h>

#include "core/target.h"

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "gen"))
		return refmm_gen_main(argc - 1, argv + 1);
	fprintf(stderr, "usage: %s gen [--scenario NAME] [options] -o FILE\n", argv[0]);
	return 2;
}
