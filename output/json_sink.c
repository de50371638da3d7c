/* json_sink.c - the JSON Lines event log: one object per event (../shared/EVENTS.md). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "output/json_sink.h"
#include "event/jsonstr.h"

/* Buffer of a log file the sink owns; flushed at least once a second anyway. */
#define JSON_SINK_BUFSIZE (256 * 1024)

struct json_sink {
	FILE *out;
	bool close_file;
	char *vbuf; /* setvbuf buffer, only when we own out */
};

/* ---- values ---- */

/* A string from the tracee (or anything else): NULL becomes null. */
static void json_str(FILE *out, const char *s)
{
	if (s)
		jsonstr_write(out, s, strlen(s));
	else
		fputs("null", out);
}

static void json_bool(FILE *out, bool b)
{
	fputs(b ? "true" : "false", out);
}

static void json_hex(FILE *out, uint64_t v)
{
	fprintf(out, "\"0x%" PRIx64 "\"", v);
}

/* Signal name; unknown ones come back from the decoder as "SIG42". */
static void json_signal(FILE *out, int sig)
{
	char name[32];

	decode_signal(name, sizeof(name), sig);
	jsonstr_write(out, name, strlen(name));
}

static void json_errno(FILE *out, int err)
{
	char name[32];

	decode_errno(name, sizeof(name), err);
	jsonstr_write(out, name, strlen(name));
}

static void json_strv(FILE *out, const struct ev_strv *sv)
{
	if (!sv->v) {
		fputs("null", out);
		return;
	}
	putc('[', out);
	for (size_t i = 0; sv->v[i]; i++) {
		if (i)
			putc(',', out);
		json_str(out, sv->v[i]);
	}
	putc(']', out);
}

/*
 * CLONE_* names of flags as an array; bits without a name are not dropped
 * but written as one hex string at the end (as strace prints the residue).
 */
static void json_clone_flags(FILE *out, uint64_t flags)
{
	const char *names[64];
	size_t n_tab, n, shown;
	const struct xlat *tab = decode_clone_flag_table(&n_tab);
	uint64_t residue = flags;

	n = xlat_flag_names(tab, n_tab, flags, names, 64, &residue);
	shown = n < 64 ? n : 64;
	putc('[', out);
	for (size_t i = 0; i < shown; i++)
		fprintf(out, "%s\"%s\"", i ? "," : "", names[i]);
	if (residue)
		fprintf(out, "%s\"0x%" PRIx64 "\"", shown ? "," : "", residue);
	putc(']', out);
}

/* {"code":N} or {"signal":"SIGX","core":bool} */
static void json_status(FILE *out, const struct ev_status *st)
{
	if (st->signaled) {
		fputs("{\"signal\":", out);
		json_signal(out, st->sig);
		fputs(",\"core\":", out);
		json_bool(out, st->core);
		putc('}', out);
	} else {
		fprintf(out, "{\"code\":%d}", st->code);
	}
}

static void json_cred_set(FILE *out, const struct ev_cred_set *c)
{
	fprintf(out,
		"{\"uid\":[%u,%u,%u,%u],\"gid\":[%u,%u,%u,%u],\"groups\":[",
		(unsigned)c->uid[0], (unsigned)c->uid[1], (unsigned)c->uid[2],
		(unsigned)c->uid[3], (unsigned)c->gid[0], (unsigned)c->gid[1],
		(unsigned)c->gid[2], (unsigned)c->gid[3]);
	for (size_t i = 0; i < c->n_groups && c->groups; i++)
		fprintf(out, "%s%u", i ? "," : "", (unsigned)c->groups[i]);
	fprintf(out,
		"],\"cap_eff\":\"0x%" PRIx64 "\",\"cap_prm\":\"0x%" PRIx64
		"\",\"cap_inh\":\"0x%" PRIx64 "\",\"cap_bnd\":\"0x%" PRIx64
		"\",\"cap_amb\":\"0x%" PRIx64
		"\",\"no_new_privs\":%s,\"seccomp\":%d}",
		c->cap_eff, c->cap_prm, c->cap_inh, c->cap_bnd, c->cap_amb,
		c->no_new_privs ? "true" : "false", c->seccomp);
}

