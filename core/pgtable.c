/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pgtable.c - walking and following the dump's x86-64 page tables (see
 * pgtable.h).
 */
#include <inttypes.h>
#include <stdint.h>

#include "core/dump.h"
#include "core/error.h"
#include "core/output.h"
#include "core/pgtable.h"
#include "core/symbols.h"
#include "core/vmcoreinfo.h"

/* The architecture's bits of an entry (Intel SDM vol. 3, 4.5). */
#define PTE_PRESENT	(1ull << 0)
#define PTE_PSE		(1ull << 7)		/* a 1 GiB (PUD) or 2 MiB (PMD) page */
#define PTE_ADDR_MASK	0x000ffffffffff000ull	/* bits 12..51: the next table or page */
#define VA_BITS		48			/* 4-level paging */
#define LIN_MASK	((1ull << VA_BITS) - 1)

/* log2 of the bytes one entry of @level covers: 39, 30, 21, 12 */
static unsigned level_shift(int level)
{
	return 12 + 9 * (unsigned)(level - 1);
}

/* A 48-bit linear address made canonical: bit 47 copied upwards. */
static uint64_t canonical(uint64_t lin)
{
	return lin & (1ull << (VA_BITS - 1)) ? lin | ~LIN_MASK : lin;
}

const char *ms_pgtable_level_name(enum ms_pgtable_level level)
{
	switch (level) {
	case MS_PGT_PGD: return "PGD";
	case MS_PGT_PUD: return "PUD";
	case MS_PGT_PMD: return "PMD";
	case MS_PGT_PTE: return "PTE";
	}
	return "?";
}

/* What entry @e at @index of the @level table at @table means. */
static void decode(int level, uint64_t table, unsigned index, uint64_t e, uint64_t lin_base,
		   struct ms_pgtable_visit *v)
{
	uint64_t size = 1ull << level_shift(level);

	v->level = (enum ms_pgtable_level)level;
	v->table = table;
	v->index = index;
	v->entry = e;
	v->vaddr = canonical(lin_base);
	v->size = size;
	v->present = e & PTE_PRESENT;
	/* PS is reserved in a PGD entry: only PUDs and PMDs map large pages */
	v->leaf = v->present && (level == MS_PGT_PTE ||
				 ((level == MS_PGT_PUD || level == MS_PGT_PMD) && (e & PTE_PSE)));
	v->paddr = e & PTE_ADDR_MASK;
	if (v->leaf)
		v->paddr &= ~(size - 1);	/* a large page's frame; bit 12 is PAT there */
}

static struct ms_error *read_table(struct ms_program *prog, uint64_t pa, uint64_t *ent)
{
	return ms_readmem(prog, pa, MS_PHYSADDR, ent, MS_PGTABLE_ENTRIES * sizeof(*ent), "page table");
}

struct walk_state {
	struct ms_program *prog;
	const struct ms_pgtable_walk *w;
	uint64_t lin_start, lin_end;	/* [start, end) as 48-bit linear addresses */
	bool stopped;			/* the callback returned &ms_stop */
};

static struct ms_error *walk_table(struct walk_state *s, uint64_t table, int level, uint64_t lin_base)
{
	uint64_t ent[MS_PGTABLE_ENTRIES];
	unsigned shift = level_shift(level), i;
	struct ms_error *err;

	if (ms_interrupted())
		return &ms_interrupted_error;
	if ((err = read_table(s->prog, table, ent))) {
		if (!s->w->unreadable)
			return err;
		ms_error_destroy(err);
		(*s->w->unreadable)++;
		return NULL;
	}
	for (i = 0; i < MS_PGTABLE_ENTRIES; i++) {
		uint64_t base = lin_base + ((uint64_t)i << shift);
		struct ms_pgtable_visit v;
		bool descend;

		if (base + (1ull << shift) <= s->lin_start)
			continue;
		if (base >= s->lin_end)
			break;
		if (!(ent[i] & PTE_PRESENT))
			continue;
		decode(level, table, i, ent[i], base, &v);
		descend = !v.leaf;
		err = s->w->fn ? s->w->fn(&v, &descend, s->w->arg) : NULL;
		if (err == &ms_stop) {
			s->stopped = true;
			return NULL;
		}
		if (err)
			return err;
		if (v.leaf || !descend || level == MS_PGT_PTE)
			continue;
		err = walk_table(s, v.paddr, level - 1, base);
		if (err && err != &ms_interrupted_error && err->kind == MS_ERR_FAULT &&
		    err->address == v.paddr)
			err = ms_error_prepend(err, "%s table at %" PRIx64 " (entry %u of the %s table at %"
					       PRIx64 ")", ms_pgtable_level_name(level - 1), v.paddr, i,
					       ms_pgtable_level_name(level), table);
		if (err)
			return err;
		if (s->stopped)
			return NULL;
	}
	return NULL;
}

