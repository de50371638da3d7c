/* perfetto.c - a sink that turns the event stream into Chrome trace-event JSON for Perfetto. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "output/perfetto.h"
#include "event/jsonstr.h"

/* The pseudo process that carries the counters. */
#define PF_COUNTER_PID 0
#define PF_NONE ((size_t)-1)
#define PF_PEND_BUCKETS 256
/*
 * Signal flows waiting for their delivery at most: a sender hammering a
 * target that blocks the signal gets instants, and arrows for the first.
 */
#define PF_PEND_MAX 4096

struct pf_image {
	uint64_t ts;
	char *name;
};

struct pf_thread {
	pid_t tid;
	uint64_t start, end;
	bool ended;
};

struct pf_proc {
	pid_t pid, ppid;
	char *comm;
	uint64_t start, exit_ts, reap_ts;
	bool exited, reaped;
	int64_t zombie_ns;
	struct pf_image *imgs;
	size_t n_imgs;
	struct pf_thread *threads;	/* non-leader threads */
	size_t n_threads, cap_threads;
	size_t hnext;			/* same bucket, older (PF_NONE: end) */
};

/*
 * A signal sent and not yet seen arriving.  Both ends of its flow are
 * written at the arrival: a signal never delivered (merged, cancelled by
 * SIGCONT, its target dead first) gets no arrow, only the send's instant.
 */
struct pf_pending {
	pid_t target;
	int sig;
	unsigned long id;
	pid_t from_pid, from_tid;
	uint64_t from_ts;
	struct pf_pending *next;	/* same bucket */
};

struct pf_sink {
	FILE *out;
	FILE *body;		/* instants, flows, counters, in arrival order */
	char *body_buf;
	size_t body_len;
	struct pf_proc *procs;		/* creation order; indexes are stable */
	size_t n_procs, cap_procs;
	size_t *bucket;			/* pid hash: newest record's index */
	size_t n_buckets;
	struct pf_pending *pend[PF_PEND_BUCKETS];	/* by target pid */
	size_t n_pend;
	unsigned long next_flow;
	uint64_t last_ts;
	long live, zombies;
	bool first;		/* no trace event written yet */
};

/* ---- small helpers ---- */

static char *pf_strdup(const char *s)
{
	return strdup(s ? s : "?");
}

/* ts (ns) as the format's microseconds, exactly: "1234.567" */
static void pf_put_us(FILE *out, uint64_t ns)
{
	fprintf(out, "%" PRIu64 ".%03u", ns / 1000, (unsigned)(ns % 1000));
}

static void pf_put_str(FILE *out, const char *s)
{
	jsonstr_write(out, s, strlen(s));
}

/* Separator before each trace event of the body stream. */
static FILE *pf_begin(struct pf_sink *ps)
{
	fputs(",\n", ps->body);
	return ps->body;
}

static size_t pf_hash(const struct pf_sink *ps, pid_t pid)
{
	return (unsigned)pid % ps->n_buckets;
}

/* The index of pid's newest record, or PF_NONE. */
static size_t pf_find_index(const struct pf_sink *ps, pid_t pid)
{
	if (!ps->n_buckets)
		return PF_NONE;
	for (size_t i = ps->bucket[pf_hash(ps, pid)]; i != PF_NONE;
	     i = ps->procs[i].hnext)
		if (ps->procs[i].pid == pid)
			return i;
	return PF_NONE;
}

static struct pf_proc *pf_find(struct pf_sink *ps, pid_t pid)
{
	size_t i = pf_find_index(ps, pid);

	return i == PF_NONE ? NULL : &ps->procs[i];
}

/*
 * Chain record i into the hash.  Chains stay newest first: records are
 * hashed in creation order, each at the head.
 */
static void pf_hash_add(struct pf_sink *ps, size_t i)
{
	size_t b = pf_hash(ps, ps->procs[i].pid);

	ps->procs[i].hnext = ps->bucket[b];
	ps->bucket[b] = i;
}

