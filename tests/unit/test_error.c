/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_error.c - typed errors (core/error.c): each kind's constructor and
 * the data it carries, catch for fallbacks, prepend for context, copies, and
 * the static out-of-memory error when allocation fails (calloc is wrapped:
 * -Wl,--wrap=calloc).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/error.h"

static bool fail_calloc;

void *__real_calloc(size_t n, size_t size);
void *__wrap_calloc(size_t n, size_t size)
{
	return fail_calloc ? NULL : __real_calloc(n, size);
}

static void test_kinds(void **state)
{
	struct ms_error *err;

	(void)state;
	err = ms_error_fault(MS_PHYSADDR, 0x1234, "invalid physical address: %x  type: \"%s\"",
			     0x1234, "page");
	assert_int_equal(err->kind, MS_ERR_FAULT);
	assert_string_equal(err->message, "invalid physical address: 1234  type: \"page\"");
	assert_int_equal(err->address, 0x1234);
	assert_int_equal(err->as, MS_PHYSADDR);
	ms_error_destroy(err);

	err = ms_error_lookup("zone.present_pages", "struct zone has no member %s", "present_pages");
	assert_int_equal(err->kind, MS_ERR_LOOKUP);
	assert_string_equal(err->name, "zone.present_pages");
	assert_string_equal(err->message, "struct zone has no member present_pages");
	ms_error_destroy(err);

	err = ms_error_lookup(NULL, "no %s", "thing");
	assert_null(err->name);
	ms_error_destroy(err);

	err = ms_error_corrupt(0xffff8800, "duplicate entry (cycle)");
	assert_int_equal(err->kind, MS_ERR_CORRUPT);
	assert_int_equal(err->address, 0xffff8800);
	ms_error_destroy(err);

	err = ms_error_os(ENOENT, "/no/such", "%s: %s", "/no/such", strerror(ENOENT));
	assert_int_equal(err->kind, MS_ERR_OS);
	assert_int_equal(err->errnum, ENOENT);
	assert_string_equal(err->path, "/no/such");
	assert_string_equal(err->message, "/no/such: No such file or directory");
	ms_error_destroy(err);

	err = ms_error_usage("invalid count request: %d", 0);
	assert_int_equal(err->kind, MS_ERR_USAGE);
	assert_string_equal(err->message, "invalid count request: 0");
	ms_error_destroy(err);

	err = ms_error_create(MS_ERR_OTHER, "plain");
	assert_int_equal(err->kind, MS_ERR_OTHER);
	assert_string_equal(ms_error_kind_name(err->kind), "other");
	ms_error_destroy(err);

	assert_int_equal(ms_enomem.kind, MS_ERR_NOMEM);
	assert_int_equal(ms_interrupted_error.kind, MS_ERR_INTERRUPTED);
	assert_string_equal(ms_error_kind_name(MS_ERR_FAULT), "fault");
	assert_string_equal(ms_error_kind_name(MS_ERR_LOOKUP), "lookup");
}

/* A member lookup that fails as LOOKUP falls back; any other error is kept. */
static struct ms_error *read_member(const char *name, struct ms_error *(*result)(void))
{
	(void)name;
	return result ? result() : NULL;
}

static struct ms_error *missing(void)
{
	return ms_error_lookup("page._count", "no member _count");
}

static struct ms_error *faulting(void)
{
	return ms_error_fault(MS_KVADDR, 8, "invalid kernel virtual address: 8  type: \"x\"");
}

static void test_catch(void **state)
{
	struct ms_error *err;

	(void)state;
	err = read_member("_count", missing);
	assert_true(ms_error_catch(&err, MS_ERR_LOOKUP));
	assert_null(err);
	err = read_member("_refcount", NULL);	/* the fallback works */
	assert_null(err);

	err = read_member("_count", faulting);
	assert_false(ms_error_catch(&err, MS_ERR_LOOKUP));
	assert_non_null(err);
	assert_int_equal(err->kind, MS_ERR_FAULT);
	ms_error_destroy(err);

	err = NULL;
	assert_false(ms_error_catch(&err, MS_ERR_LOOKUP));
	assert_null(err);
}

static void test_prepend(void **state)
{
	struct ms_error *err;

	(void)state;
	err = ms_error_fault(MS_KVADDR, 0x10, "invalid kernel virtual address: 10  type: \"list entry\"");
	err = ms_error_prepend(err, "list_head %x: entry %x", 0x100, 0xf0);
	err = ms_error_prepend(err, "zone %s free_area[%d]", "Normal", 3);
	assert_string_equal(err->message, "zone Normal free_area[3]: list_head 100: entry f0: "
			    "invalid kernel virtual address: 10  type: \"list entry\"");
	/* the kind and the data stay */
	assert_int_equal(err->kind, MS_ERR_FAULT);
	assert_int_equal(err->address, 0x10);
	ms_error_destroy(err);

	assert_ptr_equal(ms_error_prepend(&ms_enomem, "context"), &ms_enomem);
	assert_string_equal(ms_enomem.message, "out of memory");
	assert_null(ms_error_prepend(NULL, "context"));
}

static void test_copy(void **state)
{
	struct ms_error *err, *c;

	(void)state;
	err = ms_error_lookup("struct foo", "No struct type named foo.");
	c = ms_error_copy(err);
	assert_ptr_not_equal(c, err);
	assert_ptr_not_equal(c->message, err->message);
	ms_error_destroy(err);
	assert_int_equal(c->kind, MS_ERR_LOOKUP);
	assert_string_equal(c->name, "struct foo");
	assert_string_equal(c->message, "No struct type named foo.");
	ms_error_destroy(c);
	assert_ptr_equal(ms_error_copy(&ms_interrupted_error), &ms_interrupted_error);
	ms_error_destroy(&ms_interrupted_error);	/* a no-op */
	ms_error_destroy(NULL);
	assert_string_equal(ms_interrupted_error.message, "interrupted");
}

static void test_enomem(void **state)
{
	struct ms_error *err;

	(void)state;
	fail_calloc = true;
	err = ms_error_fault(MS_KVADDR, 1, "fault");
	fail_calloc = false;
	assert_ptr_equal(err, &ms_enomem);
	assert_int_equal(err->kind, MS_ERR_NOMEM);
	/* the singleton carries none of the fault's data */
	assert_int_equal(ms_enomem.address, 0);
	ms_error_destroy(err);
	fail_calloc = true;
	err = ms_error_lookup("x", "x");
	fail_calloc = false;
	assert_ptr_equal(err, &ms_enomem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_catch),
		cmocka_unit_test(test_prepend),
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_enomem),
	};

	return cmocka_run_group_tests_name("error", tests, NULL, NULL);
}
