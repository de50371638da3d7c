/*
 * segv - a child writes to address 0x10 and dies of SIGSEGV; the parent
 * prints what wait(2) said, including whether the kernel dumped core.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	/* volatile: the compiler must neither see nor fold the bad address */
	volatile uintptr_t addr = 0x10;
	volatile int *bad = (volatile int *)addr;
	int st;
	pid_t c;

	dprintf(1, "parent=%d\naddr=%p\n", getpid(), (void *)bad);
	c = fork();
	if (c == 0) {
		*bad = 1;
		_exit(0);
	}
	if (waitpid(c, &st, 0) != c)
		return 98;
	dprintf(1, "child=%d\nsig=%d\ncore=%d\n", c,
		WIFSIGNALED(st) ? WTERMSIG(st) : 0,
		WIFSIGNALED(st) && WCOREDUMP(st) ? 1 : 0);
	return 0;
}
