// SPDX-License-Identifier: GPL-2.0-only
/*
 * diskdump.c - the compressed kdump writer: what makedumpfile makes of
 * /proc/vmcore (makedumpfile.c: write_kdump_header(),
 * write_kdump_pages_and_bitmap_cyclic(); layout in diskdump_mod.h).
 *
 *   block 0            struct disk_dump_header, "KDUMP   ", version 6
 *   block 1 ..         struct kdump_sub_header, then the ELF notes as the
 *                      PT_NOTE holds them (NT_PRSTATUS per cpu, VMCOREINFO;
 *                      offset_vmcoreinfo points at the text inside them)
 *   bitmap 1           a bit per pfn below max_mapnr: RAM
 *   bitmap 2           a bit per pfn: dumped (has a page descriptor)
 *   page descriptors   struct page_desc per set bit of bitmap 2, by pfn
 *   page data          the shared zero page (with DL_EXCLUDE_ZERO), then
 *                      each page compressed, or raw when that is no smaller
 *
 * A block is a page; both bitmaps start on a block.  Every value is
 * little-endian, as the x86-64 machine that wrote it.
 *
 * Pages are compressed by d->threads workers, a chunk of pfns at a time,
 * into a ring of slots; this thread writes the slots back in chunk order.
 * Each page is compressed alone, so the file is the same bytes whatever
 * the number of threads.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lzo/lzo1x.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include "refmm/dump_filter.h"
#include "refmm/vmcore.h"

#ifndef SEEK_DATA
#define SEEK_DATA 3
#define SEEK_HOLE 4
#endif

#define KDUMP_PAGE		4096U
#define KDUMP_SIGNATURE		"KDUMP   "
#define KDUMP_HEADER_VERSION	6

/* page_desc.flags and disk_dump_header.status */
#define DUMP_DH_COMPRESSED_ZLIB		0x1
#define DUMP_DH_COMPRESSED_LZO		0x2
#define DUMP_DH_COMPRESSED_SNAPPY	0x4
#define DUMP_DH_COMPRESSED_ZSTD		0x20

#define CHUNK_PAGES	256	/* pfns a worker takes at a time (1 MiB) */

/* diskdump_mod.h, the 64-bit layout */
struct disk_dump_header {
	char signature[8];
	int32_t header_version;
	char utsname[6][65];		/* struct new_utsname */
	int64_t tv_sec, tv_usec;	/* struct timeval; tv_usec stays 0 */
	uint32_t status;
	int32_t block_size;
	int32_t sub_hdr_size;		/* blocks */
	uint32_t bitmap_blocks;		/* both bitmaps */
	uint32_t max_mapnr;		/* 32-bit copy of max_mapnr_64 */
	uint32_t total_ram_blocks, device_blocks, written_blocks, current_cpu;
	int32_t nr_cpus;
};
_Static_assert(sizeof(struct disk_dump_header) == 464, "disk_dump_header is 464 bytes");
_Static_assert(__builtin_offsetof(struct disk_dump_header, status) == 424, "status at 424");

struct kdump_sub_header {
	uint64_t phys_base;
	int32_t dump_level;
	int32_t split;
	uint64_t start_pfn, end_pfn;
	uint64_t offset_vmcoreinfo, size_vmcoreinfo;
	uint64_t offset_note, size_note;
	uint64_t offset_eraseinfo, size_eraseinfo;
	uint64_t start_pfn_64, end_pfn_64, max_mapnr_64;
};
_Static_assert(sizeof(struct kdump_sub_header) == 104, "kdump_sub_header is 104 bytes");

struct page_desc {
	uint64_t offset;		/* of the data in the file */
	uint32_t size;
	uint32_t flags;			/* DUMP_DH_COMPRESSED_*, 0: raw */
	uint64_t page_flags;
} __attribute__((packed));
_Static_assert(sizeof(struct page_desc) == 24, "page_desc is 24 bytes");

static const char *const compress_names[] = {
	[VMCORE_COMPRESS_NONE] = "none",
	[VMCORE_COMPRESS_ZLIB] = "zlib",
	[VMCORE_COMPRESS_LZO] = "lzo",
	[VMCORE_COMPRESS_SNAPPY] = "snappy",
	[VMCORE_COMPRESS_ZSTD] = "zstd",
};

const char *vmcore_compress_name(enum vmcore_compress c)
{
	if ((unsigned)c >= sizeof compress_names / sizeof compress_names[0])
		return NULL;
	return compress_names[c];
}

