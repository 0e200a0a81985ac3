// SPDX-License-Identifier: GPL-2.0-only
/*
 * scenario.c - the scenario interpreter (mmscope-scenario(5)).
 *
 * A line is a step: a keyword, then words.  Words are bare (`order=3`,
 * `GFP_KERNEL|__GFP_ZERO`) or double-quoted with \" and \\ escapes, and
 * a bare word may hold a quoted part (`args="sshd -D"`); `#` outside
 * quotes starts a comment.  Each step kind has a check function,
 * run at parse time on every step so that errors surface before boot, and
 * a run function.  Both read the words through the scn_arg_* helpers, which
 * name the offending word on error; at run time the words are known good.
 */
#include <ctype.h>
#include <errno.h>
#include <setjmp.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refmm/machine.h"
#include "refmm/scenario.h"
#include "refmm/scn_steps.h"

/* ------------------------------------------------------------------ */
/* errors                                                              */

static const char *word_of(struct scn_ctx *c, const char *val);

/* @word may point into a word of the step: the whole word is named. */
void scn_error(struct scn_ctx *c, const char *word, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (c->failed)
		return;
	if (word)
		word = word_of(c, word);
	c->failed = 1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (word)
		snprintf(c->err, c->errlen, "%s:%d: \"%s\": %s", c->file, c->step->line, word, msg);
	else
		snprintf(c->err, c->errlen, "%s:%d: %s", c->file, c->step->line, msg);
}

/* ------------------------------------------------------------------ */
/* words                                                               */

int scn_parse_size(const char *s, uint64_t *ret)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno)
		return -1;
	switch (toupper((unsigned char)*end)) {
	case 'K': shift = 10; end++; break;
	case 'M': shift = 20; end++; break;
	case 'G': shift = 30; end++; break;
	case 'T': shift = 40; end++; break;
	}
	if (shift && (*end == 'i' || *end == 'I'))
		end++;
	if (shift && (*end == 'B' || *end == 'b'))
		end++;
	if (*end || (shift && v > (~0ULL >> shift)))
		return -1;
	*ret = (uint64_t)v << shift;
	return 0;
}

static int parse_u64(const char *s, uint64_t *ret)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	*ret = strtoull(s, &end, 0);
	return (errno || *end) ? -1 : 0;
}

/* The word "key=value" for @key, or NULL.  Marks it used. */
static const char *find_key(struct scn_ctx *c, const char *key)
{
	struct scn_step *st = c->step;
	size_t kl = strlen(key);

	for (int i = 1; i < st->argc; i++)
		if (!strncmp(st->argv[i], key, kl) && st->argv[i][kl] == '=') {
			st->used |= 1ULL << i;
			return st->argv[i] + kl + 1;
		}
	return NULL;
}

static const char *word_of(struct scn_ctx *c, const char *val)
{
	struct scn_step *st = c->step;

	for (int i = 1; i < st->argc; i++)
		if (val >= st->argv[i] && val <= st->argv[i] + strlen(st->argv[i]))
			return st->argv[i];
	return val;
}

const char *scn_arg_pos(struct scn_ctx *c, int n, const char *what)
{
	struct scn_step *st = c->step;
	int seen = 0;

	for (int i = 1; i < st->argc; i++) {
		if (!st->quoted[i] && strchr(st->argv[i], '='))
			continue;
		if (seen++ == n) {
			st->used |= 1ULL << i;
			return st->argv[i];
		}
	}
	if (what)
		scn_error(c, st->argv[0], "missing %s", what);
	return NULL;
}

int scn_arg_has_pos(struct scn_ctx *c, int n)
{
	struct scn_step *st = c->step;
	int seen = 0;

	for (int i = 1; i < st->argc; i++) {
		if (!st->quoted[i] && strchr(st->argv[i], '='))
			continue;
		if (seen++ == n)
			return 1;
	}
	return 0;
}

