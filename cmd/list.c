/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * list.c - walk a linked list, as crash's list does (crash-spec §2.8).
 *
 * The walk itself is core/list.c's: a cycle is reported, not followed, and
 * an unreadable link ends the walk with crash's message.  This file parses
 * the arguments, prints each entry's address and, with -s, the structure or
 * the chosen members of it.
 */
#include "config.h"

#include <ctype.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/command.h"
#include "core/dump.h"
#include "core/error.h"
#include "core/field.h"
#include "core/list.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/types.h"
#include "core/value.h"

extern const struct ms_command cmd_list;

#define MAX_S 16		/* -s options */
#define MAX_MEMBERS 32		/* members in one -s */

struct list_show {
	const struct ms_type *type;	/* the structure */
	const char *name;		/* as typed, for messages */
	int nmembers;			/* 0: the whole structure */
	char *members[MAX_MEMBERS];
	struct ms_member m[MAX_MEMBERS];
};

struct list_ctx {
	struct ms_session *sess;
	struct ms_program *prog;
	struct list_show show[MAX_S];
	int nshow;
	long l_offset;			/* -l: entries point at this member */
	int radix;
	unsigned char *buf;
	size_t bufsz;
};

/*
 * "struct.member[.sub]" -> the member's offset: USAGE if @p s is not of that
 * form, LOOKUP if it does not resolve.
 */
static struct ms_error *
member_offset(struct ms_program *prog, const char *s, long *ret)
{
	char name[256];
	const char *dot = strchr(s, '.');
	const struct ms_field *f;
	struct ms_error *err;

	if (!dot || dot == s || (size_t)(dot - s) >= sizeof(name))
		return ms_error_usage("invalid argument: %s", s);
	snprintf(name, sizeof(name), "%.*s", (int)(dot - s), s);
	err = ms_field_find_by_name(prog, name, dot + 1, &f);
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		return ms_error_lookup(s, "invalid data structure reference: %s", s);
	if (err)
		return err;
	*ret = (long)f->offset;
	return NULL;
}

/* An offset argument: a number (decimal or 0x hex) or struct.member. */
static struct ms_error *
parse_offset(struct ms_program *prog, const char *s, long *ret)
{
	char *end;
	long v;

	if (isdigit((unsigned char)*s)) {
		v = strtol(s, &end, 0);
		if (*end == '\0') {
			*ret = v;
			return NULL;
		}
		/* crash reads a bare number like "ff" as hex */
		v = strtol(s, &end, 16);
		if (*end == '\0') {
			*ret = v;
			return NULL;
		}
	}
	return member_offset(prog, s, ret);
}

/* -s struct[.member[,member...]] */
static int
parse_show(struct ms_session *sess, struct list_ctx *lc, char *arg)
{
	struct ms_program *prog = sess->prog;
	struct list_show *sh;
	char *dot, *m, *save;

	if (lc->nshow == MAX_S)
		return ms_cmd_error(sess, "too many -s options");
	sh = &lc->show[lc->nshow];
	memset(sh, 0, sizeof(*sh));
	sh->name = arg;
	dot = strchr(arg, '.');
	if (dot)
		*dot = '\0';
	sh->type = ms_type_get(prog, arg);
	if (!sh->type) {
		if (dot)
			*dot = '.';
		return ms_cmd_error(sess, "invalid data structure reference: %s", arg);
	}
	if (dot) {
		for (m = strtok_r(dot + 1, ",", &save); m; m = strtok_r(NULL, ",", &save)) {
			if (sh->nmembers == MAX_MEMBERS)
				return ms_cmd_error(sess, "too many members in -s %s", arg);
			struct ms_error *err = ms_type_member_path(sh->type, m, &sh->m[sh->nmembers]);

			if (err) {
				ms_error_destroy(err);
				return ms_cmd_error(sess, "invalid data structure reference: %s.%s",
						    arg, m);
			}
			sh->members[sh->nmembers++] = m;
		}
	}
	lc->nshow++;
	return 0;
}

/* Print @p t's value printout with its trailing newline removed. */
static char *
value_text(struct ms_program *prog, const struct ms_type *t, const void *buf, uint64_t addr, int radix, int indent)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	ms_value_print(prog, f, t, buf, addr, radix, indent);
	fclose(f);
	while (len && text[len - 1] == '\n')
		text[--len] = '\0';
	return text;
}

