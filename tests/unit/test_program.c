/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_program.c - core on real dumps: two programs in one process, the
 * memory model, the free-list walk, per_cpu_ptr() and the page-table walker.
 *
 * The dumps are written by the mmscope under test ("mmscope gen", tiny and
 * numa) with their truth files, which refmm computes from its own state,
 * not by reading the dump; the debuginfo is that mmscope.  Oracles: the
 * truth files (zones, counters, every free block in list order, pages on
 * the per-cpu lists, the kernel's page table), libaddrxlat's translation
 * (ms_kvtop(), configured from VMCOREINFO alone) for the page-table walker,
 * and the direct map's definition (paddr = vaddr - PAGE_OFFSET).
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "core/dump.h"
#include "core/field.h"
#include "core/mm.h"
#include "core/percpu.h"
#include "core/pgtable.h"
#include "core/program.h"
#include "core/symbols.h"
#include "core/types.h"
#include "tests/unit/test_assert.h"

struct dump {
	const char *scenario;
	char path[4200];
	struct json_object *truth;
	struct ms_program *prog;
};

static char mmscope[4096];
static char tmpdir[4096];
static struct dump dumps[2] = { { .scenario = "tiny" }, { .scenario = "numa" } };

/* ---------------------------------------------------------------------- */
/* truth                                                                  */

static struct json_object *jget(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	if (!json_object_object_get_ex(o, key, &v))
		fail_msg("truth: no \"%s\"", key);
	return v;
}

static int64_t jint(struct json_object *o, const char *key)
{
	return json_object_get_int64(jget(o, key));
}

/* Addresses are strings "0x..." in the truth file. */
static uint64_t jaddr(struct json_object *o, const char *key)
{
	struct json_object *v = jget(o, key);

	if (json_object_is_type(v, json_type_string))
		return strtoull(json_object_get_string(v), NULL, 16);
	return (uint64_t)json_object_get_int64(v);
}

/* ---------------------------------------------------------------------- */
/* setup                                                                  */

static int group_setup(void **state)
{
	const char *b = getenv("top_builddir");
	const char *t = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	size_t i;

	(void)state;
	snprintf(mmscope, sizeof(mmscope), "%s/mmscope", b ? b : ".");
	snprintf(tmpdir, sizeof(tmpdir), "%s/test_program.XXXXXX", t);
	if (!mkdtemp(tmpdir))
		return -1;
	for (i = 0; i < 2; i++) {
		struct dump *d = &dumps[i];
		char cmd[9000], truth[4300];

		snprintf(d->path, sizeof(d->path), "%s/%s.vmcore", tmpdir, d->scenario);
		snprintf(cmd, sizeof(cmd), "'%s' gen --quiet --scenario %s -o '%s'", mmscope, d->scenario,
			 d->path);
		if (system(cmd) != 0)
			return -1;
		snprintf(truth, sizeof(truth), "%s.truth.json", d->path);
		d->truth = json_object_from_file(truth);
		if (!d->truth)
			return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		char p[4300];

		json_object_put(dumps[i].truth);
		unlink(dumps[i].path);
		snprintf(p, sizeof(p), "%s.truth.json", dumps[i].path);
		unlink(p);
	}
	rmdir(tmpdir);
	return 0;
}

/* Each test opens both programs afresh: nothing is shared between them. */
static int setup(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		assert_ms_ok(ms_program_create(&dumps[i].prog));
		assert_ms_ok(ms_program_open_dump(dumps[i].prog, dumps[i].path));
		assert_ms_ok(ms_program_open_debuginfo(dumps[i].prog, mmscope));
	}
	return 0;
}

static int teardown(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		ms_program_destroy(dumps[i].prog);
		dumps[i].prog = NULL;
	}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* two programs                                                           */

/* The zone of @d's truth for node @n's zone @k, or NULL when it has fewer. */
static struct json_object *truth_zone(struct dump *d, size_t n, size_t k)
{
	struct json_object *nodes = jget(d->truth, "nodes"), *zones;

