/* text_life.c - the text sink's record of live tasks (a short list: only live tasks are in it). */
#include "config.h"

#include <stdlib.h>

#include "output/text_life.h"

static pid_t text_life_tid(const struct pt_event *ev)
{
	return ev->tid ? ev->tid : ev->pid;
}

static struct text_life_task *text_life_find(const struct text_life *l,
					     pid_t tid)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].tid == tid)
			return &l->v[i];
	return NULL;
}

static void text_life_add(struct text_life *l, pid_t tid, uint64_t since,
			  bool born)
{
	struct text_life_task *t = text_life_find(l, tid);

	if (!t && l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct text_life_task *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return; /* -T shows nothing for it; the trace goes on */
		l->v = v;
		l->cap = cap;
	}
	if (!t)
		t = &l->v[l->n++];
	*t = (struct text_life_task){ .tid = tid,
				      .since = since,
				      .born = born };
}

void text_life_event(struct text_life *l, const struct pt_event *ev)
{
	const struct ev_clone *c = &ev->u.clone;
	pid_t tid = text_life_tid(ev);

	switch (ev->kind) {
	case EV_START:
		l->attach_mode = ev->u.start.attach_mode;
		return;
	case EV_CLONE:
		text_life_add(l, c->child_tid ? c->child_tid : c->child_pid,
			      ev->ts, true);
		break;
	case EV_ATTACH:
		text_life_add(l, tid, ev->ts, false);
		return;
	case EV_END:
	case EV_REPARENT:
	case EV_VMA:
		return; /* about no one task, or about a process */
	default:
		break;
	}
	if (tid <= 0 || text_life_find(l, tid))
		return;
	/* The launched command starts the trace, at ts 0; any other task
	 * met first (an unseen clone) was not seen born. */
	text_life_add(l, tid, l->root_seen ? ev->ts : 0,
		      !l->attach_mode && !l->root_seen);
	l->root_seen = true;
}

const struct text_life_task *text_life_of(const struct text_life *l,
					  const struct pt_event *ev)
{
	return text_life_find(l, text_life_tid(ev));
}

void text_life_forget(struct text_life *l, const struct pt_event *ev)
{
	struct text_life_task *t = text_life_find(l, text_life_tid(ev));

	if (t)
		*t = l->v[--l->n];
}

void text_life_free(struct text_life *l)
{
	free(l->v);
	*l = (struct text_life){ 0 };
}
