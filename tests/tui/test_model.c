/* tests/tui/test_model.c - the TUI model stays bounded (fork loop, thread storm); tree shape; keep-all forgets nothing. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "model/model.h"

#define LOOP_FORKS 20000
#define PARENT 100

static int failures, cases;
static uint64_t seq, ts;

static void check(bool ok, const char *what)
{
	cases++;
	if (!ok) {
		failures++;
		printf("FAIL: %s\n", what);
	}
}

static void feed(struct model *m, struct pt_event *ev)
{
	ev->seq = seq++;
	ev->ts = ts += 1000;
	model_event(m, ev);
}

static void ev_fork(struct model *m, pid_t parent, pid_t child)
{
	struct pt_event ev = { .kind = EV_CLONE, .pid = parent, .tid = parent };

	ev.u.clone.child_pid = ev.u.clone.child_tid = child;
	ev.u.clone.syscall = CS_FORK;
	feed(m, &ev);
}

static void ev_thread(struct model *m, pid_t pid, pid_t tid)
{
	struct pt_event ev = { .kind = EV_CLONE, .pid = pid, .tid = pid };

	ev.u.clone.child_pid = pid;
	ev.u.clone.child_tid = tid;
	ev.u.clone.syscall = CS_CLONE;
	ev.u.clone.thread = true;
	feed(m, &ev);
}

static void ev_exit(struct model *m, pid_t pid, pid_t tid, bool group)
{
	struct pt_event ev = { .kind = EV_EXIT, .pid = pid, .tid = tid };

	ev.u.exit.group = group;
	ev.u.exit.code_known = true;
	feed(m, &ev);
}

static void ev_reap(struct model *m, pid_t parent, pid_t child)
{
	struct pt_event ev = { .kind = EV_REAP, .pid = parent, .tid = parent };

	ev.u.reap.child_pid = child;
	ev.u.reap.syscall = WS_WAIT4;
	ev.u.reap.zombie_ns = 10;
	feed(m, &ev);
}

static void ev_state(struct model *m, pid_t pid, pid_t tid, char from, char to)
{
	struct pt_event ev = { .kind = EV_STATE, .pid = pid, .tid = tid };

	ev.u.state.from = from;
	ev.u.state.to = to;
	feed(m, &ev);
}

static void ev_attach(struct model *m, pid_t pid, const char *comm)
{
	struct pt_event ev = { .kind = EV_ATTACH, .pid = pid, .tid = pid };

	ev.u.attach.comm = comm;
	feed(m, &ev);
}

/* A fork loop with pid reuse and a thread storm: the model stays bounded. */
static void test_fork_loop(void)
{
	struct model *m = model_new(NULL, NULL);
	struct model_counts c;
	struct model_row *rows;
	struct model_proc *p;
	size_t n, max_procs = 0, max_threads = 0;
	bool depths_ok = true;
	char msg[160];

	ev_fork(m, 1, PARENT);
	for (int i = 0; i < LOOP_FORKS; i++) {
		/* pids cycle through 5000: each is reused after its reap */
		pid_t child = 1000 + i % 5000, tid = 50000 + i % 7000;

		ev_fork(m, PARENT, child);
		ev_state(m, child, child, 'R', 'S');
		ev_thread(m, PARENT, tid);
		ev_exit(m, child, child, true);
		ev_reap(m, PARENT, child);
		ev_exit(m, PARENT, tid, false);
		if (model_nprocs(m) > max_procs)
			max_procs = model_nprocs(m);
		p = model_find(m, PARENT);
		if (p && p->n_threads > max_threads)
			max_threads = p->n_threads;
	}
	snprintf(msg, sizeof(msg),
		 "records held %zu <= 2 live + MODEL_GONE_MAX %d", max_procs,
		 MODEL_GONE_MAX);
	check(max_procs <= 2 + MODEL_GONE_MAX, msg);
	snprintf(msg, sizeof(msg),
		 "threads of the parent %zu <= 2 (storm compacted)",
		 max_threads);
	check(max_threads <= 2, msg);
	model_counts(m, &c);
	snprintf(msg, sizeof(msg),
		 "counts: live %zu (2) gone %llu (%d) threads %zu (2)", c.live,
		 (unsigned long long)c.gone, LOOP_FORKS, c.threads);
	check(c.live == 2 && c.gone == LOOP_FORKS && c.threads == 2, msg);

	/* all held: the root pid 1 (made by the fork event), the parent, the children */
	n = model_rows(m, ts, -1, &rows);
	snprintf(msg, sizeof(msg), "rows with all kept: %zu == records %zu", n,
		 model_nprocs(m));
	check(n == model_nprocs(m), msg);
	check(n >= 2 && rows[0].proc->pid == 1 && rows[1].proc->pid == PARENT &&
		      rows[1].depth == 1,
	      "the root, then the parent under it");
	for (size_t i = 2; i < n; i++)
		depths_ok &= rows[i].depth == 2 && rows[i].proc->reaped &&
			     rows[i - 1].proc->order < rows[i].proc->order;
	check(depths_ok, "every kept child under the parent, oldest first");
	/* the newest reaped child is kept, the oldest freed */
	p = model_find(m, 1000 + (LOOP_FORKS - 1) % 5000);
	check(p && p->reaped, "the last child is still held");
	/* none shown once kept past keep_gone */
	n = model_rows(m, ts + 1, 0, &rows);
	check(n == 2, "keep_gone 0: the two live processes only");

	/* a state event for an unknown tid adds no thread */
	ev_state(m, PARENT, 99999, 'R', 'S');
	p = model_find(m, PARENT);
	check(p && p->n_threads == 1, "state of an unknown tid adds no thread");
	model_free(m);
}

