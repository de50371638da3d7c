/* sleepers - a parent with 2 sleeping children (for attach --tree); all run until killed (at most 60 s). */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

static pid_t sleeper(void)
{
	pid_t c = fork();

	if (c == 0) {
		alarm(60);
		for (;;)
			pause();
	}
	return c;
}

int main(void)
{
	pid_t c1, c2;

	alarm(60);
	c1 = sleeper();
	c2 = sleeper();
	dprintf(1, "pid=%d\nchild1=%d\nchild2=%d\nready=1\n", getpid(), c1, c2);
	for (;;)
		pause();
}
