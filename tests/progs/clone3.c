/*
 * clone3 - three clone3(2) calls: plain fork-like (flags 0), one with
 * CLONE_CLEAR_SIGHAND (a flag above bit 31), and posix_spawn("/bin/true"),
 * which glibc does as clone3(CLONE_VM|CLONE_VFORK) on its own stack.
 */
#include "config.h"

#include <linux/sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static pid_t do_clone3(uint64_t flags, int code)
{
	struct clone_args ca;
	long r;

	memset(&ca, 0, sizeof(ca));
	ca.flags = flags;
	ca.exit_signal = SIGCHLD;
	r = syscall(SYS_clone3, &ca, sizeof(ca));
	if (r == 0)
		_exit(code);	/* fork-like child: own copy of the stack */
	return (pid_t)r;
}

static int reap(pid_t p)
{
	int st;

	if (p <= 0 || waitpid(p, &st, 0) != p)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(void)
{
	char *const argv[] = { (char *)"true", NULL };
	pid_t c1, c2, c3;
	int r1, r2, r3;

	dprintf(1, "parent=%d\n", getpid());
	c1 = do_clone3(0, 0);
	r1 = reap(c1);
	c2 = do_clone3(CLONE_CLEAR_SIGHAND, 1);
	r2 = reap(c2);
	if (posix_spawn(&c3, "/bin/true", NULL, NULL, argv, environ) != 0)
		return 99;
	r3 = reap(c3);
	dprintf(1, "c1=%d\nc2=%d\nc3=%d\ncodes=%d,%d,%d\n", c1, c2, c3, r1, r2, r3);
	return 0;
}
