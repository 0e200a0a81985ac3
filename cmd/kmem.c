/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kmem.c - crash's kmem: the option rules and kmem ADDR.  The free lists
 * (-f, -F, -f ADDR) live in kmem_free.c, page structs (-p, -m, -g) in
 * kmem_page.c, -i, -z and -n in kmem_info.c and the memory picture -M in
 * kmem_map.c.  Everything is read through core/mm (DWARF member names),
 * never through a target header.  kmem -i prints SHARED, walking every
 * page struct, as crash 8.0.2 does (crash 8.0.3 and later only with
 * -i=shared, which is accepted too).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/kmem.h"
#include "core/command.h"
#include "core/dump.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/percpu.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"
#include "core/symbols.h"

/* ---------------------------------------------------------------------- */
/* kmem ADDR                                                              */

/* kmem ADDR's keys: each step's, null where it found nothing or did not run */
static const char *const identify_keys[] = {
	"symbol", "vmalloc", "user", "slab", "page_table", "free_block", "page",
};

/*
 * As crash's kmem_search(): a physical address (-P, or a plain number below
 * the end of memory) names no symbol, vmalloc area or user page; its slab
 * object is looked up at its direct-map address, then the free block and
 * page as for any other address.  With @p j (JSON), each step adds its key
 * to @p j rather than printing; what goes wrong is said as in text.
 */
static int kmem_identify(struct ms_session *sess, const struct ms_mm_addr *ka, bool phys,
			 struct ms_record *j)
{
	struct ms_program *prog = sess->prog;
	const struct ms_symbol *sym;
	const struct ms_mm *mm;
	uint64_t off = 0, vaddr = ka->addr;
	int printed = 0, rc, bad = 0;	/* bad: damage said on the way */
	struct ms_error *err;

	if (ka->kind == MS_MM_ADDR_PHYS) {
		phys = true;
		if (!ms_error_ok(ms_mm(prog, MS_MM_ZONES, &mm)))
			return ms_cmd_error(sess, "%" PRIx64 ": physical address not found in mem map",
					    ka->addr);
		vaddr = ms_mm_pfn_to_kvaddr(mm, ka->pfn) + ka->inner;
	}
	if (j) {
		ms_record_add_addr(j, "address", ka->addr);
		ms_record_add_bool(j, "physical", phys);
	}
	if (!phys && (sym = ms_symbol_containing(prog, ka->addr, &off))) {
		if (j) {
			struct ms_record *r = ms_record_add_record(j, "symbol");
			char type[2] = { sym->type, 0 };

			ms_record_add_str(r, "name", sym->name);
			ms_record_add_str(r, "type", type);
			ms_record_add_addr(r, "value", ka->addr - off);
			ms_record_add_u64(r, "offset", off);
		} else if (off) {
			fprintf(ms_fp, "%" PRIx64 " (%c) %s+%" PRIu64 "\n\n", ka->addr, sym->type,
				sym->name, off);
		} else {
			fprintf(ms_fp, "%" PRIx64 " (%c) %s\n\n", ka->addr, sym->type, sym->name);
		}
		printed = 1;
	}
	if (!phys) {	/* a vmalloc address: its area and caller */
		bool found;

		bad = kmem_vmalloc_identify(sess, ka->addr, j, &found) < 0;
		printed |= found;
	}
	if (ka->kind == MS_MM_ADDR_NONE && !phys) {	/* a user address of the context's task */
		bool found;

		rc = kmem_user_identify(sess, ka->addr, j, &found);
		if (found)
			return bad ? -1 : rc;
		bad |= rc < 0;	/* its VMA list is damaged: said */
	}
	if (ka->kind != MS_MM_ADDR_NONE) {
		int found;

		/* damage met on the way is said; the free lists and the page
		 * are still looked at */
		if (kmem_slab_identify(sess, vaddr, false, j, &found))
			bad = 1;
		if (found && !j)
			fprintf(ms_fp, "\n");
	}
	if (ka->kind == MS_MM_ADDR_NONE) {
		if (printed)
			return bad ? -1 : 0;
		return ms_cmd_error(sess, "%" PRIx64 ": %s address not found in mem map", ka->addr,
				    phys ? "physical" : "kernel virtual");
	}
	{	/* a page that holds a page table */
		bool found;

		kmem_pgtable_identify(sess, ka->addr, ka->pfn, j, &found);
	}
	err = kmem_free_search(prog, ka, true, j ? ms_record_add_record(j, "free_block") : NULL, &rc);
	if (err && err->kind == MS_ERR_CORRUPT) {
		ms_cmd_fail(sess, err);	/* said; the page is still shown */
		bad = 1;
	} else if (err) {
		return ms_cmd_fail(sess, err);
	}
	if (j)
		return kmem_page_record(sess, ka, ms_record_add_record(j, "page")) | (bad ? -1 : 0);
	if (rc > 0)
		fprintf(ms_fp, "\n");
	rc = kmem_pages(sess, (struct ms_mm_addr *)ka, 1, false);
	return bad ? -1 : rc;
}

