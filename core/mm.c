/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mm.c - the dump's memory model (see mm.h): building it part by part, and
 * the lookups on it (pfn, page, physical and virtual addresses, flags,
 * names, counters).
 *
 * Everything is found by name in the debuginfo or VMCOREINFO: the struct
 * page members, the length of zone.free_area (MAX_ORDER) and of
 * free_area.free_list (MIGRATE_TYPES), the node array, the enums.  A second
 * build of the target with another MAX_ORDER, more nodes or a reordered
 * struct page is read by the same code.
 *
 * The walks over mem_map and the per-cpu lists are in core/mm_walk.c, the
 * free lists in core/mm_free.c.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dump.h"
#include "core/error.h"
#include "core/escape.h"
#include "core/field.h"
#include "core/mm.h"
#include "core/mm_sparse.h"
#include "core/output.h"
#include "core/symbols.h"
#include "core/types.h"
#include "core/value.h"
#include "core/vmcoreinfo.h"

/* A part's state: not tried, built, or failed with a remembered error. */
struct mm_part_state {
	bool tried;
	struct ms_error *err;	/* NULL when built */
};

/* A program's memory model and what building it found (prog->mm). */
struct ms_mm_state {
	struct ms_mm mm;
	struct mm_part_state parts[2];	/* by part bit, see mm_parts[] */
	const struct ms_type *zone_type, *pgdat_type;
	/* vm_stat[] in struct zone */
	const struct ms_field *zone_vm_stat;
	uint64_t vm_stat_elsize;
};

static struct ms_error *build_pages(struct ms_program *prog, struct ms_mm_state *S);
static struct ms_error *build_zones(struct ms_program *prog, struct ms_mm_state *S);
static void free_pages(struct ms_mm *mm);
static void free_zones(struct ms_mm *mm);

/*
 * The parts, by bit.  A new part adds a row: its bit, its name for
 * messages, the parts it builds on, and its build and free functions.
 */
static const struct mm_part {
	unsigned bit;
	const char *name;
	unsigned needs;
	struct ms_error *(*build)(struct ms_program *prog, struct ms_mm_state *S);
	void (*free)(struct ms_mm *mm);
} mm_parts[] = {
	{ MS_MM_PAGES, "struct page", 0, build_pages, free_pages },
	{ MS_MM_ZONES, "zones", 0, build_zones, free_zones },
};

#define NR_PARTS (sizeof(mm_parts) / sizeof(mm_parts[0]))

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
	return v ? (64 - __builtin_clzll(v) + 3) / 4 : 1;
}

/* ---------------------------------------------------------------------- */
/* DWARF lookups as typed errors                                          */

/* The type called @name, or LOOKUP. */
static struct ms_error *find_type(struct ms_program *prog, const char *name, const struct ms_type **ret)
{
	struct ms_error *err = ms_type_find(prog, name, ret);

	if (!ms_error_catch(&err, MS_ERR_LOOKUP))
		return err;
	return ms_error_lookup(name, "the debuginfo lacks %s", name);
}

/* The value of enumerator @name, or LOOKUP. */
static struct ms_error *enum_value(struct ms_program *prog, const char *name, int64_t *ret)
{
	struct ms_error *err = ms_enum_value(prog, name, ret);

	if (!ms_error_catch(&err, MS_ERR_LOOKUP))
		return err;
	return ms_error_lookup(name, "the debuginfo has no enumerator %s", name);
}

/* A flag's bit number from enum pageflags, -1 when the kernel has no such flag. */
static int flag_bit(struct ms_program *prog, const char *name)
{
	int64_t v;
	struct ms_error *err = enum_value(prog, name, &v);

	if (err) {
		ms_error_destroy(err);
		return -1;
	}
	return v >= 0 && v < 64 ? (int)v : -1;
}

/* The first of several spellings of a member that exists, or the last LOOKUP. */
static struct ms_error *field_any(struct ms_program *prog, const struct ms_type *t,
				  const char *const *paths, const struct ms_field **ret)
{
	struct ms_error *err = NULL;

	for (; *paths; paths++) {
		ms_error_destroy(err);
		err = ms_field_find(prog, t, *paths, ret);
		if (!err || err->kind != MS_ERR_LOOKUP)
			return err;
	}
	return err;
}

/* ---------------------------------------------------------------------- */
/* the struct page part                                                   */

static struct ms_error *load_pageflags(struct ms_program *prog, struct ms_mm *mm)
{
	const struct ms_type *e;
	int64_t nr = -1;
	size_t i, n;
	struct ms_error *err = find_type(prog, "enum pageflags", &e);

	if (err)
		return err;
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
	if (!mm->pageflag_names)
		return &ms_enomem;
	/* The first enumerator of a value is the flag's name (aliases such as
	 * PG_checked = PG_owner_priv_1 come later in the enum). */
	for (i = 0; i < n; i++) {
		const struct ms_enumerator *en = ms_type_enumerator(e, i);
		if (en->value < 0 || en->value >= nr || strncmp(en->name, "PG_", 3))
			continue;
		if (!mm->pageflag_names[en->value] &&
		    !(mm->pageflag_names[en->value] = strdup(en->name)))
			return &ms_enomem;
	}
	return NULL;
}

/*
 * How a free page is told.  Linux 4.0 marks the head of a free block with
 * PG_buddy in some configurations and with _mapcount ==
 * PAGE_BUDDY_MAPCOUNT_VALUE (-128 there) otherwise, and exports the value in
 * VMCOREINFO; a flag in enum pageflags wins.  Later kernels keep it in
 * page_type, a union with _mapcount: PageBuddy() tests that PG_buddy is
 * cleared from a page_type otherwise all ones, which for a page of no other
 * type (a free page has none) is the same value, -129 in 6.1's VMCOREINFO,
 * read through _mapcount as makedumpfile reads it.
 */
static struct ms_error *find_buddy_rule(struct ms_program *prog, struct ms_mm *mm)
{
	struct ms_error *err;

