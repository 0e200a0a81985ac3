/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kmem.c - crash's kmem: the option rules and kmem ADDR.  The free lists
 * (-f, -F, -f ADDR) live in kmem_free.c, page structs (-p, -m, -g) in
 * kmem_page.c, -i, -z and -n in kmem_info.c and the memory picture -M in
 * kmem_map.c.  Everything is read through core/mm (DWARF member names),
 * never through a target header.  kmem -i prints SHARED only with
 * -i=shared, as crash does since 8.0.3.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/kmem.h"
#include "core/command.h"
#include "core/error.h"
#include "core/mm.h"
#include "core/output.h"
#include "core/session.h"
#include "core/symbols.h"

extern const struct ms_command cmd_kmem;

/* ---------------------------------------------------------------------- */
/* kmem ADDR                                                              */

static int kmem_identify(struct ms_session *sess, const struct ms_mm_addr *ka, bool phys)
{
	struct ms_program *prog = sess->prog;
	const struct ms_symbol *sym;
	uint64_t off = 0;
	int printed = 0, rc;
	struct ms_error *err;

	if (!phys && (sym = ms_symbol_containing(prog, ka->addr, &off))) {
		if (off)
			fprintf(ms_fp, "%" PRIx64 " (%c) %s+%" PRIu64 "\n\n", ka->addr, sym->type,
				sym->name, off);
		else
			fprintf(ms_fp, "%" PRIx64 " (%c) %s\n\n", ka->addr, sym->type, sym->name);
		printed = 1;
	}
	if (!phys && ka->kind != MS_MM_ADDR_NONE) {
		int found;

		if (kmem_slab_identify(sess, ka->addr, false, &found))
			return -1;
		if (found)
			fprintf(ms_fp, "\n");
	}
	if (ka->kind == MS_MM_ADDR_NONE) {
		if (printed)
			return 0;
		return ms_cmd_error(sess, "%" PRIx64 ": %s address not found in mem map", ka->addr,
				    phys ? "physical" : "kernel virtual");
	}
	err = kmem_free_search(prog, ka, false, &rc);
	if (err)
		return ms_cmd_fail(sess, err);
	if (rc > 0)
		fprintf(ms_fp, "\n");
	return kmem_pages(sess, (struct ms_mm_addr *)ka, 1, false);
}

/* ---------------------------------------------------------------------- */
/* the command                                                            */

static int usage(struct ms_session *sess)
{
	return ms_cmd_usage(sess, &cmd_kmem);
}

