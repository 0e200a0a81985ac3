/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_types_cmds.c - the struct, union, whatis, p and sym commands over
 * typesprog_dw5's initialised data (its PT_LOAD segments stand in for a
 * dump), with the session layer stubbed.  gdb is the oracle where it prints
 * the same thing: "struct NAME ADDR" is gdb's "p VAR" with "$1 = " replaced
 * by "struct NAME "; the rest are crash's formats (crash-spec §2.9-2.13).
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/command.h"
#include "core/dump.h"
#include "core/error.h"
#include "core/output.h"
#include "core/session.h"
#include "core/symbols.h"
#include "core/types.h"
#include "core/value.h"
#include "tests/unit/test_typesprog_util.h"

extern const struct ms_command cmd_struct, cmd_union, cmd_whatis, cmd_p, cmd_sym, cmd_ptype;

/* ------------------------------------------------------------ session stubs */

FILE *ms_fp;
static struct ms_session sess;
static FILE *errs;	/* what ms_error_emit wrote */

void ms_error_emit(struct ms_session *s, const char *text)
{
	(void)s;
	fputs(text, ms_fp);
}

int ms_cmd_error(struct ms_session *s, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(ms_fp, "%s: %s\n", s->cmd_name, buf);
	s->cmd_failed = true;
	return -1;
}

int ms_cmd_fail(struct ms_session *s, struct ms_error *err)
{
	if (err->kind != MS_ERR_INTERRUPTED)
		ms_cmd_error(s, "%s", err->message);
	ms_error_destroy(err);
	return -1;
}

void ms_warn(struct ms_session *s, const char *fmt, ...)
{
	va_list ap;

	(void)s;
	fputs("WARNING: ", ms_fp);
	va_start(ap, fmt);
	vfprintf(ms_fp, fmt, ap);
	va_end(ap);
	fputc('\n', ms_fp);
}

int ms_cmd_usage(struct ms_session *s, const struct ms_command *cmd)
{
	fprintf(ms_fp, "Usage:\n  %s\nEnter \"help %s\" for details.\n", cmd->synopsis, cmd->name);
	s->cmd_failed = true;
	return -1;
}

bool ms_interrupted(void)
{
	return false;
}

struct ms_error *ms_parse_addr(const char *s, unsigned long long *ret)
{
	char *end;

	*ret = strtoull(s, &end, 16);
	if (*end || end == s)
		return ms_error_usage("invalid input: \"%s\"", s);
	return NULL;
}

bool ms_is_addr(const char *s)
{
	unsigned long long v;

	return ms_error_ok(ms_parse_addr(s, &v));
}

struct ms_error *ms_parse_addr_or_symbol(struct ms_program *prog, const char *s, unsigned long long *ret)
{
	const struct ms_symbol *sym;

	if (ms_is_addr(s))
		return ms_parse_addr(s, ret);
	sym = ms_symbol_find(prog, s);
	if (!sym)
		return ms_error_lookup(s, "symbol not found: %s", s);
	*ret = sym->value;
	return NULL;
}

/* ------------------------------------------------------------ the "dump" */

static char exe[1024];

static int image_read(uint64_t addr, void *buf, size_t len)
{
	return tu_image_copy(addr, buf, len);
}

static int setup(void **state)
{
	(void)state;
	sess.prog = tu_load(exe, NULL);
	if (!sess.prog)
		return -1;
	sess.radix = 10;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_unload(sess.prog);
	sess.prog = NULL;
	return 0;
}

