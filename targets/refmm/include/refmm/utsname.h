/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * utsname.h - init_uts_ns, the kernel's identity, as include/linux/utsname.h
 * and include/uapi/linux/utsname.h lay it out.  makedumpfile, libkdumpfile
 * and crash find the release through SYMBOL(init_uts_ns).
 */
#ifndef REFMM_UTSNAME_H
#define REFMM_UTSNAME_H

#define __NEW_UTS_LEN 64

#define REFMM_UTS_RELEASE	"4.0.0-refmm"
#define REFMM_UTS_VERSION	"#1 SMP refmm"

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

struct kref {
	struct { int counter; } refcount;	/* atomic_t */
};

struct user_namespace;

struct ns_common {
	void *stashed;
	const void *ops;
	unsigned int inum;
};

struct uts_namespace {
	struct kref kref;
	struct new_utsname name;
	struct user_namespace *user_ns;
	struct ns_common ns;
};

extern struct uts_namespace init_uts_ns;
/** The "Linux version ..." banner (init/version.c). */
extern char linux_banner[];

/*
 * The panic message of the run ("" when the scenario did not panic).
 * panic() fills it; the dump holds it; `mmscope` shows it as crash shows
 * PANIC: (a printk log joins it in [refmm-3]).
 */
#define REFMM_PANIC_MSG_LEN 256
extern char refmm_panic_msg[REFMM_PANIC_MSG_LEN];
/** The cpu that panicked (-1: none). */
extern int refmm_panic_cpu;

#endif
