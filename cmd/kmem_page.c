/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kmem_page.c - kmem's page-struct displays: -p (every page, or the pages
 * of the given addresses), -m member[,member] (named struct page members)
 * and -g [flags] (the dump's enum pageflags).  mem_map is read through
 * core/mm in 1 MiB chunks; rows are formatted by hand because -p prints a
 * million of them on a 4 GiB dump.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/kmem.h"
#include "core/command.h"
#include "core/dump.h"
#include "core/error.h"
#include "core/field.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"
#include "core/types.h"

#define VADDR_PRLEN 16

/* ---------------------------------------------------------------------- */
/* kmem -p                                                                */

struct prow_ctx {
	const struct ms_mm *mm;
	int paddr_w;
	char *buf;
	size_t len, cap;
	/* a small cache of flag-name strings: flags repeat page after page */
	uint64_t cache_key[256];
	char *cache_val[256];
	bool json;
	struct ms_session *sess;	/* JSON: rows go through the output layer */
	struct ms_record *row;		/* reused from row to row */
};

/*
 * kmem -p prints a row per page of RAM, 4M rows for 16 GiB: the row is
 * built by hand (put_count(), ms_put_hex()), not by printf, which took a
 * quarter of the command's time.
 */

/* " %2d " */
static char *put_count(char *p, int v)
{
	char tmp[12];
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	int n = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[n++] = '-';
	*p++ = ' ';
	if (n < 2)
		*p++ = ' ';
	while (n)
		*p++ = tmp[--n];
	*p++ = ' ';
	return p;
}

static const char *cached_names(struct prow_ctx *c, uint64_t flags)
{
	unsigned h = (unsigned)((flags * 0x9e3779b97f4a7c15ull) >> 56);
	char buf[1024];

	if (c->cache_val[h] && c->cache_key[h] == flags)
		return c->cache_val[h];
	ms_mm_flags_names(c->mm, flags, buf, sizeof(buf));
	free(c->cache_val[h]);
	c->cache_val[h] = strdup(buf);
	c->cache_key[h] = flags;
	return c->cache_val[h] ? c->cache_val[h] : "";
}

static void prow_flush(struct prow_ctx *c)
{
	if (c->len)
		fwrite(c->buf, 1, c->len, ms_fp);
	c->len = 0;
}

static void print_page_header(int paddr_w)
{
	char b1[32], b2[32], b3[32], b4[32];

	fprintf(ms_fp, "%s %s %s %sCNT FLAGS\n",
		ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, "PAGE"),
		ms_mkstring(b2, sizeof(b2), paddr_w, MS_RJUST, "PHYSICAL"),
		ms_mkstring(b3, sizeof(b3), VADDR_PRLEN, MS_CENTER_RIGHT, "MAPPING"),
		ms_mkstring(b4, sizeof(b4), 8, MS_CENTER_RIGHT, "INDEX"));
}

/* kmem -p's record of a page; @p names its flag names, comma-separated */
static void page_json(struct ms_record *o, const struct ms_mm *mm, const struct ms_mm_page *pg,
		      const char *names)
{
	struct ms_record *fl;
	const char *s, *e;

	ms_record_add_addr(o, "page", pg->addr);
	ms_record_add_u64(o, "pfn", pg->pfn);
	ms_record_add_addr(o, "physical", ms_mm_pfn_to_phys(mm, pg->pfn));
	ms_record_add_addr(o, "mapping", pg->mapping);
	ms_record_add_u64(o, "index", pg->index);
	ms_record_add_s64(o, "count", pg->count);
	ms_record_add_s64(o, "mapcount", pg->mapcount);
	ms_record_add_addr(o, "private", pg->private_);
	ms_record_add_addr(o, "flags", pg->flags);
	fl = ms_record_add_list(o, "flag_names");
	for (s = names; *s; s = *e ? e + 1 : e) {
		char name[64];

		e = strchr(s, ',');
		if (!e)
			e = s + strlen(s);
		snprintf(name, sizeof(name), "%.*s", (int)(e - s), s);
		ms_record_append_str(fl, name);
	}
}

