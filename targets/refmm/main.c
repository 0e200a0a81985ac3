// SPDX-License-Identifier: GPL-2.0-only
/*
 * main.c - the second half of the boot (init/main.c, Linux 4.0,
 * condensed): what start_kernel() does after the memory manager is up,
 * rest_init()'s first threads, and kernel_init()'s initcalls, mounts and
 * the start of init.
 *
 *   start_kernel_late()   the scheduler (idle task 0), vmalloc, the
 *                          clock, the HPET mapping, pid numbers, rmap,
 *                          fork's caches, buffers, the VFS caches and
 *                          their hash tables, the radix tree nodes;
 *   rest_init()           pid 1 (kernel_init) and pid 2 (kthreadd);
 *   kernel_init()         the other CPUs' idle tasks and per-CPU threads
 *                          (smp_init()), the kernel threads of the
 *                          initcalls (kswapd0 ...), the network hashes,
 *                          the root file system on sda1 and devtmpfs on
 *                          /dev, then pid 1 execs /usr/lib/systemd/systemd.
 *
 * Where refmm departs from 4.0: the threads run no code (see kthread.c);
 * the order is the kernel's but the initcalls are only those that leave
 * something a memory dump shows.  After the boot every CPU runs its idle
 * task and every other task sleeps.
 */
#include <stdio.h>
#include <string.h>

#include <linux/bootmem.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/radix-tree.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/vmalloc.h>
#include <linux/fs.h>
#include <refmm/machine.h>
#include <refmm/utsname.h>

#include "sched.h"

void sched_clock_init(void);

/* the root device: sda1 on sda */
struct block_device *refmm_root_bdev __kdata;
static struct block_device *refmm_disk_bdev __kdata;

/* ---- net/ipv4: tcp_init() and udp_table_init(), their hash tables ---- */

struct inet_hashinfo_refmm {
	void *ehash;
	unsigned int ehash_mask;
	void *bhash;
	unsigned int bhash_size;
};
static struct inet_hashinfo_refmm tcp_hashinfo __kdata;

struct udp_table_refmm {
	void *hash;
	unsigned int mask;
	unsigned int log;
};
static struct udp_table_refmm udp_table __kdata;
static struct udp_table_refmm udplite_table __kdata;

static void tcp_init_hashes(void)
{
	unsigned long limit;
	int max_rshift;

	tcp_hashinfo.ehash =
		alloc_large_system_hash("TCP established",
					8, /* struct inet_ehash_bucket */
					0,
					(totalram_pages >= 128 * 1024) ? 13 : 15,
					0,
					NULL,
					&tcp_hashinfo.ehash_mask,
					0,
					512 * 1024);
	tcp_hashinfo.bhash =
		alloc_large_system_hash("TCP bind",
					16, /* struct inet_bind_hashbucket */
					tcp_hashinfo.ehash_mask + 1,
					17, /* one slot per 128 KB of memory */
					0,
					&tcp_hashinfo.bhash_size,
					NULL,
					0,
					64 * 1024);
	tcp_hashinfo.bhash_size = 1U << tcp_hashinfo.bhash_size;
	limit = totalram_pages / 16;
	max_rshift = (int)ilog2(limit > 1 ? limit : 2);
	(void)max_rshift;
	pr_info("TCP: Hash tables configured (established %u bind %u)\n",
		tcp_hashinfo.ehash_mask + 1, tcp_hashinfo.bhash_size);
}

static void udp_table_init(struct udp_table_refmm *table, const char *name)
{
	table->hash = alloc_large_system_hash(name,
					      2 * 16, /* struct udp_hslot */
					      0,
					      21, /* one slot per 2 MB */
					      0,
					      &table->log,
					      &table->mask,
					      256, /* UDP_HTABLE_SIZE_MIN */
					      64 * 1024);
}

/* ---- start_kernel() after mm_init's first part ---- */

/*
 * vfs_caches_init(): the dentry and inode caches (and their hashes),
 * files, mounts, block devices.
 */
void __init vfs_caches_init(unsigned long mempages)
{
	dcache_init();
	inode_init();
	files_init(mempages);
	mnt_init();
	bdev_cache_init();
}

void __init start_kernel_late(void)
{
	/* memmap_init_zone() keeps the highest pfn with a struct page */
	highest_memmap_pfn = max_pfn - 1;

	/* mm_init() */
	vmalloc_init();

	/*
	 * the scheduler before anything could be scheduled (the timer
	 * interrupt in the kernel); the topology comes later
	 */
	sched_init();
	radix_tree_init();
	/* time_init(): the clock runs, the HPET is mapped */
	sched_clock_init();
	hpet_enable();
}

void __init start_kernel_rest(void)
{
	pidmap_init();
	anon_vma_init();
	fork_init(totalram_pages);
	proc_caches_init();
	buffer_init();
	vfs_caches_init(totalram_pages);
}

/* ---- rest_init(), kernel_init() ---- */

static struct task_struct *kernel_thread_refmm(struct task_struct *parent,
					       const char *comm)
{
	struct task_struct *p;
	long pid;

	pid = do_fork(CLONE_FS | CLONE_FILES | CLONE_VM | SIGCHLD, parent, &p);
	if (pid < 0)
		panic("cannot create %s: %ld", comm ? comm : "init", pid);
	if (comm)
		set_task_comm(p, comm);
	return p;
}

