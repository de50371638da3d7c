/* sigchld_ignored - with SIGCHLD set to SIG_IGN the kernel reaps the child itself; waitpid gets ECHILD. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int st;
	pid_t c, r;

	signal(SIGCHLD, SIG_IGN);
	c = fork();
	if (c == 0)
		_exit(5);
	r = waitpid(-1, &st, 0);
	dprintf(1, "parent=%d\nchild=%d\nwaitpid=%d\nerrno=%s\n", getpid(), c,
		(int)r, r < 0 ? strerrorname_np(errno) : "none");
	return 0;
}
