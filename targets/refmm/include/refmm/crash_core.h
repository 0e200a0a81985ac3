/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * crash_core.h - VMCOREINFO, as include/linux/crash_core.h spells it.
 *
 * crash_save_vmcoreinfo_init() fills vmcoreinfo_data once after boot (the
 * kernel does it in an initcall); crash_save_vmcoreinfo() appends CRASHTIME
 * when the dump is taken.  Both buffers live in the kernel image, so the
 * text is also in the dump, as in a kernel.
 */
#ifndef REFMM_CRASH_CORE_H
#define REFMM_CRASH_CORE_H

#include <stddef.h>
#include <stdint.h>

#define VMCOREINFO_BYTES	8192
#define VMCOREINFO_NOTE_NAME	"VMCOREINFO"

extern char vmcoreinfo_data[VMCOREINFO_BYTES];
extern size_t vmcoreinfo_size;

void vmcoreinfo_append_str(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define VMCOREINFO_OSRELEASE(value) \
	vmcoreinfo_append_str("OSRELEASE=%s\n", value)
#define VMCOREINFO_BUILD_ID(value) \
	vmcoreinfo_append_str("BUILD-ID=%s\n", value)
#define VMCOREINFO_PAGESIZE(value) \
	vmcoreinfo_append_str("PAGESIZE=%ld\n", (long)(value))
#define VMCOREINFO_SYMBOL(name) \
	vmcoreinfo_append_str("SYMBOL(%s)=%lx\n", #name, (unsigned long)&name)
#define VMCOREINFO_SYMBOL_ARRAY(name) \
	vmcoreinfo_append_str("SYMBOL(%s)=%lx\n", #name, (unsigned long)name)
#define VMCOREINFO_SIZE(name) \
	vmcoreinfo_append_str("SIZE(%s)=%lu\n", #name, (unsigned long)sizeof(name))
#define VMCOREINFO_STRUCT_SIZE(name) \
	vmcoreinfo_append_str("SIZE(%s)=%lu\n", #name, (unsigned long)sizeof(struct name))
#define VMCOREINFO_OFFSET(name, field) \
	vmcoreinfo_append_str("OFFSET(%s.%s)=%lu\n", #name, #field, \
			      (unsigned long)__builtin_offsetof(struct name, field))
#define VMCOREINFO_TYPE_OFFSET(name, field) \
	vmcoreinfo_append_str("OFFSET(%s.%s)=%lu\n", #name, #field, \
			      (unsigned long)__builtin_offsetof(name, field))
#define VMCOREINFO_LENGTH(name, value) \
	vmcoreinfo_append_str("LENGTH(%s)=%lu\n", #name, (unsigned long)(value))
#define VMCOREINFO_NUMBER(name) \
	vmcoreinfo_append_str("NUMBER(%s)=%ld\n", #name, (long)(name))
#define VMCOREINFO_CONFIG(name) \
	vmcoreinfo_append_str("CONFIG_%s=y\n", #name)

/** Build the boot-time VMCOREINFO text (after refmm_boot()). */
void crash_save_vmcoreinfo_init(void);
/** Append what is known only at crash time (CRASHTIME=@p crashtime). */
void crash_save_vmcoreinfo(long crashtime);

/**
 * The running executable's NT_GNU_BUILD_ID as lower-case hex, or "" when it
 * has none.  Read from our own program headers (dl_iterate_phdr).
 */
const char *refmm_build_id(void);

#endif
