/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * error.h - how core reports failure: typed errors, as libdrgn's.
 *
 * Every fallible core call returns a struct ms_error *: NULL on success, or
 * an error that the caller owns and must either hand up, report (the session's
 * ms_cmd_fail() prints it with the command's name and destroys it), or drop
 * with ms_error_destroy().  An error has a kind that callers test instead of
 * comparing strings:
 *
 *   FAULT        a read failed; carries the address and its address space
 *   LOOKUP       a symbol, type, member, enumerator or key does not exist in
 *                this dump; carries the name that was looked up
 *   CORRUPT      what was read makes no sense (a list that loops, a NULL
 *                next pointer, a bad VMCOREINFO line); carries the address
 *   NOMEM        out of memory: the static ms_enomem, never allocated
 *   USAGE        bad input from the user (a syntax error, a bad argument)
 *   OS           a system call failed; carries errno and the path
 *   INTERRUPTED  ^C, or the reader of the output went away: the static
 *                ms_interrupted_error; not a failure to report
 *   OTHER        anything else
 *
 * A missing member is a LOOKUP ("fall back, or say not available"); a fault
 * is reported with its address.  ms_error_catch() turns an expected kind into
 * a fallback; ms_error_prepend() lets each layer add what it was doing, so a
 * message reads outer to inner, as libkdumpfile's do:
 *   zone Normal free_area[3]: list_head ...: entry ...: invalid kernel ...
 *
 * Messages keep crash's wording where users see it
 * ("invalid kernel virtual address: 1234  type: \"page\"") and never carry the
 * command's name: the command that gives up adds "cmd: " when it prints.
 */
#ifndef MS_ERROR_H
#define MS_ERROR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#define MS_PRINTF(a, b) __attribute__((format(printf, a, b)))

/** The address spaces of a dump: a FAULT says which one it happened in. */
enum ms_as {
	MS_KVADDR,	/* kernel virtual: direct map, image, vmalloc */
	MS_PHYSADDR,	/* physical */
};

enum ms_error_kind {
	MS_ERR_OTHER,
	MS_ERR_NOMEM,
	MS_ERR_FAULT,
	MS_ERR_LOOKUP,
	MS_ERR_CORRUPT,
	MS_ERR_USAGE,
	MS_ERR_OS,
	MS_ERR_INTERRUPTED,
};

struct ms_error {
	enum ms_error_kind kind;
	char *message;		/* never NULL */
	uint64_t address;	/* FAULT, CORRUPT */
	enum ms_as as;		/* FAULT */
	int errnum;		/* OS */
	char *path;		/* OS: the file, or NULL */
	char *name;		/* LOOKUP: the name that was not found, or NULL */
	bool _static;		/* a singleton: never freed or changed */
};

/** Out of memory.  Returned, never allocated; destroying it does nothing. */
extern struct ms_error ms_enomem;
/** The user pressed ^C, or the pipe or pager reading the output went away. */
extern struct ms_error ms_interrupted_error;
/**
 * Not an error: what a walk's callback returns to end the walk early (the
 * walk then returns NULL).  Compare the pointer: `err == &ms_stop`.
 */
extern struct ms_error ms_stop;

/**
 * A new error of @p kind with the formatted message.  The constructors
 * return &ms_enomem if they cannot allocate, so they never return NULL.
 */
struct ms_error *ms_error_create(enum ms_error_kind kind, const char *fmt, ...)
	MS_PRINTF(2, 3) __attribute__((returns_nonnull));
struct ms_error *ms_error_vcreate(enum ms_error_kind kind, const char *fmt, va_list ap)
	__attribute__((returns_nonnull));
/** A FAULT at @p address in @p as. */
struct ms_error *ms_error_fault(enum ms_as as, uint64_t address, const char *fmt, ...)
	MS_PRINTF(3, 4) __attribute__((returns_nonnull));
/** A LOOKUP of @p name (copied; may be NULL). */
struct ms_error *ms_error_lookup(const char *name, const char *fmt, ...)
	MS_PRINTF(2, 3) __attribute__((returns_nonnull));
/** CORRUPT data read at @p address. */
struct ms_error *ms_error_corrupt(uint64_t address, const char *fmt, ...)
	MS_PRINTF(2, 3) __attribute__((returns_nonnull));
/** Bad input from the user. */
struct ms_error *ms_error_usage(const char *fmt, ...)
	MS_PRINTF(1, 2) __attribute__((returns_nonnull));
/**
 * A failed system call on @p path (copied; may be NULL) with errno
 * @p errnum.  The message is the formatted @p fmt: the caller words it,
 * usually "PATH: strerror(errnum)".
 */
struct ms_error *ms_error_os(int errnum, const char *path, const char *fmt, ...)
	MS_PRINTF(3, 4) __attribute__((returns_nonnull));

/**
 * Put "CONTEXT: " (the formatted @p fmt) in front of @p err's message and
 * return @p err.  A static error, or one that cannot grow for lack of
 * memory, is returned unchanged.  NULL stays NULL.
 */
struct ms_error *ms_error_prepend(struct ms_error *err, const char *fmt, ...) MS_PRINTF(2, 3);

/**
 * If *@p errp is an error of @p kind, destroy it, set *@p errp to NULL and
 * return true: the caller falls back.  Otherwise leave it and return false.
 */
bool ms_error_catch(struct ms_error **errp, enum ms_error_kind kind);

/** A copy of @p err (the singletons are returned as they are). */
struct ms_error *ms_error_copy(const struct ms_error *err) __attribute__((returns_nonnull));

/** Free @p err (NULL and the singletons are ignored). */
void ms_error_destroy(struct ms_error *err);

/**
 * Whether @p err is NULL; an error is destroyed.  For a lookup whose failure
 * only means "try the next kind of name" or "leave it out".
 */
static inline bool ms_error_ok(struct ms_error *err)
{
	ms_error_destroy(err);
	return !err;
}
/** "fault", "lookup", ... for tests and debugging. */
const char *ms_error_kind_name(enum ms_error_kind kind);

#endif
