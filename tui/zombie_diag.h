/* zombie_diag.h - the zombie diagnosis and the signal counts as text: pure formatting of what the model and the source know. */
#ifndef PROCTRACE_ZOMBIE_DIAG_H
#define PROCTRACE_ZOMBIE_DIAG_H

#include <stddef.h>
#include <sys/types.h>

#include "model/model.h"
#include "tui/tui_source.h"

/* Who collects the parent's children if it exits (the kernel's find_new_reaper). */
enum tui_reaper {
	TZR_INIT, /* no traced ancestor is a subreaper: init, or one above the trace */
	TZR_SUBREAPER, /* a traced ancestor set PR_SET_CHILD_SUBREAPER */
	TZR_NS_INIT, /* the init of the parent's (nested) pid namespace */
	TZR_UNKNOWN, /* an attached ancestor: /proc does not show the flag */
};

/* The inputs of one diagnosis; strings already made safe for the screen. */
struct tui_zdiag {
	pid_t pid, pgid; /* the zombie child; pgid 0 unknown */
	pid_t ppid;
	const char *pcomm; /* the parent's comm, NULL unknown */
	/* the live source's facts, NULL in a replay (or if it cannot) */
	const struct tui_parent_facts *f;
	/* from the model: the parent's last reap (pid 0: none seen) */
	pid_t last_reaped;
	double last_reap_ago;
	enum tui_reaper reaper;
	pid_t reaper_pid;
	const char *reaper_comm;
};

/*
 * Three lines ('\n'-separated) naming why z->pid is not reaped: what the
 * parent is doing (its syscall, whether its wait is for another child or
 * group), then its SIGCHLD handling and who reaps if it exits.  snprintf
 * semantics.
 */
size_t tui_zdiag_format(char *buf, size_t size, const struct tui_zdiag *z);

/* A wait call as "wait4(pid=-1, WNOHANG)"; snprintf semantics. */
size_t tui_zdiag_wait_call(char *buf, size_t size, enum wait_syscall kind,
			   int64_t a0, int64_t a1, uint64_t options);

/*
 * Per signal counted for p, one line each: "SIGCHLD: 12 sent to it, 9
 * delivered (standard signals merge while pending)".  "" when none.
 */
size_t tui_zdiag_sigcounts(char *buf, size_t size, const struct model_proc *p);

#endif
