/* model.c - the process-tree model: processes, threads, states, badges and event lines from events. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

#define MODEL_BUCKETS 4096
#define MODEL_LINES_MAX 4000

struct model_node {
	struct model_proc p;
	struct model_node *hnext;	/* same bucket, newest first */
	struct model_node *gnext;	/* the reaped queue, oldest first */
	size_t idx;			/* model_rows scratch: index in procs */
	bool drop;			/* being freed by model_trim_gone */
};

struct model {
	struct model_node **procs;	/* creation order */
	size_t n_procs, cap_procs;
	struct model_node *bucket[MODEL_BUCKETS];
	/* reaped records in reap order: the oldest are freed first */
	struct model_node *gone_head, *gone_tail;
	size_t n_gone;
	uint64_t gone_total, serial;
	struct model_row *rows;
	size_t cap_rows;
	/* the event pane: a ring of text lines */
	struct model_line *lines;
	size_t line_head, n_lines;
	uint64_t lines_dropped;
	struct model_line *flat;	/* lines in order, for model_lines */
	/* the text sink writing into a memory stream */
	FILE *mem;
	char *mem_buf;
	size_t mem_len;
	void *text;
	struct text_opts topts;
	uint64_t last_ts, events;
	bool ended, has_code, attach_mode;
	int code;
};

static void model_free_proc(struct model_proc *p)
{
	free(p->exe);
	free(p->argv);
	for (size_t i = 0; i < p->n_execs; i++)
		free(p->execs[i]);
	free(p->threads);
	for (size_t i = 0; i < MODEL_PLT_SYMS; i++)
		free(p->plt[i].sym);
}

static void model_clear(struct model *m)
{
	for (size_t i = 0; i < m->n_procs; i++) {
		model_free_proc(&m->procs[i]->p);
		free(m->procs[i]);
	}
	m->n_procs = 0;
	memset(m->bucket, 0, sizeof(m->bucket));
	m->gone_head = m->gone_tail = NULL;
	m->n_gone = 0;
	m->gone_total = m->serial = 0;
	for (size_t i = 0; i < m->n_lines; i++)
		free(m->lines[(m->line_head + i) % MODEL_LINES_MAX].text);
	m->n_lines = 0;
	m->line_head = 0;
	m->lines_dropped = 0;
	m->last_ts = m->events = 0;
	m->ended = m->has_code = m->attach_mode = false;
}

static int model_open_text(struct model *m)
{
	m->mem = open_memstream(&m->mem_buf, &m->mem_len);
	if (!m->mem)
		return -1;
	m->text = text_sink_new(m->mem, false, &m->topts);
	return m->text ? 0 : -1;
}

static void model_close_text(struct model *m)
{
	if (m->text)
		text_sink_ops.close(m->text);
	if (m->mem)
		fclose(m->mem);
	free(m->mem_buf);
	m->text = NULL;
	m->mem = NULL;
	m->mem_buf = NULL;
}

struct model *model_new(const struct text_opts *topts)
{
	struct model *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->topts.strsize = 32;
	if (topts)
		m->topts = *topts;
	m->lines = calloc(MODEL_LINES_MAX, sizeof(*m->lines));
	m->flat = calloc(MODEL_LINES_MAX, sizeof(*m->flat));
	if (!m->lines || !m->flat || model_open_text(m) < 0) {
		model_free(m);
		return NULL;
	}
	return m;
}

void model_reset(struct model *m)
{
	model_clear(m);
	/* A fresh text sink: -r timestamps and the start time start over. */
	model_close_text(m);
	model_open_text(m);
}

void model_free(struct model *m)
{
	if (!m)
		return;
	model_clear(m);
	model_close_text(m);
	free(m->procs);
	free(m->rows);
	free(m->lines);
	free(m->flat);
	free(m);
}

struct model_proc *model_find(struct model *m, pid_t pid)
{
	for (struct model_node *n = m->bucket[(unsigned)pid % MODEL_BUCKETS]; n;
	     n = n->hnext)
		if (n->p.pid == pid)
			return &n->p;
	return NULL;
}

/*
 * Where tid is or would go in p->threads: 0 for the leader, else by binary
 * search among the others (kept sorted by tid after the leader).
 */
