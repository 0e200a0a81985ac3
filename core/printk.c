/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printk.c - the kernel's log records (see printk.h).
 *
 * The lockless ring buffer (kernel/printk/printk_ringbuffer.h, Linux 5.10
 * and later) keeps three arrays: descriptors, each a state word and the
 * logical positions of its text block; infos, each a record's sequence
 * number, time stamp, length, level, caller and device; and the text data
 * ring, where a block is the descriptor id (one word) followed by the text.
 * Descriptor ids run from tail_id to head_id; an id's slot is id modulo the
 * ring's count.  A slot holds the record of that id only when its state word
 * carries the id (an older record may sit there still), and only a
 * committed or finalized record is complete.  A text block that would cross
 * the end of the ring starts again at its beginning; its begin position then
 * lies one wrap behind its end.
 *
 * The whole buffer is read once per walk: the descriptors and infos are
 * small (count * (24 + 88) bytes), the text ring is the log's size.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dump.h"
#include "core/error.h"
#include "core/field.h"
#include "core/printk.h"
#include "core/printk_log.h"
#include "core/symbols.h"
#include "core/types.h"

/* The limits of a ring this code believes: 16M records, 1 GiB of text. */
#define MAX_COUNT_BITS	24
#define MAX_SIZE_BITS	30

struct prb {
	uint64_t count;			/* descriptors: 1 << count_bits */
	uint64_t size;			/* text data ring: 1 << size_bits */
	unsigned char *descs, *infos, *data;
	uint64_t desc_size, info_size;
	uint64_t head_id, tail_id;
	unsigned sv_bits;		/* bits of the state word (unsigned long) */
	int64_t committed, finalized;	/* enum desc_state */
	/* prb_desc */
	const struct ms_field *state_var, *lpos_begin, *lpos_next;
	/* printk_info */
	const struct ms_field *seq, *ts_nsec, *text_len, *caller_id, *level;
	const struct ms_field *subsystem, *device;	/* NULL without dev_info */
};

static void prb_release(struct prb *r)
{
	free(r->descs);
	free(r->infos);
	free(r->data);
}

/* An enumerator of enum desc_state, or the kernel's value where DWARF lacks it. */
static int64_t desc_state(struct ms_program *prog, const char *name, int64_t fallback)
{
	int64_t v;
	struct ms_error *err = ms_enum_value(prog, name, &v);

	if (err) {
		ms_error_destroy(err);
		return fallback;
	}
	return v;
}

/* Read @len bytes at the kernel pointer held in member @path of the ring. */
static struct ms_error *read_array(struct ms_program *prog, const struct ms_type *rb, uint64_t addr,
				   const char *path, uint64_t len, unsigned char **ret)
{
	uint64_t ptr;
	struct ms_error *err = ms_member_read_u64(prog, rb, addr, path, &ptr);

	if (err)
		return err;
	*ret = malloc(len ? len : 1);
	if (!*ret)
		return &ms_enomem;
	return ms_readmem(prog, ptr, MS_KVADDR, *ret, len, path);
}

static struct ms_error *prb_open(struct ms_program *prog, struct prb *r)
{
	const struct ms_symbol *sym = ms_symbol_find(prog, "prb");
	const struct ms_type *rb, *desc, *info;
	uint64_t addr, v;
	struct ms_error *err;

	memset(r, 0, sizeof(*r));
	if (!sym)
		return ms_error_lookup("prb", "the kernel has no printk ring buffer (prb): "
				       "its log is not one this version reads");
	if ((err = ms_type_find(prog, "struct printk_ringbuffer", &rb)) ||
	    (err = ms_type_find(prog, "struct prb_desc", &desc)) ||
	    (err = ms_type_find(prog, "struct printk_info", &info)))
		return err;
	r->desc_size = ms_type_size(desc);
	r->info_size = ms_type_size(info);
	if ((err = ms_field_find(prog, desc, "state_var.counter", &r->state_var)) ||
	    (err = ms_field_find(prog, desc, "text_blk_lpos.begin", &r->lpos_begin)) ||
	    (err = ms_field_find(prog, desc, "text_blk_lpos.next", &r->lpos_next)) ||
	    (err = ms_field_find(prog, info, "seq", &r->seq)) ||
	    (err = ms_field_find(prog, info, "ts_nsec", &r->ts_nsec)) ||
	    (err = ms_field_find(prog, info, "text_len", &r->text_len)) ||
	    (err = ms_field_find(prog, info, "caller_id", &r->caller_id)))
		return err;
	r->level = ms_field_find_opt(prog, info, "level", &err);
	r->subsystem = ms_field_find_opt(prog, info, "dev_info.subsystem", &err);
	r->device = ms_field_find_opt(prog, info, "dev_info.device", &err);
	if (err)
		return err;
	r->sv_bits = (unsigned)r->state_var->size * 8;
	if (r->sv_bits < 8 || r->sv_bits > 64)
		return ms_error_lookup("prb_desc.state_var", "prb_desc.state_var is %u bits", r->sv_bits);
	r->committed = desc_state(prog, "desc_committed", 1);
	r->finalized = desc_state(prog, "desc_finalized", 2);

