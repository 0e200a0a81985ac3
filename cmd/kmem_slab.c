/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kmem_slab.c - kmem -s, -S, -s NAME|ADDR and the slab step of kmem ADDR,
 * in crash's SLAB layout, over core/slab.c's walker.  Objects in the
 * per-CPU, shared and alien arrays count as free, as crash counts them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/kmem.h"
#include "core/array.h"
#include "core/command.h"
#include "core/error.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"
#include "core/slab.h"
#include "core/symbols.h"

#define CACHE_HDR "CACHE             OBJSIZE  ALLOCATED     TOTAL  SLABS  SSIZE  NAME\n"
#define SLAB_HDR "SLAB              MEMORY            TOTAL  ALLOCATED  FREE\n"
#define OBJ_HDR "FREE / [ALLOCATED]\n"
/* SLUB's slab table, as crash's do_slab_slub() prints it */
#define SLUB_SLAB_HDR "  SLAB              MEMORY            NODE  TOTAL  ALLOCATED  FREE\n"
#define SLUB_OBJ_HDR "  FREE / [ALLOCATED]\n"

struct slab_ctx {
	struct ms_session *sess;
	const struct kmem_slab_opts *opts;
	struct ms_record *jcaches;	/* JSON: the list of caches of the document */
	struct ms_record *jcache;	/* JSON: the cache being walked */
	struct ms_record *jslabs;	/* JSON -S: its slabs */
	struct ms_record *jobjs;	/* JSON -S: the objects of the slab */
	int rc;
	uint64_t nr_problems;
	bool list_header;	/* SLUB -S: the node list's table heading is printed */
	/* kmem ADDR */
	uint64_t addr;
	bool found;
	struct ms_slab slab;
	struct ms_slab_obj obj;
	int where_kind;		/* 0 object, 1 freelist, 2 unused, 3 the slab's page struct */
	/* kmem -S text: the cache's slabs, written after its row */
	struct out_buf {
		char *buf;
		size_t len, cap;
		bool on, failed;
	} out;
	/* callers */
	struct caller *callers;
	size_t nr_callers, cap_callers;
	struct addr_problems *problems;	/* kmem ADDR: the walk's, kept */
};

/* crash's OBJSIZE: SLAB's buffer size, SLUB's object_size */
static uint64_t cache_objsize(const struct ms_slab_cache *c)
{
	return c->slub ? c->object_size : c->size;
}

/* A cache row; @c counted, or incomplete ("?"). */
static void print_cache_row(const struct ms_slab_cache *c)
{
	fprintf(ms_fp, "%-16" PRIx64 " %8" PRIu64 "  ", c->addr, cache_objsize(c));
	if (c->incomplete)
		fprintf(ms_fp, "%9s  %8s  %5s  ", "?", "?", "?");
	else
		fprintf(ms_fp, "%9" PRIu64 "  %8" PRIu64 "  %5" PRIu64 "  ", c->active_objs,
			c->num_objs, c->num_slabs);
	fprintf(ms_fp, "%4" PRIu64 "k  %s\n", c->slab_size / 1024, c->name);
}

/*
 * kmem -S prints a line per object, a million of them: lines are built by
 * hand (no printf) and, while a cache is walked, gathered in x->out to be
 * written after its row in one piece (see do_cache()).
 */
static void emit(struct slab_ctx *x, const char *line, size_t len)
{
	struct out_buf *b = x ? &x->out : NULL;

	if (!b || !b->on) {
		fwrite(line, 1, len, ms_fp);
		return;
	}
	if (b->failed)
		return;
	if (!ms_array_grow(&b->buf, &b->cap, b->len + len, 1 << 16)) {
		b->failed = true;
		return;
	}
	memcpy(b->buf + b->len, line, len);
	b->len += len;
}

static char *put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/* "%-16lx  %-16lx  %5lu  %9lu  %4lu\n" */
static void print_slab_row(struct slab_ctx *x, const struct ms_slab_cache *c,
			   const struct ms_slab *s)
{
	uint64_t allocated = s->active >= s->nr_cached ? s->active - s->nr_cached : 0;
	char line[128], *p = line;

	if (allocated > c->num)
		allocated = c->num;
	p = ms_put_hex_w(p, s->page, 16, true);
	p = put_str(p, "  ");
	p = ms_put_hex_w(p, s->s_mem, 16, true);
	p = put_str(p, "  ");
	p = ms_put_udec_w(p, c->num, 5);
	p = put_str(p, "  ");
	p = ms_put_udec_w(p, allocated, 9);
	p = put_str(p, "  ");
	p = ms_put_udec_w(p, c->num - allocated, 4);
	*p++ = '\n';
	emit(x, line, (size_t)(p - line));
}

