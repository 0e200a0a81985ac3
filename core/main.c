/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main.c - mmscope's entry: options, choosing the dump and its debuginfo,
 * opening them, the banner, then the command loop.
 *
 *   mmscope [OPTION]... [DEBUGINFO] [DUMPFILE]
 *   mmscope gen ...            the embedded refmm generator (mmscope-gen(1))
 *
 * The two files are told apart by content, in either order.  Without a
 * DEBUGINFO the dump's BUILD-ID picks it: mmscope itself when it matches,
 * else DIR/xx/rest.debug under --debuginfo-dir and /usr/lib/debug/.build-id.
 * Without a dump, the default scenario's dump is generated (once per build
 * id) into the cache directory.  Start-up failures are framed by blank lines
 * and exit with status 1, as crash's do.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "core/command.h"
#include "core/dump.h"
#include "core/error.h"
#include "core/file.h"
#include "core/output.h"
#include "core/repl.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/target.h"
#include "core/types.h"

/* Exit statuses (documented in mmscope(1)). */
#define EXIT_OK		0	/* every command succeeded */
#define EXIT_FAILED	1	/* a command failed, or start-up failed */
#define EXIT_USAGE	2	/* only usage errors (bad options or arguments) */

enum {
	OPT_DEBUGINFO_DIR = 256,
	OPT_FORCE,
	OPT_JSON,
	OPT_HEX,
	OPT_DEC,
	OPT_NO_SCROLL,
};

static const struct option long_options[] = {
	{ "debuginfo-dir", required_argument, NULL, OPT_DEBUGINFO_DIR },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "hex", no_argument, NULL, OPT_HEX },
	{ "dec", no_argument, NULL, OPT_DEC },
	{ "no-scroll", no_argument, NULL, OPT_NO_SCROLL },
	{ "no_scroll", no_argument, NULL, OPT_NO_SCROLL },	/* crash's spelling */
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
"Usage:\n"
"  mmscope [OPTION]... [DEBUGINFO] [DUMPFILE]\n"
"  mmscope gen [GEN-OPTION]...      write a dump (see mmscope-gen(1))\n"
"  mmscope diff [--json] [--debuginfo FILE] OLD NEW\n"
"                                   what changed between two dumps: slab\n"
"                                   caches, buddy free pages\n"
"  mmscope -h [COMMAND]\n"
"\n"
"DEBUGINFO is the executable whose ELF symbols and DWARF describe the dump;\n"
"without it the dump's build id selects it.  Without DUMPFILE the default\n"
"scenario's dump is generated into the cache directory and opened.\n"
"\n"
"Options:\n"
"  -s                    silent: no banner, no echo of batch input, no pager\n"
"  -i FILE               run the commands in FILE, then read standard input\n"
"  -x                    do not run ~/.mmscoperc and ./.mmscoperc\n"
"      --debuginfo-dir DIR  also look for DIR/xx/rest.debug by build id\n"
"      --force           open a dump whose build id differs from DEBUGINFO's\n"
"      --json            JSON output for the commands that support it\n"
"      --hex, --dec      output radix 16 or 10 (default 10)\n"
"      --no-scroll       never page output\n"
"  -h, --help [COMMAND]  this text, or COMMAND's help page; then exit\n"
"  -v, --version         print the version and exit\n";

struct options {
	bool force;
	const char *input_file;
	bool no_rc;		/* -x: do not read .mmscoperc */
	const char *debuginfo_dirs[8];	/* --debuginfo-dir, in order */
	int nr_dirs;
	const char *args[2];
	int nr_args;
};

/* A start-up failure: framed by blank lines, status 1. */
__attribute__((noreturn, format(printf, 1, 2)))
static void fatal(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("\nmmscope: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n\n", stderr);
	exit(EXIT_FAILED);
}

/* fatal() with @err's message, @err destroyed first (LeakSanitizer). */
__attribute__((noreturn))
static void fatal_error(struct ms_error *err)
{
	char msg[4096];

	snprintf(msg, sizeof(msg), "%s", err->message);
	ms_error_destroy(err);
	fatal("%s", msg);
}

static void print_version(void)
{
	printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	printf("Copyright (C) 2026 The mmscope authors.\n");
	printf("This program is free software, covered by the GNU General Public License,\n"
	       "and you are welcome to change it and/or distribute copies of it under\n"
	       "certain conditions.  There is absolutely no warranty for this software.\n");
}

/* ---- telling a dump from a debuginfo file ---- */

