/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/tlb.h - the TLB shootdown batch (include/asm-generic/tlb.h).
 * refmm's struct mmu_gather only records the range being torn down: its
 * pages are freed as they are unmapped (no other CPU can hold a stale
 * translation in the simulation).
 */
#ifndef _ASM_GENERIC__TLB_H
#define _ASM_GENERIC__TLB_H

struct mm_struct;

struct mmu_gather {
	struct mm_struct *mm;
	unsigned long start;
	unsigned long end;
	unsigned int fullmm : 1;
};

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm,
		    unsigned long start, unsigned long end);
void tlb_finish_mmu(struct mmu_gather *tlb, unsigned long start,
		    unsigned long end);

#endif /* _ASM_GENERIC__TLB_H */
