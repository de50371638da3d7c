/* player.c - the replay cursor: its keys, its pace, and the model rebuilt up to it. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "event/clock.h"
#include "model/checkpoint.h"
#include "tui/view.h"

#define TUI_PLAY_MAX_STEP_NS 1000000000ull /* a long gap plays in 1 s */
#define TUI_PLAY_POLL_MS 250

/*
 * Checkpoints: at most TUI_CK_MAX, every TUI_CK_MIN events or more.  They
 * share unchanged records, so memory grows with what changes, not with
 * their number times the model.
 */
#define TUI_CK_MIN 256
#define TUI_CK_MAX 256
#define TUI_CK_FINE 32 /* fine checkpoints in the segment seeks go back in */

struct tui_player *tui_player_new(const struct tui_log *log)
{
	struct tui_player *pl = calloc(1, sizeof(*pl));

	if (!pl)
		return NULL;
	pl->log = *log;
	pl->n_events = log->ops->n_events(log->ctx);
	pl->cursor = pl->n_events ? 1 : 0;
	pl->speed = 1;
	pl->applied = (size_t)-1;
	/* Every N events, N growing with the log: memory is TUI_CK_MAX models. */
	pl->ck_every = pl->n_events / TUI_CK_MAX + 1;
	if (pl->ck_every < TUI_CK_MIN)
		pl->ck_every = TUI_CK_MIN;
	pl->n_cks = pl->n_events / pl->ck_every + 1;
	pl->cks = calloc(pl->n_cks, sizeof(*pl->cks));
	if (!pl->cks)
		pl->n_cks = 0; /* no checkpoints: every seek back starts over */
	pl->fine_every = pl->ck_every / TUI_CK_FINE + 1;
	pl->n_fine = pl->ck_every / pl->fine_every + 1;
	pl->fine = calloc(pl->n_fine, sizeof(*pl->fine));
	if (!pl->fine)
		pl->n_fine = 0;
	pl->fine_seg = (size_t)-1;
	return pl;
}

void tui_player_free(struct tui_player *pl)
{
	if (!pl)
		return;
	for (size_t i = 0; i < pl->n_cks; i++)
		model_checkpoint_free(pl->cks[i]);
	for (size_t i = 0; i < pl->n_fine; i++)
		model_checkpoint_free(pl->fine[i]);
	free(pl->cks);
	free(pl->fine);
	free(pl);
}

static int tui_player_event(const struct tui_player *pl, size_t i,
			    struct pt_event *ev)
{
	return pl->log.ops->event_at(pl->log.ctx, i, ev);
}

/* The fine checkpoints now serve segment seg (those of another are freed). */
static void tui_player_fine_seg(struct tui_player *pl, size_t seg)
{
	if (pl->fine_seg == seg)
		return;
	for (size_t i = 0; i < pl->n_fine; i++) {
		model_checkpoint_free(pl->fine[i]);
		pl->fine[i] = NULL;
	}
	pl->fine_seg = seg;
}

/* Restore ck, after which the model has applied events; false if it could not. */
static bool tui_player_restore_one(struct tui *u,
				   const struct model_checkpoint *ck,
				   size_t events)
{
	struct tui_player *pl = u->player;
	struct pt_event ev;

	if (!ck || model_checkpoint_restore(u->m, ck) < 0)
		return false;
	pl->applied = events;
	if (tui_player_event(pl, 0, &ev) == 0) {
		/* Its "no syscall stops" header was shown once, at the start. */
		if (ev.kind == EV_START)
			ev.u.start.n_blind = 0;
		model_checkpoint_prime(u->m, &ev);
	}
	return true;
}

/*
 * The model back at the newest checkpoint at or before target events: a
 * fine one of target's segment, else a segment's start, else event 0.
 */
static void tui_player_restore(struct tui *u, size_t target)
{
	struct tui_player *pl = u->player;
	size_t seg = target / pl->ck_every, base = seg * pl->ck_every;

	tui_player_fine_seg(pl, seg);
	pl->fine_on = pl->n_fine > 0;
	for (size_t j = (target - base) / pl->fine_every + 1; j-- > 1;)
		if (j < pl->n_fine &&
		    tui_player_restore_one(u, pl->fine[j],
					   base + j * pl->fine_every))
			return;
	for (size_t k = pl->n_cks ? seg : 0; k > 0; k--)
		if (k < pl->n_cks &&
		    tui_player_restore_one(u, pl->cks[k], k * pl->ck_every))
			return;
	model_reset(u->m);
	pl->applied = 0;
}

/* The fine grid point at or before events in fine_seg, else -1. */
static size_t tui_player_grid(const struct tui_player *pl, size_t events)
{
	size_t base = pl->fine_seg * pl->ck_every;

	if (events < base)
		return (size_t)-1;
	return base + (events - base) / pl->fine_every * pl->fine_every;
}

