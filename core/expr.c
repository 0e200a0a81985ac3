/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * expr.c - a recursive-descent evaluator for the C expressions of "p".
 *
 * Grammar (C precedence, left-associative binaries):
 *   expr    := logand { '||' logand }     logand := bitor { '&&' bitor }
 *   bitor   := bitxor { '|' bitxor }      bitxor := bitand { '^' bitand }
 *   bitand  := equal { '&' equal }         equal  := rel { ('=='|'!=') rel }
 *   rel     := shift { ('<'|'>'|'<='|'>=') shift }
 *   shift   := add { ('<<'|'>>') add }
 *   add     := mul { ('+'|'-') mul }       mul    := unary { ('*'|'/'|'%') unary }
 *   unary   := ('*'|'&'|'-'|'~'|'!') unary | '(' type ')' unary
 *            | 'sizeof' ( '(' type ')' | unary ) | postfix
 *   postfix := primary { '.' ident | '->' ident | '[' expr ']' }
 *   primary := number | ident | '(' expr ')'
 *
 * An lvalue is only an address and a type until something needs its bytes,
 * so "node_data[0]->node_zones[1].name" reads two pointers and one name, not
 * whole arrays and structs.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/expr.h"
#include "core/symbols.h"
#include "core/value.h"

struct parser {
	struct ms_program *prog;
	const char *s;		/* whole text */
	const char *p;		/* current position */
	bool failed;
	unsigned depth;		/* nesting of unary operators and parentheses */
};

/*
 * Deeper nesting than this is refused rather than recursed into: 5000
 * parentheses would otherwise overflow the stack.  gdb's own parser stops
 * at a similar depth.
 */
#define MAX_DEPTH	200

static struct ms_error *syntax_error(struct parser *ps)
{
	const char *p = ps->p;

	while (*p == ' ' || *p == '\t')
		p++;
	ps->failed = true;
	return ms_error_create(MS_ERR_USAGE, "A syntax error in expression, near `%s'.", p);
}

static void skip_ws(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t')
		ps->p++;
}

static bool accept(struct parser *ps, const char *tok)
{
	size_t n = strlen(tok);

	skip_ws(ps);
	if (strncmp(ps->p, tok, n))
		return false;
	/* do not split "->" into "-", "<<" or "<=" into "<", "&&" into "&", ... */
	char nx = ps->p[n];
	if (n == 1 && ((tok[0] == '-' && nx == '>') || (tok[0] == '<' && (nx == '<' || nx == '=')) ||
		       (tok[0] == '>' && (nx == '>' || nx == '=')) || (tok[0] == '&' && nx == '&') ||
		       (tok[0] == '|' && nx == '|') || (tok[0] == '!' && nx == '=')))
		return false;
	if (n == 2 && (!strcmp(tok, "<<") || !strcmp(tok, ">>")) && nx == '=')
		return false;
	ps->p += n;
	return true;
}

static bool ident_start(char c)
{
	return isalpha((unsigned char)c) || c == '_' || c == '$';
}

static size_t ident_len(const char *p)
{
	size_t n = 0;

	if (!ident_start(p[0]))
		return 0;
	while (isalnum((unsigned char)p[n]) || p[n] == '_' || p[n] == '$')
		n++;
	return n;
}

/* ------------------------------------------------------------ values */

void ms_expr_value_release(struct ms_value *v)
{
	free(v->bytes);
	v->bytes = NULL;
}

static struct ms_error *make_rvalue(struct ms_value *v, const struct ms_type *t, uint64_t u)
{
	uint64_t sz = ms_type_size(t);

	memset(v, 0, sizeof(*v));
	v->type = t;
	v->bytes = calloc(1, sz > 8 ? sz : 8);
	if (!v->bytes)
		return &ms_enomem;
	for (unsigned i = 0; i < 8 && i < sz; i++)
		v->bytes[i] = (unsigned char)(u >> (8 * i));
	return NULL;
}

/* A base type by name ("int", "unsigned long"): NULL without a debuginfo. */
static const struct ms_type *base(struct ms_program *prog, const char *name)
{
	return ms_type_get(prog, name);
}

/* What base() failing means. */
static struct ms_error *no_base(const char *name)
{
	return ms_error_lookup(name, "No symbol \"%s\" in current context.", name);
}

