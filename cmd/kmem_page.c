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

#include <json-c/json.h>

#include "cmd/kmem.h"
#include "core/command.h"
#include "core/dump.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
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
	bool first;
};

static char *put_hex(char *p, uint64_t v)
{
	char tmp[16];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_hex_w(char *p, uint64_t v, int width, bool left)
{
	int n = ms_mm_hex_digits(v);

	if (!left)
		for (; n < width; n++)
			*p++ = ' ';
	p = put_hex(p, v);
	if (left)
		for (; n < width; n++)
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

static int page_row(const struct ms_mm_page *pg, void *arg)
{
	struct prow_ctx *c = arg;
	const char *names = cached_names(c, pg->flags);
	size_t need = 128 + strlen(names);
	char *p;

	if (c->json) {
		struct json_object *o = json_object_new_object(), *fl = json_object_new_array();
		const char *s, *e;

		json_object_object_add(o, "page", kmem_json_hex(pg->addr));
		json_object_object_add(o, "pfn", json_object_new_int64((int64_t)pg->pfn));
		json_object_object_add(o, "physical", kmem_json_hex(ms_mm_pfn_to_phys(c->mm, pg->pfn)));
		json_object_object_add(o, "mapping", kmem_json_hex(pg->mapping));
		json_object_object_add(o, "index", json_object_new_int64((int64_t)pg->index));
		json_object_object_add(o, "count", json_object_new_int64(pg->count));
		json_object_object_add(o, "mapcount", json_object_new_int64(pg->mapcount));
		json_object_object_add(o, "private", kmem_json_hex(pg->private_));
		json_object_object_add(o, "flags", kmem_json_hex(pg->flags));
		for (s = names; *s; s = *e ? e + 1 : e) {
			e = strchr(s, ',');
			if (!e)
				e = s + strlen(s);
			json_object_array_add(fl, json_object_new_string_len(s, (int)(e - s)));
		}
		json_object_object_add(o, "flag_names", fl);
		fprintf(ms_fp, "%s%s", c->first ? "\n  " : ",\n  ",
			json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
						       JSON_C_TO_STRING_NOSLASHESCAPE));
		c->first = false;
		json_object_put(o);
		return ms_interrupted() ? -1 : 0;
	}
	if (c->len + need > c->cap) {
		prow_flush(c);
		if (need > c->cap)
			return -1;
	}
	p = c->buf + c->len;
	/* %-16lx %*llx %16lx %8lx %2d <flags> <names> */
	p = put_hex_w(p, pg->addr, VADDR_PRLEN, true);
	*p++ = ' ';
	p = put_hex_w(p, ms_mm_pfn_to_phys(c->mm, pg->pfn), c->paddr_w, false);
	*p++ = ' ';
	p = put_hex_w(p, pg->mapping, VADDR_PRLEN, false);
	*p++ = ' ';
	p = put_hex_w(p, pg->index, 8, false);
	p += sprintf(p, " %2d ", (int)pg->count);
	p = put_hex(p, pg->flags);
	if (*names) {
		*p++ = ' ';
		memcpy(p, names, strlen(names));
		p += strlen(names);
	}
	*p++ = '\n';
	c->len = (size_t)(p - c->buf);
	return ms_interrupted() ? -1 : 0;
}

static int prow_init(struct ms_program *prog, struct prow_ctx *c, bool json)
{
	const struct ms_mm *mm = ms_mm(prog);
	int w;

	memset(c, 0, sizeof(*c));
	if (!mm)
		return -1;
	c->mm = mm;
	c->json = json;
	c->first = true;
	w = ms_mm_hex_digits(mm->max_pfn << mm->page_shift);
	c->paddr_w = w > 8 ? w : 8;
	c->cap = 1 << 20;
	c->buf = malloc(c->cap);
	return c->buf ? 0 : ms_error_set("out of memory");
}

static void prow_done(struct prow_ctx *c)
{
	int i;

	prow_flush(c);
	free(c->buf);
	for (i = 0; i < 256; i++)
		free(c->cache_val[i]);
}

int kmem_pages(struct ms_session *sess, struct ms_mm_addr *addrs, int naddrs, bool json)
{
	struct ms_program *prog = sess->prog;
	const struct ms_mm *mm = ms_mm(prog);
	struct prow_ctx c;
	uint64_t unreadable = 0;
	int i, rc = 0;

	if (!mm || prow_init(prog, &c, json) < 0)
		return ms_cmd_fail(sess, ms_error_last());
	if (json)
		fprintf(ms_fp, "[");
	else
		print_page_header(c.paddr_w);
	if (!naddrs) {
		rc = ms_mm_pages_walk(prog, 0, mm->max_pfn, page_row, &c, &unreadable);
	} else {
		for (i = 0; i < naddrs && !rc; i++) {
			struct ms_mm_page pg;
			if (addrs[i].kind == MS_MM_ADDR_NONE)
				continue;
			if (ms_mm_page_read(prog, addrs[i].page, &pg) < 0) {
				prow_flush(&c);
				ms_cmd_fail(sess, ms_error_last());
				continue;
			}
			pg.pfn = addrs[i].pfn;
			rc = page_row(&pg, &c);
		}
	}
	prow_flush(&c);
	if (json)
		fprintf(ms_fp, "%s]\n", c.first ? "" : "\n");
	prow_done(&c);
	if (rc < 0)
		return kmem_walk_fail(sess);
	if (unreadable)
		ms_cmd_error(sess, "%" PRIu64 " page structs could not be read", unreadable);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* kmem -m member[,member]                                                */

enum mcol_kind { MCOL_HEX, MCOL_PTR, MCOL_DEC, MCOL_RADIX, MCOL_LIST, MCOL_BYTES };

struct mcol {
	char *name;
	long off;
	unsigned size;
	bool is_signed;
	enum mcol_kind kind;
	long next_off, prev_off;	/* MCOL_LIST */
};

struct mrow_ctx {
	int radix;
	struct mcol *cols;
	int ncols;
	const unsigned char *raw;
};

static uint64_t mcol_uint(const unsigned char *raw, long off, unsigned size)
{
	uint64_t v = 0;

	memcpy(&v, raw + off, size > 8 ? 8 : size);
	return v;
}

static int64_t mcol_int(const unsigned char *raw, long off, unsigned size)
{
	uint64_t v = mcol_uint(raw, off, size);

	if (size && size < 8 && (v >> (size * 8 - 1)) & 1)
		v |= ~0ull << (size * 8);
	return (int64_t)v;
}

/* Resolve "lru", "flags", "_count", "lru.next" ... in struct page, by DWARF. */
static int mcol_resolve(const struct ms_type *page_t, const char *name, struct mcol *c)
{
	struct ms_member m;
	const struct ms_type *t;

	memset(c, 0, sizeof(*c));
	if (ms_type_member_path(page_t, name, &m) < 0)
		return ms_error_set("invalid data structure reference: page.%s", name);
	c->name = strdup(name);
	c->off = (long)m.offset;
	t = ms_type_strip(m.type);
	c->size = (unsigned)ms_type_size(m.type);
	if (t && (ms_type_kind(t) == MS_TYPE_STRUCT || ms_type_kind(t) == MS_TYPE_UNION)) {
		struct ms_member n, p;
		if (ms_type_member_path(t, "next", &n) == 0 && ms_type_member_path(t, "prev", &p) == 0) {
			c->kind = MCOL_LIST;
			c->next_off = c->off + (long)n.offset;
			c->prev_off = c->off + (long)p.offset;
			return 0;
		}
		if (ms_type_member_path(t, "counter", &n) == 0) {	/* atomic_t */
			c->off += (long)n.offset;
			c->size = (unsigned)ms_type_size(n.type);
			c->is_signed = true;
			c->kind = MCOL_DEC;
			return 0;
		}
		c->kind = MCOL_BYTES;
		return 0;
	}
	if (t && ms_type_kind(t) == MS_TYPE_POINTER) {
		c->kind = MCOL_PTR;
	} else if (!strcmp(name, "flags")) {
		c->kind = MCOL_HEX;
	} else {
		c->kind = MCOL_RADIX;
		c->is_signed = t && ms_type_kind(t) == MS_TYPE_INT && ms_type_is_signed(t);
	}
	return 0;
}

static int mrow(const void *rawv, uint64_t addr, uint64_t pfn, void *arg)
{
	struct mrow_ctx *c = arg;
	const unsigned char *raw = rawv;
	int i, k;

	(void)pfn;
	fprintf(ms_fp, "%-16" PRIx64, addr);
	for (i = 0; i < c->ncols; i++) {
		const struct mcol *col = &c->cols[i];
		fprintf(ms_fp, "  ");
		switch (col->kind) {
		case MCOL_LIST:
			fprintf(ms_fp, "%016" PRIx64 ",%016" PRIx64, mcol_uint(raw, col->next_off, 8),
				mcol_uint(raw, col->prev_off, 8));
			break;
		case MCOL_PTR:
			fprintf(ms_fp, "%016" PRIx64, mcol_uint(raw, col->off, col->size));
			break;
		case MCOL_HEX:
			fprintf(ms_fp, "%" PRIx64, mcol_uint(raw, col->off, col->size));
			break;
		case MCOL_DEC:
			fprintf(ms_fp, "%" PRId64, mcol_int(raw, col->off, col->size));
			break;
		case MCOL_RADIX:
			if (c->radix == 16)
				fprintf(ms_fp, "0x%" PRIx64, mcol_uint(raw, col->off, col->size));
			else if (col->is_signed)
				fprintf(ms_fp, "%" PRId64, mcol_int(raw, col->off, col->size));
			else
				fprintf(ms_fp, "%" PRIu64, mcol_uint(raw, col->off, col->size));
			break;
		case MCOL_BYTES:
			for (k = 0; k < (int)col->size && k < 32; k++)
				fprintf(ms_fp, "%02x", raw[col->off + k]);
			break;
		}
	}
	fprintf(ms_fp, "\n");
	return ms_interrupted() ? -1 : 0;
}

struct mwalk_ctx {
	struct mrow_ctx *rc;
	const struct ms_mm *mm;
	unsigned char *raw;
};

/* One page given by address (kmem -m ADDR). */
static int mrow_page(struct ms_session *sess, uint64_t addr, uint64_t pfn, struct mwalk_ctx *w)
{
	struct ms_program *prog = sess->prog;
	if (ms_error_legacy(ms_readmem(prog, addr, MS_KVADDR, w->raw, w->mm->page_struct_size, "page struct")) < 0)
		return ms_cmd_fail(sess, ms_error_last());
	return mrow(w->raw, addr, pfn, w->rc);
}

int kmem_members(struct ms_session *sess, const char *spec, struct ms_mm_addr *addrs, int naddrs)
{
	struct ms_program *prog = sess->prog;
	const struct ms_mm *mm = ms_mm(prog);
	const struct ms_type *page_t = ms_type_find(prog, "struct page");
	struct mcol cols[32];
	struct mrow_ctx rc = { sess->radix, cols, 0, NULL };
	struct mwalk_ctx w;
	char *copy, *tok, *save = NULL, b1[32];
	int i, ret = 0;

	if (!mm || !page_t)
		return ms_cmd_fail(sess, ms_error_last());
	copy = strdup(spec);
	if (!copy)
		return ms_cmd_error(sess, "out of memory");
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (rc.ncols == 32 || mcol_resolve(page_t, tok, &cols[rc.ncols]) < 0) {
			ret = rc.ncols == 32 ? ms_cmd_error(sess, "too many members") : ms_cmd_fail(sess, ms_error_last());
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
		if (ms_mm_pages_walk_raw(prog, 0, mm->max_pfn, mrow, &rc, NULL) < 0)
			ret = kmem_walk_fail(sess);
	} else {
		for (i = 0; i < naddrs; i++)
			if (addrs[i].kind != MS_MM_ADDR_NONE &&
			    mrow_page(sess, addrs[i].page, addrs[i].pfn, &w) < 0)
				ret = -1;
	}
	free(w.raw);
out:
	for (i = 0; i < rc.ncols; i++)
		free(cols[i].name);
	free(copy);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* kmem -g                                                                */

int kmem_flags(struct ms_session *sess, const char *arg)
{
	struct ms_program *prog = sess->prog;
	const struct ms_type *e = ms_type_find(prog, "enum pageflags");
	unsigned long long flags = 0;
	size_t i, n, maxlen = strlen("PAGE-FLAG");
	int64_t maxbit = 0;
	const char *ind = "";
	int width;
	bool any = false;

	if (!e)
		return ms_cmd_error(sess, "enum pageflags does not exist in this kernel");
	if (arg) {
		if (ms_parse_addr(arg, &flags) < 0)
			return ms_cmd_fail(sess, ms_error_last());
		fprintf(ms_fp, "FLAGS: %llx\n", flags);
		ind = "  ";
	}
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
	width = ms_mm_hex_digits(1ull << maxbit);
	for (i = 0; i < n; i++) {
		const struct ms_enumerator *en = ms_type_enumerator(e, i);
		if (strncmp(en->name, "PG_", 3) || en->value < 0 || en->value >= 64)
			continue;
		if (arg && !((flags >> en->value) & 1))
			continue;
		if (!any)
			fprintf(ms_fp, "%s%-*s BIT  VALUE\n", ind, (int)maxlen, "PAGE-FLAG");
		any = true;
		fprintf(ms_fp, "%s%-*s  %2d  %0*llx\n", ind, (int)maxlen, en->name, (int)en->value,
			width, 1ull << en->value);
	}
	if (arg && !any)
		fprintf(ms_fp, "  (none found)\n");
	return 0;
}

