/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mm.c - the dump's memory model (see mm.h).
 *
 * Everything is found by name in the debuginfo: the struct page members, the
 * length of zone.free_area (MAX_ORDER) and of free_area.free_list
 * (MIGRATE_TYPES), the node array and the enums.  A second build of the
 * target with another MAX_ORDER, more nodes or a reordered struct page is
 * read by the same code.
 *
 * This file builds the model and answers lookups on it (pfn, page, physical
 * and virtual addresses, flags, names, counters); the walks over mem_map,
 * the per-cpu lists and the free lists are in core/mm_walk.c.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dump.h"
#include "core/vmcoreinfo.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/mm_internal.h"
#include "core/output.h"
#include "core/symbols.h"
#include "core/types.h"

/* A program's memory model and what building it found (prog->mm). */
struct ms_mm_state {
	struct ms_mm mm;
	int state;			/* 0 not tried, 1 ready, -1 failed */
	char error[512];
	const struct ms_type *page_type, *zone_type, *pgdat_type;
	/* vm_stat[] in struct zone and the global vm_stat[] */
	long zone_vm_stat_off;
	unsigned vm_stat_elsize;
	unsigned nr_free_size;
};

static struct ms_mm_state *mm_state_of(struct ms_program *prog)
{
	if (!prog->mm) {
		prog->mm = calloc(1, sizeof(*prog->mm));
		if (!prog->mm)
			abort();
		prog->mm->zone_vm_stat_off = -1;
		prog->mm->nr_free_size = 8;
	}
	return prog->mm;
}

/* ---------------------------------------------------------------------- */
/* pure helpers                                                           */

const char *ms_mm_ordinal(uint64_t n, char *buf, size_t bufsz)
{
	const char *sfx = "th";

	if (n % 100 < 11 || n % 100 > 13) {
		switch (n % 10) {
		case 1: sfx = "st"; break;
		case 2: sfx = "nd"; break;
		case 3: sfx = "rd"; break;
		default: break;
		}
	}
	snprintf(buf, bufsz, "%" PRIu64 "%s", n, sfx);
	return buf;
}

void ms_mm_mt_name_from_enum(const char *enumerator, char *buf, size_t bufsz)
{
	const char *s = enumerator;
	size_t i = 0;

	if (!strncmp(s, "MIGRATE_", 8))
		s += 8;
	for (; *s && i + 1 < bufsz; s++, i++)
		buf[i] = i == 0 ? (char)toupper((unsigned char)*s) : (char)tolower((unsigned char)*s);
	if (bufsz)
		buf[i] = 0;
}

void ms_mm_flag_short_name(const char *enumerator, char *buf, size_t bufsz)
{
	const char *s = enumerator;

	if (!strncmp(s, "PG_", 3))
		s += 3;
	snprintf(buf, bufsz, "%s", s);
}

int ms_mm_hex_digits(uint64_t v)
{
	int n = 1;

	while (v >>= 4)
		n++;
	return n;
}

/* ---------------------------------------------------------------------- */
/* DWARF lookups                                                          */

static int fail(const char *fmt, ...) MS_PRINTF(1, 2);
static int fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ms_error_vset(fmt, ap);
	va_end(ap);
	return -1;
}

/* A member's offset and size; *f = {-1, 0} when absent. */
bool mm_field(const struct ms_type *t, const char *path, struct ms_mm_field *f)
{
	struct ms_member m;

	f->off = -1;
	f->size = 0;
	if (!t || ms_type_member_path(t, path, &m) < 0)
		return false;
	f->off = (long)m.offset;
	f->size = m.type ? (unsigned)ms_type_size(m.type) : 0;
	return true;
}

/* The first of several spellings of a member that exists. */
static bool field_any(const struct ms_type *t, struct ms_mm_field *f, const char *const *paths)
{
	for (; *paths; paths++)
		if (mm_field(t, *paths, f))
			return true;
	return false;
}

/* Array length and element size of member @p path of @p t; 0 if not an array. */
uint64_t mm_member_array(const struct ms_type *t, const char *path, long *off_ret,
			 uint64_t *elsize_ret)
{
	struct ms_member m;
	const struct ms_type *a;

	if (ms_type_member_path(t, path, &m) < 0)
		return 0;
	a = ms_type_strip(m.type);
	if (!a || ms_type_kind(a) != MS_TYPE_ARRAY)
		return 0;
	if (off_ret)
		*off_ret = (long)m.offset;
	if (elsize_ret) {
		const struct ms_type *el = ms_type_target(a);
		*elsize_ret = el ? ms_type_size(el) : 0;
	}
	return ms_type_array_len(a);
}

int mm_read_field(struct ms_program *prog, uint64_t base, const struct ms_mm_field *f, uint64_t *ret, const char *what)
{
	unsigned char buf[8] = { 0 };

	if (f->off < 0)
		return ms_error_set("%s: member not found", what);
	if (ms_error_legacy(ms_readmem(prog, base + (uint64_t)f->off, MS_KVADDR, buf, f->size > 8 ? 8 : f->size, what)) < 0)
		return -1;
	*ret = mm_get_uint(buf, 0, f->size > 8 ? 8 : f->size);
	return 0;
}

