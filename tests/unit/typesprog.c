/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * typesprog.c - tricky C types whose own offsetof()/sizeof() is the oracle
 * for the DWARF layer, and initialised globals whose gdb "print" output is
 * the oracle for value printing.
 *
 *   typesprog --oracle   one line per fact:
 *     SIZE <type> <bytes>
 *     OFF <struct>.<path> <offset> <size>      (size 0 for a flexible array)
 *     BIT <struct>.<path> <bitpos> <bits>      (bitpos from the struct start)
 *     ENUM <name> <value>
 *     ADDR <var> <hex address>
 *   typesprog --vars     the names of the globals for the value printing test
 *
 * Built twice, with -gdwarf-5 (DW_AT_data_bit_offset) and -gdwarf-4
 * (DW_AT_bit_offset), both -no-pie.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define USED __attribute__((used))

struct list_head {
	struct list_head *next, *prev;
};

struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
};

typedef struct {
	int counter;
} atomic_t;

typedef unsigned long my_ulong;
typedef my_ulong my_ulong2;
typedef const my_ulong2 my_culong3;

enum neg_enum {
	NEG_MIN = -2147483647 - 1,
	NEG_FIVE = -5,
	NEG_ONE = -1,
	NEG_ZERO = 0,
	NEG_HUNDRED = 100,
	NEG_200 = 200,
	NEG_40000 = 40000,
	NEG_MAX = 0x7fffffff,
};

enum tp_unsigned_enum {
	UE_200 = 200,
	UE_255 = 255,
	UE_65535 = 65535,
	UE_BIG = 0x80000000u,
};

enum tp_flags {
	TPF_A = 1,
	TPF_B = 2,
	TPF_C = 4,
	TPF_D = 8,
};

enum tp_big {
	BIG_SMALL = 1,
	BIG_LARGE = 0xfffffffffULL,
};

enum zone_type { ZONE_DMA, ZONE_DMA32, ZONE_NORMAL, ZONE_MOVABLE, __MAX_NR_ZONES };

#define MAX_ORDER 11
#define MIGRATE_TYPES 5

struct tp_bits {
	unsigned int a : 3;
	int b : 5;
	unsigned long c : 40;
	unsigned int d : 20;
	unsigned char e;
	unsigned short f : 9;
	signed char g : 2;
	_Bool h : 1;
	long long i : 33;
	unsigned int : 0;
	unsigned int j : 7;
};

/* A Linux 4.0-like struct page with anonymous unions and structs. */
struct tp_page {
	unsigned long flags;
	union {
		void *mapping;
		void *s_mem;
	};
	struct {
		union {
			unsigned long index;
			void *freelist;
			bool pfmemalloc;
		};
		union {
			unsigned long counters;
			struct {
				union {
					atomic_t _mapcount;
					struct {
						unsigned inuse : 16;
						unsigned objects : 15;
						unsigned frozen : 1;
					};
					int units;
				};
				atomic_t _count;
			};
			unsigned int active;
		};
	};
	union {
		struct list_head lru;
		struct {
			struct tp_page *next;
			int pages;
			int pobjects;
		};
		struct callback_head callback_head;
	};
	union {
		unsigned long private;
		struct tp_cache *slab_cache;
		struct tp_page *first_page;
	};
};

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;
};

struct tp_zone {
	unsigned long watermark[3];
	long lowmem_reserve[4];
	const char *name;
	char short_name[16];
	struct free_area free_area[MAX_ORDER];
	int matrix[3][4][2];
	unsigned long pad __attribute__((aligned(64)));
	void (*fn)(int, char *);
	int (*ops[2])(void);
	const volatile unsigned long *cvp;
	char *const cp;
	my_culong3 culong;
	enum zone_type type;
	enum neg_enum neg;
};

typedef struct pglist_data {
	struct tp_zone node_zones[__MAX_NR_ZONES];
	int nr_zones;
	struct tp_page *node_mem_map;
	unsigned long node_start_pfn;
} pg_data_t;

