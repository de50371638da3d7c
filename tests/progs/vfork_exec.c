/* vfork_exec - vfork, the child execs /bin/true, the parent reaps it. */
#include "config.h"

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(void)
{
	char *const argv[] = { (char *)"true", NULL };
	int st;
	pid_t c = vfork();

	if (c == 0) {
		execve("/bin/true", argv, environ);
		_exit(127);
	}
	if (c < 0 || waitpid(c, &st, 0) != c)
		return 98;
	dprintf(1, "parent=%d\nchild=%d\ncode=%d\n", getpid(), c,
		WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return 0;
}
