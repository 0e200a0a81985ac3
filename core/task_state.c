/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * task_state.c - the kernel's TASK_* and EXIT_* bits, as the dump lays them
 * out (see task.h).
 *
 * The values are #defines, absent from the DWARF; what the dump does carry
 * is fs/proc/array.c's task_state_array, the letters /proc prints, one per
 * reported bit in bit order.  Its shape tells the two layouts apart as crash
 * tells them: since 4.14 it ends "P (parked)", "I (idle)" and TASK_PARKED is
 * 0x40, below TASK_DEAD; before, TASK_PARKED sat above TASK_WAKING.
 */
#include <string.h>

#include "core/dump.h"
#include "core/symbols.h"
#include "core/task.h"
#include "core/types.h"

#define STATE_ARRAY_MAX	16

enum { B_INT, B_UNINT, B_STOPPED, B_TRACED, B_EXIT_DEAD, B_EXIT_ZOMBIE, B_PARKED, B_DEAD,
       B_WAKEKILL, B_WAKING, B_NOLOAD, B_NEW, B_NR };

/* 3.14 to 4.13 (and refmm's 4.0) */
static const int64_t layout_old[B_NR] = {
	1, 2, 4, 8, 16, 32, 512, 64, 128, 256, 1024, 2048,
};
/* 4.14 on: TASK_PARKED joined the reported states */
static const int64_t layout_report_parked[B_NR] = {
	1, 2, 4, 8, 16, 32, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800,
};

/* Does the dump's task_state_array list "P (parked)" right after the zombies? */
static struct ms_error *parked_reported(struct ms_program *prog, bool *ret)
{
	const struct ms_symbol *sym = ms_symbol_find(prog, "task_state_array");
	const struct ms_type *t;
	uint64_t addr, len, elsize, ptr;
	char s[32];
	struct ms_error *err;

	*ret = false;
	err = ms_variable_find(prog, "task_state_array", &t, &addr);
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		return NULL;
	if (err)
		return err;
	if (!sym)	/* the DWARF's address is the unrelocated one */
		return NULL;
	addr = sym->value;
	t = ms_type_strip(t);
	if (ms_type_kind(t) != MS_TYPE_ARRAY)
		return ms_error_lookup("task_state_array", "task_state_array is not an array");
	len = ms_type_array_len(t);
	elsize = ms_type_size(ms_type_target(t));
	/* "R", then one entry per bit: 7 is the first after EXIT_ZOMBIE (32) */
	if (len < 8 || len > STATE_ARRAY_MAX || elsize != 8)
		return NULL;
	if ((err = ms_read_u64(prog, addr + 7 * elsize, &ptr, "task_state_array")) ||
	    (err = ms_read_string(prog, ptr, s, sizeof(s), "task_state_array string")))
		return err;
	*ret = s[0] == 'P';
	return NULL;
}

struct ms_error *ms_task_bits_init(struct ms_program *prog, struct ms_task_bits *ret)
{
	bool parked;
	struct ms_error *err = parked_reported(prog, &parked);

	if (err)
		return ms_error_prepend(err, "task state bits");
	memcpy(ret->value, parked ? layout_report_parked : layout_old, sizeof(ret->value));
	return NULL;
}

uint32_t ms_task_bits_decode(const struct ms_task_bits *b, int64_t state, int64_t exit_state)
{
	uint64_t known = 0, bits = (uint64_t)state | (uint64_t)exit_state;
	uint32_t st = 0;

	for (int i = 0; i < B_NR; i++) {
		known |= (uint64_t)b->value[i];
		if (bits & (uint64_t)b->value[i])
			st |= 1u << i;
	}
	if (bits & ~known)
		st |= MS_TS_UNKNOWN;
	return st;
}
