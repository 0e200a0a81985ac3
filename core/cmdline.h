/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef MS_CMDLINE_H
#define MS_CMDLINE_H
#endif
