/* decode/ns_types.c - namespace kinds: names, CLONE_NEW* flags, /proc/PID/ns files. */
#include "config.h"

#include <linux/sched.h>
#include <string.h>

#include "decode/decode.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080ULL /* Linux 5.6 */
#endif
#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000ULL
#endif

/*
 * In the order of enum ns_type (tracer/event.h; checked there).  A task's
 * own pid and time namespaces never change after unshare/setns: those calls
 * set the namespace of its later children, shown in *_for_children.
 */
static const struct {
	const char *name;
	uint64_t flag;
	const char *child_file;
} ns_types[DECODE_NS_COUNT] = {
	{ "mnt", CLONE_NEWNS, "mnt" },
	{ "pid", CLONE_NEWPID, "pid_for_children" },
	{ "net", CLONE_NEWNET, "net" },
	{ "uts", CLONE_NEWUTS, "uts" },
	{ "ipc", CLONE_NEWIPC, "ipc" },
	{ "user", CLONE_NEWUSER, "user" },
	{ "cgroup", CLONE_NEWCGROUP, "cgroup" },
	{ "time", CLONE_NEWTIME, "time_for_children" },
};

static const struct xlat ns_flag_tab[] = {
	XLAT(CLONE_NEWNS), XLAT(CLONE_NEWPID), XLAT(CLONE_NEWNET),
	XLAT(CLONE_NEWUTS), XLAT(CLONE_NEWIPC), XLAT(CLONE_NEWUSER),
	XLAT(CLONE_NEWCGROUP), XLAT(CLONE_NEWTIME),
};

const char *decode_ns_name(unsigned type)
{
	return type < DECODE_NS_COUNT ? ns_types[type].name : NULL;
}

int decode_ns_type(const char *name)
{
	for (unsigned i = 0; name && i < DECODE_NS_COUNT; i++)
		if (strcmp(name, ns_types[i].name) == 0)
			return (int)i;
	return -1;
}

uint64_t decode_ns_flag(unsigned type)
{
	return type < DECODE_NS_COUNT ? ns_types[type].flag : 0;
}

uint64_t decode_ns_all_flags(void)
{
	uint64_t all = 0;

	for (unsigned i = 0; i < DECODE_NS_COUNT; i++)
		all |= ns_types[i].flag;
	return all;
}

const char *decode_ns_file(unsigned type, bool for_children)
{
	if (type >= DECODE_NS_COUNT)
		return NULL;
	return for_children ? ns_types[type].child_file : ns_types[type].name;
}

size_t decode_ns_flags(char *buf, size_t size, uint64_t flags)
{
	return xlat_flags(buf, size, ns_flag_tab, XLAT_COUNT(ns_flag_tab),
			  flags);
}
