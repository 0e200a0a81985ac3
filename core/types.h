/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * types.h - the debuginfo's C types and variables, from DWARF (libdwarf).
 *
 * This is the only way core/ and cmd/ learn a structure's layout: by name,
 * from the dump's own debuginfo, never from a header or sizeof.  Names are
 * indexed lazily on first use; a type, once resolved, lives until
 * ms_types_free().
 */
#ifndef MS_TYPES_H
#define MS_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "core/program.h"

enum ms_type_kind {
	MS_TYPE_VOID,
	MS_TYPE_INT,		/* includes char and _Bool (see is_signed, is_bool) */
	MS_TYPE_FLOAT,
	MS_TYPE_POINTER,
	MS_TYPE_STRUCT,
	MS_TYPE_UNION,
	MS_TYPE_ENUM,
	MS_TYPE_ARRAY,
	MS_TYPE_TYPEDEF,
	MS_TYPE_FUNCTION,
	MS_TYPE_QUALIFIED,	/* const/volatile/restrict/atomic wrapper */
};

struct ms_type;

struct ms_member {
	const char *name;		/* NULL for an anonymous struct/union member */
	const struct ms_type *type;
	uint64_t offset;		/* bytes from the start of the containing type */
	unsigned bit_offset;		/* bitfield: bits from offset*8 (little-endian), else 0 */
	unsigned bit_size;		/* bitfield width, 0 if not a bitfield */
};

struct ms_enumerator {
	const char *name;
	int64_t value;
};

/** Load the DWARF of @p path. */
struct ms_error *ms_types_load(struct ms_program *prog, const char *path);
void ms_types_free(struct ms_program *prog);

/**
 * Find a type by C name: "struct page", "union foo", "enum pageflags",
 * "pg_data_t", "unsigned long", "struct page *", "char [16]".  A bare tag
 * name ("page") finds a struct, union or enum of that name, then a typedef.
 * @return NULL, or a LOOKUP in gdb's words ("No struct type named page.",
 * "No symbol \"x\" in current context.").
 */
struct ms_error *ms_type_find(struct ms_program *prog, const char *name, const struct ms_type **ret);
/** ms_type_find() for callers that only ask whether the type exists: NULL if not. */
const struct ms_type *ms_type_get(struct ms_program *prog, const char *name);

enum ms_type_kind ms_type_kind(const struct ms_type *t);
/** The C name of @p t as gdb's whatis prints it ("struct page *"). */
const char *ms_type_name(const struct ms_type *t);
uint64_t ms_type_size(const struct ms_type *t);
bool ms_type_is_signed(const struct ms_type *t);
/** Skip typedefs and qualifiers. */
const struct ms_type *ms_type_strip(const struct ms_type *t);
/** Pointed-to / element / typedef'd / qualified / return type; NULL for void. */
const struct ms_type *ms_type_target(const struct ms_type *t);
/** Element count of an array (0 for a flexible array). */
uint64_t ms_type_array_len(const struct ms_type *t);

/** Members of a struct or union, in declaration order. */
size_t ms_type_member_count(const struct ms_type *t);
const struct ms_member *ms_type_member(const struct ms_type *t, size_t i);
/** Enumerators of an enum. */
size_t ms_type_enumerator_count(const struct ms_type *t);
const struct ms_enumerator *ms_type_enumerator(const struct ms_type *t, size_t i);

/**
 * Resolve a member path relative to @p t: "lru", "lru.next", "free_area[3]",
 * "free_area[3].free_list[1].prev", looking through anonymous members.
 * Commands and walks read members through core/field.h, which memoises this.
 * @param[out] ret  offset (sum along the path), type and bitfield data.
 * @return NULL, or a LOOKUP naming the component that does not exist
 * ("There is no member named lru.").
 */
struct ms_error *ms_type_member_path(const struct ms_type *t, const char *path, struct ms_member *ret);

/** The value of enumerator @p name in any enum ("PG_slab", "MIGRATE_TYPES"); LOOKUP if none. */
struct ms_error *ms_enum_value(struct ms_program *prog, const char *name, int64_t *ret);