/* Threads: sorted after the leader, found by tid, removed at exit and exec. */
static void test_threads(void)
{
	static const pid_t tids[] = { 305, 301, 309, 303, 307 };
	struct model *m = model_new(NULL, NULL);
	struct model_row *rows;
	struct model_proc *p;
	size_t n;
	struct pt_event ev = { .kind = EV_EXEC, .pid = 300, .tid = 300 };

	ev_fork(m, 1, 300);
	for (size_t i = 0; i < sizeof(tids) / sizeof(tids[0]); i++)
		ev_thread(m, 300, tids[i]);
	ev_exit(m, 300, 303, false);
	ev_state(m, 300, 307, 'R', 'S');
	p = model_find(m, 300);
	p->expanded = true;
	n = model_rows(m, ts, -1, &rows);
	check(n == 6 && rows[1].thread < 0 && rows[2].thread >= 0,
	      "process then its threads");
	check(n == 6 && p->threads[rows[2].thread].tid == 301 &&
		      p->threads[rows[3].thread].tid == 305 &&
		      p->threads[rows[4].thread].tid == 307 &&
		      p->threads[rows[5].thread].tid == 309,
	      "threads by tid, the exited one gone");
	check(p->threads[0].tid == 300, "the leader first");
	check(n == 6 && p->threads[rows[4].thread].state == 'S',
	      "thread state applied");
	ev.u.exec.ok = true;
	ev.u.exec.comm = "new";
	feed(m, &ev);
	check(p->n_threads == 1 && p->state == 'R',
	      "exec leaves the leader, running");
	model_free(m);
}

/*
 * A reused pid: the child of the first 400 stays under it, the new 400
 * (made later) is not its parent.  Attached processes: a child attached
 * before its parent still goes under it.
 */
