// SPDX-License-Identifier: GPL-2.0-only
/*
 * hpet.c - the HPET timer's registers (arch/x86/kernel/hpet.c, Linux 4.0):
 * only hpet_enable()'s mapping of them, the first ioremap of a boot and
 * the vmlist's first entry in the reference notes
 * (caller hpet_enable+52, phys_addr 0xfed00000, size 8192).  refmm does
 * not read the registers: there is no device behind them.
 */
#include <linux/mm.h>
#include <linux/vmalloc.h>

#define HPET_MMAP_SIZE		1024
#define HPET_ADDRESS		0xfed00000UL	/* from the ACPI HPET table */

unsigned long hpet_address __kdata = HPET_ADDRESS;
static void *hpet_virt_address __kdata;

static void hpet_set_mapping(void)
{
	hpet_virt_address = ioremap_nocache(hpet_address, HPET_MMAP_SIZE);
}

/**
 * hpet_enable - Try to setup the HPET timer. Returns 1 on success.
 */
int hpet_enable(void)
{
	if (!hpet_address)
		return 0;

	hpet_set_mapping();
	if (!hpet_virt_address)
		return 0;
	pr_info("hpet0: at MMIO 0x%lx, IRQs 2, 8, 0, 0, 0, 0, 0, 0\n",
		hpet_address);
	return 1;
}
