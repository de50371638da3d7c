/* text_sink.c - strace-like text lines, one per event (../b/SPEC-CLI.md). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode/decode.h"
#include "output/text_life.h"
#include "output/text_break.h"
#include "output/text_job.h"
#include "output/text_put.h"
#include "output/text_sink.h"

#define TEXT_SINK_BUFSIZE (256 * 1024)

struct text_sink {
	FILE *out;
	bool close_file;
	char *vbuf; /* setvbuf buffer, only when we own out */
	struct text_opts opts;
	uint64_t realtime_ns; /* wall clock at ts 0, from the start event */
	uint64_t prev_ts; /* for -r */
	char prefix[64]; /* timestamp and [PID/TID] of the current event */
	/* start's "not seen" line, written before the first event line (a
	 * failed attach keeps its one error line alone on stderr) */
	char blind[1024];
	struct text_life own_life;
	/* -T, -qq: when each live task was born; &own_life, or the -ff
	 * sink's, which then keeps it up to date */
	struct text_life *life;
};

static bool text_ev_attach(struct text_sink *ts, const struct pt_event *ev)
{
	fputs("attached", ts->out);
	if (ev->u.attach.comm) {
		fputs(" comm=", ts->out);
		text_put_quoted(ts->out, ev->u.attach.comm, -1);
	}
	return false;
}

static bool text_ev_clone(struct text_sink *ts, const struct pt_event *ev)
{
	const struct ev_clone *c = &ev->u.clone;
	FILE *out = ts->out;
	char buf[1024];
	pid_t ret = c->child_tid ? c->child_tid : c->child_pid;

	switch (c->syscall) {
	case CS_FORK:
	case CS_VFORK:
		fprintf(out, "%s() = %d",
			c->syscall == CS_FORK ? "fork" : "vfork",
			(int)c->child_pid);
		return false;
	case CS_CLONE:
		decode_clone_flags(buf, sizeof(buf), c->flags_raw);
		fprintf(out, "clone(%s) = %d", buf, (int)ret);
		break;
	case CS_CLONE3:
		fputs("clone3({flags=", out);
		text_put_clone_flags(out, c->flags);
		fputs(", exit_signal=", out);
		text_put_signal(out, c->exit_signal);
		fprintf(out, "}) = %d", (int)ret);
		break;
	}
	if (c->thread)
		fputs(" (thread)", out);
	return false;
}

static bool text_ev_exec(struct text_sink *ts, const struct pt_event *ev)
{
	const struct ev_exec *x = &ev->u.exec;
	FILE *out = ts->out;

	fputs("execve(", out);
	if (x->filename)
		text_put_quoted(out, x->filename, -1);
	else
		putc('?', out);
	fputs(", ", out);
	/* -s caps argv's elements too (strace); --env shows every variable. */
	text_put_strv(out, &x->argv, ts->opts.strsize, ts->opts.strsize);
	if (x->envp.v) {
		fputs(", env=", out);
		text_put_strv(out, &x->envp, ts->opts.strsize, -1);
	}
	if (!x->ok) {
		fputs(") = -1 ", out);
		text_put_errno(out, x->err);
		return false;
	}
	fputs(") = 0", out);
	if (x->exe) {
		fputs(" <exe ", out);
		text_put_str(out, x->exe);
		putc('>', out);
	}
	if (x->old_tid)
		fprintf(out, " (by thread %d)", (int)x->old_tid);
	text_exec_context(out, x, &ts->opts);
	return false;
}

/* -T: " <1.234567>", or " <1.234567 since attach>" for a task met later. */
static void text_exit_lifetime(struct text_sink *ts, const struct pt_event *ev)
{
	const struct text_life_task *t = text_life_of(ts->life, ev);
	uint64_t ns;

	if (!ts->opts.lifetimes || !t)
		return;
	ns = ev->ts > t->since ? ev->ts - t->since : 0;
	fprintf(ts->out, " <%" PRIu64 ".%06u%s>", ns / 1000000000,
		(unsigned)(ns % 1000000000 / 1000),
		t->born ? "" : " since attach");
}

