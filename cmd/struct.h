/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * struct.h - what "struct" and "union" share (cmd/struct.c, cmd/union.c):
 * one handler, one option table, one block of option help and of JSON help.  Not a core
 * interface.
 */
#ifndef MS_CMD_STRUCT_H
#define MS_CMD_STRUCT_H

#include "core/command.h"

struct ms_record;
struct ms_session;
struct ms_type;

/** "struct" or "union" (@p cmd): the layout, or the contents at an address. */
int struct_common(struct ms_session *sess, const struct ms_command *cmd, int argc, char **argv);

/**
 * A struct, union or enum definition as data, in @p rec (struct NAME,
 * whatis NAME): "name", "kind", "size" and "members" (each "name", "type",
 * "offset" from the start of @p t, "size", a bit field's "bit_offset" and
 * "bit_size", an anonymous struct or union's "members") or "enumerators".
 */
void struct_definition_record(struct ms_record *rec, const struct ms_type *t, const char *name);

extern const struct ms_option struct_options[];

#define STRUCT_OPTIONS_HELP                                                                          \
	"       -o  show member offsets when displaying structure definitions;\n"                     \
	"           if used with an address or symbol argument, each member's\n"                      \
	"           virtual address is displayed instead.\n"                                          \
	"  -l offset  if the address argument is a pointer to a structure member\n"                   \
	"           that is contained by the target data structure, typically a\n"                   \
	"           pointer to an embedded list_head, the offset to the embedded\n"                   \
	"           member may be entered in either of the following manners:\n"                     \
	"             1. in \"structure.member\" format.\n"                                           \
	"             2. a number of bytes.\n"                                                        \
	"       -r  raw dump: the structure's bytes (or one member's) in the format of\n"            \
	"           \"rd\": 64-bit units with their ASCII translation.\n"                           \
	"       -x  override default output format with hexadecimal format.\n"                       \
	"       -d  override default output format with decimal format.\n"                           \
	"  -c count  the number of structures to display (same as the count argument).\n"           \
	"   .member  display only the named member, or a comma-separated list of\n"                  \
	"           members (a.b and arr[2] allowed); without an address, the\n"                     \
	"           member's declaration and offset.\n"                                               \
	"  address  hexadecimal address of a structure; if the address points to\n"                  \
	"           an embedded list_head, use -l.\n"                                                 \
	"   symbol  symbolic reference to the address of a structure.\n"                             \
	"  :cpuspec  the address is a per-cpu offset (as zone.pageset holds): show\n"              \
	"           the structure of each CPU, \"[n]: address\" first; \":\" is the\n"          \
	"           current context's CPU (set), \":a\" or \":all\" every CPU, or a list\n"     \
	"           such as \":1,3,5-7\".  After a symbol: a per-cpu variable\n"            \
	"           (DEFINE_PER_CPU); on any other symbol the cpuspec is ignored\n"             \
	"           with a warning, as crash does.\n"                                          \
	"    count  count of structures to dump from an array of structures; if\n"                   \
	"           negative, the structures leading up to and including the\n"                      \
	"           address are shown.\n"

#define STRUCT_JSON_HELP                                                                             \
	"  With --json, a definition is one document: \"name\", \"kind\", \"size\" and\n"       \
	"  \"members\", each with \"name\", \"type\", \"offset\" (from the start, -o or\n"    \
	"  not), \"size\", a bit field's \"bit_offset\" and \"bit_size\", and an\n"            \
	"  anonymous struct or union's own \"members\".  Contents (an address, no\n"              \
	"  -o or -r) are JSON Lines: a header line, then one record per\n"                           \
	"  structure: \"type\", \"address\",\n"                                                    \
	"  \"value\" (the text p prints for it) and \"data\" (the same value as JSON:\n"          \
	"  an object of its members, anonymous structs and unions flattened in;\n"             \
	"  see p), or with members \"members\", a record each with \"name\", \"value\"\n"     \
	"  and \"data\"; \"cpu\" with a cpuspec.\n"

#endif
