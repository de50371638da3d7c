/* inspect_job.c - pgid, sid, tty and cgroup of each process: on attach and exec, and job and cgroup events when they change. */
#include "config.h"

#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include "probes/inspect_job.h"
#include "proc/procfs.h"
#include "tracer/syscalls.h"

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

#define JOB_BUCKETS 256
/* Outside exec, /proc is read again at most this often per process. */
#define JOB_REREAD_NS (100 * 1000 * 1000ULL)

/* One process's last reading; a child starts with its parent's. */
struct job_reading {
	const struct proc *proc; /* the key */
	bool ok;
	pid_t pgid, sid, tpgid;
	char tty[32]; /* "" = none */
	char cgroup[512]; /* "" = no v2 line */
	bool cgroup_ok; /* the cgroup file was read (not gone, not too long) */
	uint64_t ts; /* when it was read */
	struct job_reading *next;
};

struct job {
	unsigned classes;
	bool stop_free; /* no syscall stops: infer at other stops */
	struct job_reading *procs[JOB_BUCKETS];
};

static struct job_reading **job_bucket(struct job *j, const struct proc *p)
{
	return &j->procs[((uintptr_t)p >> 4) % JOB_BUCKETS];
}

static struct job_reading *job_get(struct job *j, const struct proc *p)
{
	struct job_reading **head = job_bucket(j, p), *r;

	for (r = *head; r; r = r->next)
		if (r->proc == p)
			return r;
	if (!(r = calloc(1, sizeof(*r))))
		return NULL;
	r->proc = p;
	r->next = *head;
	*head = r;
	return r;
}

static int job_read(pid_t tid, struct job_reading *r)
{
	struct proc_stat st;

	if (procfs_stat(tid, &st) < 0)
		return -1;
	r->pgid = st.pgrp;
	r->sid = st.session;
	r->tpgid = st.tpgid;
	decode_tty_name(r->tty, sizeof(r->tty), st.tty_nr);
	r->cgroup_ok = procfs_cgroup(tid, r->cgroup, sizeof(r->cgroup)) == 0;
	if (!r->cgroup_ok)
		r->cgroup[0] = '\0';
	r->ok = true;
	return 0;
}

static const char *job_str(const char *s)
{
	return *s ? s : NULL;
}

/* The job event of what differs between before and now, if anything. */
static bool job_diff(const struct job_reading *before,
		     const struct job_reading *now, struct ev_job *e)
{
	e->pgid_changed = before->pgid != now->pgid;
	e->pgid = (struct ev_pid_change){ before->pgid, now->pgid };
	e->sid_changed = before->sid != now->sid;
	e->sid = (struct ev_pid_change){ before->sid, now->sid };
	e->tty_changed = strcmp(before->tty, now->tty) != 0;
	e->tty = (struct ev_str_change){ job_str(before->tty),
					 job_str(now->tty) };
	/* -1: no terminal; the foreground pgrp of none is no change. */
	e->fg_pgrp_changed = before->tpgid != now->tpgid && before->tpgid > 0 &&
			     now->tpgid > 0;
	e->fg_pgrp = (struct ev_pid_change){ before->tpgid, now->tpgid };
	return e->pgid_changed || e->sid_changed || e->tty_changed ||
	       e->fg_pgrp_changed;
}

/*
 * Read task's process again and emit what changed since the kept reading
 * (job and cgroup events); the new reading is kept.  inferred: found at a
 * later stop, not at the call that made it.
 */
static void job_check(struct job *j, struct tracer *t, struct task *task,
		      const char *cause, bool inferred)
{
	struct job_reading *r = task->proc ? job_get(j, task->proc) : NULL;
	struct job_reading now = { 0 };
	struct pt_event ev = { .kind = EV_JOB, .inferred = inferred };

	if (!r || job_read(task->proc->pid, &now) < 0)
		return;
	ev.ts_lo = r->ts;
	if (r->ok && job_diff(r, &now, &ev.u.job)) {
		ev.u.job.cause = cause;
		emit_task_event(t, task, &ev);
	}
	/* An unreadable file (the task exiting) is no move. */
	if (r->ok && r->cgroup_ok && now.cgroup_ok &&
	    strcmp(r->cgroup, now.cgroup) != 0) {
		ev = (struct pt_event){ .kind = EV_CGROUP,
					.inferred = true,
					.ts_lo = r->ts };
		ev.u.cgroup = (struct ev_cgroup){ "unknown", job_str(r->cgroup),
						  job_str(now.cgroup) };
		emit_task_event(t, task, &ev);
	}
	if (!now.cgroup_ok) { /* keep the last good reading */
		memcpy(now.cgroup, r->cgroup, sizeof(now.cgroup));
		now.cgroup_ok = r->cgroup_ok;
	}
	now.proc = r->proc;
	now.next = r->next;
	now.ts = engine_now(t);
	*r = now;
}