static size_t model_thread_pos(const struct model_proc *p, pid_t tid,
			       bool *found)
{
	size_t lo = 1, hi = p->n_threads;

	*found = p->n_threads && p->threads[0].tid == tid;
	if (*found || tid == p->pid || !p->n_threads)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->threads[mid].tid < tid)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < p->n_threads && p->threads[lo].tid == tid;
	return lo;
}

static struct model_thread *model_thread_find(struct model_proc *p, pid_t tid)
{
	bool found;
	size_t i = model_thread_pos(p, tid, &found);

	return found ? &p->threads[i] : NULL;
}

/* The task tid of p, added (running) when new. */
static struct model_thread *model_thread(struct model_proc *p, pid_t tid)
{
	bool found;
	size_t i = model_thread_pos(p, tid, &found);
	struct model_thread *t;

	if (found)
		return &p->threads[i];
	if (p->n_threads == p->cap_threads) {
		size_t cap = p->cap_threads ? p->cap_threads * 2 : 4;

		t = realloc(p->threads, cap * sizeof(*t));
		if (!t)
			return NULL;
		p->threads = t;
		p->cap_threads = cap;
	}
	memmove(&p->threads[i + 1], &p->threads[i],
		(p->n_threads - i) * sizeof(*t));
	p->n_threads++;
	t = &p->threads[i];
	*t = (struct model_thread){ .tid = tid, .state = 'R' };
	return t;
}

/*
 * A task of p is gone: a thread's entry is freed (a thread storm must not
 * grow the array); the leader's stays, marked, as the process row's own.
 */
static void model_thread_gone(struct model_proc *p, pid_t tid, uint64_t ts)
{
	bool found;
	size_t i = model_thread_pos(p, tid, &found);

	if (!found)
		return;
	if (i == 0) {
		p->threads[0].gone = true;
		p->threads[0].state = 'X';
		p->threads[0].state_ts = ts;
		return;
	}
	memmove(&p->threads[i], &p->threads[i + 1],
		(p->n_threads - i - 1) * sizeof(*p->threads));
	p->n_threads--;
}

/* Every task but the leader is gone (exec, group exit). */
static void model_threads_leader_only(struct model_proc *p)
{
	if (p->n_threads > 1)
		p->n_threads = 1;
}

static void model_push_exec(struct model_proc *p, const char *name)
{
	if (p->n_execs == MODEL_EXECS) {
		free(p->execs[0]);
		memmove(p->execs, p->execs + 1, (MODEL_EXECS - 1) * sizeof(char *));
		p->n_execs--;
		p->execs_dropped++;
	}
	p->execs[p->n_execs++] = strdup(name ? name : "?");
}

static void model_unhash(struct model *m, struct model_node *n)
{
	struct model_node **pp = &m->bucket[(unsigned)n->p.pid % MODEL_BUCKETS];

	while (*pp && *pp != n)
		pp = &(*pp)->hnext;
	if (*pp)
		*pp = n->hnext;
}

/*
 * Free the oldest reaped records once more than MODEL_GONE_MAX are held, a
 * quarter at a time so that compacting procs costs O(1) per reap on
 * average.  Rows and pointers from before are invalid after an event.
 */
static void model_trim_gone(struct model *m)
{
	size_t keep = MODEL_GONE_MAX - MODEL_GONE_MAX / 4, j = 0;

	if (m->n_gone <= MODEL_GONE_MAX)
		return;
	while (m->n_gone > keep) {
		struct model_node *n = m->gone_head;

		m->gone_head = n->gnext;
		m->n_gone--;
		model_unhash(m, n);
		n->drop = true;
	}
	if (!m->gone_head)
		m->gone_tail = NULL;
	for (size_t i = 0; i < m->n_procs; i++) {
		struct model_node *n = m->procs[i];

		if (n->drop) {
			model_free_proc(&n->p);
			free(n);
		} else {
			m->procs[j++] = n;
		}
	}
	m->n_procs = j;
}

