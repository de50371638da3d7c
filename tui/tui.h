/* tui.h - the terminal UI: a live observer of the tracer, or a viewer of a saved log. */
#ifndef PROCTRACE_TUI_H
#define PROCTRACE_TUI_H

#include <stdbool.h>

#include "output/text_sink.h"
#include "cli/options.h"
#include "tracer/engine.h"

struct replay_log;

/*
 * Live: start the terminal UI for a trace, adding its model as a sink and
 * itself as an observer of t.  Called from features_register when --tui is
 * given.  Returns 0, or -1 after printing one "proctrace: ..." line (no
 * terminal).
 */
int tui_register(struct tracer *t, const struct options *o);

/*
 * Replay: browse the log rl (already opened) with a time cursor.  Returns
 * the exit status for proctrace (0, or 1 after a one-line message).
 */
int tui_replay(struct replay_log *rl, const char *path, bool no_color,
	       const struct text_opts *topts);

#endif
