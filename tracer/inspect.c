/* inspect.c - the creds/ns/vma feature: syscall rows and observer hooks that diff /proc before and after. */
#include "config.h"

#include <linux/prctl.h>
#include <linux/sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>

#include "decode/decode.h"
#include "tracer/creds.h"
#include "tracer/inspect.h"
#include "tracer/nsinfo.h"
#include "tracer/procfs.h"
#include "tracer/stack.h"
#include "tracer/syscalls.h"
#include "tracer/vma.h"

#define INS_BUCKETS 1024

/* What a task's syscall entry saw, for its exit to compare with. */
struct ins_task {
	const struct task *task;	/* the key: survives tasks_rekey() */
	bool creds_ok, ns_ok;
	struct creds_snap creds;
	uint64_t ns[NS_TYPE_COUNT];
	struct ins_task *next;
};

struct ins_proc {
	const struct proc *proc;
	struct vma_space *as;		/* shared with CLONE_VM relatives */
	bool kids_pidns;		/* unshare/setns moved its children's pid ns */
	struct ins_proc *next;
};

struct inspect {
	unsigned classes;
	struct ins_task *tasks[INS_BUCKETS];
	struct ins_proc *procs[INS_BUCKETS];
	struct vma_diff diff;
	struct vma_diff snap;		/* VO_MAP list reused for snapshots */
	struct stack *stack;		/* --stack, else NULL */
};

/*
 * The syscall rows carry no context pointer, and there is one tracer per
 * process: the rows reach the feature's state through this.
 */
static struct inspect *ins_g;

static size_t ins_hash(const void *p)
{
	return ((uintptr_t)p >> 4) % INS_BUCKETS;
}

static struct ins_task *ins_task_get(struct inspect *ins,
				     const struct task *task, bool create)
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

static struct ins_proc *ins_proc_get(struct inspect *ins,
				     const struct proc *proc, bool create)
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

/* ---- credentials ---- */

static void creds_emit(struct tracer *t, struct task *task, const char *cause,
		       const struct creds_snap *before,
		       const struct creds_snap *after, const char *note)
{
	struct pt_event ev = { .kind = EV_CREDS };

	ev.u.creds.cause = cause;
	creds_to_event(before, &ev.u.creds.before);
	creds_to_event(after, &ev.u.creds.after);
	ev.u.creds.note = note;
	emit_task_event(t, task, &ev);
}

static void creds_entry(struct tracer *t, struct task *task)
{
	struct ins_task *r = ins_task_get(ins_g, task, true);

	(void)t;
	if (r)
		r->creds_ok = creds_read(task->tid, &r->creds) == 0;
}

static void creds_exit(struct tracer *t, struct task *task, const char *cause)
{
	struct ins_task *r = ins_task_get(ins_g, task, false);
	struct creds_snap after;

	if (!r || !r->creds_ok)
		return;
	r->creds_ok = false;
	if (creds_read(task->tid, &after) == 0 && !creds_equal(&r->creds, &after))
		creds_emit(t, task, cause, &r->creds, &after, NULL);
}

/* prctl options that can change what /proc/PID/status shows. */
static bool prctl_changes_creds(uint64_t option)
{
	static const uint64_t opts[] = {
		PR_CAPBSET_DROP, PR_SET_SECUREBITS, PR_SET_NO_NEW_PRIVS,
		PR_CAP_AMBIENT, PR_SET_SECCOMP, PR_SET_KEEPCAPS,
	};

	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (opts[i] == option)
			return true;
	return false;
}

static void prctl_entry(struct tracer *t, struct task *task)
{
	struct ins_task *r;

	if (prctl_changes_creds(task->sc.args[0])) {
		creds_entry(t, task);
	} else if ((r = ins_task_get(ins_g, task, false))) {
		r->creds_ok = false;
	}
}