static bool text_ev_exit(struct text_sink *ts, const struct pt_event *ev)
{
	const struct ev_exit *x = &ev->u.exit;
	FILE *out = ts->out;

	fputs(x->group ? "+++ " : "+++ thread ", out);
	if (!x->code_known) {
		fputs("exited (status unknown)", out);
	} else if (!x->st.signaled) {
		/* strace's words for the line; the status itself is spelt once */
		fprintf(out, "exited with %d", x->st.code);
	} else {
		text_put_status(out, &x->st);
	}
	fputs(" +++", out);
	text_exit_lifetime(ts, ev);
	return false;
}

static bool text_ev_reap(struct text_sink *ts, const struct pt_event *ev)
{
	static const char *const wait_names[] = {
		[WS_UNKNOWN] = NULL,
		[WS_WAIT4] = "wait4",
		[WS_WAITID] = "waitid",
	};
	const struct ev_reap *r = &ev->u.reap;
	FILE *out = ts->out;
	const char *sc = (unsigned)r->syscall < 3 ? wait_names[r->syscall] :
						    NULL;
	char dur[32];

	fprintf(out, "reaped %d (", (int)r->child_pid);
	text_put_status(out, &r->st);
	putc(')', out);
	if (r->zombie_ns >= 0) {
		/* Inferred: noticed late, so the time is an upper bound. */
		text_duration(dur, sizeof(dur), (uint64_t)r->zombie_ns);
		fprintf(out, " after %s%s as zombie", ev->inferred ? "<= " : "",
			dur);
	}
	if (sc)
		fprintf(out, " (%s)", sc);
	/* how it was seen, in the place of the call's name (it says inferred) */
	if (r->via == RV_PIDFD)
		fputs(" (pidfd)", out);
	return r->via == RV_PIDFD;
}

static bool text_ev_reparent(struct text_sink *ts, const struct pt_event *ev)
{
	fprintf(ts->out, "reparented from %d to %d (orphan)",
		(int)ev->u.reparent.old_ppid, (int)ev->u.reparent.new_ppid);
	return false;
}

/* How each signal-sending syscall names its target. */
enum text_target { TT_PID, TT_TID, TT_PID_TID };

static void text_signal_send(FILE *out, const struct ev_signal *s)
{
	static const enum text_target targets[] = {
		[SS_KILL] = TT_PID,
		[SS_TKILL] = TT_TID,
		[SS_TGKILL] = TT_PID_TID,
		[SS_RT_SIGQUEUEINFO] = TT_PID,
		[SS_RT_TGSIGQUEUEINFO] = TT_PID_TID,
		[SS_PIDFD_SEND_SIGNAL] = TT_PID,
	};
	const char *name = event_send_syscall_name(s->syscall);
	enum text_target t = name ? targets[s->syscall] : TT_PID;

	fprintf(out, "%s(", name ? name : "?");
	if (t == TT_TID && s->target_tid)
		fprintf(out, "%d, ", (int)s->target_tid);
	else if (t == TT_PID_TID)
		fprintf(out, "%d, %d, ", (int)s->target_pid,
			(int)s->target_tid);
	else
		fprintf(out, "%d, ", (int)s->target_pid);
	text_put_signal(out, s->sig);
	if (s->result_unknown) {
		fputs(") = ?", out); /* as strace: the sender died inside */
	} else if (s->result) {
		fputs(") = -1 ", out);
		text_put_errno(out, s->result);
	} else {
		fputs(") = 0", out);
	}
}

static void text_signal_deliver(FILE *out, const struct ev_signal *s)
{
	const char *disp = decode_disposition_name(s->disposition);
	char code[48];

	decode_si_code(code, sizeof(code), s->sig, s->code);
	fputs("--- ", out);
	text_put_signal(out, s->sig);
	fprintf(out, " {si_code=%s", code);
	if (s->has_sender)
		fprintf(out, ", si_pid=%d", (int)s->sender_pid);
	if (s->has_addr)
		fprintf(out, ", si_addr=0x%" PRIx64, s->addr);
	putc('}', out);
	if (disp)
		fprintf(out, " %s", disp);
	if (s->orphaned_pgrp)
		fprintf(out, " (orphaned pgrp %d)", (int)s->orphaned_pgrp);
	fputs(" ---", out);
}