int ms_mm_read_global(struct ms_program *prog, const char *name, int64_t *ret)
{
	const struct ms_type *t = NULL;
	uint64_t addr, size = 8, raw = 0;
	unsigned char buf[8] = { 0 };

	if (ms_symbol_value(prog, name, &addr) < 0)
		return -1;
	if (ms_variable_find(prog, name, &t, &(uint64_t){ 0 }) == 0 && t) {
		size = ms_type_size(t);
		if (size > 8)
			size = 8;	/* atomic_long_t and friends: the first word */
	}
	if (size == 0 || ms_error_legacy(ms_readmem(prog, addr, MS_KVADDR, buf, size, name)) < 0)
		return -1;
	raw = mm_get_uint(buf, 0, (unsigned)size);
	if (t && ms_type_kind(ms_type_strip(t)) == MS_TYPE_INT && ms_type_is_signed(ms_type_strip(t)))
		*ret = mm_get_int(buf, 0, (unsigned)size);
	else
		*ret = (int64_t)raw;
	return 0;
}

/* ---------------------------------------------------------------------- */
/* building the model                                                     */

static void load_pageflags(struct ms_program *prog, struct ms_mm *mm)
{
	const struct ms_type *e = ms_type_find(prog, "enum pageflags");
	int64_t nr = -1;
	size_t i, n;

	mm->nr_pageflags = 0;
	mm->pageflag_names = NULL;
	if (!e)
		return;
	n = ms_type_enumerator_count(e);
	for (i = 0; i < n; i++) {
		const struct ms_enumerator *en = ms_type_enumerator(e, i);
		if (!strcmp(en->name, "NR_PAGEFLAGS") || !strcmp(en->name, "__NR_PAGEFLAGS"))
			nr = en->value;
	}
	if (nr < 0) {
		for (i = 0; i < n; i++) {
			const struct ms_enumerator *en = ms_type_enumerator(e, i);
			if (en->value + 1 > nr && en->value < 64)
				nr = en->value + 1;
		}
	}
	if (nr <= 0 || nr > 64)
		nr = nr > 64 ? 64 : 0;
	mm->nr_pageflags = (int)nr;
	mm->pageflag_names = calloc((size_t)(nr ? nr : 1), sizeof(char *));
	/* The first enumerator of a value is the flag's name (aliases such as
	 * PG_checked = PG_owner_priv_1 come later in the enum). */
	for (i = 0; i < n; i++) {
		const struct ms_enumerator *en = ms_type_enumerator(e, i);
		if (en->value < 0 || en->value >= nr || strncmp(en->name, "PG_", 3))
			continue;
		if (!mm->pageflag_names[en->value])
			mm->pageflag_names[en->value] = strdup(en->name);
	}
}

static int flag_bit(struct ms_program *prog, const char *name)
{
	int64_t v;

	if (ms_enum_value(prog, name, &v) < 0 || v < 0 || v >= 64)
		return -1;
	return (int)v;
}

static void load_migratetypes(struct ms_program *prog, struct ms_mm *mm)
{
	uint64_t addr;
	int i;

	mm->mt_names = calloc((size_t)mm->nr_migratetypes + 1, sizeof(char *));
	/* The kernel's own table, when the image has it. */
	if (ms_symbol_value(prog, "migratetype_names", &addr) == 0) {
		for (i = 0; i < mm->nr_migratetypes; i++) {
			uint64_t p;
			char buf[64];
			if (ms_error_legacy(ms_read_u64(prog, addr + 8 * (uint64_t)i, &p, "migratetype_names")) < 0 || !p ||
			    ms_error_legacy(ms_read_string(prog, p, buf, sizeof(buf), "migratetype name")) < 0 || !buf[0])
				break;
			mm->mt_names[i] = strdup(buf);
		}
		if (i == mm->nr_migratetypes)
			return;
		for (i = 0; i < mm->nr_migratetypes; i++) {
			free(mm->mt_names[i]);
			mm->mt_names[i] = NULL;
		}
	}
	/* Else the enum: MIGRATE_UNMOVABLE -> "Unmovable"; MIGRATE_PCPTYPES and
	 * MIGRATE_TYPES are counts, not types. */
	{
		const struct ms_type *e = ms_type_find(prog, "enum migratetype");
		static const char *const known[] = {
			"MIGRATE_UNMOVABLE", "MIGRATE_RECLAIMABLE", "MIGRATE_MOVABLE",
			"MIGRATE_RESERVE", "MIGRATE_HIGHATOMIC", "MIGRATE_CMA", "MIGRATE_ISOLATE", NULL,
		};
		char buf[64];

		if (e) {
			size_t n = ms_type_enumerator_count(e), k;
			for (k = 0; k < n; k++) {
				const struct ms_enumerator *en = ms_type_enumerator(e, k);
				if (strstr(en->name, "TYPES") || en->value < 0 || en->value >= mm->nr_migratetypes)
					continue;
				if (mm->mt_names[en->value])
					continue;
				ms_mm_mt_name_from_enum(en->name, buf, sizeof(buf));
				mm->mt_names[en->value] = strdup(buf);
			}
		}
		for (i = 0; known[i]; i++) {
			int64_t v;
			if (ms_enum_value(prog, known[i], &v) == 0 && v >= 0 && v < mm->nr_migratetypes &&
			    !mm->mt_names[v]) {
				ms_mm_mt_name_from_enum(known[i], buf, sizeof(buf));
				mm->mt_names[v] = strdup(buf);
			}
		}
	}
	for (i = 0; i < mm->nr_migratetypes; i++) {
		if (!mm->mt_names[i]) {
			char buf[32];
			snprintf(buf, sizeof(buf), "Type%d", i);
			mm->mt_names[i] = strdup(buf);
		}
	}
}

