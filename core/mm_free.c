/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mm_free.c - the buddy free lists of the dump (see mm.h): one list with the
 * checks of each entry, a whole zone with what it found kept as events for
 * the commands to print (kmem -f, -F, -i, pagetypeinfo share this walk),
 * and the pageblock bitmap.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/dump.h"
#include "core/error.h"
#include "core/field.h"
#include "core/list.h"
#include "core/mm.h"
#include "core/mm_sparse.h"
#include "core/output.h"

uint64_t ms_mm_free_list_head(const struct ms_mm *mm, const struct ms_mm_zone *z, int order, int mt)
{
	return z->free_area + (uint64_t)order * mm->free_area_size + mm->free_list_off +
	       (uint64_t)mt * mm->list_head_size;
}

const char *ms_mm_bad_entry_str(enum ms_mm_bad_entry bad)
{
	switch (bad) {
	case MS_MM_ENTRY_OK: return "ok";
	case MS_MM_ENTRY_NOT_PAGE: return "not a page struct in mem_map";
	case MS_MM_ENTRY_OUTSIDE_ZONE: return "page outside the zone";
	/* PageBuddy(): PG_buddy, or the buddy _mapcount (ms_mm_page_is_buddy()) */
	case MS_MM_ENTRY_NOT_BUDDY: return "page is not marked free (not PageBuddy)";
	case MS_MM_ENTRY_ORDER: return "page_private holds another order";
	case MS_MM_ENTRY_FLAGS: return "page flags set on a free page";
	case MS_MM_ENTRY_MIGRATETYPE: return "its pageblock has another migratetype";
	}
	return "?";
}

/* ---------------------------------------------------------------------- */
/* pageblocks                                                             */

/* Whether the migratetypes of @z's pageblocks can be read. */
static bool pageblocks_known(const struct ms_mm *mm, const struct ms_mm_zone *z)
{
	return mm->pageblock_order >= 0 && mm->pb_bits && (z->pageblock_flags || mm->sparsemem);
}

/* Why the migratetype of a pageblock cannot be read, or NULL when it can. */
static struct ms_error *pageblocks_unknown(const struct ms_mm *mm, const struct ms_mm_zone *z)
{
	if (mm->pageblock_order < 0)
		return ms_error_lookup("pageblock_order", "%s", MS_MM_PAGEBLOCK_UNKNOWN_NOTE);
	if (!mm->pb_bits)
		return ms_error_lookup("enum pageblock_bits", "the migratetype bits of a pageblock "
				       "are not known (enum pageblock_bits)");
	if (!z->pageblock_flags && !mm->sparsemem)
		return ms_error_lookup("zone.pageblock_flags", "zone %s has no pageblock bitmap", z->name);
	return NULL;
}

struct ms_error *ms_mm_pageblock_migratetype(struct ms_program *prog, const struct ms_mm_zone *z,
					     uint64_t pfn, int *ret)
{
	const struct ms_mm *mm;
	uint64_t bitidx, word_idx, word;
	unsigned word_bits;
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES, &mm);

	if (err || (err = pageblocks_unknown(mm, z)))
		return err;
	/* get_pfnblock_flags_mask() of Linux 4.0 */
	word_bits = mm->pb_word_bits;
	if (!z->pageblock_flags) {
		/* SPARSEMEM: the bitmap of pfn's section */
		uint64_t bitmap;

		err = ms_mm_sparse_pageblock_bits(prog, pfn, mm->pageblock_order, mm->pb_bits, &bitmap,
						  &bitidx);
		if (err)
			return err;
		word = 0;
		err = ms_readmem(prog, bitmap + bitidx / word_bits * (word_bits / 8), MS_KVADDR, &word,
				 word_bits / 8, "pageblock_flags");
		if (err)
			return err;
		*ret = ms_mm_pageblock_mt_from_word(mm, word, bitidx);
		return NULL;
	}
	bitidx = ms_mm_pageblock_bitidx(mm, z->start_pfn, pfn);
	word_idx = bitidx / word_bits;
	if (z->pb_words && word_idx < z->nr_pb_words) {
		word = z->pb_words[word_idx];
	} else {
		word = 0;
		err = ms_readmem(prog, z->pageblock_flags + word_idx * (word_bits / 8), MS_KVADDR, &word,
				 word_bits / 8, "pageblock_flags");
		if (err)
			return err;
	}
	*ret = ms_mm_pageblock_mt_from_word(mm, word, bitidx);
	return NULL;
}

