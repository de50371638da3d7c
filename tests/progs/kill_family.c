/*
 * kill_family - one signal to a child through each sending syscall (kill,
 * tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo, pidfd_send_signal), each
 * acknowledged by the child's handler; then kill(2) of a reaped pid (ESRCH).
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int ack_fd;

static void on_sig(int sig)
{
	char b = (char)sig;

	write(ack_fd, &b, 1);
}

static int wait_ack(int fd, int sig)
{
	char b;

	return read(fd, &b, 1) == 1 && b == (char)sig ? 0 : -1;
}

static void queue_info(siginfo_t *si, int sig)
{
	memset(si, 0, sizeof(*si));
	si->si_signo = sig;
	si->si_code = SI_QUEUE;
	si->si_pid = getpid();
	si->si_uid = getuid();
	si->si_value.sival_int = 7;
}

int main(void)
{
	int sigs[6] = { SIGUSR1, SIGUSR2, SIGHUP, SIGRTMIN, SIGRTMIN + 1, SIGWINCH };
	struct sigaction sa;
	union sigval v = { .sival_int = 7 };
	siginfo_t si;
	int fds[2], i, st, pidfd, bad = 0;
	pid_t c, d;

	alarm(20);
	if (pipe(fds) != 0)
		return 99;
	c = fork();
	if (c == 0) {
		ack_fd = fds[1];
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_sig;
		sa.sa_flags = SA_RESTART;
		for (i = 0; i < 6; i++)
			sigaction(sigs[i], &sa, NULL);
		write(ack_fd, "R", 1);
		for (;;)
			pause();
	}
	if (wait_ack(fds[0], 'R') != 0)
		return 98;
	dprintf(1, "parent=%d\nchild=%d\n", getpid(), c);

	bad |= kill(c, SIGUSR1) != 0 || wait_ack(fds[0], SIGUSR1);
	bad |= syscall(SYS_tkill, c, SIGUSR2) != 0 || wait_ack(fds[0], SIGUSR2);
	bad |= syscall(SYS_tgkill, c, c, SIGHUP) != 0 || wait_ack(fds[0], SIGHUP);
	bad |= sigqueue(c, SIGRTMIN, v) != 0 || wait_ack(fds[0], SIGRTMIN);
	queue_info(&si, SIGRTMIN + 1);
	bad |= syscall(SYS_rt_tgsigqueueinfo, c, c, SIGRTMIN + 1, &si) != 0 ||
	       wait_ack(fds[0], SIGRTMIN + 1);
	pidfd = (int)syscall(SYS_pidfd_open, c, 0);
	bad |= pidfd < 0 ||
	       syscall(SYS_pidfd_send_signal, pidfd, SIGWINCH, NULL, 0) != 0 ||
	       wait_ack(fds[0], SIGWINCH);
	kill(c, SIGTERM);
	if (waitpid(c, &st, 0) != c || !WIFSIGNALED(st))
		bad = 1;

	d = fork();
	if (d == 0)
		_exit(0);
	waitpid(d, &st, 0);
	dprintf(1, "dead=%d\n", d);
	if (kill(d, SIGUSR1) == 0)
		bad = 1;
	dprintf(1, "esrch=%s\nsigrtmin=%d\nbad=%d\n", strerrorname_np(errno),
		SIGRTMIN, bad);
	return bad;
}
