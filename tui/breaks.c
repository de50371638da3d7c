/* breaks.c - the view's side of --break: the banner of a hit, its keys (continue, step) and the breakpoint menu. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "decode/breaks.h"
#include "decode/decode.h"
#include "tui/view.h"

#define TUI_KEY_ESC 27
#define TUI_BREAKS_MENU_ROWS 10

/* A held process is one the source says is held: the banner follows it. */
static bool tui_breaks_held(const struct tui *u, pid_t pid)
{
	return u->src.ops->brk_held && pid &&
	       u->src.ops->brk_held(u->src.ctx, pid);
}

void tui_break_hit(struct tui *u, const struct pt_event *ev)
{
	const struct ev_break *b = &ev->u.brk;
	const char *on = decode_break_kind_name(b->on);
	char spec[64], sig[32];

	u->escape(spec, sizeof(spec), b->spec ? b->spec : "",
		  b->spec ? strlen(b->spec) : 0);
	if (b->action == BA_HANDOFF) {
		tui_msg(u, "break %s: %d handed off (detached, stopped)", spec,
			(int)ev->pid);
		return;
	}
	if (b->on == BRK_SIGNAL)
		decode_signal(sig, sizeof(sig), b->sig);
	snprintf(
		u->brk_banner, sizeof(u->brk_banner),
		" BREAK %s: %d held at %s%s%s | C continue  S step  d detach  K kill %s",
		spec, (int)ev->pid, on ? on : "?",
		b->on == BRK_SIGNAL ? " " : "", b->on == BRK_SIGNAL ? sig : "",
		u->src.ops->brk_debug ? " g debugger " : "");
	u->brk_pid = ev->pid;
	/* The hit selects its process, as a debugger shows where it stopped. */
	u->sel_pid = ev->pid;
	u->sel_tid = 0;
	u->dirty = true;
}

/* The held process the keys act on: the selection if held, else the last hit. */
static pid_t tui_breaks_target(struct tui *u)
{
	if (tui_breaks_held(u, u->sel_pid))
		return u->sel_pid;
	if (tui_breaks_held(u, u->brk_pid))
		return u->brk_pid;
	tui_msg(u, "%d is not held at a breakpoint", (int)u->sel_pid);
	return 0;
}

static int tui_breaks_resume(struct tui *u, bool step)
{
	pid_t pid = tui_breaks_target(u);

	if (!pid)
		return TR_REDRAW;
	if (u->src.ops->brk_continue(u->src.ctx, pid, step) < 0)
		tui_msg(u, "cannot continue %d", (int)pid);
	else
		tui_msg(u,
			step ? "%d: stepping to its next event" :
			       "%d continued",
			(int)pid);
	return TR_REDRAW;
}

/* g: the debugger takes the held process, in the pane, with the keyboard. */
int tui_breaks_act_debug(struct tui *u)
{
	char err[256];
	pid_t pid;

	if (!u->src.ops->brk_debug) {
		tui_msg(u, "no debugger hand-off here");
		return TR_REDRAW;
	}
	pid = tui_breaks_target(u);
	if (!pid)
		return TR_REDRAW;
	if (u->src.ops->brk_debug(u->src.ctx, pid, err, sizeof(err)) < 0) {
		tui_msg(u, "cannot hand %d to the debugger: %s", (int)pid, err);
		return TR_REDRAW;
	}
	tui_msg(u, "%d handed to the debugger (detached, stopped)", (int)pid);
	if (u->brk_pid == pid)
		u->brk_pid = 0;
	return tui_pty_act_focus(u);
}

int tui_breaks_act_continue(struct tui *u)
{
	return tui_breaks_resume(u, false);
}

int tui_breaks_act_step(struct tui *u)
{
	return tui_breaks_resume(u, true);
}

int tui_breaks_act_menu(struct tui *u)
{
	if (!u->src.ops->brk_list)
		return TR_NONE;
	u->mode = MODE_BREAKS;
	u->brk_choice = 0;
	return TR_REDRAW;
}

static size_t tui_breaks_count(struct tui *u)
{
	char buf[8];
	size_t n = 0;

	while (u->src.ops->brk_list(u->src.ctx, n, buf, sizeof(buf)))
		n++;
	return n;
}

static int tui_breaks_menu_up(struct tui *u)
{
	u->brk_choice = u->brk_choice > 0 ? u->brk_choice - 1 : 0;
	return TR_REDRAW;
}

static int tui_breaks_menu_down(struct tui *u)
{
	if ((size_t)u->brk_choice + 1 < tui_breaks_count(u))
		u->brk_choice++;
	return TR_REDRAW;
}

static int tui_breaks_menu_add(struct tui *u)
{
	u->mode = MODE_BREAK_ADD;
	u->brk_spec_len = 0;
	u->brk_spec[0] = '\0';
	return TR_REDRAW;
}