struct ms_error *ms_expr_value_load(struct ms_program *prog, struct ms_value *v)
{
	struct ms_error *err;

	if (v->bytes || !v->lval)
		return NULL;
	if (!v->type)
		return ms_error_create(MS_ERR_USAGE, "'%s' has unknown type; cast it to its declared type",
				    v->symbol ? v->symbol : "?");
	enum ms_type_kind k = ms_type_kind(ms_type_strip(v->type));
	if (k == MS_TYPE_FUNCTION || k == MS_TYPE_VOID)
		return NULL;
	uint64_t sz = ms_type_size(v->type);
	v->bytes = calloc(1, sz > 8 ? sz : 8);
	if (!v->bytes)
		return &ms_enomem;
	if (sz && (err = ms_value_read(prog, v->addr, v->bytes, sz))) {
		free(v->bytes);
		v->bytes = NULL;
		return err;
	}
	return NULL;
}

static bool is_scalar_kind(enum ms_type_kind k)
{
	return k == MS_TYPE_INT || k == MS_TYPE_ENUM || k == MS_TYPE_POINTER || k == MS_TYPE_FLOAT;
}

struct ms_error *ms_expr_value_u64(struct ms_program *prog, struct ms_value *v, uint64_t *ret)
{
	struct ms_error *err;
	const struct ms_type *s = ms_type_strip(v->type);
	enum ms_type_kind k = ms_type_kind(s);

	if (!v->type)
		return ms_error_create(MS_ERR_USAGE, "'%s' has unknown type; cast it to its declared type",
				    v->symbol ? v->symbol : "?");
	if (k == MS_TYPE_ARRAY || k == MS_TYPE_FUNCTION) {
		if (!v->lval)
			return ms_error_create(MS_ERR_USAGE, "Attempt to take address of value not located in memory.");
		*ret = v->addr;
		return NULL;
	}
	if (!is_scalar_kind(k))
		return ms_error_create(MS_ERR_USAGE, "Invalid operation on a %s value.", ms_type_name(v->type));
	if ((err = ms_expr_value_load(prog, v)))
		return err;
	uint64_t sz = ms_type_size(s), u = 0;
	for (unsigned i = 0; i < 8 && i < sz; i++)
		u |= (uint64_t)v->bytes[i] << (8 * i);
	if (k == MS_TYPE_FLOAT) {
		double d;
		if (sz == 4) {
			float f;
			uint32_t w = (uint32_t)u;
			memcpy(&f, &w, 4);
			d = f;
		} else {
			memcpy(&d, &u, 8);
		}
		/* out of range, a conversion is undefined: saturate, NaN is 0 */
		u = d != d ? 0 : d >= 0x1p63 ? (uint64_t)INT64_MAX : d < -0x1p63 ? (uint64_t)INT64_MIN :
			(uint64_t)(int64_t)d;
	} else if (ms_type_is_signed(s) && sz < 8) {
		uint64_t m = 1ULL << (sz * 8 - 1);
		u &= (1ULL << (sz * 8)) - 1;
		u = (u ^ m) - m;
	}
	*ret = u;
	return NULL;
}

/* Arrays and functions become pointers (C's decay). */
static struct ms_error *decay(struct ms_program *prog, struct ms_value *v)
{
	const struct ms_type *s = ms_type_strip(v->type);
	enum ms_type_kind k = ms_type_kind(s);

	if (v->type && (k == MS_TYPE_ARRAY || k == MS_TYPE_FUNCTION)) {
		if (!v->lval)
			return ms_error_create(MS_ERR_USAGE, "Attempt to take address of value not located in memory.");
		const struct ms_type *pt = ms_type_pointer_to(prog, k == MS_TYPE_ARRAY ? ms_type_target(s) : v->type);
		uint64_t a = v->addr;
		ms_expr_value_release(v);
		return make_rvalue(v, pt, a);
	}
	return NULL;
}

/* ------------------------------------------------------------ grammar */

static struct ms_error *parse_expr(struct parser *ps, struct ms_value *v);
static struct ms_error *parse_unary(struct parser *ps, struct ms_value *v);

