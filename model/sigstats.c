/* sigstats.c - per process and per signal: how many were sent by it, sent to it, delivered to it; and its subreaper notices. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

struct model_sigstats {
	struct model_sigcount sig[MODEL_NSIG];
};

static struct model_sigcount *sigstats_slot(struct model_proc *p, int sig)
{
	if (sig <= 0 || sig >= MODEL_NSIG)
		return NULL;
	if (!p->sigstats && !(p->sigstats = calloc(1, sizeof(*p->sigstats))))
		return NULL; /* the counts stay partial */
	return &p->sigstats->sig[sig];
}

void model_sigstats_event(struct model *m, const struct pt_event *ev)
{
	const struct ev_signal *s = &ev->u.signal;
	struct model_proc *p = model_find(m, ev->pid), *q;
	struct model_sigcount *c;

	if (p && p->reaped)
		p = NULL;
	switch (s->kind) {
	case SK_SEND:
		/* a failed send (ESRCH, EPERM) queued nothing */
		if (s->result && !s->result_unknown)
			break;
		if (p && (c = sigstats_slot(p, s->sig)))
			c->sent_by++;
		q = s->target_pid > 0 ? model_find(m, s->target_pid) : NULL;
		if (q && !q->reaped && (c = sigstats_slot(q, s->sig)))
			c->sent_to++;
		break;
	case SK_DELIVER:
		if (p && (c = sigstats_slot(p, s->sig)))
			c->delivered++;
		break;
	default:
		break;
	}
}

const struct model_sigcount *model_sigcount(const struct model_proc *p, int sig)
{
	if (!p->sigstats || sig <= 0 || sig >= MODEL_NSIG)
		return NULL;
	return &p->sigstats->sig[sig];
}

void model_sigstats_free(struct model_proc *p)
{
	free(p->sigstats);
	p->sigstats = NULL;
}

void model_subreaper_event(struct model *m, const struct pt_event *ev)
{
	struct model_proc *p;

	if (!ev->u.notice.what ||
	    strncmp(ev->u.notice.what, "child_subreaper", 15) != 0)
		return;
	if ((p = model_find(m, ev->pid)) && !p->reaped)
		p->subreaper =
			strcmp(ev->u.notice.what, "child_subreaper") == 0 ? 1 :
									    0;
}

bool model_sigstats_copy(struct model_proc *p, const struct model_proc *s)
{
	p->sigstats = NULL;
	if (!s->sigstats)
		return true;
	p->sigstats = malloc(sizeof(*p->sigstats));
	if (!p->sigstats)
		return false;
	*p->sigstats = *s->sigstats;
	return true;
}

bool model_sigstats_equal(const struct model_proc *a,
			  const struct model_proc *b)
{
	if (!a->sigstats || !b->sigstats)
		return a->sigstats == b->sigstats;
	return !memcmp(a->sigstats, b->sigstats, sizeof(*a->sigstats));
}
