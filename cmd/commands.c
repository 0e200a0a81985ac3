/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * commands.c - the command table.  One entry per file in cmd/, in the order
 * "help" lists them.  Aliases (exit, quit, union, ...) are not entries: the
 * session's alias table maps them.
 */
#include <stddef.h>

#include "core/command.h"

extern const struct ms_command cmd_alias, cmd_buddyinfo, cmd_eval, cmd_help, cmd_kmem,
	cmd_list, cmd_log, cmd_p, cmd_q, cmd_rd, cmd_set, cmd_struct, cmd_sym, cmd_sys, cmd_union, cmd_whatis,
	cmd_ptype;

extern const struct ms_command cmd_pagetypeinfo, cmd_btop, cmd_ptob, cmd_ptov, cmd_slabinfo,
	cmd_slabtop;

/* [inspect-tasks] */
extern const struct ms_command cmd_ps, cmd_search, cmd_vm, cmd_vtop;

const struct ms_command *const ms_commands[] = {
	&cmd_alias, &cmd_btop, &cmd_buddyinfo, &cmd_eval, &cmd_help, &cmd_kmem, &cmd_list, &cmd_log, &cmd_p,
	&cmd_pagetypeinfo, &cmd_ps, &cmd_ptob, &cmd_ptov, &cmd_ptype, &cmd_q, &cmd_rd, &cmd_search, &cmd_set,
	&cmd_slabinfo, &cmd_slabtop, &cmd_struct, &cmd_sym, &cmd_sys, &cmd_union, &cmd_vm, &cmd_vtop, &cmd_whatis,
	NULL,
};
