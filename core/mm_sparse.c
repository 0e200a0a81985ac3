/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mm_sparse.c - the SPARSEMEM mem_section[] table (see mm_sparse.h).
 *
 * Linux keeps one struct mem_section per 1 << SECTION_SIZE_BITS bytes of
 * physical memory.  Its section_mem_map holds the address of the section's
 * struct pages minus the section's first pfn (sparse_encode_mem_map()), so
 * that pfn_to_page() is coded + pfn, with flag bits in the low bits the
 * encoding leaves free.  With SPARSEMEM_EXTREME, mem_section is a pointer to
 * an array of roots, each a page of sections (SECTIONS_PER_ROOT =
 * PAGE_SIZE / sizeof(struct mem_section)); without it, a two-dimensional
 * array.  Both shapes are told by the variable's DWARF type.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/dump.h"
#include "core/error.h"
#include "core/field.h"
#include "core/mm_sparse.h"
#include "core/symbols.h"
#include "core/types.h"
#include "core/vmcoreinfo.h"

/* What decoding a section needs, found in the dump. */
struct sparse {
	bool extreme;		/* mem_section is struct mem_section ** */
	uint64_t roots;		/* EXTREME: the array of root pointers; else the table */
	uint64_t nr_roots;	/* NR_SECTION_ROOTS */
	uint64_t per_root;	/* SECTIONS_PER_ROOT */
	uint64_t ms_size;	/* sizeof(struct mem_section) */
	uint64_t map_off;	/* offsetof(struct mem_section, section_mem_map) */
	unsigned pfn_shift;	/* PFN_SECTION_SHIFT */
	uint64_t map_mask;	/* SECTION_MAP_MASK */
	int bit_present, bit_map, bit_online, bit_early, bit_device;	/* -1: none */
};

/* An enumerator's value as a flag bit, or @fallback without the enum. */
static int section_bit(struct ms_program *prog, const char *name, int fallback)
{
	int64_t v;
	struct ms_error *err = ms_enum_value(prog, name, &v);

	if (err) {
		ms_error_destroy(err);
		return fallback;
	}
	return v >= 0 && v < 16 ? (int)v : fallback;
}

static uint64_t page_size_of(struct ms_program *prog)
{
	const struct ms_dump_info *di = ms_dump_info(prog);

	return di && di->page_size ? di->page_size : 4096;
}

struct ms_error *ms_mm_sparse_pfn_shift(struct ms_program *prog, unsigned *ret)
{
	uint64_t ps = page_size_of(prog);
	unsigned page_shift = 0;
	int64_t bits;
	struct ms_error *err = ms_vmcoreinfo_number(ms_dump_vmcoreinfo(prog), "SECTION_SIZE_BITS",
						    12, 63, &bits);

	if (err)
		return ms_error_prepend(err, "SPARSEMEM section size");
	while ((1ull << page_shift) < ps)
		page_shift++;
	if ((unsigned)bits < page_shift)
		return ms_error_corrupt(0, "NUMBER(SECTION_SIZE_BITS)=%" PRId64
					" is below the page shift %u", bits, page_shift);
	*ret = (unsigned)bits - page_shift;
	return NULL;
}

bool ms_mm_sparse_present(struct ms_program *prog)
{
	return ms_symbol_find(prog, "mem_section") ||
	       ms_vmcoreinfo_get(ms_dump_vmcoreinfo(prog), "SYMBOL(mem_section)");
}

static struct ms_error *sparse_init(struct ms_program *prog, struct sparse *sp)
{
	const struct ms_vmcoreinfo *vi = ms_dump_vmcoreinfo(prog);
	const struct ms_symbol *sym = ms_symbol_find(prog, "mem_section");
	const struct ms_type *ms, *t = NULL;
	const struct ms_field *f;
	uint64_t dwarf_addr, page_size = page_size_of(prog);
	int last;
	struct ms_error *err;

	if ((err = ms_type_find(prog, "struct mem_section", &ms)) ||
	    (err = ms_field_find(prog, ms, "section_mem_map", &f)))
		return err;
	sp->ms_size = ms_type_size(ms);
	sp->map_off = f->offset;
	if (!sp->ms_size)
		return ms_error_lookup("struct mem_section", "struct mem_section has no size");
	if ((err = ms_mm_sparse_pfn_shift(prog, &sp->pfn_shift)))
		return err;

