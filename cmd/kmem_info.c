/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kmem_info.c - kmem -i (memory usage), kmem -z (zone statistics) and
 * kmem -n (memory nodes), in crash's formats (crash-spec.md §2.6).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/kmem.h"
#include "core/dump.h"
#include "core/error.h"
#include "core/field.h"
#include "core/list.h"
#include "core/mm.h"
#include "core/mm_sparse.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/types.h"
#include "core/vmcoreinfo.h"
#include "core/xarray.h"

#define VADDR_PRLEN 16

/* ---------------------------------------------------------------------- */
/* kmem -i                                                                */

struct shared_ctx {
	const struct ms_mm *mm;
	uint64_t shared;
};

static struct ms_error *shared_row(const void *raw, uint64_t addr, uint64_t pfn, void *arg)
{
	struct shared_ctx *c = arg;
	int64_t count = ms_field_get_s64(c->mm->pg_count, raw);
	uint64_t flags = ms_field_get_u64(c->mm->pg_flags, raw);

	(void)addr;
	(void)pfn;
	/* crash counts the pages, not the references: a page in use more than once */
	if (c->mm->pg_reserved >= 0 && ms_mm_flag(flags, c->mm->pg_reserved))
		return NULL;
	if (count > 1)
		c->shared++;
	return NULL;
}

/*
 * A counter of the global vm_stat[]: *have false when the kernel has no
 * such item (the row says "not available"); a fault fails the command.
 */
static struct ms_error *global_stat(struct ms_program *prog, const char *item, int64_t *ret, bool *have)
{
	struct ms_error *err = ms_mm_vm_stat(prog, NULL, item, ret);

	*have = !err;
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		*ret = 0;
	return err;
}

/*
 * Counters read from a damaged dump can be anything: the arithmetic on them
 * saturates at the int64_t range instead of overflowing (a huge counter
 * then shows as a huge number, never as a wrapped or undefined one).
 */
static int64_t sat_add(int64_t a, int64_t b)
{
	int64_t r;

	return __builtin_add_overflow(a, b, &r) ? (b > 0 ? INT64_MAX : INT64_MIN) : r;
}

static int64_t sat_sub(int64_t a, int64_t b)
{
	int64_t r;

	return __builtin_sub_overflow(a, b, &r) ? (b < 0 ? INT64_MAX : INT64_MIN) : r;
}

static int64_t sat_mul(int64_t a, int64_t b)
{
	int64_t r;

	return __builtin_mul_overflow(a, b, &r) ? ((a < 0) != (b < 0) ? INT64_MIN : INT64_MAX) : r;
}

/* @pages as a percentage of @base (0 without a base), without overflow. */
static int64_t percent(int64_t pages, int64_t base)
{
	__int128 p;

	if (base <= 0)
		return 0;
	p = (__int128)pages * 100 / base;
	return p > INT64_MAX ? INT64_MAX : p < INT64_MIN ? INT64_MIN : (int64_t)p;
}

/* An integer global variable, or *have false when the kernel has none. */
static struct ms_error *global_var(struct ms_program *prog, const char *name, int64_t *ret, bool *have)
{
	struct ms_error *err = ms_global_read_s64(prog, name, ret);

	*have = !err;
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		*ret = 0;
	return err;
}

struct info_row {
	const char *label;
	int64_t pages;
	int pct_of;		/* 0: none ("----"); 1: TOTAL MEM; 2: TOTAL SWAP; 3: TOTAL LIMIT;
				 * 4: TOTAL HUGE */
	bool blank_before;
	const char *key;	/* JSON name */
	bool na;		/* not available in this kernel */
};

static void info_print_row(const struct ms_mm *mm, const struct info_row *r, int64_t base,
			   const char *of)
{
	char size[64];

	if (r->blank_before)
		fprintf(ms_fp, "\n");
	if (r->na) {
		fprintf(ms_fp, "%13s  %7s\n", r->label, "(not available)");
		return;
	}
	ms_format_memsize(size, sizeof(size), (uint64_t)sat_mul(r->pages < 0 ? 0 : r->pages,
								 (int64_t)mm->page_size));
	if (!r->pct_of)
		fprintf(ms_fp, "%13s  %7" PRId64 "  %11s         ----\n", r->label, r->pages, size);
	else
		fprintf(ms_fp, "%13s  %7" PRId64 "  %11s  %3" PRId64 "%% of %s\n", r->label, r->pages,
			size, percent(r->pages, base), of);
}

/*
 * BUFFERS: nr_blockdev_pages(), the page cache of every block device on
 * all_bdevs (bdev->bd_inode->i_mapping->nrpages), as crash adds it up.  A
 * kernel without all_bdevs has none to count.
 */
struct bdev_ctx {
	struct ms_program *prog;
	const struct ms_field *bd_inode, *i_mapping, *nrpages;
	int64_t pages;
};

static struct ms_error *bdev_cb(uint64_t bdev, void *arg)
{
	struct bdev_ctx *c = arg;
	uint64_t inode, mapping, n;
	struct ms_error *err;

	if ((err = ms_field_read_u64(c->prog, c->bd_inode, bdev, &inode, "block_device bd_inode")) ||
	    (err = ms_field_read_u64(c->prog, c->i_mapping, inode, &mapping, "inode i_mapping")) ||
	    (err = ms_field_read_u64(c->prog, c->nrpages, mapping, &n, "address_space nrpages")))
		return err;
	c->pages += (int64_t)n;
	return NULL;
}

static struct ms_error *blockdev_pages(struct ms_program *prog, int64_t *ret)
{
	const struct ms_symbol *head = ms_symbol_find(prog, "all_bdevs");
	struct bdev_ctx c = { prog, NULL, NULL, NULL, 0 };
	const struct ms_field *bd_list;
	struct ms_list_walk w = { .circular = true, .max = 1000000 };
	struct ms_error *err;

	*ret = 0;
	if (!head)
		return NULL;
	if ((err = ms_field_find_by_name(prog, "struct block_device", "bd_list", &bd_list)) ||
	    (err = ms_field_find_by_name(prog, "struct block_device", "bd_inode", &c.bd_inode)) ||
	    (err = ms_field_find_by_name(prog, "struct inode", "i_mapping", &c.i_mapping)) ||
	    (err = ms_field_find_by_name(prog, "struct address_space", "nrpages", &c.nrpages)))
		return err;
	w.head = head->value;
	w.next_offset = (long)bd_list->offset;
	if ((err = ms_list_walk(prog, &w, bdev_cb, &c)))
		return ms_error_prepend(ms_list_error_context(&w, err), "all_bdevs");
	*ret = c.pages;
	return NULL;
}