	/* prb is a pointer (to printk_rb_static, or to the buffer log_buf_len= made) */
	if ((err = ms_read_u64(prog, sym->value, &addr, "prb")))
		return err;
	if ((err = ms_member_read_u64(prog, rb, addr, "desc_ring.count_bits", &v)))
		return err;
	if (v > MAX_COUNT_BITS)
		return ms_error_corrupt(addr, "printk ring buffer at %" PRIx64 ": count_bits %" PRIu64
					" is too large", addr, v);
	r->count = 1ull << v;
	if ((err = ms_member_read_u64(prog, rb, addr, "text_data_ring.size_bits", &v)))
		return err;
	if (v > MAX_SIZE_BITS || v < 3)
		return ms_error_corrupt(addr, "printk ring buffer at %" PRIx64 ": size_bits %" PRIu64
					" is not possible", addr, v);
	r->size = 1ull << v;
	if ((err = ms_member_read_u64(prog, rb, addr, "desc_ring.head_id.counter", &r->head_id)) ||
	    (err = ms_member_read_u64(prog, rb, addr, "desc_ring.tail_id.counter", &r->tail_id)) ||
	    (err = read_array(prog, rb, addr, "desc_ring.descs", r->count * r->desc_size, &r->descs)) ||
	    (err = read_array(prog, rb, addr, "desc_ring.infos", r->count * r->info_size, &r->infos)) ||
	    (err = read_array(prog, rb, addr, "text_data_ring.data", r->size, &r->data)))
		return err;
	return NULL;
}

/* A fixed char array member as a string ("" without the member). */
static void copy_string(const struct ms_field *f, const unsigned char *info, char *buf, size_t bufsz)
{
	size_t n = 0;

	if (f) {
		n = f->size < bufsz - 1 ? f->size : bufsz - 1;
		memcpy(buf, info + f->offset, n);
		n = strnlen(buf, n);
	}
	buf[n] = '\0';
}

/*
 * The record of descriptor @id, or false when its slot holds no complete
 * record of that id.
 */
static bool prb_record(const struct prb *r, uint64_t id, struct ms_printk_record *rec,
		       char *subsystem, size_t subsz, char *device, size_t devsz)
{
	const unsigned char *desc = r->descs + (id % r->count) * r->desc_size;
	const unsigned char *info = r->infos + (id % r->count) * r->info_size;
	unsigned shift = r->sv_bits - 2;
	uint64_t id_mask = (shift < 64 ? (1ull << shift) : 0) - 1;
	uint64_t sv = ms_field_get_u64(r->state_var, desc);
	int64_t state = (int64_t)((sv >> shift) & 3);
	uint64_t begin, next, len;

	if ((sv & id_mask) != (id & id_mask) || (state != r->committed && state != r->finalized))
		return false;
	rec->seq = ms_field_get_u64(r->seq, info);
	rec->ts_nsec = ms_field_get_u64(r->ts_nsec, info);
	rec->caller_id = (uint32_t)ms_field_get_u64(r->caller_id, info);
	rec->level = r->level ? (int)ms_field_get_u64(r->level, info) : -1;
	copy_string(r->subsystem, info, subsystem, subsz);
	copy_string(r->device, info, device, devsz);
	rec->subsystem = subsystem;
	rec->device = device;
	rec->text = NULL;
	rec->text_len = 0;

	/*
	 * The text block.  A data-less record (an empty line, or a failed
	 * reservation) has odd positions, equal modulo the ring; a block that
	 * wrapped starts at the ring's beginning.
	 */
	begin = ms_field_get_u64(r->lpos_begin, desc) % r->size;
	next = ms_field_get_u64(r->lpos_next, desc) % r->size;
	if (begin == next)
		return true;
	if (begin > next)
		begin = 0;
	begin += 8;			/* the block starts with its descriptor id */
	if (begin > next)
		return true;		/* no room even for the id: nothing to show */
	len = ms_field_get_u64(r->text_len, info);
	if (len > next - begin)
		len = next - begin;	/* a truncated record */
	rec->text = (const char *)r->data + begin;
	rec->text_len = len;
	return true;
}

