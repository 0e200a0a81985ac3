/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rd.c - read memory, as crash's rd does (crash-spec §2.12).
 *
 * Each output line shows the address right-aligned in 16 columns, ":  ",
 * then the units of the line, each zero-padded and followed by a space, and
 * in hex mode the line's bytes as ASCII starting at a fixed column, so a
 * short last line is padded to the same place.  Reading stops at the first
 * unit that cannot be read; the lines already printed stay.
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
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"
#include "core/symbols.h"

extern const struct ms_command cmd_rd;
int ms_symbol_not_found(struct ms_session *sess, const char *name);	/* cmd/sym.c */

#define ASCII_LINE	60		/* characters per line of rd -a */
#define ASCII_MAX	(1 << 20)	/* rd -a without a count stops here at the latest */

enum rd_fmt { RD_HEX, RD_HEX_NOASCII, RD_DEC, RD_UDEC, RD_SYM };

struct rd_opts {
	int size;			/* bytes per unit: 1, 2, 4, 8 */
	enum rd_fmt fmt;
	bool ascii;			/* -a */
	bool net;			/* -N */
	enum ms_as as;
	const char *raw_file;		/* -r */
	struct ms_program *prog;
	int radix;			/* of the offsets -s prints */
};

static const char *
as_name(enum ms_as as)
{
	return as == MS_PHYSADDR ? "PHYSADDR" : "KVADDR";
}