/*
 * The swap cache: vm_stat's NR_SWAPCACHE where the kernel counts it, else
 * the swapper address spaces' nrpages (swapper_spaces[] in 3.9 to 4.10); a
 * kernel with neither (refmm has no swap cache) has none.
 */
static struct ms_error *swapcache_pages(struct ms_program *prog, int64_t *ret)
{
	const struct ms_symbol *sym;
	const struct ms_type *t, *as;
	const struct ms_field *nrpages;
	struct ms_error *err;
	bool have;
	uint64_t addr, n, len;

	*ret = 0;
	if ((err = global_stat(prog, "NR_SWAPCACHE", ret, &have)) || have)
		return err;
	if (!(sym = ms_symbol_find(prog, "swapper_spaces")))
		return NULL;
	if ((err = ms_variable_find(prog, "swapper_spaces", &t, &addr)) ||
	    (err = ms_type_find(prog, "struct address_space", &as)) ||
	    (err = ms_field_find(prog, as, "nrpages", &nrpages)))
		return ms_error_catch(&err, MS_ERR_LOOKUP) ? NULL : err;
	len = ms_type_array_len(ms_type_strip(t));
	for (uint64_t i = 0; i < len; i++) {
		if ((err = ms_field_read_u64(prog, nrpages, sym->value + i * ms_type_size(as), &n,
					     "swapper_space nrpages")))
			return err;
		*ret += (int64_t)n;
	}
	return NULL;
}

/*
 * The hugetlb page sizes in use: each hstates[] entry whose order is not 0,
 * with its address, order, name and page counts (struct hstate's members
 * by name).  LOOKUP if the kernel has no hstates (refmm has no hugetlbfs).
 */
struct hstate_info {
	uint64_t addr, order, nr, nfree;
	char name[4 * 32 + 1];		/* HSTATE_NAME_LEN 32, escaped */
};

static struct ms_error *hstates_walk(struct ms_program *prog,
				     struct ms_error *(*fn)(const struct hstate_info *h, void *arg), void *arg)
{
	const struct ms_symbol *sym = ms_symbol_find(prog, "hstates");
	const struct ms_type *t, *hs;
	const struct ms_field *order, *nr, *nfree, *name;
	struct ms_error *err;
	uint64_t daddr, len;

	if (!sym)
		return ms_error_lookup("hstates", "hstates[] array does not exist");
	if ((err = ms_variable_find(prog, "hstates", &t, &daddr)) ||
	    (err = ms_type_find(prog, "struct hstate", &hs)) ||
	    (err = ms_field_find(prog, hs, "order", &order)) ||
	    (err = ms_field_find(prog, hs, "nr_huge_pages", &nr)) ||
	    (err = ms_field_find(prog, hs, "free_huge_pages", &nfree)) ||
	    (err = ms_field_find(prog, hs, "name", &name)))
		return err;
	len = ms_type_array_len(ms_type_strip(t));
	for (uint64_t i = 0; i < len && i < 64; i++) {
		/* the ELF symbol's address: relocated (KERNELOFFSET), where DWARF's is not */
		struct hstate_info h = { .addr = sym->value + i * ms_type_size(hs) };

		if ((err = ms_field_read_u64(prog, order, h.addr, &h.order, "hstate order")))
			return err;
		if (!h.order)		/* an unused hstate */
			continue;
		if (h.order >= 32)
			return ms_error_corrupt(h.addr, "hstates[%" PRIu64 "] at %" PRIx64 ": order %" PRIu64, i,
						h.addr, h.order);
		if ((err = ms_field_read_u64(prog, nr, h.addr, &h.nr, "hstate nr_huge_pages")) ||
		    (err = ms_field_read_u64(prog, nfree, h.addr, &h.nfree, "hstate free_huge_pages")) ||
		    (err = ms_read_text(prog, h.addr + name->offset, h.name, sizeof(h.name),
					 name->size < 32 ? name->size : 32, "hstate name")) ||
		    (err = fn(&h, arg)))
			return err;
	}
	return NULL;
}

struct huge_sum {
	int64_t total, freep;
};

static struct ms_error *huge_sum(const struct hstate_info *h, void *arg)
{
	struct huge_sum *s = arg;

	s->total = sat_add(s->total, sat_mul(h->nr > INT64_MAX ? INT64_MAX : (int64_t)h->nr, (int64_t)1 << h->order));
	s->freep = sat_add(s->freep, sat_mul(h->nfree > INT64_MAX ? INT64_MAX : (int64_t)h->nfree,
					     (int64_t)1 << h->order));
	return NULL;
}

/*
 * TOTAL HUGE and HUGE FREE: every hstate's nr_huge_pages and
 * free_huge_pages in base pages (2^order), as crash's
 * get_hugetlb_total_pages() adds them up; before hstates (2.6.27) the
 * nr_huge_pages and free_huge_pages globals, in 2 MiB pages.  A kernel with
 * neither (refmm has no hugetlbfs) has none, and crash prints zeros.
 */
static struct ms_error *hugetlb_pages(struct ms_program *prog, const struct ms_mm *mm, int64_t *total,
				      int64_t *freep)
{
	struct huge_sum s = { 0, 0 };
	struct ms_error *err;
	int64_t v;
	bool have;

	*total = *freep = 0;
	if (!ms_symbol_find(prog, "hstates")) {
		if ((err = global_var(prog, "nr_huge_pages", &v, &have)) || !have)
			return err;
		*total = sat_mul(v, (int64_t)((2u << 20) / mm->page_size));
		if ((err = global_var(prog, "free_huge_pages", &v, &have)))
			return err;
		*freep = have ? sat_mul(v, (int64_t)((2u << 20) / mm->page_size)) : 0;
		return NULL;
	}
	if ((err = hstates_walk(prog, huge_sum, &s)))
		return err;
	*total = s.total;
	*freep = s.freep;
	return NULL;
}

