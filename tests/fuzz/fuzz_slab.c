/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_slab.c - kmem -s (and, when bit 0 of the first byte is set, kmem -S)
 * on a damaged copy of the small ELF dump with processes
 * (MMSCOPE_FUZZ_PROCS).  Besides the headers and the whole file, the
 * records reach the kmem_cache structures (slab_caches), one
 * kmem_cache_node and the mem_map (the slabs' struct pages: freelist,
 * active, s_mem, lru), so that the walks see damaged slab structures.
 */
#include "tests/fuzz/fuzz_base.h"
#include "tests/fuzz/fuzz_session.h"

static struct fuzz_base base;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct ms_session sess;

	(void)argc;
	(void)argv;
	fuzz_base_open(&base, "MMSCOPE_FUZZ_PROCS", "procs.vmcore", &sess, "fuzz_slab");
	fuzz_base_add(&base, sess.prog, "slab_caches.next", 32768);
	fuzz_base_add(&base, sess.prog, "kmalloc_caches[6]->node[0]", 4096);
	fuzz_base_add(&base, sess.prog, "contig_page_data.node_mem_map", 16384 * 64 * 2);
	fuzz_base_add(&base, sess.prog, "kmalloc_caches[7]->node[0]", 4096);
	fuzz_session_close(&sess);
	fuzz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const s[] = { "kmem -s", NULL };
	static const char *const both[] = { "kmem -s", "kmem -S", NULL };

	if (size < 1)
		return 0;
	fuzz_base_run(&base, data + 1, size - 1, data[0] & 1 ? both : s);
	return 0;
}
