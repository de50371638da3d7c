/* tests/tui/test_checkpoint.c - a model restored from a checkpoint and fed on equals one rebuilt from event 0, whatever state it was restored over and whatever the checkpoints share. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/checkpoint.h"

#define LOG_EVENTS 6000
#define CK_EVERY 250
#define POOL 40 /* pids 1000..1039: reused after their reap */

static int failures, cases;
static struct pt_event log_ev[LOG_EVENTS];
static size_t n_log;
static char sa_a[][8] = { "sh", "-c", "true" }, sa_b[][8] = { "sleep", "1" };
static char *const argv_a[] = { sa_a[0], sa_a[1], sa_a[2], NULL };
static char *const argv_b[] = { sa_b[0], sa_b[1], NULL };

static void check(bool ok, const char *what)
{
	cases++;
	if (!ok && failures++ < 20)
		printf("FAIL: %s\n", what);
}

static struct pt_event *add(enum ev_kind kind, pid_t pid, pid_t tid)
{
	struct pt_event *ev = &log_ev[n_log];

	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->pid = pid;
	ev->tid = tid;
	ev->seq = n_log;
	ev->ts = (n_log + 1) * 1000;
	n_log++;
	return ev;
}

/* live[i]: 0 free, 1 running, 2 zombie; tids[i]: its extra thread or 0 */
static int live[POOL];
static pid_t tids[POOL];

/* A deterministic mix: forks (pid reuse), threads, execs, exits, reaps
 * (some zombies left long), signals. */
static void gen_log(void)
{
	unsigned r = 12345;

	add(EV_CLONE, 1, 1)->u.clone.child_pid = 100;
	log_ev[0].u.clone.child_tid = 100;
	while (n_log < LOG_EVENTS - 4) {
		struct pt_event *ev;
		int i;
		pid_t pid;

		r = r * 1103515245u + 12345u;
		i = (int)((r >> 8) % POOL);
		pid = 1000 + i;
		switch ((r >> 20) % 7) {
		case 0:
		case 1:
			if (live[i])
				break;
			ev = add(EV_CLONE, 100, 100);
			ev->u.clone.child_pid = ev->u.clone.child_tid = pid;
			ev->u.clone.syscall = CS_FORK;
			live[i] = 1;
			break;
		case 2:
			if (live[i] != 1)
				break;
			ev = add(EV_EXEC, pid, pid);
			ev->u.exec.ok = true;
			ev->u.exec.argv.v = (r & 1) ? argv_a : argv_b;
			ev->u.exec.comm = ev->u.exec.argv.v[0];
			ev->u.exec.exe = "/bin/x";
			break;
		case 3:
			if (live[i] != 1 || tids[i])
				break;
			tids[i] = 5000 + i;
			ev = add(EV_CLONE, pid, pid);
			ev->u.clone.child_pid = pid;
			ev->u.clone.child_tid = tids[i];
			ev->u.clone.syscall = CS_CLONE;
			ev->u.clone.thread = true;
			break;
		case 4:
			if (live[i] != 1)
				break;
			if (tids[i]) {
				ev = add(EV_EXIT, pid, tids[i]);
				ev->u.exit.code_known = true;
				tids[i] = 0;
			}
			ev = add(EV_EXIT, pid, pid);
			ev->u.exit.group = true;
			ev->u.exit.code_known = true;
			ev->u.exit.st.code = (int)(r % 3);
			live[i] = 2;
			break;
		case 5:
			if (live[i] != 2 || (r & 0x40)) /* some zombies stay */
				break;
			ev = add(EV_REAP, 100, 100);
			ev->u.reap.child_pid = pid;
			ev->u.reap.syscall = WS_WAIT4;
			ev->u.reap.zombie_ns = 500;
			live[i] = 0;
			break;
		case 6:
			if (live[i] != 1)
				break;
			ev = add(EV_SIGNAL, pid, pid);
			ev->u.signal.kind = SK_DELIVER;
			ev->u.signal.sig = 15;
			break;
		}
	}
}

/* An event pane formatter: "kind pid seq". */
static char line_buf[64];

static const char *fmt_line(void *ctx, const struct pt_event *ev, size_t *len)
{
	(void)ctx;
	*len = (size_t)snprintf(line_buf, sizeof(line_buf), "%d %d %llu",
				(int)ev->kind, (int)ev->pid,
				(unsigned long long)ev->seq);
	return line_buf;
}

static void fmt_reset(void *ctx)
{
	(void)ctx;
}

static void fmt_free(void *ctx)
{
	(void)ctx;
}

static const struct model_line_ops fmt_ops = { fmt_line, fmt_reset, fmt_free };

