/* term.c - the terminal: curses set-up, and its restore at exit, on hang-up, and on a fatal signal. */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/view.h"

/* The view holding the terminal, for the restores that have no pointer. */
static struct tui *tui_term_owner;
static volatile sig_atomic_t tui_term_in_curses;

static void tui_term_restore(void)
{
	if (tui_term_owner)
		tui_term_stop(tui_term_owner);
}

/*
 * A crash must not leave the user's terminal raw, without echo, on the
 * alternate screen (htop's CRT_handleSIGSEGV).  endwin() is not
 * async-signal-safe; the process is dying and curses's state is at worst
 * what the crash made it, so restoring the terminal is worth the risk, and
 * the flag keeps us from calling it when curses is not on.  SA_RESETHAND
 * put back the default action, SA_NODEFER lets raise() deliver it now:
 * the core dump or termination the signal would have had.
 */
static void tui_term_fatal(int sig)
{
	if (tui_term_in_curses) {
		tui_term_in_curses = 0;
		endwin();
	}
	raise(sig);
}

static void tui_term_catch_fatal(void)
{
	static const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa = { .sa_handler = tui_term_fatal,
				.sa_flags = SA_RESETHAND | SA_NODEFER };

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		sigaction(fatal[i], &sa, NULL);
}

static void tui_term_colors(struct tui *u)
{
	u->color = !u->no_color && has_colors();
	if (!u->color)
		return;
	start_color();
	use_default_colors();
	init_pair(C_ZOMBIE, COLOR_RED, -1);
	init_pair(C_CHANGED, COLOR_YELLOW, -1);
	init_pair(C_HEADER, COLOR_CYAN, -1);
	init_pair(C_RUNNING, COLOR_GREEN, -1);
	init_pair(C_STOPPED, COLOR_MAGENTA, -1);
	init_pair(C_GONE, COLOR_BLUE, -1);
	init_pair(C_SELECT, COLOR_BLACK, COLOR_WHITE);
}

int tui_term_start(struct tui *u)
{
	static bool atexit_done;

	if (!isatty(0) || !isatty(1)) {
		fprintf(stderr,
			"proctrace: --tui needs a terminal on stdin and stdout\n");
		return -1;
	}
	/* the tree's lines: UTF-8 when the locale is, else ASCII */
	setlocale(LC_CTYPE, "");
	u->ascii = strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	if (!newterm(NULL, stdout, stdin)) {
		fprintf(stderr,
			"proctrace: cannot start the terminal UI (TERM=%s)\n",
			getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	u->curses_on = true;
	tui_term_owner = u;
	tui_term_in_curses = 1;
	if (!atexit_done) {
		atexit(tui_term_restore);
		tui_term_catch_fatal();
		atexit_done = true;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	set_escdelay(50);
	tui_term_colors(u);
	return 0;
}

void tui_term_stop(struct tui *u)
{
	if (u->curses_on) {
		tui_term_in_curses = 0;
		endwin();
		u->curses_on = false;
	}
	if (tui_term_owner == u)
		tui_term_owner = NULL;
}

/* POLLHUP/POLLERR on the terminal: it hung up (window closed, ssh gone). */
bool tui_term_hung_up(short revents)
{
	return revents & (POLLHUP | POLLERR | POLLNVAL);
}

bool tui_term_lost(void)
{
	struct pollfd pfd = { 0, POLLIN, 0 };

	return poll(&pfd, 1, 0) > 0 && tui_term_hung_up(pfd.revents);
}