/* p was just reaped: queue it for freeing. */
static void model_gone_push(struct model *m, struct model_proc *p)
{
	struct model_node *n =
		(struct model_node *)((char *)p - offsetof(struct model_node, p));

	n->gnext = NULL;
	if (m->gone_tail)
		m->gone_tail->gnext = n;
	else
		m->gone_head = n;
	m->gone_tail = n;
	m->n_gone++;
	m->gone_total++;
	model_trim_gone(m);
}

/*
 * The process pid, created on first sight.  A pid is reused only after its
 * reap, so a reaped record is kept (the tree shows it for a while) and a
 * fresh one shadows it.
 */
static struct model_proc *model_get(struct model *m, pid_t pid, uint64_t ts)
{
	struct model_proc *p = model_find(m, pid);
	struct model_node *n;

	if (p && !p->reaped)
		return p;
	if (m->n_procs == m->cap_procs) {
		size_t cap = m->cap_procs ? m->cap_procs * 2 : 64;
		struct model_node **a = realloc(m->procs, cap * sizeof(*a));

		if (!a)
			return NULL;
		m->procs = a;
		m->cap_procs = cap;
	}
	n = calloc(1, sizeof(*n));
	if (!n)
		return NULL;
	p = &n->p;
	p->pid = pid;
	p->state = p->prev_state = '?';
	p->start_ts = p->state_ts = ts;
	p->zombie_ns = -1;
	p->order = m->serial++;
	model_thread(p, pid);
	n->hnext = m->bucket[(unsigned)pid % MODEL_BUCKETS];
	m->bucket[(unsigned)pid % MODEL_BUCKETS] = n;
	m->procs[m->n_procs++] = n;
	return p;
}

/* tid of p is in state st (a tid not known as p's task: the process row only). */
static void model_set_state(struct model_proc *p, pid_t tid, char st,
			    uint64_t ts)
{
	struct model_thread *t = model_thread_find(p, tid);

	if (t && t->state != st) {
		t->state = st;
		t->state_ts = ts;
	}
	if (tid == p->pid && p->state != st) {
		p->prev_state = p->state;
		p->state = st;
		p->state_ts = ts;
	}
}

/* Every live task of p to st (group stop, continue, exit). */
static void model_set_all(struct model_proc *p, char st, uint64_t ts)
{
	for (size_t i = 0; i < p->n_threads; i++)
		if (!p->threads[i].gone)
			model_set_state(p, p->threads[i].tid, st, ts);
	model_set_state(p, p->pid, st, ts);
}

static void model_sig(struct model_proc *p, const struct pt_event *ev,
		      bool sent, pid_t other)
{
	struct model_sig *s = &p->sigs[p->sig_head];

	*s = (struct model_sig){ .ts = ev->ts, .kind = ev->u.signal.kind,
				 .sig = ev->u.signal.sig, .sent = sent,
				 .other = other };
	p->sig_head = (p->sig_head + 1) % MODEL_SIGS;
	if (p->n_sigs < MODEL_SIGS)
		p->n_sigs++;
}

static char **model_copy_strv(const struct ev_strv *sv)
{
	size_t n = 0, bytes = 0;
	char **v, *s;

	if (!sv->v)
		return NULL;
	for (; sv->v[n]; n++)
		bytes += strlen(sv->v[n]) + 1;
	v = malloc((n + 1) * sizeof(char *) + bytes);
	if (!v)
		return NULL;
	s = (char *)(v + n + 1);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(sv->v[i]) + 1;

		memcpy(s, sv->v[i], len);
		v[i] = s;
		s += len;
	}
	v[n] = NULL;
	return v;
}

static void model_ev_clone(struct model *m, const struct pt_event *ev)
{
	const struct ev_clone *c = &ev->u.clone;
	struct model_proc *parent = model_get(m, ev->pid, ev->ts), *child;

	if (!parent)
		return;
	if (c->thread) {
		struct model_thread *t = model_thread(parent, c->child_tid);

		if (t) {
			t->gone = false;
			t->state = 'R';
			t->state_ts = ev->ts;
		}
		return;
	}
	child = model_get(m, c->child_pid, ev->ts);
	if (!child)
		return;
	parent = model_find(m, ev->pid);
	child->ppid = ev->pid;
	if (parent) {
		snprintf(child->comm, sizeof(child->comm), "%s", parent->comm);
		/* A fork runs its parent's image until it execs. */
		model_push_exec(child, parent->comm[0] ? parent->comm : "?");
		if (parent->exe)
			child->exe = strdup(parent->exe);
		if (parent->argv) {
			struct ev_strv sv = { .v = parent->argv };

			child->argv = model_copy_strv(&sv);
		}
	}
	model_set_state(child, child->pid, 'R', ev->ts);
}

