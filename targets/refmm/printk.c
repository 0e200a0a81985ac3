// SPDX-License-Identifier: GPL-2.0-only
/*
 * printk.c - the kernel log buffer (kernel/printk/printk.c, Linux 4.0).
 *
 * Every message is stored as a record in log_buf, a ring of
 * struct printk_log headers, each followed by the message text, the
 * (empty, in refmm) dictionary and padding to LOG_ALIGN:
 *
 *   log_buf + log_first_idx -> [hdr|text|pad][hdr|text|pad] ... <- log_next_idx
 *
 * log_first_idx/log_first_seq name the oldest record still in the
 * buffer, log_next_idx/log_next_seq where the next one goes.  A record
 * that does not fit at the end of the buffer goes to its start, and a
 * header with len == 0 at the old end marks the wrap; the oldest records
 * are dropped to make room.  This is what crash's "log" walks: from
 * log_first_idx, following len, wrapping at a zero len, to log_next_idx.
 *
 * A message without a trailing newline waits in the continuation buffer
 * (cont) until its line is complete; a KERN_CONT piece of the same task
 * is appended to it, and the whole line becomes one record.  Records keep
 * the level of the message's KERN_* prefix (default_message_loglevel
 * without one), LOG_NEWLINE when the line ended with a newline, and
 * LOG_PREFIX when the message had a level prefix.
 *
 * Timestamps come from local_clock(): the simulated clock of sched.c, so
 * a log is the same on every run of a scenario.
 *
 * The console: each stored record also goes to refmm_printk_hook (all
 * levels) and to stderr when its level is below console_loglevel.  The
 * kernel's console drivers may print the pieces of a continuation line as
 * they come (cont.cons, LOG_NOCONS); refmm's console only ever sees whole
 * records, so that path is not here.
 *
 * Locking: logbuf_lock in the kernel; single-threaded here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <refmm/crash_core.h>
#include <refmm/machine.h>

int console_printk[4] __kdata = {
	CONSOLE_LOGLEVEL_REFMM,		/* console_loglevel */
	LOGLEVEL_DEFAULT,		/* default_message_loglevel */
	1,				/* minimum_console_loglevel */
	CONSOLE_LOGLEVEL_DEFAULT,	/* default_console_loglevel */
};

/* A host function pointer: deliberately outside the image. */
refmm_printk_hook_t refmm_printk_hook;

/* record buffer */
#define __LOG_BUF_LEN	(1 << CONFIG_LOG_BUF_SHIFT)
static char __log_buf[__LOG_BUF_LEN] __kdata __aligned(LOG_ALIGN);
static char *log_buf __kdata = __log_buf;
static u32 log_buf_len __kdata = __LOG_BUF_LEN;

/* index and sequence number of the first record stored in the buffer */
static u64 log_first_seq __kdata;
static u32 log_first_idx __kdata;

/* index and sequence number of the next record to store in the buffer */
static u64 log_next_seq __kdata;
static u32 log_next_idx __kdata;

/* the next printk record to write to the console */
static u64 console_seq __kdata;
static u32 console_idx __kdata;

#define PREFIX_MAX		32
#define LOG_LINE_MAX		(1024 - PREFIX_MAX)

/*
 * The continuation buffer: a line printed in pieces becomes one record
 * when it is complete (or when another message forces it out).  The
 * kernel's consoles see the pieces at once, so that a crash loses none.
 */
static struct cont {
	char buf[LOG_LINE_MAX];
	size_t len;			/* length == 0 means unused buffer */
	size_t cons;			/* bytes written to console */
	struct task_struct *owner;	/* task of first print*/
	u64 ts_nsec;			/* time of first print */
	u8 level;			/* log level of first message */
	u8 facility;			/* log facility of first message */
	enum log_flags flags;		/* prefix, newline flags */
	bool flushed:1;			/* buffer sealed and committed */
} cont __kdata;

/* human readable text of the record */
static char *log_text(const struct printk_log *msg)
{
	return (char *)msg + sizeof(struct printk_log);
}

/* optional key/value pair dictionary attached to the record */
static char *log_dict(const struct printk_log *msg)
{
	return (char *)msg + sizeof(struct printk_log) + msg->text_len;
}

/* get record by index; idx must point to valid msg */
static struct printk_log *log_from_idx(u32 idx)
{
	struct printk_log *msg = (struct printk_log *)(log_buf + idx);

	/*
	 * a zero length marks the end of the used buffer: the record is at
	 * the start
	 */
	if (!msg->len)
		return (struct printk_log *)log_buf;
	return msg;
}

