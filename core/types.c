/* SPDX-License-Identifier: GPL-2.0-or-later */
/* core/types.c: placeholder, see core/types.h */
