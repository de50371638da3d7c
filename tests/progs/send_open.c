/*
 * send_open - sends whose result no delivery stop shows: each prints what
 * the call returned ("NAME=RESULT" lines, RESULT 0 or an errno name).
 *   eperm    a child drops to uid 65534 and signals its root parent (EPERM)
 *   sigwait  a child signals its parent, which takes it with sigwaitinfo
 *   merge    a child signals its parent twice while it is blocked: one
 *            delivery for the two sends, when the parent unblocks it
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *result(int rc)
{
	return rc == 0 ? "0" : errno == EPERM ? "EPERM" : strerror(errno);
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* The child's part: each send's result on stdout. */
static void child(const char *mode, pid_t parent, int done_fd)
{
	if (strcmp(mode, "eperm") == 0) {
		if (setresuid(65534, 65534, 65534) != 0)
			_exit(99);
		printf("eperm=%s\n", result(kill(parent, SIGUSR1)));
	} else if (strcmp(mode, "sigwait") == 0) {
		printf("sigwait=%s\n", result(kill(parent, SIGUSR1)));
	} else {
		printf("merge1=%s\n", result(kill(parent, SIGUSR1)));
		printf("merge2=%s\n", result(kill(parent, SIGUSR1)));
	}
	fflush(stdout);
	if (write(done_fd, "x", 1) != 1)
		_exit(98);
	_exit(0);
}

int main(int argc, char **argv)
{
	sigset_t usr1;
	siginfo_t si;
	int fds[2], st;
	char b;
	pid_t c;

	if (argc != 2)
		return 2;
	alarm(20);
	signal(SIGUSR1, on_usr1); /* a handler: the merged one is delivered */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	if (pipe(fds) != 0)
		return 99;
	fflush(stdout);
	c = fork();
	if (c == 0)
		child(argv[1], getppid(), fds[1]);
	if (read(fds[0], &b, 1) != 1)
		return 97;
	if (strcmp(argv[1], "sigwait") == 0) {
		if (sigwaitinfo(&usr1, &si) != SIGUSR1)
			return 96;
		printf("taken_from=%d\n", (int)si.si_pid);
	}
	/* merge: the one pending SIGUSR1 is delivered here */
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	if (waitpid(c, &st, 0) != c)
		return 95;
	printf("child=%d status=%d\n", (int)c, st);
	return 0;
}
