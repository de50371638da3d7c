/* tests/bench/sleepers.c - bench workload W9: a command run beside N sleeping children, timed alone. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000ll + ts.tv_nsec / 1000;
}

/*
 * sleepers N CMD ARGS...: fork N children that block on a pipe, run CMD
 * and wait for it, then let the children go and reap them.  Prints
 * "cmd_us=T" (CMD's wall time only: the N forks and reaps are not in it)
 * and exits with CMD's status, or 99 if something failed.
 */
int main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[1]) : 0, fds[2], st = 0, bad = 0;
	long long t0, t1;
	pid_t cmd;
	char c;

	if (n <= 0 || pipe(fds) < 0) {
		fprintf(stderr, "usage: sleepers N CMD ARGS...\n");
		return 99;
	}
	for (int i = 0; i < n; i++) {
		pid_t p = fork();

		if (p < 0) {
			perror("sleepers: fork");
			return 99;
		}
		if (p == 0) {
			close(fds[1]);
			/* until every write end is closed: EOF */
			_exit(read(fds[0], &c, 1) == 0 ? 0 : 1);
		}
	}
	close(fds[0]);
	t0 = now_us();
	cmd = fork();
	if (cmd == 0) {
		close(fds[1]);
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	if (cmd < 0 || waitpid(cmd, &st, 0) != cmd)
		return 99;
	t1 = now_us();
	close(fds[1]);
	for (int s; wait(&s) > 0;)
		bad += !WIFEXITED(s) || WEXITSTATUS(s) != 0;
	printf("cmd_us=%lld\n", t1 - t0);
	if (bad)
		return 99;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 99;
}
