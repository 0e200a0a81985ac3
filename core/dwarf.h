/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dwarf.h - libdwarf access for core/types.c; private to core/.
 *
 * core/dwarf.c owns the open debuginfo file and its Dwarf_Debug, the name
 * index over the CU-level DIEs and the line tables.  It is the only file
 * that passes a Dwarf_Error to libdwarf: every helper here clears libdwarf's
 * error itself, so to a caller a failure is an absent DIE or attribute (NULL,
 * false, 0), never a message.  Only dw_open() and dw_index() set one.
 *
 * What it leaves to core/types.c: turning DIEs into struct ms_type.  A
 * Dwarf_Die returned here belongs to the caller and must be freed with
 * dwarf_dealloc_die().  Names returned by dw_die_name() belong to libdwarf
 * and are valid until dw_close().
 */
#ifndef MS_DWARF_H
#define MS_DWARF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <dwarf.h>
#include <libdwarf.h>

#include "core/error.h"

/* ------------------------------------------------------------ open / close */

/* A program's DWARF (prog->dwarf); every function below takes it. */
struct ms_dwarf;

/**
 * Open @p path and its DWARF.  Nothing is read until the first lookup.
 * @param[out] ret  To be closed with dw_close().
 * @return NULL, OS ("PATH: strerror"), or OTHER ("PATH: no DWARF debugging
 * information", "PATH: dwarf_init_b: ...").
 */
struct ms_error *dw_open(const char *path, struct ms_dwarf **ret);
/** Close the file and free the index and line tables; NULL is ignored. */
void dw_close(struct ms_dwarf *dw);
/** The debuginfo's address size (its ELF class: a pointer's size), 0 if unknown. */
unsigned dw_pointer_size(struct ms_dwarf *dw);
/** Whether @p dw is open (dw_index() would not fail); false for NULL. */
bool dw_loaded(struct ms_dwarf *dw);

/* ------------------------------------------------------------ name index */

/** Namespaces of the name index: one name may be in several. */
enum dw_ns {
	NS_STRUCT = 1, NS_UNION, NS_ENUM, NS_TYPEDEF, NS_BASE,
	NS_VAR, NS_FUNC, NS_ENUMERATOR,
	NS_FILE,			/* interned source file names of the line tables */
};

struct dw_ent {
	const char *name;
	Dwarf_Off off;		/* the DIE; for NS_ENUMERATOR, the enum's */
	int64_t val;		/* enumerator value; NS_FUNC: abstract origin DIE or 0; caches: the value */
	unsigned char ns;
	bool owned;		/* name was malloc'ed */
	bool weak;		/* variable without location / function declaration */
};

/**
 * Build the index on first use (a no-op afterwards).
 * @return false when there is no debuginfo (@p dw NULL): nothing to look up.
 */
bool dw_index(struct ms_dwarf *dw);
/**
 * The entry for @p name in namespace @p ns, or NULL.  With @p insert, a
 * missing entry is added with only its name set: @p name is not copied, so
 * it must outlive the index (or be malloc'ed and marked owned, then
 * dw_close(dw) frees it).
 */
struct dw_ent *dw_index_lookup(struct ms_dwarf *dw, const char *name, unsigned ns, bool insert);
/**
 * The entry for @p name in namespace @p ns, added with a malloc'ed copy of
 * @p name (owned) if there is none yet.
 * @param[out] fresh  Whether it was added: then only its name is set.
 * @return NULL if out of memory.
 */
struct dw_ent *dw_index_intern(struct ms_dwarf *dw, const char *name, unsigned ns, bool *fresh);
/**
 * Call @p fn for every indexed name in namespaces @p ns_first..@p ns_last
 * that starts with @p prefix, in no particular order; with @p kernel_only,
 * only the kernel's (dw_off_kernel(), base types always).  The index must be
 * built.
 */
void dw_index_names(struct ms_dwarf *dw, unsigned ns_first, unsigned ns_last, const char *prefix,
		    bool kernel_only, void (*fn)(const char *name, void *arg), void *arg);

/* ------------------------------------------------------------ the kernel's CUs */

/**
 * Name the kernel's compilation units: those whose DW_AT_name contains
 * @p match (NULL: every CU is the kernel's, the default).  Call it before
 * the first lookup: the index then prefers a kernel CU's definition of a
 * name to another CU's.  The CU offsets are read from the CU headers.
 */
struct ms_error *dw_set_kernel_cus(struct ms_dwarf *dw, const char *match);
/** Whether the DIE at @p off lies in a kernel CU (always, without a match). */
bool dw_off_kernel(struct ms_dwarf *dw, Dwarf_Off off);
/**
 * Call @p fn for each function with code and each variable with a static
 * address that a kernel CU defines: its name and address (@p has_addr false
 * for a function split into ranges, known by name only).
 */
void dw_kernel_defs(struct ms_dwarf *dw, void (*fn)(const char *name, uint64_t addr, bool has_addr, void *arg),
		    void *arg);
