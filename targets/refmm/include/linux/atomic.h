/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * atomic.h - atomic_t without atomicity: refmm runs one thread, so plain
 * arithmetic has the kernel's semantics.  The names keep the code readable
 * as the kernel's.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>

#define ATOMIC_INIT(i)	{ (i) }

static inline int atomic_read(const atomic_t *v) { return v->counter; }
static inline void atomic_set(atomic_t *v, int i) { v->counter = i; }
static inline void atomic_inc(atomic_t *v) { v->counter++; }
static inline void atomic_dec(atomic_t *v) { v->counter--; }
static inline void atomic_add(int i, atomic_t *v) { v->counter += i; }
static inline void atomic_sub(int i, atomic_t *v) { v->counter -= i; }
static inline int atomic_inc_return(atomic_t *v) { return ++v->counter; }
static inline int atomic_dec_return(atomic_t *v) { return --v->counter; }
static inline bool atomic_dec_and_test(atomic_t *v) { return --v->counter == 0; }
static inline bool atomic_inc_and_test(atomic_t *v) { return ++v->counter == 0; }
static inline bool atomic_add_negative(int i, atomic_t *v)
{
	return (v->counter += i) < 0;
}

static inline long atomic_long_read(const atomic_long_t *v) { return v->counter; }
static inline void atomic_long_set(atomic_long_t *v, long i) { v->counter = i; }
static inline void atomic_long_add(long i, atomic_long_t *v) { v->counter += i; }
static inline void atomic_long_sub(long i, atomic_long_t *v) { v->counter -= i; }
static inline void atomic_long_inc(atomic_long_t *v) { v->counter++; }
static inline void atomic_long_dec(atomic_long_t *v) { v->counter--; }
static inline bool atomic_long_dec_and_test(atomic_long_t *v)
{
	return --v->counter == 0;
}

#endif /* _LINUX_ATOMIC_H */
