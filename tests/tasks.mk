# tests/tasks.mk: tests of this area (see tests/Makefile.inc)
#
# [inspect-tasks]: core/task.c, core/vma.c, core/printk.c; ps, set, vm, log.
#   e2e/tasks/<scn>.sh  every built-in scenario but big (the 4 GiB benchmark
#                       dump) against its truth file, text and JSON: each
#                       task's columns, the context, VMAs, vm -p's pages,
#                       every log record, its lines and the panic message

TASKS_E2E = \
	tests/e2e/tasks/tiny.sh \
	tests/e2e/tasks/default.sh \
	tests/e2e/tasks/fragmented.sh \
	tests/e2e/tasks/full.sh \
	tests/e2e/tasks/numa.sh \
	tests/e2e/tasks/oom.sh \
	tests/e2e/tasks/processes.sh \
	tests/e2e/tasks/slab.sh \
	tests/e2e/tasks/slab-leak.sh \
	tests/e2e/tasks/vmalloc.sh
TESTS += $(TASKS_E2E)
EXTRA_DIST += $(TASKS_E2E) tests/e2e/tasks/check_scenario.py
