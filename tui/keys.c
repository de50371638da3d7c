/* keys.c - the one key-reading loop and a key table per mode: normal, live, signal menu, search, help. */
#include "config.h"

#include <curses.h>
#include <signal.h>

#include "tui/view.h"

#define TUI_KEY_ESC 27

static int act_up(struct tui *u)
{
	return tui_tree_move(u, -1);
}
static int act_down(struct tui *u)
{
	return tui_tree_move(u, 1);
}
static int act_pgup(struct tui *u)
{
	return tui_tree_move(u, -10);
}
static int act_pgdn(struct tui *u)
{
	return tui_tree_move(u, 10);
}

static int act_fold(struct tui *u)
{
	struct model_proc *p = model_find(u->m, u->sel_pid);

	if (!p)
		return TR_NONE;
	p->expanded = !p->expanded;
	u->sel_tid = 0;
	return TR_REDRAW;
}

static int act_pane(struct tui *u)
{
	u->pane = (u->pane + 1) % PANE_COUNT;
	u->pane_scroll = 0;
	return TR_REDRAW;
}

static int act_scroll_up(struct tui *u)
{
	if (u->pane == PANE_DETAILS) {
		u->details_top = u->details_top > 5 ? u->details_top - 5 : 0;
		return TR_REDRAW;
	}
	u->pane_scroll += 5;
	return TR_REDRAW;
}

static int act_scroll_down(struct tui *u)
{
	if (u->pane == PANE_DETAILS) {
		u->details_top += 5; /* the pane stops at its end */
		return TR_REDRAW;
	}
	u->pane_scroll = u->pane_scroll > 5 ? u->pane_scroll - 5 : 0;
	return TR_REDRAW;
}

static int act_log_scope(struct tui *u)
{
	u->log_all = !u->log_all;
	u->pane = PANE_EVENTS;
	return TR_REDRAW;
}

static int act_gone(struct tui *u)
{
	u->show_gone = !u->show_gone;
	tui_msg(u, "reaped processes: %s",
		u->show_gone ? "the newest " TUI_STR(MODEL_GONE_MAX) " shown" :
			       "folded 5 s after their reap");
	return TR_REDRAW;
}

static int act_help(struct tui *u)
{
	u->mode = MODE_HELP;
	return TR_REDRAW;
}

static int act_search(struct tui *u)
{
	/* the tree has the keys unless the events pane is shown */
	if (u->pane != PANE_EVENTS)
		return tui_tree_find_search(u);
	u->mode = MODE_SEARCH;
	u->pane = PANE_EVENTS;
	return TR_REDRAW;
}

static int act_quit(struct tui *u)
{
	u->quitting = true;
	return TR_QUIT;
}

static const struct tui_key tui_normal_table[] = {
	{ KEY_UP, 'k', "Up / k", "select the process above", act_up },
	{ KEY_DOWN, 'j', "Down / j", "select the process below", act_down },
	{ KEY_PPAGE, 0, "PgUp", "ten rows up", act_pgup },
	{ KEY_NPAGE, 0, "PgDn", "ten rows down", act_pgdn },
	{ '\n', ' ', "Enter/Space", "fold/unfold the threads of the process",
	  act_fold },
	{ '\t', 0, "Tab", "next pane: details, events, tracee output",
	  act_pane },
	{ '[', 0, "[ / ]", "scroll the pane back / forward", act_scroll_up },
	{ ']', 0, NULL, NULL, act_scroll_down },
	{ 'e', 0, "e", "events of the selection / of all", act_log_scope },
	{ '/', 0, "/",
	  "search processes (pid, comm, argv); in the events pane: filter events",
	  act_search },
	{ '\\', 0, "\\", "filter the tree: matches and their ancestors only",
	  tui_tree_find_filter },
	{ 'N', 0, "N", "next process matching the search (live: also n)",
	  tui_tree_find_next },
	{ KEY_F(2), 'o', "F2 / o", "choose the tree's columns (CPU%, RSS, ...)",
	  tui_tree_columns_open },
	{ 'a', 0, "a",
	  "show reaped processes (newest " TUI_STR(
		  MODEL_GONE_MAX) "), not folded into N exited",
	  act_gone },
	{ 'c', 0, "c", "PGID, SID columns on/off; [sess]: session leader",
	  tui_tree_columns_job },
	{ '?', 'h', "?", "this help", act_help },
	{ 'q', 0, "q",
	  "quit: detach, or SIGTERM to the command (again: SIGKILL)",
	  act_quit },
};

