/* details.c - the details pane: the selected process as the model knows it, plus the source's live facts. */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "tui/view.h"
#include "tui/zombie_diag.h"

#define TUI_DETAIL_LINES 64

struct tui_lines {
	char text[TUI_DETAIL_LINES][320];
	int attr[TUI_DETAIL_LINES];
	int n;
};

static void tui_add(struct tui_lines *l, int attr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void tui_add(struct tui_lines *l, int attr, const char *fmt, ...)
{
	va_list ap;

	if (l->n >= TUI_DETAIL_LINES)
		return;
	va_start(ap, fmt);
	vsnprintf(l->text[l->n], sizeof(l->text[0]), fmt, ap);
	va_end(ap);
	l->attr[l->n++] = attr;
}

/* Each '\n'-separated line of text, the first after prefix. */
static void tui_add_text(struct tui_lines *l, int attr, const char *prefix,
			 char *text)
{
	for (char *line = text, *nl; line && *line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		tui_add(l, attr, "%s%s", line == text ? prefix : "", line);
	}
}

static void tui_details_signals(struct tui_lines *l, const struct model_proc *p,
				uint64_t now)
{
	static const char *const kinds[] = {
		[SK_SEND] = "sent",
		[SK_DELIVER] = "got",
		[SK_STOP] = "stopped by",
		[SK_CONT] = "continued",
	};
	char buf[320], sig[32], ago[16];
	struct decode_buf b;

	decode_buf_init(&b, buf, sizeof(buf));
	for (size_t i = 0; i < p->n_sigs; i++) {
		const struct model_sig *s =
			&p->sigs[(p->sig_head + MODEL_SIGS - 1 - i) %
				 MODEL_SIGS];

		decode_signal(sig, sizeof(sig), s->sig);
		tui_fmt_age(ago, sizeof(ago), now > s->ts ? now - s->ts : 0);
		if (s->kind == SK_SEND && !s->sent)
			decode_buf_printf(&b, "%s%s from %d (%s ago)",
					  i ? "; " : "", sig, (int)s->other,
					  ago);
		else if (s->kind == SK_CONT)
			decode_buf_printf(&b, "%scontinued (%s ago)",
					  i ? "; " : "", ago);
		else
			decode_buf_printf(
				&b, "%s%s %s%s%.0d (%s ago)", i ? "; " : "",
				kinds[s->kind], sig,
				s->other ? (s->sent ? " to " : " from ") : "",
				s->other, ago);
	}
	tui_add(l, 0, "signals: %s", p->n_sigs ? buf : "none seen");
}

/* The first line: pid, comm, state and for how long. */
static void tui_details_head(struct tui *u, struct tui_lines *l,
			     const struct model_proc *p, uint64_t now)
{
	char comm[320], was[16] = "";
	char st = p->exited ? p->state : tui_tree_state(u, p->pid, p->state);

	tui_safe(u, comm, sizeof(comm), p->comm);
	if (p->prev_state != '?' && p->prev_state)
		snprintf(was, sizeof(was), " (was %c)", p->prev_state);
	tui_add(l, A_BOLD, "%d %s: %c %s for %.1f s%s", (int)p->pid, comm,
		st ? st : '?', model_state_word(st),
		(double)(now > p->state_ts ? now - p->state_ts : 0) / 1e9, was);
}

/* An exit: a zombie and why it stays, or how long it stayed one. */
static void tui_details_exit(struct tui *u, struct tui_lines *l,
			     const struct model_proc *p, uint64_t now)
{
	char stat[160], diag[1024];
	int zattr = tui_attr(u, C_ZOMBIE, A_BOLD);
	double secs;

	tui_fmt_status(stat, sizeof(stat), p);
	if (p->reaped) {
		tui_add(l, 0, "gone: %s, reaped%s%.1f ms as zombie", stat,
			p->zombie_ns >= 0 ? " after " :
					    " (zombie time unknown)",
			p->zombie_ns >= 0 ? (double)p->zombie_ns / 1e6 : 0.0);
		return;
	}
	secs = (double)(now > p->exit_ts ? now - p->exit_ts : 0) / 1e9;
	tui_add(l, zattr, "ZOMBIE for %.1f s (%s), not reaped by its parent %d",
		secs, stat, (int)p->ppid);
	tui_zombie_lines(u, p, now, diag, sizeof(diag));
	tui_add_text(l, zattr, "diagnosis: ", diag);
}

/* exe, parent, exec history, argv: what the events told. */
static void tui_details_image(struct tui *u, struct tui_lines *l,
			      const struct model_proc *p)
{
	char a[320], b[160], hist[256];
	struct decode_buf db;

	tui_safe(u, a, sizeof(a), p->exe ? p->exe : "?");
	if (p->ppid)
		tui_add(l, 0, "exe %s  ppid %d%s", a, (int)p->ppid,
			p->orphaned ? "  (orphan, adopted)" : "");
	else
		tui_add(l, 0, "exe %s  (parent not traced)", a);
	decode_buf_init(&db, hist, sizeof(hist));
	for (size_t i = 0; i < p->n_execs; i++) {
		tui_safe(u, b, sizeof(b), p->execs[i]);
		decode_buf_printf(&db, "%s%s", i ? " -> " : "", b);
	}
	tui_add(l, 0, "exec history: %s%s", p->execs_dropped ? "... -> " : "",
		hist);
	decode_buf_init(&db, a, sizeof(a));
	for (size_t i = 0; p->argv && p->argv[i]; i++) {
		tui_safe(u, b, sizeof(b), p->argv[i]);
		decode_buf_printf(&db, "%s\"%s\"", i ? " " : "", b);
	}
	tui_add(l, 0, "argv: %s", p->argv ? a : "(not seen)");
}

/* The last exec's context (exec event): cwd, #!, env diff, fds, cmdline. */
static void tui_details_exec_ctx(struct tui *u, struct tui_lines *l,
				 const struct model_proc *p)
{
	const struct model_exec_ctx *c = p->exec_ctx;
	const struct {
		const char *label;
		const char *text;
		bool raw; /* shell text to copy: no control bytes, as is */
	} rows[] = {
		{ "exec cwd: ", c ? c->cwd : NULL, false },
		{ "interpreter: ", c ? c->interpreter : NULL, false },
		{ "env diff: ", c ? c->env : NULL, false },
		{ "fds: ", c ? c->fds : NULL, false },
		{ "closed on exec: ", c ? c->fds_closed : NULL, false },
		{ "cmdline: ", c ? c->cmdline : NULL, true },
	};
	char a[sizeof(l->text[0])];

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (!rows[i].text)
			continue;
		if (rows[i].raw)
			snprintf(a, sizeof(a), "%s", rows[i].text);
		else
			tui_safe(u, a, sizeof(a), rows[i].text);
		tui_add_text(l, 0, rows[i].label, a);
	}
}

