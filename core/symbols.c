/* SPDX-License-Identifier: GPL-2.0-or-later */
/* core/symbols.c: placeholder, see core/symbols.h */
