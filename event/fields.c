/* fields.c - the JSON field tables of every event kind (man/proctrace-events.5). */
#include "config.h"

#include <string.h>

#include "decode/breaks.h"
#include "event/fields.h"

/* Offset and width of a member of struct st. */
#define AT(st, m) .off = offsetof(st, m), .size = sizeof(((st *)0)->m)
#define EV(m) AT(struct pt_event, m)
#define PID_RANGE .lo = 1, .hi = INT32_MAX
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define TABLE(n, r)                                              \
	{                                                        \
		.name = (n), .rows = (r), .n_rows = ARRAY_LEN(r) \
	}

/* ---- names of enum values, as int for EFT_ENUM rows ---- */

static const char *kind_name(int v)
{
	return event_kind_name(v);
}
static const char *clone_sc_name(int v)
{
	return event_clone_syscall_name(v);
}
static const char *send_sc_name(int v)
{
	return event_send_syscall_name(v);
}
static const char *disposition_name(int v)
{
	return decode_disposition_name(v);
}
static const char *sig_kind_name(int v)
{
	return event_sig_kind_name(v);
}
static const char *vma_op_name(int v)
{
	return event_vma_op_name(v);
}
static const char *wait_sc_name(int v)
{
	return event_wait_syscall_name(v);
}
static const char *reap_watch_name(int v)
{
	static const char *const names[] = {
		[RW_UNKNOWN] = NULL, [RW_SYSCALL] = "syscall", [RW_PIDFD] = "pidfd"
	};

	return (unsigned)v < ARRAY_LEN(names) ? names[v] : NULL;
}
static const char *reap_via_name(int v)
{
	static const char *const names[] = {
		[RV_NONE] = NULL, [RV_PIDFD] = "pidfd"
	};

	return (unsigned)v < ARRAY_LEN(names) ? names[v] : NULL;
}
static const char *break_on_name(int v)
{
	return decode_break_kind_name(v);
}
static const char *break_action_name(int v)
{
	static const char *const names[] = {
		[BA_HOLD] = "hold", [BA_HANDOFF] = "handoff"
	};

	return (unsigned)v <= BA_HANDOFF ? names[v] : NULL;
}

const char *event_wait_syscall_name(enum wait_syscall s)
{
	static const char *const names[] = {
		[WS_UNKNOWN] = NULL,
		[WS_WAIT4] = "wait4",
		[WS_WAITID] = "waitid",
	};

	return (unsigned)s < ARRAY_LEN(names) ? names[s] : NULL;
}

const char *event_fd_type_name(enum ev_fd_type t)
{
	static const char *const names[FD_TYPE_COUNT] = {
		[FD_FILE] = "file", [FD_PIPE] = "pipe", [FD_SOCKET] = "socket",
		[FD_TTY] = "tty",   [FD_ANON] = "anon", [FD_OTHER] = "other",
	};

	return (unsigned)t < FD_TYPE_COUNT ? names[t] : NULL;
}

static const char *fd_type_name(int v)
{
	return event_fd_type_name(v);
}

/* start's mode: attach_mode false is a launched command. */
static const char *mode_name(int attach_mode)
{
	return attach_mode == 0 ? "run" : attach_mode == 1 ? "attach" : NULL;
}

/* ---- when a row is present, from the rows above it ---- */

static bool has_pid(const void *base)
{
	return ev_kind_has_pid(((const struct pt_event *)base)->kind);
}

static bool has_tid(const void *base)
{
	return ev_kind_has_tid(((const struct pt_event *)base)->kind);
}

static bool is_inferred(const void *base)
{
	return ((const struct pt_event *)base)->inferred;
}

static bool start_attach(const void *base)
{
	return ((const struct pt_event *)base)->u.start.attach_mode;
}

static bool start_run(const void *base)
{
	return !start_attach(base);
}

static bool exec_ok(const void *base)
{
	return ((const struct pt_event *)base)->u.exec.ok;
}

