/* panes.c - the lower pane (details, events, tracee output) and the overlays (signal menu, help). */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "decode/decode.h"
#include "tui/view.h"

const int tui_menu_sigs[] = {
	SIGTERM, SIGKILL, SIGINT,  SIGHUP,  SIGQUIT, SIGSTOP, SIGCONT,	SIGTSTP,
	SIGUSR1, SIGUSR2, SIGCHLD, SIGALRM, SIGABRT, SIGSEGV, SIGWINCH,
};
const int tui_n_menu_sigs =
	(int)(sizeof(tui_menu_sigs) / sizeof(tui_menu_sigs[0]));

static bool tui_line_matches(const struct tui *u, const struct model_line *l)
{
	if (!u->log_all && u->sel_pid && l->pid != u->sel_pid &&
	    l->other != u->sel_pid)
		return false;
	return !u->search_len || strstr(l->text, u->search);
}

static void tui_panes_events(struct tui *u, int top, int height)
{
	struct model_line *lines;
	size_t n = model_lines(u->m, &lines), shown = 0;
	int skip = u->pane_scroll;

	/* newest at the bottom: walk back from the end */
	for (long k = (long)n - 1; k >= 0 && (int)shown < height; k--) {
		if (!tui_line_matches(u, &lines[k]))
			continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		tui_put(top + height - 1 - (int)shown, 0, lines[k].text);
		shown++;
	}
}

/* The tail of the tracee's output file, control bytes escaped. */
static void tui_panes_tty(struct tui *u, int top, int height)
{
	char buf[16384], safe[1024];
	int fd = u->tty_path[0] ? open(u->tty_path, O_RDONLY | O_CLOEXEC) : -1;
	off_t size;
	ssize_t n;
	int row = top + height - 1, skip = u->pane_scroll;
	char *end;

	if (fd < 0) {
		tui_put(top, 0,
			u->tty_path[0] ?
				"(no output yet)" :
				"(attach mode: the tracee's output is not captured)");
		return;
	}
	size = lseek(fd, 0, SEEK_END);
	lseek(fd, size > (off_t)sizeof(buf) ? size - (off_t)sizeof(buf) : 0,
	      SEEK_SET);
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n <= 0)
		return;
	end = buf + n;
	if (end > buf && end[-1] == '\n')
		end--;
	while (row >= top && end > buf) {
		char *s = end;

		while (s > buf && s[-1] != '\n')
			s--;
		if (skip > 0) {
			skip--;
		} else {
			u->escape(safe, sizeof(safe), s, (size_t)(end - s));
			tui_put(row--, 0, safe);
		}
		end = s > buf ? s - 1 : buf;
	}
}

static const char *const tui_pane_names[PANE_COUNT] = {
	[PANE_DETAILS] = "details",
	[PANE_EVENTS] = "events",
	[PANE_TTY] = "tracee output",
};

static void tui_panes_title(struct tui *u, int top)
{
	char title[300];

	attron(tui_attr(u, C_HEADER, A_BOLD) | A_BOLD);
	mvhline(top, 0, '-', COLS);
	if (u->pane == PANE_TTY && tui_pty_shown(u)) {
		char what[128];

		tui_pty_title(u, what, sizeof(what));
		snprintf(title, sizeof(title), " %s (Tab: next pane) ", what);
		tui_put(top, 2, title);
		attroff(tui_attr(u, C_HEADER, A_BOLD) | A_BOLD);
		return;
	}
	snprintf(title, sizeof(title), " %s%s%s%s%s (Tab: next pane) ",
		 tui_pane_names[u->pane],
		 u->pane == PANE_EVENTS ?
			 (u->log_all ? ": all" : ": selection") :
			 "",
		 u->search_len && u->pane == PANE_EVENTS ? ", /" : "",
		 u->pane == PANE_EVENTS ? u->search : "",
		 u->pane == PANE_TTY ? (u->tty_path[0] ? ": " : "") : "");
	tui_put(top, 2, title);
	if (u->pane == PANE_TTY && u->tty_path[0]) {
		char safe[256];

		tui_safe(u, safe, sizeof(safe), u->tty_path);
		addnstr(safe,
			COLS > getcurx(stdscr) ? COLS - getcurx(stdscr) : 0);
	}
	attroff(tui_attr(u, C_HEADER, A_BOLD) | A_BOLD);
}

