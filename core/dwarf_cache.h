/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dwarf_cache.h - the persistent name index cache of core/dwarf.c; private to
 * core/.
 *
 * core/dwarf_cache.c owns the cache files dwarf-index-BUILDID.bin: where they
 * live ($MMSCOPE_CACHE_DIR, else $XDG_CACHE_HOME/mmscope, else
 * ~/.cache/mmscope; MMSCOPE_NO_INDEX_CACHE=1 turns the cache off), their key
 * (the build id, the size of .debug_info and a fingerprint of the file, taken
 * on trust while the file's stat data are those it was taken with), loading
 * one with every check,
 * saving one atomically and pruning old ones.  Every failure is silent: the
 * caller then walks the DIEs (and the message set before is kept).
 *
 * What it leaves to core/dwarf.c: when to load, walk and save (dw_index(dw)),
 * and the name index itself, which it reaches through dw_index_reserve(dw),
 * dw_index_lookup(dw), dw_index_adopt(dw) and dw_index_slots(dw).
 */
#ifndef MS_DWARF_CACHE_H
#define MS_DWARF_CACHE_H

#include <stdbool.h>
#include <stdint.h>

/** The stat data of a debuginfo file that its cache file keeps. */
struct idx_stat {
	uint64_t dev, ino, size;
	int64_t mtime_ns, ctime_ns;
};

/** The cache file of one debuginfo file; the caller embeds it. */
struct dw_cache {
	char build_id[128];	/* hex, NUL-padded */
	uint64_t info_size;	/* of .debug_info, uncompressed */
	uint64_t fingerprint;	/* a checksum of the whole file; 0: not read yet */
	bool whole_read;	/* the whole file was read for it (tests look) */
	struct idx_stat st;	/* the file's when the session opened it */
	int64_t when_ns;	/* when that was (CLOCK_REALTIME) */
	char *debuginfo;	/* its path, malloc'ed */
	char *dir;		/* the cache directory, malloc'ed */
	char *path;		/* the cache file, malloc'ed */
};

/**
 * Set @p c up for the debuginfo file @p debuginfo (may be NULL).
 * @return false if there is no cache for it: the cache is turned off,
 * @p debuginfo has no build id or no .debug_info, or there is no cache
 * directory or memory.  Then there is nothing to deinit.
 */
bool dw_cache_init(struct dw_cache *c, const char *debuginfo);
/** Free what dw_cache_init() allocated. */
void dw_cache_deinit(struct dw_cache *c);
/**
 * Fill the name index from @p c's file.
 * @return false, with the index empty, if there is none or it fails a check.
 */
bool dw_cache_load(struct ms_dwarf *dw, struct dw_cache *c);
/**
 * Save the name index just built to @p c's file, atomically, then prune old
 * index files in its directory.  A failure leaves no file and is silent.
 */
void dw_cache_save(struct ms_dwarf *dw, struct dw_cache *c);

#endif