static void test_parents(void)
{
	struct model *m = model_new(NULL, NULL);
	struct model_row *rows;
	size_t n;

	ev_fork(m, 1, 400);
	ev_fork(m, 400, 401);
	ev_exit(m, 400, 400, true);
	ev_reap(m, 1, 400);
	ev_fork(m, 1, 400); /* pid 400 again */
	n = model_rows(m, ts, -1, &rows);
	/* 1, old 400, 401 under it, new 400 */
	check(n == 4 && rows[1].proc->pid == 400 && rows[1].proc->reaped &&
		      rows[2].proc->pid == 401 && rows[2].depth == 2 &&
		      rows[3].proc->pid == 400 && !rows[3].proc->reaped &&
		      rows[3].depth == 1,
	      "a reused pid does not adopt the old record's children");
	n = model_rows(m, ts + 1, 0, &rows);
	check(n == 3 && rows[1].proc->pid == 401 && rows[1].depth == 1,
	      "a hidden parent's child takes its place");
	model_free(m);

	m = model_new(NULL, NULL);
	ev_attach(m, 501, "child");
	model_set_ppid(m, 501, 500);
	ev_attach(m, 500, "parent");
	model_set_ppid(m, 500, 1);
	n = model_rows(m, ts, -1, &rows);
	check(n == 2 && rows[0].proc->pid == 500 && rows[1].proc->pid == 501 &&
		      rows[1].depth == 1,
	      "an attached child met first goes under its attached parent");
	check(rows[0].proc->state == 'R',
	      "attached: running until a state event");
	/* a cycle (two reads of /proc across a reparent) still shows both */
	model_free(m);
	m = model_new(NULL, NULL);
	ev_attach(m, 600, "a");
	ev_attach(m, 601, "b");
	model_set_ppid(m, 600, 601);
	model_set_ppid(m, 601, 600);
	n = model_rows(m, ts, -1, &rows);
	check(n == 2, "a parent cycle still shows every process once");
	model_free(m);
}

/* A deep fork chain: rows are built without recursion, depth by depth. */
static void test_deep_chain(void)
{
	struct model *m = model_new(NULL, NULL);
	struct model_row *rows;
	size_t n;
	bool ok = true;

	for (pid_t p = 1; p < 30000; p++)
		ev_fork(m, p, p + 1);
	n = model_rows(m, ts, -1, &rows);
	for (size_t i = 0; i < n; i++)
		ok &= rows[i].depth == (int)i &&
		      rows[i].proc->pid == (pid_t)i + 1;
	check(n == 30000 && ok, "a 30000-deep chain in order, depth by depth");
	model_free(m);
}

/*
 * Keep-all: a fork loop past the view's bound keeps every record, a
 * reused pid gives two, each with its own image, thread spans and exit.
 */
static void test_keep_all(void)
{
	struct model *m = model_new_keep_all();
	struct pt_event ev = { .kind = EV_EXEC, .pid = 500, .tid = 500 };
	struct model_proc *first, *second;
	uint64_t made, exited, reaped;
	bool all_reaped = true;

	ev_fork(m, 1, PARENT);
	for (int i = 0; i < 2 * MODEL_GONE_MAX; i++) {
		ev_fork(m, PARENT, 1000 + i);
		ev_exit(m, 1000 + i, 1000 + i, true);
		ev_reap(m, PARENT, 1000 + i);
	}
	check(model_nprocs(m) == 2 + 2 * MODEL_GONE_MAX,
	      "keep-all: no reaped record dropped");
	for (size_t i = 2; i < model_nprocs(m); i++)
		all_reaped &= model_proc_at(m, i)->reaped &&
			      model_proc_at(m, i)->order == i;
	check(all_reaped, "keep-all: each record reaped, its order its index");
	ev_fork(m, PARENT, 500);
	ev.u.exec.ok = true;
	ev.u.exec.comm = "first";
	feed(m, &ev);
	ev_thread(m, 500, 501);
	ev_exit(m, 500, 500, true);
	ev_reap(m, PARENT, 500);
	ev_fork(m, PARENT, 500);
	second = model_find(m, 500);
	first = model_find_before(m, 500, second->order);
	check(first && first != second && first->reaped && !second->exited,
	      "keep-all: a reused pid gives two records");
	check(first && first->hist->n_images == 2 &&
		      strcmp(first->hist->images[1].name, "first") == 0 &&
		      first->hist->n_spans == 1 && first->hist->spans[0].ended,
	      "keep-all: the first keeps its images and thread span");
	check(second->hist->n_images == 1 && second->hist->n_spans == 0,
	      "keep-all: the second starts its own history");
	model_totals(m, &made, &exited, &reaped);
	check(made == model_nprocs(m) && exited == reaped &&
		      exited == 2 * MODEL_GONE_MAX + 1,
	      "keep-all: totals of made, exited, reaped");
	model_free(m);
}

int main(void)
{
	test_fork_loop();
	test_threads();
	test_parents();
	test_deep_chain();
	test_keep_all();
	printf("%d/%d model checks passed\n", cases - failures, cases);
	return failures ? 1 : 0;
}
