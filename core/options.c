/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * options.c - a command's option table (command.h): the getopt string and
 * the usage line generated from it, and ms_getopt().  Apart from the
 * dispatcher so that tests which run handlers by hand link it alone.
 */
#include <getopt.h>
#include <stdio.h>

#include "core/command.h"
#include "core/session.h"

void ms_options_getopt_string(const struct ms_command *cmd, char *buf, size_t bufsz)
{
	size_t n = 0;

	buf[0] = '\0';
	if (cmd->getopt_prefix)
		n = (size_t)snprintf(buf, bufsz, "%s", cmd->getopt_prefix);
	for (const struct ms_option *o = cmd->options; o && o->letter && n + 4 < bufsz; o++) {
		buf[n++] = o->letter;
		if (o->arg != MS_OPT_NOARG)
			buf[n++] = ':';
		if (o->arg == MS_OPT_OPTARG)
			buf[n++] = ':';
		buf[n] = '\0';
	}
}

void ms_options_usage(const struct ms_command *cmd, char *buf, size_t bufsz)
{
	size_t n = (size_t)snprintf(buf, bufsz, "%s", cmd->name);

	for (const struct ms_option *o = cmd->options; o && o->letter && n < bufsz; o++) {
		if (!o->help)
			continue;
		if (o->arg == MS_OPT_NOARG)
			n += (size_t)snprintf(buf + n, bufsz - n, " [-%c]", o->letter);
		else if (o->arg == MS_OPT_ARG)
			n += (size_t)snprintf(buf + n, bufsz - n, " [-%c %s]", o->letter, o->argname);
		else
			n += (size_t)snprintf(buf + n, bufsz - n, " [-%c[%s]]", o->letter, o->argname);
	}
	if (cmd->operands && n < bufsz)
		snprintf(buf + n, bufsz - n, " %s", cmd->operands);
}

const struct ms_option *ms_option_find(const struct ms_command *cmd, int letter)
{
	for (const struct ms_option *o = cmd->options; o && o->letter; o++)
		if (o->letter == letter)
			return o;
	return NULL;
}

int ms_getopt(struct ms_session *sess, int argc, char **argv)
{
	int c = getopt(argc, argv, sess->cmd_optstring);

	return c == ':' ? '?' : c;
}