/* kmem -h: crash's table of the hstates, from the record */
static void hstates_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	const struct ms_record *list = ms_record_get(rec, "hstates")->rec;

	(void)sess;
	(void)arg;
	fprintf(ms_fp, "%*s%*s   SIZE    FREE   TOTAL  NAME\n", (VADDR_PRLEN + 6) / 2, "HSTATE",
		VADDR_PRLEN - (VADDR_PRLEN + 6) / 2, "");
	for (size_t i = 0; i < list->nr_fields; i++) {
		const struct ms_record *h = list->fields[i].rec;
		char size[64], *sp;

		/* crash's pages_to_size() without its space: "2MB", "1GB" */
		ms_format_memsize(size, sizeof(size), ms_record_get_u64(h, "size", 0));
		if ((sp = strchr(size, ' ')))
			memmove(sp, sp + 1, strlen(sp));
		fprintf(ms_fp, "%" PRIx64 "  %5s  %6" PRIu64 "  %6" PRIu64 "  %s\n", ms_record_get_u64(h, "address", 0),
			size, ms_record_get_u64(h, "free", 0), ms_record_get_u64(h, "total", 0),
			ms_record_get_str(h, "name", ""));
	}
}

struct hstates_ctx {
	struct ms_record *list;
	uint64_t page_size;
};

static struct ms_error *hstate_row(const struct hstate_info *h, void *arg)
{
	struct hstates_ctx *c = arg;
	struct ms_record *r = ms_record_append_record(c->list);

	ms_record_add_addr(r, "address", h->addr);
	ms_record_add_u64(r, "order", h->order);
	ms_record_add_u64(r, "size", c->page_size << h->order);
	ms_record_add_u64(r, "free", h->nfree);
	ms_record_add_u64(r, "total", h->nr);
	ms_record_add_str(r, "name", h->name);
	return NULL;
}

int kmem_hstates(struct ms_session *sess)
{
	const struct ms_mm *mm;
	struct ms_error *err = ms_mm(sess->prog, 0, &mm);
	struct hstates_ctx c;
	struct ms_record *rec;

	if (err)
		return ms_cmd_fail(sess, err);
	rec = ms_record_create();
	c.list = ms_record_add_list(rec, "hstates");
	c.page_size = mm->page_size;
	if ((err = hstates_walk(sess->prog, hstate_row, &c))) {
		ms_record_destroy(rec);
		return ms_cmd_fail(sess, err);
	}
	ms_emit(sess, rec, hstates_text, NULL);
	return 0;
}

/* The rows of kmem -i in crash's order: label, and what the percentage is of. */
static const struct info_label {
	const char *key, *label;
	int pct_of;
	bool blank_before;
} info_labels[] = {
	{ "total_mem", "TOTAL MEM", 0, false },
	{ "free", "FREE", 1, false },
	{ "used", "USED", 1, false },
	{ "shared", "SHARED", 1, false },
	{ "buffers", "BUFFERS", 1, false },
	{ "cached", "CACHED", 1, false },
	{ "slab", "SLAB", 1, false },
	{ "total_huge", "TOTAL HUGE", 0, true },
	{ "huge_free", "HUGE FREE", 4, false },
	{ "total_swap", "TOTAL SWAP", 0, true },
	{ "swap_used", "SWAP USED", 2, false },
	{ "swap_free", "SWAP FREE", 2, false },
	{ "commit_limit", "COMMIT LIMIT", 0, true },
	{ "committed", "COMMITTED", 3, false },
};

/* crash's table, from the record. */
static void info_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	const struct ms_mm *mm = arg;
	int64_t total = 0, swap_total = 0, prev = 0;

	(void)sess;
	fprintf(ms_fp, "                 PAGES        TOTAL      PERCENTAGE\n");
	for (size_t i = 0; i < rec->nr_fields; i++) {
		const struct ms_record_field *f = &rec->fields[i];
		const struct info_label *l = NULL;
		struct info_row r;

		for (size_t j = 0; j < sizeof(info_labels) / sizeof(info_labels[0]); j++)
			if (!strcmp(info_labels[j].key, f->key))
				l = &info_labels[j];
		if (!l)
			continue;
		r = (struct info_row){ l->label, 0, l->pct_of, l->blank_before, l->key,
				       f->type == MS_FIELD_NULL };
		if (!r.na)
			r.pages = ms_record_get_s64(f->rec, "pages", 0);
		if (!strcmp(l->key, "total_mem"))
			total = r.pages;
		else if (!strcmp(l->key, "total_swap"))
			swap_total = r.pages;
		switch (r.pct_of) {
		case 1: info_print_row(mm, &r, total, "TOTAL MEM"); break;
		case 2: info_print_row(mm, &r, swap_total, "TOTAL SWAP"); break;
		case 3: info_print_row(mm, &r, prev, "TOTAL LIMIT"); break;
		case 4: info_print_row(mm, &r, prev, "TOTAL HUGE"); break;
		default: info_print_row(mm, &r, 0, NULL); break;
		}
		prev = r.pages;
	}
}