/* Keep chains short: twice the buckets when they hold two records each. */
static int pf_hash_grow(struct pf_sink *ps)
{
	size_t nb = ps->n_buckets ? ps->n_buckets * 2 : 1024;
	size_t *b = malloc(nb * sizeof(*b));

	if (!b)
		return ps->n_buckets ? 0 : -1;	/* longer chains, still right */
	free(ps->bucket);
	ps->bucket = b;
	ps->n_buckets = nb;
	for (size_t i = 0; i < nb; i++)
		b[i] = PF_NONE;
	for (size_t i = 0; i < ps->n_procs; i++)
		pf_hash_add(ps, i);
	return 0;
}

/*
 * The record of pid, made on first sight.  A pid is reused only after its
 * reap: a reaped record is replaced by a fresh one.
 */
static struct pf_proc *pf_get(struct pf_sink *ps, pid_t pid, uint64_t ts)
{
	struct pf_proc *p = pf_find(ps, pid);

	if (p && !p->reaped)
		return p;
	if (ps->n_procs == ps->cap_procs) {
		size_t cap = ps->cap_procs ? ps->cap_procs * 2 : 64;
		struct pf_proc *n = realloc(ps->procs, cap * sizeof(*n));

		if (!n)
			return NULL;
		ps->procs = n;
		ps->cap_procs = cap;
	}
	if (ps->n_procs >= 2 * ps->n_buckets && pf_hash_grow(ps) < 0)
		return NULL;
	p = &ps->procs[ps->n_procs];
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->start = ts;
	p->zombie_ns = -1;
	pf_hash_add(ps, ps->n_procs++);
	ps->live++;
	return p;
}

static void pf_add_image(struct pf_proc *p, uint64_t ts, const char *name)
{
	struct pf_image *n = realloc(p->imgs, (p->n_imgs + 1) * sizeof(*n));

	if (!n)
		return;
	p->imgs = n;
	p->imgs[p->n_imgs].ts = ts;
	p->imgs[p->n_imgs].name = pf_strdup(name);
	p->n_imgs++;
	free(p->comm);
	p->comm = pf_strdup(name);
}

static void pf_counter(struct pf_sink *ps, uint64_t ts)
{
	FILE *o = pf_begin(ps);

	fprintf(o, "{\"ph\":\"C\",\"name\":\"processes\",\"pid\":%d,\"tid\":%d,\"ts\":",
		PF_COUNTER_PID, PF_COUNTER_PID);
	pf_put_us(o, ts);
	fprintf(o, ",\"args\":{\"live\":%ld,\"zombies\":%ld}}", ps->live,
		ps->zombies);
}

/* One end of a flow arrow ("s" start or "f" finish) on a track. */
static void pf_flow(struct pf_sink *ps, char ph, const char *cat,
		    unsigned long id, pid_t pid, pid_t tid, uint64_t ts)
{
	FILE *o = pf_begin(ps);

	fprintf(o, "{\"ph\":\"%c\",\"name\":\"%s\",\"cat\":\"%s\",\"id\":%lu,\"pid\":%d,\"tid\":%d,\"ts\":",
		ph, cat, cat, id, (int)pid, (int)tid);
	pf_put_us(o, ts);
	fputs(ph == 'f' ? ",\"bp\":\"e\"}" : "}", o);
}

static void pf_instant(struct pf_sink *ps, pid_t pid, pid_t tid, uint64_t ts,
		       const char *name, const char *cat)
{
	FILE *o = pf_begin(ps);

	fprintf(o, "{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"%s\",\"pid\":%d,\"tid\":%d,\"ts\":",
		cat, (int)pid, (int)tid);
	pf_put_us(o, ts);
	fputs(",\"name\":", o);
	pf_put_str(o, name);
	putc('}', o);
}

/* Finish the flows of signals sig (0: any) waiting for pid. */
static void pf_flow_arrive(struct pf_sink *ps, pid_t pid, pid_t tid, int sig,
			   uint64_t ts)
{
	struct pf_pending **pp = &ps->pend[(unsigned)pid % PF_PEND_BUCKETS], *w;

	while ((w = *pp)) {
		if (w->target == pid && (!sig || w->sig == sig)) {
			pf_flow(ps, 's', "signal", w->id, w->from_pid,
				w->from_tid, w->from_ts);
			pf_flow(ps, 'f', "signal", w->id, pid, tid, ts);
			*pp = w->next;
			free(w);
			ps->n_pend--;
		} else {
			pp = &w->next;
		}
	}
}

