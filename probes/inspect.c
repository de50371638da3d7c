/* inspect.c - the creds/ns/vma feature: syscall rows and observer hooks that diff /proc before and after. */
#include "config.h"

#include <linux/prctl.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>

#include "decode/decode.h"
#include "probes/creds.h"
#include "probes/inspect.h"
#include "probes/nsinfo.h"
#include "proc/procfs.h"
#include "probes/stack.h"
#include "tracer/syscalls.h"
#include "probes/vma.h"

#define INS_BUCKETS 1024
#define INS_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * A task's last readings.  The creds reading is kept from stop to stop
 * (a child starts with its parent's): every change is made by a syscall
 * whose row reads again, so an exec costs one status read, not three.
 */
struct ins_task {
	const struct task *task;	/* the key: survives tasks_rekey() */
	bool creds_ok;			/* creds is still what the task has */
	struct creds_snap creds;
	uint64_t creds_ts;		/* when it was read */
	bool ns_ok;			/* ns holds a reading (for_children) */
	uint64_t ns[NS_TYPE_COUNT];
	uint64_t ns_ts;
	struct ins_task *next;
};

struct ins_proc {
	const struct proc *proc;
	struct vma_space *as;		/* shared with CLONE_VM relatives */
	struct ins_proc *next;
};

struct inspect {
	unsigned classes;
	bool stop_free;			/* no syscall stops: infer at other stops */
	struct ins_task *tasks[INS_BUCKETS];
	struct ins_proc *procs[INS_BUCKETS];
	struct vma_diff diff;
	struct vma_diff snap;		/* VO_MAP list reused for snapshots */
	struct stack *stack;		/* --stack, else NULL */
	struct task *stack_of;		/* whose stack stands for the event's task */
	pid_t exe_tid;			/* exe: the path of tid's last exec event */
	char exe[4096];
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

/* An event about task whose stack is stack_of's (stopped) one. */
static void ins_emit_for(struct inspect *ins, struct tracer *t,
			 struct task *task, struct task *stack_of,
			 struct pt_event *ev)
{
	ins->stack_of = stack_of;
	emit_task_event(t, task, ev);
	ins->stack_of = NULL;
}

/* ---- credentials ---- */

/*
 * Read task's credentials again and report how they differ from the kept
 * reading (nothing when there was none); the new reading is kept.
 * inferred: found at a later stop, not at the syscall that made it.
 */
static void creds_check(struct inspect *ins, struct tracer *t,
			struct task *task, struct task *stack_of,
			const char *cause, bool inferred, bool exec)
{
	struct ins_task *r = ins_task_get(ins, task, true);
	struct pt_event ev = { .kind = EV_CREDS };
	struct creds_snap now;
	const char *note = NULL, *exe;
	char buf[256];

	if (!r)
		return;
	if (creds_read(task->tid, &now) < 0) {
		r->creds_ok = false;
		return;
	}
	if (exec && r->creds_ok) {
		exe = ins->exe_tid == task->tid ? ins->exe : NULL;
		if (creds_exec_note_possible(exe, &now))
			note = creds_exec_note(task->tid, &now, buf, sizeof(buf));
	}
	if (r->creds_ok && (note || !creds_equal(&r->creds, &now))) {
		ev.u.creds.cause = cause;
		creds_to_event(&r->creds, &ev.u.creds.before);
		creds_to_event(&now, &ev.u.creds.after);
		ev.u.creds.note = note;
		ev.inferred = inferred;
		ev.ts_lo = r->creds_ts;
		ins_emit_for(ins, t, task, stack_of, &ev);
	}
	r->creds = now;
	r->creds_ok = true;
	r->creds_ts = engine_now(t);
}

/* A creds syscall's entry: the exit compares with the kept reading. */
static void creds_entry(struct tracer *t, struct task *task)
{
	struct ins_task *r = ins_task_get(ins_g, task, true);

	if (r && !r->creds_ok)
		creds_check(ins_g, t, task, NULL, NULL, false, false);
}

/* Other threads' creds changed without a syscall of theirs. */
static void creds_stale_threads(struct task *task)
{
	struct ins_task *r;

	for (struct task *th = task->proc ? task->proc->threads : NULL; th;
	     th = th->sib_next)
		if (th != task && (r = ins_task_get(ins_g, th, false)))
			r->creds_ok = false;
}

/* prctl options that can change what /proc/PID/status shows. */
static const uint64_t ins_prctl_creds[] = {
	PR_CAPBSET_DROP, PR_SET_SECUREBITS, PR_SET_NO_NEW_PRIVS,
	PR_CAP_AMBIENT, PR_SET_SECCOMP, PR_SET_KEEPCAPS,
};

static void prctl_entry(struct tracer *t, struct task *task)
{
	uint32_t option = (uint32_t)task->sc.args[0];

	for (size_t i = 0; i < INS_COUNT(ins_prctl_creds); i++) {
		if (ins_prctl_creds[i] == option) {
			creds_entry(t, task);
			return;
		}
	}
	/* pthread_setname_np, PR_SET_PDEATHSIG...: no exit stop needed. */
	task->sc.skip_exit = true;
}

/* A failed call changed nothing: no second reading. */
static void creds_exit(struct tracer *t, struct task *task, bool is_error,
		       const char *cause)
{
	if (!is_error)
		creds_check(ins_g, t, task, NULL, cause, false, false);
}

#define CREDS_EXIT(fn)                                                         \
	static void fn##_exit(struct tracer *t, struct task *task,             \
			      int64_t rval, bool is_error)                     \
	{                                                                      \
		(void)rval;                                                    \
		creds_exit(t, task, is_error, #fn);                            \
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

static void prctl_exit(struct tracer *t, struct task *task, int64_t rval,
		       bool is_error)
{
	(void)rval;
	creds_exit(t, task, is_error, "prctl");
	/*
	 * no_new_privs is per thread, but seccomp(TSYNC) later copies it to
	 * the others: they read again before trusting their kept reading.
	 */
	if (!is_error && (uint32_t)task->sc.args[0] == PR_SET_NO_NEW_PRIVS)
		creds_stale_threads(task);
}

static void seccomp_exit(struct tracer *t, struct task *task, int64_t rval,
			 bool is_error)
{
	(void)rval;
	creds_exit(t, task, is_error, "seccomp");
	/* TSYNC gives every thread the filter (and no_new_privs). */
	if (!is_error && (task->sc.args[1] & SECCOMP_FILTER_FLAG_TSYNC))
		creds_stale_threads(task);
}

/* ---- namespaces ---- */

/* Keep a namespace reading (for_children) as the task's last one. */
static void ns_keep(struct tracer *t, struct ins_task *r, const uint64_t *now)
{
	memcpy(r->ns, now, sizeof(r->ns));
	r->ns_ok = true;
	r->ns_ts = engine_now(t);
}

/* Stop-free mode: report what changed since the kept reading, as inferred. */
static void ns_check(struct inspect *ins, struct tracer *t, struct task *task)
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
	ns_keep(t, r, now);
}

static void ns_entry(struct tracer *t, struct task *task)
{
	struct ins_task *r = ins_task_get(ins_g, task, true);
	uint64_t now[NS_TYPE_COUNT];

	if (r && nsinfo_read(task->tid, true, now) == 0)
		ns_keep(t, r, now);
	else if (r)
		r->ns_ok = false;
}

static void ns_exit(struct tracer *t, struct task *task, int64_t rval,
		    bool is_error, const char *cause, uint64_t flags)
{
	struct ins_task *r = ins_task_get(ins_g, task, false);
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

/*
 * Entering a user ns gives the capabilities it grants (creds rows of
 * unshare and setns, after their ns rows: the ns event comes first).
 */
static void unshare_creds_exit(struct tracer *t, struct task *task,
			       int64_t rval, bool is_error)
{
	(void)rval;
	if (task->sc.args[0] & CLONE_NEWUSER)
		creds_exit(t, task, is_error, "unshare");
}

static void setns_creds_exit(struct tracer *t, struct task *task, int64_t rval,
			     bool is_error)
{
	uint64_t nstype = task->sc.args[1];

	(void)rval;
	/* 0: whatever the fd is; a pidfd: the kinds in the flags. */
	if (!nstype || (nstype & CLONE_NEWUSER))
		creds_exit(t, task, is_error, "setns");
}

static void ns_cloned(struct inspect *ins, struct tracer *t,
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
		ns_keep(t, cr, to);
	if (nsinfo_read(parent->tid, false, from) < 0 ||
	    nsinfo_read(child->tid, false, to) < 0 ||
	    !nsinfo_diff(from, to, &ev.u.ns))
		return;
	ev.u.ns.cause = c->syscall == CS_CLONE3 ? "clone3" : "clone";
	ev.u.ns.flags = c->flags & decode_ns_all_flags();
	/* The child has not stopped yet: the stack shown is the clone call's. */
	ins_emit_for(ins, t, child, parent, &ev);
}

/* The child starts with its parent's credentials (a new user ns aside). */
static void creds_cloned(struct inspect *ins, struct tracer *t,
			 struct task *parent, struct task *child,
			 const struct ev_clone *c)
{
	struct ins_task *pr = ins_task_get(ins, parent, false), *cr;

	if (!(cr = ins_task_get(ins, child, true)) || !pr || !pr->creds_ok)
		return;
	cr->creds = pr->creds;
	cr->creds_ok = true;
	cr->creds_ts = pr->creds_ts;
	if (c->flags & CLONE_NEWUSER)
		creds_check(ins, t, child, parent,
			    c->syscall == CS_CLONE3 ? "clone3" : "clone", false,
			    false);
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
	/* The last reading stands unless there is none (exit diffs against it). */
	if (as && !as->valid)
		vma_space_refresh(as, task->tid);
}

/* The main stack grew under a fault, not under this syscall: not its doing. */
static size_t vma_drop_stack_growth(struct ev_region *r, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].path, "[stack]") != 0)
			r[k++] = r[i];
	return k;
}