static void model_ev_exec(struct model *m, const struct pt_event *ev)
{
	const struct ev_exec *x = &ev->u.exec;
	struct model_proc *p = model_get(m, ev->pid, ev->ts);

	if (!p || !x->ok)
		return;
	if (x->comm)
		snprintf(p->comm, sizeof(p->comm), "%s", x->comm);
	free(p->exe);
	p->exe = x->exe ? strdup(x->exe) : NULL;
	free(p->argv);
	p->argv = model_copy_strv(&x->argv);
	model_push_exec(p, x->comm ? x->comm : x->filename);
	/*
	 * exec leaves one thread, under the leader's pid even when another
	 * thread called it (execve(2)): the others died.
	 */
	model_threads_leader_only(p);
	if (p->n_threads)
		p->threads[0].gone = false;
	model_set_state(p, p->pid, 'R', ev->ts);
}

static void model_ev_exit(struct model *m, const struct pt_event *ev)
{
	const struct ev_exit *x = &ev->u.exit;
	struct model_proc *p = model_get(m, ev->pid, ev->ts);

	if (!p)
		return;
	if (!x->group) {
		model_thread_gone(p, ev->tid, ev->ts);
		return;
	}
	model_threads_leader_only(p);
	p->exited = true;
	p->exit_ts = ev->ts;
	p->exit_known = x->code_known;
	p->exit_st = x->st;
	model_set_state(p, p->pid, 'Z', ev->ts);
}

static void model_ev_reap(struct model *m, const struct pt_event *ev)
{
	struct model_proc *p = model_find(m, ev->u.reap.child_pid);

	if (!p || p->reaped)
		return;
	if (!p->exited) {
		p->exited = true;
		p->exit_ts = ev->ts;
	}
	if (!p->exit_known) {
		p->exit_known = true;
		p->exit_st = ev->u.reap.st;
	}
	p->zombie_ns = ev->u.reap.zombie_ns;
	p->reap_ts = ev->ts;
	model_set_state(p, p->pid, 'X', ev->ts);
	p->reaped = true;
	model_gone_push(m, p);
}

static void model_ev_signal(struct model *m, const struct pt_event *ev)
{
	const struct ev_signal *s = &ev->u.signal;
	struct model_proc *p, *q;

	/* A sender outside the trace (an inferred send) gets no row. */
	p = s->kind == SK_SEND ? model_find(m, ev->pid) : model_get(m, ev->pid, ev->ts);
	if (p && p->reaped)
		p = NULL;
	switch (s->kind) {
	case SK_SEND:
		if (p)
			model_sig(p, ev, true, s->target_pid);
		q = s->target_pid > 0 ? model_find(m, s->target_pid) : NULL;
		if (q && q != p && !q->reaped)
			model_sig(q, ev, false, ev->pid);
		break;
	case SK_DELIVER:
		if (!p)
			break;
		model_sig(p, ev, false, s->has_sender ? s->sender_pid : 0);
		break;
	case SK_STOP:
		if (!p)
			break;
		model_sig(p, ev, false, 0);
		model_set_all(p, 'T', ev->ts);
		break;
	case SK_CONT:
		if (!p)
			break;
		model_sig(p, ev, false, 0);
		model_set_all(p, 'R', ev->ts);
		break;
	}
}

static void model_ev_plt(struct model_proc *p, const struct ev_plt *x)
{
	size_t i;

	p->plt_calls++;
	for (i = 0; i < MODEL_PLT_SYMS && p->plt[i].sym; i++)
		if (x->symbol && strcmp(p->plt[i].sym, x->symbol) == 0)
			break;
	if (i == MODEL_PLT_SYMS || !x->symbol)
		return;		/* table full: counted in the total only */
	if (!p->plt[i].sym)
		p->plt[i].sym = strdup(x->symbol);
	p->plt[i].calls++;
}

