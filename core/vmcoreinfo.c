/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vmcoreinfo.c - the VMCOREINFO note's lines and their formats (see
 * vmcoreinfo.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/escape.h"
#include "core/vmcoreinfo.h"

struct vmci_line {
	const char *key;
	const char *val;
	size_t lineno;		/* 1-based, for messages */
};

struct ms_vmcoreinfo {
	char *text;		/* the note as read, NUL-terminated */
	char *buf;		/* a copy split in place: the lines point into it */
	struct vmci_line *lines;
	size_t n;
	const char *bad_line;	/* the first line that is not KEY=VALUE, or NULL */
	size_t bad_lineno;
};

/*
 * One line, one way: KEY=VALUE up to '\n', a '\r' before it dropped (a note
 * written on another system), the text ending at its first NUL (the kernel
 * pads the note).  Lines that are not KEY=VALUE are kept out of the lookup
 * and remembered: ms_vmcoreinfo_check() names the first.
 */
struct ms_error *ms_vmcoreinfo_parse(const char *text, size_t len, struct ms_vmcoreinfo **ret)
{
	struct ms_vmcoreinfo *vi = calloc(1, sizeof(*vi));
	char *line, *next;
	size_t nl = 0, i, lineno = 0;

	if (!vi)
		return &ms_enomem;
	len = strnlen(text, len);
	vi->text = malloc(len + 1);
	vi->buf = malloc(len + 1);
	if (!vi->text || !vi->buf)
		goto nomem;
	memcpy(vi->text, text, len);
	vi->text[len] = '\0';
	memcpy(vi->buf, vi->text, len + 1);
	for (i = 0; i < len; i++)
		nl += vi->text[i] == '\n';
	vi->lines = calloc(nl + 1, sizeof(*vi->lines));
	if (!vi->lines)
		goto nomem;
	for (line = vi->buf; line && *line; line = next) {
		char *eq, *end;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		end = line + strlen(line);
		if (end > line && end[-1] == '\r')
			*--end = '\0';
		if (!*line)
			continue;
		eq = strchr(line, '=');
		if (!eq || eq == line) {
			if (!vi->bad_line) {
				vi->bad_line = line;
				vi->bad_lineno = lineno;
			}
			continue;
		}
		if (vi->n > nl)
			continue;
		*eq = '\0';
		vi->lines[vi->n].key = line;
		vi->lines[vi->n].val = eq + 1;
		vi->lines[vi->n].lineno = lineno;
		vi->n++;
	}
	if (!vi->n) {
		ms_vmcoreinfo_destroy(vi);
		return ms_error_corrupt(0, "VMCOREINFO is empty");
	}
	*ret = vi;
	return NULL;

nomem:
	ms_vmcoreinfo_destroy(vi);
	return &ms_enomem;
}

void ms_vmcoreinfo_destroy(struct ms_vmcoreinfo *vi)
{
	if (!vi)
		return;
	free(vi->text);
	free(vi->buf);
	free(vi->lines);
	free(vi);
}

const char *ms_vmcoreinfo_text(const struct ms_vmcoreinfo *vi)
{
	return vi ? vi->text : NULL;
}

const char *ms_vmcoreinfo_get(const struct ms_vmcoreinfo *vi, const char *key)
{
	size_t i;

	for (i = 0; vi && i < vi->n; i++)
		if (!strcmp(vi->lines[i].key, key))
			return vi->lines[i].val;
	return NULL;
}

/* The value of @key, or LOOKUP. */
static struct ms_error *value_of(const struct ms_vmcoreinfo *vi, const char *key, const char **ret)
{
	if (!vi)
		return ms_error_lookup(key, "no VMCOREINFO: the program has no dump");
	*ret = ms_vmcoreinfo_get(vi, key);
	if (!*ret)
		return ms_error_lookup(key, "VMCOREINFO has no %s", key);
	return NULL;
}

/* @key's value as an unsigned number in @base, or CORRUPT naming the line. */
static struct ms_error *unsigned_of(const struct ms_vmcoreinfo *vi, const char *key, int base,
				    uint64_t *ret)
{
	const char *v;
	char *end, esc[96];
	struct ms_error *err = value_of(vi, key, &v);

	if (err)
		return err;
	errno = 0;
	if (*v == '-' || *v == '+' || *v == ' ' || !*v)
		goto bad;
	*ret = strtoull(v, &end, base);
	if (errno || *end)
		goto bad;
	return NULL;
bad:
	return ms_error_corrupt(0, "VMCOREINFO line \"%s=%s\": not a %s number", key,
				ms_escape_string(esc, sizeof(esc), v),
				base == 16 ? "hexadecimal" : "decimal");
}

static struct ms_error *signed_of(const struct ms_vmcoreinfo *vi, const char *key, int64_t min,
				  int64_t max, int64_t *ret)
{
	const char *v;
	char *end;
	long long n;
	char esc[96];
	struct ms_error *err = value_of(vi, key, &v);

	if (err)
		return err;
	errno = 0;
	n = *v && *v != ' ' && *v != '+' ? strtoll(v, &end, 10) : 0;
	if (!*v || *v == ' ' || *v == '+' || errno || *end)
		return ms_error_corrupt(0, "VMCOREINFO line \"%s=%s\": not a decimal number", key,
					ms_escape_string(esc, sizeof(esc), v));
	if (n < min || n > max)
		return ms_error_corrupt(0, "VMCOREINFO line \"%s=%s\": out of range (%" PRId64
					" to %" PRId64 ")", key, v, min, max);
	*ret = n;
	return NULL;
}

