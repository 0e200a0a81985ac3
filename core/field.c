/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * field.c - member paths resolved once per (type, path) and kept in the
 * program (see field.h).
 *
 * The memo is an open-addressing hash table keyed by the type's address and
 * the path's text.  A path that does not resolve is kept too, as an entry
 * without a field: kernels are probed for one spelling of a member after
 * another (_count, then _refcount), and the probe that fails is repeated
 * as often as the one that succeeds.
 */
#include <endian.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/dump.h"
#include "core/field.h"
#include "core/symbols.h"

struct field_ent {
	const struct ms_type *type;	/* NULL: an empty slot */
	char *path;
	struct ms_field *field;		/* NULL: the member does not exist */
	char *why;			/* then: the lookup's message */
};

struct ms_field_cache {
	struct field_ent *tab;
	size_t size, used;		/* size: a power of two */
	uint64_t resolved, lookups;
	uint64_t types_generation;	/* prog->types_generation the entries were made in */
};

static size_t field_hash(const struct ms_type *t, const char *path)
{
	size_t h = (size_t)((uintptr_t)t * 0x9e3779b97f4a7c15ULL);

	while (*path)
		h = (h ^ (unsigned char)*path++) * 1099511628211ULL;
	return h;
}

static struct field_ent *slot_of(struct ms_field_cache *c, const struct ms_type *t, const char *path)
{
	size_t mask = c->size - 1, i;

	for (i = field_hash(t, path) & mask;; i = (i + 1) & mask) {
		struct field_ent *e = &c->tab[i];

		if (!e->type || (e->type == t && !strcmp(e->path, path)))
			return e;
	}
}

static struct ms_error *cache_grow(struct ms_field_cache *c)
{
	struct field_ent *old = c->tab;
	size_t oldsz = c->size, i;

	c->size = oldsz ? oldsz * 2 : 256;
	c->tab = calloc(c->size, sizeof(*c->tab));
	if (!c->tab) {
		c->tab = old;
		c->size = oldsz;
		return &ms_enomem;
	}
	for (i = 0; i < oldsz; i++)
		if (old[i].type)
			*slot_of(c, old[i].type, old[i].path) = old[i];
	free(old);
	return NULL;
}

void ms_field_cache_free(struct ms_program *prog)
{
	struct ms_field_cache *c = prog->fields;
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->size; i++) {
		free(c->tab[i].path);
		free(c->tab[i].field);
		free(c->tab[i].why);
	}
	free(c->tab);
	free(c);
	prog->fields = NULL;
}

void ms_field_cache_stats(const struct ms_program *prog, uint64_t *resolved, uint64_t *lookups)
{
	*resolved = prog->fields ? prog->fields->resolved : 0;
	*lookups = prog->fields ? prog->fields->lookups : 0;
}

/* Resolve @path in @t through the DWARF into a new entry @e. */
static struct ms_error *resolve(struct ms_field_cache *c, struct field_ent *e, const struct ms_type *t,
				const char *path)
{
	struct ms_member m;
	const struct ms_type *s;
	struct ms_error *err;

	c->resolved++;
	e->path = strdup(path);
	if (!e->path)
		return &ms_enomem;
	if ((err = ms_type_member_path(t, path, &m))) {
		e->why = strdup(err->message);
		ms_error_destroy(err);
		if (!e->why) {
			free(e->path);
			e->path = NULL;
			return &ms_enomem;
		}
		e->type = t;
		c->used++;
		return NULL;
	}
	e->field = calloc(1, sizeof(*e->field));
	if (!e->field) {
		free(e->path);
		e->path = NULL;
		return &ms_enomem;
	}
	s = ms_type_strip(m.type);
	e->field->type = m.type;
	e->field->offset = m.offset;
	e->field->size = ms_type_size(m.type);
	e->field->bit_offset = m.bit_offset;
	e->field->bit_size = m.bit_size;
	e->field->is_signed = (ms_type_kind(s) == MS_TYPE_INT || ms_type_kind(s) == MS_TYPE_ENUM) &&
			      ms_type_is_signed(s);
	e->type = t;
	c->used++;
	return NULL;
}

struct ms_error *ms_field_find(struct ms_program *prog, const struct ms_type *t, const char *path,
			       const struct ms_field **ret)
{
	struct ms_field_cache *c = prog->fields;
	struct field_ent *e;
	struct ms_error *err;

	if (!t)
		return ms_error_lookup(path, "no type for member %s", path);
	if (c && c->types_generation != prog->types_generation) {
		/* the types were freed or reloaded: the keys are gone */
		ms_field_cache_free(prog);
		c = NULL;
	}
	if (!c) {
		c = prog->fields = calloc(1, sizeof(*c));
		if (!c)
			return &ms_enomem;
		c->types_generation = prog->types_generation;
	}
	if ((c->used + 1) * 2 > c->size && (err = cache_grow(c)))
		return err;
	c->lookups++;
	e = slot_of(c, t, path);
	if (!e->type && (err = resolve(c, e, t, path)))
		return err;
	if (!e->field) {
		const char *tag = ms_type_tag(ms_type_strip(t));
		char name[512];

		snprintf(name, sizeof(name), "%s.%s", tag ? tag : ms_type_name(t), path);
		return ms_error_lookup(name, "%s: %s", ms_type_name(ms_type_strip(t)), e->why);
	}
	*ret = e->field;
	return NULL;
}

