/* view.h - the view's state, shared by the files of tui/ only. */
#ifndef PROCTRACE_TUI_VIEW_H
#define PROCTRACE_TUI_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "model/model.h"
#include "tui/tui.h"
#include "tui/tui_source.h"

#define TUI_STR_(x) #x
#define TUI_STR(x) TUI_STR_(x)

/* What an action asks of the loop (htop's Htop_Reaction). */
enum tui_reaction {
	TR_NONE = 0,
	TR_REDRAW = 1 << 0,
	TR_QUIT = 1 << 1,
	TR_REBUILD = 1 << 2, /* replay: the cursor moved, rebuild the model */
};

enum tui_pane { PANE_DETAILS, PANE_EVENTS, PANE_TTY, PANE_COUNT };
enum tui_mode {
	MODE_NORMAL,
	MODE_SIGMENU,
	MODE_SEARCH,
	MODE_HELP,
	MODE_BREAKS, /* the breakpoint menu (breaks.c) */
	MODE_BREAK_ADD, /* typing a new breakpoint's spec */
	MODE_FIND, /* the process search line (tree_search.c) */
	MODE_COLUMNS, /* the column chooser (tree_columns.c) */
	MODE_CONFIRM, /* a y/n question (tree_search.c) */
	MODE_COUNT
};

enum tui_color {
	C_ZOMBIE = 1,
	C_CHANGED,
	C_HEADER,
	C_RUNNING,
	C_STOPPED,
	C_GONE,
	C_SELECT,
};

/* The replay cursor (player.c). */
struct tui_player {
	struct tui_log log;
	size_t n_events;
	size_t cursor; /* events applied */
	bool playing;
	int speed;
	uint64_t play_next; /* wall-clock ns of the next step */
	/* the play clock: log ts play_ts at wall-clock play_wall, x speed */
	uint64_t play_ts, play_wall;
	/* model checkpoints (player.c): cks[k] after k * ck_every events */
	struct model_checkpoint **cks;
	size_t n_cks, ck_every;
	/* finer ones inside segment fine_seg, made by seeks back (b held) */
	struct model_checkpoint **fine;
	size_t n_fine, fine_every, fine_seg;
	bool fine_on; /* this feed takes fine checkpoints */
	size_t applied; /* events the model has applied, (size_t)-1 unknown */
};

/* A row of the tree as drawn (tree_rows.c): a process, a thread, a fold. */
enum tui_vrow_kind { TV_PROC, TV_THREAD, TV_FOLD };

struct tui_vrow {
	struct model_proc *proc; /* a fold: its parent, NULL at the top */
	int thread; /* -1: the process row, else index into threads */
	int depth;
	enum tui_vrow_kind kind;
	size_t folded; /* a fold: how many reaped processes it stands for */
	long up; /* the parent's row, -1 at the top */
	bool last; /* the last of its siblings (draws the corner) */
};

struct tui_key;
struct decode_buf;

/* One mode's keys: a table of {key, action}, and one for any other key. */
struct tui_keymap {
	const struct tui_key *keys;
	size_t n;
	int (*other)(struct tui *u, int ch);
};

struct tui_key {
	int key, key2;
	const char *name, *help; /* NULL: shown with the row above */
	int (*act)(struct tui *u);
};

#define TUI_KEYMAP(table, other)                                     \
	{                                                            \
		(table), sizeof(table) / sizeof((table)[0]), (other) \
	}

struct tui {
	struct model *m;
	struct tui_source src;
	struct tui_player *player; /* NULL: live */
	const struct tui_keymap *extra_keys; /* live keys, or the player's */
	bool no_color, color;
	bool curses_on;
	bool quitting; /* q pressed: do not linger at the end */
	bool dirty;
	uint64_t next_draw;
	char tty_path[512]; /* "" when not captured */
	size_t (*escape)(char *buf, size_t size, const char *s, size_t len);
	size_t (*duration)(char *buf, size_t size, uint64_t ns);
	/* selection and view */
	pid_t sel_pid;
	pid_t sel_tid; /* 0: the process row (tids stay, indexes shift) */
	int tree_top;
	enum tui_pane pane;
	enum tui_mode mode;
	int pane_scroll; /* lines up from the bottom (events, tty) */
	bool paused, follow, log_all, show_gone;
	uint64_t follow_seen; /* model_serial when follow last looked */
	int sig_choice;
	char search[64];
	size_t search_len;
	char msg[256];
	uint64_t msg_until;
	/* breaks.c: the last hit's banner, the menu */
	pid_t brk_pid; /* held there (0: no banner) */
	char brk_banner[256];
	int brk_choice;
	char brk_spec[64];
	size_t brk_spec_len;
	/* the tree as drawn (tree_rows.c), rebuilt on each use */
	struct tui_vrow *vrows;
	size_t cap_vrows;
	bool ascii; /* tree lines in ASCII (no UTF-8 locale, or --no-color) */
	unsigned columns; /* bit i: tui_tree_columns[i] shown */
	int column_choice; /* the chooser's cursor */
	char find[64]; /* the process search (pid, comm, argv) */
	size_t find_len;
	bool find_filter; /* show only matches and their ancestors */
	int confirm_sig; /* MODE_CONFIRM: 0 detach, else the signal */
	pid_t confirm_pid;
	int details_top; /* the details pane's first line ([ and ]) */
	/* pane_pty.c: the terminal pane, and whether it has the keyboard */
	struct tui_vt *vt[TUI_PTY_COUNT];
	bool pty_focus;
};