#define CREDS_EXIT(fn)                                                         \
	static void fn##_exit(struct tracer *t, struct task *task,             \
			      int64_t rval, bool is_error)                     \
	{                                                                      \
		(void)rval;                                                    \
		(void)is_error;                                                \
		creds_exit(t, task, #fn);                                      \
	}
CREDS_EXIT(setuid)
CREDS_EXIT(setgid)
CREDS_EXIT(setreuid)
CREDS_EXIT(setregid)
CREDS_EXIT(setresuid)
CREDS_EXIT(setresgid)
CREDS_EXIT(setfsuid)
CREDS_EXIT(setfsgid)
CREDS_EXIT(setgroups)
CREDS_EXIT(capset)
CREDS_EXIT(prctl)
CREDS_EXIT(seccomp)

/* A failed exec changes nothing: forget the entry reading. */
static void exec_creds_exit(struct tracer *t, struct task *task, int64_t rval,
			    bool is_error)
{
	struct ins_task *r = ins_task_get(ins_g, task, false);

	(void)t;
	(void)rval;
	(void)is_error;
	if (r)
		r->creds_ok = false;
}

static void exec_creds(struct inspect *ins, struct tracer *t, struct task *task)
{
	struct ins_task *r = ins_task_get(ins, task, false);
	struct creds_snap after;
	const char *note;
	char buf[256];

	if (!r || !r->creds_ok)
		return;	/* no entry stop (stop-free mode): nothing to compare */
	r->creds_ok = false;
	if (creds_read(task->tid, &after) < 0)
		return;
	note = creds_exec_note(task->tid, &after, buf, sizeof(buf));
	if (note || !creds_equal(&r->creds, &after))
		creds_emit(t, task, "exec", &r->creds, &after, note);
}

/* ---- namespaces ---- */

static void ns_entry(struct tracer *t, struct task *task)
{
	struct ins_task *r = ins_task_get(ins_g, task, true);

	(void)t;
	if (r)
		r->ns_ok = nsinfo_read(task->tid, true, r->ns) == 0;
}

static void ns_exit(struct tracer *t, struct task *task, int64_t rval,
		    bool is_error, const char *cause, uint64_t flags)
{
	struct ins_task *r = ins_task_get(ins_g, task, false);
	struct pt_event ev = { .kind = EV_NS };
	uint64_t now[NS_TYPE_COUNT];
	struct ins_proc *p;

	if (!r || !r->ns_ok)
		return;
	r->ns_ok = false;
	if (is_error || rval < 0 || nsinfo_read(task->tid, true, now) < 0)
		return;
	if (!nsinfo_diff(r->ns, now, &ev.u.ns))
		return;
	/* Later children go to another pid ns: their NSpid must be read. */
	if ((ev.u.ns.changed & (1u << NS_PID)) && task->proc &&
	    (p = ins_proc_get(ins_g, task->proc, true)))
		p->kids_pidns = true;
	ev.u.ns.cause = cause;
	ev.u.ns.flags = flags & decode_ns_all_flags();
	emit_task_event(t, task, &ev);
}

static void unshare_exit(struct tracer *t, struct task *task, int64_t rval,
			 bool is_error)
{
	ns_exit(t, task, rval, is_error, "unshare", task->sc.args[0]);
}

static void setns_exit(struct tracer *t, struct task *task, int64_t rval,
		       bool is_error)
{
	ns_exit(t, task, rval, is_error, "setns", task->sc.args[1]);
}

static void ns_cloned(struct inspect *ins, struct tracer *t,
		      struct task *parent, struct task *child,
		      const struct ev_clone *c)
{
	struct pt_event ev = { .kind = EV_NS };
	uint64_t from[NS_TYPE_COUNT], to[NS_TYPE_COUNT];
	struct ins_proc *pp = parent->proc ? ins_proc_get(ins, parent->proc, false) : NULL;
	struct proc *cp = child->proc;

	/* Keep NSpid right for a child born into a nested pid ns. */
	if (!c->thread && cp && cp->n_nspid <= 1 &&
	    ((c->flags & CLONE_NEWPID) || (pp && pp->kids_pidns))) {
		struct proc_status st;

		if (procfs_status(child->tid, &st) == 0 && st.n_nspid > 1) {
			cp->n_nspid = st.n_nspid;
			memcpy(cp->nspid, st.nspid, st.n_nspid * sizeof(pid_t));
		}
	}
	if (!(c->flags & decode_ns_all_flags()))
		return;
	if (nsinfo_read(parent->tid, false, from) < 0 ||
	    nsinfo_read(child->tid, false, to) < 0 ||
	    !nsinfo_diff(from, to, &ev.u.ns))
		return;
	ev.u.ns.cause = c->syscall == CS_CLONE3 ? "clone3" : "clone";
	ev.u.ns.flags = c->flags & decode_ns_all_flags();
	emit_task_event(t, child, &ev);
}

/* ---- memory maps ---- */

static struct vma_space *vma_space_of(struct inspect *ins, struct task *task)
{
	struct ins_proc *p;

	if (!task->proc || !(p = ins_proc_get(ins, task->proc, true)))
		return NULL;
	if (!p->as)
		p->as = vma_space_new();
	return p->as;
}

static void vma_emit(struct tracer *t, struct task *task, enum vma_op op,
		     const char *cause, const struct ev_region *r, size_t n)
{
	struct pt_event ev = { .kind = EV_VMA };

	ev.u.vma.op = op;
	ev.u.vma.cause = cause;
	ev.u.vma.regions = r;
	ev.u.vma.n_regions = n;
	emit_task_event(t, task, &ev);
}

/* A fresh address space (exec, attach): one snapshot event. */
static void vma_snapshot(struct inspect *ins, struct tracer *t,
			 struct task *task, const char *cause)
{
	struct ins_proc *p;
	struct vma_space *as;
	struct vma_snap empty = { 0 };

	if (!task->proc || !(p = ins_proc_get(ins, task->proc, true)))
		return;
	/* exec leaves a shared (vfork, CLONE_VM) space: start a new one. */
	vma_space_unref(p->as);
	as = p->as = vma_space_new();
	if (!as || vma_space_update(as, task->tid, &ins->snap) < 0)
		return;
	/* Everything is new: the diff against nothing lists it as mapped. */
	if (vma_diff_compute(&ins->snap, &empty, &as->next) == 0) {
		for (size_t i = 0; i < ins->snap.n[VO_MAP]; i++)
			ins->snap.list[VO_MAP][i].exec_new = false;
		vma_emit(t, task, VO_SNAPSHOT, cause, ins->snap.list[VO_MAP],
			 ins->snap.n[VO_MAP]);
	}
	vma_space_commit(as);
}

static void vma_entry(struct tracer *t, struct task *task)
{
	struct vma_space *as = vma_space_of(ins_g, task);

	(void)t;
	/* Absorb what changed without a syscall of ours (stack growth...). */
	if (as)
		vma_space_refresh(as, task->tid);
}

static void vma_exit(struct tracer *t, struct task *task, int64_t rval,
		     bool is_error, const char *cause)
{
	static const enum vma_op order[] = { VO_UNMAP, VO_MAP, VO_PROTECT };
	struct vma_space *as = vma_space_of(ins_g, task);
	struct vma_diff *d = &ins_g->diff;

	(void)rval;
	(void)is_error;
	if (!as || vma_space_update(as, task->tid, d) < 0)
		return;
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++)
		if (d->n[order[k]])
			vma_emit(t, task, order[k], cause, d->list[order[k]],
				 d->n[order[k]]);
	vma_space_commit(as);
}

