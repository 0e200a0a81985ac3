/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * symbols.c - the debuginfo's ELF symbol table, read with libelf.
 *
 * The table is loaded whole: one array sorted by address (for address ->
 * symbol and for sym -l) and an open-addressing hash of indexes into it
 * (for name -> symbol).  Names are copied into one string block so that
 * the ELF handle can be closed at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "core/file.h"
#include "core/symbols.h"

/* Symbols sorted by value, and a hash of their names. */
struct symtable {
	struct ms_symbol *syms;		/* sorted by value */
	size_t count;
	uint32_t *hash;			/* index + 1, 0 = empty */
	size_t hash_size;		/* power of two */
};

/*
 * A program's symbol table (prog->symtab): every symbol, and the kernel's
 * alone when the debuginfo holds more than the kernel (ms_symbols_keep()).
 */
struct ms_symtab {
	struct symtable all, kernel;
	bool filtered;			/* kernel is the view unless prog->show_hidden */
	char *strings;
	int64_t offset;			/* relocation applied so far */
};

/* The table the program's lookups see. */
static const struct symtable *view(const struct ms_program *prog)
{
	const struct ms_symtab *st = prog->symtab;

	if (!st)
		return NULL;
	return st->filtered && !prog->show_hidden ? &st->kernel : &st->all;
}

