/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mm.h - the dump's memory model, read through DWARF, ELF symbols and
 * VMCOREINFO only.
 *
 * Nodes (node_data[] or contig_page_data), their zones and free areas, the
 * mem_map lookups pfn <-> struct page address <-> physical <-> direct-map
 * virtual address, page flag names from the dump's own enum pageflags and
 * migratetype names from its enum migratetype.  Every layout fact comes from
 * the debuginfo (struct page's members through core/field.h, MAX_ORDER = the
 * length of zone.free_area, MIGRATE_TYPES = the length of
 * free_area.free_list, the number of watermarks = the length of
 * zone.watermark, the pageblock bits from enum pageblock_bits, a pointer's
 * size from the DWARF) or from VMCOREINFO (pageblock_order,
 * PAGE_BUDDY_MAPCOUNT_VALUE); nothing here knows a refmm header.
 *
 * The model is built per part, on first use, and kept in the program: a
 * command asks ms_mm() for the parts it needs, and a part the dump cannot
 * give fails only the commands that need it.  Values are snapshots: a dump
 * does not change.  A counter the kernel does not have is "not available"
 * (has_* false), never a zero; one that cannot be read fails the part with
 * its fault.
 *
 * The walks are in core/mm_walk.c (mem_map in bulk, the per-cpu lists) and
 * core/mm_free.c (the buddy free lists, with the checks of each entry).
 */
#ifndef MS_MM_H
#define MS_MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/field.h"
#include "core/program.h"

/*
 * The parts of the model.  To add one (slab caches, vmalloc, tasks): a bit
 * here, its members in struct ms_mm under a comment naming it, a build
 * function in a file of its own (core/mm_NAME.c) and a row in mm_parts[] of
 * core/mm.c with the parts it builds on.  ms_mm() builds what is asked for
 * and what that needs, once, and remembers a failure as well.
 */
enum ms_mm_part {
	MS_MM_PAGES = 1u << 0,	/* struct page's members, page flags, how a free page is told */
	MS_MM_ZONES = 1u << 1,	/* nodes, zones, free areas, migratetypes, pageblocks, mem_map */
};

struct ms_mm_zone {
	uint64_t addr;			/* the struct zone */
	int nid;			/* node id */
	int idx;			/* index in node_zones[] */
	char name[32];			/* "(unknown)" when the name cannot be read */
	uint64_t start_pfn;
	uint64_t spanned;
	uint64_t present;		/* present_pages, when has_present */
	uint64_t managed;		/* managed_pages, when has_managed */
	bool has_present, has_managed;
	bool has_watermarks;		/* watermark[] and enum zone_watermarks exist */
	uint64_t watermark[3];		/* [0] min, [1] low, [2] high, by WMARK_MIN/LOW/HIGH */
	int64_t free_pages;		/* vm_stat[NR_FREE_PAGES], when has_free_pages */
	bool has_free_pages;
	uint64_t free_area;		/* address of free_area[0] */
	uint64_t *nr_free;		/* free_area[order].nr_free, max_order entries */
	uint64_t mem_map;		/* struct page of start_pfn (0 if spanned == 0) */
	uint64_t pageblock_flags;	/* the zone's pageblock bitmap, 0 if none */
	uint64_t *pb_words;		/* a copy of that bitmap (NULL if unread) */
	uint64_t nr_pb_words;
};

/** Whether a zone has pages: present_pages, or spanned_pages where that is not known. */
static inline bool ms_mm_zone_populated(const struct ms_mm_zone *z)
{
	return z->has_present ? z->present != 0 : z->spanned != 0;
}

struct ms_mm_node {
	int id;				/* pgdat->node_id */
	uint64_t pgdat;
	uint64_t mem_map;		/* node_mem_map: the struct page of start_pfn */
	uint64_t start_pfn, spanned;
	uint64_t present;		/* node_present_pages, when has_present */
	bool has_present;
	int nr_zones;			/* entries of node_zones[] (MAX_NR_ZONES) */
	struct ms_mm_zone *zones;
};

