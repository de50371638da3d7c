/* tree_columns.c - the tree's optional columns (a table) and their chooser menu (F2 as in htop, or o). */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "decode/decode.h"
#include "tui/view.h"

#define TUI_KEY_ESC 27

struct tui_tree_column {
	const char *head;
	const char *help; /* the chooser's line */
	int width;
	/* the value as text; "-" when unknown */
	void (*fmt)(struct tui *u, char *buf, size_t size,
		    const struct model_proc *p, uint64_t now);
};

static void tui_col_id(char *buf, size_t size, pid_t id)
{
	if (id)
		snprintf(buf, size, "%d", (int)id);
	else
		snprintf(buf, size, "-");
}

static void tui_col_pgid(struct tui *u, char *buf, size_t size,
			 const struct model_proc *p, uint64_t now)
{
	(void)u;
	(void)now;
	tui_col_id(buf, size, p->job.pgid);
}

static void tui_col_sid(struct tui *u, char *buf, size_t size,
			const struct model_proc *p, uint64_t now)
{
	(void)u;
	(void)now;
	tui_col_id(buf, size, p->job.sid);
}

/*
 * CPU% or RSS (rss true) of a live process from the source's usage op;
 * "-" when the source has none (a replay) or the process is gone.
 */
static void tui_col_usage(struct tui *u, char *buf, size_t size,
			  const struct model_proc *p, bool rss)
{
	double cpu;
	unsigned long kib;

	if (!u->src.ops->usage || p->exited ||
	    u->src.ops->usage(u->src.ctx, p->pid, &cpu, &kib) < 0)
		snprintf(buf, size, "-");
	else if (!rss)
		snprintf(buf, size, "%.1f", cpu);
	else if (kib >= 10 * 1024 * 1024)
		snprintf(buf, size, "%luG", kib / (1024 * 1024));
	else if (kib >= 100 * 1024)
		snprintf(buf, size, "%luM", kib / 1024);
	else
		snprintf(buf, size, "%luK", kib);
}

static void tui_col_cpu(struct tui *u, char *buf, size_t size,
			const struct model_proc *p, uint64_t now)
{
	(void)now;
	tui_col_usage(u, buf, size, p, false);
}

static void tui_col_rss(struct tui *u, char *buf, size_t size,
			const struct model_proc *p, uint64_t now)
{
	(void)now;
	tui_col_usage(u, buf, size, p, true);
}

/* The effective uid, shown only where it differs from the parent's. */
static void tui_col_user(struct tui *u, char *buf, size_t size,
			 const struct model_proc *p, uint64_t now)
{
	const struct model_proc *par;

	(void)now;
	if (!p->uid_known) {
		snprintf(buf, size, "-");
		return;
	}
	par = p->ppid ? model_find(u->m, p->ppid) : NULL;
	if (par && par->uid_known && par->uid == p->uid)
		decode_buf_init(&(struct decode_buf){ 0 }, buf, size);
	else
		snprintf(buf, size, "%u", (unsigned)p->uid);
}

static void tui_col_state_age(struct tui *u, char *buf, size_t size,
			      const struct model_proc *p, uint64_t now)
{
	(void)u;
	tui_fmt_age(buf, size, now > p->state_ts ? now - p->state_ts : 0);
}

static const struct tui_tree_column tui_tree_columns[] = {
	{ "PGID", "process group", 7, tui_col_pgid },
	{ "SID", "session", 7, tui_col_sid },
	{ "CPU%", "CPU use (live only)", 5, tui_col_cpu },
	{ "RSS", "resident memory (live only)", 6, tui_col_rss },
	{ "EUID", "effective uid, where it differs from the parent's", 5,
	  tui_col_user },
	{ "SAGE", "time in the current state", 7, tui_col_state_age },
};

#define TUI_N_COLUMNS (sizeof(tui_tree_columns) / sizeof(tui_tree_columns[0]))

