/* launch.c - fork the command, seize it before it runs, then let it exec. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tracer/filter.h"
#include "tracer/launch.h"
#include "proc/procfs.h"

/* execvp's search, done in the tracer so "not found" is one clear line. */
static int find_in_path(const char *name, char *out, size_t size)
{
	const char *path = getenv("PATH");
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
	for (p = path;; ) {
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

int launch_start(struct tracer *t, char **cmd, int *errfd, char *err,
		 size_t errsize)
{
	char path[PATH_MAX];
	struct filter *filter = NULL;
	int sync_pipe[2], err_pipe[2], rc;
	sigset_t empty;
	struct proc *proc;
	pid_t pid;
	char go = 'g';

	rc = find_in_path(cmd[0], path, sizeof(path));
	if (rc)
		t->exec_fail_errno = rc;
	if (rc == ENOENT && !strchr(cmd[0], '/')) {
		snprintf(err, errsize, "%s: command not found", cmd[0]);
		return -1;
	}
	if (rc) {
		snprintf(err, errsize, "cannot execute %s: %s", cmd[0], strerror(rc));
		return -1;
	}
	if (t->mode == SCM_SECCOMP) {
		filter = filter_build(&t->syscalls, t->classes, err, errsize);
		if (!filter)
			return -1;
	}
	if (pipe2(sync_pipe, O_CLOEXEC) < 0 || pipe2(err_pipe, O_CLOEXEC) < 0) {
		snprintf(err, errsize, "pipe: %s", strerror(errno));
		filter_free(filter);
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		snprintf(err, errsize, "fork: %s", strerror(errno));
		filter_free(filter);
		return -1;
	}
	if (pid == 0) {
		ssize_t n;

		close(sync_pipe[1]);
		close(err_pipe[0]);
		/* Wait until the tracer has seized us: nothing may run untraced. */
		do
			n = read(sync_pipe[0], &go, 1);
		while (n < 0 && errno == EINTR);
		if (n != 1)
			_exit(127);
		/*
		 * The CLI gave the terminal to someone else (--tui): the command
		 * gets its own session (no controlling tty, no ^C from the UI's
		 * keyboard) and its stdio goes to the file the CLI chose.
		 */
		if (t->opt->stdio_path) {
			int in = open("/dev/null", O_RDONLY), out;

			out = open(t->opt->stdio_path,
				   O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
			    dup2(out, 2) < 0)
				_exit(127);
			close(in);
			close(out);
			setsid();
		}
		signal(SIGPIPE, SIG_DFL);
		sigemptyset(&empty);
		sigprocmask(SIG_SETMASK, &empty, NULL);
		if (filter) {
			rc = filter_load(filter);
			if (rc < 0) {
				int report[2] = { LAUNCH_FAILED_FILTER, -rc };

				if (write(err_pipe[1], report, sizeof(report)) < 0)
					_exit(126);
				_exit(126);
			}
		}
		execv(path, cmd);
		{
			int report[2] = { LAUNCH_FAILED_EXEC, errno };

			if (write(err_pipe[1], report, sizeof(report)) < 0)
				_exit(127);
		}
		_exit(127);
	}
	close(sync_pipe[0]);
	close(err_pipe[1]);
	filter_free(filter);
	if (ptrace(PTRACE_SEIZE, pid, 0, engine_ptrace_options(t)) < 0) {
		snprintf(err, errsize, "cannot trace the command: %s", strerror(errno));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(sync_pipe[1]);
		close(err_pipe[0]);
		return -1;
	}
	proc = tasks_add_proc(&t->tasks, pid, getpid());
	if (!proc || !tasks_add(&t->tasks, pid, proc)) {
		snprintf(err, errsize, "out of memory");
		kill(pid, SIGKILL);
		return -1;
	}
	snprintf(proc->comm, sizeof(proc->comm), "proctrace");
	t->root_pid = pid;
	/* SEIZE does not stop: with --exact, stop it once to arm PTRACE_SYSCALL. */
	if (t->mode == SCM_EXACT)
		ptrace(PTRACE_INTERRUPT, pid, 0, 0);
	if (write(sync_pipe[1], &go, 1) != 1) {
		snprintf(err, errsize, "cannot start the command: %s", strerror(errno));
		kill(pid, SIGKILL);
		return -1;
	}
	close(sync_pipe[1]);
	*errfd = err_pipe[0];
	return 0;
}

int launch_exit_status(int err)
{
	/* As env(1), timeout(1) and shells: 127 not found, 126 not runnable. */
	return err == ENOENT ? 127 : 126;
}

int launch_failure(int errfd, int *err)
{
	int report[2] = { 0, 0 };

	if (errfd < 0)
		return 0;
	if (read(errfd, report, sizeof(report)) != (ssize_t)sizeof(report))
		report[0] = 0;
	close(errfd);
	*err = report[1];
	return report[0];
}