static void json_frame(FILE *out, const struct ev_frame *f)
{
	fputs("{\"ip\":", out);
	json_hex(out, f->ip);
	if (f->sym) {
		fputs(",\"sym\":", out);
		json_str(out, f->sym);
	}
	/* off: from the symbol, or from the module's start when no symbol. */
	if (f->sym || f->module) {
		fputs(",\"off\":", out);
		json_hex(out, f->off);
	}
	if (f->module) {
		fputs(",\"module\":", out);
		json_str(out, f->module);
	}
	if (f->file) {
		fputs(",\"file\":", out);
		json_str(out, f->file);
		fprintf(out, ",\"line\":%d", f->line);
	}
	putc('}', out);
}

/* ---- one function per event kind: the fields after the common ones ---- */

static void json_ev_start(FILE *out, const struct pt_event *ev)
{
	const struct ev_start *s = &ev->u.start;

	fprintf(out, ",\"schema\":%d,\"tool\":", s->schema);
	json_str(out, s->tool);
	fputs(",\"version\":", out);
	json_str(out, s->version);
	fprintf(out, ",\"mode\":\"%s\"", s->attach_mode ? "attach" : "run");
	if (s->attach_mode) {
		fputs(",\"attach_pids\":[", out);
		for (size_t i = 0; i < s->n_attach_pids; i++)
			fprintf(out, "%s%d", i ? "," : "",
				(int)s->attach_pids[i]);
		putc(']', out);
	} else {
		fputs(",\"argv\":", out);
		json_strv(out, &s->argv);
	}
	fputs(",\"kernel\":", out);
	json_str(out, s->kernel);
	fprintf(out, ",\"realtime_ns\":%" PRIu64, s->realtime_ns);
	if (s->n_blind) {
		fputs(",\"blind\":[", out);
		for (size_t i = 0; i < s->n_blind; i++) {
			if (i)
				putc(',', out);
			json_str(out, s->blind[i]);
		}
		putc(']', out);
	}
}

static void json_ev_attach(FILE *out, const struct pt_event *ev)
{
	fputs(",\"comm\":", out);
	json_str(out, ev->u.attach.comm);
}

static void json_ev_clone(FILE *out, const struct pt_event *ev)
{
	const struct ev_clone *c = &ev->u.clone;

	fprintf(out, ",\"child_pid\":%d,\"child_tid\":%d,\"syscall\":",
		(int)c->child_pid, (int)c->child_tid);
	json_str(out, event_clone_syscall_name(c->syscall));
	fputs(",\"flags\":", out);
	json_clone_flags(out, c->flags);
	fputs(",\"flags_raw\":", out);
	json_hex(out, c->flags_raw);
	fputs(",\"thread\":", out);
	json_bool(out, c->thread);
	fputs(",\"exit_signal\":", out);
	if (c->exit_signal)
		json_signal(out, c->exit_signal);
	else
		fputs("null", out);
}

static void json_ev_exec(FILE *out, const struct pt_event *ev)
{
	const struct ev_exec *x = &ev->u.exec;

	fputs(",\"ok\":", out);
	json_bool(out, x->ok);
	fputs(",\"filename\":", out);
	json_str(out, x->filename);
	fputs(",\"argv\":", out);
	json_strv(out, &x->argv);
	if (x->argv.truncated)
		fputs(",\"argv_truncated\":true", out);
	if (x->envp.v) {
		fputs(",\"env\":", out);
		json_strv(out, &x->envp);
		if (x->envp.truncated)
			fputs(",\"env_truncated\":true", out);
	}
	if (x->ok) {
		fputs(",\"exe\":", out);
		json_str(out, x->exe);
		fputs(",\"comm\":", out);
		json_str(out, x->comm);
		if (x->old_tid)
			fprintf(out, ",\"old_tid\":%d", (int)x->old_tid);
	} else {
		fputs(",\"errno\":", out);
		json_errno(out, x->err);
	}
}

