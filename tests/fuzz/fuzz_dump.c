/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_dump.c - opening a damaged dump and running kmem -f, -i, -z and (if
 * bit 1 of the first byte is set) -p on it.  Bit 0 picks the tiny ELF dump (MMSCOPE_FUZZ_ELF) or the
 * tiny compressed kdump (MMSCOPE_FUZZ_KDUMP); the rest damages a private
 * copy of it (fuzz.h's records).  Besides the headers and the whole file,
 * the records of the ELF dump reach the node's pglist_data (its zones and
 * free lists) and its mem_map by their file offsets, so that the walks see
 * damaged structures and not only damaged headers.  The copy is put back
 * after each input.
 */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/dump.h"
#include "core/expr.h"
#include "tests/fuzz/fuzz.h"
#include "tests/fuzz/fuzz_session.h"

struct base {
	char pristine[4096], path[4096];
	uint64_t size;
	struct fuzz_region regions[4];
	int nr_regions;
};

static struct base bases[2];	/* ELF, kdump */

/* The file offset of kernel virtual address @kv in the ELF dump @path, or -1. */
static int64_t elf_offset(struct ms_program *prog, const char *path, uint64_t kv)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	uint64_t pa;
	int fd = open(path, O_RDONLY);
	int64_t ret = -1;

	if (fd < 0 || !ms_error_ok(ms_kvtop(prog, kv, &pa)) ||
	    pread(fd, &eh, sizeof(eh), 0) != sizeof(eh))
		goto out;
	for (int i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph), (off_t)(eh.e_phoff + i * sizeof(ph))) != sizeof(ph))
			break;
		if (ph.p_type == PT_LOAD && pa >= ph.p_paddr && pa - ph.p_paddr < ph.p_filesz) {
			ret = (int64_t)(ph.p_offset + pa - ph.p_paddr);
			break;
		}
	}
out:
	if (fd >= 0)
		close(fd);
	return ret;
}

/* A region of the ELF dump: @len bytes at the value of expression @addr. */
static void add_region(struct base *b, struct ms_program *prog, const char *addr, uint64_t len)
{
	struct ms_value v;
	uint64_t kv;
	int64_t off;

	if (!ms_error_ok(ms_expr_eval(prog, addr, &v)))
		return;
	if (ms_error_ok(ms_expr_value_u64(prog, &v, &kv)) &&
	    (off = elf_offset(prog, b->pristine, kv)) >= 0 && b->nr_regions < 4) {
		b->regions[b->nr_regions].off = (uint64_t)off;
		b->regions[b->nr_regions].len = len;
		b->nr_regions++;
	}
	ms_expr_value_release(&v);
}

static void setup(struct base *b, const char *env, const char *name)
{
	struct stat st;

	snprintf(b->pristine, sizeof(b->pristine), "%s", fuzz_env(env));
	snprintf(b->path, sizeof(b->path), "%s/%s", fuzz_workdir(), name);
	fuzz_copy(b->pristine, b->path);
	if (stat(b->path, &st) < 0)
		exit(2);
	b->size = (uint64_t)st.st_size;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct ms_session sess;
	struct ms_error *err;

	(void)argc;
	(void)argv;
	setenv("MMSCOPE_CACHE_DIR", fuzz_workdir(), 1);
	setup(&bases[0], "MMSCOPE_FUZZ_ELF", "elf.vmcore");
	setup(&bases[1], "MMSCOPE_FUZZ_KDUMP", "kdump.vmcore");
	err = fuzz_session_open(&sess, bases[0].pristine);
	if (err) {
		fprintf(stderr, "fuzz_dump: %s\n", err->message);
		exit(2);
	}
	/* a page or two around each: the structures and their neighbours */
	add_region(&bases[0], sess.prog, "&contig_page_data", 16384);
	add_region(&bases[0], sess.prog, "contig_page_data.node_mem_map", 16384 * 64);
	add_region(&bases[0], sess.prog, "&vm_stat", 4096);
	fuzz_session_close(&sess);
	fuzz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* kmem -p walks every page: one input in two, or the fuzzer crawls */
	static const char *const cmds[] = { "kmem -f", "kmem -i", "kmem -z", "kmem -p" };
	struct base *b;
	struct fuzz_patch *p;
	struct ms_session sess;

	if (size < 1)
		return 0;
	b = &bases[data[0] & 1];
	p = fuzz_patch_apply(b->path, b->size, b->regions, b->nr_regions, data + 1, size - 1);
	if (ms_error_ok(fuzz_session_open(&sess, b->path))) {
		for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]) - !(data[0] & 2); i++)
			fuzz_run(&sess, cmds[i]);
		fuzz_session_close(&sess);
	}
	fuzz_patch_undo(p, b->path, b->pristine);
	return 0;
}
