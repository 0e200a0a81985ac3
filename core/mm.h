/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mm.h - the dump's memory model, read through DWARF and ELF symbols only.
 *
 * Nodes (node_data[] or contig_page_data), their zones and free areas, the
 * mem_map lookups pfn <-> struct page address <-> physical <-> direct-map
 * virtual address, page flag names from the dump's own enum pageflags and
 * migratetype names from its enum migratetype.  Every layout fact (struct
 * page members, MAX_ORDER = the length of zone.free_area, MIGRATE_TYPES =
 * the length of free_area.free_list, MAX_NR_ZONES, NR_PAGEFLAGS) comes from
 * the debuginfo; nothing here knows a refmm header.
 *
 * The model is built once per session, on the first ms_mm(prog) call, and lives
 * until exit.  Zone counters (free pages, nr_free per order) are snapshots
 * taken then: a dump does not change.
 *
 * mem_map is read in bulk (1 MiB chunks) by ms_mm_pages_walk(prog); single pages
 * through ms_mm_page_read(prog).  Free lists are walked with ms_list_walk(prog), so
 * a corrupted list stops with the list head, the bad entry and the reason.
 */
#ifndef MS_MM_H
#define MS_MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/program.h"

/** A member of a structure: offset and size in bytes (-1 / 0 if absent). */
struct ms_mm_field {
	long off;
	unsigned size;
};

struct ms_mm_zone {
	uint64_t addr;			/* the struct zone */
	int nid;			/* node id */
	int idx;			/* index in node_zones[] */
	char name[32];			/* "(unknown)" when the name cannot be read */
	uint64_t start_pfn;
	uint64_t spanned, present, managed;
	uint64_t watermark[3];		/* WMARK_MIN, WMARK_LOW, WMARK_HIGH */
	int64_t free_pages;		/* vm_stat[NR_FREE_PAGES] */
	uint64_t free_area;		/* address of free_area[0] */
	uint64_t *nr_free;		/* free_area[order].nr_free, max_order entries */
	uint64_t mem_map;		/* struct page of start_pfn (0 if spanned == 0) */
	uint64_t pageblock_flags;	/* the zone's pageblock bitmap, 0 if none */
	uint64_t *pb_words;		/* a copy of that bitmap (NULL if unread) */
	uint64_t nr_pb_words;
};

struct ms_mm_node {
	int id;				/* pgdat->node_id */
	uint64_t pgdat;
	uint64_t mem_map;		/* node_mem_map: the struct page of start_pfn */
	uint64_t start_pfn, spanned, present;
	int nr_zones;			/* entries of node_zones[] (MAX_NR_ZONES) */
	struct ms_mm_zone *zones;
};

/** One struct page, decoded. */
struct ms_mm_page {
	uint64_t addr;			/* the struct page */
	uint64_t pfn;
	uint64_t flags, mapping, index, private_;
	int64_t count;			/* _count (or _refcount) */
	int64_t mapcount;		/* _mapcount */
	uint64_t lru_next, lru_prev;
};

struct ms_mm {
	uint64_t page_size;
	unsigned page_shift;
	uint64_t page_offset;		/* direct map: kvaddr = page_offset + paddr */
	uint64_t max_pfn;		/* highest pfn + 1 of any node */
	uint64_t page_struct_size;	/* sizeof(struct page), from DWARF */
	int max_order;			/* length of zone.free_area */
	int nr_migratetypes;		/* length of free_area.free_list */
	char **mt_names;		/* "Unmovable", ... (from migratetype_names[] or the enum) */
	int nr_pageflags;		/* NR_PAGEFLAGS (or the highest PG_ bit + 1) */
	char **pageflag_names;		/* by bit: "PG_locked", ...; NULL for an unnamed bit */
	bool numa;			/* node_data[] exists: crash prints NODE lines */
	int nr_nodes;
	struct ms_mm_node *nodes;
	/* struct page */
	struct ms_mm_field pg_flags, pg_mapping, pg_index, pg_count, pg_mapcount,
		pg_lru, pg_private;
	/* struct zone / struct free_area */
	long zone_free_area, free_area_size, free_area_free_list, free_area_nr_free;
	long list_head_size;
	/* page flag bits used by the commands; -1 when the enum lacks them */
	int pg_buddy, pg_slab, pg_reserved, pgf_lru, pg_compound_head, pg_tail,
		pg_swapbacked;
	/* the image ("kernel text and data"): physical range, 0/0 if unknown */
	uint64_t image_start_pfn, image_end_pfn;
	/* pageblocks: order and the zone's pageblock_flags bitmap, if present */
	int pageblock_order;		/* -1 when unknown */
	long zone_pageblock_flags;	/* offset in struct zone, -1 if absent */
	int pb_bits;			/* NR_PAGEBLOCK_BITS, bits per pageblock */
};

/**
 * The model of the open dump, built on first use.  NULL (message set) when
 * the debuginfo lacks what every command here needs (struct page, struct
 * zone, node_data/contig_page_data).
 */
