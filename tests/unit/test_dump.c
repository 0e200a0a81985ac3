/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_dump.c - core/dump.c on small ELF vmcores written by this test.
 *
 * The synthetic machine: 1 MiB of RAM with a hole at [0x80000, 0x90000);
 * the direct map at PAGE_OFFSET (PT_LOADs with p_vaddr = PAGE_OFFSET + pa);
 * a two-page "kernel image" at 0x40000000 backed by pa 0x10000 (its own
 * PT_LOAD, overlapping RAM physically, as refmm's); one "vmalloc" page at
 * VMALLOC -> pa 0x20000 with the next page not present; real x86-64 4-level
 * page tables whose root (swapper_pg_dir) is the image's second page.
 * Every RAM word holds its physical address ^ PATTERN, except in the page
 * tables (pages below IMAGE_PA, and the root).
 */
#include "config.h"

#include <elf.h>
#include <fcntl.h>
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

#include "core/dump.h"
#include "core/error.h"
#include "core/program.h"
#include "core/vmcoreinfo.h"
#include "tests/unit/test_assert.h"

#define PAGE_OFFSET	0x200000000000ULL
#define IMAGE_VA	0x40000000ULL
#define IMAGE_PA	0x10000ULL
#define VMALLOC		0x300000000000ULL
#define VMALLOC_PA	0x20000ULL
#define RAM		0x100000ULL
#define HOLE_START	0x80000ULL
#define HOLE_END	0x90000ULL
#define ROOT_PA		(IMAGE_PA + 0x1000)
#define PATTERN		0x5a5a000000000000ULL
#define START_KERNEL_MAP 0xffffffff80000000ULL

enum variant {
	V_GOOD, V_NO_VMCOREINFO, V_NO_ROOT, V_ARM64, V_NO_PHYS_BASE,
	V_KDUMP,	/* the same machine as a compressed kdump, with excluded pages */
};

/* pfns left out of the kdump variant, as makedumpfile's -d would */
#define EXCL_PFN_START	0x40
#define EXCL_PFN_END	0x42

static char dir[64];
static char good_path[128];
static struct ms_program *prog;

static uint64_t *
ram_word(unsigned char *ram, uint64_t pa)
{
	return (uint64_t *)(ram + pa);
}

static void
map4k(unsigned char *ram, uint64_t va, uint64_t pa, uint64_t *next_pt)
{
	uint64_t table = ROOT_PA;
	int level;

	for (level = 3; level > 0; level--) {
		uint64_t idx = (va >> (12 + 9 * level)) & 511;
		uint64_t *e = ram_word(ram, table + idx * 8);

		if (!(*e & 1)) {
			*e = *next_pt | 3;
			memset(ram + *next_pt, 0, 4096);
			*next_pt += 4096;
		}
		table = *e & ~0xfffULL;
	}
	*ram_word(ram, table + ((va >> 12) & 511) * 8) = pa | 3;
}

static size_t
note(unsigned char *buf, const char *name, uint32_t type, const void *desc, size_t dsz)
{
	Elf64_Nhdr nh = { .n_namesz = strlen(name) + 1, .n_descsz = dsz, .n_type = type };
	size_t off = 0;

	memcpy(buf, &nh, sizeof(nh));
	off += sizeof(nh);
	memcpy(buf + off, name, nh.n_namesz);
	off += (nh.n_namesz + 3) & ~3u;
	memcpy(buf + off, desc, dsz);
	off += (dsz + 3) & ~3u;
	return off;
}

/*
 * The makedumpfile format (notes: libkdumpfile.md §3.1): header block,
 * sub-header block with the ELF notes, the RAM bitmap, the dumped bitmap,
 * page descriptors, page data (stored raw, flags 0).
 */
static void
write_kdump(const char *path, const unsigned char *ram, const unsigned char *notes,
	    size_t nlen, const char *vmci, uint64_t phys_base)
{
	const uint64_t bs = 4096, max_mapnr = RAM / 4096;
	unsigned char hdr[4096] = { 0 }, sub[4096] = { 0 }, bm1[4096] = { 0 },
		bm2[4096] = { 0 };
	uint64_t pfn, ndumped = 0, desc_off = 4 * bs, data_off, u64;
	uint32_t u32;
	int32_t i32;
	int fd;

	memcpy(hdr, "KDUMP   ", 8);
	i32 = 6;
	memcpy(hdr + 8, &i32, 4);			/* header_version */
	strcpy((char *)hdr + 12, "Linux");		/* utsname */
	strcpy((char *)hdr + 77, "test");
	strcpy((char *)hdr + 142, "4.0.0-refmm");
	strcpy((char *)hdr + 207, "#1 SMP");
	strcpy((char *)hdr + 272, "x86_64");
	u64 = 1764000000;
	memcpy(hdr + 408, &u64, 8);			/* tv_sec; tv_usec stays 0 */
	i32 = (int32_t)bs;
	memcpy(hdr + 428, &i32, 4);			/* block_size */
	i32 = 1;
	memcpy(hdr + 432, &i32, 4);			/* sub_hdr_size */
	u32 = 2;
	memcpy(hdr + 436, &u32, 4);			/* bitmap_blocks */
	u32 = (uint32_t)max_mapnr;
	memcpy(hdr + 440, &u32, 4);
	i32 = 2;
	memcpy(hdr + 460, &i32, 4);			/* nr_cpus */

	memcpy(sub + 0, &phys_base, 8);
	i32 = 16;					/* dump_level: free pages */
	memcpy(sub + 8, &i32, 4);
	u64 = bs + 128;					/* offset_vmcoreinfo */
	memcpy(sub + 32, &u64, 8);
	u64 = strlen(vmci);
	memcpy(sub + 40, &u64, 8);
	u64 = bs + 128 + 2048;				/* offset_note */
	memcpy(sub + 48, &u64, 8);
	memcpy(sub + 56, &nlen, 8);
	memcpy(sub + 96, &max_mapnr, 8);		/* max_mapnr_64 */
	assert_true(strlen(vmci) < 2048 && nlen < 4096 - 128 - 2048);
	memcpy(sub + 128, vmci, strlen(vmci));
	memcpy(sub + 128 + 2048, notes, nlen);

	for (pfn = 0; pfn < max_mapnr; pfn++) {
		if (pfn >= HOLE_START / 4096 && pfn < HOLE_END / 4096)
			continue;
		bm1[pfn >> 3] |= 1 << (pfn & 7);
		if (pfn >= EXCL_PFN_START && pfn < EXCL_PFN_END)
			continue;
		bm2[pfn >> 3] |= 1 << (pfn & 7);
		ndumped++;
	}
	data_off = (desc_off + ndumped * 24 + bs - 1) & ~(bs - 1);

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, hdr, bs, 0), (ssize_t)bs);
	assert_int_equal(pwrite(fd, sub, bs, bs), (ssize_t)bs);
	assert_int_equal(pwrite(fd, bm1, bs, 2 * bs), (ssize_t)bs);
	assert_int_equal(pwrite(fd, bm2, bs, 3 * bs), (ssize_t)bs);
	for (pfn = 0; pfn < max_mapnr; pfn++) {
		unsigned char pd[24] = { 0 };

		if (!(bm2[pfn >> 3] & (1 << (pfn & 7))))
			continue;
		u32 = (uint32_t)bs;
		memcpy(pd, &data_off, 8);
		memcpy(pd + 8, &u32, 4);
		assert_int_equal(pwrite(fd, pd, 24, (off_t)desc_off), 24);
		assert_int_equal(pwrite(fd, ram + pfn * bs, bs, (off_t)data_off), (ssize_t)bs);
		desc_off += 24;
		data_off += bs;
	}
	close(fd);
}