/* The value of member @p m of the struct in @p buf, as a line of "struct" shows it. */
static char *
member_text(struct ms_program *prog, const struct ms_member *m, const void *buf, uint64_t addr, int radix)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	ms_value_print_member(prog, f, m, buf, addr, radix, 1);	/* one level in */
	fclose(f);
	while (len && text[len - 1] == '\n')
		text[--len] = '\0';
	return text;
}

/* Is @p m the last member of its structure (crash's cut lines keep the ","). */
static bool
is_last_member(const struct ms_type *t, const char *path)
{
	const struct ms_type *s = ms_type_strip(t);
	size_t n = ms_type_member_count(s);
	const struct ms_member *last;
	size_t len;

	if (!n)
		return true;
	last = ms_type_member(s, n - 1);
	if (!last->name)
		return false;
	len = strcspn(path, ".[");
	return strlen(last->name) == len && !strncmp(last->name, path, len);
}

/*
 * JSON: the -s values of an entry, a record each: "type" (the structure),
 * "member" (absent for the whole structure), "value", the text that list
 * prints for it, and then "data", the value as JSON (ms_value_record()),
 * which the caller adds to the record returned.
 */
static struct ms_record *
show_record(struct ms_record *show, const char *type, const char *member, const char *text)
{
	struct ms_record *r = ms_record_append_record(show);

	ms_record_add_str(r, "type", type);
	if (member)
		ms_record_add_str(r, "member", member);
	ms_record_add_str(r, "value", text ? text : "");
	return r;
}

/* The -s values of @p entry: printed, or in JSON mode added to @p show. */
static struct ms_error *
show_entry(struct list_ctx *lc, uint64_t entry, struct ms_record *show)
{
	struct ms_program *prog = lc->prog;
	uint64_t addr = entry - (uint64_t)lc->l_offset;
	struct ms_error *err;
	int i, j;

	for (i = 0; i < lc->nshow; i++) {
		const struct list_show *sh = &lc->show[i];
		size_t size = ms_type_size(sh->type);
		char *text;

		if (size > lc->bufsz) {
			unsigned char *nb = realloc(lc->buf, size);

			if (!nb)
				return &ms_enomem;
			lc->buf = nb;
			lc->bufsz = size;
		}
		if ((err = ms_readmem(prog, addr, MS_KVADDR, lc->buf, size, ms_type_name(sh->type))))
			return err;
		if (sh->nmembers == 0) {
			text = value_text(prog, sh->type, lc->buf, addr, lc->radix, 0);
			if (show)
				ms_value_record(prog, show_record(show, ms_type_name(ms_type_strip(sh->type)),
								  NULL, text),
						sh->type, lc->buf, addr);
			else
				fprintf(ms_fp, "%s %s\n", ms_type_name(ms_type_strip(sh->type)),
					text ? text : "");
			free(text);
			continue;
		}
		for (j = 0; j < sh->nmembers; j++) {
			const struct ms_member *m = &sh->m[j];

			text = member_text(prog, m, lc->buf, addr, lc->radix);
			if (show)
				ms_value_record_member(prog, show_record(show, ms_type_name(ms_type_strip(sh->type)),
									 sh->members[j], text),
						       m, lc->buf, addr);
			else
				fprintf(ms_fp, "  %s = %s%s\n", sh->members[j], text ? text : "",
					is_last_member(sh->type, sh->members[j]) ? "" : ",");
			free(text);
		}
	}
	return NULL;
}

static void
entry_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	(void)sess;
	(void)arg;
	fprintf(ms_fp, "%" PRIx64 "\n", ms_record_get_u64(rec, "address", 0));
}

/*
 * One entry is one record: its address and, with -s, "show", the values
 * asked for.  In text mode the address line goes first, the values after.
 */
static struct ms_error *
emit_entry(struct list_ctx *lc, uint64_t entry, bool show)
{
	struct ms_record *rec = ms_record_create();
	struct ms_error *err = NULL;

	ms_record_add_addr(rec, "address", entry);
	if (show && lc->nshow && ms_json(lc->sess))
		err = show_entry(lc, entry, ms_record_add_list(rec, "show"));
	if (!err)
		ms_emit_row(lc->sess, rec, entry_text, NULL);
	ms_record_destroy(rec);
	if (!err && show && lc->nshow && !ms_json(lc->sess))
		err = show_entry(lc, entry, NULL);
	return err;
}

