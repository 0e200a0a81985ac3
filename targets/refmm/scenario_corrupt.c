// SPDX-License-Identifier: GPL-2.0-only
/*
 * scenario_corrupt.c - "corrupt KIND [zone=NAME] [order=N] [node=N]":
 * damage to the buddy allocator's free lists the way real bugs make it,
 * written into the machine just before the dump (mmscope-gen(1)).
 *
 * Not Linux: a kernel never damages itself on purpose.  The step only
 * records what to damage; gen applies every recorded damage after the
 * truth file is written (refmm's own accounting walks the lists and would
 * loop on a cycle) and before the dump, so that the truth describes the
 * machine as it was and the dump holds the damage.  Each damage is told on
 * stderr as "gen: corrupt KIND: WHAT at ADDRESS", for the tests.
 *
 *   freelist-cycle    an entry's lru.next points back at an earlier entry
 *                     of its list (a cycle that never reaches the head)
 *   freelist-pointer  an entry's lru.next points into unmapped memory
 *   page-flags        a free block's first page gets garbage flags
 *   page-order        a free block's first page says another order in
 *                     page_private
 *
 * The list is the first free list, migratetype by migratetype, of the
 * zone (default: the last populated zone of the node) and order (default
 * 0) that holds at least two blocks.
 *
 * With cache=NAME, damage to a slab of that cache (refmm_slab_damage() in
 * slab.c, which knows the slab's layout):
 *   slab-freelist-index  a slab's next free index past its objects
 *   double-free          an object twice in this cpu's array_cache
 *   redzone              an object's red zone overwritten (SLAB_RED_ZONE)
 *   poison               a free object written after the free (SLAB_POISON)
 */
#include <stdio.h>
#include <string.h>

#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mmzone.h>

#include "refmm/scn_steps.h"
#include "refmm/slab.h"

#define MAX_DAMAGES	16
/* a hole of the x86-64 4.0 layout (ffffe80000000000, 40 bits): never mapped */
#define UNMAPPED_ADDR	0xffffe8ffdead0000UL
#define GARBAGE_FLAGS	0xdeadbeefdeadbeefUL

enum damage_kind {
	D_CYCLE, D_POINTER, D_FLAGS, D_ORDER,
	D_SLAB_INDEX, D_DOUBLE_FREE, D_REDZONE, D_POISON,	/* cache=NAME */
};

static const char *const kind_names[] = {
	[D_CYCLE] = "freelist-cycle",
	[D_POINTER] = "freelist-pointer",
	[D_FLAGS] = "page-flags",
	[D_ORDER] = "page-order",
	[D_SLAB_INDEX] = "slab-freelist-index",
	[D_DOUBLE_FREE] = "double-free",
	[D_REDZONE] = "redzone",
	[D_POISON] = "poison",
};

struct damage {
	enum damage_kind kind;
	int nid;
	char zone[16];		/* "" : the node's last populated zone */
	char cache[64];		/* the slab kinds' cache */
	unsigned int order;
	int line;
};

static struct damage damages[MAX_DAMAGES];
static int nr_damages;

static int kind_of(const char *name)
{
	for (size_t i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (!strcmp(name, kind_names[i]))
			return (int)i;
	return -1;
}

void scn_check_corrupt(struct scn_ctx *c)
{
	const char *kind = scn_arg_pos(c, 0, "what to damage");
	const char *zone = scn_arg_str(c, "zone", NULL);
	const char *cache = scn_arg_str(c, "cache", NULL);
	int k = kind ? kind_of(kind) : -1;

	if (kind && k < 0)
		scn_error(c, kind, "unknown damage (freelist-cycle, freelist-pointer, page-flags, "
			  "page-order, slab-freelist-index, double-free, redzone, poison)");
	if (k >= D_SLAB_INDEX && (!cache || strlen(cache) >= sizeof(damages[0].cache)))
		scn_error(c, kind, "%s needs cache=NAME", kind);
	if (k >= 0 && k < D_SLAB_INDEX && cache)
		scn_error(c, cache, "%s damages free lists: no cache=", kind);
	if (zone && strlen(zone) >= sizeof(damages[0].zone))
		scn_error(c, zone, "no zone has so long a name");
	scn_arg_num(c, "order", 0, 0, MAX_ORDER - 1);
	scn_step_node(c);
}

void scn_run_corrupt(struct scn_ctx *c)
{
	struct damage *d;
	const char *zone = scn_arg_str(c, "zone", NULL);
	int nid = scn_step_node(c);

	if (!scn_node_ok(c, nid))
		return;
	if (nr_damages == MAX_DAMAGES) {
		scn_error(c, c->step->argv[0], "more than %d corrupt steps", MAX_DAMAGES);
		return;
	}
	d = &damages[nr_damages++];
	d->kind = (enum damage_kind)kind_of(scn_arg_pos(c, 0, NULL));
	d->nid = nid < 0 ? 0 : nid;
	snprintf(d->zone, sizeof(d->zone), "%s", zone ? zone : "");
	snprintf(d->cache, sizeof(d->cache), "%s", scn_arg_str(c, "cache", ""));
	d->order = (unsigned int)scn_arg_num(c, "order", 0, 0, MAX_ORDER - 1);
	d->line = c->step->line;
}

/* The zone @d names, or NULL. */
static struct zone *damage_zone(const struct damage *d)
{
	struct pglist_data *pgdat = NODE_DATA(d->nid);
	struct zone *found = NULL;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &pgdat->node_zones[i];

		if (!populated_zone(z))
			continue;
		if (d->zone[0] ? !strcmp(z->name, d->zone) : true)
			found = z;
		if (d->zone[0] && found)
			break;
	}
	return found;
}

