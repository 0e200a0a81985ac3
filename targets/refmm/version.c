// SPDX-License-Identifier: GPL-2.0-only
/*
 * version.c - the kernel's identity (init/version.c, kernel/utsname.c) and
 * the record of a panic, all in the image so that they are in the dump.
 */
#include "refmm/utsname.h"

#include <linux/compiler.h>

struct uts_namespace init_uts_ns __kdata = {
	.kref = { .refcount = { 2 } },
	.name = {
		.sysname = "Linux",
		.nodename = "refmm",
		.release = REFMM_UTS_RELEASE,
		.version = REFMM_UTS_VERSION,
		.machine = "x86_64",
		.domainname = "(none)",
	},
	.ns = { .inum = 0xEFFFFFFEU },	/* PROC_UTS_INIT_INO */
};

/* Not const: a const object cannot share the writable section "kdata". */
char linux_banner[] __kdata =
	"Linux version " REFMM_UTS_RELEASE " (refmm@mmscope) (gcc) " REFMM_UTS_VERSION "\n";

char refmm_panic_msg[REFMM_PANIC_MSG_LEN] __kdata;
int refmm_panic_cpu __kdata = -1;
