/* SPDX-License-Identifier: GPL-2.0-or-later */
/* core/cmdline.c: placeholder, see core/cmdline.h */
