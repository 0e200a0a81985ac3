/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * types.c - C types and global variables from DWARF (core/types.h), on top
 * of core/dwarf.c's name index and DIE helpers.
 *
 * Two levels of laziness keep start-up cheap on a large .debug_info:
 *
 *  1. The name index (core/dwarf.c) is built on the first lookup, by a
 *     shallow walk of the CU-level DIEs.  Each name maps to a DIE offset.
 *  2. A DIE becomes a struct ms_type when something asks for it, and lives in
 *     a cache keyed by DIE offset until ms_types_free().  Targets of pointers,
 *     typedefs and arrays are resolved at once (a short chain), but the
 *     members of a struct or union are read only when first asked for, so
 *     resolving "struct page *" never drags in the whole type graph.
 *
 * A struct that is only declared in one CU (a pointer to an incomplete type)
 * is replaced by the complete definition of the same name from the index.
 *
 * Bitfields come in two encodings (dwarf.md 1.4): DW_AT_data_bit_offset
 * (gcc -gdwarf-5) counts from the start of the struct; the older
 * DW_AT_bit_offset (gcc -gdwarf-4, clang) counts from the most significant
 * bit of a storage unit of DW_AT_byte_size bytes.  Both become a byte offset
 * and a bit offset 0..7 within it (little-endian).
 *
 * struct ms_type is defined in core/types_internal.h; its C names and
 * declarations (ms_type_name(), ms_type_decl()) are built in core/typename.c.
 */
#include <stdlib.h>
#include <string.h>

#include "core/dwarf.h"
#include "core/error.h"
#include "core/symbols.h"
#include "core/types.h"
#include "core/types_internal.h"

/* ------------------------------------------------------------ state */

struct tcache_ent {
	Dwarf_Off off;
	struct ms_type *t;
};

/* A program's types (prog->types): every type built, and a cache by DIE. */
struct ms_typecache {
	struct tcache_ent *tc;
	size_t tc_size, tc_used;
	struct ms_type *all;
	struct ms_type *void_type;
	struct ms_type *void_ptr;
};

/* ------------------------------------------------------------ type objects */

static struct ms_type *type_new(struct ms_program *prog, enum ms_type_kind kind)
{
	struct ms_type *t = calloc(1, sizeof(*t));

	if (!t)
		abort();
	t->kind = kind;
	t->prog = prog;
	t->next_alloc = prog->types->all;
	prog->types->all = t;
	return t;
}

static struct ms_type *tcache_get(struct ms_program *prog, Dwarf_Off off)
{
	if (!prog->types->tc_size)
		return NULL;
	size_t mask = prog->types->tc_size - 1;
	for (size_t i = (off * 0x9e3779b97f4a7c15ULL) >> 20 & mask; prog->types->tc[i].off; i = (i + 1) & mask)
		if (prog->types->tc[i].off == off)
			return prog->types->tc[i].t;
	return NULL;
}

static void tcache_put(struct ms_program *prog, Dwarf_Off off, struct ms_type *t)
{
	if ((prog->types->tc_used + 1) * 2 > prog->types->tc_size) {
		struct tcache_ent *old = prog->types->tc;
		size_t oldsz = prog->types->tc_size;
		prog->types->tc_size = oldsz ? oldsz * 2 : 1024;
		prog->types->tc = calloc(prog->types->tc_size, sizeof(*prog->types->tc));
		if (!prog->types->tc)
			abort();
		prog->types->tc_used = 0;
		for (size_t i = 0; i < oldsz; i++)
			if (old[i].off)
				tcache_put(prog, old[i].off, old[i].t);
		free(old);
	}
	size_t mask = prog->types->tc_size - 1;
	size_t i = (off * 0x9e3779b97f4a7c15ULL) >> 20 & mask;
	while (prog->types->tc[i].off && prog->types->tc[i].off != off)
		i = (i + 1) & mask;
	if (!prog->types->tc[i].off)
		prog->types->tc_used++;
	prog->types->tc[i].off = off;
	prog->types->tc[i].t = t;
}

static struct ms_type *resolve(struct ms_program *prog, Dwarf_Off off);

/* The type named by DW_AT_type of @p d; NULL for void. */
static const struct ms_type *resolve_attr_type(struct ms_program *prog, Dwarf_Die d)
{
	Dwarf_Off to;

	if (!dw_attr_ref(prog->dwarf, d, DW_AT_type, &to))
		return NULL;
	struct ms_type *t = resolve(prog, to);
	return t && t->kind == MS_TYPE_VOID ? NULL : t;
}