/* ---------------------------------------------------------------------- */
/* the modes                                                              */

/* What the option parsing found, for the mode that runs. */
struct kmem_args {
	bool phys;			/* -P: the addresses are physical */
	const char *members;		/* -m member[,member] */
	int sort_key;			/* -k key: kmem_slab_sort_key(), -1 */
	bool callers;			/* -U */
	int naddr;
	char **words;			/* the address words as typed */
	struct ms_mm_addr *addrs;	/* and resolved */
};

/* KMEM_ flags of a mode */
#define KMEM_JSON	(1u << 0)	/* has a JSON rendering */
#define KMEM_ADDRS	(1u << 1)	/* takes address arguments */
#define KMEM_EXTRA	(1u << 2)	/* combines with a main mode (-z, -n) */
#define KMEM_NO_MM	(1u << 3)	/* needs no memory model (-g) */
#define KMEM_WORDS	(1u << 4)	/* takes its words as they are: a name or an address (-s) */

struct kmem_mode {
	char letter;			/* 0: "kmem ADDRESS" */
	int (*run)(struct ms_session *sess, const struct kmem_args *a);
	unsigned flags;
};

static int not_found(struct ms_session *sess, const struct kmem_args *a, int k)
{
	return ms_cmd_error(sess, "%" PRIx64 ": %s address not found in mem map", a->addrs[k].addr,
			    a->phys ? "physical" : "kernel virtual");
}

/*
 * kmem -f ADDR...: crash separates the addresses' outputs by a blank line,
 * printed whether or not the one before found anything.
 */
static int mode_f(struct ms_session *sess, const struct kmem_args *a)
{
	struct ms_record *rec = NULL, *list = NULL;
	int rc = 0;

	if (!a->naddr)
		return kmem_free(sess, false, ms_json(sess));
	if (ms_json(sess)) {	/* one document: a record per address */
		rec = ms_record_create();
		list = ms_record_add_list(rec, "addresses");
	}
	for (int k = 0; k < a->naddr; k++) {
		int found;
		struct ms_error *err;

		if (k && !list)
			fputc('\n', ms_fp);
		if (a->addrs[k].kind == MS_MM_ADDR_NONE) {
			rc |= not_found(sess, a, k);
			continue;
		}
		err = kmem_free_search(sess->prog, &a->addrs[k], false,
				       list ? ms_record_append_record(list) : NULL, &found);
		if (err)
			rc |= ms_cmd_fail(sess, err);
	}
	if (rec && !rc)
		ms_emit(sess, rec, NULL, NULL);
	else if (rec)
		ms_record_destroy(rec);
	return rc;
}

/* kmem -F: no addresses (the mode table refuses them, as crash does) */
static int mode_F(struct ms_session *sess, const struct kmem_args *a)
{
	(void)a;
	return kmem_free(sess, true, ms_json(sess));
}

/*
 * crash's is_page_ptr() takes a struct page address only when it is the
 * start of one: any other address inside mem_map is a kernel virtual
 * address like the rest, translated (kvtop) to the page that holds it.
 */
static void page_ptr_unaligned(struct ms_program *prog, struct ms_mm_addr *ka)
{
	const struct ms_mm *mm;
	uint64_t pa, page;
	struct ms_error *err;

	if (ka->kind != MS_MM_ADDR_PAGE || !ka->inner || !ms_error_ok(ms_mm(prog, MS_MM_ZONES, &mm)))
		return;
	if (ms_mm_is_directmap(prog, ka->addr)) {
		pa = ka->addr - mm->page_offset;
	} else if ((err = ms_kvtop(prog, ka->addr, &pa))) {
		ms_error_destroy(err);
		ka->kind = MS_MM_ADDR_NONE;
		return;
	}
	if ((err = ms_mm_pfn_to_page(prog, pa >> mm->page_shift, &page))) {
		ms_error_destroy(err);
		ka->kind = MS_MM_ADDR_NONE;
		return;
	}
	ka->kind = MS_MM_ADDR_KVADDR;
	ka->pfn = pa >> mm->page_shift;
	ka->page = page;
	ka->inner = pa & (mm->page_size - 1);
}