void tui_panes_draw(struct tui *u, int top, int height, uint64_t now)
{
	tui_panes_title(u, top);
	top++;
	height--;
	switch (u->pane) {
	case PANE_DETAILS:
		tui_details_draw(u, top, height, now);
		break;
	case PANE_EVENTS:
		tui_panes_events(u, top, height);
		break;
	case PANE_TTY:
		if (!tui_pty_draw(u, top, height))
			tui_panes_tty(u, top, height);
		break;
	case PANE_COUNT:
		break;
	}
}

void tui_panes_box(int h, int w, int *y0, int *x0)
{
	if (h > LINES)
		h = LINES;
	if (w > COLS)
		w = COLS;
	*y0 = (LINES - h) / 2;
	*x0 = (COLS - w) / 2;
	for (int i = 0; i < h; i++)
		mvhline(*y0 + i, *x0, ' ', w);
	attron(A_BOLD);
	mvhline(*y0, *x0, '-', w);
	mvhline(*y0 + h - 1, *x0, '-', w);
	attroff(A_BOLD);
}

void tui_panes_sigmenu(struct tui *u)
{
	int h = tui_n_menu_sigs + 3, y0, x0;
	char line[64], name[32];

	tui_panes_box(h, 30, &y0, &x0);
	snprintf(line, sizeof(line), " signal to %d ", (int)u->sel_pid);
	tui_put(y0, x0 + 2, line);
	for (int i = 0; i < tui_n_menu_sigs && y0 + 1 + i < LINES; i++) {
		decode_signal(name, sizeof(name), tui_menu_sigs[i]);
		snprintf(line, sizeof(line), " %2d %-10s", tui_menu_sigs[i],
			 name);
		if (i == u->sig_choice)
			attron(A_REVERSE);
		tui_put(y0 + 1 + i, x0 + 2, line);
		if (i == u->sig_choice)
			attroff(A_REVERSE);
	}
	tui_put(y0 + h - 1, x0 + 2, " Enter: send  Esc: cancel ");
}

/* The named keys of one table, from row *row on. */
static void tui_panes_help_keys(const struct tui_keymap *map, int y0, int x0,
				int *row)
{
	char line[128];

	for (size_t i = 0; i < map->n && *row < LINES - 1; i++) {
		if (!map->keys[i].name)
			continue;
		snprintf(line, sizeof(line), "%-12s %s", map->keys[i].name,
			 map->keys[i].help);
		tui_put(y0 + (*row)++, x0 + 2, line);
	}
}

void tui_panes_help(struct tui *u)
{
	int y0, x0, row = 1;

	tui_panes_box(LINES, COLS > 70 ? 70 : COLS, &y0, &x0);
	tui_put(y0, x0 + 2, " keys (any key closes) ");
	tui_panes_help_keys(tui_keys_normal(), y0, x0, &row);
	tui_panes_help_keys(u->extra_keys, y0, x0, &row);
}

int tui_panes_send(struct tui *u, int sig)
{
	struct model_proc *p = model_find(u->m, u->sel_pid);
	char name[32];

	decode_signal(name, sizeof(name), sig);
	if (!p || p->exited) {
		tui_msg(u, "%d has exited: no signal sent", (int)u->sel_pid);
		return TR_REDRAW;
	}
	if (u->src.ops->send(u->src.ctx, p->pid, sig) < 0)
		tui_msg(u, "kill(%d, %s): %s", (int)p->pid, name,
			strerror(errno));
	else
		tui_msg(u, "sent %s to %d", name, (int)p->pid);
	return TR_REDRAW;
}
