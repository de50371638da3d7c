/* tui_live.c - the terminal UI on a live trace: a tui_source over the engine and /proc, the model as a sink, the view as an observer. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <seccomp.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cli/tui_sources.h"
#include "cli/tui_usage.h"
#include "decode/decode.h"
#include "model/model.h"
#include "proc/procfs.h"
#include "proc/procinfo.h"
#include "tui/tui.h"

struct tui_live;

/* One pty's observer: its master polled by the tracer's loop. */
struct tui_live_pty {
	struct tui_live *l;
	enum tui_pty which;
};

struct tui_live {
	struct tracer *t;
	struct model *m;
	struct tui *u;
	char tty_path[512]; /* "" in attach mode: not captured */
	const char *debugger; /* --debugger CMD, {pid} to replace */
	struct tui_usage *usage; /* the tree's CPU% and RSS, NULL: "-" */
	struct tui_live_pty ptys[TUI_PTY_COUNT];
};

/* ---- the source ---- */

static uint64_t tui_live_now(void *ctx)
{
	struct tui_live *l = ctx;

	return engine_now(l->t);
}

static bool tui_live_trace_over(void *ctx)
{
	struct tui_live *l = ctx;

	return !l->t->tasks.n_tasks;
}

/*
 * /proc's letter, but 't' (a ptrace stop) is not the program's state: it
 * is a moment of the tracer's making, or a group stop the model already
 * shows as T from its stop event; unless the task is held at a --break.
 */
static char tui_live_state(void *ctx, pid_t tid)
{
	struct tui_live *l = ctx;
	struct task *task = tasks_find(&l->t->tasks, tid);
	struct proc_stat st;

	if (procfs_stat(tid, &st) < 0)
		return 0;
	/* Held at a --break: stopped for the user, shown as such. */
	if (st.state == 't')
		return task && task->state == TS_BREAK ? 't' : 0;
	return st.state;
}

static size_t tui_live_info(void *ctx, pid_t pid, char *buf, size_t size)
{
	struct procinfo pi;
	struct decode_buf b;
	char cwd[256], set[4][256];

	(void)ctx;
	procinfo_read(pid, &pi);
	if (!pi.ok)
		return 0;
	decode_buf_init(&b, buf, size);
	text_escape(cwd, sizeof(cwd), pi.cwd, strlen(pi.cwd));
	decode_buf_printf(&b, "ppid %d  pgid %d  sid %d  tracer %d  cwd %s\n",
			  (int)pi.ppid, (int)pi.pgid, (int)pi.sid,
			  (int)pi.tracer_pid, cwd);
	decode_buf_printf(&b,
			  "creds ruid %u euid %u suid %u fsuid %u  "
			  "rgid %u egid %u sgid %u fsgid %u\n",
			  pi.uid[0], pi.uid[1], pi.uid[2], pi.uid[3], pi.gid[0],
			  pi.gid[1], pi.gid[2], pi.gid[3]);
	decode_buf_puts(&b, "ns");
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		decode_buf_printf(&b, " %s:%" PRIu64, decode_ns_name(t),
				  pi.ns[t]);
	decode_buf_puts(&b, "\n");
	if (pi.n_nspid > 1) {
		decode_buf_puts(&b, "nested pids (outermost first):");
		for (size_t i = 0; i < pi.n_nspid; i++)
			decode_buf_printf(&b, " %d", (int)pi.nspid[i]);
		decode_buf_puts(&b, "\n");
	}
	procinfo_sigset(set[0], sizeof(set[0]), pi.sig_blk);
	procinfo_sigset(set[1], sizeof(set[1]), pi.sig_ign);
	procinfo_sigset(set[2], sizeof(set[2]), pi.sig_cgt);
	procinfo_sigset(set[3], sizeof(set[3]), pi.sig_pnd | pi.shd_pnd);
	decode_buf_printf(&b, "blocked %s  ignored %s\n", set[0], set[1]);
	decode_buf_printf(&b, "caught %s  pending %s\n", set[2], set[3]);
	decode_buf_printf(&b, "memory: VmSize %lu kB  RSS %lu kB  %lu mappings",
			  pi.vm_size_kb, pi.vm_rss_kb, pi.n_maps);
	return 1;
}

