/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * slab_internal.h - what the two walkers behind core/slab.h share: the SLAB
 * walker (core/slab.c) and the SLUB walker (core/slub.c) resolve members,
 * keep their layout, read a kmem_cache and report problems the same way.
 * The functions are in core/slab_common.c.  Private to those three files;
 * commands use core/slab.h.
 */
#ifndef MS_SLAB_INTERNAL_H
#define MS_SLAB_INTERNAL_H

#include <stdint.h>
#include <stdlib.h>

#include "core/error.h"
#include "core/field.h"
#include "core/program.h"
#include "core/slab.h"

/** ms_field_find(), growing *@p len (if not NULL) to the member's end. */
struct ms_error *ms_slab_field(struct ms_program *prog, const struct ms_type *t, const char *path,
			      const struct ms_field **ret, uint64_t *len);
/**
 * nr_node_ids (1 without it: no NUMA), checked against kmem_cache.node[]'s
 * @p node_len; the possible CPUs and their __per_cpu_offset[] (free
 * *@p cpu_offset).
 */
struct ms_error *ms_slab_cpus_nodes(struct ms_program *prog, uint64_t node_len, int *nr_node_ids,
				    int *nr_cpus, uint64_t **cpu_offset);

/**
 * Define static struct ms_error *@p name(struct ms_program *prog, @p type
 * **ret): the walker's layout, built by @p build(prog, st) on first use into
 * a zeroed @p type kept in prog->@p member, with the error @p build gave in
 * its member err.  Each call returns a copy of that error (NULL when the
 * layout is whole); *ret is set either way.
 */
#define MS_SLAB_DEFINE_STATE(name, type, member, build)			\
static struct ms_error *name(struct ms_program *prog, type **ret)	\
{									\
	type *st = prog->member;					\
									\
	if (!st) {							\
		st = calloc(1, sizeof(*st));				\
		if (!st)						\
			return &ms_enomem;				\
		st->err = build(prog, st);				\
		prog->member = st;					\
	}								\
	*ret = st;							\
	return st->err ? ms_error_copy(st->err) : NULL;			\
}

/**
 * Count a problem of cache @p c and hand it, formatted, to @p v's
 * problem() (if @p v has one) with @p arg.  The message is cut at 255
 * bytes.  Each walker calls it as problem(w, ...) for its struct walk.
 */
void ms_slab_problem(struct ms_slab_cache *c, const struct ms_slab_visitor *v, void *arg,
		     enum ms_slab_problem_kind kind, uint64_t slab, uint64_t object,
		     const char *fmt, ...) MS_PRINTF(7, 8);

/**
 * The start of reading the kmem_cache at @p addr into @p c: @p c zeroed
 * but for addr, its node[] read (@p nr_nodes pointers at offset
 * @p node_off) and the kmem_cache's first @p len bytes, for the walker to
 * take its members from, in *@p buf_ret (free() it; NULL on error).
 */
struct ms_error *ms_slab_cache_bytes(struct ms_program *prog, uint64_t addr, uint64_t len,
				     uint64_t node_off, int nr_nodes, struct ms_slab_cache *c,
				     unsigned char **buf_ret);
/**
 * The end of it: c->slab_size from c->gfporder and @p page_size, c->name
 * from the string at @p name ("(unknown)" when it cannot be read).
 */
void ms_slab_cache_name(struct ms_program *prog, uint64_t name, uint64_t page_size,
			struct ms_slab_cache *c);

/** Zero what ms_slab_cache_walk() counts in @p c, before a walk. */
void ms_slab_counts_reset(struct ms_slab_cache *c);

#endif
