/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_assert.h - cmocka assertions on core's typed errors (core/error.h).
 *
 *   assert_ms_ok(CALL)                  CALL returned NULL; else the test fails
 *                                       with CALL's error message
 *   assert_ms_err(CALL, KIND, SUBSTR)   CALL failed with an error of KIND whose
 *                                       message contains SUBSTR (NULL: any)
 *   assert_ms_err_msg(CALL, KIND, MSG)  ... whose message is exactly MSG
 *
 * The error is freed either way.  Include after <cmocka.h>.
 */
#ifndef MS_TEST_ASSERT_H
#define MS_TEST_ASSERT_H

#include <stdbool.h>
#include <string.h>

#include "core/error.h"

#define assert_ms_ok(call)							\
	do {									\
		struct ms_error *err_ = (call);					\
		if (err_)							\
			fail_msg("%s: %s error: %s", #call,			\
				 ms_error_kind_name(err_->kind), err_->message);	\
	} while (0)

static inline void
ms_test_check_err(struct ms_error *err, enum ms_error_kind kind, const char *want, bool exact,
		  const char *call, const char *file, int line)
{
	if (!err)
		fail_msg("%s:%d: %s: succeeded, expected a %s error", file, line, call,
			 ms_error_kind_name(kind));
	if (err->kind != kind || (want && (exact ? strcmp(err->message, want) :
					  !strstr(err->message, want))))
		fail_msg("%s:%d: %s: got a %s error \"%s\", expected a %s error %s \"%s\"", file, line,
			 call, ms_error_kind_name(err->kind), err->message, ms_error_kind_name(kind),
			 exact ? "saying" : "with", want ? want : "");
	ms_error_destroy(err);
}

#define assert_ms_err(call, kind, substr) \
	ms_test_check_err((call), (kind), (substr), false, #call, __FILE__, __LINE__)
#define assert_ms_err_msg(call, kind, msg) \
	ms_test_check_err((call), (kind), (msg), true, #call, __FILE__, __LINE__)

#endif