static bool text_ev_signal(struct text_sink *ts, const struct pt_event *ev)
{
	const struct ev_signal *s = &ev->u.signal;

	switch (s->kind) {
	case SK_SEND:
		text_signal_send(ts->out, s);
		break;
	case SK_DELIVER:
		text_signal_deliver(ts->out, s);
		break;
	case SK_STOP:
		fputs("--- stopped by ", ts->out);
		text_put_signal(ts->out, s->sig);
		fputs(" ---", ts->out);
		break;
	case SK_CONT:
		fputs("--- continued ---", ts->out);
		break;
	}
	return false;
}

static bool text_groups_equal(const struct ev_cred_set *a,
			      const struct ev_cred_set *b)
{
	if (a->n_groups != b->n_groups)
		return false;
	for (size_t i = 0; i < a->n_groups; i++)
		if (a->groups[i] != b->groups[i])
			return false;
	return true;
}

static bool text_ev_creds(struct text_sink *ts, const struct pt_event *ev)
{
	const struct ev_cap_set_field *caps = ev_cap_sets;
	const struct ev_creds *c = &ev->u.creds;
	const struct ev_cred_set *b = &c->before, *a = &c->after;
	FILE *out = ts->out;
	const char *sep = " ";
	unsigned ib[4], ia[4];

	fputs("creds (", out);
	text_put_str(out, c->cause ? c->cause : "?");
	putc(')', out);
	putc(':', out);
	for (int k = 0; k < 2; k++) {
		for (int i = 0; i < 4; i++) {
			ib[i] = k ? (unsigned)b->gid[i] : (unsigned)b->uid[i];
			ia[i] = k ? (unsigned)a->gid[i] : (unsigned)a->uid[i];
		}
		if (memcmp(ib, ia, sizeof(ib)) == 0)
			continue;
		fprintf(out, "%s%s ", sep, k ? "gid" : "uid");
		text_put_ids(out, ib);
		fputs("->", out);
		text_put_ids(out, ia);
		sep = ", ";
	}
	if (!text_groups_equal(b, a)) {
		fprintf(out, "%sgroups ", sep);
		text_put_groups(out, b);
		fputs("->", out);
		text_put_groups(out, a);
		sep = ", ";
	}
	for (size_t i = 0; i < EV_CAP_SETS; i++) {
		uint64_t vb, va;

		memcpy(&vb, (const char *)b + caps[i].off, sizeof(vb));
		memcpy(&va, (const char *)a + caps[i].off, sizeof(va));
		if (vb == va)
			continue;
		{
			char diff[1024];

			/* names of what was gained/lost: "-CAP_NET_RAW" */
			decode_caps_diff(diff, sizeof(diff), vb, va);
			fprintf(out, "%s%s %s", sep, caps[i].name, diff);
		}
		sep = ", ";
	}
	if (b->no_new_privs != a->no_new_privs) {
		fprintf(out, "%sno_new_privs %d->%d", sep, b->no_new_privs,
			a->no_new_privs);
		sep = ", ";
	}
	if (b->seccomp != a->seccomp) {
		fprintf(out, "%sseccomp %d->%d", sep, b->seccomp, a->seccomp);
		sep = ", ";
	}
	if (sep[0] == ' ')
		fputs(" unchanged", out);
	if (c->note) {
		fputs(" (", out);
		text_put_str(out, c->note);
		putc(')', out);
	}
	return false;
}

