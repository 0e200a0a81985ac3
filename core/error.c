/* SPDX-License-Identifier: GPL-2.0-or-later */
/* core/error.c: placeholder, see core/error.h */