int vmcore_compress_parse(const char *name)
{
	for (size_t i = 0; i < sizeof compress_names / sizeof compress_names[0]; i++)
		if (!strcmp(name, compress_names[i]))
			return (int)i;
	return -1;
}

static uint32_t compress_flag(enum vmcore_compress c)
{
	switch (c) {
	case VMCORE_COMPRESS_ZLIB:
		return DUMP_DH_COMPRESSED_ZLIB;
	case VMCORE_COMPRESS_LZO:
		return DUMP_DH_COMPRESSED_LZO;
	case VMCORE_COMPRESS_SNAPPY:
		return DUMP_DH_COMPRESSED_SNAPPY;
	case VMCORE_COMPRESS_ZSTD:
		return DUMP_DH_COMPRESSED_ZSTD;
	default:
		return 0;
	}
}

/* ------------------------------------------------------------------ */
/* one page's compression                                              */

/* A worker's compressor: its own stream state and output buffer. */
struct compressor {
	enum vmcore_compress kind;
	z_stream z;
	int z_ready;
	void *lzo_wrk;
	ZSTD_CCtx *zstd;
	unsigned char *out;
	size_t cap;
	/* a zero page compressed once: holes of a sparse machine are many */
	unsigned char *zero_out;
	size_t zero_len;		/* 0: raw; SIZE_MAX: not yet known */
};

static int compressor_init(struct compressor *c, enum vmcore_compress kind)
{
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->cap = compressBound(KDUMP_PAGE);
	if (c->cap < KDUMP_PAGE + KDUMP_PAGE / 16 + 64 + 3)	/* lzo's worst case */
		c->cap = KDUMP_PAGE + KDUMP_PAGE / 16 + 64 + 3;
	if (c->cap < snappy_max_compressed_length(KDUMP_PAGE))
		c->cap = snappy_max_compressed_length(KDUMP_PAGE);
	if (c->cap < ZSTD_compressBound(KDUMP_PAGE))
		c->cap = ZSTD_compressBound(KDUMP_PAGE);
	c->out = malloc(c->cap);
	c->zero_out = malloc(c->cap);
	c->zero_len = SIZE_MAX;
	if (!c->out || !c->zero_out)
		return -1;
	switch (kind) {
	case VMCORE_COMPRESS_ZLIB:
		/* makedumpfile: Z_BEST_SPEED; one stream, reset per page */
		if (deflateInit(&c->z, Z_BEST_SPEED) != Z_OK)
			return -1;
		c->z_ready = 1;
		break;
	case VMCORE_COMPRESS_LZO:
		c->lzo_wrk = malloc(LZO1X_1_MEM_COMPRESS);
		if (!c->lzo_wrk)
			return -1;
		break;
	case VMCORE_COMPRESS_ZSTD:
		c->zstd = ZSTD_createCCtx();
		if (!c->zstd)
			return -1;
		break;
	default:
		break;
	}
	return 0;
}

static void compressor_fini(struct compressor *c)
{
	if (c->z_ready)
		deflateEnd(&c->z);
	free(c->lzo_wrk);
	ZSTD_freeCCtx(c->zstd);
	free(c->out);
	free(c->zero_out);
}

/*
 * Compress one page into c->out.  Returns its size there, or 0 when the
 * page is to be stored raw: no compression, a failure, or no gain.
 */
static size_t compress_page(struct compressor *c, const unsigned char *page)
{
	size_t n = 0;

	switch (c->kind) {
	case VMCORE_COMPRESS_ZLIB:
		if (deflateReset(&c->z) != Z_OK)
			return 0;
		c->z.next_in = (Bytef *)page;
		c->z.avail_in = KDUMP_PAGE;
		c->z.next_out = c->out;
		c->z.avail_out = (uInt)c->cap;
		if (deflate(&c->z, Z_FINISH) != Z_STREAM_END)
			return 0;
		n = c->cap - c->z.avail_out;
		break;
	case VMCORE_COMPRESS_LZO: {
		lzo_uint len = c->cap;

		if (lzo1x_1_compress(page, KDUMP_PAGE, c->out, &len, c->lzo_wrk) != LZO_E_OK)
			return 0;
		n = len;
		break;
	}
	case VMCORE_COMPRESS_SNAPPY:
		n = c->cap;
		if (snappy_compress((const char *)page, KDUMP_PAGE, (char *)c->out, &n) != SNAPPY_OK)
			return 0;
		break;
	case VMCORE_COMPRESS_ZSTD:
		n = ZSTD_compressCCtx(c->zstd, c->out, c->cap, page, KDUMP_PAGE, 1);
		if (ZSTD_isError(n))
			return 0;
		break;
	default:
		return 0;
	}
	return n < KDUMP_PAGE ? n : 0;
}