/* get next record; idx must point to valid msg */
static u32 log_next(u32 idx)
{
	struct printk_log *msg = (struct printk_log *)(log_buf + idx);

	/*
	 * at the zero-length end marker the record is the one at the start
	 * of the buffer, and the next one follows it
	 */
	if (!msg->len) {
		msg = (struct printk_log *)log_buf;
		return msg->len;
	}
	return idx + msg->len;
}

/*
 * logbuf_has_space - does a record of @msg_size fit?  first_idx ==
 * next_idx means empty or full; when empty, the indexes stay where they
 * are (they are never reset to 0).
 */
static int logbuf_has_space(u32 msg_size, bool empty)
{
	u32 free;

	if (log_next_idx > log_first_idx || empty)
		free = max(log_buf_len - log_next_idx, log_first_idx);
	else
		free = log_first_idx - log_next_idx;

	/* room for the record and for a wrap marker after it */
	return free >= msg_size + sizeof(struct printk_log);
}

static int log_make_free_space(u32 msg_size)
{
	while (log_first_seq < log_next_seq) {
		if (logbuf_has_space(msg_size, false))
			return 0;
		/* drop old messages until we have enough contiguous space */
		log_first_idx = log_next(log_first_idx);
		log_first_seq++;
	}

	/* sequence numbers are equal, so the log buffer is empty */
	if (logbuf_has_space(msg_size, true))
		return 0;

	return -ENOMEM;
}

/* compute the message size including the padding bytes */
static u32 msg_used_size(u16 text_len, u16 dict_len, u32 *pad_len)
{
	u32 size;

	size = sizeof(struct printk_log) + text_len + dict_len;
	*pad_len = (-size) & (LOG_ALIGN - 1);
	size += *pad_len;

	return size;
}

/* A record may take at most a quarter of the buffer. */
#define MAX_LOG_TAKE_PART 4
static const char trunc_msg[] = "<truncated>";

static u32 truncate_msg(u16 *text_len, u16 *trunc_msg_len,
			u16 *dict_len, u32 *pad_len)
{
	/*
	 * too long a message would push everything else out at once:
	 * cut it to a quarter of the buffer
	 */
	u32 max_text_len = log_buf_len / MAX_LOG_TAKE_PART;

	if (*text_len > max_text_len)
		*text_len = max_text_len;
	/* enable the warning message */
	*trunc_msg_len = strlen(trunc_msg);
	/* disable the "dict" completely */
	*dict_len = 0;
	/* compute the size again, count also the warning message */
	return msg_used_size(*text_len + *trunc_msg_len, 0, pad_len);
}

/*
 * refmm: the host-side copy of each record, taken as it is stored (see
 * refmm_log_copies() in <linux/printk.h>).  Copies older than
 * log_first_seq are dropped when the array is compacted.
 */
static struct refmm_log_copy *log_copies;
static size_t log_copies_nr, log_copies_cap;

static void log_copy_compact(void)
{
	size_t i = 0, keep;

	while (i < log_copies_nr && log_copies[i].seq < log_first_seq)
		free(log_copies[i++].text);
	keep = log_copies_nr - i;
	if (i && keep)
		memmove(log_copies, log_copies + i, keep * sizeof(*log_copies));
	log_copies_nr = keep;
}

static void log_copy_add(u64 seq, u64 ts_nsec, int level, const char *text,
			 size_t len)
{
	struct refmm_log_copy *c;

	if (log_copies_nr == log_copies_cap) {
		log_copy_compact();
		if (log_copies_nr == log_copies_cap) {
			size_t cap = log_copies_cap ? 2 * log_copies_cap : 1024;

			c = realloc(log_copies, cap * sizeof(*c));
			if (!c)
				return;	/* the truth then lacks it: a mismatch */
			log_copies = c;
			log_copies_cap = cap;
		}
	}
	c = &log_copies[log_copies_nr];
	c->text = malloc(len + 1);
	if (!c->text)
		return;
	memcpy(c->text, text, len);
	c->text[len] = '\0';
	c->len = len;
	c->seq = seq;
	c->ts_nsec = ts_nsec;
	c->level = level;
	log_copies_nr++;
}

const struct refmm_log_copy *refmm_log_copies(size_t *nr)
{
	log_copy_compact();
	*nr = log_copies_nr;
	return log_copies;
}

/* What the console does with a stored record: refmm's hook and stderr. */
static void call_console_drivers(const struct printk_log *msg)
{
	char line[LOG_LINE_MAX + 2];
	size_t n = msg->text_len;

	if (n > LOG_LINE_MAX)
		n = LOG_LINE_MAX;
	memcpy(line, log_text(msg), n);
	if (msg->flags & LOG_NEWLINE)
		line[n++] = '\n';
	line[n] = '\0';
	if (refmm_printk_hook)
		refmm_printk_hook(msg->level, line);
	if (msg->level < console_loglevel) {
		fputs(line, stderr);
		fflush(stderr);
	}
	console_seq = log_next_seq;
	console_idx = log_next_idx;
}

