/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_refmm_lib.c - lib/rbtree.c and lib/radix-tree.c under random
 * operations, against plain arrays.
 *
 * rbtree: 200,000 random inserts and erases of keys in a plain rbtree and
 * in an augmented one whose nodes keep the largest value of their subtree
 * (the shape of the VMA tree's rb_subtree_gap).  After every batch: an
 * in-order walk gives the array's sorted keys, the red-black rules hold
 * (the root is black, no red node has a red child, every path has the
 * same number of black nodes, parent pointers agree), and every node's
 * augmented value is the maximum recomputed from scratch.
 *
 * radix tree: random insert/delete/lookup of sparse indices up to 2^40,
 * checked against an array; gang lookup returns the items in index
 * order; deleting everything frees every node (the cache's object count
 * goes back).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <refmm/machine.h>
#include <refmm/slab.h>
#include <linux/gfp.h>
#include <linux/printk.h>
#include <linux/radix-tree.h>
#include <linux/rbtree.h>
#include <linux/rbtree_augmented.h>
#include <linux/slab.h>

#include "slab.h"
#include "test_refmm_procs_util.h"
#include "test_rnd.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	return test_rnd(&rng_state);
}

/* ---- an augmented tree: subtree_max of val ---- */

struct item {
	struct rb_node rb;
	unsigned long key;
	unsigned long val;
	unsigned long subtree_max;
	int live;
};

static unsigned long compute_max(struct item *it)
{
	unsigned long m = it->val;

	if (it->rb.rb_left) {
		struct item *l = rb_entry(it->rb.rb_left, struct item, rb);

		if (l->subtree_max > m)
			m = l->subtree_max;
	}
	if (it->rb.rb_right) {
		struct item *r = rb_entry(it->rb.rb_right, struct item, rb);

		if (r->subtree_max > m)
			m = r->subtree_max;
	}
	return m;
}

RB_DECLARE_CALLBACKS(static, item_cb, struct item, rb, unsigned long,
		     subtree_max, compute_max)

static void insert(struct rb_root *root, struct item *it, int augmented)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		struct item *p = rb_entry(*link, struct item, rb);

		parent = *link;
		if (augmented && p->subtree_max < it->val)
			p->subtree_max = it->val;
		link = it->key < p->key ? &(*link)->rb_left : &(*link)->rb_right;
	}
	it->subtree_max = it->val;
	rb_link_node(&it->rb, parent, link);
	if (augmented)
		rb_insert_augmented(&it->rb, root, &item_cb);
	else
		rb_insert_color(&it->rb, root);
}

