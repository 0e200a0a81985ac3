/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kmem.h - the parts of the kmem command, shared by cmd/kmem*.c and the
 * /proc-like commands (buddyinfo, pagetypeinfo, slabinfo, slabtop).  Not a
 * core interface.
 */
#ifndef MS_CMD_KMEM_H
#define MS_CMD_KMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/mm.h"

struct ms_record;
struct ms_session;
struct ms_slab_cache;

/* cmd/kmem_free.c */
/**
 * Walk every free list of @p z (ms_mm_zone_free_walk()), printing broken
 * lists and bad entries as errors unless @p quiet; with @p collect, also
 * keep each block's page address in ret->list and print the migratetype
 * notes.  -1 when the walk failed (printed; quietly when interrupted).
 * Release @p ret with ms_mm_zone_free_release() whatever the result.
 */
int kmem_zone_walk(struct ms_session *sess, const struct ms_mm_zone *z, struct ms_mm_zone_free *ret,
		   bool quiet, bool collect);

int kmem_free(struct ms_session *sess, bool verbose, bool json);	/* kmem -f, -F */
/**
 * The fields that name @p z, the same in every zone record (kmem -f, -F, -z,
 * -n, buddyinfo, pagetypeinfo): "node", "zone" (its name), "zone_index" and
 * "address" (the struct zone).
 */
void kmem_zone_ident(struct ms_record *jz, const struct ms_mm_zone *z);
/**
 * kmem -f ADDR and the free-page step of kmem ADDR: *@p found_ret 1 if
 * @p ka is in a free block (printed in crash's form), 2 if free on a
 * per-cpu list (looked for and said only when @p pcp: kmem ADDR), 0 if
 * not free.  As crash's dump_free_pages_zones_v2(), nothing is printed
 * for an address that is in no free block.  With @p json the fields go to
 * that record instead (address, free, and the block's node, zone, order,
 * migratetype, free_list, page, pfn, pages, index; with @p pcp and not in
 * a block, "per_cpu_list": its cpu, migratetype and page, or null).
 * @return NULL; a CORRUPT naming the first broken list or bad entry met
 * (what was found is printed, or put in @p json, all the same); or why the
 * lists cannot be walked.
 */
struct ms_error *kmem_free_search(struct ms_program *prog, const struct ms_mm_addr *ka,
				  bool pcp, struct ms_record *json, int *found_ret);

/* cmd/kmem_page.c */
int kmem_pages(struct ms_session *sess, struct ms_mm_addr *addrs, int naddrs, bool json);	/* kmem -p [ADDR...] */
/** kmem -p's record of the page of @p ka, in @p out (kmem ADDR's "page").  0 or -1. */
int kmem_page_record(struct ms_session *sess, const struct ms_mm_addr *ka, struct ms_record *out);
int kmem_members(struct ms_session *sess, const char *spec, struct ms_mm_addr *addrs, int naddrs);	/* kmem -m */
int kmem_flags(struct ms_session *sess, const char *arg);	/* kmem -g [flags] */
/* cmd/kmem_info.c */
int kmem_info(struct ms_session *sess, bool with_shared);	/* kmem -i, -i=shared */
int kmem_zones(struct ms_session *sess);			/* kmem -z */
int kmem_nodes(struct ms_session *sess);			/* kmem -n */
int kmem_hstates(struct ms_session *sess);			/* kmem -h */
/* cmd/kmem_vmalloc.c */
int kmem_vmlist(struct ms_session *sess, const uint64_t *addrs, int naddr);	/* kmem -v [ADDR] */
int kmem_vm_stat(struct ms_session *sess);					/* kmem -V */
/*
 * kmem ADDR's steps.  Each prints crash's text, or with @p json adds its
 * key to kmem ADDR's record of the address instead (null: nothing found).
 */
/* the vmalloc area and caller of @p addr, if any: "vmalloc" */
int kmem_vmalloc_identify(struct ms_session *sess, uint64_t addr, struct ms_record *json,
			  bool *found_ret);
/* cmd/kmem_task.c: a page-table page ("page_table"), a user address ("user", "page") */
int kmem_pgtable_identify(struct ms_session *sess, uint64_t addr, uint64_t pfn, struct ms_record *json,
			  bool *found_ret);
int kmem_user_identify(struct ms_session *sess, uint64_t addr, struct ms_record *json, bool *found_ret);
/* cmd/kmem_slab.c */
struct kmem_slab_opts {
	bool verbose;		/* -S: every slab and object */
	bool list;		/* -s list */
	bool callers;		/* --callers: live objects by allocating caller */
	bool has_addr;		/* -s ADDR */
	uint64_t addr;
	const char *name;	/* -s NAME, or NULL */
	int sort_key;		/* --sort: kmem_slab_sort_key(), -1 for list order */
};
int kmem_slab(struct ms_session *sess, const struct kmem_slab_opts *o);	/* kmem -s, -S */
/** --sort=KEY's index, or -1 for an unknown key. */
int kmem_slab_sort_key(const char *name);
/**
 * The slab step of kmem ADDR (and kmem -s ADDR): the cache, slab and object
 * holding @p addr.  *@p found_ret 1 when it is in a slab page.  0 or -1.
 * With @p json, kmem -s ADDR's record goes there as "slab" instead.
 */
int kmem_slab_identify(struct ms_session *sess, uint64_t addr, bool whole_slab, struct ms_record *json,
		       int *found_ret);
/* cmd/kmem_map.c */
int kmem_map(struct ms_session *sess);			/* kmem -M */
/* cmd/slabinfo.c */
/**
 * What slabinfo and slabtop start with: every cache read and counted
 * (ms_slab_caches_counted()), each problem printed as an error naming its
 * cache.  0, or -1 when they cannot be had (printed).  Free *@p ret.
 */
int slabinfo_caches(struct ms_session *sess, struct ms_slab_cache **ret, size_t *nr_ret);

#endif