/** One struct page, decoded. */
struct ms_mm_page {
	uint64_t addr;			/* the struct page */
	uint64_t pfn;
	uint64_t flags, mapping, index, private_;
	int64_t count;			/* _count (or _refcount) */
	int64_t mapcount;		/* _mapcount; -1 where the kernel has none */
	uint64_t lru_next, lru_prev;
};

/** How a free page (the head of a buddy block) is told from others. */
enum ms_mm_buddy_rule {
	MS_MM_BUDDY_UNKNOWN,	/* neither of these: free pages cannot be told */
	MS_MM_BUDDY_FLAG,	/* PG_buddy is set (enum pageflags has it) */
	MS_MM_BUDDY_MAPCOUNT,	/* _mapcount == PAGE_BUDDY_MAPCOUNT_VALUE (VMCOREINFO) */
};

struct ms_mm {
	/* always: the dump's */
	uint64_t page_size;
	unsigned page_shift;
	uint64_t page_struct_size;	/* sizeof(struct page), from DWARF */
	unsigned pointer_size;		/* from DWARF */

	/* MS_MM_PAGES */
	const struct ms_type *page_type;
	const struct ms_field *pg_flags, *pg_mapping, *pg_index, *pg_count;	/* required */
	const struct ms_field *pg_private, *pg_mapcount, *pg_lru_next, *pg_lru_prev;	/* or NULL */
	long pg_lru;			/* offset of page.lru, -1 without one */
	int nr_pageflags;		/* NR_PAGEFLAGS (or the highest PG_ bit + 1) */
	char **pageflag_names;		/* by bit: "PG_locked", ...; NULL for an unnamed bit */
	/* page flag bits used by the commands; -1 when the enum lacks them */
	int pg_buddy, pg_slab, pg_reserved, pgf_lru, pg_compound_head, pg_tail, pg_swapbacked;
	enum ms_mm_buddy_rule buddy_rule;
	int64_t buddy_mapcount;		/* MS_MM_BUDDY_MAPCOUNT: the value */

	/* MS_MM_ZONES */
	uint64_t page_offset;		/* direct map: kvaddr = page_offset + paddr */
	uint64_t max_pfn;		/* highest pfn + 1 of any node */
	int max_order;			/* length of zone.free_area */
	int nr_migratetypes;		/* length of free_area.free_list */
	char **mt_names;		/* "Unmovable", ... (from migratetype_names[] or the enum) */
	bool numa;			/* crash prints NODE lines: node_data[] exists, and
					   the kernel is not SPARSEMEM with one node */
	bool sparsemem;			/* mem_map found through mem_section[] (core/mm_sparse.c) */
	int nr_nodes;
	struct ms_mm_node *nodes;
	uint64_t zone_free_area;	/* offset of zone.free_area */
	uint64_t free_area_size;	/* sizeof(struct free_area) */
	uint64_t free_list_off;		/* offset of free_area.free_list */
	uint64_t list_head_size;	/* free_list[] element size */
	/* the image ("kernel text and data"): physical range, 0/0 if unknown */
	uint64_t image_start_pfn, image_end_pfn;
	/* pageblocks: order (-1 when neither the kernel nor VMCOREINFO says) and bits */
	int pageblock_order;
	int pb_bits;			/* NR_PAGEBLOCK_BITS; 0 when enum pageblock_bits lacks it */
	int pb_migrate, pb_migrate_end;	/* the migratetype's bits in a pageblock */
	unsigned pb_word_bits;		/* bits of a bitmap word (unsigned long) */
	bool pb_low_first;		/* a pageblock's bits count from the word's low end
					   (get_pfnblock_flags_mask() has no end_bitidx) */
};

/**
 * The model of @p prog's dump with at least @p parts built (and what they
 * need).  The model is valid until the program is destroyed.
 * @return NULL, or why a part cannot be built (LOOKUP: the debuginfo lacks
 * something; a FAULT: something could not be read), the same for every
 * later call.
 */
