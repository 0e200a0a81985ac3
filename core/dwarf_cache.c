/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dwarf_cache.c - the persistent name index cache of core/dwarf.c (see
 * dwarf_cache.h): the file format, its key, loading with validation, saving
 * and pruning.  It reaches the name index only through the dw_index_*()
 * functions of dwarf.h.
 */
#define _GNU_SOURCE		/* asprintf */
#include <dirent.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/dwarf.h"
#include "core/dwarf_cache.h"
#include "core/error.h"
#include "core/file.h"
#include "core/symbols.h"


/*
 * The name index of a debuginfo file, saved after the walk and loaded by
 * later sessions instead of walking again (like gdb's index-cache).  The file
 * is $MMSCOPE_CACHE_DIR, $XDG_CACHE_HOME/mmscope or ~/.cache/mmscope
 * /dwarf-index-BUILDID.bin; MMSCOPE_NO_INDEX_CACHE=1 turns it off, and a file
 * without a GNU build id has none.  Native byte order, all of it covered by
 * the trailing checksum:
 *
 *   struct idx_hdr                 magic, version, key (build id, .debug_info
 *                                  size, the file's fingerprint), the file's
 *                                  stat data, number of CUs, records, blob
 *                                  size
 *   struct idx_rec [n_ents]        one per entry of namespaces NS_STRUCT..
 *                                  NS_ENUMERATOR: DIE offset, value, name
 *   char blob[blob_size]           the names, NUL-terminated, padded to 8
 *   uint64_t checksum              of everything before it
 *
 * Loading checks everything (sizes, offsets, namespaces, duplicates); a file
 * that fails any check is ignored, and the walk's result replaces it.  Saving
 * writes a temporary file in the same directory and renames it; a failure to
 * save is silent.  Only the IDX_KEEP newest index files are kept.
 */
#define IDX_MAGIC	"MMSDWIX"	/* 8 bytes with the NUL */
#define IDX_VERSION	4u	/* 2: a kernel CU's definition wins (dw_set_kernel_cus());
				   3: the key has the file's fingerprint;
				   4: and the stat data it was taken with */
#define IDX_NS_LAST	NS_ENUMERATOR	/* the namespaces the walk fills */

/*
 * Reading the whole debuginfo for its fingerprint costs ~0.3 s for a
 * distribution's vmlinux at every start.  As git's index does for the files
 * of a work tree, the cache keeps the stat data of the file it was built
 * from: while they are the same, the file is taken to be unchanged and the
 * fingerprint stored is trusted; when any differs (the file rewritten,
 * replaced, copied, touched), the whole file is checked again.
 */
struct idx_hdr {
	char magic[8];
	uint32_t version;
	uint32_t rec_size;
	char build_id[128];	/* hex, NUL-padded */
	uint64_t info_size;	/* of .debug_info */
	uint64_t fingerprint;	/* of the debuginfo file's bytes: file_fingerprint() */
	struct idx_stat st;	/* the file's, when the fingerprint was taken; or 0s */
	uint64_t n_cus;
	uint64_t n_ents;
	uint64_t blob_size;
};

struct idx_rec {
	uint64_t off;
	int64_t val;
	uint32_t name;		/* offset in the blob */
	uint8_t ns;
	uint8_t weak;
	uint8_t pad[2];
};

_Static_assert(sizeof(struct idx_hdr) % 8 == 0, "header is a multiple of 8 bytes");
_Static_assert(sizeof(struct idx_rec) == 24, "record is 24 bytes");

