/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kmem.h - the parts of the kmem command, shared by cmd/kmem*.c and the
 * /proc-like commands (buddyinfo, pagetypeinfo).  Not a core interface.
 */
#ifndef MS_CMD_KMEM_H
#define MS_CMD_KMEM_H

#include <stdbool.h>
#include <stdint.h>

#include "core/mm.h"

struct ms_session;

struct json_object;

/** Walked free-list contents of one zone. */
struct kmem_zone_free {
	uint64_t *blocks;	/* [order * nr_mt + mt] blocks walked */
	uint64_t pages;		/* pages on the zone's lists */
	bool broken;		/* some list could not be walked to its end */
	/* with collect: every block's first page, in walk order (order-major) */
	uint64_t *list;
	size_t nlist, caplist;
	uint64_t mt_mismatch;	/* blocks whose pageblock has another migratetype */
	uint64_t bad_entries;	/* entries not a free block of the list's order */
	char **errors;		/* messages of broken lists (for JSON), NULL-terminated */
	size_t nerrors;
};
/**
 * Walk every free list of @p z, printing broken lists and bad entries as
 * errors (quietly when @p quiet); with @p collect, also keep each block's
 * page address in ret->list.  -1 when interrupted.
 */
int kmem_zone_walk(struct ms_session *sess, const struct ms_mm_zone *z, struct kmem_zone_free *ret,
		   bool quiet, bool collect);
void kmem_zone_free_release(struct kmem_zone_free *zf);

/* cmd/kmem_page.c */
int kmem_pages(struct ms_session *sess, struct ms_mm_addr *addrs, int naddrs, bool json);	/* kmem -p [ADDR...] */
int kmem_members(struct ms_session *sess, const char *spec, struct ms_mm_addr *addrs, int naddrs);	/* kmem -m */
int kmem_flags(struct ms_session *sess, const char *arg);	/* kmem -g [flags] */
/* cmd/kmem_info.c */
int kmem_info(struct ms_session *sess, bool json, bool with_shared);	/* kmem -i, -i=shared */
int kmem_zones(struct ms_session *sess, bool json);		/* kmem -z */
int kmem_nodes(struct ms_session *sess);			/* kmem -n */
/* cmd/kmem_map.c */
int kmem_map(struct ms_session *sess);			/* kmem -M */

/** After a walk failed: -1 quietly when the user interrupted or the reader
 *  of a pipe went away, else the recorded error as "kmem: ..." */
int kmem_walk_fail(struct ms_session *sess);

/* JSON helpers */
struct json_object *kmem_json_hex(uint64_t v);
void kmem_json_print(struct json_object *obj);

#endif
