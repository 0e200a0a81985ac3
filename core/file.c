/* SPDX-License-Identifier: GPL-2.0-or-later */
/* file.c - opening files for what they are (see file.h). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/file.h"

/*
 * The files opened for reading, by device and inode (a path can be spelt
 * many ways).  Process-wide, as the files are: two programs in one process
 * (mmscope diff) protect each other's.  A session opens a handful.
 */
#define INPUTS_MAX 64
static struct {
	dev_t dev;
	ino_t ino;
} inputs[INPUTS_MAX];
static int nr_inputs;

static void remember_input(const struct stat *st)
{
	for (int i = 0; i < nr_inputs; i++)
		if (inputs[i].dev == st->st_dev && inputs[i].ino == st->st_ino)
			return;
	if (nr_inputs < INPUTS_MAX) {
		inputs[nr_inputs].dev = st->st_dev;
		inputs[nr_inputs].ino = st->st_ino;
		nr_inputs++;
	}
}

bool ms_file_is_input(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return false;
	for (int i = 0; i < nr_inputs; i++)
		if (inputs[i].dev == st.st_dev && inputs[i].ino == st.st_ino)
			return true;
	return false;
}

const char *ms_file_kind(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return "regular file";
	case S_IFDIR: return "directory";
	case S_IFIFO: return "FIFO";
	case S_IFCHR: return "character device";
	case S_IFBLK: return "block device";
	case S_IFSOCK: return "socket";
	case S_IFLNK: return "symbolic link";
	default: return "special file";
	}
}

struct ms_error *ms_open_regular(const char *path, const char *what, bool nonempty, int *fd_ret,
				 uint64_t *size_ret)
{
	struct stat st;
	int fd, e;

	/* O_NONBLOCK: a FIFO's open() would wait for a writer */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		return ms_error_os(e, path, "%s: %s", path, strerror(e));
	}
	if (fstat(fd, &st) < 0) {
		e = errno;
		close(fd);
		return ms_error_os(e, path, "%s: %s", path, strerror(e));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return ms_error_create(MS_ERR_OTHER, "%s: not a regular file (a %s): not a %s", path,
				       ms_file_kind(st.st_mode), what);
	}
	if (nonempty && st.st_size == 0) {
		close(fd);
		/* CORRUPT, as a dump cut short to nothing is */
		return ms_error_prepend(ms_error_corrupt(0, "empty file, not a %s", what), "%s", path);
	}
	if (fcntl(fd, F_SETFL, 0) < 0) {
		e = errno;
		close(fd);
		return ms_error_os(e, path, "%s: %s", path, strerror(e));
	}
	remember_input(&st);
	*fd_ret = fd;
	if (size_ret)
		*size_ret = (uint64_t)st.st_size;
	return NULL;
}
