/*
 * tui_execsleep - asleep before and after an exec of itself ("again"), so a
 * state sampler that keeps its pre-exec S sees no change; then a child in
 * a new pid namespace (clone CLONE_NEWPID) that sleeps: its state events
 * must carry nspid.  Prints pid= and child= (the child only when the
 * namespace could be made: ns=0 otherwise).
 */
#include "config.h"

#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void nap(void)
{
	struct timespec ts = { 0, 600 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
	static char again_arg[] = "again";
	char *again[] = { argv[0], again_arg, NULL };
	long child;

	alarm(30);
	if (argc < 2 || strcmp(argv[1], "again") != 0) {
		dprintf(1, "pid=%d\n", getpid());
		nap();
		execv("/proc/self/exe", again);
		return 1;
	}
	nap();
	child = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, NULL, NULL, 0);
	if (child == 0) {
		nap();
		_exit(0);
	}
	if (child < 0) {
		dprintf(1, "ns=0\n");
		return 0;
	}
	dprintf(1, "ns=1\nchild=%ld\n", child);
	waitpid((pid_t)child, NULL, 0);
	return 0;
}
