/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * list.c - the one list walker (see list.h for the two list shapes).
 *
 * Cycle detection has two layers:
 *  - a hash set of the entries seen so far finds the first repeated entry
 *    exactly, before it is reported twice.  It grows up to MS_LIST_HASH_MAX
 *    entries (4 MiB, and 1 MiB of log to empty it) and then stops growing;
 *    its table is kept for the next walk;
 *  - Brent's algorithm runs alongside in O(1) memory: the "tortoise" is a
 *    saved entry that jumps to the current one whenever the step count
 *    reaches a power of two, and meeting it again means a cycle.  It covers
 *    lists longer than the hash set: such a cycle is noticed within about
 *    two laps.
 * A bound (10 million entries unless the caller says otherwise) stops
 * everything else, and ^C is polled every 4096 entries.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dump.h"
#include "core/error.h"
#include "core/field.h"
#include "core/list.h"
#include "core/output.h"
#include "core/types.h"

struct seen_set {
	uint64_t *slots;	/* open addressing; 0 = empty */
	size_t mask;		/* nslots - 1 */
	size_t n;
	uint32_t *log;		/* the filled slots' indices (n of them), to empty it */
	size_t log_cap;
	bool full;		/* reached MS_LIST_HASH_MAX (or out of memory) */
	bool have_zero;		/* entry address 0 */
};

/*
 * A session walks many lists, most of them short: the set's table is kept
 * in the program from one walk to the next and emptied at the end of each
 * through the log of the slots it filled, so a walk pays neither an
 * allocation nor regrowth.  A walk started from another walk's callback gets
 * a table of its own.
 */
struct ms_list_seen {
	struct seen_set set;
	bool busy;
};

static inline size_t
seen_hash(uint64_t v)
{
	return (size_t)((v * 0x9e3779b97f4a7c15ULL) >> 20);
}

static bool
seen_grow(struct seen_set *s)
{
	size_t nslots = s->slots ? (s->mask + 1) * 2 : 1024, i, k = 0;
	uint64_t *ns = calloc(nslots, sizeof(*ns));
	uint32_t *nlog = malloc(nslots / 2 * sizeof(*nlog));

	if (!ns || !nlog) {
		free(ns);
		free(nlog);
		return false;
	}
	for (i = 0; s->slots && i <= s->mask; i++) {
		size_t j;

		if (!s->slots[i])
			continue;
		for (j = seen_hash(s->slots[i]) & (nslots - 1); ns[j]; j = (j + 1) & (nslots - 1))
			;
		ns[j] = s->slots[i];
		nlog[k++] = (uint32_t)j;
	}
	free(s->slots);
	free(s->log);
	s->slots = ns;
	s->mask = nslots - 1;
	s->log = nlog;
	s->log_cap = nslots / 2;
	return true;
}

/* Insert @v; true if it was already there. */
static bool
seen_test_and_add(struct seen_set *s, uint64_t v)
{
	size_t j;

	if (v == 0) {
		bool had = s->have_zero;

		s->have_zero = true;
		return had;
	}
	if (s->slots)
		for (j = seen_hash(v) & s->mask; s->slots[j]; j = (j + 1) & s->mask)
			if (s->slots[j] == v)
				return true;
	if (s->full)
		return false;
	if (s->n >= MS_LIST_HASH_MAX) {
		s->full = true;
		return false;
	}
	if ((!s->slots || 2 * (s->n + 1) > s->mask + 1) && !seen_grow(s)) {
		s->full = true;
		return false;
	}
	for (j = seen_hash(v) & s->mask; s->slots[j]; j = (j + 1) & s->mask)
		;
	s->slots[j] = v;
	s->log[s->n++] = (uint32_t)j;	/* n < log_cap = nslots / 2 */
	return false;
}

/* The program's kept table if it is free, else an empty one of the caller's own. */
static struct seen_set *
seen_get(struct ms_program *prog, struct seen_set *own)
{
	if (!prog->list_seen)
		prog->list_seen = calloc(1, sizeof(*prog->list_seen));
	if (!prog->list_seen || prog->list_seen->busy)
		return own;
	prog->list_seen->busy = true;
	return &prog->list_seen->set;
}

static void
seen_put(struct ms_program *prog, struct seen_set *s)
{
	size_t i;

	if (!prog->list_seen || s != &prog->list_seen->set) {
		free(s->slots);
		free(s->log);
		return;
	}
	if (s->n > (s->mask + 1) / 8)
		memset(s->slots, 0, (s->mask + 1) * sizeof(*s->slots));
	else
		for (i = 0; i < s->n; i++)
			s->slots[s->log[i]] = 0;
	s->n = 0;
	s->full = false;
	s->have_zero = false;
	prog->list_seen->busy = false;
}

void
ms_list_free(struct ms_program *prog)
{
	if (!prog->list_seen)
		return;
	free(prog->list_seen->set.slots);
	free(prog->list_seen->set.log);
	free(prog->list_seen);
	prog->list_seen = NULL;
}

const char *
ms_list_stop_name(enum ms_list_stop stop)
{
	switch (stop) {
	case MS_LIST_DONE:		return "done";
	case MS_LIST_CALLBACK:		return "stopped by callback";
	case MS_LIST_CYCLE:		return "cycle";
	case MS_LIST_BADPTR:		return "bad pointer";
	case MS_LIST_NULLPTR:		return "NULL pointer";
	case MS_LIST_BOUND:		return "bound";
	case MS_LIST_ERROR:		return "error";
	case MS_LIST_INTERRUPTED:	return "interrupted";
	}
	return "?";
}

