/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * help.c - "help": the list of commands, and one command's page in crash's
 * layout (NAME, SYNOPSIS, DESCRIPTION) built from its table entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "core/cmdline.h"
#include "core/command.h"
#include "core/error.h"
#include "core/output.h"
#include "core/session.h"

static const char help_input[] =
"\n"
"INPUT\n"
"  At a terminal, commands are read with readline: the prompt is \"mmscope> \",\n"
"  history is kept in ~/.mmscope_history, and TAB completes command names,\n"
"  their options, symbols, and struct names and members (\"page.lr<TAB>\").\n"
"  Ctrl-C stops the running command and returns to the prompt; Ctrl-D leaves.\n"
"\n"
"  When standard input is not a terminal, or with \"-i FILE\", mmscope runs in\n"
"  batch mode: one command per line, each echoed as \"mmscope> LINE\" before its\n"
"  output unless -s was given.  Blank lines and lines starting with # or //\n"
"  are skipped.  A command that fails prints its error and the next line runs.\n"
"  \"-i FILE\" runs FILE first, then reads standard input.\n"
"\n"
"  Words are separated by blanks.  A \"double quoted string\" is one word and\n"
"  a (parenthesised expression) is one word, so that \"eval (1 << 12)\" and\n"
"  \"eval (a | b)\" reach the command intact.\n"
"\n"
"  Aliases (see \"help alias\") replace the first word of a line; write\n"
"  \\WORD to run the command WORD itself.  A first word that is no command\n"
"  but a symbol is printed with \"p\"; a struct or union name runs \"struct\".\n"
"\n"
"  \"< FILE\" at the start of a line runs FILE's commands, as -i does (input\n"
"  files do not nest).  \"COMMAND ARGS < FILE\" runs COMMAND ARGS once per line\n"
"  of FILE, with that line's words appended: \"kmem -p < pfns.txt\".\n"
"\n"
"  History: \"h\" (or hi, hist, history) lists the command lines run so far,\n"
"  numbered from 1.  \"r\" or \"!!\" runs the last one again, \"r N\", \"rN\" or\n"
"  \"!N\" entry N, \"r PREFIX\" the newest line starting with PREFIX; the line\n"
"  is echoed first.\n"
"\n";

static const char help_output[] =
"\n"
"OUTPUT\n"
"  COMMAND | PIPELINE   the output of COMMAND goes to the shell pipeline\n"
"  COMMAND > FILE       the output goes to FILE (truncated)\n"
"  COMMAND >> FILE      the output is appended to FILE\n"
"  !SHELL-COMMAND       runs SHELL-COMMAND with /bin/sh; \"!\" alone starts a shell\n"
"                       (vi, pwd, grep, cat, more, less, echo, ls and clear\n"
"                       need no \"!\")\n"
"\n"
"  Characters inside parentheses and double quotes never split a line: use\n"
"  \"eval (x >> 3)\" for a shift.  A \">\" after \"-\" is not a redirection, so\n"
"  \"p page->lru\" works.\n"
"\n"
"  Errors are printed to standard output as \"COMMAND: message\"; when the output\n"
"  is piped or redirected they are written there too.\n"
"\n"
"  At a terminal long output goes through a pager: $PAGER, or \"less -E -X\".\n"
"  \"set scroll off\" (alias sf) turns it off, \"set scroll on\" (sn) back on;\n"
"  -s and --no-scroll start with it off.  Numbers in p and struct output are\n"
"  decimal unless \"set radix 16\" (alias hex) or --hex; --json or\n"
"  \"set output json\" selects JSON for the commands that support it.\n"
"\n";

static int by_name(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	/* crash lists "q" last */
	if (!strcmp(x, "q") || !strcmp(y, "q"))
		return !strcmp(x, "q") - !strcmp(y, "q");
	return strcmp(x, y);
}

static void help_list(const struct ms_session *sess)
{
	const char *names[256];
	size_t n = 0, rows, r, c;

	for (const struct ms_command *const *cmd = sess->commands; *cmd && n < 256; cmd++)
		names[n++] = (*cmd)->name;
	qsort(names, n, sizeof(names[0]), by_name);
	rows = (n + 4) / 5;
	fputc('\n', ms_fp);
	for (r = 0; r < rows; r++) {
		for (c = 0; c < 5 && c * rows + r < n; c++)
			fprintf(ms_fp, "%-15s", names[c * rows + r]);
		fputc('\n', ms_fp);
	}
	fprintf(ms_fp, "\n%s version: %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	fprintf(ms_fp, "For help on any command above, enter \"help <command>\".\n");
	fprintf(ms_fp, "For help on input options, enter \"help input\".\n");
	fprintf(ms_fp, "For help on output options, enter \"help output\".\n\n");
}

