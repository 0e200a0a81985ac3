/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_expr.c - the two expression parsers: "p"'s C expressions
 * (core/expr.c, with the DWARF of MMSCOPE_FUZZ_DEBUGINFO and a memory
 * where a few pages read as a pattern and the rest fault) and the eval
 * command's (ms_eval() in core/cmdline.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cmdline.h"
#include "core/expr.h"
#include "core/program.h"
#include "tests/fuzz/fuzz.h"

static struct ms_program *prog;

/* Readable: the first 1 MiB of every 4 GiB, as bytes of the address. */
static struct ms_error *read_pattern(void *arg, uint64_t addr, enum ms_as as, void *buf, size_t len,
				     const char *what)
{
	unsigned char *b = buf;

	(void)arg;
	for (size_t i = 0; i < len; i++) {
		uint64_t a = addr + i;

		if ((a & 0xffffffffULL) >= (1u << 20))
			return ms_error_fault(as, a, "invalid kernel virtual address: %llx  type: \"%s\"",
					      (unsigned long long)a, what ? what : "memory");
		b[i] = (unsigned char)(a * 131 >> 3);
	}
	return NULL;
}

static int lookup(void *arg, const char *name, uint64_t *val)
{
	(void)arg;
	if (strcmp(name, "x"))
		return -1;
	*val = 0x8000000000000000ULL;
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct ms_error *err;

	(void)argc;
	(void)argv;
	setenv("MMSCOPE_CACHE_DIR", fuzz_workdir(), 1);
	err = ms_program_create(&prog);
	if (!err)
		err = ms_program_open_debuginfo(prog, fuzz_env("MMSCOPE_FUZZ_DEBUGINFO"));
	fuzz_check(err, "fuzz_expr");
	ms_program_set_reader(prog, read_pattern, NULL);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct ms_value v;
	uint64_t u;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (ms_error_ok(ms_expr_eval(prog, text, &v))) {
		ms_error_destroy(ms_expr_value_load(prog, &v));
		ms_error_destroy(ms_expr_value_u64(prog, &v, &u));
		ms_expr_value_release(&v);
	}
	ms_error_destroy(ms_eval(text, lookup, NULL, &u));
	free(text);
	return 0;
}
