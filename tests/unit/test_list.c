/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_list.c - the list walker of core/list.c over a fake memory.
 *
 * The program has no dump but a reader (ms_program_set_reader()): a few
 * explicitly poked 8-byte words, plus a computed region for lists too long
 * to poke.  Reads anywhere else fail with crash's wording, as core/dump.c's
 * would.
 */
#include "config.h"

#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/dump.h"
#include "core/error.h"
#include "core/list.h"
#include "core/program.h"
#include "tests/unit/test_assert.h"
#include "tests/unit/test_dump_stubs.h"

static struct ms_program *prog;

/* ---- fake memory ---- */

#define MAXWORDS 256
static struct { uint64_t addr, val; } words[MAXWORDS];
static size_t nwords;

/* computed list: entry i at BIG + i * 32, its next pointer at +8 */
#define BIG 0x100000000ULL
static uint64_t big_n;		/* entries; 0 = no region */
static uint64_t big_loop_to;	/* the last entry points here (0 = NULL) */

static void
poke(uint64_t addr, uint64_t val)
{
	size_t i;

	for (i = 0; i < nwords; i++)
		if (words[i].addr == addr) {
			words[i].val = val;
			return;
		}
	assert_true(nwords < MAXWORDS);
	words[nwords].addr = addr;
	words[nwords].val = val;
	nwords++;
}

static struct ms_error *
fake_read(void *arg, uint64_t addr, enum ms_as as, void *buf, size_t len, const char *what)
{
	size_t i;

	(void)arg;
	assert_int_equal(as, MS_KVADDR);
	assert_int_equal(len, 8);
	if (big_n && addr >= BIG && addr < BIG + big_n * 32 && (addr & 31) == 8) {
		uint64_t idx = (addr - BIG) / 32, v;

		v = idx + 1 < big_n ? BIG + (idx + 1) * 32 : big_loop_to;
		memcpy(buf, &v, 8);
		return NULL;
	}
	for (i = 0; i < nwords; i++)
		if (words[i].addr == addr) {
			memcpy(buf, &words[i].val, 8);
			return NULL;
		}
	return ms_error_fault(as, addr, "invalid kernel virtual address: %" PRIx64 "  type: \"%s\"",
			      addr, what);
}

/* ---- a ring of list_heads: entries at E(i), list_head at +16 ---- */

#define OFF 16
#define HEAD 0x1000ULL
#define E(i) (0x2000ULL + (uint64_t)(i) * 0x100)
#define L(i) (E(i) + OFF)

/* A proper doubly linked ring: HEAD <-> L(0) <-> ... <-> L(n-1) <-> HEAD */
static void
make_ring(int n)
{
	int i;

	if (n == 0) {
		poke(HEAD, HEAD);
		poke(HEAD + 8, HEAD);
		return;
	}
	poke(HEAD, L(0));
	poke(HEAD + 8, L(n - 1));
	for (i = 0; i < n; i++) {
		poke(L(i), i + 1 < n ? L(i + 1) : HEAD);
		poke(L(i) + 8, i ? L(i - 1) : HEAD);
	}
}

struct collect {
	uint64_t seen[64];
	int n;
	int stop_at;		/* return stop_ret when n reaches this */
	int stop_ret;
};

static struct ms_error *
collect(uint64_t entry, void *arg)
{
	struct collect *c = arg;

	if (c->n < 64)
		c->seen[c->n] = entry;
	c->n++;
	if (c->stop_at && c->n == c->stop_at)
		return c->stop_ret > 0 ? &ms_stop : ms_error_create(MS_ERR_OTHER, "callback failed");
	return NULL;
}

static struct ms_error *
count_only(uint64_t entry, void *arg)
{
	(void)entry;
	(*(uint64_t *)arg)++;
	return NULL;
}

/*
 * Walk @w, which must fail with an error of @kind; its message, with the
 * walk's context in front (ms_list_error_context()), in a static buffer.
 */
static const char *
walk_fails(struct ms_list_walk *w, struct ms_error *(*fn)(uint64_t, void *), void *arg,
	   enum ms_error_kind kind)
{
	static char msg[512];
	struct ms_error *err = ms_list_walk(prog, w, fn, arg);

