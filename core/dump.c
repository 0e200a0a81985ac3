/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dump.c - the session's dump, read through libkdumpfile.
 *
 * Opening:
 *  1. A header check of our own (ELF: core, x86-64, 64-bit LE, every PT_LOAD
 *     and PT_NOTE inside the file; compressed kdump: bitmaps, descriptors and
 *     the last page inside the file), because libkdumpfile 0.5.1 opens a
 *     cut-short dump without complaint and says little about foreign files.
 *  2. kdump_open_fd(); libkdumpfile's own page cache is set small
 *     (cache.size = 64): it is searched linearly (notes: libkdumpfile.md §5).
 *  3. VMCOREINFO from the "linux.vmcoreinfo.raw" attribute, which 0.5.1
 *     provides without an OS type.  We parse the lines ourselves.
 *  4. Translation without ostype (notes §2.2): the page-table root's physical
 *     address from SYMBOL(swapper_pg_dir) (or init_level4_pgt, init_top_pgt)
 *     by Linux's kernel-text rule pa = va + phys_base - __START_KERNEL_map,
 *     or, without NUMBER(phys_base), from the ELF PT_LOAD that holds it;
 *     then addrxlat.default.rootpgt and virt_bits = 48.  ostype "linux" is
 *     not set: it would validate init_uts_ns, which we do not need.
 *
 * Reading: every read is split into pages served by core/pagecache.c, keyed
 * by (address space, page number).  Spans of BULK_PAGES pages or more skip the
 * cache and go to kdump_read() in one call, so a mem_map scan costs one copy.
 * On ELF dumps a page is first checked against the PT_LOADs (read_in_page():
 * libkdumpfile 0.5.1 serves a hole just below a segment with the wrong bytes).
 * Errors are crash's: "invalid kernel virtual address", "invalid physical
 * address", "page excluded" (a kdump page left out, told from a RAM hole by
 * the kdump's RAM bitmap; the message adds the pfn and the sub-header's dump
 * level), "read error".
 *
 * libkdumpfile 0.5.1 bugs met here and not worked around: kdump_free() of a
 * compressed kdump context touches freed memory (valgrind; see
 * tests/e2e/dump/valgrind.supp).
 */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libkdumpfile/addrxlat.h>
#include <libkdumpfile/kdumpfile.h>

#include "core/dump.h"
#include "core/error.h"
#include "core/pagecache.h"

#define START_KERNEL_MAP	0xffffffff80000000ULL
#define KDUMP_CACHE_PAGES	64	/* libkdumpfile's own (linear) cache */
#define CACHE_PAGES		4096	/* ours: 16 MiB of 4 KiB pages */
#define BULK_PAGES		4	/* reads this long bypass our cache */

struct vmci_line {
	char *key;
	char *val;
};

struct elf_load {
	uint64_t vaddr, paddr, memsz;
};

static struct dump {
	kdump_ctx_t *ctx;
	addrxlat_ctx_t *axctx;		/* references held while open */
	addrxlat_sys_t *axsys;
	unsigned char *rammap;		/* kdump: bitmap of pfns that are RAM */
	uint64_t rammap_bits;
	int dump_level;			/* kdump: the sub-header's (-1: unknown) */
	uint64_t excluded_pfn;		/* the last excluded page (UINT64_MAX: none) */
	int fd;
	char *path;
	struct ms_pagecache *pc;
	/* the page the last ms_pagecache_get() returned (valid until the next
	 * get or flush), so that a run of small reads in one page, say a list
	 * entry's link and then its structure, probes the cache once */
	const unsigned char *memo_page;
	uint64_t memo_pageno;
	enum ms_as memo_as;
	uint64_t memo_hits;		/* hits served by the memo */
	uint64_t page_size;
	unsigned page_shift;
	char *vmci_raw;
	char *vmci_buf;			/* split copy the vmci keys point into */
	struct vmci_line *vmci;
	size_t nr_vmci;
	struct elf_load *loads;		/* ELF PT_LOADs, for phys_bytes and the root */
	size_t nr_loads;
	bool is_elf;
	struct ms_dump_info info;
	char format[64];
	/* the last failed kdump_read(), for the error message */
	kdump_status last_status;
	char last_err[256];
} D = { .fd = -1, .dump_level = -1, .excluded_pfn = UINT64_MAX };

static kdump_addrspace_t
kdump_as(enum ms_as as)
{
	/*
	 * MACHPHYSADDR is native in both formats; KPHYSADDR would go through
	 * the translation system for nothing (no Xen here).
	 */
	return as == MS_PHYSADDR ? KDUMP_MACHPHYSADDR : KDUMP_KVADDR;
}