/* The state of the process or thread an event is about. */
static void model_apply(struct model *m, const struct pt_event *ev)
{
	struct model_proc *p;

	switch (ev->kind) {
	case EV_START:
		m->attach_mode = ev->u.start.attach_mode;
		break;
	case EV_ATTACH:
		p = model_get(m, ev->pid, ev->ts);
		if (!p)
			break;
		p->attached = true;
		if (ev->pid == ev->tid && ev->u.attach.comm) {
			snprintf(p->comm, sizeof(p->comm), "%s", ev->u.attach.comm);
			if (!p->n_execs)
				model_push_exec(p, ev->u.attach.comm);
		}
		model_thread(p, ev->tid);
		/* As after a clone: running until a state event says otherwise. */
		if (ev->pid == ev->tid && p->state == '?')
			model_set_state(p, p->pid, 'R', ev->ts);
		break;
	case EV_CLONE:
		model_ev_clone(m, ev);
		break;
	case EV_EXEC:
		model_ev_exec(m, ev);
		break;
	case EV_EXIT:
		model_ev_exit(m, ev);
		break;
	case EV_REAP:
		model_ev_reap(m, ev);
		break;
	case EV_REPARENT:
		p = model_find(m, ev->pid);
		if (p) {
			p->old_ppid = ev->u.reparent.old_ppid;
			p->ppid = ev->u.reparent.new_ppid;
			p->orphaned = true;
		}
		break;
	case EV_SIGNAL:
		model_ev_signal(m, ev);
		break;
	case EV_CREDS:
		if ((p = model_get(m, ev->pid, ev->ts)))
			p->creds_changed = true;
		break;
	case EV_NS:
		if ((p = model_get(m, ev->pid, ev->ts)))
			p->ns_changed = true;
		break;
	case EV_VMA:
		if (!(p = model_get(m, ev->pid, ev->ts)))
			break;
		if (ev->u.vma.op == VO_SNAPSHOT) {
			p->n_vma_regions = ev->u.vma.n_regions;
			p->vma_wx = false;
		} else if (ev->u.vma.op == VO_MAP) {
			p->n_vma_regions += ev->u.vma.n_regions;
		}
		for (size_t i = 0; i < ev->u.vma.n_regions; i++)
			p->vma_wx |= ev->u.vma.regions[i].wx;
		break;
	case EV_PLT:
		if ((p = model_get(m, ev->pid, ev->ts)))
			model_ev_plt(p, &ev->u.plt);
		break;
	case EV_STATE:
		p = model_find(m, ev->pid);
		if (p && !p->reaped && ev->u.state.to)
			model_set_state(p, ev->tid, ev->u.state.to, ev->ts);
		break;
	case EV_DETACH:
		if ((p = model_find(m, ev->pid)) && ev->pid == ev->tid)
			p->detached = true;
		break;
	case EV_END:
		m->ended = true;
		m->has_code = ev->u.end.has_exit_code;
		m->code = ev->u.end.exit_code;
		break;
	default:
		break;
	}
	if (ev->n_nspid && (p = model_find(m, ev->pid))) {
		p->n_nspid = ev->n_nspid;
		memcpy(p->nspid, ev->nspid, ev->n_nspid * sizeof(pid_t));
	}
}

/* The other process an event line concerns, for the pane's selection filter. */
static pid_t model_other_pid(const struct pt_event *ev)
{
	switch (ev->kind) {
	case EV_CLONE:
		return ev->u.clone.child_pid;
	case EV_REAP:
		return ev->u.reap.child_pid;
	case EV_SIGNAL:
		return ev->u.signal.kind == SK_SEND ? ev->u.signal.target_pid :
						      ev->u.signal.sender_pid;
	case EV_REPARENT:
		return ev->u.reparent.new_ppid;
	default:
		return 0;
	}
}

