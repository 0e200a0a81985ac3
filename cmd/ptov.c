/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ptov.c - crash's "ptov": a physical address to its direct-map virtual
 * address, or a per-CPU offset ("offset:cpuspec") to each CPU's address
 * (per_cpu_ptr() through __per_cpu_offset, core/percpu.h).
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/command.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/percpu.h"
#include "core/session.h"
#include "core/task.h"

#define VADDR_PRLEN 16

static int ptov_percpu(struct ms_session *sess, uint64_t off, const char *spec, bool blank)
{
	char b1[64], b2[64], t[32];
	bool *cpus;
	int ncpus, len;
	struct ms_error *err;

	if ((err = ms_percpu_nr_cpus(sess->prog, &ncpus)))
		return ms_cmd_fail(sess, err);
	cpus = calloc((size_t)ncpus, sizeof(*cpus));
	if (!cpus)
		return ms_cmd_fail(sess, &ms_enomem);
	if ((err = ms_percpu_parse_cpuspec(spec, ncpus, ms_task_context_cpu(sess->prog), cpus))) {
		free(cpus);
		return ms_cmd_fail(sess, err);
	}
	len = snprintf(t, sizeof(t), "[%d]", ncpus - 1) + 2;
	fprintf(ms_fp, "%sPER-CPU OFFSET: %" PRIx64 "\n", blank ? "\n" : "", off);
	fprintf(ms_fp, "  %s  %s\n", ms_mkstring(b1, sizeof(b1), len, MS_LJUST, "CPU"),
		ms_mkstring(b2, sizeof(b2), VADDR_PRLEN, MS_LJUST, "VIRTUAL"));
	for (int c = 0; c < ncpus; c++) {
		uint64_t v;

		if (!cpus[c])
			continue;
		if ((err = ms_per_cpu_ptr(sess->prog, off, c, &v))) {
			free(cpus);
			return ms_cmd_fail(sess, err);
		}
		snprintf(t, sizeof(t), "[%d]", c);
		fprintf(ms_fp, "  %s%" PRIx64 "\n", ms_mkstring(b1, sizeof(b1), len, MS_LJUST, t), v);
	}
	free(cpus);
	return 0;
}

static int cmd_ptov_handler(struct ms_session *sess, int argc, char **argv)
{
	const struct ms_mm *mm;
	struct ms_error *err;
	char b1[64], b2[64], t[32];
	int rc = 0;

	if (ms_getopt(sess, argc, argv) != -1 || optind >= argc)
		return ms_cmd_usage(sess, NULL);
	if ((err = ms_mm(sess->prog, MS_MM_ZONES, &mm)))
		return ms_cmd_fail(sess, err);
	for (int i = optind; i < argc; i++) {
		char word[64], *colon;
		unsigned long long pa;

		snprintf(word, sizeof(word), "%s", argv[i]);
		colon = strchr(word, ':');
		if (colon)
			*colon = '\0';
		if ((err = ms_parse_addr(word, &pa))) {
			rc = ms_cmd_fail(sess, err);
			continue;
		}
		if (colon) {
			rc |= ptov_percpu(sess, pa, colon + 1, i > optind);
			continue;
		}
		fprintf(ms_fp, "%s%s  %s\n", i > optind ? "\n" : "",
			ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_LJUST, "VIRTUAL"),
			ms_mkstring(b2, sizeof(b2), VADDR_PRLEN, MS_LJUST, "PHYSICAL"));
		snprintf(t, sizeof(t), "%llx", mm->page_offset + pa);
		ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_LJUST, t);
		snprintf(t, sizeof(t), "%llx", pa);
		fprintf(ms_fp, "%s  %s\n", b1, ms_mkstring(b2, sizeof(b2), VADDR_PRLEN, MS_LJUST, t));
	}
	return rc;
}

const struct ms_command cmd_ptov = {
	.name = "ptov",
	.handler = cmd_ptov_handler,
	.flags = MS_CMD_DUMP | MS_CMD_PAGER,
	.summary = "physical to virtual, per-cpu to virtual",
	.synopsis = "ptov [address | offset:cpuspec] ...",
	.help =
"  This command translates a hexadecimal physical address into a kernel\n"
"  virtual address (the direct map: PAGE_OFFSET + address).  Alternatively,\n"
"  a hexadecimal per-cpu offset and cpu specifier will be translated into\n"
"  kernel virtual addresses for each cpu specified (__per_cpu_offset[]).\n"
"\n"
"         address  a physical address\n"
"  offset:cpuspec  a per-cpu offset with a CPU specifier:\n"
"                    :             the CPU of the current context (set).\n"
"                    :a[ll]        all CPUs.\n"
"                    :#[-#][,...]  CPU list(s), e.g. \"1,3,5\", \"1-3\".\n"
"\n"
"EXAMPLES\n"
"  Translate physical address 56e000 into a kernel virtual address:\n"
"\n"
"    mmscope> ptov 56e000\n"
"\n"
"  Translate the per-cpu offset of node 0's pagesets for every CPU:\n"
"\n"
"    mmscope> ptov 1070:a\n",
};
