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
#include <stdarg.h>
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
};

static int syntax_error(struct parser *ps)
{
	const char *p = ps->p;

	while (*p == ' ' || *p == '\t')
		p++;
	ps->failed = true;
	return ms_error_set("A syntax error in expression, near `%s'.", p);
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

static int make_rvalue(struct ms_value *v, const struct ms_type *t, uint64_t u)
{
	uint64_t sz = ms_type_size(t);

	memset(v, 0, sizeof(*v));
	v->type = t;
	v->bytes = calloc(1, sz > 8 ? sz : 8);
	if (!v->bytes)
		return ms_error_set("out of memory");
	for (unsigned i = 0; i < 8 && i < sz; i++)
		v->bytes[i] = (unsigned char)(u >> (8 * i));
	return 0;
}

static const struct ms_type *base(struct ms_program *prog, const char *name)
{
	const struct ms_type *t = ms_type_find(prog, name);

	return t;
}

int ms_expr_value_load(struct ms_program *prog, struct ms_value *v)
{
	if (v->bytes || !v->lval)
		return 0;
	if (!v->type)
		return ms_error_set("'%s' has unknown type; cast it to its declared type",
				    v->symbol ? v->symbol : "?");
	enum ms_type_kind k = ms_type_kind(ms_type_strip(v->type));
	if (k == MS_TYPE_FUNCTION || k == MS_TYPE_VOID)
		return 0;
	uint64_t sz = ms_type_size(v->type);
	v->bytes = calloc(1, sz > 8 ? sz : 8);
	if (!v->bytes)
		return ms_error_set("out of memory");
	if (sz && ms_value_read(prog, v->addr, v->bytes, sz)) {
		free(v->bytes);
		v->bytes = NULL;
		return -1;
	}
	return 0;
}

static bool is_scalar_kind(enum ms_type_kind k)
{
	return k == MS_TYPE_INT || k == MS_TYPE_ENUM || k == MS_TYPE_POINTER || k == MS_TYPE_FLOAT;
}

int ms_expr_value_u64(struct ms_program *prog, struct ms_value *v, uint64_t *ret)
{
	const struct ms_type *s = ms_type_strip(v->type);
	enum ms_type_kind k = ms_type_kind(s);

	if (!v->type)
		return ms_error_set("'%s' has unknown type; cast it to its declared type",
				    v->symbol ? v->symbol : "?");
	if (k == MS_TYPE_ARRAY || k == MS_TYPE_FUNCTION) {
		if (!v->lval)
			return ms_error_set("Attempt to take address of value not located in memory.");
		*ret = v->addr;
		return 0;
	}
	if (!is_scalar_kind(k))
		return ms_error_set("Invalid operation on a %s value.", ms_type_name(v->type));
	if (ms_expr_value_load(prog, v))
		return -1;
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
		u = (uint64_t)(int64_t)d;
	} else if (ms_type_is_signed(s) && sz < 8) {
		uint64_t m = 1ULL << (sz * 8 - 1);
		u &= (1ULL << (sz * 8)) - 1;
		u = (u ^ m) - m;
	}
	*ret = u;
	return 0;
}

/* Arrays and functions become pointers (C's decay). */
static int decay(struct ms_program *prog, struct ms_value *v)
{
	const struct ms_type *s = ms_type_strip(v->type);
	enum ms_type_kind k = ms_type_kind(s);

	if (v->type && (k == MS_TYPE_ARRAY || k == MS_TYPE_FUNCTION)) {
		if (!v->lval)
			return ms_error_set("Attempt to take address of value not located in memory.");
		const struct ms_type *pt = ms_type_pointer_to(prog, k == MS_TYPE_ARRAY ? ms_type_target(s) : v->type);
		uint64_t a = v->addr;
		ms_expr_value_release(v);
		return make_rvalue(v, pt, a);
	}
	return 0;
}

/* ------------------------------------------------------------ grammar */