	mm->buddy_rule = MS_MM_BUDDY_UNKNOWN;
	if (mm->pg_buddy >= 0) {
		mm->buddy_rule = MS_MM_BUDDY_FLAG;
		return NULL;
	}
	err = ms_vmcoreinfo_number(ms_dump_vmcoreinfo(prog), "PAGE_BUDDY_MAPCOUNT_VALUE",
				   INT32_MIN, -1, &mm->buddy_mapcount);
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		return NULL;		/* neither: MS_MM_BUDDY_UNKNOWN */
	if (err)
		return err;
	if (mm->pg_mapcount)
		mm->buddy_rule = MS_MM_BUDDY_MAPCOUNT;
	return NULL;
}

static struct ms_error *build_pages(struct ms_program *prog, struct ms_mm_state *S)
{
	static const char *const count_paths[] = { "_count.counter", "_refcount.counter", "_count",
		"_refcount", NULL };
	static const char *const mapcount_paths[] = { "_mapcount.counter", "_mapcount", NULL };
	struct ms_mm *mm = &S->mm;
	const struct ms_type *page;
	const struct ms_field *lru;
	struct ms_error *err = find_type(prog, "struct page", &page);

	if (err)
		return err;
	mm->page_type = page;
	if ((err = ms_field_find(prog, page, "flags", &mm->pg_flags)) ||
	    (err = ms_field_find(prog, page, "mapping", &mm->pg_mapping)) ||
	    (err = ms_field_find(prog, page, "index", &mm->pg_index)) ||
	    (err = field_any(prog, page, count_paths, &mm->pg_count)))
		return err;
	mm->pg_private = ms_field_find_opt(prog, page, "private", &err);
	if (err)
		return err;
	err = field_any(prog, page, mapcount_paths, &mm->pg_mapcount);
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		mm->pg_mapcount = NULL;	/* a kernel without _mapcount */
	if (err)
		return err;
	mm->pg_lru = -1;
	lru = ms_field_find_opt(prog, page, "lru", &err);
	if (lru) {
		mm->pg_lru = (long)lru->offset;
		mm->pg_lru_next = ms_field_find_opt(prog, page, "lru.next", &err);
		mm->pg_lru_prev = ms_field_find_opt(prog, page, "lru.prev", &err);
	}
	if (err)
		return err;

	if ((err = load_pageflags(prog, mm)))
		return err;
	mm->pg_buddy = flag_bit(prog, "PG_buddy");
	mm->pg_slab = flag_bit(prog, "PG_slab");
	mm->pg_reserved = flag_bit(prog, "PG_reserved");
	mm->pgf_lru = flag_bit(prog, "PG_lru");
	mm->pg_compound_head = flag_bit(prog, "PG_head");
	if (mm->pg_compound_head < 0)
		mm->pg_compound_head = flag_bit(prog, "PG_compound");
	mm->pg_tail = flag_bit(prog, "PG_tail");
	mm->pg_swapbacked = flag_bit(prog, "PG_swapbacked");
	return find_buddy_rule(prog, mm);
}

static void free_pages(struct ms_mm *mm)
{
	int i;

	for (i = 0; mm->pageflag_names && i < mm->nr_pageflags; i++)
		free(mm->pageflag_names[i]);
	free(mm->pageflag_names);
	mm->pageflag_names = NULL;
}

/* ---------------------------------------------------------------------- */
/* the zones part                                                         */

/* migratetype_names[i], a pointer of the dump's size */
static struct ms_error *read_pointer(struct ms_program *prog, uint64_t addr, uint64_t *ret,
				     const char *what)
{
	unsigned size = ms_type_pointer_size(prog);

	*ret = 0;
	return ms_readmem(prog, addr, MS_KVADDR, ret, size < 8 ? size : 8, what);
}

static struct ms_error *load_migratetypes(struct ms_program *prog, struct ms_mm *mm)
{
	const struct ms_symbol *names = ms_symbol_find(prog, "migratetype_names");
	int i;

	mm->mt_names = calloc((size_t)mm->nr_migratetypes + 1, sizeof(char *));
	if (!mm->mt_names)
		return &ms_enomem;
	/* The kernel's own table, when the image has it. */
	if (names) {
		for (i = 0; i < mm->nr_migratetypes; i++) {
			uint64_t p;
			char buf[64];
			struct ms_error *err = read_pointer(prog, names->value + (uint64_t)i *
							    ms_type_pointer_size(prog), &p,
							    "migratetype_names");

			if (!err && p)
				err = ms_read_text(prog, p, buf, sizeof(buf), sizeof(buf) - 1,
						   "migratetype name");
			if (err || !p || !buf[0]) {
				ms_error_destroy(err);
				break;
			}
			mm->mt_names[i] = strdup(buf);
		}
		if (i == mm->nr_migratetypes)
			return NULL;
		for (i = 0; i < mm->nr_migratetypes; i++) {
			free(mm->mt_names[i]);
			mm->mt_names[i] = NULL;
		}
	}
	/* Else the enum: MIGRATE_UNMOVABLE -> "Unmovable"; MIGRATE_PCPTYPES and
	 * MIGRATE_TYPES are counts, not types. */
	{
		const struct ms_type *e = ms_type_get(prog, "enum migratetype");
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
			struct ms_error *err = ms_enum_value(prog, known[i], &v);

			if (!err && v >= 0 && v < mm->nr_migratetypes && !mm->mt_names[v]) {
				ms_mm_mt_name_from_enum(known[i], buf, sizeof(buf));
				mm->mt_names[v] = strdup(buf);
			}
			ms_error_destroy(err);
		}
	}
	for (i = 0; i < mm->nr_migratetypes; i++) {
		if (!mm->mt_names[i]) {
			char buf[32];
			snprintf(buf, sizeof(buf), "Type%d", i);
			mm->mt_names[i] = strdup(buf);
		}
		if (!mm->mt_names[i])
			return &ms_enomem;
	}
	return NULL;
}

/*
 * When zone->name points outside the dump (a string literal the dump does
 * not hold), name the zone after its enum zone_type enumerator as the
 * kernel's zone_names[] does: ZONE_DMA32 -> "DMA32", ZONE_NORMAL -> "Normal".
 */
