/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_base.h - a dump the harnesses damage: a private copy of a pristine
 * dump, the file ranges (regions) the fuzzer's records aim at, and the copy
 * put back after each input (fuzz.h's records).
 */
#ifndef MS_FUZZ_BASE_H
#define MS_FUZZ_BASE_H

#include <stdint.h>

#include "core/program.h"
#include "tests/fuzz/fuzz.h"

struct ms_session;

#define FUZZ_MAX_REGIONS	4

struct fuzz_base {
	char pristine[4096], path[4096];
	uint64_t size;
	struct fuzz_region regions[FUZZ_MAX_REGIONS];
	int nr_regions;
};

/** Copy the dump named by $@p env to @p name in the work directory. */
void fuzz_base_setup(struct fuzz_base *b, const char *env, const char *name);
/**
 * What a harness's LLVMFuzzerInitialize() starts with: the DWARF index
 * cache in the work directory, @p b set up (fuzz_base_setup()) and @p sess
 * opened on its pristine dump, to aim the regions; fuzz_check() as @p who.
 * Close @p sess with fuzz_session_close().
 */
void fuzz_base_open(struct fuzz_base *b, const char *env, const char *name,
		    struct ms_session *sess, const char *who);
/**
 * Aim a region at @p len bytes of the ELF dump from kernel virtual address
 * @p kv; nothing if @p kv is not in the dump or no region is left.
 */
void fuzz_base_add_addr(struct fuzz_base *b, struct ms_program *prog, uint64_t kv, uint64_t len);
/** The same at the value of the C expression @p expr. */
void fuzz_base_add(struct fuzz_base *b, struct ms_program *prog, const char *expr, uint64_t len);
/**
 * Damage the copy by @p data, open a session on it, run @p cmds (NULL
 * ended) and put the copy back.
 */
void fuzz_base_run(struct fuzz_base *b, const uint8_t *data, size_t size, const char *const *cmds);

#endif
