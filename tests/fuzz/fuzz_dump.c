/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_dump.c - opening a damaged dump and running kmem -f, -i, -z and (if
 * bit 1 of the first byte is set) -p on it.  Bit 0 picks the tiny ELF dump (MMSCOPE_FUZZ_ELF) or the
 * tiny compressed kdump (MMSCOPE_FUZZ_KDUMP); the rest damages a private
 * copy of it (fuzz.h's records).  Besides the headers and the whole file,
 * the records of the ELF dump reach the node's pglist_data (its zones and
 * free lists) and its mem_map by their file offsets, so that the walks see
 * damaged structures and not only damaged headers.  The copy is put back
 * after each input.
 */
#include "tests/fuzz/fuzz_base.h"
#include "tests/fuzz/fuzz_session.h"

static struct fuzz_base bases[2];	/* ELF, kdump */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct ms_session sess;

	(void)argc;
	(void)argv;
	fuzz_base_open(&bases[0], "MMSCOPE_FUZZ_ELF", "elf.vmcore", &sess, "fuzz_dump");
	fuzz_base_setup(&bases[1], "MMSCOPE_FUZZ_KDUMP", "kdump.vmcore");
	/* a page or two around each: the structures and their neighbours */
	fuzz_base_add(&bases[0], sess.prog, "&contig_page_data", 16384);
	fuzz_base_add(&bases[0], sess.prog, "contig_page_data.node_mem_map", 16384 * 64);
	fuzz_base_add(&bases[0], sess.prog, "&vm_stat", 4096);
	fuzz_session_close(&sess);
	fuzz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* kmem -p walks every page: one input in two, or the fuzzer crawls */
	static const char *const cmds[] = { "kmem -f", "kmem -i", "kmem -z", NULL };
	static const char *const with_p[] = { "kmem -f", "kmem -i", "kmem -z", "kmem -p", NULL };

	if (size < 1)
		return 0;
	fuzz_base_run(&bases[data[0] & 1], data + 1, size - 1, data[0] & 2 ? with_p : cmds);
	return 0;
}
