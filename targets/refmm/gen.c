// SPDX-License-Identifier: GPL-2.0-only
/*
 * gen.c - "mmscope gen": boot refmm, run a scenario, write a crash dump of
 * the machine and the truth file of its own accounting (mmscope-gen(1)).
 *
 * Order of work: options, scenario (parsed whole: syntax errors before
 * anything else), temporary output files (a bad directory fails before the
 * run), boot, run, VMCOREINFO, truth, dump, fsync, rename.  Any failure
 * removes the temporary files; no final name ever holds a partial file.
 */
#include <asm/page.h>
#include <linux/printk.h>

#include <errno.h>
#include <signal.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "refmm/crash_core.h"
#include "refmm/dump_filter.h"
#include "refmm/gen.h"
#include "refmm/machine.h"
#include "refmm/scenario.h"
#include "refmm/scn_steps.h"
#include "refmm/slab.h"
#include "refmm/truth.h"
#include "refmm/utsname.h"
#include "refmm/vmcore.h"

int refmm_gen_main(int argc, char **argv);

/* Linux 4.0's release day: CRASHTIME = this + seed unless SOURCE_DATE_EPOCH. */
#define GEN_EPOCH 1428796800L

#define GEN_MIN_MEM	(64ULL << 20)
#define GEN_MAX_MEM	(16ULL << 30)
#define GEN_MAX_NODES	4
#define GEN_MAX_CPUS	64
#define GEN_MAX_THREADS	64

static void usage(FILE *f)
{
	fprintf(f,
		"usage: mmscope gen [--scenario NAME|FILE] [--mem SIZE] [--nodes N] [--cpus N]\n"
		"                   [--seed N] [--format elf|kdump] [--compress C] [--dump-level N]\n"
		"                   [--threads N] [--slabinfo] -o FILE\n"
		"       mmscope gen --list\n"
		"Boot refmm, run a scenario and write the crash dump FILE and FILE.truth.json.\n"
		"  -s, --scenario NAME|FILE  built-in scenario NAME (see --list), or a file\n"
		"                            (a name with a '/' or ending in .scn); default: default\n"
		"  -m, --mem SIZE            RAM, 64M..16G, a multiple of 2M; default 256M\n"
		"  -n, --nodes N             NUMA nodes, 1..%d; default 1\n"
		"  -c, --cpus N              CPUs, 1..%d; default 4\n"
		"  -S, --seed N              random seed; default 1\n"
		"  -f, --format elf|kdump    dump format: ELF core, or makedumpfile's compressed\n"
		"                            kdump; default elf\n"
		"  -z, --compress C          kdump page compression: zlib, lzo, snappy, zstd or\n"
		"                            none; default zlib\n"
		"  -d, --dump-level N        kdump: leave pages out as makedumpfile -d N does, 0..31\n"
		"                            (1 zero, 2 cache, 4 cache private, 8 user, 16 free)\n"
		"  -j, --threads N           kdump: compression threads, 1..%d; default: the\n"
		"                            number of cpus, at least 2\n"
		"  -o, --output FILE         the dump to write (required)\n"
		"  -l, --list                list the built-in scenarios\n"
		"  -q, --quiet               no progress output, no kernel messages\n"
		"  -v, --verbose             print the time of each phase\n"
		"  -I, --slabinfo            also write FILE.slabinfo (/proc/slabinfo)\n"
		"  -h, --help                this help\n"
		"Options given here override the scenario's own mem/nodes/cpus/seed.\n",
		GEN_MAX_NODES, GEN_MAX_CPUS, GEN_MAX_THREADS);
}

