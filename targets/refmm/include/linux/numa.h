/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * numa.h - NUMA nodes and CPUs of the simulated machine.
 *
 * refmm is always built NUMA-capable (CONFIG_NUMA, MAX_NUMNODES 4) and SMP
 * (NR_CPUS 64, or -DCONFIG_NR_CPUS=N); how many nodes and CPUs exist is
 * decided at boot
 * (nr_node_ids, nr_cpu_ids).  The current CPU is refmm_current_cpu.
 */
#ifndef _LINUX_NUMA_H
#define _LINUX_NUMA_H

#include <linux/types.h>

#define CONFIG_NUMA	1
#define NODES_SHIFT	2
#define MAX_NUMNODES	(1 << NODES_SHIFT)
#define NUMA_NO_NODE	(-1)
#define LOCAL_DISTANCE	10
#define REMOTE_DISTANCE	20

#ifdef CONFIG_NR_CPUS
#define NR_CPUS		CONFIG_NR_CPUS
#else
#define NR_CPUS		64
#endif

typedef struct {
	unsigned long bits[1];
} nodemask_t;

enum node_states {
	N_POSSIBLE,		/* The node could become online at some point */
	N_ONLINE,		/* The node is online */
	N_NORMAL_MEMORY,	/* The node has regular memory */
	N_HIGH_MEMORY = N_NORMAL_MEMORY, /* no CONFIG_HIGHMEM */
	N_MEMORY,		/* The node has memory(regular, high, movable) */
	N_CPU,			/* The node has one or more cpus */
	NR_NODE_STATES
};

extern nodemask_t node_states[NR_NODE_STATES];
extern int nr_node_ids;
extern int nr_online_nodes;
extern int nr_cpu_ids;
extern int refmm_current_cpu;
extern int x86_cpu_to_node_map[NR_CPUS];

static inline bool node_isset(int node, const nodemask_t *m)
{
	return (m->bits[0] >> node) & 1;
}

static inline void node_set(int node, nodemask_t *m)
{
	m->bits[0] |= 1UL << node;
}

#define node_state(node, state)	node_isset(node, &node_states[state])
#define node_online(node)	node_state(node, N_ONLINE)
static inline void node_set_state(int node, enum node_states state)
{
	node_set(node, &node_states[state]);
}

#define for_each_node_state(node, state)				\
	for ((node) = 0; (node) < MAX_NUMNODES; (node)++)		\
		if (!node_state(node, state))				\
			;						\
		else
#define for_each_online_node(node)	for_each_node_state(node, N_ONLINE)
#define for_each_node(node)		for_each_node_state(node, N_POSSIBLE)

#define for_each_possible_cpu(cpu) \
	for ((cpu) = 0; (cpu) < nr_cpu_ids; (cpu)++)
#define for_each_online_cpu(cpu)	for_each_possible_cpu(cpu)

static inline int smp_processor_id(void)
{
	return refmm_current_cpu;
}

static inline int cpu_to_node(int cpu)
{
	return x86_cpu_to_node_map[cpu];
}

static inline int numa_node_id(void)
{
	return cpu_to_node(smp_processor_id());
}

int node_distance(int from, int to);

#endif /* _LINUX_NUMA_H */