static void zone_name_from_enum(struct ms_program *prog, int idx, char *buf, size_t bufsz)
{
	const struct ms_type *e = ms_type_get(prog, "enum zone_type");
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

/*
 * An optional counter of @t at @addr: *has false when the kernel has no such
 * member; a fault is an error.
 */
static struct ms_error *read_opt(struct ms_program *prog, const struct ms_type *t, uint64_t addr,
				 const char *path, uint64_t *ret, bool *has)
{
	struct ms_error *err = ms_member_read_u64(prog, t, addr, path, ret);

	*has = !err;
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		*ret = 0;
	return err;
}

/* The watermarks crash prints, by enum zone_watermarks, from zone.watermark[]. */
static struct ms_error *load_watermarks(struct ms_program *prog, struct ms_mm_state *S,
					struct ms_mm_zone *z)
{
	static const char *const names[3] = { "WMARK_MIN", "WMARK_LOW", "WMARK_HIGH" };
	const struct ms_field *wm;
	const char *member = "watermark";
	uint64_t len, elsize;
	struct ms_error *err = ms_field_find(prog, S->zone_type, member, &wm);
	int i;

	/* later kernels call it _watermark (beside watermark_boost, which
	 * crash leaves out of MIN/LOW/HIGH as well) */
	if (ms_error_catch(&err, MS_ERR_LOOKUP)) {
		member = "_watermark";
		err = ms_field_find(prog, S->zone_type, member, &wm);
	}

	z->has_watermarks = false;
	if (!err)
		err = ms_field_array(wm, &len, &elsize);
	for (i = 0; !err && i < 3; i++) {
		int64_t idx;
		char path[64];

		err = enum_value(prog, names[i], &idx);
		if (!err && (idx < 0 || (uint64_t)idx >= len))
			err = ms_error_lookup(names[i], "%s is outside zone.watermark[]", names[i]);
		if (err)
			break;
		snprintf(path, sizeof(path), "%s[%" PRId64 "]", member, idx);
		err = ms_member_read_u64(prog, S->zone_type, z->addr, path, &z->watermark[i]);
	}
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		return NULL;	/* not available */
	if (!err)
		z->has_watermarks = true;
	return err;
}

static struct ms_error *load_zone(struct ms_program *prog, struct ms_mm_state *S, struct ms_mm_node *nd,
				  struct ms_mm_zone *z)
{
	struct ms_mm *mm = &S->mm;
	const struct ms_field *nr_free;
	uint64_t v, nameptr = 0;
	int o;
	struct ms_error *err;

	z->nid = nd->id;
	snprintf(z->name, sizeof(z->name), "(unknown)");
	err = ms_member_read_u64(prog, S->zone_type, z->addr, "name", &nameptr);
	if (!err && nameptr) {
		char buf[32];

		err = ms_read_string(prog, nameptr, buf, sizeof(buf), "zone name");
		if (!err && buf[0])
			ms_escape_string(z->name, sizeof(z->name), buf);	/* dump text */
		else
			zone_name_from_enum(prog, z->idx, z->name, sizeof(z->name));
	} else {
		zone_name_from_enum(prog, z->idx, z->name, sizeof(z->name));
	}
	ms_error_destroy(err);	/* the name is best effort: the enum names it */
	if ((err = ms_member_read_u64(prog, S->zone_type, z->addr, "zone_start_pfn", &z->start_pfn)) ||
	    (err = ms_member_read_u64(prog, S->zone_type, z->addr, "spanned_pages", &z->spanned)) ||
	    (err = read_opt(prog, S->zone_type, z->addr, "present_pages", &z->present, &z->has_present)) ||
	    (err = read_opt(prog, S->zone_type, z->addr, "managed_pages", &z->managed, &z->has_managed)) ||
	    (err = load_watermarks(prog, S, z)))
		return err;
	err = ms_mm_vm_stat(prog, z, "NR_FREE_PAGES", &z->free_pages);
	z->has_free_pages = !err;
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		z->free_pages = 0;
	if (err)
		return err;
	z->free_area = z->addr + mm->zone_free_area;
	z->nr_free = calloc((size_t)mm->max_order, sizeof(uint64_t));
	if (!z->nr_free)
		return &ms_enomem;
	if ((err = ms_field_find_by_name(prog, "struct free_area", "nr_free", &nr_free)))
		return err;
	for (o = 0; o < mm->max_order; o++) {
		err = ms_field_read_u64(prog, nr_free, z->free_area + (uint64_t)o * mm->free_area_size,
					&z->nr_free[o], "free_area nr_free");
		if (err)
			return err;
	}
	z->pageblock_flags = 0;
	z->pb_words = NULL;
	z->nr_pb_words = 0;
	err = ms_member_read_u64(prog, S->zone_type, z->addr, "pageblock_flags", &v);
	if (!err)
		z->pageblock_flags = v;
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		z->pageblock_flags = 0;
	if (err)
		return err;
	if (z->pageblock_flags && mm->pageblock_order >= 0 && mm->pb_bits && z->spanned) {
		/* a few bits per pageblock: keep a copy, free-list checks read it per block */
		uint64_t start = z->start_pfn & ~((1ull << mm->pageblock_order) - 1);
		uint64_t blocks = ((z->start_pfn + z->spanned - start) >> mm->pageblock_order) + 1;
		uint64_t words = (blocks * (uint64_t)mm->pb_bits + 63) / 64;

		if (words < (1u << 20)) {
			z->pb_words = malloc(words * 8);
			err = z->pb_words ? ms_readmem(prog, z->pageblock_flags, MS_KVADDR, z->pb_words,
						       words * 8, "pageblock_flags") : NULL;
			if (z->pb_words && !err) {
				z->nr_pb_words = words;
			} else {
				/* best effort: each lookup then reads its own word */
				ms_error_destroy(err);
				free(z->pb_words);
				z->pb_words = NULL;
			}
		}
	}
	z->mem_map = 0;
	if (z->spanned && z->start_pfn >= nd->start_pfn)
		z->mem_map = nd->mem_map + (z->start_pfn - nd->start_pfn) * mm->page_struct_size;
	return NULL;
}

static struct ms_error *load_node(struct ms_program *prog, struct ms_mm_state *S, struct ms_mm_node *nd,
				  uint64_t pgdat, int fallback_id)
{
	struct ms_mm *mm = &S->mm;
	const struct ms_field *zones;
	uint64_t v, zones_len, zsize = 0;
	struct ms_error *err;
	int i;

	nd->pgdat = pgdat;
	nd->id = fallback_id;
	err = ms_member_read_u64(prog, S->pgdat_type, pgdat, "node_id", &v);
	if (!err && (int)v != fallback_id)
		/* node_data[nid]->node_id is nid (free_area_init_node()) */
		return ms_error_corrupt(pgdat, "node_data[%d] (pglist_data at %#" PRIx64 ") says "
					"node_id %d", fallback_id, pgdat, (int)v);
	if (!ms_error_catch(&err, MS_ERR_LOOKUP) && err)
		return err;
	if ((err = ms_member_read_u64(prog, S->pgdat_type, pgdat, "node_start_pfn", &nd->start_pfn)) ||
	    (err = ms_member_read_u64(prog, S->pgdat_type, pgdat, "node_spanned_pages", &nd->spanned)) ||
	    (err = read_opt(prog, S->pgdat_type, pgdat, "node_present_pages", &nd->present,
			    &nd->has_present)))
		return err;
	err = ms_member_read_u64(prog, S->pgdat_type, pgdat, "node_mem_map", &nd->mem_map);
	if (ms_error_catch(&err, MS_ERR_LOOKUP)) {
		const struct ms_symbol *sym = ms_symbol_find(prog, "mem_map");
		uint64_t base;

		if (ms_mm_sparse_present(prog)) {
			/* SPARSEMEM: no node_mem_map, the sections say where */
			err = ms_mm_sparse_node_map(prog, nd->start_pfn, nd->spanned,
						    mm->page_struct_size, &nd->mem_map);
			if (err)
				return ms_error_prepend(err, "the mem_map of node %d", nd->id);
			mm->sparsemem = true;
		} else if (!sym) {
			return ms_error_lookup("mem_map", "cannot find the mem_map of node %d", nd->id);
		} else {
			/* FLATMEM without node_mem_map: the global mem_map */
			if ((err = read_pointer(prog, sym->value, &base, "mem_map")))
				return err;
			nd->mem_map = base + nd->start_pfn * mm->page_struct_size;
		}
	}
	if (err)
		return err;
	if ((err = ms_field_find(prog, S->pgdat_type, "node_zones", &zones)) ||
	    (err = ms_field_array(zones, &zones_len, &zsize)))
		return err;
	if (!zones_len || !zsize)
		return ms_error_lookup("pglist_data.node_zones", "pglist_data.node_zones is not an array");
	nd->nr_zones = (int)zones_len;
	nd->zones = calloc(zones_len, sizeof(*nd->zones));
	if (!nd->zones)
		return &ms_enomem;
	for (i = 0; i < nd->nr_zones; i++) {
		nd->zones[i].addr = pgdat + zones->offset + (uint64_t)i * zsize;
		nd->zones[i].idx = i;
		if ((err = load_zone(prog, S, nd, &nd->zones[i])))
			return err;
	}
	return NULL;
}

static int cmp_node(const void *a, const void *b)
{
	const struct ms_mm_node *x = a, *y = b;

	return x->start_pfn < y->start_pfn ? -1 : x->start_pfn > y->start_pfn;
}

/*
 * What the walks trust, checked against the dump before any walk: every
 * node and zone spans pfns the dump can hold (a node_spanned_pages of 2^32
 * would be walked for hours), zones lie in their node and do not overlap,
 * present pages fit in the span, and no two nodes are one (node_data[1]
 * pointing at node 0's pglist_data) or overlap.  The nodes are sorted by start_pfn.
 */
static struct ms_error *check_nodes(struct ms_program *prog, const struct ms_mm *mm)
{
	const struct ms_dump_info *info = ms_dump_info(prog);
	/* without a dump (tests read an ELF image) x86-64's 46-bit physical space */
	uint64_t limit = info && info->max_pfn ? info->max_pfn : 1ULL << (46 - 12);

	for (int i = 0; i < mm->nr_nodes; i++) {
		const struct ms_mm_node *nd = &mm->nodes[i];

		if (nd->spanned > limit || nd->start_pfn > limit - nd->spanned)
			return ms_error_corrupt(nd->pgdat, "node %d (pglist_data at %#" PRIx64 "): pfns %#"
						PRIx64 " + %#" PRIx64 " spanned pages lie beyond the dump's"
						" memory (%#" PRIx64 " pages)", nd->id, nd->pgdat,
						nd->start_pfn, nd->spanned, limit);
		if (nd->has_present && nd->present > nd->spanned)
			return ms_error_corrupt(nd->pgdat, "node %d (pglist_data at %#" PRIx64 "): %" PRIu64
						" present pages, more than its %" PRIu64 " spanned",
						nd->id, nd->pgdat, nd->present, nd->spanned);
		for (int j = 0; j < i; j++)
			if (mm->nodes[j].pgdat == nd->pgdat)
				return ms_error_corrupt(nd->pgdat, "nodes %d and %d are one pglist_data (at %#"
							PRIx64 "): node_data is damaged",
							mm->nodes[j].id, nd->id, nd->pgdat);
		if (i && nd->spanned && mm->nodes[i - 1].spanned &&
		    nd->start_pfn < mm->nodes[i - 1].start_pfn + mm->nodes[i - 1].spanned)
			return ms_error_corrupt(nd->pgdat, "node %d (pfns %#" PRIx64 "-%#" PRIx64 ") overlaps "
						"node %d (pfns %#" PRIx64 "-%#" PRIx64 ")", nd->id,
						nd->start_pfn, nd->start_pfn + nd->spanned - 1,
						mm->nodes[i - 1].id, mm->nodes[i - 1].start_pfn,
						mm->nodes[i - 1].start_pfn + mm->nodes[i - 1].spanned - 1);
		for (int k = 0; k < nd->nr_zones; k++) {
			const struct ms_mm_zone *z = &nd->zones[k];

			if (!z->spanned)
				continue;
			if (z->start_pfn < nd->start_pfn || z->spanned > nd->spanned ||
			    z->start_pfn - nd->start_pfn > nd->spanned - z->spanned)
				return ms_error_corrupt(z->addr, "zone %s of node %d (at %#" PRIx64 "): pfns %#"
							PRIx64 " + %#" PRIx64 " lie outside its node (pfns %#"
							PRIx64 " + %#" PRIx64 ")", z->name, nd->id, z->addr,
							z->start_pfn, z->spanned, nd->start_pfn, nd->spanned);
			for (int m = 0; m < k; m++) {
				const struct ms_mm_zone *y = &nd->zones[m];

				if (y->spanned && z->start_pfn < y->start_pfn + y->spanned &&
				    y->start_pfn < z->start_pfn + z->spanned)
					return ms_error_corrupt(z->addr, "zone %s of node %d (at %#" PRIx64
								", pfns %#" PRIx64 "-%#" PRIx64 ") overlaps "
								"zone %s (pfns %#" PRIx64 "-%#" PRIx64 ")",
								z->name, nd->id, z->addr, z->start_pfn,
								z->start_pfn + z->spanned - 1,
								y->name, y->start_pfn,
								y->start_pfn + y->spanned - 1);
			}
			if (z->has_present && z->present > z->spanned)
				return ms_error_corrupt(z->addr, "zone %s of node %d (at %#" PRIx64 "): %" PRIu64
							" present pages, more than its %" PRIu64 " spanned",
							z->name, nd->id, z->addr, z->present, z->spanned);
		}
	}
	return NULL;
}

static struct ms_error *load_nodes(struct ms_program *prog, struct ms_mm_state *S)
{
	struct ms_mm *mm = &S->mm;
	const struct ms_symbol *node_data = ms_symbol_find(prog, "node_data");
	const struct ms_symbol *contig = ms_symbol_find(prog, "contig_page_data");
	const struct ms_type *t = NULL;
	uint64_t len = 1, i, daddr, elsize = ms_type_pointer_size(prog);
	int64_t nr_ids = -1;
	struct ms_error *err;

	if (node_data) {
		mm->numa = true;
		/* node_data[MAX_NUMNODES]; without its DWARF one node */
		err = ms_variable_find(prog, "node_data", &t, &daddr);
		if (!err && t && ms_type_kind(ms_type_strip(t)) == MS_TYPE_ARRAY)
			len = ms_type_array_len(ms_type_strip(t));
		if (err && !ms_error_catch(&err, MS_ERR_LOOKUP))
			return err;
		err = ms_global_read_s64(prog, "nr_node_ids", &nr_ids);
		if (ms_error_catch(&err, MS_ERR_LOOKUP))
			nr_ids = -1;
		if (err)
			return err;
		if (nr_ids > 0 && (uint64_t)nr_ids < len)
			len = (uint64_t)nr_ids;
		mm->nodes = calloc(len, sizeof(*mm->nodes));
		if (!mm->nodes)
			return &ms_enomem;
		for (i = 0; i < len; i++) {
			uint64_t pgdat;

			if ((err = read_pointer(prog, node_data->value + elsize * i, &pgdat, "node_data")))
				return err;
			if (!pgdat)
				continue;
			for (int j = 0; j < mm->nr_nodes; j++)
				if (mm->nodes[j].pgdat == pgdat)
					return ms_error_corrupt(pgdat, "nodes %d and %" PRIu64 " are one "
								"pglist_data (at %#" PRIx64 "): node_data "
								"is damaged", mm->nodes[j].id, i, pgdat);
			err = load_node(prog, S, &mm->nodes[mm->nr_nodes], pgdat, (int)i);
			mm->nr_nodes++;		/* what it allocated is freed with it */
			if (err)
				return err;
		}
	} else if (contig) {
		mm->numa = false;
		mm->nodes = calloc(1, sizeof(*mm->nodes));
		if (!mm->nodes)
			return &ms_enomem;
		mm->nr_nodes = 1;
		if ((err = load_node(prog, S, &mm->nodes[0], contig->value, 0)))
			return err;
	} else {
		return ms_error_lookup("node_data", "neither node_data nor contig_page_data in the debuginfo");
	}
	if (!mm->nr_nodes)
		return ms_error_lookup("node_data", "no memory node found in node_data");
	/* crash keeps per-node tables (NODE lines) for SPARSEMEM only with more than one node */
	if (mm->sparsemem && mm->nr_nodes == 1)
		mm->numa = false;
	qsort(mm->nodes, (size_t)mm->nr_nodes, sizeof(*mm->nodes), cmp_node);
	if ((err = check_nodes(prog, mm)))
		return err;
	for (i = 0; i < (uint64_t)mm->nr_nodes; i++) {
		uint64_t end = mm->nodes[i].start_pfn + mm->nodes[i].spanned;
		if (end > mm->max_pfn)
			mm->max_pfn = end;
	}
	return NULL;
}

/*
 * The direct map's base: VMCOREINFO, then page_offset_base, then what the
 * page tables say about node 0's mem_map (which bootmem put in the direct map).
 */
static struct ms_error *find_page_offset(struct ms_program *prog, struct ms_mm *mm)
{
	static const char *const keys[] = { "PAGE_OFFSET", "page_offset_base", NULL };
	const struct ms_vmcoreinfo *vi = ms_dump_vmcoreinfo(prog);
	struct ms_error *err;
	uint64_t pa;
	int64_t g;
	int i;

	for (i = 0; keys[i]; i++) {
		err = ms_vmcoreinfo_number(vi, keys[i], INT64_MIN, INT64_MAX, &g);
		if (!err && g) {
			mm->page_offset = (uint64_t)g;
			return NULL;
		}
		if (err && !ms_error_catch(&err, MS_ERR_LOOKUP))
			return err;
	}
	err = ms_global_read_s64(prog, "page_offset_base", &g);
	if (!err && g) {
		mm->page_offset = (uint64_t)g;
		return NULL;
	}
	if (err && !ms_error_catch(&err, MS_ERR_LOOKUP))
		return err;
	err = ms_kvtop(prog, mm->nodes[0].mem_map, &pa);
	if (!err)
		mm->page_offset = mm->nodes[0].mem_map - pa;
	ms_error_destroy(err);	/* without a direct map: unknown (0) */
	return NULL;
}

/* The physical range of the kernel image: the kdata section, or _text.._end. */
static void find_image(struct ms_program *prog, struct ms_mm *mm)
{
	static const char *const starts[] = { "__start_kdata", "_text", "_stext", NULL };
	static const char *const ends[] = { "__stop_kdata", "_end", NULL };
	int i;

	for (i = 0; starts[i]; i++) {
		const struct ms_symbol *s = ms_symbol_find(prog, starts[i]);
		const struct ms_symbol *e = ms_symbol_find(prog, ends[i < 2 ? i : 1]);
		uint64_t ps, pe;
		struct ms_error *err;

		if (!s || !e || e->value <= s->value)
			continue;
		err = ms_kvtop(prog, s->value, &ps);
		if (!err)
			err = ms_kvtop(prog, e->value - 1, &pe);
		if (err) {
			ms_error_destroy(err);
			continue;
		}
		mm->image_start_pfn = ps >> mm->page_shift;
		mm->image_end_pfn = (pe >> mm->page_shift) + 1;
		return;
	}
}

/*
 * pageblock_order: the kernel's variable (CONFIG_HUGETLB_PAGE_SIZE_VARIABLE)
 * or NUMBER(pageblock_order) in VMCOREINFO; without either it is not known
 * (-1) and the commands say so.  The bits of a pageblock come from enum
 * pageblock_bits: PB_migrate..PB_migrate_end hold the migratetype, and
 * NR_PAGEBLOCK_BITS is the stride.
 */
static struct ms_error *find_pageblocks(struct ms_program *prog, struct ms_mm_state *S)
{
	struct ms_mm *mm = &S->mm;
	const struct ms_field *pbf;
	int64_t v, start, end, nr;
	bool missing;
	struct ms_error *err;

	mm->pageblock_order = -1;
	err = ms_global_read_s64(prog, "pageblock_order", &v);
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		err = ms_vmcoreinfo_number(ms_dump_vmcoreinfo(prog), "pageblock_order", 0,
					   mm->max_order > 0 ? mm->max_order - 1 : 0, &v);
	missing = ms_error_catch(&err, MS_ERR_LOOKUP);
	if (err)
		return err;
	if (!missing) {
		mm->pageblock_order = (int)v;
	} else if (ms_symbol_find(prog, "hstates")) {
		/*
		 * Neither: on x86-64 with CONFIG_HUGETLB_PAGE (hstates[]
		 * exists) and no variable, pageblock_order is the macro
		 * HUGETLB_PAGE_ORDER, the order of a PMD-mapped huge page:
		 * one page-table page of 8-byte entries.
		 */
		v = (int64_t)mm->page_shift - 3;
		mm->pageblock_order = v > 0 && v < mm->max_order ? (int)v : mm->max_order - 1;
	}

	mm->pb_bits = 0;
	if (!(err = enum_value(prog, "PB_migrate", &start)) &&
	    !(err = enum_value(prog, "PB_migrate_end", &end)) &&
	    !(err = enum_value(prog, "NR_PAGEBLOCK_BITS", &nr)) &&
	    start >= 0 && end >= start && end - start < 8 && nr > end && nr <= 64) {
		mm->pb_migrate = (int)start;
		mm->pb_migrate_end = (int)end;
		mm->pb_bits = (int)nr;
	}
	ms_error_destroy(err);	/* without them: migratetypes of pageblocks are not known */
	/*
	 * Where a pageblock's bits sit in its word: Linux 4.0 counts them from
	 * the word's top, its get_pfnblock_flags_mask() taking the end_bitidx
	 * it counts back from (four parameters); later kernels count from the
	 * low end and dropped that parameter.  Without the function's DWARF,
	 * 4.0's way.
	 */
	{
		const struct ms_type *fn;
		uint64_t addr;

		err = ms_function_find(prog, "get_pfnblock_flags_mask", &fn, &addr);
		mm->pb_low_first = !err && ms_type_param_count(fn) == 3;
		ms_error_destroy(err);
	}
	/* the bitmap's words are unsigned longs: the zone's bitmap (FLATMEM),
	 * else each section's (SPARSEMEM, core/mm_sparse.c) */
	err = ms_field_find(prog, S->zone_type, "pageblock_flags", &pbf);
	mm->pb_word_bits = 0;
	if (!err) {
		const struct ms_type *p = ms_type_strip(pbf->type);

		if (ms_type_kind(p) == MS_TYPE_POINTER && ms_type_target(p))
			mm->pb_word_bits = (unsigned)ms_type_size(ms_type_target(p)) * 8;
	} else if (ms_error_catch(&err, MS_ERR_LOOKUP) && ms_mm_sparse_present(prog)) {
		err = ms_mm_sparse_pageblock_word_bits(prog, &mm->pb_word_bits);
	}
	if (ms_error_catch(&err, MS_ERR_LOOKUP) || mm->pb_word_bits != 64)
		mm->pb_bits = 0;	/* no bitmap (or one this code cannot read) */
	return err;
}

static struct ms_error *build_zones(struct ms_program *prog, struct ms_mm_state *S)
{
	struct ms_mm *mm = &S->mm;
	const struct ms_type *fa, *page;
	const struct ms_field *f;
	uint64_t len, el;
	struct ms_error *err;

	if ((err = find_type(prog, "struct page", &page)) ||
	    (err = find_type(prog, "struct zone", &S->zone_type)) ||
	    (err = find_type(prog, "struct free_area", &fa)))
		return err;
	err = find_type(prog, "struct pglist_data", &S->pgdat_type);
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		err = find_type(prog, "pg_data_t", &S->pgdat_type);
	if (err)
		return err;
	mm->page_struct_size = ms_type_size(page);
	if (!mm->page_struct_size)
		return ms_error_lookup("struct page", "struct page has no size");

	/* MAX_ORDER and MIGRATE_TYPES are array lengths, never constants. */
	if ((err = ms_field_find(prog, S->zone_type, "free_area", &f)) ||
	    (err = ms_field_array(f, &len, &el)))
		return err;
	mm->zone_free_area = f->offset;
	mm->max_order = (int)len;
	mm->free_area_size = el;
	if (mm->max_order <= 0 || !el)
		return ms_error_lookup("zone.free_area", "struct zone has no free_area array");
	if ((err = ms_field_find(prog, fa, "free_list", &f)))
		return err;
	mm->free_list_off = f->offset;
	err = ms_field_array(f, &len, &el);
	if (ms_error_catch(&err, MS_ERR_LOOKUP)) {
		/* pre-2.6.24: one list per order */
		len = 1;
		el = f->size;
	}
	mm->nr_migratetypes = (int)len;
	mm->list_head_size = el;
	if (mm->nr_migratetypes <= 0 || !el)
		return ms_error_lookup("free_area.free_list", "struct free_area has no free_list");
	if ((err = ms_field_find(prog, fa, "nr_free", &f)))
		return err;
	S->zone_vm_stat = NULL;
	err = ms_field_find(prog, S->zone_type, "vm_stat", &S->zone_vm_stat);
	if (!err)
		err = ms_field_array(S->zone_vm_stat, NULL, &S->vm_stat_elsize);
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		S->zone_vm_stat = NULL;
	if (err)
		return err;
	if ((err = load_migratetypes(prog, mm)) ||
	    (err = find_pageblocks(prog, S)) ||	/* before the zones, which read their bitmap */
	    (err = load_nodes(prog, S)) ||
	    (err = find_page_offset(prog, mm)))
		return err;
	find_image(prog, mm);
	return NULL;
}

static void free_zones(struct ms_mm *mm)
{
	int i, k;

	for (i = 0; mm->nodes && i < mm->nr_nodes; i++) {
		for (k = 0; mm->nodes[i].zones && k < mm->nodes[i].nr_zones; k++) {
			free(mm->nodes[i].zones[k].nr_free);
			free(mm->nodes[i].zones[k].pb_words);
		}
		free(mm->nodes[i].zones);
	}
	free(mm->nodes);
	mm->nodes = NULL;
	mm->nr_nodes = 0;
	for (i = 0; mm->mt_names && i < mm->nr_migratetypes; i++)
		free(mm->mt_names[i]);
	free(mm->mt_names);
	mm->mt_names = NULL;
}

/* ---------------------------------------------------------------------- */
/* the model                                                              */

static struct ms_error *state_of(struct ms_program *prog, struct ms_mm_state **ret)
{
	struct ms_mm_state *S = prog->mm;
	const struct ms_dump_info *di;

	if (!S) {
		S = prog->mm = calloc(1, sizeof(*S));
		if (!S)
			return &ms_enomem;
		di = ms_dump_info(prog);
		S->mm.page_size = di && di->page_size ? di->page_size : 4096;
		for (S->mm.page_shift = 0; (1ull << S->mm.page_shift) < S->mm.page_size; S->mm.page_shift++)
			;
		S->mm.pointer_size = ms_type_pointer_size(prog);
	}
	*ret = S;
	return NULL;
}

struct ms_error *ms_mm(struct ms_program *prog, unsigned parts, const struct ms_mm **ret)
{
	struct ms_mm_state *S;
	struct ms_error *err = state_of(prog, &S);
	size_t i;

	if (err)
		return err;
	for (i = 0; i < NR_PARTS; i++)
		if (parts & mm_parts[i].bit)
			parts |= mm_parts[i].needs;
	for (i = 0; i < NR_PARTS; i++) {
		struct mm_part_state *ps = &S->parts[i];

		if (!(parts & mm_parts[i].bit))
			continue;
		if (!ps->tried) {
			ps->tried = true;
			ps->err = mm_parts[i].build(prog, S);
			if (ps->err)
				mm_parts[i].free(&S->mm);
		}
		if (ps->err)
			return ms_error_copy(ps->err);
	}
	*ret = &S->mm;
	return NULL;
}

void ms_mm_free(struct ms_program *prog)
{
	struct ms_mm_state *S = prog->mm;
	size_t i;

	if (!S)
		return;
	for (i = 0; i < NR_PARTS; i++) {
		if (S->parts[i].tried && !S->parts[i].err)
			mm_parts[i].free(&S->mm);
		ms_error_destroy(S->parts[i].err);
	}
	free(S);
	prog->mm = NULL;
}

/* ---------------------------------------------------------------------- */
/* addresses                                                              */

/* The model with its zones, or NULL. */
static const struct ms_mm *zones_of(struct ms_program *prog)
{
	const struct ms_mm *mm;
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES, &mm);

	if (err) {
		ms_error_destroy(err);
		return NULL;
	}
	return mm;
}

