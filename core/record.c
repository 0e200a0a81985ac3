/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * record.c - records of typed fields and the output layer (see record.h).
 *
 * JSON is written here rather than through json-c: the layer needs the
 * field types (an address is not a string in text mode), the order of the
 * fields as the command added them, and a stream written row by row without
 * building a tree of millions of pages.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/output.h"
#include "core/record.h"
#include "core/session.h"

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		abort();
	return p;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		abort();
	return d;
}

struct ms_record *ms_record_create(void)
{
	struct ms_record *rec = calloc(1, sizeof(*rec));

	if (!rec)
		abort();
	return rec;
}

static void field_deinit(struct ms_record_field *f)
{
	free(f->key);
	if (f->type == MS_FIELD_STR)
		free(f->str);
	else if (f->type == MS_FIELD_RECORD || f->type == MS_FIELD_LIST)
		ms_record_destroy(f->rec);
}

void ms_record_reset(struct ms_record *rec)
{
	for (size_t i = 0; i < rec->nr_fields; i++)
		field_deinit(&rec->fields[i]);
	rec->nr_fields = 0;
}

void ms_record_destroy(struct ms_record *rec)
{
	if (!rec)
		return;
	ms_record_reset(rec);
	free(rec->fields);
	free(rec);
}

static struct ms_record_field *field_add(struct ms_record *rec, const char *key, enum ms_field_type type)
{
	struct ms_record_field *f;

	if (!ms_array_grow(&rec->fields, &rec->cap_fields, rec->nr_fields + 1, 8))
		abort();
	f = &rec->fields[rec->nr_fields++];
	f->key = rec->list || !key ? NULL : xstrdup(key);
	f->type = type;
	f->u = 0;
	return f;
}

void ms_record_add_null(struct ms_record *rec, const char *key)
{
	field_add(rec, key, MS_FIELD_NULL);
}

void ms_record_add_bool(struct ms_record *rec, const char *key, bool v)
{
	field_add(rec, key, MS_FIELD_BOOL)->b = v;
}

void ms_record_add_s64(struct ms_record *rec, const char *key, int64_t v)
{
	field_add(rec, key, MS_FIELD_S64)->s = v;
}

void ms_record_add_u64(struct ms_record *rec, const char *key, uint64_t v)
{
	field_add(rec, key, MS_FIELD_U64)->u = v;
}

void ms_record_add_addr(struct ms_record *rec, const char *key, uint64_t v)
{
	field_add(rec, key, MS_FIELD_ADDR)->u = v;
}

void ms_record_add_str(struct ms_record *rec, const char *key, const char *s)
{
	if (!s) {
		ms_record_add_null(rec, key);
		return;
	}
	field_add(rec, key, MS_FIELD_STR)->str = xstrdup(s);
}

void ms_record_add_opt_s64(struct ms_record *rec, const char *key, bool have, int64_t v)
{
	if (have)
		ms_record_add_s64(rec, key, v);
	else
		ms_record_add_null(rec, key);
}

struct ms_record *ms_record_add_record(struct ms_record *rec, const char *key)
{
	struct ms_record *sub = ms_record_create();

	field_add(rec, key, MS_FIELD_RECORD)->rec = sub;
	return sub;
}

struct ms_record *ms_record_add_list(struct ms_record *rec, const char *key)
{
	struct ms_record *sub = ms_record_create();

	sub->list = true;
	field_add(rec, key, MS_FIELD_LIST)->rec = sub;
	return sub;
}

const struct ms_record_field *ms_record_get(const struct ms_record *rec, const char *key)
{
	for (size_t i = 0; i < rec->nr_fields; i++)
		if (rec->fields[i].key && !strcmp(rec->fields[i].key, key))
			return &rec->fields[i];
	return NULL;
}

bool ms_record_has(const struct ms_record *rec, const char *key)
{
	const struct ms_record_field *f = ms_record_get(rec, key);

	return f && f->type != MS_FIELD_NULL;
}

uint64_t ms_record_get_u64(const struct ms_record *rec, const char *key, uint64_t def)
{
	const struct ms_record_field *f = ms_record_get(rec, key);

	if (!f)
		return def;
	switch (f->type) {
	case MS_FIELD_U64:
	case MS_FIELD_ADDR:
		return f->u;
	case MS_FIELD_S64:
		return (uint64_t)f->s;
	case MS_FIELD_BOOL:
		return f->b;
	default:
		return def;
	}
}

int64_t ms_record_get_s64(const struct ms_record *rec, const char *key, int64_t def)
{
	const struct ms_record_field *f = ms_record_get(rec, key);

	if (!f || f->type == MS_FIELD_NULL || f->type == MS_FIELD_STR ||
	    f->type == MS_FIELD_RECORD || f->type == MS_FIELD_LIST)
		return def;
	return (int64_t)ms_record_get_u64(rec, key, (uint64_t)def);
}