/* Record why kdump_read() failed. */
static void
note_kdump_error(kdump_status st)
{
	const char *e = kdump_get_err(D.ctx);

	D.last_status = st;
	snprintf(D.last_err, sizeof(D.last_err), "%s", e ? e : kdump_strerror(st));
}

/*
 * crash's wording for an unreadable @addr: excluded pages, addresses that do
 * not translate or are not in the dump, and other read errors.
 */
static int
set_read_error(uint64_t addr, enum ms_as as, const char *what)
{
	const char *space = as == MS_PHYSADDR ? "physical" : "kernel virtual";

	if (!what)
		what = "memory";
	if (D.last_status == KDUMP_ERR_NODATA && strstr(D.last_err, "xcluded")) {
		/* crash's words, then which page and the dump level that left it out */
		if (D.excluded_pfn != UINT64_MAX && D.dump_level >= 0)
			return ms_error_set("page excluded: %s address: %" PRIx64 "  type: \"%s\""
					    "  (pfn %#" PRIx64 ", left out at dump level %d)",
					    space, addr, what, D.excluded_pfn, D.dump_level);
		return ms_error_set("page excluded: %s address: %" PRIx64 "  type: \"%s\"",
				    space, addr, what);
	}
	if (D.last_status == KDUMP_ERR_NODATA || D.last_status == KDUMP_ERR_ADDRXLAT)
		return ms_error_set("invalid %s address: %" PRIx64 "  type: \"%s\"",
				    space, addr, what);
	return ms_error_set("read error: %s address: %" PRIx64 "  type: \"%s\"",
			    space, addr, what);
}

/* Is [addr, addr + len) inside one ELF PT_LOAD, by physical or virtual address? */
static bool
elf_covered(uint64_t addr, size_t len, bool virt)
{
	size_t i;

	for (i = 0; i < D.nr_loads; i++) {
		const struct elf_load *l = &D.loads[i];
		uint64_t start = virt ? l->vaddr : l->paddr;

		if (!virt && l->paddr == UINT64_MAX)
			continue;
		if (addr >= start && addr - start < l->memsz && len <= l->memsz - (addr - start))
			return true;
	}
	return false;
}

static int
kv_to_phys(uint64_t vaddr, uint64_t *paddr)
{
	addrxlat_fulladdr_t fa = { .addr = vaddr, .as = ADDRXLAT_KVADDR };
	addrxlat_status ast;

	ast = addrxlat_fulladdr_conv(&fa, ADDRXLAT_KPHYSADDR, D.axctx, D.axsys);
	if (ast != ADDRXLAT_OK) {
		D.last_status = KDUMP_ERR_ADDRXLAT;
		snprintf(D.last_err, sizeof(D.last_err), "%s", addrxlat_ctx_get_err(D.axctx));
		return -1;
	}
	*paddr = fa.addr;
	return 0;
}

/*
 * A compressed kdump says "Excluded page" both for pages makedumpfile left
 * out and for holes in RAM.  Only the former is crash's "page excluded"; a
 * hole is an invalid address.  The kdump file's first bitmap (RAM) tells
 * them apart.
 */
static bool
ram_pfn(uint64_t pfn)
{
	return pfn < D.rammap_bits && (D.rammap[pfn >> 3] >> (pfn & 7) & 1);
}

static void
classify_excluded(enum ms_as as, uint64_t addr)
{
	uint64_t pa = addr;

	D.excluded_pfn = UINT64_MAX;
	if (D.last_status != KDUMP_ERR_NODATA || !strstr(D.last_err, "xcluded") || !D.rammap)
		return;
	if (as == MS_KVADDR && kv_to_phys(addr, &pa) < 0)
		return;
	if (!ram_pfn(pa >> D.page_shift)) {
		D.last_status = KDUMP_ERR_NODATA;
		snprintf(D.last_err, sizeof(D.last_err), "Page not found");
		return;
	}
	D.excluded_pfn = pa >> D.page_shift;
}

/*
 * Read [addr, addr + len), which lies within one page.  On failure record
 * why in D.last_status and return -1 with *bad set to the first unreadable
 * address.
 *
 * libkdumpfile 0.5.1 serves the page just below an ELF PT_LOAD from that
 * segment's file data even when no segment covers it (a hole read as the
 * neighbouring page's bytes).  So for ELF dumps we check coverage ourselves:
 * a physical address must lie in a PT_LOAD; a virtual one either in a
 * PT_LOAD's virtual range or, translated by the page tables, in a PT_LOAD's
 * physical range (and is then read by that physical address).
 */
