// SPDX-License-Identifier: GPL-2.0-only
/*
 * fault.c - user page faults (arch/x86/mm/fault.c, Linux 4.0), and the
 * MMU refmm stands in for.
 *
 * refmm_user_access() is what the CPU does when the running task (current)
 * reads or writes a user address: with a present pte that allows the
 * access, the hardware sets the pte's accessed bit, and the dirty bit on a
 * write; otherwise it raises a page fault, __do_page_fault(), which finds
 * the VMA (growing the stack when the address is just below it), checks
 * the access against the VMA's flags and lets handle_mm_fault() map the
 * page.  The access itself then goes through the direct map.
 *
 * Where refmm departs from 4.0: there are no signals, so a bad access
 * logs the segfault line and returns -EFAULT to the workload instead of
 * killing the task; a fault that runs out of memory calls the OOM killer
 * as pagefault_out_of_memory() does and returns -ENOMEM.
 */
#include <string.h>

#include <linux/mm.h>
#include <linux/sched.h>

/*
 * Returns 0 if access is allowed by the vma's flags, 1 if not.
 */
static inline int access_error(unsigned long error_code,
			       struct vm_area_struct *vma)
{
	if (error_code & PF_WRITE) {
		/* write, present and write, not present: */
		if (unlikely(!(vma->vm_flags & VM_WRITE)))
			return 1;
		return 0;
	}

	/* read, present: */
	if (unlikely(error_code & PF_PROT))
		return 1;

	/* read, not present: */
	if (unlikely(!(vma->vm_flags & (VM_READ | VM_EXEC | VM_WRITE))))
		return 1;

	return 0;
}

static void bad_area(unsigned long address, unsigned long error_code)
{
	struct task_struct *tsk = current;

	/* show_signal_msg(): the line a user-space segfault leaves */
	printk("%s%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n",
	       tsk->pid > 1 ? KERN_INFO : KERN_EMERG, tsk->comm, tsk->pid,
	       address, 0UL, 0UL, error_code);
}

/*
 * The kernel's pagefault_out_of_memory(): a fault found no memory.
 */
static void pagefault_out_of_memory(void)
{
	struct zonelist *zonelist = &NODE_DATA(0)->node_zonelists[0];

	out_of_memory(zonelist, 0, 0, NULL, false);
}

/*
 * __do_page_fault - a fault at @address by current: find the VMA (or
 * grow the stack to it), check the access, let handle_mm_fault() map
 * the page.  Returns 0, -EFAULT (SIGSEGV) or -ENOMEM (VM_FAULT_OOM).
 */
int __do_page_fault(unsigned long address, unsigned long error_code)
{
	struct vm_area_struct *vma;
	struct task_struct *tsk;
	struct mm_struct *mm;
	int fault;
	unsigned int flags = FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_KILLABLE;

	tsk = current;
	mm = tsk->mm;
	if (!mm || address < mmap_min_addr || address >= TASK_SIZE) {
		bad_area(address, error_code);
		return -EFAULT;
	}

	if (error_code & PF_USER)
		flags |= FAULT_FLAG_USER;
	if (error_code & PF_WRITE)
		flags |= FAULT_FLAG_WRITE;

	down_read(&mm->mmap_sem);
	vma = find_vma(mm, address);
	if (unlikely(!vma))
		goto bad_area;
	if (likely(vma->vm_start <= address))
		goto good_area;
	if (unlikely(!(vma->vm_flags & VM_GROWSDOWN)))
		goto bad_area;
	if (unlikely(expand_stack(vma, address)))
		goto bad_area;

	/* a VMA that allows the access: fault the page in */
good_area:
	if (unlikely(access_error(error_code, vma)))
		goto bad_area;

	/*
	 * a fault handle_mm_fault() could not resolve ends here, never
	 * in an endless retry
	 */
	fault = handle_mm_fault(mm, vma, address, flags);
	up_read(&mm->mmap_sem);

	if (unlikely(fault & VM_FAULT_ERROR)) {
		if (fault & VM_FAULT_OOM) {
			pagefault_out_of_memory();
			return -ENOMEM;
		}
		bad_area(address, error_code);
		return -EFAULT;
	}

	if (fault & VM_FAULT_MAJOR)
		tsk->maj_flt++;
	else
		tsk->min_flt++;
	return 0;

bad_area:
	up_read(&mm->mmap_sem);
	bad_area(address, error_code);
	return -EFAULT;
}

/**
 * refmm_user_access - current reads or writes @len bytes at @address
 * @address: a user address
 * @write: a store of @buf (else a load into @buf)
 * @buf: the bytes
 * @len: at most up to the end of the page
 *
 * The MMU: a present pte that allows the access gets its accessed (and
 * dirty) bit; else a page fault.  Returns 0, -EFAULT or -ENOMEM.
 */
int refmm_user_access(unsigned long address, int write, void *buf,
		      size_t len)
{
	struct mm_struct *mm = current->mm;
	int tries;

	BUG_ON(len > PAGE_SIZE - (address & ~PAGE_MASK));
	for (tries = 0; tries < 3; tries++) {
		pte_t *pte = mm ? refmm_find_pte(mm, address) : NULL;
		int err;

		if (pte && pte_present(*pte) && (pte_val(*pte) & _PAGE_PRESENT) &&
		    (!write || pte_write(*pte))) {
			char *kaddr = __va(PFN_PHYS(pte_pfn(*pte)) |
					   (address & ~PAGE_MASK));

			*pte = pte_mkyoung(*pte);
			if (write) {
				*pte = pte_mkdirty(*pte);
				memcpy(kaddr, buf, len);
			} else {
				memcpy(buf, kaddr, len);
			}
			return 0;
		}
		err = __do_page_fault(address, PF_USER |
				      (write ? PF_WRITE : 0) |
				      (pte && pte_present(*pte) ? PF_PROT : 0));
		if (err)
			return err;
	}
	return -EFAULT;
}
