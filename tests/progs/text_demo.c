/*
 * text_demo - a fixed scenario for the exact text output: a signal to self
 * with a handler, a fork, a failed and a successful execve with argv strings
 * that need escaping and truncation, an exit 1 and a reap.  SIGCHLD is
 * blocked so its delivery does not race with the reap.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void on_usr1(int sig)
{
	(void)sig;
}

int main(void)
{
	char *const a1[] = { (char *)"nonexistent", NULL };
	char *const a2[] = {
		(char *)"false", (char *)"tab\there", (char *)"nl\nx",
		(char *)"bs\\y", (char *)"\xff\x01", (char *)"0123456789abcdefXYZ",
		NULL
	};
	sigset_t chld;
	int st;
	pid_t c;

	signal(SIGUSR1, on_usr1);
	kill(getpid(), SIGUSR1);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	c = fork();
	if (c == 0) {
		execve("/nonexistent", a1, environ);
		execve("/bin/false", a2, environ);
		_exit(99);
	}
	if (waitpid(c, &st, 0) != c)
		return 98;
	dprintf(1, "parent=%d\nchild=%d\n", getpid(), c);
	return 0;
}
