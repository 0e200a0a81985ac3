// SPDX-License-Identifier: GPL-2.0-only
/*
 * panic.c - panic, warnings and the taint mask (kernel/panic.c, and the
 * crash-kexec entry of kernel/kexec.c, Linux 4.0).
 *
 * panic() logs "Kernel panic - not syncing: <message>" and the CPU line
 * of dump_stack(), records the message and the CPU where a dump reader
 * finds them (refmm_panic_msg, refmm_panic_cpu, and crashing_cpu as x86's
 * crash shutdown sets it), and calls crash_kexec(): with a crash kernel
 * loaded -- the dump writer of "mmscope gen" loads one, see
 * refmm_crash_kexec_hook -- control goes there and never comes back: the
 * dump is written from the machine as it is at this instant.  Without
 * one, panic() ends the process, as a kernel without kdump hangs.
 *
 * Locking: panic_lock makes a second panicking CPU stop; refmm has one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/sched.h>
#include <refmm/machine.h>
#include <refmm/utsname.h>

unsigned long tainted_mask __kdata;
int panic_timeout __kdata;
int panic_on_oops __kdata;
/* arch/x86/kernel/reboot.c: the CPU that shut the machine down */
int crashing_cpu __kdata = -1;
/* lib/dump_stack.c: "Hardware name:" */
char dump_stack_arch_desc_str[128] __kdata =
	"refmm simulated machine, BIOS refmm 04/13/2015";

static spinlock_t panic_lock __kdata;

/* A host function pointer: deliberately outside the image. */
refmm_crash_kexec_t refmm_crash_kexec_hook;

void add_taint(unsigned int flag)
{
	tainted_mask |= 1UL << flag;
}

int test_taint(unsigned flag)
{
	return (tainted_mask >> flag) & 1;
}

struct tnt {
	u8	bit;
	char	c_true;
	char	c_false;
};

static const struct tnt tnts[] = {
	{ TAINT_PROPRIETARY_MODULE,	'P', 'G' },
	{ TAINT_FORCED_MODULE,		'F', ' ' },
	{ TAINT_CPU_OUT_OF_SPEC,	'S', ' ' },
	{ TAINT_FORCED_RMMOD,		'R', ' ' },
	{ TAINT_MACHINE_CHECK,		'M', ' ' },
	{ TAINT_BAD_PAGE,		'B', ' ' },
	{ TAINT_USER,			'U', ' ' },
	{ TAINT_DIE,			'D', ' ' },
	{ TAINT_OVERRIDDEN_ACPI_TABLE,	'A', ' ' },
	{ TAINT_WARN,			'W', ' ' },
	{ TAINT_CRAP,			'C', ' ' },
	{ TAINT_FIRMWARE_WORKAROUND,	'I', ' ' },
	{ TAINT_OOT_MODULE,		'O', ' ' },
	{ TAINT_UNSIGNED_MODULE,	'E', ' ' },
	{ TAINT_SOFTLOCKUP,		'L', ' ' },
	{ TAINT_LIVEPATCH,		'K', ' ' },
};

/**
 *	print_tainted - return a string to represent the kernel taint state.
 *
 *  "Not tainted", or "Tainted: " and one letter per flag, 'G' for no
 *  proprietary module, ' ' for a flag not set.
 */
static const char *print_tainted(void)
{
	static char buf[ARRAY_SIZE(tnts) + sizeof("Tainted: ")];

	if (tainted_mask) {
		char *s;
		size_t i;

		s = buf + sprintf(buf, "Tainted: ");
		for (i = 0; i < ARRAY_SIZE(tnts); i++) {
			const struct tnt *t = &tnts[i];

			*s++ = test_taint(t->bit) ? t->c_true : t->c_false;
		}
		*s = 0;
	} else
		snprintf(buf, sizeof(buf), "Not tainted");

	return buf;
}

/*
 * lib/dump_stack.c: the context of a report.  4.0 prints the call trace
 * after these lines; refmm has none to print (see <linux/kernel.h>).
 */
void dump_stack(void)
{
	struct task_struct *cur = current;
	int vlen = (int)strcspn(init_uts_ns.name.version, " ");

	printk(KERN_DEFAULT "CPU: %d PID: %d Comm: %.20s %s %s %.*s\n",
	       smp_processor_id(), cur ? cur->pid : 0,
	       cur ? cur->comm : "swapper", print_tainted(),
	       init_uts_ns.name.release, vlen, init_uts_ns.name.version);
	if (dump_stack_arch_desc_str[0] != '\0')
		printk(KERN_DEFAULT "Hardware name: %s\n",
		       dump_stack_arch_desc_str);
}

/*
 * kernel/kexec.c: start the crash kernel, if there is one.  refmm's
 * "crash kernel" is the dump writer (refmm_crash_kexec_hook); it does not
 * return.
 */
void crash_kexec(void)
{
	if (!refmm_crash_kexec_hook)
		return;
	/* native_machine_crash_shutdown(): note the CPU, stop the others */
	crashing_cpu = smp_processor_id();
	printk_flush();
	refmm_crash_kexec_hook();
}

/*
 * panic - log the message and what was running, then stop: crash_kexec()
 * takes the dump.  Never returns.
 */
void panic(const char *fmt, ...)
{
	static char buf[1024];
	va_list args;
	size_t len;

	if (!spin_trylock(&panic_lock)) {
		/* a panic while panicking: stop here */
		fputs("refmm: panic while panicking\n", stderr);
		abort();
	}

	/* console_verbose(): everything reaches the console now */
	if (console_loglevel)
		console_loglevel = 15;	/* CONSOLE_LOGLEVEL_MOTORMOUTH */

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	if (!test_taint(TAINT_DIE))
		dump_stack();

	/* refmm: what the dump shows as PANIC (crash's sys) */
	len = strcspn(buf, "\n");
	if (len >= sizeof(refmm_panic_msg))
		len = sizeof(refmm_panic_msg) - 1;
	memcpy(refmm_panic_msg, buf, len);
	refmm_panic_msg[len] = '\0';
	refmm_panic_cpu = smp_processor_id();

	crash_kexec();

	pr_emerg("---[ end Kernel panic - not syncing: %s\n", buf);
	printk_flush();
	abort();
}

void __warn(const char *file, int line, const char *cond)
{
	struct task_struct *cur = current;

	printk(KERN_WARNING "------------[ cut here ]------------\n");
	printk(KERN_WARNING "WARNING: CPU: %d PID: %d at %s:%d %s\n",
	       smp_processor_id(), cur ? cur->pid : 0, file, line, cond);
	dump_stack();
	printk(KERN_WARNING "---[ end trace 0000000000000000 ]---\n");
	add_taint(TAINT_WARN);
}

void __bug(const char *file, int line, const char *cond)
{
	printk(KERN_EMERG "kernel BUG at %s:%d! (%s)\n", file, line, cond);
	printk_flush();
	abort();
}
