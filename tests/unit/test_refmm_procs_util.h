/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_refmm_procs_util.h - what the process tests share: running tasks
 * as a workload step does, and snapshots of the memory a run may take,
 * counted so that two moments compare exactly.
 */
#ifndef TEST_REFMM_PROCS_UTIL_H
#define TEST_REFMM_PROCS_UTIL_H

struct task_struct;

/** Boot the default machine (256 MiB, 4 cpus) with tasks, console quiet. */
int boot_with_tasks(void);
/** The allocated objects of the cache named @name (its census). */
unsigned long cache_objects(const char *name);
/** kmem_cache_shrink() every cache: only slabs of live objects remain. */
void shrink_all_caches(void);

/** Act as @t, running it on @cpu (refmm_current_cpu follows). */
void run_on(struct task_struct *t, int cpu);
/** init (pid 1); fails the test when there is none. */
struct task_struct *init_proc(void);
/** fork() of @parent and execve() of @exe by the child, on @cpu. */
struct task_struct *spawn(struct task_struct *parent, const char *exe, int cpu);
/** exit_group() of @t's process and its parent's wait(). */
void kill_and_reap(struct task_struct *t);
/**
 * Every cpu back to its idle task, which lazily keeps init's mm (so that
 * no exited mm lingers as an idle task's active_mm).
 */
void settle(void);

#define SNAP_MAX_CACHES 256

/*
 * The free pages (buddy lists, pcp lists drained), the anonymous,
 * page-table and mapped-file counters, the pages on the anonymous LRU
 * lists, and every cache's allocated objects after kmem_cache_shrink()
 * (so that only slabs of live objects remain).
 */
struct snap {
	unsigned long free, anon, pagetable, mapped, lru_anon;
	unsigned int ncaches;
	struct {
		const char *name;
		unsigned long objs;
	} caches[SNAP_MAX_CACHES];
};

void take_snap(struct snap *s);
/** Fail, naming what differs, unless @now is @then. */
void assert_same_snap(const struct snap *then, const struct snap *now);

#endif /* TEST_REFMM_PROCS_UTIL_H */