const struct ms_mm_node *ms_mm_pfn_node(struct ms_program *prog, uint64_t pfn)
{
	const struct ms_mm *mm = zones_of(prog);
	int i;

	for (i = 0; mm && i < mm->nr_nodes; i++) {
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

	for (i = 0; nd && i < nd->nr_zones; i++) {
		const struct ms_mm_zone *z = &nd->zones[i];
		if (z->spanned && pfn >= z->start_pfn && pfn < z->start_pfn + z->spanned)
			return z;
	}
	return NULL;
}

struct ms_error *ms_mm_pfn_to_page(struct ms_program *prog, uint64_t pfn, uint64_t *page_ret)
{
	const struct ms_mm *mm;
	const struct ms_mm_node *nd;
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES, &mm);

	if (err)
		return err;
	nd = ms_mm_pfn_node(prog, pfn);
	if (!nd)
		return ms_error_lookup(NULL, "pfn %" PRIu64 " is not in any node", pfn);
	*page_ret = nd->mem_map + (pfn - nd->start_pfn) * mm->page_struct_size;
	return NULL;
}

struct ms_error *ms_mm_page_to_pfn(struct ms_program *prog, uint64_t addr, uint64_t *pfn_ret,
				   uint64_t *inner_ret)
{
	const struct ms_mm *mm;
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES, &mm);
	int i;

	if (err)
		return err;
	for (i = 0; i < mm->nr_nodes; i++) {
		const struct ms_mm_node *nd = &mm->nodes[i];
		uint64_t end = nd->mem_map + nd->spanned * mm->page_struct_size;
		if (addr >= nd->mem_map && addr < end) {
			uint64_t d = addr - nd->mem_map, q = d / mm->page_struct_size;
			*pfn_ret = nd->start_pfn + q;
			if (inner_ret)
				*inner_ret = d - q * mm->page_struct_size;
			return NULL;
		}
	}
	return ms_error_lookup(NULL, "%" PRIx64 " is not a page struct address", addr);
}