static int parse_expr(struct parser *ps, struct ms_value *v);
static int parse_unary(struct parser *ps, struct ms_value *v);

static int parse_number(struct parser *ps, struct ms_value *v)
{
	struct ms_program *prog = ps->prog;

	char *end;
	const char *start = ps->p;
	unsigned long long u = strtoull(ps->p, &end, 0);
	bool hex = start[0] == '0' && (start[1] == 'x' || start[1] == 'X');

	if (isalnum((unsigned char)*end) && !strchr("uUlL", *end)) {
		/* crash users type bare hex addresses: ffff8800... */
		u = strtoull(start, &end, 16);
		hex = true;
		if (isalnum((unsigned char)*end) && !strchr("uUlL", *end))
			return syntax_error(ps);
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
		return -1;
	return make_rvalue(v, t, u);
}

static int lookup_ident(struct ms_program *prog, const char *name, struct ms_value *v)
{
	const struct ms_type *t;
	uint64_t addr;
	int64_t ev;

	memset(v, 0, sizeof(*v));
	const struct ms_symbol *sym = ms_symbol_find(prog, name);
	if (!ms_variable_find(prog, name, &t, &addr)) {
		/* DWARF's link-time address, relocated like the symbols (KERNELOFFSET) */
		v->type = t;
		v->lval = true;
		v->addr = addr + (uint64_t)ms_symbols_offset(prog);
		return 0;
	}
	if (!ms_enum_value(prog, name, &ev)) {
		const struct ms_type *et = ms_enum_type_of(prog, name);
		return make_rvalue(v, et ? et : base(prog, "int"), (uint64_t)ev);
	}
	if (!ms_function_find(prog, name, &t, &addr)) {
		v->type = t;
		v->lval = true;
		v->addr = sym ? sym->value : addr + (uint64_t)ms_symbols_offset(prog);
		return 0;
	}
	if (sym) {
		v->type = NULL;		/* no debug info: only & and casts work */
		v->lval = true;
		v->addr = sym->value;
		v->symbol = sym->name;
		return 0;
	}
	return ms_error_set("No symbol \"%s\" in current context.", name);
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
	if (il == n && !ms_variable_find(prog, buf, &vt, &va))
		goto no;
	char saved[1024];
	snprintf(saved, sizeof(saved), "%s", ms_error_msg());
	const struct ms_type *t = ms_type_find(prog, buf);
	if (!t) {
		ms_error_set("%s", saved);
		goto no;
	}
	*ret = t;
	ps->p = close + 1;
	return 1;
no:
	ps->p = p;
	return 0;
}

static int do_cast(struct ms_program *prog, const struct ms_type *t, struct ms_value *v)
{
	const struct ms_type *s = ms_type_strip(t);
	enum ms_type_kind k = ms_type_kind(s);

	if (k == MS_TYPE_STRUCT || k == MS_TYPE_UNION || k == MS_TYPE_ARRAY || !v->type) {
		/* reinterpret the object in memory */
		if (!v->lval)
			return ms_error_set("Invalid cast.");
		ms_expr_value_release(v);
		v->type = t;
		v->symbol = NULL;
		return 0;
	}
	if (!is_scalar_kind(k) && k != MS_TYPE_VOID)
		return ms_error_set("Invalid cast.");
	uint64_t u;
	if (decay(prog, v) || ms_expr_value_u64(prog, v, &u))
		return -1;
	ms_expr_value_release(v);
	return make_rvalue(v, t, u);
}

static int deref(struct ms_program *prog, struct ms_value *v)
{
	if (decay(prog, v))
		return -1;
	const struct ms_type *s = ms_type_strip(v->type);
	if (v->type && ms_type_kind(s) == MS_TYPE_INT && !ms_type_is_bool(s)) {
		/* gdb: "*integer" reads a long there */
		uint64_t a;
		if (ms_expr_value_u64(prog, v, &a))
			return -1;
		ms_expr_value_release(v);
		memset(v, 0, sizeof(*v));
		v->type = base(prog, "long");
		v->lval = true;
		v->addr = a;
		return v->type ? 0 : -1;
	}
	if (!v->type || ms_type_kind(s) != MS_TYPE_POINTER)
		return ms_error_set("Attempt to take contents of a non-pointer value.");
	const struct ms_type *tg = ms_type_target(s);
	if (!tg || ms_type_kind(ms_type_strip(tg)) == MS_TYPE_VOID)
		return ms_error_set("Attempt to take contents of a non-pointer value.");
	uint64_t a;
	if (ms_expr_value_u64(prog, v, &a))
		return -1;
	ms_expr_value_release(v);
	memset(v, 0, sizeof(*v));
	v->type = tg;
	v->lval = true;
	v->addr = a;
	return 0;
}

static int member(struct ms_program *prog, struct ms_value *v, const char *name)
{
	const struct ms_type *s = ms_type_strip(v->type);
	enum ms_type_kind k = ms_type_kind(s);
	struct ms_member m;

	if (!v->type || (k != MS_TYPE_STRUCT && k != MS_TYPE_UNION))
		return ms_error_set("Attempt to extract a component of a value that is not a structure.");
	if (ms_type_member_path(s, name, &m))
		return -1;
	if (m.bit_size) {
		unsigned char b[16] = { 0 };
		size_t nb = (m.bit_offset + m.bit_size + 7) / 8;
		if (v->bytes)
			memcpy(b, v->bytes + m.offset, nb);
		else if (ms_value_read(prog, v->addr + m.offset, b, nb))
			return -1;
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
			return ms_error_set("out of memory");
		memcpy(nb, v->bytes + m.offset, sz);
		free(v->bytes);
		v->bytes = nb;
		v->type = m.type;
		return 0;
	}
	ms_expr_value_release(v);
	v->type = m.type;
	v->addr += m.offset;
	v->symbol = NULL;
	return 0;
}

static int subscript(struct ms_program *prog, struct ms_value *v, struct ms_value *idx)
{
	uint64_t i;
	const struct ms_type *s = ms_type_strip(v->type);

	if (decay(prog, idx) || ms_expr_value_u64(prog, idx, &i))
		return -1;
	if (v->type && ms_type_kind(s) == MS_TYPE_ARRAY && v->lval) {
		const struct ms_type *el = ms_type_target(s);
		ms_expr_value_release(v);
		v->type = el;
		v->addr += i * ms_type_size(el);
		v->symbol = NULL;
		return 0;
	}
	if (decay(prog, v))
		return -1;
	s = ms_type_strip(v->type);
	if (!v->type || ms_type_kind(s) != MS_TYPE_POINTER)
		return ms_error_set("cannot subscript something of type `%s'", v->type ? ms_type_name(v->type) : "?");
	const struct ms_type *el = ms_type_target(s);
	if (!el)
		return ms_error_set("Attempt to take contents of a non-pointer value.");
	uint64_t a;
	if (ms_expr_value_u64(prog, v, &a))
		return -1;
	ms_expr_value_release(v);
	memset(v, 0, sizeof(*v));
	v->type = el;
	v->lval = true;
	v->addr = a + i * ms_type_size(el);
	return 0;
}

static int parse_primary(struct parser *ps, struct ms_value *v)
{
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
		if (lookup_ident(prog, name, v))
			return -1;
		return 0;
	}
	if (accept(ps, "(")) {
		if (parse_expr(ps, v))
			return -1;
		if (!accept(ps, ")")) {
			ms_expr_value_release(v);
			return syntax_error(ps);
		}
		return 0;
	}
	return syntax_error(ps);
}

