/* SPDX-License-Identifier: GPL-2.0-or-later */
/* core/session.c: placeholder, see core/session.h */
