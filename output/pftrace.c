/* pftrace.c - the Perfetto protobuf sink: a small live-task table turning events into tracks, slices, instants, flows and counters. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "output/json_sink.h"
#include "output/pid_set.h"
#include "output/pftrace.h"
#include "output/pftrace_internal.h"

#define TASK_BUCKETS 4096
#define COMM_MAX 16

enum { TRACK_LIVE = 1, TRACK_ZOMBIES, TRACK_THREADS, TRACK_FIRST_TASK };

/* A process (leader) or a thread, while it is alive or a zombie. */
struct task {
	struct task *next;
	pid_t tid, pid;
	bool thread;
	bool exited; /* the process is a zombie */
	bool image; /* an exec'd image slice is open */
	char state; /* the open state slice's letter, 0 for none */
	unsigned threads; /* a process's thread tasks */
	uint64_t uuid, state_uuid;
	char comm[COMM_MAX + 1];
};

struct pftrace {
	struct pft_writer *w;
	struct pft_sigmatch *match;
	bool prescanned;
	uint64_t next_uuid, last_ts;
	long live, zombies, threads;
	long counted[3]; /* the counter values last written */
	struct task *bucket[TASK_BUCKETS];
	struct pid_set ended; /* pids whose process track ended (reaped) */
	/* one event as its log line, read back for its fields as args */
	FILE *line;
	char *line_buf;
	size_t line_size;
	void *json;
};

typedef Perfetto__Protos__TrackEvent__Type pft_type;
#define SLICE_BEGIN PERFETTO__PROTOS__TRACK_EVENT__TYPE__TYPE_SLICE_BEGIN
#define SLICE_END PERFETTO__PROTOS__TRACK_EVENT__TYPE__TYPE_SLICE_END
#define INSTANT PERFETTO__PROTOS__TRACK_EVENT__TYPE__TYPE_INSTANT
#define COUNTER PERFETTO__PROTOS__TRACK_EVENT__TYPE__TYPE_COUNTER

/* Flow ids: a clone's and a send's, from their event's seq. */
#define FLOW_CLONE(seq) ((seq) << 1)
#define FLOW_SEND(seq) (((seq) << 1) | 1)

static const struct {
	char letter;
	const char *name;
} state_names[] = {
	{ 'R', "running" }, { 'S', "sleeping" }, { 'D', "disk" },
	{ 'T', "stopped" }, { 't', "traced" },	 { 'Z', "zombie" },
	{ 'X', "dead" },    { 'I', "idle" },	 { 'P', "parked" },
};

static const char *state_name(char letter)
{
	for (size_t i = 0; i < sizeof(state_names) / sizeof(state_names[0]);
	     i++)
		if (state_names[i].letter == letter)
			return state_names[i].name;
	return "other";
}

/* The packet time: the event's, never before the previous packet's
 * (inferred events carry the time they were seen, in log order). */
static uint64_t pft_ts(struct pftrace *p, const struct pt_event *ev)
{
	if (ev->ts > p->last_ts)
		p->last_ts = ev->ts;
	return p->last_ts;
}

static struct task **task_slot(struct pftrace *p, pid_t tid)
{
	struct task **t = &p->bucket[(unsigned)tid % TASK_BUCKETS];

	while (*t && (*t)->tid != tid)
		t = &(*t)->next;
	return t;
}

static struct task *task_find(struct pftrace *p, pid_t tid)
{
	return *task_slot(p, tid);
}

static void slice(struct pftrace *p, pft_type type, uint64_t track,
		  const char *name, uint64_t ts)
{
	struct pft_event e;

	pft_event_begin(p->w, &e, type, track, name);
	pft_event_write(p->w, &e, ts);
}

static void counters_write(struct pftrace *p, uint64_t ts)
{
	const long v[] = { p->live, p->zombies, p->threads };

	for (int i = 0; i < 3; i++) {
		struct pft_event e;

		if (v[i] == p->counted[i])
			continue; /* unchanged: no packet */
		p->counted[i] = v[i];
		pft_event_begin(p->w, &e, COUNTER, TRACK_LIVE + i, NULL);
		e.te.has_counter_value = 1;
		e.te.counter_value = v[i];
		pft_event_write(p->w, &e, ts);
	}
}

