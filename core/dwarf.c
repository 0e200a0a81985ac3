/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dwarf.c - the debuginfo's DWARF through libdwarf 20210528: opening it, the
 * name index, DIE attribute helpers and the line tables (see dwarf.h).
 *
 * The name index is built on the first lookup, by a shallow walk of the
 * CU-level DIEs only (gcc's DW_AT_sibling makes skipping a subtree free):
 * struct/union/enum tags, typedefs, base types, variables, functions, and
 * the enumerators of CU-level enums.  Each name maps to a DIE offset.  The
 * first complete definition of a name wins -- except that, when the caller
 * named the kernel's compilation units (dw_set_kernel_cus()), a kernel CU's
 * definition wins over another's; declarations (DW_AT_declaration) never
 * enter the tag index.
 *
 * The index of a debuginfo file is kept between sessions in a cache file
 * (core/dwarf_cache.c), so that only the first session pays for the walk.
 *
 * Line tables (for sym's "file: line") are read on the first ms_line_find().
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/array.h"
#include "core/dwarf.h"
#include "core/dwarf_cache.h"
#include "core/dwarf_map.h"
#include "core/error.h"
#include "core/file.h"
#include "core/symbols.h"
#include "core/types.h"

/* ------------------------------------------------------------ state */

struct line_ent {
	uint64_t addr;
	const char *file;
	uint32_t line;
	bool end;		/* end of a sequence: no line here */
};

/* A compilation unit's DIEs: offsets [start, end) of .debug_info. */
struct dw_cu {
	Dwarf_Off start, end;
	Dwarf_Off die;		/* the CU DIE */
	bool kernel;
};

/* Names the index walk copied (name_copy()), in chunks freed with the index. */
struct name_chunk {
	struct name_chunk *next;
	size_t used, size;
	char text[];
};

/* A program's DWARF (prog->dwarf). */
struct ms_dwarf {
	char *path;
	int fd;
	struct dw_map *map;	/* the sections libdwarf reads, or NULL: its own reader */
	Dwarf_Debug dbg;
	Dwarf_Error derr;	/* scratch for libdwarf calls, always cleared */
	size_t n_errors;	/* libdwarf errors met: the DWARF is damaged */
	char first_error[160];	/* the first one's message */
	bool indexed, cached;
	bool read_whole;	/* the index cache read the whole file */
	struct dw_ent *tab;
	size_t tab_size, tab_used;
	size_t n_cus;
	char *blob;		/* the index cache file: names of entries loaded from it */
	struct name_chunk *names;	/* the walk's copies of the names it indexed */
	bool lines_loaded;
	struct line_ent *lines;
	size_t nlines, lines_cap;
	unsigned pointer_size;	/* the CUs' address size, 0 until asked */
	/* dw_set_kernel_cus(): the CUs whose name contains kernel_match are the kernel's */
	char *kernel_match;
	struct dw_cu *cus;	/* in offset order; loaded with the match */
	size_t ncus, cap_cus;
	bool cur_kernel;	/* while indexing: the CU being walked is the kernel's */
};

/* Forget the last libdwarf error, counting it: one is a sign of damaged DWARF. */
static void derr_clear(struct ms_dwarf *dw)
{
	if (dw->derr) {
		if (!dw->n_errors++)
			snprintf(dw->first_error, sizeof(dw->first_error), "%s",
				 dwarf_errmsg(dw->derr));
		dwarf_dealloc_error(dw->dbg, dw->derr);
		dw->derr = NULL;
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

static void tab_grow(struct ms_dwarf *dw)
{
	struct dw_ent *old = dw->tab;
	size_t oldsz = dw->tab_size;

	dw->tab_size = oldsz ? oldsz * 2 : 4096;
	dw->tab = calloc(dw->tab_size, sizeof(*dw->tab));
	if (!dw->tab)
		abort();
	dw->tab_used = 0;
	for (size_t i = 0; i < oldsz; i++) {
		if (!old[i].name)
			continue;
		struct dw_ent *e = dw_index_lookup(dw, old[i].name, old[i].ns, true);
		*e = old[i];
	}
	free(old);
}

/* With @p insert, a new entry has name set and everything else zero. */
struct dw_ent *dw_index_lookup(struct ms_dwarf *dw, const char *name, unsigned ns, bool insert)
{
	if (insert && (dw->tab_used + 1) * 2 > dw->tab_size)
		tab_grow(dw);
	if (!dw->tab_size)
		return NULL;
	size_t mask = dw->tab_size - 1;
	for (size_t i = str_hash(name, ns) & mask;; i = (i + 1) & mask) {
		struct dw_ent *e = &dw->tab[i];
		if (!e->name) {
			if (!insert)
				return NULL;
			e->name = name;
			e->ns = (unsigned char)ns;
			dw->tab_used++;
			return e;
		}
		if (e->ns == ns && !strcmp(e->name, name))
			return e;
	}
}

/*
 * A copy of @p name that lives as long as the index.  The names the walk
 * finds are in the debuginfo's mapping, spread over .debug_str and (for
 * DW_FORM_string) all of .debug_info: pointing there, every later read of
 * the names (saving the cache, a probe) would map those pages again.
 */
static const char *name_copy(struct ms_dwarf *dw, const char *name)
{
	enum { CHUNK = 1 << 20 };
	size_t len = strlen(name) + 1;
	struct name_chunk *c = dw->names;

	if (!c || c->size - c->used < len) {
		size_t size = len > CHUNK ? len : CHUNK;

		c = malloc(sizeof(*c) + size);
		if (!c)
			abort();	/* as tab_grow() */
		c->next = dw->names;
		c->used = 0;
		c->size = size;
		dw->names = c;
	}
	memcpy(c->text + c->used, name, len);
	c->used += len;
	return c->text + c->used - len;
}

/* The walk's dw_index_lookup(): a new entry gets its own copy of @p name. */
static struct dw_ent *index_insert(struct ms_dwarf *dw, const char *name, unsigned ns)
{
	struct dw_ent *e = dw_index_lookup(dw, name, ns, true);

	if (e->name == name)	/* new: an older entry's name is already a copy */
		e->name = name_copy(dw, name);
	return e;
}

struct dw_ent *dw_index_intern(struct ms_dwarf *dw, const char *name, unsigned ns, bool *fresh)
{
	struct dw_ent *e = dw_index_lookup(dw, name, ns, false);

	*fresh = false;
	if (e)
		return e;
	char *copy = strdup(name);
	if (!copy)
		return NULL;
	e = dw_index_lookup(dw, copy, ns, true);
	e->owned = true;
	*fresh = true;
	return e;
}

/* ------------------------------------------------------------ libdwarf helpers */

Dwarf_Die dw_die_at(struct ms_dwarf *dw, Dwarf_Off off)
{
	Dwarf_Die d = NULL;

	if (dwarf_offdie_b(dw->dbg, off, 1, &d, &dw->derr) != DW_DLV_OK) {
		derr_clear(dw);
		return NULL;
	}
	return d;
}

Dwarf_Half dw_die_tag(struct ms_dwarf *dw, Dwarf_Die d)
{
	Dwarf_Half t = 0;

	if (dwarf_tag(d, &t, &dw->derr) != DW_DLV_OK)
		derr_clear(dw);
	return t;
}

const char *dw_die_name(struct ms_dwarf *dw, Dwarf_Die d)
{
	char *n = NULL;
	int r = dwarf_diename(d, &n, &dw->derr);

	if (r == DW_DLV_ERROR)
		derr_clear(dw);
	return r == DW_DLV_OK ? n : NULL;
}

Dwarf_Off dw_die_off(struct ms_dwarf *dw, Dwarf_Die d)
{
	Dwarf_Off o = 0;

	if (dwarf_dieoffset(d, &o, &dw->derr) != DW_DLV_OK)
		derr_clear(dw);
	return o;
}

bool dw_has_attr(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Half at)
{
	Dwarf_Bool b = 0;

	if (dwarf_hasattr(d, at, &b, &dw->derr) != DW_DLV_OK) {
		derr_clear(dw);
		return false;
	}
	return b;
}

bool dw_attr_udata(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Half at, Dwarf_Unsigned *v)
{
	Dwarf_Attribute a;
	int r = dwarf_attr(d, at, &a, &dw->derr);

	if (r != DW_DLV_OK) {
		derr_clear(dw);
		return false;
	}
	bool ok = dwarf_formudata(a, v, &dw->derr) == DW_DLV_OK;
	if (!ok) {
		Dwarf_Signed s;
		derr_clear(dw);
		ok = dwarf_formsdata(a, &s, &dw->derr) == DW_DLV_OK;
		derr_clear(dw);
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
bool dw_attr_const(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Half at, unsigned signed_width, int64_t *v)
{
	Dwarf_Attribute a;
	Dwarf_Half form = 0;
	bool ok, sgn;

	if (dwarf_attr(d, at, &a, &dw->derr) != DW_DLV_OK) {
		derr_clear(dw);
		return false;
	}
	dwarf_whatform(a, &form, &dw->derr);
	derr_clear(dw);
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
		ok = dwarf_formsdata(a, &s, &dw->derr) == DW_DLV_OK;
		*v = s;
	} else {
		Dwarf_Unsigned u = 0;
		ok = dwarf_formudata(a, &u, &dw->derr) == DW_DLV_OK;
		*v = (int64_t)u;
	}
	derr_clear(dw);
	dwarf_dealloc_attribute(a);
	return ok;
}

bool dw_attr_ref(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Half at, Dwarf_Off *off)
{
	Dwarf_Attribute a;

	if (dwarf_attr(d, at, &a, &dw->derr) != DW_DLV_OK) {
		derr_clear(dw);
		return false;
	}
	bool ok = dwarf_global_formref(a, off, &dw->derr) == DW_DLV_OK;
	derr_clear(dw);
	dwarf_dealloc_attribute(a);
	return ok;
}

Dwarf_Die dw_first_child(struct ms_dwarf *dw, Dwarf_Die d)
{
	Dwarf_Die c = NULL;

	if (dwarf_child(d, &c, &dw->derr) != DW_DLV_OK) {
		derr_clear(dw);
		return NULL;
	}
	return c;
}

/* The next sibling of @p d; @p d is freed. */
Dwarf_Die dw_next_sibling(struct ms_dwarf *dw, Dwarf_Die d)
{
	Dwarf_Die s = NULL;
	int r = dwarf_siblingof_b(dw->dbg, d, 1, &s, &dw->derr);

	dwarf_dealloc_die(d);
	if (r != DW_DLV_OK) {
		derr_clear(dw);
		return NULL;
	}
	return s;
}

/*
 * Evaluate a simple location expression: DW_OP_addr, DW_OP_addrx (DWARF 5
 * .debug_addr), DW_OP_plus_uconst, DW_OP_constu [DW_OP_plus].  False for
 * anything that is not a static address or constant offset.
 */
static bool eval_expr(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Attribute a, Dwarf_Unsigned *val)
{
	Dwarf_Loc_Head_c head = NULL;
	Dwarf_Unsigned cnt = 0;
	bool ok = false;

	if (dwarf_get_loclist_c(a, &head, &cnt, &dw->derr) != DW_DLV_OK) {
		derr_clear(dw);
		return false;
	}
	Dwarf_Small lle, src;
	Dwarf_Unsigned r1, r2, nops = 0, eoff, ldoff;
	Dwarf_Bool noaddr;
	Dwarf_Addr lo, hi;
	Dwarf_Locdesc_c ld;
	if (cnt == 1 && dwarf_get_locdesc_entry_d(head, 0, &lle, &r1, &r2, &noaddr, &lo, &hi, &nops, &ld,
						  &src, &eoff, &ldoff, &dw->derr) == DW_DLV_OK) {
		Dwarf_Unsigned acc = 0, pushed = 0;
		ok = nops > 0;
		for (Dwarf_Unsigned i = 0; i < nops && ok; i++) {
			Dwarf_Small op;
			Dwarf_Unsigned o1, o2, o3, br;
			if (dwarf_get_location_op_value_c(ld, i, &op, &o1, &o2, &o3, &br, &dw->derr) != DW_DLV_OK) {
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
				if (dwarf_debug_addr_index_to_addr(d, o1, &ad, &dw->derr) != DW_DLV_OK)
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
	derr_clear(dw);
	dwarf_loc_head_c_dealloc(head);
	return ok;
}

/* ------------------------------------------------------------ base type names */

/*
 * Canonical spelling of a C base type ("unsigned long" = "long unsigned int"
 * = "unsigned long int"), used as the index key; the spelling gdb 13 prints
 * ("unsigned long") for display.  False if @p in is not a base type name.
 */
bool dw_base_canon(const char *in, char *key, size_t keysz, char *disp, size_t dispsz)
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
unsigned dw_enum_signed_width(struct ms_dwarf *dw, Dwarf_Die e)
{
	Dwarf_Off to;
	Dwarf_Unsigned enc = 0, sz = 4;

	if (!dw_attr_ref(dw, e, DW_AT_type, &to))
		return dw_attr_udata(dw, e, DW_AT_byte_size, &sz) ? (unsigned)sz : 4;
	for (int depth = 0; depth < 8; depth++) {
		Dwarf_Die b = dw_die_at(dw, to);
		if (!b)
			return 4;
		Dwarf_Half tag = dw_die_tag(dw, b);
		if (tag == DW_TAG_base_type) {
			bool got = dw_attr_udata(dw, b, DW_AT_encoding, &enc);
			if (!dw_attr_udata(dw, b, DW_AT_byte_size, &sz))
				sz = 4;
			dwarf_dealloc_die(b);
			return !got || enc == DW_ATE_signed || enc == DW_ATE_signed_char ? (unsigned)sz : 0;
		}
		bool more = dw_attr_ref(dw, b, DW_AT_type, &to);
		dwarf_dealloc_die(b);
		if (!more)
			break;
	}
	return 4;
}

/*
 * Whether the definition at hand replaces entry @e: there is none yet, or
 * it is the kernel's and @e's is not.
 */
static bool takes_over(struct ms_dwarf *dw, const struct dw_ent *e)
{
	return !e->off || (dw->cur_kernel && !dw_off_kernel(dw, e->off));
}

static void index_enumerators(struct ms_dwarf *dw, Dwarf_Die e, Dwarf_Off eoff)
{
	unsigned sw = dw_enum_signed_width(dw, e);

	for (Dwarf_Die c = dw_first_child(dw, e); c; c = dw_next_sibling(dw, c)) {
		if (dw_die_tag(dw, c) != DW_TAG_enumerator)
			continue;
		const char *n = dw_die_name(dw, c);
		int64_t v;
		if (!n || !dw_attr_const(dw, c, DW_AT_const_value, sw, &v))
			continue;
		struct dw_ent *en = index_insert(dw, n, NS_ENUMERATOR);
		if (takes_over(dw, en)) {
			en->off = eoff;
			en->val = v;
		}
	}
}

/* The name of a nameless definition, from DW_AT_specification/abstract_origin. */
static const char *origin_name(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Off *origin)
{
	Dwarf_Off so;

	if (!dw_attr_ref(dw, d, DW_AT_specification, &so) && !dw_attr_ref(dw, d, DW_AT_abstract_origin, &so))
		return NULL;
	Dwarf_Die sd = dw_die_at(dw, so);
	if (!sd)
		return NULL;
	const char *n = dw_die_name(dw, sd);
	dwarf_dealloc_die(sd);
	if (origin)
		*origin = so;
	return n;
}

/* How much of .debug_info each_cu() walks between two dw_map_drop()s. */
#define DROP_EVERY (16u << 20)

/*
 * Call @p fn with the DIE of each compilation unit in turn.  libdwarf's CU
 * iterator starts again from the first CU once it has reported the end, so
 * the index and the line tables can each walk all of them.  The pages of
 * the mapping are given back as the walk goes (dw_map_drop()): the walk
 * touches nearly all of a vmlinux's .debug_info (166 MB for Debian's 6.1),
 * which would otherwise be the most of a cold start's peak RSS.
 */
static void each_cu(struct ms_dwarf *dw, void (*fn)(struct ms_dwarf *dw, Dwarf_Die cu))
{
	Dwarf_Unsigned dropped = 0;

	for (;;) {
		Dwarf_Unsigned hdrlen, typeoff, next;
		Dwarf_Half ver, asz, osz, xsz, ut;
		Dwarf_Sig8 sig;
		Dwarf_Off abbr;
		int r = dwarf_next_cu_header_d(dw->dbg, 1, &hdrlen, &ver, &abbr, &asz, &osz, &xsz, &sig,
					       &typeoff, &next, &ut, &dw->derr);
		if (r != DW_DLV_OK) {
			derr_clear(dw);
			break;
		}
		Dwarf_Die cu = NULL;
		if (dwarf_siblingof_b(dw->dbg, NULL, 1, &cu, &dw->derr) == DW_DLV_OK) {
			fn(dw, cu);
			dwarf_dealloc_die(cu);
		}
		derr_clear(dw);
		if (next - dropped >= DROP_EVERY) {
			dw_map_drop(dw->map);
			dropped = next;
		}
	}
	dw_map_drop(dw->map);
}

static void index_die(struct ms_dwarf *dw, Dwarf_Die d)
{
	Dwarf_Half tag = dw_die_tag(dw, d);
	const char *n;
	struct dw_ent *e;
	unsigned ns;

	switch (tag) {
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
	case DW_TAG_enumeration_type:
		if (tag == DW_TAG_enumeration_type)
			index_enumerators(dw, d, dw_die_off(dw, d));
		n = dw_die_name(dw, d);
		if (!n || dw_has_attr(dw, d, DW_AT_declaration))
			break;
		ns = tag == DW_TAG_structure_type ? NS_STRUCT : tag == DW_TAG_union_type ? NS_UNION : NS_ENUM;
		e = index_insert(dw, n, ns);
		if (takes_over(dw, e))
			e->off = dw_die_off(dw, d);
		break;
	case DW_TAG_typedef:
		n = dw_die_name(dw, d);
		if (!n)
			break;
		e = index_insert(dw, n, NS_TYPEDEF);
		if (takes_over(dw, e))
			e->off = dw_die_off(dw, d);
		break;
	case DW_TAG_base_type: {
		char key[64];
		bool fresh;
		n = dw_die_name(dw, d);
		if (!n || !dw_base_canon(n, key, sizeof(key), NULL, 0))
			break;
		e = dw_index_intern(dw, key, NS_BASE, &fresh);
		if (e && fresh)
			e->off = dw_die_off(dw, d);
		break;
	}
	case DW_TAG_variable: {
		bool located = dw_has_attr(dw, d, DW_AT_location);
		n = dw_die_name(dw, d);
		if (!n)
			n = origin_name(dw, d, NULL);
		if (!n)
			break;
		e = index_insert(dw, n, NS_VAR);
		if (takes_over(dw, e) || (e->weak && located)) {
			e->off = dw_die_off(dw, d);
			e->weak = !located;
		}
		break;
	}
	case DW_TAG_subprogram: {
		Dwarf_Off origin = 0;
		bool defined = dw_has_attr(dw, d, DW_AT_low_pc);
		n = dw_die_name(dw, d);
		if (!n)
			n = origin_name(dw, d, &origin);
		if (!n)
			break;
		e = index_insert(dw, n, NS_FUNC);
		if (takes_over(dw, e) || (e->weak && defined)) {
			e->off = dw_die_off(dw, d);
			e->val = (int64_t)origin;
			e->weak = !defined;
		}
		break;
	}
	default:
		break;
	}
}

static void index_cu(struct ms_dwarf *dw, Dwarf_Die cu)
{
	dw->n_cus++;
	dw->cur_kernel = dw->kernel_match && dw_off_kernel(dw, dw_die_off(dw, cu));
	for (Dwarf_Die c = dw_first_child(dw, cu); c; c = dw_next_sibling(dw, c))
		index_die(dw, c);
	dw->cur_kernel = false;
}

/* ------------------------------------------------------------ the kernel's CUs */

/* Whether CU DIE @cu's name (its source file) contains the kernel match. */
static bool cu_is_kernel(struct ms_dwarf *dw, Dwarf_Die cu)
{
	const char *n = dw_die_name(dw, cu);

	return n && strstr(n, dw->kernel_match);
}

/* The CUs' offset ranges, from their headers: a walk of the headers and CU DIEs only. */
static bool load_cus(struct ms_dwarf *dw)
{
	Dwarf_Off start = 0;

	for (;;) {
		Dwarf_Unsigned hdrlen, typeoff, next;
		Dwarf_Half ver, asz, osz, xsz, ut;
		Dwarf_Sig8 sig;
		Dwarf_Off abbr;
		Dwarf_Die cu = NULL;
		int r = dwarf_next_cu_header_d(dw->dbg, 1, &hdrlen, &ver, &abbr, &asz, &osz, &xsz, &sig,
					       &typeoff, &next, &ut, &dw->derr);

		if (r != DW_DLV_OK) {
			derr_clear(dw);
			break;	/* the end: the iterator starts again from the first CU */
		}
		if (dwarf_siblingof_b(dw->dbg, NULL, 1, &cu, &dw->derr) != DW_DLV_OK) {
			derr_clear(dw);
			start = next;
			continue;
		}
		if (!ms_array_grow(&dw->cus, &dw->cap_cus, dw->ncus + 1, 64)) {
			dwarf_dealloc_die(cu);
			return false;
		}
		dw->cus[dw->ncus++] = (struct dw_cu){ start, next, dw_die_off(dw, cu), cu_is_kernel(dw, cu) };
		dwarf_dealloc_die(cu);
		start = next;
	}
	return true;
}

struct ms_error *dw_set_kernel_cus(struct ms_dwarf *dw, const char *match)
{
	free(dw->kernel_match);
	free(dw->cus);
	dw->cus = NULL;
	dw->ncus = dw->cap_cus = 0;
	dw->kernel_match = match ? strdup(match) : NULL;
	if (match && (!dw->kernel_match || !load_cus(dw))) {
		free(dw->kernel_match);
		dw->kernel_match = NULL;
		return &ms_enomem;
	}
	return NULL;
}

bool dw_off_kernel(struct ms_dwarf *dw, Dwarf_Off off)
{
	size_t lo = 0, hi;

	if (!dw || !dw->kernel_match)
		return true;
	hi = dw->ncus;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (off < dw->cus[mid].start)
			hi = mid;
		else if (off >= dw->cus[mid].end)
			lo = mid + 1;
		else
			return dw->cus[mid].kernel;
	}
	return false;
}

/* What the kernel's CUs define: their functions with code and variables with an address. */
static void kernel_defs_cu(struct ms_dwarf *dw, Dwarf_Die cu,
			   void (*fn)(const char *name, uint64_t addr, bool has_addr, void *arg), void *arg)
{
	for (Dwarf_Die c = dw_first_child(dw, cu); c; c = dw_next_sibling(dw, c)) {
		Dwarf_Half tag = dw_die_tag(dw, c);
		Dwarf_Unsigned addr = 0;
		const char *n;

		if (tag != DW_TAG_subprogram && tag != DW_TAG_variable)
			continue;
		n = dw_die_name(dw, c);
		if (!n)
			n = origin_name(dw, c, NULL);
		if (!n)
			continue;
		if (tag == DW_TAG_subprogram) {
			/*
			 * A function split into DW_AT_ranges, or one whose
			 * out-of-line copy gcc describes by its abstract
			 * instance alone (DW_AT_inline, no address): known by
			 * name only.  A declaration defines nothing.
			 */
			if (dw_has_attr(dw, c, DW_AT_low_pc))
				fn(n, dw_low_pc(dw, c), true, arg);
			else if (!dw_has_attr(dw, c, DW_AT_declaration))
				fn(n, 0, false, arg);
		} else if (dw_location_addr(dw, c, &addr)) {
			fn(n, addr, true, arg);
		}
	}
}

void dw_kernel_defs(struct ms_dwarf *dw, void (*fn)(const char *name, uint64_t addr, bool has_addr, void *arg),
		    void *arg)
{
	size_t i;

	for (i = 0; dw->kernel_match && i < dw->ncus; i++) {
		Dwarf_Die cu;

		if (!dw->cus[i].kernel)
			continue;
		cu = dw_die_at(dw, dw->cus[i].die);
		if (!cu)
			continue;
		kernel_defs_cu(dw, cu, fn, arg);
		dwarf_dealloc_die(cu);
	}
}

/* ------------------------------------------------------------ the index and its cache */

/* The index cache (core/dwarf_cache.c) fills and reads the table through these. */

void dw_index_reset(struct ms_dwarf *dw)
{
	free(dw->tab);
	dw->tab = NULL;
	dw->tab_size = dw->tab_used = 0;
}

bool dw_index_reserve(struct ms_dwarf *dw, size_t n)
{
	/* the table that the walk would have grown to: no growing while loading */
	size_t tsz = 4096;
	while ((n + 1) * 2 > tsz)
		tsz *= 2;
	dw_index_reset(dw);
	dw->tab = calloc(tsz, sizeof(*dw->tab));
	if (!dw->tab)
		return false;
	dw->tab_size = tsz;
	return true;
}

void dw_index_adopt(struct ms_dwarf *dw, size_t n_cus, char *blob)
{
	dw->n_cus = n_cus;
	dw->blob = blob;
}

const struct dw_ent *dw_index_slots(struct ms_dwarf *dw, size_t *n_slots)
{
	*n_slots = dw->tab_size;
	return dw->tab;
}

bool dw_index(struct ms_dwarf *dw)
{
	if (!dw || !dw->dbg)
		return false;
	if (dw->indexed)
		return true;
	dw->indexed = true;

	struct dw_cache cache;
	bool use_cache = dw_cache_init(&cache, dw->path);
	dw->cached = use_cache && dw_cache_load(dw, &cache);
	if (!dw->cached) {
		each_cu(dw, index_cu);
		/* a damaged DWARF is walked (and reported) again at the next start */
		if (use_cache && !dw->n_errors)
			dw_cache_save(dw, &cache);
	}
	if (use_cache) {
		dw->read_whole = cache.whole_read;
		dw_cache_deinit(&cache);
	}
	return true;
}

/* ------------------------------------------------------------ member locations */

bool dw_member_location(struct ms_dwarf *dw, Dwarf_Die m, Dwarf_Unsigned *off)
{
	Dwarf_Attribute a;
	Dwarf_Half form = 0, ver = 0, osz = 0;
	bool ok;

	*off = 0;
	if (dwarf_attr(m, DW_AT_data_member_location, &a, &dw->derr) != DW_DLV_OK) {
		derr_clear(dw);
		return true;	/* a union member */
	}
	dwarf_whatform(a, &form, &dw->derr);
	derr_clear(dw);
	dwarf_get_version_of_die(m, &ver, &osz);
	if (dwarf_get_form_class(ver, DW_AT_data_member_location, osz, form) == DW_FORM_CLASS_CONSTANT)
		ok = dwarf_formudata(a, off, &dw->derr) == DW_DLV_OK;
	else
		ok = eval_expr(dw, m, a, off);
	derr_clear(dw);
	dwarf_dealloc_attribute(a);
	return ok;
}

/* ------------------------------------------------------------ more attributes */

Dwarf_Half dw_attr_form(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Half at)
{
	Dwarf_Attribute a;
	Dwarf_Half form = 0;

	if (dwarf_attr(d, at, &a, &dw->derr) == DW_DLV_OK) {
		dwarf_whatform(a, &form, &dw->derr);
		dwarf_dealloc_attribute(a);
	}
	derr_clear(dw);
	return form;
}

bool dw_byte_size(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Unsigned *sz)
{
	bool ok = dwarf_bytesize(d, sz, &dw->derr) == DW_DLV_OK;

	derr_clear(dw);
	return ok;
}

Dwarf_Half dw_address_size(struct ms_dwarf *dw, Dwarf_Die d)
{
	Dwarf_Half as = 8;

	dwarf_get_die_address_size(d, &as, &dw->derr);
	derr_clear(dw);
	return as;
}

Dwarf_Addr dw_low_pc(struct ms_dwarf *dw, Dwarf_Die d)
{
	Dwarf_Addr lo = 0;

	if (dwarf_lowpc(d, &lo, &dw->derr) != DW_DLV_OK)
		derr_clear(dw);
	return lo;
}

bool dw_location_addr(struct ms_dwarf *dw, Dwarf_Die d, Dwarf_Unsigned *addr)
{
	Dwarf_Attribute a;
	bool ok = false;

	if (dwarf_attr(d, DW_AT_location, &a, &dw->derr) == DW_DLV_OK) {
		ok = eval_expr(dw, d, a, addr);
		dwarf_dealloc_attribute(a);
	}
	derr_clear(dw);
	return ok;
}

/* ------------------------------------------------------------ index queries */

void dw_index_names(struct ms_dwarf *dw, unsigned ns_first, unsigned ns_last, const char *prefix,
		    bool kernel_only, void (*fn)(const char *name, void *arg), void *arg)
{
	size_t pl = strlen(prefix);

	for (size_t i = 0; i < dw->tab_size; i++) {
		const struct dw_ent *e = &dw->tab[i];
		if (!e->name || e->ns < ns_first || e->ns > ns_last)
			continue;
		if (kernel_only && e->ns != NS_BASE && !dw_off_kernel(dw, e->off))
			continue;
		if (!strncmp(e->name, prefix, pl))
			fn(e->name, arg);
	}
}

void dw_index_stats(struct ms_dwarf *dw, size_t *n_cus, size_t *n_names)
{
	if (n_cus)
		*n_cus = dw->n_cus;
	if (n_names)
		*n_names = dw->tab_used;
}

size_t dw_errors(struct ms_dwarf *dw, const char **first)
{
	if (first)
		*first = dw->n_errors ? dw->first_error : NULL;
	return dw->n_errors;
}

bool dw_index_cached(struct ms_dwarf *dw)
{
	return dw->cached;
}

bool dw_index_read_whole(struct ms_dwarf *dw)
{
	return dw->read_whole;
}

/* ------------------------------------------------------------ open / close */

struct ms_error *dw_open(const char *path, struct ms_dwarf **ret)
{
	struct ms_dwarf *dw = calloc(1, sizeof(*dw));
	int r;

	if (!dw)
		return &ms_enomem;
	struct ms_error *oerr = ms_open_regular(path, "debuginfo", true, &dw->fd, NULL);

	if (oerr) {
		free(dw);
		return oerr;
	}
	dw->map = dw_map_open(dw->fd);
	if (dw->map)
		r = dw_map_dwarf_init(dw->map, &dw->dbg, &dw->derr);
	else
		r = dwarf_init_b(dw->fd, DW_DLC_READ, DW_GROUPNUMBER_ANY, NULL, NULL, &dw->dbg,
				 &dw->derr);
	if (r != DW_DLV_OK) {
		struct ms_error *err;

		if (r == DW_DLV_ERROR) {
			err = ms_error_create(MS_ERR_OTHER, "%s: dwarf_init_b: %s", path,
					      dwarf_errmsg(dw->derr));
			dwarf_dealloc_error(NULL, dw->derr);
		} else {
			err = ms_error_create(MS_ERR_OTHER, "%s: no DWARF debugging information", path);
		}
		dw_map_close(dw->map);
		close(dw->fd);
		free(dw);
		return err;
	}
	dw->path = strdup(path);
	if (!dw->path) {
		dw_close(dw);
		return &ms_enomem;
	}
	*ret = dw;
	return NULL;
}

void dw_close(struct ms_dwarf *dw)
{
	if (!dw)
		return;
	for (size_t i = 0; i < dw->tab_size; i++)
		if (dw->tab[i].owned)
			free((char *)dw->tab[i].name);
	free(dw->tab);
	free(dw->blob);
	while (dw->names) {
		struct name_chunk *c = dw->names;

		dw->names = c->next;
		free(c);
	}
	free(dw->lines);
	free(dw->kernel_match);
	free(dw->cus);
	if (dw->dbg) {
		derr_clear(dw);
		dwarf_finish(dw->dbg, &dw->derr);
		if (dw->derr) {
			dwarf_dealloc_error(NULL, dw->derr);
			dw->derr = NULL;
		}
	}
	dw_map_close(dw->map);
	if (dw->fd >= 0)
		close(dw->fd);
	free(dw->path);
	free(dw);
}

unsigned dw_pointer_size(struct ms_dwarf *dw)
{
	Dwarf_Half asz = 0;

	if (!dw || !dw->dbg)
		return 0;
	/*
	 * The object's address size, which libdwarf has from the ELF header
	 * (its class).  The CU headers state it too, but the first one's cost
	 * a walk of them all, since libdwarf's iterator must run to the end
	 * to start from the first CU again: for a distribution's vmlinux,
	 * 2,352 CU contexts, each reading its abbreviations, and 100 MB of
	 * .debug_info paged in, at every start.
	 */
	if (!dw->pointer_size && dwarf_get_address_size(dw->dbg, &asz, &dw->derr) == DW_DLV_OK)
		dw->pointer_size = asz;
	derr_clear(dw);
	return dw->pointer_size;
}

bool dw_loaded(struct ms_dwarf *dw)
{
	return dw && dw->dbg != NULL;
}

/* ------------------------------------------------------------ line numbers */

static const char *intern_file(struct ms_dwarf *dw, const char *name)
{
	bool fresh;
	struct dw_ent *e = dw_index_intern(dw, name, NS_FILE, &fresh);

	return e ? e->name : NULL;
}

static void load_cu_lines(struct ms_dwarf *dw, Dwarf_Die cu)
{
	Dwarf_Unsigned version;
	Dwarf_Small count;
	Dwarf_Line_Context ctx;
	Dwarf_Line *buf;
	Dwarf_Signed n;

	if (dwarf_srclines_b(cu, &version, &count, &ctx, &dw->derr) != DW_DLV_OK) {
		derr_clear(dw);
		return;
	}
	if (dwarf_srclines_from_linecontext(ctx, &buf, &n, &dw->derr) == DW_DLV_OK) {
		for (Dwarf_Signed i = 0; i < n; i++) {
			Dwarf_Addr a = 0;
			Dwarf_Unsigned no = 0;
			Dwarf_Bool end = 0;
			char *src = NULL;
			if (dwarf_lineaddr(buf[i], &a, &dw->derr) != DW_DLV_OK ||
			    dwarf_lineno(buf[i], &no, &dw->derr) != DW_DLV_OK) {
				derr_clear(dw);
				continue;
			}
			dwarf_lineendsequence(buf[i], &end, &dw->derr);
			derr_clear(dw);
			if (dwarf_linesrc(buf[i], &src, &dw->derr) != DW_DLV_OK) {
				derr_clear(dw);
				src = NULL;
			}
			if (!ms_array_grow(&dw->lines, &dw->lines_cap, dw->nlines + 1, 4096))
				abort();
			dw->lines[dw->nlines++] = (struct line_ent){ .addr = a, .file = src ? intern_file(dw, src) : NULL,
								   .line = (uint32_t)no, .end = end };
			if (src)
				dwarf_dealloc(dw->dbg, src, DW_DLA_STRING);
		}
	}
	derr_clear(dw);
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

static void load_lines(struct ms_dwarf *dw)
{
	if (dw->lines_loaded || !dw->dbg)
		return;
	dw->lines_loaded = true;
	dw_index(dw);
	each_cu(dw, load_cu_lines);
	if (dw->nlines)	/* qsort(NULL, 0) is undefined */
		qsort(dw->lines, dw->nlines, sizeof(*dw->lines), line_cmp);
}

struct ms_error *ms_line_find(struct ms_program *prog, uint64_t addr, const char **file_ret,
			      unsigned *line_ret)
{
	struct ms_dwarf *dw = prog->dwarf;

	if (!dw)
		return ms_error_lookup(NULL, "no debuginfo loaded");
	load_lines(dw);
	size_t lo = 0, hi = dw->nlines;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (dw->lines[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	const struct line_ent *l = lo ? &dw->lines[lo - 1] : NULL;
	if (!l || l->end || !l->file)
		return ms_error_lookup(NULL, "no line information for %" PRIx64, addr);
	*file_ret = l->file;
	*line_ret = l->line;
	return NULL;
}