/* The target of the signals still waiting is gone: they never arrive. */
static void pf_flow_drop(struct pf_sink *ps, pid_t pid)
{
	struct pf_pending **pp = &ps->pend[(unsigned)pid % PF_PEND_BUCKETS], *w;

	while ((w = *pp)) {
		if (w->target == pid) {
			*pp = w->next;
			free(w);
			ps->n_pend--;
		} else {
			pp = &w->next;
		}
	}
}

/*
 * A flow for a successful send, when its end can be drawn: the target has
 * a track (a target outside the trace never gets a delivery event, and its
 * flow would wait forever) and not too many wait already.
 */
static void pf_flow_send(struct pf_sink *ps, const struct pt_event *ev)
{
	const struct ev_signal *s = &ev->u.signal;
	struct pf_proc *q;
	struct pf_pending *w, **head;

	if (s->result != 0 || s->target_pid <= 0 || s->sig <= 0 ||
	    ps->n_pend >= PF_PEND_MAX)
		return;
	q = pf_find(ps, s->target_pid);
	if (!q || q->reaped || !(w = malloc(sizeof(*w))))
		return;
	head = &ps->pend[(unsigned)s->target_pid % PF_PEND_BUCKETS];
	*w = (struct pf_pending){ s->target_pid, s->sig, ps->next_flow++,
				  ev->pid, ev->tid, ev->ts, *head };
	*head = w;
	ps->n_pend++;
}

/* ---- per kind ---- */

static void pf_ev_clone(struct pf_sink *ps, const struct pt_event *ev)
{
	const struct ev_clone *c = &ev->u.clone;
	struct pf_proc *parent = pf_get(ps, ev->pid, ev->ts), *child;
	unsigned long id = ps->next_flow++;

	if (!parent)
		return;
	if (c->thread) {
		struct pf_thread *t = parent->threads;

		if (parent->n_threads == parent->cap_threads) {
			size_t cap = parent->cap_threads ? parent->cap_threads * 2 : 4;

			t = realloc(t, cap * sizeof(*t));
			if (!t)
				return;
			parent->threads = t;
			parent->cap_threads = cap;
		}
		t[parent->n_threads++] = (struct pf_thread){ .tid = c->child_tid,
							     .start = ev->ts };
		pf_flow(ps, 's', "clone", id, ev->pid, ev->tid, ev->ts);
		pf_flow(ps, 'f', "clone", id, ev->pid, c->child_tid, ev->ts);
		return;
	}
	child = pf_get(ps, c->child_pid, ev->ts);
	if (!child)
		return;
	parent = pf_find(ps, ev->pid);	/* pf_get may have moved the array */
	child->ppid = ev->pid;
	pf_add_image(child, ev->ts, parent && parent->comm ? parent->comm : "?");
	pf_flow(ps, 's', "clone", id, ev->pid, ev->tid, ev->ts);
	pf_flow(ps, 'f', "clone", id, c->child_pid, c->child_pid, ev->ts);
	pf_counter(ps, ev->ts);
}

static void pf_ev_exec(struct pf_sink *ps, const struct pt_event *ev)
{
	struct pf_proc *p = pf_get(ps, ev->pid, ev->ts);

	if (p && ev->u.exec.ok) {
		pf_add_image(p, ev->ts, ev->u.exec.comm);
		/* The other threads are gone: exec kills them. */
		for (size_t i = 0; i < p->n_threads; i++)
			if (!p->threads[i].ended) {
				p->threads[i].ended = true;
				p->threads[i].end = ev->ts;
			}
	}
}

static void pf_ev_exit(struct pf_sink *ps, const struct pt_event *ev)
{
	struct pf_proc *p = pf_get(ps, ev->pid, ev->ts);
	const struct ev_exit *x = &ev->u.exit;

	if (!p)
		return;
	if (x->code_known && x->st.signaled)
		pf_flow_arrive(ps, ev->pid, ev->tid, x->st.sig, ev->ts);
	if (x->group)
		pf_flow_drop(ps, ev->pid);
	for (size_t i = 0; i < p->n_threads; i++)
		if (!p->threads[i].ended &&
		    (x->group || p->threads[i].tid == ev->tid)) {
			p->threads[i].ended = true;
			p->threads[i].end = ev->ts;
		}
	if (!x->group || p->exited)
		return;
	p->exited = true;
	p->exit_ts = ev->ts;
	ps->live--;
	ps->zombies++;
	pf_counter(ps, ev->ts);
}