static bool exec_failed(const void *base)
{
	return !exec_ok(base);
}

static bool exec_has_env(const void *base)
{
	return ((const struct pt_event *)base)->u.exec.envp.v != NULL;
}

static bool signal_send(const void *base)
{
	return ((const struct pt_event *)base)->u.signal.kind == SK_SEND;
}

static bool signal_deliver(const void *base)
{
	return ((const struct pt_event *)base)->u.signal.kind == SK_DELIVER;
}

static bool break_on_exec(const void *base)
{
	return ((const struct pt_event *)base)->u.brk.on == BRK_EXEC;
}

static bool break_on_clone(const void *base)
{
	int on = ((const struct pt_event *)base)->u.brk.on;

	return on == BRK_CLONE || on == BRK_FORK;
}

static bool break_on_signal(const void *base)
{
	return ((const struct pt_event *)base)->u.brk.on == BRK_SIGNAL;
}

static bool break_on_zombie(const void *base)
{
	return ((const struct pt_event *)base)->u.brk.on == BRK_ZOMBIE;
}

/* off: from the symbol, or from the module's start when no symbol. */
static bool frame_has_off(const void *base)
{
	const struct ev_frame *f = base;

	return f->sym || f->module;
}

static bool frame_has_file(const void *base)
{
	return ((const struct ev_frame *)base)->file != NULL;
}

/* tty is null or a name once the pgid above it is known. */
static bool attach_job_known(const void *base)
{
	return ((const struct pt_event *)base)->u.attach.job.pgid != 0;
}

static bool exec_job_known(const void *base)
{
	return exec_ok(base) &&
	       ((const struct pt_event *)base)->u.exec.job.pgid;
}

/* ---- nested objects ---- */

#define PIDCH(m) AT(struct ev_pid_change, m)
static const struct ev_field pid_change_rows[] = {
	{ "from", EFT_INT, PIDCH(from), .lo = 0, .hi = INT32_MAX },
	{ "to", EFT_INT, PIDCH(to), .lo = 0, .hi = INT32_MAX },
};
static const struct ev_table pid_change_table =
	TABLE("change", pid_change_rows);

#define STRCH(m) AT(struct ev_str_change, m)
static const struct ev_field str_change_rows[] = {
	{ "from", EFT_STR, STRCH(from), EVF_NULLABLE },
	{ "to", EFT_STR, STRCH(to), EVF_NULLABLE },
};
static const struct ev_table str_change_table =
	TABLE("change", str_change_rows);

#define CRED(m) AT(struct ev_cred_set, m)
static const struct ev_field cred_rows[] = {
	{ "uid", EFT_IDS4, CRED(uid) },
	{ "gid", EFT_IDS4, CRED(gid) },
	{ "groups", EFT_INTS, CRED(groups), .lo = 0, .hi = UINT32_MAX,
	  .aux = offsetof(struct ev_cred_set, n_groups) },
	{ "cap_eff", EFT_HEX, CRED(cap_eff) },
	{ "cap_prm", EFT_HEX, CRED(cap_prm) },
	{ "cap_inh", EFT_HEX, CRED(cap_inh) },
	{ "cap_bnd", EFT_HEX, CRED(cap_bnd) },
	{ "cap_amb", EFT_HEX, CRED(cap_amb) },
	{ "no_new_privs", EFT_BOOL, CRED(no_new_privs) },
	{ "seccomp", EFT_INT, CRED(seccomp), .lo = 0, .hi = 2 },
};
static const struct ev_table cred_table = TABLE("creds", cred_rows);

