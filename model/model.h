/* model.h - the one event-fed process store: read by the TUI, the summary and the export. */
#ifndef PROCTRACE_MODEL_H
#define PROCTRACE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "event/event.h"
#include "event/sink.h"

/*
 * One model serves the live trace and a replay: it learns only from events
 * (clone, exec, exit, reap, reparent, signal, state, ...), never from the
 * tracer's tables.  The view reads it and keeps its own selection; the one
 * view hint stored here is whether a process row is expanded (as htop keeps
 * it in its Process).  In keep-all mode (the --summary sink, the export)
 * nothing is forgotten and each record also keeps its whole history
 * (struct model_history).
 */

#define MODEL_SIGS 8 /* recent signals kept per process */
#define MODEL_EXECS 8 /* exec history kept per process */
#define MODEL_PLT_SYMS 8 /* PLT symbols counted per process */
/*
 * Reaped records kept (the tree shows them a while, or all with "g"): past
 * this the oldest are freed, so a fork loop leaves the model bounded by the
 * live processes plus this.
 */
#define MODEL_GONE_MAX 1024

struct model_thread {
	pid_t tid;
	char state; /* R S D T t Z X, '?' unknown */
	uint64_t state_ts;
	bool gone; /* only the leader is kept once gone */
};

struct model_sig {
	uint64_t ts;
	enum sig_kind kind;
	int sig;
	bool sent; /* this process sent it (else received) */
	pid_t other; /* the target or the sender, 0 unknown */
};

/* Signal sig as counted for one process (model_sigcount). */
struct model_sigcount {
	unsigned long sent_by; /* sends by this process (that succeeded) */
	unsigned long sent_to; /* sends to it (by traced senders) */
	unsigned long delivered; /* delivery stops of it */
};
#define MODEL_NSIG 65 /* signals 1..64 */
struct model_sigstats;

struct model_plt {
	char *sym;
	unsigned long calls;
};

/* An image the process ran, from when (the fork, the exec, the attach). */
struct model_image {
	uint64_t ts;
	char *name; /* the comm, "?" unknown */
};

/* A thread other than the leader, from its clone to its end. */
struct model_span {
	pid_t tid;
	uint64_t start_ts, end_ts;
	bool ended;
};

/*
 * What keep-all mode keeps besides the view's fields, unbounded: every
 * image, every thread incarnation in clone order, every PLT symbol.
 */
struct model_history {
	/* as the summary names it: the last exec or attach (of any task) */
	char name[16]; /* TASK_COMM_LEN; "" until known */
	bool exit_seen; /* an exit event came (else exit_ts from the reap) */
	/*
	 * An attach, clone (either side), exec, exit or signal event was about
	 * it: a process the export draws (not one only reaped, unseen).
	 */
	bool lived;
	/*
	 * Made by an event about a pid already reaped and not begun again (an
	 * inferred clone by a parent killed meanwhile): the summary counts it
	 * to the reaped record; it has that record's name.
	 */
	bool late;
	struct model_image *images;
	size_t n_images, cap_images;
	struct model_span *spans;
	size_t n_spans, cap_spans;
	struct model_plt *plt; /* a NULL symbol is counted as "?" */
	size_t n_plt, cap_plt;
};

/* The context of the last exec (exec event fields), as text for views. */
struct model_exec_ctx {
	char *cwd, *interpreter, *cmdline; /* NULL: not known */
	char *env; /* "+FOO -HOME ~PATH", NULL: no diff */
	char *fds, *fds_closed; /* "7 file /etc/passwd (new), ..." */
};

/* Job control and cgroup, as the last attach/exec/job/cgroup event said. */
struct model_job {
	pid_t pgid, sid; /* 0: unknown */
	char tty[32]; /* "" = none */
	char cgroup[256]; /* "" = unknown */
};

struct model_proc {
	pid_t pid, ppid;
	pid_t old_ppid; /* before an orphan's reparent, else 0 */
	char comm[64];
	char *exe;
	char **argv; /* last exec's argv (one block), or NULL */
	char state; /* R S D T t Z X, '?' unknown */
	char prev_state;
	uint64_t state_ts; /* when state last changed */
	uint64_t start_ts, exit_ts, reap_ts;
	bool exited, reaped, detached, orphaned, attached;
	bool exit_known;
	struct ev_status exit_st;
	int64_t zombie_ns; /* from the reap, -1 unknown */
	/* exec history, oldest first: the inherited image, then each exec */
	char *execs[MODEL_EXECS];
	size_t n_execs;
	size_t execs_dropped; /* older entries not kept */
	/* the live tasks: the leader first, then the others by tid */
	struct model_thread *threads;
	size_t n_threads, cap_threads;
	/* badges */
	bool ns_changed, creds_changed;
	unsigned long plt_calls;
	struct model_plt plt[MODEL_PLT_SYMS];
	size_t n_vma_regions;
	bool vma_wx;
	pid_t nspid[EV_NSPID_MAX];
	size_t n_nspid;
	struct model_sig sigs[MODEL_SIGS]; /* ring, newest at sig_head-1 */
	size_t n_sigs, sig_head;
	unsigned long sigs_delivered; /* signals delivered to it */
	struct model_history *hist; /* keep-all mode only, else NULL */
	uid_t uid; /* effective uid, from the last creds event */
	bool uid_known;
	bool expanded; /* view hint: threads shown */
	bool seen_in_view; /* view hint: "f" follow has seen it */
	uint64_t order; /* creation serial (see model_serial) */
	struct model_exec_ctx *exec_ctx; /* last exec's context, or NULL */
	struct model_job job;
	struct model_sigstats *sigstats; /* sigstats.c; NULL: none counted */
	/* a child_subreaper notice: 1 set, 0 cleared or never seen */
	int subreaper;
};