struct ms_error *ms_pgtable_walk(struct ms_program *prog, const struct ms_pgtable_walk *w)
{
	struct walk_state s = { prog, w, w->start & LIN_MASK, w->end ? w->end & LIN_MASK : 0, false };

	/* end 0, or the top of the canonical space, is the end of memory */
	if (!s.lin_end || (w->end && w->end - 1 == canonical(LIN_MASK)))
		s.lin_end = 1ull << VA_BITS;
	if (s.lin_start >= s.lin_end)
		return NULL;
	return walk_table(&s, w->root, MS_PGTABLE_LEVELS, 0);
}

struct ms_error *ms_pgtable_translate(struct ms_program *prog, uint64_t root, uint64_t vaddr,
				      ms_pgtable_fn *fn, void *arg, uint64_t *paddr_ret)
{
	uint64_t table = root, lin = vaddr & LIN_MASK;
	int level;

	if (canonical(lin) != vaddr)
		return ms_error_fault(MS_KVADDR, vaddr, "%" PRIx64 ": not a canonical address", vaddr);
	for (level = MS_PGTABLE_LEVELS; level >= MS_PGT_PTE; level--) {
		unsigned shift = level_shift(level);
		unsigned index = (unsigned)((lin >> shift) & (MS_PGTABLE_ENTRIES - 1));
		struct ms_pgtable_visit v;
		uint64_t e;
		bool descend = true;
		struct ms_error *err = ms_readmem(prog, table + index * 8ull, MS_PHYSADDR, &e, sizeof(e),
						  "page table");

		if (err)
			return ms_error_prepend(err, "%" PRIx64 ": %s table at %" PRIx64, vaddr,
						ms_pgtable_level_name(level), table);
		decode(level, table, index, e, lin & ~((1ull << shift) - 1), &v);
		if (fn && (err = fn(&v, &descend, arg)))
			return err == &ms_stop ? NULL : err;
		if (!v.present)
			return ms_error_fault(MS_KVADDR, vaddr, "%" PRIx64 ": not mapped: %s entry %u of the "
					      "table at %" PRIx64 " is not present", vaddr,
					      ms_pgtable_level_name(level), index, table);
		if (v.leaf) {
			*paddr_ret = v.paddr + (lin & (v.size - 1));
			return NULL;
		}
		table = v.paddr;
	}
	return NULL;	/* not reached: a PTE is a leaf when present */
}

struct ms_error *ms_pgtable_kernel_root(struct ms_program *prog, uint64_t *pa_ret)
{
	/* init_top_pgt since 4.13, init_level4_pgt before, swapper_pg_dir elsewhere */
	static const char *const names[] = { "init_top_pgt", "swapper_pg_dir", "init_level4_pgt", NULL };
	const struct ms_vmcoreinfo *vi = ms_dump_vmcoreinfo(prog);
	uint64_t root = 0;
	struct ms_error *err;
	int i;

	for (i = 0; names[i] && !root; i++) {
		err = ms_vmcoreinfo_symbol(vi, names[i], &root);
		if (err && !ms_error_catch(&err, MS_ERR_LOOKUP))
			return err;
	}
	for (i = 0; names[i] && !root; i++) {
		const struct ms_symbol *sym = ms_symbol_find(prog, names[i]);

		if (sym)
			root = sym->value;
	}
	if (!root)
		return ms_error_lookup("init_top_pgt", "the kernel's page table is not known: neither "
				       "VMCOREINFO nor the symbols name init_top_pgt or swapper_pg_dir");
	err = ms_kvtop(prog, root, pa_ret);
	return err ? ms_error_prepend(err, "the kernel's page table at %" PRIx64, root) : NULL;
}