/* ------------------------------------------------------------------ */
/* the machine's pages                                                 */

static inline int test_bit64(const unsigned char *map, uint64_t bit)
{
	return map[bit >> 3] >> (bit & 7) & 1;
}

static inline void set_bit64(unsigned char *map, uint64_t bit)
{
	map[bit >> 3] |= (unsigned char)(1U << (bit & 7));
}

/* Everything the workers share with this thread. */
struct kdump_job {
	const struct vmcore_desc *d;
	uint64_t max_mapnr;
	const unsigned char *bm2;	/* dumped pfns */
	unsigned char *data;		/* pfns that may hold data (else a hole) */
	uint32_t flag;			/* the page_desc flag of compressed pages */
	int exclude_zero;

	pthread_mutex_t lock;
	pthread_cond_t ready;		/* a slot was filled */
	pthread_cond_t free;		/* a slot was emptied, or stop */
	uint64_t nr_chunks, next_chunk;
	int stop;
	int failed;			/* a worker could not start */
	int nr_slots;
	struct chunk_slot *slots;
};

/* One chunk's output: descriptors with offsets relative to its data. */
struct chunk_slot {
	uint64_t chunk;			/* which chunk it holds */
	int state;			/* SLOT_FREE, SLOT_BUSY, SLOT_DONE */
	uint32_t nr;			/* descriptors */
	struct page_desc pd[CHUNK_PAGES];
	unsigned char *buf;		/* CHUNK_PAGES pages at most */
	size_t len;
	uint32_t nr_zero, nr_compressed;
};
enum { SLOT_FREE, SLOT_BUSY, SLOT_DONE };

/* The host bytes of @pfn, or NULL if no RAM range holds it. */
static const unsigned char *pfn_data(const struct vmcore_desc *d, uint64_t pfn)
{
	uint64_t pa = pfn * KDUMP_PAGE;

	for (int i = 0; i < d->nr_ram; i++)
		if (pa >= d->ram[i].paddr && pa - d->ram[i].paddr < d->ram[i].size)
			return (const unsigned char *)d->ram[i].data + (pa - d->ram[i].paddr);
	return NULL;
}

static int page_is_zero(const unsigned char *p)
{
	static const unsigned char zero[KDUMP_PAGE];

	return memcmp(p, zero, KDUMP_PAGE) == 0;
}

/* Compress chunk @s->chunk into @s. */
static void fill_chunk(struct kdump_job *j, struct compressor *c, struct chunk_slot *s)
{
	static const unsigned char zero[KDUMP_PAGE];
	uint64_t pfn = s->chunk * CHUNK_PAGES, end = pfn + CHUNK_PAGES;

	s->nr = 0;
	s->len = 0;
	s->nr_zero = 0;
	s->nr_compressed = 0;
	if (end > j->max_mapnr)
		end = j->max_mapnr;
	for (; pfn < end; pfn++) {
		struct page_desc *pd = &s->pd[s->nr];
		const unsigned char *page = zero, *src;
		size_t n;

		if (!test_bit64(j->bm2, pfn))
			continue;
		s->nr++;
		/* a hole of refmm's memfd is zeros: do not fault it in */
		if (test_bit64(j->data, pfn))
			page = pfn_data(j->d, pfn);
		if (!page)
			page = zero;
		memset(pd, 0, sizeof *pd);
		if (j->exclude_zero && (page == zero || page_is_zero(page))) {
			pd->flags = UINT32_MAX;		/* the shared zero page */
			s->nr_zero++;
			continue;
		}
		if (page == zero) {	/* a hole: the same bytes every time */
			if (c->zero_len == SIZE_MAX) {
				c->zero_len = compress_page(c, zero);
				memcpy(c->zero_out, c->out, c->zero_len);
			}
			n = c->zero_len;
			memcpy(c->out, c->zero_out, n);
		} else {
			n = compress_page(c, page);
		}
		if (n) {
			src = c->out;
			pd->flags = j->flag;
			s->nr_compressed++;
		} else {
			src = page;
			n = KDUMP_PAGE;
		}
		memcpy(s->buf + s->len, src, n);
		pd->offset = s->len;
		pd->size = (uint32_t)n;
		s->len += n;
	}
}