static bool text_ev_ns(struct text_sink *ts, const struct pt_event *ev)
{
	const struct ev_ns *n = &ev->u.ns;
	FILE *out = ts->out;
	const char *sep = " ";

	text_put_str(out, n->cause ? n->cause : "?");
	if (n->flags) {
		putc('(', out);
		text_put_clone_flags(out, n->flags);
		putc(')', out);
	}
	putc(':', out);
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		if (!(n->changed & (1u << t)))
			continue;
		fprintf(out, "%s%s %" PRIu64 "->%" PRIu64, sep,
			decode_ns_name(t), n->from[t], n->to[t]);
		sep = ", ";
	}
	if (sep[0] == ' ')
		fputs(" unchanged", out);
	return false;
}

static void text_line_end(struct text_sink *ts, const struct pt_event *ev,
			  bool said_inferred);

/* One line per region; every line carries the event's prefix. */
static bool text_ev_vma(struct text_sink *ts, const struct pt_event *ev)
{
	const struct ev_vma *v = &ev->u.vma;
	const char *op = event_vma_op_name(v->op);
	FILE *out = ts->out;

	if (v->n_regions == 0) {
		fprintf(out, "vma %s (", op ? op : "?");
		text_put_str(out, v->cause ? v->cause : "?");
		fputs("): no regions", out);
		return false;
	}
	for (size_t i = 0; i < v->n_regions; i++) {
		const struct ev_region *r = &v->regions[i];

		if (i) {
			text_line_end(ts, ev, false);
			fputs(ts->prefix, out);
		}
		fprintf(out, "vma %s 0x%" PRIx64 "-0x%" PRIx64 " ",
			op ? op : "?", r->start, r->end);
		text_put_escaped(out, r->perm,
				 strnlen(r->perm, sizeof(r->perm)));
		if (r->path && r->path[0]) {
			putc(' ', out);
			text_put_str(out, r->path);
		}
		if (r->wx)
			fputs(" [wx]", out);
		if (r->exec_new)
			fputs(" [exec_new]", out);
	}
	return false;
}

static bool text_ev_plt(struct text_sink *ts, const struct pt_event *ev)
{
	const struct ev_plt *p = &ev->u.plt;
	FILE *out = ts->out;

	text_put_str(out, p->symbol ? p->symbol : "?");
	fputs("@plt -> ", out);
	if (p->target_object) {
		const char *base = strrchr(p->target_object, '/');

		text_put_str(out, base ? base + 1 : p->target_object);
		putc(':', out);
	}
	text_put_str(out, p->target_sym ? p->target_sym : "?");
	fprintf(out, " (0x%" PRIx64 ") from ", p->target);
	if (p->caller_sym)
		text_put_str(out, p->caller_sym);
	else
		fprintf(out, "0x%" PRIx64, p->caller);
	if (!p->bound)
		fputs(" [lazy]", out);
	return false;
}

static bool text_ev_state(struct text_sink *ts, const struct pt_event *ev)
{
	char from = ev->u.state.from ? ev->u.state.from : '?';
	char to = ev->u.state.to ? ev->u.state.to : '?';

	fputs("state ", ts->out);
	text_put_escaped(ts->out, &from, 1);
	fputs("->", ts->out);
	text_put_escaped(ts->out, &to, 1);
	return false;
}

static bool text_ev_detach(struct text_sink *ts, const struct pt_event *ev)
{
	(void)ev;
	fputs("detached", ts->out);
	return false;
}

static bool text_ev_notice(struct text_sink *ts, const struct pt_event *ev)
{
	fputs("proctrace: ", ts->out);
	text_put_str(ts->out, ev->u.notice.message ? ev->u.notice.message : "");
	return false;
}

static bool text_ev_job(struct text_sink *ts, const struct pt_event *ev)
{
	return text_job_line(ts->out, ev);
}

static bool text_ev_cgroup(struct text_sink *ts, const struct pt_event *ev)
{
	return text_cgroup_line(ts->out, ev);
}

static bool text_ev_break(struct text_sink *ts, const struct pt_event *ev)
{
	return text_break_line(ts->out, ev);
}

/*
 * Text of each kind; NULL prints nothing (start and end frame the stream).
 * pid_only: the event is about a process, its prefix has no thread.
 */
