/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_cmdline_dispatch.c - the dispatcher (core/command.c): getopt reset
 * between commands, the usage block, unknown commands, failure counting,
 * errors copied into a redirection, address parsing.  Symbols and types are
 * stubbed: one symbol "jiffies".
 */
#include <getopt.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/command.h"
#include "core/error.h"
#include "core/output.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/types.h"
#include "tests/unit/test_assert.h"

/* ---- stubs of the symbol and type layers ---- */

static const struct ms_symbol jiffies = { "jiffies", 0xffffffff81a00000ULL, 8, 'D', false };
static bool symbols_loaded;	/* as if a debuginfo were open */

const struct ms_symbol *ms_symbol_find(struct ms_program *prog, const char *name)
{
	(void)prog;
	return symbols_loaded && !strcmp(name, "jiffies") ? &jiffies : NULL;
}

const struct ms_type *ms_type_get(struct ms_program *prog, const char *name)
{
	(void)prog;
	(void)name;
	return NULL;
}

/* ---- a command to dispatch to ---- */

extern const struct ms_command cmd_fake;

static int fake_handler(struct ms_session *sess, int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "ab")) != -1) {
		switch (c) {
		case 'a':
			fprintf(ms_fp, "option a\n");
			break;
		case 'b':
			fprintf(ms_fp, "option b\n");
			break;
		default:
			return ms_cmd_usage(sess, &cmd_fake);
		}
	}
	if (optind < argc && !strcmp(argv[optind], "fail"))
		return ms_cmd_error(sess, "it failed: %s", "because");
	if (optind < argc && !strcmp(argv[optind], "fault"))
		return ms_cmd_fail(sess, ms_error_prepend(ms_error_fault(MS_KVADDR, 0x1234,
			"invalid kernel virtual address: 1234  type: \"%s\"", "page"), "page %d", 7));
	if (optind < argc && !strcmp(argv[optind], "interrupted"))
		return ms_cmd_fail(sess, &ms_interrupted_error);
	return 0;
}

const struct ms_command cmd_fake = {
	.name = "fake",
	.handler = fake_handler,
	.summary = "a fake command",
	.synopsis = "fake [-a|-b] [fail]\n     [more]",
};

static const struct ms_command *const commands[] = { &cmd_fake, NULL };
static struct ms_session sess;

