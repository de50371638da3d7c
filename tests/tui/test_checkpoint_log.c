/* tests/tui/test_checkpoint_log.c - the checkpoint tests' log (forks with pid reuse, threads, execs, exits, reaps, signals) and their model compare. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tests/tui/test_checkpoint_log.h"

struct pt_event log_ev[LOG_EVENTS];
size_t n_log;
static char sa_a[][8] = { "sh", "-c", "true" }, sa_b[][8] = { "sleep", "1" };
static char *const argv_a[] = { sa_a[0], sa_a[1], sa_a[2], NULL };
static char *const argv_b[] = { sa_b[0], sa_b[1], NULL };

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
void gen_log(void)
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

const struct model_line_ops fmt_ops = { fmt_line, fmt_reset, fmt_free };

struct model *new_model(bool keep_all)
{
	return keep_all ? model_new_keep_all() : model_new(&fmt_ops, NULL);
}

void feed_range(struct model *m, size_t from, size_t to)
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
bool same_model(struct model *a, struct model *b)
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
