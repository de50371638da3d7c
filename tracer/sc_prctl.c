/* sc_prctl.c - strict seccomp mode (prctl, seccomp) refused because of proctrace's own filter; PR_SET_CHILD_SUBREAPER kept. */
#include "config.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include "proc/procfs.h"
#include "tracer/engine.h"
#include "tracer/sc_handlers.h"
#include "tracer/syscalls.h"

/*
 * A task under a seccomp filter cannot switch to strict mode: the kernel
 * says EINVAL (seccomp_may_assign_mode).  When the only filter is ours,
 * the program would have succeeded untraced: tell, naming the way out.
 */
static bool only_our_filter(const struct tracer *t, pid_t tid)
{
	char buf[4096];
	const char *p;

	if (t->mode != SCM_SECCOMP ||
	    procfs_read(tid, "status", buf, sizeof(buf)) < 0)
		return false;
	p = strstr(buf, "\nSeccomp_filters:");
	return p && strtol(p + 17, NULL, 10) == 1;
}

static void strict_refused(struct tracer *t, struct task *task, int64_t rval,
			   bool is_error, bool strict)
{
	struct pt_event ev = { .kind = EV_NOTICE };

	if (!strict || !is_error || rval != -EINVAL ||
	    !only_our_filter(t, task->tid))
		return;
	ev.u.notice.what = "seccomp_strict";
	ev.u.notice.message =
		"strict seccomp mode refused (EINVAL) because of proctrace's seccomp filter; run with --no-seccomp";
	emit_task_event(t, task, &ev);
}

/*
 * Who would reap an orphan (the zombie diagnosis): told as a notice, so
 * the model, live or replayed, knows the flag (fork clears it, exec keeps
 * it: a process born traced is known not to have it until one comes).
 */
static void subreaper_set(struct tracer *t, struct task *task, int64_t rval,
			  bool is_error)
{
	struct pt_event ev = { .kind = EV_NOTICE };
	bool on = task->sc.args[1] != 0;

	if (is_error || rval != 0)
		return;
	ev.u.notice.what = on ? "child_subreaper" : "child_subreaper_off";
	ev.u.notice.message =
		on ? "PR_SET_CHILD_SUBREAPER set: orphans below it come to it" :
		     "PR_SET_CHILD_SUBREAPER cleared";
	emit_task_event(t, task, &ev);
}

/* Another part may say the exit of a prctl does not matter: this one does. */
static void prctl_entry(void *ctx, struct tracer *t, struct task *task)
{
	(void)ctx;
	(void)t;
	if (task->sc.args[0] == PR_SET_CHILD_SUBREAPER)
		task->sc.need_exit = true;
}

static void prctl_strict_exit(void *ctx, struct tracer *t, struct task *task,
			      int64_t rval, bool is_error)
{
	(void)ctx;
	if (task->sc.args[0] == PR_SET_CHILD_SUBREAPER) {
		subreaper_set(t, task, rval, is_error);
		return;
	}
	strict_refused(t, task, rval, is_error,
		       task->sc.args[0] == PR_SET_SECCOMP &&
			       task->sc.args[1] == SECCOMP_MODE_STRICT);
}

static void seccomp_strict_exit(void *ctx, struct tracer *t, struct task *task,
				int64_t rval, bool is_error)
{
	(void)ctx;
	strict_refused(t, task, rval, is_error,
		       task->sc.args[0] == SECCOMP_SET_MODE_STRICT);
}

static const uint64_t prctl_strict[] = { PR_SET_SECCOMP,
					 PR_SET_CHILD_SUBREAPER };
static const uint64_t seccomp_strict[] = { SECCOMP_SET_MODE_STRICT };

static const struct sc_handler prctl_rows[] = {
	{ SYS_prctl, EVC_PROCESS, prctl_entry, prctl_strict_exit },
	{ SYS_seccomp, EVC_PROCESS, NULL, seccomp_strict_exit },
};

int sc_prctl_register(struct tracer *t)
{
	/* Only the strict-mode and subreaper requests of prctl and seccomp stop. */
	if (syscalls_trap_arg0(t, SYS_prctl, prctl_strict,
			       SC_COUNT(prctl_strict)) < 0 ||
	    syscalls_trap_arg0(t, SYS_seccomp, seccomp_strict,
			       SC_COUNT(seccomp_strict)) < 0)
		return -1;
	return syscalls_register(t, prctl_rows, SC_COUNT(prctl_rows), NULL);
}