enum file_kind { FILE_DUMP, FILE_DEBUGINFO };

/* An ELF executable or shared object with a symbol table? */
static bool elf_has_symtab(int fd, const Elf64_Ehdr *eh)
{
	Elf64_Shdr sh;

	if (eh->e_shentsize != sizeof(sh))
		return false;
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		off_t off = (off_t)(eh->e_shoff + (uint64_t)i * sizeof(sh));

		if (pread(fd, &sh, sizeof(sh), off) != (ssize_t)sizeof(sh))
			return false;
		if (sh.sh_type == SHT_SYMTAB)
			return true;
	}
	return false;
}

static enum file_kind classify(const char *path)
{
	unsigned char buf[sizeof(Elf64_Ehdr)] = { 0 };
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)buf;
	struct ms_error *err;
	struct stat st;
	ssize_t n;
	bool symtab;
	int fd;

	/* a FIFO, a directory or a device is neither, and is not read */
	err = ms_open_regular(path, "dump or debuginfo", true, &fd, NULL);
	if (err)
		fatal_error(err);
	n = read(fd, buf, sizeof(buf));
	if (n >= 8 && (!memcmp(buf, "KDUMP   ", 8) || !memcmp(buf, "DISKDUMP", 8) ||
		       !memcmp(buf, "makedumpfile", 12))) {
		close(fd);
		return FILE_DUMP;
	}
	if (n < (ssize_t)sizeof(*eh) || memcmp(buf, ELFMAG, SELFMAG)) {
		close(fd);
		fatal("%s: neither a dump nor an ELF file with symbols", path);
	}
	if (eh->e_ident[EI_CLASS] != ELFCLASS64) {
		close(fd);
		fatal("%s: not a 64-bit ELF file", path);
	}
	if (eh->e_type == ET_CORE) {
		close(fd);
		return FILE_DUMP;
	}
	if (fstat(fd, &st) == 0 && eh->e_shnum &&
	    eh->e_shoff + (uint64_t)eh->e_shnum * eh->e_shentsize > (uint64_t)st.st_size) {
		close(fd);
		/* a copy cut short: the section headers are the last thing in the file */
		fatal("%s: truncated: its %u section headers at offset %#llx end past its "
		      "%lld bytes", path, eh->e_shnum, (unsigned long long)eh->e_shoff,
		      (long long)st.st_size);
	}
	symtab = (eh->e_type == ET_EXEC || eh->e_type == ET_DYN) && elf_has_symtab(fd, eh);
	close(fd);
	if (!symtab)
		fatal("%s: no symbol table: not usable as debuginfo", path);
	return FILE_DEBUGINFO;
}

/* ---- the debuginfo ---- */

static char *self_exe(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

	if (n <= 0)
		return strdup("/proc/self/exe");
	buf[n] = '\0';
	return strdup(buf);
}

static bool build_id_of(const char *path, char *buf, size_t bufsz)
{
	struct ms_error *err = ms_elf_build_id(path, buf, bufsz);

	ms_error_destroy(err);
	return !err && buf[0];
}

/* DIR/xx/rest.debug if it exists and has build id @p bid */
static char *try_build_id_dir(const char *dir, const char *bid)
{
	char *path, got[128];

	if (strlen(bid) < 3 || asprintf(&path, "%s/%.2s/%s.debug", dir, bid, bid + 2) < 0)
		return NULL;
	if (access(path, R_OK) == 0 && build_id_of(path, got, sizeof(got)) &&
	    !strcasecmp(got, bid))
		return path;
	free(path);
	return NULL;
}

static char *find_debuginfo(const char *bid, const struct options *o)
{
	char *self = self_exe(), *path, *sub, got[128] = "";

	if (build_id_of(self, got, sizeof(got)) && !strcasecmp(got, bid))
		return self;
	for (int i = 0; i < o->nr_dirs; i++) {
		if ((path = try_build_id_dir(o->debuginfo_dirs[i], bid)))
			return free(self), path;
		if (asprintf(&sub, "%s/.build-id", o->debuginfo_dirs[i]) >= 0) {
			path = try_build_id_dir(sub, bid);
			free(sub);
			if (path)
				return free(self), path;
		}
	}
	if ((path = try_build_id_dir("/usr/lib/debug/.build-id", bid)))
		return free(self), path;
	fatal("no debuginfo with build id %s:\n"
	      "  %s has build id %s;\n"
	      "  no %.2s/%s.debug under %s/usr/lib/debug/.build-id\n"
	      "  (name the debuginfo file on the command line, or use --debuginfo-dir DIR)",
	      bid, self, got[0] ? got : "(none)", bid, bid + 2,
	      o->nr_dirs ? "--debuginfo-dir or " : "");
}

