// SPDX-License-Identifier: GPL-2.0-only
/*
 * scenario_pages.c - the page-level scenario steps: alloc, fill, free,
 * storm, write, cpu, drain, check, and panic.
 *
 * Allocations are kept in named handles (a list of blocks: page + order).
 * A handle that is never freed holds its pages to the end of the run:
 * those are the long-lived pages of a fragmentation pattern.
 */
/* Kernel headers first: their compiler.h owns __always_inline. */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/numa.h>
#include <linux/vmstat.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "refmm/machine.h"
#include "refmm/scn_steps.h"
#include "refmm/slab.h"
#include "refmm/utsname.h"

void crash_kexec(void);

struct scn_block {
	struct page *page;
	unsigned int order;
};

struct scn_handle {
	char *name;
	struct scn_block *v;
	size_t n, cap;
};

struct scn_run {
	struct scn_handle *h;
	size_t nr, cap;
};

void *scn_grow(struct scn_ctx *c, void *v, size_t n, size_t *cap, size_t size)
{
	size_t want = *cap ? 2 * *cap : 16;
	void *p;

	if (n < *cap)
		return v;
	p = realloc(v, want * size);
	if (!p) {
		scn_error(c, NULL, "out of memory");
		return NULL;
	}
	*cap = want;
	return p;
}

struct scn_run *scn_run_create(void)
{
	return calloc(1, sizeof(struct scn_run));
}

/* Only the bookkeeping goes: the pages stay allocated for the dump. */
void scn_run_destroy(struct scn_run *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nr; i++) {
		free(r->h[i].name);
		free(r->h[i].v);
	}
	free(r->h);
	free(r);
}

static struct scn_handle *handle_get(struct scn_ctx *c, const char *name, int create)
{
	void *n;
	struct scn_run *r = c->run;
	struct scn_handle *h;

	for (size_t i = 0; i < r->nr; i++)
		if (!strcmp(r->h[i].name, name))
			return &r->h[i];
	if (!create) {
		scn_error(c, name, "no such handle (nothing was allocated under this name)");
		return NULL;
	}
	n = scn_grow(c, r->h, r->nr, &r->cap, sizeof(*r->h));
	if (!n)
		return NULL;
	r->h = n;
	h = &r->h[r->nr];
	memset(h, 0, sizeof *h);
	h->name = strdup(name);
	if (!h->name) {
		scn_error(c, NULL, "out of memory");
		return NULL;
	}
	r->nr++;
	return h;
}

static int handle_add(struct scn_ctx *c, struct scn_handle *h, struct page *page,
		      unsigned int order)
{
	void *n = scn_grow(c, h->v, h->n, &h->cap, sizeof(*h->v));

	if (!n)
		return -1;
	h->v = n;
	h->v[h->n].page = page;
	h->v[h->n].order = order;
	h->n++;
	return 0;
}

/* ---- random numbers: splitmix64, one stream per step ---- */

uint64_t scn_rnd_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t scn_step_seed(struct scn_ctx *c)
{
	uint64_t s = scn_arg_num(c, "seed", 0, 0, UINT64_MAX);

	if (!s)
		s = c->seed * 0x100000001b3ULL + (uint64_t)c->step->line;
	return s;
}

/* ---- GFP flags and migratetypes ---- */

struct gfp_name {
	const char *name;
	gfp_t flags;
};

