/* pftrace.h - Perfetto's native protobuf trace (ui.perfetto.dev) from the event stream, streamed. */
#ifndef PROCTRACE_PFTRACE_H
#define PROCTRACE_PFTRACE_H

#include <stdio.h>

#include "event/sink.h"

/*
 * A sink writing a Perfetto Trace as the events come: a track per process
 * incarnation (parent_uuid: its parent's), a child track per thread and a
 * state track per process; slices for each life, exec'd image and zombie
 * time; instants for signals, creds, ns, vma and plt with their fields as
 * debug annotations; flows clone -> child and send -> delivery; counters of
 * live processes, zombies and threads.  Memory follows the live tasks, not
 * the log.  out is not closed.
 */
void *pftrace_sink_new(FILE *out);
extern const struct sink_ops pftrace_sink_ops;

/*
 * A first pass over the same log, before any event: it finds which sends
 * were delivered, so that only those get a flow.  Without it (a log read
 * from stdin) sends get no flow.
 */
void pftrace_sink_prescan(void *ctx, const struct pt_event *ev);
void pftrace_sink_prescan_done(void *ctx);

/* Free a sink whose log turned out bad; what was written stays. */
void pftrace_sink_discard(void *ctx);

#endif