static int mode_p(struct ms_session *sess, const struct kmem_args *a)
{
	int good = 0, rc = 0;

	for (int k = 0; k < a->naddr; k++)
		page_ptr_unaligned(sess->prog, &a->addrs[k]);
	for (int k = 0; k < a->naddr; k++) {
		if (a->addrs[k].kind == MS_MM_ADDR_NONE)
			rc |= not_found(sess, a, k);
		else
			good++;
	}
	if (!a->naddr || good)
		rc |= kmem_pages(sess, a->addrs, a->naddr, ms_json(sess));
	return rc;
}

static int mode_m(struct ms_session *sess, const struct kmem_args *a)
{
	int rc = 0;

	for (int k = 0; k < a->naddr; k++)
		if (a->addrs[k].kind == MS_MM_ADDR_NONE)
			rc |= not_found(sess, a, k);
	return rc | kmem_members(sess, a->members, a->addrs, a->naddr);
}

static int mode_g(struct ms_session *sess, const struct kmem_args *a)
{
	if (a->naddr > 1)
		return ms_cmd_usage(sess, NULL);
	return kmem_flags(sess, a->naddr ? a->words[0] : NULL);
}

static int mode_i(struct ms_session *sess, const struct kmem_args *a)
{
	(void)a;	/* SHARED is always there, as in crash 8.0.2: -i=shared is -i */
	return kmem_info(sess, true);
}

static int mode_z(struct ms_session *sess, const struct kmem_args *a)
{
	(void)a;
	return kmem_zones(sess);
}

static int mode_n(struct ms_session *sess, const struct kmem_args *a)
{
	(void)a;
	return kmem_nodes(sess);
}

static int mode_M(struct ms_session *sess, const struct kmem_args *a)
{
	(void)a;
	return kmem_map(sess);
}

/* crash's text of -o: "PER-CPU OFFSET VALUES:", then "%7s: %lx" a CPU. */
static void offsets_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	const struct ms_record *cpus = ms_record_get(rec, "cpus")->rec;

	(void)sess;
	(void)arg;
	fprintf(ms_fp, "PER-CPU OFFSET VALUES:\n");
	for (size_t i = 0; i < cpus->nr_fields; i++) {
		const struct ms_record *c = cpus->fields[i].rec;
		char name[32];

		snprintf(name, sizeof(name), "CPU %" PRId64, ms_record_get_s64(c, "cpu", 0));
		fprintf(ms_fp, "%7s: %" PRIx64 "\n", name, ms_record_get_u64(c, "offset", 0));
	}
}

/* kmem -o: __per_cpu_offset[] of every possible CPU. */
static int mode_h(struct ms_session *sess, const struct kmem_args *a)
{
	(void)a;
	return kmem_hstates(sess);
}

static int mode_o(struct ms_session *sess, const struct kmem_args *a)
{
	struct ms_record *rec, *cpus;
	struct ms_error *err;
	int n;

	(void)a;
	if ((err = ms_percpu_nr_cpus(sess->prog, &n)))
		return ms_cmd_fail(sess, err);
	rec = ms_record_create();
	cpus = ms_record_add_list(rec, "cpus");
	for (int c = 0; c < n; c++) {
		struct ms_record *r;
		uint64_t off;

		if ((err = ms_percpu_offset(sess->prog, c, &off))) {
			ms_record_destroy(rec);
			return ms_cmd_fail(sess, err);
		}
		r = ms_record_append_record(cpus);
		ms_record_add_s64(r, "cpu", c);
		ms_record_add_addr(r, "offset", off);
	}
	ms_emit(sess, rec, offsets_text, NULL);
	return 0;
}

static int mode_v(struct ms_session *sess, const struct kmem_args *a)
{
	uint64_t addrs[64];
	int n = a->naddr < 64 ? a->naddr : 64;

	for (int k = 0; k < n; k++)
		addrs[k] = a->addrs[k].addr;
	return kmem_vmlist(sess, addrs, n);
}

