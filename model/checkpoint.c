/* checkpoint.c - copies of the model, so a replay seeks back from the nearest one instead of event 0; records and lines that did not change are shared. */
#include "config.h"

#include <stdint.h>
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

/* ---- equality: a record or line a checkpoint can share ---- */

static bool model_ck_streq(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : a == b;
}

/*
 * p's fields that are not pointers (nor capacities, which copies shrink):
 * compared with memcmp, so any field added to model_proc is compared too.
 * Padding may differ between equal records: that only loses a share.
 */
static void model_ck_mask(struct model_proc *p)
{
	p->exe = NULL;
	p->argv = NULL;
	p->threads = NULL;
	p->cap_threads = 0;
	p->hist = NULL;
	p->exec_ctx = NULL;
	p->sigstats = NULL;
	for (size_t i = 0; i < MODEL_EXECS; i++)
		p->execs[i] = NULL;
	for (size_t i = 0; i < MODEL_PLT_SYMS; i++)
		p->plt[i].sym = NULL;
}

static bool model_ck_strv_eq(char *const *a, char *const *b)
{
	if (!a || !b)
		return a == b;
	for (; *a && *b; a++, b++)
		if (strcmp(*a, *b))
			return false;
	return !*a && !*b;
}

static bool model_ck_ctx_eq(const struct model_exec_ctx *a,
			    const struct model_exec_ctx *b)
{
	if (!a || !b)
		return a == b;
	return model_ck_streq(a->cwd, b->cwd) &&
	       model_ck_streq(a->interpreter, b->interpreter) &&
	       model_ck_streq(a->cmdline, b->cmdline) &&
	       model_ck_streq(a->env, b->env) &&
	       model_ck_streq(a->fds, b->fds) &&
	       model_ck_streq(a->fds_closed, b->fds_closed);
}

static bool model_ck_hist_eq(const struct model_history *a,
			     const struct model_history *b)
{
	if (!a || !b)
		return a == b;
	if (memcmp(a->name, b->name, sizeof(a->name)) ||
	    a->exit_seen != b->exit_seen || a->lived != b->lived ||
	    a->late != b->late || a->n_images != b->n_images ||
	    a->n_spans != b->n_spans || a->n_plt != b->n_plt)
		return false;
	for (size_t i = 0; i < a->n_images; i++)
		if (a->images[i].ts != b->images[i].ts ||
		    !model_ck_streq(a->images[i].name, b->images[i].name))
			return false;
	for (size_t i = 0; i < a->n_spans; i++)
		if (a->spans[i].tid != b->spans[i].tid ||
		    a->spans[i].start_ts != b->spans[i].start_ts ||
		    a->spans[i].end_ts != b->spans[i].end_ts ||
		    a->spans[i].ended != b->spans[i].ended)
			return false;
	for (size_t i = 0; i < a->n_plt; i++)
		if (a->plt[i].calls != b->plt[i].calls ||
		    !model_ck_streq(a->plt[i].sym, b->plt[i].sym))
			return false;
	return true;
}

/* a and b read the same through every field and pointer. */
static bool model_ck_proc_eq(const struct model_proc *a,
			     const struct model_proc *b)
{
	struct model_proc x = *a, y = *b;

	model_ck_mask(&x);
	model_ck_mask(&y);
	if (memcmp(&x, &y, sizeof(x)) || !model_ck_streq(a->exe, b->exe) ||
	    !model_ck_strv_eq(a->argv, b->argv))
		return false;
	for (size_t i = 0; i < a->n_execs && i < MODEL_EXECS; i++)
		if (!model_ck_streq(a->execs[i], b->execs[i]))
			return false;
	for (size_t i = 0; i < MODEL_PLT_SYMS; i++)
		if (!model_ck_streq(a->plt[i].sym, b->plt[i].sym))
			return false;
	for (size_t i = 0; i < a->n_threads; i++)
		if (a->threads[i].tid != b->threads[i].tid ||
		    a->threads[i].state != b->threads[i].state ||
		    a->threads[i].state_ts != b->threads[i].state_ts ||
		    a->threads[i].gone != b->threads[i].gone)
			return false;
	return model_ck_ctx_eq(a->exec_ctx, b->exec_ctx) &&
	       model_ck_hist_eq(a->hist, b->hist) && model_sigstats_equal(a, b);
}

