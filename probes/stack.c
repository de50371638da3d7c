/* stack.c - --stack: which events get a stack, and the exit stacks kept from PTRACE_EVENT_EXIT. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "elfinfo/unwind.h"
#include "probes/stack.h"

#define STACK_FRAMES 64
#define STACK_BUCKETS 256

/* A stack taken at PTRACE_EVENT_EXIT, waiting for the thread's exit event. */
struct stack_kept {
	pid_t tid;
	size_t n;
	struct ev_frame f[STACK_FRAMES];
	struct stack_kept *next;
};

struct stack {
	struct unwind *u;
	struct unwind_frame walked[STACK_FRAMES]; /* the unwinder's output */
	struct ev_frame buf[STACK_FRAMES]; /* the annotated event's stack */
	struct stack_kept *kept[STACK_BUCKETS];
};

struct stack *stack_new(void)
{
	struct stack *s = calloc(1, sizeof(*s));

	if (s && !(s->u = unwind_new())) {
		free(s);
		return NULL;
	}
	return s;
}

void stack_free(struct stack *s)
{
	if (!s)
		return;
	for (size_t b = 0; b < STACK_BUCKETS; b++) {
		struct stack_kept *k, *kn;

		for (k = s->kept[b]; k; k = kn) {
			kn = k->next;
			free(k);
		}
	}
	unwind_free(s->u);
	free(s);
}

static struct stack_kept **stack_kept_slot(struct stack *s, pid_t tid)
{
	struct stack_kept **pp = &s->kept[(unsigned)tid % STACK_BUCKETS];

	while (*pp && (*pp)->tid != tid)
		pp = &(*pp)->next;
	return pp;
}

static pid_t stack_pid(const struct task *task)
{
	return task->proc ? task->proc->pid : task->tid;
}

/* Walk task's stack into out (STACK_FRAMES), as event frames; returns how many. */
static size_t stack_walk(struct stack *s, const struct task *task,
			 struct ev_frame *out)
{
	size_t n = unwind_thread(s->u, stack_pid(task), task->tid, s->walked,
				 STACK_FRAMES);

	for (size_t i = 0; i < n; i++) {
		const struct unwind_frame *w = &s->walked[i];

		out[i] = (struct ev_frame){
			.ip = w->ip,
			.sym = w->sym,
			.off = w->off,
			.module = w->module,
			.file = w->file,
			.line = w->line,
		};
	}
	return n;
}

void stack_exiting(struct stack *s, struct task *task)
{
	struct stack_kept **pp = stack_kept_slot(s, task->tid), *k = *pp;

	if (!k) {
		k = calloc(1, sizeof(*k));
		if (!k)
			return;
		k->tid = task->tid;
		*pp = k;
	}
	k->n = stack_walk(s, task, k->f);
}

void stack_annotate(struct stack *s, struct task *task, struct pt_event *ev)
{
	struct stack_kept *k;

	switch (ev->kind) {
	case EV_EXIT:
		k = *stack_kept_slot(s, task->tid);
		if (k && k->n) {
			ev->stack = k->f;
			ev->n_stack = k->n;
		}
		return;
	case EV_SIGNAL:
		if (ev->u.signal.kind != SK_DELIVER || ev->tid != task->tid)
			return;
		break;
	case EV_EXEC:
		/* The walk state cached so far describes the old image. */
		unwind_forget(s->u, stack_pid(task));
		break;
	case EV_CLONE:
	case EV_CREDS:
	case EV_NS:
		break;
	default:
		return;
	}
	/*
	 * Inferred events are about the past: no stack of that moment exists.
	 * A child announced by a clone event has not stopped yet: its
	 * registers cannot be read (or are read while it runs).
	 */
	if (ev->inferred || task->state == TS_EXPECTED)
		return;
	ev->n_stack = stack_walk(s, task, s->buf);
	ev->stack = ev->n_stack ? s->buf : NULL;
}

void stack_task_gone(struct stack *s, struct task *task)
{
	struct stack_kept **pp = stack_kept_slot(s, task->tid), *k = *pp;

	if (k) {
		*pp = k->next;
		free(k);
	}
}

void stack_forget(struct stack *s, pid_t pid)
{
	unwind_forget(s->u, pid);
}

void stack_maps_changed(struct stack *s, pid_t pid)
{
	unwind_maps_changed(s->u, pid);
}
