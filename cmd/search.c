/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * search.c - crash's "search": unsigned longs in kernel virtual memory (the
 * direct map of every present page and the vmalloc areas), in the
 * context's user space (through its page tables) or in physical memory.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/command.h"
#include "core/dump.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/pgtable.h"
#include "core/record.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/task.h"
#include "core/vma.h"
#include "core/vmalloc.h"

#define MAX_VALUES	16

static const struct ms_option search_options[] = {
	{ .letter = 'k', .arg = MS_OPT_NOARG, .help = "kernel virtual memory (the default)" },
	{ .letter = 'u', .arg = MS_OPT_NOARG, .help = "the user space of the context's task" },
	{ .letter = 'p', .arg = MS_OPT_NOARG, .help = "physical memory" },
	{ .letter = 's', .arg = MS_OPT_ARG, .argname = "start", .help = "start here (address or symbol)" },
	{ .letter = 'e', .arg = MS_OPT_ARG, .argname = "end", .help = "end before this address" },
	{ .letter = 'l', .arg = MS_OPT_ARG, .argname = "length", .help = "search this many bytes" },
	{ .letter = 'm', .arg = MS_OPT_ARG, .argname = "mask", .help = "ignore these bits when comparing" },
	{ 0 },
};

struct search {
	struct ms_session *sess;
	struct ms_program *prog;
	uint64_t values[MAX_VALUES];
	const char *tags[MAX_VALUES];	/* the symbol a value was given as, or NULL */
	int nvalues;
	uint64_t mask;
	uint64_t start, end;		/* bounds of the search, [start, end) */
	bool phys;
	struct ms_record *row;
	unsigned char *page;
	uint64_t page_size;
	uint64_t nr_bad;		/* damaged vmalloc areas said */
};

static void hit_text(struct ms_session *sess, const struct ms_record *r, void *arg)
{
	const char *tag = ms_record_get_str(r, "symbol", NULL);

	(void)sess;
	(void)arg;
	fprintf(ms_fp, "%" PRIx64 ": %" PRIx64 " %s%s%s\n", ms_record_get_u64(r, "address", 0),
		ms_record_get_u64(r, "value", 0), tag ? "(" : "", tag ? tag : "", tag ? ")" : "");
}

/* search the page whose bytes are s->page and whose first byte is at @p base */
static void search_page(struct search *s, uint64_t base, uint64_t from, uint64_t to)
{
	for (uint64_t off = from; off + 8 <= to; off += 8) {
		uint64_t w;

		memcpy(&w, s->page + off, 8);
		for (int i = 0; i < s->nvalues; i++) {
			if ((w & ~s->mask) != (s->values[i] & ~s->mask))
				continue;
			ms_record_reset(s->row);
			ms_record_add_addr(s->row, "address", base + off);
			ms_record_add_addr(s->row, "value", w);
			if (s->tags[i])
				ms_record_add_str(s->row, "symbol", s->tags[i]);
			ms_emit_row(s->sess, s->row, hit_text, NULL);
			break;
		}
	}
}

/* [va, va_end) mapped at physical @p pa page by page: search what lies in bounds */
static struct ms_error *search_range(struct search *s, uint64_t va, uint64_t pa)
{
	uint64_t lo = va, hi = va + s->page_size;
	struct ms_error *err;

	if (hi <= s->start || lo >= s->end)
		return NULL;
	if (ms_interrupted())
		return &ms_interrupted_error;
	err = ms_readmem(s->prog, pa, MS_PHYSADDR, s->page, s->page_size, "search page");
	if (err) {	/* a page the dump does not have (excluded): skipped, as crash does */
		ms_error_destroy(err);
		return NULL;
	}
	search_page(s, va, lo < s->start ? s->start - lo : 0, hi > s->end ? s->end - lo : s->page_size);
	return NULL;
}

static struct ms_error *pt_cb(const struct ms_pgtable_visit *v, bool *descend, void *arg)
{
	struct search *s = arg;
	struct ms_error *err;

	(void)descend;
	if (!v->leaf)
		return NULL;
	for (uint64_t off = 0; off < v->size; off += s->page_size)
		if ((err = search_range(s, v->vaddr + off, v->paddr + off)))
			return err;
	return NULL;
}

static struct ms_error *area_cb(const struct ms_vm_area *a, void *arg)
{
	struct search *s = arg;
	uint64_t root;
	struct ms_error *err;
	struct ms_pgtable_walk w = { 0, a->addr, a->addr + a->size, pt_cb, s, NULL };

	if (a->problem[0]) {	/* a damaged vm_struct: the range its vmap_area has */
		w.start = a->va_start;
		w.end = a->va_end;
	}
	if (w.end <= s->start || w.start >= s->end)
		return NULL;
	if (a->problem[0]) {
		ms_cmd_error(s->sess, "vmap_area %" PRIx64 ": %s", a->vmap_area, a->problem);
		s->nr_bad++;
	}
	if ((err = ms_pgtable_kernel_root(s->prog, &root)))
		return err;
	w.root = root;
	return ms_pgtable_walk(s->prog, &w);
}

