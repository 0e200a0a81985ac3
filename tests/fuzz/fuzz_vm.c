/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_vm.c - vm and vm -p of a process on a damaged copy of the small ELF
 * dump with processes (MMSCOPE_FUZZ_PROCS).  Besides the headers and the
 * whole file, the records reach the process's task_struct, its mm_struct,
 * its first VMA and the VMAs around it (vm_start, vm_end, vm_next, vm_file)
 * and its page global directory (vm -p walks the page tables).
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/task.h"
#include "tests/fuzz/fuzz_base.h"
#include "tests/fuzz/fuzz_session.h"

static struct fuzz_base base;
static char vm_one[64], vm_p[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct ms_session sess;
	const struct ms_tasks *tt;
	const struct ms_task *t = NULL;
	char expr[128];

	(void)argc;
	(void)argv;
	fuzz_base_open(&base, "MMSCOPE_FUZZ_PROCS", "procs.vmcore", &sess, "fuzz_vm");
	fuzz_check(ms_tasks_get(sess.prog, &tt), "fuzz_vm");
	for (size_t i = tt->nr; i-- > 0 && !t;)
		if (tt->tasks[i].mm)
			t = &tt->tasks[i];
	if (!t) {
		fprintf(stderr, "fuzz_vm: no process in %s\n", base.pristine);
		exit(2);
	}
	fuzz_base_add_addr(&base, sess.prog, t->task, 8192);
	fuzz_base_add_addr(&base, sess.prog, t->mm, 4096);
	snprintf(expr, sizeof(expr), "((struct mm_struct *)%#llx)->mmap", (unsigned long long)t->mm);
	fuzz_base_add(&base, sess.prog, expr, 32768);
	fuzz_base_add_addr(&base, sess.prog, t->pgd, 4096);
	snprintf(vm_one, sizeof(vm_one), "vm %lld", (long long)t->pid);
	snprintf(vm_p, sizeof(vm_p), "vm -p %lld", (long long)t->pid);
	fuzz_session_close(&sess);
	fuzz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *const cmds[] = { vm_one, vm_p, NULL };

	fuzz_base_run(&base, data, size, cmds);
	return 0;
}