static int mode_V(struct ms_session *sess, const struct kmem_args *a)
{
	(void)a;
	return kmem_vm_stat(sess);
}

/* -s and -S: the words are a cache name, "list", or one address */
static int run_slab(struct ms_session *sess, const struct kmem_args *a, bool verbose)
{
	struct kmem_slab_opts so = { .verbose = verbose, .sort_key = a->sort_key,
				     .callers = a->callers };

	for (int k = 0; k < a->naddr; k++) {
		const char *w = a->words[k];
		unsigned long long v;
		struct ms_error *err;

		if (so.name || so.has_addr || so.list)
			return ms_cmd_error(sess, "only one kmem_cache reference is allowed");
		if (!strcmp(w, "list")) {
			so.list = true;
			continue;
		}
		err = ms_parse_addr(w, &v);
		if (err) {
			ms_error_destroy(err);
			so.name = w;
		} else {
			so.has_addr = true;
			so.addr = v;
		}
	}
	if (so.callers && !so.name)
		return ms_cmd_error(sess, "-U needs a cache name: kmem -s NAME -U");
	return kmem_slab(sess, &so);
}

static int mode_s(struct ms_session *sess, const struct kmem_args *a)
{
	return run_slab(sess, a, false);
}

static int mode_S(struct ms_session *sess, const struct kmem_args *a)
{
	return run_slab(sess, a, true);
}

/*
 * kmem ADDR...: in JSON, one document, {"addresses": [...]}, a record per
 * address as typed (as kmem -f ADDR), with every key of identify_keys[].
 */
static int mode_addr(struct ms_session *sess, const struct kmem_args *a)
{
	struct ms_record *rec = NULL, *list = NULL;
	int rc = 0;

	if (ms_json(sess)) {
		rec = ms_record_create();
		list = ms_record_add_list(rec, "addresses");
	}
	for (int k = 0; k < a->naddr && !ms_interrupted(); k++) {
		struct ms_record *j = list ? ms_record_append_record(list) : NULL;

		rc |= kmem_identify(sess, &a->addrs[k], a->phys, j);
		if (!j)
			continue;
		if (!ms_record_has(j, "address")) {
			ms_record_add_addr(j, "address", a->addrs[k].addr);
			ms_record_add_bool(j, "physical", a->phys || a->addrs[k].kind == MS_MM_ADDR_PHYS);
		}
		for (size_t i = 0; i < sizeof(identify_keys) / sizeof(identify_keys[0]); i++)
			if (!ms_record_get(j, identify_keys[i]))
				ms_record_add_null(j, identify_keys[i]);
	}
	if (rec)
		ms_emit(sess, rec, NULL, NULL);
	return rc;
}

/*
 * One entry per mode, in the order they run when combined (-z and -n run
 * before the main mode, as crash prints them).  A mode whose run is NULL is
 * crash's but not this kmem's.
 */
static const struct kmem_mode kmem_modes[] = {
	{ 'z', mode_z, KMEM_JSON | KMEM_EXTRA },
	{ 'n', mode_n, KMEM_JSON | KMEM_EXTRA },
	{ 'f', mode_f, KMEM_JSON | KMEM_ADDRS },
	{ 'F', mode_F, KMEM_JSON },
	{ 'p', mode_p, KMEM_JSON | KMEM_ADDRS },
	{ 'm', mode_m, KMEM_ADDRS },
	{ 'g', mode_g, KMEM_JSON | KMEM_ADDRS | KMEM_NO_MM },
	{ 'i', mode_i, KMEM_JSON },
	{ 'M', mode_M, 0 },
	{ 's', mode_s, KMEM_JSON | KMEM_ADDRS | KMEM_WORDS },
	{ 'S', mode_S, KMEM_JSON | KMEM_ADDRS | KMEM_WORDS },
	{ 'r', NULL, 0 }, { 'v', mode_v, KMEM_JSON | KMEM_ADDRS },
	{ 'V', mode_V, KMEM_JSON }, { 'c', NULL, 0 }, { 'C', NULL, 0 }, { 'o', mode_o, KMEM_JSON | KMEM_NO_MM },
	{ 'h', mode_h, KMEM_JSON },
	{ 0, mode_addr, KMEM_JSON | KMEM_ADDRS },
};

