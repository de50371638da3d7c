/* plt_calls.c - exactly 1000 atoi and 500 strlen calls through the PLT; also threaded, forking and slow variants. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* volatile pointers: atoi and strlen are pure, each call must stay */
static const char *volatile plt_num = "42";
static const char *volatile plt_str = "hello";

static long plt_work(int n_atoi, int n_strlen)
{
	long sum = 0;

	for (int i = 0; i < n_atoi; i++)
		sum += atoi(plt_num);
	for (int i = 0; i < n_strlen; i++)
		sum += (long)strlen(plt_str);
	return sum;
}

static void *plt_thread(void *arg)
{
	*(long *)arg = plt_work(250, 125);
	return NULL;
}

/*
 * Usage: plt_calls                  1000 atoi, 500 strlen
 *        plt_calls threads          the same split over 4 threads
 *        plt_calls fork             500/250, fork, 500/250 in both
 *        plt_calls slow N           N x (atoi, 1 ms sleep): for attach tests
 *        plt_calls bench N          N atoi calls
 * Prints pid=, and exits 0 only if every result was right.
 */
int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "plain";
	long sum = 0, want;

	printf("pid=%d\n", (int)getpid());
	fflush(stdout);
	if (strcmp(mode, "threads") == 0) {
		pthread_t th[4];
		long part[4];

		for (int i = 0; i < 4; i++)
			pthread_create(&th[i], NULL, plt_thread, &part[i]);
		for (int i = 0; i < 4; i++) {
			pthread_join(th[i], NULL);
			sum += part[i];
		}
		want = 1000 * 42 + 500 * 5;
	} else if (strcmp(mode, "fork") == 0) {
		pid_t child;
		int st;

		sum = plt_work(500, 250);
		child = fork();
		if (child < 0)
			return 2;
		sum += plt_work(500, 250);
		if (child == 0)
			_exit(sum == 1000 * 42 + 500 * 5 ? 0 : 1);
		printf("child=%d\n", (int)child);
		if (waitpid(child, &st, 0) != child || !WIFEXITED(st) ||
		    WEXITSTATUS(st) != 0)
			return 3;
		want = 1000 * 42 + 500 * 5;
	} else if (strcmp(mode, "slow") == 0 || strcmp(mode, "bench") == 0) {
		int n = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 1000;
		struct timespec ms = { 0, 1000000 };

		for (int i = 0; i < n; i++) {
			sum += plt_work(1, 0);
			if (mode[0] == 's')
				nanosleep(&ms, NULL);
		}
		want = (long)n * 42;
	} else {
		sum = plt_work(1000, 500);
		want = 1000 * 42 + 500 * 5;
	}
	printf("sum=%ld\n", sum);
	return sum == want ? 0 : 1;
}