const char *scn_arg_str(struct scn_ctx *c, const char *key, const char *def)
{
	const char *v = find_key(c, key);

	return v ? v : def;
}

/*
 * "N/G": N for each GiB of RAM, so that one scenario scales with the memory
 * it is given (gen --mem).  The RAM is known only once refmm has booted: at
 * parse time N itself is checked, at run time N * RAM / 1 GiB, rounded up
 * (a scaled count never drops to 0).
 */
static int parse_per_gib(struct scn_ctx *c, const char *v, uint64_t *ret)
{
	char buf[32];
	size_t len = strlen(v);
	uint64_t n;

	if (len < 3 || len >= sizeof(buf) || strcmp(v + len - 2, "/G"))
		return 0;
	memcpy(buf, v, len - 2);
	buf[len - 2] = 0;
	if (parse_u64(buf, &n) < 0 || n > (1ULL << 32))
		return -1;
	if (c->run) {
		unsigned __int128 b = (unsigned __int128)n * refmm_ram_bytes();

		n = (uint64_t)((b + (1ULL << 30) - 1) >> 30);
	}
	*ret = n;
	return 1;
}

uint64_t scn_arg_num(struct scn_ctx *c, const char *key, uint64_t def, uint64_t min, uint64_t max)
{
	const char *v = find_key(c, key);
	uint64_t n;
	int per_gib;

	if (!v)
		return def;
	per_gib = parse_per_gib(c, v, &n);
	if (per_gib < 0 || (!per_gib && parse_u64(v, &n) < 0)) {
		scn_error(c, word_of(c, v), per_gib ? "not a number per GiB (N/G)" : "not a number");
		return def;
	}
	if (n < min || n > max) {
		scn_error(c, word_of(c, v), "%s must be %" PRIu64 "..%" PRIu64, key, min, max);
		return def;
	}
	return n;
}

uint64_t scn_word_num(struct scn_ctx *c, const char *word, uint64_t min, uint64_t max)
{
	uint64_t n;

	if (parse_u64(word, &n) < 0) {
		scn_error(c, word, "not a number");
		return min;
	}
	if (n < min || n > max) {
		scn_error(c, word, "must be %" PRIu64 "..%" PRIu64, min, max);
		return min;
	}
	return n;
}

/* "A-B" or "A" into [*lo, *hi] within [min, max]. */
void scn_arg_range(struct scn_ctx *c, const char *key, uint64_t *lo, uint64_t *hi,
		   uint64_t min, uint64_t max)
{
	const char *v = find_key(c, key);
	char buf[64], *dash;
	uint64_t a, b;

	if (!v)
		return;
	snprintf(buf, sizeof buf, "%s", v);
	dash = strchr(buf, '-');
	if (dash)
		*dash++ = 0;
	if (parse_u64(buf, &a) < 0 || (dash && parse_u64(dash, &b) < 0)) {
		scn_error(c, word_of(c, v), "expected N or N-M");
		return;
	}
	if (!dash)
		b = a;
	if (a > b || a < min || b > max) {
		scn_error(c, word_of(c, v), "%s must lie within %" PRIu64 "..%" PRIu64, key, min, max);
		return;
	}
	*lo = a;
	*hi = b;
}

/* Reject unknown words: call after a check function took what it knows. */
static void check_unused(struct scn_ctx *c)
{
	struct scn_step *st = c->step;

	for (int i = 1; i < st->argc; i++)
		if (!(st->used & (1ULL << i))) {
			const char *eq = st->quoted[i] ? NULL : strchr(st->argv[i], '=');

			if (eq)
				scn_error(c, st->argv[i], "unknown option \"%.*s\" for %s",
					  (int)(eq - st->argv[i]), st->argv[i], st->argv[0]);
			else
				scn_error(c, st->argv[i], "unexpected word after %s", st->argv[0]);
			return;
		}
}

