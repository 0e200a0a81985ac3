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

#include "core/program.h"

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
 * A program with the symbols and types of @p path whose memory is @p path's
 * image, read by @p reader (NULL: tu_image_read(), crash's wording).
 * NULL when the symbols or types do not load.
 */
struct ms_program *tu_load(const char *path, ms_program_read_fn *reader);
/** Destroy the program tu_load() made and free the image. */
void tu_unload(struct ms_program *prog);
/**
 * A program reader over the loaded image: a FAULT "invalid kernel virtual
 * address: ADDR  type: \"WHAT\"" outside it.
 */
struct ms_error *tu_image_read(void *arg, uint64_t addr, enum ms_as as, void *buf, size_t len,
			       const char *what);

/**
 * The directory of the program @p argv0 (the test programs sit next to each
 * other) into @p dir; when @p argv0 has no slash: "$top_builddir/tests/unit"
 * ("./tests/unit" without top_builddir) if @p builddir_fallback, else ".".
 */
void tu_prog_dir(char *dir, size_t size, const char *argv0, bool builddir_fallback);

#endif
