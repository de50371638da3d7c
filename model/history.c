/* history.c - what a keep-all model keeps besides the view's fields: images, thread spans, PLT counts, names. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

void model_hist_free(struct model_history *h)
{
	for (size_t i = 0; i < h->n_images; i++)
		free(h->images[i].name);
	free(h->images);
	free(h->spans);
	for (size_t i = 0; i < h->n_plt; i++)
		free(h->plt[i].sym);
	free(h->plt);
	free(h);
}

/* Grow *v (of *cap elements of size each) to hold n + 1; -1 out of memory. */
static int model_hist_room(struct model *m, void **v, size_t *cap, size_t n,
			   size_t size)
{
	size_t c = *cap ? *cap * 2 : 4;
	void *nv;

	if (n < *cap)
		return 0;
	nv = realloc(*v, c * size);
	if (!nv) {
		m->incomplete = true;
		return -1;
	}
	*v = nv;
	*cap = c;
	return 0;
}

static void model_hist_image(struct model *m, struct model_history *h,
			     uint64_t ts, const char *name)
{
	char *copy = strdup(name ? name : "?");

	if (!copy || model_hist_room(m, (void **)&h->images, &h->cap_images,
				     h->n_images, sizeof(*h->images)) < 0) {
		free(copy);
		m->incomplete = true;
		return;
	}
	h->images[h->n_images++] = (struct model_image){ ts, copy };
}

/* The name of the image p runs now, "?" before any. */
static const char *model_hist_comm(const struct model_history *h)
{
	return h->n_images ? h->images[h->n_images - 1].name : "?";
}

static void model_hist_name(struct model_history *h, const char *comm)
{
	if (comm)
		snprintf(h->name, sizeof(h->name), "%s", comm);
}

/* The spans of tid (0: every thread) still running end at ts. */
static void model_hist_end_spans(struct model_history *h, pid_t tid,
				 uint64_t ts)
{
	for (size_t i = 0; i < h->n_spans; i++)
		if (!h->spans[i].ended && (!tid || h->spans[i].tid == tid)) {
			h->spans[i].ended = true;
			h->spans[i].end_ts = ts;
		}
}

static void model_hist_clone(struct model *m, const struct pt_event *ev)
{
	const struct ev_clone *c = &ev->u.clone;
	struct model_proc *parent = model_find(m, ev->pid), *child;
	struct model_history *h;

	if (!parent)
		return;
	if (c->thread) {
		h = parent->hist;
		if (model_hist_room(m, (void **)&h->spans, &h->cap_spans,
				    h->n_spans, sizeof(*h->spans)) == 0)
			h->spans[h->n_spans++] =
				(struct model_span){ .tid = c->child_tid,
						     .start_ts = ev->ts };
		return;
	}
	child = model_find(m, c->child_pid);
	if (!child || child == parent)
		return;
	/* A fork runs its parent's image, and has its name, until it execs. */
	model_hist_image(m, child->hist, ev->ts, model_hist_comm(parent->hist));
	if (!child->hist->name[0])
		memcpy(child->hist->name, parent->hist->name,
		       sizeof(child->hist->name));
}

/* Count one PLT call; the last symbol added is checked first. */
static void model_hist_plt(struct model *m, struct model_history *h,
			   const char *symbol)
{
	const char *sym = symbol ? symbol : "?";
	size_t i;

	for (i = h->n_plt; i-- > 0;)
		if (strcmp(h->plt[i].sym, sym) == 0) {
			h->plt[i].calls++;
			return;
		}
	if (model_hist_room(m, (void **)&h->plt, &h->cap_plt, h->n_plt,
			    sizeof(*h->plt)) < 0)
		return;
	h->plt[h->n_plt].sym = strdup(sym);
	if (!h->plt[h->n_plt].sym) {
		m->incomplete = true;
		return;
	}
	h->plt[h->n_plt++].calls = 1;
}

/* After the view's fields took ev in: the history's share of it. */
void model_hist_event(struct model *m, const struct pt_event *ev)
{
	struct model_proc *p = model_find(m, ev->pid);
	struct model_history *h;

	if (ev->kind == EV_CLONE) {
		model_hist_clone(m, ev);
		return;
	}
	if (!p || !p->hist)
		return;
	h = p->hist;
	switch (ev->kind) {
	case EV_ATTACH:
		/* any task's comm names it (a thread has a comm of its own) */
		model_hist_name(h, ev->u.attach.comm);
		if (!h->n_images && ev->pid == ev->tid)
			model_hist_image(m, h, ev->ts, ev->u.attach.comm);
		break;
	case EV_EXEC:
		if (!ev->u.exec.ok)
			break;
		model_hist_name(h, ev->u.exec.comm);
		model_hist_image(m, h, ev->ts, ev->u.exec.comm);
		/* exec kills the other threads */
		model_hist_end_spans(h, 0, ev->ts);
		break;
	case EV_EXIT:
		h->exit_seen |= ev->u.exit.group;
		model_hist_end_spans(h, ev->u.exit.group ? 0 : ev->tid, ev->ts);
		break;
	case EV_PLT:
		model_hist_plt(m, h, ev->u.plt.symbol);
		break;
	default:
		break;
	}
}

uint64_t model_exit_time(const struct model_proc *p)
{
	if (!p->hist || p->hist->exit_seen || !p->reaped || p->zombie_ns < 0 ||
	    (uint64_t)p->zombie_ns > p->reap_ts)
		return p->exit_ts;
	return p->reap_ts - (uint64_t)p->zombie_ns;
}
