/*
 * tui_family - a parent that never waits: one child exits 3 at once (a
 * zombie for as long as the parent lives), one child sleeps.  The parent
 * sleeps too; all end by alarm after 60 s at most.  Prints the pids.
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

int main(void)
{
	pid_t zombie, sleeper;

	alarm(60);
	zombie = fork();
	if (zombie == 0)
		_exit(3);
	sleeper = fork();
	if (sleeper == 0) {
		alarm(60);
		for (;;)
			pause();
	}
	dprintf(1, "parent=%d\nzombie=%d\nsleeper=%d\n", getpid(), zombie,
		sleeper);
	for (;;)
		pause();
}