static struct ms_error *page_row(const struct ms_mm_page *pg, void *arg)
{
	struct prow_ctx *c = arg;
	const char *names = cached_names(c, pg->flags);
	size_t need = 128 + strlen(names);
	char *p;

	if (c->json) {
		ms_record_reset(c->row);
		page_json(c->row, c->mm, pg, names);
		ms_emit_row(c->sess, c->row, NULL, NULL);
		return ms_interrupted() ? &ms_interrupted_error : NULL;
	}
	if (c->len + need > c->cap) {
		prow_flush(c);
		if (need > c->cap)
			return ms_error_create(MS_ERR_OTHER, "page flag names too long");
	}
	p = c->buf + c->len;
	/* %-16lx %*llx %16lx %8lx %2d <flags> <names> */
	p = ms_put_hex_w(p, pg->addr, VADDR_PRLEN, true);
	*p++ = ' ';
	p = ms_put_hex_w(p, ms_mm_pfn_to_phys(c->mm, pg->pfn), c->paddr_w, false);
	*p++ = ' ';
	p = ms_put_hex_w(p, pg->mapping, VADDR_PRLEN, false);
	*p++ = ' ';
	p = ms_put_hex_w(p, pg->index, 8, false);
	p = put_count(p, (int)pg->count);
	p = ms_put_hex(p, pg->flags);
	if (*names) {
		*p++ = ' ';
		memcpy(p, names, strlen(names));
		p += strlen(names);
	}
	*p++ = '\n';
	c->len = (size_t)(p - c->buf);
	return ms_interrupted() ? &ms_interrupted_error : NULL;
}

static struct ms_error *prow_init(struct ms_session *sess, struct prow_ctx *c, bool json)
{
	const struct ms_mm *mm;
	int w;
	struct ms_error *err = ms_mm(sess->prog, MS_MM_ZONES | MS_MM_PAGES, &mm);

	memset(c, 0, sizeof(*c));
	if (err)
		return err;
	c->mm = mm;
	c->json = json;
	c->sess = sess;
	c->row = ms_record_create();
	w = ms_mm_hex_digits(mm->max_pfn << mm->page_shift);
	c->paddr_w = w > 8 ? w : 8;
	c->cap = 1 << 20;
	c->buf = malloc(c->cap);
	return c->buf ? NULL : &ms_enomem;
}

static void prow_done(struct prow_ctx *c)
{
	int i;

	prow_flush(c);
	ms_record_destroy(c->row);
	free(c->buf);
	for (i = 0; i < 256; i++)
		free(c->cache_val[i]);
}

int kmem_pages(struct ms_session *sess, struct ms_mm_addr *addrs, int naddrs, bool json)
{
	struct ms_program *prog = sess->prog;
	struct prow_ctx c;
	uint64_t unreadable = 0;
	int i;
	struct ms_error *err = prow_init(sess, &c, json);

	if (err) {
		prow_done(&c);
		return ms_cmd_fail(sess, err);
	}
	if (!json)
		print_page_header(c.paddr_w);
	if (!naddrs) {
		err = ms_mm_pages_walk(prog, 0, c.mm->max_pfn, page_row, &c, &unreadable);
	} else {
		for (i = 0; i < naddrs && !err; i++) {
			struct ms_mm_page pg;
			struct ms_error *rerr;

			if (addrs[i].kind == MS_MM_ADDR_NONE)
				continue;
			if ((rerr = ms_mm_page_read(prog, addrs[i].page, &pg))) {
				prow_flush(&c);
				ms_cmd_fail(sess, rerr);
				continue;
			}
			pg.pfn = addrs[i].pfn;
			err = page_row(&pg, &c);
		}
	}
	prow_flush(&c);
	prow_done(&c);
	if (err)
		return ms_cmd_fail(sess, err);
	if (unreadable)
		ms_cmd_error(sess, "%" PRIu64 " page structs could not be read", unreadable);
	return 0;
}

/*
 * kmem ADDR's page, as data: kmem -p's record of the page of @p ka in
 * @p out.  A page struct that cannot be read is said as an error; -1.
 */
