/* inspect.c - the creds/ns/vma/stack feature: its per-task readings and the observer hooks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>

#include "probes/inspect.h"
#include "probes/inspect_priv.h"
#include "probes/nsinfo.h"
#include "probes/stack.h"
#include "probes/vma.h"

static size_t ins_hash(const void *p)
{
	return ((uintptr_t)p >> 4) % INS_BUCKETS;
}

struct ins_task *ins_task_get(struct inspect *ins, const struct task *task,
			      bool create)
{
	struct ins_task **head = &ins->tasks[ins_hash(task)], *r;

	for (r = *head; r; r = r->next)
		if (r->task == task)
			return r;
	if (!create || !(r = calloc(1, sizeof(*r))))
		return NULL;
	r->task = task;
	r->next = *head;
	*head = r;
	return r;
}

struct ins_proc *ins_proc_get(struct inspect *ins, const struct proc *proc,
			      bool create)
{
	struct ins_proc **head = &ins->procs[ins_hash(proc)], *r;

	for (r = *head; r; r = r->next)
		if (r->proc == proc)
			return r;
	if (!create || !(r = calloc(1, sizeof(*r))))
		return NULL;
	r->proc = proc;
	r->next = *head;
	*head = r;
	return r;
}

/* An event about task whose stack is stack_of's (stopped) one. */
void ins_emit_for(struct inspect *ins, struct tracer *t, struct task *task,
		  struct task *stack_of, struct pt_event *ev)
{
	ins->stack_of = stack_of;
	emit_task_event(t, task, ev);
	ins->stack_of = NULL;
}

static long ins_ptrace_options(void *ctx)
{
	struct inspect *ins = ctx;

	/* The exit stack is taken at PTRACE_EVENT_EXIT, while it still exists. */
	return ins->stack ? PTRACE_O_TRACEEXIT : 0;
}

/* Stop-free mode: what changed since the last stop, found at this one. */
static void ins_infer(struct inspect *ins, struct tracer *t, struct task *task)
{
	if (ins->classes & EVC_CREDS)
		inspect_creds_check(ins, t, task, NULL, "unknown", true, false);
	if (ins->classes & EVC_NS)
		inspect_ns_check(ins, t, task);
}

static void ins_attached(void *ctx, struct tracer *t, struct task *task)
{
	struct inspect *ins = ctx;
	struct ins_task *r;
	uint64_t now[NS_TYPE_COUNT];

	/* The readings later stops compare with. */
	if ((ins->classes & EVC_CREDS) && (r = ins_task_get(ins, task, true)) &&
	    !r->creds_ok)
		inspect_creds_check(ins, t, task, NULL, NULL, false, false);
	if ((ins->classes & EVC_NS) && ins->stop_free &&
	    (r = ins_task_get(ins, task, true)) &&
	    nsinfo_read(task->tid, true, now) == 0)
		inspect_ns_keep(t, r, now);
	/* One snapshot per process: the first of its threads seized. */
	if ((ins->classes & EVC_VMA) && task->proc &&
	    !ins_proc_get(ins, task->proc, false))
		inspect_vma_snapshot(ins, t, task, "attach");
}

static void ins_cloned(void *ctx, struct tracer *t, struct task *parent,
		       struct task *child, const struct ev_clone *c)
{
	struct inspect *ins = ctx;

	if (ins->stop_free)
		ins_infer(ins, t, parent);
	if (ins->classes & EVC_NS)
		inspect_ns_cloned(ins, t, parent, child, c);
	if (ins->classes & EVC_CREDS)
		inspect_creds_cloned(ins, t, parent, child, c);
	if (ins->classes & EVC_VMA)
		inspect_vma_cloned(ins, parent, child, c);
}

static void ins_execed(void *ctx, struct tracer *t, struct task *task)
{
	struct inspect *ins = ctx;

	if (ins->stack && task->proc)
		stack_forget(ins->stack, task->proc->pid);
	/* Without syscall stops, a change may predate the exec: inferred. */
	if (ins->classes & EVC_CREDS)
		inspect_creds_check(ins, t, task, NULL, "exec", ins->stop_free,
				    true);
	if ((ins->classes & EVC_NS) && ins->stop_free)
		inspect_ns_check(ins, t, task);
	if (ins->classes & EVC_VMA)
		inspect_vma_snapshot(ins, t, task, "exec");
}

