/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * string.h - the kernel's allocating string helpers (mm/util.c).  The C
 * library's string functions come along, as the uapi header it shadows
 * provides them.
 */
#ifndef _REFMM_LINUX_STRING_H
#define _REFMM_LINUX_STRING_H

#include <string.h>
#include <linux/types.h>

extern char *kstrdup(const char *s, gfp_t gfp);
extern char *kstrndup(const char *s, size_t len, gfp_t gfp);
extern void *kmemdup(const void *src, size_t len, gfp_t gfp);

#endif /* _REFMM_LINUX_STRING_H */