/* Read a pointer-or-integer member of @p t at @p base. */
static int read_member(struct ms_program *prog, const struct ms_type *t, uint64_t base, const char *path, uint64_t *ret,
		       const char *what)
{
	struct ms_mm_field f;

	if (!mm_field(t, path, &f))
		return ms_error_set("%s: no member %s", ms_type_name(t), path);
	return mm_read_field(prog, base, &f, ret, what);
}

/*
 * When zone->name points outside the dump (a string literal the dump does
 * not hold), name the zone after its enum zone_type enumerator as the
 * kernel's zone_names[] does: ZONE_DMA32 -> "DMA32", ZONE_NORMAL -> "Normal".
 */
static void zone_name_from_enum(struct ms_program *prog, int idx, char *buf, size_t bufsz)
{
	const struct ms_type *e = ms_type_find(prog, "enum zone_type");
	size_t i, n = e ? ms_type_enumerator_count(e) : 0;

	for (i = 0; i < n; i++) {
		const struct ms_enumerator *en = ms_type_enumerator(e, i);
		const char *s = en->name;
		size_t k;

		if (en->value != idx || strncmp(s, "ZONE_", 5) || !strcmp(s, "__MAX_NR_ZONES"))
			continue;
		s += 5;
		if (!strncmp(s, "DMA", 3)) {
			snprintf(buf, bufsz, "%s", s);
		} else if (!strcmp(s, "HIGHMEM")) {
			snprintf(buf, bufsz, "HighMem");
		} else {
			for (k = 0; s[k] && k + 1 < bufsz; k++)
				buf[k] = k ? (char)tolower((unsigned char)s[k]) : s[k];
			buf[k] = 0;
		}
		return;
	}
}

static int load_zone(struct ms_program *prog, struct ms_mm *mm, struct ms_mm_node *nd, struct ms_mm_zone *z)
{
	struct ms_mm_state *S = mm_state_of(prog);
	uint64_t v, nameptr = 0;
	long wm_off;
	uint64_t wm_el = 0, nwm;
	int o;

	z->nid = nd->id;
	snprintf(z->name, sizeof(z->name), "(unknown)");
	if (read_member(prog, S->zone_type, z->addr, "name", &nameptr, "zone name") == 0 && nameptr) {
		char buf[32];
		if (ms_error_legacy(ms_read_string(prog, nameptr, buf, sizeof(buf), "zone name")) == 0 && buf[0])
			snprintf(z->name, sizeof(z->name), "%s", buf);
		else
			zone_name_from_enum(prog, z->idx, z->name, sizeof(z->name));
	} else {
		zone_name_from_enum(prog, z->idx, z->name, sizeof(z->name));
	}
	if (read_member(prog, S->zone_type, z->addr, "zone_start_pfn", &z->start_pfn, "zone_start_pfn") < 0 ||
	    read_member(prog, S->zone_type, z->addr, "spanned_pages", &z->spanned, "zone spanned_pages") < 0)
		return -1;
	if (read_member(prog, S->zone_type, z->addr, "present_pages", &z->present, "zone present_pages") < 0)
		z->present = z->spanned;
	if (read_member(prog, S->zone_type, z->addr, "managed_pages", &z->managed, "zone managed_pages") < 0)
		z->managed = z->present;
	nwm = mm_member_array(S->zone_type, "watermark", &wm_off, &wm_el);
	for (o = 0; o < 3 && (uint64_t)o < nwm; o++) {
		struct ms_mm_field f = { wm_off + (long)((uint64_t)o * wm_el), (unsigned)wm_el };
		if (mm_read_field(prog, z->addr, &f, &z->watermark[o], "zone watermark") < 0)
			z->watermark[o] = 0;
	}
	z->free_pages = 0;
	if (ms_mm_vm_stat(prog, z, "NR_FREE_PAGES", &z->free_pages) < 0)
		z->free_pages = -1;
	z->free_area = z->addr + (uint64_t)mm->zone_free_area;
	z->nr_free = calloc((size_t)mm->max_order, sizeof(uint64_t));
	if (!z->nr_free)
		return ms_error_set("out of memory");
	for (o = 0; o < mm->max_order; o++) {
		struct ms_mm_field f = { mm->free_area_nr_free, S->nr_free_size };
		if (mm_read_field(prog, z->free_area + (uint64_t)o * (uint64_t)mm->free_area_size, &f, &v,
			       "free_area nr_free") == 0)
			z->nr_free[o] = v;
	}
	z->pageblock_flags = 0;
	z->pb_words = NULL;
	z->nr_pb_words = 0;
	if (mm->zone_pageblock_flags >= 0 &&
	    ms_error_legacy(ms_read_u64(prog, z->addr + (uint64_t)mm->zone_pageblock_flags, &v, "zone pageblock_flags")) == 0)
		z->pageblock_flags = v;
	if (z->pageblock_flags && mm->pageblock_order >= 0 && z->spanned) {
		/* a few bits per pageblock: keep a copy, free-list checks read it per block */
		uint64_t start = z->start_pfn & ~((1ull << mm->pageblock_order) - 1);
		uint64_t blocks = ((z->start_pfn + z->spanned - start) >> mm->pageblock_order) + 1;
		uint64_t words = (blocks * (uint64_t)mm->pb_bits + 63) / 64;

		if (words < (1u << 20)) {
			z->pb_words = malloc(words * 8);
			if (z->pb_words && ms_error_legacy(ms_readmem(prog, z->pageblock_flags, MS_KVADDR, z->pb_words, words * 8,
						      "pageblock_flags")) == 0) {
				z->nr_pb_words = words;
			} else {
				free(z->pb_words);
				z->pb_words = NULL;
			}
		}
	}
	z->mem_map = 0;
	if (z->spanned && z->start_pfn >= nd->start_pfn)
		z->mem_map = nd->mem_map + (z->start_pfn - nd->start_pfn) * mm->page_struct_size;
	return 0;
}