	if (n >= json_object_array_length(nodes))
		return NULL;
	zones = jget(json_object_array_get_idx(nodes, n), "zones");
	return k < json_object_array_length(zones) ? json_object_array_get_idx(zones, k) : NULL;
}

/* One zone of @d against its truth: the model, then a member read afresh. */
static void check_zone(struct dump *d, size_t n, size_t k)
{
	struct json_object *tz = truth_zone(d, n, k), *wm, *fa;
	const struct ms_mm *mm;
	const struct ms_mm_zone *z;
	const struct ms_type *zone_t;
	uint64_t v;
	int o;

	if (!tz)
		return;
	assert_ms_ok(ms_mm(d->prog, MS_MM_ZONES, &mm));
	assert_true(n < (size_t)mm->nr_nodes);
	assert_true(k < (size_t)mm->nodes[n].nr_zones);
	z = &mm->nodes[n].zones[k];
	assert_string_equal(z->name, json_object_get_string(jget(tz, "name")));
	assert_int_equal(z->addr, jaddr(tz, "addr"));
	assert_int_equal(z->start_pfn, jint(tz, "start_pfn"));
	assert_int_equal(z->spanned, jint(tz, "spanned_pages"));
	assert_true(z->has_present && z->has_managed && z->has_free_pages && z->has_watermarks);
	assert_int_equal(z->present, jint(tz, "present_pages"));
	assert_int_equal(z->managed, jint(tz, "managed_pages"));
	assert_int_equal(z->free_pages, jint(tz, "free_pages"));
	wm = jget(tz, "watermark");
	assert_int_equal(z->watermark[0], jint(wm, "min"));
	assert_int_equal(z->watermark[1], jint(wm, "low"));
	assert_int_equal(z->watermark[2], jint(wm, "high"));
	fa = jget(tz, "free_area");
	for (o = 0; o < mm->max_order; o++)
		assert_int_equal(z->nr_free[o], jint(json_object_array_get_idx(fa, (size_t)o), "nr_free"));
	/* and through the accessor, straight from this program's dump */
	assert_ms_ok(ms_type_find(d->prog, "struct zone", &zone_t));
	assert_ms_ok(ms_member_read_u64(d->prog, zone_t, z->addr, "spanned_pages", &v));
	assert_int_equal(v, jint(tz, "spanned_pages"));
	assert_ms_ok(ms_member_read_u64(d->prog, zone_t, z->addr, "free_area[0].nr_free", &v));
	assert_int_equal(v, jint(json_object_array_get_idx(fa, 0), "nr_free"));
}

static void test_two_programs(void **state)
{
	struct dump *tiny = &dumps[0], *numa = &dumps[1];
	const struct ms_mm *a, *b;
	size_t n, k;

	(void)state;
	/* interleaved from the start: each program builds its own model */
	assert_ms_ok(ms_mm(tiny->prog, MS_MM_ZONES, &a));
	assert_ms_ok(ms_mm(numa->prog, MS_MM_ZONES, &b));
	assert_ptr_not_equal(a, b);
	assert_int_equal(a->nr_nodes, jint(tiny->truth, "nr_nodes"));
	assert_int_equal(b->nr_nodes, jint(numa->truth, "nr_nodes"));
	assert_int_equal(a->page_offset, jaddr(tiny->truth, "page_offset"));
	assert_int_equal(b->page_offset, jaddr(numa->truth, "page_offset"));
	assert_int_not_equal(a->max_pfn, b->max_pfn);	/* 64 MiB and 512 MiB */
	for (n = 0; n < 4; n++) {
		for (k = 0; k < 4; k++) {
			check_zone(tiny, n, k);
			check_zone(numa, n, k);
		}
	}
	/* a third program on the first dump agrees with it */
	{
		struct ms_program *again;
		const struct ms_mm *c;

		assert_ms_ok(ms_program_create(&again));
		assert_ms_ok(ms_program_open_dump(again, tiny->path));
		assert_ms_ok(ms_program_open_debuginfo(again, mmscope));
		assert_ms_ok(ms_mm(again, MS_MM_ZONES, &c));
		assert_int_equal(c->nodes[0].zones[1].free_pages, a->nodes[0].zones[1].free_pages);
		ms_program_destroy(again);
	}
	/* the first program still reads its own dump after the third is gone */
	check_zone(tiny, 0, 1);
}

