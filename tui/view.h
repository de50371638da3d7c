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
enum tui_mode { MODE_NORMAL, MODE_SIGMENU, MODE_SEARCH, MODE_HELP, MODE_COUNT };

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

struct tui_key;

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
	bool show_columns; /* the tree's optional columns (PGID, SID) */
	uint64_t follow_seen; /* model_serial when follow last looked */
	int sig_choice;
	char search[64];
	size_t search_len;
	char msg[256];
	uint64_t msg_until;
};

/* tui.c */
uint64_t tui_now(const struct tui *u);
int tui_attr(const struct tui *u, enum tui_color c, int mono);
void tui_safe(const struct tui *u, char *buf, size_t size, const char *s);
void tui_put(int y, int x, const char *s);
void tui_fmt_age(char *buf, size_t size, uint64_t ns);
void tui_fmt_status(char *buf, size_t size, const struct model_proc *p);
void tui_draw(struct tui *u);

/* tree.c */
size_t tui_tree_rows(struct tui *u, struct model_row **rows);
long tui_tree_sel_index(const struct tui *u, const struct model_row *rows,
			size_t n);
void tui_tree_select(struct tui *u, const struct model_row *r);
int tui_tree_move(struct tui *u, int delta);
char tui_tree_state(struct tui *u, pid_t tid, char model_state);
void tui_tree_draw(struct tui *u, int top, int height, uint64_t now);
void tui_tree_follow(struct tui *u);
void tui_tree_default_selection(struct tui *u);

/* details.c */
void tui_details_draw(struct tui *u, int top, int height, uint64_t now);

/* panes.c */
extern const int tui_menu_sigs[];
extern const int tui_n_menu_sigs;
void tui_panes_draw(struct tui *u, int top, int height, uint64_t now);
void tui_panes_sigmenu(struct tui *u);
void tui_panes_help(struct tui *u);
int tui_panes_send(struct tui *u, int sig);

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
