/*
 * waitid_reap - reap with waitid(P_PID): first a WNOWAIT peek (not a reap),
 * then the real reap.  The child interrupts our waitid with SIGUSR1 (handler,
 * SA_RESTART) so the kernel restarts it (ERESTARTSYS is not a result).
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t usr1;

static void on_usr1(int sig)
{
	(void)sig;
	usr1++;
}

/* Is PID blocked in waitid? (/proc/PID/syscall starts with its number) */
static int in_waitid(pid_t pid)
{
	char path[64], buf[32];
	FILE *f;
	int nr = -1;

	snprintf(path, sizeof(path), "/proc/%d/syscall", pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fgets(buf, sizeof(buf), f))
		sscanf(buf, "%d", &nr);
	fclose(f);
	return nr == SYS_waitid;
}

int main(void)
{
	struct sigaction sa;
	struct timespec ms = { 0, 1000 * 1000 };
	siginfo_t si;
	pid_t c;
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	alarm(20);
	c = fork();
	if (c == 0) {
		for (i = 0; i < 3000 && !in_waitid(getppid()); i++)
			nanosleep(&ms, NULL);
		kill(getppid(), SIGUSR1);
		for (i = 0; i < 50; i++)
			nanosleep(&ms, NULL);
		_exit(9);
	}
	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, c, &si, WEXITED | WNOWAIT) != 0 || si.si_pid != c)
		return 98;
	dprintf(1, "peek=%d\n", si.si_status);
	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, c, &si, WEXITED) != 0 || si.si_pid != c)
		return 97;
	dprintf(1, "parent=%d\nchild=%d\ncode=%d\nusr1=%d\n", getpid(), c,
		si.si_status, (int)usr1);
	return 0;
}