/* "KIND(name)" in @buf. */
static const char *key_of(char *buf, size_t bufsz, const char *kind, const char *name)
{
	snprintf(buf, bufsz, "%s(%s)", kind, name);
	return buf;
}

struct ms_error *ms_vmcoreinfo_number(const struct ms_vmcoreinfo *vi, const char *name,
				      int64_t min, int64_t max, int64_t *ret)
{
	char key[256];

	return signed_of(vi, key_of(key, sizeof(key), "NUMBER", name), min, max, ret);
}

struct ms_error *ms_vmcoreinfo_symbol(const struct ms_vmcoreinfo *vi, const char *name, uint64_t *ret)
{
	char key[256];

	return unsigned_of(vi, key_of(key, sizeof(key), "SYMBOL", name), 16, ret);
}

struct ms_error *ms_vmcoreinfo_size(const struct ms_vmcoreinfo *vi, const char *name, uint64_t *ret)
{
	char key[256];

	return unsigned_of(vi, key_of(key, sizeof(key), "SIZE", name), 10, ret);
}

struct ms_error *ms_vmcoreinfo_offset(const struct ms_vmcoreinfo *vi, const char *name, uint64_t *ret)
{
	char key[256];

	return unsigned_of(vi, key_of(key, sizeof(key), "OFFSET", name), 10, ret);
}

struct ms_error *ms_vmcoreinfo_length(const struct ms_vmcoreinfo *vi, const char *name, uint64_t *ret)
{
	char key[256];

	return unsigned_of(vi, key_of(key, sizeof(key), "LENGTH", name), 10, ret);
}

struct ms_error *ms_vmcoreinfo_hex(const struct ms_vmcoreinfo *vi, const char *key, uint64_t *ret)
{
	return unsigned_of(vi, key, 16, ret);
}

struct ms_error *ms_vmcoreinfo_decimal(const struct ms_vmcoreinfo *vi, const char *key,
				       int64_t min, int64_t max, int64_t *ret)
{
	return signed_of(vi, key, min, max, ret);
}

/* Whether @s is @min to @max characters of [0-9a-fA-F]. */
static bool hex_string(const char *s, size_t min, size_t max)
{
	size_t n = strspn(s, "0123456789abcdefABCDEF");

	return !s[n] && n >= min && n <= max;
}

/* The format of one line by its key's kind: the getters' rules, for every line. */
static struct ms_error *check_line(const struct ms_vmcoreinfo *vi, const struct vmci_line *l)
{
	static const struct {
		const char *prefix;
		int base;		/* 16, 10 (unsigned), -10 (signed) */
	} kinds[] = {
		{ "SYMBOL(", 16 }, { "SIZE(", 10 }, { "OFFSET(", 10 }, { "LENGTH(", 10 },
		{ "NUMBER(", -10 }, { "KERNELOFFSET", 16 }, { "PAGESIZE", -10 },
		{ "CRASHTIME", -10 },
	};
	uint64_t u;
	int64_t s;

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t n = strlen(kinds[i].prefix);

		if (strncmp(l->key, kinds[i].prefix, n))
			continue;
		if (kinds[i].prefix[n - 1] == '(' ? l->key[strlen(l->key) - 1] != ')' : l->key[n])
			break;	/* "SIZE(x" or "PAGESIZEX": not a line of ours */
		if (kinds[i].base > 0)
			return unsigned_of(vi, l->key, kinds[i].base, &u);
		return signed_of(vi, l->key, INT64_MIN, INT64_MAX, &s);
	}
	return NULL;
}

struct ms_error *ms_vmcoreinfo_check(const struct ms_vmcoreinfo *vi, uint64_t page_size)
{
	struct ms_error *err;
	const char *v;
	int64_t ps;

	char esc[96];

	if (vi->bad_line)
		return ms_error_corrupt(0, "VMCOREINFO line %zu \"%s\": not KEY=VALUE", vi->bad_lineno,
					ms_escape_string(esc, sizeof(esc), vi->bad_line));
	for (size_t i = 0; i < vi->n; i++) {
		const char *c;

		for (c = vi->lines[i].val; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				return ms_error_corrupt(0, "VMCOREINFO line %zu (%s): a control "
							"character in the value", vi->lines[i].lineno,
							ms_escape_string(esc, sizeof(esc), vi->lines[i].key));
		for (c = vi->lines[i].key; *c; c++)
			if ((unsigned char)*c <= 0x20 || *c == 0x7f)
				return ms_error_corrupt(0, "VMCOREINFO line %zu: a control character "
							"or blank in the key", vi->lines[i].lineno);
		if ((err = check_line(vi, &vi->lines[i])))
			return err;
	}
	/* PAGESIZE must be the dump's own page size: every size derives from it */
	err = signed_of(vi, "PAGESIZE", 1, INT64_MAX, &ps);
	if (!err && (uint64_t)ps != page_size)
		return ms_error_corrupt(0, "VMCOREINFO line \"PAGESIZE=%" PRId64 "\": the dump's "
					"pages are %" PRIu64 " bytes", ps, page_size);
	if (err && !ms_error_catch(&err, MS_ERR_LOOKUP))
		return err;
	/* BUILD-ID picks the debuginfo: hex digits of a GNU build id (up to SHA-512) */
	v = ms_vmcoreinfo_get(vi, "BUILD-ID");
	if (v && !hex_string(v, 2, 128))
		return ms_error_corrupt(0, "VMCOREINFO line \"BUILD-ID=%s\": not a build id "
					"(2 to 128 hex digits)", ms_escape_string(esc, sizeof(esc), v));
	return NULL;
}
