// SPDX-License-Identifier: GPL-2.0-only
/*
 * scenario_corrupt.c - "corrupt KIND [zone=NAME] [order=N] [node=N]":
 * damage to the buddy allocator's free lists the way real bugs make it,
 * written into the machine just before the dump (mmscope-gen(1)).
 *
 * Not Linux: a kernel never damages itself on purpose.  The step only
 * records what to damage; gen applies every recorded damage after the
 * truth file is written (refmm's own accounting walks the lists and would
 * loop on a cycle) and before the dump, so that the truth describes the
 * machine as it was and the dump holds the damage.  Each damage is told on
 * stderr as "gen: corrupt KIND: WHAT at ADDRESS", for the tests.
 *
 *   freelist-cycle    an entry's lru.next points back at an earlier entry
 *                     of its list (a cycle that never reaches the head)
 *   freelist-pointer  an entry's lru.next points into unmapped memory
 *   page-flags        a free block's first page gets garbage flags
 *   page-order        a free block's first page says another order in
 *                     page_private
 *
 * The list is the first free list, migratetype by migratetype, of the
 * zone (default: the last populated zone of the node) and order (default
 * 0) that holds at least two blocks.
 *
 * With cache=NAME, damage to a slab of that cache (refmm_slab_damage() in
 * slab.c, which knows the slab's layout):
 *   slab-freelist-index  a slab's next free index past its objects
 *   double-free          an object twice in this cpu's array_cache
 *   redzone              an object's red zone overwritten (SLAB_RED_ZONE)
 *   poison               a free object written after the free (SLAB_POISON)
 *
 * Damage to the vmalloc areas (the first area with pages, or the first two):
 *   vmap-list-cycle  the second area's list.next points back at the first
 *   vm-addr, vm-size, vm-nr-pages, vm-pages
 *                    a vm_struct member that is not its area's
 *   vm-freed         the area's vm_struct kfree()d while va->vm still
 *                    points at it (a free kmalloc object; poisoned under
 *                    CONFIG_DEBUG_SLAB)
 *   vmap-freed       the vmap_area itself kfree()d while still on
 *                    vmap_area_list
 *
 * With task=NAME, damage to the task list and the task's first two VMAs:
 *   task-list-cycle, task-mm, vma-list-cycle, vma-range, vma-overlap, and
 *   vma-order        the first two VMAs swapped on the vm_next list
 */
#include <stdio.h>
#include <string.h>

#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mmzone.h>

#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "refmm/scn_steps.h"
#include "refmm/slab.h"

#define MAX_DAMAGES	16
/* a hole of the x86-64 4.0 layout (ffffe80000000000, 40 bits): never mapped */
#define UNMAPPED_ADDR	0xffffe8ffdead0000UL
#define GARBAGE_FLAGS	0xdeadbeefdeadbeefUL

enum damage_kind {
	D_CYCLE, D_POINTER, D_FLAGS, D_ORDER,
	D_SLAB_INDEX, D_DOUBLE_FREE, D_REDZONE, D_POISON,	/* cache=NAME */
	D_VMAP_CYCLE, D_VM_ADDR, D_VM_SIZE, D_VM_NR_PAGES, D_VM_PAGES,
	D_VM_FREED, D_VMAP_FREED,
	D_TASK_CYCLE, D_TASK_MM, D_VMA_CYCLE, D_VMA_RANGE, D_VMA_OVERLAP,	/* task=NAME */
	D_VMA_ORDER,
};

#define IS_SLAB(k)	((k) >= D_SLAB_INDEX && (k) <= D_POISON)
#define IS_VMALLOC(k)	((k) >= D_VMAP_CYCLE && (k) <= D_VMAP_FREED)
#define IS_TASK(k)	((k) >= D_TASK_CYCLE)

static const char *const kind_names[] = {
	[D_CYCLE] = "freelist-cycle",
	[D_POINTER] = "freelist-pointer",
	[D_FLAGS] = "page-flags",
	[D_ORDER] = "page-order",
	[D_SLAB_INDEX] = "slab-freelist-index",
	[D_DOUBLE_FREE] = "double-free",
	[D_REDZONE] = "redzone",
	[D_POISON] = "poison",
	[D_VMAP_CYCLE] = "vmap-list-cycle",
	[D_VM_ADDR] = "vm-addr",
	[D_VM_SIZE] = "vm-size",
	[D_VM_NR_PAGES] = "vm-nr-pages",
	[D_VM_PAGES] = "vm-pages",
	[D_VM_FREED] = "vm-freed",
	[D_VMAP_FREED] = "vmap-freed",
	[D_TASK_CYCLE] = "task-list-cycle",
	[D_TASK_MM] = "task-mm",
	[D_VMA_CYCLE] = "vma-list-cycle",
	[D_VMA_RANGE] = "vma-range",
	[D_VMA_OVERLAP] = "vma-overlap",
	[D_VMA_ORDER] = "vma-order",
};