const struct ms_mm *ms_mm(struct ms_program *prog);
/** Free @p prog's model (ms_program_destroy() calls it). */
void ms_mm_free(struct ms_program *prog);

/* -- addresses ---------------------------------------------------------- */

/** The struct page of @p pfn.  -1 (message set) when no node spans it. */
int ms_mm_pfn_to_page(struct ms_program *prog, uint64_t pfn, uint64_t *page_ret);
/**
 * The pfn whose struct page contains @p addr (any byte of it).  -1 when
 * @p addr is not inside a node's mem_map.  @p inner_ret (may be NULL) gets
 * the offset of @p addr inside that struct page.
 */
int ms_mm_page_to_pfn(struct ms_program *prog, uint64_t addr, uint64_t *pfn_ret, uint64_t *inner_ret);
/** True when @p addr lies in the direct map of present memory. */
bool ms_mm_is_directmap(struct ms_program *prog, uint64_t addr);
static inline uint64_t ms_mm_pfn_to_phys(const struct ms_mm *mm, uint64_t pfn)
{
	return pfn << mm->page_shift;
}
static inline uint64_t ms_mm_pfn_to_kvaddr(const struct ms_mm *mm, uint64_t pfn)
{
	return mm->page_offset + (pfn << mm->page_shift);
}
/** What an address turned out to be (ms_mm_resolve(prog)). */
enum ms_mm_addr_kind {
	MS_MM_ADDR_NONE,	/* no page of any node holds it */
	MS_MM_ADDR_PAGE,	/* a struct page address (any byte of one) */
	MS_MM_ADDR_KVADDR,	/* a kernel virtual address: direct map, image, vmalloc */
	MS_MM_ADDR_PHYS,	/* a physical address */
};

struct ms_mm_addr {
	uint64_t addr;		/* as given */
	enum ms_mm_addr_kind kind;
	uint64_t pfn;
	uint64_t page;		/* its struct page */
	uint64_t inner;		/* offset of addr in its page (or in its struct page) */
};

/**
 * Classify @p addr as crash's kmem does: physical when @p phys; else a
 * struct page address, a direct-map address, an address the page tables
 * translate (image, vmalloc), and last a plain number below the end of
 * memory taken as physical.  ret->kind is NONE when no page holds it.
 */
void ms_mm_resolve(struct ms_program *prog, uint64_t addr, bool phys, struct ms_mm_addr *ret);

/** The zone spanning @p pfn, or NULL. */
const struct ms_mm_zone *ms_mm_pfn_zone(struct ms_program *prog, uint64_t pfn);
/** The node spanning @p pfn, or NULL. */
const struct ms_mm_node *ms_mm_pfn_node(struct ms_program *prog, uint64_t pfn);

/* -- struct page ------------------------------------------------------------- */

/** Decode one struct page from its raw bytes (page_struct_size bytes). */
void ms_mm_page_decode(const struct ms_mm *mm, const void *raw, uint64_t addr, uint64_t pfn,
		       struct ms_mm_page *ret);
/** Read and decode the struct page at @p addr.  -1 (message set) on a read error. */
int ms_mm_page_read(struct ms_program *prog, uint64_t addr, struct ms_mm_page *ret);
/** True when bit @p bit (-1: never) is set in @p flags. */
static inline bool ms_mm_flag(uint64_t flags, int bit)
{
	return bit >= 0 && bit < 64 && (flags >> bit) & 1;
}

/**
 * Call @p fn for every pfn in [start_pfn, end_pfn) that a node spans, in
 * pfn order, reading mem_map in 1 MiB chunks.  @p fn returns 0 to go on,
 * > 0 to stop, < 0 to fail.  A chunk that cannot be read is retried page by
 * page; pages that still cannot be read are skipped and counted in
 * *unreadable_ret (may be NULL).  Returns 0, or -1 when @p fn failed or the
 * user interrupted (message set).
 */
int ms_mm_pages_walk(struct ms_program *prog, uint64_t start_pfn, uint64_t end_pfn,
		     int (*fn)(const struct ms_mm_page *pg, void *arg), void *arg,
		     uint64_t *unreadable_ret);

/**
 * ms_mm_pages_walk(prog) without the decoding: @p fn gets each struct page's
 * raw bytes (page_struct_size of them, valid during the call), its address
 * and its pfn.  For walks that need one member (kmem -i=shared) or members
 * chosen by name (kmem -m).
 */
int ms_mm_pages_walk_raw(struct ms_program *prog, uint64_t start_pfn, uint64_t end_pfn,
			 int (*fn)(const void *raw, uint64_t addr, uint64_t pfn, void *arg), void *arg,
			 uint64_t *unreadable_ret);
/** The reference count (_count or _refcount) in a raw struct page. */
int64_t ms_mm_page_count(const struct ms_mm *mm, const void *raw);

/* -- page flags -------------------------------------------------------------- */

/**
 * The names of the bits of @p flags below NR_PAGEFLAGS, lowercase and
 * without "PG_", joined by commas ("referenced,uptodate,lru") into @p buf.
 * Returns the length written ("" when no named bit is set).
 */
