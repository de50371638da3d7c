/* sc_exec.c - execve and execveat: read the arguments at entry, report a failed exec at exit. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "decode/decode.h"
#include "tracer/engine.h"
#include "tracer/exec_ctx.h"
#include "tracer/exec_miss.h"
#include "tracer/sc_handlers.h"
#include "tracer/syscalls.h"
#include "tracer/tmem.h"

#define ARGV_MAX 4096
#define PATH_MAX_READ 4096

enum { EXEC_PLAIN, EXEC_AT };

/*
 * Whether the exec can find its file, seen from the task (its root and
 * cwd): 0, or the errno of the lookup.  execvp and posix_spawnp try each
 * PATH entry, and the fd scan of each hopeless try would be thrown away.
 * execveat (a dirfd): assumed found.
 */
static int exec_file_lookup(pid_t tid, const char *filename, int at)
{
	char path[PATH_MAX_READ + 64];

	if (at)
		return 0;
	if (!filename || !*filename)
		return EINVAL; /* not a lookup's answer: never taken as one */
	if (snprintf(path, sizeof(path), "/proc/%d/%s/%s", (int)tid,
		     filename[0] == '/' ? "root" : "cwd",
		     filename) >= (int)sizeof(path))
		return ENAMETOOLONG;
	return access(path, F_OK) == 0 ? 0 : errno;
}

static void exec_entry(struct tracer *t, struct task *task, int at)
{
	struct pending_sc *sc = &task->sc;
	uint64_t path = sc->args[at ? 1 : 0];
	uint64_t argv = sc->args[at ? 2 : 1];
	uint64_t envp = sc->args[at ? 3 : 2];
	int lookup;

	sc->filename = tmem_strdup(task->tid, path, PATH_MAX_READ, NULL);
	sc->argv = tmem_strv(task->tid, argv, ARGV_MAX, &sc->argc,
			     &sc->argv_truncated);
	if (t->opt->env)
		sc->envp =
			tmem_strv(task->tid, envp, ARGV_MAX, &sc->envc, NULL);
	if (!task->proc || !(t->classes & EVC_PROCESS))
		return;
	lookup = exec_file_lookup(task->tid, sc->filename, at);
	if (!lookup) {
		exec_ctx_entry(task->proc, task->tid);
	} else if (exec_miss_known(t, task, lookup)) {
		/* It fails as the lookup did: no exit stop (exec_miss.c). */
		sc->exec_miss = lookup;
		sc->skip_exit = true;
		sc->on_skip = exec_miss_take;
	}
}

static void execve_entry(void *ctx, struct tracer *t, struct task *task)
{
	(void)ctx;
	exec_entry(t, task, EXEC_PLAIN);
}

static void execveat_entry(void *ctx, struct tracer *t, struct task *task)
{
	(void)ctx;
	exec_entry(t, task, EXEC_AT);
}

static void exec_exit(void *ctx, struct tracer *t, struct task *task,
		      int64_t rval, bool is_error)
{
	struct pending_sc *sc = &task->sc;
	struct pt_event ev = { .kind = EV_EXEC };

	(void)ctx;
	/* Success is reported by PTRACE_EVENT_EXEC; only failures end here. */
	if (!is_error || rval >= 0 || decode_errno_is_restart((int)-rval))
		return;
	if (task->proc)
		exec_ctx_entry_failed(task->proc);
	ev.u.exec.ok = false;
	ev.u.exec.err = (int)-rval;
	ev.u.exec.filename = sc->filename ? sc->filename : "";
	ev.u.exec.argv.v = sc->argv;
	ev.u.exec.argv.count = sc->argc;
	ev.u.exec.argv.truncated = sc->argv_truncated;
	ev.u.exec.envp.v = sc->envp;
	ev.u.exec.envp.count = sc->envc;
	if (task->proc && task->proc->pid == t->root_pid && !t->root_done &&
	    t->exec_fail_errno == 0 && t->opt->cmd)
		t->exec_fail_errno = ev.u.exec.err;
	emit_task_event(t, task, &ev);
}

static const struct sc_handler exec_rows[] = {
	{ SYS_execve, EVC_PROCESS, execve_entry, exec_exit },
	{ SYS_execveat, EVC_PROCESS, execveat_entry, exec_exit },
};

int sc_exec_register(struct tracer *t)
{
	return syscalls_register(t, exec_rows, SC_COUNT(exec_rows), NULL);
}