struct tp_cache {
	const char *name;
	unsigned int size;
	unsigned int object_size;
	struct list_head list;
	struct tp_cache *self;
	struct tp_flex *flex;
};

struct tp_flex {
	unsigned int n;
	unsigned long items[];
};

union tp_union {
	int i;
	unsigned char bytes[8];
	struct {
		short lo, hi;
	} half;
};

typedef enum tp_big tp_big;
typedef union tp_union tp_union;

struct tp_empty {
};

/* array bounds that need one unsigned byte (128..255) or more */
struct tp_arrays {
	char c200[200];
	long l229[229];
	int i256[256];
	short s128[128];
	unsigned char m[3][255];
	int tail;
};

struct tp_point {
	int x, y;
};

/* ---- globals: .data (initialised) for gdb as oracle, .bss for addresses ---- */
USED pg_data_t contig_page_data;
USED struct tp_page tp_mem_map[4] = {
	[1] = { .flags = 0x4000, .index = 7, .inuse = 3, .objects = 12, .frozen = 1,
		.private = 42 },
	[2] = { .flags = 1, .lru = { &tp_mem_map[2].lru, &tp_mem_map[2].lru } },
};
USED unsigned long max_pfn = 262144;
USED long neg_long = -42;
USED int nr_online_nodes = 1;
USED char tp_banner[32] = "Linux version 4.0.0-refmm";
USED char tp_zeros[16];
USED char tp_short[6] = "abc";
USED char tp_full[4] = { 'w', 'x', 'y', 'z' };
USED char tp_escape[12] = "a\tb\"c\\\n\001\377";
USED char tp_repeat[40] = "xxxxxxxxxxxxxxxxxxxxyz";
USED const char *tp_rodata_ptr = "string in .rodata";
USED char *tp_null_ptr;
USED int tp_ints[20] = { 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 7, 7, 7 };
USED int tp_ints2[3][2] = { { 1, 2 }, { 3, 4 }, { 5, 6 } };
USED long tp_same[12] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };
USED unsigned char tp_uchar = 200;
USED signed char tp_schar = -3;
USED char tp_char = 'A';
USED bool tp_true = true;
USED bool tp_bools[3] = { true, false, true };
USED short tp_short_int = -1234;
USED unsigned short tp_ushort = 65535;
USED long long tp_llong = -9000000000LL;
USED unsigned long long tp_ullong = 18000000000000000000ULL;
USED double tp_double = 1.5;
USED float tp_float = 0.25f;
USED enum neg_enum tp_neg = NEG_FIVE;
USED enum neg_enum tp_neg200 = NEG_200;
USED enum tp_unsigned_enum tp_ue = UE_BIG;
USED enum neg_enum tp_neg_unknown = (enum neg_enum)7;
USED enum tp_flags tp_flagv = TPF_A | TPF_C;
USED enum tp_flags tp_flag_unknown = (enum tp_flags)(TPF_B | 0x10);
USED enum tp_flags tp_flag_zero = (enum tp_flags)0;
USED enum zone_type tp_zone_type = ZONE_NORMAL;
USED struct tp_bits tp_bitsv = { .a = 5, .b = -7, .c = 0x123456789aULL, .d = 0xabcde, .e = 0x42,
				 .f = 0x1ff, .g = -1, .h = 1, .i = -4294967296LL, .j = 99 };
USED struct tp_cache tp_kmalloc_64 = { .name = "kmalloc-64", .size = 64, .object_size = 64,
				       .list = { &tp_kmalloc_64.list, &tp_kmalloc_64.list },
				       .self = &tp_kmalloc_64 };