bool ms_mm_is_directmap(struct ms_program *prog, uint64_t addr)
{
	const struct ms_mm *mm = zones_of(prog);

	if (!mm || !mm->page_offset || addr < mm->page_offset)
		return false;
	return ((addr - mm->page_offset) >> mm->page_shift) < mm->max_pfn &&
	       ms_mm_pfn_node(prog, (addr - mm->page_offset) >> mm->page_shift);
}

void ms_mm_resolve(struct ms_program *prog, uint64_t addr, bool phys, struct ms_mm_addr *r)
{
	const struct ms_mm *mm = zones_of(prog);
	uint64_t pfn, inner, pa;
	struct ms_error *err;

	memset(r, 0, sizeof(*r));
	r->addr = addr;
	if (!mm)
		return;
	if (phys) {
		pfn = addr >> mm->page_shift;
		err = ms_mm_pfn_to_page(prog, pfn, &r->page);
		if (!err) {
			r->kind = MS_MM_ADDR_PHYS;
			r->pfn = pfn;
			r->inner = addr & (mm->page_size - 1);
		}
		ms_error_destroy(err);
		return;
	}
	err = ms_mm_page_to_pfn(prog, addr, &pfn, &inner);
	if (!err) {
		r->kind = MS_MM_ADDR_PAGE;
		r->pfn = pfn;
		r->inner = inner;
		r->page = addr - inner;
		return;
	}
	ms_error_destroy(err);
	if (ms_mm_is_directmap(prog, addr)) {
		pa = addr - mm->page_offset;
	} else if (!(err = ms_kvtop(prog, addr, &pa))) {
		;	/* image, vmalloc: the page tables say where */
	} else if ((addr >> mm->page_shift) < mm->max_pfn) {
		/* a plain number below the end of RAM: physical */
		ms_error_destroy(err);
		ms_mm_resolve(prog, addr, true, r);
		return;
	} else {
		ms_error_destroy(err);
		return;
	}
	pfn = pa >> mm->page_shift;
	err = ms_mm_pfn_to_page(prog, pfn, &r->page);
	if (err) {
		ms_error_destroy(err);
		return;
	}
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
	pg->flags = ms_field_get_u64(mm->pg_flags, raw);
	pg->mapping = ms_field_get_u64(mm->pg_mapping, raw);
	pg->index = ms_field_get_u64(mm->pg_index, raw);
	pg->count = ms_field_get_s64(mm->pg_count, raw);
	pg->private_ = mm->pg_private ? ms_field_get_u64(mm->pg_private, raw) : 0;
	pg->mapcount = mm->pg_mapcount ? ms_field_get_s64(mm->pg_mapcount, raw) : -1;
	pg->lru_next = mm->pg_lru_next ? ms_field_get_u64(mm->pg_lru_next, raw) : 0;
	pg->lru_prev = mm->pg_lru_prev ? ms_field_get_u64(mm->pg_lru_prev, raw) : 0;
}

