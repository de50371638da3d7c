/*
 * zombie_late - a child that exits 7 at once stays a zombie 300 ms or more
 * before its parent reaps it: the parent sleeps only once it has seen the
 * zombie (waitid WNOWAIT, which a tracer's own collection of the exit
 * precedes), so a slow tracer or a busy machine cannot shorten the time.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	struct timespec ts = { 0, 300 * 1000 * 1000 };
	siginfo_t si;
	int st;
	pid_t c = fork();

	if (c < 0)
		return 99;
	if (c == 0)
		_exit(7);
	if (waitid(P_PID, (id_t)c, &si, WEXITED | WNOWAIT) != 0)
		return 97;
	nanosleep(&ts, NULL);
	if (waitpid(c, &st, 0) != c)
		return 98;
	dprintf(1, "parent=%d\nchild=%d\ncode=%d\n", getpid(), c,
		WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return 0;
}