static void pf_ev_reap(struct pf_sink *ps, const struct pt_event *ev)
{
	struct pf_proc *p = pf_find(ps, ev->u.reap.child_pid);

	if (!p || p->reaped)
		return;
	if (!p->exited) {	/* exit not logged (attach): a zombie of unknown start */
		p->exited = true;
		p->exit_ts = ev->u.reap.zombie_ns >= 0 &&
					     (uint64_t)ev->u.reap.zombie_ns <= ev->ts ?
				     ev->ts - (uint64_t)ev->u.reap.zombie_ns :
				     ev->ts;
		ps->live--;
		ps->zombies++;
	}
	p->reaped = true;
	p->reap_ts = ev->ts;
	p->zombie_ns = ev->u.reap.zombie_ns;
	ps->zombies--;
	pf_counter(ps, ev->ts);
}

static void pf_ev_signal(struct pf_sink *ps, const struct pt_event *ev)
{
	const struct ev_signal *s = &ev->u.signal;
	char sig[32], name[96];

	decode_signal(sig, sizeof(sig), s->sig);
	pf_get(ps, ev->pid, ev->ts);
	switch (s->kind) {
	case SK_SEND:
		snprintf(name, sizeof(name), "%s %s -> %d",
			 event_send_syscall_name(s->syscall) ?: "send", sig,
			 (int)s->target_pid);
		pf_instant(ps, ev->pid, ev->tid, ev->ts, name, "signal");
		pf_flow_send(ps, ev);
		break;
	case SK_DELIVER:
		snprintf(name, sizeof(name), "%s received", sig);
		pf_instant(ps, ev->pid, ev->tid, ev->ts, name, "signal");
		pf_flow_arrive(ps, ev->pid, ev->tid, s->sig, ev->ts);
		break;
	case SK_STOP:
		snprintf(name, sizeof(name), "stopped by %s", sig);
		pf_instant(ps, ev->pid, ev->tid, ev->ts, name, "signal");
		pf_flow_arrive(ps, ev->pid, ev->tid, s->sig, ev->ts);
		break;
	case SK_CONT:
		pf_instant(ps, ev->pid, ev->tid, ev->ts, "continued", "signal");
		pf_flow_arrive(ps, ev->pid, ev->tid, SIGCONT, ev->ts);
		break;
	}
}

static void pf_sink_event(void *ctx, const struct pt_event *ev)
{
	struct pf_sink *ps = ctx;
	struct pf_proc *p;

	if (ev->ts > ps->last_ts)
		ps->last_ts = ev->ts;
	switch (ev->kind) {
	case EV_ATTACH:
		p = pf_get(ps, ev->pid, ev->ts);
		if (p && !p->n_imgs && ev->pid == ev->tid) {
			pf_add_image(p, ev->ts, ev->u.attach.comm);
			pf_counter(ps, ev->ts);
		}
		break;
	case EV_CLONE:
		pf_ev_clone(ps, ev);
		break;
	case EV_EXEC:
		pf_ev_exec(ps, ev);
		break;
	case EV_EXIT:
		pf_ev_exit(ps, ev);
		break;
	case EV_REAP:
		pf_ev_reap(ps, ev);
		break;
	case EV_REPARENT:
		p = pf_find(ps, ev->pid);
		if (p)
			p->ppid = ev->u.reparent.new_ppid;
		break;
	case EV_SIGNAL:
		pf_ev_signal(ps, ev);
		break;
	default:
		break;
	}
}

/* ---- writing the trace at close ---- */

static FILE *pf_out(struct pf_sink *ps)
{
	if (!ps->first)
		fputs(",\n", ps->out);
	ps->first = false;
	return ps->out;
}