static struct ms_error *vma_cb(const struct ms_vma *v, void *arg)
{
	struct search *s = arg;
	const struct ms_task *t = ms_task_context(s->prog);
	uint64_t root;
	struct ms_error *err;
	struct ms_pgtable_walk w = { 0, v->start, v->end, pt_cb, s, NULL };

	if (v->end <= s->start || v->start >= s->end)
		return NULL;
	if ((err = ms_kvtop(s->prog, t->pgd, &root)))
		return err;
	w.root = root;
	return ms_pgtable_walk(s->prog, &w);
}

static int cmd_search_handler(struct ms_session *sess, int argc, char **argv)
{
	struct search s = { .sess = sess, .prog = sess->prog, .start = 0, .end = UINT64_MAX };
	const struct ms_mm *mm;
	const struct ms_task *t;
	struct ms_error *err = NULL;
	unsigned long long v, len = 0;
	int c, space = 'k';
	bool have_len = false, have_end = false;

	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		switch (c) {
		case 'k':
		case 'u':
		case 'p':
			space = c;
			break;
		case 's':
		case 'e':
		case 'l':
		case 'm':
			if ((err = c == 'l' ? ms_parse_addr(optarg, &v) : ms_parse_addr_or_symbol(sess->prog, optarg, &v)))
				return ms_cmd_fail(sess, err);
			if (c == 's')
				s.start = v;
			else if (c == 'e')
				s.end = v, have_end = true;
			else if (c == 'l')
				len = v, have_len = true;
			else
				s.mask = v;
			break;
		default:
			return ms_cmd_usage(sess, NULL);
		}
	}
	if (optind == argc)
		return ms_cmd_usage(sess, NULL);
	if (have_end && !s.end)
		return ms_cmd_error(sess, "invalid ending address: 0");
	if (have_len)
		s.end = s.start + len;
	if (s.start & 7) {
		s.start &= ~7ULL;
		ms_note(sess, "rounding down start address to: %" PRIx64, s.start);
	}
	for (int i = optind; i < argc; i++) {
		if (s.nvalues == MAX_VALUES)
			return ms_cmd_error(sess, "too many search values (at most %d)", MAX_VALUES);
		if ((err = ms_parse_addr_or_symbol(sess->prog, argv[i], &v)))
			return ms_cmd_fail(sess, err);
		s.tags[s.nvalues] = ms_is_addr(argv[i]) ? NULL : argv[i];
		s.values[s.nvalues++] = v;
	}
	if ((err = ms_mm(sess->prog, MS_MM_ZONES, &mm)))
		return ms_cmd_fail(sess, err);
	s.page_size = mm->page_size;
	if (!(s.page = malloc(s.page_size)) || !(s.row = ms_record_create())) {
		free(s.page);
		return ms_cmd_fail(sess, &ms_enomem);
	}
	if (space == 'p') {
		for (uint64_t pfn = s.start >> mm->page_shift; pfn < mm->max_pfn && !err; pfn++) {
			uint64_t pa = pfn << mm->page_shift;

			if (pa >= s.end)
				break;
			err = search_range(&s, pa, pa);
		}
	} else if (space == 'u') {
		t = ms_task_context(sess->prog);
		if (!t || !t->mm)
			err = ms_error_usage("no current user process");
		else
			err = ms_vma_walk(sess->prog, t->mm, vma_cb, &s);
	} else {
		/* the direct map of every present page, then the vmalloc areas */
		for (uint64_t pfn = 0; pfn < mm->max_pfn && !err; pfn++) {
			uint64_t pa = pfn << mm->page_shift;

			if (mm->page_offset + pa + s.page_size <= s.start)
				continue;
			if (mm->page_offset + pa >= s.end)
				break;
			err = search_range(&s, mm->page_offset + pa, pa);
		}
		if (!err)
			err = ms_vm_area_walk(sess->prog, area_cb, &s);
	}
	free(s.page);
	ms_record_destroy(s.row);
	if (err)
		return ms_cmd_fail(sess, err);
	return s.nr_bad ? -1 : 0;
}

const struct ms_command cmd_search = {
	.name = "search",
	.handler = cmd_search_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.summary = "search memory",
	.synopsis = "search [-s start] [-k | -u | -p] [-e end | -l length] [-m mask] value ...",
	.options = search_options,
	.help =
"  Searches memory for unsigned long values (8 bytes, 8-byte aligned) and\n"
"  prints each hit as \"address: value\", with the symbol in parentheses\n"
"  when the value was given as one.  Pages the dump does not hold are\n"
"  skipped.\n"
"\n"
"    -k  kernel virtual memory (the default): the direct map of every\n"
"        page, then each vmalloc area through the kernel's page tables.\n"
"    -u  the user space of the context's task (set), VMA by VMA through\n"
"        its page tables.\n"
"    -p  physical memory.\n"
"    -s start  where to start (an address or a symbol); rounded down to\n"
"        8 bytes.\n"
"    -e end  where to stop; -l length  how many bytes.\n"
"    -m mask  bits set in mask are ignored when comparing.\n"
"\n"
"  JSON: a stream of {address, value, symbol}.\n"
"\n"
"EXAMPLES\n"
"    mmscope> search -p -e 100000 0\n",
};