static void state_set(struct pftrace *p, struct task *t, char letter,
		      uint64_t ts)
{
	if (t->state == letter)
		return;
	if (t->state)
		slice(p, SLICE_END, t->state_uuid, NULL, ts);
	if (letter)
		slice(p, SLICE_BEGIN, t->state_uuid, state_name(letter), ts);
	t->state = letter;
}

/*
 * A new task and its tracks; its lifetime slice begins, ending the flow
 * from its clone (flow 0: none).  parent: the process it came from, or
 * NULL; a thread's parent is its process.
 */
static struct task *task_begin(struct pftrace *p, pid_t tid, pid_t pid,
			       struct task *parent, bool thread, uint64_t flow,
			       uint64_t ts)
{
	struct task *t = calloc(1, sizeof(*t));
	char name[48];
	struct pft_event e;

	if (!t)
		return NULL;
	t->tid = tid;
	t->pid = pid;
	t->thread = thread;
	t->uuid = p->next_uuid++;
	snprintf(name, sizeof(name), "%s %d", thread ? "thread" : "pid", tid);
	pft_write_track(p->w, ts, t->uuid, parent ? parent->uuid : 0, name,
			false);
	if (!thread) {
		t->state_uuid = p->next_uuid++;
		pft_write_track(p->w, ts, t->state_uuid, t->uuid, "state",
				false);
	}
	pft_event_begin(p->w, &e, SLICE_BEGIN, t->uuid, name);
	if (flow)
		pft_event_terminate(&e, flow);
	pft_event_write(p->w, &e, ts);
	if (thread) {
		parent->threads++;
		p->threads++;
	} else {
		p->live++;
	}
	t->next = *task_slot(p, tid);
	*task_slot(p, tid) = t;
	counters_write(p, ts);
	return t;
}

static void image_end(struct pftrace *p, struct task *t, uint64_t ts)
{
	if (t->image)
		slice(p, SLICE_END, t->uuid, NULL, ts);
	t->image = false;
}

static void task_unlink(struct pftrace *p, struct task *t)
{
	struct task **s = task_slot(p, t->tid);

	*s = t->next;
	free(t);
}

static void thread_end(struct pftrace *p, struct task *t, uint64_t ts)
{
	struct task *proc = task_find(p, t->pid);

	slice(p, SLICE_END, t->uuid, NULL, ts);
	if (proc && !proc->thread && proc->threads)
		proc->threads--;
	p->threads--;
	task_unlink(p, t);
	counters_write(p, ts);
}

/* End the threads of a process that is gone (their exits were not seen). */
static void threads_sweep(struct pftrace *p, struct task *proc, uint64_t ts)
{
	for (size_t i = 0; i < TASK_BUCKETS && proc->threads; i++) {
		struct task *t = p->bucket[i], *next;

		for (; t; t = next) {
			next = t->next;
			if (t->thread && t->pid == proc->pid)
				thread_end(p, t, ts);
		}
	}
}

/* The process becomes a zombie: its image ends, its zombie slice begins. */
static void process_exit(struct pftrace *p, struct task *t, uint64_t ts)
{
	if (t->exited)
		return;
	threads_sweep(p, t, ts);
	image_end(p, t, ts);
	state_set(p, t, 'Z', ts);
	slice(p, SLICE_BEGIN, t->uuid, "zombie", ts);
	t->exited = true;
	p->live--;
	p->zombies++;
	counters_write(p, ts);
}

/* The process is gone (reaped, detached, or the trace ended). */
static void process_end(struct pftrace *p, struct task *t, uint64_t ts)
{
	threads_sweep(p, t, ts);
	image_end(p, t, ts);
	state_set(p, t, 0, ts);
	if (t->exited) {
		slice(p, SLICE_END, t->uuid, NULL, ts); /* the zombie slice */
		p->zombies--;
	} else {
		p->live--;
	}
	slice(p, SLICE_END, t->uuid, NULL, ts); /* the lifetime */
	/* out of memory: a late record may then open a track of its own */
	(void)pid_set_add(&p->ended, t->pid);
	task_unlink(p, t);
	counters_write(p, ts);
}

static void task_end(struct pftrace *p, struct task *t, uint64_t ts)
{
	if (t->thread)
		thread_end(p, t, ts);
	else
		process_end(p, t, ts);
}