/* Run argv with output into a file; return what the file got. */
static char *run(const char *first, ...)
{
	static char buf[4096];
	char path[] = "/tmp/test_dispatch.XXXXXX";
	char *argv[16];
	int argc = 0, fd = mkstemp(path);
	va_list ap;
	FILE *fp;
	size_t n;

	assert_true(fd >= 0);
	close(fd);
	va_start(ap, first);
	for (const char *a = first; a; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	assert_ms_ok(ms_output_begin(MS_DEST_FILE, path, false));
	ms_command_run(&sess, argc, argv);
	ms_output_end();
	fp = fopen(path, "r");
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	unlink(path);
	return buf;
}

static void test_getopt_reset(void **state)
{
	(void)state;
	sess.nr_failed = sess.nr_usage_failed = 0;
	assert_string_equal(run("fake", "-a", NULL), "option a\n");
	assert_string_equal(run("fake", "-b", NULL), "option b\n");
	assert_string_equal(run("fake", "x", "-a", NULL), "option a\n");	/* options anywhere */
	assert_int_equal(sess.nr_failed, 0);
	assert_null(sess.cmd_name);
}

static void test_usage(void **state)
{
	(void)state;
	sess.nr_failed = sess.nr_usage_failed = 0;
	opterr = 0;
	assert_string_equal(run("fake", "-z", NULL),
			    "Usage:\n  fake [-a|-b] [fail]\n       [more]\n"
			    "Enter \"help fake\" for details.\n");
	assert_int_equal(sess.nr_failed, 1);
	assert_int_equal(sess.nr_usage_failed, 1);
}

static void test_errors(void **state)
{
	(void)state;
	sess.nr_failed = sess.nr_usage_failed = 0;
	/* the error goes to stdout and into the redirection */
	assert_string_equal(run("fake", "fail", NULL), "fake: it failed: because\n");
	assert_int_equal(sess.nr_failed, 1);
	assert_int_equal(sess.nr_usage_failed, 0);
	assert_false(sess.cmd_failed && sess.cmd_name);
	assert_string_equal(run("nosuch", "-x", NULL), "mmscope: command not found: nosuch\n");
	assert_int_equal(sess.nr_failed, 2);
	/* a successful command afterwards does not count */
	run("fake", NULL);
	assert_int_equal(sess.nr_failed, 2);
	/* a typed error is printed with the command's name, context first */
	assert_string_equal(run("fake", "fault", NULL),
			    "fake: page 7: invalid kernel virtual address: 1234  type: \"page\"\n");
	assert_int_equal(sess.nr_failed, 3);
	/* an interrupted command prints nothing and is not marked failed by it */
	assert_string_equal(run("fake", "interrupted", NULL), "");
	assert_false(sess.cmd_failed);
}

/* the symbol layer is the stub above: no program */
static struct ms_error *parse_sym(const char *s, unsigned long long *ret)
{
	return ms_parse_addr_or_symbol(NULL, s, ret);
}

static void addr_is(const char *s, unsigned long long want)
{
	unsigned long long v = 0;
	struct ms_error *err = parse_sym(s, &v);

	if (err)
		fail_msg("\"%s\": %s", s, err->message);
	assert_int_equal(v, want);
}

static void addr_err(struct ms_error *(*fn)(const char *, unsigned long long *), const char *s,
		     enum ms_error_kind kind, const char *msg)
{
	unsigned long long v;

	assert_ms_err_msg(fn(s, &v), kind, msg);
}

static void test_parse_addr(void **state)
{
	unsigned long long v;

	(void)state;
	assert_ms_ok(ms_parse_addr("ffff880000001000", &v));
	assert_int_equal(v, 0xffff880000001000ULL);
	assert_ms_ok(ms_parse_addr("0x10", &v));
	assert_int_equal(v, 16);
	assert_ms_ok(ms_parse_addr("1000", &v));	/* hex, as crash's htol */
	assert_int_equal(v, 0x1000);
	assert_ms_ok(ms_parse_addr("00000000000000000001", &v));
	assert_int_equal(v, 1);
	addr_err(ms_parse_addr, "zz", MS_ERR_USAGE, "invalid input: \"zz\"");
	addr_err(ms_parse_addr, "0x", MS_ERR_USAGE, "invalid input: \"0x\"");
	addr_err(ms_parse_addr, "", MS_ERR_USAGE, "invalid input: \"\"");
	addr_err(ms_parse_addr, "1ffff880000001000", MS_ERR_USAGE, "input string too large: \"1ffff880000001000\" (17 vs 16)");

	symbols_loaded = true;
	addr_is("ffff8800", 0xffff8800ULL);
	addr_is("jiffies", 0xffffffff81a00000ULL);
	addr_is("jiffies+0x10", 0xffffffff81a00010ULL);
	addr_is("jiffies+16", 0xffffffff81a00010ULL);
	addr_is("jiffies-8", 0xffffffff819ffff8ULL);
	addr_is("(jiffies + 4k)", 0xffffffff81a01000ULL);
	addr_is("(1 << 4)", 16);
	addr_err(parse_sym, "nosuch", MS_ERR_LOOKUP, "symbol not found: nosuch");
	addr_err(parse_sym, "nosuch+8", MS_ERR_LOOKUP, "symbol not found: nosuch");
	addr_err(parse_sym, "(nosuch)", MS_ERR_USAGE, "invalid expression: (nosuch)");
	symbols_loaded = false;
	addr_err(parse_sym, "jiffies", MS_ERR_LOOKUP, "symbol not found: jiffies");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_getopt_reset),
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_parse_addr),
	};

	ms_session_init(&sess, commands);
	return cmocka_run_group_tests_name("cmdline_dispatch", tests, NULL, NULL);
}