static void ins_exiting(void *ctx, struct tracer *t, struct task *task)
{
	struct inspect *ins = ctx;

	(void)t;
	if (ins->stack)
		stack_exiting(ins->stack, task);
}

static void ins_annotate(void *ctx, struct tracer *t, struct task *task,
			 struct pt_event *ev)
{
	struct inspect *ins = ctx;

	/* The exec's path, for the creds check of the execed hook. */
	if (ev->kind == EV_EXEC && ev->u.exec.ok && ev->u.exec.exe) {
		ins->exe_tid = task->tid;
		snprintf(ins->exe, sizeof(ins->exe), "%s", ev->u.exec.exe);
	}
	/* A signal delivery is a stop the task has anyway: look there. */
	if (ins->stop_free && ev->kind == EV_SIGNAL &&
	    ev->u.signal.kind == SK_DELIVER && ev->tid == task->tid &&
	    !ev->inferred)
		ins_infer(ins, t, task);
	if (ins->stack)
		stack_annotate(ins->stack, ins->stack_of ? ins->stack_of : task,
			       ev);
}

static void ins_task_gone(void *ctx, struct tracer *t, struct task *task)
{
	struct inspect *ins = ctx;
	struct ins_task **pp = &ins->tasks[ins_hash(task)], *r;

	(void)t;
	for (; (r = *pp); pp = &r->next) {
		if (r->task == task) {
			*pp = r->next;
			free(r);
			break;
		}
	}
	if (ins->stack)
		stack_task_gone(ins->stack, task);
}

static void ins_proc_gone(void *ctx, struct tracer *t, struct proc *proc)
{
	struct inspect *ins = ctx;
	struct ins_proc **pp = &ins->procs[ins_hash(proc)], *r;

	(void)t;
	for (; (r = *pp); pp = &r->next) {
		if (r->proc == proc) {
			*pp = r->next;
			vma_space_unref(r->as);
			free(r);
			break;
		}
	}
	if (ins->stack)
		stack_forget(ins->stack, proc->pid);
}

static void ins_finish(void *ctx, struct tracer *t)
{
	struct inspect *ins = ctx;

	(void)t;
	for (size_t b = 0; b < INS_BUCKETS; b++) {
		struct ins_task *r, *rn;
		struct ins_proc *p, *pn;

		for (r = ins->tasks[b]; r; r = rn) {
			rn = r->next;
			free(r);
		}
		for (p = ins->procs[b]; p; p = pn) {
			pn = p->next;
			vma_space_unref(p->as);
			free(p);
		}
		ins->tasks[b] = NULL;
		ins->procs[b] = NULL;
	}
	vma_diff_free(&ins->diff);
	vma_diff_free(&ins->snap);
	stack_free(ins->stack);
	ins->stack = NULL;
}

static const struct observer_ops ins_ops = {
	.name = "inspect",
	.ptrace_options = ins_ptrace_options,
	.attached = ins_attached,
	.cloned = ins_cloned,
	.execed = ins_execed,
	.exiting = ins_exiting,
	.annotate = ins_annotate,
	.task_gone = ins_task_gone,
	.proc_gone = ins_proc_gone,
	.finish = ins_finish,
};

int inspect_register(struct tracer *t, const struct trace_opts *o)
{
	/* Outlives this call (rows and hooks get &ins); never freed. */
	static struct inspect ins;
	unsigned cls = o->classes & (EVC_CREDS | EVC_NS | EVC_VMA);

	if (!cls && !o->stack)
		return 0;
	memset(&ins, 0, sizeof(ins));
	ins.classes = cls;
	ins.stop_free = t->mode == SCM_NONE;
	if (o->stack && !(ins.stack = stack_new())) {
		fprintf(stderr,
			"proctrace: --stack: cannot set up the unwinder\n");
		return -1;
	}
	/* ns rows before creds rows: unshare's ns event comes first. */
	if (inspect_ns_register(t, &ins) < 0 ||
	    inspect_creds_register(t, &ins) < 0 ||
	    inspect_vma_register(t, &ins) < 0 ||
	    observers_add(&t->obs, &ins_ops, &ins) < 0) {
		fprintf(stderr, "proctrace: too many features registered\n");
		return -1;
	}
	return 0;
}