	assert_non_null(err);
	if (err->kind != kind)
		fail_msg("%s error \"%s\", expected a %s error", ms_error_kind_name(err->kind),
			 err->message, ms_error_kind_name(kind));
	err = ms_list_error_context(w, err);
	snprintf(msg, sizeof(msg), "%s", err->message);
	ms_error_destroy(err);
	return msg;
}

static int
setup(void **state)
{
	(void)state;
	nwords = 0;
	big_n = 0;
	big_loop_to = 0;
	ms_test_interrupt_after = -1;
	return 0;
}

static struct ms_list_walk
ring_walk(void)
{
	struct ms_list_walk w = { .head = HEAD, .next_offset = OFF, .circular = true };

	return w;
}

static void
test_ring(void **state)
{
	struct ms_list_walk w = ring_walk();
	struct collect c = { 0 };
	int i;

	(void)state;
	make_ring(5);
	assert_ms_ok(ms_list_walk(prog, &w, collect, &c));
	assert_int_equal(w.stop, MS_LIST_DONE);
	assert_int_equal(w.count, 5);
	assert_int_equal(c.n, 5);
	for (i = 0; i < 5; i++)
		assert_int_equal(c.seen[i], E(i));
}

static void
test_ring_include_head(void **state)
{
	struct ms_list_walk w = ring_walk();
	struct collect c = { 0 };

	(void)state;
	make_ring(3);
	w.include_head = true;
	assert_ms_ok(ms_list_walk(prog, &w, collect, &c));
	assert_int_equal(w.count, 4);
	assert_int_equal(c.seen[0], HEAD - OFF);
	assert_int_equal(c.seen[1], E(0));
	assert_int_equal(c.seen[3], E(2));
}

static void
test_ring_reverse(void **state)
{
	struct ms_list_walk w = ring_walk();
	struct collect c = { 0 };

	(void)state;
	make_ring(4);
	w.ptr_offset = 8;
	assert_ms_ok(ms_list_walk(prog, &w, collect, &c));
	assert_int_equal(w.count, 4);
	assert_int_equal(c.seen[0], E(3));
	assert_int_equal(c.seen[3], E(0));
}

static void
test_empty_ring(void **state)
{
	struct ms_list_walk w = ring_walk();
	struct collect c = { 0 };

	(void)state;
	make_ring(0);
	assert_ms_ok(ms_list_walk(prog, &w, collect, &c));
	assert_int_equal(w.stop, MS_LIST_DONE);
	assert_int_equal(w.count, 0);
	w.include_head = true;
	assert_ms_ok(ms_list_walk(prog, &w, collect, &c));
	assert_int_equal(w.count, 1);
	assert_int_equal(c.seen[0], HEAD - OFF);
}

static void
test_end_address(void **state)
{
	struct ms_list_walk w = ring_walk();
	struct collect c = { 0 };

	(void)state;
	make_ring(5);
	w.end = E(2);
	assert_ms_ok(ms_list_walk(prog, &w, collect, &c));
	assert_int_equal(w.count, 2);
}

/* linear list: next pointer at +8 points at the next entry itself */
static void
test_null_terminated(void **state)
{
	struct ms_list_walk w = { .head = E(0), .next_offset = 8 };
	struct collect c = { 0 };

	(void)state;
	poke(E(0) + 8, E(1));
	poke(E(1) + 8, E(2));
	poke(E(2) + 8, E(3));
	poke(E(3) + 8, 0);
	assert_ms_ok(ms_list_walk(prog, &w, collect, &c));
	assert_int_equal(w.stop, MS_LIST_DONE);
	assert_int_equal(w.count, 4);
	assert_int_equal(c.seen[3], E(3));

	w.head = 0;			/* empty */
	c.n = 0;
	assert_ms_ok(ms_list_walk(prog, &w, collect, &c));
	assert_int_equal(w.count, 0);
	assert_int_equal(c.n, 0);
}