	err = ms_variable_find(prog, "mem_section", &t, &dwarf_addr);
	if (err && !ms_error_catch(&err, MS_ERR_LOOKUP))
		return err;
	t = t ? ms_type_strip(t) : NULL;
	if (sym && t && ms_type_kind(t) == MS_TYPE_ARRAY) {
		/* struct mem_section mem_section[NR_SECTION_ROOTS][SECTIONS_PER_ROOT] */
		const struct ms_type *row = ms_type_strip(ms_type_target(t));

		sp->extreme = false;
		sp->roots = sym->value;
		sp->nr_roots = ms_type_array_len(t);
		sp->per_root = row && ms_type_kind(row) == MS_TYPE_ARRAY ? ms_type_array_len(row) : 0;
	} else {
		/*
		 * SPARSEMEM_EXTREME: struct mem_section **mem_section, the roots
		 * allocated at boot.  VMCOREINFO's SYMBOL(mem_section) is the
		 * pointer's value (VMCOREINFO_SYMBOL_ARRAY) and LENGTH its count.
		 */
		sp->extreme = true;
		sp->per_root = page_size / sp->ms_size;
		if (sym && t && ms_type_kind(t) == MS_TYPE_POINTER) {
			if ((err = ms_read_u64(prog, sym->value, &sp->roots, "mem_section")))
				return err;
		} else if ((err = ms_vmcoreinfo_symbol(vi, "mem_section", &sp->roots))) {
			return ms_error_prepend(err, "the kernel's mem_section");
		}
		err = ms_vmcoreinfo_length(vi, "mem_section", &sp->nr_roots);
		if (ms_error_catch(&err, MS_ERR_LOOKUP)) {
			/* NR_SECTION_ROOTS = NR_MEM_SECTIONS / SECTIONS_PER_ROOT, rounded up */
			int64_t bits, sbits;

			err = ms_vmcoreinfo_number(vi, "MAX_PHYSMEM_BITS", 12, 63, &bits);
			if (!err)
				err = ms_vmcoreinfo_number(vi, "SECTION_SIZE_BITS", 12, 63, &sbits);
			if (err)
				return ms_error_prepend(err, "the number of SPARSEMEM roots");
			if (bits < sbits || bits - sbits > 40)
				return ms_error_corrupt(0, "NUMBER(MAX_PHYSMEM_BITS)=%" PRId64
							" with NUMBER(SECTION_SIZE_BITS)=%" PRId64, bits, sbits);
			sp->nr_roots = ((1ull << (bits - sbits)) + sp->per_root - 1) / sp->per_root;
		}
		if (err)
			return err;
	}
	if (!sp->roots || !sp->per_root || !sp->nr_roots || sp->nr_roots > (1ull << 24))
		return ms_error_corrupt(sp->roots, "mem_section: %" PRIu64 " roots of %" PRIu64
					" sections at %" PRIx64 " cannot be read", sp->nr_roots,
					sp->per_root, sp->roots);

	sp->bit_present = section_bit(prog, "SECTION_MARKED_PRESENT_BIT", 0);
	sp->bit_map = section_bit(prog, "SECTION_HAS_MEM_MAP_BIT", 1);
	sp->bit_online = section_bit(prog, "SECTION_IS_ONLINE_BIT", -1);
	sp->bit_early = section_bit(prog, "SECTION_IS_EARLY_BIT", -1);
	sp->bit_device = section_bit(prog, "SECTION_TAINT_ZONE_DEVICE_BIT", -1);
	/*
	 * SECTION_MAP_MASK clears the flag bits below SECTION_MAP_LAST_BIT.
	 * A kernel that keeps them in #defines has fewer of them, and the coded
	 * map is page-aligned anyway (a page-aligned mem_map minus a section's
	 * first pfn times sizeof(struct page), a multiple of the page size), so
	 * clearing the page offset is the same mask.
	 */
	last = section_bit(prog, "SECTION_MAP_LAST_BIT", -1);
	sp->map_mask = last > 0 ? ~((1ull << last) - 1) : ~(page_size - 1);
	return NULL;
}

/*
 * Section @nr: its struct mem_section's address and coded map; *addr_ret 0
 * when its root was never allocated (no memory there).
 */