int kmem_info(struct ms_session *sess, bool with_shared)
{
	struct ms_record *rec;
	struct ms_program *prog = sess->prog;
	const struct ms_mm *mm;
	struct info_row rows[16];
	int nrows = 0, ni, zi, k;
	int64_t total = 0, freep = 0, v, v2, swap_total = 0, swap_free = 0, ratio, committed = 0;
	int64_t buffers = 0, swapcache = 0;
	uint64_t shared = 0, unreadable = 0;
	bool have, have2, have_swap, have_swap_free, damaged = false;
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES | MS_MM_PAGES, &mm);

	if (err)
		return ms_cmd_fail(sess, err);
	if ((err = global_var(prog, "totalram_pages", &total, &have)))
		return ms_cmd_fail(sess, err);
	if (!have || total <= 0) {
		/* the sum of the zones' managed pages, as totalram_pages is
		 * kept; present pages where the kernel does not manage them */
		total = 0;
		for (ni = 0; ni < mm->nr_nodes; ni++) {
			for (zi = 0; zi < mm->nodes[ni].nr_zones; zi++) {
				const struct ms_mm_zone *z = &mm->nodes[ni].zones[zi];

				if (!z->has_managed && !z->has_present)
					return ms_cmd_error(sess, "TOTAL MEM is not available: the kernel has "
							    "no totalram_pages, managed_pages or present_pages");
				total = sat_add(total, (int64_t)(z->has_managed ? z->managed : z->present) < 0 ?
						INT64_MAX : (int64_t)(z->has_managed ? z->managed : z->present));
			}
		}
	}
	/*
	 * FREE: what the buddy free lists hold.  Damage on them is said as
	 * kmem -f says it (the command then fails); a zone whose lists could
	 * not be walked to their end counts its vm_stat[NR_FREE_PAGES]
	 * instead, so that FREE and USED stay the kernel's figures.
	 */
	for (ni = 0; ni < mm->nr_nodes; ni++) {
		for (zi = 0; zi < mm->nodes[ni].nr_zones; zi++) {
			const struct ms_mm_zone *z = &mm->nodes[ni].zones[zi];
			struct ms_mm_zone_free zf;
			int rc = kmem_zone_walk(sess, z, &zf, false, false);
			uint64_t pages = zf.pages;

			if (zf.broken || zf.bad_entries)
				damaged = true;
			if (zf.broken && z->has_free_pages && z->free_pages >= 0) {
				ms_note(sess, "FREE counts node %d zone %s's vm_stat[NR_FREE_PAGES] "
					"(%" PRId64 "): its free lists hold at least %" PRIu64 " pages "
					"but could not be walked to their end", z->nid, z->name,
					z->free_pages, zf.pages);
				pages = (uint64_t)z->free_pages;
			}
			freep = sat_add(freep, pages > INT64_MAX ? INT64_MAX : (int64_t)pages);
			ms_mm_zone_free_release(&zf);
			if (rc < 0)
				return -1;
		}
	}
	/* SHARED walks every struct page: only with -i=shared, as crash does
	 * since 8.0.3 (on a large machine the walk "appears to hang") */
	if (with_shared) {
		struct shared_ctx sc = { mm, 0 };

		if ((err = ms_mm_pages_walk_raw(prog, 0, mm->max_pfn, shared_row, &sc, &unreadable)))
			return ms_cmd_fail(sess, err);
		shared = sc.shared;
	}

	rows[nrows++] = (struct info_row){ "TOTAL MEM", total, 0, false, "total_mem", false };
	rows[nrows++] = (struct info_row){ "FREE", freep, 1, false, "free", false };
	rows[nrows++] = (struct info_row){ "USED", sat_sub(total, freep), 1, false, "used", false };
	if (with_shared)
		rows[nrows++] = (struct info_row){ "SHARED", (int64_t)shared, 1, false, "shared", false };
	if ((err = blockdev_pages(prog, &buffers)))
		return ms_cmd_fail(sess, err);
	rows[nrows++] = (struct info_row){ "BUFFERS", buffers, 1, false, "buffers", false };
	if ((err = global_stat(prog, "NR_FILE_PAGES", &v, &have)) ||
	    (err = swapcache_pages(prog, &swapcache)))
		return ms_cmd_fail(sess, err);
	/* crash: the file pages that are neither swap cache nor buffers */
	v -= swapcache + buffers;
	if (have && v < 0) {
		ms_cmd_error(sess, "page_cache_size went negative (%" PRId64 "), setting to 0", v);
		v = 0;
	}
	rows[nrows++] = (struct info_row){ "CACHED", v, 1, false, "cached", !have };
	/* SLAB: the two slab counters; Linux 5.9 and later count them as
	 * NR_SLAB_*_B, kept in pages in the node counters as /proc/meminfo's
	 * Slab reads them (crash 8.0.2 instead counts PG_slab pages) */
	if ((err = global_stat(prog, "NR_SLAB_RECLAIMABLE", &v, &have)) ||
	    (err = global_stat(prog, "NR_SLAB_UNRECLAIMABLE", &v2, &have2)))
		return ms_cmd_fail(sess, err);
	if (!have && !have2 &&
	    ((err = global_stat(prog, "NR_SLAB_RECLAIMABLE_B", &v, &have)) ||
	     (err = global_stat(prog, "NR_SLAB_UNRECLAIMABLE_B", &v2, &have2))))
		return ms_cmd_fail(sess, err);
	rows[nrows++] = (struct info_row){ "SLAB", sat_add(v, v2), 1, false, "slab", !have || !have2 };
	if ((err = hugetlb_pages(prog, mm, &v, &v2)))
		return ms_cmd_fail(sess, err);
	rows[nrows++] = (struct info_row){ "TOTAL HUGE", v, 0, true, "total_huge", false };
	rows[nrows++] = (struct info_row){ "HUGE FREE", v2, 4, false, "huge_free", false };
	if ((err = global_var(prog, "total_swap_pages", &swap_total, &have_swap)) ||
	    (err = global_var(prog, "nr_swap_pages", &swap_free, &have_swap_free)))
		return ms_cmd_fail(sess, err);
	/* a kernel without swap accounting has no swap */
	if (!have_swap)
		swap_total = 0;
	if (!have_swap_free)
		swap_free = swap_total;
	rows[nrows++] = (struct info_row){ "TOTAL SWAP", swap_total, 0, true, "total_swap", false };
	rows[nrows++] = (struct info_row){ "SWAP USED", sat_sub(swap_total, swap_free), 2, false, "swap_used",
					   false };
	rows[nrows++] = (struct info_row){ "SWAP FREE", swap_free, 2, false, "swap_free", false };
	if ((err = global_var(prog, "sysctl_overcommit_ratio", &ratio, &have)))
		return ms_cmd_fail(sess, err);
	if (have) {
		rows[nrows++] = (struct info_row){ "COMMIT LIMIT",
						   sat_add(sat_mul(total, ratio) / 100, swap_total), 0,
						   true, "commit_limit", false };
		const struct ms_symbol *sym = ms_symbol_find(prog, "vm_committed_as");

		if (sym) {
			const struct ms_field *count;
			uint64_t raw;

			err = ms_field_find_by_name(prog, "struct percpu_counter", "count", &count);
			if (!err)
				err = ms_field_read_u64(prog, count, sym->value, &raw, "vm_committed_as");
			if (!err) {
				committed = (int64_t)raw;
				rows[nrows++] = (struct info_row){ "COMMITTED", committed, 3, false,
								   "committed", false };
			}
			if (err && !ms_error_catch(&err, MS_ERR_LOOKUP))
				return ms_cmd_fail(sess, err);
		}
	}

	rec = ms_record_create();
	for (k = 0; k < nrows; k++) {
		struct ms_record *o;
		int64_t base = rows[k].pct_of == 1 ? total : rows[k].pct_of == 2 ? swap_total :
			       rows[k].pct_of >= 3 ? rows[k - 1].pages : 0;

		if (rows[k].na) {
			ms_record_add_null(rec, rows[k].key);
			continue;
		}
		o = ms_record_add_record(rec, rows[k].key);
		ms_record_add_s64(o, "pages", rows[k].pages);
		ms_record_add_s64(o, "bytes", sat_mul(rows[k].pages, (int64_t)mm->page_size));
		if (rows[k].pct_of)
			ms_record_add_s64(o, "percent", percent(rows[k].pages, base));
	}
	ms_record_add_u64(rec, "page_size", mm->page_size);
	{
		/* the LRU lists' sizes, as vm_stat counts them (JSON only: crash's table has no row) */
		static const char *const lru[][2] = {
			{ "inactive_anon", "NR_INACTIVE_ANON" }, { "active_anon", "NR_ACTIVE_ANON" },
			{ "inactive_file", "NR_INACTIVE_FILE" }, { "active_file", "NR_ACTIVE_FILE" },
			{ "unevictable", "NR_UNEVICTABLE" },
		};
		struct ms_record *o = ms_record_add_record(rec, "lru");

		for (size_t i = 0; i < sizeof(lru) / sizeof(lru[0]); i++) {
			if ((err = global_stat(prog, lru[i][1], &v, &have))) {
				ms_record_destroy(rec);
				return ms_cmd_fail(sess, err);
			}
			ms_record_add_opt_s64(o, lru[i][0], have, v);
		}
	}
	ms_emit(sess, rec, info_text, (void *)mm);
	if (unreadable)
		return ms_cmd_error(sess, "%" PRIu64 " page structs could not be read", unreadable);
	return damaged ? -1 : 0;	/* the damage was said by kmem_zone_walk() */
}