struct damage {
	enum damage_kind kind;
	int nid;
	char zone[16];		/* "" : the node's last populated zone */
	char cache[64];		/* the slab kinds' cache */
	unsigned int order;
	int pid;		/* task=NAME's */
	int line;
};

static struct damage damages[MAX_DAMAGES];
static int nr_damages;

static int kind_of(const char *name)
{
	for (size_t i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (!strcmp(name, kind_names[i]))
			return (int)i;
	return -1;
}

void scn_check_corrupt(struct scn_ctx *c)
{
	const char *kind = scn_arg_pos(c, 0, "what to damage");
	const char *zone = scn_arg_str(c, "zone", NULL);
	const char *cache = scn_arg_str(c, "cache", NULL);
	const char *task = scn_arg_str(c, "task", NULL);
	int k = kind ? kind_of(kind) : -1;

	if (kind && k < 0)
		scn_error(c, kind, "unknown damage (freelist-cycle, freelist-pointer, page-flags, "
			  "page-order, slab-freelist-index, double-free, redzone, poison, "
			  "vmap-list-cycle, vm-addr, vm-size, vm-nr-pages, vm-pages, vm-freed, "
			  "vmap-freed, task-list-cycle, task-mm, vma-list-cycle, vma-range, "
			  "vma-overlap, vma-order)");
	if (IS_SLAB(k) && (!cache || strlen(cache) >= sizeof(damages[0].cache)))
		scn_error(c, kind, "%s needs cache=NAME", kind);
	if (k >= 0 && !IS_SLAB(k) && cache)
		scn_error(c, cache, "%s damages no slab: no cache=", kind);
	if (IS_TASK(k) && !task)
		scn_error(c, kind, "%s needs task=NAME", kind);
	if (k >= 0 && !IS_TASK(k) && task)
		scn_error(c, task, "%s damages no task: no task=", kind);
	if (zone && strlen(zone) >= sizeof(damages[0].zone))
		scn_error(c, zone, "no zone has so long a name");
	scn_arg_num(c, "order", 0, 0, MAX_ORDER - 1);
	scn_step_node(c);
}

void scn_run_corrupt(struct scn_ctx *c)
{
	struct damage *d;
	const char *zone = scn_arg_str(c, "zone", NULL);
	const char *task = scn_arg_str(c, "task", NULL);
	int nid = scn_step_node(c);
	int pid = 0;

	if (!scn_node_ok(c, nid))
		return;
	if (task && (pid = scn_task_pid(c, task)) < 0)
		return;
	if (nr_damages == MAX_DAMAGES) {
		scn_error(c, c->step->argv[0], "more than %d corrupt steps", MAX_DAMAGES);
		return;
	}
	d = &damages[nr_damages++];
	d->kind = (enum damage_kind)kind_of(scn_arg_pos(c, 0, NULL));
	d->nid = nid < 0 ? 0 : nid;
	snprintf(d->zone, sizeof(d->zone), "%s", zone ? zone : "");
	snprintf(d->cache, sizeof(d->cache), "%s", scn_arg_str(c, "cache", ""));
	d->order = (unsigned int)scn_arg_num(c, "order", 0, 0, MAX_ORDER - 1);
	d->pid = pid;
	d->line = c->step->line;
}

/* The zone @d names, or NULL. */
static struct zone *damage_zone(const struct damage *d)
{
	struct pglist_data *pgdat = NODE_DATA(d->nid);
	struct zone *found = NULL;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &pgdat->node_zones[i];

		if (!populated_zone(z))
			continue;
		if (d->zone[0] ? !strcmp(z->name, d->zone) : true)
			found = z;
		if (d->zone[0] && found)
			break;
	}
	return found;
}

