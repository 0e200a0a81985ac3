// SPDX-License-Identifier: GPL-2.0-only
/*
 * radix-tree.c - the page cache's index (lib/radix-tree.c, Linux 4.0:
 * insertion, lookup, deletion and gang lookup; no tags, no preloading,
 * no exceptional entries).
 *
 * A tree of height h has h levels of 64-slot nodes; the top level takes
 * the highest six bits of the index that can occur, the bottom level the
 * lowest six, and a bottom slot holds the item (a struct page).  Nodes
 * know their height and their slot in the parent (node->path) and how
 * many slots are used (node->count).  Inserting past the tree's reach
 * grows it from the top (radix_tree_extend); deleting the last item of a
 * node frees the node, and a root with only slot 0 in use gives way to
 * that child (radix_tree_shrink), so the tree is always as low as its
 * highest index needs.
 *
 * Where refmm departs from 4.0: the tags (dirty, writeback, towrite) are
 * never set (refmm's page cache holds clean pages), so the tag bitmaps
 * stay zero; the slots are plain stores, as nothing reads them under RCU.
 */
#include <string.h>

#include <errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/radix-tree.h>
#include <linux/slab.h>

static struct kmem_cache *radix_tree_node_cachep __kdata;

/* The largest index a tree of each height can hold. */
static unsigned long height_to_maxindex[RADIX_TREE_MAX_PATH + 1] __kdata;

static inline void *ptr_to_indirect(void *ptr)
{
	return (void *)((unsigned long)ptr | RADIX_TREE_INDIRECT_PTR);
}

static inline void *indirect_to_ptr(void *ptr)
{
	return (void *)((unsigned long)ptr & ~RADIX_TREE_INDIRECT_PTR);
}

static inline gfp_t root_gfp_mask(struct radix_tree_root *root)
{
	return root->gfp_mask & __GFP_BITS_MASK;
}

static inline unsigned long radix_tree_maxindex(unsigned int height)
{
	return height_to_maxindex[height];
}

static struct radix_tree_node *radix_tree_node_alloc(struct radix_tree_root *root)
{
	return kmem_cache_zalloc(radix_tree_node_cachep, root_gfp_mask(root));
}

/* A node goes back clean: the cache's objects are kept zeroed. */
static void radix_tree_node_free(struct radix_tree_node *node)
{
	memset(node, 0, sizeof(*node));
	kmem_cache_free(radix_tree_node_cachep, node);
}

/*
 * Extend a radix tree so it can store key @index.
 */
static int radix_tree_extend(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *node;
	struct radix_tree_node *slot;
	unsigned int height;

	/* Figure out what the height should be.  */
	height = root->height + 1;
	while (index > radix_tree_maxindex(height))
		height++;

	if (root->rnode == NULL) {
		root->height = height;
		return 0;
	}

	do {
		unsigned int newheight;

		node = radix_tree_node_alloc(root);
		if (!node)
			return -ENOMEM;

		/* Increase the height.  */
		newheight = root->height + 1;
		node->path = newheight;
		node->count = 1;
		node->parent = NULL;
		slot = root->rnode;
		if (newheight > 1) {
			slot = indirect_to_ptr(slot);
			slot->parent = node;
			/* it is slot 0 of its new parent */
			slot->path = slot->path & RADIX_TREE_HEIGHT_MASK;
		}
		node->slots[0] = root->rnode;
		root->rnode = ptr_to_indirect(node);
		root->height = newheight;
	} while (height > root->height);
	return 0;
}

/**
 *	radix_tree_insert    -    insert into a radix tree
 *	@root:		radix tree root
 *	@index:		index key
 *	@item:		item to insert
 *
 *	Insert an item into the radix tree at position @index: 0, -EEXIST
 *	when the slot is taken, -ENOMEM.
 */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index,
		      void *item)
{
	struct radix_tree_node *node = NULL, *slot;
	unsigned int height, shift;
	int offset = 0;
	int error;

	BUG_ON(radix_tree_is_indirect_ptr(item));

	/* Make sure the tree is high enough.  */
	if (index > radix_tree_maxindex(root->height)) {
		error = radix_tree_extend(root, index);
		if (error)
			return error;
	}

	slot = indirect_to_ptr(root->rnode);

	height = root->height;
	shift = (height - 1) * RADIX_TREE_MAP_SHIFT;

	while (height > 0) {
		if (slot == NULL) {
			/* Have to add a child node.  */
			slot = radix_tree_node_alloc(root);
			if (!slot)
				return -ENOMEM;
			slot->path = height;
			slot->parent = node;
			if (node) {
				node->slots[offset] = ptr_to_indirect(slot);
				node->count++;
				slot->path |= (unsigned int)offset <<
					      RADIX_TREE_HEIGHT_SHIFT;
			} else {
				root->rnode = ptr_to_indirect(slot);
			}
		}

		/* Go a level down */
		offset = (index >> shift) & RADIX_TREE_MAP_MASK;
		node = slot;
		slot = node->slots[offset];
		slot = indirect_to_ptr(slot);
		shift -= RADIX_TREE_MAP_SHIFT;
		height--;
	}

	if (slot != NULL)
		return -EEXIST;

	if (node) {
		node->count++;
		node->slots[offset] = item;
	} else {
		root->rnode = item;
	}
	return 0;
}

/*
 * The slot holding @index, or NULL; *@nodep is its node (NULL for the
 * root's own slot).
 */
static void **__lookup(struct radix_tree_root *root, unsigned long index,
		       struct radix_tree_node **nodep)
{
	struct radix_tree_node *node = NULL, *parent = NULL;
	unsigned int height, shift;
	void **slot = (void **)&root->rnode;