#define NR_MODES (sizeof(kmem_modes) / sizeof(kmem_modes[0]))

static const struct kmem_mode *find_mode(int letter)
{
	for (size_t i = 0; i < NR_MODES; i++)
		if (kmem_modes[i].letter == letter)
			return &kmem_modes[i];
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* the command                                                            */

static int cmd_kmem_handler(struct ms_session *sess, int argc, char **argv)
{
	bool chosen[NR_MODES] = { false };
	const struct kmem_mode *main_mode = NULL, *m;
	struct kmem_args a = { .sort_key = -1 };
	int mainflags = 0, c, k, rc = 0, njson = 0, nmodes = 0;

	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		switch (c) {
		case 'P':
			a.phys = true;
			continue;
		case 'I':
			continue;
		case 'i':
			if (optarg && strcmp(optarg, "=shared"))
				return ms_cmd_usage(sess, NULL);
			break;
		case 'm':
			a.members = optarg;
			break;
		case 'k':
			a.sort_key = kmem_slab_sort_key(optarg);
			if (a.sort_key < 0)
				return ms_cmd_error(sess, "-k: unknown key \"%s\" (cache, objsize, "
						    "allocated, total, slabs, ssize, name, bytes)", optarg);
			continue;
		case 'U':
			a.callers = true;
			continue;
		case '?':
			return ms_cmd_usage(sess, NULL);
		}
		if (!(m = find_mode(c)))
			return ms_cmd_usage(sess, NULL);
		chosen[m - kmem_modes] = true;
		if (!(m->flags & KMEM_EXTRA)) {
			main_mode = m;
			mainflags++;
		}
	}
	if (mainflags > 1) {
		ms_cmd_error(sess, "only one flag allowed!");
		return ms_cmd_usage(sess, NULL);
	}
	a.naddr = argc - optind;
	a.words = argv + optind;
	for (k = 0; k < (int)NR_MODES; k++)
		nmodes += chosen[k];
	if (!nmodes && !a.naddr)
		return ms_cmd_usage(sess, NULL);
	if (main_mode && !main_mode->run)
		return ms_cmd_error(sess, "-%c: not supported by this version of kmem", main_mode->letter);
	if (!main_mode && !nmodes)
		main_mode = find_mode(0);	/* kmem ADDRESS */
	/* addresses go to the main mode; with -g the word is its flags */
	if (a.naddr && !(main_mode && main_mode->letter == 'g')) {
		for (k = 0; k < (int)NR_MODES; k++) {
			if ((chosen[k] || &kmem_modes[k] == main_mode) &&
			    !(kmem_modes[k].flags & KMEM_ADDRS)) {
				ms_cmd_error(sess, "no address arguments allowed with this option");
				return ms_cmd_usage(sess, NULL);
			}
		}
	}
	if (ms_json(sess)) {
		for (k = 0; k < (int)NR_MODES; k++) {
			if (!chosen[k] && &kmem_modes[k] != main_mode)
				continue;
			if (!(kmem_modes[k].flags & KMEM_JSON))
				return sess->cmd_usage = true, kmem_modes[k].letter ?
					ms_cmd_error(sess, "-%c: no JSON output: run it with \"set output text\"",
						     kmem_modes[k].letter) :
					ms_cmd_error(sess, "no JSON output for addresses: run it with "
						     "\"set output text\"");
			njson++;
		}
		if (njson > 1)
			return sess->cmd_usage = true, ms_cmd_error(sess, "one mode at a time with JSON output");
	}
	if ((a.sort_key >= 0 || a.callers) && !(main_mode && main_mode->letter == 's')) {
		ms_cmd_error(sess, "-k and -U go with -s");
		return ms_cmd_usage(sess, NULL);
	}
	if (main_mode && (main_mode->flags & KMEM_NO_MM))
		return main_mode->run(sess, &a);
	if (main_mode && (main_mode->flags & KMEM_WORDS)) {
		for (k = 0; k < (int)NR_MODES; k++)
			if (chosen[k] && (kmem_modes[k].flags & KMEM_EXTRA))
				rc |= kmem_modes[k].run(sess, &a);
		rc |= main_mode->run(sess, &a);
		return rc && !ms_interrupted() ? -1 : 0;
	}
	{
		const struct ms_mm *mm;
		struct ms_error *err = ms_mm(sess->prog, MS_MM_ZONES, &mm);

		if (err)
			return ms_cmd_fail(sess, err);
	}
	if (a.naddr) {
		a.addrs = calloc((size_t)a.naddr, sizeof(*a.addrs));
		if (!a.addrs)
			return ms_cmd_error(sess, "out of memory");
		for (k = 0; k < a.naddr; k++) {
			unsigned long long v;
			struct ms_error *err = ms_parse_addr(a.words[k], &v);

			if (err) {
				/* a word that is not hex would be a slab name: -s only */
				ms_cmd_error(sess, "%s", err->message);
				ms_error_destroy(err);
				free(a.addrs);
				return ms_cmd_usage(sess, NULL);
			}
			ms_mm_resolve(sess->prog, v, a.phys, &a.addrs[k]);
		}
	}
	for (k = 0; k < (int)NR_MODES; k++)
		if (chosen[k] && (kmem_modes[k].flags & KMEM_EXTRA))
			rc |= kmem_modes[k].run(sess, &a);
	if (main_mode)
		rc |= main_mode->run(sess, &a);
	free(a.addrs);
	/* stopped by ^C or by the reader of a pipe going away ("| head"):
	 * what was wanted was printed, the command did not fail */
	if (rc && ms_interrupted())
		return 0;
	return rc ? -1 : 0;
}

