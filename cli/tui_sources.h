/* tui_sources.h - the terminal UI wired to a live trace (tui_live.c) or to a saved log (tui_replay.c). */
#ifndef PROCTRACE_CLI_TUI_SOURCES_H
#define PROCTRACE_CLI_TUI_SOURCES_H

#include <stdbool.h>

#include "cli/options.h"
#include "output/text_sink.h"
#include "replay/replay.h"
#include "tracer/engine.h"

/*
 * Live: start the terminal UI for a trace, adding its model as a sink and
 * itself as an observer of t.  Called from features_register when --tui is
 * given.  Returns 0, or -1 after printing one "proctrace: ..." line (no
 * terminal).
 */
int tui_register(struct tracer *t, const struct options *o);

/*
 * Replay: browse the log rl (already opened from path, named in the
 * loading notice) with a time cursor.  Returns the exit status for
 * proctrace (0, or 1 after a one-line message).
 */
int tui_replay(struct replay_log *rl, const char *path, bool no_color,
	       const struct text_opts *topts);

#endif
