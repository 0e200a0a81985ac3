// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.c - process identifiers (kernel/pid.c, Linux 4.0, one namespace).
 *
 * Numbers come from the namespace's bitmap, pidmap[]: one page of bits
 * per 32768 pids, each page a kzalloc'ed (kmalloc-4096) object allocated
 * when first needed.  alloc_pidmap() hands out last_pid + 1 when it is
 * free, so pids grow as tasks are created and wrap to RESERVED_PIDS after
 * pid_max, as in the kernel.
 *
 * A struct pid (from the "pid" cache) carries the number; its upid is
 * hashed into pid_hash[pid_hashfn(nr, ns)], a table allocated at boot by
 * alloc_large_system_hash("PID", ..., HASH_EARLY | HASH_SMALL) from
 * bootmem.  Tasks hang off pid->tasks[type] through task->pids[type].
 * Pid 0 is init_struct_pid, shared by the idle tasks and never hashed.
 *
 * Locking: pidmap_lock and tasklist_lock in the kernel; single-threaded
 * here.  RCU-deferred frees happen at once: refmm has no readers in
 * flight.
 */
#include <string.h>

#include <linux/bootmem.h>
#include <linux/gfp.h>
#include <linux/hash.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/slab.h>

struct hlist_head *pid_hash __kdata;
unsigned int pidhash_shift __kdata = 4;
struct pid init_struct_pid __kdata = {
	.count = ATOMIC_INIT(1),
	.level = 0,
	.numbers = { { .nr = 0, .ns = &init_pid_ns, }, },
};

int pid_max __kdata = PID_MAX_DEFAULT;

#define RESERVED_PIDS		300

int pid_max_min __kdata = RESERVED_PIDS + 1;
int pid_max_max __kdata = PID_MAX_LIMIT;

#define PIDNS_HASH_ADDING	(1U << 31)

/*
 * The bitmap pages are allocated on first use and kept: pid_max 32768
 * needs one, PID_MAX_LIMIT would need 128.
 */
struct pid_namespace init_pid_ns __kdata = {
	.kref = { .refcount = { 2 } },
	.pidmap = { [0 ... PIDMAP_ENTRIES - 1] = { { BITS_PER_PAGE }, NULL } },
	.last_pid = 0,
	.nr_hashed = PIDNS_HASH_ADDING,
	.level = 0,
	.child_reaper = &init_task,
	.ns = { .inum = 0xEFFFFFFCU },	/* PROC_PID_INIT_INO */
};

static inline int pid_hashfn(int nr, struct pid_namespace *ns)
{
	return (int)hash_long((unsigned long)nr + (unsigned long)ns,
			      pidhash_shift);
}

/* Bits of a pidmap page (the generic bitops, kept local). */
static inline int pidmap_test_and_set(int nr, unsigned long *map)
{
	unsigned long bit = 1UL << (nr % BITS_PER_LONG);
	int old = !!(map[nr / BITS_PER_LONG] & bit);

	map[nr / BITS_PER_LONG] |= bit;
	return old;
}

static inline int pidmap_test_and_clear(int nr, unsigned long *map)
{
	unsigned long bit = 1UL << (nr % BITS_PER_LONG);
	int old = !!(map[nr / BITS_PER_LONG] & bit);

	map[nr / BITS_PER_LONG] &= ~bit;
	return old;
}

/* The first clear bit at or after @off, or BITS_PER_PAGE. */
static int pidmap_next_zero(const unsigned long *map, int off)
{
	for (; off < (int)BITS_PER_PAGE; off++)
		if (!(map[off / BITS_PER_LONG] & (1UL << (off % BITS_PER_LONG))))
			return off;
	return BITS_PER_PAGE;
}

static void free_pidmap(struct upid *upid)
{
	int nr = upid->nr;
	struct pidmap *map = upid->ns->pidmap + nr / BITS_PER_PAGE;
	int offset = nr & BITS_PER_PAGE_MASK;

	pidmap_test_and_clear(offset, map->page);
	atomic_inc(&map->nr_free);
}