static struct ms_error *parse_number(struct parser *ps, struct ms_value *v)
{
	struct ms_program *prog = ps->prog;

	char *end;
	const char *start = ps->p;
	unsigned long long u;
	bool hex = start[0] == '0' && (start[1] == 'x' || start[1] == 'X');

	errno = 0;
	u = strtoull(ps->p, &end, 0);
	if (isalnum((unsigned char)*end) && !strchr("uUlL", *end)) {
		/* crash users type bare hex addresses: ffff8800... */
		errno = 0;
		u = strtoull(start, &end, 16);
		hex = true;
		if (isalnum((unsigned char)*end) && !strchr("uUlL", *end))
			return syntax_error(ps);
	}
	if (errno == ERANGE) {
		/* strtoull() saturates: a wrong value, where gdb refuses */
		ps->failed = true;
		return ms_error_create(MS_ERR_USAGE, "Numeric constant too large.");
	}
	while (*end && strchr("uUlL", *end))
		end++;
	ps->p = end;
	const char *tn;
	if (u <= 0x7fffffffULL)
		tn = "int";
	else if (hex && u <= 0xffffffffULL)
		tn = "unsigned int";
	else if (u <= 0x7fffffffffffffffULL)
		tn = "long";
	else
		tn = "unsigned long";
	const struct ms_type *t = base(prog, tn);
	if (!t)
		return no_base(tn);
	return make_rvalue(v, t, u);
}

static struct ms_error *lookup_ident(struct ms_program *prog, const char *name, struct ms_value *v)
{
	const struct ms_type *t;
	uint64_t addr;
	int64_t ev;

	memset(v, 0, sizeof(*v));
	const struct ms_symbol *sym = ms_symbol_find(prog, name);
	if (ms_error_ok(ms_variable_find(prog, name, &t, &addr))) {
		/* DWARF's link-time address, relocated like the symbols (KERNELOFFSET) */
		v->type = t;
		v->lval = true;
		v->addr = addr + (uint64_t)ms_symbols_offset(prog);
		return NULL;
	}
	if (ms_error_ok(ms_variable_const(prog, name, &t, &ev)))
		/* a "static const" the compiler folded (DW_AT_const_value): as gdb, its value */
		return make_rvalue(v, t ? t : base(prog, "int"), (uint64_t)ev);
	if (ms_error_ok(ms_enum_value(prog, name, &ev))) {
		const struct ms_type *et = ms_enum_type_of(prog, name);
		return make_rvalue(v, et ? et : base(prog, "int"), (uint64_t)ev);
	}
	if (ms_error_ok(ms_function_find(prog, name, &t, &addr))) {
		v->type = t;
		v->lval = true;
		v->addr = sym ? sym->value : addr + (uint64_t)ms_symbols_offset(prog);
		return NULL;
	}
	if (sym) {
		v->type = NULL;		/* no debug info: only & and casts work */
		v->lval = true;
		v->addr = sym->value;
		v->symbol = sym->name;
		return NULL;
	}
	return ms_error_lookup(name, "No symbol \"%s\" in current context.", name);
}

/*
 * If the text at ps->p is "(type-name)", parse it into *ret and return 1;
 * 0 if it is not a type (then ps->p is unchanged).
 */
static int try_type_name(struct parser *ps, const struct ms_type **ret)
{
	struct ms_program *prog = ps->prog;

	const char *p = ps->p;
	skip_ws(ps);
	const char *start = ps->p;
	const char *close = start;
	int depth = 0;

	while (*close && !(depth == 0 && *close == ')')) {
		if (*close == '(')
			depth++;
		else if (*close == ')')
			depth--;
		close++;
	}
	if (*close != ')')
		goto no;
	/* Only identifiers, blanks, '*' and [N]: "struct page *", "unsigned long", "pg_data_t" */
	for (const char *q = start; q < close; q++)
		if (!isalnum((unsigned char)*q) && !strchr("_ *[]\t", *q))
			goto no;
	char buf[256];
	size_t n = (size_t)(close - start);
	if (!n || n >= sizeof(buf))
		goto no;
	memcpy(buf, start, n);
	buf[n] = 0;
	/* A plain identifier that names a variable is an expression, not a type. */
	size_t il = ident_len(buf);
	const struct ms_type *vt;
	uint64_t va;
	if (il == n && ms_error_ok(ms_variable_find(prog, buf, &vt, &va)))
		goto no;
	const struct ms_type *t = ms_type_get(prog, buf);
	if (!t)
		goto no;
	*ret = t;
	ps->p = close + 1;
	return 1;
no:
	ps->p = p;
	return 0;
}