#define REGION(m) AT(struct ev_region, m)
static const struct ev_field region_rows[] = {
	{ "start", EFT_HEX, REGION(start) },
	{ "end", EFT_HEX, REGION(end) },
	{ "perm", EFT_CHARS, REGION(perm) },
	{ "offset", EFT_HEX, REGION(offset) },
	{ "path", EFT_STR, REGION(path), EVF_NULL_AS_EMPTY },
	{ "wx", EFT_BOOL, REGION(wx), EVF_OMIT_EMPTY },
	{ "exec_new", EFT_BOOL, REGION(exec_new), EVF_OMIT_EMPTY },
};
static const struct ev_table region_table = TABLE("regions", region_rows);

#define FRAME(m) AT(struct ev_frame, m)
static const struct ev_field frame_rows[] = {
	{ "ip", EFT_HEX, FRAME(ip) },
	{ "sym", EFT_STR, FRAME(sym), EVF_OMIT_EMPTY },
	{ "off", EFT_HEX, FRAME(off), EVF_OPTIONAL, frame_has_off },
	{ "module", EFT_STR, FRAME(module), EVF_OMIT_EMPTY },
	{ "file", EFT_STR, FRAME(file), EVF_OMIT_EMPTY },
	{ "line", EFT_INT, FRAME(line), EVF_OPTIONAL, frame_has_file, .lo = 0,
	  .hi = INT32_MAX },
};
static const struct ev_table frame_table = TABLE("stack", frame_rows);

#define FD(m) AT(struct ev_fd, m)
static const struct ev_field fd_rows[] = {
	{ "fd", EFT_INT, FD(fd), .lo = 0, .hi = INT32_MAX },
	{ "type", EFT_ENUM, FD(type), .name = fd_type_name,
	  .n_names = FD_TYPE_COUNT },
	{ "path", EFT_STR, FD(path), EVF_NULL_AS_EMPTY },
	{ "flags", EFT_STR, FD(flags), EVF_NULL_AS_EMPTY },
	{ "new", EFT_BOOL, FD(is_new), EVF_OMIT_EMPTY },
};
static const struct ev_table fd_table = TABLE("fds", fd_rows);

#define ENV_DIFF(m) AT(struct ev_env_diff, m)
static const struct ev_field env_diff_rows[] = {
	{ "added", EFT_STRMAP, ENV_DIFF(added) },
	{ "removed", EFT_STRV, ENV_DIFF(removed) },
	{ "changed", EFT_STRMAP, ENV_DIFF(changed) },
};
static const struct ev_table env_diff_table = TABLE("env_diff", env_diff_rows);

/* Keys only: EFT_WAIT_STATUS and EFT_NS_CHANGED lay these out themselves. */
#define STATUS(m) AT(struct ev_status, m)
static const struct ev_field status_rows[] = {
	[EV_STATUS_CODE] = { "code", EFT_INT, STATUS(code), .lo = INT32_MIN,
			     .hi = INT32_MAX },
	[EV_STATUS_SIGNAL] = { "signal", EFT_SIGNAL, STATUS(sig) },
	[EV_STATUS_CORE] = { "core", EFT_BOOL, STATUS(core) },
};
const struct ev_table ev_status_table = TABLE("status", status_rows);

static const struct ev_field ns_change_rows[] = {
	[EV_NS_FROM] = { "from", EFT_U64, .size = sizeof(uint64_t) },
	[EV_NS_TO] = { "to", EFT_U64, .size = sizeof(uint64_t) },
};
const struct ev_table ev_ns_change_table = TABLE("changed", ns_change_rows);

/* ---- the lines ---- */

static const struct ev_field head_rows[] = {
	{ "seq", EFT_U64, EV(seq) },
	{ "ts", EFT_U64, EV(ts) },
	{ "ev", EFT_ENUM, EV(kind), .name = kind_name,
	  .n_names = EV_KIND_COUNT },
};
const struct ev_table ev_head_table = TABLE("", head_rows);

