/*
 * zombie_why - a zombie whose parent does not reap it, for three reasons
 * (argv[1]): "other": it waits for another child (waitpid(B) while A is
 * dead); "blocked": SIGCHLD blocked and the parent asleep; "subreaper":
 * we set PR_SET_CHILD_SUBREAPER and our child is the parent asleep.
 * Prints parent=, zombie= and other= (B, or the subreaper); ends by alarm.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* Fork a child that exits at once: the zombie. */
static pid_t zombie_child(void)
{
	pid_t z = fork();

	if (z == 0)
		_exit(0);
	return z;
}

static void nap(void)
{
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "other";
	sigset_t set;
	pid_t z, b, top = getpid();

	alarm(60);
	if (strcmp(how, "other") == 0) {
		z = zombie_child();
		b = fork();
		if (b == 0)
			nap();
		dprintf(1, "parent=%d\nzombie=%d\nother=%d\n", getpid(), z, b);
		waitpid(b, NULL, 0);
		return 0;
	}
	if (strcmp(how, "blocked") == 0) {
		sigemptyset(&set);
		sigaddset(&set, SIGCHLD);
		sigprocmask(SIG_BLOCK, &set, NULL);
		z = zombie_child();
		dprintf(1, "parent=%d\nzombie=%d\nother=0\n", getpid(), z);
		nap();
	}
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) {
		perror("prctl");
		return 1;
	}
	b = fork();
	if (b == 0) {
		alarm(60);
		z = zombie_child();
		dprintf(1, "parent=%d\nzombie=%d\nother=%d\n", getpid(), z,
			top);
		nap();
	}
	waitpid(b, NULL, 0);
	return 0;
}
