/* internal.h - the model's records and lookup, shared by store.c and feed.c only. */
#ifndef PROCTRACE_MODEL_INTERNAL_H
#define PROCTRACE_MODEL_INTERNAL_H

#include "model/model.h"

#define MODEL_BUCKETS 4096
#define MODEL_LINES_MAX 4000

struct model_node {
	struct model_proc p;
	struct model_node *hnext; /* same bucket, newest first */
	struct model_node *gnext; /* the reaped queue, oldest first */
	size_t idx; /* model_rows scratch: index in procs */
	bool drop; /* being freed by model_trim_gone */
};

struct model {
	bool keep_all; /* never forget; keep histories */
	struct model_node **procs; /* creation order */
	size_t n_procs, cap_procs;
	struct model_node *bucket[MODEL_BUCKETS];
	/* reaped records in reap order: the oldest are freed first */
	struct model_node *gone_head, *gone_tail;
	size_t n_gone;
	uint64_t gone_total, serial, exited_total;
	bool incomplete; /* a record could not be made or grown */
	struct model_row *rows;
	size_t cap_rows;
	/* the event pane: a ring of text lines */
	struct model_line *lines;
	size_t line_head, n_lines;
	uint64_t lines_dropped;
	struct model_line *flat; /* lines in order, for model_lines */
	const struct model_line_ops *line_ops;
	void *line_ctx;
	uint64_t last_ts, events;
	bool ended, has_code, attach_mode;
	int code;
};

/* store.c: records */
/* free what p points to (not p) */
void model_free_proc(struct model_proc *p);
struct model_proc *model_get(struct model *m, pid_t pid, uint64_t ts);
struct model_proc *model_make(struct model *m, pid_t pid, uint64_t ts);
void model_gone_push(struct model *m, struct model_proc *p);
void model_clear_lines(struct model *m);
/* store.c: free every record and line, zero the counters (keeps the arrays) */
void model_clear(struct model *m);
/* store.c: the tasks of a process */
struct model_thread *model_thread(struct model_proc *p, pid_t tid);
void model_thread_gone(struct model_proc *p, pid_t tid, uint64_t ts);
void model_threads_leader_only(struct model_proc *p);
void model_push_exec(struct model_proc *p, const char *name);
/* exec_ctx.c: keep (a copy of) the context of exec x; free it. */
void model_exec_ctx_set(struct model_proc *p, const struct ev_exec *x);
void model_exec_ctx_free(struct model_proc *p);
void model_set_state(struct model_proc *p, pid_t tid, char st, uint64_t ts);
void model_set_all(struct model_proc *p, char st, uint64_t ts);
char **model_copy_strv(const struct ev_strv *sv);
/* job.c: pgid, sid, tty and cgroup of the process an event is about */
void model_job_apply(struct model *m, const struct pt_event *ev);
/* sigstats.c: count a signal event; a subreaper notice; free the counts */
void model_sigstats_event(struct model *m, const struct pt_event *ev);
void model_subreaper_event(struct model *m, const struct pt_event *ev);
void model_sigstats_free(struct model_proc *p);
/* p's counts become a copy of s's (a checkpoint); false when out of memory. */
bool model_sigstats_copy(struct model_proc *p, const struct model_proc *s);
/* the same counts (a checkpoint shares records that did not change) */
bool model_sigstats_equal(const struct model_proc *a,
			  const struct model_proc *b);
/* history.c: what keep-all mode keeps besides */
void model_hist_free(struct model_history *h);
void model_hist_event(struct model *m, const struct pt_event *ev);

#endif
