/* tree_search.c - the process search (/ and \ lines, n next match) and the y/n question before K and d. */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>

#include "decode/decode.h"
#include "tui/view.h"

#define TUI_KEY_ESC 27

/*
 * Select the first match after the selection (from it when here is true),
 * wrapping round.  Returns whether one was found.
 */
static bool tui_find_select(struct tui *u, bool here)
{
	struct tui_vrow *rows;
	size_t n = tui_tree_rows(u, &rows);
	long sel = tui_tree_sel_index(u, rows, n);

	if (!n || !u->find_len)
		return false;
	for (size_t k = here ? 0 : 1; k <= n; k++) {
		size_t i = (size_t)(sel < 0 ? 0 : sel) + k;
		const struct tui_vrow *r = &rows[i % n];

		if (r->kind == TV_PROC && tui_tree_matches(u, r->proc)) {
			tui_tree_select(u, r);
			u->follow = false;
			return true;
		}
	}
	return false;
}

/* n: the next match of the process search. */
int tui_tree_find_next(struct tui *u)
{
	if (!u->find_len)
		tui_msg(u, "no process search: / to search");
	else if (!tui_find_select(u, false))
		tui_msg(u, "no process matches \"%s\"", u->find);
	return TR_REDRAW;
}

static int tui_find_open(struct tui *u, bool filter)
{
	u->mode = MODE_FIND;
	u->find_filter = filter;
	u->find_len = 0;
	u->find[0] = '\0';
	return TR_REDRAW;
}

/* /: search the tree. */
int tui_tree_find_search(struct tui *u)
{
	return tui_find_open(u, false);
}

/* \: show only matching processes and their ancestors. */
int tui_tree_find_filter(struct tui *u)
{
	return tui_find_open(u, true);
}

static int tui_find_keep(struct tui *u)
{
	u->mode = MODE_NORMAL;
	if (u->find_len && !tui_find_select(u, true))
		tui_msg(u, "no process matches \"%s\"", u->find);
	return TR_REDRAW;
}

static int tui_find_clear(struct tui *u)
{
	u->find_len = 0;
	u->find[0] = '\0';
	u->find_filter = false;
	u->mode = MODE_NORMAL;
	return TR_REDRAW;
}

static int tui_find_erase(struct tui *u)
{
	if (u->find_len)
		u->find[--u->find_len] = '\0';
	return TR_REDRAW;
}

/* Any other key: a printable one is typed; the selection goes to a match. */
int tui_tree_find_type(struct tui *u, int ch)
{
	if (ch >= 0x20 && ch < 0x7f && u->find_len + 1 < sizeof(u->find)) {
		u->find[u->find_len++] = (char)ch;
		u->find[u->find_len] = '\0';
		tui_find_select(u, true);
	}
	return TR_REDRAW;
}

const struct tui_key tui_tree_find_table[TUI_TREE_FIND_KEYS] = {
	{ TUI_KEY_ESC, 0, "Esc", "clear the search", tui_find_clear },
	{ '\n', 0, "Enter", "keep it (n: next match)", tui_find_keep },
	{ KEY_BACKSPACE, 127, "Backspace", "erase a character",
	  tui_find_erase },
	{ 8, 0, NULL, NULL, tui_find_erase },
};

/* ---- y/n before K and d ---- */

/* K (sig SIGKILL) or d (sig 0): ask first, naming the process. */
int tui_tree_confirm(struct tui *u, int sig)
{
	struct model_proc *p = model_find(u->m, u->sel_pid);

	if (!p)
		return TR_NONE;
	u->confirm_sig = sig;
	u->confirm_pid = p->pid;
	u->mode = MODE_CONFIRM;
	return TR_REDRAW;
}

static int tui_confirm_yes(struct tui *u)
{
	const char *why = NULL;

	u->mode = MODE_NORMAL;
	if (u->confirm_pid != u->sel_pid) {
		tui_msg(u, "the selection moved: nothing done");
		return TR_REDRAW;
	}
	if (u->confirm_sig)
		return tui_panes_send(u, u->confirm_sig);
	if (u->src.ops->detach(u->src.ctx, u->sel_pid, &why) < 0)
		tui_msg(u, "cannot detach %d: %s", (int)u->sel_pid,
			why ? why : "?");
	else
		tui_msg(u, "detaching %d", (int)u->sel_pid);
	return TR_REDRAW;
}

/* Any key but y: nothing is done. */
int tui_tree_confirm_other(struct tui *u, int ch)
{
	(void)ch;
	u->mode = MODE_NORMAL;
	tui_msg(u, "cancelled: %s %d not %s", "process", (int)u->confirm_pid,
		u->confirm_sig ? "killed" : "detached");
	return TR_REDRAW;
}

const struct tui_key tui_tree_confirm_table[TUI_TREE_CONFIRM_KEYS] = {
	{ 'y', 'Y', "y", "yes: do it", tui_confirm_yes },
};

/* The status line in the search and question modes. */
void tui_tree_status(const struct tui *u, char *buf, size_t size)
{
	struct model_proc *p = model_find(u->m, u->confirm_pid);
	char comm[80];

	if (u->mode == MODE_FIND) {
		snprintf(
			buf, size,
			"%s%s_   (pid, comm, argv; Enter: keep, n: next, Esc: clear)",
			u->find_filter ? "filter \\" : "find /", u->find);
		return;
	}
	tui_safe(u, comm, sizeof(comm), p ? p->comm : "?");
	snprintf(buf, size, "%s %d (%s)? y/n",
		 u->confirm_sig ? "SIGKILL" : "detach from",
		 (int)u->confirm_pid, comm);
}