/* The syscall pid is blocked in and its first arguments (/proc/PID/syscall). */
static void tui_live_syscall(pid_t pid, struct tui_parent_facts *f)
{
	char buf[256], *p = buf, *end;
	char *name;

	f->syscall_nr = -2;
	if (procfs_read(pid, "syscall", buf, sizeof(buf)) < 0)
		return;
	if (strncmp(buf, "running", 7) == 0) {
		f->syscall_nr = -1;
		return;
	}
	f->syscall_nr = strtol(p, &end, 10);
	if (end == p) {
		f->syscall_nr = -2;
		return;
	}
	/* the arguments follow the number (proc(5): "syscall") */
	for (size_t i = 0; i < 4; i++) {
		p = end;
		f->sc_args[i] = (int64_t)strtoull(p, &end, 16);
	}
	f->in_wait = f->syscall_nr == SYS_wait4	 ? WS_WAIT4 :
		     f->syscall_nr == SYS_waitid ? WS_WAITID :
						   WS_UNKNOWN;
	name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE,
						(int)f->syscall_nr);
	snprintf(f->syscall, sizeof(f->syscall), "%s", name ? name : "");
	free(name);
}

/*
 * The parent of a zombie now (/proc), and the last wait the tracer saw it
 * make.  The arguments in /proc/PID/syscall are those of the call it
 * sits in; the tracer's record also covers a parent between two waits.
 */
static int tui_live_parent_facts(void *ctx, pid_t ppid,
				 struct tui_parent_facts *f)
{
	struct tui_live *l = ctx;
	struct engine_wait w;
	struct procinfo pi;
	int traced;

	memset(f, 0, sizeof(*f));
	procinfo_read(ppid, &pi);
	f->alive = pi.ok;
	f->state = pi.state;
	f->pgid = pi.pgid;
	f->sig_blk = pi.sig_blk;
	f->sig_ign = pi.sig_ign;
	f->sig_cgt = pi.sig_cgt;
	tui_live_syscall(ppid, f);
	traced = engine_last_wait(l->t, ppid, &w);
	if (traced == 0 && w.seen) {
		uint64_t now = engine_now(l->t);

		f->wait_seen = true;
		f->wait_kind = w.nr == SYS_waitid ? WS_WAITID : WS_WAIT4;
		f->wait_a0 = w.a0;
		f->wait_a1 = w.a1;
		f->wait_options = w.options;
		f->wait_age_s = (double)(now > w.ts ? now - w.ts : 0) / 1e9;
	}
	return traced;
}

static int tui_live_usage(void *ctx, pid_t pid, double *cpu_pct,
			  unsigned long *rss_kib)
{
	struct tui_live *l = ctx;

	return tui_usage_read(l->usage, pid, cpu_pct, rss_kib);
}

static int tui_live_send(void *ctx, pid_t pid, int sig)
{
	(void)ctx;
	return kill(pid, sig);
}

static int tui_live_detach(void *ctx, pid_t pid, const char **why)
{
	struct tui_live *l = ctx;

	return engine_detach_proc(l->t, pid, why);
}

/*
 * q on a live trace: attached tracees are let go; a launched command gets
 * SIGTERM, so its handlers run, and a second q kills its tree.
 */
static void tui_live_quit(void *ctx, char *msg, size_t size)
{
	struct tui_live *l = ctx;
	struct tracer *t = l->t;

	msg[0] = '\0';
	switch (engine_request_quit(t, SIGTERM)) {
	case EQ_DETACH:
		break;
	case EQ_SENT:
		if (t->root_done)
			snprintf(
				msg, size,
				"sent SIGTERM to the rest of the command's tree (q again: SIGKILL)");
		else
			snprintf(msg, size,
				 "sent SIGTERM to %d (q again: SIGKILL)",
				 (int)t->root_pid);
		break;
	case EQ_KILL:
		snprintf(msg, size, "killing the traced processes (SIGKILL)");
		break;
	}
}

static int tui_live_wake_fd(void *ctx)
{
	struct tui_live *l = ctx;

	return engine_signal_fd(l->t);
}

/* A signal for proctrace after the trace: a terminating one ends the view. */
static bool tui_live_woken(void *ctx)
{
	struct tui_live *l = ctx;

	engine_read_signals(l->t);
	return l->t->quit_signal != 0;
}

/* ---- --break: the tracer's breakpoints for the view's keys and menu ---- */

static bool tui_live_brk_held(void *ctx, pid_t pid)
{
	struct tui_live *l = ctx;
	struct proc *proc = tasks_find_proc(&l->t->tasks, pid);

	for (struct task *th = proc ? proc->threads : NULL; th;
	     th = th->sib_next)
		if (th->state == TS_BREAK)
			return true;
	return false;
}

static int tui_live_brk_continue(void *ctx, pid_t pid, bool step)
{
	struct tui_live *l = ctx;

	return breaks_continue(l->t, pid, step);
}