#define G(x) { #x, x }
static const struct gfp_name gfp_names[] = {
	G(GFP_KERNEL), G(GFP_ATOMIC), G(GFP_NOWAIT), G(GFP_NOIO), G(GFP_NOFS),
	G(GFP_USER), G(GFP_HIGHUSER), G(GFP_HIGHUSER_MOVABLE), G(GFP_DMA), G(GFP_DMA32),
	G(__GFP_DMA), G(__GFP_DMA32), G(__GFP_HIGHMEM), G(__GFP_MOVABLE),
	G(__GFP_RECLAIMABLE), G(__GFP_ZERO), G(__GFP_COMP), G(__GFP_NOWARN),
	G(__GFP_NORETRY), G(__GFP_NOFAIL), G(__GFP_HIGH), G(__GFP_WAIT), G(__GFP_IO),
	G(__GFP_FS), G(__GFP_REPEAT), G(__GFP_COLD), G(__GFP_THISNODE), G(__GFP_HARDWALL),
	G(__GFP_MEMALLOC), G(__GFP_NOMEMALLOC),
};
#undef G

/* "GFP_KERNEL|__GFP_ZERO" (or a number).  -1 and an error naming the word. */
int scn_parse_gfp(struct scn_ctx *c, const char *word, const char *v, gfp_t *ret)
{
	char buf[256], *tok, *save;

	*ret = 0;
	snprintf(buf, sizeof buf, "%s", v);
	for (tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		size_t i;

		for (i = 0; i < sizeof gfp_names / sizeof gfp_names[0]; i++)
			if (!strcmp(gfp_names[i].name, tok)) {
				*ret |= gfp_names[i].flags;
				break;
			}
		if (i < sizeof gfp_names / sizeof gfp_names[0])
			continue;
		if (tok[0] == '0' && tok[1] == 'x') {
			*ret |= (gfp_t)strtoul(tok, NULL, 16);
			continue;
		}
		scn_error(c, word, "unknown GFP flag \"%s\"", tok);
		return -1;
	}
	return 0;
}

/* The gfp= and mt= options of a step.  At parse time too. */
gfp_t scn_step_gfp(struct scn_ctx *c, const char *def)
{
	const char *v = scn_arg_str(c, "gfp", def);
	const char *mt = scn_arg_str(c, "mt", NULL);
	gfp_t gfp = 0;

	if (scn_parse_gfp(c, v, v, &gfp) < 0)
		return 0;
	if (mt) {
		gfp &= ~(gfp_t)(__GFP_MOVABLE | __GFP_RECLAIMABLE);
		if (!strcasecmp(mt, "Movable"))
			gfp |= __GFP_MOVABLE;
		else if (!strcasecmp(mt, "Reclaimable"))
			gfp |= __GFP_RECLAIMABLE;
		else if (strcasecmp(mt, "Unmovable"))
			scn_error(c, mt, "migratetype must be Unmovable, Movable or Reclaimable");
	}
	return gfp;
}

int scn_check_name(struct scn_ctx *c, const char *name)
{
	if (!name)
		return -1;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' ||
		      (p != name && ((*p >= '0' && *p <= '9') || *p == '-' || *p == '.')))) {
			scn_error(c, name, "a handle name is letters, digits, _ - . (not starting with a digit)");
			return -1;
		}
	return 0;
}

int scn_step_node(struct scn_ctx *c)
{
	return (int)scn_arg_num(c, "node", (uint64_t)-1, 0, MAX_NUMNODES - 1);
}

int scn_node_ok(struct scn_ctx *c, int nid)
{
	if (nid >= 0 && !node_online(nid)) {
		scn_error(c, c->step->argv[0], "node %d is not online (the machine has %d node%s)",
			  nid, refmm_config()->nr_nodes,
			  refmm_config()->nr_nodes == 1 ? "" : "s");
		return 0;
	}
	return 1;
}

uint64_t scn_step_count(struct scn_ctx *c, uint64_t max)
{
	return scn_arg_num(c, "count", 1, 1, max);
}

int scn_step_fail_ok(struct scn_ctx *c)
{
	return !strcmp(scn_arg_str(c, "fail", "error"), "ok");
}

void scn_check_fail(struct scn_ctx *c)
{
	const char *fail = scn_arg_str(c, "fail", "error");

	if (strcmp(fail, "error") && strcmp(fail, "ok"))
		scn_error(c, fail, "fail= must be error or ok");
}

