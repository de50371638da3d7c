/* sampler.c - an observer that samples task states from /proc at 10 Hz and emits `state` events. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tracer/procfs.h"
#include "tracer/sampler.h"

#define SAMPLER_BUCKETS 1024

/* The last state seen of one task. */
struct sampler_entry {
	pid_t tid;
	char state;
	struct sampler_entry *next;
};

struct sampler {
	struct sampler_entry *bucket[SAMPLER_BUCKETS];
	uint64_t next_ns;
};

static struct sampler_entry **sampler_slot(struct sampler *s, pid_t tid)
{
	struct sampler_entry **e = &s->bucket[(unsigned)tid % SAMPLER_BUCKETS];

	while (*e && (*e)->tid != tid)
		e = &(*e)->next;
	return e;
}

/*
 * The state as the user should see it.  A group-stopped tracee sits in
 * PTRACE_LISTEN and /proc calls it 't': it is stopped (T) for the user.
 * Any other 't' is a ptrace stop the tracer has not handled yet: a moment
 * of our own making, not a transition of the program; skipped (0).
 */
static char sampler_state(const struct task *task, char st)
{
	if (st != 't')
		return st;
	if (task->proc && task->proc->group_stopped)
		return 'T';
	return task->state == TS_HELD ? 't' : 0;
}

static void sampler_tick(void *ctx, struct tracer *t, uint64_t now)
{
	struct sampler *s = ctx;
	struct task *task;
	size_t b;

	s->next_ns = now + SAMPLER_PERIOD_MS * 1000000ull;
	for (task = tasks_first(&t->tasks, &b); task;
	     task = tasks_next(&t->tasks, &b, task)) {
		struct proc_stat ps;
		struct sampler_entry **slot, *e;
		struct pt_event ev = { .kind = EV_STATE };
		char st;

		if (procfs_stat(task->tid, &ps) < 0)
			continue;
		st = sampler_state(task, ps.state);
		if (!st)
			continue;
		slot = sampler_slot(s, task->tid);
		if (!*slot) {
			e = calloc(1, sizeof(*e));
			if (!e)
				continue;
			e->tid = task->tid;
			/* The model assumes R after a clone or exec. */
			e->state = 'R';
			*slot = e;
		}
		e = *slot;
		if (e->state == st)
			continue;
		ev.u.state.from = e->state;
		ev.u.state.to = st;
		e->state = st;
		ev.tid = task->tid;
		ev.pid = task->proc ? task->proc->pid : task->tid;
		emit(t, &ev);
	}
}

static int sampler_timeout_ms(void *ctx, struct tracer *t, uint64_t now)
{
	struct sampler *s = ctx;

	(void)t;
	return now >= s->next_ns ? 0 : (int)((s->next_ns - now) / 1000000ull);
}

static void sampler_task_gone(void *ctx, struct tracer *t, struct task *task)
{
	struct sampler *s = ctx;
	struct sampler_entry **slot = sampler_slot(s, task->tid), *e = *slot;

	(void)t;
	if (e) {
		*slot = e->next;
		free(e);
	}
}

static void sampler_finish(void *ctx, struct tracer *t)
{
	struct sampler *s = ctx;

	(void)t;
	for (size_t i = 0; i < SAMPLER_BUCKETS; i++)
		while (s->bucket[i]) {
			struct sampler_entry *e = s->bucket[i];

			s->bucket[i] = e->next;
			free(e);
		}
	free(s);
}

static const struct observer_ops sampler_ops = {
	.name = "sampler",
	.task_gone = sampler_task_gone,
	.timeout_ms = sampler_timeout_ms,
	.tick = sampler_tick,
	.finish = sampler_finish,
};

int sampler_register(struct tracer *t, const struct options *o)
{
	struct sampler *s;

	if (!o->tui)
		return 0;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -1;
	return observers_add(&t->obs, &sampler_ops, s);
}