static struct ms_error *read_section(struct ms_program *prog, const struct sparse *sp, uint64_t nr,
				     uint64_t *addr_ret, uint64_t *coded_ret)
{
	uint64_t root = nr / sp->per_root, base;
	struct ms_error *err;

	*addr_ret = *coded_ret = 0;
	if (root >= sp->nr_roots)
		return NULL;
	if (sp->extreme) {
		if ((err = ms_read_u64(prog, sp->roots + root * 8, &base, "mem_section root")))
			return err;
		if (!base)
			return NULL;
		*addr_ret = base + (nr % sp->per_root) * sp->ms_size;
	} else {
		*addr_ret = sp->roots + nr * sp->ms_size;
	}
	return ms_read_u64(prog, *addr_ret + sp->map_off, coded_ret, "mem_section section_mem_map");
}

static void decode(const struct sparse *sp, uint64_t nr, uint64_t addr, uint64_t coded,
		   uint64_t page_struct_size, struct ms_mm_section *s)
{
	s->nr = nr;
	s->addr = addr;
	s->coded = coded & sp->map_mask;
	s->start_pfn = nr << sp->pfn_shift;
	s->mem_map = s->coded + s->start_pfn * page_struct_size;
	s->flags = 0;
	if (sp->bit_present >= 0 && (coded >> sp->bit_present) & 1)
		s->flags |= MS_MM_SECTION_PRESENT;
	if (sp->bit_map >= 0 && (coded >> sp->bit_map) & 1)
		s->flags |= MS_MM_SECTION_MEM_MAP;
	if (sp->bit_online >= 0 && (coded >> sp->bit_online) & 1)
		s->flags |= MS_MM_SECTION_ONLINE;
	if (sp->bit_early >= 0 && (coded >> sp->bit_early) & 1)
		s->flags |= MS_MM_SECTION_EARLY;
	if (sp->bit_device >= 0 && (coded >> sp->bit_device) & 1)
		s->flags |= MS_MM_SECTION_DEVICE;
}

struct ms_error *ms_mm_sparse_node_map(struct ms_program *prog, uint64_t start_pfn, uint64_t spanned,
				       uint64_t page_struct_size, uint64_t *ret)
{
	struct sparse sp;
	uint64_t nr, first, last, base = 0;
	bool found = false;
	struct ms_error *err = sparse_init(prog, &sp);

	if (err)
		return err;
	if (!spanned)
		return ms_error_lookup("mem_section", "the node spans no pages");
	first = start_pfn >> sp.pfn_shift;
	last = (start_pfn + spanned - 1) >> sp.pfn_shift;
	for (nr = first; nr <= last; nr++) {
		struct ms_mm_section s;
		uint64_t addr, coded;

		if ((err = read_section(prog, &sp, nr, &addr, &coded)))
			return err;
		decode(&sp, nr, addr, coded, page_struct_size, &s);
		if (!addr || !(s.flags & MS_MM_SECTION_MEM_MAP))
			continue;	/* a hole in the node */
		/* one virtual array: every section's map is base + its first pfn */
		if (!found) {
			base = coded & sp.map_mask;
			found = true;
		} else if ((coded & sp.map_mask) != base) {
			return ms_error_lookup("mem_section",
					       "sections %" PRIu64 " and %" PRIu64 " have separate "
					       "mem_maps (SPARSEMEM without VMEMMAP is not supported)",
					       first, nr);
		}
	}
	if (!found)
		return ms_error_lookup("mem_section", "no section of pfns %" PRIu64 "-%" PRIu64
				       " has a mem_map", start_pfn, start_pfn + spanned - 1);
	*ret = base + start_pfn * page_struct_size;
	return NULL;
}

