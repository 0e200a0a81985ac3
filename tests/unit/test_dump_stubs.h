/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_dump_stubs.h - controls of the stubs in test_dump_stubs.c */
#ifndef MS_TEST_DUMP_STUBS_H
#define MS_TEST_DUMP_STUBS_H

extern int ms_test_interrupt_after;

#endif
