# tests/procs.mk: tests of this area (see tests/Makefile.inc)
#
# [refmm-3]: vmalloc, processes and VMAs, faults, the LRU and reclaim, the
# OOM killer, printk's log buffer and panic.
#   test_refmm_printk       the records of log_buf byte by byte (header,
#                           levels, flags, padding, continuation lines,
#                           timestamps), the ring wrapping several times
#   test_refmm_lib          lib/rbtree.c (plain and augmented) and
#                           lib/radix-tree.c under random operations
#   test_refmm_vmalloc      areas and guard pages, the kernel page tables
#                           walked by hand, lazy freeing, vmap, ioremap;
#                           a 20,000-operation storm returns every page
#                           but the page-table pages 4.0 keeps
#   test_refmm_procs        runqueues, exec layout, the kinds of fault and
#                           the page flags they leave, copy-on-write,
#                           fork+exit return everything, LRU and reclaim,
#                           the OOM killer
#   test_refmm_mmap_stress  100,000 random mmap/munmap/mprotect/brk/fork and
#                           accesses with the VMA and page-table invariants
#   e2e/dumps/scenarios.sh  (dumps.mk) checks the truth's tasks, VMAs,
#                           vmlist and log against each other and the slabs

PROCS_TEST_SOURCES = tests/unit/test_refmm_procs_util.c tests/unit/test_refmm_procs_util.h

check_PROGRAMS += tests/unit/test_refmm_printk tests/unit/test_refmm_lib \
	tests/unit/test_refmm_vmalloc tests/unit/test_refmm_procs \
	tests/unit/test_refmm_mmap_stress
TESTS += tests/unit/test_refmm_printk tests/unit/test_refmm_lib \
	tests/unit/test_refmm_vmalloc tests/unit/test_refmm_procs \
	tests/unit/test_refmm_mmap_stress

tests_unit_test_refmm_printk_SOURCES = tests/unit/test_refmm_printk.c
tests_unit_test_refmm_printk_CPPFLAGS = $(REFMM_TEST_CPP)
tests_unit_test_refmm_printk_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_printk_LDADD = $(REFMM_TEST_LIBS)

tests_unit_test_refmm_lib_SOURCES = tests/unit/test_refmm_lib.c $(PROCS_TEST_SOURCES) tests/unit/test_rnd.h
tests_unit_test_refmm_lib_CPPFLAGS = $(REFMM_TEST_CPP)
tests_unit_test_refmm_lib_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_lib_LDADD = $(REFMM_TEST_LIBS)

tests_unit_test_refmm_vmalloc_SOURCES = tests/unit/test_refmm_vmalloc.c $(PROCS_TEST_SOURCES) tests/unit/test_rnd.h \
	$(SLAB_TEST_SOURCES)
tests_unit_test_refmm_vmalloc_CPPFLAGS = $(REFMM_TEST_CPP)
tests_unit_test_refmm_vmalloc_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_vmalloc_LDADD = $(REFMM_TEST_LIBS)

tests_unit_test_refmm_procs_SOURCES = tests/unit/test_refmm_procs.c $(PROCS_TEST_SOURCES) \
	$(SLAB_TEST_SOURCES)
tests_unit_test_refmm_procs_CPPFLAGS = $(REFMM_TEST_CPP)
tests_unit_test_refmm_procs_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_procs_LDADD = $(REFMM_TEST_LIBS)

tests_unit_test_refmm_mmap_stress_SOURCES = tests/unit/test_refmm_mmap_stress.c $(PROCS_TEST_SOURCES) tests/unit/test_rnd.h
tests_unit_test_refmm_mmap_stress_CPPFLAGS = $(REFMM_TEST_CPP)
tests_unit_test_refmm_mmap_stress_LDFLAGS = $(REFMM_TEST_LINK)
tests_unit_test_refmm_mmap_stress_LDADD = $(REFMM_TEST_LIBS)
