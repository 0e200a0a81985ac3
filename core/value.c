/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * value.c - print typed bytes as gdb 13 prints them with "set print pretty
 * on", and declarations as its ptype does.
 *
 * The rules that matter, each checked against gdb in tests/unit/test_types.c:
 *  - aggregates at recursion level r print their members at 2(r+1) spaces
 *    and the closing brace at 2r; array elements are one level deeper than
 *    the array, so arrays of structs open with "{{";
 *  - runs of more than 10 equal elements (repeat_count_threshold) become
 *    "<repeats N times>"; at most 200 elements or characters are printed
 *    (print elements), then "...";
 *  - a char array drops its last byte if it is NUL, then prints runs as
 *    '\000' <repeats N times> and the rest as "..." with C escapes;
 *  - pointers are 0x... followed by <symbol+off> when a symbol contains the
 *    address; char pointers add the string they point to; at the top level a
 *    pointer other than a plain char * is prefixed with its type,
 *    "(struct page *) 0x...";
 *  - enums print by name, flag enums as (A | B | unknown: 0x10), other
 *    values as numbers;
 *  - output radix 16 (crash's -x, gdb's "set output-radix 16") prints
 *    integers, chars and bools in hex but keeps names, strings and symbols;
 *    format x (gdb's p/x) prints every scalar, char arrays included, in hex
 *    and drops symbols and strings.
 *
 * The same walk also builds the value as data for JSON (ms_value_record()):
 * when the context has a record to fill, each printer adds a typed field
 * instead of writing text, so that members, anonymous members and the
 * array bounds are the text's, read from the same DWARF type.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/dump.h"
#include "core/error.h"
#include "core/escape.h"
#include "core/output.h"
#include "core/record.h"
#include "core/symbols.h"
#include "core/value.h"

#define REPEAT_THRESHOLD 10
#define PRINT_MAX 200

struct ms_error *ms_value_read(struct ms_program *prog, uint64_t addr, void *buf, size_t len)
{
	return ms_readmem(prog, addr, MS_KVADDR, buf, len, "gdb_readmem_callback");
}

/* Whether @len bytes at @addr can be read (value printing tries, then says so). */
static bool readable(struct ms_program *prog, uint64_t addr, void *buf, size_t len)
{
	return ms_error_ok(ms_value_read(prog, addr, buf, len));
}

/*
 * Building data: where the walk is in the value (a C suffix such as
 * ".free_area[3]"), and the arrays it cut short there.
 */
struct rstate {
	char path[512];
	size_t len;
	struct ms_record *cut;	/* a list of paths */
};

struct pctx {
	struct ms_program *prog;
	FILE *fp;
	int radix;
	bool fmt_x;
	/* data instead of text: field @key of @out (NULL key in a list) */
	struct ms_record *out;
	const char *key;
	struct rstate *rs;
};

/* The context for a part of @p c's value: field @p key of @p out, at "path" + @p fmt. */
__attribute__((format(printf, 4, 5)))
static struct pctx sub_ctx(const struct pctx *c, struct ms_record *out, const char *key, const char *fmt, ...)
{
	struct pctx s = *c;
	struct rstate *rs = c->rs;
	va_list ap;

	s.out = out;
	s.key = key;
	if (rs->len < sizeof(rs->path)) {
		va_start(ap, fmt);
		int n = vsnprintf(rs->path + rs->len, sizeof(rs->path) - rs->len, fmt, ap);
		va_end(ap);
		if (n > 0)
			rs->len += (size_t)n;
		if (rs->len >= sizeof(rs->path))
			rs->len = sizeof(rs->path) - 1;
	}
	return s;
}

/* Back out of a part entered with sub_ctx(), to path length @p len. */
static void path_restore(const struct pctx *c, size_t len)
{
	c->rs->len = len;
	c->rs->path[len] = '\0';
}

/* The array at the walk's path shows only its first elements, as the text's "...". */
static void note_cut(const struct pctx *c)
{
	if (!c->rs->cut)
		c->rs->cut = ms_record_create();
	c->rs->cut->list = true;
	ms_record_append_str(c->rs->cut, c->rs->path);
}

static void print_val(const struct pctx *c, const struct ms_type *t, const unsigned char *buf, uint64_t addr,
		      int rec, bool top);

/* ------------------------------------------------------------ scalars */

static uint64_t load_uint(const unsigned char *buf, size_t size)
{
	uint64_t v = 0;

	if (size > 8)
		size = 8;
	for (size_t i = 0; i < size; i++)
		v |= (uint64_t)buf[i] << (8 * i);
	return v;
}

static int64_t sext(uint64_t v, unsigned bits)
{
	if (bits >= 64 || !bits)
		return (int64_t)v;
	uint64_t m = 1ULL << (bits - 1);
	v &= (1ULL << bits) - 1;
	return (int64_t)((v ^ m) - m);
}

static uint64_t mask_bytes(uint64_t v, uint64_t size)
{
	return size >= 8 ? v : v & ((1ULL << (8 * size)) - 1);
}

/* Bits [bitoff, bitoff+bits) of little-endian @p buf. */
static uint64_t extract_bits(const unsigned char *buf, unsigned bitoff, unsigned bits)
{
	uint64_t v = 0;
	size_t nbytes = (bitoff + bits + 7) / 8;

	for (size_t i = 0; i < nbytes && i < 8; i++)
		v |= (uint64_t)buf[i] << (8 * i);
	v >>= bitoff;
	if (nbytes > 8 && bitoff)
		v |= (uint64_t)buf[8] << (64 - bitoff);
	if (bits < 64)
		v &= (1ULL << bits) - 1;
	return v;
}

/* gdb's C escapes; @p quote is the delimiter that must be escaped. */
static void emit_char(FILE *fp, unsigned char ch, char quote)
{
	char e[8];

	if (quote && ch == (unsigned char)quote) {
		fputc('\\', fp);
		fputc(ch, fp);
		return;
	}
	ms_escape_char(ch, e);
	fputs(e, fp);
}

static void print_int(const struct pctx *c, uint64_t raw, uint64_t size, bool is_signed)
{
	if (c->radix == 16 || c->fmt_x)
		fprintf(c->fp, "0x%" PRIx64, mask_bytes(raw, size));
	else if (is_signed)
		fprintf(c->fp, "%" PRId64, sext(raw, (unsigned)(size * 8)));
	else
		fprintf(c->fp, "%" PRIu64, mask_bytes(raw, size));
}

static void print_scalar(const struct pctx *c, const struct ms_type *t, uint64_t raw, uint64_t size);

static bool is_flag_enum(const struct ms_type *e)
{
	size_t n = ms_type_enumerator_count(e);
	uint64_t seen = 0;

	if (!n)
		return false;
	for (size_t i = 0; i < n; i++) {
		int64_t v = ms_type_enumerator(e, i)->value;
		if (v < 0)
			return false;
		/* gdb 13: each value a single bit or a contiguous multi-bit field, disjoint */
		uint64_t u = (uint64_t)v;
		if (!u)
			continue;
		uint64_t low = u & -u;
		if (((u + low) & u) != 0)
			return false;	/* not contiguous */
		if (seen & u)
			return false;
		seen |= u;
	}
	return true;
}

static void print_enum(const struct pctx *c, const struct ms_type *e, uint64_t raw, uint64_t size)
{
	size_t n = ms_type_enumerator_count(e);
	int64_t v = ms_type_is_signed(e) ? sext(raw, (unsigned)(size * 8)) : (int64_t)mask_bytes(raw, size);

	if (c->fmt_x) {
		fprintf(c->fp, "0x%" PRIx64, mask_bytes(raw, size));
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct ms_enumerator *en = ms_type_enumerator(e, i);
		if (en->value == v) {
			fputs(en->name, c->fp);
			return;
		}
	}
	if (v && is_flag_enum(e)) {
		uint64_t rest = (uint64_t)v;
		bool first = true;
		fputc('(', c->fp);
		for (size_t i = 0; i < n; i++) {
			const struct ms_enumerator *en = ms_type_enumerator(e, i);
			uint64_t u = (uint64_t)en->value;
			if (u && (rest & u) == u) {
				fprintf(c->fp, "%s%s", first ? "" : " | ", en->name);
				rest &= ~u;
				first = false;
			}
		}
		if (rest)
			fprintf(c->fp, "%sunknown: 0x%" PRIx64, first ? "" : " | ", rest);
		fputc(')', c->fp);
		return;
	}
	/* gdb prints an unnamed enum value in decimal even with output-radix 16 */
	struct pctx dec = *c;
	dec.radix = 10;
	print_int(&dec, raw, size, ms_type_is_signed(e));
}

/*
 * A scalar as data: integers as numbers, bool as true/false, an enum as the
 * name of its enumerator (the number when none has its value, a flag enum's
 * "(A | B)" included), a float as the text gdb prints (the output layer has
 * no floating-point numbers, and the kernel's structures no floats).
 */
static void record_scalar(const struct pctx *c, const struct ms_type *s, uint64_t raw, uint64_t size)
{
	bool is_signed = ms_type_is_signed(s);

	switch (ms_type_kind(s)) {
	case MS_TYPE_ENUM: {
		int64_t v = is_signed ? sext(raw, (unsigned)(size * 8)) : (int64_t)mask_bytes(raw, size);

		for (size_t i = 0; i < ms_type_enumerator_count(s); i++) {
			const struct ms_enumerator *en = ms_type_enumerator(s, i);

			if (en->value == v) {
				ms_record_add_str(c->out, c->key, en->name);
				return;
			}
		}
		break;
	}
	case MS_TYPE_FLOAT: {
		char *text = NULL;
		size_t len = 0;
		struct pctx t = *c;

		t.out = NULL;
		t.fp = open_memstream(&text, &len);
		if (!t.fp)
			abort();	/* as the output layer does without memory */
		print_scalar(&t, s, raw, size);
		fclose(t.fp);
		ms_record_add_str(c->out, c->key, text);
		free(text);
		return;
	}
	default:
		if (ms_type_is_bool(s) && mask_bytes(raw, size) <= 1) {
			ms_record_add_bool(c->out, c->key, mask_bytes(raw, size));
			return;
		}
		break;
	}
	if (is_signed)
		ms_record_add_s64(c->out, c->key, sext(raw, (unsigned)(size * 8)));
	else
		ms_record_add_u64(c->out, c->key, mask_bytes(raw, size));
}

/* A scalar whose (already extracted) value is @p raw. */
static void print_scalar(const struct pctx *c, const struct ms_type *t, uint64_t raw, uint64_t size)
{
	const struct ms_type *s = ms_type_strip(t);

	if (c->out) {
		record_scalar(c, s, raw, size);
		return;
	}
	switch (ms_type_kind(s)) {
	case MS_TYPE_ENUM:
		print_enum(c, s, raw, size);
		return;
	case MS_TYPE_FLOAT:
		if (c->fmt_x) {
			fprintf(c->fp, "0x%" PRIx64, mask_bytes(raw, size));
		} else if (size == 4) {
			float f;
			uint32_t u = (uint32_t)raw;
			memcpy(&f, &u, 4);
			fprintf(c->fp, "%.9g", f);
		} else {
			double d;
			memcpy(&d, &raw, 8);
			fprintf(c->fp, "%.17g", d);
		}
		return;
	default:
		break;
	}
	if (ms_type_is_bool(s) && c->radix != 16 && !c->fmt_x) {
		raw = mask_bytes(raw, size);
		if (raw <= 1)
			fputs(raw ? "true" : "false", c->fp);
		else
			fprintf(c->fp, "%" PRIu64, raw);
		return;
	}
	print_int(c, raw, size, ms_type_is_signed(s));
	if (ms_type_is_char(s) && c->radix != 16 && !c->fmt_x) {
		fputs(" '", c->fp);
		emit_char(c->fp, (unsigned char)raw, '\'');
		fputc('\'', c->fp);
	}
}

/* ------------------------------------------------------------ strings */

/*
 * gdb's generic_printstr for @p n bytes: runs longer than the threshold as
 * 'c' <repeats N times>, the rest in double quotes, "..." if cut at
 * PRINT_MAX.  @p drop_nul: an array's final NUL is not printed.
 */
static void print_chars(FILE *fp, const unsigned char *b, size_t n, bool drop_nul, bool more)
{
	bool inq = false, any = false;
	size_t i = 0, things = 0;

	if (drop_nul && n > 0 && !more && b[n - 1] == 0)
		n--;
	if (!n && !more) {
		fputs("\"\"", fp);
		return;
	}
	while (i < n && things < PRINT_MAX) {
		size_t reps = 1;
		while (i + reps < n && b[i + reps] == b[i])
			reps++;
		if (reps > REPEAT_THRESHOLD) {
			if (inq) {
				fputs("\", ", fp);
				inq = false;
			} else if (any) {
				fputs(", ", fp);
			}
			fputc('\'', fp);
			emit_char(fp, b[i], '\'');
			fprintf(fp, "' <repeats %zu times>", reps);
			i += reps;
			things += REPEAT_THRESHOLD;
		} else {
			if (!inq) {
				if (any)
					fputs(", ", fp);
				fputc('"', fp);
				inq = true;
			}
			emit_char(fp, b[i], '"');
			i++;
			things++;
		}
		any = true;
	}
	if (inq)
		fputc('"', fp);
	if (i < n || more)
		fputs("...", fp);
}

/* The string at @p addr, as gdb prints it after a char pointer. */
static void print_string_at(struct ms_program *prog, FILE *fp, uint64_t addr)
{
	unsigned char b[PRINT_MAX + 1];
	size_t n = 0;
	bool nul = false;

	while (n < sizeof(b) && !nul) {
		uint64_t a = addr + n;
		size_t chunk = 4096 - (a & 4095);
		if (chunk > sizeof(b) - n)
			chunk = sizeof(b) - n;
		if (!readable(prog, a, b + n, chunk)) {
			/* Maybe only a later part is unreadable: go byte by byte. */
			size_t k = 0;
			while (k < chunk && readable(prog, a + k, b + n + k, 1))
				k++;
			if (!k && !n) {
				fprintf(fp, " <error: Cannot access memory at address 0x%" PRIx64 ">", addr);
				return;
			}
			for (size_t i = 0; i < k; i++)
				if (!b[n + i]) {
					k = i;
					nul = true;
					break;
				}
			n += k;
			nul = true;	/* stop at the unreadable byte */
			break;
		}
		for (size_t i = 0; i < chunk; i++)
			if (!b[n + i]) {
				chunk = i;
				nul = true;
				break;
			}
		n += chunk;
	}
	bool more = !nul && n > PRINT_MAX;
	fputc(' ', fp);
	print_chars(fp, b, n > PRINT_MAX ? PRINT_MAX : n, false, more);
}

/* ------------------------------------------------------------ pointers */

static void print_symbolic(struct ms_program *prog, FILE *fp, uint64_t v)
{
	uint64_t off;
	const struct ms_symbol *s = ms_symbol_containing(prog, v, &off);

	if (!s)
		return;
	if (off)
		fprintf(fp, " <%s+%" PRIu64 ">", s->name, off);
	else
		fprintf(fp, " <%s>", s->name);
}

static void print_pointer(const struct pctx *c, const struct ms_type *t, uint64_t v, bool top)
{
	const struct ms_type *tg = ms_type_strip(ms_type_target(ms_type_strip(t)));
	bool textual = tg && ms_type_is_char(tg) && ms_type_size(tg) == 1;

	if (c->out) {
		ms_record_add_addr(c->out, c->key, v);
		return;
	}
	if (c->fmt_x) {
		fprintf(c->fp, "0x%" PRIx64, v);
		return;
	}
	/*
	 * gdb leaves out the "(type) " only for a plain "char *" (qualifiers
	 * allowed): not for unsigned char *, a typedef of char, or a typedef'd pointer.
	 */
	const struct ms_type *pt = t;
	while (ms_type_kind(pt) == MS_TYPE_QUALIFIED)
		pt = ms_type_target(pt);
	const struct ms_type *ct = ms_type_kind(pt) == MS_TYPE_POINTER ? ms_type_target(pt) : NULL;
	while (ms_type_kind(ct) == MS_TYPE_QUALIFIED)
		ct = ms_type_target(ct);
	bool plain_char = ct && ms_type_kind(ct) == MS_TYPE_INT && ms_type_tag(ct) && !strcmp(ms_type_tag(ct), "char");
	if (top && !plain_char)
		fprintf(c->fp, "(%s) ", ms_type_name(t));
	fprintf(c->fp, "0x%" PRIx64, v);
	if (!v)
		return;
	print_symbolic(c->prog, c->fp, v);
	if (textual)
		print_string_at(c->prog, c->fp, v);
}

/* ------------------------------------------------------------ aggregates */

static void indent_to(FILE *fp, int n)
{
	fprintf(fp, "%*s", n, "");
}

static void record_chars(const struct pctx *c, const unsigned char *buf, uint64_t n);

static void print_array(const struct pctx *c, const struct ms_type *a, const unsigned char *buf, uint64_t addr,
			int rec)
{
	const struct ms_type *el = ms_type_target(a);
	uint64_t n = ms_type_array_len(a);
	uint64_t esz = ms_type_size(el);

	bool chars = ms_type_is_char(el) && esz == 1 && !c->fmt_x;
	struct ms_record *list = NULL;

	if (c->out && chars) {
		record_chars(c, buf, n);
		return;
	}
	if (c->out) {
		/* the elements the text shows, its repeats spelt out */
		list = ms_record_add_list(c->out, c->key);
	} else if (!n) {
		/* gdb prints a flexible or zero-length array like a pointer to its start */
		fprintf(c->fp, "0x%" PRIx64, addr);
		print_symbolic(c->prog, c->fp, addr);
		if (chars)
			print_string_at(c->prog, c->fp, addr);
		return;
	} else if (chars) {
		bool more = n > PRINT_MAX;
		print_chars(c->fp, buf, more ? PRINT_MAX : n, true, more);
		return;
	} else {
		fputc('{', c->fp);
	}
	uint64_t i = 0, things = 0;
	while (i < n && things < PRINT_MAX) {
		uint64_t reps = 1;
		while (i + reps < n && esz && !memcmp(buf + i * esz, buf + (i + reps) * esz, esz))
			reps++;
		if (list) {
			size_t len = c->rs->len;

			for (uint64_t k = i; k < i + (reps > REPEAT_THRESHOLD ? reps : 1); k++) {
				struct pctx e = sub_ctx(c, list, NULL, "[%" PRIu64 "]", k);

				print_val(&e, el, buf + k * esz, addr ? addr + k * esz : 0, rec + 1, false);
				path_restore(c, len);
			}
		} else {
			if (i)
				fputs(", ", c->fp);
			print_val(c, el, buf + i * esz, addr ? addr + i * esz : 0, rec + 1, false);
		}
		if (reps > REPEAT_THRESHOLD) {
			if (!list)
				fprintf(c->fp, " <repeats %" PRIu64 " times>", reps);
			i += reps;
			things += REPEAT_THRESHOLD;
		} else {
			i++;
			things++;
		}
	}
	if (i < n && list)
		note_cut(c);
	if (list)
		return;
	if (i < n)
		fputs("...", c->fp);
	fputc('}', c->fp);
}

/*
 * A char array as data: the C string it holds (up to its first NUL byte),
 * escaped as the text escapes it, at most PRINT_MAX characters.
 */
static void record_chars(const struct pctx *c, const unsigned char *buf, uint64_t n)
{
	char out[4 * PRINT_MAX + 1];
	const unsigned char *nul = memchr(buf, 0, n < PRINT_MAX ? n : PRINT_MAX);
	size_t len = nul ? (size_t)(nul - buf) : n < PRINT_MAX ? n : PRINT_MAX;

	ms_record_add_str(c->out, c->key, ms_escape_mem(out, sizeof(out), buf, len));
	if (!nul && n > PRINT_MAX)
		note_cut(c);
}

static void print_member_value(const struct pctx *c, const struct ms_member *m, const unsigned char *buf,
			       uint64_t addr, int rec)
{
	if (m->bit_size) {
		uint64_t raw = extract_bits(buf + m->offset, m->bit_offset, m->bit_size);
		const struct ms_type *s = ms_type_strip(m->type);
		uint64_t size = ms_type_size(s);
		if (ms_type_is_signed(s))
			raw = mask_bytes((uint64_t)sext(raw, m->bit_size), size);
		print_scalar(c, m->type, raw, size);
		return;
	}
	print_val(c, m->type, buf + m->offset, addr ? addr + m->offset : 0, rec, false);
}

/*
 * The members of struct or union @p s as fields of @p obj; an anonymous
 * struct or union adds its members to @p obj too (C keeps their names
 * unique), as drgn's Object.value_() does.  An unnamed bitfield (padding)
 * has no value to show.
 */
static void record_members(const struct pctx *c, const struct ms_type *s, const unsigned char *buf,
			   uint64_t addr, int rec, struct ms_record *obj)
{
	for (size_t i = 0; i < ms_type_member_count(s); i++) {
		const struct ms_member *m = ms_type_member(s, i);
		const struct ms_type *inner = ms_type_strip(m->type);
		enum ms_type_kind k = ms_type_kind(inner);
		size_t len = c->rs->len;

		if (!m->name && (k == MS_TYPE_STRUCT || k == MS_TYPE_UNION)) {
			record_members(c, inner, buf + m->offset, addr ? addr + m->offset : 0, rec + 1, obj);
		} else if (m->name) {
			struct pctx e = sub_ctx(c, obj, m->name, ".%s", m->name);

			print_member_value(&e, m, buf, addr, rec + 1);
			path_restore(c, len);
		}
	}
}

static void print_struct(const struct pctx *c, const struct ms_type *s, const unsigned char *buf, uint64_t addr,
			 int rec)
{
	size_t n = ms_type_member_count(s);

	if (c->out) {
		record_members(c, s, buf, addr, rec, ms_record_add_record(c->out, c->key));
		return;
	}
	if (!n) {
		fputs("{<No data fields>}", c->fp);
		return;
	}
	fputs("{\n", c->fp);
	for (size_t i = 0; i < n; i++) {
		const struct ms_member *m = ms_type_member(s, i);
		indent_to(c->fp, 2 * (rec + 1));
		if (m->name)
			fprintf(c->fp, "%s = ", m->name);
		print_member_value(c, m, buf, addr, rec + 1);
		fputs(i + 1 < n ? ",\n" : "\n", c->fp);
	}
	indent_to(c->fp, 2 * rec);
	fputc('}', c->fp);
}

static void print_val(const struct pctx *c, const struct ms_type *t, const unsigned char *buf, uint64_t addr,
		      int rec, bool top)
{
	const struct ms_type *s = ms_type_strip(t);
	uint64_t size = ms_type_size(s);

	switch (ms_type_kind(s)) {
	case MS_TYPE_STRUCT:
	case MS_TYPE_UNION:
		print_struct(c, s, buf, addr, rec);
		break;
	case MS_TYPE_ARRAY:
		print_array(c, s, buf, addr, rec);
		break;
	case MS_TYPE_POINTER:
		print_pointer(c, t, load_uint(buf, size), top);
		break;
	case MS_TYPE_FUNCTION: {
		if (c->out) {
			ms_record_add_addr(c->out, c->key, addr);
			break;
		}
		char *d = ms_type_decl(s, "");
		fprintf(c->fp, "{%s} 0x%" PRIx64, d, addr);
		free(d);
		print_symbolic(c->prog, c->fp, addr);
		break;
	}
	case MS_TYPE_VOID:
		if (c->out)
			ms_record_add_null(c->out, c->key);
		else
			fputs("void", c->fp);
		break;
	default:
		print_scalar(c, t, load_uint(buf, size), size);
		break;
	}
}

void ms_value_print_fmt(struct ms_program *prog, FILE *fp, const struct ms_type *t, const void *buf, uint64_t addr, int radix,
			bool format_x, int indent)
{
	struct pctx c = { .prog = prog, .fp = fp, .radix = radix == 16 ? 16 : 10, .fmt_x = format_x };

	print_val(&c, t, buf, addr, indent, indent == 0);
}

void ms_value_print(struct ms_program *prog, FILE *fp, const struct ms_type *t, const void *buf, uint64_t addr, int radix, int indent)
{
	ms_value_print_fmt(prog, fp, t, buf, addr, radix, false, indent);
}

void ms_value_print_member(struct ms_program *prog, FILE *fp, const struct ms_member *m, const void *buf, uint64_t addr, int radix,
			   int indent)
{
	struct pctx c = { .prog = prog, .fp = fp, .radix = radix == 16 ? 16 : 10 };

	print_member_value(&c, m, buf, addr, indent);
}

/* The data of @p t in @p buf, or of member @p m of it: field "data" of @p rec. */
static void record_value(struct ms_program *prog, struct ms_record *rec, const struct ms_type *t,
			 const struct ms_member *m, const void *buf, uint64_t addr)
{
	struct rstate rs = { .len = 0 };
	struct pctx c = { .prog = prog, .radix = 10, .out = rec, .key = "data", .rs = &rs };

	if (m)
		print_member_value(&c, m, buf, addr, 1);
	else if (t && (buf || ms_type_kind(ms_type_strip(t)) == MS_TYPE_FUNCTION))
		print_val(&c, t, buf, addr, 0, true);	/* a function is its address */
	else
		ms_record_add_null(rec, "data");
	if (rs.cut) {
		struct ms_record *list = ms_record_add_list(rec, "data_truncated");

		for (size_t i = 0; i < rs.cut->nr_fields; i++)
			ms_record_append_str(list, rs.cut->fields[i].str);
		ms_record_destroy(rs.cut);
	}
}

void ms_value_record(struct ms_program *prog, struct ms_record *rec, const struct ms_type *t, const void *buf,
		     uint64_t addr)
{
	record_value(prog, rec, t, NULL, buf, addr);
}

void ms_value_record_member(struct ms_program *prog, struct ms_record *rec, const struct ms_member *m,
			    const void *buf, uint64_t addr)
{
	record_value(prog, rec, NULL, m, buf, addr);
}

/* ------------------------------------------------------------ declarations */

struct dctx {
	FILE *fp;
	bool offsets;
	int radix;
	int width;		/* of the "[off]" column */
	bool addrs;		/* "[address]" instead of "[offset]" */
	uint64_t base;
	int elide_level;	/* gdb's ptype: anonymous aggregates this deep print as {...}; 0 never */
};

static void decl_line_start(const struct dctx *d, int level, bool has_off, uint64_t off)
{
	if (d->offsets) {
		char ob[40];
		if (has_off && d->addrs)
			snprintf(ob, sizeof(ob), "[%" PRIx64 "]", d->base + off);
		else if (has_off)
			snprintf(ob, sizeof(ob), d->radix == 16 ? "[0x%" PRIx64 "]" : "[%" PRIu64 "]", off);
		else
			ob[0] = 0;
		fprintf(d->fp, "%*s ", d->width, ob);
		indent_to(d->fp, 4 * (level - 1));
	} else {
		indent_to(d->fp, 4 * level);
	}
}

static bool anon_aggregate(const struct ms_type *t)
{
	enum ms_type_kind k = ms_type_kind(t);

	return (k == MS_TYPE_STRUCT || k == MS_TYPE_UNION) && !ms_type_tag(t);
}

static void print_body(const struct dctx *d, const struct ms_type *s, int level, uint64_t base);

static void print_member_decl(const struct dctx *d, const struct ms_member *m, int level, uint64_t base)
{
	const struct ms_type *mt = m->type;

	/* Anonymous aggregates, possibly qualified, are expanded in place. */
	const struct ms_type *inner = mt;
	while (ms_type_kind(inner) == MS_TYPE_QUALIFIED)
		inner = ms_type_target(inner);
	if (anon_aggregate(inner) && d->elide_level && level >= d->elide_level) {
		decl_line_start(d, level, true, base + m->offset);
		fprintf(d->fp, "%s {...}%s%s;\n", ms_type_kind(inner) == MS_TYPE_STRUCT ? "struct" : "union",
			m->name ? " " : "", m->name ? m->name : "");
		return;
	}
	if (anon_aggregate(inner)) {
		decl_line_start(d, level, d->offsets && m->name, base + m->offset);
		fprintf(d->fp, "%s {\n", ms_type_kind(inner) == MS_TYPE_STRUCT ? "struct" : "union");
		print_body(d, inner, level + 1, base + m->offset);
		decl_line_start(d, level, false, 0);
		fprintf(d->fp, "}%s%s;\n", m->name ? " " : "", m->name ? m->name : "");
		return;
	}
	decl_line_start(d, level, true, base + m->offset);
	char *decl = ms_type_decl(mt, m->name ? m->name : "");
	fputs(decl, d->fp);
	free(decl);
	if (m->bit_size)
		fprintf(d->fp, " : %u", m->bit_size);
	fputs(";\n", d->fp);
}

static void print_body(const struct dctx *d, const struct ms_type *s, int level, uint64_t base)
{
	size_t n = ms_type_member_count(s);

	if (!n) {
		decl_line_start(d, level, false, 0);
		fputs("<no data fields>\n", d->fp);
	}
	for (size_t i = 0; i < n; i++)
		print_member_decl(d, ms_type_member(s, i), level, base);
}

static int offset_width(const struct ms_type *s, int radix)
{
	char sz[40];

	snprintf(sz, sizeof(sz), radix == 16 ? "0x%" PRIx64 : "%" PRIu64, ms_type_size(s));
	return (int)strlen(sz) + 4;
}

void ms_type_print_member_decl(FILE *fp, const struct ms_type *container, const struct ms_member *m,
			       int radix)
{
	struct dctx d = { .fp = fp, .offsets = true, .radix = radix,
			  .width = offset_width(ms_type_strip(container), radix) };

	print_member_decl(&d, m, 1, 0);
}

void ms_type_print_decl_at(FILE *fp, const struct ms_type *t, uint64_t addr)
{
	const struct ms_type *s = ms_type_strip(t);
	char ab[40];

	snprintf(ab, sizeof(ab), "[%" PRIx64 "]", addr + ms_type_size(s));
	struct dctx d = { .fp = fp, .offsets = true, .radix = 16, .width = (int)strlen(ab) + 2,
			  .addrs = true, .base = addr };
	fprintf(fp, "%s ", ms_type_kind(s) == MS_TYPE_UNION ? "union" : "struct");
	if (ms_type_tag(s))
		fprintf(fp, "%s ", ms_type_tag(s));
	fputs("{\n", fp);
	print_body(&d, s, 1, 0);
	fputs("}\n", fp);
}

static void print_decl(FILE *fp, const struct ms_type *t, bool show_offsets, int radix, int elide);

void ms_type_print_decl(FILE *fp, const struct ms_type *t, bool show_offsets, int radix)
{
	print_decl(fp, t, show_offsets, radix, 0);
}

void ms_type_print_ptype(FILE *fp, const struct ms_type *t)
{
	print_decl(fp, t, false, 10, 2);
}

/* The body of struct/union/enum @p s, "}" followed by @p suffix and a newline. */
static bool print_body_of(FILE *fp, const struct ms_type *s, unsigned quals, bool show_offsets, int radix,
			  int elide, const char *suffix)
{
	enum ms_type_kind k = ms_type_kind(s);

	if (k != MS_TYPE_STRUCT && k != MS_TYPE_UNION && k != MS_TYPE_ENUM)
		return false;
	if (quals & MS_QUAL_CONST)
		fputs("const ", fp);
	if (quals & MS_QUAL_VOLATILE)
		fputs("volatile ", fp);
	if (k == MS_TYPE_STRUCT || k == MS_TYPE_UNION) {
		struct dctx d = { .fp = fp, .offsets = show_offsets, .radix = radix,
				  .width = offset_width(s, radix), .elide_level = elide };
		fprintf(fp, "%s ", k == MS_TYPE_STRUCT ? "struct" : "union");
		if (ms_type_tag(s))
			fprintf(fp, "%s ", ms_type_tag(s));
		fputs("{\n", fp);
		print_body(&d, s, 1, 0);
		fprintf(fp, "}%s\n", suffix);
		return true;
	}
	if (k == MS_TYPE_ENUM) {
		fputs("enum ", fp);
		if (ms_type_tag(s))
			fprintf(fp, "%s ", ms_type_tag(s));
		fputc('{', fp);
		int64_t next = 0;
		for (size_t i = 0; i < ms_type_enumerator_count(s); i++) {
			const struct ms_enumerator *e = ms_type_enumerator(s, i);
			fprintf(fp, "%s%s", i ? ", " : "", e->name);
			if (e->value != next)
				fprintf(fp, " = %" PRId64, e->value);
			next = e->value + 1;
		}
		fprintf(fp, "}%s\n", suffix);
		return true;
	}
	return false;
}

static const struct ms_type *strip_quals(const struct ms_type *s, unsigned *quals)
{
	while (ms_type_kind(s) == MS_TYPE_TYPEDEF || ms_type_kind(s) == MS_TYPE_QUALIFIED) {
		*quals |= ms_type_qualifiers(s);
		s = ms_type_target(s);
	}
	return s;
}

static void print_decl(FILE *fp, const struct ms_type *t, bool show_offsets, int radix, int elide)
{
	/* ptype looks through typedefs at the top. */
	while (ms_type_kind(t) == MS_TYPE_TYPEDEF)
		t = ms_type_target(t);
	unsigned quals = 0;
	const struct ms_type *s = strip_quals(t, &quals);

	if (print_body_of(fp, s, quals, show_offsets, radix, elide, ""))
		return;
	/*
	 * A pointer, array or function type whose base is an aggregate: gdb
	 * expands the base and appends the declarator: "struct pglist_data {...} *[4]".
	 */
	const struct ms_type *b = t;
	while (ms_type_kind(b) == MS_TYPE_POINTER || ms_type_kind(b) == MS_TYPE_ARRAY ||
	       ms_type_kind(b) == MS_TYPE_FUNCTION || ms_type_kind(b) == MS_TYPE_QUALIFIED)
		b = ms_type_target(b);
	char *decl = ms_type_decl(t, "");
	if (b && b != t) {
		const char *bn = ms_type_name(b);
		unsigned bq = 0;
		const struct ms_type *bs = strip_quals(b, &bq);
		enum ms_type_kind bk = ms_type_kind(bs);
		size_t bl = strlen(bn);
		if ((bk == MS_TYPE_STRUCT || bk == MS_TYPE_UNION || bk == MS_TYPE_ENUM) && !bq &&
		    !strncmp(decl, bn, bl) && print_body_of(fp, bs, 0, show_offsets, radix, elide, decl + bl)) {
			free(decl);
			return;
		}
	}
	/* Anything else: its full name, typedefs resolved at the top level. */
	free(decl);
	decl = ms_type_decl(s, "");
	if (quals & MS_QUAL_CONST)
		fputs("const ", fp);
	if (quals & MS_QUAL_VOLATILE)
		fputs("volatile ", fp);
	fprintf(fp, "%s\n", decl);
	free(decl);
}