static struct page *do_alloc(int nid, gfp_t gfp, unsigned int order)
{
	if (nid >= 0)
		return alloc_pages_node(nid, gfp, order);
	return alloc_pages(gfp, order);
}

/* ---- alloc NAME [order=N] [gfp=F] [mt=T] [node=N] [count=N] [fail=ok] ---- */

void scn_check_alloc(struct scn_ctx *c)
{
	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	scn_arg_num(c, "order", 0, 0, MAX_ORDER - 1);
	scn_step_count(c, 1ULL << 32);
	scn_step_gfp(c, "GFP_KERNEL");
	scn_step_node(c);
	scn_check_fail(c);
}

void scn_run_alloc(struct scn_ctx *c)
{
	struct scn_handle *h = handle_get(c, scn_arg_pos(c, 0, NULL), 1);
	unsigned int order = (unsigned int)scn_arg_num(c, "order", 0, 0, MAX_ORDER - 1);
	uint64_t count = scn_step_count(c, 1ULL << 32);
	int fail_ok = scn_step_fail_ok(c);
	gfp_t gfp = scn_step_gfp(c, "GFP_KERNEL");
	int nid = scn_step_node(c);

	if (!h || !scn_node_ok(c, nid))
		return;
	if (fail_ok)
		gfp |= __GFP_NOWARN;
	for (uint64_t i = 0; i < count; i++) {
		struct page *page = do_alloc(nid, gfp, order);

		if (!page) {
			if (!fail_ok)
				scn_error(c, c->step->argv[0],
					  "allocation %" PRIu64 " of %" PRIu64 " (order %u) failed: "
					  "out of memory (add fail=ok to allow it)", i + 1, count, order);
			return;
		}
		if (handle_add(c, h, page, order) < 0)
			return;
	}
}

/* ---- fill NAME [order=N] [gfp=F] [mt=T] [node=N] [leave=PAGES] [max=N] ---- */

static unsigned long free_pages_now(int nid)
{
	unsigned long sum = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		if (nid < 0 || zone_to_nid(zone) == nid)
			sum += zone_page_state(zone, NR_FREE_PAGES);
	return sum;
}

void scn_check_fill(struct scn_ctx *c)
{
	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	scn_arg_num(c, "order", 0, 0, MAX_ORDER - 1);
	scn_arg_num(c, "leave", 0, 0, UINT64_MAX);
	scn_arg_num(c, "max", UINT64_MAX, 1, UINT64_MAX);
	scn_step_gfp(c, "GFP_KERNEL");
	scn_step_node(c);
}

void scn_run_fill(struct scn_ctx *c)
{
	struct scn_handle *h = handle_get(c, scn_arg_pos(c, 0, NULL), 1);
	unsigned int order = (unsigned int)scn_arg_num(c, "order", 0, 0, MAX_ORDER - 1);
	uint64_t leave = scn_arg_num(c, "leave", 0, 0, UINT64_MAX);
	uint64_t max = scn_arg_num(c, "max", UINT64_MAX, 1, UINT64_MAX);
	/*
	 * A fill takes what the allocator can give, reclaim included, but
	 * never calls the OOM killer: __GFP_NORETRY, as an opportunistic
	 * allocation in the kernel asks.
	 */
	gfp_t gfp = scn_step_gfp(c, "GFP_KERNEL") | __GFP_NOWARN |
		    __GFP_NORETRY;
	int nid = scn_step_node(c);

	if (!h || !scn_node_ok(c, nid))
		return;
	for (uint64_t i = 0; i < max; i++) {
		struct page *page;

		if (leave && free_pages_now(nid) < leave + (1UL << order))
			break;
		page = do_alloc(nid, gfp, order);
		if (!page)
			break;
		if (handle_add(c, h, page, order) < 0)
			return;
	}
}

/* ---- free NAME [every=N] [start=K] [count=N] [random=PCT] [seed=N] ---- */

