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
#include "core/record.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/types.h"
#include "tests/unit/test_assert.h"

/* ---- stubs of the symbol and type layers ---- */

static const struct ms_symbol jiffies = { "jiffies", 0xffffffff81a00000ULL, 8, 'D', false, false };
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

/* A command with an option table and JSON output. */
static const struct ms_option opts_options[] = {
	{ .letter = 'a', .arg = MS_OPT_NOARG, .help = "an option" },
	{ .letter = 'm', .arg = MS_OPT_ARG, .argname = "member", .help = "with an argument" },
	{ .letter = 'i', .arg = MS_OPT_OPTARG, .argname = "=x", .help = "optional argument" },
	{ .letter = 'h', .arg = MS_OPT_NOARG },	/* hidden from usage and completion */
	{ 0 },
};

static int opts_handler(struct ms_session *sess, int argc, char **argv)
{
	struct ms_record *rec = ms_record_create();
	int c;

	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		if (c == '?') {
			ms_record_destroy(rec);
			return ms_cmd_usage(sess, NULL);
		}
		if (c == 'm')
			ms_record_add_str(rec, "m", optarg);
		else
			ms_record_add_bool(rec, (char[]){ (char)c, '\0' }, true);
	}
	ms_emit(sess, rec, NULL, NULL);
	return 0;
}

const struct ms_command cmd_opts = {
	.name = "opts",
	.handler = opts_handler,
	.flags = MS_CMD_JSON,
	.operands = "[address]",
	.options = opts_options,
};

static const struct ms_command *const commands[] = { &cmd_fake, &cmd_opts, NULL };
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

static void test_option_table(void **state)
{
	char buf[256];

	(void)state;
	ms_options_getopt_string(&cmd_opts, buf, sizeof(buf));
	assert_string_equal(buf, "am:i::h");
	ms_options_usage(&cmd_opts, buf, sizeof(buf));
	assert_string_equal(buf, "opts [-a] [-m member] [-i[=x]] [address]");
	assert_ptr_equal(ms_option_find(&cmd_opts, 'm'), &opts_options[1]);
	assert_null(ms_option_find(&cmd_opts, 'z'));
	/* the handler parses with the table's string, built by the dispatcher */
	assert_string_equal(run("opts", "-m", "lru", "-a", NULL), "m: lru\na: yes\n");
	assert_string_equal(run("opts", "-ix", NULL), "i: yes\n");
	/* a generated usage line when the command has no synopsis */
	opterr = 0;
	sess.nr_failed = sess.nr_usage_failed = 0;
	assert_string_equal(run("opts", "-z", NULL),
			    "Usage:\n  opts [-a] [-m member] [-i[=x]] [address]\n"
			    "Enter \"help opts\" for details.\n");
	assert_int_equal(sess.nr_usage_failed, 1);
	opterr = 1;
}

/* Run argv in JSON mode; *err_ret gets what went to stderr. */
static char *run_json(char **err_ret, const char *first, const char *second)
{
	static char err[4096];
	char path[] = "/tmp/test_dispatch_err.XXXXXX";
	int fd = mkstemp(path), saved = dup(2);
	char *out;
	FILE *fp;
	size_t n;

	assert_true(fd >= 0 && saved >= 0);
	fflush(stderr);
	dup2(fd, 2);
	sess.output_mode = MS_OUTPUT_JSON;
	out = second ? run(first, second, NULL) : run(first, NULL);
	sess.output_mode = MS_OUTPUT_TEXT;
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	fp = fopen(path, "r");
	n = fread(err, 1, sizeof(err) - 1, fp);
	err[n] = '\0';
	fclose(fp);
	unlink(path);
	*err_ret = err;
	return out;
}

static void test_json(void **state)
{
	char *err, *out;

	(void)state;
	sess.nr_failed = sess.nr_usage_failed = 0;
	/* a command with JSON: one document, schema and command first */
	out = run_json(&err, "opts", "-a");
	assert_string_equal(out, "{\n  \"schema\": 1,\n  \"command\": \"opts -a\",\n  \"a\": true\n}\n");
	assert_string_equal(err, "");
	/* a command without JSON is refused by the dispatcher, as a usage error,
	 * with a JSON error on stderr and nothing on stdout */
	out = run_json(&err, "fake", "-a");
	assert_string_equal(out, "");
	assert_string_equal(err, "{\"schema\":1,\"command\":\"fake -a\",\"error\":{\"kind\":\"usage\","
			    "\"message\":\"no JSON output: run it with \\\"set output text\\\"\"}}\n");
	assert_int_equal(sess.nr_usage_failed, 1);
	/* a typed error keeps its kind and address */
	sess.output_mode = MS_OUTPUT_JSON;
	{
		char path[] = "/tmp/test_dispatch_err2.XXXXXX";
		int fd = mkstemp(path), saved = dup(2);
		char buf[512];
		FILE *fp;
		size_t n;

		fflush(stderr);
		dup2(fd, 2);
		sess.cmd_name = "fake";
		ms_cmd_fail(&sess, ms_error_fault(MS_KVADDR, 0x1234, "invalid kernel virtual address: 1234"));
		sess.cmd_name = NULL;
		fflush(stderr);
		dup2(saved, 2);
		close(saved);
		close(fd);
		fp = fopen(path, "r");
		n = fread(buf, 1, sizeof(buf) - 1, fp);
		buf[n] = '\0';
		fclose(fp);
		unlink(path);
		assert_string_equal(buf, "{\"schema\":1,\"command\":\"fake\",\"error\":{\"kind\":\"fault\","
				    "\"message\":\"invalid kernel virtual address: 1234\",\"address\":\"0x1234\"}}\n");
	}
	sess.output_mode = MS_OUTPUT_TEXT;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_getopt_reset),
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_parse_addr),
		cmocka_unit_test(test_option_table),
		cmocka_unit_test(test_json),
	};

	ms_session_init(&sess, commands);
	return cmocka_run_group_tests_name("cmdline_dispatch", tests, NULL, NULL);
}
