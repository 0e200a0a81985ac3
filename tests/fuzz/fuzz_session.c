/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_session.c - see fuzz_session.h. */
#include <stdio.h>

#include "core/cmdline.h"
#include "core/command.h"
#include "core/output.h"
#include "core/program.h"
#include "tests/fuzz/fuzz.h"
#include "tests/fuzz/fuzz_session.h"

struct ms_error *fuzz_session_open(struct ms_session *sess, const char *dump)
{
	struct ms_program *prog;
	struct ms_error *err = ms_program_create(&prog);

	if (!err)
		err = ms_program_open_dump(prog, dump);
	if (!err)
		err = ms_program_open_debuginfo(prog, fuzz_env("MMSCOPE_FUZZ_DEBUGINFO"));
	if (err) {
		ms_program_destroy(prog);
		return err;
	}
	ms_session_init(sess, ms_commands);
	sess->prog = prog;
	sess->silent = true;
	sess->batch = true;
	sess->scroll = false;
	return NULL;
}

void fuzz_session_close(struct ms_session *sess)
{
	struct ms_program *prog = sess->prog;

	ms_session_deinit(sess);
	ms_program_destroy(prog);
}

int fuzz_run(struct ms_session *sess, const char *line)
{
	char **argv = NULL;
	int argc = 0, rc = 0;

	if (!ms_error_ok(ms_tokenize(line, &argc, &argv)))
		return -1;
	if (argc > 0) {
		ms_set_interrupted(false);
		rc = ms_command_run(sess, argc, argv);
	}
	ms_argv_free(argv);
	fflush(stdout);
	return rc;
}
