/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * error.c - typed errors (see error.h).  Nothing here prints: reporting is
 * the session's (core/session.c).
 */
#define _GNU_SOURCE	/* vasprintf */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"

struct ms_error ms_enomem = {
	.kind = MS_ERR_NOMEM,
	.message = "out of memory",
	._static = true,
};

struct ms_error ms_interrupted_error = {
	.kind = MS_ERR_INTERRUPTED,
	.message = "interrupted",
	._static = true,
};

struct ms_error ms_stop = {
	.kind = MS_ERR_OTHER,
	.message = "stop",
	._static = true,
};

static struct ms_error *error_new(enum ms_error_kind kind, const char *fmt, va_list ap)
{
	struct ms_error *err = calloc(1, sizeof(*err));

	if (!err)
		return &ms_enomem;
	if (vasprintf(&err->message, fmt, ap) < 0) {
		free(err);
		return &ms_enomem;
	}
	err->kind = kind;
	return err;
}

struct ms_error *ms_error_vcreate(enum ms_error_kind kind, const char *fmt, va_list ap)
{
	return error_new(kind, fmt, ap);
}

struct ms_error *ms_error_create(enum ms_error_kind kind, const char *fmt, ...)
{
	struct ms_error *err;
	va_list ap;

	va_start(ap, fmt);
	err = error_new(kind, fmt, ap);
	va_end(ap);
	return err;
}

struct ms_error *ms_error_fault(enum ms_as as, uint64_t address, const char *fmt, ...)
{
	struct ms_error *err;
	va_list ap;

	va_start(ap, fmt);
	err = error_new(MS_ERR_FAULT, fmt, ap);
	va_end(ap);
	if (!err->_static) {
		err->as = as;
		err->address = address;
	}
	return err;
}

struct ms_error *ms_error_lookup(const char *name, const char *fmt, ...)
{
	struct ms_error *err;
	va_list ap;

	va_start(ap, fmt);
	err = error_new(MS_ERR_LOOKUP, fmt, ap);
	va_end(ap);
	if (!err->_static && name && !(err->name = strdup(name))) {
		ms_error_destroy(err);
		return &ms_enomem;
	}
	return err;
}

struct ms_error *ms_error_corrupt(uint64_t address, const char *fmt, ...)
{
	struct ms_error *err;
	va_list ap;

	va_start(ap, fmt);
	err = error_new(MS_ERR_CORRUPT, fmt, ap);
	va_end(ap);
	if (!err->_static)
		err->address = address;
	return err;
}

struct ms_error *ms_error_usage(const char *fmt, ...)
{
	struct ms_error *err;
	va_list ap;

	va_start(ap, fmt);
	err = error_new(MS_ERR_USAGE, fmt, ap);
	va_end(ap);
	return err;
}

struct ms_error *ms_error_os(int errnum, const char *path, const char *fmt, ...)
{
	struct ms_error *err;
	va_list ap;

	va_start(ap, fmt);
	err = error_new(MS_ERR_OS, fmt, ap);
	va_end(ap);
	if (err->_static)
		return err;
	err->errnum = errnum;
	if (path && !(err->path = strdup(path))) {
		ms_error_destroy(err);
		return &ms_enomem;
	}
	return err;
}

struct ms_error *ms_error_prepend(struct ms_error *err, const char *fmt, ...)
{
	char *ctx, *msg;
	va_list ap;
	int n;

	if (!err || err->_static)
		return err;
	va_start(ap, fmt);
	n = vasprintf(&ctx, fmt, ap);
	va_end(ap);
	if (n < 0)
		return err;
	n = asprintf(&msg, "%s: %s", ctx, err->message);
	free(ctx);
	if (n < 0)
		return err;
	free(err->message);
	err->message = msg;
	return err;
}

bool ms_error_catch(struct ms_error **errp, enum ms_error_kind kind)
{
	if (!*errp || (*errp)->kind != kind)
		return false;
	ms_error_destroy(*errp);
	*errp = NULL;
	return true;
}

struct ms_error *ms_error_copy(const struct ms_error *err)
{
	struct ms_error *c;

	if (err->_static)
		return (struct ms_error *)err;
	c = calloc(1, sizeof(*c));
	if (!c)
		return &ms_enomem;
	*c = *err;
	c->message = strdup(err->message);
	c->path = err->path ? strdup(err->path) : NULL;
	c->name = err->name ? strdup(err->name) : NULL;
	if (!c->message || (err->path && !c->path) || (err->name && !c->name)) {
		ms_error_destroy(c);
		return &ms_enomem;
	}
	return c;
}

void ms_error_destroy(struct ms_error *err)
{
	if (!err || err->_static)
		return;
	free(err->message);
	free(err->path);
	free(err->name);
	free(err);
}

const char *ms_error_kind_name(enum ms_error_kind kind)
{
	switch (kind) {
	case MS_ERR_OTHER:		return "other";
	case MS_ERR_NOMEM:		return "nomem";
	case MS_ERR_FAULT:		return "fault";
	case MS_ERR_LOOKUP:		return "lookup";
	case MS_ERR_CORRUPT:		return "corrupt";
	case MS_ERR_USAGE:		return "usage";
	case MS_ERR_OS:			return "os";
	case MS_ERR_INTERRUPTED:	return "interrupted";
	}
	return "?";
}
