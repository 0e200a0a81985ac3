/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * target.h - the embedded dump generator, seen from the inspector.
 *
 * mmscope embeds refmm so that "mmscope gen ..." writes dumps whose
 * debuginfo is mmscope itself.  The inspector knows the generator only
 * through this entry point: no refmm header, type or layout crosses over.
 */
#ifndef MS_TARGET_H
#define MS_TARGET_H

/** Run the generator with gen's own argv (argv[0] = "gen").  Exit status. */
int refmm_gen_main(int argc, char **argv);

#endif
