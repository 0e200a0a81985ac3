/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * poison.h - magic values written into memory to catch misuse.
 *
 * SLAB's debug options (CONFIG_DEBUG_SLAB) use them: red zone words on
 * each side of an object say whether it is allocated, and the bytes of a
 * free object are POISON_FREE with POISON_END as the last one, so that a
 * write after free shows as a changed byte when the object is handed out
 * again.  The values are the kernel's, so a reader of a dump recognises
 * them.
 */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H

/* ...and for poisoning of the slab red zones */
#define	RED_INACTIVE	0x09F911029D74E35BULL	/* when obj is inactive */
#define	RED_ACTIVE	0xD84156C5635688C0ULL	/* when obj is active */

/* ...and for poisoning of the objects themselves */
#define POISON_INUSE	0x5a	/* for use-uninitialised poisoning */
#define POISON_FREE	0x6b	/* for use-after-free poisoning */
#define	POISON_END	0xa5	/* end-byte of poisoning */

#endif /* _LINUX_POISON_H */