static int cmd_kmem_handler(struct ms_session *sess, int argc, char **argv)
{
	struct ms_program *prog = sess->prog;
	bool f = false, F = false, p = false, g = false, i = false, z = false, n = false,
	     M = false, P = false, other = false, shared = false, s = false, S = false;
	struct kmem_slab_opts so = { .sort_key = -1 };
	static const struct option longopts[] = {
		{ "sort", required_argument, NULL, 1 },
		{ "callers", no_argument, NULL, 2 },
		{ NULL, 0, NULL, 0 },
	};
	char other_opt = 0;
	const char *m_spec = NULL;
	int mainflags = 0, c, k, rc = 0, naddr = 0;
	bool json = sess->output_mode == MS_OUTPUT_JSON;
	struct ms_mm_addr *addrs = NULL;

	optind = 0;
	opterr = 1;
	while ((c = getopt_long(argc, argv, "fFpgi::znMPsSrvVcCohm:I:", longopts, NULL)) != -1) {
		switch (c) {
		case 's': s = true; mainflags++; break;
		case 'S': S = true; mainflags++; break;
		case 1:
			so.sort_key = kmem_slab_sort_key(optarg);
			if (so.sort_key < 0)
				return ms_cmd_error(sess, "--sort: unknown key \"%s\" (cache, objsize, "
						    "allocated, total, slabs, ssize, name, bytes)", optarg);
			break;
		case 2: so.callers = true; break;
		case 'f': f = true; mainflags++; break;
		case 'F': F = true; mainflags++; break;
		case 'p': p = true; mainflags++; break;
		case 'g': g = true; mainflags++; break;
		case 'i':
			if (optarg && strcmp(optarg, "=shared"))
				return usage(sess);
			shared = optarg != NULL;
			i = true; mainflags++; break;
		case 'M': M = true; mainflags++; break;
		case 'z': z = true; break;
		case 'n': n = true; break;
		case 'P': P = true; break;
		case 'I': break;
		case 'm':
			m_spec = optarg;
			mainflags++;
			break;
		case 'r': case 'v': case 'V': case 'c': case 'C':
		case 'o': case 'h':
			other = true;
			other_opt = (char)c;
			mainflags++;
			break;
		default:
			return usage(sess);
		}
	}
	if (mainflags > 1) {
		ms_cmd_error(sess, "only one flag allowed!");
		return usage(sess);
	}
	naddr = argc - optind;
	if (!mainflags && !z && !n && !naddr)
		return usage(sess);
	if (other)
		return ms_cmd_error(sess, "-%c: not supported by this version of kmem", other_opt);
	if ((so.sort_key >= 0 || so.callers) && !s) {
		ms_cmd_error(sess, "--sort and --callers go with -s");
		return usage(sess);
	}
	if (s || S) {
		so.verbose = S;
		for (k = 0; k < naddr; k++) {
			const char *a = argv[optind + k];
			unsigned long long v;
			struct ms_error *err;

			if (so.name || so.has_addr || so.list)
				return ms_cmd_error(sess, "only one kmem_cache reference is allowed");
			if (!strcmp(a, "list")) {
				so.list = true;
				continue;
			}
			err = ms_parse_addr(a, &v);
			if (err) {
				ms_error_destroy(err);
				so.name = a;
			} else {
				so.has_addr = true;
				so.addr = v;
			}
		}
		if (so.callers && !so.name)
			return ms_cmd_error(sess, "--callers needs a cache name: kmem -s NAME --callers");
		return kmem_slab(sess, &so);
	}
	if (naddr && (z || n || i || F || M) && !g) {
		ms_cmd_error(sess, "no address arguments allowed with this option");
		return usage(sess);
	}
	if (g) {
		if (naddr > 1)
			return usage(sess);
		return kmem_flags(sess, naddr ? argv[optind] : NULL);
	}
	{
		const struct ms_mm *mm;
		struct ms_error *err = ms_mm(prog, MS_MM_ZONES, &mm);

		if (err)
			return ms_cmd_fail(sess, err);
	}
	if (naddr) {
		addrs = calloc((size_t)naddr, sizeof(*addrs));
		if (!addrs)
			return ms_cmd_error(sess, "out of memory");
		for (k = 0; k < naddr; k++) {
			unsigned long long v;
			struct ms_error *err = ms_parse_addr(argv[optind + k], &v);

			if (err) {
				/* a word that is not hex would be a slab name: -s only */
				ms_error_destroy(err);
				free(addrs);
				return usage(sess);
			}
			ms_mm_resolve(prog, v, P, &addrs[k]);
		}
	}
	if (z)
		rc |= kmem_zones(sess, json && !naddr);
	if (n)
		rc |= kmem_nodes(sess);
	if (f || F) {
		if (!naddr) {
			rc |= kmem_free(sess, F, json);
		} else {
			for (k = 0; k < naddr; k++) {
				if (addrs[k].kind == MS_MM_ADDR_NONE) {
					rc |= ms_cmd_error(sess, "%" PRIx64 ": %s address not found in mem map",
							   addrs[k].addr, P ? "physical" : "kernel virtual");
					continue;
				}
				int found;
				struct ms_error *err = kmem_free_search(prog, &addrs[k], true, &found);

				if (err)
					rc |= ms_cmd_fail(sess, err);
			}
		}
	} else if (p) {
		int good = 0;
		for (k = 0; k < naddr; k++) {
			if (addrs[k].kind == MS_MM_ADDR_NONE)
				rc |= ms_cmd_error(sess, "%" PRIx64 ": %s address not found in mem map",
						   addrs[k].addr, P ? "physical" : "kernel virtual");
			else
				good++;
		}
		if (!naddr || good)
			rc |= kmem_pages(sess, addrs, naddr, json);
	} else if (m_spec) {
		for (k = 0; k < naddr; k++)
			if (addrs[k].kind == MS_MM_ADDR_NONE)
				rc |= ms_cmd_error(sess, "%" PRIx64 ": %s address not found in mem map",
						   addrs[k].addr, P ? "physical" : "kernel virtual");
		rc |= kmem_members(sess, m_spec, addrs, naddr);
	} else if (i) {
		rc |= kmem_info(sess, json, shared);
	} else if (M) {
		rc |= kmem_map(sess);
	} else if (naddr) {
		for (k = 0; k < naddr; k++)
			rc |= kmem_identify(sess, &addrs[k], P);
	}
	free(addrs);
	/* stopped by ^C or by the reader of a pipe going away ("| head"):
	 * what was wanted was printed, the command did not fail */
	if (rc && ms_interrupted())
		return 0;
	return rc ? -1 : 0;
}

static const char *const kmem_options[] = {
	"-f", "-F", "-p", "-m", "-g", "-i", "-z", "-n", "-M", "-P", "-s", "-S", "--sort=",
	"--callers", NULL,
};