/* Outside exec: only if the last reading is old enough (cheap stops). */
static void job_check_cheap(struct job *j, struct tracer *t, struct task *task)
{
	struct job_reading *r = task->proc ? job_get(j, task->proc) : NULL;

	if (r && (!r->ok || engine_now(t) - r->ts >= JOB_REREAD_NS))
		job_check(j, t, task, "unknown", true);
}

static void job_fill(const struct job_reading *r, struct ev_job_ctx *c)
{
	if (!r || !r->ok)
		return;
	*c = (struct ev_job_ctx){ r->pgid, r->sid, job_str(r->tty),
				  job_str(r->cgroup) };
}

/*
 * The kernel's SIGHUP and SIGCONT to a newly orphaned pgrp with stopped
 * members (kill_orphaned_pgrp) come as SI_KERNEL; a tty hangup sends them
 * too, so the group is checked to be orphaned now.
 */
static void job_orphan_mark(struct task *task, struct ev_signal *s)
{
	struct proc_stat st;

	if ((s->sig != SIGHUP && s->sig != SIGCONT) || s->code != SI_KERNEL)
		return;
	if (procfs_stat(task->tid, &st) == 0 &&
	    procfs_pgrp_orphaned(st.pgrp, st.session))
		s->orphaned_pgrp = st.pgrp;
}

static void job_annotate(void *ctx, struct tracer *t, struct task *task,
			 struct pt_event *ev)
{
	struct job *j = ctx;
	struct job_reading *r;

	if (!task->proc)
		return;
	if (ev->kind == EV_ATTACH) {
		r = job_get(j, task->proc);
		if (r && (r->ok || job_read(task->proc->pid, r) == 0))
			job_fill(r, &ev->u.attach.job);
		if (r)
			r->ts = engine_now(t);
	} else if (ev->kind == EV_EXEC && ev->u.exec.ok) {
		/* exec reads /proc anyway: always compare here */
		job_check(j, t, task, "unknown", true);
		job_fill(job_get(j, task->proc), &ev->u.exec.job);
	} else if (ev->kind == EV_SIGNAL && ev->u.signal.kind == SK_DELIVER &&
		   !ev->inferred && ev->tid == task->tid) {
		job_orphan_mark(task, &ev->u.signal);
		job_check_cheap(j, t, task);
	}
}

static void job_cloned(void *ctx, struct tracer *t, struct task *parent,
		       struct task *child, const struct ev_clone *c)
{
	struct job *j = ctx;
	struct job_reading *pr, *cr, *next;
	struct pt_event ev = { .kind = EV_CGROUP };
	char old[sizeof(cr->cgroup)];

	if (j->stop_free)
		job_check_cheap(j, t, parent);
	if (c->thread || !parent->proc || !child->proc ||
	    !(pr = job_get(j, parent->proc)) || !(cr = job_get(j, child->proc)))
		return;
	next = cr->next;
	*cr = *pr;
	cr->proc = child->proc;
	cr->next = next;
	if (!(c->flags & CLONE_INTO_CGROUP) || !pr->ok)
		return;
	/* clone3 put the child elsewhere: said by the clone, not inferred */
	snprintf(old, sizeof(old), "%s", pr->cgroup);
	cr->cgroup_ok = procfs_cgroup(child->proc->pid, cr->cgroup,
				      sizeof(cr->cgroup)) == 0;
	if (!cr->cgroup_ok)
		cr->cgroup[0] = '\0';
	if (!cr->cgroup_ok || strcmp(old, cr->cgroup) == 0)
		return;
	ev.u.cgroup = (struct ev_cgroup){ "clone3", job_str(old),
					  job_str(cr->cgroup) };
	emit_task_event(t, child, &ev);
}