int kmem_page_record(struct ms_session *sess, const struct ms_mm_addr *ka, struct ms_record *out)
{
	const struct ms_mm *mm;
	struct ms_mm_page pg;
	char names[1024];
	struct ms_error *err = ms_mm(sess->prog, MS_MM_ZONES | MS_MM_PAGES, &mm);

	if (!err)
		err = ms_mm_page_read(sess->prog, ka->page, &pg);
	if (err)
		return ms_cmd_fail(sess, err);
	pg.pfn = ka->pfn;
	ms_mm_flags_names(mm, pg.flags, names, sizeof(names));
	page_json(out, mm, &pg, names);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* kmem -m member[,member]                                                */

enum mcol_kind { MCOL_HEX, MCOL_PTR, MCOL_DEC, MCOL_RADIX, MCOL_LIST, MCOL_BYTES };

struct mcol {
	const char *name;
	const struct ms_field *f;	/* the member (MCOL_DEC: its counter) */
	const struct ms_field *next, *prev;	/* MCOL_LIST */
	enum mcol_kind kind;
};

struct mrow_ctx {
	int radix;
	struct mcol *cols;
	int ncols;
	const unsigned char *raw;
};

/* The member's bits as they are, without sign extension. */
static uint64_t mcol_bits(const struct ms_field *f, const unsigned char *raw)
{
	uint64_t v = ms_field_get_u64(f, raw);
	unsigned bits = f->bit_size ? f->bit_size : (unsigned)f->size * 8;

	return bits && bits < 64 ? v & ((1ull << bits) - 1) : v;
}

/* The member's bits, sign-extended from its width. */
static int64_t mcol_signed(const struct ms_field *f, const unsigned char *raw)
{
	uint64_t v = mcol_bits(f, raw);
	unsigned bits = f->bit_size ? f->bit_size : (unsigned)f->size * 8;

	if (bits && bits < 64 && (v >> (bits - 1)) & 1)
		v |= ~0ull << bits;
	return (int64_t)v;
}

/* Resolve "lru", "flags", "_count", "lru.next" ... in struct page, by DWARF. */
static struct ms_error *mcol_resolve(struct ms_program *prog, const struct ms_type *page_t,
				     const char *name, struct mcol *c)
{
	const struct ms_type *t;
	char path[256];
	struct ms_error *err;

	memset(c, 0, sizeof(*c));
	c->name = name;
	err = ms_field_find(prog, page_t, name, &c->f);
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		return ms_error_lookup(name, "invalid data structure reference: page.%s", name);
	if (err)
		return err;
	t = ms_type_strip(c->f->type);
	if (t && (ms_type_kind(t) == MS_TYPE_STRUCT || ms_type_kind(t) == MS_TYPE_UNION)) {
		/* a list_head: next,prev; an atomic_t: its counter; else bytes */
		snprintf(path, sizeof(path), "%s.next", name);
		err = ms_field_find(prog, page_t, path, &c->next);
		if (!err) {
			snprintf(path, sizeof(path), "%s.prev", name);
			err = ms_field_find(prog, page_t, path, &c->prev);
		}
		if (!err) {
			c->kind = MCOL_LIST;
			return NULL;
		}
		if (!ms_error_catch(&err, MS_ERR_LOOKUP))
			return err;
		snprintf(path, sizeof(path), "%s.counter", name);
		err = ms_field_find(prog, page_t, path, &c->f);
		if (!err) {
			c->kind = MCOL_DEC;
			return NULL;
		}
		if (!ms_error_catch(&err, MS_ERR_LOOKUP))
			return err;
		err = ms_field_find(prog, page_t, name, &c->f);
		c->kind = MCOL_BYTES;
		return err;
	}
	/* crash: flags in hex, _count and _mapcount in decimal, the rest in the radix */
	if (t && ms_type_kind(t) == MS_TYPE_POINTER)
		c->kind = MCOL_PTR;
	else if (!strcmp(name, "flags"))
		c->kind = MCOL_HEX;
	else if (!strncmp(name, "_count", 6) || !strncmp(name, "_mapcount", 9))
		c->kind = MCOL_DEC;
	else
		c->kind = MCOL_RADIX;
	return NULL;
}

static struct ms_error *mrow(const void *rawv, uint64_t addr, uint64_t pfn, void *arg)
{
	struct mrow_ctx *c = arg;
	const unsigned char *raw = rawv;
	int i, k;

	(void)pfn;
	/* crash's show_page_member_data(): "%lx  ", then each member and two spaces */
	fprintf(ms_fp, "%" PRIx64 "  ", addr);
	for (i = 0; i < c->ncols; i++) {
		const struct mcol *col = &c->cols[i];
		int w = col->kind == MCOL_LIST || col->kind == MCOL_BYTES ? 0 : 2 * (int)col->f->size;

		switch (col->kind) {
		case MCOL_LIST:
			fprintf(ms_fp, "%016" PRIx64 ",%016" PRIx64, mcol_bits(col->next, raw),
				mcol_bits(col->prev, raw));
			break;
		case MCOL_PTR:
			fprintf(ms_fp, "%016" PRIx64, mcol_bits(col->f, raw));
			break;
		case MCOL_HEX:	/* flags: hex, zero-padded to the member's size */
			fprintf(ms_fp, "%0*" PRIx64, w, mcol_bits(col->f, raw));
			break;
		case MCOL_DEC:
			/* an atomic counter: signed, whatever its type says */
			fprintf(ms_fp, "%" PRId64, mcol_signed(col->f, raw));
			break;
		case MCOL_RADIX:
			if (c->radix == 16)
				fprintf(ms_fp, "%0*" PRIx64, w, mcol_bits(col->f, raw));
			else if (col->f->is_signed)
				fprintf(ms_fp, "%" PRId64, ms_field_get_s64(col->f, raw));
			else
				fprintf(ms_fp, "%" PRIu64, ms_field_get_u64(col->f, raw));
			break;
		case MCOL_BYTES:
			for (k = 0; k < (int)col->f->size && k < 32; k++)
				fprintf(ms_fp, "%02x", raw[col->f->offset + (uint64_t)k]);
			break;
		}
		fprintf(ms_fp, "  ");
	}
	fprintf(ms_fp, "\n");
	return ms_interrupted() ? &ms_interrupted_error : NULL;
}

struct mwalk_ctx {
	struct mrow_ctx *rc;
	const struct ms_mm *mm;
	unsigned char *raw;
};

/* One page given by address (kmem -m ADDR). */
static int mrow_page(struct ms_session *sess, uint64_t addr, uint64_t pfn, struct mwalk_ctx *w)
{
	struct ms_error *err = ms_readmem(sess->prog, addr, MS_KVADDR, w->raw, w->mm->page_struct_size,
					  "page struct");

	if (!err)
		err = mrow(w->raw, addr, pfn, w->rc);
	return err ? ms_cmd_fail(sess, err) : 0;
}

int kmem_members(struct ms_session *sess, const char *spec, struct ms_mm_addr *addrs, int naddrs)
{
	struct ms_program *prog = sess->prog;
	const struct ms_mm *mm;
	struct mcol cols[32];
	struct mrow_ctx rc = { sess->radix, cols, 0, NULL };
	struct mwalk_ctx w;
	char *copy, *tok, *save = NULL, b1[32];
	int i, ret = 0;
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES | MS_MM_PAGES, &mm);

	if (err)
		return ms_cmd_fail(sess, err);
	copy = strdup(spec);
	if (!copy)
		return ms_cmd_fail(sess, &ms_enomem);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (rc.ncols == 32) {
			ret = ms_cmd_error(sess, "too many members");
			goto out;
		}
		if ((err = mcol_resolve(prog, mm->page_type, tok, &cols[rc.ncols]))) {
			ret = ms_cmd_fail(sess, err);
			goto out;
		}
		rc.ncols++;
	}
	if (!rc.ncols) {
		ret = ms_cmd_error(sess, "no member given");
		goto out;
	}
	fprintf(ms_fp, "%s", ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, "PAGE"));
	for (i = 0; i < rc.ncols; i++)
		fprintf(ms_fp, "  %s", cols[i].name);
	fprintf(ms_fp, "\n");
	w.rc = &rc;
	w.mm = mm;
	w.raw = malloc(mm->page_struct_size);
	if (!w.raw) {
		ret = ms_cmd_error(sess, "out of memory");
		goto out;
	}
	if (!naddrs) {
		if ((err = ms_mm_pages_walk_raw(prog, 0, mm->max_pfn, mrow, &rc, NULL)))
			ret = ms_cmd_fail(sess, err);
	} else {
		for (i = 0; i < naddrs; i++)
			if (addrs[i].kind != MS_MM_ADDR_NONE &&
			    mrow_page(sess, addrs[i].page, addrs[i].pfn, &w) < 0)
				ret = -1;
	}
	free(w.raw);