/* ------------------------------------------------------------------ */
/* boot parameters                                                     */

static void check_mem(struct scn_ctx *c)
{
	const char *w = scn_arg_pos(c, 0, "size (e.g. 256M)");
	uint64_t v;

	if (!w)
		return;
	if (scn_parse_size(w, &v) < 0 || !v) {
		scn_error(c, w, "not a size (e.g. 64M, 4G)");
		return;
	}
	if (c->params) {
		c->params->mem_bytes = v;
		c->params->set |= SCN_SET_MEM;
	}
}

static void check_nodes(struct scn_ctx *c)
{
	const char *w = scn_arg_pos(c, 0, "number of nodes");

	if (w && c->params) {
		c->params->nr_nodes = (int)scn_word_num(c, w, 1, 64);
		c->params->set |= SCN_SET_NODES;
	}
}

static void check_cpus(struct scn_ctx *c)
{
	const char *w = scn_arg_pos(c, 0, "number of cpus");

	if (w && c->params) {
		c->params->nr_cpus = (int)scn_word_num(c, w, 1, 4096);
		c->params->set |= SCN_SET_CPUS;
	}
}

static void check_seed(struct scn_ctx *c)
{
	const char *w = scn_arg_pos(c, 0, "seed");

	if (w && c->params) {
		c->params->seed = scn_word_num(c, w, 0, UINT64_MAX);
		c->params->set |= SCN_SET_SEED;
	}
}

/* slab_nomerge, as on the kernel command line: no cache merging at all */
static void check_nomerge(struct scn_ctx *c)
{
	if (c->params) {
		c->params->slab_nomerge = 1;
		c->params->set |= SCN_SET_NOMERGE;
	}
}

static void check_panic(struct scn_ctx *c)
{
	scn_arg_pos(c, 0, "message (panic \"message\")");
}

/* ------------------------------------------------------------------ */
/* the program                                                         */

/*
 * Every step kind.  SCN_BOOT steps only configure the machine; SCN_RUN
 * steps run in order after boot; SCN_PANIC ends the run.  Page steps are
 * in scenario_pages.c, object steps (caches, kmalloc, mempools) and the
 * clock in scenario_slab.c, vmalloc, tasks, mappings, the page cache and
 * memory pressure in scenario_procs.c; new kinds add a row here and their
 * functions in a scenario_*.c of their own.
 */
