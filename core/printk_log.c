/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printk.c - the struct printk_log ring of Linux 3.5-5.9 (see printk.h).
 *
 * The buffer is copied once and parsed in memory; every length is checked
 * against the buffer before it is used, and the walk stops after as many
 * records as could fit, so a damaged ring cannot run away.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/dump.h"
#include "core/field.h"
#include "core/printk_log.h"
#include "core/symbols.h"
#include "core/types.h"

#define LOG_BUF_MAX	(256u << 20)	/* more than any log_buf_len the kernel allows */

struct hdr_fields {
	const struct ms_field *ts, *len, *text_len, *dict_len, *facility, *level;
	uint64_t size;
};

static struct ms_error *global_u64(struct ms_program *prog, const char *name, uint64_t *ret)
{
	int64_t v;
	struct ms_error *err = ms_global_read_s64(prog, name, &v);

	if (!err)
		*ret = (uint64_t)v;
	return err;
}

static struct ms_error *hdr_fields(struct ms_program *prog, struct hdr_fields *h)
{
	const struct ms_type *t;
	struct ms_error *err;

	if ((err = ms_type_find(prog, "struct printk_log", &t)) ||
	    (err = ms_field_find(prog, t, "ts_nsec", &h->ts)) ||
	    (err = ms_field_find(prog, t, "len", &h->len)) ||
	    (err = ms_field_find(prog, t, "text_len", &h->text_len)) ||
	    (err = ms_field_find(prog, t, "dict_len", &h->dict_len)) ||
	    (err = ms_field_find(prog, t, "facility", &h->facility)) ||
	    (err = ms_field_find(prog, t, "level", &h->level)))
		return err;
	h->size = ms_type_size(t);
	return NULL;
}

struct ms_error *ms_log_read(struct ms_program *prog, struct ms_log **ret)
{
	struct hdr_fields h;
	uint64_t buf_addr, buf_len, first_idx, next_idx, first_seq, idx;
	struct ms_log *log;
	struct ms_error *err;
	size_t cap = 0, wrapped = 0;
	uint64_t next_seq, nr_records;

	if ((err = hdr_fields(prog, &h)) ||
	    (err = global_u64(prog, "log_buf", &buf_addr)) ||
	    (err = global_u64(prog, "log_buf_len", &buf_len)) ||
	    (err = global_u64(prog, "log_first_idx", &first_idx)) ||
	    (err = global_u64(prog, "log_next_idx", &next_idx)) ||
	    (err = global_u64(prog, "log_first_seq", &first_seq)) ||
	    (err = global_u64(prog, "log_next_seq", &next_seq)))
		return err;
	buf_len &= 0xffffffff;
	first_idx &= 0xffffffff;
	next_idx &= 0xffffffff;
	if (!buf_len || buf_len > LOG_BUF_MAX || first_idx >= buf_len || next_idx >= buf_len)
		return ms_error_corrupt(buf_addr, "log_buf: length %" PRIu64 ", first_idx %" PRIu64
					", next_idx %" PRIu64 " do not fit", buf_len, first_idx, next_idx);
	if (!(log = calloc(1, sizeof(*log))))
		return &ms_enomem;
	if (!(log->buf = malloc(buf_len))) {
		free(log);
		return &ms_enomem;
	}
	if ((err = ms_readmem(prog, buf_addr, MS_KVADDR, log->buf, buf_len, "log_buf"))) {
		ms_log_free(log);
		return err;
	}
	/* the sequence numbers count the records: first_idx == next_idx is empty or full */
	if (next_seq < first_seq || next_seq - first_seq > buf_len / h.size) {
		ms_log_free(log);
		return ms_error_corrupt(buf_addr, "log_buf: log_first_seq %" PRIu64 ", log_next_seq %"
					PRIu64 " do not fit", first_seq, next_seq);
	}
	nr_records = next_seq - first_seq;
	idx = first_idx;
	while (log->nr < nr_records) {
		const char *p = log->buf + idx;
		struct ms_log_record *r;
		uint64_t len;

		if (h.size > buf_len - idx)
			goto bad;
		len = ms_field_get_u64(h.len, p);
		if (!len) {	/* the wrap marker: the next record is at the start */
			if (wrapped++ || idx == 0)
				goto bad;
			idx = 0;
			continue;
		}
		if (len < h.size || len > buf_len - idx)
			goto bad;
		if (!ms_array_grow(&log->records, &cap, log->nr + 1, 256)) {
			ms_log_free(log);
			return &ms_enomem;
		}
		r = &log->records[log->nr];
		r->seq = first_seq + log->nr;
		r->ts_nsec = ms_field_get_u64(h.ts, p);
		r->len = ms_field_get_u64(h.text_len, p);
		r->dict_len = ms_field_get_u64(h.dict_len, p);
		r->facility = (int)ms_field_get_u64(h.facility, p);
		r->level = (int)ms_field_get_u64(h.level, p);
		if (h.size + r->len + r->dict_len > len)
			goto bad;
		r->text = p + h.size;
		r->dict = p + h.size + r->len;
		log->nr++;
		idx += len;
		if (idx == buf_len)
			idx = 0;
	}
	if (idx != next_idx)
		goto bad;
	*ret = log;
	return NULL;
bad:
	ms_log_free(log);
	return ms_error_corrupt(buf_addr + idx, "log_buf: bad record at index %" PRIu64, idx);
}

void ms_log_free(struct ms_log *log)
{
	if (!log)
		return;
	free(log->records);
	free(log->buf);
	free(log);
}
