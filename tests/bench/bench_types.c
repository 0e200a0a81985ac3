/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_types.c - how fast the DWARF and symbol layers are on a real
 * debuginfo (default: the mmscope executable, whose DWARF describes refmm):
 * symbol table load, lazy name index (first lookup), type resolution, and
 * lookups per second, cold and cached; the index built by a walk of the DWARF
 * against the index read from the index cache file (in a temporary
 * MMSCOPE_CACHE_DIR).
 *
 *   bench_types [DEBUGINFO]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/dwarf.h"
#include "core/error.h"
#include "core/field.h"
#include "core/program.h"
#include "core/symbols.h"
#include "core/types.h"
#include "tests/bench/bench_row.h"

/* The program whose debuginfo each test loads and frees. */
static struct ms_program *prog;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Best of @p rounds: open + index (+ one missing name), walking the DWARF or from the cache. */
static double index_ms(const char *path, bool use_cache, int rounds, bool *cached)
{
	double best = 1e9;

	if (use_cache)
		unsetenv("MMSCOPE_NO_INDEX_CACHE");
	else
		setenv("MMSCOPE_NO_INDEX_CACHE", "1", 1);
	for (int i = 0; i < rounds; i++) {
		double t0 = now_ms();
		if (!ms_error_ok(ms_types_load(prog, path)) || !dw_index(prog->dwarf))
			return -1;
		ms_type_get(prog, "struct no_such_struct_anywhere");
		double t = now_ms() - t0;
		*cached = dw_index_cached(prog->dwarf);
		ms_types_free(prog);
		if (t < best)
			best = t;
	}
	unsetenv("MMSCOPE_NO_INDEX_CACHE");
	return best;
}

static void bench_index_cache(const char *path)
{
	char dir[] = "/tmp/bench_types.XXXXXX", cmd[64];
	bool c_cold = true, c_first = true, c_warm = false;

	if (!mkdtemp(dir))
		return;
	setenv("MMSCOPE_CACHE_DIR", dir, 1);
	double cold = index_ms(path, false, 10, &c_cold);
	double first = index_ms(path, true, 1, &c_first);	/* walks and writes the file */
	double warm = index_ms(path, true, 10, &c_warm);
	printf("index: walk %.2f ms; walk + cache write %.2f ms; from the cache %.2f ms (%.1fx)%s\n", cold,
	       first, warm, warm > 0 ? cold / warm : 0,
	       !c_cold && !c_first && c_warm ? "" : " (cache not used as expected)");
	bench_row("DWARF index from its cache file", warm, "ms", "the DWARF walk", cold, "<=1");
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		fprintf(stderr, "bench_types: could not remove %s\n", dir);
	unsetenv("MMSCOPE_CACHE_DIR");
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "./mmscope";
	double t0, t1;
	size_t cus, names, types;

	if (ms_program_create(&prog))
		return 1;
	bench_index_cache(path);
	setenv("MMSCOPE_NO_INDEX_CACHE", "1", 1);	/* below: the walk, as before */

	t0 = now_ms();
	struct ms_error *err = ms_symbols_load(prog, path);
	if (err) {
		fprintf(stderr, "bench_types: %s\n", err->message);
		return 1;
	}
	t1 = now_ms();
	printf("symbols: %zu loaded in %.2f ms\n", ms_symbol_count(prog), t1 - t0);

	t0 = now_ms();
	if ((err = ms_types_load(prog, path))) {
		fprintf(stderr, "bench_types: %s\n", err->message);
		return 1;
	}
	const struct ms_type *t = ms_type_get(prog, "struct list_head");
	t1 = now_ms();
	ms_types_stats(prog, &cus, &names, &types);
	printf("types: open + index of %zu CUs, %zu names: %.2f ms%s\n", cus, names, t1 - t0,
	       t ? "" : " (no struct list_head)");
	bench_row("types: open + index (no cache)", t1 - t0, "ms", NULL, 0, NULL);

	/* Every struct name once: resolution and members. */
	static const char *const probes[] = { "page", "zone", "pglist_data", "kmem_cache", "list_head",
					      "free_area", "vm_struct", "mm_struct", "task_struct" };
	const size_t np = sizeof(probes) / sizeof(*probes);
	t0 = now_ms();
	size_t found = 0, members = 0;
	for (size_t i = 0; i < np; i++) {
		const struct ms_type *p = ms_type_get(prog, probes[i]);
		if (p) {
			found++;
			members += ms_type_member_count(p);
		}
	}
	t1 = now_ms();
	printf("resolve %zu of %zu core structs (%zu members): %.3f ms\n", found, np, members, t1 - t0);

	const int n = 1000000;
	t0 = now_ms();
	long sum = 0;
	const struct ms_type *zone = ms_type_get(prog, "struct zone");
	for (int i = 0; i < n; i++) {
		const struct ms_field *f;
		struct ms_error *err = ms_field_find(prog, zone, "free_area", &f);
		sum += err ? 0 : (long)f->offset;
		ms_error_destroy(err);
	}
	t1 = now_ms();
	printf("ms_field_find (memoised): %.1f M lookups/s\n", n / (t1 - t0) / 1e3);
	bench_row("ms_field_find (memoised)", n / (t1 - t0) / 1e3, "M/s", NULL, 0, NULL);

	t0 = now_ms();
	for (int i = 0; i < n / 10; i++) {
		struct ms_member m;
		const struct ms_type *z = ms_type_get(prog, "struct zone");
		if (z)
			sum += ms_error_ok(ms_type_member_path(z, "free_area[3].free_list[1].next", &m));
	}
	t1 = now_ms();
	printf("ms_type_find + member path (uncached): %.2f M lookups/s\n", n / 10 / (t1 - t0) / 1e3);

	t0 = now_ms();
	for (int i = 0; i < n; i++)
		sum += ms_symbol_by_addr(prog, ms_symbol_at_index(prog, (size_t)i % ms_symbol_count(prog))->value + 1, NULL) != NULL;
	t1 = now_ms();
	printf("ms_symbol_by_addr: %.1f M lookups/s\n", n / (t1 - t0) / 1e3);
	bench_row("ms_symbol_by_addr", n / (t1 - t0) / 1e3, "M/s", NULL, 0, NULL);
	t0 = now_ms();
	for (int i = 0; i < n; i++)
		sum += ms_symbol_find(prog, ms_symbol_at_index(prog, (size_t)i % ms_symbol_count(prog))->name) != NULL;
	t1 = now_ms();
	printf("ms_symbol_find: %.1f M lookups/s\n", n / (t1 - t0) / 1e3);
	ms_types_stats(prog, &cus, &names, &types);
	printf("type objects built: %zu (checksum %ld)\n", types, sum & 1);
	ms_types_free(prog);
	ms_symbols_free(prog);
	return 0;
}