static const struct ms_option kmem_options[] = {
	{ .letter = 'f', .arg = MS_OPT_NOARG, .help = "the free lists of every zone, verified against the counters" },
	{ .letter = 'F', .arg = MS_OPT_NOARG, .help = "same as -f, listing the first page of every free block" },
	{ .letter = 'p', .arg = MS_OPT_NOARG, .help = "the page structs of mem_map, or of the addresses given" },
	{ .letter = 'm', .arg = MS_OPT_ARG, .argname = "member[,member]", .help = "like -p, with the named struct page members", .complete = MS_COMPLETE_MEMBER, .type = "struct page" },
	{ .letter = 'g', .arg = MS_OPT_NOARG, .help = "the enum pageflags bits, or decode a flags value" },
	{ .letter = 'i', .arg = MS_OPT_OPTARG, .argname = "=shared", .help = "memory usage, as /proc/meminfo" },
	{ .letter = 'z', .arg = MS_OPT_NOARG, .help = "per-zone statistics and watermarks" },
	{ .letter = 'n', .arg = MS_OPT_NOARG, .help = "memory nodes, their zones and mem_map" },
	{ .letter = 'M', .arg = MS_OPT_NOARG, .help = "a picture of physical memory" },
	{ .letter = 'o', .arg = MS_OPT_NOARG, .help = "the per-CPU offsets (__per_cpu_offset[])" },
	{ .letter = 'P', .arg = MS_OPT_NOARG, .help = "the address that follows is physical" },
	{ .letter = 's', .arg = MS_OPT_NOARG, .help = "slab caches: allocated, total, slabs; or the cache or object named" },
	{ .letter = 'S', .arg = MS_OPT_NOARG, .help = "as -s, with every slab and object, freelists, red zones and poison checked" },
	{ .letter = 'k', .arg = MS_OPT_ARG, .argname = "key", .help = "with -s: sort the caches by cache, objsize, allocated, total, slabs, ssize, bytes or name" },
	{ .letter = 'U', .arg = MS_OPT_NOARG, .help = "with -s name: the live objects by allocating caller (SLAB_STORE_USER)" },
	{ .letter = 'v', .arg = MS_OPT_NOARG, .help = "the vmalloc areas (vmap_area_list)" },
	{ .letter = 'V', .arg = MS_OPT_NOARG, .help = "the vm_stat counters" },
	/* crash's, answered "not supported" */
	{ .letter = 'r', .arg = MS_OPT_NOARG },
	{ .letter = 'c', .arg = MS_OPT_NOARG },
	{ .letter = 'C', .arg = MS_OPT_NOARG }, { .letter = 'h', .arg = MS_OPT_NOARG },
	{ .letter = 'I', .arg = MS_OPT_ARG, .argname = "slab[,slab]" },
	{ 0 },
};

