/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys.c - "sys": the system block of crash-spec §1.3, from the dump alone.
 *
 * The identity comes from the kernel's own init_uts_ns (read through DWARF,
 * like everything else), the release falling back to VMCOREINFO's
 * OSRELEASE; the panic message from refmm's refmm_panic_msg when the
 * debuginfo has it, else from the kernel's log as crash finds it.  MEMORY
 * is the nodes' present pages when the memory model can be built (crash's
 * total_pages), else the RAM the dump describes.  Every label is
 * right-aligned in 12 columns.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/command.h"
#include "core/dump.h"
#include "core/escape.h"
#include "core/value.h"
#include "core/vmcoreinfo.h"
#include "core/error.h"
#include "core/expr.h"
#include "core/field.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/printk.h"
#include "core/record.h"
#include "core/session.h"
#include "core/task.h"
#include "core/symbols.h"
#include "core/types.h"
#include "core/value.h"

extern const struct ms_command cmd_sys;

/*
 * Read the string held by global @p var (at member @p path if not NULL): a
 * char array is read in place, a char pointer is followed.  LOOKUP if any of
 * it is missing, a FAULT if it cannot be read.
 */
static struct ms_error *read_global_string(struct ms_program *prog, const char *var, const char *path,
					   char *buf, size_t bufsz)
{
	const struct ms_symbol *sym = ms_symbol_find(prog, var);
	const struct ms_type *t;
	const struct ms_field *f;
	uint64_t addr, ptr, size;
	struct ms_error *err;

	if (!sym)
		return ms_error_lookup(var, "symbol not found: %s", var);
	if ((err = ms_variable_find(prog, var, &t, &addr)))
		return err;
	addr = sym->value;		/* relocated */
	if (path) {
		if ((err = ms_field_find(prog, t, path, &f)))
			return err;
		t = f->type;
		addr += f->offset;
	}
	t = ms_type_strip(t);
	switch (ms_type_kind(t)) {
	case MS_TYPE_ARRAY:
		size = ms_type_size(t);
		/* an array seen through an incomplete declaration: the ELF size */
		if (!size && !path)
			size = sym->size;
		if (!size)
			return ms_read_string(prog, addr, buf, bufsz, var);
		if (size >= bufsz)
			size = bufsz - 1;
		if ((err = ms_readmem(prog, addr, MS_KVADDR, buf, size, var)))
			return err;
		buf[size] = '\0';
		return NULL;
	case MS_TYPE_POINTER:
		if ((err = ms_read_u64(prog, addr, &ptr, var)))
			return err;
		return ms_read_string(prog, ptr, buf, bufsz, var);
	default:
		return ms_error_lookup(var, "%s is not a string", var);
	}
}

/* read_global_string() where a missing or unreadable string is just not shown. */
static bool global_string(struct ms_program *prog, const char *var, const char *path, char *buf,
			  size_t bufsz)
{
	return ms_error_ok(read_global_string(prog, var, path, buf, bufsz));
}

/*
 * crash (get_memory_size()): rounded up to the next GiB when within 64 MiB
 * of it, below 1 GiB too: a machine of 1 GiB less the BIOS hole is "1 GB".
 */
static uint64_t round_memsize(uint64_t bytes)
{
	const uint64_t gb = 1ULL << 30, slack = 64ULL << 20;
	uint64_t rem = bytes % gb;

	if (rem && gb - rem <= slack)
		return bytes - rem + gb;
	return bytes;
}

/*
 * crash's panic_msg[]: the first of these found on any line of the log
 * (searched in this order, each over the whole log) makes that line the
 * panic message.
 */
static const char *const panic_patterns[] = {
	"SysRq : Crash", "SysRq : Trigger a crash", "SysRq : Netdump", "Kernel panic: ",
	"Kernel panic - ", "Kernel BUG at", "kernel BUG at", "Unable to handle kernel paging request",
	"Unable to handle kernel NULL pointer dereference", "BUG: unable to handle kernel ",
	"general protection fault: ", "double fault: ", "divide error: ", "stack segment: ",
	"[Hardware Error]: ", "Bad mode in ", "Oops: ",
};
#define NR_PANIC_PATTERNS (sizeof(panic_patterns) / sizeof(panic_patterns[0]))