static void vma_exit(struct tracer *t, struct task *task, int64_t rval,
		     bool is_error, const char *cause)
{
	static const enum vma_op order[] = { VO_UNMAP, VO_MAP, VO_PROTECT };
	struct vma_space *as;
	struct vma_diff *d = &ins_g->diff;

	(void)rval;
	/* A failed call mapped nothing: no reading. */
	if (is_error || !(as = vma_space_of(ins_g, task)) ||
	    vma_space_update(as, task->tid, d) < 0)
		return;
	d->n[VO_MAP] = vma_drop_stack_growth(d->list[VO_MAP], d->n[VO_MAP]);
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++)
		if (d->n[order[k]])
			vma_emit(t, task, order[k], cause, d->list[order[k]],
				 d->n[order[k]]);
	/* The unwinder's map of the process is out of date. */
	if (ins_g->stack && task->proc && (d->n[VO_UNMAP] || d->n[VO_MAP]))
		stack_maps_changed(ins_g->stack, task->proc->pid);
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
VMA_EXIT(pkey_mprotect)
VMA_EXIT(shmat)
VMA_EXIT(shmdt)

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
	/* Only to have a reading before the first exec; the exec event compares. */
	{ "execve", EVC_CREDS, creds_entry, NULL, 0 },
	{ "execveat", EVC_CREDS, creds_entry, NULL, 0 },
	{ "unshare", EVC_NS, ns_entry, unshare_exit, 0 },
	{ "setns", EVC_NS, ns_entry, setns_exit, 0 },
	{ "unshare", EVC_CREDS, creds_entry, unshare_creds_exit, 0 },
	{ "setns", EVC_CREDS, creds_entry, setns_creds_exit, 0 },
	{ "mmap", EVC_VMA, vma_entry, mmap_exit, 0 },
	{ "munmap", EVC_VMA, vma_entry, munmap_exit, 0 },
	{ "mprotect", EVC_VMA, vma_entry, mprotect_exit, 0 },
	{ "mremap", EVC_VMA, vma_entry, mremap_exit, 0 },
	{ "brk", EVC_VMA, vma_entry, brk_exit, 0 },
	{ "pkey_mprotect", EVC_VMA, vma_entry, pkey_mprotect_exit, 0 },
	{ "shmat", EVC_VMA, vma_entry, shmat_exit, 0 },
	{ "shmdt", EVC_VMA, vma_entry, shmdt_exit, 0 },
};

