/* launch.c - fork the command, seize it before it runs, then let it exec. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tracer/filter.h"
#include "tracer/exec_ctx.h"
#include "tracer/launch.h"
#include "tracer/launch_creds.h"
#include "tracer/reapwatch.h"
#include "proc/procfs.h"

/* What the child reports on its error pipe when the command never ran. */
enum launch_failure {
	LAUNCH_OK,
	LAUNCH_FAILED_EXEC,
	LAUNCH_FAILED_FILTER,
	LAUNCH_FAILED_CREDS,
};

/*
 * execvp's search, done in the tracer so "not found" is one clear line.
 * path: the command's PATH (after -E).
 */
static int find_in_path(const char *name, const char *path, char *out,
			size_t size)
{
	const char *p;
	int first_err = ENOENT;

	if (strchr(name, '/')) {
		struct stat st;

		if (snprintf(out, size, "%s", name) >= (int)size)
			return ENAMETOOLONG;
		if (stat(out, &st) < 0)
			return errno;
		if (!S_ISREG(st.st_mode))
			return EACCES;
		return access(out, X_OK) == 0 ? 0 : errno;
	}
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;;) {
		size_t len = strcspn(p, ":");
		struct stat st;

		if (snprintf(out, size, "%.*s%s%s", (int)len, len ? p : ".",
			     "/", name) < (int)size &&
		    stat(out, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(out, X_OK) == 0)
				return 0;
			first_err = EACCES;
		}
		if (!p[len])
			break;
		p += len + 1;
	}
	return first_err;
}

static void cannot_execute(char *err, size_t errsize, const char *cmd,
			   int errnum)
{
	snprintf(err, errsize, "cannot execute %s: %s", cmd, strerror(errnum));
}

/* cmd as a path for execv, or -1 with the reason (t->exec_fail_errno set). */
static int launch_resolve(struct tracer *t, const char *cmd, char *path,
			  size_t size, char *err, size_t errsize)
{
	int rc = find_in_path(cmd, launch_env_path(t->opt), path, size);

	if (!rc)
		return 0;
	t->exec_fail_errno = rc;
	if (rc == ENOENT && !strchr(cmd, '/'))
		snprintf(err, errsize, "%s: command not found", cmd);
	else
		cannot_execute(err, errsize, cmd, rc);
	return -1;
}

/* In the child: tell the tracer why the command never ran, and die. */
static _Noreturn void child_fail(int err_fd, enum launch_failure what,
				 int errnum, int status)
{
	int report[2] = { what, errnum };
	ssize_t n = write(err_fd, report, sizeof(report));

	(void)n; /* the report lost: the exit status still says it */
	_exit(status);
}

/*
 * The signals engine_init takes back from SIG_IGN (a shell's background
 * job has INT ignored): with -D the command gets them back as it had them.
 */
static const int launch_reclaimed_signals[] = { SIGINT, SIGTERM };

void launch_note_ignored_signals(struct trace_opts *o)
{
	size_t n = sizeof(launch_reclaimed_signals) /
		   sizeof(launch_reclaimed_signals[0]);

	for (size_t i = 0; i < n; i++) {
		struct sigaction sa;

		if (sigaction(launch_reclaimed_signals[i], NULL, &sa) == 0 &&
		    sa.sa_handler == SIG_IGN)
			o->ignored_at_start |= 1u << i;
	}
}

/* -D, in the command once seized: as it would be untraced. */
static void launch_daemon_command_seized(const struct trace_opts *o)
{
	size_t n = sizeof(launch_reclaimed_signals) /
		   sizeof(launch_reclaimed_signals[0]);

	prctl(PR_SET_PTRACER, 0, 0, 0, 0); /* the tracer is attached */
	for (size_t i = 0; i < n; i++)
		if (o->ignored_at_start & (1u << i))
			signal(launch_reclaimed_signals[i], SIG_IGN);
}

