/* decode/ns_types.c - namespace kinds: names, CLONE_NEW* flags, /proc/PID/ns files. */
#include "config.h"

#include <string.h>

#include "decode/clone_compat.h"
#include "decode/decode.h"

/*
 * In the order of enum ns_type (event/event.h; checked there).  A task's
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