/* One line of the event pane: the text output of one event. */
struct model_line {
	char *text;
	pid_t pid, other; /* the process, and the child/target/sender if any */
	enum ev_kind kind;
	uint64_t ts, seq;
};

/* A row of the tree in display order. */
struct model_row {
	struct model_proc *proc;
	int depth;
	int thread; /* -1 the process row, else index into threads */
};

struct model;

/*
 * How the event pane's lines are made: the model knows no output format.
 * format returns the text of ev (lines split by '\n', len bytes, valid until
 * the next call) or NULL; reset starts over (a replay seeking backwards:
 * relative timestamps restart); free_ctx frees ctx with the model.
 */
struct model_line_ops {
	const char *(*format)(void *ctx, const struct pt_event *ev,
			      size_t *len);
	void (*reset)(void *ctx);
	void (*free_ctx)(void *ctx);
};

/*
 * A model for the view, which forgets old reaped records.  The model owns
 * ctx (freed even when this fails); line_ops NULL: no event pane lines.
 */
struct model *model_new(const struct model_line_ops *line_ops, void *ctx);
/*
 * A keep-all model: nothing is forgotten (a reused pid gets a second
 * record), every record has its history, and model_proc_at(m, p->order)
 * is p.  A record is made for each pid any event is about.
 */
struct model *model_new_keep_all(void);
void model_free(struct model *m);
/* Forget everything (replay seeks backwards by rebuilding). */
void model_reset(struct model *m);
/* Feed one event. */
void model_event(struct model *m, const struct pt_event *ev);
/*
 * The model as a sink (ctx = the model).  Its close does NOT free the model:
 * the view that owns it does (model_free).
 */
extern const struct sink_ops model_sink_ops;

struct model_proc *model_find(struct model *m, pid_t pid);
/* The newest record of pid made before order (later ones reuse it), or NULL. */
struct model_proc *model_find_before(struct model *m, pid_t pid,
				     uint64_t order);
/* Set the parent of a process the events did not tell about (attach). */
void model_set_ppid(struct model *m, pid_t pid, pid_t ppid);
/*
 * Every record held, in creation order: model_proc_at(m, 0..model_nprocs(m)).
 * Indexes shift when old reaped records are freed: hold pids, not indexes.
 */
size_t model_nprocs(const struct model *m);
struct model_proc *model_proc_at(struct model *m, size_t i);
/* Records ever made: the order the next one will get. */
uint64_t model_serial(const struct model *m);

/*
 * The tree in display order, parents first, siblings by creation: processes
 * (threads too, when the row is expanded).  Reaped processes older than
 * keep_gone_ns at now are left out (keep_gone_ns < 0: all those still held);
 * their children move up to their place.  A process's parent is the newest
 * record of its ppid made before it (two attached processes: either order).
 * Returns the rows (owned by the model, valid until the next event or call).
 */
size_t model_rows(struct model *m, uint64_t now, int64_t keep_gone_ns,
		  struct model_row **rows);

/* Event pane lines; count and lines[0..count) oldest first. */
size_t model_lines(struct model *m, struct model_line **lines);
/* Event pane: how many lines were dropped at the front (ring full). */
uint64_t model_lines_dropped(const struct model *m);

/*
 * When p died: its exit event, else (keep-all, no exit event: attach mode)
 * its reap less the tracer's zombie time.
 */
uint64_t model_exit_time(const struct model_proc *p);

/* Counts for the status line. */
struct model_counts {
	size_t live, zombies, stopped, threads;
	uint64_t gone; /* reaped since the start, freed ones too */
};
void model_counts(struct model *m, struct model_counts *c);
/* The last event's ts and seq; whether the end event was seen and its exit code. */
uint64_t model_last_ts(const struct model *m);
uint64_t model_events(const struct model *m);
bool model_ended(const struct model *m, bool *has_code, int *code);
bool model_attach_mode(const struct model *m);
/* A record could not be made or grown (out of memory): the store is partial. */
bool model_incomplete(const struct model *m);
/*
 * Records ever made, exited and reaped: live = made - exited, zombies =
 * exited - reaped, kept as they change (a counter track costs no walk).
 */
void model_totals(const struct model *m, uint64_t *made, uint64_t *exited,
		  uint64_t *reaped);

/* Signal sig's counts for p (1..64), or NULL when none was counted. */
const struct model_sigcount *model_sigcount(const struct model_proc *p,
					    int sig);

/* "running", "sleeping", ... for a state letter; "unknown" otherwise. */
const char *model_state_word(char state);

#endif
