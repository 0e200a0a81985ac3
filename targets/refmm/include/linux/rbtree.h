/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rbtree.h - red-black trees (include/linux/rbtree.h, Linux 4.0).
 *
 * The tree is intrusive: a struct rb_node sits inside the indexed object
 * and the user does the search and the linking (rb_link_node) and then
 * asks for the rebalance (rb_insert_color).  The parent pointer and the
 * node's colour share one word, __rb_parent_color: nodes are at least
 * 4-aligned, so bit 0 is free for the colour (0 red, 1 black).  A dump
 * reader masks the low two bits to find the parent, as crash's
 * "tree -t rbtree" does; the children are plain pointers.
 */
#ifndef _LINUX_RBTREE_H
#define _LINUX_RBTREE_H

#include <linux/kernel.h>

struct rb_node {
	unsigned long  __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __attribute__((aligned(sizeof(long))));	/* frees the colour bits */

struct rb_root {
	struct rb_node *rb_node;
};

#define rb_parent(r)   ((struct rb_node *)((r)->__rb_parent_color & ~3))

#define RB_ROOT	(struct rb_root) { NULL, }
#define	rb_entry(ptr, type, member) container_of(ptr, type, member)

#define RB_EMPTY_ROOT(root)  ((root)->rb_node == NULL)

/* A node that points to itself as its parent is in no tree. */
#define RB_EMPTY_NODE(node)  \
	((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node)  \
	((node)->__rb_parent_color = (unsigned long)(node))

void rb_insert_color(struct rb_node *, struct rb_root *);
void rb_erase(struct rb_node *, struct rb_root *);

/* In-order neighbours and ends of a tree (NULL past the ends). */
struct rb_node *rb_next(const struct rb_node *);
struct rb_node *rb_prev(const struct rb_node *);
struct rb_node *rb_first(const struct rb_root *);
struct rb_node *rb_last(const struct rb_root *);

/* Postorder: children before their parent (to free a whole tree). */
struct rb_node *rb_first_postorder(const struct rb_root *);
struct rb_node *rb_next_postorder(const struct rb_node *);

/* Put @new where @victim is, colour and links included, no rebalance. */
void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root);

static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;
	node->rb_left = node->rb_right = NULL;

	*rb_link = node;
}

#endif	/* _LINUX_RBTREE_H */