static int tui_breaks_menu_del(struct tui *u)
{
	if (u->src.ops->brk_del(u->src.ctx, (size_t)u->brk_choice) == 0 &&
	    u->brk_choice > 0)
		u->brk_choice--;
	return TR_REDRAW;
}

static int tui_breaks_close(struct tui *u)
{
	u->mode = MODE_NORMAL;
	return TR_REDRAW;
}

const struct tui_key tui_breaks_menu_table[TUI_BREAKS_MENU_KEYS] = {
	{ KEY_UP, 'k', "Up / k", "the breakpoint above", tui_breaks_menu_up },
	{ KEY_DOWN, 'j', "Down / j", "the breakpoint below",
	  tui_breaks_menu_down },
	{ 'a', '+', "a", "add one (type a --break spec)", tui_breaks_menu_add },
	{ 'x', KEY_DC, "x / Del", "delete the selected one",
	  tui_breaks_menu_del },
	{ TUI_KEY_ESC, 'q', "Esc / q", "close the menu", tui_breaks_close },
};

static int tui_breaks_add_done(struct tui *u)
{
	char err[256];

	if (u->brk_spec_len && u->src.ops->brk_add(u->src.ctx, u->brk_spec, err,
						   sizeof(err)) < 0) {
		tui_msg(u, "%s", err);
		return TR_REDRAW; /* keep typing: fix it or Esc */
	}
	u->mode = MODE_BREAKS;
	return TR_REDRAW;
}

static int tui_breaks_add_cancel(struct tui *u)
{
	u->mode = MODE_BREAKS;
	return TR_REDRAW;
}

static int tui_breaks_add_erase(struct tui *u)
{
	if (u->brk_spec_len)
		u->brk_spec[--u->brk_spec_len] = '\0';
	return TR_REDRAW;
}

const struct tui_key tui_breaks_add_table[TUI_BREAKS_ADD_KEYS] = {
	{ '\n', 0, "Enter", "add the breakpoint", tui_breaks_add_done },
	{ TUI_KEY_ESC, 0, "Esc", "cancel", tui_breaks_add_cancel },
	{ KEY_BACKSPACE, 127, "Backspace", "erase a character",
	  tui_breaks_add_erase },
	{ 8, 0, NULL, NULL, tui_breaks_add_erase },
};

int tui_breaks_add_type(struct tui *u, int ch)
{
	if (ch >= 0x20 && ch < 0x7f &&
	    u->brk_spec_len + 1 < sizeof(u->brk_spec)) {
		u->brk_spec[u->brk_spec_len++] = (char)ch;
		u->brk_spec[u->brk_spec_len] = '\0';
	}
	return TR_REDRAW;
}

static void tui_breaks_menu_draw(struct tui *u)
{
	int h = TUI_BREAKS_MENU_ROWS + 4, y0, x0;
	char spec[128], line[160];
	size_t n = tui_breaks_count(u);

	tui_panes_box(h, 56, &y0, &x0);
	tui_put(y0, x0 + 2, " breakpoints ");
	for (size_t i = 0; i < n && i < TUI_BREAKS_MENU_ROWS; i++) {
		u->src.ops->brk_list(u->src.ctx, i, spec, sizeof(spec));
		tui_safe(u, line, sizeof(line), spec);
		if ((int)i == u->brk_choice && u->mode == MODE_BREAKS)
			attron(A_REVERSE);
		tui_put(y0 + 1 + (int)i, x0 + 2, line);
		if ((int)i == u->brk_choice && u->mode == MODE_BREAKS)
			attroff(A_REVERSE);
	}
	if (!n)
		tui_put(y0 + 1, x0 + 2, "(none)");
	if (u->mode == MODE_BREAK_ADD) {
		snprintf(line, sizeof(line), "add: %s_", u->brk_spec);
		tui_put(y0 + h - 2, x0 + 2, line);
	}
	tui_put(y0 + h - 1, x0 + 2,
		u->mode == MODE_BREAK_ADD ? " Enter: add  Esc: cancel " :
					    " a: add  x: delete  Esc: close ");
}

void tui_breaks_draw(struct tui *u)
{
	if (u->brk_pid && !tui_breaks_held(u, u->brk_pid))
		u->brk_pid = 0; /* continued, detached, killed, or gone */
	if (u->brk_pid && LINES > 3) {
		attron(A_REVERSE | A_BOLD);
		mvhline(LINES - 2, 0, ' ', COLS);
		tui_put(LINES - 2, 0, u->brk_banner);
		attroff(A_REVERSE | A_BOLD);
	}
	if (u->mode == MODE_BREAKS || u->mode == MODE_BREAK_ADD)
		tui_breaks_menu_draw(u);
}
