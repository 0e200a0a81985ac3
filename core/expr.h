/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * expr.h - the C expression evaluator behind "p".
 *
 * Understands what crash users type at gdb's print: global variables,
 * enumerators and functions by name (DWARF, addresses from the relocated
 * ELF symbols), members "a.b" and "a->b" (through anonymous members),
 * "*ptr", "&x", "array[i]" and "ptr[i]", casts "(struct page *)0x..." and
 * "(unsigned long)x", sizeof, integer literals, unary - ~ !, and the binary
 * operators * / % + - << >> & ^ | with C precedence and pointer arithmetic.
 * Memory is read through ms_value_read() (value.h), so tests can feed an
 * ELF image instead of a dump.
 */
#ifndef MS_EXPR_H
#define MS_EXPR_H

#include <stdbool.h>
#include <stdint.h>

#include "core/types.h"
#include "core/program.h"

struct ms_value {
	const struct ms_type *type;	/* NULL: a symbol without debug info */
	bool lval;			/* lives in the dump at addr */
	uint64_t addr;
	unsigned char *bytes;		/* contents, ms_type_size(type) bytes; NULL until loaded */
	const char *symbol;		/* the whole expression was this symbol name */
};

/**
 * Evaluate @p text.  On success *ret holds the result, to be released with
 * ms_expr_value_release().  The error says what gdb would:
 *   No symbol "foo" in current context.            (LOOKUP)
 *   A syntax error in expression, near `rest'.    (USAGE)
 *   There is no member named foo.                   (LOOKUP)
 *   Attempt to take contents of a non-pointer value. (USAGE)
 *   invalid kernel virtual address: ...             (the dump's FAULT)
 */
struct ms_error *ms_expr_eval(struct ms_program *prog, const char *text, struct ms_value *ret);
/** Read the contents of an lvalue into v->bytes (no-op if loaded); a FAULT if it cannot be read. */
struct ms_error *ms_expr_value_load(struct ms_program *prog, struct ms_value *v);
void ms_expr_value_release(struct ms_value *v);
/** The value as an integer (pointers, enums, bools, chars; arrays decay to their address). */
struct ms_error *ms_expr_value_u64(struct ms_program *prog, struct ms_value *v, uint64_t *ret);

#endif