/* ---- mmscope diff ---- */

/* Open @p dump with @p debuginfo, or the debuginfo its build id names. */
static struct ms_program *open_program(const char *dump, const char *debuginfo)
{
	const struct options none = { 0 };
	const struct ms_dump_info *info;
	struct ms_program *prog;
	struct ms_error *err;
	char *found = NULL;

	err = ms_program_create(&prog);
	if (!err)
		err = ms_program_open_dump(prog, dump);
	if (err)
		fatal("%s", err->message);	/* names the file */
	info = ms_dump_info(prog);
	if (!debuginfo) {
		if (!info || !info->build_id)
			fatal("%s names no build id: give the debuginfo with --debuginfo FILE", dump);
		debuginfo = found = find_debuginfo(info->build_id, &none);
	}
	err = ms_program_open_debuginfo(prog, debuginfo);
	free(found);
	if (err)
		fatal("%s", err->message);
	return prog;
}

static int diff_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "debuginfo", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *debuginfo = NULL;
	struct ms_program *a, *b;
	struct ms_error *err;
	bool json = false;
	int c;

	while ((c = getopt_long(argc, argv, "hd:", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'd': debuginfo = optarg; break;
		case 'h':
			printf("Usage: mmscope diff [--json] [--debuginfo FILE] OLD NEW\n");
			return EXIT_OK;
		default:
			fprintf(stderr, "Usage: mmscope diff [--json] [--debuginfo FILE] OLD NEW\n");
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "mmscope diff: two dumps, OLD and NEW, are needed\n"
			"Usage: mmscope diff [--json] [--debuginfo FILE] OLD NEW\n");
		return EXIT_USAGE;
	}
	ms_signals_init();
	a = open_program(argv[optind], debuginfo);
	b = open_program(argv[optind + 1], debuginfo);
	err = ms_diff(a, b, argv[optind], argv[optind + 1], json);
	fflush(stdout);
	ms_program_destroy(a);
	ms_program_destroy(b);
	if (err) {
		fprintf(stderr, "mmscope diff: %s\n", err->message);
		ms_error_destroy(err);
		return EXIT_FAILED;
	}
	return EXIT_OK;
}

/* ---- the default dump ---- */

static int mkdir_p(const char *path)
{
	char *p = strdup(path), *s;

	if (!p)
		return -1;
	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		mkdir(p, 0755);
		*s = '/';
	}
	mkdir(p, 0755);
	free(p);
	return access(path, W_OK);
}

/*
 * Default dumps of earlier builds are never opened by those builds' successors
 * (the build id in the name is that of a binary that is gone), so the cache
 * keeps the newest MAX_DEFAULT_DUMPS of them (a few, for several build trees
 * sharing the cache) and removes the others with their truth files.
 */
#define MAX_DEFAULT_DUMPS 3

struct cached_dump {
	char *name;
	time_t mtime;
};

static int newest_first(const void *a, const void *b)
{
	const struct cached_dump *x = a, *y = b;

	return (x->mtime < y->mtime) - (x->mtime > y->mtime);
}

static void remove_stale_dumps(const char *keep)
{
	const char *slash = strrchr(keep, '/');
	char *dir = strndup(keep, (size_t)(slash - keep)), *p;
	struct cached_dump list[64];
	size_t n = 0, len;
	struct dirent *e;
	struct stat st;
	DIR *d = dir ? opendir(dir) : NULL;

	while (d && (e = readdir(d)) && n < 64) {
		len = strlen(e->d_name);
		if (strncmp(e->d_name, "default-", 8) || len < 8 ||
		    strcmp(e->d_name + len - 7, ".vmcore") || !strcmp(e->d_name, slash + 1))
			continue;
		if (asprintf(&p, "%s/%s", dir, e->d_name) < 0)
			break;
		if (stat(p, &st) == 0) {
			list[n].name = p;
			list[n++].mtime = st.st_mtime;
		} else {
			free(p);
		}
	}
	if (d)
		closedir(d);
	if (n)
		qsort(list, n, sizeof(list[0]), newest_first);
	for (size_t i = 0; i < n; i++) {
		if (i >= MAX_DEFAULT_DUMPS - 1) {
			unlink(list[i].name);
			if (asprintf(&p, "%s.truth.json", list[i].name) >= 0) {
				unlink(p);
				free(p);
			}
		}
		free(list[i].name);
	}
	free(dir);
}