/* ---------------------------------------------------------------------- */
/* kmem -z                                                                */

/* crash's -z text, from the record. */
static void zones_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	const struct ms_record *zones = ms_record_get(rec, "zones")->rec;
	size_t maxlen = *(const size_t *)arg;

	(void)sess;
	for (size_t i = 0; i < zones->nr_fields; i++) {
		const struct ms_record *z = zones->fields[i].rec;
		const struct ms_record_field *wm = ms_record_get(z, "watermark");
		const struct ms_record *vm = ms_record_get(z, "vm_stat")->rec;
		uint64_t spanned = ms_record_get_u64(z, "spanned_pages", 0);

		fprintf(ms_fp, "NODE: %" PRId64 "  ZONE: %" PRId64 "  ADDR: %" PRIx64 "  NAME: \"%s\"\n",
			ms_record_get_s64(z, "node", 0), ms_record_get_s64(z, "zone_index", 0),
			ms_record_get_u64(z, "address", 0), ms_record_get_str(z, "zone", ""));
		if (!spanned) {
			fprintf(ms_fp, "  [unpopulated]\n\n");
			continue;
		}
		fprintf(ms_fp, "  SIZE: %" PRIu64, spanned);
		if (!ms_record_has(z, "present_pages"))
			fprintf(ms_fp, "  PRESENT: (not available)");
		else if (ms_record_get_u64(z, "present_pages", 0) != spanned)
			fprintf(ms_fp, "  PRESENT: %" PRIu64, ms_record_get_u64(z, "present_pages", 0));
		if (wm->type == MS_FIELD_RECORD)
			fprintf(ms_fp, "  MIN/LOW/HIGH: %" PRIu64 "/%" PRIu64 "/%" PRIu64 "\n",
				ms_record_get_u64(wm->rec, "min", 0), ms_record_get_u64(wm->rec, "low", 0),
				ms_record_get_u64(wm->rec, "high", 0));
		else
			fprintf(ms_fp, "  MIN/LOW/HIGH: (not available)\n");
		if (maxlen)
			fprintf(ms_fp, "  VM_STAT:\n");
		for (size_t k = 0; k < vm->nr_fields; k++)
			fprintf(ms_fp, "%*s: %" PRId64 "\n", (int)maxlen, vm->fields[k].key,
				vm->fields[k].s);
		/*
		 * crash ends a populated zone with a line holding what the
		 * kernel has of these two (empty on 3.x and later) and every
		 * zone with a blank line.
		 */
		if (ms_record_has(z, "all_unreclaimable"))
			fprintf(ms_fp, "  ALL_UNRECLAIMABLE: %s  ",
				ms_record_get(z, "all_unreclaimable")->b ? "yes" : "no");
		if (ms_record_has(z, "pages_scanned"))
			fprintf(ms_fp, "PAGES_SCANNED: %" PRIu64 "  ", ms_record_get_u64(z, "pages_scanned", 0));
		fprintf(ms_fp, "\n\n");
	}
}

/*
 * The zone's all-unreclaimable state and pages_scanned counter, on kernels
 * that keep them in struct zone (before 3.x): a member all_unreclaimable, or
 * bit ZONE_ALL_UNRECLAIMABLE of zone->flags.
 */
static struct ms_error *zone_reclaim_state(struct ms_program *prog, const struct ms_mm_zone *z,
					   struct ms_record *jz)
{
	const struct ms_field *f;
	struct ms_error *err;
	int64_t bit;
	uint64_t v;

	if (!(err = ms_field_find_by_name(prog, "struct zone", "all_unreclaimable", &f))) {
		if ((err = ms_field_read_u64(prog, f, z->addr, &v, "zone all_unreclaimable")))
			return err;
		ms_record_add_bool(jz, "all_unreclaimable", v != 0);
	} else if (ms_error_catch(&err, MS_ERR_LOOKUP) &&
		   ms_error_ok(ms_enum_value(prog, "ZONE_ALL_UNRECLAIMABLE", &bit)) && bit >= 0 && bit < 64 &&
		   !(err = ms_field_find_by_name(prog, "struct zone", "flags", &f))) {
		if ((err = ms_field_read_u64(prog, f, z->addr, &v, "zone flags")))
			return err;
		ms_record_add_bool(jz, "all_unreclaimable", (v >> bit) & 1);
	}
	if (err && !ms_error_catch(&err, MS_ERR_LOOKUP))
		return err;
	if (!(err = ms_field_find_by_name(prog, "struct zone", "pages_scanned", &f))) {
		if ((err = ms_field_read_u64(prog, f, z->addr, &v, "zone pages_scanned")))
			return err;
		ms_record_add_u64(jz, "pages_scanned", v);
	}
	ms_error_catch(&err, MS_ERR_LOOKUP);
	return err;
}

