/* procjob.c - /proc readers for job control and cgroups: a task's cgroup v2 path, whether a process group is orphaned. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc/procfs.h"

int procfs_cgroup(pid_t tid, char *buf, size_t size)
{
	char text[4096];
	const char *line;
	size_t len;

	if (procfs_read(tid, "cgroup", text, sizeof(text)) < 0)
		return -1;
	/* v1 hierarchies come first on a hybrid system: find the v2 line. */
	for (line = text; line && *line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (strncmp(line, "0::", 3) != 0)
			continue;
		len = strcspn(line + 3, "\n");
		if (len >= size)
			return -1;
		memcpy(buf, line + 3, len);
		buf[len] = '\0';
		return 0;
	}
	return -1;
}

/*
 * Whether this /proc's pid 1 is the kernel's global init: its pid
 * namespace is the initial one, whose inode number is fixed
 * (PROC_PID_INIT_INO).  The kernel never counts a member whose parent is
 * the global init as anchoring its group, and a machine whose init never
 * called setsid has pid 1 (pgrp 0) in its children's session 0.  When
 * unreadable (no permission), assume it is, as on most hosts.
 */
static bool pid1_is_global_init(void)
{
	char link[64];
	ssize_t n = readlink("/proc/1/ns/pid", link, sizeof(link) - 1);

	if (n < 0)
		return true;
	link[n] = '\0';
	return strcmp(link, "pid:[4026531836]") == 0;
}

/* A member with a parent in another group of its session: not orphaned. */
static bool pgrp_member_anchors(const struct proc_stat *st, pid_t pgid,
				pid_t sid, bool skip_pid1)
{
	struct proc_stat parent;

	if (st->pgrp != pgid || st->state == 'Z')
		return false;
	if (st->ppid == 1 && skip_pid1)
		return false;
	if (procfs_stat(st->ppid, &parent) < 0)
		return false;
	return parent.pgrp != pgid && parent.session == sid;
}

bool procfs_pgrp_orphaned(pid_t pgid, pid_t sid)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	struct proc_stat st;
	bool orphaned = true, skip_pid1;
	char *end;
	long pid;

	if (!d)
		return false;
	skip_pid1 = pid1_is_global_init();
	while (orphaned && (de = readdir(d))) {
		pid = strtol(de->d_name, &end, 10);
		if (*end || pid <= 0 || procfs_stat((pid_t)pid, &st) < 0)
			continue;
		if (pgrp_member_anchors(&st, pgid, sid, skip_pid1))
			orphaned = false;
	}
	closedir(d);
	return orphaned;
}
