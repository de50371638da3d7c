/* json_sink.h - the JSON Lines event log sink (../shared/EVENTS.md). */
#ifndef PROCTRACE_JSON_SINK_H
#define PROCTRACE_JSON_SINK_H

#include <stdbool.h>
#include <stdio.h>

#include "event/sink.h"

/* A sink writing one JSON object per line to out; close_file: fclose at close. */
void *json_sink_new(FILE *out, bool close_file);
extern const struct sink_ops json_sink_ops;

#endif