struct panic_search {
	size_t best;		/* index of the pattern found, NR_PANIC_PATTERNS: none yet */
	char line[256];
};

static struct ms_error *panic_record(const struct ms_printk_record *rec, void *arg)
{
	struct panic_search *ps = arg;
	const char *p = rec->text, *end = rec->text + rec->text_len;

	while (p && p < end && ps->best) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p), i;
		char line[256];

		if (len >= sizeof(line))
			len = sizeof(line) - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		for (i = 0; i < ps->best; i++) {
			if (strstr(line, panic_patterns[i])) {
				ps->best = i;
				snprintf(ps->line, sizeof(ps->line), "%s", line);
				break;
			}
		}
		p = nl ? nl + 1 : end;
	}
	return ps->best ? NULL : &ms_stop;
}

/* The panic message from the kernel's log, or false. */
static bool panic_from_log(struct ms_program *prog, char *buf, size_t bufsz)
{
	struct panic_search ps = { .best = NR_PANIC_PATTERNS };
	struct ms_error *err = ms_printk_walk(prog, panic_record, &ps);

	ms_error_destroy(err);	/* without a readable log: no message */
	if (ps.best == NR_PANIC_PATTERNS)
		return false;
	snprintf(buf, bufsz, "%s", ps.line);
	return true;
}

/* crash's total memory: the present pages of every node. */
static bool present_bytes(struct ms_program *prog, uint64_t *ret)
{
	const struct ms_mm *mm;
	uint64_t pages = 0;
	struct ms_error *err = ms_mm(prog, MS_MM_ZONES, &mm);
	int i;

	if (err) {
		ms_error_destroy(err);
		return false;
	}
	for (i = 0; i < mm->nr_nodes; i++) {
		if (!mm->nodes[i].has_present)
			return false;
		pages += mm->nodes[i].present;
	}
	*ret = pages * mm->page_size;
	return pages != 0;
}

/* The value of expression @p text ("tk_core.timekeeper.xtime_sec"), or false. */
static bool sys_eval_u64(struct ms_program *prog, const char *text, uint64_t *ret)
{
	struct ms_value v;

	if (!ms_error_ok(ms_expr_eval(prog, text, &v)))
		return false;
	bool ok = ms_error_ok(ms_expr_value_u64(prog, &v, ret));
	ms_expr_value_release(&v);
	return ok;
}

/*
 * The time of the crash: VMCOREINFO's CRASHTIME where the kernel wrote one
 * (it stopped in 4.x), else the timekeeper's wall-clock seconds, as crash
 * reads them; 0 if neither is there.
 */
static int64_t sys_crash_time(struct ms_program *prog, const struct ms_dump_info *info)
{
	uint64_t t;

	if (info->crash_time > 0)
		return info->crash_time;
	if (sys_eval_u64(prog, "tk_core.timekeeper.xtime_sec", &t) ||
	    sys_eval_u64(prog, "timekeeper.xtime_sec", &t) || sys_eval_u64(prog, "xtime.tv_sec", &t))
		return (int64_t)t;
	return 0;
}

/*
 * The kernel's HZ, found the way crash finds it: from 4.8 on mq-deadline's
 * write_expire is 5 * HZ, before it cfq's cfq_slice_async is HZ / 25;
 * without either crash assumes 1000.
 */
