/* summary_sink.h - per-process table printed at the end (--summary). */
#ifndef PROCTRACE_SUMMARY_SINK_H
#define PROCTRACE_SUMMARY_SINK_H

#include <stdbool.h>
#include <stdio.h>

#include "event/sink.h"

void *summary_sink_new(FILE *out, bool close_file);
extern const struct sink_ops summary_sink_ops;

#endif
