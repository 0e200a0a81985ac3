/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vmcoreinfo.h - the dump's VMCOREINFO note, parsed in one place.
 *
 * The note is text, one KEY=VALUE per line, in the spelling of the kernel's
 * crash_core.c; each kind of line has one format, and this is the only code
 * that reads them:
 *
 *   SYMBOL(name)=%lx            an address, hex without 0x
 *   SIZE(name)=%lu              decimal
 *   OFFSET(struct.member)=%lu   decimal
 *   LENGTH(name)=%lu            decimal
 *   NUMBER(name)=%ld            signed decimal
 *   KERNELOFFSET=%lx            hex
 *   PAGESIZE=%ld, CRASHTIME=%ld decimal
 *   OSRELEASE=, BUILD-ID=       strings
 *
 * A getter returns LOOKUP when the line is absent (the caller falls back),
 * and CORRUPT, naming the line, when its value is not a number of that form
 * or lies outside the range the caller can use.  The object is owned by the
 * dump (core/dump.c); ms_dump_vmcoreinfo() hands it out, and every getter
 * takes NULL as "no VMCOREINFO" (a program without a dump).
 */
#ifndef MS_VMCOREINFO_H
#define MS_VMCOREINFO_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

struct ms_vmcoreinfo;

/**
 * Parse @p len bytes of note text (copied).
 * @param[out] ret  To be freed with ms_vmcoreinfo_destroy().
 * @return NULL, NOMEM, or CORRUPT if no line is KEY=VALUE.
 */
struct ms_error *ms_vmcoreinfo_parse(const char *text, size_t len, struct ms_vmcoreinfo **ret);
void ms_vmcoreinfo_destroy(struct ms_vmcoreinfo *vi);

/**
 * Check every line against the dump before anything uses one: each line is
 * KEY=VALUE without control characters, every SYMBOL(), SIZE(), OFFSET(),
 * LENGTH(), NUMBER(), KERNELOFFSET, PAGESIZE and CRASHTIME value has its
 * kind's form, PAGESIZE (if present) is @p page_size, the dump's own, and
 * BUILD-ID (if present) is a build id.  Ranges that depend on the use are
 * checked by the getters.
 * @return NULL, or CORRUPT naming the first bad line.
 */
struct ms_error *ms_vmcoreinfo_check(const struct ms_vmcoreinfo *vi, uint64_t page_size);

/** The whole text, NUL-terminated. */
const char *ms_vmcoreinfo_text(const struct ms_vmcoreinfo *vi);
/** The value of @p key ("OSRELEASE", "SYMBOL(swapper_pg_dir)") as written, or NULL. */
const char *ms_vmcoreinfo_get(const struct ms_vmcoreinfo *vi, const char *key);

/** NUMBER(@p name), within [@p min, @p max]. */
struct ms_error *ms_vmcoreinfo_number(const struct ms_vmcoreinfo *vi, const char *name,
				      int64_t min, int64_t max, int64_t *ret);
/** SYMBOL(@p name): an address. */
struct ms_error *ms_vmcoreinfo_symbol(const struct ms_vmcoreinfo *vi, const char *name, uint64_t *ret);
/** SIZE(@p name), OFFSET(@p name) ("page.flags") or LENGTH(@p name). */
struct ms_error *ms_vmcoreinfo_size(const struct ms_vmcoreinfo *vi, const char *name, uint64_t *ret);
struct ms_error *ms_vmcoreinfo_offset(const struct ms_vmcoreinfo *vi, const char *name, uint64_t *ret);
struct ms_error *ms_vmcoreinfo_length(const struct ms_vmcoreinfo *vi, const char *name, uint64_t *ret);
/** A plain key whose value is hex ("KERNELOFFSET"). */
struct ms_error *ms_vmcoreinfo_hex(const struct ms_vmcoreinfo *vi, const char *key, uint64_t *ret);
/** A plain key whose value is signed decimal ("CRASHTIME", "PAGESIZE"), within [min, max]. */
struct ms_error *ms_vmcoreinfo_decimal(const struct ms_vmcoreinfo *vi, const char *key,
				       int64_t min, int64_t max, int64_t *ret);

#endif