struct ms_error *ms_mm(struct ms_program *prog, unsigned parts, const struct ms_mm **ret);
/** Free @p prog's model (ms_program_destroy() calls it). */
void ms_mm_free(struct ms_program *prog);

/* -- addresses (MS_MM_ZONES) ------------------------------------------- */

/** The struct page of @p pfn.  LOOKUP when no node spans it. */
struct ms_error *ms_mm_pfn_to_page(struct ms_program *prog, uint64_t pfn, uint64_t *page_ret);
/**
 * The pfn whose struct page contains @p addr (any byte of it); LOOKUP when
 * @p addr is not inside a node's mem_map.  @p inner_ret (may be NULL) gets
 * the offset of @p addr inside that struct page.
 */
struct ms_error *ms_mm_page_to_pfn(struct ms_program *prog, uint64_t addr, uint64_t *pfn_ret,
				   uint64_t *inner_ret);
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
/** What an address turned out to be (ms_mm_resolve()). */
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

/* -- struct page (MS_MM_PAGES) ----------------------------------------- */

/** Decode one struct page from its raw bytes (page_struct_size bytes). */
void ms_mm_page_decode(const struct ms_mm *mm, const void *raw, uint64_t addr, uint64_t pfn,
		       struct ms_mm_page *ret);
/** Read and decode the struct page at @p addr (a FAULT if it cannot be read). */
struct ms_error *ms_mm_page_read(struct ms_program *prog, uint64_t addr, struct ms_mm_page *ret);
/** True when bit @p bit (-1: never) is set in @p flags. */
static inline bool ms_mm_flag(uint64_t flags, int bit)
{
	return bit >= 0 && bit < 64 && (flags >> bit) & 1;
}
/**
 * Whether a page with @p flags and @p mapcount heads a free buddy block,
 * by mm->buddy_rule; false when the rule is unknown.
 */
bool ms_mm_page_is_buddy(const struct ms_mm *mm, uint64_t flags, int64_t mapcount);
/** Why free pages cannot be told when buddy_rule is MS_MM_BUDDY_UNKNOWN, for a NOTE. */
#define MS_MM_BUDDY_UNKNOWN_NOTE \
	"the kernel has no PG_buddy and VMCOREINFO no NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)"
/** Why pageblocks cannot be read when pageblock_order is -1, for a NOTE. */
#define MS_MM_PAGEBLOCK_UNKNOWN_NOTE \
	"pageblock_order is not known: the kernel has no such variable and VMCOREINFO no " \
	"NUMBER(pageblock_order)"

/**
 * Call @p fn for every pfn in [start_pfn, end_pfn) that a node spans, in
 * pfn order, reading mem_map in 1 MiB chunks.  @p fn returns NULL to go on,
 * &ms_stop to stop, or an error.  A chunk that cannot be read is retried page
 * by page; pages that still cannot be read are skipped and counted in
 * *unreadable_ret (may be NULL).
 * @return NULL, @p fn's error, or &ms_interrupted_error.
 */
struct ms_error *ms_mm_pages_walk(struct ms_program *prog, uint64_t start_pfn, uint64_t end_pfn,
				  struct ms_error *(*fn)(const struct ms_mm_page *pg, void *arg),
				  void *arg, uint64_t *unreadable_ret);
/**
 * ms_mm_pages_walk() without the decoding (needs only MS_MM_ZONES): @p fn
 * gets each struct page's raw bytes (page_struct_size of them, valid during
 * the call), its address and its pfn.
 */
struct ms_error *ms_mm_pages_walk_raw(struct ms_program *prog, uint64_t start_pfn, uint64_t end_pfn,
				      struct ms_error *(*fn)(const void *raw, uint64_t addr, uint64_t pfn,
							     void *arg),
				      void *arg, uint64_t *unreadable_ret);

/**
 * The names of the bits of @p flags below NR_PAGEFLAGS, lowercase and
 * without "PG_", joined by commas ("referenced,uptodate,lru") into @p buf.
 * Returns the length written ("" when no named bit is set).
 */
size_t ms_mm_flags_names(const struct ms_mm *mm, uint64_t flags, char *buf, size_t bufsz);