/* In the child: nothing may run untraced, so wait until we are seized. */
static void child_wait_for_seize(int sync_fd)
{
	char go;
	ssize_t n;

	do
		n = read(sync_fd, &go, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		_exit(1); /* the tracer failed and said why */
}

/*
 * In the child: the CLI gave the terminal to someone else (--tui), so the
 * command gets its own session (no controlling tty, no ^C from the UI's
 * keyboard) and its stdio goes to the file the CLI chose.
 */
static void child_leave_terminal(const char *stdio_path)
{
	int in = open("/dev/null", O_RDONLY), out;

	out = open(stdio_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
	    dup2(out, 2) < 0)
		_exit(127);
	close(in);
	close(out);
	setsid();
}

/*
 * In the child: the UI shows a terminal of its own for the command, the pty
 * slave: a new session with it as the controlling terminal (setsid first:
 * TIOCSCTTY needs a session leader without one), so ^C typed into the
 * pane reaches the command's foreground process group, as in a terminal.
 */
static void child_take_pty(int slave)
{
	if (setsid() < 0 || ioctl(slave, TIOCSCTTY, 0) < 0 ||
	    dup2(slave, 0) < 0 || dup2(slave, 1) < 0 || dup2(slave, 2) < 0)
		_exit(127);
	if (slave > 2)
		close(slave);
}

/* The child: once seized, set up its stdio, signals and filter, and exec. */
static _Noreturn void child_run(const struct tracer *t, const char *path,
				char **cmd, struct filter *filter, int sync_fd,
				int err_fd)
{
	sigset_t empty;
	int rc;

	child_wait_for_seize(sync_fd);
	if (t->opt->daemonize)
		launch_daemon_command_seized(t->opt);
	if (t->launch_pty)
		child_take_pty(t->launch_pty_fd);
	else if (t->opt->stdio_path)
		child_leave_terminal(t->opt->stdio_path);
	signal(SIGPIPE, SIG_DFL);
	reapwatch_child_restore();
	sigemptyset(&empty);
	sigprocmask(SIG_SETMASK, &empty, NULL);
	if (filter) {
		rc = filter_load(filter);
		if (rc < 0)
			child_fail(err_fd, LAUNCH_FAILED_FILTER, -rc, 126);
	}
	/* After the filter: loading it without no_new_privs needs root. */
	rc = launch_creds_apply(t->opt, path);
	if (rc < 0)
		child_fail(err_fd, LAUNCH_FAILED_CREDS, -rc, 126);
	if (launch_env_apply(t->opt) < 0)
		child_fail(err_fd, LAUNCH_FAILED_EXEC, ENOMEM, 126);
	execv(path, cmd);
	child_fail(err_fd, LAUNCH_FAILED_EXEC, errno, 127);
}

/* The tracer: seize the child, record it, and let it go on to its exec. */
/* ppid: the command's parent (us, or with -D the shell). */
static int launch_seize(struct tracer *t, pid_t pid, pid_t ppid, int sync_fd,
			char *err, size_t errsize)
{
	struct proc *proc;
	char go = 'g';

	if (ptrace(PTRACE_SEIZE, pid, 0, engine_ptrace_options(t)) < 0) {
		snprintf(err, errsize, "cannot trace the command: %s",
			 strerror(errno));
		return -1;
	}
	proc = tasks_add_proc(&t->tasks, pid, ppid);
	if (!proc || !tasks_add(&t->tasks, pid, proc)) {
		snprintf(err, errsize, "out of memory");
		return -1;
	}
	snprintf(proc->comm, sizeof(proc->comm), "proctrace");
	/* Still before its exec (it waits for "go"): proctrace's env and fds. */
	exec_ctx_snapshot(proc, pid, true);
	t->root_pid = pid;
	/* SEIZE does not stop: with --exact, stop it once to arm PTRACE_SYSCALL. */
	if (t->mode == SCM_EXACT)
		ptrace(PTRACE_INTERRUPT, pid, 0, 0);
	if (write(sync_fd, &go, 1) != 1) {
		snprintf(err, errsize, "cannot start the command: %s",
			 strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Fork the command and seize it.  Returns 0, or -1 with the reason (the
 * child killed).  pipes: sync, then err; ours are the ends left open.
 */
static int launch_child(struct tracer *t, const char *path, char **cmd,
			struct filter *filter, int sync_pipe[2],
			int err_pipe[2], char *err, size_t errsize)
{
	pid_t pid = fork();

	if (pid < 0) {
		snprintf(err, errsize, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		close(sync_pipe[1]);
		close(err_pipe[0]);
		child_run(t, path, cmd, filter, sync_pipe[0], err_pipe[1]);
	}
	if (launch_seize(t, pid, getpid(), sync_pipe[1], err, errsize) < 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return -1;
	}
	return 0;
}

/* -D: the middle process's SIGCHLD is ours, not the untraced command's. */
static void launch_drop_pending_sigchld(void)
{
	const struct timespec now = { 0, 0 };
	sigset_t chld;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigtimedwait(&chld, NULL, &now); /* blocked by engine_init */
}

/*
 * -D: we stay the command (same pid, same parent: the shell's job) and the
 * tracer goes on in a grandchild, reparented away from us, in a session of
 * its own so the terminal's ^C and hangup reach the command only.  Only the
 * grandchild returns; 0, or -1 with the reason (the command then exits 1
 * when the sync pipe closes unwritten).
 */
static int launch_daemonized(struct tracer *t, const char *path, char **cmd,
			     struct filter *filter, int sync_pipe[2],
			     int err_pipe[2], char *err, size_t errsize)
{
	pid_t command = getpid(), parent = getppid(), middle, tracer;

	/* Yama ptrace_scope 1 lets only ancestors trace: allow our grandchild. */
	prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
	middle = fork();
	if (middle < 0) {
		snprintf(err, errsize, "fork: %s", strerror(errno));
		return -1;
	}
	if (middle > 0) {
		/* Reaped now: the command must not inherit a child. */
		waitpid(middle, NULL, 0);
		launch_drop_pending_sigchld();
		close(sync_pipe[1]);
		close(err_pipe[0]);
		child_run(t, path, cmd, filter, sync_pipe[0], err_pipe[1]);
	}
	tracer = fork();
	if (tracer < 0) {
		fprintf(stderr, "proctrace: fork: %s\n", strerror(errno));
		_exit(1); /* the command sees its sync pipe close, exits 1 */
	}
	if (tracer > 0)
		_exit(0); /* the middle process: its exit detaches the tracer */
	setsid();
	return launch_seize(t, command, parent, sync_pipe[1], err, errsize);
}

static void close_pipe(int fds[2])
{
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

int launch_start(struct tracer *t, char **cmd, int *errfd, char *err,
		 size_t errsize)
{
	char path[PATH_MAX];
	struct filter *filter = NULL;
	int sync_pipe[2] = { -1, -1 }, err_pipe[2] = { -1, -1 }, rc = -1;
	if (launch_resolve(t, cmd[0], path, sizeof(path), err, errsize) < 0)
		return -1;
	if (t->mode == SCM_SECCOMP) {
		filter = filter_build(&t->syscalls, t->classes, err, errsize);
		if (!filter)
			return -1;
	}
	if (pipe2(sync_pipe, O_CLOEXEC) < 0 || pipe2(err_pipe, O_CLOEXEC) < 0) {
		snprintf(err, errsize, "pipe: %s", strerror(errno));
		goto out;
	}
	/* Buffered output would be written twice, by us and by the child. */
	fflush(NULL);
	rc = (t->opt->daemonize ? launch_daemonized : launch_child)(
		t, path, cmd, filter, sync_pipe, err_pipe, err, errsize);
	if (rc == 0) {
		*errfd = err_pipe[0]; /* read by launch_failure at the end */
		err_pipe[0] = -1;
	}
out:
	/* The command has the slave (or never will): the master sees its end. */
	if (t->launch_pty) {
		close(t->launch_pty_fd);
		t->launch_pty = false;
	}
	close_pipe(sync_pipe);
	close_pipe(err_pipe);
	filter_free(filter);
	return rc;
}

int launch_exit_status(int err)
{
	/* As env(1), timeout(1) and shells: 127 not found, 126 not runnable. */
	return err == ENOENT ? 127 : 126;
}

int launch_failure(int errfd, char **cmd, char *err, size_t errsize)
{
	int report[2] = { LAUNCH_OK, 0 };

	if (errfd < 0)
		return 0;
	if (read(errfd, report, sizeof(report)) != (ssize_t)sizeof(report))
		report[0] = LAUNCH_OK;
	close(errfd);
	if (report[0] == LAUNCH_FAILED_EXEC) {
		cannot_execute(err, errsize, cmd[0], report[1]);
		return launch_exit_status(report[1]);
	}
	if (report[0] == LAUNCH_FAILED_FILTER) {
		snprintf(
			err, errsize,
			"cannot install the seccomp filter: %s (try --no-seccomp)",
			strerror(report[1]));
		return 1;
	}
	if (report[0] == LAUNCH_FAILED_CREDS) {
		snprintf(err, errsize, "-u: cannot run %s as that user: %s",
			 cmd[0], strerror(report[1]));
		return 126;
	}
	return 0;
}