static int load_node(struct ms_program *prog, struct ms_mm *mm, struct ms_mm_node *nd, uint64_t pgdat, int fallback_id)
{
	struct ms_mm_state *S = mm_state_of(prog);
	uint64_t v, zones_len, zsize = 0;
	long zones_off;
	int i;

	nd->pgdat = pgdat;
	nd->id = fallback_id;
	if (read_member(prog, S->pgdat_type, pgdat, "node_id", &v, "pglist_data node_id") == 0)
		nd->id = (int)v;
	if (read_member(prog, S->pgdat_type, pgdat, "node_start_pfn", &nd->start_pfn, "node_start_pfn") < 0 ||
	    read_member(prog, S->pgdat_type, pgdat, "node_spanned_pages", &nd->spanned, "node_spanned_pages") < 0)
		return -1;
	if (read_member(prog, S->pgdat_type, pgdat, "node_present_pages", &nd->present, "node_present_pages") < 0)
		nd->present = nd->spanned;
	if (read_member(prog, S->pgdat_type, pgdat, "node_mem_map", &nd->mem_map, "node_mem_map") < 0) {
		/* FLATMEM without node_mem_map: the global mem_map */
		uint64_t mmap, base;
		if (ms_symbol_value(prog, "mem_map", &mmap) < 0 || ms_error_legacy(ms_read_u64(prog, mmap, &base, "mem_map")) < 0)
			return fail("cannot find the mem_map of node %d", nd->id);
		nd->mem_map = base + nd->start_pfn * mm->page_struct_size;
	}
	zones_len = mm_member_array(S->pgdat_type, "node_zones", &zones_off, &zsize);
	if (!zones_len || !zsize)
		return fail("pglist_data.node_zones is not an array");
	nd->nr_zones = (int)zones_len;
	nd->zones = calloc(zones_len, sizeof(*nd->zones));
	if (!nd->zones)
		return ms_error_set("out of memory");
	for (i = 0; i < nd->nr_zones; i++) {
		nd->zones[i].addr = pgdat + (uint64_t)zones_off + (uint64_t)i * zsize;
		nd->zones[i].idx = i;
		if (load_zone(prog, mm, nd, &nd->zones[i]) < 0)
			return -1;
	}
	return 0;
}

static int cmp_node(const void *a, const void *b)
{
	const struct ms_mm_node *x = a, *y = b;

	return x->start_pfn < y->start_pfn ? -1 : x->start_pfn > y->start_pfn;
}

