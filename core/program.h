/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * program.h - one program: a dump and the debuginfo that describes it.
 *
 * struct ms_program is to mmscope what struct drgn_program is to libdrgn:
 * everything core knows about one dump lives in it, and every core function
 * that reads the dump, looks up a symbol or a type, or asks the memory model
 * takes it as its first argument.  Nothing per dump is kept in a file-level
 * static, so two programs live side by side in one process (the diff of two
 * dumps opens two).
 *
 * A program is made empty with ms_program_create(), then given its dump and
 * its debuginfo; it owns both until ms_program_destroy().  The members are
 * the modules' own state, each private to the module that defines it: other
 * files go through that module's functions.
 */
#ifndef MS_PROGRAM_H
#define MS_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

struct ms_dump;
struct ms_symtab;
struct ms_dwarf;
struct ms_typecache;
struct ms_field_cache;
struct ms_mm_state;
struct ms_list_seen;
struct ms_slab_state;
struct ms_slub_state;
struct ms_task_state;

/**
 * How a program without a dump reads memory (tests read an ELF file's
 * sections).  Returns NULL, or a FAULT at the first unreadable address.
 */
typedef struct ms_error *ms_program_read_fn(void *arg, uint64_t addr, enum ms_as as, void *buf,
					    size_t len, const char *what);

struct ms_program {
	char *dump_path;		/* as given to ms_program_open_dump() */
	char *debuginfo_path;		/* as given to ms_program_open_debuginfo() */
	struct ms_dump *dump;		/* core/dump.c: the dump, NULL if none */
	ms_program_read_fn *read_fn;	/* without a dump: a memory reader, or NULL */
	void *read_arg;
	struct ms_symtab *symtab;	/* core/symbols.c: the ELF symbols */
	struct ms_dwarf *dwarf;		/* core/dwarf.c: the DWARF and its name index */
	struct ms_typecache *types;	/* core/types.c: types built from it */
	uint64_t types_generation;	/* core/types.c: changes whenever the types go */
	struct ms_field_cache *fields;	/* core/field.c: resolved member paths */
	struct ms_mm_state *mm;		/* core/mm.c: the memory model, built per part */
	struct ms_list_seen *list_seen;	/* core/list.c: the walker's kept seen-set */
	struct ms_slab_state *slab;	/* core/slab.c: the SLAB layout, resolved once */
	struct ms_slub_state *slub;	/* core/slub.c: the SLUB layout, resolved once */
	struct ms_task_state *tasks;	/* core/task.c: the task table and context */
	/* the debuginfo is mmscope's own: lookups see the dump's kernel only ... */
	bool kernel_only;
	bool show_hidden;		/* ... unless this is set ("set hidden on") */
};

/** A new, empty program. */
struct ms_error *ms_program_create(struct ms_program **ret);
/** Close the dump and the debuginfo and free everything; NULL is ignored. */
void ms_program_destroy(struct ms_program *prog);

/** Open @p path as the program's dump (see core/dump.h). */
struct ms_error *ms_program_open_dump(struct ms_program *prog, const char *path);
/**
 * Load the ELF symbols and DWARF of @p path.  With a dump open, symbols are
 * relocated by its KERNELOFFSET, so open the dump first.
 */
struct ms_error *ms_program_open_debuginfo(struct ms_program *prog, const char *path);
/** Read memory with @p fn instead of a dump (a program for tests). */
void ms_program_set_reader(struct ms_program *prog, ms_program_read_fn *fn, void *arg);

/** Whether the program has its debuginfo: symbols and types can be looked up. */
bool ms_program_has_debuginfo(const struct ms_program *prog);

/**
 * Whether lookups see only the dump's kernel.  The debuginfo of a dump that
 * mmscope wrote is the mmscope executable, inspector included: its symbols,
 * types, variables and functions are then hidden, so that "sym main" or
 * "struct pctx" answer as they would on the kernel alone.  Never for
 * another debuginfo (a vmlinux).
 */
bool ms_program_kernel_only(const struct ms_program *prog);
/** Show (@p on) or hide again what is not the dump's kernel. */
void ms_program_show_hidden(struct ms_program *prog, bool on);

#endif