static bool model_ck_line_eq(const struct model_line *a,
			     const struct model_line *b)
{
	return a->pid == b->pid && a->other == b->other && a->kind == b->kind &&
	       a->ts == b->ts && a->seq == b->seq &&
	       model_ck_streq(a->text, b->text);
}

/* ---- shared pieces: a record, a line ---- */

/* A record as checkpoints keep it: one copy for all that saw it unchanged. */
struct model_ck_rec {
	unsigned refs;
	struct model_proc p;
};

struct model_ck_line {
	unsigned refs;
	struct model_line l;
};

static struct model_ck_rec *model_ck_rec_new(const struct model_proc *s)
{
	struct model_ck_rec *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->refs = 1;
	if (!model_ck_proc(&r->p, s)) {
		model_free_proc(&r->p);
		free(r);
		return NULL;
	}
	return r;
}

static void model_ck_rec_put(struct model_ck_rec *r)
{
	if (r && --r->refs == 0) {
		model_free_proc(&r->p);
		free(r);
	}
}

static struct model_ck_line *model_ck_line_new(const struct model_line *s)
{
	struct model_ck_line *l = malloc(sizeof(*l));

	if (!l)
		return NULL;
	l->refs = 1;
	l->l = *s;
	if (!model_ck_dup(&l->l.text, s->text)) {
		free(l);
		return NULL;
	}
	return l;
}

static void model_ck_line_put(struct model_ck_line *l)
{
	if (l && --l->refs == 0) {
		free(l->l.text);
		free(l);
	}
}

/* ---- the checkpoint ---- */

#define MODEL_CK_NONE UINT32_MAX /* a NULL link */

/*
 * The model's records (creation order) as shared copies, its links as
 * indexes into them, and its line ring slot by slot.
 */
struct model_checkpoint {
	struct model m; /* the scalars only: no records, no lines */
	struct model_ck_rec **recs;
	size_t n_recs;
	uint32_t *hnext, *gnext; /* per record */
	uint32_t bucket[MODEL_BUCKETS], gone_head, gone_tail;
	struct model_ck_line **lines; /* MODEL_LINES_MAX slots, or NULL */
};

static uint32_t model_ck_link(const struct model_node *n)
{
	return n ? (uint32_t)n->idx : MODEL_CK_NONE;
}

static struct model_node *model_ck_node(struct model_node **to, uint32_t i)
{
	return i == MODEL_CK_NONE ? NULL : to[i];
}

/* Is ring slot k one of the n lines from head? */
static bool model_ck_live(size_t head, size_t n, size_t k)
{
	return (k + MODEL_LINES_MAX - head) % MODEL_LINES_MAX < n;
}

/* The ring of m into ck, sharing like's lines that are the same. */
static bool model_ck_take_lines(struct model_checkpoint *ck,
				const struct model *m,
				const struct model_checkpoint *like)
{
	if (!m->lines)
		return true;
	ck->lines = calloc(MODEL_LINES_MAX, sizeof(*ck->lines));
	if (!ck->lines)
		return false;
	for (size_t i = 0; i < m->n_lines; i++) {
		size_t k = (m->line_head + i) % MODEL_LINES_MAX;
		struct model_ck_line *o = like && like->lines ? like->lines[k] :
								NULL;

		if (o && model_ck_line_eq(&o->l, &m->lines[k])) {
			o->refs++;
			ck->lines[k] = o;
		} else if (!(ck->lines[k] = model_ck_line_new(&m->lines[k]))) {
			return false;
		}
	}
	return true;
}