static int load_nodes(struct ms_program *prog, struct ms_mm *mm)
{
	uint64_t addr;
	const struct ms_type *t = NULL;
	uint64_t len = 1, i;
	int64_t nr_ids = -1;

	if (ms_symbol_value(prog, "node_data", &addr) == 0) {
		mm->numa = true;
		if (ms_variable_find(prog, "node_data", &t, &(uint64_t){ 0 }) == 0 && t &&
		    ms_type_kind(ms_type_strip(t)) == MS_TYPE_ARRAY)
			len = ms_type_array_len(ms_type_strip(t));
		if (ms_mm_read_global(prog, "nr_node_ids", &nr_ids) == 0 && nr_ids > 0 && (uint64_t)nr_ids < len)
			len = (uint64_t)nr_ids;
		mm->nodes = calloc(len, sizeof(*mm->nodes));
		if (!mm->nodes)
			return ms_error_set("out of memory");
		for (i = 0; i < len; i++) {
			uint64_t pgdat;
			if (ms_error_legacy(ms_read_u64(prog, addr + 8 * i, &pgdat, "node_data")) < 0)
				return -1;
			if (!pgdat)
				continue;
			if (load_node(prog, mm, &mm->nodes[mm->nr_nodes], pgdat, (int)i) < 0)
				return -1;
			mm->nr_nodes++;
		}
	} else if (ms_symbol_value(prog, "contig_page_data", &addr) == 0) {
		mm->numa = false;
		mm->nodes = calloc(1, sizeof(*mm->nodes));
		if (!mm->nodes)
			return ms_error_set("out of memory");
		if (load_node(prog, mm, &mm->nodes[0], addr, 0) < 0)
			return -1;
		mm->nr_nodes = 1;
	} else {
		return fail("neither node_data nor contig_page_data in the debuginfo");
	}
	if (!mm->nr_nodes)
		return fail("no memory node found in node_data");
	qsort(mm->nodes, (size_t)mm->nr_nodes, sizeof(*mm->nodes), cmp_node);
	for (i = 0; i < (uint64_t)mm->nr_nodes; i++) {
		uint64_t end = mm->nodes[i].start_pfn + mm->nodes[i].spanned;
		if (end > mm->max_pfn)
			mm->max_pfn = end;
	}
	return 0;
}

/* The direct map's base: VMCOREINFO, then page_offset_base, then what the
 * page tables say about node 0's mem_map (which bootmem put in the direct map). */
static void find_page_offset(struct ms_program *prog, struct ms_mm *mm)
{
	static const char *const keys[] = { "NUMBER(PAGE_OFFSET)", "PAGE_OFFSET",
		"NUMBER(page_offset_base)", NULL };
	const char *v;
	int64_t g;
	uint64_t pa;
	int i;

	for (i = 0; keys[i]; i++) {
		v = ms_vmcoreinfo_get(ms_dump_vmcoreinfo(prog), keys[i]);
		if (v && *v) {
			mm->page_offset = strtoull(v, NULL, 16);
			if (mm->page_offset)
				return;
		}
	}
	if (ms_mm_read_global(prog, "page_offset_base", &g) == 0 && g) {
		mm->page_offset = (uint64_t)g;
		return;
	}
	if (ms_error_legacy(ms_kvtop(prog, mm->nodes[0].mem_map, &pa)) == 0)
		mm->page_offset = mm->nodes[0].mem_map - pa;
}

static void find_image(struct ms_program *prog, struct ms_mm *mm)
{
	static const char *const starts[] = { "__start_kdata", "_text", "_stext", NULL };
	static const char *const ends[] = { "__stop_kdata", "_end", NULL };
	uint64_t s, e, ps, pe;
	int i;

	for (i = 0; starts[i]; i++) {
		if (ms_symbol_value(prog, starts[i], &s) < 0 || ms_symbol_value(prog, ends[i < 2 ? i : 1], &e) < 0)
			continue;
		if (e <= s || ms_error_legacy(ms_kvtop(prog, s, &ps)) < 0 || ms_error_legacy(ms_kvtop(prog, e - 1, &pe)) < 0)
			continue;
		mm->image_start_pfn = ps >> mm->page_shift;
		mm->image_end_pfn = (pe >> mm->page_shift) + 1;
		return;
	}
}

static void find_pageblocks(struct ms_program *prog, struct ms_mm *mm)
{
	struct ms_mm_state *S = mm_state_of(prog);
	struct ms_mm_field f;
	int64_t v;

	mm->zone_pageblock_flags = mm_field(S->zone_type, "pageblock_flags", &f) ? f.off : -1;
	mm->pb_bits = ms_enum_value(prog, "NR_PAGEBLOCK_BITS", &v) == 0 && v > 0 ? (int)v : 4;
	mm->pageblock_order = -1;
	if (ms_mm_read_global(prog, "pageblock_order", &v) == 0 && v > 0 && v < mm->max_order)
		mm->pageblock_order = (int)v;
	else if (ms_enum_value(prog, "pageblock_order", &v) == 0 && v > 0)
		mm->pageblock_order = (int)v;
	else if (ms_vmcoreinfo_get(ms_dump_vmcoreinfo(prog), "NUMBER(pageblock_order)"))
		mm->pageblock_order = atoi(ms_vmcoreinfo_get(ms_dump_vmcoreinfo(prog), "NUMBER(pageblock_order)"));
	else if (mm->zone_pageblock_flags >= 0)
		/* x86-64: pageblock_order is HUGETLB_PAGE_ORDER (9), or
		 * MAX_ORDER - 1 when that is smaller (a macro, not in DWARF) */
		mm->pageblock_order = mm->max_order - 1 < 9 ? mm->max_order - 1 : 9;
}

