/* inspect_priv.h - what the parts of inspect (inspect*.c) share: the readings kept per task and process. */
#ifndef PROCTRACE_INSPECT_PRIV_H
#define PROCTRACE_INSPECT_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "probes/creds.h"
#include "probes/vma.h"
#include "tracer/engine.h"

#define INS_BUCKETS 1024

/*
 * A task's last readings.  The creds reading is kept from stop to stop
 * (a child starts with its parent's): every change is made by a syscall
 * whose row reads again, so an exec costs one status read, not three.
 */
struct ins_task {
	const struct task *task; /* the key: survives tasks_rekey() */
	bool creds_ok; /* creds is still what the task has */
	struct creds_snap creds;
	uint64_t creds_ts; /* when it was read */
	bool ns_ok; /* ns holds a reading (for_children) */
	uint64_t ns[NS_TYPE_COUNT];
	uint64_t ns_ts;
	struct ins_task *next;
};

struct ins_proc {
	const struct proc *proc;
	struct vma_space *as; /* shared with CLONE_VM relatives */
	struct ins_proc *next;
};

struct inspect {
	unsigned classes;
	bool stop_free; /* no syscall stops: infer at other stops */
	struct ins_task *tasks[INS_BUCKETS];
	struct ins_proc *procs[INS_BUCKETS];
	struct vma_diff diff;
	struct vma_diff snap; /* VO_MAP list reused for snapshots */
	struct stack *stack; /* --stack, else NULL */
	struct task *stack_of; /* whose stack stands for the event's task */
	pid_t exe_tid; /* exe: the path of tid's last exec event */
	char exe[4096];
};

/* inspect.c: the reading records of a task or process (created if asked). */
struct ins_task *ins_task_get(struct inspect *ins, const struct task *task,
			      bool create);
struct ins_proc *ins_proc_get(struct inspect *ins, const struct proc *proc,
			      bool create);
/* inspect.c: an event about task whose stack is stack_of's (stopped) one. */
void ins_emit_for(struct inspect *ins, struct tracer *t, struct task *task,
		  struct task *stack_of, struct pt_event *ev);

/*
 * inspect_creds.c.  Read task's credentials again and report how they
 * differ from the kept reading (nothing when there was none); the new
 * reading is kept.  inferred: found at a later stop, not at the syscall
 * that made it.
 */
void inspect_creds_check(struct inspect *ins, struct tracer *t,
			 struct task *task, struct task *stack_of,
			 const char *cause, bool inferred, bool exec);
/* The child starts with its parent's credentials (a new user ns aside). */
void inspect_creds_cloned(struct inspect *ins, struct tracer *t,
			  struct task *parent, struct task *child,
			  const struct ev_clone *c);
int inspect_creds_register(struct tracer *t, struct inspect *ins);

/* inspect_ns.c.  Keep a namespace reading (for_children) as r's last one. */
void inspect_ns_keep(struct tracer *t, struct ins_task *r, const uint64_t *now);
/* Stop-free mode: report what changed since the kept reading, as inferred. */
void inspect_ns_check(struct inspect *ins, struct tracer *t, struct task *task);
void inspect_ns_cloned(struct inspect *ins, struct tracer *t,
		       struct task *parent, struct task *child,
		       const struct ev_clone *c);
int inspect_ns_register(struct tracer *t, struct inspect *ins);

/* inspect_vma.c.  A fresh address space (exec, attach): one snapshot event. */
void inspect_vma_snapshot(struct inspect *ins, struct tracer *t,
			  struct task *task, const char *cause);
/* A CLONE_VM child shares its parent's space (and its reading). */
void inspect_vma_cloned(struct inspect *ins, struct task *parent,
			struct task *child, const struct ev_clone *c);
int inspect_vma_register(struct tracer *t, struct inspect *ins);

#endif