/* ---------------------------------------------------------------------- */
/* the free lists and the per-cpu lists                                   */

/*
 * Every free block, list by list in walk order, against the truth file's
 * (refmm lists each free_list from its own list_head, in list order), and
 * the pages on the per-cpu lists, found through per_cpu_ptr().
 */
static void check_free_lists(struct dump *d)
{
	const struct ms_mm *mm;
	uint64_t checked = 0;
	size_t n, k;

	assert_ms_ok(ms_mm(d->prog, MS_MM_ZONES | MS_MM_PAGES, &mm));
	for (n = 0; n < (size_t)mm->nr_nodes; n++) {
		for (k = 0; k < (size_t)mm->nodes[n].nr_zones; k++) {
			const struct ms_mm_zone *z = &mm->nodes[n].zones[k];
			struct json_object *tz = truth_zone(d, n, k), *fa;
			struct ms_mm_zone_free zf;
			uint64_t pcp;
			size_t next = 0;
			int o, t;

			assert_non_null(tz);
			fa = jget(tz, "free_area");
			assert_ms_ok(ms_mm_zone_free_walk(d->prog, z, MS_MM_FREE_PAGES | MS_MM_FREE_BAD, 10, &zf));
			assert_false(zf.broken);
			assert_int_equal(zf.bad_entries, 0);
			assert_int_equal(zf.nevents, 0);
			assert_int_equal(zf.pages, jint(tz, "free_pages"));
			for (o = 0; o < mm->max_order; o++) {
				struct json_object *blocks = jget(json_object_array_get_idx(fa, (size_t)o), "blocks");

				for (t = 0; t < mm->nr_migratetypes; t++) {
					struct json_object *want = NULL;
					size_t i, len;

					if (!json_object_object_get_ex(blocks, mm->mt_names[t], &want)) {
						assert_int_equal(zf.blocks[o * mm->nr_migratetypes + t], 0);
						continue;
					}
					len = json_object_array_length(want);
					assert_int_equal(zf.blocks[o * mm->nr_migratetypes + t], len);
					for (i = 0; i < len; i++, next++) {
						uint64_t pfn;

						assert_true(next < zf.nlist);
						assert_ms_ok(ms_mm_page_to_pfn(d->prog, zf.list[next], &pfn, NULL));
						assert_int_equal(pfn, json_object_get_int64(
							json_object_array_get_idx(want, i)));
						checked++;
					}
				}
			}
			assert_int_equal(next, zf.nlist);
			ms_mm_zone_free_release(&zf);

			assert_ms_ok(ms_mm_pcp_walk(d->prog, z, NULL, NULL, &pcp));
			assert_int_equal(pcp, jint(tz, "pcp_pages"));
		}
	}
	assert_true(checked > 100);
}

static void test_free_lists(void **state)
{
	(void)state;
	check_free_lists(&dumps[0]);
	check_free_lists(&dumps[1]);
}

