/* nsinfo.c - read namespace inodes from /proc/TID/ns and compare two readings. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "decode/decode.h"
#include "probes/nsinfo.h"

_Static_assert(DECODE_NS_COUNT == NS_TYPE_COUNT,
	       "decode/ns_types.c and enum ns_type must list the same kinds");

int nsinfo_read(pid_t tid, bool for_children, uint64_t ino[NS_TYPE_COUNT])
{
	char path[80];
	struct stat sb;
	int got = 0;

	for (unsigned i = 0; i < NS_TYPE_COUNT; i++) {
		/* stat follows the magic link to the nsfs inode: no readlink parse. */
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)tid,
			 decode_ns_file(i, for_children));
		ino[i] = stat(path, &sb) == 0 ? (uint64_t)sb.st_ino : 0;
		got += ino[i] != 0;
	}
	return got ? 0 : -1;
}

unsigned nsinfo_diff(const uint64_t from[NS_TYPE_COUNT],
		     const uint64_t to[NS_TYPE_COUNT], struct ev_ns *ev)
{
	ev->changed = 0;
	for (unsigned i = 0; i < NS_TYPE_COUNT; i++) {
		ev->from[i] = from[i];
		ev->to[i] = to[i];
		if (from[i] && to[i] && from[i] != to[i])
			ev->changed |= 1u << i;
	}
	return ev->changed;
}
