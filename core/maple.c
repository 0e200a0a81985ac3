/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * maple.c - a bounded maple tree walk (see maple.h).
 *
 * The encoding follows include/linux/maple_tree.h and lib/maple_tree.c:
 * mte_to_node() clears the low 8 bits (MAPLE_NODE_MASK), mte_node_type() is
 * bits 3-6, and ma_data_end() says how many slots a node uses: an arange
 * node keeps it in its metadata; another node is full when its last pivot
 * is set (up to the slot whose pivot is the node's max), else its metadata
 * (in the last slot's place) has it.  The types' numbers come from enum
 * maple_type, the sizes and offsets from the DWARF.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/dump.h"
#include "core/field.h"
#include "core/maple.h"
#include "core/output.h"
#include "core/types.h"

#define MAPLE_NODE_MASK		0xffULL	/* include/linux/maple_tree.h */
#define MAPLE_TYPE_SHIFT	3
#define MAPLE_TYPE_MASK		0x0f
#define MAPLE_HEIGHT_MAX	31
#define MAPLE_NODES_MAX		(1u << 22)	/* 1 GiB of nodes: beyond, not a tree */
#define NODE_BYTES_MAX		1024

/* The shape of one node type. */
struct node_kind {
	uint64_t pivot, slot, meta_end;	/* offsets in struct maple_node */
	unsigned nr_pivots, nr_slots;
};

struct maple {
	struct ms_program *prog;
	ms_maple_fn *fn;
	void *arg;
	uint64_t node_size;
	int64_t dense, leaf_64, range_64, arange_64;	/* enum maple_type */
	struct node_kind kind[4];	/* by enum maple_type value, when 0-3 */
	unsigned nodes;
	unsigned char buf[NODE_BYTES_MAX];
};

static struct ms_error *array_field(struct ms_program *prog, const struct ms_type *node,
				    const char *path, uint64_t *off, unsigned *len)
{
	const struct ms_field *f;
	uint64_t n, elsize;
	struct ms_error *err;

	if ((err = ms_field_find(prog, node, path, &f)) || (err = ms_field_array(f, &n, &elsize)))
		return err;
	if (elsize != 8 || !n || f->offset + n * 8 > NODE_BYTES_MAX)
		return ms_error_lookup(path, "struct maple_node %s: unexpected array", path);
	*off = f->offset;
	*len = (unsigned)n;
	return NULL;
}

static struct ms_error *maple_init(struct maple *m)
{
	struct ms_program *prog = m->prog;
	const struct ms_type *node;
	const struct ms_field *f;
	struct node_kind *k;
	struct ms_error *err;

	if ((err = ms_type_find(prog, "struct maple_node", &node)) ||
	    (err = ms_enum_value(prog, "maple_dense", &m->dense)) ||
	    (err = ms_enum_value(prog, "maple_leaf_64", &m->leaf_64)) ||
	    (err = ms_enum_value(prog, "maple_range_64", &m->range_64)) ||
	    (err = ms_enum_value(prog, "maple_arange_64", &m->arange_64)))
		return err;
	m->node_size = ms_type_size(node);
	if (!m->node_size || m->node_size > NODE_BYTES_MAX)
		return ms_error_lookup("struct maple_node", "struct maple_node: unexpected size %" PRIu64,
				       m->node_size);
	if (m->dense < 0 || m->dense > 3 || m->leaf_64 < 0 || m->leaf_64 > 3 ||
	    m->range_64 < 0 || m->range_64 > 3 || m->arange_64 < 0 || m->arange_64 > 3)
		return ms_error_lookup("enum maple_type", "enum maple_type: unexpected values");
	/* dense: the first anonymous struct's slot[] */
	k = &m->kind[m->dense];
	if ((err = array_field(prog, node, "slot", &k->slot, &k->nr_slots)))
		return err;
	k = &m->kind[m->range_64];
	if ((err = array_field(prog, node, "mr64.pivot", &k->pivot, &k->nr_pivots)) ||
	    (err = array_field(prog, node, "mr64.slot", &k->slot, &k->nr_slots)) ||
	    (err = ms_field_find(prog, node, "mr64.meta.end", &f)))
		return err;
	k->meta_end = f->offset;
	m->kind[m->leaf_64] = *k;	/* a leaf is laid out as a range node */
	k = &m->kind[m->arange_64];
	if ((err = array_field(prog, node, "ma64.pivot", &k->pivot, &k->nr_pivots)) ||
	    (err = array_field(prog, node, "ma64.slot", &k->slot, &k->nr_slots)) ||
	    (err = ms_field_find(prog, node, "ma64.meta.end", &f)))
		return err;
	k->meta_end = f->offset;
	for (int i = 0; i < 4; i++)
		if (m->kind[i].nr_pivots >= m->kind[i].nr_slots && i != m->dense)
			return ms_error_lookup("struct maple_node",
					       "struct maple_node: more pivots than slots");
	return NULL;
}

/* ma_root holds the root node marked MAPLE_ROOT_NODE (0x02): xa_is_node() */
static bool is_root_node(uint64_t entry)
{
	return (entry & 3) == 2 && entry > 4096;
}

/* a child in an inner slot: mt_mk_node()'s node | type << 3 | MAPLE_ENODE_NULL */
static bool is_child(uint64_t entry)
{
	return !(entry & 3) && entry > 4096;
}

static uint64_t word(const struct maple *m, uint64_t off, unsigned i)
{
	uint64_t v;

	memcpy(&v, m->buf + off + (uint64_t)i * 8, 8);
	return v;
}

static struct ms_error *walk_node(struct maple *m, uint64_t enode, uint64_t min, uint64_t max,
				  int depth)
{
	uint64_t node = enode & ~MAPLE_NODE_MASK, lo = min;
	unsigned type = (unsigned)(enode >> MAPLE_TYPE_SHIFT) & MAPLE_TYPE_MASK, end;
	uint64_t pivots[64], slots[64];
	const struct node_kind *k;
	struct ms_error *err;

	if (depth > MAPLE_HEIGHT_MAX)
		return ms_error_corrupt(node, "maple node %" PRIx64 ": deeper than %d levels", node,
					MAPLE_HEIGHT_MAX);
	if (++m->nodes > MAPLE_NODES_MAX)
		return ms_error_corrupt(node, "maple tree: more than %u nodes", MAPLE_NODES_MAX);
	if (type > 3)
		return ms_error_corrupt(node, "maple node %" PRIx64 ": encoded type %u unknown", node,
					type);
	if (m->nodes % 4096 == 0 && ms_interrupted())
		return &ms_interrupted_error;
	if ((err = ms_readmem(m->prog, node, MS_KVADDR, m->buf, m->node_size, "maple_node")))
		return err;
	k = &m->kind[type];
	if (k->nr_slots > 64)
		return ms_error_lookup("struct maple_node", "struct maple_node: too many slots");
	for (unsigned i = 0; i < k->nr_slots; i++)
		slots[i] = word(m, k->slot, i);
	if ((int64_t)type == m->dense) {
		for (unsigned i = 0; i < k->nr_slots && min + i <= max; i++) {
			if (slots[i] && (err = m->fn(min + i, min + i, slots[i], m->arg)))
				return err;
			if (min + i == max)
				break;
		}
		return NULL;
	}
	for (unsigned i = 0; i < k->nr_pivots; i++)
		pivots[i] = word(m, k->pivot, i);
	/* ma_data_end() */
	if ((int64_t)type == m->arange_64 || !pivots[k->nr_pivots - 1])
		end = m->buf[k->meta_end];
	else if (pivots[k->nr_pivots - 1] == max)
		end = k->nr_pivots - 1;
	else
		end = k->nr_pivots;
	if (end >= k->nr_slots)
		return ms_error_corrupt(node, "maple node %" PRIx64 ": data end %u beyond its %u slots",
					node, end, k->nr_slots);
	for (unsigned i = 0; i <= end; i++) {
		uint64_t piv = i < k->nr_pivots ? pivots[i] : max;
		bool leaf = (int64_t)type == m->leaf_64;

		if (i > 0 && !piv)
			break;		/* an unused pivot ends the data (mt_dump()) */
		if (piv < lo || piv > max)
			return ms_error_corrupt(node, "maple node %" PRIx64 ": pivot %u (%#" PRIx64
						") outside %#" PRIx64 "-%#" PRIx64, node, i, piv, lo, max);
		if (leaf) {
			if (slots[i] && (slots[i] & 3) == 2)
				return ms_error_corrupt(node, "maple node %" PRIx64 ": slot %u holds an"
							" internal entry %#" PRIx64, node, i, slots[i]);
			if (slots[i] && (err = m->fn(lo, piv, slots[i], m->arg)))
				return err;
		} else {
			if (!is_child(slots[i]))
				return ms_error_corrupt(node, "maple node %" PRIx64 ": slot %u (%#" PRIx64
							") is not a node", node, i, slots[i]);
			if ((err = walk_node(m, slots[i], lo, piv, depth + 1)))
				return err;
			/* the child overwrote the buffer; the parent's copies are kept */
		}
		if (piv == max)
			break;
		lo = piv + 1;
	}
	return NULL;
}

struct ms_error *ms_maple_walk(struct ms_program *prog, uint64_t tree, ms_maple_fn *fn, void *arg)
{
	struct maple *m;
	const struct ms_field *root_f;
	uint64_t root;
	struct ms_error *err;

	if ((err = ms_field_find_by_name(prog, "struct maple_tree", "ma_root", &root_f)) ||
	    (err = ms_field_read_u64(prog, root_f, tree, &root, "maple_tree ma_root")))
		return err;
	if (!root)
		return NULL;
	if (!is_root_node(root))	/* a single entry, at index 0 */
		return fn(0, 0, root, arg);
	if (!(m = calloc(1, sizeof(*m))))
		return &ms_enomem;
	m->prog = prog;
	m->fn = fn;
	m->arg = arg;
	err = maple_init(m);
	if (!err)
		err = walk_node(m, root, 0, UINT64_MAX, 0);
	free(m);
	if (err == &ms_stop)
		return NULL;
	return err ? ms_error_prepend(err, "maple tree %" PRIx64, tree) : NULL;
}
