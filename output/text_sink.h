/* text_sink.h - strace-like text lines, one per event. */
#ifndef PROCTRACE_TEXT_SINK_H
#define PROCTRACE_TEXT_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "event/sink.h"
#include "model/model.h"

enum text_ts {
	TEXT_TS_NONE,
	TEXT_TS_TIME, /* -t:  15:04:05 */
	TEXT_TS_TIME_US, /* -tt: 15:04:05.123456 */
	TEXT_TS_EPOCH_US, /* -ttt: 1796159717.717360 */
	TEXT_TS_RELATIVE, /* -r:  seconds since the previous event */
};

struct text_opts {
	int strsize; /* -s: max bytes of each argv/env string, and max
		      * elements of argv/env, shown (default 32) */
	enum text_ts ts;
	bool color; /* reserved for later; false */
	bool lifetimes; /* -T: "+++ exited with 0 +++ <1.234567>" */
	int quiet; /* -q: no attached/detached; -qq: nor exits of tasks not
		    * seen start */
	bool no_pid; /* -ff: one task per file, no "[PID] " */
	bool exec_context; /* --exec-context: cwd, #!, env diff, fds */
	bool show_cmdline; /* --show-cmdline */
};

/*
 * A text sink writing to out.  With close_file the sink owns out: it must be
 * freshly opened (the sink gives it a large buffer) and is fclosed at close.
 * Without, the owner keeps choosing the buffering: an unbuffered stderr
 * costs one write(2) per fprintf, so main should make it line-buffered
 * (setvbuf(stderr, NULL, _IOLBF, 0)) before the trace starts.
 * strsize < 0 means no limit.
 */
void *text_sink_new(FILE *out, bool close_file, const struct text_opts *opts);
extern const struct sink_ops text_sink_ops;

/* The lines under a successful exec that opts asks for (text_exec_context.c). */
void text_exec_context(FILE *out, const struct ev_exec *x,
		       const struct text_opts *opts);

/*
 * s (len bytes) escaped C-style as the text output shows strings: \n \t \\
 * \" and \xNN for every other byte < 0x20 or >= 0x7f.  snprintf semantics:
 * returns the length the full text needs, never writes past size.
 */
size_t text_escape(char *buf, size_t size, const char *s, size_t len);

/*
 * A model (for the view) whose event pane lines are this sink's text with
 * opts (NULL: defaults), or NULL out of memory.  model_free frees it all.
 */
struct model *text_lines_model_new(const struct text_opts *opts);

/* A duration as the text shows it: "12 us", "301.2 ms", "2.05 s". */
size_t text_duration(char *buf, size_t size, uint64_t ns);

#endif