static uint64_t sys_hz(struct ms_program *prog)
{
	int64_t v;

	if (ms_symbol_find(prog, "cfq_slice_async") && ms_error_ok(ms_global_read_s64(prog, "cfq_slice_async", &v)) &&
	    v > 0)
		return (uint64_t)v * 25;
	if ((ms_symbol_find(prog, "dd_init_sched") || ms_symbol_find(prog, "dd_init_queue") ||
	     ms_symbol_find(prog, "deadline_init_queue")) &&
	    (ms_error_ok(ms_variable_const(prog, "write_expire", NULL, &v)) ||
	     ms_error_ok(ms_global_read_s64(prog, "write_expire", &v))) && v >= 5)
		return (uint64_t)v / 5;
	return 1000;
}

/*
 * crash's UPTIME: jiffies_64 less INITIAL_JIFFIES (the kernel starts the
 * count 300 seconds before a 32-bit wrap), in HZ, as [N days, ]HH:MM:SS.
 */
static bool sys_uptime(struct ms_program *prog, char *buf, size_t bufsz)
{
	int64_t j;

	if (!ms_symbol_find(prog, "jiffies_64") || !ms_error_ok(ms_global_read_s64(prog, "jiffies_64", &j)))
		return false;
	uint64_t hz = sys_hz(prog);
	uint64_t initial = (uint32_t)(-300 * (int64_t)hz);
	uint64_t secs = ((uint64_t)j - initial) / hz;
	uint64_t days = secs / 86400;
	int n = days ? snprintf(buf, bufsz, "%" PRIu64 " days, ", days) : 0;

	secs %= 86400;
	snprintf(buf + n, bufsz - (size_t)n, "%02u:%02u:%02u", (unsigned)(secs / 3600), (unsigned)(secs / 60 % 60),
		 (unsigned)(secs % 60));
	return true;
}

/*
 * avenrun[] in fixed point (FSHIFT 11), rounded like /proc/loadavg: plus
 * FIXED_1 / 200, then the integer part and two decimals truncated.
 */
static bool sys_load_average(struct ms_program *prog, char *buf, size_t bufsz)
{
	const uint64_t fixed_1 = 1 << 11;
	uint64_t a[3];
	size_t n = 0;

	for (int i = 0; i < 3; i++) {
		char expr[32];

		snprintf(expr, sizeof(expr), "avenrun[%d]", i);
		if (!sys_eval_u64(prog, expr, &a[i]))
			return false;
		a[i] += fixed_1 / 200;
	}
	for (int i = 0; i < 3 && n < bufsz; i++)
		n += (size_t)snprintf(buf + n, bufsz - n, "%s%" PRIu64 ".%02" PRIu64, i ? ", " : "", a[i] >> 11,
				      ((a[i] & (fixed_1 - 1)) * 100) >> 11);
	return true;
}

/*
 * The CPUs set in the kernel's cpumask @type ("present", "online"), found
 * as crash's cpu_map_addr() finds it: cpu_TYPE_map (before 2.6.29), the
 * pointer cpu_TYPE_mask (to cpu_TYPE_bits, 2.6.29 to 4.4), or the mask
 * __cpu_TYPE_mask itself; -1 if the kernel has none of them (refmm keeps
 * no cpumasks) or it cannot be read.
 */
static int sys_cpumask_weight(struct ms_program *prog, const char *type)
{
	const struct ms_symbol *sym, *bits;
	uint64_t addr = 0, size = 0, words[128];
	char name[32];
	int weight = 0;

	snprintf(name, sizeof(name), "cpu_%s_map", type);
	if ((sym = ms_symbol_find(prog, name))) {
		addr = sym->value;
		size = sym->size;
	} else if (snprintf(name, sizeof(name), "cpu_%s_mask", type), (sym = ms_symbol_find(prog, name))) {
		snprintf(name, sizeof(name), "cpu_%s_bits", type);
		bits = ms_symbol_find(prog, name);
		size = bits ? bits->size : 8;
		if (!ms_error_ok(ms_readmem(prog, sym->value, MS_KVADDR, &addr, 8, "cpumask pointer")))
			return -1;
	} else if (snprintf(name, sizeof(name), "__cpu_%s_mask", type), (sym = ms_symbol_find(prog, name))) {
		addr = sym->value;
		size = sym->size;
	} else {
		return -1;
	}
	/* NR_CPUS 8192 is 1 KiB of mask: anything bigger is not a cpumask */
	if (!size || size % 8 || size > sizeof(words) ||
	    !ms_error_ok(ms_readmem(prog, addr, MS_KVADDR, words, size, "cpumask")))
		return -1;
	for (uint64_t i = 0; i < size / 8; i++)
		weight += __builtin_popcountll(words[i]);
	return weight;
}

