// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmcore.c - atomic files and the ELF vmcore writer.
 *
 * The ELF file is what a kdump kernel reads from /proc/vmcore:
 *
 *   Elf64_Ehdr  ET_CORE, EM_X86_64
 *   Elf64_Phdr  PT_NOTE, PT_LOAD (image), PT_LOAD (RAM range) ...
 *   notes       "CORE"/NT_PRSTATUS per cpu, "VMCOREINFO"/0
 *   data        page-aligned; all-zero pages are holes (sparse file)
 *
 * As in a real vmcore the image has its own PT_LOAD at its link address
 * (kexec-tools' kernel-text segment) overlapping the RAM segment that holds
 * the same physical pages.
 */
#include <elf.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "refmm/vmcore.h"

/*
 * renameat2(2) (Linux 3.15) swaps two names atomically.  glibc declares it
 * only with _GNU_SOURCE, which would pull the system's <linux/stat.h> into
 * refmm's own <linux/types.h>: call it directly.
 */
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static int rename_exchange(const char *a, const char *b)
{
	return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
}

/* malloc()ed "@a@b", or NULL */
static char *str_cat(const char *a, const char *b)
{
	char *s = malloc(strlen(a) + strlen(b) + 1);

	if (s) {
		strcpy(s, a);
		strcat(s, b);
	}
	return s;
}

/* lseek(2) whence values, Linux 3.1+ (not exposed without _GNU_SOURCE). */
#ifndef SEEK_DATA
#define SEEK_DATA 3
#define SEEK_HOLE 4
#endif

#define VMCORE_PAGE	4096ULL

static void seterr(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------------ */
/* atomic files                                                        */

/* Temporary names a signal handler must remove (async-signal-safe unlink). */
#define AFILE_SLOTS 8
static char *volatile afile_pending[AFILE_SLOTS];

static void afile_track(char *tmp)
{
	for (int i = 0; i < AFILE_SLOTS; i++)
		if (!afile_pending[i]) {
			afile_pending[i] = tmp;
			return;
		}
}

static void afile_untrack(char *tmp)
{
	for (int i = 0; i < AFILE_SLOTS; i++)
		if (afile_pending[i] == tmp)
			afile_pending[i] = NULL;
}

static void afile_on_signal(int sig)
{
	static const char msg[] = "gen: interrupted; temporary files removed, no dump written\n";

	for (int i = 0; i < AFILE_SLOTS; i++)
		if (afile_pending[i])
			unlink(afile_pending[i]);
	if (write(2, msg, sizeof msg - 1) < 0) {
		/* nothing more to do */
	}
	signal(sig, SIG_DFL);
	raise(sig);
	_exit(128 + sig);
}

void refmm_afile_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = afile_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* A kernel BUG() or panic() during the run ends in abort(). */
	sigaction(SIGABRT, &sa, NULL);
	/*
	 * Past the file size limit (ulimit -f) a write or ftruncate raises
	 * SIGXFSZ, which would kill gen without a word and leave its
	 * temporary files; ignored, the call fails with EFBIG, which the
	 * writer reports and cleans up after as after any write error.
	 */
	signal(SIGXFSZ, SIG_IGN);
}

/* What a non-regular file is, for the message that refuses it. */
static const char *file_kind(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISCHR(m) ? "a character device" :
	       S_ISBLK(m) ? "a block device" : S_ISFIFO(m) ? "a FIFO" :
	       S_ISSOCK(m) ? "a socket" : "not a regular file";
}

/*
 * The name the file will really get: @path itself, or, when @path is a
 * symbolic link to a regular file, the file it points to (so the link
 * keeps pointing at the new file).  Anything that is not a regular file --
 * a directory, a device node such as /dev/null, a FIFO, a dangling link --
 * is refused: rename() would replace the node itself.
 */
static char *afile_target(const char *path, char *err, size_t errlen)
{
	struct stat st;
	char *real;

	if (lstat(path, &st) < 0) {
		if (errno == ENOENT)
			return strdup(path);
		seterr(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (S_ISREG(st.st_mode))
		return strdup(path);
	if (!S_ISLNK(st.st_mode)) {
		seterr(err, errlen, "%s: %s, not a regular file: refusing to replace it",
		       path, file_kind(st.st_mode));
		return NULL;
	}
	if (stat(path, &st) < 0) {
		seterr(err, errlen, "%s: a symbolic link to nothing (%s): refusing to replace it",
		       path, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		seterr(err, errlen, "%s: a symbolic link to %s, not a regular file: "
		       "refusing to replace it", path, file_kind(st.st_mode));
		return NULL;
	}
	real = realpath(path, NULL);
	if (!real)
		seterr(err, errlen, "%s: %s", path, strerror(errno));
	return real;
}

/*
 * Temporary names are ".NAME.tmp.PID.XXXXXX" (and ".old" for a kept
 * original).  A run killed by SIGKILL cannot remove its own, so each open
 * removes those in the directory whose process is gone: regular files of
 * ours, named with a pid that kill(pid, 0) says does not exist.
 */
static int afile_stale(const char *dir, const char *name)
{
	const char *t = NULL, *p;
	char *end, *full;
	struct stat st;
	long pid;
	int ret = 0;

	if (name[0] != '.')
		return 0;
	for (p = strstr(name, ".tmp."); p; p = strstr(p + 1, ".tmp."))
		t = p;
	if (!t)
		return 0;
	errno = 0;
	pid = strtol(t + 5, &end, 10);
	if (errno || pid <= 0 || end == t + 5 || *end != '.' || strlen(end + 1) < 6)
		return 0;
	for (int i = 1; i <= 6; i++)
		if (!((end[i] >= '0' && end[i] <= '9') || (end[i] >= 'a' && end[i] <= 'z') ||
		      (end[i] >= 'A' && end[i] <= 'Z')))
			return 0;
	if (end[7] && strcmp(end + 7, ".old"))
		return 0;
	if (pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
		return 0;
	full = malloc(strlen(dir) + strlen(name) + 2);
	if (!full)
		return 0;
	sprintf(full, "%s/%s", dir, name);
	if (lstat(full, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == getuid()) {
		char *final = NULL;

		/*
		 * A kept original (".old") of a run killed while committing:
		 * put back under its name if nothing has it, else drop it.
		 */
		if (end[7]) {
			final = malloc(strlen(dir) + (size_t)(t - name) + 2);
			if (final)
				sprintf(final, "%s/%.*s", dir, (int)(t - name - 1), name + 1);
		}
		if (final && lstat(final, &st) < 0 && errno == ENOENT)
			ret = rename(full, final) == 0;
		else
			ret = unlink(full) == 0;
		free(final);
	}
	free(full);
	return ret;
}

int refmm_afile_prune(const char *path)
{
	char *d = strdup(path), *dn;
	struct dirent *de;
	DIR *dir;
	int n = 0;

	if (!d)
		return 0;
	dn = dirname(d);
	dir = opendir(dn);
	if (dir) {
		while ((de = readdir(dir)))
			n += afile_stale(dn, de->d_name);
		closedir(dir);
	}
	free(d);
	return n;
}

int refmm_afile_open(struct refmm_afile *f, const char *path, char *err, size_t errlen)
{
	char *d1 = NULL, *d2 = NULL;
	sigset_t all, old;
	mode_t mask;
	int ret = -1;

	f->fd = -1;
	f->tmp = NULL;
	f->old = NULL;
	f->path = afile_target(path, err, errlen);
	if (!f->path)
		return -1;
	d1 = strdup(f->path);
	d2 = strdup(f->path);
	f->tmp = malloc(strlen(f->path) + 48);
	if (!d1 || !d2 || !f->tmp) {
		free(f->tmp);
		f->tmp = NULL;
		seterr(err, errlen, "%s: out of memory", path);
		goto out;
	}
	sprintf(f->tmp, "%s/.%s.tmp.%ld.XXXXXX", dirname(d1), basename(d2), (long)getpid());
	refmm_afile_prune(f->path);
	/* Create and register the name with signals blocked: no window leaks it. */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	f->fd = mkstemp(f->tmp);
	if (f->fd >= 0)
		afile_track(f->tmp);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (f->fd < 0) {
		seterr(err, errlen, "cannot create a temporary file in the directory of %s: %s",
		       path, strerror(errno));
		free(f->tmp);
		f->tmp = NULL;
		goto out;
	}
	mask = umask(0);
	umask(mask);
	fchmod(f->fd, 0666 & ~mask);
	ret = 0;
out:
	if (ret) {
		free(f->path);
		f->path = NULL;
	}
	free(d1);
	free(d2);
	return ret;
}

int refmm_afile_pwrite(struct refmm_afile *f, const void *buf, size_t len,
		       uint64_t off, char *err, size_t errlen)
{
	const char *p = buf;

	while (len) {
		ssize_t n = pwrite(f->fd, p, len, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			seterr(err, errlen, "writing %s: %s", f->path,
			       n < 0 ? strerror(errno) : "short write");
			return -1;
		}
		p += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

int refmm_afile_sync(struct refmm_afile *f, char *err, size_t errlen)
{
	if (fsync(f->fd) < 0) {
		seterr(err, errlen, "writing %s: fsync: %s", f->path, strerror(errno));
		return -1;
	}
	if (close(f->fd) < 0) {
		f->fd = -1;
		seterr(err, errlen, "writing %s: close: %s", f->path, strerror(errno));
		return -1;
	}
	f->fd = -1;
	return 0;
}

static void fsync_dir(const char *path)
{
	char *d = strdup(path);
	int dfd;

	if (!d)
		return;
	dfd = open(dirname(d), O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(d);
}

int refmm_afile_commit(struct refmm_afile *f, char *err, size_t errlen)
{
	return refmm_afile_commit_pair(f, NULL, err, errlen);
}

/*
 * Put @f under its final name so that it can be taken back: swap it with
 * an existing file (RENAME_EXCHANGE; the original then sits under the
 * temporary name), or, where the filesystem cannot swap, keep the original
 * under a hard link "TMP.old" and rename.  Signals are blocked.
 */
static int afile_install(struct refmm_afile *f, int *swapped, char *err, size_t errlen)
{
	struct stat st;

	*swapped = 0;
	/*
	 * The name was checked at refmm_afile_open(); something else may have
	 * been put there since (a directory, a FIFO).  Swapping with it would
	 * succeed and leave it under the temporary name: refuse instead.
	 */
	if (lstat(f->path, &st) == 0 && !S_ISREG(st.st_mode)) {
		seterr(err, errlen, "cannot rename %s to %s: it is now %s", f->tmp, f->path,
		       file_kind(st.st_mode));
		return -1;
	}
	if (rename_exchange(f->tmp, f->path) == 0) {
		*swapped = 1;
		return 0;
	}
	if (errno != ENOENT) {
		/*
		 * Could not swap: keep the original as TMP.old, a hard link
		 * (the final name is then replaced atomically), or, where the
		 * filesystem has no links either, the original renamed aside.
		 */
		f->old = str_cat(f->tmp, ".old");
		if (!f->old) {
			seterr(err, errlen, "%s: out of memory", f->path);
			return -1;
		}
		if (link(f->path, f->old) == 0 || rename(f->path, f->old) == 0) {
			afile_track(f->old);
		} else {
			free(f->old);
			f->old = NULL;
			if (errno != ENOENT) {
				seterr(err, errlen, "cannot keep %s while replacing it: %s",
				       f->path, strerror(errno));
				return -1;
			}
		}
	}
	if (rename(f->tmp, f->path) < 0) {
		seterr(err, errlen, "cannot rename %s to %s: %s", f->tmp, f->path, strerror(errno));
		if (f->old) {
			/* back (renaming a link onto the same file does nothing) */
			rename(f->old, f->path);
			unlink(f->old);
			afile_untrack(f->old);
			free(f->old);
			f->old = NULL;
		}
		return -1;
	}
	afile_untrack(f->tmp);
	free(f->tmp);
	f->tmp = NULL;
	return 0;
}

/* Undo afile_install(): the original back under its name, or no file. */
static void afile_uninstall(struct refmm_afile *f, int swapped)
{
	if (swapped) {
		rename_exchange(f->tmp, f->path);
	} else if (f->old) {
		rename(f->old, f->path);
		unlink(f->old);
		afile_untrack(f->old);
		free(f->old);
		f->old = NULL;
	} else {
		unlink(f->path);
	}
}

/* After success: drop what afile_install() kept of the original. */
static void afile_forget(struct refmm_afile *f, int swapped)
{
	if (swapped) {
		unlink(f->tmp);
		afile_untrack(f->tmp);
		free(f->tmp);
		f->tmp = NULL;
	} else if (f->old) {
		unlink(f->old);
		afile_untrack(f->old);
		free(f->old);
		f->old = NULL;
	}
}

int refmm_afile_commit_all(struct refmm_afile *const *f, int n, char *err, size_t errlen)
{
	int swapped[REFMM_AFILE_MAX_SET];
	sigset_t all, old;
	int i, j, ret = 0;

	if (n < 1 || n > REFMM_AFILE_MAX_SET) {
		seterr(err, errlen, "internal error: %d files to commit", n);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (f[i]->fd >= 0 && refmm_afile_sync(f[i], err, errlen) < 0)
			return -1;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	for (i = 0; i < n; i++) {
		if (afile_install(f[i], &swapped[i], err, errlen) == 0)
			continue;
		/* Take back every file put in place so far: all or none. */
		for (j = i - 1; j >= 0; j--)
			afile_uninstall(f[j], swapped[j]);
		if (i > 0) {
			size_t len = strlen(err);

			snprintf(err + len, errlen - len, " (%s is left as it was)", f[0]->path);
		}
		ret = -1;
		break;
	}
	if (!ret)
		for (i = 0; i < n; i++)
			afile_forget(f[i], swapped[i]);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (ret)
		return ret;
	for (i = 0; i < n; i++)
		fsync_dir(f[i]->path);
	return 0;
}

int refmm_afile_commit_pair(struct refmm_afile *a, struct refmm_afile *b,
			    char *err, size_t errlen)
{
	struct refmm_afile *f[2] = { a, b };

	return refmm_afile_commit_all(f, b ? 2 : 1, err, errlen);
}

void refmm_afile_abort(struct refmm_afile *f)
{
	sigset_t all, old;

	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	if (f->tmp) {
		unlink(f->tmp);
		afile_untrack(f->tmp);
		free(f->tmp);
		f->tmp = NULL;
	}
	if (f->old) {
		unlink(f->old);
		afile_untrack(f->old);
		free(f->old);
		f->old = NULL;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(f->path);
	f->path = NULL;
}

/* ------------------------------------------------------------------ */
/* notes                                                               */

/* The x86-64 kernel's struct elf_prstatus (include/uapi/linux/elfcore.h). */
struct vmcore_prstatus {
	int32_t si_signo, si_code, si_errno;	/* struct elf_siginfo */
	int16_t pr_cursig;
	uint16_t pad0;
	uint64_t pr_sigpend, pr_sighold;
	int32_t pr_pid, pr_ppid, pr_pgrp, pr_sid;
	int64_t pr_utime[2], pr_stime[2], pr_cutime[2], pr_cstime[2];
	uint64_t pr_reg[27];	/* struct user_regs_struct */
	int32_t pr_fpvalid;
	int32_t pad1;
};
_Static_assert(sizeof(struct vmcore_prstatus) == 336, "elf_prstatus is 336 bytes");
_Static_assert(__builtin_offsetof(struct vmcore_prstatus, pr_reg) == 112, "pr_reg at 112");

/* user_regs_struct indices */
enum { R_RBP = 4, R_RIP = 16, R_CS = 17, R_EFLAGS = 18, R_RSP = 19, R_SS = 20 };

static size_t note_size(const char *name, size_t descsz)
{
	return sizeof(Elf64_Nhdr) + ((strlen(name) + 1 + 3) & ~3UL) + ((descsz + 3) & ~3UL);
}

static size_t note_put(unsigned char *buf, size_t off, const char *name,
		       uint32_t type, const void *desc, size_t descsz)
{
	Elf64_Nhdr nh;
	size_t namesz = strlen(name) + 1;

	nh.n_namesz = (Elf64_Word)namesz;
	nh.n_descsz = (Elf64_Word)descsz;
	nh.n_type = type;
	memcpy(buf + off, &nh, sizeof nh);
	off += sizeof nh;
	memcpy(buf + off, name, namesz);	/* buffer is zeroed: padding stays 0 */
	off += (namesz + 3) & ~3UL;
	memcpy(buf + off, desc, descsz);
	off += (descsz + 3) & ~3UL;
	return off;
}

unsigned char *vmcore_build_notes(const struct vmcore_desc *d, size_t *len,
				  size_t *vmcoreinfo_off)
{
	size_t sz = note_size("VMCOREINFO", d->vmcoreinfo_len), off = 0;
	unsigned char *buf;

	sz += (size_t)d->nr_cpus * note_size("CORE", sizeof(struct vmcore_prstatus));
	buf = calloc(1, sz);
	if (!buf)
		return NULL;
	for (int i = 0; i < d->nr_cpus; i++) {
		struct vmcore_prstatus pr;

		memset(&pr, 0, sizeof pr);
		pr.pr_pid = d->cpus[i].pid;
		pr.pr_reg[R_RIP] = d->cpus[i].ip;
		pr.pr_reg[R_RSP] = d->cpus[i].sp;
		pr.pr_reg[R_RBP] = d->cpus[i].bp;
		pr.pr_reg[R_CS] = 0x10;		/* __KERNEL_CS */
		pr.pr_reg[R_SS] = 0x18;		/* __KERNEL_DS */
		pr.pr_reg[R_EFLAGS] = 0x246;
		off = note_put(buf, off, "CORE", NT_PRSTATUS, &pr, sizeof pr);
	}
	/* the text follows the note header and the padded name */
	*vmcoreinfo_off = off + sizeof(Elf64_Nhdr) + ((sizeof "VMCOREINFO" + 3) & ~3UL);
	off = note_put(buf, off, "VMCOREINFO", 0, d->vmcoreinfo, d->vmcoreinfo_len);
	*len = off;
	return buf;
}

/* ------------------------------------------------------------------ */
/* page data                                                           */

static int page_is_zero(const unsigned char *p)
{
	static const unsigned char zero[VMCORE_PAGE];

	return memcmp(p, zero, VMCORE_PAGE) == 0;
}

void vmcore_progress_init(struct vmcore_progress *pg, int on, uint64_t total)
{
	memset(pg, 0, sizeof *pg);
	pg->on = on;
	pg->total = total;
	pg->last = (long)time(NULL);
}

void vmcore_progress_tick(struct vmcore_progress *pg, uint64_t bytes)
{
	long now;

	pg->done += bytes;
	if (!pg->on || pg->finished)
		return;
	now = (long)time(NULL);
	if (now == pg->last && pg->done < pg->total)
		return;
	pg->last = now;
	fprintf(stderr, "\rgen: writing dump: %3d%% (%llu of %llu MiB)",
		(int)(pg->total ? pg->done * 100 / pg->total : 100),
		(unsigned long long)(pg->done >> 20), (unsigned long long)(pg->total >> 20));
	if (pg->done >= pg->total) {
		fputc('\n', stderr);
		pg->finished = 1;
	}
}

/* What the ELF writer has done: progress, and the bytes it wrote. */
struct progress {
	struct vmcore_progress pg;
	uint64_t written;
};

static void progress_tick(struct progress *pg, uint64_t bytes)
{
	vmcore_progress_tick(&pg->pg, bytes);
}

#define MAX_RUN		(8ULL << 20)	/* bytes per pwrite */
#define TICK_BYTES	(64ULL << 20)

/* Write [from, to) of a range (offsets into it): non-zero pages, in runs. */
static int write_run(struct refmm_afile *f, const unsigned char *buf, uint64_t len,
		     uint64_t off, struct progress *pg, char *err, size_t errlen)
{
	pg->written += len;
	return refmm_afile_pwrite(f, buf, len, off, err, errlen);
}

static int write_extent(struct refmm_afile *f, const struct vmcore_range *r, uint64_t fo,
			uint64_t from, uint64_t to, struct progress *pg,
			char *err, size_t errlen)
{
	const unsigned char *base = r->data;
	uint64_t run_start = 0, run_len = 0, ticked = from;

	for (uint64_t off = from; off < to; off += VMCORE_PAGE) {
		int zero = page_is_zero(base + off);

		if (!zero && run_len && run_start + run_len == off && run_len < MAX_RUN) {
			run_len += VMCORE_PAGE;
			continue;
		}
		if (run_len && write_run(f, base + run_start, run_len, fo + run_start,
					 pg, err, errlen) < 0)
			return -1;
		run_len = 0;
		if (!zero) {
			run_start = off;
			run_len = VMCORE_PAGE;
		}
		if (off - ticked >= TICK_BYTES) {
			progress_tick(pg, off - ticked);
			ticked = off;
		}
	}
	if (run_len && write_run(f, base + run_start, run_len, fo + run_start, pg, err, errlen) < 0)
		return -1;
	progress_tick(pg, to - ticked);
	return 0;
}

/*
 * Write one range at file offset @fo.  refmm's RAM is a memfd: only its
 * data extents (SEEK_DATA/SEEK_HOLE) can hold non-zero pages, and reading
 * a hole through the shared mapping would allocate it, so holes are
 * skipped without touching them -- a sparse 16 GiB machine stays sparse.
 */
static int write_range(struct refmm_afile *f, const struct vmcore_range *r, uint64_t fo,
		       struct progress *pg, char *err, size_t errlen)
{
	uint64_t pos = 0;

	if (r->fd < 0)
		return write_extent(f, r, fo, 0, r->size, pg, err, errlen);
	while (pos < r->size) {
		off_t d = lseek(r->fd, (off_t)(r->fd_off + pos), SEEK_DATA), h;
		uint64_t from, to;

		if (d < 0 && errno == ENXIO)
			break;
		if (d < 0)	/* no SEEK_DATA: look at every page */
			return write_extent(f, r, fo, pos, r->size, pg, err, errlen);
		h = lseek(r->fd, d, SEEK_HOLE);
		if (h < 0)
			h = (off_t)(r->fd_off + r->size);
		from = ((uint64_t)d - r->fd_off) & ~(VMCORE_PAGE - 1);
		to = (uint64_t)h - r->fd_off;
		if (to > r->size)
			to = r->size;
		to = (to + VMCORE_PAGE - 1) & ~(VMCORE_PAGE - 1);
		if (from >= r->size)
			break;
		progress_tick(pg, from - pos);
		if (write_extent(f, r, fo, from, to, pg, err, errlen) < 0)
			return -1;
		pos = to;
	}
	progress_tick(pg, r->size - pos);
	return 0;
}

/* ------------------------------------------------------------------ */
/* ELF                                                                 */

static uint64_t page_up(uint64_t x)
{
	return (x + VMCORE_PAGE - 1) & ~(VMCORE_PAGE - 1);
}

static uint64_t headers_size(const struct vmcore_desc *d, size_t notelen)
{
	int phnum = 1 + (d->image.size ? 1 : 0) + d->nr_ram;

	return page_up(sizeof(Elf64_Ehdr) + (uint64_t)phnum * sizeof(Elf64_Phdr) + notelen);
}

uint64_t vmcore_elf_size(const struct vmcore_desc *d)
{
	uint64_t sz = d->image.size;

	for (int i = 0; i < d->nr_ram; i++)
		sz += d->ram[i].size;
	return sz;
}

int vmcore_write_elf(struct refmm_afile *f, const struct vmcore_desc *d,
		     char *err, size_t errlen)
{
	int nload = (d->image.size ? 1 : 0) + d->nr_ram, phnum = 1 + nload, ret = -1;
	const struct vmcore_range **segs;
	struct progress pg;
	size_t notelen = 0, vmci_off;
	unsigned char *notes;
	Elf64_Phdr *ph;
	Elf64_Ehdr eh;
	uint64_t off;

	notes = vmcore_build_notes(d, &notelen, &vmci_off);
	ph = calloc((size_t)phnum, sizeof *ph);
	segs = calloc((size_t)nload, sizeof *segs);
	if (!notes || !ph || !segs) {
		seterr(err, errlen, "writing %s: out of memory", f->path);
		goto out;
	}

	memset(&eh, 0, sizeof eh);
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh.e_type = ET_CORE;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_phoff = sizeof eh;
	eh.e_ehsize = sizeof eh;
	eh.e_phentsize = sizeof(Elf64_Phdr);
	eh.e_phnum = (Elf64_Half)phnum;

	ph[0].p_type = PT_NOTE;
	ph[0].p_offset = sizeof eh + (uint64_t)phnum * sizeof(Elf64_Phdr);
	ph[0].p_filesz = ph[0].p_memsz = notelen;

	/* kexec-tools order: kernel text first, then RAM in physical order. */
	{
		int n = 0;

		if (d->image.size)
			segs[n++] = &d->image;
		for (int i = 0; i < d->nr_ram; i++)
			segs[n++] = &d->ram[i];
	}
	off = headers_size(d, notelen);
	for (int i = 0; i < nload; i++) {
		Elf64_Phdr *p = &ph[1 + i];

		p->p_type = PT_LOAD;
		p->p_flags = PF_R | PF_W | PF_X;
		p->p_offset = off;
		p->p_vaddr = segs[i]->vaddr;
		p->p_paddr = segs[i]->paddr;
		p->p_filesz = p->p_memsz = segs[i]->size;
		p->p_align = 0;
		off += page_up(segs[i]->size);
	}

	if (refmm_afile_pwrite(f, &eh, sizeof eh, 0, err, errlen) < 0 ||
	    refmm_afile_pwrite(f, ph, (size_t)phnum * sizeof *ph, sizeof eh, err, errlen) < 0 ||
	    refmm_afile_pwrite(f, notes, notelen, ph[0].p_offset, err, errlen) < 0)
		goto out;

	memset(&pg, 0, sizeof pg);
	vmcore_progress_init(&pg.pg, d->progress, vmcore_elf_size(d));
	for (int i = 0; i < nload; i++)
		if (write_range(f, segs[i], ph[1 + i].p_offset, &pg, err, errlen) < 0)
			goto out;
	/* Trailing holes: give the file its full length. */
	if (ftruncate(f->fd, (off_t)off) < 0) {
		seterr(err, errlen, "writing %s: ftruncate: %s", f->path, strerror(errno));
		goto out;
	}
	if (d->stats) {
		d->stats->file_bytes = off;
		d->stats->data_bytes = pg.written + headers_size(d, notelen);
	}
	ret = 0;
out:
	free(notes);
	free(ph);
	free(segs);
	return ret;
}
