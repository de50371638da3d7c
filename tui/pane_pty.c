/* pane_pty.c - the view's side of the terminal pane: opened for a launched command, sized with the window, given the keyboard by i and back by Ctrl-]. */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "tui/pane_vt.h"
#include "tui/view.h"

/* The pane's rows and columns: below the pane's title line. */
static void tui_pty_area(int *top, int *rows, int *cols)
{
	int tree_h, pane_top;

	tui_layout(&tree_h, &pane_top);
	*top = pane_top + 1;
	*rows = LINES - 1 - *top;
	*cols = COLS;
}

int tui_pty_open(struct tui *u, enum tui_pty which, const char *copy, char *err,
		 size_t errsize)
{
	int top, rows, cols, slave = -1;

	tui_pty_area(&top, &rows, &cols);
	tui_vt_free(u->vt[which]);
	u->vt[which] = tui_vt_open(rows, cols, copy, &slave, err, errsize);
	return u->vt[which] ? slave : -1;
}

static void tui_pty_unfocus(struct tui *u)
{
	u->pty_focus = false;
	/* the terminal's ^C, ^Z and ^\ signal proctrace again */
	if (u->curses_on)
		cbreak();
}

void tui_pty_close(struct tui *u, enum tui_pty which)
{
	tui_vt_free(u->vt[which]);
	u->vt[which] = NULL;
	if (u->pty_focus && tui_vt_fd(tui_pty_shown(u)) < 0)
		tui_pty_unfocus(u);
}

int tui_pty_fd(const struct tui *u, enum tui_pty which)
{
	return tui_vt_fd(u->vt[which]);
}

/* The one shown: the debugger's while it runs, else the program's. */
struct tui_vt *tui_pty_shown(const struct tui *u)
{
	if (tui_vt_fd(u->vt[TUI_PTY_DEBUGGER]) >= 0)
		return u->vt[TUI_PTY_DEBUGGER];
	return u->vt[TUI_PTY_PROGRAM];
}

/*
 * After a read, by the loop or by the drain at the end of the trace: the
 * read that met the slave's close (EIO) gives the keyboard back, whichever
 * of the two made it.
 */
static void tui_pty_after_read(struct tui *u, enum tui_pty which)
{
	u->dirty = true;
	if (which == TUI_PTY_DEBUGGER && tui_vt_fd(u->vt[which]) < 0) {
		/* its last screen is not kept: the program's is shown again */
		tui_pty_close(u, which);
		tui_msg(u, "the debugger ended: the program's terminal again");
	}
	if (!u->pty_focus || tui_vt_fd(tui_pty_shown(u)) >= 0)
		return;
	tui_pty_unfocus(u);
	tui_msg(u, "the program's terminal closed: the keyboard is the tree's");
}

void tui_pty_drain(struct tui *u, enum tui_pty which)
{
	if (!u->vt[which])
		return;
	/* 50 ms idle, 500 ms in all: the end of the trace is not held long */
	tui_vt_drain(u->vt[which], 50, 500);
	tui_pty_after_read(u, which);
}

void tui_pty_readable(struct tui *u, enum tui_pty which)
{
	if (u->vt[which] && tui_vt_read(u->vt[which]))
		tui_pty_after_read(u, which);
}

int tui_pty_act_focus(struct tui *u)
{
	struct tui_vt *vt = tui_pty_shown(u);

	if (!vt) {
		tui_msg(u, "no terminal pane (--no-pty, -p or a replay)");
		return TR_REDRAW;
	}
	if (tui_vt_fd(vt) < 0) {
		tui_msg(u, "the program's terminal is closed");
		return TR_REDRAW;
	}
	u->pane = PANE_TTY;
	u->pty_focus = true;
	/* every key, ^C included, is the program's: no signal for us */
	raw();
	return TR_REDRAW;
}

int tui_pty_key(struct tui *u, int ch)
{
	struct tui_vt *vt = tui_pty_shown(u);

	if (ch == KEY_RESIZE)
		return TR_REDRAW;
	if (ch == TUI_PTY_ESCAPE_KEY || !vt) {
		tui_pty_unfocus(u);
		return TR_REDRAW;
	}
	tui_vt_key(vt, ch);
	return TR_NONE;
}

/* Every redraw: the pty follows the window, even when another pane is shown. */
void tui_pty_layout(struct tui *u)
{
	int top, rows, cols;

	tui_pty_area(&top, &rows, &cols);
	for (int i = 0; i < TUI_PTY_COUNT; i++)
		if (u->vt[i])
			tui_vt_resize(u->vt[i], rows, cols);
}

bool tui_pty_draw(struct tui *u, int top, int height)
{
	struct tui_vt *vt = tui_pty_shown(u);

	if (!vt)
		return false;
	tui_vt_draw(vt, top, height, COLS, u->color);
	return true;
}

void tui_pty_title(const struct tui *u, char *buf, size_t size)
{
	const char *whose = tui_pty_shown(u) == u->vt[TUI_PTY_DEBUGGER] ?
				    "debugger" :
				    "program";

	if (u->pty_focus)
		snprintf(buf, size,
			 "%s's terminal: it has the keyboard (Ctrl-] back)",
			 whose);
	else if (tui_vt_fd(tui_pty_shown(u)) < 0)
		snprintf(buf, size, "%s's terminal: closed", whose);
	else
		snprintf(buf, size, "%s's terminal (i: type into it)", whose);
}

/* Last of a redraw: the program's cursor, shown while it has the keyboard. */
void tui_pty_place_cursor(const struct tui *u)
{
	struct tui_vt *vt = tui_pty_shown(u);
	int y, x;

	if (u->pty_focus && vt && u->pane == PANE_TTY &&
	    tui_vt_cursor(vt, &y, &x)) {
		curs_set(1);
		move(y, x);
		return;
	}
	curs_set(0);
}