/*
 * crash's CPUS: the present CPUs, and " [OFFLINE: N]" for those of them
 * not online (a panicking kernel takes the other CPUs offline as it stops
 * them); without the masks, the CPUs the dump's notes count.
 */
static void sys_cpus(struct ms_program *prog, const struct ms_dump_info *info, char *buf, size_t bufsz)
{
	int present = sys_cpumask_weight(prog, "present");
	int online = sys_cpumask_weight(prog, "online");
	int n;

	if (present <= 0)
		present = info->nr_cpus;
	n = snprintf(buf, bufsz, "%d", present);
	if (online > 0 && present > online)
		snprintf(buf + n, bufsz - (size_t)n, " [OFFLINE: %d]", present - online);
}

/* crash's x86_64 processor speed: cpu_khz / 1000, 0 if unknown. */
static uint64_t sys_mhz(struct ms_program *prog)
{
	const struct ms_symbol *sym = ms_symbol_find(prog, "cpu_khz");
	uint32_t khz;

	if (!sym || !ms_error_ok(ms_readmem(prog, sym->value, MS_KVADDR, &khz, sizeof(khz), "cpu_khz")))
		return 0;
	return khz / 1000;
}

/* The system block as label/value pairs, in crash's order. */
struct sys_field {
	const char *label;
	char value[300];
};

static int add(struct sys_field *f, int n, const char *label, const char *value)
{
	f[n].label = label;
	ms_escape_string(f[n].value, sizeof(f[n].value), value);	/* text from the dump */
	return n + 1;
}

static int uts_field(struct ms_program *prog, struct sys_field *f, int n, const char *label, const char *member,
		     const char *fallback)
{
	char path[64], buf[256];

	snprintf(path, sizeof(path), "name.%s", member);
	if (global_string(prog, "init_uts_ns", path, buf, sizeof(buf)) && buf[0])
		n = add(f, n, label, buf);
	else if (fallback)
		n = add(f, n, label, fallback);
	return n;
}