const struct ms_command cmd_kmem = {
	.name = "kmem",
	.handler = cmd_kmem_handler,
	.summary = "kernel memory: free areas, page structs, zones, memory usage",
	.synopsis = "kmem [-f|-F|-c|-C|-i[=shared]|-v|-V|-n|-z|-o|-h|-M] [-p | -m member[,member]]\n"
		    "     [[-s|-S|-S=cpu[s]|-r] [slab] [-I slab[,slab]]] [-g [flags]] [[-P] address]]",
	.help =
"  This command displays information about the use of kernel memory, read\n"
"  from the dump through the debuginfo's DWARF (struct page, struct zone,\n"
"  enum pageflags ...).\n"
"\n"
"        -f  displays the contents of the buddy free-area lists of every zone\n"
"            of every node and verifies the total against the zones' counters.\n"
"        -F  same as -f, but also lists the first page struct of every free block.\n"
"   -f addr  shows whether the page holding addr is in a free block, and which.\n"
"        -p  displays basic information about every page struct in mem_map:\n"
"            page, physical address, mapping, index, reference count, flags.\n"
"   -p addr  the page struct(s) of the given addresses only.\n"
"  -m member[,member]  like -p, but prints the named struct page members\n"
"            (list_head as next,prev; pointers in full; flags in hex;\n"
"            atomic counters in decimal; other integers in the radix).\n"
"        -g  displays the enum pageflags bits; -g flags decodes a flags value.\n"
"        -i  displays general memory usage information (as /proc/meminfo);\n"
"            -i=shared also counts shared pages (walks every page struct).\n"
"        -z  displays per-zone statistics and watermarks.\n"
"        -n  displays memory nodes, their zones and mem_map.\n"
"        -M  draws a picture of physical memory, one character per run of\n"
"            pages (free, slab, user, page tables, reserved/image, other),\n"
"            sized to the terminal width (COLUMNS), with a legend and scale.\n"
"        -s  displays basic information about every slab cache: its kmem_cache\n"
"            address, object size (kmem_cache.size), allocated objects, total\n"
"            objects, slabs and slab size.  Objects in the per-CPU, shared and\n"
"            alien array caches count as free, as crash counts them.\n"
"   -s name  the cache called name (or whose kmem_cache address is given);\n"
"            -s list prints each cache's address and name.\n"
"   -s addr  the cache, slab and object holding addr.\n"
"        -S  as -s, then every slab of each cache and its objects: free ones,\n"
"            [allocated] ones (with SLAB_STORE_USER, \"last user: func+off\"),\n"
"            and those in an array cache, \"(cpu N cache)\", \"(shared cache)\"\n"
"            or \"(alien cache)\".  -S also checks every slab's freelist\n"
"            and, on a CONFIG_DEBUG_SLAB kernel, red zones and poison.\n"
"  --sort=key  with -s: every cache, sorted by cache, objsize, allocated,\n"
"            total, slabs, ssize, bytes (biggest first) or name.\n"
"  --callers  with -s name: the cache's allocated objects grouped by their\n"
"            last user (SLAB_STORE_USER caches): caller, objects, bytes.\n"
"            While walking, -s and -S report, with the cache, slab and object\n"
"            addresses, what does not add up (a freelist index out of range,\n"
"            an object on two lists, a slab on the wrong list for its active\n"
"            count, counters that disagree, bad red zones or poison) and go on.\n"
"        -P  the address that follows is physical.\n"
"   address  a page struct address, a kernel virtual address (direct map,\n"
"            image) or a physical address (with -P, or a plain number below\n"
"            the end of memory): shows the symbol, the slab object or the\n"
"            free block holding it, and its page struct.\n"
"\n"
"  With --json or \"set output json\", -f, -p, -i, -z, -s and -S print JSON.\n"
"  A counter this kernel does not have is \"not available\" (JSON null),\n"
"  never a zero.  A free page is told by PG_buddy, else by _mapcount equal\n"
"  to VMCOREINFO's NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE); without either, -f, -F\n"
"  and -M say in a NOTE what they could not check.\n"
"\n"
"  The synopsis is crash's: -r, -I (slab caches), -v, -V (vmalloc,\n"
"  vm_stat), -c, -C, -o and -h are accepted and answered \"not supported by\n"
"  this version of kmem\".\n"
"\n"
"  EXAMPLES\n"
"    mmscope> kmem -f\n"
"    mmscope> kmem -p 200000100000\n"
"    mmscope> kmem -g 400\n"
"    mmscope> kmem -s --sort=total | head\n"
"    mmscope> kmem -s dentry --callers\n"
"    mmscope> kmem -f | grep nr_free_pages\n",
	.options = kmem_options,
};