/* per_cpu_ptr() is the pointer plus __per_cpu_offset[cpu], which the dump holds. */
static void test_per_cpu_ptr(void **state)
{
	struct dump *d = &dumps[1];
	const struct ms_symbol *sym;
	int ncpus, cpu;

	(void)state;
	assert_ms_ok(ms_percpu_nr_cpus(d->prog, &ncpus));
	assert_int_equal(ncpus, jint(d->truth, "nr_cpus"));
	sym = ms_symbol_find(d->prog, "__per_cpu_offset");
	assert_non_null(sym);
	for (cpu = 0; cpu < ncpus; cpu++) {
		uint64_t off, p;

		assert_ms_ok(ms_read_u64(d->prog, sym->value + 8ull * (uint64_t)cpu, &off, "test"));
		assert_ms_ok(ms_per_cpu_ptr(d->prog, 0x1000, cpu, &p));
		assert_int_equal(p, 0x1000 + off);
	}
	assert_ms_err_msg(ms_per_cpu_ptr(d->prog, 0x1000, -1, &(uint64_t){ 0 }), MS_ERR_USAGE,
			  "invalid cpu number: -1");
	assert_ms_err(ms_per_cpu_ptr(d->prog, 0x1000, 1 << 20, &(uint64_t){ 0 }), MS_ERR_USAGE,
		      "invalid cpu number");
}

/* ---------------------------------------------------------------------- */
/* page tables                                                            */

struct pt_ctx {
	struct ms_program *prog;
	uint64_t page_offset, ram_end;
	uint64_t leaves, checked, direct_bytes, tables;
	uint64_t per_level[5];
	uint64_t last_vaddr;
	bool ordered;
};

static struct ms_error *pt_visit(const struct ms_pgtable_visit *v, bool *descend, void *arg)
{
	struct pt_ctx *c = arg;
	uint64_t pa;

	(void)descend;
	assert_true(v->present);
	assert_true(v->level >= MS_PGT_PTE && v->level <= MS_PGT_PGD);
	c->per_level[v->level]++;
	if (!v->leaf) {
		c->tables++;
		return NULL;
	}
	if (v->vaddr < c->last_vaddr)
		c->ordered = false;
	c->last_vaddr = v->vaddr;
	c->leaves++;
	/* the direct map is paddr = vaddr - PAGE_OFFSET, by definition */
	if (v->vaddr >= c->page_offset && v->vaddr < c->page_offset + c->ram_end) {
		assert_int_equal(v->paddr, v->vaddr - c->page_offset);
		c->direct_bytes += v->size;
	}
	/* libaddrxlat agrees, at both ends of the mapping (the first 64
	 * leaves, then every 7th) */
	if (c->leaves <= 64 || c->leaves % 7 == 1) {
		assert_ms_ok(ms_kvtop(c->prog, v->vaddr, &pa));
		assert_int_equal(pa, v->paddr);
		assert_ms_ok(ms_kvtop(c->prog, v->vaddr + v->size - 8, &pa));
		assert_int_equal(pa, v->paddr + v->size - 8);
		c->checked++;
	}
	return NULL;
}

struct levels {
	int n;
	enum ms_pgtable_level level[4];
};

static struct ms_error *count_levels(const struct ms_pgtable_visit *v, bool *descend, void *arg)
{
	struct levels *l = arg;

	(void)descend;
	if (l->n < 4)
		l->level[l->n] = v->level;
	l->n++;
	return NULL;
}

static struct ms_error *stop_third(const struct ms_pgtable_visit *v, bool *descend, void *arg)
{
	int *visits = arg;

	(void)v;
	(void)descend;
	return ++*visits == 3 ? &ms_stop : NULL;
}

