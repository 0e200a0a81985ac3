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
 * Errors are FAULTs in crash's words: "invalid kernel virtual address",
 * "invalid physical address", "page excluded" (a kdump page left out, told
 * from a RAM hole by the kdump's RAM bitmap; the message adds the pfn and the
 * sub-header's dump level), "read error".
 *
 * The dump is the program's (prog->dump, struct ms_dump below): nothing here
 * is kept in a static, so several dumps can be open at once.
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
#include "core/escape.h"
#include "core/file.h"
#include "core/pagecache.h"
#include "core/value.h"
#include "core/vmcoreinfo.h"

#define START_KERNEL_MAP	0xffffffff80000000ULL
#define KDUMP_CACHE_PAGES	64	/* libkdumpfile's own (linear) cache */
#define CACHE_PAGES		4096	/* ours: 16 MiB of 4 KiB pages */
#define BULK_PAGES		4	/* reads this long bypass our cache */

struct elf_load {
	uint64_t vaddr, paddr, memsz;
	uint64_t offset, filesz;	/* the segment's bytes in the file */
	size_t phdr;			/* its program header's index */
};

struct ms_dump {
	kdump_ctx_t *ctx;
	addrxlat_ctx_t *axctx;		/* references held while open */
	addrxlat_sys_t *axsys;
	unsigned char *rammap;		/* kdump: bitmap of pfns that are RAM */
	uint64_t rammap_bits;
	int dump_level;			/* kdump: the sub-header's (-1: unknown) */
	uint64_t excluded_pfn;		/* the last excluded page (UINT64_MAX: none) */
	int fd;
	uint64_t file_size;		/* at open: a dump that changes is an error */
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
	struct ms_vmcoreinfo *vmci;
	struct elf_load *loads;		/* ELF PT_LOADs, for phys_bytes and the root */
	size_t nr_loads;
	bool is_elf;
	struct ms_dump_info info;
	char format[64];
	/* the last failed kdump_read(), for the error message */
	kdump_status last_status;
	char last_err[256];
};

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
note_kdump_error(struct ms_dump *D, kdump_status st)
{
	const char *e = kdump_get_err(D->ctx);

	D->last_status = st;
	snprintf(D->last_err, sizeof(D->last_err), "%s", e ? e : kdump_strerror(st));
}

/*
 * crash's wording for an unreadable @addr: excluded pages, addresses that do
 * not translate or are not in the dump, and other read errors.
 */
static struct ms_error *
read_error(const struct ms_dump *D, uint64_t addr, enum ms_as as, const char *what)
{
	const char *space = as == MS_PHYSADDR ? "physical" : "kernel virtual";

	if (!what)
		what = "memory";
	if (D->last_status == KDUMP_ERR_NODATA && strstr(D->last_err, "xcluded")) {
		/* crash's words, then which page and the dump level that left it out */
		if (D->excluded_pfn != UINT64_MAX && D->dump_level >= 0)
			return ms_error_fault(as, addr, "page excluded: %s address: %" PRIx64
					      "  type: \"%s\"  (pfn %#" PRIx64 ", left out at dump level %d)",
					      space, addr, what, D->excluded_pfn, D->dump_level);
		return ms_error_fault(as, addr, "page excluded: %s address: %" PRIx64 "  type: \"%s\"",
				      space, addr, what);
	}
	if (D->last_status == KDUMP_ERR_NODATA || D->last_status == KDUMP_ERR_ADDRXLAT)
		return ms_error_fault(as, addr, "invalid %s address: %" PRIx64 "  type: \"%s\"",
				      space, addr, what);
	if (D->last_status == KDUMP_ERR_CORRUPT)
		return ms_error_fault(as, addr, "read error: %s address: %" PRIx64 "  type: \"%s\": %s",
				      space, addr, what, D->last_err);
	return ms_error_fault(as, addr, "read error: %s address: %" PRIx64 "  type: \"%s\"",
			      space, addr, what);
}

/* The ELF PT_LOAD holding [addr, addr + len), by physical or virtual address, or NULL. */
static const struct elf_load *
elf_load_of(const struct ms_dump *D, uint64_t addr, size_t len, bool virt)
{
	size_t i;

	for (i = 0; i < D->nr_loads; i++) {
		const struct elf_load *l = &D->loads[i];
		uint64_t start = virt ? l->vaddr : l->paddr;

		if (!virt && l->paddr == UINT64_MAX)
			continue;
		if (addr >= start && addr - start < l->memsz && len <= l->memsz - (addr - start))
			return l;
	}
	return NULL;
}

/*
 * Read [addr, addr + len) of segment @l straight from the file: the bytes
 * past p_filesz are zeros, as ELF has it.  One pread(2) into the caller's
 * buffer, where kdump_read() would read into libkdumpfile's buffers and
 * copy, and search its caches first: a walk of mem_map spends a third of
 * its time there (make bench, kmem -p on 16 GiB).
 */
static int
elf_read(struct ms_dump *D, const struct elf_load *l, uint64_t addr, bool virt, void *buf,
	 size_t len, uint64_t *bad)
{
	uint64_t rel = addr - (virt ? l->vaddr : l->paddr);
	unsigned char *out = buf;
	size_t done = 0, infile;

	infile = rel >= l->filesz ? 0 : l->filesz - rel < len ? (size_t)(l->filesz - rel) : len;
	while (done < infile) {
		ssize_t n = pread(D->fd, out + done, infile - done, (off_t)(l->offset + rel + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			D->last_status = KDUMP_ERR_SYSTEM;
			snprintf(D->last_err, sizeof(D->last_err), "%s",
				 n < 0 ? strerror(errno) : "unexpected end of file");
			*bad = addr + done;
			return -1;
		}
		done += (size_t)n;
	}
	memset(out + infile, 0, len - infile);
	return 0;
}

static int
kv_to_phys(struct ms_dump *D, uint64_t vaddr, uint64_t *paddr)
{
	addrxlat_fulladdr_t fa = { .addr = vaddr, .as = ADDRXLAT_KVADDR };
	addrxlat_status ast;

	ast = addrxlat_fulladdr_conv(&fa, ADDRXLAT_KPHYSADDR, D->axctx, D->axsys);
	if (ast != ADDRXLAT_OK) {
		D->last_status = KDUMP_ERR_ADDRXLAT;
		snprintf(D->last_err, sizeof(D->last_err), "%s", addrxlat_ctx_get_err(D->axctx));
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
ram_pfn(const struct ms_dump *D, uint64_t pfn)
{
	return pfn < D->rammap_bits && (D->rammap[pfn >> 3] >> (pfn & 7) & 1);
}

static void
classify_excluded(struct ms_dump *D, enum ms_as as, uint64_t addr)
{
	uint64_t pa = addr;

	D->excluded_pfn = UINT64_MAX;
	if (D->last_status != KDUMP_ERR_NODATA || !strstr(D->last_err, "xcluded") || !D->rammap)
		return;
	if (as == MS_KVADDR && kv_to_phys(D, addr, &pa) < 0)
		return;
	if (!ram_pfn(D, pa >> D->page_shift)) {
		D->last_status = KDUMP_ERR_NODATA;
		snprintf(D->last_err, sizeof(D->last_err), "Page not found");
		return;
	}
	D->excluded_pfn = pa >> D->page_shift;
}

/*
 * The dump file cut short (or grown) under the session, by a redirection
 * onto itself or another process: libkdumpfile would read the missing part
 * as zeros.  Checked before every read that reaches the file (our page
 * cache serves the rest), at the cost of an fstat().
 */
static bool file_changed(struct ms_dump *D)
{
	struct stat st;

	if (fstat(D->fd, &st) == 0 && (uint64_t)st.st_size == D->file_size)
		return false;
	D->last_status = KDUMP_ERR_CORRUPT;
	snprintf(D->last_err, sizeof(D->last_err), "the dump file changed under the session "
		 "(0x%" PRIx64 " bytes when opened, now 0x%" PRIx64 ")", D->file_size,
		 (uint64_t)st.st_size);
	return true;
}

/*
 * Read [addr, addr + len), which lies within one page.  On failure record
 * why in D->last_status and return -1 with *bad set to the first unreadable
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
read_in_page(struct ms_dump *D, enum ms_as as, uint64_t addr, void *buf, size_t len, uint64_t *bad)
{
	kdump_addrspace_t kas = kdump_as(as);
	size_t got = len;
	kdump_status st;

	*bad = addr;
	if (D->is_elf) {
		const struct elf_load *l = NULL;

		if (as == MS_KVADDR && !(l = elf_load_of(D, addr, len, true))) {
			if (kv_to_phys(D, addr, &addr) < 0)
				return -1;
			as = MS_PHYSADDR;
		}
		if (as == MS_PHYSADDR && !(l = elf_load_of(D, addr, len, false))) {
			D->last_status = KDUMP_ERR_NODATA;
			snprintf(D->last_err, sizeof(D->last_err), "Page not found");
			return -1;
		}
		return elf_read(D, l, addr, as == MS_KVADDR, buf, len, bad);
	}
	if (file_changed(D))
		return -1;
	st = kdump_read(D->ctx, kas, addr, buf, &got);
	if (st == KDUMP_OK)
		return 0;
	note_kdump_error(D, st);
	if (got < len)
		*bad += got;
	classify_excluded(D, as, *bad);
	return -1;
}

static struct ms_error *
page_fill(void *arg, int as, uint64_t pageno, void *buf)
{
	struct ms_dump *D = arg;
	uint64_t bad;

	if (read_in_page(D, as, pageno << D->page_shift, buf, D->page_size, &bad) < 0)
		return read_error(D, bad, as, "page");
	return NULL;
}

/*
 * Read without the cache: one kdump_read() when the span is known to be
 * safe (a compressed kdump, or inside one ELF segment), else page by page.
 */
static struct ms_error *
read_direct(struct ms_dump *D, uint64_t addr, enum ms_as as, void *buf, size_t len, const char *what)
{
	unsigned char *out = buf;
	const struct elf_load *l;
	uint64_t bad;

	if (D->is_elf && (l = elf_load_of(D, addr, len, as == MS_KVADDR))) {
		if (elf_read(D, l, addr, as == MS_KVADDR, buf, len, &bad) < 0)
			return read_error(D, bad, as, what);
		return NULL;
	}
	if (!D->is_elf) {
		size_t got = len;
		kdump_status st;

		if (file_changed(D))
			return read_error(D, addr, as, what);
		st = kdump_read(D->ctx, kdump_as(as), addr, buf, &got);

		if (st == KDUMP_OK)
			return NULL;
		note_kdump_error(D, st);
		bad = addr + (got < len ? got : 0);
		classify_excluded(D, as, bad);
		return read_error(D, bad, as, what);
	}
	while (len) {
		size_t n = D->page_size - (addr & (D->page_size - 1));

		if (n > len)
			n = len;
		if (read_in_page(D, as, addr, out, n, &bad) < 0)
			return read_error(D, bad, as, what);
		out += n;
		addr += n;
		len -= n;
	}
	return NULL;
}

/* The cached page @pageno of @as (memo first), or NULL if it cannot be read. */
static inline const unsigned char *
cached_page(struct ms_dump *D, enum ms_as as, uint64_t pageno)
{
	const void *page;
	struct ms_error *err;

	if (D->memo_page && D->memo_pageno == pageno && D->memo_as == as) {
		D->memo_hits++;
		return D->memo_page;
	}
	err = ms_pagecache_get(D->pc, as, pageno, &page);
	if (err) {
		/* the caller reads directly to find where the page stops being readable */
		ms_error_destroy(err);
		page = NULL;
	}
	D->memo_page = page;
	D->memo_pageno = pageno;
	D->memo_as = as;
	return page;
}

/* A read that spans pages, or a long one. */
static struct ms_error *
readmem_slow(struct ms_dump *D, uint64_t addr, enum ms_as as, void *buf, size_t len, const char *what)
{
	unsigned char *out = buf;

	if (len == 0)
		return NULL;
	if (addr + len - 1 < addr) {
		/* not an earlier read's "Excluded page" and its pfn */
		D->last_status = KDUMP_ERR_NODATA;
		snprintf(D->last_err, sizeof(D->last_err), "Address wraps around");
		return read_error(D, addr, as, what);
	}
	if (len >= BULK_PAGES * D->page_size)
		return read_direct(D, addr, as, buf, len, what);

	while (len) {
		uint64_t off = addr & (D->page_size - 1);
		size_t n = D->page_size - off;
		const unsigned char *page;

		if (n > len)
			n = len;
		page = cached_page(D, as, addr >> D->page_shift);
		if (!page)
			/* the page may be partly readable: let libkdumpfile say where */
			return read_direct(D, addr, as, out, n, what);
		memcpy(out, page + off, n);
		out += n;
		addr += n;
		len -= n;
	}
	return NULL;
}

/* ms_readmem() past the memo: a probe of the page cache, or the slow path. */
static __attribute__((noinline)) struct ms_error *
readmem_cache(struct ms_program *prog, uint64_t addr, enum ms_as as, void *buf, size_t len,
	      const char *what)
{
	struct ms_dump *D = prog->dump;
	uint64_t off;

	if (!D) {
		if (prog->read_fn)
			return prog->read_fn(prog->read_arg, addr, as, buf, len, what);
		return ms_error_create(MS_ERR_OTHER, "no dump is open");
	}
	off = addr & (D->page_size - 1);
	if (len - 1 < D->page_size - off) {
		const unsigned char *page = cached_page(D, as, addr >> D->page_shift);

		if (!page)
			/* the page may be partly readable: let libkdumpfile say where */
			return read_direct(D, addr, as, buf, len, what);
		memcpy(buf, page + off, len);
		return NULL;
	}
	return readmem_slow(D, addr, as, buf, len, what);
}

struct ms_error *
ms_readmem(struct ms_program *prog, uint64_t addr, enum ms_as as, void *buf, size_t len,
	   const char *what)
{
	/*
	 * The common case, kept small: 1 to page_size - off bytes of the page
	 * the memo holds (a list entry's link, then its structure).
	 */
	struct ms_dump *D = prog->dump;

	if (D && D->memo_page && D->memo_pageno == addr >> D->page_shift && D->memo_as == as &&
	    len - 1 < D->page_size - (addr & (D->page_size - 1))) {
		D->memo_hits++;
		memcpy(buf, D->memo_page + (addr & (D->page_size - 1)), len);
		return NULL;
	}
	return readmem_cache(prog, addr, as, buf, len, what);
}

struct ms_error *
ms_read_u64(struct ms_program *prog, uint64_t addr, uint64_t *val, const char *what)
{
	return ms_readmem(prog, addr, MS_KVADDR, val, sizeof(*val), what);
}

struct ms_error *
ms_read_u32(struct ms_program *prog, uint64_t addr, uint32_t *val, const char *what)
{
	return ms_readmem(prog, addr, MS_KVADDR, val, sizeof(*val), what);
}

struct ms_error *
ms_read_string(struct ms_program *prog, uint64_t addr, char *buf, size_t max, const char *what)
{
	/* page by page: the string may end just before an unreadable page */
	const uint64_t chunk = prog->dump ? prog->dump->page_size : 4096;
	size_t done = 0;

	if (max == 0)
		return NULL;
	while (done < max - 1) {
		size_t n = chunk - (addr & (chunk - 1));
		struct ms_error *err;

		if (n > max - 1 - done)
			n = max - 1 - done;
		err = ms_readmem(prog, addr, MS_KVADDR, buf + done, n, what);
		if (err) {
			buf[done] = '\0';
			return err;
		}
		if (memchr(buf + done, '\0', n))
			return NULL;
		done += n;
		addr += n;
	}
	buf[done] = '\0';
	return NULL;
}

struct ms_error *
ms_read_text(struct ms_program *prog, uint64_t addr, char *buf, size_t bufsz, size_t max,
	     const char *what)
{
	char raw[MS_TEXT_MAX + 1];
	struct ms_error *err;

	if (max > MS_TEXT_MAX)
		max = MS_TEXT_MAX;
	err = ms_read_string(prog, addr, raw, max + 1, what);
	/* what was read before a fault is kept, as ms_read_string() keeps it */
	ms_escape_string(buf, bufsz, raw);
	return err;
}

struct ms_error *
ms_kvtop(struct ms_program *prog, uint64_t vaddr, uint64_t *paddr)
{
	if (!prog->dump)
		return ms_error_create(MS_ERR_OTHER, "no dump is open");
	if (kv_to_phys(prog->dump, vaddr, paddr) < 0)
		return ms_error_fault(MS_KVADDR, vaddr,
				      "invalid kernel virtual address: %" PRIx64 "  type: \"%s\"",
				      vaddr, "vtop");
	return NULL;
}

const struct ms_vmcoreinfo *
ms_dump_vmcoreinfo(const struct ms_program *prog)
{
	return prog->dump ? prog->dump->vmci : NULL;
}

const struct ms_dump_info *
ms_dump_info(const struct ms_program *prog)
{
	return prog->dump ? &prog->dump->info : NULL;
}

/* ---- opening ---------------------------------------------------------- */

/* A file the dump cannot be: CORRUPT at file offset @off, naming @path. */
#define bad_file(off, ...) ms_error_prepend(ms_error_corrupt(off, __VA_ARGS__), "%s", path)


#define MAX_NOTES_SIZE	(16u << 20)	/* far more than any crash notes */
#define X86_64_PAGE_SIZE 4096		/* the only base page size of x86-64 */

/*
 * Walk @len bytes of ELF notes, each inside the buffer (libkdumpfile trusts
 * their sizes).  If one is "VMCOREINFO", parse it into *@vmci and check every
 * line against @page_size.
 */
static struct ms_error *
check_notes(const unsigned char *buf, uint64_t len, uint64_t file_off, uint64_t page_size,
	    const char *path, struct ms_vmcoreinfo **vmci)
{
	uint64_t off = 0;

	while (len - off >= sizeof(Elf64_Nhdr)) {
		Elf64_Nhdr nh;
		uint64_t name_sz, desc_sz;

		memcpy(&nh, buf + off, sizeof(nh));
		name_sz = ((uint64_t)nh.n_namesz + 3) & ~3ULL;
		desc_sz = ((uint64_t)nh.n_descsz + 3) & ~3ULL;
		if (name_sz > len - off - sizeof(nh) || desc_sz > len - off - sizeof(nh) - name_sz) {
			/* the last note may lack the padding after its descriptor */
			if (!(name_sz <= len - off - sizeof(nh) &&
			      nh.n_descsz == len - off - sizeof(nh) - name_sz))
				return bad_file(file_off + off, "ELF note at file offset 0x%" PRIx64
						" (name %u bytes, data %u bytes) runs past its segment",
						file_off + off, (unsigned)nh.n_namesz,
						(unsigned)nh.n_descsz);
			desc_sz = nh.n_descsz;
		}
		if (nh.n_namesz == 11 && !memcmp(buf + off + sizeof(nh), "VMCOREINFO", 11) &&
		    !*vmci) {
			struct ms_error *err = ms_vmcoreinfo_parse(
				(const char *)buf + off + sizeof(nh) + name_sz, nh.n_descsz, vmci);

			if (!err)
				err = ms_vmcoreinfo_check(*vmci, page_size);
			if (err)
				return ms_error_prepend(err, "%s", path);
		}
		off += sizeof(nh) + name_sz + desc_sz;
	}
	return NULL;
}

/* Read [off, off + len) of the file into a new buffer and check its notes. */
static struct ms_error *
check_notes_at(int fd, uint64_t off, uint64_t len, uint64_t page_size, const char *path,
	       struct ms_vmcoreinfo **vmci)
{
	unsigned char *buf;
	struct ms_error *err;

	if (len > MAX_NOTES_SIZE)
		return bad_file(off, "notes of 0x%" PRIx64 " bytes at file offset 0x%" PRIx64
				": more than any dump has", len, off);
	buf = malloc(len ? len : 1);
	if (!buf)
		return &ms_enomem;
	if (pread(fd, buf, len, (off_t)off) != (ssize_t)len) {
		int e = errno;

		free(buf);
		return ms_error_os(e, path, "%s: cannot read the notes at 0x%" PRIx64 ": %s", path,
				   off, e ? strerror(e) : "cut short");
	}
	err = check_notes(buf, len, off, page_size, path, vmci);
	free(buf);
	return err;
}

/*
 * A vmcore needs no section headers, but libkdumpfile reads any it has
 * (Xen dumps keep theirs there) and trusts them: each must lie in the file.
 */
static struct ms_error *
check_elf_sections(int fd, const char *path, uint64_t fsize, const Elf64_Ehdr *eh)
{
	Elf64_Shdr sh;

	if (eh->e_shnum == 0 && eh->e_shoff == 0)
		return NULL;
	if (eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shnum == 0 || eh->e_shoff == 0 ||
	    eh->e_shoff > fsize || (uint64_t)eh->e_shnum * sizeof(sh) > fsize - eh->e_shoff ||
	    (eh->e_shstrndx != SHN_UNDEF && eh->e_shstrndx >= eh->e_shnum))
		return bad_file(0x28, "bad ELF section header table (%u entries of %u bytes at file "
				"offset 0x%" PRIx64 ", names in section %u)", (unsigned)eh->e_shnum,
				(unsigned)eh->e_shentsize, (uint64_t)eh->e_shoff,
				(unsigned)eh->e_shstrndx);
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		if (pread(fd, &sh, sizeof(sh), (off_t)(eh->e_shoff + i * sizeof(sh))) != sizeof(sh))
			return bad_file(eh->e_shoff, "cannot read ELF section header %u", i);
		if (sh.sh_type != SHT_NOBITS && sh.sh_type != SHT_NULL &&
		    (sh.sh_offset > fsize || sh.sh_size > fsize - sh.sh_offset))
			return bad_file(sh.sh_offset, "ELF section %u (0x%" PRIx64 " bytes at file "
					"offset 0x%" PRIx64 ") ends beyond end of file (0x%" PRIx64
					" bytes)", i, (uint64_t)sh.sh_size, (uint64_t)sh.sh_offset,
					fsize);
	}
	return NULL;
}

static uint64_t load_vend(const struct elf_load *l)
{
	return l->memsz > UINT64_MAX - l->vaddr ? UINT64_MAX : l->vaddr + l->memsz;
}

static int load_vaddr_cmp(const void *a, const void *b)
{
	const struct elf_load *x = *(const struct elf_load *const *)a;
	const struct elf_load *y = *(const struct elf_load *const *)b;

	return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

/*
 * Two PT_LOADs may hold the same physical memory (the kernel image's segment
 * and the direct map's, in a kdump ELF), but never the same virtual address
 * at two physical ones: libkdumpfile would read whichever it finds first.
 * Sorted by start, each segment is checked against the one reaching furthest
 * before it, which finds a pair whenever one exists.  p_vaddr -1 is "none".
 */
static struct ms_error *check_loads_overlap(struct ms_dump *D, const char *path, uint64_t phoff)
{
	const struct elf_load **v = malloc(D->nr_loads * sizeof(*v));
	const struct elf_load *far = NULL;
	struct ms_error *err = NULL;
	size_t n = 0;

	if (!v)
		return &ms_enomem;
	for (size_t i = 0; i < D->nr_loads; i++)
		if (D->loads[i].vaddr != UINT64_MAX && D->loads[i].memsz)
			v[n++] = &D->loads[i];
	if (n)
		qsort(v, n, sizeof(*v), load_vaddr_cmp);
	for (size_t i = 0; i < n && !err; i++) {
		const struct elf_load *l = v[i];

		if (far && l->vaddr < load_vend(far) &&
		    l->vaddr - l->paddr != far->vaddr - far->paddr)
			err = bad_file(phoff + l->phdr * sizeof(Elf64_Phdr),
				       "PT_LOAD segments %zu and %zu overlap at virtual address "
				       "0x%" PRIx64 " but map it to different physical addresses "
				       "(0x%" PRIx64 " and 0x%" PRIx64 ")", far->phdr, l->phdr,
				       l->vaddr, l->vaddr - far->vaddr + far->paddr, l->paddr);
		if (!far || load_vend(l) > load_vend(far))
			far = l;
	}
	free(v);
	return err;
}

/* Check an ELF file's header, sections, segments and notes; fill D->loads. */
static struct ms_error *
check_elf(struct ms_dump *D, int fd, const char *path, uint64_t fsize)
{
	Elf64_Ehdr eh;
	Elf64_Phdr *ph = NULL;
	size_t i, phsz;
	bool have_note = false;
	struct ms_error *err;

	if (pread(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh))
		return bad_file(0, "truncated ELF header");
	if (eh.e_ident[EI_CLASS] != ELFCLASS64)
		return bad_file(0, "not a 64-bit ELF file");
	if (eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return bad_file(0, "not a little-endian ELF file");
	if (eh.e_type != ET_CORE)
		return bad_file(0, "not an ELF core dump (ELF type %s)",
				eh.e_type == ET_EXEC ? "EXEC (executable)" :
				eh.e_type == ET_DYN ? "DYN (shared object)" :
				eh.e_type == ET_REL ? "REL (relocatable)" : "unknown");
	if (eh.e_machine != EM_X86_64)
		return bad_file(0, "not an x86_64 dump (ELF machine %u)", (unsigned)eh.e_machine);
	if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 || eh.e_phnum == PN_XNUM)
		return bad_file(0, "bad ELF program header table (%u entries of %u bytes)",
				(unsigned)eh.e_phnum, (unsigned)eh.e_phentsize);
	phsz = (size_t)eh.e_phnum * sizeof(Elf64_Phdr);
	if (eh.e_phoff > fsize || phsz > fsize - eh.e_phoff)
		return bad_file(eh.e_phoff, "truncated: program headers beyond end of file");
	if ((err = check_elf_sections(fd, path, fsize, &eh)))
		return err;
	ph = malloc(phsz);
	D->loads = calloc(eh.e_phnum, sizeof(*D->loads));
	if (!ph || !D->loads) {
		free(ph);
		return &ms_enomem;
	}
	if (pread(fd, ph, phsz, eh.e_phoff) != (ssize_t)phsz) {
		int e = errno;

		free(ph);
		return ms_error_os(e, path, "%s: cannot read program headers: %s", path, strerror(e));
	}
	for (i = 0; i < eh.e_phnum; i++) {
		const Elf64_Phdr *p = &ph[i];

		if (p->p_type != PT_LOAD && p->p_type != PT_NOTE)
			continue;
		if (p->p_offset > fsize || p->p_filesz > fsize - p->p_offset) {
			err =
				bad_file(p->p_offset, "truncated: %s segment %zu at file offset 0x%" PRIx64
					 " (0x%" PRIx64 " bytes) ends beyond end of file (0x%" PRIx64
					 " bytes)", p->p_type == PT_LOAD ? "PT_LOAD" : "PT_NOTE",
					 i, (uint64_t)p->p_offset, (uint64_t)p->p_filesz, fsize);
			free(ph);
			return err;
		}
		if (p->p_type == PT_NOTE) {
			have_note = true;
			err = check_notes_at(fd, p->p_offset, p->p_filesz, X86_64_PAGE_SIZE, path,
					     &D->vmci);
			if (err) {
				free(ph);
				return err;
			}
			continue;
		}
		if (p->p_memsz < p->p_filesz) {
			err = bad_file(p->p_offset, "PT_LOAD segment %zu: 0x%" PRIx64 " bytes in the "
				       "file but 0x%" PRIx64 " in memory", i, (uint64_t)p->p_filesz,
				       (uint64_t)p->p_memsz);
			free(ph);
			return err;
		}
		D->loads[D->nr_loads].vaddr = p->p_vaddr;
		D->loads[D->nr_loads].paddr = p->p_paddr;
		D->loads[D->nr_loads].memsz = p->p_memsz;
		D->loads[D->nr_loads].offset = p->p_offset;
		D->loads[D->nr_loads].filesz = p->p_filesz;
		D->loads[D->nr_loads].phdr = i;
		D->nr_loads++;
	}
	free(ph);
	if (!have_note || !D->vmci)	/* OTHER, as dump.h says: not a dump we can read */
		return ms_error_create(MS_ERR_OTHER, "%s: no VMCOREINFO note (%s)", path,
				       have_note ? "in its PT_NOTE segments" : "no PT_NOTE segment");
	if (!D->nr_loads)
		return bad_file(0, "no PT_LOAD segments: the dump holds no memory");
	return check_loads_overlap(D, path, eh.e_phoff);
}

/*
 * A compressed kdump, checked before libkdumpfile sees it: it trusts the
 * header's sizes, the sub-header's offsets, the bitmaps' length and every
 * page descriptor (a descriptor whose size exceeds a page overflows its
 * buffer), and opens lazily, so that a cut-short file would only fail on
 * the first read of a page past the end.  Layout: makedumpfile's 64-bit
 * disk_dump_header (block_size at 428, sub_hdr_size at 432, bitmap_blocks
 * at 436, max_mapnr at 440, nr_cpus at 460), then kdump_sub_header in the
 * next block, then both bitmaps, then the descriptors in pfn order, then
 * the data.
 */
#define KDUMP_DESC_SIZE		24
#define KDUMP_COMPRESSIONS	(0x1 | 0x2 | 0x4 | 0x20)	/* zlib lzo snappy zstd */

static struct ms_error *
check_kdump_desc(int fd, const char *path, uint64_t fsize, uint64_t bs, uint64_t start,
		 uint64_t ndumped)
{
	enum { BATCH = 4096 };
	unsigned char *buf = malloc(BATCH * KDUMP_DESC_SIZE);
	struct ms_error *err = NULL;

	if (!buf)
		return &ms_enomem;
	for (uint64_t i = 0; i < ndumped && !err; i += BATCH) {
		uint64_t n = ndumped - i < BATCH ? ndumped - i : BATCH;
		uint64_t at = start + i * KDUMP_DESC_SIZE;

		if (pread(fd, buf, n * KDUMP_DESC_SIZE, (off_t)at) != (ssize_t)(n * KDUMP_DESC_SIZE)) {
			err = bad_file(at, "cannot read page descriptors at 0x%" PRIx64, at);
			break;
		}
		for (uint64_t j = 0; j < n; j++) {
			const unsigned char *d = buf + j * KDUMP_DESC_SIZE;
			uint64_t off;
			uint32_t size, flags;

			memcpy(&off, d, 8);
			memcpy(&size, d + 8, 4);
			memcpy(&flags, d + 12, 4);
			if (size == 0 || size > bs || (flags & ~KDUMP_COMPRESSIONS) ||
			    (flags & (flags - 1)) || (!flags && size != bs) ||
			    off < start + ndumped * KDUMP_DESC_SIZE || off > fsize ||
			    size > fsize - off) {
				uint64_t at_d = at + j * KDUMP_DESC_SIZE;

				err = bad_file(at_d, "%s: page descriptor %" PRIu64 " at file offset 0x%"
					       PRIx64 " (data 0x%x bytes at 0x%" PRIx64 ", flags 0x%x)"
					       " is out of range (pages are 0x%" PRIx64 " bytes, the file"
					       " 0x%" PRIx64 ")", off <= fsize && size <= fsize - off ?
					       "damaged" : "truncated", i + j, at_d, (unsigned)size,
					       off, (unsigned)flags, bs, fsize);
				break;
			}
		}
	}
	free(buf);
	return err;
}

static uint32_t get32(const unsigned char *p, bool big)
{
	return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3] :
		     (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/*
 * libkdumpfile 0.5.1 tries the 32-bit header layout first, in both byte
 * orders (diskdump.c try_header_32()): there the block size is the low half
 * of this header's timestamp tv_usec (offset 416), the bitmap blocks its
 * status (424), max_mapnr its block size (428).  If that passes its checks
 * (a power of 2 from 4 KiB to 256 KiB, bitmaps that cover max_mapnr) it
 * reads the file as a 32-bit dump, fails later and crashes freeing it: a
 * tv_usec of 256, 512, 1024 or 4096 to 262144 in a power of 2 does that.
 */
static bool reads_as_32bit(const unsigned char *h)
{
	for (int big = 0; big < 2; big++) {
		uint32_t bs = get32(h + 416, big);

		if (bs >= 4096 && bs <= 1u << 18 && !(bs & (bs - 1)) &&
		    8 * (uint64_t)get32(h + 424, big) * bs >= get32(h + 428, big))
			return true;
	}
	return false;
}

static struct ms_error *
check_kdump(struct ms_dump *D, int fd, const char *path, uint64_t fsize)
{
	unsigned char h[464], sub[104], *bm;
	int32_t version, block_size, sub_hdr_size, nr_cpus;
	uint32_t bitmap_blocks, max_mapnr32;
	uint64_t bs, bm_end, half, ndumped = 0, max_mapnr, vmci_off, vmci_size, note_off, note_size;
	size_t i;
	struct ms_error *err;

	if (fsize < sizeof(h) || pread(fd, h, sizeof(h), 0) != (ssize_t)sizeof(h))
		return bad_file(0, "truncated: kdump header cut short (%" PRIu64 " bytes)", fsize);
	memcpy(&version, h + 8, 4);
	memcpy(&block_size, h + 428, 4);
	memcpy(&sub_hdr_size, h + 432, 4);
	memcpy(&bitmap_blocks, h + 436, 4);
	memcpy(&max_mapnr32, h + 440, 4);
	memcpy(&nr_cpus, h + 460, 4);
	if (version < 1 || version > 6)
		return bad_file(8, "kdump header version %d: not 1 to 6", version);
	if (reads_as_32bit(h))
		return bad_file(416, "kdump header: libkdumpfile would read it as a 32-bit header "
				"(its timestamp's tv_usec %" PRIu32 " looks like a block size)",
				get32(h + 416, false));
	if (block_size != X86_64_PAGE_SIZE)
		return bad_file(428, "kdump block size %d: an x86_64 dump has %d-byte pages",
				block_size, X86_64_PAGE_SIZE);
	if (sub_hdr_size < 1 || sub_hdr_size > 1024)
		return bad_file(432, "kdump sub-header of %d blocks: not 1 to 1024", sub_hdr_size);
	if (nr_cpus < 0 || nr_cpus > 8192)
		return bad_file(460, "kdump header: %d cpus", nr_cpus);
	bs = (uint64_t)block_size;
	if (bitmap_blocks < 2 || bitmap_blocks % 2)
		return bad_file(436, "kdump header: %" PRIu32 " bitmap blocks (they come in pairs)",
				bitmap_blocks);
	if (bitmap_blocks > fsize / bs)
		return bad_file(436, "truncated: the kdump header's %" PRIu32 " bitmap blocks do not "
				"fit in a file of 0x%" PRIx64 " bytes", bitmap_blocks, fsize);
	if (pread(fd, sub, sizeof(sub), (off_t)bs) != (ssize_t)sizeof(sub))
		return bad_file(bs, "truncated: kdump sub-header cut short");
	half = (uint64_t)bitmap_blocks / 2 * bs;
	bm_end = (1 + (uint64_t)sub_hdr_size + bitmap_blocks) * bs;
	if (bm_end > fsize)
		return bad_file(bm_end, "truncated: the page bitmaps end at 0x%" PRIx64
				", beyond end of file (0x%" PRIx64 " bytes)", bm_end, fsize);
	max_mapnr = max_mapnr32;
	if (version >= 6)
		memcpy(&max_mapnr, sub + 96, 8);
	if (max_mapnr == 0 || max_mapnr > half * 8)
		return bad_file(version >= 6 ? bs + 96 : 440, "kdump header: max_mapnr %" PRIu64
				" pages, but the bitmaps cover %" PRIu64, max_mapnr, half * 8);
	/*
	 * Version 6 keeps the 32-bit max_mapnr too (makedumpfile writes
	 * min(max_mapnr_64, UINT_MAX)); libkdumpfile sizes a bitmap by it,
	 * so it is bounded by the bitmaps as well.
	 */
	if (version >= 6 && max_mapnr32 > half * 8)
		return bad_file(440, "kdump header: max_mapnr %" PRIu32 " pages, but the bitmaps "
				"cover %" PRIu64, max_mapnr32, half * 8);
	/* the sub-header's pieces: VMCOREINFO (version 3), notes (version 4) */
	memcpy(&vmci_off, sub + 32, 8);
	memcpy(&vmci_size, sub + 40, 8);
	memcpy(&note_off, sub + 48, 8);
	memcpy(&note_size, sub + 56, 8);
	if (version < 3)
		return bad_file(8, "kdump header version %d has no VMCOREINFO", version);
	if (vmci_off > fsize || vmci_size > fsize - vmci_off || vmci_size > MAX_NOTES_SIZE ||
	    !vmci_size)
		return bad_file(bs + 32, "kdump sub-header: VMCOREINFO of 0x%" PRIx64 " bytes at 0x%"
				PRIx64 " is not in the file (0x%" PRIx64 " bytes)", vmci_size,
				vmci_off, fsize);
	if (version >= 4 && note_size &&
	    (note_off > fsize || note_size > fsize - note_off || note_size > MAX_NOTES_SIZE))
		return bad_file(bs + 48, "kdump sub-header: notes of 0x%" PRIx64 " bytes at 0x%"
				PRIx64 " are not in the file (0x%" PRIx64 " bytes)", note_size,
				note_off, fsize);
	if (version >= 4 && note_size &&
	    (err = check_notes_at(fd, note_off, note_size, bs, path, &D->vmci)))
		return err;
	if (!D->vmci) {
		char *text = malloc(vmci_size);

		if (!text)
			return &ms_enomem;
		if (pread(fd, text, vmci_size, (off_t)vmci_off) != (ssize_t)vmci_size) {
			free(text);
			return bad_file(vmci_off, "cannot read VMCOREINFO");
		}
		err = ms_vmcoreinfo_parse(text, vmci_size, &D->vmci);
		free(text);
		if (!err)
			err = ms_vmcoreinfo_check(D->vmci, bs);
		if (err)
			return ms_error_prepend(err, "%s", path);
	}

	bm = malloc(half);
	if (!bm)
		return &ms_enomem;
	if (pread(fd, bm, half, (off_t)(bm_end - half)) != (ssize_t)half) {
		int e = errno;

		free(bm);
		return ms_error_os(e, path, "%s: cannot read the page bitmap: %s", path, strerror(e));
	}
	for (i = 0; i < half; i++)
		ndumped += (uint64_t)__builtin_popcount(bm[i]);
	free(bm);
	if (!ndumped)
		return NULL;
	if (bm_end + ndumped * KDUMP_DESC_SIZE > fsize)
		return bad_file(bm_end + ndumped * KDUMP_DESC_SIZE,
				"truncated: %" PRIu64 " page descriptors end at 0x%" PRIx64
				", beyond end of file (0x%" PRIx64 " bytes)", ndumped,
				bm_end + ndumped * KDUMP_DESC_SIZE, fsize);
	return check_kdump_desc(fd, path, fsize, bs, bm_end, ndumped);
}

static struct ms_error *
check_header(struct ms_dump *D, int fd, const char *path, uint64_t fsize)
{
	unsigned char magic[16] = { 0 };
	ssize_t n = pread(fd, magic, sizeof(magic), 0);

	if (n < 0) {
		int e = errno;

		return ms_error_os(e, path, "%s: %s", path, strerror(e));
	}
	if (n >= SELFMAG && !memcmp(magic, ELFMAG, SELFMAG)) {
		D->is_elf = true;
		return check_elf(D, fd, path, fsize);
	}
	if (n >= 8 && (!memcmp(magic, "KDUMP   ", 8) || !memcmp(magic, "DISKDUMP", 8)))
		return check_kdump(D, fd, path, fsize);
	if (n >= 12 && !memcmp(magic, "makedumpfile", 12))
		return ms_error_create(MS_ERR_OTHER, "%s: flattened kdump format is not supported: "
				       "convert it with \"makedumpfile -R OUT < %s\"", path, path);
	if (n == 0)
		return bad_file(0, "empty file");
	return ms_error_create(MS_ERR_OTHER,
			       "%s: not a dump file (neither an ELF core nor a compressed kdump)",
			       path);
}

static struct ms_error *
read_vmcoreinfo(struct ms_dump *D, const char *path)
{
	kdump_attr_t a;
	struct ms_error *err;

	if (D->vmci)	/* read from the file and checked before libkdumpfile saw it */
		return NULL;
	if (kdump_get_attr(D->ctx, "linux.vmcoreinfo.raw", &a) != KDUMP_OK ||
	    a.type != KDUMP_BLOB)
		return ms_error_create(MS_ERR_OTHER, "%s: no VMCOREINFO in the dump", path);
	err = ms_vmcoreinfo_parse(kdump_blob_pin(a.val.blob), kdump_blob_size(a.val.blob),
				  &D->vmci);
	kdump_blob_unpin(a.val.blob);
	if (!err)
		err = ms_vmcoreinfo_check(D->vmci, D->page_size);
	return ms_error_prepend(err, "%s", path);
}

/* The physical address of the kernel's top-level page table. */
static struct ms_error *
find_root(const struct ms_dump *D, const char *path, uint64_t *ret, char *src, size_t srclen)
{
	static const char *const syms[] = { "swapper_pg_dir", "init_level4_pgt", "init_top_pgt" };
	struct ms_error *err = NULL;
	uint64_t va = 0;
	int64_t phys_base;
	const char *name = NULL;
	size_t i;

	for (i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		err = ms_vmcoreinfo_symbol(D->vmci, syms[i], &va);
		if (!ms_error_catch(&err, MS_ERR_LOOKUP)) {
			name = syms[i];
			break;
		}
	}
	if (err)
		return ms_error_prepend(err, "%s", path);
	if (!name)
		return ms_error_lookup("SYMBOL(swapper_pg_dir)", "%s: no page-table root in VMCOREINFO "
				       "(SYMBOL(swapper_pg_dir) or SYMBOL(init_level4_pgt))", path);
	err = ms_vmcoreinfo_number(D->vmci, "phys_base", INT64_MIN, INT64_MAX, &phys_base);
	if (!err) {
		*ret = va + (uint64_t)phys_base - START_KERNEL_MAP;
		snprintf(src, srclen, "VMCOREINFO's SYMBOL(%s)=%" PRIx64 " and NUMBER(phys_base)=%"
			 PRId64, name, va, phys_base);
		return NULL;
	}
	if (!ms_error_catch(&err, MS_ERR_LOOKUP))
		return ms_error_prepend(err, "%s", path);
	/* no phys_base: an ELF segment that maps the symbol tells us */
	for (i = 0; i < D->nr_loads; i++) {
		const struct elf_load *l = &D->loads[i];

		if (va >= l->vaddr && va - l->vaddr < l->memsz && l->paddr != UINT64_MAX) {
			*ret = va - l->vaddr + l->paddr;
			snprintf(src, srclen, "VMCOREINFO's SYMBOL(%s)=%" PRIx64 " in PT_LOAD "
				 "segment %zu", name, va, l->phdr);
			return NULL;
		}
	}
	return ms_error_lookup("NUMBER(phys_base)", "%s: cannot locate the page-table root "
			       "SYMBOL(%s)=%" PRIx64 ": no NUMBER(phys_base) in VMCOREINFO",
			       path, name, va);
}

static struct ms_error *
setup_translation(struct ms_dump *D, const char *path)
{
	kdump_attr_t a;
	uint64_t root = 0;
	kdump_status st;
	unsigned char probe[8];
	size_t len = sizeof(probe);
	char src[160];
	struct ms_error *err = find_root(D, path, &root, src, sizeof(src));

	if (err)
		return err;
	/* a page table is a page: an unaligned root reads its entries askew */
	if (root & (X86_64_PAGE_SIZE - 1))
		return bad_file(0, "%s put the page-table root at physical address %" PRIx64
				", not page-aligned", src, root);
	a.type = KDUMP_NUMBER;
	a.val.number = KDUMP_KPHYSADDR;
	if (kdump_set_attr(D->ctx, "addrxlat.default.rootpgt.as", &a) != KDUMP_OK)
		goto fail;
	a.type = KDUMP_ADDRESS;
	a.val.address = root;
	if (kdump_set_attr(D->ctx, "addrxlat.default.rootpgt.addr", &a) != KDUMP_OK)
		goto fail;
	if (kdump_set_number_attr(D->ctx, "addrxlat.default.virt_bits", 48) != KDUMP_OK)
		goto fail;
	st = kdump_get_addrxlat(D->ctx, &D->axctx, &D->axsys);
	if (st != KDUMP_OK)
		goto fail;
	/* the root page itself must be in the dump */
	if (kdump_read(D->ctx, KDUMP_MACHPHYSADDR, root, probe, &len) != KDUMP_OK)
		return ms_error_fault(MS_PHYSADDR, root, "%s: %s put the page-table root at "
				      "physical address %" PRIx64 ", which is not in the dump: %s",
				      path, src, root, kdump_get_err(D->ctx));
	return NULL;
fail:
	return ms_error_create(MS_ERR_OTHER, "%s: cannot configure address translation: %s", path,
			       kdump_get_err(D->ctx));
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
read_kdump_rammap(struct ms_dump *D)
{
	unsigned char h[464];
	int32_t block_size, sub_hdr_size, dump_level;
	uint32_t bitmap_blocks;
	uint64_t off, len;

	if (pread(D->fd, h, sizeof(h), 0) != (ssize_t)sizeof(h) ||
	    (memcmp(h, "KDUMP   ", 8) && memcmp(h, "DISKDUMP", 8)))
		return;
	memcpy(&block_size, h + 428, 4);
	memcpy(&sub_hdr_size, h + 432, 4);
	memcpy(&bitmap_blocks, h + 436, 4);
	if (block_size < 4096 || (block_size & (block_size - 1)) || sub_hdr_size < 0 ||
	    bitmap_blocks < 2)
		return;
	/* kdump_sub_header.dump_level: the int after the u64 phys_base */
	if (pread(D->fd, &dump_level, sizeof(dump_level), (off_t)block_size + 8) ==
	    (ssize_t)sizeof(dump_level) && dump_level >= 0 && dump_level <= 31)
		D->dump_level = dump_level;
	off = (1 + (uint64_t)sub_hdr_size) * (uint64_t)block_size;
	len = (uint64_t)bitmap_blocks / 2 * (uint64_t)block_size;
	if (len > (1ULL << 30))
		return;
	D->rammap = malloc(len);
	if (!D->rammap)
		return;
	if (pread(D->fd, D->rammap, len, (off_t)off) != (ssize_t)len) {
		free(D->rammap);
		D->rammap = NULL;
		return;
	}
	D->rammap_bits = len * 8;
}

/* Bytes of RAM: the ELF PT_LOADs of the direct map, or the kdump RAM bitmap. */
static uint64_t
count_phys_bytes(const struct ms_dump *D)
{
	uint64_t pages = 0, best_sz = 0;
	size_t i, j;

	if (D->is_elf) {
		/*
		 * RAM segments share one offset p_vaddr - p_paddr (the direct
		 * map); the kernel image's segment has its own.  Take the offset
		 * that covers the most bytes.
		 */
		for (i = 0; i < D->nr_loads; i++) {
			uint64_t off = D->loads[i].vaddr - D->loads[i].paddr, sz = 0;

			for (j = 0; j < D->nr_loads; j++)
				if (D->loads[j].vaddr - D->loads[j].paddr == off)
					sz += D->loads[j].memsz;
			if (sz > best_sz)
				best_sz = sz;
		}
		return best_sz;
	}
	if (!D->rammap)
		return D->info.max_pfn * D->page_size;
	for (i = 0; i < D->rammap_bits / 8; i++)
		pages += (uint64_t)__builtin_popcount(D->rammap[i]);
	return pages * D->page_size;
}

static struct ms_error *
fill_info(struct ms_dump *D, const char *path)
{
	struct ms_error *err;
	const char *s;
	kdump_num_t n;
	uint64_t off = 0;
	int64_t t = 0;

	if (kdump_get_string_attr(D->ctx, "file.description", &s) == KDUMP_OK)
		snprintf(D->format, sizeof(D->format), "%s", s);
	else
		snprintf(D->format, sizeof(D->format), "%s", D->is_elf ? "ELF64 dump" : "dump");
	D->info.format = D->format;
	D->info.page_size = D->page_size;
	D->info.max_pfn = kdump_get_number_attr(D->ctx, "max_pfn", &n) == KDUMP_OK ? n : 0;
	D->info.nr_cpus = kdump_get_number_attr(D->ctx, KDUMP_ATTR_NUM_CPUS, &n) == KDUMP_OK ?
		(int)n : 0;
	D->info.phys_bytes = count_phys_bytes(D);
	D->info.build_id = ms_vmcoreinfo_get(D->vmci, "BUILD-ID");
	err = ms_vmcoreinfo_hex(D->vmci, "KERNELOFFSET", &off);
	if (err && !ms_error_catch(&err, MS_ERR_LOOKUP))
		return ms_error_prepend(err, "%s", path);
	D->info.kernel_offset = (int64_t)off;
	err = ms_vmcoreinfo_decimal(D->vmci, "CRASHTIME", 0, INT64_MAX, &t);
	if (err && !ms_error_catch(&err, MS_ERR_LOOKUP))
		return ms_error_prepend(err, "%s", path);
	D->info.crash_time = t;
	D->info.dump_level = D->dump_level;
	return NULL;
}

static void
dump_destroy(struct ms_dump *D)
{
	if (!D)
		return;
	ms_pagecache_destroy(D->pc);
	free(D->rammap);
	if (D->axsys)
		addrxlat_sys_decref(D->axsys);
	if (D->axctx)
		addrxlat_ctx_decref(D->axctx);
	if (D->ctx)
		kdump_free(D->ctx);
	if (D->fd >= 0)
		close(D->fd);
	ms_vmcoreinfo_destroy(D->vmci);
	free(D->loads);
	free(D);
}

static struct ms_error *
dump_open(struct ms_dump *D, const char *path)
{
	struct ms_error *err;
	uint64_t fsize;
	kdump_status ks;
	kdump_num_t n;
	const char *arch = NULL;

	err = ms_open_regular(path, "dump", true, &D->fd, &fsize);
	if (err)
		return err;
	D->file_size = fsize;
	err = check_header(D, D->fd, path, fsize);
	if (err)
		return err;

	D->ctx = kdump_new();
	if (!D->ctx)
		return &ms_enomem;
	/*
	 * read(2), not mmap(2), for what still goes through libkdumpfile (a
	 * compressed kdump's pages; an ELF dump's are read by elf_read()):
	 * libkdumpfile keeps the windows it maps, and every file page touched
	 * through them counts in our RSS, so a walk of mem_map grew the
	 * process by the size of mem_map (64 bytes per page of RAM); and a
	 * dump cut short under the session (a redirection onto itself, another
	 * process) reads as an error where a mapping would raise SIGBUS.  Our
	 * own page cache bounds what we keep.  Set before the file, as the
	 * policy is read when the file is attached.
	 */
	if (kdump_set_number_attr(D->ctx, KDUMP_ATTR_FILE_MMAP_POLICY, KDUMP_MMAP_NEVER) != KDUMP_OK)
		return ms_error_create(MS_ERR_OTHER, "%s: %s", path, kdump_get_err(D->ctx));
	ks = kdump_open_fd(D->ctx, D->fd);
	if (ks != KDUMP_OK)
		return ms_error_create(MS_ERR_OTHER, "%s: %s", path, kdump_get_err(D->ctx));
	if (kdump_get_string_attr(D->ctx, KDUMP_ATTR_ARCH_NAME, &arch) != KDUMP_OK ||
	    strcmp(arch, "x86_64"))
		return ms_error_create(MS_ERR_OTHER, "%s: not an x86_64 dump (architecture %s)", path,
				       arch ? arch : "unknown");
	/* best effort: a smaller linear cache is faster (notes §5) */
	kdump_set_number_attr(D->ctx, "cache.size", KDUMP_CACHE_PAGES);

	if (kdump_get_number_attr(D->ctx, KDUMP_ATTR_PAGE_SIZE, &n) != KDUMP_OK ||
	    n != X86_64_PAGE_SIZE)
		return bad_file(0, "bad page size");
	D->page_size = n;
	for (D->page_shift = 0; (1ULL << D->page_shift) < n; D->page_shift++)
		;
	err = read_vmcoreinfo(D, path);
	if (!err)
		err = setup_translation(D, path);
	if (!err)
		err = ms_pagecache_create(CACHE_PAGES * 4096 / D->page_size, D->page_size,
					  page_fill, D, &D->pc);
	if (err)
		return err;
	if (!D->is_elf)
		read_kdump_rammap(D);
	return fill_info(D, path);
}

struct ms_error *
ms_dump_open(struct ms_program *prog, const char *path)
{
	struct ms_dump *D = calloc(1, sizeof(*D));
	struct ms_error *err;

	if (!D)
		return &ms_enomem;
	D->fd = -1;
	D->dump_level = -1;
	D->excluded_pfn = UINT64_MAX;
	err = dump_open(D, path);
	if (err) {
		dump_destroy(D);
		return err;
	}
	ms_dump_close(prog);
	prog->dump = D;
	return NULL;
}

void
ms_dump_close(struct ms_program *prog)
{
	dump_destroy(prog->dump);
	prog->dump = NULL;
}

/* ---- for benchmarks and tests ----------------------------------------- */

void
ms_dump_cache_stats(const struct ms_program *prog, uint64_t *hits, uint64_t *misses)
{
	struct ms_pagecache_stats s = { 0 };
	uint64_t memo = 0;

	if (prog->dump) {
		ms_pagecache_get_stats(prog->dump->pc, &s);
		memo = prog->dump->memo_hits;
	}
	*hits = s.hits + memo;
	*misses = s.misses;
}

void
ms_dump_cache_flush(struct ms_program *prog)
{
	if (!prog->dump)
		return;
	ms_pagecache_flush(prog->dump->pc);
	prog->dump->memo_page = NULL;
}

void *
ms_dump_kdump_ctx(const struct ms_program *prog)
{
	return prog->dump ? prog->dump->ctx : NULL;
}
