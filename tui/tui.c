/* tui.c - the view's life: made over a model and a source, drawn once per loop, run until q. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "event/clock.h"
#include "tui/pane_vt.h"
#include "tui/view.h"

#define TUI_REDRAW_MS 100
#define TUI_RUN_POLL_MS 250
#define TUI_MSG_NS 5000000000ull

struct tui *tui_new(struct model *m, const struct tui_source *src,
		    const struct tui_log *log, const struct tui_opts *o)
{
	struct tui *u = calloc(1, sizeof(*u));

	if (!u)
		return NULL;
	u->m = m;
	u->src = *src;
	u->no_color = o->no_color;
	u->escape = o->escape;
	u->duration = o->duration;
	snprintf(u->tty_path, sizeof(u->tty_path), "%s",
		 o->tty_path ? o->tty_path : "");
	u->log_all = true;
	u->extra_keys = &tui_keys_live;
	if (log) {
		u->player = tui_player_new(log);
		if (!u->player) {
			free(u);
			return NULL;
		}
		u->extra_keys = &tui_player_keys;
		tui_player_rebuild(u);
	}
	u->dirty = true;
	return u;
}

void tui_free(struct tui *u)
{
	if (!u)
		return;
	tui_stop(u);
	tui_player_free(u->player);
	for (int i = 0; i < TUI_PTY_COUNT; i++)
		tui_vt_free(u->vt[i]);
	free(u->vrows);
	free(u);
}

int tui_start(struct tui *u)
{
	return tui_term_start(u);
}

void tui_stop(struct tui *u)
{
	tui_term_stop(u);
}

bool tui_on(const struct tui *u)
{
	return u->curses_on;
}

void tui_touch(struct tui *u)
{
	u->dirty = true;
}

void tui_msg(struct tui *u, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u->msg, sizeof(u->msg), fmt, ap);
	va_end(ap);
	u->msg_until = clock_mono_ns() + TUI_MSG_NS;
}

uint64_t tui_now(const struct tui *u)
{
	return u->src.ops->now(u->src.ctx);
}

/* ---- drawing helpers ---- */

int tui_attr(const struct tui *u, enum tui_color c, int mono)
{
	return u->color ? (int)COLOR_PAIR(c) : mono;
}

/* Tracee bytes made safe: escaped, no control byte reaches the terminal. */
void tui_safe(const struct tui *u, char *buf, size_t size, const char *s)
{
	u->escape(buf, size, s ? s : "", s ? strlen(s) : 0);
}

/* Print at most the rest of the row (text is already safe). */
void tui_put(int y, int x, const char *s)
{
	if (y < 0 || y >= LINES || x >= COLS)
		return;
	mvaddnstr(y, x, s, COLS - x);
}

void tui_fmt_age(char *buf, size_t size, uint64_t ns)
{
	uint64_t s = ns / 1000000000ull;

	if (s < 60)
		snprintf(buf, size, "%" PRIu64 ".%01" PRIu64 "s", s,
			 (uint64_t)(ns / 100000000u % 10));
	else if (s < 3600)
		snprintf(buf, size, "%" PRIu64 "m%02" PRIu64 "s", s / 60,
			 s % 60);
	else
		snprintf(buf, size, "%" PRIu64 "h%02" PRIu64 "m", s / 3600,
			 s / 60 % 60);
}

void tui_fmt_status(char *buf, size_t size, const struct model_proc *p)
{
	const struct ev_status *st = &p->exit_st;

	if (!p->exit_known)
		snprintf(buf, size, "exit ?");
	else
		decode_exit_status(buf, size, st->signaled,
				   st->signaled ? st->sig : st->code, st->core);
}

/* ---- the screen: header, tree, pane, status line, overlay ---- */

static void tui_draw_header(struct tui *u, uint64_t now)
{
	struct model_counts c;
	char head[400], ts[32];
	bool has_code;
	int code;

	model_counts(u->m, &c);
	u->duration(ts, sizeof(ts), now);
	if (u->player)
		tui_player_header(u, head, sizeof(head), ts, &c);
	else
		snprintf(
			head, sizeof(head),
			"proctrace %s  t=%s  procs %zu  zombies %zu  stopped %zu  threads %zu%s%s%s",
			model_attach_mode(u->m) ? "attach" : "live", ts, c.live,
			c.zombies, c.stopped, c.threads,
			u->paused ? "  [PAUSED]" : "",
			u->follow ? "  [follow]" : "",
			model_ended(u->m, &has_code, &code) ||
					u->src.ops->trace_over(u->src.ctx) ?
				"  trace over: q quits" :
				"");
	attron(tui_attr(u, C_HEADER, A_REVERSE) | A_BOLD);
	mvhline(0, 0, ' ', COLS);
	tui_put(0, 0, head);
	attroff(tui_attr(u, C_HEADER, A_REVERSE) | A_BOLD);
}

