/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kmem_vmalloc.c - kmem -v (the vmalloc areas, core/vmalloc.h), kmem -V
 * (the vm_stat counters) and the vmalloc step of kmem ADDR, in crash's
 * formats (crash-spec.md §2.6).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/kmem.h"
#include "core/error.h"
#include "core/field.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/types.h"
#include "core/vmalloc.h"

#define VADDR_PRLEN 16

struct vmlist_arg {
	struct ms_program *prog;
	struct ms_record *list;
	uint64_t total;
	uint64_t nr;
	const uint64_t *addrs;	/* only the areas holding one of these (kmem -v ADDR) */
	int naddr;
	struct ms_session *sess;	/* where a damaged area is reported; NULL: not */
	uint64_t nr_bad;
};

static struct ms_error *area_cb(const struct ms_vm_area *a, void *arg)
{
	struct vmlist_arg *v = arg;
	const struct ms_symbol *sym;
	struct ms_record *r;
	uint64_t off;
	int k;

	for (k = 0; k < v->naddr; k++)
		if (v->addrs[k] >= a->va_start && v->addrs[k] < a->va_end)
			break;
	if (v->naddr && k == v->naddr)
		return NULL;
	r = ms_record_append_record(v->list);
	ms_record_add_addr(r, "vmap_area", a->vmap_area);
	ms_record_add_addr(r, "vm_struct", a->vm_struct);
	ms_record_add_addr(r, "start", a->va_start);
	ms_record_add_addr(r, "end", a->va_end);
	ms_record_add_u64(r, "size", a->va_end - a->va_start);
	ms_record_add_addr(r, "addr", a->addr);
	ms_record_add_u64(r, "vm_size", a->size);
	ms_record_add_addr(r, "flags", a->flags);
	ms_record_add_u64(r, "nr_pages", a->nr_pages);
	ms_record_add_addr(r, "phys_addr", a->phys_addr);
	ms_record_add_addr(r, "caller", a->caller);
	if (a->problem[0]) {
		ms_record_add_str(r, "problem", a->problem);
		if (v->sess)
			ms_cmd_error(v->sess, "vmap_area %" PRIx64 ": %s", a->vmap_area, a->problem);
		v->nr_bad++;
	} else {
		ms_record_add_null(r, "problem");
	}
	sym = ms_symbol_containing(v->prog, a->caller, &off);
	if (sym) {
		char buf[256];

		/* as /proc/vmallocinfo and %pS print it */
		snprintf(buf, sizeof(buf), off ? "%s+0x%" PRIx64 : "%s", sym->name, off);
		ms_record_add_str(r, "caller_symbol", buf);
	} else {
		ms_record_add_null(r, "caller_symbol");
	}
	v->total += a->size;
	v->nr++;
	return NULL;
}

static void vmlist_header(void)
{
	char b1[40], b2[40], b3[48];

	fprintf(ms_fp, "%s  %s  %s     SIZE\n", ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, "VMAP_AREA"),
		ms_mkstring(b2, sizeof(b2), VADDR_PRLEN, MS_CENTER, "VM_STRUCT"),
		ms_mkstring(b3, sizeof(b3), VADDR_PRLEN * 2 + 3, MS_CENTER, "ADDRESS RANGE"));
}

static void vmlist_row(const struct ms_record *r)
{
	char a[24], b[24], c[24], d[24], b1[40], b2[40], b3[40], b4[40];

	snprintf(a, sizeof(a), "%" PRIx64, ms_record_get_u64(r, "vmap_area", 0));
	snprintf(b, sizeof(b), "%" PRIx64, ms_record_get_u64(r, "vm_struct", 0));
	snprintf(c, sizeof(c), "%" PRIx64, ms_record_get_u64(r, "start", 0));
	snprintf(d, sizeof(d), "%" PRIx64, ms_record_get_u64(r, "end", 0));
	fprintf(ms_fp, "%s  %s  %s - %s  %7" PRIu64 "\n", ms_mkstring(b1, sizeof(b1), VADDR_PRLEN, MS_CENTER, a),
		ms_mkstring(b2, sizeof(b2), VADDR_PRLEN, MS_CENTER, b),
		ms_mkstring(b3, sizeof(b3), VADDR_PRLEN, MS_RJUST, c),
		ms_mkstring(b4, sizeof(b4), VADDR_PRLEN, MS_LJUST, d), ms_record_get_u64(r, "size", 0));
}

static void vmlist_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	const struct ms_record *list = ms_record_get(rec, "areas")->rec;

	(void)sess;
	(void)arg;
	if (!list->nr_fields)
		return;
	vmlist_header();
	for (size_t i = 0; i < list->nr_fields && !ms_interrupted(); i++)
		vmlist_row(list->fields[i].rec);
}