/* ---- observer hooks ---- */

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
		creds_check(ins, t, task, NULL, "unknown", true, false);
	if (ins->classes & EVC_NS)
		ns_check(ins, t, task);
}

static void ins_attached(void *ctx, struct tracer *t, struct task *task)
{
	struct inspect *ins = ctx;
	struct ins_task *r;
	uint64_t now[NS_TYPE_COUNT];

	/* The readings later stops compare with. */
	if ((ins->classes & EVC_CREDS) && (r = ins_task_get(ins, task, true)) &&
	    !r->creds_ok)
		creds_check(ins, t, task, NULL, NULL, false, false);
	if ((ins->classes & EVC_NS) && ins->stop_free &&
	    (r = ins_task_get(ins, task, true)) &&
	    nsinfo_read(task->tid, true, now) == 0)
		ns_keep(t, r, now);
	/* One snapshot per process: the first of its threads seized. */
	if ((ins->classes & EVC_VMA) && task->proc &&
	    !ins_proc_get(ins, task->proc, false))
		vma_snapshot(ins, t, task, "attach");
}

static void ins_cloned(void *ctx, struct tracer *t, struct task *parent,
		       struct task *child, const struct ev_clone *c)
{
	struct inspect *ins = ctx;

	if (ins->stop_free)
		ins_infer(ins, t, parent);
	if (ins->classes & EVC_NS)
		ns_cloned(ins, t, parent, child, c);
	if (ins->classes & EVC_CREDS)
		creds_cloned(ins, t, parent, child, c);
	if (ins->classes & EVC_VMA)
		vma_cloned(ins, parent, child, c);
}