/*
 * The default scenario's dump, generated once per build id.  refmm maps
 * fixed addresses and keeps global state, so it runs in a child process and
 * never inside the inspector.
 */
static char *default_dump(bool silent)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *self = self_exe(), *dir, *path, bid[128];
	int status;
	pid_t pid;

	if (!build_id_of(self, bid, sizeof(bid)))
		fatal("%s: no build id: cannot name the default dump", self);
	free(self);
	if (asprintf(&dir, "%s%s/mmscope", xdg && *xdg ? xdg : home && *home ? home : "/tmp",
		     xdg && *xdg ? "" : "/.cache") < 0)
		dir = NULL;
	if (!dir || mkdir_p(dir) < 0)
		fatal("cannot create the cache directory %s: %s", dir ? dir : "", strerror(errno));
	if (asprintf(&path, "%s/default-%s.vmcore", dir, bid) < 0)
		fatal("out of memory");
	free(dir);
	if (access(path, R_OK) == 0)
		return path;
	if (!silent)
		fprintf(stderr, "mmscope: generating the default dump: %s\n", path);
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		fatal("fork: %s", strerror(errno));
	if (pid == 0) {
		char *args[] = { "gen", "-o", path, NULL };

		signal(SIGINT, SIG_DFL);		/* ^C stops the generation */
		signal(SIGPIPE, SIG_DFL);
		dup2(STDERR_FILENO, STDOUT_FILENO);	/* keep the session's stdout clean */
		_exit(refmm_gen_main(3, args));
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || access(path, R_OK) != 0)
		fatal("could not generate the default dump %s (mmscope gen -o %s failed)", path, path);
	remove_stale_dumps(path);
	return path;
}

/* ---- start-up ---- */

static void parse_options(struct ms_session *sess, int argc, char **argv, struct options *o)
{
	bool help = false;
	int c;

	while ((c = getopt_long(argc, argv, "si:hvx", long_options, NULL)) != -1) {
		switch (c) {
		case 's':
			sess->silent = true;
			break;
		case 'x':
			o->no_rc = true;
			break;
		case 'i':
			o->input_file = optarg;
			break;
		case 'h':
			help = true;
			break;
		case 'v':
			print_version();
			exit(EXIT_OK);
		case OPT_DEBUGINFO_DIR:
			if (o->nr_dirs == 8) {
				fprintf(stderr, "mmscope: at most 8 --debuginfo-dir options\n");
				exit(EXIT_USAGE);
			}
			o->debuginfo_dirs[o->nr_dirs++] = optarg;
			break;
		case OPT_FORCE:
			o->force = true;
			break;
		case OPT_JSON:
			sess->output_mode = MS_OUTPUT_JSON;
			break;
		case OPT_HEX:
			sess->radix = 16;
			break;
		case OPT_DEC:
			sess->radix = 10;
			break;
		case OPT_NO_SCROLL:
			sess->scroll = false;
			break;
		default:
			fputs(usage_text, stderr);
			exit(EXIT_USAGE);
		}
	}
	if (help) {
		int rc = EXIT_OK;

		if (optind == argc)
			fputs(usage_text, stdout);
		/* the help command, run without a dump (it resets optind) */
		for (int i = optind; i < argc; i++) {
			char *hargv[] = { "help", argv[i], NULL };

			if (ms_command_run(sess, 2, hargv) < 0)
				rc = EXIT_FAILED;
		}
		fflush(stdout);
		exit(rc);
	}
	if (argc - optind > 2) {
		fprintf(stderr, "mmscope: too many arguments\n%s", usage_text);
		exit(EXIT_USAGE);
	}
	for (; optind < argc; optind++)
		o->args[o->nr_args++] = argv[optind];
}

/*
 * A DWARF read with errors, or without the struct page every kernel has (its
 * strings cut away: libdwarf then reads no names, without an error), still
 * opens, but the user is told once why commands will fail.
 */
