/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * session.c - the session singleton.  The defaults are crash's: decimal
 * output, scrolling on (main() turns it off when stdout is no terminal).
 */
#include "core/session.h"

struct ms_session ms_sess = {
	.radix = 10,
	.scroll = true,
};
