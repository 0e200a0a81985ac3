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

#include "core/vmcoreinfo.h"

struct vmci_line {
	const char *key;
	const char *val;
};

struct ms_vmcoreinfo {
	char *text;		/* the note as read, NUL-terminated */
	char *buf;		/* a copy split in place: the lines point into it */
	struct vmci_line *lines;
	size_t n;
};

struct ms_error *ms_vmcoreinfo_parse(const char *text, size_t len, struct ms_vmcoreinfo **ret)
{
	struct ms_vmcoreinfo *vi = calloc(1, sizeof(*vi));
	char *line, *save;
	size_t nl = 0, i;

	if (!vi)
		return &ms_enomem;
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
	for (line = strtok_r(vi->buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');

		if (!eq || vi->n > nl)
			continue;
		*eq = '\0';
		vi->lines[vi->n].key = line;
		vi->lines[vi->n].val = eq + 1;
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
	char *end;
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
	return ms_error_corrupt(0, "VMCOREINFO line \"%s=%s\": not a %s number", key, v,
				base == 16 ? "hexadecimal" : "decimal");
}

static struct ms_error *signed_of(const struct ms_vmcoreinfo *vi, const char *key, int64_t min,
				  int64_t max, int64_t *ret)
{
	const char *v;
	char *end;
	long long n;
	struct ms_error *err = value_of(vi, key, &v);

	if (err)
		return err;
	errno = 0;
	n = *v && *v != ' ' && *v != '+' ? strtoll(v, &end, 10) : 0;
	if (!*v || *v == ' ' || *v == '+' || errno || *end)
		return ms_error_corrupt(0, "VMCOREINFO line \"%s=%s\": not a decimal number", key, v);
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
