/*
 * fork_kill - parents killed in the middle of their fork: the main process
 * (a subreaper, so the orphans come back to it) starts FORKERS forkers that
 * fork children (each exits at once) in a tight loop; once each has forked
 * 20 times it SIGKILLs them all, and each is then likely inside fork(): a
 * new child may exist whose parent never returns from the call.  Then it
 * reaps everything and exits 0.  Prints "forker=PID" for each.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void forker(int ready)
{
	int n = 0;

	for (;;) {
		pid_t c = fork();

		if (c == 0)
			_exit(0);
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (++n == 20 && write(ready, "r", 1) != 1)
			_exit(98);
	}
}

#define FORKERS 8

int main(void)
{
	pid_t f[FORKERS];
	int fds[2], i;
	char c;

	alarm(30);
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0 || pipe(fds) < 0)
		return 99;
	for (i = 0; i < FORKERS; i++) {
		f[i] = fork();
		if (f[i] < 0)
			return 99;
		if (f[i] == 0) {
			close(fds[0]);
			forker(fds[1]);
		}
		dprintf(1, "forker=%d\n", (int)f[i]);
	}
	close(fds[1]);
	for (i = 0; i < FORKERS; i++)
		if (read(fds[0], &c, 1) != 1)
			return 97;
	for (i = 0; i < FORKERS; i++)
		kill(f[i], SIGKILL);
	/* The forker, and every orphan it left (we are their subreaper). */
	while (wait(NULL) > 0 || errno == EINTR)
		;
	return 0;
}
