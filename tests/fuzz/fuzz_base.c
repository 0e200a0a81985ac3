/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_base.c - see fuzz_base.h. */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/expr.h"
#include "core/dump.h"
#include "tests/fuzz/fuzz_base.h"
#include "tests/fuzz/fuzz_session.h"

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

void fuzz_base_setup(struct fuzz_base *b, const char *env, const char *name)
{
	struct stat st;

	snprintf(b->pristine, sizeof(b->pristine), "%s", fuzz_env(env));
	snprintf(b->path, sizeof(b->path), "%s/%s", fuzz_workdir(), name);
	fuzz_copy(b->pristine, b->path);
	if (stat(b->path, &st) < 0)
		exit(2);
	b->size = (uint64_t)st.st_size;
}

void fuzz_base_open(struct fuzz_base *b, const char *env, const char *name,
		    struct ms_session *sess, const char *who)
{
	setenv("MMSCOPE_CACHE_DIR", fuzz_workdir(), 1);
	fuzz_base_setup(b, env, name);
	fuzz_check(fuzz_session_open(sess, b->pristine), who);
}

void fuzz_base_add_addr(struct fuzz_base *b, struct ms_program *prog, uint64_t kv, uint64_t len)
{
	int64_t off;

	if (b->nr_regions == FUZZ_MAX_REGIONS || !kv)
		return;
	off = elf_offset(prog, b->pristine, kv);
	if (off < 0)
		return;
	b->regions[b->nr_regions].off = (uint64_t)off;
	b->regions[b->nr_regions].len = len;
	b->nr_regions++;
}

void fuzz_base_add(struct fuzz_base *b, struct ms_program *prog, const char *expr, uint64_t len)
{
	struct ms_value v;
	uint64_t kv;

	if (!ms_error_ok(ms_expr_eval(prog, expr, &v)))
		return;
	if (ms_error_ok(ms_expr_value_u64(prog, &v, &kv)))
		fuzz_base_add_addr(b, prog, kv, len);
	ms_expr_value_release(&v);
}

void fuzz_base_run(struct fuzz_base *b, const uint8_t *data, size_t size, const char *const *cmds)
{
	struct fuzz_patch *p = fuzz_patch_apply(b->path, b->size, b->regions, b->nr_regions, data, size);
	struct ms_session sess;

	if (ms_error_ok(fuzz_session_open(&sess, b->path))) {
		for (size_t i = 0; cmds[i]; i++)
			fuzz_run(&sess, cmds[i]);
		fuzz_session_close(&sess);
	}
	fuzz_patch_undo(p, b->path, b->pristine);
}