static struct ms_error *do_cast(struct ms_program *prog, const struct ms_type *t, struct ms_value *v)
{
	struct ms_error *err;
	const struct ms_type *s = ms_type_strip(t);
	enum ms_type_kind k = ms_type_kind(s);

	if (k == MS_TYPE_STRUCT || k == MS_TYPE_UNION || k == MS_TYPE_ARRAY || !v->type) {
		/* reinterpret the object in memory */
		if (!v->lval)
			return ms_error_create(MS_ERR_USAGE, "Invalid cast.");
		ms_expr_value_release(v);
		v->type = t;
		v->symbol = NULL;
		return NULL;
	}
	if (!is_scalar_kind(k) && k != MS_TYPE_VOID)
		return ms_error_create(MS_ERR_USAGE, "Invalid cast.");
	uint64_t u;
	if ((err = decay(prog, v)) || (err = ms_expr_value_u64(prog, v, &u)))
		return err;
	ms_expr_value_release(v);
	return make_rvalue(v, t, u);
}

static struct ms_error *deref(struct ms_program *prog, struct ms_value *v)
{
	struct ms_error *err;
	if ((err = decay(prog, v)))
		return err;
	const struct ms_type *s = ms_type_strip(v->type);
	if (v->type && ms_type_kind(s) == MS_TYPE_INT && !ms_type_is_bool(s)) {
		/* gdb: "*integer" reads a long there */
		uint64_t a;
		if ((err = ms_expr_value_u64(prog, v, &a)))
			return err;
		ms_expr_value_release(v);
		memset(v, 0, sizeof(*v));
		v->type = base(prog, "long");
		v->lval = true;
		v->addr = a;
		return v->type ? NULL : no_base("long");
	}
	if (!v->type || ms_type_kind(s) != MS_TYPE_POINTER)
		return ms_error_create(MS_ERR_USAGE, "Attempt to take contents of a non-pointer value.");
	const struct ms_type *tg = ms_type_target(s);
	if (!tg || ms_type_kind(ms_type_strip(tg)) == MS_TYPE_VOID)
		return ms_error_create(MS_ERR_USAGE, "Attempt to take contents of a non-pointer value.");
	uint64_t a;
	if ((err = ms_expr_value_u64(prog, v, &a)))
		return err;
	ms_expr_value_release(v);
	memset(v, 0, sizeof(*v));
	v->type = tg;
	v->lval = true;
	v->addr = a;
	return NULL;
}

static struct ms_error *member(struct ms_program *prog, struct ms_value *v, const char *name)
{
	struct ms_error *err;
	const struct ms_type *s = ms_type_strip(v->type);
	enum ms_type_kind k = ms_type_kind(s);
	struct ms_member m;

	if (!v->type || (k != MS_TYPE_STRUCT && k != MS_TYPE_UNION))
		return ms_error_create(MS_ERR_USAGE, "Attempt to extract a component of a value that is not a structure.");
	if ((err = ms_type_member_path(s, name, &m)))
		return err;
	if (m.bit_size) {
		unsigned char b[16] = { 0 };
		size_t nb = (m.bit_offset + m.bit_size + 7) / 8;
		if (v->bytes)
			memcpy(b, v->bytes + m.offset, nb);
		else if ((err = ms_value_read(prog, v->addr + m.offset, b, nb)))
			return err;
		uint64_t u = 0;
		for (size_t i = 0; i < 8 && i < nb; i++)
			u |= (uint64_t)b[i] << (8 * i);
		u >>= m.bit_offset;
		if (nb > 8 && m.bit_offset)
			u |= (uint64_t)b[8] << (64 - m.bit_offset);
		if (m.bit_size < 64)
			u &= (1ULL << m.bit_size) - 1;
		if (ms_type_is_signed(m.type) && m.bit_size < 64) {
			uint64_t sb = 1ULL << (m.bit_size - 1);
			u = (u ^ sb) - sb;
		}
		ms_expr_value_release(v);
		return make_rvalue(v, m.type, u);
	}
	if (v->bytes && !v->lval) {
		uint64_t sz = ms_type_size(m.type);
		unsigned char *nb = calloc(1, sz > 8 ? sz : 8);
		if (!nb)
			return &ms_enomem;
		memcpy(nb, v->bytes + m.offset, sz);
		free(v->bytes);
		v->bytes = nb;
		v->type = m.type;
		return NULL;
	}
	ms_expr_value_release(v);
	v->type = m.type;
	v->addr += m.offset;
	v->symbol = NULL;
	return NULL;
}

