/* pidns.c - unshare(CLONE_NEWPID) or setns, then fork: children that wait, kill and tgkill by inner pids. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int ready[2];	/* a child or thread says "printed, go on" */

/*
 * name=OUTER and name_in=INNER: /proc is still the outer mount, so
 * /proc/thread-self reads "OUTER_PID/task/OUTER_TID".
 */
static void say(const char *name, int inner, bool go_on)
{
	char link[64] = "";
	const char *tid;

	if (readlink("/proc/thread-self", link, sizeof(link) - 1) < 0 ||
	    !(tid = strrchr(link, '/')))
		_exit(90);
	printf("%s=%s\n%s_in=%d\n", name, tid + 1, name, inner);
	fflush(stdout);
	if (go_on && write(ready[1], "x", 1) != 1)
		_exit(91);
}

static void wait_ready(void)
{
	char c;

	if (read(ready[0], &c, 1) != 1)
		_exit(92);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static pid_t thread_inner;	/* set before the thread says ready */

static void *thread_main(void *arg)
{
	sigset_t none;

	(void)arg;
	thread_inner = (pid_t)syscall(SYS_gettid);
	say("t", (int)thread_inner, true);
	/* SIGUSR1 stays blocked until here: a tgkill before it is not lost. */
	sigemptyset(&none);
	sigsuspend(&none);
	return NULL;
}

/* pid 1 of the new ns: every pid it handles is an inner one. */
static int init_main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigset_t set;
	pthread_t th;
	siginfo_t si;
	pid_t a, b;
	int st;

	say("init", (int)getpid(), false);
	a = fork();
	if (a == 0) {
		say("a", (int)getpid(), true);
		for (;;)
			pause();	/* until init's kill */
	}
	if (a < 0)
		return 10;
	wait_ready();
	if (kill(a, SIGTERM) < 0 || waitpid(a, &st, 0) != a ||
	    !WIFSIGNALED(st))
		return 11;
	/* Blocked in both; the thread waits for it in sigsuspend. */
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (pthread_create(&th, NULL, thread_main, NULL) != 0)
		return 12;
	wait_ready();
	if (syscall(SYS_tgkill, getpid(), thread_inner, SIGUSR1) < 0 ||
	    pthread_join(th, NULL) != 0)
		return 13;
	b = fork();
	if (b == 0) {
		say("b", (int)getpid(), true);
		_exit(7);
	}
	if (b < 0)
		return 14;
	wait_ready();
	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, (id_t)b, &si, WEXITED) < 0 || si.si_pid != b ||
	    si.si_status != 7)
		return 15;
	return 3;
}

/*
 * setns into a child's pid ns, then fork: the new child is pid 2 there and
 * signals that ns's init by its inner pid 1.
 */
static int setns_main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigset_t usr1, none;
	char path[64];
	pid_t h, c;
	long r;
	int fd, st, go[2];
	char go_c;

	if (pipe(go) < 0)
		return 1;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigemptyset(&none);
	sigaction(SIGUSR1, &sa, NULL);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	r = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (r == 0) {
		say("h", (int)getpid(), true);
		sigsuspend(&none);	/* until c's kill(1, SIGUSR1) */
		/* The ns ends with its init: stay until c is reaped. */
		if (read(go[0], &go_c, 1) != 1)
			_exit(24);
		_exit(5);
	}
	if (r < 0) {
		perror("clone(CLONE_NEWPID)");
		return 77;
	}
	h = (pid_t)r;
	wait_ready();
	snprintf(path, sizeof(path), "/proc/%d/ns/pid", (int)h);
	if ((fd = open(path, O_RDONLY)) < 0 || setns(fd, CLONE_NEWPID) < 0)
		return 20;
	c = fork();
	if (c == 0) {
		say("c", (int)getpid(), false);
		_exit(kill(1, SIGUSR1) < 0 ? 21 : 0);
	}
	if (c < 0 || waitpid(c, &st, 0) != c || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0 || write(go[1], "x", 1) != 1)
		return 22;
	if (waitpid(h, &st, 0) != h || !WIFEXITED(st) || WEXITSTATUS(st) != 5)
		return 23;
	return 3;
}

int main(int argc, char **argv)
{
	pid_t init;
	int st;

	if (pipe(ready) < 0)
		return 1;
	printf("pid=%d\n", (int)getpid());
	fflush(stdout);
	if (argc > 1 && strcmp(argv[1], "setns") == 0)
		return setns_main();
	if (unshare(CLONE_NEWPID) < 0) {
		perror("unshare(CLONE_NEWPID)");
		return 77;
	}
	init = fork();
	if (init == 0)
		_exit(init_main());
	if (init < 0 || waitpid(init, &st, 0) != init)
		return 1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
