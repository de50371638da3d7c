/* reapwatch.c - exact reaps from pidfds: the kernel probe, the epoll set of zombies. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tracer/reapwatch.h"

#define DRAIN_BATCH 64

/* fds kept free of pidfds: the log, /proc reads, the UI, --on-break commands */
#define FD_RESERVE 64
/* fewer pidfds than this beside the reserve: not worth a reap_watch "pidfd" */
#define PIDFD_MIN 16

static struct rlimit nofile_orig;
static bool nofile_raised;

static int pidfd_open_nocheck(pid_t pid)
{
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

/*
 * Does a pidfd in an epoll set report EPOLLHUP once its process is reaped?
 * The POLLHUP went in with Linux 6.9 (pidfd_poll after release_task);
 * before, a zombie and a reaped pid both poll just POLLIN.  Asked of the
 * kernel by behaviour: a child that exits at once, watched, then reaped.
 */
static bool reapwatch_probe(int epfd)
{
	struct epoll_event ev = { .events = 0 }, got;
	bool hup = false;
	int fd, n;
	pid_t pid = fork();

	if (pid < 0)
		return false;
	if (pid == 0)
		_exit(0);
	fd = pidfd_open_nocheck(pid);
	if (fd >= 0 && epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) == 0) {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		n = epoll_wait(epfd, &got, 1, 0);
		hup = n == 1 && (got.events & EPOLLHUP);
		epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
	} else {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (fd >= 0)
		close(fd);
	return hup;
}

/* One pidfd per traced process: a 10,000-process tree needs the hard limit. */
static void reapwatch_raise_nofile(void)
{
	struct rlimit r;

	if (getrlimit(RLIMIT_NOFILE, &nofile_orig) < 0)
		return;
	r = nofile_orig;
	if (r.rlim_cur >= r.rlim_max)
		return;
	r.rlim_cur = r.rlim_max;
	nofile_raised = setrlimit(RLIMIT_NOFILE, &r) == 0;
}

/* The soft RLIMIT_NOFILE now, capped to an int (fd numbers are ints). */
static int reapwatch_fd_limit(void)
{
	struct rlimit r;

	if (getrlimit(RLIMIT_NOFILE, &r) < 0)
		return 1024;
	return r.rlim_cur > INT_MAX ? INT_MAX : (int)r.rlim_cur;
}

void reapwatch_child_restore(void)
{
	/* Programs that select() or close every fd expect the usual limit. */
	if (nofile_raised)
		setrlimit(RLIMIT_NOFILE, &nofile_orig);
}

void reapwatch_init(struct tracer *t)
{
	const char *off = getenv("PROCTRACE_NO_PIDFD");

	t->reap_watch = RW_SYSCALL;
	t->reap_epfd = -1;
	if (off && *off && strcmp(off, "0") != 0)
		return;
	t->reap_epfd = epoll_create1(EPOLL_CLOEXEC);
	if (t->reap_epfd < 0)
		return;
	if (!reapwatch_probe(t->reap_epfd)) {
		close(t->reap_epfd);
		t->reap_epfd = -1;
		return;
	}
	reapwatch_raise_nofile();
	if (reapwatch_fd_limit() < FD_RESERVE + PIDFD_MIN) {
		/* no room for pidfds beside the reserve: the syscall path */
		reapwatch_child_restore();
		nofile_raised = false;
		close(t->reap_epfd);
		t->reap_epfd = -1;
		return;
	}
	t->reap_watch = RW_PIDFD;
	t->tasks.pidfds = true;
	t->tasks.pidfd_max = reapwatch_fd_limit() - FD_RESERVE;
}

int reapwatch_arm(struct tracer *t, struct proc *proc)
{
	/* pid and fd both: a late report for a dropped record is told apart. */
	struct epoll_event ev = {
		.events =
			0, /* EPOLLHUP is always reported; POLLIN (exited) is not wanted */
		.data.u64 = (uint64_t)(uint32_t)proc->pid |
			    (uint64_t)(uint32_t)proc->pidfd << 32,
	};

	if (proc->pidfd < 0 || t->reap_epfd < 0)
		return -1;
	if (proc->pidfd_armed)
		return 0;
	if (epoll_ctl(t->reap_epfd, EPOLL_CTL_ADD, proc->pidfd, &ev) < 0)
		return -1;
	proc->pidfd_armed = true;
	t->n_reap_armed++;
	return 0;
}

void reapwatch_disarm(struct tracer *t, struct proc *proc)
{
	if (!proc->pidfd_armed)
		return;
	epoll_ctl(t->reap_epfd, EPOLL_CTL_DEL, proc->pidfd, NULL);
	proc->pidfd_armed = false;
	t->n_reap_armed--;
}

int reapwatch_poll_fd(const struct tracer *t)
{
	return t->n_reap_armed ? t->reap_epfd : -1;
}

size_t reapwatch_drain(struct tracer *t)
{
	struct epoll_event evs[DRAIN_BATCH];
	uint64_t look = engine_now(t), after = t->reap_looked;
	size_t reaped = 0;
	int n;

	/* the bound is taken before the look: a reap it misses is after it */
	t->reap_looked = look;
	do {
		if (!t->n_reap_armed)
			return reaped;
		n = epoll_wait(t->reap_epfd, evs, DRAIN_BATCH, 0);
		for (int i = 0; i < n; i++) {
			pid_t pid = (pid_t)(uint32_t)evs[i].data.u64;
			int fd = (int)(evs[i].data.u64 >> 32);
			struct proc *p = tasks_find_proc(&t->tasks, pid);

			if (!(evs[i].events & (EPOLLHUP | EPOLLERR)) || !p ||
			    p->pidfd != fd || !p->pidfd_armed)
				continue;
			zombies_pidfd_reaped(t, p, after);
			reaped++;
		}
	} while (n == DRAIN_BATCH);
	return reaped;
}