static int
read_in_page(enum ms_as as, uint64_t addr, void *buf, size_t len, uint64_t *bad)
{
	kdump_addrspace_t kas = kdump_as(as);
	size_t got = len;
	kdump_status st;

	*bad = addr;
	if (D.is_elf) {
		if (as == MS_KVADDR && !elf_covered(addr, len, true)) {
			if (kv_to_phys(addr, &addr) < 0)
				return -1;
			kas = KDUMP_MACHPHYSADDR;
			as = MS_PHYSADDR;
		}
		if (as == MS_PHYSADDR && !elf_covered(addr, len, false)) {
			D.last_status = KDUMP_ERR_NODATA;
			snprintf(D.last_err, sizeof(D.last_err), "Page not found");
			return -1;
		}
	}
	st = kdump_read(D.ctx, kas, addr, buf, &got);
	if (st == KDUMP_OK)
		return 0;
	note_kdump_error(st);
	if (got < len)
		*bad += got;
	classify_excluded(as, *bad);
	return -1;
}

static int
page_fill(void *arg, int as, uint64_t pageno, void *buf)
{
	uint64_t bad;

	(void)arg;
	if (read_in_page(as, pageno << D.page_shift, buf, D.page_size, &bad) < 0)
		return set_read_error(bad, as, "page");
	return 0;
}

/*
 * Read without the cache: one kdump_read() when the span is known to be
 * safe (a compressed kdump, or inside one ELF segment), else page by page.
 */
static int
read_direct(uint64_t addr, enum ms_as as, void *buf, size_t len, const char *what)
{
	unsigned char *out = buf;
	uint64_t bad;

	if (!D.is_elf || elf_covered(addr, len, as == MS_KVADDR)) {
		size_t got = len;
		kdump_status st = kdump_read(D.ctx, kdump_as(as), addr, buf, &got);

		if (st == KDUMP_OK)
			return 0;
		note_kdump_error(st);
		bad = addr + (got < len ? got : 0);
		classify_excluded(as, bad);
		return set_read_error(bad, as, what);
	}
	while (len) {
		size_t n = D.page_size - (addr & (D.page_size - 1));

		if (n > len)
			n = len;
		if (read_in_page(as, addr, out, n, &bad) < 0)
			return set_read_error(bad, as, what);
		out += n;
		addr += n;
		len -= n;
	}
	return 0;
}

/* The cached page @pageno of @as (memo first), or NULL (message set). */
static inline const unsigned char *
cached_page(enum ms_as as, uint64_t pageno)
{
	const unsigned char *page;

	if (D.memo_page && D.memo_pageno == pageno && D.memo_as == as) {
		D.memo_hits++;
		return D.memo_page;
	}
	page = ms_pagecache_get(D.pc, as, pageno);
	D.memo_page = page;
	D.memo_pageno = pageno;
	D.memo_as = as;
	return page;
}

/* A read that spans pages, or a long one. */
static int
readmem_slow(uint64_t addr, enum ms_as as, void *buf, size_t len, const char *what)
{
	unsigned char *out = buf;

	if (!D.ctx)
		return ms_error_set("no dump is open");
	if (len == 0)
		return 0;
	if (addr + len - 1 < addr) {
		/* not an earlier read's "Excluded page" and its pfn */
		D.last_status = KDUMP_ERR_NODATA;
		snprintf(D.last_err, sizeof(D.last_err), "Address wraps around");
		return set_read_error(addr, as, what);
	}
	if (len >= BULK_PAGES * D.page_size)
		return read_direct(addr, as, buf, len, what);

	while (len) {
		uint64_t off = addr & (D.page_size - 1);
		size_t n = D.page_size - off;
		const unsigned char *page;

		if (n > len)
			n = len;
		page = cached_page(as, addr >> D.page_shift);
		if (!page)
			/* the page may be partly readable: let libkdumpfile say where */
			return read_direct(addr, as, out, n, what);
		memcpy(out, page + off, n);
		out += n;
		addr += n;
		len -= n;
	}
	return 0;
}

/* ms_readmem() past the memo: a probe of the page cache, or the slow path. */
static __attribute__((noinline)) int
readmem_cache(uint64_t addr, enum ms_as as, void *buf, size_t len, const char *what)
{
	uint64_t off = addr & (D.page_size - 1);

	if (D.pc && len - 1 < D.page_size - off) {
		const unsigned char *page = cached_page(as, addr >> D.page_shift);

		if (!page)
			/* the page may be partly readable: let libkdumpfile say where */
			return read_direct(addr, as, buf, len, what);
		memcpy(buf, page + off, len);
		return 0;
	}
	return readmem_slow(addr, as, buf, len, what);
}