static void tui_details_extras(struct tui *u, struct tui_lines *l,
			       const struct model_proc *p)
{
	char a[320], b[160];
	struct decode_buf db;

	if (p->plt_calls) {
		decode_buf_init(&db, a, sizeof(a));
		for (size_t i = 0; i < MODEL_PLT_SYMS && p->plt[i].sym; i++) {
			tui_safe(u, b, sizeof(b), p->plt[i].sym);
			decode_buf_printf(&db, " %s:%lu", b, p->plt[i].calls);
		}
		tui_add(l, 0, "plt calls: %lu%s", p->plt_calls, a);
	}
	if (p->ns_changed || p->creds_changed)
		tui_add(l, 0, "changed:%s%s",
			p->ns_changed ? " namespaces" : "",
			p->creds_changed ? " credentials" : "");
}

/* pgid, sid (a session leader says so), tty and cgroup, kept together. */
static void tui_details_job(struct tui *u, struct tui_lines *l,
			    const struct model_proc *p)
{
	char cg[160];

	if (!p->job.pgid)
		return;
	tui_add(l, 0, "pgid %d  sid %d%s  tty %s", (int)p->job.pgid,
		(int)p->job.sid,
		p->job.sid == p->pid ? " (session leader)" : "",
		p->job.tty[0] ? p->job.tty : "none");
	if (p->job.cgroup[0]) {
		tui_safe(u, cg, sizeof(cg), p->job.cgroup);
		tui_add(l, 0, "cgroup %s", cg);
	}
}