static void model_add_line(struct model *m, const struct pt_event *ev,
			   const char *s, size_t len)
{
	struct model_line *l;

	if (m->n_lines == MODEL_LINES_MAX) {
		l = &m->lines[m->line_head];
		free(l->text);
		m->line_head = (m->line_head + 1) % MODEL_LINES_MAX;
		m->n_lines--;
		m->lines_dropped++;
	}
	l = &m->lines[(m->line_head + m->n_lines) % MODEL_LINES_MAX];
	l->text = strndup(s, len);
	l->pid = ev->pid;
	l->other = model_other_pid(ev);
	l->kind = ev->kind;
	l->ts = ev->ts;
	l->seq = ev->seq;
	m->n_lines++;
}

/* The text sink's output for ev, split into pane lines. */
static void model_format(struct model *m, const struct pt_event *ev)
{
	const char *s, *nl;
	size_t left;

	text_sink_ops.event(m->text, ev);
	fflush(m->mem);
	s = m->mem_buf;
	left = m->mem_len;
	while (s && left > 0) {
		nl = memchr(s, '\n', left);
		if (!nl)
			nl = s + left;
		model_add_line(m, ev, s, (size_t)(nl - s));
		left -= (size_t)(nl - s) + (nl < s + left ? 1 : 0);
		s = nl + 1;
	}
	/* Overwrite from the start: the stream's size follows the position. */
	fseek(m->mem, 0, SEEK_SET);
}

void model_event(struct model *m, const struct pt_event *ev)
{
	if ((unsigned)ev->kind >= EV_KIND_COUNT)
		return;
	if (ev->ts > m->last_ts)
		m->last_ts = ev->ts;
	m->events = ev->seq + 1;
	model_apply(m, ev);
	model_format(m, ev);
}

static void model_sink_event(void *ctx, const struct pt_event *ev)
{
	model_event(ctx, ev);
}

static void model_sink_flush(void *ctx)
{
	(void)ctx;
}

static int model_sink_close(void *ctx)
{
	(void)ctx;
	return 0;
}

const struct sink_ops model_sink_ops = {
	.name = "model",
	.event = model_sink_event,
	.flush = model_sink_flush,
	.close = model_sink_close,
};

void model_set_ppid(struct model *m, pid_t pid, pid_t ppid)
{
	struct model_proc *p = model_find(m, pid);

	if (p && !p->ppid)
		p->ppid = ppid;
}

size_t model_nprocs(const struct model *m)
{
	return m->n_procs;
}

struct model_proc *model_proc_at(struct model *m, size_t i)
{
	return i < m->n_procs ? &m->procs[i]->p : NULL;
}

uint64_t model_serial(const struct model *m)
{
	return m->serial;
}

static bool model_hidden(const struct model_proc *p, uint64_t now,
			 int64_t keep_gone_ns)
{
	return keep_gone_ns >= 0 && p->reaped &&
	       now > p->reap_ts + (uint64_t)keep_gone_ns;
}

/*
 * The parent's index: the newest record of ppid made before the child, or
 * -1.  Two attached processes were met in no particular order: the newest
 * record of ppid then, whenever made.  The hash chain is newest first.
 */
static long model_parent_index(struct model *m, size_t child)
{
	struct model_node *cn = m->procs[child];
	struct model_proc *c = &cn->p;

	if (!c->ppid || c->ppid == c->pid)
		return -1;
	for (struct model_node *n = m->bucket[(unsigned)c->ppid % MODEL_BUCKETS];
	     n; n = n->hnext)
		if (n != cn && n->p.pid == c->ppid &&
		    (n->p.order < c->order || (c->attached && n->p.attached)))
			return (long)n->idx;
	return -1;
}

static int model_rows_add(struct model *m, size_t *n, struct model_proc *p,
			  int depth, int thread)
{
	if (*n == m->cap_rows) {
		size_t cap = m->cap_rows ? m->cap_rows * 2 : 128;
		struct model_row *r = realloc(m->rows, cap * sizeof(*r));

		if (!r)
			return -1;
		m->rows = r;
		m->cap_rows = cap;
	}
	m->rows[(*n)++] = (struct model_row){ p, depth, thread };
	return 0;
}

/* Push the children of i (a list, newest first) so the oldest pops first. */
static void model_rows_push(long *stack, size_t *sp, const long *first,
			    const long *next, const bool *seen, long i)
{
	for (long c = first[i]; c >= 0; c = next[c])
		if (!seen[c])
			stack[(*sp)++] = c;
}