static uint64_t
unit_value(const unsigned char *p, int size, bool net)
{
	uint64_t v = 0;
	int i;

	if (net) {			/* big-endian */
		for (i = 0; i < size; i++)
			v = (v << 8) | p[i];
		return v;
	}
	for (i = size - 1; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static int64_t
sign_extend(uint64_t v, int size)
{
	int shift = 64 - 8 * size;

	return (int64_t)(v << shift) >> shift;
}

static void
print_unit(FILE *fp, const struct rd_opts *o, uint64_t v)
{
	static const char *const dec_fmt[] = { "%3" PRId64 " ", "%5" PRId64 " ", NULL,
					       "%12" PRId64 " " };
	static const char *const udec_fmt[] = { "%3" PRIu64 " ", "%5" PRIu64 " ", NULL,
						"%12" PRIu64 " " };
	int idx = o->size == 1 ? 0 : o->size == 2 ? 1 : 3;

	switch (o->fmt) {
	case RD_DEC:
		if (o->size == 8)
			fprintf(fp, "%15" PRId64 " ", (int64_t)v);
		else
			fprintf(fp, dec_fmt[idx], sign_extend(v, o->size));
		return;
	case RD_UDEC:
		if (o->size == 8)
			fprintf(fp, "%20" PRIu64 " ", v);
		else
			fprintf(fp, udec_fmt[idx], v);
		return;
	case RD_SYM: {
		const struct ms_symbol *sym;
		uint64_t off = 0;

		sym = ms_symbol_containing(o->prog, v, &off);
		if (sym) {
			char buf[256];

			if (off == 0)
				snprintf(buf, sizeof(buf), "%s", sym->name);
			else if (o->radix == 16)
				snprintf(buf, sizeof(buf), "%s+0x%" PRIx64, sym->name, off);
			else
				snprintf(buf, sizeof(buf), "%s+%" PRIu64, sym->name, off);
			fprintf(fp, "%-16s ", buf);
			return;
		}
		/* not a symbol: print in hex */
		fprintf(fp, "%016" PRIx64 " ", v);
		return;
	}
	case RD_HEX:
	case RD_HEX_NOASCII:
		fprintf(fp, "%0*" PRIx64 " ", 2 * o->size, v);
		return;
	}
}

/* Print @p nbytes bytes at @p addr (already read into @p buf) as one line. */
static void
print_line(FILE *fp, const struct rd_opts *o, uint64_t addr, const unsigned char *buf,
	   size_t nbytes, int per_line)
{
	int n = (int)(nbytes / o->size), i;

	fprintf(fp, "%16" PRIx64 ":  ", addr);
	for (i = 0; i < n; i++)
		print_unit(fp, o, unit_value(buf + (size_t)i * o->size, o->size, o->net));
	if (o->fmt == RD_HEX) {
		/* pad missing units, then two spaces */
		fprintf(fp, "%*s  ", (per_line - n) * (2 * o->size + 1), "");
		for (i = 0; i < n * o->size; i++)
			fputc(buf[i] >= 0x20 && buf[i] < 0x7f ? buf[i] : '.', fp);
	}
	fputc('\n', fp);
}

struct rd_line {
	const struct rd_opts *o;
	const unsigned char *buf;
	size_t nbytes;
	int per_line;
};

static void
line_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	const struct rd_line *l = arg;

	(void)sess;
	print_line(ms_fp, l->o, ms_record_get_u64(rec, "address", 0), l->buf, l->nbytes,
		   l->per_line);
}

/*
 * One line of units is one record: its address and the units' values
 * (signed with -d), with -s the symbol each value is in, or null.  The text
 * renderer prints the line from the bytes, ASCII column and all.
 */
static void
emit_line(struct ms_session *sess, const struct rd_opts *o, uint64_t addr,
	  const unsigned char *buf, size_t nbytes, int per_line)
{
	struct rd_line l = { o, buf, nbytes, per_line };
	struct ms_record *rec = ms_record_create(), *vals, *syms = NULL;
	size_t i;

	ms_record_add_addr(rec, "address", addr);
	vals = ms_record_add_list(rec, "values");
	if (o->fmt == RD_SYM)
		syms = ms_record_add_list(rec, "symbols");
	for (i = 0; i + o->size <= nbytes; i += o->size) {
		uint64_t v = unit_value(buf + i, o->size, o->net);

		if (o->fmt == RD_DEC)
			ms_record_append_s64(vals, o->size == 8 ? (int64_t)v : sign_extend(v, o->size));
		else
			ms_record_append_u64(vals, v);
		if (syms) {
			uint64_t off = 0;
			const struct ms_symbol *sym = ms_symbol_containing(o->prog, v, &off);
			char name[256];

			if (!sym) {
				ms_record_add_null(syms, NULL);
				continue;
			}
			if (off)
				snprintf(name, sizeof(name), "%s+0x%" PRIx64, sym->name, off);
			else
				snprintf(name, sizeof(name), "%s", sym->name);
			ms_record_append_str(syms, name);
		}
	}
	ms_emit_row(sess, rec, line_text, &l);
	ms_record_destroy(rec);
}

static int
rd_units(struct ms_session *sess, const struct rd_opts *o, uint64_t addr, uint64_t count)
{
	struct ms_program *prog = sess->prog;
	const int per_line = 16 / o->size;
	char what[32];
	unsigned char buf[16];
	struct ms_error *err;

	snprintf(what, sizeof(what), "%d-bit %s", o->size * 8, as_name(o->as));
	while (count) {
		uint64_t n = count < (uint64_t)per_line ? count : (uint64_t)per_line;
		size_t bytes = (size_t)n * o->size;

		if (ms_interrupted())
			return -1;
		if ((err = ms_readmem(prog, addr, o->as, buf, bytes, what))) {
			/* print the units that can be read, then fail at the first bad one */
			size_t good = 0;

			ms_error_destroy(err);
			while (good < bytes &&
			       !(err = ms_readmem(prog, addr + good, o->as, buf + good, o->size, what)))
				good += o->size;
			if (good)
				emit_line(sess, o, addr, buf, good, per_line);
			return ms_cmd_fail(sess, err);
		}
		emit_line(sess, o, addr, buf, bytes, per_line);
		addr += bytes;
		count -= n;
	}
	return 0;
}

/* rd -a: printable text, ASCII_LINE characters per line. */
static void
ascii_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	(void)sess;
	(void)arg;
	fprintf(ms_fp, "%16" PRIx64 ":  %s\n", ms_record_get_u64(rec, "address", 0),
		ms_record_get_str(rec, "text", ""));
}

/* One line of rd -a, up to ASCII_LINE characters, is one record. */
static void
emit_ascii(struct ms_session *sess, uint64_t addr, const char *text)
{
	struct ms_record *rec = ms_record_create();

	ms_record_add_addr(rec, "address", addr);
	ms_record_add_str(rec, "text", text);
	ms_emit_row(sess, rec, ascii_text, NULL);
	ms_record_destroy(rec);
}

