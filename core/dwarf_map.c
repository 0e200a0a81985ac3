/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dwarf_map.c - libdwarf's object access interface over a mapping of the
 * debuginfo file (see dwarf_map.h).
 *
 * dwarf_init_b() reads every DWARF section it needs into the heap: for a
 * distribution's vmlinux, 216 MB copied at every start, though a session
 * with the index cache touches a few thousand DIEs of them.  Served from a
 * mapping, the sections cost only the pages read, which the page cache
 * already holds, and they are not counted twice (heap and page cache).
 * libdwarf never writes to section data it has not relocated, and we serve
 * no file that needs relocating; the mapping is private and writable all the
 * same, so a write would copy a page, never fault or reach the file.
 */
#include <gelf.h>
#include <libelf.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/dwarf_map.h"

struct map_sec {
	Dwarf_Obj_Access_Section info;
	uint64_t offset;
	bool nobits;
};

struct dw_map {
	/*
	 * First: dwarf_finish() looks at the first byte of the object to
	 * know libdwarf's own readers ('E', 'F', 'M', 'P'), and leaves any
	 * other alone.
	 */
	char tag;
	Dwarf_Endianness order;
	Dwarf_Small pointer_size;
	unsigned char *base;
	size_t len;
	struct map_sec *secs;
	size_t nsecs;
	char *names;		/* the section names, copied: libdwarf keeps the pointers */
	Dwarf_Obj_Access_Methods methods;
	Dwarf_Obj_Access_Interface iface;
};

static int get_section_info(void *obj, Dwarf_Half i, Dwarf_Obj_Access_Section *ret, int *error)
{
	struct dw_map *m = obj;

	(void)error;
	if (i >= m->nsecs)
		return DW_DLV_NO_ENTRY;
	*ret = m->secs[i].info;
	return DW_DLV_OK;
}

static Dwarf_Endianness get_byte_order(void *obj)
{
	return ((struct dw_map *)obj)->order;
}

static Dwarf_Small get_length_size(void *obj)
{
	return ((struct dw_map *)obj)->pointer_size;
}

static Dwarf_Small get_pointer_size(void *obj)
{
	return ((struct dw_map *)obj)->pointer_size;
}

static Dwarf_Unsigned get_section_count(void *obj)
{
	return ((struct dw_map *)obj)->nsecs;
}

static int load_section(void *obj, Dwarf_Half i, Dwarf_Small **ret, int *error)
{
	struct dw_map *m = obj;
	const struct map_sec *s;

	if (i >= m->nsecs)
		return DW_DLV_NO_ENTRY;
	s = &m->secs[i];
	if (s->nobits || !s->info.size)
		return DW_DLV_NO_ENTRY;
	if (s->offset > m->len || s->info.size > m->len - s->offset) {
		*error = DW_DLE_SECTION_SIZE_OR_OFFSET_LARGE;
		return DW_DLV_ERROR;
	}
	*ret = m->base + s->offset;
	return DW_DLV_OK;
}

/* A section libdwarf would inflate (SHF_COMPRESSED or .zdebug_). */
static bool compressed_debug(const char *name, const GElf_Shdr *sh)
{
	if (!strncmp(name, ".zdebug", 7))
		return true;
	return !strncmp(name, ".debug", 6) && (sh->sh_flags & SHF_COMPRESSED);
}

static bool map_sections(struct dw_map *m, Elf *elf)
{
	size_t shnum, shstrndx, names_len = 0, pos = 0;
	GElf_Ehdr eh;

	if (!gelf_getehdr(elf, &eh) || eh.e_type == ET_REL ||
	    elf_getshdrnum(elf, &shnum) || elf_getshdrstrndx(elf, &shstrndx) ||
	    shnum < 2 || shnum > 0xffff)
		return false;
	m->order = eh.e_ident[EI_DATA] == ELFDATA2MSB ? DW_OBJECT_MSB : DW_OBJECT_LSB;
	m->pointer_size = gelf_getclass(elf) == ELFCLASS64 ? 8 : 4;
	m->secs = calloc(shnum, sizeof(*m->secs));
	if (!m->secs)
		return false;
	for (size_t i = 1; i < shnum; i++) {
		GElf_Shdr sh;
		const char *n;
		Elf_Scn *scn = elf_getscn(elf, i);

		if (!scn || !gelf_getshdr(scn, &sh) || !(n = elf_strptr(elf, shstrndx, sh.sh_name)))
			return false;
		if (compressed_debug(n, &sh))
			return false;
		names_len += strlen(n) + 1;
	}
	m->names = malloc(names_len + 1);
	if (!m->names)
		return false;
	m->names[pos++] = '\0';		/* section 0's name */
	m->secs[0].info.name = m->names;
	for (size_t i = 1; i < shnum; i++) {
		GElf_Shdr sh;
		Elf_Scn *scn = elf_getscn(elf, i);
		const char *n;
		struct map_sec *s = &m->secs[i];

		gelf_getshdr(scn, &sh);
		n = elf_strptr(elf, shstrndx, sh.sh_name);
		strcpy(m->names + pos, n);
		s->info = (Dwarf_Obj_Access_Section){
			.addr = sh.sh_addr, .type = sh.sh_type, .size = sh.sh_size,
			.name = m->names + pos, .link = sh.sh_link, .info = sh.sh_info,
			.entrysize = sh.sh_entsize,
		};
		s->offset = sh.sh_offset;
		s->nobits = sh.sh_type == SHT_NOBITS;
		pos += strlen(n) + 1;
	}
	m->nsecs = shnum;
	return true;
}