/* smp_init(): bring up the other CPUs and their per-CPU threads */
static void __init smp_init(void)
{
	int cpu;

	pr_info("x86: Booting SMP configuration:\n");
	for_each_possible_cpu(cpu) {
		if (cpu == 0)
			continue;
		if (IS_ERR(fork_idle(cpu)))
			panic("cannot boot cpu %d", cpu);
		kthread_create_on_cpu("watchdog/%d", cpu, cpu);
		kthread_create_on_cpu("migration/%d", cpu, cpu);
		kthread_create_on_cpu("ksoftirqd/%d", cpu, cpu);
		kthread_create_on_cpu("kworker/%d:0", cpu, cpu);
		kthread_create_on_cpu("kworker/%d:0H", cpu, cpu);
	}
	pr_info("x86: Booted up %d node%s, %d CPUs\n", nr_online_nodes,
		nr_online_nodes > 1 ? "s" : "", nr_cpu_ids);
}

/* prepare_namespace(): the root file system and devtmpfs */
static void __init mount_root(void)
{
	struct vfsmount *root, *dev;
	struct path path;
	pgoff_t i;

	refmm_disk_bdev = bdget(MKDEV(8, 0));
	refmm_root_bdev = bdget(MKDEV(8, 1));
	if (!refmm_disk_bdev || !refmm_root_bdev)
		panic("VFS: Cannot open root device \"sda1\"");
	/* the partition table, read when the disk appears */
	refmm_bread_page(refmm_disk_bdev, 0);

	root = vfs_kern_mount_refmm(&refmm_ext4_fs_type, "/dev/sda1",
				    refmm_root_bdev);
	if (!root)
		panic("VFS: Unable to mount root fs on sda1");
	refmm_root_mount = real_mount(root);
	INIT_LIST_HEAD(&refmm_root_mount->mnt_list);
	/* ext4_fill_super(): super block, group descriptors, bitmaps */
	for (i = 0; i < 24; i++)
		refmm_bread_page(refmm_root_bdev, i);
	pr_info("EXT4-fs (sda1): mounted filesystem with ordered data mode. Opts: (null)\n");
	pr_info("VFS: Mounted root (ext4 filesystem) readonly on device 8:1.\n");

	if (kern_path_refmm("/dev", 1, S_IFDIR | 0755, 0, &path))
		panic("cannot make /dev");
	dev = vfs_kern_mount_refmm(&refmm_devtmpfs_fs_type, "devtmpfs", NULL);
	if (!dev)
		panic("cannot mount devtmpfs");
	do_add_mount_refmm(real_mount(dev), &path);
	pr_info("devtmpfs: mounted\n");
	/* the devices user space maps */
	if (kern_path_refmm("/dev/zero", 1, S_IFCHR | 0666, 0, &path))
		panic("cannot make /dev/zero");
}

static void __init kernel_init(struct task_struct *init)
{
	static const char *const argv[] = { "/usr/lib/systemd/systemd",
					    "--switched-root", "--system",
					    "--deserialize", "21", NULL };
	static const char *const envp[] = { "HOME=/", "TERM=linux",
					    "BOOT_IMAGE=/vmlinuz-4.0.0-refmm",
					    NULL };
	struct task_struct *t;
	int ret;

	/* kernel_init_freeable(): early initcalls */
	kthread_create_on_cpu("ksoftirqd/%d", 0, 0);
	kthread_create_on_cpu("kworker/%d:0", 0, 0);
	kthread_create_on_cpu("kworker/%d:0H", 0, 0);
	kthread_create("kworker/u%d:0", 2 * nr_cpu_ids);
	kthread_create("rcu_sched");
	kthread_create("rcu_bh");
	kthread_create_on_cpu("migration/%d", 0, 0);
	kthread_create_on_cpu("watchdog/%d", 0, 0);

	smp_init();

	/* do_basic_setup(): the initcalls */
	kthread_create("khelper");
	kthread_create("kdevtmpfs");
	kthread_create("netns");
	kthread_create("perf");
	kthread_create("khungtaskd");
	kthread_create("writeback");
	kthread_create("ksmd");
	kthread_create("khugepaged");
	kthread_create("crypto");
	kthread_create("kintegrityd");
	kthread_create("bioset");
	kthread_create("kblockd");
	kthread_create("ata_sff");
	kthread_create("md");
	kthread_create("devfreq_wq");
	kswapd_init();
	kthread_create("fsnotify_mark");
	kthread_create("kthrotld");
	tcp_init_hashes();
	udp_table_init(&udp_table, "UDP");
	udp_table_init(&udplite_table, "UDP-Lite");
	t = kthread_create("scsi_eh_%d", 0);
	(void)t;
	kthread_create("scsi_tmf_%d", 0);
	kthread_create("kworker/u%d:1", 2 * nr_cpu_ids);
	kthread_create("kauditd");
	kthread_create("deferwq");

	mount_root();
	pr_info("Freeing unused kernel memory: 1420K\n");

	/* run_init_process(): pid 1 becomes init, on CPU 0 */
	refmm_switch_to(init, 0);
	ret = refmm_execve(argv[0], argv, envp, NULL);
	if (ret)
		panic("No working init found.  Try passing init= option to kernel. See Linux Documentation/init.txt for guidance. (%d)",
		      ret);
	pr_info("systemd[1]: systemd 219 running in system mode.\n");
	kthread_create_on_cpu("kworker/%d:1", 0, 0);
	refmm_task_sleep(init, TASK_INTERRUPTIBLE);
}

void __init rest_init(void)
{
	struct task_struct *init;

	/*
	 * init first, so that it gets pid 1; it must not run before
	 * kthreadd exists (it would create kernel threads)
	 */
	init = kernel_thread_refmm(&init_task, NULL);
	kthreadd_task = kernel_thread_refmm(&init_task, "kthreadd");
	refmm_task_sleep(kthreadd_task, TASK_INTERRUPTIBLE);
	kernel_init(init);
}
