/* perfetto.c - a sink that turns the event stream into Chrome trace-event JSON for Perfetto. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "model/model.h"
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
	struct pf_pending *next; /* same bucket */
};

/*
 * The processes are a keep-all model's records, read at close; what is
 * written as it comes (instants, flows, counters) waits in body.
 */
struct pf_sink {
	FILE *out;
	struct model *m;
	FILE *body; /* instants, flows, counters, in arrival order */
	char *body_buf;
	size_t body_len;
	struct pf_pending *pend[PF_PEND_BUCKETS]; /* by target pid */
	size_t n_pend;
	unsigned long next_flow;
	bool first; /* no trace event written yet */
};

/* ---- small helpers ---- */

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

/* The record of pid if it is not reaped, else NULL. */
static struct model_proc *pf_live(struct pf_sink *ps, pid_t pid)
{
	struct model_proc *p = model_find(ps->m, pid);

	return p && !p->reaped ? p : NULL;
}

/* The name of the image p runs now, "?" before any. */
static const char *pf_comm(const struct model_proc *p)
{
	const struct model_history *h = p->hist;

	return h->n_images ? h->images[h->n_images - 1].name : "?";
}

static void pf_counter(struct pf_sink *ps, uint64_t ts)
{
	FILE *o = pf_begin(ps);
	uint64_t made, exited, reaped;

	model_totals(ps->m, &made, &exited, &reaped);
	fprintf(o,
		"{\"ph\":\"C\",\"name\":\"processes\",\"pid\":%d,\"tid\":%d,\"ts\":",
		PF_COUNTER_PID, PF_COUNTER_PID);
	pf_put_us(o, ts);
	fprintf(o, ",\"args\":{\"live\":%ld,\"zombies\":%ld}}",
		(long)(made - exited), (long)(exited - reaped));
}

/* One end of a flow arrow ("s" start or "f" finish) on a track. */
static void pf_flow(struct pf_sink *ps, char ph, const char *cat,
		    unsigned long id, pid_t pid, pid_t tid, uint64_t ts)
{
	FILE *o = pf_begin(ps);

	fprintf(o,
		"{\"ph\":\"%c\",\"name\":\"%s\",\"cat\":\"%s\",\"id\":%lu,\"pid\":%d,\"tid\":%d,\"ts\":",
		ph, cat, cat, id, (int)pid, (int)tid);
	pf_put_us(o, ts);
	fputs(ph == 'f' ? ",\"bp\":\"e\"}" : "}", o);
}

