/* SPDX-License-Identifier: GPL-2.0-only */
/* types.h - the kernel's basic types, as refmm's structures use them. */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/compiler.h>

typedef int8_t s8;
typedef uint8_t u8;
typedef int16_t s16;
typedef uint16_t u16;
typedef int32_t s32;
typedef uint32_t u32;
typedef int64_t s64;
typedef uint64_t u64;
typedef uint32_t __u32;
typedef int pid_t;		/* the same as glibc's */
typedef unsigned long long cputime_t;
/* loff_t and dev_t under their kernel-internal names: glibc has others. */
typedef long long __kernel_loff_t;
typedef u32 __kernel_dev_t;
typedef unsigned int fmode_t;
typedef unsigned short umode_t;
typedef struct { unsigned int val; } kuid_t;
typedef struct { unsigned int val; } kgid_t;

typedef unsigned int gfp_t;
typedef unsigned long pgoff_t;
typedef unsigned long long phys_addr_t;
typedef phys_addr_t resource_size_t;

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	long counter;
} atomic_long_t;

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
};
#define rcu_head callback_head

#define BITS_PER_LONG	64
#define BITS_PER_BYTE	8

#endif /* _LINUX_TYPES_H */
