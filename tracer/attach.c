/* attach.c - seize running processes thread by thread, and explain refusals. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <unistd.h>

#include "tracer/attach.h"
#include "tracer/exec_ctx.h"
#include "proc/procfs.h"

#define PF_KTHREAD 0x00200000ul

/* Is pid proctrace itself or one of its ancestors?  Mutual tracing deadlocks. */
static bool is_self_or_ancestor(pid_t pid)
{
	pid_t p = getpid();
	int depth = 0;

	while (p > 0 && depth++ < 4096) {
		struct proc_status st;

		if (p == pid)
			return true;
		if (procfs_status(p, &st) < 0)
			break;
		p = st.ppid;
	}
	return false;
}

static bool traced_by_us(pid_t tid)
{
	struct proc_status st;

	return procfs_status(tid, &st) == 0 && st.tracer_pid == getpid();
}

/*
 * Why did PTRACE_SEIZE say EPERM?  Name the cause (doc/ptrace-notes.md, "why
 * attach failed").
 */
static void explain_eperm(pid_t pid, char *buf, size_t size)
{
	struct proc_status st;
	char scope[16];

	if (procfs_status(pid, &st) == 0) {
		if (st.tracer_pid) {
			snprintf(buf, size, "already traced by pid %d",
				 (int)st.tracer_pid);
			return;
		}
		if ((st.have & PS_HAVE_UID) && geteuid() != 0 &&
		    st.uid[0] != geteuid()) {
			snprintf(buf, size,
				 "owned by uid %u, proctrace runs as uid %u",
				 (unsigned)st.uid[0], (unsigned)geteuid());
			return;
		}
	}
	if (procfs_read(1, "../sys/kernel/yama/ptrace_scope", scope,
			sizeof(scope)) > 0 &&
	    scope[0] != '0') {
		snprintf(buf, size, "kernel.yama.ptrace_scope is %c", scope[0]);
		return;
	}
	snprintf(buf, size, "not dumpable, or protected by a security module");
}

static int check_target(pid_t pid, char *err, size_t errsize)
{
	struct proc_status st;
	struct proc_stat ps;

	if (procfs_status(pid, &st) < 0) {
		snprintf(err, errsize, "cannot attach to %d: %s", (int)pid,
			 strerror(errno == ENOENT ? ESRCH : errno));
		return -1;
	}
	if (st.tgid != pid && (st.have & PS_HAVE_TGID)) {
		snprintf(
			err, errsize,
			"cannot attach to %d: it is a thread of %d (give the process id)",
			(int)pid, (int)st.tgid);
		return -1;
	}
	if (is_self_or_ancestor(pid)) {
		snprintf(
			err, errsize,
			"cannot attach to %d: it is proctrace itself or its ancestor",
			(int)pid);
		return -1;
	}
	if (procfs_stat(pid, &ps) == 0 && (ps.flags & PF_KTHREAD)) {
		snprintf(err, errsize,
			 "cannot attach to %d: it is a kernel thread",
			 (int)pid);
		return -1;
	}
	if (st.state == 'Z') {
		snprintf(err, errsize, "cannot attach to %d: it is a zombie",
			 (int)pid);
		return -1;
	}
	if (st.tracer_pid) {
		snprintf(err, errsize,
			 "cannot attach to %d: %s (already traced by pid %d)",
			 (int)pid, strerror(EPERM), (int)st.tracer_pid);
		return -1;
	}
	return 0;
}

/* Seize one task; returns 1 if newly attached, 0 if known or gone, -1 on error. */
static int seize_task(struct tracer *t, struct proc *proc, pid_t tid, char *err,
		      size_t errsize)
{
	struct pt_event ev = { .kind = EV_ATTACH };
	char comm[sizeof(proc->comm)];
	struct task *task;

	if (tasks_find(&t->tasks, tid))
		return 0;
	/* A leader keeps its exit code at PTRACE_EVENT_EXIT (engine_exit_stop). */
	if (ptrace(PTRACE_SEIZE, tid, 0,
		   engine_ptrace_options(t) |
			   (tid == proc->pid ? PTRACE_O_TRACEEXIT : 0)) < 0) {
		char why[128];

		if (errno == ESRCH)
			return 0; /* the thread exited meanwhile */
		/* Cloned by a task seized already: auto-attached, reported at its clone event. */
		if (errno == EPERM && traced_by_us(tid))
			return 0;
		if (errno == EPERM) {
			explain_eperm(tid, why, sizeof(why));
			snprintf(err, errsize, "cannot attach to %d: %s (%s)",
				 (int)tid, strerror(EPERM), why);
		} else {
			snprintf(err, errsize, "cannot attach to %d: %s",
				 (int)tid, strerror(errno));
		}
		return -1;
	}
	task = tasks_add(&t->tasks, tid, proc);
	if (!task) {
		snprintf(err, errsize, "out of memory");
		return -1;
	}
	task->exit_stop = tid == proc->pid;
	/* SEIZE does not stop: with --exact, stop it once to arm PTRACE_SYSCALL. */
	if (t->mode == SCM_EXACT)
		ptrace(PTRACE_INTERRUPT, tid, 0, 0);
	/* A thread has a comm of its own (pthread_setname_np). */
	if (tid == proc->pid || procfs_comm(tid, comm, sizeof(comm)) < 0)
		snprintf(comm, sizeof(comm), "%s", proc->comm);
	ev.u.attach.comm = comm;
	emit_task_event(t, task, &ev);
	OBSERVE(t, attached, t, task);
	return 1;
}