/* insert record into the buffer, discard old ones, update heads */
static int log_store(int facility, int level,
		     enum log_flags flags, u64 ts_nsec,
		     const char *dict, u16 dict_len,
		     const char *text, u16 text_len)
{
	struct printk_log *msg;
	u32 size, pad_len;
	u16 trunc_msg_len = 0;

	/* number of '\0' padding bytes to next message */
	size = msg_used_size(text_len, dict_len, &pad_len);

	if (log_make_free_space(size)) {
		/* truncate the message if it is too long for empty buffer */
		size = truncate_msg(&text_len, &trunc_msg_len,
				    &dict_len, &pad_len);
		/* survive when the log buffer is too small for trunc_msg */
		if (log_make_free_space(size))
			return 0;
	}

	if (log_next_idx + size + sizeof(struct printk_log) > log_buf_len) {
		/*
		 * the record and a following header do not fit before the
		 * end: leave a zero-length wrap marker and start over at 0
		 */
		memset(log_buf + log_next_idx, 0, sizeof(struct printk_log));
		log_next_idx = 0;
	}

	/* fill message */
	msg = (struct printk_log *)(log_buf + log_next_idx);
	memcpy(log_text(msg), text, text_len);
	msg->text_len = text_len;
	if (trunc_msg_len) {
		memcpy(log_text(msg) + text_len, trunc_msg, trunc_msg_len);
		msg->text_len += trunc_msg_len;
	}
	if (dict_len)		/* memcpy() from NULL is undefined even for 0 */
		memcpy(log_dict(msg), dict, dict_len);
	msg->dict_len = dict_len;
	msg->facility = facility;
	msg->level = level & 7;
	msg->flags = flags & 0x1f;
	if (ts_nsec > 0)
		msg->ts_nsec = ts_nsec;
	else
		msg->ts_nsec = local_clock();
	memset(log_dict(msg) + dict_len, 0, pad_len);
	msg->len = size;

	/* insert message */
	log_next_idx += msg->len;
	log_next_seq++;

	log_copy_add(log_next_seq - 1, msg->ts_nsec, msg->level,
		     log_text(msg), msg->text_len);
	call_console_drivers(msg);
	return msg->text_len;
}

static void cont_flush(enum log_flags flags)
{
	if (cont.flushed)
		return;
	if (cont.len == 0)
		return;

	/*
	 * No fragment of this line ever reached refmm's console (it prints
	 * whole records only): submit it to the store and free the buffer.
	 */
	log_store(cont.facility, cont.level, flags, 0,
		  NULL, 0, cont.buf, cont.len);
	cont.len = 0;
}

static bool cont_add(int facility, int level, const char *text, size_t len)
{
	if (cont.len && cont.flushed)
		return false;

	if (cont.len + len > sizeof(cont.buf)) {
		/* the line gets too long, split it up in separate records */
		cont_flush(LOG_CONT);
		return false;
	}

	if (!cont.len) {
		cont.facility = facility;
		cont.level = level;
		cont.owner = current;
		cont.ts_nsec = local_clock();
		cont.flags = 0;
		cont.cons = 0;
		cont.flushed = false;
	}

	memcpy(cont.buf + cont.len, text, len);
	cont.len += len;

	if (cont.len > (sizeof(cont.buf) * 80) / 100)
		cont_flush(LOG_CONT);

	return true;
}

/* The level digit of a "\001N" prefix, 'd' for KERN_DEFAULT, or 0. */
static int printk_get_level(const char *buffer)
{
	if (buffer[0] == KERN_SOH_ASCII && buffer[1]) {
		switch (buffer[1]) {
		case '0' ... '7':
		case 'd':	/* KERN_DEFAULT */
			return buffer[1];
		}
	}
	return 0;
}

static const char *printk_skip_level(const char *buffer)
{
	if (printk_get_level(buffer))
		return buffer + 2;
	return buffer;
}