static struct ms_type *get_void(struct ms_program *prog)
{
	if (!prog->types->void_type) {
		prog->types->void_type = type_new(prog, MS_TYPE_VOID);
		prog->types->void_type->tag = "void";
		prog->types->void_type->size = 1;
	}
	return prog->types->void_type;
}

static uint64_t type_size_of(const struct ms_type *t)
{
	return t ? t->size : 1;
}

static void read_array(struct ms_program *prog, struct ms_type *t, Dwarf_Die d)
{
	uint64_t dims[16];
	bool flex[16];
	int nd = 0;

	for (Dwarf_Die c = dw_first_child(prog->dwarf, d); c; c = dw_next_sibling(prog->dwarf, c)) {
		if (dw_die_tag(prog->dwarf, c) != DW_TAG_subrange_type || nd >= 16)
			continue;
		Dwarf_Unsigned cnt = 0, lb = 0;
		int64_t ub;
		bool fl = false;
		uint64_t n = 0;
		dw_attr_udata(prog->dwarf, c, DW_AT_lower_bound, &lb);
		if (dw_attr_udata(prog->dwarf, c, DW_AT_count, &cnt)) {
			n = cnt;
		} else if (dw_has_attr(prog->dwarf, c, DW_AT_upper_bound)) {
			Dwarf_Half form = dw_attr_form(prog->dwarf, c, DW_AT_upper_bound);
			if (form == DW_FORM_exprloc || form == DW_FORM_ref4 || form == DW_FORM_ref8 ||
			    form == DW_FORM_block1)
				fl = true;	/* VLA */
			/* dataN bounds are unsigned: [200] has upper bound 199 in one byte */
			else if (dw_attr_const(prog->dwarf, c, DW_AT_upper_bound, 0, &ub))
				n = ub + 1 > (int64_t)lb ? (uint64_t)(ub + 1 - (int64_t)lb) : 0;
		} else {
			fl = true;
		}
		flex[nd] = fl;
		dims[nd++] = n;
	}
	const struct ms_type *elem = resolve_attr_type(prog, d);
	if (!elem)
		elem = get_void(prog);
	if (!nd) {
		flex[0] = true;
		dims[nd++] = 0;
	}
	/* int a[2][3] is an array of 2 arrays of 3 ints: build from the inside. */
	for (int i = nd - 1; i >= 1; i--) {
		struct ms_type *a = type_new(prog, MS_TYPE_ARRAY);
		a->target = elem;
		a->nelem = dims[i];
		a->flexible = flex[i];
		a->size = dims[i] * elem->size;
		elem = a;
	}
	t->target = elem;
	t->nelem = dims[0];
	t->flexible = flex[0];
	t->size = dims[0] * elem->size;
}

static void read_function(struct ms_program *prog, struct ms_type *t, Dwarf_Die d)
{
	size_t cap = 0;
	t->size = 1;
	t->target = resolve_attr_type(prog, d);
	t->prototyped = dw_has_attr(prog->dwarf, d, DW_AT_prototyped);
	for (Dwarf_Die c = dw_first_child(prog->dwarf, d); c; c = dw_next_sibling(prog->dwarf, c)) {
		Dwarf_Half tag = dw_die_tag(prog->dwarf, c);
		if (tag == DW_TAG_unspecified_parameters) {
			t->varargs = true;
			continue;
		}
		if (tag != DW_TAG_formal_parameter)
			continue;
		const struct ms_type *pt = resolve_attr_type(prog, c);
		Dwarf_Off o;
		if (!pt && !dw_has_attr(prog->dwarf, c, DW_AT_type) && dw_attr_ref(prog->dwarf, c, DW_AT_abstract_origin, &o)) {
			Dwarf_Die od = dw_die_at(prog->dwarf, o);
			if (od) {
				pt = resolve_attr_type(prog, od);
				dwarf_dealloc_die(od);
			}
		}
		if (t->nparams == cap) {
			cap = cap ? cap * 2 : 4;
			const struct ms_type **np = realloc(t->params, cap * sizeof(*np));
			if (!np)
				abort();
			t->params = np;
		}
		t->params[t->nparams++] = pt ? pt : get_void(prog);
	}
}