/** A global variable's type and address (before relocation); LOOKUP if none. */
struct ms_error *ms_variable_find(struct ms_program *prog, const char *name, const struct ms_type **type_ret,
				  uint64_t *addr_ret);

/**
 * The value of global @p name that DWARF gives as a constant instead of an
 * address (DW_AT_const_value: a "static const int" the compiler folded);
 * LOOKUP if there is no such variable or it has no constant value.
 * @param[out] type_ret  its type, NULL if DWARF gives none; may be NULL.
 */
struct ms_error *ms_variable_const(struct ms_program *prog, const char *name, const struct ms_type **type_ret,
				   int64_t *ret);

/** Names for completion: every struct/union/enum/typedef name starting with @p prefix. */
void ms_type_names(struct ms_program *prog, const char *prefix, void (*fn)(const char *name, void *arg), void *arg);

/* Qualifiers, and the printers of p/x and ptype. */

/** Qualifier bits of an MS_TYPE_QUALIFIED wrapper. */
#define MS_QUAL_CONST		1u
#define MS_QUAL_VOLATILE	2u
#define MS_QUAL_RESTRICT	4u
#define MS_QUAL_ATOMIC		8u
unsigned ms_type_qualifiers(const struct ms_type *t);

/** Predicates on the stripped type. */
bool ms_type_is_bool(const struct ms_type *t);
bool ms_type_is_char(const struct ms_type *t);	/* 1-byte char, signed char, unsigned char */
bool ms_type_is_flexible(const struct ms_type *t);	/* array with no bound: "x[]" */
bool ms_type_is_complete(const struct ms_type *t);	/* false for a struct only ever declared */
bool ms_type_is_varargs(const struct ms_type *t);
/** The DWARF name of @p t itself: struct tag, typedef name, base name; NULL if anonymous. */
const char *ms_type_tag(const struct ms_type *t);
/** Parameters of a function type (NULL-free; void for an unknown one). */
size_t ms_type_param_count(const struct ms_type *t);
const struct ms_type *ms_type_param(const struct ms_type *t, size_t i);

/**
 * The C declaration of @p name with type @p t as gdb's ptype prints a
 * member: "char name[16]", "int (*ops[2])(void)", "char * const cp".
 * @p name may be "" (then it is the type's name).  Must be freed with free().
 */
char *ms_type_decl(const struct ms_type *t, const char *name);

/**
 * The size of a pointer in @p prog: the address size its DWARF states, or
 * 8 without a debuginfo (a dump is always x86-64: core/dump.c checks).
 */
unsigned ms_type_pointer_size(struct ms_program *prog);

/** Types made on demand, valid until ms_types_free(). */
const struct ms_type *ms_type_pointer_to(struct ms_program *prog, const struct ms_type *t);	/* NULL = void */
const struct ms_type *ms_type_array_of(struct ms_program *prog, const struct ms_type *t, uint64_t n);
const struct ms_type *ms_type_void(struct ms_program *prog);

/** The enum type that defines enumerator @p name, or NULL. */
const struct ms_type *ms_enum_type_of(struct ms_program *prog, const char *name);
/** A function's type (MS_TYPE_FUNCTION) and entry address; LOOKUP if none. */
struct ms_error *ms_function_find(struct ms_program *prog, const char *name, const struct ms_type **type_ret,
				  uint64_t *addr_ret);
/**
 * The source file and line of code address @p addr (link-time, before
 * relocation), from the DWARF line tables (read on first use); LOOKUP if none.
 */
struct ms_error *ms_line_find(struct ms_program *prog, uint64_t addr, const char **file_ret,
			      unsigned *line_ret);
/** Counters for benchmarks: CUs indexed, index entries, type objects built. */
/* An error naming @path if its DWARF describes nothing (absent or damaged). */
struct ms_error *ms_types_check(struct ms_program *prog, const char *path);
/* How many errors reading the DWARF met so far, and the first one's message. */
size_t ms_types_errors(struct ms_program *prog, const char **first);
void ms_types_stats(struct ms_program *prog, size_t *n_cus, size_t *n_names, size_t *n_types);

#endif