/*
 * A mapped file cut short under the session (by another process) makes a
 * read past its new end raise SIGBUS.  The dump is read with pread() for
 * that reason; the debuginfo is mapped for its size, so its faults are
 * caught: the missing page becomes a page of zeros, which libdwarf reads as
 * damaged DWARF (an error for the command), and the user is told once.
 * Faults elsewhere go to the previous handler (by default, the end).
 */
#define MAPS_MAX 8
static struct {
	uintptr_t base;
	size_t len;
} maps[MAPS_MAX];
static struct sigaction old_sigbus;
static bool sigbus_installed;
static volatile sig_atomic_t sigbus_said;

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
	static const char msg[] = "mmscope: the debuginfo file changed under the session (cut "
				  "short): what it no longer holds reads as damaged DWARF\n";
	uintptr_t a = (uintptr_t)si->si_addr;
	long psz = sysconf(_SC_PAGESIZE);

	for (int i = 0; i < MAPS_MAX; i++) {
		if (!maps[i].len || a < maps[i].base || a - maps[i].base >= maps[i].len)
			continue;
		if (mmap((void *)(a & ~(uintptr_t)(psz - 1)), (size_t)psz, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
			break;
		if (!sigbus_said) {
			sigbus_said = 1;
			if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
				sigbus_said = 1;
		}
		return;
	}
	if (old_sigbus.sa_flags & SA_SIGINFO && old_sigbus.sa_sigaction) {
		old_sigbus.sa_sigaction(sig, si, uc);
		return;
	}
	if (old_sigbus.sa_handler != SIG_DFL && old_sigbus.sa_handler != SIG_IGN) {
		old_sigbus.sa_handler(sig);
		return;
	}
	signal(SIGBUS, SIG_DFL);	/* the access faults again, and ends the process */
}

static void watch(void *base, size_t len, bool on)
{
	for (int i = 0; i < MAPS_MAX; i++) {
		if (on && !maps[i].len) {
			maps[i].base = (uintptr_t)base;
			maps[i].len = len;
			break;
		}
		if (!on && maps[i].base == (uintptr_t)base && maps[i].len == len) {
			maps[i].len = 0;
			break;
		}
	}
	if (on && !sigbus_installed) {
		struct sigaction sa = { .sa_sigaction = on_sigbus, .sa_flags = SA_SIGINFO | SA_NODEFER };

		sigemptyset(&sa.sa_mask);
		sigbus_installed = sigaction(SIGBUS, &sa, &old_sigbus) == 0;
	}
}

/*
 * libdwarf 20210528 keeps, process-wide, the function that gives
 * _dwarf_setup() a section's ELF flags: dwarf_init_b() sets it to its own
 * ELF reader's and nothing resets it.  _dwarf_setup() then calls it for
 * every later Dwarf_Debug, dwarf_object_init_b()'s too, with our struct
 * dw_map taken for that reader's object: it read garbage (a bad section
 * index, or a segfault) once a compressed or relocatable debuginfo had been
 * opened by dwarf_init_b() in the same process.  Unset, libdwarf asks no
 * flags, which is all we need (we serve no compressed section).  Weak: a
 * libdwarf without the variable has no such state to clear.
 */
extern int (*_dwarf_get_elf_flags_func_ptr)(void *obj, Dwarf_Half index, Dwarf_Unsigned *flags,
					    Dwarf_Unsigned *addralign, int *error)
	__attribute__((weak));

int dw_map_dwarf_init(struct dw_map *m, Dwarf_Debug *dbg, Dwarf_Error *err)
{
	if (&_dwarf_get_elf_flags_func_ptr)
		_dwarf_get_elf_flags_func_ptr = NULL;
	return dwarf_object_init_b(&m->iface, NULL, NULL, DW_GROUPNUMBER_ANY, dbg, err);
}

struct dw_map *dw_map_open(int fd)
{
	struct dw_map *m = calloc(1, sizeof(*m));
	struct stat st;
	Elf *elf = NULL;
	bool ok;

	if (!m)
		return NULL;
	m->tag = 'm';
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size <= 0)
		goto fail;
	m->len = (size_t)st.st_size;
	m->base = mmap(NULL, m->len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (m->base == MAP_FAILED) {
		m->base = NULL;
		goto fail;
	}
	elf_version(EV_CURRENT);
	elf = elf_memory((char *)m->base, m->len);
	ok = elf && elf_kind(elf) == ELF_K_ELF && map_sections(m, elf);
	if (elf)
		elf_end(elf);
	if (!ok)
		goto fail;
	m->methods = (Dwarf_Obj_Access_Methods){
		.get_section_info = get_section_info,
		.get_byte_order = get_byte_order,
		.get_length_size = get_length_size,
		.get_pointer_size = get_pointer_size,
		.get_section_count = get_section_count,
		.load_section = load_section,
	};
	m->iface.object = m;
	m->iface.methods = &m->methods;
	watch(m->base, m->len, true);
	return m;
fail:
	dw_map_close(m);
	return NULL;
}

/*
 * MADV_DONTNEED on a private file mapping drops the page table entries; a
 * page nobody wrote to (libdwarf writes to none, above) reads back from the
 * file as it was.  A page of zeros on_sigbus() put in place of a page cut
 * from the file reads back as zeros, as before.
 */
void dw_map_drop(struct dw_map *m)
{
	if (m && m->base)
		madvise(m->base, m->len, MADV_DONTNEED);
}

void dw_map_close(struct dw_map *m)
{
	if (!m)
		return;
	if (m->base) {
		watch(m->base, m->len, false);
		munmap(m->base, m->len);
	}
	free(m->secs);
	free(m->names);
	free(m);
}
