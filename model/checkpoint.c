/* checkpoint.c - deep copies of the model, so a replay seeks back from the nearest one instead of event 0. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/checkpoint.h"
#include "model/internal.h"

/* NULL stays NULL; false when a string could not be copied. */
static bool model_ck_dup(char **dst, const char *src)
{
	*dst = src ? strdup(src) : NULL;
	return !src || *dst;
}

/* A copy of n elements of size each (NULL for none); false on no memory. */
static bool model_ck_mem(void *dst, const void *src, size_t n, size_t size)
{
	void **d = dst;

	*d = NULL;
	if (!src || !n)
		return true;
	*d = malloc(n * size);
	if (!*d)
		return false;
	memcpy(*d, src, n * size);
	return true;
}

static bool model_ck_exec_ctx(struct model_proc *p,
			      const struct model_exec_ctx *c)
{
	struct model_exec_ctx *d;

	p->exec_ctx = NULL;
	if (!c)
		return true;
	d = calloc(1, sizeof(*d));
	if (!d)
		return false;
	p->exec_ctx = d;
	return model_ck_dup(&d->cwd, c->cwd) &&
	       model_ck_dup(&d->interpreter, c->interpreter) &&
	       model_ck_dup(&d->cmdline, c->cmdline) &&
	       model_ck_dup(&d->env, c->env) && model_ck_dup(&d->fds, c->fds) &&
	       model_ck_dup(&d->fds_closed, c->fds_closed);
}

static bool model_ck_hist(struct model_proc *p, const struct model_history *h)
{
	struct model_history *d;

	p->hist = NULL;
	if (!h)
		return true;
	d = calloc(1, sizeof(*d));
	if (!d)
		return false;
	p->hist = d;
	memcpy(d->name, h->name, sizeof(d->name));
	d->exit_seen = h->exit_seen;
	d->lived = h->lived;
	d->late = h->late;
	if (!model_ck_mem(&d->images, h->images, h->n_images,
			  sizeof(*h->images)) ||
	    !model_ck_mem(&d->spans, h->spans, h->n_spans, sizeof(*h->spans)) ||
	    !model_ck_mem(&d->plt, h->plt, h->n_plt, sizeof(*h->plt)))
		return false;
	d->n_images = d->cap_images = h->n_images;
	d->n_spans = d->cap_spans = h->n_spans;
	for (size_t i = 0; i < h->n_images; i++)
		d->images[i].name = NULL;
	for (size_t i = 0; i < h->n_plt; i++)
		d->plt[i].sym = NULL;
	d->n_plt = d->cap_plt = h->n_plt;
	for (size_t i = 0; i < h->n_images; i++)
		if (!model_ck_dup(&d->images[i].name, h->images[i].name))
			return false;
	for (size_t i = 0; i < h->n_plt; i++)
		if (!model_ck_dup(&d->plt[i].sym, h->plt[i].sym))
			return false;
	return true;
}

/*
 * p becomes a deep copy of s.  On false p is still safe to free with
 * model_free_proc: every pointer not yet copied is NULL.
 */
static bool model_ck_proc(struct model_proc *p, const struct model_proc *s)
{
	*p = *s;
	p->exe = NULL;
	p->argv = NULL;
	p->exec_ctx = NULL;
	p->threads = NULL;
	p->hist = NULL;
	p->sigstats = NULL;
	p->n_threads = p->cap_threads = 0;
	for (size_t i = 0; i < MODEL_EXECS; i++)
		p->execs[i] = NULL;
	for (size_t i = 0; i < MODEL_PLT_SYMS; i++)
		p->plt[i].sym = NULL;
	for (size_t i = 0; i < s->n_execs; i++)
		if (!model_ck_dup(&p->execs[i], s->execs[i]))
			return false;
	for (size_t i = 0; i < MODEL_PLT_SYMS; i++)
		if (!model_ck_dup(&p->plt[i].sym, s->plt[i].sym))
			return false;
	if (!model_ck_dup(&p->exe, s->exe) ||
	    !model_ck_mem(&p->threads, s->threads, s->n_threads,
			  sizeof(*s->threads)))
		return false;
	p->n_threads = p->cap_threads = s->n_threads;
	if (s->argv &&
	    !(p->argv = model_copy_strv(&(struct ev_strv){ .v = s->argv })))
		return false;
	return model_ck_exec_ctx(p, s->exec_ctx) && model_ck_hist(p, s->hist) &&
	       model_sigstats_copy(p, s);
}

static struct model_node *model_ck_map(struct model_node **to,
				       const struct model_node *n)
{
	return n ? to[n->idx] : NULL;
}

