/* emit.c - stamp events (seq, ts, ids) and pass them to the sinks. */
#include "config.h"

#include <string.h>

#include "event/clock.h"
#include "tracer/engine.h"
#include "tracer/filter.h"

bool emit_wants(const struct tracer *t, enum ev_kind kind)
{
	return kind == EV_START || kind == EV_END ||
	       (t->classes & event_kind_class(kind));
}

void emit(struct tracer *t, struct pt_event *ev)
{
	/* Filter before numbering: seq has no gaps in what is written. */
	if (!emit_wants(t, ev->kind))
		return;
	if (ev->kind == EV_SIGNAL &&
	    filter_signal_dropped(t->opt->signals_dropped, ev->u.signal.sig))
		return;
	ev->seq = t->seq++;
	/* The trace starts at 0; any later event is stamped when it is seen. */
	if (!ev->ts && ev->kind != EV_START)
		ev->ts = engine_now(t);
	sinks_emit(&t->sinks, ev);
}

void emit_nspid_of(struct pt_event *ev, const struct proc *proc)
{
	if (proc && proc->n_nspid > 1) {
		ev->n_nspid = proc->n_nspid;
		memcpy(ev->nspid, proc->nspid, proc->n_nspid * sizeof(pid_t));
	}
}

void emit_task_event(struct tracer *t, struct task *task, struct pt_event *ev)
{
	ev->tid = task->tid;
	ev->pid = task->proc ? task->proc->pid : task->tid;
	emit_nspid_of(ev, task->proc);
	if (!emit_wants(t, ev->kind))
		return;
	OBSERVE(t, annotate, t, task, ev);
	emit(t, ev);
}