static void read_enum(struct ms_program *prog, struct ms_type *t, Dwarf_Die d)
{
	size_t cap = 0;

	unsigned sw = dw_enum_signed_width(prog->dwarf, d);
	t->is_signed = sw != 0;
	for (Dwarf_Die c = dw_first_child(prog->dwarf, d); c; c = dw_next_sibling(prog->dwarf, c)) {
		if (dw_die_tag(prog->dwarf, c) != DW_TAG_enumerator)
			continue;
		int64_t v = 0;
		const char *n = dw_die_name(prog->dwarf, c);
		if (!n || !dw_attr_const(prog->dwarf, c, DW_AT_const_value, sw, &v))
			continue;
		if (t->nenums == cap) {
			cap = cap ? cap * 2 : 8;
			struct ms_enumerator *ne = realloc(t->enums, cap * sizeof(*ne));
			if (!ne)
				abort();
			t->enums = ne;
		}
		t->enums[t->nenums].name = n;
		t->enums[t->nenums++].value = v;
	}
	/* An enum without DW_AT_type is signed only if a value is negative. */
	if (!dw_has_attr(prog->dwarf, d, DW_AT_type)) {
		t->is_signed = false;
		for (size_t i = 0; i < t->nenums; i++)
			if (t->enums[i].value < 0)
				t->is_signed = true;
	}
}

static struct ms_type *resolve(struct ms_program *prog, Dwarf_Off off)
{
	struct ms_type *t = tcache_get(prog, off);

	if (t)
		return t;
	Dwarf_Die d = dw_die_at(prog->dwarf, off);
	if (!d)
		return get_void(prog);
	Dwarf_Half tag = dw_die_tag(prog->dwarf, d);
	Dwarf_Unsigned sz = 0;
	bool has_size = dw_byte_size(prog->dwarf, d, &sz);

	switch (tag) {
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
	case DW_TAG_enumeration_type: {
		const char *n = dw_die_name(prog->dwarf, d);
		if (n && dw_has_attr(prog->dwarf, d, DW_AT_declaration)) {
			/* Use the complete definition from another CU. */
			unsigned ns = tag == DW_TAG_structure_type ? NS_STRUCT :
				      tag == DW_TAG_union_type ? NS_UNION : NS_ENUM;
			dw_index(prog->dwarf);
			struct dw_ent *e = dw_index_lookup(prog->dwarf, n, ns, false);
			if (e && e->off != off) {
				dwarf_dealloc_die(d);
				t = resolve(prog, e->off);
				tcache_put(prog, off, t);
				return t;
			}
		}
		t = type_new(prog, tag == DW_TAG_structure_type ? MS_TYPE_STRUCT :
			     tag == DW_TAG_union_type ? MS_TYPE_UNION : MS_TYPE_ENUM);
		t->tag = n;
		t->die = off;
		t->size = sz;
		t->incomplete = dw_has_attr(prog->dwarf, d, DW_AT_declaration);
		tcache_put(prog, off, t);
		if (tag == DW_TAG_enumeration_type) {
			read_enum(prog, t, d);
			t->members_done = true;
		}
		break;
	}
	case DW_TAG_base_type: {
		Dwarf_Unsigned enc = 0;
		t = type_new(prog, MS_TYPE_INT);
		t->tag = dw_die_name(prog->dwarf, d);
		t->size = sz;
		tcache_put(prog, off, t);
		dw_attr_udata(prog->dwarf, d, DW_AT_encoding, &enc);
		switch (enc) {
		case DW_ATE_float:
		case DW_ATE_complex_float:
			t->kind = MS_TYPE_FLOAT;
			t->is_signed = true;
			break;
		case DW_ATE_boolean:
			t->is_bool = true;
			break;
		case DW_ATE_signed_char:
			t->is_char = true;
			t->is_signed = true;
			break;
		case DW_ATE_unsigned_char:
			t->is_char = true;
			break;
		case DW_ATE_signed:
			t->is_signed = true;
			break;
		default:
			break;
		}
		/* clang calls char "char" with DW_ATE_signed_char; be sure. */
		if (t->tag && sz == 1 && strstr(t->tag, "char"))
			t->is_char = true;
		break;
	}
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
	case DW_TAG_ptr_to_member_type:
		t = type_new(prog, MS_TYPE_POINTER);
		if (!has_size)
			sz = dw_address_size(prog->dwarf, d);
		t->size = sz;
		tcache_put(prog, off, t);
		t->target = resolve_attr_type(prog, d);
		break;
	case DW_TAG_typedef:
		t = type_new(prog, MS_TYPE_TYPEDEF);
		t->tag = dw_die_name(prog->dwarf, d);
		tcache_put(prog, off, t);
		t->target = resolve_attr_type(prog, d);
		t->size = type_size_of(t->target);
		break;
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
	case DW_TAG_restrict_type:
	case DW_TAG_atomic_type:
		t = type_new(prog, MS_TYPE_QUALIFIED);
		t->quals = tag == DW_TAG_const_type ? MS_QUAL_CONST :
			   tag == DW_TAG_volatile_type ? MS_QUAL_VOLATILE :
			   tag == DW_TAG_restrict_type ? MS_QUAL_RESTRICT : MS_QUAL_ATOMIC;
		tcache_put(prog, off, t);
		t->target = resolve_attr_type(prog, d);
		t->size = type_size_of(t->target);
		break;
	case DW_TAG_array_type:
		t = type_new(prog, MS_TYPE_ARRAY);
		tcache_put(prog, off, t);
		read_array(prog, t, d);
		break;
	case DW_TAG_subroutine_type:
	case DW_TAG_subprogram:
		t = type_new(prog, MS_TYPE_FUNCTION);
		tcache_put(prog, off, t);
		read_function(prog, t, d);
		break;
	default:
		t = get_void(prog);
		tcache_put(prog, off, t);
		break;
	}
	t->die = off;
	dwarf_dealloc_die(d);
	return t;
}