bool ms_mm_page_is_buddy(const struct ms_mm *mm, uint64_t flags, int64_t mapcount)
{
	switch (mm->buddy_rule) {
	case MS_MM_BUDDY_FLAG:
		return ms_mm_flag(flags, mm->pg_buddy);
	case MS_MM_BUDDY_MAPCOUNT:
		return mapcount == mm->buddy_mapcount;
	case MS_MM_BUDDY_UNKNOWN:
		break;
	}
	return false;
}

struct ms_error *ms_mm_page_read(struct ms_program *prog, uint64_t addr, struct ms_mm_page *pg)
{
	const struct ms_mm *mm;
	unsigned char stackbuf[256], *buf = stackbuf;
	uint64_t pfn = (uint64_t)-1;
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES | MS_MM_PAGES, &mm);

	if (err)
		return err;
	if (mm->page_struct_size > sizeof(stackbuf)) {
		buf = malloc(mm->page_struct_size);
		if (!buf)
			return &ms_enomem;
	}
	err = ms_readmem(prog, addr, MS_KVADDR, buf, mm->page_struct_size, "page struct");
	if (!err) {
		struct ms_error *e = ms_mm_page_to_pfn(prog, addr, &pfn, NULL);

		if (e)
			pfn = (uint64_t)-1;
		ms_error_destroy(e);
		ms_mm_page_decode(mm, buf, addr, pfn, pg);
	}
	if (buf != stackbuf)
		free(buf);
	return err;
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

