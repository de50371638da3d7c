/* exec_thread - a non-leader thread calls execve("/bin/true"): the kernel gives it the leader's pid. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

extern char **environ;

static void *runner(void *arg)
{
	char *const argv[] = { (char *)"true", NULL };

	(void)arg;
	dprintf(1, "tid=%d\n", gettid());
	execve("/bin/true", argv, environ);
	dprintf(1, "execve failed\n");
	_exit(99);
}

int main(void)
{
	pthread_t t;

	alarm(20);
	dprintf(1, "pid=%d\n", getpid());
	if (pthread_create(&t, NULL, runner, NULL) != 0)
		return 98;
	for (;;)
		pause();
}