/* linear list with an end address, and a NULL head (an empty list) */
static void
test_linear_end(void **state)
{
	struct ms_list_walk w = { .head = E(0), .next_offset = 8, .end = E(2) };
	struct collect c = { 0 };

	(void)state;
	poke(E(0) + 8, E(1));
	poke(E(1) + 8, E(2));
	poke(E(2) + 8, E(3));
	poke(E(3) + 8, 0);
	assert_ms_ok(ms_list_walk(prog, &w, collect, &c));
	assert_int_equal(w.count, 2);
	assert_int_equal(c.seen[1], E(1));
	w.end = E(0);			/* the end is the start: nothing */
	c.n = 0;
	assert_ms_ok(ms_list_walk(prog, &w, collect, &c));
	assert_int_equal(w.count, 0);
}

/* the first entry of a linear list is unreadable: nothing is reported */
static void
test_linear_bad_start(void **state)
{
	struct ms_list_walk w = { .head = 0x5555000, .next_offset = 8 };
	struct collect c = { 0 };

	(void)state;
	const char *msg = walk_fails(&w, collect, &c, MS_ERR_FAULT);
	assert_int_equal(w.stop, MS_LIST_BADPTR);
	assert_int_equal(w.bad_entry, 0x5555000);
	assert_int_equal(c.n, 0);
	assert_string_equal(msg, "list 5555000: entry 5555000: invalid kernel virtual "
			    "address: 5555008  type: \"list entry\"");
}

static void
test_linear_back_to_head(void **state)
{
	struct ms_list_walk w = { .head = E(0), .next_offset = 8 };
	struct collect c = { 0 };

	(void)state;
	poke(E(0) + 8, E(1));
	poke(E(1) + 8, E(0));
	assert_ms_ok(ms_list_walk(prog, &w, collect, &c));
	assert_int_equal(w.stop, MS_LIST_DONE);
	assert_int_equal(w.count, 2);
}

static void
test_cycle_not_through_head(void **state)
{
	struct ms_list_walk w = ring_walk();
	struct collect c = { 0 };

	(void)state;
	make_ring(4);
	poke(L(3), L(1));		/* E3 -> E1 */
	const char *msg = walk_fails(&w, collect, &c, MS_ERR_CORRUPT);
	assert_int_equal(w.stop, MS_LIST_CYCLE);
	assert_int_equal(w.count, 4);	/* each entry reported once */
	assert_int_equal(w.bad_entry, E(1));
	assert_string_equal(msg, "list_head 1000: entry 2100: duplicate entry (cycle)");
}

static void
test_linear_cycle(void **state)
{
	struct ms_list_walk w = { .head = E(0), .next_offset = 8 };
	struct collect c = { 0 };

	(void)state;
	poke(E(0) + 8, E(1));
	poke(E(1) + 8, E(2));
	poke(E(2) + 8, E(1));
	const char *msg = walk_fails(&w, collect, &c, MS_ERR_CORRUPT);
	assert_int_equal(w.stop, MS_LIST_CYCLE);
	assert_int_equal(w.count, 3);
	assert_int_equal(w.bad_entry, E(1));
	assert_string_equal(msg, "list 2000: entry 2100: duplicate entry (cycle)");
}

static void
test_self_loop(void **state)
{
	struct ms_list_walk w = ring_walk();
	struct collect c = { 0 };

	(void)state;
	make_ring(3);
	poke(L(1), L(1));
	const char *msg = walk_fails(&w, collect, &c, MS_ERR_CORRUPT);
	assert_int_equal(w.stop, MS_LIST_CYCLE);
	assert_int_equal(w.count, 2);
	assert_int_equal(w.bad_entry, E(1));
	assert_string_equal(msg, "list_head 1000: entry 2100: duplicate entry (cycle)");
}