static const struct scn_kind scn_kinds[] = {
	{ "mem", SCN_BOOT, check_mem, NULL },
	{ "nodes", SCN_BOOT, check_nodes, NULL },
	{ "cpus", SCN_BOOT, check_cpus, NULL },
	{ "seed", SCN_BOOT, check_seed, NULL },
	{ "slab_nomerge", SCN_BOOT, check_nomerge, NULL },
	{ "alloc", SCN_RUN, scn_check_alloc, scn_run_alloc },
	{ "fill", SCN_RUN, scn_check_fill, scn_run_fill },
	{ "free", SCN_RUN, scn_check_free, scn_run_free },
	{ "storm", SCN_RUN, scn_check_storm, scn_run_storm },
	{ "write", SCN_RUN, scn_check_write, scn_run_write },
	{ "cpu", SCN_RUN, scn_check_cpu, scn_run_cpu },
	{ "drain", SCN_RUN, scn_check_noargs, scn_run_drain },
	{ "check", SCN_RUN, scn_check_noargs, scn_run_check },
	{ "sleep", SCN_RUN, scn_check_sleep, scn_run_sleep },
	{ "kmem_cache_create", SCN_RUN, scn_check_cache_create, scn_run_cache_create },
	{ "kmem_cache_destroy", SCN_RUN, scn_check_cache_destroy, scn_run_cache_destroy },
	{ "kmem_cache_shrink", SCN_RUN, scn_check_cache_name, scn_run_cache_shrink },
	{ "kmem_cache_tune", SCN_RUN, scn_check_cache_tune, scn_run_cache_tune },
	{ "kmem_cache_alloc", SCN_RUN, scn_check_cache_alloc, scn_run_cache_alloc },
	{ "kmem_cache_free", SCN_RUN, scn_check_objfree, scn_run_cache_free },
	{ "kmem_cache_storm", SCN_RUN, scn_check_cache_storm, scn_run_cache_storm },
	{ "kmalloc", SCN_RUN, scn_check_kmalloc, scn_run_kmalloc },
	{ "kfree", SCN_RUN, scn_check_objfree, scn_run_kfree },
	{ "kmalloc_storm", SCN_RUN, scn_check_kmalloc_storm, scn_run_kmalloc_storm },
	{ "leak", SCN_RUN, scn_check_leak, scn_run_leak },
	{ "mempool_create", SCN_RUN, scn_check_mempool_create, scn_run_mempool_create },
	{ "mempool_alloc", SCN_RUN, scn_check_mempool_alloc, scn_run_mempool_alloc },
	{ "mempool_free", SCN_RUN, scn_check_objfree, scn_run_mempool_free },
	{ "mempool_resize", SCN_RUN, scn_check_mempool_resize, scn_run_mempool_resize },
	{ "mempool_destroy", SCN_RUN, scn_check_mempool_destroy, scn_run_mempool_destroy },
	{ "failslab", SCN_RUN, scn_check_failslab, scn_run_failslab },
	{ "spawn", SCN_RUN, scn_check_spawn, scn_run_spawn },
	{ "fork", SCN_RUN, scn_check_fork, scn_run_fork },
	{ "exec", SCN_RUN, scn_check_exec, scn_run_exec },
	{ "exit", SCN_RUN, scn_check_exit, scn_run_exit },
	{ "run", SCN_RUN, scn_check_run, scn_run_run },
	{ "state", SCN_RUN, scn_check_state, scn_run_state },
	{ "mmap", SCN_RUN, scn_check_mmap, scn_run_mmap },
	{ "munmap", SCN_RUN, scn_check_munmap, scn_run_munmap },
	{ "mprotect", SCN_RUN, scn_check_mprotect, scn_run_mprotect },
	{ "brk", SCN_RUN, scn_check_brk, scn_run_brk },
	{ "touch", SCN_RUN, scn_check_touch, scn_run_touch },
	{ "read", SCN_RUN, scn_check_read, scn_run_read },
	{ "bread", SCN_RUN, scn_check_bread, scn_run_bread },
	{ "reclaim", SCN_RUN, scn_check_reclaim, scn_run_reclaim },
	{ "sysctl", SCN_RUN, scn_check_sysctl, scn_run_sysctl },
	{ "printk", SCN_RUN, scn_check_printk, scn_run_printk },
	{ "vmalloc", SCN_RUN, scn_check_vmalloc, scn_run_vmalloc },
	{ "vfree", SCN_RUN, scn_check_vfree, scn_run_vfree },
	{ "vmap", SCN_RUN, scn_check_vmap, scn_run_vmap },
	{ "ioremap", SCN_RUN, scn_check_ioremap, scn_run_ioremap },
	{ "vmalloc_storm", SCN_RUN, scn_check_vmalloc_storm, scn_run_vmalloc_storm },
	{ "panic", SCN_PANIC, check_panic, NULL },
	{ NULL, 0, NULL, NULL },
};

static const struct scn_kind *find_kind(const char *name)
{
	for (const struct scn_kind *k = scn_kinds; k->name; k++)
		if (!strcmp(k->name, name))
			return k;
	return NULL;
}

struct scenario {
	char *file, *name;
	struct scn_step *steps;
	int nr_steps;
	struct scn_params params;
};

const char *scenario_name(const struct scenario *s) { return s->name; }
const struct scn_params *scenario_params(const struct scenario *s) { return &s->params; }