#define VMA_EXIT(fn)                                                           \
	static void fn##_exit(struct tracer *t, struct task *task,             \
			      int64_t rval, bool is_error)                     \
	{                                                                      \
		vma_exit(t, task, rval, is_error, #fn);                        \
	}
VMA_EXIT(mmap)
VMA_EXIT(munmap)
VMA_EXIT(mprotect)
VMA_EXIT(mremap)
VMA_EXIT(brk)

static void vma_cloned(struct inspect *ins, struct task *parent,
		       struct task *child, const struct ev_clone *c)
{
	struct ins_proc *pp, *cp;

	/* Threads share the proc record; a CLONE_VM child shares the space. */
	if (c->thread || !(c->flags & CLONE_VM) || !parent->proc ||
	    !child->proc || parent->proc == child->proc)
		return;
	pp = ins_proc_get(ins, parent->proc, true);
	cp = ins_proc_get(ins, child->proc, true);
	if (!pp || !cp)
		return;
	if (!pp->as)
		pp->as = vma_space_new();
	if (!pp->as)
		return;
	vma_space_unref(cp->as);
	vma_space_ref(pp->as);
	cp->as = pp->as;
}

/* ---- the syscall rows ---- */

static const struct sc_handler ins_rows[] = {
	{ "setuid", EVC_CREDS, creds_entry, setuid_exit, 0 },
	{ "setgid", EVC_CREDS, creds_entry, setgid_exit, 0 },
	{ "setreuid", EVC_CREDS, creds_entry, setreuid_exit, 0 },
	{ "setregid", EVC_CREDS, creds_entry, setregid_exit, 0 },
	{ "setresuid", EVC_CREDS, creds_entry, setresuid_exit, 0 },
	{ "setresgid", EVC_CREDS, creds_entry, setresgid_exit, 0 },
	{ "setfsuid", EVC_CREDS, creds_entry, setfsuid_exit, 0 },
	{ "setfsgid", EVC_CREDS, creds_entry, setfsgid_exit, 0 },
	{ "setgroups", EVC_CREDS, creds_entry, setgroups_exit, 0 },
	{ "capset", EVC_CREDS, creds_entry, capset_exit, 0 },
	{ "prctl", EVC_CREDS, prctl_entry, prctl_exit, 0 },
	{ "seccomp", EVC_CREDS, creds_entry, seccomp_exit, 0 },
	{ "execve", EVC_CREDS, creds_entry, exec_creds_exit, 0 },
	{ "execveat", EVC_CREDS, creds_entry, exec_creds_exit, 0 },
	{ "unshare", EVC_NS, ns_entry, unshare_exit, 0 },
	{ "setns", EVC_NS, ns_entry, setns_exit, 0 },
	{ "mmap", EVC_VMA, vma_entry, mmap_exit, 0 },
	{ "munmap", EVC_VMA, vma_entry, munmap_exit, 0 },
	{ "mprotect", EVC_VMA, vma_entry, mprotect_exit, 0 },
	{ "mremap", EVC_VMA, vma_entry, mremap_exit, 0 },
	{ "brk", EVC_VMA, vma_entry, brk_exit, 0 },
};

/* ---- observer hooks ---- */

static long ins_ptrace_options(void *ctx)
{
	struct inspect *ins = ctx;

	/* The exit stack is taken at PTRACE_EVENT_EXIT, while it still exists. */
	return ins->stack ? PTRACE_O_TRACEEXIT : 0;
}

static void ins_attached(void *ctx, struct tracer *t, struct task *task)
{
	struct inspect *ins = ctx;

	/* One snapshot per process: the first of its threads seized. */
	if ((ins->classes & EVC_VMA) && task->proc &&
	    !ins_proc_get(ins, task->proc, false))
		vma_snapshot(ins, t, task, "attach");
}

static void ins_cloned(void *ctx, struct tracer *t, struct task *parent,
		       struct task *child, const struct ev_clone *c)
{
	struct inspect *ins = ctx;

	if (ins->classes & EVC_NS)
		ns_cloned(ins, t, parent, child, c);
	if (ins->classes & EVC_VMA)
		vma_cloned(ins, parent, child, c);
}

static void ins_execed(void *ctx, struct tracer *t, struct task *task)
{
	struct inspect *ins = ctx;

	if (ins->stack && task->proc)
		stack_forget(ins->stack, task->proc->pid);
	if (ins->classes & EVC_CREDS)
		exec_creds(ins, t, task);
	if (ins->classes & EVC_VMA)
		vma_snapshot(ins, t, task, "exec");
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

	(void)t;
	if (ins->stack)
		stack_annotate(ins->stack, task, ev);
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

int inspect_register(struct tracer *t, const struct options *o)
{
	static struct inspect ins;
	unsigned cls = o->classes & (EVC_CREDS | EVC_NS | EVC_VMA);

	if (!cls && !o->stack)
		return 0;
	memset(&ins, 0, sizeof(ins));
	ins.classes = cls;
	if (o->stack && !(ins.stack = stack_new())) {
		fprintf(stderr, "proctrace: --stack: cannot set up the unwinder\n");
		return -1;
	}
	ins_g = &ins;
	if (syscalls_register(ins_rows, sizeof(ins_rows) / sizeof(ins_rows[0])) < 0 ||
	    observers_add(&t->obs, &ins_ops, &ins) < 0) {
		fprintf(stderr, "proctrace: too many features registered\n");
		return -1;
	}
	return 0;
}