static int collect(const struct ms_session *sess, struct sys_field *f)
{
	struct ms_program *prog = sess->prog;
	const struct ms_dump_info *info = ms_dump_info(prog);
	char buf[300], mem[64];
	uint64_t bytes;
	int n = 0;

	n = add(f, n, "KERNEL", sess->prog && sess->prog->debuginfo_path ? sess->prog->debuginfo_path : "(none)");
	n = add(f, n, "DUMPFILE", sess->prog && sess->prog->dump_path ? sess->prog->dump_path : "(none)");
	if (!info)
		return n;
	sys_cpus(prog, info, buf, sizeof(buf));
	n = add(f, n, "CPUS", buf);
	if (sys_crash_time(prog, info) > 0) {
		time_t t = (time_t)sys_crash_time(prog, info);
		struct tm tm;

		/* a time beyond struct tm's years (a forged CRASHTIME): no DATE */
		if (localtime_r(&t, &tm)) {
			strftime(buf, sizeof(buf), "%a %b %e %T %Z %Y", &tm);
			n = add(f, n, "DATE", buf);
		}
	}
	if (sys_uptime(prog, buf, sizeof(buf)))
		n = add(f, n, "UPTIME", buf);
	if (sys_load_average(prog, buf, sizeof(buf)))
		n = add(f, n, "LOAD AVERAGE", buf);
	const struct ms_tasks *tasks;
	if (ms_error_ok(ms_tasks_get(prog, &tasks))) {
		snprintf(buf, sizeof(buf), "%zu", tasks->nr);
		n = add(f, n, "TASKS", buf);
	}
	n = uts_field(prog, f, n, "NODENAME", "nodename", NULL);
	n = uts_field(prog, f, n, "RELEASE", "release", ms_vmcoreinfo_get(ms_dump_vmcoreinfo(prog), "OSRELEASE"));
	n = uts_field(prog, f, n, "VERSION", "version", NULL);
	if (!global_string(prog, "init_uts_ns", "name.machine", buf, sizeof(buf) - 20) || !buf[0])
		snprintf(buf, sizeof(buf), "x86_64");
	uint64_t mhz = sys_mhz(prog);
	if (mhz)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "  (%" PRIu64 " Mhz)", mhz);
	else
		strcat(buf, "  (unknown Mhz)");
	n = add(f, n, "MACHINE", buf);
	if (!present_bytes(prog, &bytes))
		bytes = info->phys_bytes;
	n = add(f, n, "MEMORY", ms_format_memsize(mem, sizeof(mem), round_memsize(bytes)));
	buf[0] = '"';
	if (!global_string(prog, "refmm_panic_msg", NULL, buf + 1, sizeof(buf) - 40) &&
	    !panic_from_log(prog, buf + 1, sizeof(buf) - 40))
		buf[1] = '\0';
	/* one line: a trailing newline of the message is not part of it */
	buf[1 + strcspn(buf + 1, "\n")] = '\0';
	strcat(buf, "\"");
	if (strstr(buf, "Oops: "))
		strcat(buf, " (check log for details)");
	n = add(f, n, "PANIC", buf);
	return n;
}

/*
 * The record: the fields in crash's order with lower-case keys ("label"
 * keeps crash's label for the text), PANIC without crash's quotes, cpus a
 * number, plus memory_bytes and crash_time.
 */
static struct ms_record *sys_record(const struct ms_session *sess)
{
	struct ms_program *prog = sess->prog;
	const struct ms_dump_info *info = ms_dump_info(prog);
	struct sys_field f[16];
	struct ms_record *rec = ms_record_create();
	int n = collect(sess, f);

	for (int i = 0; i < n; i++) {
		char key[32], *v = f[i].value;
		size_t k;

		for (k = 0; f[i].label[k] && k < sizeof(key) - 1; k++)
			key[k] = f[i].label[k] == ' ' ? '_' : (char)tolower((unsigned char)f[i].label[k]);
		key[k] = '\0';
		if (!strcmp(key, "cpus") || !strcmp(key, "tasks")) {
			const char *off = strstr(v, "[OFFLINE: ");

			ms_record_add_s64(rec, key, atoi(v));
			if (!strcmp(key, "cpus"))
				ms_record_add_s64(rec, "cpus_offline", off ? atoi(off + 10) : 0);
			continue;
		}
		if (!strcmp(key, "panic")) {	/* strip crash's quotes */
			char *end = strrchr(v + 1, '"');

			if (end)
				*end = '\0';
			v++;
		}
		ms_record_add_str(rec, key, v);
	}
	if (info) {
		ms_record_add_u64(rec, "memory_bytes", info->phys_bytes);
		ms_record_add_s64(rec, "crash_time", sys_crash_time(prog, info));
		ms_record_add_opt_s64(rec, "dump_level", info->dump_level >= 0, info->dump_level);
	}
	return rec;
}

