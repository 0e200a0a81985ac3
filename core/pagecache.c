/* SPDX-License-Identifier: GPL-2.0-or-later */
/* core/pagecache.c: placeholder, see core/pagecache.h */
