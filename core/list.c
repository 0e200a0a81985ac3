/* SPDX-License-Identifier: GPL-2.0-or-later */
/* core/list.c: placeholder, see core/list.h */
