// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kdcmp - compare two dumps page by page through libkdumpfile.
 *
 *   kdcmp A B
 *
 * Reads every page frame below the larger max_pfn of the two by physical
 * address (KDUMP_MACHPHYSADDR, native in both formats) and prints
 *
 *   same N differ N only-a N only-b N neither N
 *
 * where "only-a" counts pages A has and B does not (excluded or absent),
 * then up to 10 "differ PFN" lines.  It is the tests' independent reader:
 * libkdumpfile decompresses what refmm or makedumpfile wrote.  Exit 0
 * unless a dump cannot be opened (2).
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libkdumpfile/kdumpfile.h>

#define PAGE 4096

static kdump_ctx_t *open_dump(const char *path, kdump_num_t *max_pfn)
{
	kdump_ctx_t *ctx = kdump_new();
	int fd = open(path, O_RDONLY);

	if (!ctx || fd < 0 || kdump_open_fd(ctx, fd) != KDUMP_OK) {
		fprintf(stderr, "kdcmp: %s: %s\n", path,
			fd < 0 ? "cannot open" : ctx ? kdump_get_err(ctx) : "kdump_new");
		return NULL;
	}
	kdump_set_number_attr(ctx, "cache.size", 16);
	if (kdump_get_number_attr(ctx, "max_pfn", max_pfn) != KDUMP_OK)
		*max_pfn = 0;
	return ctx;
}

static int read_page(kdump_ctx_t *ctx, uint64_t pfn, unsigned char *buf)
{
	size_t len = PAGE;

	return kdump_read(ctx, KDUMP_MACHPHYSADDR, pfn * PAGE, buf, &len) == KDUMP_OK &&
	       len == PAGE;
}

int main(int argc, char **argv)
{
	static unsigned char a[PAGE], b[PAGE];
	uint64_t same = 0, differ = 0, only_a = 0, only_b = 0, neither = 0;
	uint64_t diffs[10];
	kdump_num_t max_a, max_b, max;
	kdump_ctx_t *ca, *cb;

	if (argc != 3) {
		fprintf(stderr, "usage: kdcmp A B\n");
		return 2;
	}
	ca = open_dump(argv[1], &max_a);
	cb = open_dump(argv[2], &max_b);
	if (!ca || !cb)
		return 2;
	max = max_a > max_b ? max_a : max_b;
	for (uint64_t pfn = 0; pfn < max; pfn++) {
		int ha = read_page(ca, pfn, a), hb = read_page(cb, pfn, b);

		if (ha && hb) {
			if (memcmp(a, b, PAGE)) {
				if (differ < 10)
					diffs[differ] = pfn;
				differ++;
			} else {
				same++;
			}
		} else if (ha) {
			only_a++;
		} else if (hb) {
			only_b++;
		} else {
			neither++;
		}
	}
	printf("same %" PRIu64 " differ %" PRIu64 " only-a %" PRIu64 " only-b %" PRIu64
	       " neither %" PRIu64 "\n", same, differ, only_a, only_b, neither);
	for (uint64_t i = 0; i < differ && i < 10; i++)
		printf("differ %#" PRIx64 "\n", diffs[i]);
	kdump_free(ca);
	kdump_free(cb);
	return 0;
}