USED struct tp_cache *tp_cache_ptr = &tp_kmalloc_64;
USED struct tp_point tp_points[3] = { { 1, 2 }, { 3, 4 }, { 0, 0 } };
USED struct tp_point tp_points_zero[12];
USED struct tp_arrays tp_arraysv;
typedef unsigned char tp_u8;
typedef char tp_mychar;
typedef char *tp_string;
USED tp_u8 *tp_u8_ptr = (tp_u8 *)"abc";
USED tp_u8 tp_u8_arr[4] = "xyz";
USED tp_mychar *tp_mychar_ptr = "def";
USED const char *const tp_cc_ptr = "ghi";
USED signed char tp_schar_arr[3] = "ab";
USED unsigned char *tp_uchar_ptr = (unsigned char *)"jkl";
USED tp_string tp_string_v = "mno";
/* more than gdb's 200 print elements */
#define R10(n) n, n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7, n + 8, n + 9
#define R100(n) R10(n), R10(n + 10), R10(n + 20), R10(n + 30), R10(n + 40), R10(n + 50), R10(n + 60), \
	R10(n + 70), R10(n + 80), R10(n + 90)
USED int tp_big_array[300] = { R100(0), R100(100), R100(200) };
#define S10 "abcdefghij"
#define S100 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10
USED char tp_long_str[301] = S100 S100 S100;
USED const char *tp_long_ptr = S100 S100 S100;
USED long tp_mixed[230] = { [0 ... 14] = 7, [15 ... 229] = 1 };
/* per-cpu offsets as x86-64 keeps them: "struct tp_point tp_points:a" walks tp_points[] */
USED unsigned long __per_cpu_offset[4] = { 0, 8, 16, 24 };
/* the CPUs of "struct NAME ADDR:a" (three of the four offsets) */
USED unsigned int nr_cpu_ids = 3;
USED union tp_union tp_unionv = { .bytes = { 1, 2, 3, 4, 5, 6, 7, 8 } };
USED struct tp_empty tp_emptyv;
USED struct tp_zerolen {
	int n;
	char x[0];
	int y[0];
	long z;
} tp_zerolenv = { 5, {}, {}, 0x4142434445 };
USED my_ulong2 tp_typedefd = 12345;
USED my_culong3 tp_const_typedefd = 54321;
USED atomic_t tp_atomic = { -1 };
USED struct list_head tp_list = { &tp_list, &tp_list };
USED int *tp_int_ptr = &tp_ints[3];
USED void *tp_void_ptr = (char *)&max_pfn + 2;
USED void (*tp_fn_ptr)(void);
USED int (*tp_array_ptr)[2] = tp_ints2;
USED static unsigned long tp_static_counter = 0xdeadbeef;
extern int tp_declared_then_defined;
USED int tp_declared_then_defined = 77;
USED struct tp_zone tp_zone0 = {
	.watermark = { 1, 2, 3 }, .lowmem_reserve = { 0, -1, 256, 0 }, .name = "Normal",
	.short_name = "DMA32", .matrix = { [1] = { [2] = { 9, 8 } } }, .pad = 77,
	.ops = { 0, 0 }, .cvp = &max_pfn, .culong = 3, .type = ZONE_MOVABLE, .neg = NEG_MIN,
};

USED void tp_function(void)
{
}

USED int tp_function2(int a, char **b, ...)
{
	(void)b;
	return a;
}

