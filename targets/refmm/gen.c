/* SPDX-License-Identifier: GPL-2.0-only */
/* gen.c - "mmscope gen": placeholder until the generator lands. */
#include <stdio.h>

int refmm_gen_main(int argc, char **argv);

int refmm_gen_main(int argc, char **argv)
{
	(void)argc; (void)argv;
	fprintf(stderr, "gen: not built yet\n");
	return 1;
}
