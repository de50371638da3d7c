/*
 * stops_work - units of work whose ptrace stops are counted (stops.test,
 * tests/bench/run.sh): "threads N" creates and joins N pthreads one after
 * the other; "pingpong N" forks a child and the two send each other
 * SIGUSR1 N times, each caught by a handler (one delivery per signal);
 * "selfsig N" sends SIGUSR1 to itself 2N times, by raise (tgkill) and by
 * kill, each caught by the handler.
 */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void *thread_body(void *arg)
{
	return arg;
}

static int threads(long n)
{
	pthread_t th;

	for (long i = 0; i < n; i++)
		if (pthread_create(&th, NULL, thread_body, NULL) != 0 ||
		    pthread_join(th, NULL) != 0)
			return 1;
	return 0;
}

static void on_usr1(int sig)
{
	(void)sig;
}

/*
 * SIGUSR1 stays blocked but inside sigsuspend, so a signal sent before the
 * peer waits is kept pending, never lost; the handler makes each one a
 * delivery (sigwaitinfo would take it without one).
 */
static void pingpong_side(pid_t peer, long n, bool first)
{
	sigset_t wait_mask;

	sigemptyset(&wait_mask);
	for (long i = 0; i < n; i++) {
		if (first)
			kill(peer, SIGUSR1);
		sigsuspend(&wait_mask);
		if (!first)
			kill(peer, SIGUSR1);
	}
}

static int selfsig(long n)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	for (long i = 0; i < n; i++)
		if (raise(SIGUSR1) != 0 || kill(getpid(), SIGUSR1) != 0)
			return 1;
	return 0;
}

static int pingpong(long n)
{
	struct sigaction sa;
	sigset_t usr1;
	pid_t child;
	int st;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	child = fork();
	if (child < 0)
		return 1;
	if (child == 0) {
		pingpong_side(getppid(), n, false);
		_exit(0);
	}
	pingpong_side(child, n, true);
	return waitpid(child, &st, 0) == child && WIFEXITED(st) &&
			       WEXITSTATUS(st) == 0 ?
		       0 :
		       1;
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? strtol(argv[2], NULL, 10) : 1;

	alarm(60);
	if (argc > 1 && strcmp(argv[1], "threads") == 0)
		return threads(n);
	if (argc > 1 && strcmp(argv[1], "pingpong") == 0)
		return pingpong(n);
	if (argc > 1 && strcmp(argv[1], "selfsig") == 0)
		return selfsig(n);
	fprintf(stderr, "usage: stops_work threads|pingpong|selfsig N\n");
	return 2;
}
