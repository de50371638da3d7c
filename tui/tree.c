/* tree.c - the process tree: rows from the model, the selection, one line per process or thread. */
#include "config.h"

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "decode/decode.h"
#include "tui/view.h"

#define TUI_HIGHLIGHT_NS 1500000000ull /* a state change stays marked */
#define TUI_KEEP_GONE_NS 5000000000ll /* reaped rows stay this long */

size_t tui_tree_rows(struct tui *u, struct tui_vrow **rows)
{
	return tui_tree_vrows(u, tui_now(u), rows);
}

static pid_t tui_tree_row_tid(const struct tui_vrow *r)
{
	return r->thread < 0 ? 0 : r->proc->threads[r->thread].tid;
}

long tui_tree_sel_index(const struct tui *u, const struct tui_vrow *rows,
			size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].kind != TV_FOLD &&
		    rows[i].proc->pid == u->sel_pid &&
		    tui_tree_row_tid(&rows[i]) == u->sel_tid)
			return (long)i;
	for (size_t i = 0; i < n; i++)
		if (rows[i].kind != TV_FOLD && rows[i].proc->pid == u->sel_pid)
			return (long)i;
	for (size_t i = 0; i < n; i++)
		if (rows[i].kind != TV_FOLD)
			return (long)i;
	return -1;
}

void tui_tree_select(struct tui *u, const struct tui_vrow *r)
{
	/* Called at each redraw: a scroll back stays until the selection moves. */
	if (u->sel_pid != r->proc->pid) {
		u->details_top = 0;
		u->pane_scroll = 0;
	}
	u->sel_pid = r->proc->pid;
	u->sel_tid = tui_tree_row_tid(r);
}

int tui_tree_move(struct tui *u, int delta)
{
	struct tui_vrow *rows;
	size_t n = tui_tree_rows(u, &rows);
	long i = tui_tree_sel_index(u, rows, n);
	int step = delta < 0 ? -1 : 1;

	if (i < 0)
		return TR_NONE;
	i += delta;
	if (i < 0)
		i = 0;
	if ((size_t)i >= n)
		i = (long)n - 1;
	/* a fold row is not a process: the next one past it, else before */
	while (i >= 0 && (size_t)i < n && rows[i].kind == TV_FOLD)
		i += step;
	while (i >= 0 && (size_t)i < n && rows[i].kind == TV_FOLD)
		i -= step;
	if (i < 0 || (size_t)i >= n)
		return TR_NONE;
	tui_tree_select(u, &rows[i]);
	u->follow = false;
	return TR_REDRAW;
}

/*
 * The state to show: the source's reading of a live task (the model hears
 * of sleeps only from the optional sampler), else what the events said.
 */
char tui_tree_state(struct tui *u, pid_t tid, char model_state)
{
	char st = 0;

	if (u->src.ops->state && model_state != 'Z' && model_state != 'X')
		st = u->src.ops->state(u->src.ctx, tid);
	return st ? st : model_state;
}

/* "sh>make>cc1" from the exec history (last three, "..>" when more). */
static void tui_tree_history(struct tui *u, char *buf, size_t size,
			     const struct model_proc *p)
{
	struct decode_buf b;
	size_t from = p->n_execs > 3 ? p->n_execs - 3 : 0;
	char safe[96];

	decode_buf_init(&b, buf, size);
	if (from > 0 || p->execs_dropped)
		decode_buf_puts(&b, "..>");
	for (size_t i = from; i < p->n_execs; i++) {
		tui_safe(u, safe, sizeof(safe), p->execs[i]);
		decode_buf_printf(&b, "%s%s", i > from ? ">" : "", safe);
	}
	if (!p->n_execs) {
		tui_safe(u, safe, sizeof(safe), p->comm[0] ? p->comm : "?");
		decode_buf_puts(&b, safe);
	}
}

/*
 * The marks after a process's history: threads, orphan, changes, session
 * leader, exit.
 */