static size_t name_hash(const char *s)
{
	size_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static void table_free(struct symtable *t)
{
	free(t->syms);
	free(t->hash);
	memset(t, 0, sizeof(*t));
}

static void symtab_destroy(struct ms_symtab *st)
{
	if (!st)
		return;
	table_free(&st->all);
	table_free(&st->kernel);
	free(st->strings);
	free(st);
}

void ms_symbols_free(struct ms_program *prog)
{
	symtab_destroy(prog->symtab);
	prog->symtab = NULL;
}

/* The letter nm(1) prints for @p sym defined in section @p shdr. */
static char nm_letter(const GElf_Sym *sym, const GElf_Shdr *shdr)
{
	int bind = GELF_ST_BIND(sym->st_info);
	int type = GELF_ST_TYPE(sym->st_info);
	char c;

	if (sym->st_shndx == SHN_ABS)
		c = 'a';
	else if (sym->st_shndx == SHN_COMMON)
		return 'C';
	else if (!shdr)
		c = '?';
	else if (shdr->sh_flags & SHF_EXECINSTR)
		c = 't';
	else if (shdr->sh_type == SHT_NOBITS)
		c = 'b';
	else if (shdr->sh_flags & SHF_WRITE)
		c = 'd';
	else if (shdr->sh_flags & SHF_ALLOC)
		c = 'r';
	else
		c = 'n';
	if (bind == STB_WEAK)
		return type == STT_OBJECT ? 'V' : 'W';
	if (type == STT_GNU_IFUNC)
		return 'i';
	if (bind == STB_GLOBAL || bind == STB_GNU_UNIQUE)
		c = (char)(c - 'a' + 'A');
	return c;
}

/* Address order; at one address sized before unsized, global before local. */
static int sym_cmp(const void *a, const void *b)
{
	const struct ms_symbol *x = a, *y = b;

	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	if (!x->size != !y->size)
		return x->size ? -1 : 1;
	bool gx = x->type >= 'A' && x->type <= 'Z', gy = y->type >= 'A' && y->type <= 'Z';
	if (gx != gy)
		return gx ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void hash_insert(struct symtable *st, size_t idx)
{
	size_t mask = st->hash_size - 1;
	size_t i = name_hash(st->syms[idx].name) & mask;

	for (;; i = (i + 1) & mask) {
		if (!st->hash[i]) {
			st->hash[i] = (uint32_t)idx + 1;
			return;
		}
		const struct ms_symbol *o = &st->syms[st->hash[i] - 1];
		if (!strcmp(o->name, st->syms[idx].name)) {
			/* Keep one per name: a global one over a local one. */
			bool og = o->type >= 'A' && o->type <= 'Z';
			bool ng = st->syms[idx].type >= 'A' && st->syms[idx].type <= 'Z';
			if (ng && !og)
				st->hash[i] = (uint32_t)idx + 1;
			return;
		}
	}
}

/* Sort @t and (re)build its hash. */
static struct ms_error *table_index(struct symtable *t)
{
	size_t size = 16;

	if (t->count)	/* a file without symbols: qsort(NULL, 0) is undefined */
		qsort(t->syms, t->count, sizeof(*t->syms), sym_cmp);
	while (size < t->count * 2)
		size *= 2;
	if (size != t->hash_size) {
		free(t->hash);
		t->hash = calloc(size, sizeof(*t->hash));
		if (!t->hash) {
			t->hash_size = 0;
			return &ms_enomem;
		}
		t->hash_size = size;
	} else {
		memset(t->hash, 0, size * sizeof(*t->hash));
	}
	for (size_t i = 0; i < t->count; i++)
		hash_insert(t, i);
	return NULL;
}

static bool wanted(const GElf_Sym *sym, const char *name)
{
	int type = GELF_ST_TYPE(sym->st_info);

	if (!name || !*name || sym->st_shndx == SHN_UNDEF)
		return false;
	if (type == STT_SECTION || type == STT_FILE || type == STT_TLS)
		return false;
	return true;
}

struct ms_error *ms_symbols_load(struct ms_program *prog, const char *path)
{
	int fd;
	struct ms_error *err = NULL;
	Elf *elf = NULL;
	Elf_Scn *scn = NULL, *symscn = NULL;
	GElf_Shdr symshdr = { 0 };
	struct ms_symtab *st;

	ms_symbols_free(prog);
	st = calloc(1, sizeof(*st));
	if (!st)
		return &ms_enomem;
	elf_version(EV_CURRENT);
	err = ms_open_regular(path, "debuginfo", true, &fd, NULL);
	if (err) {
		free(st);
		return err;
	}
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		err = ms_error_create(MS_ERR_OTHER, "%s: not an ELF file", path);
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_SYMTAB || (sh.sh_type == SHT_DYNSYM && !symscn)) {
			symscn = scn;
			symshdr = sh;
		}
	}
	if (!symscn) {
		err = ms_error_lookup(NULL, "%s: no symbol table", path);
		goto out;
	}
	Elf_Data *data = elf_getdata(symscn, NULL);
	size_t n = symshdr.sh_entsize ? symshdr.sh_size / symshdr.sh_entsize : 0;
	size_t strbytes = 0, cnt = 0;

	for (size_t i = 0; i < n; i++) {
		GElf_Sym sym;
		if (!gelf_getsym(data, (int)i, &sym))
			continue;
		const char *name = elf_strptr(elf, symshdr.sh_link, sym.st_name);
		if (!wanted(&sym, name))
			continue;
		cnt++;
		strbytes += strlen(name) + 1;
	}
	st->all.syms = calloc(cnt ? cnt : 1, sizeof(*st->all.syms));
	st->strings = malloc(strbytes ? strbytes : 1);
	if (!st->all.syms || !st->strings) {
		err = &ms_enomem;
		goto out;
	}
	char *sp = st->strings;
	for (size_t i = 0; i < n; i++) {
		GElf_Sym sym;
		GElf_Shdr sh, *shp = NULL;
		if (!gelf_getsym(data, (int)i, &sym))
			continue;
		const char *name = elf_strptr(elf, symshdr.sh_link, sym.st_name);
		if (!wanted(&sym, name))
			continue;
		if (sym.st_shndx != SHN_ABS && sym.st_shndx != SHN_COMMON && sym.st_shndx < SHN_LORESERVE) {
			Elf_Scn *s = elf_getscn(elf, sym.st_shndx);
			if (s && gelf_getshdr(s, &sh))
				shp = &sh;
		}
		struct ms_symbol *m = &st->all.syms[st->all.count++];
		size_t len = strlen(name) + 1;
		memcpy(sp, name, len);
		m->name = sp;
		sp += len;
		m->value = sym.st_value;
		m->size = sym.st_size;
		m->type = nm_letter(&sym, shp);
		m->unloaded = shp && !(shp->sh_flags & SHF_ALLOC);
		/*
		 * x86-64's .data..percpu is linked at 0: its symbols are offsets
		 * for __per_cpu_offset[], and KASLR moves none of them (the
		 * kernel's kallsyms marks them absolute for the same reason).
		 */
		m->percpu = shp && (shp->sh_flags & SHF_ALLOC) && !shp->sh_addr;
	}
	err = table_index(&st->all);
out:
	if (elf)
		elf_end(elf);
	close(fd);
	if (err)
		symtab_destroy(st);
	else
		prog->symtab = st;
	return err;
}

/* Add @delta to the values of @t's symbols that are not absolute, and re-sort it. */
static void table_relocate(struct symtable *t, int64_t delta)
{
	for (size_t i = 0; i < t->count; i++)
		if (t->syms[i].type != 'a' && t->syms[i].type != 'A' && !t->syms[i].percpu)
			t->syms[i].value += (uint64_t)delta;
	/* Absolute symbols no longer sort with the others; the hash is
	 * already the table's size, so no allocation can fail here. */
	table_index(t);
}

void ms_symbols_relocate(struct ms_program *prog, int64_t offset)
{
	struct ms_symtab *st = prog->symtab;
	int64_t delta;

	if (!st)
		return;
	delta = offset - st->offset;

	if (!delta)	/* the usual case: KERNELOFFSET=0 leaves the table sorted */
		return;
	table_relocate(&st->all, delta);
	if (st->filtered)
		table_relocate(&st->kernel, delta);
	st->offset = offset;
}

