/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * slub.h - the SLUB allocator (mm/slub.c, read through DWARF alone), the
 * second walker behind core/slab.h.  core/slab.c chooses it when struct
 * kmem_cache has a cpu_slab member and calls these; commands use slab.h.
 *
 * caches -> slabs -> objects, as slub.c keeps them: every cache has a
 * struct kmem_cache_cpu per CPU (cpu_slab, a __percpu pointer) holding the
 * CPU's slab (.slab, .page before 5.17), its lockless freelist and a chain
 * of per-CPU partial slabs (.partial, linked through slab.next); and a
 * struct kmem_cache_node per node with the partial list (and, with
 * CONFIG_SLUB_DEBUG, nr_slabs, total_objects and the full list, kept only
 * for SLAB_STORE_USER caches).  A slab (struct slab from 5.17, struct page
 * before) says how many of its objects are handed out (inuse) and where its
 * first free object is (freelist); each free object holds the next one's
 * address at s->offset, mangled with CONFIG_SLAB_FREELIST_HARDENED.
 */
#ifndef MS_SLUB_H
#define MS_SLUB_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "core/program.h"
#include "core/slab.h"

/** True when @p prog's struct kmem_cache is SLUB's (it has cpu_slab). */
bool ms_slub_detect(struct ms_program *prog);

struct ms_error *ms_slub_cache_read(struct ms_program *prog, uint64_t addr,
				    struct ms_slab_cache *ret);
struct ms_error *ms_slub_cache_walk(struct ms_program *prog, struct ms_slab_cache *c,
				    const struct ms_slab_visitor *v, void *arg);
struct ms_error *ms_slub_page_of(struct ms_program *prog, uint64_t addr, uint64_t *page_ret,
				 uint64_t *cache_ret);
void ms_slub_cache_slabinfo(const struct ms_slab_cache *c, struct ms_slabinfo *ret);
void ms_slub_free(struct ms_program *prog);

#endif