/* Apply one damage; -1 with @err set if there is nothing to damage. */
static int apply(const struct damage *d, char *err, size_t errlen)
{
	struct zone *z;
	struct list_head *head = NULL;
	struct page *first, *second;
	char msg[256];
	int mt;

	if (d->kind >= D_SLAB_INDEX) {
		if (refmm_slab_damage(kind_names[d->kind], d->cache, msg, sizeof(msg)) < 0) {
			snprintf(err, errlen, "line %d: corrupt %s: %s", d->line, kind_names[d->kind],
				 msg);
			return -1;
		}
		fprintf(stderr, "gen: corrupt %s: %s\n", kind_names[d->kind], msg);
		return 0;
	}
	z = damage_zone(d);
	if (!z) {
		snprintf(err, errlen, "line %d: corrupt %s: node %d has no zone %s", d->line,
			 kind_names[d->kind], d->nid, d->zone[0] ? d->zone : "populated");
		return -1;
	}
	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		struct list_head *h = &z->free_area[d->order].free_list[mt];

		if (!list_empty(h) && h->next->next != h) {
			head = h;
			break;
		}
	}
	if (!head) {
		snprintf(err, errlen, "line %d: corrupt %s: zone %s has no free list of order %u "
			 "with two blocks", d->line, kind_names[d->kind], z->name, d->order);
		return -1;
	}
	first = list_entry(head->next, struct page, lru);
	second = list_entry(first->lru.next, struct page, lru);
	switch (d->kind) {
	case D_CYCLE:
		second->lru.next = &first->lru;
		fprintf(stderr, "gen: corrupt %s: page %p lru.next -> page %p (zone %s order %u "
			"migratetype %d, list head %p)\n", kind_names[d->kind], (void *)second,
			(void *)first, z->name, d->order, mt, (void *)head);
		break;
	case D_POINTER:
		first->lru.next = (struct list_head *)UNMAPPED_ADDR;
		fprintf(stderr, "gen: corrupt %s: page %p lru.next -> %#lx (zone %s order %u "
			"migratetype %d, list head %p)\n", kind_names[d->kind], (void *)first,
			UNMAPPED_ADDR, z->name, d->order, mt, (void *)head);
		break;
	case D_FLAGS:
		second->flags = GARBAGE_FLAGS;
		fprintf(stderr, "gen: corrupt %s: page %p flags %#lx (zone %s order %u "
			"migratetype %d, list head %p)\n", kind_names[d->kind], (void *)second,
			GARBAGE_FLAGS, z->name, d->order, mt, (void *)head);
		break;
	default:
		set_page_private(second, d->order + 3);
		fprintf(stderr, "gen: corrupt %s: page %p private %u (zone %s order %u "
			"migratetype %d, list head %p)\n", kind_names[d->kind], (void *)second,
			d->order + 3, z->name, d->order, mt, (void *)head);
		break;
	}
	return 0;
}

int scn_corrupt_apply(char *err, size_t errlen)
{
	for (int i = 0; i < nr_damages; i++)
		if (apply(&damages[i], err, errlen) < 0)
			return -1;
	nr_damages = 0;
	return 0;
}

int scn_corrupt_pending(void)
{
	return nr_damages;
}
