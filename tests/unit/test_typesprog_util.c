/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_typesprog_util.c - helpers shared by the unit tests over typesprog's
 * executables; see test_typesprog_util.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>

#include "core/error.h"
#include "core/program.h"
#include "core/symbols.h"
#include "core/types.h"
#include "core/value.h"
#include "tests/unit/test_typesprog_util.h"

/* ------------------------------------------------------------ commands */

static char *run(const char *cmd, bool check_exit)
{
	FILE *p = popen(cmd, "r");
	char *out = NULL;
	size_t len = 0, cap = 0, n;
	char buf[4096];

	assert_non_null(p);
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0) {
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			out = realloc(out, cap);
			assert_non_null(out);
		}
		memcpy(out + len, buf, n);
		len += n;
	}
	if (check_exit)
		assert_int_equal(pclose(p), 0);
	else
		pclose(p);
	if (!out)
		out = calloc(1, 1);
	else
		out[len] = 0;
	return out;
}

char *tu_run(const char *cmd)
{
	return run(cmd, true);
}

char *tu_run_any(const char *cmd)
{
	return run(cmd, false);
}

/* ------------------------------------------------------------ the image */

/* An in-memory image of the executable's PT_LOAD segments. */
struct seg {
	uint64_t vaddr, memsz;
	unsigned char *data;
};
static struct seg segs[16];
static int nsegs;

void tu_image_free(void)
{
	for (int i = 0; i < nsegs; i++)
		free(segs[i].data);
	nsegs = 0;
}

void tu_image_load(const char *path)
{
	int fd = open(path, O_RDONLY);
	Elf *elf;
	size_t n;

	tu_image_free();
	assert_true(fd >= 0);
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	assert_non_null(elf);
	assert_int_equal(elf_getphdrnum(elf, &n), 0);
	for (size_t i = 0; i < n && nsegs < 16; i++) {
		GElf_Phdr ph;
		gelf_getphdr(elf, (int)i, &ph);
		if (ph.p_type != PT_LOAD)
			continue;
		struct seg *s = &segs[nsegs++];
		s->vaddr = ph.p_vaddr;
		s->memsz = ph.p_memsz;
		s->data = calloc(1, ph.p_memsz + 1);
		assert_int_equal(pread(fd, s->data, ph.p_filesz, (off_t)ph.p_offset), (ssize_t)ph.p_filesz);
	}
	elf_end(elf);
	close(fd);
}

int tu_image_copy(uint64_t addr, void *buf, size_t len)
{
	for (int i = 0; i < nsegs; i++) {
		struct seg *s = &segs[i];
		if (addr >= s->vaddr && addr + len <= s->vaddr + s->memsz) {
			memcpy(buf, s->data + (addr - s->vaddr), len);
			return 0;
		}
	}
	return -1;
}

struct ms_error *tu_image_read(void *arg, uint64_t addr, enum ms_as as, void *buf, size_t len,
			       const char *what)
{
	(void)arg;
	if (tu_image_copy(addr, buf, len))
		return ms_error_fault(as, addr, "invalid kernel virtual address: %llx  type: \"%s\"",
				      (unsigned long long)addr, what);
	return NULL;
}

struct ms_program *tu_load(const char *path, ms_program_read_fn *reader)
{
	struct ms_program *prog;
	struct ms_error *err = ms_program_create(&prog);

	if (!err)
		err = ms_program_open_debuginfo(prog, path);
	if (err) {
		print_error("%s: %s\n", path, err->message);
		ms_error_destroy(err);
		return NULL;
	}
	tu_image_load(path);
	ms_program_set_reader(prog, reader ? reader : tu_image_read, NULL);
	return prog;
}

void tu_unload(struct ms_program *prog)
{
	ms_program_destroy(prog);
	tu_image_free();
}

/* ------------------------------------------------------------ paths */

void tu_prog_dir(char *dir, size_t size, const char *argv0, bool builddir_fallback)
{
	const char *bd = getenv("top_builddir");

	snprintf(dir, size, "%s", argv0);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	else if (builddir_fallback)
		snprintf(dir, size, "%s/tests/unit", bd ? bd : ".");
	else
		snprintf(dir, size, ".");
}
