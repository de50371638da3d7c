/* text_ff.h - strace -ff: the text of each task in a file of its own, PREFIX.TID. */
#ifndef PROCTRACE_TEXT_FF_H
#define PROCTRACE_TEXT_FF_H

#include "event/sink.h"
#include "output/text_sink.h"

/*
 * A sink writing each task's lines to PREFIX.TID (as strace -ff: threads
 * too), without the "[PID] " prefix.  A file is created (truncated) at the
 * task's first event and closed after its exit line.  NULL out of memory.
 */
void *text_ff_new(const char *prefix, const struct text_opts *opts);
extern const struct sink_ops text_ff_ops;

#endif
