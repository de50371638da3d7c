/* reap_many - N children (argv[1]) sleep on a pipe until the parent closes it, exit 3, and are all reaped. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 10, fds[2], st, reaped = 0, bad = 0;
	struct rlimit r = { 0, 0 };
	char c;

	if (n <= 0 || pipe(fds) < 0)
		return 99;
	getrlimit(RLIMIT_NOFILE, &r);
	for (int i = 0; i < n; i++) {
		pid_t p = fork();

		if (p < 0)
			return 98;
		if (p == 0) {
			close(fds[1]);
			/* blocks until every write end is closed: EOF */
			_exit(read(fds[0], &c, 1) == 0 ? 3 : 4);
		}
	}
	close(fds[0]);
	close(fds[1]);
	while (wait(&st) > 0) {
		reaped++;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 3)
			bad++;
	}
	dprintf(1, "parent=%d\nnofile=%llu\nreaped=%d\nbad=%d\n", getpid(),
		(unsigned long long)r.rlim_cur, reaped, bad);
	return 0;
}
