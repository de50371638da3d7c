/* event.h - the event record the tracer publishes and every sink consumes. */
#ifndef PROCTRACE_EVENT_H
#define PROCTRACE_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "decode/decode.h"

/*
 * One struct for every event of ../shared/EVENTS.md.  Values are kept raw
 * (signal numbers, errno numbers, flag words); sinks turn them into names
 * with decode/.  A live trace and a replayed log build the same records, so
 * the text of a replay equals the text of the live run.
 *
 * Ownership: every pointer in an event is borrowed for the duration of the
 * sink call only.  A sink that needs a string later copies it.
 */

enum ev_kind {
	EV_START,
	EV_ATTACH,
	EV_CLONE,
	EV_EXEC,
	EV_EXIT,
	EV_REAP,
	EV_REPARENT,
	EV_SIGNAL,
	EV_CREDS,
	EV_NS,
	EV_VMA,
	EV_PLT,
	EV_STATE,
	EV_DETACH,
	EV_END,
	EV_NOTICE,
	EV_JOB,
	EV_CGROUP,
	EV_BREAK,
	EV_KIND_COUNT
};

/* Event classes, as selected with -e.  A kind belongs to exactly one. */
enum ev_class {
	EVC_PROCESS =
		1u
		<< 0, /* start attach clone exec exit reap reparent detach end state notice */
	EVC_SIGNAL = 1u << 1,
	EVC_CREDS = 1u << 2,
	EVC_NS = 1u << 3,
	EVC_VMA = 1u << 4,
	EVC_PLT = 1u << 5,
	EVC_JOB = 1u << 6,
	EVC_CGROUP = 1u << 7,
	EVC_ALL = (1u << 8) - 1,
};

enum clone_syscall { CS_FORK, CS_VFORK, CS_CLONE, CS_CLONE3 };
enum wait_syscall { WS_UNKNOWN, WS_WAIT4, WS_WAITID };
/* How reaps are watched (start's reap_watch); RW_UNKNOWN: an older log. */
enum reap_watch { RW_UNKNOWN, RW_SYSCALL, RW_PIDFD };
/* How a reap was seen beyond its syscall (reap's via); RV_NONE: not said. */
enum reap_via { RV_NONE, RV_PIDFD };
enum sig_kind { SK_SEND, SK_DELIVER, SK_STOP, SK_CONT };
enum send_syscall {
	SS_KILL,
	SS_TKILL,
	SS_TGKILL,
	SS_RT_SIGQUEUEINFO,
	SS_RT_TGSIGQUEUEINFO,
	SS_PIDFD_SEND_SIGNAL
};

#define EV_NSPID_MAX 8

/* A string read from the tracee: raw bytes, NUL-terminated, may be invalid UTF-8. */
struct ev_strv {
	char *const *v; /* NULL-terminated array, or NULL when unknown */
	size_t count;
	bool truncated; /* more entries existed than were read */
};

/* Exit status of a task or process, as wait(2) reports it. */
struct ev_status {
	bool signaled; /* killed by a signal (else exited normally) */
	int code; /* exit code when !signaled */
	int sig; /* signal number when signaled */
	bool core; /* core dumped */
};

struct ev_start {
	int schema;
	const char *tool, *version;
	bool attach_mode; /* mode "attach" vs "run" */
	struct ev_strv argv; /* run mode */
	const pid_t *attach_pids; /* attach mode */
	size_t n_attach_pids;
	const char *kernel;
	uint64_t realtime_ns; /* wall clock at ts 0 (CLOCK_REALTIME), for -t */
	/* what this mode cannot see, event_blind keys ("exec_fail" ...) */
	const char *const *blind;
	size_t n_blind;
	bool daemonized; /* run mode, -D: the tracer is not the parent */
	enum reap_watch reap_watch; /* pidfd POLLHUP, or wait syscalls/proc */
};

/*
 * Job control and cgroup of a process at attach or exec (/proc/PID/stat,
 * /proc/PID/cgroup): pgid 0 when unknown; tty NULL without a controlling
 * terminal; cgroup NULL without a cgroup v2 line.
 */
struct ev_job_ctx {
	pid_t pgid, sid;
	const char *tty; /* "pts/3" */
	const char *cgroup; /* "/user.slice/..." */
};

struct ev_attach {
	const char *comm;
	struct ev_job_ctx job;
};

struct ev_clone {
	pid_t child_pid, child_tid;
	enum clone_syscall syscall;
	uint64_t flags; /* CLONE_* flags; the CSIGNAL byte is cleared */
	uint64_t flags_raw; /* the flag word as passed (clone: incl. CSIGNAL) */
	bool thread;
	int exit_signal; /* 0 = none */
};

/* What an open file descriptor refers to (readlink /proc/PID/fd/N). */
enum ev_fd_type { FD_FILE, FD_PIPE, FD_SOCKET, FD_TTY, FD_ANON, FD_OTHER };
#define FD_TYPE_COUNT (FD_OTHER + 1)
/* "file", "pipe", ...; NULL for a bad type. */
const char *event_fd_type_name(enum ev_fd_type t);