static void
test_unreadable_next(void **state)
{
	struct ms_list_walk w = ring_walk();
	struct collect c = { 0 };

	(void)state;
	make_ring(5);
	poke(L(2), 0xdead0000);
	const char *msg = walk_fails(&w, collect, &c, MS_ERR_FAULT);
	assert_int_equal(w.stop, MS_LIST_BADPTR);
	assert_int_equal(w.count, 3);	/* the bad entry is never handed out */
	assert_int_equal(c.n, 3);
	assert_int_equal(w.bad_entry, 0xdead0000 - OFF);
	assert_string_equal(msg,
			    "list_head 1000: entry deacfff0: invalid kernel virtual address: "
			    "dead0000  type: \"list entry\"");
}

static void
test_unreadable_head(void **state)
{
	struct ms_list_walk w = ring_walk();
	struct collect c = { 0 };

	(void)state;
	w.head = 0x7777000;
	const char *msg = walk_fails(&w, collect, &c, MS_ERR_FAULT);
	assert_int_equal(w.stop, MS_LIST_BADPTR);
	assert_int_equal(w.count, 0);
	assert_int_equal(c.n, 0);
	assert_non_null(strstr(msg, "invalid kernel virtual address: 7777000"));
}

static void
test_null_in_ring(void **state)
{
	struct ms_list_walk w = ring_walk();
	struct collect c = { 0 };

	(void)state;
	make_ring(4);
	poke(L(1), 0);
	const char *msg = walk_fails(&w, collect, &c, MS_ERR_CORRUPT);
	assert_int_equal(w.stop, MS_LIST_NULLPTR);
	assert_int_equal(w.count, 2);
	assert_int_equal(w.bad_entry, E(1));
	assert_string_equal(msg, "list_head 1000: entry 2100: NULL next pointer");
}

static void
test_bound(void **state)
{
	struct ms_list_walk w = ring_walk();
	struct collect c = { 0 };

	(void)state;
	make_ring(5);
	w.max = 3;
	const char *msg = walk_fails(&w, collect, &c, MS_ERR_CORRUPT);
	assert_int_equal(w.stop, MS_LIST_BOUND);
	assert_int_equal(w.count, 3);
	assert_int_equal(w.bad_entry, E(3));
	assert_non_null(strstr(msg, "more than 3 entries"));
	w.max = 5;			/* exactly the length: fine */
	c.n = 0;
	assert_ms_ok(ms_list_walk(prog, &w, collect, &c));
	assert_int_equal(w.count, 5);
}

static void
test_callback_stop_and_error(void **state)
{
	struct ms_list_walk w = ring_walk();
	struct collect c = { .stop_at = 2, .stop_ret = 1 };

	(void)state;
	make_ring(5);
	assert_ms_ok(ms_list_walk(prog, &w, collect, &c));
	assert_int_equal(w.stop, MS_LIST_CALLBACK);
	assert_int_equal(w.count, 2);

	c.n = 0;
	c.stop_ret = -1;
	const char *msg = walk_fails(&w, collect, &c, MS_ERR_OTHER);
	assert_int_equal(w.stop, MS_LIST_ERROR);
	assert_int_equal(w.bad_entry, E(1));
	assert_string_equal(msg, "list_head 1000: entry 2100: callback failed");
}

/* A list longer than the hash set, without a cycle: no false alarm. */
static void
test_long_list(void **state)
{
	struct ms_list_walk w = { .head = BIG, .next_offset = 8 };
	uint64_t n = 0;

	(void)state;
	big_n = MS_LIST_HASH_MAX + 50000;
	assert_ms_ok(ms_list_walk(prog, &w, count_only, &n));
	assert_int_equal(w.stop, MS_LIST_DONE);
	assert_int_equal(w.count, big_n);
	assert_int_equal(n, big_n);
}

/* A cycle beyond the hash set's reach: Brent's algorithm finds it. */
static void
test_long_cycle(void **state)
{
	struct ms_list_walk w = { .head = BIG, .next_offset = 8 };
	uint64_t n = 0, lambda;

	(void)state;
	big_n = MS_LIST_HASH_MAX + 50000;
	big_loop_to = BIG + 500 * 32;
	lambda = big_n - 500;
	const char *msg = walk_fails(&w, count_only, &n, MS_ERR_CORRUPT);
	assert_int_equal(w.stop, MS_LIST_CYCLE);
	assert_true(w.count >= big_n);
	assert_true(w.count <= big_n + 2 * lambda);
	assert_true(w.bad_entry >= BIG + 500 * 32 && w.bad_entry < BIG + big_n * 32);
	assert_non_null(strstr(msg, "duplicate entry (cycle)"));
}

