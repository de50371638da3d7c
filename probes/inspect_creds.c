/* inspect_creds.c - the creds part of inspect: credential syscalls, and what a clone or exec changed. */
#include "config.h"

#include <linux/prctl.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <sys/syscall.h>

#include "probes/creds.h"
#include "proc/procfs.h"
#include "probes/inspect_priv.h"
#include "tracer/syscalls.h"

/*
 * Read task's credentials again and report how they differ from the kept
 * reading (nothing when there was none); the new reading is kept.
 * inferred: found at a later stop, not at the syscall that made it.
 */
void inspect_creds_check(struct inspect *ins, struct tracer *t,
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
			note = creds_exec_note(task->tid, &now, buf,
					       sizeof(buf));
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
static void creds_entry(void *ctx, struct tracer *t, struct task *task)
{
	struct inspect *ins = ctx;
	struct ins_task *r = ins_task_get(ins, task, true);

	if (r && !r->creds_ok)
		inspect_creds_check(ins, t, task, NULL, NULL, false, false);
}

/*
 * setresuid(r, e, s) (setresgid alike) that sets each id to itself or
 * leaves it (-1), with the fs id already the effective one, changes
 * nothing: the kernel also sets fsuid = euid (__sys_setresuid in
 * kernel/sys.c), and capabilities move only with the ids.  make, as root,
 * calls seteuid(0) (glibc: setresuid(-1, 0, -1)) around every job.
 */
static bool setres_changes_nothing(const uint32_t cur[4], const uint64_t *args)
{
	const uint32_t keep = (uint32_t)-1;
	uint32_t eff = (uint32_t)args[1] == keep ? cur[1] : (uint32_t)args[1];

	for (int i = 0; i < 3; i++)
		if ((uint32_t)args[i] != keep && (uint32_t)args[i] != cur[i])
			return false;
	return cur[3] == eff;
}

/* A setres*id call's entry: nothing to compare after a no-op, no exit stop. */
static void setres_entry(struct inspect *ins, struct tracer *t,
			 struct task *task, bool gid)
{
	struct ins_task *r;
	uint32_t cur[4];

	creds_entry(ins, t, task);
	if (!(r = ins_task_get(ins, task, false)) || !r->creds_ok)
		return;
	for (int i = 0; i < 4; i++)
		cur[i] = gid ? (uint32_t)r->creds.gid[i] :
			       (uint32_t)r->creds.uid[i];
	/* The arguments are ids of the caller's user ns, /proc shows ours. */
	if (setres_changes_nothing(cur, task->sc.args) &&
	    procfs_userns_is_ours(task->tid))
		task->sc.skip_exit = true;
}

static void setresuid_entry(void *ctx, struct tracer *t, struct task *task)
{
	setres_entry(ctx, t, task, false);
}

static void setresgid_entry(void *ctx, struct tracer *t, struct task *task)
{
	setres_entry(ctx, t, task, true);
}

/* Other threads' creds changed without a syscall of theirs. */
static void creds_stale_threads(struct inspect *ins, struct task *task)
{
	struct ins_task *r;

	for (struct task *th = task->proc ? task->proc->threads : NULL; th;
	     th = th->sib_next)
		if (th != task && (r = ins_task_get(ins, th, false)))
			r->creds_ok = false;
}

/* prctl options that can change what /proc/PID/status shows. */
static const uint64_t ins_prctl_creds[] = {
	PR_CAPBSET_DROP, PR_SET_SECUREBITS, PR_SET_NO_NEW_PRIVS,
	PR_CAP_AMBIENT,	 PR_SET_SECCOMP,    PR_SET_KEEPCAPS,
};

static void prctl_entry(void *ctx, struct tracer *t, struct task *task)
{
	uint32_t option = (uint32_t)task->sc.args[0];

	for (size_t i = 0; i < SC_COUNT(ins_prctl_creds); i++) {
		if (ins_prctl_creds[i] == option) {
			creds_entry(ctx, t, task);
			return;
		}
	}
	/* pthread_setname_np, PR_SET_PDEATHSIG...: no exit stop needed. */
	task->sc.skip_exit = true;
}

/* A failed call changed nothing: no second reading. */
static void creds_exit(struct inspect *ins, struct tracer *t, struct task *task,
		       bool is_error, const char *cause)
{
	if (!is_error)
		inspect_creds_check(ins, t, task, NULL, cause, false, false);
}

#define CREDS_EXIT(fn)                                                        \
	static void fn##_exit(void *ctx, struct tracer *t, struct task *task, \
			      int64_t rval, bool is_error)                    \
	{                                                                     \
		(void)rval;                                                   \
		creds_exit(ctx, t, task, is_error, #fn);                      \
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

static void prctl_exit(void *ctx, struct tracer *t, struct task *task,
		       int64_t rval, bool is_error)
{
	(void)rval;
	creds_exit(ctx, t, task, is_error, "prctl");
	/*
	 * no_new_privs is per thread, but seccomp(TSYNC) later copies it to
	 * the others: they read again before trusting their kept reading.
	 */
	if (!is_error && (uint32_t)task->sc.args[0] == PR_SET_NO_NEW_PRIVS)
		creds_stale_threads(ctx, task);
}

static void seccomp_exit(void *ctx, struct tracer *t, struct task *task,
			 int64_t rval, bool is_error)
{
	(void)rval;
	creds_exit(ctx, t, task, is_error, "seccomp");
	/* TSYNC gives every thread the filter (and no_new_privs). */
	if (!is_error && (task->sc.args[1] & SECCOMP_FILTER_FLAG_TSYNC))
		creds_stale_threads(ctx, task);
}

/*
 * Entering a user ns gives the capabilities it grants (creds rows of
 * unshare and setns, after their ns rows: the ns event comes first).
 */
static void unshare_creds_exit(void *ctx, struct tracer *t, struct task *task,
			       int64_t rval, bool is_error)
{
	(void)rval;
	if (task->sc.args[0] & CLONE_NEWUSER)
		creds_exit(ctx, t, task, is_error, "unshare");
}

static void setns_creds_exit(void *ctx, struct tracer *t, struct task *task,
			     int64_t rval, bool is_error)
{
	uint64_t nstype = task->sc.args[1];

	(void)rval;
	/* 0: whatever the fd is; a pidfd: the kinds in the flags. */
	if (!nstype || (nstype & CLONE_NEWUSER))
		creds_exit(ctx, t, task, is_error, "setns");
}

/* The child starts with its parent's credentials (a new user ns aside). */
void inspect_creds_cloned(struct inspect *ins, struct tracer *t,
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
		inspect_creds_check(ins, t, child, parent,
				    c->syscall == CS_CLONE3 ? "clone3" :
							      "clone",
				    false, false);
}

/* Rows of unshare and setns come after their ns rows: the ns event first. */
static const struct sc_handler creds_rows[] = {
	{ SYS_setuid, EVC_CREDS, creds_entry, setuid_exit },
	{ SYS_setgid, EVC_CREDS, creds_entry, setgid_exit },
	{ SYS_setreuid, EVC_CREDS, creds_entry, setreuid_exit },
	{ SYS_setregid, EVC_CREDS, creds_entry, setregid_exit },
	{ SYS_setresuid, EVC_CREDS, setresuid_entry, setresuid_exit },
	{ SYS_setresgid, EVC_CREDS, setresgid_entry, setresgid_exit },
	{ SYS_setfsuid, EVC_CREDS, creds_entry, setfsuid_exit },
	{ SYS_setfsgid, EVC_CREDS, creds_entry, setfsgid_exit },
	{ SYS_setgroups, EVC_CREDS, creds_entry, setgroups_exit },
	{ SYS_capset, EVC_CREDS, creds_entry, capset_exit },
	{ SYS_prctl, EVC_CREDS, prctl_entry, prctl_exit },
	{ SYS_seccomp, EVC_CREDS, creds_entry, seccomp_exit },
	/* Only to have a reading before the first exec; the exec event compares. */
	{ SYS_execve, EVC_CREDS, creds_entry, NULL },
	{ SYS_execveat, EVC_CREDS, creds_entry, NULL },
	{ SYS_unshare, EVC_CREDS, creds_entry, unshare_creds_exit },
	{ SYS_setns, EVC_CREDS, creds_entry, setns_creds_exit },
};

int inspect_creds_register(struct tracer *t, struct inspect *ins)
{
	if (syscalls_register(t, creds_rows, SC_COUNT(creds_rows), ins) < 0)
		return -1;
	return syscalls_trap_arg0(t, SYS_prctl, ins_prctl_creds,
				  SC_COUNT(ins_prctl_creds));
}