/* tui.c */
uint64_t tui_now(const struct tui *u);
/* The screen's split: the tree's height, and the lower pane's title row. */
void tui_layout(int *tree_h, int *pane_top);
int tui_attr(const struct tui *u, enum tui_color c, int mono);
void tui_safe(const struct tui *u, char *buf, size_t size, const char *s);
void tui_put(int y, int x, const char *s);
void tui_fmt_age(char *buf, size_t size, uint64_t ns);
/*
 * zombie_view.c: for a zombie, why it is not reaped; for a live process,
 * its unreaped children and why the oldest stays.  Lines split by '\n';
 * returns 0 when there is nothing to say.
 */
size_t tui_zombie_lines(struct tui *u, const struct model_proc *p, uint64_t now,
			char *buf, size_t size);
void tui_fmt_status(char *buf, size_t size, const struct model_proc *p);
void tui_draw(struct tui *u);

/* tree.c */
size_t tui_tree_rows(struct tui *u, struct tui_vrow **rows);
long tui_tree_sel_index(const struct tui *u, const struct tui_vrow *rows,
			size_t n);
void tui_tree_select(struct tui *u, const struct tui_vrow *r);
int tui_tree_move(struct tui *u, int delta);
char tui_tree_state(struct tui *u, pid_t tid, char model_state);
void tui_tree_draw(struct tui *u, int top, int height, uint64_t now);
void tui_tree_follow(struct tui *u);
void tui_tree_default_selection(struct tui *u);

/* tree_rows.c */
size_t tui_tree_vrows(struct tui *u, uint64_t now, struct tui_vrow **rows);
void tui_tree_prefix(const struct tui *u, const struct tui_vrow *rows, long i,
		     char *buf, size_t size);
bool tui_tree_matches(const struct tui *u, const struct model_proc *p);
void tui_tree_argv(const struct tui *u, char *buf, size_t size,
		   const struct model_proc *p);

/* tree_columns.c */
size_t tui_tree_n_columns(void);
void tui_tree_put_heads(const struct tui *u, struct decode_buf *b);
int tui_tree_columns_open(struct tui *u);
int tui_tree_columns_job(struct tui *u);
void tui_tree_put_columns(struct tui *u, struct decode_buf *b,
			  const struct model_proc *p, uint64_t now);
void tui_tree_columns_menu(struct tui *u);
#define TUI_TREE_COLUMNS_KEYS 5
extern const struct tui_key tui_tree_columns_table[TUI_TREE_COLUMNS_KEYS];

/* tree_search.c */
#define TUI_TREE_FIND_KEYS 4
#define TUI_TREE_CONFIRM_KEYS 1
extern const struct tui_key tui_tree_find_table[TUI_TREE_FIND_KEYS];
extern const struct tui_key tui_tree_confirm_table[TUI_TREE_CONFIRM_KEYS];
int tui_tree_find_type(struct tui *u, int ch);
int tui_tree_confirm_other(struct tui *u, int ch);
int tui_tree_find_next(struct tui *u);
int tui_tree_find_search(struct tui *u);
int tui_tree_find_filter(struct tui *u);
int tui_tree_confirm(struct tui *u, int sig);
void tui_tree_status(const struct tui *u, char *buf, size_t size);

/* details.c */
void tui_details_draw(struct tui *u, int top, int height, uint64_t now);

/* panes.c */
extern const int tui_menu_sigs[];
extern const int tui_n_menu_sigs;
void tui_panes_draw(struct tui *u, int top, int height, uint64_t now);
void tui_panes_sigmenu(struct tui *u);
void tui_panes_help(struct tui *u);
int tui_panes_send(struct tui *u, int sig);
void tui_panes_box(int h, int w, int *y0, int *x0);

/* breaks.c: the breakpoint banner, keys and menu */
#define TUI_BREAKS_MENU_KEYS 5
#define TUI_BREAKS_ADD_KEYS 4
extern const struct tui_key tui_breaks_menu_table[TUI_BREAKS_MENU_KEYS];
extern const struct tui_key tui_breaks_add_table[TUI_BREAKS_ADD_KEYS];
int tui_breaks_add_type(struct tui *u, int ch);
int tui_breaks_act_continue(struct tui *u);
int tui_breaks_act_debug(struct tui *u);
int tui_breaks_act_step(struct tui *u);
int tui_breaks_act_menu(struct tui *u);
void tui_breaks_draw(struct tui *u);

/* pane_pty.c: the terminal pane; Ctrl-] gives the keyboard back */
#define TUI_PTY_ESCAPE_KEY 0x1d
struct tui_vt *tui_pty_shown(const struct tui *u);
int tui_pty_act_focus(struct tui *u);
int tui_pty_key(struct tui *u, int ch);
void tui_pty_layout(struct tui *u);
bool tui_pty_draw(struct tui *u, int top, int height);
void tui_pty_title(const struct tui *u, char *buf, size_t size);
void tui_pty_place_cursor(const struct tui *u);

/* keys.c */
extern const struct tui_keymap tui_keys_live;
int tui_keys_read(struct tui *u);
const struct tui_keymap *tui_keys_normal(void);

/* player.c */
extern const struct tui_keymap tui_player_keys;
struct tui_player *tui_player_new(const struct tui_log *log);
void tui_player_free(struct tui_player *pl);
void tui_player_rebuild(struct tui *u);
int tui_player_timeout_ms(struct tui *u, uint64_t wall);
void tui_player_header(const struct tui *u, char *buf, size_t size,
		       const char *ts, const struct model_counts *c);

/* term.c */
int tui_term_start(struct tui *u);
void tui_term_stop(struct tui *u);
bool tui_term_hung_up(short revents);
bool tui_term_lost(void);

#endif