/* m's records into ck, sharing like's that are the same (matched by order). */
static bool model_ck_take_recs(struct model_checkpoint *ck, struct model *m,
			       const struct model_checkpoint *like)
{
	size_t j = 0, n = m->n_procs;

	/* with no records the links below are all MODEL_CK_NONE */
	if (n) {
		ck->recs = calloc(n, sizeof(*ck->recs));
		ck->hnext = malloc(n * sizeof(*ck->hnext));
		ck->gnext = malloc(n * sizeof(*ck->gnext));
		if (!ck->recs || !ck->hnext || !ck->gnext || n >= MODEL_CK_NONE)
			return false;
	}
	for (size_t i = 0; i < n; i++) {
		const struct model_proc *s = &m->procs[i]->p;
		struct model_ck_rec *o = NULL;

		m->procs[i]->idx = i; /* scratch: the link's index */
		/* both are in creation order: a merge finds the same record */
		while (like && j < like->n_recs &&
		       like->recs[j]->p.order < s->order)
			j++;
		if (like && j < like->n_recs &&
		    like->recs[j]->p.order == s->order &&
		    model_ck_proc_eq(&like->recs[j]->p, s))
			o = like->recs[j];
		if (o)
			o->refs++;
		else if (!(o = model_ck_rec_new(s)))
			return false;
		ck->recs[i] = o;
		ck->n_recs = i + 1;
	}
	for (size_t i = 0; i < n; i++) {
		ck->hnext[i] = model_ck_link(m->procs[i]->hnext);
		ck->gnext[i] = model_ck_link(m->procs[i]->gnext);
	}
	for (size_t b = 0; b < MODEL_BUCKETS; b++)
		ck->bucket[b] = model_ck_link(m->bucket[b]);
	ck->gone_head = model_ck_link(m->gone_head);
	ck->gone_tail = model_ck_link(m->gone_tail);
	return true;
}

struct model_checkpoint *model_checkpoint_take(struct model *m)
{
	return model_checkpoint_take_like(m, NULL);
}

struct model_checkpoint *
model_checkpoint_take_like(struct model *m, const struct model_checkpoint *like)
{
	struct model_checkpoint *ck = calloc(1, sizeof(*ck));

	if (!ck)
		return NULL;
	model_ck_scalars(&ck->m, m);
	ck->m.line_head = m->line_head;
	ck->m.n_lines = m->n_lines;
	ck->m.lines_dropped = m->lines_dropped;
	if (!model_ck_take_recs(ck, m, like) ||
	    !model_ck_take_lines(ck, m, like)) {
		model_checkpoint_free(ck);
		return NULL;
	}
	return ck;
}

/* The lines of nl that restore copied (not kept), and nl. */
static void model_ck_free_lines(struct model_line *nl, const bool *kept)
{
	for (size_t k = 0; nl && k < MODEL_LINES_MAX; k++)
		if (!kept[k])
			free(nl[k].text);
	free(nl);
}

/*
 * The ring ck keeps, in a new array: m's own lines where they are the same
 * (kept[k]), copies elsewhere.  NULL with no memory (nothing changed).
 */
static struct model_line *
model_ck_restore_lines(const struct model *m, const struct model_checkpoint *ck,
		       bool *kept)
{
	struct model_line *nl = calloc(MODEL_LINES_MAX, sizeof(*nl));

	if (!nl)
		return NULL;
	for (size_t k = 0; ck->lines && k < MODEL_LINES_MAX; k++) {
		const struct model_ck_line *l = ck->lines[k];

		if (!l)
			continue;
		nl[k] = l->l;
		if (model_ck_live(m->line_head, m->n_lines, k) &&
		    model_ck_line_eq(&m->lines[k], &l->l)) {
			nl[k].text = m->lines[k].text;
			kept[k] = true;
		} else if (!model_ck_dup(&nl[k].text, l->l.text)) {
			model_ck_free_lines(nl, kept);
			return NULL;
		}
	}
	return nl;
}

/* The nodes restore made (fresh[i]), freed when it cannot finish. */
static void model_ck_free_fresh(struct model_node **to, const bool *fresh,
				size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (fresh[i]) {
			model_free_proc(&to[i]->p);
			free(to[i]);
		}
	free(to);
}

/*
 * The records ck keeps, in a new array: m's own nodes where they are the
 * same (kept[j] for m->procs[j]), copies elsewhere (fresh[i]).  NULL with
 * no memory, m as it was.
 */
