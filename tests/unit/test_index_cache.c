/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_index_cache.c - core/dwarf_cache.c's index cache file on typesprog_dw5:
 *
 *  - a fresh walk and a load from the cache give the same index (every
 *    entry of every namespace the walk fills, with its DIE offset, value and
 *    weak flag) and the same answers to typesprog's offsetof oracle;
 *  - a damaged file (truncated, flipped bytes, a name offset or namespace out
 *    of range, another build id, ...) is ignored, the answers are still
 *    right, and the file is rewritten valid;
 *  - an unwritable cache directory, MMSCOPE_NO_INDEX_CACHE=1 and a file
 *    without a build id: no cache, right answers;
 *  - a compressed .debug_info is cached too; old index files are pruned;
 *  - the stat data: while the debuginfo's are those the cache file keeps,
 *    the file is not read whole; rewritten in place (same size, same build
 *    id, another byte), it is, and the cache is not used; a file changed
 *    just before its cache was written is read whole at every load.
 *
 * The cache directory is a fresh temporary one (MMSCOPE_CACHE_DIR).
 */
#define _GNU_SOURCE		/* asprintf */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/dwarf.h"
#include "core/error.h"
#include "core/field.h"
#include "core/program.h"
#include "core/symbols.h"
#include "core/types.h"
#include "tests/unit/test_assert.h"
#include "tests/unit/test_typesprog_util.h"

/* The program whose debuginfo each test loads and frees. */
static struct ms_program *prog;

static char exe[1024], nobid_exe[1100], cache_dir[256], cache_file[1024];
static char *oracle;

/* ------------------------------------------------------------ helpers */

static unsigned char *file_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *b = malloc((size_t)n + 1);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return b;
}