static void add_dwarf_warning(struct ms_program *prog, const char *debuginfo, char **warning)
{
	const struct ms_type *page;
	struct ms_error *err = ms_type_find(prog, "struct page", &page);
	const char *first;
	size_t n = ms_types_errors(prog, &first);
	char *why = NULL, *w;
	int r = 0;

	if (n)
		r = asprintf(&why, "damaged DWARF, read with %zu error%s (the first: %s)", n,
			     n == 1 ? "" : "s", first);
	else if (err)
		r = asprintf(&why, "its DWARF describes no struct page (damaged, or not a "
			     "kernel's debuginfo)");
	ms_error_destroy(err);
	if (!why || r < 0)
		return;
	r = asprintf(&w, "%s%s%s: %s: commands that need its types will fail",
		     *warning ? *warning : "", *warning ? "\nWARNING: " : "", debuginfo, why);
	free(why);
	if (r < 0)
		return;
	free(*warning);
	*warning = w;
}

static void banner(struct ms_session *sess, const char *warning)
{
	enum ms_output_mode mode = sess->output_mode;
	char *argv[] = { "sys", NULL };
	char *ctx_argv[] = { "set", "-B", NULL };

	putchar('\n');
	print_version();
	printf(" \n");
	if (!isatty(STDIN_FILENO))
		printf("NOTE: stdin: not a tty\n");
	putchar('\n');
	if (warning)
		printf("WARNING: %s\n\n", warning);
	/* the system block is what the sys command prints, as text */
	sess->output_mode = MS_OUTPUT_TEXT;
	ms_command_run(sess, 1, argv);
	/* then the task context, as crash's start-up shows it */
	if (sess->prog && sess->prog->dump)
		ms_command_run(sess, 2, ctx_argv);
	sess->output_mode = mode;
	putchar('\n');
	fflush(stdout);
}

/*
 * crash's .crashrc: the commands of ~/.mmscoperc, then of ./.mmscoperc
 * (once when both are the same file), run before any other input, without
 * echo.  Their failures are reported but do not count in the exit status:
 * that tells about the commands the user ran.
 */
static void run_rc_files(struct ms_session *sess)
{
	const char *home = getenv("HOME");
	char path[4096];
	struct stat home_st = { 0 }, cwd_st;
	bool have_home = false;
	int nr_failed = sess->nr_failed, nr_usage = sess->nr_usage_failed;

	if (home && *home) {
		FILE *fp;

		snprintf(path, sizeof(path), "%s/.mmscoperc", home);
		if ((fp = fopen(path, "r"))) {
			have_home = fstat(fileno(fp), &home_st) == 0;
			ms_repl_file(sess, fp, false);
			fclose(fp);
		}
	}
	if (!sess->quit && stat(".mmscoperc", &cwd_st) == 0 &&
	    !(have_home && cwd_st.st_dev == home_st.st_dev && cwd_st.st_ino == home_st.st_ino)) {
		FILE *fp = fopen(".mmscoperc", "r");

		if (fp) {
			ms_repl_file(sess, fp, false);
			fclose(fp);
		}
	}
	sess->nr_failed = nr_failed;
	sess->nr_usage_failed = nr_usage;
}

/*
 * make check-valgrind: with MMSCOPE_VALGRIND set to a suppressions file,
 * the inspector runs itself under valgrind (memcheck, definite leaks are
 * errors, status 99 on any error), however a test starts it: a shell, a
 * Python subprocess, a pipe.  "mmscope gen" is left native (refmm boots
 * hundreds of MiB; its own tests cover it).
 */
static void valgrind_self(int argc, char **argv)
{
	const char *supp = getenv("MMSCOPE_VALGRIND");
	char self[PATH_MAX], suppopt[PATH_MAX + 32];
	char **vargv;
	ssize_t n;
	int k = 0;

	if (!supp || !*supp || getenv("MMSCOPE_UNDER_VALGRIND"))
		return;
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	vargv = calloc((size_t)argc + 12, sizeof(*vargv));
	if (n <= 0 || !vargv)
		return;
	self[n] = '\0';
	snprintf(suppopt, sizeof(suppopt), "--suppressions=%s", supp);
	setenv("MMSCOPE_UNDER_VALGRIND", "1", 1);
	vargv[k++] = "valgrind";
	vargv[k++] = "-q";
	vargv[k++] = "--error-exitcode=99";
	vargv[k++] = "--leak-check=full";
	vargv[k++] = "--show-leak-kinds=definite";
	vargv[k++] = "--errors-for-leak-kinds=definite";
	vargv[k++] = suppopt;
	vargv[k++] = self;
	for (int i = 1; i < argc; i++)
		vargv[k++] = argv[i];
	execvp("valgrind", vargv);
	fprintf(stderr, "mmscope: MMSCOPE_VALGRIND: cannot run valgrind: %s\n", strerror(errno));
	exit(EXIT_FAILED);
}

