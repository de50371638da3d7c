/* tui.c - the curses view of the process-tree model: tree, details, events, tracee output; keys as actions. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/decode.h"
#include "model/model.h"
#include "proc/procinfo.h"
#include "output/text_sink.h"
#include "replay/replay.h"
#include "event/clock.h"
#include "proc/procfs.h"
#include "tui/tui.h"

#define TUI_REDRAW_MS 100
#define TUI_HIGHLIGHT_NS 1500000000ull	/* a state change stays marked */
#define TUI_KEEP_GONE_NS 5000000000ll	/* reaped rows stay this long */
#define TUI_STR_(x) #x
#define TUI_STR(x) TUI_STR_(x)

/* What an action asks of the loop (htop's Htop_Reaction). */
enum tui_reaction {
	TR_NONE = 0,
	TR_REDRAW = 1 << 0,
	TR_QUIT = 1 << 1,
	TR_REBUILD = 1 << 2,	/* replay: the cursor moved, rebuild the model */
};

enum tui_pane { PANE_DETAILS, PANE_EVENTS, PANE_TTY, PANE_COUNT };
enum tui_mode { MODE_NORMAL, MODE_SIGMENU, MODE_SEARCH, MODE_HELP };

enum tui_color {
	C_ZOMBIE = 1, C_CHANGED, C_HEADER, C_RUNNING, C_STOPPED, C_GONE,
	C_SELECT,
};

struct tui {
	struct model *m;
	struct tracer *t;		/* live; NULL in replay */
	bool no_color, color;
	bool curses_on;
	bool quitting;			/* q pressed: do not linger at the end */
	bool dirty;
	uint64_t next_draw;
	char tty_path[512];
	/* selection and view */
	pid_t sel_pid;
	pid_t sel_tid;			/* 0: the process row (tids stay, indexes shift) */
	int tree_top;
	enum tui_pane pane;
	enum tui_mode mode;
	int pane_scroll;		/* lines up from the bottom (events, tty) */
	bool paused, follow, log_all, show_gone;
	uint64_t follow_seen;		/* model_serial when follow last looked */
	int sig_choice;
	char search[64];
	size_t search_len;
	char msg[256];
	uint64_t msg_until;
	/* replay */
	struct replay_log *rl;
	const char *log_path;
	char **lines;
	size_t *line_len;
	size_t n_lines;
	size_t cursor;			/* events applied */
	bool playing;
	int speed;
	uint64_t play_next;		/* wall-clock ns of the next step */
};

static struct tui *tui_active;		/* for the atexit terminal restore */

/* ---- time and messages ---- */

static uint64_t tui_now(const struct tui *u)
{
	if (u->t)
		return engine_now(u->t);
	return model_last_ts(u->m);
}

static void tui_msg(struct tui *u, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void tui_msg(struct tui *u, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u->msg, sizeof(u->msg), fmt, ap);
	va_end(ap);
	u->msg_until = clock_mono_ns() + 5000000000ull;
}

/* ---- drawing helpers ---- */

static int tui_attr(const struct tui *u, enum tui_color c, int mono)
{
	return u->color ? (int)COLOR_PAIR(c) : mono;
}

/* Tracee bytes made safe: escaped, no control byte reaches the terminal. */
static void tui_safe(char *buf, size_t size, const char *s)
{
	text_escape(buf, size, s ? s : "", s ? strlen(s) : 0);
}

/* Print at most the rest of the row (text is already safe). */
static void tui_put(int y, int x, const char *s)
{
	if (y < 0 || y >= LINES || x >= COLS)
		return;
	mvaddnstr(y, x, s, COLS - x);
}

static void tui_fmt_age(char *buf, size_t size, uint64_t ns)
{
	uint64_t s = ns / 1000000000ull;

	if (s < 60)
		snprintf(buf, size, "%" PRIu64 ".%01" PRIu64 "s", s,
			 (uint64_t)(ns / 100000000u % 10));
	else if (s < 3600)
		snprintf(buf, size, "%" PRIu64 "m%02" PRIu64 "s", s / 60, s % 60);
	else
		snprintf(buf, size, "%" PRIu64 "h%02" PRIu64 "m", s / 3600,
			 s / 60 % 60);
}

static void tui_fmt_status(char *buf, size_t size, const struct model_proc *p)
{
	char sig[32];

	if (!p->exit_known) {
		snprintf(buf, size, "exit ?");
	} else if (p->exit_st.signaled) {
		decode_signal(sig, sizeof(sig), p->exit_st.sig);
		snprintf(buf, size, "%s%s", sig, p->exit_st.core ? " core" : "");
	} else {
		snprintf(buf, size, "exit %d", p->exit_st.code);
	}
}

/* "sh>make>cc1" from the exec history (last three, "..>" when more). */
static void tui_fmt_history(char *buf, size_t size, const struct model_proc *p)
{
	struct decode_buf b;
	size_t from = p->n_execs > 3 ? p->n_execs - 3 : 0;
	char safe[96];

	decode_buf_init(&b, buf, size);
	if (from > 0 || p->execs_dropped)
		decode_buf_puts(&b, "..>");
	for (size_t i = from; i < p->n_execs; i++) {
		tui_safe(safe, sizeof(safe), p->execs[i]);
		decode_buf_printf(&b, "%s%s", i > from ? ">" : "", safe);
	}
	if (!p->n_execs) {
		tui_safe(safe, sizeof(safe), p->comm[0] ? p->comm : "?");
		decode_buf_puts(&b, safe);
	}
}

/* ---- the tree ---- */

static size_t tui_rows(struct tui *u, struct model_row **rows)
{
	return model_rows(u->m, tui_now(u), u->show_gone ? -1 : TUI_KEEP_GONE_NS,
			  rows);
}

static long tui_sel_index(struct tui *u, struct model_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].proc->pid == u->sel_pid &&
		    (rows[i].thread < 0 ? 0 : rows[i].proc->threads[rows[i].thread].tid) ==
			    u->sel_tid)
			return (long)i;
	for (size_t i = 0; i < n; i++)
		if (rows[i].proc->pid == u->sel_pid)
			return (long)i;
	return n ? 0 : -1;
}

static void tui_select_row(struct tui *u, struct model_row *r)
{
	u->sel_pid = r->proc->pid;
	u->sel_tid = r->thread < 0 ? 0 : r->proc->threads[r->thread].tid;
	u->pane_scroll = 0;
}