static void tui_tree_badges(struct decode_buf *b, const struct model_proc *p,
			    uint64_t now)
{
	if (p->n_threads > 1) {
		/*
		 * The threads beside the leader (the rows Enter unfolds),
		 * whether or not the leader still lives: gone threads are
		 * dropped, a gone leader stays threads[0].
		 */
		size_t others = p->n_threads - 1;

		decode_buf_printf(b, " %c%zu thr", p->expanded ? '-' : '+',
				  others);
	}
	if (p->orphaned)
		decode_buf_printf(b, " ^orphan(was %d)", (int)p->old_ppid);
	if (p->ns_changed)
		decode_buf_puts(b, " [ns]");
	if (p->creds_changed)
		decode_buf_puts(b, " [cred]");
	if (p->plt_calls)
		decode_buf_printf(b, " [plt %lu]", p->plt_calls);
	if (p->vma_wx)
		decode_buf_puts(b, " [wx]");
	if (p->detached)
		decode_buf_puts(b, " [detached]");
	if (p->job.sid && p->job.sid == p->pid)
		decode_buf_puts(b, " [sess]");
	if (p->exited) {
		char stat[48], zt[16];

		tui_fmt_status(stat, sizeof(stat), p);
		if (!p->reaped) {
			tui_fmt_age(zt, sizeof(zt),
				    now > p->exit_ts ? now - p->exit_ts : 0);
			decode_buf_printf(b, " %s, zombie %s", stat, zt);
		} else {
			decode_buf_printf(b, " %s", stat);
		}
	}
}

/* The highlight of the state column: a fresh change, a stop, running. */
static int tui_tree_state_attr(const struct tui *u, char state,
			       uint64_t state_ts, uint64_t now)
{
	if (now >= state_ts && now - state_ts < TUI_HIGHLIGHT_NS &&
	    state != 'X')
		return tui_attr(u, C_CHANGED, A_UNDERLINE) | A_BOLD;
	if (state == 'T' || state == 't')
		return tui_attr(u, C_STOPPED, A_BOLD);
	if (state == 'R')
		return tui_attr(u, C_RUNNING, 0);
	return 0;
}

/* s at column 0 of line y, cut at the screen's width in columns. */
static void tui_tree_put(int y, const char *s)
{
	wchar_t w[1024];
	size_t n = mbstowcs(w, s, sizeof(w) / sizeof(w[0]) - 1);

	if (n == (size_t)-1) {
		tui_put(y, 0, s);
		return;
	}
	w[n] = L'\0';
	mvaddnwstr(y, 0, w, COLS);
}

/* The text after the tree lines: history, badges and argv, or the thread, or the fold. */
static void tui_tree_label(struct tui *u, const struct tui_vrow *r, char *buf,
			   size_t size, uint64_t now)
{
	const struct model_proc *p = r->proc;
	char hist[160], argv[256], badges[160];
	struct decode_buf b;

	if (r->kind == TV_FOLD) {
		snprintf(buf, size, "%zu exited (reaped over 5 s ago; a: show)",
			 r->folded);
		return;
	}
	if (r->kind == TV_THREAD) {
		snprintf(buf, size, "(thread)");
		return;
	}
	tui_tree_history(u, hist, sizeof(hist), p);
	decode_buf_init(&b, badges, sizeof(badges));
	tui_tree_badges(&b, p, now);
	argv[0] = '\0';
	/* a lone argv[0] that is the comm says nothing new */
	if (p->argv && p->argv[0] &&
	    (p->argv[1] || strcmp(p->argv[0], p->comm)))
		tui_tree_argv(u, argv, sizeof(argv), p);
	/* The badges (exit status, zombie time) before the argv, which the
	 * width may cut. */
	snprintf(buf, size, "%s%s%s%s", hist, badges, argv[0] ? "  " : "",
		 argv);
}