static struct ms_error *prb_walk(struct ms_program *prog,
				 struct ms_error *(*fn)(const struct ms_printk_record *rec, void *arg),
				 void *arg)
{
	struct prb r;
	uint64_t id, id_mask, n;
	struct ms_error *err = prb_open(prog, &r);

	if (err) {
		prb_release(&r);
		return err;
	}
	id_mask = (1ull << (r.sv_bits - 2)) - 1;
	/* tail to head, the head included; never more than the ring holds */
	for (id = r.tail_id & id_mask, n = 0; n <= r.count; id = (id + 1) & id_mask, n++) {
		struct ms_printk_record rec;
		char subsystem[64], device[64];

		if (prb_record(&r, id, &rec, subsystem, sizeof(subsystem), device, sizeof(device))) {
			err = fn(&rec, arg);
			if (err == &ms_stop) {
				err = NULL;
				break;
			}
			if (err)
				break;
		}
		if (id == (r.head_id & id_mask))
			break;
	}
	if (!err && n > r.count)
		err = ms_error_corrupt(r.tail_id, "printk ring buffer: head id %" PRIu64 " is more than %"
				       PRIu64 " records after tail id %" PRIu64, r.head_id, r.count,
				       r.tail_id);
	prb_release(&r);
	return err;
}

/*
 * The struct printk_log ring of 3.5-5.9 (core/printk_log.h), record by record
 * as the ring buffer's: no caller id (CONFIG_PRINTK_CALLER came with 5.1 and
 * crash does not show it there), the dictionary's SUBSYSTEM= and DEVICE=.
 */
static void dict_value(const char *dict, size_t len, const char *key, char *out, size_t size)
{
	size_t klen = strlen(key);

	out[0] = '\0';
	for (size_t i = 0; i < len;) {
		const char *e = memchr(dict + i, '\0', len - i);
		size_t n = e ? (size_t)(e - (dict + i)) : len - i;

		if (n > klen && !memcmp(dict + i, key, klen)) {
			snprintf(out, size, "%.*s", (int)(n - klen), dict + i + klen);
			return;
		}
		i += n + 1;
	}
}

static struct ms_error *log_buf_walk(struct ms_program *prog,
				     struct ms_error *(*fn)(const struct ms_printk_record *rec, void *arg),
				     void *arg)
{
	struct ms_log *log;
	struct ms_error *err = ms_log_read(prog, &log);

	if (err)
		return err;
	for (size_t i = 0; i < log->nr; i++) {
		const struct ms_log_record *lr = &log->records[i];
		char subsystem[64], device[64];
		struct ms_printk_record rec = {
			.seq = lr->seq, .ts_nsec = lr->ts_nsec, .level = lr->level,
			.text = lr->text ? lr->text : "", .text_len = lr->len,
			.subsystem = subsystem, .device = device,
		};

		dict_value(lr->dict, lr->dict_len, "SUBSYSTEM=", subsystem, sizeof(subsystem));
		dict_value(lr->dict, lr->dict_len, "DEVICE=", device, sizeof(device));
		err = fn(&rec, arg);
		if (err == &ms_stop) {
			err = NULL;
			break;
		}
		if (err)
			break;
	}
	ms_log_free(log);
	return err;
}

struct ms_error *ms_printk_walk(struct ms_program *prog,
				struct ms_error *(*fn)(const struct ms_printk_record *rec, void *arg),
				void *arg)
{
	/* the lockless ring buffer of 5.10 and later, else the printk_log ring */
	if (ms_symbol_find(prog, "prb"))
		return prb_walk(prog, fn, arg);
	return log_buf_walk(prog, fn, arg);
}
