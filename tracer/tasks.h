/* tasks.h - the live-task table: tasks (threads) and their processes. */
#ifndef PROCTRACE_TASKS_H
#define PROCTRACE_TASKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "event/event.h"

/* Where a task stands with respect to ptrace. */
enum task_state {
	TS_RUNNING, /* resumed; its next stop or death will be reported */
	TS_EXPECTED, /* announced by a clone event; first stop not seen yet */
	/*
	 * first stop came before the parent's clone event
	 * (doc/ptrace-notes.md, "child before its clone event")
	 */
	TS_HELD,
	TS_LISTENING, /* group-stopped, resumed with PTRACE_LISTEN */
	TS_BREAK, /* held in its stop by a --break hit (tracer/breaks.c) */
};

/* A syscall seen at entry whose exit we wait for. */
struct pending_sc {
	bool active;
	int nr;
	uint64_t args[6];
	char *filename; /* execve: the path, read at entry */
	char **argv; /* execve: argv, read at entry */
	size_t argc;
	bool argv_truncated;
	char **envp; /* execve with --env */
	size_t envc;
	pid_t target_tgid; /* tkill, pidfd_send_signal: the resolved target */
	bool skip_exit; /* the exit cannot matter: resume without an exit stop */
	bool need_exit; /* one handler needs the exit: skip_exit is overruled */
	int send_which; /* kill family: enum send_syscall + 1, else 0 */
	bool send_emitted; /* its send event is out already */
	pid_t open_tid; /* kill family, exit skipped: the thread to look at */
	int exec_miss; /* execve of a missing file: the lookup's errno */
	/*
	 * The exit is skipped and this handler takes the call's result
	 * elsewhere: called just before the pending call is cleared.
	 */
	void (*on_skip)(struct tracer *t, struct task *task);
};

struct proc;
struct tracer;

/*
 * A kill-family call to another traced process, resumed without its exit
 * stop: its send is written when its result shows (tracer/send_open.c).
 */
struct open_send {
	bool on;
	struct ev_signal s; /* the send, result not known yet */
	pid_t target_tid; /* the thread to look at: the named one, or the leader */
	uint64_t since; /* its entry stop */
};

/* The last wait4/waitid seen at a task's syscall entry (zombie diagnosis). */
struct task_wait {
	bool seen;
	int nr; /* SYS_wait4 or SYS_waitid */
	int64_t a0, a1; /* wait4: pid; waitid: idtype, id */
	uint64_t options;
	uint64_t ts;
};

struct task {
	pid_t tid;
	struct proc *proc; /* NULL while TS_HELD (parent unknown) */
	enum task_state state;
	struct pending_sc sc;
	bool want_detach; /* detaching: let go at the next stop */
	bool interrupted; /* PTRACE_INTERRUPT sent */
	uint64_t held_since; /* TS_HELD: when the stop arrived */
	pid_t held_ppid; /* TS_HELD: its PPid then (0 unknown) */
	bool exit_stop; /* it has PTRACE_O_TRACEEXIT (engine_exit_stop) */
	bool exit_known; /* its PTRACE_EVENT_EXIT gave exit_st */
	struct ev_status exit_st;
	int brk_sig; /* TS_BREAK: the signal it resumes with */
	pid_t brk_zombie; /* a zombie break: hold at its next stop */
	bool brk_step; /* the UI's step: hold at its next event */
	struct task_wait wait; /* its last wait call's arguments */
	struct open_send open_send;
	/* An exec of a missing file, resumed without its exit stop (exec_miss.c). */
	struct exec_miss {
		bool on;
		struct pending_sc call; /* its filename and argv, moved here */
		uint64_t since; /* its entry stop */
	} exec_miss;
	struct task *hnext; /* hash chain */
	struct task *sib_next; /* the proc's thread list */
};

enum proc_state { PS_ALIVE, PS_ZOMBIE };

