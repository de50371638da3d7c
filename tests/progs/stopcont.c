/*
 * stopcont - stop a child with SIGSTOP, see it stopped (WUNTRACED), continue
 * it (WCONTINUED), then SIGTERM it.  The output must be the same traced and
 * untraced: it needs the tracer to let group-stops really happen.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int st;
	pid_t c;

	alarm(20);
	c = fork();
	if (c == 0) {
		for (;;)
			pause();
	}
	dprintf(2, "parent=%d\nchild=%d\n", getpid(), c);
	kill(c, SIGSTOP);
	if (waitpid(c, &st, WUNTRACED) != c)
		return 98;
	dprintf(1, "1 stopped=%d sig=%d\n", WIFSTOPPED(st),
		WIFSTOPPED(st) ? WSTOPSIG(st) : 0);
	kill(c, SIGCONT);
	if (waitpid(c, &st, WCONTINUED) != c)
		return 97;
	dprintf(1, "2 continued=%d\n", WIFCONTINUED(st));
	kill(c, SIGTERM);
	if (waitpid(c, &st, 0) != c)
		return 96;
	dprintf(1, "3 signaled=%d sig=%d\n", WIFSIGNALED(st),
		WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return 0;
}