size_t model_rows(struct model *m, uint64_t now, int64_t keep_gone_ns,
		  struct model_row **rows)
{
	size_t np = m->n_procs, n = 0, sp = 0;
	long *first = malloc(np * sizeof(long) + 1);
	long *next = malloc(np * sizeof(long) + 1);
	long *par = malloc(np * sizeof(long) + 1);
	long *stack = malloc(np * sizeof(long) + 1);
	int *depth = malloc(np * sizeof(int) + 1);
	bool *seen = calloc(np + 1, sizeof(bool));

	*rows = m->rows;
	if (!first || !next || !par || !stack || !depth || !seen)
		goto out;
	for (size_t i = 0; i < np; i++) {
		m->procs[i]->idx = i;
		first[i] = -1;
	}
	/* children lists newest first (each added at the head, oldest first) */
	for (size_t i = 0; i < np; i++) {
		par[i] = model_parent_index(m, i);
		if (par[i] >= 0) {
			next[i] = first[par[i]];
			first[par[i]] = (long)i;
		}
	}
	/*
	 * Depth first from each root in creation order; then whatever was not
	 * reached (a cycle of attached processes) starts a tree of its own.
	 */
	for (size_t r = 0; r < 2 * np; r++) {
		if (seen[r % np] || (r < np && par[r] >= 0))
			continue;
		depth[r % np] = 0;
		stack[sp++] = (long)(r % np);
		while (sp > 0) {
			long i = stack[--sp];
			struct model_proc *p = &m->procs[i]->p;
			int d = depth[i];
			size_t mark = sp;

			if (seen[i])
				continue;
			seen[i] = true;
			if (!model_hidden(p, now, keep_gone_ns)) {
				if (model_rows_add(m, &n, p, d, -1) < 0)
					goto out;
				for (size_t k = 1; p->expanded && k < p->n_threads; k++)
					if (model_rows_add(m, &n, p, d + 1, (int)k) < 0)
						goto out;
				d++;	/* a hidden parent's children take its place */
			}
			model_rows_push(stack, &sp, first, next, seen, i);
			for (size_t k = mark; k < sp; k++)
				depth[stack[k]] = d;
		}
	}
out:
	free(first);
	free(next);
	free(par);
	free(stack);
	free(depth);
	free(seen);
	*rows = m->rows;
	return n;
}

size_t model_lines(struct model *m, struct model_line **lines)
{
	for (size_t i = 0; i < m->n_lines; i++)
		m->flat[i] = m->lines[(m->line_head + i) % MODEL_LINES_MAX];
	*lines = m->flat;
	return m->n_lines;
}

uint64_t model_lines_dropped(const struct model *m)
{
	return m->lines_dropped;
}

void model_counts(struct model *m, struct model_counts *c)
{
	memset(c, 0, sizeof(*c));
	c->gone = m->gone_total;
	for (size_t i = 0; i < m->n_procs; i++) {
		struct model_proc *p = &m->procs[i]->p;

		if (p->reaped)
			continue;
		if (p->exited) {
			c->zombies++;
			continue;
		}
		c->live++;
		if (p->state == 'T' || p->state == 't')
			c->stopped++;
		for (size_t k = 0; k < p->n_threads; k++)
			c->threads += !p->threads[k].gone;
	}
}

uint64_t model_last_ts(const struct model *m)
{
	return m->last_ts;
}

uint64_t model_events(const struct model *m)
{
	return m->events;
}

bool model_ended(const struct model *m, bool *has_code, int *code)
{
	*has_code = m->has_code;
	*code = m->code;
	return m->ended;
}

bool model_attach_mode(const struct model *m)
{
	return m->attach_mode;
}

const char *model_state_word(char state)
{
	static const char *const words[128] = {
		['R'] = "running", ['S'] = "sleeping", ['D'] = "disk",
		['T'] = "stopped", ['t'] = "traced", ['Z'] = "zombie",
		['X'] = "dead", ['I'] = "idle", ['P'] = "parked",
		['W'] = "paging",
	};

	if ((unsigned char)state < 128 && words[(unsigned char)state])
		return words[(unsigned char)state];
	return "unknown";
}
