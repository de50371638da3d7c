/*
 * mt_forker - 3 threads (main + 2 idle, named idle0 and idle1, each printing
 * "tid=TID"); the main thread forks a child every
 * 20 ms that exits at once and is reaped.  Prints its tids, then "ready=1",
 * then "n=COUNT" every 10 forks, until killed (at most 60 s).
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pthread_barrier_t started;

static void *idle(void *arg)
{
	char name[16];

	/* A thread name of its own: its attach event must carry it. */
	snprintf(name, sizeof(name), "idle%d", *(int *)arg);
	prctl(PR_SET_NAME, name);
	dprintf(1, "tid=%d\n", gettid());
	pthread_barrier_wait(&started);
	for (;;)
		pause();
	return NULL;
}

int main(void)
{
	struct timespec tick = { 0, 20 * 1000 * 1000 };
	static int index[2] = { 0, 1 };
	pthread_t t[2];
	int i, st, n = 0;

	alarm(60);
	pthread_barrier_init(&started, NULL, 3);
	dprintf(1, "pid=%d\n", getpid());
	for (i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, idle, &index[i]) != 0)
			return 99;
	pthread_barrier_wait(&started);
	dprintf(1, "ready=1\n");
	for (;;) {
		pid_t c = fork();

		if (c == 0)
			_exit(0);
		if (c > 0 && waitpid(c, &st, 0) == c && ++n % 10 == 0)
			dprintf(1, "n=%d\n", n);
		nanosleep(&tick, NULL);
	}
}