static void tui_details_build(struct tui *u, struct tui_lines *l, uint64_t now)
{
	struct model_proc *p = model_find(u->m, u->sel_pid);
	char zdiag[1024];

	l->n = 0;
	if (!p) {
		tui_add(l, 0, "no process selected");
		return;
	}
	tui_details_head(u, l, p, now);
	if (p->exited)
		tui_details_exit(u, l, p, now);
	else if (tui_zombie_lines(u, p, now, zdiag, sizeof(zdiag)))
		tui_add_text(l, tui_attr(u, C_ZOMBIE, A_BOLD), "", zdiag);
	tui_details_image(u, l, p);
	tui_details_exec_ctx(u, l, p);
	tui_details_job(u, l, p);
	if (u->src.ops->live_info && !p->exited) {
		char info[2048];

		if (!u->src.ops->live_info(u->src.ctx, p->pid, info,
					   sizeof(info))) {
			tui_add(l, 0, "/proc/%d: gone", (int)p->pid);
		} else {
			tui_add_text(l, 0, "", info);
			/* the memory line, last, notes what the vma probe saw */
			if (p->vma_wx)
				strncat(l->text[l->n - 1], "  W+X seen",
					sizeof(l->text[0]) -
						strlen(l->text[l->n - 1]) - 1);
		}
	}
	tui_details_signals(l, p, now);
	tui_zdiag_sigcounts(zdiag, sizeof(zdiag), p);
	tui_add_text(l, 0, "", zdiag);
	tui_details_extras(u, l, p);
}

/*
 * The length of the first visual line of s at width w: up to the last space
 * that fits (a word longer than the line is cut), all of s when it fits.
 */
static size_t tui_details_wrap(const char *s, size_t left, size_t w)
{
	size_t k = w;

	if (left <= w)
		return left;
	while (k > w / 2 && s[k] != ' ')
		k--;
	return s[k] == ' ' ? k : w;
}

/*
 * Draw line i from visual line *row (the first at skip), wrapped at word
 * boundaries; continuation lines are indented by two.
 */
static void tui_details_line(const struct tui_lines *l, int i, int top,
			     int height, int skip, int *row)
{
	const char *s = l->text[i];
	size_t left = strlen(s);
	bool first = true;

	attron(l->attr[i]);
	do {
		size_t indent = first ? 0 : 2;
		size_t w = (size_t)COLS > indent + 8 ? (size_t)COLS - indent :
						       (size_t)COLS;
		size_t k = tui_details_wrap(s, left, w);
		int y = *row - skip;

		if (y >= 0 && y < height)
			mvaddnstr(top + y, (int)indent, s, (int)k);
		(*row)++;
		s += k;
		left -= k;
		while (left > 0 && *s == ' ') {
			s++;
			left--;
		}
		first = false;
	} while (left > 0);
	attroff(l->attr[i]);
}

void tui_details_draw(struct tui *u, int top, int height, uint64_t now)
{
	struct tui_lines *l = malloc(sizeof(*l));
	int rows = 0;

	if (!l)
		return;
	tui_details_build(u, l, now);
	/* count the visual lines: the scroll stops at the last screenful */
	for (int i = 0; i < l->n; i++)
		tui_details_line(l, i, top, 0, 0, &rows);
	if (u->details_top > rows - height)
		u->details_top = rows - height > 0 ? rows - height : 0;
	rows = 0;
	for (int i = 0; i < l->n; i++)
		tui_details_line(l, i, top, height, u->details_top, &rows);
	free(l);
}
