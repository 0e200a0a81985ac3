/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * value.h - printing typed data the way gdb prints it.
 *
 * p, struct, union and list -s all print through here, so that
 * "{ member = value, ... }" nesting, enum names, pointers with <symbol+off>,
 * char arrays as strings and the radix setting behave the same everywhere.
 */
#ifndef MS_VALUE_H
#define MS_VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/types.h"
#include "core/program.h"

/**
 * Print the object of type @p t whose bytes are @p buf (ms_type_size(t)
 * bytes) and which lives at @p addr in the dump (0 if unknown), in @p radix
 * (10 or 16), as gdb's "print" does after "$N = ".  Nested aggregates are
 * indented by 2 spaces per level starting from @p indent.
 */
void ms_value_print(struct ms_program *prog, FILE *fp, const struct ms_type *t, const void *buf, uint64_t addr,
		    int radix, int indent);

struct ms_record;

/**
 * The value of type @p t in @p buf (at @p addr, 0 if unknown) as data, for
 * JSON: the field "data" of @p rec, built by the walk that prints the text
 * (so the same members and the same array bounds), never from the text.
 * Structures and unions are objects, their anonymous struct and union
 * members flattened into them; arrays are lists, spelling out the text's
 * "<repeats N times>"; char arrays are the string they hold up to the first
 * NUL (escaped as the text escapes it); pointers and functions are
 * "0x..." addresses; integers and bitfields are numbers; bool is
 * true/false; an enum is its enumerator's name, or its number when no
 * enumerator has the value.  The radix does not apply.  An array or string
 * cut at gdb's 200 elements, where the text prints "...", is named in the
 * list "data_truncated" of @p rec by its path in the value (a C suffix:
 * "" for the value itself, ".free_area[2].free_list").  @p buf NULL: null.
 */
void ms_value_record(struct ms_program *prog, struct ms_record *rec, const struct ms_type *t, const void *buf,
		     uint64_t addr);
/** ms_value_record() of member @p m (bitfields included) of the struct in @p buf at @p addr. */
void ms_value_record_member(struct ms_program *prog, struct ms_record *rec, const struct ms_member *m,
			    const void *buf, uint64_t addr);

/**
 * Print the declaration of @p t as gdb's ptype does, without "type = ":
 * typedefs at the top resolved, the struct/union body expanded (anonymous
 * members at every depth, as crash's "struct NAME" shows them), then a
 * newline.  @p show_offsets prefixes each member with "[offset]" as crash's
 * "struct -o" does, in @p radix.
 */
void ms_type_print_decl(FILE *fp, const struct ms_type *t, bool show_offsets, int radix);

/* gdb print formats. */

/**
 * ms_value_print() with gdb's print format "x" (p/x) when @p format_x:
 * every scalar in hex, char arrays as arrays, no <symbol> and no strings.
 * A pointer at @p indent 0 is prefixed with its type: "(struct page *) 0x...".
 */
void ms_value_print_fmt(struct ms_program *prog, FILE *fp, const struct ms_type *t, const void *buf, uint64_t addr, int radix,
			bool format_x, int indent);
/** Print the value of member @p m (bitfields included) of the struct in @p buf at @p addr. */
void ms_value_print_member(struct ms_program *prog, FILE *fp, const struct ms_member *m, const void *buf, uint64_t addr, int radix,
			   int indent);
/**
 * ms_type_print_decl() exactly as gdb's ptype prints it: anonymous structs
 * and unions nested two deep shown as "union {...};" (the plain function
 * expands them all, as crash's struct command is more useful with).
 */
void ms_type_print_ptype(FILE *fp, const struct ms_type *t);
/**
 * One member's declaration line as crash's "struct NAME.member" prints it,
 * "    [80] pgd_t *pgd;" (offset column as wide as for @p container).
 */
void ms_type_print_member_decl(FILE *fp, const struct ms_type *container, const struct ms_member *m,
			       int radix);
/** "struct -o NAME ADDR": the declaration with each member's address "[ffff...]". */
void ms_type_print_decl_at(FILE *fp, const struct ms_type *t, uint64_t addr);
/**
 * Read memory as value printing does (the strings of char pointers): from
 * the program's dump, or its reader (ms_program_set_reader()); the FAULT
 * names it as gdb does ("gdb_readmem_callback").
 */
struct ms_error *ms_value_read(struct ms_program *prog, uint64_t addr, void *buf, size_t len);

#endif