static int
rd_ascii(struct ms_session *sess, const struct rd_opts *o, uint64_t addr, uint64_t count,
	 bool have_count)
{
	struct ms_program *prog = sess->prog;
	char what[32], line[ASCII_LINE + 1];
	uint64_t i, limit = have_count ? count : ASCII_MAX;
	int col = 0;
	struct ms_error *err;

	snprintf(what, sizeof(what), "ascii %s", as_name(o->as));
	for (i = 0; i < limit; i++) {
		unsigned char c;

		if ((err = ms_readmem(prog, addr + i, o->as, &c, 1, what))) {
			if (col) {
				line[col] = '\0';
				emit_ascii(sess, addr + i - (uint64_t)col, line);
			}
			return ms_cmd_fail(sess, err);
		}
		if (!have_count && c == '\0')
			break;
		line[col] = isprint(c) ? (char)c : '.';
		if (++col == ASCII_LINE) {
			line[col] = '\0';
			emit_ascii(sess, addr + i + 1 - (uint64_t)col, line);
			col = 0;
		}
	}
	if (col || i == 0) {
		line[col] = '\0';
		emit_ascii(sess, addr + i - (uint64_t)col, line);
	}
	return 0;
}

static void
raw_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	(void)sess;
	(void)arg;
	fprintf(ms_fp, "%" PRIu64 " bytes copied from 0x%" PRIx64 " to %s\n",
		ms_record_get_u64(rec, "bytes", 0), ms_record_get_u64(rec, "address", 0),
		ms_record_get_str(rec, "file", ""));
}

/* rd -r FILE: raw bytes to a file. */
static int
rd_raw(struct ms_session *sess, const struct rd_opts *o, uint64_t addr, uint64_t bytes)
{
	struct ms_program *prog = sess->prog;
	unsigned char buf[65536];
	uint64_t done = 0;
	FILE *f = fopen(o->raw_file, "w");
	struct ms_record *rec;
	struct ms_error *err;

	if (!f)
		return ms_cmd_error(sess, "cannot open output file: %s", o->raw_file);
	while (done < bytes) {
		size_t n = bytes - done < sizeof(buf) ? (size_t)(bytes - done) : sizeof(buf);

		if ((err = ms_readmem(prog, addr + done, o->as, buf, n, "raw"))) {
			fclose(f);
			return ms_cmd_fail(sess, err);
		}
		if (fwrite(buf, 1, n, f) != n) {
			fclose(f);
			return ms_cmd_error(sess, "cannot write %s", o->raw_file);
		}
		done += n;
	}
	if (fclose(f) != 0)
		return ms_cmd_error(sess, "cannot write %s", o->raw_file);
	rec = ms_record_create();
	ms_record_add_u64(rec, "bytes", bytes);
	ms_record_add_addr(rec, "address", addr);
	ms_record_add_str(rec, "file", o->raw_file);
	ms_emit(sess, rec, raw_text, NULL);
	return 0;
}

static bool
is_identifier(const char *s)
{
	if (!(isalpha((unsigned char)*s) || *s == '_' || *s == '.'))
		return false;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '.' || *s == '$'))
			return false;
	return true;
}

/* An address: hex, else a symbol, else what the session's parser takes. */
static int
parse_address(struct ms_session *sess, const char *s, uint64_t *ret)
{
	struct ms_program *prog = sess->prog;
	unsigned long long v;
	const struct ms_symbol *sym;
	struct ms_error *err;

	if (!(err = ms_parse_addr(s, &v))) {
		*ret = v;
		return 0;
	}
	ms_error_destroy(err);
	if (is_identifier(s)) {
		sym = ms_symbol_find(prog, s);
		if (!sym)
			return ms_symbol_not_found(sess, s);
		*ret = sym->value;
		return 0;
	}
	if ((err = ms_parse_addr_or_symbol(prog, s, &v)))
		return ms_cmd_fail(sess, err);
	*ret = v;
	return 0;
}

static int
parse_count(struct ms_session *sess, const char *s, uint64_t *ret)
{
	char *end;
	unsigned long long v;

	if (*s == '-')
		return ms_cmd_error(sess, "invalid count request: %s", s);
	v = strtoull(s, &end, 0);
	if (*end || end == s)
		return ms_cmd_error(sess, "invalid count request: %s", s);
	if (v == 0)
		return ms_cmd_error(sess, "invalid count request: 0");
	*ret = v;
	return 0;
}