static struct ms_error *
print_entry(uint64_t entry, void *arg)
{
	return emit_entry(arg, entry, true);
}

static int
cmd_list_handler(struct ms_session *sess, int argc, char **argv)
{
	struct ms_program *prog = sess->prog;
	struct list_ctx lc = { .sess = sess, .prog = prog, .radix = sess->radix ? sess->radix : 10 };
	struct ms_list_walk w = { 0 };
	bool have_offset = false, head_H = false, head_h = false, reverse = false;
	bool have_l = false, radix_x = false, radix_d = false, have_O = false;
	bool seen_s = false, seen_S = false;
	long head_offset = 0;
	uint64_t start = 0, end = 0;
	long offset = 0;
	char *pos[3];
	int npos = 0, c, i, rc = 0;
	struct ms_error *err;
	long prev_off = 0;

	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		switch (c) {
		case 'o':
			if (have_offset)
				return ms_cmd_error(sess, "offset value %ld (0x%lx) already entered",
						    offset, offset);
			if ((err = parse_offset(prog, optarg, &offset)))
				return ms_cmd_fail(sess, err);
			have_offset = true;
			break;
		case 'e': {
			unsigned long long v;

			if ((err = ms_parse_addr_or_symbol(prog, optarg, &v)))
				return ms_cmd_fail(sess, err);
			end = v;
			break;
		}
		case 's':
		case 'S':
			/* crash: -s parses members, -S reads them whole; not both */
			if (c == 's')
				seen_s = true;
			else
				seen_S = true;
			if (seen_s && seen_S) {
				ms_cmd_error(sess, "-S and -s options are mutually exclusive");
				goto fail;
			}
			if (parse_show(sess, &lc, optarg) < 0)
				goto fail;
			break;
		case 'H': head_H = true; break;
		case 'h': head_h = true; break;
		case 'r': reverse = true; break;
		case 'x': radix_x = true; break;
		case 'd': radix_d = true; break;
		case 'B': break;	/* Brent's algorithm always runs */
		case 'l':
			if ((err = parse_offset(prog, optarg, &lc.l_offset)))
				return ms_cmd_fail(sess, err);
			have_l = true;
			break;
		case 'O':
			if ((err = parse_offset(prog, optarg, &head_offset)))
				return ms_cmd_fail(sess, err);
			have_O = true;
			break;
		default:
			return ms_cmd_usage(sess, &cmd_list);
		}
	}
	if (radix_x && radix_d)
		return ms_cmd_error(sess, "-d and -x are mutually exclusive");
	if (radix_x)
		lc.radix = 16;
	if (radix_d)
		lc.radix = 10;
	if (head_H && head_h)
		return ms_cmd_error(sess, "-H and -h are mutually exclusive");
	if (have_l && have_offset)
		return ms_cmd_error(sess, "-l and -o are mutually exclusive");
	if (have_l && !lc.nshow)
		return ms_cmd_error(sess, "-l option requires -s or -S");
	if (have_O && !head_h)
		return ms_cmd_error(sess, "-O option requires -h");

	for (i = optind; i < argc; i++) {
		if (npos == 2)
			return ms_cmd_error(sess, "too many arguments");
		pos[npos++] = argv[i];
	}
	/*
	 * A struct.member argument is the offset, wherever it stands ("list -H
	 * vfsmntlist vfsmount.mnt_list"); of two other arguments the first is the
	 * offset and the second the start.
	 */
	for (i = 0; i < npos; i++) {
		long o;

		if (ms_is_addr(pos[i]) || !strchr(pos[i], '.'))
			continue;
		if ((err = member_offset(prog, pos[i], &o))) {
			ms_error_destroy(err);	/* not an offset: an address or symbol */
			continue;
		}
		if (have_offset)
			return ms_cmd_error(sess, "offset value %ld (0x%lx) already entered",
					    offset, offset);
		offset = o;
		have_offset = true;
		memmove(&pos[i], &pos[i + 1], (size_t)(npos - i - 1) * sizeof(pos[0]));
		npos--;
		i--;
	}
	if (npos == 2) {
		long o;

		if (have_offset)
			return ms_cmd_error(sess, "offset value %ld (0x%lx) already entered",
					    offset, offset);
		if ((err = parse_offset(prog, pos[0], &o))) {
			ms_error_destroy(err);
			return ms_cmd_error(sess, "invalid argument: %s", pos[0]);
		}
		offset = o;
		have_offset = true;
		pos[0] = pos[1];
		npos--;
	}
	if (npos == 0) {
		ms_cmd_error(sess, "starting address required");
		return ms_cmd_usage(sess, &cmd_list);
	}
	{
		unsigned long long v;

		if ((err = ms_parse_addr_or_symbol(prog, pos[0], &v)))
			return ms_cmd_fail(sess, err);
		start = v;
	}

	if (reverse) {
		/* backwards: follow list_head.prev, wherever this kernel has it */
		err = ms_list_head_offsets(prog, NULL, &prev_off);
		if (err) {
			ms_cmd_fail(sess, err);
			goto fail;
		}
	}
	w.next_offset = offset;
	w.end = end;
	w.ptr_offset = prev_off;
	if (head_H || head_h) {
		w.circular = true;
		w.head = head_h ? start + (uint64_t)offset : start;
		w.include_head = head_h;
		if (have_O) {
			/* -O: the head's list_head sits elsewhere than the entries' */
			w.head = start + (uint64_t)head_offset;
			w.include_head = false;
			err = print_entry(start, &lc);
			if (err) {
				ms_cmd_fail(sess, err);
				goto fail;
			}
		}
	} else {
		w.head = start;
	}

	err = ms_list_walk(prog, &w, print_entry, &lc);
	if (!err && head_H && w.count == 0 && !end && !ms_json(sess))
		fprintf(ms_fp, "(empty)\n");
	if (!err)
		ms_emit_stream_end(sess);
	if (err) {
		rc = -1;
		switch (w.stop) {
		case MS_LIST_CYCLE:
			ms_error_destroy(err);
			ms_error_emit(sess, "\n");
			ms_cmd_error(sess, "duplicate list entry: %" PRIx64, w.bad_entry);
			break;
		case MS_LIST_NULLPTR:
			ms_error_destroy(err);
			ms_error_emit(sess, "\n");
			ms_cmd_error(sess, "invalid list entry: 0");
			break;
		case MS_LIST_BADPTR:
			/* crash prints the entry, then fails reading its link */
			if (!w.circular || w.include_head ||
			    w.bad_entry != w.head - (uint64_t)w.next_offset)
				emit_entry(&lc, w.bad_entry, false);
			ms_cmd_fail(sess, err);
			break;
		case MS_LIST_BOUND:
			ms_error_emit(sess, "\n");
			ms_cmd_fail(sess, err);
			break;
		case MS_LIST_INTERRUPTED:
			sess->cmd_failed = true;
			break;
		default:
			ms_cmd_fail(sess, err);
			break;
		}
	}
	free(lc.buf);
	return rc;