int vprintk_emit(int facility, int level,
		 const char *dict, size_t dictlen,
		 const char *fmt, va_list args)
{
	static char textbuf[LOG_LINE_MAX];
	char *text = textbuf;
	size_t text_len;
	enum log_flags lflags = 0;
	int printed_len = 0;
	int r;

	/*
	 * format first: the level prefix may come from an argument
	 * (printk("%s...", KERN_INFO))
	 */
	r = vsnprintf(text, sizeof(textbuf), fmt, args);
	if (r < 0)
		return r;
	text_len = (size_t)r < sizeof(textbuf) ? (size_t)r :
		   sizeof(textbuf) - 1;

	/* mark and strip a trailing newline */
	if (text_len && text[text_len - 1] == '\n') {
		text_len--;
		lflags |= LOG_NEWLINE;
	}

	/* strip kernel syslog prefix and extract log level or control flags */
	if (facility == 0) {
		int kern_level = printk_get_level(text);

		if (kern_level) {
			const char *end_of_header = printk_skip_level(text);

			switch (kern_level) {
			case '0' ... '7':
				if (level == LOGLEVEL_DEFAULT_UNSET)
					level = kern_level - '0';
				/* fallthrough */
			case 'd':	/* KERN_DEFAULT */
				lflags |= LOG_PREFIX;
			}
			/*
			 * the prefix is only taken from the formatted text,
			 * which vsnprintf() ended with a NUL
			 */
			text_len -= end_of_header - text;
			text = (char *)end_of_header;
		}
	}

	if (level == LOGLEVEL_DEFAULT_UNSET)
		level = default_message_loglevel;

	if (dict)
		lflags |= LOG_PREFIX | LOG_NEWLINE;

	if (!(lflags & LOG_NEWLINE)) {
		/*
		 * A line was left unterminated: a new leveled message, or
		 * another task printing, ends it first.
		 */
		if (cont.len && (lflags & LOG_PREFIX || cont.owner != current))
			cont_flush(LOG_NEWLINE);

		/* buffer line if possible, otherwise store it right away */
		if (cont_add(facility, level, text, text_len))
			printed_len += text_len;
		else
			printed_len += log_store(facility, level,
						 lflags | LOG_CONT, 0,
						 dict, dictlen, text, text_len);
	} else {
		bool stored = false;

		/*
		 * A line was left unterminated: the same task continuing it
		 * without a prefix completes it in the buffer; otherwise it
		 * is stored as it is and this message becomes a record of its
		 * own.
		 */
		if (cont.len) {
			if (cont.owner == current && !(lflags & LOG_PREFIX))
				stored = cont_add(facility, level, text,
						  text_len);
			cont_flush(LOG_NEWLINE);
		}

		if (stored)
			printed_len += text_len;
		else
			printed_len += log_store(facility, level, lflags, 0,
						 dict, dictlen, text, text_len);
	}
	return printed_len;
}

int vprintk(const char *fmt, va_list args)
{
	return vprintk_emit(0, LOGLEVEL_DEFAULT_UNSET, NULL, 0, fmt, args);
}

int printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);
	return r;
}

/*
 * Commit a pending continuation line: the kernel does it when the next
 * message arrives, or from console_unlock(); panic() and the dump writer
 * call this so that a last unterminated line is in the buffer.
 */
void printk_flush(void)
{
	cont_flush(LOG_NEWLINE);
}

/*
 * The log buffer's place and layout for the VMCOREINFO note, which
 * makedumpfile --dump-dmesg and crash --log read without debuginfo.
 */
void log_buf_kexec_setup(void)
{
	VMCOREINFO_SYMBOL(log_buf);
	VMCOREINFO_SYMBOL(log_buf_len);
	VMCOREINFO_SYMBOL(log_first_idx);
	VMCOREINFO_SYMBOL(log_next_idx);
	/*
	 * the record's size and the offsets of its fields, so that tools
	 * notice a change of layout
	 */
	VMCOREINFO_STRUCT_SIZE(printk_log);
	VMCOREINFO_OFFSET(printk_log, ts_nsec);
	VMCOREINFO_OFFSET(printk_log, len);
	VMCOREINFO_OFFSET(printk_log, text_len);
	VMCOREINFO_OFFSET(printk_log, dict_len);
}

/* ---- refmm: a reader's view of the buffer, for the truth and tests ---- */

int refmm_log_walk(int (*fn)(u64 seq, const struct printk_log *msg,
			     const char *text, void *arg), void *arg)
{
	u64 seq = log_first_seq;
	u32 idx = log_first_idx;

	while (seq < log_next_seq) {
		struct printk_log *msg = log_from_idx(idx);
		int r = fn(seq, msg, log_text(msg), arg);

		if (r)
			return r;
		idx = log_next(idx);
		seq++;
	}
	return 0;
}

void refmm_log_bounds(u64 *first_seq, u64 *next_seq, u32 *first_idx,
		      u32 *next_idx)
{
	*first_seq = log_first_seq;
	*next_seq = log_next_seq;
	*first_idx = log_first_idx;
	*next_idx = log_next_idx;
}

u32 refmm_log_buf_len(void)
{
	return log_buf_len;
}
