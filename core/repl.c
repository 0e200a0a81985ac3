/* SPDX-License-Identifier: GPL-2.0-or-later */
/* core/repl.c: placeholder, see core/repl.h */