/* ------------------------------------------------------------ members */

static void load_members(struct ms_program *prog, struct ms_type *t)
{
	size_t cap = 0;

	if (t->members_done)
		return;
	t->members_done = true;
	if (!t->die)
		return;
	Dwarf_Die d = dw_die_at(prog->dwarf, t->die);
	if (!d)
		return;
	for (Dwarf_Die c = dw_first_child(prog->dwarf, d); c; c = dw_next_sibling(prog->dwarf, c)) {
		if (dw_die_tag(prog->dwarf, c) != DW_TAG_member || dw_has_attr(prog->dwarf, c, DW_AT_external))
			continue;
		struct ms_member m = { .name = dw_die_name(prog->dwarf, c) };
		Dwarf_Unsigned loc = 0, bsz = 0, dbo, bo, stor;
		dw_member_location(prog->dwarf, c, &loc);
		m.type = resolve_attr_type(prog, c);
		if (!m.type)
			m.type = get_void(prog);
		m.offset = loc;
		if (dw_attr_udata(prog->dwarf, c, DW_AT_bit_size, &bsz)) {
			uint64_t bitpos = loc * 8;
			if (dw_attr_udata(prog->dwarf, c, DW_AT_data_bit_offset, &dbo)) {
				bitpos = dbo;
			} else if (dw_attr_udata(prog->dwarf, c, DW_AT_bit_offset, &bo)) {
				if (!dw_attr_udata(prog->dwarf, c, DW_AT_byte_size, &stor))
					stor = m.type->size;
				bitpos = loc * 8 + stor * 8 - bo - bsz;
			}
			m.offset = bitpos / 8;
			m.bit_offset = (unsigned)(bitpos % 8);
			m.bit_size = (unsigned)bsz;
		}
		if (t->nmembers == cap) {
			cap = cap ? cap * 2 : 8;
			struct ms_member *nm = realloc(t->members, cap * sizeof(*nm));
			if (!nm)
				abort();
			t->members = nm;
		}
		t->members[t->nmembers++] = m;
	}
	dwarf_dealloc_die(d);
}

/* ------------------------------------------------------------ load / free */

struct ms_error *ms_types_load(struct ms_program *prog, const char *path)
{
	struct ms_typecache *tc;
	struct ms_dwarf *dw;
	struct ms_error *err;

	ms_types_free(prog);
	tc = calloc(1, sizeof(*tc));
	if (!tc)
		return &ms_enomem;
	if ((err = dw_open(path, &dw))) {
		free(tc);
		return err;
	}
	prog->dwarf = dw;
	prog->types = tc;
	return NULL;
}

void ms_types_free(struct ms_program *prog)
{
	prog->types_generation++;	/* what was keyed by these types is stale */
	if (prog->types) {
		for (struct ms_type *t = prog->types->all, *n; t; t = n) {
			n = t->next_alloc;
			free(t->name);
			free(t->members);
			free(t->enums);
			free(t->params);
			free(t);
		}
		free(prog->types->tc);
		free(prog->types);
		prog->types = NULL;
	}
	dw_close(prog->dwarf);
	prog->dwarf = NULL;
}

/* ------------------------------------------------------------ public accessors */

enum ms_type_kind ms_type_kind(const struct ms_type *t)
{
	return t ? t->kind : MS_TYPE_VOID;
}

uint64_t ms_type_size(const struct ms_type *t)
{
	return t ? t->size : 1;
}

const struct ms_type *ms_type_strip(const struct ms_type *t)
{
	while (t && (t->kind == MS_TYPE_TYPEDEF || t->kind == MS_TYPE_QUALIFIED))
		t = t->target;
	return t;
}

bool ms_type_is_signed(const struct ms_type *t)
{
	t = ms_type_strip(t);
	return t && t->is_signed;
}

bool ms_type_is_bool(const struct ms_type *t)
{
	t = ms_type_strip(t);
	return t && t->kind == MS_TYPE_INT && t->is_bool;
}