static int bad(const char *fmt, const char *arg)
{
	fprintf(stderr, "mmscope gen: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 2;
}

static int parse_num(const char *s, uint64_t min, uint64_t max, uint64_t *ret)
{
	char *end;

	if (!*s || *s == '-')
		return -1;
	errno = 0;
	*ret = strtoull(s, &end, 0);
	return (errno || *end || *ret < min || *ret > max) ? -1 : 0;
}

/* 0, or 1 after a message if what went to stdout could not be written. */
static int stdout_status(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	fprintf(stderr, "mmscope gen: writing standard output: %s\n",
		errno ? strerror(errno) : "write error");
	return 1;
}

static void list_scenarios(void)
{
	for (int i = 0; i < refmm_nr_builtin_scenarios; i++)
		printf("%-12s %s\n", refmm_builtin_scenarios[i].name,
		       refmm_builtin_scenarios[i].summary);
}

static struct scenario *open_scenario(const char *arg, char *err, size_t errlen)
{
	const struct scn_builtin *b;
	size_t len = strlen(arg);
	char file[128];

	if (strchr(arg, '/') || (len > 4 && !strcmp(arg + len - 4, ".scn")))
		return scenario_load(arg, err, errlen);
	b = scenario_builtin(arg);
	if (!b) {
		snprintf(err, errlen, "unknown scenario \"%s\" (built-in: see mmscope gen --list; "
			 "a file needs a '/' or the .scn suffix)", arg);
		return NULL;
	}
	snprintf(file, sizeof file, "%s.scn", b->name);
	return scenario_parse(file, b->name, b->text, err, errlen);
}

static long crash_time(uint64_t seed, int *bad_env)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	uint64_t v;

	*bad_env = 0;
	if (sde && *sde) {
		if (parse_num(sde, 0, INT64_MAX, &v) == 0)
			return (long)v;
		*bad_env = 1;
	}
	return GEN_EPOCH + (long)(seed % (10ULL * 365 * 86400));
}

/* ------------------------------------------------------------------ */
/* writing                                                             */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Phase timings for --verbose (and the benchmark that parses them). */
static struct {
	double t0, boot, run, truth, dump, sync;
	struct vmcore_stats st;
} gt;

/* The registers each cpu's NT_PRSTATUS shows: where it "was" at the crash. */
static void gen_cpu_idle(void)
{
}

static void gen_cpus(struct vmcore_cpu *cpus, int n)
{
	for (int i = 0; i < n; i++) {
		memset(&cpus[i], 0, sizeof cpus[i]);
		cpus[i].pid = refmm_cpu_curr_pid(i);
		cpus[i].ip = i == refmm_panic_cpu ? scn_panic_ip()
						  : (uint64_t)(uintptr_t)gen_cpu_idle;
	}
}

/* The files one run writes: the dump, its truth, and /proc/slabinfo if asked. */
struct gen_files {
	struct refmm_afile dump, truth, slabinfo;
	int with_slabinfo;
};

static int write_slabinfo(struct refmm_afile *f, char *err, size_t errlen)
{
	char *text = refmm_slabinfo();
	int ret;

	if (!text) {
		snprintf(err, errlen, "writing %s: out of memory", f->path);
		return -1;
	}
	ret = refmm_afile_pwrite(f, text, strlen(text), 0, err, errlen);
	free(text);
	return ret;
}