/* A thread group: what ps calls a process. */
struct proc {
	pid_t pid;
	pid_t ppid; /* the real parent's tgid */
	enum proc_state state;
	int nthreads; /* tasks of this proc in the table */
	struct task *threads;
	char comm[17];
	bool group_stopped;
	bool dying; /* its last thread's death is being handled */
	/* nested pid namespaces, outermost first (0 entries: not nested) */
	pid_t nspid[EV_NSPID_MAX];
	size_t n_nspid;
	uint64_t pidns; /* inode of its pid ns (nested only; 0 unknown) */
	bool kids_pidns; /* unshare/setns: children go to another pid ns */
	/* zombie bookkeeping (PS_ZOMBIE) */
	uint64_t exit_ts;
	struct ev_status exit_st;
	unsigned long long starttime;
	uint64_t seen_zombie_ts; /* last time /proc showed it still there */
	int zombie_children; /* how many of its children are zombies */
	int children; /* its children in the table, alive or zombie */
	struct proc *znext, *zprev; /* the zombie list */
	bool brk_zombie_done; /* a zombie break fired for it */
	struct proc *hnext;
	struct exec_ctx *exec_ctx; /* exec_ctx.h: the next exec's reference */
	int pidfd; /* its pidfd (tasks.pidfds), -1 none: reaps via /proc */
	bool pidfd_armed; /* in the reap watch's epoll set (reapwatch.c) */
	/* what permission checks read (permcreds.c), read once */
	struct perm_creds {
		bool known; /* false again at exec and at creds or ns calls */
		uid_t uid[3]; /* real, effective, saved */
		bool cap_kill; /* CAP_KILL, in proctrace's user ns */
		bool cap_dac_search; /* CAP_DAC_OVERRIDE or _READ_SEARCH, same */
		bool per_thread; /* a thread's own creds call: never trusted */
	} perm;
};

#define TASKS_BUCKETS 4096

/* What pid ns lookups (pidns.c) match a process on, kept past its reap. */
struct proc_nsid {
	pid_t pid, ppid;
	pid_t nspid[EV_NSPID_MAX];
	size_t n_nspid;
	uint64_t pidns;
	bool zombie;
};

#define TASKS_GONE_MAX 64

struct tasks {
	struct task *tbucket[TASKS_BUCKETS];
	struct proc *pbucket[TASKS_BUCKETS];
	struct proc *zombies; /* every PS_ZOMBIE proc, newest first */
	size_t n_tasks, n_procs, n_zombies;
	/* The last reaped nested processes, a ring (see pidns_reaped). */
	struct proc_nsid gone[TASKS_GONE_MAX];
	unsigned gone_next;
	bool pidfds; /* open a pidfd for each new process (reapwatch.c) */
	int pidfd_max; /* a pidfd must be below it: fds kept for /proc reads */
};

struct task *tasks_find(struct tasks *t, pid_t tid);
struct proc *tasks_find_proc(struct tasks *t, pid_t pid);
/* New task; proc may be NULL (held).  Returns NULL on allocation failure. */
struct task *tasks_add(struct tasks *t, pid_t tid, struct proc *proc);
/* Attach an existing task to proc. */
void tasks_link(struct task *task, struct proc *proc);
/* Remove and free a task; the proc's thread count drops. */
void tasks_remove(struct tasks *t, struct task *task);
/* Re-key a task to a new tid (exec by a non-leader thread). */
void tasks_rekey(struct tasks *t, struct task *task, pid_t new_tid);
struct proc *tasks_add_proc(struct tasks *t, pid_t pid, pid_t ppid);
void tasks_remove_proc(struct tasks *t, struct proc *proc);
/* Change a proc's parent (keeps the zombie-children counts right). */
void tasks_reparent(struct tasks *t, struct proc *proc, pid_t new_ppid);
void tasks_set_zombie(struct tasks *t, struct proc *proc, bool zombie);
/* Free the pending syscall's data. */
void pending_sc_clear(struct pending_sc *sc);

/* Iterate: for (task = tasks_first(t, &i); task; task = tasks_next(t, &i, task)) */
struct task *tasks_first(struct tasks *t, size_t *bucket);
struct task *tasks_next(struct tasks *t, size_t *bucket, struct task *task);
struct proc *tasks_first_proc(struct tasks *t, size_t *bucket);
struct proc *tasks_next_proc(struct tasks *t, size_t *bucket, struct proc *p);

void tasks_free_all(struct tasks *t);

#endif
