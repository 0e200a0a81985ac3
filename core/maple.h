/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * maple.h - walking a maple tree (lib/maple_tree.c, Linux 6.1 on) in the dump.
 *
 * A tree's ma_root is NULL (empty), a plain entry (the tree holds index 0
 * alone) or an encoded node: the node's address with its type in bits 3-6
 * and 0b10 in the low bits (xa_is_node()); a child in an inner node is
 * encoded alike with 0b100 (MAPLE_ENODE_NULL) instead of 0b10.  Nodes are 256-byte structures:
 * maple_range_64 and maple_arange_64 inner nodes hold pivots and encoded
 * children, maple_leaf_64 leaves pivots and entries, maple_dense leaves one
 * index per slot.  Slot i of a node covering [min, max] covers
 * [pivot[i - 1] + 1, pivot[i]], the last used one up to max.  How many slots
 * and pivots each type has is read from the arrays' DWARF lengths.
 *
 * The walk is bounded: by the tree's height, by a node count, and by the
 * ranges themselves (each must lie inside its parent's and follow the one
 * before); a node that breaks them ends it with CORRUPT naming the node.
 */
#ifndef MS_MAPLE_H
#define MS_MAPLE_H

#include <stdint.h>

#include "core/error.h"
#include "core/program.h"

/**
 * Called for each non-NULL entry, in index order, with the range
 * [@p first, @p last] it covers; &ms_stop ends the walk (with success).
 */
typedef struct ms_error *ms_maple_fn(uint64_t first, uint64_t last, uint64_t entry, void *arg);

/**
 * Visit the entries of the struct maple_tree at @p tree.
 * @return NULL, the callback's error, LOOKUP (no maple tree types), a FAULT
 * or CORRUPT naming the node that is damaged.
 */
struct ms_error *ms_maple_walk(struct ms_program *prog, uint64_t tree, ms_maple_fn *fn, void *arg);

#endif