static void
write_dump(const char *path, enum variant v)
{
	unsigned char *ram = calloc(1, RAM);
	unsigned char notes[8192] = { 0 }, prstatus[336] = { 0 };
	char vmci[1024];
	uint64_t pa, next_pt = 0x1000, phys_base;
	Elf64_Ehdr eh = { 0 };
	Elf64_Phdr ph[4] = { { 0 } };
	size_t nlen = 0;
	uint64_t off;
	int fd;

	assert_non_null(ram);
	for (pa = 0; pa < RAM; pa += 8)
		*ram_word(ram, pa) = pa ^ PATTERN;
	memcpy(ram + IMAGE_PA + 0x100, "Linux version 4.0.0-refmm (test)", 33);
	memset(ram + ROOT_PA, 0, 4096);
	/* page tables live in pages 1..; the image's second page is the root */
	for (pa = 0; pa < RAM; pa += 4096)
		map4k(ram, PAGE_OFFSET + pa, pa, &next_pt);
	map4k(ram, IMAGE_VA, IMAGE_PA, &next_pt);
	map4k(ram, IMAGE_VA + 0x1000, IMAGE_PA + 0x1000, &next_pt);
	map4k(ram, VMALLOC, VMALLOC_PA, &next_pt);
	assert_true(next_pt <= IMAGE_PA);

	phys_base = ROOT_PA - (IMAGE_VA + 0x1000) + START_KERNEL_MAP;
	snprintf(vmci, sizeof(vmci),
		 "OSRELEASE=4.0.0-refmm\nPAGESIZE=4096\nBUILD-ID=0123456789abcdef\n"
		 "CRASHTIME=1764000000\nKERNELOFFSET=0\n%s%s"
		 "NUMBER(pgtable_l5_enabled)=0\nSIZE(page)=64\n",
		 v == V_NO_ROOT ? "" : "SYMBOL(swapper_pg_dir)=40001000\n",
		 v == V_NO_PHYS_BASE ? "" : "NUMBER(phys_base)=");
	if (v != V_NO_PHYS_BASE) {
		/* NUMBER(phys_base) is signed, as the kernel prints it */
		char *p = strstr(vmci, "NUMBER(phys_base)=") + strlen("NUMBER(phys_base)=");
		char tail[512];

		snprintf(tail, sizeof(tail), "%s", p);
		snprintf(p, sizeof(vmci) - (size_t)(p - vmci), "%" PRId64 "\n%s",
			 (int64_t)phys_base, tail);
	}
	nlen += note(notes + nlen, "CORE", NT_PRSTATUS, prstatus, sizeof(prstatus));
	nlen += note(notes + nlen, "CORE", NT_PRSTATUS, prstatus, sizeof(prstatus));
	if (v != V_NO_VMCOREINFO)
		nlen += note(notes + nlen, "VMCOREINFO", 0, vmci, strlen(vmci));

	if (v == V_KDUMP) {
		write_kdump(path, ram, notes, nlen, vmci, phys_base);
		free(ram);
		return;
	}
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_CORE;
	eh.e_machine = v == V_ARM64 ? EM_AARCH64 : EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_phoff = sizeof(eh);
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(Elf64_Phdr);
	eh.e_phnum = 4;

	off = sizeof(eh) + sizeof(ph);
	ph[0].p_type = PT_NOTE;
	ph[0].p_offset = off;
	ph[0].p_filesz = nlen;
	off = (off + nlen + 4095) & ~4095ULL;
	/* RAM below and above the hole, then the image */
	ph[1] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_offset = off, .p_vaddr = PAGE_OFFSET,
			      .p_paddr = 0, .p_filesz = HOLE_START, .p_memsz = HOLE_START,
			      .p_flags = PF_R | PF_W | PF_X };
	off += HOLE_START;
	ph[2] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_offset = off,
			      .p_vaddr = PAGE_OFFSET + HOLE_END, .p_paddr = HOLE_END,
			      .p_filesz = RAM - HOLE_END, .p_memsz = RAM - HOLE_END,
			      .p_flags = PF_R | PF_W | PF_X };
	off += RAM - HOLE_END;
	ph[3] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_offset = off, .p_vaddr = IMAGE_VA,
			      .p_paddr = IMAGE_PA, .p_filesz = 0x2000, .p_memsz = 0x2000,
			      .p_flags = PF_R | PF_W | PF_X };

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, &eh, sizeof(eh), 0), sizeof(eh));
	assert_int_equal(pwrite(fd, ph, sizeof(ph), sizeof(eh)), sizeof(ph));
	assert_int_equal(pwrite(fd, notes, nlen, ph[0].p_offset), (ssize_t)nlen);
	assert_int_equal(pwrite(fd, ram, HOLE_START, ph[1].p_offset), (ssize_t)HOLE_START);
	assert_int_equal(pwrite(fd, ram + HOLE_END, RAM - HOLE_END, ph[2].p_offset),
			 (ssize_t)(RAM - HOLE_END));
	assert_int_equal(pwrite(fd, ram + IMAGE_PA, 0x2000, ph[3].p_offset), 0x2000);
	close(fd);
	free(ram);
}

