/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench_buddy.c - how fast is refmm's page allocator?  (make bench)
 *
 * Two workloads, each run on refmm and on glibc malloc/free with the same
 * sizes in the same process, printed side by side with the ratio:
 *
 *   order-0 pairs   alloc_page()+__free_page() against malloc(4096)+free:
 *                   the pcp fast path
 *   random storm    a fixed random sequence of allocations of orders 0..10
 *                   (mostly small) and frees of random live blocks, the
 *                   live set held near 25% of RAM: the buddy lists,
 *                   splitting and merging
 *
 * Both sides touch the first byte of each block, so neither is measured
 * on memory it never uses.  REFMM_BENCH_SCALE multiplies the operation
 * counts (default 1).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <refmm/machine.h>
#include "tests/bench/bench_row.h"
#include <linux/gfp.h>
#include <linux/mm.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t rng = 0x243f6a8885a308d3ULL;

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

/* ---- order-0 pairs ---- */

static double pairs_refmm(unsigned long n)
{
	double t = now();
	unsigned long i;

	for (i = 0; i < n; i++) {
		struct page *page = alloc_page(GFP_KERNEL);

		*(volatile char *)page_address(page) = (char)i;
		__free_page(page);
	}
	return now() - t;
}

static double pairs_malloc(unsigned long n)
{
	double t = now();
	unsigned long i;

	for (i = 0; i < n; i++) {
		char *p = malloc(PAGE_SIZE);

		*(volatile char *)p = (char)i;
		free(p);
	}
	return now() - t;
}

/* ---- random storm ---- */

struct op {
	uint32_t slot;
	uint8_t order;
};

#define SLOTS	4096

static struct op *make_storm(unsigned long n)
{
	struct op *ops = malloc(n * sizeof(*ops));
	unsigned long i;

	for (i = 0; i < n; i++) {
		unsigned int r = rnd() % 100;

		ops[i].slot = rnd() % SLOTS;
		ops[i].order = r < 50 ? 0 : r < 90 ? 1 + rnd() % 3 :
			       r < 99 ? 4 + rnd() % 3 : 7 + rnd() % (MAX_ORDER - 7);
	}
	return ops;
}

/* Each op toggles its slot: free what is there, else allocate. */
static double storm_refmm(const struct op *ops, unsigned long n,
			  unsigned long *failed)
{
	static struct page *slot[SLOTS];
	static uint8_t order[SLOTS];
	double t = now();
	unsigned long i;

	*failed = 0;
	for (i = 0; i < n; i++) {
		uint32_t s = ops[i].slot;

		if (slot[s]) {
			__free_pages(slot[s], order[s]);
			slot[s] = NULL;
		} else {
			slot[s] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, ops[i].order);
			if (!slot[s]) {
				(*failed)++;
				continue;
			}
			order[s] = ops[i].order;
			*(volatile char *)page_address(slot[s]) = (char)i;
		}
	}
	for (i = 0; i < SLOTS; i++)
		if (slot[i]) {
			__free_pages(slot[i], order[i]);
			slot[i] = NULL;
		}
	return now() - t;
}

static double storm_malloc(const struct op *ops, unsigned long n)
{
	static char *slot[SLOTS];
	double t = now();
	unsigned long i;

	for (i = 0; i < n; i++) {
		uint32_t s = ops[i].slot;

		if (slot[s]) {
			free(slot[s]);
			slot[s] = NULL;
		} else {
			slot[s] = malloc(PAGE_SIZE << ops[i].order);
			*(volatile char *)slot[s] = (char)i;
		}
	}
	for (i = 0; i < SLOTS; i++) {
		free(slot[i]);
		slot[i] = NULL;
	}
	return now() - t;
}

static void row(const char *what, unsigned long n, double t_refmm,
		double t_malloc)
{
	double r = n / t_refmm, m = n / t_malloc;

	printf("%-34s refmm %8.2f M/s   glibc %8.2f M/s   refmm/glibc %5.2f\n",
	       what, r / 1e6, m / 1e6, r / m);
	bench_row(what, r / 1e6, "M/s", "glibc malloc", m / 1e6, NULL);
}

int main(void)
{
	const char *env = getenv("REFMM_BENCH_SCALE");
	unsigned long scale = env ? strtoul(env, NULL, 0) : 1;
	unsigned long npairs = 5000000UL * scale, nstorm = 2000000UL * scale;
	struct refmm_config cfg;
	unsigned long failed;
	struct op *ops;
	double t0, boot;
	char msg[256];

	refmm_default_config(&cfg);
	cfg.mem_bytes = 1ULL << 30;
	t0 = now();
	if (refmm_boot(&cfg))
		return 1;
	boot = now() - t0;
	printf("refmm: booted %llu MiB, %d cpu(s), MAX_ORDER %d in %.1f ms\n",
	       (unsigned long long)cfg.mem_bytes >> 20, cfg.nr_cpus, MAX_ORDER,
	       boot * 1e3);

	/* warm both allocators once */
	pairs_refmm(10000);
	pairs_malloc(10000);
	row("order-0 alloc+free pairs", npairs, pairs_refmm(npairs),
	    pairs_malloc(npairs));

	ops = make_storm(nstorm);
	{
		double tr = storm_refmm(ops, nstorm, &failed);
		double tm = storm_malloc(ops, nstorm);

		row("random-order storm (orders 0-10)", nstorm, tr, tm);
		if (failed)
			printf("  (%lu refmm allocations failed: memory full)\n", failed);
	}
	free(ops);

	drain_all_pages(NULL);
	if (refmm_check_invariants(msg, sizeof(msg))) {
		fprintf(stderr, "bench_buddy: invariants broken: %s\n", msg);
		return 1;
	}
	return 0;
}