static void tui_draw_status(struct tui *u)
{
	char line[320];

	if (u->pty_focus && u->msg[0] && clock_mono_ns() < u->msg_until)
		snprintf(line, sizeof(line),
			 "keyboard: the program's (Ctrl-] back) | %s", u->msg);
	else if (u->pty_focus)
		snprintf(
			line, sizeof(line),
			"keyboard: the program's (every key goes to it; Ctrl-] gives it back to the tree)");
	else if (u->mode == MODE_SEARCH)
		snprintf(line, sizeof(line),
			 "/%s_   (Enter: keep filter, Esc: clear)", u->search);
	else if (u->mode == MODE_FIND || u->mode == MODE_CONFIRM)
		tui_tree_status(u, line, sizeof(line));
	else if (u->msg[0] && clock_mono_ns() < u->msg_until)
		snprintf(line, sizeof(line), "%s", u->msg);
	else if (u->player)
		snprintf(
			line, sizeof(line),
			"?:help q:quit n/b:step S/Z/E:next signal/zombie/exec p:play +/-:speed Tab:pane");
	else
		snprintf(
			line, sizeof(line),
			"?:help q:quit j/k:move Enter:fold s:signal K:kill d:detach Tab:pane /:find%s",
			tui_pty_shown(u) ? " i:keyboard to the program" : "");
	attron(A_BOLD);
	mvhline(LINES - 1, 0, ' ', COLS);
	tui_put(LINES - 1, 0, line);
	attroff(A_BOLD);
}

void tui_layout(int *tree_h, int *pane_top)
{
	/* tree on top, the pane below, one status line */
	*tree_h = (LINES - 2) / 2;
	if (*tree_h < 3)
		*tree_h = LINES > 5 ? 3 : 1;
	*pane_top = 1 + *tree_h;
}

void tui_draw(struct tui *u)
{
	uint64_t now = tui_now(u);
	int tree_h, pane_top;

	erase();
	tui_draw_header(u, now);
	tui_layout(&tree_h, &pane_top);
	tui_pty_layout(u);
	tui_tree_draw(u, 1, tree_h, now);
	if (LINES - 1 - pane_top > 1)
		tui_panes_draw(u, pane_top, LINES - 1 - pane_top, now);
	tui_draw_status(u);
	tui_breaks_draw(u);
	if (u->mode == MODE_SIGMENU)
		tui_panes_sigmenu(u);
	else if (u->mode == MODE_HELP)
		tui_panes_help(u);
	else if (u->mode == MODE_COLUMNS)
		tui_tree_columns_menu(u);
	tui_pty_place_cursor(u);
	refresh();
	u->dirty = false;
}

static void tui_redraw(struct tui *u, uint64_t now)
{
	if (u->paused && !u->dirty)
		return;
	tui_tree_default_selection(u);
	tui_tree_follow(u);
	tui_draw(u);
	u->next_draw = now + TUI_REDRAW_MS * 1000000ull;
}

/* ---- driven by the tracer's loop ---- */

bool tui_input(struct tui *u, uint64_t now)
{
	int r;

	/*
	 * Without this, poll reports the dead terminal readable forever and
	 * getch never reads a key: the UI ends as on q, no screen left to draw.
	 */
	if (tui_term_lost()) {
		tui_stop(u);
		return false;
	}
	r = tui_keys_read(u);
	if (r & TR_QUIT) {
		char msg[sizeof(u->msg)] = "";

		u->src.ops->quit(u->src.ctx, msg, sizeof(msg));
		if (msg[0])
			tui_msg(u, "%s", msg);
		u->dirty = true;
	}
	if (r & TR_REDRAW)
		u->dirty = true;
	if (u->dirty && u->curses_on)
		tui_redraw(u, now);
	return true;
}

int tui_timeout_ms(const struct tui *u, uint64_t now)
{
	if (!u->curses_on)
		return -1;
	return now >= u->next_draw ? 0 :
				     (int)((u->next_draw - now) / 1000000ull);
}

void tui_tick(struct tui *u, uint64_t now)
{
	if (u->curses_on)
		tui_redraw(u, now);
}

/* ---- on its own: after a live trace, or a replay ---- */

void tui_run(struct tui *u)
{
	/* the terminal, the source's wake-up, then the panes' ptys */
	struct pollfd pfd[2 + TUI_PTY_COUNT] = { { 0, POLLIN, 0 },
						 { -1, POLLIN, 0 } };

	if (u->src.ops->wake_fd)
		pfd[1].fd = u->src.ops->wake_fd(u->src.ctx);
	u->paused = false;
	while (u->curses_on && !u->quitting) {
		int timeout =
			u->player ? tui_player_timeout_ms(u, clock_mono_ns()) :
				    TUI_RUN_POLL_MS;
		int r;

		u->dirty = true;
		tui_redraw(u, tui_now(u));
		for (int i = 0; i < TUI_PTY_COUNT; i++)
			pfd[2 + i] =
				(struct pollfd){ tui_pty_fd(u, i), POLLIN, 0 };
		if (poll(pfd, 2 + TUI_PTY_COUNT, timeout) < 0 && errno != EINTR)
			break;
		for (int i = 0; i < TUI_PTY_COUNT; i++)
			if (pfd[2 + i].revents)
				tui_pty_readable(u, i);
		if (pfd[1].revents && u->src.ops->woken(u->src.ctx))
			break;
		if (tui_term_hung_up(pfd[0].revents))
			break;
		r = tui_keys_read(u);
		if (r & TR_QUIT)
			break;
		if (r & TR_REBUILD)
			tui_player_rebuild(u);
	}
	tui_stop(u);
}
