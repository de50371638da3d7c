/* nsinfo.h - a task's namespace inodes from /proc/TID/ns. */
#ifndef PROCTRACE_NSINFO_H
#define PROCTRACE_NSINFO_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "event/event.h"

/*
 * Inode of each namespace kind (0 where unreadable, e.g. no time ns).
 * for_children: the pid and time entries come from *_for_children, the
 * ones unshare/setns change.  Returns 0, or -1 if none could be read.
 */
int nsinfo_read(pid_t tid, bool for_children, uint64_t ino[NS_TYPE_COUNT]);
/* Fill ev->from/to/changed from two readings; returns the changed bits. */
unsigned nsinfo_diff(const uint64_t from[NS_TYPE_COUNT],
		     const uint64_t to[NS_TYPE_COUNT], struct ev_ns *ev);

#endif