fail:
	free(lc.buf);
	return -1;
}

static const struct ms_option list_options[] = {
	{ .letter = 'o', .arg = MS_OPT_ARG, .argname = "offset", .help = "offset of the next pointer in each entry" },
	{ .letter = 'e', .arg = MS_OPT_ARG, .argname = "end", .help = "stop at this address" },
	{ .letter = 's', .arg = MS_OPT_ARG, .argname = "struct[.member[,member]]", .help = "print each entry as this struct", .complete = MS_COMPLETE_TYPE },
	{ .letter = 'S', .arg = MS_OPT_ARG, .argname = "struct[.member[,member]]", .help = "same as -s, read from the dump in one go", .complete = MS_COMPLETE_TYPE },
	{ .letter = 'H', .arg = MS_OPT_NOARG, .help = "the address is a list_head that heads the list" },
	{ .letter = 'h', .arg = MS_OPT_NOARG, .help = "the address is an entry with an embedded list_head" },
	{ .letter = 'r', .arg = MS_OPT_NOARG, .help = "walk the list backwards (prev pointers)" },
	{ .letter = 'x', .arg = MS_OPT_NOARG, .help = "members in hexadecimal" },
	{ .letter = 'd', .arg = MS_OPT_NOARG, .help = "members in decimal" },
	{ .letter = 'l', .arg = MS_OPT_ARG, .argname = "offset", .help = "offset of the list_head in the struct" },
	{ .letter = 'B', .arg = MS_OPT_NOARG, .help = "Brent's cycle detection" },
	{ .letter = 'O', .arg = MS_OPT_ARG, .argname = "offset", .help = "offset of the list_head in the head" },
	{ 0 },
};