/* Black height of @n's subtree; fails on a broken rule. */
static int check_node(struct rb_node *n, struct rb_node *parent, int augmented)
{
	int lh, rh;

	if (!n)
		return 1;
	if (rb_parent(n) != parent)
		fail_msg("node %p: parent %p, want %p", (void *)n,
			 (void *)rb_parent(n), (void *)parent);
	if (rb_is_red(n) && ((n->rb_left && rb_is_red(n->rb_left)) ||
			     (n->rb_right && rb_is_red(n->rb_right))))
		fail_msg("red node with a red child");
	if (augmented) {
		struct item *it = rb_entry(n, struct item, rb);

		if (it->subtree_max != compute_max(it))
			fail_msg("key %lu: subtree_max %lu, want %lu", it->key,
				 it->subtree_max, compute_max(it));
	}
	lh = check_node(n->rb_left, n, augmented);
	rh = check_node(n->rb_right, n, augmented);
	if (lh != rh)
		fail_msg("black heights differ: %d and %d", lh, rh);
	return lh + rb_is_black(n);
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

static void check_tree(struct rb_root *root, struct item *items, size_t n,
		       int augmented)
{
	unsigned long *want = malloc(n * sizeof(*want));
	size_t nw = 0, i = 0;
	struct rb_node *node;

	assert_non_null(want);
	if (root->rb_node)
		assert_true(rb_is_black(root->rb_node));
	check_node(root->rb_node, NULL, augmented);
	for (i = 0; i < n; i++)
		if (items[i].live)
			want[nw++] = items[i].key;
	qsort(want, nw, sizeof(*want), cmp_ulong);
	i = 0;
	for (node = rb_first(root); node; node = rb_next(node)) {
		assert_true(i < nw);
		assert_int_equal(rb_entry(node, struct item, rb)->key, want[i]);
		i++;
	}
	assert_int_equal(i, nw);
	/* and backwards */
	for (node = rb_last(root); node; node = rb_prev(node))
		assert_int_equal(rb_entry(node, struct item, rb)->key, want[--i]);
	assert_int_equal(i, 0);
	free(want);
}

static void rbtree_storm(int augmented)
{
	enum { N = 4096, OPS = 200000, BATCH = 5000 };
	struct item *items = calloc(N, sizeof(*items));
	struct rb_root root = RB_ROOT;
	size_t op;

	assert_non_null(items);
	for (op = 1; op <= OPS; op++) {
		struct item *it = &items[rnd() % N];

		if (it->live) {
			if (augmented)
				rb_erase_augmented(&it->rb, &root, &item_cb);
			else
				rb_erase(&it->rb, &root);
			it->live = 0;
		} else {
			it->key = rnd() % 100000;	/* duplicates allowed */
			it->val = rnd() % 1000000;
			insert(&root, it, augmented);
			it->live = 1;
		}
		if (op % BATCH == 0)
			check_tree(&root, items, N, augmented);
	}
	free(items);
}

static void test_rbtree(void **state)
{
	(void)state;
	rbtree_storm(0);
}

static void test_rbtree_augmented(void **state)
{
	(void)state;
	rbtree_storm(1);
}

/* ---- radix tree ---- */

static void test_radix_tree(void **state)
{
	enum { N = 3000, OPS = 60000 };
	struct radix_tree_root root = RADIX_TREE_INIT(GFP_KERNEL);
	unsigned long *idx = calloc(N, sizeof(*idx));
	char *live = calloc(N, 1);
	unsigned long before = cache_objects("radix_tree_node");
	void *got[64];
	size_t i, op;

	(void)state;
	assert_non_null(idx);
	assert_non_null(live);
	for (i = 0; i < N; i++)	/* distinct, sparse, some small, some huge */
		idx[i] = i % 4 ? (rnd() % (1UL << 40)) | (i & 3) << 40
			       : i;
	for (op = 0; op < OPS; op++) {
		i = rnd() % N;
		if (live[i]) {
			assert_ptr_equal(radix_tree_delete(&root, idx[i]),
					 &idx[i]);
			live[i] = 0;
		} else {
			assert_int_equal(radix_tree_insert(&root, idx[i], &idx[i]), 0);
			assert_int_equal(radix_tree_insert(&root, idx[i], &idx[i]),
					 -EEXIST);
			live[i] = 1;
		}
		if (op % 1000 == 0)
			for (size_t k = 0; k < N; k++)
				assert_ptr_equal(radix_tree_lookup(&root, idx[k]),
						 live[k] ? &idx[k] : NULL);
	}
	/* gang lookup from 0 in steps: the live items in index order */
	{
		unsigned long next = 0, last = 0, seen = 0, want = 0;
		unsigned int n;
		int first = 1;

		for (i = 0; i < N; i++)
			want += live[i];
		while ((n = radix_tree_gang_lookup(&root, got, next, 64))) {
			for (unsigned int k = 0; k < n; k++) {
				unsigned long x = *(unsigned long *)got[k];

				assert_true(first || x > last);
				first = 0;
				last = x;
				seen++;
			}
			next = last + 1;
		}
		assert_int_equal(seen, want);
	}
	for (i = 0; i < N; i++)
		if (live[i])
			assert_ptr_equal(radix_tree_delete(&root, idx[i]), &idx[i]);
	assert_null(root.rnode);
	assert_int_equal(root.height, 0);
	assert_int_equal(cache_objects("radix_tree_node"), before);
	free(idx);
	free(live);
}

static int group_setup(void **state)
{
	(void)state;
	return boot_with_tasks();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rbtree),
		cmocka_unit_test(test_rbtree_augmented),
		cmocka_unit_test(test_radix_tree),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