static void test_pgtable(void **state)
{
	struct dump *d = &dumps[0];
	struct json_object *pgd = jget(d->truth, "pgd"), *img = jget(d->truth, "image");
	struct json_object *ram = jget(d->truth, "ram_ranges");
	struct pt_ctx c = { .prog = d->prog, .ordered = true };
	struct ms_pgtable_walk w = { .fn = pt_visit, .arg = &c };
	struct levels lv = { 0 };
	uint64_t pa, image = jaddr(img, "vaddr");

	(void)state;
	assert_ms_ok(ms_pgtable_kernel_root(d->prog, &w.root));
	assert_int_equal(w.root, jaddr(pgd, "paddr"));
	c.page_offset = jaddr(d->truth, "page_offset");
	c.ram_end = jaddr(json_object_array_get_idx(ram, json_object_array_length(ram) - 1), "end");
	assert_ms_ok(ms_pgtable_walk(d->prog, &w));
	assert_true(c.ordered);
	assert_true(c.checked > 10);
	/* a PGD entry is never a leaf: each present one is a table below */
	assert_true(c.per_level[MS_PGT_PGD] >= 1);
	assert_true(c.tables >= c.per_level[MS_PGT_PGD]);
	/* all of RAM up to its end is in the direct map */
	assert_true(c.direct_bytes >= c.ram_end);

	/* one address, level by level: the image is mapped and agrees with libaddrxlat */
	assert_ms_ok(ms_pgtable_translate(d->prog, w.root, image + 0x123, count_levels, &lv, &pa));
	assert_int_equal(pa, jaddr(img, "paddr") + 0x123);
	assert_true(lv.n >= 2 && lv.n <= 4);
	assert_int_equal(lv.level[0], MS_PGT_PGD);
	assert_int_equal(lv.level[1], MS_PGT_PUD);
	/* the page table itself, through its own mapping */
	assert_ms_ok(ms_pgtable_translate(d->prog, w.root, jaddr(pgd, "vaddr"), NULL, NULL, &pa));
	assert_int_equal(pa, jaddr(pgd, "paddr"));

	/* a range: only the direct map's first 4 MiB */
	memset(&c, 0, sizeof(c));
	c.prog = d->prog;
	c.ordered = true;
	c.page_offset = jaddr(d->truth, "page_offset");
	c.ram_end = 4ull << 20;
	w.start = c.page_offset;
	w.end = c.page_offset + (4ull << 20);
	assert_ms_ok(ms_pgtable_walk(d->prog, &w));
	assert_int_equal(c.direct_bytes, 4ull << 20);

	/* not mapped, and not canonical: FAULTs at the address */
	assert_ms_err(ms_pgtable_translate(d->prog, w.root, 0xffffff0000000000ull, NULL, NULL, &pa),
		      MS_ERR_FAULT, "ffffff0000000000: not mapped: PGD entry 510");
	assert_ms_err_msg(ms_pgtable_translate(d->prog, w.root, 0x0000900000000000ull, NULL, NULL, &pa),
			  MS_ERR_FAULT, "900000000000: not a canonical address");
	/* a callback's &ms_stop ends a walk early, successfully */
	{
		int visits = 0;
		struct ms_pgtable_walk sw = { .root = w.root, .fn = stop_third, .arg = &visits };

		assert_ms_ok(ms_pgtable_walk(d->prog, &sw));
		assert_int_equal(visits, 3);
	}
}

/* ---------------------------------------------------------------------- */
/* the dump's kernel alone                                                */

/* Where addr2line(1) puts the code at each address: one line per address. */
static char **addr2line_files(const uint64_t *addrs, size_t n)
{
	char in[4300], cmd[9000], line[4096];
	char **files = calloc(n, sizeof(*files));
	FILE *fp;
	size_t i;

	assert_non_null(files);
	snprintf(in, sizeof(in), "%s/addrs", tmpdir);
	fp = fopen(in, "w");
	assert_non_null(fp);
	for (i = 0; i < n; i++)
		fprintf(fp, "%" PRIx64 "\n", addrs[i]);
	fclose(fp);
	snprintf(cmd, sizeof(cmd), "addr2line -e '%s' < '%s'", mmscope, in);
	fp = popen(cmd, "r");
	assert_non_null(fp);
	for (i = 0; i < n && fgets(line, sizeof(line), fp); i++)
		files[i] = strdup(line);
	assert_int_equal(pclose(fp), 0);
	assert_int_equal(i, n);
	unlink(in);
	return files;
}

static bool is_text(char type)
{
	return type == 'T' || type == 't' || type == 'W';
}