static uint64_t idx_checksum(const unsigned char *p, size_t len)
{
	uint64_t h = 0x6d6d73636f7065ULL ^ len, w;

	for (size_t i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	return h;
}

/* The cache directory, malloc'ed, or NULL. */
static char *idx_dir(void)
{
	const char *d = getenv("MMSCOPE_CACHE_DIR"), *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *p = NULL;

	int r = -1;

	if (d && *d)
		r = asprintf(&p, "%s", d);
	else if (xdg && *xdg)
		r = asprintf(&p, "%s/mmscope", xdg);
	else if (home && *home)
		r = asprintf(&p, "%s/.cache/mmscope", home);
	return r < 0 ? NULL : p;
}

/*
 * The size of @p path's .debug_info that its DIE offsets are within: for a
 * compressed section (SHF_COMPRESSED, as in distributions' debuginfo
 * packages), the size in its compression header, read without inflating it.
 * 0 if there is none or it cannot be told.
 */
static uint64_t elf_info_size(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	uint64_t size = 0;
	size_t shstrndx;
	Elf *elf;

	if (fd < 0)
		return 0;
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (elf && elf_getshdrstrndx(elf, &shstrndx) == 0) {
		const char *ident = elf_getident(elf, NULL);
		const unsigned char host = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? ELFDATA2LSB : ELFDATA2MSB;
		for (Elf_Scn *scn = NULL; (scn = elf_nextscn(elf, scn));) {
			GElf_Shdr sh;
			const char *n;
			if (!gelf_getshdr(scn, &sh) || !(n = elf_strptr(elf, shstrndx, sh.sh_name)) ||
			    strcmp(n, ".debug_info"))
				continue;
			if (sh.sh_type == SHT_NOBITS) {
				break;
			} else if (!(sh.sh_flags & SHF_COMPRESSED)) {
				size = sh.sh_size;
			} else if (ident && (unsigned char)ident[EI_DATA] == host) {
				Elf64_Chdr c64;
				Elf32_Chdr c32;
				if (gelf_getclass(elf) == ELFCLASS64 &&
				    pread(fd, &c64, sizeof(c64), (off_t)sh.sh_offset) == (ssize_t)sizeof(c64))
					size = c64.ch_size;
				else if (gelf_getclass(elf) == ELFCLASS32 &&
					 pread(fd, &c32, sizeof(c32), (off_t)sh.sh_offset) == (ssize_t)sizeof(c32))
					size = c32.ch_size;
			}
			break;
		}
	}
	if (elf)
		elf_end(elf);
	close(fd);
	return size;
}

/*
 * The build id names the program, not the file: a debuginfo rebuilt, patched
 * or damaged under the same build id must not get the other file's index.
 * The fingerprint is a checksum of the whole file, read in 1 MiB pieces: a
 * fraction of what the walk it saves costs (the DIEs of the same bytes).
 * 0 if the file cannot be read.
 */
static uint64_t file_fingerprint(const char *path)
{
	enum { PIECE = 1 << 20 };
	unsigned char *buf = malloc(PIECE);
	uint64_t sum, size, done = 0;
	struct ms_error *err;
	int fd;

	if (!buf)
		return 0;
	err = ms_open_regular(path, "debuginfo", true, &fd, &size);
	if (err) {
		ms_error_destroy(err);
		free(buf);
		return 0;
	}
	sum = size;
	while (done < size) {
		ssize_t n = read(fd, buf, PIECE);

		if (n <= 0) {
			close(fd);
			free(buf);
			return 0;	/* cut short under us: no cache */
		}
		memset(buf + n, 0, (size_t)(-n & 7));	/* the checksum reads whole words */
		sum = (sum ^ idx_checksum(buf, ((size_t)n + 7) & ~(size_t)7)) * 0x9e3779b97f4a7c15ULL;
		done += (uint64_t)n;
	}
	close(fd);
	free(buf);
	return sum ? sum : 1;
}

static void idx_stat_get(const struct stat *st, struct idx_stat *ret)
{
	*ret = (struct idx_stat){
		.dev = st->st_dev, .ino = st->st_ino, .size = (uint64_t)st->st_size,
		.mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec,
		.ctime_ns = (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec,
	};
}

static bool idx_stat_same(const struct idx_stat *a, const struct idx_stat *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}

/*
 * A file changed within IDX_RACY_NS before it was stat'ed could change
 * again and keep the same times: its clock ticks coarsely (jiffies; 1 or
 * 2 s on some file systems).  Its stat data are not kept (git's "racily
 * clean" entries): that cache is checked against the whole file each time.
 */
#define IDX_RACY_NS	(2 * 1000000000LL)

static bool idx_stat_racy(const struct idx_stat *st, int64_t when_ns)
{
	return st->mtime_ns > when_ns - IDX_RACY_NS || st->ctime_ns > when_ns - IDX_RACY_NS;
}

/* The fingerprint of the debuginfo, read once; 0 if it cannot be read. */
static uint64_t cache_fingerprint(struct dw_cache *c)
{
	if (!c->fingerprint && !c->whole_read) {
		c->fingerprint = file_fingerprint(c->debuginfo);
		c->whole_read = true;
	}
	return c->fingerprint;
}

/* The key of @p path: its build id and .debug_info size.  False if it has no build id. */
static bool idx_key(const char *path, char bid[128], uint64_t *info_size)
{
	const char *e = getenv("MMSCOPE_NO_INDEX_CACHE");

	if (e && *e && strcmp(e, "0"))
		return false;
	memset(bid, 0, 128);
	struct ms_error *err = path ? ms_elf_build_id(path, bid, 128) : NULL;
	bool ok = path && !err && bid[0];
	ms_error_destroy(err);	/* no build id: no cache */
	return ok && (*info_size = elf_info_size(path)) != 0;
}

static char *idx_path(const char *dir, const char *bid)
{
	char *p;

	return asprintf(&p, "%s/dwarf-index-%s.bin", dir, bid) < 0 ? NULL : p;
}

/*
 * Fill the index from the cache file at @p path.  False, with the index
 * empty, if it is not valid.  The header is read and checked first: a file
 * that is not this debuginfo's index (or not a regular file) is never read
 * whole.
 */
static bool idx_load(struct ms_dwarf *dw, struct dw_cache *c)
{
	const char *path = c->path, *bid = c->build_id;
	uint64_t info_size = c->info_size;
	int fd = -1;
	uint64_t fsize;
	unsigned char *buf = NULL;
	struct idx_hdr h;
	const size_t hs = sizeof(h), rs = sizeof(struct idx_rec);
	struct ms_error *err = ms_open_regular(path, "DWARF index cache", true, &fd, &fsize);

	if (err) {
		ms_error_destroy(err);
		return false;
	}
	if (fsize < hs + 8 || fsize > (1 << 30) || pread(fd, &h, hs, 0) != (ssize_t)hs ||
	    memcmp(h.magic, IDX_MAGIC, 8) || h.version != IDX_VERSION || h.rec_size != rs ||
	    memchr(h.build_id, 0, sizeof(h.build_id)) == NULL || strcmp(h.build_id, bid) ||
	    h.info_size != info_size || h.n_ents > (fsize - hs - 8) / rs ||
	    h.blob_size != fsize - hs - 8 - h.n_ents * rs)
		goto bad;
	/* the same stat data: the same file; else the whole file decides */
	if (!h.fingerprint || (!(h.st.ino && idx_stat_same(&h.st, &c->st)) &&
			       h.fingerprint != cache_fingerprint(c)))
		goto bad;
	if (!(buf = malloc((size_t)fsize)))
		goto bad;
	size_t size = (size_t)fsize, got = 0;
	while (got < size) {
		ssize_t n = read(fd, buf + got, size - got);
		if (n <= 0)
			goto bad;
		got += (size_t)n;
	}
	close(fd);
	fd = -1;
	uint64_t sum;
	memcpy(&sum, buf + size - 8, 8);
	if (memcmp(buf, &h, hs) || !h.blob_size || h.blob_size > UINT32_MAX || h.n_cus > info_size ||
	    (size - 8) % 8 || idx_checksum(buf, size - 8) != sum)
		goto bad;
	const struct idx_rec *rec = (const struct idx_rec *)(buf + hs);
	char *blob = (char *)buf + hs + h.n_ents * rs;
	if (blob[h.blob_size - 1])
		goto bad;
	if (!dw_index_reserve(dw, h.n_ents))
		goto bad;
	for (uint64_t i = 0; i < h.n_ents; i++) {
		struct idx_rec r;
		memcpy(&r, &rec[i], rs);
		if (r.name >= h.blob_size || r.ns < NS_STRUCT || r.ns > IDX_NS_LAST || r.weak > 1 || !r.off ||
		    r.off >= info_size || (r.ns == NS_FUNC && (r.val < 0 || (uint64_t)r.val >= info_size)))
			goto bad;
		const char *name = blob + r.name;
		struct dw_ent *e = dw_index_lookup(dw, name, r.ns, true);
		if (e->off)
			goto bad;	/* a duplicate: every entry has a DIE offset */
		e->off = r.off;
		e->val = r.val;
		e->weak = r.weak;
	}
	dw_index_adopt(dw, h.n_cus, (char *)buf);
	return true;
bad:
	if (fd >= 0)
		close(fd);
	free(buf);
	dw_index_reset(dw);
	return false;
}

static void mkdir_p(char *dir)
{
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		mkdir(dir, 0700);
		*p = '/';
	}
	mkdir(dir, 0700);
}

/*
 * Each build of a debuginfo has a build id of its own, so index files of
 * builds that are gone would pile up: after a save, keep the newest
 * IDX_KEEP of them and remove the others, and temporary files that a
 * crashed save left behind more than an hour ago.
 */
#define IDX_KEEP	16

struct idx_old {
	char *path;
	struct timespec mtime;
};

static int idx_newest_first(const void *a, const void *b)
{
	const struct idx_old *x = a, *y = b;

	if (x->mtime.tv_sec != y->mtime.tv_sec)
		return x->mtime.tv_sec < y->mtime.tv_sec ? 1 : -1;
	return (x->mtime.tv_nsec < y->mtime.tv_nsec) - (x->mtime.tv_nsec > y->mtime.tv_nsec);
}

/* ... in @p dir, which just got @p keep. */
static void idx_prune(const char *dir, const char *keep)
{
	struct idx_old list[256];
	size_t n = 0, len;
	struct dirent *de;
	struct stat st;
	DIR *d = opendir(dir);
	time_t now = time(NULL);

	while (d && (de = readdir(d)) && n < sizeof(list) / sizeof(list[0])) {
		bool tmp = !strncmp(de->d_name, ".dwarf-index-", 13);
		len = strlen(de->d_name);
		if (!tmp && (strncmp(de->d_name, "dwarf-index-", 12) || len < 16 ||
			     strcmp(de->d_name + len - 4, ".bin")))
			continue;
		char *p;
		if (asprintf(&p, "%s/%s", dir, de->d_name) < 0)
			break;
		if (!strcmp(p, keep) || lstat(p, &st) || !S_ISREG(st.st_mode) ||
		    (tmp && st.st_mtime > now - 3600)) {
			free(p);
		} else if (tmp) {
			unlink(p);
			free(p);
		} else {
			list[n].path = p;
			list[n++].mtime = st.st_mtim;
		}
	}
	if (d)
		closedir(d);
	if (n)
		qsort(list, n, sizeof(list[0]), idx_newest_first);
	for (size_t i = 0; i < n; i++) {
		if (i + 1 >= IDX_KEEP)
			unlink(list[i].path);
		free(list[i].path);
	}
}

static bool write_all(int fd, const void *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n <= 0)
			return false;
		p = (const char *)p + n;
		len -= (size_t)n;
	}
	return true;
}