static int write_files(const struct gen_options *go, struct gen_files *gf,
		       char *err, size_t errlen)
{
	struct refmm_afile *dump = &gf->dump, *truth = &gf->truth;
	struct refmm_range rr[64];
	struct vmcore_range ram[64];
	struct vmcore_cpu *cpus;
	struct vmcore_desc d;
	struct truth_info ti;
	unsigned char *page_class = NULL;
	int nr, ret = -1, kdump = go->format == VMCORE_KDUMP;

	nr = refmm_ram_ranges(rr, 64);
	if (nr > 64) {
		snprintf(err, errlen, "too many RAM ranges (%d)", nr);
		return -1;
	}
	cpus = calloc((size_t)refmm_nr_cpus(), sizeof *cpus);
	if (!cpus) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memset(&d, 0, sizeof d);
	for (int i = 0; i < nr; i++) {
		ram[i].paddr = rr[i].start;
		ram[i].vaddr = PAGE_OFFSET + rr[i].start;
		ram[i].size = rr[i].end - rr[i].start;
		ram[i].data = (const char *)refmm_ram() + rr[i].start;
		ram[i].fd = refmm_ram_fd();
		ram[i].fd_off = rr[i].start;
	}
	d.ram = ram;
	d.nr_ram = nr;
	d.image.paddr = refmm_image_phys();
	d.image.vaddr = refmm_image_virt();
	d.image.size = refmm_image_bytes();
	d.image.data = (const char *)refmm_ram() + refmm_image_phys();
	d.image.fd = refmm_ram_fd();
	d.image.fd_off = refmm_image_phys();
	d.vmcoreinfo = vmcoreinfo_data;
	d.vmcoreinfo_len = vmcoreinfo_size;
	gen_cpus(cpus, refmm_nr_cpus());
	d.cpus = cpus;
	d.nr_cpus = refmm_nr_cpus();
	d.progress = go->progress && vmcore_elf_size(&d) > (1ULL << 30);
	if (kdump) {
		uint64_t nr_pfns = 0;

		for (int i = 0; i < nr; i++)
			if (rr[i].end / PAGE_SIZE > nr_pfns)
				nr_pfns = rr[i].end / PAGE_SIZE;
		if (go->dump_level & ~DL_EXCLUDE_ZERO) {
			page_class = malloc(nr_pfns);
			if (!page_class) {
				snprintf(err, errlen, "out of memory");
				goto out;
			}
			refmm_dump_classes(page_class, nr_pfns);
			d.page_class = page_class;
			d.nr_page_class = nr_pfns;
		}
		d.utsname = (const char *)&init_uts_ns.name;
		d.timestamp = go->crashtime;
		d.compress = (enum vmcore_compress)go->compress;
		d.dump_level = go->dump_level;
		d.threads = go->threads;
	}

	memset(&ti, 0, sizeof ti);
	ti.scenario = scenario_name(go->scenario);
	ti.seed = go->cfg.seed;
	ti.crashtime = go->crashtime;
	ti.nr_cpus = refmm_nr_cpus();
	ti.mem_bytes = refmm_ram_bytes();
	ti.dump_format = kdump ? "kdump" : "elf";
	ti.dump_level = kdump ? go->dump_level : 0;
	ti.compression = kdump ? vmcore_compress_name(d.compress) : NULL;

	d.stats = &gt.st;
	{
		double t = now();

		if (truth_write(truth, &ti, err, errlen) < 0)
			goto out;
		if (gf->with_slabinfo &&
		    (write_slabinfo(&gf->slabinfo, err, errlen) < 0 ||
		     refmm_afile_sync(&gf->slabinfo, err, errlen) < 0))
			goto out;
		gt.truth = now() - t;
		/* the "corrupt" steps' damage: after the truth, before the dump */
		if (scn_corrupt_apply(err, errlen) < 0)
			goto out;
		t = now();
		if ((kdump ? vmcore_write_kdump(dump, &d, err, errlen) :
			     vmcore_write_elf(dump, &d, err, errlen)) < 0)
			goto out;
		gt.dump = now() - t;
		t = now();
		if (refmm_afile_sync(truth, err, errlen) < 0 ||
		    refmm_afile_sync(dump, err, errlen) < 0)
			goto out;
		gt.sync = now() - t;
	}
	ret = 0;
out:
	free(page_class);
	free(cpus);
	return ret;
}

/* Commit every file or none: the dump, its truth and the slabinfo if asked. */
static int commit_all(struct gen_files *gf, char *err, size_t errlen)
{
	struct refmm_afile *f[3] = { &gf->dump, &gf->truth, &gf->slabinfo };

	return refmm_afile_commit_all(f, gf->with_slabinfo ? 3 : 2, err, errlen);
}

static void abort_all(struct gen_files *gf)
{
	refmm_afile_abort(&gf->dump);	/* also frees the names */
	refmm_afile_abort(&gf->truth);
	if (gf->with_slabinfo)
		refmm_afile_abort(&gf->slabinfo);
}

