/* tests/bench/replay_steps.c - times the replay player's back-steps (the `b` key held) on a JSON log, with the player's own code: from the end and at points all over the log, with the memory it took. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "event/clock.h"
#include "output/text_sink.h"
#include "replay/replay.h"
#include "tui/view.h"

#define STEPS 3000 /* back from the end (BENCH_STEPS) */
#define POINTS 16 /* then this many points over the log... */
#define POINT_STEPS \
	300 /* ...with this many steps back from each (BENCH_POINT_STEPS) */

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

/* The kB of a "Vm...:" line of /proc/self/status (0 if unreadable). */
static unsigned long bench_status_kb(const char *key)
{
	char line[256];
	unsigned long kb = 0;
	size_t n = strlen(key);
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':')
			kb = strtoul(line + n + 1, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

static int bench_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* This thread's CPU time: a loaded machine stretches the wall clock. */
static uint64_t bench_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Up to n steps back from where the player is; each one's ns in t, cpu. */
static size_t bench_back(struct tui *u, size_t n, uint64_t *t, uint64_t *cpu)
{
	size_t steps = 0;

	while (steps < n && u->player->cursor > 1) {
		uint64_t t0 = clock_mono_ns(), c0 = bench_cpu_ns();

		u->player->cursor--;
		tui_player_rebuild(u);
		t[steps] = clock_mono_ns() - t0;
		cpu[steps] = bench_cpu_ns() - c0;
		if (getenv("BENCH_VERBOSE") && t[steps] > 5000000)
			printf("  step to %zu: %.1f ms\n", u->player->cursor,
			       (double)t[steps] / 1e6);
		steps++;
	}
	return steps;
}

/* "what: N steps, median, 99th percentile, worst" of the n times in t. */
static void bench_report(const char *what, uint64_t *t, size_t n)
{
	if (!n)
		return;
	qsort(t, n, sizeof(*t), bench_cmp);
	printf("%s: %zu steps, median %.2f ms, p99 %.2f ms, worst %.2f ms (goal < 10 ms)\n",
	       what, n, (double)t[n / 2] / 1e6, (double)t[n * 99 / 100] / 1e6,
	       (double)t[n - 1] / 1e6);
}

/* A count from the environment, else def. */
static size_t bench_env(const char *name, size_t def)
{
	const char *v = getenv(name);

	return v && *v ? strtoul(v, NULL, 10) : def;
}

int main(int argc, char **argv)
{
	struct bench_log b = { 0 };
	struct tui u = { 0 };
	struct tui_log log = { &bench_log_ops, &b };
	char err[512];
	size_t n_steps = bench_env("BENCH_STEPS", STEPS);
	size_t n_point = bench_env("BENCH_POINT_STEPS", POINT_STEPS);
	size_t n_all = n_steps + POINTS * n_point, steps, all = 0;
	uint64_t t0, *t = malloc(n_all * sizeof(*t)), *cpu;

	if (argc != 2) {
		fprintf(stderr, "usage: %s LOG.json\n", argv[0]);
		return 2;
	}
	b.rl = replay_open(argv[1], err, sizeof(err));
	cpu = malloc(n_all * sizeof(*cpu));
	if (!t || !cpu || !b.rl || bench_load(&b) < 0) {
		fprintf(stderr, "replay_steps: cannot read %s\n", argv[1]);
		return 1;
	}
	u.m = text_lines_model_new(NULL);
	u.player = tui_player_new(&log);
	if (!u.m || !u.player)
		return 1;
	printf("replay: %zu events read, RSS %lu kB\n", b.n,
	       bench_status_kb("VmRSS"));
	/* G: to the end once (the checkpoints are taken on the way) */
	t0 = clock_mono_ns();
	u.player->cursor = b.n;
	tui_player_rebuild(&u);
	printf("replay: to the end in %.1f ms, a checkpoint every %zu events, %zu processes at the end, RSS %lu kB\n",
	       (double)(clock_mono_ns() - t0) / 1e6, u.player->ck_every,
	       model_nprocs(u.m), bench_status_kb("VmRSS"));
	/* b held: one event back at a time */
	steps = bench_back(&u, n_steps, t, cpu);
	bench_report("replay back-step (b held) from the end", t, steps);
	bench_report("  the same, CPU time", cpu, steps);
	/* and from points all over the log: a jump there, then b held */
	for (size_t k = POINTS; k > 0; k--) {
		u.player->cursor = b.n * k / (POINTS + 1) + 1;
		tui_player_rebuild(&u);
		all += bench_back(&u, n_point, t + all, cpu + all);
	}
	bench_report("replay back-step (b held) at 16 points", t, all);
	bench_report("  the same, CPU time", cpu, all);
	printf("replay: RSS %lu kB, peak %lu kB\n", bench_status_kb("VmRSS"),
	       bench_status_kb("VmHWM"));
	tui_player_free(u.player);
	model_free(u.m);
	replay_close(b.rl);
	for (size_t i = 0; i < b.n; i++)
		free(b.lines[i]);
	free(b.lines);
	free(b.len);
	free(t);
	free(cpu);
	return 0;
}
