/* feed.c - the model learns from events: one handler per kind, and the event pane's lines. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

static void model_sig(struct model_proc *p, const struct pt_event *ev,
		      bool sent, pid_t other)
{
	struct model_sig *s = &p->sigs[p->sig_head];

	*s = (struct model_sig){ .ts = ev->ts,
				 .kind = ev->u.signal.kind,
				 .sig = ev->u.signal.sig,
				 .sent = sent,
				 .other = other };
	p->sig_head = (p->sig_head + 1) % MODEL_SIGS;
	if (p->n_sigs < MODEL_SIGS)
		p->n_sigs++;
}

/*
 * The record of a process that starts now.  Keep-all: a pid whose record
 * exited is a new process even if no reap was seen (reaped outside the
 * trace), and a record seen before its clone event starts at the clone.
 */
static struct model_proc *model_begin(struct model *m, pid_t pid, uint64_t ts)
{
	struct model_proc *p = model_find(m, pid);

	if (!m->keep_all)
		return model_get(m, pid, ts);
	if (!p || p->exited)
		return model_make(m, pid, ts);
	if (ts < p->start_ts)
		p->start_ts = ts;
	p->hist->late = false;
	return p;
}

static void model_ev_clone(struct model *m, const struct pt_event *ev)
{
	const struct ev_clone *c = &ev->u.clone;
	struct model_proc *parent = model_get(m, ev->pid, ev->ts), *child;

	if (!parent)
		return;
	if (c->thread) {
		struct model_thread *t = model_thread(parent, c->child_tid);

		if (t) {
			t->gone = false;
			t->state = 'R';
			t->state_ts = ev->ts;
		}
		return;
	}
	child = model_begin(m, c->child_pid, ev->ts);
	if (!child)
		return;
	parent = model_find(m, ev->pid);
	child->ppid = ev->pid;
	if (parent) {
		snprintf(child->comm, sizeof(child->comm), "%s", parent->comm);
		/* A fork runs its parent's image until it execs. */
		model_push_exec(child, parent->comm[0] ? parent->comm : "?");
		if (parent->exe)
			child->exe = strdup(parent->exe);
		if (parent->argv) {
			struct ev_strv sv = { .v = parent->argv };

			child->argv = model_copy_strv(&sv);
		}
	}
	model_set_state(child, child->pid, 'R', ev->ts);
}

static void model_ev_exec(struct model *m, const struct pt_event *ev)
{
	const struct ev_exec *x = &ev->u.exec;
	struct model_proc *p = model_get(m, ev->pid, ev->ts);

	if (!p || !x->ok)
		return;
	if (x->comm)
		snprintf(p->comm, sizeof(p->comm), "%s", x->comm);
	free(p->exe);
	p->exe = x->exe ? strdup(x->exe) : NULL;
	free(p->argv);
	p->argv = model_copy_strv(&x->argv);
	model_push_exec(p, x->comm ? x->comm : x->filename);
	model_exec_ctx_set(p, x);
	/*
	 * exec leaves one thread, under the leader's pid even when another
	 * thread called it (execve(2)): the others died.
	 */
	model_threads_leader_only(p);
	if (p->n_threads)
		p->threads[0].gone = false;
	model_set_state(p, p->pid, 'R', ev->ts);
}

static void model_ev_exit(struct model *m, const struct pt_event *ev)
{
	const struct ev_exit *x = &ev->u.exit;
	struct model_proc *p = model_get(m, ev->pid, ev->ts);

	if (!p)
		return;
	if (!x->group) {
		model_thread_gone(p, ev->tid, ev->ts);
		return;
	}
	model_threads_leader_only(p);
	m->exited_total += !p->exited;
	p->exited = true;
	p->exit_ts = ev->ts;
	p->exit_known = x->code_known;
	p->exit_st = x->st;
	model_set_state(p, p->pid, 'Z', ev->ts);
}

static void model_ev_reap(struct model *m, const struct pt_event *ev)
{
	struct model_proc *p = model_find(m, ev->u.reap.child_pid);

	/* Keep-all: a reap of a process never seen is still a record. */
	if (!p && m->keep_all)
		p = model_make(m, ev->u.reap.child_pid, ev->ts);
	if (!p || p->reaped)
		return;
	if (!p->exited) {
		m->exited_total++;
		p->exited = true;
		p->exit_ts = ev->ts;
	}
	if (!p->exit_known) {
		p->exit_known = true;
		p->exit_st = ev->u.reap.st;
	}
	p->zombie_ns = ev->u.reap.zombie_ns;
	p->reap_ts = ev->ts;
	model_set_state(p, p->pid, 'X', ev->ts);
	p->reaped = true;
	model_gone_push(m, p);
}