struct ms_error *ms_mm_vm_stat(struct ms_program *prog, const struct ms_mm_zone *z, const char *item,
			       int64_t *ret)
{
	struct ms_mm_state *S;
	struct ms_field f = { 0 };
	uint64_t base, el = 8, v;
	int64_t idx;
	struct ms_error *err = state_of(prog, &S);

	if (err || (err = enum_value(prog, item, &idx)))
		return err;
	if (idx < 0)
		return ms_error_lookup(item, "%s is not a vm_stat index", item);
	if (z) {
		if (!S->zone_vm_stat)
			return ms_error_lookup("zone.vm_stat", "struct zone has no vm_stat");
		base = z->addr + S->zone_vm_stat->offset;
		el = S->vm_stat_elsize;
	} else {
		/*
		 * Linux 4.0 keeps every item in vm_stat[]; later kernels split
		 * them by enum: zone_stat_item in vm_zone_stat[],
		 * node_stat_item in vm_node_stat[].  The item's enum says which.
		 */
		const struct ms_type *et = ms_enum_type_of(prog, item);
		const char *tag = et ? ms_type_tag(et) : NULL, *array = "vm_stat";
		const struct ms_symbol *sym;
		const struct ms_type *t = NULL;

		if (tag && !strcmp(tag, "node_stat_item"))
			array = "vm_node_stat";
		else if (tag && !strcmp(tag, "zone_stat_item") && ms_symbol_find(prog, "vm_zone_stat"))
			array = "vm_zone_stat";
		sym = ms_symbol_find(prog, array);
		if (!sym)
			return ms_error_lookup(array, "symbol not found: %s", array);
		base = sym->value;
		/* the element size from DWARF; a word without it */
		err = ms_variable_find(prog, array, &t, &v);
		if (!err && t && ms_type_kind(ms_type_strip(t)) == MS_TYPE_ARRAY &&
		    ms_type_target(ms_type_strip(t)))
			el = ms_type_size(ms_type_target(ms_type_strip(t)));
		if (err && !ms_error_catch(&err, MS_ERR_LOOKUP))
			return err;
	}
	/* atomic_long_t: a signed word */
	f.size = el > 8 ? 8 : el;
	f.is_signed = true;
	if ((err = ms_field_read_u64(prog, &f, base + (uint64_t)idx * el, &v, "vm_stat")))
		return err;
	*ret = (int64_t)v;
	return NULL;
}
