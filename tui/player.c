/* player.c - the replay cursor: its keys, its pace, and the model rebuilt up to it. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "event/clock.h"
#include "tui/view.h"

#define TUI_PLAY_MAX_STEP_NS 1000000000ull /* a long gap plays in 1 s */
#define TUI_PLAY_POLL_MS 250

struct tui_player *tui_player_new(const struct tui_log *log)
{
	struct tui_player *pl = calloc(1, sizeof(*pl));

	if (!pl)
		return NULL;
	pl->log = *log;
	pl->n_events = log->ops->n_events(log->ctx);
	pl->cursor = pl->n_events ? 1 : 0;
	pl->speed = 1;
	return pl;
}

static int tui_player_event(const struct tui_player *pl, size_t i,
			    struct pt_event *ev)
{
	return pl->log.ops->event_at(pl->log.ctx, i, ev);
}

/* The model as it was after the first cursor events. */
void tui_player_rebuild(struct tui *u)
{
	struct tui_player *pl = u->player;
	size_t n = model_nprocs(u->m), k = 0;
	pid_t *expanded = malloc((n + 1) * sizeof(*expanded));
	struct pt_event ev;

	/* The fold state is the view's: carry it over the rebuild. */
	for (size_t i = 0; expanded && i < n; i++)
		if (model_proc_at(u->m, i)->expanded)
			expanded[k++] = model_proc_at(u->m, i)->pid;
	model_reset(u->m);
	for (size_t i = 0; i < pl->cursor && i < pl->n_events; i++)
		if (tui_player_event(pl, i, &ev) == 0)
			model_event(u->m, &ev);
	for (size_t i = 0; i < k; i++) {
		struct model_proc *p = model_find(u->m, expanded[i]);

		if (p)
			p->expanded = true;
	}
	free(expanded);
}

/* ns of wall clock until the event after the cursor, at the play speed. */
static uint64_t tui_player_delay(const struct tui_player *pl)
{
	struct pt_event a, b;
	uint64_t ta, d;

	if (pl->cursor == 0 || pl->cursor >= pl->n_events)
		return 0;
	if (tui_player_event(pl, pl->cursor - 1, &a) < 0)
		return 0;
	ta = a.ts;
	if (tui_player_event(pl, pl->cursor, &b) < 0)
		return 0;
	d = b.ts > ta ? (b.ts - ta) / (uint64_t)pl->speed : 0;
	return d > TUI_PLAY_MAX_STEP_NS ? TUI_PLAY_MAX_STEP_NS : d;
}

/* Playing: step when due.  Returns the ms the loop may wait for a key. */
int tui_player_timeout_ms(struct tui *u, uint64_t wall)
{
	struct tui_player *pl = u->player;
	int timeout;

	if (!pl->playing)
		return TUI_PLAY_POLL_MS;
	if (wall >= pl->play_next) {
		if (pl->cursor >= pl->n_events) {
			pl->playing = false;
			return TUI_PLAY_POLL_MS;
		}
		pl->cursor++;
		tui_player_rebuild(u);
		pl->play_next = wall + tui_player_delay(pl);
	}
	timeout = pl->play_next > wall ?
			  (int)((pl->play_next - wall) / 1000000ull) :
			  0;
	return timeout > TUI_PLAY_POLL_MS ? TUI_PLAY_POLL_MS : timeout;
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
	return TR_REDRAW;
}

static int act_slower(struct tui *u)
{
	if (u->player->speed > 1)
		u->player->speed /= 2;
	return TR_REDRAW;
}

static int act_play(struct tui *u)
{
	u->player->playing = !u->player->playing;
	u->player->play_next = clock_mono_ns();
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

static const struct tui_key tui_player_table[] = {
	{ 'n', KEY_RIGHT, "n / Right", "one event forward", act_step },
	{ 'b', KEY_LEFT, "b / Left", "one event back", act_back },
	{ 'g', KEY_HOME, "g / Home", "to the first event", act_first },
	{ 'G', KEY_END, "G / End", "to the last event", act_last },
	{ 'S', 0, "S", "to the next signal", act_next_signal },
	{ 'Z', 0, "Z", "to the next exit (zombie)", act_next_zombie },
	{ 'E', 0, "E", "to the next exec", act_next_exec },
	{ 'p', 0, "p", "play / pause", act_play },
	{ '+', '>', "+ / -", "play faster / slower", act_faster },
	{ '-', '<', NULL, NULL, act_slower },
};

const struct tui_keymap tui_player_keys = TUI_KEYMAP(tui_player_table, NULL);