/* OUT, OUT.truth.json and, when asked, OUT.slabinfo. */
static int open_all(const char *out, int with_slabinfo, struct gen_files *gf,
		    char *err, size_t errlen)
{
	char *path = malloc(strlen(out) + sizeof ".truth.json");
	int ret = -1;

	gf->with_slabinfo = with_slabinfo;
	if (!path) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (refmm_afile_open(&gf->dump, out, err, errlen) < 0)
		goto out;
	sprintf(path, "%s.truth.json", out);
	if (refmm_afile_open(&gf->truth, path, err, errlen) < 0) {
		refmm_afile_abort(&gf->dump);
		goto out;
	}
	sprintf(path, "%s.slabinfo", out);
	if (with_slabinfo && refmm_afile_open(&gf->slabinfo, path, err, errlen) < 0) {
		refmm_afile_abort(&gf->dump);
		refmm_afile_abort(&gf->truth);
		goto out;
	}
	ret = 0;
out:
	free(path);
	return ret;
}

int gen_write(const struct gen_options *go, char *err, size_t errlen)
{
	struct gen_files gf;

	if (open_all(go->output, go->slabinfo, &gf, err, errlen) < 0)
		return -1;
	crash_save_vmcoreinfo(go->crashtime);
	if (write_files(go, &gf, err, errlen) < 0 ||
	    commit_all(&gf, err, errlen) < 0) {
		abort_all(&gf);
		return -1;
	}
	abort_all(&gf);		/* frees the names */
	return 0;
}

int gen_run(const struct gen_options *go, char *err, size_t errlen)
{
	struct gen_files gf;
	char msg[512];

	double t;

	gt.t0 = now();
	refmm_afile_signals();
	/* A bad output directory fails now, not after the run. */
	if (open_all(go->output, go->slabinfo, &gf, err, errlen) < 0)
		return -1;
	t = now();
	if (refmm_boot(&go->cfg) < 0) {
		snprintf(err, errlen, "refmm_boot failed (mem %" PRIu64 ", %d nodes, %d cpus)",
			 go->cfg.mem_bytes, go->cfg.nr_nodes, go->cfg.nr_cpus);
		goto fail;
	}
	gt.boot = now() - t;
	crash_save_vmcoreinfo_init();
	t = now();
	if (scenario_run(go->scenario, go->cfg.seed, err, errlen) < 0)
		goto fail;
	gt.run = now() - t;
	if (refmm_check_invariants(msg, sizeof msg) < 0) {
		snprintf(err, errlen, "scenario %s: allocator invariants broken: %s",
			 scenario_name(go->scenario), msg);
		goto fail;
	}
	if (refmm_check_slab(msg, sizeof msg) < 0) {
		snprintf(err, errlen, "scenario %s: slab invariants broken: %s",
			 scenario_name(go->scenario), msg);
		goto fail;
	}
	crash_save_vmcoreinfo(go->crashtime);
	if (write_files(go, &gf, err, errlen) < 0 ||
	    commit_all(&gf, err, errlen) < 0)
		goto fail;
	abort_all(&gf);
	if (go->verbose && go->format == VMCORE_KDUMP)
		fprintf(stderr, "gen: %s: %" PRIu64 " pages of RAM, %" PRIu64 " left out at dump "
			"level %d, %" PRIu64 " dumped (%" PRIu64 " compressed with %s, %" PRIu64
			" as the shared zero page)\n", go->output, gt.st.pages_ram,
			gt.st.pages_ram - gt.st.pages_dumped, go->dump_level, gt.st.pages_dumped,
			gt.st.pages_compressed, vmcore_compress_name((enum vmcore_compress)go->compress),
			gt.st.pages_zero);
	if (go->verbose)
		fprintf(stderr, "gen: %s: boot %.3f s, run %.3f s, truth %.3f s, "
			"dump %.3f s + fsync %.3f s (%" PRIu64 " bytes written, file %" PRIu64
			" bytes), total %.3f s\n", go->output, gt.boot, gt.run, gt.truth,
			gt.dump, gt.sync, gt.st.data_bytes, gt.st.file_bytes, now() - gt.t0);
	return 0;
fail:
	abort_all(&gf);
	return -1;
}

