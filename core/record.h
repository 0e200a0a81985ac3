/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * record.h - what a command prints, as data: records of typed fields, and
 * the one output layer that renders them as crash's text or as JSON.
 *
 * A command builds a record (an ordered set of named, typed fields; a field
 * may hold a nested record or a list) and hands it to ms_emit().  In text
 * mode the command's text renderer prints crash's format from the record; in
 * JSON mode the layer prints the record as one JSON document, so that every
 * command follows the same schema (mmscope(1), JSON OUTPUT):
 *
 *   - one document per command: {"schema": 1, "command": "kmem -f", ...};
 *   - a stream of rows (kmem -p) is JSON Lines: a header line
 *     {"schema": 1, "command": "kmem -p", "stream": true}, then one object
 *     per row, one per line;
 *   - addresses are "0x..." strings, numbers are numbers, a value this dump
 *     does not have is null (never an invented zero);
 *   - key names are lower-case snake_case and mean one thing everywhere:
 *     "node" a node id, "zone" a zone's name, "zone_index" its index,
 *     "pfn", "page" (a struct page address), "order", "migratetype";
 *   - errors, warnings and notes go to stderr, one JSON object a line:
 *     {"schema": 1, "command": "kmem", "error": {"kind": "fault",
 *      "message": "...", "address": "0x..."}}.
 *
 * Records own copies of their keys and strings.  Building one cannot fail:
 * running out of memory aborts, as the rest of the inspector's small
 * allocations do.
 */
#ifndef MS_RECORD_H
#define MS_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ms_session;

/** The version of the JSON schema; raised when a key changes meaning. */
#define MS_JSON_SCHEMA 1

enum ms_field_type {
	MS_FIELD_NULL,		/* not available in this dump: JSON null */
	MS_FIELD_BOOL,
	MS_FIELD_S64,
	MS_FIELD_U64,
	MS_FIELD_ADDR,		/* an address: "%lx" in text, "0x..." in JSON */
	MS_FIELD_STR,
	MS_FIELD_RECORD,	/* a nested record: a JSON object */
	MS_FIELD_LIST,		/* a list of unnamed fields: a JSON array */
};

struct ms_record;

struct ms_record_field {
	char *key;		/* NULL for the elements of a list */
	enum ms_field_type type;
	union {
		bool b;
		int64_t s;
		uint64_t u;	/* U64 and ADDR */
		char *str;
		struct ms_record *rec;	/* RECORD and LIST */
	};
};

struct ms_record {
	bool list;		/* a list: fields without keys */
	size_t nr_fields, cap_fields;
	struct ms_record_field *fields;
};

/** A new, empty record; free it with ms_record_destroy() unless emitted. */
struct ms_record *ms_record_create(void);
/** Free @p rec and everything in it.  NULL is allowed. */
void ms_record_destroy(struct ms_record *rec);
/** Empty @p rec for reuse (a stream's next row), keeping its memory. */
void ms_record_reset(struct ms_record *rec);

/*
 * Adding fields, in the order they are printed.  On a list (ms_record_add_list())
 * @p key is ignored and may be NULL: ms_record_append_*() say so.
 */
void ms_record_add_null(struct ms_record *rec, const char *key);
void ms_record_add_bool(struct ms_record *rec, const char *key, bool v);
void ms_record_add_s64(struct ms_record *rec, const char *key, int64_t v);
void ms_record_add_u64(struct ms_record *rec, const char *key, uint64_t v);
void ms_record_add_addr(struct ms_record *rec, const char *key, uint64_t v);
void ms_record_add_str(struct ms_record *rec, const char *key, const char *s);
/** A number when @p have, else null: a counter this kernel does not have. */
void ms_record_add_opt_s64(struct ms_record *rec, const char *key, bool have, int64_t v);
/** A nested record, owned by @p rec; fill it through the pointer returned. */
struct ms_record *ms_record_add_record(struct ms_record *rec, const char *key);
/** A list, owned by @p rec; add its elements with ms_record_append_*(). */
struct ms_record *ms_record_add_list(struct ms_record *rec, const char *key);

/* Elements of a list. */
#define ms_record_append_u64(list, v)	ms_record_add_u64(list, NULL, v)
#define ms_record_append_s64(list, v)	ms_record_add_s64(list, NULL, v)
#define ms_record_append_addr(list, v)	ms_record_add_addr(list, NULL, v)
#define ms_record_append_str(list, s)	ms_record_add_str(list, NULL, s)
#define ms_record_append_record(list)	ms_record_add_record(list, NULL)

/*
 * Reading a record back, for text renderers.  The getters return
 * @p def when the key is missing or null.
 */
const struct ms_record_field *ms_record_get(const struct ms_record *rec, const char *key);
uint64_t ms_record_get_u64(const struct ms_record *rec, const char *key, uint64_t def);
int64_t ms_record_get_s64(const struct ms_record *rec, const char *key, int64_t def);
const char *ms_record_get_str(const struct ms_record *rec, const char *key, const char *def);
/** Whether @p key is present and not null. */
bool ms_record_has(const struct ms_record *rec, const char *key);

/**
 * Print @p rec as JSON on @p fp: indented by two spaces a level when
 * @p pretty, else on one line.  No newline at the end.
 */
void ms_record_write_json(const struct ms_record *rec, FILE *fp, bool pretty);
/**
 * Print @p rec as "key: value" lines, nested records and lists indented:
 * the text of commands that have no crash format of their own.
 */
void ms_record_write_text(const struct ms_record *rec, FILE *fp);

/**
 * A command's text renderer: prints crash's format of @p rec on ms_fp.
 * @p arg is what the command passed to ms_emit().
 */
typedef void ms_text_fn(struct ms_session *sess, const struct ms_record *rec, void *arg);

/**
 * The output layer: emit @p rec, the command's one document.  JSON mode:
 * {"schema": 1, "command": "...", <rec's fields>} on ms_fp; text mode:
 * @p text (NULL: ms_record_write_text()).  Takes ownership of @p rec.
 */
void ms_emit(struct ms_session *sess, struct ms_record *rec, ms_text_fn *text, void *arg);
/**
 * Emit one row of a stream.  JSON mode: the header line before the first
 * row of the command, then @p rec on one line.  Text mode: @p text.  Does
 * not take ownership: the caller may ms_record_reset() and reuse @p rec.
 */
void ms_emit_row(struct ms_session *sess, const struct ms_record *rec, ms_text_fn *text, void *arg);
/**
 * End a stream: in JSON mode, a stream that had no rows still prints its
 * header line, so that a script reads "nothing found" rather than nothing.
 */
void ms_emit_stream_end(struct ms_session *sess);
/**
 * JSON mode's stderr side: one line {"schema": 1, "command": ..., WHAT: {...}}
 * where @p what is "error", "warning" or "note".  An error gets its kind,
 * message and, by kind, address, name or path from @p err, or kind "usage"
 * or "other" and @p message when @p err is NULL.
 */
struct ms_error;
void ms_emit_message(struct ms_session *sess, const char *what, const struct ms_error *err,
		     const char *message);
/** Whether the session renders JSON (--json, "set output json"). */
bool ms_json(const struct ms_session *sess);

#endif