const char *ms_record_get_str(const struct ms_record *rec, const char *key, const char *def)
{
	const struct ms_record_field *f = ms_record_get(rec, key);

	return f && f->type == MS_FIELD_STR ? f->str : def;
}

/* ---- JSON ---- */

/*
 * The length of the UTF-8 character at @s, or 0 when it is none (a lone or
 * overlong byte) or a C1 control (U+0080 to U+009F): JSON is UTF-8, and the
 * text, often from the dump, must not drive a terminal.
 */
static size_t utf8_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t n;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, cp = p[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp < 0xa0)
		return 0;
	return n;
}

static void json_string(FILE *fp, const char *s)
{
	size_t n;

	fputc('"', fp);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			if (c >= 0x80 && (n = utf8_len(s)) > 0) {
				fwrite(s, 1, n, fp);
				s += n - 1;
			} else if (c < 0x20 || c >= 0x7f) {
				/* a control byte, or a byte of no UTF-8 character: as Latin-1 */
				fprintf(fp, "\\u%04x", c);
			} else {
				fputc(c, fp);
			}
		}
	}
	fputc('"', fp);
}

static void json_record(const struct ms_record *rec, FILE *fp, int indent, bool pretty);

static void json_value(const struct ms_record_field *f, FILE *fp, int indent, bool pretty)
{
	switch (f->type) {
	case MS_FIELD_NULL:
		fputs("null", fp);
		break;
	case MS_FIELD_BOOL:
		fputs(f->b ? "true" : "false", fp);
		break;
	case MS_FIELD_S64:
		fprintf(fp, "%" PRId64, f->s);
		break;
	case MS_FIELD_U64:
		fprintf(fp, "%" PRIu64, f->u);
		break;
	case MS_FIELD_ADDR:
		fprintf(fp, "\"0x%" PRIx64 "\"", f->u);
		break;
	case MS_FIELD_STR:
		json_string(fp, f->str);
		break;
	case MS_FIELD_RECORD:
	case MS_FIELD_LIST:
		json_record(f->rec, fp, indent, pretty);
		break;
	}
}

/* Whether @p rec holds only scalars: a short list stays on one line. */
static bool all_scalar(const struct ms_record *rec)
{
	for (size_t i = 0; i < rec->nr_fields; i++)
		if (rec->fields[i].type == MS_FIELD_RECORD || rec->fields[i].type == MS_FIELD_LIST)
			return false;
	return true;
}

static void json_record(const struct ms_record *rec, FILE *fp, int indent, bool pretty)
{
	bool nl = pretty && rec->nr_fields && !(rec->list && all_scalar(rec));

	fputc(rec->list ? '[' : '{', fp);
	for (size_t i = 0; i < rec->nr_fields; i++) {
		const struct ms_record_field *f = &rec->fields[i];

		if (i)
			fputs(pretty && !nl ? ", " : ",", fp);
		if (nl)
			fprintf(fp, "\n%*s", indent + 2, "");
		if (!rec->list) {
			json_string(fp, f->key ? f->key : "");
			fputs(pretty ? ": " : ":", fp);
		}
		json_value(f, fp, indent + 2, pretty);
	}
	if (nl)
		fprintf(fp, "\n%*s", indent, "");
	fputc(rec->list ? ']' : '}', fp);
}

void ms_record_write_json(const struct ms_record *rec, FILE *fp, bool pretty)
{
	json_record(rec, fp, 0, pretty);
}

/* ---- generic text ---- */

static void text_record(const struct ms_record *rec, FILE *fp, int indent)
{
	for (size_t i = 0; i < rec->nr_fields; i++) {
		const struct ms_record_field *f = &rec->fields[i];

		fprintf(fp, "%*s", indent, "");
		if (f->key)
			fprintf(fp, "%s:", f->key);
		else if (f->type == MS_FIELD_RECORD || f->type == MS_FIELD_LIST)
			fputc('-', fp);
		switch (f->type) {
		case MS_FIELD_NULL:
			fputs(f->key ? " (not available)\n" : "(not available)\n", fp);
			break;
		case MS_FIELD_BOOL:
			fprintf(fp, "%s%s\n", f->key ? " " : "", f->b ? "yes" : "no");
			break;
		case MS_FIELD_S64:
			fprintf(fp, "%s%" PRId64 "\n", f->key ? " " : "", f->s);
			break;
		case MS_FIELD_U64:
			fprintf(fp, "%s%" PRIu64 "\n", f->key ? " " : "", f->u);
			break;
		case MS_FIELD_ADDR:
			fprintf(fp, "%s%" PRIx64 "\n", f->key ? " " : "", f->u);
			break;
		case MS_FIELD_STR:
			fprintf(fp, "%s%s\n", f->key ? " " : "", f->str);
			break;
		case MS_FIELD_RECORD:
		case MS_FIELD_LIST:
			fputc('\n', fp);
			text_record(f->rec, fp, indent + 2);
			break;
		}
	}
}