/* The options of a free pattern, read at parse time and at run time. */
void scn_pick_init(struct scn_ctx *c, struct scn_pick *p)
{
	p->every = scn_arg_num(c, "every", 1, 1, UINT64_MAX);
	p->start = scn_arg_num(c, "start", 0, 0, p->every - 1);
	p->count = scn_arg_num(c, "count", UINT64_MAX, 1, UINT64_MAX);
	p->pct = scn_arg_num(c, "random", 100, 0, 100);
	p->rnd = scn_step_seed(c);
	p->picked = 0;
}

/* Is the @i-th item (in allocation order) to be freed? */
bool scn_pick(struct scn_pick *p, size_t i)
{
	if (i % p->every != p->start || p->picked >= p->count)
		return false;
	if (p->pct < 100 && scn_rnd_next(&p->rnd) % 100 >= p->pct)
		return false;
	p->picked++;
	return true;
}

void scn_check_free(struct scn_ctx *c)
{
	struct scn_pick p;

	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	scn_pick_init(c, &p);
}

void scn_run_free(struct scn_ctx *c)
{
	struct scn_handle *h = handle_get(c, scn_arg_pos(c, 0, NULL), 0);
	struct scn_pick p;
	size_t keep = 0;

	scn_pick_init(c, &p);
	if (!h)
		return;
	for (size_t i = 0; i < h->n; i++) {
		if (scn_pick(&p, i))
			__free_pages(h->v[i].page, h->v[i].order);
		else
			h->v[keep++] = h->v[i];
	}
	h->n = keep;
}

/*
 * ---- storm NAME ops=N [seed=N] [orders=MIX] [gfp=MIX] [free=PCT] [node=N] ----
 *
 * A mix is a comma-separated list of ITEM[:WEIGHT] (weight 1 by default):
 * orders=0-3 (uniform), orders=0:8,1:4,2-3:1; gfp=GFP_KERNEL:3,GFP_ATOMIC:1.
 */

int scn_mix_add(struct scn_ctx *c, const char *word, struct scn_mix *m,
		uint64_t lo, uint64_t hi, uint64_t w)
{
	if (m->n == SCN_MIX_MAX) {
		scn_error(c, word, "at most %d entries in a mix", SCN_MIX_MAX);
		return -1;
	}
	m->val[m->n] = lo;
	m->hi[m->n] = hi;
	m->weight[m->n++] = w;
	m->total += w;
	return 0;
}

/* Split "ITEM[:WEIGHT]"; *w = weight.  -1 with an error. */
int scn_mix_item(struct scn_ctx *c, const char *word, char *tok, uint64_t *w)
{
	char *colon = strrchr(tok, ':'), *end;

	*w = 1;
	if (!colon)
		return 0;
	*colon = 0;
	*w = strtoull(colon + 1, &end, 10);
	if (!colon[1] || *end || !*w || *w > 1000000) {
		scn_error(c, word, "weight \"%s\" must be 1..1000000", colon + 1);
		return -1;
	}
	return 0;
}

static void parse_orders(struct scn_ctx *c, struct scn_mix *m)
{
	const char *v = scn_arg_str(c, "orders", "0-3");
	char buf[512], *tok, *save;

	memset(m, 0, sizeof *m);
	snprintf(buf, sizeof buf, "%s", v);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *dash, *end;
		unsigned long lo, hi;
		uint64_t w;

		if (scn_mix_item(c, v, tok, &w) < 0)
			return;
		dash = strchr(tok, '-');
		lo = strtoul(tok, &end, 10);
		if (end == tok || (dash ? end != dash : *end != 0)) {
			scn_error(c, v, "\"%s\": expected ORDER or ORDER-ORDER", tok);
			return;
		}
		hi = lo;
		if (dash) {
			hi = strtoul(dash + 1, &end, 10);
			if (end == dash + 1 || *end) {
				scn_error(c, v, "\"%s\": expected ORDER or ORDER-ORDER", tok);
				return;
			}
		}
		if (lo > hi || hi >= MAX_ORDER) {
			scn_error(c, v, "orders must lie within 0..%d", MAX_ORDER - 1);
			return;
		}
		for (unsigned long o = lo; o <= hi; o++)
			if (scn_mix_add(c, v, m, o, o, w) < 0)
				return;
	}
	if (!m->n)
		scn_error(c, v, "no order");
}

