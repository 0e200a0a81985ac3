/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_refmm_printk.c - the kernel log buffer's records, byte by byte.
 *
 * The oracle is 4.0's record format as crash and makedumpfile read it
 * (kernel/printk/printk.c): a 16-byte header -- u64 ts_nsec, u16 len,
 * u16 text_len, u16 dict_len, u8 facility, then one byte holding
 * flags:5 in its low bits and level:3 in its high bits -- followed by the
 * text without its newline, and zero padding to a multiple of 4; a header
 * with len 0 marks the wrap to the start of the buffer.  The tests read
 * the raw bytes of log_buf with a walker of their own and compare them
 * with what was printed, computed by hand.
 *
 * One boot with tasks (the clock runs, so timestamps move); the log then
 * holds the boot's messages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <refmm/machine.h>
#include <linux/jiffies.h>
#include <linux/printk.h>

/* log_buf itself: the first record's address when the log began at 0 */
static const unsigned char *log_base;

static int first_record(u64 seq, const struct printk_log *msg,
			const char *text, void *arg)
{
	(void)seq;
	(void)text;
	*(const struct printk_log **)arg = msg;
	return 1;
}

static int group_setup(void **state)
{
	struct refmm_config cfg;
	const struct printk_log *first = NULL;
	u64 fs, ns;
	u32 fi, ni;

	(void)state;
	console_loglevel = 0;
	refmm_default_config(&cfg);
	cfg.boot_tasks = 1;
	if (refmm_boot(&cfg))
		return -1;
	refmm_log_bounds(&fs, &ns, &fi, &ni);
	if (fs != 0 || fi != 0 || ns == 0)
		return -1;	/* the boot's log must not have wrapped */
	refmm_log_walk(first_record, &first);
	log_base = (const unsigned char *)first;
	return 0;
}

/* ---- a raw record, decoded by hand ---- */

struct raw {
	uint64_t ts;
	unsigned int len, text_len, dict_len, facility, flags, level;
	const char *text;
};

static void raw_at(uint32_t idx, struct raw *r)
{
	const unsigned char *p = log_base + idx;

	memcpy(&r->ts, p, 8);
	r->len = (unsigned int)(p[8] | p[9] << 8);
	r->text_len = (unsigned int)(p[10] | p[11] << 8);
	r->dict_len = (unsigned int)(p[12] | p[13] << 8);
	r->facility = p[14];
	r->flags = p[15] & 0x1f;
	r->level = p[15] >> 5;
	r->text = (const char *)p + 16;
}

static unsigned int record_size(unsigned int text_len)
{
	return (16 + text_len + 3) & ~3u;
}

/* The record printk just stored: at the old log_next_idx. */
static uint32_t next_idx(void)
{
	u64 fs, ns;
	u32 fi, ni;

	refmm_log_bounds(&fs, &ns, &fi, &ni);
	return ni;
}

static u64 next_seq(void)
{
	u64 fs, ns;
	u32 fi, ni;

	refmm_log_bounds(&fs, &ns, &fi, &ni);
	return ns;
}

static void assert_text(const struct raw *r, const char *want)
{
	assert_int_equal(r->text_len, strlen(want));
	if (memcmp(r->text, want, r->text_len))
		fail_msg("record text \"%.*s\", want \"%s\"", (int)r->text_len,
			 r->text, want);
}

/* ---- tests ---- */

static void test_header_layout(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct printk_log), 16);
	assert_int_equal(offsetof(struct printk_log, ts_nsec), 0);
	assert_int_equal(offsetof(struct printk_log, len), 8);
	assert_int_equal(offsetof(struct printk_log, text_len), 10);
	assert_int_equal(offsetof(struct printk_log, dict_len), 12);
	assert_int_equal(offsetof(struct printk_log, facility), 14);
}

/* A leveled line: LOG_PREFIX|LOG_NEWLINE, its level, 4-aligned length. */
static void test_one_record(void **state)
{
	uint32_t idx = next_idx();
	u64 seq = next_seq();
	struct raw r;
	unsigned int i;

	(void)state;
	printk(KERN_ERR "refmm test %d: %s\n", 42, "abc");
	assert_int_equal(next_seq(), seq + 1);
	raw_at(idx, &r);
	assert_text(&r, "refmm test 42: abc");
	assert_int_equal(r.len, record_size(18));	/* 16 + 18 -> 36 */
	assert_int_equal(r.len, 36);
	assert_int_equal(r.dict_len, 0);
	assert_int_equal(r.facility, 0);
	assert_int_equal(r.level, 3);
	assert_int_equal(r.flags, 2 | 4);		/* LOG_NEWLINE|LOG_PREFIX */
	for (i = 16 + r.text_len; i < r.len; i++)	/* the padding */
		assert_int_equal(log_base[idx + i], 0);
	assert_int_equal(next_idx(), idx + r.len);
	assert_true(r.ts > 0);
}

/* No prefix: default_message_loglevel (4), no LOG_PREFIX. */
static void test_default_level(void **state)
{
	uint32_t idx = next_idx();
	struct raw r;

	(void)state;
	printk("plain\n");
	raw_at(idx, &r);
	assert_text(&r, "plain");
	assert_int_equal(r.level, 4);
	assert_int_equal(r.flags, 2);
	assert_int_equal(r.len, 24);			/* 16 + 5 -> 24 */
}