static void job_proc_gone(void *ctx, struct tracer *t, struct proc *proc)
{
	struct job *j = ctx;
	struct job_reading **pp = job_bucket(j, proc), *r;

	(void)t;
	for (; (r = *pp); pp = &r->next) {
		if (r->proc == proc) {
			*pp = r->next;
			free(r);
			return;
		}
	}
}

static void job_finish(void *ctx, struct tracer *t)
{
	struct job *j = ctx;
	struct job_reading *r, *next;

	(void)t;
	for (size_t b = 0; b < JOB_BUCKETS; b++) {
		for (r = j->procs[b]; r; r = next) {
			next = r->next;
			free(r);
		}
		j->procs[b] = NULL;
	}
}

/* ---- the calls (launch mode): the target against its kept reading ---- */

static void job_entry(void *ctx, struct tracer *t, struct task *task)
{
	struct job_reading *r = task->proc ? job_get(ctx, task->proc) : NULL;

	(void)t;
	if (r && !r->ok)
		job_read(task->proc->pid, r);
}

static void job_exit(struct job *j, struct tracer *t, struct task *task,
		     bool is_error, const char *cause, pid_t target)
{
	struct task *tt = target ? tasks_find(&t->tasks, target) : task;

	if (!is_error && tt)
		job_check(j, t, tt, cause, false);
}

static void setpgid_exit(void *ctx, struct tracer *t, struct task *task,
			 int64_t rval, bool is_error)
{
	(void)rval;
	/* setpgid(0, ...) is the caller; a child's pid is the child */
	job_exit(ctx, t, task, is_error, "setpgid", (pid_t)task->sc.args[0]);
}

static void setsid_exit(void *ctx, struct tracer *t, struct task *task,
			int64_t rval, bool is_error)
{
	(void)rval;
	job_exit(ctx, t, task, is_error, "setsid", 0);
}

/* The ioctl commands that change job control; no other ioctl stops. */
static const uint64_t job_ioctls[] = { TIOCSPGRP, TIOCSCTTY };

/* Without the filter (--exact) every ioctl stops: only these matter. */
static void ioctl_entry(void *ctx, struct tracer *t, struct task *task)
{
	uint32_t cmd = (uint32_t)task->sc.args[1];

	if (cmd == TIOCSPGRP || cmd == TIOCSCTTY)
		job_entry(ctx, t, task);
	else
		task->sc.skip_exit = true;
}

static void ioctl_exit(void *ctx, struct tracer *t, struct task *task,
		       int64_t rval, bool is_error)
{
	(void)rval;
	job_exit(ctx, t, task, is_error,
		 (uint32_t)task->sc.args[1] == TIOCSPGRP ? "TIOCSPGRP" :
							   "TIOCSCTTY",
		 0);
}

static const struct sc_handler job_rows[] = {
	{ SYS_setpgid, EVC_JOB, job_entry, setpgid_exit },
	{ SYS_setsid, EVC_JOB, job_entry, setsid_exit },
	{ SYS_ioctl, EVC_JOB, ioctl_entry, ioctl_exit },
};

static const struct observer_ops job_ops = {
	.name = "job",
	.cloned = job_cloned,
	.annotate = job_annotate,
	.proc_gone = job_proc_gone,
	.finish = job_finish,
};

int inspect_job_register(struct tracer *t, const struct trace_opts *o)
{
	/* Outlives this call (rows and hooks get &job); never freed. */
	static struct job job;

	if (!(o->classes & (EVC_PROCESS | EVC_JOB | EVC_CGROUP)))
		return 0;
	memset(&job, 0, sizeof(job));
	job.classes = o->classes;
	job.stop_free = t->mode == SCM_NONE;
	if (syscalls_register(t, job_rows, SC_COUNT(job_rows), &job) < 0 ||
	    syscalls_trap_arg(t, SYS_ioctl, 1, job_ioctls,
			      SC_COUNT(job_ioctls)) < 0 ||
	    observers_add(&t->obs, &job_ops, &job) < 0) {
		fprintf(stderr, "proctrace: too many features registered\n");
		return -1;
	}
	return 0;
}