static struct ms_error *subscript(struct ms_program *prog, struct ms_value *v, struct ms_value *idx)
{
	struct ms_error *err;
	uint64_t i;
	const struct ms_type *s = ms_type_strip(v->type);

	if ((err = decay(prog, idx)) || (err = ms_expr_value_u64(prog, idx, &i)))
		return err;
	if (v->type && ms_type_kind(s) == MS_TYPE_ARRAY && v->lval) {
		const struct ms_type *el = ms_type_target(s);
		ms_expr_value_release(v);
		v->type = el;
		v->addr += i * ms_type_size(el);
		v->symbol = NULL;
		return NULL;
	}
	if ((err = decay(prog, v)))
		return err;
	s = ms_type_strip(v->type);
	if (!v->type || ms_type_kind(s) != MS_TYPE_POINTER)
		return ms_error_create(MS_ERR_USAGE, "cannot subscript something of type `%s'", v->type ? ms_type_name(v->type) : "?");
	const struct ms_type *el = ms_type_target(s);
	if (!el)
		return ms_error_create(MS_ERR_USAGE, "Attempt to take contents of a non-pointer value.");
	uint64_t a;
	if ((err = ms_expr_value_u64(prog, v, &a)))
		return err;
	ms_expr_value_release(v);
	memset(v, 0, sizeof(*v));
	v->type = el;
	v->lval = true;
	v->addr = a + i * ms_type_size(el);
	return NULL;
}

static struct ms_error *parse_primary(struct parser *ps, struct ms_value *v)
{
	struct ms_error *err;
	struct ms_program *prog = ps->prog;

	skip_ws(ps);
	if (isdigit((unsigned char)*ps->p))
		return parse_number(ps, v);
	size_t n = ident_len(ps->p);
	if (n) {
		char name[256];
		if (n >= sizeof(name))
			return syntax_error(ps);
		memcpy(name, ps->p, n);
		name[n] = 0;
		ps->p += n;
		if ((err = lookup_ident(prog, name, v)))
			return err;
		return NULL;
	}
	if (accept(ps, "(")) {
		if ((err = parse_expr(ps, v)))
			return err;
		if (!accept(ps, ")")) {
			ms_expr_value_release(v);
			return syntax_error(ps);
		}
		return NULL;
	}
	return syntax_error(ps);
}

static struct ms_error *parse_postfix(struct parser *ps, struct ms_value *v)
{
	struct ms_error *err;
	struct ms_program *prog = ps->prog;

	if ((err = parse_primary(ps, v)))
		return err;
	for (;;) {
		bool arrow = false;
		if (accept(ps, ".") || (arrow = accept(ps, "->"))) {
			skip_ws(ps);
			size_t n = ident_len(ps->p);
			char name[256];
			if (!n || n >= sizeof(name))
				goto syntax;
			memcpy(name, ps->p, n);
			name[n] = 0;
			ps->p += n;
			if (arrow) {
				const struct ms_type *ps_t = ms_type_strip(v->type);
				enum ms_type_kind pk = ms_type_kind(ps_t);
				const struct ms_type *tg = ms_type_strip(ms_type_target(ps_t));
				if (!v->type || pk != MS_TYPE_POINTER ||
				    (ms_type_kind(tg) != MS_TYPE_STRUCT && ms_type_kind(tg) != MS_TYPE_UNION)) {
					err = ms_error_create(MS_ERR_USAGE, "Attempt to extract a component of a "
							      "value that is not a structure pointer.");
					goto fail;
				}
				if ((err = deref(prog, v)))
					goto fail;
			}
			if ((err = member(prog, v, name)))
				goto fail;
		} else if (accept(ps, "[")) {
			struct ms_value idx;
			if ((err = parse_expr(ps, &idx)))
				goto fail;
			if (!accept(ps, "]")) {
				ms_expr_value_release(&idx);
				goto syntax;
			}
			err = subscript(prog, v, &idx);
			ms_expr_value_release(&idx);
			if (err)
				goto fail;
		} else {
			return NULL;
		}
	}
syntax:
	ms_expr_value_release(v);
	return syntax_error(ps);
fail:
	ms_expr_value_release(v);
	return err;
}

