/*
 * exec_fail - two failing execve calls (ENOENT: no such file; EACCES: not
 * executable), printing errno, then exit 3.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(void)
{
	char *const a1[] = { (char *)"prog", (char *)"arg1", NULL };
	char *const a2[] = { (char *)"passwd", NULL };

	dprintf(1, "pid=%d\n", getpid());
	execve("/nonexistent/prog", a1, environ);
	dprintf(1, "errno1=%s\n", strerrorname_np(errno));
	execve("/etc/passwd", a2, environ);
	dprintf(1, "errno2=%s\n", strerrorname_np(errno));
	return 3;
}