/* A mix of GFP masks, key gfp=, @def when absent. */
void scn_parse_gfp_mix(struct scn_ctx *c, const char *def, struct scn_mix *m)
{
	const char *v = scn_arg_str(c, "gfp", def);
	char buf[512], *tok, *save;

	memset(m, 0, sizeof *m);
	snprintf(buf, sizeof buf, "%s", v);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		uint64_t w;
		gfp_t gfp;

		if (scn_mix_item(c, v, tok, &w) < 0 || scn_parse_gfp(c, v, tok, &gfp) < 0 ||
		    scn_mix_add(c, v, m, gfp, gfp, w) < 0)
			return;
	}
	if (!m->n)
		scn_error(c, v, "no GFP mask");
}

/* An entry drawn with @r; a range entry yields a value drawn in it. */
uint64_t scn_mix_pick(const struct scn_mix *m, uint64_t r)
{
	uint64_t x = r % m->total;
	int i;

	for (i = 0; i < m->n - 1; i++) {
		if (x < m->weight[i])
			break;
		x -= m->weight[i];
	}
	if (m->hi[i] == m->val[i])
		return m->val[i];
	return m->val[i] + (r >> 32) % (m->hi[i] - m->val[i] + 1);
}

#define DEFAULT_STORM_GFP "GFP_KERNEL,GFP_HIGHUSER_MOVABLE,GFP_ATOMIC"

void scn_check_storm(struct scn_ctx *c)
{
	struct scn_mix m;

	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	if (!scn_arg_str(c, "ops", NULL))
		scn_error(c, c->step->argv[0], "missing ops=N");
	scn_arg_num(c, "ops", 0, 1, UINT64_MAX);
	scn_arg_num(c, "seed", 0, 0, UINT64_MAX);
	parse_orders(c, &m);
	scn_arg_num(c, "free", 50, 0, 100);
	scn_parse_gfp_mix(c, DEFAULT_STORM_GFP, &m);
	scn_step_node(c);
}

void scn_run_storm(struct scn_ctx *c)
{
	struct scn_handle *h = handle_get(c, scn_arg_pos(c, 0, NULL), 1);
	uint64_t ops = scn_arg_num(c, "ops", 0, 1, UINT64_MAX);
	uint64_t pfree = scn_arg_num(c, "free", 50, 0, 100);
	uint64_t rnd = scn_step_seed(c);
	struct scn_mix orders, gfps;
	int nid = scn_step_node(c);

	parse_orders(c, &orders);
	scn_parse_gfp_mix(c, DEFAULT_STORM_GFP, &gfps);
	if (!h || c->failed || !scn_node_ok(c, nid))
		return;
	for (uint64_t i = 0; i < ops; i++) {
		uint64_t r = scn_rnd_next(&rnd);

		if (h->n && r % 100 < pfree) {
			size_t k = (size_t)((r >> 8) % h->n);

			__free_pages(h->v[k].page, h->v[k].order);
			h->v[k] = h->v[--h->n];
		} else {
			unsigned int order = (unsigned int)scn_mix_pick(&orders, r >> 8);
			/* a failure is skipped: no OOM kill (see fill) */
			gfp_t gfp = (gfp_t)scn_mix_pick(&gfps, r >> 24) |
				    __GFP_NOWARN | __GFP_NORETRY;
			struct page *page = do_alloc(nid, gfp, order);

			if (page && handle_add(c, h, page, order) < 0)
				return;
		}
	}
}