static struct ms_error *parse_unary_nested(struct parser *ps, struct ms_value *v);

/* Every recursion of the grammar passes here: count it. */
static struct ms_error *parse_unary(struct parser *ps, struct ms_value *v)
{
	struct ms_error *err;

	if (ps->depth >= MAX_DEPTH) {
		ps->failed = true;
		return ms_error_usage("expression nested too deeply (more than %d levels)",
				      MAX_DEPTH);
	}
	ps->depth++;
	err = parse_unary_nested(ps, v);
	ps->depth--;
	return err;
}

static struct ms_error *parse_unary_nested(struct parser *ps, struct ms_value *v)
{
	struct ms_error *err;
	struct ms_program *prog = ps->prog;

	skip_ws(ps);
	if (!strncmp(ps->p, "sizeof", 6) && !isalnum((unsigned char)ps->p[6]) && ps->p[6] != '_') {
		const struct ms_type *t = NULL;
		ps->p += 6;
		const char *save = ps->p;
		if (accept(ps, "(") && try_type_name(ps, &t) == 1) {
			/* sizeof(type) */
		} else {
			ps->p = save;
			struct ms_value x;
			if ((err = parse_unary(ps, &x)))
				return err;
			t = x.type;
			ms_expr_value_release(&x);
			if (!t)
				return ms_error_create(MS_ERR_USAGE, "sizeof of a symbol without debug info");
		}
		const struct ms_type *ul = base(prog, "unsigned long");
		return ul ? make_rvalue(v, ul, ms_type_size(t)) : no_base("unsigned long");
	}
	if (accept(ps, "*")) {
		if ((err = parse_unary(ps, v)))
			return err;
		if ((err = deref(prog, v))) {
			ms_expr_value_release(v);
			return err;
		}
		return NULL;
	}
	if (accept(ps, "&")) {
		if ((err = parse_unary(ps, v)))
			return err;
		if (!v->lval) {
			ms_expr_value_release(v);
			return ms_error_create(MS_ERR_USAGE, "Attempt to take address of value not located in memory.");
		}
		uint64_t a = v->addr;
		const struct ms_type *pt = ms_type_pointer_to(prog, v->type);
		ms_expr_value_release(v);
		return make_rvalue(v, pt, a);
	}
	bool neg = false, inv = false, not = false;
	if ((neg = accept(ps, "-")) || (inv = accept(ps, "~")) || (not = accept(ps, "!"))) {
		uint64_t u;
		if ((err = parse_unary(ps, v)))
			return err;
		if ((err = decay(prog, v)) || (err = ms_expr_value_u64(prog, v, &u))) {
			ms_expr_value_release(v);
			return err;
		}
		const struct ms_type *t = v->type;
		if (ms_type_kind(ms_type_strip(t)) != MS_TYPE_INT || ms_type_is_bool(t))
			t = base(prog, "long");
		if (ms_type_size(t) < 4)
			t = base(prog, "int");
		ms_expr_value_release(v);
		return make_rvalue(v, not ? base(prog, "int") : t, neg ? -u : inv ? ~u : !u);
	}
	if (accept(ps, "+"))
		return parse_unary(ps, v);
	const char *save = ps->p;
	if (accept(ps, "(")) {
		const struct ms_type *t;
		if (try_type_name(ps, &t) == 1) {
			if ((err = parse_unary(ps, v)))
				return err;
			if ((err = do_cast(prog, t, v))) {
				ms_expr_value_release(v);
				return err;
			}
			return NULL;
		}
		ps->p = save;
	}
	return parse_postfix(ps, v);
}

/* ------------------------------------------------------------ binary operators */