/* One descriptor of an exec's new image. */
struct ev_fd {
	int fd;
	enum ev_fd_type type;
	const char *path; /* file path, or "pipe:[INODE]" "socket:[INODE]" */
	const char *flags; /* "O_RDWR|O_APPEND", from /proc/PID/fdinfo */
	bool is_new; /* not open (same fd, same path) in the reference image */
};

/* Environment of an exec against its reference (man: "env_diff"). */
struct ev_env_diff {
	struct ev_strv added; /* "NAME=VALUE" entries */
	struct ev_strv removed; /* "NAME" entries */
	struct ev_strv changed; /* "NAME=NEWVALUE" entries */
};

struct ev_exec {
	bool ok;
	const char *filename; /* as passed to execve; NULL if unknown */
	struct ev_strv argv;
	struct ev_strv envp; /* .v NULL unless --env */
	const char *exe, *comm; /* when ok */
	pid_t old_tid; /* when a non-leader thread exec'd, else 0 */
	int err; /* errno when !ok */
	/* exec context, when ok (NULL / false / 0: unknown or none) */
	const char *cwd;
	const char *interpreter; /* the #! line of a script */
	const char *cmdline; /* sh command line that reproduces the exec */
	bool has_env_diff;
	struct ev_env_diff env_diff;
	const struct ev_fd *fds;
	size_t n_fds;
	const struct ev_fd *fds_closed; /* O_CLOEXEC at the entry stop */
	size_t n_fds_closed;
	struct ev_job_ctx job; /* when ok */
};

struct ev_exit {
	bool group; /* the whole process is gone */
	bool code_known; /* false: status unknown (e.g. vanished during exec) */
	struct ev_status st;
};

struct ev_reap {
	pid_t child_pid;
	enum wait_syscall syscall;
	struct ev_status st;
	int64_t zombie_ns; /* -1 if unknown */
	enum reap_via via; /* RV_PIDFD: the zombie's pidfd reported the reap */
};

struct ev_reparent {
	pid_t old_ppid, new_ppid;
};

struct ev_signal {
	enum sig_kind kind;
	int sig;
	/* send */
	pid_t target_pid;
	pid_t target_tid; /* 0 = null */
	enum send_syscall syscall;
	int result; /* 0, or errno */
	bool result_unknown; /* sent at entry, the exit never comes (log: null) */
	/* deliver */
	int code; /* si_code */
	bool has_sender;
	pid_t sender_pid;
	bool has_addr;
	uint64_t addr;
	enum sig_disposition disposition;
	/* SIGHUP/SIGCONT the kernel sent because this pgrp became orphaned */
	pid_t orphaned_pgrp; /* 0 = not so */
};

/* Credentials as /proc/PID/status shows them. */
struct ev_cred_set {
	uid_t uid[4]; /* real, effective, saved, fs */
	gid_t gid[4];
	const gid_t *groups;
	size_t n_groups;
	uint64_t cap_eff, cap_prm, cap_inh, cap_bnd, cap_amb;
	bool no_new_privs;
	int seccomp; /* 0 none, 1 strict, 2 filter */
};

/* The five capability sets of ev_cred_set, by log name, in log order. */
struct ev_cap_set_field {
	const char *name; /* "cap_eff" ... */
	size_t off; /* offsetof(struct ev_cred_set, ...) */
};
#define EV_CAP_SETS 5
extern const struct ev_cap_set_field ev_cap_sets[EV_CAP_SETS];

struct ev_creds {
	const char *cause; /* syscall name or "exec" */
	struct ev_cred_set before, after;
	const char *note; /* NULL if none */
};

enum ns_type {
	NS_MNT,
	NS_PID,
	NS_NET,
	NS_UTS,
	NS_IPC,
	NS_USER,
	NS_CGROUP,
	NS_TIME,
	NS_TYPE_COUNT
};
/* Named by decode_ns_name(), whose table has this order. */
_Static_assert(NS_TYPE_COUNT == DECODE_NS_COUNT,
	       "ns kinds differ from decode/");

struct ev_ns {
	const char *cause; /* "unshare" "setns" "clone" "clone3" */
	uint64_t from[NS_TYPE_COUNT], to[NS_TYPE_COUNT];
	unsigned changed; /* bit (1u << ns_type) set when from != to */
	uint64_t flags; /* CLONE_NEW* flags of the call, 0 if unknown */
};

enum vma_op { VO_SNAPSHOT, VO_MAP, VO_UNMAP, VO_PROTECT };

struct ev_region {
	uint64_t start, end, offset;
	char perm[5]; /* "r-xp" */
	const char *path; /* "" for anonymous */
	bool wx, exec_new;
};

struct ev_vma {
	enum vma_op op;
	const char *
		cause; /* "exec" "mmap" "munmap" "mprotect" "mremap" "brk" "attach" */
	const struct ev_region *regions;
	size_t n_regions;
};