static struct model *new_model(bool keep_all)
{
	return keep_all ? model_new_keep_all() : model_new(&fmt_ops, NULL);
}

static void feed_range(struct model *m, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		model_event(m, &log_ev[i]);
}

static bool same_proc(const struct model_proc *a, const struct model_proc *b)
{
	bool ok = a->pid == b->pid && a->ppid == b->ppid &&
		  !strcmp(a->comm, b->comm) && a->state == b->state &&
		  a->exited == b->exited && a->reaped == b->reaped &&
		  a->exit_ts == b->exit_ts && a->reap_ts == b->reap_ts &&
		  a->zombie_ns == b->zombie_ns && a->order == b->order &&
		  a->n_threads == b->n_threads && a->n_execs == b->n_execs &&
		  a->n_sigs == b->n_sigs &&
		  a->exit_st.code == b->exit_st.code && !a->exe == !b->exe &&
		  !a->argv == !b->argv && !a->hist == !b->hist;

	for (size_t i = 0; ok && i < a->n_threads; i++)
		ok = a->threads[i].tid == b->threads[i].tid &&
		     a->threads[i].state == b->threads[i].state;
	for (size_t i = 0; ok && i < a->n_execs; i++)
		ok = !strcmp(a->execs[i], b->execs[i]);
	for (size_t i = 0; ok && a->argv && a->argv[i]; i++)
		ok = b->argv[i] && !strcmp(a->argv[i], b->argv[i]);
	if (ok && a->hist)
		ok = a->hist->n_images == b->hist->n_images &&
		     a->hist->n_spans == b->hist->n_spans &&
		     !strcmp(a->hist->name, b->hist->name);
	return ok;
}

/* Everything a view or the summary reads of the two models. */
static bool same_model(struct model *a, struct model *b)
{
	struct model_counts ca, cb;
	struct model_row *ra, *rb;
	struct model_line *la, *lb;
	uint64_t t[3], u[3];
	size_t nr, nl;
	bool ok;

	model_counts(a, &ca);
	model_counts(b, &cb);
	model_totals(a, &t[0], &t[1], &t[2]);
	model_totals(b, &u[0], &u[1], &u[2]);
	ok = !memcmp(&ca, &cb, sizeof(ca)) && !memcmp(t, u, sizeof(t)) &&
	     model_nprocs(a) == model_nprocs(b) &&
	     model_serial(a) == model_serial(b) &&
	     model_events(a) == model_events(b) &&
	     model_last_ts(a) == model_last_ts(b);
	for (size_t i = 0; ok && i < model_nprocs(a); i++)
		ok = same_proc(model_proc_at(a, i), model_proc_at(b, i));
	/* lookups go through the hash: the newest record of every pid */
	for (pid_t pid = 1000; ok && pid < 1000 + POOL; pid++) {
		struct model_proc *pa = model_find(a, pid), *pb;

		pb = model_find(b, pid);
		ok = !pa == !pb && (!pa || pa->order == pb->order);
	}
	nr = model_rows(a, model_last_ts(a), -1, &ra);
	ok = ok && nr == model_rows(b, model_last_ts(b), -1, &rb);
	for (size_t i = 0; ok && i < nr; i++)
		ok = ra[i].proc->order == rb[i].proc->order &&
		     ra[i].depth == rb[i].depth;
	nl = model_lines(a, &la);
	ok = ok && nl == model_lines(b, &lb) &&
	     model_lines_dropped(a) == model_lines_dropped(b);
	for (size_t i = 0; ok && i < nl; i++)
		ok = !strcmp(la[i].text, lb[i].text) && la[i].seq == lb[i].seq;
	return ok;
}

/*
 * Forward to n taking checkpoints every CK_EVERY events, back to mm from
 * the nearest one, then on to the events after: always equal to a model
 * rebuilt from 0.  Also the forgetful model trims reaped records across
 * checkpoints (MODEL_GONE_MAX), which the pool's reuse exercises.
 */