static void json_ev_exit(FILE *out, const struct pt_event *ev)
{
	const struct ev_exit *x = &ev->u.exit;

	fputs(",\"group\":", out);
	json_bool(out, x->group);
	if (x->code_known && !x->st.signaled)
		fprintf(out, ",\"code\":%d", x->st.code);
	else
		fputs(",\"code\":null", out);
	fputs(",\"signal\":", out);
	if (x->code_known && x->st.signaled)
		json_signal(out, x->st.sig);
	else
		fputs("null", out);
	fputs(",\"core\":", out);
	json_bool(out, x->code_known && x->st.signaled && x->st.core);
}

static void json_ev_reap(FILE *out, const struct pt_event *ev)
{
	static const char *const wait_names[] = {
		[WS_UNKNOWN] = NULL,
		[WS_WAIT4] = "wait4",
		[WS_WAITID] = "waitid",
	};
	const struct ev_reap *r = &ev->u.reap;
	const char *sc = (unsigned)r->syscall < 3 ? wait_names[r->syscall] :
						    NULL;

	fprintf(out, ",\"child_pid\":%d,\"syscall\":", (int)r->child_pid);
	json_str(out, sc);
	fputs(",\"status\":", out);
	json_status(out, &r->st);
	if (r->zombie_ns >= 0)
		fprintf(out, ",\"zombie_ns\":%" PRId64, r->zombie_ns);
	else
		fputs(",\"zombie_ns\":null", out);
}

static void json_ev_reparent(FILE *out, const struct pt_event *ev)
{
	fprintf(out, ",\"old_ppid\":%d,\"new_ppid\":%d",
		(int)ev->u.reparent.old_ppid, (int)ev->u.reparent.new_ppid);
}

static void json_ev_signal(FILE *out, const struct pt_event *ev)
{
	const struct ev_signal *s = &ev->u.signal;
	char code[48];

	fputs(",\"kind\":", out);
	json_str(out, event_sig_kind_name(s->kind));
	fputs(",\"sig\":", out);
	json_signal(out, s->sig);
	switch (s->kind) {
	case SK_SEND:
		fprintf(out, ",\"target_pid\":%d", (int)s->target_pid);
		if (s->target_tid)
			fprintf(out, ",\"target_tid\":%d", (int)s->target_tid);
		else
			fputs(",\"target_tid\":null", out);
		fputs(",\"syscall\":", out);
		json_str(out, event_send_syscall_name(s->syscall));
		fputs(",\"result\":", out);
		if (s->result_unknown)
			fputs("null", out);
		else if (s->result)
			json_errno(out, s->result);
		else
			putc('0', out);
		break;
	case SK_DELIVER:
		decode_si_code(code, sizeof(code), s->sig, s->code);
		fputs(",\"code\":", out);
		jsonstr_write(out, code, strlen(code));
		if (s->has_sender)
			fprintf(out, ",\"sender_pid\":%d", (int)s->sender_pid);
		if (s->has_addr) {
			fputs(",\"addr\":", out);
			json_hex(out, s->addr);
		}
		fputs(",\"disposition\":", out);
		json_str(out, event_disposition_name(s->disposition));
		break;
	case SK_STOP:
	case SK_CONT:
		break;
	}
}

static void json_ev_creds(FILE *out, const struct pt_event *ev)
{
	const struct ev_creds *c = &ev->u.creds;

	fputs(",\"cause\":", out);
	json_str(out, c->cause);
	fputs(",\"before\":", out);
	json_cred_set(out, &c->before);
	fputs(",\"after\":", out);
	json_cred_set(out, &c->after);
	if (c->note) {
		fputs(",\"note\":", out);
		json_str(out, c->note);
	}
}

