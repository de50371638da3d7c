/*
 * orphan - a child forks a grandchild and exits; the grandchild is adopted by
 * init, or with argument "subreaper" by us (PR_SET_CHILD_SUBREAPER), and
 * prints the new parent it sees.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int sub = argc > 1 && strcmp(argv[1], "subreaper") == 0;
	struct timespec ms = { 0, 1000 * 1000 };
	int fds[2], st;
	char buf;
	pid_t c, g;

	alarm(20);
	if (sub && prctl(PR_SET_CHILD_SUBREAPER, 1) != 0)
		return 99;
	if (pipe(fds) != 0)
		return 99;
	dprintf(1, "parent=%d\n", getpid());
	c = fork();
	if (c == 0) {
		pid_t me = getpid();

		g = fork();
		if (g == 0) {
			/* wait to be orphaned; keep the pipe open until we exit */
			while (getppid() == me)
				nanosleep(&ms, NULL);
			dprintf(1, "new_ppid=%d\n", getppid());
			_exit(0);
		}
		dprintf(1, "child=%d\ngrandchild=%d\n", me, g);
		_exit(0);
	}
	close(fds[1]);
	if (waitpid(c, &st, 0) != c)
		return 98;
	/* EOF once the grandchild is gone */
	while (read(fds[0], &buf, 1) > 0)
		;
	if (sub) {
		g = wait(&st);
		dprintf(1, "reaped=%d\n", g);
	}
	return 0;
}
