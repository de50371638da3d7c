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

/* A --break hit (the break event): select pid and show the banner. */
void tui_break_hit(struct tui *u, const struct pt_event *ev);

/* A message on the status line for a few seconds. */
void tui_msg(struct tui *u, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
