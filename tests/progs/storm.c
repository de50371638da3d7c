/* storm - fork 200 children that each exit i % 256 at once; the parent reaps them all. */
#include "config.h"

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 200

int main(void)
{
	pid_t kids[N];
	int codes[N], i, ok = 0, st;

	alarm(30);
	for (i = 0; i < N; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			_exit(i % 256);
		if (kids[i] < 0)
			return 99;
		codes[i] = -1;
	}
	for (i = 0; i < N; i++) {
		pid_t p = wait(&st);
		int j;

		for (j = 0; j < N; j++)
			if (kids[j] == p && WIFEXITED(st))
				codes[j] = WEXITSTATUS(st);
	}
	dprintf(1, "parent=%d\n", getpid());
	for (i = 0; i < N; i++) {
		dprintf(1, "kid %d %d\n", kids[i], codes[i]);
		ok += codes[i] == i % 256;
	}
	dprintf(1, "ok=%d\n", ok);
	return ok == N ? 0 : 1;
}