static int mm_build(struct ms_program *prog, struct ms_mm *mm)
{
	struct ms_mm_state *S = mm_state_of(prog);
	static const char *const count_paths[] = { "_count.counter", "_refcount.counter", "_count",
		"_refcount", NULL };
	static const char *const mapcount_paths[] = { "_mapcount.counter", "_mapcount", NULL };
	const struct ms_dump_info *di = ms_dump_info(prog);
	const struct ms_type *fa;
	struct ms_mm_field f;
	uint64_t el;
	long off;

	mm->page_size = di && di->page_size ? di->page_size : 4096;
	for (mm->page_shift = 0; (1ull << mm->page_shift) < mm->page_size; mm->page_shift++)
		;
	S->page_type = ms_type_find(prog, "struct page");
	S->zone_type = ms_type_find(prog, "struct zone");
	S->pgdat_type = ms_type_find(prog, "struct pglist_data");
	if (!S->pgdat_type)
		S->pgdat_type = ms_type_find(prog, "pg_data_t");
	if (!S->page_type || !S->zone_type || !S->pgdat_type)
		return fail("the debuginfo lacks struct %s", !S->page_type ? "page" :
			    !S->zone_type ? "zone" : "pglist_data");
	mm->page_struct_size = ms_type_size(S->page_type);
	if (!mm->page_struct_size)
		return fail("struct page has no size");

	if (!mm_field(S->page_type, "flags", &mm->pg_flags))
		return fail("struct page has no member flags");
	mm_field(S->page_type, "mapping", &mm->pg_mapping);
	mm_field(S->page_type, "index", &mm->pg_index);
	field_any(S->page_type, &mm->pg_count, count_paths);
	field_any(S->page_type, &mm->pg_mapcount, mapcount_paths);
	mm_field(S->page_type, "private", &mm->pg_private);
	if (!mm_field(S->page_type, "lru", &mm->pg_lru))
		return fail("struct page has no member lru");

	/* MAX_ORDER and MIGRATE_TYPES are array lengths, never constants. */
	mm->max_order = (int)mm_member_array(S->zone_type, "free_area", &mm->zone_free_area, &el);
	mm->free_area_size = (long)el;
	if (mm->max_order <= 0 || !el)
		return fail("struct zone has no free_area array");
	fa = ms_type_find(prog, "struct free_area");
	if (!fa)
		return fail("the debuginfo lacks struct free_area");
	mm->nr_migratetypes = (int)mm_member_array(fa, "free_list", &mm->free_area_free_list, &el);
	if (mm->nr_migratetypes <= 0) {
		/* pre-2.6.24: one list per order */
		if (!mm_field(fa, "free_list", &f))
			return fail("struct free_area has no free_list");
		mm->free_area_free_list = f.off;
		mm->nr_migratetypes = 1;
	}
	mm->list_head_size = (long)el;
	if (!mm->list_head_size)
		mm->list_head_size = 16;
	if (!mm_field(fa, "nr_free", &f))
		return fail("struct free_area has no nr_free");
	mm->free_area_nr_free = f.off;
	S->nr_free_size = f.size ? f.size : 8;

	S->zone_vm_stat_off = -1;
	if (mm_member_array(S->zone_type, "vm_stat", &off, &el)) {
		S->zone_vm_stat_off = off;
		S->vm_stat_elsize = (unsigned)el;
	}

	load_pageflags(prog, mm);
	mm->pg_buddy = flag_bit(prog, "PG_buddy");
	mm->pg_slab = flag_bit(prog, "PG_slab");
	mm->pg_reserved = flag_bit(prog, "PG_reserved");
	mm->pgf_lru = flag_bit(prog, "PG_lru");
	mm->pg_compound_head = flag_bit(prog, "PG_head");
	if (mm->pg_compound_head < 0)
		mm->pg_compound_head = flag_bit(prog, "PG_compound");
	mm->pg_tail = flag_bit(prog, "PG_tail");
	mm->pg_swapbacked = flag_bit(prog, "PG_swapbacked");
	load_migratetypes(prog, mm);

	find_pageblocks(prog, mm);		/* before the zones, which read their bitmap */
	if (load_nodes(prog, mm) < 0)
		return -1;
	find_page_offset(prog, mm);
	find_image(prog, mm);
	return 0;
}

const struct ms_mm *ms_mm(struct ms_program *prog)
{
	struct ms_mm_state *S = mm_state_of(prog);
	if (S->state == 0) {
		S->state = mm_build(prog, &S->mm) == 0 ? 1 : -1;
		if (S->state < 0 && !S->error[0])
			snprintf(S->error, sizeof(S->error), "%s", ms_error_msg());
	}
	if (S->state < 0) {
		ms_error_set("%s", S->error);
		return NULL;
	}
	return &S->mm;
}

void ms_mm_free(struct ms_program *prog)
{
	struct ms_mm_state *S = prog->mm;
	struct ms_mm *mm;
	int i, k;

	if (!S)
		return;
	mm = &S->mm;
	for (i = 0; i < mm->nr_nodes; i++) {
		for (k = 0; mm->nodes[i].zones && k < mm->nodes[i].nr_zones; k++) {
			free(mm->nodes[i].zones[k].nr_free);
			free(mm->nodes[i].zones[k].pb_words);
		}
		free(mm->nodes[i].zones);
	}
	free(mm->nodes);
	for (i = 0; mm->mt_names && i < mm->nr_migratetypes; i++)
		free(mm->mt_names[i]);
	free(mm->mt_names);
	for (i = 0; mm->pageflag_names && i < mm->nr_pageflags; i++)
		free(mm->pageflag_names[i]);
	free(mm->pageflag_names);
	free(S);
	prog->mm = NULL;
}

