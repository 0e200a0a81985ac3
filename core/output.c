/* SPDX-License-Identifier: GPL-2.0-or-later */
/* core/output.c: placeholder, see core/output.h */