int
ms_readmem(uint64_t addr, enum ms_as as, void *buf, size_t len, const char *what)
{
	/*
	 * The common case, kept small: 1 to page_size - off bytes of the page
	 * the memo holds (a list entry's link, then its structure).  D.memo_page
	 * is NULL while no dump is open.
	 */
	uint64_t off = addr & (D.page_size - 1);

	if (D.memo_page && D.memo_pageno == addr >> D.page_shift && D.memo_as == as &&
	    len - 1 < D.page_size - off) {
		D.memo_hits++;
		memcpy(buf, D.memo_page + off, len);
		return 0;
	}
	return readmem_cache(addr, as, buf, len, what);
}

int
ms_read_u64(uint64_t addr, uint64_t *val, const char *what)
{
	return ms_readmem(addr, MS_KVADDR, val, sizeof(*val), what);
}

int
ms_read_u32(uint64_t addr, uint32_t *val, const char *what)
{
	return ms_readmem(addr, MS_KVADDR, val, sizeof(*val), what);
}

int
ms_read_string(uint64_t addr, char *buf, size_t max, const char *what)
{
	size_t done = 0;

	if (max == 0)
		return 0;
	while (done < max - 1) {
		uint64_t off = addr & (D.page_size - 1);
		size_t n = D.page_size - off;
		char *nul;

		if (n > max - 1 - done)
			n = max - 1 - done;
		if (ms_readmem(addr, MS_KVADDR, buf + done, n, what) < 0) {
			buf[done] = '\0';
			return -1;
		}
		nul = memchr(buf + done, '\0', n);
		if (nul)
			return 0;
		done += n;
		addr += n;
	}
	buf[done] = '\0';
	return 0;
}

int
ms_kvtop(uint64_t vaddr, uint64_t *paddr)
{
	if (!D.ctx)
		return ms_error_set("no dump is open");
	if (kv_to_phys(vaddr, paddr) < 0)
		return ms_error_set("invalid kernel virtual address: %" PRIx64 "  type: \"%s\"",
				    vaddr, "vtop");
	return 0;
}

const char *
ms_vmcoreinfo(const char *key)
{
	size_t i;

	for (i = 0; i < D.nr_vmci; i++)
		if (!strcmp(D.vmci[i].key, key))
			return D.vmci[i].val;
	return NULL;
}

const struct ms_dump_info *
ms_dump_info(void)
{
	return D.ctx ? &D.info : NULL;
}

/* ---- opening ---------------------------------------------------------- */

/* Check an ELF file's header and segments; fill D.loads. */
static int
check_elf(int fd, const char *path, uint64_t fsize)
{
	Elf64_Ehdr eh;
	Elf64_Phdr *ph = NULL;
	size_t i, phsz;
	bool have_note = false;

	if (pread(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh))
		return ms_error_set("%s: truncated ELF header", path);
	if (eh.e_ident[EI_CLASS] != ELFCLASS64)
		return ms_error_set("%s: not a 64-bit ELF file", path);
	if (eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return ms_error_set("%s: not a little-endian ELF file", path);
	if (eh.e_type != ET_CORE)
		return ms_error_set("%s: not an ELF core dump (ELF type %s)", path,
				    eh.e_type == ET_EXEC ? "EXEC (executable)" :
				    eh.e_type == ET_DYN ? "DYN (shared object)" :
				    eh.e_type == ET_REL ? "REL (relocatable)" : "unknown");
	if (eh.e_machine != EM_X86_64)
		return ms_error_set("%s: not an x86_64 dump (ELF machine %u)", path,
				    (unsigned)eh.e_machine);
	if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 ||
	    eh.e_phnum == PN_XNUM)
		return ms_error_set("%s: bad ELF program header table (%u entries of %u bytes)",
				    path, (unsigned)eh.e_phnum, (unsigned)eh.e_phentsize);
	phsz = (size_t)eh.e_phnum * sizeof(Elf64_Phdr);
	if (eh.e_phoff > fsize || phsz > fsize - eh.e_phoff)
		return ms_error_set("%s: truncated: program headers beyond end of file", path);
	ph = malloc(phsz);
	D.loads = calloc(eh.e_phnum, sizeof(*D.loads));
	if (!ph || !D.loads) {
		free(ph);
		return ms_error_set("%s: out of memory", path);
	}
	if (pread(fd, ph, phsz, eh.e_phoff) != (ssize_t)phsz) {
		free(ph);
		return ms_error_set("%s: cannot read program headers: %s", path, strerror(errno));
	}
	for (i = 0; i < eh.e_phnum; i++) {
		const Elf64_Phdr *p = &ph[i];

		if (p->p_type != PT_LOAD && p->p_type != PT_NOTE)
			continue;
		if (p->p_offset > fsize || p->p_filesz > fsize - p->p_offset) {
			ms_error_set("%s: truncated: %s segment %zu at file offset 0x%" PRIx64
				     " (0x%" PRIx64 " bytes) ends beyond end of file (0x%" PRIx64
				     " bytes)", path, p->p_type == PT_LOAD ? "PT_LOAD" : "PT_NOTE",
				     i, (uint64_t)p->p_offset, (uint64_t)p->p_filesz, fsize);
			free(ph);
			return -1;
		}
		if (p->p_type == PT_NOTE) {
			have_note = true;
			continue;
		}
		D.loads[D.nr_loads].vaddr = p->p_vaddr;
		D.loads[D.nr_loads].paddr = p->p_paddr;
		D.loads[D.nr_loads].memsz = p->p_memsz;
		D.nr_loads++;
	}
	free(ph);
	if (!have_note)
		return ms_error_set("%s: no PT_NOTE segment (no VMCOREINFO)", path);
	if (!D.nr_loads)
		return ms_error_set("%s: no PT_LOAD segments: the dump holds no memory", path);
	return 0;
}

