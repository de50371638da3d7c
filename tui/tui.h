/* tui.h - the terminal UI: a view of the process-tree model fed by a tui_source, live or replayed. */
#ifndef PROCTRACE_TUI_H
#define PROCTRACE_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "tui/tui_source.h"

/* What the view needs of the options, filled by cli/. */
struct tui_opts {
	bool no_color;
	/* the tracee's output file for the tty pane; NULL: not captured */
	const char *tty_path;
	/* s (len bytes) made printable, C-style escapes (snprintf semantics) */
	size_t (*escape)(char *buf, size_t size, const char *s, size_t len);
	/* a duration in ns as the text output spells it */
	size_t (*duration)(char *buf, size_t size, uint64_t ns);
};

struct tui;

/*
 * A view of m (borrowed, the caller feeds and frees it) over src; with a
 * log, the replay player's cursor and keys.  Returns NULL when out of
 * memory.
 */
struct tui *tui_new(struct model *m, const struct tui_source *src,
		    const struct tui_log *log, const struct tui_opts *o);
void tui_free(struct tui *u);

/*
 * Take the terminal.  Returns 0, or -1 after printing one "proctrace: ..."
 * line (no terminal, unknown TERM).
 */
int tui_start(struct tui *u);
/* Give the terminal back (also done at exit and on a fatal signal). */
void tui_stop(struct tui *u);
/* True while the view holds the terminal. */
bool tui_on(const struct tui *u);

/* The model changed: redraw at the next tick. */
void tui_touch(struct tui *u);

/*
 * Live, from the tracer's loop: read the keys waiting (q asks the source
 * to quit) and redraw if needed.  Returns false when the terminal hung up
 * (the view has let it go).
 */
bool tui_input(struct tui *u, uint64_t now);
/* ms until the view wants tick(), -1 when it holds no terminal. */
int tui_timeout_ms(const struct tui *u, uint64_t now);
/* Redraw (unless paused). */
void tui_tick(struct tui *u, uint64_t now);

/*
 * Block showing the model until q, a hang-up, or the source's wake-up
 * says stop; plays the replay log if there is one.  Gives the terminal
 * back at the end.
 */
void tui_run(struct tui *u);

/*
 * The terminal pane: a pty whose screen the lower pane shows (the
 * debugger's, while one runs, over the program's).  Open it once the
 * view holds the terminal (it takes the pane's size).  Returns the slave
 * for the program's stdio (close-on-exec, the caller closes it after the
 * fork), or -1 with one line in err.  copy: NULL, or a file that gets a
 * copy of every byte the program writes.
 */
enum tui_pty { TUI_PTY_PROGRAM, TUI_PTY_DEBUGGER, TUI_PTY_COUNT };
int tui_pty_open(struct tui *u, enum tui_pty which, const char *copy, char *err,
		 size_t errsize);
/* Its master, for the loop to poll; -1 when there is none (or closed). */
int tui_pty_fd(const struct tui *u, enum tui_pty which);
/* The trace is over: read what the program wrote last (bounded wait). */
void tui_pty_drain(struct tui *u, enum tui_pty which);
/* The master is readable: the program wrote (or its side closed). */
void tui_pty_readable(struct tui *u, enum tui_pty which);
/* Close it: the pty hangs up (SIGHUP to the session on it). */
void tui_pty_close(struct tui *u, enum tui_pty which);

/* A --break hit (the break event): select pid and show the banner. */
void tui_break_hit(struct tui *u, const struct pt_event *ev);

/* A message on the status line for a few seconds. */
void tui_msg(struct tui *u, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