/*
 * SEIZE every thread, rescanning until a pass finds none new
 * (doc/ptrace-notes.md, "attaching every thread").
 */
static int attach_process(struct tracer *t, pid_t pid, char *err,
			  size_t errsize)
{
	struct proc_status st;
	struct proc *proc = tasks_find_proc(&t->tasks, pid);
	int added;

	if (proc)
		return 0;
	/* A --tree child forked since its parent was seized: it comes with its clone event. */
	if (procfs_status(pid, &st) < 0 || st.tracer_pid == getpid())
		return 0;
	proc = tasks_add_proc(&t->tasks, pid, st.ppid);
	if (!proc) {
		snprintf(err, errsize, "out of memory");
		return -1;
	}
	procfs_comm(pid, proc->comm, sizeof(proc->comm));
	exec_ctx_snapshot(proc, pid, false);
	if (st.n_nspid > 1) {
		proc->n_nspid = st.n_nspid;
		memcpy(proc->nspid, st.nspid, st.n_nspid * sizeof(pid_t));
	}
	/* The leader first, so a refusal is reported for the pid asked for. */
	if (seize_task(t, proc, pid, err, errsize) < 0)
		return -1;
	do {
		char path[64];
		struct dirent *de;
		DIR *d;

		added = 0;
		snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
		d = opendir(path);
		if (!d)
			break;
		while ((de = readdir(d))) {
			pid_t tid = (pid_t)atoi(de->d_name);
			int r;

			if (tid <= 0)
				continue;
			r = seize_task(t, proc, tid, err, errsize);
			if (r < 0) {
				closedir(d);
				return -1;
			}
			added += r;
		}
		closedir(d);
	} while (added);
	return 0;
}

/* --tree: every descendant, from each thread's children list, until stable. */
static int attach_descendants(struct tracer *t, pid_t pid, char *err,
			      size_t errsize, int depth)
{
	char path[64], buf[8192];
	struct dirent *de;
	DIR *d;

	if (depth > 256)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		char name[64];
		char *p, *end;
		long n, tid = strtol(de->d_name, NULL, 10);

		if (tid <= 0)
			continue;
		snprintf(name, sizeof(name), "task/%ld/children", tid);
		n = procfs_read(pid, name, buf, sizeof(buf));
		if (n <= 0)
			continue;
		for (p = buf; *p; p = end) {
			long child = strtol(p, &end, 10);

			if (end == p)
				break;
			if (child <= 0 ||
			    tasks_find_proc(&t->tasks, (pid_t)child))
				continue;
			if (attach_process(t, (pid_t)child, err, errsize) < 0 ||
			    attach_descendants(t, (pid_t)child, err, errsize,
					       depth + 1) < 0) {
				closedir(d);
				return -1;
			}
		}
	}
	closedir(d);
	return 0;
}

int attach_start(struct tracer *t, char *err, size_t errsize)
{
	size_t i;

	for (i = 0; i < t->opt->n_pids; i++)
		if (check_target(t->opt->pids[i], err, errsize) < 0)
			return -1;
	for (i = 0; i < t->opt->n_pids; i++)
		if (attach_process(t, t->opt->pids[i], err, errsize) < 0)
			return -1;
	if (t->opt->tree) {
		size_t before;

		do {
			before = t->tasks.n_procs;
			for (i = 0; i < t->opt->n_pids; i++)
				if (attach_descendants(t, t->opt->pids[i], err,
						       errsize, 0) < 0)
					return -1;
		} while (t->tasks.n_procs != before);
	}
	/*
	 * Only now may breakpoints go in: an int3 met by a thread not yet
	 * seized kills its process with SIGTRAP.
	 */
	OBSERVE(t, attach_done, t);
	return 0;
}
