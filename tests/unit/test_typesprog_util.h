/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_typesprog_util.h - helpers shared by the unit tests that run over
 * typesprog's executables (test_types, test_expr, test_types_cmds,
 * test_index_cache): running a command, an in-memory image of an
 * executable's PT_LOAD segments, and where the test programs are.
 * Failures are cmocka assertions.
 */
#ifndef MMSCOPE_TEST_TYPESPROG_UTIL_H
#define MMSCOPE_TEST_TYPESPROG_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** The whole stdout of @p cmd, malloc'ed; asserts that it exits 0. */
char *tu_run(const char *cmd);
/** Same as tu_run(), whatever @p cmd's exit status. */
char *tu_run_any(const char *cmd);

/** Load the PT_LOAD segments of the executable @p path, replacing any loaded before. */
void tu_image_load(const char *path);
/** Free the loaded segments. */
void tu_image_free(void);
/**
 * Copy @p len bytes at virtual address @p addr of the loaded image into @p buf:
 * 0, or -1 (no error recorded: each test's reader sets its own message) when
 * they are not all inside one segment.
 */
int tu_image_copy(uint64_t addr, void *buf, size_t len);

/**
 * Load the symbols and types of @p path, then its image, with @p reader as
 * ms_value's reader: 0, or -1 when the symbols or types do not load.
 */
int tu_load(const char *path, int (*reader)(uint64_t addr, void *buf, size_t len));
/** Free what tu_load() loaded, and unset the reader. */
void tu_unload(void);

/**
 * The directory of the program @p argv0 (the test programs sit next to each
 * other) into @p dir; when @p argv0 has no slash: "$top_builddir/tests/unit"
 * ("./tests/unit" without top_builddir) if @p builddir_fallback, else ".".
 */
void tu_prog_dir(char *dir, size_t size, const char *argv0, bool builddir_fallback);

#endif
