/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * symbols.h - the debuginfo's ELF symbol table (libelf).
 *
 * Symbols are loaded once from the debuginfo file; KERNELOFFSET from the
 * dump is added to every value (ms_symbols_relocate()).  Lookups by name are
 * hashed, lookups by address are a binary search over the sorted table.
 */
#ifndef MS_SYMBOLS_H
#define MS_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/program.h"

struct ms_symbol {
	const char *name;
	uint64_t value;		/* relocated address */
	uint64_t size;
	char type;		/* nm(1) letter: T t D d B b R r A ... */
	bool unloaded;		/* its section is not loaded (no SHF_ALLOC) */
	bool percpu;		/* in a section linked at 0: a per-CPU offset, never relocated */
};

/** Load the symbol table of @p path (an OS error, or not an ELF file, or no symbol table). */
struct ms_error *ms_symbols_load(struct ms_program *prog, const char *path);
void ms_symbols_free(struct ms_program *prog);
void ms_symbols_relocate(struct ms_program *prog, int64_t offset);
/**
 * Make the symbols for which @p keep returns true the ones lookups see,
 * unless prog->show_hidden (ms_program_kernel_only() calls it for a
 * debuginfo that holds more than the dump's kernel).
 */
struct ms_error *ms_symbols_keep(struct ms_program *prog,
				 bool (*keep)(const struct ms_symbol *sym, void *arg), void *arg);
/** The relocation applied by ms_symbols_relocate() (0 if none): add it to DWARF addresses. */
int64_t ms_symbols_offset(struct ms_program *prog);

/** The symbol named @p name, or NULL. */
const struct ms_symbol *ms_symbol_find(struct ms_program *prog, const char *name);
/** The symbol at or below @p addr that contains it (or is the closest below); NULL if none. */
const struct ms_symbol *ms_symbol_by_addr(struct ms_program *prog, uint64_t addr, uint64_t *offset_ret);
/**
 * The symbol that really contains @p addr: a sized symbol with addr inside
 * it, or any symbol whose value is exactly @p addr; NULL otherwise.  This is
 * what value printing uses for gdb's "<symbol+off>"; like gdb it never
 * names a symbol of an unloaded section (per-CPU variables at offsets from
 * 0 would claim small integers).
 */
const struct ms_symbol *ms_symbol_containing(struct ms_program *prog, uint64_t addr, uint64_t *offset_ret);
/** Shorthand: the value of @p name in *ret; LOOKUP "symbol not found: NAME" if none. */
struct ms_error *ms_symbol_value(struct ms_program *prog, const char *name, uint64_t *ret);

/** All symbols in address order, for sym -l and for completion. */
size_t ms_symbol_count(struct ms_program *prog);
const struct ms_symbol *ms_symbol_at_index(struct ms_program *prog, size_t i);

/** The GNU build id of @p path as lowercase hex in @p buf; LOOKUP if it has none. */
struct ms_error *ms_elf_build_id(const char *path, char *buf, size_t bufsz);

#endif
