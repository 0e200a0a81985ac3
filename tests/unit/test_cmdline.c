/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_cmdline.c - splitting lines, tokenising, alias expansion (core/cmdline.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/cmdline.h"
#include "core/error.h"
#include "tests/unit/test_assert.h"

static void parse_ok(const char *line, const char *cmd, const char *pipe, const char *file,
		     bool append, bool shell)
{
	struct ms_cmdline cl;

	assert_ms_ok(ms_cmdline_parse(line, &cl));
	assert_string_equal(cl.cmd, cmd);
	if (pipe)
		assert_string_equal(cl.pipe, pipe);
	else
		assert_null(cl.pipe);
	if (file)
		assert_string_equal(cl.file, file);
	else
		assert_null(cl.file);
	assert_int_equal(cl.append, append);
	assert_int_equal(cl.shell, shell);
	ms_cmdline_free(&cl);
}

static void parse_err(const char *line, const char *msg)
{
	struct ms_cmdline cl;

	assert_ms_err_msg(ms_cmdline_parse(line, &cl), MS_ERR_USAGE, msg);
}

static void test_plain(void **state)
{
	(void)state;
	parse_ok("kmem -s", "kmem -s", NULL, NULL, false, false);
	parse_ok("   sys   ", "sys", NULL, NULL, false, false);
	parse_ok("", "", NULL, NULL, false, false);
}

static void test_pipes(void **state)
{
	(void)state;
	parse_ok("help | grep kmem", "help", "grep kmem", NULL, false, false);
	parse_ok("kmem -s | sort -k2 -n | tail", "kmem -s", "sort -k2 -n | tail", NULL, false, false);
	/* a '!' in the middle of a line is a pipe too, as in crash */
	parse_ok("sym -l !grep x", "sym -l", "grep x", NULL, false, false);
	/* inside parentheses or quotes nothing splits */
	parse_ok("eval (1 | 2)", "eval (1 | 2)", NULL, NULL, false, false);
	parse_ok("p (a != b)", "p (a != b)", NULL, NULL, false, false);
	parse_ok("alias kg \"kmem -s | grep x\"", "alias kg \"kmem -s | grep x\"", NULL, NULL,
		 false, false);
	parse_ok("eval ((1 << 4) | 3) | cat", "eval ((1 << 4) | 3)", "cat", NULL, false, false);
	/* crash's words (cmdline.c): nothing after the '|' or '!', or a '|' at the end */
	parse_err("help |", "no shell command after '|'");
	parse_err("help |   ", "no shell command after '|'");
	parse_err("p !", "no shell command after '!'");
	parse_err("help | cat |", "pipe to nowhere?");
	parse_err("help | cat | ", "pipe to nowhere?");
}

static void test_redirection(void **state)
{
	(void)state;
	parse_ok("kmem -s > out.txt", "kmem -s", NULL, "out.txt", false, false);
	parse_ok("kmem -s >> out.txt", "kmem -s", NULL, "out.txt", true, false);
	parse_ok("sys>f", "sys", NULL, "f", false, false);
	/* "->" is a member access */
	parse_ok("p page->lru", "p page->lru", NULL, NULL, false, false);
	parse_ok("p a->b > f", "p a->b", NULL, "f", false, false);
	parse_ok("eval (1 >> 2)", "eval (1 >> 2)", NULL, NULL, false, false);
	/* after the first '|' everything belongs to the shell */
	parse_ok("help | sort > f", "help", "sort > f", NULL, false, false);
	parse_err("sys >", "no file name after >");
	parse_err("sys >>  ", "no file name after >>");
}

static void test_shell(void **state)
{
	(void)state;
	parse_ok("!echo hi", "echo hi", NULL, NULL, false, true);
	parse_ok("  !  ls -l | wc", "ls -l | wc", NULL, NULL, false, true);
	parse_ok("|date", "date", NULL, NULL, false, true);
	parse_ok("!", "", NULL, NULL, false, true);
}

static void test_input_files(void **state)
{
	struct ms_cmdline cl;

	(void)state;
	assert_ms_ok(ms_cmdline_parse("< cmds.txt", &cl));
	assert_string_equal(cl.input, "cmds.txt");
	assert_null(cl.argfile);
	ms_cmdline_free(&cl);
	assert_ms_ok(ms_cmdline_parse("  <cmds.txt ", &cl));
	assert_string_equal(cl.input, "cmds.txt");
	ms_cmdline_free(&cl);
	assert_ms_ok(ms_cmdline_parse("kmem -p < pfns.txt", &cl));
	assert_null(cl.input);
	assert_string_equal(cl.cmd, "kmem -p");
	assert_string_equal(cl.argfile, "pfns.txt");
	ms_cmdline_free(&cl);
	assert_ms_ok(ms_cmdline_parse("kmem -p < pfns.txt | sort > out", &cl));
	assert_string_equal(cl.cmd, "kmem -p");
	assert_string_equal(cl.argfile, "pfns.txt");
	assert_string_equal(cl.pipe, "sort > out");
	ms_cmdline_free(&cl);
	assert_ms_ok(ms_cmdline_parse("rd < addrs >> out", &cl));
	assert_string_equal(cl.cmd, "rd");
	assert_string_equal(cl.argfile, "addrs");
	assert_string_equal(cl.file, "out");
	assert_true(cl.append);
	ms_cmdline_free(&cl);
	/* "<<" is eval's shift; '<' in parentheses or quotes is an operand */
	parse_ok("eval 1 << 4", "eval 1 << 4", NULL, NULL, false, false);
	parse_ok("p (a < b)", "p (a < b)", NULL, NULL, false, false);
	parse_ok("alias lt \"eval < f\"", "alias lt \"eval < f\"", NULL, NULL, false, false);
	parse_err("< ", "no file name after <");
	parse_err("eval <", "no file name after <");
}

static void test_balance(void **state)
{
	(void)state;
	parse_err("eval (1 + 2", "unbalanced parentheses");
	parse_err("eval 1 + 2)", "unbalanced parentheses");
	parse_err("alias x \"abc", "unbalanced quotes");
}

static void tok_ok(const char *s, int n, ...)
{
	va_list ap;
	char **argv;
	int argc;

	assert_ms_ok(ms_tokenize(s, &argc, &argv));
	assert_int_equal(argc, n);
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(argv[i], va_arg(ap, const char *));
	va_end(ap);
	assert_null(argv[n]);
	ms_argv_free(argv);
}

static void test_tokenize(void **state)
{
	char buf[1024] = "";
	char **argv;
	int argc;

	(void)state;
	tok_ok("kmem -s", 2, "kmem", "-s");
	tok_ok("  a\tb  c ", 3, "a", "b", "c");
	tok_ok("", 0);
	tok_ok("eval (1 + 2) * 3", 4, "eval", "(1 + 2)", "*", "3");
	tok_ok("eval ((1 << 4) | (2 + 3))", 2, "eval", "((1 << 4) | (2 + 3))");
	tok_ok("alias kg \"kmem -s | grep x\"", 3, "alias", "kg", "kmem -s | grep x");
	tok_ok("alias x \"\"", 3, "alias", "x", "");
	tok_ok("p foo(a b)", 2, "p", "foo(a b)");
	tok_ok("*page ffff8800", 3, "*", "page", "ffff8800");
	tok_ok("* page", 2, "*", "page");
	assert_ms_err_msg(ms_tokenize("p (a", &argc, &argv), MS_ERR_USAGE, "unbalanced parentheses");
	for (int i = 0; i < 101; i++)
		strcat(buf, "x ");
	assert_ms_err_msg(ms_tokenize(buf, &argc, &argv), MS_ERR_USAGE, "too many arguments (max 100)");
	buf[strlen(buf) - 2] = '\0';
	assert_ms_ok(ms_tokenize(buf, &argc, &argv));
	assert_int_equal(argc, 100);
	ms_argv_free(argv);
}

static struct ms_aliases aliases;

static void expand_is(const char *line, const char *want)
{
	char *got = ms_alias_expand(&aliases, line);

	assert_string_equal(got, want);
	free(got);
}

static void test_aliases(void **state)
{
	const struct ms_alias *a;

	(void)state;
	ms_aliases_init(&aliases);
	expand_is("man kmem", "help kmem");
	expand_is("exit", "q");
	expand_is("quit", "q");
	expand_is("sf", "set scroll off");
	expand_is("hex", "set radix 16");
	expand_is("px jiffies", "p -x jiffies");
	expand_is("*page ffff8800", "struct page ffff8800");
	expand_is("kmem -s", "kmem -s");
	expand_is("\\man x", "man x");
	a = ms_alias_find(&aliases, "?");
	assert_non_null(a);
	assert_true(a->builtin);
	assert_string_equal(a->command, "help");

	assert_ms_ok(ms_alias_set(&aliases, "kg", "kmem -s | grep x"));
	expand_is("kg", "kmem -s | grep x");
	expand_is("  kg > f", "kmem -s | grep x > f");
	expand_is("kg|wc", "kmem -s | grep x|wc");
	assert_ms_ok(ms_alias_set(&aliases, "kg", "kmem -f"));
	expand_is("kg", "kmem -f");
	assert_false(ms_alias_find(&aliases, "kg")->builtin);
	assert_ms_err_msg(ms_alias_set(&aliases, "man", "x"), MS_ERR_USAGE, "cannot redefine built-in alias: man");
	assert_ms_ok(ms_alias_delete(&aliases, "kg"));
	assert_null(ms_alias_find(&aliases, "kg"));
	assert_ms_err_msg(ms_alias_delete(&aliases, "kg"), MS_ERR_USAGE, "alias does not exist: kg");
	assert_ms_err(ms_alias_delete(&aliases, "man"), MS_ERR_USAGE, NULL);
	/* listing order: built-ins first */
	assert_string_equal(ms_alias_at(&aliases, 0)->name, "man");
	assert_ms_ok(ms_alias_set(&aliases, "zz", "sys"));
	for (unsigned i = 0; ms_alias_at(&aliases, i); i++)
		if (!ms_alias_at(&aliases, i + 1))
			assert_string_equal(ms_alias_at(&aliases, i)->name, "zz");
	ms_aliases_deinit(&aliases);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_pipes),
		cmocka_unit_test(test_redirection),
		cmocka_unit_test(test_shell),
		cmocka_unit_test(test_input_files),
		cmocka_unit_test(test_balance),
		cmocka_unit_test(test_tokenize),
		cmocka_unit_test(test_aliases),
	};

	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}