/* Run "cmd args..." and return its output (malloc'ed); *rc gets the handler's status. */
static char *run_cmd(const char *line, int *rc)
{
	char *buf = NULL, *copy = strdup(line);
	size_t sz = 0;
	char *argv[32];
	int argc = 0;

	for (char *save, *w = strtok_r(copy, " ", &save); w && argc < 31; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	const struct ms_command *cmds[] = { &cmd_struct, &cmd_union, &cmd_whatis, &cmd_p, &cmd_sym, &cmd_ptype };
	const struct ms_command *cmd = NULL;
	for (size_t i = 0; i < 6; i++)
		if (!strcmp(cmds[i]->name, argv[0]) || (argv[0][0] == 'p' && argv[0][1] == '/' && cmds[i] == &cmd_p))
			cmd = cmds[i];
	assert_non_null(cmd);
	ms_fp = open_memstream(&buf, &sz);
	sess.cmd_name = cmd->name;
	sess.cmd = cmd;
	ms_options_getopt_string(cmd, sess.cmd_optstring, sizeof(sess.cmd_optstring));
	sess.cmd_failed = false;
	optind = 0;
	int r = cmd->handler(&sess, argc, argv);
	if (sess.cmd_failed)
		r = -1;
	fclose(ms_fp);
	ms_fp = stdout;
	free(copy);
	if (rc)
		*rc = r;
	return buf;
}

static void expect(const char *line, int want_rc, const char *want)
{
	int rc;
	char *out = run_cmd(line, &rc);

	if (rc != want_rc || strcmp(out, want))
		fail_msg("%s (rc %d):\n--- got ---\n%s--- want (rc %d) ---\n%s", line, rc, out, want_rc, want);
	free(out);
}

static char *gdb_print(const char *var)
{
	char cmd[1400];

	snprintf(cmd, sizeof(cmd), "gdb -batch -nx -ex 'set print pretty on' -ex 'p %s' %s 2>&1", var, exe);
	return tu_run_any(cmd);
}

/* ------------------------------------------------------------ tests */

static void test_struct_layout(void **state)
{
	(void)state;
	expect("struct list_head", 0,
	       "struct list_head {\n    struct list_head *next;\n    struct list_head *prev;\n}\nSIZE: 16\n");
	expect("struct -o list_head", 0,
	       "struct list_head {\n   [0] struct list_head *next;\n   [8] struct list_head *prev;\n}\nSIZE: 16\n");
	expect("struct list_head -x", 0,
	       "struct list_head {\n    struct list_head *next;\n    struct list_head *prev;\n}\nSIZE: 0x10\n");
	expect("struct tp_cache.list", 0, "struct tp_cache {\n  [16] struct list_head list;\n}\n");
	expect("struct tp_zone.free_area[3].nr_free", 0,
	       "struct tp_zone {\n   [424] unsigned long nr_free;\n}\n");
	expect("struct -o tp_bits", 0,
	       "struct tp_bits {\n"
	       "   [0] unsigned int a : 3;\n"
	       "   [0] int b : 5;\n"
	       "   [1] unsigned long c : 40;\n"
	       "   [8] unsigned int d : 20;\n"
	       "  [11] unsigned char e;\n"
	       "  [12] unsigned short f : 9;\n"
	       "  [13] signed char g : 2;\n"
	       "  [13] _Bool h : 1;\n"
	       "  [16] long long i : 33;\n"
	       "  [24] unsigned int j : 7;\n"
	       "}\nSIZE: 32\n");
	expect("union tp_union", 0,
	       "union tp_union {\n    int i;\n    unsigned char bytes[8];\n    struct {\n        short lo;\n"
	       "        short hi;\n    } half;\n}\nSIZE: 8\n");
	/* typedefs of structs work too, and the anonymous members are expanded */
	expect("struct pg_data_t.nr_zones", 0, "struct pglist_data {\n  [4864] int nr_zones;\n}\n");
	expect("struct -o tp_page", 0,
	       "struct tp_page {\n"
	       "   [0] unsigned long flags;\n"
	       "       union {\n"
	       "   [8]     void *mapping;\n"
	       "   [8]     void *s_mem;\n"
	       "       };\n"
	       "       struct {\n"
	       "           union {\n"
	       "  [16]         unsigned long index;\n"
	       "  [16]         void *freelist;\n"
	       "  [16]         _Bool pfmemalloc;\n"
	       "           };\n"
	       "           union {\n"
	       "  [24]         unsigned long counters;\n"
	       "               struct {\n"
	       "                   union {\n"
	       "  [24]                 atomic_t _mapcount;\n"
	       "                       struct {\n"
	       "  [24]                     unsigned int inuse : 16;\n"
	       "  [26]                     unsigned int objects : 15;\n"
	       "  [27]                     unsigned int frozen : 1;\n"
	       "                       };\n"
	       "  [24]                 int units;\n"
	       "                   };\n"
	       "  [28]             atomic_t _count;\n"
	       "               };\n"
	       "  [24]         unsigned int active;\n"
	       "           };\n"
	       "       };\n"
	       "       union {\n"
	       "  [32]     struct list_head lru;\n"
	       "           struct {\n"
	       "  [32]         struct tp_page *next;\n"
	       "  [40]         int pages;\n"
	       "  [44]         int pobjects;\n"
	       "           };\n"
	       "  [32]     struct callback_head callback_head;\n"
	       "       };\n"
	       "       union {\n"
	       "  [48]     unsigned long private;\n"
	       "  [48]     struct tp_cache *slab_cache;\n"
	       "  [48]     struct tp_page *first_page;\n"
	       "       };\n"
	       "}\nSIZE: 56\n");
}

static void test_struct_errors(void **state)
{
	(void)state;
	expect("struct nosuch", -1, "struct: invalid data structure reference: nosuch\n");
	expect("struct tp_cache.nosuch", -1, "struct: invalid data structure reference: tp_cache.nosuch\n");
	expect("struct tp_union", -1, "struct: data type mismatch: tp_union is not a struct\n");
	expect("union tp_cache", -1, "union: data type mismatch: tp_cache is not a union\n");
	expect("struct tp_cache.", -1, "struct: invalid format: tp_cache.\n");
	expect("struct tp_cache.name,size", -1, "struct: multiple member format not supported in this syntax\n");
	expect("struct tp_cache -c 2", -1, "struct: no kernel virtual address argument entered\n");
	expect("struct tp_cache -x -d", -1, "struct: -d and -x are mutually exclusive\n");
	expect("struct tp_cache a b c d", -1, "struct: too many arguments!\n");
	expect("struct tp_cache nosuchsym", -1,
	       "symbol not found: nosuchsym\npossible alternatives:\n  (none found)\n");
	expect("struct list_head 10", -1,
	       "struct list_head struct: invalid kernel virtual address: 10  type: \"gdb_readmem_callback\"\n"
	       "Cannot access memory at address 0x10\n");
	expect("struct", -1,
	       "Usage:\n  struct struct_name[.member[,member]] [-o][-l offset][-rxd] [address | symbol][:cpuspec]\n"
	       "       [count | -c count]\nEnter \"help struct\" for details.\n");
}

static void test_struct_contents(void **state)
{
	static const char *const vars[][2] = {
		{ "tp_kmalloc_64", "struct tp_cache " },
		{ "tp_list", "struct list_head " },
		{ "tp_zone0", "struct tp_zone " },
		{ "tp_bitsv", "struct tp_bits " },
		{ "tp_unionv", "union tp_union " },
	};

	(void)state;
	if (system("command -v gdb >/dev/null 2>&1"))
		skip();
	for (size_t i = 0; i < sizeof(vars) / sizeof(*vars); i++) {
		char line[256], *g = gdb_print(vars[i][0]), want[1 << 16];
		char *eq = strstr(g, " = ");
		assert_non_null(eq);
		snprintf(want, sizeof(want), "%s%s", vars[i][1], eq + 3);
		snprintf(line, sizeof(line), "%.*s %s", (int)strcspn(vars[i][1], " "), vars[i][1], vars[i][0]);
		/* "struct tp_cache tp_kmalloc_64" */
		snprintf(line, sizeof(line), "%.*s%s", (int)strlen(vars[i][1]), vars[i][1], vars[i][0]);
		expect(line, 0, want);
		free(g);
	}
}

static void test_struct_members(void **state)
{
	char line[128], want[512];
	uint64_t a = ms_symbol_find(sess.prog, "tp_kmalloc_64")->value;

	(void)state;
	uint64_t name = 0;
	assert_int_equal(image_read(a, &name, 8), 0);
	snprintf(line, sizeof(line), "struct tp_cache.size,name %" PRIx64, a);
	snprintf(want, sizeof(want), "  size = 64,\n  name = 0x%" PRIx64 " \"kmalloc-64\",\n", name);
	expect(line, 0, want);
	/* the last member has no comma; nested paths and -x */
	snprintf(line, sizeof(line), "struct tp_cache.flex,list.next -x %" PRIx64, a);
	snprintf(want, sizeof(want), "  flex = 0x0\n  list.next = 0x%" PRIx64 " <tp_kmalloc_64+16>,\n", a + 16);
	expect(line, 0, want);
	/* two structures, and -l to find the container from an embedded member */
	snprintf(line, sizeof(line), "struct list_head.next %" PRIx64 " 2", a + 16);
	snprintf(want, sizeof(want), "  next = 0x%" PRIx64 " <tp_kmalloc_64+16>,\n  next = 0x%" PRIx64
		 " <tp_kmalloc_64>,\n", a + 16, a);
	expect(line, 0, want);
	snprintf(line, sizeof(line), "struct tp_cache.size -l tp_cache.list %" PRIx64, a + 16);
	expect(line, 0, "  size = 64,\n");
	snprintf(line, sizeof(line), "struct tp_cache.size -l 16 %" PRIx64, a + 16);
	expect(line, 0, "  size = 64,\n");
	/* -o with an address: member addresses */
	snprintf(line, sizeof(line), "struct -o list_head %" PRIx64, a + 16);
	snprintf(want, sizeof(want), "struct list_head {\n  [%" PRIx64 "] struct list_head *next;\n  [%" PRIx64
		 "] struct list_head *prev;\n}\n", a + 16, a + 24);
	expect(line, 0, want);
	/* by symbol */
	expect("struct tp_cache.size tp_kmalloc_64", 0, "  size = 64,\n");
	/* -r: rd's layout */
	snprintf(line, sizeof(line), "struct tp_cache.list -r %" PRIx64, a);
	snprintf(want, sizeof(want), "%16" PRIx64 ":  %016" PRIx64 " %016" PRIx64 "   ", a + 16, a + 16, a + 16);
	{
		unsigned char b[16];
		assert_int_equal(image_read(a + 16, b, 16), 0);
		size_t l = strlen(want);
		for (int i = 0; i < 16; i++)
			want[l++] = b[i] >= 0x20 && b[i] < 0x7f ? (char)b[i] : '.';
		want[l++] = '\n';
		want[l] = 0;
	}
	expect(line, 0, want);
	uint64_t l0 = ms_symbol_find(sess.prog, "tp_bitsv")->value;
	snprintf(line, sizeof(line), "struct tp_bits.e -r %" PRIx64, l0);
	snprintf(want, sizeof(want), "%16" PRIx64 ":  %016x %*s  B\n", l0 + 11, 0x42, 17, "");
	expect(line, 0, want);
	snprintf(line, sizeof(line), "struct tp_cache.name,size -r %" PRIx64, a);
	expect(line, -1, "struct: only one structure member allowed with -r\n");
	/*
	 * per-cpu: the address (an offset) plus __per_cpu_offset[cpu] (0, 8,
	 * 16 here); tp_points is no per-cpu variable, so crash ignores a
	 * cpuspec after its name (with a warning)
	 */
	uint64_t pt = ms_symbol_find(sess.prog, "tp_points")->value;
	snprintf(line, sizeof(line), "struct tp_point.y %" PRIx64 ":0,2", pt);
	snprintf(want, sizeof(want), "[0]: %" PRIx64 "\n  y = 2\n[2]: %" PRIx64 "\n  y = 0\n", pt, pt + 16);
	expect(line, 0, want);
	snprintf(line, sizeof(line), "struct tp_point.x %" PRIx64 ":a", pt);
	snprintf(want, sizeof(want), "[0]: %" PRIx64 "\n  x = 1,\n[1]: %" PRIx64 "\n  x = 3,\n[2]: %" PRIx64
		 "\n  x = 0,\n", pt, pt + 8, pt + 16);
	expect(line, 0, want);
	snprintf(line, sizeof(line), "struct tp_point %" PRIx64 ":", pt);
	snprintf(want, sizeof(want), "[0]: %" PRIx64 "\nstruct tp_point {\n  x = 1,\n  y = 2\n}\n", pt);
	expect(line, 0, want);
	snprintf(line, sizeof(line), "struct tp_point %" PRIx64 ":7", pt);
	expect(line, -1, "struct: invalid cpu number: 7\n");
	snprintf(line, sizeof(line), "struct tp_point %" PRIx64 ":x", pt);
	expect(line, -1, "struct: invalid cpu specification: x\n");
	expect("struct tp_point.y tp_points:0,2", 0,
	       "WARNING: tp_points is not percpu; cpuspec ignored.\n  y = 2\n");
	/* count: a blank line between whole structures; negative counts end at ADDR */
	uint64_t l = ms_symbol_find(sess.prog, "tp_list")->value;
	snprintf(line, sizeof(line), "struct list_head %" PRIx64 " 2", a + 16);
	snprintf(want, sizeof(want),
		 "struct list_head {\n  next = 0x%" PRIx64 " <tp_kmalloc_64+16>,\n  prev = 0x%" PRIx64
		 " <tp_kmalloc_64+16>\n}\n\nstruct list_head {\n  next = 0x%" PRIx64 " <tp_kmalloc_64>,\n"
		 "  prev = 0x0\n}\n", a + 16, a + 16, a);
	expect(line, 0, want);
	snprintf(line, sizeof(line), "struct list_head.next %" PRIx64 " -2", a + 32);
	snprintf(want, sizeof(want), "  next = 0x%" PRIx64 " <tp_kmalloc_64+16>,\n  next = 0x%" PRIx64
		 " <tp_kmalloc_64>,\n", a + 16, a);
	expect(line, 0, want);
	snprintf(line, sizeof(line), "struct list_head -c 1 %" PRIx64, l);
	snprintf(want, sizeof(want), "struct list_head {\n  next = 0x%" PRIx64 " <tp_list>,\n  prev = 0x%" PRIx64
		 " <tp_list>\n}\n", l, l);
	expect(line, 0, want);
}

static void test_whatis(void **state)
{
	(void)state;
	expect("whatis max_pfn", 0, "unsigned long max_pfn;\n");
	expect("whatis tp_zone0", 0, "struct tp_zone tp_zone0;\n");
	expect("whatis tp_fn_ptr", 0, "void (*tp_fn_ptr)(void);\n");
	expect("whatis tp_function2", 0, "int tp_function2(int, char **, ...);\n");
	expect("whatis my_ulong2", 0, "typedef my_ulong my_ulong2;\nSIZE: 8\n");
	expect("whatis atomic_t", 0, "struct {\n    int counter;\n}\nSIZE: 4\n");
	expect("whatis NEG_FIVE", 0, "enum neg_enum = -5\n");
	expect("whatis list_head", 0,
	       "struct list_head {\n    struct list_head *next;\n    struct list_head *prev;\n}\nSIZE: 16\n");
	expect("whatis struct list_head", 0,
	       "struct list_head {\n    struct list_head *next;\n    struct list_head *prev;\n}\nSIZE: 16\n");
	expect("whatis enum zone_type", 0,
	       "enum zone_type {ZONE_DMA, ZONE_DMA32, ZONE_NORMAL, ZONE_MOVABLE, __MAX_NR_ZONES}\nSIZE: 4\n");
	expect("whatis -r 16", 0,
	       "SIZE  TYPE\n  16  struct callback_head\n  16  struct list_head\n  16  struct tp_zerolen\n");
	expect("whatis -m tp_cache", 0, "SIZE  TYPE\n  48  struct tp_cache\n  56  struct tp_page\n");
	int rc;
	char *out = run_cmd("whatis nosuch", &rc);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(out, "whatis: cannot resolve: nosuch\nUsage:\n"));
	free(out);
}

