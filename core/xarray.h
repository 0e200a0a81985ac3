/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * xarray.h - walking an XArray (lib/xarray.c, Linux 4.20 on) in the dump.
 *
 * xa_head is NULL, a plain entry (index 0 alone) or an internal entry for a
 * node (xa_is_node(): low bits 0b10, above 4096; the node is at entry - 2).
 * A node at shift S holds XA_CHUNK_SIZE slots, slot i covering indices
 * base + (i << S); its slots hold nodes one level down (shift S -
 * XA_CHUNK_SHIFT), entries, sibling entries for a multi-index entry, or
 * retry and zero entries, which are skipped.  The chunk size is slots[]'s
 * DWARF length.  The walk is bounded by the shifts and a node count; a node
 * whose shift does not follow its parent's ends it with CORRUPT.
 */
#ifndef MS_XARRAY_H
#define MS_XARRAY_H

#include <stdint.h>

#include "core/error.h"
#include "core/program.h"

/** Called for each entry in index order; &ms_stop ends the walk. */
typedef struct ms_error *ms_xarray_fn(uint64_t index, uint64_t entry, void *arg);

/** Visit the entries of the struct xarray at @p xa. */
struct ms_error *ms_xarray_walk(struct ms_program *prog, uint64_t xa, ms_xarray_fn *fn, void *arg);

#endif