static int parse_postfix(struct parser *ps, struct ms_value *v)
{
	struct ms_program *prog = ps->prog;

	if (parse_primary(ps, v))
		return -1;
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
					ms_error_set("Attempt to extract a component of a value that is not a "
						     "structure pointer.");
					goto fail;
				}
				if (deref(prog, v))
					goto fail;
			}
			if (member(prog, v, name))
				goto fail;
		} else if (accept(ps, "[")) {
			struct ms_value idx;
			if (parse_expr(ps, &idx))
				goto fail;
			if (!accept(ps, "]")) {
				ms_expr_value_release(&idx);
				goto syntax;
			}
			int r = subscript(prog, v, &idx);
			ms_expr_value_release(&idx);
			if (r)
				goto fail;
		} else {
			return 0;
		}
	}
syntax:
	ms_expr_value_release(v);
	return syntax_error(ps);
fail:
	ms_expr_value_release(v);
	return -1;
}

static int parse_unary(struct parser *ps, struct ms_value *v)
{
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
			if (parse_unary(ps, &x))
				return -1;
			t = x.type;
			ms_expr_value_release(&x);
			if (!t)
				return ms_error_set("sizeof of a symbol without debug info");
		}
		const struct ms_type *ul = base(prog, "unsigned long");
		return ul ? make_rvalue(v, ul, ms_type_size(t)) : -1;
	}
	if (accept(ps, "*")) {
		if (parse_unary(ps, v))
			return -1;
		if (deref(prog, v)) {
			ms_expr_value_release(v);
			return -1;
		}
		return 0;
	}
	if (accept(ps, "&")) {
		if (parse_unary(ps, v))
			return -1;
		if (!v->lval) {
			ms_expr_value_release(v);
			return ms_error_set("Attempt to take address of value not located in memory.");
		}
		uint64_t a = v->addr;
		const struct ms_type *pt = ms_type_pointer_to(prog, v->type);
		ms_expr_value_release(v);
		return make_rvalue(v, pt, a);
	}
	bool neg = false, inv = false, not = false;
	if ((neg = accept(ps, "-")) || (inv = accept(ps, "~")) || (not = accept(ps, "!"))) {
		uint64_t u;
		if (parse_unary(ps, v))
			return -1;
		if (decay(prog, v) || ms_expr_value_u64(prog, v, &u)) {
			ms_expr_value_release(v);
			return -1;
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
			if (parse_unary(ps, v))
				return -1;
			if (do_cast(prog, t, v)) {
				ms_expr_value_release(v);
				return -1;
			}
			return 0;
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

static int arith(const char *op, uint64_t x, uint64_t y, bool sgn, uint64_t *r)
{
	int64_t sx = (int64_t)x, sy = (int64_t)y;

	if (!strcmp(op, "<<")) {
		*r = y >= 64 ? 0 : x << y;
		return 0;
	}
	if (!strcmp(op, ">>")) {
		*r = y >= 64 ? 0 : sgn ? (uint64_t)(sx >> y) : x >> y;
		return 0;
	}
	switch (*op) {
	case '*': *r = x * y; return 0;
	case '+': *r = x + y; return 0;
	case '-': *r = x - y; return 0;
	case '&': *r = x & y; return 0;
	case '^': *r = x ^ y; return 0;
	case '|': *r = x | y; return 0;
	case '/':
	case '%':
		if (!y)
			return ms_error_set("Division by zero");
		if (sgn)
			*r = *op == '/' ? (uint64_t)(sx / sy) : (uint64_t)(sx % sy);
		else
			*r = *op == '/' ? x / y : x % y;
		return 0;
	default:
		return ms_error_set("unknown operator %s", op);
	}
}

static int binop(struct ms_program *prog, struct ms_value *a, struct ms_value *b, const char *op)
{
	uint64_t x, y, r = 0;
	const struct ms_type *rt;

	if (decay(prog, a) || decay(prog, b))
		return -1;
	const struct ms_type *sa = ms_type_strip(a->type), *sb = ms_type_strip(b->type);
	bool pa = ms_type_kind(sa) == MS_TYPE_POINTER, pb = ms_type_kind(sb) == MS_TYPE_POINTER;
	if (ms_expr_value_u64(prog, a, &x) || ms_expr_value_u64(prog, b, &y))
		return -1;
	bool is_add = !strcmp(op, "+") || !strcmp(op, "-");

	if (compare(op, x, y, ms_type_is_signed(arith_type(prog, a, b)) && !pa && !pb, &r)) {
		rt = base(prog, "int");
	} else if ((pa || pb) && is_add) {
		/* pointer arithmetic scales by the pointed-to size */
		const struct ms_type *pt = pa ? sa : sb;
		uint64_t es = ms_type_target(pt) ? ms_type_size(ms_type_target(pt)) : 1;
		if (!es)
			es = 1;
		if (pa && pb && *op == '-') {
			r = (uint64_t)((int64_t)(x - y) / (int64_t)es);
			rt = base(prog, "long");
		} else if (pa && pb) {
			return ms_error_set("Argument to arithmetic operation not a number or boolean.");
		} else {
			uint64_t p = pa ? x : y, i = pa ? y : x;
			r = *op == '+' ? p + i * es : p - i * es;
			rt = pa ? a->type : b->type;
		}
	} else {
		rt = arith_type(prog, a, b);
		if (arith(op, x, y, ms_type_is_signed(rt), &r))
			return -1;
	}
	ms_expr_value_release(a);
	ms_expr_value_release(b);
	return make_rvalue(a, rt, r);
}

typedef int (*level_fn)(struct parser *ps, struct ms_value *v);

static int parse_level(struct parser *ps, struct ms_value *v, level_fn next, const char *const *ops)
{
	struct ms_program *prog = ps->prog;

	if (next(ps, v))
		return -1;
	for (;;) {
		const char *op = NULL;
		for (int i = 0; ops[i]; i++)
			if (accept(ps, ops[i])) {
				op = ops[i];
				break;
			}
		if (!op)
			return 0;
		struct ms_value rhs;
		if (next(ps, &rhs)) {
			ms_expr_value_release(v);
			return -1;
		}
		int r = binop(prog, v, &rhs, op);
		ms_expr_value_release(&rhs);
		if (r) {
			ms_expr_value_release(v);
			return -1;
		}
	}
}

static int parse_mul(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "*", "/", "%", NULL };
	return parse_level(ps, v, parse_unary, ops);
}

static int parse_add(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "+", "-", NULL };
	return parse_level(ps, v, parse_mul, ops);
}