static const struct ev_field common_rows[] = {
	{ "pid", EFT_INT, EV(pid), 0, has_pid, PID_RANGE },
	{ "tid", EFT_INT, EV(tid), 0, has_tid, PID_RANGE },
	{ "nspid", EFT_INTS_INLINE, EV(nspid), EVF_OMIT_EMPTY | EVF_OPTIONAL,
	  has_pid, PID_RANGE, .aux = offsetof(struct pt_event, n_nspid),
	  .max = EV_NSPID_MAX },
	{ "inferred", EFT_BOOL, EV(inferred), EVF_OMIT_EMPTY },
	{ "ts_lo", EFT_U64, EV(ts_lo), EVF_OPTIONAL, is_inferred },
};
const struct ev_table ev_common_table = TABLE("", common_rows);

static const struct ev_field tail_rows[] = {
	{ "stack", EFT_OBJECTS, EV(stack), EVF_OMIT_EMPTY,
	  .aux = offsetof(struct pt_event, n_stack), .sub = &frame_table,
	  .elem_size = sizeof(struct ev_frame) },
};
const struct ev_table ev_tail_table = TABLE("", tail_rows);

static const struct ev_field start_rows[] = {
	{ "schema", EFT_INT, EV(u.start.schema), .lo = 0, .hi = INT32_MAX },
	{ "tool", EFT_STR, EV(u.start.tool) },
	{ "version", EFT_STR, EV(u.start.version) },
	{ "mode", EFT_ENUM, EV(u.start.attach_mode), .name = mode_name,
	  .n_names = 2 },
	{ "attach_pids", EFT_INTS, EV(u.start.attach_pids), 0, start_attach,
	  PID_RANGE, .aux = offsetof(struct pt_event, u.start.n_attach_pids) },
	{ "argv", EFT_STRV, EV(u.start.argv), 0, start_run },
	{ "kernel", EFT_STR, EV(u.start.kernel) },
	{ "realtime_ns", EFT_U64, EV(u.start.realtime_ns), EVF_OPTIONAL },
	{ "blind", EFT_BLIND, EV(u.start), EVF_OMIT_EMPTY },
	{ "daemonized", EFT_BOOL, EV(u.start.daemonized), EVF_OMIT_EMPTY,
	  start_run },
	/* optional: logs before it lack it */
	{ "reap_watch", EFT_ENUM, EV(u.start.reap_watch),
	  EVF_OMIT_EMPTY | EVF_OPTIONAL, .name = reap_watch_name,
	  .n_names = RW_PIDFD + 1 },
};

/* pgid, sid, tty, cgroup of attach and exec: optional, older logs lack them. */
#define JOB_CTX_ROWS(m, known)                                                 \
	{ "pgid", EFT_INT,  EV(m.pgid), EVF_OMIT_EMPTY | EVF_OPTIONAL,         \
	  NULL,	  PID_RANGE },                                                 \
		{ "sid", EFT_INT, EV(m.sid),	  EVF_OPTIONAL,                \
		  known, .lo = 0, .hi = INT32_MAX },                           \
		{ "tty", EFT_STR, EV(m.tty), EVF_NULLABLE | EVF_OPTIONAL,      \
		  known },                                                     \
	{                                                                      \
		"cgroup", EFT_STR, EV(m.cgroup), EVF_OMIT_EMPTY | EVF_OPTIONAL \
	}

static const struct ev_field attach_rows[] = {
	{ "comm", EFT_STR, EV(u.attach.comm), EVF_NULLABLE },
	JOB_CTX_ROWS(u.attach.job, attach_job_known),
};

static const struct ev_field clone_rows[] = {
	{ "child_pid", EFT_INT, EV(u.clone.child_pid), 0, NULL, PID_RANGE },
	{ "child_tid", EFT_INT, EV(u.clone.child_tid), 0, NULL, PID_RANGE },
	{ "syscall", EFT_ENUM, EV(u.clone.syscall), .name = clone_sc_name,
	  .n_names = CS_CLONE3 + 1 },
	{ "flags", EFT_CLONE_FLAGS, EV(u.clone.flags) },
	{ "flags_raw", EFT_HEX, EV(u.clone.flags_raw) },
	{ "thread", EFT_BOOL, EV(u.clone.thread) },
	{ "exit_signal", EFT_SIGNAL, EV(u.clone.exit_signal), EVF_NULLABLE },
};

