/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * truth_json.h - the JSON helpers every part of the truth file uses:
 * addresses as "0x..." strings, counts as numbers.
 */
#ifndef REFMM_TRUTH_JSON_H
#define REFMM_TRUTH_JSON_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

static inline json_object *jaddr(uint64_t a)
{
	char buf[24];

	snprintf(buf, sizeof buf, "0x%" PRIx64, a);
	return json_object_new_string(buf);
}

static inline json_object *jnum(uint64_t n)
{
	return json_object_new_int64((int64_t)n);
}

static inline void add(json_object *o, const char *key, json_object *v)
{
	json_object_object_add(o, key, v);
}

#endif /* REFMM_TRUTH_JSON_H */
