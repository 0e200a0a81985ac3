/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compiler.h - attributes refmm's kernel code relies on.
 *
 * __kdata places a global in the "kernel image": the ELF section kdata,
 * linked at __START_KERNEL_map and aliased into simulated RAM at boot, so
 * that a dump holds it and the executable's symbol table names it.  Every
 * variable a dump reader may look up by name must carry it.  The section
 * has no leading dot so that the linker provides __start_kdata and
 * __stop_kdata.
 */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define __kdata		__attribute__((section("kdata")))
#define __kdata_page_aligned \
	__attribute__((section("kdata"), aligned(4096)))

/* Markers kept for the reader; the simulation has no init sections. */
#define __init
#define __initdata
#define __meminit
#define __meminitdata
#define __read_mostly
#define __percpu
#define __force
#define __rcu

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#ifndef __always_inline	/* glibc's sys/cdefs.h has one */
#define __always_inline	inline __attribute__((always_inline))
#endif
#define noinline	__attribute__((noinline))
#define __aligned(x)	__attribute__((aligned(x)))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __maybe_unused	__attribute__((unused))
#define barrier()	__asm__ __volatile__("" ::: "memory")
#define smp_wmb()	barrier()
#define smp_rmb()	barrier()
#define smp_mb()	barrier()

#define READ_ONCE(x)	(*(volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define ACCESS_ONCE(x)	READ_ONCE(x)

#endif /* _LINUX_COMPILER_H */
