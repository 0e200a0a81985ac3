/* SPDX-License-Identifier: GPL-2.0-only */
/* test_refmm_procs_util.c - see test_refmm_procs_util.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <refmm/machine.h>
#include <refmm/slab.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmstat.h>

#include "slab.h"
#include "test_refmm_procs_util.h"

static const char *const envp[] = { "PATH=/usr/bin", NULL };

int boot_with_tasks(void)
{
	struct refmm_config cfg;

	console_loglevel = 0;
	refmm_default_config(&cfg);
	cfg.boot_tasks = 1;
	return refmm_boot(&cfg);
}

static unsigned long census_objects(struct kmem_cache *c)
{
	struct refmm_cache_census census;
	char err[256];

	if (refmm_slab_census(c, &census, NULL, NULL, err, sizeof(err)))
		fail_msg("census of %s: %s", c->name, err);
	return census.active_objs;
}

unsigned long cache_objects(const char *name)
{
	struct kmem_cache *c;

	list_for_each_entry(c, &slab_caches, list)
		if (!strcmp(c->name, name))
			return census_objects(c);
	fail_msg("no cache %s", name);
	return 0;
}

void shrink_all_caches(void)
{
	struct kmem_cache *c;

	list_for_each_entry(c, &slab_caches, list)
		kmem_cache_shrink(c);
}

void run_on(struct task_struct *t, int cpu)
{
	refmm_current_cpu = cpu;
	refmm_switch_to(t, cpu);
}

struct task_struct *init_proc(void)
{
	struct task_struct *t = find_task_by_vpid(1);

	assert_non_null(t);
	return t;
}

struct task_struct *spawn(struct task_struct *parent, const char *exe, int cpu)
{
	const char *argv[] = { exe, NULL };
	struct task_struct *child;
	long pid;

	run_on(parent, cpu);
	pid = do_fork(SIGCHLD, parent, &child);
	assert_true(pid > 1);
	assert_ptr_equal(find_task_by_vpid((int)pid), child);
	run_on(child, cpu);
	assert_int_equal(refmm_execve(exe, argv, envp, NULL), 0);
	return child;
}

void kill_and_reap(struct task_struct *t)
{
	struct task_struct *th, *next;

	for (th = next_thread(t); th != t; th = next) {
		next = next_thread(th);
		do_exit(th, 0);
	}
	do_exit(t, 0);
	if (t->exit_state == EXIT_ZOMBIE)
		release_task(t);
}

void settle(void)
{
	struct task_struct *init = init_proc();
	int cpu;

	for (cpu = 0; cpu < refmm_nr_cpus(); cpu++) {
		run_on(init, cpu);
		refmm_task_sleep(init, TASK_INTERRUPTIBLE);
	}
}

/* Pages in the buddy lists, counted from the lists, not the counters. */
static unsigned long buddy_free_pages(void)
{
	struct zone *zone;
	unsigned long n = 0;

	drain_all_pages(NULL);
	for_each_populated_zone(zone) {
		unsigned int order;

		for (order = 0; order < MAX_ORDER; order++) {
			int mt;

			for (mt = 0; mt < MIGRATE_TYPES; mt++) {
				struct list_head *p;

				list_for_each(p, &zone->free_area[order].free_list[mt])
					n += 1UL << order;
			}
		}
	}
	return n;
}

void take_snap(struct snap *s)
{
	struct kmem_cache *c;
	struct zone *zone;

	memset(s, 0, sizeof(*s));
	shrink_all_caches();
	s->free = buddy_free_pages();
	s->anon = global_page_state(NR_ANON_PAGES);
	s->pagetable = global_page_state(NR_PAGETABLE);
	s->mapped = global_page_state(NR_FILE_MAPPED);
	for_each_populated_zone(zone) {
		struct list_head *p;

		list_for_each(p, &zone->lruvec.lists[LRU_ACTIVE_ANON])
			s->lru_anon++;
		list_for_each(p, &zone->lruvec.lists[LRU_INACTIVE_ANON])
			s->lru_anon++;
	}
	list_for_each_entry(c, &slab_caches, list) {
		assert_true(s->ncaches < SNAP_MAX_CACHES);
		s->caches[s->ncaches].name = c->name;
		s->caches[s->ncaches].objs = census_objects(c);
		s->ncaches++;
	}
}

void assert_same_snap(const struct snap *a, const struct snap *b)
{
	unsigned int i;

	assert_int_equal(b->ncaches, a->ncaches);
	for (i = 0; i < a->ncaches; i++)
		if (a->caches[i].objs != b->caches[i].objs)
			fail_msg("%s: %lu objects, %lu before", a->caches[i].name,
				 b->caches[i].objs, a->caches[i].objs);
	if (b->free != a->free)
		fail_msg("%lu free pages, %lu before", b->free, a->free);
	assert_int_equal(b->anon, a->anon);
	assert_int_equal(b->pagetable, a->pagetable);
	assert_int_equal(b->mapped, a->mapped);
	assert_int_equal(b->lru_anon, a->lru_anon);
}