/*
 * libkdumpfile opens a compressed kdump lazily and would only fail on the
 * first read of a page past the end.  Check what a cut-short file loses
 * first: the bitmaps, the page descriptor table, the last page's data
 * (makedumpfile writes the data in descriptor order).
 */
static int
check_kdump(int fd, const char *path, uint64_t fsize)
{
	unsigned char h[464], pd[24], *bm;
	int32_t block_size, sub_hdr_size;
	uint32_t bitmap_blocks;
	uint64_t bs, bm_end, half, ndumped = 0, desc_end, doff;
	uint32_t dsize;
	size_t i;

	if (pread(fd, h, sizeof(h), 0) != (ssize_t)sizeof(h))
		return ms_error_set("%s: truncated: kdump header cut short (%" PRIu64 " bytes)",
				    path, fsize);
	memcpy(&block_size, h + 428, 4);
	memcpy(&sub_hdr_size, h + 432, 4);
	memcpy(&bitmap_blocks, h + 436, 4);
	if (block_size < 4096 || block_size > (1 << 20) || (block_size & (block_size - 1)) ||
	    sub_hdr_size < 0 || bitmap_blocks < 2 || bitmap_blocks > (1u << 24))
		return 0;	/* not the 64-bit layout we know: libkdumpfile decides */
	bs = (uint64_t)block_size;
	half = (uint64_t)bitmap_blocks / 2 * bs;
	bm_end = (1 + (uint64_t)sub_hdr_size + bitmap_blocks) * bs;
	if (bm_end > fsize)
		return ms_error_set("%s: truncated: the page bitmaps end at 0x%" PRIx64
				    ", beyond end of file (0x%" PRIx64 " bytes)", path, bm_end, fsize);
	bm = malloc(half);
	if (!bm)
		return ms_error_set("%s: out of memory", path);
	if (pread(fd, bm, half, (off_t)(bm_end - half)) != (ssize_t)half) {
		free(bm);
		return ms_error_set("%s: cannot read the page bitmap: %s", path, strerror(errno));
	}
	for (i = 0; i < half; i++)
		ndumped += (uint64_t)__builtin_popcount(bm[i]);
	free(bm);
	if (!ndumped)
		return 0;
	desc_end = bm_end + ndumped * sizeof(pd);
	if (desc_end > fsize)
		return ms_error_set("%s: truncated: %" PRIu64 " page descriptors end at 0x%" PRIx64
				    ", beyond end of file (0x%" PRIx64 " bytes)", path, ndumped,
				    desc_end, fsize);
	if (pread(fd, pd, sizeof(pd), (off_t)(desc_end - sizeof(pd))) != (ssize_t)sizeof(pd))
		return ms_error_set("%s: cannot read page descriptors: %s", path, strerror(errno));
	memcpy(&doff, pd, 8);
	memcpy(&dsize, pd + 8, 4);
	if (doff > fsize || dsize > fsize - doff)
		return ms_error_set("%s: truncated: the last page's data (0x%x bytes at 0x%" PRIx64
				    ") lies beyond end of file (0x%" PRIx64 " bytes)", path,
				    (unsigned)dsize, doff, fsize);
	return 0;
}