static void model_ev_signal(struct model *m, const struct pt_event *ev)
{
	const struct ev_signal *s = &ev->u.signal;
	struct model_proc *p, *q;

	/*
	 * A sender outside the trace (an inferred send) gets no row in the
	 * view; keep-all keeps it (the summary and export list it).
	 */
	p = s->kind == SK_SEND && !m->keep_all ? model_find(m, ev->pid) :
						 model_get(m, ev->pid, ev->ts);
	if (p && p->reaped)
		p = NULL;
	switch (s->kind) {
	case SK_SEND:
		if (p)
			model_sig(p, ev, true, s->target_pid);
		q = s->target_pid > 0 ? model_find(m, s->target_pid) : NULL;
		if (q && q != p && !q->reaped)
			model_sig(q, ev, false, ev->pid);
		break;
	case SK_DELIVER:
		if (!p)
			break;
		p->sigs_delivered++;
		model_sig(p, ev, false, s->has_sender ? s->sender_pid : 0);
		break;
	case SK_STOP:
		if (!p)
			break;
		model_sig(p, ev, false, 0);
		model_set_all(p, 'T', ev->ts);
		break;
	case SK_CONT:
		if (!p)
			break;
		model_sig(p, ev, false, 0);
		model_set_all(p, 'R', ev->ts);
		break;
	}
}

static void model_ev_plt(struct model_proc *p, const struct ev_plt *x)
{
	size_t i;

	p->plt_calls++;
	for (i = 0; i < MODEL_PLT_SYMS && p->plt[i].sym; i++)
		if (x->symbol && strcmp(p->plt[i].sym, x->symbol) == 0)
			break;
	if (i == MODEL_PLT_SYMS || !x->symbol)
		return; /* table full: counted in the total only */
	if (!p->plt[i].sym)
		p->plt[i].sym = strdup(x->symbol);
	p->plt[i].calls++;
}

/* The state of the process or thread an event is about. */
static void model_apply(struct model *m, const struct pt_event *ev)
{
	struct model_proc *p;

	switch (ev->kind) {
	case EV_START:
		m->attach_mode = ev->u.start.attach_mode;
		break;
	case EV_ATTACH:
		p = model_get(m, ev->pid, ev->ts);
		if (!p)
			break;
		p->attached = true;
		if (ev->pid == ev->tid && ev->u.attach.comm) {
			snprintf(p->comm, sizeof(p->comm), "%s",
				 ev->u.attach.comm);
			if (!p->n_execs)
				model_push_exec(p, ev->u.attach.comm);
		}
		model_thread(p, ev->tid);
		/* As after a clone: running until a state event says otherwise. */
		if (ev->pid == ev->tid && p->state == '?')
			model_set_state(p, p->pid, 'R', ev->ts);
		break;
	case EV_CLONE:
		model_ev_clone(m, ev);
		break;
	case EV_EXEC:
		model_ev_exec(m, ev);
		break;
	case EV_EXIT:
		model_ev_exit(m, ev);
		break;
	case EV_REAP:
		model_ev_reap(m, ev);
		break;
	case EV_REPARENT:
		p = model_find(m, ev->pid);
		if (p) {
			p->old_ppid = ev->u.reparent.old_ppid;
			p->ppid = ev->u.reparent.new_ppid;
			p->orphaned = true;
		}
		break;
	case EV_SIGNAL:
		model_ev_signal(m, ev);
		model_sigstats_event(m, ev);
		break;
	case EV_NOTICE:
		model_subreaper_event(m, ev);
		break;
	case EV_CREDS:
		if ((p = model_get(m, ev->pid, ev->ts))) {
			p->creds_changed = true;
			p->uid = ev->u.creds.after.uid[1];
			p->uid_known = true;
		}
		break;
	case EV_NS:
		if ((p = model_get(m, ev->pid, ev->ts)))
			p->ns_changed = true;
		break;
	case EV_VMA:
		if (!(p = model_get(m, ev->pid, ev->ts)))
			break;
		if (ev->u.vma.op == VO_SNAPSHOT) {
			p->n_vma_regions = ev->u.vma.n_regions;
			p->vma_wx = false;
		} else if (ev->u.vma.op == VO_MAP) {
			p->n_vma_regions += ev->u.vma.n_regions;
		}
		for (size_t i = 0; i < ev->u.vma.n_regions; i++)
			p->vma_wx |= ev->u.vma.regions[i].wx;
		break;
	case EV_PLT:
		if ((p = model_get(m, ev->pid, ev->ts)))
			model_ev_plt(p, &ev->u.plt);
		break;
	case EV_STATE:
		p = model_find(m, ev->pid);
		if (p && !p->reaped && ev->u.state.to)
			model_set_state(p, ev->tid, ev->u.state.to, ev->ts);
		break;
	case EV_DETACH:
		if ((p = model_find(m, ev->pid)) && ev->pid == ev->tid)
			p->detached = true;
		break;
	case EV_END:
		m->ended = true;
		m->has_code = ev->u.end.has_exit_code;
		m->code = ev->u.end.exit_code;
		break;
	default:
		break;
	}
	model_job_apply(m, ev);
	if (ev->n_nspid && (p = model_find(m, ev->pid))) {
		p->n_nspid = ev->n_nspid;
		memcpy(p->nspid, ev->nspid, ev->n_nspid * sizeof(pid_t));
	}
}

