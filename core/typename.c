/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * typename.c - C names and declarations of struct ms_type (ms_type_name(),
 * ms_type_decl() in core/types.h), spelled as gdb prints them: base types in
 * gdb's spelling, qualifiers, and declarators for pointers, arrays and
 * function types ("int (*ops[2])(void)", "char * const cp").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/dwarf.h"
#include "core/types.h"
#include "core/types_internal.h"

struct sb {
	char *s;
	size_t len, cap;
};

static void sb_add(struct sb *b, const char *s)
{
	size_t n = strlen(s);

	if (!ms_array_grow(&b->s, &b->cap, b->len + n + 1, 64))
		abort();
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

static const char *qual_str(unsigned q, char *buf, size_t sz)
{
	buf[0] = 0;
	if (q & MS_QUAL_CONST)
		strncat(buf, "const ", sz - strlen(buf) - 1);
	if (q & MS_QUAL_VOLATILE)
		strncat(buf, "volatile ", sz - strlen(buf) - 1);
	if (q & MS_QUAL_RESTRICT)
		strncat(buf, "restrict ", sz - strlen(buf) - 1);
	if (q & MS_QUAL_ATOMIC)
		strncat(buf, "_Atomic ", sz - strlen(buf) - 1);
	size_t n = strlen(buf);
	if (n)
		buf[n - 1] = 0;
	return buf;
}

/* The name of a type that has one (no declarator part). */
static void base_name(const struct ms_type *t, struct sb *b)
{
	char disp[64];

	switch (t->kind) {
	case MS_TYPE_STRUCT:
		sb_add(b, "struct ");
		sb_add(b, t->tag ? t->tag : "{...}");
		break;
	case MS_TYPE_UNION:
		sb_add(b, "union ");
		sb_add(b, t->tag ? t->tag : "{...}");
		break;
	case MS_TYPE_ENUM:
		sb_add(b, "enum ");
		sb_add(b, t->tag ? t->tag : "{...}");
		break;
	case MS_TYPE_INT:
	case MS_TYPE_FLOAT:
		if (t->tag && dw_base_canon(t->tag, NULL, 0, disp, sizeof(disp)))
			sb_add(b, disp);
		else
			sb_add(b, t->tag ? t->tag : "?");
		break;
	case MS_TYPE_VOID:
		sb_add(b, "void");
		break;
	default:
		sb_add(b, t->tag ? t->tag : "?");
		break;
	}
}

/* "void" for a NULL type (a function without a return type, void *) */
static const struct ms_type void_type = { .kind = MS_TYPE_VOID, .tag = "void", .size = 1 };

static void decl_build(const struct ms_type *t, const char *inner, struct sb *out);

static void params_str(const struct ms_type *t, struct sb *b)
{
	sb_add(b, "(");
	for (size_t i = 0; i < t->nparams; i++) {
		struct sb p = { 0 };
		decl_build(t->params[i], "", &p);
		if (i)
			sb_add(b, ", ");
		sb_add(b, p.s);
		free(p.s);
	}
	if (t->varargs)
		sb_add(b, t->nparams ? ", ..." : "...");
	else if (!t->nparams && t->prototyped)
		sb_add(b, "void");
	sb_add(b, ")");
}

/*
 * C declarator: @p t declaring @p inner ("" for an abstract declarator), as
 * gdb prints it: "char *name", "int (*ops[2])(void)", "char * const cp".
 */
static void decl_build(const struct ms_type *t, const char *inner, struct sb *out)
{
	struct sb in = { 0 };
	char qb[64];

	if (!t)
		t = &void_type;
	switch (t->kind) {
	case MS_TYPE_POINTER:
	case MS_TYPE_QUALIFIED: {
		unsigned q = 0;
		const struct ms_type *p = t;
		while (p && p->kind == MS_TYPE_QUALIFIED) {
			q |= p->quals;
			p = p->target;
		}
		if (p && p->kind == MS_TYPE_POINTER) {
			if (q) {
				/* char * const cp */
				sb_add(&in, "* ");
				sb_add(&in, qual_str(q, qb, sizeof(qb)));
				if (*inner)
					sb_add(&in, " ");
				sb_add(&in, inner);
			} else {
				sb_add(&in, "*");
				sb_add(&in, inner);
			}
			const struct ms_type *tg = p->target;
			if (tg && (tg->kind == MS_TYPE_ARRAY || tg->kind == MS_TYPE_FUNCTION)) {
				struct sb w = { 0 };
				sb_add(&w, "(");
				sb_add(&w, in.s);
				sb_add(&w, ")");
				free(in.s);
				in = w;
			}
			decl_build(tg, in.s, out);
		} else {
			sb_add(out, qual_str(q, qb, sizeof(qb)));
			sb_add(out, " ");
			decl_build(p, inner, out);
		}
		break;
	}
	case MS_TYPE_ARRAY: {
		char num[32];
		sb_add(&in, inner);
		if (t->flexible)
			snprintf(num, sizeof(num), "[]");
		else
			snprintf(num, sizeof(num), "[%llu]", (unsigned long long)t->nelem);
		sb_add(&in, num);
		decl_build(t->target, in.s, out);
		break;
	}
	case MS_TYPE_FUNCTION:
		sb_add(&in, inner);
		params_str(t, &in);
		decl_build(t->target, in.s, out);
		break;
	default:
		base_name(t, out);
		if (*inner) {
			sb_add(out, " ");
			sb_add(out, inner);
		}
		break;
	}
	free(in.s);
}

char *ms_type_decl(const struct ms_type *t, const char *name)
{
	struct sb b = { 0 };

	decl_build(t, name ? name : "", &b);
	return b.s;
}

const char *ms_type_name(const struct ms_type *t)
{
	struct ms_type *m = (struct ms_type *)t;

	if (!t)
		return "void";
	if (!m->name)
		m->name = ms_type_decl(t, "");
	return m->name;
}