/* The nearest checkpoint before fine one j of fine_seg: what it shares. */
static const struct model_checkpoint *
tui_player_before(const struct tui_player *pl, size_t j)
{
	while (j-- > 1)
		if (pl->fine[j])
			return pl->fine[j];
	return pl->fine_seg < pl->n_cks ? pl->cks[pl->fine_seg] : NULL;
}

/*
 * Take the checkpoint due after applied events, if one is and is missing.
 * A feed from..to back in a segment takes two fine ones only: the last
 * before to (the next steps back start there) and the one half way (where
 * the steps after those start), so one step takes at most two and each
 * later start is half as far.
 */
static void tui_player_take(struct tui *u, size_t from, size_t to)
{
	struct tui_player *pl = u->player;
	size_t k = pl->applied / pl->ck_every, off = pl->applied % pl->ck_every;
	size_t j = off / pl->fine_every;

	/* shared with the one before: a checkpoint costs what changed since */
	if (off == 0 && k > 0 && k < pl->n_cks && !pl->cks[k])
		pl->cks[k] = model_checkpoint_take_like(u->m, pl->cks[k - 1]);
	else if (pl->fine_on && k == pl->fine_seg && off &&
		 off % pl->fine_every == 0 && j < pl->n_fine && !pl->fine[j] &&
		 to / pl->ck_every == k &&
		 (pl->applied == tui_player_grid(pl, to) ||
		  pl->applied == tui_player_grid(pl, from + (to - from) / 2)))
		pl->fine[j] = model_checkpoint_take_like(
			u->m, tui_player_before(pl, j));
}

/* Feed the model up to target events, keeping checkpoints on the way. */
static void tui_player_feed(struct tui *u, size_t target)
{
	struct tui_player *pl = u->player;
	struct pt_event ev;
	size_t from = pl->applied;

	for (; pl->applied < target && pl->applied < pl->n_events;
	     pl->applied++) {
		tui_player_take(u, from, target);
		if (tui_player_event(pl, pl->applied, &ev) == 0)
			model_event(u->m, &ev);
	}
	pl->fine_on = false;
}

/*
 * The model as it was after the first cursor events: forward from where
 * it is, else from the nearest checkpoint before (O(ck_every) per step).
 */
void tui_player_rebuild(struct tui *u)
{
	struct tui_player *pl = u->player;
	size_t n = model_nprocs(u->m), k = 0;
	pid_t *expanded = malloc((n + 1) * sizeof(*expanded));

	/* The fold state is the view's: carry it over the rebuild. */
	for (size_t i = 0; expanded && i < n; i++)
		if (model_proc_at(u->m, i)->expanded)
			expanded[k++] = model_proc_at(u->m, i)->pid;
	if (pl->applied == (size_t)-1 || pl->applied > pl->cursor)
		tui_player_restore(u, pl->cursor);
	tui_player_feed(u, pl->cursor);
	for (size_t i = 0; i < k; i++) {
		struct model_proc *p = model_find(u->m, expanded[i]);

		if (p)
			p->expanded = true;
	}
	free(expanded);
}

/* The log ts of event i (0 if unreadable). */
static uint64_t tui_player_ts(const struct tui_player *pl, size_t i)
{
	struct pt_event ev;

	return i < pl->n_events && tui_player_event(pl, i, &ev) == 0 ? ev.ts :
								       0;
}

/* The play clock starts again from the cursor's event, now. */
static void tui_player_anchor(struct tui_player *pl, uint64_t wall)
{
	pl->play_ts = tui_player_ts(pl, pl->cursor ? pl->cursor - 1 : 0);
	pl->play_wall = wall;
}

/*
 * Playing: apply every event whose log ts is at or before the play clock
 * (the log's own pace times speed; a gap over TUI_PLAY_MAX_STEP_NS of wall
 * clock is skipped).  Returns the ms the loop may wait for a key.
 */
int tui_player_timeout_ms(struct tui *u, uint64_t wall)
{
	struct tui_player *pl = u->player;
	uint64_t clock, next, wait;
	size_t to = pl->cursor;

	if (!pl->playing)
		return TUI_PLAY_POLL_MS;
	if (pl->cursor >= pl->n_events) {
		pl->playing = false;
		tui_msg(u, "end of the log");
		return TUI_PLAY_POLL_MS;
	}
	clock = pl->play_ts + (wall - pl->play_wall) * (uint64_t)pl->speed;
	next = tui_player_ts(pl, to);
	if (next > clock &&
	    (next - clock) / (uint64_t)pl->speed > TUI_PLAY_MAX_STEP_NS) {
		pl->play_ts = clock = next; /* skip the idle gap */
		pl->play_wall = wall;
	}
	while (to < pl->n_events && tui_player_ts(pl, to) <= clock)
		to++;
	if (to != pl->cursor) {
		pl->cursor = to;
		tui_player_rebuild(u);
	}
	if (to >= pl->n_events)
		return 0;
	next = tui_player_ts(pl, to);
	wait = next > clock ? (next - clock) / (uint64_t)pl->speed : 0;
	wait /= 1000000ull;
	return wait > TUI_PLAY_POLL_MS ? TUI_PLAY_POLL_MS : (int)wait;
}