/* Save the index just built to @p path, atomically; any failure leaves no file. */
static void idx_save(struct ms_dwarf *dw, char *dir, const char *path, const char *bid, uint64_t info_size,
		     uint64_t fingerprint, const struct idx_stat *st)
{
	size_t n = 0, blen = 0, n_slots, n_cus;
	const struct dw_ent *tab = dw_index_slots(dw, &n_slots);

	dw_index_stats(dw, &n_cus, NULL);
	for (size_t i = 0; i < n_slots; i++) {
		const struct dw_ent *e = &tab[i];
		if (!e->name || e->ns > IDX_NS_LAST)
			continue;
		/* a load would refuse it */
		if (!e->off || e->off >= info_size)
			return;
		n++;
		blen += strlen(e->name) + 1;
	}
	blen = (blen + 7) & ~(size_t)7;
	if (!blen)
		blen = 8;
	if (blen > UINT32_MAX)
		return;
	size_t hs = sizeof(struct idx_hdr), size = hs + n * sizeof(struct idx_rec) + blen + 8;
	unsigned char *buf = calloc(1, size);
	if (!buf)
		return;
	struct idx_hdr h = { .version = IDX_VERSION, .rec_size = sizeof(struct idx_rec), .info_size = info_size,
			     .fingerprint = fingerprint, .st = *st, .n_cus = n_cus, .n_ents = n,
			     .blob_size = blen };
	memcpy(h.magic, IDX_MAGIC, 8);
	snprintf(h.build_id, sizeof(h.build_id), "%s", bid);
	memcpy(buf, &h, hs);
	struct idx_rec *rec = (struct idx_rec *)(buf + hs);
	char *blob = (char *)(rec + n);
	size_t k = 0, bo = 0;
	for (size_t i = 0; i < n_slots; i++) {
		const struct dw_ent *e = &tab[i];
		if (!e->name || e->ns > IDX_NS_LAST)
			continue;
		struct idx_rec r = { .off = e->off, .val = e->val, .name = (uint32_t)bo, .ns = e->ns,
				     .weak = e->weak };
		memcpy(&rec[k++], &r, sizeof(r));
		size_t l = strlen(e->name) + 1;
		memcpy(blob + bo, e->name, l);
		bo += l;
	}
	uint64_t sum = idx_checksum(buf, size - 8);
	memcpy(buf + size - 8, &sum, 8);

	mkdir_p(dir);
	char *tmp;
	if (asprintf(&tmp, "%s/.dwarf-index-XXXXXX", dir) >= 0) {
		int fd = mkstemp(tmp);
		if (fd >= 0) {
			bool ok = write_all(fd, buf, size);
			if (close(fd) || !ok || rename(tmp, path))
				unlink(tmp);
			else
				idx_prune(dir, path);
		}
		free(tmp);
	}
	free(buf);
}