/* The vmalloc kinds: see the top of the file. */
static int apply_vmalloc(const struct damage *d, char *err, size_t errlen)
{
	const char *name = kind_names[d->kind];
	struct vmap_area *va, *target = NULL;
	struct vm_struct *vm;

	list_for_each_entry(va, &vmap_area_list, list)
		if ((va->flags & VM_VM_AREA) && va->vm && va->vm->nr_pages) {
			target = va;
			break;
		}
	if (d->kind == D_VMAP_CYCLE) {
		struct vmap_area *first, *second;

		if (list_empty(&vmap_area_list) || vmap_area_list.next->next == &vmap_area_list) {
			snprintf(err, errlen, "line %d: corrupt %s: fewer than two vmalloc areas",
				 d->line, name);
			return -1;
		}
		first = list_first_entry(&vmap_area_list, struct vmap_area, list);
		second = list_next_entry(first, list);
		second->list.next = &first->list;
		fprintf(stderr, "gen: corrupt %s: vmap_area %p list.next -> vmap_area %p\n", name,
			(void *)second, (void *)first);
		return 0;
	}
	if (!target) {
		snprintf(err, errlen, "line %d: corrupt %s: no vmalloc area with pages", d->line, name);
		return -1;
	}
	vm = target->vm;
	if (d->kind == D_VM_FREED || d->kind == D_VMAP_FREED) {
		/*
		 * A use after free: the object goes back to its kmalloc cache
		 * (this cpu's array_cache; poisoned under CONFIG_DEBUG_SLAB)
		 * while the area still points at it, as a remove_vm_area()
		 * racing a second one would leave it.
		 */
		void *obj = d->kind == D_VM_FREED ? (void *)vm : (void *)target;
		const char *cache = virt_to_head_page(obj)->slab_cache->name;

		if (d->kind == D_VM_FREED)
			fprintf(stderr, "gen: corrupt %s: vmap_area %p vm -> vm_struct %p, freed to %s\n",
				name, (void *)target, obj, cache);
		else
			fprintf(stderr, "gen: corrupt %s: vmap_area %p on vmap_area_list, freed to %s "
				"(va %#lx-%#lx)\n", name, obj, cache, target->va_start,
				target->va_end);
		kfree(obj);
		return 0;
	}
	switch (d->kind) {
	case D_VM_ADDR:
		vm->addr = (void *)UNMAPPED_ADDR;
		fprintf(stderr, "gen: corrupt %s: vmap_area %p vm_struct %p addr %#lx (va_start %#lx)\n",
			name, (void *)target, (void *)vm, UNMAPPED_ADDR, target->va_start);
		break;
	case D_VM_SIZE:
		vm->size = 1UL << 60;
		fprintf(stderr, "gen: corrupt %s: vmap_area %p vm_struct %p size %#lx (va %#lx-%#lx)\n",
			name, (void *)target, (void *)vm, vm->size, target->va_start, target->va_end);
		break;
	case D_VM_NR_PAGES:
		vm->nr_pages = 0x7fffffff;
		fprintf(stderr, "gen: corrupt %s: vmap_area %p vm_struct %p nr_pages %u (size %#lx)\n",
			name, (void *)target, (void *)vm, vm->nr_pages, vm->size);
		break;
	default:
		vm->pages = (struct page **)UNMAPPED_ADDR;
		fprintf(stderr, "gen: corrupt %s: vmap_area %p vm_struct %p pages %#lx\n", name,
			(void *)target, (void *)vm, UNMAPPED_ADDR);
		break;
	}
	return 0;
}

/* The task kinds: see the top of the file. */
static int apply_task(const struct damage *d, char *err, size_t errlen)
{
	const char *name = kind_names[d->kind];
	struct task_struct *t = find_task_by_vpid(d->pid);
	struct vm_area_struct *a, *b;

	if (!t) {
		snprintf(err, errlen, "line %d: corrupt %s: pid %d is gone", d->line, name, d->pid);
		return -1;
	}
	if (d->kind == D_TASK_CYCLE) {
		struct task_struct *first = next_task(&init_task);

		t->tasks.next = &first->tasks;
		fprintf(stderr, "gen: corrupt %s: task %p (pid %d) tasks.next -> task %p (pid %d)\n",
			name, (void *)t, t->pid, (void *)first, first->pid);
		return 0;
	}
	if (d->kind == D_TASK_MM) {
		fprintf(stderr, "gen: corrupt %s: task %p (pid %d) mm %p -> %#lx\n", name, (void *)t,
			t->pid, (void *)t->mm, UNMAPPED_ADDR);
		t->mm = (struct mm_struct *)UNMAPPED_ADDR;
		return 0;
	}
	a = t->mm ? t->mm->mmap : NULL;
	b = a ? a->vm_next : NULL;
	if (!b) {
		snprintf(err, errlen, "line %d: corrupt %s: pid %d has fewer than two VMAs", d->line,
			 name, d->pid);
		return -1;
	}
	switch (d->kind) {
	case D_VMA_ORDER:
		/* the first two swapped: mm->mmap, then b, then a, then the rest */
		a->vm_next = b->vm_next;
		b->vm_next = a;
		t->mm->mmap = b;
		fprintf(stderr, "gen: corrupt %s: mm %p vm_area_struct %p %#lx-%#lx after "
			"vm_area_struct %p %#lx-%#lx\n", name, (void *)t->mm, (void *)a, a->vm_start,
			a->vm_end, (void *)b, b->vm_start, b->vm_end);
		break;
	case D_VMA_CYCLE:
		b->vm_next = a;
		fprintf(stderr, "gen: corrupt %s: mm %p vm_area_struct %p vm_next -> "
			"vm_area_struct %p\n", name, (void *)t->mm, (void *)b, (void *)a);
		break;
	case D_VMA_RANGE: {
		unsigned long start = b->vm_start;

		b->vm_start = b->vm_end;
		b->vm_end = start;
		fprintf(stderr, "gen: corrupt %s: mm %p vm_area_struct %p vm_start %#lx vm_end %#lx\n",
			name, (void *)t->mm, (void *)b, b->vm_start, b->vm_end);
		break;
	}
	default:
		b->vm_start = a->vm_end - PAGE_SIZE;
		fprintf(stderr, "gen: corrupt %s: mm %p vm_area_struct %p vm_start %#lx, below "
			"vm_area_struct %p vm_end %#lx\n", name, (void *)t->mm, (void *)b, b->vm_start,
			(void *)a, a->vm_end);
		break;
	}
	return 0;
}

