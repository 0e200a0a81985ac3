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
#include "core/dump.h"
#include "core/error.h"
#include "core/field.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/percpu.h"
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
	ms_record_add_addr(r, "vm_addr", a->addr);
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
 * prints it, and its caller; with @p json, kmem -v's record of the area
 * as its "vmalloc" (null when there is none).  *@p found_ret tells whether
 * there was one.
 */
int kmem_vmalloc_identify(struct ms_session *sess, uint64_t addr, struct ms_record *json,
			  bool *found_ret)
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
		struct ms_record *r = v.list->fields[0].rec;

		*found_ret = true;
		if (json) {
			/* the area's record moves into kmem ADDR's */
			struct ms_record *dst = ms_record_add_record(json, "vmalloc"), tmp = *dst;

			*dst = *r;
			*r = tmp;
			r = dst;
		} else {
			vmlist_header();
			vmlist_row(r);
			fprintf(ms_fp, "  CALLER: %" PRIx64 " (%s)\n\n", ms_record_get_u64(r, "caller", 0),
				ms_record_get_str(r, "caller_symbol", "?"));
		}
		if (ms_record_get_str(r, "problem", NULL))
			ms_cmd_error(sess, "vmap_area %" PRIx64 ": %s", ms_record_get_u64(r, "vmap_area", 0),
				     ms_record_get_str(r, "problem", "?"));
	} else if (json) {
		ms_record_add_null(json, "vmalloc");
	}
	if (err)
		ms_cmd_fail(sess, ms_error_prepend(err, "vmalloc areas"));
	ms_record_destroy(rec);
	return v.nr_bad ? -1 : 0;
}

/*
 * kmem -V: the global counters, named by their enums.  Linux 4.0 has one
 * vm_stat[] (enum zone_stat_item); kernels that split it (vm_zone_stat[],
 * vm_node_stat[]) print each part, then the per-CPU vm_event_states summed,
 * as crash 8.0.2 does: the zone and node names right-aligned to the longest
 * of both, the events to their own longest.
 */
static const char *const vm_stat_sections[][2] = {
	{ "vm_stat", "VM_STAT" }, { "vm_zone_stat", "VM_ZONE_STAT" },
	{ "vm_node_stat", "VM_NODE_STAT" }, { "vm_event_states", "VM_EVENT_STATES" },
};

static int names_width(const struct ms_record *list)
{
	int w = 0;

	for (size_t i = 0; list && i < list->nr_fields; i++)
		if ((int)strlen(list->fields[i].key) > w)
			w = (int)strlen(list->fields[i].key);
	return w;
}

static void vm_stat_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	const struct ms_record *lists[4];
	int split_w;
	bool first = true;

	(void)sess;
	(void)arg;
	for (size_t k = 0; k < 4; k++) {
		const struct ms_record_field *f = ms_record_get(rec, vm_stat_sections[k][0]);

		lists[k] = f ? f->rec : NULL;
	}
	split_w = names_width(lists[1]);
	if (names_width(lists[2]) > split_w)
		split_w = names_width(lists[2]);
	for (size_t k = 0; k < 4; k++) {
		/* 4.0's single array keeps mmscope's indent of two */
		int w = k == 0 ? names_width(lists[0]) + 2 : k == 3 ? names_width(lists[3]) : split_w;

		if (!lists[k])
			continue;
		fprintf(ms_fp, "%s  %s:\n", first ? "" : "\n", vm_stat_sections[k][1]);
		first = false;
		for (size_t i = 0; i < lists[k]->nr_fields; i++)
			fprintf(ms_fp, "%*s: %" PRId64 "\n", w, lists[k]->fields[i].key,
				lists[k]->fields[i].s);
	}
}

