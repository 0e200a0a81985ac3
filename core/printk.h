/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printk.h - the kernel's log records, read from the dump.
 *
 * One walk over the records in the order the kernel wrote them, whatever
 * the buffer: each variant is one reader chosen by what the debuginfo has.
 * Two variants: the lockless ring buffer of Linux 5.10 and later (the
 * symbol prb, struct printk_ringbuffer: a descriptor ring, an info array
 * and a text data ring), else the struct printk_log ring of log_buf of
 * 3.5-5.9, which refmm's printk keeps (core/printk_log.h).  A kernel with
 * neither gets a LOOKUP that says so.  Layouts come from DWARF member
 * names, never from offsets.
 */
#ifndef MS_PRINTK_H
#define MS_PRINTK_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/program.h"

/** One log record; the strings are valid during the callback only. */
struct ms_printk_record {
	uint64_t seq;			/* printk_info.seq */
	uint64_t ts_nsec;		/* local_clock() at the printk */
	uint32_t caller_id;		/* 0x80000000 | cpu, or a pid */
	int level;			/* 0-7, -1 when the kernel has no level member */
	const char *text;		/* NULL for a data-less record (no text at all) */
	size_t text_len;
	const char *subsystem;		/* dev_printk_info.subsystem, "" when none */
	const char *device;		/* dev_printk_info.device, "" when none */
};

/**
 * Call @p fn for every finalized (or committed) record of the dump's log,
 * oldest first.  @p fn returns NULL to go on, &ms_stop to stop, or an error.
 * @return NULL; LOOKUP when the kernel has no log buffer this code reads;
 * a FAULT; CORRUPT when the ring's geometry is impossible; @p fn's error.
 */
struct ms_error *ms_printk_walk(struct ms_program *prog,
				struct ms_error *(*fn)(const struct ms_printk_record *rec, void *arg),
				void *arg);

#endif
