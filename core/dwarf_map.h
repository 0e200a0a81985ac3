/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dwarf_map.h - libdwarf's sections straight from a read-only mapping of
 * the debuginfo file, instead of copies in the heap.
 */
#ifndef MMSCOPE_CORE_DWARF_MAP_H
#define MMSCOPE_CORE_DWARF_MAP_H

#include <libdwarf.h>

struct dw_map;

/*
 * The mapping of the ELF file open on @fd, or NULL when the file is not one
 * it serves (a relocatable object, a compressed debug section, no section
 * headers, a mapping that fails): dwarf_init_b() then reads it as before.
 */
struct dw_map *dw_map_open(int fd);

/*
 * dwarf_object_init_b() over @m, which must outlive the Dwarf_Debug; what
 * dwarf_init_b() would return.
 */
int dw_map_dwarf_init(struct dw_map *m, Dwarf_Debug *dbg, Dwarf_Error *err);

/*
 * Take the pages of @m read so far out of the process's resident set: they
 * stay in the page cache, and a later read maps them again (a minor fault).
 * For a walk of the whole of .debug_info, which would otherwise hold every
 * page of it to the end of the session.  NULL does nothing.
 */
void dw_map_drop(struct dw_map *m);

/* Unmap; after dwarf_finish() of the Dwarf_Debug made from it. */
void dw_map_close(struct dw_map *m);

#endif /* MMSCOPE_CORE_DWARF_MAP_H */
