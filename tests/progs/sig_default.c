/* sig_default - a child killed by SIGUSR1 at its default action (terminate). */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int st;
	pid_t c = fork();

	if (c == 0) {
		alarm(20);
		for (;;)
			pause();
	}
	kill(c, SIGUSR1);
	if (waitpid(c, &st, 0) != c)
		return 98;
	dprintf(1, "parent=%d\nchild=%d\nsignaled=%d\nsig=%d\n", getpid(), c,
		WIFSIGNALED(st), WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return 0;
}
