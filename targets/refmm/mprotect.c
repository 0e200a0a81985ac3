// SPDX-License-Identifier: GPL-2.0-only
/*
 * mprotect.c - changing the protection of a range (mm/mprotect.c,
 * Linux 4.0).
 *
 * mprotect_fixup() gives [start, end) of one VMA new flags: it first
 * tries to merge the range with a neighbour that has those flags
 * (vma_merge()), else splits the VMA at start and end; then the ptes of
 * the range get the new protection (change_protection()), keeping their
 * pfn, accessed, dirty and soft-dirty bits.  Making a private mapping
 * writable charges it to vm_committed_as (VM_ACCOUNT).
 */
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/sched.h>

static unsigned long change_pte_range(struct vm_area_struct *vma, pmd_t *pmd,
				      unsigned long addr, unsigned long end,
				      pgprot_t newprot)
{
	pte_t *pte = pte_offset_map(pmd, addr);
	unsigned long pages = 0;

	(void)vma;
	do {
		pte_t oldpte = *pte;

		if (pte_present(oldpte)) {
			/*
			 * Private mappings' protections never carry _PAGE_RW:
			 * their writable pages fault again and are reused
			 * (or copied) by do_wp_page().
			 */
			pte_t ptent = pte_modify(oldpte, newprot);

			set_pte_at(vma->vm_mm, addr, pte, ptent);
			pages++;
		}
	} while (pte++, addr += PAGE_SIZE, addr != end);
	return pages;
}

static unsigned long change_protection(struct vm_area_struct *vma,
				       unsigned long start, unsigned long end,
				       pgprot_t newprot)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr = start, next, pages = 0;

	for (; addr < end; addr = next) {
		pgd_t *pgd = pgd_offset(mm, addr);
		pud_t *pud;
		pmd_t *pmd;

		next = pmd_addr_end(addr, end);
		if (pgd_none(*pgd))
			continue;
		pud = pud_offset(pgd, addr);
		if (pud_none(*pud))
			continue;
		pmd = pmd_offset(pud, addr);
		if (pmd_none(*pmd))
			continue;
		pages += change_pte_range(vma, pmd, addr, next, newprot);
	}
	return pages;
}

int mprotect_fixup(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		   unsigned long start, unsigned long end,
		   unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags;
	long nrpages = (end - start) >> PAGE_SHIFT;
	unsigned long charged = 0;
	pgoff_t pgoff;
	int error;

	if (newflags == oldflags) {
		*pprev = vma;
		return 0;
	}

	/*
	 * Making a private mapping writable charges it to the commit total;
	 * making it read-only again gives nothing back (4.0 cannot tell how
	 * much of it was written).
	 */
	if (newflags & VM_WRITE) {
		if (!(oldflags & (VM_ACCOUNT | VM_WRITE | VM_HUGETLB |
				  VM_SHARED | VM_NORESERVE))) {
			charged = nrpages;
			if (security_vm_enough_memory_mm(mm, charged))
				return -ENOMEM;
			newflags |= VM_ACCOUNT;
		}
	}

	/* can the changed range join its neighbours? */
	pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	*pprev = vma_merge(mm, *pprev, start, end, newflags,
			   vma->anon_vma, vma->vm_file, pgoff, NULL);
	if (*pprev) {
		vma = *pprev;
		goto success;
	}

	*pprev = vma;

	if (start != vma->vm_start) {
		error = split_vma(mm, vma, start, 1);
		if (error)
			goto fail;
	}

	if (end != vma->vm_end) {
		error = split_vma(mm, vma, end, 0);
		if (error)
			goto fail;
	}

success:
	/* mmap_sem, held for writing, protects vm_flags and vm_page_prot */
	vma->vm_flags = newflags;
	vma->vm_page_prot = vm_get_page_prot(newflags);

	change_protection(vma, start, end, vma->vm_page_prot);

	vm_stat_account(mm, oldflags, vma->vm_file, -nrpages);
	vm_stat_account(mm, newflags, vma->vm_file, nrpages);
	return 0;

fail:
	vm_unacct_memory(charged);
	return error;
}

/*
 * mprotect(2) of current (SYSCALL_DEFINE3(mprotect)): every VMA of the
 * range gets the protection @prot, keeping its other flags.
 */
long sys_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	unsigned long vm_flags, nstart, end, tmp, reqprot;
	struct vm_area_struct *vma, *prev;
	struct mm_struct *mm = current->mm;
	int error = -EINVAL;
	const int grows = prot & PROT_GROWSDOWN;

	prot &= ~PROT_GROWSDOWN;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;

	reqprot = prot;

	vm_flags = (prot & PROT_READ ? VM_READ : 0) |
		   (prot & PROT_WRITE ? VM_WRITE : 0) |
		   (prot & PROT_EXEC ? VM_EXEC : 0);

	down_write(&mm->mmap_sem);

	vma = find_vma(mm, start);
	error = -ENOMEM;
	if (!vma)
		goto out;
	prev = vma->vm_prev;
	if (unlikely(grows & PROT_GROWSDOWN)) {
		if (vma->vm_start >= end)
			goto out;
		start = vma->vm_start;
		error = -EINVAL;
		if (!(vma->vm_flags & VM_GROWSDOWN))
			goto out;
	} else {
		if (vma->vm_start > start)
			goto out;
	}
	if (start > vma->vm_start)
		prev = vma;

	for (nstart = start ; ; ) {
		unsigned long newflags;

		/* Here we know that vma->vm_start <= nstart < vma->vm_end. */

		newflags = vm_flags;
		newflags |= (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC));

		/* newflags >> 4 shift VM_MAY% in place of VM_% */
		if ((newflags & ~(newflags >> 4)) & (VM_READ | VM_WRITE | VM_EXEC)) {
			error = -EACCES;
			goto out;
		}

		tmp = vma->vm_end;
		if (tmp > end)
			tmp = end;
		error = mprotect_fixup(vma, &prev, nstart, tmp, newflags);
		if (error)
			goto out;
		nstart = tmp;

		if (nstart < prev->vm_end)
			nstart = prev->vm_end;
		if (nstart >= end)
			goto out;

		vma = prev->vm_next;
		if (!vma || vma->vm_start != nstart) {
			error = -ENOMEM;
			goto out;
		}
	}
out:
	up_write(&mm->mmap_sem);
	(void)reqprot;
	return error;
}
