/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kmem_map.c - kmem -M: a picture of physical memory.
 *
 * One character per run of pages, the run's most common class: free (in a
 * buddy block, or on a per-cpu list), slab, user (anonymous, mapped or on an
 * LRU), page tables (found by walking the kernel's page tables from the
 * VMCOREINFO root), reserved/image, other.  The width follows the terminal
 * (COLUMNS, else the tty's size, else 80); the run length is the smallest
 * power of two that keeps a node within MAX_ROWS lines.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd/kmem.h"
#include "core/dump.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/pgtable.h"
#include "core/session.h"
#include "core/symbols.h"

#define MAX_ROWS 32

enum mclass { MC_FREE, MC_SLAB, MC_USER, MC_PGTABLE, MC_RESERVED, MC_OTHER, MC_NR };

static const char mc_char[MC_NR] = { '.', 'S', 'U', 'P', 'R', 'o' };
static const char *const mc_name[MC_NR] = { "free", "slab", "user", "page tables",
	"reserved/image", "other" };

struct map_ctx {
	struct ms_program *prog;
	const struct ms_mm *mm;
	uint8_t *ptbits;		/* page-table pages, one bit per pfn */
	uint8_t *pcpbits;		/* pages free on per-cpu lists */
	int last_class;			/* class of the last page with references */
	uint64_t free_until;		/* end of the buddy block being crossed */
	int compound_class;		/* class of the last compound head, for its tails */
	uint64_t start_pfn, pages_per_cell, ncells;
	uint32_t (*cells)[MC_NR];
	uint64_t totals[MC_NR];
};

static int term_width(void)
{
	const char *c = getenv("COLUMNS");
	struct winsize ws;

	if (c && atoi(c) > 20)
		return atoi(c);
	if (isatty(fileno(ms_fp)) && ioctl(fileno(ms_fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		return ws.ws_col;
	return 80;
}

static void mark_pt(struct map_ctx *c, uint64_t pa)
{
	uint64_t pfn = pa >> c->mm->page_shift;

	if (pfn < c->mm->max_pfn)
		c->ptbits[pfn / 8] |= (uint8_t)(1u << (pfn % 8));
}

/*
 * A table entry: the table it points to is a page-table page.  Below a PMD
 * there are only PTE tables, whose entries map pages: no need to read them.
 * A table beyond the end of memory is not followed (it is not in the dump).
 */
static struct ms_error *mark_table(const struct ms_pgtable_visit *v, bool *descend, void *arg)
{
	struct map_ctx *c = arg;

	if (v->leaf)
		return NULL;
	if ((v->paddr >> c->mm->page_shift) >= c->mm->max_pfn) {
		*descend = false;
		return NULL;
	}
	mark_pt(c, v->paddr);
	if (v->level == MS_PGT_PMD)
		*descend = false;
	return NULL;
}

/* Mark the pages of the kernel's page tables; without a root there are none to show. */
static void find_page_tables(struct map_ctx *c)
{
	uint64_t unreadable = 0;
	struct ms_pgtable_walk w = { .fn = mark_table, .arg = c, .unreadable = &unreadable };
	struct ms_error *err = ms_pgtable_kernel_root(c->prog, &w.root);

	if (!err) {
		mark_pt(c, w.root);
		err = ms_pgtable_walk(c->prog, &w);
	}
	ms_error_destroy(err);
}

static struct ms_error *mark_pcp(uint64_t page, int cpu, int mt, void *arg)
{
	struct map_ctx *c = arg;
	uint64_t pfn;
	struct ms_error *err = ms_mm_page_to_pfn(c->prog, page, &pfn, NULL);

	(void)cpu;
	(void)mt;
	if (!err && pfn < c->mm->max_pfn)
		c->pcpbits[pfn / 8] |= (uint8_t)(1u << (pfn % 8));
	ms_error_destroy(err);	/* not a page of mem_map: nothing to mark */
	return NULL;
}

static int classify(struct map_ctx *c, const struct ms_mm_page *pg)
{
	const struct ms_mm *mm = c->mm;
	bool buddy = ms_mm_page_is_buddy(mm, pg->flags, pg->mapcount);
	int cl;

	if (buddy && pg->private_ < 64)
		c->free_until = pg->pfn + (1ull << pg->private_);
	if (pg->pfn < c->free_until)
		return MC_FREE;
	if ((c->pcpbits[pg->pfn / 8] >> (pg->pfn % 8)) & 1)
		return MC_FREE;
	if (pg->pfn / 8 < (mm->max_pfn + 7) / 8 && (c->ptbits[pg->pfn / 8] >> (pg->pfn % 8)) & 1)
		return MC_PGTABLE;
	if (ms_mm_flag(pg->flags, mm->pg_reserved) ||
	    (pg->pfn >= mm->image_start_pfn && pg->pfn < mm->image_end_pfn))
		return MC_RESERVED;
	if (ms_mm_flag(pg->flags, mm->pg_tail))
		return c->compound_class;
	if (ms_mm_flag(pg->flags, mm->pg_slab))
		cl = MC_SLAB;
	else if ((pg->mapping & 1) || pg->mapcount >= 0 || ms_mm_flag(pg->flags, mm->pgf_lru) ||
		 ms_mm_flag(pg->flags, mm->pg_swapbacked))
		cl = MC_USER;
	else if (pg->count == 0)
		/* no references of its own: the rest of a multi-page allocation
		 * made without __GFP_COMP, which the page before tells */
		return c->last_class;
	else
		cl = MC_OTHER;
	if (ms_mm_flag(pg->flags, mm->pg_compound_head))
		c->compound_class = cl;
	c->last_class = cl;
	return cl;
}

static struct ms_error *map_page(const struct ms_mm_page *pg, void *arg)
{
	struct map_ctx *c = arg;
	int cl = classify(c, pg);
	uint64_t cell = (pg->pfn - c->start_pfn) / c->pages_per_cell;

	if (cell < c->ncells)
		c->cells[cell][cl]++;
	c->totals[cl]++;
	return NULL;
}

static void human(char *buf, size_t sz, uint64_t bytes)
{
	ms_format_memsize(buf, sz, bytes);
}

int kmem_map(struct ms_session *sess)
{
	struct ms_program *prog = sess->prog;
	const struct ms_mm *mm;
	struct map_ctx c;
	int width, prefix, cols, ni, k;
	uint64_t all[MC_NR] = { 0 };
	char b1[64], b2[64], b3[64];
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES | MS_MM_PAGES, &mm);

	if (err)
		return ms_cmd_fail(sess, err);
	memset(&c, 0, sizeof(c));
	c.prog = prog;
	c.mm = mm;
	c.ptbits = calloc((size_t)(mm->max_pfn + 7) / 8 + 1, 1);
	if (!c.ptbits)
		return ms_cmd_error(sess, "out of memory");
	find_page_tables(&c);
	c.pcpbits = calloc((size_t)(mm->max_pfn + 7) / 8 + 1, 1);
	if (!c.pcpbits) {
		free(c.ptbits);
		return ms_cmd_error(sess, "out of memory");
	}
	/* pages on per-cpu lists are free too; a dump without pagesets has none */
	for (ni = 0; ni < mm->nr_nodes; ni++)
		for (k = 0; k < mm->nodes[ni].nr_zones; k++)
			ms_error_destroy(ms_mm_pcp_walk(prog, &mm->nodes[ni].zones[k], mark_pcp, &c, NULL));
	width = term_width();
	prefix = ms_mm_hex_digits(mm->max_pfn << mm->page_shift);
	if (prefix < 4)
		prefix = 4;
	cols = width - prefix - 2;
	if (cols < 8)
		cols = 8;

	for (ni = 0; ni < mm->nr_nodes; ni++) {
		const struct ms_mm_node *nd = &mm->nodes[ni];
		uint64_t ppc = 1, rows, cell, r;

		if (!nd->spanned)
			continue;
		while ((nd->spanned + ppc * (uint64_t)cols - 1) / (ppc * (uint64_t)cols) > MAX_ROWS)
			ppc <<= 1;
		c.start_pfn = nd->start_pfn;
		c.pages_per_cell = ppc;
		c.ncells = (nd->spanned + ppc - 1) / ppc;
		c.free_until = 0;
		c.compound_class = MC_OTHER;
		c.last_class = MC_OTHER;
		memset(c.totals, 0, sizeof(c.totals));
		c.cells = calloc(c.ncells, sizeof(*c.cells));
		if (!c.cells) {
			free(c.ptbits);
			free(c.pcpbits);
			return ms_cmd_error(sess, "out of memory");
		}
		err = ms_mm_pages_walk(prog, nd->start_pfn, nd->start_pfn + nd->spanned, map_page, &c, NULL);
		if (err) {
			free(c.cells);
			free(c.ptbits);
			free(c.pcpbits);
			return ms_cmd_fail(sess, err);
		}
		human(b1, sizeof(b1), nd->spanned * mm->page_size);
		human(b2, sizeof(b2), ppc * mm->page_size);
		human(b3, sizeof(b3), ppc * (uint64_t)cols * mm->page_size);
		fprintf(ms_fp, "%sNODE %d: pfn %" PRIu64 "-%" PRIu64 " (%s), 1 char = %" PRIu64
			" page%s (%s), 1 line = %s\n", ni ? "\n" : "", nd->id, nd->start_pfn,
			nd->start_pfn + nd->spanned - 1, b1, ppc, ppc > 1 ? "s" : "", b2, b3);
		rows = (c.ncells + (uint64_t)cols - 1) / (uint64_t)cols;
		for (r = 0; r < rows; r++) {
			fprintf(ms_fp, "%*" PRIx64 " ", prefix,
				ms_mm_pfn_to_phys(mm, nd->start_pfn + r * (uint64_t)cols * ppc));
			for (cell = r * (uint64_t)cols; cell < (r + 1) * (uint64_t)cols && cell < c.ncells;
			     cell++) {
				int best = -1;
				uint32_t bestn = 0;
				for (k = 0; k < MC_NR; k++)
					if (c.cells[cell][k] > bestn) {
						bestn = c.cells[cell][k];
						best = k;
					}
				fputc(best < 0 ? ' ' : mc_char[best], ms_fp);
			}
			fputc('\n', ms_fp);
		}
		for (k = 0; k < MC_NR; k++)
			all[k] += c.totals[k];
		free(c.cells);
		c.cells = NULL;
	}
	/* the legend, wrapped at the width: "c name: N pages (size)" per class */
	fprintf(ms_fp, "\nLEGEND (each character shows the most common class of its pages):\n");
	{
		int col = 0;
		for (k = 0; k < MC_NR; k++) {
			char item[128];
			int len;

			human(b1, sizeof(b1), all[k] * mm->page_size);
			len = snprintf(item, sizeof(item), "%c %s: %" PRIu64 " pages (%s)", mc_char[k],
				       mc_name[k], all[k], b1);
			if (col && col + 3 + len > width) {
				fprintf(ms_fp, "\n");
				col = 0;
			}
			fprintf(ms_fp, "%s%s", col ? "   " : "  ", item);
			col += (col ? 3 : 2) + len;
		}
		fprintf(ms_fp, "\n");
	}
	if (mm->buddy_rule == MS_MM_BUDDY_UNKNOWN)
		ms_note(sess, "free blocks not shown: %s", MS_MM_BUDDY_UNKNOWN_NOTE);
	free(c.ptbits);
	free(c.pcpbits);
	return 0;
}