static size_t tui_live_brk_list(void *ctx, size_t i, char *buf, size_t size)
{
	struct tui_live *l = ctx;

	return breaks_list(l->t, i, buf, size);
}

static int tui_live_brk_add(void *ctx, const char *spec, char *err, size_t size)
{
	struct tui_live *l = ctx;

	return breaks_add(l->t, spec, err, size);
}

static int tui_live_brk_del(void *ctx, size_t i)
{
	struct tui_live *l = ctx;

	return breaks_delete(l->t, i);
}

/* g: the engine's hand-off, the debugger on a pty of the view's. */
static int tui_live_brk_debug(void *ctx, pid_t pid, char *err, size_t size)
{
	struct tui_live *l = ctx;
	const char *why;
	int slave, rc;

	/* a new pty would hang up the running debugger (SIGHUP) */
	if (tui_pty_fd(l->u, TUI_PTY_DEBUGGER) >= 0) {
		snprintf(err, size, "a debugger already runs in the pane");
		return -1;
	}
	slave = tui_pty_open(l->u, TUI_PTY_DEBUGGER, NULL, err, size);
	if (slave < 0)
		return -1;
	rc = breaks_debug(l->t, pid, l->debugger, slave, &why);
	close(slave);
	if (rc < 0) {
		tui_pty_close(l->u, TUI_PTY_DEBUGGER);
		snprintf(err, size, "%s", why);
	}
	return rc;
}

static const struct tui_source_ops tui_live_source = {
	.now = tui_live_now,
	.trace_over = tui_live_trace_over,
	.state = tui_live_state,
	.live_info = tui_live_info,
	.parent_facts = tui_live_parent_facts,
	.usage = tui_live_usage,
	.send = tui_live_send,
	.detach = tui_live_detach,
	.quit = tui_live_quit,
	.wake_fd = tui_live_wake_fd,
	.woken = tui_live_woken,
	.brk_held = tui_live_brk_held,
	.brk_continue = tui_live_brk_continue,
	.brk_list = tui_live_brk_list,
	.brk_add = tui_live_brk_add,
	.brk_del = tui_live_brk_del,
	.brk_debug = tui_live_brk_debug,
};

/* ---- the view as an observer of the tracer's loop ---- */

static int tui_live_poll_fd(void *ctx)
{
	struct tui_live *l = ctx;

	return tui_on(l->u) ? 0 : -1;
}

static void tui_live_readable(void *ctx, struct tracer *t)
{
	struct tui_live *l = ctx;

	if (!tui_input(l->u, engine_now(t)))
		engine_hangup(t);
}

static int tui_live_timeout(void *ctx, struct tracer *t, uint64_t now)
{
	struct tui_live *l = ctx;

	(void)t;
	return tui_timeout_ms(l->u, now);
}

static void tui_live_tick(void *ctx, struct tracer *t, uint64_t now)
{
	struct tui_live *l = ctx;

	/* A resize arrives as KEY_RESIZE without the fd turning readable. */
	tui_live_readable(ctx, t);
	tui_tick(l->u, now);
}

/*
 * The trace is over: keep showing it until q (unless q ended it), a
 * terminating signal, or the terminal going away.
 */
static void tui_live_finish(void *ctx, struct tracer *t)
{
	struct tui_live *l = ctx;

	tui_pty_drain(l->u, TUI_PTY_PROGRAM);
	if (t->quit_signal)
		tui_stop(l->u);
	else
		tui_run(l->u);
	/* A debugger in the pane loses its terminal (SIGHUP), not waited on. */
	tui_pty_close(l->u, TUI_PTY_DEBUGGER);
}

/* A pty of the view's (the program's, the debugger's): read in the loop. */
static int tui_live_pty_fd(void *ctx)
{
	struct tui_live_pty *p = ctx;

	return tui_pty_fd(p->l->u, p->which);
}

static void tui_live_pty_readable(void *ctx, struct tracer *t)
{
	struct tui_live_pty *p = ctx;

	(void)t;
	tui_pty_readable(p->l->u, p->which);
}

static const struct observer_ops tui_live_pty_obs_ops = {
	.name = "tui-pty",
	.poll_fd = tui_live_pty_fd,
	.readable = tui_live_pty_readable,
};

static const struct observer_ops tui_live_obs_ops = {
	.name = "tui",
	.poll_fd = tui_live_poll_fd,
	.readable = tui_live_readable,
	.timeout_ms = tui_live_timeout,
	.tick = tui_live_tick,
	.finish = tui_live_finish,
};

