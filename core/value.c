/* SPDX-License-Identifier: GPL-2.0-or-later */
/* core/value.c: placeholder, see core/value.h */