static const struct {
	bool (*text)(struct text_sink *ts, const struct pt_event *ev);
	bool pid_only;
} text_kinds[EV_KIND_COUNT] = {
	[EV_START] = { NULL, false },
	[EV_ATTACH] = { text_ev_attach, false },
	[EV_CLONE] = { text_ev_clone, false },
	[EV_EXEC] = { text_ev_exec, false },
	[EV_EXIT] = { text_ev_exit, false },
	[EV_REAP] = { text_ev_reap, false },
	[EV_REPARENT] = { text_ev_reparent, true },
	[EV_SIGNAL] = { text_ev_signal, false },
	[EV_CREDS] = { text_ev_creds, false },
	[EV_NS] = { text_ev_ns, false },
	[EV_VMA] = { text_ev_vma, true },
	[EV_PLT] = { text_ev_plt, false },
	[EV_STATE] = { text_ev_state, false },
	[EV_DETACH] = { text_ev_detach, false },
	[EV_END] = { NULL, false },
	[EV_NOTICE] = { text_ev_notice, false },
	[EV_JOB] = { text_ev_job, false },
	[EV_CGROUP] = { text_ev_cgroup, true },
	[EV_BREAK] = { text_ev_break, false },
};

/* Timestamp (per -t/-tt/-r) and "[PID] " or "[PID/TID] " into ts->prefix. */
static void text_make_prefix(struct text_sink *ts, const struct pt_event *ev)
{
	char *p = ts->prefix;
	size_t size = sizeof(ts->prefix), n = 0;
	uint64_t wall = ts->realtime_ns + ev->ts;
	time_t secs = (time_t)(wall / 1000000000);
	struct tm tm;
	uint64_t delta;

	switch (ts->opts.ts) {
	case TEXT_TS_NONE:
		break;
	case TEXT_TS_TIME:
	case TEXT_TS_TIME_US:
		if (!localtime_r(&secs, &tm))
			memset(&tm, 0, sizeof(tm));
		n = (size_t)snprintf(p, size, "%02d:%02d:%02d", tm.tm_hour,
				     tm.tm_min, tm.tm_sec);
		if (ts->opts.ts == TEXT_TS_TIME_US)
			n += (size_t)snprintf(
				p + n, size - n, ".%06u",
				(unsigned)(wall % 1000000000 / 1000));
		n += (size_t)snprintf(p + n, size - n, " ");
		break;
	case TEXT_TS_EPOCH_US:
		n = (size_t)snprintf(p, size, "%" PRIu64 ".%06u ",
				     wall / 1000000000,
				     (unsigned)(wall % 1000000000 / 1000));
		break;
	case TEXT_TS_RELATIVE:
		/* An inferred event may carry a ts before the previous one. */
		delta = ev->ts > ts->prev_ts ? ev->ts - ts->prev_ts : 0;
		n = (size_t)snprintf(p, size, "%6" PRIu64 ".%06" PRIu64 " ",
				     delta / 1000000000,
				     delta % 1000000000 / 1000);
		break;
	}
	if (ts->opts.no_pid)
		return; /* -ff: the file names the task */
	if (text_kinds[ev->kind].pid_only || ev->tid == ev->pid || ev->tid == 0)
		snprintf(p + n, size - n, "[%d] ", (int)ev->pid);
	else
		snprintf(p + n, size - n, "[%d/%d] ", (int)ev->pid,
			 (int)ev->tid);
}

static void text_line_end(struct text_sink *ts, const struct pt_event *ev,
			  bool said_inferred)
{
	if (ev->inferred && !said_inferred)
		fputs(" (inferred)", ts->out);
	putc('\n', ts->out);
}