/*
 * The process of pid; one first seen here (the traced command, an attached
 * process) begins now, without a parent.  NULL for a pid whose process was
 * reaped: a late record (an inferred clone by a parent already gone) is no
 * new incarnation; a reused pid begins at its own clone.
 */
static struct task *process_of(struct pftrace *p, pid_t pid, uint64_t ts)
{
	struct task *t = task_find(p, pid);

	if (t && t->thread) /* a stale thread under a reused pid */
		thread_end(p, t, ts), t = NULL;
	if (!t && pid_set_has(&p->ended, pid))
		return NULL;
	return t ? t : task_begin(p, pid, pid, NULL, false, 0, ts);
}

/* The track an event of (pid, tid) goes on: its thread's, or its process's. */
static struct task *task_of(struct pftrace *p, const struct pt_event *ev,
			    uint64_t ts)
{
	struct task *t = ev->tid && ev->tid != ev->pid ? task_find(p, ev->tid) :
							 NULL;

	return t && t->thread && t->pid == ev->pid ? t :
						     process_of(p, ev->pid, ts);
}

/* ---- an event's fields as args: its log line, parsed back ---- */

static const char *const skipped_keys[] = { "seq", "ts", "ev", "pid", "tid" };

static bool key_skipped(const char *key)
{
	for (size_t i = 0; i < sizeof(skipped_keys) / sizeof(*skipped_keys);
	     i++)
		if (!strcmp(key, skipped_keys[i]))
			return true;
	return false;
}

/* The event's log line as JSON (put it after the event is written). */
static json_object *event_json(struct pftrace *p, const struct pt_event *ev)
{
	struct json_tokener *tok;
	json_object *o;
	off_t len;

	if (!p->line || fseeko(p->line, 0, SEEK_SET))
		return NULL;
	json_sink_ops.event(p->json, ev);
	if (fflush(p->line) || (len = ftello(p->line)) <= 0)
		return NULL;
	tok = json_tokener_new();
	if (!tok)
		return NULL;
	o = json_tokener_parse_ex(tok, p->line_buf, (int)len);
	json_tokener_free(tok);
	return o;
}

static void args_from_json(struct pftrace *p, struct pft_event *e,
			   json_object *o)
{
	if (!o || !json_object_is_type(o, json_type_object))
		return;
	json_object_object_foreach(o, key, val)
	{
		if (key_skipped(key) || !val)
			continue;
		switch (json_object_get_type(val)) {
		case json_type_string:
			pft_arg_str(p->w, e, key, json_object_get_string(val));
			break;
		case json_type_int:
			pft_arg_int(p->w, e, key, json_object_get_int64(val));
			break;
		case json_type_boolean:
			pft_arg_bool(p->w, e, key,
				     json_object_get_boolean(val));
			break;
		default:
			pft_arg_json(p->w, e, key,
				     json_object_to_json_string_ext(
					     val, JSON_C_TO_STRING_PLAIN));
			break;
		}
	}
}

/* An instant on the event's track, with the event's fields as args. */
static void instant(struct pftrace *p, const struct pt_event *ev,
		    const char *name, uint64_t flow, const uint64_t *ends,
		    size_t n_ends)
{
	uint64_t ts = pft_ts(p, ev);
	struct task *t = task_of(p, ev, ts);
	json_object *o = event_json(p, ev);
	struct pft_event e;

	if (!t)
		goto out;
	pft_event_begin(p->w, &e, INSTANT, t->uuid, name);
	args_from_json(p, &e, o);
	if (flow)
		pft_event_flow(&e, flow);
	for (size_t i = 0; i < n_ends; i++)
		pft_event_terminate(&e, FLOW_SEND(ends[i]));
	pft_event_write(p->w, &e, ts);
out:
	json_object_put(o);
}

static void on_instant(struct pftrace *p, const struct pt_event *ev)
{
	instant(p, ev, event_kind_name(ev->kind), 0, NULL, 0);
}

static void on_start(struct pftrace *p, const struct pt_event *ev)
{
	static const char *const names[] = { "live processes", "zombies",
					     "threads" };

	pft_write_clock(p->w, ev->u.start.realtime_ns);
	for (int i = 0; i < 3; i++) {
		pft_write_track(p->w, pft_ts(p, ev), TRACK_LIVE + i, 0,
				names[i], true);
		p->counted[i] = -1; /* the first value is written */
	}
	counters_write(p, pft_ts(p, ev));
}