/* The other process an event line concerns, for the pane's selection filter. */
static pid_t model_other_pid(const struct pt_event *ev)
{
	switch (ev->kind) {
	case EV_CLONE:
		return ev->u.clone.child_pid;
	case EV_REAP:
		return ev->u.reap.child_pid;
	case EV_SIGNAL:
		return ev->u.signal.kind == SK_SEND ? ev->u.signal.target_pid :
						      ev->u.signal.sender_pid;
	case EV_REPARENT:
		return ev->u.reparent.new_ppid;
	default:
		return 0;
	}
}

static void model_add_line(struct model *m, const struct pt_event *ev,
			   const char *s, size_t len)
{
	struct model_line *l;

	if (m->n_lines == MODEL_LINES_MAX) {
		l = &m->lines[m->line_head];
		free(l->text);
		m->line_head = (m->line_head + 1) % MODEL_LINES_MAX;
		m->n_lines--;
		m->lines_dropped++;
	}
	l = &m->lines[(m->line_head + m->n_lines) % MODEL_LINES_MAX];
	l->text = strndup(s, len);
	l->pid = ev->pid;
	l->other = model_other_pid(ev);
	l->kind = ev->kind;
	l->ts = ev->ts;
	l->seq = ev->seq;
	m->n_lines++;
}

/* The formatter's text for ev, split into pane lines. */
static void model_format(struct model *m, const struct pt_event *ev)
{
	size_t left = 0;
	const char *s = m->line_ops->format(m->line_ctx, ev, &left), *nl;

	while (s && left > 0) {
		nl = memchr(s, '\n', left);
		if (!nl)
			nl = s + left;
		model_add_line(m, ev, s, (size_t)(nl - s));
		left -= (size_t)(nl - s) + (nl < s + left ? 1 : 0);
		s = nl + 1;
	}
}

/*
 * Keep-all: every event but the run's own (start, end, notices) makes a
 * record of the process it is about, as the summary lists them; a reap is
 * about its child, not the waiter (an inferred reap may name untraced init).
 * An attach begins a process (model_begin).
 */
static const bool model_makes_record[EV_KIND_COUNT] = {
	[EV_CLONE] = true,    [EV_EXEC] = true,	  [EV_EXIT] = true,
	[EV_REPARENT] = true, [EV_SIGNAL] = true, [EV_CREDS] = true,
	[EV_NS] = true,	      [EV_VMA] = true,	  [EV_PLT] = true,
	[EV_STATE] = true,    [EV_DETACH] = true,
};

/* The kinds after which the process (and a clone's child) has lived on record. */
static const bool model_lives[EV_KIND_COUNT] = {
	[EV_ATTACH] = true, [EV_CLONE] = true,	[EV_EXEC] = true,
	[EV_EXIT] = true,   [EV_SIGNAL] = true,
};

static void model_mark_lived(struct model *m, pid_t pid)
{
	struct model_proc *p = model_find(m, pid);

	if (p && p->hist)
		p->hist->lived = true;
}

void model_event(struct model *m, const struct pt_event *ev)
{
	if ((unsigned)ev->kind >= EV_KIND_COUNT)
		return;
	if (ev->ts > m->last_ts)
		m->last_ts = ev->ts;
	m->events = ev->seq + 1;
	if (m->keep_all && ev->kind == EV_ATTACH)
		model_begin(m, ev->pid, ev->ts);
	else if (m->keep_all && model_makes_record[ev->kind])
		model_get(m, ev->pid, ev->ts);
	model_apply(m, ev);
	if (m->keep_all && model_lives[ev->kind]) {
		model_mark_lived(m, ev->pid);
		if (ev->kind == EV_CLONE)
			model_mark_lived(m, ev->u.clone.child_pid);
	}
	if (m->keep_all)
		model_hist_event(m, ev);
	if (m->line_ops)
		model_format(m, ev);
}

static void model_sink_event(void *ctx, const struct pt_event *ev)
{
	model_event(ctx, ev);
}

static void model_sink_flush(void *ctx)
{
	(void)ctx;
}

static int model_sink_close(void *ctx)
{
	(void)ctx;
	return 0;
}

const struct sink_ops model_sink_ops = {
	.name = "model",
	.event = model_sink_event,
	.flush = model_sink_flush,
	.close = model_sink_close,
};