/* enum @p tag's counters; the count (NR_VM_*) and aliases of the next left out */
static struct ms_error *add_counters(struct ms_program *prog, struct ms_record *out, const char *tag,
				     struct ms_error *(*value)(struct ms_program *, const char *,
							       int64_t, void *, int64_t *),
				     void *arg)
{
	const struct ms_type *t;
	struct ms_error *err;

	if ((err = ms_type_find(prog, tag, &t)))
		return err;
	for (size_t i = 0; i < ms_type_enumerator_count(t); i++) {
		const struct ms_enumerator *e = ms_type_enumerator(t, i);
		int64_t v;

		if (!strncmp(e->name, "NR_VM_", 6))	/* the count, not a counter */
			continue;
		/* an alias (NR_LRU_BASE) names the same counter as the next one */
		if (i + 1 < ms_type_enumerator_count(t) && ms_type_enumerator(t, i + 1)->value == e->value)
			continue;
		if ((err = value(prog, e->name, e->value, arg, &v)))
			return err;
		ms_record_add_s64(out, e->name, v);
	}
	return NULL;
}

static struct ms_error *stat_value(struct ms_program *prog, const char *name, int64_t idx, void *arg,
				   int64_t *ret)
{
	(void)idx;
	(void)arg;
	return ms_mm_vm_stat(prog, NULL, name, ret);
}

struct events {
	uint64_t percpu;	/* vm_event_states, a per-CPU offset */
	uint64_t off, len;	/* of vm_event_state.event[] */
	int nr_cpus;
};

/* all_vm_events(): the sum over the CPUs */
static struct ms_error *event_value(struct ms_program *prog, const char *name, int64_t idx, void *arg,
				    int64_t *ret)
{
	struct events *ev = arg;
	uint64_t sum = 0, addr, v;
	struct ms_error *err;

	if (idx < 0 || (uint64_t)idx >= ev->len)
		return ms_error_lookup(name, "%s is not a vm_event_state index", name);
	for (int cpu = 0; cpu < ev->nr_cpus; cpu++) {
		if ((err = ms_per_cpu_ptr(prog, ev->percpu, cpu, &addr)) ||
		    (err = ms_read_u64(prog, addr + ev->off + (uint64_t)idx * 8, &v, "vm_event_states")))
			return err;
		sum += v;
	}
	*ret = (int64_t)sum;
	return NULL;
}

int kmem_vm_stat(struct ms_session *sess)
{
	struct ms_program *prog = sess->prog;
	const struct ms_symbol *events = ms_symbol_find(prog, "vm_event_states");
	struct ms_record *rec;
	struct ms_error *err = NULL;

	if (!ms_enum_type_of(prog, "NR_FREE_PAGES"))
		return ms_cmd_error(sess, "enum zone_stat_item does not exist in this kernel");
	rec = ms_record_create();
	if (!ms_symbol_find(prog, "vm_node_stat")) {
		err = add_counters(prog, ms_record_add_record(rec, "vm_stat"), "enum zone_stat_item",
				   stat_value, NULL);
	} else {
		err = add_counters(prog, ms_record_add_record(rec, "vm_zone_stat"), "enum zone_stat_item",
				   stat_value, NULL);
		if (!err)
			err = add_counters(prog, ms_record_add_record(rec, "vm_node_stat"),
					   "enum node_stat_item", stat_value, NULL);
		if (!err && events) {
			struct events ev = { .percpu = events->value };
			const struct ms_field *f;
			uint64_t elsize;

			if (!(err = ms_field_find_by_name(prog, "struct vm_event_state", "event", &f)) &&
			    !(err = ms_field_array(f, &ev.len, &elsize)) &&
			    !(err = ms_percpu_nr_cpus(prog, &ev.nr_cpus))) {
				ev.off = f->offset;
				if (elsize != 8)
					err = ms_error_lookup("vm_event_state", "vm_event_state.event[]"
							      " is not of words");
			}
			if (!err)
				err = add_counters(prog, ms_record_add_record(rec, "vm_event_states"),
						   "enum vm_event_item", event_value, &ev);
		}
	}
	if (err) {
		ms_record_destroy(rec);
		return ms_cmd_fail(sess, err);
	}
	ms_emit(sess, rec, vm_stat_text, NULL);
	return 0;
}