bool ms_type_is_char(const struct ms_type *t)
{
	t = ms_type_strip(t);
	return t && t->kind == MS_TYPE_INT && t->is_char;
}

bool ms_type_is_flexible(const struct ms_type *t)
{
	t = ms_type_strip(t);
	return t && t->kind == MS_TYPE_ARRAY && t->flexible;
}

bool ms_type_is_complete(const struct ms_type *t)
{
	t = ms_type_strip(t);
	return t && !t->incomplete;
}

const char *ms_type_tag(const struct ms_type *t)
{
	return t ? t->tag : NULL;
}

unsigned ms_type_qualifiers(const struct ms_type *t)
{
	return t && t->kind == MS_TYPE_QUALIFIED ? t->quals : 0;
}

const struct ms_type *ms_type_target(const struct ms_type *t)
{
	return t ? t->target : NULL;
}

uint64_t ms_type_array_len(const struct ms_type *t)
{
	t = ms_type_strip(t);
	return t && t->kind == MS_TYPE_ARRAY ? t->nelem : 0;
}

size_t ms_type_param_count(const struct ms_type *t)
{
	t = ms_type_strip(t);
	return t && t->kind == MS_TYPE_FUNCTION ? t->nparams : 0;
}

const struct ms_type *ms_type_param(const struct ms_type *t, size_t i)
{
	t = ms_type_strip(t);
	return t && t->kind == MS_TYPE_FUNCTION && i < t->nparams ? t->params[i] : NULL;
}

bool ms_type_is_varargs(const struct ms_type *t)
{
	t = ms_type_strip(t);
	return t && t->varargs;
}

size_t ms_type_member_count(const struct ms_type *t)
{
	struct ms_type *s = (struct ms_type *)ms_type_strip(t);

	if (!s || (s->kind != MS_TYPE_STRUCT && s->kind != MS_TYPE_UNION))
		return 0;
	load_members(s->prog, s);
	return s->nmembers;
}

const struct ms_member *ms_type_member(const struct ms_type *t, size_t i)
{
	struct ms_type *s = (struct ms_type *)ms_type_strip(t);

	if (!s || (s->kind != MS_TYPE_STRUCT && s->kind != MS_TYPE_UNION))
		return NULL;
	load_members(s->prog, s);
	return i < s->nmembers ? &s->members[i] : NULL;
}

size_t ms_type_enumerator_count(const struct ms_type *t)
{
	t = ms_type_strip(t);
	return t && t->kind == MS_TYPE_ENUM ? t->nenums : 0;
}

const struct ms_enumerator *ms_type_enumerator(const struct ms_type *t, size_t i)
{
	t = ms_type_strip(t);
	return t && t->kind == MS_TYPE_ENUM && i < t->nenums ? &t->enums[i] : NULL;
}

/* ------------------------------------------------------------ synthesised types */

const struct ms_type *ms_type_pointer_to(struct ms_program *prog, const struct ms_type *t)
{
	struct ms_type *m = (struct ms_type *)t;

	if (!t || t->kind == MS_TYPE_VOID) {
		if (!prog->types->void_ptr) {
			prog->types->void_ptr = type_new(prog, MS_TYPE_POINTER);
			prog->types->void_ptr->size = ms_type_pointer_size(prog);
		}
		return prog->types->void_ptr;
	}
	if (!m->ptr_to) {
		struct ms_type *p = type_new(prog, MS_TYPE_POINTER);
		p->size = ms_type_pointer_size(prog);
		p->target = t;
		m->ptr_to = p;
	}
	return m->ptr_to;
}

const struct ms_type *ms_type_array_of(struct ms_program *prog, const struct ms_type *t, uint64_t n)
{
	struct ms_type *a = type_new(prog, MS_TYPE_ARRAY);

	if (!t)
		t = get_void(prog);
	a->target = t;
	a->nelem = n;
	a->size = n * t->size;
	return a;
}

unsigned ms_type_pointer_size(struct ms_program *prog)
{
	unsigned n = dw_pointer_size(prog->dwarf);

	return n ? n : 8;
}

const struct ms_type *ms_type_void(struct ms_program *prog)
{
	return get_void(prog);
}

/* ------------------------------------------------------------ lookup by name */

/*
 * Entry @e of the index, unless it belongs to the inspector and the program
 * hides what is not the dump's kernel (ms_program_kernel_only()).
 */
static const struct dw_ent *shown(struct ms_program *prog, const struct dw_ent *e)
{
	if (!e || prog->show_hidden || e->ns == NS_BASE || dw_off_kernel(prog->dwarf, e->off))
		return e;
	return NULL;
}