void tui_player_header(const struct tui *u, char *buf, size_t size,
		       const char *ts, const struct model_counts *c)
{
	const struct tui_player *pl = u->player;

	snprintf(
		buf, size,
		"proctrace replay  event %zu/%zu  t=%s  procs %zu  zombies %zu  stopped %zu  %s x%d",
		pl->cursor, pl->n_events, ts, c->live, c->zombies, c->stopped,
		pl->playing ? "[playing]" : "[paused]", pl->speed);
}

/* ---- keys ---- */

static int tui_player_seek(struct tui *u, size_t cursor)
{
	struct tui_player *pl = u->player;

	if (cursor < 1)
		cursor = 1;
	if (cursor > pl->n_events)
		cursor = pl->n_events;
	if (cursor == pl->cursor)
		return TR_NONE;
	pl->cursor = cursor;
	tui_player_anchor(pl, clock_mono_ns());
	return TR_REBUILD | TR_REDRAW;
}

static int act_step(struct tui *u)
{
	return tui_player_seek(u, u->player->cursor + 1);
}

static int act_back(struct tui *u)
{
	return tui_player_seek(
		u, u->player->cursor > 1 ? u->player->cursor - 1 : 1);
}

static int act_first(struct tui *u)
{
	return tui_player_seek(u, 1);
}

static int act_last(struct tui *u)
{
	return tui_player_seek(u, u->player->n_events);
}

static int act_faster(struct tui *u)
{
	if (u->player->speed < 1024)
		u->player->speed *= 2;
	tui_player_anchor(u->player, clock_mono_ns());
	tui_msg(u, "speed x%d", u->player->speed);
	return TR_REDRAW;
}

static int act_slower(struct tui *u)
{
	if (u->player->speed > 1)
		u->player->speed /= 2;
	tui_player_anchor(u->player, clock_mono_ns());
	tui_msg(u, "speed x%d", u->player->speed);
	return TR_REDRAW;
}

static int act_play(struct tui *u)
{
	u->player->playing = !u->player->playing;
	tui_player_anchor(u->player, clock_mono_ns());
	return TR_REDRAW;
}

/* The next event (after the cursor) that match() accepts. */
static int tui_player_jump(struct tui *u,
			   bool (*match)(const struct pt_event *ev),
			   const char *what)
{
	struct tui_player *pl = u->player;
	struct pt_event ev;

	for (size_t i = pl->cursor; i < pl->n_events; i++) {
		if (tui_player_event(pl, i, &ev) == 0 && match(&ev)) {
			tui_msg(u, "%s at event %zu", what, i + 1);
			if (ev.pid > 0)
				u->sel_pid = ev.kind == EV_CLONE ?
						     ev.u.clone.child_pid :
						     ev.pid;
			return tui_player_seek(u, i + 1);
		}
	}
	tui_msg(u, "no later %s", what);
	return TR_REDRAW;
}

static bool tui_is_signal(const struct pt_event *ev)
{
	return ev->kind == EV_SIGNAL;
}

static bool tui_is_exec(const struct pt_event *ev)
{
	return ev->kind == EV_EXEC;
}

static bool tui_is_zombie(const struct pt_event *ev)
{
	return ev->kind == EV_EXIT && ev->u.exit.group;
}

static int act_next_signal(struct tui *u)
{
	return tui_player_jump(u, tui_is_signal, "signal");
}

static int act_next_zombie(struct tui *u)
{
	return tui_player_jump(u, tui_is_zombie, "zombie");
}

static int act_next_exec(struct tui *u)
{
	return tui_player_jump(u, tui_is_exec, "exec");
}

/* A line typed on the bottom row after q; false on Esc or an empty line. */
static bool tui_player_prompt(struct tui *u, const char *q, char *buf,
			      size_t size)
{
	size_t n = 0;
	int ch;

	if (!u->curses_on)
		return false;
	nodelay(stdscr, FALSE);
	curs_set(1);
	for (;;) {
		mvprintw(LINES - 1, 0, "%s%.*s", q, (int)n, buf);
		clrtoeol();
		refresh();
		ch = getch();
		if (ch == '\r' || ch == '\n' || ch == KEY_ENTER || ch == 27)
			break;
		if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && n > 0)
			n--;
		else if (ch >= ' ' && ch < 127 && n + 1 < size)
			buf[n++] = (char)ch;
	}
	buf[n] = '\0';
	curs_set(0);
	nodelay(stdscr, TRUE);
	return ch != 27 && n > 0;
}

