/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef MS_PAGECACHE_H
#define MS_PAGECACHE_H
#endif
