/* sampler.c - an observer that samples task states from /proc at 10 Hz and emits `state` events. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proc/procfs.h"
#include "probes/sampler.h"

#define SAMPLER_BUCKETS 1024

/*
 * The last state seen of one task, or none: the model's assumption then,
 * 'R' (it sets R at attach, clone and exec).  Keyed by the task object,
 * not its tid: an exec by a non-leader thread re-keys the task to the
 * leader's pid, and a later thread reusing a tid is a new task object.
 */
struct sampler_entry {
	const struct task *task;
	char state;
	struct sampler_entry *next;
};

struct sampler {
	struct sampler_entry *bucket[SAMPLER_BUCKETS];
	uint64_t next_ns;
};

static struct sampler_entry **sampler_slot(struct sampler *s,
					   const struct task *task)
{
	/* heap objects: the low bits carry no information */
	size_t b = ((uintptr_t)task >> 6) % SAMPLER_BUCKETS;
	struct sampler_entry **e = &s->bucket[b];

	while (*e && (*e)->task != task)
		e = &(*e)->next;
	return e;
}

/* Forget what was seen of task: its next sample compares with 'R'. */
static void sampler_forget(struct sampler *s, const struct task *task)
{
	struct sampler_entry **slot = sampler_slot(s, task), *e = *slot;

	if (e) {
		*slot = e->next;
		free(e);
	}
}

/*
 * A state event about a task that is not stopped: emit_task_event's ids,
 * but no annotate hooks (a stack cannot be read from a running task).
 */
static void sampler_emit(struct tracer *t, const struct task *task,
			 struct pt_event *ev)
{
	ev->tid = task->tid;
	ev->pid = task->proc ? task->proc->pid : task->tid;
	if (task->proc && task->proc->n_nspid > 1) {
		ev->n_nspid = task->proc->n_nspid;
		memcpy(ev->nspid, task->proc->nspid,
		       task->proc->n_nspid * sizeof(pid_t));
	}
	emit(t, ev);
}

/*
 * The state as the user should see it.  A group-stopped tracee sits in
 * PTRACE_LISTEN and /proc calls it 't': it is stopped (T) for the user.
 * A task held at a --break is stopped for the user too: 't'.
 * Any other 't' is a ptrace stop the tracer has not handled yet: a moment
 * of our own making, not a transition of the program; skipped (0).
 */
static char sampler_state(const struct task *task, char st)
{
	if (st != 't')
		return st;
	if (task->proc && task->proc->group_stopped)
		return 'T';
	return task->state == TS_HELD || task->state == TS_BREAK ? 't' : 0;
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
		slot = sampler_slot(s, task);
		if (!*slot) {
			e = calloc(1, sizeof(*e));
			if (!e)
				continue;
			e->task = task;
			e->state = 'R';
			*slot = e;
		}
		e = *slot;
		if (e->state == st)
			continue;
		ev.u.state.from = e->state;
		ev.u.state.to = st;
		e->state = st;
		sampler_emit(t, task, &ev);
	}
}

static int sampler_timeout_ms(void *ctx, struct tracer *t, uint64_t now)
{
	struct sampler *s = ctx;

	(void)t;
	return now >= s->next_ns ? 0 : (int)((s->next_ns - now) / 1000000ull);
}

/* A new task: whatever an old object at that address left is not its. */
static void sampler_cloned(void *ctx, struct tracer *t, struct task *parent,
			   struct task *child, const struct ev_clone *c)
{
	(void)t;
	(void)parent;
	(void)c;
	sampler_forget(ctx, child);
}

/*
 * The model sets R at exec: so does the sampler, else a task sleeping
 * before and after the exec shows R for good (no transition seen).
 */
static void sampler_execed(void *ctx, struct tracer *t, struct task *task)
{
	(void)t;
	sampler_forget(ctx, task);
}

static void sampler_task_gone(void *ctx, struct tracer *t, struct task *task)
{
	(void)t;
	sampler_forget(ctx, task);
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
	.cloned = sampler_cloned,
	.execed = sampler_execed,
	.task_gone = sampler_task_gone,
	.timeout_ms = sampler_timeout_ms,
	.tick = sampler_tick,
	.finish = sampler_finish,
};

int sampler_register(struct tracer *t, const struct trace_opts *o)
{
	struct sampler *s;

	if (!o->sample_state)
		return 0;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -1;
	return observers_add(&t->obs, &sampler_ops, s);
}