static const struct ev_field exec_rows[] = {
	{ "ok", EFT_BOOL, EV(u.exec.ok) },
	{ "filename", EFT_STR, EV(u.exec.filename), EVF_NULLABLE },
	{ "argv", EFT_STRV, EV(u.exec.argv), EVF_NULLABLE },
	{ "argv_truncated", EFT_BOOL, EV(u.exec.argv.truncated),
	  EVF_OMIT_EMPTY },
	{ "env", EFT_STRV, EV(u.exec.envp), EVF_OMIT_EMPTY | EVF_NULLABLE },
	{ "env_truncated", EFT_BOOL, EV(u.exec.envp.truncated), EVF_OMIT_EMPTY,
	  exec_has_env },
	{ "exe", EFT_STR, EV(u.exec.exe), EVF_NULLABLE, exec_ok },
	{ "comm", EFT_STR, EV(u.exec.comm), EVF_NULLABLE, exec_ok },
	{ "old_tid", EFT_INT, EV(u.exec.old_tid), EVF_OMIT_EMPTY, exec_ok,
	  PID_RANGE },
	{ "errno", EFT_ERRNO, EV(u.exec.err), 0, exec_failed },
	{ "cwd", EFT_STR, EV(u.exec.cwd), EVF_OMIT_EMPTY, exec_ok },
	{ "interpreter", EFT_STR, EV(u.exec.interpreter), EVF_OMIT_EMPTY,
	  exec_ok },
	{ "env_diff", EFT_OBJECT, EV(u.exec.env_diff), EVF_PRESENT_AUX, exec_ok,
	  .aux = offsetof(struct pt_event, u.exec.has_env_diff),
	  .sub = &env_diff_table },
	{ "fds", EFT_OBJECTS, EV(u.exec.fds), EVF_OMIT_EMPTY, exec_ok,
	  .aux = offsetof(struct pt_event, u.exec.n_fds), .sub = &fd_table,
	  .elem_size = sizeof(struct ev_fd) },
	{ "fds_closed_on_exec", EFT_OBJECTS, EV(u.exec.fds_closed),
	  EVF_OMIT_EMPTY, exec_ok,
	  .aux = offsetof(struct pt_event, u.exec.n_fds_closed),
	  .sub = &fd_table, .elem_size = sizeof(struct ev_fd) },
	{ "cmdline", EFT_STR, EV(u.exec.cmdline), EVF_OMIT_EMPTY, exec_ok },
	JOB_CTX_ROWS(u.exec.job, exec_job_known),
};

static const struct ev_field exit_rows[] = {
	{ "group", EFT_BOOL, EV(u.exit.group) },
	{ "code", EFT_EXIT_CODE, EV(u.exit), .lo = INT32_MIN, .hi = INT32_MAX },
	{ "signal", EFT_EXIT_SIGNAL, EV(u.exit) },
	{ "core", EFT_EXIT_CORE, EV(u.exit) },
};

static const struct ev_field reap_rows[] = {
	{ "child_pid", EFT_INT, EV(u.reap.child_pid), 0, NULL, PID_RANGE },
	{ "syscall", EFT_ENUM, EV(u.reap.syscall), EVF_NULLABLE,
	  .name = wait_sc_name, .n_names = WS_WAITID + 1,
	  .null_value = WS_UNKNOWN },
	{ "status", EFT_WAIT_STATUS, EV(u.reap.st) },
	{ "zombie_ns", EFT_INT, EV(u.reap.zombie_ns), EVF_NULLABLE, .lo = 0,
	  .hi = INT64_MAX, .null_value = -1 },
	{ "via", EFT_ENUM, EV(u.reap.via), EVF_OMIT_EMPTY | EVF_OPTIONAL,
	  .name = reap_via_name, .n_names = RV_PIDFD + 1 },
};

