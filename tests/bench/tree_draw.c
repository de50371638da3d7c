/* tree_draw.c - make bench: the TUI's redraw with 10,000 processes in the model, on a dummy terminal (TERM=xterm, output to /dev/null). */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/model.h"
#include "tui/view.h"

#define BENCH_PROCS 10000
#define BENCH_FANOUT 8
#define BENCH_DRAWS 50

static uint64_t bench_clock;

static uint64_t bench_now(void *ctx)
{
	(void)ctx;
	return bench_clock;
}

static bool bench_over(void *ctx)
{
	(void)ctx;
	return false;
}

static size_t bench_escape(char *buf, size_t size, const char *s, size_t len)
{
	return (size_t)snprintf(buf, size, "%.*s", (int)len, s);
}

static size_t bench_duration(char *buf, size_t size, uint64_t ns)
{
	return (size_t)snprintf(buf, size, "%.3f s", (double)ns / 1e9);
}

static const struct tui_source_ops bench_ops = {
	.now = bench_now,
	.trace_over = bench_over,
};

/* CPU time of this process: a loaded machine does not inflate it. */
static double bench_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A tree BENCH_FANOUT wide, each process exec'd with an argv; every tenth reaped. */
static void bench_feed(struct model *m)
{
	static char a0[] = "worker", a1[] = "--job", a2[] = "42";
	char *argv[] = { a0, a1, a2, NULL };
	struct pt_event ev;

	for (int i = 1; i < BENCH_PROCS; i++) {
		pid_t pid = 1000 + i, ppid = 1000 + (i - 1) / BENCH_FANOUT;

		memset(&ev, 0, sizeof(ev));
		ev.kind = EV_CLONE;
		ev.ts = bench_clock += 1000;
		ev.pid = ev.tid = ppid;
		ev.u.clone.child_pid = ev.u.clone.child_tid = pid;
		model_event(m, &ev);
		memset(&ev, 0, sizeof(ev));
		ev.kind = EV_EXEC;
		ev.ts = bench_clock += 1000;
		ev.pid = ev.tid = pid;
		ev.u.exec.ok = true;
		ev.u.exec.filename = "/usr/bin/worker";
		ev.u.exec.exe = "/usr/bin/worker";
		ev.u.exec.comm = "worker";
		ev.u.exec.argv.v = argv;
		ev.u.exec.argv.count = 3;
		model_event(m, &ev);
	}
	for (int i = 9; i < BENCH_PROCS; i += 10) {
		pid_t pid = 1000 + i, ppid = 1000 + (i - 1) / BENCH_FANOUT;

		memset(&ev, 0, sizeof(ev));
		ev.kind = EV_EXIT;
		ev.ts = bench_clock += 1000;
		ev.pid = ev.tid = pid;
		ev.u.exit.group = ev.u.exit.code_known = true;
		model_event(m, &ev);
		memset(&ev, 0, sizeof(ev));
		ev.kind = EV_REAP;
		ev.ts = bench_clock += 1000;
		ev.pid = ev.tid = ppid;
		ev.u.reap.child_pid = pid;
		ev.u.reap.zombie_ns = 1000;
		model_event(m, &ev);
	}
}

int main(void)
{
	struct model *m = model_new(NULL, NULL);
	struct tui_source src = { &bench_ops, NULL };
	struct tui_opts o = { .no_color = true,
			      .escape = bench_escape,
			      .duration = bench_duration };
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	struct tui *u;
	SCREEN *scr;
	double worst = 0, total;

	if (!m || !out || !in || !(u = tui_new(m, &src, NULL, &o)))
		return 1;
	bench_feed(m);
	bench_clock += 10000000000ull; /* the reaped ones fold */
	if (!(scr = newterm("xterm", out, in)))
		return 1;
	resizeterm(50, 160);
	u->columns = ~0u;
	total = 0;
	for (int i = 0; i < BENCH_DRAWS; i++) {
		double s, d;

		/* walk the selection down the tree as a user would */
		tui_tree_move(u, 37);
		s = bench_ms();
		tui_draw(u);
		d = bench_ms() - s;
		total += d;
		if (d > worst)
			worst = d;
	}
	endwin();
	delscreen(scr);
	printf("tree redraw, %zu processes: %.2f ms mean, %.2f ms worst CPU time (%d draws; goal: under 20 ms)\n",
	       model_nprocs(m), total / BENCH_DRAWS, worst, BENCH_DRAWS);
	tui_free(u);
	model_free(m);
	fclose(out);
	fclose(in);
	return 0;
}