static int parse_shift(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "<<", ">>", NULL };
	return parse_level(ps, v, parse_add, ops);
}

static int parse_relational(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "<=", ">=", "<", ">", NULL };
	return parse_level(ps, v, parse_shift, ops);
}

static int parse_equality(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "==", "!=", NULL };
	return parse_level(ps, v, parse_relational, ops);
}

static int parse_bitand(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "&", NULL };
	return parse_level(ps, v, parse_equality, ops);
}

static int parse_bitxor(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "^", NULL };
	return parse_level(ps, v, parse_bitand, ops);
}

static int parse_bitor(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "|", NULL };
	return parse_level(ps, v, parse_bitxor, ops);
}

static int parse_logand(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "&&", NULL };
	return parse_level(ps, v, parse_bitor, ops);
}

static int parse_expr(struct parser *ps, struct ms_value *v)
{
	static const char *const ops[] = { "||", NULL };
	return parse_level(ps, v, parse_logand, ops);
}

int ms_expr_eval(struct ms_program *prog, const char *text, struct ms_value *ret)
{
	struct parser ps = { .prog = prog, .s = text, .p = text };

	memset(ret, 0, sizeof(*ret));
	skip_ws(&ps);
	if (!*ps.p)
		return ms_error_set("A syntax error in expression, near `'.");
	if (parse_expr(&ps, ret))
		return -1;
	skip_ws(&ps);
	if (*ps.p) {
		ms_expr_value_release(ret);
		return syntax_error(&ps);
	}
	if (!ret->type)
		return ms_error_set("'%s' has unknown type; cast it to its declared type",
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
	return 0;
}
