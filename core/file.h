/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * file.h - opening the files mmscope reads (the dump, the debuginfo, the
 * DWARF index cache, input files) for what they are.
 *
 * A FIFO opened for reading blocks until a writer comes, a directory reads
 * as an error far from the open, and a device such as /dev/zero never ends:
 * so every file is opened without blocking, checked by kind with fstat()
 * and only then read.
 */
#ifndef MS_FILE_H
#define MS_FILE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

/**
 * Open @p path read-only; it must be a regular file and, with @p nonempty,
 * not empty.  @p what names it in the messages ("dump", "debuginfo").
 * @param[out] fd_ret    the descriptor, blocking again, close-on-exec
 * @param[out] size_ret  its size (may be NULL)
 * @return NULL; OS if it cannot be opened; OTHER, naming the file and its
 * kind, if it is a directory, FIFO, device or socket; CORRUPT if it is empty.
 */
struct ms_error *ms_open_regular(const char *path, const char *what, bool nonempty, int *fd_ret,
				 uint64_t *size_ret);

/**
 * Whether @p path names a file this process opened with ms_open_regular()
 * (a dump, a debuginfo, an index cache): the output layer refuses to write
 * a command's output over one, which would destroy the user's file and
 * pull the data from under the session (a mapped debuginfo would fault).
 */
bool ms_file_is_input(const char *path);

/** "directory", "FIFO", "character device", ... for a stat mode. */
const char *ms_file_kind(unsigned mode);

#endif