const struct ms_command cmd_kmem = {
	.name = "kmem",
	.handler = cmd_kmem_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.summary = "kernel memory: free areas, page structs, zones, memory usage",
	.synopsis = "kmem [-f|-F|-c|-C|-i[=shared]|-v|-V|-n|-z|-o|-h|-M] [-p | -m member[,member]]\n"
		    "     [[-s|-S|-S=cpu[s]|-r] [slab] [-I slab[,slab]]] [-g [flags]] [[-P] address]]",
	.help =
"  This command displays information about the use of kernel memory, read\n"
"  from the dump through the debuginfo's DWARF (struct page, struct zone,\n"
"  enum pageflags ...).\n"
"\n"
"        -f  displays the contents of the buddy free-area lists of every zone\n"
"            of every node and verifies the total against the zones' counters.\n"
"        -F  same as -f, but also lists the first page struct of every free block.\n"
"   -f addr  shows whether the page holding addr is in a free block, and which.\n"
"        -p  displays basic information about every page struct in mem_map:\n"
"            page, physical address, mapping, index, reference count, flags.\n"
"   -p addr  the page struct(s) of the given addresses only.\n"
"  -m member[,member]  like -p, but prints the named struct page members\n"
"            (list_head as next,prev; pointers in full; flags in hex;\n"
"            atomic counters in decimal; other integers in the radix).\n"
"        -g  displays the enum pageflags bits; -g flags decodes a flags value.\n"
"        -i  displays general memory usage information (as /proc/meminfo),\n"
"            SHARED included (walks every page struct), as crash 8.0.2;\n"
"            -i=shared, crash 8.0.3's way to ask for it, is the same.\n"
"            BUFFERS is the block devices' page cache (all_bdevs), CACHED\n"
"            the file pages less swap cache and buffers, TOTAL HUGE and HUGE\n"
"            FREE the hugetlb pages of every hstate (0 without hugetlbfs).\n"
"        -z  displays per-zone statistics and watermarks.\n"
"        -n  displays memory nodes, their zones and mem_map; with SPARSEMEM,\n"
"            the memory sections, and the memory blocks (the memory_blocks\n"
"            XArray: name, physical range, node, state, first section).\n"
"        -M  draws a picture of physical memory, one character per run of\n"
"            pages (free, slab, user, page tables, reserved/image, other),\n"
"            sized to the terminal width (COLUMNS), with a legend and scale.\n"
"        -o  displays each CPU's offset of per-CPU data (__per_cpu_offset[]).\n"
"        -h  displays the hugetlb page sizes (hstates[]): each one's hstate\n"
"            address, page size, free and total huge pages, and name.\n"
"        -s  displays basic information about every slab cache: its kmem_cache\n"
"            address, object size (SLAB: kmem_cache.size, SLUB: object_size),\n"
"            allocated objects, total objects, slabs and slab size.  SLAB or\n"
"            SLUB is told from the dump's DWARF.  Objects in SLAB's per-CPU,\n"
"            shared and alien array caches, and on a SLUB CPU's freelist,\n"
"            count as free, as crash counts them.\n"
"   -s name  the cache called name (or whose kmem_cache address is given);\n"
"            -s list prints each cache's address and name.\n"
"   -s addr  the cache, slab and object holding addr.\n"
"        -S  as -s, then every slab of each cache and its objects: free ones,\n"
"            [allocated] ones (with SLAB_STORE_USER, \"last user: func+off\"),\n"
"            and those in an array cache, \"(cpu N cache)\", \"(shared cache)\"\n"
"            or \"(alien cache)\".  -S also checks every slab's freelist\n"
"            and, on a CONFIG_DEBUG_SLAB kernel, red zones and poison.\n"
"            SLUB, as crash prints it: each CPU's kmem_cache_cpu, its slab\n"
"            and partial slabs with their objects (free ones on a CPU's slab\n"
"            \"(cpu N cache)\"), each node's kmem_cache_node and partial list,\n"
"            and its full list where the kernel keeps one (SLAB_STORE_USER).\n"
"    -k key  with -s: every cache, sorted by cache, objsize, allocated,\n"
"            total, slabs, ssize, bytes (biggest first) or name.\n"
"        -U  with -s name: the cache's allocated objects grouped by their\n"
"            last user (SLAB_STORE_USER caches): caller, objects, bytes.\n"
"            While walking, -s and -S report, with the cache, slab and object\n"
"            addresses, what does not add up and go on: -s, as crash's, a\n"
"            broken slab list, a slab on the wrong list for its active\n"
"            count, counters that disagree, array entries that are no\n"
"            object or on two lists, and the freelists of the slabs with\n"
"            objects in arrays; -S also every freelist (an index out of\n"
"            range, an object on it twice, a SLUB free pointer out of its\n"
"            slab or met twice, a list that loops).\n"
"        -P  the address that follows is physical.\n"
"        -v  displays the vmalloc areas: each vmap_area with a vm_struct, its\n"
"            range (guard page included) and size in bytes; JSON adds each\n"
"            area's caller and the total.\n"
"   -v addr  the area holding addr.\n"
"            An area, or its vm_struct, that is a free slab object (a use\n"
"            after free), an area out of address order, or a vm_struct\n"
"            that disagrees with its area is named (the area still listed)\n"
"            and the command fails.\n"
"        -V  displays the vm_stat counters, named by enum zone_stat_item;\n"
"            where the kernel splits them, the zone and node counters and\n"
"            the vm_event_states summed over the CPUs, as crash prints them.\n"
"   address  a page struct address, a kernel virtual address (direct map,\n"
"            image) or a physical address (with -P, or a plain number below\n"
"            the end of memory): shows the symbol, the vmalloc area holding\n"
"            it and the area's caller, the slab object holding it, whether\n"
"            its page holds a page table (the kernel's or which mm's, at\n"
"            which level), the free block holding it and its page struct.\n"
"            A user address of the context's task (set) shows the task,\n"
"            its VMA and the page.  A physical address, as in crash, names\n"
"            no symbol, vmalloc area or user address; its slab object is\n"
"            looked up at its direct-map address.  Damage met on the way\n"
"            is said and the command fails but goes on: a broken free list\n"
"            or bad entry of the zone, page flags that cannot be right, the\n"
"            problems of the slab holding it (as -S finds them).  -i says\n"
"            the free lists' damage as -f does and counts a zone whose lists\n"
"            break by its NR_FREE_PAGES.\n"
"\n"
"  With --json or \"set output json\", -f, -F, -p, -i, -z, -o, -h, -s, -S,\n"
"  -v, -V, -g, -n and addresses print JSON (one mode at a time); -m and -M\n"
"  refuse it.  kmem ADDRESS...: \"addresses\", a record per address as\n"
"  given, with \"address\", \"physical\" and what each step found (null\n"
"  where nothing): \"symbol\" (name, type, value, offset), \"vmalloc\" (the\n"
"  area as -v, its caller), \"user\" (pid, task, cpu, comm, mm, \"vma\",\n"
"  \"mapped\", \"physical\"), \"slab\" (the cache as -s, \"slab\", \"object\",\n"
"  \"state\"), \"page_table\" (\"level\", \"kernel\" or \"mm\" and \"pid\",\n"
"  \"parent\"), \"free_block\" (as -f ADDR; \"per_cpu_list\" with its \"cpu\"\n"
"  and \"migratetype\") and \"page\" (the -p record).\n"
"  -h: \"hstates\", each with \"address\", \"order\", \"size\" (bytes),\n"
"  \"free\", \"total\" (huge pages) and \"name\".\n"
"  -g: \"bits\", a record per PG_ bit (\"name\", \"bit\", \"value\"), and with a\n"
"  flags value \"flags\" and only the bits it has.  -n: \"nodes\" (each with\n"
"  its \"zones\"), \"sections\" and \"memory_blocks\" (null where the kernel\n"
"  has none).  A zone record (-f, -F, -z, -n) names its zone by \"node\",\n"
"  \"zone\", \"zone_index\" and \"address\" (the struct zone).\n"
"  A counter this kernel does not have is \"not available\" (JSON null),\n"
"  never a zero.  A free page is told by PG_buddy, else by _mapcount equal\n"
"  to VMCOREINFO's NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE); without either, -f, -F\n"
"  and -M say in a NOTE what they could not check.\n"
"\n"
"  The synopsis is crash's: -r, -I (slab caches), -c and -C are\n"
"  accepted and answered \"not supported by this version of kmem\".\n"
"\n"
"  EXAMPLES\n"
"    mmscope> kmem -f\n"
"    mmscope> kmem -p 200000100000\n"
"    mmscope> kmem -g 400\n"
"    mmscope> kmem -s -k total | head\n"
"    mmscope> kmem -s dentry -U\n"
"    mmscope> kmem -f | grep nr_free_pages\n",
	.options = kmem_options,
};
