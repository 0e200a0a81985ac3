/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench_slab.c - how fast is refmm's kmalloc?  (make bench)
 *
 * For each size from 32 to 4096 bytes, kmalloc()+kfree() pairs beside
 * glibc malloc()+free() of the same size, in the same process, with the
 * ratio: the per-CPU array fast path.  Then a batch workload, where 1000
 * objects are allocated before they are freed, so that the arrays refill
 * from and flush to the slabs (cache_alloc_refill, cache_flusharray).
 *
 * Both sides write the first byte of each object.  The size is read from
 * a volatile, as a caller's variable size would be: kmalloc() takes its
 * run-time path (kmalloc_slab(), then the cache).  REFMM_BENCH_SCALE
 * multiplies the operation counts (default 1).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <refmm/machine.h>
#include "tests/bench/bench_row.h"
#include <refmm/slab.h>
#include <linux/gfp.h>
#include <linux/slab.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double pairs_kmalloc(size_t size, unsigned long n)
{
	volatile size_t vsize = size;
	double t = now();
	unsigned long i;

	for (i = 0; i < n; i++) {
		char *p = kmalloc(vsize, GFP_KERNEL);

		*(volatile char *)p = (char)i;
		kfree(p);
	}
	return now() - t;
}

static double pairs_malloc(size_t size, unsigned long n)
{
	volatile size_t vsize = size;
	double t = now();
	unsigned long i;

	for (i = 0; i < n; i++) {
		char *p = malloc(vsize);

		*(volatile char *)p = (char)i;
		free(p);
	}
	return now() - t;
}

#define BATCH	1000

static double batch_kmalloc(size_t size, unsigned long rounds)
{
	static void *p[BATCH];
	volatile size_t vsize = size;
	double t = now();
	unsigned long r;
	int i;

	for (r = 0; r < rounds; r++) {
		for (i = 0; i < BATCH; i++) {
			p[i] = kmalloc(vsize, GFP_KERNEL);
			*(volatile char *)p[i] = (char)i;
		}
		for (i = 0; i < BATCH; i++)
			kfree(p[i]);
	}
	return now() - t;
}

static double batch_malloc(size_t size, unsigned long rounds)
{
	static void *p[BATCH];
	volatile size_t vsize = size;
	double t = now();
	unsigned long r;
	int i;

	for (r = 0; r < rounds; r++) {
		for (i = 0; i < BATCH; i++) {
			p[i] = malloc(vsize);
			*(volatile char *)p[i] = (char)i;
		}
		for (i = 0; i < BATCH; i++)
			free(p[i]);
	}
	return now() - t;
}

static void row(const char *what, size_t size, unsigned long n, double t_refmm,
		double t_malloc)
{
	double r = n / t_refmm, m = n / t_malloc;

	char name[64];

	printf("%-22s %5zu B   refmm %7.2f M/s   glibc %7.2f M/s   refmm/glibc %5.2f\n",
	       what, size, r / 1e6, m / 1e6, r / m);
	snprintf(name, sizeof(name), "%s, %zu B", what, size);
	bench_row(name, r / 1e6, "M/s", "glibc malloc", m / 1e6, NULL);
}

int main(void)
{
	static const size_t sizes[] = { 32, 64, 128, 256, 512, 1024, 2048, 4096 };
	const char *env = getenv("REFMM_BENCH_SCALE");
	unsigned long scale = env ? strtoul(env, NULL, 0) : 1;
	unsigned long npairs = 2000000UL * scale, nrounds = 500UL * scale;
	struct refmm_config cfg;
	char msg[256];
	size_t i;

	refmm_default_config(&cfg);
	cfg.mem_bytes = 512ULL << 20;
	if (refmm_boot(&cfg))
		return 1;
	printf("refmm: %llu MiB, %d cpu(s); kmalloc+kfree pairs, then batches of %d\n",
	       (unsigned long long)cfg.mem_bytes >> 20, cfg.nr_cpus, BATCH);

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		/* warm both allocators once */
		pairs_kmalloc(sizes[i], 10000);
		pairs_malloc(sizes[i], 10000);
		row("kmalloc+kfree pairs", sizes[i], npairs,
		    pairs_kmalloc(sizes[i], npairs), pairs_malloc(sizes[i], npairs));
	}
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		row("batches of 1000", sizes[i], nrounds * BATCH,
		    batch_kmalloc(sizes[i], nrounds), batch_malloc(sizes[i], nrounds));

	if (refmm_check_slab(msg, sizeof(msg)) ||
	    refmm_check_invariants(msg, sizeof(msg))) {
		fprintf(stderr, "bench_slab: invariants broken: %s\n", msg);
		return 1;
	}
	return 0;
}