/* The header of a trace without syscall stops: what it cannot show. */
static void text_start_blind(char *buf, size_t size, const struct ev_start *s)
{
	size_t n;

	buf[0] = '\0';
	if (!s->n_blind)
		return;
	n = (size_t)snprintf(buf, size, "--- no syscall stops (%s): not seen: ",
			     s->attach_mode ? "-p without --exact" :
					      "--no-seccomp or --on-break");
	for (size_t i = 0; i < s->n_blind && n < size; i++) {
		const char *text = event_blind_text(s->blind[i]);

		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? "; " : "",
				      text ? text : s->blind[i]);
	}
	if (n < size)
		snprintf(buf + n, size - n, " ---\n");
}

/* -q: no attach/detach lines; -qq: nor exits of tasks not seen born. */
static bool text_quieted(const struct text_sink *ts, const struct pt_event *ev)
{
	const struct text_life_task *t;

	if (ts->opts.quiet >= 1 &&
	    (ev->kind == EV_ATTACH || ev->kind == EV_DETACH))
		return true;
	if (ts->opts.quiet < 2 || ev->kind != EV_EXIT)
		return false;
	t = text_life_of(ts->life, ev);
	return !t || !t->born;
}

static void text_sink_event(void *ctx, const struct pt_event *ev)
{
	struct text_sink *ts = ctx;

	if ((unsigned)ev->kind >= EV_KIND_COUNT)
		return;
	if (ev->kind == EV_START) {
		ts->realtime_ns = ev->u.start.realtime_ns;
		ts->prev_ts = ev->ts;
		text_start_blind(ts->blind, sizeof(ts->blind), &ev->u.start);
	}
	bool own_life = ts->life == &ts->own_life;

	if (own_life && (ts->opts.lifetimes || ts->opts.quiet >= 2))
		text_life_event(ts->life, ev);
	if (text_kinds[ev->kind].text && !text_quieted(ts, ev)) {
		fputs(ts->blind, ts->out);
		ts->blind[0] = '\0';
		text_make_prefix(ts, ev);
		fputs(ts->prefix, ts->out);
		text_line_end(ts, ev, text_kinds[ev->kind].text(ts, ev));
		for (size_t i = 0; ev->stack && i < ev->n_stack; i++)
			text_put_frame(ts->out, &ev->stack[i]);
	}
	if (own_life && ev->kind == EV_EXIT)
		text_life_forget(ts->life, ev);
	ts->prev_ts = ev->ts;
}

static void text_sink_flush(void *ctx)
{
	struct text_sink *ts = ctx;

	fflush(ts->out);
}

static int text_sink_close(void *ctx)
{
	struct text_sink *ts = ctx;
	int ret = 0, err = 0;

	/* An earlier failed write leaves only the error flag: say EIO then. */
	if (fflush(ts->out) != 0) {
		ret = -1;
		err = errno;
	} else if (ferror(ts->out)) {
		ret = -1;
		err = EIO;
	}
	if (ts->close_file && fclose(ts->out) != 0 && ret == 0) {
		ret = -1;
		err = errno;
	}
	free(ts->vbuf);
	text_life_free(&ts->own_life);
	free(ts);
	if (ret)
		errno = err;
	return ret;
}

void *text_sink_new(FILE *out, bool close_file, const struct text_opts *opts)
{
	struct text_sink *ts = calloc(1, sizeof(*ts));

	if (!ts)
		return NULL;
	ts->out = out;
	ts->close_file = close_file;
	ts->life = &ts->own_life;
	if (opts)
		ts->opts = *opts;
	else
		ts->opts.strsize = 32;
	if (close_file) {
		ts->vbuf = malloc(TEXT_SINK_BUFSIZE);
		if (ts->vbuf &&
		    setvbuf(out, ts->vbuf, _IOFBF, TEXT_SINK_BUFSIZE) != 0) {
			free(ts->vbuf);
			ts->vbuf = NULL;
		}
	}
	return ts;
}

void text_sink_share_life(void *ctx, struct text_life *life)
{
	struct text_sink *ts = ctx;

	ts->life = life;
}

const struct sink_ops text_sink_ops = {
	.name = "text",
	.event = text_sink_event,
	.flush = text_sink_flush,
	.close = text_sink_close,
};