int kmem_vmlist(struct ms_session *sess, const uint64_t *addrs, int naddr)
{
	struct ms_record *rec = ms_record_create();
	struct vmlist_arg v = { sess->prog, ms_record_add_list(rec, "areas"), 0, 0, addrs, naddr,
				sess, 0 };
	struct ms_error *err = ms_vm_area_walk(sess->prog, area_cb, &v);

	/* crash prints no total; JSON has it (the sum of vm_struct.size) */
	ms_record_add_u64(rec, "nr_areas", v.nr);
	ms_record_add_u64(rec, "total_size", v.total);
	/* the areas before a damaged list are still right: shown, then the damage */
	ms_emit(sess, rec, vmlist_text, NULL);
	if (err)
		return ms_cmd_fail(sess, err);
	for (int k = 0; k < naddr; k++) {
		struct vmlist_arg one = { sess->prog, NULL, 0, 0, &addrs[k], 1, NULL, 0 };
		struct ms_record *tmp = ms_record_create();

		one.list = ms_record_add_list(tmp, "areas");
		if (!ms_vm_area_walk(sess->prog, area_cb, &one) && !one.nr)
			ms_cmd_error(sess, "%" PRIx64 ": not a vmalloc address", addrs[k]);
		ms_record_destroy(tmp);
	}
	return v.nr_bad ? -1 : 0;
}

/*
 * The vmalloc step of kmem ADDR: the area holding @p addr, as kmem -v
 * prints it, and its caller.  *@p found_ret tells whether there was one.
 */
int kmem_vmalloc_identify(struct ms_session *sess, uint64_t addr, bool *found_ret)
{
	struct ms_record *rec = ms_record_create();
	struct vmlist_arg v = { sess->prog, ms_record_add_list(rec, "areas"), 0, 0, &addr, 1, NULL, 0 };
	struct ms_error *err = ms_vm_area_walk(sess->prog, area_cb, &v);

	*found_ret = false;
	/* a damaged list is said, after the area if it was found before the
	 * damage; kmem ADDR goes on with its other steps */
	if (err)
		v.nr_bad++;
	if (v.nr) {
		const struct ms_record *r = v.list->fields[0].rec;

		*found_ret = true;
		vmlist_header();
		vmlist_row(r);
		fprintf(ms_fp, "  CALLER: %" PRIx64 " (%s)\n\n", ms_record_get_u64(r, "caller", 0),
			ms_record_get_str(r, "caller_symbol", "?"));
		if (ms_record_get_str(r, "problem", NULL))
			ms_cmd_error(sess, "vmap_area %" PRIx64 ": %s", ms_record_get_u64(r, "vmap_area", 0),
				     ms_record_get_str(r, "problem", "?"));
	}
	if (err)
		ms_cmd_fail(sess, ms_error_prepend(err, "vmalloc areas"));
	ms_record_destroy(rec);
	return v.nr_bad ? -1 : 0;
}

/* kmem -V: the global vm_stat[], named by enum zone_stat_item */
static void vm_stat_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	const struct ms_record *list = ms_record_get(rec, "vm_stat")->rec;
	int w = 0;

	(void)sess;
	(void)arg;
	for (size_t i = 0; i < list->nr_fields; i++)
		if ((int)strlen(list->fields[i].key) > w)
			w = (int)strlen(list->fields[i].key);
	fprintf(ms_fp, "  VM_STAT:\n");
	for (size_t i = 0; i < list->nr_fields; i++)
		fprintf(ms_fp, "%*s: %" PRId64 "\n", w + 2, list->fields[i].key, list->fields[i].s);
}

int kmem_vm_stat(struct ms_session *sess)
{
	const struct ms_type *t = ms_enum_type_of(sess->prog, "NR_FREE_PAGES");
	struct ms_record *rec, *stat;

	if (!t)
		return ms_cmd_error(sess, "enum zone_stat_item does not exist in this kernel");
	rec = ms_record_create();
	stat = ms_record_add_record(rec, "vm_stat");
	for (size_t i = 0; i < ms_type_enumerator_count(t); i++) {
		const struct ms_enumerator *e = ms_type_enumerator(t, i);
		int64_t v;
		struct ms_error *err;

		if (!strncmp(e->name, "NR_VM_", 6))	/* the count, not a counter */
			continue;
		/* an alias (NR_LRU_BASE) names the same counter as the next one */
		if (i + 1 < ms_type_enumerator_count(t) && ms_type_enumerator(t, i + 1)->value == e->value)
			continue;
		if ((err = ms_mm_vm_stat(sess->prog, NULL, e->name, &v))) {
			ms_record_destroy(rec);
			return ms_cmd_fail(sess, err);
		}
		ms_record_add_s64(stat, e->name, v);
	}
	ms_emit(sess, rec, vm_stat_text, NULL);
	return 0;
}
