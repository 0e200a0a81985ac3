/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_cmdline.c - the command line: any bytes as one line typed at the
 * prompt (aliases, the line splitter, the tokenizer, then the command and
 * its options) on the tiny kdump of MMSCOPE_FUZZ_KDUMP.  Lines that would
 * run a shell, read or write a file are split but not run; the session is
 * new for each input, the program is opened once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/cmdline.h"
#include "core/command.h"
#include "core/output.h"
#include "tests/fuzz/fuzz.h"
#include "tests/fuzz/fuzz_session.h"

static struct ms_program *prog;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct ms_session sess;

	(void)argc;
	(void)argv;
	setenv("MMSCOPE_CACHE_DIR", fuzz_workdir(), 1);
	/* "set error FILE" and the like write here, nowhere else */
	if (chdir(fuzz_workdir()) < 0)
		exit(2);
	fuzz_check(fuzz_session_open(&sess, fuzz_env("MMSCOPE_FUZZ_KDUMP")), "fuzz_cmdline");
	prog = sess.prog;
	sess.prog = NULL;
	ms_session_deinit(&sess);
	fuzz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ms_session sess;
	struct ms_cmdline cl;
	char *line, *expanded;

	if (size > 4096 || memchr(data, '/', size))
		return 0;	/* no paths: nothing outside the work directory */
	line = malloc(size + 1);
	if (!line)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	ms_session_init(&sess, ms_commands);
	sess.prog = prog;
	sess.silent = true;
	sess.batch = true;
	sess.scroll = false;
	expanded = ms_alias_expand(&sess.aliases, line);
	if (expanded && ms_error_ok(ms_cmdline_parse(expanded, &cl))) {
		if (!cl.shell && !cl.input && !cl.argfile && !cl.pipe && !cl.file)
			fuzz_run(&sess, cl.cmd);
		ms_cmdline_free(&cl);
	}
	free(expanded);
	sess.prog = NULL;
	ms_session_deinit(&sess);
	free(line);
	return 0;
}