static void *worker(void *arg)
{
	struct kdump_job *j = arg;
	struct compressor c;
	int ok = compressor_init(&c, j->d->compress) == 0;

	pthread_mutex_lock(&j->lock);
	if (!ok) {
		j->failed = 1;
		j->stop = 1;
		pthread_cond_broadcast(&j->ready);
		pthread_cond_broadcast(&j->free);
	}
	while (!j->stop && j->next_chunk < j->nr_chunks) {
		uint64_t chunk = j->next_chunk;
		struct chunk_slot *s = &j->slots[chunk % (uint64_t)j->nr_slots];

		if (s->state != SLOT_FREE) {
			pthread_cond_wait(&j->free, &j->lock);
			continue;
		}
		j->next_chunk++;
		s->state = SLOT_BUSY;
		s->chunk = chunk;
		pthread_mutex_unlock(&j->lock);
		fill_chunk(j, &c, s);
		pthread_mutex_lock(&j->lock);
		s->state = SLOT_DONE;
		pthread_cond_broadcast(&j->ready);
	}
	pthread_mutex_unlock(&j->lock);
	compressor_fini(&c);
	return NULL;
}

/*
 * Which pfns may hold data: refmm's RAM is a sparse memfd, and reading a
 * hole through the mapping would allocate it (a 16 GiB machine is mostly
 * holes).  Ranges without a file count as data throughout.
 */
static void find_data(const struct vmcore_desc *d, unsigned char *map)
{
	for (int i = 0; i < d->nr_ram; i++) {
		const struct vmcore_range *r = &d->ram[i];
		uint64_t first = r->paddr / KDUMP_PAGE, pos = 0;

		while (pos < r->size) {
			off_t dpos = r->fd < 0 ? -1 : lseek(r->fd, (off_t)(r->fd_off + pos), SEEK_DATA);
			off_t hpos;
			uint64_t from, to;

			if (dpos < 0 && r->fd >= 0 && errno == ENXIO)
				break;
			if (dpos < 0) {		/* no file, or no SEEK_DATA: all data */
				from = pos;
				to = r->size;
			} else {
				hpos = lseek(r->fd, dpos, SEEK_HOLE);
				if (hpos < 0)
					hpos = (off_t)(r->fd_off + r->size);
				from = (uint64_t)dpos - r->fd_off;
				to = (uint64_t)hpos - r->fd_off;
			}
			if (from >= r->size)
				break;
			if (to > r->size)
				to = r->size;
			for (uint64_t p = from / KDUMP_PAGE; p < (to + KDUMP_PAGE - 1) / KDUMP_PAGE; p++)
				set_bit64(map, first + p);
			pos = (to + KDUMP_PAGE - 1) & ~(uint64_t)(KDUMP_PAGE - 1);
		}
	}
}

