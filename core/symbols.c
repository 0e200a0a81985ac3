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
#include "core/symbols.h"

static struct {
	struct ms_symbol *syms;		/* sorted by value */
	bool *sized;			/* parallel: the ELF symbol had st_size != 0 */
	size_t count;
	char *strings;
	uint32_t *hash;			/* index + 1, 0 = empty */
	size_t hash_size;		/* power of two */
	int64_t offset;			/* relocation applied so far */
} st;

static size_t name_hash(const char *s)
{
	size_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

void ms_symbols_free(void)
{
	free(st.syms);
	free(st.sized);
	free(st.strings);
	free(st.hash);
	memset(&st, 0, sizeof(st));
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

static void hash_insert(size_t idx)
{
	size_t mask = st.hash_size - 1;
	size_t i = name_hash(st.syms[idx].name) & mask;

	for (;; i = (i + 1) & mask) {
		if (!st.hash[i]) {
			st.hash[i] = (uint32_t)idx + 1;
			return;
		}
		const struct ms_symbol *o = &st.syms[st.hash[i] - 1];
		if (!strcmp(o->name, st.syms[idx].name)) {
			/* Keep one per name: a global one over a local one. */
			bool og = o->type >= 'A' && o->type <= 'Z';
			bool ng = st.syms[idx].type >= 'A' && st.syms[idx].type <= 'Z';
			if (ng && !og)
				st.hash[i] = (uint32_t)idx + 1;
			return;
		}
	}
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

int ms_symbols_load(const char *path)
{
	int fd, ret = -1;
	Elf *elf = NULL;
	Elf_Scn *scn = NULL, *symscn = NULL;
	GElf_Shdr symshdr = { 0 };

	ms_symbols_free();
	elf_version(EV_CURRENT);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ms_error_set("%s: %s", path, strerror(errno));
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		ms_error_set("%s: not an ELF file", path);
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
		ms_error_set("%s: no symbol table", path);
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
	st.syms = calloc(cnt ? cnt : 1, sizeof(*st.syms));
	st.strings = malloc(strbytes ? strbytes : 1);
	if (!st.syms || !st.strings) {
		ms_error_set("out of memory");
		goto out;
	}
	char *sp = st.strings;
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
		struct ms_symbol *m = &st.syms[st.count++];
		size_t len = strlen(name) + 1;
		memcpy(sp, name, len);
		m->name = sp;
		sp += len;
		m->value = sym.st_value;
		m->size = sym.st_size;
		m->type = nm_letter(&sym, shp);
		m->unloaded = shp && !(shp->sh_flags & SHF_ALLOC);
	}
	qsort(st.syms, st.count, sizeof(*st.syms), sym_cmp);
	st.hash_size = 16;
	while (st.hash_size < st.count * 2)
		st.hash_size *= 2;
	st.hash = calloc(st.hash_size, sizeof(*st.hash));
	if (!st.hash) {
		ms_error_set("out of memory");
		goto out;
	}
	for (size_t i = 0; i < st.count; i++)
		hash_insert(i);
	ret = 0;
out:
	if (elf)
		elf_end(elf);
	close(fd);
	if (ret)
		ms_symbols_free();
	return ret;
}

void ms_symbols_relocate(int64_t offset)
{
	int64_t delta = offset - st.offset;

	if (!delta)	/* the usual case: KERNELOFFSET=0 leaves the table sorted */
		return;
	for (size_t i = 0; i < st.count; i++)
		if (st.syms[i].type != 'a' && st.syms[i].type != 'A')
			st.syms[i].value += (uint64_t)delta;
	st.offset = offset;
	/* Absolute symbols no longer sort with the others. */
	qsort(st.syms, st.count, sizeof(*st.syms), sym_cmp);
	memset(st.hash, 0, st.hash_size * sizeof(*st.hash));
	for (size_t i = 0; i < st.count; i++)
		hash_insert(i);
}

int64_t ms_symbols_offset(void)
{
	return st.offset;
}

const struct ms_symbol *ms_symbol_find(const char *name)
{
	if (!st.count || !name)
		return NULL;
	size_t mask = st.hash_size - 1;
	for (size_t i = name_hash(name) & mask; st.hash[i]; i = (i + 1) & mask) {
		const struct ms_symbol *s = &st.syms[st.hash[i] - 1];
		if (!strcmp(s->name, name))
			return s;
	}
	return NULL;
}

int ms_symbol_value(const char *name, uint64_t *ret)
{
	const struct ms_symbol *s = ms_symbol_find(name);

	if (!s)
		return ms_error_set("symbol not found: %s", name);
	*ret = s->value;
	return 0;
}

const struct ms_symbol *ms_symbol_by_addr(uint64_t addr, uint64_t *offset_ret)
{
	size_t lo = 0, hi = st.count;

	/* The first symbol above addr. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (st.syms[mid].value <= addr)
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
	uint64_t v = st.syms[best].value;
	while (best > 0 && st.syms[best - 1].value == v)
		best--;
	const struct ms_symbol *s = &st.syms[best];
	if (s->size && addr >= s->value + s->size) {
		for (size_t i = best, k = 0; i-- > 0 && k < 16; k++) {
			const struct ms_symbol *p = &st.syms[i];
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

size_t ms_symbol_count(void)
{
	return st.count;
}

const struct ms_symbol *ms_symbol_at_index(size_t i)
{
	return i < st.count ? &st.syms[i] : NULL;
}

/* See symbols.h. */
const struct ms_symbol *ms_symbol_containing(uint64_t addr, uint64_t *offset_ret)
{
	uint64_t off;
	const struct ms_symbol *s = ms_symbol_by_addr(addr, &off);

	if (!s || s->unloaded)
		return NULL;
	if (off && (!s->size || off >= s->size))
		return NULL;
	if (offset_ret)
		*offset_ret = off;
	return s;
}

int ms_elf_build_id(const char *path, char *buf, size_t bufsz)
{
	int fd, ret = -1;
	bool small = false;
	Elf *elf;
	Elf_Scn *scn = NULL;

	elf_version(EV_CURRENT);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ms_error_set("%s: %s", path, strerror(errno));
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf) {
		close(fd);
		return ms_error_set("%s: not an ELF file", path);
	}
	while (ret && (scn = elf_nextscn(elf, scn))) {
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
			ret = 0;
			break;
		}
	}
	if (ret)
		ms_error_set(small ? "%s: build id buffer too small" : "%s: no build id", path);
	elf_end(elf);
	close(fd);
	return ret;
}