static void pf_slice(struct pf_sink *ps, pid_t pid, pid_t tid, uint64_t ts,
		     uint64_t dur, const char *name, const char *cat)
{
	FILE *o = pf_out(ps);

	fprintf(o, "{\"ph\":\"X\",\"cat\":\"%s\",\"pid\":%d,\"tid\":%d,\"ts\":",
		cat, (int)pid, (int)tid);
	pf_put_us(o, ts);
	fputs(",\"dur\":", o);
	pf_put_us(o, dur);
	fputs(",\"name\":", o);
	pf_put_str(o, name);
	putc('}', o);
}

static void pf_meta(struct pf_sink *ps, const char *what, pid_t pid, pid_t tid,
		    const char *key, const char *sval, long ival)
{
	FILE *o = pf_out(ps);

	fprintf(o, "{\"ph\":\"M\",\"name\":\"%s\",\"pid\":%d,\"tid\":%d,\"args\":{\"%s\":",
		what, (int)pid, (int)tid, key);
	if (sval)
		pf_put_str(o, sval);
	else
		fprintf(o, "%ld", ival);
	fputs("}}", o);
}

/* Tracks, slices and metadata of one process. */
static void pf_write_proc(struct pf_sink *ps, struct pf_proc *p, long order)
{
	uint64_t end = p->exited ? p->exit_ts : ps->last_ts;
	char name[96];

	snprintf(name, sizeof(name), "%s %d", p->comm ? p->comm : "?", (int)p->pid);
	pf_meta(ps, "process_name", p->pid, p->pid, "name", name, 0);
	pf_meta(ps, "process_sort_index", p->pid, p->pid, "sort_index", NULL, order);
	if (p->ppid) {
		snprintf(name, sizeof(name), "parent %d", (int)p->ppid);
		pf_meta(ps, "process_labels", p->pid, p->pid, "labels", name, 0);
	}
	pf_meta(ps, "thread_name", p->pid, p->pid, "name", p->comm ? p->comm : "?", 0);
	snprintf(name, sizeof(name), "%s (%d)", p->comm ? p->comm : "?", (int)p->pid);
	pf_slice(ps, p->pid, p->pid, p->start, end >= p->start ? end - p->start : 0,
		 name, "life");
	for (size_t i = 0; i < p->n_imgs; i++) {
		uint64_t s = p->imgs[i].ts;
		uint64_t e = i + 1 < p->n_imgs ? p->imgs[i + 1].ts : end;

		snprintf(name, sizeof(name), "image %s", p->imgs[i].name);
		pf_slice(ps, p->pid, p->pid, s, e >= s ? e - s : 0, name, "exec");
	}
	/* Unreaped with no traced parent: reaped outside the trace, no interval. */
	if (p->exited && (p->reaped || (p->ppid && pf_find(ps, p->ppid)))) {
		uint64_t zs = p->exit_ts, zd;

		if (p->reaped && p->zombie_ns >= 0 &&
		    (uint64_t)p->zombie_ns <= p->reap_ts) {
			/* The tracer's measure: the slice is exactly zombie_ns. */
			zd = (uint64_t)p->zombie_ns;
			zs = p->reap_ts - zd;
		} else {
			uint64_t ze = p->reaped ? p->reap_ts : ps->last_ts;

			zd = ze >= zs ? ze - zs : 0;
		}
		pf_slice(ps, p->pid, p->pid, zs, zd,
			 p->reaped ? "zombie" : "zombie (never reaped)", "zombie");
	}
	for (size_t i = 0; i < p->n_threads; i++) {
		struct pf_thread *t = &p->threads[i];
		uint64_t e = t->ended ? t->end : end;

		snprintf(name, sizeof(name), "thread %d", (int)t->tid);
		pf_meta(ps, "thread_name", p->pid, t->tid, "name", name, 0);
		pf_slice(ps, p->pid, t->tid, t->start, e >= t->start ? e - t->start : 0,
			 name, "thread");
	}
}

/*
 * The parent's index: the newest record of ppid made before the child (a
 * later one is a reuse of the pid), or PF_NONE.  Parents come first, so
 * there are no cycles.
 */
static size_t pf_parent(const struct pf_sink *ps, size_t child)
{
	pid_t ppid = ps->procs[child].ppid;

	if (!ppid)
		return PF_NONE;
	for (size_t i = ps->bucket[pf_hash(ps, ppid)]; i != PF_NONE;
	     i = ps->procs[i].hnext)
		if (i < child && ps->procs[i].pid == ppid)
			return i;
	return PF_NONE;
}