static int
group_setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_dump.XXXXXX");
	if (!mkdtemp(dir) || ms_program_create(&prog))
		return -1;
	snprintf(good_path, sizeof(good_path), "%s/good.vmcore", dir);
	write_dump(good_path, V_GOOD);
	return 0;
}

static int
group_teardown(void **state)
{
	char cmd[160];

	(void)state;
	ms_program_destroy(prog);
	if (getenv("MS_TEST_KEEP")) {		/* debugging: keep the dumps */
		fprintf(stderr, "dumps kept in %s\n", dir);
		return 0;
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int
open_good(void **state)
{
	struct ms_error *err;

	(void)state;
	err = ms_dump_open(prog, good_path);
	if (err) {
		fprintf(stderr, "open: %s\n", err->message);
		ms_error_destroy(err);
		return -1;
	}
	return 0;
}

static int
close_dump(void **state)
{
	(void)state;
	ms_dump_close(prog);
	return 0;
}

static void
test_info(void **state)
{
	const struct ms_dump_info *i = ms_dump_info(prog);

	(void)state;
	assert_non_null(i);
	assert_string_equal(i->format, "ELF64 dump");
	assert_int_equal(i->page_size, 4096);
	assert_int_equal(i->max_pfn, RAM / 4096);
	assert_int_equal(i->phys_bytes, RAM - (HOLE_END - HOLE_START));
	assert_int_equal(i->nr_cpus, 2);
	assert_string_equal(i->build_id, "0123456789abcdef");
	assert_int_equal(i->kernel_offset, 0);
	assert_int_equal(i->crash_time, 1764000000);
	assert_string_equal(ms_vmcoreinfo_get(ms_dump_vmcoreinfo(prog), "OSRELEASE"), "4.0.0-refmm");
	assert_string_equal(ms_vmcoreinfo_get(ms_dump_vmcoreinfo(prog), "SYMBOL(swapper_pg_dir)"), "40001000");
	assert_string_equal(ms_vmcoreinfo_get(ms_dump_vmcoreinfo(prog), "SIZE(page)"), "64");
	assert_null(ms_vmcoreinfo_get(ms_dump_vmcoreinfo(prog), "NO_SUCH_KEY"));
	assert_non_null(strstr(ms_vmcoreinfo_text(ms_dump_vmcoreinfo(prog)), "PAGESIZE=4096\n"));
}

static void
test_read_direct_map_and_phys(void **state)
{
	uint64_t v, pa;

	(void)state;
	for (pa = 0; pa < RAM; pa += 0x7ff8) {
		if ((pa >= HOLE_START && pa < HOLE_END) || pa < IMAGE_PA ||
		    (pa >= ROOT_PA && pa < ROOT_PA + 0x1000))
			continue;	/* the hole, page tables */
		assert_ms_ok(ms_read_u64(prog, PAGE_OFFSET + pa, &v, "t"));
		assert_int_equal(v, pa ^ PATTERN);
		assert_ms_ok(ms_readmem(prog, pa, MS_PHYSADDR, &v, 8, "t"));
		assert_int_equal(v, pa ^ PATTERN);
	}
}

static void
test_read_image_and_vmalloc(void **state)
{
	uint64_t v, pa;
	char s[64];
	uint32_t w;

	(void)state;
	assert_ms_ok(ms_read_u64(prog, IMAGE_VA + 8, &v, "t"));
	assert_int_equal(v, (IMAGE_PA + 8) ^ PATTERN);
	assert_ms_ok(ms_read_u32(prog, IMAGE_VA + 16, &w, "t"));
	assert_int_equal(w, (uint32_t)((IMAGE_PA + 16) ^ PATTERN));
	assert_ms_ok(ms_read_string(prog, IMAGE_VA + 0x100, s, sizeof(s), "t"));
	assert_string_equal(s, "Linux version 4.0.0-refmm (test)");
	assert_ms_ok(ms_read_string(prog, IMAGE_VA + 0x100, s, 6, "t"));
	assert_string_equal(s, "Linux");
	assert_ms_ok(ms_read_u64(prog, VMALLOC + 0xff8, &v, "t"));
	assert_int_equal(v, (VMALLOC_PA + 0xff8) ^ PATTERN);
	assert_ms_ok(ms_kvtop(prog, IMAGE_VA + 0x123, &pa));
	assert_int_equal(pa, IMAGE_PA + 0x123);
	assert_ms_ok(ms_kvtop(prog, VMALLOC + 0x10, &pa));
	assert_int_equal(pa, VMALLOC_PA + 0x10);
	assert_ms_ok(ms_kvtop(prog, PAGE_OFFSET + 0x54321, &pa));
	assert_int_equal(pa, 0x54321);
}

static void
test_read_cross_page_and_bulk(void **state)
{
	static unsigned char buf[0x40000];
	uint64_t i, base = 0x31ff0;

	(void)state;
	assert_ms_ok(ms_readmem(prog, PAGE_OFFSET + base, MS_KVADDR, buf, 32, "t"));
	for (i = 0; i < 32; i += 8)
		assert_int_equal(*(uint64_t *)(buf + i), (base + i) ^ PATTERN);
	/* big spans: below the hole, above it, physical */
	assert_ms_ok(ms_readmem(prog, PAGE_OFFSET + 0x40000, MS_KVADDR, buf, sizeof(buf), "t"));
	for (i = 0; i < sizeof(buf); i += 8)
		assert_int_equal(*(uint64_t *)(buf + i), (0x40000 + i) ^ PATTERN);
	assert_ms_ok(ms_readmem(prog, HOLE_END, MS_PHYSADDR, buf, 0x20000, "t"));
	for (i = 0; i < 0x20000; i += 8)
		assert_int_equal(*(uint64_t *)(buf + i), (HOLE_END + i) ^ PATTERN);
}

static void
test_cache_hits(void **state)
{
	uint64_t h0, m0, h1, m1, v;
	int i;

	(void)state;
	ms_dump_cache_flush(prog);
	ms_dump_cache_stats(prog, &h0, &m0);
	for (i = 0; i < 100; i++)
		assert_ms_ok(ms_read_u64(prog, PAGE_OFFSET + 0x3000 + 8 * (uint64_t)i, &v, "t"));
	ms_dump_cache_stats(prog, &h1, &m1);
	assert_int_equal(m1 - m0, 1);
	assert_int_equal(h1 - h0, 99);
}

static void
test_errors(void **state)
{
	static unsigned char buf[0x10000];
	uint64_t v, pa;

	(void)state;
	assert_ms_err_msg(ms_read_u64(prog, PAGE_OFFSET + HOLE_START + 0x10, &v, "zone struct"), MS_ERR_FAULT,
			  "invalid kernel virtual address: 200000080010"
			    "  type: \"zone struct\"");
	/* the page just below a segment: libkdumpfile 0.5.1 would serve garbage */
	assert_ms_err(ms_read_u64(prog, PAGE_OFFSET + HOLE_END - 0x1000, &v, "t"), MS_ERR_FAULT, NULL);
	assert_ms_err_msg(ms_readmem(prog, HOLE_END - 0x1000, MS_PHYSADDR, &v, 8, "64-bit PHYSADDR"), MS_ERR_FAULT,
			  "invalid physical address: 8f000"
			    "  type: \"64-bit PHYSADDR\"");
	assert_ms_err(ms_readmem(prog, RAM + 0x1000, MS_PHYSADDR, &v, 8, "t"), MS_ERR_FAULT, NULL);
	assert_ms_err_msg(ms_read_u64(prog, VMALLOC + 0x1000, &v, "vm_struct"), MS_ERR_FAULT,
			  "invalid kernel virtual address: 300000001000"
			    "  type: \"vm_struct\"");
	assert_ms_err(ms_read_u64(prog, 0xffff880000000000ULL, &v, "t"), MS_ERR_FAULT, NULL);
	assert_ms_err(ms_kvtop(prog, VMALLOC + 0x1000, &pa), MS_ERR_FAULT, NULL);
	/* a read that runs into the hole names the first bad byte */
	assert_ms_err_msg(ms_readmem(prog, PAGE_OFFSET + HOLE_START - 8, MS_KVADDR, buf, 16, "t"), MS_ERR_FAULT,
			  "invalid kernel virtual address: 200000080000"
			    "  type: \"t\"");
	assert_ms_err_msg(ms_readmem(prog, PAGE_OFFSET + HOLE_START - 0x8000, MS_KVADDR, buf,
				    sizeof(buf), "bulk"), MS_ERR_FAULT,
			  "invalid kernel virtual address: 200000080000"
			    "  type: \"bulk\"");
	assert_ms_err_msg(ms_readmem(prog, HOLE_START - 0x8000, MS_PHYSADDR, buf, sizeof(buf), "p"), MS_ERR_FAULT,
			  "invalid physical address: 80000  type: \"p\"");
	/* wrapping around the address space */
	assert_ms_err(ms_readmem(prog, UINT64_MAX - 4, MS_KVADDR, buf, 16, "t"), MS_ERR_FAULT, NULL);
	/* still fine afterwards */
	assert_ms_ok(ms_read_u64(prog, PAGE_OFFSET + 8, &v, "t"));
}

/* A fault carries the first unreadable address and its address space. */
static void
test_fault_data(void **state)
{
	static unsigned char buf[0x1000];
	struct ms_error *err;
	uint64_t v;

	(void)state;
	err = ms_read_u64(prog, PAGE_OFFSET + HOLE_START + 0x10, &v, "zone struct");
	assert_non_null(err);
	assert_int_equal(err->kind, MS_ERR_FAULT);
	assert_int_equal(err->as, MS_KVADDR);
	assert_int_equal(err->address, PAGE_OFFSET + HOLE_START + 0x10);
	ms_error_destroy(err);
	/* a read that starts in RAM and runs into the hole: the hole's first byte */
	err = ms_readmem(prog, HOLE_START - 0x800, MS_PHYSADDR, buf, sizeof(buf), "p");
	assert_non_null(err);
	assert_int_equal(err->kind, MS_ERR_FAULT);
	assert_int_equal(err->as, MS_PHYSADDR);
	assert_int_equal(err->address, HOLE_START);
	ms_error_destroy(err);
}

/*
 * VMCOREINFO's line formats, each read one way: SYMBOL hex, NUMBER signed
 * decimal with a range, OFFSET/SIZE/LENGTH decimal; an absent line is a
 * LOOKUP, a bad one CORRUPT naming the line.
 */
static void
test_vmcoreinfo(void **state)
{
	static const char text[] =
		"OSRELEASE=4.0.0-refmm\n"
		"SYMBOL(swapper_pg_dir)=ffffffff81c0a000\n"
		"NUMBER(phys_base)=-3204448256\n"
		"NUMBER(pageblock_order)=9\n"
		"NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)=-128\n"
		"NUMBER(bad)=12x\n"
		"NUMBER(huge)=99999999999999999999\n"
		"OFFSET(page.flags)=0\n"
		"SIZE(page)=56\n"
		"LENGTH(zone.free_area)=11\n"
		"SYMBOL(oops)=zz\n"
		"KERNELOFFSET=2a00000\n"
		"CRASHTIME=1764000000\n"
		"not a key value line\n";
	struct ms_vmcoreinfo *vi;
	uint64_t u;
	int64_t n;

	(void)state;
	assert_ms_ok(ms_vmcoreinfo_parse(text, sizeof(text) - 1, &vi));
	assert_string_equal(ms_vmcoreinfo_get(vi, "OSRELEASE"), "4.0.0-refmm");
	assert_ms_ok(ms_vmcoreinfo_symbol(vi, "swapper_pg_dir", &u));
	assert_int_equal(u, 0xffffffff81c0a000ULL);
	assert_ms_ok(ms_vmcoreinfo_number(vi, "phys_base", INT64_MIN, INT64_MAX, &n));
	assert_int_equal(n, -3204448256LL);
	assert_ms_ok(ms_vmcoreinfo_number(vi, "PAGE_BUDDY_MAPCOUNT_VALUE", INT32_MIN, -1, &n));
	assert_int_equal(n, -128);
	assert_ms_ok(ms_vmcoreinfo_number(vi, "pageblock_order", 0, 63, &n));
	assert_int_equal(n, 9);
	assert_ms_err_msg(ms_vmcoreinfo_number(vi, "pageblock_order", 0, 8, &n), MS_ERR_CORRUPT,
			  "VMCOREINFO line \"NUMBER(pageblock_order)=9\": out of range (0 to 8)");
	assert_ms_err_msg(ms_vmcoreinfo_number(vi, "bad", 0, 100, &n), MS_ERR_CORRUPT,
			  "VMCOREINFO line \"NUMBER(bad)=12x\": not a decimal number");
	assert_ms_err(ms_vmcoreinfo_number(vi, "huge", INT64_MIN, INT64_MAX, &n), MS_ERR_CORRUPT,
		      "NUMBER(huge)=99999999999999999999");
	assert_ms_err_msg(ms_vmcoreinfo_number(vi, "absent", 0, 1, &n), MS_ERR_LOOKUP,
			  "VMCOREINFO has no NUMBER(absent)");
	assert_ms_err(ms_vmcoreinfo_symbol(vi, "oops", &u), MS_ERR_CORRUPT, "SYMBOL(oops)=zz");
	assert_ms_ok(ms_vmcoreinfo_offset(vi, "page.flags", &u));
	assert_int_equal(u, 0);
	assert_ms_ok(ms_vmcoreinfo_size(vi, "page", &u));
	assert_int_equal(u, 56);
	assert_ms_ok(ms_vmcoreinfo_length(vi, "zone.free_area", &u));
	assert_int_equal(u, 11);
	assert_ms_ok(ms_vmcoreinfo_hex(vi, "KERNELOFFSET", &u));
	assert_int_equal(u, 0x2a00000);
	assert_ms_ok(ms_vmcoreinfo_decimal(vi, "CRASHTIME", 0, INT64_MAX, &n));
	assert_int_equal(n, 1764000000);
	/* a negative SIZE or hex with a sign is not of the form */
	ms_vmcoreinfo_destroy(vi);
	assert_ms_ok(ms_vmcoreinfo_parse("SIZE(x)=-1\n", 11, &vi));
	assert_ms_err(ms_vmcoreinfo_size(vi, "x", &u), MS_ERR_CORRUPT, "not a decimal number");
	ms_vmcoreinfo_destroy(vi);
	assert_ms_err(ms_vmcoreinfo_parse("no lines\n", 9, &vi), MS_ERR_CORRUPT, "empty");
	/* a program without a dump has none */
	assert_null(ms_dump_vmcoreinfo(prog));
	assert_ms_err(ms_vmcoreinfo_number(NULL, "x", 0, 1, &n), MS_ERR_LOOKUP, "no VMCOREINFO");
}

/* Opening @path fails with a @kind error that names the file and says @substr. */
static void
expect_open_error(const char *path, enum ms_error_kind kind, const char *substr)
{
	struct ms_error *err = ms_dump_open(prog, path);

	assert_non_null(err);
	if (err->kind != kind || !strstr(err->message, substr) || !strstr(err->message, path))
		fail_msg("%s error \"%s\", expected a %s error naming %s and saying \"%s\"",
			 ms_error_kind_name(err->kind), err->message, ms_error_kind_name(kind), path,
			 substr);
	ms_error_destroy(err);
	assert_null(ms_dump_info(prog));
}

static void
test_foreign_files(void **state)
{
	char path[160], cmd[400];
	uint64_t v;
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/text", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("this is not a vmcore\n", f);
	fclose(f);
	expect_open_error(path, MS_ERR_OTHER, "not a dump file");

	snprintf(path, sizeof(path), "%s/empty", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	expect_open_error(path, MS_ERR_CORRUPT, "empty file");

	expect_open_error("/proc/self/exe", MS_ERR_CORRUPT, "not an ELF core dump");
	expect_open_error(dir, MS_ERR_OTHER, "not a regular file");
	snprintf(path, sizeof(path), "%s/missing", dir);
	expect_open_error(path, MS_ERR_OS, "No such file");

	snprintf(path, sizeof(path), "%s/trunc", dir);
	snprintf(cmd, sizeof(cmd), "head -c 300000 '%s' > '%s'", good_path, path);
	assert_int_equal(system(cmd), 0);
	expect_open_error(path, MS_ERR_CORRUPT, "truncated");
	snprintf(cmd, sizeof(cmd), "head -c 100 '%s' > '%s'", good_path, path);
	assert_int_equal(system(cmd), 0);
	expect_open_error(path, MS_ERR_CORRUPT, "truncated");

	snprintf(path, sizeof(path), "%s/novmci", dir);
	write_dump(path, V_NO_VMCOREINFO);
	expect_open_error(path, MS_ERR_OTHER, "no VMCOREINFO");
	snprintf(path, sizeof(path), "%s/noroot", dir);
	write_dump(path, V_NO_ROOT);
	expect_open_error(path, MS_ERR_LOOKUP, "no page-table root");
	snprintf(path, sizeof(path), "%s/arm64", dir);
	write_dump(path, V_ARM64);
	expect_open_error(path, MS_ERR_CORRUPT, "not an x86_64 dump");
	/* no dump is open now */
	assert_ms_err(ms_read_u64(prog, PAGE_OFFSET, &v, "t"), MS_ERR_OTHER, "no dump is open");

	/* without NUMBER(phys_base) the image's PT_LOAD locates the root */
	snprintf(path, sizeof(path), "%s/nophysbase", dir);
	write_dump(path, V_NO_PHYS_BASE);
	assert_ms_ok(ms_dump_open(prog, path));
	assert_ms_ok(ms_read_u64(prog, VMALLOC, &v, "t"));
	assert_int_equal(v, VMALLOC_PA ^ PATTERN);
	ms_dump_close(prog);
}

/* The same machine as a compressed kdump: translation by page tables only. */
static void
test_kdump(void **state)
{
	const struct ms_dump_info *i;
	static unsigned char buf[0x10000];
	char path[160];
	uint64_t v, pa, k;

	(void)state;
	snprintf(path, sizeof(path), "%s/good.kdump", dir);
	write_dump(path, V_KDUMP);
	assert_ms_ok(ms_dump_open(prog, path));
	i = ms_dump_info(prog);
	assert_non_null(strstr(i->format, "KDUMP"));
	assert_int_equal(i->page_size, 4096);
	assert_int_equal(i->phys_bytes, RAM - (HOLE_END - HOLE_START));
	assert_int_equal(i->nr_cpus, 2);
	assert_string_equal(i->build_id, "0123456789abcdef");
	assert_int_equal(i->crash_time, 1764000000);

	assert_ms_ok(ms_read_u64(prog, PAGE_OFFSET + 0x54328, &v, "t"));
	assert_int_equal(v, 0x54328 ^ PATTERN);
	assert_ms_ok(ms_readmem(prog, 0x54328, MS_PHYSADDR, &v, 8, "t"));
	assert_int_equal(v, 0x54328 ^ PATTERN);
	assert_ms_ok(ms_read_u64(prog, IMAGE_VA + 8, &v, "t"));
	assert_int_equal(v, (IMAGE_PA + 8) ^ PATTERN);
	assert_ms_ok(ms_read_u64(prog, VMALLOC + 0x10, &v, "t"));
	assert_int_equal(v, (VMALLOC_PA + 0x10) ^ PATTERN);
	assert_ms_ok(ms_kvtop(prog, VMALLOC + 0x10, &pa));
	assert_int_equal(pa, VMALLOC_PA + 0x10);
	assert_ms_ok(ms_readmem(prog, PAGE_OFFSET + HOLE_END, MS_KVADDR, buf, sizeof(buf), "t"));
	for (k = 0; k < sizeof(buf); k += 8)
		assert_int_equal(*(uint64_t *)(buf + k), (HOLE_END + k) ^ PATTERN);

	/* left out by "makedumpfile": page excluded; not RAM: invalid */
	assert_ms_err_msg(ms_read_u64(prog, PAGE_OFFSET + EXCL_PFN_START * 4096 + 8, &v, "page"), MS_ERR_FAULT,
			  "page excluded: kernel virtual address: "
			    "200000040008  type: \"page\"  (pfn 0x40, left out at dump level 16)");
	assert_ms_err_msg(ms_readmem(prog, EXCL_PFN_START * 4096 + 0x1000, MS_PHYSADDR, &v, 8, "p"), MS_ERR_FAULT,
			  "page excluded: physical address: 41000  type: \"p\""
			    "  (pfn 0x41, left out at dump level 16)");
	assert_ms_err_msg(ms_read_u64(prog, PAGE_OFFSET + HOLE_START, &v, "t"), MS_ERR_FAULT,
			  "invalid kernel virtual address: 200000080000"
			    "  type: \"t\"");
	assert_ms_err_msg(ms_readmem(prog, HOLE_END - 8, MS_PHYSADDR, &v, 8, "p"), MS_ERR_FAULT,
			  "invalid physical address: 8fff8  type: \"p\"");
	/* a bulk read that runs into excluded pages names the first one */
	assert_ms_err_msg(ms_readmem(prog, PAGE_OFFSET + 0x38000, MS_KVADDR, buf, sizeof(buf), "b"), MS_ERR_FAULT,
			  "page excluded: kernel virtual address: "
			    "200000040000  type: \"b\"  (pfn 0x40, left out at dump level 16)");
	assert_ms_err(ms_read_u64(prog, VMALLOC + 0x1000, &v, "t"), MS_ERR_FAULT,
		      "invalid kernel virtual address: 300000001000");
	ms_dump_close(prog);

	/* cut short */
	snprintf(path, sizeof(path), "%s/short.kdump", dir);
	{
		char cmd[400];

		snprintf(cmd, sizeof(cmd), "head -c 6000 '%s/good.kdump' > '%s'", dir, path);
		assert_int_equal(system(cmd), 0);
	}
	expect_open_error(path, MS_ERR_CORRUPT, "truncated");
}

static void
test_reopen(void **state)
{
	uint64_t v;
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		assert_ms_ok(ms_dump_open(prog, good_path));
		assert_ms_ok(ms_read_u64(prog, IMAGE_VA, &v, "t"));
		assert_int_equal(v, IMAGE_PA ^ PATTERN);
	}
	ms_dump_close(prog);
	assert_null(ms_dump_info(prog));
	assert_ms_err(ms_read_u64(prog, IMAGE_VA, &v, "t"), MS_ERR_OTHER, "no dump is open");
	ms_dump_close(prog);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, open_good, close_dump)
	const struct CMUnitTest tests[] = {
		T(test_info), T(test_read_direct_map_and_phys), T(test_read_image_and_vmalloc),
		T(test_read_cross_page_and_bulk), T(test_cache_hits), T(test_errors),
		T(test_fault_data), cmocka_unit_test(test_vmcoreinfo),
		cmocka_unit_test(test_foreign_files), cmocka_unit_test(test_kdump),
		cmocka_unit_test(test_reopen),
	};

	return cmocka_run_group_tests_name("dump", tests, group_setup, group_teardown);
}
