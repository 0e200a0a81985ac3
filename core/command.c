/* SPDX-License-Identifier: GPL-2.0-or-later */
/* core/command.c: placeholder, see core/command.h */