/* Walking the pid space from @base (wrapping), does @a come before @b? */
static int pid_before(int base, int a, int b)
{
	return (unsigned)(a - base) < (unsigned)(b - base);
}

/*
 * Concurrent allocators may both set last_pid; the later pid in walking
 * order must win, or a number could be handed out again at once.
 */
static void set_last_pid(struct pid_namespace *pid_ns, int base, int pid)
{
	int prev = pid_ns->last_pid;

	if (prev == base || !pid_before(base, pid, prev))
		pid_ns->last_pid = pid;
}

static inline int mk_pid(struct pid_namespace *pid_ns, struct pidmap *map,
			 int off)
{
	return (map - pid_ns->pidmap) * BITS_PER_PAGE + off;
}

static int alloc_pidmap(struct pid_namespace *pid_ns)
{
	int i, offset, max_scan, pid, last = pid_ns->last_pid;
	struct pidmap *map;

	pid = last + 1;
	if (pid >= pid_max)
		pid = RESERVED_PIDS;
	offset = pid & BITS_PER_PAGE_MASK;
	map = &pid_ns->pidmap[pid / BITS_PER_PAGE];
	/*
	 * Starting in the middle of a bitmap page, that page is scanned
	 * twice: from last_pid on now, and from its start after the wrap.
	 */
	max_scan = DIV_ROUND_UP(pid_max, BITS_PER_PAGE) - !offset;
	for (i = 0; i <= max_scan; ++i) {
		if (unlikely(!map->page)) {
			void *page = kzalloc(PAGE_SIZE, GFP_KERNEL);

			if (!page)
				break;
			map->page = page;
		}
		if (likely(atomic_read(&map->nr_free))) {
			for ( ; ; ) {
				if (!pidmap_test_and_set(offset, map->page)) {
					atomic_dec(&map->nr_free);
					set_last_pid(pid_ns, last, pid);
					return pid;
				}
				offset = pidmap_next_zero(map->page, offset);
				if (offset >= (int)BITS_PER_PAGE)
					break;
				pid = mk_pid(pid_ns, map, offset);
				if (pid >= pid_max)
					break;
			}
		}
		if (map < &pid_ns->pidmap[(pid_max - 1) / BITS_PER_PAGE]) {
			++map;
			offset = 0;
		} else {
			map = &pid_ns->pidmap[0];
			offset = RESERVED_PIDS;
			if (unlikely(last == offset))
				break;
		}
		pid = mk_pid(pid_ns, map, offset);
	}
	return -1;
}

void put_pid(struct pid *pid)
{
	struct pid_namespace *ns;

	if (!pid)
		return;

	ns = pid->numbers[pid->level].ns;
	if (atomic_dec_and_test(&pid->count))
		kmem_cache_free(ns->pid_cachep, pid);
}

void free_pid(struct pid *pid)
{
	int i;

	for (i = 0; i <= (int)pid->level; i++) {
		struct upid *upid = pid->numbers + i;
		struct pid_namespace *ns = upid->ns;

		hlist_del_rcu(&upid->pid_chain);
		ns->nr_hashed--;
	}

	for (i = 0; i <= (int)pid->level; i++)
		free_pidmap(pid->numbers + i);

	/* call_rcu(&pid->rcu, delayed_put_pid): no readers, so now */
	put_pid(pid);
}

struct pid *alloc_pid(struct pid_namespace *ns)
{
	struct pid *pid;
	enum pid_type type;
	int i, nr;
	struct pid_namespace *tmp;
	struct upid *upid;

	pid = kmem_cache_alloc(ns->pid_cachep, GFP_KERNEL);
	if (!pid)
		return NULL;

	tmp = ns;
	pid->level = ns->level;
	for (i = ns->level; i >= 0; i--) {
		nr = alloc_pidmap(tmp);
		if (nr < 0)
			goto out_free;

		pid->numbers[i].nr = nr;
		pid->numbers[i].ns = tmp;
		tmp = tmp->parent;
	}

	atomic_set(&pid->count, 1);
	for (type = 0; type < PIDTYPE_MAX; ++type)
		INIT_HLIST_HEAD(&pid->tasks[type]);

