/* SPDX-License-Identifier: GPL-2.0-or-later */
/* main.c - placeholder: argument parsing and the session come with [core]. */
#include <string.h>
#include "config.h"
#include "core/target.h"

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "gen"))
		return refmm_gen_main(argc - 1, argv + 1);
	return 0;
}