uint64_t ms_mm_pageblock_bitidx(const struct ms_mm *mm, uint64_t zone_start_pfn, uint64_t pfn)
{
	/* pfn_to_bitidx(): pageblocks are counted from the zone's first one */
	uint64_t start = zone_start_pfn & ~((1ull << mm->pageblock_order) - 1);

	return ((pfn - start) >> mm->pageblock_order) * (uint64_t)mm->pb_bits;
}

int ms_mm_pageblock_mt_from_word(const struct ms_mm *mm, uint64_t word, uint64_t bitidx)
{
	unsigned word_bits = mm->pb_word_bits;
	uint64_t mask = (1ull << (mm->pb_migrate_end - mm->pb_migrate + 1)) - 1;

	if (mm->pb_low_first) {
		/* later kernels: the block's bits from the word's low end */
		bitidx = (bitidx & (word_bits - 1)) + (uint64_t)mm->pb_migrate;
		return (int)((word >> bitidx) & mask);
	}
	/* get_pfnblock_flags_mask() of 4.0: the bits are numbered from the
	 * word's top, and the mask is taken below PB_migrate_end */
	bitidx = (bitidx & (word_bits - 1)) + (uint64_t)mm->pb_migrate_end;
	return (int)((word >> (word_bits - bitidx - 1)) & mask);
}

/* ---------------------------------------------------------------------- */
/* one free list                                                          */

struct walk_ctx {
	struct ms_program *prog;
	const struct ms_mm *mm;
	const struct ms_mm_zone *z;
	int order, mt;
	struct ms_error *(*fn)(const struct ms_mm_free_block *blk, void *arg);
	void *arg;
	struct ms_mm_list_result *res;
	uint64_t head;
	uint64_t last;		/* the last entry handed to the callback */
	unsigned char *raw;	/* page_struct_size bytes */
	bool check_mt;		/* pageblock migratetypes are readable */
};

/* The checks of one entry: is it the first page of a free block of this list? */
static struct ms_error *check_entry(struct walk_ctx *c, uint64_t entry, struct ms_mm_free_block *blk)
{
	struct ms_program *prog = c->prog;
	const struct ms_mm *mm = c->mm;
	uint64_t inner, private_;
	struct ms_error *err = ms_mm_page_to_pfn(prog, entry, &blk->pfn, &inner);

	if (err || inner) {
		ms_error_destroy(err);
		blk->bad = MS_MM_ENTRY_NOT_PAGE;
		blk->pfn = (uint64_t)-1;
		return NULL;
	}
	if (blk->pfn < c->z->start_pfn || blk->pfn >= c->z->start_pfn + c->z->spanned) {
		blk->bad = MS_MM_ENTRY_OUTSIDE_ZONE;
		return NULL;
	}
	err = ms_readmem(prog, entry, MS_KVADDR, c->raw, mm->page_struct_size, "page struct");
	if (err) {
		ms_error_destroy(err);
		blk->bad = MS_MM_ENTRY_NOT_PAGE;
		return NULL;
	}
	/* only what the checks need: flags, _mapcount, private */
	/* without a rule (kmem -f says so in a NOTE) free pages cannot be told */
	if (mm->buddy_rule != MS_MM_BUDDY_UNKNOWN &&
	    !ms_mm_page_is_buddy(mm, ms_field_get_u64(mm->pg_flags, c->raw),
				 mm->pg_mapcount ? ms_field_get_s64(mm->pg_mapcount, c->raw) : -1)) {
		blk->bad = MS_MM_ENTRY_NOT_BUDDY;
		return NULL;
	}
	if (mm->nr_pageflags > 0 && mm->nr_pageflags < 64) {
		/*
		 * free_pages_check() clears PAGE_FLAGS_CHECK_AT_PREP, every
		 * page flag, before a page goes on a list (PG_buddy is then
		 * set where it exists): a flag here is damage, never a state.
		 */
		uint64_t flags = ms_field_get_u64(mm->pg_flags, c->raw);
		uint64_t mask = (1ULL << mm->nr_pageflags) - 1;

		if (mm->buddy_rule == MS_MM_BUDDY_FLAG && mm->pg_buddy >= 0 && mm->pg_buddy < 64)
			mask &= ~(1ULL << mm->pg_buddy);
		if (flags & mask) {
			blk->bad = MS_MM_ENTRY_FLAGS;
			blk->found_flags = flags & mask;
			return NULL;
		}
	}
	private_ = mm->pg_private ? ms_field_get_u64(mm->pg_private, c->raw) : 0;
	if (private_ != (uint64_t)c->order) {
		blk->bad = MS_MM_ENTRY_ORDER;
		blk->found_order = private_;
		return NULL;
	}
	if (c->check_mt) {
		/* Linux keeps a free block's migratetype in its pageblock
		 * (page->index is stale after expand()); the lists and the
		 * pageblocks agree unless a fallback left a split block
		 * behind, which is worth showing too. */
		int pmt;

		err = ms_mm_pageblock_migratetype(prog, c->z, blk->pfn, &pmt);
		if (err) {
			/* a bitmap word outside the dump: the check is skipped */
			ms_error_destroy(err);
		} else if (pmt != c->mt && c->mt < mm->nr_migratetypes) {
			blk->bad = MS_MM_ENTRY_MIGRATETYPE;
			blk->found_mt = pmt;
		}
	}
	return NULL;
}