/* ---- the model as the live sink; close frees it and the view ---- */

static void tui_live_event(void *ctx, const struct pt_event *ev)
{
	struct tui_live *l = ctx;
	struct proc_stat st;

	model_event(l->m, ev);
	/*
	 * An attach event carries no parent (EVENTS.md): this view is live, so
	 * /proc tells it, and -p --tree shows a tree.  A replay keeps them roots.
	 */
	if (ev->kind == EV_ATTACH && ev->pid == ev->tid &&
	    procfs_stat(ev->pid, &st) == 0 && st.ppid > 0)
		model_set_ppid(l->m, ev->pid, st.ppid);
	if (ev->kind == EV_BREAK)
		tui_break_hit(l->u, ev);
	tui_touch(l->u);
}

static void tui_live_flush(void *ctx)
{
	(void)ctx;
}

static void tui_live_free(struct tui_live *l)
{
	tui_free(l->u);
	tui_usage_free(l->usage);
	model_free(l->m);
	free(l);
}

static int tui_live_close(void *ctx)
{
	tui_live_free(ctx);
	return 0;
}

static const struct sink_ops tui_live_sink_ops = {
	.name = "tui",
	.event = tui_live_event,
	.flush = tui_live_flush,
	.close = tui_live_close,
};

/* Made here so a bad path is one clear line, not a dead child. */
static int tui_live_make_tty(struct tui_live *l, const char *path)
{
	int fd;

	snprintf(l->tty_path, sizeof(l->tty_path), "%s", path);
	fd = open(l->tty_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "proctrace: cannot open %s: %s\n", l->tty_path,
			strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

static int tui_live_observe_ptys(struct tui_live *l, struct tracer *t)
{
	for (int i = 0; i < TUI_PTY_COUNT; i++) {
		l->ptys[i] = (struct tui_live_pty){ l, i };
		if (observers_add(&t->obs, &tui_live_pty_obs_ops, &l->ptys[i]) <
		    0)
			return -1;
	}
	return 0;
}

/* The launched command's terminal: the pane's pty (launch.c takes the slave). */
static int tui_live_open_pty(struct tui_live *l, struct tracer *t)
{
	char err[256];
	int slave = tui_pty_open(l->u, TUI_PTY_PROGRAM,
				 l->tty_path[0] ? l->tty_path : NULL, err,
				 sizeof(err));

	if (slave < 0) {
		tui_stop(l->u);
		fprintf(stderr, "proctrace: %s (try --no-pty)\n", err);
		return -1;
	}
	t->launch_pty = true;
	t->launch_pty_fd = slave;
	return 0;
}

int tui_register(struct tracer *t, const struct options *o)
{
	struct text_opts topts = options_text_opts(o);
	struct tui_source src = { &tui_live_source, NULL };
	struct tui_opts uo = { .no_color = o->no_color,
			       .escape = text_escape,
			       .duration = text_duration };
	struct tui_live *l;

	if (!o->tui)
		return 0;
	l = calloc(1, sizeof(*l));
	if (!l || !(l->m = text_lines_model_new(&topts))) {
		free(l);
		fprintf(stderr, "proctrace: out of memory\n");
		return -1;
	}
	l->t = t;
	l->debugger = o->debugger ? o->debugger : "gdb -p {pid}";
	t->brk.ui = true; /* breakpoints may be added from the menu */
	l->usage = tui_usage_new(); /* NULL: the columns show "-" */
	src.ctx = l;
	/* the pane's copy is only made when asked for, --no-pty's always */
	if (!o->trace.n_pids && (o->no_pty || o->tty_out)) {
		if (tui_live_make_tty(l, o->trace.stdio_path) < 0)
			goto fail;
		uo.tty_path = l->tty_path;
	}
	l->u = tui_new(l->m, &src, NULL, &uo);
	if (!l->u) {
		fprintf(stderr, "proctrace: out of memory\n");
		goto fail;
	}
	if (tui_start(l->u) < 0)
		goto fail;
	if (!o->trace.n_pids && !o->no_pty && tui_live_open_pty(l, t) < 0)
		goto fail;
	if (sinks_add(&t->sinks, &tui_live_sink_ops, l, EVC_ALL) < 0 ||
	    observers_add(&t->obs, &tui_live_obs_ops, l) < 0 ||
	    tui_live_observe_ptys(l, t) < 0) {
		tui_stop(l->u);
		fprintf(stderr,
			"proctrace: too many sinks or observers for --tui\n");
		goto fail;
	}
	return 0;
fail:
	tui_live_free(l);
	return -1;
}