/* ---------------- offsetof oracle ---------------- */
#define SIZE(T) printf("SIZE %s %zu\n", #T, sizeof(T))
#define OFF(S, M) printf("OFF %s.%s %zu %zu\n", #S, #M, offsetof(struct S, M), sizeof(((struct S *)0)->M))
#define OFFT(T, M) printf("OFF %s.%s %zu %zu\n", #T, #M, offsetof(T, M), sizeof(((T *)0)->M))
#define OFF0(S, M) printf("OFF %s.%s %zu 0\n", #S, #M, offsetof(struct S, M))
#define BIT(S, M)                                                                       \
	do {                                                                            \
		struct S x_;                                                            \
		memset(&x_, 0, sizeof(x_));                                             \
		x_.M = -1;                                                              \
		int first_ = -1, n_ = 0;                                                \
		unsigned char *b_ = (unsigned char *)&x_;                               \
		for (size_t i_ = 0; i_ < sizeof(x_) * 8; i_++)                          \
			if (b_[i_ / 8] >> (i_ % 8) & 1) {                               \
				if (first_ < 0)                                         \
					first_ = (int)i_;                               \
				n_++;                                                   \
			}                                                               \
		printf("BIT %s.%s %d %d\n", #S, #M, first_, n_);                        \
	} while (0)
#define ENUMV(E) printf("ENUM %s %lld\n", #E, (long long)(E))
#define ADDR(V) printf("ADDR %s %p\n", #V, (void *)&(V))

static void print_oracle(void)
{
	SIZE(struct list_head); SIZE(struct tp_page); SIZE(struct free_area); SIZE(struct tp_zone);
	SIZE(struct pglist_data); SIZE(pg_data_t); SIZE(struct tp_bits); SIZE(struct tp_cache);
	SIZE(struct tp_flex); SIZE(union tp_union); SIZE(tp_union); SIZE(struct tp_empty);
	SIZE(atomic_t); SIZE(my_ulong); SIZE(my_ulong2); SIZE(my_culong3); SIZE(enum neg_enum);
	SIZE(enum tp_big); SIZE(tp_big); SIZE(unsigned long); SIZE(unsigned char); SIZE(short);
	SIZE(long long); SIZE(struct tp_page *); SIZE(char [16]); SIZE(int [3][4]);

	OFF(tp_page, flags); OFF(tp_page, mapping); OFF(tp_page, s_mem); OFF(tp_page, index);
	OFF(tp_page, freelist); OFF(tp_page, pfmemalloc); OFF(tp_page, counters);
	OFF(tp_page, _mapcount); OFF(tp_page, _mapcount.counter); OFF(tp_page, units);
	OFF(tp_page, _count); OFF(tp_page, _count.counter); OFF(tp_page, active);
	OFF(tp_page, lru); OFF(tp_page, lru.next); OFF(tp_page, lru.prev); OFF(tp_page, next);
	OFF(tp_page, pages); OFF(tp_page, pobjects); OFF(tp_page, callback_head);
	OFF(tp_page, callback_head.func); OFF(tp_page, private); OFF(tp_page, slab_cache);
	OFF(tp_page, first_page);
	BIT(tp_page, inuse); BIT(tp_page, objects); BIT(tp_page, frozen);

	OFF(free_area, free_list); OFF(free_area, free_list[4]); OFF(free_area, free_list[4].prev);
	OFF(free_area, nr_free);
	OFF(tp_zone, watermark); OFF(tp_zone, watermark[2]); OFF(tp_zone, lowmem_reserve[3]);
	OFF(tp_zone, name); OFF(tp_zone, short_name); OFF(tp_zone, free_area); OFF(tp_zone, free_area[3]);
	OFF(tp_zone, free_area[3].free_list[1]); OFF(tp_zone, free_area[10].free_list[4].prev);
	OFF(tp_zone, free_area[10].nr_free); OFF(tp_zone, matrix); OFF(tp_zone, matrix[2]);
	OFF(tp_zone, matrix[2][3]); OFF(tp_zone, matrix[1][2][1]); OFF(tp_zone, pad); OFF(tp_zone, fn);
	OFF(tp_zone, ops); OFF(tp_zone, ops[1]); OFF(tp_zone, cvp); OFF(tp_zone, cp); OFF(tp_zone, culong);
	OFF(tp_zone, type); OFF(tp_zone, neg);
	OFF(pglist_data, node_zones); OFF(pglist_data, node_zones[2]);
	OFF(pglist_data, node_zones[2].free_area[3].free_list[1]);
	OFF(pglist_data, node_zones[3].free_area[10].nr_free); OFF(pglist_data, nr_zones);
	OFF(pglist_data, node_mem_map); OFF(pglist_data, node_start_pfn);
	OFFT(pg_data_t, node_zones[1].name); OFFT(pg_data_t, node_start_pfn);
	OFF(tp_cache, name); OFF(tp_cache, size); OFF(tp_cache, list.prev); OFF(tp_cache, flex);
	OFF(tp_flex, n); OFF0(tp_flex, items);
	OFFT(tp_union, i); OFFT(tp_union, bytes[5]); OFFT(tp_union, half); OFFT(tp_union, half.hi);
	SIZE(struct tp_arrays); OFF(tp_arrays, l229); OFF(tp_arrays, l229[228]); OFF(tp_arrays, i256);
	OFF(tp_arrays, s128); OFF(tp_arrays, m[2]); OFF(tp_arrays, m[2][254]); OFF(tp_arrays, tail);

	BIT(tp_bits, a); BIT(tp_bits, b); BIT(tp_bits, c); BIT(tp_bits, d); OFF(tp_bits, e);
	BIT(tp_bits, f); BIT(tp_bits, g); BIT(tp_bits, h); BIT(tp_bits, i); BIT(tp_bits, j);

	ENUMV(NEG_200); ENUMV(NEG_40000); ENUMV(NEG_MAX); ENUMV(UE_200); ENUMV(UE_255); ENUMV(UE_65535);
	ENUMV(UE_BIG);
	ENUMV(NEG_MIN); ENUMV(NEG_FIVE); ENUMV(NEG_ONE); ENUMV(NEG_ZERO); ENUMV(NEG_HUNDRED);
	ENUMV(TPF_A); ENUMV(TPF_D); ENUMV(BIG_SMALL); ENUMV(BIG_LARGE); ENUMV(ZONE_DMA);
	ENUMV(ZONE_MOVABLE); ENUMV(__MAX_NR_ZONES);

	ADDR(contig_page_data); ADDR(tp_mem_map); ADDR(max_pfn); ADDR(neg_long); ADDR(tp_banner);
	ADDR(tp_rodata_ptr); ADDR(tp_bitsv); ADDR(tp_kmalloc_64); ADDR(tp_static_counter);
	ADDR(tp_declared_then_defined); ADDR(tp_zone0); ADDR(tp_points_zero); ADDR(tp_fn_ptr);
}

/* The globals whose printed values the value test compares with gdb's. */
static const char *const value_vars[] = {
	"max_pfn", "neg_long", "nr_online_nodes", "tp_banner", "tp_zeros", "tp_short",
	"tp_full", "tp_escape", "tp_repeat", "tp_rodata_ptr", "tp_null_ptr", "tp_ints",
	"tp_ints2", "tp_same", "tp_uchar", "tp_schar", "tp_char", "tp_true", "tp_bools",
	"tp_short_int", "tp_ushort", "tp_llong", "tp_ullong", "tp_double", "tp_float",
	"tp_neg", "tp_neg_unknown", "tp_flagv", "tp_flag_unknown", "tp_flag_zero",
	"tp_zone_type", "tp_bitsv", "tp_kmalloc_64", "tp_cache_ptr", "tp_points",
	"tp_points_zero", "tp_unionv", "tp_emptyv", "tp_typedefd", "tp_const_typedefd",
	"tp_atomic", "tp_list", "tp_int_ptr", "tp_void_ptr", "tp_fn_ptr", "tp_array_ptr",
	"tp_static_counter", "tp_declared_then_defined", "tp_mem_map", "tp_zone0", "tp_zerolenv", "tp_big_array", "tp_long_str", "tp_long_ptr", "tp_mixed", "tp_neg200", "tp_ue", "tp_u8_ptr", "tp_u8_arr", "tp_mychar_ptr", "tp_cc_ptr",
	"tp_schar_arr", "tp_uchar_ptr", "tp_string_v", NULL,
};

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--oracle")) {
		print_oracle();
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--vars")) {
		for (int i = 0; value_vars[i]; i++)
			puts(value_vars[i]);
		return 0;
	}
	fprintf(stderr, "usage: %s --oracle | --vars\n", argv[0]);
	return 2;
}