struct ev_plt {
	const char *symbol, *object;
	uint64_t plt, got, target;
	const char *target_sym, *target_object; /* NULL if unknown */
	bool bound;
	uint64_t caller;
	const char *caller_sym; /* "main+0x2a" or NULL */
};

struct ev_state {
	char from, to;
};

/* Something the program saw differently because it is traced. */
struct ev_notice {
	const char *what; /* a stable key: "seccomp_strict" */
	const char *message; /* one line for people */
};

/* A pgid, sid, tty or foreground pgrp before and after a job event. */
struct ev_pid_change {
	pid_t from, to;
};
struct ev_str_change {
	const char *from, *to; /* NULL: none */
};

/* setpgid, setsid, ioctl(TIOCSPGRP, TIOCSCTTY) changed job control. */
struct ev_job {
	const char *
		cause; /* "setpgid" "setsid" "TIOCSPGRP" "TIOCSCTTY" "unknown" */
	bool pgid_changed, sid_changed, tty_changed, fg_pgrp_changed;
	struct ev_pid_change pgid, sid;
	struct ev_str_change tty;
	struct ev_pid_change fg_pgrp; /* the tty's foreground pgrp (tpgid) */
};

/* The process moved to another cgroup (v2 path). */
struct ev_cgroup {
	const char *cause; /* "clone3" or "unknown" (inferred) */
	const char *from, *to;
};

/* A --break hit: the task is held in its stop, or handed off. */
enum break_action { BA_HOLD, BA_HANDOFF };
struct ev_break {
	const char *spec; /* as given */
	int on; /* enum break_kind (decode/breaks.h) */
	enum break_action action;
	const char *filename; /* exec */
	pid_t child_pid; /* clone, fork: the new task's pid (tid for a thread) */
	int sig; /* signal */
	pid_t zombie_pid; /* zombie: the unreaped child */
	const char *run; /* handoff: the command run, {pid} replaced */
};

/*
 * The tracer's own ptrace stops, by kind: each one a resume after a stop it
 * handled, the cost that holds still across machines (tracer/stops_count.c).
 */
struct ev_stops {
	uint64_t syscall; /* syscall-entry or seccomp stop */
	uint64_t syscall_exit;
	uint64_t event; /* PTRACE_EVENT_* (clone, exec, exit, a new child, ...) */
	uint64_t signal; /* signal-delivery stop */
	uint64_t group_stop;
};

struct ev_end {
	uint64_t events, dropped;
	bool has_exit_code;
	int exit_code;
	bool has_stops; /* a log written before the count has none */
	uint64_t stops; /* the sum of stops_by_kind */
	struct ev_stops by_kind;
};

/* One stack frame, for --stack. */
struct ev_frame {
	uint64_t ip;
	const char *sym; /* NULL if unknown */
	uint64_t off;
	const char *module; /* NULL if unknown */
	const char *file; /* NULL if no debug info */
	int line;
};

struct pt_event {
	enum ev_kind kind;
	uint64_t seq;
	uint64_t ts; /* ns since the trace started (CLOCK_MONOTONIC) */
	pid_t pid, tid;
	pid_t nspid[EV_NSPID_MAX];
	size_t n_nspid; /* 0 unless the task lives in a nested pid ns */
	bool inferred;
	uint64_t ts_lo; /* with inferred: earliest time it can have happened */
	const struct ev_frame *stack;
	size_t n_stack;
	union {
		struct ev_start start;
		struct ev_attach attach;
		struct ev_clone clone;
		struct ev_exec exec;
		struct ev_exit exit;
		struct ev_reap reap;
		struct ev_reparent reparent;
		struct ev_signal signal;
		struct ev_creds creds;
		struct ev_ns ns;
		struct ev_vma vma;
		struct ev_plt plt;
		struct ev_state state;
		struct ev_end end;
		struct ev_notice notice;
		struct ev_job job;
		struct ev_cgroup cgroup;
		struct ev_break brk;
	} u;
};

/* "clone", "exec", ... as in the log's "ev" field; NULL for a bad kind. */
const char *event_kind_name(enum ev_kind kind);
/* Reverse of event_kind_name; -1 if unknown. */
int event_kind_from_name(const char *name);
/* The -e class an event kind belongs to. */
enum ev_class event_kind_class(enum ev_kind kind);

const char *event_clone_syscall_name(enum clone_syscall s);
const char *event_send_syscall_name(enum send_syscall s);
const char *event_sig_kind_name(enum sig_kind k);
const char *event_vma_op_name(enum vma_op op);

/* What a mode without syscall stops cannot see: start's "blind" keys. */
struct event_blind {
	const char *key; /* "exec_fail" */
	unsigned cls; /* the -e class it belongs to */
	const char *text; /* for the text header */
};
extern const struct event_blind event_blind[];
extern const size_t event_n_blind;
/* The text of a key, or NULL if unknown. */
const char *event_blind_text(const char *key);

#endif
