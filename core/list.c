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
#include "core/list.h"
#include "core/output.h"

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
	case MS_LIST_BOUND:		return "bound";
	case MS_LIST_ERROR:		return "error";
	case MS_LIST_INTERRUPTED:	return "interrupted";
	}
	return "?";
}

static const char *
kind(const struct ms_list_walk *w)
{
	return w->circular ? "list_head" : "list";
}

/* Read the pointer that follows @link; on failure prefix the message. */
static int
read_link(struct ms_program *prog, const struct ms_list_walk *w, uint64_t link, uint64_t entry, uint64_t *ret)
{
	char why[512];

	if (ms_error_legacy(ms_readmem(prog, link + (uint64_t)w->ptr_offset, MS_KVADDR, ret, sizeof(*ret),
		       "list entry")) == 0)
		return 0;
	snprintf(why, sizeof(why), "%s", ms_error_msg());
	return ms_error_set("%s %" PRIx64 ": entry %" PRIx64 ": %s", kind(w), w->head,
			    entry, why);
}

int
ms_list_walk(struct ms_program *prog, struct ms_list_walk *w, int (*fn)(uint64_t entry, void *arg), void *arg)
{
	const uint64_t off = (uint64_t)w->next_offset;
	const uint64_t max = w->max ? w->max : MS_LIST_DEFAULT_MAX;
	struct seen_set own = { 0 }, *seen = seen_get(prog, &own);
	uint64_t entry, p, tortoise = 0, power = 1, lam = 0;
	bool have_tortoise = false;
	int rc;

	w->count = 0;
	w->bad_entry = 0;
	w->stop = MS_LIST_DONE;

	if (w->circular) {
		uint64_t head_entry = w->head - off;

		if (read_link(prog, w, w->head, head_entry, &p) < 0) {
			w->bad_entry = head_entry;
			w->stop = MS_LIST_BADPTR;
			goto out;
		}
		if (w->include_head) {
			rc = fn(head_entry, arg);
			w->count++;
			if (rc) {
				w->stop = rc > 0 ? MS_LIST_CALLBACK : MS_LIST_ERROR;
				w->bad_entry = rc < 0 ? head_entry : 0;
				goto out;
			}
		}
		if (p == w->head || (w->end && (p == w->end || p - off == w->end)))
			goto out;
		if (p == 0) {
			w->bad_entry = head_entry;
			w->stop = MS_LIST_BADPTR;
			ms_error_set("%s %" PRIx64 ": entry %" PRIx64 ": NULL next pointer",
				     kind(w), w->head, head_entry);
			goto out;
		}
		entry = p - off;
	} else {
		entry = w->head;
		if (entry == 0 || (w->end && entry == w->end))
			goto out;
	}

	for (;;) {
		/* entry: the next one to report, not reported yet */
		if (seen_test_and_add(seen, entry) || (have_tortoise && entry == tortoise)) {
			w->stop = MS_LIST_CYCLE;
			w->bad_entry = entry;
			ms_error_set("%s %" PRIx64 ": entry %" PRIx64 ": duplicate entry (cycle)",
				     kind(w), w->head, entry);
			break;
		}
		if (++lam == power) {	/* Brent: move the tortoise here */
			tortoise = entry;
			have_tortoise = true;
			power <<= 1;
			lam = 0;
		}
		if (w->count >= max) {
			w->stop = MS_LIST_BOUND;
			w->bad_entry = entry;
			ms_error_set("%s %" PRIx64 ": entry %" PRIx64
				     ": more than %" PRIu64 " entries, walk stopped",
				     kind(w), w->head, entry, max);
			break;
		}
		if (read_link(prog, w, entry + off, entry, &p) < 0) {
			w->stop = MS_LIST_BADPTR;
			w->bad_entry = entry;
			break;
		}
		if ((w->count & 4095) == 4095 && ms_interrupted()) {
			w->stop = MS_LIST_INTERRUPTED;
			w->bad_entry = entry;
			ms_error_set("%s %" PRIx64 ": interrupted", kind(w), w->head);
			break;
		}
		rc = fn(entry, arg);
		w->count++;
		if (rc) {
			w->stop = rc > 0 ? MS_LIST_CALLBACK : MS_LIST_ERROR;
			w->bad_entry = rc < 0 ? entry : 0;
			break;
		}
		if (w->end && (p == w->end || (w->circular && p - off == w->end)))
			break;
		if (w->circular) {
			if (p == w->head)
				break;
			if (p == 0) {
				w->stop = MS_LIST_BADPTR;
				w->bad_entry = entry;
				ms_error_set("%s %" PRIx64 ": entry %" PRIx64 ": NULL next pointer",
					     kind(w), w->head, entry);
				break;
			}
			entry = p - off;
		} else {
			if (p == 0 || p == w->head)
				break;
			entry = p;
		}
	}
out:
	seen_put(prog, seen);
	return w->stop == MS_LIST_DONE || w->stop == MS_LIST_CALLBACK ? 0 : -1;
}
