/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * types.c - C types and global variables from DWARF, with libdwarf 20210528.
 *
 * Two levels of laziness keep start-up cheap on a large .debug_info:
 *
 *  1. The name index is built on the first lookup, by a shallow walk of the
 *     CU-level DIEs only (gcc's DW_AT_sibling makes skipping a subtree
 *     free): struct/union/enum tags, typedefs, base types, variables,
 *     functions, and the enumerators of CU-level enums.  Each name maps to a
 *     DIE offset.  The first complete definition of a name wins; declarations
 *     (DW_AT_declaration) never enter the tag index.
 *  2. A DIE becomes a struct ms_type when something asks for it, and lives in
 *     a cache keyed by DIE offset until ms_types_free().  Targets of pointers,
 *     typedefs and arrays are resolved at once (a short chain), but the
 *     members of a struct or union are read only when first asked for, so
 *     resolving "struct page *" never drags in the whole type graph.
 *
 * A struct that is only declared in one CU (a pointer to an incomplete type)
 * is replaced by the complete definition of the same name from the index.
 *
 * Line tables (for sym's "file: line") are read on the first ms_line_find().
 *
 * Bitfields come in two encodings (dwarf.md 1.4): DW_AT_data_bit_offset
 * (gcc -gdwarf-5) counts from the start of the struct; the older
 * DW_AT_bit_offset (gcc -gdwarf-4, clang) counts from the most significant
 * bit of a storage unit of DW_AT_byte_size bytes.  Both become a byte offset
 * and a bit offset 0..7 within it (little-endian).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dwarf.h>
#include <libdwarf.h>

#include "core/error.h"
#include "core/types.h"

struct ms_type {
	enum ms_type_kind kind;
	const char *tag;		/* DWARF name: struct tag, typedef name, base name */
	char *name;			/* C name as whatis prints it, built on demand */
	uint64_t size;
	const struct ms_type *target;
	uint64_t nelem;			/* arrays */
	Dwarf_Off die;			/* 0 for synthesised types */
	unsigned quals;			/* MS_QUAL_* for MS_TYPE_QUALIFIED */
	bool is_signed, is_bool, is_char, incomplete, flexible;
	bool prototyped, varargs, members_done;
	struct ms_member *members;
	size_t nmembers;
	struct ms_enumerator *enums;
	size_t nenums;
	const struct ms_type **params;
	size_t nparams;
	struct ms_type *ptr_to;		/* cached pointer to this type */
	struct ms_type *next_alloc;
};

/* ------------------------------------------------------------ state */

enum ns {
	NS_STRUCT = 1, NS_UNION, NS_ENUM, NS_TYPEDEF, NS_BASE,
	NS_VAR, NS_FUNC, NS_ENUMERATOR, NS_OFFCACHE, NS_SIZECACHE, NS_FILE,
};

struct line_ent {
	uint64_t addr;
	const char *file;
	uint32_t line;
	bool end;		/* end of a sequence: no line here */
};

struct ent {
	const char *name;
	Dwarf_Off off;
	int64_t val;
	unsigned char ns;
	bool owned;		/* name was malloc'ed */
	bool weak;		/* variable without location / function declaration */
};

struct tcache_ent {
	Dwarf_Off off;
	struct ms_type *t;
};

static struct {
	char *path;
	int fd;
	Dwarf_Debug dbg;
	bool indexed;
	struct ent *tab;
	size_t tab_size, tab_used;
	struct tcache_ent *tc;
	size_t tc_size, tc_used;
	struct ms_type *all;
	struct ms_type *void_type;
	struct ms_type *void_ptr;
	size_t n_cus;
	bool lines_loaded;
	struct line_ent *lines;
	size_t nlines, lines_cap;
} ty = { .fd = -1 };

static Dwarf_Error derr;

static void derr_clear(void)
{
	if (derr) {
		dwarf_dealloc_error(ty.dbg, derr);
		derr = NULL;
	}
}

/* ------------------------------------------------------------ name index */

static size_t str_hash(const char *s, unsigned ns)
{
	size_t h = 1469598103934665603ULL ^ ns;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static struct ent *ent_lookup(const char *name, unsigned ns, bool insert);

static void tab_grow(void)
{
	struct ent *old = ty.tab;
	size_t oldsz = ty.tab_size;

	ty.tab_size = oldsz ? oldsz * 2 : 4096;
	ty.tab = calloc(ty.tab_size, sizeof(*ty.tab));
	if (!ty.tab)
		abort();
	ty.tab_used = 0;
	for (size_t i = 0; i < oldsz; i++) {
		if (!old[i].name)
			continue;
		struct ent *e = ent_lookup(old[i].name, old[i].ns, true);
		*e = old[i];
	}
	free(old);
}

/* With @p insert, a new entry has name set and everything else zero. */
static struct ent *ent_lookup(const char *name, unsigned ns, bool insert)
{
	if (insert && (ty.tab_used + 1) * 2 > ty.tab_size)
		tab_grow();
	if (!ty.tab_size)
		return NULL;
	size_t mask = ty.tab_size - 1;
	for (size_t i = str_hash(name, ns) & mask;; i = (i + 1) & mask) {
		struct ent *e = &ty.tab[i];
		if (!e->name) {
			if (!insert)
				return NULL;
			e->name = name;
			e->ns = (unsigned char)ns;
			ty.tab_used++;
			return e;
		}
		if (e->ns == ns && !strcmp(e->name, name))
			return e;
	}
}

/* ------------------------------------------------------------ libdwarf helpers */

static Dwarf_Die die_at(Dwarf_Off off)
{
	Dwarf_Die d = NULL;

	if (dwarf_offdie_b(ty.dbg, off, 1, &d, &derr) != DW_DLV_OK) {
		derr_clear();
		return NULL;
	}
	return d;
}

static Dwarf_Half die_tag(Dwarf_Die d)
{
	Dwarf_Half t = 0;

	if (dwarf_tag(d, &t, &derr) != DW_DLV_OK)
		derr_clear();
	return t;
}

static const char *die_name(Dwarf_Die d)
{
	char *n = NULL;
	int r = dwarf_diename(d, &n, &derr);

	if (r == DW_DLV_ERROR)
		derr_clear();
	return r == DW_DLV_OK ? n : NULL;
}

static Dwarf_Off die_off(Dwarf_Die d)
{
	Dwarf_Off o = 0;

	if (dwarf_dieoffset(d, &o, &derr) != DW_DLV_OK)
		derr_clear();
	return o;
}

static bool has_attr(Dwarf_Die d, Dwarf_Half at)
{
	Dwarf_Bool b = 0;

	if (dwarf_hasattr(d, at, &b, &derr) != DW_DLV_OK) {
		derr_clear();
		return false;
	}
	return b;
}

static bool attr_udata(Dwarf_Die d, Dwarf_Half at, Dwarf_Unsigned *v)
{
	Dwarf_Attribute a;
	int r = dwarf_attr(d, at, &a, &derr);

	if (r != DW_DLV_OK) {
		derr_clear();
		return false;
	}
	bool ok = dwarf_formudata(a, v, &derr) == DW_DLV_OK;
	if (!ok) {
		Dwarf_Signed s;
		derr_clear();
		ok = dwarf_formsdata(a, &s, &derr) == DW_DLV_OK;
		derr_clear();
		*v = (Dwarf_Unsigned)s;
	}
	dwarf_dealloc_attribute(a);
	return ok;
}

/*
 * A constant.  DW_FORM_sdata (and implicit_const) are signed, udata is
 * unsigned.  A fixed-size dataN is unsigned too -- gcc writes 200 in a signed
 * enum as data1 0xc8 and uses sdata for negative values -- unless it is as
 * wide as the signed type it belongs to (@p signed_width bytes, 0 for an
 * unsigned type), when only sign extension gives the value back.
 */
static bool attr_const(Dwarf_Die d, Dwarf_Half at, unsigned signed_width, int64_t *v)
{
	Dwarf_Attribute a;
	Dwarf_Half form = 0;
	bool ok, sgn;

	if (dwarf_attr(d, at, &a, &derr) != DW_DLV_OK) {
		derr_clear();
		return false;
	}
	dwarf_whatform(a, &form, &derr);
	derr_clear();
	switch (form) {
	case DW_FORM_sdata:
	case DW_FORM_implicit_const:
		sgn = true;
		break;
	case DW_FORM_data1:
		sgn = signed_width && signed_width <= 1;
		break;
	case DW_FORM_data2:
		sgn = signed_width && signed_width <= 2;
		break;
	case DW_FORM_data4:
		sgn = signed_width && signed_width <= 4;
		break;
	case DW_FORM_data8:
		sgn = signed_width && signed_width <= 8;
		break;
	default:
		sgn = false;
		break;
	}
	if (sgn) {
		Dwarf_Signed s = 0;
		ok = dwarf_formsdata(a, &s, &derr) == DW_DLV_OK;
		*v = s;
	} else {
		Dwarf_Unsigned u = 0;
		ok = dwarf_formudata(a, &u, &derr) == DW_DLV_OK;
		*v = (int64_t)u;
	}
	derr_clear();
	dwarf_dealloc_attribute(a);
	return ok;
}

static bool attr_ref(Dwarf_Die d, Dwarf_Half at, Dwarf_Off *off)
{
	Dwarf_Attribute a;

	if (dwarf_attr(d, at, &a, &derr) != DW_DLV_OK) {
		derr_clear();
		return false;
	}
	bool ok = dwarf_global_formref(a, off, &derr) == DW_DLV_OK;
	derr_clear();
	dwarf_dealloc_attribute(a);
	return ok;
}

static Dwarf_Die first_child(Dwarf_Die d)
{
	Dwarf_Die c = NULL;

	if (dwarf_child(d, &c, &derr) != DW_DLV_OK) {
		derr_clear();
		return NULL;
	}
	return c;
}

/* The next sibling of @p d; @p d is freed. */
static Dwarf_Die next_sibling(Dwarf_Die d)
{
	Dwarf_Die s = NULL;
	int r = dwarf_siblingof_b(ty.dbg, d, 1, &s, &derr);

	dwarf_dealloc_die(d);
	if (r != DW_DLV_OK) {
		derr_clear();
		return NULL;
	}
	return s;
}

/*
 * Evaluate a simple location expression: DW_OP_addr, DW_OP_addrx (DWARF 5
 * .debug_addr), DW_OP_plus_uconst, DW_OP_constu [DW_OP_plus].  False for
 * anything that is not a static address or constant offset.
 */
static bool eval_expr(Dwarf_Die d, Dwarf_Attribute a, Dwarf_Unsigned *val)
{
	Dwarf_Loc_Head_c head = NULL;
	Dwarf_Unsigned cnt = 0;
	bool ok = false;

	if (dwarf_get_loclist_c(a, &head, &cnt, &derr) != DW_DLV_OK) {
		derr_clear();
		return false;
	}
	Dwarf_Small lle, src;
	Dwarf_Unsigned r1, r2, nops = 0, eoff, ldoff;
	Dwarf_Bool noaddr;
	Dwarf_Addr lo, hi;
	Dwarf_Locdesc_c ld;
	if (cnt == 1 && dwarf_get_locdesc_entry_d(head, 0, &lle, &r1, &r2, &noaddr, &lo, &hi, &nops, &ld,
						  &src, &eoff, &ldoff, &derr) == DW_DLV_OK) {
		Dwarf_Unsigned acc = 0, pushed = 0;
		ok = nops > 0;
		for (Dwarf_Unsigned i = 0; i < nops && ok; i++) {
			Dwarf_Small op;
			Dwarf_Unsigned o1, o2, o3, br;
			if (dwarf_get_location_op_value_c(ld, i, &op, &o1, &o2, &o3, &br, &derr) != DW_DLV_OK) {
				ok = false;
				break;
			}
			switch (op) {
			case DW_OP_addr:
				acc = o1;
				break;
			case DW_OP_addrx:
			case DW_OP_GNU_addr_index: {
				Dwarf_Addr ad = 0;
				if (dwarf_debug_addr_index_to_addr(d, o1, &ad, &derr) != DW_DLV_OK)
					ok = false;
				acc = ad;
				break;
			}
			case DW_OP_plus_uconst:
				acc += o1;
				break;
			case DW_OP_constu:
				pushed = o1;
				break;
			case DW_OP_plus:
				acc += pushed;
				break;
			default:
				ok = false;
			}
		}
		*val = acc;
	}
	derr_clear();
	dwarf_loc_head_c_dealloc(head);
	return ok;
}

/* ------------------------------------------------------------ base type names */

/*
 * Canonical spelling of a C base type ("unsigned long" = "long unsigned int"
 * = "unsigned long int"), used as the index key; the spelling gdb 13 prints
 * ("unsigned long") for display.  False if @p in is not a base type name.
 */
static bool base_canon(const char *in, char *key, size_t keysz, char *disp, size_t dispsz)
{
	int nlong = 0, nshort = 0, nint = 0, nchar = 0, nsigned = 0, nunsigned = 0;
	int nbool = 0, nfloat = 0, ndouble = 0, nint128 = 0, ncomplex = 0;
	char word[64];
	const char *p = in;

	while (*p) {
		while (*p == ' ')
			p++;
		size_t k = 0;
		while (*p && *p != ' ' && k < sizeof(word) - 1)
			word[k++] = *p++;
		word[k] = 0;
		if (!k)
			break;
		if (!strcmp(word, "long"))
			nlong++;
		else if (!strcmp(word, "short"))
			nshort++;
		else if (!strcmp(word, "int"))
			nint++;
		else if (!strcmp(word, "char"))
			nchar++;
		else if (!strcmp(word, "signed") || !strcmp(word, "__signed__"))
			nsigned++;
		else if (!strcmp(word, "unsigned"))
			nunsigned++;
		else if (!strcmp(word, "_Bool") || !strcmp(word, "bool"))
			nbool++;
		else if (!strcmp(word, "float"))
			nfloat++;
		else if (!strcmp(word, "double"))
			ndouble++;
		else if (!strcmp(word, "__int128"))
			nint128++;
		else if (!strcmp(word, "complex") || !strcmp(word, "_Complex"))
			ncomplex++;
		else
			return false;
	}
	const char *k = NULL, *dsp = NULL;
	bool u = nunsigned > 0;
	if (nunsigned && nsigned)
		return false;
	if (ncomplex) {
		return false;
	} else if (nbool) {
		k = dsp = "_Bool";
	} else if (nchar) {
		k = dsp = u ? "unsigned char" : nsigned ? "signed char" : "char";
	} else if (nfloat) {
		k = dsp = "float";
	} else if (ndouble) {
		k = dsp = nlong ? "long double" : "double";
	} else if (nint128) {
		k = u ? "__int128 unsigned" : "__int128";
		dsp = u ? "unsigned __int128" : "__int128";
	} else if (nshort) {
		k = u ? "short unsigned int" : "short int";
		dsp = u ? "unsigned short" : "short";
	} else if (nlong == 1) {
		k = u ? "long unsigned int" : "long int";
		dsp = u ? "unsigned long" : "long";
	} else if (nlong == 2) {
		k = u ? "long long unsigned int" : "long long int";
		dsp = u ? "unsigned long long" : "long long";
	} else if (nint || nsigned || nunsigned) {
		k = dsp = u ? "unsigned int" : "int";
	} else {
		return false;
	}
	if (key)
		snprintf(key, keysz, "%s", k);
	if (disp)
		snprintf(disp, dispsz, "%s", dsp);
	return true;
}

/* ------------------------------------------------------------ indexing */

/*
 * The byte size of an enum's underlying type if it is signed, 0 if it is
 * unsigned.  Without DW_AT_type (DWARF 2) the enum counts as signed int-sized.
 */
static unsigned enum_signed_width(Dwarf_Die e)
{
	Dwarf_Off to;
	Dwarf_Unsigned enc = 0, sz = 4;

	if (!attr_ref(e, DW_AT_type, &to))
		return attr_udata(e, DW_AT_byte_size, &sz) ? (unsigned)sz : 4;
	for (int depth = 0; depth < 8; depth++) {
		Dwarf_Die b = die_at(to);
		if (!b)
			return 4;
		Dwarf_Half tag = die_tag(b);
		if (tag == DW_TAG_base_type) {
			bool got = attr_udata(b, DW_AT_encoding, &enc);
			if (!attr_udata(b, DW_AT_byte_size, &sz))
				sz = 4;
			dwarf_dealloc_die(b);
			return !got || enc == DW_ATE_signed || enc == DW_ATE_signed_char ? (unsigned)sz : 0;
		}
		bool more = attr_ref(b, DW_AT_type, &to);
		dwarf_dealloc_die(b);
		if (!more)
			break;
	}
	return 4;
}

static void index_enumerators(Dwarf_Die e, Dwarf_Off eoff)
{
	unsigned sw = enum_signed_width(e);

	for (Dwarf_Die c = first_child(e); c; c = next_sibling(c)) {
		if (die_tag(c) != DW_TAG_enumerator)
			continue;
		const char *n = die_name(c);
		int64_t v;
		if (!n || !attr_const(c, DW_AT_const_value, sw, &v))
			continue;
		struct ent *en = ent_lookup(n, NS_ENUMERATOR, true);
		if (!en->off) {
			en->off = eoff;
			en->val = v;
		}
	}
}

/* The name of a nameless definition, from DW_AT_specification/abstract_origin. */
static const char *origin_name(Dwarf_Die d, Dwarf_Off *origin)
{
	Dwarf_Off so;

	if (!attr_ref(d, DW_AT_specification, &so) && !attr_ref(d, DW_AT_abstract_origin, &so))
		return NULL;
	Dwarf_Die sd = die_at(so);
	if (!sd)
		return NULL;
	const char *n = die_name(sd);
	dwarf_dealloc_die(sd);
	if (origin)
		*origin = so;
	return n;
}

static void index_die(Dwarf_Die d)
{
	Dwarf_Half tag = die_tag(d);
	const char *n;
	struct ent *e;
	unsigned ns;

	switch (tag) {
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
	case DW_TAG_enumeration_type:
		if (tag == DW_TAG_enumeration_type)
			index_enumerators(d, die_off(d));
		n = die_name(d);
		if (!n || has_attr(d, DW_AT_declaration))
			break;
		ns = tag == DW_TAG_structure_type ? NS_STRUCT : tag == DW_TAG_union_type ? NS_UNION : NS_ENUM;
		e = ent_lookup(n, ns, true);
		if (!e->off)
			e->off = die_off(d);
		break;
	case DW_TAG_typedef:
		n = die_name(d);
		if (!n)
			break;
		e = ent_lookup(n, NS_TYPEDEF, true);
		if (!e->off)
			e->off = die_off(d);
		break;
	case DW_TAG_base_type: {
		char key[64];
		n = die_name(d);
		if (!n || !base_canon(n, key, sizeof(key), NULL, 0))
			break;
		e = ent_lookup(key, NS_BASE, false);
		if (!e) {
			char *k = strdup(key);
			if (!k)
				break;
			e = ent_lookup(k, NS_BASE, true);
			e->owned = true;
			e->off = die_off(d);
		}
		break;
	}
	case DW_TAG_variable: {
		bool located = has_attr(d, DW_AT_location);
		n = die_name(d);
		if (!n)
			n = origin_name(d, NULL);
		if (!n)
			break;
		e = ent_lookup(n, NS_VAR, true);
		if (!e->off || (e->weak && located)) {
			e->off = die_off(d);
			e->weak = !located;
		}
		break;
	}
	case DW_TAG_subprogram: {
		Dwarf_Off origin = 0;
		bool defined = has_attr(d, DW_AT_low_pc);
		n = die_name(d);
		if (!n)
			n = origin_name(d, &origin);
		if (!n)
			break;
		e = ent_lookup(n, NS_FUNC, true);
		if (!e->off || (e->weak && defined)) {
			e->off = die_off(d);
			e->val = (int64_t)origin;
			e->weak = !defined;
		}
		break;
	}
	default:
		break;
	}
}

static int ensure_index(void)
{
	if (ty.indexed)
		return 0;
	if (!ty.dbg)
		return ms_error_set("no debuginfo loaded");
	ty.indexed = true;
	for (;;) {
		Dwarf_Unsigned hdrlen, typeoff, next;
		Dwarf_Half ver, asz, osz, xsz, ut;
		Dwarf_Sig8 sig;
		Dwarf_Off abbr;
		int r = dwarf_next_cu_header_d(ty.dbg, 1, &hdrlen, &ver, &abbr, &asz, &osz, &xsz, &sig,
					       &typeoff, &next, &ut, &derr);
		if (r == DW_DLV_NO_ENTRY)
			break;
		if (r != DW_DLV_OK) {
			derr_clear();
			break;
		}
		Dwarf_Die cu = NULL;
		if (dwarf_siblingof_b(ty.dbg, NULL, 1, &cu, &derr) != DW_DLV_OK) {
			derr_clear();
			continue;
		}
		ty.n_cus++;
		for (Dwarf_Die c = first_child(cu); c; c = next_sibling(c))
			index_die(c);
		dwarf_dealloc_die(cu);
	}
	return 0;
}

/* ------------------------------------------------------------ type objects */

static struct ms_type *type_new(enum ms_type_kind kind)
{
	struct ms_type *t = calloc(1, sizeof(*t));

	if (!t)
		abort();
	t->kind = kind;
	t->next_alloc = ty.all;
	ty.all = t;
	return t;
}

static struct ms_type *tcache_get(Dwarf_Off off)
{
	if (!ty.tc_size)
		return NULL;
	size_t mask = ty.tc_size - 1;
	for (size_t i = (off * 0x9e3779b97f4a7c15ULL) >> 20 & mask; ty.tc[i].off; i = (i + 1) & mask)
		if (ty.tc[i].off == off)
			return ty.tc[i].t;
	return NULL;
}

static void tcache_put(Dwarf_Off off, struct ms_type *t)
{
	if ((ty.tc_used + 1) * 2 > ty.tc_size) {
		struct tcache_ent *old = ty.tc;
		size_t oldsz = ty.tc_size;
		ty.tc_size = oldsz ? oldsz * 2 : 1024;
		ty.tc = calloc(ty.tc_size, sizeof(*ty.tc));
		if (!ty.tc)
			abort();
		ty.tc_used = 0;
		for (size_t i = 0; i < oldsz; i++)
			if (old[i].off)
				tcache_put(old[i].off, old[i].t);
		free(old);
	}
	size_t mask = ty.tc_size - 1;
	size_t i = (off * 0x9e3779b97f4a7c15ULL) >> 20 & mask;
	while (ty.tc[i].off && ty.tc[i].off != off)
		i = (i + 1) & mask;
	if (!ty.tc[i].off)
		ty.tc_used++;
	ty.tc[i].off = off;
	ty.tc[i].t = t;
}

static struct ms_type *resolve(Dwarf_Off off);

/* The type named by DW_AT_type of @p d; NULL for void. */
static const struct ms_type *resolve_attr_type(Dwarf_Die d)
{
	Dwarf_Off to;

	if (!attr_ref(d, DW_AT_type, &to))
		return NULL;
	struct ms_type *t = resolve(to);
	return t && t->kind == MS_TYPE_VOID ? NULL : t;
}

static struct ms_type *get_void(void)
{
	if (!ty.void_type) {
		ty.void_type = type_new(MS_TYPE_VOID);
		ty.void_type->tag = "void";
		ty.void_type->size = 1;
	}
	return ty.void_type;
}

static uint64_t type_size_of(const struct ms_type *t)
{
	return t ? t->size : 1;
}

static void read_array(struct ms_type *t, Dwarf_Die d)
{
	uint64_t dims[16];
	bool flex[16];
	int nd = 0;

	for (Dwarf_Die c = first_child(d); c; c = next_sibling(c)) {
		if (die_tag(c) != DW_TAG_subrange_type || nd >= 16)
			continue;
		Dwarf_Unsigned cnt = 0, lb = 0;
		int64_t ub;
		bool fl = false;
		uint64_t n = 0;
		attr_udata(c, DW_AT_lower_bound, &lb);
		if (attr_udata(c, DW_AT_count, &cnt)) {
			n = cnt;
		} else if (has_attr(c, DW_AT_upper_bound)) {
			Dwarf_Attribute a;
			Dwarf_Half form = 0;
			if (dwarf_attr(c, DW_AT_upper_bound, &a, &derr) == DW_DLV_OK) {
				dwarf_whatform(a, &form, &derr);
				dwarf_dealloc_attribute(a);
			}
			derr_clear();
			if (form == DW_FORM_exprloc || form == DW_FORM_ref4 || form == DW_FORM_ref8 ||
			    form == DW_FORM_block1)
				fl = true;	/* VLA */
			/* dataN bounds are unsigned: [200] has upper bound 199 in one byte */
			else if (attr_const(c, DW_AT_upper_bound, 0, &ub))
				n = ub + 1 > (int64_t)lb ? (uint64_t)(ub + 1 - (int64_t)lb) : 0;
		} else {
			fl = true;
		}
		flex[nd] = fl;
		dims[nd++] = n;
	}
	const struct ms_type *elem = resolve_attr_type(d);
	if (!elem)
		elem = get_void();
	if (!nd) {
		flex[0] = true;
		dims[nd++] = 0;
	}
	/* int a[2][3] is an array of 2 arrays of 3 ints: build from the inside. */
	for (int i = nd - 1; i >= 1; i--) {
		struct ms_type *a = type_new(MS_TYPE_ARRAY);
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

static void read_function(struct ms_type *t, Dwarf_Die d)
{
	size_t cap = 0;
	t->size = 1;
	t->target = resolve_attr_type(d);
	t->prototyped = has_attr(d, DW_AT_prototyped);
	for (Dwarf_Die c = first_child(d); c; c = next_sibling(c)) {
		Dwarf_Half tag = die_tag(c);
		if (tag == DW_TAG_unspecified_parameters) {
			t->varargs = true;
			continue;
		}
		if (tag != DW_TAG_formal_parameter)
			continue;
		const struct ms_type *pt = resolve_attr_type(c);
		Dwarf_Off o;
		if (!pt && !has_attr(c, DW_AT_type) && attr_ref(c, DW_AT_abstract_origin, &o)) {
			Dwarf_Die od = die_at(o);
			if (od) {
				pt = resolve_attr_type(od);
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
		t->params[t->nparams++] = pt ? pt : get_void();
	}
}

static void read_enum(struct ms_type *t, Dwarf_Die d)
{
	size_t cap = 0;

	unsigned sw = enum_signed_width(d);
	t->is_signed = sw != 0;
	for (Dwarf_Die c = first_child(d); c; c = next_sibling(c)) {
		if (die_tag(c) != DW_TAG_enumerator)
			continue;
		int64_t v = 0;
		const char *n = die_name(c);
		if (!n || !attr_const(c, DW_AT_const_value, sw, &v))
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
	if (!has_attr(d, DW_AT_type)) {
		t->is_signed = false;
		for (size_t i = 0; i < t->nenums; i++)
			if (t->enums[i].value < 0)
				t->is_signed = true;
	}
}

static struct ms_type *resolve(Dwarf_Off off)
{
	struct ms_type *t = tcache_get(off);

	if (t)
		return t;
	Dwarf_Die d = die_at(off);
	if (!d)
		return get_void();
	Dwarf_Half tag = die_tag(d);
	Dwarf_Unsigned sz = 0;
	bool has_size = dwarf_bytesize(d, &sz, &derr) == DW_DLV_OK;
	derr_clear();

	switch (tag) {
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
	case DW_TAG_enumeration_type: {
		const char *n = die_name(d);
		if (n && has_attr(d, DW_AT_declaration)) {
			/* Use the complete definition from another CU. */
			unsigned ns = tag == DW_TAG_structure_type ? NS_STRUCT :
				      tag == DW_TAG_union_type ? NS_UNION : NS_ENUM;
			ensure_index();
			struct ent *e = ent_lookup(n, ns, false);
			if (e && e->off != off) {
				dwarf_dealloc_die(d);
				t = resolve(e->off);
				tcache_put(off, t);
				return t;
			}
		}
		t = type_new(tag == DW_TAG_structure_type ? MS_TYPE_STRUCT :
			     tag == DW_TAG_union_type ? MS_TYPE_UNION : MS_TYPE_ENUM);
		t->tag = n;
		t->die = off;
		t->size = sz;
		t->incomplete = has_attr(d, DW_AT_declaration);
		tcache_put(off, t);
		if (tag == DW_TAG_enumeration_type) {
			read_enum(t, d);
			t->members_done = true;
		}
		break;
	}
	case DW_TAG_base_type: {
		Dwarf_Unsigned enc = 0;
		t = type_new(MS_TYPE_INT);
		t->tag = die_name(d);
		t->size = sz;
		tcache_put(off, t);
		attr_udata(d, DW_AT_encoding, &enc);
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
		t = type_new(MS_TYPE_POINTER);
		if (!has_size) {
			Dwarf_Half as = 8;
			dwarf_get_die_address_size(d, &as, &derr);
			derr_clear();
			sz = as;
		}
		t->size = sz;
		tcache_put(off, t);
		t->target = resolve_attr_type(d);
		break;
	case DW_TAG_typedef:
		t = type_new(MS_TYPE_TYPEDEF);
		t->tag = die_name(d);
		tcache_put(off, t);
		t->target = resolve_attr_type(d);
		t->size = type_size_of(t->target);
		break;
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
	case DW_TAG_restrict_type:
	case DW_TAG_atomic_type:
		t = type_new(MS_TYPE_QUALIFIED);
		t->quals = tag == DW_TAG_const_type ? MS_QUAL_CONST :
			   tag == DW_TAG_volatile_type ? MS_QUAL_VOLATILE :
			   tag == DW_TAG_restrict_type ? MS_QUAL_RESTRICT : MS_QUAL_ATOMIC;
		tcache_put(off, t);
		t->target = resolve_attr_type(d);
		t->size = type_size_of(t->target);
		break;
	case DW_TAG_array_type:
		t = type_new(MS_TYPE_ARRAY);
		tcache_put(off, t);
		read_array(t, d);
		break;
	case DW_TAG_subroutine_type:
	case DW_TAG_subprogram:
		t = type_new(MS_TYPE_FUNCTION);
		tcache_put(off, t);
		read_function(t, d);
		break;
	default:
		t = get_void();
		tcache_put(off, t);
		break;
	}
	t->die = off;
	dwarf_dealloc_die(d);
	return t;
}

/* ------------------------------------------------------------ members */

static bool member_location(Dwarf_Die m, Dwarf_Unsigned *off)
{
	Dwarf_Attribute a;
	Dwarf_Half form = 0, ver = 0, osz = 0;
	bool ok;

	*off = 0;
	if (dwarf_attr(m, DW_AT_data_member_location, &a, &derr) != DW_DLV_OK) {
		derr_clear();
		return true;	/* a union member */
	}
	dwarf_whatform(a, &form, &derr);
	derr_clear();
	dwarf_get_version_of_die(m, &ver, &osz);
	if (dwarf_get_form_class(ver, DW_AT_data_member_location, osz, form) == DW_FORM_CLASS_CONSTANT)
		ok = dwarf_formudata(a, off, &derr) == DW_DLV_OK;
	else
		ok = eval_expr(m, a, off);
	derr_clear();
	dwarf_dealloc_attribute(a);
	return ok;
}

static void load_members(struct ms_type *t)
{
	size_t cap = 0;

	if (t->members_done)
		return;
	t->members_done = true;
	if (!t->die)
		return;
	Dwarf_Die d = die_at(t->die);
	if (!d)
		return;
	for (Dwarf_Die c = first_child(d); c; c = next_sibling(c)) {
		if (die_tag(c) != DW_TAG_member || has_attr(c, DW_AT_external))
			continue;
		struct ms_member m = { .name = die_name(c) };
		Dwarf_Unsigned loc = 0, bsz = 0, dbo, bo, stor;
		member_location(c, &loc);
		m.type = resolve_attr_type(c);
		if (!m.type)
			m.type = get_void();
		m.offset = loc;
		if (attr_udata(c, DW_AT_bit_size, &bsz)) {
			uint64_t bitpos = loc * 8;
			if (attr_udata(c, DW_AT_data_bit_offset, &dbo)) {
				bitpos = dbo;
			} else if (attr_udata(c, DW_AT_bit_offset, &bo)) {
				if (!attr_udata(c, DW_AT_byte_size, &stor))
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

int ms_types_load(const char *path)
{
	ms_types_free();
	ty.fd = open(path, O_RDONLY | O_CLOEXEC);
	if (ty.fd < 0)
		return ms_error_set("%s: %s", path, strerror(errno));
	int r = dwarf_init_b(ty.fd, DW_DLC_READ, DW_GROUPNUMBER_ANY, NULL, NULL, &ty.dbg, &derr);
	if (r != DW_DLV_OK) {
		if (r == DW_DLV_ERROR) {
			ms_error_set("%s: dwarf_init_b: %s", path, dwarf_errmsg(derr));
			dwarf_dealloc_error(NULL, derr);
			derr = NULL;
		} else {
			ms_error_set("%s: no DWARF debugging information", path);
		}
		close(ty.fd);
		ty.fd = -1;
		ty.dbg = NULL;
		return -1;
	}
	ty.path = strdup(path);
	return 0;
}

void ms_types_free(void)
{
	for (struct ms_type *t = ty.all, *n; t; t = n) {
		n = t->next_alloc;
		free(t->name);
		free(t->members);
		free(t->enums);
		free(t->params);
		free(t);
	}
	for (size_t i = 0; i < ty.tab_size; i++)
		if (ty.tab[i].owned)
			free((char *)ty.tab[i].name);
	free(ty.tab);
	free(ty.tc);
	free(ty.lines);
	if (ty.dbg) {
		derr_clear();
		dwarf_finish(ty.dbg, &derr);
		if (derr) {
			dwarf_dealloc_error(NULL, derr);
			derr = NULL;
		}
	}
	if (ty.fd >= 0)
		close(ty.fd);
	free(ty.path);
	memset(&ty, 0, sizeof(ty));
	ty.fd = -1;
}

/* ------------------------------------------------------------ names */

struct sb {
	char *s;
	size_t len, cap;
};

static void sb_add(struct sb *b, const char *s)
{
	size_t n = strlen(s);

	if (b->len + n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap : 64;
		while (nc < b->len + n + 1)
			nc *= 2;
		char *ns = realloc(b->s, nc);
		if (!ns)
			abort();
		b->s = ns;
		b->cap = nc;
	}
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
		if (t->tag && base_canon(t->tag, NULL, 0, disp, sizeof(disp)))
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
		t = get_void();
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
	load_members(s);
	return s->nmembers;
}

const struct ms_member *ms_type_member(const struct ms_type *t, size_t i)
{
	struct ms_type *s = (struct ms_type *)ms_type_strip(t);

	if (!s || (s->kind != MS_TYPE_STRUCT && s->kind != MS_TYPE_UNION))
		return NULL;
	load_members(s);
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

const struct ms_type *ms_type_pointer_to(const struct ms_type *t)
{
	struct ms_type *m = (struct ms_type *)t;

	if (!t || t->kind == MS_TYPE_VOID) {
		if (!ty.void_ptr) {
			ty.void_ptr = type_new(MS_TYPE_POINTER);
			ty.void_ptr->size = 8;
		}
		return ty.void_ptr;
	}
	if (!m->ptr_to) {
		struct ms_type *p = type_new(MS_TYPE_POINTER);
		p->size = 8;
		p->target = t;
		m->ptr_to = p;
	}
	return m->ptr_to;
}

const struct ms_type *ms_type_array_of(const struct ms_type *t, uint64_t n)
{
	struct ms_type *a = type_new(MS_TYPE_ARRAY);

	if (!t)
		t = get_void();
	a->target = t;
	a->nelem = n;
	a->size = n * t->size;
	return a;
}

const struct ms_type *ms_type_void(void)
{
	return get_void();
}

/* ------------------------------------------------------------ lookup by name */

static const struct ms_type *find_ns(const char *name, unsigned ns)
{
	if (ensure_index())
		return NULL;
	struct ent *e = ent_lookup(name, ns, false);
	return e ? resolve(e->off) : NULL;
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
static const struct ms_type *type_find_quiet(const char *cname, const char **why)
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
		t = find_ns(trim(s + 7), NS_STRUCT);
		*why = "struct";
	} else if (!strncmp(s, "union ", 6)) {
		t = find_ns(trim(s + 6), NS_UNION);
		*why = "union";
	} else if (!strncmp(s, "enum ", 5)) {
		t = find_ns(trim(s + 5), NS_ENUM);
		*why = "enum";
	} else if (!strcmp(s, "void")) {
		t = get_void();
	} else {
		char key[64];
		if (base_canon(s, key, sizeof(key), NULL, 0))
			t = find_ns(key, NS_BASE);
		if (!t)
			t = find_ns(s, NS_STRUCT);
		if (!t)
			t = find_ns(s, NS_UNION);
		if (!t)
			t = find_ns(s, NS_ENUM);
		if (!t)
			t = find_ns(s, NS_TYPEDEF);
	}
	if (!t)
		return NULL;
	if (quals) {
		struct ms_type *q = type_new(MS_TYPE_QUALIFIED);
		q->quals = quals;
		q->target = t;
		q->size = t->size;
		t = q;
	}
	/* dims[] holds the suffixes right to left: "[3][4]" gives 4, 3 */
	for (int i = 0; i < nd; i++)
		t = ms_type_array_of(t, dims[i]);
	while (ptrs--)
		t = ms_type_pointer_to(t);
	return t;
}

const struct ms_type *ms_type_find(const char *name)
{
	const char *why;
	const struct ms_type *t = type_find_quiet(name, &why);

	if (!t) {
		const char *n = name ? name : "";
		if (why) {
			while (*n == ' ')
				n++;
			n += strlen(why);
			while (*n == ' ')
				n++;
			ms_error_set("No %s type named %s.", why, n);
		} else {
			ms_error_set("No symbol \"%s\" in current context.", n);
		}
	}
	return t;
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

int ms_type_member_path(const struct ms_type *t, const char *path, struct ms_member *ret)
{
	char bad[128] = "";

	if (member_path_quiet(t, path, ret, bad, sizeof(bad)))
		return ms_error_set("There is no member named %s.", bad);
	return 0;
}

/* ------------------------------------------------------------ enums, variables */

int ms_enum_value(const char *name, int64_t *ret)
{
	if (ensure_index())
		return -1;
	struct ent *e = ent_lookup(name, NS_ENUMERATOR, false);
	if (!e)
		return ms_error_set("No symbol \"%s\" in current context.", name);
	*ret = e->val;
	return 0;
}

const struct ms_type *ms_enum_type_of(const char *name)
{
	if (ensure_index())
		return NULL;
	struct ent *e = ent_lookup(name, NS_ENUMERATOR, false);
	return e ? resolve(e->off) : NULL;
}

int ms_variable_find(const char *name, const struct ms_type **type_ret, uint64_t *addr_ret)
{
	if (ensure_index())
		return -1;
	struct ent *e = ent_lookup(name, NS_VAR, false);
	if (!e)
		return ms_error_set("No symbol \"%s\" in current context.", name);
	Dwarf_Die d = die_at(e->off);
	if (!d)
		return ms_error_set("No symbol \"%s\" in current context.", name);
	const struct ms_type *t = NULL;
	Dwarf_Off so;
	if (has_attr(d, DW_AT_type)) {
		t = resolve_attr_type(d);
	} else if (attr_ref(d, DW_AT_specification, &so) || attr_ref(d, DW_AT_abstract_origin, &so)) {
		Dwarf_Die sd = die_at(so);
		if (sd) {
			t = resolve_attr_type(sd);
			dwarf_dealloc_die(sd);
		}
	}
	Dwarf_Unsigned addr = 0;
	Dwarf_Attribute a;
	bool ok = false;
	if (dwarf_attr(d, DW_AT_location, &a, &derr) == DW_DLV_OK) {
		ok = eval_expr(d, a, &addr);
		dwarf_dealloc_attribute(a);
	}
	derr_clear();
	dwarf_dealloc_die(d);
	if (!ok)
		return ms_error_set("symbol \"%s\" has no static address", name);
	if (type_ret)
		*type_ret = t ? t : get_void();
	if (addr_ret)
		*addr_ret = addr;
	return 0;
}

int ms_function_find(const char *name, const struct ms_type **type_ret, uint64_t *addr_ret)
{
	if (ensure_index())
		return -1;
	struct ent *e = ent_lookup(name, NS_FUNC, false);
	if (!e)
		return ms_error_set("No symbol \"%s\" in current context.", name);
	Dwarf_Die d = die_at(e->off);
	if (!d)
		return ms_error_set("No symbol \"%s\" in current context.", name);
	Dwarf_Addr lo = 0;
	if (dwarf_lowpc(d, &lo, &derr) != DW_DLV_OK)
		derr_clear();
	dwarf_dealloc_die(d);
	if (type_ret)
		*type_ret = resolve(e->val ? (Dwarf_Off)e->val : e->off);
	if (addr_ret)
		*addr_ret = lo;
	return 0;
}

/* ------------------------------------------------------------ cached offsets */

static struct ent *cache_ent(unsigned ns, const char *a, const char *b, bool *fresh)
{
	char key[512];

	snprintf(key, sizeof(key), "%s\001%s", a, b ? b : "");
	*fresh = false;
	if (!ty.dbg || ensure_index())
		return NULL;
	struct ent *e = ent_lookup(key, ns, false);
	if (e)
		return e;
	char *k = strdup(key);
	if (!k)
		return NULL;
	e = ent_lookup(k, ns, true);
	e->owned = true;
	*fresh = true;
	return e;
}

long ms_offset(const char *struct_name, const char *member_path)
{
	bool fresh;
	struct ent *e = cache_ent(NS_OFFCACHE, struct_name, member_path, &fresh);

	if (!e)
		return -1;
	if (fresh) {
		const char *why;
		char bad[128];
		struct ms_member m;
		const struct ms_type *t = type_find_quiet(struct_name, &why);
		e->val = t && !member_path_quiet(t, member_path, &m, bad, sizeof(bad)) ? (int64_t)m.offset : -1;
	}
	return (long)e->val;
}

long ms_size(const char *type_name)
{
	bool fresh;
	struct ent *e = cache_ent(NS_SIZECACHE, type_name, NULL, &fresh);

	if (!e)
		return -1;
	if (fresh) {
		const char *why;
		const struct ms_type *t = NULL;
		const char *dot = strchr(type_name, '.');
		if (dot) {
			/* "page.lru": the size of a member */
			char sn[256];
			struct ms_member m;
			char bad[128];
			snprintf(sn, sizeof(sn), "%.*s", (int)(dot - type_name), type_name);
			const struct ms_type *st = type_find_quiet(sn, &why);
			if (st && !member_path_quiet(st, dot + 1, &m, bad, sizeof(bad)))
				t = m.type;
		} else {
			t = type_find_quiet(type_name, &why);
		}
		e->val = t && ms_type_is_complete(t) ? (int64_t)t->size : -1;
	}
	return (long)e->val;
}

void ms_type_names(const char *prefix, void (*fn)(const char *name, void *arg), void *arg)
{
	size_t pl = strlen(prefix);

	if (ensure_index())
		return;
	for (size_t i = 0; i < ty.tab_size; i++) {
		const struct ent *e = &ty.tab[i];
		if (!e->name || e->ns < NS_STRUCT || e->ns > NS_TYPEDEF)
			continue;
		if (!strncmp(e->name, prefix, pl))
			fn(e->name, arg);
	}
}

void ms_types_stats(size_t *n_cus, size_t *n_names, size_t *n_types)
{
	size_t n = 0;

	for (struct ms_type *t = ty.all; t; t = t->next_alloc)
		n++;
	if (n_cus)
		*n_cus = ty.n_cus;
	if (n_names)
		*n_names = ty.tab_used;
	if (n_types)
		*n_types = n;
}

/* ------------------------------------------------------------ line numbers */

static const char *intern_file(const char *name)
{
	struct ent *e = ent_lookup(name, NS_FILE, false);

	if (e)
		return e->name;
	char *copy = strdup(name);
	if (!copy)
		return NULL;
	e = ent_lookup(copy, NS_FILE, true);
	e->owned = true;
	return e->name;
}

static void load_cu_lines(Dwarf_Die cu)
{
	Dwarf_Unsigned version;
	Dwarf_Small count;
	Dwarf_Line_Context ctx;
	Dwarf_Line *buf;
	Dwarf_Signed n;

	if (dwarf_srclines_b(cu, &version, &count, &ctx, &derr) != DW_DLV_OK) {
		derr_clear();
		return;
	}
	if (dwarf_srclines_from_linecontext(ctx, &buf, &n, &derr) == DW_DLV_OK) {
		for (Dwarf_Signed i = 0; i < n; i++) {
			Dwarf_Addr a = 0;
			Dwarf_Unsigned no = 0;
			Dwarf_Bool end = 0;
			char *src = NULL;
			if (dwarf_lineaddr(buf[i], &a, &derr) != DW_DLV_OK ||
			    dwarf_lineno(buf[i], &no, &derr) != DW_DLV_OK) {
				derr_clear();
				continue;
			}
			dwarf_lineendsequence(buf[i], &end, &derr);
			derr_clear();
			if (dwarf_linesrc(buf[i], &src, &derr) != DW_DLV_OK) {
				derr_clear();
				src = NULL;
			}
			if (ty.nlines == ty.lines_cap) {
				ty.lines_cap = ty.lines_cap ? ty.lines_cap * 2 : 4096;
				struct line_ent *nl = realloc(ty.lines, ty.lines_cap * sizeof(*nl));
				if (!nl)
					abort();
				ty.lines = nl;
			}
			ty.lines[ty.nlines++] = (struct line_ent){ .addr = a, .file = src ? intern_file(src) : NULL,
								   .line = (uint32_t)no, .end = end };
			if (src)
				dwarf_dealloc(ty.dbg, src, DW_DLA_STRING);
		}
	}
	derr_clear();
	dwarf_srclines_dealloc_b(ctx);
}

static int line_cmp(const void *a, const void *b)
{
	const struct line_ent *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* at one address, a new sequence's row after the previous one's end */
	return (int)y->end - (int)x->end;
}

static void load_lines(void)
{
	if (ty.lines_loaded || !ty.dbg)
		return;
	ty.lines_loaded = true;
	ensure_index();
	for (;;) {
		Dwarf_Unsigned hdrlen, typeoff, next;
		Dwarf_Half ver, asz, osz, xsz, ut;
		Dwarf_Sig8 sig;
		Dwarf_Off abbr;
		int r = dwarf_next_cu_header_d(ty.dbg, 1, &hdrlen, &ver, &abbr, &asz, &osz, &xsz, &sig,
					       &typeoff, &next, &ut, &derr);
		if (r != DW_DLV_OK) {
			derr_clear();
			break;
		}
		Dwarf_Die cu = NULL;
		if (dwarf_siblingof_b(ty.dbg, NULL, 1, &cu, &derr) != DW_DLV_OK) {
			derr_clear();
			continue;
		}
		load_cu_lines(cu);
		dwarf_dealloc_die(cu);
	}
	qsort(ty.lines, ty.nlines, sizeof(*ty.lines), line_cmp);
}

int ms_line_find(uint64_t addr, const char **file_ret, unsigned *line_ret)
{
	load_lines();
	size_t lo = 0, hi = ty.nlines;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ty.lines[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return -1;
	const struct line_ent *l = &ty.lines[lo - 1];
	if (l->end || !l->file)
		return -1;
	*file_ret = l->file;
	*line_ret = l->line;
	return 0;
}
