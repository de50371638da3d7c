/* procfd.h - a process's open descriptors, cwd and a script's #! line, from /proc. */
#ifndef PROCTRACE_PROCFD_H
#define PROCTRACE_PROCFD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "event/event.h"

/* One open descriptor: /proc/PID/fd/N and the flags of /proc/PID/fdinfo/N. */
struct procfd {
	int fd;
	enum ev_fd_type type;
	unsigned flags; /* f_flags, O_CLOEXEC included when set */
	char *path; /* the link text (points into the same block) */
};

/*
 * Pure parsers (no I/O), any bytes, never past len.
 * procfd_parse_flags: the octal "flags:" line of an fdinfo text; 0 or -1.
 * procfd_type: the kind of descriptor a /proc/PID/fd link text names.
 * procfd_parse_shebang: the interpreter line of a file that starts with
 * "#!" (without "#!", leading blanks and the newline) into buf; returns
 * its length, or -1 when the text is not a script.
 */
int procfd_parse_flags(const char *text, size_t len, unsigned *flags);
enum ev_fd_type procfd_type(const char *link);
long procfd_parse_shebang(const char *text, size_t len, char *buf, size_t size);

/*
 * Every open descriptor of pid, by fd number, as one malloc'd block (free()
 * it once); *n their count.  NULL with *n 0 when /proc/PID/fd is unreadable.
 */
struct procfd *procfd_list(pid_t pid, size_t *n);
/*
 * The descriptors of fds[0..n) an exec closes (cloexec: with O_CLOEXEC) or
 * keeps (without), as one block like procfd_list's; *kept their count.
 * NULL out of memory.
 */
struct procfd *procfd_pick(const struct procfd *fds, size_t n, bool cloexec,
			   size_t *kept);
/* Are pid's open descriptors exactly the numbers of fds[0..n) (sorted)? */
bool procfd_same_numbers(pid_t pid, const struct procfd *fds, size_t n);
/* readlink /proc/PID/cwd; 0 or -1. */
int procfd_cwd(pid_t pid, char *buf, size_t size);
/* The #! line of path (relative paths: from pid's cwd); -1: not a script. */
long procfd_shebang(pid_t pid, const char *path, char *buf, size_t size);

#endif
