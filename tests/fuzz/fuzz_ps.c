/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_ps.c - ps (and ps of one process, and set, which builds the task
 * table again) on a damaged copy of the small ELF dump with processes
 * (MMSCOPE_FUZZ_PROCS).  Besides the headers and the whole file, the
 * records reach init_task (the head of the task list), the task_structs
 * after it, the last process's task_struct and its mm (the RSS counters).
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/task.h"
#include "tests/fuzz/fuzz_base.h"
#include "tests/fuzz/fuzz_session.h"

static struct fuzz_base base;
static char ps_one[64], set_one[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct ms_session sess;
	const struct ms_tasks *tt;

	(void)argc;
	(void)argv;
	fuzz_base_open(&base, "MMSCOPE_FUZZ_PROCS", "procs.vmcore", &sess, "fuzz_ps");
	fuzz_check(ms_tasks_get(sess.prog, &tt), "fuzz_ps");
	fuzz_base_add(&base, sess.prog, "&init_task", 16384);
	fuzz_base_add(&base, sess.prog, "init_task.tasks.next", 65536);
	for (size_t i = tt->nr; i-- > 0;) {
		if (tt->tasks[i].mm) {
			fuzz_base_add_addr(&base, sess.prog, tt->tasks[i].task, 16384);
			fuzz_base_add_addr(&base, sess.prog, tt->tasks[i].mm, 4096);
			snprintf(ps_one, sizeof(ps_one), "ps %lld", (long long)tt->tasks[i].pid);
			snprintf(set_one, sizeof(set_one), "set %lld", (long long)tt->tasks[i].pid);
			break;
		}
	}
	fuzz_session_close(&sess);
	fuzz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *const cmds[] = { "ps", ps_one, set_one, NULL };

	fuzz_base_run(&base, data, size, cmds);
	return 0;
}