/* Pieces without a newline wait in cont and become one record. */
static void test_continuation(void **state)
{
	uint32_t idx = next_idx();
	u64 seq = next_seq();
	struct raw r;

	(void)state;
	printk(KERN_INFO "Node 0 ");
	printk(KERN_CONT "DMA32: ");
	assert_int_equal(next_seq(), seq);	/* nothing stored yet */
	printk(KERN_CONT "%d*4kB\n", 7);
	assert_int_equal(next_seq(), seq + 1);
	raw_at(idx, &r);
	assert_text(&r, "Node 0 DMA32: 7*4kB");
	assert_int_equal(r.level, 6);
	assert_int_equal(r.flags, 2);	/* cont records: LOG_NEWLINE only */
}

/* A leveled message ends an unterminated line: two records. */
static void test_prefix_breaks_cont(void **state)
{
	uint32_t idx = next_idx();
	u64 seq = next_seq();
	struct raw a, b;

	(void)state;
	printk(KERN_WARNING "half a line");
	printk(KERN_NOTICE "next\n");
	assert_int_equal(next_seq(), seq + 2);
	raw_at(idx, &a);
	assert_text(&a, "half a line");
	assert_int_equal(a.level, 4);
	raw_at(idx + a.len, &b);
	assert_text(&b, "next");
	assert_int_equal(b.level, 5);
	assert_true(b.ts > a.ts);
}

/* Embedded newlines stay in one record; only the last one is stripped. */
static void test_embedded_newline(void **state)
{
	uint32_t idx = next_idx();
	struct raw r;

	(void)state;
	printk(KERN_INFO "line one\nline two\n");
	raw_at(idx, &r);
	assert_text(&r, "line one\nline two");
	assert_int_equal(r.len, record_size(17));
}

/* Timestamps follow jiffies (4 ms a tick at HZ 250) and never go back. */
static void test_timestamps(void **state)
{
	uint32_t idx;
	struct raw a, b;

	(void)state;
	idx = next_idx();
	printk(KERN_INFO "before\n");
	raw_at(idx, &a);
	refmm_advance_jiffies(250);		/* one second */
	idx = next_idx();
	printk(KERN_INFO "after\n");
	raw_at(idx, &b);
	/* never behind the tick: jiffies since boot at 4 ms each */
	assert_true(b.ts >= (uint64_t)(jiffies - INITIAL_JIFFIES) * 4000000ULL);
	assert_true(b.ts >= a.ts + 1000 && a.ts > 0);
	assert_true(b.ts % 1000 == 0);		/* whole microseconds */
	refmm_advance_jiffies(250);
	idx = next_idx();
	printk(KERN_INFO "later\n");
	raw_at(idx, &a);
	assert_true(a.ts >= (uint64_t)(jiffies - INITIAL_JIFFIES) * 4000000ULL);
	assert_true(a.ts >= b.ts + 1000);
}

/*
 * Fill the 256 KiB ring several times over: the walk from log_first_idx
 * follows len, jumps to 0 at a zero len, reaches log_next_idx after
 * next_seq - first_seq records, and each record holds the text printed
 * with its sequence number; printk's own copies agree.
 */
static void test_wrap(void **state)
{
	u64 fs, ns, seq0 = next_seq(), s;
	u32 fi, ni, idx;
	unsigned long n = 0, wraps = 0;
	const struct refmm_log_copy *copies;
	size_t nr;
	char want[128];
	uint64_t last_ts = 0;

	(void)state;
	for (s = 0; s < 20000; s++)
		printk(KERN_INFO "wrap test record %llu of 20000 %s\n",
		       (unsigned long long)(seq0 + s),
		       s % 3 ? "x" : "a longer tail to vary sizes");
	refmm_log_bounds(&fs, &ns, &fi, &ni);
	assert_int_equal(ns, seq0 + 20000);
	assert_true(fs > 0);			/* old records were dropped */
	assert_true(ns - fs > 1000);		/* and many remain */
	assert_int_equal(refmm_log_buf_len(), 1u << 18);

	idx = fi;
	for (s = fs; s < ns; s++) {
		struct raw r;

		raw_at(idx, &r);
		if (r.len == 0) {		/* the end-of-buffer marker */
			wraps++;
			idx = 0;
			raw_at(idx, &r);
		}
		assert_true(r.len >= 16 && r.len % 4 == 0);
		assert_int_equal(r.len, record_size(r.text_len));
		assert_true(idx + r.len <= refmm_log_buf_len());
		assert_true(r.ts > last_ts);
		last_ts = r.ts;
		if (s >= seq0) {
			snprintf(want, sizeof(want), "wrap test record %llu of 20000 %s",
				 (unsigned long long)s,
				 (s - seq0) % 3 ? "x" : "a longer tail to vary sizes");
			assert_text(&r, want);
		}
		idx += r.len;
		n++;
	}
	assert_int_equal(idx, ni);
	assert_int_equal(n, ns - fs);
	assert_true(wraps >= 1);

	copies = refmm_log_copies(&nr);
	assert_int_equal(nr, ns - fs);
	assert_int_equal(copies[0].seq, fs);
	assert_int_equal(copies[nr - 1].seq, ns - 1);
	snprintf(want, sizeof(want), "wrap test record %llu of 20000 x",
		 (unsigned long long)(ns - 1));
	assert_string_equal(copies[nr - 1].text, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_layout),
		cmocka_unit_test(test_one_record),
		cmocka_unit_test(test_default_level),
		cmocka_unit_test(test_continuation),
		cmocka_unit_test(test_prefix_breaks_cont),
		cmocka_unit_test(test_embedded_newline),
		cmocka_unit_test(test_timestamps),
		cmocka_unit_test(test_wrap),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
