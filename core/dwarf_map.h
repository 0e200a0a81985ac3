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

/* What dwarf_object_init_b() takes; it lives as long as @m. */
Dwarf_Obj_Access_Interface *dw_map_interface(struct dw_map *m);

/* Unmap; after dwarf_finish() of the Dwarf_Debug made from it. */
void dw_map_close(struct dw_map *m);

#endif /* MMSCOPE_CORE_DWARF_MAP_H */
