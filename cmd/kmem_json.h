/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kmem_json.h - the JSON helpers of kmem and the /proc-like commands
 * (--json, "set output json").
 */
#ifndef MS_CMD_KMEM_JSON_H
#define MS_CMD_KMEM_JSON_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

#include "core/output.h"

/** "0x..." */
static inline struct json_object *kmem_json_hex(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
	return json_object_new_string(buf);
}

/** An integer, or JSON null when the value is not available (@p have false). */
static inline struct json_object *kmem_json_opt(bool have, int64_t v)
{
	return have ? json_object_new_int64(v) : NULL;
}

/** @p obj, pretty, on the command's output. */
static inline void kmem_json_print(struct json_object *obj)
{
	fprintf(ms_fp, "%s\n", json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY |
							     JSON_C_TO_STRING_SPACED |
							     JSON_C_TO_STRING_NOSLASHESCAPE));
}

#endif
