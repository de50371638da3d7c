/* exec_miss.c - execs of a file that is not there, resumed without their exit stop. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "tracer/exec_ctx.h"
#include "tracer/exec_miss.h"
#include "tracer/permcreds.h"

/*
 * execvp and posix_spawnp try each PATH entry in turn: a build fails an
 * exec or three for every program it runs (gcc's cc1, as, collect2), and
 * each failure cost an exit stop.  Where the file is not there, the
 * failure is known at the entry: the task's own lookup goes through the
 * same root and cwd (/proc/PID/root, /proc/PID/cwd) and fails with the
 * same errno, as long as no directory on the way refuses it a search
 * (EACCES first): so only for a task whose capabilities bypass that
 * (CAP_DAC_OVERRIDE or CAP_DAC_READ_SEARCH, permcreds.c).  A file made
 * between the look and the call would make the exec succeed: the call is
 * kept until the task's next stop, and a PTRACE_EVENT_EXEC there turns it
 * back into an exec that succeeded.
 */
bool exec_miss_known(struct tracer *t, struct task *task, int lookup_errno)
{
	const struct perm_creds *c;

	if (t->mode != SCM_SECCOMP || !task->proc ||
	    task->proc->pid == t->root_pid ||
	    (lookup_errno != ENOENT && lookup_errno != ENOTDIR))
		return false;
	return (c = permcreds_get(t, task->proc)) && c->cap_dac_search;
}

void exec_miss_take(struct tracer *t, struct task *task)
{
	struct exec_miss *m = &task->exec_miss;

	if (m->on)
		exec_miss_settle(t, task, 0);
	/* The call moves here whole; the pending slot is cleared after. */
	m->call = task->sc;
	memset(&task->sc, 0, sizeof(task->sc));
	m->since = engine_now(t);
	m->on = true;
}

static void write_failure(struct tracer *t, struct task *task)
{
	struct exec_miss *m = &task->exec_miss;
	struct pt_event ev = { .kind = EV_EXEC };
	struct ev_exec *x = &ev.u.exec;

	if (task->proc)
		exec_ctx_entry_failed(task->proc);
	x->ok = false;
	x->err = m->call.exec_miss;
	x->filename = m->call.filename ? m->call.filename : "";
	x->argv.v = m->call.argv;
	x->argv.count = m->call.argc;
	x->argv.truncated = m->call.argv_truncated;
	x->envp.v = m->call.envp;
	x->envp.count = m->call.envc;
	ev.inferred = true;
	ev.ts_lo = m->since;
	emit_task_event(t, task, &ev);
}

void exec_miss_settle(struct tracer *t, struct task *task, int status)
{
	struct exec_miss *m = &task->exec_miss;

	if (!m->on)
		return;
	m->on = false;
	/* The file came after all: the exec event reads the call as usual. */
	if (WIFSTOPPED(status) && (unsigned)status >> 16 == PTRACE_EVENT_EXEC) {
		pending_sc_clear(&task->sc);
		task->sc = m->call;
		task->sc.on_skip = NULL;
		memset(&m->call, 0, sizeof(m->call));
		return;
	}
	write_failure(t, task);
	pending_sc_clear(&m->call);
}