static void test_p(void **state)
{
	char want[256];

	(void)state;
	expect("p max_pfn", 0, "max_pfn = $1 = 262144\n");
	expect("p -x max_pfn", 0, "max_pfn = $2 = 0x40000\n");
	expect("p max_pfn * 2", 0, "$3 = 524288\n");
	uint64_t name = 0;
	assert_int_equal(image_read(ms_symbol_find(sess.prog, "tp_zone0")->value + 56, &name, 8), 0);
	snprintf(want, sizeof(want), "$4 = 0x%" PRIx64 " \"Normal\"\n", name);
	expect("p tp_zone0.name", 0, want);
	snprintf(want, sizeof(want), "$5 = (struct tp_cache *) 0x%" PRIx64 " <tp_kmalloc_64>\n",
		 ms_symbol_find(sess.prog, "tp_kmalloc_64")->value);
	expect("p tp_cache_ptr->self", 0, want);
	expect("p/x tp_bitsv.b", 0, "$6 = 0xfffffff9\n");
	expect("p /x tp_neg", 0, "tp_neg = $7 = 0xfffffffb\n");
	expect("p tp_neg", 0, "tp_neg = $8 = NEG_FIVE\n");
	expect("p nosuch", -1, "No symbol \"nosuch\" in current context.\np: gdb request failed: p nosuch\n");
	expect("p *(struct list_head *)0x10", -1,
	       "p: invalid kernel virtual address: 10  type: \"gdb_readmem_callback\"\n"
	       "Cannot access memory at address 0x10\n");
	expect("p -x -d 1", -1, "p: -d and -x are mutually exclusive\n");
	expect("p sizeof(struct tp_page)", 0, "$9 = 56\n");
}

