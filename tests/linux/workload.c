/*
 * workload - a long-lived process of the mmscope test guest
 * (tests/linux/make-dump.sh links it statically into the initramfs).
 *
 *   workload NAME HEAP_KB ANON_KB SHARED_FILE [THREADS] [fork]
 *
 * Builds a known set of mappings, touches every page so that they are all
 * backed, writes /tmp/ready.NAME and then sleeps forever at the bottom of a
 * recursion (so its stack pages stay in use):
 *   - HEAP_KB of small malloc()s, kept in the brk heap ([heap]);
 *   - ANON_KB of private anonymous memory whose middle third is made
 *     read-only, so that one mmap() becomes three VMAs;
 *   - one PROT_NONE guard page;
 *   - SHARED_FILE (on tmpfs) mapped shared and written to;
 *   - /bin/busybox mapped private read-only (file pages of the rootfs);
 *   - THREADS threads, each with its own mmap()ed stack;
 *   - with "fork", a child made after all of the above, which shares the
 *     parent's anonymous pages copy-on-write.
 * The guest's /init prints /proc/PID/maps of every process before the
 * panic: that, not this list, is the tests' oracle.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <malloc.h>

#define PAGE 4096UL
#define STACK_DEPTH 16		/* frames of about 4 KiB each */

static void die(const char *what)
{
	fprintf(stderr, "workload: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void touch(volatile char *p, size_t len, char c)
{
	for (size_t i = 0; i < len; i += PAGE)
		p[i] = c;
}

static volatile sig_atomic_t stop;	/* never set: sleep until killed */

static void sleep_forever(void)
{
	while (!stop)
		pause();
}

static void *thread_main(void *arg)
{
	(void)arg;
	sleep_forever();
	return NULL;
}

/* Each frame keeps a page-sized buffer live, so the stack really grows. */
static void deep_sleep(int depth)
{
	volatile char frame[PAGE - 256];

	frame[0] = (char)depth;
	frame[sizeof(frame) - 1] = (char)depth;
	if (depth > 0)
		deep_sleep(depth - 1);
	else
		sleep_forever();
	frame[1] = frame[0];	/* not a tail call: the frame stays */
}

static void map_shared_file(const char *path)
{
	size_t len = 64 * PAGE;
	int fd = open(path, O_RDWR | O_CREAT, 0644);
	char *p;

	if (fd < 0)
		die(path);
	if (ftruncate(fd, len) < 0)
		die("ftruncate");
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		die("mmap shared");
	touch(p, len, 's');
	close(fd);
}

static void map_private_file(const char *path)
{
	struct stat st;
	volatile char *p;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) < 0)
		die(path);
	p = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		die("mmap private");
	for (off_t i = 0; i < st.st_size; i += PAGE)
		(void)p[i];
	close(fd);
}

int main(int argc, char **argv)
{
	const char *name;
	size_t heap_kb, anon_len, third;
	int nthreads = 0, do_fork = 0;
	char *anon, ready[256];

	if (argc < 5) {
		fprintf(stderr, "usage: workload NAME HEAP_KB ANON_KB SHARED_FILE [THREADS] [fork]\n");
		return 2;
	}
	name = argv[1];
	heap_kb = strtoul(argv[2], NULL, 10);
	anon_len = strtoul(argv[3], NULL, 10) * 1024;
	if (argc > 5)
		nthreads = atoi(argv[5]);
	if (argc > 6)
		do_fork = !strcmp(argv[6], "fork");

	/* small chunks from brk: keep glibc from switching to mmap */
	mallopt(M_MMAP_THRESHOLD, 1 << 30);
	for (size_t i = 0; i < heap_kb / 4; i++)
		touch(malloc(4000), 4000, 'h');

	third = anon_len / 3 & ~(PAGE - 1);
	anon = mmap(NULL, anon_len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (anon == MAP_FAILED)
		die("mmap anon");
	touch(anon, anon_len, 'a');
	if (third && mprotect(anon + third, third, PROT_READ) < 0)
		die("mprotect");
	if (mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
	    MAP_FAILED)
		die("mmap guard");

	map_shared_file(argv[4]);
	map_private_file("/bin/busybox");

	for (int i = 0; i < nthreads; i++) {
		pthread_t t;

		if (pthread_create(&t, NULL, thread_main, NULL))
			die("pthread_create");
	}
	if (do_fork) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0)
			deep_sleep(STACK_DEPTH);
	}

	snprintf(ready, sizeof(ready), "/tmp/ready.%s", name);
	if (close(open(ready, O_WRONLY | O_CREAT, 0644)) < 0)
		die(ready);
	deep_sleep(STACK_DEPTH);
	return 0;
}
