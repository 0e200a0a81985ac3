/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * field.h - the one way core and the commands read a member of a structure
 * in the dump: a type, an address, a member path.
 *
 * A path ("flags", "lru.next", "free_area[3].nr_free", "_count.counter")
 * is resolved against a type through the DWARF once, and the result (offset,
 * size, type, bitfield) is kept in the program, keyed by (type, path): the
 * second lookup costs a hash probe.  A member this dump's kernel does not
 * have is a LOOKUP error (remembered too), which a caller catches to fall
 * back to another spelling or to say "not available"; a read that fails is
 * the dump's FAULT.  Nothing here keeps offsets in a table of its own.
 *
 * A struct ms_field is valid until the types are freed or reloaded (the
 * memo notices: prog->types_generation) or the program is destroyed.
 */
#ifndef MS_FIELD_H
#define MS_FIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/program.h"
#include "core/types.h"

/** A member path resolved against a type. */
struct ms_field {
	const struct ms_type *type;	/* the member's type */
	uint64_t offset;		/* bytes from the start of the structure */
	uint64_t size;			/* bytes of the member (a bitfield: of its type) */
	unsigned bit_offset;		/* a bitfield: bits from offset * 8 (little-endian) */
	unsigned bit_size;		/* a bitfield's width; 0 if not a bitfield */
	bool is_signed;			/* a signed integer or enum: values sign-extend */
};

/**
 * Resolve @p path in @p t (memoised).
 * @param[out] ret  Valid until the program is destroyed.
 * @return NULL, or LOOKUP naming "TAG.PATH" when there is no such member.
 */
struct ms_error *ms_field_find(struct ms_program *prog, const struct ms_type *t, const char *path,
			       const struct ms_field **ret);
/**
 * ms_field_find() for a member the kernel may not have: NULL when @p t has
 * no such member; another error is kept in *@p errp unless one is there
 * already (so that several lookups can be checked once), and gives NULL.
 */
const struct ms_field *ms_field_find_opt(struct ms_program *prog, const struct ms_type *t,
					 const char *path, struct ms_error **errp);
/** ms_field_find() with the type given by its C name ("struct zone"); LOOKUP if none. */
struct ms_error *ms_field_find_by_name(struct ms_program *prog, const char *type_name,
				       const char *path, const struct ms_field **ret);

/**
 * The member's value in @p buf, a copy of the structure (at least
 * offset + size bytes), zero- or sign-extended to 64 bits.  A member wider
 * than 8 bytes gives its first 8.
 */
uint64_t ms_field_get_u64(const struct ms_field *f, const void *buf);
static inline int64_t ms_field_get_s64(const struct ms_field *f, const void *buf)
{
	return (int64_t)ms_field_get_u64(f, buf);
}

/**
 * Read the member @p f of the structure at @p addr.  @p what names what is
 * read for a fault's message (crash's "type").
 * @return NULL, or the FAULT.
 */
struct ms_error *ms_field_read_u64(struct ms_program *prog, const struct ms_field *f, uint64_t addr,
				   uint64_t *ret, const char *what);

/**
 * The one call: member @p path of the @p t at @p addr.  A fault's message
 * names it "TAG PATH" ("zone present_pages").
 * @return NULL, LOOKUP (no such member) or FAULT (cannot read it).
 */
struct ms_error *ms_member_read_u64(struct ms_program *prog, const struct ms_type *t, uint64_t addr,
				    const char *path, uint64_t *ret);

/**
 * The length and element size of an array member.
 * @return NULL, or LOOKUP if @p f is not an array.
 */
struct ms_error *ms_field_array(const struct ms_field *f, uint64_t *len_ret, uint64_t *elsize_ret);

/**
 * The value of the integer global variable @p name (its type from DWARF,
 * its address from the relocated symbols), sign-extended if signed; an
 * atomic_long_t or other wrapper gives its first word.
 * @return NULL, LOOKUP (no such variable) or FAULT.
 */
struct ms_error *ms_global_read_s64(struct ms_program *prog, const char *name, int64_t *ret);

/** Free the memo (ms_program_destroy() calls it). */
void ms_field_cache_free(struct ms_program *prog);
/** Counters for tests: paths resolved through the DWARF, and lookups answered. */
void ms_field_cache_stats(const struct ms_program *prog, uint64_t *resolved, uint64_t *lookups);

#endif