static void json_ev_ns(FILE *out, const struct pt_event *ev)
{
	const struct ev_ns *n = &ev->u.ns;
	bool first = true;

	fputs(",\"cause\":", out);
	json_str(out, n->cause);
	fputs(",\"changed\":{", out);
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		if (!(n->changed & (1u << t)))
			continue;
		fprintf(out,
			"%s\"%s\":{\"from\":%" PRIu64 ",\"to\":%" PRIu64 "}",
			first ? "" : ",", event_ns_type_name(t), n->from[t],
			n->to[t]);
		first = false;
	}
	putc('}', out);
	if (n->flags) {
		fputs(",\"flags\":", out);
		json_clone_flags(out, n->flags);
	}
}

static void json_ev_vma(FILE *out, const struct pt_event *ev)
{
	const struct ev_vma *v = &ev->u.vma;

	fputs(",\"op\":", out);
	json_str(out, event_vma_op_name(v->op));
	fputs(",\"cause\":", out);
	json_str(out, v->cause);
	fputs(",\"regions\":[", out);
	for (size_t i = 0; i < v->n_regions; i++) {
		const struct ev_region *r = &v->regions[i];

		fprintf(out,
			"%s{\"start\":\"0x%" PRIx64 "\",\"end\":\"0x%" PRIx64
			"\",\"perm\":",
			i ? "," : "", r->start, r->end);
		jsonstr_write(out, r->perm, strnlen(r->perm, sizeof(r->perm)));
		fprintf(out,
			",\"offset\":\"0x%" PRIx64 "\",\"path\":", r->offset);
		json_str(out, r->path ? r->path : "");
		if (r->wx)
			fputs(",\"wx\":true", out);
		if (r->exec_new)
			fputs(",\"exec_new\":true", out);
		putc('}', out);
	}
	putc(']', out);
}

static void json_ev_plt(FILE *out, const struct pt_event *ev)
{
	const struct ev_plt *p = &ev->u.plt;

	fputs(",\"symbol\":", out);
	json_str(out, p->symbol);
	fputs(",\"object\":", out);
	json_str(out, p->object);
	fputs(",\"plt\":", out);
	json_hex(out, p->plt);
	fputs(",\"got\":", out);
	json_hex(out, p->got);
	fputs(",\"target\":", out);
	json_hex(out, p->target);
	fputs(",\"target_sym\":", out);
	json_str(out, p->target_sym);
	fputs(",\"target_object\":", out);
	json_str(out, p->target_object);
	fputs(",\"bound\":", out);
	json_bool(out, p->bound);
	fputs(",\"caller\":", out);
	json_hex(out, p->caller);
	if (p->caller_sym) {
		fputs(",\"caller_sym\":", out);
		json_str(out, p->caller_sym);
	}
}

/* A one-letter /proc state; '\0' (not known) becomes null. */
static void json_state_letter(FILE *out, char c)
{
	if (c)
		jsonstr_write(out, &c, 1);
	else
		fputs("null", out);
}

static void json_ev_state(FILE *out, const struct pt_event *ev)
{
	fputs(",\"from\":", out);
	json_state_letter(out, ev->u.state.from);
	fputs(",\"to\":", out);
	json_state_letter(out, ev->u.state.to);
}

static void json_ev_end(FILE *out, const struct pt_event *ev)
{
	const struct ev_end *e = &ev->u.end;

	fprintf(out, ",\"events\":%" PRIu64 ",\"dropped\":%" PRIu64, e->events,
		e->dropped);
	if (e->has_exit_code)
		fprintf(out, ",\"exit_code\":%d", e->exit_code);
	else
		fputs(",\"exit_code\":null", out);
}

static void json_ev_notice(FILE *out, const struct pt_event *ev)
{
	fputs(",\"what\":", out);
	json_str(out, ev->u.notice.what);
	fputs(",\"message\":", out);
	json_str(out, ev->u.notice.message);
}