static void pf_instant(struct pf_sink *ps, pid_t pid, pid_t tid, uint64_t ts,
		       const char *name, const char *cat)
{
	FILE *o = pf_begin(ps);

	fprintf(o,
		"{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"%s\",\"pid\":%d,\"tid\":%d,\"ts\":",
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
	struct pf_pending *w, **head;

	if (s->result != 0 || s->target_pid <= 0 || s->sig <= 0 ||
	    ps->n_pend >= PF_PEND_MAX)
		return;
	if (!pf_live(ps, s->target_pid) || !(w = malloc(sizeof(*w))))
		return;
	head = &ps->pend[(unsigned)s->target_pid % PF_PEND_BUCKETS];
	*w = (struct pf_pending){ s->target_pid, s->sig,  ps->next_flow++,
				  ev->pid,	 ev->tid, ev->ts,
				  *head };
	*head = w;
	ps->n_pend++;
}

/* ---- per kind ---- */

/* Flows parent -> child of a clone the model has taken in. */
static void pf_ev_clone(struct pf_sink *ps, const struct pt_event *ev)
{
	const struct ev_clone *c = &ev->u.clone;
	unsigned long id = ps->next_flow++;

	if (!model_find(ps->m, ev->pid))
		return;
	if (c->thread) {
		pf_flow(ps, 's', "clone", id, ev->pid, ev->tid, ev->ts);
		pf_flow(ps, 'f', "clone", id, ev->pid, c->child_tid, ev->ts);
		return;
	}
	if (!pf_live(ps, c->child_pid))
		return;
	pf_flow(ps, 's', "clone", id, ev->pid, ev->tid, ev->ts);
	pf_flow(ps, 'f', "clone", id, c->child_pid, c->child_pid, ev->ts);
	pf_counter(ps, ev->ts);
}

/* An exit the model has taken in; first_exit: the process's first. */
static void pf_ev_exit(struct pf_sink *ps, const struct pt_event *ev,
		       bool first_exit)
{
	const struct ev_exit *x = &ev->u.exit;

	if (!model_find(ps->m, ev->pid))
		return;
	if (x->code_known && x->st.signaled)
		pf_flow_arrive(ps, ev->pid, ev->tid, x->st.sig, ev->ts);
	if (x->group)
		pf_flow_drop(ps, ev->pid);
	if (first_exit)
		pf_counter(ps, ev->ts);
}

static void pf_ev_signal(struct pf_sink *ps, const struct pt_event *ev)
{
	const struct ev_signal *s = &ev->u.signal;
	char sig[32], name[96];

	decode_signal(sig, sizeof(sig), s->sig);
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

/*
 * Whether ev, once in the model, gives its process its first image (an
 * attach) or its first exit, or reaps a record: those move the counters.
 */
static bool pf_moves_counters(struct pf_sink *ps, const struct pt_event *ev)
{
	struct model_proc *p;

	switch (ev->kind) {
	case EV_ATTACH:
		p = pf_live(ps, ev->pid);
		return ev->pid == ev->tid && (!p || !p->hist->n_images);
	case EV_EXIT:
		p = pf_live(ps, ev->pid);
		return ev->u.exit.group && (!p || !p->exited);
	case EV_REAP:
		return pf_live(ps, ev->u.reap.child_pid) != NULL;
	default:
		return false;
	}
}

static void pf_sink_event(void *ctx, const struct pt_event *ev)
{
	struct pf_sink *ps = ctx;
	bool counters = pf_moves_counters(ps, ev);

	model_event(ps->m, ev);
	switch (ev->kind) {
	case EV_ATTACH:
	case EV_REAP:
		if (counters)
			pf_counter(ps, ev->ts);
		break;
	case EV_CLONE:
		pf_ev_clone(ps, ev);
		break;
	case EV_EXIT:
		pf_ev_exit(ps, ev, counters);
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

	fprintf(o,
		"{\"ph\":\"M\",\"name\":\"%s\",\"pid\":%d,\"tid\":%d,\"args\":{\"%s\":",
		what, (int)pid, (int)tid, key);
	if (sval)
		pf_put_str(o, sval);
	else
		fprintf(o, "%ld", ival);
	fputs("}}", o);
}

/* The zombie slice of p, if it has one. */
static void pf_write_zombie(struct pf_sink *ps, const struct model_proc *p,
			    uint64_t exit_ts)
{
	uint64_t zs = exit_ts, zd;

	/* Unreaped with no traced parent: reaped outside the trace, no interval. */
	if (!p->exited ||
	    !(p->reaped || (p->ppid && model_find(ps->m, p->ppid))))
		return;
	if (p->reaped && p->zombie_ns >= 0 &&
	    (uint64_t)p->zombie_ns <= p->reap_ts) {
		/* The tracer's measure: the slice is exactly zombie_ns. */
		zd = (uint64_t)p->zombie_ns;
		zs = p->reap_ts - zd;
	} else {
		uint64_t ze = p->reaped ? p->reap_ts : model_last_ts(ps->m);

		zd = ze >= zs ? ze - zs : 0;
	}
	pf_slice(ps, p->pid, p->pid, zs, zd,
		 p->reaped ? "zombie" : "zombie (never reaped)", "zombie");
}

/* Tracks, slices and metadata of one process. */
static void pf_write_proc(struct pf_sink *ps, const struct model_proc *p,
			  long order)
{
	const struct model_history *h = p->hist;
	uint64_t exit_ts = model_exit_time(p);
	uint64_t end = p->exited ? exit_ts : model_last_ts(ps->m);
	const char *comm = pf_comm(p);
	char name[96];

	snprintf(name, sizeof(name), "%s %d", comm, (int)p->pid);
	pf_meta(ps, "process_name", p->pid, p->pid, "name", name, 0);
	pf_meta(ps, "process_sort_index", p->pid, p->pid, "sort_index", NULL,
		order);
	if (p->ppid) {
		snprintf(name, sizeof(name), "parent %d", (int)p->ppid);
		pf_meta(ps, "process_labels", p->pid, p->pid, "labels", name,
			0);
	}
	pf_meta(ps, "thread_name", p->pid, p->pid, "name", comm, 0);
	snprintf(name, sizeof(name), "%s (%d)", comm, (int)p->pid);
	pf_slice(ps, p->pid, p->pid, p->start_ts,
		 end >= p->start_ts ? end - p->start_ts : 0, name, "life");
	for (size_t i = 0; i < h->n_images; i++) {
		uint64_t s = h->images[i].ts;
		uint64_t e = i + 1 < h->n_images ? h->images[i + 1].ts : end;

		snprintf(name, sizeof(name), "image %s", h->images[i].name);
		pf_slice(ps, p->pid, p->pid, s, e >= s ? e - s : 0, name,
			 "exec");
	}
	pf_write_zombie(ps, p, exit_ts);
	for (size_t i = 0; i < h->n_spans; i++) {
		const struct model_span *t = &h->spans[i];
		uint64_t e = t->ended ? t->end_ts : end;

		snprintf(name, sizeof(name), "thread %d", (int)t->tid);
		pf_meta(ps, "thread_name", p->pid, t->tid, "name", name, 0);
		pf_slice(ps, p->pid, t->tid, t->start_ts,
			 e >= t->start_ts ? e - t->start_ts : 0, name,
			 "thread");
	}
}

/*
 * The parent's index: the newest record of ppid made before the child (a
 * later one is a reuse of the pid), or PF_NONE.  Parents come first, so
 * there are no cycles.  In a keep-all model a record's order is its index.
 */
static size_t pf_parent(struct pf_sink *ps, size_t child)
{
	struct model_proc *c = model_proc_at(ps->m, child), *parent;

	if (!c->ppid)
		return PF_NONE;
	parent = model_find_before(ps->m, c->ppid, c->order);
	return parent ? (size_t)parent->order : PF_NONE;
}

/*
 * Parents before their children, depth first, siblings in creation order,
 * so the tracks read as a tree.  An explicit stack: a fork chain is as deep
 * as it is long.  Returns -1 when out of memory (nothing written then).
 */
static int pf_write_tree(struct pf_sink *ps)
{
	size_t n = model_nprocs(ps->m), sp = 0;
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
			const struct model_proc *p = model_proc_at(ps->m, i);

			/* A child only seen reaped (untraced) gets no track. */
			if (p->hist->lived)
				pf_write_proc(ps, p, order++);
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
	model_free(ps->m);
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
	ps->m = model_new_keep_all();
	ps->body = open_memstream(&ps->body_buf, &ps->body_len);
	if (!ps->body || !ps->m) {
		if (ps->body)
			fclose(ps->body);
		model_free(ps->m);
		free(ps->body_buf);
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