	upid = pid->numbers + ns->level;
	for ( ; upid >= pid->numbers; --upid) {
		hlist_add_head_rcu(&upid->pid_chain,
				   &pid_hash[pid_hashfn(upid->nr, upid->ns)]);
		upid->ns->nr_hashed++;
	}
	return pid;

out_free:
	while (++i <= (int)ns->level)
		free_pidmap(pid->numbers + i);

	kmem_cache_free(ns->pid_cachep, pid);
	return NULL;
}

struct pid *find_pid_ns(int nr, struct pid_namespace *ns)
{
	struct upid *pnr;

	if (!pid_hash)	/* a boot without tasks (refmm_config.boot_tasks) */
		return NULL;
	hlist_for_each_entry(pnr, &pid_hash[pid_hashfn(nr, ns)], pid_chain)
		if (pnr->nr == nr && pnr->ns == ns)
			return container_of(pnr, struct pid,
					    numbers[ns->level]);

	return NULL;
}

struct pid *find_vpid(int nr)
{
	return find_pid_ns(nr, &init_pid_ns);
}

/* Link @task on its pid's list of tasks of @type (tasklist_lock held). */
void attach_pid(struct task_struct *task, enum pid_type type)
{
	struct pid_link *link = &task->pids[type];

	hlist_add_head_rcu(&link->node, &link->pid->tasks[type]);
}

static void __change_pid(struct task_struct *task, enum pid_type type,
			 struct pid *new)
{
	struct pid_link *link;
	struct pid *pid;
	int tmp;

	link = &task->pids[type];
	pid = link->pid;

	hlist_del_rcu(&link->node);
	link->pid = new;

	for (tmp = PIDTYPE_MAX; --tmp >= 0; )
		if (!hlist_empty(&pid->tasks[tmp]))
			return;

	free_pid(pid);
}

void detach_pid(struct task_struct *task, enum pid_type type)
{
	__change_pid(task, type, NULL);
}

void change_pid(struct task_struct *task, enum pid_type type,
		struct pid *pid)
{
	__change_pid(task, type, pid);
	attach_pid(task, type);
}

struct task_struct *pid_task(struct pid *pid, enum pid_type type)
{
	struct task_struct *result = NULL;

	if (pid) {
		struct hlist_node *first;

		first = pid->tasks[type].first;
		if (first)
			result = hlist_entry(first, struct task_struct,
					     pids[(type)].node);
	}
	return result;
}

/* The task with pid @nr, or NULL (rcu_read_lock() in the kernel). */
struct task_struct *find_task_by_vpid(int nr)
{
	return pid_task(find_vpid(nr), PIDTYPE_PID);
}

/* The pid hash grows with memory: 16 buckets at least, 4096 at most. */
void __init pidhash_init(void)
{
	unsigned int i, pidhash_size;

	pid_hash = alloc_large_system_hash("PID", sizeof(*pid_hash), 0, 18,
					   HASH_EARLY | HASH_SMALL,
					   &pidhash_shift, NULL,
					   0, 4096);
	pidhash_size = 1U << pidhash_shift;

	for (i = 0; i < pidhash_size; i++)
		INIT_HLIST_HEAD(&pid_hash[i]);
}

void __init pidmap_init(void)
{
	BUILD_BUG_ON(PID_MAX_LIMIT >= PIDNS_HASH_ADDING);

	/* more cpus, more tasks: both limits grow with nr_cpu_ids */
	pid_max = min(pid_max_max, max_t(int, pid_max,
				32 * nr_cpu_ids));
	pid_max_min = max_t(int, pid_max_min,
				4 * nr_cpu_ids);
	pr_info("pid_max: default: %u minimum: %u\n", pid_max, pid_max_min);

	init_pid_ns.pidmap[0].page = kzalloc(PAGE_SIZE, GFP_KERNEL);
	/* pid 0 is the idle tasks' and never freed */
	pidmap_test_and_set(0, init_pid_ns.pidmap[0].page);
	atomic_dec(&init_pid_ns.pidmap[0].nr_free);

	init_pid_ns.pid_cachep = KMEM_CACHE(pid,
			SLAB_HWCACHE_ALIGN | SLAB_PANIC);
}
