/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef MS_REPL_H
#define MS_REPL_H
#endif
