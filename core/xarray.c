/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * xarray.c - a bounded XArray walk (see xarray.h).
 *
 * The entry encoding is include/linux/xarray.h's: internal entries have the
 * low bits 0b10; those below 4096 are not nodes: siblings
 * (xa_mk_internal(offset), offset < XA_CHUNK_SIZE), XA_RETRY_ENTRY (256) and
 * XA_ZERO_ENTRY (257).
 */
#include <inttypes.h>

#include "core/dump.h"
#include "core/field.h"
#include "core/output.h"
#include "core/types.h"
#include "core/xarray.h"

#define XA_NODES_MAX	(1u << 22)

struct xa {
	struct ms_program *prog;
	ms_xarray_fn *fn;
	void *arg;
	const struct ms_field *shift, *slots;
	unsigned chunk_shift;
	uint64_t chunk_size;
	unsigned nodes;
};

static bool is_internal(uint64_t entry)
{
	return (entry & 3) == 2;
}

static bool is_node(uint64_t entry)
{
	return is_internal(entry) && entry > 4096;
}

static struct ms_error *walk_node(struct xa *x, uint64_t node, unsigned shift, uint64_t base)
{
	uint64_t s, slot;
	struct ms_error *err;

	if (++x->nodes > XA_NODES_MAX)
		return ms_error_corrupt(node, "xarray: more than %u nodes", XA_NODES_MAX);
	if (x->nodes % 4096 == 0 && ms_interrupted())
		return &ms_interrupted_error;
	if ((err = ms_field_read_u64(x->prog, x->shift, node, &s, "xa_node shift")))
		return err;
	if (s != shift)
		return ms_error_corrupt(node, "xa_node %" PRIx64 ": shift %" PRIu64 ", %u expected",
					node, s, shift);
	for (uint64_t i = 0; i < x->chunk_size; i++) {
		uint64_t index = base + (i << shift);

		if ((err = ms_read_u64(x->prog, node + x->slots->offset + i * 8, &slot, "xa_node slots")))
			return err;
		if (!slot)
			continue;
		if (shift && is_node(slot)) {
			err = walk_node(x, slot - 2, shift - x->chunk_shift, index);
		} else if (is_internal(slot)) {
			if (slot > 4096)
				return ms_error_corrupt(node, "xa_node %" PRIx64 ": slot %" PRIu64
							" holds a node at shift 0", node, i);
			continue;	/* a sibling, a retry or a zero entry */
		} else {
			err = x->fn(index, slot, x->arg);
		}
		if (err)
			return err;
	}
	return NULL;
}

struct ms_error *ms_xarray_walk(struct ms_program *prog, uint64_t xa, ms_xarray_fn *fn, void *arg)
{
	struct xa x = { prog, fn, arg, NULL, NULL, 0, 0, 0 };
	const struct ms_field *head_f;
	uint64_t head, elsize, s;
	struct ms_error *err;

	if ((err = ms_field_find_by_name(prog, "struct xarray", "xa_head", &head_f)) ||
	    (err = ms_field_read_u64(prog, head_f, xa, &head, "xarray xa_head")))
		return err;
	if (!head)
		return NULL;
	if (!is_node(head)) {
		err = is_internal(head) ? NULL : fn(0, head, arg);
		return err == &ms_stop ? NULL : err;
	}
	if ((err = ms_field_find_by_name(prog, "struct xa_node", "shift", &x.shift)) ||
	    (err = ms_field_find_by_name(prog, "struct xa_node", "slots", &x.slots)) ||
	    (err = ms_field_array(x.slots, &x.chunk_size, &elsize)))
		return err;
	while ((1ULL << x.chunk_shift) < x.chunk_size)
		x.chunk_shift++;
	if (elsize != 8 || x.chunk_size < 2 || (1ULL << x.chunk_shift) != x.chunk_size)
		return ms_error_lookup("struct xa_node", "struct xa_node: unexpected slots[]");
	if ((err = ms_field_read_u64(prog, x.shift, head - 2, &s, "xa_node shift")))
		return err;
	if (s >= 64 || s % x.chunk_shift)
		return ms_error_corrupt(head - 2, "xa_node %" PRIx64 ": shift %" PRIu64, head - 2, s);
	err = walk_node(&x, head - 2, (unsigned)s, 0);
	if (err == &ms_stop)
		return NULL;
	return err ? ms_error_prepend(err, "xarray %" PRIx64, xa) : NULL;
}