static void step_free(struct scn_step *st)
{
	for (int i = 0; i < st->argc; i++)
		free(st->argv[i]);
}

void scenario_free(struct scenario *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->nr_steps; i++)
		step_free(&s->steps[i]);
	free(s->steps);
	free(s->file);
	free(s->name);
	free(s);
}

/* Split one line into words.  -1 with a message on a bad quote. */
static int split_line(struct scn_ctx *c, const char *line, struct scn_step *st)
{
	const char *p = line;

	st->argc = 0;
	for (;;) {
		char buf[1024];
		size_t n = 0;
		int quoted = 0;

		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			return 0;
		if (st->argc == SCN_MAX_WORDS) {
			scn_error(c, NULL, "too many words (at most %d)", SCN_MAX_WORDS);
			return -1;
		}
		if (*p == '"') {
			const char *start = p++;

			quoted = 1;
			for (;;) {
				if (!*p) {
					scn_error(c, start, "unterminated string");
					return -1;
				}
				if (*p == '"') {
					p++;
					break;
				}
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				if (n < sizeof buf - 1)
					buf[n++] = *p;
				p++;
			}
			if (*p && *p != ' ' && *p != '\t' && *p != '#' && *p != '\r') {
				scn_error(c, start, "text right after a closing quote");
				return -1;
			}
		} else {
			while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '#') {
				/* key="a value with spaces": quotes inside a word */
				if (*p == '"') {
					const char *start = p++;

					while (*p != '"') {
						if (!*p) {
							scn_error(c, start, "unterminated string");
							return -1;
						}
						if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
							p++;
						if (n < sizeof buf - 1)
							buf[n++] = *p;
						p++;
					}
					p++;
					continue;
				}
				if (n < sizeof buf - 1)
					buf[n++] = *p;
				p++;
			}
		}
		buf[n] = 0;
		st->quoted[st->argc] = quoted;
		st->argv[st->argc] = strdup(buf);
		if (!st->argv[st->argc]) {
			scn_error(c, NULL, "out of memory");
			return -1;
		}
		st->argc++;
	}
}

struct scenario *scenario_parse(const char *file, const char *name, const char *text,
				char *err, size_t errlen)
{
	struct scenario *s = calloc(1, sizeof *s);
	struct scn_ctx c;
	const char *p = text;
	int lineno = 0, cap = 0, seen_run = 0, seen_panic = 0;

	memset(&c, 0, sizeof c);
	c.file = file;
	c.err = err;
	c.errlen = errlen;
	if (!s) {
		snprintf(err, errlen, "%s: out of memory", file);
		return NULL;
	}
	s->file = strdup(file);
	s->name = strdup(name);
	c.params = &s->params;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, len);
		struct scn_step st;

		p += len + (nl ? 1 : 0);
		lineno++;
		memset(&st, 0, sizeof st);
		st.line = lineno;
		c.step = &st;
		if (!line || split_line(&c, line, &st) < 0) {
			if (!line)
				snprintf(err, errlen, "%s: out of memory", file);
			free(line);
			step_free(&st);
			goto fail;
		}
		free(line);
		if (!st.argc)
			continue;
		st.kind = find_kind(st.argv[0]);
		if (!st.kind) {
			scn_error(&c, st.argv[0], "unknown step (see mmscope-scenario(5))");
			step_free(&st);
			goto fail;
		}
		st.used = 1;
		if (seen_panic) {
			scn_error(&c, st.argv[0], "step after panic (the run ends at panic)");
		} else if (st.kind->type == SCN_BOOT && seen_run) {
			scn_error(&c, st.argv[0], "boot parameter after the first step that runs");
		} else {
			st.kind->check(&c);
			check_unused(&c);
		}
		if (c.failed) {
			step_free(&st);
			goto fail;
		}
		if (st.kind->type != SCN_BOOT)
			seen_run = 1;
		if (st.kind->type == SCN_PANIC)
			seen_panic = 1;
		if (s->nr_steps == cap) {
			struct scn_step *n;

			cap = cap ? 2 * cap : 32;
			n = realloc(s->steps, (size_t)cap * sizeof *n);
			if (!n) {
				snprintf(err, errlen, "%s: out of memory", file);
				step_free(&st);
				goto fail;
			}
			s->steps = n;
		}
		s->steps[s->nr_steps++] = st;
	}
	return s;
