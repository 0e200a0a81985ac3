/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmdebug.h - VM_BUG_ON and friends (CONFIG_DEBUG_VM).
 *
 * refmm's debug mode is the run-time switch refmm_debug_vm (on by
 * default).  VM_BUG_ON_PAGE dumps the page as the kernel does before it
 * stops the process: an invariant broken inside the allocator is a bug in
 * refmm, not a bad request (those go through bad_page() and are refused).
 */
#ifndef LINUX_MM_DEBUG_H
#define LINUX_MM_DEBUG_H

#include <linux/kernel.h>

struct page;

extern int refmm_debug_vm;

void dump_page(struct page *page, const char *reason);
void dump_page_badflags(struct page *page, const char *reason,
			unsigned long badflags);

#define VM_BUG_ON(cond)							\
	do {								\
		if (refmm_debug_vm && unlikely(cond))			\
			__bug(__FILE__, __LINE__, "VM_BUG_ON(" #cond ")"); \
	} while (0)

#define VM_BUG_ON_PAGE(cond, page)					\
	do {								\
		if (refmm_debug_vm && unlikely(cond)) {			\
			dump_page(page, "VM_BUG_ON_PAGE(" #cond ")");	\
			__bug(__FILE__, __LINE__, #cond);		\
		}							\
	} while (0)

#define VM_WARN_ON(cond)	(void)(refmm_debug_vm && WARN_ON(cond))

#endif /* LINUX_MM_DEBUG_H */