/* The first event at or after log ts (n_events if none). */
static size_t tui_player_at_ts(const struct tui_player *pl, uint64_t ts)
{
	size_t lo = 0, hi = pl->n_events;

	while (lo < hi) { /* the log is in ts order */
		size_t mid = lo + (hi - lo) / 2;

		if (tui_player_ts(pl, mid) < ts)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* t: to a time, "12.5" seconds from the start or "+2" / "-1.5" from here. */
static int act_time(struct tui *u)
{
	struct tui_player *pl = u->player;
	char buf[32], *end;
	double secs;
	uint64_t t0 = tui_player_ts(pl, 0), here, to;
	int64_t d;

	if (!tui_player_prompt(u, "time (s from start, or +/-s): ", buf,
			       sizeof(buf)))
		return TR_REDRAW;
	secs = strtod(buf, &end);
	if (end == buf || *end) {
		tui_msg(u, "not a time: %s", buf);
		return TR_REDRAW;
	}
	here = tui_player_ts(pl, pl->cursor ? pl->cursor - 1 : 0);
	d = (int64_t)(secs * 1e9);
	if (buf[0] == '+' || buf[0] == '-')
		to = d < 0 && (uint64_t)-d > here - t0 ? t0 :
							 here + (uint64_t)d;
	else
		to = t0 + (d > 0 ? (uint64_t)d : 0);
	tui_msg(u, "to t=%.3f s", (double)(to - t0) / 1e9);
	/* the cursor after the last event at or before the time */
	return tui_player_seek(u, tui_player_at_ts(pl, to + 1));
}

/* The pid an event brings into being or is about (a clone: its child). */
static pid_t tui_player_pid_of(const struct pt_event *ev)
{
	return ev->kind == EV_CLONE ? ev->u.clone.child_pid : ev->pid;
}

/* #: to the first event of a pid, selected. */
static int act_pid(struct tui *u)
{
	struct tui_player *pl = u->player;
	struct pt_event ev;
	char buf[16], *end;
	long pid;

	if (!tui_player_prompt(u, "pid: ", buf, sizeof(buf)))
		return TR_REDRAW;
	pid = strtol(buf, &end, 10);
	if (end == buf || *end || pid <= 0) {
		tui_msg(u, "not a pid: %s", buf);
		return TR_REDRAW;
	}
	for (size_t i = 0; i < pl->n_events; i++)
		if (tui_player_event(pl, i, &ev) == 0 &&
		    (tui_player_pid_of(&ev) == pid || ev.pid == pid)) {
			u->sel_pid = (pid_t)pid;
			tui_msg(u, "pid %ld first seen at event %zu", pid,
				i + 1);
			return tui_player_seek(u, i + 1) | TR_REDRAW;
		}
	tui_msg(u, "pid %ld is not in the log", pid);
	return TR_REDRAW;
}

/* A failed exec, a non-zero exit, a fatal signal. */
static bool tui_is_failure(const struct pt_event *ev)
{
	return (ev->kind == EV_EXEC && !ev->u.exec.ok) ||
	       (ev->kind == EV_EXIT && ev->u.exit.group &&
		ev->u.exit.code_known &&
		(ev->u.exit.st.signaled || ev->u.exit.st.code != 0));
}

static int act_next_failure(struct tui *u)
{
	return tui_player_jump(u, tui_is_failure, "failure");
}

static const struct tui_key tui_player_table[] = {
	{ 'n', KEY_RIGHT, "n / Right", "one event forward", act_step },
	{ 'b', KEY_LEFT, "b / Left", "one event back", act_back },
	{ 'g', KEY_HOME, "g / Home", "to the first event", act_first },
	{ 'G', KEY_END, "G / End", "to the last event", act_last },
	{ 'S', 0, "S", "to the next signal", act_next_signal },
	{ 'Z', 0, "Z", "to the next exit (zombie)", act_next_zombie },
	{ 'E', 0, "E", "to the next exec", act_next_exec },
	{ 'F', 0, "F", "to the next failure (exec, exit, signal)",
	  act_next_failure },
	{ 't', 0, "t", "to a time (12.5 s, or +/-s from here)", act_time },
	{ '#', 0, "#", "to a pid's first event (selects it)", act_pid },
	{ 'p', 0, "p", "play / pause", act_play },
	{ '+', '>', "+ / -", "play faster / slower", act_faster },
	{ '-', '<', NULL, NULL, act_slower },
};

const struct tui_keymap tui_player_keys = TUI_KEYMAP(tui_player_table, NULL);
