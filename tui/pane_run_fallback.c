/* pane_run_fallback.c - TEMPORARY tui_pane_run until tui/pty_pane.c (the terminal pane) lands: the command gets the whole terminal. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui/view.h"

/*
 * The pty pane part replaces this file; the lead deletes it at merge.
 * The tracer is blocked while the command runs (the rest of the tree waits
 * at its next stop).  The tracer's blocked signals are unblocked in the
 * child, so Ctrl-C reaches a debugger.
 */
int tui_pane_run(struct tui *u, const char *cmd)
{
	sigset_t none;
	int st = 0;
	pid_t pid;

	(void)u;
	def_prog_mode();
	endwin();
	pid = fork();
	if (pid == 0) {
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	reset_prog_mode();
	refresh();
	return pid < 0	     ? -1 :
	       WIFEXITED(st) ? WEXITSTATUS(st) :
			       128 + WTERMSIG(st);
}