const struct ms_type *mm_zone_type(struct ms_program *prog)
{
	return mm_state_of(prog)->zone_type;
}

/* ---------------------------------------------------------------------- */
/* addresses                                                              */

const struct ms_mm_node *ms_mm_pfn_node(struct ms_program *prog, uint64_t pfn)
{
	const struct ms_mm *mm = ms_mm(prog);
	int i;

	if (!mm)
		return NULL;
	for (i = 0; i < mm->nr_nodes; i++) {
		const struct ms_mm_node *nd = &mm->nodes[i];
		if (pfn >= nd->start_pfn && pfn < nd->start_pfn + nd->spanned)
			return nd;
	}
	return NULL;
}

const struct ms_mm_zone *ms_mm_pfn_zone(struct ms_program *prog, uint64_t pfn)
{
	const struct ms_mm_node *nd = ms_mm_pfn_node(prog, pfn);
	int i;

	if (!nd)
		return NULL;
	for (i = 0; i < nd->nr_zones; i++) {
		const struct ms_mm_zone *z = &nd->zones[i];
		if (z->spanned && pfn >= z->start_pfn && pfn < z->start_pfn + z->spanned)
			return z;
	}
	return NULL;
}

int ms_mm_pfn_to_page(struct ms_program *prog, uint64_t pfn, uint64_t *page_ret)
{
	const struct ms_mm *mm = ms_mm(prog);
	const struct ms_mm_node *nd;

	if (!mm)
		return -1;
	nd = ms_mm_pfn_node(prog, pfn);
	if (!nd)
		return ms_error_set("pfn %" PRIu64 " is not in any node", pfn);
	*page_ret = nd->mem_map + (pfn - nd->start_pfn) * mm->page_struct_size;
	return 0;
}

int ms_mm_page_to_pfn(struct ms_program *prog, uint64_t addr, uint64_t *pfn_ret, uint64_t *inner_ret)
{
	struct ms_mm_state *S = mm_state_of(prog);
	const struct ms_mm *mm = S->state > 0 ? &S->mm : ms_mm(prog);
	int i;

	if (!mm)
		return -1;
	for (i = 0; i < mm->nr_nodes; i++) {
		const struct ms_mm_node *nd = &mm->nodes[i];
		uint64_t end = nd->mem_map + nd->spanned * mm->page_struct_size;
		if (addr >= nd->mem_map && addr < end) {
			uint64_t d = addr - nd->mem_map, q = d / mm->page_struct_size;
			*pfn_ret = nd->start_pfn + q;
			if (inner_ret)
				*inner_ret = d - q * mm->page_struct_size;
			return 0;
		}
	}
	return ms_error_set("%" PRIx64 " is not a page struct address", addr);
}

bool ms_mm_is_directmap(struct ms_program *prog, uint64_t addr)
{
	const struct ms_mm *mm = ms_mm(prog);

	if (!mm || !mm->page_offset || addr < mm->page_offset)
		return false;
	return ((addr - mm->page_offset) >> mm->page_shift) < mm->max_pfn &&
	       ms_mm_pfn_node(prog, (addr - mm->page_offset) >> mm->page_shift);
}

void ms_mm_resolve(struct ms_program *prog, uint64_t addr, bool phys, struct ms_mm_addr *r)
{
	const struct ms_mm *mm = ms_mm(prog);
	uint64_t pfn, inner, pa;

	memset(r, 0, sizeof(*r));
	r->addr = addr;
	if (!mm)
		return;
	if (phys) {
		pfn = addr >> mm->page_shift;
		if (ms_mm_pfn_node(prog, pfn) && ms_mm_pfn_to_page(prog, pfn, &r->page) == 0) {
			r->kind = MS_MM_ADDR_PHYS;
			r->pfn = pfn;
			r->inner = addr & (mm->page_size - 1);
		}
		return;
	}
	if (ms_mm_page_to_pfn(prog, addr, &pfn, &inner) == 0) {
		r->kind = MS_MM_ADDR_PAGE;
		r->pfn = pfn;
		r->inner = inner;
		r->page = addr - inner;
		return;
	}
	if (ms_mm_is_directmap(prog, addr)) {
		pa = addr - mm->page_offset;
	} else if (ms_error_legacy(ms_kvtop(prog, addr, &pa)) == 0) {
		;	/* image, vmalloc: the page tables say where */
	} else if ((addr >> mm->page_shift) < mm->max_pfn) {
		/* a plain number below the end of RAM: physical */
		ms_mm_resolve(prog, addr, true, r);
		return;
	} else {
		return;
	}
	pfn = pa >> mm->page_shift;
	if (!ms_mm_pfn_node(prog, pfn) || ms_mm_pfn_to_page(prog, pfn, &r->page) < 0)
		return;
	r->kind = MS_MM_ADDR_KVADDR;
	r->pfn = pfn;
	r->inner = pa & (mm->page_size - 1);
}