static void file_write(const char *path, const void *b, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* The file format of core/dwarf_cache.c (version 4), to damage a file while keeping its checksum right. */
struct idx_hdr {
	char magic[8];
	uint32_t version;
	uint32_t rec_size;
	char build_id[128];
	uint64_t info_size, fingerprint;
	uint64_t st_dev, st_ino, st_size;
	int64_t st_mtime_ns, st_ctime_ns;
	uint64_t n_cus, n_ents, blob_size;
};

struct idx_rec {
	uint64_t off;
	int64_t val;
	uint32_t name;
	uint8_t ns, weak, pad[2];
};

static void fix_checksum(unsigned char *p, size_t len)
{
	uint64_t h = 0x6d6d73636f7065ULL ^ (len - 8), w;

	for (size_t i = 0; i + 8 <= len - 8; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	memcpy(p + len - 8, &h, 8);
}

/* ------------------------------------------------------------ the index as a set */

struct names {
	char **v;
	size_t n, cap;
	unsigned ns;
};

static void add_name(const char *name, void *arg)
{
	struct names *s = arg;
	const struct dw_ent *e = dw_index_lookup(prog->dwarf, name, s->ns, false);
	char *line;

	assert_non_null(e);
	assert_true(asprintf(&line, "%u %s %llx %lld %d", s->ns, name, (unsigned long long)e->off,
			     (long long)e->val, e->weak) > 0);
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		assert_non_null(s->v);
	}
	s->v[s->n++] = line;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every entry the walk makes, one line each, sorted. */
static struct names index_set(void)
{
	struct names s = { 0 };

	assert_true(dw_index(prog->dwarf));
	for (s.ns = NS_STRUCT; s.ns <= NS_ENUMERATOR; s.ns++)
		dw_index_names(prog->dwarf, s.ns, s.ns, "", false, add_name, &s);
	qsort(s.v, s.n, sizeof(*s.v), str_cmp);
	return s;
}

static void names_free(struct names *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static void assert_same_set(const struct names *a, const struct names *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		assert_string_equal(a->v[i], b->v[i]);
}

/* typesprog's oracle (sizes, offsets, enum values, addresses) and names that are absent. */
static void check_oracle(void)
{
	char *out = strdup(oracle);
	int checked = 0;

	for (char *save, *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char what[16], name[256];
		unsigned long long a, b;
		if (!strncmp(line, "SIZE ", 5)) {
			char *sp = strrchr(line, ' ');
			*sp = 0;
			a = strtoull(sp + 1, NULL, 10);
			const struct ms_type *t = ms_type_get(prog, line + 5);
			if (!t || ms_type_size(t) != a)
				fail_msg("SIZE %s: oracle %llu", line + 5, a);
			checked++;
			continue;
		}
		if (sscanf(line, "%15s %255s %llu %llu", what, name, &a, &b) < 3)
			continue;
		if (!strcmp(what, "OFF")) {
			char *dot = strchr(name, '.');
			*dot = 0;
			const struct ms_field *f;
			struct ms_error *err = ms_field_find_by_name(prog, name, dot + 1, &f);
			if (err || f->offset != a)
				fail_msg("%s.%s: %s, oracle %llu", name, dot + 1, err ? err->message : "offset", a);
			checked++;
		} else if (!strcmp(what, "ENUM")) {
			long long val = strtoll(strrchr(line, ' ') + 1, NULL, 10);
			int64_t got = 0;
			if (!ms_error_ok(ms_enum_value(prog, name, &got)) || got != val)
				fail_msg("ENUM %s = %lld, oracle %lld", name, (long long)got, val);
			checked++;
		} else if (!strcmp(what, "ADDR")) {
			const struct ms_type *t;
			uint64_t addr = 0;
			sscanf(line, "%15s %255s %llx", what, name, &a);
			if (!ms_error_ok(ms_variable_find(prog, name, &t, &addr)) || addr != a)
				fail_msg("ADDR %s: %llx, oracle %llx", name, (unsigned long long)addr, a);
			checked++;
		}
	}
	assert_true(checked > 100);
	free(out);
	int64_t v;
	const struct ms_type *t;
	uint64_t addr;
	assert_ms_err(ms_type_find(prog, "struct pageblock_order_no_such", &t), MS_ERR_LOOKUP, NULL);
	assert_ms_err(ms_enum_value(prog, "pageblock_order_no_such", &v), MS_ERR_LOOKUP, NULL);
	assert_ms_err(ms_variable_find(prog, "contig_page_data_no_such", &t, &addr), MS_ERR_LOOKUP, NULL);
	const struct ms_field *f;
	struct ms_error *err = ms_field_find_by_name(prog, "no_such_struct", "x", &f);
	assert_non_null(err);
	assert_int_equal(err->kind, MS_ERR_LOOKUP);
	ms_error_destroy(err);
}

/* Load @p path, check it against the oracle; whether the index came from the cache. */
static bool load_check(const char *path, struct names *set_ret)
{
	assert_ms_ok(ms_symbols_load(prog, path));
	assert_ms_ok(ms_types_load(prog, path));
	struct names s = index_set();
	bool cached = dw_index_cached(prog->dwarf);
	check_oracle();
	ms_types_free(prog);
	ms_symbols_free(prog);
	if (set_ret)
		*set_ret = s;
	else
		names_free(&s);
	return cached;
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static void clear_cache(void)
{
	unlink(cache_file);
	assert_false(exists(cache_file));
}

/* ------------------------------------------------------------ tests */

static struct names fresh_set;
static unsigned char *valid;
static size_t valid_len;

static void test_fresh_then_cached(void **state)
{
	struct names cached_set;
	size_t n_cus_fresh, n_cus_cached, names_fresh, names_cached;

	(void)state;
	clear_cache();
	assert_false(load_check(exe, &fresh_set));
	assert_true(exists(cache_file));
	valid = file_read(cache_file, &valid_len);
	assert_non_null(valid);

	assert_ms_ok(ms_types_load(prog, exe));
	assert_true(dw_index(prog->dwarf));
	assert_true(dw_index_cached(prog->dwarf));
	dw_index_stats(prog->dwarf, &n_cus_cached, &names_cached);
	ms_types_free(prog);
	setenv("MMSCOPE_NO_INDEX_CACHE", "1", 1);
	assert_ms_ok(ms_types_load(prog, exe));
	assert_true(dw_index(prog->dwarf));
	assert_false(dw_index_cached(prog->dwarf));
	dw_index_stats(prog->dwarf, &n_cus_fresh, &names_fresh);
	ms_types_free(prog);
	unsetenv("MMSCOPE_NO_INDEX_CACHE");
	assert_true(n_cus_fresh > 0);
	assert_int_equal(n_cus_cached, n_cus_fresh);
	assert_int_equal(names_cached, names_fresh);

	assert_true(load_check(exe, &cached_set));
	assert_true(fresh_set.n > 100);
	assert_same_set(&fresh_set, &cached_set);
	names_free(&cached_set);
	/* a load does not rewrite the file */
	size_t len;
	unsigned char *again = file_read(cache_file, &len);
	assert_int_equal(len, valid_len);
	assert_memory_equal(again, valid, len);
	free(again);
}

enum damage {
	TRUNC_HALF, TRUNC_EMPTY, TRUNC_HEADER, TRUNC_LAST, FLIP_MAGIC, FLIP_VERSION, FLIP_INFO_SIZE,
	FLIP_PAYLOAD, FLIP_CHECKSUM, EXTRA_BYTE,
	/* with the checksum made right again: only the structural checks catch these */
	BAD_BUILD_ID, BAD_INFO_SIZE, BAD_NAME_OFF, BAD_NS, BAD_NS_ZERO, BAD_DIE_OFF, ZERO_DIE_OFF,
	BAD_WEAK, TOO_MANY_ENTS, BLOB_NO_NUL, DUPLICATE, BAD_FUNC_VAL, N_DAMAGE
};

static const char *const damage_name[N_DAMAGE] = {
	"truncated to half", "empty", "truncated in the header", "last byte cut", "magic", "version",
	"info size byte", "payload byte", "checksum byte", "a byte appended", "build id", "info size",
	"name offset out of range", "namespace out of range", "namespace 0", "DIE offset out of range",
	"DIE offset 0", "weak flag 2", "entry count too big", "blob not NUL-terminated", "duplicate entry",
	"function origin out of range",
};

static size_t damaged(enum damage d, unsigned char *b, size_t len)
{
	struct idx_hdr h;
	const size_t hs = sizeof(h), rs = sizeof(struct idx_rec);

	memcpy(&h, b, hs);
	struct idx_rec r, *rec = (struct idx_rec *)(b + hs);
	size_t i = h.n_ents / 2, j;
	memcpy(&r, &rec[i], rs);
	switch (d) {
	case TRUNC_HALF: return len / 2;
	case TRUNC_EMPTY: return 0;
	case TRUNC_HEADER: return hs - 3;
	case TRUNC_LAST: return len - 1;
	case FLIP_MAGIC: b[1] ^= 0x20; return len;
	case FLIP_VERSION: b[8] ^= 1; return len;
	case FLIP_INFO_SIZE: b[offsetof(struct idx_hdr, info_size)] ^= 4; return len;
	case FLIP_PAYLOAD: b[hs + (len - hs) / 2] ^= 0x10; return len;
	case FLIP_CHECKSUM: b[len - 3] ^= 0x80; return len;
	case EXTRA_BYTE: b[len] = 0; return len + 1;
	default: break;
	}
	switch (d) {
	case BAD_BUILD_ID: h.build_id[0] = h.build_id[0] == 'a' ? 'b' : 'a'; break;
	case BAD_INFO_SIZE: h.info_size += 8; break;
	case BAD_NAME_OFF: r.name = (uint32_t)h.blob_size; break;
	case BAD_NS: r.ns = NS_FILE; break;	/* not a namespace the walk fills */
	case BAD_NS_ZERO: r.ns = 0; break;
	case BAD_DIE_OFF: r.off = h.info_size; break;
	case ZERO_DIE_OFF: r.off = 0; break;
	case BAD_WEAK: r.weak = 2; break;
	case TOO_MANY_ENTS: h.n_ents++; break;
	case BLOB_NO_NUL: memset(b + len - 8 - 8, 'x', 8); break;
	case DUPLICATE:
		j = i + 1;
		memcpy(&rec[j], &r, rs);
		break;
	case BAD_FUNC_VAL:
		for (i = 0; i < h.n_ents; i++) {
			memcpy(&r, &rec[i], rs);
			if (r.ns == NS_FUNC)
				break;
		}
		assert_true(i < h.n_ents);
		r.val = (int64_t)h.info_size;
		break;
	default: break;
	}
	memcpy(b, &h, hs);
	memcpy(&rec[i], &r, rs);
	fix_checksum(b, len);
	return len;
}

static void test_damaged(void **state)
{
	(void)state;
	assert_non_null(valid);
	for (int d = 0; d < N_DAMAGE; d++) {
		unsigned char *b = malloc(valid_len + 1);
		assert_non_null(b);
		memcpy(b, valid, valid_len);
		size_t len = damaged((enum damage)d, b, valid_len);
		file_write(cache_file, b, len);
		free(b);
		struct names s;
		if (load_check(exe, &s))
			fail_msg("damage \"%s\": the file was used", damage_name[d]);
		assert_same_set(&fresh_set, &s);
		names_free(&s);
		/* rewritten, valid */
		size_t nl;
		unsigned char *now = file_read(cache_file, &nl);
		assert_non_null(now);
		if (nl != valid_len || memcmp(now, valid, nl))
			fail_msg("damage \"%s\": the file was not rewritten valid", damage_name[d]);
		free(now);
		assert_true(load_check(exe, NULL));
	}
}

static void test_unwritable(void **state)
{
	char file[512], dir[600];

	(void)state;
	/* a cache directory under a regular file cannot be created */
	snprintf(file, sizeof(file), "%s/plainfile", cache_dir);
	file_write(file, "x", 1);
	snprintf(dir, sizeof(dir), "%s/sub", file);
	setenv("MMSCOPE_CACHE_DIR", dir, 1);
	assert_false(load_check(exe, NULL));
	assert_false(load_check(exe, NULL));
	setenv("MMSCOPE_CACHE_DIR", cache_dir, 1);
	unlink(file);
}

static void test_opt_out(void **state)
{
	(void)state;
	clear_cache();
	setenv("MMSCOPE_NO_INDEX_CACHE", "1", 1);
	assert_false(load_check(exe, NULL));
	assert_false(exists(cache_file));
	/* nor is an existing file used */
	file_write(cache_file, valid, valid_len);
	assert_false(load_check(exe, NULL));
	unsetenv("MMSCOPE_NO_INDEX_CACHE");
	assert_true(load_check(exe, NULL));
}

/* Index files of other builds: a save keeps the 16 newest with its own; stale temporary files go. */
static void test_prune(void **state)
{
	char p[600];
	struct timespec ts[2] = { { 0 } };

	(void)state;
	clear_cache();
	for (int i = 0; i < 20; i++) {
		snprintf(p, sizeof(p), "%s/dwarf-index-%040d.bin", cache_dir, i);
		file_write(p, "old", 3);
		ts[0].tv_sec = ts[1].tv_sec = 1000000 + i * 100;	/* 19 is the newest */
		assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	}
	snprintf(p, sizeof(p), "%s/.dwarf-index-AAAAAA", cache_dir);
	file_write(p, "", 0);
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	snprintf(p, sizeof(p), "%s/.dwarf-index-BBBBBB", cache_dir);
	file_write(p, "", 0);		/* a save going on now */
	snprintf(p, sizeof(p), "%s/default-x.vmcore", cache_dir);
	file_write(p, "", 0);
	assert_false(load_check(exe, NULL));
	for (int i = 0; i < 20; i++) {
		snprintf(p, sizeof(p), "%s/dwarf-index-%040d.bin", cache_dir, i);
		if (exists(p) != (i >= 5))
			fail_msg("dwarf-index-%040d.bin: %s", i, i >= 5 ? "removed" : "kept");
	}
	assert_true(exists(cache_file));
	snprintf(p, sizeof(p), "%s/.dwarf-index-AAAAAA", cache_dir);
	assert_false(exists(p));
	snprintf(p, sizeof(p), "%s/.dwarf-index-BBBBBB", cache_dir);
	assert_true(exists(p));
	snprintf(p, sizeof(p), "%s/default-x.vmcore", cache_dir);
	assert_true(exists(p));
	char *ls = tu_run("ls -A $MMSCOPE_CACHE_DIR | wc -l");
	assert_int_equal(atoi(ls), 18);
	free(ls);
	/* the fakes by name: a glob such as dwarf-index-0* would also take the
	 * real cache file whenever the build id starts with 0 */
	for (int i = 0; i < 20; i++) {
		snprintf(p, sizeof(p), "%s/dwarf-index-%040d.bin", cache_dir, i);
		unlink(p);
	}
	free(tu_run("cd $MMSCOPE_CACHE_DIR && rm -f .dwarf-index-* default-x.vmcore"));
	assert_true(load_check(exe, NULL));
}

/* A compressed .debug_info (SHF_COMPRESSED) is keyed by its uncompressed size: the same as the plain one. */
static void test_compressed(void **state)
{
	char cmd[4400], gz[1100];
	struct names s;

	(void)state;
	snprintf(gz, sizeof(gz), "%s/typesprog-gz", cache_dir);
	snprintf(cmd, sizeof(cmd), "objcopy --compress-debug-sections=zlib-gabi %s %s 2>/dev/null && "
		 "readelf -S %s | grep -A1 ' .debug_info' | grep -q ' C '", exe, gz, gz);
	if (system(cmd)) {
		skip();
		return;
	}
	clear_cache();
	assert_false(load_check(gz, &s));
	assert_same_set(&fresh_set, &s);
	names_free(&s);
	assert_true(exists(cache_file));
	assert_true(load_check(gz, &s));
	assert_same_set(&fresh_set, &s);
	names_free(&s);
	/* the same build id, another file: gz's index is not exe's (the key has
	 * the file's checksum), so exe walks and writes its own again */
	assert_false(load_check(exe, NULL));
	assert_true(load_check(exe, NULL));
	unlink(gz);
}

/* Load @p path's index; whether it came from the cache, and whether the whole file was read. */
static bool load_index(const char *path, bool *read_whole)
{
	assert_ms_ok(ms_types_load(prog, path));
	assert_true(dw_index(prog->dwarf));
	bool cached = dw_index_cached(prog->dwarf);
	*read_whole = dw_index_read_whole(prog->dwarf);
	ms_types_free(prog);
	return cached;
}

static struct idx_hdr cache_header(void)
{
	size_t len;
	struct idx_hdr h;
	unsigned char *b = file_read(cache_file, &len);

	assert_non_null(b);
	assert_true(len > sizeof(h));
	memcpy(&h, b, sizeof(h));
	free(b);
	return h;
}

static void test_stat(void **state)
{
	char cmd[2400], copy[1100], again[1100];
	bool whole;
	struct stat st;

	(void)state;
	snprintf(copy, sizeof(copy), "%s/typesprog-st", cache_dir);
	snprintf(again, sizeof(again), "%s/typesprog-st2", cache_dir);
	snprintf(cmd, sizeof(cmd), "cp %s %s", exe, copy);
	assert_int_equal(system(cmd), 0);
	/* older than the 2 s in which a file's times may not tell a change */
	sleep(3);
	clear_cache();
	assert_false(load_index(copy, &whole));
	assert_true(whole);		/* for the fingerprint it saves */
	struct idx_hdr h = cache_header();
	assert_int_equal(stat(copy, &st), 0);
	assert_int_equal(h.st_ino, st.st_ino);
	assert_int_equal(h.st_dev, st.st_dev);
	assert_int_equal(h.st_size, st.st_size);
	assert_int_equal(h.st_mtime_ns, st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec);
	assert_int_equal(h.st_ctime_ns, st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec);
	/* unchanged: the stat data vouch for it */
	assert_true(load_index(copy, &whole));
	assert_false(whole);
	assert_true(load_check(copy, NULL));

	/* the same content under another inode: read whole, and the same */
	snprintf(cmd, sizeof(cmd), "cp %s %s", copy, again);
	assert_int_equal(system(cmd), 0);
	assert_true(load_index(again, &whole));
	assert_true(whole);
	unlink(again);

	/* one byte of .comment ("GCC: (...") changed in place: same inode,
	 * size and build id, new times; the cache is not this file's */
	size_t len;
	unsigned char *b = file_read(copy, &len);
	assert_non_null(b);
	unsigned char *gcc = memmem(b, len, "GCC: (", 6);
	assert_non_null(gcc);
	char c = (char)(gcc[6] ^ 0x20);
	off_t at = gcc + 6 - b;
	free(b);
	int fd = open(copy, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, &c, 1, at), 1);
	assert_int_equal(close(fd), 0);
	struct stat st2;
	assert_int_equal(stat(copy, &st2), 0);
	assert_int_equal(st2.st_ino, st.st_ino);
	assert_int_equal(st2.st_size, st.st_size);
	assert_false(load_index(copy, &whole));
	assert_true(whole);
	/* changed just now: its cache keeps no stat data, every load reads it whole */
	h = cache_header();
	assert_int_equal(h.st_ino, 0);
	assert_true(load_index(copy, &whole));
	assert_true(whole);
	assert_true(load_check(copy, NULL));
	unlink(copy);
	clear_cache();
}

static void test_no_build_id(void **state)
{
	char cmd[2400];
	char buf[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "objcopy --remove-section .note.gnu.build-id %s %s 2>/dev/null", exe, nobid_exe);
	if (system(cmd)) {
		skip();
		return;
	}
	assert_ms_err(ms_elf_build_id(nobid_exe, buf, sizeof(buf)), MS_ERR_LOOKUP, "no build id");
	clear_cache();
	assert_false(load_check(nobid_exe, NULL));
	assert_false(load_check(nobid_exe, NULL));
	/* nothing written (no temporary file left either) */
	char *ls = tu_run("ls -A $MMSCOPE_CACHE_DIR | grep dwarf-index || true");
	assert_string_equal(ls, "");
	free(ls);
	/* without a build id the index is built all the same, just not kept */
	assert_ms_ok(ms_types_load(prog, nobid_exe));
	assert_true(dw_index(prog->dwarf));
	assert_false(dw_index_cached(prog->dwarf));
	assert_non_null(ms_type_get(prog, "struct tp_zone"));
	ms_types_free(prog);
	unlink(nobid_exe);
}

int main(int argc, char **argv)
{
	char dir[512], bid[128];

	if (ms_program_create(&prog))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fresh_then_cached),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_unwritable),
		cmocka_unit_test(test_opt_out),
		cmocka_unit_test(test_prune),
		cmocka_unit_test(test_compressed),
		cmocka_unit_test(test_stat),
		cmocka_unit_test(test_no_build_id),
	};

	(void)argc;
	tu_prog_dir(dir, sizeof(dir), argv[0], true);
	snprintf(exe, sizeof(exe), "%s/typesprog_dw5", dir);
	snprintf(cache_dir, sizeof(cache_dir), "/tmp/test_index_cache.XXXXXX");
	if (!mkdtemp(cache_dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(nobid_exe, sizeof(nobid_exe), "%s/typesprog-nobid", cache_dir);
	setenv("MMSCOPE_CACHE_DIR", cache_dir, 1);
	unsetenv("MMSCOPE_NO_INDEX_CACHE");
	struct ms_error *err = ms_elf_build_id(exe, bid, sizeof(bid));
	if (err) {
		fprintf(stderr, "%s\n", err->message);
		return 1;
	}
	snprintf(cache_file, sizeof(cache_file), "%s/dwarf-index-%s.bin", cache_dir, bid);
	char cmd[1200];
	snprintf(cmd, sizeof(cmd), "%s --oracle", exe);
	oracle = tu_run(cmd);

	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	names_free(&fresh_set);
	free(valid);
	free(oracle);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", cache_dir);
	if (system(cmd))
		rc = rc ? rc : 1;
	return rc;
}