static void caller_name(struct ms_program *prog, uint64_t caller, char *buf, size_t len)
{
	uint64_t off = 0;
	const struct ms_symbol *sym = caller ? ms_symbol_containing(prog, caller, &off) : NULL;

	if (!caller)
		snprintf(buf, len, "(none)");
	else if (!sym)
		snprintf(buf, len, "%" PRIx64, caller);
	else if (off)
		snprintf(buf, len, "%s+0x%" PRIx64, sym->name, off);
	else
		snprintf(buf, len, "%s", sym->name);
}

static void print_obj(struct slab_ctx *x, const struct ms_slab_cache *c, const struct ms_slab_obj *o,
		      uint64_t shown)
{
	char line[256], *p = line;

	(void)c;
	if (o->state == MS_SLAB_OBJ_INUSE) {
		p = put_str(p, "  [");
		p = ms_put_hex(p, shown);
		*p++ = ']';
		if (o->caller) {
			char cn[160];

			caller_name(x->sess->prog, o->caller, cn, sizeof(cn));
			p = put_str(p, "  last user: ");
			p = put_str(p, cn);
		}
	} else {
		p = put_str(p, "   ");
		p = ms_put_hex(p, shown);
		switch (o->state) {
		case MS_SLAB_OBJ_CPU:
			p = put_str(p, "  (cpu ");
			p = ms_put_udec_w(p, (uint64_t)o->where, 0);
			p = put_str(p, " cache)");
			break;
		case MS_SLAB_OBJ_SHARED:
			p = put_str(p, "  (shared cache)");
			break;
		case MS_SLAB_OBJ_ALIEN:
			p = put_str(p, "  (alien cache)");
			break;
		default:
			break;
		}
	}
	*p++ = '\n';
	emit(x, line, (size_t)(p - line));
}

static const char *obj_state_name(enum ms_slab_obj_state s)
{
	static const char *const n[] = { "allocated", "free", "cpu", "shared", "alien" };
	return n[s];
}

static void on_problem(const struct ms_slab_cache *c, const struct ms_slab_problem *p, void *arg)
{
	struct slab_ctx *x = arg;

	x->nr_problems++;
	if (x->out.on) {
		/*
		 * kmem -S: the message goes where errors go, in its place
		 * among the slabs gathered in x->out.  Without a redirection
		 * it goes there only (not to stdout now and again with the
		 * slabs).
		 */
		struct ms_session *sess = x->sess;
		enum ms_error_dest_mode mode = sess->err_mode;
		FILE *real = ms_fp;
		char *text = NULL;
		size_t len = 0;

		ms_fp = open_memstream(&text, &len);
		if (ms_fp) {
			if (real == stdout && mode == MS_ERRDEST_DEFAULT)
				sess->err_mode = MS_ERRDEST_REDIRECT;
			ms_cmd_error(sess, "\"%s\" cache %" PRIx64 ": %s", c->name, c->addr,
				     p->message);
			sess->err_mode = mode;
			fclose(ms_fp);
			ms_fp = real;
			emit(x, text, len);
			free(text);
			return;
		}
		ms_fp = real;
	}
	ms_cmd_error(x->sess, "\"%s\" cache %" PRIx64 ": %s", c->name, c->addr, p->message);
}

/* ---------------------------------------------------------------------- */
/* kmem -S                                                                */

static struct ms_error *S_slab(const struct ms_slab_cache *c, const struct ms_slab *s, void *arg)
{
	struct slab_ctx *x = arg;

	if (x->jcache) {
		uint64_t allocated = s->active - s->nr_cached;
		struct ms_record *js = ms_record_append_record(x->jslabs);

		ms_record_add_addr(js, "slab", s->page);
		ms_record_add_addr(js, "memory", s->s_mem);
		ms_record_add_s64(js, "node", s->node);
		ms_record_add_str(js, "list", ms_slab_list_name(s->list));
		ms_record_add_u64(js, "total", c->num);
		ms_record_add_u64(js, "allocated", allocated);
		ms_record_add_u64(js, "free", c->num - allocated);
		x->jobjs = ms_record_add_list(js, "objects");
		return NULL;
	}
	emit(x, SLAB_HDR, sizeof(SLAB_HDR) - 1);
	print_slab_row(x, c, s);
	emit(x, OBJ_HDR, sizeof(OBJ_HDR) - 1);
	return ms_interrupted() ? &ms_interrupted_error : NULL;
}