struct ms_error *ms_symbols_keep(struct ms_program *prog,
				 bool (*keep)(const struct ms_symbol *sym, void *arg), void *arg)
{
	struct ms_symtab *st = prog->symtab;
	struct symtable *k;
	struct ms_error *err;

	if (!st)
		return NULL;
	k = &st->kernel;
	table_free(k);
	st->filtered = false;
	k->syms = calloc(st->all.count ? st->all.count : 1, sizeof(*k->syms));
	if (!k->syms)
		return &ms_enomem;
	for (size_t i = 0; i < st->all.count; i++)
		if (keep(&st->all.syms[i], arg))
			k->syms[k->count++] = st->all.syms[i];
	if ((err = table_index(k))) {
		table_free(k);
		return err;
	}
	st->filtered = true;
	return NULL;
}

int64_t ms_symbols_offset(struct ms_program *prog)
{
	return prog->symtab ? prog->symtab->offset : 0;
}

const struct ms_symbol *ms_symbol_find(struct ms_program *prog, const char *name)
{
	const struct symtable *st = view(prog);

	if (!st || !st->count || !name)
		return NULL;
	size_t mask = st->hash_size - 1;
	for (size_t i = name_hash(name) & mask; st->hash[i]; i = (i + 1) & mask) {
		const struct ms_symbol *s = &st->syms[st->hash[i] - 1];
		if (!strcmp(s->name, name))
			return s;
	}
	return NULL;
}

struct ms_error *ms_symbol_value(struct ms_program *prog, const char *name, uint64_t *ret)
{
	const struct ms_symbol *s = ms_symbol_find(prog, name);

	if (!s)
		return ms_error_lookup(name, "symbol not found: %s", name);
	*ret = s->value;
	return NULL;
}

const struct ms_symbol *ms_symbol_by_addr(struct ms_program *prog, uint64_t addr, uint64_t *offset_ret)
{
	const struct symtable *st = view(prog);
	size_t lo = 0, hi = st ? st->count : 0;

	/* The first symbol above addr. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (st->syms[mid].value <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	/*
	 * lo - 1 is the last symbol at or below addr.  Among several at that
	 * address the sort put the sized, global one first.  Prefer a sized
	 * symbol that contains addr, looking back a little for an enclosing one
	 * (a local label inside a function, say).
	 */
	size_t best = lo - 1;
	uint64_t v = st->syms[best].value;
	while (best > 0 && st->syms[best - 1].value == v)
		best--;
	const struct ms_symbol *s = &st->syms[best];
	if (s->size && addr >= s->value + s->size) {
		for (size_t i = best, k = 0; i-- > 0 && k < 16; k++) {
			const struct ms_symbol *p = &st->syms[i];
			if (p->size && addr < p->value + p->size) {
				s = p;
				break;
			}
		}
	}
	if (offset_ret)
		*offset_ret = addr - s->value;
	return s;
}

size_t ms_symbol_count(struct ms_program *prog)
{
	const struct symtable *st = view(prog);

	return st ? st->count : 0;
}

const struct ms_symbol *ms_symbol_at_index(struct ms_program *prog, size_t i)
{
	const struct symtable *st = view(prog);

	return st && i < st->count ? &st->syms[i] : NULL;
}

/* See symbols.h. */
const struct ms_symbol *ms_symbol_containing(struct ms_program *prog, uint64_t addr, uint64_t *offset_ret)
{
	uint64_t off;
	const struct ms_symbol *s = ms_symbol_by_addr(prog, addr, &off);

	if (!s || s->unloaded)
		return NULL;
	if (off && (!s->size || off >= s->size))
		return NULL;
	if (offset_ret)
		*offset_ret = off;
	return s;
}

struct ms_error *ms_elf_build_id(const char *path, char *buf, size_t bufsz)
{
	int fd;
	bool found = false;
	struct ms_error *err = NULL;
	bool small = false;
	Elf *elf;
	Elf_Scn *scn = NULL;

	elf_version(EV_CURRENT);
	struct ms_error *oerr = ms_open_regular(path, "debuginfo", true, &fd, NULL);

	if (oerr)
		return oerr;
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf) {
		close(fd);
		return ms_error_create(MS_ERR_OTHER, "%s: not an ELF file", path);
	}
	while (!found && (scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
			continue;
		Elf_Data *data = elf_getdata(scn, NULL);
		size_t off = 0, noff, doff;
		GElf_Nhdr nh;
		while (data && (off = gelf_getnote(data, off, &nh, &noff, &doff)) > 0) {
			if (nh.n_type != NT_GNU_BUILD_ID || nh.n_namesz != 4 ||
			    memcmp((char *)data->d_buf + noff, "GNU", 4))
				continue;
			if (bufsz < nh.n_descsz * 2 + 1) {
				small = true;
				break;
			}
			const unsigned char *d = (const unsigned char *)data->d_buf + doff;
			for (size_t i = 0; i < nh.n_descsz; i++)
				snprintf(buf + 2 * i, 3, "%02x", d[i]);
			found = true;
			break;
		}
	}
	if (small)
		err = ms_error_create(MS_ERR_OTHER, "%s: build id buffer too small", path);
	else if (!found)
		err = ms_error_lookup(NULL, "%s: no build id", path);
	elf_end(elf);
	close(fd);
	return err;
}
