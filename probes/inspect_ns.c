/* inspect_ns.c - the ns part of inspect: namespace changes by unshare, setns and clone. */
#include "config.h"

#include <string.h>
#include <sys/syscall.h>

#include "decode/decode.h"
#include "probes/inspect_priv.h"
#include "probes/nsinfo.h"
#include "tracer/syscalls.h"

/* Keep a namespace reading (for_children) as the task's last one. */
void inspect_ns_keep(struct tracer *t, struct ins_task *r, const uint64_t *now)
{
	memcpy(r->ns, now, sizeof(r->ns));
	r->ns_ok = true;
	r->ns_ts = engine_now(t);
}

/* Stop-free mode: report what changed since the kept reading, as inferred. */
void inspect_ns_check(struct inspect *ins, struct tracer *t, struct task *task)
{
	struct ins_task *r = ins_task_get(ins, task, true);
	struct pt_event ev = { .kind = EV_NS };
	uint64_t now[NS_TYPE_COUNT];

	if (!r || nsinfo_read(task->tid, true, now) < 0)
		return;
	if (r->ns_ok && nsinfo_diff(r->ns, now, &ev.u.ns)) {
		/* pid_for_children moved: later children are in another pid ns. */
		if ((ev.u.ns.changed & (1u << NS_PID)) && task->proc)
			task->proc->kids_pidns = true;
		ev.u.ns.cause = "unknown";
		ev.inferred = true;
		ev.ts_lo = r->ns_ts;
		emit_task_event(t, task, &ev);
	}
	inspect_ns_keep(t, r, now);
}

static void ns_entry(void *ctx, struct tracer *t, struct task *task)
{
	struct ins_task *r = ins_task_get(ctx, task, true);
	uint64_t now[NS_TYPE_COUNT];

	if (r && nsinfo_read(task->tid, true, now) == 0)
		inspect_ns_keep(t, r, now);
	else if (r)
		r->ns_ok = false;
}

static void ns_exit(struct inspect *ins, struct tracer *t, struct task *task,
		    int64_t rval, bool is_error, const char *cause,
		    uint64_t flags)
{
	struct ins_task *r = ins_task_get(ins, task, false);
	struct pt_event ev = { .kind = EV_NS };
	uint64_t now[NS_TYPE_COUNT];

	if (!r || !r->ns_ok)
		return;
	r->ns_ok = false;
	if (is_error || rval < 0 || nsinfo_read(task->tid, true, now) < 0)
		return;
	/*
	 * unshare(CLONE_NEWPID): pid_for_children has no inode to show until
	 * the new ns has its first process; each child's clone event shows it.
	 */
	if (!nsinfo_diff(r->ns, now, &ev.u.ns))
		return;
	ev.u.ns.cause = cause;
	ev.u.ns.flags = flags & decode_ns_all_flags();
	emit_task_event(t, task, &ev);
}

static void unshare_exit(void *ctx, struct tracer *t, struct task *task,
			 int64_t rval, bool is_error)
{
	ns_exit(ctx, t, task, rval, is_error, "unshare", task->sc.args[0]);
}

static void setns_exit(void *ctx, struct tracer *t, struct task *task,
		       int64_t rval, bool is_error)
{
	ns_exit(ctx, t, task, rval, is_error, "setns", task->sc.args[1]);
}

void inspect_ns_cloned(struct inspect *ins, struct tracer *t,
		       struct task *parent, struct task *child,
		       const struct ev_clone *c)
{
	struct pt_event ev = { .kind = EV_NS };
	uint64_t from[NS_TYPE_COUNT], to[NS_TYPE_COUNT];
	struct ins_task *pr = ins_task_get(ins, parent, false), *cr;
	/* After unshare(CLONE_NEWPID) or setns, a fork is a clone(CLONE_NEWPID). */
	bool new_pidns = !c->thread && parent->proc && parent->proc->kids_pidns;

	if (!(c->flags & decode_ns_all_flags()) && !new_pidns) {
		/* Same namespaces: the stop-free reading carries over. */
		if (ins->stop_free && pr && pr->ns_ok &&
		    (cr = ins_task_get(ins, child, true))) {
			memcpy(cr->ns, pr->ns, sizeof(cr->ns));
			cr->ns_ok = true;
			cr->ns_ts = pr->ns_ts;
		}
		return;
	}
	if (ins->stop_free && (cr = ins_task_get(ins, child, true)) &&
	    nsinfo_read(child->tid, true, to) == 0)
		inspect_ns_keep(t, cr, to);
	if (nsinfo_read(parent->tid, false, from) < 0 ||
	    nsinfo_read(child->tid, false, to) < 0 ||
	    !nsinfo_diff(from, to, &ev.u.ns))
		return;
	ev.u.ns.cause = c->syscall == CS_CLONE3 ? "clone3" : "clone";
	ev.u.ns.flags = c->flags & decode_ns_all_flags();
	/* The child has not stopped yet: the stack shown is the clone call's. */
	ins_emit_for(ins, t, child, parent, &ev);
}

static const struct sc_handler ns_rows[] = {
	{ SYS_unshare, EVC_NS, ns_entry, unshare_exit },
	{ SYS_setns, EVC_NS, ns_entry, setns_exit },
};

int inspect_ns_register(struct tracer *t, struct inspect *ins)
{
	return syscalls_register(t, ns_rows, SC_COUNT(ns_rows), ins);
}