static const struct ev_field reparent_rows[] = {
	{ "old_ppid", EFT_INT, EV(u.reparent.old_ppid), 0, NULL, PID_RANGE },
	{ "new_ppid", EFT_INT, EV(u.reparent.new_ppid), 0, NULL, PID_RANGE },
};

static const struct ev_field signal_rows[] = {
	{ "kind", EFT_ENUM, EV(u.signal.kind), .name = sig_kind_name,
	  .n_names = SK_CONT + 1 },
	{ "sig", EFT_SIGNAL, EV(u.signal.sig), EVF_ZERO_OK },
	{ "target_pid", EFT_INT, EV(u.signal.target_pid), 0, signal_send,
	  .lo = INT32_MIN, .hi = INT32_MAX },
	{ "target_tid", EFT_INT, EV(u.signal.target_tid), EVF_NULLABLE,
	  signal_send, .lo = 0, .hi = INT32_MAX, .null_value = 0 },
	{ "syscall", EFT_ENUM, EV(u.signal.syscall), 0, signal_send,
	  .name = send_sc_name, .n_names = SS_PIDFD_SEND_SIGNAL + 1 },
	{ "result", EFT_SEND_RESULT, EV(u.signal), 0, signal_send },
	{ "code", EFT_SI_CODE, EV(u.signal), 0, signal_deliver },
	{ "sender_pid", EFT_INT, EV(u.signal.sender_pid), EVF_PRESENT_AUX,
	  signal_deliver, .lo = 0, .hi = INT32_MAX,
	  .aux = offsetof(struct pt_event, u.signal.has_sender) },
	{ "addr", EFT_HEX, EV(u.signal.addr), EVF_PRESENT_AUX, signal_deliver,
	  .aux = offsetof(struct pt_event, u.signal.has_addr) },
	{ "disposition", EFT_ENUM, EV(u.signal.disposition), EVF_NULLABLE,
	  signal_deliver, .name = disposition_name, .n_names = SD_UNKNOWN + 1,
	  .null_value = SD_UNKNOWN },
	{ "orphaned_pgrp", EFT_INT, EV(u.signal.orphaned_pgrp), EVF_OMIT_EMPTY,
	  signal_deliver, PID_RANGE },
};

static const struct ev_field creds_rows[] = {
	{ "cause", EFT_STR, EV(u.creds.cause) },
	{ "before", EFT_OBJECT, EV(u.creds.before), .sub = &cred_table },
	{ "after", EFT_OBJECT, EV(u.creds.after), .sub = &cred_table },
	{ "note", EFT_STR, EV(u.creds.note), EVF_OMIT_EMPTY },
};

static const struct ev_field ns_rows[] = {
	{ "cause", EFT_STR, EV(u.ns.cause) },
	{ "changed", EFT_NS_CHANGED, EV(u.ns) },
	{ "flags", EFT_CLONE_FLAGS, EV(u.ns.flags), EVF_OMIT_EMPTY },
};

static const struct ev_field vma_rows[] = {
	{ "op", EFT_ENUM, EV(u.vma.op), .name = vma_op_name,
	  .n_names = VO_PROTECT + 1 },
	{ "cause", EFT_STR, EV(u.vma.cause) },
	{ "regions", EFT_OBJECTS, EV(u.vma.regions),
	  .aux = offsetof(struct pt_event, u.vma.n_regions),
	  .sub = &region_table, .elem_size = sizeof(struct ev_region) },
};