static void tui_tree_row(struct tui *u, int y, const struct tui_vrow *rows,
			 long i, bool selected, uint64_t now)
{
	const struct tui_vrow *r = &rows[i];
	const struct model_proc *p = r->proc;
	char line[1024], label[600], age[16], st[32], cols[128], pre[256];
	struct decode_buf cb;
	char state;
	uint64_t state_ts, since;
	int attr = 0, sattr;
	pid_t id;

	tui_tree_prefix(u, rows, i, pre, sizeof(pre));
	tui_tree_label(u, r, label, sizeof(label), now);
	if (r->kind == TV_FOLD) {
		decode_buf_init(&cb, cols, sizeof(cols));
		tui_tree_put_columns(u, &cb, NULL, now);
		decode_buf_init(&cb, line, sizeof(line));
		decode_buf_printf(&cb, "%7s %-10s %7s%s %s%s", "", "", "", cols,
				  pre, label);
		attron(tui_attr(u, C_GONE, A_DIM));
		mvhline(y, 0, ' ', COLS);
		tui_tree_put(y, line);
		attroff(tui_attr(u, C_GONE, A_DIM));
		return;
	}
	state = p->state;
	state_ts = p->state_ts;
	id = p->pid;
	if (r->thread >= 0) {
		state = p->threads[r->thread].state;
		state_ts = p->threads[r->thread].state_ts;
		id = p->threads[r->thread].tid;
	}
	if (!p->exited)
		state = tui_tree_state(u, id, state);
	since = now > p->start_ts ? now - p->start_ts : 0;
	tui_fmt_age(age, sizeof(age), since);
	snprintf(st, sizeof(st), "%c %-8s", state ? state : '?',
		 model_state_word(state));
	decode_buf_init(&cb, cols, sizeof(cols));
	tui_tree_put_columns(u, &cb, r->kind == TV_PROC ? p : NULL, now);
	decode_buf_init(&cb, line, sizeof(line));
	decode_buf_printf(&cb, "%7d %s %7s%s %s%s", (int)id, st, age, cols, pre,
			  label);
	if (p->exited && !p->reaped)
		attr = tui_attr(u, C_ZOMBIE, A_BOLD);
	else if (p->reaped)
		attr = tui_attr(u, C_GONE, A_DIM);
	if (selected)
		attr |= A_REVERSE;
	sattr = tui_tree_state_attr(u, state, state_ts, now);
	attron(attr);
	mvhline(y, 0, ' ', COLS);
	tui_tree_put(y, line);
	attroff(attr);
	/* the state column again, in its own highlight */
	if (sattr && 8 < COLS) {
		attron(sattr | (selected ? A_REVERSE : 0));
		mvaddnstr(y, 8, st, COLS - 8);
		attroff(sattr | (selected ? A_REVERSE : 0));
	}
}

void tui_tree_draw(struct tui *u, int top, int height, uint64_t now)
{
	struct tui_vrow *rows;
	size_t n = tui_tree_vrows(u, now, &rows);
	long sel = tui_tree_sel_index(u, rows, n);
	char head[256];
	struct decode_buf b;

	decode_buf_init(&b, head, sizeof(head));
	decode_buf_puts(&b, "    PID S STATE        AGE");
	tui_tree_put_heads(u, &b);
	decode_buf_puts(&b, " TREE (exec history, argv)");
	attron(A_BOLD);
	mvhline(top, 0, ' ', COLS);
	tui_put(top, 0, head);
	attroff(A_BOLD);
	top++;
	height--;
	if (sel >= 0) {
		tui_tree_select(u, &rows[sel]);
		if (sel < u->tree_top)
			u->tree_top = (int)sel;
		if (sel >= u->tree_top + height)
			u->tree_top = (int)sel - height + 1;
	}
	if (u->tree_top > 0 && (size_t)u->tree_top >= n)
		u->tree_top = 0;
	for (int i = 0; i < height; i++) {
		size_t k = (size_t)(u->tree_top + i);

		move(top + i, 0);
		clrtoeol();
		if (k < n)
			tui_tree_row(u, top + i, rows, (long)k, (long)k == sel,
				     now);
	}
}

/* f: select the newest live process made since the last look. */
void tui_tree_follow(struct tui *u)
{
	uint64_t serial = model_serial(u->m);

	/* never under an open menu or question: after it closes */
	if (!u->follow || serial == u->follow_seen || u->mode != MODE_NORMAL)
		return;
	for (size_t i = model_nprocs(u->m); i-- > 0;) {
		struct model_proc *p = model_proc_at(u->m, i);

		if (p->order < u->follow_seen)
			break;
		if (!p->reaped) {
			if (p->pid != u->sel_pid)
				tui_msg(u, "follow: selected %d %s (f: stop)",
					(int)p->pid, p->comm);
			u->sel_pid = p->pid;
			u->sel_tid = 0;
			break;
		}
	}
	u->follow_seen = serial;
}

/* The default selection: the first process, once there is one. */
void tui_tree_default_selection(struct tui *u)
{
	struct model_proc *p;

	if (u->sel_pid || !(p = model_proc_at(u->m, 0)))
		return;
	u->sel_pid = p->pid;
	u->sel_tid = 0;
}