out:
	free(copy);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* kmem -g                                                                */

struct flags_layout {
	int maxlen;		/* of the names of all PG_ bits, for the column */
	int width;		/* hex digits of the highest bit's value */
};

static void flags_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	const struct flags_layout *l = arg;
	const struct ms_record_field *bits = ms_record_get(rec, "bits");
	bool decode = ms_record_has(rec, "flags");
	const char *ind = decode ? "  " : "";

	(void)sess;
	if (decode)
		fprintf(ms_fp, "FLAGS: %" PRIx64 "\n", ms_record_get_u64(rec, "flags", 0));
	for (size_t i = 0; i < bits->rec->nr_fields; i++) {
		const struct ms_record *b = bits->rec->fields[i].rec;

		if (!i)
			fprintf(ms_fp, "%s%-*s BIT  VALUE\n", ind, l->maxlen, "PAGE-FLAG");
		fprintf(ms_fp, "%s%-*s  %2d  %0*" PRIx64 "\n", ind, l->maxlen,
			ms_record_get_str(b, "name", ""), (int)ms_record_get_s64(b, "bit", 0),
			l->width, ms_record_get_u64(b, "value", 0));
	}
	if (decode && !bits->rec->nr_fields)
		fprintf(ms_fp, "  (none found)\n");
}