/* ---------------------------------------------------------------------- */
/* struct page                                                            */

void ms_mm_page_decode(const struct ms_mm *mm, const void *raw, uint64_t addr, uint64_t pfn,
		       struct ms_mm_page *pg)
{
	pg->addr = addr;
	pg->pfn = pfn;
	pg->flags = mm_get_uint(raw, mm->pg_flags.off, mm->pg_flags.size);
	pg->mapping = mm_get_uint(raw, mm->pg_mapping.off, mm->pg_mapping.size);
	pg->index = mm_get_uint(raw, mm->pg_index.off, mm->pg_index.size);
	pg->private_ = mm_get_uint(raw, mm->pg_private.off, mm->pg_private.size);
	pg->count = mm->pg_count.off >= 0 ? mm_get_int(raw, mm->pg_count.off, mm->pg_count.size) : 0;
	pg->mapcount = mm->pg_mapcount.off >= 0 ?
		mm_get_int(raw, mm->pg_mapcount.off, mm->pg_mapcount.size) : -1;
	pg->lru_next = mm_get_uint(raw, mm->pg_lru.off, 8);
	pg->lru_prev = mm_get_uint(raw, mm->pg_lru.off + 8, 8);
}

int ms_mm_page_read(struct ms_program *prog, uint64_t addr, struct ms_mm_page *pg)
{
	const struct ms_mm *mm = ms_mm(prog);
	unsigned char stackbuf[256], *buf = stackbuf;
	uint64_t pfn = (uint64_t)-1;
	int rc;

	if (!mm)
		return -1;
	if (mm->page_struct_size > sizeof(stackbuf)) {
		buf = malloc(mm->page_struct_size);
		if (!buf)
			return ms_error_set("out of memory");
	}
	rc = ms_error_legacy(ms_readmem(prog, addr, MS_KVADDR, buf, mm->page_struct_size, "page struct"));
	if (rc == 0) {
		if (ms_mm_page_to_pfn(prog, addr, &pfn, NULL) < 0)
			pfn = (uint64_t)-1;
		ms_mm_page_decode(mm, buf, addr, pfn, pg);
	}
	if (buf != stackbuf)
		free(buf);
	return rc;
}

int64_t ms_mm_page_count(const struct ms_mm *mm, const void *raw)
{
	return mm->pg_count.off >= 0 ? mm_get_int(raw, mm->pg_count.off, mm->pg_count.size) : 0;
}

size_t ms_mm_flags_names(const struct ms_mm *mm, uint64_t flags, char *buf, size_t bufsz)
{
	size_t len = 0;
	int bit;

	if (bufsz)
		buf[0] = 0;
	for (bit = 0; bit < mm->nr_pageflags && bit < 64; bit++) {
		char name[64];
		int n;

		if (!((flags >> bit) & 1) || !mm->pageflag_names[bit])
			continue;
		ms_mm_flag_short_name(mm->pageflag_names[bit], name, sizeof(name));
		n = snprintf(buf + len, len < bufsz ? bufsz - len : 0, "%s%s", len ? "," : "", name);
		if (n > 0)
			len += (size_t)n;
	}
	return len < bufsz ? len : (bufsz ? bufsz - 1 : 0);
}

/* ---------------------------------------------------------------------- */
/* counters                                                               */

static int vm_stat_index(struct ms_program *prog, const char *item, int64_t *idx)
{
	return ms_enum_value(prog, item, idx);
}

int ms_mm_vm_stat(struct ms_program *prog, const struct ms_mm_zone *z, const char *item, int64_t *ret)
{
	struct ms_mm_state *S = mm_state_of(prog);
	int64_t idx;
	uint64_t base, v;
	unsigned el = S->vm_stat_elsize ? S->vm_stat_elsize : 8;
	struct ms_mm_field f;

	if (vm_stat_index(prog, item, &idx) < 0)
		return -1;
	if (z) {
		if (S->zone_vm_stat_off < 0)
			return ms_error_set("struct zone has no vm_stat");
		base = z->addr + (uint64_t)S->zone_vm_stat_off;
	} else {
		const struct ms_type *t = NULL;
		if (ms_symbol_value(prog, "vm_stat", &base) < 0)
			return -1;
		if (ms_variable_find(prog, "vm_stat", &t, &(uint64_t){ 0 }) == 0 && t &&
		    ms_type_kind(ms_type_strip(t)) == MS_TYPE_ARRAY && ms_type_target(ms_type_strip(t)))
			el = (unsigned)ms_type_size(ms_type_target(ms_type_strip(t)));
	}
	f.off = (long)((uint64_t)idx * el);
	f.size = el > 8 ? 8 : el;
	if (mm_read_field(prog, base, &f, &v, "vm_stat") < 0)
		return -1;
	*ret = f.size == 8 ? (int64_t)v : mm_get_int(&v, 0, f.size);
	return 0;
}