static int
cmd_rd_handler(struct ms_session *sess, int argc, char **argv)
{
	struct rd_opts o = { .size = 8, .fmt = RD_HEX, .as = MS_KVADDR, .radix = sess->radix, .prog = sess->prog };
	uint64_t addr, count = 1, offs = 0, end = 0;
	bool have_count = false, have_end = false, sym = false, noascii = false, reverse = false;
	int c;

	while ((c = ms_getopt(sess, argc, argv)) != -1) {
		switch (c) {
		case 'a': o.ascii = true; break;
		case 'x': noascii = true; break;
		case 'p': o.as = MS_PHYSADDR; break;
		case 'd': o.fmt = RD_DEC; break;
		case 'D': o.fmt = RD_UDEC; break;
		case 's': sym = true; break;
		case 'N': o.net = true; break;
		case 'r': o.raw_file = optarg; break;
		case '8': o.size = 1; break;
		case '1':
		case '3':
		case '6': {
			char opt[8];

			snprintf(opt, sizeof(opt), "%c%s", c, optarg);
			if (!strcmp(opt, "16"))
				o.size = 2;
			else if (!strcmp(opt, "32"))
				o.size = 4;
			else if (!strcmp(opt, "64"))
				o.size = 8;
			else
				return ms_cmd_error(sess, "invalid option: %s", opt);
			break;
		}
		case 'o':
		case 'e': {
			uint64_t v;

			if (parse_address(sess, optarg, &v) < 0)
				return -1;
			if (c == 'o')
				offs = v;
			else {
				end = v;
				have_end = true;
			}
			break;
		}
		case 'R': reverse = true; break;
		case 'S':
		case 'u':
		case 'm':
		case 'f':
			return ms_cmd_error(sess, "-%c option not supported or applicable on this "
					    "architecture or kernel", c);
		default:
			return ms_cmd_usage(sess, &cmd_rd);
		}
	}
	if (optind >= argc)
		return ms_cmd_usage(sess, &cmd_rd);
	if (sym) {
		if (o.size != 8)
			return ms_cmd_error(sess, "-s option is only allowed with 64-bit display");
		o.fmt = RD_SYM;
	} else if (noascii && o.fmt == RD_HEX) {
		o.fmt = RD_HEX_NOASCII;
	}
	if (o.fmt == RD_DEC || o.fmt == RD_UDEC || o.fmt == RD_SYM)
		noascii = true;
	if (o.net && o.size != 2 && o.size != 4)
		o.net = false;		/* crash ignores -N for 8- and 64-bit units */

	if (parse_address(sess, argv[optind], &addr) < 0)
		return -1;
	addr += offs;
	if (optind + 1 < argc) {
		if (optind + 2 < argc) {
			ms_cmd_error(sess, "too many arguments: \"%s\"", argv[optind + 2]);
			return ms_cmd_usage(sess, &cmd_rd);
		}
		if (parse_count(sess, argv[optind + 1], &count) < 0)
			return -1;
		have_count = true;
	}
	if (have_end) {
		if (have_count) {
			ms_warn(sess, "ending address ignored when count is specified");
		} else {
			if (end <= addr)
				return ms_cmd_error(sess, "invalid ending address: %" PRIx64, end);
			count = o.ascii || o.raw_file ? end - addr :
				(end - addr + o.size - 1) / o.size;
			have_count = true;
		}
	}
	if (reverse) {
		/* -R: the count units that end at (and include) the address */
		uint64_t back = (count - 1) * (uint64_t)(o.ascii ? 1 : o.size);

		if (o.raw_file)
			return ms_cmd_error(sess, "-R and -r are mutually exclusive");
		if (back > addr)
			return ms_cmd_error(sess, "invalid count request: %" PRIu64, count);
		addr -= back;
	}
	if (o.raw_file) {
		if (!have_count)
			return ms_cmd_error(sess, "-r option requires either a count argument or "
					    "the -e option");
		return rd_raw(sess, &o, addr, count);
	}
	if (o.ascii)
		return rd_ascii(sess, &o, addr, count, have_count);
	return rd_units(sess, &o, addr, count);
}