static void tui_draw_row(struct tui *u, int y, const struct model_row *r,
			 bool selected, uint64_t now)
{
	const struct model_proc *p = r->proc;
	char line[512], hist[160], age[16], st[32], badges[128];
	struct decode_buf b;
	char state = p->state;
	uint64_t state_ts = p->state_ts, since;
	int attr = 0, sattr = 0;
	pid_t id = p->pid;

	if (r->thread >= 0) {
		state = p->threads[r->thread].state;
		state_ts = p->threads[r->thread].state_ts;
		id = p->threads[r->thread].tid;
	}
	since = now > p->start_ts ? now - p->start_ts : 0;
	tui_fmt_age(age, sizeof(age), since);
	decode_buf_init(&b, badges, sizeof(badges));
	if (r->thread < 0) {
		tui_fmt_history(hist, sizeof(hist), p);
		if (p->n_threads > 1) {
			/* gone threads are dropped; only the leader may be marked */
			size_t live = p->n_threads - p->threads[0].gone;

			if (live > 1)
				decode_buf_printf(&b, " %c%zu thr", p->expanded ? '-' : '+',
						  live);
		}
		if (p->orphaned)
			decode_buf_printf(&b, " ^orphan(was %d)", (int)p->old_ppid);
		if (p->ns_changed)
			decode_buf_puts(&b, " [ns]");
		if (p->creds_changed)
			decode_buf_puts(&b, " [cred]");
		if (p->plt_calls)
			decode_buf_printf(&b, " [plt %lu]", p->plt_calls);
		if (p->vma_wx)
			decode_buf_puts(&b, " [wx]");
		if (p->detached)
			decode_buf_puts(&b, " [detached]");
		if (p->exited) {
			char stat[48], zt[16];

			tui_fmt_status(stat, sizeof(stat), p);
			if (!p->reaped) {
				tui_fmt_age(zt, sizeof(zt), now > p->exit_ts ? now - p->exit_ts : 0);
				decode_buf_printf(&b, " %s, zombie %s", stat, zt);
			} else {
				decode_buf_printf(&b, " %s", stat);
			}
		}
	} else {
		snprintf(hist, sizeof(hist), "(thread)");
	}
	snprintf(st, sizeof(st), "%c %-8s", state ? state : '?',
		 model_state_word(state));
	snprintf(line, sizeof(line), "%7d %s %7s %*s%s%s", (int)id, st, age,
		 r->depth * 2, "", hist, badges);
	if (p->exited && !p->reaped)
		attr = tui_attr(u, C_ZOMBIE, A_BOLD);
	else if (p->reaped)
		attr = tui_attr(u, C_GONE, A_DIM);
	if (selected)
		attr |= A_REVERSE;
	if (now >= state_ts && now - state_ts < TUI_HIGHLIGHT_NS && state != 'X')
		sattr = tui_attr(u, C_CHANGED, A_UNDERLINE) | A_BOLD;
	else if (state == 'T' || state == 't')
		sattr = tui_attr(u, C_STOPPED, A_BOLD);
	else if (state == 'R')
		sattr = tui_attr(u, C_RUNNING, 0);
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

static void tui_draw_tree(struct tui *u, int top, int height, uint64_t now)
{
	struct model_row *rows;
	size_t n = tui_rows(u, &rows);
	long sel = tui_sel_index(u, rows, n);

	attron(A_BOLD);
	mvhline(top, 0, ' ', COLS);
	tui_put(top, 0, "    PID S STATE        AGE TREE (exec history)");
	attroff(A_BOLD);
	top++;
	height--;
	if (sel >= 0) {
		tui_select_row(u, &rows[sel]);
		u->pane_scroll = u->pane_scroll;	/* keep */
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
			tui_draw_row(u, top + i, &rows[k], (long)k == sel, now);
	}
}

/* ---- the details pane ---- */

struct tui_lines {
	char text[64][320];
	int attr[64];
	int n;
};

static void tui_add(struct tui_lines *l, int attr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void tui_add(struct tui_lines *l, int attr, const char *fmt, ...)
{
	va_list ap;

	if (l->n >= 64)
		return;
	va_start(ap, fmt);
	vsnprintf(l->text[l->n], sizeof(l->text[0]), fmt, ap);
	va_end(ap);
	l->attr[l->n++] = attr;
}

static void tui_details_signals(struct tui_lines *l, const struct model_proc *p,
				uint64_t now)
{
	char buf[320], sig[32], ago[16];
	struct decode_buf b;

	decode_buf_init(&b, buf, sizeof(buf));
	for (size_t i = 0; i < p->n_sigs; i++) {
		const struct model_sig *s =
			&p->sigs[(p->sig_head + MODEL_SIGS - 1 - i) % MODEL_SIGS];
		static const char *const kinds[] = {
			[SK_SEND] = "sent", [SK_DELIVER] = "got",
			[SK_STOP] = "stopped by", [SK_CONT] = "continued",
		};

		decode_signal(sig, sizeof(sig), s->sig);
		tui_fmt_age(ago, sizeof(ago), now > s->ts ? now - s->ts : 0);
		if (s->kind == SK_SEND && !s->sent)
			decode_buf_printf(&b, "%s%s from %d (%s ago)", i ? "; " : "",
					  sig, (int)s->other, ago);
		else if (s->kind == SK_CONT)
			decode_buf_printf(&b, "%scontinued (%s ago)", i ? "; " : "", ago);
		else
			decode_buf_printf(&b, "%s%s %s%s%.0d (%s ago)", i ? "; " : "",
					  kinds[s->kind], sig,
					  s->other ? (s->sent ? " to " : " from ") : "",
					  s->other, ago);
	}
	tui_add(l, 0, "signals: %s", p->n_sigs ? buf : "none seen");
}

static void tui_details_live(struct tui *u, struct tui_lines *l,
			     const struct model_proc *p)
{
	struct procinfo pi;
	char a[256], b[256], c[256], d[256];
	struct decode_buf nb;

	procinfo_read(p->pid, &pi);
	if (!pi.ok) {
		tui_add(l, 0, "/proc/%d: gone", (int)p->pid);
		return;
	}
	tui_safe(a, sizeof(a), pi.cwd);
	tui_add(l, 0, "ppid %d  pgid %d  sid %d  tracer %d  cwd %s", (int)pi.ppid,
		(int)pi.pgid, (int)pi.sid, (int)pi.tracer_pid, a);
	tui_add(l, 0, "uid %u,%u,%u,%u  gid %u,%u,%u,%u", pi.uid[0], pi.uid[1],
		pi.uid[2], pi.uid[3], pi.gid[0], pi.gid[1], pi.gid[2], pi.gid[3]);
	decode_buf_init(&nb, a, sizeof(a));
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		decode_buf_printf(&nb, "%s%s:%" PRIu64, t ? " " : "",
				  event_ns_type_name(t), pi.ns[t]);
	tui_add(l, 0, "ns %s", a);
	if (pi.n_nspid > 1) {
		decode_buf_init(&nb, a, sizeof(a));
		for (size_t i = 0; i < pi.n_nspid; i++)
			decode_buf_printf(&nb, "%s%d", i ? " " : "", (int)pi.nspid[i]);
		tui_add(l, 0, "nested pids (outermost first): %s", a);
	}
	procinfo_sigset(a, sizeof(a), pi.sig_blk);
	procinfo_sigset(b, sizeof(b), pi.sig_ign);
	procinfo_sigset(c, sizeof(c), pi.sig_cgt);
	procinfo_sigset(d, sizeof(d), pi.sig_pnd | pi.shd_pnd);
	tui_add(l, 0, "blocked %s  ignored %s", a, b);
	tui_add(l, 0, "caught %s  pending %s", c, d);
	tui_add(l, 0, "memory: VmSize %lu kB  RSS %lu kB  %lu mappings%s",
		pi.vm_size_kb, pi.vm_rss_kb, pi.n_maps, p->vma_wx ? "  W+X seen" : "");
	(void)u;
}

static void tui_build_details(struct tui *u, struct tui_lines *l, uint64_t now)
{
	struct model_proc *p = model_find(u->m, u->sel_pid);
	char a[320], b[160], hist[256];
	struct decode_buf db;

	l->n = 0;
	if (!p) {
		tui_add(l, 0, "no process selected");
		return;
	}
	tui_safe(a, sizeof(a), p->comm);
	tui_add(l, A_BOLD, "%d %s: %c %s for %.1f s%s", (int)p->pid, a,
		p->state ? p->state : '?', model_state_word(p->state),
		(double)(now > p->state_ts ? now - p->state_ts : 0) / 1e9,
		p->prev_state != '?' && p->prev_state ? " (was " : "");
	if (p->prev_state != '?' && p->prev_state)
		snprintf(l->text[l->n - 1] + strlen(l->text[l->n - 1]), 32, "%c)",
			 p->prev_state);
	if (p->exited && !p->reaped) {
		char diag[300];
		double secs = (double)(now > p->exit_ts ? now - p->exit_ts : 0) / 1e9;

		tui_fmt_status(b, sizeof(b), p);
		tui_add(l, tui_attr(u, C_ZOMBIE, A_BOLD),
			"ZOMBIE for %.1f s (%s), not reaped by its parent %d", secs, b,
			(int)p->ppid);
		if (u->t) {
			struct procinfo par;

			procinfo_read(p->ppid, &par);
			procinfo_zombie_diagnosis(diag, sizeof(diag), p->ppid, &par, secs);
			for (char *line = diag, *nl; line; line = nl) {
				nl = strchr(line, '\n');
				if (nl)
					*nl++ = '\0';
				tui_add(l, tui_attr(u, C_ZOMBIE, A_BOLD), "%s%s",
					line == diag ? "diagnosis: " : "", line);
			}
		} else {
			tui_add(l, tui_attr(u, C_ZOMBIE, A_BOLD),
				"diagnosis: parent %d has not reaped it %.1f s after its exit (replay: no /proc)",
				(int)p->ppid, secs);
		}
	} else if (p->reaped) {
		tui_fmt_status(b, sizeof(b), p);
		tui_add(l, 0, "gone: %s, reaped%s%.1f ms as zombie", b,
			p->zombie_ns >= 0 ? " after " : " (zombie time unknown)",
			p->zombie_ns >= 0 ? (double)p->zombie_ns / 1e6 : 0.0);
	}
	tui_safe(a, sizeof(a), p->exe ? p->exe : "?");
	if (p->ppid)
		tui_add(l, 0, "exe %s  ppid %d%s", a, (int)p->ppid,
			p->orphaned ? "  (orphan, adopted)" : "");
	else
		tui_add(l, 0, "exe %s  (parent not traced)", a);
	decode_buf_init(&db, hist, sizeof(hist));
	for (size_t i = 0; i < p->n_execs; i++) {
		tui_safe(b, sizeof(b), p->execs[i]);
		decode_buf_printf(&db, "%s%s", i ? " -> " : "", b);
	}
	tui_add(l, 0, "exec history: %s%s", p->execs_dropped ? "... -> " : "", hist);
	decode_buf_init(&db, a, sizeof(a));
	for (size_t i = 0; p->argv && p->argv[i]; i++) {
		tui_safe(b, sizeof(b), p->argv[i]);
		decode_buf_printf(&db, "%s\"%s\"", i ? " " : "", b);
	}
	tui_add(l, 0, "argv: %s", p->argv ? a : "(not seen)");
	if (u->t && !p->exited)
		tui_details_live(u, l, p);
	tui_details_signals(l, p, now);
	if (p->plt_calls) {
		decode_buf_init(&db, a, sizeof(a));
		for (size_t i = 0; i < MODEL_PLT_SYMS && p->plt[i].sym; i++) {
			tui_safe(b, sizeof(b), p->plt[i].sym);
			decode_buf_printf(&db, " %s:%lu", b, p->plt[i].calls);
		}
		tui_add(l, 0, "plt calls: %lu%s", p->plt_calls, a);
	}
	if (p->ns_changed || p->creds_changed)
		tui_add(l, 0, "changed:%s%s", p->ns_changed ? " namespaces" : "",
			p->creds_changed ? " credentials" : "");
}

/* ---- events and tty panes ---- */

static bool tui_line_matches(struct tui *u, const struct model_line *l)
{
	if (!u->log_all && u->sel_pid && l->pid != u->sel_pid &&
	    l->other != u->sel_pid)
		return false;
	return !u->search_len || strstr(l->text, u->search);
}

static void tui_draw_events(struct tui *u, int top, int height)
{
	struct model_line *lines;
	size_t n = model_lines(u->m, &lines), shown = 0;
	long k;
	int skip = u->pane_scroll;

	/* newest at the bottom: walk back from the end */
	for (k = (long)n - 1; k >= 0 && (int)shown < height; k--) {
		if (!tui_line_matches(u, &lines[k]))
			continue;
		if (skip > 0) {
			skip--;
			continue;
		}
		tui_put(top + height - 1 - (int)shown, 0, lines[k].text);
		shown++;
	}
}

/* The tail of the tracee's output file, control bytes escaped. */
static void tui_draw_tty(struct tui *u, int top, int height)
{
	char buf[16384], safe[1024];
	int fd = open(u->tty_path, O_RDONLY | O_CLOEXEC);
	off_t size;
	ssize_t n;
	int row = top + height - 1, skip = u->pane_scroll;
	char *end;

	if (fd < 0) {
		tui_put(top, 0, u->tty_path[0] ? "(no output yet)" :
						 "(attach mode: the tracee's output is not captured)");
		return;
	}
	size = lseek(fd, 0, SEEK_END);
	lseek(fd, size > (off_t)sizeof(buf) ? size - (off_t)sizeof(buf) : 0, SEEK_SET);
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n <= 0)
		return;
	end = buf + n;
	if (end > buf && end[-1] == '\n')
		end--;
	while (row >= top && end > buf) {
		char *s = end;

		while (s > buf && s[-1] != '\n')
			s--;
		if (skip > 0) {
			skip--;
		} else {
			text_escape(safe, sizeof(safe), s, (size_t)(end - s));
			tui_put(row--, 0, safe);
		}
		end = s > buf ? s - 1 : buf;
	}
}

static const char *const tui_pane_names[PANE_COUNT] = {
	[PANE_DETAILS] = "details", [PANE_EVENTS] = "events",
	[PANE_TTY] = "tracee output",
};

static void tui_draw_pane(struct tui *u, int top, int height, uint64_t now)
{
	char title[300];
	struct tui_lines *l;

	attron(tui_attr(u, C_HEADER, A_BOLD) | A_BOLD);
	mvhline(top, 0, '-', COLS);
	snprintf(title, sizeof(title), " %s%s%s%s%s (Tab: next pane) ",
		 tui_pane_names[u->pane],
		 u->pane == PANE_EVENTS ? (u->log_all ? ": all" : ": selection") : "",
		 u->search_len && u->pane == PANE_EVENTS ? ", /" : "",
		 u->pane == PANE_EVENTS ? u->search : "",
		 u->pane == PANE_TTY ? (u->tty_path[0] ? ": " : "") : "");
	tui_put(top, 2, title);
	if (u->pane == PANE_TTY && u->tty_path[0]) {
		char safe[256];

		tui_safe(safe, sizeof(safe), u->tty_path);
		addnstr(safe, COLS > getcurx(stdscr) ? COLS - getcurx(stdscr) : 0);
	}
	attroff(tui_attr(u, C_HEADER, A_BOLD) | A_BOLD);
	top++;
	height--;
	switch (u->pane) {
	case PANE_DETAILS:
		l = malloc(sizeof(*l));
		if (!l)
			return;
		tui_build_details(u, l, now);
		/* long lines wrap: the diagnosis must be readable at 80 columns */
		for (int i = 0, row = 0; i < l->n && row < height; i++) {
			const char *s = l->text[i];
			size_t left = strlen(s);

			attron(l->attr[i]);
			do {
				size_t k = left < (size_t)COLS ? left : (size_t)COLS;

				mvaddnstr(top + row++, 0, s, (int)k);
				s += k;
				left -= k;
			} while (left > 0 && row < height);
			attroff(l->attr[i]);
		}
		free(l);
		break;
	case PANE_EVENTS:
		tui_draw_events(u, top, height);
		break;
	case PANE_TTY:
		tui_draw_tty(u, top, height);
		break;
	case PANE_COUNT:
		break;
	}
}

/* ---- overlays ---- */

static const int tui_menu_sigs[] = {
	SIGTERM, SIGKILL, SIGINT, SIGHUP, SIGQUIT, SIGSTOP, SIGCONT, SIGTSTP,
	SIGUSR1, SIGUSR2, SIGCHLD, SIGALRM, SIGABRT, SIGSEGV, SIGWINCH,
};
#define TUI_N_MENU_SIGS ((int)(sizeof(tui_menu_sigs) / sizeof(tui_menu_sigs[0])))

struct tui_key;
static const struct tui_key *tui_keys_table(size_t *n);

static void tui_draw_box(int h, int w, int *y0, int *x0)
{
	if (h > LINES)
		h = LINES;
	if (w > COLS)
		w = COLS;
	*y0 = (LINES - h) / 2;
	*x0 = (COLS - w) / 2;
	for (int i = 0; i < h; i++)
		mvhline(*y0 + i, *x0, ' ', w);
	attron(A_BOLD);
	mvhline(*y0, *x0, '-', w);
	mvhline(*y0 + h - 1, *x0, '-', w);
	attroff(A_BOLD);
}

static void tui_draw_sigmenu(struct tui *u)
{
	int h = TUI_N_MENU_SIGS + 3, y0, x0;
	char line[64], name[32];

	tui_draw_box(h, 30, &y0, &x0);
	snprintf(line, sizeof(line), " signal to %d ", (int)u->sel_pid);
	tui_put(y0, x0 + 2, line);
	for (int i = 0; i < TUI_N_MENU_SIGS && y0 + 1 + i < LINES; i++) {
		decode_signal(name, sizeof(name), tui_menu_sigs[i]);
		snprintf(line, sizeof(line), " %2d %-10s", tui_menu_sigs[i], name);
		if (i == u->sig_choice)
			attron(A_REVERSE);
		tui_put(y0 + 1 + i, x0 + 2, line);
		if (i == u->sig_choice)
			attroff(A_REVERSE);
	}
	tui_put(y0 + h - 1, x0 + 2, " Enter: send  Esc: cancel ");
}

struct tui_key {
	int key, key2;
	const char *name, *help;
	bool replay_only, live_only;
	int (*act)(struct tui *u);
};

static void tui_draw_help(struct tui *u)
{
	size_t n;
	const struct tui_key *keys = tui_keys_table(&n);
	int y0, x0, row = 1;
	char line[128];

	tui_draw_box(LINES, COLS > 70 ? 70 : COLS, &y0, &x0);
	tui_put(y0, x0 + 2, " keys (any key closes) ");
	for (size_t i = 0; i < n && row < LINES - 1; i++) {
		if ((keys[i].replay_only && u->t) || (keys[i].live_only && !u->t))
			continue;
		snprintf(line, sizeof(line), "%-12s %s", keys[i].name, keys[i].help);
		tui_put(y0 + row++, x0 + 2, line);
	}
}

static void tui_draw(struct tui *u)
{
	uint64_t now = tui_now(u);
	struct model_counts c;
	char head[400], ts[32];
	int tree_h, pane_top;
	bool has_code;
	int code;

	erase();
	model_counts(u->m, &c);
	text_duration(ts, sizeof(ts), now);
	if (u->t)
		snprintf(head, sizeof(head),
			 "proctrace %s  t=%s  procs %zu  zombies %zu  stopped %zu  threads %zu%s%s%s",
			 model_attach_mode(u->m) ? "attach" : "live", ts, c.live,
			 c.zombies, c.stopped, c.threads, u->paused ? "  [PAUSED]" : "",
			 u->follow ? "  [follow]" : "",
			 model_ended(u->m, &has_code, &code) || !u->t->tasks.n_tasks ?
				 "  trace over: q quits" : "");
	else
		snprintf(head, sizeof(head),
			 "proctrace replay  event %zu/%zu  t=%s  procs %zu  zombies %zu  stopped %zu  %s x%d",
			 u->cursor, u->n_lines, ts, c.live, c.zombies, c.stopped,
			 u->playing ? "[playing]" : "[paused]", u->speed);
	attron(tui_attr(u, C_HEADER, A_REVERSE) | A_BOLD);
	mvhline(0, 0, ' ', COLS);
	tui_put(0, 0, head);
	attroff(tui_attr(u, C_HEADER, A_REVERSE) | A_BOLD);
	/* tree on top, the pane below, one status line */
	tree_h = (LINES - 2) / 2;
	if (tree_h < 3)
		tree_h = LINES > 5 ? 3 : 1;
	pane_top = 1 + tree_h;
	tui_draw_tree(u, 1, tree_h, now);
	if (LINES - 1 - pane_top > 1)
		tui_draw_pane(u, pane_top, LINES - 1 - pane_top, now);
	if (u->mode == MODE_SEARCH)
		snprintf(head, sizeof(head), "/%s_   (Enter: keep filter, Esc: clear)",
			 u->search);
	else if (u->msg[0] && clock_mono_ns() < u->msg_until)
		snprintf(head, sizeof(head), "%s", u->msg);
	else if (u->t)
		snprintf(head, sizeof(head),
			 "?:help q:quit j/k:move Enter:fold s:signal K:kill d:detach Tab:pane /:filter");
	else
		snprintf(head, sizeof(head),
			 "?:help q:quit n/b:step S/Z/E:next signal/zombie/exec p:play +/-:speed Tab:pane");
	attron(A_BOLD);
	mvhline(LINES - 1, 0, ' ', COLS);
	tui_put(LINES - 1, 0, head);
	attroff(A_BOLD);
	if (u->mode == MODE_SIGMENU)
		tui_draw_sigmenu(u);
	else if (u->mode == MODE_HELP)
		tui_draw_help(u);
	refresh();
	u->dirty = false;
}

/* ---- actions: each returns a tui_reaction mask ---- */

static int tui_move(struct tui *u, int delta)
{
	struct model_row *rows;
	size_t n = tui_rows(u, &rows);
	long i = tui_sel_index(u, rows, n);

	if (i < 0)
		return TR_NONE;
	i += delta;
	if (i < 0)
		i = 0;
	if ((size_t)i >= n)
		i = (long)n - 1;
	tui_select_row(u, &rows[i]);
	u->follow = false;
	return TR_REDRAW;
}

static int act_up(struct tui *u) { return tui_move(u, -1); }
static int act_down(struct tui *u) { return tui_move(u, 1); }
static int act_pgup(struct tui *u) { return tui_move(u, -10); }
static int act_pgdn(struct tui *u) { return tui_move(u, 10); }

static int act_fold(struct tui *u)
{
	struct model_proc *p = model_find(u->m, u->sel_pid);

	if (!p)
		return TR_NONE;
	p->expanded = !p->expanded;
	u->sel_tid = 0;
	return TR_REDRAW;
}

static int act_pane(struct tui *u)
{
	u->pane = (u->pane + 1) % PANE_COUNT;
	u->pane_scroll = 0;
	return TR_REDRAW;
}

static int act_scroll_up(struct tui *u)
{
	u->pane_scroll += 5;
	return TR_REDRAW;
}

static int act_scroll_down(struct tui *u)
{
	u->pane_scroll = u->pane_scroll > 5 ? u->pane_scroll - 5 : 0;
	return TR_REDRAW;
}

static int act_log_scope(struct tui *u)
{
	u->log_all = !u->log_all;
	u->pane = PANE_EVENTS;
	return TR_REDRAW;
}

static int act_gone(struct tui *u)
{
	u->show_gone = !u->show_gone;
	tui_msg(u, "reaped processes: %s",
		u->show_gone ? "the newest " TUI_STR(MODEL_GONE_MAX) " shown" :
			       "shown 5 s");
	return TR_REDRAW;
}

static int act_help(struct tui *u)
{
	u->mode = MODE_HELP;
	return TR_REDRAW;
}

static int act_search(struct tui *u)
{
	u->mode = MODE_SEARCH;
	u->pane = PANE_EVENTS;
	return TR_REDRAW;
}

static int act_quit(struct tui *u)
{
	u->quitting = true;
	return TR_QUIT;
}

static int act_sigmenu(struct tui *u)
{
	if (!model_find(u->m, u->sel_pid))
		return TR_NONE;
	u->mode = MODE_SIGMENU;
	u->sig_choice = 0;
	return TR_REDRAW;
}

static int tui_send(struct tui *u, int sig)
{
	struct model_proc *p = model_find(u->m, u->sel_pid);
	char name[32];

	decode_signal(name, sizeof(name), sig);
	if (!p || p->exited) {
		tui_msg(u, "%d has exited: no signal sent", (int)u->sel_pid);
		return TR_REDRAW;
	}
	if (kill(p->pid, sig) < 0)
		tui_msg(u, "kill(%d, %s): %s", (int)p->pid, name, strerror(errno));
	else
		tui_msg(u, "sent %s to %d", name, (int)p->pid);
	return TR_REDRAW;
}

static int act_kill(struct tui *u)
{
	return tui_send(u, SIGKILL);
}

static int act_detach(struct tui *u)
{
	const char *why = NULL;

	if (engine_detach_proc(u->t, u->sel_pid, &why) < 0)
		tui_msg(u, "cannot detach %d: %s", (int)u->sel_pid, why ? why : "?");
	else
		tui_msg(u, "detaching %d", (int)u->sel_pid);
	return TR_REDRAW;
}

static int act_pause(struct tui *u)
{
	if (!u->t) {
		u->playing = !u->playing;
		u->play_next = clock_mono_ns();
		return TR_REDRAW;
	}
	u->paused = !u->paused;
	return TR_REDRAW;
}

static int act_follow(struct tui *u)
{
	u->follow = !u->follow;
	return TR_REDRAW;
}

/* replay: the time cursor */
static int tui_seek(struct tui *u, size_t cursor)
{
	if (cursor < 1)
		cursor = 1;
	if (cursor > u->n_lines)
		cursor = u->n_lines;
	if (cursor == u->cursor)
		return TR_NONE;
	u->cursor = cursor;
	return TR_REBUILD | TR_REDRAW;
}

static int act_step(struct tui *u) { return tui_seek(u, u->cursor + 1); }
static int act_back(struct tui *u) { return tui_seek(u, u->cursor > 1 ? u->cursor - 1 : 1); }
static int act_first(struct tui *u) { return tui_seek(u, 1); }
static int act_last(struct tui *u) { return tui_seek(u, u->n_lines); }

static int act_faster(struct tui *u)
{
	if (u->speed < 1024)
		u->speed *= 2;
	return TR_REDRAW;
}

static int act_slower(struct tui *u)
{
	if (u->speed > 1)
		u->speed /= 2;
	return TR_REDRAW;
}

/* The next event (after the cursor) that match() accepts. */
static int tui_jump(struct tui *u, bool (*match)(const struct pt_event *ev),
		    const char *what)
{
	char err[256];
	struct pt_event ev;

	for (size_t i = u->cursor; i < u->n_lines; i++) {
		if (replay_parse_line(u->rl, u->lines[i], u->line_len[i], -1, &ev,
				      err, sizeof(err)) == 0 &&
		    match(&ev)) {
			tui_msg(u, "%s at event %zu", what, i + 1);
			if (ev.pid > 0)
				u->sel_pid = ev.kind == EV_CLONE ? ev.u.clone.child_pid : ev.pid;
			return tui_seek(u, i + 1);
		}
	}
	tui_msg(u, "no later %s", what);
	return TR_REDRAW;
}

static bool tui_is_signal(const struct pt_event *ev) { return ev->kind == EV_SIGNAL; }
static bool tui_is_exec(const struct pt_event *ev) { return ev->kind == EV_EXEC; }
static bool tui_is_zombie(const struct pt_event *ev)
{
	return ev->kind == EV_EXIT && ev->u.exit.group;
}

static int act_next_signal(struct tui *u) { return tui_jump(u, tui_is_signal, "signal"); }
static int act_next_zombie(struct tui *u) { return tui_jump(u, tui_is_zombie, "zombie"); }
static int act_next_exec(struct tui *u) { return tui_jump(u, tui_is_exec, "exec"); }

/* The key table: one place binds keys, names them and says what they do. */
static const struct tui_key tui_keys[] = {
	{ KEY_UP, 'k', "Up / k", "select the process above", false, false, act_up },
	{ KEY_DOWN, 'j', "Down / j", "select the process below", false, false, act_down },
	{ KEY_PPAGE, 0, "PgUp", "ten rows up", false, false, act_pgup },
	{ KEY_NPAGE, 0, "PgDn", "ten rows down", false, false, act_pgdn },
	{ '\n', ' ', "Enter/Space", "fold/unfold the threads of the process", false, false, act_fold },
	{ '\t', 0, "Tab", "next pane: details, events, tracee output", false, false, act_pane },
	{ '[', 0, "[ / ]", "scroll the pane back / forward", false, false, act_scroll_up },
	{ ']', 0, NULL, NULL, false, false, act_scroll_down },
	{ 'e', 0, "e", "events of the selection / of all", false, false, act_log_scope },
	{ '/', 0, "/", "filter the event pane by text", false, false, act_search },
	{ 'a', 0, "a", "keep reaped processes in the tree (newest " TUI_STR(MODEL_GONE_MAX) ")", false, false, act_gone },
	{ 's', 0, "s", "send a signal to the selection (menu)", false, true, act_sigmenu },
	{ 'K', 0, "K", "SIGKILL the selection", false, true, act_kill },
	{ 'd', 0, "d", "detach from the selection", false, true, act_detach },
	{ 'p', 0, "p", "pause/resume the display (replay: play)", false, false, act_pause },
	{ 'f', 0, "f", "follow new processes", false, true, act_follow },
	{ 'n', KEY_RIGHT, "n / Right", "one event forward", true, false, act_step },
	{ 'b', KEY_LEFT, "b / Left", "one event back", true, false, act_back },
	{ 'g', KEY_HOME, "g / Home", "to the first event", true, false, act_first },
	{ 'G', KEY_END, "G / End", "to the last event", true, false, act_last },
	{ 'S', 0, "S", "to the next signal", true, false, act_next_signal },
	{ 'Z', 0, "Z", "to the next exit (zombie)", true, false, act_next_zombie },
	{ 'E', 0, "E", "to the next exec", true, false, act_next_exec },
	{ '+', '>', "+ / -", "play faster / slower", true, false, act_faster },
	{ '-', '<', NULL, NULL, true, false, act_slower },
	{ '?', 'h', "?", "this help", false, false, act_help },
	{ 'q', 0, "q", "quit: detach, or SIGTERM to the command (again: SIGKILL)", false, false, act_quit },
};

static const struct tui_key *tui_keys_table(size_t *n)
{
	static struct tui_key named[sizeof(tui_keys) / sizeof(tui_keys[0])];
	size_t k = 0;

	for (size_t i = 0; i < sizeof(tui_keys) / sizeof(tui_keys[0]); i++)
		if (tui_keys[i].name)
			named[k++] = tui_keys[i];
	*n = k;
	return named;
}

static int tui_key_sigmenu(struct tui *u, int ch)
{
	switch (ch) {
	case KEY_UP:
	case 'k':
		u->sig_choice = u->sig_choice > 0 ? u->sig_choice - 1 : 0;
		return TR_REDRAW;
	case KEY_DOWN:
	case 'j':
		if (u->sig_choice < TUI_N_MENU_SIGS - 1)
			u->sig_choice++;
		return TR_REDRAW;
	case '\n':
	case KEY_ENTER:
		u->mode = MODE_NORMAL;
		return tui_send(u, tui_menu_sigs[u->sig_choice]);
	case 27:
	case 'q':
		u->mode = MODE_NORMAL;
		return TR_REDRAW;
	default:
		return TR_NONE;
	}
}

static int tui_key_search(struct tui *u, int ch)
{
	if (ch == 27) {
		u->search_len = 0;
		u->search[0] = '\0';
		u->mode = MODE_NORMAL;
	} else if (ch == '\n' || ch == KEY_ENTER) {
		u->mode = MODE_NORMAL;
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (u->search_len)
			u->search[--u->search_len] = '\0';
	} else if (ch >= 0x20 && ch < 0x7f && u->search_len + 1 < sizeof(u->search)) {
		u->search[u->search_len++] = (char)ch;
		u->search[u->search_len] = '\0';
	}
	return TR_REDRAW;
}

static int tui_key(struct tui *u, int ch)
{
	if (ch == KEY_RESIZE)
		return TR_REDRAW;
	switch (u->mode) {
	case MODE_SIGMENU:
		return tui_key_sigmenu(u, ch);
	case MODE_SEARCH:
		return tui_key_search(u, ch);
	case MODE_HELP:
		u->mode = MODE_NORMAL;
		return TR_REDRAW;
	case MODE_NORMAL:
		break;
	}
	for (size_t i = 0; i < sizeof(tui_keys) / sizeof(tui_keys[0]); i++) {
		const struct tui_key *k = &tui_keys[i];

		if (ch != k->key && (!k->key2 || ch != k->key2))
			continue;
		if (k->live_only && !u->t) {
			tui_msg(u, "replay: that key works on a live trace only");
			return TR_REDRAW;
		}
		if (k->replay_only && u->t)
			continue;
		return k->act(u);
	}
	return TR_NONE;
}

/* Every key waiting (non-blocking); the reactions or'ed. */
static int tui_drain_keys(struct tui *u)
{
	int ch, r = 0;

	while ((ch = getch()) != ERR) {
		r |= tui_key(u, ch);
		if (r & TR_QUIT)
			break;
	}
	return r;
}

/* ---- terminal set-up ---- */

static void tui_end_curses(void)
{
	if (tui_active && tui_active->curses_on) {
		endwin();
		tui_active->curses_on = false;
	}
}

static int tui_start_curses(struct tui *u)
{
	static bool atexit_done;

	if (!isatty(0) || !isatty(1)) {
		fprintf(stderr, "proctrace: --tui needs a terminal on stdin and stdout\n");
		return -1;
	}
	if (!newterm(NULL, stdout, stdin)) {
		fprintf(stderr, "proctrace: cannot start the terminal UI (TERM=%s)\n",
			getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	u->curses_on = true;
	tui_active = u;
	if (!atexit_done) {
		atexit(tui_end_curses);
		atexit_done = true;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	set_escdelay(50);
	u->color = !u->no_color && has_colors();
	if (u->color) {
		start_color();
		use_default_colors();
		init_pair(C_ZOMBIE, COLOR_RED, -1);
		init_pair(C_CHANGED, COLOR_YELLOW, -1);
		init_pair(C_HEADER, COLOR_CYAN, -1);
		init_pair(C_RUNNING, COLOR_GREEN, -1);
		init_pair(C_STOPPED, COLOR_MAGENTA, -1);
		init_pair(C_GONE, COLOR_BLUE, -1);
		init_pair(C_SELECT, COLOR_BLACK, COLOR_WHITE);
	}
	return 0;
}

/* nonl() makes Enter arrive as '\r': one name for it in the table. */
static int tui_getkey_fix(int ch)
{
	return ch == '\r' ? '\n' : ch;
}

/* ---- live ---- */

static void tui_follow(struct tui *u)
{
	uint64_t serial = model_serial(u->m);

	if (!u->follow || serial == u->follow_seen)
		return;
	/* the newest live record made since the last look */
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
static void tui_default_selection(struct tui *u)
{
	struct model_proc *p;

	if (u->sel_pid || !(p = model_proc_at(u->m, 0)))
		return;
	u->sel_pid = p->pid;
	u->sel_tid = 0;
}

/* POLLHUP/POLLERR on the terminal: it hung up (window closed, ssh gone). */
static bool tui_term_hung_up(short revents)
{
	return revents & (POLLHUP | POLLERR | POLLNVAL);
}

static bool tui_term_lost(void)
{
	struct pollfd pfd = { 0, POLLIN, 0 };

	return poll(&pfd, 1, 0) > 0 && tui_term_hung_up(pfd.revents);
}

/*
 * q on a live trace: attached tracees are let go; a launched command gets
 * SIGTERM, so its handlers run, and a second q kills its tree.
 */
static void tui_quit_live(struct tui *u, struct tracer *t)
{
	switch (engine_request_quit(t, SIGTERM)) {
	case EQ_DETACH:
		break;
	case EQ_SENT:
		if (t->root_done)
			tui_msg(u, "sent SIGTERM to the rest of the command's tree (q again: SIGKILL)");
		else
			tui_msg(u, "sent SIGTERM to %d (q again: SIGKILL)",
				(int)t->root_pid);
		break;
	case EQ_KILL:
		tui_msg(u, "killing the traced processes (SIGKILL)");
		break;
	}
	u->dirty = true;
}

static void tui_live_input(struct tui *u, struct tracer *t)
{
	int ch, r = 0;

	/*
	 * Without this, poll reports the dead terminal readable forever and
	 * getch never reads a key: the UI ends as on q, no screen left to draw.
	 */
	if (tui_term_lost()) {
		tui_end_curses();
		engine_hangup(t);
		return;
	}
	while ((ch = getch()) != ERR) {
		r |= tui_key(u, tui_getkey_fix(ch));
		if (r & TR_QUIT)
			break;
	}
	if (r & TR_QUIT)
		tui_quit_live(u, t);
	if (r & TR_REDRAW)
		u->dirty = true;
}

static void tui_live_redraw(struct tui *u, uint64_t now)
{
	if (u->paused && !u->dirty)
		return;
	tui_default_selection(u);
	tui_follow(u);
	tui_draw(u);
	u->next_draw = now + TUI_REDRAW_MS * 1000000ull;
}

static int tui_obs_poll_fd(void *ctx)
{
	struct tui *u = ctx;

	return u->curses_on ? 0 : -1;
}

static void tui_obs_readable(void *ctx, struct tracer *t)
{
	struct tui *u = ctx;

	tui_live_input(u, t);
	if (u->dirty && u->curses_on)
		tui_live_redraw(u, engine_now(t));
}

static int tui_obs_timeout(void *ctx, struct tracer *t, uint64_t now)
{
	struct tui *u = ctx;

	(void)t;
	if (!u->curses_on)
		return -1;
	return now >= u->next_draw ? 0 : (int)((u->next_draw - now) / 1000000ull);
}

static void tui_obs_tick(void *ctx, struct tracer *t, uint64_t now)
{
	struct tui *u = ctx;

	/* A resize arrives as KEY_RESIZE without the fd turning readable. */
	tui_live_input(u, t);
	if (u->curses_on)
		tui_live_redraw(u, now);
}

/*
 * The trace is over: keep showing it until q (unless q ended it), a
 * terminating signal, or the terminal going away.
 */
static void tui_obs_finish(void *ctx, struct tracer *t)
{
	struct tui *u = ctx;
	struct pollfd pfd[2] = {
		{ 0, POLLIN, 0 }, { engine_signal_fd(t), POLLIN, 0 },
	};

	u->paused = false;
	while (u->curses_on && !u->quitting && !t->quit_signal) {
		int r;

		u->dirty = true;
		tui_live_redraw(u, engine_now(t));
		if (poll(pfd, 2, 250) < 0 && errno != EINTR)
			break;
		if (pfd[1].revents)
			engine_read_signals(t);
		if (tui_term_hung_up(pfd[0].revents))
			break;
		r = tui_drain_keys(u);
		if (r & TR_QUIT)
			break;
	}
	tui_end_curses();
}

static const struct observer_ops tui_obs_ops = {
	.name = "tui",
	.poll_fd = tui_obs_poll_fd,
	.readable = tui_obs_readable,
	.timeout_ms = tui_obs_timeout,
	.tick = tui_obs_tick,
	.finish = tui_obs_finish,
};

/* The model as the live sink; close frees the model and the view after the end event. */
static void tui_sink_event(void *ctx, const struct pt_event *ev)
{
	struct tui *u = ctx;
	struct proc_stat st;

	model_event(u->m, ev);
	/*
	 * An attach event carries no parent (EVENTS.md): this view is live, so
	 * /proc tells it, and -p --tree shows a tree.  A replay keeps them roots.
	 */
	if (ev->kind == EV_ATTACH && ev->pid == ev->tid &&
	    procfs_stat(ev->pid, &st) == 0 && st.ppid > 0)
		model_set_ppid(u->m, ev->pid, st.ppid);
	u->dirty = true;
}

static void tui_sink_flush(void *ctx)
{
	(void)ctx;
}

static int tui_sink_close(void *ctx)
{
	struct tui *u = ctx;

	tui_end_curses();
	if (tui_active == u)
		tui_active = NULL;
	model_free(u->m);
	free(u);
	return 0;
}

static const struct sink_ops tui_sink_ops = {
	.name = "tui",
	.event = tui_sink_event,
	.flush = tui_sink_flush,
	.close = tui_sink_close,
};

int tui_register(struct tracer *t, const struct options *o)
{
	struct text_opts topts = { .strsize = o->strsize, .ts = o->ts };
	struct tui *u;

	if (!o->tui)
		return 0;
	u = calloc(1, sizeof(*u));
	if (!u || !(u->m = text_lines_model_new(&topts))) {
		free(u);
		fprintf(stderr, "proctrace: out of memory\n");
		return -1;
	}
	u->t = t;
	u->no_color = o->no_color;
	u->sel_tid = 0;
	u->log_all = true;
	u->speed = 1;
	if (!o->trace.n_pids) {
		int fd;

		/* Made here so a bad path is one clear line, not a dead child. */
		snprintf(u->tty_path, sizeof(u->tty_path), "%s",
			 o->trace.stdio_path);
		fd = open(u->tty_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0) {
			fprintf(stderr, "proctrace: cannot open %s: %s\n", u->tty_path,
				strerror(errno));
			model_free(u->m);
			free(u);
			return -1;
		}
		close(fd);
	}
	if (tui_start_curses(u) < 0) {
		model_free(u->m);
		free(u);
		return -1;
	}
	if (sinks_add(&t->sinks, &tui_sink_ops, u, EVC_ALL) < 0 ||
	    observers_add(&t->obs, &tui_obs_ops, u) < 0) {
		tui_end_curses();
		fprintf(stderr, "proctrace: too many sinks or observers for --tui\n");
		model_free(u->m);
		free(u);
		return -1;
	}
	u->dirty = true;
	return 0;
}

/* ---- replay ---- */

static void tui_rebuild(struct tui *u)
{
	size_t n = model_nprocs(u->m), k = 0;
	pid_t *expanded = malloc((n + 1) * sizeof(*expanded));
	char err[256];
	struct pt_event ev;

	/* The fold state is the view's: carry it over the rebuild. */
	for (size_t i = 0; expanded && i < n; i++)
		if (model_proc_at(u->m, i)->expanded)
			expanded[k++] = model_proc_at(u->m, i)->pid;
	model_reset(u->m);
	for (size_t i = 0; i < u->cursor && i < u->n_lines; i++)
		if (replay_parse_line(u->rl, u->lines[i], u->line_len[i], -1, &ev,
				      err, sizeof(err)) == 0)
			model_event(u->m, &ev);
	for (size_t i = 0; i < k; i++) {
		struct model_proc *p = model_find(u->m, expanded[i]);

		if (p)
			p->expanded = true;
	}
	free(expanded);
}

/* ns of wall clock until the event after the cursor, at the play speed. */
static uint64_t tui_play_delay(struct tui *u)
{
	char err[256];
	struct pt_event a, b;
	uint64_t ta, d;

	if (u->cursor == 0 || u->cursor >= u->n_lines)
		return 0;
	if (replay_parse_line(u->rl, u->lines[u->cursor - 1], u->line_len[u->cursor - 1],
			      -1, &a, err, sizeof(err)) < 0)
		return 0;
	ta = a.ts;
	if (replay_parse_line(u->rl, u->lines[u->cursor], u->line_len[u->cursor], -1,
			      &b, err, sizeof(err)) < 0)
		return 0;
	d = b.ts > ta ? (b.ts - ta) / (uint64_t)u->speed : 0;
	return d > 1000000000ull ? 1000000000ull : d;
}

static int tui_load(struct tui *u)
{
	struct pt_event ev;
	size_t cap = 0;
	int r;

	while ((r = replay_next(u->rl, &ev)) > 0) {
		size_t len;
		const char *line = replay_line(u->rl, &len);

		if (u->n_lines == cap) {
			size_t nc = cap ? cap * 2 : 256;
			char **l = realloc(u->lines, nc * sizeof(*l));
			size_t *ll = realloc(u->line_len, nc * sizeof(*ll));

			if (l)
				u->lines = l;
			if (ll)
				u->line_len = ll;
			if (!l || !ll)
				return -1;
			cap = nc;
		}
		u->lines[u->n_lines] = strndup(line, len);
		u->line_len[u->n_lines++] = len;
	}
	if (r < 0) {
		fprintf(stderr, "proctrace: %s\n", replay_error(u->rl));
		return -1;
	}
	if (replay_warning(u->rl, 0))
		tui_msg(u, "warning: %s", replay_warning(u->rl, 0));
	return 0;
}

int tui_replay(struct replay_log *rl, const char *path, bool no_color,
	       const struct text_opts *topts)
{
	struct tui *u = calloc(1, sizeof(*u));
	struct pollfd pfd = { 0, POLLIN, 0 };
	int rc = 0;

	if (!u)
		return 1;
	u->rl = rl;
	u->log_path = path;
	u->no_color = no_color;
	u->sel_tid = 0;
	u->log_all = true;
	u->speed = 1;
	u->m = text_lines_model_new(topts);
	if (!u->m || tui_load(u) < 0 || tui_start_curses(u) < 0) {
		rc = 1;
		goto out;
	}
	u->cursor = u->n_lines ? 1 : 0;
	tui_rebuild(u);
	for (;;) {
		uint64_t wall = clock_mono_ns();
		int r, timeout = 250;

		if (u->playing) {
			if (wall >= u->play_next) {
				if (u->cursor >= u->n_lines) {
					u->playing = false;
				} else {
					u->cursor++;
					tui_rebuild(u);
					u->play_next = wall + tui_play_delay(u);
				}
			}
			timeout = u->play_next > wall ?
					  (int)((u->play_next - wall) / 1000000ull) : 0;
			if (timeout > 250)
				timeout = 250;
		}
		tui_default_selection(u);
		tui_draw(u);
		if (poll(&pfd, 1, timeout) < 0 && errno != EINTR)
			break;
		if (tui_term_hung_up(pfd.revents))
			break;
		r = 0;
		for (int ch; (ch = getch()) != ERR;) {
			r |= tui_key(u, tui_getkey_fix(ch));
			if (r & TR_QUIT)
				break;
		}
		if (r & TR_QUIT)
			break;
		if (r & TR_REBUILD)
			tui_rebuild(u);
	}
out:
	tui_end_curses();
	if (tui_active == u)
		tui_active = NULL;
	for (size_t i = 0; i < u->n_lines; i++)
		free(u->lines[i]);
	free(u->lines);
	free(u->line_len);
	model_free(u->m);
	free(u);
	return rc;
}