static void ins_execed(void *ctx, struct tracer *t, struct task *task)
{
	struct inspect *ins = ctx;

	if (ins->stack && task->proc)
		stack_forget(ins->stack, task->proc->pid);
	/* Without syscall stops, a change may predate the exec: inferred. */
	if (ins->classes & EVC_CREDS)
		creds_check(ins, t, task, NULL, "exec", ins->stop_free, true);
	if ((ins->classes & EVC_NS) && ins->stop_free)
		ns_check(ins, t, task);
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
		stack_annotate(ins->stack, ins->stack_of ? ins->stack_of : task, ev);
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
	static struct inspect ins;
	unsigned cls = o->classes & (EVC_CREDS | EVC_NS | EVC_VMA);

	if (!cls && !o->stack)
		return 0;
	memset(&ins, 0, sizeof(ins));
	ins.classes = cls;
	ins.stop_free = t->mode == SCM_NONE;
	if (o->stack && !(ins.stack = stack_new())) {
		fprintf(stderr, "proctrace: --stack: cannot set up the unwinder\n");
		return -1;
	}
	ins_g = &ins;
	if (syscalls_register(ins_rows, sizeof(ins_rows) / sizeof(ins_rows[0])) < 0 ||
	    syscalls_trap_arg0("prctl", ins_prctl_creds,
			       INS_COUNT(ins_prctl_creds)) < 0 ||
	    observers_add(&t->obs, &ins_ops, &ins) < 0) {
		fprintf(stderr, "proctrace: too many features registered\n");
		return -1;
	}
	return 0;
}