/*
 * Whether enumerator @i of enum zone_stat_item is a counter crash shows:
 * crash names the counters from the kernel's vmstat_text[], one name per
 * index, so a base marker sharing its value with the counter after it
 * (NR_LRU_BASE, NR_ZONE_LRU_BASE) and the count NR_VM_*_ITEMS are left out.
 */
static bool vm_stat_shown(const struct ms_type *e, size_t i)
{
	const struct ms_enumerator *en = ms_type_enumerator(e, i);
	size_t k, n = ms_type_enumerator_count(e);

	if (!strncmp(en->name, "NR_VM_", 6))
		return false;
	for (k = i + 1; k < n; k++)
		if (ms_type_enumerator(e, k)->value == en->value)
			return false;
	return true;
}

int kmem_zones(struct ms_session *sess)
{
	struct ms_program *prog = sess->prog;
	const struct ms_mm *mm;
	const struct ms_type *e = ms_type_get(prog, "enum zone_stat_item");	/* none: no VM_STAT */
	struct ms_record *rec, *zones;
	size_t nitems = 0, i, maxlen = 0;
	int ni, zi;
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES, &mm);

	if (err)
		return ms_cmd_fail(sess, err);
	if (e) {
		nitems = ms_type_enumerator_count(e);
		for (i = 0; i < nitems; i++) {
			const char *nm = ms_type_enumerator(e, i)->name;
			if (!vm_stat_shown(e, i))
				continue;
			if (strlen(nm) > maxlen)
				maxlen = strlen(nm);
		}
	}
	rec = ms_record_create();
	zones = ms_record_add_list(rec, "zones");
	for (ni = 0; ni < mm->nr_nodes; ni++) {
		for (zi = 0; zi < mm->nodes[ni].nr_zones; zi++) {
			const struct ms_mm_zone *z = &mm->nodes[ni].zones[zi];
			struct ms_record *jz = ms_record_append_record(zones), *js;

			kmem_zone_ident(jz, z);
			ms_record_add_u64(jz, "start_pfn", z->start_pfn);
			ms_record_add_u64(jz, "spanned_pages", z->spanned);
			ms_record_add_opt_s64(jz, "present_pages", z->has_present, (int64_t)z->present);
			ms_record_add_opt_s64(jz, "managed_pages", z->has_managed, (int64_t)z->managed);
			if (z->has_watermarks) {
				js = ms_record_add_record(jz, "watermark");
				ms_record_add_u64(js, "min", z->watermark[0]);
				ms_record_add_u64(js, "low", z->watermark[1]);
				ms_record_add_u64(js, "high", z->watermark[2]);
			} else {
				ms_record_add_null(jz, "watermark");
			}
			js = ms_record_add_record(jz, "vm_stat");
			for (i = 0; i < nitems; i++) {
				const char *nm = ms_type_enumerator(e, i)->name;
				int64_t v;
				if (!vm_stat_shown(e, i))
					continue;
				err = ms_mm_vm_stat(prog, z, nm, &v);
				if (ms_error_catch(&err, MS_ERR_LOOKUP))
					continue;
				if (err) {
					ms_record_destroy(rec);
					return ms_cmd_fail(sess, err);
				}
				ms_record_add_s64(js, nm, v);
			}
			if (z->spanned && (err = zone_reclaim_state(prog, z, jz))) {
				ms_record_destroy(rec);
				return ms_cmd_fail(sess, err);
			}
		}
	}
	ms_emit(sess, rec, zones_text, &maxlen);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* kmem -n                                                                */

static size_t leading_spaces(const char *s)
{
	size_t n = 0;

	while (s[n] == ' ')
		n++;
	return n;
}

/* One row of crash's section table; in JSON mode (@p arg a list) a record. */
static struct ms_error *section_row(const struct ms_mm_section *sec, void *arg)
{
	char b1[64], b2[64], b3[64], b4[64], t[32], state[8];
	size_t n = 0;

	if (ms_interrupted())
		return &ms_interrupted_error;
	if (sec->flags & MS_MM_SECTION_PRESENT)
		state[n++] = 'P';
	if (sec->flags & MS_MM_SECTION_MEM_MAP)
		state[n++] = 'M';
	if (sec->flags & MS_MM_SECTION_ONLINE)
		state[n++] = 'O';
	if (sec->flags & MS_MM_SECTION_EARLY)
		state[n++] = 'E';
	if (sec->flags & MS_MM_SECTION_DEVICE)
		state[n++] = 'D';
	state[n] = '\0';
	if (arg) {
		struct ms_record *r = ms_record_append_record(arg);

		ms_record_add_u64(r, "nr", sec->nr);
		ms_record_add_addr(r, "section", sec->addr);
		ms_record_add_addr(r, "coded_mem_map", sec->coded);
		ms_record_add_addr(r, "mem_map", sec->mem_map);
		ms_record_add_str(r, "state", state);
		ms_record_add_u64(r, "pfn", sec->start_pfn);
		return NULL;
	}
	snprintf(t, sizeof(t), "%" PRIx64, sec->addr);
	ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, t);
	snprintf(t, sizeof(t), "%" PRIx64, sec->coded);
	ms_mkstring(b2, sizeof(b2), VADDR_PRLEN, MS_CENTER_RIGHT, t);
	snprintf(t, sizeof(t), "%" PRIx64, sec->mem_map);
	ms_mkstring(b3, sizeof(b3), VADDR_PRLEN, MS_CENTER_RIGHT, t);
	ms_mkstring(b4, sizeof(b4), 5, MS_CENTER, state);
	snprintf(t, sizeof(t), "%" PRIu64, sec->start_pfn);
	fprintf(ms_fp, "%2" PRIu64 "  %s  %s  %s  %s %-16s\n", sec->nr, b1, b2, b3, b4, t);
	return NULL;
}

/*
 * SPARSEMEM: crash's table of the present memory sections, after a line of
 * 67 dashes: the struct mem_section, its coded map (flags cleared), the
 * struct page of its first pfn, its state letters and that pfn.
 */