fail:
	scenario_free(s);
	return NULL;
}

struct scenario *scenario_load(const char *path, char *err, size_t errlen)
{
	struct scenario *s = NULL;
	char *text = NULL, *name, *dot;
	const char *base;
	size_t len = 0, cap = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		snprintf(err, errlen, "cannot open scenario %s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t n;

		if (cap - len < 4096) {
			char *t = realloc(text, cap = cap ? 2 * cap : 65536);

			if (!t) {
				snprintf(err, errlen, "%s: out of memory", path);
				goto out;
			}
			text = t;
		}
		n = fread(text + len, 1, cap - len - 1, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "cannot read scenario %s: %s", path, strerror(errno));
		goto out;
	}
	text[len] = 0;
	if (strlen(text) != len) {
		snprintf(err, errlen, "%s: not a text file (contains a NUL byte)", path);
		goto out;
	}
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	name = strdup(base);
	if (!name) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto out;
	}
	dot = strrchr(name, '.');
	if (dot && !strcmp(dot, ".scn"))
		*dot = 0;
	s = scenario_parse(path, name, text, err, errlen);
	free(name);
out:
	free(text);
	fclose(f);
	return s;
}

const struct scn_builtin *scenario_builtin(const char *name)
{
	for (int i = 0; i < refmm_nr_builtin_scenarios; i++)
		if (!strcmp(refmm_builtin_scenarios[i].name, name))
			return &refmm_builtin_scenarios[i];
	return NULL;
}

/*
 * The "crash kernel" of a scenario run: panic() jumps here (through
 * refmm_crash_kexec_hook) and the run ends, whichever step panicked; the
 * machine stays as it was at the panic for the dump.
 */
static jmp_buf scn_crash_jmp;

static __attribute__((noreturn)) void scn_crash_kexec(void)
{
	longjmp(scn_crash_jmp, 1);
}

int scenario_run(struct scenario *s, uint64_t seed, char *err, size_t errlen)
{
	struct scn_ctx c;
	volatile int ret = 0;
	volatile int i;

	memset(&c, 0, sizeof c);
	c.file = s->file;
	c.err = err;
	c.errlen = errlen;
	c.seed = seed;
	c.run = scn_run_create();
	c.slab = scn_slab_create();
	c.procs = scn_procs_create();
	if (!c.run || !c.slab || !c.procs) {
		scn_run_destroy(c.run);
		scn_slab_destroy(c.slab);
		scn_procs_destroy(c.procs);
		snprintf(err, errlen, "%s: out of memory", s->file);
		return -1;
	}
	i = 0;
	if (setjmp(scn_crash_jmp)) {
		/* panicked in step i: that is where the run ends */
		refmm_crash_kexec_hook = NULL;
		goto out;
	}
	refmm_crash_kexec_hook = scn_crash_kexec;
	for (; i < s->nr_steps; i++) {
		struct scn_step *st = &s->steps[i];

		c.step = st;
		if (st->kind->type == SCN_BOOT)
			continue;
		if (st->kind->type == SCN_PANIC) {
			scn_do_panic(&c, scn_arg_pos(&c, 0, NULL));
			break;
		}
		st->kind->run(&c);
		if (c.failed) {
			ret = -1;
			break;
		}
	}
	refmm_crash_kexec_hook = NULL;
out:
	scn_run_destroy(c.run);
	scn_slab_destroy(c.slab);
	scn_procs_destroy(c.procs);
	return ret;
}