/* -- free areas (core/mm_free.c) ----------------------------------------- */

/** The address of zone->free_area[order].free_list[mt]. */
uint64_t ms_mm_free_list_head(const struct ms_mm *mm, const struct ms_mm_zone *z, int order, int mt);

/** Why a free-list entry looks wrong (beyond what ms_list_walk() detects). */
enum ms_mm_bad_entry {
	MS_MM_ENTRY_OK,
	MS_MM_ENTRY_NOT_PAGE,		/* the link is not the lru of a struct page in mem_map */
	MS_MM_ENTRY_OUTSIDE_ZONE,	/* a page of another zone */
	MS_MM_ENTRY_NOT_BUDDY,		/* not marked free (PG_buddy, or the buddy _mapcount) */
	MS_MM_ENTRY_ORDER,		/* page_private is not the list's order */
	MS_MM_ENTRY_FLAGS,		/* page flags set: Linux clears them all (besides
					   PG_buddy) before a page enters a free list */
	MS_MM_ENTRY_MIGRATETYPE,	/* its pageblock says another migratetype (checked
					   for orders below pageblock_order; Linux can leave
					   a split block so: a note, not an error) */
};

struct ms_mm_free_block {
	uint64_t page;			/* first struct page of the block */
	uint64_t pfn;			/* its pfn, or -1 when NOT_PAGE */
	enum ms_mm_bad_entry bad;
	uint64_t found_order;		/* page_private for ORDER */
	uint64_t found_flags;		/* the page flags that are set, for FLAGS */
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
 * Walk zone->free_area[order].free_list[mt] with ms_list_walk(), calling
 * @p fn (may be NULL) for each block with its checks done; @p fn returns
 * NULL, &ms_stop or an error.  The walk is bounded by the zone's size and
 * never loops; an entry that is not a page of this zone ends it (following
 * its links leads into another list or into garbage), as does a cycle or an
 * unreadable pointer: a broken list is a result (res->broken), not an error.
 * Needs MS_MM_ZONES and MS_MM_PAGES.
 * @return NULL, @p fn's error, &ms_interrupted_error, or why the model or
 * struct page.lru is missing.
 */
struct ms_error *ms_mm_free_list_walk(struct ms_program *prog, const struct ms_mm_zone *z, int order,
				      int mt,
				      struct ms_error *(*fn)(const struct ms_mm_free_block *blk, void *arg),
				      void *arg, struct ms_mm_list_result *res);

/** What a zone's free-list walk found, in walk order (ms_mm_zone_free_walk()). */
enum ms_mm_free_event_kind {
	MS_MM_FREE_BAD_ENTRY,		/* blk: a block that is not a free block of the list */
	MS_MM_FREE_MT_NOTE,		/* blk: a block in a pageblock of another migratetype */
	MS_MM_FREE_BROKEN,		/* message: the list could not be walked to its end */
	MS_MM_FREE_MORE_BAD,		/* count: bad entries beyond max_reports, not listed */
};

struct ms_mm_free_event {
	enum ms_mm_free_event_kind kind;
	int order, mt;
	uint64_t head;			/* the list's list_head */
	struct ms_mm_free_block blk;	/* BAD_ENTRY, MT_NOTE */
	char message[256];		/* BROKEN */
	uint64_t count;			/* MORE_BAD */
};

/** Walked free-list contents of one zone. */
struct ms_mm_zone_free {
	uint64_t *blocks;		/* [order * nr_migratetypes + mt] blocks walked */
	uint64_t pages;			/* pages on the zone's lists */
	bool broken;			/* some list could not be walked to its end */
	uint64_t mt_mismatch;		/* blocks whose pageblock has another migratetype */
	uint64_t bad_entries;		/* entries not a free block of the list's order */
	uint64_t *list;			/* MS_MM_FREE_PAGES: every block's first page, in walk order */
	size_t nlist, caplist;
	struct ms_mm_free_event *events;	/* in walk order (BROKEN always; see the flags) */
	size_t nevents, capevents;
};

/* flags of ms_mm_zone_free_walk() */
#define MS_MM_FREE_PAGES	1u	/* keep every block's first page (kmem -F) */
#define MS_MM_FREE_BAD		2u	/* record bad entries, max_reports per list, then MORE_BAD */
#define MS_MM_FREE_NOTES	4u	/* record migratetype notes, max_reports per list */

/**
 * Walk every free list of @p z, order by order, migratetype by migratetype.
 * Broken lists and, as @p flags ask, bad entries and notes are recorded as
 * events in @p ret, never printed.  Release @p ret with
 * ms_mm_zone_free_release() whatever the result.
 * @return NULL, &ms_interrupted_error, NOMEM, or why the model is missing.
 */
struct ms_error *ms_mm_zone_free_walk(struct ms_program *prog, const struct ms_mm_zone *z,
				      unsigned flags, unsigned max_reports, struct ms_mm_zone_free *ret);
void ms_mm_zone_free_release(struct ms_mm_zone_free *zf);
/** Blocks of @p order on all of a zone's lists. */
uint64_t ms_mm_zone_free_order_blocks(const struct ms_mm *mm, const struct ms_mm_zone_free *zf, int order);

/**
 * The migratetype of the pageblock holding @p pfn (get_pfnblock_flags_mask()
 * of Linux 4.0, with the bits of the dump's enum pageblock_bits).
 * @return NULL; LOOKUP when pageblock_order, the bits or the zone's bitmap
 * are not known; a FAULT.
 */
struct ms_error *ms_mm_pageblock_migratetype(struct ms_program *prog, const struct ms_mm_zone *z,
					     uint64_t pfn, int *ret);

/**
 * The pure halves of ms_mm_pageblock_migratetype(), for a model whose
 * pageblock_order, pb_bits, pb_migrate(_end) and pb_word_bits are known:
 * the index of @p pfn's first pageblock bit in its zone's bitmap
 * (pfn_to_bitidx()), and the migratetype those bits hold in @p word, the
 * bitmap word that holds bit @p bitidx.
 */
uint64_t ms_mm_pageblock_bitidx(const struct ms_mm *mm, uint64_t zone_start_pfn, uint64_t pfn);
int ms_mm_pageblock_mt_from_word(const struct ms_mm *mm, uint64_t word, uint64_t bitidx);

/** Human text for @p bad ("page is not marked free (not PageBuddy)", ...). */
const char *ms_mm_bad_entry_str(enum ms_mm_bad_entry bad);

/* -- per-cpu page lists (core/mm_walk.c) ---------------------------------- */

/**
 * Walk the order-0 pages the zone keeps on its per-cpu lists
 * (per_cpu_ptr(zone->pageset, cpu)->pcp.lists[mt]) for every possible CPU,
 * calling @p fn (may be NULL) with each page, its CPU and the list's
 * migratetype; each list through ms_list_walk(), bounded by pcp.high.
 * @p fn returns NULL, &ms_stop or an error.  *count_ret (may be NULL) gets
 * the pages found.
 * @return NULL; LOOKUP when the dump has no per-cpu pagesets; a broken list
 * with its context; @p fn's error.
 */
struct ms_error *ms_mm_pcp_walk(struct ms_program *prog, const struct ms_mm_zone *z,
				struct ms_error *(*fn)(uint64_t page, int cpu, int mt, void *arg),
				void *arg, uint64_t *count_ret);

/* -- counters -------------------------------------------------------------- */

/**
 * The value of enumerator @p item ("NR_FREE_PAGES") of enum zone_stat_item
 * in the zone's vm_stat[] (@p z) or in the global counters (@p z NULL):
 * vm_stat[], or, where the kernel splits them by enum, vm_zone_stat[] for
 * a zone_stat_item and vm_node_stat[] for a node_stat_item.
 * @return NULL, LOOKUP when the enumerator or the array is missing, a FAULT.
 */
struct ms_error *ms_mm_vm_stat(struct ms_program *prog, const struct ms_mm_zone *z, const char *item,
			       int64_t *ret);

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