/*
 * kmem -g: the PG_ bits of enum pageflags, a record each (name, bit and
 * value, 1 << bit); with a flags value, "flags" and only the bits it has.
 */
int kmem_flags(struct ms_session *sess, const char *arg)
{
	struct ms_program *prog = sess->prog;
	const struct ms_type *e = ms_type_get(prog, "enum pageflags");
	unsigned long long flags = 0;
	size_t i, n, maxlen = strlen("PAGE-FLAG");
	int64_t maxbit = 0;
	struct flags_layout layout;
	struct ms_record *rec, *bits;

	if (!e)
		return ms_cmd_error(sess, "enum pageflags does not exist in this kernel");
	if (arg) {
		struct ms_error *err = ms_parse_addr(arg, &flags);

		if (err)
			return ms_cmd_fail(sess, err);
	}
	/*
	 * crash's dump_page_flags() pads the values to (largest bit + 1) / 4
	 * + 1 digits, not to the digits of the largest value: a kernel
	 * without PG_hwpoison (Debian's cloud-amd64, bit 23 the last) still
	 * gets 7.
	 */
	n = ms_type_enumerator_count(e);
	for (i = 0; i < n; i++) {
		const struct ms_enumerator *en = ms_type_enumerator(e, i);
		if (strncmp(en->name, "PG_", 3) || en->value < 0 || en->value >= 64)
			continue;
		if (strlen(en->name) > maxlen)
			maxlen = strlen(en->name);
		if (en->value > maxbit)
			maxbit = en->value;
	}
	layout.maxlen = (int)maxlen;
	layout.width = (int)(maxbit + 1) / 4 + 1;
	rec = ms_record_create();
	if (arg)
		ms_record_add_addr(rec, "flags", flags);
	bits = ms_record_add_list(rec, "bits");
	for (i = 0; i < n; i++) {
		const struct ms_enumerator *en = ms_type_enumerator(e, i);
		struct ms_record *b;

		if (strncmp(en->name, "PG_", 3) || en->value < 0 || en->value >= 64)
			continue;
		if (arg && !((flags >> en->value) & 1))
			continue;
		b = ms_record_append_record(bits);
		ms_record_add_str(b, "name", en->name);
		ms_record_add_s64(b, "bit", en->value);
		ms_record_add_u64(b, "value", 1ull << en->value);
	}
	ms_emit(sess, rec, flags_text, &layout);
	return 0;
}