static const struct ev_field plt_rows[] = {
	{ "symbol", EFT_STR, EV(u.plt.symbol) },
	{ "object", EFT_STR, EV(u.plt.object) },
	{ "plt", EFT_HEX, EV(u.plt.plt) },
	{ "got", EFT_HEX, EV(u.plt.got) },
	{ "target", EFT_HEX, EV(u.plt.target) },
	{ "target_sym", EFT_STR, EV(u.plt.target_sym), EVF_NULLABLE },
	{ "target_object", EFT_STR, EV(u.plt.target_object), EVF_NULLABLE },
	{ "bound", EFT_BOOL, EV(u.plt.bound) },
	{ "caller", EFT_HEX, EV(u.plt.caller) },
	{ "caller_sym", EFT_STR, EV(u.plt.caller_sym), EVF_OMIT_EMPTY },
};

static const struct ev_field state_rows[] = {
	{ "from", EFT_STATE_LETTER, EV(u.state.from) },
	{ "to", EFT_STATE_LETTER, EV(u.state.to) },
};

#define STOPS(m) AT(struct ev_stops, m)
static const struct ev_field stops_rows[] = {
	{ "syscall", EFT_U64, STOPS(syscall) },
	{ "syscall_exit", EFT_U64, STOPS(syscall_exit) },
	{ "event", EFT_U64, STOPS(event) },
	{ "signal", EFT_U64, STOPS(signal) },
	{ "group_stop", EFT_U64, STOPS(group_stop) },
};
static const struct ev_table stops_table = TABLE("stops_by_kind", stops_rows);

static bool end_has_stops(const void *base)
{
	return ((const struct pt_event *)base)->u.end.has_stops;
}

static const struct ev_field end_rows[] = {
	{ "events", EFT_U64, EV(u.end.events) },
	{ "dropped", EFT_U64, EV(u.end.dropped) },
	{ "exit_code", EFT_INT, EV(u.end.exit_code), EVF_NULL_UNLESS_AUX,
	  .lo = INT32_MIN, .hi = INT32_MAX,
	  .aux = offsetof(struct pt_event, u.end.has_exit_code) },
	{ "stops", EFT_U64, EV(u.end.stops), EVF_PRESENT_AUX,
	  .aux = offsetof(struct pt_event, u.end.has_stops) },
	{ "stops_by_kind", EFT_OBJECT, EV(u.end.by_kind), 0, end_has_stops,
	  .sub = &stops_table },
};

static const struct ev_field notice_rows[] = {
	{ "what", EFT_STR, EV(u.notice.what) },
	{ "message", EFT_STR, EV(u.notice.message) },
};

