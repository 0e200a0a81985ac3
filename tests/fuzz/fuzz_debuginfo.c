/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_debuginfo.c - loading a damaged debuginfo (its ELF symbols and
 * DWARF) or a damaged DWARF index cache file, then looking up what the
 * commands look up (whatis -m, a struct, a variable, a symbol).  The first
 * byte picks the target: a private copy of MMSCOPE_FUZZ_DEBUGINFO (the
 * cache off), or the index cache file that the pristine debuginfo wrote
 * (the cache on).  Records as in fuzz.h; the file is put back after each
 * input.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/program.h"
#include "core/command.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/types.h"
#include "tests/fuzz/fuzz.h"
#include "tests/fuzz/fuzz_session.h"

static char elf_pristine[4096], elf_path[4096], cache_pristine[4096], cache_path[8400];
static uint64_t elf_size, cache_size;

static void find_cache(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;

	while (d && (e = readdir(d)))
		if (!strncmp(e->d_name, "dwarf-index-", 12)) {
			snprintf(cache_path, sizeof(cache_path), "%s/%s", dir, e->d_name);
			break;
		}
	if (d)
		closedir(d);
	if (!cache_path[0] || stat(cache_path, &st) < 0) {
		fprintf(stderr, "fuzz_debuginfo: no index cache file in %s\n", dir);
		exit(2);
	}
	cache_size = (uint64_t)st.st_size;
	snprintf(cache_pristine, sizeof(cache_pristine), "%s/cache.pristine", fuzz_workdir());
	fuzz_copy(cache_path, cache_pristine);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[4200];
	struct ms_program *prog;
	struct ms_error *err;
	struct stat st;

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/cache", fuzz_workdir());
	if (mkdir(dir, 0700) < 0)
		exit(2);
	setenv("MMSCOPE_CACHE_DIR", dir, 1);
	snprintf(elf_pristine, sizeof(elf_pristine), "%s", fuzz_env("MMSCOPE_FUZZ_DEBUGINFO"));
	snprintf(elf_path, sizeof(elf_path), "%s/debuginfo", fuzz_workdir());
	fuzz_copy(elf_pristine, elf_path);
	if (stat(elf_path, &st) < 0)
		exit(2);
	elf_size = (uint64_t)st.st_size;
	/* the pristine debuginfo writes its index cache once */
	err = ms_program_create(&prog);
	if (!err)
		err = ms_program_open_debuginfo(prog, elf_pristine);
	fuzz_check(err, "fuzz_debuginfo");
	(void)ms_type_get(prog, "struct page");	/* the index is built, and saved, on first use */
	ms_program_destroy(prog);
	find_cache(dir);
	fuzz_quiet();
	return 0;
}

static void lookups(struct ms_program *prog)
{
	static const char *const lines[] = {
		"whatis -m page", "whatis struct zone", "whatis contig_page_data",
		"sym vm_stat", "struct free_area", "p sizeof(struct page)",
	};
	struct ms_session sess;

	ms_session_init(&sess, ms_commands);
	sess.prog = prog;
	sess.silent = sess.batch = true;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		fuzz_run(&sess, lines[i]);
	sess.prog = NULL;
	ms_session_deinit(&sess);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool elf;
	struct fuzz_patch *p;
	struct ms_program *prog;

	if (size < 1)
		return 0;
	elf = !(data[0] & 1);
	if (elf)
		setenv("MMSCOPE_NO_INDEX_CACHE", "1", 1);
	else
		unsetenv("MMSCOPE_NO_INDEX_CACHE");
	p = fuzz_patch_apply(elf ? elf_path : cache_path, elf ? elf_size : cache_size, NULL, 0,
			     data + 1, size - 1);
	if (ms_error_ok(ms_program_create(&prog))) {
		if (ms_error_ok(ms_program_open_debuginfo(prog, elf ? elf_path : elf_pristine)))
			lookups(prog);
		ms_program_destroy(prog);
	}
	fuzz_patch_undo(p, elf ? elf_path : cache_path, elf ? elf_pristine : cache_pristine);
	if (!elf)	/* a rejected cache is written anew: back to the pristine one */
		fuzz_copy(cache_pristine, cache_path);
	return 0;
}
