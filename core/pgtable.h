/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pgtable.h - the dump's x86-64 page tables, walked entry by entry.
 *
 * Four levels (PGD = PML4, PUD = PDPT, PMD = PD, PTE = PT), 512 entries of 8
 * bytes each per 4 KiB table, tables addressed physically.  A walk calls back
 * for each present entry with what it maps; the callback decides whether to
 * go below it.  ms_pgtable_translate() follows one address down and calls
 * back for every level it passes, present or not, which is what vtop prints.
 * kmem -M marks the pages that hold tables with the same walk; vtop, vm -p
 * and kmem -v will use it too.
 *
 * These are the architecture's rules (the hardware reads tables this way),
 * not the target's configuration: nothing here is read from a refmm header.
 * Only 4-level paging with 4 KiB base pages is known; a dump that says
 * otherwise (5-level, pgtable_l5_enabled) is not walked yet.
 */
#ifndef MS_PGTABLE_H
#define MS_PGTABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "core/program.h"

#define MS_PGTABLE_LEVELS	4
#define MS_PGTABLE_ENTRIES	512

/** The levels, named as Linux does; the number is how deep a walk is (4 at the root). */
enum ms_pgtable_level {
	MS_PGT_PTE = 1,
	MS_PGT_PMD = 2,
	MS_PGT_PUD = 3,
	MS_PGT_PGD = 4,
};

/** One entry, as a walk or a translation meets it. */
struct ms_pgtable_visit {
	enum ms_pgtable_level level;
	uint64_t table;		/* physical address of the table holding the entry */
	unsigned index;		/* the entry's index in it */
	uint64_t entry;		/* its raw value */
	uint64_t vaddr;		/* the first (canonical) virtual address it covers */
	uint64_t size;		/* bytes it covers: 512 GiB, 1 GiB, 2 MiB or 4 KiB */
	bool present;		/* _PAGE_PRESENT */
	bool leaf;		/* present and maps memory: a PTE, or a 1 GiB / 2 MiB page */
	uint64_t paddr;		/* leaf: the physical address of vaddr; else the next table */
};

/**
 * A walk's callback.  For a present entry that is not a leaf, *@p descend is
 * true on entry: set it false to skip what lies below.
 * @return NULL to go on, &ms_stop to end the walk (which then succeeds), or
 * an error, which ends the walk with it.
 */
typedef struct ms_error *ms_pgtable_fn(const struct ms_pgtable_visit *v, bool *descend, void *arg);

/** What to walk. */
struct ms_pgtable_walk {
	uint64_t root;		/* physical address of the top table (ms_pgtable_kernel_root()) */
	uint64_t start, end;	/* virtual range [start, end); end 0: to the top of memory */
	ms_pgtable_fn *fn;
	void *arg;
	/*
	 * A table that cannot be read: with @unreadable NULL the walk ends
	 * with the FAULT; else the table is counted there and skipped.
	 */
	uint64_t *unreadable;
};

/**
 * The kernel's top-level page table, physically: VMCOREINFO's
 * SYMBOL(init_top_pgt) (or swapper_pg_dir, init_level4_pgt), else the
 * symbol, translated by the dump's own translation.
 * @return NULL, LOOKUP when neither VMCOREINFO nor the symbols name it, or
 * why it cannot be translated.
 */
struct ms_error *ms_pgtable_kernel_root(struct ms_program *prog, uint64_t *pa_ret);

/**
 * Visit every present entry of the tables under w->root that covers part of
 * [w->start, w->end), in address order, depth first.
 * @return NULL, the callback's error, &ms_interrupted_error, or the FAULT of
 * a table that cannot be read ("PMD table at PA (entry 3 of the PUD table
 * at PA): ...").
 */
struct ms_error *ms_pgtable_walk(struct ms_program *prog, const struct ms_pgtable_walk *w);

/**
 * Translate @p vaddr through the tables under @p root, calling @p fn (may be
 * NULL; its *descend is ignored, &ms_stop ends the translation with
 * success and *paddr_ret unset) for the entry of each level it reads.
 * @return NULL with *@p paddr_ret; a FAULT at @p vaddr when an entry is not
 * present ("not mapped: PMD entry not present"), or when a table cannot be
 * read; the callback's error.
 */
struct ms_error *ms_pgtable_translate(struct ms_program *prog, uint64_t root, uint64_t vaddr,
				      ms_pgtable_fn *fn, void *arg, uint64_t *paddr_ret);

/** "PGD", "PUD", "PMD", "PTE". */
const char *ms_pgtable_level_name(enum ms_pgtable_level level);

#endif
