/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz.h - what the libFuzzer harnesses under tests/fuzz/ share.
 *
 * Each harness defines LLVMFuzzerTestOneInput() (and may define
 * LLVMFuzzerInitialize()).  Built with clang -fsanitize=fuzzer it is a
 * fuzzer ("make fuzz"); built with tests/fuzz/replay.c instead it runs the
 * inputs given on its command line once each, which is how "make check"
 * replays the seed corpus and every input that once found a bug
 * (fixtures/fuzz/NAME/).
 *
 * The harnesses that need files find them through the environment:
 *   MMSCOPE_FUZZ_DEBUGINFO  the mmscope executable that wrote the dumps
 *   MMSCOPE_FUZZ_ELF        a small ELF dump it wrote (scenario tiny)
 *   MMSCOPE_FUZZ_KDUMP      the same as a compressed kdump
 *   MMSCOPE_FUZZ_PROCS      a small ELF dump with two processes
 * and work in a private directory under $TMPDIR (removed at exit).
 */
#ifndef MS_FUZZ_H
#define MS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/** $@p name, or exit with a message saying what to set. */
const char *fuzz_env(const char *name);
/** A private directory for this process's files, made on first use. */
const char *fuzz_workdir(void);
/** Copy @p from to @p to (a regular file); exit on failure. */
void fuzz_copy(const char *from, const char *to);
/** Send stdout to /dev/null: the commands' output is not what is tested. */
void fuzz_quiet(void);

struct ms_error;
/**
 * A harness's setup failed: exit with "@p who: " and @p err's message.
 * Nothing when @p err is NULL.
 */
void fuzz_check(struct ms_error *err, const char *who);

/*
 * Damage to a file, read from the fuzzer's bytes: records of
 *   u8 kind, u32 offset (little-endian), u8 len, len bytes
 * kind 0: offset taken modulo the first 64 KiB (headers);
 * kind 1: modulo the whole file;
 * kind 2..5: modulo region[kind - 2] (file ranges the harness chose);
 * kind 6: truncate the file at offset (modulo its size), once.
 * fuzz_patch_apply() writes them, remembering what was there;
 * fuzz_patch_undo() puts the file back as it was.
 */
struct fuzz_region {
	uint64_t off, len;
};

struct fuzz_patch;

struct fuzz_patch *fuzz_patch_apply(const char *path, uint64_t size, const struct fuzz_region *regions,
				    int nr_regions, const uint8_t *data, size_t len);
void fuzz_patch_undo(struct fuzz_patch *p, const char *path, const char *pristine);

#endif