void ms_record_write_text(const struct ms_record *rec, FILE *fp)
{
	text_record(rec, fp, 0);
}

/* ---- the output layer ---- */

bool ms_json(const struct ms_session *sess)
{
	return sess->output_mode == MS_OUTPUT_JSON;
}

/* The command line being run, words joined by one space. */
static void command_line(const struct ms_session *sess, char *buf, size_t bufsz)
{
	buf[0] = '\0';
	if (sess->cmd_line && *sess->cmd_line)
		snprintf(buf, bufsz, "%s", sess->cmd_line);
	else if (sess->cmd_name)
		snprintf(buf, bufsz, "%s", sess->cmd_name);
}

/* {"schema": 1, "command": "..."} followed by @p rec's fields, if any. */
static void write_document(const struct ms_session *sess, const struct ms_record *rec, FILE *fp,
			   bool pretty, bool stream)
{
	struct ms_record head = { 0 };
	char line[1024];

	command_line(sess, line, sizeof(line));
	ms_record_add_u64(&head, "schema", MS_JSON_SCHEMA);
	ms_record_add_str(&head, "command", line);
	if (stream)
		ms_record_add_bool(&head, "stream", true);
	if (rec) {
		/* borrow rec's fields after the header's, without copying */
		size_t n = head.nr_fields;

		head.fields = xrealloc(head.fields, (n + rec->nr_fields + 1) * sizeof(*head.fields));
		memcpy(head.fields + n, rec->fields, rec->nr_fields * sizeof(*rec->fields));
		head.nr_fields = n + rec->nr_fields;
		ms_record_write_json(&head, fp, pretty);
		head.nr_fields = n;
	} else {
		ms_record_write_json(&head, fp, pretty);
	}
	fputc('\n', fp);
	ms_record_reset(&head);
	free(head.fields);
}

void ms_emit(struct ms_session *sess, struct ms_record *rec, ms_text_fn *text, void *arg)
{
	if (ms_json(sess)) {
		write_document(sess, rec, ms_fp, true, false);
		sess->cmd_emitted++;
	} else if (text) {
		text(sess, rec, arg);
	} else {
		ms_record_write_text(rec, ms_fp);
	}
	ms_record_destroy(rec);
}

void ms_emit_row(struct ms_session *sess, const struct ms_record *rec, ms_text_fn *text, void *arg)
{
	if (ms_json(sess)) {
		if (!sess->cmd_emitted++)
			write_document(sess, NULL, ms_fp, false, true);
		ms_record_write_json(rec, ms_fp, false);
		fputc('\n', ms_fp);
	} else if (text) {
		text(sess, rec, arg);
	} else {
		ms_record_write_text(rec, ms_fp);
	}
}

void ms_emit_stream_end(struct ms_session *sess)
{
	if (ms_json(sess) && !sess->cmd_emitted++)
		write_document(sess, NULL, ms_fp, false, true);
}

void ms_emit_message(struct ms_session *sess, const char *what, const struct ms_error *err,
		     const char *message)
{
	struct ms_record *rec = ms_record_create(), *e;

	e = ms_record_add_record(rec, what);
	if (err) {
		static const char *const kinds[] = {
			[MS_ERR_OTHER] = "other", [MS_ERR_NOMEM] = "nomem",
			[MS_ERR_FAULT] = "fault", [MS_ERR_LOOKUP] = "lookup",
			[MS_ERR_CORRUPT] = "corrupt", [MS_ERR_USAGE] = "usage",
			[MS_ERR_OS] = "os", [MS_ERR_INTERRUPTED] = "interrupted",
		};

		ms_record_add_str(e, "kind", kinds[err->kind]);
		ms_record_add_str(e, "message", err->message);
		if (err->kind == MS_ERR_FAULT || err->kind == MS_ERR_CORRUPT)
			ms_record_add_addr(e, "address", err->address);
		if (err->kind == MS_ERR_LOOKUP && err->name)
			ms_record_add_str(e, "name", err->name);
		if (err->kind == MS_ERR_OS && err->path)
			ms_record_add_str(e, "path", err->path);
	} else {
		if (!strcmp(what, "error"))
			ms_record_add_str(e, "kind", sess->cmd_usage ? "usage" : "other");
		ms_record_add_str(e, "message", message);
	}
	fflush(ms_fp);
	write_document(sess, rec, stderr, false, false);
	fflush(stderr);
	ms_record_destroy(rec);
}
