/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_read.c - read throughput of core/dump.c against raw kdump_read().
 *
 *   random 8-byte reads (ns/op): ms_readmem with a hot working set (cache
 *   hits), ms_readmem over all of RAM (mostly misses), kdump_read for the
 *   same addresses;
 *   sequential reads (MB/s) of a mem_map-sized range (64 bytes per page of
 *   RAM) in 1 MiB chunks: ms_readmem and kdump_read.
 *
 * The dump: $MS_BENCH_DUMP, else "mmscope gen --scenario big" into a
 * temporary directory (removed afterwards).  $MS_BENCH_PAGE_OFFSET sets the
 * direct map's base for a dump that is not refmm's.  Part of "make bench", never of
 * "make check".
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libkdumpfile/kdumpfile.h>

#include "core/dump.h"
#include "core/error.h"
#include "core/program.h"
#include "tests/bench/bench_row.h"

static uint64_t PAGE_OFFSET = 0x200000000000ULL;	/* refmm's; $MS_BENCH_PAGE_OFFSET */
static struct ms_program *prog;
#define NRAND 2000000

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static uint64_t rng = 88172645463325252ULL;

static uint64_t
xorshift(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Random addresses in [base, base + span), 8-byte aligned, readable. */
static uint64_t *
addresses(uint64_t base, uint64_t span, size_t n)
{
	uint64_t *a = malloc(n * sizeof(*a)), v;
	size_t i = 0;

	while (a && i < n) {
		uint64_t x = base + (xorshift() % span & ~7ULL);
		struct ms_error *err = ms_read_u64(prog, x, &v, "bench");

		if (!err)
			a[i++] = x;
		ms_error_destroy(err);
	}
	return a;
}

static double
run_ms(const uint64_t *a, size_t n, uint64_t *sum)
{
	double t = now();
	uint64_t v;
	size_t i;

	for (i = 0; i < n; i++) {
		ms_error_destroy(ms_readmem(prog, a[i], MS_KVADDR, &v, 8, "bench"));
		*sum += v;
	}
	return (now() - t) * 1e9 / n;
}

static double
run_kdump(const uint64_t *a, size_t n, uint64_t *sum)
{
	kdump_ctx_t *ctx = ms_dump_kdump_ctx(prog);
	double t = now();
	uint64_t v;
	size_t i, len;

	for (i = 0; i < n; i++) {
		len = 8;
		kdump_read(ctx, KDUMP_KVADDR, a[i], &v, &len);
		*sum += v;
	}
	return (now() - t) * 1e9 / n;
}

int
main(void)
{
	const char *path = getenv("MS_BENCH_DUMP");
	char name[96];
	char tmpl[] = "/tmp/bench_read.XXXXXX", dump[128], cmd[512];
	const struct ms_dump_info *info;
	uint64_t *hot, *cold, sum = 0, span, mm_bytes, off;
	size_t chunk = 1 << 20;
	unsigned char *buf;
	double t, hot_ns, cold_ns, raw_hot, raw_cold, ms_mbs, raw_mbs;
	kdump_ctx_t *ctx;
	int generated = 0, rep;

	if (getenv("MS_BENCH_PAGE_OFFSET"))
		PAGE_OFFSET = strtoull(getenv("MS_BENCH_PAGE_OFFSET"), NULL, 0);
	/* make bench: the big dump bench_gen wrote (see bench_run.py) */
	if (!path && getenv("BENCH_BIG") && access(getenv("BENCH_BIG"), R_OK) == 0)
		path = getenv("BENCH_BIG");
	if (!path) {
		if (!mkdtemp(tmpl))
			return 1;
		snprintf(dump, sizeof(dump), "%s/big.vmcore", tmpl);
		snprintf(cmd, sizeof(cmd), "./mmscope gen -q --scenario big -o %s", dump);
		if (system(cmd) != 0) {
			fprintf(stderr, "bench_read: %s failed\n", cmd);
			return 1;
		}
		path = dump;
		generated = 1;
	}
	struct ms_error *err = ms_program_create(&prog);

	if (!err)
		err = ms_dump_open(prog, path);
	if (err) {
		fprintf(stderr, "bench_read: %s\n", err->message);
		return 1;
	}
	info = ms_dump_info(prog);
	span = info->phys_bytes;
	printf("dump %s: %s, %" PRIu64 " MiB RAM\n", path, info->format, span >> 20);

	hot = addresses(PAGE_OFFSET + (1 << 20), 1 << 20, NRAND);	/* 256 pages */
	cold = addresses(PAGE_OFFSET, span, NRAND);
	if (!hot || !cold)
		return 1;
	/* best of three, alternating, so that neither side pays the first touch */
	hot_ns = raw_hot = cold_ns = raw_cold = 1e30;
	for (rep = 0; rep < 3; rep++) {
		double x;

		if ((x = run_ms(hot, NRAND, &sum)) < hot_ns)
			hot_ns = x;
		if ((x = run_kdump(hot, NRAND, &sum)) < raw_hot)
			raw_hot = x;
		ms_dump_cache_flush(prog);
		if ((x = run_ms(cold, NRAND, &sum)) < cold_ns)
			cold_ns = x;
		if ((x = run_kdump(cold, NRAND, &sum)) < raw_cold)
			raw_cold = x;
	}
	printf("random 8-byte reads, 1 MiB span:  ms_readmem %6.1f ns/op   kdump_read %6.1f ns/op"
	       "   (%.1fx)\n", hot_ns, raw_hot, raw_hot / hot_ns);
	printf("random 8-byte reads, all of RAM:  ms_readmem %6.1f ns/op   kdump_read %6.1f ns/op"
	       "   (%.1fx)\n", cold_ns, raw_cold, raw_cold / cold_ns);
	bench_row("random 8-byte reads, 1 MiB span", hot_ns, "ns/op", "kdump_read", raw_hot, NULL);
	snprintf(name, sizeof(name), "random 8-byte reads, %" PRIu64 " MiB of RAM", span >> 20);
	bench_row(name, cold_ns, "ns/op", "kdump_read", raw_cold, NULL);

	/* sequential: a mem_map-sized range, 64 bytes per page */
	mm_bytes = span / 4096 * 64;
	if (mm_bytes < chunk)
		mm_bytes = chunk;
	buf = malloc(chunk);
	ctx = ms_dump_kdump_ctx(prog);
	ms_mbs = raw_mbs = 0;
	for (rep = 0; rep < 5; rep++) {
		t = now();
		for (off = 0; off + chunk <= mm_bytes; off += chunk)
			ms_error_destroy(ms_readmem(prog, PAGE_OFFSET + off, MS_KVADDR, buf, chunk, "bench"));
		t = now() - t;
		if (mm_bytes / t / 1e6 > ms_mbs)
			ms_mbs = mm_bytes / t / 1e6;
		t = now();
		for (off = 0; off + chunk <= mm_bytes; off += chunk) {
			size_t len = chunk;

			kdump_read(ctx, KDUMP_KVADDR, PAGE_OFFSET + off, buf, &len);
		}
		t = now() - t;
		if (mm_bytes / t / 1e6 > raw_mbs)
			raw_mbs = mm_bytes / t / 1e6;
	}
	printf("sequential 1 MiB reads, %" PRIu64 " MiB (mem_map size): ms_readmem %.0f MB/s"
	       "   kdump_read %.0f MB/s\n", mm_bytes >> 20, ms_mbs, raw_mbs);
	printf("(checksum %" PRIx64 ")\n", sum);
	snprintf(name, sizeof(name), "sequential 1 MiB reads of %" PRIu64 " MiB", mm_bytes >> 20);
	bench_row(name, ms_mbs, "MB/s", "kdump_read", raw_mbs, NULL);

	free(buf);
	free(hot);
	free(cold);
	ms_program_destroy(prog);
	if (generated) {
		snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpl);
		if (system(cmd) != 0)
			return 1;
	}
	return 0;
}