struct ms_error *ms_mm_sparse_sections(struct ms_program *prog, uint64_t page_struct_size,
				       struct ms_error *(*fn)(const struct ms_mm_section *s, void *arg),
				       void *arg)
{
	struct sparse sp;
	uint64_t root, i;
	struct ms_error *err = sparse_init(prog, &sp);

	if (err)
		return err;
	for (root = 0; root < sp.nr_roots; root++) {
		uint64_t base = sp.roots + root * sp.per_root * sp.ms_size;

		if (sp.extreme) {
			err = ms_read_u64(prog, sp.roots + root * 8, &base, "mem_section root");
			if (err)
				return err;
			if (!base)
				continue;
		}
		for (i = 0; i < sp.per_root; i++) {
			struct ms_mm_section s;
			uint64_t nr = root * sp.per_root + i, coded;

			if ((err = ms_read_u64(prog, base + i * sp.ms_size + sp.map_off, &coded,
					       "mem_section section_mem_map")))
				return err;
			decode(&sp, nr, base + i * sp.ms_size, coded, page_struct_size, &s);
			if (!(s.flags & MS_MM_SECTION_PRESENT))
				continue;
			err = fn(&s, arg);
			if (err == &ms_stop)
				return NULL;
			if (err)
				return err;
		}
	}
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* pageblock bitmaps                                                      */

/*
 * The bitmap member: struct mem_section_usage's pageblock_flags[] reached
 * through mem_section.usage (Linux 5.3 and later), or mem_section's own
 * pageblock_flags pointer (before).
 */
static struct ms_error *bitmap_field(struct ms_program *prog, const struct ms_field **usage_ret,
				     const struct ms_field **flags_ret)
{
	const struct ms_type *ms;
	struct ms_error *err = ms_type_find(prog, "struct mem_section", &ms);

	if (err)
		return err;
	err = ms_field_find(prog, ms, "usage", usage_ret);
	if (!err)
		return ms_field_find_by_name(prog, "struct mem_section_usage", "pageblock_flags",
					     flags_ret);
	if (!ms_error_catch(&err, MS_ERR_LOOKUP))
		return err;
	*usage_ret = NULL;
	return ms_field_find(prog, ms, "pageblock_flags", flags_ret);
}

struct ms_error *ms_mm_sparse_pageblock_word_bits(struct ms_program *prog, unsigned *ret)
{
	const struct ms_field *usage, *flags;
	const struct ms_type *t;
	struct ms_error *err = bitmap_field(prog, &usage, &flags);

	if (err)
		return err;
	/* unsigned long pageblock_flags[0], or unsigned long *pageblock_flags */
	t = ms_type_strip(flags->type);
	t = t ? ms_type_strip(ms_type_target(t)) : NULL;
	if (!t || !ms_type_size(t))
		return ms_error_lookup("pageblock_flags", "the pageblock bitmap has no element type");
	*ret = (unsigned)ms_type_size(t) * 8;
	return NULL;
}

struct ms_error *ms_mm_sparse_pageblock_bits(struct ms_program *prog, uint64_t pfn, int pageblock_order,
					     int pb_bits, uint64_t *bitmap_ret, uint64_t *bitidx_ret)
{
	const struct ms_field *usage, *flags;
	struct sparse sp;
	uint64_t nr, addr, coded, p;
	struct ms_error *err;

	if ((err = bitmap_field(prog, &usage, &flags)) || (err = sparse_init(prog, &sp)))
		return err;
	if (pageblock_order < 0 || (unsigned)pageblock_order > sp.pfn_shift)
		return ms_error_lookup("pageblock_order", "pageblock_order %d does not fit a section",
				       pageblock_order);
	nr = pfn >> sp.pfn_shift;
	if ((err = read_section(prog, &sp, nr, &addr, &coded)))
		return err;
	if (!addr)
		return ms_error_lookup("mem_section", "pfn %" PRIu64 " has no memory section", pfn);
	if (usage) {
		if ((err = ms_field_read_u64(prog, usage, addr, &p, "mem_section usage")))
			return err;
		if (!p)
			return ms_error_lookup("mem_section.usage", "section %" PRIu64 " has no usage map",
					       nr);
		*bitmap_ret = p + flags->offset;	/* the array is inside the usage map */
	} else {
		if ((err = ms_field_read_u64(prog, flags, addr, &p, "mem_section pageblock_flags")))
			return err;
		if (!p)
			return ms_error_lookup("mem_section.pageblock_flags",
					       "section %" PRIu64 " has no pageblock bitmap", nr);
		*bitmap_ret = p;
	}
	*bitidx_ret = ((pfn & ((1ull << sp.pfn_shift) - 1)) >> pageblock_order) * (uint64_t)pb_bits;
	return NULL;
}