/* Print @p text with each line prefixed by @p indent. */
static void print_indented(const char *text, const char *indent)
{
	while (*text) {
		size_t n = strcspn(text, "\n");

		fprintf(ms_fp, "%s%.*s\n", n ? indent : "", (int)n, text);
		text += n;
		if (*text == '\n')
			text++;
	}
}

static void help_page(const struct ms_command *cmd)
{
	const char *h = cmd->help, *p;

	fprintf(ms_fp, "\nNAME\n  %s - %s\n\nSYNOPSIS\n", cmd->name,
		cmd->summary ? cmd->summary : "");
	print_indented(cmd->synopsis ? cmd->synopsis : cmd->name, "  ");
	fputc('\n', ms_fp);
	for (p = h; p && (*p == ' ' || *p == '\n'); p++)
		;
	if (!h || strncmp(p, "DESCRIPTION", 11))
		fprintf(ms_fp, "DESCRIPTION\n");
	if (h) {
		fputs(h, ms_fp);
		if (*h && h[strlen(h) - 1] != '\n')
			fputc('\n', ms_fp);
	} else {
		fprintf(ms_fp, "  (no description)\n");
	}
	fputc('\n', ms_fp);
}

/* Print the help page of @p topic (a command, alias, "input", "output", "all"); -1 if none. */
static int help_show(const struct ms_session *sess, const char *topic)
{
	const struct ms_command *cmd = ms_command_find(sess, topic);
	const struct ms_alias *a;

	if (!cmd && (a = ms_alias_find(&sess->aliases, topic))) {
		char name[64];
		size_t n = strcspn(a->command, " \t");

		snprintf(name, sizeof(name), "%.*s", (int)n, a->command);
		cmd = ms_command_find(sess, name);
	}
	if (cmd) {
		help_page(cmd);
		return 0;
	}
	if (!strcmp(topic, "input")) {
		fputs(help_input, ms_fp);
		return 0;
	}
	if (!strcmp(topic, "output")) {
		fputs(help_output, ms_fp);
		return 0;
	}
	if (!strcmp(topic, "all")) {
		fputs(help_input, ms_fp);
		fputs(help_output, ms_fp);
		for (const struct ms_command *const *c = sess->commands; *c; c++)
			help_page(*c);
		return 0;
	}
	return -1;
}

static int cmd_help_handler(struct ms_session *sess, int argc, char **argv)
{
	int rc = 0;

	if (argc == 1) {
		help_list(sess);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (help_show(sess, argv[i]) == 0)
			continue;
		/* crash's wording differs for "crash -h TOPIC", which opens no dump */
		if (!sess->prog)
			fprintf(ms_fp, "No help data for the \"%s\" command is available.\n", argv[i]);
		else
			fprintf(ms_fp, "No help data for \"%s\" is available.\n", argv[i]);
		sess->cmd_failed = true;
		rc = -1;
	}
	return rc;
}

const struct ms_command cmd_help = {
	.name = "help",
	.handler = cmd_help_handler,
	.flags = MS_CMD_PAGER,
	.operand_complete = MS_COMPLETE_COMMAND,
	.summary = "get help",
	.synopsis = "help [command | all | input | output] ...",
	.help =
"  When entered with no argument, a list of all commands is displayed.\n"
"  With a command name (or an alias of one), its help page is shown.\n"
"\n"
"      all  every help page: input, output and all commands.\n"
"    input  how command lines are read: terminal, batch mode, words, aliases.\n"
"   output  pipes, redirection, shell escapes, the pager, radix and JSON.\n"
"\n"
"  \"mmscope -h COMMAND\" prints the same page without opening a dump.\n"
"\n"
"EXAMPLES\n"
"  Show the help page of eval:\n"
"\n"
"    mmscope> help eval\n"
"\n"
"  Find which commands mention kmem:\n"
"\n"
"    mmscope> help | grep kmem\n",
};