static struct model_node **
model_ck_restore_nodes(const struct model *m, const struct model_checkpoint *ck,
		       bool *kept, bool *fresh)
{
	struct model_node **to = calloc(ck->n_recs + 1, sizeof(*to));
	size_t j = 0;

	if (!to)
		return NULL;
	for (size_t i = 0; i < ck->n_recs; i++) {
		const struct model_proc *s = &ck->recs[i]->p;

		/* both are in creation order: a merge finds the same record */
		while (j < m->n_procs && m->procs[j]->p.order < s->order)
			j++;
		if (j < m->n_procs && m->procs[j]->p.order == s->order &&
		    model_ck_proc_eq(&m->procs[j]->p, s)) {
			kept[j] = true;
			to[i] = m->procs[j++];
			continue;
		}
		to[i] = calloc(1, sizeof(*to[i]));
		if (!to[i]) {
			model_ck_free_fresh(to, fresh, i);
			return NULL;
		}
		fresh[i] = true;
		if (!model_ck_proc(&to[i]->p, s)) {
			model_ck_free_fresh(to, fresh, i + 1);
			return NULL;
		}
	}
	return to;
}

/* m becomes ck: only the records and lines that differ are copied. */
int model_checkpoint_restore(struct model *m, const struct model_checkpoint *ck)
{
	bool *kept = calloc(m->n_procs + 1, sizeof(*kept));
	bool *fresh = calloc(ck->n_recs + 1, sizeof(*fresh));
	bool *lkept = calloc(MODEL_LINES_MAX, sizeof(*lkept));
	bool want_lines = m->lines || ck->lines;
	struct model_node **to = NULL;
	struct model_line *nl = NULL;
	int rc = -1;

	/* Build aside first: on no memory m is left as it was. */
	if (!kept || !fresh || !lkept ||
	    !(to = model_ck_restore_nodes(m, ck, kept, fresh)))
		goto out;
	if ((want_lines && !(nl = model_ck_restore_lines(m, ck, lkept))) ||
	    (want_lines && !m->flat &&
	     !(m->flat = calloc(MODEL_LINES_MAX, sizeof(*m->flat))))) {
		model_ck_free_fresh(to, fresh, ck->n_recs);
		model_ck_free_lines(nl, lkept);
		goto out;
	}
	/* What m had and ck does not: freed. */
	for (size_t j = 0; j < m->n_procs; j++)
		if (!kept[j]) {
			model_free_proc(&m->procs[j]->p);
			free(m->procs[j]);
		}
	for (size_t k = 0; m->lines && k < MODEL_LINES_MAX; k++)
		if (!lkept[k] && model_ck_live(m->line_head, m->n_lines, k))
			free(m->lines[k].text);
	free(m->procs);
	free(m->lines);
	free(m->rows);
	m->rows = NULL;
	m->cap_rows = 0;
	m->procs = to;
	m->n_procs = ck->n_recs;
	m->cap_procs = ck->n_recs + 1;
	for (size_t i = 0; i < ck->n_recs; i++) {
		to[i]->hnext = model_ck_node(to, ck->hnext[i]);
		to[i]->gnext = model_ck_node(to, ck->gnext[i]);
		to[i]->drop = false;
	}
	for (size_t b = 0; b < MODEL_BUCKETS; b++)
		m->bucket[b] = model_ck_node(to, ck->bucket[b]);
	m->gone_head = model_ck_node(to, ck->gone_head);
	m->gone_tail = model_ck_node(to, ck->gone_tail);
	m->lines = nl;
	m->line_head = ck->m.line_head;
	m->n_lines = ck->m.n_lines;
	m->lines_dropped = ck->m.lines_dropped;
	model_ck_scalars(m, &ck->m);
	if (m->line_ops)
		m->line_ops->reset(m->line_ctx);
	rc = 0;
out:
	free(kept);
	free(fresh);
	free(lkept);
	return rc;
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
	for (size_t i = 0; i < ck->n_recs; i++)
		model_ck_rec_put(ck->recs[i]);
	for (size_t k = 0; ck->lines && k < MODEL_LINES_MAX; k++)
		model_ck_line_put(ck->lines[k]);
	free(ck->recs);
	free(ck->hnext);
	free(ck->gnext);
	free(ck->lines);
	free(ck);
}

uint64_t model_checkpoint_events(const struct model_checkpoint *ck)
{
	return ck->m.events;
}
