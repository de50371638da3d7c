/* tests/bench/replay_steps.c - times the replay player's back-steps (the `b` key held) on a JSON log, with the player's own code. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event/clock.h"
#include "output/text_sink.h"
#include "replay/replay.h"
#include "tui/view.h"

#define STEPS 3000

struct bench_log {
	struct replay_log *rl;
	char **lines;
	size_t *len, n;
};

static size_t bench_n_events(void *ctx)
{
	return ((struct bench_log *)ctx)->n;
}

static int bench_event_at(void *ctx, size_t i, struct pt_event *ev)
{
	struct bench_log *b = ctx;
	char err[256];

	return replay_parse_line(b->rl, b->lines[i], b->len[i], -1, ev, err,
				 sizeof(err));
}

static const struct tui_log_ops bench_log_ops = { bench_n_events,
						  bench_event_at };

static int bench_load(struct bench_log *b)
{
	struct pt_event ev;
	size_t cap = 0, len;
	int rc;

	while ((rc = replay_next(b->rl, &ev)) > 0) {
		const char *line = replay_line(b->rl, &len);

		if (b->n == cap) {
			cap = cap ? cap * 2 : 1024;
			b->lines = realloc(b->lines, cap * sizeof(*b->lines));
			b->len = realloc(b->len, cap * sizeof(*b->len));
			if (!b->lines || !b->len)
				return -1;
		}
		b->lines[b->n] = strndup(line, len);
		b->len[b->n++] = len;
	}
	return rc;
}

int main(int argc, char **argv)
{
	struct bench_log b = { 0 };
	struct tui u = { 0 };
	struct tui_log log = { &bench_log_ops, &b };
	char err[512];
	uint64_t t0, worst = 0, total = 0;
	size_t steps = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s LOG.json\n", argv[0]);
		return 2;
	}
	b.rl = replay_open(argv[1], err, sizeof(err));
	if (!b.rl || bench_load(&b) < 0) {
		fprintf(stderr, "replay_steps: cannot read %s\n", argv[1]);
		return 1;
	}
	u.m = text_lines_model_new(NULL);
	u.player = tui_player_new(&log);
	if (!u.m || !u.player)
		return 1;
	/* G: to the end once (the checkpoints are taken on the way) */
	t0 = clock_mono_ns();
	u.player->cursor = b.n;
	tui_player_rebuild(&u);
	printf("replay: %zu events, to the end in %.1f ms, a checkpoint every %zu events\n",
	       b.n, (double)(clock_mono_ns() - t0) / 1e6, u.player->ck_every);
	/* b held: one event back at a time */
	while (steps < STEPS && u.player->cursor > 1) {
		uint64_t d;

		t0 = clock_mono_ns();
		u.player->cursor--;
		tui_player_rebuild(&u);
		d = clock_mono_ns() - t0;
		total += d;
		worst = d > worst ? d : worst;
		if (getenv("BENCH_VERBOSE") && d > 5000000)
			printf("  step to %zu: %.1f ms\n", u.player->cursor,
			       (double)d / 1e6);
		steps++;
	}
	printf("replay back-step (b held): %zu steps, mean %.2f ms, worst %.2f ms (goal < 10 ms)\n",
	       steps, steps ? (double)total / (double)steps / 1e6 : 0.0,
	       (double)worst / 1e6);
	tui_player_free(u.player);
	model_free(u.m);
	replay_close(b.rl);
	for (size_t i = 0; i < b.n; i++)
		free(b.lines[i]);
	free(b.lines);
	free(b.len);
	return 0;
}