/* NUMBER(phys_base) of the VMCOREINFO text: the sub-header repeats it. */
static uint64_t vmcoreinfo_phys_base(const struct vmcore_desc *d)
{
	static const char key[] = "NUMBER(phys_base)=";
	const char *p = d->vmcoreinfo, *end = p + d->vmcoreinfo_len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if ((size_t)(end - p) > sizeof key - 1 && !memcmp(p, key, sizeof key - 1))
			return (uint64_t)strtoll(p + sizeof key - 1, NULL, 10);
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* the file                                                            */

/* Write the slots back in chunk order; the workers fill them meanwhile. */
static int write_chunks(struct refmm_afile *f, struct kdump_job *j, uint64_t desc_off,
			uint64_t *data_off, const struct page_desc *pd_zero,
			struct vmcore_stats *st, struct vmcore_progress *pg,
			char *err, size_t errlen)
{
	for (uint64_t chunk = 0; chunk < j->nr_chunks; chunk++) {
		struct chunk_slot *s = &j->slots[chunk % (uint64_t)j->nr_slots];

		pthread_mutex_lock(&j->lock);
		while (!(s->state == SLOT_DONE && s->chunk == chunk) && !j->failed)
			pthread_cond_wait(&j->ready, &j->lock);
		pthread_mutex_unlock(&j->lock);
		if (j->failed) {
			snprintf(err, errlen, "writing %s: cannot start a compressor: out of memory",
				 f->path);
			return -1;
		}
		for (uint32_t i = 0; i < s->nr; i++) {
			if (s->pd[i].flags == UINT32_MAX)
				s->pd[i] = *pd_zero;
			else
				s->pd[i].offset += *data_off;
		}
		if (refmm_afile_pwrite(f, s->pd, s->nr * sizeof s->pd[0], desc_off, err, errlen) < 0 ||
		    refmm_afile_pwrite(f, s->buf, s->len, *data_off, err, errlen) < 0)
			return -1;
		desc_off += s->nr * sizeof s->pd[0];
		*data_off += s->len;
		st->pages_zero += s->nr_zero;
		st->pages_compressed += s->nr_compressed;
		vmcore_progress_tick(pg, (uint64_t)CHUNK_PAGES * KDUMP_PAGE);

		pthread_mutex_lock(&j->lock);
		s->state = SLOT_FREE;
		pthread_cond_broadcast(&j->free);
		pthread_mutex_unlock(&j->lock);
	}
	return 0;
}

static int write_pages(struct refmm_afile *f, struct kdump_job *j, uint64_t desc_off,
		       uint64_t data_off, struct vmcore_stats *st, uint64_t *end,
		       char *err, size_t errlen)
{
	static const unsigned char zero[KDUMP_PAGE];
	struct page_desc pd_zero = { data_off, KDUMP_PAGE, 0, 0 };
	int nr_threads = j->d->threads > 0 ? j->d->threads : 1, started = 0, ret = -1;
	struct vmcore_progress pg;
	pthread_t *tids;

	if (j->exclude_zero) {
		/* makedumpfile: one raw zero page first, shared by them all */
		if (refmm_afile_pwrite(f, zero, KDUMP_PAGE, data_off, err, errlen) < 0)
			return -1;
		data_off += KDUMP_PAGE;
	}
	j->nr_chunks = (j->max_mapnr + CHUNK_PAGES - 1) / CHUNK_PAGES;
	j->nr_slots = 2 * nr_threads + 2;
	j->slots = calloc((size_t)j->nr_slots, sizeof *j->slots);
	tids = calloc((size_t)nr_threads, sizeof *tids);
	if (!j->slots || !tids)
		goto oom;
	for (int i = 0; i < j->nr_slots; i++) {
		j->slots[i].buf = malloc((size_t)CHUNK_PAGES * KDUMP_PAGE);
		if (!j->slots[i].buf)
			goto oom;
	}
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->ready, NULL);
	pthread_cond_init(&j->free, NULL);
	for (; started < nr_threads; started++)
		if (pthread_create(&tids[started], NULL, worker, j))
			break;
	if (!started) {
		snprintf(err, errlen, "writing %s: cannot start a compression thread", f->path);
	} else {
		vmcore_progress_init(&pg, j->d->progress, j->max_mapnr * KDUMP_PAGE);
		ret = write_chunks(f, j, desc_off, &data_off, &pd_zero, st, &pg, err, errlen);
	}
	pthread_mutex_lock(&j->lock);
	j->stop = 1;
	pthread_cond_broadcast(&j->free);
	pthread_mutex_unlock(&j->lock);
	for (int i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	pthread_mutex_destroy(&j->lock);
	pthread_cond_destroy(&j->ready);
	pthread_cond_destroy(&j->free);
	*end = data_off;
	goto out;
oom:
	snprintf(err, errlen, "writing %s: out of memory", f->path);
out:
	if (j->slots)
		for (int i = 0; i < j->nr_slots; i++)
			free(j->slots[i].buf);
	free(j->slots);
	free(tids);
	return ret;
}

int vmcore_write_kdump(struct refmm_afile *f, const struct vmcore_desc *d,
		       char *err, size_t errlen)
{
	struct disk_dump_header dh;
	struct kdump_sub_header kh;
	struct kdump_job j;
	struct vmcore_stats st;
	unsigned char *bm = NULL, *data = NULL, *notes = NULL, *bm1, *bm2;
	uint64_t max_mapnr = 0, bm_half, desc_off, data_off, end = 0;
	size_t notelen, vmci_off;
	int ret = -1;

	memset(&st, 0, sizeof st);
	if (d->compress == VMCORE_COMPRESS_LZO && lzo_init() != LZO_E_OK) {
		snprintf(err, errlen, "writing %s: lzo_init failed", f->path);
		return -1;
	}
	for (int i = 0; i < d->nr_ram; i++)
		if ((d->ram[i].paddr + d->ram[i].size) / KDUMP_PAGE > max_mapnr)
			max_mapnr = (d->ram[i].paddr + d->ram[i].size) / KDUMP_PAGE;
	/* each bitmap a whole number of blocks (crash needs them aligned) */
	bm_half = (max_mapnr + 8ULL * KDUMP_PAGE - 1) / (8ULL * KDUMP_PAGE) * KDUMP_PAGE;
	notes = vmcore_build_notes(d, &notelen, &vmci_off);
	bm = calloc(2, bm_half);
	data = calloc(1, bm_half);
	if (!notes || !bm || !data) {
		snprintf(err, errlen, "writing %s: out of memory", f->path);
		goto out;
	}
	bm1 = bm;
	bm2 = bm + bm_half;
	for (int i = 0; i < d->nr_ram; i++)
		for (uint64_t pfn = d->ram[i].paddr / KDUMP_PAGE;
		     pfn < (d->ram[i].paddr + d->ram[i].size) / KDUMP_PAGE; pfn++) {
			unsigned int cls = d->page_class && pfn < d->nr_page_class ?
					   d->page_class[pfn] : 0;

			set_bit64(bm1, pfn);
			st.pages_ram++;
			if (!(cls & (unsigned int)d->dump_level & ~DL_EXCLUDE_ZERO)) {
				set_bit64(bm2, pfn);
				st.pages_dumped++;
			}
		}
	find_data(d, data);

	memset(&dh, 0, sizeof dh);
	memcpy(dh.signature, KDUMP_SIGNATURE, sizeof dh.signature);
	dh.header_version = KDUMP_HEADER_VERSION;
	if (d->utsname)
		memcpy(dh.utsname, d->utsname, sizeof dh.utsname);
	dh.tv_sec = d->timestamp;
	dh.status = compress_flag(d->compress);
	dh.block_size = KDUMP_PAGE;
	dh.sub_hdr_size = (int32_t)((sizeof kh + notelen + KDUMP_PAGE - 1) / KDUMP_PAGE);
	dh.bitmap_blocks = (uint32_t)(2 * bm_half / KDUMP_PAGE);
	dh.max_mapnr = max_mapnr > UINT_MAX ? UINT_MAX : (uint32_t)max_mapnr;
	dh.nr_cpus = d->nr_cpus;

	memset(&kh, 0, sizeof kh);
	kh.phys_base = vmcoreinfo_phys_base(d);
	kh.dump_level = d->dump_level;
	kh.offset_note = KDUMP_PAGE + sizeof kh;
	kh.size_note = notelen;
	kh.offset_vmcoreinfo = kh.offset_note + vmci_off;
	kh.size_vmcoreinfo = d->vmcoreinfo_len;
	kh.max_mapnr_64 = max_mapnr;

	desc_off = (1 + (uint64_t)dh.sub_hdr_size + dh.bitmap_blocks) * KDUMP_PAGE;
	data_off = desc_off + st.pages_dumped * sizeof(struct page_desc);
	if (refmm_afile_pwrite(f, &dh, sizeof dh, 0, err, errlen) < 0 ||
	    refmm_afile_pwrite(f, &kh, sizeof kh, KDUMP_PAGE, err, errlen) < 0 ||
	    refmm_afile_pwrite(f, notes, notelen, kh.offset_note, err, errlen) < 0 ||
	    refmm_afile_pwrite(f, bm, 2 * bm_half, (1 + (uint64_t)dh.sub_hdr_size) * KDUMP_PAGE,
			       err, errlen) < 0)
		goto out;

	memset(&j, 0, sizeof j);
	j.d = d;
	j.max_mapnr = max_mapnr;
	j.bm2 = bm2;
	j.data = data;
	j.flag = compress_flag(d->compress);
	j.exclude_zero = d->dump_level & DL_EXCLUDE_ZERO;
	if (write_pages(f, &j, desc_off, data_off, &st, &end, err, errlen) < 0)
		goto out;
	if (d->stats) {
		st.file_bytes = end;
		st.data_bytes = end;
		*d->stats = st;
	}
	ret = 0;
out:
	free(notes);
	free(bm);
	free(data);
	return ret;
}