/* The records of s into the empty d, in the same order, hashed and queued alike. */
static bool model_ck_procs(struct model *d, struct model *s)
{
	struct model_node **to;

	if (!s->n_procs)
		return true;
	to = calloc(s->n_procs, sizeof(*to));
	if (!to)
		return false;
	d->procs = to;
	d->cap_procs = s->n_procs;
	for (size_t i = 0; i < s->n_procs; i++) {
		s->procs[i]->idx = i; /* scratch: the map from s to d */
		to[i] = calloc(1, sizeof(*to[i]));
		if (!to[i])
			return false;
		d->n_procs = i + 1;
		if (!model_ck_proc(&to[i]->p, &s->procs[i]->p))
			return false;
	}
	for (size_t i = 0; i < s->n_procs; i++) {
		to[i]->hnext = model_ck_map(to, s->procs[i]->hnext);
		to[i]->gnext = model_ck_map(to, s->procs[i]->gnext);
	}
	for (size_t b = 0; b < MODEL_BUCKETS; b++)
		d->bucket[b] = model_ck_map(to, s->bucket[b]);
	d->gone_head = model_ck_map(to, s->gone_head);
	d->gone_tail = model_ck_map(to, s->gone_tail);
	return true;
}

/* The event pane's ring of s into d (which has none yet). */
static bool model_ck_lines(struct model *d, const struct model *s)
{
	if (!s->lines)
		return true;
	d->lines = calloc(MODEL_LINES_MAX, sizeof(*d->lines));
	d->flat = calloc(MODEL_LINES_MAX, sizeof(*d->flat));
	if (!d->lines || !d->flat)
		return false;
	d->line_head = s->line_head;
	d->lines_dropped = s->lines_dropped;
	for (size_t i = 0; i < s->n_lines; i++) {
		size_t k = (s->line_head + i) % MODEL_LINES_MAX;

		d->lines[k] = s->lines[k];
		d->lines[k].text = NULL;
		d->n_lines = i + 1;
		if (!model_ck_dup(&d->lines[k].text, s->lines[k].text))
			return false;
	}
	return true;
}

/* Everything but the records, the lines and the line formatter. */
static void model_ck_scalars(struct model *d, const struct model *s)
{
	d->keep_all = s->keep_all;
	d->n_gone = s->n_gone;
	d->gone_total = s->gone_total;
	d->serial = s->serial;
	d->exited_total = s->exited_total;
	d->incomplete = s->incomplete;
	d->last_ts = s->last_ts;
	d->events = s->events;
	d->ended = s->ended;
	d->has_code = s->has_code;
	d->attach_mode = s->attach_mode;
	d->code = s->code;
}

struct model_checkpoint {
	struct model m; /* a model with no line formatter */
};

struct model_checkpoint *model_checkpoint_take(struct model *m)
{
	struct model_checkpoint *ck = calloc(1, sizeof(*ck));

	if (!ck)
		return NULL;
	model_ck_scalars(&ck->m, m);
	if (!model_ck_procs(&ck->m, m) || !model_ck_lines(&ck->m, m)) {
		model_checkpoint_free(ck);
		return NULL;
	}
	return ck;
}

int model_checkpoint_restore(struct model *m, const struct model_checkpoint *ck)
{
	struct model *s = (struct model *)&ck->m, tmp = { .keep_all = false };

	/* Copy aside first: on no memory m is left as it was. */
	if (!model_ck_procs(&tmp, s) || !model_ck_lines(&tmp, s) ||
	    (m->lines && !tmp.lines &&
	     !(tmp.lines = calloc(MODEL_LINES_MAX, sizeof(*tmp.lines)))) ||
	    (m->flat && !tmp.flat &&
	     !(tmp.flat = calloc(MODEL_LINES_MAX, sizeof(*tmp.flat))))) {
		model_clear(&tmp);
		free(tmp.procs);
		free(tmp.lines);
		free(tmp.flat);
		return -1;
	}
	model_clear(m);
	free(m->procs);
	free(m->rows);
	free(m->lines);
	free(m->flat);
	m->procs = tmp.procs;
	m->n_procs = tmp.n_procs;
	m->cap_procs = tmp.cap_procs;
	memcpy(m->bucket, tmp.bucket, sizeof(m->bucket));
	m->gone_head = tmp.gone_head;
	m->gone_tail = tmp.gone_tail;
	m->rows = NULL;
	m->cap_rows = 0;
	m->lines = tmp.lines;
	m->flat = tmp.flat;
	m->line_head = tmp.line_head;
	m->n_lines = tmp.n_lines;
	m->lines_dropped = tmp.lines_dropped;
	model_ck_scalars(m, s);
	if (m->line_ops)
		m->line_ops->reset(m->line_ctx);
	return 0;
}

void model_checkpoint_prime(struct model *m, const struct pt_event *ev)
{
	size_t len;

	if (m->line_ops)
		(void)m->line_ops->format(m->line_ctx, ev, &len);
}

void model_checkpoint_free(struct model_checkpoint *ck)
{
	if (!ck)
		return;
	model_clear(&ck->m);
	free(ck->m.procs);
	free(ck->m.lines);
	free(ck->m.flat);
	free(ck);
}

uint64_t model_checkpoint_events(const struct model_checkpoint *ck)
{
	return ck->m.events;
}