static struct ms_error *walk_entry(uint64_t entry, void *arg)
{
	struct walk_ctx *c = arg;
	struct ms_mm_free_block blk = { .page = entry, .pfn = (uint64_t)-1, .found_mt = -1 };
	struct ms_error *err;

	/* ^C: ms_list_walk() polls it every 4096 entries */
	c->last = entry;
	c->res->blocks++;
	if ((err = check_entry(c, entry, &blk)))
		return err;
	if (blk.bad != MS_MM_ENTRY_OK && blk.bad != MS_MM_ENTRY_MIGRATETYPE)
		c->res->bad_entries++;
	if (c->fn && (err = c->fn(&blk, c->arg)))
		return err;
	/* Following the links of something that is not a page of this zone
	 * leads into another list, or into garbage: stop here. */
	if (blk.bad == MS_MM_ENTRY_NOT_PAGE || blk.bad == MS_MM_ENTRY_OUTSIDE_ZONE) {
		c->res->broken = true;
		snprintf(c->res->message, sizeof(c->res->message),
			 "list_head %" PRIx64 ": entry %" PRIx64 ": %s", c->head, entry,
			 ms_mm_bad_entry_str(blk.bad));
		return &ms_stop;
	}
	return NULL;
}

struct ms_error *ms_mm_free_list_walk(struct ms_program *prog, const struct ms_mm_zone *z, int order,
				      int mt,
				      struct ms_error *(*fn)(const struct ms_mm_free_block *blk, void *arg),
				      void *arg, struct ms_mm_list_result *res)
{
	const struct ms_mm *mm;
	struct walk_ctx c;
	struct ms_list_walk w;
	long next_off;
	struct ms_error *err;

	memset(res, 0, sizeof(*res));
	if ((err = ms_mm(prog, MS_MM_ZONES | MS_MM_PAGES, &mm)))
		return err;
	if (mm->pg_lru < 0)
		return ms_error_lookup("page.lru", "struct page has no lru");
	if ((err = ms_list_head_offsets(prog, &next_off, NULL)))
		return err;
	c = (struct walk_ctx){ .prog = prog, .mm = mm, .z = z, .order = order, .mt = mt, .fn = fn,
			       .arg = arg, .res = res, .head = ms_mm_free_list_head(mm, z, order, mt) };
	c.check_mt = pageblocks_known(mm, z) && order < mm->pageblock_order;
	c.raw = malloc(mm->page_struct_size);
	if (!c.raw)
		return &ms_enomem;
	memset(&w, 0, sizeof(w));
	w.head = c.head;
	w.next_offset = mm->pg_lru;
	w.ptr_offset = next_off;
	w.circular = true;
	w.include_head = false;
	/* a zone cannot hold more blocks of this order than this */
	w.max = (z->spanned >> order) + 2;
	err = ms_list_walk(prog, &w, walk_entry, &c);
	free(c.raw);
	if (!err || w.stop == MS_LIST_ERROR || w.stop == MS_LIST_INTERRUPTED)
		return err;	/* done; or the callback's error, ^C */
	/* A list that cannot be walked to its end is a result, not a failure. */
	if (!res->broken) {
		res->broken = true;
		err = ms_list_error_context(&w, err);
		/* name the page whose link is bad: a dangling pointer or a loop back */
		if ((w.stop == MS_LIST_BADPTR || w.stop == MS_LIST_CYCLE || w.stop == MS_LIST_NULLPTR) &&
		    c.last)
			snprintf(res->message, sizeof(res->message), "%s (the lru.next of page %" PRIx64 ")",
				 err->message, c.last);
		else
			snprintf(res->message, sizeof(res->message), "%s", err->message);
	}
	ms_error_destroy(err);
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* a zone                                                                 */

struct zone_ctx {
	const struct ms_mm_zone *z;
	int order, mt;
	uint64_t head;
	unsigned flags, max_reports;
	unsigned reported, noted;	/* bad entries and notes of this list */
	struct ms_mm_zone_free *zf;
};

static struct ms_error *push_event(struct ms_mm_zone_free *zf, const struct ms_mm_free_event *ev)
{
	if (!ms_array_grow(&zf->events, &zf->capevents, zf->nevents + 1, 16))
		return &ms_enomem;
	zf->events[zf->nevents++] = *ev;
	return NULL;
}

static struct ms_error *zone_block(const struct ms_mm_free_block *blk, void *arg)
{
	struct zone_ctx *c = arg;
	struct ms_mm_zone_free *zf = c->zf;
	struct ms_mm_free_event ev = { .order = c->order, .mt = c->mt, .head = c->head, .blk = *blk };

	if (c->flags & MS_MM_FREE_PAGES) {
		if (!ms_array_grow(&zf->list, &zf->caplist, zf->nlist + 1, 1024))
			return &ms_enomem;
		zf->list[zf->nlist++] = blk->page;
	}
	switch (blk->bad) {
	case MS_MM_ENTRY_OK:
	case MS_MM_ENTRY_NOT_PAGE:
	case MS_MM_ENTRY_OUTSIDE_ZONE:
		/* the last two end the list: its BROKEN event tells */
		return NULL;
	case MS_MM_ENTRY_MIGRATETYPE:
		/* Not an error: Linux may leave a split block on the list of
		 * the type it was taken for while its pageblock keeps another
		 * type. */
		zf->mt_mismatch++;
		if (!(c->flags & MS_MM_FREE_NOTES) || c->noted++ >= c->max_reports)
			return NULL;
		ev.kind = MS_MM_FREE_MT_NOTE;
		return push_event(zf, &ev);
	case MS_MM_ENTRY_NOT_BUDDY:
	case MS_MM_ENTRY_ORDER:
	case MS_MM_ENTRY_FLAGS:
		if (!(c->flags & MS_MM_FREE_BAD) || c->reported++ >= c->max_reports)
			return NULL;
		ev.kind = MS_MM_FREE_BAD_ENTRY;
		return push_event(zf, &ev);
	}
	return NULL;
}

struct ms_error *ms_mm_zone_free_walk(struct ms_program *prog, const struct ms_mm_zone *z,
				      unsigned flags, unsigned max_reports, struct ms_mm_zone_free *zf)
{
	const struct ms_mm *mm;
	struct ms_error *err;
	int o, t;

	memset(zf, 0, sizeof(*zf));
	if ((err = ms_mm(prog, MS_MM_ZONES | MS_MM_PAGES, &mm)))
		return err;
	zf->blocks = calloc((size_t)mm->max_order * (size_t)mm->nr_migratetypes, sizeof(uint64_t));
	if (!zf->blocks)
		return &ms_enomem;
	if (!z->spanned)
		return NULL;
	for (o = 0; o < mm->max_order; o++) {
		for (t = 0; t < mm->nr_migratetypes; t++) {
			struct zone_ctx c = { .z = z, .order = o, .mt = t, .flags = flags,
					      .max_reports = max_reports, .zf = zf,
					      .head = ms_mm_free_list_head(mm, z, o, t) };
			struct ms_mm_list_result res;
			struct ms_mm_free_event ev = { .order = o, .mt = t, .head = c.head };

			if ((err = ms_mm_free_list_walk(prog, z, o, t, zone_block, &c, &res)))
				return err;
			zf->bad_entries += res.bad_entries;
			if (res.broken) {
				zf->broken = true;
				ev.kind = MS_MM_FREE_BROKEN;
				snprintf(ev.message, sizeof(ev.message), "%s", res.message);
				if ((err = push_event(zf, &ev)))
					return err;
			}
			if ((flags & MS_MM_FREE_BAD) && c.reported > max_reports) {
				ev.kind = MS_MM_FREE_MORE_BAD;
				ev.count = c.reported - max_reports;
				if ((err = push_event(zf, &ev)))
					return err;
			}
			zf->blocks[o * mm->nr_migratetypes + t] = res.blocks;
			zf->pages += res.blocks << o;
		}
	}
	return NULL;
}

void ms_mm_zone_free_release(struct ms_mm_zone_free *zf)
{
	free(zf->blocks);
	free(zf->list);
	free(zf->events);
	memset(zf, 0, sizeof(*zf));
}

uint64_t ms_mm_zone_free_order_blocks(const struct ms_mm *mm, const struct ms_mm_zone_free *zf, int order)
{
	uint64_t n = 0;
	int t;

	for (t = 0; zf->blocks && t < mm->nr_migratetypes; t++)
		n += zf->blocks[order * mm->nr_migratetypes + t];
	return n;
}