	node = root->rnode;
	if (node == NULL)
		return NULL;

	if (!radix_tree_is_indirect_ptr(node)) {
		if (index > 0)
			return NULL;
		if (nodep)
			*nodep = NULL;
		return slot;
	}
	node = indirect_to_ptr(node);

	height = node->path & RADIX_TREE_HEIGHT_MASK;
	if (index > radix_tree_maxindex(height))
		return NULL;

	shift = (height - 1) * RADIX_TREE_MAP_SHIFT;

	do {
		parent = node;
		slot = &node->slots[(index >> shift) & RADIX_TREE_MAP_MASK];
		node = *slot;
		if (node == NULL)
			return NULL;
		node = indirect_to_ptr(node);

		shift -= RADIX_TREE_MAP_SHIFT;
		height--;
	} while (height > 0);

	if (nodep)
		*nodep = parent;
	return slot;
}

/**
 *	radix_tree_lookup    -    perform lookup operation on a radix tree
 *	@root:		radix tree root
 *	@index:		index key
 *
 *	The item at @index, or NULL.
 */
void *radix_tree_lookup(struct radix_tree_root *root, unsigned long index)
{
	void **slot = __lookup(root, index, NULL);

	return slot ? *slot : NULL;
}

/**
 *	radix_tree_shrink    -    shrink height of a radix tree to minimal
 *	@root		radix tree root
 */
static void radix_tree_shrink(struct radix_tree_root *root)
{
	/* try to shrink tree height */
	while (root->height > 0) {
		struct radix_tree_node *to_free = root->rnode;
		struct radix_tree_node *slot;

		BUG_ON(!radix_tree_is_indirect_ptr(to_free));
		to_free = indirect_to_ptr(to_free);

		/*
		 * The candidate node has more than one child, or its child
		 * is not at the leftmost slot, we cannot shrink.
		 */
		if (to_free->count != 1)
			break;
		if (!to_free->slots[0])
			break;

		/*
		 * Below a node of height 1 slot 0 holds the item itself,
		 * which becomes root->rnode directly (height 0); higher
		 * up, it is the child node, which becomes the root.
		 */
		slot = to_free->slots[0];
		if (root->height > 1) {
			slot = indirect_to_ptr(slot);
			slot->parent = NULL;
			slot = ptr_to_indirect(slot);
		}
		root->rnode = slot;
		root->height--;
		radix_tree_node_free(to_free);
	}
}

/**
 *	radix_tree_delete    -    delete an item from a radix tree
 *	@root:		radix tree root
 *	@index:		index key
 *
 *	Remove the item at @index; returns it, or NULL when there was none.
 */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *node = NULL;
	void **slot;
	void *entry;

	slot = __lookup(root, index, &node);
	if (!slot)
		return NULL;
	entry = *slot;
	if (!entry)
		return NULL;

	if (!node) {
		root->rnode = NULL;
		root->height = 0;
		return entry;
	}

	*slot = NULL;
	for (;;) {
		struct radix_tree_node *parent;
		unsigned int offset;

		node->count--;
		if (node->count) {
			if (node == indirect_to_ptr(root->rnode))
				radix_tree_shrink(root);
			break;
		}
		/* the node is empty: free it and clear its slot above */
		parent = node->parent;
		offset = node->path >> RADIX_TREE_HEIGHT_SHIFT;
		radix_tree_node_free(node);
		if (!parent) {
			root->rnode = NULL;
			root->height = 0;
			break;
		}
		parent->slots[offset] = NULL;
		node = parent;
	}
	return entry;
}

static unsigned int __gang(void *entry, unsigned int height,
			   unsigned long base, unsigned long first,
			   void **results, unsigned int nr, unsigned int max)
{
	struct radix_tree_node *node;
	unsigned long span;
	unsigned int i;

	if (!entry || nr >= max)
		return nr;
	if (!height) {
		if (base >= first)
			results[nr++] = entry;
		return nr;
	}
	node = indirect_to_ptr(entry);
	span = 1UL << ((height - 1) * RADIX_TREE_MAP_SHIFT);
	for (i = 0; i < RADIX_TREE_MAP_SIZE && nr < max; i++) {
		unsigned long b = base + i * span;

		if (b + span - 1 < first)
			continue;
		nr = __gang(node->slots[i], height - 1, b, first, results,
			    nr, max);
	}
	return nr;
}

/**
 *	radix_tree_gang_lookup - perform multiple lookup on a radix tree
 *	@root:		radix tree root
 *	@results:	where the results of the lookup are placed
 *	@first_index:	start the lookup from this key
 *	@max_items:	place up to this many items at *results
 *
 *	The items at @first_index and above, in index order.  Returns the
 *	number of items found.
 */
unsigned int radix_tree_gang_lookup(struct radix_tree_root *root,
				    void **results, unsigned long first_index,
				    unsigned int max_items)
{
	return __gang(root->rnode, root->height, 0, first_index, results, 0,
		      max_items);
}

static unsigned long __maxindex(unsigned int height)
{
	unsigned int width = height * RADIX_TREE_MAP_SHIFT;
	int shift = RADIX_TREE_INDEX_BITS - width;

	if (shift < 0)
		return ~0UL;
	if (shift >= (int)BITS_PER_LONG)
		return 0UL;
	return ~0UL >> shift;
}

void __init radix_tree_init(void)
{
	unsigned int i;

	radix_tree_node_cachep = kmem_cache_create("radix_tree_node",
			sizeof(struct radix_tree_node), 0,
			SLAB_PANIC | SLAB_RECLAIM_ACCOUNT, NULL);
	for (i = 0; i < ARRAY_SIZE(height_to_maxindex); i++)
		height_to_maxindex[i] = __maxindex(i);
}
