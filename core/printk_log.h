/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printk_log.h - the kernel's log buffer, record by record, oldest first.
 *
 * Linux 3.5 to 5.9 keep log_buf as a ring of struct printk_log records
 * (header, text, dictionary, padding): from log_first_idx, each record's
 * len leads to the next, a zero len marks the wrap to the start of the
 * buffer, up to log_next_idx.  5.10 and later (the lockless printk
 * ringbuffer, prb) need their own walk beside this one.
 */
#ifndef MS_PRINTK_LOG_H
#define MS_PRINTK_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/program.h"

struct ms_log_record {
	uint64_t seq;
	uint64_t ts_nsec;
	int level;		/* syslog level, 0-7 */
	int facility;
	const char *text;	/* not NUL-terminated: len bytes */
	size_t len;
	const char *dict;	/* dict_len bytes */
	size_t dict_len;
};

struct ms_log {
	struct ms_log_record *records;
	size_t nr;
	char *buf;		/* a copy of log_buf the records point into */
};

/**
 * Read the whole log.
 * @param[out] ret  Free with ms_log_free().
 * @return NULL; LOOKUP for a kernel without log_buf (or with another
 * layout); FAULT; CORRUPT for a record that runs off the buffer or a ring
 * that never reaches log_next_idx.
 */
struct ms_error *ms_log_read(struct ms_program *prog, struct ms_log **ret);
void ms_log_free(struct ms_log *log);

#endif
