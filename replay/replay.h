/* replay.h - read a saved JSON Lines event log back into struct pt_event records. */
#ifndef PROCTRACE_REPLAY_H
#define PROCTRACE_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "event/event.h"

/* An opaque log reader: one line, one validated event. */
struct replay_log;

/*
 * Open path ("-" = stdin) for reading.  NULL on failure, with a one-line
 * message (no "proctrace: " prefix) in err.
 */
struct replay_log *replay_open(const char *path, char *err, size_t errsize);

/*
 * A reader over a memory buffer (the fuzz harness); name is used in messages.
 * The buffer must outlive the reader.
 */
struct replay_log *replay_open_mem(const char *buf, size_t len,
				   const char *name);

/*
 * The next event into ev.  Returns 1 (ev filled; its pointers stay valid
 * until the next call or replay_close), 0 at the end of the log, or -1 on a
 * bad line, with "FILE:LINE: what is wrong" in replay_error(); a line over
 * 64 MiB is a bad line ("line longer than 64 MiB"), read no further.  A
 * truncated last line (no newline and not parseable: a killed tracer) ends
 * the log with 0 and a warning, as does a log without its "end" event.
 */
int replay_next(struct replay_log *rl, struct pt_event *ev);
const char *replay_error(const struct replay_log *rl);
/* The raw text of the line replay_next just parsed (valid until the next call). */
const char *replay_line(const struct replay_log *rl, size_t *len);
/*
 * Warning i (0, 1, ...), or NULL past the last: "FILE:LINE: truncated last
 * line ignored", no "end" event, a start.tool other than proctrace.  The
 * log is still read; print them after it.
 */
const char *replay_warning(const struct replay_log *rl, size_t i);
void replay_close(struct replay_log *rl);

/*
 * Parse one line (without its newline) into ev; pointers in ev are owned by
 * rl until the next call.  Returns 0 or -1 with the error text (no file or
 * line prefix) in err.  expect_seq: the seq the line must carry, or -1.
 */
int replay_parse_line(struct replay_log *rl, const char *line, size_t len,
		      long long expect_seq, struct pt_event *ev, char *err,
		      size_t errsize);

#endif
