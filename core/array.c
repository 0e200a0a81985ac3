/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * array.c - growing a heap array by doubling (array.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"

bool ms_array_grow_(void *arrp, size_t *capp, size_t need, size_t elem_size,
		    size_t initial)
{
	/* the most entries whose size in bytes still fits a size_t */
	size_t max = SIZE_MAX / elem_size;
	size_t cap;
	void *arr;

	if (need <= *capp)
		return true;
	if (need > max)
		return false;
	/*
	 * Doubling stops at max rather than wrapping round to a small size,
	 * which realloc() would accept and the caller would then overrun.
	 */
	if (*capp)
		cap = *capp > max / 2 ? max : *capp * 2;
	else if (initial)
		cap = initial < max ? initial : max;
	else
		cap = 1;
	while (cap < need)
		cap = cap > max / 2 ? max : cap * 2;
	memcpy(&arr, arrp, sizeof(arr));
	arr = realloc(arr, cap * elem_size);
	if (!arr)
		return false;
	memcpy(arrp, &arr, sizeof(arr));
	*capp = cap;
	return true;
}