static void test_steps(bool keep_all)
{
	struct model_checkpoint *ck[LOG_EVENTS / CK_EVERY + 1] = { NULL };
	struct model *m = new_model(keep_all);
	size_t pairs[][2] = { { 6000, 5999 }, { 6000, 1 },    { 5000, 4999 },
			      { 3000, 250 },  { 2600, 2500 }, { 1000, 10 },
			      { 4321, 4000 }, { 5999, 3333 }, { 260, 251 } };
	char msg[160];

	for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
		size_t n = pairs[k][0], mm = pairs[k][1], c;
		struct model *fresh = new_model(keep_all);

		model_reset(m);
		for (size_t i = 0; i < n; i++) {
			if (i % CK_EVERY == 0 && !ck[i / CK_EVERY])
				ck[i / CK_EVERY] = model_checkpoint_take(m);
			model_event(m, &log_ev[i]);
		}
		c = mm / CK_EVERY;
		check(ck[c] && model_checkpoint_events(ck[c]) == c * CK_EVERY,
		      "checkpoint taken after its events");
		check(model_checkpoint_restore(m, ck[c]) == 0, "restore");
		feed_range(m, c * CK_EVERY, mm);
		feed_range(fresh, 0, mm);
		snprintf(msg, sizeof(msg), "%s: forward to %zu, back to %zu",
			 keep_all ? "keep-all" : "view", n, mm);
		check(same_model(m, fresh), msg);
		/* and on: the restored model goes on like the fresh one */
		feed_range(m, mm, n);
		feed_range(fresh, mm, n);
		snprintf(msg, sizeof(msg), "%s: back to %zu, on to %zu",
			 keep_all ? "keep-all" : "view", mm, n);
		check(same_model(m, fresh), msg);
		model_free(fresh);
	}
	/* a checkpoint survives restores: restoring twice gives the same */
	check(model_checkpoint_restore(m, ck[3]) == 0 && ck[3] &&
		      model_events(m) == 3 * CK_EVERY,
	      "restore again");
	for (size_t i = 0; i < sizeof(ck) / sizeof(ck[0]); i++)
		model_checkpoint_free(ck[i]);
	model_free(m);
}

#define RAND_CK 97 /* not a divisor of anything above */
#define RAND_SEEKS 300

/*
 * Checkpoints that share with the one before (take_like), restored over a
 * model in whatever state the seek before left it, at random positions:
 * restore + forward is always the model fed from event 0.  Half of the
 * checkpoints are freed on the way, so shared records outlive their first
 * owner.
 */
static void test_random(bool keep_all)
{
	static struct model_checkpoint *ck[LOG_EVENTS / RAND_CK + 2];
	struct model *m = new_model(keep_all);
	size_t n_ck = 0, bad = 0;
	unsigned r = 777;
	char msg[160];

	for (size_t i = 0; i <= n_log; i++) {
		if (i % RAND_CK == 0) {
			ck[n_ck] = model_checkpoint_take_like(
				m, n_ck ? ck[n_ck - 1] : NULL);
			check(ck[n_ck] &&
				      model_checkpoint_events(ck[n_ck]) == i,
			      "shared checkpoint taken");
			n_ck++;
		}
		if (i < n_log)
			model_event(m, &log_ev[i]);
	}
	for (int k = 0; k < RAND_SEEKS; k++) {
		struct model *fresh = new_model(keep_all);
		size_t t, c;

		r = r * 1103515245u + 12345u;
		t = (r >> 4) % (n_log + 1);
		c = t / RAND_CK;
		if (k ==
		    RAND_SEEKS / 2) /* free the odd ones: their shares stay */
			for (size_t i = 1; i < n_ck; i += 2) {
				model_checkpoint_free(ck[i]);
				ck[i] = NULL;
			}
		if (!ck[c])
			c--;
		check(model_checkpoint_restore(m, ck[c]) == 0, "restore");
		feed_range(m, c * RAND_CK, t);
		feed_range(fresh, 0, t);
		if (!same_model(m, fresh) && bad++ < 5) {
			snprintf(msg, sizeof(msg),
				 "%s: seek %d to %zu from checkpoint %zu",
				 keep_all ? "keep-all" : "view", k, t, c);
			check(false, msg);
		} else {
			check(true, "seek");
		}
		model_free(fresh);
	}
	for (size_t i = 0; i < n_ck; i++)
		model_checkpoint_free(ck[i]);
	model_free(m);
}

int main(void)
{
	size_t zombies = 0, reuse = 0;
	struct model *m = model_new_keep_all();

	gen_log();
	feed_range(m, 0, n_log);
	for (size_t i = 0; i < model_nprocs(m); i++)
		zombies += model_proc_at(m, i)->exited &&
			   !model_proc_at(m, i)->reaped;
	reuse = model_nprocs(m) - POOL;
	model_free(m);
	check(n_log >= LOG_EVENTS - 4 && zombies > 0 && reuse > 100,
	      "the log has zombies and pid reuse");
	test_steps(false);
	test_steps(true);
	test_random(false);
	test_random(true);
	printf("%d/%d checks passed (%zu events, %zu zombies at the end)\n",
	       cases - failures, cases, n_log, zombies);
	return failures ? 1 : 0;
}
