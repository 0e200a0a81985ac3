/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * list.h - walking linked lists in the dump, safely.
 *
 * Every command that follows pointers (list, kmem -f, kmem -s, ps, vm ...)
 * uses this one walker.  It never loops: it detects a cycle that does not
 * return to the head, stops at a bound, and stops at a pointer it cannot
 * read.  When it stops early, it says why, naming the list head, the bad
 * entry and the reason.
 */
#ifndef MS_LIST_H
#define MS_LIST_H

#include <stdbool.h>
#include <stdint.h>
#include "core/program.h"

enum ms_list_stop {
	MS_LIST_DONE,		/* came back to the head (circular) or reached NULL */
	MS_LIST_CALLBACK,	/* the callback returned &ms_stop */
	MS_LIST_CYCLE,		/* an entry repeats before the head comes back: CORRUPT */
	MS_LIST_BADPTR,		/* a next pointer cannot be read: the FAULT */
	MS_LIST_NULLPTR,	/* a NULL next pointer in a ring: CORRUPT */
	MS_LIST_BOUND,		/* more than max entries: CORRUPT */
	MS_LIST_ERROR,		/* the callback failed: its error */
	MS_LIST_INTERRUPTED,	/* the user pressed ^C: &ms_interrupted_error */
};

/*
 * Two shapes of list:
 *
 * circular (list_head rings): @head is the address of a struct list_head,
 *   standalone (LIST_HEAD(x)) or embedded in a structure.  Each entry embeds
 *   a list_head at @next_offset; the pointer followed lives at
 *   link + @ptr_offset (the offset of list_head.next, or of list_head.prev
 *   for a reverse walk) and points at the next entry's list_head, so
 *   entry = pointer - next_offset.
 *   The walk ends when the pointer comes back to @head.  A NULL pointer is an
 *   error here.  With @include_head the structure around the head
 *   (head - next_offset) is reported first (crash's list -h).
 *
 * linear (e.g. vm_struct.next, vm_area_struct.vm_next): @head is the first
 *   entry (0: an empty list); the pointer at entry + next_offset (+ ptr_offset)
 *   points at the next entry itself.  The walk ends at NULL, or when the
 *   pointer comes back to @head (crash's list); with @null_ended (a kernel
 *   list that ends only at NULL: vm_next) coming back to @head is a cycle.
 *
 * Either way it also ends at @end (an entry address or a pointer value) when
 * that is nonzero.  Each entry's pointer is read before the entry is handed to
 * @fn, so the callback never sees an entry whose link is unreadable.
 */
struct ms_list_walk {
	uint64_t head;		/* address of the head (list_head) or of the first entry */
	long next_offset;	/* offset of the "next" pointer in each entry */
	bool circular;		/* a list_head ring: stop when next == head */
	bool include_head;	/* report the head itself as an entry (list without -H) */
	uint64_t max;		/* 0: a default bound (10 million) */
	long ptr_offset;	/* added to the link address (list_head.prev's offset: backwards) */
	unsigned ptr_size;	/* bytes of a pointer; 0: the program's (ms_type_pointer_size()) */
	uint64_t end;		/* 0, or an address that ends the walk (list -e) */
	bool null_ended;	/* linear: only NULL ends it; back at @head is a cycle */
	/* results */
	uint64_t count;		/* entries reported */
	enum ms_list_stop stop;
	uint64_t bad_entry;	/* the entry where it stopped early */
};

/* Entries after which the walker stops remembering and relies on Brent's
 * algorithm alone (O(1) memory; a cycle is then noticed within two laps). */
#define MS_LIST_HASH_MAX	(1u << 18)
#define MS_LIST_DEFAULT_MAX	10000000ULL

/** A short name for @p stop ("done", "cycle", "bad pointer", ...). */
const char *ms_list_stop_name(enum ms_list_stop stop);

/**
 * Walk the list, calling @p fn for each entry address (the address of the
 * "next" pointer's container: entry = link - next_offset).  @p fn returns
 * NULL to go on, &ms_stop to stop, or an error, which ends the walk.
 * @return NULL when the walk ended as a list should (DONE or CALLBACK);
 * otherwise the reason, w->stop says which, and w->bad_entry where:
 * the FAULT of an unreadable link, a CORRUPT cycle, NULL pointer or bound
 * ("duplicate entry (cycle)", "NULL next pointer", "more than N entries,
 * walk stopped"), the callback's error, or &ms_interrupted_error.  The
 * message does not say which list: ms_list_error_context() adds that.
 */
struct ms_error *ms_list_walk(struct ms_program *prog, struct ms_list_walk *w,
			      struct ms_error *(*fn)(uint64_t entry, void *arg), void *arg);

/**
 * The offsets of next and prev in the dump's struct list_head (either
 * pointer may be NULL).  LOOKUP if the debuginfo has no such member.
 */
struct ms_error *ms_list_head_offsets(struct ms_program *prog, long *next_ret, long *prev_ret);

/**
 * @p err with "list_head HEAD: entry ENTRY: " (or "list ..." for a linear
 * list) in front: the walk's head and w->bad_entry.
 */
struct ms_error *ms_list_error_context(const struct ms_list_walk *w, struct ms_error *err);

/** Free the walker's table kept in @p prog (ms_program_destroy() calls it). */
void ms_list_free(struct ms_program *prog);

#endif
