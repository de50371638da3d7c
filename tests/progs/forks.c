/*
 * forks - the raw fork(2) syscall; clone(CLONE_VM|SIGCHLD), which the kernel
 * reports as PTRACE_EVENT_FORK although memory is shared; and
 * clone(CLONE_VM) with no exit signal, reaped with __WCLONE.
 */
#include "config.h"

#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char stack1[64 * 1024] __attribute__((aligned(16)));
static char stack2[64 * 1024] __attribute__((aligned(16)));

static int child_fn(void *arg)
{
	return (int)(long)arg;	/* becomes the exit code */
}

static int reap(pid_t p, int opts)
{
	int st;

	if (p <= 0 || waitpid(p, &st, opts) != p)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(void)
{
	pid_t c1, c2, c3;
	int r1, r2, r3;

	alarm(20);
	dprintf(1, "parent=%d\n", getpid());
	c1 = (pid_t)syscall(SYS_fork);
	if (c1 == 0)
		_exit(4);
	r1 = reap(c1, 0);
	c2 = clone(child_fn, stack1 + sizeof(stack1), CLONE_VM | SIGCHLD, (void *)5L);
	r2 = reap(c2, 0);
	c3 = clone(child_fn, stack2 + sizeof(stack2), CLONE_VM, (void *)6L);
	r3 = reap(c3, __WCLONE);
	dprintf(1, "c1=%d\nc2=%d\nc3=%d\ncodes=%d,%d,%d\n", c1, c2, c3, r1, r2, r3);
	return 0;
}
