/* perfetto.h - Chrome trace-event JSON (ui.perfetto.dev, chrome://tracing) from the event stream. */
#ifndef PROCTRACE_PERFETTO_H
#define PROCTRACE_PERFETTO_H

#include <stdio.h>

#include "event/sink.h"

/*
 * A sink that collects processes, images, zombie intervals, signals and
 * clones, and writes one JSON trace to out when closed: a track per
 * process incarnation (sorted parent before children) on a synthetic pid,
 * never 0, with the real pid in its name and args, slices for each life,
 * exec'd image and zombie interval, instants for signals with flows sender
 * -> receiver (delivered ones only), flows parent -> child for clone, each
 * end on a zero-length slice of its category, and counters of live and
 * zombie processes.  out is not closed.
 */
void *perfetto_sink_new(FILE *out);
extern const struct sink_ops perfetto_sink_ops;

/* Free a sink that must write nothing (the log was refused). */
void perfetto_sink_discard(void *ctx);

#endif