/* Each of a job event's changes is there only when it changed. */
#define JOB_CHANGE(key, m, tab)                                             \
	{                                                                   \
		key, EFT_OBJECT, EV(u.job.m), EVF_PRESENT_AUX,              \
			.sub = (tab),                                       \
			.aux = offsetof(struct pt_event, u.job.m##_changed) \
	}

static const struct ev_field job_rows[] = {
	{ "cause", EFT_STR, EV(u.job.cause) },
	JOB_CHANGE("pgid", pgid, &pid_change_table),
	JOB_CHANGE("sid", sid, &pid_change_table),
	JOB_CHANGE("tty", tty, &str_change_table),
	JOB_CHANGE("fg_pgrp", fg_pgrp, &pid_change_table),
};

static const struct ev_field cgroup_rows[] = {
	{ "cause", EFT_STR, EV(u.cgroup.cause) },
	{ "from", EFT_STR, EV(u.cgroup.from), EVF_NULLABLE },
	{ "to", EFT_STR, EV(u.cgroup.to), EVF_NULLABLE },
};

static const struct ev_field break_rows[] = {
	{ "spec", EFT_STR, EV(u.brk.spec) },
	{ "on", EFT_ENUM, EV(u.brk.on), .name = break_on_name,
	  .n_names = BRK_KIND_COUNT },
	{ "action", EFT_ENUM, EV(u.brk.action), .name = break_action_name,
	  .n_names = BA_HANDOFF + 1 },
	{ "filename", EFT_STR, EV(u.brk.filename), EVF_NULL_AS_EMPTY,
	  break_on_exec },
	{ "child_pid", EFT_INT, EV(u.brk.child_pid), 0, break_on_clone,
	  PID_RANGE },
	{ "sig", EFT_SIGNAL, EV(u.brk.sig), 0, break_on_signal },
	{ "zombie_pid", EFT_INT, EV(u.brk.zombie_pid), 0, break_on_zombie,
	  PID_RANGE },
	{ "run", EFT_STR, EV(u.brk.run), EVF_OMIT_EMPTY },
};

/* Which common fields a kind carries, and the rest of its fields. */
static const struct {
	bool pid, tid;
	struct ev_table fields;
} kinds[EV_KIND_COUNT] = {
	[EV_START] = { false, false, TABLE("start", start_rows) },
	[EV_ATTACH] = { true, true, TABLE("attach", attach_rows) },
	[EV_CLONE] = { true, true, TABLE("clone", clone_rows) },
	[EV_EXEC] = { true, true, TABLE("exec", exec_rows) },
	[EV_EXIT] = { true, true, TABLE("exit", exit_rows) },
	[EV_REAP] = { true, true, TABLE("reap", reap_rows) },
	[EV_REPARENT] = { true, false, TABLE("reparent", reparent_rows) },
	[EV_SIGNAL] = { true, true, TABLE("signal", signal_rows) },
	[EV_CREDS] = { true, true, TABLE("creds", creds_rows) },
	[EV_NS] = { true, true, TABLE("ns", ns_rows) },
	[EV_VMA] = { true, false, TABLE("vma", vma_rows) },
	[EV_PLT] = { true, true, TABLE("plt", plt_rows) },
	[EV_STATE] = { true, true, TABLE("state", state_rows) },
	[EV_DETACH] = { true, true, { "detach", NULL, 0 } },
	[EV_END] = { false, false, TABLE("end", end_rows) },
	[EV_NOTICE] = { true, true, TABLE("notice", notice_rows) },
	[EV_JOB] = { true, true, TABLE("job", job_rows) },
	[EV_CGROUP] = { true, false, TABLE("cgroup", cgroup_rows) },
	[EV_BREAK] = { true, true, TABLE("break", break_rows) },
};

const struct ev_table *ev_kind_table(enum ev_kind kind)
{
	return (unsigned)kind < EV_KIND_COUNT ? &kinds[kind].fields : NULL;
}

bool ev_kind_has_pid(enum ev_kind kind)
{
	return (unsigned)kind < EV_KIND_COUNT && kinds[kind].pid;
}

bool ev_kind_has_tid(enum ev_kind kind)
{
	return (unsigned)kind < EV_KIND_COUNT && kinds[kind].tid;
}

/* ---- integers of any width ---- */

long long ev_field_get_int(const void *base, const struct ev_field *f)
{
	const void *p = ev_field_ptr(base, f);
	int8_t i8;
	int16_t i16;
	int32_t i32;
	int64_t i64;

	switch (f->size) {
	case 1:
		memcpy(&i8, p, 1);
		return i8;
	case 2:
		memcpy(&i16, p, 2);
		return i16;
	case 4:
		memcpy(&i32, p, 4);
		return i32;
	default:
		memcpy(&i64, p, 8);
		return i64;
	}
}

void ev_field_set_int(void *base, const struct ev_field *f, long long v)
{
	void *p = (char *)base + f->off;
	int8_t i8 = (int8_t)v;
	int16_t i16 = (int16_t)v;
	int32_t i32 = (int32_t)v;
	int64_t i64 = v;

	switch (f->size) {
	case 1:
		memcpy(p, &i8, 1);
		break;
	case 2:
		memcpy(p, &i16, 2);
		break;
	case 4:
		memcpy(p, &i32, 4);
		break;
	default:
		memcpy(p, &i64, 8);
		break;
	}
}