/* ---- a live trace: its tracees can be signalled, detached, followed ---- */

static int act_sigmenu(struct tui *u)
{
	if (!model_find(u->m, u->sel_pid))
		return TR_NONE;
	u->mode = MODE_SIGMENU;
	u->sig_choice = 0;
	return TR_REDRAW;
}

static int act_kill(struct tui *u)
{
	return tui_tree_confirm(u, SIGKILL);
}

static int act_detach(struct tui *u)
{
	return tui_tree_confirm(u, 0);
}

static int act_pause(struct tui *u)
{
	u->paused = !u->paused;
	return TR_REDRAW;
}

static int act_follow(struct tui *u)
{
	u->follow = !u->follow;
	return TR_REDRAW;
}

static const struct tui_key tui_live_table[] = {
	{ 's', 0, "s", "send a signal to the selection (menu)", act_sigmenu },
	{ 'K', 0, "K", "SIGKILL the selection (asks y/n)", act_kill },
	{ 'd', 0, "d", "detach from the selection (asks y/n)", act_detach },
	{ 'n', 0, "n", "next process matching the search", tui_tree_find_next },
	{ 'p', 0, "p", "pause/resume the display", act_pause },
	{ 'f', 0, "f", "follow new processes", act_follow },
	{ 'C', 0, "C", "continue the process held at a breakpoint",
	  tui_breaks_act_continue },
	{ 'S', 0, "S", "step: continue it, hold it at its next event",
	  tui_breaks_act_step },
	{ 'b', 0, "b", "breakpoints: list, add, delete", tui_breaks_act_menu },
	{ 'g', 0, "g",
	  "hand the held process to --debugger (gdb -p) in the pane",
	  tui_breaks_act_debug },
	{ 'i', 0, "i",
	  "the keyboard to the program's terminal pane (Ctrl-] gives it back)",
	  tui_pty_act_focus },
};

const struct tui_keymap tui_keys_live = TUI_KEYMAP(tui_live_table, NULL);

/* ---- the signal menu ---- */

static int act_menu_up(struct tui *u)
{
	u->sig_choice = u->sig_choice > 0 ? u->sig_choice - 1 : 0;
	return TR_REDRAW;
}

static int act_menu_down(struct tui *u)
{
	if (u->sig_choice < tui_n_menu_sigs - 1)
		u->sig_choice++;
	return TR_REDRAW;
}

static int act_menu_send(struct tui *u)
{
	u->mode = MODE_NORMAL;
	return tui_panes_send(u, tui_menu_sigs[u->sig_choice]);
}

static int act_to_normal(struct tui *u)
{
	u->mode = MODE_NORMAL;
	return TR_REDRAW;
}

static const struct tui_key tui_sigmenu_table[] = {
	{ KEY_UP, 'k', "Up / k", "the signal above", act_menu_up },
	{ KEY_DOWN, 'j', "Down / j", "the signal below", act_menu_down },
	{ '\n', 0, "Enter", "send it", act_menu_send },
	{ TUI_KEY_ESC, 'q', "Esc / q", "close the menu", act_to_normal },
};

/* ---- the search line ---- */

static int act_search_clear(struct tui *u)
{
	u->search_len = 0;
	u->search[0] = '\0';
	u->mode = MODE_NORMAL;
	return TR_REDRAW;
}