/* The entry for @name in namespace @ns, as the user may see it. */
static const struct dw_ent *lookup(struct ms_program *prog, const char *name, unsigned ns)
{
	if (!dw_index(prog->dwarf))
		return NULL;
	return shown(prog, dw_index_lookup(prog->dwarf, name, ns, false));
}

static const struct ms_type *find_ns(struct ms_program *prog, const char *name, unsigned ns)
{
	const struct dw_ent *e = lookup(prog, name, ns);

	return e ? resolve(prog, e->off) : NULL;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = 0;
	return s;
}

/* Silent lookup of a type by its C name; see ms_type_find(). */
static const struct ms_type *type_find_quiet(struct ms_program *prog, const char *cname, const char **why)
{
	char buf[256];
	unsigned ptrs = 0, quals = 0;
	uint64_t dims[8];
	int nd = 0;
	const struct ms_type *t = NULL;

	*why = NULL;
	if (!cname || strlen(cname) >= sizeof(buf))
		return NULL;
	strcpy(buf, cname);
	char *s = trim(buf);
	/* Declarator suffixes: "*", "[N]". */
	for (;;) {
		size_t n = strlen(s);
		if (n && s[n - 1] == '*') {
			ptrs++;
			s[n - 1] = 0;
		} else if (n && s[n - 1] == ']') {
			char *lb = strrchr(s, '[');
			if (!lb || nd >= 8)
				return NULL;
			char *end;
			dims[nd++] = strtoull(lb + 1, &end, 0);
			if (*end != ']')
				return NULL;
			*lb = 0;
		} else {
			break;
		}
		s = trim(s);
		if (ptrs && nd)
			return NULL;	/* "int *[3]" and such: not needed */
	}
	for (;;) {
		if (!strncmp(s, "const ", 6)) {
			quals |= MS_QUAL_CONST;
			s = trim(s + 6);
		} else if (!strncmp(s, "volatile ", 9)) {
			quals |= MS_QUAL_VOLATILE;
			s = trim(s + 9);
		} else {
			break;
		}
	}
	if (!*s)
		return NULL;
	if (!strncmp(s, "struct ", 7)) {
		t = find_ns(prog, trim(s + 7), NS_STRUCT);
		*why = "struct";
	} else if (!strncmp(s, "union ", 6)) {
		t = find_ns(prog, trim(s + 6), NS_UNION);
		*why = "union";
	} else if (!strncmp(s, "enum ", 5)) {
		t = find_ns(prog, trim(s + 5), NS_ENUM);
		*why = "enum";
	} else if (!strcmp(s, "void")) {
		t = get_void(prog);
	} else {
		char key[64];
		if (dw_base_canon(s, key, sizeof(key), NULL, 0))
			t = find_ns(prog, key, NS_BASE);
		if (!t)
			t = find_ns(prog, s, NS_STRUCT);
		if (!t)
			t = find_ns(prog, s, NS_UNION);
		if (!t)
			t = find_ns(prog, s, NS_ENUM);
		if (!t)
			t = find_ns(prog, s, NS_TYPEDEF);
	}
	if (!t)
		return NULL;
	if (quals) {
		struct ms_type *q = type_new(prog, MS_TYPE_QUALIFIED);
		q->quals = quals;
		q->target = t;
		q->size = t->size;
		t = q;
	}
	/* dims[] holds the suffixes right to left: "[3][4]" gives 4, 3 */
	for (int i = 0; i < nd; i++)
		t = ms_type_array_of(prog, t, dims[i]);
	while (ptrs--)
		t = ms_type_pointer_to(prog, t);
	return t;
}

struct ms_error *ms_type_find(struct ms_program *prog, const char *name, const struct ms_type **ret)
{
	const char *why;
	const char *n = name ? name : "";

	*ret = type_find_quiet(prog, name, &why);
	if (*ret)
		return NULL;
	if (!why)
		return ms_error_lookup(n, "No symbol \"%s\" in current context.", n);
	while (*n == ' ')
		n++;
	n += strlen(why);
	while (*n == ' ')
		n++;
	return ms_error_lookup(name, "No %s type named %s.", why, n);
}

const struct ms_type *ms_type_get(struct ms_program *prog, const char *name)
{
	const char *why;

	return type_find_quiet(prog, name, &why);
}

/* ------------------------------------------------------------ member paths */

