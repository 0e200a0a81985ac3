/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_row.h - one row of make bench's table (see tests/bench/bench_run.py).
 *
 * A benchmark prints what it likes; the lines bench_row() prints are the
 * rows of the table and of bench.json.  peer is the comparison measured in
 * the same run (NULL: none); goal bounds figure / peer_figure ("<=3",
 * ">=0.5"; NULL: none).
 */
#ifndef MS_BENCH_ROW_H
#define MS_BENCH_ROW_H

#include <stdio.h>

static inline void bench_row(const char *name, double figure, const char *unit,
			     const char *peer, double peer_figure, const char *goal)
{
	if (peer)
		printf("@row\t%s\t%.6g\t%s\t%s\t%.6g\t%s\n", name, figure, unit, peer,
		       peer_figure, goal ? goal : "-");
	else
		printf("@row\t%s\t%.6g\t%s\t-\t-\t-\n", name, figure, unit);
	fflush(stdout);
}

#endif /* MS_BENCH_ROW_H */
