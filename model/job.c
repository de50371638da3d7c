/* job.c - each process's pgid, sid, controlling tty and cgroup, from attach, exec, clone, job and cgroup events. */
#include "config.h"

#include <stdio.h>

#include "model/internal.h"

static void model_job_set_ctx(struct model_proc *p, const struct ev_job_ctx *c)
{
	if (!c->pgid)
		return; /* not read (older log, /proc gone) */
	p->job.pgid = c->pgid;
	p->job.sid = c->sid;
	snprintf(p->job.tty, sizeof(p->job.tty), "%s", c->tty ? c->tty : "");
	snprintf(p->job.cgroup, sizeof(p->job.cgroup), "%s",
		 c->cgroup ? c->cgroup : "");
}

void model_job_apply(struct model *m, const struct pt_event *ev)
{
	struct model_proc *p = model_find(m, ev->pid), *child;
	const struct ev_job *j = &ev->u.job;

	if (!p)
		return;
	switch (ev->kind) {
	case EV_ATTACH:
		model_job_set_ctx(p, &ev->u.attach.job);
		break;
	case EV_EXEC:
		if (ev->u.exec.ok)
			model_job_set_ctx(p, &ev->u.exec.job);
		break;
	case EV_CLONE:
		/* a child starts in its parent's group, session and cgroup */
		child = model_find(m, ev->u.clone.child_pid);
		if (child && child != p && !ev->u.clone.thread)
			child->job = p->job;
		break;
	case EV_JOB:
		if (j->pgid_changed)
			p->job.pgid = j->pgid.to;
		if (j->sid_changed)
			p->job.sid = j->sid.to;
		if (j->tty_changed)
			snprintf(p->job.tty, sizeof(p->job.tty), "%s",
				 j->tty.to ? j->tty.to : "");
		break;
	case EV_CGROUP:
		snprintf(p->job.cgroup, sizeof(p->job.cgroup), "%s",
			 ev->u.cgroup.to ? ev->u.cgroup.to : "");
		break;
	default:
		break;
	}
}