/* ---- write NAME [pattern=random|pfn|zero|BYTE] [seed=N] ---- */

void scn_check_write(struct scn_ctx *c)
{
	const char *p;

	scn_check_name(c, scn_arg_pos(c, 0, "handle name"));
	p = scn_arg_str(c, "pattern", "random");
	if (strcmp(p, "random") && strcmp(p, "pfn") && strcmp(p, "zero")) {
		char *end;
		unsigned long b = strtoul(p, &end, 0);

		if (*end || end == p || b > 255)
			scn_error(c, p, "pattern must be random, pfn, zero or a byte value");
	}
	scn_arg_num(c, "seed", 0, 0, UINT64_MAX);
}

void scn_run_write(struct scn_ctx *c)
{
	struct scn_handle *h = handle_get(c, scn_arg_pos(c, 0, NULL), 0);
	const char *p = scn_arg_str(c, "pattern", "random");
	uint64_t rnd = scn_step_seed(c);

	if (!h)
		return;
	for (size_t i = 0; i < h->n; i++) {
		uint64_t *w = page_address(h->v[i].page);
		size_t words = (PAGE_SIZE << h->v[i].order) / sizeof *w;
		uint64_t pfn = page_to_pfn(h->v[i].page);

		if (!strcmp(p, "random")) {
			for (size_t j = 0; j < words; j++)
				w[j] = scn_rnd_next(&rnd);
		} else if (!strcmp(p, "pfn")) {
			for (size_t j = 0; j < words; j++)
				w[j] = (pfn + j / (PAGE_SIZE / sizeof *w)) << 12 | (j % (PAGE_SIZE / sizeof *w));
		} else if (!strcmp(p, "zero")) {
			memset(w, 0, words * sizeof *w);
		} else {
			memset(w, (int)strtoul(p, NULL, 0), words * sizeof *w);
		}
	}
}

/* ---- cpu N, drain, check ---- */

void scn_check_noargs(struct scn_ctx *c)
{
	(void)c;	/* any word is rejected as unexpected */
}

void scn_check_cpu(struct scn_ctx *c)
{
	const char *w = scn_arg_pos(c, 0, "cpu number");

	if (w)
		scn_word_num(c, w, 0, 4095);
}

void scn_run_cpu(struct scn_ctx *c)
{
	const char *w = scn_arg_pos(c, 0, NULL);
	int cpu = (int)scn_word_num(c, w, 0, 4095);

	if (cpu >= refmm_nr_cpus()) {
		scn_error(c, w, "no such cpu (the machine has %d cpu%s)",
			  refmm_nr_cpus(), refmm_nr_cpus() == 1 ? "" : "s");
		return;
	}
	refmm_current_cpu = cpu;
}

void scn_run_drain(struct scn_ctx *c)
{
	(void)c;
	drain_all_pages(NULL);
}

void scn_run_check(struct scn_ctx *c)
{
	char msg[512];

	if (refmm_check_invariants(msg, sizeof msg) < 0)
		scn_error(c, c->step->argv[0], "allocator invariants broken: %s", msg);
	else if (refmm_check_slab(msg, sizeof msg) < 0)
		scn_error(c, c->step->argv[0], "slab invariants broken: %s", msg);
}

/* ---- panic "message" ---- */

/*
 * panic() logs the message, records it and the CPU, and jumps to the
 * crash kernel that scenario_run() installed: this does not return while
 * a scenario runs.  (Without one, panic() would end the process.)
 */
noinline void scn_do_panic(struct scn_ctx *c, const char *msg)
{
	(void)c;
	panic("%s", msg ? msg : "");
}

/* The code address a panicking cpu's NT_PRSTATUS shows: crash_kexec(). */
uint64_t scn_panic_ip(void)
{
	return (uint64_t)(uintptr_t)crash_kexec;
}