/*
 * Parents before their children, depth first, siblings in creation order,
 * so the tracks read as a tree.  An explicit stack: a fork chain is as deep
 * as it is long.  Returns -1 when out of memory (nothing written then).
 */
static int pf_write_tree(struct pf_sink *ps)
{
	size_t n = ps->n_procs, sp = 0;
	size_t *first = malloc((n + 1) * sizeof(size_t));
	size_t *next = malloc((n + 1) * sizeof(size_t));
	size_t *stack = malloc((n + 1) * sizeof(size_t));
	long order = 1;
	int ret = -1;

	if (!first || !next || !stack)
		goto out;
	for (size_t i = 0; i < n; i++)
		first[i] = PF_NONE;
	/* children lists newest first: pushed in that order, the oldest pops first */
	for (size_t i = 0; i < n; i++) {
		size_t par = pf_parent(ps, i);

		next[i] = PF_NONE;
		if (par != PF_NONE) {
			next[i] = first[par];
			first[par] = i;
		}
	}
	for (size_t r = 0; r < n; r++) {
		if (pf_parent(ps, r) != PF_NONE)
			continue;
		stack[sp++] = r;
		while (sp > 0) {
			size_t i = stack[--sp];

			pf_write_proc(ps, &ps->procs[i], order++);
			for (size_t c = first[i]; c != PF_NONE; c = next[c])
				stack[sp++] = c;
		}
	}
	ret = 0;
out:
	free(first);
	free(next);
	free(stack);
	return ret;
}

static void pf_free(struct pf_sink *ps)
{
	for (size_t i = 0; i < ps->n_procs; i++) {
		for (size_t k = 0; k < ps->procs[i].n_imgs; k++)
			free(ps->procs[i].imgs[k].name);
		free(ps->procs[i].imgs);
		free(ps->procs[i].threads);
		free(ps->procs[i].comm);
	}
	free(ps->procs);
	free(ps->bucket);
	for (size_t b = 0; b < PF_PEND_BUCKETS; b++)
		while (ps->pend[b]) {
			struct pf_pending *w = ps->pend[b];

			ps->pend[b] = w->next;
			free(w);
		}
	free(ps->body_buf);
	free(ps);
}

static int pf_sink_close(void *ctx)
{
	struct pf_sink *ps = ctx;
	int ret = 0, err = 0;

	fputs("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n", ps->out);
	ps->first = true;
	pf_meta(ps, "process_name", PF_COUNTER_PID, PF_COUNTER_PID, "name",
		"proctrace", 0);
	pf_meta(ps, "process_sort_index", PF_COUNTER_PID, PF_COUNTER_PID,
		"sort_index", NULL, 0);
	if (pf_write_tree(ps) < 0) {
		ret = -1;
		err = ENOMEM;
	}
	fclose(ps->body);
	if (ps->body_len > 0)
		fwrite(ps->body_buf + (ps->first ? 2 : 0), 1,
		       ps->body_len - (ps->first ? 2 : 0), ps->out);
	fputs("\n]}\n", ps->out);
	if (!ret && (fflush(ps->out) != 0 || ferror(ps->out))) {
		ret = -1;
		err = errno ? errno : EIO;
	}
	pf_free(ps);
	if (ret)
		errno = err;
	return ret;
}

static void pf_sink_flush(void *ctx)
{
	(void)ctx;
}

void *perfetto_sink_new(FILE *out)
{
	struct pf_sink *ps = calloc(1, sizeof(*ps));

	if (!ps)
		return NULL;
	ps->out = out;
	ps->next_flow = 1;
	ps->body = open_memstream(&ps->body_buf, &ps->body_len);
	if (!ps->body) {
		free(ps);
		return NULL;
	}
	return ps;
}

const struct sink_ops perfetto_sink_ops = {
	.name = "perfetto",
	.event = pf_sink_event,
	.flush = pf_sink_flush,
	.close = pf_sink_close,
};

void perfetto_sink_discard(void *ctx)
{
	struct pf_sink *ps = ctx;

	fclose(ps->body);
	pf_free(ps);
}
