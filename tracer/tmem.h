/* tmem.h - read a tracee's memory: bytes, C strings, string arrays. */
#ifndef PROCTRACE_TMEM_H
#define PROCTRACE_TMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Read len bytes at addr; returns 0, or -1 (errno) if any byte is unreadable. */
int tmem_read(pid_t tid, uint64_t addr, void *buf, size_t len);
/*
 * Read a NUL-terminated string at addr into a malloc'd buffer, at most max
 * bytes (then *truncated is set).  NULL on a fault.
 */
char *tmem_strdup(pid_t tid, uint64_t addr, size_t max, bool *truncated);
/*
 * Read a NULL-terminated array of string pointers (argv, envp) into one
 * malloc'd block holding the NULL-terminated vector and its strings.
 * At most max_count entries.  NULL on a fault; an addr of 0 gives an empty
 * vector.
 */
char **tmem_strv(pid_t tid, uint64_t addr, size_t max_count, size_t *count,
		 bool *truncated);

#endif
