/*
 * threads8 - 8 pthreads created and joined; with argument "group" the main
 * thread calls exit(3) while the 8 threads still block (exit_group).
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_barrier_t ready;
static int group_mode;

static void *worker(void *arg)
{
	(void)arg;
	dprintf(1, "tid=%d\n", gettid());
	pthread_barrier_wait(&ready);
	if (group_mode)
		for (;;)
			pause();
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[8];
	int i;

	group_mode = argc > 1 && strcmp(argv[1], "group") == 0;
	alarm(20);
	pthread_barrier_init(&ready, NULL, 9);
	dprintf(1, "pid=%d\n", getpid());
	for (i = 0; i < 8; i++)
		if (pthread_create(&t[i], NULL, worker, NULL) != 0)
			return 99;
	pthread_barrier_wait(&ready);
	if (group_mode)
		exit(3);
	for (i = 0; i < 8; i++)
		pthread_join(t[i], NULL);
	return 0;
}