/** Counters for benchmarks: CUs indexed and index entries (any may be NULL). */
void dw_index_stats(struct ms_dwarf *dw, size_t *n_cus, size_t *n_names);
/* How many libdwarf errors were met so far, and the first one's message. */
size_t dw_errors(struct ms_dwarf *dw, const char **first);
/**
 * Whether the index came from the index cache file rather than a walk of the
 * DIEs.  The cache: $MMSCOPE_CACHE_DIR, else $XDG_CACHE_HOME/mmscope, else
 * ~/.cache/mmscope, file dwarf-index-BUILDID.bin; MMSCOPE_NO_INDEX_CACHE=1
 * turns it off (see core/dwarf_cache.c).
 */
bool dw_index_cached(struct ms_dwarf *dw);
/**
 * Whether the index cache read the whole debuginfo for its fingerprint: no
 * cache file yet, or the file's stat data differ from those the cache file
 * keeps (else its fingerprint is taken on trust).
 */
bool dw_index_read_whole(struct ms_dwarf *dw);

/*
 * For the index cache (core/dwarf_cache.c) only: it fills the table from a
 * cache file and reads it to write one.
 */

/** Empty the index table without freeing owned names (there are none yet when the cache loads). */
void dw_index_reset(struct ms_dwarf *dw);
/**
 * Empty the index table and size it for @p n entries as the walk would have
 * grown it, so that inserting them does not grow it.
 * @return false if out of memory, with the index empty.
 */
bool dw_index_reserve(struct ms_dwarf *dw, size_t n);
/**
 * Record that the index was loaded from a cache file: @p n_cus CUs, entry
 * names in @p blob, which the index now owns (dw_close() frees it).
 */
void dw_index_adopt(struct ms_dwarf *dw, size_t n_cus, char *blob);
/**
 * The slots of the index's hash table (an empty one has a NULL name), valid
 * until the next insertion.
 * @param[out] n_slots  The number of slots.
 */
const struct dw_ent *dw_index_slots(struct ms_dwarf *dw, size_t *n_slots);

/**
 * Canonical spelling of a C base type ("unsigned long" = "long unsigned int"
 * = "unsigned long int") in @p key, the index's key for NS_BASE; the spelling
 * gdb 13 prints ("unsigned long") in @p disp.  Either buffer may be NULL.
 * @return false if @p in is not a base type name.
 */
bool dw_base_canon(const char *in, char *key, size_t keysz, char *disp, size_t dispsz);

/* ------------------------------------------------------------ DIEs */

/** The DIE at offset @p off in .debug_info, or NULL. */
Dwarf_Die dw_die_at(struct ms_dwarf *dw, Dwarf_Off off);
/** Tag, name (NULL if none), and offset of @p d (0 on error). */
Dwarf_Half dw_die_tag(struct ms_dwarf *dw, Dwarf_Die d);
const char *dw_die_name(struct ms_dwarf *dw, Dwarf_Die d);
Dwarf_Off dw_die_off(struct ms_dwarf *dw, Dwarf_Die d);
/** The first child of @p d, or NULL. */
Dwarf_Die dw_first_child(struct ms_dwarf *dw, Dwarf_Die d);
/** The next sibling of @p d, or NULL; @p d is freed either way. */
Dwarf_Die dw_next_sibling(struct ms_dwarf *dw, Dwarf_Die d);

bool dw_has_attr(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Half at);
/** The form of attribute @p at of @p d, 0 if it has none. */
Dwarf_Half dw_attr_form(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Half at);
/** An unsigned constant (a signed one is converted).  False if absent. */
bool dw_attr_udata(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Half at, Dwarf_Unsigned *v);
/**
 * A constant.  DW_FORM_sdata (and implicit_const) are signed, udata is
 * unsigned.  A fixed-size dataN is unsigned too -- gcc writes 200 in a signed
 * enum as data1 0xc8 and uses sdata for negative values -- unless it is as
 * wide as the signed type it belongs to (@p signed_width bytes, 0 for an
 * unsigned type), when only sign extension gives the value back.
 */
bool dw_attr_const(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Half at, unsigned signed_width, int64_t *v);
/** A reference attribute as a global .debug_info offset.  False if absent. */
bool dw_attr_ref(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Half at, Dwarf_Off *off);

/** DW_AT_byte_size of @p d.  False if it has none. */
bool dw_byte_size(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Unsigned *sz);
/** The address size of @p d's CU (8 if unknown). */
Dwarf_Half dw_address_size(struct ms_dwarf *dw, Dwarf_Die d);
/** DW_AT_low_pc of @p d, 0 if none. */
Dwarf_Addr dw_low_pc(struct ms_dwarf *dw, Dwarf_Die d);
/**
 * The static address in DW_AT_location of variable @p d: DW_OP_addr or
 * DW_OP_addrx, with constant offsets.  False for anything else.
 */
bool dw_location_addr(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Unsigned *addr);
/**
 * DW_AT_data_member_location of member @p m, a constant or a simple
 * expression; 0 and true for a union member, which has none.
 */
bool dw_member_location(struct ms_dwarf *dw, Dwarf_Die m, Dwarf_Unsigned *off);
/**
 * The byte size of an enum's underlying type if it is signed, 0 if it is
 * unsigned.  Without DW_AT_type (DWARF 2) the enum counts as signed int-sized.
 */
unsigned dw_enum_signed_width(struct ms_dwarf *dw, Dwarf_Die e);

/* ms_line_find() (core/types.h) is defined in core/dwarf.c too. */

#endif
