/* waitfacts.c - what the tracer saw of a process's wait calls, for a view's zombie diagnosis. */
#include "config.h"

#include "tracer/engine.h"

int engine_last_wait(struct tracer *t, pid_t pid, struct engine_wait *w)
{
	struct proc *p = tasks_find_proc(&t->tasks, pid);
	const struct task *best = NULL;

	*w = (struct engine_wait){ 0 };
	if (!p)
		return -1;
	/* the newest wait of any thread: one of them may be the waiter */
	for (const struct task *k = p->threads; k; k = k->sib_next)
		if (k->wait.seen && (!best || k->wait.ts > best->wait.ts))
			best = k;
	if (!best)
		return 0;
	w->seen = true;
	w->tid = best->tid;
	w->nr = best->wait.nr;
	w->a0 = best->wait.a0;
	w->a1 = best->wait.a1;
	w->options = best->wait.options;
	w->ts = best->wait.ts;
	return 0;
}