/* The type of "a op b" for integers: the usual arithmetic conversions, roughly. */
static const struct ms_type *arith_type(struct ms_program *prog, const struct ms_value *a,
				       const struct ms_value *b)
{
	const struct ms_type *ta = ms_type_strip(a->type), *tb = ms_type_strip(b->type);
	uint64_t sa = ms_type_size(ta), sb = ms_type_size(tb);
	bool ua = !ms_type_is_signed(ta);

	if (sa < 4 && sb < 4)
		return base(prog, "int");
	if (sa == sb)
		return ua ? a->type : b->type;
	return sa > sb ? a->type : b->type;
}

/* Comparisons and logic give an int 0 or 1. */
static bool compare(const char *op, uint64_t x, uint64_t y, bool sgn, uint64_t *r)
{
	int64_t sx = (int64_t)x, sy = (int64_t)y;

	if (!strcmp(op, "=="))
		*r = x == y;
	else if (!strcmp(op, "!="))
		*r = x != y;
	else if (!strcmp(op, "<"))
		*r = sgn ? sx < sy : x < y;
	else if (!strcmp(op, ">"))
		*r = sgn ? sx > sy : x > y;
	else if (!strcmp(op, "<="))
		*r = sgn ? sx <= sy : x <= y;
	else if (!strcmp(op, ">="))
		*r = sgn ? sx >= sy : x >= y;
	else if (!strcmp(op, "&&"))
		*r = x && y;
	else if (!strcmp(op, "||"))
		*r = x || y;
	else
		return false;
	return true;
}

static struct ms_error *arith(const char *op, uint64_t x, uint64_t y, bool sgn, uint64_t *r)
{
	int64_t sx = (int64_t)x, sy = (int64_t)y;

	if (!strcmp(op, "<<")) {
		*r = y >= 64 ? 0 : x << y;
		return NULL;
	}
	if (!strcmp(op, ">>")) {
		*r = y >= 64 ? 0 : sgn ? (uint64_t)(sx >> y) : x >> y;
		return NULL;
	}
	switch (*op) {
	case '*': *r = x * y; return NULL;
	case '+': *r = x + y; return NULL;
	case '-': *r = x - y; return NULL;
	case '&': *r = x & y; return NULL;
	case '^': *r = x ^ y; return NULL;
	case '|': *r = x | y; return NULL;
	case '/':
	case '%':
		if (!y)
			return ms_error_create(MS_ERR_USAGE, "Division by zero");
		if (sgn && sx == INT64_MIN && sy == -1)
			/* the one quotient that traps (SIGFPE): it wraps, as gdb's does */
			*r = *op == '/' ? x : 0;
		else if (sgn)
			*r = *op == '/' ? (uint64_t)(sx / sy) : (uint64_t)(sx % sy);
		else
			*r = *op == '/' ? x / y : x % y;
		return NULL;
	default:
		return ms_error_create(MS_ERR_USAGE, "unknown operator %s", op);
	}
}

static struct ms_error *binop(struct ms_program *prog, struct ms_value *a, struct ms_value *b, const char *op)
{
	struct ms_error *err;
	uint64_t x, y, r = 0;
	const struct ms_type *rt;

	if ((err = decay(prog, a)) || (err = decay(prog, b)))
		return err;
	const struct ms_type *sa = ms_type_strip(a->type), *sb = ms_type_strip(b->type);
	bool pa = ms_type_kind(sa) == MS_TYPE_POINTER, pb = ms_type_kind(sb) == MS_TYPE_POINTER;
	if ((err = ms_expr_value_u64(prog, a, &x)) || (err = ms_expr_value_u64(prog, b, &y)))
		return err;
	bool is_add = !strcmp(op, "+") || !strcmp(op, "-");