/* Which common fields a kind carries, and who writes the rest. */
static const struct {
	bool pid, tid;
	void (*fields)(FILE *out, const struct pt_event *ev);
} json_kinds[EV_KIND_COUNT] = {
	[EV_START] = { false, false, json_ev_start },
	[EV_ATTACH] = { true, true, json_ev_attach },
	[EV_CLONE] = { true, true, json_ev_clone },
	[EV_EXEC] = { true, true, json_ev_exec },
	[EV_EXIT] = { true, true, json_ev_exit },
	[EV_REAP] = { true, true, json_ev_reap },
	[EV_REPARENT] = { true, false, json_ev_reparent },
	[EV_SIGNAL] = { true, true, json_ev_signal },
	[EV_CREDS] = { true, true, json_ev_creds },
	[EV_NS] = { true, true, json_ev_ns },
	[EV_VMA] = { true, false, json_ev_vma },
	[EV_PLT] = { true, true, json_ev_plt },
	[EV_STATE] = { true, true, json_ev_state },
	[EV_DETACH] = { true, true, NULL },
	[EV_END] = { false, false, json_ev_end },
	[EV_NOTICE] = { true, true, json_ev_notice },
};

static void json_sink_event(void *ctx, const struct pt_event *ev)
{
	struct json_sink *js = ctx;
	FILE *out = js->out;

	if ((unsigned)ev->kind >= EV_KIND_COUNT)
		return;
	fprintf(out, "{\"seq\":%" PRIu64 ",\"ts\":%" PRIu64 ",\"ev\":\"%s\"",
		ev->seq, ev->ts, event_kind_name(ev->kind));
	if (json_kinds[ev->kind].pid) {
		fprintf(out, ",\"pid\":%d", (int)ev->pid);
		if (json_kinds[ev->kind].tid)
			fprintf(out, ",\"tid\":%d", (int)ev->tid);
		if (ev->n_nspid > 0) {
			size_t n = ev->n_nspid < EV_NSPID_MAX ? ev->n_nspid :
								EV_NSPID_MAX;

			fputs(",\"nspid\":[", out);
			for (size_t i = 0; i < n; i++)
				fprintf(out, "%s%d", i ? "," : "",
					(int)ev->nspid[i]);
			putc(']', out);
		}
	}
	if (ev->inferred)
		fprintf(out, ",\"inferred\":true,\"ts_lo\":%" PRIu64,
			ev->ts_lo);
	if (json_kinds[ev->kind].fields)
		json_kinds[ev->kind].fields(out, ev);
	if (ev->n_stack > 0 && ev->stack) {
		fputs(",\"stack\":[", out);
		for (size_t i = 0; i < ev->n_stack; i++) {
			if (i)
				putc(',', out);
			json_frame(out, &ev->stack[i]);
		}
		putc(']', out);
	}
	fputs("}\n", out);
}

static void json_sink_flush(void *ctx)
{
	struct json_sink *js = ctx;

	fflush(js->out);
}

static int json_sink_close(void *ctx)
{
	struct json_sink *js = ctx;
	int ret = 0, err = 0;

	/* An earlier failed write leaves only the error flag: say EIO then. */
	if (fflush(js->out) != 0) {
		ret = -1;
		err = errno;
	} else if (ferror(js->out)) {
		ret = -1;
		err = EIO;
	}
	if (js->close_file && fclose(js->out) != 0 && ret == 0) {
		ret = -1;
		err = errno;
	}
	free(js->vbuf);
	free(js);
	if (ret)
		errno = err;
	return ret;
}

/*
 * When the sink owns out (close_file), it gives it a large buffer: out must
 * be freshly opened, with no I/O done yet.  A borrowed stream (stdout) keeps
 * the buffering its owner chose, since the buffer would outlive the sink.
 */
void *json_sink_new(FILE *out, bool close_file)
{
	struct json_sink *js = calloc(1, sizeof(*js));

	if (!js)
		return NULL;
	js->out = out;
	js->close_file = close_file;
	if (close_file) {
		js->vbuf = malloc(JSON_SINK_BUFSIZE);
		if (js->vbuf &&
		    setvbuf(out, js->vbuf, _IOFBF, JSON_SINK_BUFSIZE) != 0) {
			free(js->vbuf);
			js->vbuf = NULL;
		}
	}
	return js;
}

const struct sink_ops json_sink_ops = {
	.name = "json",
	.event = json_sink_event,
	.flush = json_sink_flush,
	.close = json_sink_close,
};