/*
 * An mmscope debuginfo shows the kernel alone: its text symbols are refmm's
 * code and the others are not, by addr2line's account; a kernel type is
 * found, an inspector type, variable or function is not, until
 * ms_program_show_hidden().
 */
static void test_kernel_only(void **state)
{
	struct ms_program *prog = dumps[0].prog;
	const struct ms_symbol *s;
	const struct ms_type *t;
	uint64_t *addrs, addr;
	char **files;
	bool *shown;
	size_t n_all, n_kernel, i, k, text = 0;

	(void)state;
	assert_true(ms_program_kernel_only(prog));
	n_kernel = ms_symbol_count(prog);
	ms_program_show_hidden(prog, true);
	assert_false(ms_program_kernel_only(prog));
	n_all = ms_symbol_count(prog);
	assert_true(n_kernel > 100 && n_kernel < n_all);

	/* every text symbol, shown or not, against addr2line */
	addrs = calloc(n_all, sizeof(*addrs));
	shown = calloc(n_all, sizeof(*shown));
	assert_true(addrs && shown);
	for (i = 0; i < n_all; i++) {
		s = ms_symbol_at_index(prog, i);
		/* _sub_I_/_sub_D_: the sanitizers' constructor and destructor of
		 * every file, one name many times, nobody's symbol */
		if (!is_text(s->type) || !strncmp(s->name, "_sub_I_", 7) ||
		    !strncmp(s->name, "_sub_D_", 7))
			continue;
		addrs[text] = s->value;
		ms_program_show_hidden(prog, false);
		shown[text] = ms_symbol_find(prog, s->name) == NULL ? false :
			      ms_symbol_find(prog, s->name)->value == s->value;
		ms_program_show_hidden(prog, true);
		text++;
	}
	files = addr2line_files(addrs, text);
	for (i = 0, k = 0; i < text; i++) {
		bool refmm = strstr(files[i], "targets/refmm/") != NULL;
		bool inspector = strstr(files[i], "/core/") || strstr(files[i], "/cmd/");

		if (shown[i] && inspector)
			fail_msg("shown: %" PRIx64 " is the inspector's (%s)", addrs[i], files[i]);
		if (!shown[i] && refmm)
			fail_msg("hidden: %" PRIx64 " is refmm's (%s)", addrs[i], files[i]);
		k += shown[i];
		free(files[i]);
	}
	free(files);
	free(addrs);
	free(shown);
	assert_true(k > 50);

	/* names, either way */
	ms_program_show_hidden(prog, false);
	assert_null(ms_symbol_find(prog, "main"));
	assert_null(ms_symbol_find(prog, "ms_program_create"));
	assert_non_null(ms_symbol_find(prog, "__alloc_pages_nodemask"));
	assert_non_null(ms_symbol_find(prog, "node_data"));	/* in the image */
	assert_non_null(ms_symbol_find(prog, "__stop_kdata"));	/* the image's end */
	assert_ms_ok(ms_type_find(prog, "struct page", &t));
	assert_ms_err_msg(ms_type_find(prog, "struct ms_program", &t), MS_ERR_LOOKUP,
			  "No struct type named ms_program.");
	assert_ms_err(ms_variable_find(prog, "ms_fp", &t, &addr), MS_ERR_LOOKUP, "ms_fp");
	assert_ms_err(ms_function_find(prog, "ms_mm", &t, &addr), MS_ERR_LOOKUP, "ms_mm");
	assert_ms_ok(ms_function_find(prog, "free_one_page", &t, &addr));
	assert_non_null(ms_type_get(prog, "unsigned long"));	/* base types are everyone's */
	ms_program_show_hidden(prog, true);
	assert_non_null(ms_symbol_find(prog, "main"));
	assert_ms_ok(ms_type_find(prog, "struct ms_program", &t));
	assert_ms_ok(ms_variable_find(prog, "ms_fp", &t, &addr));
	ms_program_show_hidden(prog, false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_two_programs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_free_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_per_cpu_ptr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pgtable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kernel_only, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