/* ptype of types and of expressions against gdb's */
static void test_ptype(void **state)
{
	static const char *const args[] = {
		"struct tp_cache", "tp_zone0.free_area[0]", "*tp_cache_ptr", "tp_zone0.fn", "tp_ints2",
		"pg_data_t", "union tp_union", "tp_unionv.half", "enum zone_type", "tp_zone0.cvp", "max_pfn + 1",
		"struct tp_page", "tp_mem_map[1]", "tp_cache_ptr", "tp_mem_map", "&tp_zone0", "tp_points",
		"my_culong3", "tp_zone0.ops",
	};

	(void)state;
	if (system("command -v gdb >/dev/null 2>&1"))
		skip();
	for (size_t i = 0; i < sizeof(args) / sizeof(*args); i++) {
		char cmd[1400], line[256];
		snprintf(cmd, sizeof(cmd), "gdb -batch -nx -ex 'ptype %s' %s 2>&1", args[i], exe);
		FILE *p = popen(cmd, "r");
		char *want = calloc(1, 1 << 16);
		size_t n = fread(want, 1, (1 << 16) - 1, p);
		want[n] = 0;
		pclose(p);
		snprintf(line, sizeof(line), "ptype %s", args[i]);
		expect(line, 0, want);
		free(want);
	}
	expect("ptype nosuch", -1, "No symbol \"nosuch\" in current context.\nptype: gdb request failed: ptype nosuch\n");
}