static int
check_header(int fd, const char *path, uint64_t fsize)
{
	unsigned char magic[16] = { 0 };
	ssize_t n = pread(fd, magic, sizeof(magic), 0);

	if (n < 0)
		return ms_error_set("%s: %s", path, strerror(errno));
	if (n >= SELFMAG && !memcmp(magic, ELFMAG, SELFMAG)) {
		D.is_elf = true;
		return check_elf(fd, path, fsize);
	}
	if (n >= 8 && (!memcmp(magic, "KDUMP   ", 8) || !memcmp(magic, "DISKDUMP", 8)))
		return check_kdump(fd, path, fsize);
	if (n >= 12 && !memcmp(magic, "makedumpfile", 12))
		return ms_error_set("%s: flattened kdump format is not supported: "
				    "convert it with \"makedumpfile -R OUT < %s\"", path, path);
	if (n == 0)
		return ms_error_set("%s: empty file", path);
	return ms_error_set("%s: not a dump file (neither an ELF core nor a compressed kdump)",
			    path);
}

static int
parse_vmcoreinfo(const char *path)
{
	kdump_attr_t a;
	const char *data;
	size_t size, n = 0;
	char *p, *line, *save;

	if (kdump_get_attr(D.ctx, "linux.vmcoreinfo.raw", &a) != KDUMP_OK ||
	    a.type != KDUMP_BLOB)
		return ms_error_set("%s: no VMCOREINFO in the dump", path);
	data = kdump_blob_pin(a.val.blob);
	size = kdump_blob_size(a.val.blob);
	D.vmci_raw = malloc(size + 1);
	if (D.vmci_raw) {
		memcpy(D.vmci_raw, data, size);
		D.vmci_raw[size] = '\0';
	}
	kdump_blob_unpin(a.val.blob);
	if (!D.vmci_raw)
		return ms_error_set("%s: out of memory", path);

	for (p = D.vmci_raw; *p; p++)
		n += *p == '\n';
	D.vmci = calloc(n + 1, sizeof(*D.vmci));
	if (!D.vmci)
		return ms_error_set("%s: out of memory", path);
	/* keys and values point into a second copy, split in place */
	p = D.vmci_buf = strdup(D.vmci_raw);
	if (!p)
		return ms_error_set("%s: out of memory", path);
	for (line = strtok_r(p, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');

		if (!eq || D.nr_vmci > n)
			continue;
		*eq = '\0';
		D.vmci[D.nr_vmci].key = line;
		D.vmci[D.nr_vmci].val = eq + 1;
		D.nr_vmci++;
	}
	if (D.nr_vmci == 0)
		return ms_error_set("%s: VMCOREINFO is empty", path);
	return 0;
}

static bool
vmci_u64(const char *key, int base, uint64_t *ret)
{
	const char *v = ms_vmcoreinfo(key);
	char *end;

	if (!v || !*v)
		return false;
	errno = 0;
	if (*v == '-')
		*ret = (uint64_t)strtoll(v, &end, base);
	else
		*ret = strtoull(v, &end, base);
	return errno == 0 && *end == '\0';
}

/* The physical address of the kernel's top-level page table. */
static int
find_root(const char *path, uint64_t *ret)
{
	static const char *const syms[] = {
		"SYMBOL(swapper_pg_dir)", "SYMBOL(init_level4_pgt)", "SYMBOL(init_top_pgt)",
	};
	uint64_t va = 0, phys_base;
	const char *name = NULL;
	size_t i;

	for (i = 0; i < sizeof(syms) / sizeof(syms[0]); i++)
		if (vmci_u64(syms[i], 16, &va)) {
			name = syms[i];
			break;
		}
	if (!name)
		return ms_error_set("%s: no page-table root in VMCOREINFO "
				    "(SYMBOL(swapper_pg_dir) or SYMBOL(init_level4_pgt))", path);
	if (vmci_u64("NUMBER(phys_base)", 0, &phys_base)) {
		*ret = va + phys_base - START_KERNEL_MAP;
		return 0;
	}
	/* no phys_base: an ELF segment that maps the symbol tells us */
	for (i = 0; i < D.nr_loads; i++) {
		const struct elf_load *l = &D.loads[i];

		if (va >= l->vaddr && va - l->vaddr < l->memsz && l->paddr != UINT64_MAX) {
			*ret = va - l->vaddr + l->paddr;
			return 0;
		}
	}
	return ms_error_set("%s: cannot locate the page-table root %s=%" PRIx64
			    ": no NUMBER(phys_base) in VMCOREINFO", path, name, va);
}

static int
setup_translation(const char *path)
{
	kdump_attr_t a;
	uint64_t root = 0;
	kdump_status st;
	unsigned char probe[8];
	size_t len = sizeof(probe);

	if (find_root(path, &root) < 0)
		return -1;
	a.type = KDUMP_NUMBER;
	a.val.number = KDUMP_KPHYSADDR;
	if (kdump_set_attr(D.ctx, "addrxlat.default.rootpgt.as", &a) != KDUMP_OK)
		goto fail;
	a.type = KDUMP_ADDRESS;
	a.val.address = root;
	if (kdump_set_attr(D.ctx, "addrxlat.default.rootpgt.addr", &a) != KDUMP_OK)
		goto fail;
	if (kdump_set_number_attr(D.ctx, "addrxlat.default.virt_bits", 48) != KDUMP_OK)
		goto fail;
	st = kdump_get_addrxlat(D.ctx, &D.axctx, &D.axsys);
	if (st != KDUMP_OK)
		goto fail;
	/* the root page itself must be in the dump */
	if (kdump_read(D.ctx, KDUMP_MACHPHYSADDR, root, probe, &len) != KDUMP_OK)
		return ms_error_set("%s: page-table root at physical address %" PRIx64
				    " is not in the dump: %s", path, root, kdump_get_err(D.ctx));
	return 0;
fail:
	return ms_error_set("%s: cannot configure address translation: %s", path,
			    kdump_get_err(D.ctx));
}

/*
 * The RAM bitmap of a compressed kdump, read from the file: libkdumpfile
 * 0.5.1 has it as the "memory.pagemap" attribute, but asking for that leaks
 * the bitmap (24 KiB and up) past kdump_free().  Layout (notes §3.1, 64-bit
 * little-endian header): block_size at 428, sub_hdr_size (blocks) at 432,
 * bitmap_blocks at 436; the first half of the bitmap blocks, after the
 * header block and the sub-header, is the RAM bitmap.  Best effort: without
 * it excluded pages and holes read alike ("page excluded").
 */
static void
read_kdump_rammap(void)
{
	unsigned char h[464];
	int32_t block_size, sub_hdr_size, dump_level;
	uint32_t bitmap_blocks;
	uint64_t off, len;

	if (pread(D.fd, h, sizeof(h), 0) != (ssize_t)sizeof(h) ||
	    (memcmp(h, "KDUMP   ", 8) && memcmp(h, "DISKDUMP", 8)))
		return;
	memcpy(&block_size, h + 428, 4);
	memcpy(&sub_hdr_size, h + 432, 4);
	memcpy(&bitmap_blocks, h + 436, 4);
	if (block_size < 4096 || (block_size & (block_size - 1)) || sub_hdr_size < 0 ||
	    bitmap_blocks < 2)
		return;
	/* kdump_sub_header.dump_level: the int after the u64 phys_base */
	if (pread(D.fd, &dump_level, sizeof(dump_level), (off_t)block_size + 8) ==
	    (ssize_t)sizeof(dump_level) && dump_level >= 0 && dump_level <= 31)
		D.dump_level = dump_level;
	off = (1 + (uint64_t)sub_hdr_size) * (uint64_t)block_size;
	len = (uint64_t)bitmap_blocks / 2 * (uint64_t)block_size;
	if (len > (1ULL << 30))
		return;
	D.rammap = malloc(len);
	if (!D.rammap)
		return;
	if (pread(D.fd, D.rammap, len, (off_t)off) != (ssize_t)len) {
		free(D.rammap);
		D.rammap = NULL;
		return;
	}
	D.rammap_bits = len * 8;
}

/* Bytes of RAM: the ELF PT_LOADs of the direct map, or the kdump RAM bitmap. */
static uint64_t
count_phys_bytes(void)
{
	uint64_t pages = 0, best_sz = 0;
	size_t i, j;

	if (D.is_elf) {
		/*
		 * RAM segments share one offset p_vaddr - p_paddr (the direct
		 * map); the kernel image's segment has its own.  Take the offset
		 * that covers the most bytes.
		 */
		for (i = 0; i < D.nr_loads; i++) {
			uint64_t off = D.loads[i].vaddr - D.loads[i].paddr, sz = 0;

			for (j = 0; j < D.nr_loads; j++)
				if (D.loads[j].vaddr - D.loads[j].paddr == off)
					sz += D.loads[j].memsz;
			if (sz > best_sz)
				best_sz = sz;
		}
		return best_sz;
	}
	if (!D.rammap)
		return D.info.max_pfn * D.page_size;
	for (i = 0; i < D.rammap_bits / 8; i++)
		pages += (uint64_t)__builtin_popcount(D.rammap[i]);
	return pages * D.page_size;
}

static void
fill_info(void)
{
	const char *s;
	kdump_num_t n;
	uint64_t v;

	if (kdump_get_string_attr(D.ctx, "file.description", &s) == KDUMP_OK)
		snprintf(D.format, sizeof(D.format), "%s", s);
	else
		snprintf(D.format, sizeof(D.format), "%s", D.is_elf ? "ELF64 dump" : "dump");
	D.info.format = D.format;
	D.info.page_size = D.page_size;
	D.info.max_pfn = kdump_get_number_attr(D.ctx, "max_pfn", &n) == KDUMP_OK ? n : 0;
	D.info.nr_cpus = kdump_get_number_attr(D.ctx, KDUMP_ATTR_NUM_CPUS, &n) == KDUMP_OK ?
		(int)n : 0;
	D.info.phys_bytes = count_phys_bytes();
	D.info.build_id = ms_vmcoreinfo("BUILD-ID");
	D.info.kernel_offset = vmci_u64("KERNELOFFSET", 16, &v) ? (int64_t)v : 0;
	D.info.crash_time = vmci_u64("CRASHTIME", 10, &v) ? (int64_t)v : 0;
}

static void
dump_reset(void)
{
	if (D.pc)
		ms_pagecache_destroy(D.pc);
	free(D.rammap);
	if (D.axsys)
		addrxlat_sys_decref(D.axsys);
	if (D.axctx)
		addrxlat_ctx_decref(D.axctx);
	if (D.ctx)
		kdump_free(D.ctx);
	if (D.fd >= 0)
		close(D.fd);
	free(D.vmci_buf);
	free(D.vmci);
	free(D.vmci_raw);
	free(D.loads);
	free(D.path);
	memset(&D, 0, sizeof(D));
	D.fd = -1;
	D.dump_level = -1;
	D.excluded_pfn = UINT64_MAX;
}

int
ms_dump_open(const char *path)
{
	struct stat st;
	kdump_status ks;
	kdump_num_t n;
	const char *arch = NULL;

	dump_reset();
	D.fd = open(path, O_RDONLY | O_CLOEXEC);
	if (D.fd < 0)
		return ms_error_set("%s: %s", path, strerror(errno));
	if (fstat(D.fd, &st) < 0) {
		ms_error_set("%s: %s", path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		ms_error_set("%s: not a regular file", path);
		goto fail;
	}
	if (check_header(D.fd, path, (uint64_t)st.st_size) < 0)
		goto fail;

	D.ctx = kdump_new();
	if (!D.ctx) {
		ms_error_set("%s: kdump_new: out of memory", path);
		goto fail;
	}
	ks = kdump_open_fd(D.ctx, D.fd);
	if (ks != KDUMP_OK) {
		ms_error_set("%s: %s", path, kdump_get_err(D.ctx));
		goto fail;
	}
	if (kdump_get_string_attr(D.ctx, KDUMP_ATTR_ARCH_NAME, &arch) != KDUMP_OK ||
	    strcmp(arch, "x86_64")) {
		ms_error_set("%s: not an x86_64 dump (architecture %s)", path,
			     arch ? arch : "unknown");
		goto fail;
	}
	/* best effort: a smaller linear cache is faster (notes §5) */
	kdump_set_number_attr(D.ctx, "cache.size", KDUMP_CACHE_PAGES);

	if (kdump_get_number_attr(D.ctx, KDUMP_ATTR_PAGE_SIZE, &n) != KDUMP_OK ||
	    n < 4096 || (n & (n - 1))) {
		ms_error_set("%s: bad page size", path);
		goto fail;
	}
	D.page_size = n;
	for (D.page_shift = 0; (1ULL << D.page_shift) < n; D.page_shift++)
		;
	if (parse_vmcoreinfo(path) < 0 || setup_translation(path) < 0)
		goto fail;
	D.pc = ms_pagecache_create(CACHE_PAGES * 4096 / D.page_size, D.page_size,
				   page_fill, NULL);
	if (!D.pc)
		goto fail;
	if (!D.is_elf)
		read_kdump_rammap();
	D.path = strdup(path);
	fill_info();
	return 0;

fail:
	dump_reset();
	return -1;
}

void
ms_dump_close(void)
{
	dump_reset();
}

/* ---- additions to dump.h ---------------------------------------------- */

const char *
ms_vmcoreinfo_raw(void)
{
	return D.vmci_raw;
}

void
ms_dump_cache_stats(uint64_t *hits, uint64_t *misses)
{
	struct ms_pagecache_stats s = { 0 };

	if (D.pc)
		ms_pagecache_get_stats(D.pc, &s);
	*hits = s.hits + D.memo_hits;
	*misses = s.misses;
}

void
ms_dump_cache_flush(void)
{
	if (D.pc)
		ms_pagecache_flush(D.pc);
	D.memo_page = NULL;
}

void *
ms_dump_kdump_ctx(void)
{
	return D.ctx;
}