/* -16, -32 and -64 are getopt's 1, 3 and 6 with the rest of the word as argument */
static const struct ms_option rd_options[] = {
	{ .letter = 'a', .arg = MS_OPT_NOARG, .help = "ASCII" },
	{ .letter = 'x', .arg = MS_OPT_NOARG, .help = "hexadecimal without ASCII" },
	{ .letter = 'p', .arg = MS_OPT_NOARG, .help = "the address is physical" },
	{ .letter = 'd', .arg = MS_OPT_NOARG, .help = "signed decimal" },
	{ .letter = 'D', .arg = MS_OPT_NOARG, .help = "unsigned decimal" },
	{ .letter = 's', .arg = MS_OPT_NOARG, .help = "symbols for the values" },
	{ .letter = 'N', .arg = MS_OPT_NOARG, .help = "network byte order" },
	{ .letter = 'o', .arg = MS_OPT_ARG, .argname = "offs", .help = "offset added to the address" },
	{ .letter = 'e', .arg = MS_OPT_ARG, .argname = "addr", .help = "read up to this address" },
	{ .letter = 'r', .arg = MS_OPT_ARG, .argname = "file", .help = "copy raw memory to a file" },
	{ .letter = '8', .arg = MS_OPT_NOARG, .help = "bytes" },
	{ .letter = '1', .arg = MS_OPT_ARG },
	{ .letter = '3', .arg = MS_OPT_ARG },
	{ .letter = '6', .arg = MS_OPT_ARG },
	{ .letter = 'S', .arg = MS_OPT_NOARG },
	{ .letter = 'u', .arg = MS_OPT_NOARG },
	{ .letter = 'm', .arg = MS_OPT_NOARG },
	{ .letter = 'f', .arg = MS_OPT_NOARG },
	{ .letter = 'R', .arg = MS_OPT_NOARG, .help = "reverse: the count ends at the address" },
	{ 0 },
};

const struct ms_command cmd_rd = {
	.name = "rd",
	.handler = cmd_rd_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.summary = "read memory",
	.synopsis = "rd [-adDsxpNR][-8|-16|-32|-64][-o offs][-e addr][-r file][address|symbol] [count]",
	.help =
	"  This command displays the contents of memory, with the output formatted\n"
	"  in several different manners.  The starting address may be entered either\n"
	"  symbolically or by address.  The default output size is the size of a long\n"
	"  data type, and the default output format is hexadecimal.  When hexadecimal\n"
	"  output is used, the output will be accompanied by an ASCII translation.\n"
	"\n"
	"       -p  address argument is a physical address.\n"
	"       -d  display output in signed decimal format (default is hexadecimal).\n"
	"       -D  display output in unsigned decimal format (default is hexadecimal).\n"
	"       -s  displays output symbolically when appropriate (64-bit units only).\n"
	"       -x  do not display ASCII translation at end of each line.\n"
	"       -8  display 8-bit values.\n"
	"      -16  display 16-bit values.\n"
	"      -32  display 32-bit values.\n"
	"      -64  display 64-bit values (default).\n"
	"       -a  display ASCII characters only; without a count, stop at the first\n"
	"           NUL byte.\n"
	"       -N  display 16- and 32-bit data in network byte order.\n"
	"       -R  display the count units that end at the address (inclusive).\n"
	"  -o offs  offset added to the starting address.\n"
	"  -e addr  display memory until reaching specified ending address.\n"
	"  -r file  dumps raw data to the specified output file; the number of bytes\n"
	"           to copy must be specified either by a count argument or by the\n"
	"           -e option.\n"
	"  address  starting hexadecimal address.\n"
	"   symbol  symbol of starting address.\n"
	"    count  number of units to display (default 1).\n"
	"\n"
	"  With --json, JSON Lines: a header line, then one record per line of\n"
	"  output: \"address\" and \"values\" (numbers, signed with -d), with -s\n"
	"  \"symbols\" (name+0xoffset or null for each value); with -a \"address\"\n"
	"  and \"text\"; -r prints one document with \"bytes\", \"address\", \"file\".\n"
	"\n"
	"EXAMPLES\n"
	"  Display two 64-bit words at node_data:\n"
	"\n"
	"    mmscope> rd node_data 2\n"
	"            400040e0:  000020000105e000 0000000000000000   ..... ..........\n"
	"\n"
	"  The same memory as 32-bit words:\n"
	"\n"
	"    mmscope> rd -32 node_data 4\n"
	"            400040e0:  0105e000 00002000 00000000 00000000   ..... ..........\n"
	"\n"
	"  Values that are symbol addresses, symbolically:\n"
	"\n"
	"    mmscope> rd -s 40004020 4\n"
	"            40004020:  zone_name_dma    zone_name_dma32\n"
	"            40004030:  zone_name_normal zone_name_movable\n"
	"\n"
	"  A string:\n"
	"\n"
	"    mmscope> rd -a init_uts_ns+4\n"
	"            40002184:  Linux\n"
	"\n"
	"  Physical memory, and an address that is not in the dump:\n"
	"\n"
	"    mmscope> rd -p 100000 2\n"
	"              100000:  000000354d464552 00007f5d6d7ad000   REFM5.....zm]...\n"
	"    mmscope> rd 1234\n"
	"    rd: invalid kernel virtual address: 1234  type: \"64-bit KVADDR\"\n",
	.options = rd_options,
};