/* A cycle within the hash set is caught at the first repeat. */
static void
test_cycle_exact_within_hash(void **state)
{
	struct ms_list_walk w = { .head = BIG, .next_offset = 8 };
	uint64_t n = 0;

	(void)state;
	big_n = 100000;
	big_loop_to = BIG + 7 * 32;
	const char *msg = walk_fails(&w, count_only, &n, MS_ERR_CORRUPT);
	assert_int_equal(w.stop, MS_LIST_CYCLE);
	assert_int_equal(w.count, big_n);
	assert_int_equal(w.bad_entry, BIG + 7 * 32);
	assert_string_equal(msg, "list 100000000: entry 1000000e0: duplicate entry (cycle)");
}

/* A walk from another walk's callback: each finds its own cycles, and the
 * set the outer one keeps is not disturbed (nor left dirty for the next). */
static struct ms_error *
inner_walk(uint64_t entry, void *arg)
{
	struct ms_list_walk w = ring_walk();
	struct collect c = { 0 };

	(void)entry;
	assert_ms_ok(ms_list_walk(prog, &w, collect, &c));
	assert_int_equal(w.stop, MS_LIST_DONE);
	assert_int_equal(c.n, 5);
	(*(int *)arg)++;
	return NULL;
}

static void
test_nested_walk(void **state)
{
	struct ms_list_walk w = ring_walk();
	struct collect c = { 0 };
	uint64_t n = 0;
	int calls = 0;

	(void)state;
	make_ring(5);
	assert_ms_ok(ms_list_walk(prog, &w, inner_walk, &calls));
	assert_int_equal(w.stop, MS_LIST_DONE);
	assert_int_equal(calls, 5);
	/* the same entries again: no stale "duplicate" from the walks before */
	w = ring_walk();
	assert_ms_ok(ms_list_walk(prog, &w, collect, &c));
	assert_int_equal(c.n, 5);
	/* and a real cycle is still caught at its first repeat */
	poke(L(4), L(2));
	w = ring_walk();
	walk_fails(&w, count_only, &n, MS_ERR_CORRUPT);
	assert_int_equal(w.stop, MS_LIST_CYCLE);
	assert_int_equal(w.count, 5);
	assert_int_equal(w.bad_entry, E(2));
}

static void
test_interrupted(void **state)
{
	struct ms_list_walk w = { .head = BIG, .next_offset = 8 };
	uint64_t n = 0;

	(void)state;
	big_n = 100000;
	ms_test_interrupt_after = 2;
	const char *msg = walk_fails(&w, count_only, &n, MS_ERR_INTERRUPTED);
	assert_int_equal(w.stop, MS_LIST_INTERRUPTED);
	assert_string_equal(msg, "interrupted");	/* the static error takes no context */
	assert_true(w.count < big_n);
	assert_string_equal(ms_list_stop_name(w.stop), "interrupted");
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup(f, setup)
	const struct CMUnitTest tests[] = {
		T(test_ring), T(test_ring_include_head), T(test_ring_reverse),
		T(test_empty_ring), T(test_end_address), T(test_null_terminated),
		T(test_linear_back_to_head), T(test_linear_end), T(test_linear_bad_start),
		T(test_cycle_not_through_head),
		T(test_linear_cycle), T(test_self_loop), T(test_unreadable_next),
		T(test_unreadable_head), T(test_null_in_ring), T(test_bound),
		T(test_callback_stop_and_error), T(test_long_list), T(test_long_cycle),
		T(test_cycle_exact_within_hash), T(test_interrupted), T(test_nested_walk),
	};

	int rc;

	if (ms_program_create(&prog))
		return 1;
	ms_program_set_reader(prog, fake_read, NULL);
	rc = cmocka_run_group_tests_name("list", tests, NULL, NULL);
	ms_program_destroy(prog);
	return rc;
}
