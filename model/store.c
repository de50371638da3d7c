/* store.c - the model's records: made, found, forgotten, walked as a tree. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/internal.h"

void model_free_proc(struct model_proc *p)
{
	free(p->exe);
	free(p->argv);
	model_exec_ctx_free(p);
	model_sigstats_free(p);
	for (size_t i = 0; i < p->n_execs; i++)
		free(p->execs[i]);
	free(p->threads);
	for (size_t i = 0; i < MODEL_PLT_SYMS; i++)
		free(p->plt[i].sym);
	if (p->hist)
		model_hist_free(p->hist);
}

void model_clear_lines(struct model *m)
{
	for (size_t i = 0; i < m->n_lines; i++)
		free(m->lines[(m->line_head + i) % MODEL_LINES_MAX].text);
	m->n_lines = 0;
	m->line_head = 0;
	m->lines_dropped = 0;
}

void model_clear(struct model *m)
{
	for (size_t i = 0; i < m->n_procs; i++) {
		model_free_proc(&m->procs[i]->p);
		free(m->procs[i]);
	}
	m->n_procs = 0;
	memset(m->bucket, 0, sizeof(m->bucket));
	m->gone_head = m->gone_tail = NULL;
	m->n_gone = 0;
	m->gone_total = m->serial = m->exited_total = 0;
	m->incomplete = false;
	if (m->lines)
		model_clear_lines(m);
	m->last_ts = m->events = 0;
	m->ended = m->has_code = m->attach_mode = false;
}

struct model *model_new(const struct model_line_ops *line_ops, void *ctx)
{
	struct model *m = calloc(1, sizeof(*m));

	if (!m) {
		if (line_ops)
			line_ops->free_ctx(ctx);
		return NULL;
	}
	m->line_ops = line_ops;
	m->line_ctx = ctx;
	m->lines = calloc(MODEL_LINES_MAX, sizeof(*m->lines));
	m->flat = calloc(MODEL_LINES_MAX, sizeof(*m->flat));
	if (!m->lines || !m->flat) {
		model_free(m);
		return NULL;
	}
	return m;
}

struct model *model_new_keep_all(void)
{
	struct model *m = calloc(1, sizeof(*m));

	if (m)
		m->keep_all = true;
	return m;
}

void model_reset(struct model *m)
{
	model_clear(m);
	/* -r timestamps and the start time start over with the lines. */
	if (m->line_ops)
		m->line_ops->reset(m->line_ctx);
}

void model_free(struct model *m)
{
	if (!m)
		return;
	model_clear(m);
	if (m->line_ops)
		m->line_ops->free_ctx(m->line_ctx);
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
struct model_thread *model_thread(struct model_proc *p, pid_t tid)
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
void model_thread_gone(struct model_proc *p, pid_t tid, uint64_t ts)
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
void model_threads_leader_only(struct model_proc *p)
{
	if (p->n_threads > 1)
		p->n_threads = 1;
}

void model_push_exec(struct model_proc *p, const char *name)
{
	if (p->n_execs == MODEL_EXECS) {
		free(p->execs[0]);
		memmove(p->execs, p->execs + 1,
			(MODEL_EXECS - 1) * sizeof(char *));
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

/* p was just reaped: queue it for freeing (never, in keep-all mode). */
void model_gone_push(struct model *m, struct model_proc *p)
{
	struct model_node *n =
		(struct model_node *)((char *)p -
				      offsetof(struct model_node, p));

	n->gnext = NULL;
	if (m->gone_tail)
		m->gone_tail->gnext = n;
	else
		m->gone_head = n;
	m->gone_tail = n;
	m->n_gone++;
	m->gone_total++;
	if (!m->keep_all)
		model_trim_gone(m);
}

/*
 * The process pid, created on first sight.  A pid is reused only after its
 * reap, so a reaped record is kept (the tree shows it for a while) and a
 * fresh one shadows it.
 */
struct model_proc *model_get(struct model *m, pid_t pid, uint64_t ts)
{
	struct model_proc *old = model_find(m, pid), *p;

	if (old && !old->reaped)
		return old;
	p = model_make(m, pid, ts);
	/* Keep-all: not a new process but a late word of the reaped one. */
	if (p && old && p->hist) {
		p->hist->late = true;
		memcpy(p->hist->name, old->hist->name, sizeof(p->hist->name));
	}
	return p;
}

/* A new record of pid, which shadows any older one. */
struct model_proc *model_make(struct model *m, pid_t pid, uint64_t ts)
{
	struct model_proc *p;
	struct model_node *n;

	if (m->n_procs == m->cap_procs) {
		size_t cap = m->cap_procs ? m->cap_procs * 2 : 64;
		struct model_node **a = realloc(m->procs, cap * sizeof(*a));

		if (!a)
			goto oom;
		m->procs = a;
		m->cap_procs = cap;
	}
	n = calloc(1, sizeof(*n));
	if (!n)
		goto oom;
	p = &n->p;
	if (m->keep_all && !(p->hist = calloc(1, sizeof(*p->hist)))) {
		free(n);
		goto oom;
	}
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
oom:
	m->incomplete = true;
	return NULL;
}

/* tid of p is in state st (a tid not known as p's task: the process row only). */
void model_set_state(struct model_proc *p, pid_t tid, char st, uint64_t ts)
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
void model_set_all(struct model_proc *p, char st, uint64_t ts)
{
	for (size_t i = 0; i < p->n_threads; i++)
		if (!p->threads[i].gone)
			model_set_state(p, p->threads[i].tid, st, ts);
	model_set_state(p, p->pid, st, ts);
}

char **model_copy_strv(const struct ev_strv *sv)
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

struct model_proc *model_find_before(struct model *m, pid_t pid, uint64_t order)
{
	for (struct model_node *n = m->bucket[(unsigned)pid % MODEL_BUCKETS]; n;
	     n = n->hnext)
		if (n->p.pid == pid && n->p.order < order)
			return &n->p;
	return NULL;
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
	for (struct model_node *n =
		     m->bucket[(unsigned)c->ppid % MODEL_BUCKETS];
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
				for (size_t k = 1;
				     p->expanded && k < p->n_threads; k++)
					if (model_rows_add(m, &n, p, d + 1,
							   (int)k) < 0)
						goto out;
				d++; /* a hidden parent's children take its place */
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

bool model_incomplete(const struct model *m)
{
	return m->incomplete;
}

void model_totals(const struct model *m, uint64_t *made, uint64_t *exited,
		  uint64_t *reaped)
{
	*made = m->serial;
	*exited = m->exited_total;
	*reaped = m->gone_total;
}

const char *model_state_word(char state)
{
	static const char *const words[128] = {
		['R'] = "running", ['S'] = "sleeping", ['D'] = "disk",
		['T'] = "stopped", ['t'] = "traced",   ['Z'] = "zombie",
		['X'] = "dead",	   ['I'] = "idle",     ['P'] = "parked",
		['W'] = "paging",
	};

	if ((unsigned char)state < 128 && words[(unsigned char)state])
		return words[(unsigned char)state];
	return "unknown";
}
