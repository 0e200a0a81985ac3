/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_record.c - records and their JSON and text renderings (core/record.c).
 * The expected strings are written by hand from the JSON grammar (RFC 8259)
 * and the schema in mmscope(1), JSON OUTPUT.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/record.h"

/* @p rec rendered by @p fn into a malloc()ed string. */
static char *render(const struct ms_record *rec, int how)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	if (how == 0)
		ms_record_write_json(rec, fp, false);
	else if (how == 1)
		ms_record_write_json(rec, fp, true);
	else
		ms_record_write_text(rec, fp);
	fclose(fp);
	return buf;
}

static void is(const struct ms_record *rec, int how, const char *want)
{
	char *got = render(rec, how);

	assert_string_equal(got, want);
	free(got);
}

static void test_scalars(void **state)
{
	struct ms_record *r = ms_record_create();

	(void)state;
	ms_record_add_u64(r, "pfn", 18446744073709551615ULL);
	ms_record_add_s64(r, "mapcount", -128);
	ms_record_add_addr(r, "page", 0xffffea0000000040ULL);
	ms_record_add_str(r, "zone", "DMA32");
	ms_record_add_bool(r, "verified", true);
	ms_record_add_opt_s64(r, "present_pages", false, 5);	/* not available: null, never 5 or 0 */
	ms_record_add_str(r, "name", NULL);
	is(r, 0, "{\"pfn\":18446744073709551615,\"mapcount\":-128,\"page\":\"0xffffea0000000040\","
	   "\"zone\":\"DMA32\",\"verified\":true,\"present_pages\":null,\"name\":null}");
	is(r, 2, "pfn: 18446744073709551615\nmapcount: -128\npage: ffffea0000000040\nzone: DMA32\n"
	   "verified: yes\npresent_pages: (not available)\nname: (not available)\n");
	assert_int_equal(ms_record_get_u64(r, "page", 0), 0xffffea0000000040ULL);
	assert_int_equal(ms_record_get_s64(r, "mapcount", 0), -128);
	assert_string_equal(ms_record_get_str(r, "zone", NULL), "DMA32");
	assert_false(ms_record_has(r, "present_pages"));
	assert_true(ms_record_has(r, "pfn"));
	assert_null(ms_record_get(r, "nosuch"));
	assert_int_equal(ms_record_get_s64(r, "present_pages", 42), 42);
	ms_record_destroy(r);
}

static void test_escapes(void **state)
{
	struct ms_record *r = ms_record_create();

	(void)state;
	ms_record_add_str(r, "msg", "a \"quoted\" back\\slash\nnew\ttab\x01");
	is(r, 0, "{\"msg\":\"a \\\"quoted\\\" back\\\\slash\\nnew\\ttab\\u0001\"}");
	ms_record_destroy(r);
}

static void test_nested(void **state)
{
	struct ms_record *r = ms_record_create(), *zones, *z, *nr;

	(void)state;
	zones = ms_record_add_list(r, "zones");
	z = ms_record_append_record(zones);
	ms_record_add_s64(z, "node", 0);
	nr = ms_record_add_list(z, "nr_free");
	ms_record_append_u64(nr, 7);
	ms_record_append_u64(nr, 2);
	ms_record_add_list(r, "errors");
	is(r, 0, "{\"zones\":[{\"node\":0,\"nr_free\":[7,2]}],\"errors\":[]}");
	/* pretty: two spaces a level; a list of scalars stays on one line */
	is(r, 1, "{\n  \"zones\": [\n    {\n      \"node\": 0,\n      \"nr_free\": [7, 2]\n    }\n  ],\n"
	   "  \"errors\": []\n}");
	is(r, 2, "zones:\n  -\n    node: 0\n    nr_free:\n      7\n      2\nerrors:\n");
	/* reset keeps nothing */
	ms_record_reset(r);
	is(r, 0, "{}");
	ms_record_destroy(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_nested),
	};

	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