size_t ms_mm_flags_names(const struct ms_mm *mm, uint64_t flags, char *buf, size_t bufsz);

/* -- free areas -------------------------------------------------------------- */

/** The address of zone->free_area[order].free_list[mt]. */
uint64_t ms_mm_free_list_head(const struct ms_mm *mm, const struct ms_mm_zone *z, int order, int mt);

/** Why a free-list entry looks wrong (beyond what ms_list_walk(prog) detects). */
enum ms_mm_bad_entry {
	MS_MM_ENTRY_OK,
	MS_MM_ENTRY_NOT_PAGE,		/* the link is not the lru of a struct page in mem_map */
	MS_MM_ENTRY_OUTSIDE_ZONE,	/* a page of another zone */
	MS_MM_ENTRY_NOT_BUDDY,		/* PG_buddy is clear */
	MS_MM_ENTRY_ORDER,		/* page_private is not the list's order */
	MS_MM_ENTRY_MIGRATETYPE,	/* its pageblock says another migratetype (checked
					   for orders below pageblock_order; Linux can leave
					   a split block so: a note, not an error) */
};

struct ms_mm_free_block {
	uint64_t page;			/* first struct page of the block */
	uint64_t pfn;			/* its pfn, or -1 when NOT_PAGE */
	enum ms_mm_bad_entry bad;
	uint64_t found_order;		/* page_private for ORDER */
	int found_mt;			/* pageblock migratetype for MIGRATETYPE */
};

/** Result of one free list walk. */
struct ms_mm_list_result {
	uint64_t blocks;		/* entries walked */
	uint64_t bad_entries;		/* entries with bad != OK, MIGRATETYPE excluded */
	bool broken;			/* the walk stopped early: see message */
	char message[256];		/* "list_head ADDR: entry ADDR: reason" when broken */
};

/**
 * Walk zone->free_area[order].free_list[mt] with ms_list_walk(prog), calling
 * @p fn (may be NULL) for each block with its checks done.  The walk is
 * bounded by the zone's size and never loops; an entry that is not a page
 * of this zone ends it (following its links leads into another list or into
 * garbage), as does a cycle or an unreadable pointer.  Returns 0, or -1 when @p fn failed or the user
 * interrupted; a broken list is not a failure (res->broken says so).
 */
int ms_mm_free_list_walk(struct ms_program *prog, const struct ms_mm_zone *z, int order, int mt,
			 int (*fn)(const struct ms_mm_free_block *blk, void *arg), void *arg,
			 struct ms_mm_list_result *res);

/** The migratetype of the pageblock holding @p pfn, -1 if unknown. */
int ms_mm_pageblock_migratetype(struct ms_program *prog, const struct ms_mm_zone *z, uint64_t pfn);

/** Human text for @p bad ("page is not marked free (PG_buddy clear)", ...). */
const char *ms_mm_bad_entry_str(enum ms_mm_bad_entry bad);

/* -- per-cpu page lists ---------------------------------------------------- */

/**
 * Walk the order-0 pages the zone keeps on its per-cpu lists
 * (zone->pageset + __per_cpu_offset[cpu], pcp.lists[mt]) for every possible
 * CPU, calling @p fn (may be NULL) with each page, its CPU and the list's
 * migratetype; each list through ms_list_walk(prog), bounded by pcp.high.
 * *count_ret (may be NULL) gets the pages found.  -1 (message set) when the
 * dump has no per-cpu pagesets or a list is broken.
 */
int ms_mm_pcp_walk(struct ms_program *prog, const struct ms_mm_zone *z,
		   int (*fn)(uint64_t page, int cpu, int mt, void *arg), void *arg,
		   uint64_t *count_ret);

/* -- counters ---------------------------------------------------------------- */

/**
 * The value of enumerator @p item ("NR_FREE_PAGES") of enum zone_stat_item
 * in the zone's vm_stat[] (@p z) or in the global vm_stat[] (@p z NULL).
 * -1 (message set) when the enumerator or the array is missing.
 */
int ms_mm_vm_stat(struct ms_program *prog, const struct ms_mm_zone *z, const char *item, int64_t *ret);

/** Read an integer global variable of any width (e.g. totalram_pages).  -1 if absent. */
int ms_mm_read_global(struct ms_program *prog, const char *name, int64_t *ret);

/* -- pure helpers (no dump needed; unit-tested) ---------------------------- */

/** "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", ... */
const char *ms_mm_ordinal(uint64_t n, char *buf, size_t bufsz);
/** "MIGRATE_UNMOVABLE" -> "Unmovable", "MIGRATE_PCPTYPES" -> "Pcptypes". */
void ms_mm_mt_name_from_enum(const char *enumerator, char *buf, size_t bufsz);
/** "PG_swapbacked" -> "swapbacked" (anything else is copied). */
void ms_mm_flag_short_name(const char *enumerator, char *buf, size_t bufsz);
/** Hex digits needed to print @p v (1 for 0). */
int ms_mm_hex_digits(uint64_t v);

#endif