static struct ms_error *S_obj(const struct ms_slab_cache *c, const struct ms_slab *s,
			      const struct ms_slab_obj *o, void *arg)
{
	struct slab_ctx *x = arg;

	(void)s;
	if (x->jcache) {
		struct ms_record *jo = ms_record_append_record(x->jobjs);

		ms_record_add_addr(jo, "address", o->addr);
		ms_record_add_str(jo, "state", obj_state_name(o->state));
		if (o->state >= MS_SLAB_OBJ_CPU)
			ms_record_add_s64(jo, o->state == MS_SLAB_OBJ_CPU ? "cpu" : "node",
					  o->state == MS_SLAB_OBJ_ALIEN ? o->where / MS_SLAB_MAX_NODES :
					  o->where);
		if (o->caller) {
			char cn[160];

			caller_name(x->sess->prog, o->caller, cn, sizeof(cn));
			ms_record_add_str(jo, "caller", cn);
		}
		return NULL;
	}
	print_obj(x, c, o, o->addr);
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* group by caller (SLAB_STORE_USER)                                      */

struct caller {
	uint64_t caller;
	uint64_t count;
};

static struct ms_error *U_obj(const struct ms_slab_cache *c, const struct ms_slab *s,
			      const struct ms_slab_obj *o, void *arg)
{
	struct slab_ctx *x = arg;
	size_t i;

	(void)c;
	(void)s;
	if (o->state != MS_SLAB_OBJ_INUSE)
		return NULL;
	for (i = 0; i < x->nr_callers; i++)
		if (x->callers[i].caller == o->caller)
			break;
	if (i == x->nr_callers) {
		if (!ms_array_grow(&x->callers, &x->cap_callers, x->nr_callers + 1, 64))
			return &ms_enomem;
		x->callers[x->nr_callers].caller = o->caller;
		x->callers[x->nr_callers++].count = 0;
	}
	x->callers[i].count++;
	return NULL;
}

static int cmp_caller(const void *a, const void *b)
{
	const struct caller *p = a, *q = b;

	if (p->count != q->count)
		return p->count < q->count ? 1 : -1;
	return p->caller < q->caller ? -1 : p->caller > q->caller;
}

static void print_callers(struct slab_ctx *x, const struct ms_slab_cache *c)
{
	qsort(x->callers, x->nr_callers, sizeof(*x->callers), cmp_caller);
	if (x->jcache) {
		struct ms_record *ja = ms_record_add_list(x->jcache, "callers");

		for (size_t i = 0; i < x->nr_callers; i++) {
			struct ms_record *jo = ms_record_append_record(ja);
			char cn[160];

			caller_name(x->sess->prog, x->callers[i].caller, cn, sizeof(cn));
			ms_record_add_str(jo, "caller", cn);
			ms_record_add_addr(jo, "address", x->callers[i].caller);
			ms_record_add_u64(jo, "count", x->callers[i].count);
			ms_record_add_u64(jo, "bytes", x->callers[i].count * c->object_size);
		}
		return;
	}
	if (!(c->flags & MS_SLAB_STORE_USER)) {
		fprintf(ms_fp, "  (%s has no SLAB_STORE_USER: callers not recorded)\n", c->name);
		return;
	}
	fprintf(ms_fp, "  %-40s  %9s  %12s\n", "CALLER", "OBJECTS", "BYTES");
	for (size_t i = 0; i < x->nr_callers; i++) {
		char cn[160];

		caller_name(x->sess->prog, x->callers[i].caller, cn, sizeof(cn));
		fprintf(ms_fp, "  %-40s  %9" PRIu64 "  %12" PRIu64 "\n", cn, x->callers[i].count,
			x->callers[i].count * c->object_size);
	}
}

/* ---------------------------------------------------------------------- */
/* one cache, every cache                                                 */

/* A cache's row: a new record on the list @caches. */
static void cache_fields(struct ms_record *o, const struct ms_slab_cache *c)
{
	ms_record_add_addr(o, "cache", c->addr);
	ms_record_add_str(o, "name", c->name);
	ms_record_add_u64(o, "objsize", cache_objsize(c));
	ms_record_add_u64(o, "size", c->size);
	ms_record_add_str(o, "allocator", c->slub ? "slub" : "slab");
	ms_record_add_u64(o, "object_size", c->object_size);
	ms_record_add_opt_s64(o, "allocated", !c->incomplete, (int64_t)c->active_objs);
	ms_record_add_opt_s64(o, "total", !c->incomplete, (int64_t)c->num_objs);
	ms_record_add_opt_s64(o, "slabs", !c->incomplete, (int64_t)c->num_slabs);
	ms_record_add_u64(o, "ssize", c->slab_size);
	ms_record_add_u64(o, "objperslab", c->num);
	ms_record_add_u64(o, "cpu_cached", c->cpu_avail);
	ms_record_add_u64(o, "shared_cached", c->shared_avail);
	ms_record_add_u64(o, "alien_cached", c->alien_avail);
	ms_record_add_u64(o, "problems", c->nr_problems);
}

static struct ms_record *cache_json(struct ms_record *caches, const struct ms_slab_cache *c)
{
	struct ms_record *o = ms_record_append_record(caches);

	cache_fields(o, c);
	return o;
}

/* ---------------------------------------------------------------------- */
/* SLUB: kmem -S, kmem ADDR                                               */

static void print_slub_slab_row(const struct ms_slab *s)
{
	fprintf(ms_fp, "  %-16" PRIx64 "  %-16" PRIx64 "  %4d  %5" PRIu64 "  %9" PRIu64 "  %4" PRIu64 "\n",
		s->page, s->s_mem, s->node, s->objects, s->active, s->objects - s->active);
}

/* crash: "  [addr]" handed out; "   addr  " free, "(cpu N cache)" on a CPU's slab */
static void print_slub_obj(const struct ms_slab_obj *o)
{
	if (o->state == MS_SLAB_OBJ_INUSE)
		fprintf(ms_fp, "  [%" PRIx64 "]\n", o->addr);
	else if (o->state == MS_SLAB_OBJ_CPU)
		fprintf(ms_fp, "   %" PRIx64 "  (cpu %d cache)\n", o->addr, o->where);
	else
		fprintf(ms_fp, "   %" PRIx64 "  \n", o->addr);
}

static void slub_json_slab(struct slab_ctx *x, const struct ms_slab *s)
{
	struct ms_record *js = ms_record_append_record(x->jslabs);

	ms_record_add_addr(js, "slab", s->page);
	ms_record_add_addr(js, "memory", s->s_mem);
	ms_record_add_s64(js, "node", s->node);
	ms_record_add_str(js, "list", ms_slab_list_name(s->list));
	if (s->cpu >= 0)
		ms_record_add_s64(js, "cpu", s->cpu);
	ms_record_add_u64(js, "total", s->objects);
	ms_record_add_u64(js, "allocated", s->active);
	ms_record_add_u64(js, "free", s->objects - s->active);
	x->jobjs = s->list == MS_SLAB_CPU_SLAB || s->list == MS_SLAB_CPU_PARTIAL ?
		ms_record_add_list(js, "objects") : NULL;
}

static struct ms_error *SU_section(const struct ms_slab_cache *c, const struct ms_slab_section *sec,
				   void *arg)
{
	struct slab_ctx *x = arg;

	(void)c;
	x->list_header = false;
	if (x->jcache)
		return NULL;
	switch (sec->kind) {
	case MS_SLAB_SEC_CPU:
		fprintf(ms_fp, "CPU %d KMEM_CACHE_CPU:\n  %" PRIx64 "\n", sec->index, sec->addr);
		break;
	case MS_SLAB_SEC_CPU_SLAB:
		fprintf(ms_fp, "CPU %d SLAB:\n%s", sec->index, sec->empty ? "  (empty)\n" : "");
		break;
	case MS_SLAB_SEC_CPU_PARTIAL:
		fprintf(ms_fp, "CPU %d PARTIAL:\n%s", sec->index, sec->empty ? "  (empty)\n" : "");
		break;
	case MS_SLAB_SEC_NODE:
		fprintf(ms_fp, "KMEM_CACHE_NODE   NODE  SLABS  PARTIAL  PER-CPU\n");
		fprintf(ms_fp, "%-16" PRIx64 "  %4d  %5" PRIu64 "  %7" PRIu64 "  %7" PRIu64 "\n",
			sec->addr, sec->index, sec->nr_slabs, sec->nr_partial, sec->per_cpu);
		break;
	case MS_SLAB_SEC_NODE_PARTIAL:
		fprintf(ms_fp, "NODE %d PARTIAL:\n%s", sec->index, sec->empty ? "  (empty)\n" : "");
		break;
	case MS_SLAB_SEC_NODE_FULL:
		fprintf(ms_fp, "NODE %d FULL:\n%s", sec->index, sec->not_tracked ? "  (not tracked)\n" :
			sec->empty ? "  (empty)\n" : "");
		break;
	}
	return ms_interrupted() ? &ms_interrupted_error : NULL;
}

static struct ms_error *SU_slab(const struct ms_slab_cache *c, const struct ms_slab *s, void *arg)
{
	struct slab_ctx *x = arg;
	bool on_cpu = s->list == MS_SLAB_CPU_SLAB || s->list == MS_SLAB_CPU_PARTIAL;

	(void)c;
	if (x->jcache) {
		slub_json_slab(x, s);
		return NULL;
	}
	/* a CPU's slabs with their objects; the nodes' lists one row each */
	if (on_cpu || !x->list_header)
		fprintf(ms_fp, SLUB_SLAB_HDR);
	x->list_header = true;
	print_slub_slab_row(s);
	if (on_cpu)
		fprintf(ms_fp, SLUB_OBJ_HDR);
	return NULL;
}

static struct ms_error *SU_obj(const struct ms_slab_cache *c, const struct ms_slab *s,
			       const struct ms_slab_obj *o, void *arg)
{
	struct slab_ctx *x = arg;

	(void)c;
	if (s->list != MS_SLAB_CPU_SLAB && s->list != MS_SLAB_CPU_PARTIAL)
		return NULL;
	if (x->jcache) {
		struct ms_record *jo = ms_record_append_record(x->jobjs);

		ms_record_add_addr(jo, "address", o->addr);
		ms_record_add_str(jo, "state", obj_state_name(o->state));
		if (o->state == MS_SLAB_OBJ_CPU)
			ms_record_add_s64(jo, "cpu", o->where);
		return NULL;
	}
	print_slub_obj(o);
	return NULL;
}

/* kmem -S on a SLUB cache: crash's do_kmem_cache_slub() after the row */
static int do_cache_slub_verbose(struct slab_ctx *x, struct ms_slab_cache *c)
{
	struct ms_slab_visitor v = { .problem = on_problem, .section = SU_section, .slab = SU_slab,
				     .object = SU_obj };
	FILE *out = ms_fp, *mem;
	char *buf = NULL;
	size_t len = 0;
	struct ms_error *err;

	if (x->jcaches) {
		struct ms_slab_visitor cv = { .problem = NULL };

		err = ms_slab_cache_walk(x->sess->prog, c, &cv, NULL);
		if (!err) {
			x->jcache = cache_json(x->jcaches, c);
			x->jslabs = ms_record_add_list(x->jcache, "slab_list");
			err = ms_slab_cache_walk(x->sess->prog, c, &v, x);
			x->jcache = NULL;
		}
		goto done;
	}
	/* the row (its counts) comes first: the slabs go to memory meanwhile */
	mem = open_memstream(&buf, &len);
	if (!mem)
		return ms_cmd_fail(x->sess, &ms_enomem);
	ms_fp = mem;
	err = ms_slab_cache_walk(x->sess->prog, c, &v, x);
	ms_fp = out;
	fclose(mem);
	if (!err) {
		if (!x->opts->name)
			fprintf(ms_fp, CACHE_HDR);
		print_cache_row(c);
		fwrite(buf, 1, len, ms_fp);
		fputc('\n', ms_fp);
	}
	free(buf);
done:
	if (!err)
		return 0;
	if (err == &ms_interrupted_error)
		return ms_cmd_fail(x->sess, err);
	ms_cmd_fail(x->sess, ms_error_prepend(err, "%s", c->name));
	return -1;
}

/* Count @c and print its row (and with -S its slabs); 0 or -1. */
static int do_cache(struct slab_ctx *x, struct ms_slab_cache *c, bool first)
{
	const struct kmem_slab_opts *o = x->opts;
	struct ms_slab_visitor v = { .problem = on_problem };
	bool json = x->jcaches != NULL;
	struct ms_error *err;

	if (o->verbose && c->slub)
		return do_cache_slub_verbose(x, c);
	if (o->verbose) {
		v.slab = S_slab;
		v.object = S_obj;
		v.check_objects = true;
		v.want_caller = true;
		if (json) {
			/* the row's counts first, then its slabs */
			struct ms_slab_visitor cv = { .problem = NULL };

			err = ms_slab_cache_walk(x->sess->prog, c, &cv, NULL);
			if (err)
				goto fail;
			x->jcache = cache_json(x->jcaches, c);
			x->jslabs = ms_record_add_list(x->jcache, "slab_list");
			err = ms_slab_cache_walk(x->sess->prog, c, &v, x);
			x->jcache = NULL;
			if (err)
				goto fail;
			return 0;
		}
		/*
		 * crash prints the cache's row, with its counts, before its
		 * slabs: the slabs go to memory while the one walk counts.
		 */
		x->out.len = 0;
		x->out.failed = false;
		x->out.on = true;
		err = ms_slab_cache_walk(x->sess->prog, c, &v, x);
		x->out.on = false;
		if (!err && x->out.failed)
			err = &ms_enomem;
		if (!err) {
			fprintf(ms_fp, "%s" CACHE_HDR, first ? "" : "\n");
			print_cache_row(c);
			fwrite(x->out.buf, 1, x->out.len, ms_fp);
		}
		if (err)
			goto fail;
		return 0;
	}
	if (o->callers) {
		v.object = U_obj;
		v.want_caller = true;
		x->nr_callers = 0;
	}
	err = ms_slab_cache_walk(x->sess->prog, c, &v, x);
	if (err)
		goto fail;
	if (c->incomplete)
		ms_cmd_error(x->sess, "%s: cannot gather relevant slab data", c->name);
	if (json) {
		x->jcache = cache_json(x->jcaches, c);
		if (o->callers)
			print_callers(x, c);
		x->jcache = NULL;
	} else {
		print_cache_row(c);
		if (o->callers)
			print_callers(x, c);
	}
	return 0;
fail:
	if (err == &ms_interrupted_error)
		return ms_cmd_fail(x->sess, err);
	ms_cmd_fail(x->sess, ms_error_prepend(err, "%s", c->name));
	c->incomplete = true;
	if (!json)
		print_cache_row(c);
	return -1;
}

/* ---------------------------------------------------------------------- */
/* sorting                                                                */

static const char *const sort_keys[] = {
	"cache", "objsize", "allocated", "total", "slabs", "ssize", "name", "bytes", NULL,
};

static int sort_key;	/* only during qsort(); commands run one at a time */

static uint64_t key_of(const struct ms_slab_cache *c, int k)
{
	switch (k) {
	case 0: return c->addr;
	case 1: return c->size;
	case 2: return c->active_objs;
	case 3: return c->num_objs;
	case 4: return c->num_slabs;
	case 5: return c->slab_size;
	case 7: return c->num_slabs * c->slab_size;
	}
	return 0;
}

static int cmp_cache(const void *a, const void *b)
{
	const struct ms_slab_cache *p = a, *q = b;
	uint64_t x, y;

	if (sort_key == 6)
		return strcmp(p->name, q->name);
	x = key_of(p, sort_key);
	y = key_of(q, sort_key);
	/* numbers: biggest first, as one looks for a leak */
	if (x != y)
		return x < y ? 1 : -1;
	return strcmp(p->name, q->name);
}

int kmem_slab_sort_key(const char *name)
{
	for (int i = 0; sort_keys[i]; i++)
		if (!strcmp(name, sort_keys[i]))
			return i;
	return -1;
}

/* ---------------------------------------------------------------------- */
/* kmem -s ADDR, kmem ADDR                                                */

static struct ms_error *A_slab(const struct ms_slab_cache *c, const struct ms_slab *s, void *arg)
{
	struct slab_ctx *x = arg;
	uint64_t fl_end = s->freelist + c->num;	/* at most; byte or short indices */

	x->slab = *s;
	x->found = true;
	if (c->slub)
		x->where_kind = x->addr >= s->s_mem && x->addr < s->s_mem + s->objects * c->size ? 0 : 2;
	else if (x->addr >= s->s_mem && x->addr < s->s_mem + c->num * c->size)
		x->where_kind = 0;
	else if (x->addr >= s->freelist && x->addr < fl_end + c->num && x->addr < s->s_mem)
		x->where_kind = 1;
	else
		x->where_kind = 2;
	return NULL;
}

static struct ms_error *A_obj(const struct ms_slab_cache *c, const struct ms_slab *s,
			      const struct ms_slab_obj *o, void *arg)
{
	struct slab_ctx *x = arg;

	(void)s;
	if (x->addr >= o->addr && x->addr < o->addr + c->size) {
		x->obj = *o;
		return &ms_stop;
	}
	return NULL;
}

static struct ms_error *A_print_obj(const struct ms_slab_cache *c, const struct ms_slab *s,
				   const struct ms_slab_obj *o, void *arg)
{
	(void)c;
	(void)s;
	(void)arg;
	print_slub_obj(o);
	return NULL;
}

/*
 * kmem ADDR: the walk's problems, kept to say those of the slab shown (its
 * page, or an object of it: a freelist index, an object on two lists).
 */
struct addr_problem {
	uint64_t slab, object;
	char *message;
};

struct addr_problems {
	struct addr_problem *v;
	size_t nr, cap;
};

static void keep_problem(const struct ms_slab_cache *c, const struct ms_slab_problem *p, void *arg)
{
	struct addr_problems *ap = ((struct slab_ctx *)arg)->problems;
	char buf[512], *m;

	if (ap->nr >= 256 || !ms_array_grow(&ap->v, &ap->cap, ap->nr + 1, 8))
		return;
	snprintf(buf, sizeof(buf), "\"%s\" cache %" PRIx64 ": %s", c->name, c->addr, p->message);
	if (!(m = strdup(buf)))
		return;
	ap->v[ap->nr++] = (struct addr_problem){ p->slab, p->object, m };
}

/*
 * Say the problems of slab @s (cache @c), if @s; free them all.  How many
 * were said.
 */
static int say_slab_problems(struct ms_session *sess, struct addr_problems *ap,
			     const struct ms_slab_cache *c, const struct ms_slab *s)
{
	uint64_t end = s ? s->s_mem + (c->slub ? s->objects : c->num) * c->size : 0;
	int n = 0;

	for (size_t i = 0; i < ap->nr; i++) {
		const struct addr_problem *p = &ap->v[i];

		if (s && (p->slab == s->page || (p->object >= s->s_mem && p->object < end))) {
			ms_cmd_error(sess, "%s", p->message);
			n++;
		}
		free(p->message);
	}
	free(ap->v);
	*ap = (struct addr_problems){ 0 };
	return n;
}

/*
 * kmem -s ADDR's record of @p addr: its cache's row (cache_fields()), then
 * where in the slab it is and, in an object, the object and its state.
 */
static void slab_addr_json(struct ms_session *sess, struct ms_record *r, const struct slab_ctx *x,
			   const struct ms_slab_cache *c, uint64_t addr)
{
	static const char *const where[] = { "object", "on-slab freelist", "unused part of slab" };

	cache_fields(r, c);
	ms_record_add_addr(r, "address", addr);
	ms_record_add_addr(r, "slab", x->slab.page);
	ms_record_add_addr(r, "memory", x->slab.s_mem);
	ms_record_add_str(r, "in", where[x->where_kind]);
	if (x->obj.addr && x->where_kind == 0) {
		ms_record_add_addr(r, "object", x->obj.addr);
		ms_record_add_str(r, "state", obj_state_name(x->obj.state));
		if (x->obj.state >= MS_SLAB_OBJ_CPU)
			ms_record_add_s64(r, x->obj.state == MS_SLAB_OBJ_CPU ? "cpu" : "node",
					  x->obj.state == MS_SLAB_OBJ_ALIEN ?
					  x->obj.where / MS_SLAB_MAX_NODES : x->obj.where);
		if (x->obj.caller) {
			char cn[160];

			caller_name(sess->prog, x->obj.caller, cn, sizeof(cn));
			ms_record_add_str(r, "caller", cn);
		}
	}
}

/*
 * The kmem -s ADDR block for @addr, which is in slab page @page of cache
 * @cache_addr; with @p json (kmem ADDR), its record as @p json's "slab".
 */
static int slab_addr_block(struct ms_session *sess, uint64_t addr, uint64_t page,
			   uint64_t cache_addr, bool whole_slab, bool is_page, struct ms_record *json)
{
	struct addr_problems ap = { 0 };
	struct slab_ctx x = { .sess = sess, .addr = addr, .problems = &ap };
	struct ms_slab_visitor v = { .problem = keep_problem, .slab = A_slab, .object = A_obj,
				     .want_caller = true, .only_slab = page, .check_objects = true };
	struct ms_slab_cache c;
	struct ms_error *err;
	int bad;

	err = ms_slab_cache_read(sess->prog, cache_addr, &c);
	if (err)
		return ms_cmd_fail(sess, err);
	/* the counts of the whole cache for its row; the object of this slab */
	{
		struct ms_slab_cache cc = c;

		err = ms_slab_cache_walk(sess->prog, &cc, NULL, NULL);
		if (err)
			return ms_cmd_fail(sess, err);
		x.obj.addr = 0;
		err = ms_slab_cache_walk(sess->prog, &c, &v, &x);
		/* the damage of this slab met by the walk, said before it */
		bad = say_slab_problems(sess, &ap, &c, x.found ? &x.slab : NULL);
		if (err)
			return ms_cmd_fail(sess, err);
		c.num_slabs = cc.num_slabs;
		c.num_objs = cc.num_objs;
		c.active_objs = cc.active_objs;
		c.incomplete = cc.incomplete;
	}
	if (!x.found)
		return ms_cmd_error(sess, "%s: address not found in cache: %" PRIx64, c.name, addr);
	if (json) {
		slab_addr_json(sess, ms_record_add_record(json, "slab"), &x, &c, addr);
		return bad ? -1 : 0;
	}
	if (ms_json(sess)) {
		struct ms_record *doc = ms_record_create(), *l = ms_record_add_list(doc, "caches");

		slab_addr_json(sess, ms_record_append_record(l), &x, &c, addr);
		ms_emit(sess, doc, NULL, NULL);
		return bad ? -1 : 0;
	}
	if (c.slub) {
		/* crash's do_slab_slub() for the address: the slab, its object */
		fprintf(ms_fp, CACHE_HDR);
		print_cache_row(&c);
		fprintf(ms_fp, SLUB_SLAB_HDR);
		print_slub_slab_row(&x.slab);
		fprintf(ms_fp, SLUB_OBJ_HDR);
		if (whole_slab || is_page) {
			struct ms_slab_visitor sv = { .object = A_print_obj, .only_slab = page };

			if ((err = ms_slab_cache_walk(sess->prog, &c, &sv, NULL)))
				return ms_cmd_fail(sess, err);
		} else if (x.obj.addr && x.where_kind == 0) {
			print_slub_obj(&x.obj);
		} else {
			fprintf(ms_fp, "   %" PRIx64 " (unused part of slab)\n", addr);
		}
		return bad ? -1 : 0;
	}
	fprintf(ms_fp, CACHE_HDR);
	print_cache_row(&c);
	fprintf(ms_fp, SLAB_HDR);
	print_slab_row(&x, &c, &x.slab);
	if (whole_slab || is_page) {
		struct slab_ctx y = { .sess = sess };
		struct ms_slab_visitor sv = { .object = S_obj, .want_caller = true, .only_slab = page };

		fprintf(ms_fp, OBJ_HDR);
		err = ms_slab_cache_walk(sess->prog, &c, &sv, &y);
		if (err)
			return ms_cmd_fail(sess, err);
		return bad ? -1 : 0;
	}
	if (x.obj.addr && x.where_kind == 0) {
		fprintf(ms_fp, OBJ_HDR);
		print_obj(&x, &c, &x.obj, x.obj.addr);
	} else if (x.where_kind == 1) {
		fprintf(ms_fp, "   %" PRIx64 " (on-slab freelist)\n", addr);
	} else {
		fprintf(ms_fp, "   %" PRIx64 " (unused part of slab)\n", addr);
	}
	return bad ? -1 : 0;
}

int kmem_slab_identify(struct ms_session *sess, uint64_t addr, bool whole_slab, struct ms_record *json,
		       int *found_ret)
{
	uint64_t page, cache;
	struct ms_error *err = ms_slab_page_of(sess->prog, addr, &page, &cache);
	struct ms_mm_addr ka;

	*found_ret = 0;
	if (ms_error_catch(&err, MS_ERR_LOOKUP))
		return 0;	/* not a SLAB kernel: this step has nothing to say */
	if (err)
		return ms_cmd_fail(sess, err);
	if (!page)
		return 0;
	*found_ret = 1;
	/* a slab's struct page: the whole slab, as crash shows it */
	ms_mm_resolve(sess->prog, addr, false, &ka);
	return slab_addr_block(sess, addr, page, cache, whole_slab, ka.kind == MS_MM_ADDR_PAGE, json);
}

/* ---------------------------------------------------------------------- */
/* the entry point                                                        */

int kmem_slab(struct ms_session *sess, const struct kmem_slab_opts *o)
{
	struct ms_program *prog = sess->prog;
	struct slab_ctx x = { .sess = sess, .opts = o };
	struct kmem_slab_opts by_addr;
	bool json = ms_json(sess);
	struct ms_record *doc = NULL;
	struct ms_slab_cache *v = NULL;
	size_t nr = 0;
	struct ms_error *err;
	int rc = 0;
	bool any = false;

	err = ms_slab_caches_read(prog, &v, &nr);
	if (err) {
		if (err->kind == MS_ERR_LOOKUP) {
			ms_error_destroy(err);
			return ms_cmd_error(sess, "kmem cache slab subsystem not available");
		}
		return ms_cmd_fail(sess, err);
	}
	if (o->has_addr) {
		/* a kmem_cache address selects that cache, as a name does */
		for (size_t i = 0; i < nr; i++) {
			if (v[i].addr == o->addr) {
				by_addr = *o;
				by_addr.has_addr = false;
				by_addr.name = v[i].name;
				o = &by_addr;
				break;
			}
		}
		if (o->has_addr) {
			int found;

			free(v);
			rc = kmem_slab_identify(sess, o->addr, o->verbose, NULL, &found);
			if (!found && !rc)
				return ms_cmd_error(sess, "address is not allocated in slab subsystem: %" PRIx64,
						    o->addr);
			return rc;
		}
	}
	if (o->list) {
		if (json) {
			doc = ms_record_create();
			x.jcaches = ms_record_add_list(doc, "caches");
			for (size_t i = 0; i < nr; i++) {
				struct ms_record *r = ms_record_append_record(x.jcaches);

				ms_record_add_addr(r, "cache", v[i].addr);
				ms_record_add_str(r, "name", v[i].name);
			}
			ms_emit(sess, doc, NULL, NULL);
		}
		for (size_t i = 0; !json && i < nr; i++)
			fprintf(ms_fp, "%" PRIx64 " %s\n", v[i].addr, v[i].name);
		free(v);
		return 0;
	}
	x.opts = o;
	if (json) {
		doc = ms_record_create();
		x.jcaches = ms_record_add_list(doc, "caches");
	} else if (!o->verbose || o->name) {
		fprintf(ms_fp, CACHE_HDR);
	}
	if (o->sort_key >= 0 && !o->name) {
		/* count all, sort, print */
		for (size_t i = 0; i < nr; i++) {
			struct ms_slab_visitor pv = { .problem = on_problem };

			err = ms_slab_cache_walk(prog, &v[i], &pv, &x);
			if (err) {
				if (err == &ms_interrupted_error) {
					rc = ms_cmd_fail(sess, err);
					goto out;
				}
				rc |= ms_cmd_fail(sess, ms_error_prepend(err, "%s", v[i].name));
				v[i].incomplete = true;
			}
		}
		sort_key = o->sort_key;
		qsort(v, nr, sizeof(*v), cmp_cache);
		for (size_t i = 0; i < nr; i++) {
			if (json)
				cache_json(x.jcaches, &v[i]);
			else
				print_cache_row(&v[i]);
		}
		goto out;
	}
	for (size_t i = 0; i < nr; i++) {
		if (o->name && strcmp(o->name, v[i].name))
			continue;
		if (ms_interrupted()) {
			rc = -1;
			break;
		}
		rc |= do_cache(&x, &v[i], !any || o->name);
		any = true;
		if (o->name)
			break;
	}
out:
	if (doc)
		ms_emit(sess, doc, NULL, NULL);
	if (x.nr_problems)
		ms_cmd_error(sess, "%" PRIu64 " error%s encountered", x.nr_problems,
			     x.nr_problems > 1 ? "s" : "");
	free(x.callers);
	free(x.out.buf);
	free(v);
	return rc || x.nr_problems ? -1 : 0;
}