size_t tui_tree_n_columns(void)
{
	return TUI_N_COLUMNS;
}

/* The chosen columns' heads. */
void tui_tree_put_heads(const struct tui *u, struct decode_buf *b)
{
	for (size_t i = 0; i < TUI_N_COLUMNS; i++)
		if (u->columns & (1u << i))
			decode_buf_printf(b, " %*s", tui_tree_columns[i].width,
					  tui_tree_columns[i].head);
}

/* The chosen columns of p; p NULL (a thread row): blanks. */
void tui_tree_put_columns(struct tui *u, struct decode_buf *b,
			  const struct model_proc *p, uint64_t now)
{
	char v[32];

	for (size_t i = 0; i < TUI_N_COLUMNS; i++) {
		const struct tui_tree_column *c = &tui_tree_columns[i];

		if (!(u->columns & (1u << i)))
			continue;
		v[0] = '\0';
		if (p)
			c->fmt(u, v, sizeof(v), p, now);
		decode_buf_printf(b, " %*s", c->width, v);
	}
}

/* The chooser: one line per column, a mark when shown. */
void tui_tree_columns_menu(struct tui *u)
{
	int h = (int)TUI_N_COLUMNS + 3, w = 62;
	int y0 = (LINES - h) / 2, x0 = (COLS - w) / 2;
	char line[96];

	if (y0 < 0)
		y0 = 0;
	if (x0 < 0)
		x0 = 0;
	for (int y = 0; y < h && y0 + y < LINES; y++)
		mvhline(y0 + y, x0, ' ', w < COLS ? w : COLS);
	tui_put(y0, x0 + 2, " columns ");
	for (size_t i = 0; i < TUI_N_COLUMNS; i++) {
		snprintf(line, sizeof(line), " [%c] %-5s %s",
			 u->columns & (1u << i) ? 'x' : ' ',
			 tui_tree_columns[i].head, tui_tree_columns[i].help);
		if ((int)i == u->column_choice)
			attron(A_REVERSE);
		tui_put(y0 + 1 + (int)i, x0 + 2, line);
		if ((int)i == u->column_choice)
			attroff(A_REVERSE);
	}
	tui_put(y0 + h - 1, x0 + 2, " Space/Enter: toggle  Esc/C: close ");
}

static int tui_columns_up(struct tui *u)
{
	if (u->column_choice > 0)
		u->column_choice--;
	return TR_REDRAW;
}

static int tui_columns_down(struct tui *u)
{
	if (u->column_choice + 1 < (int)TUI_N_COLUMNS)
		u->column_choice++;
	return TR_REDRAW;
}

static int tui_columns_toggle(struct tui *u)
{
	u->columns ^= 1u << u->column_choice;
	return TR_REDRAW;
}

static int tui_columns_close(struct tui *u)
{
	u->mode = MODE_NORMAL;
	return TR_REDRAW;
}

const struct tui_key tui_tree_columns_table[TUI_TREE_COLUMNS_KEYS] = {
	{ KEY_UP, 'k', "Up / k", "the column above", tui_columns_up },
	{ KEY_DOWN, 'j', "Down / j", "the column below", tui_columns_down },
	{ ' ', '\n', "Space/Enter", "show/hide it", tui_columns_toggle },
	{ TUI_KEY_ESC, 'o', "Esc / o", "close the menu", tui_columns_close },
	{ 'q', KEY_F(2), NULL, NULL, tui_columns_close },
};

/* F2 or o: open the chooser. */
int tui_tree_columns_open(struct tui *u)
{
	u->mode = MODE_COLUMNS;
	return TR_REDRAW;
}

/* c: the job columns (PGID, SID) on or off together. */
int tui_tree_columns_job(struct tui *u)
{
	unsigned job = 3u;

	if ((u->columns & job) == job)
		u->columns &= ~job;
	else
		u->columns |= job;
	return TR_REDRAW;
}