static int kmem_sections(struct ms_session *sess, const struct ms_mm *mm)
{
	char b1[64], b2[64], b3[64];
	struct ms_error *err;

	fprintf(ms_fp, "\n%.67s\n\nNR  %s  %s  %s  STATE PFN\n",
		"----------------------------------------------------------------------",
		ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, "SECTION"),
		ms_mkstring(b2, sizeof(b2), VADDR_PRLEN, MS_CENTER, "CODED_MEM_MAP"),
		ms_mkstring(b3, sizeof(b3), VADDR_PRLEN, MS_CENTER, "MEM_MAP"));
	err = ms_mm_sparse_sections(sess->prog, mm->page_struct_size, section_row, NULL);
	return err ? ms_cmd_fail(sess, err) : 0;
}

/*
 * The memory blocks (drivers/base/memory.c, the memory_blocks XArray since
 * 5.12, indexed by block id): crash's table after the sections, with the
 * physical range of sections_per_block sections from start_section_nr.
 */
struct block_arg {
	struct ms_program *prog;
	const struct ms_field *start, *state, *nid, *name;
	unsigned section_bits;
	uint64_t block_bytes;
	int width;		/* of a physical address */
	struct ms_record *list;	/* JSON mode: a record per block here */
};

static const char *block_state(uint64_t state)
{
	/* include/linux/memory.h's MEM_* bits, as crash names them */
	static const char *const names[] = { "ONLINE", "GOING_OFFLINE", "OFFLINE",
					     "GOING_ONLINE", "CANCEL_ONLINE", "CANCEL_OFFLINE" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (state & (1ULL << i))
			return names[i];
	return "UNKNOWN";
}

static struct ms_error *block_row(uint64_t index, uint64_t mb, void *arg)
{
	struct block_arg *a = arg;
	uint64_t start, state, nid, name_p, phys;
	char name[32];
	struct ms_error *err;

	(void)index;
	if ((err = ms_field_read_u64(a->prog, a->start, mb, &start, "memory_block start_section_nr")) ||
	    (err = ms_field_read_u64(a->prog, a->state, mb, &state, "memory_block state")) ||
	    (err = ms_field_read_u64(a->prog, a->nid, mb, &nid, "memory_block nid")) ||
	    (err = ms_field_read_u64(a->prog, a->name, mb, &name_p, "memory_block dev.kobj.name")) ||
	    (err = ms_read_text(a->prog, name_p, name, sizeof(name), sizeof(name) - 1,
				"memory_block name")))
		return ms_error_prepend(err, "memory_block %" PRIx64, mb);
	if (start >> (64 - a->section_bits))
		return ms_error_corrupt(mb, "memory_block %" PRIx64 ": start_section_nr %" PRIu64,
					mb, start);
	phys = start << a->section_bits;
	if (a->list) {
		struct ms_record *r = ms_record_append_record(a->list);

		ms_record_add_addr(r, "memory_block", mb);
		ms_record_add_str(r, "name", name);
		ms_record_add_addr(r, "start_paddr", phys);
		ms_record_add_addr(r, "end_paddr", phys + a->block_bytes - 1);
		ms_record_add_s64(r, "node", (int32_t)nid);
		ms_record_add_str(r, "state", block_state(state));
		ms_record_add_u64(r, "start_section_nr", start);
		return ms_interrupted() ? &ms_interrupted_error : NULL;
	}
	fprintf(ms_fp, " %16" PRIx64 "   %-10s %*" PRIx64 " - %*" PRIx64 "  %-4d %-7s %-12" PRIu64 "\n",
		mb, name, a->width, phys, a->width, phys + a->block_bytes - 1, (int)(int32_t)nid,
		block_state(state), start);
	return ms_interrupted() ? &ms_interrupted_error : NULL;
}

static int kmem_memory_blocks(struct ms_session *sess, const struct ms_mm *mm,
			      struct ms_record *list)
{
	struct ms_program *prog = sess->prog;
	const struct ms_symbol *blocks = ms_symbol_find(prog, "memory_blocks");
	struct block_arg a = { .prog = prog, .list = list };
	int64_t bits, per_block;
	int digits;
	struct ms_error *err;

	if (!blocks)	/* before 5.12 the blocks are on memory_subsys's klist alone */
		return 0;
	if ((err = ms_vmcoreinfo_number(ms_dump_vmcoreinfo(prog), "SECTION_SIZE_BITS", 12, 63,
					&bits)) ||
	    (err = ms_global_read_s64(prog, "sections_per_block", &per_block)) ||
	    (err = ms_field_find_by_name(prog, "struct memory_block", "start_section_nr", &a.start)) ||
	    (err = ms_field_find_by_name(prog, "struct memory_block", "state", &a.state)) ||
	    (err = ms_field_find_by_name(prog, "struct memory_block", "nid", &a.nid)) ||
	    (err = ms_field_find_by_name(prog, "struct memory_block", "dev.kobj.name", &a.name)))
		return ms_cmd_fail(sess, ms_error_prepend(err, "memory blocks"));
	if (per_block < 1 || per_block > 1 << 20)
		return ms_cmd_fail(sess, ms_error_corrupt(0, "sections_per_block is %" PRId64,
							  per_block));
	a.section_bits = (unsigned)bits;
	a.block_bytes = (uint64_t)per_block << bits;
	digits = ms_mm_hex_digits(ms_mm_pfn_to_phys(mm, mm->max_pfn));
	a.width = digits > 8 ? digits : 8;
	if (!list)
		fprintf(ms_fp, "\n   MEM_BLOCK        NAME        PHYSICAL RANGE%*s     NODE  STATE   "
			"START_SECTION_NO\n", 2 * (a.width - 8), "");
	err = ms_xarray_walk(prog, blocks->value, block_row, &a);
	return err ? ms_cmd_fail(sess, ms_error_prepend(err, "memory_blocks")) : 0;
}

static int kmem_nodes_json(struct ms_session *sess, const struct ms_mm *mm);

int kmem_nodes(struct ms_session *sess)
{
	struct ms_program *prog = sess->prog;
	const struct ms_mm *mm;
	char b1[64], b2[64], b3[64], b4[64], t[32];
	int ni, zi;
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES, &mm);

	if (err)
		return ms_cmd_fail(sess, err);
	if (ms_json(sess))
		return kmem_nodes_json(sess, mm);
	for (ni = 0; ni < mm->nr_nodes; ni++) {
		const struct ms_mm_node *nd = &mm->nodes[ni];
		size_t col;

		fprintf(ms_fp, "%sNODE  %s  %s  %s  %s\n", ni ? "\n" : "",
			ms_mkstring(b1, sizeof(b1), 8, MS_CENTER, "SIZE"),
			ms_mkstring(b2, sizeof(b2), VADDR_PRLEN, MS_CENTER, "PGLIST_DATA"),
			ms_mkstring(b3, sizeof(b3), VADDR_PRLEN, MS_CENTER, "BOOTMEM_DATA"),
			ms_mkstring(b4, sizeof(b4), VADDR_PRLEN, MS_CENTER, "NODE_ZONES"));
		snprintf(t, sizeof(t), "%" PRIu64, nd->spanned);
		ms_mkstring(b1, sizeof(b1), 8, MS_CENTER, t);
		snprintf(t, sizeof(t), "%" PRIx64, nd->pgdat);
		ms_mkstring(b2, sizeof(b2), VADDR_PRLEN, MS_CENTER, t);
		ms_mkstring(b3, sizeof(b3), VADDR_PRLEN, MS_CENTER, "----");
		snprintf(t, sizeof(t), "%" PRIx64, nd->nr_zones ? nd->zones[0].addr : 0);
		ms_mkstring(b4, sizeof(b4), VADDR_PRLEN, MS_CENTER, t);
		fprintf(ms_fp, "%3d   %s  %s  %s  %s\n", nd->id, b1, b2, b3, b4);
		col = 6 + strlen(b1) + 2 + strlen(b2) + 2 + strlen(b3) + 2 + leading_spaces(b4);
		for (zi = 1; zi < nd->nr_zones; zi++)
			fprintf(ms_fp, "%*s%" PRIx64 "\n", (int)col, "", nd->zones[zi].addr);

		/* crash 8.0.2's widths: START_PADDR centred in 16 */
		fprintf(ms_fp, "%s     START_PADDR    START_MAPNR\n",
			ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, "MEM_MAP"));
		snprintf(t, sizeof(t), "%" PRIx64, nd->mem_map);
		ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, t);
		snprintf(t, sizeof(t), "%" PRIx64, ms_mm_pfn_to_phys(mm, nd->start_pfn));
		ms_mkstring(b2, sizeof(b2), 16, MS_CENTER_RIGHT, t);
		snprintf(t, sizeof(t), "%" PRIu64, nd->start_pfn);
		ms_mkstring(b3, sizeof(b3), 11, MS_CENTER_RIGHT, t);
		fprintf(ms_fp, "%s  %s  %s\n", b1, b2, b3);

		fprintf(ms_fp, "\nZONE  NAME         SIZE  %s  START_PADDR  START_MAPNR\n",
			ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER_RIGHT, "MEM_MAP"));
		for (zi = 0; zi < nd->nr_zones; zi++) {
			const struct ms_mm_zone *z = &nd->zones[zi];
			/* the zone rows are right-justified, not centred */
			snprintf(t, sizeof(t), "%" PRIx64, z->mem_map);
			ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_RJUST, t);
			snprintf(t, sizeof(t), "%" PRIx64, ms_mm_pfn_to_phys(mm, z->start_pfn));
			ms_mkstring(b2, sizeof(b2), 11, MS_RJUST, t);
			snprintf(t, sizeof(t), "%" PRIu64, z->start_pfn);
			ms_mkstring(b3, sizeof(b3), 11, MS_RJUST, t);
			fprintf(ms_fp, "%3d   %-9s %7" PRIu64 "  %s  %s  %s\n", z->idx, z->name,
				z->spanned, b1, b2, b3);
		}
	}
	if (mm->sparsemem) {
		int rc = kmem_sections(sess, mm);

		return rc ? rc : kmem_memory_blocks(sess, mm, NULL);
	}
	return 0;
}

