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
#include <stdint.h>
#include <stddef.h>

struct ms_symbol {
	const char *name;
	uint64_t value;		/* relocated address */
	uint64_t size;
	char type;		/* nm(1) letter: T t D d B b R r A ... */
	bool unloaded;		/* its section is not loaded (no SHF_ALLOC) */
};

/** Load the symbol table of @p path.  -1 with a message on failure. */
int ms_symbols_load(const char *path);
void ms_symbols_free(void);
void ms_symbols_relocate(int64_t offset);
/** The relocation applied by ms_symbols_relocate() (0 if none): add it to DWARF addresses. */
int64_t ms_symbols_offset(void);

/** The symbol named @p name, or NULL. */
const struct ms_symbol *ms_symbol_find(const char *name);
/** The symbol at or below @p addr that contains it (or is the closest below); NULL if none. */
const struct ms_symbol *ms_symbol_by_addr(uint64_t addr, uint64_t *offset_ret);
/**
 * The symbol that really contains @p addr: a sized symbol with addr inside
 * it, or any symbol whose value is exactly @p addr; NULL otherwise.  This is
 * what value printing uses for gdb's "<symbol+off>"; like gdb it never
 * names a symbol of an unloaded section (per-CPU variables at offsets from
 * 0 would claim small integers).
 */
const struct ms_symbol *ms_symbol_containing(uint64_t addr, uint64_t *offset_ret);
/** Shorthand: the value of @p name in *ret, -1 (message set) if there is none. */
int ms_symbol_value(const char *name, uint64_t *ret);

/** All symbols in address order, for sym -l and for completion. */
size_t ms_symbol_count(void);
const struct ms_symbol *ms_symbol_at_index(size_t i);

/** The GNU build id of @p path as lowercase hex in @p buf, or -1. */
int ms_elf_build_id(const char *path, char *buf, size_t bufsz);

#endif