static void test_sym(void **state)
{
	char line[128], want[256];
	const struct ms_symbol *s = ms_symbol_find(sess.prog, "tp_kmalloc_64");

	(void)state;
	snprintf(want, sizeof(want), "%" PRIx64 " (D) tp_kmalloc_64\n", s->value);
	expect("sym tp_kmalloc_64", 0, want);
	snprintf(line, sizeof(line), "sym %" PRIx64, s->value + 20);
	snprintf(want, sizeof(want), "%" PRIx64 " (D) tp_kmalloc_64+20\n", s->value + 20);
	expect(line, 0, want);
	snprintf(want, sizeof(want), "%" PRIx64 " (D) tp_kmalloc_64\n", s->value);
	expect("sym -q tp_kmalloc", 0, want);
	expect("sym -q no_such_thing", 0, "(none found)\n");
	expect("sym nosuch_xyz", -1, "symbol not found: nosuch_xyz\npossible alternatives:\n  (none found)\n");
	expect("sym 10", -1, "sym: invalid address: 0x10\n");

	/* text symbols carry "file: line", as addr2line finds them */
	if (system("command -v addr2line >/dev/null 2>&1") == 0) {
		const struct ms_symbol *f = ms_symbol_find(sess.prog, "tp_function2");
		char cmd[1400], out[1024] = "";
		for (int k = 0; k < 2; k++) {
			uint64_t a = f->value + (k ? 1 : 0);
			snprintf(cmd, sizeof(cmd), "addr2line -e %s %" PRIx64, exe, a);
			FILE *p = popen(cmd, "r");
			assert_non_null(fgets(out, sizeof(out), p));
			pclose(p);
			out[strcspn(out, "\n")] = 0;
			char *colon = strrchr(out, ':');
			*colon = 0;
			if (k) {
				snprintf(line, sizeof(line), "sym %" PRIx64, a);
				snprintf(want, sizeof(want), "%" PRIx64 " (T) tp_function2+1 %s: %s\n", a, out, colon + 1);
			} else {
				snprintf(line, sizeof(line), "sym tp_function2");
				snprintf(want, sizeof(want), "%" PRIx64 " (T) tp_function2 %s: %s\n", a, out, colon + 1);
			}
			expect(line, 0, want);
		}
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_struct_layout),
		cmocka_unit_test(test_struct_errors),
		cmocka_unit_test(test_struct_contents),
		cmocka_unit_test(test_struct_members),
		cmocka_unit_test(test_whatis),
		cmocka_unit_test(test_p),
		cmocka_unit_test(test_ptype),
		cmocka_unit_test(test_sym),
	};
	char dir[900];

	(void)argc;
	(void)errs;
	ms_fp = stdout;
	tu_prog_dir(dir, sizeof(dir), argv[0], false);
	snprintf(exe, sizeof(exe), "%s/typesprog_dw5", dir);
	return cmocka_run_group_tests(tests, setup, teardown);
}
