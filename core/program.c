/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * program.c - making, filling and destroying a program (see program.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/dump.h"
#include "core/field.h"
#include "core/list.h"
#include "core/mm.h"
#include "core/program.h"
#include "core/symbols.h"
#include "core/types.h"

struct ms_error *ms_program_create(struct ms_program **ret)
{
	struct ms_program *prog = calloc(1, sizeof(*prog));

	if (!prog)
		return &ms_enomem;
	*ret = prog;
	return NULL;
}

void ms_program_destroy(struct ms_program *prog)
{
	if (!prog)
		return;
	ms_mm_free(prog);
	ms_list_free(prog);
	ms_field_cache_free(prog);
	ms_types_free(prog);
	ms_symbols_free(prog);
	ms_dump_close(prog);
	free(prog->dump_path);
	free(prog->debuginfo_path);
	free(prog);
}

struct ms_error *ms_program_open_dump(struct ms_program *prog, const char *path)
{
	char *copy = strdup(path);
	struct ms_error *err;

	if (!copy)
		return &ms_enomem;
	err = ms_dump_open(prog, path);
	if (err) {
		free(copy);
		return err;
	}
	free(prog->dump_path);
	prog->dump_path = copy;
	return NULL;
}

struct ms_error *ms_program_open_debuginfo(struct ms_program *prog, const char *path)
{
	const struct ms_dump_info *info = ms_dump_info(prog);
	char *copy = strdup(path);
	struct ms_error *err;

	if (!copy)
		return &ms_enomem;
	if ((err = ms_symbols_load(prog, path))) {
		free(copy);
		return err;
	}
	ms_symbols_relocate(prog, info ? info->kernel_offset : 0);
	if ((err = ms_types_load(prog, path))) {
		ms_symbols_free(prog);
		free(copy);
		return err;
	}
	free(prog->debuginfo_path);
	prog->debuginfo_path = copy;
	return NULL;
}

void ms_program_set_reader(struct ms_program *prog, ms_program_read_fn *fn, void *arg)
{
	prog->read_fn = fn;
	prog->read_arg = arg;
}

bool ms_program_has_debuginfo(const struct ms_program *prog)
{
	return prog->debuginfo_path != NULL;
}