int main(int argc, char **argv)
{
	struct ms_session sess;
	struct ms_program *prog;
	struct ms_error *err;
	struct options o = { 0 };
	const char *dump = NULL, *debuginfo = NULL;
	const struct ms_dump_info *info;
	char *warning = NULL, *found_debuginfo = NULL, *default_path = NULL, bid[128];
	int nr_failed, nr_usage;

	if (argc > 1 && !strcmp(argv[1], "gen"))
		return refmm_gen_main(argc - 1, argv + 1);
	valgrind_self(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "diff"))
		return diff_main(argc - 1, argv + 1);

	ms_signals_init();
	ms_session_init(&sess, ms_commands);
	argv[0] = "mmscope";	/* getopt's messages: "mmscope: invalid option -- 'z'" */
	parse_options(&sess, argc, argv, &o);
	if (o.input_file) {
		struct stat st;

		if (access(o.input_file, R_OK) < 0 || stat(o.input_file, &st) < 0)
			fatal("%s: %s", o.input_file, strerror(errno));
		if (S_ISDIR(st.st_mode))
			fatal("%s: a directory, not an input file", o.input_file);
	}

	for (int i = 0; i < o.nr_args; i++) {
		const char **slot = classify(o.args[i]) == FILE_DUMP ? &dump : &debuginfo;

		if (*slot)
			fatal("%s and %s: two %s files", *slot, o.args[i],
			      slot == &dump ? "dump" : "debuginfo");
		*slot = o.args[i];
	}
	if (!dump)
		dump = default_path = default_dump(sess.silent);

	err = ms_program_create(&prog);
	if (!err)
		err = ms_program_open_dump(prog, dump);
	if (err)
		fatal_error(err);	/* names the file */
	info = ms_dump_info(prog);
	if (debuginfo) {
		if (!build_id_of(debuginfo, bid, sizeof(bid)))
			snprintf(bid, sizeof(bid), "(none)");
		if (info && info->build_id && strcasecmp(bid, info->build_id)) {
			if (!o.force)
				fatal("%s and %s do not match:\n"
				      "  %s has build id %s\n"
				      "  %s was written by build id %s\n"
				      "  (--force opens it anyway)",
				      debuginfo, dump, debuginfo, bid, dump, info->build_id);
			if (asprintf(&warning, "build id mismatch: %s has %s, the dump wants %s",
				     debuginfo, bid, info->build_id) < 0)
				warning = NULL;
		}
	} else {
		if (!info || !info->build_id)
			fatal("%s names no build id: give the debuginfo file on the command line",
			      dump);
		debuginfo = found_debuginfo = find_debuginfo(info->build_id, &o);
	}

	err = ms_program_open_debuginfo(prog, debuginfo);
	if (err)
		fatal_error(err);	/* names the file */
	add_dwarf_warning(prog, debuginfo, &warning);

	sess.prog = prog;
	sess.batch = o.input_file || !isatty(STDIN_FILENO);
	if (sess.silent || !isatty(STDOUT_FILENO))
		sess.scroll = false;

	if (!sess.silent)
		banner(&sess, warning);
	else if (warning)
		printf("WARNING: %s\n", warning);
	free(warning);

	if (!o.no_rc)
		run_rc_files(&sess);
	if (o.input_file) {
		FILE *fp = fopen(o.input_file, "r");

		if (!fp)
			fatal("%s: %s", o.input_file, strerror(errno));
		ms_repl_file(&sess, fp, true);
		fclose(fp);
	}
	if (!sess.quit && !isatty(STDIN_FILENO))
		ms_repl_file(&sess, stdin, true);
	/* The exit status reflects commands that were not typed at a terminal. */
	nr_failed = sess.nr_failed;
	nr_usage = sess.nr_usage_failed;
	if (!sess.quit && isatty(STDIN_FILENO))
		ms_repl_interactive(&sess);
	/* the banner and anything written outside a command line */
	ms_output_end();
	err = ms_output_write_error();
	if (err) {
		fprintf(stderr, "mmscope: %s\n", err->message);
		ms_error_destroy(err);
		nr_failed++;
	}
	ms_session_deinit(&sess);
	ms_program_destroy(prog);
	free(found_debuginfo);	/* LeakSanitizer: the paths find_debuginfo() and */
	free(default_path);	/* default_dump() made */
	if (nr_failed == 0)
		return EXIT_OK;
	return nr_usage == nr_failed ? EXIT_USAGE : EXIT_FAILED;
}
