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

/* The counters' pseudo process (pid 0 is Perfetto's idle task); then ids. */
#define PF_COUNTER_PID 1
#define PF_FIRST_ID 2
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
	int from_pid, from_tid; /* synthetic: the sender's pid may be reused */
	uint64_t from_ts;
	struct pf_pending *next; /* same bucket */
};

/*
 * The synthetic ids of one process record (a process incarnation), drawn
 * from one serial so no two incarnations, and no two threads, share a pid
 * or tid even when the kernel reused them; 0 not drawn yet.
 */
struct pf_ids {
	int pid;
	int *tids; /* of hist->spans[i] */
	size_t n_tids;
};

struct pf_track {
	int pid, tid; /* synthetic */
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
	struct pf_ids *ids; /* by record order */
	size_t n_ids;
	int next_id;
	bool nomem; /* an id table could not grow: the trace is partial */
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

/*
 * p's id table entry, grown as records come; NULL out of memory.  A late
 * record (about a pid already reaped) is drawn on the reaped one's track.
 */
static struct pf_ids *pf_ids_of(struct pf_sink *ps, const struct model_proc *p)
{
	const struct model_proc *prev;
	size_t want;

	if (p->hist->late &&
	    (prev = model_find_before(ps->m, p->pid, p->order)))
		p = prev;
	want = (size_t)p->order + 1;
	if (want > ps->n_ids) {
		size_t n = want > 2 * ps->n_ids ? want : 2 * ps->n_ids;
		struct pf_ids *ids = realloc(ps->ids, n * sizeof(*ids));

		if (!ids) {
			ps->nomem = true;
			return NULL;
		}
		memset(ids + ps->n_ids, 0, (n - ps->n_ids) * sizeof(*ids));
		ps->ids = ids;
		ps->n_ids = n;
	}
	return &ps->ids[p->order];
}

/* The synthetic pid of the incarnation p (also its leader's tid). */
static int pf_spid(struct pf_sink *ps, const struct model_proc *p)
{
	struct pf_ids *ids = pf_ids_of(ps, p);

	if (ids && !ids->pid)
		ids->pid = ps->next_id++;
	return ids ? ids->pid : PF_COUNTER_PID;
}

/* The synthetic tid of p's thread span i; ids drawn in span order. */
static int pf_stid(struct pf_sink *ps, const struct model_proc *p, size_t i)
{
	struct pf_ids *ids = pf_ids_of(ps, p);
	int *tids;

	if (ids && i >= ids->n_tids) {
		tids = realloc(ids->tids, (i + 1) * sizeof(*tids));
		if (!tids) {
			ps->nomem = true;
			return PF_COUNTER_PID;
		}
		for (size_t k = ids->n_tids; k <= i; k++)
			tids[k] = ps->next_id++;
		ids->tids = tids;
		ids->n_tids = i + 1;
	}
	return ids ? ids->tids[i] : PF_COUNTER_PID;
}

/*
 * The track of p's task tid: its newest thread span, else (the leader, a
 * thread never seen begin) the leader's.
 */
static struct pf_track pf_track_of(struct pf_sink *ps,
				   const struct model_proc *p, pid_t tid)
{
	const struct model_history *h = p->hist;
	struct pf_track t = { pf_spid(ps, p), 0 };

	t.tid = t.pid;
	if (tid == p->pid)
		return t;
	for (size_t i = h->n_spans; i-- > 0;)
		if (h->spans[i].tid == tid) {
			t.tid = pf_stid(ps, p, i);
			break;
		}
	return t;
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

/* A complete slice; args: a JSON object's text, or NULL for none. */
static void pf_put_slice(FILE *o, struct pf_track t, uint64_t ts, uint64_t dur,
			 const char *name, const char *cat, const char *args)
{
	fprintf(o, "{\"ph\":\"X\",\"cat\":\"%s\",\"pid\":%d,\"tid\":%d,\"ts\":",
		cat, t.pid, t.tid);
	pf_put_us(o, ts);
	fputs(",\"dur\":", o);
	pf_put_us(o, dur);
	fputs(",\"name\":", o);
	pf_put_str(o, name);
	if (args)
		fprintf(o, ",\"args\":%s", args);
	putc('}', o);
}

/*
 * One end of a flow arrow ("s" start or "f" finish) on a track, over a
 * zero-length slice of the flow's category: Chrome DevTools binds a flow
 * end only to a slice of its category, track and ts, Perfetto to the
 * slice open there ("bp":"e": the enclosing one, not the next).
 */
static void pf_flow(struct pf_sink *ps, char ph, const char *cat,
		    const char *name, unsigned long id, struct pf_track t,
		    uint64_t ts)
{
	FILE *o = pf_begin(ps);

	pf_put_slice(o, t, ts, 0, name, cat, NULL);
	o = pf_begin(ps);
	fprintf(o,
		"{\"ph\":\"%c\",\"name\":\"%s\",\"cat\":\"%s\",\"id\":%lu,\"pid\":%d,\"tid\":%d,\"ts\":",
		ph, cat, cat, id, t.pid, t.tid);
	pf_put_us(o, ts);
	fputs(ph == 'f' ? ",\"bp\":\"e\"}" : "}", o);
}

static void pf_instant(struct pf_sink *ps, struct pf_track t, uint64_t ts,
		       const char *name, const char *cat)
{
	FILE *o = pf_begin(ps);

	fprintf(o,
		"{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"%s\",\"pid\":%d,\"tid\":%d,\"ts\":",
		cat, t.pid, t.tid);
	pf_put_us(o, ts);
	fputs(",\"name\":", o);
	pf_put_str(o, name);
	putc('}', o);
}

/*
 * Finish the flows of signals sig (0: any) waiting for p, arriving at its
 * task tid.
 */
static void pf_flow_arrive(struct pf_sink *ps, const struct model_proc *p,
			   pid_t tid, int sig, uint64_t ts)
{
	pid_t pid = p->pid;
	struct pf_pending **pp = &ps->pend[(unsigned)pid % PF_PEND_BUCKETS], *w;

	while ((w = *pp)) {
		if (w->target == pid && (!sig || w->sig == sig)) {
			pf_flow(ps, 's', "signal", "signal sent", w->id,
				(struct pf_track){ w->from_pid, w->from_tid },
				w->from_ts);
			pf_flow(ps, 'f', "signal", "signal delivered", w->id,
				pf_track_of(ps, p, tid), ts);
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
static void pf_flow_send(struct pf_sink *ps, const struct model_proc *sender,
			 const struct pt_event *ev)
{
	const struct ev_signal *s = &ev->u.signal;
	struct pf_track from = pf_track_of(ps, sender, ev->tid);
	struct pf_pending *w, **head;

	if (s->result != 0 || s->target_pid <= 0 || s->sig <= 0 ||
	    ps->n_pend >= PF_PEND_MAX)
		return;
	if (!pf_live(ps, s->target_pid) || !(w = malloc(sizeof(*w))))
		return;
	head = &ps->pend[(unsigned)s->target_pid % PF_PEND_BUCKETS];
	*w = (struct pf_pending){ s->target_pid, s->sig,   ps->next_flow++,
				  from.pid,	 from.tid, ev->ts,
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
	struct model_proc *parent = model_find(ps->m, ev->pid), *child;
	struct pf_track to;

	if (!parent)
		return;
	if (c->thread) {
		pf_flow(ps, 's', "clone", "clone thread", id,
			pf_track_of(ps, parent, ev->tid), ev->ts);
		pf_flow(ps, 'f', "clone", "thread begins", id,
			pf_track_of(ps, parent, c->child_tid), ev->ts);
		return;
	}
	child = pf_live(ps, c->child_pid);
	if (!child)
		return;
	to.pid = to.tid = pf_spid(ps, child);
	pf_flow(ps, 's', "clone", "fork", id, pf_track_of(ps, parent, ev->tid),
		ev->ts);
	pf_flow(ps, 'f', "clone", "process begins", id, to, ev->ts);
	pf_counter(ps, ev->ts);
}

/* An exit the model has taken in; first_exit: the process's first. */
static void pf_ev_exit(struct pf_sink *ps, const struct pt_event *ev,
		       bool first_exit)
{
	const struct ev_exit *x = &ev->u.exit;
	struct model_proc *p = model_find(ps->m, ev->pid);

	if (!p)
		return;
	if (x->code_known && x->st.signaled)
		pf_flow_arrive(ps, p, ev->tid, x->st.sig, ev->ts);
	if (x->group)
		pf_flow_drop(ps, ev->pid);
	if (first_exit)
		pf_counter(ps, ev->ts);
}

static void pf_ev_signal(struct pf_sink *ps, const struct pt_event *ev)
{
	const struct ev_signal *s = &ev->u.signal;
	struct model_proc *p = model_find(ps->m, ev->pid);
	struct pf_track t;
	char sig[32], name[96];

	if (!p)
		return;
	t = pf_track_of(ps, p, ev->tid);
	decode_signal(sig, sizeof(sig), s->sig);
	switch (s->kind) {
	case SK_SEND:
		snprintf(name, sizeof(name), "%s %s -> %d",
			 event_send_syscall_name(s->syscall) ?: "send", sig,
			 (int)s->target_pid);
		pf_instant(ps, t, ev->ts, name, "signal");
		pf_flow_send(ps, p, ev);
		break;
	case SK_DELIVER:
		snprintf(name, sizeof(name), "%s received", sig);
		pf_instant(ps, t, ev->ts, name, "signal");
		pf_flow_arrive(ps, p, ev->tid, s->sig, ev->ts);
		break;
	case SK_STOP:
		snprintf(name, sizeof(name), "stopped by %s", sig);
		pf_instant(ps, t, ev->ts, name, "signal");
		pf_flow_arrive(ps, p, ev->tid, s->sig, ev->ts);
		break;
	case SK_CONT:
		pf_instant(ps, t, ev->ts, "continued", "signal");
		pf_flow_arrive(ps, p, ev->tid, SIGCONT, ev->ts);
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

/* A slice from ts to end (none before ts: a zero-length one). */
static void pf_slice(struct pf_sink *ps, struct pf_track t, uint64_t ts,
		     uint64_t end, const char *name, const char *cat,
		     const char *args)
{
	pf_put_slice(pf_out(ps), t, ts, end >= ts ? end - ts : 0, name, cat,
		     args);
}

static void pf_meta(struct pf_sink *ps, const char *what, struct pf_track t,
		    const char *key, const char *sval, long ival)
{
	FILE *o = pf_out(ps);

	fprintf(o,
		"{\"ph\":\"M\",\"name\":\"%s\",\"pid\":%d,\"tid\":%d,\"args\":{\"%s\":",
		what, t.pid, t.tid, key);
	if (sval)
		pf_put_str(o, sval);
	else
		fprintf(o, "%ld", ival);
	fputs("}}", o);
}

/* The zombie slice of p, if it has one. */
static void pf_write_zombie(struct pf_sink *ps, const struct model_proc *p,
			    struct pf_track t, uint64_t exit_ts)
{
	uint64_t zs = exit_ts, ze;

	/* Unreaped, no traced parent: reaped outside the trace, no interval */
	if (!p->exited ||
	    !(p->reaped || (p->ppid && model_find(ps->m, p->ppid))))
		return;
	if (p->reaped && p->zombie_ns >= 0 &&
	    (uint64_t)p->zombie_ns <= p->reap_ts) {
		/* The tracer's measure: the slice is exactly zombie_ns. */
		ze = p->reap_ts;
		zs = ze - (uint64_t)p->zombie_ns;
	} else {
		ze = p->reaped ? p->reap_ts : model_last_ts(ps->m);
	}
	pf_slice(ps, t, zs, ze, p->reaped ? "zombie" : "zombie (never reaped)",
		 "zombie", NULL);
}

/*
 * Tracks, slices and metadata of one process, on its incarnation's
 * synthetic pid; the real pid (and tid) is in the names and the args.
 */
static void pf_write_proc(struct pf_sink *ps, const struct model_proc *p,
			  long order)
{
	const struct model_history *h = p->hist;
	uint64_t exit_ts = model_exit_time(p);
	uint64_t end = p->exited ? exit_ts : model_last_ts(ps->m);
	const char *comm = pf_comm(p);
	struct pf_track lead = { pf_spid(ps, p), 0 };
	char name[96], args[64];

	lead.tid = lead.pid;
	snprintf(name, sizeof(name), "%s %d", comm, (int)p->pid);
	pf_meta(ps, "process_name", lead, "name", name, 0);
	pf_meta(ps, "process_sort_index", lead, "sort_index", NULL, order);
	if (p->ppid) {
		snprintf(name, sizeof(name), "parent %d", (int)p->ppid);
		pf_meta(ps, "process_labels", lead, "labels", name, 0);
	}
	pf_meta(ps, "thread_name", lead, "name", comm, 0);
	snprintf(name, sizeof(name), "%s (%d)", comm, (int)p->pid);
	snprintf(args, sizeof(args), "{\"pid\":%d,\"ppid\":%d}", (int)p->pid,
		 (int)p->ppid);
	pf_slice(ps, lead, p->start_ts, end, name, "life", args);
	for (size_t i = 0; i < h->n_images; i++) {
		uint64_t e = i + 1 < h->n_images ? h->images[i + 1].ts : end;

		snprintf(name, sizeof(name), "image %s", h->images[i].name);
		pf_slice(ps, lead, h->images[i].ts, e, name, "exec", NULL);
	}
	pf_write_zombie(ps, p, lead, exit_ts);
	for (size_t i = 0; i < h->n_spans; i++) {
		const struct model_span *t = &h->spans[i];
		struct pf_track thr = { lead.pid, pf_stid(ps, p, i) };

		snprintf(name, sizeof(name), "thread %d", (int)t->tid);
		snprintf(args, sizeof(args), "{\"tid\":%d}", (int)t->tid);
		pf_meta(ps, "thread_name", thr, "name", name, 0);
		pf_slice(ps, thr, t->start_ts, t->ended ? t->end_ts : end, name,
			 "thread", args);
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
			if (p->hist->lived && !p->hist->late)
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
	for (size_t i = 0; i < ps->n_ids; i++)
		free(ps->ids[i].tids);
	free(ps->ids);
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
	struct pf_track counters = { PF_COUNTER_PID, PF_COUNTER_PID };
	int ret = 0, err = 0;

	fputs("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n", ps->out);
	ps->first = true;
	pf_meta(ps, "process_name", counters, "name", "proctrace", 0);
	pf_meta(ps, "process_sort_index", counters, "sort_index", NULL, 0);
	if (pf_write_tree(ps) < 0 || ps->nomem) {
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

void *perfetto_sink_new(FILE *out)
{
	struct pf_sink *ps = calloc(1, sizeof(*ps));

	if (!ps)
		return NULL;
	ps->out = out;
	ps->next_flow = 1;
	ps->next_id = PF_FIRST_ID;
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
	.close = pf_sink_close,
};

void perfetto_sink_discard(void *ctx)
{
	struct pf_sink *ps = ctx;

	fclose(ps->body);
	pf_free(ps);
}