const struct ms_command cmd_list = {
	.name = "list",
	.handler = cmd_list_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.summary = "linked list",
	.synopsis = "list [[-o] offset][-e end][-[s|S] struct[.member[,member]] [-l offset]] -[x|d]]\n"
		    "     [-r] [-h [-O head_offset]|-H] start",
	.help =
	"  This command dumps the contents of a linked list.  The entries in a linked\n"
	"  list are typically data structures that are tied together in one of two\n"
	"  formats:\n"
	"\n"
	"  1. A starting address points to a data structure; that structure contains\n"
	"     a member that is a pointer to the next structure, and so on.  This type\n"
	"     of a singly-linked list typically ends when a \"next\" pointer value\n"
	"     contains a NULL or the starting address.\n"
	"\n"
	"  2. Lists that are linked by embedded list_head structures (-h or -H).\n"
	"\n"
	"  A list that loops back on itself before reaching its head is reported\n"
	"  (\"duplicate list entry\") instead of being followed; an unreadable link\n"
	"  ends the walk with the address that could not be read.\n"
	"\n"
	"  [-o] offset  the offset of the next pointer, or of the embedded list_head,\n"
	"               within the structure: a number or \"struct.member\".  The -o\n"
	"               is only needed if the offset could be taken for the start.\n"
	"       -e end  stop at this address.\n"
	"    -s struct  after each entry address, display the structure, or only the\n"
	"               given members (\"struct.member,member\").  May be repeated.\n"
	"    -S struct  the same as -s.\n"
	"    -l offset  with -s: the entries point at this member of the structure.\n"
	"       -x, -d  display -s output in hexadecimal or decimal.\n"
	"           -r  walk a list_head list backwards, through the prev pointers.\n"
	"           -B  accepted for compatibility: cycles are always detected with\n"
	"               bounded memory (a hash set, then Brent's algorithm).\n"
	"           -h  start is the address of a structure that embeds the\n"
	"               list_head; it is displayed first.\n"
	"    -O offset  with -h: the offset of the head's own list_head in the\n"
	"               structure at start, when it differs from the entries'.\n"
	"           -H  start is the address of a standalone list_head, which is not\n"
	"               displayed; an empty list shows \"(empty)\".\n"
	"        start  a symbol or a hexadecimal address.\n"
	"\n"
	"  With --json, JSON Lines: a header line, then one record per entry:\n"
	"  \"address\" and, with -s, \"show\", a record per value with \"type\",\n"
	"  \"member\" (absent for a whole structure), \"value\" (as text shows it)\n"
	"  and \"data\" (the same value as JSON, as p gives it); an empty list is\n"
	"  the header line alone.\n"
	"\n"
	"EXAMPLES\n"
	"  A zone free list: the struct page entries linked through page.lru from\n"
	"  the list_head free_area[3].free_list[2] of a zone:\n"
	"\n"
	"    mmscope> p &node_data[0]->node_zones[1].free_area[3].free_list[2]\n"
	"    $1 = (struct list_head *) 0x20000105e8a8\n"
	"    mmscope> list -H 0x20000105e8a8 -o page.lru\n"
	"    2000011e9480\n"
	"\n"
	"  The same, with members of each page, and backwards:\n"
	"\n"
	"    mmscope> list -H 0x20000105e8a8 -o page.lru -s page.flags,private -r\n"
	"    2000011e9480\n"
	"      flags = 1152921504606846976,\n"
	"      private = 3,\n"
	"\n"
	"  A corrupted list is reported, not followed: an entry seen twice ends the\n"
	"  walk with \"list: duplicate list entry: ADDRESS\", a NULL or unreadable\n"
	"  next pointer with \"list: invalid list entry: ADDRESS\".\n",
	.options = list_options,
};