static void on_attach(struct pftrace *p, const struct pt_event *ev)
{
	struct task *t;

	pid_set_remove(&p->ended, ev->pid); /* an attach always begins one */
	t = process_of(p, ev->pid, pft_ts(p, ev));

	if (t && ev->u.attach.comm)
		snprintf(t->comm, sizeof(t->comm), "%s", ev->u.attach.comm);
}

static void on_clone(struct pftrace *p, const struct pt_event *ev)
{
	const struct ev_clone *c = &ev->u.clone;
	uint64_t ts = pft_ts(p, ev);
	struct task *proc = process_of(p, ev->pid, ts), *stale, *child;
	pid_t tid = c->thread ? c->child_tid : c->child_pid;

	/* A parent already reaped (an inferred clone): no arrow, no parent. */
	if (!proc && c->thread)
		return;
	/* A pid (or tid) taken again before its end was seen: a new task. */
	stale = task_find(p, tid);
	if (stale)
		task_end(p, stale, ts);
	if (proc)
		instant(p, ev, c->thread ? "thread" : "clone",
			FLOW_CLONE(ev->seq), NULL, 0);
	child = task_begin(p, tid, c->thread ? ev->pid : c->child_pid, proc,
			   c->thread, proc ? FLOW_CLONE(ev->seq) : 0, ts);
	if (!child || c->thread || !proc || !proc->image)
		return;
	/* A forked child runs its parent's image until it execs. */
	memcpy(child->comm, proc->comm, sizeof(child->comm));
	slice(p, SLICE_BEGIN, child->uuid, child->comm, ts);
	child->image = true;
}

static void on_exec(struct pftrace *p, const struct pt_event *ev)
{
	const struct ev_exec *x = &ev->u.exec;
	uint64_t ts = pft_ts(p, ev);
	struct task *t = process_of(p, ev->pid, ts), *old;
	json_object *o;
	struct pft_event e;

	if (!x->ok) {
		instant(p, ev, "exec failed", 0, NULL, 0);
		return;
	}
	if (!t)
		return;
	/* A thread that exec'd became the leader: its thread is gone. */
	old = x->old_tid ? task_find(p, x->old_tid) : NULL;
	if (old && old->thread)
		thread_end(p, old, ts);
	image_end(p, t, ts);
	snprintf(t->comm, sizeof(t->comm), "%s", x->comm ? x->comm : "?");
	o = event_json(p, ev);
	pft_event_begin(p->w, &e, SLICE_BEGIN, t->uuid, t->comm);
	args_from_json(p, &e, o);
	pft_event_write(p->w, &e, ts);
	json_object_put(o);
	t->image = true;
}

static void on_task_exit(struct pftrace *p, const struct pt_event *ev)
{
	uint64_t ts = pft_ts(p, ev);
	struct task *t = ev->tid ? task_find(p, ev->tid) : NULL;

	if (t && t->thread)
		thread_end(p, t, ts);
	if (ev->u.exit.group) {
		t = process_of(p, ev->pid, ts);
		if (t)
			process_exit(p, t, ts);
	}
}

static void on_reap(struct pftrace *p, const struct pt_event *ev)
{
	struct task *t = task_find(p, ev->u.reap.child_pid);

	if (t && !t->thread)
		process_end(p, t, pft_ts(p, ev));
}

static void on_detach(struct pftrace *p, const struct pt_event *ev)
{
	struct task *t = task_find(p, ev->pid);

	if (t && !t->thread)
		process_end(p, t, pft_ts(p, ev));
}

static void on_signal(struct pftrace *p, const struct pt_event *ev)
{
	const struct ev_signal *s = &ev->u.signal;
	uint64_t ends[PFT_FLOWS_MAX], flow = 0;
	size_t n_ends = pft_sigmatch_feed(p->match, ev, ends);
	char sig[32], name[64];
	struct task *t;

	decode_signal(sig, sizeof(sig), s->sig);
	snprintf(name, sizeof(name), "%s %s", event_sig_kind_name(s->kind),
		 sig);
	if (!p->prescanned)
		n_ends = 0; /* their sends drew no flow */
	if (s->kind == SK_SEND && pft_sigmatch_delivered(p->match, ev->seq))
		flow = FLOW_SEND(ev->seq);
	instant(p, ev, name, flow, ends, n_ends);
	if (s->kind != SK_STOP && s->kind != SK_CONT)
		return;
	t = process_of(p, ev->pid, pft_ts(p, ev));
	if (t && !t->exited)
		state_set(p, t, s->kind == SK_STOP ? 'T' : 'R', pft_ts(p, ev));
}

