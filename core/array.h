/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * array.h - growing a heap array by doubling, as libdrgn's vector.h and git's
 * ALLOC_GROW() do.
 *
 * core/ and cmd/ keep a growable array as three fields of whatever owns it:
 * the pointer, the number of entries in use and the number allocated.
 * ms_array_grow() is the one place that enlarges one, so the doubling, the
 * first allocation's size and the size_t overflow check are written once:
 *
 *	if (!ms_array_grow(&w->arrays, &w->cap_arrays, w->nr_arrays + 1, 16))
 *		return &ms_enomem;
 *	w->arrays[w->nr_arrays++] = ref;
 *
 * The caller chooses what out of memory means (&ms_enomem, a flag, abort()),
 * so the helper returns a bool, as libdrgn's vector functions do.
 */
#ifndef MS_ARRAY_H
#define MS_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

/**
 * Make room for at least @p need entries in the array *@p arrp, of which
 * *@p capp are allocated.  Nothing changes if there is room already.
 * Otherwise the capacity becomes @p initial if nothing was allocated yet
 * (*@p capp == 0), else twice the old one, doubled again until it holds
 * @p need; *@p arrp is realloc()ed to it, keeping its entries.
 *
 * @param[in,out] arrp  Address of the array's pointer (NULL while *@p capp
 *                      is 0).  The entry size is taken from its type.
 * @param[in,out] capp  Address of the array's capacity, a size_t, in entries.
 * @param[in] need      How many entries must fit.
 * @param[in] initial   The first allocation's capacity; at least 1.
 * @return true on success; false if the size overflows size_t or realloc()
 * fails, with *@p arrp and *@p capp unchanged (the array is still the
 * caller's to free).
 */
#define ms_array_grow(arrp, capp, need, initial)				\
	ms_array_grow_((arrp), (capp), (need), sizeof(**(arrp)), (initial))

/**
 * ms_array_grow() with the entry size given: @p arrp is a T ** passed as
 * void * (read and written with memcpy(), so no T * is accessed as a
 * void *).  Use the macro, which cannot get the size wrong.
 */
bool ms_array_grow_(void *arrp, size_t *capp, size_t need, size_t elem_size,
		    size_t initial);

#endif /* MS_ARRAY_H */
