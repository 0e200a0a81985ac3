/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_common.c - see fuzz.h. */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"
#include "tests/fuzz/fuzz.h"

const char *fuzz_env(const char *name)
{
	const char *v = getenv(name);

	if (!v || !*v) {
		fprintf(stderr, "fuzz: set %s (see tests/fuzz/fuzz.h)\n", name);
		exit(2);
	}
	return v;
}

static char workdir[4096];

static void remove_workdir(void)
{
	char cmd[4200];

	if (!workdir[0])
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", workdir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz: could not remove %s\n", workdir);
}

const char *fuzz_workdir(void)
{
	const char *tmp = getenv("TMPDIR");

	if (workdir[0])
		return workdir;
	snprintf(workdir, sizeof(workdir), "%s/mmscope-fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(workdir)) {
		perror("fuzz: mkdtemp");
		exit(2);
	}
	atexit(remove_workdir);
	return workdir;
}

void fuzz_copy(const char *from, const char *to)
{
	char buf[1 << 16];
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ssize_t n;

	if (in < 0 || out < 0) {
		fprintf(stderr, "fuzz: cannot copy %s to %s: %s\n", from, to, strerror(errno));
		exit(2);
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			perror("fuzz: write");
			exit(2);
		}
	close(in);
	if (n < 0 || close(out) < 0) {
		perror("fuzz: copy");
		exit(2);
	}
}

void fuzz_quiet(void)
{
	int fd = open("/dev/null", O_WRONLY);

	fflush(stdout);
	if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0) {
		perror("fuzz: /dev/null");
		exit(2);
	}
	close(fd);
}

struct undo {
	uint64_t off;
	uint8_t len;
	uint8_t bytes[255];
};

struct fuzz_patch {
	struct undo *u;
	size_t n;
	bool truncated;
};

struct fuzz_patch *fuzz_patch_apply(const char *path, uint64_t size, const struct fuzz_region *regions,
				    int nr_regions, const uint8_t *data, size_t len)
{
	struct fuzz_patch *p = calloc(1, sizeof(*p));
	int fd = open(path, O_RDWR);
	size_t i = 0;

	if (!p || fd < 0) {
		perror("fuzz: patch");
		exit(2);
	}
	p->u = calloc(len / 6 + 1, sizeof(*p->u));
	if (!p->u)
		exit(2);
	while (i + 6 <= len) {
		uint8_t kind = data[i] % 7, n = data[i + 5];
		uint64_t off = (uint64_t)data[i + 1] | (uint64_t)data[i + 2] << 8 |
			       (uint64_t)data[i + 3] << 16 | (uint64_t)data[i + 4] << 24;
		uint64_t base = 0, span = size;
		struct undo *u;

		i += 6;
		if (n > len - i)
			n = (uint8_t)(len - i);
		if (kind == 0)
			span = size < 65536 ? size : 65536;
		else if (kind >= 2 && kind <= 5 && kind - 2 < nr_regions && regions[kind - 2].len) {
			base = regions[kind - 2].off;
			span = regions[kind - 2].len;
		} else if (kind == 6) {
			if (!p->truncated && ftruncate(fd, (off_t)(off % size)) == 0) {
				p->truncated = true;
				size = off % size;
			}
			continue;
		}
		if (!size)
			break;
		off = base + off % span;
		if (off >= size)
			off = size - 1;
		if (kind >= 2 && kind <= 5 && base + span > size)
			continue;	/* a region cut off by a truncation */
		if (n > size - off)
			n = (uint8_t)(size - off);
		u = &p->u[p->n++];
		u->off = off;
		u->len = n;
		if (pread(fd, u->bytes, n, (off_t)off) != n || pwrite(fd, data + i, n, (off_t)off) != n) {
			perror("fuzz: patch");
			exit(2);
		}
		i += n;
	}
	close(fd);
	return p;
}

void fuzz_patch_undo(struct fuzz_patch *p, const char *path, const char *pristine)
{
	int fd;

	if (p->truncated) {
		fuzz_copy(pristine, path);
	} else {
		fd = open(path, O_WRONLY);
		if (fd < 0)
			exit(2);
		/* newest first: a byte patched twice gets its first value back */
		while (p->n--) {
			struct undo *u = &p->u[p->n];

			if (pwrite(fd, u->bytes, u->len, (off_t)u->off) != u->len)
				exit(2);
		}
		close(fd);
	}
	free(p->u);
	free(p);
}

void fuzz_check(struct ms_error *err, const char *who)
{
	if (!err)
		return;
	fprintf(stderr, "%s: %s\n", who, err->message);
	exit(2);
}