static void on_state(struct pftrace *p, const struct pt_event *ev)
{
	uint64_t ts = pft_ts(p, ev);
	struct task *t = process_of(p, ev->pid, ts);

	if (t && !t->exited)
		state_set(p, t, ev->u.state.to, ts);
}

/* The trace ends: every open slice ends with it. */
static void on_end(struct pftrace *p, const struct pt_event *ev)
{
	uint64_t ts = pft_ts(p, ev);

	for (size_t i = 0; i < TASK_BUCKETS; i++)
		while (p->bucket[i])
			task_end(p, p->bucket[i], ts);
}

typedef void pft_handler(struct pftrace *p, const struct pt_event *ev);

static pft_handler *const handlers[EV_KIND_COUNT] = {
	[EV_START] = on_start,	    [EV_ATTACH] = on_attach,
	[EV_CLONE] = on_clone,	    [EV_EXEC] = on_exec,
	[EV_EXIT] = on_task_exit,   [EV_REAP] = on_reap,
	[EV_REPARENT] = on_instant, [EV_SIGNAL] = on_signal,
	[EV_CREDS] = on_instant,    [EV_NS] = on_instant,
	[EV_VMA] = on_instant,	    [EV_PLT] = on_instant,
	[EV_STATE] = on_state,	    [EV_DETACH] = on_detach,
	[EV_END] = on_end,	    [EV_NOTICE] = on_instant,
};

static void pftrace_event(void *ctx, const struct pt_event *ev)
{
	struct pftrace *p = ctx;

	/* on_signal feeds the matcher itself: it needs the delivery's sends. */
	if (ev->kind != EV_SIGNAL)
		pft_sigmatch_feed(p->match, ev, NULL);
	if ((unsigned)ev->kind < EV_KIND_COUNT && handlers[ev->kind])
		handlers[ev->kind](p, ev);
}

void pftrace_sink_prescan(void *ctx, const struct pt_event *ev)
{
	struct pftrace *p = ctx;
	uint64_t ends[PFT_FLOWS_MAX];

	pft_sigmatch_feed(p->match, ev, ends);
}

void pftrace_sink_prescan_done(void *ctx)
{
	struct pftrace *p = ctx;

	pft_sigmatch_rewind(p->match);
	p->prescanned = true;
}

void *pftrace_sink_new(FILE *out)
{
	struct pftrace *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->next_uuid = TRACK_FIRST_TASK;
	p->w = pft_writer_new(out);
	p->match = pft_sigmatch_new();
	p->line = open_memstream(&p->line_buf, &p->line_size);
	p->json = p->line ? json_sink_new(p->line, false) : NULL;
	if (!p->w || !p->match || !p->json) {
		pftrace_sink_discard(p);
		return NULL;
	}
	return p;
}

/* Nothing held back: every packet goes to the FILE as it is made. */
static void pftrace_flush(void *ctx)
{
	(void)ctx;
}

static int pftrace_free(struct pftrace *p)
{
	int r = 0, err = 0;

	for (size_t i = 0; i < TASK_BUCKETS; i++)
		while (p->bucket[i])
			task_unlink(p, p->bucket[i]);
	if (p->json)
		json_sink_ops.close(p->json);
	if (p->line)
		fclose(p->line);
	free(p->line_buf);
	pid_set_free(&p->ended);
	pft_sigmatch_free(p->match);
	if (p->w && pft_writer_free(p->w) < 0) {
		r = -1;
		err = errno;
	}
	free(p);
	errno = err;
	return r;
}

static int pftrace_close(void *ctx)
{
	return pftrace_free(ctx);
}

void pftrace_sink_discard(void *ctx)
{
	pftrace_free(ctx);
}

const struct sink_ops pftrace_sink_ops = {
	.name = "pftrace",
	.event = pftrace_event,
	.flush = pftrace_flush,
	.close = pftrace_close,
};
