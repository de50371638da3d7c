/*
 * leader_exit_exec - the leader thread ends with exit(42) (the thread-exit
 * syscall, not exit_group); then the other thread execs /bin/true, which
 * takes the leader's pid (strace's threads-execve case).  Prints "pid=" and
 * "tid=" (the exec'ing thread) first.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static pid_t leader;

/* State letter of the leader task: 'Z' once its exit is done. */
static char leader_state(void)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)leader);
	f = fopen(path, "re");
	if (!f)
		return '?';
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

static void *execer(void *arg)
{
	struct timespec tick = { 0, 1000 * 1000 };
	char *const argv[] = { (char *)"true", NULL };

	(void)arg;
	dprintf(1, "tid=%d\n", gettid());
	/* Exec only after the leader's exit: poll its state (no timing guess). */
	while (leader_state() != 'Z')
		nanosleep(&tick, NULL);
	execve("/bin/true", argv, environ);
	dprintf(1, "execve failed\n");
	_exit(99);
}

int main(void)
{
	pthread_t t;

	alarm(20);
	leader = getpid();
	dprintf(1, "pid=%d\n", leader);
	if (pthread_create(&t, NULL, execer, NULL) != 0)
		return 98;
	syscall(SYS_exit, 42);
	return 97;
}