struct ms_error *ms_field_find_by_name(struct ms_program *prog, const char *type_name,
				       const char *path, const struct ms_field **ret)
{
	const struct ms_type *t;
	struct ms_error *err = ms_type_find(prog, type_name, &t);

	return err ? err : ms_field_find(prog, t, path, ret);
}

uint64_t ms_field_get_u64(const struct ms_field *f, const void *buf)
{
	const unsigned char *p = (const unsigned char *)buf + f->offset;
	unsigned width;
	uint64_t v = 0;
	size_t i, n;

	if (f->bit_size) {
		n = (f->bit_offset + f->bit_size + 7) / 8;
		for (i = 0; i < n && i < 8; i++)
			v |= (uint64_t)p[i] << (8 * i);
		v >>= f->bit_offset;
		if (n > 8 && f->bit_offset)
			v |= (uint64_t)p[8] << (64 - f->bit_offset);
		width = f->bit_size;
	} else if (f->size >= 8) {
		/* a walk of mem_map reads a few of these per page: one load */
		memcpy(&v, p, 8);
		return le64toh(v);
	} else {
		n = f->size;
		for (i = 0; i < n; i++)
			v |= (uint64_t)p[i] << (8 * i);
		width = (unsigned)n * 8;
	}
	if (width && width < 64) {
		v &= (1ULL << width) - 1;
		if (f->is_signed && (v >> (width - 1)) & 1)
			v |= ~0ULL << width;
	}
	return v;
}

struct ms_error *ms_field_read_u64(struct ms_program *prog, const struct ms_field *f, uint64_t addr,
				   uint64_t *ret, const char *what)
{
	unsigned char buf[16] = { 0 };
	struct ms_field at0 = *f;
	size_t n = f->bit_size ? (f->bit_offset + f->bit_size + 7) / 8 :
		   f->size < 8 ? f->size : 8;
	struct ms_error *err;

	if (!n)
		return ms_error_lookup(what, "%s has no size", what);
	err = ms_readmem(prog, addr + f->offset, MS_KVADDR, buf, n, what);
	if (err)
		return err;
	at0.offset = 0;
	*ret = ms_field_get_u64(&at0, buf);
	return NULL;
}

struct ms_error *ms_member_read_u64(struct ms_program *prog, const struct ms_type *t, uint64_t addr,
				    const char *path, uint64_t *ret)
{
	const struct ms_field *f;
	const char *tag = ms_type_tag(ms_type_strip(t));
	char what[256];
	struct ms_error *err = ms_field_find(prog, t, path, &f);

	if (err)
		return err;
	snprintf(what, sizeof(what), "%s %s", tag ? tag : "struct", path);
	return ms_field_read_u64(prog, f, addr, ret, what);
}

struct ms_error *ms_field_array(const struct ms_field *f, uint64_t *len_ret, uint64_t *elsize_ret)
{
	const struct ms_type *a = ms_type_strip(f->type);

	if (ms_type_kind(a) != MS_TYPE_ARRAY || !ms_type_target(a))
		return ms_error_lookup(ms_type_name(f->type), "%s is not an array",
				       ms_type_name(f->type));
	if (len_ret)
		*len_ret = ms_type_array_len(a);
	if (elsize_ret)
		*elsize_ret = ms_type_size(ms_type_target(a));
	return NULL;
}

struct ms_error *ms_global_read_s64(struct ms_program *prog, const char *name, int64_t *ret)
{
	const struct ms_symbol *sym = ms_symbol_find(prog, name);
	const struct ms_type *t = NULL, *s;
	struct ms_field f = { 0 };
	unsigned char buf[8] = { 0 };
	struct ms_error *err;
	uint64_t daddr;

	if (!sym)
		return ms_error_lookup(name, "symbol not found: %s", name);
	err = ms_variable_find(prog, name, &t, &daddr);
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		t = NULL;	/* a symbol without DWARF: a word */
	if (err)
		return err;
	s = ms_type_strip(t);
	f.size = s ? ms_type_size(s) : 8;
	if (f.size > 8)
		f.size = 8;	/* atomic_long_t and friends: the first word */
	if (!f.size)
		return ms_error_lookup(name, "%s has no size", name);
	if (ms_type_kind(s) == MS_TYPE_INT || ms_type_kind(s) == MS_TYPE_ENUM) {
		f.is_signed = ms_type_is_signed(s);
	} else if (ms_type_kind(s) == MS_TYPE_STRUCT && ms_type_member_count(s)) {
		const struct ms_type *m = ms_type_strip(ms_type_member(s, 0)->type);

		f.is_signed = ms_type_kind(m) == MS_TYPE_INT && ms_type_is_signed(m);
	}
	err = ms_readmem(prog, sym->value, MS_KVADDR, buf, f.size, name);
	if (err)
		return err;
	*ret = ms_field_get_s64(&f, buf);
	return NULL;
}