/* crash's text: "%12s: %s", labels in capitals, the panic message quoted. */
static void sys_text(struct ms_session *sess, const struct ms_record *rec, void *arg)
{
	(void)sess;
	(void)arg;
	for (size_t i = 0; i < rec->nr_fields; i++) {
		const struct ms_record_field *f = &rec->fields[i];
		char label[32];
		size_t k;

		if (!strcmp(f->key, "memory_bytes") || !strcmp(f->key, "crash_time") ||
		    !strcmp(f->key, "dump_level") || !strcmp(f->key, "cpus_offline"))
			continue;
		for (k = 0; f->key[k] && k < sizeof(label) - 1; k++)
			label[k] = f->key[k] == '_' ? ' ' : (char)toupper((unsigned char)f->key[k]);
		label[k] = '\0';
		if (!strcmp(f->key, "cpus") && ms_record_get_s64(rec, "cpus_offline", 0) > 0)
			fprintf(ms_fp, "%12s: %" PRId64 " [OFFLINE: %" PRId64 "]\n", label, f->s,
				ms_record_get_s64(rec, "cpus_offline", 0));
		else if (f->type == MS_FIELD_S64)
			fprintf(ms_fp, "%12s: %" PRId64 "\n", label, f->s);
		else if (!strcmp(f->key, "dumpfile"))
			/*
			 * crash's is_partial_diskdump(): a compressed kdump
			 * file makedumpfile filtered (-d above 0) is partial
			 */
			fprintf(ms_fp, "%12s: %s%s\n", label, f->str,
				ms_record_get_s64(rec, "dump_level", -1) > 0 ? "  [PARTIAL DUMP]" : "");
		else if (!strcmp(f->key, "panic"))
			fprintf(ms_fp, "%12s: \"%s\"%s\n", label, f->str,
				strstr(f->str, "Oops: ") ? " (check log for details)" : "");
		else
			fprintf(ms_fp, "%12s: %s\n", label, f->str);
	}
}

static int cmd_sys_handler(struct ms_session *sess, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return ms_cmd_usage(sess, NULL);
	const struct ms_tasks *tasks;
	int rc = 0;

	ms_emit(sess, sys_record(sess), sys_text, NULL);
	/* TASKS counts the tasks read: the damage that ended a list */
	if (ms_error_ok(ms_tasks_get(sess->prog, &tasks)))
		for (size_t i = 0; ms_tasks_list_problem(tasks, i); i++)
			rc = ms_cmd_error(sess, "%s", ms_tasks_list_problem(tasks, i));
	return rc;
}

const struct ms_command cmd_sys = {
	.name = "sys",
	.handler = cmd_sys_handler,
	.flags = MS_CMD_DUMP | MS_CMD_JSON | MS_CMD_PAGER,
	.summary = "system data",
	.synopsis = "sys",
	.help =
"  Shows the system block that also opens the session: the debuginfo file\n"
"  (KERNEL) and the dump, the number of CPUs (and, as crash, [OFFLINE: N]\n"
"  for those a panic stopped), the time of the crash (DATE),\n"
"  where the kernel has them the UPTIME (from jiffies_64 and HZ), LOAD\n"
"  AVERAGE (avenrun) and TASKS (idle tasks included) as crash prints them,\n"
"  the node name, release and version from the dump's init_uts_ns, the\n"
"  machine (and cpu_khz's speed), the amount of memory, and the panic message (\"\" if the run did\n"
"  not panic).  With --json (or \"set output json\") it prints one JSON object\n"
"  with the same fields in lower case (load_average), plus memory_bytes,\n"
"  crash_time, cpus_offline and dump_level (makedumpfile's -d of a compressed kdump file,\n"
"  null for an ELF dump).  As in crash, DUMPFILE says [PARTIAL DUMP] when\n"
"  that level is above 0 (pages were filtered out).\n"
"\n"
"EXAMPLES\n"
"    mmscope> sys\n"
"          KERNEL: .../mmscope\n"
"        DUMPFILE: .../default....vmcore\n"
"            CPUS: 4\n"
"            DATE: Sun Apr 12 00:00:01 UTC 2015\n"
"           TASKS: 73\n"
"        NODENAME: refmm\n"
"         RELEASE: 4.0.0-refmm\n"
"         VERSION: #1 SMP refmm\n"
"         MACHINE: x86_64  (unknown Mhz)\n"
"          MEMORY: 255.6 MB\n"
"           PANIC: \"refmm: default scenario finished\"\n",
};
