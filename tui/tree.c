/* tree.c - the process tree: rows from the model, the selection, one line per process or thread. */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "decode/decode.h"
#include "tui/view.h"

#define TUI_HIGHLIGHT_NS 1500000000ull /* a state change stays marked */
#define TUI_KEEP_GONE_NS 5000000000ll /* reaped rows stay this long */

size_t tui_tree_rows(struct tui *u, struct model_row **rows)
{
	return model_rows(u->m, tui_now(u),
			  u->show_gone ? -1 : TUI_KEEP_GONE_NS, rows);
}

static pid_t tui_tree_row_tid(const struct model_row *r)
{
	return r->thread < 0 ? 0 : r->proc->threads[r->thread].tid;
}

long tui_tree_sel_index(const struct tui *u, const struct model_row *rows,
			size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].proc->pid == u->sel_pid &&
		    tui_tree_row_tid(&rows[i]) == u->sel_tid)
			return (long)i;
	for (size_t i = 0; i < n; i++)
		if (rows[i].proc->pid == u->sel_pid)
			return (long)i;
	return n ? 0 : -1;
}

void tui_tree_select(struct tui *u, const struct model_row *r)
{
	u->sel_pid = r->proc->pid;
	u->sel_tid = tui_tree_row_tid(r);
	u->pane_scroll = 0;
}

int tui_tree_move(struct tui *u, int delta)
{
	struct model_row *rows;
	size_t n = tui_tree_rows(u, &rows);
	long i = tui_tree_sel_index(u, rows, n);

	if (i < 0)
		return TR_NONE;
	i += delta;
	if (i < 0)
		i = 0;
	if ((size_t)i >= n)
		i = (long)n - 1;
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
 * Optional columns after AGE, all shown or hidden by c (htop's F2 idea: a
 * table, so more columns are one row each).
 */
struct tui_tree_column {
	const char *head;
	int width;
	/* the value as text; "-" when unknown */
	void (*fmt)(char *buf, size_t size, const struct model_proc *p);
};

static void tui_tree_fmt_id(char *buf, size_t size, pid_t id)
{
	if (id)
		snprintf(buf, size, "%d", (int)id);
	else
		snprintf(buf, size, "-");
}

static void tui_tree_fmt_pgid(char *buf, size_t size,
			      const struct model_proc *p)
{
	tui_tree_fmt_id(buf, size, p->job.pgid);
}

static void tui_tree_fmt_sid(char *buf, size_t size, const struct model_proc *p)
{
	tui_tree_fmt_id(buf, size, p->job.sid);
}

static const struct tui_tree_column tui_tree_columns[] = {
	{ "PGID", 7, tui_tree_fmt_pgid },
	{ "SID", 7, tui_tree_fmt_sid },
};

/* The optional columns of p, or their heads when p is NULL. */
static void tui_tree_put_columns(const struct tui *u, struct decode_buf *b,
				 const struct model_proc *p)
{
	char v[32];

	if (!u->show_columns)
		return;
	for (size_t i = 0;
	     i < sizeof(tui_tree_columns) / sizeof(tui_tree_columns[0]); i++) {
		const struct tui_tree_column *c = &tui_tree_columns[i];

		if (p)
			c->fmt(v, sizeof(v), p);
		decode_buf_printf(b, " %*s", c->width, p ? v : c->head);
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
		/* gone threads are dropped; only the leader may be marked */
		size_t live = p->n_threads - p->threads[0].gone;

		if (live > 1)
			decode_buf_printf(b, " %c%zu thr",
					  p->expanded ? '-' : '+', live);
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

static void tui_tree_row(struct tui *u, int y, const struct model_row *r,
			 bool selected, uint64_t now)
{
	const struct model_proc *p = r->proc;
	char line[512], hist[160], age[16], st[32], badges[128], cols[64];
	struct decode_buf b, cb;
	char state = p->state;
	uint64_t state_ts = p->state_ts, since;
	int attr = 0, sattr;
	pid_t id = p->pid;

	if (r->thread >= 0) {
		state = p->threads[r->thread].state;
		state_ts = p->threads[r->thread].state_ts;
		id = p->threads[r->thread].tid;
	}
	if (!p->exited)
		state = tui_tree_state(u, id, state);
	since = now > p->start_ts ? now - p->start_ts : 0;
	tui_fmt_age(age, sizeof(age), since);
	decode_buf_init(&b, badges, sizeof(badges));
	if (r->thread < 0) {
		tui_tree_history(u, hist, sizeof(hist), p);
		tui_tree_badges(&b, p, now);
	} else {
		snprintf(hist, sizeof(hist), "(thread)");
	}
	snprintf(st, sizeof(st), "%c %-8s", state ? state : '?',
		 model_state_word(state));
	decode_buf_init(&cb, cols, sizeof(cols));
	tui_tree_put_columns(u, &cb, p);
	snprintf(line, sizeof(line), "%7d %s %7s%s %*s%s%s", (int)id, st, age,
		 cols, r->depth * 2, "", hist, badges);
	if (p->exited && !p->reaped)
		attr = tui_attr(u, C_ZOMBIE, A_BOLD);
	else if (p->reaped)
		attr = tui_attr(u, C_GONE, A_DIM);
	if (selected)
		attr |= A_REVERSE;
	sattr = tui_tree_state_attr(u, state, state_ts, now);
	attron(attr);
	mvhline(y, 0, ' ', COLS);
	tui_put(y, 0, line);
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
	struct model_row *rows;
	size_t n = tui_tree_rows(u, &rows);
	long sel = tui_tree_sel_index(u, rows, n);
	char head[128];
	struct decode_buf b;

	decode_buf_init(&b, head, sizeof(head));
	decode_buf_puts(&b, "    PID S STATE        AGE");
	tui_tree_put_columns(u, &b, NULL);
	decode_buf_puts(&b, " TREE (exec history)");
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
			tui_tree_row(u, top + i, &rows[k], (long)k == sel, now);
	}
}

/* f: select the newest live process made since the last look. */
void tui_tree_follow(struct tui *u)
{
	uint64_t serial = model_serial(u->m);

	if (!u->follow || serial == u->follow_seen)
		return;
	for (size_t i = model_nprocs(u->m); i-- > 0;) {
		struct model_proc *p = model_proc_at(u->m, i);

		if (p->order < u->follow_seen)
			break;
		if (!p->reaped) {
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