	if (compare(op, x, y, ms_type_is_signed(arith_type(prog, a, b)) && !pa && !pb, &r)) {
		rt = base(prog, "int");
	} else if ((pa || pb) && is_add) {
		/* pointer arithmetic scales by the pointed-to size */
		const struct ms_type *pt = pa ? sa : sb;
		uint64_t es = ms_type_target(pt) ? ms_type_size(ms_type_target(pt)) : 1;
		if (!es || es > INT64_MAX)
			es = 1;
		if (pa && pb && *op == '-') {
			r = (uint64_t)((int64_t)(x - y) / (int64_t)es);
			rt = base(prog, "long");
		} else if (pa && pb) {
			return ms_error_create(MS_ERR_USAGE, "Argument to arithmetic operation not a number or boolean.");
		} else {
			uint64_t p = pa ? x : y, i = pa ? y : x;
			r = *op == '+' ? p + i * es : p - i * es;
			rt = pa ? a->type : b->type;
		}
	} else {
		rt = arith_type(prog, a, b);
		if ((err = arith(op, x, y, ms_type_is_signed(rt), &r)))
			return err;
	}
	ms_expr_value_release(a);
	ms_expr_value_release(b);
	return make_rvalue(a, rt, r);
}

typedef struct ms_error *(*level_fn)(struct parser *ps, struct ms_value *v);

static struct ms_error *parse_level(struct parser *ps, struct ms_value *v, level_fn next, const char *const *ops)
{
	struct ms_error *err;
	struct ms_program *prog = ps->prog;

	if ((err = next(ps, v)))
		return err;
	for (;;) {
		const char *op = NULL;
		for (int i = 0; ops[i]; i++)
			if (accept(ps, ops[i])) {
				op = ops[i];
				break;
			}
		if (!op)
			return NULL;
		struct ms_value rhs;
		if ((err = next(ps, &rhs))) {
			ms_expr_value_release(v);
			return err;
		}
		err = binop(prog, v, &rhs, op);
		ms_expr_value_release(&rhs);
		if (err) {
			ms_expr_value_release(v);
			return err;
		}
	}
}

static struct ms_error *parse_mul(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "*", "/", "%", NULL };
	return parse_level(ps, v, parse_unary, ops);
}

static struct ms_error *parse_add(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "+", "-", NULL };
	return parse_level(ps, v, parse_mul, ops);
}

static struct ms_error *parse_shift(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "<<", ">>", NULL };
	return parse_level(ps, v, parse_add, ops);
}

static struct ms_error *parse_relational(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "<=", ">=", "<", ">", NULL };
	return parse_level(ps, v, parse_shift, ops);
}

static struct ms_error *parse_equality(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "==", "!=", NULL };
	return parse_level(ps, v, parse_relational, ops);
}

static struct ms_error *parse_bitand(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "&", NULL };
	return parse_level(ps, v, parse_equality, ops);
}

static struct ms_error *parse_bitxor(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "^", NULL };
	return parse_level(ps, v, parse_bitand, ops);
}

static struct ms_error *parse_bitor(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "|", NULL };
	return parse_level(ps, v, parse_bitxor, ops);
}

static struct ms_error *parse_logand(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "&&", NULL };
	return parse_level(ps, v, parse_bitor, ops);
}

static struct ms_error *parse_expr(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "||", NULL };
	return parse_level(ps, v, parse_logand, ops);
}

struct ms_error *ms_expr_eval(struct ms_program *prog, const char *text, struct ms_value *ret)
{
	struct ms_error *err;
	struct parser ps = { .prog = prog, .s = text, .p = text };

	memset(ret, 0, sizeof(*ret));
	skip_ws(&ps);
	if (!*ps.p)
		return ms_error_create(MS_ERR_USAGE, "A syntax error in expression, near `'.");
	if ((err = parse_expr(&ps, ret)))
		return err;
	skip_ws(&ps);
	if (*ps.p) {
		ms_expr_value_release(ret);
		return syntax_error(&ps);
	}
	if (!ret->type)
		return ms_error_create(MS_ERR_USAGE, "'%s' has unknown type; cast it to its declared type",
				    ret->symbol ? ret->symbol : "?");
	/* A bare symbol: crash prints "name = $N = ..." for it. */
	size_t n = ident_len(text + strspn(text, " \t"));
	const char *t0 = text + strspn(text, " \t");
	if (n && t0[n + strspn(t0 + n, " \t")] == 0 && ret->lval) {
		char name[256];
		snprintf(name, sizeof(name), "%.*s", (int)n, t0);
		const struct ms_symbol *s = ms_symbol_find(prog, name);
		if (s)
			ret->symbol = s->name;
	}
	return NULL;
}