static int act_search_erase(struct tui *u)
{
	if (u->search_len)
		u->search[--u->search_len] = '\0';
	return TR_REDRAW;
}

/* Any other key: a printable one is typed into the filter. */
static int tui_search_type(struct tui *u, int ch)
{
	if (ch >= 0x20 && ch < 0x7f && u->search_len + 1 < sizeof(u->search)) {
		u->search[u->search_len++] = (char)ch;
		u->search[u->search_len] = '\0';
	}
	return TR_REDRAW;
}

static const struct tui_key tui_search_table[] = {
	{ TUI_KEY_ESC, 0, "Esc", "clear the filter", act_search_clear },
	{ '\n', 0, "Enter", "keep the filter", act_to_normal },
	{ KEY_BACKSPACE, 127, "Backspace", "erase a character",
	  act_search_erase },
	{ 8, 0, NULL, NULL, act_search_erase },
};

/* The help overlay: any key closes it. */
static int tui_help_close(struct tui *u, int ch)
{
	(void)ch;
	return act_to_normal(u);
}

static const struct tui_keymap tui_mode_keys[MODE_COUNT] = {
	[MODE_NORMAL] = TUI_KEYMAP(tui_normal_table, NULL),
	[MODE_SIGMENU] = TUI_KEYMAP(tui_sigmenu_table, NULL),
	[MODE_SEARCH] = TUI_KEYMAP(tui_search_table, tui_search_type),
	[MODE_HELP] = { NULL, 0, tui_help_close },
	[MODE_BREAKS] = TUI_KEYMAP(tui_breaks_menu_table, NULL),
	[MODE_BREAK_ADD] =
		TUI_KEYMAP(tui_breaks_add_table, tui_breaks_add_type),
	[MODE_FIND] = TUI_KEYMAP(tui_tree_find_table, tui_tree_find_type),
	[MODE_COLUMNS] = TUI_KEYMAP(tui_tree_columns_table, NULL),
	[MODE_CONFIRM] =
		TUI_KEYMAP(tui_tree_confirm_table, tui_tree_confirm_other),
};

const struct tui_keymap *tui_keys_normal(void)
{
	return &tui_mode_keys[MODE_NORMAL];
}

static const struct tui_key *tui_keys_find(const struct tui_keymap *map, int ch)
{
	for (size_t i = 0; map && i < map->n; i++)
		if (ch == map->keys[i].key ||
		    (map->keys[i].key2 && ch == map->keys[i].key2))
			return &map->keys[i];
	return NULL;
}

static int tui_keys_dispatch(struct tui *u, int ch)
{
	const struct tui_keymap *map = &tui_mode_keys[u->mode];
	const struct tui_key *k;

	if (ch == KEY_RESIZE)
		return TR_REDRAW;
	k = tui_keys_find(map, ch);
	if (!k && u->mode == MODE_NORMAL)
		k = tui_keys_find(u->extra_keys, ch);
	if (k)
		return k->act(u);
	if (u->mode == MODE_NORMAL && u->player &&
	    tui_keys_find(&tui_keys_live, ch)) {
		tui_msg(u, "replay: that key works on a live trace only");
		return TR_REDRAW;
	}
	return map->other ? map->other(u, ch) : TR_NONE;
}

/* nonl() makes Enter arrive as '\r', keypad() as KEY_ENTER: one name. */
static int tui_keys_normalize(int ch)
{
	return ch == '\r' || ch == KEY_ENTER ? '\n' : ch;
}

/* Every key waiting (getch does not block), the reactions or'ed. */
int tui_keys_read(struct tui *u)
{
	int ch, r = 0;

	while (!(r & TR_QUIT) && (ch = getch()) != ERR)
		r |= u->pty_focus ?
			     tui_pty_key(u, ch) :
			     tui_keys_dispatch(u, tui_keys_normalize(ch));
	return r;
}