/* Apply one damage; -1 with @err set if there is nothing to damage. */
static int apply(const struct damage *d, char *err, size_t errlen)
{
	struct zone *z;
	struct list_head *head = NULL;
	struct page *first, *second;
	char msg[256];
	int mt;

	if (IS_VMALLOC(d->kind))
		return apply_vmalloc(d, err, errlen);
	if (IS_TASK(d->kind))
		return apply_task(d, err, errlen);
	if (IS_SLAB(d->kind)) {
		if (refmm_slab_damage(kind_names[d->kind], d->cache, msg, sizeof(msg)) < 0) {
			snprintf(err, errlen, "line %d: corrupt %s: %s", d->line, kind_names[d->kind],
				 msg);
			return -1;
		}
		fprintf(stderr, "gen: corrupt %s: %s\n", kind_names[d->kind], msg);
		return 0;
	}
	z = damage_zone(d);
	if (!z) {
		snprintf(err, errlen, "line %d: corrupt %s: node %d has no zone %s", d->line,
			 kind_names[d->kind], d->nid, d->zone[0] ? d->zone : "populated");
		return -1;
	}
	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		struct list_head *h = &z->free_area[d->order].free_list[mt];

		if (!list_empty(h) && h->next->next != h) {
			head = h;
			break;
		}
	}
	if (!head) {
		snprintf(err, errlen, "line %d: corrupt %s: zone %s has no free list of order %u "
			 "with two blocks", d->line, kind_names[d->kind], z->name, d->order);
		return -1;
	}
	first = list_entry(head->next, struct page, lru);
	second = list_entry(first->lru.next, struct page, lru);
	switch (d->kind) {
	case D_CYCLE:
		second->lru.next = &first->lru;
		fprintf(stderr, "gen: corrupt %s: page %p lru.next -> page %p (zone %s order %u "
			"migratetype %d, list head %p)\n", kind_names[d->kind], (void *)second,
			(void *)first, z->name, d->order, mt, (void *)head);
		break;
	case D_POINTER:
		first->lru.next = (struct list_head *)UNMAPPED_ADDR;
		fprintf(stderr, "gen: corrupt %s: page %p lru.next -> %#lx (zone %s order %u "
			"migratetype %d, list head %p)\n", kind_names[d->kind], (void *)first,
			UNMAPPED_ADDR, z->name, d->order, mt, (void *)head);
		break;
	case D_FLAGS:
		second->flags = GARBAGE_FLAGS;
		fprintf(stderr, "gen: corrupt %s: page %p flags %#lx (zone %s order %u "
			"migratetype %d, list head %p)\n", kind_names[d->kind], (void *)second,
			GARBAGE_FLAGS, z->name, d->order, mt, (void *)head);
		break;
	default:
		set_page_private(second, d->order + 3);
		fprintf(stderr, "gen: corrupt %s: page %p private %u (zone %s order %u "
			"migratetype %d, list head %p)\n", kind_names[d->kind], (void *)second,
			d->order + 3, z->name, d->order, mt, (void *)head);
		break;
	}
	return 0;
}

int scn_corrupt_apply(char *err, size_t errlen)
{
	for (int i = 0; i < nr_damages; i++)
		if (apply(&damages[i], err, errlen) < 0)
			return -1;
	nr_damages = 0;
	return 0;
}

int scn_corrupt_pending(void)
{
	return nr_damages;
}
