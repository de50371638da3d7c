/* plt_calls.c - exactly 1000 atoi and 500 strlen calls through the PLT; also threaded, forking, slow and busy variants. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
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

static atomic_bool plt_stop;
static atomic_long plt_bad;

static void plt_on_usr1(int sig)
{
	(void)sig;
	atomic_store(&plt_stop, true);
}

/* Until told to stop: four library calls, each result checked. */
static void *plt_busy(void *arg)
{
	struct timespec pause = { 0, 1000000 };
	long *loops = arg;
	char buf[32];

	while (!atomic_load(&plt_stop)) {
		/* A breather: traced, each call is a stop; the test machine has few cores. */
		nanosleep(&pause, NULL);
		if (atoi(plt_num) != 42 || strlen(plt_str) != 5 ||
		    getpid() <= 0 ||
		    snprintf(buf, sizeof(buf), "%d", atoi(plt_num)) != 2)
			atomic_fetch_add(&plt_bad, 1);
		(*loops)++;
	}
	return NULL;
}

/*
 * Usage: plt_calls                  1000 atoi, 500 strlen
 *        plt_calls threads          the same split over 4 threads
 *        plt_calls fork             500/250, fork, 500/250 in both
 *        plt_calls slow N           N x (atoi, 1 ms sleep): for attach tests;
 *                                   N = 0: until SIGUSR1, however slow the
 *                                   machine (prints loops=)
 *        plt_calls bench N          N atoi calls
 *        plt_calls busy             4 threads call atoi, strlen, getpid
 *                                   and snprintf until SIGUSR1 (attach tests)
 * Prints pid=, and exits 0 only if every result was right.
 */
int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "plain";
	long sum = 0, want;

	if (strcmp(mode, "busy") == 0) {
		pthread_t th[4];
		long loops[4] = { 0 };
		sigset_t set;
		int sig;

		/* Every thread inherits the block: only sigwait takes SIGUSR1. */
		sigemptyset(&set);
		sigaddset(&set, SIGUSR1);
		pthread_sigmask(SIG_BLOCK, &set, NULL);
		for (int i = 0; i < 4; i++)
			pthread_create(&th[i], NULL, plt_busy, &loops[i]);
		printf("pid=%d\n", (int)getpid());
		fflush(stdout);
		sigwait(&set, &sig);
		atomic_store(&plt_stop, true);
		for (int i = 0; i < 4; i++) {
			pthread_join(th[i], NULL);
			if (loops[i] == 0)
				atomic_fetch_add(&plt_bad, 1);
		}
		printf("bad=%ld\n", atomic_load(&plt_bad));
		return atomic_load(&plt_bad) ? 1 : 0;
	}
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
		long i;

		if (n == 0)
			signal(SIGUSR1, plt_on_usr1);
		for (i = 0; n == 0 ? !atomic_load(&plt_stop) : i < n; i++) {
			sum += plt_work(1, 0);
			if (mode[0] == 's')
				nanosleep(&ms, NULL);
		}
		if (n == 0)
			printf("loops=%ld\n", i);
		want = i * 42;
	} else {
		sum = plt_work(1000, 500);
		want = 1000 * 42 + 500 * 5;
	}
	printf("sum=%ld\n", sum);
	return sum == want ? 0 : 1;
}