struct ms_error *
ms_list_head_offsets(struct ms_program *prog, long *next_ret, long *prev_ret)
{
	const struct ms_field *next, *prev;
	struct ms_error *err;

	if ((err = ms_field_find_by_name(prog, "struct list_head", "next", &next)) ||
	    (err = ms_field_find_by_name(prog, "struct list_head", "prev", &prev)))
		return err;
	if (next_ret)
		*next_ret = (long)next->offset;
	if (prev_ret)
		*prev_ret = (long)prev->offset;
	return NULL;
}

struct ms_error *
ms_list_error_context(const struct ms_list_walk *w, struct ms_error *err)
{
	return ms_error_prepend(err, "%s %" PRIx64 ": entry %" PRIx64,
				w->circular ? "list_head" : "list", w->head, w->bad_entry);
}

/* Read the pointer that follows @link. */
static struct ms_error *
read_link(struct ms_program *prog, const struct ms_list_walk *w, uint64_t link, uint64_t *ret)
{
	unsigned size = w->ptr_size ? w->ptr_size : ms_type_pointer_size(prog);

	*ret = 0;
	if (size > sizeof(*ret))
		size = sizeof(*ret);
	return ms_readmem(prog, link + (uint64_t)w->ptr_offset, MS_KVADDR, ret, size, "list entry");
}

/* End the walk at @entry for @why; returns @err. */
static struct ms_error *
stopped(struct ms_list_walk *w, enum ms_list_stop why, uint64_t entry, struct ms_error *err)
{
	w->stop = why;
	w->bad_entry = entry;
	return err;
}

/* The walk proper; the caller owns the seen set. */
static struct ms_error *
walk(struct ms_program *prog, struct ms_list_walk *w, struct seen_set *seen,
     struct ms_error *(*fn)(uint64_t entry, void *arg), void *arg)
{
	const uint64_t off = (uint64_t)w->next_offset;
	const uint64_t max = w->max ? w->max : MS_LIST_DEFAULT_MAX;
	uint64_t entry, p, tortoise = 0, power = 1, lam = 0;
	bool have_tortoise = false;
	struct ms_error *err;

	if (w->circular) {
		uint64_t head_entry = w->head - off;

		err = read_link(prog, w, w->head, &p);
		if (err)
			return stopped(w, MS_LIST_BADPTR, head_entry, err);
		if (w->include_head) {
			err = fn(head_entry, arg);
			w->count++;
			if (err == &ms_stop)
				return stopped(w, MS_LIST_CALLBACK, 0, NULL);
			if (err)
				return stopped(w, MS_LIST_ERROR, head_entry, err);
		}
		if (p == w->head || (w->end && (p == w->end || p - off == w->end)))
			return NULL;
		if (p == 0)
			return stopped(w, MS_LIST_NULLPTR, head_entry,
				       ms_error_corrupt(head_entry, "NULL next pointer"));
		entry = p - off;
	} else {
		entry = w->head;
		if (entry == 0 || (w->end && entry == w->end))
			return NULL;
	}

	for (;;) {
		/* entry: the next one to report, not reported yet */
		if (seen_test_and_add(seen, entry) || (have_tortoise && entry == tortoise))
			return stopped(w, MS_LIST_CYCLE, entry,
				       ms_error_corrupt(entry, "duplicate entry (cycle)"));
		if (++lam == power) {	/* Brent: move the tortoise here */
			tortoise = entry;
			have_tortoise = true;
			power <<= 1;
			lam = 0;
		}
		if (w->count >= max)
			return stopped(w, MS_LIST_BOUND, entry,
				       ms_error_corrupt(entry, "more than %" PRIu64 " entries, walk stopped",
							max));
		err = read_link(prog, w, entry + off, &p);
		if (err)
			return stopped(w, MS_LIST_BADPTR, entry, err);
		if ((w->count & 4095) == 4095 && ms_interrupted())
			return stopped(w, MS_LIST_INTERRUPTED, entry, &ms_interrupted_error);
		err = fn(entry, arg);
		w->count++;
		if (err == &ms_stop)
			return stopped(w, MS_LIST_CALLBACK, 0, NULL);
		if (err)
			return stopped(w, MS_LIST_ERROR, entry, err);
		if (w->end && (p == w->end || (w->circular && p - off == w->end)))
			return NULL;
		if (w->circular) {
			if (p == w->head)
				return NULL;
			if (p == 0)
				return stopped(w, MS_LIST_NULLPTR, entry,
					       ms_error_corrupt(entry, "NULL next pointer"));
			entry = p - off;
		} else {
			if (p == w->head && w->null_ended)
				return stopped(w, MS_LIST_CYCLE, entry,
					       ms_error_corrupt(entry, "next pointer back at the first "
								"entry %" PRIx64 " (cycle)", p));
			if (p == 0 || p == w->head)
				return NULL;
			entry = p;
		}
	}
}

struct ms_error *
ms_list_walk(struct ms_program *prog, struct ms_list_walk *w,
	     struct ms_error *(*fn)(uint64_t entry, void *arg), void *arg)
{
	struct seen_set own = { 0 }, *seen = seen_get(prog, &own);
	struct ms_error *err;

	w->count = 0;
	w->bad_entry = 0;
	w->stop = MS_LIST_DONE;
	err = walk(prog, w, seen, fn, arg);
	seen_put(prog, seen);
	return err;
}