/*
 * kmem -n --json: one document, "nodes" (a record per node with its zones),
 * "sections" (a record per present memory section; null without SPARSEMEM)
 * and "memory_blocks" (a record per block; null where the kernel has none).
 */
static int kmem_nodes_json(struct ms_session *sess, const struct ms_mm *mm)
{
	struct ms_record *rec = ms_record_create(), *nodes, *list;
	struct ms_error *err;

	nodes = ms_record_add_list(rec, "nodes");
	for (int ni = 0; ni < mm->nr_nodes; ni++) {
		const struct ms_mm_node *nd = &mm->nodes[ni];
		struct ms_record *n = ms_record_append_record(nodes), *zones;

		ms_record_add_s64(n, "node", nd->id);
		ms_record_add_u64(n, "spanned_pages", nd->spanned);
		ms_record_add_addr(n, "pgdat", nd->pgdat);
		ms_record_add_addr(n, "mem_map", nd->mem_map);
		ms_record_add_addr(n, "start_paddr", ms_mm_pfn_to_phys(mm, nd->start_pfn));
		ms_record_add_u64(n, "start_pfn", nd->start_pfn);
		zones = ms_record_add_list(n, "zones");
		for (int zi = 0; zi < nd->nr_zones; zi++) {
			const struct ms_mm_zone *z = &nd->zones[zi];
			struct ms_record *jz = ms_record_append_record(zones);

			kmem_zone_ident(jz, z);
			ms_record_add_u64(jz, "spanned_pages", z->spanned);
			ms_record_add_addr(jz, "mem_map", z->mem_map);
			ms_record_add_addr(jz, "start_paddr", ms_mm_pfn_to_phys(mm, z->start_pfn));
			ms_record_add_u64(jz, "start_pfn", z->start_pfn);
		}
	}
	if (!mm->sparsemem) {
		ms_record_add_null(rec, "sections");
		ms_record_add_null(rec, "memory_blocks");
		ms_emit(sess, rec, NULL, NULL);
		return 0;
	}
	list = ms_record_add_list(rec, "sections");
	err = ms_mm_sparse_sections(sess->prog, mm->page_struct_size, section_row, list);
	if (err) {
		ms_record_destroy(rec);
		return ms_cmd_fail(sess, err);
	}
	if (!ms_symbol_find(sess->prog, "memory_blocks")) {
		ms_record_add_null(rec, "memory_blocks");
	} else if (kmem_memory_blocks(sess, mm, ms_record_add_list(rec, "memory_blocks"))) {
		ms_record_destroy(rec);
		return -1;
	}
	ms_emit(sess, rec, NULL, NULL);
	return 0;
}