/* ------------------------------------------------------------ the interface */

bool dw_cache_init(struct dw_cache *c, const char *debuginfo)
{
	struct stat st;
	struct timespec now;

	c->dir = c->path = c->debuginfo = NULL;
	c->info_size = c->fingerprint = 0;
	c->whole_read = false;
	/* the stat data before anything is read: a change after shows */
	if (!debuginfo || stat(debuginfo, &st) || clock_gettime(CLOCK_REALTIME, &now) ||
	    !idx_key(debuginfo, c->build_id, &c->info_size))
		return false;
	idx_stat_get(&st, &c->st);
	c->when_ns = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
	if (!(c->debuginfo = strdup(debuginfo)) || !(c->dir = idx_dir())) {
		free(c->debuginfo);
		c->debuginfo = NULL;
		return false;
	}
	if (!(c->path = idx_path(c->dir, c->build_id))) {
		dw_cache_deinit(c);
		return false;
	}
	return true;
}

void dw_cache_deinit(struct dw_cache *c)
{
	free(c->path);
	free(c->dir);
	free(c->debuginfo);
	c->dir = c->path = c->debuginfo = NULL;
}

bool dw_cache_load(struct ms_dwarf *dw, struct dw_cache *c)
{
	return idx_load(dw, c);
}

void dw_cache_save(struct ms_dwarf *dw, struct dw_cache *c)
{
	struct idx_stat st = c->st, after;
	struct stat sb;

	if (!cache_fingerprint(c))
		return;
	/* changed while it was read: neither fingerprint nor stat data is sure */
	if (stat(c->debuginfo, &sb))
		return;
	idx_stat_get(&sb, &after);
	if (!idx_stat_same(&st, &after))
		return;
	if (idx_stat_racy(&st, c->when_ns))
		memset(&st, 0, sizeof(st));
	idx_save(dw, c->dir, c->path, c->build_id, c->info_size, c->fingerprint, &st);
}
