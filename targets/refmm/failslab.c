// SPDX-License-Identifier: GPL-2.0-only
/*
 * failslab.c - fault injection for the slab allocator (mm/failslab.c
 * with the parts of lib/fault-inject.c it uses; CONFIG_FAILSLAB).
 *
 * slab_alloc() asks should_failslab() before it allocates; when the
 * fault attributes say so, the allocation fails as if memory had run
 * out.  This is how a workload puts mempools under allocation failure:
 * with ignore_gfp_wait (the default) only allocations that may not sleep
 * fail, which is exactly the first, non-blocking attempt mempool_alloc()
 * makes before it dips into its reserve.
 *
 * The kernel sets the attributes through debugfs and draws its chances
 * from prandom_u32(); refmm sets them with refmm_failslab_setup() and
 * draws from a generator seeded there, so a run is reproducible.  The
 * attributes live in the image, as the kernel's do.
 */
#include <linux/gfp.h>
#include <linux/slab.h>
#include <refmm/slab.h>

#include "slab.h"

struct fault_attr {
	unsigned long probability;	/* percent */
	unsigned long interval;
	atomic_t times;			/* -1: no limit */
	atomic_t space;
	unsigned long count;
	u64 prandom_state;
};

static struct {
	struct fault_attr attr;
	bool ignore_gfp_wait;
	bool cache_filter;
} failslab __kdata = {
	.attr = { .times = ATOMIC_INIT(1), .interval = 1 },
	.ignore_gfp_wait = true,
	.cache_filter = false,
};

/* splitmix64: the same draws for the same seed on every host. */
static u32 prandom_u32(struct fault_attr *attr)
{
	u64 z = (attr->prandom_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (u32)((z ^ (z >> 31)) >> 32);
}

/*
 * This code is stolen from failmalloc-1.0
 * http://www.nongnu.org/failmalloc/
 */
static bool should_fail(struct fault_attr *attr, long size)
{
	/* No need to check any other properties if the probability is 0 */
	if (attr->probability == 0)
		return false;

	if (atomic_read(&attr->times) == 0)
		return false;

	if (atomic_read(&attr->space) > size) {
		atomic_sub((int)size, &attr->space);
		return false;
	}

	if (attr->interval > 1) {
		attr->count++;
		if (attr->count % attr->interval)
			return false;
	}

	if (attr->probability <= prandom_u32(attr) % 100)
		return false;

	if (atomic_read(&attr->times) != -1)
		atomic_dec(&attr->times);

	return true;
}

bool should_failslab(size_t size, gfp_t gfpflags, unsigned long cache_flags)
{
	if (gfpflags & __GFP_NOFAIL)
		return false;

	if (failslab.ignore_gfp_wait && (gfpflags & __GFP_WAIT))
		return false;

	if (failslab.cache_filter && !(cache_flags & SLAB_FAILSLAB))
		return false;

	return should_fail(&failslab.attr, (long)size);
}

void refmm_failslab_setup(const struct refmm_failslab *fs)
{
	failslab.attr.probability = fs->probability;
	failslab.attr.interval = fs->interval ? fs->interval : 1;
	atomic_set(&failslab.attr.times, fs->times);
	atomic_set(&failslab.attr.space, 0);
	failslab.attr.count = 0;
	failslab.attr.prandom_state = fs->seed;
	failslab.ignore_gfp_wait = fs->ignore_gfp_wait;
	failslab.cache_filter = fs->cache_filter;
}
