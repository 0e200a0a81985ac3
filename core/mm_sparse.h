/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mm_sparse.h - where struct pages live in a SPARSEMEM kernel: the
 * mem_section[] table decoded as the kernel's __section_mem_map_addr() does.
 *
 * A node without pglist_data.node_mem_map (FLATMEM has one; SPARSEMEM does
 * not) finds its struct pages here.  Everything comes from the dump: the
 * type of mem_section (a pointer to roots, SPARSEMEM_EXTREME, or a
 * two-dimensional array) and struct mem_section from DWARF, the section
 * size from VMCOREINFO's NUMBER(SECTION_SIZE_BITS), the flag bits from the
 * kernel's own enum when it has one.  Only a mem_map that is one virtual
 * array across the node (SPARSEMEM_VMEMMAP: every section decodes to the same
 * base) fits the model's node->mem_map; classic SPARSEMEM, with a separate
 * array per section, is reported as not supported.
 *
 * Nothing is cached here: the model (core/mm.c) asks once per node, and
 * kmem -n walks the table when it is run.
 */
#ifndef MS_MM_SPARSE_H
#define MS_MM_SPARSE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "core/program.h"

/** One memory section, decoded. */
struct ms_mm_section {
	uint64_t nr;			/* section number: pfn >> PFN_SECTION_SHIFT */
	uint64_t addr;			/* its struct mem_section */
	uint64_t coded;			/* section_mem_map without its flags (map - start pfn) */
	uint64_t mem_map;		/* the struct page of its first pfn */
	uint64_t start_pfn;		/* its first pfn */
	unsigned flags;			/* MS_MM_SECTION_* */
};

#define MS_MM_SECTION_PRESENT	1u	/* SECTION_MARKED_PRESENT */
#define MS_MM_SECTION_MEM_MAP	2u	/* SECTION_HAS_MEM_MAP */
#define MS_MM_SECTION_ONLINE	4u	/* SECTION_IS_ONLINE, where the kernel has it */
#define MS_MM_SECTION_EARLY	8u	/* SECTION_IS_EARLY, where the kernel has it */
#define MS_MM_SECTION_DEVICE	16u	/* SECTION_TAINT_ZONE_DEVICE, where the kernel has it */

/**
 * Whether the kernel is SPARSEMEM: it has a mem_section variable (DWARF or
 * VMCOREINFO SYMBOL(mem_section)).
 */
bool ms_mm_sparse_present(struct ms_program *prog);

/**
 * The struct page of @p start_pfn for a node spanning @p spanned pages,
 * when the node's sections share one virtual mem_map (SPARSEMEM_VMEMMAP).
 * @return NULL; LOOKUP when the dump lacks what the decoding needs or the
 * sections do not share one map; a FAULT.
 */
struct ms_error *ms_mm_sparse_node_map(struct ms_program *prog, uint64_t start_pfn, uint64_t spanned,
				       uint64_t page_struct_size, uint64_t *ret);

/**
 * Call @p fn for every present section, in section order (kmem -n).
 * @p fn returns NULL, &ms_stop or an error.
 * @return NULL, LOOKUP as above, a FAULT, or @p fn's error.
 */
struct ms_error *ms_mm_sparse_sections(struct ms_program *prog, uint64_t page_struct_size,
				       struct ms_error *(*fn)(const struct ms_mm_section *s, void *arg),
				       void *arg);

/**
 * Where the pageblock bits of @p pfn are, on SPARSEMEM, where each section
 * keeps its own bitmap (mem_section.usage->pageblock_flags since Linux 5.3,
 * mem_section.pageblock_flags before): *bitmap_ret gets the bitmap's
 * address and *bitidx_ret the index of @p pfn's first bit in it
 * (pfn_to_bitidx(): the pfn's pageblock within its section times
 * @p pb_bits).
 * @return NULL; LOOKUP when the kernel keeps no such bitmap or the section
 * has none; a FAULT.
 */
struct ms_error *ms_mm_sparse_pageblock_bits(struct ms_program *prog, uint64_t pfn, int pageblock_order,
					     int pb_bits, uint64_t *bitmap_ret, uint64_t *bitidx_ret);

/**
 * The size in bits of a word of the sections' pageblock bitmaps (its element
 * type, unsigned long); LOOKUP when the kernel keeps the bitmap elsewhere.
 */
struct ms_error *ms_mm_sparse_pageblock_word_bits(struct ms_program *prog, unsigned *ret);

/** PFN_SECTION_SHIFT: pfns per section = 1 << this. LOOKUP without NUMBER(SECTION_SIZE_BITS). */
struct ms_error *ms_mm_sparse_pfn_shift(struct ms_program *prog, unsigned *ret);

#endif
