/* tests/tui/test_checkpoint_player.c - the replay player's seeks (b held, jumps, steps on) give the model a forward play from event 0 gives. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tests/tui/test_checkpoint_log.h"
#include "tui/view.h"

#define SEEKS 150

static int failures, cases;

static size_t log_n_events(void *ctx)
{
	(void)ctx;
	return n_log;
}

static int log_event_at(void *ctx, size_t i, struct pt_event *ev)
{
	(void)ctx;
	if (i >= n_log)
		return -1;
	*ev = log_ev[i];
	return 0;
}

static const struct tui_log_ops log_ops = { log_n_events, log_event_at };

/* The player's model after it moved to cursor equals a fresh forward one. */
static void check_at(struct tui *u, size_t cursor, const char *how,
		     bool keep_all)
{
	struct model *fresh = new_model(keep_all);

	u->player->cursor = cursor;
	tui_player_rebuild(u);
	feed_range(fresh, 0, cursor);
	cases++;
	if (!same_model(u->m, fresh) && failures++ < 20)
		printf("FAIL: %s to %zu\n", how, cursor);
	model_free(fresh);
}

/* SEEKS random moves of a player whose model keeps all history or not. */
static int run_seeks(bool keep_all)
{
	struct tui u = { 0 };
	struct tui_log log = { &log_ops, NULL };
	unsigned r = 4242;

	u.m = new_model(keep_all);
	u.player = tui_player_new(&log);
	if (!u.m || !u.player)
		return 1;
	check_at(&u, n_log, "to the end", keep_all);
	/* a seek back within its segment, then on over the fine ones */
	for (int k = 0; k < SEEKS; k++) {
		size_t c = u.player->cursor, n;

		r = r * 1103515245u + 12345u;
		switch ((r >> 16) % 4) {
		case 0: /* b held: every step checked */
		case 1:
			n = 1 + (r >> 4) % 16;
			for (size_t i = 0; i < n && c > 1; i++)
				check_at(&u, --c, "b held", keep_all);
			break;
		case 2: /* a jump anywhere (t, #, g, G) */
			check_at(&u, 1 + (r >> 4) % n_log, "jump", keep_all);
			break;
		case 3: /* n held */
			n = 1 + (r >> 4) % 16;
			for (size_t i = 0; i < n && c < n_log; i++)
				check_at(&u, ++c, "n held", keep_all);
			break;
		}
	}
	printf("%s: %d/%d seeks gave the forward model (%zu events, a checkpoint every %zu, fine every %zu)\n",
	       keep_all ? "keep-all" : "view", cases - failures, cases, n_log,
	       u.player->ck_every, u.player->fine_every);
	tui_player_free(u.player);
	model_free(u.m);
	return 0;
}

int main(void)
{
	gen_log();
	if (run_seeks(false) || run_seeks(true))
		return 1;
	return failures ? 1 : 0;
}