/* Find member @p name of struct/union @p t, looking through anonymous members. */
static bool find_member(const struct ms_type *t, const char *name, uint64_t base, struct ms_member *ret)
{
	size_t n = ms_type_member_count(t);

	for (size_t i = 0; i < n; i++) {
		const struct ms_member *m = ms_type_member(t, i);
		if (m->name && !strcmp(m->name, name)) {
			*ret = *m;
			ret->offset += base;
			return true;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct ms_member *m = ms_type_member(t, i);
		if (!m->name && find_member(m->type, name, base + m->offset, ret))
			return true;
	}
	return false;
}

static int member_path_quiet(const struct ms_type *t, const char *path, struct ms_member *ret, char *bad,
			     size_t badsz)
{
	struct ms_member cur = { .name = NULL, .type = t };
	const char *p = path;

	if (!t)
		return -1;
	while (*p == '.')
		p++;
	while (*p) {
		char comp[128];
		size_t k = 0;
		while (*p && *p != '.' && *p != '[' && k < sizeof(comp) - 1)
			comp[k++] = *p++;
		comp[k] = 0;
		if (k) {
			const struct ms_type *s = ms_type_strip(cur.type);
			struct ms_member m;
			if (!s || (s->kind != MS_TYPE_STRUCT && s->kind != MS_TYPE_UNION) ||
			    !find_member(s, comp, cur.offset, &m)) {
				snprintf(bad, badsz, "%s", comp);
				return -1;
			}
			cur = m;
		}
		while (*p == '[') {
			char *end;
			const char *open = p;
			unsigned long long idx = strtoull(p + 1, &end, 0);
			if (*end != ']') {
				snprintf(bad, badsz, "%s", p);
				return -1;
			}
			p = end + 1;
			const struct ms_type *a = ms_type_strip(cur.type);
			if (!a || a->kind != MS_TYPE_ARRAY) {
				snprintf(bad, badsz, "%s", p);
				return -1;
			}
			/* past the member's end is another member, or past the structure */
			if (idx >= a->nelem || open[1] == '-') {
				snprintf(bad, badsz, "%.*s (index %llu of an array of %llu)",
					 (int)strcspn(path, "["), path, idx,
					 (unsigned long long)a->nelem);
				return -1;
			}
			cur.type = a->target;
			cur.offset += idx * a->target->size;
			cur.bit_offset = 0;
			cur.bit_size = 0;
		}
		if (*p == '.')
			p++;
		else if (*p) {
			snprintf(bad, badsz, "%s", p);
			return -1;
		}
	}
	*ret = cur;
	return 0;
}

struct ms_error *ms_type_member_path(const struct ms_type *t, const char *path, struct ms_member *ret)
{
	char bad[128] = "";

	if (member_path_quiet(t, path, ret, bad, sizeof(bad)))
		return ms_error_lookup(bad, "There is no member named %s.", bad);
	return NULL;
}

/* ------------------------------------------------------------ enums, variables */

/* The message of gdb for a name it does not know. */
static struct ms_error *no_symbol(const char *name)
{
	return ms_error_lookup(name, "No symbol \"%s\" in current context.", name);
}

struct ms_error *ms_enum_value(struct ms_program *prog, const char *name, int64_t *ret)
{
	const struct dw_ent *e = lookup(prog, name, NS_ENUMERATOR);

	if (!e)
		return no_symbol(name);
	*ret = e->val;
	return NULL;
}

const struct ms_type *ms_enum_type_of(struct ms_program *prog, const char *name)
{
	const struct dw_ent *e = lookup(prog, name, NS_ENUMERATOR);

	return e ? resolve(prog, e->off) : NULL;
}

/*
 * The indexed DIE of @p name in namespace @p ns (NS_VAR or NS_FUNC), and its
 * index entry in *@p ent_ret; NULL if there is none.
 */
static Dwarf_Die find_die(struct ms_program *prog, const char *name, unsigned ns, const struct dw_ent **ent_ret)
{
	const struct dw_ent *e = lookup(prog, name, ns);
	Dwarf_Die d = e ? dw_die_at(prog->dwarf, e->off) : NULL;
	if (d)
		*ent_ret = e;
	return d;
}

/*
 * The indexed DIE of the variable @p name, and its type in *@p type_ret: the
 * DIE's own DW_AT_type, else that of the declaration it completes
 * (DW_AT_specification) or of its abstract origin; NULL when none has one.
 * NULL if there is no such variable.
 */
static Dwarf_Die variable_die(struct ms_program *prog, const char *name, const struct ms_type **type_ret)
{
	const struct dw_ent *e;
	Dwarf_Die d = find_die(prog, name, NS_VAR, &e);
	const struct ms_type *t = NULL;
	Dwarf_Off so;

	if (!d)
		return NULL;
	if (dw_has_attr(prog->dwarf, d, DW_AT_type)) {
		t = resolve_attr_type(prog, d);
	} else if (dw_attr_ref(prog->dwarf, d, DW_AT_specification, &so) || dw_attr_ref(prog->dwarf, d, DW_AT_abstract_origin, &so)) {
		Dwarf_Die sd = dw_die_at(prog->dwarf, so);
		if (sd) {
			t = resolve_attr_type(prog, sd);
			dwarf_dealloc_die(sd);
		}
	}
	*type_ret = t;
	return d;
}

struct ms_error *ms_variable_find(struct ms_program *prog, const char *name, const struct ms_type **type_ret,
				  uint64_t *addr_ret)
{
	const struct ms_type *t;
	Dwarf_Die d = variable_die(prog, name, &t);
	if (!d)
		return no_symbol(name);
	Dwarf_Unsigned addr = 0;
	bool ok = dw_location_addr(prog->dwarf, d, &addr);
	bool decl = dw_has_attr(prog->dwarf, d, DW_AT_declaration);
	dwarf_dealloc_die(d);
	if (!ok && decl) {
		/*
		 * Only declared (a linker alias such as the kernel's jiffies for
		 * jiffies_64): like gdb, the type is the declaration's and the
		 * address the ELF symbol's, back to link time like DWARF's.
		 */
		const struct ms_symbol *sym = ms_symbol_find(prog, name);
		if (sym) {
			addr = sym->value - (uint64_t)ms_symbols_offset(prog);
			ok = true;
		}
	}
	if (!ok)
		return ms_error_lookup(name, "symbol \"%s\" has no static address", name);
	if (type_ret)
		*type_ret = t ? t : get_void(prog);
	if (addr_ret)
		*addr_ret = addr;
	return NULL;
}

struct ms_error *ms_variable_const(struct ms_program *prog, const char *name, const struct ms_type **type_ret,
				   int64_t *ret)
{
	const struct ms_type *dt;
	Dwarf_Die d = variable_die(prog, name, &dt);
	if (!d)
		return no_symbol(name);
	const struct ms_type *t = dt ? ms_type_strip(dt) : NULL;
	unsigned sw = t && ms_type_is_signed(t) ? (unsigned)ms_type_size(t) : 0;
	bool ok = dw_attr_const(prog->dwarf, d, DW_AT_const_value, sw, ret);
	dwarf_dealloc_die(d);
	if (!ok)
		return ms_error_lookup(name, "symbol \"%s\" has no constant value", name);
	if (type_ret)
		*type_ret = dt;
	return NULL;
}

struct ms_error *ms_function_find(struct ms_program *prog, const char *name, const struct ms_type **type_ret,
				  uint64_t *addr_ret)
{
	const struct dw_ent *e;
	Dwarf_Die d = find_die(prog, name, NS_FUNC, &e);
	if (!d)
		return no_symbol(name);
	Dwarf_Addr lo = dw_low_pc(prog->dwarf, d);
	dwarf_dealloc_die(d);
	if (type_ret)
		*type_ret = resolve(prog, e->val ? (Dwarf_Off)e->val : e->off);
	if (addr_ret)
		*addr_ret = lo;
	return NULL;
}

void ms_type_names(struct ms_program *prog, const char *prefix, void (*fn)(const char *name, void *arg), void *arg)
{
	if (!dw_index(prog->dwarf))
		return;
	dw_index_names(prog->dwarf, NS_STRUCT, NS_TYPEDEF, prefix, !prog->show_hidden, fn, arg);
}

/*
 * A debuginfo whose DWARF yields no name at all (no .debug_info, or its
 * strings or abbreviations cut away or damaged) would fail every command with
 * "no struct type named ...": say why once, when it is opened, as crash
 * refuses a vmlinux without debugging data.
 */
struct ms_error *ms_types_check(struct ms_program *prog, const char *path)
{
	const char *first;
	size_t n_names = 0;

	if (dw_index(prog->dwarf))
		dw_index_stats(prog->dwarf, NULL, &n_names);
	if (n_names)
		return NULL;
	if (dw_errors(prog->dwarf, &first))
		return ms_error_create(MS_ERR_CORRUPT, "%s: damaged DWARF, no type or variable "
				       "readable: %s", path, first);
	return ms_error_create(MS_ERR_LOOKUP, "%s: no debugging data: its DWARF describes no "
			       "type or variable", path);
}

size_t ms_types_errors(struct ms_program *prog, const char **first)
{
	return dw_errors(prog->dwarf, first);
}

void ms_types_stats(struct ms_program *prog, size_t *n_cus, size_t *n_names, size_t *n_types)
{
	size_t n = 0;

	for (struct ms_type *t = prog->types->all; t; t = t->next_alloc)
		n++;
	dw_index_stats(prog->dwarf, n_cus, n_names);
	if (n_types)
		*n_types = n;
}

