/* SPDX-License-Identifier: GPL-2.0-or-later */
/* core/dump.c: placeholder, see core/dump.h */
