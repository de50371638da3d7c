/* exec_miss.c - execs of a file that is not there, resumed without their exit stop. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc/procfs.h"
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
 * (CAP_DAC_OVERRIDE or CAP_DAC_READ_SEARCH, permcreds.c), with our root
 * and mount ns, on a kernel that looks the file up first.  A file made
 * between the look and the call would make the exec succeed: the call is
 * kept until the task's next stop, and a PTRACE_EVENT_EXEC there turns it
 * back into an exec that succeeded.
 */
/*
 * Does execve look the file up before it reads argv and envp?  Since
 * Linux 6.8 it opens the file first (do_execveat_common); before, a bad
 * argv (EFAULT) or too big a one (E2BIG) failed first.  Asked of the
 * kernel by behaviour: a child execs a missing file with a bad argv.
 */
static bool exec_opens_file_first(void)
{
	static int known = -1;
	int st;
	pid_t pid;

	if (known >= 0)
		return known;
	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		/* the raw call: argv is meant to be bad */
		syscall(SYS_execve, "/nonexistent/proctrace-exec-probe", 1L,
			0L);
		_exit(errno == ENOENT ? 0 : 1);
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	known = WIFEXITED(st) && WEXITSTATUS(st) == 0;
	return known;
}

void exec_miss_init(struct tracer *t)
{
	t->exec_miss_ok = t->mode == SCM_SECCOMP && (t->classes & EVC_CREDS) &&
			  exec_opens_file_first();
}

bool exec_miss_known(struct tracer *t, struct task *task, int lookup_errno)
{
	const struct perm_creds *c;

	/*
	 * The leader only: a thread's exec that succeeds after all is
	 * reported under the leader's tid (tasks_rekey in stops_exec).
	 */
	if (!t->exec_miss_ok || !task->proc || task->tid != task->proc->pid ||
	    task->proc->pid == t->root_pid ||
	    (lookup_errno != ENOENT && lookup_errno != ENOTDIR))
		return false;
	if (!(c = permcreds_get(t, task->proc)) || !c->cap_dac_search)
		return false;
	/* Absolute symlinks and .. resolve against our root, not the task's. */
	return procfs_fs_view_is_ours(task->tid);
}

void exec_miss_take(struct tracer *t, struct task *task)
{
	struct exec_miss *m = &task->exec_miss;

	if (m->on)
		exec_miss_settle(t, task, 0, true);
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

void exec_miss_settle(struct tracer *t, struct task *task, int status, bool ran)
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
	/* Died at its seccomp stop perhaps, the call skipped: nothing to say. */
	if (ran)
		write_failure(t, task);
	pending_sc_clear(&m->call);
}
