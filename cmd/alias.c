/* SPDX-License-Identifier: GPL-2.0-or-later */
/* alias.c - "alias": list, show, create and delete command aliases. */
#include <stdio.h>
#include <string.h>

#include "core/cmdline.h"
#include "core/command.h"
#include "core/error.h"
#include "core/output.h"
#include "core/session.h"

extern const struct ms_command cmd_alias;

static void show_header(void)
{
	fprintf(ms_fp, "%-7s  %-7s  %s\n", "ORIGIN", "ALIAS", "COMMAND");
}

static void show(const struct ms_alias *a)
{
	int argc;
	char **argv;
	struct ms_error *err;

	fprintf(ms_fp, "%-7s  %-7s  ", a->builtin ? "builtin" : "runtime", a->name);
	/* crash prints each word followed by a space */
	if (!(err = ms_tokenize(a->command, &argc, &argv))) {
		for (int i = 0; i < argc; i++)
			fprintf(ms_fp, "%s ", argv[i]);
		ms_argv_free(argv);
	} else {
		ms_error_destroy(err);	/* unbalanced: shown as it was given */
		fprintf(ms_fp, "%s ", a->command);
	}
	fputc('\n', ms_fp);
}

static int cmd_alias_handler(struct ms_session *sess, int argc, char **argv)
{
	const struct ms_alias *a;
	char cmd[1024] = "";
	struct ms_error *err;

	if (argc == 1) {
		show_header();
		for (unsigned i = 0; (a = ms_alias_at(&sess->aliases, i)); i++)
			show(a);
		return 0;
	}
	if (argv[1][0] == '-')
		return ms_cmd_usage(sess, &cmd_alias);
	if (argc == 2) {
		a = ms_alias_find(&sess->aliases, argv[1]);
		if (!a)
			return ms_cmd_error(sess, "alias does not exist: %s", argv[1]);
		show_header();
		show(a);
		return 0;
	}
	if (argc == 3 && !argv[2][0]) {
		if ((err = ms_alias_delete(&sess->aliases, argv[1])))
			return ms_cmd_fail(sess, err);
		fprintf(ms_fp, "alias deleted: %s\n", argv[1]);
		return 0;
	}
	if (ms_command_find(sess, argv[1]))
		return ms_cmd_error(sess, "cannot alias an existing command: %s", argv[1]);
	for (int i = 2; i < argc; i++) {
		if (i > 2)
			strncat(cmd, " ", sizeof(cmd) - strlen(cmd) - 1);
		strncat(cmd, argv[i], sizeof(cmd) - strlen(cmd) - 1);
	}
	if ((err = ms_alias_set(&sess->aliases, argv[1], cmd)))
		return ms_cmd_fail(sess, err);
	show_header();
	show(ms_alias_find(&sess->aliases, argv[1]));
	return 0;
}

const struct ms_command cmd_alias = {
	.name = "alias",
	.handler = cmd_alias_handler,
	.flags = MS_CMD_PAGER,
	.summary = "command aliases",
	.synopsis = "alias [alias] [command string]",
	.help =
"  With no argument, lists every alias, built-in and runtime.  With an alias\n"
"  name alone, shows that alias.  With a name and a command string, creates\n"
"  or replaces a runtime alias; quote the string if it holds '|' or '>'.  An\n"
"  empty string (\"\") deletes a runtime alias.  The first word of a command\n"
"  line is replaced by its alias, once; write \\WORD to bypass an alias.\n"
"\n"
"  Built-in aliases: man and ? (help), quit and exit (q), sf and sn (set\n"
"  scroll off/on), hex and dec (set radix 16/10), px and pd (p -x, p -d),\n"
"  * (struct, as in \"*page ADDRESS\").\n"
"\n"
"EXAMPLES\n"
"    mmscope> alias kf \"kmem -f\"\n"
"    ORIGIN   ALIAS    COMMAND\n"
"    runtime  kf       kmem -f \n"
"\n"
"    mmscope> alias kf \"\"\n"
"    alias deleted: kf\n",
};