int refmm_gen_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "scenario", required_argument, NULL, 's' },
		{ "mem", required_argument, NULL, 'm' },
		{ "nodes", required_argument, NULL, 'n' },
		{ "cpus", required_argument, NULL, 'c' },
		{ "seed", required_argument, NULL, 'S' },
		{ "format", required_argument, NULL, 'f' },
		{ "compress", required_argument, NULL, 'z' },
		{ "dump-level", required_argument, NULL, 'd' },
		{ "threads", required_argument, NULL, 'j' },
		{ "output", required_argument, NULL, 'o' },
		{ "list", no_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "slabinfo", no_argument, NULL, 'I' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *scn_arg = "default", *out = NULL;
	struct gen_options go;
	struct scenario *scn;
	char err[1024];
	uint64_t v;
	int c, list = 0, kdump = 0, dump_level = -1, compress = -1, threads = 0;
	int quiet = 0, set = 0, ret;

	memset(&go, 0, sizeof go);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":s:m:n:c:S:f:z:d:j:o:lqvIh", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			scn_arg = optarg;
			break;
		case 'm':
			if (scn_parse_size(optarg, &v) < 0 || v < GEN_MIN_MEM || v > GEN_MAX_MEM)
				return bad("--mem \"%s\": expected a size from 64M to 16G", optarg);
			if (v % (2ULL << 20))
				return bad("--mem \"%s\": must be a multiple of 2M", optarg);
			go.cfg.mem_bytes = v;
			set |= SCN_SET_MEM;
			break;
		case 'n':
			if (parse_num(optarg, 1, GEN_MAX_NODES, &v) < 0)
				return bad("--nodes \"%s\": expected 1 to 4", optarg);
			go.cfg.nr_nodes = (int)v;
			set |= SCN_SET_NODES;
			break;
		case 'c':
			if (parse_num(optarg, 1, GEN_MAX_CPUS, &v) < 0)
				return bad("--cpus \"%s\": expected 1 to 64", optarg);
			go.cfg.nr_cpus = (int)v;
			set |= SCN_SET_CPUS;
			break;
		case 'S':
			if (parse_num(optarg, 0, UINT64_MAX, &v) < 0)
				return bad("--seed \"%s\": expected a non-negative number", optarg);
			go.cfg.seed = v;
			set |= SCN_SET_SEED;
			break;
		case 'f':
			if (!strcmp(optarg, "kdump"))
				kdump = 1;
			else if (strcmp(optarg, "elf"))
				return bad("--format \"%s\": expected elf or kdump", optarg);
			break;
		case 'z':
			compress = vmcore_compress_parse(optarg);
			if (compress < 0)
				return bad("--compress \"%s\": expected zlib, lzo, snappy, zstd or none",
					   optarg);
			break;
		case 'd':
			if (parse_num(optarg, 0, DL_MAX_DUMP_LEVEL, &v) < 0)
				return bad("--dump-level \"%s\": expected 0 to 31", optarg);
			dump_level = (int)v;
			break;
		case 'j':
			if (parse_num(optarg, 1, GEN_MAX_THREADS, &v) < 0)
				return bad("--threads \"%s\": expected 1 to 64", optarg);
			threads = (int)v;
			break;
		case 'o':
			if (!*optarg)
				return bad("-o \"%s\": an empty file name", optarg);
			out = optarg;
			break;
		case 'l':
			list = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'v':
			go.verbose = 1;
			break;
		case 'I':
			go.slabinfo = 1;
			break;
		case 'h':
			usage(stdout);
			return stdout_status();
		case ':':
			fprintf(stderr, "mmscope gen: option %s needs a value\n", argv[optind - 1]);
			return 2;
		default:
			if (optopt)
				fprintf(stderr, "mmscope gen: unknown option -%c\n", optopt);
			else
				fprintf(stderr, "mmscope gen: unknown option %s\n", argv[optind - 1]);
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc)
		return bad("unexpected argument \"%s\" (the dump is named with -o FILE)", argv[optind]);
	if (list) {
		list_scenarios();
		return stdout_status();
	}
	if (!kdump && dump_level > 0) {
		fprintf(stderr, "mmscope gen: --dump-level %d: the ELF format holds every page; "
			"use --format kdump\n", dump_level);
		return 2;
	}
	if (!kdump && (compress >= 0 || threads)) {
		fprintf(stderr, "mmscope gen: --%s: only for --format kdump\n",
			compress >= 0 ? "compress" : "threads");
		return 2;
	}
	if (kdump) {
		long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

		go.format = VMCORE_KDUMP;
		go.compress = compress >= 0 ? compress : VMCORE_COMPRESS_ZLIB;
		go.dump_level = dump_level > 0 ? dump_level : 0;
		if (!threads)
			threads = ncpu < 2 ? 2 : ncpu > GEN_MAX_THREADS ? GEN_MAX_THREADS : (int)ncpu;
		go.threads = threads;
	}
	if (!out) {
		fprintf(stderr, "mmscope gen: no output file: use -o FILE\n");
		usage(stderr);
		return 2;
	}

	scn = open_scenario(scn_arg, err, sizeof err);
	if (!scn) {
		fprintf(stderr, "mmscope gen: %s\n", err);
		return 1;
	}

	/* defaults < the scenario's boot parameters < the command line */
	{
		struct refmm_config cli = go.cfg;
		const struct scn_params *sp = scenario_params(scn);

		refmm_default_config(&go.cfg);
		go.cfg.boot_tasks = 1;	/* a dump shows a whole system */
		go.cfg.mem_bytes = 256ULL << 20;
		go.cfg.nr_nodes = 1;
		go.cfg.nr_cpus = 4;
		go.cfg.seed = 1;
		if (sp->set & SCN_SET_MEM)
			go.cfg.mem_bytes = sp->mem_bytes;
		if (sp->set & SCN_SET_NODES)
			go.cfg.nr_nodes = sp->nr_nodes;
		if (sp->set & SCN_SET_CPUS)
			go.cfg.nr_cpus = sp->nr_cpus;
		if (sp->set & SCN_SET_SEED)
			go.cfg.seed = sp->seed;
		if (sp->set & SCN_SET_NOMERGE)
			go.cfg.slab_nomerge = sp->slab_nomerge;
		if (set & SCN_SET_MEM)
			go.cfg.mem_bytes = cli.mem_bytes;
		if (set & SCN_SET_NODES)
			go.cfg.nr_nodes = cli.nr_nodes;
		if (set & SCN_SET_CPUS)
			go.cfg.nr_cpus = cli.nr_cpus;
		if (set & SCN_SET_SEED)
			go.cfg.seed = cli.seed;
	}
	if (go.cfg.mem_bytes < GEN_MIN_MEM || go.cfg.mem_bytes > GEN_MAX_MEM ||
	    go.cfg.mem_bytes % (2ULL << 20)) {
		fprintf(stderr, "mmscope gen: scenario %s: mem %" PRIu64 " bytes: expected 64M to 16G, "
			"a multiple of 2M\n",
			scenario_name(scn), go.cfg.mem_bytes);
		scenario_free(scn);
		return 2;
	}
	if (go.cfg.nr_nodes < 1 || go.cfg.nr_nodes > GEN_MAX_NODES ||
	    go.cfg.nr_cpus < 1 || go.cfg.nr_cpus > GEN_MAX_CPUS) {
		fprintf(stderr, "mmscope gen: scenario %s: nodes %d, cpus %d: expected 1..%d nodes, 1..%d cpus\n",
			scenario_name(scn), go.cfg.nr_nodes, go.cfg.nr_cpus, GEN_MAX_NODES, GEN_MAX_CPUS);
		scenario_free(scn);
		return 2;
	}
	{
		int bad_env;

		go.crashtime = crash_time(go.cfg.seed, &bad_env);
		if (bad_env) {
			fprintf(stderr, "mmscope gen: SOURCE_DATE_EPOCH \"%s\": not a number of seconds\n",
				getenv("SOURCE_DATE_EPOCH"));
			scenario_free(scn);
			return 2;
		}
	}
	go.output = out;
	go.scenario = scn;
	go.progress = !quiet && isatty(2);
	/* "quiet" on the kernel command line, and then some: a silent console */
	if (quiet)
		console_loglevel = CONSOLE_LOGLEVEL_SILENT;
	ret = gen_run(&go, err, sizeof err);
	if (ret)
		fprintf(stderr, "mmscope gen: %s\n", err);
	scenario_free(scn);
	return ret ? 1 : 0;
}
